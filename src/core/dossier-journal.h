/* dossier-journal.h — the local SQLite journal: events, request cache, drafts, notes, uploads
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>
#include <libsecret/secret.h>

#include "dossier-journal-records.h"

G_BEGIN_DECLS

#define DOSSIER_JOURNAL_ERROR (dossier_journal_error_quark ())

typedef enum {
  DOSSIER_JOURNAL_ERROR_OPEN = 1,
  DOSSIER_JOURNAL_ERROR_CORRUPT,
  DOSSIER_JOURNAL_ERROR_TOO_NEW,
  DOSSIER_JOURNAL_ERROR_MIGRATION,
  DOSSIER_JOURNAL_ERROR_FAILED,
  DOSSIER_JOURNAL_ERROR_NOT_FOUND,
  DOSSIER_JOURNAL_ERROR_INVALID,
  DOSSIER_JOURNAL_ERROR_CLOSED,
} DossierJournalError;

#define DOSSIER_TYPE_JOURNAL_ERROR (dossier_journal_error_get_type ())
GType  dossier_journal_error_get_type (void) G_GNUC_CONST;
GQuark dossier_journal_error_quark    (void);

/* The schema version this build writes. */
#define DOSSIER_JOURNAL_SCHEMA_VERSION 3

typedef enum {
  DOSSIER_JOURNAL_FLAGS_NONE       = 0,
  DOSSIER_JOURNAL_FLAGS_NO_KEYRING = 1 << 0,  /* never ask the Secret Service: unkeyed chain */
} DossierJournalFlags;

#define DOSSIER_TYPE_JOURNAL_FLAGS (dossier_journal_flags_get_type ())
GType dossier_journal_flags_get_type (void) G_GNUC_CONST;

/* What a verification found first. */
typedef enum {
  DOSSIER_JOURNAL_PROBLEM_NONE,
  DOSSIER_JOURNAL_PROBLEM_CONTENT_EDITED,   /* an event's content or link was changed */
  DOSSIER_JOURNAL_PROBLEM_ROW_DELETED,      /* an event before this one is missing */
  DOSSIER_JOURNAL_PROBLEM_NEWEST_DELETED,   /* the chain ends before its recorded head */
  DOSSIER_JOURNAL_PROBLEM_REORDERED,        /* events are not in the order they were chained */
  DOSSIER_JOURNAL_PROBLEM_KEY_UNAVAILABLE,  /* keyed chain, but its key could not be read */
} DossierJournalProblem;

#define DOSSIER_TYPE_JOURNAL_PROBLEM (dossier_journal_problem_get_type ())
GType dossier_journal_problem_get_type (void) G_GNUC_CONST;

/* The result of dossier_journal_verify_async(). */
typedef struct {
  gboolean               ok;             /* every check passed */
  DossierJournalProblem  problem;
  gint64                 event_id;       /* the first event that fails (for NEWEST_DELETED:
                                          * the recorded head's id); 0 when ok */
  gboolean               keyed;          /* links are HMACs with the installation's key */
  gboolean               head_checked;   /* the chain head kept with the key was compared */
  guint                  n_checked;      /* events checked */
  guint                  n_forgotten;    /* of which tombstones (digest kept, content gone) */
  guint                  n_after_head;   /* events newer than the recorded head (see the rule
                                          * in dossier-journal-chain.c) */
  char                  *message;        /* a translated sentence for people */
} DossierJournalVerification;

#define DOSSIER_TYPE_JOURNAL_VERIFICATION (dossier_journal_verification_get_type ())
GType                       dossier_journal_verification_get_type (void) G_GNUC_CONST;
DossierJournalVerification *dossier_journal_verification_copy     (const DossierJournalVerification *verification);
void                        dossier_journal_verification_free     (DossierJournalVerification       *verification);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DossierJournalVerification, dossier_journal_verification_free)

const SecretSchema *dossier_journal_get_secret_schema (void) G_GNUC_CONST;

#define DOSSIER_TYPE_JOURNAL (dossier_journal_get_type ())
G_DECLARE_FINAL_TYPE (DossierJournal, dossier_journal, DOSSIER, JOURNAL, GObject)

void            dossier_journal_new_async                (const char                 *path,
                                                          GCancellable               *cancellable,
                                                          GAsyncReadyCallback         callback,
                                                          gpointer                    user_data);
void            dossier_journal_new_full_async           (const char                 *path,
                                                          DossierJournalFlags         flags,
                                                          GCancellable               *cancellable,
                                                          GAsyncReadyCallback         callback,
                                                          gpointer                    user_data);
DossierJournal *dossier_journal_new_finish               (GAsyncResult               *result,
                                                          GError                    **error) G_GNUC_WARN_UNUSED_RESULT;
