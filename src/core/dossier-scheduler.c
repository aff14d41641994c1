/* dossier-scheduler.c — the queue every API call passes through (CONTRACT.md §15.5)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Belongs to the thread that created it (the main thread in the app). Timers
 * come from the clock: the real one attaches sources to the thread-default
 * context of the creating thread; tests inject a fake one.
 */
#include "config.h"

#include "dossier-api-error.h"
#include "dossier-scheduler-private.h"

G_DEFINE_FINAL_TYPE (DossierScheduler, dossier_scheduler, G_TYPE_OBJECT)

enum {
  ATTEMPT_STARTED,
  N_SIGNALS
};

static guint signals [N_SIGNALS];


/* ---- the real clock ---- */

static gint64
real_now (gpointer user_data)
{
  return g_get_monotonic_time ();
}

static guint
real_timeout_add (guint       delay_ms,
                  GSourceFunc func,
                  gpointer    func_data,
                  gpointer    user_data)
{
  DossierScheduler *self = user_data;
  g_autoptr(GSource) source = g_timeout_source_new (delay_ms);

  g_source_set_callback (source, func, func_data, NULL);
  g_source_set_name (source, "[dossier] scheduler timer");

  return g_source_attach (source, self->context);
}

static void
real_source_remove (guint    id,
                    gpointer user_data)
{
  DossierScheduler *self = user_data;
  GSource *source = g_main_context_find_source_by_id (self->context, id);

  if (source != NULL)
    g_source_destroy (source);
}

gint64
dossier_scheduler_now (DossierScheduler *self)
{
  return self->clock.now (self->clock_data);
}

guint
dossier_scheduler_timer_add (DossierScheduler *self,
           gint64            delay_us,
           GSourceFunc       func,
           gpointer          data)
{
  guint ms = delay_us <= 0 ? 0 : (guint) ((delay_us + 999) / 1000);

  return self->clock.timeout_add (ms, func, data, self->clock_data);
}

void
dossier_scheduler_timer_clear (DossierScheduler *self,
             guint            *id)
{
  if (*id != 0)
    self->clock.source_remove (*id, self->clock_data);
  *id = 0;
}

/* ---- calls ---- */

DossierSchedulerCall *
dossier_scheduler_call_ref (DossierSchedulerCall *call)
{
  call->ref_count++;
  return call;
}

void
dossier_scheduler_call_unref (DossierSchedulerCall *call)
{
  if (--call->ref_count > 0)
    return;

  g_assert (call->state == CALL_DONE);
  g_assert (call->task == NULL);

  if (call->send_data_destroy != NULL)
    call->send_data_destroy (call->send_data);
  g_clear_object (&call->cancellable);
  g_clear_object (&call->attempt_cancellable);
  g_free (call->method);
  g_object_unref (call->scheduler);
  g_free (call);
}

gboolean
dossier_scheduler_call_is_get (DossierSchedulerCall *call)
{
  return g_ascii_strcasecmp (call->method, "GET") == 0;
}

gboolean
dossier_scheduler_call_user_cancelled (DossierSchedulerCall *call)
{
  return call->cancellable != NULL && g_cancellable_is_cancelled (call->cancellable);
}

static gint
compare_seq (gconstpointer a,
             gconstpointer b,
             gpointer      user_data)
{
  const DossierSchedulerCall *ca = a;
  const DossierSchedulerCall *cb = b;

  return ca->seq < cb->seq ? -1 : ca->seq > cb->seq ? 1 : 0;
}

void
dossier_scheduler_call_enqueue (DossierSchedulerCall *call)
{
  call->state = CALL_QUEUED;
  g_queue_insert_sorted (&call->scheduler->queues[call->priority], call, compare_seq, NULL);
}

