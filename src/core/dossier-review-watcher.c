/* dossier-review-watcher.c — follows requests under review by polling (CONTRACT.md §15.6)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One Watch per client: a timer or a call in flight, never both, so there is at most one
 * poll in flight per client. Every answer is compared with the last status seen of each
 * request; a difference emits request-changed.
 */
#include "config.h"

#include "dossier-review-watcher.h"

typedef struct
{
  char         *client_id;
  GCancellable *cancellable;   /* the poll in flight, if any */
  guint         source_id;     /* the next poll's timer, if any */
  guint         n_errors;      /* consecutive failed polls */
  guint         delay_ms;      /* the delay last scheduled */
} Watch;

struct _DossierReviewWatcher
{
  GObject     parent_instance;

  DossierApi *api;
  GHashTable *watches;   /* client id → Watch */
  GHashTable *requests;  /* request id → DossierProductRequest, the last seen */
  guint       interval_ms;
  guint       n_polls;
  guint       active : 1;
  guint       loopback : 1;
};

G_DEFINE_FINAL_TYPE (DossierReviewWatcher, dossier_review_watcher, G_TYPE_OBJECT)

enum {
  SIGNAL_REQUEST_CHANGED,
  SIGNAL_POLLED,
  N_SIGNALS
};

static guint signals [N_SIGNALS];

static void schedule (DossierReviewWatcher *self, Watch *watch);

static void
watch_free (Watch *watch)
{
  if (watch->cancellable != NULL)
    g_cancellable_cancel (watch->cancellable);
  g_clear_object (&watch->cancellable);
  g_clear_handle_id (&watch->source_id, g_source_remove);
  g_free (watch->client_id);
  g_free (watch);
}

static void
dossier_review_watcher_dispose (GObject *object)
{
  DossierReviewWatcher *self = DOSSIER_REVIEW_WATCHER (object);

  if (self->watches != NULL)
    g_hash_table_remove_all (self->watches);
  g_clear_object (&self->api);

  G_OBJECT_CLASS (dossier_review_watcher_parent_class)->dispose (object);
}

static void
dossier_review_watcher_finalize (GObject *object)
{
  DossierReviewWatcher *self = DOSSIER_REVIEW_WATCHER (object);

  g_clear_pointer (&self->watches, g_hash_table_unref);
  g_clear_pointer (&self->requests, g_hash_table_unref);

  G_OBJECT_CLASS (dossier_review_watcher_parent_class)->finalize (object);
}

static void
dossier_review_watcher_class_init (DossierReviewWatcherClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = dossier_review_watcher_dispose;
  object_class->finalize = dossier_review_watcher_finalize;

  /**
   * DossierReviewWatcher::request-changed:
   * @client_id: the client
   * @old: the request as last seen
   * @new: the request now
   *
   * A request's status is not what the watcher last saw.
   */
  signals[SIGNAL_REQUEST_CHANGED] =
    g_signal_new ("request-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 3,
                  G_TYPE_STRING, DOSSIER_TYPE_PRODUCT_REQUEST, DOSSIER_TYPE_PRODUCT_REQUEST);

  /**
   * DossierReviewWatcher::polled:
   * @client_id: the client
   * @requests: (nullable) (element-type DossierProductRequest): the answer
   * @error: (nullable): why there is none
   */
  signals[SIGNAL_POLLED] =
    g_signal_new ("polled", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 3,
                  G_TYPE_STRING, G_TYPE_PTR_ARRAY, G_TYPE_ERROR);
}

static void
dossier_review_watcher_init (DossierReviewWatcher *self)
{
  self->watches = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) watch_free);
  self->requests = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  self->active = TRUE;
}

static gboolean
is_loopback (const char *base_url)
{
  g_autoptr(GUri) uri = g_uri_parse (base_url, G_URI_FLAGS_NONE, NULL);
  const char *host = uri != NULL ? g_uri_get_host (uri) : NULL;
  g_autoptr(GInetAddress) address = NULL;

  if (host == NULL)
    return FALSE;
  if (g_ascii_strcasecmp (host, "localhost") == 0)
    return TRUE;

  address = g_inet_address_new_from_string (host);
  return address != NULL && g_inet_address_get_is_loopback (address);
}

