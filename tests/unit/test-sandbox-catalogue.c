/* test-sandbox-catalogue.c — the product catalogue of CONTRACT.md §12: requirements, documents
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <string.h>

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
  g_assert_cmpstr (dossier_sandbox_catalogue_get_product_id (catalogue, 0), ==,
                   "cards_individuals");
  g_assert_cmpstr (dossier_sandbox_catalogue_get_product_id (catalogue, 1), ==,
                   "cards_individuals_premium");
  g_assert_cmpstr (dossier_sandbox_catalogue_get_product_id (catalogue, 2), ==,
                   "virtual_wallets_individuals");
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
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "src", "sandbox",
                                                 "catalogue.json", NULL);
  DossierSandboxCatalogue *catalogue = dossier_sandbox_catalogue_new_from_file (path, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (dossier_sandbox_catalogue_get_n_products (catalogue), ==, 3);
  dossier_sandbox_catalogue_free (catalogue);

  catalogue = dossier_sandbox_catalogue_new_from_file ("/nonexistent/catalogue.json", &error);
  g_assert_null (catalogue);
  g_assert_error (error, DOSSIER_SANDBOX_ERROR, DOSSIER_SANDBOX_ERROR_CATALOGUE);
  g_assert_true (g_str_has_prefix (error->message,
                                   "Cannot read catalogue /nonexistent/catalogue.json: "));
}

/* The documented example, member order and whitespace aside (§12.4). */
static void
test_documented_example (void)
{
  DossierSandboxCatalogue *catalogue = load_default ();
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data",
                                                 "sandbox-cards-individuals-missing.json", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) client = parse_object ("{\"first_name\":\"Maria\",\"phone\":\"+54 11\"}");
  g_autoptr(JsonNode) missing = NULL;

  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);

  /* A member literally named `phone` satisfies nothing (§7). */
  missing = dossier_sandbox_catalogue_missing_requirements (catalogue, "cards_individuals", client,
                                                            NULL);
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
  d = missing_json (catalogue, "cards_individuals",
                    "{\"phone_country_code\":54,\"phone_number\":null}", identity);
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
  g_autoptr(JsonObject) client = parse_object ("{\"occupation\":\"Engineer\","
                                               "\"phone_country_code\":54,\"phone_number\":1}");
  const char *premium = "cards_individuals_premium";
  g_autoptr(JsonNode) node = dossier_sandbox_catalogue_missing_requirements (catalogue, premium,
                                                                             client, NULL);
  JsonObject *missing = json_node_get_object (node);
  JsonArray *data = json_object_get_array_member (missing, "data");
  JsonArray *documents = json_object_get_array_member (missing, "documents");
  JsonObject *group, *field, *document, *metadata;
  JsonArray *fields, *values;
  const char *full = "{\"phone_country_code\":54,\"phone_number\":1,\"occupation\":\"x\","
                     "\"annual_salary\":0,\"account_purpose\":\"travel\"}";

  /* personal_information is satisfied: omitted. financial_profile lists the unsatisfied
   * fields only. */
  g_assert_cmpuint (json_array_get_length (data), ==, 1);
  group = json_array_get_object_element (data, 0);
  g_assert_cmpstr (json_object_get_string_member (group, "id"), ==, "financial_profile");
  g_assert_cmpuint (json_object_get_size (group), ==, 5);
  fields = json_object_get_array_member (group, "fields");
  g_assert_cmpuint (json_array_get_length (fields), ==, 3);
  field = json_array_get_object_element (fields, 0);
  g_assert_cmpstr (json_object_get_string_member (field, "key"), ==, "annual_salary");
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
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (group,
                                                                         "valid_documents")),
                    ==, 3);
  document = json_array_get_object_element (json_object_get_array_member (group,
                                                                          "valid_documents"), 1);
  g_assert_cmpstr (json_object_get_string_member (document, "id"), ==, "national_id");
  g_assert_cmpuint (json_object_get_size (document), ==, 7);
  g_assert_true (json_object_get_boolean_member (document, "require_back_image"));
  metadata = json_array_get_object_element (json_object_get_array_member (document, "metadata"), 2);
  g_assert_cmpstr (json_object_get_string_member (metadata, "data_type"), ==, "DATE");
  g_assert_cmpuint (json_object_get_size (metadata), ==, 4);
  group = json_array_get_object_element (documents, 1);
  document = json_array_get_object_element (json_object_get_array_member (group,
                                                                          "valid_documents"), 0);
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
                    "\"gender\":\"female\",\"notification_email\":\"a@b.c\","
                    "\"address_since\":\"2020-01-01\"}";
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
    "{\"id\":\"g1\",\"name\":\"G1\",\"description\":\"\",\"required\":true,"
    "\"fields\":[{\"key\":\"a\",\"required\":false}]},"
    "{\"id\":\"g2\",\"name\":\"G2\",\"description\":\"\",\"required\":false,"
    "\"fields\":[{\"key\":\"b\",\"required\":true}]}],"
    "\"documents\":[{\"id\":\"d\",\"name\":\"D\",\"description\":\"\",\"required\":false,"
    "\"valid_documents\":["
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

