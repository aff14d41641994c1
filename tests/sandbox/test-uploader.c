/* test-uploader.c — DossierUploader against the embedded sandbox over real HTTP
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Accepted and rejected uploads with what the admin API saw (hash and size of the
 * bytes received), the evidence in the journal, and final 412s.
 * Faults, lost answers and restarts: test-uploader-faults.c.
 */
#include "config.h"

#include "uploader-test-fixture.h"

static void
test_accepted (Fixture *f, gconstpointer data)
{
  g_autoptr(GBytes) front = ut_image_bytes (600, 800, 1);
  g_autofree char *sha256 = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, front);
  g_autoptr(DossierUploadInfo) info = NULL;
  g_autoptr(DossierJournalUpload) upload = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id;

  id = enqueue (f, "passport", front, "AB1234567", &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);

  info = wait_settled (f, id);
  g_assert_cmpint (info->status, ==, DOSSIER_UPLOAD_STATUS_ACCEPTED);
  g_assert_cmpstr (info->front_sha256, ==, sha256);
  g_assert_null (info->back_sha256);
  g_assert_nonnull (info->thumbnail);
  g_assert_cmpuint (info->attempts, ==, 1);
  g_assert_cmpuint (f->n_posts, ==, 1);

  /* What the server received is exactly what was recorded. */
  assert_one_document (f, sha256);
  assert_group_satisfied (f);

  /* Acknowledged: the bytes are gone from the queue, the hash and a thumbnail stay. */
  upload = journal_upload (f, id);
  g_assert_cmpint (upload->state, ==, DOSSIER_JOURNAL_UPLOAD_STATE_ACCEPTED);
  g_assert_null (upload->front);
  g_assert_null (upload->back);
  g_assert_cmpstr (upload->front_sha256, ==, sha256);
  g_assert_nonnull (upload->thumbnail);

  events = journal_events (f);
  g_assert_cmpuint (count_events (events, DOSSIER_JOURNAL_EVENT_DOCUMENT_UPLOADED, id), ==, 1);
  g_assert_cmpuint (count_events (events, DOSSIER_JOURNAL_EVENT_DOCUMENT_ACCEPTED, id), ==, 1);
  g_assert_cmpstr (event_front_sha256 (events, DOSSIER_JOURNAL_EVENT_DOCUMENT_UPLOADED), ==, sha256);
  g_assert_cmpstr (event_front_sha256 (events, DOSSIER_JOURNAL_EVENT_DOCUMENT_ACCEPTED), ==, sha256);

  /* The answer's trace id is kept with the evidence (when DossierApi reports it). */
  if (g_signal_lookup ("document-uploaded", DOSSIER_TYPE_API) != 0)
    {
      g_assert_nonnull (info->trace_id);
      g_assert_cmpuint (strlen (info->trace_id), ==, 32);
      for (guint i = 0; i < events->len; i++)
        {
          DossierJournalEvent *event = g_ptr_array_index (events, i);

          if (g_str_has_prefix (event->kind, "document-"))
            g_assert_cmpstr (event->trace_id, ==, info->trace_id);
        }
    }
}

static void
test_data_uri (Fixture *f, gconstpointer data)
{
  g_autoptr(GBytes) front = ut_image_bytes (600, 800, 2);
  g_autofree char *sha256 = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, front);
  g_autofree char *base64 = g_base64_encode (g_bytes_get_data (front, NULL), g_bytes_get_size (front));
  g_autofree char *text = g_strdup_printf ("{\"document_type\": \"passport\","
                                           " \"image_front\": \"data:image/jpeg;base64,%s\","
                                           " \"metadata\": {\"number\": \"AB1234567\"}}", base64);
  g_autoptr(JsonNode) document = json_from_string (text, NULL);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GAsyncResult) bad_result = NULL;
  g_autoptr(DossierUploadInfo) info = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id;

  /* A hash that is not the image's: refused before anything is queued. */
  dossier_uploader_enqueue_async (f->uploader, f->client_id, f->request_id, "identity_document",
                                  document, "00", NULL, NULL, api_test_catch, &bad_result);
  id = dossier_uploader_enqueue_finish (f->uploader, api_test_wait (&bad_result, 30), &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_assert_cmpint (id, ==, 0);
  g_clear_error (&error);

  dossier_uploader_enqueue_async (f->uploader, f->client_id, f->request_id, "identity_document",
                                  document, sha256, NULL, NULL, api_test_catch, &result);
  id = dossier_uploader_enqueue_finish (f->uploader, api_test_wait (&result, 30), &error);
  g_assert_no_error (error);

  info = wait_settled (f, id);
  g_assert_cmpint (info->status, ==, DOSSIER_UPLOAD_STATUS_ACCEPTED);
  assert_one_document (f, sha256);
}

/* The window closed right after asking: the document is still queued and sent. */
static void
test_cancelled_enqueue (Fixture *f, gconstpointer data)
{
  g_autoptr(GBytes) front = ut_image_bytes (600, 800, 12);
  g_autofree char *sha256 = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, front);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GAsyncResult) listed = NULL;
  g_autoptr(GPtrArray) uploads = NULL;
  g_autoptr(DossierUploadInfo) info = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id;

  dossier_uploader_enqueue_bytes_async (f->uploader, f->client_id, f->request_id,
                                        "identity_document", "passport", NULL, front, NULL,
                                        cancellable, api_test_catch, &result);
  g_cancellable_cancel (cancellable);
  id = dossier_uploader_enqueue_finish (f->uploader, api_test_wait (&result, 30), &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpint (id, ==, 0);

  dossier_uploader_list_for_request_async (f->uploader, f->client_id, f->request_id, NULL,
                                           api_test_catch, &listed);
  uploads = dossier_uploader_list_for_request_finish (f->uploader, api_test_wait (&listed, 30), NULL);
  g_assert_cmpuint (uploads->len, ==, 1);
  id = ((DossierUploadInfo *) g_ptr_array_index (uploads, 0))->id;

  info = wait_settled (f, id);
  /* No metadata: the sandbox asks for the passport number. */
  g_assert_cmpint (info->status, ==, DOSSIER_UPLOAD_STATUS_REJECTED);
  g_assert_cmpstr (info->front_sha256, ==, sha256);
  g_assert_cmpstr (info->message, ==, "Metadata number is required");
}

