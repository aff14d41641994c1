/* dossier-client-filter-model.c — the client list searched, filtered and sorted
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Why not GtkFilterListModel + GtkSortListModel: on GTK 4.8 every items-changed that
 * replaces the list makes GtkListView destroy and rebuild each row widget (~200 of
 * them), which costs most of a keystroke at 100 000 clients. This model keeps one
 * DossierClientItem per position: when the search, the filter or the sort changes, the
 * item at position i stays the same object and is handed its new client, and only the
 * tail (positions beyond the shorter of the two lists) is announced as changed. While
 * nothing matches it keeps its rows (the window shows the no-match page over them), so
 * typing past a dead end and back does not rebuild them either.
 *
 * Matching uses the clients' pre-folded search keys (folded on the parser's worker), kept
 * in sort order in one block, with the query folded the same way; each word of the query
 * must occur. The results of the queries typed on the way are kept: typing on narrows the
 * last one, deleting goes back to one already computed, so only a query that is not an
 * extension of an earlier one scans the whole list. The match lists borrow their clients
 * from the sorted list. Sorting a large list runs on a worker over copied keys.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "dossier-client-filter-model.h"
#include "dossier-client-item.h"
#include "dossier-client-filter-model-private.h"
#include "dossier-client-sort-job-private.h"

static void dossier_client_filter_model_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (DossierClientFilterModel, dossier_client_filter_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      dossier_client_filter_model_list_model_init))

GParamSpec *_dossier_client_filter_model_properties [N_PROPS];
guint _dossier_client_filter_model_signals [N_SIGNALS];

#define properties _dossier_client_filter_model_properties
#define signals _dossier_client_filter_model_signals

static DossierClientSortMode
sort_mode (DossierClientFilterModel *self)
{
  if (g_strcmp0 (self->sort_order, DOSSIER_SORT_LAST_CHANGE) == 0)
    return DOSSIER_CLIENT_SORT_LAST_CHANGE;
  if (g_strcmp0 (self->sort_order, DOSSIER_SORT_WAITING_LONGEST) == 0)
    return DOSSIER_CLIENT_SORT_WAITING;
  return DOSSIER_CLIENT_SORT_NAME;
}

static void
sort_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  g_task_return_pointer (task, _dossier_client_sort_job_run (task_data),
                         (GDestroyNotify) _dossier_client_sorted_free);
}

static void
set_pending (DossierClientFilterModel *self,
             gboolean                  pending)
{
  if (self->pending == !!pending)
    return;
  self->pending = !!pending;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PENDING]);
}

static void
apply_sorted (DossierClientFilterModel *self,
              DossierClientSorted      *sorted)
{
  guint old_total = self->sorted != NULL ? self->sorted->len : 0;
  guint new_total = sorted->clients->len;

  g_clear_pointer (&self->sorted, g_ptr_array_unref);
  g_free (self->keys);
  g_free (self->key_offsets);
  self->sorted = g_steal_pointer (&sorted->clients);
  self->keys = g_steal_pointer (&sorted->keys);
  self->key_offsets = g_steal_pointer (&sorted->offsets);
  _dossier_client_sorted_free (sorted);

  _dossier_client_filter_model_refilter (self, FALSE);
  if (old_total != new_total)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_TOTAL]);
  set_pending (self, FALSE);
}

static void
sorted_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  DossierClientFilterModel *self = DOSSIER_CLIENT_FILTER_MODEL (object);
  DossierClientSorted *sorted = g_task_propagate_pointer (G_TASK (result), NULL);

  /* NULL: cancelled, a newer sort is on its way. */
  if (sorted != NULL)
    apply_sorted (self, sorted);
}

