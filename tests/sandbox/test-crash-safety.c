/* test-crash-safety.c — the core's work killed with SIGKILL at random points (issue 13)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A child process (crash-safety-child) types drafts into the journal and queues and
 * sends uploads through DossierUploader against a sandbox this process runs (random
 * port, state file in a temporary state directory). It is killed with SIGKILL after a
 * random delay, again and again; each child resumes what the previous one left. After
 * each kill the journal passes PRAGMA integrity_check (read-only), and every upload
 * is consistent with what the sandbox stored: "pending" never reached it, "sending" at
 * most once, "accepted" exactly once. At the end a last child drains the queue; then
 * every draft the child acknowledged as saved is there (or a later one), every upload
 * it acknowledged as queued is in the journal, accepted, and stored exactly once, and
 * no request holds a document the journal knows nothing of.
 * Nothing is timed: the kill delays are random, the budget only bounds the loop.
 */
#include "config.h"

#include <signal.h>
#include <unistd.h>
#include <sqlite3.h>
#include <gio/gunixinputstream.h>

#include "uploader-test-utils.h"

#define MIN_ITERATIONS  50
#define MAX_ITERATIONS  80
#define BUDGET_SECONDS  60   /* the loop stops adding kills after half of it */
#define MAX_KILL_DELAY_MS 250

typedef struct
{
  char   *client_id;
  char   *request_id;
  guint   acked_draft;   /* the last draft seq the child acknowledged, 0: none */
  gint64  upload_id;     /* acknowledged as queued, 0: not (yet) */
} Work;

static void
work_free (Work *work)
{
  g_free (work->client_id);
  g_free (work->request_id);
  g_free (work);
}

typedef struct
{
  UtSandbox   *sandbox;
  DossierApi  *api;
  SoupSession *admin;
  char        *dir;
  char        *journal_path;
  const char  *child_path;
  GHashTable  *works;       /* request id → Work */
  GPtrArray   *order;       /* Work, in creation order */
  guint        n_drafts;
  guint        n_queued;
  guint        n_states;
  GHashTable  *accepted;    /* request ids whose upload is accepted and stored: final */
  GByteArray  *output;      /* what the running child wrote so far */
  guint        n_after_ack; /* kills timed from the child's first acknowledgement */
  guint        n_pending_seen;         /* after a kill: uploads still pending */
  guint        n_sending_seen;         /* ... "sending" (answer never read) */
  guint        n_sending_stored_seen;  /* ... of which the sandbox had stored */
} Crash;

/* Reads what a (dead) child wrote to its pipe and records its acknowledgements. */
static void
read_acks (Crash       *crash,
           GSubprocess *child)
{
  GInputStream *stream = g_subprocess_get_stdout_pipe (child);
  g_autoptr(GByteArray) all = g_steal_pointer (&crash->output);
  g_auto(GStrv) lines = NULL;
  guint8 buffer[4096];
  gssize n;

  crash->output = g_byte_array_new ();
  while ((n = g_input_stream_read (stream, buffer, sizeof buffer, NULL, NULL)) > 0)
    g_byte_array_append (all, buffer, n);
  g_byte_array_append (all, (const guint8 *) "", 1);

  lines = g_strsplit ((const char *) all->data, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) words = g_strsplit (lines[i], " ", 3);
      Work *work;

      /* A line cut by the kill has no newline: the last element, ignored. */
      if (lines[i + 1] == NULL || g_strv_length (words) < 2)
        continue;

      if (g_strcmp0 (words[0], "draft") == 0 &&
          (work = g_hash_table_lookup (crash->works, words[1])) != NULL)
        {
          guint seq = (guint) g_ascii_strtoull (words[2], NULL, 10);

          g_assert_cmpuint (seq, >, work->acked_draft);
          work->acked_draft = seq;
          crash->n_drafts++;
        }
      else if (g_strcmp0 (words[0], "queued") == 0 && words[2] != NULL &&
               (work = g_hash_table_lookup (crash->works, words[2])) != NULL)
        {
          work->upload_id = g_ascii_strtoll (words[1], NULL, 10);
          crash->n_queued++;
        }
      else if (g_strcmp0 (words[0], "status") == 0)
        crash->n_states++;
    }
}

