/* dossier-application.c — the application: actions, accelerators, windows
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "dossier-account.h"
#include "dossier-accounts.h"
#include "dossier-application.h"
#include "dossier-core.h"
#include "dossier-sandbox.h"
#include "dossier-preferences-window.h"
#include "dossier-product-chooser.h"
#include "dossier-window.h"

struct _DossierApplication
{
  AdwApplication  parent_instance;

  DossierSandbox *sandbox;
  DossierAccount *sandbox_account;
  DossierAccount *account;
  GSettings      *settings;
  guint           loading_key : 1;
  GError         *sandbox_error;
};

G_DEFINE_FINAL_TYPE (DossierApplication, dossier_application, ADW_TYPE_APPLICATION)

DossierApplication *
dossier_application_new (const char        *application_id,
                         GApplicationFlags  flags)
{
  g_return_val_if_fail (application_id != NULL, NULL);

  return g_object_new (DOSSIER_TYPE_APPLICATION,
                       "application-id", application_id,
                       "flags", flags,
                       "resource-base-path", RESOURCE_PREFIX,
                       NULL);
}

static void
dossier_application_activate (GApplication *app)
{
  GtkWindow *window;

  g_assert (DOSSIER_IS_APPLICATION (app));

  /* A real account's key is still being read from the keyring: the window opens then. */
  if (DOSSIER_APPLICATION (app)->loading_key)
    return;

  window = NULL;
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l != NULL; l = l->next)
    if (DOSSIER_IS_WINDOW (l->data))
      {
        window = l->data;
        break;
      }
  if (window == NULL)
    window = GTK_WINDOW (dossier_window_new (DOSSIER_APPLICATION (app)));

  gtk_window_present (window);
}

static int
dossier_application_handle_local_options (GApplication *app,
                                          GVariantDict *options)
{
  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("dossier %s\n", PACKAGE_VERSION);
      return 0;
    }

  return -1;
}

static void
dossier_application_about_action (GSimpleAction *action,
                                  GVariant      *parameter,
                                  gpointer       user_data)
{
  static const char *developers[] = { "The Dossier developers", NULL };
  DossierApplication *self = user_data;
  GtkWindow *window;
  GtkWidget *about;

  window = gtk_application_get_active_window (GTK_APPLICATION (self));

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "application-name", _("Dossier"),
                        "application-icon", APPLICATION_ID,
                        "developer-name", _("The Dossier developers"),
                        "version", PACKAGE_VERSION,
                        "website", "https://github.com/dossier-app/dossier",
                        "issue-url", "https://github.com/dossier-app/dossier/issues",
                        "copyright", _("© 2026 The Dossier developers"),
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "developers", developers,
                        /* Translators: put your names here, one per line */
                        "translator-credits", _("translator-credits"),
                        "transient-for", window,
                        "modal", TRUE,
                        NULL);
  gtk_window_present (GTK_WINDOW (about));
}

static void
dossier_application_quit_action (GSimpleAction *action,
                                 GVariant      *parameter,
                                 gpointer       user_data)
{
  g_application_quit (G_APPLICATION (user_data));
}

static void
dossier_application_preferences_action (GSimpleAction *action,
                                        GVariant      *parameter,
                                        gpointer       user_data)
{
  DossierApplication *self = user_data;

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    if (DOSSIER_IS_PREFERENCES_WINDOW (l->data))
      {
        gtk_window_present (l->data);
        return;
      }
  gtk_window_present (GTK_WINDOW (dossier_preferences_window_new (self)));
}

/* A notification's default action: the client's page in the main window. */
static void
dossier_application_open_client_action (GSimpleAction *action,
                                        GVariant      *parameter,
                                        gpointer       user_data)
{
  DossierApplication *self = user_data;
  const char *client_id = g_variant_get_string (parameter, NULL);
  GtkWindow *window = NULL;

  if (*client_id == '\0')
    return;

  g_application_activate (G_APPLICATION (self));
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    if (DOSSIER_IS_WINDOW (l->data))
      {
        window = l->data;
        break;
      }
  if (window == NULL)
    return;

  dossier_window_open_client (DOSSIER_WINDOW (window), client_id);
  gtk_window_present (window);
}

static const GActionEntry app_actions[] = {
  { "about", dossier_application_about_action },
  { "open-client", dossier_application_open_client_action, "s" },
  { "preferences", dossier_application_preferences_action },
  { "quit", dossier_application_quit_action },
};

/* The embedded sandbox, the default account while no real one is configured:
 * its state lives in the user's data folder so demo work survives a restart,
 * and its first start seeds the demo clients. */
