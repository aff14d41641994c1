/* dossier-journal-drafts.c — form drafts and each client's last known product requests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "dossier-journal-private.h"

typedef struct {
  char   *client_id;
  char   *request_id;  /* "" for the client's own form */
  char   *json;
  gint64  stamp;
} KeyedData;

typedef struct {
  JsonObject *fields;
  gint64      updated_at;
} Draft;

static void
keyed_data_free (KeyedData *data)
{
  g_free (data->client_id);
  g_free (data->request_id);
  g_free (data->json);
  g_free (data);
}

static KeyedData *
keyed_data_new (const char *client_id,
                const char *request_id)
{
  KeyedData *data = g_new0 (KeyedData, 1);

  data->client_id = g_strdup (client_id);
  data->request_id = g_strdup (request_id != NULL ? request_id : "");

  return data;
}

static void
draft_free (Draft *draft)
{
  g_clear_pointer (&draft->fields, json_object_unref);
  g_free (draft);
}

static gboolean
store_requests_run (sqlite3            *db,
                    gpointer            user_data,
                    DossierJournalJob  *job,
                    GError            **error)
{
  KeyedData *data = user_data;
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = _dossier_journal_sql_prepare (db,
                                       "INSERT INTO request_cache (client_id, requests, fetched_at)"
                                       " VALUES (?1, ?2, ?3) ON CONFLICT (client_id) DO UPDATE"
                                       " SET requests = ?2, fetched_at = ?3",
                                       error);
  if (stmt == NULL)
    return FALSE;

  _dossier_journal_bind_text (stmt, 1, data->client_id);
  _dossier_journal_bind_text (stmt, 2, data->json);
  sqlite3_bind_int64 (stmt, 3, data->stamp);

  if (!_dossier_journal_sql_done (stmt, error))
    return FALSE;

  _dossier_journal_job_changed (job, DOSSIER_JOURNAL_CHANGE_REQUESTS, data->client_id, NULL);
  return TRUE;
}

/**
 * dossier_journal_store_requests_async:
 * @self: a #DossierJournal
 * @client_id: the client
 * @requests: a JSON array: the client's product requests as the server returned them
 * @fetched_at: when they were fetched, in UTC microseconds; 0 means now
 * @cancellable: (nullable): a #GCancellable
 * @callback: called once the cache entry is committed
 * @user_data: data for @callback
 *
 * Replaces the client's cached requests and emits #DossierJournal::requests-changed.
 */
void
dossier_journal_store_requests_async (DossierJournal      *self,
                                      const char          *client_id,
                                      JsonNode            *requests,
                                      gint64               fetched_at,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  KeyedData *data;

  g_return_if_fail (DOSSIER_IS_JOURNAL (self));
  g_return_if_fail (client_id != NULL);
  g_return_if_fail (requests != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, dossier_journal_store_requests_async);

  if (!JSON_NODE_HOLDS_ARRAY (requests))
    {
      g_task_return_new_error (task, DOSSIER_JOURNAL_ERROR, DOSSIER_JOURNAL_ERROR_INVALID,
                               _("A client’s product requests must be a JSON array."));
      return;
    }

  data = keyed_data_new (client_id, NULL);
  data->json = _dossier_journal_json_dump (requests);
  data->stamp = fetched_at != 0 ? fetched_at : g_get_real_time ();

  _dossier_journal_submit (self, g_steal_pointer (&task), store_requests_run,
                           data, (GDestroyNotify) keyed_data_free);
}

/**
 * dossier_journal_store_requests_finish:
 * @self: a #DossierJournal
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Returns: %TRUE when the cache entry was stored
 */
gboolean
dossier_journal_store_requests_finish (DossierJournal  *self,
                                       GAsyncResult    *result,
                                       GError         **error)
{
  return _dossier_journal_propagate_boolean (self, result, dossier_journal_store_requests_async,
                                             error);
}

static gboolean
list_requests_run (sqlite3            *db,
                   gpointer            user_data,
                   DossierJournalJob  *job,
                   GError            **error)
{
  KeyedData *data = user_data;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  if (data->client_id != NULL)
    stmt = _dossier_journal_sql_prepare (db,
                                         "SELECT client_id, requests, fetched_at FROM request_cache"
                                         " WHERE client_id = ?",
                                         error);
  else
    stmt = _dossier_journal_sql_prepare (db,
                                         "SELECT client_id, requests, fetched_at FROM request_cache"
                                         " ORDER BY client_id",
                                         error);
  if (stmt == NULL)
    return FALSE;

  if (data->client_id != NULL)
    _dossier_journal_bind_text (stmt, 1, data->client_id);

  entries = g_ptr_array_new_with_free_func ((GDestroyNotify) dossier_journal_requests_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      DossierJournalRequests *entry = g_new0 (DossierJournalRequests, 1);

      entry->client_id = _dossier_journal_column_text (stmt, 0);
      entry->requests = _dossier_journal_column_json (stmt, 1);
      entry->fetched_at = sqlite3_column_int64 (stmt, 2);

      /* An entry that no longer parses is as good as none: the next refresh fixes it. */
      if (entry->requests == NULL || !JSON_NODE_HOLDS_ARRAY (entry->requests))
        dossier_journal_requests_free (entry);
      else
        g_ptr_array_add (entries, entry);
    }

  if (rc != SQLITE_DONE)
    {
      _dossier_journal_sql_error (error, db, _("read the cached requests"));
      return FALSE;
    }

  _dossier_journal_job_take_result (job, g_steal_pointer (&entries),
                                    (GDestroyNotify) g_ptr_array_unref);
  return TRUE;
}

