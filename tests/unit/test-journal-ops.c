/* test-journal-ops.c — DossierJournal: notes, cancellation, never blocking the caller, flush
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "test-journal-utils.h"

static gint64
add_note (DossierJournal *journal,
          const char     *client_id,
          const char     *text)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GAsyncResult *slot = NULL;
  gint64 id;

  dossier_journal_add_note_async (journal, client_id, text, NULL, AWAIT (slot));
  result = journal_test_await (&slot);
  id = dossier_journal_add_note_finish (journal, result, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

static GPtrArray *
list_notes (DossierJournal *journal,
            const char     *client_id)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GAsyncResult *slot = NULL;
  GPtrArray *notes;

  dossier_journal_list_notes_async (journal, client_id, NULL, AWAIT (slot));
  result = journal_test_await (&slot);
  notes = dossier_journal_list_notes_finish (journal, result, &error);
  g_assert_no_error (error);
  return notes;
}

static void
test_journal_notes (JournalFixture *fixture,
                    gconstpointer   data)
{
  g_autoptr(GPtrArray) notes = NULL;
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(GPtrArray) other = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GAsyncResult *slot = NULL;
  DossierJournalNote *note;
  guint changed = 0;
  gint64 first;
  gint64 second;

  g_signal_connect_swapped (fixture->journal, "notes-changed",
                            G_CALLBACK (journal_test_count_cb), &changed);

  first = add_note (fixture->journal, "c-1", "Called about the missing passport.");
  second = add_note (fixture->journal, "c-1", "Sent the back side.");
  add_note (fixture->journal, "c-2", "Other client.");
  g_assert_cmpuint (changed, ==, 3);

  notes = list_notes (fixture->journal, "c-1");
  g_assert_cmpuint (notes->len, ==, 2);
  note = g_ptr_array_index (notes, 0);
  g_assert_cmpint (note->id, ==, first);
  g_assert_cmpstr (note->client_id, ==, "c-1");
  g_assert_cmpstr (note->text, ==, "Called about the missing passport.");
  g_assert_cmpint (note->created_at, ==, note->updated_at);

  dossier_journal_update_note_async (fixture->journal, first, "Called twice.", NULL, AWAIT (slot));
  g_clear_object (&result);
  result = journal_test_await (&slot);
  g_assert_true (dossier_journal_update_note_finish (fixture->journal, result, &error));
  g_assert_no_error (error);

  dossier_journal_delete_note_async (fixture->journal, second, NULL, AWAIT (slot));
  g_clear_object (&result);
  result = journal_test_await (&slot);
  g_assert_true (dossier_journal_delete_note_finish (fixture->journal, result, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (changed, ==, 5);

  after = list_notes (fixture->journal, "c-1");
  g_assert_cmpuint (after->len, ==, 1);
  note = g_ptr_array_index (after, 0);
  g_assert_cmpstr (note->text, ==, "Called twice.");
  g_assert_cmpint (note->updated_at, >=, note->created_at);

  /* A deleted note cannot be edited or deleted again, and nothing is announced. */
  dossier_journal_update_note_async (fixture->journal, second, "x", NULL, AWAIT (slot));
  g_clear_object (&result);
  result = journal_test_await (&slot);
  g_assert_false (dossier_journal_update_note_finish (fixture->journal, result, &error));
  g_assert_error (error, DOSSIER_JOURNAL_ERROR, DOSSIER_JOURNAL_ERROR_NOT_FOUND);
  g_clear_error (&error);
  dossier_journal_delete_note_async (fixture->journal, second, NULL, AWAIT (slot));
  g_clear_object (&result);
  result = journal_test_await (&slot);
  g_assert_false (dossier_journal_delete_note_finish (fixture->journal, result, &error));
  g_assert_error (error, DOSSIER_JOURNAL_ERROR, DOSSIER_JOURNAL_ERROR_NOT_FOUND);
  g_assert_cmpuint (changed, ==, 5);

  other = list_notes (fixture->journal, "c-2");
  g_assert_cmpuint (other->len, ==, 1);
}

