/* test-requirements-form.c — the requirements form built at run time from what the
 * embedded sandbox asks for: every catalogue product, every data type, drafts, saving
 * with the guarded PUT, in-place updates, screenshots
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The fixture is in test-requirements-form-fixture.c, the saving tests in
 * test-requirements-form-save.c. Built twice by meson: test-requirements-form in English, and test-requirements-form-es,
 * which runs in Spanish (es_ES.UTF-8: numbers and dates typed with Spanish separators;
 * its screenshots end in "-es").
 */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "dossier-countries.h"
#include "dossier-known-ids.h"
#include "dossier-value-row-private.h"
#include "test-requirements-form-fixture.h"
#include "dossier-ui-test-utils.h"

/* ---- tests --------------------------------------------------------------------- */

static void
test_locale_parsing (void)
{
  double value = 0;
  GDate date;
  g_autofree char *formatted = NULL;
  g_autofree char *shown_date = NULL;

  g_date_clear (&date, 1);
  g_assert_true (_dossier_value_row_parse_number ("1234.5", &value) || spanish);
  g_assert_true (_dossier_value_row_parse_date ("1984-11-21", &date));
  g_assert_cmpint (g_date_get_day (&date), ==, 21);
  g_assert_false (_dossier_value_row_parse_date ("1984-02-30", NULL));
  g_assert_false (_dossier_value_row_parse_number ("abc", NULL));
  g_assert_false (_dossier_value_row_parse_number ("", NULL));

  if (spanish)
    {
      g_assert_true (_dossier_value_row_parse_number ("50.000,5", &value));
      g_assert_cmpfloat (value, ==, 50000.5);
      g_assert_true (_dossier_value_row_parse_number ("1,5", &value));
      g_assert_cmpfloat (value, ==, 1.5);
      /* '.' groups thousands in Spanish: 1.5 is no number, 1.500 is fifteen hundred. */
      g_assert_false (_dossier_value_row_parse_number ("1.5", NULL));
      g_assert_true (_dossier_value_row_parse_number ("1.500", &value));
      g_assert_cmpfloat (value, ==, 1500);
      g_assert_true (_dossier_value_row_parse_date ("21/11/1984", &date));
      g_assert_false (_dossier_value_row_parse_date ("11/21/1984", NULL));
      formatted = _dossier_value_row_format_number (52000.25);
      g_assert_cmpstr (formatted, ==, "52.000,25");
    }
  else
    {
      g_assert_true (_dossier_value_row_parse_number ("50,000.5", &value));
      g_assert_cmpfloat (value, ==, 50000.5);
      g_assert_false (_dossier_value_row_parse_number ("50,00", NULL));
      g_assert_true (_dossier_value_row_parse_date ("11/21/1984", &date));
      g_assert_false (_dossier_value_row_parse_date ("21/11/1984", NULL));
      /* The C locale groups as the app's English does. */
      formatted = _dossier_value_row_format_number (52000.25);
      g_assert_cmpstr (formatted, ==, "52,000.25");
    }
  g_assert_cmpint (g_date_get_year (&date), ==, 1984);
  g_assert_cmpint (g_date_get_month (&date), ==, 11);
  g_assert_cmpint (g_date_get_day (&date), ==, 21);
  shown_date = _dossier_value_row_format_date (&date);
  g_assert_cmpstr (shown_date, ==, spanish ? "21/11/1984" : "11/21/1984");

  /* What the locale's own short form writes ("%x", often a two-digit year) is read back
   * as the same date: a birth date eighty years back and an expiry ahead alike. */
  {
    g_autoptr(GDateTime) now = g_date_time_new_now_local ();
    int years[] = { g_date_time_get_year (now) - 79, 1984, g_date_time_get_year (now) + 5 };

    for (guint i = 0; i < G_N_ELEMENTS (years); i++)
      {
        g_autoptr(GDateTime) when = g_date_time_new_local (years[i], 11, 21, 12, 0, 0);
        g_autofree char *written = g_date_time_format (when, "%x");

        g_test_message ("%%x writes %s", written);
        g_date_clear (&date, 1);
        g_assert_true (_dossier_value_row_parse_date (written, &date));
        g_assert_cmpint (g_date_get_year (&date), ==, years[i]);
        g_assert_cmpint (g_date_get_month (&date), ==, 11);
        g_assert_cmpint (g_date_get_day (&date), ==, 21);
      }
    g_assert_false (_dossier_value_row_parse_date (spanish ? "21/11/984" : "11/21/984", NULL));
  }
  {
    g_autofree char *birth = dossier_value_row_format_iso_date ("1984-11-21");
    g_autofree char *odd = dossier_value_row_format_iso_date ("21 Nov");

    /* The one form every birth date is shown in: the date rows' own. */
    g_assert_cmpstr (birth, ==, shown_date);
    g_assert_cmpstr (odd, ==, "21 Nov");
    g_assert_null (dossier_value_row_format_iso_date (NULL));
  }
}

