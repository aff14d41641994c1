/* dossier-sandbox-state.c — persistence of the sandbox state (CONTRACT.md §14 --state)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Our own JSON format, with a "version" member. Times are sandbox-clock
 * microseconds. Faults and the rate limiter are not persisted.
 */
#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>

#include "dossier-sandbox-private.h"

#define STATE_FORMAT "dossier-sandbox-state"
#define STATE_VERSION 1

/* ---- saving ---- */

static JsonObject *
image_to_json (const DossierSandboxImageInfo *info)
{
  JsonObject *object;

  if (info->media_type == NULL)
    return NULL;
  object = json_object_new ();
  json_object_set_string_member (object, "media_type", info->media_type);
  json_object_set_int_member (object, "width", info->width);
  json_object_set_int_member (object, "height", info->height);
  json_object_set_int_member (object, "bytes", info->bytes);
  json_object_set_string_member (object, "sha256", info->sha256 != NULL ? info->sha256 : "");
  return object;
}

static void
set_image (JsonObject                    *object,
           const char                    *name,
           const DossierSandboxImageInfo *info)
{
  JsonObject *image = image_to_json (info);

  if (image != NULL)
    json_object_set_object_member (object, name, image);
  else
    json_object_set_null_member (object, name);
}

static JsonObject *
request_to_state (DossierSandboxRequest *request)
{
  JsonObject *object = json_object_new ();
  JsonArray *documents = json_array_new ();

  json_object_set_string_member (object, "id", request->id);
  json_object_set_string_member (object, "product", request->product);
  json_object_set_string_member (object, "status", _dossier_sandbox_status_to_string (request->status));
  json_object_set_int_member (object, "created_at", request->created_at);
  json_object_set_int_member (object, "updated_at", request->updated_at);
  if (request->rejection_description != NULL)
    json_object_set_string_member (object, "rejection_description", request->rejection_description);
  json_object_set_string_member (object, "stored_outcome",
                                 _dossier_sandbox_outcome_to_string (request->stored_outcome));
  if (request->stored_description != NULL)
    json_object_set_string_member (object, "stored_description", request->stored_description);
  json_object_set_string_member (object, "review_outcome",
                                 _dossier_sandbox_outcome_to_string (request->review_outcome));
  if (request->review_description != NULL)
    json_object_set_string_member (object, "review_description", request->review_description);
  json_object_set_int_member (object, "review_due", request->review_due);

  for (guint i = 0; i < request->documents->len; i++)
    {
      DossierSandboxDocument *document = g_ptr_array_index (request->documents, i);
      JsonObject *item = json_object_new ();

      json_object_set_string_member (item, "document_type", document->document_type);
      json_object_set_string_member (item, "group_id", document->group_id);
      json_object_set_member (item, "metadata", json_node_copy (document->metadata));
      set_image (item, "image_front", &document->front);
      set_image (item, "image_back", &document->back);
      json_object_set_int_member (item, "accepted_at", document->accepted_at);
      json_array_add_object_element (documents, item);
    }
  json_object_set_array_member (object, "documents", documents);
  return object;
}

static JsonNode *
state_to_json (DossierSandboxEngine *self)
{
  JsonObject *root = json_object_new ();
  JsonArray *clients = json_array_new ();
  JsonArray *ids = json_array_new ();
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);
  GHashTableIter iter;
  gpointer key;

  json_object_set_string_member (root, "format", STATE_FORMAT);
  json_object_set_int_member (root, "version", STATE_VERSION);
  json_object_set_int_member (root, "offset_us", self->offset);
  for (guint i = 0; i < self->client_order->len; i++)
    {
      DossierSandboxClient *client = g_ptr_array_index (self->client_order, i);
      JsonObject *object = json_object_new ();
      JsonArray *requests = json_array_new ();

      json_object_set_string_member (object, "id", client->id);
      json_object_set_object_member (object, "data", json_object_ref (client->data));
      json_object_set_int_member (object, "created_at", client->created_at);
      json_object_set_int_member (object, "updated_at", client->updated_at);
      for (guint j = 0; j < client->requests->len; j++)
        json_array_add_object_element (requests, request_to_state (g_ptr_array_index (client->requests, j)));
      json_object_set_array_member (object, "requests", requests);
      json_array_add_object_element (clients, object);
    }
  json_object_set_array_member (root, "clients", clients);
  g_hash_table_iter_init (&iter, self->issued_ids);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    json_array_add_string_element (ids, key);
  json_object_set_array_member (root, "issued_ids", ids);

  json_node_take_object (node, root);
  return node;
}

