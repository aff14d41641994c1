/* test-translation.c — Dossier speaks Spanish when the session does
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <locale.h>

#include "dossier-application.h"
#include "dossier-window.h"
#include "dossier-ui-test-utils.h"

static gboolean have_spanish;

static void
test_translation_window (void)
{
  g_autofree char *id = g_strdup_printf ("%s.Test.p%d.es", APPLICATION_ID, getpid ());
  g_autoptr(DossierApplication) app = dossier_application_new (id, G_APPLICATION_NON_UNIQUE);
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  GtkWidget *menu_button;
  GtkWindow *window;

  if (!have_spanish)
    {
      g_test_skip ("the es_ES.UTF-8 locale is not generated (./build-aux/dev generates it)");
      return;
    }

  /* The catalogue built from po/es.po is found and used. */
  g_assert_cmpstr (_("No Clients Yet"), ==, "Aún no hay clientes");
  g_assert_cmpstr (C_("request status", "In Review"), ==, "En revisión");
  g_assert_cmpstr (g_dpgettext2 (GETTEXT_PACKAGE, "shortcut window", "Quit"), ==, "Salir");

  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);
  g_application_activate (G_APPLICATION (app));
  window = gtk_application_get_active_window (GTK_APPLICATION (app));
  g_assert_true (dossier_test_wait_for_draw (GTK_WIDGET (window)));

  /* Strings of the templates go through the same catalogue. */
  menu_button = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (window), DOSSIER_TYPE_WINDOW,
                                                           "state_menu_button"));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (menu_button), ==, "Menú principal");

  path = dossier_test_save_screenshot (GTK_WIDGET (window), "window-es");
  g_assert_nonnull (path);
  gtk_window_destroy (window);
}

int
main (int   argc,
      char *argv[])
{
  const char *localedir = g_getenv ("DOSSIER_TEST_LOCALEDIR");

  /* As a Spanish session would start Dossier (main.c binds the domain the same way). */
  g_setenv ("LC_ALL", "es_ES.UTF-8", TRUE);
  g_setenv ("LANGUAGE", "es", TRUE);
  have_spanish = setlocale (LC_ALL, "es_ES.UTF-8") != NULL;

  g_assert_nonnull (localedir);
  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/dossier/ui/translation/window", test_translation_window);

  return g_test_run ();
}
