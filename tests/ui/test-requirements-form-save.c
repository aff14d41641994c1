/* test-requirements-form-save.c — saving the requirements form through the guarded PUT,
 * in-place updates, drafts, optional groups, the server's refusals, screenshots
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "dossier-countries.h"
#include "dossier-known-ids.h"
#include "test-requirements-form-fixture.h"
#include "dossier-ui-test-utils.h"


static gboolean
never_ready (gpointer data)
{
  return FALSE;
}

static void
fill_premium (Fixture    *f,
              const char *salary)
{
  type_phone (row (f, "phone"), "54", "1168860622");
  type_into (row (f, "occupation"), "Violinist");
  type_into (row (f, "annual_salary"), salary);
  choose (row (f, "account_purpose"), 2);
}

static gboolean
summary_lists (Fixture    *f,
               const char *group_id,
               const char *key)
{
  const char *summary = dossier_requirements_form_get_done_summary (f->form, group_id);
  const char *label = dossier_known_ids_lookup (DOSSIER_KNOWN_ID_DATA_FIELD, key);

  return summary != NULL && label != NULL && strstr (summary, label) != NULL;
}

/* The seed guide's steps 2 and 3: request cards_individuals, the phone appears, fill it,
 * it is satisfied. */
static void
test_seed_phone (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(DossierClient) client = create_client (f, "seed@example.com");
  g_autoptr(DossierProductRequest) request = request_product (f, client, "cards_individuals");
  g_autoptr(GError) error = NULL;

  show_form (f, client, request);
  g_assert_cmpuint (dossier_requirements_form_get_n_blocking (f->form), ==, 1);
  g_assert_cmpint (dossier_value_row_get_data_type (row (f, "phone")), ==, DOSSIER_DATA_TYPE_PHONE);
  type_phone (row (f, "phone"), "54", "1168860622");
  g_assert_true (save_form (f, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (dossier_requirements_get_n_data_groups (dossier_product_request_get_requirements (request)), ==, 0);
  g_assert_true (summary_lists (f, "personal_information", "phone"));
  g_assert_nonnull (strstr (dossier_requirements_form_get_done_summary (f->form, "personal_information"),
                            "+54 1168860622"));
  g_assert_cmpuint (dossier_requirements_form_get_n_blocking (f->form), ==, 0);
}

/* The premium product saved through the guarded PUT; what is satisfied shows done in place. */
static void
test_premium_save (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(DossierClient) client = create_client (f, "premium@example.com");
  g_autoptr(DossierProductRequest) request = request_product (f, client, "cards_individuals_premium");
  g_autoptr(JsonObject) stored = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *personal;
  GtkWidget *financial;
  GtkWidget *volume;

  show_form (f, client, request);
  g_assert_cmpuint (dossier_requirements_form_get_n_blocking (f->form), ==, 4);
  personal = dossier_requirements_form_get_group (f->form, "personal_information");
  financial = dossier_requirements_form_get_group (f->form, "financial_profile");
  volume = GTK_WIDGET (row (f, "expected_monthly_volume"));
  g_assert_false (dossier_value_row_get_required (DOSSIER_VALUE_ROW (volume)));

  fill_premium (f, local_number ("52,000", "52.000"));
  /* The optional field, left empty, blocks nothing. */
  g_assert_cmpuint (dossier_requirements_form_get_n_blocking (f->form), ==, 0);
  g_assert_true (dossier_requirements_form_get_can_save (f->form));
  g_assert_true (save_form (f, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (f->n_saved, ==, 1);

  stored = sandbox_client (f, client);
  g_assert_cmpint (json_object_get_int_member (stored, "phone_country_code"), ==, 54);
  g_assert_cmpint (json_object_get_int_member (stored, "phone_number"), ==, G_GINT64_CONSTANT (1168860622));
  g_assert_cmpstr (json_object_get_string_member (stored, "occupation"), ==, "Violinist");
  g_assert_true (json_node_get_value_type (json_object_get_member (stored, "annual_salary")) == G_TYPE_INT64);
  g_assert_cmpint (json_object_get_int_member (stored, "annual_salary"), ==, 52000);
  g_assert_cmpstr (json_object_get_string_member (stored, "account_purpose"), ==, "travel");
  g_assert_false (json_object_has_member (stored, "expected_monthly_volume"));
  g_assert_cmpstr (json_object_get_string_member (stored, "crm_reference"), ==, "K-77");
  /* The form's client is the server's now. */
  g_assert_cmpstr (dossier_client_get_phone_number (client), ==, "1168860622");

  /* In place: the same groups, the phone's group done, the optional row still open. */
  g_assert_true (dossier_requirements_form_get_group (f->form, "personal_information") == personal);
  g_assert_true (is_shown_in_form (f, personal));
  g_assert_null (dossier_requirements_form_get_row (f->form, "phone"));
  g_assert_true (summary_lists (f, "personal_information", "phone"));
  g_assert_true (dossier_requirements_form_get_group (f->form, "financial_profile") == financial);
  g_assert_true (summary_lists (f, "financial_profile", "occupation"));
  g_assert_true (summary_lists (f, "financial_profile", "annual_salary"));
  g_assert_true (dossier_requirements_form_get_row (f->form, "expected_monthly_volume") == volume);
  g_assert_null (dossier_requirements_lookup_data_group (dossier_product_request_get_requirements (request),
                                                        "personal_information"));
  g_assert_null (dossier_requirements_lookup_data_field (dossier_product_request_get_requirements (request), "phone"));
  g_assert_cmpuint (dossier_requirements_form_get_n_blocking (f->form), ==, 0);
  g_assert_false (dossier_requirements_form_get_can_save (f->form));
}

static JsonObject *
load_draft (Fixture               *f,
            DossierClient         *client,
            DossierProductRequest *request)
{
  GAsyncResult *result = NULL;
  JsonObject *draft;

  dossier_journal_load_draft_async (f->journal, dossier_client_get_id (client),
                                    dossier_product_request_get_id (request), NULL, store_result, &result);
  draft = dossier_journal_load_draft_finish (f->journal, wait_result (&result), NULL, NULL);
  g_clear_object (&result);
  return draft;
}

/* What was typed survives the window, and a restart of the journal. */
static void
test_draft (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(DossierClient) client = create_client (f, "draft@example.com");
  g_autoptr(DossierProductRequest) request = request_product (f, client, "virtual_wallets_individuals");
  g_autoptr(JsonObject) draft = NULL;
  g_autoptr(JsonNode) value = NULL;
  g_autoptr(GError) error = NULL;
  guint argentina = dossier_countries_find (dossier_countries_get_default (), "ARG");

  show_form (f, client, request);
  type_phone (row (f, "phone"), "54", "11 6886-0622");
  choose (row (f, "nationality"), argentina);
  choose (row (f, "gender"), 0);
  type_into (row (f, "notification_email"), "mj@example");    /* not valid yet */
  type_into (row (f, "address_since"), spanish ? "1/3/2019" : "3/1/2019");
  let_draft_settle ();
  draft = load_draft (f, client, request);
  g_assert_nonnull (draft);
  g_assert_cmpuint (json_object_get_size (draft), ==, 5);
  g_clear_pointer (&draft, json_object_unref);

  /* The window goes, the app restarts. */
  destroy_window (f);
  close_journal (f);
  open_journal (f);
  show_form (f, client, request);

  value = dossier_value_row_get_value (row (f, "phone"));
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (value), "number"), ==, "1168860622");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (dossier_value_row_get_editor (row (f, "phone")))),
                   ==, "11 6886-0622");
  g_clear_pointer (&value, json_node_unref);
  value = dossier_value_row_get_value (row (f, "nationality"));
  g_assert_cmpstr (json_node_get_string (value), ==, "ARG");
  g_clear_pointer (&value, json_node_unref);
  value = dossier_value_row_get_value (row (f, "gender"));
  g_assert_cmpstr (json_node_get_string (value), ==, "female");
  g_clear_pointer (&value, json_node_unref);
  value = dossier_value_row_get_value (row (f, "address_since"));
  g_assert_cmpstr (json_node_get_string (value), ==, "2019-03-01");
  /* A restored value that is still wrong says so at once. */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (dossier_value_row_get_editor (row (f, "notification_email")))),
                   ==, "mj@example");
  assert_invalid (row (f, "notification_email"));
  g_assert_false (dossier_requirements_form_get_can_save (f->form));

  /* Fixed and saved: the draft goes. */
  type_into (row (f, "notification_email"), "mj@example.com");
  g_assert_true (save_form (f, &error));
  g_assert_no_error (error);
  let_draft_settle ();
  draft = load_draft (f, client, request);
  g_assert_true (draft == NULL || json_object_get_size (draft) == 0);
}

