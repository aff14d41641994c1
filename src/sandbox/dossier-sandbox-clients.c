/* dossier-sandbox-clients.c — individual clients (CONTRACT.md §6.1, §6.2, §8.1–8.4, §9.5)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "dossier-sandbox-private.h"

static const char * const server_owned[] = { "id", "type", "status", "created_at", "updated_at" };

typedef struct
{
  const char *name;
  gboolean    required;
  gboolean    not_blank;
  guint       max_chars;
} StringRule;

static const StringRule name_rules[] = {
  { "first_name", TRUE, TRUE, DOSSIER_CONTRACT_MAX_NAME_CHARS },
  { "second_name", FALSE, FALSE, DOSSIER_CONTRACT_MAX_NAME_CHARS },
  { "last_name", TRUE, TRUE, DOSSIER_CONTRACT_MAX_NAME_CHARS },
};

static const StringRule address_rules[] = {
  { "street_line1", TRUE, TRUE, DOSSIER_CONTRACT_MAX_ADDRESS_CHARS },
  { "street_line2", FALSE, FALSE, DOSSIER_CONTRACT_MAX_ADDRESS_CHARS },
  { "city", TRUE, TRUE, DOSSIER_CONTRACT_MAX_ADDRESS_CHARS },
  { "postal_code", FALSE, FALSE, DOSSIER_CONTRACT_MAX_ADDRESS_CHARS },
  { "state", FALSE, FALSE, DOSSIER_CONTRACT_MAX_ADDRESS_CHARS },
  { "state_code", FALSE, FALSE, DOSSIER_CONTRACT_MAX_ADDRESS_CHARS },
  { "country", TRUE, FALSE, 0 },
  { "country_code", FALSE, FALSE, DOSSIER_CONTRACT_MAX_ADDRESS_CHARS },
};

/* Core members in the order of the §6.2 table, for the 400 message. */
static const char * const core_strings_before_address[] = {
  "first_name", "second_name", "last_name", "email", "birth_date",
};

DossierSandboxClient *
_dossier_sandbox_client_new (const char *id)
{
  DossierSandboxClient *client = g_new0 (DossierSandboxClient, 1);

  client->id = g_strdup (id);
  client->data = json_object_new ();
  client->requests = g_ptr_array_new ();
  return client;
}

void
_dossier_sandbox_client_free (DossierSandboxClient *client)
{
  if (client == NULL)
    return;

  g_free (client->id);
  g_clear_pointer (&client->data, json_object_unref);
  g_clear_pointer (&client->requests, g_ptr_array_unref);
  g_clear_pointer (&client->cache, g_bytes_unref);
  g_free (client);
}

/* §9.5: derived every time the client is shown. */
const char *
_dossier_sandbox_client_status (DossierSandboxClient *client)
{
  DossierSandboxRequest *last;

  for (guint i = 0; i < client->requests->len; i++)
    {
      DossierSandboxRequest *request = g_ptr_array_index (client->requests, i);

      if (request->status == DOSSIER_SANDBOX_STATUS_ENABLED)
        return "active";
    }
  if (client->requests->len == 0)
    return "pending";
  last = g_ptr_array_index (client->requests, client->requests->len - 1);
  return last->status == DOSSIER_SANDBOX_STATUS_REJECTED ? "rejected" : "pending";
}

static gboolean
is_one_of (const char         *name,
           const char * const *names,
           gsize               n_names)
{
  for (gsize i = 0; i < n_names; i++)
    {
      if (g_str_equal (name, names[i]))
        return TRUE;
    }

  return FALSE;
}

/* The address as shown (§6.1): its known members in table order, then the
 * others in the order they were sent. */
