/* dossier-client-json.c — DossierClient from and to JSON (CONTRACT.md §6.1, §6.2, §15)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Reading is tolerant (§15.2): strings may arrive as numbers and phone members as numbers
 * or strings, `street_line_1` is read as `street_line1`, timestamps that do not parse are
 * kept as text, and every member Dossier does not model is kept verbatim.
 * Writing is strict (§15.1, §15.3): the full-replacement body of a PUT (also the body of a
 * create), with every modelled and kept member, phone members as integers, no nulls, and
 * none of the server-owned members (`id`, `type`, `status`, `created_at`, `updated_at`),
 * which the server would ignore anyway.
 */
#include "config.h"

#include <string.h>

#include "dossier-client-private.h"
#include "dossier-json.h"

static const char * const server_owned_members[] = {
  "id", "type", "status", "created_at", "updated_at",
};

static gboolean
is_server_owned (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (server_owned_members); i++)
    {
      if (strcmp (name, server_owned_members[i]) == 0)
        return TRUE;
    }
  return FALSE;
}

gboolean
dossier_client_field_is_phone (DossierClientField field)
{
  return field == DOSSIER_CLIENT_FIELD_PHONE_COUNTRY_CODE
         || field == DOSSIER_CLIENT_FIELD_PHONE_NUMBER;
}

/* The field stored under a top-level (@address FALSE) or `address` member name. */
gboolean
dossier_client_lookup_field (const char         *name,
                             gboolean            address,
                             DossierClientField *field)
{
  for (guint i = 0; i < DOSSIER_CLIENT_N_FIELDS; i++)
    {
      if (dossier_client_field_is_address (i) == address
          && strcmp (name, dossier_client_field_members[i]) == 0)
        {
          *field = i;
          return TRUE;
        }
    }
  return FALSE;
}

/**
 * dossier_client_phone_from_node: (skip)
 * @node: (nullable): a phone member as received
 *
 * Reads a phone member: an integer, or a string of digits in which `+`, spaces, dashes,
 * dots and parentheses are ignored (`"+54"` → `54`; `"01168860622"` keeps its zero).
 *
 * Returns: (transfer full): the digits, "" when absent or unreadable
 */
char *
dossier_client_phone_from_node (JsonNode *node)
{
  g_autoptr(GString) digits = NULL;
  const char *text;
  gint64 value;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return g_strdup ("");

  if (json_node_get_value_type (node) != G_TYPE_STRING)
    {
      if (dossier_json_node_get_int64 (node, &value) && value >= 0)
        return g_strdup_printf ("%" G_GINT64_FORMAT, value);
      return g_strdup ("");
    }

  text = json_node_get_string (node);
  digits = g_string_new (NULL);
  for (const char *p = text; p != NULL && *p != '\0'; p++)
    {
      if (g_ascii_isdigit (*p))
        g_string_append_c (digits, *p);
      else if (strchr ("+ -.()", *p) == NULL)
        return g_strdup ("");
    }

  return g_strdup (digits->str);
}

/* A phone field as a JSON integer: its digits, ignoring `+`, spaces, dashes, dots and
 * parentheses as typed; FALSE when empty, holding anything else, or longer than 18 digits. */
gboolean
dossier_client_phone_to_int64 (const char *text,
                               gint64     *value)
{
  char digits[19];
  gsize n = 0;
  guint64 parsed;

  for (const char *p = text; p != NULL && *p != '\0'; p++)
    {
      if (g_ascii_isdigit (*p))
        {
          if (n == sizeof digits - 1)
            return FALSE;
          digits[n++] = *p;
        }
      else if (strchr ("+ -.()", *p) == NULL)
        {
          return FALSE;
        }
    }
  digits[n] = '\0';

  if (n == 0 || !g_ascii_string_to_unsigned (digits, 10, 0, G_MAXINT64, &parsed, NULL))
    return FALSE;
  *value = (gint64) parsed;
  return TRUE;
}

