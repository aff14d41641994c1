/* test-uploader-faults.c — DossierUploader through network faults and restarts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A dropped connection (`drop`), an answer lost after the server stored the document
 * (`drop_after`), automatic retries, resuming the queue with a new uploader on a
 * reopened journal, and an uploader destroyed while its POST is on the wire
 * (faults of CONTRACT.md §13.5). Nothing is ever stored twice.
 */
#include "config.h"

#include "uploader-test-fixture.h"

static void
test_drop_then_retry (Fixture *f, gconstpointer data)
{
  g_autoptr(GBytes) front = ut_image_bytes (600, 800, 5);
  g_autofree char *sha256 = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, front);
  g_autoptr(DossierUploadInfo) waiting = NULL;
  g_autoptr(DossierUploadInfo) info = NULL;
  g_autoptr(DossierJournalUpload) queued = NULL;
  g_autoptr(JsonArray) documents = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id;

  arm (f, "drop");
  id = enqueue (f, "passport", front, "AB1234567", &error);
  g_assert_no_error (error);

  waiting = wait_settled (f, id);
  g_assert_cmpint (waiting->status, ==, DOSSIER_UPLOAD_STATUS_WAITING);
  g_assert_nonnull (waiting->message);
  g_test_message ("after a drop: %s", waiting->message);
  documents = ut_admin_documents (f->admin, f->sandbox, f->request_id);
  g_assert_cmpuint (json_array_get_length (documents), ==, 0);

  /* Still queued, bytes and all. */
  queued = journal_upload (f, id);
  g_assert_cmpint (queued->state, ==, DOSSIER_JOURNAL_UPLOAD_STATE_SENDING);
  g_assert_nonnull (queued->front);

  g_assert_true (dossier_uploader_retry (f->uploader, id));
  info = wait_settled (f, id);
  g_assert_cmpint (info->status, ==, DOSSIER_UPLOAD_STATUS_ACCEPTED);
  g_assert_cmpuint (info->attempts, ==, 2);
  g_assert_cmpuint (f->n_posts, ==, 2);
  g_assert_cmpuint (ut_posts (f->request_id, "200"), ==, 1);
  assert_one_document (f, sha256);
}

static void
test_lost_answer_not_sent_twice (Fixture *f, gconstpointer data)
{
  g_autoptr(GBytes) front = ut_image_bytes (600, 800, 6);
  g_autofree char *sha256 = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, front);
  g_autoptr(DossierUploadInfo) waiting = NULL;
  g_autoptr(DossierUploadInfo) info = NULL;
  g_autoptr(DossierJournalUpload) upload = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id;

  arm (f, "drop_after");
  id = enqueue (f, "passport", front, "AB1234567", &error);
  g_assert_no_error (error);

  waiting = wait_settled (f, id);
  g_assert_cmpint (waiting->status, ==, DOSSIER_UPLOAD_STATUS_WAITING);
  /* The server stored it; the answer never came. */
  assert_one_document (f, sha256);

  g_assert_true (dossier_uploader_retry (f->uploader, id));
  info = wait_settled (f, id);
  g_assert_cmpint (info->status, ==, DOSSIER_UPLOAD_STATUS_ACCEPTED);
  g_assert_cmpuint (info->attempts, ==, 1);
  g_assert_cmpuint (f->n_posts, ==, 1);
  g_assert_cmpuint (ut_posts (f->request_id, "412"), ==, 0);
  assert_one_document (f, sha256);
  assert_group_satisfied (f);

  upload = journal_upload (f, id);
  g_assert_cmpint (upload->state, ==, DOSSIER_JOURNAL_UPLOAD_STATE_ACCEPTED);
  g_assert_null (upload->front);
  g_assert_cmpstr (upload->front_sha256, ==, sha256);

  events = journal_events (f);
  g_assert_cmpuint (count_events (events, DOSSIER_JOURNAL_EVENT_DOCUMENT_UPLOADED, id), ==, 1);
  g_assert_cmpuint (count_events (events, DOSSIER_JOURNAL_EVENT_DOCUMENT_ACCEPTED, id), ==, 1);
}

