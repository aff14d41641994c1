/* test-window.c — the application opens a real window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>

#include "dossier-application.h"
#include "dossier-window.h"
#include "dossier-ui-test-utils.h"

static DossierApplication *
new_test_application (void)
{
  g_autoptr(GError) error = NULL;
  static guint serial;
  g_autofree char *id = g_strdup_printf ("%s.Test.p%d.n%u", APPLICATION_ID, getpid (), ++serial);
  DossierApplication *app = dossier_application_new (id, G_APPLICATION_NON_UNIQUE);

  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);
  return app;
}

static AdwAboutWindow *
find_about_window (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_ABOUT_WINDOW (window) && gtk_widget_get_mapped (GTK_WIDGET (window)))
        return ADW_ABOUT_WINDOW (window);
    }

  return NULL;
}

static gboolean
has_about_window (gpointer data)
{
  return find_about_window () != NULL;
}

static void
test_window_opens (void)
{
  g_autoptr(DossierApplication) app = new_test_application ();
  g_autofree char *path = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GError) error = NULL;
  GtkWindow *window;

  g_application_activate (G_APPLICATION (app));
  window = gtk_application_get_active_window (GTK_APPLICATION (app));
  g_assert_true (DOSSIER_IS_WINDOW (window));
  g_assert_true (dossier_test_wait_for_draw (GTK_WIDGET (window)));
  g_assert_cmpstr (gtk_window_get_title (window), ==, "Dossier");

  /* A second activation presents the same window rather than a new one. */
  g_application_activate (G_APPLICATION (app));
  g_assert_true (gtk_application_get_active_window (GTK_APPLICATION (app)) == window);
  g_assert_cmpuint (g_list_length (gtk_application_get_windows (GTK_APPLICATION (app))), ==, 1);

  path = dossier_test_save_screenshot (GTK_WIDGET (window), "window-empty");
  g_assert_nonnull (path);
  g_test_message ("screenshot: %s", path);
  texture = gdk_texture_new_from_filename (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gdk_texture_get_width (texture), ==, gtk_widget_get_width (GTK_WIDGET (window)));
  g_assert_cmpint (gdk_texture_get_height (texture), ==, gtk_widget_get_height (GTK_WIDGET (window)));

  gtk_window_destroy (window);
}

static void
test_window_about (void)
{
  g_autoptr(DossierApplication) app = new_test_application ();
  g_autofree char *path = NULL;
  AdwAboutWindow *about;
  GtkWindow *window;

  g_application_activate (G_APPLICATION (app));
  window = gtk_application_get_active_window (GTK_APPLICATION (app));
  g_assert_true (dossier_test_wait_for_draw (GTK_WIDGET (window)));

  g_action_group_activate_action (G_ACTION_GROUP (app), "about", NULL);
  g_assert_true (dossier_test_wait_until (has_about_window, app, 5000));

  about = find_about_window ();
  g_assert_cmpstr (adw_about_window_get_version (about), ==, PACKAGE_VERSION);
  g_assert_cmpstr (adw_about_window_get_application_icon (about), ==, APPLICATION_ID);
  g_assert_true (adw_about_window_get_license_type (about) == GTK_LICENSE_GPL_3_0);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (about)) == window);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (about));
  path = dossier_test_save_screenshot (GTK_WIDGET (about), "about");
  gtk_window_destroy (GTK_WINDOW (about));

  g_assert_nonnull (path);
  gtk_window_destroy (window);
}

static void
test_window_accels (void)
{
  g_autoptr(DossierApplication) app = new_test_application ();
  g_auto(GStrv) quit = NULL;
  g_auto(GStrv) close = NULL;

  quit = gtk_application_get_accels_for_action (GTK_APPLICATION (app), "app.quit");
  close = gtk_application_get_accels_for_action (GTK_APPLICATION (app), "window.close");
  g_assert_true (g_strv_contains ((const char * const *) quit, "<Control>q"));
  g_assert_true (g_strv_contains ((const char * const *) close, "<Control>w"));
  g_assert_true (g_action_group_has_action (G_ACTION_GROUP (app), "about"));
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/dossier/ui/window/opens", test_window_opens);
  g_test_add_func ("/dossier/ui/window/about", test_window_about);
  g_test_add_func ("/dossier/ui/window/accels", test_window_accels);

  return g_test_run ();
}
