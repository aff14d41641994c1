/* dossier-client-page-unsent.c — the client page's documents waiting to be sent, and its
 * requests fetched again when they changed behind it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A request with documents waiting to be sent (the server could not be reached) says so
 * in its row: a mark, and the count in words after its line. When the request cache says
 * the client's requests changed on the server (such a document was answered, or the server
 * is back after a failed check), the page fetches them again by itself.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "dossier-client-page-unsent.h"

void
_dossier_client_page_update_unsent_mark (DossierClientPage *self,
                                         GtkWidget         *row)
{
  DossierProductRequest *request = g_object_get_data (G_OBJECT (row), "dossier-request");
  GtkWidget *mark = g_object_get_data (G_OBJECT (row), "dossier-unsent-mark");
  const char *subtitle = g_object_get_data (G_OBJECT (row), "dossier-subtitle");
  g_autofree char *unsent = NULL;
  guint n_unsent = 0;

  if (request == NULL || mark == NULL)
    return;

  if (self->cache != NULL)
    n_unsent = dossier_request_cache_get_n_unsent_for_request (self->cache,
                                                               dossier_product_request_get_id (request));
  if (n_unsent > 0)
    {
      g_autofree char *line = NULL;

      unsent = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                             "%u document waiting to be sent",
                                             "%u documents waiting to be sent", n_unsent),
                                n_unsent);
      /* Translators: a request's line, then e.g. "1 document waiting to be sent" */
      line = g_strdup_printf (_("%s · %s"), subtitle != NULL ? subtitle : "", unsent);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), line);
    }
  else
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle != NULL ? subtitle : "");

  gtk_widget_set_visible (mark, n_unsent > 0);
  gtk_widget_set_tooltip_text (mark, unsent);
  gtk_accessible_update_property (GTK_ACCESSIBLE (mark), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  unsent != NULL ? unsent : "", -1);
}

static void
unsent_changed_cb (DossierClientPage *self,
                   const char        *client_id)
{
  if (self->client == NULL
      || (client_id != NULL && g_strcmp0 (client_id, dossier_client_get_id (self->client)) != 0))
    return;

  for (guint i = 0; i < self->request_rows->len; i++)
    _dossier_client_page_update_unsent_mark (self, g_ptr_array_index (self->request_rows, i));
}

/* What the server holds changed behind the page: fetch it again (a fetch on its way may
 * have left before the change, so it starts over). */
static void
cache_invalidated_cb (DossierClientPage *self,
                      const char        *client_id)
{
  if (self->client != NULL && g_strcmp0 (client_id, dossier_client_get_id (self->client)) == 0)
    _dossier_client_page_load_requests (self);
}

void
_dossier_client_page_follow_cache (DossierClientPage *self)
{
  if (self->cache == NULL || g_object_get_data (G_OBJECT (self), "dossier-followed-cache") == self->cache)
    return;

  g_object_set_data (G_OBJECT (self), "dossier-followed-cache", self->cache);
  g_signal_connect_object (self->cache, "invalidated", G_CALLBACK (cache_invalidated_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->cache, "unsent-changed", G_CALLBACK (unsent_changed_cb), self,
                           G_CONNECT_SWAPPED);
}
