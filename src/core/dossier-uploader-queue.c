/* dossier-uploader-queue.c — retry, cancel, resume and what the window reads of the queue
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "dossier-uploader-private.h"

/* An upload waiting in the queue (not the one being sent or checked now), or NULL. */
static DossierUploadEntry *
lookup_waiting (DossierUploader *self,
                gint64           upload_id)
{
  DossierUploadEntry *entry;

  if (self->entries == NULL ||
      (entry = g_hash_table_lookup (self->entries, &upload_id)) == NULL ||
      entry == self->current)
    return NULL;
  if (entry->info->status != DOSSIER_UPLOAD_STATUS_WAITING &&
      entry->info->status != DOSSIER_UPLOAD_STATUS_QUEUED)
    return NULL;
  return entry;
}

/**
 * dossier_uploader_retry:
 * @self: a #DossierUploader
 * @upload_id: an upload waiting to be retried (or queued)
 *
 * The person's Retry: the upload goes back into the queue now, and its automatic
 * retries start counting again.
 *
 * Returns: %TRUE when the upload was queued
 */
gboolean
dossier_uploader_retry (DossierUploader *self,
                        gint64           upload_id)
{
  DossierUploadEntry *entry;

  g_return_val_if_fail (DOSSIER_IS_UPLOADER (self), FALSE);

  if ((entry = lookup_waiting (self, upload_id)) == NULL)
    return FALSE;

  entry->auto_retries = 0;
  _dossier_uploader_queue (self, entry);
  return TRUE;
}

static void
removed_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!dossier_journal_remove_upload_finish (DOSSIER_JOURNAL (source), result, &error))
    g_warning ("A cancelled upload stays in the journal's queue: %s", error->message);
}

/**
 * dossier_uploader_cancel:
 * @self: a #DossierUploader
 * @upload_id: an upload waiting to be sent (or to be retried)
 *
 * The person's Cancel: the upload leaves the queue and the journal, and is not sent
 * again (one already on its way, or being checked, cannot be taken back). Emits
 * ::upload-changed once more; dossier_uploader_lookup() knows it no more.
 *
 * Returns: %TRUE when the upload was taken out of the queue
 */
gboolean
dossier_uploader_cancel (DossierUploader *self,
                         gint64           upload_id)
{
  DossierUploadEntry *entry;

  g_return_val_if_fail (DOSSIER_IS_UPLOADER (self), FALSE);

  if ((entry = lookup_waiting (self, upload_id)) == NULL)
    return FALSE;

  _dossier_uploader_cancel_retry (entry);
  if (entry->queued)
    g_queue_remove (&self->run_queue, entry);
  dossier_journal_remove_upload_async (self->journal, upload_id, NULL, removed_cb, NULL);
  g_hash_table_remove (self->entries, &upload_id);
  g_signal_emit_by_name (self, "upload-changed", upload_id);
  return TRUE;
}

static void
resume_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  DossierUploader *self = g_task_get_source_object (task);
  g_autoptr(GPtrArray) uploads = NULL;
  g_autoptr(GError) error = NULL;
  guint picked = 0;

  uploads = dossier_journal_list_uploads_finish (DOSSIER_JOURNAL (source), result, &error);
  if (uploads == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (self->entries == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                               _("The upload queue was closed."));
      return;
    }

  for (guint i = 0; i < uploads->len; i++)
    {
      DossierJournalUpload *record = g_ptr_array_index (uploads, i);
      DossierUploadEntry *entry;

      if (record->state != DOSSIER_JOURNAL_UPLOAD_STATE_PENDING &&
          record->state != DOSSIER_JOURNAL_UPLOAD_STATE_SENDING)
        continue;
      if (g_hash_table_contains (self->entries, &record->id))
        continue;

      entry = _dossier_uploader_ensure_entry (self, record);
      _dossier_uploader_queue (self, entry);
      picked++;
    }

  g_debug ("resumed %u queued upload(s)", picked);
  g_task_return_int (task, picked);
}

/**
 * dossier_uploader_resume_async:
 * @self: a #DossierUploader
 * @cancellable: (nullable): a #GCancellable
 * @callback: called once the queued uploads are known (not sent)
 * @user_data: data for @callback
 *
 * Picks up what an earlier run left in the journal's queue: pending uploads are
 * sent, "sending" ones are checked first (their answer may have been lost).
 */
