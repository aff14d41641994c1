/* test-journal.c — DossierJournal: opening, migrations, modes, drafts, cache, events, notes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "test-journal-utils.h"

/* The version 1 schema exactly as a build of that version wrote it. */
static const char v1_schema[] =
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
  "INSERT INTO events (client_id, kind, occurred_at, details)"
  " VALUES ('c-1', 'client-created', 1700000000000000, '{\"by\":\"v1\"}');"
  "INSERT INTO drafts VALUES ('c-1', '', '{\"first_name\":\"Ada\"}', 1700000000000000);"
  "PRAGMA user_version = 1;";

static gint64
add_event (DossierJournal            *journal,
           const DossierJournalEvent *event)
{
  GAsyncResult *slot = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id;

  dossier_journal_add_event_async (journal, event, NULL, AWAIT (slot));
  result = journal_test_await (&slot);
  id = dossier_journal_add_event_finish (journal, result, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

static GPtrArray *
list_events (DossierJournal *journal,
             const char     *client_id,
             const char     *request_id,
             guint           limit)
{
  GAsyncResult *slot = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *events;

  dossier_journal_list_events_async (journal, client_id, request_id, limit, NULL, AWAIT (slot));
  result = journal_test_await (&slot);
  events = dossier_journal_list_events_finish (journal, result, &error);
  g_assert_no_error (error);
  g_assert_nonnull (events);
  return events;
}

static void
assert_mode_0600 (const char *path)
{
  GStatBuf st;

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
}

static void
test_journal_modes (JournalFixture *fixture,
                    gconstpointer   data)
{
  g_autoptr(DossierJournalEvent) event = dossier_journal_event_new ("c-1", NULL, "client-created", 0);
  g_autofree char *wal = g_strconcat (fixture->path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (fixture->path, "-shm", NULL);
  g_autoptr(GError) error = NULL;
  sqlite3 *db;

  add_event (fixture->journal, event);

  /* All three files exist while the journal is open in WAL mode. */
  assert_mode_0600 (fixture->path);
  assert_mode_0600 (wal);
  assert_mode_0600 (shm);

  db = journal_test_raw_open (fixture->path);
  g_assert_cmpint (journal_test_raw_int (db, "PRAGMA user_version", 0), ==,
                   DOSSIER_JOURNAL_SCHEMA_VERSION);
  g_assert_cmpint (journal_test_raw_int (db, "SELECT count(*) FROM events", 0), ==, 1);
  g_assert_cmpint (journal_test_raw_int (db, "SELECT journal_mode = 'wal' FROM pragma_journal_mode",
                                         0), ==, 1);
  sqlite3_close (db);

  /* A file left with a wide mode is tightened on open. */
  g_assert_finalize_object (g_steal_pointer (&fixture->journal));
  g_assert_cmpint (g_chmod (fixture->path, 0644), ==, 0);
  fixture->journal = journal_test_open (fixture->path, &error);
  g_assert_no_error (error);
  assert_mode_0600 (fixture->path);
}

static void
test_journal_default_path (void)
{
  g_autoptr(GMainContext) context = g_main_context_new ();
  g_autoptr(DossierJournal) journal = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *expected = NULL;

  g_main_context_push_thread_default (context);

  journal = journal_test_open (NULL, &error);
  g_assert_no_error (error);
  expected = g_build_filename (g_get_user_data_dir (), "dossier", "journal.sqlite", NULL);
  g_assert_cmpstr (dossier_journal_get_path (journal), ==, expected);
  assert_mode_0600 (expected);
  g_assert_finalize_object (g_steal_pointer (&journal));

  journal_test_remove_files (expected);
  g_main_context_pop_thread_default (context);
}

static void
write_raw (const char *path,
           const char *sql)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

static void
test_journal_migrate_v1 (void)
{
  g_autoptr(GMainContext) context = g_main_context_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("dossier-journal-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "journal.sqlite", NULL);
  g_autoptr(DossierJournal) journal = NULL;
  g_autoptr(GPtrArray) events = NULL;
  DossierJournalEvent *event;
  sqlite3 *db;

  g_main_context_push_thread_default (context);
  write_raw (path, v1_schema);

  journal = journal_test_open (path, &error);
  g_assert_no_error (error);

  /* The v1 rows survived, and the v2 table works. */
  events = list_events (journal, "c-1", NULL, 0);
  g_assert_cmpuint (events->len, ==, 1);
  event = g_ptr_array_index (events, 0);
  g_assert_cmpstr (event->kind, ==, "client-created");
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (event->details), "by"),
                   ==, "v1");
  g_assert_finalize_object (g_steal_pointer (&journal));

  db = journal_test_raw_open (path);
  g_assert_cmpint (journal_test_raw_int (db, "PRAGMA user_version", 0), ==, DOSSIER_JOURNAL_SCHEMA_VERSION);
  g_assert_cmpint (journal_test_raw_int (db, "SELECT count(*) FROM events WHERE hmac IS NULL", 0), ==, 0);
  g_assert_cmpint (journal_test_raw_int (db, "SELECT count(*) FROM notes", 0), ==, 0);
  g_assert_cmpint (journal_test_raw_int (db, "SELECT count(*) FROM drafts", 0), ==, 1);
  g_assert_cmpint (journal_test_raw_int (db, "SELECT count(*) FROM sqlite_schema"
                                             " WHERE name = 'notes_by_client'", 0), ==, 1);
  sqlite3_close (db);

  journal_test_remove_files (path);
  g_rmdir (dir);
  g_main_context_pop_thread_default (context);
}

static char *
read_file (const char *path,
           gsize      *length)
{
  char *contents = NULL;

  g_assert_true (g_file_get_contents (path, &contents, length, NULL));
  return contents;
}

/* Opening must fail with @code and leave the file byte for byte as it was. */
static void
assert_refused (const char *path,
                int         code)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  DossierJournal *journal;
  gsize before_len = 0;
  gsize after_len = 0;

  before = read_file (path, &before_len);
  journal = journal_test_open (path, &error);
  g_assert_null (journal);
  g_assert_error (error, DOSSIER_JOURNAL_ERROR, code);
  g_assert_nonnull (strstr (error->message, "untouched"));
  g_test_message ("Refused as expected: %s", error->message);

  after = read_file (path, &after_len);
  g_assert_cmpmem (before, before_len, after, after_len);
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
}

static void
test_journal_refuse (void)
{
  g_autoptr(GMainContext) context = g_main_context_new ();
  g_autofree char *dir = g_dir_make_tmp ("dossier-journal-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "journal.sqlite", NULL);
  char garbage[8192];

  g_main_context_push_thread_default (context);

  /* Not a database at all. */
  for (gsize i = 0; i < sizeof garbage; i++)
    garbage[i] = (char) g_test_rand_int_range (0, 256);
  memcpy (garbage, "not sqlite", 10);
  g_assert_true (g_file_set_contents (path, garbage, sizeof garbage, NULL));
  assert_refused (path, DOSSIER_JOURNAL_ERROR_CORRUPT);
  journal_test_remove_files (path);

  /* A journal from a newer Dossier. */
  write_raw (path, "PRAGMA application_id = 1146049363; CREATE TABLE future (x);"
                   "PRAGMA user_version = 99;");
  assert_refused (path, DOSSIER_JOURNAL_ERROR_TOO_NEW);
  journal_test_remove_files (path);

  /* Some other program's database. */
  write_raw (path, "CREATE TABLE contacts (name TEXT); INSERT INTO contacts VALUES ('x');");
  assert_refused (path, DOSSIER_JOURNAL_ERROR_OPEN);
  journal_test_remove_files (path);

  g_rmdir (dir);
  g_main_context_pop_thread_default (context);
}

/* A journal whose pages were damaged after its header: a clear error, no crash. */
static void
test_journal_damaged_pages (JournalFixture *fixture,
                            gconstpointer   data)
{
  g_autoptr(DossierJournalEvent) event = dossier_journal_event_new ("c-1", NULL, "note", 0);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  GAsyncResult *slot = NULL;
  gsize length = 0;

  for (guint i = 0; i < 200; i++)
    add_event (fixture->journal, event);
  g_assert_finalize_object (g_steal_pointer (&fixture->journal));

  /* Closing checkpointed the WAL into the file; now damage everything after page 1. */
  contents = read_file (fixture->path, &length);
  g_assert_cmpuint (length, >, 8192);
  memset (contents + 4096, 0xa5, length - 4096);
  g_assert_true (g_file_set_contents (fixture->path, contents, length, NULL));

  fixture->journal = journal_test_open (fixture->path, &error);
  if (fixture->journal == NULL)
    {
      g_assert_error (error, DOSSIER_JOURNAL_ERROR, DOSSIER_JOURNAL_ERROR_CORRUPT);
      return;
    }

  dossier_journal_list_events_async (fixture->journal, "c-1", NULL, 0, NULL, AWAIT (slot));
  result = journal_test_await (&slot);
  events = dossier_journal_list_events_finish (fixture->journal, result, &error);
  g_assert_null (events);
  g_assert_error (error, DOSSIER_JOURNAL_ERROR, DOSSIER_JOURNAL_ERROR_CORRUPT);
  g_test_message ("Damaged pages: %s", error->message);
}

typedef struct {
  guint  count;
  char  *client_id;
  char  *request_id;
} Emission;

static void
record_emission_cb (DossierJournal *journal,
                    const char     *client_id,
                    gpointer        user_data)
{
  Emission *emission = user_data;

  emission->count++;
  g_free (emission->client_id);
  emission->client_id = g_strdup (client_id);
}

static void
record_draft_emission_cb (DossierJournal *journal,
                          const char     *client_id,
                          const char     *request_id,
                          gpointer        user_data)
{
  Emission *emission = user_data;

  record_emission_cb (journal, client_id, user_data);
  g_free (emission->request_id);
  emission->request_id = g_strdup (request_id);
}

static void
emission_clear (Emission *emission)
{
  g_clear_pointer (&emission->client_id, g_free);
  g_clear_pointer (&emission->request_id, g_free);
}

static void
save_draft (DossierJournal *journal,
            const char     *client_id,
            const char     *request_id,
            const char     *field,
            const char     *value)
{
  g_autoptr(JsonObject) fields = json_object_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GAsyncResult *slot = NULL;

  json_object_set_string_member (fields, field, value);
  dossier_journal_save_draft_async (journal, client_id, request_id, fields, NULL, AWAIT (slot));
  /* The values were copied: changing them now must not reach the journal. */
  json_object_set_string_member (fields, field, "changed after the call");
  result = journal_test_await (&slot);
  g_assert_true (dossier_journal_save_draft_finish (journal, result, &error));
  g_assert_no_error (error);
}

static JsonObject *
load_draft (DossierJournal *journal,
            const char     *client_id,
            const char     *request_id,
            gint64         *updated_at)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GAsyncResult *slot = NULL;
  JsonObject *fields;

  dossier_journal_load_draft_async (journal, client_id, request_id, NULL, AWAIT (slot));
  result = journal_test_await (&slot);
  fields = dossier_journal_load_draft_finish (journal, result, updated_at, &error);
  g_assert_no_error (error);
  return fields;
}

static void
test_journal_drafts (JournalFixture *fixture,
                     gconstpointer   data)
{
  Emission emission = { 0 };
  g_autoptr(JsonObject) client_form = NULL;
  g_autoptr(JsonObject) request_form = NULL;
  g_autoptr(JsonObject) none = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GAsyncResult *slot = NULL;
  gint64 before = g_get_real_time ();
  gint64 updated_at = 0;

  g_signal_connect (fixture->journal, "drafts-changed",
                    G_CALLBACK (record_draft_emission_cb), &emission);

  save_draft (fixture->journal, "c-1", NULL, "first_name", "Ada");
  g_assert_cmpuint (emission.count, ==, 1);
  g_assert_cmpstr (emission.client_id, ==, "c-1");
  g_assert_cmpstr (emission.request_id, ==, "");
  save_draft (fixture->journal, "c-1", "r-9", "iban", "ES91 2100");
  g_assert_cmpstr (emission.request_id, ==, "r-9");
  save_draft (fixture->journal, "c-1", "", "first_name", "Ada Lovelace");
  g_assert_cmpuint (emission.count, ==, 3);

  /* Restored after a restart: NULL and "" name the same client form. */
  journal_fixture_reopen (fixture);
  client_form = load_draft (fixture->journal, "c-1", NULL, &updated_at);
  g_assert_nonnull (client_form);
  g_assert_cmpstr (json_object_get_string_member (client_form, "first_name"), ==, "Ada Lovelace");
  g_assert_cmpint (updated_at, >=, before);
  g_assert_cmpint (updated_at, <=, g_get_real_time ());
  request_form = load_draft (fixture->journal, "c-1", "r-9", NULL);
  g_assert_cmpstr (json_object_get_string_member (request_form, "iban"), ==, "ES91 2100");
  none = load_draft (fixture->journal, "c-2", NULL, &updated_at);
  g_assert_null (none);
  g_assert_cmpint (updated_at, ==, 0);

  /* Deleting one leaves the other. */
  dossier_journal_delete_draft_async (fixture->journal, "c-1", "r-9", NULL, AWAIT (slot));
  result = journal_test_await (&slot);
  g_assert_true (dossier_journal_delete_draft_finish (fixture->journal, result, &error));
  g_assert_no_error (error);
  g_clear_pointer (&request_form, json_object_unref);
  request_form = load_draft (fixture->journal, "c-1", "r-9", NULL);
  g_assert_null (request_form);
  g_clear_pointer (&client_form, json_object_unref);
  client_form = load_draft (fixture->journal, "c-1", "", NULL);
  g_assert_nonnull (client_form);

  emission_clear (&emission);
}

static void
store_requests (DossierJournal *journal,
                const char     *client_id,
                const char     *json,
                gint64          fetched_at)
{
  g_autoptr(JsonNode) node = json_from_string (json, NULL);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GAsyncResult *slot = NULL;

  dossier_journal_store_requests_async (journal, client_id, node, fetched_at, NULL, AWAIT (slot));
  result = journal_test_await (&slot);
  dossier_journal_store_requests_finish (journal, result, &error);
  if (JSON_NODE_HOLDS_ARRAY (node))
    g_assert_no_error (error);
  else
    g_assert_error (error, DOSSIER_JOURNAL_ERROR, DOSSIER_JOURNAL_ERROR_INVALID);
}

static GPtrArray *
list_requests (DossierJournal *journal,
               const char     *client_id)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GAsyncResult *slot = NULL;
  GPtrArray *entries;

  dossier_journal_list_requests_async (journal, client_id, NULL, AWAIT (slot));
  result = journal_test_await (&slot);
  entries = dossier_journal_list_requests_finish (journal, result, &error);
  g_assert_no_error (error);
  return entries;
}

