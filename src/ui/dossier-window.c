/* dossier-window.c — the main window: the client list beside the client page
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An AdwLeaflet holds the list (search, filter, sort) and the selected client's page; a
 * narrow window folds it to one pane with a back button. The list is a GtkListView over
 * a GtkSingleSelection over DossierClientFilterModel over the core's DossierClientList,
 * filled by DossierApi (parsed off the main thread) and merged in place on refresh.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "dossier-client-row.h"
#include "dossier-journal.h"
#include "dossier-ui-closures.h"
#include "dossier-window-private.h"

G_DEFINE_FINAL_TYPE (DossierWindow, dossier_window, ADW_TYPE_APPLICATION_WINDOW)

static void
show_state (DossierWindow *self,
            const char    *icon_name,
            const char    *title,
            const char    *description,
            gboolean       spinning,
            gboolean       retry)
{
  adw_status_page_set_icon_name (self->status_page, icon_name);
  adw_status_page_set_title (self->status_page, title);
  adw_status_page_set_description (self->status_page, description);
  gtk_widget_set_visible (GTK_WIDGET (self->state_spinner), spinning);
  gtk_spinner_set_spinning (self->state_spinner, spinning);
  gtk_widget_set_visible (GTK_WIDGET (self->retry_button), retry);
  gtk_stack_set_visible_child_name (self->main_stack, "state");
}

/* Without an account there is nothing to show but the reason, in words. */
static void
dossier_window_show_account_state (DossierWindow      *self,
                                   DossierApplication *application)
{
  const GError *error = dossier_application_get_account_error (application);
  g_autofree char *description = NULL;

  /* Translators: the placeholder is the technical reason, e.g. "Address already in use" */
  description = g_strdup_printf (_("Its built-in demo server could not start: %s. "
                                   "Restart Dossier; if this happens again, report the "
                                   "problem with this message."),
                                 error != NULL ? error->message : "");
  show_state (self, "dialog-error-symbolic", _("Dossier Could Not Start"), description, FALSE, FALSE);
}

void
_dossier_window_update_titles (DossierWindow *self)
{
  guint n_matches = dossier_client_filter_model_get_n_matches (self->model);
  guint n_total = dossier_client_filter_model_get_n_total (self->model);
  g_autofree char *count = dossier_ui_format_client_count (n_matches, n_total);

  adw_window_title_set_subtitle (self->sidebar_title, count);
  gtk_stack_set_visible_child_name (self->list_stack, n_matches > 0 ? "list" : "no-match");

  if (self->loaded_once)
    {
      if (n_total > 0)
        gtk_stack_set_visible_child_name (self->main_stack, "clients");
      else if (!self->loading && !dossier_client_filter_model_get_pending (self->model))
        show_state (self, "system-users-symbolic", _("No Clients Yet"),
                    _("Clients of this account appear here as soon as they are created."),
                    FALSE, FALSE);
    }
}

/* The positions hold other clients now: keep the selection on the client the page shows. */
static void
model_refiltered_cb (DossierWindow *self)
{
  DossierClient *shown = dossier_client_page_get_client (self->page);
  guint position = dossier_client_filter_model_find (self->model, shown);

  self->syncing_selection = TRUE;
  gtk_single_selection_set_selected (self->selection, position != G_MAXUINT
                                                      ? position : GTK_INVALID_LIST_POSITION);
  self->syncing_selection = FALSE;
  _dossier_window_update_titles (self);
}

/* The page's client, edited in place (by its editor, a request window, a form): the list
 * searches and sorts a copy of the keys, which must follow. */
static void
page_client_changed_cb (DossierWindow *self)
{
  g_signal_group_set_target (self->page_client_signals, dossier_client_page_get_client (self->page));
}

static void
page_client_key_changed_cb (DossierWindow *self)
{
  if (self->model != NULL)
    dossier_client_filter_model_refresh_keys (self->model);
}

static void
selection_changed_cb (DossierWindow *self)
{
  guint position = gtk_single_selection_get_selected (self->selection);
  DossierClient *client;
  g_autofree char *name = NULL;

  if (self->syncing_selection || position == GTK_INVALID_LIST_POSITION)
    return;

  client = dossier_client_filter_model_get_client (self->model, position);
  if (client == NULL || client == dossier_client_page_get_client (self->page))
    return;

  dossier_client_page_set_client (self->page, client);
  name = dossier_client_get_display_name (client);
  adw_window_title_set_title (self->content_title, name);
}

static void
list_activate_cb (DossierWindow *self,
                  guint          position)
{
  gtk_single_selection_set_selected (self->selection, position);
  _dossier_window_show_content (self);
}

