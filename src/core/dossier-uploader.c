/* dossier-uploader.c — the upload queue's life cycle, enqueueing and what the window reads
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "dossier-rejected-item.h"
#include "dossier-uploader-private.h"

G_DEFINE_ENUM_TYPE (DossierUploadStatus, dossier_upload_status,
                    G_DEFINE_ENUM_VALUE (DOSSIER_UPLOAD_STATUS_QUEUED, "queued"),
                    G_DEFINE_ENUM_VALUE (DOSSIER_UPLOAD_STATUS_CHECKING, "checking"),
                    G_DEFINE_ENUM_VALUE (DOSSIER_UPLOAD_STATUS_SENDING, "sending"),
                    G_DEFINE_ENUM_VALUE (DOSSIER_UPLOAD_STATUS_WAITING, "waiting"),
                    G_DEFINE_ENUM_VALUE (DOSSIER_UPLOAD_STATUS_ACCEPTED, "accepted"),
                    G_DEFINE_ENUM_VALUE (DOSSIER_UPLOAD_STATUS_REJECTED, "rejected"),
                    G_DEFINE_ENUM_VALUE (DOSSIER_UPLOAD_STATUS_FAILED, "failed"))

G_DEFINE_BOXED_TYPE (DossierUploadInfo, dossier_upload_info,
                     dossier_upload_info_copy, dossier_upload_info_free)

G_DEFINE_FINAL_TYPE (DossierUploader, dossier_uploader, G_TYPE_OBJECT)

static guint signals[DOSSIER_UPLOADER_N_SIGNALS];

#define DEFAULT_BACKOFF_FIRST_MS    2000
#define DEFAULT_BACKOFF_MAX_MS      (5 * 60 * 1000)
#define DEFAULT_BACKOFF_MAX_RETRIES 8

/* ---- DossierUploadInfo ---- */

static GPtrArray *
copy_items (GPtrArray *items)
{
  GPtrArray *copy = g_ptr_array_new_with_free_func ((GDestroyNotify) dossier_rejected_item_free);

  for (guint i = 0; items != NULL && i < items->len; i++)
    g_ptr_array_add (copy, dossier_rejected_item_copy (g_ptr_array_index (items, i)));

  return copy;
}

/**
 * dossier_upload_info_copy:
 * @info: an upload snapshot
 *
 * Returns: (transfer full): a deep copy
 */
DossierUploadInfo *
dossier_upload_info_copy (const DossierUploadInfo *info)
{
  DossierUploadInfo *copy;

  g_return_val_if_fail (info != NULL, NULL);

  copy = g_memdup2 (info, sizeof *info);
  copy->client_id = g_strdup (info->client_id);
  copy->request_id = g_strdup (info->request_id);
  copy->group_id = g_strdup (info->group_id);
  copy->document_type = g_strdup (info->document_type);
  copy->message = g_strdup (info->message);
  copy->trace_id = g_strdup (info->trace_id);
  copy->rejected_items = copy_items (info->rejected_items);
  copy->front_sha256 = g_strdup (info->front_sha256);
  copy->back_sha256 = g_strdup (info->back_sha256);
  copy->thumbnail = info->thumbnail != NULL ? g_bytes_ref (info->thumbnail) : NULL;

  return copy;
}

/**
 * dossier_upload_info_free:
 * @info: (nullable): an upload snapshot
 */
void
dossier_upload_info_free (DossierUploadInfo *info)
{
  if (info == NULL)
    return;

  g_free (info->client_id);
  g_free (info->request_id);
  g_free (info->group_id);
  g_free (info->document_type);
  g_free (info->message);
  g_free (info->trace_id);
  g_clear_pointer (&info->rejected_items, g_ptr_array_unref);
  g_free (info->front_sha256);
  g_free (info->back_sha256);
  g_clear_pointer (&info->thumbnail, g_bytes_unref);
  g_free (info);
}

/* The journal keeps a final error as a rejection object {"code", "message", …}; the
 * server's rejected items as an array. */