static void
resort (DossierClientFilterModel *self)
{
  g_autoptr(GTask) task = NULL;
  DossierClientSortJob *job;

  g_clear_handle_id (&self->resort_id, g_source_remove);
  g_cancellable_cancel (self->sort_cancellable);
  g_clear_object (&self->sort_cancellable);

  job = _dossier_client_sort_job_new (self->source, sort_mode (self), self->cache);
  if (_dossier_client_sort_job_get_size (job) < SORT_IN_THREAD_THRESHOLD)
    {
      DossierClientSorted *sorted = _dossier_client_sort_job_run (job);

      _dossier_client_sort_job_free (job);
      apply_sorted (self, sorted);
      return;
    }

  set_pending (self, TRUE);
  self->sort_cancellable = g_cancellable_new ();
  task = g_task_new (self, self->sort_cancellable, sorted_cb, NULL);
  g_task_set_source_tag (task, resort);
  g_task_set_return_on_cancel (task, TRUE);
  g_task_set_task_data (task, job, (GDestroyNotify) _dossier_client_sort_job_free);
  g_task_run_in_thread (task, sort_thread);
}

static gboolean
resort_cb (gpointer user_data)
{
  DossierClientFilterModel *self = user_data;

  self->resort_id = 0;
  resort (self);
  return G_SOURCE_REMOVE;
}

static void
queue_resort (DossierClientFilterModel *self,
              guint                     delay_ms)
{
  if (self->resort_id != 0)
    return;
  self->resort_id = g_timeout_add (delay_ms, resort_cb, self);
}

static void
source_items_changed_cb (DossierClientFilterModel *self,
                         guint                     position,
                         guint                     removed,
                         guint                     added,
                         GListModel               *source)
{
  queue_resort (self, 0);
}

static void
cache_changed_cb (DossierClientFilterModel *self,
                  const char               *client_id,
                  DossierRequestCache      *cache)
{
  _dossier_client_filter_model_refresh_items (self, client_id);

  /* Badges arriving one by one re-sort at most once a second. */
  if (sort_mode (self) == DOSSIER_CLIENT_SORT_WAITING
      || g_strcmp0 (self->status_filter, DOSSIER_FILTER_WAITING_ON_ME) == 0)
    queue_resort (self, client_id == NULL ? 0 : 1000);

  /* The journal's entries are in: rows on screen may now be stale. */
  if (client_id == NULL)
    {
      GHashTableIter iter;
      gpointer value;

      g_hash_table_iter_init (&iter, self->items);
      while (g_hash_table_iter_next (&iter, NULL, &value))
        dossier_request_cache_want (cache, dossier_client_get_id (dossier_client_item_get_client (value)));
    }
}

static GType
dossier_client_filter_model_get_item_type (GListModel *model)
{
  return DOSSIER_TYPE_CLIENT_ITEM;
}

static guint
dossier_client_filter_model_get_n_items (GListModel *model)
{
  return DOSSIER_CLIENT_FILTER_MODEL (model)->shown->len;
}

static gpointer
dossier_client_filter_model_get_item (GListModel *model,
                                      guint       position)
{
  DossierClientFilterModel *self = DOSSIER_CLIENT_FILTER_MODEL (model);
  DossierClientItem *item;
  DossierClient *client;

  if (position >= self->shown->len)
    return NULL;

  item = g_hash_table_lookup (self->items, GUINT_TO_POINTER (position));
  if (item != NULL)
    return g_object_ref (item);

  /* GTK asks for the rows it shows: those are the badges to refresh first. */
  client = g_ptr_array_index (self->shown, position);
  item = dossier_client_item_new (client, _dossier_client_filter_model_lookup_summary (self, client));
  g_hash_table_insert (self->items, GUINT_TO_POINTER (position), item);
  if (self->cache != NULL)
    dossier_request_cache_want (self->cache, dossier_client_get_id (client));

  return g_object_ref (item);
}

static void
dossier_client_filter_model_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = dossier_client_filter_model_get_item_type;
  iface->get_n_items = dossier_client_filter_model_get_n_items;
  iface->get_item = dossier_client_filter_model_get_item;
}

