/* test-requirements-form-fixture.c — the embedded sandbox over HTTP, a journal and a
 * window with a requirements form; typing into its rows
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>

#include "test-requirements-form-fixture.h"
#include "dossier-ui-test-utils.h"

const char *language_suffix = "";
gboolean    spanish;

/* ---- waiting ----------------------------------------------------------------- */

static gboolean
result_ready (gpointer data)
{
  return *(GAsyncResult **) data != NULL;
}

void
store_result (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

GAsyncResult *
wait_result (GAsyncResult **slot)
{
  g_assert_true (dossier_test_wait_until (result_ready, slot, 20000));
  return *slot;
}

void
open_journal (Fixture *f)
{
  GAsyncResult *result = NULL;
  g_autoptr(GError) error = NULL;

  dossier_journal_new_full_async (f->journal_path, DOSSIER_JOURNAL_FLAGS_NO_KEYRING, NULL,
                                  store_result, &result);
  f->journal = dossier_journal_new_finish (wait_result (&result), &error);
  g_assert_no_error (error);
  g_clear_object (&result);
}

void
close_journal (Fixture *f)
{
  GAsyncResult *result = NULL;

  dossier_journal_flush_async (f->journal, NULL, store_result, &result);
  g_assert_true (dossier_journal_flush_finish (f->journal, wait_result (&result), NULL));
  g_clear_object (&result);
  g_clear_object (&f->journal);
}

void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(DossierSandboxConfig) config = dossier_sandbox_config_new ();
  g_autoptr(GError) error = NULL;

  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_LIGHT);
  g_assert_true (dossier_sandbox_config_add_key (config, KEY ":3", &error));
  dossier_sandbox_config_set_admin (config, TRUE);
  f->sandbox = dossier_sandbox_new (config);
  g_assert_true (dossier_sandbox_start (f->sandbox, &error));
  g_assert_no_error (error);
  f->api = dossier_api_new (dossier_sandbox_get_uri (f->sandbox), KEY);
  f->session = soup_session_new ();
  f->dir = g_dir_make_tmp ("dossier-requirements-form-XXXXXX", &error);
  g_assert_no_error (error);
  f->journal_path = g_build_filename (f->dir, "journal.sqlite", NULL);
  open_journal (f);
}

void
destroy_window (Fixture *f)
{
  if (f->window != NULL)
    gtk_window_destroy (GTK_WINDOW (f->window));
  f->window = NULL;
  f->form = NULL;
}

void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  destroy_window (f);
  close_journal (f);
  g_clear_object (&f->api);
  g_clear_object (&f->session);
  dossier_sandbox_stop (f->sandbox);
  g_clear_object (&f->sandbox);

  dir = g_dir_open (f->dir, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (f->dir, name, NULL);

      g_unlink (path);
    }
  g_rmdir (f->dir);
  g_free (f->dir);
  g_free (f->journal_path);
}

/* ---- the sandbox, from outside the form -------------------------------------- */

JsonNode *
sandbox_call (Fixture    *f,
              const char *method,
              const char *path,
              const char *body)
{
  g_autofree char *uri = g_strconcat (dossier_sandbox_get_uri (f->sandbox), path, NULL);
  g_autoptr(SoupMessage) message = soup_message_new (method, uri);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  soup_message_headers_append (soup_message_get_request_headers (message), "x-api-key", KEY);
  if (body != NULL)
    {
      g_autoptr(GBytes) request = g_bytes_new (body, strlen (body));

      soup_message_set_request_body_from_bytes (message, "application/json", request);
    }
  bytes = soup_session_send_and_read (f->session, message, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (message), ==, 200);
  json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), &error);
  g_assert_no_error (error);
  return json_node_copy (json_parser_get_root (parser));
}

DossierClient *
create_client (Fixture    *f,
               const char *email)
{
  g_autofree char *body = g_strdup_printf ("{\"first_name\": \"Maria\", \"second_name\": \"Julia\","
                                           " \"last_name\": \"Barber\", \"email\": \"%s\","
                                           " \"birth_date\": \"1984-11-21\", \"crm_reference\": \"K-77\","
                                           " \"address\": {\"street_line1\": \"Florida 9860\","
                                           " \"city\": \"Del Viso\", \"postal_code\": \"1669\","
                                           " \"state\": \"ARG-B\", \"country\": \"ARG\"}}", email);
  g_autoptr(JsonNode) node = sandbox_call (f, "POST", "/management/clients/individuals", body);
  g_autoptr(GError) error = NULL;
  DossierClient *client = dossier_client_new_from_json (node, &error);

  g_assert_no_error (error);
  return client;
}

JsonObject *
sandbox_client (Fixture       *f,
                DossierClient *client)
{
  g_autofree char *path = g_strconcat ("/management/clients/individuals/", dossier_client_get_id (client), NULL);
  g_autoptr(JsonNode) node = sandbox_call (f, "GET", path, NULL);

  return json_object_ref (json_node_get_object (node));
}