/* Holds the database's write lock from another connection, so the journal's worker
 * waits inside SQLite while the test looks at what the caller saw. */
static sqlite3 *
block_writes (const char *path)
{
  sqlite3 *db = journal_test_raw_open (path);

  g_assert_cmpint (sqlite3_exec (db, "BEGIN EXCLUSIVE", NULL, NULL, NULL), ==, SQLITE_OK);
  return db;
}

static void
unblock_writes (sqlite3 *db)
{
  g_assert_cmpint (sqlite3_exec (db, "COMMIT", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

static void
test_journal_nonblocking (JournalFixture *fixture,
                          gconstpointer   data)
{
  g_autoptr(DossierJournalEvent) event = dossier_journal_event_new ("c-1", NULL, "client-created", 0);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GAsyncResult *slot = NULL;
  sqlite3 *blocker = block_writes (fixture->path);
  gint64 id;

  /* The worker is stuck behind the lock; the call still returns, and nothing ran. */
  dossier_journal_add_event_async (fixture->journal, event, NULL, AWAIT (slot));
  g_assert_null (slot);
  g_main_context_iteration (g_main_context_get_thread_default (), FALSE);
  g_assert_null (slot);
  g_assert_cmpint (journal_test_raw_int (blocker, "SELECT count(*) FROM events", 0), ==, 0);

  unblock_writes (blocker);
  result = journal_test_await (&slot);
  id = dossier_journal_add_event_finish (fixture->journal, result, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
}

static void
test_journal_cancel (JournalFixture *fixture,
                     gconstpointer   data)
{
  g_autoptr(DossierJournalEvent) event = dossier_journal_event_new ("c-1", NULL, "client-created", 0);
  g_autoptr(GCancellable) early = g_cancellable_new ();
  g_autoptr(GCancellable) queued = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GAsyncResult) first = NULL;
  g_autoptr(GAsyncResult) second = NULL;
  g_autoptr(GError) error = NULL;
  GAsyncResult *slot = NULL;
  GAsyncResult *slot_first = NULL;
  GAsyncResult *slot_second = NULL;
  sqlite3 *blocker;
  sqlite3 *db;
  guint added = 0;

  g_signal_connect_swapped (fixture->journal, "events-added",
                            G_CALLBACK (journal_test_count_cb), &added);

  /* Cancelled before the call: nothing is written. */
  g_cancellable_cancel (early);
  dossier_journal_add_event_async (fixture->journal, event, early, AWAIT (slot));
  result = journal_test_await (&slot);
  g_assert_cmpint (dossier_journal_add_event_finish (fixture->journal, result, &error), ==, 0);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);

  /* Cancelled while queued behind a write the worker is stuck on. */
  blocker = block_writes (fixture->path);
  dossier_journal_add_event_async (fixture->journal, event, NULL, AWAIT (slot_first));
  dossier_journal_add_event_async (fixture->journal, event, queued, AWAIT (slot_second));
  g_cancellable_cancel (queued);
  unblock_writes (blocker);

  first = journal_test_await (&slot_first);
  g_assert_cmpint (dossier_journal_add_event_finish (fixture->journal, first, &error), >, 0);
  g_assert_no_error (error);
  second = journal_test_await (&slot_second);
  g_assert_cmpint (dossier_journal_add_event_finish (fixture->journal, second, &error), ==, 0);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);

  journal_test_flush (fixture->journal);
  db = journal_test_raw_open (fixture->path);
  g_assert_cmpint (journal_test_raw_int (db, "SELECT count(*) FROM events", 0), ==, 1);
  sqlite3_close (db);
  g_assert_cmpuint (added, ==, 1);
}

static void
count_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  guint *done = user_data;
  g_autoptr(GError) error = NULL;

  g_assert_true (dossier_journal_save_draft_finish (DOSSIER_JOURNAL (source), result, &error));
  g_assert_no_error (error);
  (*done)++;
}

