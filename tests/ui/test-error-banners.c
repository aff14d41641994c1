/* test-error-banners.c — the client editor's error banner: a failed create in one plain
 * sentence with Retry and Details; the duplicate-email banner's Show Client, and the
 * banner gone as soon as the email changes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The app with its embedded sandbox over real HTTP; failures are the sandbox's admin
 * API faults (CONTRACT.md §13.5).
 */
#include "config.h"

#include <adwaita.h>
#include <libsoup/soup.h>

#include "dossier-application.h"
#include "dossier-client-editor.h"
#include "dossier-client-page.h"
#include "dossier-countries.h"
#include "dossier-error-report.h"
#include "dossier-sandbox.h"
#include "dossier-window.h"
#include "dossier-ui-test-utils.h"

typedef struct {
  DossierApplication *app;
  DossierWindow      *window;
  SoupSession        *session;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->app = dossier_test_app_start ("b", 2, &fixture->window);
  fixture->session = soup_session_new ();
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  dossier_test_app_stop (&fixture->app);
  g_clear_object (&fixture->session);
}

static void
arm_fault (Fixture    *fixture,
           const char *body)
{
  DossierSandbox *sandbox = dossier_application_get_sandbox (fixture->app);
  g_autofree char *uri = g_strconcat (dossier_sandbox_get_uri (sandbox), "/_sandbox/faults", NULL);
  g_autoptr(SoupMessage) message = soup_message_new ("POST", uri);
  g_autoptr(GBytes) request = g_bytes_new_static (body, strlen (body));
  g_autoptr(GBytes) answer = NULL;
  g_autoptr(GError) error = NULL;

  soup_message_set_request_body_from_bytes (message, "application/json", request);
  answer = soup_session_send_and_read (fixture->session, message, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (message), ==, 200);
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
no_editor (gpointer data)
{
  return find_editor () == NULL;
}

static gboolean
error_shown (gpointer data)
{
  DossierClientEditor *editor = data;

  return !dossier_client_editor_get_busy (editor) && dossier_client_editor_get_error_text (editor) != NULL;
}

/* The banner's button for an action ("editor.retry"), or the Details menu button. */
static GtkWidget *
find_button (GtkWidget  *widget,
             const char *action)
{
  if (action == NULL ? GTK_IS_MENU_BUTTON (widget)
                       && dossier_error_report_details_button_get_text (widget) != NULL
                     : GTK_IS_ACTIONABLE (widget)
                       && g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), action) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button (child, action);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static DossierClientEditor *
open_new_client (Fixture *fixture)
{
  DossierClientEditor *editor;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.new-client", NULL));
  editor = find_editor ();
  g_assert_nonnull (editor);
  g_assert_true (dossier_test_wait_for_draw (GTK_WIDGET (editor)));
  return editor;
}

static void
fill_form (DossierClientForm *form,
           const char        *email)
{
  DossierCountries *countries = dossier_countries_get_default ();

  dossier_client_form_set_text (form, DOSSIER_CLIENT_FIELD_FIRST_NAME, "Julia");
  dossier_client_form_set_text (form, DOSSIER_CLIENT_FIELD_LAST_NAME, "Barber");
  dossier_client_form_set_text (form, DOSSIER_CLIENT_FIELD_EMAIL, email);
  dossier_client_form_set_text (form, DOSSIER_CLIENT_FIELD_BIRTH_DATE, "1984-11-21");
  gtk_drop_down_set_selected (GTK_DROP_DOWN (dossier_client_form_get_country_dropdown (form)),
                              dossier_countries_find (countries, "ARG"));
  dossier_client_form_set_text (form, DOSSIER_CLIENT_FIELD_STREET_LINE1, "Florida 9860");
  dossier_client_form_set_text (form, DOSSIER_CLIENT_FIELD_CITY, "Del Viso");
  g_assert_true (dossier_client_form_get_valid (form));
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

static DossierClientPage *
page_of (Fixture *fixture)
{
  return DOSSIER_CLIENT_PAGE (gtk_widget_get_template_child (GTK_WIDGET (fixture->window),
                                                              DOSSIER_TYPE_WINDOW, "page"));
}

/* A listed client's email again: Show Client opens that client in the main window. */
static void
test_duplicate_show_client (Fixture       *fixture,
                            gconstpointer  data)
{
  GListModel *clients = G_LIST_MODEL (dossier_window_get_clients (fixture->window));
  g_autoptr(DossierClient) first = g_list_model_get_item (clients, 0);
  g_autoptr(DossierClient) other = g_list_model_get_item (clients, 1);
  DossierClientEditor *editor;
  GtkWidget *show;

  dossier_window_select_client (fixture->window, first);
  editor = open_new_client (fixture);
  fill_form (dossier_client_editor_get_form (editor), dossier_client_get_email (other));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.primary", NULL));
  g_assert_true (dossier_test_wait_until (error_shown, editor, 10000));
  g_test_message ("banner: %s", dossier_client_editor_get_error_text (editor));
  g_assert_nonnull (strstr (dossier_client_editor_get_error_text (editor), "Another client already uses"));
  /* A refusal of the data: no Retry, no Details; Show Client. */
  g_assert_false (gtk_widget_get_visible (find_button (GTK_WIDGET (editor), "editor.retry")));
  show = find_button (GTK_WIDGET (editor), "editor.show-client");
  g_assert_nonnull (show);
  g_assert_true (gtk_widget_get_visible (show));
  shoot (GTK_WIDGET (editor), "error-banner-duplicate");

  gtk_widget_activate (show);
  g_assert_true (dossier_test_wait_until (no_editor, NULL, 5000));
  g_assert_true (dossier_client_page_get_client (page_of (fixture)) != NULL);
  g_assert_cmpstr (dossier_client_get_id (dossier_client_page_get_client (page_of (fixture))), ==,
                   dossier_client_get_id (other));
}

/* The banner is about that address: any change to the email clears it. */
static void
test_duplicate_clears (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(DossierClient) first = g_list_model_get_item (G_LIST_MODEL (dossier_window_get_clients (fixture->window)), 0);
  DossierClientEditor *editor = open_new_client (fixture);
  DossierClientForm *form = dossier_client_editor_get_form (editor);
  g_autofree char *fixed = g_strdup_printf ("x%s", dossier_client_get_email (first));

  fill_form (form, dossier_client_get_email (first));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.primary", NULL));
  g_assert_true (dossier_test_wait_until (error_shown, editor, 10000));
  /* Another field does not clear it … */
  dossier_client_form_set_text (form, DOSSIER_CLIENT_FIELD_CITY, "Pilar");
  g_assert_nonnull (dossier_client_editor_get_error_text (editor));
  /* … the email does, at once. */
  dossier_client_form_set_text (form, DOSSIER_CLIENT_FIELD_EMAIL, fixed);
  g_assert_null (dossier_client_editor_get_error_text (editor));
  gtk_window_destroy (GTK_WINDOW (editor));
}

/* The server fails the create: one plain sentence, Retry and Details; Retry creates. */
static void
test_create_failure_retry (Fixture       *fixture,
                           gconstpointer  data)
{
  DossierClientEditor *editor = open_new_client (fixture);
  g_autofree char *email = g_strdup_printf ("retry.%" G_GINT64_FORMAT "@example.com", g_get_real_time ());
  GtkWidget *retry;
  GtkWidget *details;
  const char *text;
  const char *detail;

  fill_form (dossier_client_editor_get_form (editor), email);
  arm_fault (fixture, "{\"kind\": \"error\", \"method\": \"POST\", \"status\": 503}");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.primary", NULL));
  g_assert_true (dossier_test_wait_until (error_shown, editor, 10000));
  text = dossier_client_editor_get_error_text (editor);
  g_test_message ("banner: %s", text);
  g_assert_cmpstr (text, ==, "The server had a problem. Your changes are kept as a draft.");
  retry = find_button (GTK_WIDGET (editor), "editor.retry");
  g_assert_true (gtk_widget_get_visible (retry));
  g_assert_false (gtk_widget_get_visible (find_button (GTK_WIDGET (editor), "editor.show-client")));
  details = find_button (GTK_WIDGET (editor), NULL);
  g_assert_nonnull (details);
  g_assert_true (gtk_widget_get_visible (details));
  detail = dossier_error_report_details_button_get_text (details);
  g_test_message ("details: %s", detail);
  g_assert_nonnull (strstr (detail, "HTTP status: 503"));
  g_assert_nonnull (strstr (detail, "Trace ID: "));
  shoot (GTK_WIDGET (editor), "error-banner-retry");

  gtk_widget_activate (retry);
  g_assert_true (dossier_test_wait_until (no_editor, NULL, 10000));
  g_assert_cmpstr (dossier_client_get_email (dossier_client_page_get_client (page_of (fixture))), ==, email);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE,
                "gtk-entry-select-on-focus", FALSE, NULL);

#define ADD(path, func) g_test_add ("/dossier/ui/error-banners/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("duplicate-show-client", test_duplicate_show_client);
  ADD ("duplicate-clears", test_duplicate_clears);
  ADD ("create-failure-retry", test_create_failure_retry);
#undef ADD

  return g_test_run ();
}