static void
dossier_client_filter_model_dispose (GObject *object)
{
  DossierClientFilterModel *self = DOSSIER_CLIENT_FILTER_MODEL (object);

  g_clear_handle_id (&self->resort_id, g_source_remove);
  g_cancellable_cancel (self->sort_cancellable);
  g_clear_object (&self->sort_cancellable);
  if (self->source != NULL)
    g_signal_handlers_disconnect_by_data (self->source, self);
  g_clear_object (&self->source);
  if (self->cache != NULL)
    g_signal_handlers_disconnect_by_data (self->cache, self);
  g_clear_object (&self->cache);
  if (self->notes != NULL)
    g_signal_handlers_disconnect_by_data (self->notes, self);
  g_clear_object (&self->notes);
  g_hash_table_remove_all (self->items);

  G_OBJECT_CLASS (dossier_client_filter_model_parent_class)->dispose (object);
}

static void
dossier_client_filter_model_finalize (GObject *object)
{
  DossierClientFilterModel *self = DOSSIER_CLIENT_FILTER_MODEL (object);

  g_clear_pointer (&self->items, g_hash_table_unref);
  g_clear_pointer (&self->matches, g_ptr_array_unref);
  g_clear_pointer (&self->shown, g_ptr_array_unref);
  g_clear_pointer (&self->shown_owner, g_ptr_array_unref);
  g_clear_pointer (&self->steps, g_ptr_array_unref);
  g_clear_pointer (&self->sorted, g_ptr_array_unref);
  g_clear_pointer (&self->keys, g_free);
  g_clear_pointer (&self->key_offsets, g_free);
  g_clear_pointer (&self->terms, g_strfreev);
  g_free (self->query);
  g_free (self->status_filter);
  g_free (self->sort_order);

  G_OBJECT_CLASS (dossier_client_filter_model_parent_class)->finalize (object);
}

