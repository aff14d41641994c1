/* dossier-window-offline.c — the window says when it is checking, and when it cannot
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * While the list is fetched again a spinner turns in the list's header. When a refresh of
 * the list fails, or the server cannot be reached for a client's requests, a banner (styled
 * as libadwaita 1.3's AdwBanner, which 1.2 lacks) says that what shows is what was last
 * seen, with a Retry button; it stays until a call succeeds, then goes by itself. The
 * banner sits under the list's header; in a folded window under the page's header too.
 * Any call that cannot reach the server (a save, an upload, a poll) shows it as well: the
 * API's scheduler tells. While it shows, one client's requests are checked every
 * PROBE_INTERVAL_S so that the server's return is seen without the person's Refresh; once
 * the server answers, the clients whose check failed are checked again and documents
 * waiting to be sent are tried at once.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "dossier-api-error.h"
#include "dossier-error-report.h"
#include "dossier-window-private.h"

#define PROBE_INTERVAL_S 15

static void
update_banners (DossierWindow *self)
{
  gtk_revealer_set_reveal_child (self->offline_revealer, self->offline);
  gtk_revealer_set_reveal_child (self->offline_revealer_content,
                                 self->offline && adw_leaflet_get_folded (self->leaflet));
}

void
_dossier_window_set_loading (DossierWindow *self,
                             gboolean       loading)
{
  gboolean busy;

  self->loading = !!loading;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.refresh", self->api != NULL && !loading);

  /* The list's own state page says it is loading the first time. */
  busy = loading && self->loaded_once;
  gtk_widget_set_visible (self->refresh_spinner, busy);
  gtk_spinner_set_spinning (GTK_SPINNER (self->refresh_spinner), busy);
}

static gboolean
is_unreachable (const GError *error)
{
  return g_error_matches (error, DOSSIER_API_ERROR, DOSSIER_API_ERROR_OFFLINE)
         || g_error_matches (error, DOSSIER_API_ERROR, DOSSIER_API_ERROR_TIMEOUT);
}

static void
set_texts (DossierWindow *self,
           const char    *title,
           const char    *detail,
           const char    *tooltip)
{
  GtkLabel *titles[] = { self->offline_label, self->offline_label_content };
  GtkLabel *details[] = { self->offline_detail, self->offline_detail_content };

  for (guint i = 0; i < G_N_ELEMENTS (titles); i++)
    {
      gtk_label_set_text (titles[i], title);
      gtk_widget_set_tooltip_text (GTK_WIDGET (titles[i]), tooltip);
      gtk_label_set_text (details[i], detail != NULL ? detail : "");
      gtk_widget_set_visible (GTK_WIDGET (details[i]), detail != NULL);
    }
}

/**
 * _dossier_window_show_failure:
 * @self: a #DossierWindow
 * @error: why the list could not be refreshed, or why a client's requests could not be
 *   checked (only an unreachable server is the window's business then)
 *
 * Shows the banner in place of the list, which stays as it was last seen.
 */
void
_dossier_window_show_failure (DossierWindow *self,
                              const GError  *error)
{
  g_autofree char *sentence = NULL;

  g_return_if_fail (error != NULL);

  sentence = dossier_error_report_describe (error);
  self->unreachable = is_unreachable (error);
  if (is_unreachable (error))
    set_texts (self, _("Offline — showing what was last seen."), NULL, sentence);
  else
    set_texts (self, _("Clients could not be refreshed — showing what was last seen."), sentence, NULL);

  self->offline = TRUE;
  update_banners (self);
}

void
_dossier_window_hide_failure (DossierWindow *self)
{
  if (!self->offline)
    return;

  self->offline = FALSE;
  self->unreachable = FALSE;
  update_banners (self);
}

/* A client's requests were checked: success shows the server is there again. */
static void
cache_checked_cb (DossierWindow *self,
                  const char    *client_id,
                  const GError  *error)
{
  if (error == NULL)
    _dossier_window_hide_failure (self);
  else if (is_unreachable (error))
    _dossier_window_show_failure (self, error);
}

/* Any answer of the server ends the banner. */
static void
api_answered_cb (DossierWindow *self)
{
  _dossier_window_hide_failure (self);
}

