/* dossier-window-reviews.c — the window follows the reviews it knows of, from the start
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Requests left in_kyc by an earlier session are in the journal's request cache: their
 * clients are handed to the review watcher as soon as the journal is open, so their outcome
 * is noticed (and notified) without opening them.
 *
 * Every newer state a request window is given (its form saved, a document accepted, the
 * submit answered) reaches the client page and the request cache at once, without a fetch.
 */
#include "config.h"

#include "dossier-request-window.h"
#include "dossier-window-private.h"

static void
cached_requests_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(DossierWindow) self = user_data;
  g_autoptr(GPtrArray) entries = NULL;

  entries = dossier_journal_list_requests_finish (DOSSIER_JOURNAL (object), result, NULL);
  if (entries == NULL || self->watcher == NULL)
    return;

  for (guint i = 0; i < entries->len; i++)
    {
      DossierJournalRequests *entry = g_ptr_array_index (entries, i);
      JsonArray *array;

      if (entry->requests == NULL || !JSON_NODE_HOLDS_ARRAY (entry->requests))
        continue;

      array = json_node_get_array (entry->requests);
      for (guint j = 0; j < json_array_get_length (array); j++)
        {
          JsonNode *node = json_array_get_element (array, j);
          g_autoptr(DossierProductRequest) request = NULL;
          JsonObject *object_node;

          if (!JSON_NODE_HOLDS_OBJECT (node))
            continue;
          object_node = json_node_get_object (node);
          if (g_strcmp0 (json_object_get_string_member_with_default (object_node, "status", ""),
                         "in_kyc") != 0)
            continue;

          request = dossier_product_request_new_from_json (node, NULL);
          if (request != NULL)
            dossier_review_watcher_track (self->watcher, request);
        }
    }
}

static void
client_fetched_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(DossierWindow) self = user_data;
  g_autoptr(DossierClient) client = dossier_api_get_client_finish (DOSSIER_API (object), result, NULL);
  DossierClient *listed;

  if (client == NULL)
    return;
  listed = dossier_client_list_lookup (self->clients, dossier_client_get_id (client));
  if (listed != NULL)
    dossier_client_update_from (listed, client);
}

/* Every poll refreshes the list's badge; a change of status changes the client's
 * status too (CONTRACT.md §9.5), so the client is read again. */
static void
watcher_polled_cb (DossierWindow *self,
                   const char    *client_id,
                   GPtrArray     *requests,
                   const GError  *error)
{
  g_autoptr(DossierRequestSummary) summary = NULL;

  if (requests == NULL || self->cache == NULL)
    return;
  summary = dossier_request_summary_new_from_list (requests, g_get_real_time ());
  dossier_request_cache_insert (self->cache, client_id, summary);
}

static void
watcher_changed_cb (DossierWindow         *self,
                    const char            *client_id,
                    DossierProductRequest *old,
                    DossierProductRequest *request)
{
  if (self->api != NULL)
    dossier_api_get_client_async (self->api, client_id, DOSSIER_API_PRIORITY_BACKGROUND, self->cancellable,
                                  client_fetched_cb, g_object_ref (self));
}

static void
request_window_request_cb (DossierWindow        *self,
                           GParamSpec           *pspec,
                           DossierRequestWindow *window)
{
  DossierClient *client = dossier_request_window_get_client (window);
  DossierProductRequest *request = dossier_request_window_get_request (window);

  /* Only this window's own request windows. */
  if (gtk_window_get_transient_for (GTK_WINDOW (window)) != GTK_WINDOW (self))
    return;
  if (client != NULL && request != NULL)
    dossier_client_page_update_request (self->page, dossier_client_get_id (client), request);
}

static void
application_window_added_cb (DossierWindow *self,
                             GtkWindow     *window)
{
  if (DOSSIER_IS_REQUEST_WINDOW (window))
    g_signal_connect_object (window, "notify::request", G_CALLBACK (request_window_request_cb), self,
                             G_CONNECT_SWAPPED);
}

void
_dossier_window_follow_reviews (DossierWindow *self)
{
  GtkApplication *application;

  g_return_if_fail (DOSSIER_IS_WINDOW (self));

  application = gtk_window_get_application (GTK_WINDOW (self));
  if (application != NULL)
    g_signal_connect_object (application, "window-added", G_CALLBACK (application_window_added_cb), self,
                             G_CONNECT_SWAPPED);

  if (self->watcher == NULL)
    return;
  g_signal_connect_object (self->watcher, "polled", G_CALLBACK (watcher_polled_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->watcher, "request-changed", G_CALLBACK (watcher_changed_cb), self,
                           G_CONNECT_SWAPPED);
}

void
_dossier_window_follow_cached_reviews (DossierWindow  *self,
                                       DossierJournal *journal)
{
  g_return_if_fail (DOSSIER_IS_WINDOW (self));
  g_return_if_fail (DOSSIER_IS_JOURNAL (journal));

  dossier_journal_list_requests_async (journal, NULL, self->cancellable,
                                       cached_requests_cb, g_object_ref (self));
}

static void
open_client_fetched_cb (GObject      *object,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  g_autoptr(DossierWindow) self = user_data;
  g_autoptr(DossierClient) client = NULL;
  g_autoptr(GError) error = NULL;
  DossierClient *listed;

  client = dossier_api_get_client_finish (DOSSIER_API (object), result, &error);
  if (client == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (error->message));
      return;
    }

  listed = dossier_client_list_lookup (self->clients, dossier_client_get_id (client));
  if (listed == NULL)
    {
      dossier_client_list_add (self->clients, client);
      listed = dossier_client_list_lookup (self->clients, dossier_client_get_id (client));
    }
  dossier_window_select_client (self, listed != NULL ? listed : client);
  _dossier_window_show_content (self);
}

/**
 * dossier_window_open_client:
 * @self: a #DossierWindow
 * @client_id: a client of the account
 *
 * Shows that client's page (fetching the client first when the list does not have it yet).
 */
void
dossier_window_open_client (DossierWindow *self,
                            const char    *client_id)
{
  DossierClient *client;

  g_return_if_fail (DOSSIER_IS_WINDOW (self));
  g_return_if_fail (client_id != NULL);

  client = dossier_client_list_lookup (self->clients, client_id);
  if (client != NULL)
    {
      dossier_window_select_client (self, client);
      _dossier_window_show_content (self);
      return;
    }

  if (self->api != NULL)
    dossier_api_get_client_async (self->api, client_id, DOSSIER_API_PRIORITY_USER, self->cancellable,
                                  open_client_fetched_cb, g_object_ref (self));
}