static void
test_known_ids (void)
{
  g_autofree char *unknown = dossier_known_ids_label (DOSSIER_KNOWN_ID_DATA_GROUP, "tax_residency", NULL);
  g_autofree char *server = dossier_known_ids_label (DOSSIER_KNOWN_ID_DATA_GROUP, "tax_residency", "Tax residency");
  g_autofree char *product = dossier_known_ids_product_label ("crypto_loans_individuals");

  /* Through the catalogue (po/es.po), whatever the language. */
  g_assert_cmpstr (dossier_known_ids_product_name ("cards_individuals"), ==, _("Individual Cards"));
  g_assert_null (dossier_known_ids_product_name ("crypto_loans_individuals"));
  g_assert_cmpstr (product, ==, "Crypto loans individuals");
  g_assert_cmpstr (unknown, ==, "Tax residency");
  g_assert_cmpstr (server, ==, "Tax residency");
  g_assert_cmpstr (dossier_known_ids_lookup (DOSSIER_KNOWN_ID_ENUM_VALUE, "travel"), ==, _("Travel"));
  g_assert_nonnull (dossier_known_ids_lookup (DOSSIER_KNOWN_ID_DOCUMENT_TYPE, "drivers_license"));
  g_assert_nonnull (dossier_known_ids_lookup (DOSSIER_KNOWN_ID_METADATA, "issuing_country"));
  g_assert_nonnull (dossier_known_ids_lookup_description (DOSSIER_KNOWN_ID_DOCUMENT_GROUP, "proof_of_address"));
}

static void
assert_known (DossierKnownIdKind  kind,
              const char         *id)
{
  if (dossier_known_ids_lookup (kind, id) == NULL)
    g_error ("the table of known ids has no label for %s (kind %d)", id, kind);
}

