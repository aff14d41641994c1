/* test-journal-chain.c — the journal's evidence chain without a keyring (unkeyed)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Digests, links, tamper detection, forgetting a client and the v2 → v3 migration,
 * all with DOSSIER_JOURNAL_FLAGS_NO_KEYRING or a session bus that does not exist.
 * The keyed cases (HMAC, chain head) are in test-journal-keyring.c.
 */
#include "config.h"

#include <string.h>

#include "test-journal-utils.h"

/* The documented digest of an event, computed here independently. */
static char *
expected_digest (const char *kind,
                 const char *client_id,
                 gint64      occurred_at,
                 const char *canonical_details)
{
  g_autofree char *when = g_strdup_printf ("%" G_GINT64_FORMAT, occurred_at);
  g_autofree char *text = NULL;

  text = g_strdup_printf ("dossier-event/1;%zu:%s;%zu:%s;-;%zu:%s;1:0;-;-;%zu:%s;",
                          strlen (kind), kind, strlen (client_id), client_id,
                          strlen (when), when, strlen (canonical_details), canonical_details);
  return g_compute_checksum_for_string (G_CHECKSUM_SHA256, text, -1);
}

static char *
raw_text (sqlite3    *db,
          const char *sql,
          gint64      param)
{
  sqlite3_stmt *stmt = NULL;
  char *value = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_bind_parameter_count (stmt) > 0)
    sqlite3_bind_int64 (stmt, 1, param);
  if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_type (stmt, 0) != SQLITE_NULL)
    value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return value;
}

static void
add_events (DossierJournal *journal,
            guint           count)
{
  for (guint i = 0; i < count; i++)
    {
      g_autofree char *details = g_strdup_printf ("{\"n\":%u,\"status\":\"pending\"}", i);

      journal_test_add (journal, "c-1", "submitted", details);
    }
}

static void
assert_problem (DossierJournal        *journal,
                DossierJournalProblem  problem,
                gint64                 event_id)
{
  g_autoptr(DossierJournalVerification) verification = journal_test_verify (journal);

  g_assert_false (verification->ok);
  g_assert_cmpint (verification->problem, ==, problem);
  g_assert_cmpint (verification->event_id, ==, event_id);
}

