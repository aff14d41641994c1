/* dossier-client-update.c — DossierClient updated in place from a newer copy, and its
 * fingerprint
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A refresh of 100 000 clients compares each listed client with the one just read, on the
 * main thread: the fingerprint, a 64-bit hash of every value computed on the worker that
 * read the client, makes the common case (nothing changed) one integer and one short string
 * comparison instead of some twenty string compares and a JSON tree walk.
 */
#include "config.h"

#include <string.h>

#include "dossier-client-private.h"
#include "dossier-json.h"

/* FNV-1a, 64 bits: fast on short strings, and a chance collision between two versions of
 * one client (2^-64) is far below any other failure a refresh can meet. */
#define FNV_OFFSET_BASIS G_GUINT64_CONSTANT (0xcbf29ce484222325)
#define FNV_PRIME        G_GUINT64_CONSTANT (0x100000001b3)

static guint64
hash_bytes (guint64     hash,
            const void *data,
            gsize       len)
{
  const guchar *p = data;

  for (gsize i = 0; i < len; i++)
    {
      hash ^= p[i];
      hash *= FNV_PRIME;
    }
  return hash;
}

/* Each string ends with a byte no UTF-8 text holds, and NULL hashes unlike "". */
static guint64
hash_string (guint64     hash,
             const char *text)
{
  if (text == NULL)
    return hash_bytes (hash, "\xfe", 1);
  hash = hash_bytes (hash, text, strlen (text));
  return hash_bytes (hash, "\xff", 1);
}

static guint64 hash_node (guint64   hash,
                          JsonNode *node);

static guint64
hash_object (guint64     hash,
             JsonObject *object)
{
  JsonObjectIter iter;
  const char *name;
  JsonNode *member;

  hash = hash_bytes (hash, "{", 1);
  json_object_iter_init_ordered (&iter, object);
  while (json_object_iter_next_ordered (&iter, &name, &member))
    {
      hash = hash_string (hash, name);
      hash = hash_node (hash, member);
    }
  return hash_bytes (hash, "}", 1);
}

static guint64
hash_node (guint64   hash,
           JsonNode *node)
{
  switch (json_node_get_node_type (node))
    {
    case JSON_NODE_OBJECT:
      return hash_object (hash, json_node_get_object (node));

    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);
        guint n = json_array_get_length (array);

        hash = hash_bytes (hash, "[", 1);
        for (guint i = 0; i < n; i++)
          hash = hash_node (hash, json_array_get_element (array, i));
        return hash_bytes (hash, "]", 1);
      }

    case JSON_NODE_NULL:
      return hash_bytes (hash, "n", 1);

    case JSON_NODE_VALUE:
    default:
      break;
    }

  switch (json_node_get_value_type (node))
    {
    case G_TYPE_INT64:
      {
        gint64 value = json_node_get_int (node);

        hash = hash_bytes (hash, "i", 1);
        return hash_bytes (hash, &value, sizeof value);
      }

    case G_TYPE_DOUBLE:
      {
        gdouble value = json_node_get_double (node);

        hash = hash_bytes (hash, "d", 1);
        return hash_bytes (hash, &value, sizeof value);
      }

    case G_TYPE_BOOLEAN:
      return hash_bytes (hash, json_node_get_boolean (node) ? "t" : "f", 1);

    case G_TYPE_STRING:
      hash = hash_bytes (hash, "s", 1);
      return hash_string (hash, json_node_get_string (node));

    default:
      return hash_bytes (hash, "?", 1);
    }
}

/**
 * _dossier_client_get_fingerprint: (skip)
 * @self: a #DossierClient
 *
 * A hash of the id, every field, both timestamps as received and every kept member in
 * order: equal fingerprints mean dossier_client_update_from() would change nothing.
 * dossier_client_new_from_json() computes it on the worker; any change forgets it, and the
 * next call computes it again.
 *
 * Returns: the fingerprint, never 0
 */