/* Every id of the shipped catalogue has a translated label. */
static void
test_known_ids_cover_catalogue (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "src", "sandbox", "catalogue.json", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *catalogue;
  JsonObject *data_fields;
  JsonArray *products;
  GList *keys;

  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  catalogue = json_node_get_object (json_parser_get_root (parser));
  data_fields = json_object_get_object_member (catalogue, "data_fields");
  keys = json_object_get_members (data_fields);
  for (GList *l = keys; l != NULL; l = l->next)
    {
      JsonObject *spec = json_object_get_object_member (data_fields, l->data);

      assert_known (DOSSIER_KNOWN_ID_DATA_FIELD, l->data);
      if (json_object_has_member (spec, "values"))
        for (guint i = 0; i < json_array_get_length (json_object_get_array_member (spec, "values")); i++)
          assert_known (DOSSIER_KNOWN_ID_ENUM_VALUE,
                        json_array_get_string_element (json_object_get_array_member (spec, "values"), i));
    }
  g_list_free (keys);

  products = json_object_get_array_member (catalogue, "products");
  g_assert_cmpuint (json_array_get_length (products), >=, 3);
  for (guint p = 0; p < json_array_get_length (products); p++)
    {
      JsonObject *product = json_array_get_object_element (products, p);
      JsonArray *data = json_object_get_array_member (product, "data");
      JsonArray *documents = json_object_get_array_member (product, "documents");

      assert_known (DOSSIER_KNOWN_ID_PRODUCT, json_object_get_string_member (product, "id"));
      for (guint g = 0; g < json_array_get_length (data); g++)
        {
          JsonObject *group = json_array_get_object_element (data, g);

          assert_known (DOSSIER_KNOWN_ID_DATA_GROUP, json_object_get_string_member (group, "id"));
          g_assert_nonnull (dossier_known_ids_lookup_description (DOSSIER_KNOWN_ID_DATA_GROUP,
                                                                  json_object_get_string_member (group, "id")));
        }
      for (guint g = 0; g < json_array_get_length (documents); g++)
        {
          JsonObject *group = json_array_get_object_element (documents, g);
          JsonArray *alternatives = json_object_get_array_member (group, "valid_documents");

          assert_known (DOSSIER_KNOWN_ID_DOCUMENT_GROUP, json_object_get_string_member (group, "id"));
          for (guint a = 0; a < json_array_get_length (alternatives); a++)
            {
              JsonObject *alternative = json_array_get_object_element (alternatives, a);
              JsonArray *metadata = json_object_get_array_member (alternative, "metadata");

              assert_known (DOSSIER_KNOWN_ID_DOCUMENT_TYPE, json_object_get_string_member (alternative, "id"));
              for (guint m = 0; m < json_array_get_length (metadata); m++)
                {
                  JsonObject *field = json_array_get_object_element (metadata, m);

                  assert_known (DOSSIER_KNOWN_ID_METADATA, json_object_get_string_member (field, "id"));
                  if (json_object_has_member (field, "values"))
                    for (guint i = 0; i < json_array_get_length (json_object_get_array_member (field, "values")); i++)
                      assert_known (DOSSIER_KNOWN_ID_ENUM_VALUE,
                                    json_array_get_string_element (json_object_get_array_member (field, "values"), i));
                }
            }
        }
    }
}

