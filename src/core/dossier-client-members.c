/* dossier-client-members.c — DossierClient's members read and written generically, by name
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * For the requirements form, which knows catalogue data fields by key: a modelled member
 * goes to its property, any other one to the kept members (written back verbatim by
 * dossier_client_to_json()).
 */
#include "config.h"

#include <string.h>

#include "dossier-client-private.h"
#include "dossier-json.h"

/* Replaces the whole address (@address may be NULL), notifying what changed. */
static gboolean
set_address (DossierClient *self,
             JsonObject    *address)
{
  g_autoptr(JsonObject) extra = json_object_new ();
  char *values[DOSSIER_CLIENT_N_FIELDS] = { NULL, };
  gboolean changed = FALSE;

  if (address != NULL)
    dossier_client_read_address (address, values, extra);

  for (guint i = 0; i < DOSSIER_CLIENT_N_FIELDS; i++)
    {
      if (dossier_client_field_is_address (i))
        changed |= dossier_client_set_field (self, i, values[i]);
      g_free (values[i]);
    }

  changed |= dossier_client_replace_extra (self, self->extra, extra);
  return changed;
}

/**
 * dossier_client_get_member:
 * @self: a #DossierClient
 * @key: a top-level member name, e.g. a catalogue data field key such as `occupation`
 *
 * Reads any top-level member generically, as it would be sent: modelled ones too (phone
 * members as integers, `address` as the object of dossier_client_to_json()), plus `id`,
 * `status`, `created_at` and `updated_at` as received.
 *
 * Returns: (transfer full) (nullable): a copy of the value, %NULL when absent
 */
JsonNode *
dossier_client_get_member (DossierClient *self,
                           const char    *key)
{
  DossierClientField field;
  JsonNode *node;

  g_return_val_if_fail (DOSSIER_IS_CLIENT (self), NULL);
  g_return_val_if_fail (key != NULL, NULL);

  if (dossier_client_lookup_field (key, FALSE, &field))
    {
      gint64 value;

      if (*self->fields[field] == '\0')
        return NULL;
      if (!dossier_client_field_is_phone (field))
        return json_node_init_string (json_node_alloc (), self->fields[field]);
      if (!dossier_client_phone_to_int64 (self->fields[field], &value))
        return NULL;
      return json_node_init_int (json_node_alloc (), value);
    }

  if (strcmp (key, "address") == 0)
    {
      g_autoptr(JsonObject) address = dossier_client_build_address (self);

      if (json_object_get_size (address) == 0)
        return NULL;
      return json_node_init_object (json_node_alloc (), address);
    }

  if (strcmp (key, "id") == 0)
    return self->id != NULL ? json_node_init_string (json_node_alloc (), self->id) : NULL;
  if (strcmp (key, "created_at") == 0)
    return self->created_at_raw != NULL ? json_node_init_string (json_node_alloc (), self->created_at_raw) : NULL;
  if (strcmp (key, "updated_at") == 0)
    return self->updated_at_raw != NULL ? json_node_init_string (json_node_alloc (), self->updated_at_raw) : NULL;

  node = json_object_get_member (self->extra, key);
  return dossier_json_node_deep_copy (node);
}

/**
 * dossier_client_set_member:
 * @self: a #DossierClient
 * @key: a top-level member name
 * @value: (nullable) (transfer none): the new value; %NULL or a JSON null removes the member
 *
 * Writes any top-level member generically, e.g. a catalogue data field filled in the
 * requirements form. Modelled members go to their property (read tolerantly, as from the
 * server); `address` replaces the whole address. The server-owned `id`, `status`,
 * `created_at` and `updated_at` cannot be set and are ignored.
 */
void
dossier_client_set_member (DossierClient *self,
                           const char    *key,
                           JsonNode      *value)
{
  DossierClientField field;

  g_return_if_fail (DOSSIER_IS_CLIENT (self));
  g_return_if_fail (key != NULL);

  if (value != NULL && JSON_NODE_HOLDS_NULL (value))
    value = NULL;

  if (dossier_client_lookup_field (key, FALSE, &field))
    {
      g_autofree char *text = NULL;

      if (field == DOSSIER_CLIENT_FIELD_STATUS)
        return;
      text = value != NULL ? dossier_client_field_from_node (field, value) : NULL;
      dossier_client_set_field (self, field, text);
      return;
    }

  if (strcmp (key, "address") == 0)
    {
      if (value == NULL || JSON_NODE_HOLDS_OBJECT (value))
        set_address (self, value != NULL ? json_node_get_object (value) : NULL);
      return;
    }

  if (strcmp (key, "id") == 0 || strcmp (key, "created_at") == 0 || strcmp (key, "updated_at") == 0)
    return;

  if (value == NULL)
    {
      if (json_object_has_member (self->extra, key))
        {
          json_object_remove_member (self->extra, key);
          dossier_client_notify_extra (self);
        }
      return;
    }

  if (json_object_has_member (self->extra, key)
      && json_node_equal (json_object_get_member (self->extra, key), value))
    return;

  json_object_set_member (self->extra, key, dossier_json_node_deep_copy (value));
  dossier_client_notify_extra (self);
}

/**
 * dossier_client_get_address_member:
 * @self: a #DossierClient
 * @key: an `address` member Dossier does not model (`state_code`, `country_code`, …)
 *
 * Returns: (transfer full) (nullable): a copy of the kept value, %NULL when absent
 */
JsonNode *
dossier_client_get_address_member (DossierClient *self,
                                   const char    *key)
{
  g_return_val_if_fail (DOSSIER_IS_CLIENT (self), NULL);
  g_return_val_if_fail (key != NULL, NULL);

  return dossier_json_node_deep_copy (json_object_get_member (self->address_extra, key));
}

/**
 * dossier_client_list_extra_members:
 * @self: a #DossierClient
 *
 * Returns: (transfer full): the names of the kept top-level members, in the order received
 */
char **
dossier_client_list_extra_members (DossierClient *self)
{
  GPtrArray *names;
  JsonObjectIter iter;
  const char *name;
  JsonNode *member;

  g_return_val_if_fail (DOSSIER_IS_CLIENT (self), NULL);

  names = g_ptr_array_new ();
  json_object_iter_init_ordered (&iter, self->extra);
  while (json_object_iter_next_ordered (&iter, &name, &member))
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_add (names, NULL);

  return (char **) g_ptr_array_free (names, FALSE);
}
