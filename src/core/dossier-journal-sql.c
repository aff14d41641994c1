/* dossier-journal-sql.c — small SQLite helpers used on the journal's worker thread
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "dossier-journal-private.h"

/*
 * Every value reaches SQL through a bound parameter; these helpers exist so that
 * no caller is ever tempted to format one into a statement.
 */

void
_dossier_journal_sql_error (GError     **error,
                            sqlite3     *db,
                            const char  *what)
{
  int code = sqlite3_extended_errcode (db) & 0xff;
  DossierJournalError journal_code = DOSSIER_JOURNAL_ERROR_FAILED;

  if (code == SQLITE_CORRUPT || code == SQLITE_NOTADB)
    journal_code = DOSSIER_JOURNAL_ERROR_CORRUPT;

  /* Translators: the first %s says what the journal was doing, the second is SQLite's reason. */
  g_set_error (error, DOSSIER_JOURNAL_ERROR, journal_code,
               _("The local journal could not %s: %s."), what, sqlite3_errmsg (db));
}

gboolean
_dossier_journal_sql_exec (sqlite3     *db,
                           const char  *sql,
                           GError     **error)
{
  if (sqlite3_exec (db, sql, NULL, NULL, NULL) != SQLITE_OK)
    {
      _dossier_journal_sql_error (error, db, _("update its tables"));
      return FALSE;
    }

  return TRUE;
}

sqlite3_stmt *
_dossier_journal_sql_prepare (sqlite3     *db,
                              const char  *sql,
                              GError     **error)
{
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      _dossier_journal_sql_error (error, db, _("prepare a query"));
      return NULL;
    }

  return stmt;
}

/* Steps a statement that returns no rows. */
gboolean
_dossier_journal_sql_done (sqlite3_stmt  *stmt,
                           GError       **error)
{
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      _dossier_journal_sql_error (error, sqlite3_db_handle (stmt), _("save a change"));
      return FALSE;
    }

  return TRUE;
}

/* Steps a statement whose RETURNING clause gives one text column, keeping the first
 * row's value in @text (left NULL when no row matched). */
gboolean
_dossier_journal_sql_returning (sqlite3_stmt  *stmt,
                                char         **text,
                                GError       **error)
{
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      if (*text == NULL)
        *text = _dossier_journal_column_text (stmt, 0);
    }

  if (rc != SQLITE_DONE)
    {
      g_clear_pointer (text, g_free);
      _dossier_journal_sql_error (error, sqlite3_db_handle (stmt), _("save a change"));
      return FALSE;
    }

  return TRUE;
}

void
_dossier_journal_bind_text (sqlite3_stmt *stmt,
                            int           index,
                            const char   *text)
{
  if (text == NULL)
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_TRANSIENT);
}

void
_dossier_journal_bind_bytes (sqlite3_stmt *stmt,
                             int           index,
                             GBytes       *bytes)
{
  gsize size = 0;
  gconstpointer data;

  if (bytes == NULL)
    {
      sqlite3_bind_null (stmt, index);
      return;
    }

  /* The GBytes outlives the step, so SQLite may read it in place. */
  data = g_bytes_get_data (bytes, &size);
  sqlite3_bind_blob64 (stmt, index, size > 0 ? data : "", size, SQLITE_STATIC);
}

char *
_dossier_journal_column_text (sqlite3_stmt *stmt,
                              int           column)
{
  if (sqlite3_column_type (stmt, column) == SQLITE_NULL)
    return NULL;

  return g_strdup ((const char *) sqlite3_column_text (stmt, column));
}

GBytes *
_dossier_journal_column_bytes (sqlite3_stmt *stmt,
                               int           column)
{
  const void *data;
  int size;

  if (sqlite3_column_type (stmt, column) == SQLITE_NULL)
    return NULL;

  data = sqlite3_column_blob (stmt, column);
  size = sqlite3_column_bytes (stmt, column);

  return g_bytes_new (data, size);
}

/* A stored JSON text that no longer parses comes back as NULL rather than failing
 * the whole read: one bad row must not hide a client's timeline. */
JsonNode *
_dossier_journal_column_json (sqlite3_stmt *stmt,
                              int           column)
{
  const char *text;

  if (sqlite3_column_type (stmt, column) == SQLITE_NULL)
    return NULL;

  text = (const char *) sqlite3_column_text (stmt, column);
  return json_from_string (text, NULL);
}

char *
_dossier_journal_json_dump (JsonNode *node)
{
  if (node == NULL)
    return NULL;

  return json_to_string (node, FALSE);
}

gboolean
_dossier_journal_begin (sqlite3  *db,
                        GError  **error)
{
  /* IMMEDIATE takes the write lock up front, so a busy database fails at BEGIN
   * (after the busy timeout) instead of halfway through. */
  return _dossier_journal_sql_exec (db, "BEGIN IMMEDIATE", error);
}

gboolean
_dossier_journal_commit (sqlite3  *db,
                         GError  **error)
{
  if (!_dossier_journal_sql_exec (db, "COMMIT", error))
    {
      _dossier_journal_rollback (db);
      return FALSE;
    }

  return TRUE;
}

void
_dossier_journal_rollback (sqlite3 *db)
{
  if (!sqlite3_get_autocommit (db))
    sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
}

void
_dossier_journal_drop_freed_pages (sqlite3 *db)
{
  /* secure_delete zeroes freed content in the database pages, but the WAL keeps the
   * earlier page images until a checkpoint copies the new ones back; TRUNCATE then
   * empties it. A busy reader only delays this to a later checkpoint. */
  int rc = sqlite3_wal_checkpoint_v2 (db, NULL, SQLITE_CHECKPOINT_TRUNCATE, NULL, NULL);

  if (rc != SQLITE_OK)
    g_debug ("journal: checkpoint after dropping image bytes: %s", sqlite3_errstr (rc));
}
