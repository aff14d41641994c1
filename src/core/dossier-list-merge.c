/* dossier-list-merge.c — in-place merge of a GListModel's items with a server list
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Shared by DossierClientList and DossierRequestList (STYLE.md §3.8): objects already in the
 * model are updated in place (same identity, their properties notify), and the model moves to
 * the server's list with one `items-changed` per edited region: a run of removed items and
 * the run of new items at the same place make one splice. Items whose relative order
 * changed are re-inserted as one region between the longest common prefix and suffix of
 * the kept items; they keep their identity.
 */
#include "config.h"

#include "dossier-list-merge-private.h"

static gpointer
ref_item (gconstpointer item,
          gpointer      user_data)
{
  return g_object_ref ((gpointer) item);
}

/* Ids of kept items that stay where they are relative to each other. */
static GHashTable *
collect_stable (GPtrArray                   *items,
                GHashTable                  *index,
                GPtrArray                   *wanted,
                GHashTable                  *wanted_ids,
                const DossierListMergeFuncs *funcs)
{
  g_autoptr(GPtrArray) old_common = g_ptr_array_new ();
  g_autoptr(GPtrArray) new_common = g_ptr_array_new ();
  GHashTable *stable = g_hash_table_new (g_str_hash, g_str_equal);
  guint prefix = 0;
  guint suffix = 0;

  for (guint i = 0; i < items->len; i++)
    {
      const char *id = funcs->get_id (g_ptr_array_index (items, i));

      if (g_hash_table_contains (wanted_ids, id))
        g_ptr_array_add (old_common, (gpointer) id);
    }
  for (guint i = 0; i < wanted->len; i++)
    {
      const char *id = funcs->get_id (g_ptr_array_index (wanted, i));

      if (g_hash_table_contains (index, id))
        g_ptr_array_add (new_common, (gpointer) id);
    }

  /* Both hold the same set of ids. */
  while (prefix < old_common->len
         && g_str_equal (g_ptr_array_index (old_common, prefix), g_ptr_array_index (new_common, prefix)))
    prefix++;
  while (suffix < old_common->len - prefix
         && g_str_equal (g_ptr_array_index (old_common, old_common->len - 1 - suffix),
                         g_ptr_array_index (new_common, new_common->len - 1 - suffix)))
    suffix++;

  for (guint i = 0; i < prefix; i++)
    g_hash_table_add (stable, g_ptr_array_index (old_common, i));
  for (guint i = old_common->len - suffix; i < old_common->len; i++)
    g_hash_table_add (stable, g_ptr_array_index (old_common, i));

  return stable;
}

/**
 * dossier_list_merge:
 * @model: the model, for `items-changed`
 * @items: its items (holding a reference each)
 * @index: id (owned copy) → item, for every item of @items
 * @incoming: (element-type GObject): the server's list, in order; duplicates of an id after
 *   the first are ignored
 * @funcs: how to read an id and update an item in place
 *
 * Brings @items to @incoming with the fewest, smallest splices.
 */
void
dossier_list_merge (GListModel                  *model,
                    GPtrArray                   *items,
                    GHashTable                  *index,
                    GPtrArray                   *incoming,
                    const DossierListMergeFuncs *funcs)
{
  g_autoptr(GPtrArray) wanted = g_ptr_array_new ();
  g_autoptr(GHashTable) wanted_ids = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) stable = NULL;
  g_autoptr(GPtrArray) keep_alive = NULL;
  guint i = 0;
  guint j = 0;

  for (guint k = 0; incoming != NULL && k < incoming->len; k++)
    {
      gpointer item = g_ptr_array_index (incoming, k);
      const char *id = funcs->get_id (item);

      if (id != NULL && g_hash_table_add (wanted_ids, (gpointer) id))
        g_ptr_array_add (wanted, item);
    }

  stable = collect_stable (items, index, wanted, wanted_ids, funcs);

  /* A moved item leaves the array before it comes back: hold every old item meanwhile. */
  keep_alive = g_ptr_array_copy (items, ref_item, NULL);
  g_ptr_array_set_free_func (keep_alive, g_object_unref);

  while (i < items->len || j < wanted->len)
    {
      guint removed = 0;
      guint added = 0;

      if (i < items->len && j < wanted->len
          && g_hash_table_contains (stable, funcs->get_id (g_ptr_array_index (items, i)))
          && g_hash_table_contains (stable, funcs->get_id (g_ptr_array_index (wanted, j))))
        {
          /* Stable items are in the same order on both sides: the same id. */
          funcs->update_from (g_ptr_array_index (items, i), g_ptr_array_index (wanted, j));
          i++;
          j++;
          continue;
        }

      while (i + removed < items->len
             && !g_hash_table_contains (stable, funcs->get_id (g_ptr_array_index (items, i + removed))))
        removed++;
      while (j + added < wanted->len
             && !g_hash_table_contains (stable, funcs->get_id (g_ptr_array_index (wanted, j + added))))
        added++;

      g_assert (removed > 0 || added > 0);

      /* Take the objects to insert first: a moved one is reused, not replaced. */
      {
        g_autoptr(GPtrArray) insert = g_ptr_array_new_with_free_func (g_object_unref);

        for (guint k = 0; k < added; k++)
          {
            gpointer newer = g_ptr_array_index (wanted, j + k);
            gpointer existing = g_hash_table_lookup (index, funcs->get_id (newer));

            if (existing != NULL)
              {
                funcs->update_from (existing, newer);
                g_ptr_array_add (insert, g_object_ref (existing));
              }
            else
              {
                g_ptr_array_add (insert, g_object_ref (newer));
              }
          }

        for (guint k = 0; k < removed; k++)
          {
            const char *id = funcs->get_id (g_ptr_array_index (items, i + k));

            if (!g_hash_table_contains (wanted_ids, id))
              g_hash_table_remove (index, id);
          }
        g_ptr_array_remove_range (items, i, removed);

        for (guint k = 0; k < added; k++)
          {
            gpointer item = g_ptr_array_index (insert, k);

            g_ptr_array_insert (items, i + k, g_object_ref (item));
            if (!g_hash_table_contains (index, funcs->get_id (item)))
              g_hash_table_insert (index, g_strdup (funcs->get_id (item)), item);
          }
      }

      g_list_model_items_changed (model, i, removed, added);
      i += added;
      j += added;
    }
}