static void
test_chain_reopen (JournalFixture *fixture,
                   gconstpointer   data)
{
  g_autoptr(DossierJournalEvent) event = NULL;
  g_autoptr(DossierJournalVerification) verification = NULL;
  g_autofree char *digest = NULL;
  g_autofree char *stored_digest = NULL;
  g_autofree char *first_link = NULL;
  g_autofree char *second_link = NULL;
  g_autofree char *joined = NULL;
  g_autofree char *expected = NULL;
  GAsyncResult *slot = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id;
  sqlite3 *db;

  g_assert_false (dossier_journal_get_keyed (fixture->journal));

  /* Details members out of order: the digest is over the canonical (sorted) form. */
  event = dossier_journal_event_new ("c-1", NULL, "client-created", 1700000000000000);
  event->details = json_from_string ("{\"z\":[1,true,null],\"a\":\"x\\\"y\"}", NULL);
  dossier_journal_add_event_async (fixture->journal, event, NULL, AWAIT (slot));
  result = journal_test_await (&slot);
  id = dossier_journal_add_event_finish (fixture->journal, result, &error);
  g_assert_no_error (error);
  g_clear_object (&result);  /* the task holds the journal */

  journal_fixture_reopen (fixture);
  add_events (fixture->journal, 2);
  journal_fixture_reopen (fixture);
  add_events (fixture->journal, 2);

  verification = journal_test_verify (fixture->journal);
  g_assert_true (verification->ok);
  g_assert_false (verification->keyed);
  g_assert_false (verification->head_checked);
  g_assert_cmpuint (verification->n_checked, ==, 5);
  g_assert_cmpuint (verification->n_forgotten, ==, 0);
  g_assert_nonnull (strstr (verification->message, "not protected by a key"));

  /* The stored values are the documented ones. */
  db = journal_test_raw_open (fixture->path);
  digest = expected_digest ("client-created", "c-1", 1700000000000000,
                            "{\"a\":\"x\\\"y\",\"z\":[1,true,null]}");
  stored_digest = raw_text (db, "SELECT digest FROM events WHERE id = ?", id);
  g_assert_cmpstr (stored_digest, ==, digest);
  first_link = raw_text (db, "SELECT hmac FROM events WHERE id = ?", id);
  expected = g_compute_checksum_for_string (G_CHECKSUM_SHA256, digest, -1);
  g_assert_cmpstr (first_link, ==, expected);

  g_clear_pointer (&digest, g_free);
  g_clear_pointer (&expected, g_free);
  digest = raw_text (db, "SELECT digest FROM events WHERE id = ?", id + 1);
  second_link = raw_text (db, "SELECT hmac FROM events WHERE id = ?", id + 1);
  joined = g_strconcat (digest, first_link, NULL);
  expected = g_compute_checksum_for_string (G_CHECKSUM_SHA256, joined, -1);
  g_assert_cmpstr (second_link, ==, expected);
  sqlite3_close (db);

  /* The events read back carry their digests. */
  {
    GAsyncResult *list_slot = NULL;
    g_autoptr(GAsyncResult) list_result = NULL;
    g_autoptr(GPtrArray) events = NULL;

    dossier_journal_list_events_async (fixture->journal, "c-1", NULL, 0, NULL, AWAIT (list_slot));
    list_result = journal_test_await (&list_slot);
    events = dossier_journal_list_events_finish (fixture->journal, list_result, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (events->len, ==, 5);
    g_assert_cmpstr (((DossierJournalEvent *) g_ptr_array_index (events, 1))->digest, ==, digest);
    g_assert_false (((DossierJournalEvent *) g_ptr_array_index (events, 1))->forgotten);
  }
}

static void
test_chain_edited (JournalFixture *fixture,
                   gconstpointer   data)
{
  add_events (fixture->journal, 5);
  journal_test_raw_exec (fixture->path,
                         "UPDATE events SET details = '{\"n\":2,\"status\":\"enabled\"}' WHERE id = 3");
  assert_problem (fixture->journal, DOSSIER_JOURNAL_PROBLEM_CONTENT_EDITED, 3);
}

static void
test_chain_middle_deleted (JournalFixture *fixture,
                           gconstpointer   data)
{
  add_events (fixture->journal, 5);
  journal_test_raw_exec (fixture->path, "DELETE FROM events WHERE id = 3");
  assert_problem (fixture->journal, DOSSIER_JOURNAL_PROBLEM_ROW_DELETED, 4);

  /* The first row too. */
  journal_test_raw_exec (fixture->path, "DELETE FROM events WHERE id IN (1, 2)");
  assert_problem (fixture->journal, DOSSIER_JOURNAL_PROBLEM_ROW_DELETED, 4);
}

static void
test_chain_reordered (JournalFixture *fixture,
                      gconstpointer   data)
{
  add_events (fixture->journal, 5);
  journal_test_raw_exec (fixture->path,
                         "UPDATE events SET id = -2 WHERE id = 2;"
                         "UPDATE events SET id = 2 WHERE id = 4;"
                         "UPDATE events SET id = 4 WHERE id = -2;");
  assert_problem (fixture->journal, DOSSIER_JOURNAL_PROBLEM_REORDERED, 2);
}

static void
test_chain_tombstone_with_content (JournalFixture *fixture,
                                   gconstpointer   data)
{
  /* Marking a row forgotten while leaving (changed) content in it is an edit. */
  add_events (fixture->journal, 3);
  journal_test_raw_exec (fixture->path,
                         "UPDATE events SET tombstone = 1, details = '{\"n\":9}' WHERE id = 2");
  assert_problem (fixture->journal, DOSSIER_JOURNAL_PROBLEM_CONTENT_EDITED, 2);
}

/* Without a bus the journal opens all the same, unkeyed, and says so. */
static void
test_chain_no_secret_service (void)
{
  g_autoptr(GMainContext) context = g_main_context_new ();
  g_autofree char *dir = g_dir_make_tmp ("dossier-journal-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "journal.sqlite", NULL);
  g_autoptr(DossierJournal) journal = NULL;
  g_autoptr(DossierJournalVerification) verification = NULL;
  g_autoptr(GError) error = NULL;
  gboolean keyed = TRUE;

  g_main_context_push_thread_default (context);

  journal = journal_test_open_full (path, DOSSIER_JOURNAL_FLAGS_NONE, &error);
  g_assert_no_error (error);
  g_object_get (journal, "keyed", &keyed, NULL);
  g_assert_false (keyed);
  add_events (journal, 3);

  verification = journal_test_verify (journal);
  g_assert_true (verification->ok);
  g_assert_false (verification->keyed);
  g_assert_cmpuint (verification->n_checked, ==, 3);

  g_assert_finalize_object (g_steal_pointer (&journal));
  journal_test_remove_files (path);
  g_rmdir (dir);
  g_main_context_pop_thread_default (context);
}

static gboolean
file_contains (const char *path,
               const char *needle)
{
  g_autofree char *contents = NULL;
  gsize length = 0;

  if (!g_file_get_contents (path, &contents, &length, NULL))
    return FALSE;
  for (gsize i = 0; i + strlen (needle) <= length; i++)
    if (memcmp (contents + i, needle, strlen (needle)) == 0)
      return TRUE;
  return FALSE;
}

#define EMAIL "ada.lovelace.forget@example.org"

static void
test_chain_forget (JournalFixture *fixture,
                   gconstpointer   data)
{
  g_autofree char *wal = g_strconcat (fixture->path, "-wal", NULL);
  g_autoptr(DossierJournalUpload) upload = NULL;
  g_autoptr(GBytes) front = g_bytes_new_static (EMAIL "-image-bytes", strlen (EMAIL) + 12);
  g_autoptr(DossierJournalVerification) verification = NULL;
  g_autoptr(JsonObject) fields = json_object_new ();
  g_autoptr(JsonObject) other_fields = json_object_new ();
  g_autoptr(JsonNode) requests = json_from_string ("[{\"id\":\"r-1\",\"contact\":\"" EMAIL "\"}]",
                                                   NULL);
  GAsyncResult *slot = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  guint forgotten;
  sqlite3 *db;

  journal_test_add (fixture->journal, "c-1", "client-created", "{\"email\":\"" EMAIL "\"}");
  journal_test_add (fixture->journal, "c-2", "client-created", "{\"email\":\"grace@example.org\"}");
  journal_test_add (fixture->journal, "c-1", "client-updated",
                    "{\"fields\":[\"email\"],\"personal\":{\"before\":{\"email\":\"old@example.org\"},"
                    "\"after\":{\"email\":\"" EMAIL "\"}}}");

  json_object_set_string_member (fields, "email", EMAIL);
  json_object_set_string_member (other_fields, "email", "grace@example.org");
  dossier_journal_save_draft_async (fixture->journal, "c-1", NULL, fields, NULL, NULL, NULL);
  dossier_journal_save_draft_async (fixture->journal, "c-2", NULL, other_fields, NULL, NULL, NULL);
  dossier_journal_add_note_async (fixture->journal, "c-1", "Called " EMAIL, NULL, NULL, NULL);
  dossier_journal_store_requests_async (fixture->journal, "c-1", requests, 1, NULL, NULL, NULL);
  upload = dossier_journal_upload_new ("c-1", "r-1", "identity", "passport", front, NULL);
  dossier_journal_enqueue_upload_async (fixture->journal, upload, NULL, NULL, NULL);
  journal_test_flush (fixture->journal);

  dossier_journal_forget_client_async (fixture->journal, "c-1", NULL, AWAIT (slot));
  result = journal_test_await (&slot);
  forgotten = dossier_journal_forget_client_finish (fixture->journal, result, &error);
  g_assert_no_error (error);
  g_clear_object (&result);
  /* The note's note-added event is one of the client's events too. */
  g_assert_cmpuint (forgotten, ==, 3);

  /* The chain still verifies over the tombstones and the new client-forgotten event. */
  verification = journal_test_verify (fixture->journal);
  g_assert_true (verification->ok);
  g_assert_cmpuint (verification->n_checked, ==, 5);
  g_assert_cmpuint (verification->n_forgotten, ==, 3);

  db = journal_test_raw_open (fixture->path);
  g_assert_cmpint (journal_test_raw_int (db, "SELECT count(*) FROM events WHERE client_id = 'c-1'"
                                             " AND tombstone = 1 AND details IS NULL AND action IS NULL"
                                             " AND trace_id IS NULL AND digest IS NOT NULL", 0), ==, 3);
  g_assert_cmpint (journal_test_raw_int (db, "SELECT count(*) FROM events WHERE client_id = 'c-1'"
                                             " AND kind = 'client-forgotten'", 0), ==, 1);
  g_assert_cmpint (journal_test_raw_int (db, "SELECT count(*) FROM drafts WHERE client_id = 'c-1'",
                                         0), ==, 0);
  g_assert_cmpint (journal_test_raw_int (db, "SELECT count(*) FROM notes", 0), ==, 0);
  g_assert_cmpint (journal_test_raw_int (db, "SELECT count(*) FROM uploads", 0), ==, 0);
  g_assert_cmpint (journal_test_raw_int (db, "SELECT count(*) FROM request_cache", 0), ==, 0);
  /* The other client is untouched. */
  g_assert_cmpint (journal_test_raw_int (db, "SELECT count(*) FROM drafts WHERE client_id = 'c-2'",
                                         0), ==, 1);
  g_assert_cmpint (journal_test_raw_int (db, "SELECT count(*) FROM events WHERE client_id = 'c-2'"
                                             " AND tombstone = 0 AND details IS NOT NULL", 0), ==, 1);
  sqlite3_close (db);

  /* No byte of the personal value is left in the files, journal open or closed. */
  g_assert_false (file_contains (fixture->path, EMAIL));
  g_assert_false (file_contains (wal, EMAIL));
  g_assert_true (file_contains (fixture->path, "grace@example.org") ||
                 file_contains (wal, "grace@example.org"));
  journal_fixture_reopen (fixture);
  journal_test_flush (fixture->journal);
  g_assert_false (file_contains (fixture->path, EMAIL));
  g_assert_false (file_contains (wal, EMAIL));
}

/* The version 2 schema exactly as a build of that version wrote it, with events. */
static const char v2_schema[] =
  "PRAGMA application_id = 1146049363;"
  "CREATE TABLE events (id INTEGER PRIMARY KEY AUTOINCREMENT, client_id TEXT NOT NULL,"
  " request_id TEXT, kind TEXT NOT NULL, occurred_at INTEGER NOT NULL,"
  " observed INTEGER NOT NULL DEFAULT 0 CHECK (observed IN (0, 1)), action TEXT,"
  " trace_id TEXT, details TEXT);"
  "CREATE INDEX events_by_client ON events (client_id, occurred_at, id);"
  "CREATE TABLE request_cache (client_id TEXT PRIMARY KEY, requests TEXT NOT NULL,"
  " fetched_at INTEGER NOT NULL);"
  "CREATE TABLE drafts (client_id TEXT NOT NULL, request_id TEXT NOT NULL DEFAULT '',"
  " fields TEXT NOT NULL, updated_at INTEGER NOT NULL, PRIMARY KEY (client_id, request_id));"
  "CREATE TABLE uploads (id INTEGER PRIMARY KEY AUTOINCREMENT, client_id TEXT NOT NULL,"
  " request_id TEXT NOT NULL, group_id TEXT NOT NULL, document_type TEXT NOT NULL,"
  " metadata TEXT, state TEXT NOT NULL CHECK (state IN ('pending', 'sending', 'accepted',"
  " 'rejected')), front BLOB, back BLOB, thumbnail BLOB, front_sha256 TEXT, back_sha256 TEXT,"
  " rejection TEXT, created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL,"
  " CHECK (state <> 'accepted' OR (front IS NULL AND back IS NULL)));"
  "CREATE INDEX uploads_by_group ON uploads (request_id, group_id);"
  "CREATE INDEX uploads_by_client ON uploads (client_id);"
  "CREATE TABLE notes (id INTEGER PRIMARY KEY AUTOINCREMENT, client_id TEXT NOT NULL,"
  " text TEXT NOT NULL, created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL);"
  "CREATE INDEX notes_by_client ON notes (client_id, created_at, id);"
  "INSERT INTO events (client_id, kind, occurred_at, details)"
  " VALUES ('c-1', 'client-created', 1700000000000000, '{\"by\":\"v2\",\"a\":1}');"
  "INSERT INTO events (client_id, request_id, kind, occurred_at, observed, trace_id)"
  " VALUES ('c-1', 'r-1', 'enabled', 1700000001000000, 1, 'trace-9');"
  "INSERT INTO events (client_id, kind, occurred_at, details)"
  " VALUES ('c-1', 'note-added', 1700000002000000, 'not json');"
  "PRAGMA user_version = 2;";

static void
test_chain_migrate_v2 (void)
{
  g_autoptr(GMainContext) context = g_main_context_new ();
  g_autofree char *dir = g_dir_make_tmp ("dossier-journal-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "journal.sqlite", NULL);
  g_autoptr(DossierJournal) journal = NULL;
  g_autoptr(DossierJournalVerification) verification = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *installation = NULL;
  sqlite3 *db;

  g_main_context_push_thread_default (context);
  {
    sqlite3 *raw = NULL;

    g_assert_cmpint (sqlite3_open (path, &raw), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_exec (raw, v2_schema, NULL, NULL, NULL), ==, SQLITE_OK);
    sqlite3_close (raw);
  }

  journal = journal_test_open (path, &error);
  g_assert_no_error (error);
  journal_test_add (journal, "c-1", "submitted", NULL);

  verification = journal_test_verify (journal);
  g_assert_true (verification->ok);
  g_assert_cmpuint (verification->n_checked, ==, 4);
  g_assert_finalize_object (g_steal_pointer (&journal));

  db = journal_test_raw_open (path);
  g_assert_cmpint (journal_test_raw_int (db, "PRAGMA user_version", 0), ==, 3);
  g_assert_cmpint (journal_test_raw_int (db, "SELECT count(*) FROM events WHERE digest IS NULL"
                                             " OR hmac IS NULL OR tombstone <> 0", 0), ==, 0);
  installation = raw_text (db, "SELECT value FROM meta WHERE name = 'installation_id'", 0);
  g_assert_cmpuint (strlen (installation), ==, 32);
  sqlite3_close (db);

  /* The migrated rows are as protected as new ones. */
  journal_test_raw_exec (path, "UPDATE events SET trace_id = 'trace-1' WHERE id = 2");
  journal = journal_test_open (path, &error);
  g_assert_no_error (error);
  assert_problem (journal, DOSSIER_JOURNAL_PROBLEM_CONTENT_EDITED, 2);
  g_assert_finalize_object (g_steal_pointer (&journal));

  journal_test_remove_files (path);
  g_rmdir (dir);
  g_main_context_pop_thread_default (context);
}

static void
test_chain_upload_event (void)
{
  g_autoptr(GBytes) front = g_bytes_new_static ("front-bytes", 11);
  g_autoptr(GBytes) back = g_bytes_new_static ("back-bytes", 10);
  g_autoptr(DossierJournalUpload) upload = dossier_journal_upload_new ("c-1", "r-1", "identity",
                                                                       "id_card", front, back);
  g_autoptr(DossierJournalEvent) event = NULL;
  g_autofree char *front_sha = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, front);
  JsonObject *details;
  JsonObject *sides;

  upload->id = 7;
  upload->back_sha256 = g_strdup ("recorded-back-hash");
  event = dossier_journal_event_new_for_upload (upload, DOSSIER_JOURNAL_EVENT_DOCUMENT_UPLOADED,
                                                "trace-42", "doc-1", NULL);
  g_assert_cmpstr (event->kind, ==, "document-uploaded");
  g_assert_cmpstr (event->trace_id, ==, "trace-42");
  g_assert_cmpstr (event->request_id, ==, "r-1");
  details = json_node_get_object (event->details);
  g_assert_cmpint (json_object_get_int_member (details, "upload_id"), ==, 7);
  g_assert_cmpstr (json_object_get_string_member (details, "document_id"), ==, "doc-1");
  sides = json_object_get_object_member (details, "sides");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (sides, "front"),
                                                  "sha256"), ==, front_sha);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (sides, "back"),
                                                  "sha256"), ==, "recorded-back-hash");
  g_assert_false (json_object_has_member (details, "reason"));
}