static void
test_documents (void)
{
  DossierSandboxCatalogue *catalogue = load_default ();
  g_autoptr(GHashTable) identity = group_set ("identity_document", NULL);
  const DossierSandboxDocumentRule *rule;
  const char *group_id = "unset";

  rule = dossier_sandbox_catalogue_find_document (catalogue, "cards_individuals", "PassPort", NULL,
                                                  &group_id);
  g_assert_nonnull (rule);
  g_assert_cmpstr (rule->id, ==, "passport");
  g_assert_cmpstr (group_id, ==, "identity_document");
  g_assert_true (rule->require_image);
  g_assert_false (rule->require_back_image);
  g_assert_cmpuint (rule->n_metadata, ==, 1);
  g_assert_cmpint (rule->metadata[0].spec.type, ==, DOSSIER_DATA_TYPE_STRING);

  /* satisfied group, other product's document, unknown type */
  g_assert_null (dossier_sandbox_catalogue_find_document (catalogue, "cards_individuals",
                                                          "passport", identity, &group_id));
  g_assert_null (group_id);
  g_assert_null (dossier_sandbox_catalogue_find_document (catalogue, "cards_individuals",
                                                          "national_id", NULL, NULL));
  g_assert_null (dossier_sandbox_catalogue_find_document (catalogue, "cards_individuals",
                                                          "passport ", NULL, NULL));
  g_assert_null (dossier_sandbox_catalogue_find_document (catalogue, "virtual_wallets_individuals",
                                                          "passport", NULL, NULL));

  rule = dossier_sandbox_catalogue_find_document (catalogue, "cards_individuals_premium",
                                                  "PROOF_OF_ADDRESS", identity, &group_id);
  g_assert_nonnull (rule);
  g_assert_cmpstr (group_id, ==, "proof_of_address");
  g_assert_cmpuint (rule->metadata[1].max_age_days, ==, 90);
  g_assert_cmpint (rule->metadata[0].spec.type, ==, DOSSIER_DATA_TYPE_ENUM);
  g_assert_cmpstr (rule->metadata[0].spec.values[1], ==, "bank_statement");
  g_assert_null (rule->metadata[0].spec.values[4]);

  rule = dossier_sandbox_catalogue_find_document (catalogue, "cards_individuals_premium",
                                                  "drivers_license", NULL, NULL);
  g_assert_true (rule->require_back_image);
  g_assert_true (rule->metadata[2].expiry);
  g_assert_cmpuint (rule->metadata[2].max_age_days, ==, 0);

  /* get_document: exact id, satisfied or not */
  rule = dossier_sandbox_catalogue_get_document (catalogue, "cards_individuals_premium",
                                                 "national_id", &group_id);
  g_assert_nonnull (rule);
  g_assert_cmpstr (group_id, ==, "identity_document");
  g_assert_null (dossier_sandbox_catalogue_get_document (catalogue, "cards_individuals_premium",
                                                         "National_ID", &group_id));
  g_assert_null (dossier_sandbox_catalogue_get_document (catalogue, "nope", "passport", NULL));

  dossier_sandbox_catalogue_free (catalogue);
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
  g_test_add_func ("/dossier/sandbox/catalogue/documents", test_documents);

  return g_test_run ();
}