/* An optional group never blocks, and stays open after the required ones are done. */
static void
test_optional_group (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(DossierClient) client = create_client (f, "optional@example.com");
  g_autoptr(DossierProductRequest) request = request_product (f, client, "virtual_wallets_individuals");
  g_autoptr(GError) error = NULL;
  DossierRequirements *requirements;
  GtkWidget *optional;

  show_form (f, client, request);
  optional = dossier_requirements_form_get_group (f->form, "contact_preferences");
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (adw_preferences_group_get_header_suffix (ADW_PREFERENCES_GROUP (optional)))),
                   ==, _("Optional"));
  g_assert_cmpuint (dossier_requirements_form_get_n_blocking (f->form), ==, 3);

  type_phone (row (f, "phone"), "54", "1168860622");
  choose (row (f, "nationality"), dossier_countries_find (dossier_countries_get_default (), "URY"));
  choose (row (f, "gender"), 3);
  g_assert_cmpuint (dossier_requirements_form_get_n_blocking (f->form), ==, 0);
  g_assert_true (save_form (f, &error));
  g_assert_no_error (error);

  requirements = dossier_product_request_get_requirements (request);
  g_assert_false (dossier_requirements_blocks (requirements));
  g_assert_nonnull (dossier_requirements_lookup_data_group (requirements, "contact_preferences"));
  g_assert_true (summary_lists (f, "identity_details", "gender"));
  /* A group the server no longer lists is shown done where it was. */
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (adw_preferences_group_get_header_suffix (
                     ADW_PREFERENCES_GROUP (dossier_requirements_form_get_group (f->form, "identity_details"))))),
                   ==, _("Done"));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (adw_preferences_group_get_header_suffix (ADW_PREFERENCES_GROUP (optional)))),
                   ==, _("Optional"));
  g_assert_true (summary_lists (f, "personal_information", "phone"));
  g_assert_true (is_shown_in_form (f, dossier_requirements_form_get_row (f->form, "notification_email")));
  g_assert_null (dossier_requirements_form_get_done_summary (f->form, "contact_preferences"));
}