static JsonNode *
address_to_json (JsonNode *stored)
{
  static const char * const known[] = {
    "street_line1", "street_line2", "city", "postal_code", "state", "state_code", "country",
    "country_code",
  };
  g_autoptr(GList) names = NULL;
  JsonObject *from;
  JsonObject *address;
  JsonNode *node;

  if (!JSON_NODE_HOLDS_OBJECT (stored))
    return json_node_copy (stored);

  from = json_node_get_object (stored);
  address = json_object_new ();
  for (guint i = 0; i < G_N_ELEMENTS (known); i++)
    {
      JsonNode *member = json_object_get_member (from, known[i]);

      if (member != NULL)
        json_object_set_member (address, known[i], json_node_copy (member));
    }

  names = json_object_get_members (from);
  for (GList *l = names; l != NULL; l = l->next)
    {
      if (!is_one_of (l->data, known, G_N_ELEMENTS (known)))
        json_object_set_member (address, l->data,
                                json_node_copy (json_object_get_member (from, l->data)));
    }

  node = json_node_new (JSON_NODE_OBJECT);
  json_node_take_object (node, address);
  return node;
}

/* The serialised client, cached until its data or its status changes. Members
 * come in the order of the §6.1 table, catalogue and unknown members in the
 * order they were stored, then the timestamps: JSON member order means
 * nothing, but people read these. */
GBytes *
_dossier_sandbox_client_to_bytes (DossierSandboxClient *client)
{
  static const char * const core[] = {
    "first_name", "second_name", "last_name", "email", "birth_date", "address",
    "phone_country_code", "phone_number",
  };
  const char *status = _dossier_sandbox_client_status (client);
  g_autoptr(JsonObject) object = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GList) names = NULL;
  g_autofree char *created = NULL;
  g_autofree char *updated = NULL;

  if (client->cache != NULL && client->cache_status == status)
    return g_bytes_ref (client->cache);

  object = json_object_new ();
  json_object_set_string_member (object, "id", client->id);
  json_object_set_string_member (object, "type", "individual");
  json_object_set_string_member (object, "status", status);

  for (guint i = 0; i < G_N_ELEMENTS (core); i++)
    {
      JsonNode *member = json_object_get_member (client->data, core[i]);

      if (member == NULL)
        continue;
      json_object_set_member (object, core[i],
                              g_str_equal (core[i], "address") ? address_to_json (member)
                                                               : json_node_copy (member));
    }

  names = json_object_get_members (client->data);
  for (GList *l = names; l != NULL; l = l->next)
    {
      const char *name = l->data;

      if (is_one_of (name, core, G_N_ELEMENTS (core))
          || is_one_of (name, server_owned, G_N_ELEMENTS (server_owned)))
        continue;
      json_object_set_member (object, name, json_node_copy (json_object_get_member (client->data,
                                                                                    name)));
    }

  created = _dossier_sandbox_format_time (client->created_at);
  updated = _dossier_sandbox_format_time (client->updated_at);
  json_object_set_string_member (object, "created_at", created);
  json_object_set_string_member (object, "updated_at", updated);

  node = json_node_new (JSON_NODE_OBJECT);
  json_node_set_object (node, object);
  g_clear_pointer (&client->cache, g_bytes_unref);
  client->cache = dossier_sandbox_json_to_bytes (node);
  client->cache_status = status;

  return g_bytes_ref (client->cache);
}

/* A member that is present and not null, else NULL. */
static JsonNode *
get_member (JsonObject *object,
            const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  return node != NULL && !JSON_NODE_HOLDS_NULL (node) ? node : NULL;
}

static gboolean
is_string (JsonNode *node)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING;
}

/* street_line1 wins over street_line_1 when both are present. */
static JsonNode *
get_address_member (JsonObject *address,
                    const char *name,
                    const char **sent_name)
{
  JsonNode *node = get_member (address, name);

  *sent_name = name;
  if (node == NULL && g_str_equal (name, "street_line1"))
    node = get_member (address, *sent_name = "street_line_1");
  else if (node == NULL && g_str_equal (name, "street_line2"))
    node = get_member (address, *sent_name = "street_line_2");
  if (node == NULL)
    *sent_name = name;
  return node;
}

