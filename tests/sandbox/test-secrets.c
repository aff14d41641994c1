/* test-secrets.c — the API key and a client's data at rest (issue 13, part 5)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs the seed flow over real HTTP with a recognisable key and every log message
 * captured (G_MESSAGES_DEBUG=all, the sandbox verbose, a structured log writer that
 * keeps everything), then looks for the key in the logs, the error messages, the
 * journal's files, a GSettings keyfile the accounts were written to, and both
 * exports. Also: the journal's files and the exports are private (0600), an
 * acknowledged upload leaves no image bytes in the journal's files, and forgetting
 * a client removes its local data while the chain still verifies.
 */
#include "config.h"

#include <string.h>
#include <sys/stat.h>

#define G_SETTINGS_ENABLE_BACKEND
#include <gio/gsettingsbackend.h>

#include "../ui/audit-test-flow.h"
#include "dossier-accounts.h"
#include "dossier-api-error.h"
#include "dossier-audit-export.h"

#define SECRET_KEY "sk-dossier-SECRET-7f3a9c1e5b2d4086"
#define WRONG_KEY  "sk-dossier-WRONG-0c9e8d7f6a5b4c3d"

static GMutex   log_lock;
static GString *log_text;
static guint    log_count;

static GLogWriterOutput
capture_writer (GLogLevelFlags   level,
                const GLogField *fields,
                gsize            n_fields,
                gpointer         user_data)
{
  g_mutex_lock (&log_lock);
  log_count++;
  for (gsize i = 0; i < n_fields; i++)
    {
      g_string_append (log_text, fields[i].key);
      g_string_append_c (log_text, '=');
      if (fields[i].length < 0)
        g_string_append (log_text, fields[i].value);
      else
        g_string_append_len (log_text, fields[i].value, fields[i].length);
      g_string_append_c (log_text, ' ');
    }
  g_string_append_c (log_text, '\n');
  g_mutex_unlock (&log_lock);

  /* Warnings and worse still reach the test's output (and stay fatal). */
  if (level & (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING))
    return g_log_writer_default (level, fields, n_fields, user_data);
  return G_LOG_WRITER_HANDLED;
}

/* Libraries that log without structured fields come through here. */
static void
capture_handler (const char     *domain,
                 GLogLevelFlags  level,
                 const char     *message,
                 gpointer        user_data)
{
  g_mutex_lock (&log_lock);
  log_count++;
  g_string_append_printf (log_text, "GLIB_DOMAIN=%s MESSAGE=%s\n", domain != NULL ? domain : "", message);
  g_mutex_unlock (&log_lock);

  if (level & (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING))
    g_log_default_handler (domain, level, message, user_data);
}

static gboolean
bytes_contain (GBytes     *haystack,
               const void *needle,
               gsize       length)
{
  gsize size = 0;
  const guint8 *data = g_bytes_get_data (haystack, &size);

  if (length == 0 || size < length)
    return FALSE;
  for (gsize i = 0; i + length <= size; i++)
    if (data[i] == *(const guint8 *) needle && memcmp (data + i, needle, length) == 0)
      return TRUE;
  return FALSE;
}

static GBytes *
read_file (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize length = 0;

  if (!g_file_get_contents (path, &contents, &length, &error))
    {
      g_assert_true (g_error_matches (error, G_FILE_ERROR, G_FILE_ERROR_NOENT));
      return g_bytes_new (NULL, 0);
    }
  return g_bytes_new_take (contents, length);
}

/* The database, its WAL and shared memory, read as raw bytes. */
static GBytes *
read_journal_files (const char *path)
{
  static const char * const suffixes[] = { "", "-wal", "-shm", "-journal" };
  GByteArray *all = g_byte_array_new ();

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);
      g_autoptr(GBytes) bytes = read_file (file);

      g_byte_array_append (all, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
    }
  return g_byte_array_free_to_bytes (all);
}

static void
assert_mode_0600 (const char *path)
{
  GStatBuf buf;

  g_assert_cmpint (g_stat (path, &buf), ==, 0);
  if ((buf.st_mode & 0777) != 0600)
    g_error ("%s has mode %o, not 0600", path, buf.st_mode & 0777);
}

static void
flush_journal (DossierJournal *journal)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GAsyncResult *slot = NULL;

  dossier_journal_flush_async (journal, NULL, AUDIT_AWAIT (slot));
  result = audit_flow_wait (&slot);
  g_assert_true (dossier_journal_flush_finish (journal, result, &error));
  g_assert_no_error (error);
}