/* The server's 412 at the field it names; the guard keeps what someone else saved. */
static void
test_server_error_and_guard (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(DossierClient) client = create_client (f, "refused@example.com");
  g_autoptr(DossierProductRequest) request = request_product (f, client, "cards_individuals_premium");
  g_autoptr(JsonObject) stored = NULL;
  g_autoptr(JsonNode) theirs = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *body = NULL;
  const char *message;

  show_form (f, client, request);
  /* The requirements do not carry the minimum: the server refuses a negative salary. */
  fill_premium (f, "-5");
  g_assert_true (dossier_requirements_form_get_can_save (f->form));
  g_assert_false (save_form (f, &error));
  g_assert_error (error, DOSSIER_API_ERROR, DOSSIER_API_ERROR_VALIDATION);
  g_clear_error (&error);
  message = dossier_value_row_get_message (row (f, "annual_salary"));
  g_test_message ("at the field: %s", message);
  g_assert_nonnull (message);
  /* The problem the server named for annual_salary, at that row. */
  g_assert_true (g_str_has_suffix (message, "at least 0"));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (row (f, "annual_salary")), "dossier-invalid"));
  /* Nothing typed is lost. */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (dossier_value_row_get_editor (row (f, "annual_salary")))),
                   ==, "-5");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (dossier_value_row_get_editor (row (f, "occupation")))),
                   ==, "Violinist");
  stored = sandbox_client (f, client);
  g_assert_false (json_object_has_member (stored, "occupation"));
  g_clear_pointer (&stored, json_object_unref);

  /* Meanwhile someone else saves a phone for the client. */
  path = g_strconcat ("/management/clients/individuals/", dossier_client_get_id (client), NULL);
  stored = sandbox_client (f, client);
  json_object_set_int_member (stored, "phone_country_code", 598);
  json_object_set_int_member (stored, "phone_number", 94123456);
  theirs = json_node_init_object (json_node_alloc (), stored);
  body = json_to_string (theirs, FALSE);
  json_node_unref (sandbox_call (f, "PUT", path, body));
  g_clear_pointer (&stored, json_object_unref);

  /* Typing clears the server's message; the save keeps their phone, sends the rest. */
  type_into (row (f, "annual_salary"), "5");
  g_assert_null (dossier_value_row_get_message (row (f, "annual_salary")));
  g_assert_true (save_form (f, &error));
  g_assert_no_error (error);
  stored = sandbox_client (f, client);
  g_assert_cmpint (json_object_get_int_member (stored, "phone_country_code"), ==, 598);
  g_assert_cmpint (json_object_get_int_member (stored, "phone_number"), ==, 94123456);
  g_assert_cmpint (json_object_get_int_member (stored, "annual_salary"), ==, 5);
  g_assert_cmpstr (json_object_get_string_member (stored, "occupation"), ==, "Violinist");
  /* Their phone satisfies the request: the group shows done. */
  g_assert_true (summary_lists (f, "personal_information", "phone"));
}

/* A refusal that names no field of the form is a sentence above the groups, with the
 * trace id; what was typed stays, in the form and in the draft. */
