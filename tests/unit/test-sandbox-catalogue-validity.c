/* test-sandbox-catalogue-validity.c — the validity rules of a catalogue file (CONTRACT.md §12.2)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "dossier-sandbox-catalogue.h"
#include "dossier-sandbox-engine.h"

static DossierSandboxCatalogue *
load_text (const char *json,
           GError    **error)
{
  g_autoptr(GBytes) bytes = g_bytes_new (json, strlen (json));

  return dossier_sandbox_catalogue_new_from_bytes (bytes, error);
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
  "\"valid_documents\":[{\"id\":\"passport\",\"name\":\"Passport\",\"description\":\"p\","
  "\"required\":true,\"require_image\":true,\"require_back_image\":false,"
  "\"metadata\":[{\"id\":\"number\",\"name\":\"N\",\"data_type\":\"STRING\","
  "\"required\":true}]}]}]}]}";

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
  { "\"color\":{", "\"phone_number\":{", "data_fields.phone_number: key is reserved for a core "
                                         "client member" },
  { "\"color\":{", "\"created_at\":{", "data_fields.created_at: key is reserved for a core client "
                                       "member" },
  { "{\"data_type\":\"PHONE\"}", "\"PHONE\"", "data_fields.phone: must be an object" },
  { "{\"data_type\":\"PHONE\"}", "{\"type\":\"PHONE\"}",
    "data_fields.phone.data_type: is required" },
  { "{\"data_type\":\"PHONE\"}", "{\"data_type\":\"phone\"}",
    "data_fields.phone.data_type: unknown data type \"phone\" (STRING, PHONE, DATE, NUMBER, EMAIL, "
    "COUNTRY or ENUM)" },
  { "\"data_type\":\"ENUM\",\"values\":[\"red\",\"blue\"]", "\"data_type\":\"ENUM\"",
    "data_fields.color.values: is required" },
  { "[\"red\",\"blue\"]", "[]", "data_fields.color.values: must not be empty" },
  { "[\"red\",\"blue\"]", "[\"red\",\"\"]",
    "data_fields.color.values[1]: must be a non-empty string" },
  { "[\"red\",\"blue\"]", "[\"red\",3]",
    "data_fields.color.values[1]: must be a non-empty string" },
  { "[\"red\",\"blue\"]", "[\"red\",\"blue\",\"red\"]",
    "data_fields.color.values[2]: duplicate value \"red\"" },
  { "[\"red\",\"blue\"]", "\"red\"", "data_fields.color.values: must be an array" },
  { "{\"data_type\":\"PHONE\"}", "{\"data_type\":\"PHONE\",\"values\":[\"a\"]}",
    "data_fields.phone.values: is only allowed for ENUM" },
  { "{\"data_type\":\"PHONE\"}", "{\"data_type\":\"STRING\",\"minimum\":1}",
    "data_fields.phone.minimum: is only allowed for NUMBER" },
  { "\"minimum\":0", "\"minimum\":\"0\"", "data_fields.age.minimum: must be a number" },
  { "\"minimum\":0", "\"maximum\":true", "data_fields.age.maximum: must be a number" },
  { "\"invented\":true}", "\"invented\":\"yes\"}",
    "data_fields.age.invented: must be true or false" },
  { "\"color\":{",
    "\"work\":{\"data_type\":\"PHONE\"},\"work_number\":{\"data_type\":\"STRING\"},\"color\":{",
    "data_fields.work: its storage member work_number is also a data field" },
  { "\"color\":{",
    "\"work\":{\"data_type\":\"PHONE\"},"
    "\"work_country_code\":{\"data_type\":\"STRING\"},\"color\":{",
    "data_fields.work: its storage member work_country_code is also a data field" },
  /* products */
  { "\"products\":[", "\"items\":[", "products: is required" },
  { "\"products\":[", "\"products\":[],\"x\":[", "products: must not be empty" },
  { "\"products\":[", "\"products\":{},\"x\":[", "products: must be an array" },
  { "\"products\":[", "\"products\":[3,", "products[0]: must be an object" },
  { "\"id\":\"p_one\"", "\"id\":\"P_one\"", "products[0].id: must match ^[a-z][a-z0-9_]{0,63}$" },
  { "\"id\":\"p_one\"", "\"id\":\"p-one\"", "products[0].id: must match ^[a-z][a-z0-9_]{0,63}$" },
  { "\"id\":\"p_one\"",
    "\"id\":\"p2345678901234567890123456789012345678901234567890123456789012345\"",
    "products[0].id: must match ^[a-z][a-z0-9_]{0,63}$" },
  { "\"id\":\"p_one\"", "\"id\":null", "products[0].id: is required" },
  { "\"products\":[",
    "\"products\":[{\"id\":\"p_one\",\"name\":\"Q\",\"data\":[],\"documents\":[]},",
    "products[1].id: duplicate product id \"p_one\"" },
  { "\"name\":\"P\",", "", "products[0].name: is required" },
  { "\"name\":\"P\",", "\"name\":\"P\",\"description\":5,",
    "products[0].description: must be a string" },
  { "\"data\":[{", "\"datum\":[{", "products[0].data: is required" },
  { "\"documents\":[{", "\"documents\":{},\"x\":[{", "products[0].documents: must be an array" },
  { "\"documents\":[{", "\"docs\":[{", "products[0].documents: is required" },
  /* data groups */
  { "{\"id\":\"dg\",", "{", "products[0].data[0].id: is required" },
  { "\"name\":\"D\",", "", "products[0].data[0].name: is required" },
  { "\"description\":\"d\",", "", "products[0].data[0].description: is required" },
  { "\"description\":\"d\",\"required\":true,", "\"description\":\"d\",\"required\":\"yes\",",
    "products[0].data[0].required: must be true or false" },
  { "[{\"key\":\"phone\",\"required\":true}]", "[]",
    "products[0].data[0].fields: must not be empty" },
  { "{\"key\":\"phone\",\"required\":true}", "{\"key\":\"phone\"}",
    "products[0].data[0].fields[0].required: is required" },
  { "{\"key\":\"phone\",\"required\":true}", "{\"key\":\"mobile\",\"required\":true}",
    "products[0].data[0].fields[0]: key \"mobile\" is not a key of data_fields" },
  { "{\"key\":\"phone\",\"required\":true}",
    "{\"key\":\"color\",\"required\":true},{\"key\":\"color\",\"required\":false}",
    "products[0].data[0].fields[1]: data key \"color\" appears more than once in the product" },
  { "\"data\":[{", "\"data\":[{\"id\":\"other\",\"name\":\"O\",\"description\":\"o\","
                   "\"required\":false,\"fields\":[{\"key\":\"phone\",\"required\":false}]},{",
    "products[0].data[1].fields[0]: data key \"phone\" appears more than once in the product" },
  { "\"data\":[{", "\"data\":[{\"id\":\"dg\",\"name\":\"O\",\"description\":\"o\","
                   "\"required\":false,\"fields\":[{\"key\":\"age\",\"required\":false}]},{",
    "products[0].data[1]: duplicate data group id \"dg\"" },
  /* document groups */
  /* a data group id may equal a document group id */
  { "{\"id\":\"ig\",", "{\"id\":\"dg\",", NULL },
  { "\"valid_documents\":[{", "\"valid_documents\":[],\"x\":[{",
    "products[0].documents[0].valid_documents: must not be empty" },
  { "\"documents\":[{", "\"documents\":[{\"id\":\"ig\",\"name\":\"O\",\"description\":\"o\","
                        "\"required\":false,\"valid_documents\":[{\"id\":\"other\",\"name\":\"O\","
                        "\"description\":\"o\",\"required\":true,"
                        "\"require_image\":false,\"require_back_image\":false,\"metadata\":[]}]},{",
    "products[0].documents[1]: duplicate document group id \"ig\"" },
  { "\"documents\":[{", "\"documents\":[{\"id\":\"og\",\"name\":\"O\",\"description\":\"o\","
                        "\"required\":false,\"valid_documents\":[{\"id\":\"passport\","
                        "\"name\":\"O\",\"description\":\"o\",\"required\":true,"
                        "\"require_image\":false,\"require_back_image\":false,\"metadata\":[]}]},{",
    "products[0].documents[1].valid_documents[0].id: document id \"passport\" appears more than "
    "once in the product" },
  { "\"id\":\"passport\"", "\"id\":\"Passport\"",
    "products[0].documents[0].valid_documents[0].id: must match ^[a-z][a-z0-9_]{0,63}$" },
  { "\"require_image\":true,", "\"require_image\":false,", NULL },
  { "\"require_image\":true,\"require_back_image\":false",
    "\"require_image\":false,\"require_back_image\":true",
    "products[0].documents[0].valid_documents[0]: require_back_image needs require_image" },
  { "\"require_image\":true,", "", "products[0].documents[0].valid_documents[0].require_image: is "
                                   "required" },
  { "\"require_back_image\":false,", "\"require_back_image\":0,",
    "products[0].documents[0].valid_documents[0].require_back_image: must be true or false" },
  { "\"description\":\"p\",", "", "products[0].documents[0].valid_documents[0].description: is "
                                  "required" },
  { "\"metadata\":[{", "\"meta\":[{", "products[0].documents[0].valid_documents[0].metadata: is "
                                      "required" },
  /* metadata */
  { "{\"id\":\"number\",", "{\"id\":\"Number\",",
    "products[0].documents[0].valid_documents[0].metadata[0].id: "
    "must match ^[a-z][a-z0-9_]{0,63}$" },
  { "\"required\":true}]}]}]}]}",
    "\"required\":true},"
    "{\"id\":\"number\",\"name\":\"M\",\"data_type\":\"DATE\",\"required\":false}]}]}]}]}",
    "products[0].documents[0].valid_documents[0].metadata[1].id: duplicate metadata id \"number\" "
    "in the document" },
  { "\"data_type\":\"STRING\"", "\"data_type\":\"PHONE\"",
    "products[0].documents[0].valid_documents[0].metadata[0].data_type: PHONE is not allowed for "
    "metadata" },
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
    "products[0].documents[0].valid_documents[0].metadata[0].max_age_days: is only allowed for "
    "DATE" },
  { "\"data_type\":\"STRING\"", "\"data_type\":\"DATE\",\"max_age_days\":0",
    "products[0].documents[0].valid_documents[0].metadata[0].max_age_days: must be an integer of "
    "at least 1" },
  { "\"data_type\":\"STRING\"", "\"data_type\":\"DATE\",\"max_age_days\":1.5",
    "products[0].documents[0].valid_documents[0].metadata[0].max_age_days: must be an integer of "
    "at least 1" },
  { "\"data_type\":\"STRING\"",
    "\"data_type\":\"DATE\",\"max_age_days\":99999999999,\"expiry\":false", NULL },
  /* MetadataSpec has no bounds: ignored, whatever their type */
  { "\"data_type\":\"STRING\"", "\"data_type\":\"STRING\",\"minimum\":\"x\",\"maximum\":[]", NULL },
  { "\"description\":\"d\",", "\"description\":\"d\",\"invented\":\"not listed for data groups\",",
    NULL },
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
      g_autofree char *json = replace_once (base_catalogue, invalid_cases[i].find,
                                            invalid_cases[i].replace);
      g_autofree char *expected = NULL;

      g_test_message ("case %u: %s", i,
                      invalid_cases[i].message ? invalid_cases[i].message : "valid");
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
  g_autofree char *json = replace_once (base_catalogue,
                                        "\"require_image\":true,\"require_back_image\":false",
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
                                   ": products[0].documents[0].valid_documents[0]: "
                                   "require_back_image needs require_image"));
  g_unlink (path);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/dossier/sandbox/catalogue/validity-rules", test_validity_rules);
  g_test_add_func ("/dossier/sandbox/catalogue/not-json", test_not_json);
  g_test_add_func ("/dossier/sandbox/catalogue/invalid-file-names-file",
                   test_invalid_file_names_file);

  return g_test_run ();
}
