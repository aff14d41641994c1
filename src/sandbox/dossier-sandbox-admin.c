/* dossier-sandbox-admin.c — the sandbox admin API (CONTRACT.md §13)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * No key, no rate limiting, no faults; the same envelope, X-Trace-Id and JSON.
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "dossier-sandbox-private.h"

#define ADMIN_PREFIX "/_sandbox"

typedef enum
{
  ADMIN_NONE,
  ADMIN_INFO,
  ADMIN_RESET,
  ADMIN_CLOCK,
  ADMIN_FAULTS,
  ADMIN_REVIEW,
  ADMIN_DOCUMENTS,
} AdminRoute;

typedef DossierSandboxResponse *(*AdminHandler) (DossierSandboxCall *call,
                                                 GBytes             *body);

typedef struct
{
  AdminRoute   route;
  const char  *method;
  AdminHandler handler;
} AdminEndpoint;

static void
set_seconds_member (JsonObject *object,
                    const char *name,
                    double      seconds)
{
  if (seconds == floor (seconds) && fabs (seconds) < 1e15)
    json_object_set_int_member (object, name, (gint64) seconds);
  else
    json_object_set_double_member (object, name, seconds);
}

static DossierSandboxResponse *
respond_object (DossierSandboxCall *call,
                JsonObject         *object)
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);

  json_node_set_object (node, object);
  return _dossier_sandbox_response_json (call->exchange->trace_id, node);
}

static DossierSandboxResponse *
bad_request (DossierSandboxCall *call,
             const char         *message)
{
  return _dossier_sandbox_response_error (call->exchange->trace_id, 400, "BAD_REQUEST", "%s", message);
}

/* Parses an admin body (any JSON value); on failure *response is the 400. */
static JsonNode *
parse_body (DossierSandboxCall      *call,
            GBytes                  *body,
            DossierSandboxResponse **response)
{
  DossierSandboxJsonResult result = DOSSIER_SANDBOX_JSON_OK;
  g_autoptr(GBytes) empty = g_bytes_new_static ("", 0);
  g_autofree char *detail = NULL;
  JsonNode *root;

  root = dossier_sandbox_json_parse (body != NULL ? body : empty, &result, &detail);
  if (result != DOSSIER_SANDBOX_JSON_OK || root == NULL)
    {
      g_autofree char *message = dossier_sandbox_json_result_message (result, detail);

      g_clear_pointer (&root, json_node_unref);
      *response = bad_request (call, message);
      return NULL;
    }
  return root;
}

static DossierSandboxResponse *
info_get (DossierSandboxCall *call,
          GBytes             *body)
{
  DossierSandboxEngine *self = call->engine;
  g_autoptr(JsonObject) object = json_object_new ();
  g_autofree char *now = _dossier_sandbox_format_time (_dossier_sandbox_engine_now (self));
  JsonArray *products = json_array_new ();
  guint n = dossier_sandbox_catalogue_get_n_products (self->catalogue);

  for (guint i = 0; i < n; i++)
    json_array_add_string_element (products, dossier_sandbox_catalogue_get_product_id (self->catalogue, i));
  json_object_set_string_member (object, "name", "dossier-sandbox");
  json_object_set_string_member (object, "version", DOSSIER_SANDBOX_VERSION);
  json_object_set_string_member (object, "now", now);
  set_seconds_member (object, "review_delay_seconds", self->config->review_delay);
  json_object_set_int_member (object, "rate_limit_per_second", self->config->rate_limit);
  json_object_set_int_member (object, "max_body_bytes", DOSSIER_SANDBOX_MAX_BODY_BYTES);
  json_object_set_array_member (object, "products", products);
  return respond_object (call, object);
}

static DossierSandboxResponse *
reset_post (DossierSandboxCall *call,
            GBytes             *body)
{
  DossierSandboxEngine *self = call->engine;
  g_autoptr(JsonObject) object = json_object_new ();

  _dossier_sandbox_engine_clear_data (self);
  dossier_sandbox_faults_clear (self->faults);
  dossier_sandbox_limiter_reset (self->limiter);
  self->offset = 0;
  self->next_due = G_MAXINT64;
  _dossier_sandbox_engine_changed (self);

  json_object_set_boolean_member (object, "reset", TRUE);
  return respond_object (call, object);
}

static DossierSandboxResponse *
clock_get (DossierSandboxCall *call,
           GBytes             *body)
{
  DossierSandboxEngine *self = call->engine;
  g_autoptr(JsonObject) object = json_object_new ();
  g_autofree char *now = _dossier_sandbox_format_time (_dossier_sandbox_engine_now (self));

  json_object_set_string_member (object, "now", now);
  set_seconds_member (object, "offset_seconds", (double) self->offset / G_USEC_PER_SEC);
  return respond_object (call, object);
}

