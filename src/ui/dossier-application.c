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

  /* A real account's key is still being read from the keyring: the window opens then
   * (the application is held meanwhile, see dossier_application_load_key()). */
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

static DossierWindow *dossier_application_reload (DossierApplication *self);

/* A real account without its key in the keyring cannot work: back to the sandbox,
 * and the main window says why, with the way to Preferences. */
static void
key_loaded_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(DossierApplication) self = user_data;
  DossierAccount *account = DOSSIER_ACCOUNT (object);
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  DossierWindow *window;

  self->loading_key = FALSE;
  if (dossier_account_load_key_finish (account, result, &error))
    {
      dossier_application_reload (self);
      g_application_release (G_APPLICATION (self));
      return;
    }

  g_message ("The key of %s could not be read: %s", dossier_account_get_base_url (account),
             error != NULL ? error->message : "no key stored");
  name = g_strdup (dossier_account_get_display_name (account));
  if (name == NULL || *name == '\0')
    {
      g_free (name);
      name = g_strdup (dossier_account_get_base_url (account));
    }
  if (self->account == account)
    {
      g_set_object (&self->account, self->sandbox_account);
      dossier_accounts_set_current (self->settings, "");
    }
  window = dossier_application_reload (self);
  {
    /* Translators: the placeholder is an account's name or address */
    g_autofree char *text = g_strdup_printf (_("The API key of “%s” could not be read from the "
                                               "keyring, so Dossier opened the demo sandbox. "
                                               "Unlock the keyring and choose the account again "
                                               "in Preferences, or add its key there again."), name);

    dossier_window_show_notice (window, _("Account Key Not Available"), text);
  }
  g_application_release (G_APPLICATION (self));
}

/* Reads a real account's key from the keyring; the window opens when it is there. The
 * application is held meanwhile: with no window yet, nothing else keeps it running. */
static void
dossier_application_load_key (DossierApplication *self)
{
  self->loading_key = TRUE;
  g_application_hold (G_APPLICATION (self));
  dossier_account_load_key_async (self->account, NULL, key_loaded_cb, g_object_ref (self));
}

/* Closes the main windows (not Preferences) and opens one on the current account.
 * Returns: (transfer none): the new main window */
static DossierWindow *
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
  return window;
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
      dossier_application_load_key (self);
      return;
    }
  dossier_application_reload (self);
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
          dossier_application_load_key (self);
          break;
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
