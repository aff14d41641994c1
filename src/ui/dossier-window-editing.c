/* dossier-window-editing.c — the window opens the client editor and takes in its result
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "dossier-client-editor.h"
#include "dossier-sandbox-banner.h"
#include "dossier-window-private.h"

static void
editor_saved_cb (DossierWindow *self,
                 DossierClient *client,
                 gboolean       created)
{
  g_autofree char *name = dossier_client_get_display_name (client);
  g_autofree char *escaped = g_markup_escape_text (name, -1);
  g_autofree char *title = NULL;
  DossierClient *listed;

  if (created)
    {
      dossier_client_list_add (self->clients, client);
      /* Translators: the placeholder is a client's name */
      title = g_strdup_printf (_("%s was created"), escaped);
    }
  else
    /* Translators: the placeholder is a client's name */
    title = g_strdup_printf (_("Changes to %s were saved"), escaped);

  listed = dossier_client_list_lookup (self->clients, dossier_client_get_id (client));
  if (listed != NULL)
    {
      if (!created)
        dossier_client_update_from (listed, client);
      dossier_window_select_client (self, listed);
      _dossier_window_show_content (self);
    }
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (title));
}

static void
open_editor (DossierWindow *self,
             DossierClient *client)
{
  DossierClientEditor *editor;
  DossierJournal *journal = NULL;

  if (self->api == NULL)
    return;
  if (self->cache != NULL)
    journal = dossier_request_cache_get_journal (self->cache);

  editor = dossier_client_editor_new (GTK_WINDOW (self), self->api, journal, client);
  g_signal_connect_object (editor, "saved", G_CALLBACK (editor_saved_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (editor));
}

static void
new_client_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  open_editor (DOSSIER_WINDOW (widget), NULL);
}

static void
edit_client_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  DossierWindow *self = DOSSIER_WINDOW (widget);
  DossierClient *client = dossier_client_page_get_client (self->page);

  if (client != NULL)
    open_editor (self, client);
}

static void
page_client_changed_cb (DossierWindow *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.edit-client",
                                 self->api != NULL && dossier_client_page_get_client (self->page) != NULL);
}

void
_dossier_window_class_init_editing (GtkWidgetClass *widget_class)
{
  g_type_ensure (DOSSIER_TYPE_SANDBOX_BANNER);
  gtk_widget_class_install_action (widget_class, "win.new-client", NULL, new_client_action);
  gtk_widget_class_install_action (widget_class, "win.edit-client", NULL, edit_client_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "win.new-client", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK, "win.edit-client", NULL);
}

void
_dossier_window_init_editing (DossierWindow *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.new-client", self->api != NULL);
  g_signal_connect_object (self->page, "notify::client", G_CALLBACK (page_client_changed_cb), self,
                           G_CONNECT_SWAPPED);
  page_client_changed_cb (self);
}
