/* dossier-journal-queue.c — the queue of document uploads
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "dossier-image-check.h"
#include "dossier-journal-private.h"

/*
 * An upload is queued as "pending" with the prepared bytes of each side, exactly as
 * they will be sent. Once the server accepts it, the bytes go and only a thumbnail
 * (long side <= 320 px) and each side's SHA-256 stay, as evidence of what was sent.
 * A rejected upload keeps its bytes and the server's reasons, so the person can
 * compare it with the next attempt; it is deleted when a newer upload for the same
 * (request, group) is answered, accepted or rejected, in that same transaction.
 */

#define MAX_THUMBNAIL_SIDE 320

typedef struct {
  gint64                id;
  DossierJournalUpload *upload;
  char                 *metadata;
  char                 *rejection;
  GBytes               *thumbnail;
  char                 *client_id;
  char                 *request_id;
  char                 *group_id;
} QueueData;

static void
queue_data_free (QueueData *data)
{
  dossier_journal_upload_free (data->upload);
  g_free (data->metadata);
  g_free (data->rejection);
  g_clear_pointer (&data->thumbnail, g_bytes_unref);
  g_free (data->client_id);
  g_free (data->request_id);
  g_free (data->group_id);
  g_free (data);
}

static gboolean
is_blank (const char *text)
{
  return text == NULL || text[0] == '\0';
}

static gboolean
enqueue_run (sqlite3            *db,
             gpointer            user_data,
             DossierJournalJob  *job,
             GError            **error)
{
  QueueData *data = user_data;
  DossierJournalUpload *upload = data->upload;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gint64 now = g_get_real_time ();

  stmt = _dossier_journal_sql_prepare (db,
                                       "INSERT INTO uploads (client_id, request_id, group_id,"
                                       " document_type, metadata, state, front, back,"
                                       " created_at, updated_at)"
                                       " VALUES (?, ?, ?, ?, ?, 'pending', ?, ?, ?, ?)",
                                       error);
  if (stmt == NULL)
    return FALSE;

  _dossier_journal_bind_text (stmt, 1, upload->client_id);
  _dossier_journal_bind_text (stmt, 2, upload->request_id);
  _dossier_journal_bind_text (stmt, 3, upload->group_id);
  _dossier_journal_bind_text (stmt, 4, upload->document_type);
  _dossier_journal_bind_text (stmt, 5, data->metadata);
  _dossier_journal_bind_bytes (stmt, 6, upload->front);
  _dossier_journal_bind_bytes (stmt, 7, upload->back);
  sqlite3_bind_int64 (stmt, 8, now);
  sqlite3_bind_int64 (stmt, 9, now);

  if (!_dossier_journal_sql_done (stmt, error))
    return FALSE;

  _dossier_journal_job_set_id (job, sqlite3_last_insert_rowid (db));
  _dossier_journal_job_changed (job, DOSSIER_JOURNAL_CHANGE_QUEUE, upload->client_id, NULL);
  return TRUE;
}

/**
 * dossier_journal_enqueue_upload_async:
 * @self: a #DossierJournal
 * @upload: the upload: client, request, group, document type, metadata (a JSON object
 *   or %NULL) and the front (and back) prepared bytes; other members are ignored
 * @cancellable: (nullable): a #GCancellable
 * @callback: called once the upload is committed as pending
 * @user_data: data for @callback
 */