static char *
pdf_text (const char *path)
{
  const char *argv[] = { "pdftotext", "-enc", "UTF-8", path, "-", NULL };
  g_autoptr(GError) error = NULL;
  char *out = NULL;
  int status = 0;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
                &out, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return out;
}

static void
export_both (AuditFlow  *flow,
             const char *pdf,
             const char *json)
{
  g_autoptr(GFile) pdf_file = g_file_new_for_path (pdf);
  g_autoptr(GFile) json_file = g_file_new_for_path (json);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GAsyncResult *slot = NULL;

  dossier_audit_export_pdf_async (flow->journal, flow->client, flow->requests, "Secrets test",
                                  pdf_file, NULL, AUDIT_AWAIT (slot));
  result = audit_flow_wait (&slot);
  g_assert_true (dossier_audit_export_pdf_finish (result, NULL, &error));
  g_assert_no_error (error);
  g_clear_object (&result);

  dossier_audit_export_json_async (flow->journal, flow->client, flow->requests, "Secrets test",
                                   json_file, NULL, AUDIT_AWAIT (slot));
  result = audit_flow_wait (&slot);
  g_assert_true (dossier_audit_export_json_finish (result, &error));
  g_assert_no_error (error);
}

/* More error paths: a wrong key and an invalid client; their messages are kept. */
static void
provoke_errors (AuditFlow *flow)
{
  g_autoptr(DossierApi) wrong = dossier_api_new (dossier_sandbox_get_uri (flow->sandbox), WRONG_KEY);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) clients = NULL;
  g_autoptr(DossierClient) invalid = NULL;
  g_autoptr(JsonNode) body = json_from_string ("{\"first_name\":\"Ana\",\"last_name\":\"Ruiz\","
                                               "\"email\":\"not an email\"}", NULL);
  GAsyncResult *slot = NULL;

  dossier_api_list_clients_async (wrong, DOSSIER_API_PRIORITY_USER, NULL, AUDIT_AWAIT (slot));
  result = audit_flow_wait (&slot);
  clients = dossier_api_list_clients_finish (wrong, result, &error);
  g_assert_null (clients);
  g_assert_error (error, DOSSIER_API_ERROR, DOSSIER_API_ERROR_INVALID_KEY);
  audit_flow_note_error (flow, error);
  g_clear_error (&error);
  g_clear_object (&result);

  dossier_api_create_client_from_json_async (flow->api, body, DOSSIER_API_PRIORITY_USER, NULL, AUDIT_AWAIT (slot));
  result = audit_flow_wait (&slot);
  invalid = dossier_api_create_client_finish (flow->api, result, &error);
  g_assert_null (invalid);
  g_assert_nonnull (error);
  audit_flow_note_error (flow, error);
}

