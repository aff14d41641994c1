/* test-client-editor.c — creating and editing clients through the dialog, on the
 * embedded sandbox: validation, drafts, the full-replacement guard, screenshots
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Built twice by meson: test-client-editor in English, and test-client-editor-es, which
 * runs in Spanish (its screenshots end in "-es").
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <locale.h>
#include <libsoup/soup.h>

#include "dossier-application.h"
#include "dossier-client-editor.h"
#include "dossier-client-page.h"
#include "dossier-countries.h"
#include "dossier-sandbox.h"
#include "dossier-window.h"
#include "dossier-ui-test-utils.h"

static const char *language_suffix = "";

typedef struct {
  DossierApplication *app;
  DossierWindow      *window;
  SoupSession        *session;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->app = dossier_test_app_start ("e", 1, &fixture->window);
  fixture->session = soup_session_new ();
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  dossier_test_app_stop (&fixture->app);
  g_clear_object (&fixture->session);
}

/* The sandbox's own API, from outside the app (another client of the same company). */
static JsonNode *
sandbox_call (Fixture    *fixture,
              const char *method,
              const char *path,
              JsonNode   *body)
{
  DossierSandbox *sandbox = dossier_application_get_sandbox (fixture->app);
  g_autofree char *uri = g_strconcat (dossier_sandbox_get_uri (sandbox), path, NULL);
  g_autoptr(SoupMessage) message = soup_message_new (method, uri);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  soup_message_headers_append (soup_message_get_request_headers (message), "x-api-key",
                               dossier_sandbox_get_api_key (sandbox));
  if (body != NULL)
    {
      g_autofree char *text = json_to_string (body, FALSE);
      g_autoptr(GBytes) request = g_bytes_new (text, strlen (text));

      soup_message_set_request_body_from_bytes (message, "application/json", request);
    }
  bytes = soup_session_send_and_read (fixture->session, message, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (message), ==, 200);
  json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), &error);
  g_assert_no_error (error);
  return json_node_copy (json_parser_get_root (parser));
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
editor_idle (gpointer data)
{
  DossierClientEditor *editor = data;

  return !dossier_client_editor_get_busy (editor);
}

static gboolean
editor_on_page (gpointer data)
{
  DossierClientEditor *editor = find_editor ();
  const char *page = data;

  return editor != NULL && g_strcmp0 (dossier_client_editor_get_page (editor), page) == 0;
}

static gboolean
draft_offered (gpointer data)
{
  DossierClientEditor *editor = find_editor ();

  return editor != NULL && dossier_client_editor_get_draft_offered (editor);
}

static gboolean
error_shown (gpointer data)
{
  DossierClientEditor *editor = data;

  return !dossier_client_editor_get_busy (editor) && dossier_client_editor_get_error_text (editor) != NULL;
}

static DossierClientEditor *
open_new_client (Fixture *fixture)
{
  DossierClientEditor *editor;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.new-client", NULL));
  editor = find_editor ();
  g_assert_nonnull (editor);
  g_assert_true (dossier_test_wait_for_draw (GTK_WIDGET (editor)));
  g_assert_cmpstr (dossier_client_editor_get_page (editor), ==, "form");
  return editor;
}

