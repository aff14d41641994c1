/* dossier-sandbox-response.c — responses and exchanges: the one place every answer is made
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * JSON body, §3.1 envelope, X-Trace-Id (32 lowercase hex, new per exchange) and
 * Content-Type on every response; 429 bodies carry error_code, never code.
 */
#include "config.h"

#include "dossier-sandbox-private.h"

/* ---- responses ---- */

void
dossier_sandbox_response_free (DossierSandboxResponse *response)
{
  if (response == NULL)
    return;

  g_clear_pointer (&response->headers, soup_message_headers_unref);
  g_clear_pointer (&response->body, g_bytes_unref);
  g_free (response);
}

DossierSandboxResponse *
_dossier_sandbox_response_new (guint       status,
                               const char *trace_id,
                               const char *content_type,
                               GBytes     *body)
{
  DossierSandboxResponse *response = g_new0 (DossierSandboxResponse, 1);

  response->status = status;
  response->headers = soup_message_headers_new (SOUP_MESSAGE_HEADERS_RESPONSE);
  /* A new set: append, there is nothing to replace. */
  soup_message_headers_append (response->headers, "Content-Type", content_type);
  soup_message_headers_append (response->headers, "X-Trace-Id", trace_id);
  response->body = body != NULL ? g_bytes_ref (body) : g_bytes_new_static ("", 0);

  return response;
}

/* A 200 with the serialised @json bytes. */
DossierSandboxResponse *
_dossier_sandbox_response_bytes (const char *trace_id,
                                 GBytes     *json)
{
  return _dossier_sandbox_response_new (200, trace_id, "application/json", json);
}

/* A 200 with @node (transfer none) as its body. */
DossierSandboxResponse *
_dossier_sandbox_response_json (const char *trace_id,
                                JsonNode   *node)
{
  g_autoptr(GBytes) bytes = dossier_sandbox_json_to_bytes (node);

  return _dossier_sandbox_response_bytes (trace_id, bytes);
}

DossierSandboxResponse *
_dossier_sandbox_response_envelope (const char *trace_id,
                guint       status,
                const char *code_member,
                const char *code,
                const char *message)
{
  g_autoptr(JsonObject) object = json_object_new ();
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  g_autoptr(GBytes) bytes = NULL;

  json_object_set_string_member (object, code_member, code);
  json_object_set_string_member (object, "message", message);
  json_object_set_string_member (object, "trace_id", trace_id);
  json_node_set_object (node, object);
  bytes = dossier_sandbox_json_to_bytes (node);

  return _dossier_sandbox_response_new (status, trace_id, "application/json", bytes);
}

/* The §3.1 envelope: {code, message, trace_id}. */
DossierSandboxResponse *
_dossier_sandbox_response_error (const char *trace_id,
                                 guint       status,
                                 const char *code,
                                 const char *format,
                                 ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  return _dossier_sandbox_response_envelope (trace_id, status, "code", code, message);
}

/* The 429 of §4: error_code, never code, and Retry-After. */
DossierSandboxResponse *
_dossier_sandbox_response_rate_limited (const char *trace_id,
                       guint       retry_after)
{
  g_autofree char *message = g_strdup_printf ("Rate limit exceeded. Retry after %u seconds",
                                              retry_after);
  g_autofree char *header = g_strdup_printf ("%u", retry_after);
  DossierSandboxResponse *response;

  response = _dossier_sandbox_response_envelope (trace_id, 429, "error_code", "TOO_MANY_REQUESTS", message);
  soup_message_headers_replace (response->headers, "Retry-After", header);
  return response;
}

DossierSandboxResponse *
_dossier_sandbox_response_bad_type (const char   *trace_id,
                                    const char   *path,
                                    JsonNodeType  type,
                                    GType         value_type)
{
  return _dossier_sandbox_response_error (trace_id, 400, "BAD_REQUEST",
                                          "Invalid request body: %s: must be %s", path,
                                          dossier_sandbox_json_type_phrase (type, value_type));
}

