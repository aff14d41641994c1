/* dossier-sandbox-engine.c — the request pipeline of CONTRACT.md §1.5
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "dossier-sandbox-private.h"

G_DEFINE_QUARK (dossier-sandbox-error-quark, dossier_sandbox_error)

G_DEFINE_FINAL_TYPE (DossierSandboxEngine, dossier_sandbox_engine, G_TYPE_OBJECT)

#define CLIENTS_PATH "/management/clients/individuals"

typedef DossierSandboxResponse *(*Handler) (DossierSandboxCall *call);

typedef enum
{
  ROUTE_NONE,
  ROUTE_CLIENTS,
  ROUTE_CLIENT,
  ROUTE_PRODUCTS,
  ROUTE_DOCUMENTATION,
  ROUTE_SUBMIT,
} Route;

typedef struct
{
  Route       route;
  const char *method;
  guint       level;
  gboolean    has_body;
  Handler     handler;
} Endpoint;

static const Endpoint endpoints[] = {
  { ROUTE_CLIENTS, "GET", 1, FALSE, _dossier_sandbox_clients_list },
  { ROUTE_CLIENTS, "POST", 1, TRUE, _dossier_sandbox_clients_create },
  { ROUTE_CLIENT, "GET", 1, FALSE, _dossier_sandbox_clients_get },
  { ROUTE_CLIENT, "PUT", 3, TRUE, _dossier_sandbox_clients_update },
  { ROUTE_PRODUCTS, "GET", 1, FALSE, _dossier_sandbox_requests_list },
  { ROUTE_PRODUCTS, "POST", 3, TRUE, _dossier_sandbox_requests_create },
  { ROUTE_DOCUMENTATION, "POST", 3, TRUE, _dossier_sandbox_documents_add },
  { ROUTE_SUBMIT, "POST", 3, FALSE, _dossier_sandbox_requests_submit },
};

/* ---- routing ---- */

static Route
match_route (const char  *path,
             char       **client_id,
             char       **request_id)
{
  g_auto(GStrv) parts = NULL;
  guint n;

  if (!g_str_has_prefix (path, CLIENTS_PATH))
    return ROUTE_NONE;
  path += strlen (CLIENTS_PATH);
  if (*path == '\0')
    return ROUTE_CLIENTS;
  if (*path != '/')
    return ROUTE_NONE;

  parts = g_strsplit (path + 1, "/", 0);
  n = g_strv_length (parts);
  for (guint i = 0; i < n; i++)
    if (*parts[i] == '\0')
      return ROUTE_NONE;

  if (n == 1)
    {
      *client_id = g_strdup (parts[0]);
      return ROUTE_CLIENT;
    }
  if (n == 2 && g_str_equal (parts[1], "products"))
    {
      *client_id = g_strdup (parts[0]);
      return ROUTE_PRODUCTS;
    }
  if (n == 4 && g_str_equal (parts[1], "products") &&
      (g_str_equal (parts[3], "documentation") || g_str_equal (parts[3], "submit")))
    {
      *client_id = g_strdup (parts[0]);
      *request_id = g_strdup (parts[2]);
      return g_str_equal (parts[3], "submit") ? ROUTE_SUBMIT : ROUTE_DOCUMENTATION;
    }

  return ROUTE_NONE;
}

static gboolean
is_admin_path (DossierSandboxEngine *self,
               const char           *path)
{
  return self->config->admin &&
         (g_str_equal (path, "/_sandbox") || g_str_has_prefix (path, "/_sandbox/"));
}

static const char *
request_key (DossierSandboxExchange *exchange)
{
  if (exchange->headers == NULL)
    return NULL;
  return soup_message_headers_get_one (exchange->headers, "x-api-key");
}

/* The level of the request's key, or 0 when it is missing, empty or unknown. */
static guint
key_level (DossierSandboxEngine   *self,
           DossierSandboxExchange *exchange)
{
  const char *key = request_key (exchange);

  if (key == NULL || *key == '\0')
    return 0;
  return GPOINTER_TO_UINT (g_hash_table_lookup (self->config->keys, key));
}