char *
dossier_client_field_from_node (DossierClientField  field,
                                JsonNode           *node)
{
  char *text;

  if (dossier_client_field_is_phone (field))
    return dossier_client_phone_from_node (node);
  text = dossier_json_node_dup_string (node);
  return text != NULL ? text : g_strdup ("");
}

/* Reads `address` into @values (address fields only, NULL when absent) and @extra. */
void
dossier_client_read_address (JsonObject *address,
                             char       *values[DOSSIER_CLIENT_N_FIELDS],
                             JsonObject *extra)
{
  JsonObjectIter iter;
  const char *name;
  JsonNode *member;

  json_object_iter_init_ordered (&iter, address);
  while (json_object_iter_next_ordered (&iter, &name, &member))
    {
      DossierClientField field;

      if (JSON_NODE_HOLDS_NULL (member))
        continue;
      if (dossier_client_lookup_field (name, TRUE, &field))
        {
          g_free (values[field]);
          values[field] = dossier_json_node_dup_string (member);
        }
      else if (strcmp (name, "street_line_1") != 0 && strcmp (name, "street_line_2") != 0)
        {
          json_object_set_member (extra, name, dossier_json_node_deep_copy (member));
        }
    }

  /* The older spelling, used only when the current one is absent (§6.2, §15.2). */
  if (values[DOSSIER_CLIENT_FIELD_STREET_LINE1] == NULL)
    values[DOSSIER_CLIENT_FIELD_STREET_LINE1] = dossier_json_dup_string (address, "street_line_1");
  if (values[DOSSIER_CLIENT_FIELD_STREET_LINE2] == NULL)
    values[DOSSIER_CLIENT_FIELD_STREET_LINE2] = dossier_json_dup_string (address, "street_line_2");
}

/**
 * dossier_client_new_from_json:
 * @node: a client as the server sent it (§6.1)
 * @error: return location for a #GError in %DOSSIER_JSON_ERROR
 *
 * Reads a client tolerantly (§15.2). Safe to call on a worker thread.
 *
 * Returns: (transfer full) (nullable): the client, or %NULL when @node is not an object
 *   with an `id`
 */
DossierClient *
dossier_client_new_from_json (JsonNode  *node,
                              GError   **error)
{
  g_autoptr(DossierClient) self = NULL;
  g_autofree char *id = NULL;
  g_autofree char *created_at = NULL;
  g_autofree char *updated_at = NULL;
  JsonObject *object;
  JsonObjectIter iter;
  const char *name;
  JsonNode *member;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error_literal (error, DOSSIER_JSON_ERROR, DOSSIER_JSON_ERROR_INVALID,
                           "The client is not a JSON object");
      return NULL;
    }

  object = json_node_get_object (node);
  id = dossier_json_dup_string (object, "id");
  if (id == NULL || *g_strstrip (id) == '\0')
    {
      g_set_error_literal (error, DOSSIER_JSON_ERROR, DOSSIER_JSON_ERROR_INVALID,
                           "The client has no id");
      return NULL;
    }

  self = dossier_client_new ();
  self->id = g_steal_pointer (&id);

  json_object_iter_init_ordered (&iter, object);
  while (json_object_iter_next_ordered (&iter, &name, &member))
    {
      DossierClientField field;

      /* A null member is an absent one (§6.2, §15.2). */
      if (JSON_NODE_HOLDS_NULL (member) || strcmp (name, "id") == 0)
        continue;

      if (dossier_client_lookup_field (name, FALSE, &field))
        {
          g_free (self->fields[field]);
          self->fields[field] = dossier_client_field_from_node (field, member);
        }
      else if (strcmp (name, "address") == 0)
        {
          char *values[DOSSIER_CLIENT_N_FIELDS] = { NULL, };

          if (!JSON_NODE_HOLDS_OBJECT (member))
            continue;
          json_object_unref (self->address_extra);
          self->address_extra = json_object_new ();
          dossier_client_read_address (json_node_get_object (member), values, self->address_extra);
          for (guint i = 0; i < DOSSIER_CLIENT_N_FIELDS; i++)
            {
              if (values[i] == NULL)
                continue;
              g_free (self->fields[i]);
              self->fields[i] = values[i];
            }
        }
      else if (strcmp (name, "created_at") == 0)
        {
          g_free (created_at);
          created_at = dossier_json_node_dup_string (member);
        }
      else if (strcmp (name, "updated_at") == 0)
        {
          g_free (updated_at);
          updated_at = dossier_json_node_dup_string (member);
        }
      else
        {
          json_object_set_member (self->extra, name, dossier_json_node_deep_copy (member));
        }
    }

  dossier_client_set_timestamps (self, created_at, updated_at);
  dossier_client_refresh_search_key (self);
  _dossier_client_get_fingerprint (self);

  return g_steal_pointer (&self);
}