static gboolean
probe_cb (gpointer user_data)
{
  DossierWindow *self = user_data;
  DossierClient *shown = dossier_client_page_get_client (self->page);

  if (self->cache != NULL)
    dossier_request_cache_probe (self->cache, shown != NULL ? dossier_client_get_id (shown) : NULL);
  return G_SOURCE_CONTINUE;
}

/* The server answers again: what failed or waited is tried now. */
static gboolean
reachable_again_cb (gpointer user_data)
{
  DossierWindow *self = user_data;
  DossierClient *shown;

  if (self->cache == NULL)
    return G_SOURCE_REMOVE;

  dossier_request_cache_recheck_failed (self->cache);
  /* What the page shows may date from before the server went away. */
  shown = dossier_client_page_get_client (self->page);
  if (shown != NULL && dossier_request_cache_get_failure (self->cache, dossier_client_get_id (shown)) == NULL)
    dossier_request_cache_invalidate (self->cache, dossier_client_get_id (shown));
  dossier_request_cache_retry_unsent (self->cache);
  return G_SOURCE_REMOVE;
}

/* Whoever called (a save, an upload, the watcher's poll): the server can be reached or not. */
static void
reachability_changed_cb (DossierWindow    *self,
                         gboolean          reachable,
                         DossierScheduler *scheduler)
{
  if (!reachable)
    {
      const GError *error = dossier_scheduler_get_unreachable_error (scheduler);

      if (error != NULL)
        _dossier_window_show_failure (self, error);
      if (self->probe_id == 0)
        self->probe_id = g_timeout_add_seconds (PROBE_INTERVAL_S, probe_cb, self);
      return;
    }

  g_clear_handle_id (&self->probe_id, g_source_remove);
  if (self->unreachable)
    _dossier_window_hide_failure (self);
  /* Not from inside the scheduler's own bookkeeping: new calls start from an idle. */
  g_idle_add_full (G_PRIORITY_DEFAULT, reachable_again_cb, g_object_ref (self), g_object_unref);
}

void
_dossier_window_init_offline (DossierWindow *self)
{
  static const char * const answers[] = {
    "client-created", "client-fetched", "client-updated", "product-requested",
    "products-listed", "document-uploaded", "submitted",
  };

  g_signal_connect_object (self->leaflet, "notify::folded", G_CALLBACK (update_banners), self,
                           G_CONNECT_SWAPPED);
  if (self->cache != NULL)
    g_signal_connect_object (self->cache, "checked", G_CALLBACK (cache_checked_cb), self,
                             G_CONNECT_SWAPPED);
  if (self->api != NULL)
    g_signal_connect_object (dossier_api_get_scheduler (self->api), "reachability-changed",
                             G_CALLBACK (reachability_changed_cb), self, G_CONNECT_SWAPPED);
  for (guint i = 0; self->api != NULL && i < G_N_ELEMENTS (answers); i++)
    g_signal_connect_object (self->api, answers[i], G_CALLBACK (api_answered_cb), self,
                             G_CONNECT_SWAPPED);
}

static void
notice_response_cb (DossierWindow *self,
                    const char    *response)
{
  if (g_strcmp0 (response, "preferences") == 0)
    gtk_widget_activate_action (GTK_WIDGET (self), "app.preferences", NULL);
}

/**
 * dossier_window_show_notice:
 * @self: a #DossierWindow
 * @heading: a short title, e.g. "Account Key Not Available"
 * @body: what happened and what to do, in sentences
 *
 * Says something the person must read now (e.g. at start, that the account's key could
 * not be read) in a dialog above the window, with a way to Preferences.
 */
void
dossier_window_show_notice (DossierWindow *self,
                            const char    *heading,
                            const char    *body)
{
  AdwMessageDialog *dialog;

  g_return_if_fail (DOSSIER_IS_WINDOW (self));
  g_return_if_fail (heading != NULL && body != NULL);

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), heading, body));
  adw_message_dialog_add_responses (dialog,
                                    "close", _("_Close"),
                                    "preferences", _("Open _Preferences"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "preferences", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "preferences");
  adw_message_dialog_set_close_response (dialog, "close");
  g_signal_connect_object (dialog, "response", G_CALLBACK (notice_response_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}
