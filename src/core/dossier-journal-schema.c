/* dossier-journal-schema.c — opening the journal's database and migrating its schema
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "dossier-journal-private.h"

/* "DOSS": tells our files apart from any other SQLite database. */
#define DOSSIER_JOURNAL_APPLICATION_ID 0x444f5353

/*
 * Durability: the journal runs in WAL mode with synchronous=NORMAL. A commit has
 * written its frames to the WAL file (through write(2), so into the kernel's page
 * cache) before sqlite3_step() returns; the kernel keeps them when the process is
 * killed, even by SIGKILL, and the next open replays them. Only a power loss or a
 * kernel crash can lose the last commits before a checkpoint, and even then the
 * database stays consistent (WAL frames are checksummed). FULL would add an fsync to
 * every commit — drafts are saved as people type — to protect against power loss
 * only; the server remains the source of truth for everything the journal caches.
 *
 * Migrations: migrations[i] takes the schema from version i to i + 1. Each runs in
 * one transaction together with the new user_version, so a kill during a migration
 * leaves the previous version intact. A released migration is never edited.
 */
static const char * const migrations[] = {
  /* 0 → 1 */
  "PRAGMA application_id = 1146049363;"
  "CREATE TABLE events ("
  "  id INTEGER PRIMARY KEY AUTOINCREMENT,"
  "  client_id TEXT NOT NULL,"
  "  request_id TEXT,"
  "  kind TEXT NOT NULL,"
  "  occurred_at INTEGER NOT NULL,"
  "  observed INTEGER NOT NULL DEFAULT 0 CHECK (observed IN (0, 1)),"
  "  action TEXT,"
  "  trace_id TEXT,"
  "  details TEXT);"
  "CREATE INDEX events_by_client ON events (client_id, occurred_at, id);"
  "CREATE TABLE request_cache ("
  "  client_id TEXT PRIMARY KEY,"
  "  requests TEXT NOT NULL,"
  "  fetched_at INTEGER NOT NULL);"
  "CREATE TABLE drafts ("
  "  client_id TEXT NOT NULL,"
  "  request_id TEXT NOT NULL DEFAULT '',"
  "  fields TEXT NOT NULL,"
  "  updated_at INTEGER NOT NULL,"
  "  PRIMARY KEY (client_id, request_id));"
  "CREATE TABLE uploads ("
  "  id INTEGER PRIMARY KEY AUTOINCREMENT,"
  "  client_id TEXT NOT NULL,"
  "  request_id TEXT NOT NULL,"
  "  group_id TEXT NOT NULL,"
  "  document_type TEXT NOT NULL,"
  "  metadata TEXT,"
  "  state TEXT NOT NULL CHECK (state IN ('pending', 'sending', 'accepted', 'rejected')),"
  "  front BLOB,"
  "  back BLOB,"
  "  thumbnail BLOB,"
  "  front_sha256 TEXT,"
  "  back_sha256 TEXT,"
  "  rejection TEXT,"
  "  created_at INTEGER NOT NULL,"
  "  updated_at INTEGER NOT NULL,"
  "  CHECK (state <> 'accepted' OR (front IS NULL AND back IS NULL)));"
  "CREATE INDEX uploads_by_group ON uploads (request_id, group_id);"
  "CREATE INDEX uploads_by_client ON uploads (client_id);",

  /* 1 → 2: notes, for the timeline. */
  "CREATE TABLE notes ("
  "  id INTEGER PRIMARY KEY AUTOINCREMENT,"
  "  client_id TEXT NOT NULL,"
  "  text TEXT NOT NULL,"
  "  created_at INTEGER NOT NULL,"
  "  updated_at INTEGER NOT NULL);"
  "CREATE INDEX notes_by_client ON notes (client_id, created_at, id);",

  /* 2 → 3: the evidence chain (dossier-journal-chain.c). The existing events get their
   * digests and links from _dossier_journal_chain_migrate() in the same transaction. */
  "ALTER TABLE events ADD COLUMN digest TEXT;"
  "ALTER TABLE events ADD COLUMN hmac TEXT;"
  "ALTER TABLE events ADD COLUMN tombstone INTEGER NOT NULL DEFAULT 0"
  "  CHECK (tombstone IN (0, 1));"
  "CREATE TABLE meta ("
  "  name TEXT PRIMARY KEY,"
  "  value TEXT NOT NULL);"
  "INSERT INTO meta (name, value) VALUES ('installation_id', lower(hex(randomblob(16))));"
  "INSERT INTO meta (name, value) VALUES ('chain_mode', 'unkeyed');",
};

