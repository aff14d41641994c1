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
 *
 * It runs on the main thread with lists of 100 000 clients, so the two cases of nearly every
 * refresh are cheap: filling an empty model is one splice and no hashing, and a list with
 * the same ids in the same order costs one string compare and one update_from() (a
 * fingerprint compare when nothing changed) per item, with no splice at all. The id index
 * is built only when something needs it.
 *
 * DossierIdList, at the end, is the storage both models embed: the items, that index, and
 * add / remove / lookup / merge on them, with `items-changed` and the `n-items` notify.
 */
#include "config.h"

#include <string.h>

#include "dossier-list-merge-private.h"

/**
 * dossier_list_merge_ensure_index:
 * @index: (inout): the index, or %NULL when it was never needed
 * @items: the items of the model
 * @funcs: how to read an id
 *
 * Returns: (transfer none): the index, id (owned copy) → item (borrowed from @items)
 */
GHashTable *
dossier_list_merge_ensure_index (GHashTable                  **index,
                                 GPtrArray                    *items,
                                 const DossierListMergeFuncs  *funcs)
{
  if (*index != NULL)
    return *index;

  *index = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; i < items->len; i++)
    {
      gpointer item = g_ptr_array_index (items, i);

      g_hash_table_insert (*index, g_strdup (funcs->get_id (item)), item);
    }
  return *index;
}

/* Replaces @removed items at @position by the @n_added (referenced) @added, moving the tail
 * once whatever the sizes. */
static void
splice (GPtrArray *items,
        guint      position,
        guint      removed,
        gpointer  *added,
        guint      n_added)
{
  guint tail;

  if (removed > 0)
    g_ptr_array_remove_range (items, position, removed);
  if (n_added == 0)
    return;

  tail = items->len - position;
  g_ptr_array_set_size (items, items->len + n_added);
  memmove (items->pdata + position + n_added, items->pdata + position, tail * sizeof (gpointer));
  for (guint k = 0; k < n_added; k++)
    items->pdata[position + k] = g_object_ref (added[k]);
}

/* When @incoming has the same ids in the same order, updates the items that changed and
 * returns TRUE; otherwise changes nothing and returns FALSE. */
static gboolean
update_same_ids (GPtrArray                   *items,
                 GPtrArray                   *incoming,
                 const DossierListMergeFuncs *funcs)
{
  g_autoptr(GArray) changed = NULL;

  if (items->len != incoming->len)
    return FALSE;

  changed = g_array_new (FALSE, FALSE, sizeof (guint));
  for (guint i = 0; i < items->len; i++)
    {
      gpointer item = g_ptr_array_index (items, i);
      gpointer newer = g_ptr_array_index (incoming, i);

      /* Equal fingerprints hash equal ids too: one integer compare per unchanged item. */
      if (funcs->fingerprint != NULL && funcs->fingerprint (item) == funcs->fingerprint (newer))
        continue;
      if (g_strcmp0 (funcs->get_id (item), funcs->get_id (newer)) != 0)
        return FALSE;
      g_array_append_val (changed, i);
    }

  for (guint k = 0; k < changed->len; k++)
    {
      guint i = g_array_index (changed, guint, k);

      funcs->update_from (g_ptr_array_index (items, i), g_ptr_array_index (incoming, i));
    }
  return TRUE;
}

/* An empty model takes the incoming list as one splice; the index comes with it because it
 * is what finds duplicate ids. */
static void
fill (GListModel                  *model,
      GPtrArray                   *items,
      GHashTable                 **index,
      GPtrArray                   *incoming,
      const DossierListMergeFuncs *funcs)
{
  GHashTable *ids = dossier_list_merge_ensure_index (index, items, funcs);

  g_ptr_array_set_size (items, 0);
  for (guint k = 0; k < incoming->len; k++)
    {
      gpointer item = g_ptr_array_index (incoming, k);
      const char *id = funcs->get_id (item);

      if (id == NULL || g_hash_table_contains (ids, id))
        continue;
      g_hash_table_insert (ids, g_strdup (id), item);
      g_ptr_array_add (items, g_object_ref (item));
    }

  if (items->len > 0)
    g_list_model_items_changed (model, 0, 0, items->len);
}