static guint
stored_documents (Crash      *crash,
                  const char *request_id)
{
  g_autoptr(JsonArray) documents = ut_admin_documents (crash->admin, crash->sandbox, request_id);

  return json_array_get_length (documents);
}

/* PRAGMA integrity_check on a read-only connection, then the queue against the sandbox. */
static void
check_journal_file (Crash    *crash,
                    gboolean  drained)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (!g_file_test (crash->journal_path, G_FILE_TEST_EXISTS))
    {
      /* Killed before the journal file was created. */
      g_assert_cmpuint (crash->n_drafts + crash->n_queued, ==, 0);
      g_assert_false (drained);
      return;
    }

  rc = sqlite3_open_v2 (crash->journal_path, &db, SQLITE_OPEN_READONLY, NULL);
  g_assert_cmpint (rc, ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 5000);

  rc = sqlite3_prepare_v2 (db, "PRAGMA integrity_check", -1, &stmt, NULL);
  g_assert_cmpint (rc, ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "ok");
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_finalize (stmt);

  /* Killed before the journal ever finished opening: an empty database, nothing acknowledged. */
  rc = sqlite3_prepare_v2 (db, "SELECT count(*) FROM sqlite_master WHERE name = 'uploads'",
                           -1, &stmt, NULL);
  g_assert_cmpint (rc, ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  if (sqlite3_column_int (stmt, 0) == 0)
    {
      g_assert_cmpuint (crash->n_drafts + crash->n_queued, ==, 0);
      g_assert_false (drained);
      sqlite3_finalize (stmt);
      sqlite3_close (db);
      return;
    }
  sqlite3_finalize (stmt);

  rc = sqlite3_prepare_v2 (db, "SELECT id, request_id, state, front IS NOT NULL FROM uploads",
                           -1, &stmt, NULL);
  g_assert_cmpint (rc, ==, SQLITE_OK);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *request_id = (const char *) sqlite3_column_text (stmt, 1);
      const char *state = (const char *) sqlite3_column_text (stmt, 2);
      gboolean has_bytes = sqlite3_column_int (stmt, 3) != 0;
      guint stored;

      /* Accepted is final: seen once, no need to ask the sandbox again. */
      if (g_hash_table_contains (crash->accepted, request_id))
        {
          g_assert_cmpstr (state, ==, "accepted");
          g_assert_false (has_bytes);
          continue;
        }
      stored = stored_documents (crash, request_id);

      g_assert_nonnull (g_hash_table_lookup (crash->works, request_id));
      if (g_strcmp0 (state, "pending") == 0)
        {
          /* Never sent: committed "sending" comes first. */
          g_assert_cmpuint (stored, ==, 0);
          g_assert_true (has_bytes);
          crash->n_pending_seen += !drained;
        }
      else if (g_strcmp0 (state, "sending") == 0)
        {
          g_assert_cmpuint (stored, <=, 1);
          g_assert_true (has_bytes);
          crash->n_sending_seen += !drained;
          crash->n_sending_stored_seen += !drained && stored == 1;
        }
      else
        {
          g_assert_cmpstr (state, ==, "accepted");
          g_assert_cmpuint (stored, ==, 1);
          g_assert_false (has_bytes);
          g_hash_table_add (crash->accepted, g_strdup (request_id));
        }
      if (drained)
        g_assert_cmpstr (state, ==, "accepted");
    }
  g_assert_cmpint (rc, ==, SQLITE_DONE);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
}

static GSubprocess *
spawn_child (Crash      *crash,
             const char *client_id,
             const char *request_id,
             guint       seed)
{
  g_autofree char *seed_text = g_strdup_printf ("%u", seed);
  g_autoptr(GError) error = NULL;
  GSubprocess *child;

  if (client_id != NULL)
    child = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error, crash->child_path,
                              crash->sandbox->uri, UT_KEY, crash->journal_path,
                              client_id, request_id, seed_text, NULL);
  else
    child = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error, crash->child_path,
                              crash->sandbox->uri, UT_KEY, crash->journal_path, "--finish", NULL);
  g_assert_no_error (error);
  g_assert_nonnull (child);

  return child;
}

