/* dossier-scheduler-reach.c — whether the server answers at all, as every call finds it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every call of the app passes through the scheduler, so it is where "offline" is seen
 * first, whoever made the call (a save, an upload, a poll): a call that ends unable to
 * reach the server (DOSSIER_API_ERROR_OFFLINE, or TIMEOUT once its retries are spent)
 * makes it unreachable; any answer of the server, whatever its status, makes it
 * reachable again. A single attempt that is retried and then answered never shows.
 */
#include "config.h"

#include "dossier-api-error.h"
#include "dossier-scheduler-private.h"

enum {
  REACHABILITY_CHANGED,
  N_REACH_SIGNALS
};

static guint reach_signals [N_REACH_SIGNALS];

void
_dossier_scheduler_class_init_reach (GObjectClass *object_class)
{
  /**
   * DossierScheduler::reachability-changed:
   * @reachable: whether the server answers again (%TRUE) or could not be reached (%FALSE)
   *
   * Emitted on each change of dossier_scheduler_get_reachable(), before the call that
   * caused it finishes.
   */
  reach_signals[REACHABILITY_CHANGED] =
    g_signal_new ("reachability-changed", G_TYPE_FROM_CLASS (object_class), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_BOOLEAN);
}

void
_dossier_scheduler_note_answer (DossierScheduler *self)
{
  if (!self->unreachable)
    return;

  self->unreachable = FALSE;
  g_clear_error (&self->unreachable_error);
  g_signal_emit (self, reach_signals[REACHABILITY_CHANGED], 0, TRUE);
}

void
_dossier_scheduler_note_failure (DossierScheduler *self,
                                 const GError     *error)
{
  gboolean was_reachable = !self->unreachable;

  if (!g_error_matches (error, DOSSIER_API_ERROR, DOSSIER_API_ERROR_OFFLINE)
      && !g_error_matches (error, DOSSIER_API_ERROR, DOSSIER_API_ERROR_TIMEOUT))
    return;

  /* The newest reason is the one to tell. */
  g_clear_error (&self->unreachable_error);
  self->unreachable_error = g_error_copy (error);
  self->unreachable = TRUE;
  if (was_reachable)
    g_signal_emit (self, reach_signals[REACHABILITY_CHANGED], 0, FALSE);
}

gboolean
dossier_scheduler_get_reachable (DossierScheduler *self)
{
  g_return_val_if_fail (DOSSIER_IS_SCHEDULER (self), TRUE);

  return !self->unreachable;
}

const GError *
dossier_scheduler_get_unreachable_error (DossierScheduler *self)
{
  g_return_val_if_fail (DOSSIER_IS_SCHEDULER (self), NULL);

  return self->unreachable_error;
}
