/* dossier-journal-queue-read.c — reading and removing queued uploads
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "dossier-journal-private.h"

typedef struct {
  gint64  id;
  char   *client_id;
  char   *request_id;
} UploadQuery;

static void
upload_query_free (UploadQuery *query)
{
  g_free (query->client_id);
  g_free (query->request_id);
  g_free (query);
}

/* Lists leave the prepared bytes out (up to 10 MiB a side); get_upload reads them. */
#define UPLOAD_COLUMNS "id, client_id, request_id, group_id, document_type, metadata, state," \
                       " thumbnail, front_sha256, back_sha256, rejection, created_at, updated_at"

static DossierJournalUpload *
upload_from_row (sqlite3_stmt *stmt,
                 gboolean      with_bytes)
{
  DossierJournalUpload *upload = g_new0 (DossierJournalUpload, 1);
  g_autofree char *state = NULL;

  upload->id = sqlite3_column_int64 (stmt, 0);
  upload->client_id = _dossier_journal_column_text (stmt, 1);
  upload->request_id = _dossier_journal_column_text (stmt, 2);
  upload->group_id = _dossier_journal_column_text (stmt, 3);
  upload->document_type = _dossier_journal_column_text (stmt, 4);
  upload->metadata = _dossier_journal_column_json (stmt, 5);
  state = _dossier_journal_column_text (stmt, 6);
  if (!dossier_journal_upload_state_from_string (state, &upload->state))
    upload->state = DOSSIER_JOURNAL_UPLOAD_STATE_PENDING;
  upload->thumbnail = _dossier_journal_column_bytes (stmt, 7);
  upload->front_sha256 = _dossier_journal_column_text (stmt, 8);
  upload->back_sha256 = _dossier_journal_column_text (stmt, 9);
  upload->rejection = _dossier_journal_column_json (stmt, 10);
  upload->created_at = sqlite3_column_int64 (stmt, 11);
  upload->updated_at = sqlite3_column_int64 (stmt, 12);

  if (with_bytes)
    {
      upload->front = _dossier_journal_column_bytes (stmt, 13);
      upload->back = _dossier_journal_column_bytes (stmt, 14);
    }

  return upload;
}