/* §3.3: the first known member with the wrong JSON type, in §3.4 order. */
static DossierSandboxResponse *
check_types (DossierSandboxCall *call)
{
  const char *trace_id = call->exchange->trace_id;
  g_autofree char *catalogue_message = NULL;
  JsonObject *body = call->body;
  JsonNode *node;

  for (guint i = 0; i < G_N_ELEMENTS (core_strings_before_address); i++)
    {
      node = get_member (body, core_strings_before_address[i]);
      if (node != NULL && !is_string (node))
        return _dossier_sandbox_response_bad_type (trace_id, core_strings_before_address[i],
                                                   JSON_NODE_VALUE, G_TYPE_STRING);
    }
  node = get_member (body, "address");
  if (node != NULL && !JSON_NODE_HOLDS_OBJECT (node))
    return _dossier_sandbox_response_bad_type (trace_id, "address", JSON_NODE_OBJECT,
                                               G_TYPE_INVALID);
  for (guint i = 0; i < 2; i++)
    {
      const char *name = i == 0 ? "phone_country_code" : "phone_number";

      node = get_member (body, name);
      if (node != NULL && !dossier_contract_json_is_integer (node))
        return _dossier_sandbox_response_bad_type (trace_id, name, JSON_NODE_VALUE, G_TYPE_INT64);
    }

  node = get_member (body, "address");
  if (node != NULL)
    {
      JsonObject *address = json_node_get_object (node);

      for (guint i = 0; i < G_N_ELEMENTS (address_rules); i++)
        {
          const char *sent_name;
          JsonNode *member = get_address_member (address, address_rules[i].name, &sent_name);

          if (member != NULL && !is_string (member))
            {
              g_autofree char *path = g_strconcat ("address.", sent_name, NULL);

              return _dossier_sandbox_response_bad_type (trace_id, path, JSON_NODE_VALUE,
                                                         G_TYPE_STRING);
            }
        }
    }

  catalogue_message = dossier_sandbox_catalogue_check_client_types (call->engine->catalogue, body);
  if (catalogue_message != NULL)
    return _dossier_sandbox_response_error (trace_id, 400, "BAD_REQUEST", "%s", catalogue_message);

  return NULL;
}

static void
check_string (GPtrArray        *problems,
              const char       *path,
              JsonNode         *node,
              const StringRule *rule)
{
  const char *text;

  if (node == NULL)
    {
      if (rule->required)
        g_ptr_array_add (problems, g_strdup_printf ("%s: is required", path));
      return;
    }
  text = json_node_get_string (node);
  if (rule->not_blank && dossier_contract_is_blank (text))
    g_ptr_array_add (problems, g_strdup_printf ("%s: must not be blank", path));
  else if (rule->max_chars > 0 && g_utf8_strlen (text, -1) > (glong) rule->max_chars)
    g_ptr_array_add (problems, g_strdup_printf ("%s: must be at most %u characters",
                                                path, rule->max_chars));
}

static void
check_birth_date (DossierSandboxEngine *engine,
                  GPtrArray            *problems,
                  JsonNode             *node)
{
  GDate date, today, earliest;

  if (node == NULL)
    {
      g_ptr_array_add (problems, g_strdup ("birth_date: is required"));
      return;
    }
  if (!dossier_date_parse (json_node_get_string (node), &date))
    {
      g_ptr_array_add (problems, g_strdup ("birth_date: must be a date in the form YYYY-MM-DD"));
      return;
    }
  _dossier_sandbox_engine_today (engine, &today);
  g_date_clear (&earliest, 1);
  g_date_set_dmy (&earliest, 1, G_DATE_JANUARY, 1900);
  if (g_date_compare (&date, &earliest) < 0)
    g_ptr_array_add (problems, g_strdup ("birth_date: must not be before 1900-01-01"));
  else if (g_date_compare (&date, &today) > 0)
    g_ptr_array_add (problems, g_strdup ("birth_date: must not be in the future"));
}

