/* test-journal-queue.c — DossierJournal: the upload queue's life cycle
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <gdk-pixbuf/gdk-pixbuf.h>

#include "test-journal-utils.h"

static GBytes *
make_png (int width,
          int height)
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, width, height);
  g_autoptr(GError) error = NULL;
  char *buffer = NULL;
  gsize size = 0;

  gdk_pixbuf_fill (pixbuf, 0x336699ff);
  g_assert_true (gdk_pixbuf_save_to_buffer (pixbuf, &buffer, &size, "png", &error, NULL));
  g_assert_no_error (error);
  return g_bytes_new_take (buffer, size);
}

static GBytes *
make_bytes (char   fill,
            gsize  size)
{
  guint8 *data = g_malloc (size);

  memset (data, fill, size);
  return g_bytes_new_take (data, size);
}

static gint64
enqueue (DossierJournal *journal,
         const char     *group_id,
         gboolean        two_sides)
{
  g_autoptr(GBytes) front = make_bytes ('F', 300 * 1024);
  g_autoptr(GBytes) back = make_bytes ('B', 200 * 1024);
  g_autoptr(DossierJournalUpload) upload = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GAsyncResult *slot = NULL;
  gint64 id;

  upload = dossier_journal_upload_new ("c-1", "r-1", group_id, "passport", front,
                                       two_sides ? back : NULL);
  upload->metadata = json_from_string ("{\"number\":\"X123\"}", NULL);
  dossier_journal_enqueue_upload_async (journal, upload, NULL, AWAIT (slot));
  result = journal_test_await (&slot);
  id = dossier_journal_enqueue_upload_finish (journal, result, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

static DossierJournalUpload *
get_upload (DossierJournal *journal,
            gint64          id,
            GError        **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  GAsyncResult *slot = NULL;

  dossier_journal_get_upload_async (journal, id, NULL, AWAIT (slot));
  result = journal_test_await (&slot);
  return dossier_journal_get_upload_finish (journal, result, error);
}

static gboolean
answer (DossierJournal *journal,
        gint64          id,
        GBytes         *thumbnail,
        const char     *reasons,
        GError        **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(JsonNode) node = reasons != NULL ? json_from_string (reasons, NULL) : NULL;
  GAsyncResult *slot = NULL;

  if (thumbnail != NULL)
    {
      dossier_journal_mark_upload_accepted_async (journal, id, thumbnail, NULL, AWAIT (slot));
      result = journal_test_await (&slot);
      return dossier_journal_mark_upload_accepted_finish (journal, result, error);
    }

  if (node != NULL)
    {
      dossier_journal_mark_upload_rejected_async (journal, id, node, NULL, AWAIT (slot));
      result = journal_test_await (&slot);
      return dossier_journal_mark_upload_rejected_finish (journal, result, error);
    }

  dossier_journal_mark_upload_sending_async (journal, id, NULL, AWAIT (slot));
  result = journal_test_await (&slot);
  return dossier_journal_mark_upload_sending_finish (journal, result, error);
}

static GPtrArray *
list_uploads (DossierJournal *journal,
              const char     *client_id,
              const char     *request_id)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GAsyncResult *slot = NULL;
  GPtrArray *uploads;

  dossier_journal_list_uploads_async (journal, client_id, request_id, NULL, AWAIT (slot));
  result = journal_test_await (&slot);
  uploads = dossier_journal_list_uploads_finish (journal, result, &error);
  g_assert_no_error (error);
  return uploads;
}

static void
test_journal_queue_accepted (JournalFixture *fixture,
                             gconstpointer   data)
{
  g_autoptr(GBytes) thumbnail = make_png (320, 240);
  g_autoptr(GBytes) too_big = make_png (321, 100);
  g_autoptr(GBytes) front = make_bytes ('F', 300 * 1024);
  g_autoptr(GBytes) back = make_bytes ('B', 200 * 1024);
  g_autofree char *front_sha256 = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, front);
  g_autofree char *back_sha256 = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, back);
  g_autoptr(DossierJournalUpload) pending = NULL;
  g_autoptr(DossierJournalUpload) accepted = NULL;
  g_autoptr(GPtrArray) listed = NULL;
  g_autoptr(GError) error = NULL;
  DossierJournalUpload *item;
  guint changed = 0;
  gint64 id;
  sqlite3 *db;

  g_signal_connect_swapped (fixture->journal, "queue-changed",
                            G_CALLBACK (journal_test_count_cb), &changed);

  id = enqueue (fixture->journal, "identity", TRUE);
  pending = get_upload (fixture->journal, id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (pending->state, ==, DOSSIER_JOURNAL_UPLOAD_STATE_PENDING);
  g_assert_true (g_bytes_equal (pending->front, front));
  g_assert_true (g_bytes_equal (pending->back, back));
  g_assert_cmpstr (pending->document_type, ==, "passport");
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (pending->metadata),
                                                  "number"), ==, "X123");
  g_assert_null (pending->thumbnail);

  /* Lists leave the bytes out. */
  listed = list_uploads (fixture->journal, "c-1", NULL);
  g_assert_cmpuint (listed->len, ==, 1);
  item = g_ptr_array_index (listed, 0);
  g_assert_cmpint (item->id, ==, id);
  g_assert_null (item->front);

  g_assert_true (answer (fixture->journal, id, NULL, NULL, &error));
  g_assert_no_error (error);

  /* A thumbnail over 320 px is refused before anything changes. */
  g_assert_false (answer (fixture->journal, id, too_big, NULL, &error));
  g_assert_error (error, DOSSIER_JOURNAL_ERROR, DOSSIER_JOURNAL_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_true (answer (fixture->journal, id, thumbnail, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (changed, ==, 3);

  accepted = get_upload (fixture->journal, id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (accepted->state, ==, DOSSIER_JOURNAL_UPLOAD_STATE_ACCEPTED);
  g_assert_null (accepted->front);
  g_assert_null (accepted->back);
  g_assert_true (g_bytes_equal (accepted->thumbnail, thumbnail));
  g_assert_cmpstr (accepted->front_sha256, ==, front_sha256);
  g_assert_cmpstr (accepted->back_sha256, ==, back_sha256);
  g_assert_cmpint (accepted->updated_at, >=, accepted->created_at);

  /* The bytes are gone from the file's rows, not just from the record. */
  db = journal_test_raw_open (fixture->path);
  g_assert_cmpint (journal_test_raw_int (db, "SELECT count(*) FROM uploads WHERE id = ?"
                                             " AND front IS NULL AND back IS NULL", id), ==, 1);
  sqlite3_close (db);

  /* Answered once: a second answer is refused. */
  g_assert_false (answer (fixture->journal, id, NULL, "[]", &error));
  g_assert_error (error, DOSSIER_JOURNAL_ERROR, DOSSIER_JOURNAL_ERROR_INVALID);
  g_assert_cmpuint (changed, ==, 3);
}

static void
test_journal_queue_rejected (JournalFixture *fixture,
                             gconstpointer   data)
{
  g_autoptr(GBytes) thumbnail = make_png (200, 300);
  g_autoptr(DossierJournalUpload) rejected = NULL;
  g_autoptr(DossierJournalUpload) gone = NULL;
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(GError) error = NULL;
  JsonArray *reasons;
  gint64 first;
  gint64 second;
  gint64 third;
  gint64 other;

  first = enqueue (fixture->journal, "identity", FALSE);
  other = enqueue (fixture->journal, "address", FALSE);
  g_assert_true (answer (fixture->journal, first, NULL,
                         "[{\"code\":\"image_too_small\",\"message\":\"Too small.\"}]", &error));
  g_assert_no_error (error);
  g_assert_true (answer (fixture->journal, other, NULL, "[]", &error));

  /* Rejected: bytes and reasons kept. */
  rejected = get_upload (fixture->journal, first, &error);
  g_assert_no_error (error);
  g_assert_cmpint (rejected->state, ==, DOSSIER_JOURNAL_UPLOAD_STATE_REJECTED);
  g_assert_cmpuint (g_bytes_get_size (rejected->front), ==, 300 * 1024);
  g_assert_null (rejected->back);
  reasons = json_node_get_array (rejected->rejection);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (reasons, 0),
                                                  "code"), ==, "image_too_small");

  /* A second attempt: both stay side by side until it is answered... */
  second = enqueue (fixture->journal, "identity", FALSE);
  before = list_uploads (fixture->journal, NULL, "r-1");
  g_assert_cmpuint (before->len, ==, 3);

  /* ... and rejected again, it replaces the first rejection. */
  g_assert_true (answer (fixture->journal, second, NULL, "[{\"code\":\"blurry\"}]", &error));
  g_assert_no_error (error);
  gone = get_upload (fixture->journal, first, &error);
  g_assert_null (gone);
  g_assert_error (error, DOSSIER_JOURNAL_ERROR, DOSSIER_JOURNAL_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* A third attempt accepted removes the second rejection; other groups are untouched. */
  third = enqueue (fixture->journal, "identity", FALSE);
  g_assert_true (answer (fixture->journal, third, thumbnail, NULL, &error));
  g_assert_no_error (error);

  after = list_uploads (fixture->journal, "c-1", "r-1");
  g_assert_cmpuint (after->len, ==, 2);
  g_assert_cmpint (((DossierJournalUpload *) g_ptr_array_index (after, 0))->id, ==, other);
  g_assert_cmpint (((DossierJournalUpload *) g_ptr_array_index (after, 0))->state, ==,
                   DOSSIER_JOURNAL_UPLOAD_STATE_REJECTED);
  g_assert_cmpint (((DossierJournalUpload *) g_ptr_array_index (after, 1))->id, ==, third);
}

static void
test_journal_queue_remove (JournalFixture *fixture,
                           gconstpointer   data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) left = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(DossierJournalUpload) invalid = NULL;
  g_autoptr(GBytes) empty = g_bytes_new (NULL, 0);
  GAsyncResult *slot = NULL;
  gint64 id = enqueue (fixture->journal, "identity", TRUE);

  dossier_journal_remove_upload_async (fixture->journal, id, NULL, AWAIT (slot));
  result = journal_test_await (&slot);
  g_assert_true (dossier_journal_remove_upload_finish (fixture->journal, result, &error));
  g_assert_no_error (error);
  left = list_uploads (fixture->journal, NULL, NULL);
  g_assert_cmpuint (left->len, ==, 0);

  g_clear_object (&result);
  dossier_journal_remove_upload_async (fixture->journal, id, NULL, AWAIT (slot));
  result = journal_test_await (&slot);
  g_assert_false (dossier_journal_remove_upload_finish (fixture->journal, result, &error));
  g_assert_error (error, DOSSIER_JOURNAL_ERROR, DOSSIER_JOURNAL_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* No front bytes: refused. */
  invalid = dossier_journal_upload_new ("c-1", "r-1", "identity", "passport", empty, NULL);
  g_clear_object (&result);
  dossier_journal_enqueue_upload_async (fixture->journal, invalid, NULL, AWAIT (slot));
  result = journal_test_await (&slot);
  g_assert_cmpint (dossier_journal_enqueue_upload_finish (fixture->journal, result, &error), ==, 0);
  g_assert_error (error, DOSSIER_JOURNAL_ERROR, DOSSIER_JOURNAL_ERROR_INVALID);
}

static void
test_journal_queue_survives_restart (JournalFixture *fixture,
                                     gconstpointer   data)
{
  g_autoptr(DossierJournalUpload) upload = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id = enqueue (fixture->journal, "identity", TRUE);

  g_assert_true (answer (fixture->journal, id, NULL, NULL, &error));
  journal_fixture_reopen (fixture);

  upload = get_upload (fixture->journal, id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (upload->state, ==, DOSSIER_JOURNAL_UPLOAD_STATE_SENDING);
  g_assert_cmpuint (g_bytes_get_size (upload->back), ==, 200 * 1024);
  g_assert_cmpstr (dossier_journal_upload_state_to_string (upload->state), ==, "sending");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/dossier/core/journal/queue/accepted", JournalFixture, NULL,
              journal_fixture_set_up, test_journal_queue_accepted, journal_fixture_tear_down);
  g_test_add ("/dossier/core/journal/queue/rejected", JournalFixture, NULL,
              journal_fixture_set_up, test_journal_queue_rejected, journal_fixture_tear_down);
  g_test_add ("/dossier/core/journal/queue/remove", JournalFixture, NULL,
              journal_fixture_set_up, test_journal_queue_remove, journal_fixture_tear_down);
  g_test_add ("/dossier/core/journal/queue/restart", JournalFixture, NULL,
              journal_fixture_set_up, test_journal_queue_survives_restart,
              journal_fixture_tear_down);

  return g_test_run ();
}
