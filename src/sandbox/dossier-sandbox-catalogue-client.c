/* dossier-sandbox-catalogue-client.c — catalogue data fields in client bodies
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * CONTRACT.md §6.2 and §12.3: the JSON types (a 400) and the values (412
 * VALIDATION_ERROR parts) of the catalogue members of a client body, in
 * alphabetical order of key. A PHONE key K is stored as K_country_code and
 * K_number; for the key `phone` those are the core members, which the engine
 * validates itself.
 */

#define G_LOG_DOMAIN "dossier-sandbox"

#include <string.h>

#include "dossier-sandbox-catalogue-private.h"

/* The key `phone` is stored in the core members, which the engine validates. */
static gboolean
is_core_phone (const DossierSandboxDataField *field)
{
  return field->spec.type == DOSSIER_DATA_TYPE_PHONE && strcmp (field->key, "phone") == 0;
}

/**
 * dossier_sandbox_catalogue_check_client_types:
 * @self: a catalogue
 * @body: a client body
 *
 * Returns: (transfer full) (nullable): the 400 message for the first catalogue
 *   member of @body with the wrong JSON type, in alphabetical order of key
 */
char *
dossier_sandbox_catalogue_check_client_types (DossierSandboxCatalogue *self,
                                              JsonObject              *body)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (body != NULL, NULL);

  for (guint i = 0; i < self->n_fields; i++)
    {
      const DossierSandboxDataField *field = &self->fields[i];
      JsonNode *node;

      if (is_core_phone (field))
        continue;

      if (field->spec.type == DOSSIER_DATA_TYPE_PHONE)
        {
          const char *members[] = { field->country_code_member, field->number_member };

          for (guint m = 0; m < G_N_ELEMENTS (members); m++)
            {
              node = dossier_sandbox_catalogue_get_present_member (body, members[m]);
              if (node != NULL && !dossier_contract_json_is_integer (node))
                return g_strdup_printf ("Invalid request body: %s: must be an integer", members[m]);
            }
          continue;
        }

      node = dossier_sandbox_catalogue_get_present_member (body, field->key);
      if (node != NULL
          && dossier_value_spec_check_json (&field->spec, node) == DOSSIER_VALUE_WRONG_TYPE)
        return g_strdup_printf ("Invalid request body: %s: must be %s", field->key,
                                field->spec.type == DOSSIER_DATA_TYPE_NUMBER
                                ? "a number" : "a string");
    }

  return NULL;
}

static void
check_phone_values (const DossierSandboxDataField *field,
                    JsonObject                    *body,
                    GPtrArray                     *problems)
{
  JsonNode *code = dossier_sandbox_catalogue_get_present_member (body, field->country_code_member);
  JsonNode *number = dossier_sandbox_catalogue_get_present_member (body, field->number_member);

  /* Wrong JSON types are a 400 first (check_client_types). */
  if (code != NULL && !dossier_contract_json_is_integer (code))
    return;
  if (number != NULL && !dossier_contract_json_is_integer (number))
    return;

  if (code != NULL && !dossier_contract_is_valid_phone_country_code (json_node_get_int (code)))
    g_ptr_array_add (problems, g_strdup_printf ("%s: must be between 1 and 999",
                                                field->country_code_member));
  else if (code == NULL && number != NULL)
    g_ptr_array_add (problems, g_strdup_printf ("%s: is required when %s is given",
                                                field->country_code_member, field->number_member));

  if (number != NULL && !dossier_contract_is_valid_phone_number (json_node_get_int (number)))
    g_ptr_array_add (problems, g_strdup_printf ("%s: must be between 1 and 999999999999999",
                                                field->number_member));
  else if (number == NULL && code != NULL)
    g_ptr_array_add (problems, g_strdup_printf ("%s: is required when %s is given",
                                                field->number_member, field->country_code_member));
}

/* The phrase of an invalid value: the §10.3 phrase, with the bounds of a NUMBER. */
static char *
describe_value (const DossierValueSpec *spec)
{
  char min[G_ASCII_DTOSTR_BUF_SIZE];
  char max[G_ASCII_DTOSTR_BUF_SIZE];

  if (spec->type != DOSSIER_DATA_TYPE_NUMBER || (!spec->has_minimum && !spec->has_maximum))
    return dossier_value_spec_describe (spec);

  g_ascii_formatd (min, sizeof min, "%.15g", spec->minimum);
  g_ascii_formatd (max, sizeof max, "%.15g", spec->maximum);

  if (spec->has_minimum && spec->has_maximum)
    return g_strdup_printf ("a number between %s and %s", min, max);
  if (spec->has_minimum)
    return g_strdup_printf ("a number of at least %s", min);
  return g_strdup_printf ("a number of at most %s", max);
}

/**
 * dossier_sandbox_catalogue_check_client_values:
 * @self: a catalogue
 * @body: a client body whose types passed dossier_sandbox_catalogue_check_client_types()
 * @problems: (element-type utf8): where "<path>: <problem>" strings are appended
 *
 * The catalogue members of @body with invalid values, in alphabetical order of key.
 */
void
dossier_sandbox_catalogue_check_client_values (DossierSandboxCatalogue *self,
                                               JsonObject              *body,
                                               GPtrArray               *problems)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (body != NULL);
  g_return_if_fail (problems != NULL);

  for (guint i = 0; i < self->n_fields; i++)
    {
      const DossierSandboxDataField *field = &self->fields[i];
      JsonNode *node;

      if (is_core_phone (field))
        continue;

      if (field->spec.type == DOSSIER_DATA_TYPE_PHONE)
        {
          check_phone_values (field, body, problems);
          continue;
        }

      node = dossier_sandbox_catalogue_get_present_member (body, field->key);
      if (node != NULL
          && dossier_value_spec_check_json (&field->spec, node) == DOSSIER_VALUE_INVALID)
        {
          g_autofree char *phrase = describe_value (&field->spec);

          g_ptr_array_add (problems, g_strdup_printf ("%s: must be %s", field->key, phrase));
        }
    }
}