static DossierSandboxResponse *
clock_post (DossierSandboxCall *call,
            GBytes             *body)
{
  DossierSandboxEngine *self = call->engine;
  DossierSandboxResponse *response = NULL;
  g_autoptr(JsonNode) root = parse_body (call, body, &response);
  JsonNode *member;
  double seconds;

  if (root == NULL)
    return response;
  if (!JSON_NODE_HOLDS_OBJECT (root))
    return bad_request (call, "Request body must be a JSON object");
  member = json_object_get_member (json_node_get_object (root), "advance_seconds");
  if (member == NULL || !JSON_NODE_HOLDS_VALUE (member) ||
      (json_node_get_value_type (member) != G_TYPE_INT64 &&
       json_node_get_value_type (member) != G_TYPE_DOUBLE))
    return bad_request (call, "Invalid request body: advance_seconds: must be a number");
  seconds = json_node_get_double (member);
  if (!isfinite (seconds) || seconds < 0)
    return bad_request (call, "Invalid request body: advance_seconds: must be a number of seconds >= 0");
  /* The clock must stay within the years a timestamp can show (up to 9999). */
  if (seconds > 1e11 ||
      _dossier_sandbox_engine_now (self) + (gint64) (seconds * G_USEC_PER_SEC) >
      G_GINT64_CONSTANT (253402300799) * G_USEC_PER_SEC)
    return bad_request (call, "Invalid request body: advance_seconds: moves the clock beyond the year 9999");

  self->offset += (gint64) (seconds * G_USEC_PER_SEC);
  if (!_dossier_sandbox_engine_apply_due_reviews (self))
    _dossier_sandbox_engine_changed (self);
  return clock_get (call, NULL);
}

static DossierSandboxResponse *
faults_post (DossierSandboxCall *call,
             GBytes             *body)
{
  DossierSandboxResponse *response = NULL;
  g_autoptr(JsonNode) root = parse_body (call, body, &response);
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *message = NULL;
  const DossierSandboxFault *fault;

  if (root == NULL)
    return response;
  fault = dossier_sandbox_faults_arm (call->engine->faults, root, &message);
  if (fault == NULL)
    return bad_request (call, message != NULL ? message : "Invalid fault");
  node = dossier_sandbox_fault_to_json (fault);
  return _dossier_sandbox_response_json (call->exchange->trace_id, node);
}

static DossierSandboxResponse *
faults_get (DossierSandboxCall *call,
            GBytes             *body)
{
  g_autoptr(JsonNode) node = dossier_sandbox_faults_to_json (call->engine->faults);

  return _dossier_sandbox_response_json (call->exchange->trace_id, node);
}

static DossierSandboxResponse *
faults_delete (DossierSandboxCall *call,
               GBytes             *body)
{
  g_autoptr(JsonObject) object = json_object_new ();

  json_object_set_int_member (object, "cleared", dossier_sandbox_faults_clear (call->engine->faults));
  return respond_object (call, object);
}

static DossierSandboxResponse *
review_post (DossierSandboxCall *call,
             GBytes             *body)
{
  DossierSandboxEngine *self = call->engine;
  DossierSandboxRequest *request = call->request;
  DossierSandboxResponse *response = NULL;
  g_autoptr(JsonNode) root = parse_body (call, body, &response);
  g_autoptr(JsonObject) object = NULL;
  DossierSandboxOutcome outcome;
  const char *description = NULL;
  JsonObject *fields;
  JsonNode *member;
  gboolean applied;

  if (root == NULL)
    return response;
  if (!JSON_NODE_HOLDS_OBJECT (root))
    return bad_request (call, "Request body must be a JSON object");
  fields = json_node_get_object (root);

  member = json_object_get_member (fields, "outcome");
  outcome = DOSSIER_SANDBOX_OUTCOME_NONE;
  if (member != NULL && JSON_NODE_HOLDS_VALUE (member) &&
      json_node_get_value_type (member) == G_TYPE_STRING)
    {
      if (g_str_equal (json_node_get_string (member), "enabled"))
        outcome = DOSSIER_SANDBOX_OUTCOME_ENABLED;
      else if (g_str_equal (json_node_get_string (member), "rejected"))
        outcome = DOSSIER_SANDBOX_OUTCOME_REJECTED;
    }
  if (outcome == DOSSIER_SANDBOX_OUTCOME_NONE)
    return bad_request (call, "Invalid request body: outcome: must be \"enabled\" or \"rejected\"");
  member = json_object_get_member (fields, "rejection_description");
  if (member != NULL && !JSON_NODE_HOLDS_NULL (member))
    {
      if (!JSON_NODE_HOLDS_VALUE (member) || json_node_get_value_type (member) != G_TYPE_STRING)
        return bad_request (call, "Invalid request body: rejection_description: must be a string");
      description = json_node_get_string (member);
    }

  switch (request->status)
    {
    case DOSSIER_SANDBOX_STATUS_IN_KYC:
      _dossier_sandbox_request_complete_review (request, outcome, description,
                                                _dossier_sandbox_engine_now (self));
      applied = TRUE;
      break;
    case DOSSIER_SANDBOX_STATUS_REQUESTED:
    case DOSSIER_SANDBOX_STATUS_PENDING_DOCUMENTATION:
      request->stored_outcome = outcome;
      g_free (request->stored_description);
      request->stored_description = outcome == DOSSIER_SANDBOX_OUTCOME_REJECTED ?
                                    g_strdup (description) : NULL;
      applied = FALSE;
      break;
    default:
      return _dossier_sandbox_response_error (call->exchange->trace_id, 412, "INVALID_STATE",
                                              "Product request is %s; only requested, pending_documentation or in_kyc requests can be reviewed",
                                              _dossier_sandbox_status_to_string (request->status));
    }
  _dossier_sandbox_engine_changed (self);

  object = json_object_new ();
  json_object_set_member (object, "product", _dossier_sandbox_request_to_json (self, request));
  json_object_set_boolean_member (object, "applied", applied);
  return respond_object (call, object);
}