static gboolean
dossier_application_start_sandbox (DossierApplication  *self,
                                   GError             **error)
{
  g_autoptr(DossierSandboxConfig) config = dossier_sandbox_config_new ();
  g_autoptr(DossierSandbox) sandbox = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *state = NULL;

  dir = dossier_core_data_dir (error);
  if (dir == NULL)
    return FALSE;

  state = g_build_filename (dir, "sandbox-state.json", NULL);
  dossier_sandbox_config_set_state_file (config, state);
  dossier_sandbox_config_set_demo (config, TRUE);

  sandbox = dossier_sandbox_new (config);
  if (!dossier_sandbox_start (sandbox, &local_error))
    {
      g_autofree char *aside = NULL;

      if (!g_error_matches (local_error, DOSSIER_SANDBOX_ERROR, DOSSIER_SANDBOX_ERROR_STATE))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }

      /* An unreadable demo state: keep it aside for inspection, start afresh. */
      aside = g_strconcat (state, ".unreadable", NULL);
      g_message ("The demo sandbox's state could not be read (%s); it was moved to %s",
                 local_error->message, aside);
      if (g_rename (state, aside) != 0)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }

      g_clear_object (&sandbox);
      sandbox = dossier_sandbox_new (config);
      if (!dossier_sandbox_start (sandbox, error))
        return FALSE;
    }

  self->account = dossier_account_new_for_sandbox (dossier_sandbox_get_uri (sandbox),
                                                   dossier_sandbox_get_api_key (sandbox));
  dossier_account_set_display_name (self->account, _("Demo sandbox"));
  self->sandbox_account = g_object_ref (self->account);
  self->sandbox = g_steal_pointer (&sandbox);

  return TRUE;
}

static void
dossier_application_shutdown (GApplication *app)
{
  DossierApplication *self = DOSSIER_APPLICATION (app);

  if (self->sandbox != NULL)
    dossier_sandbox_stop (self->sandbox);

  G_APPLICATION_CLASS (dossier_application_parent_class)->shutdown (app);
}

static void
dossier_application_dispose (GObject *object)
{
  DossierApplication *self = DOSSIER_APPLICATION (object);

  g_clear_object (&self->account);
  g_clear_object (&self->sandbox_account);
  g_clear_object (&self->settings);
  g_clear_object (&self->sandbox);
  g_clear_error (&self->sandbox_error);

  G_OBJECT_CLASS (dossier_application_parent_class)->dispose (object);
}

/**
 * dossier_application_get_account:
 * @self: a #DossierApplication
 *
 * Returns: (transfer none) (nullable): the account Dossier works on, or %NULL
 *   when none could be set up (see dossier_application_get_account_error())
 */
DossierAccount *
dossier_application_get_account (DossierApplication *self)
{
  g_return_val_if_fail (DOSSIER_IS_APPLICATION (self), NULL);

  return self->account;
}

/**
 * dossier_application_get_account_error:
 * @self: a #DossierApplication
 *
 * Returns: (transfer none) (nullable): why there is no account, or %NULL
 */
const GError *
dossier_application_get_account_error (DossierApplication *self)
{
  g_return_val_if_fail (DOSSIER_IS_APPLICATION (self), NULL);

  return self->sandbox_error;
}

/**
 * dossier_application_get_sandbox:
 * @self: a #DossierApplication
 *
 * Returns: (transfer none) (nullable): the embedded sandbox, when it runs
 */
DossierSandbox *
dossier_application_get_sandbox (DossierApplication *self)
{
  g_return_val_if_fail (DOSSIER_IS_APPLICATION (self), NULL);

  return self->sandbox;
}

static void dossier_application_reload (DossierApplication *self);

/* A real account without its key in the keyring cannot work: back to the sandbox,
 * and the main window says why in a toast. */
static void
key_loaded_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(DossierApplication) self = user_data;
  g_autoptr(GError) error = NULL;

  self->loading_key = FALSE;
  if (!dossier_account_load_key_finish (DOSSIER_ACCOUNT (object), result, &error))
    {
      g_message ("The key of %s could not be read: %s", dossier_account_get_base_url (DOSSIER_ACCOUNT (object)),
                 error != NULL ? error->message : "no key stored");
      g_set_object (&self->account, self->sandbox_account);
      dossier_accounts_set_current (self->settings, "");
    }
  dossier_application_reload (self);
}

