/* test-journal-crash.c — the journal survives SIGKILL at any instant
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The test re-executes its own binary as a writer (`--writer PATH`) that keeps
 * several journal writes in flight and prints a line for each one only after its
 * transaction committed. The parent kills the writer with SIGKILL after a random
 * delay (0–150 ms after the journal opened, or after the spawn for one kill in four,
 * so some land while the file is created or migrated),
 * reopens the journal and checks that every printed row is there, that
 * `PRAGMA integrity_check` says ok and that the evidence chain verifies. Every few iterations it starts from a new file.
 */
#include "config.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "test-journal-utils.h"

#define ITERATIONS       60
#define FRESH_FILE_EVERY 12
#define MAX_DELAY_MS     150
#define IN_FLIGHT        4

/* ---- the writer (child) ------------------------------------------------- */

typedef struct {
  DossierJournal *journal;
  guint           next;
  GQueue          pending_drafts;  /* one worker: drafts complete in the order issued */
} Writer;

static void issue_write (Writer *writer);

static void
say (const char *format,
     ...)
{
  g_autofree char *line = NULL;
  va_list args;
  gsize done = 0;
  gsize length;

  va_start (args, format);
  line = g_strdup_vprintf (format, args);
  va_end (args);

  /* Unbuffered, so a line is out before the next write can be killed. */
  length = strlen (line);
  while (done < length)
    {
      gssize n = write (STDOUT_FILENO, line + done, length - done);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        _exit (3);
      done += n;
    }
}

static void
event_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  Writer *writer = user_data;
  g_autoptr(GError) error = NULL;
  gint64 id = dossier_journal_add_event_finish (writer->journal, result, &error);

  if (id <= 0)
    g_error ("writer: %s", error->message);
  say ("e %" G_GINT64_FORMAT "\n", id);
  issue_write (writer);
}

static void
upload_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  Writer *writer = user_data;
  g_autoptr(GError) error = NULL;
  gint64 id = dossier_journal_enqueue_upload_finish (writer->journal, result, &error);

  if (id <= 0)
    g_error ("writer: %s", error->message);
  say ("u %" G_GINT64_FORMAT "\n", id);
  issue_write (writer);
}

static void
draft_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  Writer *writer = user_data;
  g_autoptr(GError) error = NULL;
  guint n = GPOINTER_TO_UINT (g_queue_pop_head (&writer->pending_drafts));

  if (!dossier_journal_save_draft_finish (writer->journal, result, &error))
    g_error ("writer: %s", error->message);
  say ("d %u\n", n);
  issue_write (writer);
}

static void
issue_write (Writer *writer)
{
  guint n = ++writer->next;

  if (n % 3 == 0)
    {
      g_autoptr(DossierJournalEvent) event = NULL;

      event = dossier_journal_event_new ("c-crash", NULL, "document-uploaded", 0);
      event->details = json_from_string ("{\"n\":1}", NULL);
      dossier_journal_add_event_async (writer->journal, event, NULL, event_done_cb, writer);
    }
  else if (n % 3 == 1)
    {
      g_autoptr(DossierJournalUpload) upload = NULL;
      g_autoptr(GBytes) front = NULL;
      gsize size = g_random_int_range (16 * 1024, 256 * 1024);
      guint8 *bytes = g_malloc (size);

      for (gsize i = 0; i < size; i++)
        bytes[i] = (guint8) (i * 31 + n);
      front = g_bytes_new_take (bytes, size);
      upload = dossier_journal_upload_new ("c-crash", "r-1", "identity", "passport", front, NULL);
      dossier_journal_enqueue_upload_async (writer->journal, upload, NULL, upload_done_cb, writer);
    }
  else
    {
      g_autoptr(JsonObject) fields = json_object_new ();

      json_object_set_int_member (fields, "n", n);
      g_queue_push_tail (&writer->pending_drafts, GUINT_TO_POINTER (n));
      dossier_journal_save_draft_async (writer->journal, "c-crash", NULL, fields, NULL,
                                        draft_done_cb, writer);
    }
}

static gboolean
writer_guard_cb (gpointer user_data)
{
  /* The parent always kills us long before this; never outlive a dead parent. */
  _exit (4);
  return G_SOURCE_REMOVE;
}