static void
test_journal_requests (JournalFixture *fixture,
                       gconstpointer   data)
{
  Emission emission = { 0 };
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) one = NULL;
  g_autoptr(GPtrArray) none = NULL;
  DossierJournalRequests *entry;
  JsonArray *array;

  g_signal_connect (fixture->journal, "requests-changed", G_CALLBACK (record_emission_cb), &emission);

  store_requests (fixture->journal, "c-2", "[{\"id\":\"r-1\",\"status\":\"in_kyc\"}]", 1000);
  store_requests (fixture->journal, "c-1", "[]", 2000);
  store_requests (fixture->journal, "c-2",
                  "[{\"id\":\"r-1\",\"status\":\"enabled\"},{\"id\":\"r-2\",\"status\":\"requested\"}]",
                  3000);
  store_requests (fixture->journal, "c-3", "{\"not\":\"an array\"}", 0);
  g_assert_cmpuint (emission.count, ==, 3);
  g_assert_cmpstr (emission.client_id, ==, "c-2");

  all = list_requests (fixture->journal, NULL);
  g_assert_cmpuint (all->len, ==, 2);
  entry = g_ptr_array_index (all, 0);
  g_assert_cmpstr (entry->client_id, ==, "c-1");
  g_assert_cmpuint (json_array_get_length (json_node_get_array (entry->requests)), ==, 0);

  one = list_requests (fixture->journal, "c-2");
  g_assert_cmpuint (one->len, ==, 1);
  entry = g_ptr_array_index (one, 0);
  g_assert_cmpint (entry->fetched_at, ==, 3000);
  array = json_node_get_array (entry->requests);
  g_assert_cmpuint (json_array_get_length (array), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (array, 0),
                                                  "status"), ==, "enabled");

  none = list_requests (fixture->journal, "c-404");
  g_assert_cmpuint (none->len, ==, 0);
  emission_clear (&emission);
}

