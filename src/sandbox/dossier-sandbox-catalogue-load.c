/* dossier-sandbox-catalogue-load.c — validating a catalogue file (CONTRACT.md §12.2)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every validity rule of §12.2 is checked in file order, and the first
 * violation becomes a DOSSIER_SANDBOX_ERROR_CATALOGUE whose message names the
 * member by its path, e.g.
 * `products[1].documents[0].valid_documents[2]: require_back_image needs require_image`.
 * A `null` member counts as absent. Members that §12.2 does not list are ignored.
 * This file reads the top level, the products and their groups; the value specs
 * (data fields, metadata) are in dossier-sandbox-catalogue-specs.c and the typed
 * getters in dossier-sandbox-catalogue-reader.c.
 */

#define G_LOG_DOMAIN "dossier-sandbox"

#include <string.h>

#include "dossier-sandbox-catalogue-private.h"

#define CATALOGUE_FORMAT "dossier-sandbox-catalogue"

/* id, name, description, required of a data or document group. */
static gboolean
load_group_header (const DossierCatalogueReader *r,
                   JsonObject                   *object,
                   const char                  **id,
                   const char                  **name,
                   const char                  **description,
                   gboolean                     *required)
{
  return reader_string (r, object, "id", TRUE, id)
         && reader_string (r, object, "name", TRUE, name)
         && reader_string (r, object, "description", TRUE, description)
         && reader_bool (r, object, "required", TRUE, required);
}

/* The `fields` of a data group; @keys holds the keys already used in the product. */
static gboolean
load_group_fields (const DossierCatalogueReader *r,
                   JsonObject                   *object,
                   GHashTable                   *keys,
                   DossierSandboxDataGroup      *group)
{
  JsonArray *fields;

  if (!reader_array (r, object, "fields", 1, &fields))
    return FALSE;
  group->n_fields = json_array_get_length (fields);
  group->fields = reader_alloc (r, sizeof (DossierSandboxGroupField), group->n_fields);

  for (guint i = 0; i < group->n_fields; i++)
    {
      DossierSandboxGroupField *group_field = &group->fields[i];
      g_autofree char *path = reader_index (r, "fields", i);
      DossierCatalogueReader at = reader_at (r, path);
      JsonObject *field_object = reader_element (&at, fields, i);
      const char *key;

      if (field_object == NULL
          || !reader_string (&at, field_object, "key", TRUE, &key)
          || !reader_bool (&at, field_object, "required", TRUE, &group_field->required))
        return FALSE;

      group_field->field = reader_field (r, key);
      if (group_field->field == NULL)
        return reader_fail (&at, NULL, "key \"%s\" is not a key of data_fields", key);
      if (!g_hash_table_add (keys, (gpointer) group_field->field->key))
        return reader_fail (&at, NULL,
                            "data key \"%s\" appears more than once in the product", key);
    }

  return TRUE;
}

static gboolean
load_data_groups (const DossierCatalogueReader *r,
                  JsonObject                   *object,
                  DossierSandboxProduct        *product)
{
  g_autoptr(GHashTable) keys = g_hash_table_new (g_str_hash, g_str_equal);
  JsonArray *groups;

  if (!reader_array (r, object, "data", 0, &groups))
    return FALSE;

  product->n_data = json_array_get_length (groups);
  product->data = reader_alloc (r, sizeof (DossierSandboxDataGroup), product->n_data);

  for (guint i = 0; i < product->n_data; i++)
    {
      DossierSandboxDataGroup *group = &product->data[i];
      g_autofree char *path = reader_index (r, "data", i);
      DossierCatalogueReader at = reader_at (r, path);
      JsonObject *group_object = reader_element (&at, groups, i);

      if (group_object == NULL
          || !load_group_header (&at, group_object, &group->id, &group->name,
                                 &group->description, &group->required))
        return FALSE;
      for (guint j = 0; j < i; j++)
        {
          if (strcmp (product->data[j].id, group->id) == 0)
            return reader_fail (&at, NULL, "duplicate data group id \"%s\"", group->id);
        }

      if (!load_group_fields (&at, group_object, keys, group))
        return FALSE;
    }

  return TRUE;
}

/* One of `valid_documents`; @ids holds the document ids already used in the product. */
static gboolean
load_document (const DossierCatalogueReader *r,
               JsonObject                   *object,
               GHashTable                   *ids,
               DossierSandboxDocumentRule   *document)
{
  if (!reader_id (r, object, &document->id))
    return FALSE;
  if (!g_hash_table_add (ids, (gpointer) document->id))
    return reader_fail (r, "id", "document id \"%s\" appears more than once in the product",
                        document->id);

  if (!reader_string (r, object, "name", TRUE, &document->name)
      || !reader_string (r, object, "description", TRUE, &document->description)
      || !reader_bool (r, object, "required", TRUE, &document->required)
      || !reader_bool (r, object, "require_image", TRUE, &document->require_image)
      || !reader_bool (r, object, "require_back_image", TRUE, &document->require_back_image)
      || !reader_annotations (r, object, TRUE, &document->description))
    return FALSE;
  if (document->require_back_image && !document->require_image)
    return reader_fail (r, NULL, "require_back_image needs require_image");

  return reader_metadata (r, object, document);
}

