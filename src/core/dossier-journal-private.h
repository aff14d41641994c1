/* dossier-journal-private.h — the journal's worker, jobs and SQL helpers, shared by its files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <sqlite3.h>

#include "dossier-journal.h"

G_BEGIN_DECLS

typedef enum {
  DOSSIER_JOURNAL_CHANGE_NONE,
  DOSSIER_JOURNAL_CHANGE_EVENTS,
  DOSSIER_JOURNAL_CHANGE_REQUESTS,
  DOSSIER_JOURNAL_CHANGE_DRAFTS,
  DOSSIER_JOURNAL_CHANGE_NOTES,
  DOSSIER_JOURNAL_CHANGE_QUEUE,
} DossierJournalChange;

typedef struct _DossierJournalJob DossierJournalJob;

/* Runs on the journal's worker thread with its only connection. Sets a result or a
 * change through the job, returns FALSE with @error set on failure. */
typedef gboolean (*DossierJournalRunFunc) (sqlite3            *db,
                                           gpointer            data,
                                           DossierJournalJob  *job,
                                           GError            **error);

void      _dossier_journal_submit            (DossierJournal        *self,
                                              GTask                 *task,
                                              DossierJournalRunFunc  run,
                                              gpointer               data,
                                              GDestroyNotify         data_free);
void      _dossier_journal_job_take_result   (DossierJournalJob     *job,
                                              gpointer               result,
                                              GDestroyNotify         result_free);
void      _dossier_journal_job_set_id        (DossierJournalJob     *job,
                                              gint64                 id);
void      _dossier_journal_job_changed       (DossierJournalJob     *job,
                                              DossierJournalChange   change,
                                              const char            *client_id,
                                              const char            *request_id);
gboolean  _dossier_journal_propagate_boolean (DossierJournal        *self,
                                              GAsyncResult          *result,
                                              gpointer               source_tag,
                                              GError               **error);
gint64    _dossier_journal_propagate_id      (DossierJournal        *self,
                                              GAsyncResult          *result,
                                              gpointer               source_tag,
                                              GError               **error);
gpointer  _dossier_journal_propagate_pointer (DossierJournal        *self,
                                              GAsyncResult          *result,
                                              gpointer               source_tag,
                                              GError               **error);

/* dossier-journal-schema.c */
sqlite3  *_dossier_journal_schema_open       (const char            *path,
                                              GError               **error);
int       _dossier_journal_schema_version    (sqlite3               *db,
                                              GError               **error);

/* SQL helpers (dossier-journal-sql.c) */
void           _dossier_journal_sql_error   (GError       **error,
                                             sqlite3       *db,
                                             const char    *what);
gboolean       _dossier_journal_sql_exec    (sqlite3       *db,
                                             const char    *sql,
                                             GError       **error);
sqlite3_stmt  *_dossier_journal_sql_prepare (sqlite3       *db,
                                             const char    *sql,
                                             GError       **error);
gboolean       _dossier_journal_sql_done    (sqlite3_stmt  *stmt,
                                             GError       **error);
gboolean       _dossier_journal_sql_returning (sqlite3_stmt *stmt,
                                             char         **text,
                                             GError       **error);
void           _dossier_journal_bind_text   (sqlite3_stmt  *stmt,
                                             int            index,
                                             const char    *text);
void           _dossier_journal_bind_bytes  (sqlite3_stmt  *stmt,
                                             int            index,
                                             GBytes        *bytes);
char          *_dossier_journal_column_text (sqlite3_stmt  *stmt,
                                             int            column);
GBytes        *_dossier_journal_column_bytes (sqlite3_stmt *stmt,
                                             int            column);
JsonNode      *_dossier_journal_column_json (sqlite3_stmt  *stmt,
                                             int            column);
char          *_dossier_journal_json_dump   (JsonNode      *node);
gboolean       _dossier_journal_begin       (sqlite3       *db,
                                             GError       **error);
gboolean       _dossier_journal_commit      (sqlite3       *db,
                                             GError       **error);
void           _dossier_journal_rollback    (sqlite3       *db);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

G_END_DECLS
