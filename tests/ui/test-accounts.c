/* test-accounts.c — Preferences: adding a real API account (checked with a real call,
 * key in the keyring), switching accounts reloads the window, the sandbox banner,
 * and the level table's wording for a key that may read but not change clients
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The "real API" is a second DossierSandbox started by the test, without demo data,
 * with a level-1 key (reader) and a level-3 key (writer). Runs under with-keyring.sh.
 */
#include "config.h"

#include <adwaita.h>
#include <libsoup/soup.h>

#include "dossier-application.h"
#include "dossier-client-editor.h"
#include "dossier-preferences-window.h"
#include "dossier-sandbox.h"
#include "dossier-sandbox-banner.h"
#include "dossier-window.h"
#include "dossier-ui-test-utils.h"

static DossierWindow *
main_window (DossierApplication *app)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l != NULL; l = l->next)
    if (DOSSIER_IS_WINDOW (l->data) && gtk_widget_get_visible (l->data))
      return l->data;
  return NULL;
}

typedef struct {
  DossierApplication *app;
  DossierWindow      *previous;
  guint               n_clients;
} Expect;

static gboolean
reloaded_with (gpointer data)
{
  Expect *expect = data;
  DossierWindow *window = main_window (expect->app);

  return window != NULL && window != expect->previous && !dossier_window_get_loading (window)
         && g_list_model_get_n_items (G_LIST_MODEL (dossier_window_get_clients (window))) == expect->n_clients;
}

static gboolean
prefs_idle (gpointer data)
{
  return !dossier_preferences_window_get_busy (data);
}