/**
 * dossier_list_merge:
 * @model: the model, for `items-changed`
 * @items: its items (holding a reference each)
 * @index: (inout): id (owned copy) → item for every item of @items, or %NULL until needed
 * @incoming: (element-type GObject): the server's list, in order; duplicates of an id after
 *   the first are ignored
 * @funcs: how to read an id and update an item in place
 *
 * Brings @items to @incoming with the fewest, smallest splices.
 */
static gboolean
same_item (gpointer                     item,
           gpointer                     newer,
           const DossierListMergeFuncs *funcs)
{
  if (funcs->fingerprint != NULL && funcs->fingerprint (item) == funcs->fingerprint (newer))
    return TRUE;
  return g_strcmp0 (funcs->get_id (item), funcs->get_id (newer)) == 0;
}

static void
update_item (gpointer                     item,
             gpointer                     newer,
             const DossierListMergeFuncs *funcs)
{
  if (funcs->fingerprint == NULL || funcs->fingerprint (item) != funcs->fingerprint (newer))
    funcs->update_from (item, newer);
}

void
dossier_list_merge (GListModel                  *model,
                    GPtrArray                   *items,
                    GHashTable                 **index,
                    GPtrArray                   *incoming,
                    const DossierListMergeFuncs *funcs)
{
  g_autoptr(GPtrArray) wanted = NULL;
  g_autoptr(GHashTable) wanted_ids = NULL;
  g_autoptr(GHashTable) old_window = NULL;
  g_autoptr(GPtrArray) insert = NULL;
  g_autofree gboolean *old_stable = NULL;
  g_autofree gboolean *new_stable = NULL;
  g_autofree guint *old_common = NULL;
  g_autofree gpointer *new_common = NULL;
  g_autofree guint *new_common_at = NULL;
  GHashTable *ids;
  guint n_in = incoming != NULL ? incoming->len : 0;
  guint n_old = items->len;
  guint head = 0;
  guint tail = 0;
  guint n_common = 0;
  guint n_check = 0;
  guint prefix = 0;
  guint suffix = 0;
  guint i = 0;  /* position in the model as it is edited */
  guint o = 0;  /* position in the old items of the item at @i */
  guint j = 0;  /* position in @wanted */

  if (n_old == 0)
    {
      if (n_in > 0)
        fill (model, items, index, incoming, funcs);
      return;
    }

  if (n_in > 0 && update_same_ids (items, incoming, funcs))
    return;

  /* Only the window between the runs of equal ids at both ends needs hashing: a refresh
   * that adds or removes a few clients costs little more than one that changes nothing.
   * (Old ids are unique, so a duplicate can only be in the new window; one that repeats an
   * id of either end is ignored there.) */
  while (head < n_old && head < n_in
         && same_item (g_ptr_array_index (items, head), g_ptr_array_index (incoming, head), funcs))
    head++;
  while (tail < n_old - head && tail < n_in - head
         && same_item (g_ptr_array_index (items, n_old - 1 - tail),
                       g_ptr_array_index (incoming, n_in - 1 - tail), funcs))
    tail++;

  ids = dossier_list_merge_ensure_index (index, items, funcs);
  old_window = g_hash_table_new (NULL, NULL);
  for (guint k = head; k < n_old - tail; k++)
    g_hash_table_add (old_window, g_ptr_array_index (items, k));

  wanted = g_ptr_array_sized_new (n_in);
  wanted_ids = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint k = 0; k < n_in; k++)
    {
      gpointer item = g_ptr_array_index (incoming, k);
      const char *id;
      gpointer existing;

      if (k < head || k >= n_in - tail)
        {
          g_ptr_array_add (wanted, item);
          continue;
        }

      id = funcs->get_id (item);
      if (id == NULL || !g_hash_table_add (wanted_ids, (gpointer) id))
        continue;
      existing = g_hash_table_lookup (ids, id);
      if (existing != NULL && !g_hash_table_contains (old_window, existing))
        continue;
      g_ptr_array_add (wanted, item);
    }

  /* In the windows, the kept items (present on both sides) in the old order and in the new
   * order; the longest common prefix and suffix of the two sequences stay where they are,
   * and so do both ends. */
  old_common = g_new (guint, n_old);
  new_common = g_new (gpointer, wanted->len + 1);
  new_common_at = g_new (guint, wanted->len + 1);
  old_stable = g_new0 (gboolean, n_old);
  new_stable = g_new0 (gboolean, wanted->len);
  for (guint k = 0; k < n_old; k++)
    {
      if (k < head || k >= n_old - tail)
        old_stable[k] = TRUE;
      else if (g_hash_table_contains (wanted_ids, funcs->get_id (g_ptr_array_index (items, k))))
        old_common[n_common++] = k;
    }
  for (guint k = 0; k < wanted->len; k++)
    {
      gpointer existing;

      if (k < head || k >= wanted->len - tail)
        {
          new_stable[k] = TRUE;
          continue;
        }
      existing = g_hash_table_lookup (ids, funcs->get_id (g_ptr_array_index (wanted, k)));
      if (existing != NULL)
        {
          new_common_at[n_check] = k;
          new_common[n_check++] = existing;
        }
    }
  g_assert (n_check == n_common);

  while (prefix < n_common
         && new_common[prefix] == g_ptr_array_index (items, old_common[prefix]))
    prefix++;
  while (suffix < n_common - prefix
         && new_common[n_common - 1 - suffix] == g_ptr_array_index (items, old_common[n_common - 1 - suffix]))
    suffix++;
  for (guint k = 0; k < n_common; k++)
    {
      gboolean stable = k < prefix || k >= n_common - suffix;

      old_stable[old_common[k]] = stable;
      new_stable[new_common_at[k]] = stable;
    }

  insert = g_ptr_array_new_with_free_func (g_object_unref);
  while (i < items->len || j < wanted->len)
    {
      guint removed = 0;
      guint added = 0;

      if (i < items->len && j < wanted->len && old_stable[o] && new_stable[j])
        {
          /* Stable items are in the same order on both sides: the same id. */
          update_item (g_ptr_array_index (items, i), g_ptr_array_index (wanted, j), funcs);
          i++;
          o++;
          j++;
          continue;
        }

      while (i + removed < items->len && !old_stable[o + removed])
        removed++;
      while (j + added < wanted->len && !new_stable[j + added])
        added++;

      g_assert (removed > 0 || added > 0);

      /* Take the objects to insert first: a moved one (always in this same region) is
       * reused, not replaced, and held while it is out of the array. */
      g_ptr_array_set_size (insert, 0);
      for (guint k = 0; k < added; k++)
        {
          gpointer newer = g_ptr_array_index (wanted, j + k);
          gpointer existing = g_hash_table_lookup (ids, funcs->get_id (newer));

          if (existing != NULL)
            funcs->update_from (existing, newer);
          g_ptr_array_add (insert, g_object_ref (existing != NULL ? existing : newer));
        }

      for (guint k = 0; k < removed; k++)
        {
          const char *id = funcs->get_id (g_ptr_array_index (items, i + k));

          if (!g_hash_table_contains (wanted_ids, id))
            g_hash_table_remove (ids, id);
        }

      splice (items, i, removed, insert->pdata, added);

      for (guint k = 0; k < added; k++)
        {
          gpointer item = g_ptr_array_index (insert, k);
          const char *id = funcs->get_id (item);

          if (!g_hash_table_contains (ids, id))
            g_hash_table_insert (ids, g_strdup (id), item);
        }

      g_list_model_items_changed (model, i, removed, added);
      i += added;
      o += removed;
      j += added;
    }
}

