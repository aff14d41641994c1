/* dossier-sandbox-catalogue.c — the product catalogue of CONTRACT.md §12
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Loading (the validation itself is in dossier-sandbox-catalogue-load.c),
 * missing_requirements and blocking (§6.4, §7, §12.4) and the lookups of the
 * documentation endpoint. Client bodies: dossier-sandbox-catalogue-client.c.
 */

#define G_LOG_DOMAIN "dossier-sandbox"

#include <string.h>

#include "dossier-sandbox-catalogue-private.h"
#include "dossier-sandbox-engine.h"
#include "dossier-sandbox-resources.h"

static DossierSandboxCatalogue *
load_bytes (GBytes     *json,
            const char *label,
            GError    **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GError) local_error = NULL;
  gsize len;
  const char *data = g_bytes_get_data (json, &len);

  if (!json_parser_load_from_data (parser, data != NULL ? data : "", len, &local_error))
    {
      g_set_error (error, DOSSIER_SANDBOX_ERROR, DOSSIER_SANDBOX_ERROR_CATALOGUE,
                   "Invalid %s: not valid JSON: %s", label, local_error->message);
      return NULL;
    }

  return dossier_sandbox_catalogue_load (json_parser_get_root (parser), label, error);
}

/**
 * dossier_sandbox_catalogue_new_default:
 * @error: return location for a #GError
 *
 * The built-in catalogue: the copy of `catalogue.json` compiled into the library.
 *
 * Returns: (transfer full): the catalogue, or %NULL (only if the build is broken)
 */
DossierSandboxCatalogue *
dossier_sandbox_catalogue_new_default (GError **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) local_error = NULL;

  /* Through the resource object itself, so that a static link keeps it. */
  bytes = g_resource_lookup_data (dossier_sandbox_get_resource (),
                                  DOSSIER_SANDBOX_CATALOGUE_RESOURCE,
                                  G_RESOURCE_LOOKUP_FLAGS_NONE, &local_error);
  if (bytes == NULL)
    {
      g_set_error (error, DOSSIER_SANDBOX_ERROR, DOSSIER_SANDBOX_ERROR_CATALOGUE,
                   "Cannot read the built-in catalogue: %s", local_error->message);
      return NULL;
    }

  return load_bytes (bytes, "built-in catalogue", error);
}

/**
 * dossier_sandbox_catalogue_new_from_file:
 * @path: a catalogue file (`--catalogue FILE`)
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the catalogue, or %NULL with
 *   %DOSSIER_SANDBOX_ERROR_CATALOGUE when the file is unreadable or invalid
 */
DossierSandboxCatalogue *
dossier_sandbox_catalogue_new_from_file (const char *path,
                                         GError    **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *label = NULL;
  g_autofree char *display = NULL;
  char *contents;
  gsize len;

  g_return_val_if_fail (path != NULL, NULL);

  display = g_filename_display_name (path);
  if (!g_file_get_contents (path, &contents, &len, &local_error))
    {
      g_set_error (error, DOSSIER_SANDBOX_ERROR, DOSSIER_SANDBOX_ERROR_CATALOGUE,
                   "Cannot read catalogue %s: %s", display, local_error->message);
      return NULL;
    }

  bytes = g_bytes_new_take (contents, len);
  label = g_strconcat ("catalogue ", display, NULL);
  return load_bytes (bytes, label, error);
}

/**
 * dossier_sandbox_catalogue_new_from_bytes:
 * @json: the catalogue's JSON text
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the catalogue, or %NULL with %DOSSIER_SANDBOX_ERROR_CATALOGUE
 */
DossierSandboxCatalogue *
dossier_sandbox_catalogue_new_from_bytes (GBytes  *json,
                                          GError **error)
{
  g_return_val_if_fail (json != NULL, NULL);

  return load_bytes (json, "catalogue", error);
}

void
dossier_sandbox_catalogue_free (DossierSandboxCatalogue *self)
{
  if (self == NULL)
    return;

  g_clear_pointer (&self->allocations, g_ptr_array_unref);
  g_clear_pointer (&self->root, json_node_unref);
  g_free (self);
}

guint
dossier_sandbox_catalogue_get_n_products (DossierSandboxCatalogue *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->n_products;
}

const char *
dossier_sandbox_catalogue_get_product_id (DossierSandboxCatalogue *self,
                                          guint                    index)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < self->n_products, NULL);

  return self->products[index].id;
}

static const DossierSandboxProduct *
find_product (DossierSandboxCatalogue *self,
              const char              *product_id)
{
  if (product_id == NULL)
    return NULL;

  for (guint i = 0; i < self->n_products; i++)
    {
      if (strcmp (self->products[i].id, product_id) == 0)
        return &self->products[i];
    }

  return NULL;
}