static void
test_journal_events (JournalFixture *fixture,
                     gconstpointer   data)
{
  Emission emission = { 0 };
  g_autoptr(GPtrArray) mine = NULL;
  g_autoptr(GPtrArray) request = NULL;
  g_autoptr(GPtrArray) newest = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GAsyncResult *slot = NULL;
  static const gint64 times[] = { 300, 100, 200, 200, 50 };
  static const char * const clients[] = { "c-1", "c-1", "c-2", "c-1", "c-1" };
  gint64 ids[G_N_ELEMENTS (times)];
  DossierJournalEvent *first;

  g_signal_connect (fixture->journal, "events-added", G_CALLBACK (record_emission_cb), &emission);

  for (guint i = 0; i < G_N_ELEMENTS (times); i++)
    {
      g_autoptr(DossierJournalEvent) event = NULL;

      event = dossier_journal_event_new (clients[i], i == 3 ? "r-7" : NULL,
                                         "request-status-changed", times[i]);
      event->observed = i == 3;
      event->action = g_strdup ("poll");
      event->trace_id = g_strdup_printf ("trace-%u", i);
      event->details = json_from_string ("{\"status\":\"in_kyc\"}", NULL);
      ids[i] = add_event (fixture->journal, event);
      g_assert_cmpstr (emission.client_id, ==, clients[i]);
    }
  g_assert_cmpuint (emission.count, ==, G_N_ELEMENTS (times));

  /* One client's events, by time; the tie at 200 has only one c-1 row. */
  mine = list_events (fixture->journal, "c-1", NULL, 0);
  g_assert_cmpuint (mine->len, ==, 4);
  first = g_ptr_array_index (mine, 0);
  g_assert_cmpint (first->id, ==, ids[4]);
  g_assert_cmpint (first->occurred_at, ==, 50);
  g_assert_cmpstr (first->trace_id, ==, "trace-4");
  g_assert_cmpstr (first->action, ==, "poll");
  g_assert_false (first->observed);
  g_assert_cmpint (((DossierJournalEvent *) g_ptr_array_index (mine, 1))->id, ==, ids[1]);
  g_assert_cmpint (((DossierJournalEvent *) g_ptr_array_index (mine, 2))->id, ==, ids[3]);
  g_assert_true (((DossierJournalEvent *) g_ptr_array_index (mine, 2))->observed);
  g_assert_cmpint (((DossierJournalEvent *) g_ptr_array_index (mine, 3))->id, ==, ids[0]);

  request = list_events (fixture->journal, "c-1", "r-7", 0);
  g_assert_cmpuint (request->len, ==, 1);
  g_assert_cmpstr (((DossierJournalEvent *) g_ptr_array_index (request, 0))->request_id, ==, "r-7");

  /* A limit keeps the newest, still oldest first; ties at 200 keep storage order. */
  newest = list_events (fixture->journal, NULL, NULL, 3);
  g_assert_cmpuint (newest->len, ==, 3);
  g_assert_cmpint (((DossierJournalEvent *) g_ptr_array_index (newest, 0))->id, ==, ids[2]);
  g_assert_cmpint (((DossierJournalEvent *) g_ptr_array_index (newest, 1))->id, ==, ids[3]);
  g_assert_cmpint (((DossierJournalEvent *) g_ptr_array_index (newest, 2))->id, ==, ids[0]);

  all = list_events (fixture->journal, NULL, NULL, 0);
  g_assert_cmpuint (all->len, ==, G_N_ELEMENTS (times));

  /* Details must be an object. */
  {
    g_autoptr(DossierJournalEvent) bad = dossier_journal_event_new ("c-1", NULL, "x", 0);

    bad->details = json_from_string ("[1, 2]", NULL);
    dossier_journal_add_event_async (fixture->journal, bad, NULL, AWAIT (slot));
    result = journal_test_await (&slot);
    g_assert_cmpint (dossier_journal_add_event_finish (fixture->journal, result, &error), ==, 0);
    g_assert_error (error, DOSSIER_JOURNAL_ERROR, DOSSIER_JOURNAL_ERROR_INVALID);
  }
  g_assert_cmpuint (emission.count, ==, G_N_ELEMENTS (times));
  emission_clear (&emission);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/dossier/core/journal/modes", JournalFixture, NULL,
              journal_fixture_set_up, test_journal_modes, journal_fixture_tear_down);
  g_test_add_func ("/dossier/core/journal/default-path", test_journal_default_path);
  g_test_add_func ("/dossier/core/journal/migrate-v1", test_journal_migrate_v1);
  g_test_add_func ("/dossier/core/journal/refuse", test_journal_refuse);
  g_test_add ("/dossier/core/journal/damaged-pages", JournalFixture, NULL,
              journal_fixture_set_up, test_journal_damaged_pages, journal_fixture_tear_down);
  g_test_add ("/dossier/core/journal/drafts", JournalFixture, NULL,
              journal_fixture_set_up, test_journal_drafts, journal_fixture_tear_down);
  g_test_add ("/dossier/core/journal/requests", JournalFixture, NULL,
              journal_fixture_set_up, test_journal_requests, journal_fixture_tear_down);
  g_test_add ("/dossier/core/journal/events", JournalFixture, NULL,
              journal_fixture_set_up, test_journal_events, journal_fixture_tear_down);

  return g_test_run ();
}
