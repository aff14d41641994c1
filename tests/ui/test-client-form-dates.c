/* test-client-form-dates.c — the client form's date of birth, read and typed as on every
 * date row: the locale's short form and pattern, ISO sent
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Dates in Spain's short form (LC_TIME es_ES.UTF-8: 21/11/1984, DD/MM/YYYY), messages in
 * English. The editor talks to a small server of this test, which keeps every body it
 * is sent, so the test reads exactly what went over the wire.
 */
#include "config.h"

#include <adwaita.h>
#include <locale.h>
#include <libsoup/soup.h>

#include "dossier-client-editor.h"
#include "dossier-client-form-private.h"
#include "dossier-value-row.h"
#include "dossier-ui-test-utils.h"

#define CLIENT_ID "4QWq1rQtjnLM0wMswTRY9AmM4XTvY4GG"
#define CLIENT_JSON \
  "{\"id\":\"" CLIENT_ID "\",\"first_name\":\"Maria\",\"last_name\":\"Barber\"," \
  "\"email\":\"mjuliabarber@example.com\",\"birth_date\":\"1984-11-21\",\"status\":\"pending\"," \
  "\"phone_country_code\":54,\"phone_number\":1168860622,\"address\":{\"street_line1\":\"Florida 9860\"," \
  "\"city\":\"Del Viso\",\"state\":\"ARG-B\",\"country\":\"ARG\"}," \
  "\"created_at\":\"2026-04-15T10:30:00\",\"updated_at\":\"2026-04-16T09:12:00\"}"

typedef struct {
  SoupServer *server;
  DossierApi *api;
  GPtrArray  *bodies;   /* "METHOD path body" of each POST and PUT */
} Fixture;

/* The server answers a client's GET with CLIENT_JSON, and a POST or PUT with the body
 * it was sent, as the client the server now holds. */
static void
handler (SoupServer        *server,
         SoupServerMessage *msg,
         const char        *path,
         GHashTable        *query,
         gpointer           user_data)
{
  Fixture *f = user_data;
  const char *method = soup_server_message_get_method (msg);
  g_autofree char *answer = NULL;

  if (g_str_equal (method, "GET"))
    answer = g_strdup (CLIENT_JSON);
  else
    {
      SoupMessageBody *request = soup_server_message_get_request_body (msg);
      g_autoptr(GBytes) bytes = soup_message_body_flatten (request);
      g_autofree char *text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
      g_autoptr(JsonNode) node = json_from_string (text, NULL);
      JsonObject *object;

      g_assert_nonnull (node);
      g_ptr_array_add (f->bodies, g_strdup_printf ("%s %s %s", method, path, text));
      object = json_node_get_object (node);
      if (!json_object_has_member (object, "id"))
        json_object_set_string_member (object, "id", CLIENT_ID);
      json_object_set_string_member (object, "status", "pending");
      json_object_set_string_member (object, "created_at", "2026-04-15T10:30:00");
      json_object_set_string_member (object, "updated_at", "2026-04-17T08:00:00");
      answer = json_to_string (node, FALSE);
    }
  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY, answer, strlen (answer));
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoslist(GUri) uris = NULL;
  g_autofree char *base = NULL;

  f->bodies = g_ptr_array_new_with_free_func (g_free);
  f->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (f->server, NULL, handler, f, NULL);
  soup_server_listen_local (f->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (f->server);
  base = g_strdup_printf ("http://127.0.0.1:%d", g_uri_get_port (uris->data));
  f->api = dossier_api_new (base, "test-key");
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->api);
  soup_server_disconnect (f->server);
  g_clear_object (&f->server);
  g_clear_pointer (&f->bodies, g_ptr_array_unref);
}

static gboolean
is_null (gpointer data)
{
  return *(gpointer *) data == NULL;
}