/* Slows this request's uploads on the server, so kills often land while one is in flight. */
static void
arm_delay (Crash      *crash,
           Work       *work,
           guint       delay_ms)
{
  g_autofree char *body = g_strdup_printf ("{\"kind\": \"delay\", \"delay_ms\": %u, \"method\": \"POST\","
                                           " \"path_prefix\": \"/management/clients/individuals/%s/products/%s/documentation\"}",
                                           delay_ms, work->client_id, work->request_id);
  g_autoptr(JsonNode) node = api_test_admin (crash->admin, crash->sandbox->uri, "POST",
                                             "/_sandbox/faults", body);

  g_assert_nonnull (node);
}

static void
child_waited_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_subprocess_wait_finish (G_SUBPROCESS (source), result, NULL);
  *(gboolean *) user_data = TRUE;
}

/* Reads the child's output until its first acknowledged draft (or it has been quiet for
 * a while); the bytes are kept for read_acks(). */
static void
wait_first_draft (Crash       *crash,
                  GSubprocess *child)
{
  int fd = g_unix_input_stream_get_fd (G_UNIX_INPUT_STREAM (g_subprocess_get_stdout_pipe (child)));
  GPollFD poll_fd = { fd, G_IO_IN | G_IO_HUP, 0 };

  while (g_poll (&poll_fd, 1, 10000) > 0)
    {
      guint8 buffer[4096];
      gssize n = read (fd, buffer, sizeof buffer);

      if (n <= 0)
        return;
      g_byte_array_append (crash->output, buffer, n);
      if (g_strstr_len ((const char *) crash->output->data, crash->output->len, "draft ") != NULL)
        return;
    }
}

static void
run_iteration (Crash *crash,
               guint  iteration)
{
  g_autoptr(GSubprocess) child = NULL;
  g_autoptr(GError) error = NULL;
  Work *work = g_new0 (Work, 1);
  guint delay_ms;

  work->client_id = ut_create_client (crash->api, "Crash");
  work->request_id = ut_request_product (crash->api, work->client_id, "cards_individuals");
  g_hash_table_insert (crash->works, g_strdup (work->request_id), work);
  g_ptr_array_add (crash->order, work);

  if (g_random_int_range (0, 3) == 0)
    arm_delay (crash, work, g_random_int_range (10, 120));

  child = spawn_child (crash, work->client_id, work->request_id, iteration);
  /* Half the kills are timed from the start (they often land while the child starts
   * up), half from its first saved draft (it is then typing and uploading). */
  if (iteration % 2 == 1)
    {
      wait_first_draft (crash, child);
      crash->n_after_ack++;
    }
  delay_ms = g_random_int_range (1, MAX_KILL_DELAY_MS);
  g_usleep (delay_ms * 1000);
  g_subprocess_send_signal (child, SIGKILL);
  g_subprocess_wait (child, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_signaled (child));
  g_assert_cmpint (g_subprocess_get_term_sig (child), ==, SIGKILL);

  read_acks (crash, child);
  check_journal_file (crash, FALSE);
}

