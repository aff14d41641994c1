/* dossier-api-lists.c — the paged lists of CONTRACT.md §8: clients, a client's requests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every page is read (following the answer's next-page hint on the same server only) and
 * parsed on a worker.
 */
#include "config.h"

#include "dossier-api-calls-private.h"
#include "dossier-json.h"

static void list_fetch (GTask *task);

static void
list_return (GTask *task)
{
  DossierApiCallData *data = g_task_get_task_data (task);

  if (data->kind == DOSSIER_API_RESULT_REQUESTS)
    g_signal_emit_by_name (g_task_get_source_object (task), "products-listed", data->client_id,
                           data->items, data->trace_id);
  g_task_return_pointer (task, g_ptr_array_ref (data->items), (GDestroyNotify) g_ptr_array_unref);
}

static void
list_parsed_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  DossierApi *self = g_task_get_source_object (task);
  DossierApiCallData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autofree char *hint = NULL;
  g_autofree char *next = NULL;

  if (data->kind == DOSSIER_API_RESULT_CLIENTS)
    items = dossier_json_parse_clients_finish (result, &error);
  else
    items = dossier_json_parse_requests_finish (result, &error);

  if (items == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_task_return_error (task, g_steal_pointer (&error));
      else
        g_task_return_error (task, dossier_api_error_new_bad_response (200, NULL, error));
      return;
    }

  for (guint i = 0; i < items->len; i++)
    g_ptr_array_add (data->items, g_object_ref (g_ptr_array_index (items, i)));

  hint = dossier_json_parse_list_dup_next_page_hint (result);
  if (hint != NULL && data->pages < DOSSIER_JSON_MAX_PAGES)
    next = g_uri_resolve_relative (data->url, hint, G_URI_FLAGS_NONE, NULL);

  /* Follow only pages on the same server (the key goes with each request). */
  if (next != NULL && dossier_api_same_origin (self, next) &&
      !g_hash_table_contains (data->visited, next))
    {
      g_free (data->url);
      data->url = g_steal_pointer (&next);
      list_fetch (g_steal_pointer (&task));
      return;
    }

  list_return (task);
}

static void
list_page_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  DossierApiCallData *data = g_task_get_task_data (task);
  g_autoptr(DossierHttpResponse) response = NULL;
  g_autoptr(GError) error = NULL;
  GCancellable *cancellable;

  response = dossier_scheduler_call_finish (DOSSIER_SCHEDULER (source), result, &error);
  if (response != NULL)
    error = dossier_api_check_response (g_task_get_source_object (task), response, data->level);
  if (error != NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_free (data->trace_id);
  data->trace_id = g_strdup (response->trace_id);

  if (g_bytes_get_size (response->body) == 0)
    {
      list_return (task);
      return;
    }

  cancellable = g_task_get_cancellable (task);
  if (data->kind == DOSSIER_API_RESULT_CLIENTS)
    dossier_json_parse_clients_async (response->body, cancellable, list_parsed_cb, g_steal_pointer (&task));
  else
    dossier_json_parse_requests_async (response->body, cancellable, list_parsed_cb, g_steal_pointer (&task));
}

static void
list_fetch (GTask *task)
{
  DossierApi *self = g_task_get_source_object (task);
  DossierApiCallData *data = g_task_get_task_data (task);

  data->pages++;
  g_hash_table_add (data->visited, g_strdup (data->url));
  dossier_api_send (self, "GET", data->url, NULL, data->priority, FALSE, NULL, NULL,
                    g_task_get_cancellable (task), list_page_cb, task);
}

static void
list_start (DossierApi           *self,
            DossierApiResultKind  kind,
            const char           *client_id,
            const char           *path,
            DossierApiPriority    priority,
            GCancellable         *cancellable,
            GAsyncReadyCallback   callback,
            gpointer              user_data,
            gpointer              source_tag)
{
  GTask *task = _dossier_api_call_new (self, kind, DOSSIER_API_LEVEL_READ,
                                       priority, cancellable, callback, user_data,
                                       source_tag);
  DossierApiCallData *data = g_task_get_task_data (task);

  data->items = g_ptr_array_new_with_free_func (g_object_unref);
  data->client_id = g_strdup (client_id);
  data->visited = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  data->url = dossier_api_build_url (self, path);
  list_fetch (task);
}

void
dossier_api_list_clients_async (DossierApi          *self,
                                DossierApiPriority   priority,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_return_if_fail (DOSSIER_IS_API (self));

  list_start (self, DOSSIER_API_RESULT_CLIENTS, NULL, CLIENTS_PATH, priority, cancellable,
              callback, user_data, dossier_api_list_clients_async);
}

GPtrArray *
dossier_api_list_clients_finish (DossierApi    *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  return _dossier_api_call_finish (self, result, dossier_api_list_clients_async, error);
}

void
dossier_api_list_products_async (DossierApi          *self,
                                 const char          *client_id,
                                 DossierApiPriority   priority,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autofree char *client = NULL;
  g_autofree char *path = NULL;

  g_return_if_fail (DOSSIER_IS_API (self));
  g_return_if_fail (client_id != NULL);

  client = _dossier_api_client_path (client_id, NULL, NULL);
  path = g_strconcat (client, "/products", NULL);
  list_start (self, DOSSIER_API_RESULT_REQUESTS, client_id, path, priority, cancellable,
              callback, user_data, dossier_api_list_products_async);
}

GPtrArray *
dossier_api_list_products_finish (DossierApi    *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  return _dossier_api_call_finish (self, result, dossier_api_list_products_async, error);
}
