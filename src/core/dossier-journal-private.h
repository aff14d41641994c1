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

#define DOSSIER_JOURNAL_KEY_SIZE 32

/* The evidence chain's state. Owned by the journal, touched only on its worker
 * thread (dossier-journal-chain.c, dossier-journal-keyring.c). */
typedef struct {
  DossierJournalFlags  flags;
  SecretService       *service;          /* NULL: no Secret Service (or not asked) */
  char                *keyring_error;    /* why there is none, for the log */
  char                *installation_id;  /* from the meta table */
  guint8               key[DOSSIER_JOURNAL_KEY_SIZE];
  gboolean             keyed;            /* links are HMACs with @key */
  gboolean             key_missing;      /* the chain is keyed but @key could not be read */
  gboolean             head_dirty;       /* events were added since the head was stored */
  guint                appends_since_head;
  gboolean             head_updates;     /* FALSE only in tests: simulates a crash */
  gboolean             head_frozen;      /* the stored head did not match at open: keep it */
} DossierJournalChain;

/* Shared by the journal's files; see dossier-journal.c for the threading rules. */
struct _DossierJournal
{
  GObject       parent_instance;

  char         *path;
  GMainContext *context;
  GAsyncQueue  *jobs;
  GThread      *worker;
  DossierJournalFlags flags;
  gboolean      keyed;           /* published by the open job */
  int           head_updates;    /* atomic; tests only */

  /* Only touched on the worker thread. */
  sqlite3      *db;
  DossierJournalChain chain;
};

typedef gboolean (*DossierJournalRunFunc) (sqlite3            *db,
                                           gpointer            data,
                                           DossierJournalJob  *job,
                                           GError            **error);

struct _DossierJournalJob
{
  DossierJournal        *journal;
  GTask                 *task;   /* NULL for the quit job */
  DossierJournalRunFunc  run;
  gpointer               data;
  GDestroyNotify         data_free;
  gpointer               result;
  GDestroyNotify         result_free;
  GError                *error;
  DossierJournalChange   change;
  char                  *change_client_id;
  char                  *change_request_id;
};


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

DossierJournalChain *_dossier_journal_job_chain (DossierJournalJob   *job);
/* Tests only: with FALSE the chain head is never stored, as if the app were killed
 * between each commit and its head update. */
void      _dossier_journal_set_head_updates  (DossierJournal        *self,
                                              gboolean               enabled);

/* dossier-journal-schema.c */
sqlite3  *_dossier_journal_schema_open       (const char            *path,
                                              DossierJournalChain   *chain,
                                              GError               **error);
int       _dossier_journal_schema_version    (sqlite3               *db,
                                              GError               **error);

/* dossier-journal-chain.c, dossier-journal-digest.c */
void      _dossier_journal_chain_clear       (DossierJournalChain   *chain);
char     *_dossier_journal_chain_digest      (sqlite3_stmt          *stmt,
                                              int                    first_column);
char     *_dossier_journal_digest_fields     (const char            *kind,
                                              const char            *client_id,
                                              const char            *request_id,
                                              gint64                 occurred_at,
                                              gboolean               observed,
                                              const char            *action,
                                              const char            *trace_id,
                                              const char            *details);
char     *_dossier_journal_chain_link        (DossierJournalChain   *chain,
                                              gboolean               keyed,
                                              const char            *digest,
                                              const char            *previous);
gboolean  _dossier_journal_chain_head_due    (DossierJournalChain   *chain);
gboolean  _dossier_journal_chain_append      (sqlite3               *db,
                                              DossierJournalChain   *chain,
                                              const DossierJournalEvent *event,
                                              const char            *details,
                                              gint64                *id,
                                              GError               **error);
gboolean  _dossier_journal_chain_migrate     (sqlite3               *db,
                                              DossierJournalChain   *chain,
                                              GError               **error);
gboolean  _dossier_journal_chain_setup       (sqlite3               *db,
                                              DossierJournalChain   *chain,
                                              GError               **error);
DossierJournalVerification *_dossier_journal_chain_verify (sqlite3             *db,
                                              DossierJournalChain   *chain,
                                              GError               **error);
void      _dossier_journal_chain_store_head  (sqlite3               *db,
                                              DossierJournalChain   *chain);

/* dossier-journal-keyring.c: synchronous, on the worker thread only */
gboolean  _dossier_journal_keyring_connect   (DossierJournalChain   *chain);
gboolean  _dossier_journal_keyring_lookup    (DossierJournalChain   *chain,
                                              const char            *item,
                                              char                 **value,
                                              GError               **error);
gboolean  _dossier_journal_keyring_store     (DossierJournalChain   *chain,
                                              const char            *item,
                                              const char            *value,
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
/* After removing personal content (image bytes): copy the zeroed pages back and empty
 * the WAL, so the old page images do not stay in the files (dossier-journal-sql.c). */
void           _dossier_journal_drop_freed_pages (sqlite3  *db);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

G_END_DECLS
