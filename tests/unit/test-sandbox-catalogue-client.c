/* test-sandbox-catalogue-client.c — catalogue fields in a client body: PHONE, types, values
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <string.h>

#include "dossier-sandbox-catalogue.h"

static DossierSandboxCatalogue *
load_default (void)
{
  g_autoptr(GError) error = NULL;
  DossierSandboxCatalogue *catalogue = dossier_sandbox_catalogue_new_default (&error);

  g_assert_no_error (error);
  g_assert_nonnull (catalogue);
  return catalogue;
}

static DossierSandboxCatalogue *
load_text (const char *json,
           GError    **error)
{
  g_autoptr(GBytes) bytes = g_bytes_new (json, strlen (json));

  return dossier_sandbox_catalogue_new_from_bytes (bytes, error);
}

static JsonObject *
parse_object (const char *json)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = json_from_string (json, &error);

  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (node));
  return json_object_ref (json_node_get_object (node));
}

static char *
missing_json (DossierSandboxCatalogue *catalogue,
              const char              *product,
              const char              *client_json,
              GHashTable              *satisfied)
{
  g_autoptr(JsonObject) client = parse_object (client_json);
  g_autoptr(JsonNode) node = dossier_sandbox_catalogue_missing_requirements (catalogue, product,
                                                                             client, satisfied);

  g_assert_true (JSON_NODE_HOLDS_OBJECT (node));
  return json_to_string (node, FALSE);
}

static const char *phone_catalogue =
  "{\"format\":\"dossier-sandbox-catalogue\",\"version\":1,"
  "\"data_fields\":{\"work_phone\":{\"data_type\":\"PHONE\"},\"phone\":{\"data_type\":\"PHONE\"},"
  "\"zeta\":{\"data_type\":\"NUMBER\",\"minimum\":1,\"maximum\":10},"
  "\"alpha\":{\"data_type\":\"STRING\"},\"mid\":{\"data_type\":\"NUMBER\",\"maximum\":5.5}},"
  "\"products\":[{\"id\":\"p\",\"name\":\"P\",\"data\":["
  "{\"id\":\"g\",\"name\":\"G\",\"description\":\"D\",\"required\":true,\"fields\":["
  "{\"key\":\"work_phone\",\"required\":true},{\"key\":\"phone\",\"required\":true}]}],"
  "\"documents\":[]}]}";

static void
test_phone_storage (void)
{
  g_autoptr(GError) error = NULL;
  DossierSandboxCatalogue *catalogue = load_text (phone_catalogue, &error);
  g_autofree char *a = NULL, *b = NULL, *c = NULL;

  g_assert_no_error (error);
  a = missing_json (catalogue, "p",
                    "{\"work_phone\":5,\"phone_country_code\":1,\"phone_number\":2}", NULL);
  g_assert_cmpstr (a, ==, "{\"documents\":[],\"data\":[{\"id\":\"g\",\"name\":\"G\","
                          "\"description\":\"D\",\"required\":true,\"fields\":["
                          "{\"key\":\"work_phone\",\"data_type\":\"PHONE\",\"required\":true}]}]}");
  b = missing_json (catalogue, "p", "{\"work_phone_country_code\":1,\"work_phone_number\":2,"
                                    "\"phone_country_code\":1,\"phone_number\":2}", NULL);
  g_assert_cmpstr (b, ==, "{\"documents\":[],\"data\":[]}");
  c = missing_json (catalogue, "p", "{\"work_phone_country_code\":1,\"phone_number\":2}", NULL);
  g_assert_true (strstr (c, "\"key\":\"work_phone\"") != NULL);
  g_assert_true (strstr (c, "\"key\":\"phone\"") != NULL);

  dossier_sandbox_catalogue_free (catalogue);
}

static char *
client_types (DossierSandboxCatalogue *catalogue,
              const char              *json)
{
  g_autoptr(JsonObject) body = parse_object (json);

  return dossier_sandbox_catalogue_check_client_types (catalogue, body);
}

static char *
client_values (DossierSandboxCatalogue *catalogue,
               const char              *json)
{
  g_autoptr(JsonObject) body = parse_object (json);
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);

  dossier_sandbox_catalogue_check_client_values (catalogue, body, problems);
  g_ptr_array_add (problems, NULL);
  return g_strjoinv ("; ", (char **) problems->pdata);
}

typedef struct
{
  const char *body;
  const char *expected;
} ClientCase;

static void
test_client_types (void)
{
  static const ClientCase default_cases[] = {
    { "{\"occupation\":\"x\",\"annual_salary\":1.5,\"nationality\":null,\"phone\":7,"
      "\"unknown\":[]}", NULL },
    /* alphabetical order of key: account_purpose < annual_salary < occupation */
    { "{\"occupation\":5,\"annual_salary\":\"lots\",\"account_purpose\":true}",
      "Invalid request body: account_purpose: must be a string" },
    { "{\"occupation\":5,\"annual_salary\":\"lots\"}",
      "Invalid request body: annual_salary: must be a number" },
    { "{\"occupation\":{},\"gender\":\"x\"}",
      "Invalid request body: occupation: must be a string" },
    { "{\"address_since\":20200101}", "Invalid request body: address_since: must be a string" },
    { "{\"expected_monthly_volume\":[1]}",
      "Invalid request body: expected_monthly_volume: must be a number" },
    /* the core phone members are the engine's */
    { "{\"phone_country_code\":\"54\",\"phone_number\":1.5}", NULL },
  };
  static const ClientCase phone_cases[] = {
    { "{\"work_phone_country_code\":1,\"work_phone_number\":2}", NULL },
    { "{\"work_phone_number\":\"2\",\"work_phone_country_code\":1.0}",
      "Invalid request body: work_phone_country_code: must be an integer" },
    { "{\"work_phone_number\":2e3}",
      "Invalid request body: work_phone_number: must be an integer" },
    { "{\"work_phone_number\":true,\"zeta\":\"1\",\"alpha\":1}",
      "Invalid request body: alpha: must be a string" },
    { "{\"work_phone_number\":true,\"zeta\":\"1\"}",
      "Invalid request body: work_phone_number: must be an integer" },
    { "{\"work_phone_number\":null,\"zeta\":\"1\"}",
      "Invalid request body: zeta: must be a number" },
  };
  DossierSandboxCatalogue *catalogue = load_default ();
  DossierSandboxCatalogue *phones = load_text (phone_catalogue, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (default_cases); i++)
    {
      g_autofree char *message = client_types (catalogue, default_cases[i].body);

      g_test_message ("%s", default_cases[i].body);
      g_assert_cmpstr (message, ==, default_cases[i].expected);
    }

  for (guint i = 0; i < G_N_ELEMENTS (phone_cases); i++)
    {
      g_autofree char *message = client_types (phones, phone_cases[i].body);

      g_test_message ("%s", phone_cases[i].body);
      g_assert_cmpstr (message, ==, phone_cases[i].expected);
    }

  dossier_sandbox_catalogue_free (catalogue);
  dossier_sandbox_catalogue_free (phones);
}