static DossierClientEditor *
find_editor (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (DOSSIER_IS_CLIENT_EDITOR (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return DOSSIER_CLIENT_EDITOR (window);
    }
  return NULL;
}

static gboolean
editor_on_form (gpointer data)
{
  DossierClientEditor *editor = find_editor ();

  return editor != NULL && g_strcmp0 (dossier_client_editor_get_page (editor), "form") == 0;
}

static gboolean
editor_error (gpointer data)
{
  DossierClientEditor *editor = find_editor ();

  return editor != NULL && !dossier_client_editor_get_busy (editor)
         && dossier_client_editor_get_error_text (editor) != NULL;
}

static DossierSandboxBanner *
banner_of (DossierWindow *window)
{
  GtkWidget *w = GTK_WIDGET (window);

  /* The banner has no template binding of its own: walk the tree. */
  for (GtkWidget *child = gtk_widget_get_first_child (w); child != NULL;)
    {
      if (DOSSIER_IS_SANDBOX_BANNER (child))
        return DOSSIER_SANDBOX_BANNER (child);
      if (gtk_widget_get_first_child (child) != NULL)
        child = gtk_widget_get_first_child (child);
      else
        {
          while (child != NULL && gtk_widget_get_next_sibling (child) == NULL)
            {
              child = gtk_widget_get_parent (child);
              if (child == w)
                return NULL;
            }
          if (child != NULL)
            child = gtk_widget_get_next_sibling (child);
        }
    }
  return NULL;
}

static void
create_remote_client (SoupSession *session,
                      const char  *uri,
                      const char  *key)
{
  g_autofree char *url = g_strconcat (uri, "/management/clients/individuals", NULL);
  g_autoptr(SoupMessage) message = soup_message_new ("POST", url);
  const char *body = "{\"first_name\":\"Remote\",\"last_name\":\"Client\",\"email\":\"remote@example.com\","
                     "\"birth_date\":\"1980-01-01\",\"address\":{\"street_line1\":\"Calle 1\","
                     "\"city\":\"Córdoba\",\"country\":\"ARG\"}}";
  g_autoptr(GBytes) request = g_bytes_new_static (body, strlen (body));
  g_autoptr(GBytes) answer = NULL;
  g_autoptr(GError) error = NULL;

  soup_message_headers_append (soup_message_get_request_headers (message), "x-api-key", key);
  soup_message_set_request_body_from_bytes (message, "application/json", request);
  answer = soup_session_send_and_read (session, message, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (message), ==, 200);
}

static void
test_accounts_switch (void)
{
  g_autoptr(DossierSandboxConfig) config = dossier_sandbox_config_new ();
  g_autoptr(DossierSandbox) remote = NULL;
  g_autoptr(DossierApplication) app = NULL;
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *id = g_strdup_printf ("%s.Test.p%d.accounts", APPLICATION_ID, getpid ());
  DossierPreferencesWindow *prefs;
  DossierClientEditor *editor;
  DossierWindow *window;
  GtkWidget *check;
  Expect expect;
  guint n_demo;

  g_assert_true (dossier_sandbox_config_add_key (config, "reader-key-0001:1", &error));
  g_assert_true (dossier_sandbox_config_add_key (config, "writer-key-0003:3", &error));
  g_assert_no_error (error);
  remote = dossier_sandbox_new (config);
  g_assert_true (dossier_sandbox_start (remote, &error));
  g_assert_no_error (error);
  create_remote_client (session, dossier_sandbox_get_uri (remote), "writer-key-0003");

  app = dossier_application_new (id, G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);
  g_application_activate (G_APPLICATION (app));
  window = main_window (app);
  g_assert_nonnull (window);
  expect = (Expect) { app, NULL, 7 };
  g_assert_true (dossier_test_wait_until (reloaded_with, &expect, 10000));
  n_demo = g_list_model_get_n_items (G_LIST_MODEL (dossier_window_get_clients (window)));

  /* The sandbox says so. */
  g_assert_true (dossier_test_wait_for_draw (GTK_WIDGET (window)));
  g_assert_true (dossier_sandbox_banner_get_revealed (banner_of (window)));

  g_assert_true (g_action_group_has_action (G_ACTION_GROUP (app), "preferences"));
  g_action_group_activate_action (G_ACTION_GROUP (app), "preferences", NULL);
  prefs = NULL;
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l != NULL; l = l->next)
    if (DOSSIER_IS_PREFERENCES_WINDOW (l->data))
      prefs = l->data;
  g_assert_nonnull (prefs);
  g_assert_true (dossier_test_wait_for_draw (GTK_WIDGET (prefs)));

  /* A wrong key is refused in words, and nothing is kept. */
  dossier_preferences_window_add_account (prefs, "Staging", dossier_sandbox_get_uri (remote), "wrong-key");
  g_assert_true (dossier_test_wait_until (prefs_idle, prefs, 10000));
  g_assert_nonnull (strstr (dossier_preferences_window_get_status (prefs), "does not recognise this API key"));
  g_assert_null (dossier_preferences_window_get_account_check (prefs, dossier_sandbox_get_uri (remote)));

  /* A URL that is not one is said so before any call. */
  dossier_preferences_window_add_account (prefs, "Staging", "ftp:/nowhere", "reader-key-0001");
  g_assert_nonnull (strstr (dossier_preferences_window_get_status (prefs), "base URL"));

  /* The reader key works for level-1 calls: the account is kept. */
  dossier_preferences_window_add_account (prefs, "Staging", dossier_sandbox_get_uri (remote), "reader-key-0001");
  g_assert_true (dossier_test_wait_until (prefs_idle, prefs, 10000));
  check = dossier_preferences_window_get_account_check (prefs, dossier_sandbox_get_uri (remote));
  g_assert_nonnull (check);
  g_assert_true (dossier_test_wait_for_draw (GTK_WIDGET (prefs)));
  {
    g_autofree char *saved = dossier_test_save_screenshot (GTK_WIDGET (prefs), "preferences-accounts");

    g_assert_nonnull (saved);
    g_test_message ("screenshot: %s", saved);
  }

  /* Choosing it reloads the window on it: its one client, no sandbox banner. */
  expect = (Expect) { app, window, 1 };
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), TRUE);
  g_assert_true (dossier_test_wait_until (reloaded_with, &expect, 10000));
  window = main_window (app);
  g_assert_true (dossier_test_wait_for_draw (GTK_WIDGET (window)));
  g_assert_false (dossier_sandbox_banner_get_revealed (banner_of (window)));

  /* The reader key may not change clients: the editor says which level it needs. */
  {
    g_autoptr(DossierClient) client = g_list_model_get_item (G_LIST_MODEL (dossier_window_get_clients (window)), 0);

    dossier_window_select_client (window, client);
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.edit-client", NULL));
    g_assert_true (dossier_test_wait_until (editor_on_form, NULL, 10000));
    editor = find_editor ();
    dossier_client_form_set_text (dossier_client_editor_get_form (editor), DOSSIER_CLIENT_FIELD_CITY, "Rosario");
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.primary", NULL));
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.primary", NULL));
    g_assert_true (dossier_test_wait_until (editor_error, NULL, 10000));
    g_assert_nonnull (strstr (dossier_client_editor_get_error_text (editor), "access level 3"));
    gtk_window_destroy (GTK_WINDOW (editor));
  }

  /* Back to the sandbox. */
  prefs = NULL;
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l != NULL; l = l->next)
    if (DOSSIER_IS_PREFERENCES_WINDOW (l->data))
      prefs = l->data;
  g_assert_nonnull (prefs);
  expect = (Expect) { app, window, n_demo };
  gtk_check_button_set_active (GTK_CHECK_BUTTON (dossier_preferences_window_get_account_check (prefs, "")), TRUE);
  g_assert_true (dossier_test_wait_until (reloaded_with, &expect, 10000));
  window = main_window (app);
  g_assert_true (dossier_test_wait_for_draw (GTK_WIDGET (window)));
  g_assert_true (dossier_sandbox_banner_get_revealed (banner_of (window)));

  while (gtk_application_get_windows (GTK_APPLICATION (app)) != NULL)
    gtk_window_destroy (gtk_application_get_windows (GTK_APPLICATION (app))->data);
  dossier_sandbox_stop (remote);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  /* No entry selects its text on focus: a selection claims X's PRIMARY, and GTK 4.8
   * leaks the X11 selection streams with which the other ui tests sharing the Xvfb
   * (meson test runs them in parallel) ask for and answer its targets. */
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE,
                "gtk-entry-select-on-focus", FALSE, NULL);

  g_test_add_func ("/dossier/ui/accounts/switch", test_accounts_switch);

  return g_test_run ();
}
