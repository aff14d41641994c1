/* test-requirements.c — DossierRequirements (CONTRACT.md §6.4, §15.2)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "dossier-json.h"
#include "dossier-requirements.h"

static DossierRequirements *
requirements_from_text (const char *text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = dossier_json_parse_data (text, strlen (text), &error);

  g_assert_no_error (error);
  return dossier_requirements_new_from_json (root);
}

static const char *cards =
  "{\"documents\": [{\"id\": \"identity_document\", \"name\": \"Identity document\","
  "  \"description\": \"A valid government-issued identity document\", \"required\": true,"
  "  \"valid_documents\": [{\"id\": \"passport\", \"name\": \"Passport\", \"description\": \"A valid passport\","
  "    \"required\": true, \"require_image\": true, \"require_back_image\": false,"
  "    \"metadata\": [{\"id\": \"number\", \"name\": \"Document Number\", \"data_type\": \"STRING\", \"required\": true}]}]}],"
  " \"data\": [{\"id\": \"personal_information\", \"name\": \"Personal information\","
  "  \"description\": \"Personal information needed for KYC\", \"required\": true,"
  "  \"fields\": [{\"key\": \"phone\", \"data_type\": \"PHONE\", \"required\": true}]}]}";

static void
test_requirements_contract_example (void)
{
  g_autoptr(DossierRequirements) requirements = requirements_from_text (cards);
  const DossierDocumentGroup *documents;
  const DossierDocumentAlternative *passport;
  const DossierMetadataField *number;
  const DossierDataGroup *data;
  const DossierDataField *phone;

  g_assert_false (dossier_requirements_is_empty (requirements));
  g_assert_true (dossier_requirements_blocks (requirements));
  g_assert_cmpuint (dossier_requirements_get_n_document_groups (requirements), ==, 1);
  g_assert_cmpuint (dossier_requirements_get_n_data_groups (requirements), ==, 1);

  documents = dossier_requirements_get_document_group (requirements, 0);
  g_assert_cmpstr (documents->id, ==, "identity_document");
  g_assert_cmpstr (documents->name, ==, "Identity document");
  g_assert_cmpstr (documents->description, ==, "A valid government-issued identity document");
  g_assert_true (documents->required);
  g_assert_true (dossier_document_group_blocks (documents));
  g_assert_cmpuint (documents->alternatives->len, ==, 1);

  passport = g_ptr_array_index (documents->alternatives, 0);
  g_assert_cmpstr (passport->id, ==, "passport");
  g_assert_true (passport->require_image);
  g_assert_false (passport->require_back_image);
  g_assert_cmpuint (passport->metadata->len, ==, 1);
  number = g_ptr_array_index (passport->metadata, 0);
  g_assert_cmpstr (number->id, ==, "number");
  g_assert_cmpstr (number->name, ==, "Document Number");
  g_assert_cmpint (number->data_type, ==, DOSSIER_DATA_TYPE_STRING);
  g_assert_cmpstr (number->data_type_raw, ==, "STRING");
  g_assert_cmpuint (g_strv_length (number->values), ==, 0);

  data = dossier_requirements_get_data_group (requirements, 0);
  g_assert_cmpstr (data->id, ==, "personal_information");
  phone = g_ptr_array_index (data->fields, 0);
  g_assert_cmpstr (phone->key, ==, "phone");
  g_assert_cmpint (phone->data_type, ==, DOSSIER_DATA_TYPE_PHONE);
  g_assert_true (dossier_data_field_blocks (data, phone));

  /* Lookups compare ids ignoring case (§15.2). */
  g_assert_true (dossier_requirements_lookup_document_group (requirements, "IDENTITY_DOCUMENT") == documents);
  g_assert_true (dossier_requirements_lookup_alternative (requirements, "Passport") == passport);
  g_assert_true (dossier_requirements_lookup_data_group (requirements, "Personal_Information") == data);
  g_assert_true (dossier_requirements_lookup_data_field (requirements, "PHONE") == phone);
  g_assert_null (dossier_requirements_lookup_alternative (requirements, "national_id"));
  g_assert_null (dossier_requirements_lookup_data_field (requirements, "occupation"));

  g_assert_finalize_object (g_steal_pointer (&requirements));
}

static void
test_requirements_empty (void)
{
  const char *empties[] = { "{\"documents\": [], \"data\": []}", "{}", "null", "{\"documents\": null, \"data\": null}",
                            "[]", "\"x\"", "{\"documents\": {\"id\": \"x\"}, \"data\": 7}",
                            "{\"documents\": [1, \"a\", null, [], {\"name\": \"no id\"}], \"data\": [{\"id\": \"  \"}]}" };

  for (guint i = 0; i < G_N_ELEMENTS (empties); i++)
    {
      g_autoptr(DossierRequirements) requirements = requirements_from_text (empties[i]);

      g_assert_true (dossier_requirements_is_empty (requirements));
      g_assert_false (dossier_requirements_blocks (requirements));
      g_assert_finalize_object (g_steal_pointer (&requirements));
    }

  {
    g_autoptr(DossierRequirements) requirements = dossier_requirements_new_from_json (NULL);

    g_assert_true (dossier_requirements_is_empty (requirements));
    g_assert_cmpuint (dossier_requirements_get_n_data_groups (requirements), ==, 0);
  }
}