static int
run_writer (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  GAsyncResult *slot = NULL;
  Writer writer = { 0 };

  g_queue_init (&writer.pending_drafts);

  g_timeout_add_seconds (30, writer_guard_cb, NULL);

  dossier_journal_new_full_async (path, DOSSIER_JOURNAL_FLAGS_NO_KEYRING, NULL, AWAIT (slot));
  while (slot == NULL)
    g_main_context_iteration (NULL, TRUE);
  result = g_steal_pointer (&slot);
  writer.journal = dossier_journal_new_finish (result, &error);
  if (writer.journal == NULL)
    g_error ("writer: %s", error->message);
  say ("open\n");

  for (guint i = 0; i < IN_FLIGHT; i++)
    issue_write (&writer);

  for (;;)
    g_main_context_iteration (NULL, TRUE);

  return 0;
}

/* ---- the test (parent) -------------------------------------------------- */

typedef struct {
  GArray *events;
  GArray *uploads;
  gint64  max_draft;
  guint   opens;
} Committed;

static void
parse_lines (Committed  *committed,
             const char *text)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *line = lines[i];
      gint64 value;

      /* A torn last line (killed mid-write) was not reported as committed. */
      if (lines[i + 1] == NULL)
        break;

      if (strcmp (line, "open") == 0)
        {
          committed->opens++;
          continue;
        }

      g_assert_cmpuint (strlen (line), >, 2);
      value = g_ascii_strtoll (line + 2, NULL, 10);
      if (line[0] == 'e')
        g_array_append_val (committed->events, value);
      else if (line[0] == 'u')
        g_array_append_val (committed->uploads, value);
      else if (line[0] == 'd')
        committed->max_draft = MAX (committed->max_draft, value);
      else
        g_assert_not_reached ();
    }
}

/* Runs one writer for about @delay_ms, kills it, returns everything it printed. */
static char *
run_and_kill (const char *self_exe,
              const char *path,
              gboolean    after_open,
              guint       delay_ms)
{
  const char *argv[] = { self_exe, "--writer", path, NULL };
  g_autoptr(GError) error = NULL;
  GString *output = g_string_new (NULL);
  gint64 deadline;
  GPid pid = 0;
  int out_fd = -1;
  int status = 0;
  char buffer[4096];
  gssize n;

  g_assert_true (g_spawn_async_with_pipes (NULL, (char **) argv, NULL,
                                           G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL,
                                           &pid, NULL, &out_fd, NULL, &error));
  g_assert_no_error (error);

  /* Counted from the writer's "open" line (at most 5 s away), or from the spawn. */
  deadline = g_get_monotonic_time () + (after_open ? 5 * G_TIME_SPAN_SECOND
                                                   : delay_ms * G_TIME_SPAN_MILLISECOND);
  for (;;)
    {
      gint64 left = deadline - g_get_monotonic_time ();
      struct pollfd pfd = { out_fd, POLLIN, 0 };

      if (left <= 0)
        break;
      if (poll (&pfd, 1, (int) (left / 1000) + 1) > 0 && (pfd.revents & POLLIN))
        {
          n = read (out_fd, buffer, sizeof buffer);
          if (n > 0)
            g_string_append_len (output, buffer, n);
          if (after_open && g_str_has_prefix (output->str, "open\n"))
            {
              after_open = FALSE;
              deadline = g_get_monotonic_time () + delay_ms * G_TIME_SPAN_MILLISECOND;
            }
        }
    }

  g_assert_cmpint (kill (pid, SIGKILL), ==, 0);
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_spawn_close_pid (pid);
  /* Killed by us, not dead of its own accord (g_error, sanitizer, guard). */
  g_assert_true (WIFSIGNALED (status));
  g_assert_cmpint (WTERMSIG (status), ==, SIGKILL);

  while ((n = read (out_fd, buffer, sizeof buffer)) > 0 || (n < 0 && errno == EINTR))
    if (n > 0)
      g_string_append_len (output, buffer, n);
  close (out_fd);

  return g_string_free (output, FALSE);
}