static DossierSandboxResponse *
access_denied (DossierSandboxExchange *exchange)
{
  return _dossier_sandbox_response_error (exchange->trace_id, 401, "API_ERROR",
                                          "Access denied. The API Key is not authorized to do this operation.");
}

/* ---- steps 1–4 ---- */

static gboolean
is_chunked (SoupMessageHeaders *headers)
{
  const char *encoding;
  g_autofree char *lower = NULL;

  if (headers == NULL)
    return FALSE;
  encoding = soup_message_headers_get_list (headers, "Transfer-Encoding");
  if (encoding == NULL)
    return FALSE;
  lower = g_ascii_strdown (encoding, -1);
  return strstr (lower, "chunked") != NULL;
}

static gboolean
body_too_large (SoupMessageHeaders *headers)
{
  const char *length;
  guint64 value;

  if (headers == NULL)
    return FALSE;
  length = soup_message_headers_get_one (headers, "Content-Length");
  if (length == NULL)
    return FALSE;
  while (*length == ' ' || *length == '\t')
    length++;
  /* libsoup 3.2 reads "-1" with g_ascii_strtoull() as 2^64 - 1 and would wait for that body. */
  if (*length == '-')
    return TRUE;
  if (!g_ascii_isdigit (*length))
    return FALSE;
  value = g_ascii_strtoull (length, NULL, 10);
  return value > DOSSIER_SANDBOX_MAX_BODY_BYTES;
}

static gboolean
apply_fault (DossierSandboxEngine   *self,
             DossierSandboxExchange *exchange)
{
  g_autoptr(DossierSandboxFault) fault =
    dossier_sandbox_faults_take_match (self->faults, exchange->method, exchange->path);
  g_autoptr(GBytes) body = NULL;

  if (fault == NULL)
    return FALSE;

  switch (fault->kind)
    {
    case DOSSIER_SANDBOX_FAULT_ERROR:
      _dossier_sandbox_exchange_respond (exchange, DOSSIER_SANDBOX_ACTION_RESPOND,
                        _dossier_sandbox_response_envelope (exchange->trace_id, fault->status, "code",
                                        fault->code, fault->message));
      return TRUE;
    case DOSSIER_SANDBOX_FAULT_RATE_LIMIT:
      _dossier_sandbox_exchange_respond (exchange, DOSSIER_SANDBOX_ACTION_RESPOND,
                        _dossier_sandbox_response_rate_limited (exchange->trace_id, fault->retry_after));
      return TRUE;
    case DOSSIER_SANDBOX_FAULT_MALFORMED:
      body = dossier_sandbox_fault_malformed_body ();
      _dossier_sandbox_exchange_respond (exchange, DOSSIER_SANDBOX_ACTION_RESPOND,
                        _dossier_sandbox_response_new (fault->status, exchange->trace_id,
                                                       "application/json", body));
      return TRUE;
    case DOSSIER_SANDBOX_FAULT_HTML:
      body = dossier_sandbox_fault_html_body (fault->status);
      _dossier_sandbox_exchange_respond (exchange, DOSSIER_SANDBOX_ACTION_RESPOND,
                        _dossier_sandbox_response_new (fault->status, exchange->trace_id,
                                                       "text/html; charset=utf-8", body));
      return TRUE;
    case DOSSIER_SANDBOX_FAULT_DROP:
      _dossier_sandbox_exchange_respond (exchange, DOSSIER_SANDBOX_ACTION_DROP, NULL);
      return TRUE;
    case DOSSIER_SANDBOX_FAULT_DELAY:
      exchange->delay_ms = fault->delay_ms;
      return FALSE;
    case DOSSIER_SANDBOX_FAULT_DROP_AFTER:
      exchange->drop_after = TRUE;
      return FALSE;
    default:
      return FALSE;
    }
}

/**
 * dossier_sandbox_engine_begin:
 * @self: an engine
 * @line: the request line and headers
 *
 * Steps 1–4 of §1.5, from the request line and headers alone.
 *
 * Returns: (transfer full): the exchange; its action says what to do next
 */