/* Every catalogue product: the form has exactly the groups and fields the server lists. */
static void
test_catalogue_products (Fixture       *f,
                         gconstpointer  data)
{
  g_auto(GStrv) products = dossier_sandbox_dup_product_ids (f->sandbox);

  g_assert_cmpuint (g_strv_length (products), >=, 3);
  for (guint p = 0; products[p] != NULL; p++)
    {
      g_autofree char *email = g_strdup_printf ("catalogue-%u@example.com", p);
      g_autoptr(DossierClient) client = create_client (f, email);
      g_autoptr(DossierProductRequest) request = request_product (f, client, products[p]);
      DossierRequirements *requirements = dossier_product_request_get_requirements (request);
      guint expected_blocking = 0;

      g_test_message ("product %s", products[p]);
      g_assert_nonnull (dossier_known_ids_product_name (products[p]));
      show_form (f, client, request);
      g_assert_cmpuint (dossier_requirements_get_n_data_groups (requirements), >, 0);

      for (guint g = 0; g < dossier_requirements_get_n_data_groups (requirements); g++)
        {
          const DossierDataGroup *data_group = dossier_requirements_get_data_group (requirements, g);
          GtkWidget *group = dossier_requirements_form_get_group (f->form, data_group->id);
          g_autofree char *title = dossier_known_ids_label (DOSSIER_KNOWN_ID_DATA_GROUP, data_group->id,
                                                            data_group->name);

          g_assert_true (is_shown_in_form (f, group));
          g_assert_cmpstr (adw_preferences_group_get_title (ADW_PREFERENCES_GROUP (group)), ==, title);
          /* Each group says in its header whether it is required. */
          g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (adw_preferences_group_get_header_suffix (ADW_PREFERENCES_GROUP (group)))),
                           ==, data_group->required ? _("Required") : _("Optional"));

          for (guint i = 0; i < data_group->fields->len; i++)
            {
              const DossierDataField *field = g_ptr_array_index (data_group->fields, i);
              DossierValueRow *value_row = row (f, field->key);

              g_assert_true (gtk_widget_is_ancestor (GTK_WIDGET (value_row), group));
              g_assert_cmpint (dossier_value_row_get_data_type (value_row), ==, field->data_type);
              g_assert_cmpint (dossier_value_row_get_required (value_row), ==,
                               dossier_data_field_blocks (data_group, field));
              g_assert_nonnull (dossier_known_ids_lookup (DOSSIER_KNOWN_ID_DATA_FIELD, field->key));
              if (dossier_data_field_blocks (data_group, field))
                expected_blocking++;
              if (field->data_type == DOSSIER_DATA_TYPE_PHONE)
                /* The client lives in Argentina: +54 is prefilled, and alone is no phone. */
                g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (dossier_value_row_get_code_entry (value_row))),
                                 ==, "54");
              if (field->data_type == DOSSIER_DATA_TYPE_ENUM)
                g_assert_cmpuint (g_list_model_get_n_items (gtk_drop_down_get_model (GTK_DROP_DOWN (dossier_value_row_get_editor (value_row)))),
                                  ==, g_strv_length (field->values));
            }
        }

      /* Nothing the server did not ask for. */
      if (dossier_requirements_lookup_data_group (requirements, "financial_profile") == NULL)
        g_assert_null (dossier_requirements_form_get_group (f->form, "financial_profile"));
      if (dossier_requirements_lookup_data_group (requirements, "contact_preferences") == NULL)
        g_assert_null (dossier_requirements_form_get_group (f->form, "contact_preferences"));
      g_assert_cmpuint (dossier_requirements_form_get_n_blocking (f->form), ==, expected_blocking);
      g_assert_false (dossier_requirements_form_get_can_save (f->form));
    }
}

static const char handwritten[] =
  "{\"id\": \"HandWritten00000000000000000001\", \"client_id\": \"%s\", \"product\": \"handwritten_product\","
  " \"status\": \"pending_documentation\", \"created_at\": \"2026-04-15T10:30:00\","
  " \"updated_at\": \"2026-04-15T10:30:00\", \"missing_requirements\": {\"documents\": [], \"data\": ["
  "  {\"id\": \"everything\", \"name\": \"Everything\", \"description\": \"One field of each type\","
  "   \"required\": true, \"fields\": ["
  "    {\"key\": \"test_string\", \"data_type\": \"STRING\", \"required\": true},"
  "    {\"key\": \"work_phone\", \"data_type\": \"PHONE\", \"required\": true},"
  "    {\"key\": \"test_date\", \"data_type\": \"DATE\", \"required\": true},"
  "    {\"key\": \"test_number\", \"data_type\": \"NUMBER\", \"required\": true},"
  "    {\"key\": \"test_email\", \"data_type\": \"EMAIL\", \"required\": true},"
  "    {\"key\": \"test_country\", \"data_type\": \"COUNTRY\", \"required\": true},"
  "    {\"key\": \"test_enum\", \"data_type\": \"ENUM\", \"required\": true, \"values\": [\"red\", \"green\"]},"
  "    {\"key\": \"test_colour\", \"data_type\": \"COLOUR\", \"required\": true}]},"
  "  {\"id\": \"extras\", \"name\": \"Extras\", \"description\": \"\", \"required\": false, \"fields\": ["
  "    {\"key\": \"test_note\", \"data_type\": \"STRING\", \"required\": true}]}]}}";

static DossierProductRequest *
handwritten_request (DossierClient *client)
{
  g_autofree char *text = g_strdup_printf (handwritten, dossier_client_get_id (client));
  g_autoptr(JsonNode) node = json_from_string (text, NULL);
  g_autoptr(GError) error = NULL;
  DossierProductRequest *request = dossier_product_request_new_from_json (node, &error);

  g_assert_no_error (error);
  return request;
}
/* The same request again, as the server would send it once test_string and the whole
 * extras group are on the client's record. */
