/* dossier-sandbox-catalogue-load.c — validating a catalogue file (CONTRACT.md §12.2)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every validity rule of §12.2 is checked here, in file order, and the first
 * violation becomes a DOSSIER_SANDBOX_ERROR_CATALOGUE whose message names the
 * member by its path, e.g.
 * `products[1].documents[0].valid_documents[2]: require_back_image needs require_image`.
 * A `null` member counts as absent. Members that §12.2 does not list are ignored.
 */

#define G_LOG_DOMAIN "dossier-sandbox"

#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "dossier-sandbox-catalogue-private.h"
#include "dossier-sandbox-engine.h"

#define CATALOGUE_FORMAT "dossier-sandbox-catalogue"
#define ID_PATTERN       "^[a-z][a-z0-9_]{0,63}$"

static const char * const reserved_keys[] = {
  "id", "type", "status", "created_at", "updated_at", "first_name", "second_name",
  "last_name", "email", "birth_date", "address", "phone_country_code", "phone_number",
};

typedef struct
{
  DossierSandboxCatalogue *catalogue;
  const char              *label;
  GError                 **error;
} Loader;

static gboolean G_GNUC_PRINTF (3, 4)
fail (Loader     *loader,
      const char *path,
      const char *format,
      ...)
{
  g_autofree char *problem = NULL;
  va_list args;

  va_start (args, format);
  problem = g_strdup_vprintf (format, args);
  va_end (args);

  if (path != NULL && path[0] != '\0')
    g_set_error (loader->error, DOSSIER_SANDBOX_ERROR, DOSSIER_SANDBOX_ERROR_CATALOGUE,
                 "Invalid %s: %s: %s", loader->label, path, problem);
  else
    g_set_error (loader->error, DOSSIER_SANDBOX_ERROR, DOSSIER_SANDBOX_ERROR_CATALOGUE,
                 "Invalid %s: %s", loader->label, problem);

  return FALSE;
}

static gpointer
alloc_array (Loader *loader,
             gsize   element_size,
             guint   n)
{
  gpointer array = g_malloc0 (element_size * MAX (n, 1));

  g_ptr_array_add (loader->catalogue->allocations, array);
  return array;
}

static char *
join (const char *path,
      const char *name)
{
  return path[0] == '\0' ? g_strdup (name) : g_strconcat (path, ".", name, NULL);
}

static gboolean
is_id (const char *text)
{
  gsize len = strlen (text);

  if (len < 1 || len > 64 || !g_ascii_islower (text[0]))
    return FALSE;

  for (gsize i = 1; i < len; i++)
    {
      if (!g_ascii_islower (text[i]) && !g_ascii_isdigit (text[i]) && text[i] != '_')
        return FALSE;
    }

  return TRUE;
}

/* A member, or NULL when absent or null. */
static JsonNode *
get_member (JsonObject *object,
            const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  return node == NULL || JSON_NODE_HOLDS_NULL (node) ? NULL : node;
}

static gboolean
holds_type (JsonNode *node,
            GType     type)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == type;
}

static gboolean
is_number (JsonNode *node)
{
  return holds_type (node, G_TYPE_INT64) || holds_type (node, G_TYPE_DOUBLE);
}

static gboolean
get_string (Loader      *loader,
            JsonObject  *object,
            const char  *path,
            const char  *name,
            gboolean     required,
            const char **out)
{
  JsonNode *node = get_member (object, name);
  g_autofree char *member_path = join (path, name);

  *out = NULL;
  if (node == NULL)
    return required ? fail (loader, member_path, "is required") : TRUE;
  if (!holds_type (node, G_TYPE_STRING))
    return fail (loader, member_path, "must be a string");

  *out = json_node_get_string (node);
  return TRUE;
}

