/* test-save-feedback.c — saving the requirements form when the server fails, is slow or
 * is busy: one plain sentence with Retry and Details, "Saving…", the rate-limit count
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The embedded sandbox over real HTTP, with its admin API's faults (CONTRACT.md §13.5).
 */
#include "config.h"

#include <glib/gi18n.h>

#include "dossier-call-status.h"
#include "dossier-error-report.h"
#include "test-requirements-form-fixture.h"
#include "dossier-ui-test-utils.h"

static DossierCallStatus *
find_status (GtkWidget *widget)
{
  if (DOSSIER_IS_CALL_STATUS (widget))
    return DOSSIER_CALL_STATUS (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      DossierCallStatus *found = find_status (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static DossierCallStatus *
status_of (Fixture *f)
{
  DossierCallStatus *status = find_status (GTK_WIDGET (f->form));

  g_assert_nonnull (status);
  return status;
}

static gboolean
failed (gpointer data)
{
  Fixture *f = data;
  DossierCallStatus *status = find_status (GTK_WIDGET (f->form));

  return status != NULL && dossier_call_status_get_failed (status)
         && !dossier_requirements_form_get_busy (f->form);
}

static gboolean
saved_once_more (gpointer data)
{
  Fixture *f = data;

  return f->n_saved > 0 && !dossier_requirements_form_get_busy (f->form);
}

static gboolean
says_busy (gpointer data)
{
  Fixture *f = data;
  DossierCallStatus *status = find_status (GTK_WIDGET (f->form));
  const char *text = status != NULL ? dossier_call_status_get_text (status) : NULL;

  return text != NULL && g_str_has_prefix (text, "The server is busy; trying again in ");
}

static void
shoot (Fixture    *f,
       const char *name)
{
  g_autofree char *path = NULL;

  g_assert_true (dossier_test_wait_for_draw (f->window));
  path = dossier_test_save_screenshot (f->window, name);
  g_assert_nonnull (path);
  g_test_message ("screenshot: %s", path);
}

static char *
stored_phone (Fixture       *f,
              DossierClient *client)
{
  g_autoptr(JsonObject) stored = sandbox_client (f, client);

  return g_strdup_printf ("%" G_GINT64_FORMAT,
                          json_object_get_int_member_with_default (stored, "phone_number", 0));
}

/* The server fails the PUT: one sentence of ours, inline, with Retry and Details; the
 * form's own message stays empty (no second copy); Retry saves. */
static void
test_failure_retry (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(DossierClient) client = create_client (f, "retry@example.com");
  g_autoptr(DossierProductRequest) request = request_product (f, client, "cards_individuals");
  g_autoptr(GError) error = NULL;
  g_autofree char *phone = NULL;
  DossierCallStatus *status;
  GtkWidget *details;
  const char *text;
  const char *detail;

  show_form (f, client, request);
  type_phone (row (f, "phone"), "54", "1168860622");
  json_node_unref (sandbox_call (f, "POST", "/_sandbox/faults",
                                 "{\"kind\": \"error\", \"method\": \"PUT\", \"status\": 500}"));
  g_assert_false (save_form (f, &error));
  g_assert_error (error, DOSSIER_API_ERROR, DOSSIER_API_ERROR_SERVER);

  g_assert_true (failed (f));
  status = status_of (f);
  text = dossier_call_status_get_text (status);
  g_test_message ("sentence: %s", text);
  g_assert_cmpstr (text, ==, "The server had a problem. Your changes are kept as a draft.");
  g_assert_null (strstr (text, "checked before saving"));
  g_assert_null (strstr (text, "500"));
  g_assert_null (dossier_requirements_form_get_message (f->form));
  g_assert_true (gtk_widget_get_visible (dossier_call_status_get_retry_button (status)));
  g_assert_true (gtk_widget_get_mapped (dossier_call_status_get_retry_button (status)));
  /* The technical detail is one click away, trace id included. */
  details = dossier_call_status_get_details_button (status);
  g_assert_true (gtk_widget_get_visible (details));
  detail = dossier_error_report_details_button_get_text (details);
  g_test_message ("details: %s", detail);
  g_assert_nonnull (strstr (detail, "HTTP status: 500"));
  g_assert_nonnull (strstr (detail, "Trace ID: "));
  g_assert_nonnull (strstr (detail, "Injected fault"));
  /* What was typed stays. */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (dossier_value_row_get_editor (row (f, "phone")))),
                   ==, "1168860622");
  shoot (f, "save-feedback-failed");

  /* Retry, as a person presses it. */
  f->n_saved = 0;
  gtk_widget_activate (dossier_call_status_get_retry_button (status));
  g_assert_true (dossier_test_wait_until (saved_once_more, f, 20000));
  g_assert_null (dossier_call_status_get_text (status));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (status)));
  phone = stored_phone (f, client);
  g_assert_cmpstr (phone, ==, "1168860622");
}

