/* uploader-test-fixture.h — the fixture of the DossierUploader tests (header only)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The verbose sandbox of uploader-test-utils.h, a DossierApi counting its POST attempts,
 * a journal in a temporary directory, an uploader without automatic retries (the tests
 * press Retry themselves), one client with a cards_individuals request, and helpers
 * that wait for an upload to settle and read back what the journal and the sandbox kept.
 */
#pragma once

#include "dossier-uploader.h"
#include "uploader-test-utils.h"

typedef struct
{
  UtSandbox       *sandbox;
  DossierApi      *api;
  SoupSession     *admin;
  char            *dir;
  char            *path;
  DossierJournal  *journal;
  DossierUploader *uploader;
  char            *client_id;
  char            *request_id;
  guint            n_posts;       /* POST attempts started by api's scheduler */
  GPtrArray       *updated;       /* DossierProductRequest from request-updated */
} Fixture;

static inline void
attempt_started_cb (DossierScheduler *scheduler,
                    const char       *method,
                    int               priority,
                    Fixture          *f)
{
  if (g_strcmp0 (method, "POST") == 0)
    f->n_posts++;
}

static inline void
request_updated_cb (DossierUploader       *uploader,
                    const char            *client_id,
                    DossierProductRequest *request,
                    Fixture               *f)
{
  g_assert_cmpstr (client_id, ==, f->client_id);
  g_ptr_array_add (f->updated, g_object_ref (request));
}

static inline DossierUploader *
new_uploader (Fixture *f)
{
  DossierUploader *uploader = dossier_uploader_new (f->api, f->journal);

  /* No automatic retries: the tests press Retry themselves. */
  dossier_uploader_set_backoff (uploader, 50, 50, 0);
  g_signal_connect (uploader, "request-updated", G_CALLBACK (request_updated_cb), f);
  return uploader;
}

static inline void
setup (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;

  f->sandbox = ut_sandbox_start (NULL);
  f->api = dossier_api_new (f->sandbox->uri, UT_KEY);
  g_signal_connect (dossier_api_get_scheduler (f->api), "attempt-started",
                    G_CALLBACK (attempt_started_cb), f);
  f->admin = soup_session_new ();
  f->dir = g_dir_make_tmp ("dossier-uploader-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "journal.sqlite", NULL);
  f->journal = ut_journal_open (f->path);
  f->updated = g_ptr_array_new_with_free_func (g_object_unref);
  f->uploader = new_uploader (f);

  f->client_id = ut_create_client (f->api, "Barber");
  f->request_id = ut_request_product (f->api, f->client_id, "cards_individuals");
  f->n_posts = 0;
}

static inline void
remove_dir (const char *dir)
{
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  const char *name;

  while (handle != NULL && (name = g_dir_read_name (handle)) != NULL)
    {
      g_autofree char *child = g_build_filename (dir, name, NULL);
      g_remove (child);
    }
  g_rmdir (dir);
}

/* Every journal operation issued so far has completed (and its callback run). */
static inline void
flush (Fixture *f)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  dossier_journal_flush_async (f->journal, NULL, api_test_catch, &result);
  g_assert_true (dossier_journal_flush_finish (f->journal, api_test_wait (&result, 30), &error));
  g_assert_no_error (error);
}

static inline void
teardown (Fixture *f, gconstpointer data)
{
  flush (f);
  g_assert_finalize_object (f->uploader);
  g_assert_finalize_object (f->journal);
  g_assert_finalize_object (f->api);
  g_object_unref (f->admin);
  ut_sandbox_stop (f->sandbox);
  remove_dir (f->dir);
  g_free (f->dir);
  g_free (f->path);
  g_free (f->client_id);
  g_free (f->request_id);
  g_ptr_array_unref (f->updated);
}

static inline void
arm (Fixture *f, const char *kind)
{
  g_autofree char *body = g_strdup_printf ("{\"kind\": \"%s\", \"method\": \"POST\","
                                           " \"path_prefix\": \"/management/clients/individuals/%s/products/%s/documentation\"}",
                                           kind, f->client_id, f->request_id);
  g_autoptr(JsonNode) node = api_test_admin (f->admin, f->sandbox->uri,
                                             "POST", "/_sandbox/faults", body);
  g_assert_nonnull (node);
}

static inline gint64
enqueue (Fixture     *f,
         const char  *document_type,
         GBytes      *front,
         const char  *number,
         GError     **error)
{
  g_autoptr(JsonObject) metadata = json_object_new ();
  g_autoptr(GAsyncResult) result = NULL;

  json_object_set_string_member (metadata, "number", number);
  dossier_uploader_enqueue_bytes_async (f->uploader, f->client_id, f->request_id,
                                        "identity_document", document_type, metadata,
                                        front, NULL, NULL, api_test_catch, &result);
  return dossier_uploader_enqueue_finish (f->uploader, api_test_wait (&result, 30), error);
}