const char *
dossier_sandbox_catalogue_get_product_name (DossierSandboxCatalogue *self,
                                            const char              *product_id)
{
  const DossierSandboxProduct *product;

  g_return_val_if_fail (self != NULL, NULL);

  product = find_product (self, product_id);
  return product != NULL ? product->name : NULL;
}

gboolean
dossier_sandbox_catalogue_has_product (DossierSandboxCatalogue *self,
                                       const char              *product_id)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return find_product (self, product_id) != NULL;
}

/* ---- requirements ---- */

/* A member, or NULL when absent or null (null means absent, §6.2). */
JsonNode *
dossier_sandbox_catalogue_get_present_member (JsonObject *object,
                                              const char *name)
{
  JsonNode *node;

  if (object == NULL)
    return NULL;

  node = json_object_get_member (object, name);
  return node == NULL || JSON_NODE_HOLDS_NULL (node) ? NULL : node;
}


static gboolean
field_is_satisfied (const DossierSandboxDataField *field,
                    JsonObject                    *client)
{
  if (field->spec.type == DOSSIER_DATA_TYPE_PHONE)
    return dossier_sandbox_catalogue_get_present_member (client, field->country_code_member) != NULL
           && dossier_sandbox_catalogue_get_present_member (client, field->number_member) != NULL;

  return dossier_sandbox_catalogue_get_present_member (client, field->key) != NULL;
}

static gboolean
group_is_satisfied (const DossierSandboxDocumentGroup *group,
                    GHashTable                        *satisfied_groups)
{
  return satisfied_groups != NULL && g_hash_table_contains (satisfied_groups, group->id);
}

static void
add_values (JsonObject             *object,
            const DossierValueSpec *spec)
{
  JsonArray *values;

  if (spec->type != DOSSIER_DATA_TYPE_ENUM)
    return;

  values = json_array_new ();
  for (guint i = 0; spec->values != NULL && spec->values[i] != NULL; i++)
    json_array_add_string_element (values, spec->values[i]);
  json_object_set_array_member (object, "values", values);
}

static JsonObject *
new_group_object (const char *id,
                  const char *name,
                  const char *description,
                  gboolean    required)
{
  JsonObject *object = json_object_new ();

  json_object_set_string_member (object, "id", id);
  json_object_set_string_member (object, "name", name);
  json_object_set_string_member (object, "description", description);
  json_object_set_boolean_member (object, "required", required);
  return object;
}

static JsonObject *
document_to_json (const DossierSandboxDocumentRule *document)
{
  JsonObject *object = new_group_object (document->id, document->name, document->description,
                                         document->required);
  JsonArray *metadata = json_array_new ();

  json_object_set_boolean_member (object, "require_image", document->require_image);
  json_object_set_boolean_member (object, "require_back_image", document->require_back_image);

  for (guint i = 0; i < document->n_metadata; i++)
    {
      const DossierSandboxMetadataRule *rule = &document->metadata[i];
      JsonObject *field = json_object_new ();

      json_object_set_string_member (field, "id", rule->id);
      json_object_set_string_member (field, "name", rule->name);
      json_object_set_string_member (field, "data_type",
                                     dossier_data_type_to_string (rule->spec.type));
      json_object_set_boolean_member (field, "required", rule->required);
      add_values (field, &rule->spec);
      json_array_add_object_element (metadata, field);
    }

  json_object_set_array_member (object, "metadata", metadata);
  return object;
}

/* The data group with only its unsatisfied fields, or NULL when none is. */
static JsonObject *
data_group_to_json (const DossierSandboxDataGroup *group,
                    JsonObject                    *client)
{
  JsonObject *object;
  JsonArray *fields = NULL;

  for (guint i = 0; i < group->n_fields; i++)
    {
      const DossierSandboxGroupField *entry = &group->fields[i];
      JsonObject *field;

      if (field_is_satisfied (entry->field, client))
        continue;

      if (fields == NULL)
        fields = json_array_new ();
      field = json_object_new ();
      json_object_set_string_member (field, "key", entry->field->key);
      json_object_set_string_member (field, "data_type",
                                     dossier_data_type_to_string (entry->field->spec.type));
      json_object_set_boolean_member (field, "required", entry->required);
      add_values (field, &entry->field->spec);
      json_array_add_object_element (fields, field);
    }

  if (fields == NULL)
    return NULL;

  object = new_group_object (group->id, group->name, group->description, group->required);
  json_object_set_array_member (object, "fields", fields);
  return object;
}

/**
 * dossier_sandbox_catalogue_missing_requirements:
 * @self: a catalogue
 * @product_id: a product id
 * @client: (nullable): the stored client object
 * @satisfied_groups: (nullable): a set whose keys are the satisfied document group ids
 *
 * Returns: (transfer full): a `{"documents": […], "data": […]}` object node
 */