static void
finish (Crash *crash)
{
  g_autoptr(GSubprocess) child = spawn_child (crash, NULL, NULL, 0);
  gboolean exited = FALSE;
  gboolean timed_out = FALSE;
  guint guard;

  /* A guard, not a measurement: a hung child fails the test instead of the suite. */
  guard = g_timeout_add_seconds (60, api_test_timed_out_cb, &timed_out);
  g_subprocess_wait_async (child, NULL, child_waited_cb, &exited);
  while (!exited && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  if (!exited)
    g_subprocess_force_exit (child);
  g_assert_false (timed_out);
  g_source_remove (guard);
  g_assert_true (g_subprocess_get_if_exited (child));
  g_assert_cmpint (g_subprocess_get_exit_status (child), ==, 0);
  read_acks (crash, child);
}

/* Exactly one document-uploaded and one document-accepted event, whatever the kills did. */
static void
assert_evidence_once (DossierJournal       *journal,
                      DossierJournalUpload *upload)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GError) error = NULL;
  guint uploaded = 0;
  guint accepted = 0;

  dossier_journal_list_events_async (journal, upload->client_id, upload->request_id, 0, NULL,
                                     api_test_catch, &result);
  events = dossier_journal_list_events_finish (journal, api_test_wait (&result, 30), &error);
  g_assert_no_error (error);
  for (guint i = 0; i < events->len; i++)
    {
      DossierJournalEvent *event = g_ptr_array_index (events, i);
      JsonObject *details = event->details != NULL ? json_node_get_object (event->details) : NULL;

      if (details == NULL || json_object_get_int_member_with_default (details, "upload_id", 0) != upload->id)
        continue;
      if (g_strcmp0 (event->kind, DOSSIER_JOURNAL_EVENT_DOCUMENT_UPLOADED) == 0)
        uploaded++;
      else if (g_strcmp0 (event->kind, DOSSIER_JOURNAL_EVENT_DOCUMENT_ACCEPTED) == 0)
        accepted++;
      g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (json_object_get_object_member (details, "sides"), "front"), "sha256"),
                       ==, upload->front_sha256);
    }
  g_assert_cmpuint (uploaded, ==, 1);
  g_assert_cmpuint (accepted, ==, 1);
}

static void
check_drafts_and_uploads (Crash *crash)
{
  g_autoptr(DossierJournal) journal = ut_journal_open (crash->journal_path);
  g_autoptr(GAsyncResult) listed = NULL;
  g_autoptr(GPtrArray) uploads = NULL;
  g_autoptr(GHashTable) by_request = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GError) error = NULL;
  guint n_uploads_stored = 0;
  guint n_refused = 0;

  dossier_journal_list_uploads_async (journal, NULL, NULL, NULL, api_test_catch, &listed);
  uploads = dossier_journal_list_uploads_finish (journal, api_test_wait (&listed, 30), &error);
  g_assert_no_error (error);
  for (guint i = 0; i < uploads->len; i++)
    {
      DossierJournalUpload *upload = g_ptr_array_index (uploads, i);

      /* One upload per request (each child queued one). */
      g_assert_null (g_hash_table_lookup (by_request, upload->request_id));
      g_hash_table_insert (by_request, upload->request_id, upload);
    }

  for (guint i = 0; i < crash->order->len; i++)
    {
      Work *work = g_ptr_array_index (crash->order, i);
      DossierJournalUpload *upload = g_hash_table_lookup (by_request, work->request_id);
      guint stored = stored_documents (crash, work->request_id);

      /* Drafts: what was acknowledged as saved is there (or a later keystroke). */
      if (work->acked_draft > 0)
        {
          g_autoptr(GAsyncResult) result = NULL;
          g_autoptr(JsonObject) draft = NULL;

          dossier_journal_load_draft_async (journal, work->client_id, work->request_id, NULL,
                                            api_test_catch, &result);
          draft = dossier_journal_load_draft_finish (journal, api_test_wait (&result, 30), NULL, &error);
          g_assert_no_error (error);
          g_assert_nonnull (draft);
          g_assert_cmpint (json_object_get_int_member (draft, "seq"), >=, work->acked_draft);
        }

      /* Uploads: acknowledged ones are never lost; each reached the sandbox once. */
      if (work->upload_id > 0)
        {
          g_assert_nonnull (upload);
          g_assert_cmpint (upload->id, ==, work->upload_id);
        }
      if (upload != NULL)
        {
          g_autoptr(JsonArray) documents = ut_admin_documents (crash->admin, crash->sandbox, work->request_id);
          JsonObject *front;

          g_assert_cmpint (upload->state, ==, DOSSIER_JOURNAL_UPLOAD_STATE_ACCEPTED);
          g_assert_cmpuint (stored, ==, 1);
          g_assert_null (upload->front);
          front = json_object_get_object_member (json_array_get_object_element (documents, 0), "image_front");
          g_assert_cmpstr (json_object_get_string_member (front, "sha256"), ==, upload->front_sha256);
          g_assert_cmpuint (ut_posts (work->request_id, "200"), ==, 1);
          assert_evidence_once (journal, upload);
          n_uploads_stored++;
        }
      else
        {
          /* Killed before the upload was committed: nothing may have been sent. */
          g_assert_cmpuint (stored, ==, 0);
          g_assert_cmpuint (ut_posts (work->request_id, "200"), ==, 0);
        }
      n_refused += ut_posts (work->request_id, "412");
    }

  /* The evidence chain survived the kills too. */
  {
    g_autoptr(GAsyncResult) result = NULL;
    g_autoptr(DossierJournalVerification) verification = NULL;

    dossier_journal_verify_async (journal, NULL, api_test_catch, &result);
    verification = dossier_journal_verify_finish (journal, api_test_wait (&result, 60), &error);
    g_assert_no_error (error);
    g_test_message ("journal verification: %s (%u events checked)", verification->message,
                    verification->n_checked);
    g_assert_true (verification->ok);
    g_assert_cmpuint (verification->n_checked, >, 0);
  }

  g_test_message ("%u uploads stored exactly once, %u requests without an upload, "
                  "%u re-sends refused by the server (412) after a lost first send",
                  n_uploads_stored, crash->order->len - n_uploads_stored, n_refused);
}