static void
fill_form (DossierClientForm *form,
           const char        *email)
{
  DossierCountries *countries = dossier_countries_get_default ();
  GtkWidget *dropdown = dossier_client_form_get_country_dropdown (form);

  dossier_client_form_set_text (form, DOSSIER_CLIENT_FIELD_FIRST_NAME, "Lucía");
  dossier_client_form_set_text (form, DOSSIER_CLIENT_FIELD_LAST_NAME, "Ferreyra");
  dossier_client_form_set_text (form, DOSSIER_CLIENT_FIELD_EMAIL, email);
  dossier_client_form_set_text (form, DOSSIER_CLIENT_FIELD_BIRTH_DATE, "1990-02-30");
  g_assert_nonnull (dossier_client_form_get_message (form, DOSSIER_CLIENT_FIELD_BIRTH_DATE));
  g_assert_false (dossier_client_form_get_valid (form));
  dossier_client_form_set_text (form, DOSSIER_CLIENT_FIELD_BIRTH_DATE, "1990-02-28");
  g_assert_null (dossier_client_form_get_message (form, DOSSIER_CLIENT_FIELD_BIRTH_DATE));
  /* The country chooser brings the calling code. */
  gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown), dossier_countries_find (countries, "ARG"));
  g_assert_cmpstr (dossier_client_form_get_text (form, DOSSIER_CLIENT_FIELD_COUNTRY), ==, "ARG");
  g_assert_cmpstr (dossier_client_form_get_text (form, DOSSIER_CLIENT_FIELD_PHONE_COUNTRY_CODE), ==, "54");
  dossier_client_form_set_text (form, DOSSIER_CLIENT_FIELD_PHONE_NUMBER, "11 6886-0622");
  dossier_client_form_set_text (form, DOSSIER_CLIENT_FIELD_STREET_LINE1, "Florida 9860");
  dossier_client_form_set_text (form, DOSSIER_CLIENT_FIELD_CITY, "Del Viso");
  dossier_client_form_set_text (form, DOSSIER_CLIENT_FIELD_STATE, "ARG-B");
}

static char *
unique_email (const char *what)
{
  return g_strdup_printf ("%s.%" G_GINT64_FORMAT "@example.com", what, g_get_real_time ());
}

static void
test_editor_create (Fixture       *fixture,
                    gconstpointer  data)
{
  DossierClientEditor *editor = open_new_client (fixture);
  DossierClientForm *form = dossier_client_editor_get_form (editor);
  g_autofree char *email = unique_email ("lucia");
  g_autofree char *shot = g_strconcat ("client-editor-create", language_suffix, NULL);
  g_autoptr(JsonNode) listed = NULL;
  DossierClient *shown;
  JsonArray *array;
  gboolean found = FALSE;

  /* Nothing typed yet: the dialog does not shout, but cannot send. */
  g_assert_null (dossier_client_form_get_message (form, DOSSIER_CLIENT_FIELD_FIRST_NAME));
  g_assert_false (dossier_client_form_get_valid (form));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.primary", NULL));
  g_assert_nonnull (dossier_client_form_get_message (form, DOSSIER_CLIENT_FIELD_FIRST_NAME));
  g_assert_true (gtk_widget_has_css_class (dossier_client_form_get_row (form, DOSSIER_CLIENT_FIELD_FIRST_NAME), "error"));

  dossier_client_form_set_text (form, DOSSIER_CLIENT_FIELD_EMAIL, "not an email");
  g_assert_nonnull (dossier_client_form_get_message (form, DOSSIER_CLIENT_FIELD_EMAIL));
  fill_form (form, email);
  g_assert_true (dossier_client_form_get_valid (form));
  g_assert_true (dossier_test_wait_for_draw (GTK_WIDGET (editor)));
  {
    g_autofree char *saved = dossier_test_save_screenshot (GTK_WIDGET (editor), shot);

    g_assert_nonnull (saved);
    g_test_message ("screenshot: %s", saved);
  }

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.primary", NULL));
  g_assert_true (dossier_test_wait_until (no_editor, NULL, 10000));

  /* In the list, selected and shown … */
  shown = dossier_client_page_get_client (DOSSIER_CLIENT_PAGE (gtk_widget_get_template_child (
    GTK_WIDGET (fixture->window), DOSSIER_TYPE_WINDOW, "page")));
  g_assert_nonnull (shown);
  g_assert_cmpstr (dossier_client_get_email (shown), ==, email);
  g_assert_cmpstr (dossier_client_get_phone_number (shown), ==, "1168860622");
  g_assert_nonnull (dossier_client_list_lookup (dossier_window_get_clients (fixture->window),
                                                dossier_client_get_id (shown)));

  /* … and in the sandbox. */
  listed = sandbox_call (fixture, "GET", "/management/clients/individuals", NULL);
  array = json_node_get_array (listed);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *client = json_array_get_object_element (array, i);

      if (g_strcmp0 (json_object_get_string_member (client, "email"), email) == 0)
        {
          found = TRUE;
          g_assert_cmpstr (json_object_get_string_member (client, "birth_date"), ==, "1990-02-28");
          g_assert_cmpint (json_object_get_int_member (client, "phone_country_code"), ==, 54);
          g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (client, "address"),
                                                          "country"), ==, "ARG");
        }
    }
  g_assert_true (found);
}

