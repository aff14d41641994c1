/* dossier-uploader-answer.c — what the uploader does with an answer: accepted, rejected,
 * failed for good, or waiting to be retried
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Accepted: the journal drops the bytes and keeps each side's SHA-256 and a thumbnail
 * (made here on a worker thread). Rejected: the server's items are kept with the bytes.
 * A final error (a 4xx) is kept as a rejection object. Anything else leaves the upload
 * queued, with a sentence, and an automatic retry after a growing delay.
 * The evidence events are written before the state (see "outcomes" below), at the
 * times "when" below gives them.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <gdk-pixbuf/gdk-pixbuf.h>

#include "dossier-event-recorder-private.h"
#include "dossier-rejected-item.h"
#include "dossier-uploader-private.h"

#define THUMBNAIL_SIDE 320

void
_dossier_upload_send_data_free (DossierUploadSendData *data)
{
  g_clear_object (&data->cancellable);
  g_clear_pointer (&data->record, dossier_journal_upload_free);
  g_clear_object (&data->request);
  g_free (data->trace_id);
  g_clear_pointer (&data->thumbnail, g_bytes_unref);
  g_free (data);
}

/* The entry of data, or NULL when the uploader is gone or forgot it. */
DossierUploadEntry *
_dossier_upload_send_data_entry (DossierUploadSendData *data)
{
  if (g_cancellable_is_cancelled (data->cancellable))
    return NULL;

  return g_hash_table_lookup (data->self->entries, &data->id);
}

void
_dossier_upload_send_data_finish (DossierUploadSendData *data)
{
  DossierUploader *self = data->self;

  if (g_cancellable_is_cancelled (data->cancellable))
    return;

  self->current = NULL;
  _dossier_uploader_pump (self);
}

void
_dossier_uploader_cancel_retry (DossierUploadEntry *entry)
{
  g_clear_handle_id (&entry->retry_source, g_source_remove);
}

GPtrArray *
_dossier_uploader_items_from_json (JsonNode *reasons)
{
  GPtrArray *items = g_ptr_array_new_with_free_func ((GDestroyNotify) dossier_rejected_item_free);
  JsonArray *array;

  if (reasons == NULL || !JSON_NODE_HOLDS_ARRAY (reasons))
    return items;

  array = json_node_get_array (reasons);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      JsonObject *object;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      object = json_node_get_object (node);
      g_ptr_array_add (items,
                       dossier_rejected_item_new (json_object_get_string_member_with_default (object, "type", NULL),
                                                  json_object_get_string_member_with_default (object, "key", NULL),
                                                  json_object_get_string_member_with_default (object, "reason", NULL)));
    }

  return items;
}

static JsonNode *
items_to_json (GPtrArray *items)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_array (builder);
  for (guint i = 0; i < items->len; i++)
    {
      DossierRejectedItem *item = g_ptr_array_index (items, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "type");
      json_builder_add_string_value (builder, item->type);
      json_builder_set_member_name (builder, "key");
      json_builder_add_string_value (builder, item->key);
      json_builder_set_member_name (builder, "reason");
      json_builder_add_string_value (builder, item->reason);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  return json_builder_get_root (builder);
}

static char *
join_reasons (GPtrArray *items)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < items->len; i++)
    {
      DossierRejectedItem *item = g_ptr_array_index (items, i);

      if (item->reason == NULL)
        continue;
      if (text->len > 0)
        g_string_append (text, "\n");
      g_string_append (text, item->reason);
    }

  return text->len > 0 ? g_string_free (g_steal_pointer (&text), FALSE)
                       : g_strdup (_("The server rejected the document."));
}

/* ---- events ---- */

static void
add_event_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (dossier_journal_add_event_finish (DOSSIER_JOURNAL (source), result, &error) <= 0)
    g_warning ("Could not record an upload event: %s", error->message);
}

/* ---- when ----
 *
 * The answer to the POST also reaches the event recorder (DossierApi's signal, before
 * this file sees it), which places what the answer changed (a requirement satisfied or
 * asked for) at the server's second as seen then (dossier_recorder_place_server_time()),
 * never before the POST started. The upload's own events go just before that bound:
 * the document is uploaded, then accepted or rejected, then what it satisfied, in every
 * listing (by time, then row id), even within one second and although the recorder
 * writes its events first. */

