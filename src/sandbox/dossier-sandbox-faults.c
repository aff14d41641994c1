/* dossier-sandbox-faults.c — armed fault injections (CONTRACT.md §13.5)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "dossier-sandbox-faults.h"

#define FAULT_ID_LENGTH     32
#define DEFAULT_PATH_PREFIX "/management/"
#define DEFAULT_CODE        "INTERNAL_ERROR"
#define DEFAULT_MESSAGE     "Injected fault"

static const char id_alphabet[] =
  "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

static const char * const kind_names[] = {
  [DOSSIER_SANDBOX_FAULT_ERROR] = "error",
  [DOSSIER_SANDBOX_FAULT_DELAY] = "delay",
  [DOSSIER_SANDBOX_FAULT_DROP] = "drop",
  [DOSSIER_SANDBOX_FAULT_DROP_AFTER] = "drop_after",
  [DOSSIER_SANDBOX_FAULT_MALFORMED] = "malformed",
  [DOSSIER_SANDBOX_FAULT_HTML] = "html",
  [DOSSIER_SANDBOX_FAULT_RATE_LIMIT] = "rate_limit",
};

struct _DossierSandboxFaults
{
  GPtrArray *armed;   /* DossierSandboxFault *, arming order */
};

const char *
dossier_sandbox_fault_kind_to_string (DossierSandboxFaultKind kind)
{
  g_return_val_if_fail ((guint) kind < G_N_ELEMENTS (kind_names), NULL);

  return kind_names[kind];
}

/**
 * dossier_sandbox_fault_copy:
 * @fault: a fault
 *
 * Returns: (transfer full): a deep copy of @fault
 */
DossierSandboxFault *
dossier_sandbox_fault_copy (const DossierSandboxFault *fault)
{
  DossierSandboxFault *copy;

  g_return_val_if_fail (fault != NULL, NULL);

  copy = g_memdup2 (fault, sizeof *fault);
  copy->id = g_strdup (fault->id);
  copy->method = g_strdup (fault->method);
  copy->path_prefix = g_strdup (fault->path_prefix);
  copy->code = g_strdup (fault->code);
  copy->message = g_strdup (fault->message);

  return copy;
}

void
dossier_sandbox_fault_free (DossierSandboxFault *fault)
{
  if (fault == NULL)
    return;

  g_free (fault->id);
  g_free (fault->method);
  g_free (fault->path_prefix);
  g_free (fault->code);
  g_free (fault->message);
  g_free (fault);
}

/**
 * dossier_sandbox_fault_to_json:
 * @fault: a fault
 *
 * The §13.5 shape: `id`, `kind`, `count`, `remaining`, `path_prefix`, `method` when set, then
 * the members of its kind with their defaults; never a `null`.
 *
 * Returns: (transfer full): a JSON object node
 */
JsonNode *
dossier_sandbox_fault_to_json (const DossierSandboxFault *fault)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (fault != NULL, NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, fault->id);
  json_builder_set_member_name (builder, "kind");
  json_builder_add_string_value (builder, dossier_sandbox_fault_kind_to_string (fault->kind));
  json_builder_set_member_name (builder, "count");
  json_builder_add_int_value (builder, fault->count);
  json_builder_set_member_name (builder, "remaining");
  json_builder_add_int_value (builder, fault->remaining);
  json_builder_set_member_name (builder, "path_prefix");
  json_builder_add_string_value (builder, fault->path_prefix ? fault->path_prefix : DEFAULT_PATH_PREFIX);
  if (fault->method != NULL)
    {
      json_builder_set_member_name (builder, "method");
      json_builder_add_string_value (builder, fault->method);
    }

  switch (fault->kind)
    {
    case DOSSIER_SANDBOX_FAULT_ERROR:
      json_builder_set_member_name (builder, "status");
      json_builder_add_int_value (builder, fault->status);
      json_builder_set_member_name (builder, "code");
      json_builder_add_string_value (builder, fault->code ? fault->code : DEFAULT_CODE);
      json_builder_set_member_name (builder, "message");
      json_builder_add_string_value (builder, fault->message ? fault->message : DEFAULT_MESSAGE);
      break;

    case DOSSIER_SANDBOX_FAULT_MALFORMED:
    case DOSSIER_SANDBOX_FAULT_HTML:
      json_builder_set_member_name (builder, "status");
      json_builder_add_int_value (builder, fault->status);
      break;

    case DOSSIER_SANDBOX_FAULT_DELAY:
      json_builder_set_member_name (builder, "delay_ms");
      json_builder_add_int_value (builder, fault->delay_ms);
      break;

    case DOSSIER_SANDBOX_FAULT_RATE_LIMIT:
      json_builder_set_member_name (builder, "retry_after");
      json_builder_add_int_value (builder, fault->retry_after);
      break;

    case DOSSIER_SANDBOX_FAULT_DROP:
    case DOSSIER_SANDBOX_FAULT_DROP_AFTER:
    default:
      break;
    }

  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