static void
test_key_nowhere (void)
{
  AuditFlow flow = { 0 };
  g_autofree char *pdf = NULL;
  g_autofree char *json = NULL;
  g_autofree char *keyfile = NULL;
  g_autofree char *text = NULL;
  g_autofree char *logs = NULL;
  g_autoptr(GBytes) journal_bytes = NULL;
  g_autoptr(GBytes) json_bytes = NULL;
  g_autoptr(GBytes) pdf_bytes = NULL;
  g_autoptr(GBytes) settings_bytes = NULL;
  g_autoptr(GSettingsBackend) backend = NULL;
  g_autoptr(GSettings) settings = NULL;
  g_autoptr(GSettingsSchema) schema = NULL;
  const char * const keys[] = { SECRET_KEY, WRONG_KEY };

  audit_flow_run (&flow, SECRET_KEY, TRUE);
  audit_flow_add_note (&flow, AUDIT_NOTE_TEXT);
  provoke_errors (&flow);

  /* The accounts as the app keeps them, in a keyfile we can read back. */
  keyfile = g_build_filename (flow.dir, "settings.ini", NULL);
  backend = g_keyfile_settings_backend_new (keyfile, "/", NULL);
  schema = g_settings_schema_source_lookup (g_settings_schema_source_get_default (), APPLICATION_ID, TRUE);
  g_assert_nonnull (schema);
  settings = g_settings_new_full (schema, backend, NULL);
  dossier_accounts_add_remote (settings, dossier_sandbox_get_uri (flow.sandbox), "Sandbox under test");
  dossier_accounts_set_current (settings, dossier_sandbox_get_uri (flow.sandbox));
  g_settings_sync ();
  g_clear_object (&settings);

  pdf = g_build_filename (flow.dir, "dossier.pdf", NULL);
  json = g_build_filename (flow.dir, "dossier.json", NULL);
  export_both (&flow, pdf, json);
  flush_journal (flow.journal);

  text = pdf_text (pdf);
  pdf_bytes = read_file (pdf);
  json_bytes = read_file (json);
  journal_bytes = read_journal_files (flow.journal_path);
  settings_bytes = read_file (keyfile);
  g_mutex_lock (&log_lock);
  logs = g_strdup (log_text->str);
  g_mutex_unlock (&log_lock);

  /* Each place really holds the flow's data, so not finding the key means something. */
  g_test_message ("%u log messages (%zu bytes), %u error messages, journal %zu bytes, settings %zu bytes",
                  log_count, strlen (logs), flow.errors->len, g_bytes_get_size (journal_bytes),
                  g_bytes_get_size (settings_bytes));
  g_assert_cmpuint (log_count, >, 20);
  g_assert_nonnull (strstr (logs, flow.client_id));
  g_assert_nonnull (strstr (text, "Maria Julia Barber"));
  g_assert_true (bytes_contain (json_bytes, flow.client_id, strlen (flow.client_id)));
  g_assert_true (bytes_contain (journal_bytes, flow.client_id, strlen (flow.client_id)));
  g_assert_true (bytes_contain (settings_bytes, "Sandbox under test", strlen ("Sandbox under test")));
  g_assert_cmpuint (flow.errors->len, ==, 3);

  for (guint k = 0; k < G_N_ELEMENTS (keys); k++)
    {
      const char *key = keys[k];

      g_assert_null (strstr (logs, key));
      for (guint i = 0; i < flow.errors->len; i++)
        {
          g_test_message ("error: %s", (const char *) g_ptr_array_index (flow.errors, i));
          g_assert_null (strstr (g_ptr_array_index (flow.errors, i), key));
        }
      g_assert_false (bytes_contain (journal_bytes, key, strlen (key)));
      g_assert_false (bytes_contain (settings_bytes, key, strlen (key)));
      g_assert_false (bytes_contain (json_bytes, key, strlen (key)));
      g_assert_false (bytes_contain (pdf_bytes, key, strlen (key)));
      g_assert_null (strstr (text, key));
    }

  /* Private files: the journal (its queue included) and both exports. */
  assert_mode_0600 (flow.journal_path);
  {
    g_autofree char *wal = g_strconcat (flow.journal_path, "-wal", NULL);
    g_autofree char *shm = g_strconcat (flow.journal_path, "-shm", NULL);

    assert_mode_0600 (wal);
    assert_mode_0600 (shm);
  }
  assert_mode_0600 (pdf);
  assert_mode_0600 (json);

  audit_flow_clear (&flow);
}

/* A 64-byte window from the middle of the image: found only if the bytes are kept. */
static gboolean
journal_holds_image (const char *journal_path,
                     GBytes     *image)
{
  g_autoptr(GBytes) files = read_journal_files (journal_path);
  gsize size = 0;
  const guint8 *data = g_bytes_get_data (image, &size);

  return bytes_contain (files, data + size / 2, 64);
}

