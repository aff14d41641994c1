/* dossier-window-actions.c — the window's actions, shortcuts and search
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "dossier-journal-actions.h"
#include "dossier-window-private.h"

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  DossierWindow *self = DOSSIER_WINDOW (widget);

  if (self->model == NULL)
    return;

  adw_leaflet_set_visible_child (self->leaflet, self->sidebar);
  gtk_search_bar_set_search_mode (self->search_bar, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
refresh_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  _dossier_window_refresh (DOSSIER_WINDOW (widget));
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  DossierWindow *self = DOSSIER_WINDOW (widget);

  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
  gtk_widget_grab_focus (GTK_WIDGET (self->list_view));
}

/* F6, as in GNOME's own apps: the list and the client page take turns with the focus
 * (a Tab walk through a long list never reaches the page). */
static void
switch_pane_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  DossierWindow *self = DOSSIER_WINDOW (widget);
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));
  gboolean in_list = focus != NULL && gtk_widget_is_ancestor (focus, self->sidebar);

  if (in_list && dossier_client_page_get_client (self->page) != NULL)
    {
      adw_leaflet_set_visible_child (self->leaflet, self->content);
      gtk_widget_child_focus (GTK_WIDGET (self->page), GTK_DIR_TAB_FORWARD);
      return;
    }
  adw_leaflet_set_visible_child (self->leaflet, self->sidebar);
  gtk_widget_grab_focus (GTK_WIDGET (self->list_view));
}

/* Shortcuts for what the client page offers (Request Product…, Export Dossier…, Add
 * Note…): they work wherever the focus is in the window, for the client on the page;
 * with no client there, the page's action is off and the key does nothing. */
static void
client_shortcut_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  DossierWindow *self = DOSSIER_WINDOW (widget);
  const char *page_action = g_variant_get_string (parameter, NULL);

  if (dossier_client_page_get_client (self->page) == NULL)
    return;
  gtk_widget_activate_action (GTK_WIDGET (self->page), page_action, NULL);
}

static void
show_all_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  DossierWindow *self = DOSSIER_WINDOW (widget);

  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  g_settings_reset (self->settings, "status-filter");
}

/* On notify::text, not "changed": replacing the text (show-all, a paste over a selection)
 * is one search, where "changed" would run one for the emptied entry first. */
static void
search_changed_cb (DossierWindow *self)
{
  if (self->model != NULL)
    dossier_client_filter_model_set_query (self->model,
                                           gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
}

static void
stop_search_cb (DossierWindow *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  gtk_search_bar_set_search_mode (self->search_bar, FALSE);
  gtk_widget_grab_focus (GTK_WIDGET (self->list_view));
}

/* Enter opens the first match, as in GNOME Settings' search. */
static void
search_activate_cb (DossierWindow *self)
{
  if (self->model == NULL || dossier_client_filter_model_get_n_matches (self->model) == 0)
    return;

  gtk_single_selection_set_selected (self->selection, 0);
  _dossier_window_show_content (self);
}

static gboolean
search_key_pressed_cb (DossierWindow   *self,
                       guint            keyval,
                       guint            keycode,
                       GdkModifierType  state)
{
  if (keyval != GDK_KEY_Down && keyval != GDK_KEY_KP_Down)
    return GDK_EVENT_PROPAGATE;

  if (self->model == NULL || dossier_client_filter_model_get_n_matches (self->model) == 0)
    return GDK_EVENT_PROPAGATE;

  if (gtk_single_selection_get_selected (self->selection) == GTK_INVALID_LIST_POSITION)
    gtk_single_selection_set_selected (self->selection, 0);
  gtk_widget_grab_focus (GTK_WIDGET (self->list_view));
  return GDK_EVENT_STOP;
}

void
_dossier_window_class_init_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.search", NULL, search_action);
  dossier_journal_actions_install_window (widget_class);
  gtk_widget_class_install_action (widget_class, "win.refresh", NULL, refresh_action);
  gtk_widget_class_install_action (widget_class, "win.back", NULL, back_action);
  gtk_widget_class_install_action (widget_class, "win.switch-pane", NULL, switch_pane_action);
  gtk_widget_class_install_action (widget_class, "win.show-all", NULL, show_all_action);
  gtk_widget_class_install_action (widget_class, "win.client-shortcut", "s", client_shortcut_action);
  _dossier_window_class_init_editing (widget_class);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "win.search", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F5, 0, "win.refresh", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, GDK_CONTROL_MASK, "win.refresh", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK, "win.back", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F6, 0, "win.switch-pane", NULL);
  /* Ctrl+N is a new client, Ctrl+Shift+N a new request for the client shown; Ctrl+Shift+S
   * saves the client's dossier as a file; Ctrl+Shift+M adds a note (a memo). */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.client-shortcut", "s", "client.request-product");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.client-shortcut", "s", "client.export-pdf");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_m, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.client-shortcut", "s", "client.add-note");
}

void
_dossier_window_init_actions (DossierWindow *self)
{
  g_autoptr(GSimpleActionGroup) group = g_simple_action_group_new ();
  g_autoptr(GAction) sort_order = g_settings_create_action (self->settings, "sort-order");
  g_autoptr(GAction) status_filter = g_settings_create_action (self->settings, "status-filter");
  GtkEventController *keys;

  g_action_map_add_action (G_ACTION_MAP (group), sort_order);
  g_action_map_add_action (G_ACTION_MAP (group), status_filter);
  gtk_widget_insert_action_group (GTK_WIDGET (self), "settings", G_ACTION_GROUP (group));

  _dossier_window_init_editing (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.search", self->api != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.refresh", self->api != NULL);

  g_signal_connect_object (self->search_entry, "notify::text", G_CALLBACK (search_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->search_entry, "stop-search", G_CALLBACK (stop_search_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->search_entry, "activate", G_CALLBACK (search_activate_cb),
                           self, G_CONNECT_SWAPPED);
  keys = gtk_event_controller_key_new ();
  g_signal_connect_object (keys, "key-pressed", G_CALLBACK (search_key_pressed_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self->search_entry), keys);
  gtk_search_bar_connect_entry (self->search_bar, GTK_EDITABLE (self->search_entry));
}