G_STATIC_ASSERT (G_N_ELEMENTS (migrations) == DOSSIER_JOURNAL_SCHEMA_VERSION);

static gboolean
query_int (sqlite3     *db,
           const char  *sql,
           gint64      *value,
           GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = _dossier_journal_sql_prepare (db, sql, error);

  if (stmt == NULL)
    return FALSE;

  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      _dossier_journal_sql_error (error, db, _("read its version"));
      return FALSE;
    }

  *value = sqlite3_column_int64 (stmt, 0);
  return TRUE;
}

/* Returns the schema version, or -1 with @error set. */
int
_dossier_journal_schema_version (sqlite3  *db,
                                 GError  **error)
{
  gint64 version = 0;

  if (!query_int (db, "PRAGMA user_version", &version, error))
    return -1;

  return (int) version;
}

/* The WAL and shared-memory files take the database file's mode when SQLite creates
 * them; this also tightens files left by an older build or a wider umask. */
static void
restrict_modes (const char *path)
{
  static const char * const suffixes[] = { "", "-wal", "-shm" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);

      if (g_chmod (file, 0600) != 0 && errno != ENOENT)
        g_warning ("Could not restrict the mode of %s: %s", file, g_strerror (errno));
    }
}

static gboolean
create_private_file (const char  *path,
                     GError     **error)
{
  int fd = g_open (path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);

  if (fd < 0)
    {
      int saved_errno = errno;

      g_set_error (error, DOSSIER_JOURNAL_ERROR, DOSSIER_JOURNAL_ERROR_OPEN,
                   _("The local journal %s could not be opened: %s."),
                   path, g_strerror (saved_errno));
      return FALSE;
    }

  g_close (fd, NULL);
  return TRUE;
}

/* Refuses a file that SQLite reads but that is not ours, and a newer schema. */
static gboolean
check_identity (sqlite3     *db,
                const char  *path,
                int          version,
                GError     **error)
{
  gint64 application_id = 0;
  gint64 tables = 0;

  if (!query_int (db, "PRAGMA application_id", &application_id, error) ||
      !query_int (db, "SELECT count(*) FROM sqlite_schema", &tables, error))
    return FALSE;

  if (application_id != DOSSIER_JOURNAL_APPLICATION_ID && (application_id != 0 || tables > 0))
    {
      g_set_error (error, DOSSIER_JOURNAL_ERROR, DOSSIER_JOURNAL_ERROR_OPEN,
                   _("%s is a database of another program, not a Dossier journal. "
                     "It was left untouched."), path);
      return FALSE;
    }

  if (version > DOSSIER_JOURNAL_SCHEMA_VERSION)
    {
      /* Translators: the two numbers are schema versions. */
      g_set_error (error, DOSSIER_JOURNAL_ERROR, DOSSIER_JOURNAL_ERROR_TOO_NEW,
                   _("The local journal was written by a newer version of Dossier "
                     "(format %d; this version reads up to %d). It was left untouched: "
                     "update Dossier to open it."),
                   version, DOSSIER_JOURNAL_SCHEMA_VERSION);
      return FALSE;
    }

  return TRUE;
}

