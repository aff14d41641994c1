/* dossier-sandbox-requests.c — product requests (CONTRACT.md §6.3, §8.5, §8.6, §8.8, §9, §11)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "dossier-sandbox-private.h"

#define REJECT_BY_NAME_DESCRIPTION \
  "Identity verification failed: the identity document does not match the client's data."
#define REJECT_BY_ADMIN_DESCRIPTION "Rejected by the sandbox review."

static const char * const status_names[] = {
  [DOSSIER_SANDBOX_STATUS_REQUESTED] = "requested",
  [DOSSIER_SANDBOX_STATUS_PENDING_DOCUMENTATION] = "pending_documentation",
  [DOSSIER_SANDBOX_STATUS_IN_KYC] = "in_kyc",
  [DOSSIER_SANDBOX_STATUS_ENABLED] = "enabled",
  [DOSSIER_SANDBOX_STATUS_REJECTED] = "rejected",
};

static const char * const outcome_names[] = {
  [DOSSIER_SANDBOX_OUTCOME_NONE] = "none",
  [DOSSIER_SANDBOX_OUTCOME_ENABLED] = "enabled",
  [DOSSIER_SANDBOX_OUTCOME_REJECTED] = "rejected",
  [DOSSIER_SANDBOX_OUTCOME_HELD] = "held",
};

const char *
_dossier_sandbox_status_to_string (DossierSandboxStatus status)
{
  return status_names[status];
}

gboolean
_dossier_sandbox_status_from_string (const char           *text,
                                     DossierSandboxStatus *status)
{
  for (guint i = 0; i < G_N_ELEMENTS (status_names); i++)
    {
      if (g_strcmp0 (text, status_names[i]) == 0)
        {
          *status = i;
          return TRUE;
        }
    }
  return FALSE;
}

const char *
_dossier_sandbox_outcome_to_string (DossierSandboxOutcome outcome)
{
  return outcome_names[outcome];
}

DossierSandboxOutcome
_dossier_sandbox_outcome_from_string (const char *text)
{
  for (guint i = 0; i < G_N_ELEMENTS (outcome_names); i++)
    if (g_strcmp0 (text, outcome_names[i]) == 0)
      return i;
  return DOSSIER_SANDBOX_OUTCOME_NONE;
}

void
_dossier_sandbox_document_free (DossierSandboxDocument *document)
{
  if (document == NULL)
    return;

  g_free (document->document_type);
  g_free (document->group_id);
  g_clear_pointer (&document->metadata, json_node_unref);
  dossier_sandbox_image_info_clear (&document->front);
  dossier_sandbox_image_info_clear (&document->back);
  g_free (document);
}

DossierSandboxRequest *
_dossier_sandbox_request_new (void)
{
  DossierSandboxRequest *request = g_new0 (DossierSandboxRequest, 1);

  request->documents = g_ptr_array_new_with_free_func ((GDestroyNotify) _dossier_sandbox_document_free);
  return request;
}

void
_dossier_sandbox_request_free (DossierSandboxRequest *request)
{
  if (request == NULL)
    return;

  g_free (request->id);
  g_free (request->product);
  g_free (request->rejection_description);
  g_free (request->stored_description);
  g_free (request->review_description);
  g_clear_pointer (&request->documents, g_ptr_array_unref);
  g_free (request);
}

/* The group ids satisfied by the request's accepted documents (a set). */
GHashTable *
_dossier_sandbox_request_satisfied (DossierSandboxRequest *request)
{
  GHashTable *set = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < request->documents->len; i++)
    {
      DossierSandboxDocument *document = g_ptr_array_index (request->documents, i);

      g_hash_table_add (set, document->group_id);
    }
  return set;
}

/* The client's serialised form shows the request's status through its own. */
void
_dossier_sandbox_request_changed (DossierSandboxRequest *request)
{
  g_clear_pointer (&request->client->cache, g_bytes_unref);
}

static gboolean
is_open (DossierSandboxStatus status)
{
  return status == DOSSIER_SANDBOX_STATUS_REQUESTED ||
         status == DOSSIER_SANDBOX_STATUS_PENDING_DOCUMENTATION;
}

static JsonNode *
empty_requirements (void)
{
  g_autoptr(JsonObject) object = json_object_new ();
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);

  json_object_set_array_member (object, "documents", json_array_new ());
  json_object_set_array_member (object, "data", json_array_new ());
  json_node_set_object (node, object);
  return node;
}

