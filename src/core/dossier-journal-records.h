/* dossier-journal-records.h — the plain records the journal stores and returns
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

typedef enum {
  DOSSIER_JOURNAL_UPLOAD_STATE_PENDING,
  DOSSIER_JOURNAL_UPLOAD_STATE_SENDING,
  DOSSIER_JOURNAL_UPLOAD_STATE_ACCEPTED,
  DOSSIER_JOURNAL_UPLOAD_STATE_REJECTED,
} DossierJournalUploadState;

#define DOSSIER_TYPE_JOURNAL_UPLOAD_STATE (dossier_journal_upload_state_get_type ())
GType dossier_journal_upload_state_get_type (void) G_GNUC_CONST;

const char *dossier_journal_upload_state_to_string   (DossierJournalUploadState  state);
gboolean    dossier_journal_upload_state_from_string (const char                *text,
                                                      DossierJournalUploadState *state);

/* One thing that happened to a client or one of its requests. */
typedef struct {
  gint64    id;           /* assigned by the journal; 0 before it is stored */
  char     *client_id;
  char     *request_id;   /* nullable */
  char     *kind;         /* "client-created", "document-uploaded", ... */
  gint64    occurred_at;  /* UTC, microseconds since the epoch */
  gboolean  observed;     /* learned by polling rather than done by this app */
  char     *action;       /* nullable: the user action or source behind it */
  char     *trace_id;     /* nullable: the server's X-Trace-Id */
  JsonNode *details;      /* nullable: a JSON object */
} DossierJournalEvent;

#define DOSSIER_TYPE_JOURNAL_EVENT (dossier_journal_event_get_type ())
GType                dossier_journal_event_get_type (void) G_GNUC_CONST;
DossierJournalEvent *dossier_journal_event_new      (const char                *client_id,
                                                     const char                *request_id,
                                                     const char                *kind,
                                                     gint64                     occurred_at);
DossierJournalEvent *dossier_journal_event_copy     (const DossierJournalEvent *event);
void                 dossier_journal_event_free     (DossierJournalEvent       *event);

/* A client's product requests as the server last returned them. */
typedef struct {
  char     *client_id;
  JsonNode *requests;     /* a JSON array */
  gint64    fetched_at;   /* UTC, microseconds */
} DossierJournalRequests;

#define DOSSIER_TYPE_JOURNAL_REQUESTS (dossier_journal_requests_get_type ())
GType                   dossier_journal_requests_get_type (void) G_GNUC_CONST;
DossierJournalRequests *dossier_journal_requests_copy     (const DossierJournalRequests *requests);
void                    dossier_journal_requests_free     (DossierJournalRequests       *requests);

/* A note staff wrote about a client. */
typedef struct {
  gint64  id;
  char   *client_id;
  char   *text;
  gint64  created_at;
  gint64  updated_at;
} DossierJournalNote;

#define DOSSIER_TYPE_JOURNAL_NOTE (dossier_journal_note_get_type ())
GType               dossier_journal_note_get_type (void) G_GNUC_CONST;
DossierJournalNote *dossier_journal_note_copy     (const DossierJournalNote *note);
void                dossier_journal_note_free     (DossierJournalNote       *note);

/* One document upload in the queue. */
typedef struct {
  gint64                     id;
  char                      *client_id;
  char                      *request_id;
  char                      *group_id;
  char                      *document_type;
  JsonNode                  *metadata;      /* a JSON object */
  DossierJournalUploadState  state;
  GBytes                    *front;         /* prepared bytes until accepted */
  GBytes                    *back;          /* nullable: one-sided documents */
  GBytes                    *thumbnail;     /* once accepted: PNG or JPEG, long side <= 320 px */
  char                      *front_sha256;  /* once accepted: hex SHA-256 of the bytes sent */
  char                      *back_sha256;
  JsonNode                  *rejection;     /* when rejected: the server's reasons */
  gint64                     created_at;
  gint64                     updated_at;
} DossierJournalUpload;

#define DOSSIER_TYPE_JOURNAL_UPLOAD (dossier_journal_upload_get_type ())
GType                 dossier_journal_upload_get_type (void) G_GNUC_CONST;
DossierJournalUpload *dossier_journal_upload_new      (const char                 *client_id,
                                                       const char                 *request_id,
                                                       const char                 *group_id,
                                                       const char                 *document_type,
                                                       GBytes                     *front,
                                                       GBytes                     *back);
DossierJournalUpload *dossier_journal_upload_copy     (const DossierJournalUpload *upload);
void                  dossier_journal_upload_free     (DossierJournalUpload       *upload);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DossierJournalEvent, dossier_journal_event_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DossierJournalRequests, dossier_journal_requests_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DossierJournalNote, dossier_journal_note_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DossierJournalUpload, dossier_journal_upload_free)

G_END_DECLS