static void
test_rejected_then_fixed (Fixture *f, gconstpointer data)
{
  g_autoptr(GBytes) small = ut_image_bytes (400, 500, 3);
  g_autoptr(GBytes) good = ut_image_bytes (600, 800, 4);
  g_autofree char *good_sha256 = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, good);
  g_autoptr(DossierUploadInfo) rejected = NULL;
  g_autoptr(DossierUploadInfo) accepted = NULL;
  g_autoptr(DossierJournalUpload) kept = NULL;
  g_autoptr(JsonArray) documents = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) listed = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GError) error = NULL;
  DossierRejectedItem *item;
  gint64 first, second;

  first = enqueue (f, "passport", small, "AB1234567", &error);
  g_assert_no_error (error);
  rejected = wait_settled (f, first);
  g_assert_cmpint (rejected->status, ==, DOSSIER_UPLOAD_STATUS_REJECTED);
  g_assert_cmpuint (rejected->rejected_items->len, ==, 1);
  item = g_ptr_array_index (rejected->rejected_items, 0);
  g_assert_cmpstr (item->key, ==, "passport");
  g_assert_cmpstr (item->reason, ==,
                   "Front image is too small (400x500 px); the shorter side must be at least 600 px");
  g_assert_cmpstr (rejected->message, ==, item->reason);
  documents = ut_admin_documents (f->admin, f->sandbox, f->request_id);
  g_assert_cmpuint (json_array_get_length (documents), ==, 0);

  /* A rejected upload keeps its bytes (to compare with the replacement) and is final. */
  kept = journal_upload (f, first);
  g_assert_cmpint (kept->state, ==, DOSSIER_JOURNAL_UPLOAD_STATE_REJECTED);
  g_assert_nonnull (kept->front);
  g_assert_false (dossier_uploader_retry (f->uploader, first));

  second = enqueue (f, "passport", good, "AB1234567", &error);
  g_assert_no_error (error);
  accepted = wait_settled (f, second);
  g_assert_cmpint (accepted->status, ==, DOSSIER_UPLOAD_STATUS_ACCEPTED);
  assert_one_document (f, good_sha256);
  assert_group_satisfied (f);

  /* The replaced rejection left the queue with the acceptance. */
  dossier_uploader_list_for_request_async (f->uploader, f->client_id, f->request_id, NULL,
                                           api_test_catch, &result);
  listed = dossier_uploader_list_for_request_finish (f->uploader, api_test_wait (&result, 30), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (listed->len, ==, 1);
  g_assert_cmpint (((DossierUploadInfo *) g_ptr_array_index (listed, 0))->id, ==, second);
  g_assert_cmpint (((DossierUploadInfo *) g_ptr_array_index (listed, 0))->status, ==,
                   DOSSIER_UPLOAD_STATUS_ACCEPTED);

  events = journal_events (f);
  g_assert_cmpuint (count_events (events, DOSSIER_JOURNAL_EVENT_DOCUMENT_REJECTED, first), ==, 1);
  g_assert_cmpuint (count_events (events, DOSSIER_JOURNAL_EVENT_DOCUMENT_ACCEPTED, second), ==, 1);
}

static void
test_final_412 (Fixture *f, gconstpointer data)
{
  g_autoptr(GBytes) front = ut_image_bytes (600, 800, 7);
  g_autoptr(DossierUploadInfo) info = NULL;
  g_autoptr(DossierJournalUpload) upload = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id;

  /* cards_individuals does not ask for a national id. */
  id = enqueue (f, "national_id", front, "12345678", &error);
  g_assert_no_error (error);

  info = wait_settled (f, id);
  g_assert_cmpint (info->status, ==, DOSSIER_UPLOAD_STATUS_FAILED);
  g_assert_nonnull (info->message);
  g_assert_nonnull (info->trace_id);
  g_test_message ("412: %s (trace %s)", info->message, info->trace_id);

  /* Final: never retried, and kept so after a restart. */
  g_assert_false (dossier_uploader_retry (f->uploader, id));
  api_test_sleep (200);
  g_assert_cmpuint (f->n_posts, ==, 1);
  upload = journal_upload (f, id);
  g_assert_cmpint (upload->state, ==, DOSSIER_JOURNAL_UPLOAD_STATE_REJECTED);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (upload->rejection));
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (upload->rejection), "code"),
                   ==, "DOCUMENT_NOT_REQUESTED");
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add ("/dossier/core/uploader/" path, Fixture, NULL, setup, func, teardown)
  ADD ("accepted", test_accepted);
  ADD ("data-uri", test_data_uri);
  ADD ("cancelled-enqueue", test_cancelled_enqueue);
  ADD ("rejected-then-fixed", test_rejected_then_fixed);
  ADD ("final-412", test_final_412);
#undef ADD

  return g_test_run ();
}