DossierSandboxExchange *
dossier_sandbox_engine_begin (DossierSandboxEngine            *self,
                              const DossierSandboxRequestLine *line)
{
  DossierSandboxExchange *exchange;
  const char *key;
  guint retry_after;

  g_return_val_if_fail (DOSSIER_IS_SANDBOX_ENGINE (self), NULL);
  g_return_val_if_fail (line != NULL && line->method != NULL && line->path != NULL, NULL);

  exchange = _dossier_sandbox_exchange_new (line);
  exchange->action = DOSSIER_SANDBOX_ACTION_CONTINUE;

  /* 1. Admin paths skip everything else. */
  if (is_admin_path (self, exchange->path))
    {
      exchange->admin = TRUE;
      return exchange;
    }

  /* 2. Fault injection. */
  if (apply_fault (self, exchange))
    return exchange;

  /* 3. Rate limiting. */
  key = request_key (exchange);
  retry_after = dossier_sandbox_limiter_check (self->limiter, exchange->client_ip,
                                               key != NULL && *key != '\0' &&
                                               g_hash_table_contains (self->config->keys, key),
                                               self->config->monotonic_clock (self->config->monotonic_data));
  if (retry_after > 0)
    {
      _dossier_sandbox_exchange_respond (exchange, DOSSIER_SANDBOX_ACTION_RESPOND,
                        _dossier_sandbox_response_rate_limited (exchange->trace_id, retry_after));
      return exchange;
    }

  /* 4. Body framing, decided without reading the body. */
  if (is_chunked (exchange->headers))
    {
      _dossier_sandbox_exchange_respond (exchange, DOSSIER_SANDBOX_ACTION_RESPOND_AND_CLOSE,
                        _dossier_sandbox_response_error (exchange->trace_id, 411, "LENGTH_REQUIRED",
                                                         "Request bodies must be sent with Content-Length"));
      return exchange;
    }
  if (body_too_large (exchange->headers))
    {
      _dossier_sandbox_exchange_respond (exchange, DOSSIER_SANDBOX_ACTION_RESPOND_AND_CLOSE,
                        _dossier_sandbox_response_error (exchange->trace_id, 413, "PAYLOAD_TOO_LARGE",
                                                         "Request body exceeds %d bytes",
                                                         DOSSIER_SANDBOX_MAX_BODY_BYTES));
      return exchange;
    }

  return exchange;
}

/* ---- steps 6–11 ---- */