static DossierProductRequest *
handwritten_request_later (DossierClient *client)
{
  g_autofree char *text = g_strdup_printf (handwritten, dossier_client_get_id (client));
  g_autoptr(JsonNode) node = json_from_string (text, NULL);
  JsonObject *missing = json_object_get_object_member (json_node_get_object (node), "missing_requirements");
  JsonArray *data = json_object_get_array_member (missing, "data");
  JsonArray *fields = json_object_get_array_member (json_array_get_object_element (data, 0), "fields");
  g_autoptr(GError) error = NULL;
  DossierProductRequest *request;

  json_array_remove_element (data, 1);
  json_array_remove_element (fields, 0);
  request = dossier_product_request_new_from_json (node, &error);
  g_assert_no_error (error);
  return request;
}

/* New requirements for the same request update the form in place, keeping what was typed. */
static void
test_update_in_place (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(DossierClient) client = create_client (f, "in-place@example.com");
  g_autoptr(DossierProductRequest) request = handwritten_request (client);
  g_autoptr(DossierProductRequest) later = handwritten_request_later (client);
  GtkWidget *everything;
  GtkWidget *extras;
  GtkWidget *email;

  show_form (f, client, request);
  everything = dossier_requirements_form_get_group (f->form, "everything");
  extras = dossier_requirements_form_get_group (f->form, "extras");
  email = GTK_WIDGET (row (f, "test_email"));
  type_into (row (f, "test_email"), "half@typed");
  type_into (row (f, "test_string"), "Violinist");

  dossier_requirements_form_set_request (f->form, client, later);
  g_assert_true (dossier_requirements_form_get_group (f->form, "everything") == everything);
  g_assert_true (dossier_requirements_form_get_row (f->form, "test_email") == email);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (dossier_value_row_get_editor (DOSSIER_VALUE_ROW (email)))),
                   ==, "half@typed");
  g_assert_null (dossier_requirements_form_get_row (f->form, "test_string"));
  g_assert_nonnull (strstr (dossier_requirements_form_get_done_summary (f->form, "everything"), "Test string"));
  /* The extras group stays where it was, done. */
  g_assert_true (dossier_requirements_form_get_group (f->form, "extras") == extras);
  g_assert_true (is_shown_in_form (f, extras));
  g_assert_null (dossier_requirements_form_get_row (f->form, "test_note"));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (adw_preferences_group_get_header_suffix (ADW_PREFERENCES_GROUP (extras)))),
                   ==, _("Done"));
  g_assert_cmpuint (dossier_requirements_form_get_n_blocking (f->form), ==, 7);

  /* And back: a field listed again gets a row again, and leaves the saved list. */
  dossier_requirements_form_set_request (f->form, client, request);
  g_assert_nonnull (dossier_requirements_form_get_row (f->form, "test_string"));
  g_assert_null (strstr (dossier_requirements_form_get_done_summary (f->form, "everything") != NULL
                         ? dossier_requirements_form_get_done_summary (f->form, "everything") : "",
                         "Test string"));
}