/* The subtitle of the summary's row of a change, found by the row's title. */
static const char *
summary_subtitle (GtkWidget  *widget,
                  const char *title)
{
  if (ADW_IS_ACTION_ROW (widget)
      && g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0
      && gtk_widget_get_mapped (widget))
    return adw_action_row_get_subtitle (ADW_ACTION_ROW (widget));
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      const char *found = summary_subtitle (child, title);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
never (gpointer data)
{
  return FALSE;
}

static gboolean spanish_dates;

static gboolean
has_bodies (gpointer data)
{
  return ((Fixture *) data)->bodies->len > 0;
}

static gboolean
on_form (gpointer data)
{
  return g_strcmp0 (dossier_client_editor_get_page (data), "form") == 0
         && !dossier_client_editor_get_busy (data);
}

/* The birth date that went over the wire in the one body sent. */
static char *
sent_birth_date (Fixture    *f,
                 const char *method)
{
  const char *line;
  g_autoptr(JsonNode) node = NULL;

  g_assert_cmpuint (f->bodies->len, ==, 1);
  line = g_ptr_array_index (f->bodies, 0);
  g_assert_true (g_str_has_prefix (line, method));
  node = json_from_string (strchr (strchr (line, ' ') + 1, ' ') + 1, NULL);
  g_assert_nonnull (node);
  return g_strdup (json_object_get_string_member (json_node_get_object (node), "birth_date"));
}

static void
type_date (DossierClientForm *form,
           const char        *text)
{
  gtk_editable_set_text (GTK_EDITABLE (dossier_client_form_get_row (form, DOSSIER_CLIENT_FIELD_BIRTH_DATE)), text);
}

static void
screenshot (GtkWidget  *widget,
            const char *name)
{
  g_autofree char *saved = NULL;

  g_assert_true (dossier_test_wait_for_draw (widget));
  saved = dossier_test_save_screenshot (widget, name);
  g_assert_nonnull (saved);
  g_test_message ("screenshot: %s", saved);
}

static void
test_dates_create (Fixture       *f,
                   gconstpointer  data)
{
  DossierClientEditor *editor = dossier_client_editor_new (NULL, f->api, NULL, NULL);
  DossierClientForm *form = dossier_client_editor_get_form (editor);
  GtkWidget *row = dossier_client_form_get_row (form, DOSSIER_CLIENT_FIELD_BIRTH_DATE);
  g_autofree char *pattern = dossier_value_row_dup_date_pattern ();
  g_autofree char *sent = NULL;
  gpointer weak = editor;

  if (!spanish_dates)
    {
      gtk_window_destroy (GTK_WINDOW (editor));
      g_test_skip ("es_ES.UTF-8 is not generated");
      return;
    }
  g_object_add_weak_pointer (G_OBJECT (editor), &weak);
  gtk_window_present (GTK_WINDOW (editor));
  g_assert_true (dossier_test_wait_until (on_form, editor, 10000));

  /* The placeholder is the locale's pattern, as on the requirements form's date rows. */
  g_assert_cmpstr (pattern, ==, "DD/MM/YYYY");
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (form->date_hint)), ==, pattern);
  g_assert_true (gtk_widget_get_visible (form->date_hint));
  gtk_widget_grab_focus (row);
  /* The title moves up (an animation) and the placeholder shows. */
  dossier_test_wait_until (never, NULL, 400);
  screenshot (GTK_WIDGET (editor), "client-form-dates-placeholder");

  /* Nonsense: the row's message, worded as the date rows word it. */
  type_date (form, "next tuesday");
  g_assert_cmpstr (dossier_client_form_get_message (form, DOSSIER_CLIENT_FIELD_BIRTH_DATE), ==,
                   "Enter a real date as DD/MM/YYYY.");
  g_assert_true (gtk_widget_has_css_class (row, "error"));
  g_assert_false (gtk_widget_get_visible (form->date_hint));
  g_assert_false (dossier_client_form_get_valid (form));
  screenshot (GTK_WIDGET (editor), "client-form-dates-error");
  type_date (form, "31/02/1990");
  g_assert_cmpstr (dossier_client_form_get_message (form, DOSSIER_CLIENT_FIELD_BIRTH_DATE), ==,
                   "Enter a real date as DD/MM/YYYY.");
  /* Dates the API refuses are spoken of the locale's way too. */
  type_date (form, "31/12/1899");
  g_assert_cmpstr (dossier_client_form_get_message (form, DOSSIER_CLIENT_FIELD_BIRTH_DATE), ==,
                   "Enter a date from 01/01/1900 on.");

  /* ISO is still understood; the locale's short form is what people type. */
  type_date (form, "1984-11-21");
  g_assert_null (dossier_client_form_get_message (form, DOSSIER_CLIENT_FIELD_BIRTH_DATE));
  g_assert_cmpstr (dossier_client_form_get_text (form, DOSSIER_CLIENT_FIELD_BIRTH_DATE), ==, "1984-11-21");
  type_date (form, "2/3/1990");
  g_assert_null (dossier_client_form_get_message (form, DOSSIER_CLIENT_FIELD_BIRTH_DATE));
  g_assert_false (gtk_widget_has_css_class (row, "error"));
  g_assert_cmpstr (dossier_client_form_get_text (form, DOSSIER_CLIENT_FIELD_BIRTH_DATE), ==, "1990-03-02");

  dossier_client_form_set_text (form, DOSSIER_CLIENT_FIELD_FIRST_NAME, "Lucía");
  dossier_client_form_set_text (form, DOSSIER_CLIENT_FIELD_LAST_NAME, "Ferreyra");
  dossier_client_form_set_text (form, DOSSIER_CLIENT_FIELD_EMAIL, "lucia@example.com");
  dossier_client_form_set_text (form, DOSSIER_CLIENT_FIELD_COUNTRY, "ARG");
  dossier_client_form_set_text (form, DOSSIER_CLIENT_FIELD_PHONE_NUMBER, "11 6886-0622");
  dossier_client_form_set_text (form, DOSSIER_CLIENT_FIELD_STREET_LINE1, "Florida 9860");
  dossier_client_form_set_text (form, DOSSIER_CLIENT_FIELD_CITY, "Del Viso");
  dossier_client_form_set_text (form, DOSSIER_CLIENT_FIELD_STATE, "ARG-B");
  g_assert_true (dossier_client_form_get_valid (form));
  gtk_widget_grab_focus (row);
  screenshot (GTK_WIDGET (editor), "client-form-dates-create");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.primary", NULL));
  g_assert_true (dossier_test_wait_until (has_bodies, f, 10000));
  sent = sent_birth_date (f, "POST /management/clients/individuals ");
  g_assert_cmpstr (sent, ==, "1990-03-02");
  /* Saved: the dialog closes. */
  g_assert_true (dossier_test_wait_until (is_null, &weak, 10000));
}

