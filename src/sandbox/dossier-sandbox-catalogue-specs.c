/* dossier-sandbox-catalogue-specs.c — data fields and metadata specs of a catalogue (§12.2)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The value specs of the file: `data_fields` (keyed by client member) and the
 * `metadata` of each valid document. Both share `data_type` and `values`; only
 * data fields take `minimum`/`maximum` and PHONE, only metadata takes `expiry`
 * and `max_age_days`.
 */

#define G_LOG_DOMAIN "dossier-sandbox"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "dossier-sandbox-catalogue-private.h"

static const char * const reserved_keys[] = {
  "id", "type", "status", "created_at", "updated_at", "first_name", "second_name",
  "last_name", "email", "birth_date", "address", "phone_country_code", "phone_number",
};

static gboolean
is_number (JsonNode *node)
{
  return reader_holds (node, G_TYPE_INT64) || reader_holds (node, G_TYPE_DOUBLE);
}

static gboolean
load_enum_values (const DossierCatalogueReader *r,
                  JsonObject                   *object,
                  DossierValueSpec             *spec)
{
  JsonArray *array;
  const char **strings;
  guint n;

  if (!reader_array (r, object, "values", 1, &array))
    return FALSE;

  n = json_array_get_length (array);
  strings = reader_alloc (r, sizeof (char *), n + 1);
  for (guint i = 0; i < n; i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      g_autofree char *element_path = reader_index (r, "values", i);
      DossierCatalogueReader element = reader_at (r, element_path);

      if (!reader_holds (node, G_TYPE_STRING) || json_node_get_string (node)[0] == '\0')
        return reader_fail (&element, NULL, "must be a non-empty string");
      strings[i] = json_node_get_string (node);
      for (guint j = 0; j < i; j++)
        {
          if (strcmp (strings[j], strings[i]) == 0)
            return reader_fail (&element, NULL, "duplicate value \"%s\"", strings[i]);
        }
    }

  spec->values = strings;
  return TRUE;
}

/* `data_type`, `values`, `minimum`, `maximum` of a data field or a metadata spec. */
static gboolean
load_value_spec (const DossierCatalogueReader *r,
                 JsonObject                   *object,
                 gboolean                      is_data_field,
                 DossierValueSpec             *spec)
{
  const char *bounds[] = { "minimum", "maximum" };
  const char *type_name;

  if (!reader_string (r, object, "data_type", TRUE, &type_name))
    return FALSE;

  spec->type = dossier_data_type_from_string (type_name);
  if (spec->type == DOSSIER_DATA_TYPE_UNKNOWN
      || strcmp (dossier_data_type_to_string (spec->type), type_name) != 0)
    return reader_fail (r, "data_type", "unknown data type \"%s\" "
                        "(STRING, PHONE, DATE, NUMBER, EMAIL, COUNTRY or ENUM)", type_name);
  if (spec->type == DOSSIER_DATA_TYPE_PHONE && !is_data_field)
    return reader_fail (r, "data_type", "PHONE is not allowed for metadata");

  if (spec->type != DOSSIER_DATA_TYPE_ENUM && reader_member (object, "values") != NULL)
    return reader_fail (r, "values", "is only allowed for ENUM");
  if (spec->type == DOSSIER_DATA_TYPE_ENUM && !load_enum_values (r, object, spec))
    return FALSE;

  /* MetadataSpec lists no bounds: there they are ignored members. */
  for (guint i = 0; is_data_field && i < G_N_ELEMENTS (bounds); i++)
    {
      JsonNode *node = reader_member (object, bounds[i]);
      double value;

      if (node == NULL)
        continue;
      if (spec->type != DOSSIER_DATA_TYPE_NUMBER)
        return reader_fail (r, bounds[i], "is only allowed for NUMBER");
      if (!is_number (node))
        return reader_fail (r, bounds[i], "must be a number");

      value = json_node_get_double (node);
      if (!isfinite (value))
        return reader_fail (r, bounds[i], "must be a finite number");
      if (i == 0)
        {
          spec->has_minimum = TRUE;
          spec->minimum = value;
        }
      else
        {
          spec->has_maximum = TRUE;
          spec->maximum = value;
        }
    }

  return TRUE;
}

static int
compare_fields (gconstpointer a,
                gconstpointer b)
{
  return strcmp (((const DossierSandboxDataField *) a)->key,
                 ((const DossierSandboxDataField *) b)->key);
}

static gboolean
load_data_field (const DossierCatalogueReader *r,
                 const char                   *key,
                 JsonNode                     *spec_node,
                 DossierSandboxDataField      *field)
{
  DossierSandboxCatalogue *catalogue = r->catalogue;

  if (!reader_is_id (key))
    return reader_fail (r, NULL, "key must match %s", READER_ID_PATTERN);
  for (guint i = 0; i < G_N_ELEMENTS (reserved_keys); i++)
    {
      if (strcmp (key, reserved_keys[i]) == 0)
        return reader_fail (r, NULL, "key is reserved for a core client member");
    }
  if (!JSON_NODE_HOLDS_OBJECT (spec_node))
    return reader_fail (r, NULL, "must be an object");

  /* The member names of json-glib live as long as the object. */
  field->key = key;
  if (!load_value_spec (r, json_node_get_object (spec_node), TRUE, &field->spec)
      || !reader_annotations (r, json_node_get_object (spec_node), FALSE, NULL))
    return FALSE;

  if (field->spec.type == DOSSIER_DATA_TYPE_PHONE)
    {
      field->country_code_member = g_strconcat (key, "_country_code", NULL);
      field->number_member = g_strconcat (key, "_number", NULL);
      g_ptr_array_add (catalogue->allocations, field->country_code_member);
      g_ptr_array_add (catalogue->allocations, field->number_member);
    }

  return TRUE;
}