JsonObject *
dossier_client_build_address (DossierClient *self)
{
  JsonObject *address = json_object_new ();
  JsonObjectIter iter;
  const char *name;
  JsonNode *member;

  for (guint i = 0; i < DOSSIER_CLIENT_N_FIELDS; i++)
    {
      const char *value = self->fields[i];

      if (!dossier_client_field_is_address (i) || *value == '\0')
        continue;

      if (i == DOSSIER_CLIENT_FIELD_COUNTRY)
        {
          /* Alpha-3 is upper case (§6.2); anything else goes as typed, for the server to judge. */
          g_autofree char *upper = g_ascii_strup (value, -1);

          json_object_set_string_member (address, dossier_client_field_members[i], upper);
        }
      else
        {
          json_object_set_string_member (address, dossier_client_field_members[i], value);
        }
    }

  json_object_iter_init_ordered (&iter, self->address_extra);
  while (json_object_iter_next_ordered (&iter, &name, &member))
    {
      if (!json_object_has_member (address, name))
        json_object_set_member (address, name, dossier_json_node_deep_copy (member));
    }

  return address;
}

/**
 * dossier_client_to_json:
 * @self: a #DossierClient
 *
 * Builds the body of a create or full-replacement update (§6.2, §15.1, §15.3): every
 * modelled member that is set, `address` with `street_line1`/`street_line2` and an
 * upper-case alpha-3 `country` plus every kept address member, both phone members as JSON
 * integers (neither when one is empty or not digits), then every kept member verbatim.
 * Empty strings are absent members; no member is `null`. The server-owned members `id`,
 * `type`, `status`, `created_at` and `updated_at` are left out.
 *
 * Returns: (transfer full): a JSON object node
 */
JsonNode *
dossier_client_to_json (DossierClient *self)
{
  g_autoptr(JsonObject) object = NULL;
  g_autoptr(JsonObject) address = NULL;
  gint64 country_code;
  gint64 number;
  JsonObjectIter iter;
  const char *name;
  JsonNode *member;

  g_return_val_if_fail (DOSSIER_IS_CLIENT (self), NULL);

  object = json_object_new ();
  for (guint i = DOSSIER_CLIENT_FIELD_FIRST_NAME; i <= DOSSIER_CLIENT_FIELD_BIRTH_DATE; i++)
    {
      if (*self->fields[i] != '\0')
        json_object_set_string_member (object, dossier_client_field_members[i], self->fields[i]);
    }

  address = dossier_client_build_address (self);
  if (json_object_get_size (address) > 0)
    json_object_set_object_member (object, "address", g_steal_pointer (&address));

  if (dossier_client_phone_to_int64 (self->fields[DOSSIER_CLIENT_FIELD_PHONE_COUNTRY_CODE], &country_code)
      && dossier_client_phone_to_int64 (self->fields[DOSSIER_CLIENT_FIELD_PHONE_NUMBER], &number))
    {
      json_object_set_int_member (object, "phone_country_code", country_code);
      json_object_set_int_member (object, "phone_number", number);
    }

  json_object_iter_init_ordered (&iter, self->extra);
  while (json_object_iter_next_ordered (&iter, &name, &member))
    {
      if (is_server_owned (name) || json_object_has_member (object, name))
        continue;
      json_object_set_member (object, name, dossier_json_node_deep_copy (member));
    }

  return json_node_init_object (json_node_alloc (), object);
}