static gboolean
get_upload_run (sqlite3            *db,
                gpointer            user_data,
                DossierJournalJob  *job,
                GError            **error)
{
  UploadQuery *query = user_data;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = _dossier_journal_sql_prepare (db,
                                       "SELECT " UPLOAD_COLUMNS ", front, back"
                                       " FROM uploads WHERE id = ?",
                                       error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, query->id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    {
      g_set_error (error, DOSSIER_JOURNAL_ERROR, DOSSIER_JOURNAL_ERROR_NOT_FOUND,
                   _("This upload is no longer in the queue."));
      return FALSE;
    }
  if (rc != SQLITE_ROW)
    {
      _dossier_journal_sql_error (error, db, _("read the upload queue"));
      return FALSE;
    }

  _dossier_journal_job_take_result (job, upload_from_row (stmt, TRUE),
                                    (GDestroyNotify) dossier_journal_upload_free);
  return TRUE;
}

/**
 * dossier_journal_get_upload_async:
 * @self: a #DossierJournal
 * @upload_id: the upload
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the upload
 * @user_data: data for @callback
 *
 * Reads one upload with its prepared bytes (none once accepted).
 */
void
dossier_journal_get_upload_async (DossierJournal      *self,
                                  gint64               upload_id,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  UploadQuery *query;

  g_return_if_fail (DOSSIER_IS_JOURNAL (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, dossier_journal_get_upload_async);

  query = g_new0 (UploadQuery, 1);
  query->id = upload_id;
  _dossier_journal_submit (self, g_steal_pointer (&task), get_upload_run,
                           query, (GDestroyNotify) upload_query_free);
}

/**
 * dossier_journal_get_upload_finish:
 * @self: a #DossierJournal
 * @result: the result given to the callback
 * @error: return location for a #GError (%DOSSIER_JOURNAL_ERROR_NOT_FOUND when gone)
 *
 * Returns: (transfer full): the upload, or %NULL with @error set
 */
DossierJournalUpload *
dossier_journal_get_upload_finish (DossierJournal  *self,
                                   GAsyncResult    *result,
                                   GError         **error)
{
  return _dossier_journal_propagate_pointer (self, result, dossier_journal_get_upload_async,
                                             error);
}

static const char * const list_uploads_sql[] = {
  "SELECT " UPLOAD_COLUMNS " FROM uploads ORDER BY created_at, id",
  "SELECT " UPLOAD_COLUMNS " FROM uploads WHERE client_id = ?1 ORDER BY created_at, id",
  "SELECT " UPLOAD_COLUMNS " FROM uploads WHERE request_id = ?2 ORDER BY created_at, id",
  "SELECT " UPLOAD_COLUMNS " FROM uploads WHERE client_id = ?1 AND request_id = ?2"
  " ORDER BY created_at, id",
};

static gboolean
list_uploads_run (sqlite3            *db,
                  gpointer            user_data,
                  DossierJournalJob  *job,
                  GError            **error)
{
  UploadQuery *query = user_data;
  g_autoptr(GPtrArray) uploads = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  guint variant = (query->client_id != NULL ? 1 : 0) + (query->request_id != NULL ? 2 : 0);
  int rc;

  stmt = _dossier_journal_sql_prepare (db, list_uploads_sql[variant], error);
  if (stmt == NULL)
    return FALSE;

  if (query->client_id != NULL)
    _dossier_journal_bind_text (stmt, 1, query->client_id);
  if (query->request_id != NULL)
    _dossier_journal_bind_text (stmt, 2, query->request_id);

  uploads = g_ptr_array_new_with_free_func ((GDestroyNotify) dossier_journal_upload_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (uploads, upload_from_row (stmt, FALSE));

  if (rc != SQLITE_DONE)
    {
      _dossier_journal_sql_error (error, db, _("read the upload queue"));
      return FALSE;
    }

  _dossier_journal_job_take_result (job, g_steal_pointer (&uploads),
                                    (GDestroyNotify) g_ptr_array_unref);
  return TRUE;
}

/**
 * dossier_journal_list_uploads_async:
 * @self: a #DossierJournal
 * @client_id: (nullable): only this client's uploads
 * @request_id: (nullable): only this request's uploads
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the uploads
 * @user_data: data for @callback
 *
 * Lists uploads in the order they were queued. The records carry everything but
 * the prepared bytes (`front` and `back` are %NULL); dossier_journal_get_upload_async()
 * reads those.
 */
void
dossier_journal_list_uploads_async (DossierJournal      *self,
                                    const char          *client_id,
                                    const char          *request_id,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  UploadQuery *query;

  g_return_if_fail (DOSSIER_IS_JOURNAL (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, dossier_journal_list_uploads_async);

  query = g_new0 (UploadQuery, 1);
  query->client_id = g_strdup (client_id);
  query->request_id = g_strdup (request_id);
  _dossier_journal_submit (self, g_steal_pointer (&task), list_uploads_run,
                           query, (GDestroyNotify) upload_query_free);
}

/**
 * dossier_journal_list_uploads_finish:
 * @self: a #DossierJournal
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Returns: (transfer container) (element-type DossierJournalUpload): the uploads,
 *   or %NULL with @error set
 */
GPtrArray *
dossier_journal_list_uploads_finish (DossierJournal  *self,
                                     GAsyncResult    *result,
                                     GError         **error)
{
  return _dossier_journal_propagate_pointer (self, result, dossier_journal_list_uploads_async,
                                             error);
}

static gboolean
remove_upload_run (sqlite3            *db,
                   gpointer            user_data,
                   DossierJournalJob  *job,
                   GError            **error)
{
  UploadQuery *query = user_data;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *client_id = NULL;

  stmt = _dossier_journal_sql_prepare (db, "DELETE FROM uploads WHERE id = ? RETURNING client_id",
                                       error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, query->id);
  if (!_dossier_journal_sql_returning (stmt, &client_id, error))
    return FALSE;

  if (client_id == NULL)
    {
      g_set_error (error, DOSSIER_JOURNAL_ERROR, DOSSIER_JOURNAL_ERROR_NOT_FOUND,
                   _("This upload is no longer in the queue."));
      return FALSE;
    }

  _dossier_journal_drop_freed_pages (db);
  _dossier_journal_job_changed (job, DOSSIER_JOURNAL_CHANGE_QUEUE, client_id, NULL);
  return TRUE;
}

/**
 * dossier_journal_remove_upload_async:
 * @self: a #DossierJournal
 * @upload_id: the upload
 * @cancellable: (nullable): a #GCancellable
 * @callback: called once the upload is gone
 * @user_data: data for @callback
 *
 * Removes an upload the person discarded, whatever its state.
 */
void
dossier_journal_remove_upload_async (DossierJournal      *self,
                                     gint64               upload_id,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  UploadQuery *query;

  g_return_if_fail (DOSSIER_IS_JOURNAL (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, dossier_journal_remove_upload_async);

  query = g_new0 (UploadQuery, 1);
  query->id = upload_id;
  _dossier_journal_submit (self, g_steal_pointer (&task), remove_upload_run,
                           query, (GDestroyNotify) upload_query_free);
}

/**
 * dossier_journal_remove_upload_finish:
 * @self: a #DossierJournal
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Returns: %TRUE when the upload was removed
 */
gboolean
dossier_journal_remove_upload_finish (DossierJournal  *self,
                                      GAsyncResult    *result,
                                      GError         **error)
{
  return _dossier_journal_propagate_boolean (self, result, dossier_journal_remove_upload_async,
                                             error);
}
