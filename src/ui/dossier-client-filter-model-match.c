/* dossier-client-filter-model-match.c — matching and publishing: who is at which position
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "dossier-client-filter-model-private.h"

#define properties _dossier_client_filter_model_properties
#define signals _dossier_client_filter_model_signals

static gboolean
client_passes (DossierClientFilterModel *self,
               DossierClient            *client)
{
  const char *filter = self->status_filter;

  if (g_strcmp0 (filter, DOSSIER_FILTER_ALL) != 0)
    {
      if (g_strcmp0 (filter, DOSSIER_FILTER_WAITING_ON_ME) == 0)
        {
          const DossierRequestSummary *summary = NULL;

          if (self->cache != NULL)
            summary = dossier_request_cache_lookup (self->cache, dossier_client_get_id (client));
          if (summary == NULL || summary->n_waiting == 0)
            return FALSE;
        }
      else if (g_strcmp0 (dossier_client_get_status (client), filter) != 0)
        return FALSE;
    }

  if (self->terms != NULL)
    {
      const char *key = dossier_client_get_search_key (client);

      for (guint i = 0; self->terms[i] != NULL; i++)
        {
          if (strstr (key, self->terms[i]) == NULL)
            return FALSE;
        }
    }

  return TRUE;
}

const DossierRequestSummary *
_dossier_client_filter_model_lookup_summary (DossierClientFilterModel *self,
                DossierClient            *client)
{
  if (self->cache == NULL)
    return NULL;

  return dossier_request_cache_lookup (self->cache, dossier_client_get_id (client));
}

static void
item_set (DossierClientFilterModel *self,
          DossierClientItem        *item,
          DossierClient            *client)
{
  gboolean moved = dossier_client_item_get_client (item) != client;

  dossier_client_item_set (item, client, _dossier_client_filter_model_lookup_summary (self, client));
  if (moved && self->cache != NULL)
    dossier_request_cache_want (self->cache, dossier_client_get_id (client));
}

static gboolean
item_is_idle (gpointer key,
              gpointer value,
              gpointer user_data)
{
  return G_OBJECT (value)->ref_count == 1;
}

/* Hands every live item its new client and announces only the changed tail. */
static void
publish (DossierClientFilterModel *self,
         GPtrArray                *matches)
{
  guint old_matches = self->matches != NULL ? self->matches->len : 0;
  guint old_n = self->shown->len;
  guint new_n;
  guint common;
  GHashTableIter iter;
  gpointer key;
  gpointer value;

  g_clear_pointer (&self->matches, g_ptr_array_unref);
  self->matches = matches;
  if (matches->len > 0 || self->sorted == NULL || self->sorted->len == 0)
    {
      g_ptr_array_unref (self->shown);
      self->shown = g_ptr_array_ref (matches);
    }
  new_n = self->shown->len;

  g_hash_table_iter_init (&iter, self->items);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      guint position = GPOINTER_TO_UINT (key);

      if (position >= new_n)
        g_hash_table_iter_remove (&iter);
      else
        item_set (self, value, g_ptr_array_index (self->shown, position));
    }
  if (g_hash_table_size (self->items) > MAX_IDLE_ITEMS)
    g_hash_table_foreach_remove (self->items, item_is_idle, NULL);

  common = MIN (old_n, new_n);
  if (old_n != new_n)
    g_list_model_items_changed (G_LIST_MODEL (self), common, old_n - common, new_n - common);

  if (old_matches != matches->len)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_MATCHES]);
  g_signal_emit (self, signals[SIGNAL_REFILTERED], 0);
}

void
_dossier_client_filter_model_refilter (DossierClientFilterModel *self,
          gboolean                  narrowing)
{
  GPtrArray *base;
  GPtrArray *matches;

  if (self->sorted == NULL)
    return;

  if (self->terms == NULL && g_strcmp0 (self->status_filter, DOSSIER_FILTER_ALL) == 0)
    {
      publish (self, g_ptr_array_ref (self->sorted));
      return;
    }

  base = narrowing && self->matches != NULL ? self->matches : self->sorted;
  matches = g_ptr_array_new_full (MIN (base->len, 1024), g_object_unref);
  for (guint i = 0; i < base->len; i++)
    {
      DossierClient *client = g_ptr_array_index (base, i);

      if (client_passes (self, client))
        g_ptr_array_add (matches, g_object_ref (client));
    }

  publish (self, matches);
}

void
_dossier_client_filter_model_refresh_items (DossierClientFilterModel *self,
                    const char               *client_id)
{
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, self->items);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      DossierClient *client = dossier_client_item_get_client (value);

      if (client_id == NULL || g_strcmp0 (dossier_client_get_id (client), client_id) == 0)
        dossier_client_item_set (value, client, _dossier_client_filter_model_lookup_summary (self, client));
    }
}

