/* dossier-request-cache.c — each client's product requests as this desk last saw them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The list shows badges without one call per client: summaries come from the journal's
 * request cache, rows on screen ask for a refresh at VISIBLE priority, and a slow sweep
 * refreshes the oldest-known entries at BACKGROUND priority while the scheduler has nothing
 * else to do, so it only ever uses the idle share of the rate budget.
 * Any list of a client's requests the API returns (e.g. the review watcher's poll) updates
 * its summary; a client's last failed check is kept until one succeeds (::checked tells both).
 */
#include "config.h"

#include "dossier-request-cache-private.h"

/* How often the background sweep looks for an idle scheduler. */
#define SWEEP_INTERVAL_MS 1500

G_DEFINE_FINAL_TYPE (DossierRequestCache, dossier_request_cache, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_LOADED,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];
guint _dossier_request_cache_signals [N_SIGNALS];

static void
dossier_request_cache_dispose (GObject *object)
{
  DossierRequestCache *self = DOSSIER_REQUEST_CACHE (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->sweep_id, g_source_remove);
  _dossier_request_cache_dispose_unsent (self);
  if (self->journal != NULL)
    g_signal_handlers_disconnect_by_data (self->journal, self);
  if (self->api != NULL)
    g_signal_handlers_disconnect_by_data (self->api, self);
  g_clear_object (&self->journal);
  g_clear_object (&self->api);

  G_OBJECT_CLASS (dossier_request_cache_parent_class)->dispose (object);
}

static void
dossier_request_cache_finalize (GObject *object)
{
  DossierRequestCache *self = DOSSIER_REQUEST_CACHE (object);

  g_clear_pointer (&self->summaries, g_hash_table_unref);
  g_clear_pointer (&self->in_flight, g_hash_table_unref);
  g_clear_pointer (&self->failures, g_hash_table_unref);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (dossier_request_cache_parent_class)->finalize (object);
}

static void
dossier_request_cache_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  DossierRequestCache *self = DOSSIER_REQUEST_CACHE (object);

  switch (prop_id)
    {
    case PROP_LOADED:
      g_value_set_boolean (value, self->loaded);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dossier_request_cache_class_init (DossierRequestCacheClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = dossier_request_cache_dispose;
  object_class->finalize = dossier_request_cache_finalize;
  object_class->get_property = dossier_request_cache_get_property;

  /* TRUE once the journal's entries have been read (or there is no journal). */
  properties[PROP_LOADED] =
    g_param_spec_boolean ("loaded", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * DossierRequestCache::changed:
   * @client_id: (nullable): the client whose summary changed, or %NULL for many
   */
  _dossier_request_cache_signals[SIGNAL_CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  /* ::checked (client_id, error or NULL): a fetch of the cache ended, not cancelled. */
  _dossier_request_cache_signals[SIGNAL_CHECKED] =
    g_signal_new ("checked", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_ERROR);

  _dossier_request_cache_class_init_unsent (object_class);
}

static void
dossier_request_cache_init (DossierRequestCache *self)
{
  self->summaries = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                           (GDestroyNotify) dossier_request_summary_free);
  self->in_flight = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->failures = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                          (GDestroyNotify) g_error_free);
  self->cancellable = g_cancellable_new ();
  _dossier_request_cache_init_unsent (self);
}

/* Someone (the review watcher, a page) listed a client's requests: the badge follows. A
 * fetch of the cache's own stores its answer when it ends. */
static void
products_listed_cb (DossierRequestCache *self,
                    const char          *client_id,
                    GPtrArray           *requests,
                    const char          *trace_id)
{
  g_autoptr(DossierRequestSummary) summary = NULL;

  if (client_id == NULL || requests == NULL || g_hash_table_contains (self->in_flight, client_id))
    return;

  g_hash_table_remove (self->failures, client_id);
  summary = dossier_request_summary_new_from_list (requests, g_get_real_time ());
  dossier_request_cache_insert (self, client_id, summary);
}

DossierRequestCache *
dossier_request_cache_new (DossierApi *api)
{
  DossierRequestCache *self;

  g_return_val_if_fail (DOSSIER_IS_API (api), NULL);

  self = g_object_new (DOSSIER_TYPE_REQUEST_CACHE, NULL);
  self->api = g_object_ref (api);
  g_signal_connect_object (api, "products-listed", G_CALLBACK (products_listed_cb), self,
                           G_CONNECT_SWAPPED);
  return self;
}

static void
set_loaded (DossierRequestCache *self)
{
  if (self->loaded)
    return;
  self->loaded = TRUE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADED]);
}