static void
test_automatic_retry (Fixture *f, gconstpointer data)
{
  g_autoptr(GBytes) front = ut_image_bytes (600, 800, 10);
  g_autofree char *sha256 = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, front);
  g_autoptr(DossierUploadInfo) info = NULL;
  g_autoptr(GError) error = NULL;
  gboolean saw_waiting = FALSE;
  gint64 id;

  /* Two dropped connections, then the third automatic attempt goes through. */
  dossier_uploader_set_backoff (f->uploader, 20, 100, 5);
  {
    g_autofree char *body = g_strdup_printf ("{\"kind\": \"drop\", \"count\": 2, \"method\": \"POST\","
                                             " \"path_prefix\": \"/management/clients/individuals/%s/products/%s/documentation\"}",
                                             f->client_id, f->request_id);
    g_autoptr(JsonNode) node = api_test_admin (f->admin, f->sandbox->uri, "POST", "/_sandbox/faults", body);
    g_assert_nonnull (node);
  }

  id = enqueue (f, "passport", front, "AB1234567", &error);
  g_assert_no_error (error);

  for (;;)
    {
      g_clear_pointer (&info, dossier_upload_info_free);
      info = dossier_uploader_lookup (f->uploader, id);
      if (info->status == DOSSIER_UPLOAD_STATUS_WAITING)
        {
          saw_waiting = TRUE;
          g_assert_nonnull (info->message);
          g_assert_cmpint (info->retry_at, >, 0);
        }
      if (info->status == DOSSIER_UPLOAD_STATUS_ACCEPTED || info->status == DOSSIER_UPLOAD_STATUS_FAILED)
        break;
      g_main_context_iteration (NULL, TRUE);
    }

  g_assert_true (saw_waiting);
  g_clear_pointer (&info, dossier_upload_info_free);
  info = wait_settled (f, id);
  g_assert_cmpint (info->status, ==, DOSSIER_UPLOAD_STATUS_ACCEPTED);
  g_assert_cmpuint (info->attempts, ==, 3);
  g_assert_cmpuint (ut_posts (f->request_id, "200"), ==, 1);
  assert_one_document (f, sha256);
}

static void
test_resume (Fixture *f, gconstpointer data)
{
  g_autoptr(GBytes) front = ut_image_bytes (600, 800, 8);
  g_autoptr(GBytes) address = ut_image_bytes (600, 800, 9);
  g_autofree char *sha256 = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, front);
  g_autofree char *address_sha256 = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, address);
  g_autofree char *premium_id = ut_request_product (f->api, f->client_id, "cards_individuals_premium");
  g_autoptr(DossierJournalUpload) pending = NULL;
  g_autoptr(DossierUploadInfo) waiting = NULL;
  g_autoptr(DossierUploadInfo) first = NULL;
  g_autoptr(DossierUploadInfo) second = NULL;
  g_autoptr(JsonArray) premium_documents = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *metadata;
  gint64 lost_id, pending_id;

  /* 1. Sent, stored by the server, answer lost; then the app goes away. */
  arm (f, "drop_after");
  lost_id = enqueue (f, "passport", front, "AB1234567", &error);
  g_assert_no_error (error);
  waiting = wait_settled (f, lost_id);
  g_assert_cmpint (waiting->status, ==, DOSSIER_UPLOAD_STATUS_WAITING);

  /* 2. Committed to the queue, never sent (the app died right after). */
  pending = dossier_journal_upload_new (f->client_id, premium_id, "proof_of_address",
                                        "proof_of_address", address, NULL);
  pending->metadata = json_node_new (JSON_NODE_OBJECT);
  metadata = json_object_new ();
  json_object_set_string_member (metadata, "document_kind", "utility_bill");
  {
    g_autofree char *date = NULL;
    g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
    date = g_date_time_format (now, "%Y-%m-%d");
    json_object_set_string_member (metadata, "issue_date", date);
  }
  json_node_take_object (pending->metadata, metadata);
  dossier_journal_enqueue_upload_async (f->journal, pending, NULL, api_test_catch, &result);
  pending_id = dossier_journal_enqueue_upload_finish (f->journal, api_test_wait (&result, 30), &error);
  g_assert_no_error (error);
  g_clear_object (&result);   /* it holds the journal */

  reopen (f);
  f->n_posts = 0;
  g_assert_cmpuint (resume (f), ==, 2);
  /* A second resume picks up nothing new. */
  g_assert_cmpuint (resume (f), ==, 0);

  first = wait_settled (f, lost_id);
  second = wait_settled (f, pending_id);
  g_assert_cmpint (first->status, ==, DOSSIER_UPLOAD_STATUS_ACCEPTED);
  g_assert_cmpint (second->status, ==, DOSSIER_UPLOAD_STATUS_ACCEPTED);
  g_assert_cmpstr (first->front_sha256, ==, sha256);
  g_assert_cmpstr (second->front_sha256, ==, address_sha256);

  /* The lost one was found satisfied (no POST); the pending one was sent once. */
  g_assert_cmpuint (f->n_posts, ==, 1);
  assert_one_document (f, sha256);
  premium_documents = ut_admin_documents (f->admin, f->sandbox, premium_id);
  g_assert_cmpuint (json_array_get_length (premium_documents), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (json_array_get_object_element (premium_documents, 0),
                                                                                  "image_front"), "sha256"),
                   ==, address_sha256);
}