DossierSandboxFaults *
dossier_sandbox_faults_new (void)
{
  DossierSandboxFaults *self = g_new0 (DossierSandboxFaults, 1);

  self->armed = g_ptr_array_new_with_free_func ((GDestroyNotify) dossier_sandbox_fault_free);

  return self;
}

void
dossier_sandbox_faults_free (DossierSandboxFaults *self)
{
  if (self == NULL)
    return;

  g_clear_pointer (&self->armed, g_ptr_array_unref);
  g_free (self);
}

static char *
generate_id (void)
{
  char *id = g_malloc (FAULT_ID_LENGTH + 1);

  for (guint i = 0; i < FAULT_ID_LENGTH; i++)
    id[i] = id_alphabet[g_random_int_range (0, (gint32) (sizeof id_alphabet - 1))];
  id[FAULT_ID_LENGTH] = '\0';

  return id;
}

/* Member lookup. As everywhere in the contract (§3.3), a `null` member means "absent". */
static JsonNode *
get_member (JsonObject *object,
            const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node != NULL && JSON_NODE_HOLDS_NULL (node))
    return NULL;
  return node;
}

static gboolean
is_json_integer (JsonNode *node)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_INT64;
}

static gboolean
is_json_string (JsonNode *node)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING;
}

/* Reads an optional integer member within [min, max] (excluding @except when non-zero). */
static gboolean
read_integer (JsonObject  *object,
              const char  *name,
              gint64       min,
              gint64       max,
              gint64       except,
              guint       *value,
              char       **message)
{
  JsonNode *node = get_member (object, name);
  gint64 v;

  if (node == NULL)
    return TRUE;

  if (!is_json_integer (node))
    {
      *message = g_strdup_printf ("Invalid fault: %s must be an integer", name);
      return FALSE;
    }

  v = json_node_get_int (node);
  if (v < min || v > max || (except != 0 && v == except))
    {
      if (except != 0)
        *message = g_strdup_printf ("Invalid fault: %s must be between %" G_GINT64_FORMAT
                                    " and %" G_GINT64_FORMAT ", not %" G_GINT64_FORMAT,
                                    name, min, max, except);
      else
        *message = g_strdup_printf ("Invalid fault: %s must be between %" G_GINT64_FORMAT
                                    " and %" G_GINT64_FORMAT, name, min, max);
      return FALSE;
    }

  *value = (guint) v;
  return TRUE;
}

static gboolean
read_string (JsonObject  *object,
             const char  *name,
             char       **value,
             char       **message)
{
  JsonNode *node = get_member (object, name);

  if (node == NULL)
    return TRUE;

  if (!is_json_string (node))
    {
      *message = g_strdup_printf ("Invalid fault: %s must be a string", name);
      return FALSE;
    }

  g_free (*value);
  *value = g_strdup (json_node_get_string (node));
  return TRUE;
}

static gboolean
is_method (const char *method)
{
  if (*method == '\0')
    return FALSE;

  for (const char *p = method; *p != '\0'; p++)
    {
      if (!g_ascii_isupper (*p))
        return FALSE;
    }

  return TRUE;
}

static gboolean
parse_kind (JsonObject              *object,
            DossierSandboxFaultKind *kind,
            char                   **message)
{
  JsonNode *node = get_member (object, "kind");
  const char *name;

  if (node != NULL && is_json_string (node))
    {
      name = json_node_get_string (node);
      for (guint i = 0; i < G_N_ELEMENTS (kind_names); i++)
        {
          if (g_strcmp0 (name, kind_names[i]) == 0)
            {
              *kind = i;
              return TRUE;
            }
        }
    }

  *message = g_strdup ("Invalid fault: kind must be one of error, delay, drop, drop_after, "
                       "malformed, html, rate_limit");
  return FALSE;
}