gboolean
_dossier_sandbox_state_save (DossierSandboxEngine  *self,
                             GError               **error)
{
  g_autoptr(JsonNode) node = state_to_json (self);
  g_autoptr(GBytes) bytes = dossier_sandbox_json_to_bytes (node);
  g_autoptr(GError) local_error = NULL;
  gsize size;
  const char *data = g_bytes_get_data (bytes, &size);

  if (!g_file_set_contents_full (self->config->state_file, data, size,
                                 G_FILE_SET_CONTENTS_CONSISTENT | G_FILE_SET_CONTENTS_DURABLE,
                                 0600, &local_error))
    {
      g_set_error (error, DOSSIER_SANDBOX_ERROR, DOSSIER_SANDBOX_ERROR_STATE_WRITE,
                   "Cannot write the state file: %s", local_error->message);
      return FALSE;
    }
  return TRUE;
}

/* ---- loading ---- */

typedef struct
{
  const char *problem;
} Reader;

static JsonNode *
member_of (Reader     *reader,
           JsonObject *object,
           const char *name,
           JsonNodeType type,
           GType       value_type,
           gboolean    optional)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      if (!optional && reader->problem == NULL)
        reader->problem = name;
      return NULL;
    }
  if (JSON_NODE_TYPE (node) != type ||
      (type == JSON_NODE_VALUE && json_node_get_value_type (node) != value_type))
    {
      if (reader->problem == NULL)
        reader->problem = name;
      return NULL;
    }
  return node;
}

static const char *
read_string (Reader *reader, JsonObject *object, const char *name, gboolean optional)
{
  JsonNode *node = member_of (reader, object, name, JSON_NODE_VALUE, G_TYPE_STRING, optional);

  return node != NULL ? json_node_get_string (node) : NULL;
}

static gint64
read_int (Reader *reader, JsonObject *object, const char *name)
{
  JsonNode *node = member_of (reader, object, name, JSON_NODE_VALUE, G_TYPE_INT64, FALSE);

  return node != NULL ? json_node_get_int (node) : 0;
}

static void
read_image (Reader                  *reader,
            JsonObject              *object,
            const char              *name,
            DossierSandboxImageInfo *info)
{
  JsonNode *node = member_of (reader, object, name, JSON_NODE_OBJECT, G_TYPE_INVALID, TRUE);
  JsonObject *image;

  if (node == NULL)
    return;
  image = json_node_get_object (node);
  info->media_type = g_strdup (read_string (reader, image, "media_type", FALSE));
  info->width = read_int (reader, image, "width");
  info->height = read_int (reader, image, "height");
  info->bytes = read_int (reader, image, "bytes");
  info->sha256 = g_strdup (read_string (reader, image, "sha256", FALSE));
}

static DossierSandboxRequest *
read_request (Reader               *reader,
              DossierSandboxClient *client,
              JsonObject           *object)
{
  DossierSandboxRequest *request = _dossier_sandbox_request_new ();
  JsonNode *documents;

  request->id = g_strdup (read_string (reader, object, "id", FALSE));
  request->client = client;
  request->product = g_strdup (read_string (reader, object, "product", FALSE));
  if (!_dossier_sandbox_status_from_string (read_string (reader, object, "status", FALSE),
                                            &request->status) && reader->problem == NULL)
    reader->problem = "status";
  request->created_at = read_int (reader, object, "created_at");
  request->updated_at = read_int (reader, object, "updated_at");
  request->rejection_description = g_strdup (read_string (reader, object, "rejection_description", TRUE));
  request->stored_outcome = _dossier_sandbox_outcome_from_string (read_string (reader, object, "stored_outcome", TRUE));
  request->stored_description = g_strdup (read_string (reader, object, "stored_description", TRUE));
  request->review_outcome = _dossier_sandbox_outcome_from_string (read_string (reader, object, "review_outcome", TRUE));
  request->review_description = g_strdup (read_string (reader, object, "review_description", TRUE));
  request->review_due = read_int (reader, object, "review_due");

  documents = member_of (reader, object, "documents", JSON_NODE_ARRAY, G_TYPE_INVALID, FALSE);
  for (guint i = 0; documents != NULL && i < json_array_get_length (json_node_get_array (documents)); i++)
    {
      JsonNode *item = json_array_get_element (json_node_get_array (documents), i);
      DossierSandboxDocument *document;
      JsonObject *fields;
      JsonNode *metadata;

      if (!JSON_NODE_HOLDS_OBJECT (item))
        {
          reader->problem = "documents";
          break;
        }
      fields = json_node_get_object (item);
      document = g_new0 (DossierSandboxDocument, 1);
      document->document_type = g_strdup (read_string (reader, fields, "document_type", FALSE));
      document->group_id = g_strdup (read_string (reader, fields, "group_id", FALSE));
      metadata = member_of (reader, fields, "metadata", JSON_NODE_OBJECT, G_TYPE_INVALID, FALSE);
      document->metadata = metadata != NULL ? json_node_copy (metadata) : json_node_new (JSON_NODE_OBJECT);
      if (metadata == NULL)
        json_node_take_object (document->metadata, json_object_new ());
      read_image (reader, fields, "image_front", &document->front);
      read_image (reader, fields, "image_back", &document->back);
      document->accepted_at = read_int (reader, fields, "accepted_at");
      g_ptr_array_add (request->documents, document);
    }
  return request;
}