/* The earliest time the recorder can give the answer's changes. */
static gint64
answer_floor (DossierUploadSendData *data,
              gint64                 sent)
{
  GDateTime *server_time = NULL;

  if (data->request != NULL &&
      (server_time = dossier_product_request_get_updated_at (data->request)) != NULL)
    return dossier_recorder_place_server_time (g_date_time_to_unix (server_time) * G_USEC_PER_SEC +
                                               g_date_time_get_microsecond (server_time),
                                               sent);
  return sent;
}

/* When the document was sent: the entry's last status change, to "sending" (or, after
 * a restart, the journal's), taken before the answer changes it; never later than now. */
static gint64
sent_at (DossierUploadEntry *entry)
{
  gint64 now = g_get_real_time ();

  return entry->info->updated_at > 0 ? MIN (entry->info->updated_at, now) : now;
}

/* Events are written in the order they are added (one journal worker, first in, first
 * out). The document's event first, at the time it was sent; the answer's just after. */
static void
record_event (DossierUploadSendData *data,
              const char            *kind,
              gint64                 sent,
              const char            *trace_id,
              const char            *reason,
              const char            *code)
{
  g_autoptr(DossierJournalEvent) event = NULL;
  gint64 bound = answer_floor (data, sent);

  event = dossier_journal_event_new_for_upload (data->record, kind, trace_id, NULL, reason);
  if (code != NULL)
    json_object_set_string_member (json_node_get_object (event->details), "code", code);

  if (g_strcmp0 (kind, DOSSIER_JOURNAL_EVENT_DOCUMENT_UPLOADED) == 0)
    event->occurred_at = MIN (sent, bound - 2);
  else
    event->occurred_at = bound - 1;

  if (data->confirmed)
    {
      event->observed = TRUE;
      event->action = g_strdup ("upload-check");
    }
  else if (data->request != NULL && g_strcmp0 (kind, DOSSIER_JOURNAL_EVENT_DOCUMENT_ACCEPTED) == 0 &&
           dossier_product_request_get_updated_at (data->request) != NULL)
    json_object_set_string_member (json_node_get_object (event->details), "server_time",
                                   dossier_product_request_get_updated_at_raw (data->request));
  if (event->action == NULL)
    event->action = g_strdup ("upload");

  dossier_journal_add_event_async (data->self->journal, event, NULL, add_event_cb, NULL);
}

/* ---- outcomes ----
 *
 * The evidence is written before the state: the journal runs its jobs in order, and a
 * crash between the two leaves the upload "sending", so the check after the restart
 * finds the group satisfied, sees the events already written, and only marks it. */

static void
mark_answered_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(DossierUploadSendData) data = user_data;
  g_autoptr(GError) error = NULL;
  DossierUploadEntry *entry;
  gboolean ok;

  if (g_async_result_is_tagged (result, dossier_journal_mark_upload_accepted_async))
    ok = dossier_journal_mark_upload_accepted_finish (DOSSIER_JOURNAL (source), result, &error);
  else
    ok = dossier_journal_mark_upload_rejected_finish (DOSSIER_JOURNAL (source), result, &error);

  if ((entry = _dossier_upload_send_data_entry (data)) == NULL)
    return;

  if (!ok)
    {
      /* The server's answer is known but could not be written: keep it in memory. */
      g_warning ("Could not record the answer to upload %" G_GINT64_FORMAT ": %s",
                 data->id, error->message);
      g_free (entry->info->message);
      entry->info->message = g_strdup (error->message);
    }

  g_signal_emit_by_name (data->self, "upload-changed", data->id);
  _dossier_upload_send_data_finish (data);
}