static DossierSandboxFault *
fault_from_json (JsonNode  *body,
                 char     **message)
{
  g_autoptr(DossierSandboxFault) fault = g_new0 (DossierSandboxFault, 1);
  JsonObject *object;

  if (body == NULL || !JSON_NODE_HOLDS_OBJECT (body))
    {
      *message = g_strdup ("Invalid fault: the body must be a JSON object");
      return NULL;
    }
  object = json_node_get_object (body);

  if (!parse_kind (object, &fault->kind, message))
    return NULL;

  fault->count = 1;
  fault->path_prefix = g_strdup (DEFAULT_PATH_PREFIX);
  fault->retry_after = 1;
  switch (fault->kind)
    {
    case DOSSIER_SANDBOX_FAULT_MALFORMED:
      fault->status = 200;
      break;
    case DOSSIER_SANDBOX_FAULT_HTML:
      fault->status = 502;
      break;
    case DOSSIER_SANDBOX_FAULT_ERROR:
    case DOSSIER_SANDBOX_FAULT_DELAY:
    case DOSSIER_SANDBOX_FAULT_DROP:
    case DOSSIER_SANDBOX_FAULT_DROP_AFTER:
    case DOSSIER_SANDBOX_FAULT_RATE_LIMIT:
    default:
      fault->status = 500;
      break;
    }

  /* Every member of the table is checked whatever the kind, in the table's order. */
  if (!read_integer (object, "count", 1, 1000, 0, &fault->count, message))
    return NULL;

  if (!read_string (object, "method", &fault->method, message))
    return NULL;
  if (fault->method != NULL && !is_method (fault->method))
    {
      *message = g_strdup ("Invalid fault: method must be upper-case letters, e.g. GET");
      return NULL;
    }

  if (!read_string (object, "path_prefix", &fault->path_prefix, message))
    return NULL;

  if (fault->kind == DOSSIER_SANDBOX_FAULT_MALFORMED)
    {
      if (!read_integer (object, "status", 200, 599, 0, &fault->status, message))
        return NULL;
    }
  else if (!read_integer (object, "status", 400, 599, 429, &fault->status, message))
    {
      return NULL;
    }

  if (!read_string (object, "code", &fault->code, message)
      || !read_string (object, "message", &fault->message, message)
      || !read_integer (object, "delay_ms", 1, 60000, 0, &fault->delay_ms, message)
      || !read_integer (object, "retry_after", 1, 3600, 0, &fault->retry_after, message))
    return NULL;

  if (fault->kind == DOSSIER_SANDBOX_FAULT_DELAY && fault->delay_ms == 0)
    {
      *message = g_strdup ("Invalid fault: delay_ms is required for a delay fault");
      return NULL;
    }

  /* Only the members of its kind are kept (the others were validated, then dropped), so
   * to_json and the engine never see them. */
  if (fault->kind == DOSSIER_SANDBOX_FAULT_ERROR)
    {
      if (fault->code == NULL)
        fault->code = g_strdup (DEFAULT_CODE);
      if (fault->message == NULL)
        fault->message = g_strdup (DEFAULT_MESSAGE);
    }
  else
    {
      g_clear_pointer (&fault->code, g_free);
      g_clear_pointer (&fault->message, g_free);
    }
  if (fault->kind != DOSSIER_SANDBOX_FAULT_DELAY)
    fault->delay_ms = 0;
  if (fault->kind != DOSSIER_SANDBOX_FAULT_RATE_LIMIT)
    fault->retry_after = 1;
  if (fault->kind != DOSSIER_SANDBOX_FAULT_ERROR && fault->kind != DOSSIER_SANDBOX_FAULT_MALFORMED
      && fault->kind != DOSSIER_SANDBOX_FAULT_HTML)
    fault->status = 500;

  fault->remaining = fault->count;
  fault->id = generate_id ();

  return g_steal_pointer (&fault);
}

/**
 * dossier_sandbox_faults_arm:
 * @self: the armed faults
 * @body: (nullable): the parsed `POST /_sandbox/faults` body
 * @message: (out): the 400 message when the body is invalid
 *
 * Returns: (transfer none) (nullable): the armed fault, or %NULL with @message set
 */