guint64
_dossier_client_get_fingerprint (DossierClient *self)
{
  guint64 hash = FNV_OFFSET_BASIS;

  if (self->fingerprint != 0)
    return self->fingerprint;

  hash = hash_string (hash, self->id);
  for (guint i = 0; i < DOSSIER_CLIENT_N_FIELDS; i++)
    hash = hash_string (hash, self->fields[i]);
  hash = hash_string (hash, self->created_at_raw);
  hash = hash_string (hash, self->updated_at_raw);
  hash = hash_object (hash, self->extra);
  hash = hash_object (hash, self->address_extra);

  self->fingerprint = hash != 0 ? hash : 1;
  return self->fingerprint;
}

void
dossier_client_forget_fingerprint (DossierClient *self)
{
  self->fingerprint = 0;
}

static gboolean
objects_equal (JsonObject *a,
               JsonObject *b)
{
  g_autoptr(JsonNode) na = json_node_init_object (json_node_alloc (), a);
  g_autoptr(JsonNode) nb = json_node_init_object (json_node_alloc (), b);

  return json_node_equal (na, nb);
}

static JsonObject *
copy_object (JsonObject *object)
{
  g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), object);
  g_autoptr(JsonNode) copy = dossier_json_node_deep_copy (node);

  return json_object_ref (json_node_get_object (copy));
}

/* Replaces the kept members with copies of @extra and @address_extra when they differ. */
gboolean
dossier_client_replace_extra (DossierClient *self,
                              JsonObject    *extra,
                              JsonObject    *address_extra)
{
  gboolean changed = FALSE;

  if (extra != self->extra && !objects_equal (extra, self->extra))
    {
      g_autoptr(JsonObject) copy = copy_object (extra);

      json_object_unref (self->extra);
      self->extra = g_steal_pointer (&copy);
      changed = TRUE;
    }

  if (address_extra != self->address_extra && !objects_equal (address_extra, self->address_extra))
    {
      g_autoptr(JsonObject) copy = copy_object (address_extra);

      json_object_unref (self->address_extra);
      self->address_extra = g_steal_pointer (&copy);
      changed = TRUE;
    }

  if (changed)
    dossier_client_notify_extra (self);
  return changed;
}

/**
 * dossier_client_update_from:
 * @self: a #DossierClient
 * @newer: the same client as read again from the server
 *
 * Copies every value of @newer into @self in place, so that the object already shown keeps
 * its identity; only properties whose value changed notify.
 *
 * Returns: %TRUE when anything changed
 */
gboolean
dossier_client_update_from (DossierClient *self,
                            DossierClient *newer)
{
  gboolean changed = FALSE;

  g_return_val_if_fail (DOSSIER_IS_CLIENT (self), FALSE);
  g_return_val_if_fail (DOSSIER_IS_CLIENT (newer), FALSE);

  if (self == newer)
    return FALSE;

  /* The common case of a refresh: the same version again. */
  if (g_strcmp0 (self->updated_at_raw, newer->updated_at_raw) == 0
      && _dossier_client_get_fingerprint (self) == _dossier_client_get_fingerprint (newer))
    return FALSE;

  g_object_freeze_notify (G_OBJECT (self));
  changed |= dossier_client_set_id (self, newer->id);
  for (guint i = 0; i < DOSSIER_CLIENT_N_FIELDS; i++)
    changed |= dossier_client_set_field (self, i, newer->fields[i]);
  changed |= dossier_client_set_timestamps (self, newer->created_at_raw, newer->updated_at_raw);
  changed |= dossier_client_replace_extra (self, newer->extra, newer->address_extra);
  g_object_thaw_notify (G_OBJECT (self));

  return changed;
}

/**
 * dossier_client_copy:
 * @self: a #DossierClient
 *
 * A deep copy, e.g. for an editor that must not touch the object shown in the list.
 *
 * Returns: (transfer full): the copy
 */
DossierClient *
dossier_client_copy (DossierClient *self)
{
  DossierClient *copy;

  g_return_val_if_fail (DOSSIER_IS_CLIENT (self), NULL);

  copy = dossier_client_new ();
  dossier_client_update_from (copy, self);
  return copy;
}
