/* dossier-request-cache.h — each client's product requests as this desk last saw them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "dossier-api.h"
#include "dossier-journal.h"
#include "dossier-request-summary.h"

G_BEGIN_DECLS

/* Entries older than this are fetched again when their row is on screen. */
#define DOSSIER_REQUEST_CACHE_FRESH_USEC (10 * G_TIME_SPAN_MINUTE)

#define DOSSIER_TYPE_REQUEST_CACHE (dossier_request_cache_get_type ())
G_DECLARE_FINAL_TYPE (DossierRequestCache, dossier_request_cache, DOSSIER, REQUEST_CACHE, GObject)

DossierRequestCache         *dossier_request_cache_new          (DossierApi          *api);
void                         dossier_request_cache_set_journal  (DossierRequestCache *self,
                                                                 DossierJournal      *journal);
DossierJournal              *dossier_request_cache_get_journal  (DossierRequestCache *self);
DossierApi                  *dossier_request_cache_get_api      (DossierRequestCache *self);
void                         dossier_request_cache_set_sweeping (DossierRequestCache *self,
                                                                 gboolean             sweeping);
gboolean                     dossier_request_cache_get_loaded   (DossierRequestCache *self);
const DossierRequestSummary *dossier_request_cache_lookup       (DossierRequestCache *self,
                                                                 const char          *client_id);
void                         dossier_request_cache_insert       (DossierRequestCache *self,
                                                                 const char          *client_id,
                                                                 const DossierRequestSummary *summary);
/* A row on screen wants its badge: fetched at VISIBLE priority unless fresh or on its way. */
void                         dossier_request_cache_want         (DossierRequestCache *self,
                                                                 const char          *client_id);
/* Fetches one client's requests now (the page), stores them and returns them:
 * (element-type DossierProductRequest) (transfer full). */
void                         dossier_request_cache_fetch_async  (DossierRequestCache *self,
                                                                 const char          *client_id,
                                                                 DossierApiPriority   priority,
                                                                 GCancellable        *cancellable,
                                                                 GAsyncReadyCallback  callback,
                                                                 gpointer             user_data);
GPtrArray                   *dossier_request_cache_fetch_finish (DossierRequestCache *self,
                                                                 GAsyncResult        *result,
                                                                 GError             **error);
/* Why the last check of the client's requests failed; NULL once one succeeded. */
const GError                *dossier_request_cache_get_failure  (DossierRequestCache *self,
                                                                 const char          *client_id);

G_END_DECLS
