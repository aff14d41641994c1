/* test-window.c — the application opens a real window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <adwaita.h>
#include <glib/gstdio.h>

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
test_window_sandbox (void)
{
  g_autoptr(DossierApplication) app = new_test_application ();
  g_autoptr(DossierApplication) again = NULL;
  g_autofree char *state = NULL;
  g_auto(GStrv) products = NULL;
  DossierAccount *account;
  DossierSandbox *sandbox;

  /* Registering started the embedded sandbox and made it the account. */
  g_assert_null (dossier_application_get_account_error (app));
  sandbox = dossier_application_get_sandbox (app);
  g_assert_nonnull (sandbox);
  g_assert_true (dossier_sandbox_is_running (sandbox));
  g_assert_true (g_str_has_prefix (dossier_sandbox_get_uri (sandbox), "http://127.0.0.1:"));
  products = dossier_sandbox_dup_product_ids (sandbox);
  g_assert_true (g_strv_contains ((const char * const *) products, "cards_individuals"));

  account = dossier_application_get_account (app);
  g_assert_nonnull (account);
  g_assert_true (dossier_account_get_kind (account) == DOSSIER_ACCOUNT_KIND_SANDBOX);
  g_assert_cmpstr (dossier_account_get_base_url (account), ==, dossier_sandbox_get_uri (sandbox));

  /* Its state lives in the user's data folder, so demo work survives a restart. */
  state = g_build_filename (g_get_user_data_dir (), "dossier", "sandbox-state.json", NULL);
  g_assert_true (g_file_test (state, G_FILE_TEST_IS_REGULAR));

  /* An unreadable state is moved aside, and a fresh sandbox starts. */
  g_assert_true (g_file_set_contents (state, "{ not json", -1, NULL));
  again = new_test_application ();
  g_assert_null (dossier_application_get_account_error (again));
  g_assert_true (dossier_sandbox_is_running (dossier_application_get_sandbox (again)));
  {
    g_autofree char *aside = g_strconcat (state, ".unreadable", NULL);
    g_autofree char *contents = NULL;

    g_assert_true (g_file_get_contents (aside, &contents, NULL, NULL));
    g_assert_cmpstr (contents, ==, "{ not json");
  }
}

static void
test_window_start_error (void)
{
  g_autofree char *dir = g_build_filename (g_get_user_data_dir (), "dossier", NULL);
  g_autofree char *saved = g_strconcat (dir, ".saved", NULL);
  g_autofree char *path = NULL;
  g_autoptr(DossierApplication) app = NULL;
  GLogLevelFlags fatal;
  AdwStatusPage *page;
  GtkWindow *window;

  /* A plain file where the data folder should be: the sandbox cannot keep its
   * state, and the window says so in words instead of showing an empty app. */
  g_mkdir_with_parents (g_get_user_data_dir (), 0700);
  if (g_file_test (dir, G_FILE_TEST_IS_DIR))
    g_assert_cmpint (g_rename (dir, saved), ==, 0);
  g_assert_true (g_file_set_contents (dir, "", 0, NULL));

  /* The app logs a warning for this; it is expected here. */
  fatal = g_log_set_always_fatal (G_LOG_FATAL_MASK);
  app = new_test_application ();
  g_log_set_always_fatal (fatal);
  g_assert_nonnull (dossier_application_get_account_error (app));
  g_assert_null (dossier_application_get_account (app));
  g_assert_null (dossier_application_get_sandbox (app));

  g_application_activate (G_APPLICATION (app));
  window = gtk_application_get_active_window (GTK_APPLICATION (app));
  g_assert_true (dossier_test_wait_for_draw (GTK_WIDGET (window)));
  page = ADW_STATUS_PAGE (gtk_widget_get_template_child (GTK_WIDGET (window), DOSSIER_TYPE_WINDOW,
                                                         "status_page"));
  g_assert_cmpstr (adw_status_page_get_title (page), ==, "Dossier Could Not Start");
  g_assert_nonnull (strstr (adw_status_page_get_description (page), dir));
  path = dossier_test_save_screenshot (GTK_WIDGET (window), "window-start-error");
  g_assert_nonnull (path);
  gtk_window_destroy (window);

  g_assert_cmpint (g_unlink (dir), ==, 0);
  if (g_file_test (saved, G_FILE_TEST_IS_DIR))
    g_assert_cmpint (g_rename (saved, dir), ==, 0);
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
  g_test_add_func ("/dossier/ui/window/sandbox", test_window_sandbox);
  g_test_add_func ("/dossier/ui/window/start-error", test_window_start_error);

  return g_test_run ();
}
