/* dossier-api-calls.c — the endpoints of CONTRACT.md §8 as _async/_finish pairs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "dossier-api-calls-private.h"
#include "dossier-json.h"

static void
call_data_free (DossierApiCallData *data)
{
  g_clear_object (&data->sent_client);
  g_clear_object (&data->before);
  g_clear_pointer (&data->document, json_node_unref);
  g_free (data->client_id);
  g_free (data->request_id);
  g_free (data->trace_id);
  g_clear_pointer (&data->items, g_ptr_array_unref);
  g_clear_pointer (&data->visited, g_hash_table_unref);
  g_free (data->url);
  g_free (data);
}

GTask *
_dossier_api_call_new (DossierApi           *self,
                       DossierApiResultKind  kind,
                       guint                 level,
                       DossierApiPriority    priority,
                       GCancellable         *cancellable,
                       GAsyncReadyCallback   callback,
                       gpointer              user_data,
                       gpointer              source_tag)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  DossierApiCallData *data = g_new0 (DossierApiCallData, 1);

  data->kind = kind;
  data->level = level;
  data->priority = priority;
  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, data, (GDestroyNotify) call_data_free);

  return task;
}

static void
set_ids (GTask      *task,
         const char *client_id,
         const char *request_id)
{
  DossierApiCallData *data = g_task_get_task_data (task);

  data->client_id = g_strdup (client_id);
  data->request_id = g_strdup (request_id);
}

char *
_dossier_api_client_path (const char *client_id,
                          const char *request_id,
                          const char *action)
{
  g_autofree char *client = g_uri_escape_string (client_id, NULL, FALSE);
  g_autofree char *request = request_id != NULL ? g_uri_escape_string (request_id, NULL, FALSE) : NULL;
  GString *path = g_string_new (CLIENTS_PATH "/");

  g_string_append (path, client);
  if (request_id != NULL || action != NULL)
    g_string_append (path, "/products");
  if (request_id != NULL)
    g_string_append_printf (path, "/%s", request);
  if (action != NULL)
    g_string_append_printf (path, "/%s", action);

  return g_string_free (path, FALSE);
}

static GBytes *
node_to_bytes (JsonNode *node)
{
  char *text = json_to_string (node, FALSE);

  return g_bytes_new_take (text, strlen (text));
}

static void
emit_failure (GTask        *task,
              const GError *error)
{
  DossierApiCallData *data = g_task_get_task_data (task);

  _dossier_api_emit_failure (g_task_get_source_object (task), g_task_get_source_tag (task),
                             data->client_id, data->request_id, error);
}

static void
emit_success (GTask      *task,
              GObject    *object,
              const char *trace_id)
{
  DossierApiCallData *data = g_task_get_task_data (task);

  _dossier_api_emit_success (g_task_get_source_object (task), g_task_get_source_tag (task),
                             object, data->before, data->document, trace_id);
}

/* ---- single objects ---- */

static void
object_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  DossierApiCallData *data = g_task_get_task_data (task);
  g_autoptr(DossierHttpResponse) response = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  GObject *object = NULL;

  response = dossier_scheduler_call_finish (DOSSIER_SCHEDULER (source), result, &error);
  if (response != NULL)
    error = dossier_api_check_response (g_task_get_source_object (task), response, data->level);
  if (error != NULL)
    {
      emit_failure (task, error);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* §15.2: an empty 2xx body is "no data". */
  if (g_bytes_get_size (response->body) == 0)
    {
      if (data->kind == DOSSIER_API_RESULT_CLIENT && data->sent_client != NULL)
        {
          g_autoptr(DossierClient) copy = dossier_client_copy (data->sent_client);

          emit_success (task, G_OBJECT (copy), response->trace_id);
          g_task_return_pointer (task, g_steal_pointer (&copy), g_object_unref);
        }
      else if (data->kind == DOSSIER_API_RESULT_REQUEST)
        g_task_return_pointer (task, NULL, NULL);
      else
        g_task_return_error (task, dossier_api_error_new_bad_response (response->status, response->trace_id, NULL));
      return;
    }

  root = dossier_json_parse_bytes (response->body, &error);
  if (root != NULL && data->kind == DOSSIER_API_RESULT_CLIENT)
    object = (GObject *) dossier_client_new_from_json (root, &error);
  else if (root != NULL)
    object = (GObject *) dossier_product_request_new_from_json (root, &error);

  if (object == NULL)
    {
      g_debug ("unreadable answer (HTTP %u): %s", response->status, error != NULL ? error->message : "empty");
      GError *bad = dossier_api_error_new_bad_response (response->status, response->trace_id, error);

      emit_failure (task, bad);
      g_task_return_error (task, bad);
      return;
    }

  emit_success (task, object, response->trace_id);
  g_task_return_pointer (task, object, g_object_unref);
}