/* §6.2: every failing member, "<path>: <problem>", in §3.4 order. */
static void
check_values (DossierSandboxCall *call,
              GPtrArray          *problems)
{
  JsonObject *body = call->body;
  JsonNode *email, *address, *code, *number;

  for (guint i = 0; i < 2; i++)
    check_string (problems, name_rules[i].name, get_member (body, name_rules[i].name),
                  &name_rules[i]);
  check_string (problems, "last_name", get_member (body, "last_name"), &name_rules[2]);

  email = get_member (body, "email");
  if (email == NULL)
    g_ptr_array_add (problems, g_strdup ("email: is required"));
  else if (g_utf8_strlen (json_node_get_string (email), -1) > DOSSIER_CONTRACT_MAX_EMAIL_CHARS)
    g_ptr_array_add (problems, g_strdup_printf ("email: must be at most %d characters",
                                                DOSSIER_CONTRACT_MAX_EMAIL_CHARS));
  else if (!dossier_contract_is_valid_email (json_node_get_string (email)))
    g_ptr_array_add (problems, g_strdup ("email: must be an email address"));

  check_birth_date (call->engine, problems, get_member (body, "birth_date"));

  address = get_member (body, "address");
  if (address == NULL)
    g_ptr_array_add (problems, g_strdup ("address: is required"));

  code = get_member (body, "phone_country_code");
  number = get_member (body, "phone_number");
  if (code != NULL && !dossier_contract_is_valid_phone_country_code (json_node_get_int (code)))
    g_ptr_array_add (problems, g_strdup ("phone_country_code: must be between 1 and 999"));
  else if (code == NULL && number != NULL)
    g_ptr_array_add (problems,
                     g_strdup ("phone_country_code: is required when phone_number is given"));
  if (number != NULL && !dossier_contract_is_valid_phone_number (json_node_get_int (number)))
    g_ptr_array_add (problems, g_strdup ("phone_number: must be between 1 and 999999999999999"));
  else if (number == NULL && code != NULL)
    g_ptr_array_add (problems,
                     g_strdup ("phone_number: is required when phone_country_code is given"));

  if (address != NULL)
    {
      JsonObject *object = json_node_get_object (address);

      for (guint i = 0; i < G_N_ELEMENTS (address_rules); i++)
        {
          const char *sent_name;
          JsonNode *member = get_address_member (object, address_rules[i].name, &sent_name);
          g_autofree char *path = g_strconcat ("address.", address_rules[i].name, NULL);

          check_string (problems, path, member, &address_rules[i]);
          if (member != NULL && g_str_equal (address_rules[i].name, "country") &&
              !dossier_contract_is_valid_country (json_node_get_string (member)))
            g_ptr_array_add (problems, g_strdup ("address.country: must be an ISO 3166-1 "
                                                 "alpha-3 country code"));
        }
    }

  dossier_sandbox_catalogue_check_client_values (call->engine->catalogue, body, problems);
}

static gboolean
is_server_owned (const char *name)
{
  return is_one_of (name, server_owned, G_N_ELEMENTS (server_owned));
}

/* The members to store: server-owned and null members dropped, address
 * aliases resolved (output always uses street_line1/street_line2). */
static JsonObject *
build_stored_data (JsonObject *body)
{
  JsonObject *data = json_object_new ();
  g_autoptr(GList) names = json_object_get_members (body);

  /* Members keep the order they were sent in (json_object_get_members). */
  for (GList *l = names; l != NULL; l = l->next)
    {
      const char *name = l->data;
      JsonNode *member = json_object_get_member (body, name);

      if (JSON_NODE_HOLDS_NULL (member) || is_server_owned (name))
        continue;

      if (g_str_equal (name, "address"))
        {
          JsonObject *address = json_object_new ();
          JsonObject *sent = json_node_get_object (member);
          g_autoptr(GList) keys = json_object_get_members (sent);

          for (GList *k = keys; k != NULL; k = k->next)
            {
              const char *key = k->data;
              JsonNode *value = json_object_get_member (sent, key);

              if (JSON_NODE_HOLDS_NULL (value))
                continue;
              if (g_str_equal (key, "street_line_1") || g_str_equal (key, "street_line_2"))
                {
                  const char *canonical = key[12] == '1' ? "street_line1" : "street_line2";

                  if (get_member (sent, canonical) == NULL)
                    json_object_set_member (address, canonical, json_node_copy (value));
                  continue;
                }
              json_object_set_member (address, key, json_node_copy (value));
            }
          json_object_set_object_member (data, "address", address);
          continue;
        }

      json_object_set_member (data, name, json_node_copy (member));
    }

  return data;
}