static void
test_form_level_error (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(DossierClient) client = create_client (f, "sentence@example.com");
  g_autoptr(DossierProductRequest) request = request_product (f, client, "cards_individuals");
  g_autoptr(JsonObject) draft = NULL;
  g_autoptr(GError) error = NULL;
  const char *message;

  show_form (f, client, request);
  type_phone (row (f, "phone"), "54", "1168860622");
  json_node_unref (sandbox_call (f, "POST", "/_sandbox/faults",
                                 "{\"kind\": \"error\", \"method\": \"PUT\", \"status\": 412,"
                                 " \"code\": \"VALIDATION_ERROR\","
                                 " \"message\": \"Validation failed: address.country: must be 3 upper-case letters\"}"));
  g_assert_false (save_form (f, &error));
  g_assert_error (error, DOSSIER_API_ERROR, DOSSIER_API_ERROR_VALIDATION);
  g_clear_error (&error);
  message = dossier_requirements_form_get_message (f->form);
  g_test_message ("sentence: %s", message);
  g_assert_nonnull (message);
  /* The member by its label, never its JSON key (dossier-error-report.c). */
  g_assert_nonnull (strstr (message, "must be 3 upper-case letters"));
  g_assert_null (strstr (message, "address.country"));
  g_assert_null (dossier_value_row_get_message (row (f, "phone")));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (dossier_value_row_get_editor (row (f, "phone")))),
                   ==, "1168860622");
  g_assert_true (dossier_requirements_form_get_can_save (f->form));
  draft = load_draft (f, client, request);
  g_assert_nonnull (draft);
  g_assert_true (json_object_has_member (draft, "phone"));

  /* Typing again clears the sentence; the next save goes through. */
  type_phone (row (f, "phone"), "54", "1168860623");
  g_assert_null (dossier_requirements_form_get_message (f->form));
  g_assert_true (save_form (f, &error));
  g_assert_no_error (error);
}

/* The premium product's form as a person sees it, before and after saving. */
static void
test_screenshots (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(DossierClient) client = create_client (f, "screenshot@example.com");
  g_autoptr(DossierProductRequest) request = request_product (f, client, "cards_individuals_premium");
  g_autoptr(GError) error = NULL;
  g_autofree char *before = g_strconcat ("requirements-form-premium", language_suffix, NULL);
  g_autofree char *typing = g_strconcat ("requirements-form-premium-typing", language_suffix, NULL);
  g_autofree char *after = g_strconcat ("requirements-form-premium-saved", language_suffix, NULL);
  g_autofree char *path = NULL;

  show_form (f, client, request);
  path = dossier_test_save_screenshot (f->window, before);
  g_assert_nonnull (path);
  g_test_message ("screenshot: %s", path);
  g_clear_pointer (&path, g_free);

  type_phone (row (f, "phone"), "54", "11 6886-0622");
  type_into (row (f, "occupation"), "Violinist");
  type_into (row (f, "annual_salary"), local_number ("52,000.50", "52.000,50"));
  type_into (row (f, "expected_monthly_volume"), "1.2.3");
  dossier_value_row_show_message (row (f, "expected_monthly_volume"));
  g_assert_true (dossier_test_wait_for_draw (f->window));
  path = dossier_test_save_screenshot (f->window, typing);
  g_assert_nonnull (path);
  g_clear_pointer (&path, g_free);

  /* As narrow as a phone: rows wrap their titles, nothing is cut. */
  {
    g_autofree char *narrow = g_strconcat ("requirements-form-premium-narrow", language_suffix, NULL);

    gtk_window_set_default_size (GTK_WINDOW (f->window), 360, 760);
    g_assert_true (dossier_test_wait_for_draw (f->window));
    dossier_test_wait_until (never_ready, NULL, 300);
    path = dossier_test_save_screenshot (f->window, narrow);
    g_assert_nonnull (path);
    g_assert_cmpint (gtk_widget_get_width (f->window), <=, 400);
    gtk_window_set_default_size (GTK_WINDOW (f->window), 640, 760);
    g_assert_true (dossier_test_wait_for_draw (f->window));
    g_clear_pointer (&path, g_free);
  }

  type_into (row (f, "expected_monthly_volume"), "");
  choose (row (f, "account_purpose"), 2);
  g_assert_true (save_form (f, &error));
  g_assert_no_error (error);
  g_assert_true (dossier_test_wait_for_draw (f->window));
  path = dossier_test_save_screenshot (f->window, after);
  g_assert_nonnull (path);
}

void
test_requirements_form_add_save_tests (void)
{
#define ADD(path, func) g_test_add ("/dossier/ui/requirements-form/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("seed-phone", test_seed_phone);
  ADD ("premium-save", test_premium_save);
  ADD ("draft", test_draft);
  ADD ("optional-group", test_optional_group);
  ADD ("server-error-and-guard", test_server_error_and_guard);
  ADD ("form-level-error", test_form_level_error);
  ADD ("screenshots", test_screenshots);
#undef ADD
}
