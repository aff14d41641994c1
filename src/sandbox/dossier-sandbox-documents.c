/* dossier-sandbox-documents.c — complete product documentation (CONTRACT.md §8.7, §10)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An upload runs in three parts: the §8.7 checks on the engine's thread, the
 * §10 check of a DossierSandboxUpload (inline, or on a worker thread for
 * dossier_sandbox_engine_finish_async()), then, back on the engine's thread, a
 * re-check of what may have changed meanwhile and the store or the rejection.
 */
#include "config.h"

#include <string.h>

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

struct _DossierSandboxUpload
{
  char                             *client_id;
  char                             *request_id;
  char                             *document_type;   /* as sent */
  const DossierSandboxDocumentRule *rule;            /* the catalogue's, lives with the engine */
  char                             *group_id;
  JsonObject                       *document;        /* the request's object, or a deep copy */
  GDate                             today;
  GPtrArray                        *reasons;         /* filled by the check */
  DossierSandboxImageInfo           front;
  DossierSandboxImageInfo           back;
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

/* A copy that shares nothing with the original (not even JsonValue
 * reference counts), for a worker thread to read while the parsed body goes. */
static JsonNode *
deep_copy_node (JsonNode *node)
{
  JsonNode *copy = json_node_alloc ();

  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_OBJECT:
      {
        JsonObjectIter iter;
        JsonObject *object = json_object_new ();
        const char *name;
        JsonNode *member;

        json_object_iter_init (&iter, json_node_get_object (node));
        while (json_object_iter_next (&iter, &name, &member))
          json_object_set_member (object, name, deep_copy_node (member));
        json_node_init (copy, JSON_NODE_OBJECT);
        json_node_take_object (copy, object);
        return copy;
      }
    case JSON_NODE_ARRAY:
      {
        JsonArray *source = json_node_get_array (node);
        JsonArray *array = json_array_sized_new (json_array_get_length (source));

        for (guint i = 0; i < json_array_get_length (source); i++)
          json_array_add_element (array, deep_copy_node (json_array_get_element (source, i)));
        json_node_init (copy, JSON_NODE_ARRAY);
        json_node_take_array (copy, array);
        return copy;
      }
    case JSON_NODE_VALUE:
      switch (json_node_get_value_type (node))
        {
        case G_TYPE_STRING:
          return json_node_init_string (copy, json_node_get_string (node));
        case G_TYPE_INT64:
          return json_node_init_int (copy, json_node_get_int (node));
        case G_TYPE_DOUBLE:
          return json_node_init_double (copy, json_node_get_double (node));
        case G_TYPE_BOOLEAN:
          return json_node_init_boolean (copy, json_node_get_boolean (node));
        default:
          return json_node_init_null (copy);
        }
    case JSON_NODE_NULL:
    default:
      return json_node_init_null (copy);
    }
}

void
_dossier_sandbox_upload_free (DossierSandboxUpload *upload)
{
  if (upload == NULL)
    return;

  g_free (upload->client_id);
  g_free (upload->request_id);
  g_free (upload->document_type);
  g_free (upload->group_id);
  g_clear_pointer (&upload->document, json_object_unref);
  g_clear_pointer (&upload->reasons, g_ptr_array_unref);
  dossier_sandbox_image_info_clear (&upload->front);
  dossier_sandbox_image_info_clear (&upload->back);
  g_free (upload);
}

void
_dossier_sandbox_upload_check (DossierSandboxUpload *upload)
{
  dossier_sandbox_document_check (upload->rule, upload->document, &upload->today,
                                  upload->reasons, &upload->front, &upload->back);
}

static DossierSandboxResponse *
add_document (DossierSandboxEngine   *self,
              DossierSandboxRequest  *request,
              DossierSandboxUpload   *upload,
              const char             *trace_id)
{
  g_autoptr(JsonArray) rejected = json_array_new ();
  g_autoptr(JsonNode) result = NULL;

  if (upload->reasons->len > 0)
    {
      for (guint i = 0; i < upload->reasons->len; i++)
        _dossier_sandbox_rejected_add (rejected, upload->rule->id,
                                       g_ptr_array_index (upload->reasons, i));
    }
  else
    {
      DossierSandboxDocument *accepted = g_new0 (DossierSandboxDocument, 1);
      JsonNode *node = get_member (upload->document, "metadata");

      accepted->document_type = g_strdup (upload->rule->id);
      accepted->group_id = g_strdup (upload->group_id);
      if (node != NULL)
        accepted->metadata = json_node_copy (node);
      else
        {
          accepted->metadata = json_node_new (JSON_NODE_OBJECT);
          json_node_take_object (accepted->metadata, json_object_new ());
        }
      accepted->front = upload->front;
      accepted->back = upload->back;
      memset (&upload->front, 0, sizeof upload->front);
      memset (&upload->back, 0, sizeof upload->back);
      accepted->accepted_at = _dossier_sandbox_engine_now (self);
      g_ptr_array_add (request->documents, accepted);
      request->updated_at = accepted->accepted_at;
      _dossier_sandbox_request_changed (request);
      _dossier_sandbox_engine_changed (self);
    }

  result = _dossier_sandbox_request_result (self, request, rejected);
  return _dossier_sandbox_response_json (trace_id, result);
}

