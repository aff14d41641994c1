/* test-sandbox-catalogue.c — the product catalogue of CONTRACT.md §12
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "dossier-sandbox-catalogue.h"
#include "dossier-sandbox-engine.h"

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

static gboolean
blocks (DossierSandboxCatalogue *catalogue,
        const char              *product,
        const char              *client_json,
        GHashTable              *satisfied)
{
  g_autoptr(JsonObject) client = parse_object (client_json);

  return dossier_sandbox_catalogue_blocks (catalogue, product, client, satisfied);
}

static GHashTable *
group_set (const char *first,
           ...)
{
  GHashTable *set = g_hash_table_new (g_str_hash, g_str_equal);
  va_list args;

  va_start (args, first);
  for (const char *id = first; id != NULL; id = va_arg (args, const char *))
    g_hash_table_add (set, (gpointer) id);
  va_end (args);

  return set;
}

static void
test_default (void)
{
  DossierSandboxCatalogue *catalogue = load_default ();

  g_assert_cmpuint (dossier_sandbox_catalogue_get_n_products (catalogue), ==, 3);
  g_assert_cmpstr (dossier_sandbox_catalogue_get_product_id (catalogue, 0), ==, "cards_individuals");
  g_assert_cmpstr (dossier_sandbox_catalogue_get_product_id (catalogue, 1), ==, "cards_individuals_premium");
  g_assert_cmpstr (dossier_sandbox_catalogue_get_product_id (catalogue, 2), ==, "virtual_wallets_individuals");
  g_assert_cmpstr (dossier_sandbox_catalogue_get_product_name (catalogue, "cards_individuals"), ==,
                   "Individual cards");
  g_assert_null (dossier_sandbox_catalogue_get_product_name (catalogue, "nope"));
  g_assert_true (dossier_sandbox_catalogue_has_product (catalogue, "cards_individuals"));
  g_assert_false (dossier_sandbox_catalogue_has_product (catalogue, "Cards_Individuals"));
  g_assert_false (dossier_sandbox_catalogue_has_product (catalogue, NULL));

  dossier_sandbox_catalogue_free (catalogue);
}

static void
test_from_file (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "src", "sandbox", "catalogue.json", NULL);
  DossierSandboxCatalogue *catalogue = dossier_sandbox_catalogue_new_from_file (path, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (dossier_sandbox_catalogue_get_n_products (catalogue), ==, 3);
  dossier_sandbox_catalogue_free (catalogue);

  catalogue = dossier_sandbox_catalogue_new_from_file ("/nonexistent/catalogue.json", &error);
  g_assert_null (catalogue);
  g_assert_error (error, DOSSIER_SANDBOX_ERROR, DOSSIER_SANDBOX_ERROR_CATALOGUE);
  g_assert_true (g_str_has_prefix (error->message, "Cannot read catalogue /nonexistent/catalogue.json: "));
}

/* The documented example, member order and whitespace aside (§12.4). */
static void
test_documented_example (void)
{
  DossierSandboxCatalogue *catalogue = load_default ();
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "sandbox-cards-individuals-missing.json", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) client = parse_object ("{\"first_name\":\"Maria\",\"phone\":\"+54 11\"}");
  g_autoptr(JsonNode) missing = NULL;

  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);

  /* A member literally named `phone` satisfies nothing (§7). */
  missing = dossier_sandbox_catalogue_missing_requirements (catalogue, "cards_individuals", client, NULL);
  g_assert_true (json_node_equal (missing, json_parser_get_root (parser)));

  dossier_sandbox_catalogue_free (catalogue);
}

static void
test_satisfaction (void)
{
  DossierSandboxCatalogue *catalogue = load_default ();
  g_autoptr(GHashTable) identity = group_set ("identity_document", NULL);
  g_autoptr(GHashTable) other = group_set ("proof_of_address", NULL);
  const char *phone = "{\"phone_country_code\":54,\"phone_number\":1168860622}";
  g_autofree char *a = NULL, *b = NULL, *c = NULL, *d = NULL, *e = NULL;

  a = missing_json (catalogue, "cards_individuals", phone, NULL);
  g_assert_true (strstr (a, "\"data\":[]") != NULL);
  g_assert_true (strstr (a, "\"passport\"") != NULL);
  g_assert_true (blocks (catalogue, "cards_individuals", phone, NULL));

  b = missing_json (catalogue, "cards_individuals", phone, identity);
  g_assert_cmpstr (b, ==, "{\"documents\":[],\"data\":[]}");
  g_assert_false (blocks (catalogue, "cards_individuals", phone, identity));

  /* A group of another product satisfies nothing here. */
  c = missing_json (catalogue, "cards_individuals", phone, other);
  g_assert_true (strstr (c, "identity_document") != NULL);

  /* Half a phone, or a null half, is no phone. */
  d = missing_json (catalogue, "cards_individuals", "{\"phone_country_code\":54,\"phone_number\":null}", identity);
  g_assert_true (strstr (d, "\"key\":\"phone\"") != NULL);
  g_assert_true (blocks (catalogue, "cards_individuals", "{\"phone_number\":5}", identity));

  /* Unknown product: both arrays empty, nothing blocks. */
  e = missing_json (catalogue, "nope", "{}", NULL);
  g_assert_cmpstr (e, ==, "{\"documents\":[],\"data\":[]}");
  g_assert_false (blocks (catalogue, "nope", "{}", NULL));

  dossier_sandbox_catalogue_free (catalogue);
}