gpointer
_dossier_api_call_finish (DossierApi    *self,
                          GAsyncResult  *result,
                          gpointer       source_tag,
                          GError       **error)
{
  g_return_val_if_fail (DOSSIER_IS_API (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
dossier_api_get_client_async (DossierApi          *self,
                              const char          *client_id,
                              DossierApiPriority   priority,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *path = NULL;
  g_autofree char *url = NULL;

  g_return_if_fail (DOSSIER_IS_API (self));
  g_return_if_fail (client_id != NULL);

  task = _dossier_api_call_new (self, DOSSIER_API_RESULT_CLIENT, DOSSIER_API_LEVEL_READ,
                                priority, cancellable, callback, user_data,
                                dossier_api_get_client_async);
  path = _dossier_api_client_path (client_id, NULL, NULL);
  url = dossier_api_build_url (self, path);
  dossier_api_send (self, "GET", url, NULL, priority, FALSE, NULL, NULL, cancellable,
                    object_cb, g_steal_pointer (&task));
}

DossierClient *
dossier_api_get_client_finish (DossierApi    *self,
                               GAsyncResult  *result,
                               GError       **error)
{
  return _dossier_api_call_finish (self, result, dossier_api_get_client_async, error);
}

void
dossier_api_create_client_from_json_async (DossierApi          *self,
                                           JsonNode            *body,
                                           DossierApiPriority   priority,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *url = NULL;

  g_return_if_fail (DOSSIER_IS_API (self));
  g_return_if_fail (body != NULL && JSON_NODE_HOLDS_OBJECT (body));

  task = _dossier_api_call_new (self, DOSSIER_API_RESULT_CLIENT, DOSSIER_API_LEVEL_READ,
                                priority, cancellable, callback, user_data,
                                dossier_api_create_client_async);
  bytes = node_to_bytes (body);
  url = dossier_api_build_url (self, CLIENTS_PATH);
  dossier_api_send (self, "POST", url, bytes, priority, FALSE, NULL, NULL, cancellable,
                    object_cb, g_steal_pointer (&task));
}

void
dossier_api_create_client_async (DossierApi          *self,
                                 DossierClient       *client,
                                 DossierApiPriority   priority,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(JsonNode) body = NULL;

  g_return_if_fail (DOSSIER_IS_CLIENT (client));

  body = dossier_client_to_json (client);
  dossier_api_create_client_from_json_async (self, body, priority, cancellable, callback, user_data);
}

DossierClient *
dossier_api_create_client_finish (DossierApi    *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  return _dossier_api_call_finish (self, result, dossier_api_create_client_async, error);
}

void
dossier_api_update_client_async (DossierApi          *self,
                                 DossierClient       *client,
                                 DossierApiPriority   priority,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  dossier_api_update_client_with_before_async (self, client, NULL, priority, cancellable,
                                               callback, user_data);
}

void
dossier_api_update_client_with_before_async (DossierApi          *self,
                                             DossierClient       *client,
                                             DossierClient       *before,
                                             DossierApiPriority   priority,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(JsonNode) body = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *path = NULL;
  g_autofree char *url = NULL;
  DossierApiCallData *data;

  g_return_if_fail (DOSSIER_IS_API (self));
  g_return_if_fail (DOSSIER_IS_CLIENT (client));
  g_return_if_fail (dossier_client_get_id (client) != NULL);
  g_return_if_fail (!before || DOSSIER_IS_CLIENT (before));

  task = _dossier_api_call_new (self, DOSSIER_API_RESULT_CLIENT, DOSSIER_API_LEVEL_WRITE,
                                priority, cancellable, callback, user_data,
                                dossier_api_update_client_async);
  data = g_task_get_task_data (task);
  data->sent_client = dossier_client_copy (client);
  data->before = before != NULL ? dossier_client_copy (before) : NULL;
  data->client_id = g_strdup (dossier_client_get_id (client));
  body = dossier_client_to_json (client);
  bytes = node_to_bytes (body);
  path = _dossier_api_client_path (dossier_client_get_id (client), NULL, NULL);
  url = dossier_api_build_url (self, path);
  dossier_api_send (self, "PUT", url, bytes, priority, FALSE, NULL, NULL, cancellable,
                    object_cb, g_steal_pointer (&task));
}

DossierClient *
dossier_api_update_client_finish (DossierApi    *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  return _dossier_api_call_finish (self, result, dossier_api_update_client_async, error);
}

void
dossier_api_request_product_async (DossierApi          *self,
                                   const char          *client_id,
                                   const char          *subproduct,
                                   DossierApiPriority   priority,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) body = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *path = NULL;
  g_autofree char *url = NULL;

  g_return_if_fail (DOSSIER_IS_API (self));
  g_return_if_fail (client_id != NULL && subproduct != NULL);

  task = _dossier_api_call_new (self, DOSSIER_API_RESULT_REQUEST, DOSSIER_API_LEVEL_WRITE,
                                priority, cancellable, callback, user_data,
                                dossier_api_request_product_async);
  ((DossierApiCallData *) g_task_get_task_data (task))->client_id = g_strdup (client_id);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "subproduct");
  json_builder_add_string_value (builder, subproduct);
  json_builder_end_object (builder);
  body = json_builder_get_root (builder);
  bytes = node_to_bytes (body);
  path = _dossier_api_client_path (client_id, NULL, NULL);
  url = g_strconcat (self->base_url, path, "/products", NULL);
  dossier_api_send (self, "POST", url, bytes, priority, FALSE, client_id, subproduct,
                    cancellable, object_cb, g_steal_pointer (&task));
}

DossierProductRequest *
dossier_api_request_product_finish (DossierApi    *self,
                                    GAsyncResult  *result,
                                    GError       **error)
{
  return _dossier_api_call_finish (self, result, dossier_api_request_product_async, error);
}

void
dossier_api_upload_document_with_progress_async (DossierApi             *self,
                                                 const char             *client_id,
                                                 const char             *request_id,
                                                 JsonNode               *document,
                                                 DossierApiPriority      priority,
                                                 DossierApiProgressFunc  progress,
                                                 gpointer                progress_data,
                                                 GDestroyNotify          progress_destroy,
                                                 GCancellable           *cancellable,
                                                 GAsyncReadyCallback     callback,
                                                 gpointer                user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(JsonObject) wrapper = json_object_new ();
  g_autoptr(JsonNode) body = json_node_new (JSON_NODE_OBJECT);
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *path = NULL;
  g_autofree char *url = NULL;

  g_return_if_fail (DOSSIER_IS_API (self));
  g_return_if_fail (client_id != NULL && request_id != NULL);
  g_return_if_fail (document != NULL && JSON_NODE_HOLDS_OBJECT (document));

  task = _dossier_api_call_new (self, DOSSIER_API_RESULT_REQUEST, DOSSIER_API_LEVEL_WRITE,
                                priority, cancellable, callback, user_data,
                                dossier_api_upload_document_async);
  set_ids (task, client_id, request_id);
  ((DossierApiCallData *) g_task_get_task_data (task))->document = json_node_copy (document);
  json_object_set_member (wrapper, "document", json_node_copy (document));
  json_node_set_object (body, wrapper);
  bytes = node_to_bytes (body);
  path = _dossier_api_client_path (client_id, request_id, "documentation");
  url = dossier_api_build_url (self, path);
  dossier_api_send_with_progress (self, "POST", url, bytes, priority, TRUE,
                                  progress != NULL || progress_destroy != NULL
                                  ? _dossier_api_progress_new (progress, progress_data, progress_destroy)
                                  : NULL,
                                  cancellable, object_cb, g_steal_pointer (&task));
}

DossierProductRequest *
dossier_api_upload_document_finish (DossierApi    *self,
                                    GAsyncResult  *result,
                                    GError       **error)
{
  return _dossier_api_call_finish (self, result, dossier_api_upload_document_async, error);
}

void
dossier_api_submit_async (DossierApi          *self,
                          const char          *client_id,
                          const char          *request_id,
                          DossierApiPriority   priority,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *path = NULL;
  g_autofree char *url = NULL;

  g_return_if_fail (DOSSIER_IS_API (self));
  g_return_if_fail (client_id != NULL && request_id != NULL);

  task = _dossier_api_call_new (self, DOSSIER_API_RESULT_REQUEST, DOSSIER_API_LEVEL_WRITE,
                                priority, cancellable, callback, user_data,
                                dossier_api_submit_async);
  set_ids (task, client_id, request_id);
  path = _dossier_api_client_path (client_id, request_id, "submit");
  url = dossier_api_build_url (self, path);
  dossier_api_send (self, "POST", url, NULL, priority, FALSE, NULL, NULL, cancellable,
                    object_cb, g_steal_pointer (&task));
}

DossierProductRequest *
dossier_api_submit_finish (DossierApi    *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  return _dossier_api_call_finish (self, result, dossier_api_submit_async, error);
}