static void
test_accepted_bytes_gone (void)
{
  AuditFlow flow = { 0 };
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(DossierJournalUpload) upload = NULL;
  g_autoptr(DossierJournalUpload) queued = NULL;
  g_autoptr(GBytes) pending = NULL;
  GAsyncResult *slot = NULL;
  gint64 id;

  audit_flow_run (&flow, SECRET_KEY, FALSE);
  flush_journal (flow.journal);

  /* The seed flow's passport was accepted: its record keeps hashes, not bytes. */
  dossier_journal_get_upload_async (flow.journal, flow.upload_id, NULL, AUDIT_AWAIT (slot));
  result = audit_flow_wait (&slot);
  upload = dossier_journal_get_upload_finish (flow.journal, result, &error);
  g_assert_no_error (error);
  g_clear_object (&result);
  g_assert_true (upload->state == DOSSIER_JOURNAL_UPLOAD_STATE_ACCEPTED);
  g_assert_null (upload->front);
  g_assert_null (upload->back);
  g_assert_nonnull (upload->thumbnail);
  g_assert_cmpstr (upload->front_sha256, ==, flow.front_sha256);
  g_assert_false (journal_holds_image (flow.journal_path, flow.front));

  /* A queued upload does hold its bytes (so the check above can fail). */
  pending = audit_flow_jpeg (640, 480);
  queued = dossier_journal_upload_new (flow.client_id, flow.request_id, "proof_of_address", "utility_bill",
                                       pending, NULL);
  dossier_journal_enqueue_upload_async (flow.journal, queued, NULL, AUDIT_AWAIT (slot));
  result = audit_flow_wait (&slot);
  id = dossier_journal_enqueue_upload_finish (flow.journal, result, &error);
  g_assert_no_error (error);
  g_clear_object (&result);
  flush_journal (flow.journal);
  g_assert_true (journal_holds_image (flow.journal_path, pending));

  /* Acknowledged: the bytes go from the journal's files, the hash stays. */
  dossier_journal_mark_upload_sending_async (flow.journal, id, NULL, AUDIT_AWAIT (slot));
  result = audit_flow_wait (&slot);
  g_assert_true (dossier_journal_mark_upload_sending_finish (flow.journal, result, &error));
  g_clear_object (&result);
  {
    g_autoptr(GBytes) thumbnail = audit_flow_thumbnail (pending);

    dossier_journal_mark_upload_accepted_async (flow.journal, id, thumbnail, NULL, AUDIT_AWAIT (slot));
  }
  result = audit_flow_wait (&slot);
  g_assert_true (dossier_journal_mark_upload_accepted_finish (flow.journal, result, &error));
  g_assert_no_error (error);
  g_clear_object (&result);
  flush_journal (flow.journal);
  g_assert_false (journal_holds_image (flow.journal_path, pending));

  audit_flow_clear (&flow);
}