static void
test_premium (void)
{
  DossierSandboxCatalogue *catalogue = load_default ();
  g_autoptr(GHashTable) both = group_set ("identity_document", "proof_of_address", NULL);
  g_autoptr(JsonObject) client = parse_object ("{\"occupation\":\"Engineer\",\"phone_country_code\":54,"
                                               "\"phone_number\":1}");
  g_autoptr(JsonNode) node = dossier_sandbox_catalogue_missing_requirements (catalogue,
                                                                             "cards_individuals_premium",
                                                                             client, NULL);
  JsonObject *missing = json_node_get_object (node);
  JsonArray *data = json_object_get_array_member (missing, "data");
  JsonArray *documents = json_object_get_array_member (missing, "documents");
  JsonObject *group, *field, *document, *metadata;
  JsonArray *fields, *values;
  const char *full = "{\"phone_country_code\":54,\"phone_number\":1,\"occupation\":\"x\","
                     "\"annual_salary\":0,\"account_purpose\":\"travel\"}";

  /* personal_information is satisfied: omitted. financial_profile lists the unsatisfied fields only. */
  g_assert_cmpuint (json_array_get_length (data), ==, 1);
  group = json_array_get_object_element (data, 0);
  g_assert_cmpstr (json_object_get_string_member (group, "id"), ==, "financial_profile");
  g_assert_cmpuint (json_object_get_size (group), ==, 5);
  fields = json_object_get_array_member (group, "fields");
  g_assert_cmpuint (json_array_get_length (fields), ==, 3);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (fields, 0), "key"), ==,
                   "annual_salary");
  g_assert_cmpuint (json_object_get_size (json_array_get_object_element (fields, 0)), ==, 3);
  field = json_array_get_object_element (fields, 1);
  g_assert_cmpstr (json_object_get_string_member (field, "key"), ==, "account_purpose");
  g_assert_cmpstr (json_object_get_string_member (field, "data_type"), ==, "ENUM");
  values = json_object_get_array_member (field, "values");
  g_assert_cmpuint (json_array_get_length (values), ==, 5);
  g_assert_cmpstr (json_array_get_string_element (values, 0), ==, "personal_expenses");
  g_assert_cmpstr (json_array_get_string_element (values, 4), ==, "business_expenses");
  field = json_array_get_object_element (fields, 2);
  g_assert_cmpstr (json_object_get_string_member (field, "key"), ==, "expected_monthly_volume");
  g_assert_false (json_object_get_boolean_member (field, "required"));
  g_assert_false (json_object_has_member (field, "minimum"));

  /* Documents: both groups, every alternative, metadata with ENUM values, nothing invented. */
  g_assert_cmpuint (json_array_get_length (documents), ==, 2);
  group = json_array_get_object_element (documents, 0);
  g_assert_cmpuint (json_object_get_size (group), ==, 5);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (group, "valid_documents")), ==, 3);
  document = json_array_get_object_element (json_object_get_array_member (group, "valid_documents"), 1);
  g_assert_cmpstr (json_object_get_string_member (document, "id"), ==, "national_id");
  g_assert_cmpuint (json_object_get_size (document), ==, 7);
  g_assert_true (json_object_get_boolean_member (document, "require_back_image"));
  metadata = json_array_get_object_element (json_object_get_array_member (document, "metadata"), 2);
  g_assert_cmpstr (json_object_get_string_member (metadata, "data_type"), ==, "DATE");
  g_assert_cmpuint (json_object_get_size (metadata), ==, 4);
  group = json_array_get_object_element (documents, 1);
  document = json_array_get_object_element (json_object_get_array_member (group, "valid_documents"), 0);
  metadata = json_array_get_object_element (json_object_get_array_member (document, "metadata"), 0);
  g_assert_cmpstr (json_object_get_string_member (metadata, "id"), ==, "document_kind");
  g_assert_cmpuint (json_object_get_size (metadata), ==, 5);
  values = json_object_get_array_member (metadata, "values");
  g_assert_cmpstr (json_array_get_string_element (values, 3), ==, "lease_agreement");
  metadata = json_array_get_object_element (json_object_get_array_member (document, "metadata"), 1);
  g_assert_false (json_object_has_member (metadata, "max_age_days"));

  /* The optional expected_monthly_volume never blocks. */
  g_assert_true (blocks (catalogue, "cards_individuals_premium", full, NULL));
  g_assert_false (blocks (catalogue, "cards_individuals_premium", full, both));
  g_assert_true (blocks (catalogue, "cards_individuals_premium",
                         "{\"phone_country_code\":54,\"phone_number\":1,\"occupation\":\"x\","
                         "\"annual_salary\":0}", both));

  dossier_sandbox_catalogue_free (catalogue);
}

