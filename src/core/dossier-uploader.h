/* dossier-uploader.h — runs the journal's upload queue through DossierApi (CONTRACT.md §8.7)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A document is first committed to the journal's upload queue with the exact
 * bytes of each side, then sent: nothing is lost if the app dies. Uploads are
 * sent one at a time, in queue order. The server's answer marks the queued
 * upload accepted (its bytes are dropped, their SHA-256 kept) or rejected (its
 * reasons kept), and is recorded as document-uploaded + document-accepted /
 * document-rejected events.
 *
 * A network failure leaves the upload queued (status WAITING with a sentence)
 * and retries it with a growing delay; dossier_uploader_retry() retries at once.
 * An upload whose answer may have been lost (a dropped connection, a 5xx, an
 * unreadable answer, or "sending" in the journal after a restart) is never sent
 * again blindly: the client's products are listed first, and when its group is
 * no longer missing the upload is marked done instead.
 * (If such a re-send is refused with DOCUMENT_NOT_REQUESTED — the first one was
 * still being processed when the check ran — the request is checked once more.)
 * A 4xx answer (412 INVALID_STATE, DOCUMENT_NOT_REQUESTED, 400, 404 …) is final:
 * status FAILED with the server's message, never retried; the journal keeps it as
 * rejected with {"code", "message", "http_status", "trace_id"} as its reasons.
 * 401/403 leave the upload WAITING without automatic retries (the key can be fixed).
 * The answer's trace id (DossierApi::document-uploaded) goes into the events.
 *
 * Belongs to the main thread.
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "dossier-api.h"
#include "dossier-journal.h"

G_BEGIN_DECLS

/* What the person sees of one upload. */
typedef enum {
  DOSSIER_UPLOAD_STATUS_QUEUED,    /* in the queue, waiting its turn */
  DOSSIER_UPLOAD_STATUS_CHECKING,  /* an earlier answer was lost: re-reading the request */
  DOSSIER_UPLOAD_STATUS_SENDING,   /* on its way */
  DOSSIER_UPLOAD_STATUS_WAITING,   /* failed (network, 5xx, 429…): still queued, will retry */
  DOSSIER_UPLOAD_STATUS_ACCEPTED,  /* the server accepted it (or its group was found satisfied) */
  DOSSIER_UPLOAD_STATUS_REJECTED,  /* the server rejected it: see rejected_items */
  DOSSIER_UPLOAD_STATUS_FAILED,    /* a final error (4xx): see message; never retried */
} DossierUploadStatus;

#define DOSSIER_TYPE_UPLOAD_STATUS (dossier_upload_status_get_type ())
GType dossier_upload_status_get_type (void) G_GNUC_CONST;

/* A snapshot of one upload: the journal's record plus what the uploader knows. */
typedef struct {
  gint64               id;              /* the journal's upload id */
  char                *client_id;
  char                *request_id;
  char                *group_id;
  char                *document_type;
  DossierUploadStatus  status;
  char                *message;         /* nullable: the last error, a translated sentence
                                         * (with the server's message for FAILED) */
  char                *trace_id;        /* nullable: the trace id of the last answer or error */
  GPtrArray           *rejected_items;  /* (element-type DossierRejectedItem): when REJECTED */
  char                *front_sha256;    /* hex SHA-256 of the bytes queued / sent */
  char                *back_sha256;     /* nullable: one-sided documents */
  GBytes              *thumbnail;       /* nullable: once accepted */
  guint                attempts;        /* sends tried since the uploader started */
  gint64               retry_at;        /* WAITING: the automatic retry, monotonic µs; 0 none */
  gint64               created_at;      /* UTC µs */
  gint64               updated_at;      /* UTC µs */
  double               progress;        /* SENDING: the part of the document on the wire,
                                         * 0.0–1.0 (-1.0 while its size is unknown) */
} DossierUploadInfo;

#define DOSSIER_TYPE_UPLOAD_INFO (dossier_upload_info_get_type ())
GType              dossier_upload_info_get_type (void) G_GNUC_CONST;
DossierUploadInfo *dossier_upload_info_copy     (const DossierUploadInfo *info);
void               dossier_upload_info_free     (DossierUploadInfo       *info);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DossierUploadInfo, dossier_upload_info_free)

#define DOSSIER_TYPE_UPLOADER (dossier_uploader_get_type ())
G_DECLARE_FINAL_TYPE (DossierUploader, dossier_uploader, DOSSIER, UPLOADER, GObject)

/* Signals:
 *   upload-changed  (gint64 upload_id)        any change of status, message or record
 *   upload-progress (gint64 upload_id, double fraction)
 *                   while SENDING: the part of the document written, 0.0–1.0 (-1.0 when
 *                   its size is unknown); at most about 30 a second, on the main context,
 *                   the last one 1.0 once it is all sent (a new attempt starts again at 0)
 *   request-updated (const char *client_id, DossierProductRequest *request)
 *                   a request as an upload's answer (or a check) returned it: its
 *                   missing_requirements and, after an upload, its rejected_items */