DossierProductRequest *
request_product (Fixture       *f,
                 DossierClient *client,
                 const char    *product)
{
  GAsyncResult *result = NULL;
  g_autoptr(GError) error = NULL;
  DossierProductRequest *request;

  dossier_api_request_product_async (f->api, dossier_client_get_id (client), product,
                                     DOSSIER_API_PRIORITY_USER, NULL, store_result, &result);
  request = dossier_api_request_product_finish (f->api, wait_result (&result), &error);
  g_assert_no_error (error);
  g_assert_nonnull (request);
  g_clear_object (&result);
  return request;
}

/* ---- the form ------------------------------------------------------------------ */

static void
saved_cb (DossierRequirementsForm *form,
          DossierClient           *client,
          DossierProductRequest   *request,
          Fixture                 *f)
{
  g_assert_true (DOSSIER_IS_CLIENT (client));
  g_assert_true (DOSSIER_IS_PRODUCT_REQUEST (request));
  f->n_saved++;
}

static gboolean
draft_loaded (gpointer data)
{
  return dossier_requirements_form_get_draft_loaded (data);
}

void
show_form (Fixture               *f,
           DossierClient         *client,
           DossierProductRequest *request)
{
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *clamp = adw_clamp_new ();
  GtkWidget *form = dossier_requirements_form_new (f->api, f->journal);

  destroy_window (f);
  f->window = adw_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (f->window), 640, 760);
  gtk_widget_set_margin_top (clamp, 24);
  gtk_widget_set_margin_bottom (clamp, 24);
  gtk_widget_set_margin_start (clamp, 12);
  gtk_widget_set_margin_end (clamp, 12);
  adw_clamp_set_child (ADW_CLAMP (clamp), form);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), clamp);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  adw_window_set_content (ADW_WINDOW (f->window), scrolled);

  f->form = DOSSIER_REQUIREMENTS_FORM (form);
  g_signal_connect (form, "saved", G_CALLBACK (saved_cb), f);
  dossier_requirements_form_set_request (f->form, client, request);
  gtk_window_present (GTK_WINDOW (f->window));
  g_assert_true (dossier_test_wait_for_draw (f->window));
  g_assert_true (dossier_test_wait_until (draft_loaded, f->form, 10000));
}

DossierValueRow *
row (Fixture    *f,
     const char *key)
{
  GtkWidget *widget = dossier_requirements_form_get_row (f->form, key);

  g_assert_true (DOSSIER_IS_VALUE_ROW (widget));
  return DOSSIER_VALUE_ROW (widget);
}

void
type_into (DossierValueRow *value_row,
           const char      *text)
{
  gtk_editable_set_text (GTK_EDITABLE (dossier_value_row_get_editor (value_row)), text);
}

void
type_phone (DossierValueRow *value_row,
            const char      *code,
            const char      *number)
{
  gtk_editable_set_text (GTK_EDITABLE (dossier_value_row_get_code_entry (value_row)), code);
  gtk_editable_set_text (GTK_EDITABLE (dossier_value_row_get_editor (value_row)), number);
}

void
choose (DossierValueRow *value_row,
        guint            position)
{
  gtk_drop_down_set_selected (GTK_DROP_DOWN (dossier_value_row_get_editor (value_row)), position);
}

gboolean
save_form (Fixture  *f,
           GError  **error)
{
  GAsyncResult *result = NULL;
  g_autoptr(DossierClient) client = NULL;

  dossier_requirements_form_save_async (f->form, NULL, store_result, &result);
  client = dossier_requirements_form_save_finish (f->form, wait_result (&result), error);
  g_clear_object (&result);
  g_assert_false (dossier_requirements_form_get_busy (f->form));
  return client != NULL;
}

/* What a person types as a number in the test's language. */
const char *
local_number (const char *english,
              const char *spanish_text)
{
  return spanish ? spanish_text : english;
}

static gboolean
never (gpointer data)
{
  return FALSE;
}

/* Lets the draft's debounce run out. */
void
let_draft_settle (void)
{
  dossier_test_wait_until (never, NULL, 700);
}

gboolean
is_shown_in_form (Fixture    *f,
                  GtkWidget  *widget)
{
  return widget != NULL && gtk_widget_is_ancestor (widget, GTK_WIDGET (f->form))
         && gtk_widget_get_visible (widget);
}


void
assert_invalid (DossierValueRow *value_row)
{
  char *message = NULL;

  g_assert_false (dossier_value_row_check (value_row, &message));
  g_assert_nonnull (message);
  g_free (message);
  /* Shown at once, under the title, and not by colour alone. */
  g_assert_nonnull (dossier_value_row_get_message (value_row));
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (value_row)), ==,
                   dossier_value_row_get_message (value_row));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (value_row), "dossier-invalid"));
  g_assert_null (dossier_value_row_get_value (value_row));
}
