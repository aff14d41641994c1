/* dossier-audit-export-private.h — the snapshot an export is made from, and its writers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The snapshot holds copies only (plain JSON and journal records), so the worker
 * thread touches no GObject the main thread uses.
 */
#pragma once

#include <cairo.h>
#include <pango/pango.h>

#include "dossier-audit-export.h"
#include "dossier-known-ids.h"

G_BEGIN_DECLS

typedef struct
{
  char      *id;
  char      *product;        /* the server's id */
  char      *product_label;  /* translated or humanised */
  char      *status;         /* raw */
  char      *status_label;   /* translated */
  char      *rejection;      /* nullable */
  char      *created_at;     /* raw ISO 8601, nullable */
  char      *updated_at;
  guint      n_missing;      /* requirement groups still missing */
} DossierAuditRequest;

typedef struct
{
  char                       *client_id;
  char                       *client_name;
  JsonNode                   *client;        /* the server's fields, with id and status */
  GPtrArray                  *requests;      /* DossierAuditRequest */
  GPtrArray                  *events;        /* DossierJournalEvent, oldest first */
  GPtrArray                  *notes;         /* DossierJournalNote */
  GPtrArray                  *uploads;       /* DossierJournalUpload */
  DossierJournalVerification *verification;  /* nullable: could not verify */
  char                       *verify_error;  /* why not, nullable */
  char                       *account_label;
  GDateTime                  *exported_at;   /* local time */
  double                      paper_width;   /* points */
  double                      paper_height;
  char                       *paper_name;
} DossierAuditSnapshot;

void                  _dossier_audit_request_free     (DossierAuditRequest  *request);
void                  _dossier_audit_snapshot_free    (DossierAuditSnapshot *snapshot);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DossierAuditSnapshot, _dossier_audit_snapshot_free)

/* dossier-audit-export-text.c: wording shared by the PDF and the JSON */
/* Local time with its UTC offset; two_lines puts the time under the date (table cells). */
char                 *_dossier_audit_format_time      (gint64                 usec,
                                                       gboolean               two_lines);
char                 *_dossier_audit_format_iso       (const char            *iso,
                                                       gboolean               two_lines);
char                 *_dossier_audit_format_utc       (gint64                 usec);
const char           *_dossier_audit_event_title      (const char            *kind);
char                 *_dossier_audit_event_details    (const DossierJournalEvent *event);
char                 *_dossier_audit_retried_text     (const DossierJournalEvent *later);
char                 *_dossier_audit_timeline_intro   (guint                  n_events);
/* Oldest first by the second shown, then by journal number (ties never read out of order). */
void                  _dossier_audit_sort_events      (GPtrArray             *events);
/* The client's address on one line, province and country by name; NULL without one. */
char                 *_dossier_audit_address_text     (JsonObject            *client);
void                  _dossier_audit_upload_rows      (const DossierJournalUpload *upload,
                                                       const DossierJournalEvent  *sent,
                                                       GPtrArray                  *labels,
                                                       GPtrArray                  *values,
                                                       GArray                     *fonts);
char                 *_dossier_audit_id_label         (DossierKnownIdKind     kind,
                                                       const char            *id,
                                                       gboolean               with_raw);
/* side: "front" or "back"; NULL when the event has no such hash */
const char           *_dossier_audit_event_sha256     (const DossierJournalEvent *event,
                                                       const char                *side);
const char           *_dossier_audit_upload_state     (DossierJournalUploadState state);
char                 *_dossier_audit_verification_text (const DossierAuditSnapshot *snapshot);
/* tone: 0 good, 1 warning, 2 bad */
const char           *_dossier_audit_verification_headline (const DossierAuditSnapshot *snapshot,
                                                            int                        *tone);
const DossierJournalEvent *_dossier_audit_find_upload_event (const DossierAuditSnapshot *snapshot,
                                                             gint64                      upload_id);
/* The SHA-256 of a side as sent: the upload's once accepted, else its upload event's. */
const char           *_dossier_audit_upload_sha256    (const DossierJournalUpload *upload,
                                                       const DossierJournalEvent  *sent,
                                                       const char                 *side);

/* dossier-audit-export-values.c (worker thread): values as people read them in the PDF */
char                 *_dossier_audit_member_value     (DossierClient         *record,
                                                       const char            *key,
                                                       JsonNode              *node);
char                 *_dossier_audit_metadata_value   (const char            *text);

/* dossier-audit-export-json.c (worker thread) */
JsonNode             *_dossier_audit_build_json       (const DossierAuditSnapshot *snapshot);

/* dossier-audit-export-pdf.c (worker thread); returns the page count, 0 with error set */
guint                 _dossier_audit_write_pdf        (const DossierAuditSnapshot *snapshot,
                                                       GOutputStream              *stream,
                                                       GCancellable               *cancellable,
                                                       GError                    **error);

G_END_DECLS
