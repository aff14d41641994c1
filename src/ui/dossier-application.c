/* dossier-application.c — the application: actions, accelerators, windows
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "dossier-application.h"
#include "dossier-window.h"

struct _DossierApplication
{
  AdwApplication parent_instance;
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

  window = gtk_application_get_active_window (GTK_APPLICATION (app));
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

static const GActionEntry app_actions[] = {
  { "about", dossier_application_about_action },
  { "quit", dossier_application_quit_action },
};

static void
dossier_application_startup (GApplication *app)
{
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *close_accels[] = { "<Control>w", NULL };

  G_APPLICATION_CLASS (dossier_application_parent_class)->startup (app);

  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions,
                                   G_N_ELEMENTS (app_actions), app);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "window.close", close_accels);
}

static void
dossier_application_class_init (DossierApplicationClass *klass)
{
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

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