static void
test_dates_edit (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(JsonNode) node = json_from_string (CLIENT_JSON, NULL);
  g_autoptr(DossierClient) client = dossier_client_new_from_json (node, NULL);
  DossierClientEditor *editor = dossier_client_editor_new (NULL, f->api, NULL, client);
  DossierClientForm *form = dossier_client_editor_get_form (editor);
  GtkWidget *row = dossier_client_form_get_row (form, DOSSIER_CLIENT_FIELD_BIRTH_DATE);
  g_autofree char *sent = NULL;
  GPtrArray *changes;
  gpointer weak = editor;

  if (!spanish_dates)
    {
      gtk_window_destroy (GTK_WINDOW (editor));
      g_test_skip ("es_ES.UTF-8 is not generated");
      return;
    }
  g_object_add_weak_pointer (G_OBJECT (editor), &weak);
  gtk_window_present (GTK_WINDOW (editor));
  g_assert_true (dossier_test_wait_until (on_form, editor, 10000));

  /* The stored ISO date reads the locale's way. */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, "21/11/1984");
  g_assert_false (gtk_widget_get_visible (form->date_hint));
  g_assert_cmpstr (dossier_client_form_get_text (form, DOSSIER_CLIENT_FIELD_BIRTH_DATE), ==, "1984-11-21");

  type_date (form, "32/11/1984");
  g_assert_cmpstr (dossier_client_form_get_message (form, DOSSIER_CLIENT_FIELD_BIRTH_DATE), ==,
                   "Enter a real date as DD/MM/YYYY.");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.primary", NULL));
  g_assert_cmpstr (dossier_client_editor_get_page (editor), ==, "form");

  type_date (form, "02/03/1990");
  g_assert_null (dossier_client_form_get_message (form, DOSSIER_CLIENT_FIELD_BIRTH_DATE));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.primary", NULL));
  g_assert_cmpstr (dossier_client_editor_get_page (editor), ==, "summary");
  changes = dossier_client_editor_get_changes (editor);
  g_assert_cmpuint (changes->len, ==, 1);
  g_assert_cmpstr (((DossierClientChange *) g_ptr_array_index (changes, 0))->after, ==, "1990-03-02");
  screenshot (GTK_WIDGET (editor), "client-form-dates-summary");
  /* What will be sent reads the dates as the form does. */
  g_assert_cmpstr (summary_subtitle (GTK_WIDGET (editor), "Date of Birth"), ==,
                   "Was: 21/11/1984\nWill be: 02/03/1990");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.primary", NULL));
  g_assert_true (dossier_test_wait_until (has_bodies, f, 10000));
  sent = sent_birth_date (f, "PUT /management/clients/individuals/" CLIENT_ID " ");
  g_assert_cmpstr (sent, ==, "1990-03-02");
  g_assert_true (dossier_test_wait_until (is_null, &weak, 10000));
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE,
                "gtk-entry-select-on-focus", FALSE, NULL);
  /* Dates the Spanish way, words in English. */
  spanish_dates = setlocale (LC_TIME, "es_ES.UTF-8") != NULL;

#define ADD(path, func) g_test_add ("/dossier/ui/client-form-dates/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("create", test_dates_create);
  ADD ("edit", test_dates_edit);
#undef ADD

  return g_test_run ();
}
