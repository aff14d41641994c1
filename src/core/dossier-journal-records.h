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

typedef struct _DossierJournalUpload DossierJournalUpload;

/*
 * Event kinds and the shape of their `details` object. Every member is optional
 * unless marked; readers ignore members they do not know. `trace_id` is the
 * server's X-Trace-Id of the call that caused or reported the event.
 *
 * Time: `occurred_at` is the server's time when the server gives one (`created_at`,
 * `updated_at` of the object that changed) and `observed` is FALSE; a change learned
 * by polling without a server time is stored at the moment it was seen, with
 * `observed` TRUE, and `details.server_time` is then absent. `details.server_time`
 * (ISO 8601 string) keeps the server's own timestamp verbatim when there is one.
 * An event caused by an answer this app received (action "upload") is stored no earlier
 * than the newest event already recorded for its request, so the server's whole-second
 * time never puts an answer before what led to it. Events are always listed by
 * (occurred_at, id).
 *
 *   client-created        {"server_time"}
 *   client-updated        {"fields": ["email", "phone", ...]   (names only, always shown)
 *                          "personal": {"before": {field: value}, "after": {field: value}}}
 *                          `personal` holds the values and is shown only on demand;
 *                          it is what "forget this client" removes first
 *   product-requested     {"product", "status"}
 *   requirement-appeared  {"group_id", "kind": "data"|"document", "fields": [...]}
 *   requirement-satisfied {"group_id", "kind": "data"|"document"}
 *   document-uploaded     {"upload_id", "group_id", "document_type", "document_id",
 *                          "sides": {"front": {"sha256"}, "back": {"sha256"}}}
 *                          sha256: hex SHA-256 of the exact image bytes sent per side
 *   document-accepted     {"upload_id", "group_id", "document_type", "document_id"}
 *   document-rejected     {"upload_id", "group_id", "document_type", "document_id",
 *                          "reason" (required), "code"}
 *   submitted             {"status"}
 *   under-review          {"status"}
 *   enabled               {"status"}
 *   rejected              {"status", "rejection_description"}
 *   failure               {"message" (required), "code", "http_status"}
 *   note-added            {"note_id", "text_sha256"}
 *   note-edited           {"note_id", "text_sha256"}   (the new text's)
 *   note-deleted          {"note_id"}
 *                          written by the journal in the same transaction as the note's
 *                          change, action "note"; text_sha256 is the hex SHA-256 of the
 *                          note's UTF-8 text, so the chain covers what the note said
 *   client-forgotten      {"tombstones": number of events replaced}  (written by the journal)
 *
 * A forgotten event (`forgotten` TRUE) keeps its kind, ids and times; its action,
 * trace id and details are gone, and its `digest` is the one it had before.
 */
#define DOSSIER_JOURNAL_EVENT_CLIENT_CREATED        "client-created"
#define DOSSIER_JOURNAL_EVENT_CLIENT_UPDATED        "client-updated"
#define DOSSIER_JOURNAL_EVENT_PRODUCT_REQUESTED     "product-requested"
#define DOSSIER_JOURNAL_EVENT_REQUIREMENT_APPEARED  "requirement-appeared"
#define DOSSIER_JOURNAL_EVENT_REQUIREMENT_SATISFIED "requirement-satisfied"
#define DOSSIER_JOURNAL_EVENT_DOCUMENT_UPLOADED     "document-uploaded"
#define DOSSIER_JOURNAL_EVENT_DOCUMENT_ACCEPTED     "document-accepted"
#define DOSSIER_JOURNAL_EVENT_DOCUMENT_REJECTED     "document-rejected"
#define DOSSIER_JOURNAL_EVENT_SUBMITTED             "submitted"
#define DOSSIER_JOURNAL_EVENT_UNDER_REVIEW          "under-review"
#define DOSSIER_JOURNAL_EVENT_ENABLED               "enabled"
#define DOSSIER_JOURNAL_EVENT_REJECTED              "rejected"
#define DOSSIER_JOURNAL_EVENT_FAILURE               "failure"
#define DOSSIER_JOURNAL_EVENT_NOTE_ADDED            "note-added"
#define DOSSIER_JOURNAL_EVENT_NOTE_EDITED           "note-edited"
#define DOSSIER_JOURNAL_EVENT_NOTE_DELETED          "note-deleted"
#define DOSSIER_JOURNAL_EVENT_CLIENT_FORGOTTEN      "client-forgotten"

/* One thing that happened to a client or one of its requests. */
typedef struct {
  gint64    id;           /* assigned by the journal; 0 before it is stored */
  char     *client_id;
  char     *request_id;   /* nullable */
  char     *kind;         /* one of DOSSIER_JOURNAL_EVENT_*, see above */
  gint64    occurred_at;  /* UTC, microseconds since the epoch */
  gboolean  observed;     /* learned by polling rather than done by this app */
  char     *action;       /* nullable: the user action or source behind it */
  char     *trace_id;     /* nullable: the server's X-Trace-Id */
  JsonNode *details;      /* nullable: a JSON object */
  char     *digest;       /* set by the journal: hex SHA-256 of the content */
  gboolean  forgotten;    /* set by the journal: content replaced by a tombstone */
} DossierJournalEvent;

#define DOSSIER_TYPE_JOURNAL_EVENT (dossier_journal_event_get_type ())
GType                dossier_journal_event_get_type (void) G_GNUC_CONST;
DossierJournalEvent *dossier_journal_event_new      (const char                *client_id,
                                                     const char                *request_id,
                                                     const char                *kind,
                                                     gint64                     occurred_at);
DossierJournalEvent *dossier_journal_event_copy     (const DossierJournalEvent *event);
void                 dossier_journal_event_free     (DossierJournalEvent       *event);
DossierJournalEvent *dossier_journal_event_new_for_upload (const DossierJournalUpload *upload,
                                                     const char                *kind,
                                                     const char                *trace_id,
                                                     const char                *document_id,
                                                     const char                *reason);

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
struct _DossierJournalUpload {
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
};

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
