/* dossier-json-lists.c — list responses parsed into model objects on a worker thread
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A list of 100 000 clients is about 35 MB of JSON: parsing it and building the objects
 * takes far longer than a frame, so it runs in a GTask thread on the (immutable) body bytes.
 * The objects it creates are touched by nobody else until _finish() hands them over.
 */
#include "config.h"

#include "dossier-client.h"
#include "dossier-json.h"
#include "dossier-product-request.h"

typedef enum {
  LIST_KIND_CLIENTS,
  LIST_KIND_REQUESTS,
} ListKind;

typedef struct {
  GBytes   *body;
  ListKind  kind;
  char     *next_page_hint;
} ParseData;

static void
parse_data_free (ParseData *data)
{
  g_clear_pointer (&data->body, g_bytes_unref);
  g_clear_pointer (&data->next_page_hint, g_free);
  g_free (data);
}

static void
parse_list_worker (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  ParseData *data = task_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GPtrArray) elements = NULL;
  g_autoptr(GPtrArray) objects = NULL;
  guint skipped = 0;

  root = dossier_json_parse_bytes (data->body, &error);
  if (error != NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  elements = dossier_json_read_list (root, &data->next_page_hint, &error);
  if (elements == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  objects = g_ptr_array_new_full (elements->len, g_object_unref);
  for (guint i = 0; i < elements->len; i++)
    {
      JsonNode *element = g_ptr_array_index (elements, i);
      GObject *object;

      if (i % 4096 == 0 && g_task_return_error_if_cancelled (task))
        return;

      if (data->kind == LIST_KIND_CLIENTS)
        object = (GObject *) dossier_client_new_from_json (element, NULL);
      else
        object = (GObject *) dossier_product_request_new_from_json (element, NULL);

      /* One odd element does not cost the whole list. */
      if (object == NULL)
        skipped++;
      else
        g_ptr_array_add (objects, object);
    }

  if (skipped > 0)
    g_debug ("Skipped %u list elements that were not readable", skipped);

  /* Drop the parse tree here, before the objects leave this thread. */
  g_clear_pointer (&elements, g_ptr_array_unref);
  g_clear_pointer (&root, json_node_unref);

  g_task_return_pointer (task, g_steal_pointer (&objects), (GDestroyNotify) g_ptr_array_unref);
}

static void
parse_list_async (GBytes              *body,
                  ListKind             kind,
                  gpointer             source_tag,
                  GCancellable        *cancellable,
                  GAsyncReadyCallback  callback,
                  gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  ParseData *data;

  g_return_if_fail (body != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, source_tag);
  data = g_new0 (ParseData, 1);
  data->body = g_bytes_ref (body);
  data->kind = kind;
  g_task_set_task_data (task, data, (GDestroyNotify) parse_data_free);
  g_task_run_in_thread (task, parse_list_worker);
}

/**
 * dossier_json_parse_clients_async:
 * @body: a list response body (bare or wrapped, §15.2)
 * @cancellable: (nullable): a #GCancellable
 * @callback: called on the thread-default main context of the caller
 * @user_data: data for @callback
 *
 * Parses a client list and builds the #DossierClient objects on a worker thread.
 * Elements that are not clients (not an object, no `id`) are skipped.
 */
void
dossier_json_parse_clients_async (GBytes              *body,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  parse_list_async (body, LIST_KIND_CLIENTS, dossier_json_parse_clients_async,
                    cancellable, callback, user_data);
}

/**
 * dossier_json_parse_clients_finish:
 * @result: the result given to the callback
 * @error: return location for a #GError (%DOSSIER_JSON_ERROR, or %G_IO_ERROR_CANCELLED)
 *
 * Returns: (transfer full) (element-type DossierClient): the clients in server order
 */
GPtrArray *
dossier_json_parse_clients_finish (GAsyncResult  *result,
                                   GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == dossier_json_parse_clients_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * dossier_json_parse_requests_async:
 * @body: a list response body (bare or wrapped, §15.2)
 * @cancellable: (nullable): a #GCancellable
 * @callback: called on the thread-default main context of the caller
 * @user_data: data for @callback
 *
 * Like dossier_json_parse_clients_async(), for #DossierProductRequest elements.
 */
void
dossier_json_parse_requests_async (GBytes              *body,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  parse_list_async (body, LIST_KIND_REQUESTS, dossier_json_parse_requests_async,
                    cancellable, callback, user_data);
}

/**
 * dossier_json_parse_requests_finish:
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (element-type DossierProductRequest): the requests in server order
 */
GPtrArray *
dossier_json_parse_requests_finish (GAsyncResult  *result,
                                    GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == dossier_json_parse_requests_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * dossier_json_parse_list_dup_next_page_hint:
 * @result: the result of dossier_json_parse_clients_async() or
 *   dossier_json_parse_requests_async(), after its _finish()
 *
 * Returns: (transfer full) (nullable): the next-page hint of the page, as documented for
 *   dossier_json_read_list(), or %NULL when it is the last page
 */
char *
dossier_json_parse_list_dup_next_page_hint (GAsyncResult *result)
{
  ParseData *data;

  g_return_val_if_fail (G_IS_TASK (result), NULL);

  data = g_task_get_task_data (G_TASK (result));
  return data != NULL ? g_strdup (data->next_page_hint) : NULL;
}
