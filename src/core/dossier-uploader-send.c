/* dossier-uploader-send.c — one upload at a time: check, send, record the answer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The steps of one upload, each finishing before the next starts:
 *  1. read the queued record with its bytes from the journal;
 *  2. if an earlier send may have reached the server (journal state "sending"),
 *     list the client's products: a group no longer missing means the lost answer
 *     was an acceptance, and the upload is recorded as accepted without sending;
 *  3. commit "sending", then POST the document (the bytes exactly as queued);
 *  4. record the answer: accepted (bytes dropped, hashes and a thumbnail kept),
 *     rejected (the server's items), failed (a final 4xx), or waiting (retry later).
 * Callbacks hold no reference on the uploader: its dispose cancels `cancellable`,
 * and a callback that finds it cancelled stops there (the journal keeps the state,
 * and the next resume carries on).
 */
#include "config.h"

#include <glib/gi18n.h>

#include "dossier-data-uri.h"
#include "dossier-image-check.h"
#include "dossier-uploader-private.h"

static void check (DossierUploadSendData *data);

static void
upload_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(DossierUploadSendData) data = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) items = NULL;
  DossierUploadEntry *entry;

  g_clear_object (&data->request);   /* a check may have set it */
  data->request = dossier_api_upload_document_finish (DOSSIER_API (source), result, &error);
  if ((entry = _dossier_upload_send_data_entry (data)) == NULL)
    return;

  if (error != NULL && data->resent &&
      g_strcmp0 (dossier_api_error_get_code (error), "DOCUMENT_NOT_REQUESTED") == 0)
    {
      /* The first send was still on its way when the check ran (e.g. a slow server
       * and a crash): it satisfied the group meanwhile. Look again. */
      data->resent = FALSE;
      data->refused = TRUE;
      check (g_steal_pointer (&data));
      return;
    }

  if (error != NULL)
    {
      _dossier_uploader_attempt_failed (g_steal_pointer (&data), error);
      return;
    }

  if (data->request == NULL)
    {
      /* An empty 2xx says nothing about the document: look at the request. */
      data->empty_answer = TRUE;
      check (g_steal_pointer (&data));
      return;
    }

  data->trace_id = g_steal_pointer (&entry->answer_trace_id);
  if (data->trace_id != NULL)
    {
      g_free (entry->info->trace_id);
      entry->info->trace_id = g_strdup (data->trace_id);
    }
  _dossier_uploader_emit_request (data->self, data->record->client_id, data->request);

  items = _dossier_uploader_items_for_document (data);
  if (items->len > 0)
    _dossier_uploader_reject (g_steal_pointer (&data), items);
  else
    _dossier_uploader_accept (g_steal_pointer (&data));
}

/* ---- progress ---- */

typedef struct
{
  GWeakRef uploader;
  gint64   id;
} Progress;

static void
progress_free (Progress *progress)
{
  g_weak_ref_clear (&progress->uploader);
  g_free (progress);
}

static void
progress_cb (gint64   sent,
             gint64   total,
             gpointer user_data)
{
  Progress *progress = user_data;
  g_autoptr(DossierUploader) self = g_weak_ref_get (&progress->uploader);
  DossierUploadEntry *entry;
  double fraction;

  if (self == NULL || self->entries == NULL ||
      (entry = g_hash_table_lookup (self->entries, &progress->id)) == NULL ||
      entry->info->status != DOSSIER_UPLOAD_STATUS_SENDING)
    return;

  fraction = total > 0 ? CLAMP ((double) sent / (double) total, 0.0, 1.0) : -1.0;
  entry->info->progress = fraction;
  _dossier_uploader_emit_progress (self, progress->id, fraction);
}