static void
thumbnail_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  GBytes *front = task_data;
  g_autoptr(GInputStream) stream = g_memory_input_stream_new_from_bytes (front);
  g_autoptr(GdkPixbuf) pixbuf = NULL;
  g_autofree char *buffer = NULL;
  gsize size = 0;

  pixbuf = gdk_pixbuf_new_from_stream_at_scale (stream, THUMBNAIL_SIDE, THUMBNAIL_SIDE, TRUE,
                                                NULL, NULL);
  if (pixbuf == NULL)
    {
      /* Not readable here although the server took it: a neutral grey square. */
      pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, 16, 16);
      gdk_pixbuf_fill (pixbuf, 0x808080ff);
    }

  if (gdk_pixbuf_get_has_alpha (pixbuf))
    gdk_pixbuf_save_to_buffer (pixbuf, &buffer, &size, "png", NULL, NULL);
  else
    gdk_pixbuf_save_to_buffer (pixbuf, &buffer, &size, "jpeg", NULL, "quality", "80", NULL);

  g_task_return_pointer (task, g_bytes_new_take (g_steal_pointer (&buffer), size),
                         (GDestroyNotify) g_bytes_unref);
}

static void
commit_acceptance (DossierUploadSendData *data_in)
{
  g_autoptr(DossierUploadSendData) data = data_in;
  DossierUploadEntry *entry;
  DossierUploadInfo *info;
  DossierJournal *journal;
  GBytes *thumbnail;
  gint64 id;
  gint64 sent;

  if ((entry = _dossier_upload_send_data_entry (data)) == NULL)
    return;

  info = entry->info;
  sent = sent_at (entry);
  g_clear_pointer (&info->thumbnail, g_bytes_unref);
  info->thumbnail = g_bytes_ref (data->thumbnail);
  g_clear_pointer (&info->rejected_items, g_ptr_array_unref);
  info->rejected_items = _dossier_uploader_items_from_json (NULL);
  entry->needs_check = FALSE;
  entry->auto_retries = 0;
  entry->record->state = DOSSIER_JOURNAL_UPLOAD_STATE_ACCEPTED;

  info->status = DOSSIER_UPLOAD_STATUS_ACCEPTED;
  g_clear_pointer (&info->message, g_free);
  info->retry_at = 0;
  info->updated_at = g_get_real_time ();

  if (!data->has_uploaded_event)
    record_event (data, DOSSIER_JOURNAL_EVENT_DOCUMENT_UPLOADED, sent, data->trace_id, NULL, NULL);
  if (!data->has_accepted_event)
    record_event (data, DOSSIER_JOURNAL_EVENT_DOCUMENT_ACCEPTED, sent, data->trace_id, NULL, NULL);
  journal = data->self->journal;
  id = data->id;
  thumbnail = data->thumbnail;
  dossier_journal_mark_upload_accepted_async (journal, id, thumbnail, NULL,
                                              mark_answered_cb, g_steal_pointer (&data));
}

/* Takes data; reasons is written out before this returns. */
static void
mark_rejected (DossierUploadSendData *data,
               JsonNode              *reasons)
{
  DossierJournal *journal = data->self->journal;
  gint64 id = data->id;

  dossier_journal_mark_upload_rejected_async (journal, id, reasons, NULL, mark_answered_cb, data);
}

static gboolean
event_is_about (DossierJournalEvent *event,
                gint64               upload_id,
                const char          *kind)
{
  return g_strcmp0 (event->kind, kind) == 0 && event->details != NULL &&
         JSON_NODE_HOLDS_OBJECT (event->details) &&
         json_object_get_int_member_with_default (json_node_get_object (event->details),
                                                  "upload_id", 0) == upload_id;
}

static void
events_listed_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(DossierUploadSendData) data = user_data;
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GError) error = NULL;

  events = dossier_journal_list_events_finish (DOSSIER_JOURNAL (source), result, &error);
  if (_dossier_upload_send_data_entry (data) == NULL)
    return;
  if (events == NULL)
    {
      _dossier_uploader_attempt_failed (g_steal_pointer (&data), error);
      return;
    }

  for (guint i = 0; i < events->len; i++)
    {
      DossierJournalEvent *event = g_ptr_array_index (events, i);

      data->has_uploaded_event |= event_is_about (event, data->id, DOSSIER_JOURNAL_EVENT_DOCUMENT_UPLOADED);
      data->has_accepted_event |= event_is_about (event, data->id, DOSSIER_JOURNAL_EVENT_DOCUMENT_ACCEPTED);
    }

  commit_acceptance (g_steal_pointer (&data));
}