static void
check_journal (const char *path,
               Committed  *committed)
{
  g_autoptr(DossierJournal) journal = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3 *db;
  sqlite3_stmt *stmt = NULL;

  g_autoptr(DossierJournalVerification) verification = NULL;

  /* The app can open it (recovering the WAL), and its evidence chain still holds:
   * each event and its link commit together ... */
  journal = journal_test_open (path, &error);
  g_assert_no_error (error);
  journal_test_flush (journal);
  verification = journal_test_verify (journal);
  g_assert_true (verification->ok);
  g_assert_cmpint (verification->problem, ==, DOSSIER_JOURNAL_PROBLEM_NONE);
  g_assert_false (verification->keyed);
  g_assert_finalize_object (g_steal_pointer (&journal));

  /* ... it is intact, and every committed row is there. */
  db = journal_test_raw_open (path);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA integrity_check", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "ok");
  sqlite3_finalize (stmt);

  for (guint i = 0; i < committed->events->len; i++)
    g_assert_cmpint (journal_test_raw_int (db, "SELECT count(*) FROM events WHERE id = ?",
                                           g_array_index (committed->events, gint64, i)), ==, 1);
  for (guint i = 0; i < committed->uploads->len; i++)
    g_assert_cmpint (journal_test_raw_int (db, "SELECT length(front) > 0 FROM uploads WHERE id = ?",
                                           g_array_index (committed->uploads, gint64, i)), ==, 1);
  if (committed->max_draft > 0)
    g_assert_cmpint (journal_test_raw_int (db, "SELECT json_extract(fields, '$.n') FROM drafts"
                                               " WHERE client_id = 'c-crash'", 0),
                     >=, committed->max_draft);
  sqlite3_close (db);
}

static void
test_journal_crash (void)
{
  g_autoptr(GMainContext) context = g_main_context_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *self_exe = g_file_read_link ("/proc/self/exe", &error);
  g_autofree char *dir = g_dir_make_tmp ("dossier-journal-crash-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "journal.sqlite", NULL);
  Committed committed = { 0 };
  guint total_rows = 0;
  guint total_opens = 0;
  gint64 start = g_get_monotonic_time ();
  double seconds;

  g_assert_no_error (error);
  g_main_context_push_thread_default (context);
  committed.events = g_array_new (FALSE, FALSE, sizeof (gint64));
  committed.uploads = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (guint i = 0; i < ITERATIONS; i++)
    {
      g_autofree char *output = NULL;
      guint delay = g_test_rand_int_range (0, MAX_DELAY_MS + 1);

      /* One kill in four is timed from the spawn, so it can land in start-up, creation or
       * migration whatever the machine's speed; the others from the open journal. */
      gboolean after_open = i % 4 != 1;

      if (i % FRESH_FILE_EVERY == 0)
        {
          journal_test_remove_files (path);
          total_rows += committed.events->len + committed.uploads->len;
          g_array_set_size (committed.events, 0);
          g_array_set_size (committed.uploads, 0);
        }

      /* Each writer counts its drafts from 1: only this one's must be matched. */
      committed.max_draft = 0;
      output = run_and_kill (self_exe, path, after_open, delay);
      parse_lines (&committed, output);
      check_journal (path, &committed);
    }

  total_rows += committed.events->len + committed.uploads->len;
  total_opens = committed.opens;
  seconds = (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
  g_test_message ("crash test: %u iterations, SIGKILL 0-%u ms after the spawn (1 in 4) or after "
                  "the journal opened; %u writers had it open, %u committed rows all found, "
                  "integrity_check ok every time, %.1f s",
                  ITERATIONS, MAX_DELAY_MS, total_opens, total_rows, seconds);
  g_assert_cmpuint (total_rows, >, 0);
  g_assert_cmpfloat (seconds, <, 60.0 * 3);

  g_array_unref (committed.events);
  g_array_unref (committed.uploads);
  journal_test_remove_files (path);
  g_rmdir (dir);
  g_main_context_pop_thread_default (context);
}

int
main (int   argc,
      char *argv[])
{
  if (argc == 3 && strcmp (argv[1], "--writer") == 0)
    return run_writer (argv[2]);

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/dossier/core/journal/crash", test_journal_crash);

  return g_test_run ();
}