static void
test_optional_group (void)
{
  DossierSandboxCatalogue *catalogue = load_default ();
  const char *required = "{\"phone_country_code\":1,\"phone_number\":2,\"nationality\":\"ARG\","
                         "\"gender\":\"female\"}";
  const char *all = "{\"phone_country_code\":1,\"phone_number\":2,\"nationality\":\"ARG\","
                    "\"gender\":\"female\",\"notification_email\":\"a@b.c\",\"address_since\":\"2020-01-01\"}";
  g_autofree char *a = missing_json (catalogue, "virtual_wallets_individuals", required, NULL);
  g_autofree char *b = missing_json (catalogue, "virtual_wallets_individuals", all, NULL);
  g_autofree char *c = missing_json (catalogue, "virtual_wallets_individuals",
                                     "{\"nationality\":null,\"gender\":\"x\"}", NULL);

  g_assert_true (strstr (a, "\"id\":\"contact_preferences\"") != NULL);
  g_assert_true (strstr (a, "\"documents\":[]") != NULL);
  g_assert_true (strstr (a, "personal_information") == NULL);
  g_assert_false (blocks (catalogue, "virtual_wallets_individuals", required, NULL));
  g_assert_cmpstr (b, ==, "{\"documents\":[],\"data\":[]}");
  /* null is absent; any stored value satisfies (it was validated when written) */
  g_assert_true (strstr (c, "\"key\":\"nationality\"") != NULL);
  g_assert_true (strstr (c, "\"key\":\"gender\"") == NULL);
  g_assert_true (blocks (catalogue, "virtual_wallets_individuals", "{\"nationality\":null}", NULL));

  dossier_sandbox_catalogue_free (catalogue);
}