/**
 * dossier_review_watcher_new:
 * @api: the API the polls go through
 *
 * Returns: (transfer full): a watcher watching nothing yet
 */
DossierReviewWatcher *
dossier_review_watcher_new (DossierApi *api)
{
  DossierReviewWatcher *self;

  g_return_val_if_fail (DOSSIER_IS_API (api), NULL);

  self = g_object_new (DOSSIER_TYPE_REVIEW_WATCHER, NULL);
  self->api = g_object_ref (api);
  self->loopback = is_loopback (dossier_api_get_base_url (api));
  return self;
}

DossierApi *
dossier_review_watcher_get_api (DossierReviewWatcher *self)
{
  g_return_val_if_fail (DOSSIER_IS_REVIEW_WATCHER (self), NULL);

  return self->api;
}

static guint
base_interval (DossierReviewWatcher *self)
{
  if (self->interval_ms > 0)
    return self->interval_ms;
  return self->loopback ? DOSSIER_REVIEW_WATCHER_LOOPBACK_MS : DOSSIER_REVIEW_WATCHER_REMOTE_MS;
}

static guint
compute_delay (DossierReviewWatcher *self,
               guint                 n_errors)
{
  guint64 base = base_interval (self);
  guint64 delay = base;
  guint64 cap = MAX (base, DOSSIER_REVIEW_WATCHER_MAX_BACKOFF_MS);

  if (!self->active)
    delay *= DOSSIER_REVIEW_WATCHER_INACTIVE_FACTOR;
  for (guint i = 0; i < n_errors && delay < cap; i++)
    delay *= 2;

  return (guint) CLAMP (delay, base, MAX (cap, base));
}

/* Records what is now known of a request; emits request-changed when its status moved. */
static void
remember (DossierReviewWatcher  *self,
          const char            *client_id,
          DossierProductRequest *request)
{
  const char *id = dossier_product_request_get_id (request);
  g_autoptr(DossierProductRequest) old = NULL;
  gpointer known;

  if (id == NULL || *id == '\0')
    return;

  known = g_hash_table_lookup (self->requests, id);
  if (known != NULL)
    old = g_object_ref (known);
  g_hash_table_replace (self->requests, g_strdup (id), g_object_ref (request));

  if (old != NULL
      && g_strcmp0 (dossier_product_request_get_status_raw (old),
                    dossier_product_request_get_status_raw (request)) != 0)
    g_signal_emit (self, signals[SIGNAL_REQUEST_CHANGED], 0, client_id, old, request);
}

static Watch *
ensure_watch (DossierReviewWatcher *self,
              const char           *client_id)
{
  Watch *watch = g_hash_table_lookup (self->watches, client_id);

  if (watch != NULL)
    return watch;

  watch = g_new0 (Watch, 1);
  watch->client_id = g_strdup (client_id);
  g_hash_table_insert (self->watches, watch->client_id, watch);
  schedule (self, watch);
  return watch;
}

void
dossier_review_watcher_track (DossierReviewWatcher  *self,
                              DossierProductRequest *request)
{
  const char *client_id;

  g_return_if_fail (DOSSIER_IS_REVIEW_WATCHER (self));
  g_return_if_fail (DOSSIER_IS_PRODUCT_REQUEST (request));

  client_id = dossier_product_request_get_client_id (request);
  remember (self, client_id, request);
  if (client_id != NULL && *client_id != '\0'
      && dossier_product_request_get_status (request) == DOSSIER_REQUEST_STATUS_IN_KYC)
    ensure_watch (self, client_id);
}

void
dossier_review_watcher_track_all (DossierReviewWatcher *self,
                                  const char           *client_id,
                                  GPtrArray            *requests)
{
  gboolean in_kyc = FALSE;

  g_return_if_fail (DOSSIER_IS_REVIEW_WATCHER (self));
  g_return_if_fail (client_id != NULL);
  g_return_if_fail (requests != NULL);

  for (guint i = 0; i < requests->len; i++)
    {
      DossierProductRequest *request = g_ptr_array_index (requests, i);

      remember (self, client_id, request);
      in_kyc |= dossier_product_request_get_status (request) == DOSSIER_REQUEST_STATUS_IN_KYC;
    }

  if (in_kyc)
    ensure_watch (self, client_id);
}

