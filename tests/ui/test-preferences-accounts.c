/* test-preferences-accounts.c — the accounts in Preferences: Enter in the key checks
 * and adds, an unknown key (401) and a key without the level (403) said apart, the
 * success said plainly, radio buttons whatever the number, removal asks first
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The "real API" is a second DossierSandbox with its admin API (for the 403 fault,
 * CONTRACT.md §13.5). Runs under with-keyring.sh: the key goes to the keyring.
 */
#include "config.h"

#include <adwaita.h>
#include <libsoup/soup.h>

#include "dossier-application.h"
#include "dossier-preferences-window.h"
#include "dossier-sandbox.h"
#include "dossier-window.h"
#include "dossier-ui-test-utils.h"

#define WRITER_KEY "writer-key-0003"

static gboolean
prefs_idle (gpointer data)
{
  return !dossier_preferences_window_get_busy (data);
}

static GtkWidget *
find_entry_row (GtkWidget  *widget,
                const char *title)
{
  if (ADW_IS_ENTRY_ROW (widget)
      && g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_entry_row (child, title);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static GtkWidget *
find_remove_button (GtkWidget *widget)
{
  if (GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_widget_get_tooltip_text (widget), "Remove Account") == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_remove_button (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static AdwMessageDialog *
find_message_dialog (void)
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

static gboolean
dialog_shown (gpointer data)
{
  AdwMessageDialog *dialog = find_message_dialog ();

  return dialog != NULL && gtk_widget_get_mapped (GTK_WIDGET (dialog));
}

/* A check button in a group draws as a radio button: its indicator's CSS name. */
static const char *
indicator_of (GtkWidget *check)
{
  GtkWidget *indicator = gtk_widget_get_first_child (check);

  g_assert_nonnull (indicator);
  return gtk_widget_get_css_name (indicator);
}

/* Enter in an entry row: its text's ::activate, which the Return binding emits. */
static void
press_enter (GtkWidget *entry_row)
{
  GtkWidget *text = GTK_WIDGET (gtk_editable_get_delegate (GTK_EDITABLE (entry_row)));

  g_assert_true (GTK_IS_TEXT (text));
  gtk_widget_grab_focus (text);
  g_signal_emit_by_name (text, "activate");
}

static void
shoot (GtkWidget  *widget,
       const char *name)
{
  g_autofree char *path = NULL;

  g_assert_true (dossier_test_wait_for_draw (widget));
  path = dossier_test_save_screenshot (widget, name);
  g_assert_nonnull (path);
  g_test_message ("screenshot: %s", path);
}

static void
arm_fault (SoupSession *session,
           const char  *uri,
           const char  *body)
{
  g_autofree char *url = g_strconcat (uri, "/_sandbox/faults", NULL);
  g_autoptr(SoupMessage) message = soup_message_new ("POST", url);
  g_autoptr(GBytes) request = g_bytes_new_static (body, strlen (body));
  g_autoptr(GBytes) answer = NULL;
  g_autoptr(GError) error = NULL;

  soup_message_set_request_body_from_bytes (message, "application/json", request);
  answer = soup_session_send_and_read (session, message, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (message), ==, 200);
}

static void
test_accounts_in_preferences (void)
{
  g_autoptr(DossierSandboxConfig) config = dossier_sandbox_config_new ();
  g_autoptr(DossierSandbox) remote = NULL;
  g_autoptr(DossierApplication) app = NULL;
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *id = g_strdup_printf ("%s.Test.p%d.prefs", APPLICATION_ID, getpid ());
  DossierPreferencesWindow *prefs = NULL;
  AdwMessageDialog *dialog;
  GtkWidget *url_row;
  GtkWidget *key_row;
  GtkWidget *name_row;
  GtkWidget *check;
  GtkWidget *remove;
  const char *uri;

  g_assert_true (dossier_sandbox_config_add_key (config, WRITER_KEY ":3", &error));
  g_assert_no_error (error);
  dossier_sandbox_config_set_admin (config, TRUE);
  remote = dossier_sandbox_new (config);
  g_assert_true (dossier_sandbox_start (remote, &error));
  g_assert_no_error (error);
  uri = dossier_sandbox_get_uri (remote);

  app = dossier_application_new (id, G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);
  g_application_activate (G_APPLICATION (app));
  g_action_group_activate_action (G_ACTION_GROUP (app), "preferences", NULL);
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l != NULL; l = l->next)
    if (DOSSIER_IS_PREFERENCES_WINDOW (l->data))
      prefs = l->data;
  g_assert_nonnull (prefs);
  gtk_window_set_default_size (GTK_WINDOW (prefs), 640, 720);
  g_assert_true (dossier_test_wait_for_draw (GTK_WIDGET (prefs)));

  /* The demo account alone is a radio button too, not a check box. */
  check = dossier_preferences_window_get_account_check (prefs, "");
  g_assert_cmpstr (indicator_of (check), ==, "radio");
  g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (check)));

  name_row = find_entry_row (GTK_WIDGET (prefs), "Name (optional)");
  url_row = find_entry_row (GTK_WIDGET (prefs), "Base URL");
  key_row = find_entry_row (GTK_WIDGET (prefs), "API Key");
  g_assert_nonnull (name_row);
  g_assert_nonnull (url_row);
  g_assert_nonnull (key_row);
  /* The base URL shows what one looks like. */
  g_assert_cmpstr (gtk_text_get_placeholder_text (GTK_TEXT (gtk_editable_get_delegate (GTK_EDITABLE (url_row)))),
                   ==, "https://api.cryptomate.me");

  /* An unknown key: not recognised, nothing about levels. Enter in the key field checks. */
  gtk_editable_set_text (GTK_EDITABLE (name_row), "Staging");
  gtk_editable_set_text (GTK_EDITABLE (url_row), uri);
  gtk_editable_set_text (GTK_EDITABLE (key_row), "no-such-key");
  gtk_widget_grab_focus (key_row);
  press_enter (key_row);
  g_assert_true (dossier_preferences_window_get_busy (prefs));
  g_assert_true (dossier_test_wait_until (prefs_idle, prefs, 10000));
  g_assert_cmpstr (dossier_preferences_window_get_status (prefs), ==,
                   "The server does not recognise this API key. Check the key and the base URL.");
  g_assert_null (dossier_preferences_window_get_account_check (prefs, uri));

  /* A known key the server does not allow (403): said apart, with the level it needs. */
  arm_fault (session, uri, "{\"kind\": \"error\", \"status\": 403, \"code\": \"API_ERROR\","
                           " \"message\": \"Forbidden\"}");
  gtk_editable_set_text (GTK_EDITABLE (key_row), WRITER_KEY);
  press_enter (key_row);
  g_assert_true (dossier_test_wait_until (prefs_idle, prefs, 10000));
  g_test_message ("403: %s", dossier_preferences_window_get_status (prefs));
  g_assert_cmpstr (dossier_preferences_window_get_status (prefs), ==,
                   "The server recognises this API key but does not allow it to read clients: "
                   "that needs a key with access level 1 or higher.");
  shoot (GTK_WIDGET (prefs), "preferences-key-403");
  g_assert_null (dossier_preferences_window_get_account_check (prefs, uri));

  /* The same key again, by Enter: added, said without jargon. */
  press_enter (key_row);
  g_assert_true (dossier_test_wait_until (prefs_idle, prefs, 10000));
  g_assert_cmpstr (dossier_preferences_window_get_status (prefs), ==,
                   "Account added. Choose it under Account in Use to work with its clients.");
  check = dossier_preferences_window_get_account_check (prefs, uri);
  g_assert_nonnull (check);
  g_assert_cmpstr (indicator_of (check), ==, "radio");
  g_assert_cmpstr (indicator_of (dossier_preferences_window_get_account_check (prefs, "")), ==, "radio");
  shoot (GTK_WIDGET (prefs), "preferences-two-accounts");

  /* Removing asks first; Cancel keeps it. */
  remove = find_remove_button (GTK_WIDGET (prefs));
  g_assert_nonnull (remove);
  g_assert_true (gtk_widget_activate (remove));
  g_assert_true (dossier_test_wait_until (dialog_shown, NULL, 5000));
  dialog = find_message_dialog ();
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Remove Account?");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "Staging"));
  g_assert_cmpstr (adw_message_dialog_get_default_response (dialog), ==, "cancel");
  g_assert_cmpint (adw_message_dialog_get_response_appearance (dialog, "remove"), ==, ADW_RESPONSE_DESTRUCTIVE);
  g_assert_nonnull (dossier_preferences_window_get_account_check (prefs, uri));
  shoot (GTK_WIDGET (dialog), "preferences-remove-account");
  g_object_ref (dialog);
  adw_message_dialog_response (dialog, "cancel");
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_object_unref (dialog);
  g_assert_nonnull (dossier_preferences_window_get_account_check (prefs, uri));

  /* Remove removes it. */
  remove = find_remove_button (GTK_WIDGET (prefs));
  g_assert_true (gtk_widget_activate (remove));
  g_assert_true (dossier_test_wait_until (dialog_shown, NULL, 5000));
  dialog = find_message_dialog ();
  g_object_ref (dialog);
  adw_message_dialog_response (dialog, "remove");
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_object_unref (dialog);
  g_assert_null (dossier_preferences_window_get_account_check (prefs, uri));
  g_assert_cmpstr (indicator_of (dossier_preferences_window_get_account_check (prefs, "")), ==, "radio");

  /* The placeholder as a person sees it: in the empty row that has the focus. */
  gtk_editable_set_text (GTK_EDITABLE (url_row), "");
  gtk_widget_grab_focus (url_row);
  g_assert_true (dossier_test_wait_for_draw (GTK_WIDGET (prefs)));
  shoot (GTK_WIDGET (prefs), "preferences-url-placeholder");
  /* Without the focus, the empty row shows its title only. */
  gtk_widget_grab_focus (name_row);
  g_assert_true (dossier_test_wait_for_draw (GTK_WIDGET (prefs)));
  shoot (GTK_WIDGET (prefs), "preferences-url-empty");

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
  /* As test-accounts.c: no entry selects its text on focus (X PRIMARY leaks in 4.8). */
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE,
                "gtk-entry-select-on-focus", FALSE, NULL);

  g_test_add_func ("/dossier/ui/preferences/accounts", test_accounts_in_preferences);

  return g_test_run ();
}