/* §6.3: the request as shown, missing_requirements computed live. */
JsonNode *
_dossier_sandbox_request_to_json (DossierSandboxEngine  *self,
                                  DossierSandboxRequest *request)
{
  g_autoptr(JsonObject) object = json_object_new ();
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);
  g_autofree char *created = _dossier_sandbox_format_time (request->created_at);
  g_autofree char *updated = _dossier_sandbox_format_time (request->updated_at);
  JsonNode *requirements;

  json_object_set_string_member (object, "id", request->id);
  json_object_set_string_member (object, "client_id", request->client->id);
  json_object_set_string_member (object, "product", request->product);
  json_object_set_string_member (object, "status", _dossier_sandbox_status_to_string (request->status));
  if (is_open (request->status))
    {
      g_autoptr(GHashTable) satisfied = _dossier_sandbox_request_satisfied (request);

      requirements = dossier_sandbox_catalogue_missing_requirements (self->catalogue, request->product,
                                                                     request->client->data, satisfied);
    }
  else
    requirements = empty_requirements ();
  json_object_set_member (object, "missing_requirements", requirements);
  if (request->status == DOSSIER_SANDBOX_STATUS_REJECTED)
    json_object_set_string_member (object, "rejection_description",
                                   request->rejection_description != NULL ?
                                   request->rejection_description : REJECT_BY_ADMIN_DESCRIPTION);
  json_object_set_string_member (object, "created_at", created);
  json_object_set_string_member (object, "updated_at", updated);

  json_node_set_object (node, object);
  return node;
}

void
_dossier_sandbox_rejected_add (JsonArray  *rejected,
                               const char *key,
                               const char *reason)
{
  JsonObject *item = json_object_new ();

  json_object_set_string_member (item, "type", "document");
  json_object_set_string_member (item, "key", key);
  json_object_set_string_member (item, "reason", reason);
  json_array_add_object_element (rejected, item);
}

/* {product, rejected_items}; @rejected may be NULL (empty). */
JsonNode *
_dossier_sandbox_request_result (DossierSandboxEngine  *self,
                                 DossierSandboxRequest *request,
                                 JsonArray             *rejected)
{
  g_autoptr(JsonObject) object = json_object_new ();
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);

  json_object_set_member (object, "product", _dossier_sandbox_request_to_json (self, request));
  if (rejected != NULL)
    json_object_set_array_member (object, "rejected_items", json_array_ref (rejected));
  else
    json_object_set_array_member (object, "rejected_items", json_array_new ());
  json_node_set_object (node, object);
  return node;
}

/* ---- the simulated review (§11) ---- */

void
_dossier_sandbox_request_complete_review (DossierSandboxRequest *request,
                                          DossierSandboxOutcome  outcome,
                                          const char            *description,
                                          gint64                 when)
{
  g_clear_pointer (&request->rejection_description, g_free);
  if (outcome == DOSSIER_SANDBOX_OUTCOME_REJECTED)
    {
      request->status = DOSSIER_SANDBOX_STATUS_REJECTED;
      request->rejection_description = g_strdup (description != NULL ?
                                                 description : REJECT_BY_ADMIN_DESCRIPTION);
    }
  else
    request->status = DOSSIER_SANDBOX_STATUS_ENABLED;
  request->updated_at = when;
  request->review_outcome = DOSSIER_SANDBOX_OUTCOME_NONE;
  g_clear_pointer (&request->review_description, g_free);
  request->review_due = 0;
  _dossier_sandbox_request_changed (request);
}

static gboolean
is_space (char c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r';
}

/* Rules 2–4 of §11, from the client as it is now. */
static DossierSandboxOutcome
outcome_from_last_name (DossierSandboxClient *client)
{
  JsonNode *node = json_object_get_member (client->data, "last_name");
  const char *name;
  gsize word = 0;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return DOSSIER_SANDBOX_OUTCOME_ENABLED;
  name = json_node_get_string (node);
  while (is_space (*name))
    name++;

  if (g_ascii_strncasecmp (name, "reject", 6) == 0)
    return DOSSIER_SANDBOX_OUTCOME_REJECTED;
  while (name[word] != '\0' && !is_space (name[word]) && name[word] != '-')
    word++;
  if (word == 4 && g_ascii_strncasecmp (name, "hold", 4) == 0)
    return DOSSIER_SANDBOX_OUTCOME_HELD;
  return DOSSIER_SANDBOX_OUTCOME_ENABLED;
}