static void
test_editor_server_validation (Fixture       *fixture,
                               gconstpointer  data)
{
  DossierClientEditor *editor = open_new_client (fixture);
  DossierClientForm *form = dossier_client_editor_get_form (editor);
  g_autoptr(DossierClient) first = g_list_model_get_item (G_LIST_MODEL (dossier_window_get_clients (fixture->window)), 0);
  g_autoptr(JsonNode) fault = NULL;
  g_autoptr(JsonNode) armed = NULL;
  g_autofree char *email = unique_email ("fault");
  g_autofree char *shot = g_strconcat ("client-editor-server-error", language_suffix, NULL);
  const char *message;

  /* A duplicate email: the sandbox's own rule (§6.2), which only the server knows. */
  fill_form (form, dossier_client_get_email (first));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.primary", NULL));
  g_assert_true (dossier_test_wait_until (error_shown, editor, 10000));
  /* A sentence of ours naming the address, also at the email row; never the server's
   * code or words. */
  message = dossier_client_form_get_message (form, DOSSIER_CLIENT_FIELD_EMAIL);
  g_assert_nonnull (message);
  g_assert_nonnull (strstr (message, dossier_client_get_email (first)));
  g_assert_nonnull (strstr (dossier_client_editor_get_error_text (editor), message));
  g_assert_null (strstr (dossier_client_editor_get_error_text (editor), "Duplicate Client"));
  g_assert_null (strstr (message, "DUPLICATE_CLIENT"));
  if (*language_suffix == '\0')
    {
      g_autofree char *want = g_strdup_printf ("Another client already uses the email address %s.",
                                               dossier_client_get_email (first));

      g_assert_cmpstr (message, ==, want);
    }
  g_assert_true (gtk_widget_has_css_class (dossier_client_form_get_row (form, DOSSIER_CLIENT_FIELD_EMAIL), "error"));
  g_assert_nonnull (find_editor ());

  /* A 412 that names a member: the message is shown and lands on that field. */
  fault = json_from_string ("{\"kind\": \"error\", \"status\": 412, \"code\": \"VALIDATION_ERROR\","
                            " \"method\": \"POST\", \"message\": \"Validation failed: address.city: "
                            "must not be blank\"}", NULL);
  armed = sandbox_call (fixture, "POST", "/_sandbox/faults", fault);
  dossier_client_form_set_text (form, DOSSIER_CLIENT_FIELD_EMAIL, email);
  g_assert_null (dossier_client_form_get_message (form, DOSSIER_CLIENT_FIELD_EMAIL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.primary", NULL));
  g_assert_true (dossier_test_wait_until (error_shown, editor, 10000));
  /* The field by its label, never its JSON key. */
  {
    g_autofree char *want = g_strdup_printf ("%s: must not be blank",
                                             dossier_client_field_get_label (DOSSIER_CLIENT_FIELD_CITY));

    g_assert_nonnull (strstr (dossier_client_editor_get_error_text (editor), want));
  }
  g_assert_null (strstr (dossier_client_editor_get_error_text (editor), "address.city"));
  message = dossier_client_form_get_message (form, DOSSIER_CLIENT_FIELD_CITY);
  g_assert_nonnull (message);
  g_assert_nonnull (strstr (message, "must not be blank"));
  g_assert_true (gtk_widget_has_css_class (dossier_client_form_get_row (form, DOSSIER_CLIENT_FIELD_CITY), "error"));
  g_assert_true (dossier_test_wait_for_draw (GTK_WIDGET (editor)));
  {
    g_autofree char *saved = dossier_test_save_screenshot (GTK_WIDGET (editor), shot);

    g_assert_nonnull (saved);
    g_test_message ("screenshot: %s", saved);
  }

  /* Editing the field clears the server's word on it. */
  dossier_client_form_set_text (form, DOSSIER_CLIENT_FIELD_CITY, "Pilar");
  g_assert_null (dossier_client_form_get_message (form, DOSSIER_CLIENT_FIELD_CITY));
  gtk_window_destroy (GTK_WINDOW (editor));
}

static gboolean
journal_idle (gpointer data)
{
  guint *ticks = data;

  return ++(*ticks) > 20;
}

static void
test_editor_draft (Fixture       *fixture,
                   gconstpointer  data)
{
  DossierClientEditor *editor = open_new_client (fixture);
  DossierClientForm *form = dossier_client_editor_get_form (editor);
  g_autofree char *id = NULL;
  static guint serial;
  guint ticks = 0;

  dossier_client_form_set_text (form, DOSSIER_CLIENT_FIELD_FIRST_NAME, "Draft");
  dossier_client_form_set_text (form, DOSSIER_CLIENT_FIELD_CITY, "Rosario");
  gtk_window_close (GTK_WINDOW (editor));
  g_assert_true (dossier_test_wait_until (no_editor, NULL, 2000));

  /* Offered again when the dialog opens. */
  editor = open_new_client (fixture);
  g_assert_true (dossier_test_wait_until (draft_offered, NULL, 5000));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.restore-draft", NULL));
  form = dossier_client_editor_get_form (editor);
  g_assert_cmpstr (dossier_client_form_get_text (form, DOSSIER_CLIENT_FIELD_FIRST_NAME), ==, "Draft");
  g_assert_cmpstr (dossier_client_form_get_text (form, DOSSIER_CLIENT_FIELD_CITY), ==, "Rosario");
  g_assert_false (dossier_client_editor_get_draft_offered (editor));

  /* It survives closing the window too: a new window of a new application finds it. */
  gtk_window_close (GTK_WINDOW (editor));
  dossier_test_wait_until (journal_idle, &ticks, 500);
  fixture_tear_down (fixture, data);
  fixture_set_up (fixture, data);
  (void) serial;
  (void) id;
  editor = open_new_client (fixture);
  g_assert_true (dossier_test_wait_until (draft_offered, NULL, 5000));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.restore-draft", NULL));
  form = dossier_client_editor_get_form (editor);
  g_assert_cmpstr (dossier_client_form_get_text (form, DOSSIER_CLIENT_FIELD_FIRST_NAME), ==, "Draft");

  /* Discard removes it for good. */
  gtk_window_close (GTK_WINDOW (editor));
  editor = open_new_client (fixture);
  g_assert_true (dossier_test_wait_until (draft_offered, NULL, 5000));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.discard-draft", NULL));
  g_assert_true (dossier_client_form_is_empty (dossier_client_editor_get_form (editor)));
  gtk_window_close (GTK_WINDOW (editor));
  ticks = 0;
  dossier_test_wait_until (journal_idle, &ticks, 500);
  editor = open_new_client (fixture);
  ticks = 0;
  dossier_test_wait_until (journal_idle, &ticks, 500);
  g_assert_false (dossier_client_editor_get_draft_offered (editor));
  gtk_window_destroy (GTK_WINDOW (editor));
}

/* Puts a member Dossier does not model into a demo client, as another program would. */
static DossierClient *
client_with_unknown_member (Fixture *fixture)
{
  g_autoptr(DossierClient) client = g_list_model_get_item (G_LIST_MODEL (dossier_window_get_clients (fixture->window)), 1);
  g_autofree char *path = g_strconcat ("/management/clients/individuals/", dossier_client_get_id (client), NULL);
  g_autoptr(JsonNode) current = sandbox_call (fixture, "GET", path, NULL);
  g_autoptr(JsonNode) stored = NULL;
  JsonObject *crm = json_object_new ();

  json_object_set_int_member (crm, "id", 4242);
  json_object_set_string_member (crm, "segment", "private banking");
  json_object_set_object_member (json_node_get_object (current), "crm_reference", crm);
  stored = sandbox_call (fixture, "PUT", path, current);
  g_assert_true (json_object_has_member (json_node_get_object (stored), "crm_reference"));

  dossier_window_select_client (fixture->window, client);
  return g_steal_pointer (&client);
}

static DossierClientEditor *
open_edit (Fixture *fixture)
{
  DossierClientEditor *editor;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.edit-client", NULL));
  editor = find_editor ();
  g_assert_nonnull (editor);
  g_assert_true (dossier_test_wait_until (editor_on_page, (gpointer) "form", 10000));
  g_assert_true (dossier_test_wait_for_draw (GTK_WIDGET (editor)));
  return editor;
}

static void
test_editor_keeps_unknown_members (Fixture       *fixture,
                                   gconstpointer  data)
{
  g_autoptr(DossierClient) client = client_with_unknown_member (fixture);
  g_autofree char *path = g_strconcat ("/management/clients/individuals/", dossier_client_get_id (client), NULL);
  g_autofree char *shot = g_strconcat ("client-editor-summary", language_suffix, NULL);
  g_autofree char *page_shot = g_strconcat ("client-page", language_suffix, NULL);
  DossierClientEditor *editor = open_edit (fixture);
  DossierClientForm *form = dossier_client_editor_get_form (editor);
  g_autoptr(JsonNode) after = NULL;
  GPtrArray *changes;
  JsonObject *object;
  JsonObject *crm;

  g_assert_cmpstr (dossier_client_form_get_text (form, DOSSIER_CLIENT_FIELD_EMAIL), ==,
                   dossier_client_get_email (client));

  /* Nothing changed yet: there is nothing to review. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.primary", NULL));
  g_assert_cmpstr (dossier_client_editor_get_page (editor), ==, "form");

  dossier_client_form_set_text (form, DOSSIER_CLIENT_FIELD_CITY, "Mar del Plata");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.primary", NULL));
  g_assert_cmpstr (dossier_client_editor_get_page (editor), ==, "summary");
  changes = dossier_client_editor_get_changes (editor);
  g_assert_cmpuint (changes->len, ==, 1);
  g_assert_cmpstr (((DossierClientChange *) g_ptr_array_index (changes, 0))->path, ==, "address.city");
  g_assert_cmpstr (((DossierClientChange *) g_ptr_array_index (changes, 0))->after, ==, "Mar del Plata");
  g_assert_true (dossier_test_wait_for_draw (GTK_WIDGET (editor)));
  {
    g_autofree char *saved = dossier_test_save_screenshot (GTK_WIDGET (editor), shot);

    g_assert_nonnull (saved);
    g_test_message ("screenshot: %s", saved);
  }

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.primary", NULL));
  g_assert_true (dossier_test_wait_until (no_editor, NULL, 10000));

  after = sandbox_call (fixture, "GET", path, NULL);
  object = json_node_get_object (after);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (object, "address"), "city"),
                   ==, "Mar del Plata");
  g_assert_true (json_object_has_member (object, "crm_reference"));
  crm = json_object_get_object_member (object, "crm_reference");
  g_assert_cmpint (json_object_get_int_member (crm, "id"), ==, 4242);
  g_assert_cmpstr (json_object_get_string_member (crm, "segment"), ==, "private banking");
  g_assert_cmpstr (dossier_client_get_city (client), ==, "Mar del Plata");

  g_assert_true (dossier_test_wait_for_draw (GTK_WIDGET (fixture->window)));
  {
    g_autofree char *saved = dossier_test_save_screenshot (GTK_WIDGET (fixture->window), page_shot);

    g_assert_nonnull (saved);
    g_test_message ("screenshot: %s", saved);
  }
}

static void
test_editor_conflict (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(DossierClient) client = client_with_unknown_member (fixture);
  g_autofree char *path = g_strconcat ("/management/clients/individuals/", dossier_client_get_id (client), NULL);
  g_autofree char *shot = g_strconcat ("client-editor-conflict", language_suffix, NULL);
  DossierClientEditor *editor = open_edit (fixture);
  DossierClientForm *form = dossier_client_editor_get_form (editor);
  DossierConflictView *conflict = dossier_client_editor_get_conflict_view (editor);
  g_autoptr(JsonNode) theirs = NULL;
  g_autoptr(JsonNode) stored = NULL;
  g_autoptr(JsonNode) after = NULL;
  g_autofree char *their_email = unique_email ("theirs");
  JsonObject *object;

  dossier_client_form_set_text (form, DOSSIER_CLIENT_FIELD_CITY, "Tandil");
  dossier_client_form_set_text (form, DOSSIER_CLIENT_FIELD_STREET_LINE2, "Piso 3");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.primary", NULL));
  g_assert_cmpstr (dossier_client_editor_get_page (editor), ==, "summary");

  /* Meanwhile someone else saves the client: another city, another email. */
  theirs = sandbox_call (fixture, "GET", path, NULL);
  object = json_node_get_object (theirs);
  json_object_set_string_member (object, "email", their_email);
  json_object_set_string_member (json_object_get_object_member (object, "address"), "city", "Bahía Blanca");
  stored = sandbox_call (fixture, "PUT", path, theirs);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.primary", NULL));
  g_assert_true (dossier_test_wait_until (editor_on_page, (gpointer) "conflict", 10000));
  g_assert_true (dossier_test_wait_until (editor_idle, editor, 10000));
  g_assert_cmpuint (dossier_conflict_view_get_n_conflicts (conflict), ==, 1);
  g_assert_true (dossier_test_wait_for_draw (GTK_WIDGET (editor)));
  {
    g_autofree char *saved = dossier_test_save_screenshot (GTK_WIDGET (editor), shot);

    g_assert_nonnull (saved);
    g_test_message ("screenshot: %s", saved);
  }

  /* The user keeps their city; the other email and the unknown member stay. */
  dossier_conflict_view_choose_mine (conflict, DOSSIER_CLIENT_FIELD_CITY, TRUE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.primary", NULL));
  g_assert_cmpstr (dossier_client_editor_get_page (editor), ==, "summary");
  g_assert_cmpuint (dossier_client_editor_get_changes (editor)->len, ==, 2);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.primary", NULL));
  g_assert_true (dossier_test_wait_until (no_editor, NULL, 10000));

  after = sandbox_call (fixture, "GET", path, NULL);
  object = json_node_get_object (after);
  g_assert_cmpstr (json_object_get_string_member (object, "email"), ==, their_email);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (object, "address"), "city"),
                   ==, "Tandil");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (object, "address"), "street_line2"),
                   ==, "Piso 3");
  g_assert_true (json_object_has_member (object, "crm_reference"));
}