gboolean
reader_data_fields (const DossierCatalogueReader *r,
                    JsonObject                   *root)
{
  DossierSandboxCatalogue *catalogue = r->catalogue;
  JsonNode *node = reader_member (root, "data_fields");
  g_autoptr(GList) keys = NULL;
  JsonObject *object;
  guint i = 0;

  if (node == NULL)
    return reader_fail (r, "data_fields", "is required");
  if (!JSON_NODE_HOLDS_OBJECT (node))
    return reader_fail (r, "data_fields", "must be an object");

  object = json_node_get_object (node);
  keys = json_object_get_members (object);
  catalogue->n_fields = g_list_length (keys);
  catalogue->fields = reader_alloc (r, sizeof (DossierSandboxDataField), catalogue->n_fields);

  for (GList *l = keys; l != NULL; l = l->next, i++)
    {
      const char *key = l->data;
      g_autofree char *path = g_strconcat ("data_fields.", key, NULL);
      DossierCatalogueReader field = reader_at (r, path);

      if (!load_data_field (&field, key, json_object_get_member (object, key),
                            &catalogue->fields[i]))
        return FALSE;
    }

  /* A PHONE key K owns K_country_code and K_number: no other field may be one of them. */
  for (i = 0; i < catalogue->n_fields; i++)
    {
      const DossierSandboxDataField *field = &catalogue->fields[i];
      g_autofree char *path = g_strconcat ("data_fields.", field->key, NULL);
      DossierCatalogueReader at = reader_at (r, path);

      if (field->spec.type != DOSSIER_DATA_TYPE_PHONE)
        continue;
      if (json_object_has_member (object, field->country_code_member))
        return reader_fail (&at, NULL, "its storage member %s is also a data field",
                            field->country_code_member);
      if (json_object_has_member (object, field->number_member))
        return reader_fail (&at, NULL, "its storage member %s is also a data field",
                            field->number_member);
    }

  qsort (catalogue->fields, catalogue->n_fields, sizeof (DossierSandboxDataField),
         compare_fields);
  return TRUE;
}

const DossierSandboxDataField *
reader_field (const DossierCatalogueReader *r,
              const char                   *key)
{
  DossierSandboxDataField needle = { .key = key };

  return bsearch (&needle, r->catalogue->fields, r->catalogue->n_fields,
                  sizeof (DossierSandboxDataField), compare_fields);
}

static gboolean
load_metadata_rule (const DossierCatalogueReader *r,
                    JsonObject                   *object,
                    DossierSandboxDocumentRule   *document,
                    guint                         index)
{
  DossierSandboxMetadataRule *rule = &document->metadata[index];
  JsonNode *age;
  gboolean invented;

  if (!reader_id (r, object, &rule->id))
    return FALSE;
  for (guint j = 0; j < index; j++)
    {
      if (strcmp (document->metadata[j].id, rule->id) == 0)
        return reader_fail (r, "id", "duplicate metadata id \"%s\" in the document", rule->id);
    }

  if (!reader_string (r, object, "name", TRUE, &rule->name)
      || !load_value_spec (r, object, FALSE, &rule->spec)
      || !reader_bool (r, object, "required", TRUE, &rule->required)
      || !reader_bool (r, object, "expiry", FALSE, &rule->expiry)
      || !reader_bool (r, object, "invented", FALSE, &invented))
    return FALSE;

  if (reader_member (object, "expiry") != NULL && rule->spec.type != DOSSIER_DATA_TYPE_DATE)
    return reader_fail (r, "expiry", "is only allowed for DATE");

  age = reader_member (object, "max_age_days");
  if (age != NULL)
    {
      if (rule->spec.type != DOSSIER_DATA_TYPE_DATE)
        return reader_fail (r, "max_age_days", "is only allowed for DATE");
      if (!reader_holds (age, G_TYPE_INT64) || json_node_get_int (age) < 1)
        return reader_fail (r, "max_age_days", "must be an integer of at least 1");
      /* No date is older than G_MAXUINT days: clamping changes nothing. */
      rule->max_age_days = (guint) MIN (json_node_get_int (age), (gint64) G_MAXUINT);
    }

  return TRUE;
}

gboolean
reader_metadata (const DossierCatalogueReader *r,
                 JsonObject                   *object,
                 DossierSandboxDocumentRule   *document)
{
  JsonArray *metadata;

  if (!reader_array (r, object, "metadata", 0, &metadata))
    return FALSE;

  document->n_metadata = json_array_get_length (metadata);
  document->metadata = reader_alloc (r, sizeof (DossierSandboxMetadataRule),
                                     document->n_metadata);

  for (guint i = 0; i < document->n_metadata; i++)
    {
      g_autofree char *path = reader_index (r, "metadata", i);
      DossierCatalogueReader rule = reader_at (r, path);
      JsonObject *rule_object = reader_element (&rule, metadata, i);

      if (rule_object == NULL || !load_metadata_rule (&rule, rule_object, document, i))
        return FALSE;
    }

  return TRUE;
}