static JsonNode *
build_document (DossierJournalUpload *record)
{
  g_autoptr(JsonObject) object = json_object_new ();
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);
  GBytes *sides[2] = { record->front, record->back };
  const char *names[2] = { "image_front", "image_back" };

  json_object_set_string_member (object, "document_type", record->document_type);
  for (guint i = 0; i < G_N_ELEMENTS (sides); i++)
    {
      g_autofree char *uri = NULL;
      const guint8 *bytes;
      gsize size = 0;
      const char *media_type;

      if (sides[i] == NULL)
        continue;
      bytes = g_bytes_get_data (sides[i], &size);
      media_type = dossier_image_format_media_type (dossier_image_detect_format (bytes, size));
      uri = dossier_data_uri_encode (media_type != NULL ? media_type : "image/jpeg", bytes, size);
      json_object_set_string_member (object, names[i], uri);
    }
  if (record->metadata != NULL && JSON_NODE_HOLDS_OBJECT (record->metadata))
    json_object_set_member (object, "metadata", json_node_copy (record->metadata));

  json_node_set_object (node, object);
  return node;
}

static void
sending_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(DossierUploadSendData) data = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) document = NULL;
  DossierUploadEntry *entry;
  DossierApi *api;
  const char *client_id;
  const char *request_id;
  GCancellable *cancellable;
  Progress *progress;

  dossier_journal_mark_upload_sending_finish (DOSSIER_JOURNAL (source), result, &error);
  if ((entry = _dossier_upload_send_data_entry (data)) == NULL)
    return;
  if (error != NULL)
    {
      _dossier_uploader_attempt_failed (g_steal_pointer (&data), error);
      return;
    }

  /* From here on the server may have it: a failure means "check before sending again". */
  entry->needs_check = TRUE;
  entry->record->state = DOSSIER_JOURNAL_UPLOAD_STATE_SENDING;
  entry->info->attempts++;
  g_clear_pointer (&entry->answer_trace_id, g_free);
  data->sent = TRUE;
  entry->info->progress = 0.0;
  _dossier_uploader_set_status (data->self, entry, DOSSIER_UPLOAD_STATUS_SENDING, NULL, NULL);

  document = build_document (data->record);
  api = data->self->api;
  client_id = data->record->client_id;
  request_id = data->record->request_id;
  cancellable = data->cancellable;
  progress = g_new0 (Progress, 1);
  g_weak_ref_init (&progress->uploader, data->self);
  progress->id = data->id;
  dossier_api_upload_document_with_progress_async (api, client_id, request_id, document,
                                                   DOSSIER_API_PRIORITY_USER,
                                                   progress_cb, progress,
                                                   (GDestroyNotify) progress_free, cancellable,
                                                   upload_cb, g_steal_pointer (&data));
}

static void
send (DossierUploadSendData *data)
{
  dossier_journal_mark_upload_sending_async (data->self->journal, data->id, NULL,
                                             sending_cb, data);
}

/* ---- checking ---- */

static DossierProductRequest *
find_request (GPtrArray  *requests,
              const char *request_id)
{
  for (guint i = 0; i < requests->len; i++)
    {
      DossierProductRequest *request = g_ptr_array_index (requests, i);

      if (g_strcmp0 (dossier_product_request_get_id (request), request_id) == 0)
        return request;
    }

  return NULL;
}

static void
check_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(DossierUploadSendData) data = user_data;
  g_autoptr(GPtrArray) requests = NULL;
  g_autoptr(GError) error = NULL;
  DossierProductRequest *request;

  requests = dossier_api_list_products_finish (DOSSIER_API (source), result, &error);
  if (_dossier_upload_send_data_entry (data) == NULL)
    return;
  if (requests == NULL)
    {
      _dossier_uploader_attempt_failed (g_steal_pointer (&data), error);
      return;
    }

  request = find_request (requests, data->record->request_id);
  if (request == NULL)
    {
      g_autoptr(GError) gone = g_error_new (DOSSIER_API_ERROR, DOSSIER_API_ERROR_NOT_FOUND,
                                            _("The request is no longer on the server."));
      _dossier_uploader_final_failure (g_steal_pointer (&data), gone);
      return;
    }

  g_set_object (&data->request, request);
  _dossier_uploader_emit_request (data->self, data->record->client_id, request);

  if (!dossier_product_request_is_open (request))
    {
      g_autoptr(GError) closed = NULL;

      /* The status in words, never as the server spells it (enabled, rejected…). */
      closed = g_error_new_literal (DOSSIER_API_ERROR, DOSSIER_API_ERROR_VALIDATION,
                                    dossier_request_status_describe_closed (
                                      dossier_product_request_get_status (request)));
      _dossier_uploader_final_failure (g_steal_pointer (&data), closed);
      return;
    }

  if (dossier_requirements_lookup_document_group (dossier_product_request_get_requirements (request),
                                                  data->record->group_id) == NULL)
    {
      g_debug ("upload %" G_GINT64_FORMAT ": group %s already satisfied, not sending again",
               data->id, data->record->group_id);
      data->confirmed = !data->empty_answer;
      _dossier_uploader_accept (g_steal_pointer (&data));
      return;
    }

  if (data->refused)
    {
      g_autoptr(GError) refused = g_error_new (DOSSIER_API_ERROR, DOSSIER_API_ERROR_VALIDATION,
                                               _("The server no longer asks for this document."));
      _dossier_uploader_final_failure (g_steal_pointer (&data), refused);
      return;
    }

  data->resent = TRUE;
  send (g_steal_pointer (&data));
}