static void
dossier_client_filter_model_get_property (GObject    *object,
                                          guint       prop_id,
                                          GValue     *value,
                                          GParamSpec *pspec)
{
  DossierClientFilterModel *self = DOSSIER_CLIENT_FILTER_MODEL (object);

  switch (prop_id)
    {
    case PROP_QUERY:
      g_value_set_string (value, self->query);
      break;

    case PROP_STATUS_FILTER:
      g_value_set_string (value, self->status_filter);
      break;

    case PROP_SORT_ORDER:
      g_value_set_string (value, self->sort_order);
      break;

    case PROP_N_MATCHES:
      g_value_set_uint (value, dossier_client_filter_model_get_n_matches (self));
      break;

    case PROP_N_TOTAL:
      g_value_set_uint (value, dossier_client_filter_model_get_n_total (self));
      break;

    case PROP_PENDING:
      g_value_set_boolean (value, self->pending);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dossier_client_filter_model_set_property (GObject      *object,
                                          guint         prop_id,
                                          const GValue *value,
                                          GParamSpec   *pspec)
{
  DossierClientFilterModel *self = DOSSIER_CLIENT_FILTER_MODEL (object);

  switch (prop_id)
    {
    case PROP_QUERY:
      dossier_client_filter_model_set_query (self, g_value_get_string (value));
      break;

    case PROP_STATUS_FILTER:
      dossier_client_filter_model_set_status_filter (self, g_value_get_string (value));
      break;

    case PROP_SORT_ORDER:
      dossier_client_filter_model_set_sort_order (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dossier_client_filter_model_class_init (DossierClientFilterModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = dossier_client_filter_model_dispose;
  object_class->finalize = dossier_client_filter_model_finalize;
  object_class->get_property = dossier_client_filter_model_get_property;
  object_class->set_property = dossier_client_filter_model_set_property;

  properties[PROP_QUERY] = g_param_spec_string ("query", NULL, NULL, "", rw);
  properties[PROP_STATUS_FILTER] =
    g_param_spec_string ("status-filter", NULL, NULL, DOSSIER_FILTER_ALL, rw);
  properties[PROP_SORT_ORDER] = g_param_spec_string ("sort-order", NULL, NULL, DOSSIER_SORT_NAME, rw);
  properties[PROP_N_MATCHES] = g_param_spec_uint ("n-matches", NULL, NULL, 0, G_MAXUINT, 0, ro);
  properties[PROP_N_TOTAL] = g_param_spec_uint ("n-total", NULL, NULL, 0, G_MAXUINT, 0, ro);
  properties[PROP_PENDING] = g_param_spec_boolean ("pending", NULL, NULL, FALSE, ro);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * DossierClientFilterModel::refiltered:
   *
   * The positions now hold other clients (the search, filter, sort or source changed).
   */
  signals[SIGNAL_REFILTERED] =
    g_signal_new ("refiltered", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
dossier_client_filter_model_init (DossierClientFilterModel *self)
{
  self->query = g_strdup ("");
  self->status_filter = g_strdup (DOSSIER_FILTER_ALL);
  self->sort_order = g_strdup (DOSSIER_SORT_NAME);
  self->shown = g_ptr_array_new ();
  self->items = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, g_object_unref);
}

/**
 * dossier_client_filter_model_new:
 * @source: (nullable): a #GListModel of #DossierClient
 * @cache: (nullable): where badges, the waiting filter and the waiting sort look
 *
 * Returns: (transfer full): a model of #DossierClientItem
 */
DossierClientFilterModel *
dossier_client_filter_model_new (GListModel          *source,
                                 DossierRequestCache *cache)
{
  DossierClientFilterModel *self;

  g_return_val_if_fail (!source || G_IS_LIST_MODEL (source), NULL);
  g_return_val_if_fail (!cache || DOSSIER_IS_REQUEST_CACHE (cache), NULL);

  self = g_object_new (DOSSIER_TYPE_CLIENT_FILTER_MODEL, NULL);
  if (cache != NULL)
    {
      self->cache = g_object_ref (cache);
      g_signal_connect_object (cache, "changed", G_CALLBACK (cache_changed_cb), self,
                               G_CONNECT_SWAPPED);
    }
  dossier_client_filter_model_set_source (self, source);

  return self;
}

/**
 * dossier_client_filter_model_get_source:
 * @self: a #DossierClientFilterModel
 *
 * Returns: (transfer none) (nullable): the model of #DossierClient
 */
GListModel *
dossier_client_filter_model_get_source (DossierClientFilterModel *self)
{
  g_return_val_if_fail (DOSSIER_IS_CLIENT_FILTER_MODEL (self), NULL);

  return self->source;
}

void
dossier_client_filter_model_set_source (DossierClientFilterModel *self,
                                        GListModel               *source)
{
  g_return_if_fail (DOSSIER_IS_CLIENT_FILTER_MODEL (self));
  g_return_if_fail (!source || G_IS_LIST_MODEL (source));

  if (self->source == source)
    return;

  if (self->source != NULL)
    g_signal_handlers_disconnect_by_data (self->source, self);
  g_set_object (&self->source, source);
  if (source != NULL)
    g_signal_connect_object (source, "items-changed", G_CALLBACK (source_items_changed_cb),
                             self, G_CONNECT_SWAPPED);
  resort (self);
}

const char *
dossier_client_filter_model_get_query (DossierClientFilterModel *self)
{
  g_return_val_if_fail (DOSSIER_IS_CLIENT_FILTER_MODEL (self), NULL);

  return self->query;
}

/**
 * dossier_client_filter_model_set_query:
 * @self: a #DossierClientFilterModel
 * @query: (nullable): what was typed; folded here like the clients' keys
 *
 * Filters synchronously: when this returns, nothing is pending.
 */
void
dossier_client_filter_model_set_query (DossierClientFilterModel *self,
                                       const char               *query)
{
  g_autofree char *folded = NULL;

  g_return_if_fail (DOSSIER_IS_CLIENT_FILTER_MODEL (self));

  folded = g_strstrip (dossier_client_fold_text (query != NULL ? query : ""));
  if (g_strcmp0 (folded, self->query) == 0)
    return;

  g_free (self->query);
  self->query = g_steal_pointer (&folded);
  g_clear_pointer (&self->terms, g_strfreev);
  if (*self->query != '\0')
    self->terms = g_strsplit_set (self->query, " \t", -1);
  if (self->terms != NULL)
    {
      /* Runs of spaces leave empty words, which match everything. */
      guint j = 0;

      for (guint i = 0; self->terms[i] != NULL; i++)
        {
          _dossier_client_filter_model_strip_number_marks (self->terms[i]);
          if (*self->terms[i] != '\0')
            self->terms[j++] = self->terms[i];
          else
            g_free (self->terms[i]);
        }
      self->terms[j] = NULL;
    }

  _dossier_client_filter_model_refilter (self, TRUE);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_QUERY]);
}

const char *
dossier_client_filter_model_get_status_filter (DossierClientFilterModel *self)
{
  g_return_val_if_fail (DOSSIER_IS_CLIENT_FILTER_MODEL (self), NULL);

  return self->status_filter;
}

void
dossier_client_filter_model_set_status_filter (DossierClientFilterModel *self,
                                               const char               *filter)
{
  g_return_if_fail (DOSSIER_IS_CLIENT_FILTER_MODEL (self));

  if (filter == NULL || *filter == '\0')
    filter = DOSSIER_FILTER_ALL;
  if (g_strcmp0 (filter, self->status_filter) == 0)
    return;

  g_free (self->status_filter);
  self->status_filter = g_strdup (filter);
  _dossier_client_filter_model_refilter (self, FALSE);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS_FILTER]);
}

const char *
dossier_client_filter_model_get_sort_order (DossierClientFilterModel *self)
{
  g_return_val_if_fail (DOSSIER_IS_CLIENT_FILTER_MODEL (self), NULL);

  return self->sort_order;
}

void
dossier_client_filter_model_set_sort_order (DossierClientFilterModel *self,
                                            const char               *order)
{
  g_return_if_fail (DOSSIER_IS_CLIENT_FILTER_MODEL (self));

  if (order == NULL || *order == '\0')
    order = DOSSIER_SORT_NAME;
  if (g_strcmp0 (order, self->sort_order) == 0)
    return;

  g_free (self->sort_order);
  self->sort_order = g_strdup (order);
  resort (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SORT_ORDER]);
}

guint
dossier_client_filter_model_get_n_matches (DossierClientFilterModel *self)
{
  g_return_val_if_fail (DOSSIER_IS_CLIENT_FILTER_MODEL (self), 0);

  return self->matches != NULL ? self->matches->len : 0;
}

guint
dossier_client_filter_model_get_n_total (DossierClientFilterModel *self)
{
  g_return_val_if_fail (DOSSIER_IS_CLIENT_FILTER_MODEL (self), 0);

  return self->sorted != NULL ? self->sorted->len : 0;
}

/**
 * dossier_client_filter_model_get_pending:
 * @self: a #DossierClientFilterModel
 *
 * Returns: %TRUE while a sort runs on a worker (the positions show the previous order)
 */
gboolean
dossier_client_filter_model_get_pending (DossierClientFilterModel *self)
{
  g_return_val_if_fail (DOSSIER_IS_CLIENT_FILTER_MODEL (self), FALSE);

  return self->pending || self->resort_id != 0;
}

/**
 * dossier_client_filter_model_refresh_keys:
 * @self: a #DossierClientFilterModel
 *
 * Clients of the source changed in place (name, email: what is searched and sorted on):
 * sorts again and rebuilds the searched keys, which the model keeps in a copy. A list
 * merge that adds, removes or moves clients does this by itself.
 */
void
dossier_client_filter_model_refresh_keys (DossierClientFilterModel *self)
{
  g_return_if_fail (DOSSIER_IS_CLIENT_FILTER_MODEL (self));

  queue_resort (self, 0);
}