static void
thumbnail_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(DossierUploadSendData) data = user_data;

  data->thumbnail = g_task_propagate_pointer (G_TASK (result), NULL);
  if (_dossier_upload_send_data_entry (data) == NULL)
    return;

  /* Found accepted by a check: an earlier run may have written the evidence already. */
  if (data->confirmed)
    {
      DossierJournal *journal = data->self->journal;
      const char *client_id = data->record->client_id;
      const char *request_id = data->record->request_id;

      dossier_journal_list_events_async (journal, client_id, request_id, 0, NULL,
                                         events_listed_cb, g_steal_pointer (&data));
    }
  else
    commit_acceptance (g_steal_pointer (&data));
}

void
_dossier_uploader_accept (DossierUploadSendData *data)
{
  GTask *task = g_task_new (NULL, NULL, thumbnail_cb, data);

  g_task_set_source_tag (task, _dossier_uploader_accept);
  g_task_set_task_data (task, g_bytes_ref (data->record->front), (GDestroyNotify) g_bytes_unref);
  g_task_run_in_thread (task, thumbnail_thread);
  g_object_unref (task);
}

void
_dossier_uploader_reject (DossierUploadSendData *data_in,
                          GPtrArray             *items)
{
  g_autoptr(DossierUploadSendData) data = data_in;
  DossierUploadEntry *entry = _dossier_upload_send_data_entry (data);
  g_autoptr(JsonNode) reasons = items_to_json (items);
  g_autofree char *reason = join_reasons (items);
  gint64 sent;

  if (entry == NULL)
    return;

  sent = sent_at (entry);

  g_clear_pointer (&entry->info->rejected_items, g_ptr_array_unref);
  entry->info->rejected_items = g_ptr_array_ref (items);
  entry->needs_check = FALSE;
  entry->record->state = DOSSIER_JOURNAL_UPLOAD_STATE_REJECTED;

  entry->info->status = DOSSIER_UPLOAD_STATUS_REJECTED;
  g_free (entry->info->message);
  entry->info->message = g_strdup (reason);
  entry->info->updated_at = g_get_real_time ();

  record_event (data, DOSSIER_JOURNAL_EVENT_DOCUMENT_UPLOADED, sent, data->trace_id, NULL, NULL);
  record_event (data, DOSSIER_JOURNAL_EVENT_DOCUMENT_REJECTED, sent, data->trace_id, reason, NULL);
  mark_rejected (g_steal_pointer (&data), reasons);
}

/* A final answer (a 4xx, a request gone or closed): kept as a rejection object. */
void
_dossier_uploader_final_failure (DossierUploadSendData *data_in,
               const GError *error)
{
  g_autoptr(DossierUploadSendData) data = data_in;
  DossierUploadEntry *entry = _dossier_upload_send_data_entry (data);
  g_autoptr(JsonObject) object = json_object_new ();
  g_autoptr(JsonNode) reasons = json_node_new (JSON_NODE_OBJECT);
  const char *code = dossier_api_error_get_code (error);
  const char *server_message = dossier_api_error_get_server_message (error);
  const char *trace_id = dossier_api_error_get_trace_id (error);
  const char *message = server_message != NULL ? server_message : error->message;
  gint64 sent;

  if (entry == NULL)
    return;

  sent = sent_at (entry);

  json_object_set_string_member (object, "code", code != NULL ? code : "FAILED");
  json_object_set_string_member (object, "message", message);
  if (dossier_api_error_get_status (error) > 0)
    json_object_set_int_member (object, "http_status", dossier_api_error_get_status (error));
  if (trace_id != NULL)
    json_object_set_string_member (object, "trace_id", trace_id);
  json_node_set_object (reasons, object);

  entry->needs_check = FALSE;
  entry->record->state = DOSSIER_JOURNAL_UPLOAD_STATE_REJECTED;
  entry->info->status = DOSSIER_UPLOAD_STATUS_FAILED;
  g_free (entry->info->message);
  entry->info->message = g_strdup (message);
  g_free (entry->info->trace_id);
  entry->info->trace_id = g_strdup (trace_id);
  entry->info->updated_at = g_get_real_time ();

  if (data->sent)
    record_event (data, DOSSIER_JOURNAL_EVENT_DOCUMENT_UPLOADED, sent, trace_id, NULL, NULL);
  record_event (data, DOSSIER_JOURNAL_EVENT_DOCUMENT_REJECTED, sent, trace_id, message, code);
  mark_rejected (g_steal_pointer (&data), reasons);
}