DossierUploadStatus
_dossier_uploader_status_for_record (const DossierJournalUpload *record)
{
  switch (record->state)
    {
    case DOSSIER_JOURNAL_UPLOAD_STATE_PENDING:
      return DOSSIER_UPLOAD_STATUS_QUEUED;
    case DOSSIER_JOURNAL_UPLOAD_STATE_SENDING:
      return DOSSIER_UPLOAD_STATUS_WAITING;
    case DOSSIER_JOURNAL_UPLOAD_STATE_ACCEPTED:
      return DOSSIER_UPLOAD_STATUS_ACCEPTED;
    case DOSSIER_JOURNAL_UPLOAD_STATE_REJECTED:
    default:
      if (record->rejection != NULL && JSON_NODE_HOLDS_OBJECT (record->rejection))
        return DOSSIER_UPLOAD_STATUS_FAILED;
      return DOSSIER_UPLOAD_STATUS_REJECTED;
    }
}

static char *
hash_or_null (GBytes *bytes)
{
  return bytes != NULL ? g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes) : NULL;
}

DossierUploadInfo *
_dossier_uploader_info_new_for_record (const DossierJournalUpload *record)
{
  DossierUploadInfo *info = g_new0 (DossierUploadInfo, 1);

  info->id = record->id;
  info->client_id = g_strdup (record->client_id);
  info->request_id = g_strdup (record->request_id);
  info->group_id = g_strdup (record->group_id);
  info->document_type = g_strdup (record->document_type);
  info->status = _dossier_uploader_status_for_record (record);
  info->front_sha256 = record->front_sha256 != NULL ? g_strdup (record->front_sha256)
                                                    : hash_or_null (record->front);
  info->back_sha256 = record->back_sha256 != NULL ? g_strdup (record->back_sha256)
                                                  : hash_or_null (record->back);
  info->thumbnail = record->thumbnail != NULL ? g_bytes_ref (record->thumbnail) : NULL;
  info->created_at = record->created_at;
  info->updated_at = record->updated_at;

  if (info->status == DOSSIER_UPLOAD_STATUS_FAILED)
    {
      JsonObject *object = json_node_get_object (record->rejection);

      info->message = g_strdup (json_object_get_string_member_with_default (object, "message", NULL));
      info->trace_id = g_strdup (json_object_get_string_member_with_default (object, "trace_id", NULL));
      info->rejected_items = g_ptr_array_new_with_free_func ((GDestroyNotify) dossier_rejected_item_free);
    }
  else
    {
      info->rejected_items = _dossier_uploader_items_from_json (record->rejection);
    }

  return info;
}

/* ---- entries ---- */

static void
entry_free (DossierUploadEntry *entry)
{
  _dossier_uploader_cancel_retry (entry);
  g_free (entry->answer_trace_id);
  dossier_upload_info_free (entry->info);
  dossier_journal_upload_free (entry->record);
  g_free (entry);
}

/* Known entry for the record's id, or a new one from the record (its bytes are not kept). */
DossierUploadEntry *
_dossier_uploader_ensure_entry (DossierUploader            *self,
                                const DossierJournalUpload *record)
{
  DossierUploadEntry *entry = g_hash_table_lookup (self->entries, &record->id);

  if (entry != NULL)
    return entry;

  entry = g_new0 (DossierUploadEntry, 1);
  entry->uploader = self;
  entry->info = _dossier_uploader_info_new_for_record (record);
  entry->record = dossier_journal_upload_copy (record);
  g_clear_pointer (&entry->record->front, g_bytes_unref);
  g_clear_pointer (&entry->record->back, g_bytes_unref);
  entry->needs_check = record->state == DOSSIER_JOURNAL_UPLOAD_STATE_SENDING;
  g_hash_table_insert (self->entries, g_memdup2 (&record->id, sizeof record->id), entry);

  return entry;
}

static const char *
status_nick (DossierUploadStatus status)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (DOSSIER_TYPE_UPLOAD_STATUS);
  GEnumValue *value = g_enum_get_value (klass, status);

  /* Static enum types are never unloaded: the nick outlives the reference. */
  return value != NULL ? value->value_nick : "unknown";
}