/**
 * dossier_id_list_param_spec_n_items:
 *
 * Returns: (transfer floating): the `n-items` property every list model installs
 */
GParamSpec *
dossier_id_list_param_spec_n_items (void)
{
  return g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0,
                            G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
}

static void
id_list_items_changed_cb (GListModel *model,
                          guint       position,
                          guint       removed,
                          guint       added,
                          gpointer    user_data)
{
  DossierIdList *self = user_data;

  if (removed != added)
    g_object_notify_by_pspec (G_OBJECT (model), self->n_items_pspec);
}

/**
 * dossier_id_list_init:
 * @self: the storage, embedded in @model
 * @model: the list model that owns @self, from its instance init
 * @funcs: how to read an id and update an item in place
 * @n_items_pspec: @model's `n-items`, notified when the count changes
 */
void
dossier_id_list_init (DossierIdList               *self,
                      GListModel                  *model,
                      const DossierListMergeFuncs *funcs,
                      GParamSpec                  *n_items_pspec)
{
  self->model = model;
  self->funcs = funcs;
  self->n_items_pspec = n_items_pspec;
  self->items = g_ptr_array_new_with_free_func (g_object_unref);
  self->index = NULL;
  g_signal_connect (model, "items-changed", G_CALLBACK (id_list_items_changed_cb), self);
}

