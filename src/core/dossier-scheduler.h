/* dossier-scheduler.h — the queue every API call passes through (CONTRACT.md §15.5)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * DossierScheduler knows nothing of HTTP libraries: a call is a method, a
 * priority, a deadline and a send function that performs one attempt and
 * reports its DossierHttpResponse (or transport error) with
 * dossier_scheduler_call_done(). The scheduler
 *  - starts at most max-rate attempts in any sliding second (retries count),
 *  - starts queued calls by priority (USER > VISIBLE > BACKGROUND), FIFO within one,
 *  - cancels an attempt at its deadline and reports DOSSIER_API_ERROR_TIMEOUT,
 *  - retries per §15.5: 429 for any method after exactly Retry-After (≤ 3 times,
 *    and it holds every other call meanwhile); for GET only 500/502/503/504, a
 *    dropped connection or a timeout after 1 s, 2 s, 4 s (≤ 3 times),
 *  - hands a non-GET call whose answer was lost to its lost function (if any),
 *    which answers with dossier_scheduler_call_resolve() — an existing result,
 *    an error, or nothing to repeat the call.
 * Time comes from an injectable clock, so tests run without sleeping.
 */
#pragma once

#include <gio/gio.h>

#include "dossier-http-response.h"

G_BEGIN_DECLS

typedef enum {
  DOSSIER_API_PRIORITY_USER,        /* the user's action */
  DOSSIER_API_PRIORITY_VISIBLE,     /* rows on screen */
  DOSSIER_API_PRIORITY_BACKGROUND,  /* polling */
} DossierApiPriority;

#define DOSSIER_SCHEDULER_DEFAULT_MAX_RATE 9
#define DOSSIER_SCHEDULER_MAX_RETRIES      3

/* The clock: monotonic microseconds and one-shot timers (ids > 0). */
typedef struct
{
  gint64 (*now)           (gpointer    user_data);
  guint  (*timeout_add)   (guint       delay_ms,
                           GSourceFunc func,
                           gpointer    func_data,
                           gpointer    user_data);
  void   (*source_remove) (guint       id,
                           gpointer    user_data);
} DossierSchedulerClock;

typedef struct _DossierSchedulerCall DossierSchedulerCall;

/* Performs one attempt; must end with dossier_scheduler_call_done(), possibly later. */
typedef void (*DossierSchedulerSendFunc) (DossierSchedulerCall *call,
                                          GCancellable         *attempt_cancellable,
                                          gpointer              user_data);
/* The answer of a non-GET attempt was lost: look, then dossier_scheduler_call_resolve(). */
typedef void (*DossierSchedulerLostFunc) (DossierSchedulerCall *call,
                                          gpointer              user_data);

#define DOSSIER_TYPE_SCHEDULER (dossier_scheduler_get_type ())
G_DECLARE_FINAL_TYPE (DossierScheduler, dossier_scheduler, DOSSIER, SCHEDULER, GObject)

DossierScheduler    *dossier_scheduler_new            (void);
/* clock is copied; user_data must outlive the scheduler. */
DossierScheduler    *dossier_scheduler_new_with_clock (const DossierSchedulerClock *clock,
                                                       gpointer                     user_data);
void                 dossier_scheduler_set_max_rate   (DossierScheduler            *self,
                                                       guint                        per_second);
guint                dossier_scheduler_get_max_rate   (DossierScheduler            *self);
guint                dossier_scheduler_get_n_queued   (DossierScheduler            *self);
guint                dossier_scheduler_get_n_running  (DossierScheduler            *self);
/* Attempts started since creation (retries included). */
guint                dossier_scheduler_get_n_started  (DossierScheduler            *self);
/* Whole seconds (rounded up) until a 429's Retry-After lets calls start again; 0 when
 * the queue is not held. For "the server is busy; trying again in N s". */
guint                dossier_scheduler_get_hold_seconds (DossierScheduler          *self);

/* Whether the server answered lately: FALSE once a call ended unable to reach it (OFFLINE,
 * or TIMEOUT after its retries), TRUE again at the next answer of any status. The signal
 * ::reachability-changed (gboolean reachable) tells each change. */
gboolean             dossier_scheduler_get_reachable  (DossierScheduler            *self);
/* Returns: (transfer none) (nullable): the error that made it unreachable, while it is */
const GError        *dossier_scheduler_get_unreachable_error (DossierScheduler     *self);

/* method: "GET", "POST", "PUT"…; deadline_ms 0 = none. Finishes with the
 * answer of the last attempt (any status) or an error (TIMEOUT, OFFLINE,
 * G_IO_ERROR_CANCELLED). */
void                 dossier_scheduler_call_async     (DossierScheduler            *self,
                                                       const char                  *method,
                                                       DossierApiPriority           priority,
                                                       guint                        deadline_ms,
                                                       DossierSchedulerSendFunc     send,
                                                       DossierSchedulerLostFunc     lost,
                                                       gpointer                     send_data,
                                                       GDestroyNotify               send_data_destroy,
                                                       GCancellable                *cancellable,
                                                       GAsyncReadyCallback          callback,
                                                       gpointer                     user_data);
DossierHttpResponse *dossier_scheduler_call_finish    (DossierScheduler            *self,
                                                       GAsyncResult                *result,
                                                       GError                     **error);

/* For send and lost functions. */
const char          *dossier_scheduler_call_get_method   (DossierSchedulerCall *call);
DossierApiPriority   dossier_scheduler_call_get_priority (DossierSchedulerCall *call);
guint                dossier_scheduler_call_get_attempt  (DossierSchedulerCall *call);
DossierScheduler    *dossier_scheduler_call_get_scheduler (DossierSchedulerCall *call);
GCancellable        *dossier_scheduler_call_get_cancellable (DossierSchedulerCall *call);
/* response and error: transfer full, exactly one non-NULL. */
void                 dossier_scheduler_call_done      (DossierSchedulerCall        *call,
                                                       DossierHttpResponse         *response,
                                                       GError                      *error);
/* Ends the running attempt as a timeout now (e.g. the connect deadline). */
void                 dossier_scheduler_call_expire    (DossierSchedulerCall        *call);
/* existing, error: transfer full. existing finishes the call with it; error
 * finishes it with that error (nothing could be checked); both NULL repeat it. */
void                 dossier_scheduler_call_resolve   (DossierSchedulerCall        *call,
                                                       DossierHttpResponse         *existing,
                                                       GError                      *error);

G_END_DECLS