static void
test_journal_flush (JournalFixture *fixture,
                    gconstpointer   data)
{
  g_autoptr(JsonObject) fields = json_object_new ();
  guint done = 0;

  /* Like typing: one save per keystroke, none awaited. */
  for (guint i = 0; i < 100; i++)
    {
      json_object_set_int_member (fields, "n", i);
      dossier_journal_save_draft_async (fixture->journal, "c-1", NULL, fields, NULL,
                                        count_done_cb, &done);
    }
  g_assert_cmpuint (done, <, 100);

  journal_test_flush (fixture->journal);
  g_assert_cmpuint (done, ==, 100);
}

static void
test_journal_closed_on_failure (void)
{
  g_autoptr(GMainContext) context = g_main_context_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("dossier-journal-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "missing", "journal.sqlite", NULL);
  DossierJournal *journal;

  g_main_context_push_thread_default (context);

  /* A folder that does not exist: a clear error naming the file. */
  journal = journal_test_open (path, &error);
  g_assert_null (journal);
  g_assert_error (error, DOSSIER_JOURNAL_ERROR, DOSSIER_JOURNAL_ERROR_OPEN);
  g_assert_nonnull (g_strstr_len (error->message, -1, path));

  g_rmdir (dir);
  g_main_context_pop_thread_default (context);
}

static GPtrArray *
list_events (DossierJournal *journal,
             const char     *client_id)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GAsyncResult *slot = NULL;
  GPtrArray *events;

  dossier_journal_list_events_async (journal, client_id, NULL, 0, NULL, AWAIT (slot));
  result = journal_test_await (&slot);
  events = dossier_journal_list_events_finish (journal, result, &error);
  g_assert_no_error (error);
  g_assert_nonnull (events);
  return events;
}

/* A note's addition, edit and deletion are events of the chain, so they are verified
 * and tampering with them is detected. */
static void
test_journal_notes_chained (JournalFixture *fixture,
                            gconstpointer   user_data)
{
  g_autoptr(DossierJournalVerification) before = NULL;
  g_autoptr(DossierJournalVerification) after = NULL;
  g_autoptr(DossierJournalVerification) tampered = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *sha256 = g_compute_checksum_for_string (G_CHECKSUM_SHA256, "Edited.", -1);
  g_autofree char *sql = NULL;
  GAsyncResult *slot = NULL;
  DossierJournalEvent *event;
  JsonObject *details;
  gint64 note_id;

  journal_test_add (fixture->journal, "c-1", DOSSIER_JOURNAL_EVENT_CLIENT_CREATED, NULL);
  before = journal_test_verify (fixture->journal);
  g_assert_true (before->ok);

  note_id = add_note (fixture->journal, "c-1", "Called the client.");
  after = journal_test_verify (fixture->journal);
  g_assert_true (after->ok);
  g_assert_cmpuint (after->n_checked, ==, before->n_checked + 1);

  dossier_journal_update_note_async (fixture->journal, note_id, "Edited.", NULL, AWAIT (slot));
  result = journal_test_await (&slot);
  g_assert_true (dossier_journal_update_note_finish (fixture->journal, result, &error));
  g_assert_no_error (error);
  g_clear_object (&result);
  dossier_journal_delete_note_async (fixture->journal, note_id, NULL, AWAIT (slot));
  result = journal_test_await (&slot);
  g_assert_true (dossier_journal_delete_note_finish (fixture->journal, result, &error));
  g_assert_no_error (error);
  g_clear_object (&result);

  events = list_events (fixture->journal, "c-1");
  g_assert_cmpuint (events->len, ==, 4);
  for (guint i = 1; i < 4; i++)
    {
      static const char * const kinds[] = {
        NULL, DOSSIER_JOURNAL_EVENT_NOTE_ADDED, DOSSIER_JOURNAL_EVENT_NOTE_EDITED,
        DOSSIER_JOURNAL_EVENT_NOTE_DELETED,
      };

      event = g_ptr_array_index (events, i);
      g_assert_cmpstr (event->kind, ==, kinds[i]);
      g_assert_nonnull (event->details);
      details = json_node_get_object (event->details);
      g_assert_cmpint (json_object_get_int_member (details, "note_id"), ==, note_id);
    }
  event = g_ptr_array_index (events, 2);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (event->details), "text_sha256"),
                   ==, sha256);

  /* Editing the note-added event's details without the chain's key is detected. */
  sql = g_strdup_printf ("UPDATE events SET details = '{\"note_id\":%" G_GINT64_FORMAT "}'"
                         " WHERE kind = 'note-added'", note_id + 1);
  journal_test_raw_exec (fixture->path, sql);
  tampered = journal_test_verify (fixture->journal);
  g_assert_false (tampered->ok);
}