/* The uploader goes away while its POST is on the wire (the app quits): the next one
 * finds out what happened and never stores the document twice. */
static void
test_destroyed_in_flight (Fixture *f, gconstpointer data)
{
  g_autoptr(GBytes) front = ut_image_bytes (600, 800, 11);
  g_autofree char *sha256 = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, front);
  g_autoptr(DossierUploadInfo) info = NULL;
  g_autoptr(DossierUploadInfo) sending = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id;

  {
    g_autofree char *body = g_strdup_printf ("{\"kind\": \"delay\", \"delay_ms\": 400, \"method\": \"POST\","
                                             " \"path_prefix\": \"/management/clients/individuals/%s/products/%s/documentation\"}",
                                             f->client_id, f->request_id);
    g_autoptr(JsonNode) node = api_test_admin (f->admin, f->sandbox->uri, "POST", "/_sandbox/faults", body);
    g_assert_nonnull (node);
  }

  id = enqueue (f, "passport", front, "AB1234567", &error);
  g_assert_no_error (error);
  for (;;)
    {
      g_clear_pointer (&sending, dossier_upload_info_free);
      sending = dossier_uploader_lookup (f->uploader, id);
      if (sending->status == DOSSIER_UPLOAD_STATUS_SENDING)
        break;
      g_main_context_iteration (NULL, TRUE);
    }
  api_test_sleep (100);

  /* Gone mid-flight; the server still processes the delayed request. */
  reopen (f);
  api_test_sleep (600);
  f->n_posts = 0;
  g_assert_cmpuint (resume (f), ==, 1);
  info = wait_settled (f, id);
  g_assert_cmpint (info->status, ==, DOSSIER_UPLOAD_STATUS_ACCEPTED);
  g_assert_cmpuint (ut_posts (f->request_id, "412"), ==, 0);
  g_test_message ("POSTs after the restart: %u", f->n_posts);
  assert_one_document (f, sha256);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add ("/dossier/core/uploader/" path, Fixture, NULL, setup, func, teardown)
  ADD ("drop-then-retry", test_drop_then_retry);
  ADD ("lost-answer-not-sent-twice", test_lost_answer_not_sent_twice);
  ADD ("automatic-retry", test_automatic_retry);
  ADD ("resume", test_resume);
  ADD ("destroyed-in-flight", test_destroyed_in_flight);
#undef ADD

  return g_test_run ();
}
