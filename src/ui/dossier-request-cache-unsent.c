/* dossier-request-cache-unsent.c — documents waiting to be sent, and requests that changed
 * behind the screens
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An upload that failed (the server could not be reached) stays in the uploader's queue
 * and is sent later, often after its request window was closed. The cache counts such
 * documents per client and per request (the list's row and the client page show it), and
 * when the server answers one of them, the client's requests are "invalidated": the page,
 * an open request window and the row's badge fetch them again instead of showing the
 * missing document as still missing. The same happens to every client whose check failed
 * once the server can be reached again.
 */
#include "config.h"

#include "dossier-request-cache-private.h"

typedef struct {
  char *client_id;
  char *request_id;
} UnsentUpload;

static void
unsent_upload_free (UnsentUpload *unsent)
{
  g_free (unsent->client_id);
  g_free (unsent->request_id);
  g_free (unsent);
}

void
_dossier_request_cache_class_init_unsent (GObjectClass *object_class)
{
  /**
   * DossierRequestCache::invalidated:
   * @client_id: the client whose requests changed on the server
   */
  _dossier_request_cache_signals[SIGNAL_INVALIDATED] =
    g_signal_new ("invalidated", G_TYPE_FROM_CLASS (object_class), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  /**
   * DossierRequestCache::unsent-changed:
   * @client_id: the client whose count of documents waiting to be sent changed
   */
  _dossier_request_cache_signals[SIGNAL_UNSENT_CHANGED] =
    g_signal_new ("unsent-changed", G_TYPE_FROM_CLASS (object_class), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
}

void
_dossier_request_cache_init_unsent (DossierRequestCache *self)
{
  self->unsent = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                        (GDestroyNotify) unsent_upload_free);
}

void
_dossier_request_cache_dispose_unsent (DossierRequestCache *self)
{
  if (self->uploader != NULL)
    g_signal_handlers_disconnect_by_data (self->uploader, self);
  g_clear_object (&self->uploader);
  g_clear_pointer (&self->unsent, g_hash_table_unref);
}

static void
refreshed_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GPtrArray) requests = NULL;
  g_autoptr(GError) error = NULL;

  requests = dossier_request_cache_fetch_finish (DOSSIER_REQUEST_CACHE (object), result, &error);
  if (requests == NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_debug ("A client's requests could not be checked again: %s", error->message);
}

/**
 * dossier_request_cache_invalidate:
 * @self: a #DossierRequestCache
 * @client_id: a client whose requests changed on the server
 *
 * Emits ::invalidated; unless a handler fetched the client's requests through the cache,
 * fetches them (VISIBLE priority), so that the list's badge follows.
 */
void
dossier_request_cache_invalidate (DossierRequestCache *self,
                                  const char          *client_id)
{
  g_autofree char *id = NULL;

  g_return_if_fail (DOSSIER_IS_REQUEST_CACHE (self));
  g_return_if_fail (client_id != NULL);

  id = g_strdup (client_id);
  /* A fetch already on its way may have left before the change: it does not count. */
  g_hash_table_remove (self->in_flight, id);
  g_signal_emit (self, _dossier_request_cache_signals[SIGNAL_INVALIDATED], 0, id);
  if (!g_hash_table_contains (self->in_flight, id))
    dossier_request_cache_fetch_async (self, id, DOSSIER_API_PRIORITY_VISIBLE, NULL, refreshed_cb, NULL);
}

void
dossier_request_cache_recheck_failed (DossierRequestCache *self)
{
  g_autofree gpointer *ids = NULL;
  guint n = 0;

  g_return_if_fail (DOSSIER_IS_REQUEST_CACHE (self));

  ids = g_hash_table_get_keys_as_array (self->failures, &n);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *id = g_strdup (ids[i]);

      /* An earlier handler's fetch may have answered for it meanwhile. */
      if (g_hash_table_contains (self->failures, id))
        dossier_request_cache_invalidate (self, id);
    }
}

gboolean
dossier_request_cache_probe (DossierRequestCache *self,
                             const char          *fallback_client_id)
{
  GHashTableIter iter;
  gpointer key = NULL;
  const char *client_id = fallback_client_id;

  g_return_val_if_fail (DOSSIER_IS_REQUEST_CACHE (self), FALSE);

  g_hash_table_iter_init (&iter, self->failures);
  if (g_hash_table_iter_next (&iter, &key, NULL))
    client_id = key;
  if (client_id == NULL || g_hash_table_contains (self->in_flight, client_id))
    return FALSE;

  dossier_request_cache_fetch_async (self, client_id, DOSSIER_API_PRIORITY_BACKGROUND,
                                     NULL, refreshed_cb, NULL);
  return TRUE;
}