/* No server at all: "Dossier could not reach the server." — no socket error in it. */
static void
test_offline (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(DossierClient) client = create_client (f, "offline@example.com");
  g_autoptr(DossierProductRequest) request = request_product (f, client, "cards_individuals");
  g_autoptr(DossierApi) live = g_steal_pointer (&f->api);
  g_autoptr(GSocketListener) closed = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = NULL;
  DossierCallStatus *status;
  guint16 port;

  /* A port that was free a moment ago: connecting to it is refused. */
  closed = g_socket_listener_new ();
  port = g_socket_listener_add_any_inet_port (closed, NULL, &error);
  g_assert_no_error (error);
  g_socket_listener_close (closed);
  uri = g_strdup_printf ("http://127.0.0.1:%u", port);
  f->api = dossier_api_new (uri, KEY);

  show_form (f, client, request);
  type_phone (row (f, "phone"), "54", "1168860699");
  g_assert_false (save_form (f, &error));
  g_test_message ("error: %s", error->message);
  g_assert_error (error, DOSSIER_API_ERROR, DOSSIER_API_ERROR_OFFLINE);
  status = status_of (f);
  g_assert_cmpstr (dossier_call_status_get_text (status), ==,
                   "Dossier could not reach the server. Your changes are kept as a draft.");
  g_assert_nonnull (strstr (dossier_error_report_details_button_get_text (
                              dossier_call_status_get_details_button (status)), "Could not reach the server"));
  shoot (f, "save-feedback-offline");

  destroy_window (f);
  g_clear_object (&f->api);
  f->api = g_steal_pointer (&live);
}

/* A slow server: "Saving…" with a spinner while it works, gone when saved. */
static void
test_slow (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(DossierClient) client = create_client (f, "slow@example.com");
  g_autoptr(DossierProductRequest) request = request_product (f, client, "cards_individuals");
  GAsyncResult *result = NULL;
  g_autoptr(DossierClient) saved = NULL;
  g_autoptr(GError) error = NULL;
  DossierCallStatus *status;

  show_form (f, client, request);
  type_phone (row (f, "phone"), "54", "1168860622");
  json_node_unref (sandbox_call (f, "POST", "/_sandbox/faults",
                                 "{\"kind\": \"delay\", \"method\": \"PUT\", \"delay_ms\": 1500}"));
  dossier_requirements_form_save_async (f->form, NULL, store_result, &result);
  status = status_of (f);
  g_assert_true (dossier_call_status_get_working (status));
  g_assert_cmpstr (dossier_call_status_get_text (status), ==, "Saving…");
  g_assert_true (dossier_requirements_form_get_busy (f->form));
  shoot (f, "save-feedback-saving");
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (status)));

  saved = dossier_requirements_form_save_finish (f->form, wait_result (&result), &error);
  g_clear_object (&result);
  g_assert_no_error (error);
  g_assert_nonnull (saved);
  g_assert_false (dossier_call_status_get_working (status));
  g_assert_null (dossier_call_status_get_text (status));
}

/* A 429 with Retry-After: the line counts down "The server is busy; trying again in
 * N s", then the save goes through by itself. */
static void
test_rate_limited (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(DossierClient) client = create_client (f, "busy@example.com");
  g_autoptr(DossierProductRequest) request = request_product (f, client, "cards_individuals");
  GAsyncResult *result = NULL;
  g_autoptr(DossierClient) saved = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *phone = NULL;
  DossierCallStatus *status;
  const char *text;

  show_form (f, client, request);
  type_phone (row (f, "phone"), "54", "1168860633");
  json_node_unref (sandbox_call (f, "POST", "/_sandbox/faults",
                                 "{\"kind\": \"rate_limit\", \"method\": \"GET\", \"retry_after\": 3}"));
  dossier_requirements_form_save_async (f->form, NULL, store_result, &result);
  status = status_of (f);
  g_assert_true (dossier_test_wait_until (says_busy, f, 5000));
  text = dossier_call_status_get_text (status);
  g_test_message ("while held: %s", text);
  g_assert_true (g_str_equal (text, "The server is busy; trying again in 3 s")
                 || g_str_equal (text, "The server is busy; trying again in 2 s"));
  g_assert_true (dossier_call_status_get_working (status));
  shoot (f, "save-feedback-busy");

  saved = dossier_requirements_form_save_finish (f->form, wait_result (&result), &error);
  g_clear_object (&result);
  g_assert_no_error (error);
  g_assert_nonnull (saved);
  g_assert_null (dossier_call_status_get_text (status));
  phone = stored_phone (f, client);
  g_assert_cmpstr (phone, ==, "1168860633");
}

/* The wording the request window's Submit is to use. */
static void
test_progress_wording (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *idle = dossier_error_report_describe_progress (f->api, "Submitting…");

  g_assert_cmpstr (idle, ==, "Submitting…");
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("GTK_A11Y", "test", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);
  {
    g_autoptr(GtkCssProvider) css = gtk_css_provider_new ();

    gtk_css_provider_load_from_resource (css, "/io/github/dossier_app/Dossier/style.css");
    gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (css),
                                                GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  }

#define ADD(path, func) g_test_add ("/dossier/ui/save-feedback/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("failure-retry", test_failure_retry);
  ADD ("offline", test_offline);
  ADD ("slow", test_slow);
  ADD ("rate-limited", test_rate_limited);
  ADD ("progress-wording", test_progress_wording);
#undef ADD

  return g_test_run ();
}