static void
test_crash_safety (void)
{
  Crash crash = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *state_file = NULL;
  g_autofree char *child_path = NULL;
  gint64 start = g_get_monotonic_time ();
  guint iterations = 0;

  child_path = g_strdup (g_getenv ("DOSSIER_CRASH_CHILD"));
  if (child_path == NULL)
    child_path = g_test_build_filename (G_TEST_BUILT, "sandbox", "crash-safety-child", NULL);
  g_assert_true (g_file_test (child_path, G_FILE_TEST_IS_EXECUTABLE));
  crash.child_path = child_path;
  crash.dir = g_dir_make_tmp ("dossier-crash-XXXXXX", &error);
  g_assert_no_error (error);
  crash.journal_path = g_build_filename (crash.dir, "journal.sqlite", NULL);
  state_file = g_build_filename (crash.dir, "sandbox-state.json", NULL);
  crash.sandbox = ut_sandbox_start (state_file);
  crash.api = dossier_api_new (crash.sandbox->uri, UT_KEY);
  crash.admin = soup_session_new ();
  crash.works = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  crash.order = g_ptr_array_new_with_free_func ((GDestroyNotify) work_free);
  crash.accepted = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  crash.output = g_byte_array_new ();

  /* At least MIN_ITERATIONS kills; more while the time budget lasts. */
  while (iterations < MIN_ITERATIONS ||
         (iterations < MAX_ITERATIONS &&
          g_get_monotonic_time () - start < BUDGET_SECONDS * G_USEC_PER_SEC / 2))
    {
      run_iteration (&crash, iterations);
      iterations++;
    }

  finish (&crash);
  check_journal_file (&crash, TRUE);
  check_drafts_and_uploads (&crash);

  g_test_message ("crash safety: %u SIGKILLs (%u timed from the first saved draft) in %.1f s; "
                  "%u drafts and %u uploads acknowledged, %u status lines", iterations,
                  crash.n_after_ack, (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC,
                  crash.n_drafts, crash.n_queued, crash.n_states);
  g_test_message ("after the kills: %u times an upload was left pending, %u times sending "
                  "(%u of them already stored by the sandbox: answer lost)",
                  crash.n_pending_seen, crash.n_sending_seen, crash.n_sending_stored_seen);
  g_assert_cmpuint (iterations, >=, MIN_ITERATIONS);

  g_assert_finalize_object (crash.api);
  g_object_unref (crash.admin);
  ut_sandbox_stop (crash.sandbox);
  g_hash_table_unref (crash.works);
  g_hash_table_unref (crash.accepted);
  g_byte_array_unref (crash.output);
  g_ptr_array_unref (crash.order);
  {
    g_autoptr(GDir) handle = g_dir_open (crash.dir, 0, NULL);
    const char *name;

    while (handle != NULL && (name = g_dir_read_name (handle)) != NULL)
      {
        g_autofree char *child = g_build_filename (crash.dir, name, NULL);
        g_remove (child);
      }
    g_rmdir (crash.dir);
  }
  g_free (crash.journal_path);
  g_free (crash.dir);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/dossier/core/crash-safety/sigkill", test_crash_safety);

  return g_test_run ();
}