static DossierSandboxResponse *
invalid_state (const char            *trace_id,
               DossierSandboxRequest *request)
{
  return _dossier_sandbox_response_error (trace_id, 412, "INVALID_STATE",
                                          "Product request is %s; documents can only be added while it is requested or pending_documentation",
                                          _dossier_sandbox_status_to_string (request->status));
}

static DossierSandboxResponse *
not_requested (const char *trace_id,
               const char *document_type)
{
  return _dossier_sandbox_response_error (trace_id, 412, "DOCUMENT_NOT_REQUESTED",
                                          "Document type '%s' is not requested by this product request",
                                          document_type);
}

static gboolean
is_open (DossierSandboxRequest *request)
{
  return request->status == DOSSIER_SANDBOX_STATUS_REQUESTED ||
         request->status == DOSSIER_SANDBOX_STATUS_PENDING_DOCUMENTATION;
}

DossierSandboxResponse *
_dossier_sandbox_upload_complete (DossierSandboxEngine   *self,
                                  DossierSandboxExchange *exchange,
                                  DossierSandboxUpload   *upload)
{
  const char *trace_id = exchange->trace_id;
  g_autoptr(GHashTable) satisfied = NULL;
  DossierSandboxClient *client;
  DossierSandboxRequest *request;

  /* The world may have moved while the check ran: a review fell due, a reset
   * forgot the client, a submit closed the request, another upload satisfied
   * the group. Ids are never reused, so a lookup by id is enough. */
  _dossier_sandbox_engine_apply_due_reviews (self);
  client = g_hash_table_lookup (self->clients, upload->client_id);
  if (client == NULL)
    return _dossier_sandbox_response_error (trace_id, 404, "NOT_FOUND",
                                            "Individual client not found with id: %s",
                                            upload->client_id);
  request = g_hash_table_lookup (self->requests, upload->request_id);
  if (request == NULL || request->client != client)
    return _dossier_sandbox_response_error (trace_id, 404, "NOT_FOUND",
                                            "Product request not found with id: %s",
                                            upload->request_id);
  if (!is_open (request))
    return invalid_state (trace_id, request);
  satisfied = _dossier_sandbox_request_satisfied (request);
  if (g_hash_table_contains (satisfied, upload->group_id))
    return not_requested (trace_id, upload->document_type);

  return add_document (self, request, upload, trace_id);
}

DossierSandboxResponse *
_dossier_sandbox_documents_add (DossierSandboxCall *call)
{
  DossierSandboxEngine *self = call->engine;
  DossierSandboxRequest *request = call->request;
  const char *trace_id = call->exchange->trace_id;
  const DossierSandboxDocumentRule *rule;
  g_autoptr(GHashTable) satisfied = NULL;
  DossierSandboxUpload *upload;
  DossierSandboxResponse *response;
  const char *group_id = NULL;
  const char *document_type;
  JsonObject *document;
  JsonNode *node;

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
  if (!is_open (request))
    return invalid_state (trace_id, request);
  satisfied = _dossier_sandbox_request_satisfied (request);
  rule = dossier_sandbox_catalogue_find_document (self->catalogue, request->product, document_type,
                                                  satisfied, &group_id);
  if (rule == NULL)
    return not_requested (trace_id, document_type);

  /* §10: 200 from here on. */
  upload = g_new0 (DossierSandboxUpload, 1);
  upload->client_id = g_strdup (call->client->id);
  upload->request_id = g_strdup (request->id);
  upload->document_type = g_strdup (document_type);
  upload->rule = rule;
  upload->group_id = g_strdup (group_id);
  upload->reasons = g_ptr_array_new_with_free_func (g_free);
  _dossier_sandbox_engine_today (self, &upload->today);

  if (call->upload != NULL)
    {
      /* Checked on another thread: it gets an object of its own. */
      g_autoptr(JsonNode) copy = deep_copy_node (json_object_get_member (call->body, "document"));

      upload->document = json_node_dup_object (copy);
      *call->upload = upload;
      return NULL;
    }

  upload->document = json_object_ref (document);
  _dossier_sandbox_upload_check (upload);
  response = _dossier_sandbox_upload_complete (self, call->exchange, upload);
  _dossier_sandbox_upload_free (upload);
  return response;
}