/* Summarising 100 000 cached lists parses every request: a worker's job. */
static void
summarise_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  GPtrArray *entries = task_data;
  GHashTable *table = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                             (GDestroyNotify) dossier_request_summary_free);

  for (guint i = 0; i < entries->len; i++)
    {
      DossierJournalRequests *entry = g_ptr_array_index (entries, i);

      g_hash_table_replace (table, g_strdup (entry->client_id),
                            dossier_request_summary_new_from_json (entry->requests,
                                                                   entry->fetched_at));
    }

  g_task_return_pointer (task, table, (GDestroyNotify) g_hash_table_unref);
}

static void
summarised_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  DossierRequestCache *self = DOSSIER_REQUEST_CACHE (object);
  g_autoptr(GHashTable) table = g_task_propagate_pointer (G_TASK (result), NULL);
  GHashTableIter iter;
  gpointer key;
  gpointer value;

  if (table == NULL)
    return;

  /* What was fetched meanwhile is newer than the journal's copy. */
  g_hash_table_iter_init (&iter, table);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      DossierRequestSummary *known = g_hash_table_lookup (self->summaries, key);

      if (known != NULL && known->checked_at >= ((DossierRequestSummary *) value)->checked_at)
        continue;
      g_hash_table_iter_steal (&iter);
      g_hash_table_replace (self->summaries, key, value);
    }

  set_loaded (self);
  g_signal_emit (self, _dossier_request_cache_signals[SIGNAL_CHANGED], 0, NULL);
}

static void
list_requests_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(DossierRequestCache) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GTask) task = NULL;

  entries = dossier_journal_list_requests_finish (DOSSIER_JOURNAL (object), result, &error);
  if (entries == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_debug ("The request cache could not be read: %s", error->message);
          set_loaded (self);
        }
      return;
    }

  task = g_task_new (self, self->cancellable, summarised_cb, NULL);
  g_task_set_source_tag (task, list_requests_cb);
  g_task_set_task_data (task, g_steal_pointer (&entries), (GDestroyNotify) g_ptr_array_unref);
  g_task_run_in_thread (task, summarise_thread);
}

static void
one_listed_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(DossierRequestCache) self = user_data;
  g_autoptr(GPtrArray) entries = NULL;

  entries = dossier_journal_list_requests_finish (DOSSIER_JOURNAL (object), result, NULL);
  for (guint i = 0; entries != NULL && i < entries->len; i++)
    {
      DossierJournalRequests *entry = g_ptr_array_index (entries, i);
      g_autoptr(DossierRequestSummary) summary = NULL;

      summary = dossier_request_summary_new_from_json (entry->requests, entry->fetched_at);
      dossier_request_cache_insert (self, entry->client_id, summary);
    }
}

/* Someone else (a page, another window) stored a client's requests. */
static void
journal_requests_changed_cb (DossierRequestCache *self,
                             const char          *client_id,
                             DossierJournal      *journal)
{
  if (client_id == NULL || g_hash_table_contains (self->in_flight, client_id))
    return;

  dossier_journal_list_requests_async (journal, client_id, self->cancellable,
                                       one_listed_cb, g_object_ref (self));
}

void
dossier_request_cache_set_journal (DossierRequestCache *self,
                                   DossierJournal      *journal)
{
  g_return_if_fail (DOSSIER_IS_REQUEST_CACHE (self));
  g_return_if_fail (!journal || DOSSIER_IS_JOURNAL (journal));

  if (self->journal == journal)
    return;

  if (self->journal != NULL)
    g_signal_handlers_disconnect_by_data (self->journal, self);
  g_set_object (&self->journal, journal);

  if (journal == NULL)
    {
      set_loaded (self);
      return;
    }

  g_signal_connect_object (journal, "requests-changed",
                           G_CALLBACK (journal_requests_changed_cb), self, G_CONNECT_SWAPPED);
  dossier_journal_list_requests_async (journal, NULL, self->cancellable,
                                       list_requests_cb, g_object_ref (self));
}