static inline gboolean
is_settled (DossierUploadStatus status)
{
  return status == DOSSIER_UPLOAD_STATUS_WAITING || status == DOSSIER_UPLOAD_STATUS_ACCEPTED ||
         status == DOSSIER_UPLOAD_STATUS_REJECTED || status == DOSSIER_UPLOAD_STATUS_FAILED;
}

static inline gboolean
timed_out_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Iterates until the upload is settled and the uploader idle (its journal writes
 * queued), then returns its snapshot. */
static inline DossierUploadInfo *
wait_settled (Fixture *f,
              gint64   id)
{
  gboolean timed_out = FALSE;
  guint guard = g_timeout_add_seconds (60, timed_out_cb, &timed_out);
  DossierUploadInfo *info = NULL;

  while (!timed_out)
    {
      g_clear_pointer (&info, dossier_upload_info_free);
      info = dossier_uploader_lookup (f->uploader, id);
      g_assert_nonnull (info);
      if (is_settled (info->status) && !dossier_uploader_is_busy (f->uploader))
        break;
      g_main_context_iteration (NULL, TRUE);
    }
  g_assert_false (timed_out);
  g_source_remove (guard);

  /* Let the journal finish what the answer queued (events + mark). */
  flush (f);
  g_clear_pointer (&info, dossier_upload_info_free);
  return dossier_uploader_lookup (f->uploader, id);
}

static inline DossierJournalUpload *
journal_upload (Fixture *f,
                gint64   id)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  DossierJournalUpload *upload;

  dossier_journal_get_upload_async (f->journal, id, NULL, api_test_catch, &result);
  upload = dossier_journal_get_upload_finish (f->journal, api_test_wait (&result, 30), &error);
  g_assert_no_error (error);
  return upload;
}

static inline GPtrArray *
journal_events (Fixture *f)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *events;

  dossier_journal_list_events_async (f->journal, f->client_id, NULL, 0, NULL, api_test_catch, &result);
  events = dossier_journal_list_events_finish (f->journal, api_test_wait (&result, 30), &error);
  g_assert_no_error (error);
  return events;
}

static inline guint
count_events (GPtrArray  *events,
              const char *kind,
              gint64      upload_id)
{
  guint n = 0;

  for (guint i = 0; i < events->len; i++)
    {
      DossierJournalEvent *event = g_ptr_array_index (events, i);

      if (g_strcmp0 (event->kind, kind) == 0 &&
          json_object_get_int_member_with_default (json_node_get_object (event->details),
                                                   "upload_id", 0) == upload_id)
        n++;
    }
  return n;
}

static inline const char *
event_front_sha256 (GPtrArray  *events,
                    const char *kind)
{
  for (guint i = 0; i < events->len; i++)
    {
      DossierJournalEvent *event = g_ptr_array_index (events, i);

      if (g_strcmp0 (event->kind, kind) == 0)
        {
          JsonObject *sides = json_object_get_object_member (json_node_get_object (event->details), "sides");
          return json_object_get_string_member (json_object_get_object_member (sides, "front"), "sha256");
        }
    }
  return NULL;
}

static inline void
assert_one_document (Fixture    *f,
                     const char *sha256)
{
  g_autoptr(JsonArray) documents = ut_admin_documents (f->admin, f->sandbox, f->request_id);
  JsonObject *document;
  JsonObject *front;

  g_assert_cmpuint (json_array_get_length (documents), ==, 1);
  document = json_array_get_object_element (documents, 0);
  g_assert_cmpstr (json_object_get_string_member (document, "document_type"), ==, "passport");
  front = json_object_get_object_member (document, "image_front");
  g_assert_cmpstr (json_object_get_string_member (front, "sha256"), ==, sha256);
  g_assert_cmpint (json_object_get_int_member (front, "width"), ==, 600);
  g_assert_cmpint (json_object_get_int_member (front, "height"), ==, 800);
}

static inline void
assert_group_satisfied (Fixture *f)
{
  DossierProductRequest *last;

  g_assert_cmpuint (f->updated->len, >, 0);
  last = g_ptr_array_index (f->updated, f->updated->len - 1);
  g_assert_cmpstr (dossier_product_request_get_id (last), ==, f->request_id);
  g_assert_null (dossier_requirements_lookup_document_group (dossier_product_request_get_requirements (last),
                                                             "identity_document"));
}

static inline void
reopen (Fixture *f)
{
  flush (f);
  g_assert_finalize_object (f->uploader);
  g_assert_finalize_object (f->journal);
  f->journal = ut_journal_open (f->path);
  f->uploader = new_uploader (f);
}

static inline guint
resume (Fixture *f)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  guint n;

  dossier_uploader_resume_async (f->uploader, NULL, api_test_catch, &result);
  n = dossier_uploader_resume_finish (f->uploader, api_test_wait (&result, 30), &error);
  g_assert_no_error (error);
  return n;
}