/* message and trace_id may be the entry's own strings. */
void
_dossier_uploader_set_status (DossierUploader     *self,
                              DossierUploadEntry  *entry,
                              DossierUploadStatus  status,
                              const char          *message,
                              const char          *trace_id)
{
  char *new_message = g_strdup (message);

  entry->info->status = status;
  g_free (entry->info->message);
  entry->info->message = new_message;
  if (trace_id != NULL || status == DOSSIER_UPLOAD_STATUS_SENDING)
    {
      char *new_trace_id = g_strdup (trace_id);

      g_free (entry->info->trace_id);
      entry->info->trace_id = new_trace_id;
    }
  entry->info->updated_at = g_get_real_time ();
  if (status != DOSSIER_UPLOAD_STATUS_WAITING)
    entry->info->retry_at = 0;

  g_debug ("upload %" G_GINT64_FORMAT ": %s%s%s", entry->info->id, status_nick (status),
           new_message != NULL ? " — " : "", new_message != NULL ? new_message : "");
  g_signal_emit (self, signals[DOSSIER_UPLOADER_SIGNAL_UPLOAD_CHANGED], 0, entry->info->id);
}

void
_dossier_uploader_emit_progress (DossierUploader *self,
                                 gint64           upload_id,
                                 double           fraction)
{
  g_signal_emit (self, signals[DOSSIER_UPLOADER_SIGNAL_UPLOAD_PROGRESS], 0, upload_id, fraction);
}

void
_dossier_uploader_emit_request (DossierUploader       *self,
                                const char            *client_id,
                                DossierProductRequest *request)
{
  g_signal_emit (self, signals[DOSSIER_UPLOADER_SIGNAL_REQUEST_UPDATED], 0, client_id, request);
}

void
_dossier_uploader_queue (DossierUploader    *self,
                         DossierUploadEntry *entry)
{
  _dossier_uploader_cancel_retry (entry);
  if (!entry->queued && entry != self->current)
    {
      entry->queued = TRUE;
      g_queue_push_tail (&self->run_queue, entry);
    }
  _dossier_uploader_set_status (self, entry, DOSSIER_UPLOAD_STATUS_QUEUED,
                                entry->info->message, NULL);
  _dossier_uploader_pump (self);
}

/* ---- GObject ---- */

static void
dossier_uploader_dispose (GObject *object)
{
  DossierUploader *self = DOSSIER_UPLOADER (object);

  g_cancellable_cancel (self->cancellable);
  g_queue_clear (&self->run_queue);
  self->current = NULL;
  g_clear_pointer (&self->entries, g_hash_table_unref);
  g_clear_object (&self->api);
  g_clear_object (&self->journal);

  G_OBJECT_CLASS (dossier_uploader_parent_class)->dispose (object);
}

static void
dossier_uploader_finalize (GObject *object)
{
  DossierUploader *self = DOSSIER_UPLOADER (object);

  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (dossier_uploader_parent_class)->finalize (object);
}

static void
dossier_uploader_class_init (DossierUploaderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = dossier_uploader_dispose;
  object_class->finalize = dossier_uploader_finalize;

  /**
   * DossierUploader::upload-changed:
   * @self: the uploader
   * @upload_id: the upload whose status, message or record changed
   */
  signals[DOSSIER_UPLOADER_SIGNAL_UPLOAD_CHANGED] =
    g_signal_new ("upload-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  /**
   * DossierUploader::request-updated:
   * @self: the uploader
   * @client_id: the request's client
   * @request: the request as the server returned it
   */
  signals[DOSSIER_UPLOADER_SIGNAL_REQUEST_UPDATED] =
    g_signal_new ("request-updated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2,
                  G_TYPE_STRING, DOSSIER_TYPE_PRODUCT_REQUEST);

  /**
   * DossierUploader::upload-progress:
   * @self: the uploader
   * @upload_id: the upload being sent
   * @fraction: the part of it on the wire, 0.0–1.0; -1.0 when its size is unknown
   *
   * Emitted while the upload is SENDING, at most about 30 times a second, on the
   * main context; the last one is 1.0 once the whole document is written.
   */
  signals[DOSSIER_UPLOADER_SIGNAL_UPLOAD_PROGRESS] =
    g_signal_new ("upload-progress", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_INT64, G_TYPE_DOUBLE);
}

static void
dossier_uploader_init (DossierUploader *self)
{
  self->cancellable = g_cancellable_new ();
  self->entries = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                         (GDestroyNotify) entry_free);
  g_queue_init (&self->run_queue);
  self->backoff_first_ms = DEFAULT_BACKOFF_FIRST_MS;
  self->backoff_max_ms = DEFAULT_BACKOFF_MAX_MS;
  self->backoff_max_attempts = DEFAULT_BACKOFF_MAX_RETRIES;
}

