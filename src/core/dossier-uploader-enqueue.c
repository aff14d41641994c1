/* dossier-uploader-enqueue.c — committing a document to the upload queue before sending it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "dossier-data-uri.h"
#include "dossier-uploader-private.h"

static void
enqueue_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  DossierUploader *self = g_task_get_source_object (task);
  DossierJournalUpload *upload = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  DossierUploadEntry *entry;
  gint64 id;

  id = dossier_journal_enqueue_upload_finish (DOSSIER_JOURNAL (source), result, &error);
  if (id <= 0)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* The uploader may be gone (disposed) while the journal committed: the upload stays
   * pending in the journal and the next resume picks it up. */
  if (self->entries != NULL)
    {
      upload->id = id;
      upload->state = DOSSIER_JOURNAL_UPLOAD_STATE_PENDING;
      upload->created_at = upload->updated_at = g_get_real_time ();
      entry = _dossier_uploader_ensure_entry (self, upload);
      _dossier_uploader_queue (self, entry);
    }

  g_task_return_int (task, id);
}

static gboolean
blank (const char *text)
{
  return text == NULL || text[0] == '\0';
}

/**
 * dossier_uploader_enqueue_bytes_async:
 * @self: a #DossierUploader
 * @client_id: the client
 * @request_id: the product request
 * @group_id: the document group the document is for
 * @document_type: the chosen alternative's id (e.g. "passport")
 * @metadata: (nullable): the metadata map as it will be sent
 * @front: the prepared front image bytes (JPEG or PNG)
 * @back: (nullable): the prepared back image bytes
 * @cancellable: (nullable): the callback then reports %G_IO_ERROR_CANCELLED; the upload
 *   is still queued and sent
 * @callback: called once the upload is committed to the journal
 * @user_data: data for @callback
 */
void
dossier_uploader_enqueue_bytes_async (DossierUploader     *self,
                                      const char          *client_id,
                                      const char          *request_id,
                                      const char          *group_id,
                                      const char          *document_type,
                                      JsonObject          *metadata,
                                      GBytes              *front,
                                      GBytes              *back,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  DossierJournalUpload *upload;

  g_return_if_fail (DOSSIER_IS_UPLOADER (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, dossier_uploader_enqueue_async);

  if (blank (client_id) || blank (request_id) || blank (group_id) || blank (document_type) ||
      front == NULL || g_bytes_get_size (front) == 0)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                               _("An upload needs a client, a request, a group, a document "
                                 "type and the front side’s bytes."));
      return;
    }

  upload = dossier_journal_upload_new (client_id, request_id, group_id, document_type,
                                       front, back);
  if (metadata != NULL)
    {
      upload->metadata = json_node_new (JSON_NODE_OBJECT);
      json_node_set_object (upload->metadata, metadata);
    }
  g_task_set_task_data (task, upload, (GDestroyNotify) dossier_journal_upload_free);

  /* Not cancellable: once asked for, the document is committed and sent even if the
   * caller went away (its task still reports G_IO_ERROR_CANCELLED then). */
  dossier_journal_enqueue_upload_async (self->journal, upload, NULL, enqueue_cb,
                                        g_steal_pointer (&task));
}

/* Decodes one side of a §8.7 document; *bytes stays NULL when the member is absent. */
static gboolean
decode_side (JsonObject  *document,
             const char  *member,
             const char  *expected_sha256,
             GBytes     **bytes,
             GError     **error)
{
  JsonNode *node = json_object_get_member (document, member);
  DossierDataUri uri = { 0 };
  const char *text;
  g_autofree char *actual = NULL;

  *bytes = NULL;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;

  if (json_node_get_value_type (node) != G_TYPE_STRING ||
      (text = json_node_get_string (node)) == NULL ||
      !dossier_data_uri_parse (text, strlen (text), &uri))
    {
      /* Translators: %s is a member name such as image_front. */
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("The document’s %s is not a base64 image."), member);
      return FALSE;
    }

  *bytes = dossier_data_uri_decode (&uri);
  dossier_data_uri_clear (&uri);
  if (*bytes == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("The document’s %s is not a base64 image."), member);
      return FALSE;
    }

  actual = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, *bytes);
  if (expected_sha256 != NULL && g_ascii_strcasecmp (actual, expected_sha256) != 0)
    {
      g_clear_pointer (bytes, g_bytes_unref);
      /* Translators: %s is a member name such as image_front. */
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("The document’s %s is not the image that was checked."), member);
      return FALSE;
    }

  return TRUE;
}

/**
 * dossier_uploader_enqueue_async:
 * @self: a #DossierUploader
 * @client_id: the client
 * @request_id: the product request
 * @group_id: the document group the document is for
 * @document: the §8.7 document object
 * @front_sha256: (nullable): the expected hex SHA-256 of the front bytes
 * @back_sha256: (nullable): the expected hex SHA-256 of the back bytes
 * @cancellable: (nullable): the callback then reports %G_IO_ERROR_CANCELLED; the upload
 *   is still queued and sent (once its images decoded)
 * @callback: called once the upload is committed to the journal
 * @user_data: data for @callback
 */
void
dossier_uploader_enqueue_async (DossierUploader     *self,
                                const char          *client_id,
                                const char          *request_id,
                                const char          *group_id,
                                JsonNode            *document,
                                const char          *front_sha256,
                                const char          *back_sha256,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GBytes) front = NULL;
  g_autoptr(GBytes) back = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *object;
  JsonNode *metadata;

  g_return_if_fail (DOSSIER_IS_UPLOADER (self));
  g_return_if_fail (document != NULL);

  if (!JSON_NODE_HOLDS_OBJECT (document))
    {
      g_task_report_new_error (self, callback, user_data, dossier_uploader_enqueue_async,
                               G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                               _("The document is not a JSON object."));
      return;
    }

  object = json_node_get_object (document);
  metadata = json_object_get_member (object, "metadata");
  if (!decode_side (object, "image_front", front_sha256, &front, &error) ||
      !decode_side (object, "image_back", back_sha256, &back, &error))
    {
      g_task_report_error (self, callback, user_data, dossier_uploader_enqueue_async,
                           g_steal_pointer (&error));
      return;
    }

  dossier_uploader_enqueue_bytes_async (self, client_id, request_id, group_id,
                                        json_object_get_string_member_with_default (object, "document_type", NULL),
                                        metadata != NULL && JSON_NODE_HOLDS_OBJECT (metadata)
                                          ? json_node_get_object (metadata) : NULL,
                                        front, back, cancellable, callback, user_data);
}

/**
 * dossier_uploader_enqueue_finish:
 * @self: a #DossierUploader
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Returns: the upload's id (> 0), or 0 with @error set
 */
gint64
dossier_uploader_enqueue_finish (DossierUploader  *self,
                                 GAsyncResult     *result,
                                 GError          **error)
{
  gssize value;

  g_return_val_if_fail (DOSSIER_IS_UPLOADER (self), 0);
  g_return_val_if_fail (g_task_is_valid (result, self), 0);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == dossier_uploader_enqueue_async, 0);

  value = g_task_propagate_int (G_TASK (result), error);
  return MAX (value, 0);
}