void
dossier_journal_enqueue_upload_async (DossierJournal             *self,
                                      const DossierJournalUpload *upload,
                                      GCancellable               *cancellable,
                                      GAsyncReadyCallback         callback,
                                      gpointer                    user_data)
{
  g_autoptr(GTask) task = NULL;
  QueueData *data;

  g_return_if_fail (DOSSIER_IS_JOURNAL (self));
  g_return_if_fail (upload != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, dossier_journal_enqueue_upload_async);

  if (is_blank (upload->client_id) || is_blank (upload->request_id) ||
      is_blank (upload->group_id) || is_blank (upload->document_type) ||
      upload->front == NULL || g_bytes_get_size (upload->front) == 0 ||
      (upload->metadata != NULL && !JSON_NODE_HOLDS_OBJECT (upload->metadata)))
    {
      g_task_return_new_error (task, DOSSIER_JOURNAL_ERROR, DOSSIER_JOURNAL_ERROR_INVALID,
                               _("An upload needs a client, a request, a group, a document "
                                 "type and the front side’s bytes."));
      return;
    }

  data = g_new0 (QueueData, 1);
  data->upload = dossier_journal_upload_new (upload->client_id, upload->request_id,
                                             upload->group_id, upload->document_type,
                                             upload->front, upload->back);
  data->metadata = _dossier_journal_json_dump (upload->metadata);

  _dossier_journal_submit (self, g_steal_pointer (&task), enqueue_run,
                           data, (GDestroyNotify) queue_data_free);
}

/**
 * dossier_journal_enqueue_upload_finish:
 * @self: a #DossierJournal
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Returns: the upload's id (> 0), or 0 with @error set
 */
gint64
dossier_journal_enqueue_upload_finish (DossierJournal  *self,
                                       GAsyncResult    *result,
                                       GError         **error)
{
  return _dossier_journal_propagate_id (self, result, dossier_journal_enqueue_upload_async,
                                        error);
}

/* Reads the row's identity and state inside the running transaction. */
static gboolean
read_upload_head (sqlite3                    *db,
                  QueueData                  *data,
                  DossierJournalUploadState  *state,
                  GBytes                    **front,
                  GBytes                    **back,
                  GError                    **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *state_name = NULL;
  int rc;

  stmt = _dossier_journal_sql_prepare (db,
                                       "SELECT client_id, request_id, group_id, state, front, back"
                                       " FROM uploads WHERE id = ?",
                                       error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, data->id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    {
      g_set_error (error, DOSSIER_JOURNAL_ERROR, DOSSIER_JOURNAL_ERROR_NOT_FOUND,
                   _("This upload is no longer in the queue."));
      return FALSE;
    }
  if (rc != SQLITE_ROW)
    {
      _dossier_journal_sql_error (error, db, _("read the upload queue"));
      return FALSE;
    }

  data->client_id = _dossier_journal_column_text (stmt, 0);
  data->request_id = _dossier_journal_column_text (stmt, 1);
  data->group_id = _dossier_journal_column_text (stmt, 2);
  state_name = _dossier_journal_column_text (stmt, 3);
  if (front != NULL)
    *front = _dossier_journal_column_bytes (stmt, 4);
  if (back != NULL)
    *back = _dossier_journal_column_bytes (stmt, 5);

  if (!dossier_journal_upload_state_from_string (state_name, state))
    *state = DOSSIER_JOURNAL_UPLOAD_STATE_PENDING;

  return TRUE;
}

static gboolean
check_unanswered (DossierJournalUploadState   state,
                  GError                    **error)
{
  if (state == DOSSIER_JOURNAL_UPLOAD_STATE_PENDING || state == DOSSIER_JOURNAL_UPLOAD_STATE_SENDING)
    return TRUE;

  g_set_error (error, DOSSIER_JOURNAL_ERROR, DOSSIER_JOURNAL_ERROR_INVALID,
               _("The server already answered this upload."));
  return FALSE;
}

static char *
checksum (GBytes *bytes)
{
  if (bytes == NULL)
    return NULL;

  return g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes);
}

static gboolean
delete_replaced (sqlite3    *db,
                 QueueData  *data,
                 GError    **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = _dossier_journal_sql_prepare (db,
                                       "DELETE FROM uploads WHERE request_id = ? AND group_id = ?"
                                       " AND state = 'rejected' AND id < ?",
                                       error);
  if (stmt == NULL)
    return FALSE;

  _dossier_journal_bind_text (stmt, 1, data->request_id);
  _dossier_journal_bind_text (stmt, 2, data->group_id);
  sqlite3_bind_int64 (stmt, 3, data->id);
  return _dossier_journal_sql_done (stmt, error);
}