/* Validation shared by create and update: a response on failure, else NULL. */
static DossierSandboxResponse *
validate (DossierSandboxCall   *call,
          DossierSandboxClient *self_client)
{
  const char *trace_id = call->exchange->trace_id;
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  DossierSandboxResponse *response;
  const char *email;

  response = check_types (call);
  if (response != NULL)
    return response;

  check_values (call, problems);
  if (problems->len > 0)
    return _dossier_sandbox_response_validation (trace_id, problems);

  email = json_node_get_string (get_member (call->body, "email"));
  for (guint i = 0; i < call->engine->client_order->len; i++)
    {
      DossierSandboxClient *other = g_ptr_array_index (call->engine->client_order, i);
      JsonNode *other_email = get_member (other->data, "email");

      if (other == self_client || other_email == NULL)
        continue;
      if (g_ascii_strcasecmp (json_node_get_string (other_email), email) == 0)
        return _dossier_sandbox_response_error (trace_id, 412, "DUPLICATE_CLIENT",
                                                "Duplicate Client: a client with email %s "
                                                "already exists", email);
    }

  return NULL;
}

DossierSandboxResponse *
_dossier_sandbox_clients_create (DossierSandboxCall *call)
{
  DossierSandboxEngine *engine = call->engine;
  DossierSandboxResponse *response;
  DossierSandboxClient *client;
  g_autofree char *id = NULL;
  g_autoptr(GBytes) bytes = NULL;

  response = validate (call, NULL);
  if (response != NULL)
    return response;

  id = _dossier_sandbox_engine_new_id (engine);
  client = _dossier_sandbox_client_new (id);
  json_object_unref (client->data);
  client->data = build_stored_data (call->body);
  client->created_at = client->updated_at = _dossier_sandbox_engine_now (engine);
  g_hash_table_insert (engine->clients, client->id, client);
  g_ptr_array_add (engine->client_order, client);
  _dossier_sandbox_engine_changed (engine);

  bytes = _dossier_sandbox_client_to_bytes (client);
  return _dossier_sandbox_response_bytes (call->exchange->trace_id, bytes);
}

DossierSandboxResponse *
_dossier_sandbox_clients_update (DossierSandboxCall *call)
{
  DossierSandboxClient *client = call->client;
  DossierSandboxResponse *response;
  g_autoptr(GBytes) bytes = NULL;

  response = validate (call, client);
  if (response != NULL)
    return response;

  json_object_unref (client->data);
  client->data = build_stored_data (call->body);
  client->updated_at = _dossier_sandbox_engine_now (call->engine);
  g_clear_pointer (&client->cache, g_bytes_unref);
  _dossier_sandbox_engine_changed (call->engine);

  bytes = _dossier_sandbox_client_to_bytes (client);
  return _dossier_sandbox_response_bytes (call->exchange->trace_id, bytes);
}

DossierSandboxResponse *
_dossier_sandbox_clients_get (DossierSandboxCall *call)
{
  g_autoptr(GBytes) bytes = _dossier_sandbox_client_to_bytes (call->client);

  return _dossier_sandbox_response_bytes (call->exchange->trace_id, bytes);
}

DossierSandboxResponse *
_dossier_sandbox_clients_list (DossierSandboxCall *call)
{
  GPtrArray *order = call->engine->client_order;
  g_autoptr(GByteArray) array = g_byte_array_new ();
  g_autoptr(GBytes) bytes = NULL;

  g_byte_array_append (array, (const guint8 *) "[", 1);
  for (guint i = 0; i < order->len; i++)
    {
      g_autoptr(GBytes) client = _dossier_sandbox_client_to_bytes (g_ptr_array_index (order, i));
      gsize size;
      gconstpointer data = g_bytes_get_data (client, &size);

      if (i > 0)
        g_byte_array_append (array, (const guint8 *) ",", 1);
      g_byte_array_append (array, data, size);
    }
  g_byte_array_append (array, (const guint8 *) "]", 1);

  bytes = g_byte_array_free_to_bytes (g_steal_pointer (&array));
  return _dossier_sandbox_response_bytes (call->exchange->trace_id, bytes);
}
