/* dossier-product-request-json.c — product requests written back in the server's shape
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The journal keeps the requests as the server sent them (CONTRACT.md §6.3, §6.4); this
 * writes parsed requests back into that shape, for its request cache and for the event
 * recorder's memory of what it saw last.
 */
#include "config.h"

#include "dossier-product-request.h"

static JsonNode *
take_array (JsonArray *array)
{
  JsonNode *node = json_node_new (JSON_NODE_ARRAY);

  json_node_take_array (node, array);
  return node;
}

static JsonNode *
take_object (JsonObject *object)
{
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);

  json_node_take_object (node, object);
  return node;
}

static JsonNode *
string_array (const char * const *values)
{
  JsonArray *array = json_array_new ();

  for (guint i = 0; values != NULL && values[i] != NULL; i++)
    json_array_add_string_element (array, values[i]);

  return take_array (array);
}

static void
add_data_type (JsonObject         *object,
               const char         *raw,
               const char * const *values)
{
  json_object_set_string_member (object, "data_type", raw);
  if (values != NULL && values[0] != NULL)
    json_object_set_member (object, "values", string_array (values));
}

/* missing_requirements back in the shape of CONTRACT.md §6.4, for the journal's cache. */
static JsonNode *
requirements_to_json (DossierRequirements *requirements)
{
  JsonObject *object = json_object_new ();
  JsonArray *documents = json_array_new ();
  JsonArray *data = json_array_new ();
  guint n_doc = requirements != NULL ? dossier_requirements_get_n_document_groups (requirements) : 0;
  guint n_data = requirements != NULL ? dossier_requirements_get_n_data_groups (requirements) : 0;

  for (guint i = 0; i < n_doc; i++)
    {
      const DossierDocumentGroup *group = dossier_requirements_get_document_group (requirements, i);
      JsonObject *g = json_object_new ();
      JsonArray *valid = json_array_new ();

      json_object_set_string_member (g, "id", group->id);
      json_object_set_string_member (g, "name", group->name);
      json_object_set_string_member (g, "description", group->description);
      json_object_set_boolean_member (g, "required", group->required);
      for (guint j = 0; j < group->alternatives->len; j++)
        {
          const DossierDocumentAlternative *alt = g_ptr_array_index (group->alternatives, j);
          JsonObject *a = json_object_new ();
          JsonArray *metadata = json_array_new ();

          json_object_set_string_member (a, "id", alt->id);
          json_object_set_string_member (a, "name", alt->name);
          json_object_set_string_member (a, "description", alt->description);
          json_object_set_boolean_member (a, "required", alt->required);
          json_object_set_boolean_member (a, "require_image", alt->require_image);
          json_object_set_boolean_member (a, "require_back_image", alt->require_back_image);
          for (guint k = 0; k < alt->metadata->len; k++)
            {
              const DossierMetadataField *field = g_ptr_array_index (alt->metadata, k);
              JsonObject *f = json_object_new ();

              json_object_set_string_member (f, "id", field->id);
              json_object_set_string_member (f, "name", field->name);
              add_data_type (f, field->data_type_raw, (const char * const *) field->values);
              json_object_set_boolean_member (f, "required", field->required);
              json_array_add_object_element (metadata, f);
            }
          json_object_set_array_member (a, "metadata", metadata);
          json_array_add_object_element (valid, a);
        }
      json_object_set_array_member (g, "valid_documents", valid);
      json_array_add_object_element (documents, g);
    }

  for (guint i = 0; i < n_data; i++)
    {
      const DossierDataGroup *group = dossier_requirements_get_data_group (requirements, i);
      JsonObject *g = json_object_new ();
      JsonArray *fields = json_array_new ();

      json_object_set_string_member (g, "id", group->id);
      json_object_set_string_member (g, "name", group->name);
      json_object_set_string_member (g, "description", group->description);
      json_object_set_boolean_member (g, "required", group->required);
      for (guint j = 0; j < group->fields->len; j++)
        {
          const DossierDataField *field = g_ptr_array_index (group->fields, j);
          JsonObject *f = json_object_new ();

          json_object_set_string_member (f, "key", field->key);
          add_data_type (f, field->data_type_raw, (const char * const *) field->values);
          json_object_set_boolean_member (f, "required", field->required);
          json_array_add_object_element (fields, f);
        }
      json_object_set_array_member (g, "fields", fields);
      json_array_add_object_element (data, g);
    }

  json_object_set_array_member (object, "documents", documents);
  json_object_set_array_member (object, "data", data);
  return take_object (object);
}

static void
set_string (JsonObject *object,
            const char *member,
            const char *value)
{
  if (value != NULL && *value != '\0')
    json_object_set_string_member (object, member, value);
}

/**
 * dossier_product_requests_to_json:
 * @requests: (element-type DossierProductRequest): one client's requests
 *
 * Writes the requests back in the server's shape (CONTRACT.md §6.3), as the journal's
 * request cache keeps them.
 *
 * Returns: (transfer full): a JSON array node
 */
JsonNode *
dossier_product_requests_to_json (GPtrArray *requests)
{
  JsonArray *array = json_array_new ();

  for (guint i = 0; requests != NULL && i < requests->len; i++)
    {
      DossierProductRequest *request = g_ptr_array_index (requests, i);
      JsonObject *object = json_object_new ();

      set_string (object, "id", dossier_product_request_get_id (request));
      set_string (object, "client_id", dossier_product_request_get_client_id (request));
      set_string (object, "product", dossier_product_request_get_product (request));
      set_string (object, "status", dossier_product_request_get_status_raw (request));
      json_object_set_member (object, "missing_requirements",
                              requirements_to_json (dossier_product_request_get_requirements (request)));
      set_string (object, "rejection_description",
                  dossier_product_request_get_rejection_description (request));
      set_string (object, "created_at", dossier_product_request_get_created_at_raw (request));
      set_string (object, "updated_at", dossier_product_request_get_updated_at_raw (request));
      json_array_add_object_element (array, object);
    }

  return take_array (array);
}