DossierJournal *
dossier_request_cache_get_journal (DossierRequestCache *self)
{
  g_return_val_if_fail (DOSSIER_IS_REQUEST_CACHE (self), NULL);

  return self->journal;
}

/* Returns: (transfer none): the API the cache fetches through */
DossierApi *
dossier_request_cache_get_api (DossierRequestCache *self)
{
  g_return_val_if_fail (DOSSIER_IS_REQUEST_CACHE (self), NULL);

  return self->api;
}

gboolean
dossier_request_cache_get_loaded (DossierRequestCache *self)
{
  g_return_val_if_fail (DOSSIER_IS_REQUEST_CACHE (self), FALSE);

  return self->loaded;
}

const DossierRequestSummary *
dossier_request_cache_lookup (DossierRequestCache *self,
                              const char          *client_id)
{
  g_return_val_if_fail (DOSSIER_IS_REQUEST_CACHE (self), NULL);

  if (client_id == NULL)
    return NULL;

  return g_hash_table_lookup (self->summaries, client_id);
}

/* Keeps a copy of summary in memory (the journal is written by the fetch that produced
 * it) and emits ::changed when it differs from what was known. */
void
dossier_request_cache_insert (DossierRequestCache         *self,
                              const char                  *client_id,
                              const DossierRequestSummary *summary)
{
  DossierRequestSummary *known;

  g_return_if_fail (DOSSIER_IS_REQUEST_CACHE (self));
  g_return_if_fail (client_id != NULL);
  g_return_if_fail (summary != NULL);

  known = g_hash_table_lookup (self->summaries, client_id);
  if (dossier_request_summary_equal (known, summary))
    return;

  g_hash_table_replace (self->summaries, g_strdup (client_id),
                        dossier_request_summary_copy (summary));
  g_signal_emit (self, _dossier_request_cache_signals[SIGNAL_CHANGED], 0, client_id);
}

/* Returns: (transfer none) (nullable): why the last check of client_id failed. */
const GError *
dossier_request_cache_get_failure (DossierRequestCache *self,
                                   const char          *client_id)
{
  g_return_val_if_fail (DOSSIER_IS_REQUEST_CACHE (self), NULL);

  return client_id != NULL ? g_hash_table_lookup (self->failures, client_id) : NULL;
}

typedef struct {
  char *client_id;
  gint64 fetched_at;
} FetchData;

static void
fetch_data_free (FetchData *data)
{
  g_free (data->client_id);
  g_free (data);
}

static void
stored_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!dossier_journal_store_requests_finish (DOSSIER_JOURNAL (object), result, &error)
      && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_debug ("A client's requests could not be kept in the journal: %s", error->message);
}

static void
list_products_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  DossierRequestCache *self = g_task_get_source_object (task);
  FetchData *data = g_task_get_task_data (task);
  g_autoptr(GPtrArray) requests = NULL;
  g_autoptr(GError) error = NULL;

  requests = dossier_api_list_products_finish (DOSSIER_API (object), result, &error);
  if (requests == NULL)
    {
      g_hash_table_remove (self->in_flight, data->client_id);
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          const DossierRequestSummary *known = g_hash_table_lookup (self->summaries, data->client_id);

          /* The row shows what was last seen, no longer "checked just now". */
          if (known != NULL)
            {
              g_autoptr(DossierRequestSummary) failed = dossier_request_summary_copy (known);

              failed->failed_at = g_get_real_time ();
              dossier_request_cache_insert (self, data->client_id, failed);
            }
          g_hash_table_replace (self->failures, g_strdup (data->client_id), g_error_copy (error));
          g_signal_emit (self, _dossier_request_cache_signals[SIGNAL_CHECKED], 0, data->client_id, error);
        }
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_hash_table_remove (self->failures, data->client_id);
  g_signal_emit (self, _dossier_request_cache_signals[SIGNAL_CHECKED], 0, data->client_id, NULL);

  {
    g_autoptr(DossierRequestSummary) summary = NULL;

    summary = dossier_request_summary_new_from_list (requests, data->fetched_at);
    if (self->journal != NULL)
      {
        g_autoptr(JsonNode) json = dossier_product_requests_to_json (requests);

        dossier_journal_store_requests_async (self->journal, data->client_id, json,
                                              data->fetched_at, self->cancellable,
                                              stored_cb, NULL);
      }
    dossier_request_cache_insert (self, data->client_id, summary);
  }

  g_hash_table_remove (self->in_flight, data->client_id);
  g_task_return_pointer (task, g_steal_pointer (&requests), (GDestroyNotify) g_ptr_array_unref);
}