int
main (int   argc,
      char *argv[])
{
  /* Whatever bus the caller has, these tests have none that answers. */
  g_setenv ("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/dossier-test-bus", TRUE);

  g_test_init (&argc, &argv, NULL);

  g_test_add ("/dossier/core/journal/chain/reopen", JournalFixture, NULL,
              journal_fixture_set_up, test_chain_reopen, journal_fixture_tear_down);
  g_test_add ("/dossier/core/journal/chain/edited", JournalFixture, NULL,
              journal_fixture_set_up, test_chain_edited, journal_fixture_tear_down);
  g_test_add ("/dossier/core/journal/chain/middle-deleted", JournalFixture, NULL,
              journal_fixture_set_up, test_chain_middle_deleted, journal_fixture_tear_down);
  g_test_add ("/dossier/core/journal/chain/reordered", JournalFixture, NULL,
              journal_fixture_set_up, test_chain_reordered, journal_fixture_tear_down);
  g_test_add ("/dossier/core/journal/chain/tombstone-with-content", JournalFixture, NULL,
              journal_fixture_set_up, test_chain_tombstone_with_content, journal_fixture_tear_down);
  g_test_add ("/dossier/core/journal/chain/forget", JournalFixture, NULL,
              journal_fixture_set_up, test_chain_forget, journal_fixture_tear_down);
  g_test_add_func ("/dossier/core/journal/chain/no-secret-service", test_chain_no_secret_service);
  g_test_add_func ("/dossier/core/journal/chain/migrate-v2", test_chain_migrate_v2);
  g_test_add_func ("/dossier/core/journal/chain/upload-event", test_chain_upload_event);

  return g_test_run ();
}
