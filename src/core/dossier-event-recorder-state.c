/* dossier-event-recorder-state.c — a client's last seen requests and the events it has;
 * what a failure keeps
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "dossier-event-recorder-private.h"
#include "dossier-json.h"

DossierRecorderState *
dossier_recorder_state_new (void)
{
  DossierRecorderState *state = g_new0 (DossierRecorderState, 1);

  state->requests = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  state->order = g_ptr_array_new_with_free_func (g_free);
  state->keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  return state;
}

void
dossier_recorder_state_free (DossierRecorderState *state)
{
  if (state == NULL)
    return;

  g_hash_table_unref (state->requests);
  g_ptr_array_unref (state->order);
  g_hash_table_unref (state->keys);
  g_free (state);
}

/* Events that can happen once per request (or client) and server time: seeing the
 * same state again, even after the cache was lost, must not write them twice. */
char *
dossier_recorder_event_key (const DossierJournalEvent *event)
{
  const char *server_time = NULL;

  if (g_strcmp0 (event->kind, DOSSIER_JOURNAL_EVENT_CLIENT_CREATED) == 0)
    return g_strdup (event->kind);

  if (event->request_id == NULL)
    return NULL;

  if (g_strcmp0 (event->kind, DOSSIER_JOURNAL_EVENT_PRODUCT_REQUESTED) == 0)
    return g_strconcat (event->kind, "|", event->request_id, NULL);

  if (event->details != NULL && JSON_NODE_HOLDS_OBJECT (event->details))
    server_time = json_object_get_string_member_with_default (json_node_get_object (event->details),
                                                              "server_time", NULL);
  if (server_time == NULL)
    return NULL;

  if (g_strcmp0 (event->kind, DOSSIER_JOURNAL_EVENT_SUBMITTED) == 0 ||
      g_strcmp0 (event->kind, DOSSIER_JOURNAL_EVENT_UNDER_REVIEW) == 0 ||
      g_strcmp0 (event->kind, DOSSIER_JOURNAL_EVENT_ENABLED) == 0 ||
      g_strcmp0 (event->kind, DOSSIER_JOURNAL_EVENT_REJECTED) == 0)
    return g_strconcat (event->kind, "|", event->request_id, "|", server_time, NULL);

  return NULL;
}

void
dossier_recorder_state_load (DossierRecorderState *state,
                             JsonNode             *cached,
                             GPtrArray            *events)
{
  if (cached != NULL && JSON_NODE_HOLDS_ARRAY (cached))
    {
      JsonArray *array = json_node_get_array (cached);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          g_autoptr(DossierProductRequest) request = NULL;
          const char *id;

          request = dossier_product_request_new_from_json (json_array_get_element (array, i), NULL);
          if (request == NULL || (id = dossier_product_request_get_id (request)) == NULL ||
              g_hash_table_contains (state->requests, id))
            continue;
          g_ptr_array_add (state->order, g_strdup (id));
          g_hash_table_insert (state->requests, g_strdup (id), g_steal_pointer (&request));
        }
    }

  for (guint i = 0; events != NULL && i < events->len; i++)
    {
      char *key = dossier_recorder_event_key (g_ptr_array_index (events, i));

      if (key != NULL)
        g_hash_table_add (state->keys, key);
    }
}

JsonNode *
dossier_recorder_state_to_json (DossierRecorderState *state)
{
  g_autoptr(GPtrArray) requests = g_ptr_array_sized_new (state->order->len);

  for (guint i = 0; i < state->order->len; i++)
    g_ptr_array_add (requests, g_hash_table_lookup (state->requests, g_ptr_array_index (state->order, i)));

  return dossier_product_requests_to_json (requests);
}

/* A stable name of the error's kind, kept in the journal (never a translated word). */
static const char *
error_kind (int code)
{
  switch ((DossierApiErrorCode) code)
    {
    case DOSSIER_API_ERROR_INVALID_KEY:
      return "invalid-key";
    case DOSSIER_API_ERROR_VALIDATION:
      return "validation";
    case DOSSIER_API_ERROR_NOT_FOUND:
      return "not-found";
    case DOSSIER_API_ERROR_RATE_LIMITED:
      return "rate-limited";
    case DOSSIER_API_ERROR_SERVER:
      return "server";
    case DOSSIER_API_ERROR_OFFLINE:
      return "offline";
    case DOSSIER_API_ERROR_TIMEOUT:
      return "timeout";
    case DOSSIER_API_ERROR_BAD_RESPONSE:
      return "bad-response";
    case DOSSIER_API_ERROR_BAD_REQUEST:
      return "bad-request";
    default:
      return NULL;
    }
}

/* A failure's details: what the timeline words again in the locale it is read in. */
JsonObject *
dossier_recorder_failure_details (const GError *error)
{
  JsonObject *details = json_object_new ();

  /* The sentence in the locale of the moment, for older readers; the timeline words
   * the event again from what follows, in the locale it is read in. */
  json_object_set_string_member (details, "message", error->message);
  if (error->domain == DOSSIER_API_ERROR)
    {
      const char *code = dossier_api_error_get_code (error);
      const char *server_message = dossier_api_error_get_server_message (error);
      const char *kind = error_kind (error->code);

      if (kind != NULL)
        json_object_set_string_member (details, "error", kind);
      if (code != NULL)
        json_object_set_string_member (details, "code", code);
      if (server_message != NULL)
        json_object_set_string_member (details, "server_message", server_message);
      if (dossier_api_error_get_status (error) > 0)
        json_object_set_int_member (details, "http_status", dossier_api_error_get_status (error));
      if (dossier_api_error_get_retry_after (error) > 0)
        json_object_set_int_member (details, "retry_after", dossier_api_error_get_retry_after (error));
      if (dossier_api_error_get_access_level (error) > 0)
        json_object_set_int_member (details, "access_level", dossier_api_error_get_access_level (error));
    }
  return details;
}