static DossierSandboxResponse *
handle_api (DossierSandboxEngine   *self,
            DossierSandboxExchange *exchange,
            GBytes                 *body,
            gboolean                check_key,
            DossierSandboxUpload  **upload)
{
  g_autofree char *client_id = NULL;
  g_autofree char *request_id = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GString) allow = NULL;
  const Endpoint *endpoint = NULL;
  DossierSandboxCall call = { self, exchange, NULL, NULL, NULL, NULL, upload };
  guint level = 0;
  Route route;

  /* 6. Authentication. */
  if (check_key)
    {
      level = key_level (self, exchange);
      if (level == 0)
        return access_denied (exchange);
    }

  /* 7. Routing. */
  route = match_route (exchange->path, &client_id, &request_id);
  if (route == ROUTE_NONE)
    return _dossier_sandbox_response_error (exchange->trace_id, 404, "NOT_FOUND",
                                            "Resource not found");
  for (guint i = 0; i < G_N_ELEMENTS (endpoints) && endpoint == NULL; i++)
    if (endpoints[i].route == route && g_str_equal (endpoints[i].method, exchange->method))
      endpoint = &endpoints[i];
  if (endpoint == NULL)
    {
      DossierSandboxResponse *response;

      /* Built only here: every request pays for the lookup above, not for this. */
      allow = g_string_new (NULL);
      for (guint i = 0; i < G_N_ELEMENTS (endpoints); i++)
        if (endpoints[i].route == route)
          g_string_append_printf (allow, "%s%s", allow->len > 0 ? ", " : "", endpoints[i].method);
      response =
        _dossier_sandbox_response_error (exchange->trace_id, 405, "METHOD_NOT_ALLOWED",
                                         "Method %s is not allowed on %s",
                                         exchange->method, exchange->path);
      soup_message_headers_replace (response->headers, "Allow", allow->str);
      return response;
    }

  /* 8. Access level. */
  if (check_key && level < endpoint->level)
    return access_denied (exchange);

  /* 9. Path resources. */
  if (client_id != NULL)
    {
      call.client = g_hash_table_lookup (self->clients, client_id);
      if (call.client == NULL)
        return _dossier_sandbox_response_error (exchange->trace_id, 404, "NOT_FOUND",
                                                "Individual client not found with id: %s",
                                                client_id);
    }
  if (request_id != NULL)
    {
      call.request = g_hash_table_lookup (self->requests, request_id);
      if (call.request == NULL || call.request->client != call.client)
        return _dossier_sandbox_response_error (exchange->trace_id, 404, "NOT_FOUND",
                                                "Product request not found with id: %s",
                                                request_id);
    }

  /* 10. Body syntax and shape (the endpoint checks member types). */
  if (endpoint->has_body)
    {
      DossierSandboxJsonResult result = DOSSIER_SANDBOX_JSON_OK;
      g_autofree char *detail = NULL;
      g_autoptr(GBytes) empty = g_bytes_new_static ("", 0);

      root = dossier_sandbox_json_parse_object (body != NULL ? body : empty, &result, &detail);
      if (result != DOSSIER_SANDBOX_JSON_OK || root == NULL)
        {
          g_autofree char *message = dossier_sandbox_json_result_message (result, detail);

          return _dossier_sandbox_response_error (exchange->trace_id, 400, "BAD_REQUEST",
                                                  "%s", message);
        }
      call.body = json_node_get_object (root);
    }

  /* 11. Business validation and state. */
  return endpoint->handler (&call);
}

DossierSandboxResponse *
_dossier_sandbox_engine_handle (DossierSandboxEngine   *self,
                                DossierSandboxExchange *exchange,
                                GBytes                 *body,
                                DossierSandboxUpload  **upload)
{
  /* Reviews due by now complete before anything is shown (§11). */
  _dossier_sandbox_engine_apply_due_reviews (self);

  if (exchange->admin)
    return _dossier_sandbox_admin_handle (self, exchange, body);
  return handle_api (self, exchange, body, TRUE, upload);
}

/* An API call made by the sandbox itself (the demo seed): no key, no limiter,
 * no faults. Returns the response (transfer full). */
DossierSandboxResponse *
_dossier_sandbox_engine_run (DossierSandboxEngine *self,
                             const char           *method,
                             const char           *path,
                             const char           *body)
{
  DossierSandboxRequestLine line = { method, path, NULL, "127.0.0.1" };
  g_autoptr(DossierSandboxExchange) exchange = _dossier_sandbox_exchange_new (&line);
  g_autoptr(GBytes) bytes = g_bytes_new (body != NULL ? body : "", body != NULL ? strlen (body) : 0);

  _dossier_sandbox_engine_apply_due_reviews (self);
  return handle_api (self, exchange, bytes, FALSE, NULL);
}

/* ---- the object ---- */

static void
dossier_sandbox_engine_finalize (GObject *object)
{
  DossierSandboxEngine *self = DOSSIER_SANDBOX_ENGINE (object);

  g_clear_pointer (&self->client_order, g_ptr_array_unref);
  g_clear_pointer (&self->requests, g_hash_table_unref);
  g_clear_pointer (&self->clients, g_hash_table_unref);
  g_clear_pointer (&self->issued_ids, g_hash_table_unref);
  g_clear_pointer (&self->faults, dossier_sandbox_faults_free);
  g_clear_pointer (&self->limiter, dossier_sandbox_limiter_free);
  g_clear_pointer (&self->catalogue, dossier_sandbox_catalogue_free);
  g_clear_pointer (&self->config, dossier_sandbox_config_free);

  G_OBJECT_CLASS (dossier_sandbox_engine_parent_class)->finalize (object);
}