typedef struct
{
  GWeakRef  watcher;
  char     *client_id;
} PollData;

static void
poll_data_free (PollData *data)
{
  g_weak_ref_clear (&data->watcher);
  g_free (data->client_id);
  g_free (data);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PollData, poll_data_free)

static void
polled_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(PollData) data = user_data;
  g_autoptr(DossierReviewWatcher) self = g_weak_ref_get (&data->watcher);
  const char *client_id = data->client_id;
  g_autoptr(GPtrArray) requests = NULL;
  g_autoptr(GError) error = NULL;
  gboolean in_kyc = FALSE;
  Watch *watch;

  requests = dossier_api_list_products_finish (DOSSIER_API (object), result, &error);
  if (self == NULL || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self->n_polls++;
  watch = g_hash_table_lookup (self->watches, client_id);
  if (watch != NULL)
    g_clear_object (&watch->cancellable);

  if (requests == NULL)
    {
      g_debug ("Polling the requests of %s failed: %s", client_id, error->message);
      g_signal_emit (self, signals[SIGNAL_POLLED], 0, client_id, NULL, error);
      watch = g_hash_table_lookup (self->watches, client_id);
      if (watch == NULL || watch->cancellable != NULL)
        return;
      /* An unknown client has nothing more to review. */
      if (g_error_matches (error, DOSSIER_API_ERROR, DOSSIER_API_ERROR_NOT_FOUND))
        {
          g_hash_table_remove (self->watches, client_id);
          return;
        }
      watch->n_errors++;
      schedule (self, watch);
      return;
    }

  for (guint i = 0; i < requests->len; i++)
    {
      DossierProductRequest *request = g_ptr_array_index (requests, i);

      remember (self, client_id, request);
      in_kyc |= dossier_product_request_get_status (request) == DOSSIER_REQUEST_STATUS_IN_KYC;
    }
  g_signal_emit (self, signals[SIGNAL_POLLED], 0, client_id, requests, NULL);

  watch = g_hash_table_lookup (self->watches, client_id);
  if (watch == NULL || watch->cancellable != NULL)
    return;
  if (!in_kyc)
    {
      g_hash_table_remove (self->watches, client_id);
      return;
    }
  watch->n_errors = 0;
  schedule (self, watch);
}

static void
poll (DossierReviewWatcher *self,
      Watch                *watch)
{
  PollData *data;

  g_clear_handle_id (&watch->source_id, g_source_remove);
  if (watch->cancellable != NULL)
    return;

  data = g_new0 (PollData, 1);
  g_weak_ref_init (&data->watcher, self);
  data->client_id = g_strdup (watch->client_id);
  watch->cancellable = g_cancellable_new ();
  dossier_api_list_products_async (self->api, watch->client_id, DOSSIER_API_PRIORITY_BACKGROUND,
                                   watch->cancellable, polled_cb, data);
}

typedef struct
{
  GWeakRef  watcher;
  char     *client_id;
} TimerData;

static void
timer_data_free (gpointer user_data)
{
  TimerData *data = user_data;

  g_weak_ref_clear (&data->watcher);
  g_free (data->client_id);
  g_free (data);
}

static gboolean
timer_cb (gpointer user_data)
{
  TimerData *data = user_data;
  g_autoptr(DossierReviewWatcher) self = g_weak_ref_get (&data->watcher);
  Watch *watch;

  if (self == NULL)
    return G_SOURCE_REMOVE;

  watch = g_hash_table_lookup (self->watches, data->client_id);
  if (watch != NULL)
    {
      watch->source_id = 0;
      poll (self, watch);
    }
  return G_SOURCE_REMOVE;
}