/* A click on a row in a folded window opens the page, as activation does. */
static void
list_click_released_cb (DossierWindow *self)
{
  if (adw_leaflet_get_folded (self->leaflet)
      && gtk_single_selection_get_selected (self->selection) != GTK_INVALID_LIST_POSITION)
    _dossier_window_show_content (self);
}

void
_dossier_window_show_content (DossierWindow *self)
{
  adw_leaflet_set_visible_child (self->leaflet, self->content);
}

static void
list_clients_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(DossierWindow) self = user_data;
  g_autoptr(GPtrArray) clients = NULL;
  g_autoptr(GError) error = NULL;

  clients = dossier_api_list_clients_finish (DOSSIER_API (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (clients == NULL)
    {
      g_autofree char *description = NULL;

      _dossier_window_set_loading (self, FALSE);

      /* The list stays as it was last seen; a banner says so until a call succeeds. */
      if (self->loaded_once && dossier_client_filter_model_get_n_total (self->model) > 0)
        {
          _dossier_window_show_failure (self, error);
          return;
        }

      /* Translators: the placeholder is the reason, in words */
      description = g_strdup_printf (_("Dossier could not reach the server: %s Check the "
                                       "connection, then try again."), error->message);
      show_state (self, "network-offline-symbolic", _("Cannot Reach the Server"), description,
                  FALSE, TRUE);
      return;
    }

  _dossier_window_take_clients (self, clients);
}

void
_dossier_window_show_loading (DossierWindow *self)
{
  show_state (self, "system-users-symbolic", _("Loading Clients"),
              _("Fetching the clients of this account…"), TRUE, FALSE);
}

void
_dossier_window_refresh (DossierWindow *self)
{
  if (self->api == NULL || self->loading)
    return;

  _dossier_window_set_loading (self, TRUE);
  if (!self->loaded_once || dossier_client_filter_model_get_n_total (self->model) == 0)
    _dossier_window_show_loading (self);

  /* What the person looks at is checked again too: the open client's requests. */
  if (dossier_client_page_get_client (self->page) != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self->page), "client.refresh-requests", NULL);

  dossier_api_list_clients_async (self->api, DOSSIER_API_PRIORITY_USER, self->cancellable,
                                  list_clients_cb, g_object_ref (self));
}

static void
journal_opened_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(DossierWindow) self = user_data;
  g_autoptr(DossierJournal) journal = NULL;
  g_autoptr(GError) error = NULL;

  journal = dossier_journal_new_finish (result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->cache == NULL)
    return;

  /* Without the journal, badges come from this session's fetches only. */
  if (journal == NULL)
    g_message ("The journal could not be opened: %s", error->message);
  dossier_request_cache_set_journal (self->cache, journal);
  if (journal != NULL)
    {
      /* Everything the API does from here on is written down as it happens. */
      self->recorder = dossier_event_recorder_new (self->api, journal);
      /* The search finds clients by their private notes too. */
      self->notes = dossier_note_index_new (journal);
      if (self->model != NULL)
        dossier_client_filter_model_set_note_index (self->model, self->notes);
      /* Uploads queued before a restart go on at once. */
      self->uploader = dossier_uploader_new (self->api, journal);
      /* The list and the page say which documents wait to be sent. */
      dossier_request_cache_set_uploader (self->cache, self->uploader);
      dossier_uploader_resume (self->uploader);
      _dossier_window_follow_cached_reviews (self, journal);
    }
  dossier_client_page_reload_timeline (self->page);
}

static gboolean
dossier_window_close_request (GtkWindow *window)
{
  DossierWindow *self = DOSSIER_WINDOW (window);
  int width;
  int height;

  gtk_window_get_default_size (window, &width, &height);
  g_settings_delay (self->settings);
  g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (window));
  if (!gtk_window_is_maximized (window))
    {
      g_settings_set_int (self->settings, "window-width", width);
      g_settings_set_int (self->settings, "window-height", height);
    }
  g_settings_apply (self->settings);

  return GTK_WINDOW_CLASS (dossier_window_parent_class)->close_request (window);
}

static void
dossier_window_dispose (GObject *object)
{
  DossierWindow *self = DOSSIER_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->probe_id, g_source_remove);
  if (self->cache != NULL)
    dossier_request_cache_set_sweeping (self->cache, FALSE);
  gtk_widget_dispose_template (GTK_WIDGET (self), DOSSIER_TYPE_WINDOW);
  g_clear_object (&self->selection);
  g_clear_object (&self->page_client_signals);
  g_clear_object (&self->model);
  g_clear_object (&self->cache);
  g_clear_object (&self->uploader);
  g_clear_object (&self->recorder);
  g_clear_object (&self->notes);
  g_clear_object (&self->watcher);
  g_clear_object (&self->clients);
  g_clear_object (&self->store);
  g_clear_object (&self->api);
  g_clear_object (&self->settings);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (dossier_window_parent_class)->dispose (object);
}

