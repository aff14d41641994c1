/* dossier-client-filter-model-match.c — matching and publishing: who is at which position
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "dossier-client-filter-model-private.h"

#define properties _dossier_client_filter_model_properties
#define signals _dossier_client_filter_model_signals

/* One query typed on the way to the current one, and the positions in sorted it matched.
 * Typing on narrows the last step's result; deleting goes back to a step already done. */
typedef struct {
  char   *query;
  GArray *indices;   /* guint */
} SearchStep;

static void
search_step_free (gpointer data)
{
  SearchStep *step = data;

  g_free (step->query);
  g_array_unref (step->indices);
  g_free (step);
}

typedef enum {
  PASS_ALL,
  PASS_STATUS,
  PASS_WAITING,
} PassMode;

static PassMode
pass_mode (DossierClientFilterModel *self)
{
  if (g_strcmp0 (self->status_filter, DOSSIER_FILTER_ALL) == 0)
    return PASS_ALL;
  if (g_strcmp0 (self->status_filter, DOSSIER_FILTER_WAITING_ON_ME) == 0)
    return PASS_WAITING;
  return PASS_STATUS;
}

static gboolean
client_passes_filter (DossierClientFilterModel *self,
                      PassMode                  mode,
                      DossierClient            *client)
{
  const DossierRequestSummary *summary = NULL;

  switch (mode)
    {
    case PASS_ALL:
      return TRUE;

    case PASS_STATUS:
      return g_strcmp0 (dossier_client_get_status (client), self->status_filter) == 0;

    case PASS_WAITING:
    default:
      if (self->cache != NULL)
        summary = dossier_request_cache_lookup (self->cache, dossier_client_get_id (client));
      return dossier_request_summary_waits_on_me (summary);
    }
}

/* A word with digits is a phone number typed as people write them ("6886-0622",
 * "(11)"): the marks between its digits go, as the keys hold digits only. */
void
_dossier_client_filter_model_strip_number_marks (char *term)
{
  char *out = term;

  if (strpbrk (term, "0123456789") == NULL)
    return;
  for (const char *in = term; *in != '\0'; in++)
    if (strchr ("-().", *in) == NULL)
      *out++ = *in;
  *out = '\0';
}

static gboolean
key_matches (const char  *key,
             char       **terms)
{
  for (guint i = 0; terms != NULL && terms[i] != NULL; i++)
    {
      if (strstr (key, terms[i]) == NULL)
        return FALSE;
    }
  return TRUE;
}

/* The positions in sorted that pass the query and the filter, looking only at @base
 * (positions, NULL for all). */
static GArray *
scan (DossierClientFilterModel *self,
      GArray                   *base)
{
  PassMode mode = pass_mode (self);
  guint n = base != NULL ? base->len : self->sorted->len;
  GArray *indices = g_array_sized_new (FALSE, FALSE, sizeof (guint), n);
  guint *out = (guint *) (gpointer) indices->data;
  guint count = 0;
  gboolean use_notes = self->notes != NULL && self->query != NULL && *self->query != '\0'
                       && dossier_note_index_get_n_clients (self->notes) > 0;

  for (guint i = 0; i < n; i++)
    {
      guint index = base != NULL ? g_array_index (base, guint, i) : i;

      if ((key_matches (self->keys + self->key_offsets[index], self->terms)
           || (use_notes && dossier_note_index_match (self->notes,
                                                      dossier_client_get_id (g_ptr_array_index (self->sorted, index)),
                                                      self->query)))
          && (mode == PASS_ALL
              || client_passes_filter (self, mode, g_ptr_array_index (self->sorted, index))))
        out[count++] = index;
    }
  g_array_set_size (indices, count);

  /* Kept as a step: no room for the candidates that failed. */
  if (count < n / 2)
    {
      GArray *fit = g_array_sized_new (FALSE, FALSE, sizeof (guint), count);

      g_array_append_vals (fit, indices->data, count);
      g_array_unref (indices);
      indices = fit;
    }

  return indices;
}