static void
read_state (DossierSandboxEngine *self,
            Reader               *reader,
            JsonObject           *root)
{
  JsonNode *clients, *ids;

  if (g_strcmp0 (read_string (reader, root, "format", FALSE), STATE_FORMAT) != 0 ||
      read_int (reader, root, "version") != STATE_VERSION)
    {
      reader->problem = reader->problem != NULL ? reader->problem : "version";
      return;
    }
  self->offset = read_int (reader, root, "offset_us");
  clients = member_of (reader, root, "clients", JSON_NODE_ARRAY, G_TYPE_INVALID, FALSE);
  ids = member_of (reader, root, "issued_ids", JSON_NODE_ARRAY, G_TYPE_INVALID, TRUE);
  if (clients == NULL)
    return;

  for (guint i = 0; reader->problem == NULL && i < json_array_get_length (json_node_get_array (clients)); i++)
    {
      JsonNode *item = json_array_get_element (json_node_get_array (clients), i);
      DossierSandboxClient *client;
      JsonObject *fields;
      JsonNode *data, *requests;
      const char *id;

      if (!JSON_NODE_HOLDS_OBJECT (item))
        {
          reader->problem = "clients";
          return;
        }
      fields = json_node_get_object (item);
      id = read_string (reader, fields, "id", FALSE);
      data = member_of (reader, fields, "data", JSON_NODE_OBJECT, G_TYPE_INVALID, FALSE);
      requests = member_of (reader, fields, "requests", JSON_NODE_ARRAY, G_TYPE_INVALID, FALSE);
      if (reader->problem != NULL || g_hash_table_contains (self->clients, id))
        {
          reader->problem = reader->problem != NULL ? reader->problem : "id";
          return;
        }
      client = _dossier_sandbox_client_new (id);
      json_object_unref (client->data);
      client->data = json_object_ref (json_node_get_object (data));
      client->created_at = read_int (reader, fields, "created_at");
      client->updated_at = read_int (reader, fields, "updated_at");
      g_hash_table_insert (self->clients, client->id, client);
      g_ptr_array_add (self->client_order, client);
      g_hash_table_add (self->issued_ids, g_strdup (client->id));

      for (guint j = 0; j < json_array_get_length (json_node_get_array (requests)); j++)
        {
          JsonNode *request_node = json_array_get_element (json_node_get_array (requests), j);
          DossierSandboxRequest *request;

          if (!JSON_NODE_HOLDS_OBJECT (request_node))
            {
              reader->problem = "requests";
              return;
            }
          request = read_request (reader, client, json_node_get_object (request_node));
          if (reader->problem != NULL || g_hash_table_contains (self->requests, request->id))
            {
              reader->problem = reader->problem != NULL ? reader->problem : "id";
              _dossier_sandbox_request_free (request);
              return;
            }
          g_hash_table_insert (self->requests, request->id, request);
          g_ptr_array_add (client->requests, request);
          g_hash_table_add (self->issued_ids, g_strdup (request->id));
        }
    }

  for (guint i = 0; ids != NULL && i < json_array_get_length (json_node_get_array (ids)); i++)
    {
      const char *id = json_array_get_string_element (json_node_get_array (ids), i);

      if (id != NULL)
        g_hash_table_add (self->issued_ids, g_strdup (id));
    }
}

/**
 * _dossier_sandbox_state_load:
 * @found: (out): whether the file existed
 *
 * Loads the state file when it exists. Fails with DOSSIER_SANDBOX_ERROR_STATE
 * when it cannot be read or is not a valid state.
 */
gboolean
_dossier_sandbox_state_load (DossierSandboxEngine  *self,
                             gboolean              *found,
                             GError               **error)
{
  const char *path = self->config->state_file;
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *contents = NULL;
  Reader reader = { NULL };
  JsonNode *root;
  gsize length;

  *found = FALSE;
  if (!g_file_get_contents (path, &contents, &length, &local_error))
    {
      if (g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        return TRUE;
      g_set_error (error, DOSSIER_SANDBOX_ERROR, DOSSIER_SANDBOX_ERROR_STATE,
                   "Cannot read the state file: %s", local_error->message);
      return FALSE;
    }
  *found = TRUE;

  parser = json_parser_new ();
  if (!json_parser_load_from_data (parser, contents, length, &local_error))
    {
      g_set_error (error, DOSSIER_SANDBOX_ERROR, DOSSIER_SANDBOX_ERROR_STATE,
                   "Invalid state file %s: %s", path, local_error->message);
      return FALSE;
    }
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    reader.problem = "the top level is not an object";
  else
    read_state (self, &reader, json_node_get_object (root));

  if (reader.problem != NULL)
    {
      _dossier_sandbox_engine_clear_data (self);
      self->offset = 0;
      g_set_error (error, DOSSIER_SANDBOX_ERROR, DOSSIER_SANDBOX_ERROR_STATE,
                   "Invalid state file %s: bad or missing member '%s'", path, reader.problem);
      return FALSE;
    }

  self->next_due = G_MININT64;
  return TRUE;
}