/* Finishes the call with response or error (one of them, transfer full). */
void
dossier_scheduler_call_complete (DossierSchedulerCall *call,
               DossierHttpResponse  *response,
               GError               *error)
{
  DossierScheduler *self = call->scheduler;
  g_autoptr(GTask) task = g_steal_pointer (&call->task);

  g_assert (call->state != CALL_DONE);

  if (call->state == CALL_QUEUED)
    g_queue_remove (&self->queues[call->priority], call);
  dossier_scheduler_timer_clear (self, &call->wait_id);
  dossier_scheduler_timer_clear (self, &call->deadline_id);
  call->state = CALL_DONE;

  if (call->cancelled_id != 0)
    g_cancellable_disconnect (call->cancellable, call->cancelled_id);
  call->cancelled_id = 0;

  /* Told before the caller hears: its handlers may look at the scheduler's reachability. */
  if (error != NULL)
    _dossier_scheduler_note_failure (self, error);

  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, response, (GDestroyNotify) dossier_http_response_free);

  dossier_scheduler_call_unref (call);
}

void
dossier_scheduler_call_complete_cancelled (DossierSchedulerCall *call)
{
  dossier_scheduler_call_complete (call, NULL, g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                                  "Operation was cancelled"));
}

static gboolean
call_wait_done_cb (gpointer data)
{
  DossierSchedulerCall *call = data;

  call->wait_id = 0;
  dossier_scheduler_call_enqueue (call);
  dossier_scheduler_pump (call->scheduler);

  return G_SOURCE_REMOVE;
}

void
dossier_scheduler_call_retry_later (DossierSchedulerCall *call,
                  gint64                delay_us)
{
  call->state = CALL_WAITING;
  call->wait_id = dossier_scheduler_timer_add (call->scheduler, delay_us, call_wait_done_cb, call);
}

static gboolean
call_deadline_cb (gpointer data)
{
  DossierSchedulerCall *call = data;

  call->deadline_id = 0;
  dossier_scheduler_call_expire (call);

  return G_SOURCE_REMOVE;
}

static void
call_start (DossierSchedulerCall *call,
            gint64                t)
{
  DossierScheduler *self = call->scheduler;

  call->state = CALL_RUNNING;
  call->n_attempts++;
  call->timed_out = FALSE;
  call->attempt_started = t;
  self->n_running++;
  self->n_started++;
  g_array_append_val (self->window, t);

  g_clear_object (&call->attempt_cancellable);
  call->attempt_cancellable = g_cancellable_new ();
  if (call->deadline_ms > 0)
    call->deadline_id = dossier_scheduler_timer_add (self, (gint64) call->deadline_ms * 1000, call_deadline_cb, call);

  g_debug ("scheduler: start %s attempt %u (priority %d)", call->method, call->n_attempts, call->priority);
  g_signal_emit (self, signals[ATTEMPT_STARTED], 0, call->method, (int) call->priority);
  call->send (call, call->attempt_cancellable, call->send_data);
}

static gboolean
cancel_idle_cb (gpointer data)
{
  DossierSchedulerCall *call = data;

  if (call->state == CALL_QUEUED || call->state == CALL_WAITING)
    dossier_scheduler_call_complete_cancelled (call);
  dossier_scheduler_call_unref (call);

  return G_SOURCE_REMOVE;
}

static void
call_cancelled_cb (GCancellable         *cancellable,
                   DossierSchedulerCall *call)
{
  g_autoptr(GSource) idle = NULL;

  /* Never disconnect from inside this handler: finish in an idle. */
  if (call->state == CALL_RUNNING && call->attempt_cancellable != NULL)
    g_cancellable_cancel (call->attempt_cancellable);

  idle = g_idle_source_new ();
  g_source_set_priority (idle, G_PRIORITY_HIGH);
  g_source_set_callback (idle, cancel_idle_cb, dossier_scheduler_call_ref (call), NULL);
  g_source_attach (idle, call->scheduler->context);
}

/* ---- the pump ---- */

static gboolean
pump_cb (gpointer data)
{
  DossierScheduler *self = data;

  self->pump_id = 0;
  dossier_scheduler_pump (self);

  return G_SOURCE_REMOVE;
}

static DossierSchedulerCall *
pop_next (DossierScheduler *self)
{
  for (guint p = 0; p < G_N_ELEMENTS (self->queues); p++)
    if (!g_queue_is_empty (&self->queues[p]))
      return g_queue_pop_head (&self->queues[p]);

  return NULL;
}