/* One transaction: check the state, apply the transition, drop replaced rejections. */
static gboolean
answer_run (sqlite3            *db,
            gpointer            user_data,
            DossierJournalJob  *job,
            GError            **error)
{
  QueueData *data = user_data;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GBytes) front = NULL;
  g_autoptr(GBytes) back = NULL;
  g_autofree char *front_sha256 = NULL;
  g_autofree char *back_sha256 = NULL;
  DossierJournalUploadState state;
  gboolean accepted = data->thumbnail != NULL;
  gboolean rejected = data->rejection != NULL;

  if (!_dossier_journal_begin (db, error))
    return FALSE;

  if (!read_upload_head (db, data, &state, &front, &back, error) ||
      !check_unanswered (state, error))
    goto failed;

  if (accepted)
    {
      front_sha256 = checksum (front);
      back_sha256 = checksum (back);
      stmt = _dossier_journal_sql_prepare (db,
                                           "UPDATE uploads SET state = 'accepted', front = NULL,"
                                           " back = NULL, thumbnail = ?, front_sha256 = ?,"
                                           " back_sha256 = ?, rejection = NULL, updated_at = ?"
                                           " WHERE id = ?",
                                           error);
      if (stmt == NULL)
        goto failed;
      _dossier_journal_bind_bytes (stmt, 1, data->thumbnail);
      _dossier_journal_bind_text (stmt, 2, front_sha256);
      _dossier_journal_bind_text (stmt, 3, back_sha256);
      sqlite3_bind_int64 (stmt, 4, g_get_real_time ());
      sqlite3_bind_int64 (stmt, 5, data->id);
    }
  else
    {
      stmt = _dossier_journal_sql_prepare (db,
                                           "UPDATE uploads SET state = ?, rejection = ?,"
                                           " updated_at = ? WHERE id = ?",
                                           error);
      if (stmt == NULL)
        goto failed;
      _dossier_journal_bind_text (stmt, 1, rejected ? "rejected" : "sending");
      _dossier_journal_bind_text (stmt, 2, data->rejection);
      sqlite3_bind_int64 (stmt, 3, g_get_real_time ());
      sqlite3_bind_int64 (stmt, 4, data->id);
    }

  if (!_dossier_journal_sql_done (stmt, error))
    goto failed;

  if ((accepted || rejected) && !delete_replaced (db, data, error))
    goto failed;

  if (!_dossier_journal_commit (db, error))
    return FALSE;

  /* An acknowledged upload's bytes (and a replaced rejection's) must leave the files. */
  if (accepted || rejected)
    _dossier_journal_drop_freed_pages (db);

  _dossier_journal_job_changed (job, DOSSIER_JOURNAL_CHANGE_QUEUE, data->client_id, NULL);
  return TRUE;

failed:
  _dossier_journal_rollback (db);
  return FALSE;
}

static void
submit_answer (DossierJournal *self,
               GTask          *task,
               QueueData      *data)
{
  _dossier_journal_submit (self, task, answer_run, data, (GDestroyNotify) queue_data_free);
}

/**
 * dossier_journal_mark_upload_sending_async:
 * @self: a #DossierJournal
 * @upload_id: a pending (or already sending) upload
 * @cancellable: (nullable): a #GCancellable
 * @callback: called once the state is committed
 * @user_data: data for @callback
 *
 * Records that the upload is being sent. An upload still "sending" after a restart
 * was perhaps received: the caller checks the request before sending it again.
 */
