/* dossier-uploader-private.h — what dossier-uploader.c and dossier-uploader-send.c share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "dossier-uploader.h"

G_BEGIN_DECLS

/* One upload the uploader knows about. */
typedef struct
{
  DossierUploader      *uploader;       /* not a reference */
  DossierUploadInfo    *info;
  DossierJournalUpload *record;         /* the journal's record (without bytes once sent) */
  gboolean              needs_check;    /* sent before: the answer may have been lost */
  gboolean              queued;         /* in the run queue */
  guint                 auto_retries;   /* automatic retries since the last success or Retry */
  guint                 retry_source;
  char                 *answer_trace_id; /* the X-Trace-Id of the answer being handled */
} DossierUploadEntry;

struct _DossierUploader
{
  GObject             parent_instance;

  DossierApi         *api;
  DossierJournal     *journal;
  GCancellable       *cancellable;     /* cancelled on dispose */

  GHashTable         *entries;         /* gint64* id → DossierUploadEntry */
  GQueue              run_queue;       /* DossierUploadEntry*, in order */
  DossierUploadEntry *current;         /* being checked or sent */

  guint               backoff_first_ms;
  guint               backoff_max_ms;
  guint               backoff_max_attempts;
};

enum {
  DOSSIER_UPLOADER_SIGNAL_UPLOAD_CHANGED,
  DOSSIER_UPLOADER_SIGNAL_REQUEST_UPDATED,
  DOSSIER_UPLOADER_SIGNAL_UPLOAD_PROGRESS,
  DOSSIER_UPLOADER_N_SIGNALS,
};

/* dossier-uploader.c */
DossierUploadEntry *_dossier_uploader_ensure_entry  (DossierUploader            *self,
                                                     const DossierJournalUpload *record);
void                _dossier_uploader_set_status    (DossierUploader            *self,
                                                     DossierUploadEntry         *entry,
                                                     DossierUploadStatus         status,
                                                     const char                 *message,
                                                     const char                 *trace_id);
void                _dossier_uploader_emit_progress (DossierUploader            *self,
                                                     gint64                      upload_id,
                                                     double                      fraction);
void                _dossier_uploader_emit_request  (DossierUploader            *self,
                                                     const char                 *client_id,
                                                     DossierProductRequest      *request);
void                _dossier_uploader_queue         (DossierUploader            *self,
                                                     DossierUploadEntry         *entry);
DossierUploadStatus _dossier_uploader_status_for_record (const DossierJournalUpload *record);
DossierUploadInfo  *_dossier_uploader_info_new_for_record (const DossierJournalUpload *record);


/* One upload being handled, from reading its record to recording the answer; owned by
 * whichever callback runs next. */
typedef struct
{
  DossierUploader       *self;          /* valid while cancellable is not cancelled */
  GCancellable          *cancellable;
  gint64                 id;
  DossierJournalUpload  *record;        /* with its bytes */
  DossierProductRequest *request;       /* the answer (or the checked request) */
  gboolean               confirmed;     /* accepted by a check, not by an answer */
  gboolean               sent;          /* this run POSTed the document */
  gboolean               resent;        /* ... after a check, the first send's fate unknown */
  gboolean               refused;       /* that re-send was refused: the group was satisfied */
  gboolean               empty_answer;  /* the POST was answered 2xx without a body */
  char                  *trace_id;      /* the answer's X-Trace-Id, when known */
  GBytes                *thumbnail;     /* accepted: made from the front side */
  gboolean               has_uploaded_event;  /* already in the journal (a recovery) */
  gboolean               has_accepted_event;
} DossierUploadSendData;

void                _dossier_upload_send_data_free  (DossierUploadSendData      *data);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DossierUploadSendData, _dossier_upload_send_data_free)
/* The entry of data, or NULL when the uploader is gone or forgot it. */
DossierUploadEntry *_dossier_upload_send_data_entry (DossierUploadSendData      *data);
/* The upload is handled: start the next one. */
void                _dossier_upload_send_data_finish (DossierUploadSendData     *data);

/* dossier-uploader-answer.c: each takes data (transfer full). */
void                _dossier_uploader_accept        (DossierUploadSendData      *data);
void                _dossier_uploader_reject        (DossierUploadSendData      *data,
                                                     GPtrArray                  *items);
void                _dossier_uploader_final_failure (DossierUploadSendData      *data,
                                                     const GError               *error);
void                _dossier_uploader_attempt_failed (DossierUploadSendData     *data,
                                                     const GError               *error);
/* The answer's rejected items about data's document. */
GPtrArray          *_dossier_uploader_items_for_document (DossierUploadSendData *data);

/* dossier-uploader-send.c: starts the next queued upload when none is running. */
void                _dossier_uploader_pump          (DossierUploader            *self);
void                _dossier_uploader_cancel_retry  (DossierUploadEntry         *entry);
GPtrArray          *_dossier_uploader_items_from_json (JsonNode                 *reasons);

G_END_DECLS