/* A hand-written request with every data type and one Dossier does not know. */
static void
test_every_data_type (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(DossierClient) client = create_client (f, "every-type@example.com");
  g_autoptr(DossierProductRequest) request = handwritten_request (client);
  g_autoptr(JsonObject) stored = NULL;
  g_autoptr(JsonNode) value = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *group;
  guint argentina;

  show_form (f, client, request);
  group = dossier_requirements_form_get_group (f->form, "everything");
  /* An id Dossier does not know: the server's name. */
  g_assert_cmpstr (adw_preferences_group_get_title (ADW_PREFERENCES_GROUP (group)), ==, "Everything");
  g_assert_cmpstr (adw_preferences_group_get_description (ADW_PREFERENCES_GROUP (group)), ==,
                   "One field of each type");
  /* A key Dossier does not know: its humanised id. */
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row (f, "test_colour"))), ==, "Test colour");
  g_assert_cmpint (dossier_value_row_get_data_type (row (f, "test_colour")), ==, DOSSIER_DATA_TYPE_UNKNOWN);
  g_assert_true (GTK_IS_ENTRY (dossier_value_row_get_editor (row (f, "test_colour"))));
  g_assert_true (GTK_IS_DROP_DOWN (dossier_value_row_get_editor (row (f, "test_country"))));
  g_assert_true (GTK_IS_DROP_DOWN (dossier_value_row_get_editor (row (f, "test_enum"))));
  g_assert_nonnull (dossier_value_row_get_calendar_button (row (f, "test_date")));
  /* The extras group is optional, so its required field does not block. */
  g_assert_false (dossier_value_row_get_required (row (f, "test_note")));
  g_assert_cmpuint (dossier_requirements_form_get_n_blocking (f->form), ==, 8);
  /* Assistive technologies get each editor's name and whether it is required. */
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (dossier_value_row_get_editor (row (f, "test_email"))),
                                       GTK_ACCESSIBLE_PROPERTY_LABEL, "Test email");
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (dossier_value_row_get_editor (row (f, "test_email"))),
                                       GTK_ACCESSIBLE_PROPERTY_REQUIRED, TRUE);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (dossier_value_row_get_editor (row (f, "test_note"))),
                                       GTK_ACCESSIBLE_PROPERTY_REQUIRED, FALSE);
  /* The calling code is prefilled from the client's country (Argentina), for any PHONE key. */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (dossier_value_row_get_code_entry (row (f, "work_phone")))),
                   ==, "54");

  /* Validation as typed. */
  type_into (row (f, "test_email"), "nope");
  assert_invalid (row (f, "test_email"));
  gtk_test_accessible_assert_state (GTK_ACCESSIBLE (dossier_value_row_get_editor (row (f, "test_email"))),
                                    GTK_ACCESSIBLE_STATE_INVALID, GTK_ACCESSIBLE_INVALID_TRUE);
  type_into (row (f, "test_date"), spanish ? "31/02/1984" : "02/31/1984");
  assert_invalid (row (f, "test_date"));
  type_into (row (f, "test_number"), "twelve");
  assert_invalid (row (f, "test_number"));
  type_phone (row (f, "work_phone"), "54", "11-68ab");
  assert_invalid (row (f, "work_phone"));
  type_into (row (f, "test_string"), "   ");
  g_assert_false (dossier_value_row_check (row (f, "test_string"), NULL));
  g_assert_false (dossier_requirements_form_get_can_save (f->form));
  g_assert_false (save_form (f, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_clear_error (&error);

  /* Then right, the local way. */
  type_into (row (f, "test_string"), "Violinist");
  type_phone (row (f, "work_phone"), "+54", "11 6886-0622");
  type_into (row (f, "test_date"), spanish ? "21/11/1984" : "11/21/1984");
  type_into (row (f, "test_number"), local_number ("50,000.5", "50.000,5"));
  type_into (row (f, "test_email"), "mj@example.com");
  argentina = dossier_countries_find (dossier_countries_get_default (), "ARG");
  g_assert_cmpuint (argentina, !=, G_MAXUINT);
  choose (row (f, "test_country"), argentina);
  choose (row (f, "test_enum"), 1);
  type_into (row (f, "test_colour"), "teal");
  g_assert_cmpuint (dossier_requirements_form_get_n_blocking (f->form), ==, 0);
  g_assert_true (dossier_requirements_form_get_can_save (f->form));

  {
    g_autofree char *shot = g_strconcat ("requirements-form-every-type", language_suffix, NULL);
    g_autofree char *path = NULL;

    gtk_window_set_default_size (GTK_WINDOW (f->window), 640, 980);
    g_assert_true (dossier_test_wait_for_draw (f->window));
    path = dossier_test_save_screenshot (f->window, shot);
    g_assert_nonnull (path);
  }

  value = dossier_value_row_get_value (row (f, "test_date"));
  g_assert_cmpstr (json_node_get_string (value), ==, "1984-11-21");
  g_clear_pointer (&value, json_node_unref);
  value = dossier_value_row_get_value (row (f, "test_number"));
  g_assert_cmpfloat (json_node_get_double (value), ==, 50000.5);

  g_assert_true (save_form (f, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (f->n_saved, ==, 1);

  stored = sandbox_client (f, client);
  g_assert_cmpstr (json_object_get_string_member (stored, "test_string"), ==, "Violinist");
  g_assert_true (json_node_get_value_type (json_object_get_member (stored, "work_phone_country_code")) == G_TYPE_INT64);
  g_assert_cmpint (json_object_get_int_member (stored, "work_phone_country_code"), ==, 54);
  g_assert_cmpint (json_object_get_int_member (stored, "work_phone_number"), ==, G_GINT64_CONSTANT (1168860622));
  g_assert_false (json_object_has_member (stored, "work_phone"));
  g_assert_cmpstr (json_object_get_string_member (stored, "test_date"), ==, "1984-11-21");
  g_assert_cmpfloat (json_object_get_double_member (stored, "test_number"), ==, 50000.5);
  g_assert_cmpstr (json_object_get_string_member (stored, "test_email"), ==, "mj@example.com");
  g_assert_cmpstr (json_object_get_string_member (stored, "test_country"), ==, "ARG");
  g_assert_cmpstr (json_object_get_string_member (stored, "test_enum"), ==, "green");
  g_assert_cmpstr (json_object_get_string_member (stored, "test_colour"), ==, "teal");
  g_assert_false (json_object_has_member (stored, "test_note"));
  /* The full replacement kept what the form does not show. */
  g_assert_cmpstr (json_object_get_string_member (stored, "crm_reference"), ==, "K-77");
  g_assert_cmpstr (json_object_get_string_member (stored, "second_name"), ==, "Julia");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (stored, "address"), "city"),
                   ==, "Del Viso");
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
      spanish = setlocale (LC_ALL, "es_ES.UTF-8") != NULL;
      if (!spanish)
        g_printerr ("# es_ES.UTF-8 is not generated: the Spanish run checks English\n");
      if (localedir != NULL)
        bindtextdomain (GETTEXT_PACKAGE, localedir);
      bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
      textdomain (GETTEXT_PACKAGE);
    }

  /* Accessible names and states can be read back (TESTING.md §8). */
  g_setenv ("GTK_A11Y", "test", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  /* gtk_test_init sets the locale from the environment again. */
  spanish = spanish && g_str_has_prefix (setlocale (LC_NUMERIC, NULL), "es_ES");
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE,
                "gtk-entry-select-on-focus", FALSE, NULL);
  /* The app's style sheet, as AdwApplication loads it. */
  {
    g_autoptr(GtkCssProvider) css = gtk_css_provider_new ();

    gtk_css_provider_load_from_resource (css, "/io/github/dossier_app/Dossier/style.css");
    gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (css),
                                                GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  }

  g_test_add_func ("/dossier/ui/requirements-form/locale-parsing", test_locale_parsing);
  g_test_add_func ("/dossier/ui/requirements-form/known-ids", test_known_ids);
  g_test_add_func ("/dossier/ui/requirements-form/known-ids-cover-catalogue", test_known_ids_cover_catalogue);
#define ADD(path, func) g_test_add ("/dossier/ui/requirements-form/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("catalogue-products", test_catalogue_products);
  ADD ("every-data-type", test_every_data_type);
  ADD ("update-in-place", test_update_in_place);
#undef ADD
  test_requirements_form_add_save_tests ();
  test_requirements_form_add_key_tests ();

  return g_test_run ();
}