static void
dossier_sandbox_engine_class_init (DossierSandboxEngineClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = dossier_sandbox_engine_finalize;
}

static void
dossier_sandbox_engine_init (DossierSandboxEngine *self)
{
  self->clients = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                         (GDestroyNotify) _dossier_sandbox_client_free);
  self->client_order = g_ptr_array_new ();
  self->requests = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                          (GDestroyNotify) _dossier_sandbox_request_free);
  self->issued_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->faults = dossier_sandbox_faults_new ();
  self->next_due = G_MININT64;
}

/**
 * dossier_sandbox_engine_new:
 * @config: the configuration (copied)
 * @error: return location for a %DOSSIER_SANDBOX_ERROR
 *
 * Loads the catalogue and the state file (when configured); with demo set and
 * no state yet, seeds the demo clients.
 *
 * Returns: (transfer full) (nullable): a new engine
 */
DossierSandboxEngine *
dossier_sandbox_engine_new (const DossierSandboxConfig  *config,
                            GError                     **error)
{
  g_autoptr(DossierSandboxEngine) self = NULL;
  gboolean found = FALSE;

  g_return_val_if_fail (config != NULL, NULL);

  self = g_object_new (DOSSIER_TYPE_SANDBOX_ENGINE, NULL);
  self->config = dossier_sandbox_config_copy (config);
  if (g_hash_table_size (self->config->keys) == 0)
    g_hash_table_insert (self->config->keys, g_strdup ("sandbox-key"), GUINT_TO_POINTER (3));

  if (self->config->catalogue_file != NULL)
    self->catalogue = dossier_sandbox_catalogue_new_from_file (self->config->catalogue_file, error);
  else
    self->catalogue = dossier_sandbox_catalogue_new_default (error);
  if (self->catalogue == NULL)
    return NULL;

  self->limiter = dossier_sandbox_limiter_new (self->config->rate_limit);

  if (self->config->state_file != NULL)
    {
      self->loading = TRUE;
      if (!_dossier_sandbox_state_load (self, &found, error))
        return NULL;
      self->loading = FALSE;
    }

  if (self->config->demo && g_hash_table_size (self->clients) == 0)
    {
      self->loading = TRUE;
      _dossier_sandbox_demo_seed (self);
      self->loading = FALSE;
      found = FALSE;
    }

  /* Write once now: an unwritable state file is a start-up failure. */
  if (self->config->state_file != NULL && !found && !_dossier_sandbox_state_save (self, error))
    return NULL;

  return g_steal_pointer (&self);
}

gboolean
dossier_sandbox_engine_save (DossierSandboxEngine  *self,
                             GError               **error)
{
  g_return_val_if_fail (DOSSIER_IS_SANDBOX_ENGINE (self), FALSE);

  if (self->config->state_file == NULL)
    return TRUE;
  return _dossier_sandbox_state_save (self, error);
}

char **
dossier_sandbox_engine_dup_product_ids (DossierSandboxEngine *self)
{
  guint n;
  char **ids;

  g_return_val_if_fail (DOSSIER_IS_SANDBOX_ENGINE (self), NULL);

  n = dossier_sandbox_catalogue_get_n_products (self->catalogue);
  ids = g_new0 (char *, n + 1);
  for (guint i = 0; i < n; i++)
    ids[i] = g_strdup (dossier_sandbox_catalogue_get_product_id (self->catalogue, i));
  return ids;
}

const char *
dossier_sandbox_engine_get_product_name (DossierSandboxEngine *self,
                                         const char           *product_id)
{
  g_return_val_if_fail (DOSSIER_IS_SANDBOX_ENGINE (self), NULL);
  g_return_val_if_fail (product_id != NULL, NULL);

  return dossier_sandbox_catalogue_get_product_name (self->catalogue, product_id);
}

gboolean
dossier_sandbox_engine_get_verbose (DossierSandboxEngine *self)
{
  g_return_val_if_fail (DOSSIER_IS_SANDBOX_ENGINE (self), FALSE);
  return self->config->verbose;
}