void
_dossier_client_filter_model_clear_steps (DossierClientFilterModel *self)
{
  if (self->steps != NULL)
    g_ptr_array_set_size (self->steps, 0);
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

/* Hands every live item its new client and announces only the changed tail.
 * @matches borrows its clients from self->sorted. */
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
      g_clear_pointer (&self->shown_owner, g_ptr_array_unref);
      if (self->sorted != NULL)
        self->shown_owner = g_ptr_array_ref (self->sorted);
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

/* The step to start from: the latest one whose query the current one extends (dropping
 * the steps typed past it), or NULL to scan the whole list. */
static SearchStep *
base_step (DossierClientFilterModel *self)
{
  while (self->steps->len > 0)
    {
      SearchStep *step = g_ptr_array_index (self->steps, self->steps->len - 1);

      if (g_str_has_prefix (self->query, step->query))
        return step;
      g_ptr_array_remove_index (self->steps, self->steps->len - 1);
    }
  return NULL;
}

/**
 * _dossier_client_filter_model_refilter:
 * @self: a #DossierClientFilterModel
 * @same_list: %FALSE when the sorted list or the status filter changed (earlier steps'
 *   results no longer hold)
 *
 * Matches the query's words on the sorted keys and publishes the result.
 */
void
_dossier_client_filter_model_refilter (DossierClientFilterModel *self,
                                       gboolean                  same_list)
{
  SearchStep *step;
  GPtrArray *matches;
  GArray *indices;

  if (self->steps == NULL)
    self->steps = g_ptr_array_new_with_free_func (search_step_free);
  if (!same_list)
    _dossier_client_filter_model_clear_steps (self);

  if (self->sorted == NULL)
    return;

  if (self->terms == NULL && pass_mode (self) == PASS_ALL)
    {
      publish (self, g_ptr_array_ref (self->sorted));
      return;
    }

  /* Extending a query looks only at what its prefix matched; deleting back to a query
   * already typed reuses its result. Words that are only spaces match everything, so
   * "maria" and "maria " share a result. */
  step = base_step (self);
  if (step != NULL && g_str_equal (step->query, self->query))
    indices = g_array_ref (step->indices);
  else
    {
      indices = scan (self, step != NULL ? step->indices : NULL);
      step = g_new0 (SearchStep, 1);
      step->query = g_strdup (self->query);
      step->indices = g_array_ref (indices);
      g_ptr_array_add (self->steps, step);
    }

  matches = g_ptr_array_sized_new (indices->len);
  g_ptr_array_set_size (matches, indices->len);
  for (guint i = 0; i < indices->len; i++)
    matches->pdata[i] = g_ptr_array_index (self->sorted, g_array_index (indices, guint, i));
  g_array_unref (indices);

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

/**
 * dossier_client_filter_model_get_client:
 * @self: a #DossierClientFilterModel
 * @position: a position among the matches
 *
 * Returns: (transfer none) (nullable): the client that matches at @position
 */
DossierClient *
dossier_client_filter_model_get_client (DossierClientFilterModel *self,
                                        guint                     position)
{
  g_return_val_if_fail (DOSSIER_IS_CLIENT_FILTER_MODEL (self), NULL);

  if (self->matches == NULL || position >= self->matches->len)
    return NULL;

  return g_ptr_array_index (self->matches, position);
}

/**
 * dossier_client_filter_model_find:
 * @self: a #DossierClientFilterModel
 * @client: a client
 *
 * Returns: the position of @client among the matches, or %G_MAXUINT
 */
guint
dossier_client_filter_model_find (DossierClientFilterModel *self,
                                  DossierClient            *client)
{
  guint position;

  g_return_val_if_fail (DOSSIER_IS_CLIENT_FILTER_MODEL (self), G_MAXUINT);

  if (client == NULL || self->matches == NULL
      || !g_ptr_array_find (self->matches, client, &position))
    return G_MAXUINT;

  return position;
}

static void
notes_changed_cb (DossierClientFilterModel *self)
{
  /* Earlier steps were matched without these notes. */
  if (self->query != NULL && *self->query != '\0' && self->sorted != NULL)
    {
      _dossier_client_filter_model_clear_steps (self);
      _dossier_client_filter_model_refilter (self, FALSE);
    }
}

/**
 * dossier_client_filter_model_set_note_index:
 * @self: a #DossierClientFilterModel
 * @notes: (nullable): the clients' private notes
 *
 * A client also matches a search when one of its notes contains the query.
 */
void
dossier_client_filter_model_set_note_index (DossierClientFilterModel *self,
                                            DossierNoteIndex         *notes)
{
  g_return_if_fail (DOSSIER_IS_CLIENT_FILTER_MODEL (self));
  g_return_if_fail (!notes || DOSSIER_IS_NOTE_INDEX (notes));

  if (self->notes == notes)
    return;
  if (self->notes != NULL)
    g_signal_handlers_disconnect_by_data (self->notes, self);
  g_set_object (&self->notes, notes);
  if (notes != NULL)
    g_signal_connect_object (notes, "changed", G_CALLBACK (notes_changed_cb), self, G_CONNECT_SWAPPED);
  notes_changed_cb (self);
}