/* Closes the main windows (not Preferences) and opens one on the current account. */
static void
dossier_application_reload (DossierApplication *self)
{
  GList *windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (self)));
  DossierWindow *window;

  /* The new window first: the application quits when its last window goes. */
  window = dossier_window_new (self);
  /* Preferences stays open, now above the new window. */
  for (GList *l = windows; l != NULL; l = l->next)
    if (!DOSSIER_IS_WINDOW (l->data))
      gtk_window_set_transient_for (l->data, GTK_WINDOW (window));
  for (GList *l = windows; l != NULL; l = l->next)
    if (DOSSIER_IS_WINDOW (l->data))
      gtk_window_destroy (l->data);
  g_list_free (windows);
  gtk_window_present (GTK_WINDOW (window));
}

void
dossier_application_use_account (DossierApplication *self,
                                 DossierAccount     *account)
{
  g_return_if_fail (DOSSIER_IS_APPLICATION (self));
  g_return_if_fail (!account || DOSSIER_IS_ACCOUNT (account));

  if (account == NULL || dossier_account_get_kind (account) == DOSSIER_ACCOUNT_KIND_SANDBOX)
    {
      g_set_object (&self->account, self->sandbox_account);
      dossier_accounts_set_current (self->settings, "");
    }
  else
    {
      g_set_object (&self->account, account);
      dossier_accounts_set_current (self->settings, dossier_account_get_base_url (account));
    }

  if (self->account != NULL && dossier_account_get_kind (self->account) == DOSSIER_ACCOUNT_KIND_REMOTE
      && !dossier_account_has_key (self->account))
    {
      self->loading_key = TRUE;
      dossier_account_load_key_async (self->account, NULL, key_loaded_cb, g_object_ref (self));
      return;
    }
  dossier_application_reload (self);
}

static char *
dossier_application_product_name (DossierApplication *self,
                                  const char         *product_id)
{
  const char *server_name = NULL;

  if (self->sandbox != NULL && self->account == self->sandbox_account)
    server_name = dossier_sandbox_get_product_name (self->sandbox, product_id);
  return dossier_product_display_name (product_id, server_name);
}

/**
 * dossier_application_build_review_notification:
 * @self: a #DossierApplication
 * @client_name: the client's name as shown
 * @request: a request that became enabled or rejected
 *
 * Returns: (transfer full) (nullable): the notification, whose default action opens the client
 */
GNotification *
dossier_application_build_review_notification (DossierApplication    *self,
                                               const char            *client_name,
                                               DossierProductRequest *request)
{
  DossierRequestStatus status = dossier_product_request_get_status (request);
  g_autofree char *product = dossier_application_product_name (self, dossier_product_request_get_product (request));
  g_autofree char *title = NULL;
  g_autofree char *body = NULL;
  g_autoptr(GNotification) notification = NULL;
  const char *reason;

  g_return_val_if_fail (DOSSIER_IS_APPLICATION (self), NULL);
  g_return_val_if_fail (DOSSIER_IS_PRODUCT_REQUEST (request), NULL);

  if (status == DOSSIER_REQUEST_STATUS_ENABLED)
    {
      /* Translators: a notification's title; the placeholder is a product, e.g. "Cards" */
      title = g_strdup_printf (_("%s Enabled"), product);
      /* Translators: the placeholders are a client's name and a product */
      body = g_strdup_printf (_("%s can now use %s."), client_name, product);
    }
  else if (status == DOSSIER_REQUEST_STATUS_REJECTED)
    {
      reason = dossier_product_request_get_rejection_description (request);
      /* Translators: a notification's title; the placeholder is a product, e.g. "Cards" */
      title = g_strdup_printf (_("%s Request Rejected"), product);
      if (reason != NULL && *reason != '\0')
        /* Translators: a client's name, then the provider's reason */
        body = g_strdup_printf (_("%s: %s"), client_name, reason);
      else
        /* Translators: the placeholder is a client's name */
        body = g_strdup_printf (_("The request for %s was rejected."), client_name);
    }
  else
    return NULL;

  notification = g_notification_new (title);
  g_notification_set_body (notification, body);
  g_notification_set_priority (notification, status == DOSSIER_REQUEST_STATUS_REJECTED
                                             ? G_NOTIFICATION_PRIORITY_HIGH
                                             : G_NOTIFICATION_PRIORITY_NORMAL);
  g_notification_set_default_action_and_target (notification, "app.open-client", "s",
                                                 dossier_product_request_get_client_id (request));
  return g_steal_pointer (&notification);
}

static char *
dossier_application_client_name (DossierApplication *self,
                                 const char         *client_id)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    if (DOSSIER_IS_WINDOW (l->data))
      {
        DossierClient *client = dossier_client_list_lookup (dossier_window_get_clients (l->data), client_id);

        if (client != NULL)
          return dossier_client_get_display_name (client);
      }

  return g_strdup (_("A client"));
}