DossierUploader   *dossier_uploader_new                 (DossierApi          *api,
                                                         DossierJournal      *journal);
DossierApi        *dossier_uploader_get_api             (DossierUploader     *self);
DossierJournal    *dossier_uploader_get_journal         (DossierUploader     *self);

/* Automatic retries after a failure: first_ms, doubled each time up to max_ms, at most
 * max_attempts automatic retries (0: only dossier_uploader_retry()). Default 2 s, 5 min, 8. */
void               dossier_uploader_set_backoff         (DossierUploader     *self,
                                                         guint                first_ms,
                                                         guint                max_ms,
                                                         guint                max_attempts);

/* document: the §8.7 object {"document_type", "image_front", "image_back", "metadata"};
 * images as data URIs or raw base64 (decoded here). front_sha256 / back_sha256
 * (nullable): the hex SHA-256 the caller expects of each side's bytes; a mismatch
 * fails with G_IO_ERROR_INVALID_DATA before anything is queued.
 * Finishes once the upload is committed to the journal (not when it is sent), with
 * its id; sending starts right after. cancellable only silences the answer: a
 * cancelled call still queues and sends the document (and reports G_IO_ERROR_CANCELLED). */
void               dossier_uploader_enqueue_async       (DossierUploader     *self,
                                                         const char          *client_id,
                                                         const char          *request_id,
                                                         const char          *group_id,
                                                         JsonNode            *document,
                                                         const char          *front_sha256,
                                                         const char          *back_sha256,
                                                         GCancellable        *cancellable,
                                                         GAsyncReadyCallback  callback,
                                                         gpointer             user_data);
/* The same with the prepared bytes (as dossier_document_image_get_upload_bytes gives them);
 * metadata nullable; back nullable. */
void               dossier_uploader_enqueue_bytes_async (DossierUploader     *self,
                                                         const char          *client_id,
                                                         const char          *request_id,
                                                         const char          *group_id,
                                                         const char          *document_type,
                                                         JsonObject          *metadata,
                                                         GBytes              *front,
                                                         GBytes              *back,
                                                         GCancellable        *cancellable,
                                                         GAsyncReadyCallback  callback,
                                                         gpointer             user_data);
/* Returns: the upload id (> 0), or 0 with error set. Also finishes _enqueue_bytes_async. */
gint64             dossier_uploader_enqueue_finish      (DossierUploader     *self,
                                                         GAsyncResult        *result,
                                                         GError             **error);

/* The user's Retry: a WAITING (or QUEUED) upload is tried now. FALSE when the upload is
 * unknown, finished (ACCEPTED, REJECTED, FAILED) or already being sent or checked. */
gboolean           dossier_uploader_retry               (DossierUploader     *self,
                                                         gint64               upload_id);

/* The user's Cancel: a WAITING or QUEUED upload leaves the queue and the journal (never
 * sent again; one that may have reached the server is not taken back there). Emits
 * ::upload-changed, after which dossier_uploader_lookup() returns NULL for it. FALSE when
 * the upload is unknown, finished, or being sent or checked right now. */
gboolean           dossier_uploader_cancel              (DossierUploader     *self,
                                                         gint64               upload_id);

/* After a restart: picks up every pending or sending upload of the journal (sending
 * ones are checked before being sent again). Finishes when they are known (not sent);
 * returns how many were picked up. Safe to call more than once. */
void               dossier_uploader_resume_async        (DossierUploader     *self,
                                                         GCancellable        *cancellable,
                                                         GAsyncReadyCallback  callback,
                                                         gpointer             user_data);
guint              dossier_uploader_resume_finish       (DossierUploader     *self,
                                                         GAsyncResult        *result,
                                                         GError             **error);
/* Fire-and-forget form of the above (errors are logged). */
void               dossier_uploader_resume              (DossierUploader     *self);

/* What the uploader knows of one upload now (this session's uploads and resumed ones).
 * Returns: (transfer full) (nullable) */
DossierUploadInfo *dossier_uploader_lookup              (DossierUploader     *self,
                                                         gint64               upload_id) G_GNUC_WARN_UNUSED_RESULT;
/* TRUE while anything is queued, being sent or checked, or waiting to retry. */
gboolean           dossier_uploader_is_busy             (DossierUploader     *self);

/* Every upload of the journal for this request (oldest first), each with the status the
 * uploader knows (journal states map: pending → QUEUED, sending → WAITING, accepted →
 * ACCEPTED, rejected → REJECTED or FAILED).
 * Returns: (element-type DossierUploadInfo) (transfer full) */
void               dossier_uploader_list_for_request_async (DossierUploader  *self,
                                                         const char          *client_id,
                                                         const char          *request_id,
                                                         GCancellable        *cancellable,
                                                         GAsyncReadyCallback  callback,
                                                         gpointer             user_data);
GPtrArray         *dossier_uploader_list_for_request_finish (DossierUploader *self,
                                                         GAsyncResult        *result,
                                                         GError             **error) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