static void
test_requirements_optional (void)
{
  g_autoptr(DossierRequirements) optional_group = NULL;
  g_autoptr(DossierRequirements) optional_field = NULL;
  g_autoptr(DossierRequirements) optional_documents = NULL;
  g_autoptr(DossierRequirements) optional_alternative = NULL;
  g_autoptr(DossierRequirements) mixed = NULL;

  optional_group = requirements_from_text ("{\"data\": [{\"id\": \"g\", \"required\": false, \"fields\": [{\"key\": \"occupation\", \"data_type\": \"STRING\", \"required\": true}]}]}");
  g_assert_false (dossier_requirements_is_empty (optional_group));
  g_assert_false (dossier_requirements_blocks (optional_group));

  optional_field = requirements_from_text ("{\"data\": [{\"id\": \"g\", \"required\": true, \"fields\": [{\"key\": \"occupation\", \"data_type\": \"STRING\", \"required\": false}]}]}");
  g_assert_false (dossier_requirements_blocks (optional_field));

  optional_documents = requirements_from_text ("{\"documents\": [{\"id\": \"proof\", \"required\": false, \"valid_documents\": [{\"id\": \"bill\", \"required\": true}]}]}");
  g_assert_false (dossier_requirements_blocks (optional_documents));

  /* The alternatives' own `required` has no effect on the group (§6.4). */
  optional_alternative = requirements_from_text ("{\"documents\": [{\"id\": \"proof\", \"required\": true, \"valid_documents\": [{\"id\": \"bill\", \"required\": false}]}]}");
  g_assert_true (dossier_requirements_blocks (optional_alternative));

  mixed = requirements_from_text ("{\"data\": [{\"id\": \"a\", \"required\": false, \"fields\": [{\"key\": \"x\", \"required\": true}]},"
                                  " {\"id\": \"b\", \"required\": \"TRUE\", \"fields\": [{\"key\": \"y\", \"required\": false}, {\"key\": \"z\", \"required\": \"true\"}]}]}");
  g_assert_true (dossier_requirements_blocks (mixed));
}

static void
test_requirements_tolerance (void)
{
  g_autoptr(DossierRequirements) requirements = requirements_from_text (
    "{\"data\": [{\"id\": \"employment_details\", \"required\": true, \"extra\": {\"x\": 1},"
    "   \"fields\": [{\"key\": \"salary_band\", \"data_type\": \"enum\", \"required\": true, \"values\": [\"LOW\", 2, null, \"HIGH\"]},"
    "                {\"key\": \"selfie_video\", \"data_type\": \"VIDEO\", \"required\": true},"
    "                {\"key\": \"nickname\", \"required\": true},"
    "                {\"key\": \"country_of_birth\", \"data_type\": \"Country\", \"required\": true, \"values\": \"nope\"},"
    "                {\"data_type\": \"STRING\"}]}],"
    " \"documents\": [{\"id\": \"proof-of_address\", \"description\": null,"
    "   \"valid_documents\": [{\"id\": \"utility_bill\", \"metadata\": [{\"id\": \"issue_date\", \"data_type\": \"DATE\"}, {\"name\": \"no id\"}]},"
    "                         {\"name\": \"No id\"}]}]}");
  const DossierDataGroup *group = dossier_requirements_get_data_group (requirements, 0);
  const DossierDataField *field;
  const DossierDocumentGroup *documents = dossier_requirements_get_document_group (requirements, 0);
  const DossierDocumentAlternative *bill;

  /* Missing names are the id humanised. */
  g_assert_cmpstr (group->name, ==, "Employment details");
  g_assert_cmpstr (group->description, ==, "");
  g_assert_cmpuint (group->fields->len, ==, 4);

  field = g_ptr_array_index (group->fields, 0);
  g_assert_cmpint (field->data_type, ==, DOSSIER_DATA_TYPE_ENUM);
  g_assert_cmpuint (g_strv_length (field->values), ==, 3);
  g_assert_cmpstr (field->values[0], ==, "LOW");
  g_assert_cmpstr (field->values[1], ==, "2");
  g_assert_cmpstr (field->values[2], ==, "HIGH");

  /* An unknown data_type is kept verbatim (the form falls back to text). */
  field = g_ptr_array_index (group->fields, 1);
  g_assert_cmpint (field->data_type, ==, DOSSIER_DATA_TYPE_UNKNOWN);
  g_assert_cmpstr (field->data_type_raw, ==, "VIDEO");

  field = g_ptr_array_index (group->fields, 2);
  g_assert_cmpint (field->data_type, ==, DOSSIER_DATA_TYPE_UNKNOWN);
  g_assert_cmpstr (field->data_type_raw, ==, "");

  field = g_ptr_array_index (group->fields, 3);
  g_assert_cmpint (field->data_type, ==, DOSSIER_DATA_TYPE_COUNTRY);
  g_assert_cmpstr (field->data_type_raw, ==, "Country");
  g_assert_cmpuint (g_strv_length (field->values), ==, 0);

  g_assert_cmpstr (documents->name, ==, "Proof of address");
  /* `required` absent: read as required (the conservative reading). */
  g_assert_true (documents->required);
  g_assert_cmpuint (documents->alternatives->len, ==, 1);
  bill = g_ptr_array_index (documents->alternatives, 0);
  g_assert_cmpstr (bill->name, ==, "Utility bill");
  g_assert_true (bill->require_image);
  g_assert_false (bill->require_back_image);
  g_assert_cmpuint (bill->metadata->len, ==, 1);
  g_assert_cmpint (((DossierMetadataField *) g_ptr_array_index (bill->metadata, 0))->data_type, ==, DOSSIER_DATA_TYPE_DATE);
  g_assert_cmpstr (((DossierMetadataField *) g_ptr_array_index (bill->metadata, 0))->name, ==, "Issue date");
}