const char     *dossier_journal_get_path                 (DossierJournal             *self);
gboolean        dossier_journal_get_keyed                (DossierJournal             *self);

/* Evidence chain (dossier-journal-verify.c) */
void            dossier_journal_verify_async             (DossierJournal             *self,
                                                          GCancellable               *cancellable,
                                                          GAsyncReadyCallback         callback,
                                                          gpointer                    user_data);
DossierJournalVerification *dossier_journal_verify_finish (DossierJournal            *self,
                                                          GAsyncResult               *result,
                                                          GError                    **error) G_GNUC_WARN_UNUSED_RESULT;
void            dossier_journal_forget_client_async      (DossierJournal             *self,
                                                          const char                 *client_id,
                                                          GCancellable               *cancellable,
                                                          GAsyncReadyCallback         callback,
                                                          gpointer                    user_data);
guint           dossier_journal_forget_client_finish     (DossierJournal             *self,
                                                          GAsyncResult               *result,
                                                          GError                    **error);
void            dossier_journal_flush_async              (DossierJournal             *self,
                                                          GCancellable               *cancellable,
                                                          GAsyncReadyCallback         callback,
                                                          gpointer                    user_data);
gboolean        dossier_journal_flush_finish             (DossierJournal             *self,
                                                          GAsyncResult               *result,
                                                          GError                    **error);

/* Events (dossier-journal-timeline.c) */
void            dossier_journal_add_event_async          (DossierJournal             *self,
                                                          const DossierJournalEvent  *event,
                                                          GCancellable               *cancellable,
                                                          GAsyncReadyCallback         callback,
                                                          gpointer                    user_data);
gint64          dossier_journal_add_event_finish         (DossierJournal             *self,
                                                          GAsyncResult               *result,
                                                          GError                    **error);
void            dossier_journal_list_events_async        (DossierJournal             *self,
                                                          const char                 *client_id,
                                                          const char                 *request_id,
                                                          guint                       limit,
                                                          GCancellable               *cancellable,
                                                          GAsyncReadyCallback         callback,
                                                          gpointer                    user_data);
GPtrArray      *dossier_journal_list_events_finish       (DossierJournal             *self,
                                                          GAsyncResult               *result,
                                                          GError                    **error) G_GNUC_WARN_UNUSED_RESULT;

/* Notes (dossier-journal-timeline.c) */
void            dossier_journal_add_note_async           (DossierJournal             *self,
                                                          const char                 *client_id,
                                                          const char                 *text,
                                                          GCancellable               *cancellable,
                                                          GAsyncReadyCallback         callback,
                                                          gpointer                    user_data);
gint64          dossier_journal_add_note_finish          (DossierJournal             *self,
                                                          GAsyncResult               *result,
                                                          GError                    **error);
void            dossier_journal_update_note_async        (DossierJournal             *self,
                                                          gint64                      note_id,
                                                          const char                 *text,
                                                          GCancellable               *cancellable,
                                                          GAsyncReadyCallback         callback,
                                                          gpointer                    user_data);
gboolean        dossier_journal_update_note_finish       (DossierJournal             *self,
                                                          GAsyncResult               *result,
                                                          GError                    **error);
void            dossier_journal_delete_note_async        (DossierJournal             *self,
                                                          gint64                      note_id,
                                                          GCancellable               *cancellable,
                                                          GAsyncReadyCallback         callback,
                                                          gpointer                    user_data);
gboolean        dossier_journal_delete_note_finish       (DossierJournal             *self,
                                                          GAsyncResult               *result,
                                                          GError                    **error);
void            dossier_journal_list_notes_async         (DossierJournal             *self,
                                                          const char                 *client_id,
                                                          GCancellable               *cancellable,
                                                          GAsyncReadyCallback         callback,
                                                          gpointer                    user_data);
GPtrArray      *dossier_journal_list_notes_finish        (DossierJournal             *self,
                                                          GAsyncResult               *result,
                                                          GError                    **error) G_GNUC_WARN_UNUSED_RESULT;

/* Request cache and drafts (dossier-journal-drafts.c) */
void            dossier_journal_store_requests_async     (DossierJournal             *self,
                                                          const char                 *client_id,
                                                          JsonNode                   *requests,
                                                          gint64                      fetched_at,
                                                          GCancellable               *cancellable,
                                                          GAsyncReadyCallback         callback,
                                                          gpointer                    user_data);
gboolean        dossier_journal_store_requests_finish    (DossierJournal             *self,
                                                          GAsyncResult               *result,
                                                          GError                    **error);
void            dossier_journal_list_requests_async      (DossierJournal             *self,
                                                          const char                 *client_id,
                                                          GCancellable               *cancellable,
                                                          GAsyncReadyCallback         callback,
                                                          gpointer                    user_data);
