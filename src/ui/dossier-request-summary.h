/* dossier-request-summary.h — what the client list shows of a client's product requests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Counted from the requests the server last returned for one client. */
typedef struct {
  guint  n_requests;
  guint  n_open;          /* requested, pending documentation or in KYC */
  guint  n_waiting;       /* open and something still missing: waiting on this desk */
  guint  n_in_review;     /* in KYC: waiting on the provider */
  gint64 oldest_open;     /* created_at of the oldest open request, UTC µs; 0 when none */
  gint64 checked_at;      /* when the server was last asked, UTC µs */
  gint64 failed_at;       /* when a later check failed, UTC µs; 0 when the last one succeeded */
  gint64 rejected_at;     /* when the newest rejection no later request of its product
                           * followed was decided, UTC µs; 0 when none stands */
} DossierRequestSummary;

#define DOSSIER_TYPE_REQUEST_SUMMARY (dossier_request_summary_get_type ())
GType                  dossier_request_summary_get_type      (void) G_GNUC_CONST;
DossierRequestSummary *dossier_request_summary_new_from_list  (GPtrArray                   *requests,
                                                               gint64                       checked_at);
DossierRequestSummary *dossier_request_summary_new_from_json  (JsonNode                    *requests,
                                                               gint64                       checked_at);
DossierRequestSummary *dossier_request_summary_copy           (const DossierRequestSummary *summary);
void                   dossier_request_summary_free           (DossierRequestSummary       *summary);
gboolean               dossier_request_summary_equal          (const DossierRequestSummary *a,
                                                               const DossierRequestSummary *b);
guint                  dossier_request_summary_get_waiting_days (const DossierRequestSummary *summary,
                                                               gint64                       now);
/* Whole days since rejected_at (0 without a standing rejection). */
guint                  dossier_request_summary_get_rejected_days (const DossierRequestSummary *summary,
                                                               gint64                       now);
/* An open request is this desk's move (something to give, or to submit), not the provider's. */
gboolean               dossier_request_summary_waits_on_me    (const DossierRequestSummary *summary);


G_DEFINE_AUTOPTR_CLEANUP_FUNC (DossierRequestSummary, dossier_request_summary_free)

G_END_DECLS
