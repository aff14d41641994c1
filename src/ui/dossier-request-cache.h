/* dossier-request-cache.h — each client's product requests as this desk last saw them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "dossier-api.h"
#include "dossier-journal.h"
#include "dossier-request-summary.h"
#include "dossier-uploader.h"

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

/* Signals (besides ::changed and ::checked):
 *   invalidated   (const char *client_id)  what the server holds of the client's requests
 *                 changed behind the screens (a queued upload was answered, the server can
 *                 be reached again after a failed check): whoever shows them fetches them
 *                 again; the cache fetches them itself right after unless a handler did
 *                 (through dossier_request_cache_fetch_async())
 *   unsent-changed (const char *client_id) the count of documents waiting to be sent changed */
void                         dossier_request_cache_invalidate   (DossierRequestCache *self,
                                                                 const char          *client_id);
/* Invalidates every client whose last check failed (the server answers again). */
void                         dossier_request_cache_recheck_failed (DossierRequestCache *self);
/* While offline: checks one client whose last check failed (else fallback_client_id, nullable)
 * at BACKGROUND priority, so that the server's return is seen. FALSE when there was none. */
gboolean                     dossier_request_cache_probe        (DossierRequestCache *self,
                                                                 const char          *fallback_client_id);
/* Follows the upload queue: documents that failed once and are not yet answered count as
 * waiting to be sent; their answer invalidates the client. */
void                         dossier_request_cache_set_uploader (DossierRequestCache *self,
                                                                 DossierUploader     *uploader);
guint                        dossier_request_cache_get_n_unsent (DossierRequestCache *self,
                                                                 const char          *client_id);
guint                        dossier_request_cache_get_n_unsent_for_request (DossierRequestCache *self,
                                                                 const char          *request_id);
/* Tries every waiting document now (the server answers again). */
void                         dossier_request_cache_retry_unsent (DossierRequestCache *self);

G_END_DECLS