static void
test_forget (void)
{
  AuditFlow flow = { 0 };
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) pending = audit_flow_jpeg (640, 480);
  g_autoptr(GBytes) files = NULL;
  g_autoptr(DossierJournalUpload) queued = NULL;
  g_autoptr(JsonObject) draft = json_object_new ();
  g_autoptr(JsonObject) loaded = NULL;
  g_autoptr(JsonNode) cached = json_from_string ("[{\"id\":\"cached-request-7\",\"status\":\"in_kyc\"}]", NULL);
  g_autoptr(GPtrArray) notes = NULL;
  g_autoptr(GPtrArray) uploads = NULL;
  g_autoptr(GPtrArray) requests = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(DossierJournalVerification) verification = NULL;
  GAsyncResult *slot = NULL;
  gint64 updated_at = 0;
  guint forgotten;

  audit_flow_run (&flow, SECRET_KEY, FALSE);
  audit_flow_add_note (&flow, AUDIT_NOTE_TEXT);

  json_object_set_string_member (draft, "occupation", "Draft-occupation-Zanzibar-Tailor");
  dossier_journal_save_draft_async (flow.journal, flow.client_id, flow.request_id, draft, NULL, AUDIT_AWAIT (slot));
  result = audit_flow_wait (&slot);
  g_assert_true (dossier_journal_save_draft_finish (flow.journal, result, &error));
  g_clear_object (&result);
  queued = dossier_journal_upload_new (flow.client_id, flow.request_id, "proof_of_address", "utility_bill",
                                       pending, NULL);
  dossier_journal_enqueue_upload_async (flow.journal, queued, NULL, AUDIT_AWAIT (slot));
  result = audit_flow_wait (&slot);
  g_assert_cmpint (dossier_journal_enqueue_upload_finish (flow.journal, result, &error), >, 0);
  g_clear_object (&result);
  dossier_journal_store_requests_async (flow.journal, flow.client_id, cached, g_get_real_time (), NULL,
                                        AUDIT_AWAIT (slot));
  result = audit_flow_wait (&slot);
  g_assert_true (dossier_journal_store_requests_finish (flow.journal, result, &error));
  g_assert_no_error (error);
  g_clear_object (&result);
  flush_journal (flow.journal);
  files = read_journal_files (flow.journal_path);
  g_assert_true (bytes_contain (files, AUDIT_NOTE_TEXT, strlen (AUDIT_NOTE_TEXT)));
  g_assert_true (bytes_contain (files, "Zanzibar-Tailor", strlen ("Zanzibar-Tailor")));
  g_assert_true (bytes_contain (files, "cached-request-7", strlen ("cached-request-7")));
  g_assert_true (journal_holds_image (flow.journal_path, pending));
  g_clear_pointer (&files, g_bytes_unref);

  dossier_journal_forget_client_async (flow.journal, flow.client_id, NULL, AUDIT_AWAIT (slot));
  result = audit_flow_wait (&slot);
  forgotten = dossier_journal_forget_client_finish (flow.journal, result, &error);
  g_assert_no_error (error);
  g_clear_object (&result);
  g_test_message ("%u events became tombstones", forgotten);
  g_assert_cmpuint (forgotten, >=, 10);

  /* Drafts, notes, queued images and thumbnails, cached requests: gone. */
  dossier_journal_load_draft_async (flow.journal, flow.client_id, flow.request_id, NULL, AUDIT_AWAIT (slot));
  result = audit_flow_wait (&slot);
  loaded = dossier_journal_load_draft_finish (flow.journal, result, &updated_at, &error);
  g_assert_no_error (error);
  g_assert_null (loaded);
  g_clear_object (&result);
  dossier_journal_list_notes_async (flow.journal, flow.client_id, NULL, AUDIT_AWAIT (slot));
  result = audit_flow_wait (&slot);
  notes = dossier_journal_list_notes_finish (flow.journal, result, &error);
  g_assert_cmpuint (notes->len, ==, 0);
  g_clear_object (&result);
  dossier_journal_list_uploads_async (flow.journal, flow.client_id, NULL, NULL, AUDIT_AWAIT (slot));
  result = audit_flow_wait (&slot);
  uploads = dossier_journal_list_uploads_finish (flow.journal, result, &error);
  g_assert_cmpuint (uploads->len, ==, 0);
  g_clear_object (&result);
  dossier_journal_list_requests_async (flow.journal, flow.client_id, NULL, AUDIT_AWAIT (slot));
  result = audit_flow_wait (&slot);
  requests = dossier_journal_list_requests_finish (flow.journal, result, &error);
  g_assert_cmpuint (requests->len, ==, 0);
  g_clear_object (&result);

  /* The timeline: tombstones (no trace id, no details) and one client-forgotten event. */
  dossier_journal_list_events_async (flow.journal, flow.client_id, NULL, 0, NULL, AUDIT_AWAIT (slot));
  result = audit_flow_wait (&slot);
  events = dossier_journal_list_events_finish (flow.journal, result, &error);
  g_assert_no_error (error);
  g_clear_object (&result);
  g_assert_cmpuint (events->len, ==, forgotten + 1);
  for (guint i = 0; i < events->len; i++)
    {
      DossierJournalEvent *event = g_ptr_array_index (events, i);

      if (g_str_equal (event->kind, DOSSIER_JOURNAL_EVENT_CLIENT_FORGOTTEN))
        continue;
      g_assert_true (event->forgotten);
      g_assert_null (event->trace_id);
      g_assert_null (event->details);
      g_assert_cmpuint (strlen (event->digest), ==, 64);
    }

  /* No trace of the removed values in the files; the chain still verifies. */
  files = read_journal_files (flow.journal_path);
  g_assert_false (bytes_contain (files, AUDIT_NOTE_TEXT, strlen (AUDIT_NOTE_TEXT)));
  g_assert_false (bytes_contain (files, "Zanzibar-Tailor", strlen ("Zanzibar-Tailor")));
  g_assert_false (bytes_contain (files, "cached-request-7", strlen ("cached-request-7")));
  g_assert_false (journal_holds_image (flow.journal_path, pending));

  dossier_journal_verify_async (flow.journal, NULL, AUDIT_AWAIT (slot));
  result = audit_flow_wait (&slot);
  verification = dossier_journal_verify_finish (flow.journal, result, &error);
  g_assert_no_error (error);
  g_test_message ("verify: %s", verification->message);
  g_assert_true (verification->ok);
  g_assert_cmpuint (verification->n_forgotten, ==, forgotten);

  g_clear_object (&result);  /* it holds the journal */
  audit_flow_clear (&flow);
}

int
main (int   argc,
      char *argv[])
{
  /* Every message, debug included, goes through the capturing writer. */
  g_setenv ("G_MESSAGES_DEBUG", "all", TRUE);
  log_text = g_string_new (NULL);
  g_log_set_writer_func (capture_writer, NULL, NULL);

  g_test_init (&argc, &argv, NULL);
  g_log_set_default_handler (capture_handler, NULL);

  g_test_add_func ("/dossier/sandbox/secrets/key-nowhere", test_key_nowhere);
  g_test_add_func ("/dossier/sandbox/secrets/accepted-bytes-gone", test_accepted_bytes_gone);
  g_test_add_func ("/dossier/sandbox/secrets/forget", test_forget);

  return g_test_run ();
}