void
dossier_uploader_resume_async (DossierUploader     *self,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (DOSSIER_IS_UPLOADER (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, dossier_uploader_resume_async);
  dossier_journal_list_uploads_async (self->journal, NULL, NULL, cancellable, resume_cb, task);
}

/**
 * dossier_uploader_resume_finish:
 * @self: a #DossierUploader
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Returns: how many uploads were picked up
 */
guint
dossier_uploader_resume_finish (DossierUploader  *self,
                                GAsyncResult     *result,
                                GError          **error)
{
  gssize value;

  g_return_val_if_fail (DOSSIER_IS_UPLOADER (self), 0);
  g_return_val_if_fail (g_task_is_valid (result, self), 0);

  value = g_task_propagate_int (G_TASK (result), error);
  return MAX (value, 0);
}

static void
resume_logged_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  dossier_uploader_resume_finish (DOSSIER_UPLOADER (source), result, &error);
  if (error != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_warning ("Could not resume the upload queue: %s", error->message);
}

/**
 * dossier_uploader_resume:
 * @self: a #DossierUploader
 *
 * dossier_uploader_resume_async() without waiting; a failure is logged.
 */
void
dossier_uploader_resume (DossierUploader *self)
{
  g_return_if_fail (DOSSIER_IS_UPLOADER (self));

  dossier_uploader_resume_async (self, NULL, resume_logged_cb, NULL);
}

/**
 * dossier_uploader_lookup:
 * @self: a #DossierUploader
 * @upload_id: an upload enqueued or resumed by this uploader
 *
 * Returns: (transfer full) (nullable): a snapshot of the upload, or %NULL when unknown
 */
DossierUploadInfo *
dossier_uploader_lookup (DossierUploader *self,
                         gint64           upload_id)
{
  DossierUploadEntry *entry;

  g_return_val_if_fail (DOSSIER_IS_UPLOADER (self), NULL);

  if (self->entries == NULL ||
      (entry = g_hash_table_lookup (self->entries, &upload_id)) == NULL)
    return NULL;

  return dossier_upload_info_copy (entry->info);
}

/**
 * dossier_uploader_is_busy:
 * @self: a #DossierUploader
 *
 * Returns: %TRUE while an upload is queued, being checked or sent, or waiting to retry
 */
gboolean
dossier_uploader_is_busy (DossierUploader *self)
{
  GHashTableIter iter;
  DossierUploadEntry *entry;

  g_return_val_if_fail (DOSSIER_IS_UPLOADER (self), FALSE);

  if (self->entries == NULL)
    return FALSE;
  if (self->current != NULL || self->run_queue.length > 0)
    return TRUE;

  g_hash_table_iter_init (&iter, self->entries);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &entry))
    if (entry->retry_source != 0)
      return TRUE;

  return FALSE;
}

static void
list_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  DossierUploader *self = g_task_get_source_object (task);
  g_autoptr(GPtrArray) uploads = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *infos;

  uploads = dossier_journal_list_uploads_finish (DOSSIER_JOURNAL (source), result, &error);
  if (uploads == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  infos = g_ptr_array_new_with_free_func ((GDestroyNotify) dossier_upload_info_free);
  for (guint i = 0; i < uploads->len; i++)
    {
      DossierJournalUpload *record = g_ptr_array_index (uploads, i);
      DossierUploadEntry *entry = NULL;
      DossierUploadInfo *info;

      if (self->entries != NULL)
        entry = g_hash_table_lookup (self->entries, &record->id);

      /* The journal has the lasting record (thumbnail, hashes, reasons); the uploader
       * the live status of what it is running. */
      info = entry != NULL ? dossier_upload_info_copy (entry->info)
                           : _dossier_uploader_info_new_for_record (record);
      g_ptr_array_add (infos, info);
    }

  g_task_return_pointer (task, infos, (GDestroyNotify) g_ptr_array_unref);
}

/**
 * dossier_uploader_list_for_request_async:
 * @self: a #DossierUploader
 * @client_id: (nullable): the client
 * @request_id: (nullable): the request
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the list
 * @user_data: data for @callback
 */
void
dossier_uploader_list_for_request_async (DossierUploader     *self,
                                         const char          *client_id,
                                         const char          *request_id,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (DOSSIER_IS_UPLOADER (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, dossier_uploader_list_for_request_async);
  dossier_journal_list_uploads_async (self->journal, client_id, request_id, cancellable,
                                      list_cb, task);
}

/**
 * dossier_uploader_list_for_request_finish:
 * @self: a #DossierUploader
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (element-type DossierUploadInfo): the request's uploads,
 *   oldest first
 */
GPtrArray *
dossier_uploader_list_for_request_finish (DossierUploader  *self,
                                          GAsyncResult     *result,
                                          GError          **error)
{
  g_return_val_if_fail (DOSSIER_IS_UPLOADER (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