static void
test_client_values (void)
{
  static const ClientCase default_cases[] = {
    { "{\"occupation\":\"Engineer\",\"annual_salary\":0,\"account_purpose\":\"travel\","
      "\"expected_monthly_volume\":1e6,\"nationality\":\"ARG\",\"gender\":\"undisclosed\","
      "\"notification_email\":\"a@b.co\",\"address_since\":\"2024-02-29\",\"phone\":\"x\"}", "" },
    { "{\"occupation\":\" \",\"annual_salary\":-1,\"account_purpose\":\"Travel\","
      "\"expected_monthly_volume\":-0.01,\"nationality\":\"arg\",\"gender\":\"other\","
      "\"notification_email\":\"a@b\",\"address_since\":\"2023-02-29\"}",
      "account_purpose: must be one of: personal_expenses, online_shopping, travel, "
      "savings, business_expenses; "
      "address_since: must be a date in the form YYYY-MM-DD; "
      "annual_salary: must be a number of at least 0; "
      "expected_monthly_volume: must be a number of at least 0; "
      "gender: must be one of: female, male, non_binary, undisclosed; "
      "nationality: must be an ISO 3166-1 alpha-3 country code; "
      "notification_email: must be an email address; "
      "occupation: must be a non-empty text of at most 255 characters" },
    /* wrong types are the 400's business; null is absent; core phone members are the engine's */
    { "{\"occupation\":5,\"annual_salary\":null,\"phone_country_code\":0}", "" },
  };
  static const ClientCase phone_cases[] = {
    { "{\"work_phone_country_code\":999,\"work_phone_number\":999999999999999,"
      "\"zeta\":10,\"mid\":5.5}", "" },
    { "{\"work_phone_country_code\":54}",
      "work_phone_number: is required when work_phone_country_code is given" },
    { "{\"work_phone_number\":54}",
      "work_phone_country_code: is required when work_phone_number is given" },
    { "{\"work_phone_country_code\":0,\"work_phone_number\":1000000000000000,"
      "\"zeta\":0.5,\"mid\":6,\"alpha\":\"\"}",
      "alpha: must be a non-empty text of at most 255 characters; "
      "mid: must be a number of at most 5.5; "
      "work_phone_country_code: must be between 1 and 999; "
      "work_phone_number: must be between 1 and 999999999999999; "
      "zeta: must be a number between 1 and 10" },
    { "{\"work_phone_country_code\":1000}",
      "work_phone_country_code: must be between 1 and 999; "
      "work_phone_number: is required when work_phone_country_code is given" },
  };
  DossierSandboxCatalogue *catalogue = load_default ();
  DossierSandboxCatalogue *phones = load_text (phone_catalogue, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (default_cases); i++)
    {
      g_autofree char *problems = client_values (catalogue, default_cases[i].body);

      g_test_message ("%s", default_cases[i].body);
      g_assert_cmpstr (problems, ==, default_cases[i].expected);
    }

  for (guint i = 0; i < G_N_ELEMENTS (phone_cases); i++)
    {
      g_autofree char *problems = client_values (phones, phone_cases[i].body);

      g_test_message ("%s", phone_cases[i].body);
      g_assert_cmpstr (problems, ==, phone_cases[i].expected);
    }

  dossier_sandbox_catalogue_free (catalogue);
  dossier_sandbox_catalogue_free (phones);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/dossier/sandbox/catalogue/phone-storage", test_phone_storage);
  g_test_add_func ("/dossier/sandbox/catalogue/client-types", test_client_types);
  g_test_add_func ("/dossier/sandbox/catalogue/client-values", test_client_values);

  return g_test_run ();
}