JsonNode *
dossier_sandbox_catalogue_missing_requirements (DossierSandboxCatalogue *self,
                                                const char              *product_id,
                                                JsonObject              *client,
                                                GHashTable              *satisfied_groups)
{
  const DossierSandboxProduct *product;
  JsonObject *result = json_object_new ();
  JsonArray *documents = json_array_new ();
  JsonArray *data = json_array_new ();
  JsonNode *node;

  g_return_val_if_fail (self != NULL, NULL);

  product = find_product (self, product_id);

  for (guint i = 0; product != NULL && i < product->n_documents; i++)
    {
      const DossierSandboxDocumentGroup *group = &product->documents[i];
      JsonObject *object;
      JsonArray *alternatives;

      if (group_is_satisfied (group, satisfied_groups))
        continue;

      object = new_group_object (group->id, group->name, group->description, group->required);
      alternatives = json_array_new ();
      for (guint j = 0; j < group->n_documents; j++)
        json_array_add_object_element (alternatives, document_to_json (&group->documents[j]));
      json_object_set_array_member (object, "valid_documents", alternatives);
      json_array_add_object_element (documents, object);
    }

  for (guint i = 0; product != NULL && i < product->n_data; i++)
    {
      JsonObject *object = data_group_to_json (&product->data[i], client);

      if (object != NULL)
        json_array_add_object_element (data, object);
    }

  json_object_set_array_member (result, "documents", documents);
  json_object_set_array_member (result, "data", data);

  node = json_node_new (JSON_NODE_OBJECT);
  json_node_take_object (node, result);
  return node;
}

/**
 * dossier_sandbox_catalogue_blocks:
 * @self: a catalogue
 * @product_id: a product id
 * @client: (nullable): the stored client object
 * @satisfied_groups: (nullable): a set whose keys are the satisfied document group ids
 *
 * Returns: %TRUE when an unsatisfied item and its group are both required (§6.4)
 */
gboolean
dossier_sandbox_catalogue_blocks (DossierSandboxCatalogue *self,
                                  const char              *product_id,
                                  JsonObject              *client,
                                  GHashTable              *satisfied_groups)
{
  const DossierSandboxProduct *product;

  g_return_val_if_fail (self != NULL, FALSE);

  product = find_product (self, product_id);
  if (product == NULL)
    return FALSE;

  /* A document group is one item: the per-alternative `required` has no effect. */
  for (guint i = 0; i < product->n_documents; i++)
    {
      if (product->documents[i].required
          && !group_is_satisfied (&product->documents[i], satisfied_groups))
        return TRUE;
    }

  for (guint i = 0; i < product->n_data; i++)
    {
      const DossierSandboxDataGroup *group = &product->data[i];

      if (!group->required)
        continue;

      for (guint j = 0; j < group->n_fields; j++)
        {
          if (group->fields[j].required && !field_is_satisfied (group->fields[j].field, client))
            return TRUE;
        }
    }

  return FALSE;
}

/* ---- documents ---- */

static const DossierSandboxDocumentRule *
lookup_document (DossierSandboxCatalogue *self,
                 const char              *product_id,
                 const char              *document_type,
                 gboolean                 exact,
                 GHashTable              *satisfied_groups,
                 const char             **group_id)
{
  const DossierSandboxProduct *product = find_product (self, product_id);

  if (group_id != NULL)
    *group_id = NULL;
  if (product == NULL || document_type == NULL)
    return NULL;

  for (guint i = 0; i < product->n_documents; i++)
    {
      const DossierSandboxDocumentGroup *group = &product->documents[i];

      if (!exact && group_is_satisfied (group, satisfied_groups))
        continue;

      for (guint j = 0; j < group->n_documents; j++)
        {
          const char *id = group->documents[j].id;

          if (exact ? strcmp (id, document_type) == 0 : g_ascii_strcasecmp (id, document_type) == 0)
            {
              if (group_id != NULL)
                *group_id = group->id;
              return &group->documents[j];
            }
        }
    }

  return NULL;
}

const DossierSandboxDocumentRule *
dossier_sandbox_catalogue_find_document (DossierSandboxCatalogue *self,
                                         const char              *product_id,
                                         const char              *document_type,
                                         GHashTable              *satisfied_groups,
                                         const char             **group_id)
{
  g_return_val_if_fail (self != NULL, NULL);

  return lookup_document (self, product_id, document_type, FALSE, satisfied_groups, group_id);
}

const DossierSandboxDocumentRule *
dossier_sandbox_catalogue_get_document (DossierSandboxCatalogue *self,
                                        const char              *product_id,
                                        const char              *document_id,
                                        const char             **group_id)
{
  g_return_val_if_fail (self != NULL, NULL);

  return lookup_document (self, product_id, document_id, TRUE, NULL, group_id);
}