static void
api_document_uploaded_cb (DossierApi            *api,
                          DossierProductRequest *request,
                          JsonNode              *document,
                          const char            *trace_id,
                          DossierUploader       *self)
{
  DossierUploadEntry *entry = self->current;
  const char *document_type = NULL;

  if (entry == NULL || entry->info->status != DOSSIER_UPLOAD_STATUS_SENDING || request == NULL)
    return;

  if (document != NULL && JSON_NODE_HOLDS_OBJECT (document))
    document_type = json_object_get_string_member_with_default (json_node_get_object (document),
                                                                "document_type", NULL);
  if (g_strcmp0 (dossier_product_request_get_id (request), entry->info->request_id) != 0 ||
      (document_type != NULL && g_strcmp0 (document_type, entry->info->document_type) != 0))
    return;

  g_free (entry->answer_trace_id);
  entry->answer_trace_id = g_strdup (trace_id);
}

/**
 * dossier_uploader_new:
 * @api: the API uploads go through
 * @journal: the journal whose upload queue this runs
 *
 * Returns: (transfer full): a new uploader; call dossier_uploader_resume() to pick up
 *   what an earlier run left in the queue
 */
DossierUploader *
dossier_uploader_new (DossierApi     *api,
                      DossierJournal *journal)
{
  DossierUploader *self;

  g_return_val_if_fail (DOSSIER_IS_API (api), NULL);
  g_return_val_if_fail (DOSSIER_IS_JOURNAL (journal), NULL);

  self = g_object_new (DOSSIER_TYPE_UPLOADER, NULL);
  self->api = g_object_ref (api);
  self->journal = g_object_ref (journal);

  /* The answer's trace id, for the evidence (DossierApi emits it before our callback). */
  if (g_signal_lookup ("document-uploaded", DOSSIER_TYPE_API) != 0)
    g_signal_connect_object (api, "document-uploaded", G_CALLBACK (api_document_uploaded_cb),
                             self, 0);

  return self;
}

/**
 * dossier_uploader_get_api:
 * @self: a #DossierUploader
 *
 * Returns: (transfer none): the API uploads go through
 */
DossierApi *
dossier_uploader_get_api (DossierUploader *self)
{
  g_return_val_if_fail (DOSSIER_IS_UPLOADER (self), NULL);
  return self->api;
}

/**
 * dossier_uploader_get_journal:
 * @self: a #DossierUploader
 *
 * Returns: (transfer none): the journal whose queue this runs
 */
DossierJournal *
dossier_uploader_get_journal (DossierUploader *self)
{
  g_return_val_if_fail (DOSSIER_IS_UPLOADER (self), NULL);
  return self->journal;
}

/**
 * dossier_uploader_set_backoff:
 * @self: a #DossierUploader
 * @first_ms: the delay before the first automatic retry
 * @max_ms: the longest delay (each retry doubles the previous one)
 * @max_attempts: automatic retries before waiting for dossier_uploader_retry() (0: none)
 *
 * A 429's Retry-After is honoured when it is longer. Applies to later failures.
 */
void
dossier_uploader_set_backoff (DossierUploader *self,
                              guint            first_ms,
                              guint            max_ms,
                              guint            max_attempts)
{
  g_return_if_fail (DOSSIER_IS_UPLOADER (self));

  self->backoff_first_ms = MAX (first_ms, 1);
  self->backoff_max_ms = MAX (max_ms, self->backoff_first_ms);
  self->backoff_max_attempts = max_attempts;
}
