/* dossier-scheduler-retry.c — what happens after an attempt (CONTRACT.md §15.5)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * 429 → hold the queue for Retry-After, lower the budget, retry (≤ 3);
 * GET + 500/502/503/504, dropped or timed out → backoff 1, 2, 4 s (≤ 3);
 * a non-GET whose answer was lost → its lost function, then resolve.
 */
#include "config.h"

#include "dossier-api-error.h"
#include "dossier-scheduler-private.h"

static gboolean
is_retryable_status (guint status)
{
  return status == 500 || status == 502 || status == 503 || status == 504;
}

static gint64
backoff_us (guint n_failures)
{
  /* 1 s, 2 s, 4 s */
  return (gint64) USEC_PER_SEC << (n_failures - 1);
}

static void
on_answer (DossierSchedulerCall *call,
           DossierHttpResponse  *response)
{
  DossierScheduler *self = call->scheduler;
  gint64 t = dossier_scheduler_now (self);

  if (response->status == 429)
    {
      guint wait = dossier_api_error_parse_retry_after (response->retry_after);

      /* The server blocks everyone from here: hold the queue, and lower the
       * budget once per burst (an attempt started after the last lowering). */
      self->hold_until = MAX (self->hold_until, t + (gint64) wait * USEC_PER_SEC);
      if (call->attempt_started > self->last_reduction)
        {
          /* Halve, and do not climb above the halved rate for a minute:
           * each new violation doubles the server's block (§4.1). */
          self->rate = MAX (1, self->rate / 2);
          self->ceiling = self->rate;
          self->ceiling_until = t + 60 * USEC_PER_SEC;
          self->last_reduction = t;
          self->last_change = t;
        }

      if (call->n_429 < DOSSIER_SCHEDULER_MAX_RETRIES)
        {
          call->n_429++;
          dossier_http_response_free (response);
          dossier_scheduler_call_retry_later (call, (gint64) wait * USEC_PER_SEC);
          return;
        }
    }
  else if (dossier_scheduler_call_is_get (call) && is_retryable_status (response->status) &&
           call->n_failures < DOSSIER_SCHEDULER_MAX_RETRIES)
    {
      call->n_failures++;
      dossier_http_response_free (response);
      dossier_scheduler_call_retry_later (call, backoff_us (call->n_failures));
      return;
    }
  else if (self->rate < self->max_rate)
    {
      /* Climb back by one per quiet second, up to the ceiling. */
      if (t >= self->ceiling_until)
        self->ceiling = self->max_rate;
      if (self->rate < self->ceiling && t - self->last_change >= USEC_PER_SEC)
        {
          self->rate++;
          self->last_change = t;
        }
    }

  dossier_scheduler_call_complete (call, response, NULL);
}

static void
on_lost_answer (DossierSchedulerCall *call,
                GError               *error)
{
  if (call->n_failures < DOSSIER_SCHEDULER_MAX_RETRIES)
    {
      if (dossier_scheduler_call_is_get (call))
        {
          call->n_failures++;
          g_error_free (error);
          dossier_scheduler_call_retry_later (call, backoff_us (call->n_failures));
          return;
        }
      if (call->lost != NULL)
        {
          call->n_failures++;
          g_error_free (error);
          call->state = CALL_LOST;
          call->lost (call, call->send_data);
          return;
        }
    }

  dossier_scheduler_call_complete (call, NULL, error);
}

void
dossier_scheduler_call_done (DossierSchedulerCall *call,
                             DossierHttpResponse  *response,
                             GError               *error)
{
  g_autoptr(DossierScheduler) self = NULL;

  g_return_if_fail (call != NULL && call->state == CALL_RUNNING);
  g_return_if_fail ((response == NULL) != (error == NULL));

  /* Completing the call may drop the last reference the caller held on the
   * scheduler (through the call); keep it alive until it has pumped. */
  self = g_object_ref (call->scheduler);
  dossier_scheduler_call_ref (call);
  dossier_scheduler_timer_clear (self, &call->deadline_id);
  self->n_running--;
  call->state = CALL_WAITING;

  if (dossier_scheduler_call_user_cancelled (call))
    {
      dossier_http_response_free (response);
      g_clear_error (&error);
      dossier_scheduler_call_complete_cancelled (call);
    }
  else if (error != NULL || call->timed_out)
    {
      GError *mapped;

      if (call->timed_out)
        mapped = dossier_api_error_new_timeout ();
      else
        mapped = dossier_api_error_new_from_transport (error);
      g_clear_error (&error);
      dossier_http_response_free (response);
      g_debug ("scheduler: %s attempt %u lost: %s", call->method, call->n_attempts, mapped->message);
      on_lost_answer (call, mapped);
    }
  else
    {
      _dossier_scheduler_note_answer (self);
      on_answer (call, response);
    }

  dossier_scheduler_call_unref (call);
  dossier_scheduler_pump (self);
}

void
dossier_scheduler_call_resolve (DossierSchedulerCall *call,
                                DossierHttpResponse  *existing,
                                GError               *error)
{
  g_autoptr(DossierScheduler) self = NULL;

  g_return_if_fail (call != NULL && call->state == CALL_LOST);

  self = g_object_ref (call->scheduler);
  call->state = CALL_WAITING;

  if (dossier_scheduler_call_user_cancelled (call))
    {
      dossier_http_response_free (existing);
      g_clear_error (&error);
      dossier_scheduler_call_complete_cancelled (call);
    }
  else if (error != NULL)
    {
      dossier_http_response_free (existing);
      dossier_scheduler_call_complete (call, NULL, error);
    }
  else if (existing != NULL)
    {
      dossier_scheduler_call_complete (call, existing, NULL);
    }
  else
    {
      dossier_scheduler_call_enqueue (call);
      dossier_scheduler_pump (self);
    }
}