int
main (int   argc,
      char *argv[])
{
  const char *localedir = g_getenv ("DOSSIER_TEST_LOCALEDIR");

  if (g_str_has_suffix (argv[0], "-es"))
    {
      g_setenv ("LC_ALL", "es_ES.UTF-8", TRUE);
      g_setenv ("LANGUAGE", "es", TRUE);
      language_suffix = "-es";
      if (setlocale (LC_ALL, "es_ES.UTF-8") == NULL)
        g_printerr ("# es_ES.UTF-8 is not generated: Spanish screenshots show English\n");
      if (localedir != NULL)
        bindtextdomain (GETTEXT_PACKAGE, localedir);
      bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
      textdomain (GETTEXT_PACKAGE);
    }

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  /* No entry selects its text on focus: a selection claims X's PRIMARY, and GTK 4.8
   * leaks the X11 selection streams with which the other ui tests sharing the Xvfb
   * (meson test runs them in parallel) ask for and answer its targets. */
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE,
                "gtk-entry-select-on-focus", FALSE, NULL);

#define ADD(path, func) g_test_add ("/dossier/ui/client-editor/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("create", test_editor_create);
  ADD ("server-validation", test_editor_server_validation);
  ADD ("draft", test_editor_draft);
  ADD ("keeps-unknown-members", test_editor_keeps_unknown_members);
  ADD ("conflict", test_editor_conflict);
#undef ADD

  return g_test_run ();
}