static void
check (DossierUploadSendData *data)
{
  DossierUploadEntry *entry = _dossier_upload_send_data_entry (data);

  _dossier_uploader_set_status (data->self, entry, DOSSIER_UPLOAD_STATUS_CHECKING, NULL, NULL);
  dossier_api_list_products_async (data->self->api, data->record->client_id,
                                   DOSSIER_API_PRIORITY_USER, data->cancellable, check_cb, data);
}

/* ---- the queue ---- */

static void
get_upload_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(DossierUploadSendData) data = user_data;
  g_autoptr(GError) error = NULL;
  DossierUploadEntry *entry;

  data->record = dossier_journal_get_upload_finish (DOSSIER_JOURNAL (source), result, &error);
  if ((entry = _dossier_upload_send_data_entry (data)) == NULL)
    return;

  if (data->record == NULL)
    {
      if (g_error_matches (error, DOSSIER_JOURNAL_ERROR, DOSSIER_JOURNAL_ERROR_NOT_FOUND))
        {
          /* Forgotten meanwhile (e.g. "forget this client"). */
          _dossier_uploader_set_status (data->self, entry, DOSSIER_UPLOAD_STATUS_FAILED,
                                        error->message, NULL);
          _dossier_upload_send_data_finish (data);
        }
      else
        _dossier_uploader_attempt_failed (g_steal_pointer (&data), error);
      return;
    }

  if (data->record->state != DOSSIER_JOURNAL_UPLOAD_STATE_PENDING &&
      data->record->state != DOSSIER_JOURNAL_UPLOAD_STATE_SENDING)
    {
      /* Answered by another uploader on the same journal. */
      _dossier_uploader_set_status (data->self, entry,
                                    _dossier_uploader_status_for_record (data->record),
                                    NULL, NULL);
      _dossier_upload_send_data_finish (data);
      return;
    }

  if (data->record->state == DOSSIER_JOURNAL_UPLOAD_STATE_SENDING)
    entry->needs_check = TRUE;

  /* Resumed uploads were listed without their bytes: their hashes are known now. */
  if (entry->info->front_sha256 == NULL && data->record->front != NULL)
    entry->info->front_sha256 = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, data->record->front);
  if (entry->info->back_sha256 == NULL && data->record->back != NULL)
    entry->info->back_sha256 = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, data->record->back);

  if (entry->needs_check)
    check (g_steal_pointer (&data));
  else
    send (g_steal_pointer (&data));
}

void
_dossier_uploader_pump (DossierUploader *self)
{
  DossierUploadEntry *entry;
  DossierUploadSendData *data;

  if (self->current != NULL || g_cancellable_is_cancelled (self->cancellable))
    return;

  entry = g_queue_pop_head (&self->run_queue);
  if (entry == NULL)
    return;

  entry->queued = FALSE;
  self->current = entry;

  data = g_new0 (DossierUploadSendData, 1);
  data->self = self;
  data->cancellable = g_object_ref (self->cancellable);
  data->id = entry->info->id;
  dossier_journal_get_upload_async (self->journal, data->id, NULL, get_upload_cb, data);
}