static gboolean
load_document_groups (const DossierCatalogueReader *r,
                      JsonObject                   *object,
                      DossierSandboxProduct        *product)
{
  g_autoptr(GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);
  JsonArray *groups;

  if (!reader_array (r, object, "documents", 0, &groups))
    return FALSE;

  product->n_documents = json_array_get_length (groups);
  product->documents = reader_alloc (r, sizeof (DossierSandboxDocumentGroup),
                                     product->n_documents);

  for (guint i = 0; i < product->n_documents; i++)
    {
      DossierSandboxDocumentGroup *group = &product->documents[i];
      g_autofree char *path = reader_index (r, "documents", i);
      DossierCatalogueReader at = reader_at (r, path);
      JsonObject *group_object = reader_element (&at, groups, i);
      JsonArray *documents;

      if (group_object == NULL
          || !load_group_header (&at, group_object, &group->id, &group->name,
                                 &group->description, &group->required)
          || !reader_annotations (&at, group_object, TRUE, &group->description))
        return FALSE;
      for (guint j = 0; j < i; j++)
        {
          if (strcmp (product->documents[j].id, group->id) == 0)
            return reader_fail (&at, NULL, "duplicate document group id \"%s\"", group->id);
        }

      if (!reader_array (&at, group_object, "valid_documents", 1, &documents))
        return FALSE;
      group->n_documents = json_array_get_length (documents);
      group->documents = reader_alloc (r, sizeof (DossierSandboxDocumentRule),
                                       group->n_documents);

      for (guint j = 0; j < group->n_documents; j++)
        {
          g_autofree char *document_path = reader_index (&at, "valid_documents", j);
          DossierCatalogueReader document = reader_at (&at, document_path);
          JsonObject *document_object = reader_element (&document, documents, j);

          if (document_object == NULL
              || !load_document (&document, document_object, ids, &group->documents[j]))
            return FALSE;
        }
    }

  return TRUE;
}

static gboolean
load_products (const DossierCatalogueReader *r,
               JsonObject                   *root)
{
  DossierSandboxCatalogue *catalogue = r->catalogue;
  JsonArray *products;

  if (!reader_array (r, root, "products", 1, &products))
    return FALSE;

  catalogue->n_products = json_array_get_length (products);
  catalogue->products = reader_alloc (r, sizeof (DossierSandboxProduct),
                                      catalogue->n_products);

  for (guint i = 0; i < catalogue->n_products; i++)
    {
      DossierSandboxProduct *product = &catalogue->products[i];
      g_autofree char *path = reader_index (r, "products", i);
      DossierCatalogueReader at = reader_at (r, path);
      JsonObject *object = reader_element (&at, products, i);
      const char *description;

      if (object == NULL || !reader_id (&at, object, &product->id))
        return FALSE;
      for (guint j = 0; j < i; j++)
        {
          if (strcmp (catalogue->products[j].id, product->id) == 0)
            return reader_fail (&at, "id", "duplicate product id \"%s\"", product->id);
        }

      if (!reader_string (&at, object, "name", TRUE, &product->name)
          || !reader_annotations (&at, object, FALSE, &description)
          || !load_data_groups (&at, object, product)
          || !load_document_groups (&at, object, product))
        return FALSE;
    }

  return TRUE;
}

static gboolean
load_root (const DossierCatalogueReader *r,
           JsonObject                   *object)
{
  JsonNode *version;
  const char *format;
  const char *description;

  if (!reader_string (r, object, "format", TRUE, &format))
    return FALSE;
  if (strcmp (format, CATALOGUE_FORMAT) != 0)
    return reader_fail (r, "format", "must be \"%s\"", CATALOGUE_FORMAT);

  version = reader_member (object, "version");
  if (version == NULL)
    return reader_fail (r, "version", "is required");
  if (!reader_holds (version, G_TYPE_INT64) || json_node_get_int (version) != 1)
    return reader_fail (r, "version", "must be 1");

  return reader_string (r, object, "description", FALSE, &description)
         && reader_data_fields (r, object)
         && load_products (r, object);
}

DossierSandboxCatalogue *
dossier_sandbox_catalogue_load (JsonNode   *root,
                                const char *label,
                                GError    **error)
{
  DossierSandboxCatalogue *catalogue;
  DossierCatalogueReader reader;

  g_return_val_if_fail (label != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  catalogue = g_new0 (DossierSandboxCatalogue, 1);
  catalogue->allocations = g_ptr_array_new_with_free_func (g_free);
  reader = (DossierCatalogueReader) { catalogue, label, error, "" };

  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      reader_fail (&reader, NULL, "the top level must be a JSON object");
      dossier_sandbox_catalogue_free (catalogue);
      return NULL;
    }

  catalogue->root = json_node_ref (root);
  if (!load_root (&reader, json_node_get_object (root)))
    {
      dossier_sandbox_catalogue_free (catalogue);
      return NULL;
    }

  return catalogue;
}