static gboolean
set_modes (sqlite3  *db,
           GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  const char *mode;

  stmt = _dossier_journal_sql_prepare (db, "PRAGMA journal_mode = WAL", error);
  if (stmt == NULL)
    return FALSE;

  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      _dossier_journal_sql_error (error, db, _("switch to write-ahead logging"));
      return FALSE;
    }

  mode = (const char *) sqlite3_column_text (stmt, 0);
  if (g_strcmp0 (mode, "wal") != 0)
    {
      g_set_error (error, DOSSIER_JOURNAL_ERROR, DOSSIER_JOURNAL_ERROR_OPEN,
                   _("The local journal could not switch to write-ahead logging "
                     "(the file system may not support it)."));
      return FALSE;
    }

  /* secure_delete: deleted content (forgotten clients, sent document images) is
   * overwritten with zeros instead of lingering in free pages. */
  return _dossier_journal_sql_exec (db,
                                    "PRAGMA synchronous = NORMAL;"
                                    "PRAGMA foreign_keys = ON;"
                                    "PRAGMA secure_delete = ON;",
                                    error);
}

static gboolean
migrate (sqlite3              *db,
         DossierJournalChain  *chain,
         GError              **error)
{
  for (int target = 1; target <= DOSSIER_JOURNAL_SCHEMA_VERSION; target++)
    {
      g_autofree char *set_version = NULL;
      int current;

      if (!_dossier_journal_begin (db, error))
        return FALSE;

      /* Read again inside the write lock: another process may have migrated. */
      current = _dossier_journal_schema_version (db, error);
      if (current < 0)
        {
          _dossier_journal_rollback (db);
          return FALSE;
        }

      if (current >= target)
        {
          _dossier_journal_rollback (db);
          continue;
        }

      /* PRAGMA takes no bound parameters; `target` is our own loop counter. */
      set_version = g_strdup_printf ("PRAGMA user_version = %d", target);

      if (sqlite3_exec (db, migrations[target - 1], NULL, NULL, NULL) != SQLITE_OK ||
          (target == 3 && !_dossier_journal_chain_migrate (db, chain, NULL)) ||
          sqlite3_exec (db, set_version, NULL, NULL, NULL) != SQLITE_OK)
        {
          /* Translators: %d is a schema version. */
          g_autofree char *what = g_strdup_printf (_("upgrade its format to version %d"), target);

          _dossier_journal_sql_error (error, db, what);
          if (error != NULL && *error != NULL && (*error)->code == DOSSIER_JOURNAL_ERROR_FAILED)
            (*error)->code = DOSSIER_JOURNAL_ERROR_MIGRATION;
          _dossier_journal_rollback (db);
          return FALSE;
        }

      if (!_dossier_journal_commit (db, error))
        return FALSE;
    }

  return TRUE;
}

/*
 * Opens (creating if needed) the journal at @path, checks that it is ours and not
 * newer than this build, switches it to WAL and migrates it. Runs on the worker.
 * A file that is not a database, or not ours, is never written to.
 */
sqlite3 *
_dossier_journal_schema_open (const char           *path,
                              DossierJournalChain  *chain,
                              GError              **error)
{
  sqlite3 *db = NULL;
  int version;

  if (!create_private_file (path, error))
    return NULL;

  if (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK)
    {
      g_set_error (error, DOSSIER_JOURNAL_ERROR, DOSSIER_JOURNAL_ERROR_OPEN,
                   _("The local journal %s could not be opened: %s."),
                   path, db != NULL ? sqlite3_errmsg (db) : g_strerror (ENOMEM));
      sqlite3_close (db);
      return NULL;
    }

  sqlite3_extended_result_codes (db, 1);
  sqlite3_busy_timeout (db, 5000);

  version = _dossier_journal_schema_version (db, error);
  if (version < 0)
    {
      if (error != NULL && *error != NULL && (*error)->code == DOSSIER_JOURNAL_ERROR_CORRUPT)
        {
          g_clear_error (error);
          g_set_error (error, DOSSIER_JOURNAL_ERROR, DOSSIER_JOURNAL_ERROR_CORRUPT,
                       _("The local journal %s is damaged or is not a database. "
                         "It was left untouched; move it away to start a new one."), path);
        }
      sqlite3_close (db);
      return NULL;
    }

  if (!check_identity (db, path, version, error) ||
      !set_modes (db, error) ||
      !migrate (db, chain, error))
    {
      sqlite3_close (db);
      return NULL;
    }

  restrict_modes (path);

  return db;
}