GPtrArray      *dossier_journal_list_requests_finish     (DossierJournal             *self,
                                                          GAsyncResult               *result,
                                                          GError                    **error) G_GNUC_WARN_UNUSED_RESULT;
void            dossier_journal_save_draft_async         (DossierJournal             *self,
                                                          const char                 *client_id,
                                                          const char                 *request_id,
                                                          JsonObject                 *fields,
                                                          GCancellable               *cancellable,
                                                          GAsyncReadyCallback         callback,
                                                          gpointer                    user_data);
gboolean        dossier_journal_save_draft_finish        (DossierJournal             *self,
                                                          GAsyncResult               *result,
                                                          GError                    **error);
void            dossier_journal_load_draft_async         (DossierJournal             *self,
                                                          const char                 *client_id,
                                                          const char                 *request_id,
                                                          GCancellable               *cancellable,
                                                          GAsyncReadyCallback         callback,
                                                          gpointer                    user_data);
JsonObject     *dossier_journal_load_draft_finish        (DossierJournal             *self,
                                                          GAsyncResult               *result,
                                                          gint64                     *updated_at,
                                                          GError                    **error) G_GNUC_WARN_UNUSED_RESULT;
void            dossier_journal_delete_draft_async       (DossierJournal             *self,
                                                          const char                 *client_id,
                                                          const char                 *request_id,
                                                          GCancellable               *cancellable,
                                                          GAsyncReadyCallback         callback,
                                                          gpointer                    user_data);
gboolean        dossier_journal_delete_draft_finish      (DossierJournal             *self,
                                                          GAsyncResult               *result,
                                                          GError                    **error);

/* Upload queue (dossier-journal-queue.c) */
void            dossier_journal_enqueue_upload_async     (DossierJournal             *self,
                                                          const DossierJournalUpload *upload,
                                                          GCancellable               *cancellable,
                                                          GAsyncReadyCallback         callback,
                                                          gpointer                    user_data);
gint64          dossier_journal_enqueue_upload_finish    (DossierJournal             *self,
                                                          GAsyncResult               *result,
                                                          GError                    **error);
void            dossier_journal_mark_upload_sending_async (DossierJournal            *self,
                                                          gint64                      upload_id,
                                                          GCancellable               *cancellable,
                                                          GAsyncReadyCallback         callback,
                                                          gpointer                    user_data);
gboolean        dossier_journal_mark_upload_sending_finish (DossierJournal           *self,
                                                          GAsyncResult               *result,
                                                          GError                    **error);
void            dossier_journal_mark_upload_accepted_async (DossierJournal           *self,
                                                          gint64                      upload_id,
                                                          GBytes                     *thumbnail,
                                                          GCancellable               *cancellable,
                                                          GAsyncReadyCallback         callback,
                                                          gpointer                    user_data);
gboolean        dossier_journal_mark_upload_accepted_finish (DossierJournal          *self,
                                                          GAsyncResult               *result,
                                                          GError                    **error);
void            dossier_journal_mark_upload_rejected_async (DossierJournal           *self,
                                                          gint64                      upload_id,
                                                          JsonNode                   *reasons,
                                                          GCancellable               *cancellable,
                                                          GAsyncReadyCallback         callback,
                                                          gpointer                    user_data);
gboolean        dossier_journal_mark_upload_rejected_finish (DossierJournal          *self,
                                                          GAsyncResult               *result,
                                                          GError                    **error);
void            dossier_journal_remove_upload_async      (DossierJournal             *self,
                                                          gint64                      upload_id,
                                                          GCancellable               *cancellable,
                                                          GAsyncReadyCallback         callback,
                                                          gpointer                    user_data);
gboolean        dossier_journal_remove_upload_finish     (DossierJournal             *self,
                                                          GAsyncResult               *result,
                                                          GError                    **error);
void            dossier_journal_get_upload_async         (DossierJournal             *self,
                                                          gint64                      upload_id,
                                                          GCancellable               *cancellable,
                                                          GAsyncReadyCallback         callback,
                                                          gpointer                    user_data);
DossierJournalUpload *dossier_journal_get_upload_finish  (DossierJournal             *self,
                                                          GAsyncResult               *result,
                                                          GError                    **error) G_GNUC_WARN_UNUSED_RESULT;
void            dossier_journal_list_uploads_async       (DossierJournal             *self,
                                                          const char                 *client_id,
                                                          const char                 *request_id,
                                                          GCancellable               *cancellable,
                                                          GAsyncReadyCallback         callback,
                                                          gpointer                    user_data);
GPtrArray      *dossier_journal_list_uploads_finish      (DossierJournal             *self,
                                                          GAsyncResult               *result,
                                                          GError                    **error) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