void
dossier_journal_mark_upload_sending_async (DossierJournal      *self,
                                           gint64               upload_id,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  QueueData *data;

  g_return_if_fail (DOSSIER_IS_JOURNAL (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, dossier_journal_mark_upload_sending_async);

  data = g_new0 (QueueData, 1);
  data->id = upload_id;
  submit_answer (self, g_steal_pointer (&task), data);
}

/**
 * dossier_journal_mark_upload_sending_finish:
 * @self: a #DossierJournal
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Returns: %TRUE when the state was recorded
 */
gboolean
dossier_journal_mark_upload_sending_finish (DossierJournal  *self,
                                            GAsyncResult    *result,
                                            GError         **error)
{
  return _dossier_journal_propagate_boolean (self, result,
                                             dossier_journal_mark_upload_sending_async, error);
}

/**
 * dossier_journal_mark_upload_accepted_async:
 * @self: a #DossierJournal
 * @upload_id: a pending or sending upload
 * @thumbnail: PNG or JPEG bytes whose long side is at most 320 px
 * @cancellable: (nullable): a #GCancellable
 * @callback: called once the state is committed
 * @user_data: data for @callback
 *
 * Records the server's acceptance: the prepared bytes are dropped, the SHA-256 of
 * each side's bytes and @thumbnail are kept, and older rejected uploads for the same
 * request and group are deleted.
 */
void
dossier_journal_mark_upload_accepted_async (DossierJournal      *self,
                                            gint64               upload_id,
                                            GBytes              *thumbnail,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  QueueData *data;
  const guint8 *bytes;
  gsize size = 0;
  guint width = 0;
  guint height = 0;

  g_return_if_fail (DOSSIER_IS_JOURNAL (self));
  g_return_if_fail (thumbnail != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, dossier_journal_mark_upload_accepted_async);

  /* Header reads only: cheap enough for the calling thread. */
  bytes = g_bytes_get_data (thumbnail, &size);
  if (dossier_image_detect_format (bytes, size) == DOSSIER_IMAGE_FORMAT_UNKNOWN ||
      !dossier_image_read_size (bytes, size, &width, &height) ||
      MAX (width, height) > MAX_THUMBNAIL_SIDE)
    {
      /* Translators: %d is a number of pixels. */
      g_task_return_new_error (task, DOSSIER_JOURNAL_ERROR, DOSSIER_JOURNAL_ERROR_INVALID,
                               _("A thumbnail must be a PNG or JPEG image at most %d pixels "
                                 "on its long side."), MAX_THUMBNAIL_SIDE);
      return;
    }

  data = g_new0 (QueueData, 1);
  data->id = upload_id;
  data->thumbnail = g_bytes_ref (thumbnail);
  submit_answer (self, g_steal_pointer (&task), data);
}

/**
 * dossier_journal_mark_upload_accepted_finish:
 * @self: a #DossierJournal
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Returns: %TRUE when the acceptance was recorded
 */
gboolean
dossier_journal_mark_upload_accepted_finish (DossierJournal  *self,
                                             GAsyncResult    *result,
                                             GError         **error)
{
  return _dossier_journal_propagate_boolean (self, result,
                                             dossier_journal_mark_upload_accepted_async, error);
}

/**
 * dossier_journal_mark_upload_rejected_async:
 * @self: a #DossierJournal
 * @upload_id: a pending or sending upload
 * @reasons: (nullable): the server's reasons (any JSON value, typically its rejected items)
 * @cancellable: (nullable): a #GCancellable
 * @callback: called once the state is committed
 * @user_data: data for @callback
 *
 * Records the server's rejection; the bytes stay so the next attempt can be compared.
 */
void
dossier_journal_mark_upload_rejected_async (DossierJournal      *self,
                                            gint64               upload_id,
                                            JsonNode            *reasons,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  QueueData *data;

  g_return_if_fail (DOSSIER_IS_JOURNAL (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, dossier_journal_mark_upload_rejected_async);

  data = g_new0 (QueueData, 1);
  data->id = upload_id;
  data->rejection = reasons != NULL ? _dossier_journal_json_dump (reasons) : g_strdup ("null");
  submit_answer (self, g_steal_pointer (&task), data);
}

/**
 * dossier_journal_mark_upload_rejected_finish:
 * @self: a #DossierJournal
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Returns: %TRUE when the rejection was recorded
 */
gboolean
dossier_journal_mark_upload_rejected_finish (DossierJournal  *self,
                                             GAsyncResult    *result,
                                             GError         **error)
{
  return _dossier_journal_propagate_boolean (self, result,
                                             dossier_journal_mark_upload_rejected_async, error);
}