void
dossier_request_cache_fetch_async (DossierRequestCache *self,
                                   const char          *client_id,
                                   DossierApiPriority   priority,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  FetchData *data;

  g_return_if_fail (DOSSIER_IS_REQUEST_CACHE (self));
  g_return_if_fail (client_id != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, dossier_request_cache_fetch_async);
  data = g_new0 (FetchData, 1);
  data->client_id = g_strdup (client_id);
  data->fetched_at = g_get_real_time ();
  g_task_set_task_data (task, data, (GDestroyNotify) fetch_data_free);

  g_hash_table_add (self->in_flight, g_strdup (client_id));
  dossier_api_list_products_async (self->api, client_id, priority,
                                   cancellable != NULL ? cancellable : self->cancellable,
                                   list_products_cb, g_steal_pointer (&task));
}

GPtrArray *
dossier_request_cache_fetch_finish (DossierRequestCache  *self,
                                    GAsyncResult         *result,
                                    GError              **error)
{
  g_return_val_if_fail (DOSSIER_IS_REQUEST_CACHE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
wanted_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GPtrArray) requests = NULL;
  g_autoptr(GError) error = NULL;

  requests = dossier_request_cache_fetch_finish (DOSSIER_REQUEST_CACHE (object), result, &error);
  if (requests == NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_debug ("A client's requests could not be refreshed: %s", error->message);
}

static gboolean
needs_fetch (DossierRequestCache *self,
             const char          *client_id,
             gint64               now)
{
  const DossierRequestSummary *summary;

  if (g_hash_table_contains (self->in_flight, client_id))
    return FALSE;
  summary = g_hash_table_lookup (self->summaries, client_id);
  return summary == NULL || now - summary->checked_at >= DOSSIER_REQUEST_CACHE_FRESH_USEC;
}

void
dossier_request_cache_want (DossierRequestCache *self,
                            const char          *client_id)
{
  g_return_if_fail (DOSSIER_IS_REQUEST_CACHE (self));

  /* Until the journal has been read, its entries may well be fresh. */
  if (client_id == NULL || !self->loaded || !needs_fetch (self, client_id, g_get_real_time ()))
    return;

  dossier_request_cache_fetch_async (self, client_id, DOSSIER_API_PRIORITY_VISIBLE,
                                     NULL, wanted_cb, NULL);
}

static gboolean
sweep_cb (gpointer user_data)
{
  DossierRequestCache *self = user_data;
  DossierScheduler *scheduler = dossier_api_get_scheduler (self->api);
  gint64 now = g_get_real_time ();
  const char *oldest = NULL;
  gint64 oldest_at = G_MAXINT64;
  GHashTableIter iter;
  gpointer key;
  gpointer value;

  if (!self->loaded
      || dossier_scheduler_get_n_queued (scheduler) > 0
      || dossier_scheduler_get_n_running (scheduler) > 0)
    return G_SOURCE_CONTINUE;

  g_hash_table_iter_init (&iter, self->summaries);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      const DossierRequestSummary *summary = value;

      if (summary->checked_at < oldest_at && needs_fetch (self, key, now))
        {
          oldest = key;
          oldest_at = summary->checked_at;
        }
    }

  if (oldest != NULL)
    dossier_request_cache_fetch_async (self, oldest, DOSSIER_API_PRIORITY_BACKGROUND,
                                       NULL, wanted_cb, NULL);

  return G_SOURCE_CONTINUE;
}

/* While sweeping, every 1.5 s with nothing else queued or running, the oldest-known
 * stale entry is fetched at BACKGROUND priority. */
void
dossier_request_cache_set_sweeping (DossierRequestCache *self,
                                    gboolean             sweeping)
{
  g_return_if_fail (DOSSIER_IS_REQUEST_CACHE (self));

  sweeping = !!sweeping;
  if (self->sweeping == sweeping)
    return;

  self->sweeping = sweeping;
  if (sweeping)
    self->sweep_id = g_timeout_add (SWEEP_INTERVAL_MS, sweep_cb, self);
  else
    g_clear_handle_id (&self->sweep_id, g_source_remove);
}
