/* dossier-scheduler-private.h — what the scheduler's files share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "dossier-scheduler.h"

G_BEGIN_DECLS

#define USEC_PER_SEC G_USEC_PER_SEC

typedef enum {
  CALL_QUEUED,
  CALL_WAITING,   /* retry wait */
  CALL_RUNNING,
  CALL_LOST,      /* the lost function is looking */
  CALL_DONE,
} CallState;

struct _DossierSchedulerCall
{
  int                       ref_count;
  DossierScheduler         *scheduler;
  GTask                    *task;
  char                     *method;
  DossierApiPriority        priority;
  guint64                   seq;
  guint                     deadline_ms;
  DossierSchedulerSendFunc  send;
  DossierSchedulerLostFunc  lost;
  gpointer                  send_data;
  GDestroyNotify            send_data_destroy;
  GCancellable             *cancellable;
  gulong                    cancelled_id;
  GCancellable             *attempt_cancellable;
  guint                     deadline_id;
  guint                     wait_id;
  guint                     n_attempts;
  guint                     n_429;
  guint                     n_failures;
  gboolean                  timed_out;
  gint64                    attempt_started;
  CallState                 state;
};

struct _DossierScheduler
{
  GObject                parent_instance;

  DossierSchedulerClock  clock;
  gpointer               clock_data;
  GMainContext          *context;

  GQueue                 queues[3];
  GArray                *window;           /* gint64 start times, oldest first */
  guint                  max_rate;
  guint                  rate;             /* current budget, lowered by 429s */
  guint                  ceiling;          /* the rate may not climb above it … */
  gint64                 ceiling_until;    /* … until then */
  gint64                 last_change;
  gint64                 hold_until;
  gint64                 last_reduction;
  guint                  pump_id;
  guint64                next_seq;
  guint                  n_running;
  guint                  n_started;
  gboolean               unreachable;      /* the last call ended OFFLINE or TIMEOUT … */
  GError                *unreachable_error; /* … with this error, until an answer came */
};

gint64                dossier_scheduler_now                     (DossierScheduler     *self);
guint                 dossier_scheduler_timer_add               (DossierScheduler     *self,
                                                                 gint64                delay_us,
                                                                 GSourceFunc           func,
                                                                 gpointer              data);
void                  dossier_scheduler_timer_clear             (DossierScheduler     *self,
                                                                 guint                *id);
void                  dossier_scheduler_pump                    (DossierScheduler     *self);
DossierSchedulerCall *dossier_scheduler_call_ref                (DossierSchedulerCall *call);
void                  dossier_scheduler_call_unref              (DossierSchedulerCall *call);
gboolean              dossier_scheduler_call_is_get             (DossierSchedulerCall *call);
gboolean              dossier_scheduler_call_user_cancelled     (DossierSchedulerCall *call);
void                  dossier_scheduler_call_enqueue            (DossierSchedulerCall *call);
void                  dossier_scheduler_call_complete           (DossierSchedulerCall *call,
                                                                 DossierHttpResponse  *response,
                                                                 GError               *error);
void                  dossier_scheduler_call_complete_cancelled (DossierSchedulerCall *call);
void                  dossier_scheduler_call_retry_later        (DossierSchedulerCall *call,
                                                                 gint64                delay_us);

/* dossier-scheduler-reach.c */
void                  _dossier_scheduler_class_init_reach       (GObjectClass         *object_class);
void                  _dossier_scheduler_note_answer            (DossierScheduler     *self);
void                  _dossier_scheduler_note_failure           (DossierScheduler     *self,
                                                                 const GError         *error);

G_END_DECLS