static void
review_changed_cb (DossierReviewWatcher  *watcher,
                   const char            *client_id,
                   DossierProductRequest *old,
                   DossierProductRequest *request,
                   DossierApplication    *self)
{
  g_autoptr(GNotification) notification = NULL;
  g_autofree char *name = NULL;
  g_autofree char *id = NULL;

  if (dossier_product_request_get_status (old) != DOSSIER_REQUEST_STATUS_IN_KYC)
    return;

  name = dossier_application_client_name (self, client_id);
  notification = dossier_application_build_review_notification (self, name, request);
  if (notification == NULL)
    return;

  id = g_strconcat ("request-", dossier_product_request_get_id (request), NULL);
  g_application_send_notification (G_APPLICATION (self), id, notification);
}

/* Polling slows down while no window of Dossier is active. */
static void
dossier_application_update_active (DossierApplication *self)
{
  gboolean active = FALSE;
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (self));

  for (GList *l = windows; l != NULL; l = l->next)
    active |= gtk_window_is_active (l->data);

  for (GList *l = windows; l != NULL; l = l->next)
    if (DOSSIER_IS_WINDOW (l->data) && dossier_window_get_review_watcher (l->data) != NULL)
      dossier_review_watcher_set_active (dossier_window_get_review_watcher (l->data), active);
}

static void
dossier_application_window_added (GtkApplication *app,
                                  GtkWindow      *window)
{
  GTK_APPLICATION_CLASS (dossier_application_parent_class)->window_added (app, window);

  g_signal_connect_object (window, "notify::is-active",
                           G_CALLBACK (dossier_application_update_active), app, G_CONNECT_SWAPPED);
}

void
dossier_application_follow_reviews (DossierApplication   *self,
                                    DossierReviewWatcher *watcher)
{
  g_return_if_fail (DOSSIER_IS_APPLICATION (self));
  g_return_if_fail (DOSSIER_IS_REVIEW_WATCHER (watcher));

  g_signal_connect_object (watcher, "request-changed", G_CALLBACK (review_changed_cb), self, 0);
}

static void
dossier_application_startup (GApplication *app)
{
  DossierApplication *self = DOSSIER_APPLICATION (app);

  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *close_accels[] = { "<Control>w", NULL };

  G_APPLICATION_CLASS (dossier_application_parent_class)->startup (app);

  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions,
                                   G_N_ELEMENTS (app_actions), app);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "window.close", close_accels);

  static const char *preferences_accels[] = { "<Control>comma", NULL };

  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.preferences", preferences_accels);

  /* The window binds these keys too; registered here, the Keyboard Shortcuts window shows them. */
  static const char *search_accels[] = { "<Control>f", NULL };
  static const char *new_client_accels[] = { "<Control>n", NULL };
  static const char *back_accels[] = { "<Alt>Left", NULL };

  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.search", search_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.new-client", new_client_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.back", back_accels);
  self->settings = g_settings_new ("io.github.dossier_app.Dossier");

  if (!dossier_application_start_sandbox (self, &self->sandbox_error))
    g_warning ("The demo sandbox could not start: %s", self->sandbox_error->message);

  /* The account chosen last time, if it is a real one still listed. */
  {
    g_autofree char *current = dossier_accounts_get_current (self->settings);
    g_autoptr(GPtrArray) remote = dossier_accounts_list_remote (self->settings);

    for (guint i = 0; *current != '\0' && i < remote->len; i++)
      if (g_str_equal (dossier_account_get_base_url (g_ptr_array_index (remote, i)), current))
        {
          g_set_object (&self->account, g_ptr_array_index (remote, i));
          self->loading_key = TRUE;
          dossier_account_load_key_async (self->account, NULL, key_loaded_cb, g_object_ref (self));
        }
  }
}

static void
dossier_application_class_init (DossierApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);
  GtkApplicationClass *gtk_app_class = GTK_APPLICATION_CLASS (klass);

  gtk_app_class->window_added = dossier_application_window_added;
  object_class->dispose = dossier_application_dispose;

  app_class->shutdown = dossier_application_shutdown;
  app_class->activate = dossier_application_activate;
  app_class->startup = dossier_application_startup;
  app_class->handle_local_options = dossier_application_handle_local_options;
}

static void
dossier_application_init (DossierApplication *self)
{
  static const GOptionEntry entries[] = {
    { "version", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Show the version and exit"), NULL },
    { NULL }
  };

  g_application_add_main_option_entries (G_APPLICATION (self), entries);
}