static DossierSandboxResponse *
documents_get (DossierSandboxCall *call,
               GBytes             *body)
{
  GPtrArray *documents = call->request->documents;
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_ARRAY);
  JsonArray *array = json_array_sized_new (documents->len);

  for (guint i = 0; i < documents->len; i++)
    json_array_add_element (array, _dossier_sandbox_document_to_json (g_ptr_array_index (documents, i)));
  json_node_take_array (node, array);
  return _dossier_sandbox_response_json (call->exchange->trace_id, node);
}

static const AdminEndpoint admin_endpoints[] = {
  { ADMIN_INFO, "GET", info_get },
  { ADMIN_RESET, "POST", reset_post },
  { ADMIN_CLOCK, "GET", clock_get },
  { ADMIN_CLOCK, "POST", clock_post },
  { ADMIN_FAULTS, "GET", faults_get },
  { ADMIN_FAULTS, "POST", faults_post },
  { ADMIN_FAULTS, "DELETE", faults_delete },
  { ADMIN_REVIEW, "POST", review_post },
  { ADMIN_DOCUMENTS, "GET", documents_get },
};

static AdminRoute
match_admin_route (const char  *path,
                   char       **request_id)
{
  g_auto(GStrv) parts = NULL;

  if (g_str_equal (path, ADMIN_PREFIX "/info"))
    return ADMIN_INFO;
  if (g_str_equal (path, ADMIN_PREFIX "/reset"))
    return ADMIN_RESET;
  if (g_str_equal (path, ADMIN_PREFIX "/clock"))
    return ADMIN_CLOCK;
  if (g_str_equal (path, ADMIN_PREFIX "/faults"))
    return ADMIN_FAULTS;
  if (!g_str_has_prefix (path, ADMIN_PREFIX "/requests/"))
    return ADMIN_NONE;

  parts = g_strsplit (path + strlen (ADMIN_PREFIX "/requests/"), "/", 0);
  if (g_strv_length (parts) != 2 || *parts[0] == '\0')
    return ADMIN_NONE;
  *request_id = g_strdup (parts[0]);
  if (g_str_equal (parts[1], "review"))
    return ADMIN_REVIEW;
  if (g_str_equal (parts[1], "documents"))
    return ADMIN_DOCUMENTS;
  g_clear_pointer (request_id, g_free);
  return ADMIN_NONE;
}

/* Routing, 404/405, the request of the path, then the handler. */
DossierSandboxResponse *
_dossier_sandbox_admin_handle (DossierSandboxEngine   *self,
                               DossierSandboxExchange *exchange,
                               GBytes                 *body)
{
  g_autofree char *request_id = NULL;
  g_autoptr(GString) allow = g_string_new (NULL);
  const AdminEndpoint *endpoint = NULL;
  DossierSandboxCall call = { self, exchange, NULL, NULL, NULL, NULL };
  AdminRoute route;

  route = match_admin_route (exchange->path, &request_id);
  if (route == ADMIN_NONE)
    return _dossier_sandbox_response_error (exchange->trace_id, 404, "NOT_FOUND", "Resource not found");

  for (guint i = 0; i < G_N_ELEMENTS (admin_endpoints); i++)
    {
      if (admin_endpoints[i].route != route)
        continue;
      g_string_append_printf (allow, "%s%s", allow->len > 0 ? ", " : "", admin_endpoints[i].method);
      if (g_str_equal (admin_endpoints[i].method, exchange->method))
        endpoint = &admin_endpoints[i];
    }
  if (endpoint == NULL)
    {
      DossierSandboxResponse *response =
        _dossier_sandbox_response_error (exchange->trace_id, 405, "METHOD_NOT_ALLOWED",
                                         "Method %s is not allowed on %s",
                                         exchange->method, exchange->path);
      soup_message_headers_replace (response->headers, "Allow", allow->str);
      return response;
    }

  if (request_id != NULL)
    {
      call.path_id = request_id;
      call.request = g_hash_table_lookup (self->requests, request_id);
      if (call.request == NULL)
        return _dossier_sandbox_response_error (exchange->trace_id, 404, "NOT_FOUND",
                                                "Product request not found with id: %s", request_id);
      call.client = call.request->client;
    }

  return endpoint->handler (&call, body);
}