static void
start_review (DossierSandboxEngine  *self,
              DossierSandboxRequest *request,
              gint64                 now)
{
  request->status = DOSSIER_SANDBOX_STATUS_IN_KYC;
  request->updated_at = now;
  g_clear_pointer (&request->review_description, g_free);
  if (request->stored_outcome != DOSSIER_SANDBOX_OUTCOME_NONE)
    {
      request->review_outcome = request->stored_outcome;
      request->review_description = g_steal_pointer (&request->stored_description);
      request->stored_outcome = DOSSIER_SANDBOX_OUTCOME_NONE;
    }
  else
    {
      request->review_outcome = outcome_from_last_name (request->client);
      if (request->review_outcome == DOSSIER_SANDBOX_OUTCOME_REJECTED)
        request->review_description = g_strdup (REJECT_BY_NAME_DESCRIPTION);
    }
  /* Delays beyond a few millennia are "never" for every practical purpose. */
  request->review_due = self->config->review_delay < 1e11 ?
                        now + (gint64) (self->config->review_delay * G_USEC_PER_SEC) :
                        G_MAXINT64 / 2;
  if (request->review_outcome != DOSSIER_SANDBOX_OUTCOME_HELD)
    self->next_due = MIN (self->next_due, request->review_due);
  _dossier_sandbox_request_changed (request);
}

/**
 * _dossier_sandbox_engine_apply_due_reviews:
 *
 * Completes every review due at or before the sandbox clock's now, each with
 * `updated_at` its due time. Cheap when none is due.
 *
 * Returns: %TRUE when something changed (the state was saved)
 */
gboolean
_dossier_sandbox_engine_apply_due_reviews (DossierSandboxEngine *self)
{
  gint64 now = _dossier_sandbox_engine_now (self);
  gint64 next = G_MAXINT64;
  gboolean changed = FALSE;
  GHashTableIter iter;
  gpointer value;

  if (now < self->next_due)
    return FALSE;

  g_hash_table_iter_init (&iter, self->requests);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      DossierSandboxRequest *request = value;

      if (request->status != DOSSIER_SANDBOX_STATUS_IN_KYC ||
          request->review_outcome == DOSSIER_SANDBOX_OUTCOME_HELD ||
          request->review_outcome == DOSSIER_SANDBOX_OUTCOME_NONE)
        continue;
      if (request->review_due <= now)
        {
          g_autofree char *description = g_strdup (request->review_description);

          _dossier_sandbox_request_complete_review (request, request->review_outcome,
                                                    description, request->review_due);
          changed = TRUE;
        }
      else
        next = MIN (next, request->review_due);
    }
  self->next_due = next;

  if (changed)
    _dossier_sandbox_engine_changed (self);
  return changed;
}

/* ---- endpoints ---- */

DossierSandboxResponse *
_dossier_sandbox_requests_create (DossierSandboxCall *call)
{
  DossierSandboxEngine *self = call->engine;
  DossierSandboxClient *client = call->client;
  const char *trace_id = call->exchange->trace_id;
  g_autoptr(GHashTable) satisfied = NULL;
  g_autoptr(JsonNode) node = NULL;
  DossierSandboxRequest *request;
  JsonNode *member;
  const char *subproduct;

  member = json_object_get_member (call->body, "subproduct");
  if (member != NULL && JSON_NODE_HOLDS_NULL (member))
    member = NULL;
  if (member != NULL &&
      (!JSON_NODE_HOLDS_VALUE (member) || json_node_get_value_type (member) != G_TYPE_STRING))
    return _dossier_sandbox_response_bad_type (trace_id, "subproduct", JSON_NODE_VALUE, G_TYPE_STRING);
  if (member == NULL)
    return _dossier_sandbox_response_error (trace_id, 412, "VALIDATION_ERROR",
                                            "Validation failed: subproduct: is required");
  subproduct = json_node_get_string (member);
  if (dossier_contract_is_blank (subproduct))
    return _dossier_sandbox_response_error (trace_id, 412, "VALIDATION_ERROR",
                                            "Validation failed: subproduct: must not be blank");

  if (!dossier_sandbox_catalogue_has_product (self->catalogue, subproduct))
    {
      g_autoptr(GString) ids = g_string_new (NULL);
      guint n = dossier_sandbox_catalogue_get_n_products (self->catalogue);

      for (guint i = 0; i < n; i++)
        g_string_append_printf (ids, "%s%s", i > 0 ? ", " : "",
                                dossier_sandbox_catalogue_get_product_id (self->catalogue, i));
      return _dossier_sandbox_response_error (trace_id, 412, "UNKNOWN_PRODUCT",
                                              "Unknown subproduct '%s'. Possible values: %s",
                                              subproduct, ids->str);
    }

  for (guint i = 0; i < client->requests->len; i++)
    {
      DossierSandboxRequest *other = g_ptr_array_index (client->requests, i);

      if (g_str_equal (other->product, subproduct) &&
          other->status != DOSSIER_SANDBOX_STATUS_REJECTED)
        return _dossier_sandbox_response_error (trace_id, 412, "PRODUCT_ALREADY_REQUESTED",
                                                "Client already has a %s request %s in status %s",
                                                subproduct, other->id,
                                                _dossier_sandbox_status_to_string (other->status));
    }

  request = _dossier_sandbox_request_new ();
  request->id = _dossier_sandbox_engine_new_id (self);
  request->client = client;
  request->product = g_strdup (subproduct);
  request->created_at = request->updated_at = _dossier_sandbox_engine_now (self);
  satisfied = _dossier_sandbox_request_satisfied (request);
  request->status = dossier_sandbox_catalogue_blocks (self->catalogue, subproduct, client->data, satisfied) ?
                    DOSSIER_SANDBOX_STATUS_PENDING_DOCUMENTATION : DOSSIER_SANDBOX_STATUS_REQUESTED;
  g_hash_table_insert (self->requests, request->id, request);
  g_ptr_array_add (client->requests, request);
  _dossier_sandbox_request_changed (request);
  _dossier_sandbox_engine_changed (self);

  node = _dossier_sandbox_request_to_json (self, request);
  return _dossier_sandbox_response_json (trace_id, node);
}