static void
schedule (DossierReviewWatcher *self,
          Watch                *watch)
{
  TimerData *data;

  g_clear_handle_id (&watch->source_id, g_source_remove);
  if (watch->cancellable != NULL)
    return;

  data = g_new0 (TimerData, 1);
  g_weak_ref_init (&data->watcher, self);
  data->client_id = g_strdup (watch->client_id);
  watch->delay_ms = compute_delay (self, watch->n_errors);
  watch->source_id = g_timeout_add_full (G_PRIORITY_LOW, watch->delay_ms, timer_cb, data,
                                         timer_data_free);
  g_source_set_name_by_id (watch->source_id, "[dossier] review poll");
}

void
dossier_review_watcher_watch (DossierReviewWatcher *self,
                              const char           *client_id)
{
  g_return_if_fail (DOSSIER_IS_REVIEW_WATCHER (self));
  g_return_if_fail (client_id != NULL);

  ensure_watch (self, client_id);
}

void
dossier_review_watcher_unwatch (DossierReviewWatcher *self,
                                const char           *client_id)
{
  g_return_if_fail (DOSSIER_IS_REVIEW_WATCHER (self));
  g_return_if_fail (client_id != NULL);

  g_hash_table_remove (self->watches, client_id);
}

gboolean
dossier_review_watcher_is_watching (DossierReviewWatcher *self,
                                    const char           *client_id)
{
  g_return_val_if_fail (DOSSIER_IS_REVIEW_WATCHER (self), FALSE);

  return client_id != NULL && g_hash_table_contains (self->watches, client_id);
}

guint
dossier_review_watcher_get_n_watched (DossierReviewWatcher *self)
{
  g_return_val_if_fail (DOSSIER_IS_REVIEW_WATCHER (self), 0);

  return g_hash_table_size (self->watches);
}

void
dossier_review_watcher_poll_now (DossierReviewWatcher *self,
                                 const char           *client_id)
{
  g_return_if_fail (DOSSIER_IS_REVIEW_WATCHER (self));
  g_return_if_fail (client_id != NULL);

  poll (self, ensure_watch (self, client_id));
}

/**
 * dossier_review_watcher_lookup:
 * @self: a #DossierReviewWatcher
 * @request_id: a request id
 *
 * Returns: (transfer none) (nullable): the request as last seen
 */
DossierProductRequest *
dossier_review_watcher_lookup (DossierReviewWatcher *self,
                               const char           *request_id)
{
  g_return_val_if_fail (DOSSIER_IS_REVIEW_WATCHER (self), NULL);

  return request_id != NULL ? g_hash_table_lookup (self->requests, request_id) : NULL;
}

static void
reschedule_all (DossierReviewWatcher *self)
{
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, self->watches);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      Watch *watch = value;

      if (watch->source_id != 0)
        schedule (self, watch);
    }
}

void
dossier_review_watcher_set_active (DossierReviewWatcher *self,
                                   gboolean              active)
{
  g_return_if_fail (DOSSIER_IS_REVIEW_WATCHER (self));

  if (self->active == !!active)
    return;
  self->active = !!active;
  reschedule_all (self);
}

gboolean
dossier_review_watcher_get_active (DossierReviewWatcher *self)
{
  g_return_val_if_fail (DOSSIER_IS_REVIEW_WATCHER (self), FALSE);

  return self->active;
}

void
dossier_review_watcher_set_interval (DossierReviewWatcher *self,
                                     guint                 interval_ms)
{
  g_return_if_fail (DOSSIER_IS_REVIEW_WATCHER (self));

  if (self->interval_ms == interval_ms)
    return;
  self->interval_ms = interval_ms;
  reschedule_all (self);
}

guint
dossier_review_watcher_get_delay (DossierReviewWatcher *self,
                                  const char           *client_id)
{
  Watch *watch;

  g_return_val_if_fail (DOSSIER_IS_REVIEW_WATCHER (self), 0);

  watch = client_id != NULL ? g_hash_table_lookup (self->watches, client_id) : NULL;
  if (watch == NULL)
    return 0;
  return compute_delay (self, watch->n_errors);
}

guint
dossier_review_watcher_get_n_polls (DossierReviewWatcher *self)
{
  g_return_val_if_fail (DOSSIER_IS_REVIEW_WATCHER (self), 0);

  return self->n_polls;
}
