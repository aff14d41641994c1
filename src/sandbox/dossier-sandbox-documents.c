/* dossier-sandbox-documents.c — complete product documentation (CONTRACT.md §8.7, §10)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "dossier-sandbox-private.h"

typedef struct
{
  const char   *name;
  const char   *path;
  JsonNodeType  type;
  GType         value_type;
} MemberRule;

/* The §8.7 table, in order: the 400 names the first wrong-typed member. */
static const MemberRule document_members[] = {
  { "document_type", "document.document_type", JSON_NODE_VALUE, G_TYPE_STRING },
  { "image_front", "document.image_front", JSON_NODE_VALUE, G_TYPE_STRING },
  { "image_back", "document.image_back", JSON_NODE_VALUE, G_TYPE_STRING },
  { "metadata", "document.metadata", JSON_NODE_OBJECT, G_TYPE_INVALID },
};

static JsonNode *
get_member (JsonObject *object,
            const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  return node != NULL && !JSON_NODE_HOLDS_NULL (node) ? node : NULL;
}

static gboolean
has_type (JsonNode         *node,
          const MemberRule *rule)
{
  if (rule->type == JSON_NODE_OBJECT)
    return JSON_NODE_HOLDS_OBJECT (node);
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == rule->value_type;
}

JsonNode *
_dossier_sandbox_document_to_json (DossierSandboxDocument *document)
{
  g_autoptr(JsonObject) object = json_object_new ();
  g_autofree char *accepted = _dossier_sandbox_format_time (document->accepted_at);
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);

  json_object_set_string_member (object, "document_type", document->document_type);
  json_object_set_string_member (object, "group_id", document->group_id);
  json_object_set_member (object, "metadata", json_node_copy (document->metadata));
  for (guint i = 0; i < 2; i++)
    {
      DossierSandboxImageInfo *info = i == 0 ? &document->front : &document->back;
      const char *name = i == 0 ? "image_front" : "image_back";
      JsonObject *image;

      if (info->media_type == NULL)
        {
          json_object_set_null_member (object, name);
          continue;
        }
      image = json_object_new ();
      json_object_set_string_member (image, "media_type", info->media_type);
      json_object_set_int_member (image, "width", info->width);
      json_object_set_int_member (image, "height", info->height);
      json_object_set_int_member (image, "bytes", info->bytes);
      json_object_set_string_member (image, "sha256", info->sha256);
      json_object_set_object_member (object, name, image);
    }
  json_object_set_string_member (object, "accepted_at", accepted);

  json_node_set_object (node, object);
  return node;
}

DossierSandboxResponse *
_dossier_sandbox_documents_add (DossierSandboxCall *call)
{
  DossierSandboxEngine *self = call->engine;
  DossierSandboxRequest *request = call->request;
  const char *trace_id = call->exchange->trace_id;
  const DossierSandboxDocumentRule *rule;
  g_autoptr(GPtrArray) reasons = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(JsonArray) rejected = json_array_new ();
  g_autoptr(GHashTable) satisfied = NULL;
  g_autoptr(JsonNode) result = NULL;
  DossierSandboxImageInfo front = { 0 }, back = { 0 };
  const char *group_id = NULL;
  const char *document_type;
  JsonObject *document;
  JsonNode *node;
  GDate today;

  /* 400: the JSON types of the §8.7 table, in order. */
  node = get_member (call->body, "document");
  if (node != NULL && !JSON_NODE_HOLDS_OBJECT (node))
    return _dossier_sandbox_response_bad_type (trace_id, "document", JSON_NODE_OBJECT, G_TYPE_INVALID);
  document = node != NULL ? json_node_get_object (node) : NULL;
  for (guint i = 0; document != NULL && i < G_N_ELEMENTS (document_members); i++)
    {
      JsonNode *member = get_member (document, document_members[i].name);

      if (member != NULL && !has_type (member, &document_members[i]))
        return _dossier_sandbox_response_bad_type (trace_id, document_members[i].path,
                                                   document_members[i].type,
                                                   document_members[i].value_type);
    }

  /* 412 VALIDATION_ERROR. */
  if (document == NULL)
    return _dossier_sandbox_response_error (trace_id, 412, "VALIDATION_ERROR",
                                            "Validation failed: document: is required");
  node = get_member (document, "document_type");
  if (node == NULL)
    return _dossier_sandbox_response_error (trace_id, 412, "VALIDATION_ERROR",
                                            "Validation failed: document.document_type: is required");
  document_type = json_node_get_string (node);
  if (dossier_contract_is_blank (document_type))
    return _dossier_sandbox_response_error (trace_id, 412, "VALIDATION_ERROR",
                                            "Validation failed: document.document_type: must not be blank");

  /* 412 INVALID_STATE, then DOCUMENT_NOT_REQUESTED. */
  if (request->status != DOSSIER_SANDBOX_STATUS_REQUESTED &&
      request->status != DOSSIER_SANDBOX_STATUS_PENDING_DOCUMENTATION)
    return _dossier_sandbox_response_error (trace_id, 412, "INVALID_STATE",
                                            "Product request is %s; documents can only be added while it is requested or pending_documentation",
                                            _dossier_sandbox_status_to_string (request->status));
  satisfied = _dossier_sandbox_request_satisfied (request);
  rule = dossier_sandbox_catalogue_find_document (self->catalogue, request->product, document_type,
                                                  satisfied, &group_id);
  if (rule == NULL)
    return _dossier_sandbox_response_error (trace_id, 412, "DOCUMENT_NOT_REQUESTED",
                                            "Document type '%s' is not requested by this product request",
                                            document_type);

  /* §10: 200 from here on. */
  _dossier_sandbox_engine_today (self, &today);
  dossier_sandbox_document_check (rule, document, &today, reasons, &front, &back);
  if (reasons->len > 0)
    {
      for (guint i = 0; i < reasons->len; i++)
        _dossier_sandbox_rejected_add (rejected, rule->id, g_ptr_array_index (reasons, i));
      dossier_sandbox_image_info_clear (&front);
      dossier_sandbox_image_info_clear (&back);
    }
  else
    {
      DossierSandboxDocument *accepted = g_new0 (DossierSandboxDocument, 1);

      node = get_member (document, "metadata");
      accepted->document_type = g_strdup (rule->id);
      accepted->group_id = g_strdup (group_id);
      if (node != NULL)
        accepted->metadata = json_node_copy (node);
      else
        {
          accepted->metadata = json_node_new (JSON_NODE_OBJECT);
          json_node_take_object (accepted->metadata, json_object_new ());
        }
      accepted->front = front;
      accepted->back = back;
      accepted->accepted_at = _dossier_sandbox_engine_now (self);
      g_ptr_array_add (request->documents, accepted);
      request->updated_at = accepted->accepted_at;
      _dossier_sandbox_request_changed (request);
      _dossier_sandbox_engine_changed (self);
    }

  result = _dossier_sandbox_request_result (self, request, rejected);
  return _dossier_sandbox_response_json (trace_id, result);
}
