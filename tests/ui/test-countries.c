/* test-countries.c — the country list from iso-codes and the calling-code table
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gtk/gtk.h>
#include <json-glib/json-glib.h>

#include "dossier-client-fields.h"
#include "dossier-countries.h"

/* Every alpha-3 code iso-codes knows has a calling code in our table. */
static void
test_countries_calling_codes_complete (void)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonArray *array;
  guint n_checked = 0;

  json_parser_load_from_mapped_file (parser, dossier_countries_get_iso_codes_path (), &error);
  g_assert_no_error (error);
  array = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), "3166-1");
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      const char *code = json_object_get_string_member (json_array_get_object_element (array, i), "alpha_3");
      guint calling = dossier_countries_get_calling_code (code);

      if (calling == 0)
        g_test_message ("no calling code for %s", code);
      g_assert_cmpuint (calling, >=, 1);
      g_assert_cmpuint (calling, <=, 999);
      n_checked++;
    }
  g_assert_cmpuint (n_checked, >=, 249);
  g_assert_cmpuint (dossier_countries_get_calling_code ("ARG"), ==, 54);
  g_assert_cmpuint (dossier_countries_get_calling_code ("ESP"), ==, 34);
  g_assert_cmpuint (dossier_countries_get_calling_code ("USA"), ==, 1);
  g_assert_cmpuint (dossier_countries_get_calling_code ("XXX"), ==, 0);
}

static void
test_countries_list (void)
{
  DossierCountries *countries = dossier_countries_get_default ();
  guint position = dossier_countries_find (countries, "ARG");

  g_assert_cmpuint (dossier_countries_get_n_countries (countries), >=, 249);
  g_assert_cmpuint (g_list_model_get_n_items (dossier_countries_get_model (countries)), ==,
                    dossier_countries_get_n_countries (countries));
  g_assert_cmpuint (position, !=, G_MAXUINT);
  g_assert_cmpstr (dossier_countries_get_code (countries, position), ==, "ARG");
  g_assert_cmpstr (dossier_countries_get_name (countries, position), ==, "Argentina");
  g_assert_cmpuint (dossier_countries_find (countries, "arg"), ==, G_MAXUINT);
  g_assert_null (dossier_countries_lookup_name (countries, "XXX"));

  /* Sorted for people: each name collates after the one before. */
  for (guint i = 1; i < dossier_countries_get_n_countries (countries); i++)
    g_assert_cmpint (g_utf8_collate (dossier_countries_get_name (countries, i - 1),
                                     dossier_countries_get_name (countries, i)), <=, 0);
}

static void
test_countries_field_checks (void)
{
  const char *values[DOSSIER_CLIENT_N_FIELDS + 1] = { NULL };
  g_autofree char *message = NULL;
  gboolean warning = FALSE;

  for (guint i = 0; i < DOSSIER_CLIENT_N_FIELDS; i++)
    values[i] = "";
  values[DOSSIER_CLIENT_FIELD_COUNTRY] = "ZZZ";
  message = dossier_client_field_check (DOSSIER_CLIENT_FIELD_COUNTRY, values, &warning);
  g_assert_nonnull (message);
  g_clear_pointer (&message, g_free);
  values[DOSSIER_CLIENT_FIELD_COUNTRY] = "URY";
  g_assert_null (dossier_client_field_check (DOSSIER_CLIENT_FIELD_COUNTRY, values, &warning));

  /* A calling code alone (the country prefills it) is no phone, and no error. */
  values[DOSSIER_CLIENT_FIELD_PHONE_COUNTRY_CODE] = "598";
  g_assert_null (dossier_client_field_check (DOSSIER_CLIENT_FIELD_PHONE_COUNTRY_CODE, values, &warning));
  g_assert_null (dossier_client_field_check (DOSSIER_CLIENT_FIELD_PHONE_NUMBER, values, &warning));
  values[DOSSIER_CLIENT_FIELD_PHONE_COUNTRY_CODE] = "";

  /* The phone comes in pairs; a leading zero is a warning, not an error. */
  values[DOSSIER_CLIENT_FIELD_PHONE_NUMBER] = "011 6886";
  message = dossier_client_field_check (DOSSIER_CLIENT_FIELD_PHONE_COUNTRY_CODE, values, &warning);
  g_assert_nonnull (message);
  g_assert_false (warning);
  g_clear_pointer (&message, g_free);
  values[DOSSIER_CLIENT_FIELD_PHONE_COUNTRY_CODE] = "+54";
  g_assert_null (dossier_client_field_check (DOSSIER_CLIENT_FIELD_PHONE_COUNTRY_CODE, values, &warning));
  message = dossier_client_field_check (DOSSIER_CLIENT_FIELD_PHONE_NUMBER, values, &warning);
  g_assert_nonnull (message);
  g_assert_true (warning);
  g_clear_pointer (&message, g_free);
  message = dossier_client_field_normalize (DOSSIER_CLIENT_FIELD_PHONE_NUMBER, "011 6886");
  g_assert_cmpstr (message, ==, "116886");
  g_clear_pointer (&message, g_free);

  values[DOSSIER_CLIENT_FIELD_BIRTH_DATE] = "2999-01-01";
  message = dossier_client_field_check (DOSSIER_CLIENT_FIELD_BIRTH_DATE, values, &warning);
  g_assert_nonnull (message);
  g_clear_pointer (&message, g_free);
  values[DOSSIER_CLIENT_FIELD_BIRTH_DATE] = "1899-12-31";
  message = dossier_client_field_check (DOSSIER_CLIENT_FIELD_BIRTH_DATE, values, &warning);
  g_assert_nonnull (message);
  g_clear_pointer (&message, g_free);
  values[DOSSIER_CLIENT_FIELD_BIRTH_DATE] = "1900-01-01";
  g_assert_null (dossier_client_field_check (DOSSIER_CLIENT_FIELD_BIRTH_DATE, values, &warning));

  g_assert_cmpint (dossier_client_field_from_path ("address.street_line_1"), ==, DOSSIER_CLIENT_FIELD_STREET_LINE1);
  g_assert_cmpint (dossier_client_field_from_path ("email"), ==, DOSSIER_CLIENT_FIELD_EMAIL);
  g_assert_cmpint (dossier_client_field_from_path ("occupation"), ==, DOSSIER_CLIENT_FIELD_NONE);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);

  g_test_add_func ("/dossier/ui/countries/calling-codes-complete", test_countries_calling_codes_complete);
  g_test_add_func ("/dossier/ui/countries/list", test_countries_list);
  g_test_add_func ("/dossier/ui/countries/field-checks", test_countries_field_checks);

  return g_test_run ();
}
