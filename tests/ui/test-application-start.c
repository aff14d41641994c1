/* test-application-start.c — Dossier started on a real account: the window comes once
 * its key is read from the keyring, and says so when the key cannot be read (walk 4,
 * item 1: it used to exit at once, status 0, no window)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs the application as main() does, with g_application_run(): the key is read
 * asynchronously from the keyring after activate() returned, so only a hold keeps the
 * application alive meanwhile. The "real API" is a second DossierSandbox without demo
 * data. Runs under with-keyring.sh (a real Secret Service, TESTING.md §5).
 */
#include "config.h"

#include <adwaita.h>
#include <libsoup/soup.h>

#include "dossier-account.h"
#include "dossier-accounts.h"
#include "dossier-application.h"
#include "dossier-sandbox.h"
#include "dossier-window.h"
#include "dossier-ui-test-utils.h"

typedef struct {
  DossierApplication *app;
  guint               n_clients;      /* what the window must show, then */
  gboolean            want_notice;    /* and whether a dialog must say why */
  gboolean            presented;
  guint               n_shown;
  char               *notice;
  char               *screenshot;
  gint64              deadline;
} Run;

static DossierWindow *
main_window (DossierApplication *app)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l != NULL; l = l->next)
    if (DOSSIER_IS_WINDOW (l->data) && gtk_widget_get_visible (l->data))
      return l->data;
  return NULL;
}

static AdwMessageDialog *
find_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return ADW_MESSAGE_DIALOG (window);
    }
  return NULL;
}

/* Looks every 100 ms, while g_application_run() runs: once the window shows what it
 * must (or time is up), notes what it saw and closes everything, which ends the run. */
static gboolean
look_cb (gpointer data)
{
  Run *run = data;
  DossierWindow *window = main_window (run->app);
  AdwMessageDialog *dialog = find_dialog ();
  gboolean done;

  done = window != NULL && !dossier_window_get_loading (window)
         && g_list_model_get_n_items (G_LIST_MODEL (dossier_window_get_clients (window))) == run->n_clients
         && (!run->want_notice || dialog != NULL);
  if (!done && g_get_monotonic_time () < run->deadline)
    return G_SOURCE_CONTINUE;

  if (window != NULL)
    {
      run->presented = gtk_widget_get_mapped (GTK_WIDGET (window));
      run->n_shown = g_list_model_get_n_items (G_LIST_MODEL (dossier_window_get_clients (window)));
    }
  if (dialog != NULL)
    {
      run->notice = g_strdup_printf ("%s\n%s", adw_message_dialog_get_heading (dialog),
                                     adw_message_dialog_get_body (dialog));
      if (dossier_test_wait_for_draw (GTK_WIDGET (dialog)))
        run->screenshot = dossier_test_save_screenshot (GTK_WIDGET (dialog), "start-key-missing");
      gtk_window_destroy (GTK_WINDOW (dialog));
    }
  while (gtk_application_get_windows (GTK_APPLICATION (run->app)) != NULL)
    gtk_window_destroy (gtk_application_get_windows (GTK_APPLICATION (run->app))->data);
  g_application_quit (G_APPLICATION (run->app));
  return G_SOURCE_REMOVE;
}

static void
run_application (Run *run)
{
  static guint serial;
  g_autofree char *id = g_strdup_printf ("%s.Test.p%d.start%u", APPLICATION_ID, getpid (), ++serial);
  int status;

  run->app = dossier_application_new (id, G_APPLICATION_NON_UNIQUE);
  run->deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
  g_timeout_add (100, look_cb, run);
  status = g_application_run (G_APPLICATION (run->app), 0, NULL);
  g_assert_cmpint (status, ==, 0);
  /* A run that ended by itself, before the look, leaves the timeout behind. */
  while (g_source_remove_by_user_data (run))
    ;
  g_clear_object (&run->app);
}

static void
create_remote_client (const char *uri,
                      const char *key)
{
  g_autoptr(SoupSession) session = soup_session_new ();
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

/* The key is in the keyring: the window opens on the real account. */
static void
test_start_remote_key (void)
{
  g_autoptr(DossierSandboxConfig) config = dossier_sandbox_config_new ();
  g_autoptr(DossierSandbox) remote = NULL;
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  g_autoptr(GError) error = NULL;
  g_autofree char *current = NULL;
  Run run = { NULL, 1, FALSE };
  const char *uri;

  g_assert_true (dossier_sandbox_config_add_key (config, "walk-key-1234:3", &error));
  g_assert_no_error (error);
  remote = dossier_sandbox_new (config);
  g_assert_true (dossier_sandbox_start (remote, &error));
  g_assert_no_error (error);
  uri = dossier_sandbox_get_uri (remote);
  create_remote_client (uri, "walk-key-1234");

  g_assert_true (secret_password_store_sync (dossier_account_get_secret_schema (), SECRET_COLLECTION_DEFAULT,
                                             "Dossier test key", "walk-key-1234", NULL, &error,
                                             "base-url", uri, NULL));
  g_assert_no_error (error);
  dossier_accounts_add_remote (settings, uri, "Staging");
  dossier_accounts_set_current (settings, uri);

  run_application (&run);
  g_test_message ("window presented: %d, clients shown: %u", run.presented, run.n_shown);
  g_assert_true (run.presented);
  g_assert_cmpuint (run.n_shown, ==, 1);
  g_assert_null (run.notice);
  current = dossier_accounts_get_current (settings);
  g_assert_cmpstr (current, ==, uri);

  dossier_accounts_remove_remote (settings, uri);
  dossier_sandbox_stop (remote);
}

/* No key in the keyring for the account chosen last time: never a silent exit. The
 * window opens on the demo sandbox and a dialog says why, with the way to Preferences. */
static void
test_start_key_missing (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  g_autofree char *current = NULL;
  const char *uri = "http://127.0.0.1:9";
  Run run = { NULL, 7, TRUE };

  dossier_accounts_add_remote (settings, uri, "Nowhere");
  dossier_accounts_set_current (settings, uri);

  run_application (&run);
  g_test_message ("window presented: %d, clients shown: %u, notice: %s", run.presented, run.n_shown,
                  run.notice != NULL ? run.notice : "(none)");
  if (run.screenshot != NULL)
    g_test_message ("screenshot: %s", run.screenshot);
  g_assert_true (run.presented);
  g_assert_cmpuint (run.n_shown, ==, 7);
  g_assert_nonnull (run.notice);
  g_assert_nonnull (strstr (run.notice, "Account Key Not Available"));
  g_assert_nonnull (strstr (run.notice, "“Nowhere”"));
  g_assert_nonnull (strstr (run.notice, "Preferences"));
  /* Dossier works on the sandbox now, and starts there next time. */
  current = dossier_accounts_get_current (settings);
  g_assert_cmpstr (current, ==, "");

  dossier_accounts_remove_remote (settings, uri);
  g_free (run.notice);
  g_free (run.screenshot);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE,
                "gtk-entry-select-on-focus", FALSE, NULL);

  g_test_add_func ("/dossier/ui/application/start/remote-key", test_start_remote_key);
  g_test_add_func ("/dossier/ui/application/start/key-missing", test_start_key_missing);

  status = g_test_run ();
  /* libsecret's cached service proxy (TESTING.md §5). */
  secret_service_disconnect ();
  return status;
}