static void
dossier_window_class_init (DossierWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = dossier_window_dispose;
  window_class->close_request = dossier_window_close_request;

  g_type_ensure (DOSSIER_TYPE_CLIENT_PAGE);
  g_type_ensure (DOSSIER_TYPE_CLIENT_ROW);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/dossier-window.ui");
  gtk_widget_class_bind_template_child (widget_class, DossierWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, DossierWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, DossierWindow, status_page);
  gtk_widget_class_bind_template_child (widget_class, DossierWindow, state_spinner);
  gtk_widget_class_bind_template_child (widget_class, DossierWindow, retry_button);
  gtk_widget_class_bind_template_child (widget_class, DossierWindow, state_menu_button);
  gtk_widget_class_bind_template_child (widget_class, DossierWindow, back_button);
  gtk_widget_class_bind_template_child (widget_class, DossierWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, DossierWindow, sidebar);
  gtk_widget_class_bind_template_child (widget_class, DossierWindow, content);
  gtk_widget_class_bind_template_child (widget_class, DossierWindow, sidebar_title);
  gtk_widget_class_bind_template_child (widget_class, DossierWindow, content_title);
  gtk_widget_class_bind_template_child (widget_class, DossierWindow, search_bar);
  gtk_widget_class_bind_template_child (widget_class, DossierWindow, search_entry);
  gtk_widget_class_bind_template_child (widget_class, DossierWindow, list_stack);
  gtk_widget_class_bind_template_child (widget_class, DossierWindow, list_view);
  gtk_widget_class_bind_template_child (widget_class, DossierWindow, page);
  gtk_widget_class_bind_template_child (widget_class, DossierWindow, refresh_spinner);
  gtk_widget_class_bind_template_child (widget_class, DossierWindow, offline_revealer);
  gtk_widget_class_bind_template_child (widget_class, DossierWindow, offline_label);
  gtk_widget_class_bind_template_child (widget_class, DossierWindow, offline_detail);
  gtk_widget_class_bind_template_child (widget_class, DossierWindow, offline_revealer_content);
  gtk_widget_class_bind_template_child (widget_class, DossierWindow, offline_label_content);
  gtk_widget_class_bind_template_child (widget_class, DossierWindow, offline_detail_content);

  _dossier_window_class_init_actions (widget_class);
}

static void
dossier_window_init (DossierWindow *self)
{
  g_autoptr(GtkListItemFactory) factory = dossier_client_row_factory_new ();
  GtkGesture *click;

  gtk_widget_init_template (GTK_WIDGET (self));
  /* Rows built in code: a builder and an expression per row cost the first frame dearly. */
  gtk_list_view_set_factory (self->list_view, factory);

  self->cancellable = g_cancellable_new ();
  self->settings = g_settings_new ("io.github.dossier_app.Dossier");
  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

  self->clients = dossier_client_list_new ();

  click = gtk_gesture_click_new ();
  g_signal_connect_object (click, "released", G_CALLBACK (list_click_released_cb), self,
                           G_CONNECT_SWAPPED | G_CONNECT_AFTER);
  gtk_widget_add_controller (GTK_WIDGET (self->list_view), GTK_EVENT_CONTROLLER (click));
  g_signal_connect_object (self->list_view, "activate", G_CALLBACK (list_activate_cb), self,
                           G_CONNECT_SWAPPED);

  self->page_client_signals = g_signal_group_new (DOSSIER_TYPE_CLIENT);
  g_signal_group_connect_swapped (self->page_client_signals, "notify::search-key",
                                  G_CALLBACK (page_client_key_changed_cb), self);
  g_signal_connect_object (self->page, "notify::client", G_CALLBACK (page_client_changed_cb), self,
                           G_CONNECT_SWAPPED);
}