const DossierSandboxFault *
dossier_sandbox_faults_arm (DossierSandboxFaults *self,
                            JsonNode             *body,
                            char                **message)
{
  g_autofree char *error = NULL;
  DossierSandboxFault *fault;

  g_return_val_if_fail (self != NULL, NULL);

  fault = fault_from_json (body, &error);
  if (fault == NULL)
    {
      if (message != NULL)
        *message = g_steal_pointer (&error);
      return NULL;
    }

  g_ptr_array_add (self->armed, fault);

  return fault;
}

/**
 * dossier_sandbox_faults_to_json:
 * @self: the armed faults
 *
 * Returns: (transfer full): a JSON array of the armed faults, in arming order
 */
JsonNode *
dossier_sandbox_faults_to_json (DossierSandboxFaults *self)
{
  JsonArray *array;
  JsonNode *node;

  g_return_val_if_fail (self != NULL, NULL);

  array = json_array_sized_new (self->armed->len);
  for (guint i = 0; i < self->armed->len; i++)
    json_array_add_element (array, dossier_sandbox_fault_to_json (g_ptr_array_index (self->armed, i)));

  node = json_node_new (JSON_NODE_ARRAY);
  json_node_take_array (node, array);

  return node;
}

guint
dossier_sandbox_faults_clear (DossierSandboxFaults *self)
{
  guint n;

  g_return_val_if_fail (self != NULL, 0);

  n = self->armed->len;
  g_ptr_array_set_size (self->armed, 0);

  return n;
}

guint
dossier_sandbox_faults_get_n_armed (DossierSandboxFaults *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->armed->len;
}

/**
 * dossier_sandbox_faults_take_match:
 * @self: the armed faults
 * @method: the request method
 * @path: the request path
 *
 * Uses the first armed fault that matches: its `remaining` is decremented and it is removed
 * at 0.
 *
 * Returns: (transfer full) (nullable): a copy of the fault as armed before this use, or %NULL
 */
DossierSandboxFault *
dossier_sandbox_faults_take_match (DossierSandboxFaults *self,
                                   const char           *method,
                                   const char           *path)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (method != NULL, NULL);
  g_return_val_if_fail (path != NULL, NULL);

  for (guint i = 0; i < self->armed->len; i++)
    {
      DossierSandboxFault *fault = g_ptr_array_index (self->armed, i);
      DossierSandboxFault *copy;

      if (fault->remaining == 0)
        continue;
      if (fault->method != NULL && strcmp (fault->method, method) != 0)
        continue;
      if (!g_str_has_prefix (path, fault->path_prefix))
        continue;

      fault->remaining--;
      copy = dossier_sandbox_fault_copy (fault);
      if (fault->remaining == 0)
        g_ptr_array_remove_index (self->armed, i);

      return copy;
    }

  return NULL;
}

/**
 * dossier_sandbox_fault_malformed_body:
 *
 * Returns: (transfer full): the first half of a plausible client object: not valid JSON
 */
GBytes *
dossier_sandbox_fault_malformed_body (void)
{
  static const char body[] =
    "{\"id\": \"4QWq1rQtjnLM0wMswTRY9AmM4XTvY4GG\", \"type\": \"individual\", "
    "\"status\": \"pending\", \"first_name\": \"Mar";

  return g_bytes_new_static (body, sizeof body - 1);
}

static const char *
reason_phrase (guint status)
{
  switch (status)
    {
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 408: return "Request Timeout";
    case 413: return "Payload Too Large";
    case 500: return "Internal Server Error";
    case 501: return "Not Implemented";
    case 502: return "Bad Gateway";
    case 503: return "Service Unavailable";
    case 504: return "Gateway Timeout";
    default: return status >= 500 ? "Server Error" : "Error";
    }
}

/**
 * dossier_sandbox_fault_html_body:
 * @status: the HTTP status of the `html` fault
 *
 * Returns: (transfer full): a short HTML page like a reverse proxy's, UTF-8
 */
GBytes *
dossier_sandbox_fault_html_body (guint status)
{
  const char *reason = reason_phrase (status);
  char *page;

  page = g_strdup_printf ("<html>\r\n<head><title>%u %s</title></head>\r\n"
                          "<body>\r\n<center><h1>%u %s</h1></center>\r\n"
                          "<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n",
                          status, reason, status, reason);

  return g_bytes_new_take (page, strlen (page));
}
