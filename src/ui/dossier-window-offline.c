/* dossier-window-offline.c — the window says when it is checking, and when it cannot
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * While the list is fetched again a spinner turns in the list's header. When a refresh of
 * the list fails, or the server cannot be reached for a client's requests, a banner (styled
 * as libadwaita 1.3's AdwBanner, which 1.2 lacks) says that what shows is what was last
 * seen, with a Retry button; it stays until a call succeeds, then goes by itself. The
 * banner sits under the list's header; in a folded window under the page's header too.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "dossier-api-error.h"
#include "dossier-error-report.h"
#include "dossier-window-private.h"

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
  for (guint i = 0; self->api != NULL && i < G_N_ELEMENTS (answers); i++)
    g_signal_connect_object (self->api, answers[i], G_CALLBACK (api_answered_cb), self,
                             G_CONNECT_SWAPPED);
}