static gboolean
get_bool (Loader     *loader,
          JsonObject *object,
          const char *path,
          const char *name,
          gboolean    required,
          gboolean   *out)
{
  JsonNode *node = get_member (object, name);
  g_autofree char *member_path = join (path, name);

  *out = FALSE;
  if (node == NULL)
    return required ? fail (loader, member_path, "is required") : TRUE;
  if (!holds_type (node, G_TYPE_BOOLEAN))
    return fail (loader, member_path, "must be true or false");

  *out = json_node_get_boolean (node);
  return TRUE;
}

static gboolean
get_array (Loader      *loader,
           JsonObject  *object,
           const char  *path,
           const char  *name,
           guint        min_length,
           JsonArray  **out)
{
  JsonNode *node = get_member (object, name);
  g_autofree char *member_path = join (path, name);

  *out = NULL;
  if (node == NULL)
    return fail (loader, member_path, "is required");
  if (!JSON_NODE_HOLDS_ARRAY (node))
    return fail (loader, member_path, "must be an array");

  *out = json_node_get_array (node);
  if (json_array_get_length (*out) < min_length)
    return fail (loader, member_path, "must not be empty");

  return TRUE;
}

/* Element @index of an array of objects. */
static JsonObject *
get_element (Loader     *loader,
             JsonArray  *array,
             guint       index,
             const char *path)
{
  JsonNode *node = json_array_get_element (array, index);

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      fail (loader, path, "must be an object");
      return NULL;
    }

  return json_node_get_object (node);
}

/* The optional ANNOTATIONS of every spec: `invented` (bool) and `description` (string). */
static gboolean
check_annotations (Loader     *loader,
                   JsonObject *object,
                   const char *path,
                   gboolean    description_required,
                   const char **description)
{
  gboolean invented;
  const char *text;

  return get_bool (loader, object, path, "invented", FALSE, &invented)
         && get_string (loader, object, path, "description", description_required,
                        description != NULL ? description : &text);
}