static gboolean
has_queued (DossierScheduler *self)
{
  for (guint p = 0; p < G_N_ELEMENTS (self->queues); p++)
    if (!g_queue_is_empty (&self->queues[p]))
      return TRUE;

  return FALSE;
}

void
dossier_scheduler_pump (DossierScheduler *self)
{
  dossier_scheduler_timer_clear (self, &self->pump_id);

  while (has_queued (self))
    {
      gint64 t = dossier_scheduler_now (self);
      DossierSchedulerCall *call;
      guint drop = 0;

      if (t < self->hold_until)
        {
          self->pump_id = dossier_scheduler_timer_add (self, self->hold_until - t, pump_cb, self);
          return;
        }

      while (drop < self->window->len && g_array_index (self->window, gint64, drop) <= t - USEC_PER_SEC)
        drop++;
      if (drop > 0)
        g_array_remove_range (self->window, 0, drop);

      if (self->window->len >= self->rate)
        {
          gint64 oldest = g_array_index (self->window, gint64, self->window->len - self->rate);

          self->pump_id = dossier_scheduler_timer_add (self, oldest + USEC_PER_SEC - t, pump_cb, self);
          return;
        }

      call = pop_next (self);
      if (dossier_scheduler_call_user_cancelled (call))
        {
          call->state = CALL_WAITING;  /* already out of the queue */
          dossier_scheduler_call_complete_cancelled (call);
          continue;
        }

      call_start (call, t);
    }
}

/* ---- public ---- */

static void
dossier_scheduler_finalize (GObject *object)
{
  DossierScheduler *self = (DossierScheduler *) object;

  dossier_scheduler_timer_clear (self, &self->pump_id);
  g_clear_error (&self->unreachable_error);
  g_array_unref (self->window);
  g_main_context_unref (self->context);

  G_OBJECT_CLASS (dossier_scheduler_parent_class)->finalize (object);
}

static void
dossier_scheduler_class_init (DossierSchedulerClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = dossier_scheduler_finalize;

  /**
   * DossierScheduler::attempt-started:
   * @method: the HTTP method
   * @priority: the call's priority
   *
   * Emitted as each attempt (retries included) starts, before it is sent.
   */
  signals[ATTEMPT_STARTED] =
    g_signal_new ("attempt-started", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_INT);

  _dossier_scheduler_class_init_reach (G_OBJECT_CLASS (klass));
}

static void
dossier_scheduler_init (DossierScheduler *self)
{
  for (guint p = 0; p < G_N_ELEMENTS (self->queues); p++)
    g_queue_init (&self->queues[p]);
  self->window = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->max_rate = self->rate = self->ceiling = DOSSIER_SCHEDULER_DEFAULT_MAX_RATE;
  self->context = g_main_context_ref_thread_default ();
  self->last_reduction = G_MININT64;
  self->clock.now = real_now;
  self->clock.timeout_add = real_timeout_add;
  self->clock.source_remove = real_source_remove;
  self->clock_data = self;
}

DossierScheduler *
dossier_scheduler_new (void)
{
  return g_object_new (DOSSIER_TYPE_SCHEDULER, NULL);
}

DossierScheduler *
dossier_scheduler_new_with_clock (const DossierSchedulerClock *clock,
                                  gpointer                     user_data)
{
  DossierScheduler *self = dossier_scheduler_new ();

  g_return_val_if_fail (clock != NULL && clock->now && clock->timeout_add && clock->source_remove, self);

  self->clock = *clock;
  self->clock_data = user_data;

  return self;
}

void
dossier_scheduler_set_max_rate (DossierScheduler *self,
                                guint             per_second)
{
  g_return_if_fail (DOSSIER_IS_SCHEDULER (self));
  g_return_if_fail (per_second > 0);

  self->max_rate = self->rate = self->ceiling = per_second;
  dossier_scheduler_pump (self);
}

guint
dossier_scheduler_get_max_rate (DossierScheduler *self)
{
  g_return_val_if_fail (DOSSIER_IS_SCHEDULER (self), 0);
  return self->max_rate;
}