/* 412 VALIDATION_ERROR from "<path>: <problem>" strings. */
DossierSandboxResponse *
_dossier_sandbox_response_validation (const char *trace_id,
                                      GPtrArray  *problems)
{
  g_autoptr(GString) message = g_string_new ("Validation failed: ");

  for (guint i = 0; i < problems->len; i++)
    {
      if (i > 0)
        g_string_append (message, "; ");
      g_string_append (message, g_ptr_array_index (problems, i));
    }

  return _dossier_sandbox_response_envelope (trace_id, 412, "code", "VALIDATION_ERROR", message->str);
}

/* ---- exchanges ---- */

DossierSandboxExchange *
_dossier_sandbox_exchange_new (const DossierSandboxRequestLine *line)
{
  DossierSandboxExchange *exchange = g_new0 (DossierSandboxExchange, 1);
  static const char hex[] = "0123456789abcdef";

  /* 32 hex digits from four 32-bit draws: one lock of the global generator each,
   * instead of one per digit (this runs on every request). */
  for (guint i = 0; i < DOSSIER_SANDBOX_ID_LENGTH; i += 8)
    {
      guint32 bits = g_random_int ();

      for (guint j = 0; j < 8 && i + j < DOSSIER_SANDBOX_ID_LENGTH; j++, bits >>= 4)
        exchange->trace_id[i + j] = hex[bits & 0xf];
    }
  exchange->method = g_strdup (line->method);
  exchange->path = g_strdup (line->path);
  exchange->client_ip = g_strdup (line->client_ip != NULL ? line->client_ip : "");
  if (line->headers != NULL)
    exchange->headers = soup_message_headers_ref (line->headers);

  return exchange;
}

void
_dossier_sandbox_exchange_respond (DossierSandboxExchange *exchange,
                  DossierSandboxAction    action,
                  DossierSandboxResponse *response)
{
  g_clear_pointer (&exchange->response, dossier_sandbox_response_free);
  exchange->action = action;
  exchange->response = response;
}

DossierSandboxAction
dossier_sandbox_exchange_get_action (DossierSandboxExchange *exchange)
{
  g_return_val_if_fail (exchange != NULL, DOSSIER_SANDBOX_ACTION_DROP);
  return exchange->action;
}

guint
dossier_sandbox_exchange_get_delay_ms (DossierSandboxExchange *exchange)
{
  g_return_val_if_fail (exchange != NULL, 0);
  return exchange->delay_ms;
}

DossierSandboxResponse *
dossier_sandbox_exchange_get_response (DossierSandboxExchange *exchange)
{
  g_return_val_if_fail (exchange != NULL, NULL);

  if (exchange->action != DOSSIER_SANDBOX_ACTION_RESPOND &&
      exchange->action != DOSSIER_SANDBOX_ACTION_RESPOND_AND_CLOSE)
    return NULL;
  return exchange->response;
}

DossierSandboxResponse *
dossier_sandbox_exchange_steal_response (DossierSandboxExchange *exchange)
{
  g_return_val_if_fail (exchange != NULL, NULL);

  if (exchange->action != DOSSIER_SANDBOX_ACTION_RESPOND &&
      exchange->action != DOSSIER_SANDBOX_ACTION_RESPOND_AND_CLOSE)
    return NULL;
  return g_steal_pointer (&exchange->response);
}

const char *
dossier_sandbox_exchange_get_trace_id (DossierSandboxExchange *exchange)
{
  g_return_val_if_fail (exchange != NULL, NULL);
  return exchange->trace_id;
}

void
dossier_sandbox_exchange_free (DossierSandboxExchange *exchange)
{
  if (exchange == NULL)
    return;

  g_clear_pointer (&exchange->response, dossier_sandbox_response_free);
  g_clear_pointer (&exchange->headers, soup_message_headers_unref);
  g_free (exchange->method);
  g_free (exchange->path);
  g_free (exchange->client_ip);
  g_free (exchange);
}