static void
upload_changed_cb (DossierRequestCache *self,
                   gint64               upload_id,
                   DossierUploader     *uploader)
{
  g_autoptr(DossierUploadInfo) info = dossier_uploader_lookup (uploader, upload_id);
  UnsentUpload *unsent;
  g_autofree char *client_id = NULL;

  unsent = g_hash_table_lookup (self->unsent, &upload_id);
  /* Cancelled (the uploader knows it no more): nothing waits any longer. */
  if (info == NULL)
    {
      if (unsent != NULL)
        {
          client_id = g_strdup (unsent->client_id);
          g_hash_table_remove (self->unsent, &upload_id);
          g_signal_emit (self, _dossier_request_cache_signals[SIGNAL_UNSENT_CHANGED], 0, client_id);
        }
      return;
    }
  if (info->client_id == NULL)
    return;

  switch (info->status)
    {
    case DOSSIER_UPLOAD_STATUS_WAITING:
      if (unsent != NULL)
        return;
      unsent = g_new0 (UnsentUpload, 1);
      unsent->client_id = g_strdup (info->client_id);
      unsent->request_id = g_strdup (info->request_id);
      g_hash_table_insert (self->unsent, g_memdup2 (&upload_id, sizeof upload_id), unsent);
      g_signal_emit (self, _dossier_request_cache_signals[SIGNAL_UNSENT_CHANGED], 0, info->client_id);
      break;

    case DOSSIER_UPLOAD_STATUS_ACCEPTED:
    case DOSSIER_UPLOAD_STATUS_REJECTED:
    case DOSSIER_UPLOAD_STATUS_FAILED:
      if (unsent == NULL)
        return;
      /* Answered at last, maybe long after its window closed: what shows is stale. */
      client_id = g_strdup (unsent->client_id);
      g_hash_table_remove (self->unsent, &upload_id);
      g_signal_emit (self, _dossier_request_cache_signals[SIGNAL_UNSENT_CHANGED], 0, client_id);
      dossier_request_cache_invalidate (self, client_id);
      break;

    case DOSSIER_UPLOAD_STATUS_QUEUED:
    case DOSSIER_UPLOAD_STATUS_CHECKING:
    case DOSSIER_UPLOAD_STATUS_SENDING:
    default:
      /* On its way again: still not sent. */
      break;
    }
}

void
dossier_request_cache_set_uploader (DossierRequestCache *self,
                                    DossierUploader     *uploader)
{
  g_return_if_fail (DOSSIER_IS_REQUEST_CACHE (self));
  g_return_if_fail (!uploader || DOSSIER_IS_UPLOADER (uploader));

  if (self->uploader == uploader)
    return;

  if (self->uploader != NULL)
    g_signal_handlers_disconnect_by_data (self->uploader, self);
  g_set_object (&self->uploader, uploader);
  g_hash_table_remove_all (self->unsent);
  if (uploader != NULL)
    g_signal_connect_object (uploader, "upload-changed", G_CALLBACK (upload_changed_cb), self,
                             G_CONNECT_SWAPPED);
  g_signal_emit (self, _dossier_request_cache_signals[SIGNAL_UNSENT_CHANGED], 0, NULL);
}

static guint
count_unsent (DossierRequestCache *self,
              const char          *client_id,
              const char          *request_id)
{
  GHashTableIter iter;
  gpointer value;
  guint n = 0;

  if (self->unsent == NULL)
    return 0;

  g_hash_table_iter_init (&iter, self->unsent);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      UnsentUpload *unsent = value;

      if ((client_id == NULL || g_strcmp0 (unsent->client_id, client_id) == 0)
          && (request_id == NULL || g_strcmp0 (unsent->request_id, request_id) == 0))
        n++;
    }

  return n;
}

guint
dossier_request_cache_get_n_unsent (DossierRequestCache *self,
                                    const char          *client_id)
{
  g_return_val_if_fail (DOSSIER_IS_REQUEST_CACHE (self), 0);

  return client_id != NULL ? count_unsent (self, client_id, NULL) : 0;
}

guint
dossier_request_cache_get_n_unsent_for_request (DossierRequestCache *self,
                                                const char          *request_id)
{
  g_return_val_if_fail (DOSSIER_IS_REQUEST_CACHE (self), 0);

  return request_id != NULL ? count_unsent (self, NULL, request_id) : 0;
}

void
dossier_request_cache_retry_unsent (DossierRequestCache *self)
{
  g_autofree gpointer *ids = NULL;
  guint n = 0;

  g_return_if_fail (DOSSIER_IS_REQUEST_CACHE (self));

  if (self->uploader == NULL)
    return;

  ids = g_hash_table_get_keys_as_array (self->unsent, &n);
  for (guint i = 0; i < n; i++)
    dossier_uploader_retry (self->uploader, *(gint64 *) ids[i]);
}