guint
dossier_scheduler_get_n_queued (DossierScheduler *self)
{
  guint n = 0;

  g_return_val_if_fail (DOSSIER_IS_SCHEDULER (self), 0);

  for (guint p = 0; p < G_N_ELEMENTS (self->queues); p++)
    n += self->queues[p].length;

  return n;
}

guint
dossier_scheduler_get_n_running (DossierScheduler *self)
{
  g_return_val_if_fail (DOSSIER_IS_SCHEDULER (self), 0);
  return self->n_running;
}

guint
dossier_scheduler_get_n_started (DossierScheduler *self)
{
  g_return_val_if_fail (DOSSIER_IS_SCHEDULER (self), 0);
  return self->n_started;
}

void
dossier_scheduler_call_async (DossierScheduler         *self,
                              const char               *method,
                              DossierApiPriority        priority,
                              guint                     deadline_ms,
                              DossierSchedulerSendFunc  send,
                              DossierSchedulerLostFunc  lost,
                              gpointer                  send_data,
                              GDestroyNotify            send_data_destroy,
                              GCancellable             *cancellable,
                              GAsyncReadyCallback       callback,
                              gpointer                  user_data)
{
  DossierSchedulerCall *call;

  g_return_if_fail (DOSSIER_IS_SCHEDULER (self));
  g_return_if_fail (method != NULL && send != NULL);
  g_return_if_fail (priority <= DOSSIER_API_PRIORITY_BACKGROUND);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  call = g_new0 (DossierSchedulerCall, 1);
  call->ref_count = 1;
  call->scheduler = g_object_ref (self);
  call->task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (call->task, dossier_scheduler_call_async);
  call->method = g_ascii_strup (method, -1);
  call->priority = priority;
  call->seq = self->next_seq++;
  call->deadline_ms = deadline_ms;
  call->send = send;
  call->lost = lost;
  call->send_data = send_data;
  call->send_data_destroy = send_data_destroy;

  if (cancellable != NULL)
    {
      call->cancellable = g_object_ref (cancellable);
      call->cancelled_id = g_cancellable_connect (cancellable, G_CALLBACK (call_cancelled_cb), call, NULL);
      if (call->cancelled_id == 0)
        {
          /* Already cancelled: the handler ran and queued the idle. */
          dossier_scheduler_call_enqueue (call);
          return;
        }
    }

  dossier_scheduler_call_enqueue (call);
  dossier_scheduler_pump (self);
}

DossierHttpResponse *
dossier_scheduler_call_finish (DossierScheduler  *self,
                               GAsyncResult      *result,
                               GError           **error)
{
  g_return_val_if_fail (DOSSIER_IS_SCHEDULER (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

const char *
dossier_scheduler_call_get_method (DossierSchedulerCall *call)
{
  return call->method;
}

DossierApiPriority
dossier_scheduler_call_get_priority (DossierSchedulerCall *call)
{
  return call->priority;
}

guint
dossier_scheduler_call_get_attempt (DossierSchedulerCall *call)
{
  return call->n_attempts;
}

DossierScheduler *
dossier_scheduler_call_get_scheduler (DossierSchedulerCall *call)
{
  return call->scheduler;
}

GCancellable *
dossier_scheduler_call_get_cancellable (DossierSchedulerCall *call)
{
  return call->cancellable;
}

void
dossier_scheduler_call_expire (DossierSchedulerCall *call)
{
  g_return_if_fail (call->state == CALL_RUNNING);

  dossier_scheduler_timer_clear (call->scheduler, &call->deadline_id);
  call->timed_out = TRUE;
  g_cancellable_cancel (call->attempt_cancellable);
}

guint
dossier_scheduler_get_hold_seconds (DossierScheduler *self)
{
  gint64 left;

  g_return_val_if_fail (DOSSIER_IS_SCHEDULER (self), 0);

  left = self->hold_until - dossier_scheduler_now (self);
  if (left <= 0)
    return 0;
  return (guint) ((left + USEC_PER_SEC - 1) / USEC_PER_SEC);
}