/* An optional field of a required group and a required field of an optional group never block. */
static void
test_blocking_rules (void)
{
  static const char *json =
    "{\"format\":\"dossier-sandbox-catalogue\",\"version\":1,"
    "\"data_fields\":{\"a\":{\"data_type\":\"STRING\"},\"b\":{\"data_type\":\"STRING\"}},"
    "\"products\":[{\"id\":\"p\",\"name\":\"P\",\"data\":["
    "{\"id\":\"g1\",\"name\":\"G1\",\"description\":\"\",\"required\":true,\"fields\":[{\"key\":\"a\",\"required\":false}]},"
    "{\"id\":\"g2\",\"name\":\"G2\",\"description\":\"\",\"required\":false,\"fields\":[{\"key\":\"b\",\"required\":true}]}],"
    "\"documents\":[{\"id\":\"d\",\"name\":\"D\",\"description\":\"\",\"required\":false,\"valid_documents\":["
    "{\"id\":\"x\",\"name\":\"X\",\"description\":\"\",\"required\":true,\"require_image\":false,"
    "\"require_back_image\":false,\"metadata\":[]}]},"
    "{\"id\":\"e\",\"name\":\"E\",\"description\":\"\",\"required\":true,\"valid_documents\":["
    "{\"id\":\"y\",\"name\":\"Y\",\"description\":\"\",\"required\":false,\"require_image\":false,"
    "\"require_back_image\":false,\"metadata\":[]}]}]}]}";
  g_autoptr(GError) error = NULL;
  DossierSandboxCatalogue *catalogue = load_text (json, &error);
  g_autoptr(GHashTable) e = group_set ("e", NULL);
  g_autofree char *missing = NULL;

  g_assert_no_error (error);
  /* Group e is required; its alternative's required:false has no effect. */
  g_assert_true (blocks (catalogue, "p", "{}", NULL));
  g_assert_false (blocks (catalogue, "p", "{}", e));
  missing = missing_json (catalogue, "p", "{}", e);
  g_assert_true (strstr (missing, "\"id\":\"g1\"") != NULL);
  g_assert_true (strstr (missing, "\"id\":\"g2\"") != NULL);
  g_assert_true (strstr (missing, "\"id\":\"d\"") != NULL);
  g_assert_true (strstr (missing, "\"id\":\"e\"") == NULL);

  dossier_sandbox_catalogue_free (catalogue);
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
  a = missing_json (catalogue, "p", "{\"work_phone\":5,\"phone_country_code\":1,\"phone_number\":2}", NULL);
  g_assert_cmpstr (a, ==, "{\"documents\":[],\"data\":[{\"id\":\"g\",\"name\":\"G\",\"description\":\"D\","
                          "\"required\":true,\"fields\":[{\"key\":\"work_phone\",\"data_type\":\"PHONE\","
                          "\"required\":true}]}]}");
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
    { "{\"occupation\":\"x\",\"annual_salary\":1.5,\"nationality\":null,\"phone\":7,\"unknown\":[]}", NULL },
    /* alphabetical order of key: account_purpose < annual_salary < occupation */
    { "{\"occupation\":5,\"annual_salary\":\"lots\",\"account_purpose\":true}",
      "Invalid request body: account_purpose: must be a string" },
    { "{\"occupation\":5,\"annual_salary\":\"lots\"}", "Invalid request body: annual_salary: must be a number" },
    { "{\"occupation\":{},\"gender\":\"x\"}", "Invalid request body: occupation: must be a string" },
    { "{\"address_since\":20200101}", "Invalid request body: address_since: must be a string" },
    { "{\"expected_monthly_volume\":[1]}", "Invalid request body: expected_monthly_volume: must be a number" },
    /* the core phone members are the engine's */
    { "{\"phone_country_code\":\"54\",\"phone_number\":1.5}", NULL },
  };
  static const ClientCase phone_cases[] = {
    { "{\"work_phone_country_code\":1,\"work_phone_number\":2}", NULL },
    { "{\"work_phone_number\":\"2\",\"work_phone_country_code\":1.0}",
      "Invalid request body: work_phone_country_code: must be an integer" },
    { "{\"work_phone_number\":2e3}", "Invalid request body: work_phone_number: must be an integer" },
    { "{\"work_phone_number\":true,\"zeta\":\"1\",\"alpha\":1}", "Invalid request body: alpha: must be a string" },
    { "{\"work_phone_number\":true,\"zeta\":\"1\"}", "Invalid request body: work_phone_number: must be an integer" },
    { "{\"work_phone_number\":null,\"zeta\":\"1\"}", "Invalid request body: zeta: must be a number" },
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
      "account_purpose: must be one of: personal_expenses, online_shopping, travel, savings, business_expenses; "
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
    { "{\"work_phone_country_code\":999,\"work_phone_number\":999999999999999,\"zeta\":10,\"mid\":5.5}", "" },
    { "{\"work_phone_country_code\":54}", "work_phone_number: is required when work_phone_country_code is given" },
    { "{\"work_phone_number\":54}", "work_phone_country_code: is required when work_phone_number is given" },
    { "{\"work_phone_country_code\":0,\"work_phone_number\":1000000000000000,\"zeta\":0.5,\"mid\":6,"
      "\"alpha\":\"\"}",
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

static void
test_documents (void)
{
  DossierSandboxCatalogue *catalogue = load_default ();
  g_autoptr(GHashTable) identity = group_set ("identity_document", NULL);
  const DossierSandboxDocumentRule *rule;
  const char *group_id = "unset";

  rule = dossier_sandbox_catalogue_find_document (catalogue, "cards_individuals", "PassPort", NULL, &group_id);
  g_assert_nonnull (rule);
  g_assert_cmpstr (rule->id, ==, "passport");
  g_assert_cmpstr (group_id, ==, "identity_document");
  g_assert_true (rule->require_image);
  g_assert_false (rule->require_back_image);
  g_assert_cmpuint (rule->n_metadata, ==, 1);
  g_assert_cmpint (rule->metadata[0].spec.type, ==, DOSSIER_DATA_TYPE_STRING);

  /* satisfied group, other product's document, unknown type */
  g_assert_null (dossier_sandbox_catalogue_find_document (catalogue, "cards_individuals", "passport",
                                                          identity, &group_id));
  g_assert_null (group_id);
  g_assert_null (dossier_sandbox_catalogue_find_document (catalogue, "cards_individuals", "national_id",
                                                          NULL, NULL));
  g_assert_null (dossier_sandbox_catalogue_find_document (catalogue, "cards_individuals", "passport ",
                                                          NULL, NULL));
  g_assert_null (dossier_sandbox_catalogue_find_document (catalogue, "virtual_wallets_individuals",
                                                          "passport", NULL, NULL));

  rule = dossier_sandbox_catalogue_find_document (catalogue, "cards_individuals_premium", "PROOF_OF_ADDRESS",
                                                  identity, &group_id);
  g_assert_nonnull (rule);
  g_assert_cmpstr (group_id, ==, "proof_of_address");
  g_assert_cmpuint (rule->metadata[1].max_age_days, ==, 90);
  g_assert_cmpint (rule->metadata[0].spec.type, ==, DOSSIER_DATA_TYPE_ENUM);
  g_assert_cmpstr (rule->metadata[0].spec.values[1], ==, "bank_statement");
  g_assert_null (rule->metadata[0].spec.values[4]);

  rule = dossier_sandbox_catalogue_find_document (catalogue, "cards_individuals_premium", "drivers_license",
                                                  NULL, NULL);
  g_assert_true (rule->require_back_image);
  g_assert_true (rule->metadata[2].expiry);
  g_assert_cmpuint (rule->metadata[2].max_age_days, ==, 0);

  /* get_document: exact id, satisfied or not */
  rule = dossier_sandbox_catalogue_get_document (catalogue, "cards_individuals_premium", "national_id", &group_id);
  g_assert_nonnull (rule);
  g_assert_cmpstr (group_id, ==, "identity_document");
  g_assert_null (dossier_sandbox_catalogue_get_document (catalogue, "cards_individuals_premium", "National_ID",
                                                         &group_id));
  g_assert_null (dossier_sandbox_catalogue_get_document (catalogue, "nope", "passport", NULL));

  dossier_sandbox_catalogue_free (catalogue);
}

/* ---- §12.2 validity rules ---- */

static const char *base_catalogue =
  "{\"format\":\"dossier-sandbox-catalogue\",\"version\":1,\"description\":\"test\","
  "\"data_fields\":{\"phone\":{\"data_type\":\"PHONE\"},"
  "\"color\":{\"data_type\":\"ENUM\",\"values\":[\"red\",\"blue\"]},"
  "\"age\":{\"data_type\":\"NUMBER\",\"minimum\":0,\"invented\":true}},"
  "\"products\":[{\"id\":\"p_one\",\"name\":\"P\","
  "\"data\":[{\"id\":\"dg\",\"name\":\"D\",\"description\":\"d\",\"required\":true,"
  "\"fields\":[{\"key\":\"phone\",\"required\":true}]}],"
  "\"documents\":[{\"id\":\"ig\",\"name\":\"I\",\"description\":\"i\",\"required\":true,"
  "\"valid_documents\":[{\"id\":\"passport\",\"name\":\"Passport\",\"description\":\"p\",\"required\":true,"
  "\"require_image\":true,\"require_back_image\":false,"
  "\"metadata\":[{\"id\":\"number\",\"name\":\"N\",\"data_type\":\"STRING\",\"required\":true}]}]}]}]}";

typedef struct
{
  const char *find;
  const char *replace;
  const char *message;   /* the whole message after "Invalid catalogue: " */
} InvalidCase;

static const InvalidCase invalid_cases[] = {
  { "\"format\":\"dossier-sandbox-catalogue\",", "", "format: is required" },
  { "\"format\":\"dossier-sandbox-catalogue\"", "\"format\":\"dossier-sandbox-catalog\"",
    "format: must be \"dossier-sandbox-catalogue\"" },
  { "\"format\":\"dossier-sandbox-catalogue\"", "\"format\":1", "format: must be a string" },
  { "\"version\":1,", "", "version: is required" },
  { "\"version\":1,", "\"version\":2,", "version: must be 1" },
  { "\"version\":1,", "\"version\":\"1\",", "version: must be 1" },
  { "\"version\":1,", "\"version\":1.0,", "version: must be 1" },
  { "\"description\":\"test\"", "\"description\":[]", "description: must be a string" },
  { "\"data_fields\":{", "\"data_fields\":[],\"x\":{", "data_fields: must be an object" },
  { "\"data_fields\":{", "\"no_fields\":{", "data_fields: is required" },
  { "\"color\":{", "\"Color\":{", "data_fields.Color: key must match ^[a-z][a-z0-9_]{0,63}$" },
  { "\"color\":{", "\"email\":{", "data_fields.email: key is reserved for a core client member" },
  { "\"color\":{", "\"phone_number\":{", "data_fields.phone_number: key is reserved for a core client member" },
  { "\"color\":{", "\"created_at\":{", "data_fields.created_at: key is reserved for a core client member" },
  { "{\"data_type\":\"PHONE\"}", "\"PHONE\"", "data_fields.phone: must be an object" },
  { "{\"data_type\":\"PHONE\"}", "{\"type\":\"PHONE\"}", "data_fields.phone.data_type: is required" },
  { "{\"data_type\":\"PHONE\"}", "{\"data_type\":\"phone\"}",
    "data_fields.phone.data_type: unknown data type \"phone\" (STRING, PHONE, DATE, NUMBER, EMAIL, COUNTRY or ENUM)" },
  { "\"data_type\":\"ENUM\",\"values\":[\"red\",\"blue\"]", "\"data_type\":\"ENUM\"",
    "data_fields.color.values: is required" },
  { "[\"red\",\"blue\"]", "[]", "data_fields.color.values: must not be empty" },
  { "[\"red\",\"blue\"]", "[\"red\",\"\"]", "data_fields.color.values[1]: must be a non-empty string" },
  { "[\"red\",\"blue\"]", "[\"red\",3]", "data_fields.color.values[1]: must be a non-empty string" },
  { "[\"red\",\"blue\"]", "[\"red\",\"blue\",\"red\"]", "data_fields.color.values[2]: duplicate value \"red\"" },
  { "[\"red\",\"blue\"]", "\"red\"", "data_fields.color.values: must be an array" },
  { "{\"data_type\":\"PHONE\"}", "{\"data_type\":\"PHONE\",\"values\":[\"a\"]}",
    "data_fields.phone.values: is only allowed for ENUM" },
  { "{\"data_type\":\"PHONE\"}", "{\"data_type\":\"STRING\",\"minimum\":1}",
    "data_fields.phone.minimum: is only allowed for NUMBER" },
  { "\"minimum\":0", "\"minimum\":\"0\"", "data_fields.age.minimum: must be a number" },
  { "\"minimum\":0", "\"maximum\":true", "data_fields.age.maximum: must be a number" },
  { "\"invented\":true}", "\"invented\":\"yes\"}", "data_fields.age.invented: must be true or false" },
  { "\"color\":{", "\"work\":{\"data_type\":\"PHONE\"},\"work_number\":{\"data_type\":\"STRING\"},\"color\":{",
    "data_fields.work: its storage member work_number is also a data field" },
  { "\"color\":{", "\"work\":{\"data_type\":\"PHONE\"},\"work_country_code\":{\"data_type\":\"STRING\"},\"color\":{",
    "data_fields.work: its storage member work_country_code is also a data field" },
  /* products */
  { "\"products\":[", "\"items\":[", "products: is required" },
  { "\"products\":[", "\"products\":[],\"x\":[", "products: must not be empty" },
  { "\"products\":[", "\"products\":{},\"x\":[", "products: must be an array" },
  { "\"products\":[", "\"products\":[3,", "products[0]: must be an object" },
  { "\"id\":\"p_one\"", "\"id\":\"P_one\"", "products[0].id: must match ^[a-z][a-z0-9_]{0,63}$" },
  { "\"id\":\"p_one\"", "\"id\":\"p-one\"", "products[0].id: must match ^[a-z][a-z0-9_]{0,63}$" },
  { "\"id\":\"p_one\"", "\"id\":\"p2345678901234567890123456789012345678901234567890123456789012345\"",
    "products[0].id: must match ^[a-z][a-z0-9_]{0,63}$" },
  { "\"id\":\"p_one\"", "\"id\":null", "products[0].id: is required" },
  { "\"products\":[", "\"products\":[{\"id\":\"p_one\",\"name\":\"Q\",\"data\":[],\"documents\":[]},",
    "products[1].id: duplicate product id \"p_one\"" },
  { "\"name\":\"P\",", "", "products[0].name: is required" },
  { "\"name\":\"P\",", "\"name\":\"P\",\"description\":5,", "products[0].description: must be a string" },
  { "\"data\":[{", "\"datum\":[{", "products[0].data: is required" },
  { "\"documents\":[{", "\"documents\":{},\"x\":[{", "products[0].documents: must be an array" },
  { "\"documents\":[{", "\"docs\":[{", "products[0].documents: is required" },
  /* data groups */
  { "{\"id\":\"dg\",", "{", "products[0].data[0].id: is required" },
  { "\"name\":\"D\",", "", "products[0].data[0].name: is required" },
  { "\"description\":\"d\",", "", "products[0].data[0].description: is required" },
  { "\"description\":\"d\",\"required\":true,", "\"description\":\"d\",\"required\":\"yes\",",
    "products[0].data[0].required: must be true or false" },
  { "[{\"key\":\"phone\",\"required\":true}]", "[]", "products[0].data[0].fields: must not be empty" },
  { "{\"key\":\"phone\",\"required\":true}", "{\"key\":\"phone\"}",
    "products[0].data[0].fields[0].required: is required" },
  { "{\"key\":\"phone\",\"required\":true}", "{\"key\":\"mobile\",\"required\":true}",
    "products[0].data[0].fields[0]: key \"mobile\" is not a key of data_fields" },
  { "{\"key\":\"phone\",\"required\":true}", "{\"key\":\"color\",\"required\":true},{\"key\":\"color\",\"required\":false}",
    "products[0].data[0].fields[1]: data key \"color\" appears more than once in the product" },
  { "\"data\":[{", "\"data\":[{\"id\":\"other\",\"name\":\"O\",\"description\":\"o\",\"required\":false,"
                   "\"fields\":[{\"key\":\"phone\",\"required\":false}]},{",
    "products[0].data[1].fields[0]: data key \"phone\" appears more than once in the product" },
  { "\"data\":[{", "\"data\":[{\"id\":\"dg\",\"name\":\"O\",\"description\":\"o\",\"required\":false,"
                   "\"fields\":[{\"key\":\"age\",\"required\":false}]},{",
    "products[0].data[1]: duplicate data group id \"dg\"" },
  /* document groups */
  { "{\"id\":\"ig\",", "{\"id\":\"dg\",", NULL },   /* a data group id may equal a document group id */
  { "\"valid_documents\":[{", "\"valid_documents\":[],\"x\":[{",
    "products[0].documents[0].valid_documents: must not be empty" },
  { "\"documents\":[{", "\"documents\":[{\"id\":\"ig\",\"name\":\"O\",\"description\":\"o\",\"required\":false,"
                        "\"valid_documents\":[{\"id\":\"other\",\"name\":\"O\",\"description\":\"o\",\"required\":true,"
                        "\"require_image\":false,\"require_back_image\":false,\"metadata\":[]}]},{",
    "products[0].documents[1]: duplicate document group id \"ig\"" },
  { "\"documents\":[{", "\"documents\":[{\"id\":\"og\",\"name\":\"O\",\"description\":\"o\",\"required\":false,"
                        "\"valid_documents\":[{\"id\":\"passport\",\"name\":\"O\",\"description\":\"o\",\"required\":true,"
                        "\"require_image\":false,\"require_back_image\":false,\"metadata\":[]}]},{",
    "products[0].documents[1].valid_documents[0].id: document id \"passport\" appears more than once in the product" },
  { "\"id\":\"passport\"", "\"id\":\"Passport\"",
    "products[0].documents[0].valid_documents[0].id: must match ^[a-z][a-z0-9_]{0,63}$" },
  { "\"require_image\":true,", "\"require_image\":false,", NULL },
  { "\"require_image\":true,\"require_back_image\":false", "\"require_image\":false,\"require_back_image\":true",
    "products[0].documents[0].valid_documents[0]: require_back_image needs require_image" },
  { "\"require_image\":true,", "", "products[0].documents[0].valid_documents[0].require_image: is required" },
  { "\"require_back_image\":false,", "\"require_back_image\":0,",
    "products[0].documents[0].valid_documents[0].require_back_image: must be true or false" },
  { "\"description\":\"p\",", "", "products[0].documents[0].valid_documents[0].description: is required" },
  { "\"metadata\":[{", "\"meta\":[{", "products[0].documents[0].valid_documents[0].metadata: is required" },
  /* metadata */
  { "{\"id\":\"number\",", "{\"id\":\"Number\",",
    "products[0].documents[0].valid_documents[0].metadata[0].id: must match ^[a-z][a-z0-9_]{0,63}$" },
  { "\"required\":true}]}]}]}]}",
    "\"required\":true},{\"id\":\"number\",\"name\":\"M\",\"data_type\":\"DATE\",\"required\":false}]}]}]}]}",
    "products[0].documents[0].valid_documents[0].metadata[1].id: duplicate metadata id \"number\" in the document" },
  { "\"data_type\":\"STRING\"", "\"data_type\":\"PHONE\"",
    "products[0].documents[0].valid_documents[0].metadata[0].data_type: PHONE is not allowed for metadata" },
  { "\"data_type\":\"STRING\"", "\"data_type\":\"TEXT\"",
    "products[0].documents[0].valid_documents[0].metadata[0].data_type: unknown data type \"TEXT\" "
    "(STRING, PHONE, DATE, NUMBER, EMAIL, COUNTRY or ENUM)" },
  { "\"data_type\":\"STRING\"", "\"data_type\":\"ENUM\"",
    "products[0].documents[0].valid_documents[0].metadata[0].values: is required" },
  { "\"data_type\":\"STRING\"", "\"data_type\":\"STRING\",\"values\":[\"a\"]",
    "products[0].documents[0].valid_documents[0].metadata[0].values: is only allowed for ENUM" },
  { "\"data_type\":\"STRING\"", "\"data_type\":\"STRING\",\"expiry\":true",
    "products[0].documents[0].valid_documents[0].metadata[0].expiry: is only allowed for DATE" },
  { "\"data_type\":\"STRING\"", "\"data_type\":\"DATE\",\"expiry\":\"yes\"",
    "products[0].documents[0].valid_documents[0].metadata[0].expiry: must be true or false" },
  { "\"data_type\":\"STRING\"", "\"data_type\":\"NUMBER\",\"max_age_days\":5",
    "products[0].documents[0].valid_documents[0].metadata[0].max_age_days: is only allowed for DATE" },
  { "\"data_type\":\"STRING\"", "\"data_type\":\"DATE\",\"max_age_days\":0",
    "products[0].documents[0].valid_documents[0].metadata[0].max_age_days: must be an integer of at least 1" },
  { "\"data_type\":\"STRING\"", "\"data_type\":\"DATE\",\"max_age_days\":1.5",
    "products[0].documents[0].valid_documents[0].metadata[0].max_age_days: must be an integer of at least 1" },
  { "\"data_type\":\"STRING\"", "\"data_type\":\"DATE\",\"max_age_days\":99999999999,\"expiry\":false", NULL },
  /* MetadataSpec has no bounds: ignored, whatever their type */
  { "\"data_type\":\"STRING\"", "\"data_type\":\"STRING\",\"minimum\":\"x\",\"maximum\":[]", NULL },
  { "\"description\":\"d\",", "\"description\":\"d\",\"invented\":\"not listed for data groups\",", NULL },
  { "\"description\":\"i\",", "\"description\":\"i\",\"invented\":1,",
    "products[0].documents[0].invented: must be true or false" },
  { "{\"id\":\"number\",\"name\":\"N\",", "{\"id\":\"number\",",
    "products[0].documents[0].valid_documents[0].metadata[0].name: is required" },
  { "\"STRING\",\"required\":true}", "\"STRING\"}",
    "products[0].documents[0].valid_documents[0].metadata[0].required: is required" },
  /* members not listed are ignored */
  { "\"version\":1,", "\"version\":1,\"extra\":{\"anything\":[]},", NULL },
};

static char *
replace_once (const char *text,
              const char *find,
              const char *replace)
{
  const char *at = strstr (text, find);

  g_assert_nonnull (at);
  return g_strdup_printf ("%.*s%s%s", (int) (at - text), text, replace, at + strlen (find));
}

static void
test_validity_rules (void)
{
  g_autoptr(GError) error = NULL;
  DossierSandboxCatalogue *catalogue = load_text (base_catalogue, &error);

  g_assert_no_error (error);
  dossier_sandbox_catalogue_free (catalogue);

  for (guint i = 0; i < G_N_ELEMENTS (invalid_cases); i++)
    {
      g_autofree char *json = replace_once (base_catalogue, invalid_cases[i].find, invalid_cases[i].replace);
      g_autofree char *expected = NULL;

      g_test_message ("case %u: %s", i, invalid_cases[i].message ? invalid_cases[i].message : "valid");
      g_clear_error (&error);
      catalogue = load_text (json, &error);
      if (invalid_cases[i].message == NULL)
        {
          g_assert_no_error (error);
          g_assert_nonnull (catalogue);
          dossier_sandbox_catalogue_free (catalogue);
          continue;
        }

      g_assert_null (catalogue);
      g_assert_error (error, DOSSIER_SANDBOX_ERROR, DOSSIER_SANDBOX_ERROR_CATALOGUE);
      expected = g_strconcat ("Invalid catalogue: ", invalid_cases[i].message, NULL);
      g_assert_cmpstr (error->message, ==, expected);
    }
}

static void
test_not_json (void)
{
  const char *texts[] = { "", "   ", "[1]", "\"text\"", "{\"format\":", "null" };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autoptr(GError) error = NULL;
      DossierSandboxCatalogue *catalogue = load_text (texts[i], &error);

      g_assert_null (catalogue);
      g_assert_error (error, DOSSIER_SANDBOX_ERROR, DOSSIER_SANDBOX_ERROR_CATALOGUE);
      g_assert_true (g_str_has_prefix (error->message, "Invalid catalogue: "));
    }
}

static void
test_invalid_file_names_file (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *json = replace_once (base_catalogue, "\"require_image\":true,\"require_back_image\":false",
                                     "\"require_image\":false,\"require_back_image\":true");
  DossierSandboxCatalogue *catalogue;
  int fd;

  fd = g_file_open_tmp ("sandbox-catalogue-XXXXXX.json", &path, &error);
  g_assert_no_error (error);
  close (fd);
  g_file_set_contents (path, json, -1, &error);
  g_assert_no_error (error);

  catalogue = dossier_sandbox_catalogue_new_from_file (path, &error);
  g_assert_null (catalogue);
  g_assert_error (error, DOSSIER_SANDBOX_ERROR, DOSSIER_SANDBOX_ERROR_CATALOGUE);
  g_assert_true (strstr (error->message, path) != NULL);
  g_assert_true (g_str_has_suffix (error->message,
                                   ": products[0].documents[0].valid_documents[0]: require_back_image needs require_image"));
  g_unlink (path);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/dossier/sandbox/catalogue/default", test_default);
  g_test_add_func ("/dossier/sandbox/catalogue/from-file", test_from_file);
  g_test_add_func ("/dossier/sandbox/catalogue/documented-example", test_documented_example);
  g_test_add_func ("/dossier/sandbox/catalogue/satisfaction", test_satisfaction);
  g_test_add_func ("/dossier/sandbox/catalogue/premium", test_premium);
  g_test_add_func ("/dossier/sandbox/catalogue/optional-group", test_optional_group);
  g_test_add_func ("/dossier/sandbox/catalogue/blocking-rules", test_blocking_rules);
  g_test_add_func ("/dossier/sandbox/catalogue/phone-storage", test_phone_storage);
  g_test_add_func ("/dossier/sandbox/catalogue/client-types", test_client_types);
  g_test_add_func ("/dossier/sandbox/catalogue/client-values", test_client_values);
  g_test_add_func ("/dossier/sandbox/catalogue/documents", test_documents);
  g_test_add_func ("/dossier/sandbox/catalogue/validity-rules", test_validity_rules);
  g_test_add_func ("/dossier/sandbox/catalogue/not-json", test_not_json);
  g_test_add_func ("/dossier/sandbox/catalogue/invalid-file-names-file", test_invalid_file_names_file);

  return g_test_run ();
}