static void
dossier_window_set_up (DossierWindow      *self,
                       DossierApplication *application)
{
  DossierAccount *account = dossier_application_get_account (application);

  if (account != NULL)
    self->api = dossier_api_new_for_account (account);

  if (self->api != NULL)
    {
      self->cache = dossier_request_cache_new (self->api);
      self->watcher = dossier_review_watcher_new (self->api);
      dossier_application_follow_reviews (application, self->watcher);
      _dossier_window_follow_reviews (self);
      _dossier_window_open_store (self, account);
      dossier_client_page_set_cache (self->page, self->cache);
      dossier_journal_new_async (NULL, self->cancellable, journal_opened_cb, g_object_ref (self));
    }

  self->model = dossier_client_filter_model_new (G_LIST_MODEL (self->clients), self->cache);
  g_settings_bind (self->settings, "sort-order", self->model, "sort-order", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "status-filter", self->model, "status-filter", G_SETTINGS_BIND_DEFAULT);
  g_signal_connect_object (self->model, "refiltered", G_CALLBACK (model_refiltered_cb), self,
                           G_CONNECT_SWAPPED);

  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->model)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  g_signal_connect_object (self->selection, "notify::selected", G_CALLBACK (selection_changed_cb),
                           self, G_CONNECT_SWAPPED);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));

  _dossier_window_init_actions (self);
  _dossier_window_init_offline (self);

  if (self->api == NULL)
    dossier_window_show_account_state (self, application);
  else
    _dossier_window_load (self);
}

DossierWindow *
dossier_window_new (DossierApplication *application)
{
  DossierWindow *self;

  g_return_val_if_fail (DOSSIER_IS_APPLICATION (application), NULL);

  self = g_object_new (DOSSIER_TYPE_WINDOW,
                       "application", application,
                       NULL);
  dossier_window_set_up (self, application);

  return self;
}

/**
 * dossier_window_get_clients:
 * @self: a #DossierWindow
 *
 * Returns: (transfer none): every client of the account, as last fetched
 */
DossierClientList *
dossier_window_get_clients (DossierWindow *self)
{
  g_return_val_if_fail (DOSSIER_IS_WINDOW (self), NULL);

  return self->clients;
}

/**
 * dossier_window_get_filter_model:
 * @self: a #DossierWindow
 *
 * Returns: (transfer none): the list's model, searched, filtered and sorted
 */
DossierClientFilterModel *
dossier_window_get_filter_model (DossierWindow *self)
{
  g_return_val_if_fail (DOSSIER_IS_WINDOW (self), NULL);

  return self->model;
}

/**
 * dossier_window_get_request_cache:
 * @self: a #DossierWindow
 *
 * Returns: (transfer none) (nullable): where the badges come from
 */
DossierRequestCache *
dossier_window_get_request_cache (DossierWindow *self)
{
  g_return_val_if_fail (DOSSIER_IS_WINDOW (self), NULL);

  return self->cache;
}

/**
 * dossier_window_get_api:
 * @self: a #DossierWindow
 *
 * Returns: (transfer none) (nullable): the account's API client
 */
DossierApi *
dossier_window_get_api (DossierWindow *self)
{
  g_return_val_if_fail (DOSSIER_IS_WINDOW (self), NULL);

  return self->api;
}

/**
 * dossier_window_get_journal:
 * @self: a #DossierWindow
 *
 * Returns: (transfer none) (nullable): the journal, once open
 */
DossierJournal *
dossier_window_get_journal (DossierWindow *self)
{
  g_return_val_if_fail (DOSSIER_IS_WINDOW (self), NULL);

  return self->cache != NULL ? dossier_request_cache_get_journal (self->cache) : NULL;
}

/**
 * dossier_window_get_review_watcher:
 * @self: a #DossierWindow
 *
 * Returns: (transfer none) (nullable): what follows the requests under review
 */
DossierReviewWatcher *
dossier_window_get_review_watcher (DossierWindow *self)
{
  g_return_val_if_fail (DOSSIER_IS_WINDOW (self), NULL);

  return self->watcher;
}

/**
 * dossier_window_get_uploader:
 * @self: a #DossierWindow
 *
 * Returns: (transfer none) (nullable): the upload queue, once the journal is open
 */
DossierUploader *
dossier_window_get_uploader (DossierWindow *self)
{
  g_return_val_if_fail (DOSSIER_IS_WINDOW (self), NULL);

  return self->uploader;
}

gboolean
dossier_window_get_loading (DossierWindow *self)
{
  g_return_val_if_fail (DOSSIER_IS_WINDOW (self), FALSE);

  return self->loading;
}

/**
 * dossier_window_select_client:
 * @self: a #DossierWindow
 * @client: (nullable): a client of the list
 *
 * Shows @client's page and selects its row when it matches the search and filter.
 */
void
dossier_window_select_client (DossierWindow *self,
                              DossierClient *client)
{
  g_autofree char *name = NULL;

  g_return_if_fail (DOSSIER_IS_WINDOW (self));

  dossier_client_page_set_client (self->page, client);
  name = client != NULL ? dossier_client_get_display_name (client) : NULL;
  adw_window_title_set_title (self->content_title, name != NULL ? name : "");
  model_refiltered_cb (self);
}