DossierSandboxResponse *
_dossier_sandbox_requests_list (DossierSandboxCall *call)
{
  GPtrArray *requests = call->client->requests;
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_ARRAY);
  g_autoptr(JsonArray) array = json_array_sized_new (requests->len);

  for (guint i = 0; i < requests->len; i++)
    json_array_add_element (array, _dossier_sandbox_request_to_json (call->engine,
                                                                     g_ptr_array_index (requests, i)));
  json_node_set_array (node, array);
  return _dossier_sandbox_response_json (call->exchange->trace_id, node);
}

/* §9.3 step 1: removes the documents whose dates fail today. */
static gboolean
recheck_documents (DossierSandboxEngine  *self,
                   DossierSandboxRequest *request,
                   JsonArray             *rejected)
{
  gboolean removed = FALSE;
  GDate today;

  _dossier_sandbox_engine_today (self, &today);
  for (guint i = 0; i < request->documents->len;)
    {
      DossierSandboxDocument *document = g_ptr_array_index (request->documents, i);
      const DossierSandboxDocumentRule *rule;
      g_autofree char *reason = NULL;

      rule = dossier_sandbox_catalogue_get_document (self->catalogue, request->product,
                                                     document->document_type, NULL);
      if (rule != NULL)
        reason = dossier_sandbox_document_check_dates (rule, json_node_get_object (document->metadata),
                                                       &today);
      if (reason == NULL)
        {
          i++;
          continue;
        }
      _dossier_sandbox_rejected_add (rejected, document->document_type, reason);
      g_ptr_array_remove_index (request->documents, i);
      removed = TRUE;
    }
  return removed;
}

DossierSandboxResponse *
_dossier_sandbox_requests_submit (DossierSandboxCall *call)
{
  DossierSandboxEngine *self = call->engine;
  DossierSandboxRequest *request = call->request;
  g_autoptr(JsonArray) rejected = json_array_new ();
  g_autoptr(GHashTable) satisfied = NULL;
  g_autoptr(JsonNode) node = NULL;
  gint64 now = _dossier_sandbox_engine_now (self);
  gboolean removed;

  if (!is_open (request->status))
    return _dossier_sandbox_response_error (call->exchange->trace_id, 412, "INVALID_STATE",
                                            "Product request is %s; only requested or pending_documentation requests can be submitted",
                                            _dossier_sandbox_status_to_string (request->status));

  removed = recheck_documents (self, request, rejected);
  satisfied = _dossier_sandbox_request_satisfied (request);
  if (!dossier_sandbox_catalogue_blocks (self->catalogue, request->product,
                                         request->client->data, satisfied))
    start_review (self, request, now);
  else
    {
      if (request->status != DOSSIER_SANDBOX_STATUS_PENDING_DOCUMENTATION || removed)
        request->updated_at = now;
      request->status = DOSSIER_SANDBOX_STATUS_PENDING_DOCUMENTATION;
      _dossier_sandbox_request_changed (request);
    }
  _dossier_sandbox_engine_changed (self);

  node = _dossier_sandbox_request_result (self, request, rejected);
  return _dossier_sandbox_response_json (call->exchange->trace_id, node);
}