static gboolean
retry_timeout_cb (gpointer user_data)
{
  DossierUploadEntry *entry = user_data;

  entry->retry_source = 0;
  entry->auto_retries++;
  _dossier_uploader_queue (entry->uploader, entry);

  return G_SOURCE_REMOVE;
}

static gboolean
is_final (const GError *error)
{
  return g_error_matches (error, DOSSIER_API_ERROR, DOSSIER_API_ERROR_VALIDATION) ||
         g_error_matches (error, DOSSIER_API_ERROR, DOSSIER_API_ERROR_BAD_REQUEST) ||
         g_error_matches (error, DOSSIER_API_ERROR, DOSSIER_API_ERROR_NOT_FOUND);
}

/* Network, 5xx, 429, timeouts, a key refused, a journal error: the upload stays queued. */
void
_dossier_uploader_attempt_failed (DossierUploadSendData *data_in,
                const GError *error)
{
  g_autoptr(DossierUploadSendData) data = data_in;
  DossierUploader *self = data->self;
  DossierUploadEntry *entry;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
      (entry = _dossier_upload_send_data_entry (data)) == NULL)
    return;

  if (is_final (error))
    {
      _dossier_uploader_final_failure (g_steal_pointer (&data), error);
      return;
    }

  _dossier_uploader_set_status (self, entry, DOSSIER_UPLOAD_STATUS_WAITING, error->message,
                                dossier_api_error_get_trace_id (error));

  if (!g_error_matches (error, DOSSIER_API_ERROR, DOSSIER_API_ERROR_INVALID_KEY) &&
      entry->auto_retries < self->backoff_max_attempts)
    {
      guint delay = self->backoff_first_ms;

      for (guint i = 0; i < entry->auto_retries && delay < self->backoff_max_ms; i++)
        delay *= 2;
      delay = MIN (delay, self->backoff_max_ms);
      if (g_error_matches (error, DOSSIER_API_ERROR, DOSSIER_API_ERROR_RATE_LIMITED))
        delay = MAX (delay, dossier_api_error_get_retry_after (error) * 1000);

      entry->info->retry_at = g_get_monotonic_time () + (gint64) delay * 1000;
      entry->retry_source = g_timeout_add (delay, retry_timeout_cb, entry);
      g_signal_emit_by_name (self, "upload-changed", data->id);
    }

  _dossier_upload_send_data_finish (data);
}


/* The rejected items about this document: those whose key is its type; when none match
 * by key while the group is still missing, every document item of the answer. */
GPtrArray *
_dossier_uploader_items_for_document (DossierUploadSendData *data)
{
  GPtrArray *answer = dossier_product_request_get_rejected_items (data->request);
  GPtrArray *mine = g_ptr_array_new_with_free_func ((GDestroyNotify) dossier_rejected_item_free);
  gboolean still_missing;

  for (guint pass = 0; pass < 2 && mine->len == 0; pass++)
    {
      if (pass == 1)
        {
          still_missing = dossier_requirements_lookup_document_group (
            dossier_product_request_get_requirements (data->request), data->record->group_id) != NULL;
          if (!still_missing)
            break;
        }

      for (guint i = 0; answer != NULL && i < answer->len; i++)
        {
          DossierRejectedItem *item = g_ptr_array_index (answer, i);

          if (g_strcmp0 (item->type, "data") == 0)
            continue;
          if (pass == 0 && (item->key == NULL ||
                            g_ascii_strcasecmp (item->key, data->record->document_type) != 0))
            continue;
          g_ptr_array_add (mine, dossier_rejected_item_copy (item));
        }
    }

  return mine;
}