/* From the owner's finalize. */
void
dossier_id_list_clear (DossierIdList *self)
{
  g_clear_pointer (&self->index, g_hash_table_unref);
  g_clear_pointer (&self->items, g_ptr_array_unref);
}

guint
dossier_id_list_get_n_items (DossierIdList *self)
{
  return self->items->len;
}

/* Returns: (transfer full) (nullable): the item at @position, %NULL past the end */
gpointer
dossier_id_list_get_item (DossierIdList *self,
                          guint          position)
{
  if (position >= self->items->len)
    return NULL;
  return g_object_ref (g_ptr_array_index (self->items, position));
}

static GHashTable *
id_list_get_index (DossierIdList *self)
{
  return dossier_list_merge_ensure_index (&self->index, self->items, self->funcs);
}

/* Returns: (transfer none) (nullable): the item with @id, in constant time */
gpointer
dossier_id_list_lookup (DossierIdList *self,
                        const char    *id)
{
  return g_hash_table_lookup (id_list_get_index (self), id);
}

/* Appends @item (which has an id), or updates the item with the same id in place. */
void
dossier_id_list_add (DossierIdList *self,
                     gpointer       item)
{
  const char *id = self->funcs->get_id (item);
  gpointer existing;

  g_return_if_fail (id != NULL);

  existing = g_hash_table_lookup (id_list_get_index (self), id);
  if (existing != NULL)
    {
      self->funcs->update_from (existing, item);
      return;
    }

  g_ptr_array_add (self->items, g_object_ref (item));
  g_hash_table_insert (id_list_get_index (self), g_strdup (id), item);
  g_list_model_items_changed (self->model, self->items->len - 1, 0, 1);
}

/* Returns: whether an item was removed */
gboolean
dossier_id_list_remove_by_id (DossierIdList *self,
                              const char    *id)
{
  gpointer existing;
  guint position;

  existing = g_hash_table_lookup (id_list_get_index (self), id);
  if (existing == NULL || !g_ptr_array_find (self->items, existing, &position))
    return FALSE;

  g_hash_table_remove (id_list_get_index (self), id);
  g_ptr_array_remove_index (self->items, position);
  g_list_model_items_changed (self->model, position, 1, 0);
  return TRUE;
}

/* dossier_list_merge() on the storage: see there. */
void
dossier_id_list_merge (DossierIdList *self,
                       GPtrArray     *incoming)
{
  dossier_list_merge (self->model, self->items, &self->index, incoming, self->funcs);
}