/**
 * dossier_journal_list_requests_async:
 * @self: a #DossierJournal
 * @client_id: (nullable): one client, or %NULL for every client with cached requests
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the cache entries
 * @user_data: data for @callback
 *
 * Reads the cached product requests, so a client list can show a status badge
 * without one API call per client.
 */
void
dossier_journal_list_requests_async (DossierJournal      *self,
                                     const char          *client_id,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  KeyedData *data;

  g_return_if_fail (DOSSIER_IS_JOURNAL (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, dossier_journal_list_requests_async);

  data = keyed_data_new (client_id, NULL);
  if (client_id == NULL)
    g_clear_pointer (&data->client_id, g_free);

  _dossier_journal_submit (self, g_steal_pointer (&task), list_requests_run,
                           data, (GDestroyNotify) keyed_data_free);
}

/**
 * dossier_journal_list_requests_finish:
 * @self: a #DossierJournal
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Returns: (transfer container) (element-type DossierJournalRequests): the entries
 *   (empty when nothing is cached), or %NULL with @error set
 */
GPtrArray *
dossier_journal_list_requests_finish (DossierJournal  *self,
                                      GAsyncResult    *result,
                                      GError         **error)
{
  return _dossier_journal_propagate_pointer (self, result, dossier_journal_list_requests_async,
                                             error);
}

static gboolean
save_draft_run (sqlite3            *db,
                gpointer            user_data,
                DossierJournalJob  *job,
                GError            **error)
{
  KeyedData *data = user_data;
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = _dossier_journal_sql_prepare (db,
                                       "INSERT INTO drafts (client_id, request_id, fields, updated_at)"
                                       " VALUES (?1, ?2, ?3, ?4)"
                                       " ON CONFLICT (client_id, request_id) DO UPDATE"
                                       " SET fields = ?3, updated_at = ?4",
                                       error);
  if (stmt == NULL)
    return FALSE;

  _dossier_journal_bind_text (stmt, 1, data->client_id);
  _dossier_journal_bind_text (stmt, 2, data->request_id);
  _dossier_journal_bind_text (stmt, 3, data->json);
  sqlite3_bind_int64 (stmt, 4, g_get_real_time ());

  if (!_dossier_journal_sql_done (stmt, error))
    return FALSE;

  _dossier_journal_job_changed (job, DOSSIER_JOURNAL_CHANGE_DRAFTS,
                                data->client_id, data->request_id);
  return TRUE;
}

/**
 * dossier_journal_save_draft_async:
 * @self: a #DossierJournal
 * @client_id: the client
 * @request_id: (nullable): the request whose form this is, or %NULL (or "") for the
 *   client's own form
 * @fields: the form's values, keyed by field id
 * @cancellable: (nullable): a #GCancellable
 * @callback: called once the draft is committed
 * @user_data: data for @callback
 *
 * Replaces the draft; cheap enough to call as the user types. @fields is
 * serialised before this returns.
 */
void
dossier_journal_save_draft_async (DossierJournal      *self,
                                  const char          *client_id,
                                  const char          *request_id,
                                  JsonObject          *fields,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(JsonNode) node = NULL;
  KeyedData *data;

  g_return_if_fail (DOSSIER_IS_JOURNAL (self));
  g_return_if_fail (client_id != NULL);
  g_return_if_fail (fields != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, dossier_journal_save_draft_async);

  node = json_node_init_object (json_node_alloc (), fields);
  data = keyed_data_new (client_id, request_id);
  data->json = _dossier_journal_json_dump (node);

  _dossier_journal_submit (self, g_steal_pointer (&task), save_draft_run,
                           data, (GDestroyNotify) keyed_data_free);
}

/**
 * dossier_journal_save_draft_finish:
 * @self: a #DossierJournal
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Returns: %TRUE when the draft was saved
 */
gboolean
dossier_journal_save_draft_finish (DossierJournal  *self,
                                   GAsyncResult    *result,
                                   GError         **error)
{
  return _dossier_journal_propagate_boolean (self, result, dossier_journal_save_draft_async,
                                             error);
}

static gboolean
load_draft_run (sqlite3            *db,
                gpointer            user_data,
                DossierJournalJob  *job,
                GError            **error)
{
  KeyedData *data = user_data;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(JsonNode) node = NULL;
  Draft *draft;
  int rc;

  stmt = _dossier_journal_sql_prepare (db,
                                       "SELECT fields, updated_at FROM drafts"
                                       " WHERE client_id = ? AND request_id = ?",
                                       error);
  if (stmt == NULL)
    return FALSE;

  _dossier_journal_bind_text (stmt, 1, data->client_id);
  _dossier_journal_bind_text (stmt, 2, data->request_id);

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    return TRUE;

  if (rc != SQLITE_ROW)
    {
      _dossier_journal_sql_error (error, db, _("read a draft"));
      return FALSE;
    }

  node = _dossier_journal_column_json (stmt, 0);
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return TRUE;

  draft = g_new0 (Draft, 1);
  draft->fields = json_node_dup_object (node);
  draft->updated_at = sqlite3_column_int64 (stmt, 1);
  _dossier_journal_job_take_result (job, draft, (GDestroyNotify) draft_free);
  return TRUE;
}

/**
 * dossier_journal_load_draft_async:
 * @self: a #DossierJournal
 * @client_id: the client
 * @request_id: (nullable): the request, or %NULL (or "") for the client's own form
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the draft
 * @user_data: data for @callback
 */
void
dossier_journal_load_draft_async (DossierJournal      *self,
                                  const char          *client_id,
                                  const char          *request_id,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (DOSSIER_IS_JOURNAL (self));
  g_return_if_fail (client_id != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, dossier_journal_load_draft_async);

  _dossier_journal_submit (self, g_steal_pointer (&task), load_draft_run,
                           keyed_data_new (client_id, request_id),
                           (GDestroyNotify) keyed_data_free);
}

/**
 * dossier_journal_load_draft_finish:
 * @self: a #DossierJournal
 * @result: the result given to the callback
 * @updated_at: (out) (optional): when the draft was last saved, in UTC microseconds
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the saved values, or %NULL when there is no
 *   draft (@error unset) or on failure (@error set)
 */
JsonObject *
dossier_journal_load_draft_finish (DossierJournal  *self,
                                   GAsyncResult    *result,
                                   gint64          *updated_at,
                                   GError         **error)
{
  Draft *draft;
  JsonObject *fields;

  draft = _dossier_journal_propagate_pointer (self, result, dossier_journal_load_draft_async,
                                              error);
  if (updated_at != NULL)
    *updated_at = draft != NULL ? draft->updated_at : 0;
  if (draft == NULL)
    return NULL;

  fields = g_steal_pointer (&draft->fields);
  draft_free (draft);
  return fields;
}

static gboolean
delete_draft_run (sqlite3            *db,
                  gpointer            user_data,
                  DossierJournalJob  *job,
                  GError            **error)
{
  KeyedData *data = user_data;
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = _dossier_journal_sql_prepare (db,
                                       "DELETE FROM drafts WHERE client_id = ? AND request_id = ?",
                                       error);
  if (stmt == NULL)
    return FALSE;

  _dossier_journal_bind_text (stmt, 1, data->client_id);
  _dossier_journal_bind_text (stmt, 2, data->request_id);

  if (!_dossier_journal_sql_done (stmt, error))
    return FALSE;

  if (sqlite3_changes (db) > 0)
    _dossier_journal_job_changed (job, DOSSIER_JOURNAL_CHANGE_DRAFTS,
                                  data->client_id, data->request_id);
  return TRUE;
}

/**
 * dossier_journal_delete_draft_async:
 * @self: a #DossierJournal
 * @client_id: the client
 * @request_id: (nullable): the request, or %NULL (or "") for the client's own form
 * @cancellable: (nullable): a #GCancellable
 * @callback: called once the draft is gone
 * @user_data: data for @callback
 *
 * Forgets a draft, typically once its values reached the server. Deleting a draft
 * that does not exist succeeds and emits nothing.
 */
void
dossier_journal_delete_draft_async (DossierJournal      *self,
                                    const char          *client_id,
                                    const char          *request_id,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (DOSSIER_IS_JOURNAL (self));
  g_return_if_fail (client_id != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, dossier_journal_delete_draft_async);

  _dossier_journal_submit (self, g_steal_pointer (&task), delete_draft_run,
                           keyed_data_new (client_id, request_id),
                           (GDestroyNotify) keyed_data_free);
}

/**
 * dossier_journal_delete_draft_finish:
 * @self: a #DossierJournal
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Returns: %TRUE unless the journal failed
 */
gboolean
dossier_journal_delete_draft_finish (DossierJournal  *self,
                                     GAsyncResult    *result,
                                     GError         **error)
{
  return _dossier_journal_propagate_boolean (self, result, dossier_journal_delete_draft_async,
                                             error);
}