static void
test_requirements_humanise (void)
{
  struct { const char *id; const char *name; } cases[] = {
    { "identity_document", "Identity document" }, { "passport", "Passport" },
    { "__proof--of__address_", "Proof of address" }, { "", "" }, { "___", "" },
    { "ñandú_id", "Ñandú id" }, { "ID", "ID" }, { "9lives", "9lives" },
  };
  g_autofree char *none = dossier_requirements_humanise_id (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *name = dossier_requirements_humanise_id (cases[i].id);

      g_assert_cmpstr (name, ==, cases[i].name);
    }
  g_assert_cmpstr (none, ==, "");
}

static void
test_requirements_equal (void)
{
  g_autoptr(DossierRequirements) a = requirements_from_text (cards);
  g_autoptr(DossierRequirements) b = requirements_from_text (cards);
  g_autoptr(DossierRequirements) empty = requirements_from_text ("{}");
  g_autoptr(DossierRequirements) other = requirements_from_text ("{\"data\": [{\"id\": \"personal_information\", \"name\": \"Personal information\","
                                                                 " \"description\": \"Personal information needed for KYC\", \"required\": true,"
                                                                 " \"fields\": [{\"key\": \"phone\", \"data_type\": \"PHONE\", \"required\": false}]}]}");

  g_assert_true (dossier_requirements_equal (a, b));
  g_assert_true (dossier_requirements_equal (a, a));
  g_assert_false (dossier_requirements_equal (a, empty));
  g_assert_false (dossier_requirements_equal (a, other));
  g_assert_false (dossier_requirements_equal (a, NULL));
  g_assert_true (dossier_requirements_equal (NULL, NULL));
}

/* A slot keeps its own copy of a group: it outlives the requirements and compares equal. */
static void
test_requirements_group_copy (void)
{
  DossierDocumentGroup *copy;
  DossierDocumentAlternative *alternative;
  DossierMetadataField *field;

  {
    g_autoptr(DossierRequirements) requirements = requirements_from_text (cards);

    copy = dossier_document_group_copy (dossier_requirements_get_document_group (requirements, 0));
    g_assert_true (dossier_document_group_equal (copy, dossier_requirements_get_document_group (requirements, 0)));
  }

  /* Still whole once its requirements are gone. */
  g_assert_cmpstr (copy->id, ==, "identity_document");
  g_assert_cmpuint (copy->alternatives->len, ==, 1);
  alternative = g_ptr_array_index (copy->alternatives, 0);
  g_assert_cmpstr (alternative->id, ==, "passport");
  g_assert_true (alternative->require_image);
  field = g_ptr_array_index (alternative->metadata, 0);
  g_assert_cmpstr (field->id, ==, "number");
  g_assert_true (field->data_type == DOSSIER_DATA_TYPE_STRING);

  /* A difference that changes the form is seen. */
  {
    DossierDocumentGroup *other = dossier_document_group_copy (copy);

    g_assert_true (dossier_document_group_equal (copy, other));
    ((DossierDocumentAlternative *) g_ptr_array_index (other->alternatives, 0))->require_back_image = TRUE;
    g_assert_false (dossier_document_group_equal (copy, other));
    dossier_document_group_free (other);
  }

  dossier_document_group_free (copy);
  dossier_document_group_free (NULL);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/dossier/core/requirements/contract-example", test_requirements_contract_example);
  g_test_add_func ("/dossier/core/requirements/empty", test_requirements_empty);
  g_test_add_func ("/dossier/core/requirements/optional", test_requirements_optional);
  g_test_add_func ("/dossier/core/requirements/tolerance", test_requirements_tolerance);
  g_test_add_func ("/dossier/core/requirements/humanise", test_requirements_humanise);
  g_test_add_func ("/dossier/core/requirements/equal", test_requirements_equal);
  g_test_add_func ("/dossier/core/requirements/group-copy", test_requirements_group_copy);

  return g_test_run ();
}