/* An answer's event with the server's whole-second time is never stored before an
 * event already recorded for its request on the local clock; ties keep the id order. */
static void
test_journal_answer_time (JournalFixture *fixture,
                          gconstpointer   user_data)
{
  const gint64 second = G_GINT64_CONSTANT (1700000505) * G_USEC_PER_SEC;
  g_autoptr(GPtrArray) events = NULL;
  const char *kinds[] = {
    DOSSIER_JOURNAL_EVENT_REQUIREMENT_SATISFIED, DOSSIER_JOURNAL_EVENT_DOCUMENT_UPLOADED,
    DOSSIER_JOURNAL_EVENT_DOCUMENT_ACCEPTED, DOSSIER_JOURNAL_EVENT_SUBMITTED,
  };
  const gint64 times[] = { second, second + 374000, second, second - 1000 };
  const char *actions[] = { NULL, "upload", "upload", NULL };
  const gint64 expected[] = { second, second + 374000, second + 374000, second - 1000 };
  gint64 ids[G_N_ELEMENTS (kinds)];

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      g_autoptr(DossierJournalEvent) event = dossier_journal_event_new ("c-1", "r-1", kinds[i], times[i]);
      g_autoptr(GAsyncResult) result = NULL;
      g_autoptr(GError) error = NULL;
      GAsyncResult *slot = NULL;

      event->action = g_strdup (actions[i]);
      dossier_journal_add_event_async (fixture->journal, event, NULL, AWAIT (slot));
      result = journal_test_await (&slot);
      ids[i] = dossier_journal_add_event_finish (fixture->journal, result, &error);
      g_assert_no_error (error);
    }

  /* Listed by (occurred_at, id): the event not caused by an answer keeps its own time. */
  events = list_events (fixture->journal, "c-1");
  g_assert_cmpuint (events->len, ==, 4);
  g_assert_cmpint (((DossierJournalEvent *) events->pdata[0])->id, ==, ids[3]);
  g_assert_cmpint (((DossierJournalEvent *) events->pdata[1])->id, ==, ids[0]);
  g_assert_cmpint (((DossierJournalEvent *) events->pdata[2])->id, ==, ids[1]);
  g_assert_cmpint (((DossierJournalEvent *) events->pdata[3])->id, ==, ids[2]);
  for (guint i = 0; i < events->len; i++)
    {
      DossierJournalEvent *event = events->pdata[i];

      for (guint k = 0; k < G_N_ELEMENTS (ids); k++)
        if (ids[k] == event->id)
          g_assert_cmpint (event->occurred_at, ==, expected[k]);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/dossier/core/journal/notes", JournalFixture, NULL,
              journal_fixture_set_up, test_journal_notes, journal_fixture_tear_down);
  g_test_add ("/dossier/core/journal/nonblocking", JournalFixture, NULL,
              journal_fixture_set_up, test_journal_nonblocking, journal_fixture_tear_down);
  g_test_add ("/dossier/core/journal/cancel", JournalFixture, NULL,
              journal_fixture_set_up, test_journal_cancel, journal_fixture_tear_down);
  g_test_add ("/dossier/core/journal/flush", JournalFixture, NULL,
              journal_fixture_set_up, test_journal_flush, journal_fixture_tear_down);
  g_test_add_func ("/dossier/core/journal/open-error", test_journal_closed_on_failure);
  g_test_add ("/dossier/core/journal/notes/chained", JournalFixture, NULL,
              journal_fixture_set_up, test_journal_notes_chained, journal_fixture_tear_down);
  g_test_add ("/dossier/core/journal/events/answer-time", JournalFixture, NULL,
              journal_fixture_set_up, test_journal_answer_time, journal_fixture_tear_down);

  return g_test_run ();
}