/* `data_type`, `values`, `minimum`, `maximum` of a data field or a metadata spec. */
static gboolean
load_value_spec (Loader           *loader,
                 JsonObject       *object,
                 const char       *path,
                 gboolean          is_data_field,
                 DossierValueSpec *spec)
{
  const char *type_name;
  JsonNode *values;
  g_autofree char *type_path = join (path, "data_type");
  g_autofree char *values_path = join (path, "values");
  const char *bounds[] = { "minimum", "maximum" };

  if (!get_string (loader, object, path, "data_type", TRUE, &type_name))
    return FALSE;

  spec->type = dossier_data_type_from_string (type_name);
  if (spec->type == DOSSIER_DATA_TYPE_UNKNOWN
      || strcmp (dossier_data_type_to_string (spec->type), type_name) != 0)
    return fail (loader, type_path,
                 "unknown data type \"%s\" (STRING, PHONE, DATE, NUMBER, EMAIL, COUNTRY or ENUM)",
                 type_name);
  if (spec->type == DOSSIER_DATA_TYPE_PHONE && !is_data_field)
    return fail (loader, type_path, "PHONE is not allowed for metadata");

  values = get_member (object, "values");
  if (spec->type != DOSSIER_DATA_TYPE_ENUM && values != NULL)
    return fail (loader, values_path, "is only allowed for ENUM");
  if (spec->type == DOSSIER_DATA_TYPE_ENUM)
    {
      JsonArray *array;
      const char **strings;
      guint n;

      if (!get_array (loader, object, path, "values", 1, &array))
        return FALSE;

      n = json_array_get_length (array);
      strings = alloc_array (loader, sizeof (char *), n + 1);
      for (guint i = 0; i < n; i++)
        {
          JsonNode *node = json_array_get_element (array, i);
          g_autofree char *element_path = g_strdup_printf ("%s[%u]", values_path, i);

          if (!holds_type (node, G_TYPE_STRING) || json_node_get_string (node)[0] == '\0')
            return fail (loader, element_path, "must be a non-empty string");
          strings[i] = json_node_get_string (node);
          for (guint j = 0; j < i; j++)
            {
              if (strcmp (strings[j], strings[i]) == 0)
                return fail (loader, element_path, "duplicate value \"%s\"", strings[i]);
            }
        }
      spec->values = strings;
    }

  /* MetadataSpec lists no bounds: there they are ignored members. */
  for (guint i = 0; is_data_field && i < G_N_ELEMENTS (bounds); i++)
    {
      JsonNode *node = get_member (object, bounds[i]);
      g_autofree char *bound_path = join (path, bounds[i]);
      double value;

      if (node == NULL)
        continue;
      if (spec->type != DOSSIER_DATA_TYPE_NUMBER)
        return fail (loader, bound_path, "is only allowed for NUMBER");
      if (!is_number (node))
        return fail (loader, bound_path, "must be a number");

      value = json_node_get_double (node);
      if (!isfinite (value))
        return fail (loader, bound_path, "must be a finite number");
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
load_data_fields (Loader     *loader,
                  JsonObject *root)
{
  DossierSandboxCatalogue *catalogue = loader->catalogue;
  JsonNode *node = get_member (root, "data_fields");
  g_autoptr(GList) keys = NULL;
  JsonObject *object;
  guint i = 0;

  if (node == NULL)
    return fail (loader, "data_fields", "is required");
  if (!JSON_NODE_HOLDS_OBJECT (node))
    return fail (loader, "data_fields", "must be an object");

  object = json_node_get_object (node);
  keys = json_object_get_members (object);
  catalogue->n_fields = g_list_length (keys);
  catalogue->fields = alloc_array (loader, sizeof (DossierSandboxDataField), catalogue->n_fields);

  for (GList *l = keys; l != NULL; l = l->next, i++)
    {
      const char *key = l->data;
      DossierSandboxDataField *field = &catalogue->fields[i];
      g_autofree char *path = g_strconcat ("data_fields.", key, NULL);
      JsonNode *spec_node = json_object_get_member (object, key);

      if (!is_id (key))
        return fail (loader, path, "key must match %s", ID_PATTERN);
      for (guint r = 0; r < G_N_ELEMENTS (reserved_keys); r++)
        {
          if (strcmp (key, reserved_keys[r]) == 0)
            return fail (loader, path, "key is reserved for a core client member");
        }
      if (!JSON_NODE_HOLDS_OBJECT (spec_node))
        return fail (loader, path, "must be an object");

      /* The member names of json-glib live as long as the object. */
      field->key = key;
      if (!load_value_spec (loader, json_node_get_object (spec_node), path, TRUE, &field->spec)
          || !check_annotations (loader, json_node_get_object (spec_node), path, FALSE, NULL))
        return FALSE;

      if (field->spec.type == DOSSIER_DATA_TYPE_PHONE)
        {
          field->country_code_member = g_strconcat (key, "_country_code", NULL);
          field->number_member = g_strconcat (key, "_number", NULL);
          g_ptr_array_add (catalogue->allocations, field->country_code_member);
          g_ptr_array_add (catalogue->allocations, field->number_member);
        }
    }

  /* A PHONE key K owns K_country_code and K_number: no other field may be one of them. */
  for (i = 0; i < catalogue->n_fields; i++)
    {
      const DossierSandboxDataField *field = &catalogue->fields[i];
      g_autofree char *path = g_strconcat ("data_fields.", field->key, NULL);

      if (field->spec.type != DOSSIER_DATA_TYPE_PHONE)
        continue;
      if (json_object_has_member (object, field->country_code_member))
        return fail (loader, path, "its storage member %s is also a data field",
                     field->country_code_member);
      if (json_object_has_member (object, field->number_member))
        return fail (loader, path, "its storage member %s is also a data field",
                     field->number_member);
    }

  qsort (catalogue->fields, catalogue->n_fields, sizeof (DossierSandboxDataField), compare_fields);
  return TRUE;
}

static const DossierSandboxDataField *
find_field (DossierSandboxCatalogue *catalogue,
            const char              *key)
{
  DossierSandboxDataField needle = { .key = key };

  return bsearch (&needle, catalogue->fields, catalogue->n_fields,
                  sizeof (DossierSandboxDataField), compare_fields);
}

/* id, name, description, required of a data or document group. */
static gboolean
load_group_header (Loader      *loader,
                   JsonObject  *object,
                   const char  *path,
                   const char **id,
                   const char **name,
                   const char **description,
                   gboolean    *required)
{
  return get_string (loader, object, path, "id", TRUE, id)
         && get_string (loader, object, path, "name", TRUE, name)
         && get_string (loader, object, path, "description", TRUE, description)
         && get_bool (loader, object, path, "required", TRUE, required);
}

static gboolean
load_data_groups (Loader                *loader,
                  JsonObject            *object,
                  const char            *path,
                  DossierSandboxProduct *product)
{
  g_autoptr(GHashTable) keys = g_hash_table_new (g_str_hash, g_str_equal);
  JsonArray *groups;

  if (!get_array (loader, object, path, "data", 0, &groups))
    return FALSE;

  product->n_data = json_array_get_length (groups);
  product->data = alloc_array (loader, sizeof (DossierSandboxDataGroup), product->n_data);

  for (guint i = 0; i < product->n_data; i++)
    {
      DossierSandboxDataGroup *group = &product->data[i];
      g_autofree char *group_path = g_strdup_printf ("%s.data[%u]", path, i);
      JsonObject *group_object = get_element (loader, groups, i, group_path);
      JsonArray *fields;

      if (group_object == NULL
          || !load_group_header (loader, group_object, group_path, &group->id, &group->name,
                                 &group->description, &group->required))
        return FALSE;
      for (guint j = 0; j < i; j++)
        {
          if (strcmp (product->data[j].id, group->id) == 0)
            return fail (loader, group_path, "duplicate data group id \"%s\"", group->id);
        }

      if (!get_array (loader, group_object, group_path, "fields", 1, &fields))
        return FALSE;
      group->n_fields = json_array_get_length (fields);
      group->fields = alloc_array (loader, sizeof (DossierSandboxGroupField), group->n_fields);

      for (guint j = 0; j < group->n_fields; j++)
        {
          g_autofree char *field_path = g_strdup_printf ("%s.fields[%u]", group_path, j);
          JsonObject *field_object = get_element (loader, fields, j, field_path);
          const char *key;

          if (field_object == NULL
              || !get_string (loader, field_object, field_path, "key", TRUE, &key)
              || !get_bool (loader, field_object, field_path, "required", TRUE,
                            &group->fields[j].required))
            return FALSE;

          group->fields[j].field = find_field (loader->catalogue, key);
          if (group->fields[j].field == NULL)
            return fail (loader, field_path, "key \"%s\" is not a key of data_fields", key);
          if (!g_hash_table_add (keys, (gpointer) group->fields[j].field->key))
            return fail (loader, field_path,
                         "data key \"%s\" appears more than once in the product", key);
        }
    }

  return TRUE;
}

static gboolean
load_metadata (Loader                     *loader,
               JsonObject                 *object,
               const char                 *path,
               DossierSandboxDocumentRule *document)
{
  JsonArray *metadata;

  if (!get_array (loader, object, path, "metadata", 0, &metadata))
    return FALSE;

  document->n_metadata = json_array_get_length (metadata);
  document->metadata = alloc_array (loader, sizeof (DossierSandboxMetadataRule),
                                    document->n_metadata);

  for (guint i = 0; i < document->n_metadata; i++)
    {
      DossierSandboxMetadataRule *rule = &document->metadata[i];
      g_autofree char *rule_path = g_strdup_printf ("%s.metadata[%u]", path, i);
      g_autofree char *id_path = join (rule_path, "id");
      g_autofree char *expiry_path = join (rule_path, "expiry");
      g_autofree char *age_path = join (rule_path, "max_age_days");
      JsonObject *rule_object = get_element (loader, metadata, i, rule_path);
      JsonNode *age;
      gboolean invented;

      if (rule_object == NULL
          || !get_string (loader, rule_object, rule_path, "id", TRUE, &rule->id))
        return FALSE;
      if (!is_id (rule->id))
        return fail (loader, id_path, "must match %s", ID_PATTERN);
      for (guint j = 0; j < i; j++)
        {
          if (strcmp (document->metadata[j].id, rule->id) == 0)
            return fail (loader, id_path, "duplicate metadata id \"%s\" in the document", rule->id);
        }

      if (!get_string (loader, rule_object, rule_path, "name", TRUE, &rule->name)
          || !load_value_spec (loader, rule_object, rule_path, FALSE, &rule->spec)
          || !get_bool (loader, rule_object, rule_path, "required", TRUE, &rule->required)
          || !get_bool (loader, rule_object, rule_path, "expiry", FALSE, &rule->expiry)
          || !get_bool (loader, rule_object, rule_path, "invented", FALSE, &invented))
        return FALSE;

      if (get_member (rule_object, "expiry") != NULL && rule->spec.type != DOSSIER_DATA_TYPE_DATE)
        return fail (loader, expiry_path, "is only allowed for DATE");

      age = get_member (rule_object, "max_age_days");
      if (age != NULL)
        {
          if (rule->spec.type != DOSSIER_DATA_TYPE_DATE)
            return fail (loader, age_path, "is only allowed for DATE");
          if (!holds_type (age, G_TYPE_INT64) || json_node_get_int (age) < 1)
            return fail (loader, age_path, "must be an integer of at least 1");
          /* No date is older than G_MAXUINT days: clamping changes nothing. */
          rule->max_age_days = (guint) MIN (json_node_get_int (age), (gint64) G_MAXUINT);
        }
    }

  return TRUE;
}

static gboolean
load_document_groups (Loader                *loader,
                      JsonObject            *object,
                      const char            *path,
                      DossierSandboxProduct *product)
{
  g_autoptr(GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);
  JsonArray *groups;

  if (!get_array (loader, object, path, "documents", 0, &groups))
    return FALSE;

  product->n_documents = json_array_get_length (groups);
  product->documents = alloc_array (loader, sizeof (DossierSandboxDocumentGroup),
                                    product->n_documents);

  for (guint i = 0; i < product->n_documents; i++)
    {
      DossierSandboxDocumentGroup *group = &product->documents[i];
      g_autofree char *group_path = g_strdup_printf ("%s.documents[%u]", path, i);
      JsonObject *group_object = get_element (loader, groups, i, group_path);
      JsonArray *documents;

      if (group_object == NULL
          || !load_group_header (loader, group_object, group_path, &group->id, &group->name,
                                 &group->description, &group->required)
          || !check_annotations (loader, group_object, group_path, TRUE, &group->description))
        return FALSE;
      for (guint j = 0; j < i; j++)
        {
          if (strcmp (product->documents[j].id, group->id) == 0)
            return fail (loader, group_path, "duplicate document group id \"%s\"", group->id);
        }

      if (!get_array (loader, group_object, group_path, "valid_documents", 1, &documents))
        return FALSE;
      group->n_documents = json_array_get_length (documents);
      group->documents = alloc_array (loader, sizeof (DossierSandboxDocumentRule),
                                      group->n_documents);

      for (guint j = 0; j < group->n_documents; j++)
        {
          DossierSandboxDocumentRule *document = &group->documents[j];
          g_autofree char *document_path = g_strdup_printf ("%s.valid_documents[%u]",
                                                            group_path, j);
          g_autofree char *id_path = join (document_path, "id");
          JsonObject *document_object = get_element (loader, documents, j, document_path);

          if (document_object == NULL
              || !get_string (loader, document_object, document_path, "id", TRUE, &document->id))
            return FALSE;
          if (!is_id (document->id))
            return fail (loader, id_path, "must match %s", ID_PATTERN);
          if (!g_hash_table_add (ids, (gpointer) document->id))
            return fail (loader, id_path,
                         "document id \"%s\" appears more than once in the product",
                         document->id);

          if (!get_string (loader, document_object, document_path, "name", TRUE, &document->name)
              || !get_string (loader, document_object, document_path, "description", TRUE,
                              &document->description)
              || !get_bool (loader, document_object, document_path, "required", TRUE,
                            &document->required)
              || !get_bool (loader, document_object, document_path, "require_image", TRUE,
                            &document->require_image)
              || !get_bool (loader, document_object, document_path, "require_back_image", TRUE,
                            &document->require_back_image)
              || !check_annotations (loader, document_object, document_path, TRUE,
                                     &document->description))
            return FALSE;
          if (document->require_back_image && !document->require_image)
            return fail (loader, document_path, "require_back_image needs require_image");

          if (!load_metadata (loader, document_object, document_path, document))
            return FALSE;
        }
    }

  return TRUE;
}

static gboolean
load_products (Loader     *loader,
               JsonObject *root)
{
  DossierSandboxCatalogue *catalogue = loader->catalogue;
  JsonArray *products;

  if (!get_array (loader, root, "", "products", 1, &products))
    return FALSE;

  catalogue->n_products = json_array_get_length (products);
  catalogue->products = alloc_array (loader, sizeof (DossierSandboxProduct), catalogue->n_products);

  for (guint i = 0; i < catalogue->n_products; i++)
    {
      DossierSandboxProduct *product = &catalogue->products[i];
      g_autofree char *path = g_strdup_printf ("products[%u]", i);
      g_autofree char *id_path = join (path, "id");
      JsonObject *object = get_element (loader, products, i, path);
      const char *description;

      if (object == NULL || !get_string (loader, object, path, "id", TRUE, &product->id))
        return FALSE;
      if (!is_id (product->id))
        return fail (loader, id_path, "must match %s", ID_PATTERN);
      for (guint j = 0; j < i; j++)
        {
          if (strcmp (catalogue->products[j].id, product->id) == 0)
            return fail (loader, id_path, "duplicate product id \"%s\"", product->id);
        }

      if (!get_string (loader, object, path, "name", TRUE, &product->name)
          || !check_annotations (loader, object, path, FALSE, &description)
          || !load_data_groups (loader, object, path, product)
          || !load_document_groups (loader, object, path, product))
        return FALSE;
    }

  return TRUE;
}

DossierSandboxCatalogue *
dossier_sandbox_catalogue_load (JsonNode   *root,
                                const char *label,
                                GError    **error)
{
  DossierSandboxCatalogue *catalogue;
  Loader loader;
  JsonObject *object;
  JsonNode *version;
  const char *format;
  const char *description;

  g_return_val_if_fail (label != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  catalogue = g_new0 (DossierSandboxCatalogue, 1);
  catalogue->allocations = g_ptr_array_new_with_free_func (g_free);
  loader = (Loader) { catalogue, label, error };

  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      fail (&loader, NULL, "the top level must be a JSON object");
      goto failed;
    }
  catalogue->root = json_node_ref (root);
  object = json_node_get_object (root);

  if (!get_string (&loader, object, "", "format", TRUE, &format))
    goto failed;
  if (strcmp (format, CATALOGUE_FORMAT) != 0)
    {
      fail (&loader, "format", "must be \"%s\"", CATALOGUE_FORMAT);
      goto failed;
    }

  version = get_member (object, "version");
  if (version == NULL)
    {
      fail (&loader, "version", "is required");
      goto failed;
    }
  if (!holds_type (version, G_TYPE_INT64) || json_node_get_int (version) != 1)
    {
      fail (&loader, "version", "must be 1");
      goto failed;
    }

  if (!get_string (&loader, object, "", "description", FALSE, &description)
      || !load_data_fields (&loader, object)
      || !load_products (&loader, object))
    goto failed;

  return catalogue;

failed:
  dossier_sandbox_catalogue_free (catalogue);
  return NULL;
}
