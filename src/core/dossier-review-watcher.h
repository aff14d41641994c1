/* dossier-review-watcher.h — follows requests under review by polling (CONTRACT.md §15.6)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * No webhook reports in_kyc → enabled/rejected, so the watcher lists the products of every
 * client it watches: every 2 s against a loopback server, every 30 s against a remote one,
 * backing off (doubling, up to 5 min) on errors, at most one poll in flight per client, at
 * BACKGROUND priority through DossierApi's scheduler. While no window of the application is
 * active the intervals are stretched (see dossier_review_watcher_set_active()). A client stops
 * being watched once none of its requests is in_kyc any more.
 *
 * Signals:
 *   request-changed (const char *client_id, DossierProductRequest *old,
 *                    DossierProductRequest *new): a request's status differs from what the
 *                    watcher last saw of it (requests it had never seen are only recorded).
 *   polled (const char *client_id, GPtrArray *requests (nullable), const GError *error (nullable)):
 *                    after every poll, the whole answer (element-type DossierProductRequest).
 */
#pragma once

#include <gio/gio.h>

#include "dossier-api.h"
#include "dossier-product-request.h"

G_BEGIN_DECLS

#define DOSSIER_REVIEW_WATCHER_LOOPBACK_MS   2000
#define DOSSIER_REVIEW_WATCHER_REMOTE_MS     30000
#define DOSSIER_REVIEW_WATCHER_MAX_BACKOFF_MS (5 * 60 * 1000)
/* The intervals are multiplied by this while no Dossier window is active. */
#define DOSSIER_REVIEW_WATCHER_INACTIVE_FACTOR 5

#define DOSSIER_TYPE_REVIEW_WATCHER (dossier_review_watcher_get_type ())
G_DECLARE_FINAL_TYPE (DossierReviewWatcher, dossier_review_watcher, DOSSIER, REVIEW_WATCHER, GObject)

DossierReviewWatcher *dossier_review_watcher_new           (DossierApi            *api);
DossierApi           *dossier_review_watcher_get_api       (DossierReviewWatcher  *self);

/* Tells the watcher what is known of a request (from any answer): an in_kyc request starts
 * the watching of its client; a change of status against what the watcher knew emits
 * request-changed. */
void                  dossier_review_watcher_track         (DossierReviewWatcher  *self,
                                                            DossierProductRequest *request);
/* Same for a whole List client products answer. */
void                  dossier_review_watcher_track_all     (DossierReviewWatcher  *self,
                                                            const char            *client_id,
                                                            GPtrArray             *requests);
/* Watches a client now (whatever its requests), until a poll shows none in_kyc. */
void                  dossier_review_watcher_watch         (DossierReviewWatcher  *self,
                                                            const char            *client_id);
void                  dossier_review_watcher_unwatch       (DossierReviewWatcher  *self,
                                                            const char            *client_id);
gboolean              dossier_review_watcher_is_watching   (DossierReviewWatcher  *self,
                                                            const char            *client_id);
guint                 dossier_review_watcher_get_n_watched (DossierReviewWatcher  *self);
/* Polls the client at once (unless a poll is in flight), then on the usual schedule. */
void                  dossier_review_watcher_poll_now      (DossierReviewWatcher  *self,
                                                            const char            *client_id);
/* The last status seen of a request, or NULL. (transfer none) */
DossierProductRequest *dossier_review_watcher_lookup       (DossierReviewWatcher  *self,
                                                            const char            *request_id);

/* Whether a window of the application is active (TRUE at creation). */
void                  dossier_review_watcher_set_active    (DossierReviewWatcher  *self,
                                                            gboolean               active);
gboolean              dossier_review_watcher_get_active    (DossierReviewWatcher  *self);
/* The base interval in ms: from the API's base URL (loopback or not) unless set; 0 resets. */
void                  dossier_review_watcher_set_interval  (DossierReviewWatcher  *self,
                                                            guint                  interval_ms);
/* The delay before the next poll of a client, in ms, as now scheduled (0 if not watched):
 * base interval × inactive factor × 2^errors, capped at 5 min (never below the base). */
guint                 dossier_review_watcher_get_delay     (DossierReviewWatcher  *self,
                                                            const char            *client_id);
/* Polls answered since creation (successes and errors). */
guint                 dossier_review_watcher_get_n_polls   (DossierReviewWatcher  *self);

G_END_DECLS
