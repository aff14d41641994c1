/* dossier-journal-jobs.c — handing work to the journal's worker and results back
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "dossier-journal-private.h"

void
_dossier_journal_submit (DossierJournal        *self,
                         GTask                 *task,
                         DossierJournalRunFunc  run,
                         gpointer               data,
                         GDestroyNotify         data_free)
{
  DossierJournalJob *job;

  g_assert (DOSSIER_IS_JOURNAL (self));
  g_assert (G_IS_TASK (task));

  job = g_new0 (DossierJournalJob, 1);
  job->journal = self;
  job->task = task;
  job->run = run;
  job->data = data;
  job->data_free = data_free;

  g_async_queue_push (self->jobs, job);
}

void
_dossier_journal_job_take_result (DossierJournalJob *job,
                                  gpointer           result,
                                  GDestroyNotify     result_free)
{
  if (job->result_free != NULL)
    g_clear_pointer (&job->result, job->result_free);

  job->result = result;
  job->result_free = result_free;
}

void
_dossier_journal_job_set_id (DossierJournalJob *job,
                             gint64             id)
{
  _dossier_journal_job_take_result (job, g_memdup2 (&id, sizeof id), g_free);
}

DossierJournalChain *
_dossier_journal_job_chain (DossierJournalJob *job)
{
  return &job->journal->chain;
}

void
_dossier_journal_set_head_updates (DossierJournal *self,
                                   gboolean        enabled)
{
  g_return_if_fail (DOSSIER_IS_JOURNAL (self));

  g_atomic_int_set (&self->head_updates, enabled ? 1 : 0);
}

void
_dossier_journal_job_changed (DossierJournalJob    *job,
                              DossierJournalChange  change,
                              const char           *client_id,
                              const char           *request_id)
{
  job->change = change;
  g_free (job->change_client_id);
  job->change_client_id = g_strdup (client_id);
  g_free (job->change_request_id);
  job->change_request_id = g_strdup (request_id != NULL ? request_id : "");
}

gpointer
_dossier_journal_propagate_pointer (DossierJournal  *self,
                                    GAsyncResult    *result,
                                    gpointer         source_tag,
                                    GError         **error)
{
  g_return_val_if_fail (DOSSIER_IS_JOURNAL (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

gboolean
_dossier_journal_propagate_boolean (DossierJournal  *self,
                                    GAsyncResult    *result,
                                    gpointer         source_tag,
                                    GError         **error)
{
  GError *local_error = NULL;

  _dossier_journal_propagate_pointer (self, result, source_tag, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }

  return TRUE;
}

gint64
_dossier_journal_propagate_id (DossierJournal  *self,
                               GAsyncResult    *result,
                               gpointer         source_tag,
                               GError         **error)
{
  g_autofree gint64 *id = _dossier_journal_propagate_pointer (self, result, source_tag, error);

  return id != NULL ? *id : 0;
}

static gboolean
flush_run (sqlite3            *db,
           gpointer            data,
           DossierJournalJob  *job,
           GError            **error)
{
  return TRUE;
}

/**
 * dossier_journal_flush_async:
 * @self: a #DossierJournal
 * @cancellable: (nullable): a #GCancellable
 * @callback: called once every operation issued before this one has completed
 * @user_data: data for @callback
 */
void
dossier_journal_flush_async (DossierJournal      *self,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (DOSSIER_IS_JOURNAL (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, dossier_journal_flush_async);
  _dossier_journal_submit (self, g_steal_pointer (&task), flush_run, NULL, NULL);
}

/**
 * dossier_journal_flush_finish:
 * @self: a #DossierJournal
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Returns: %TRUE when every earlier operation has completed
 */
gboolean
dossier_journal_flush_finish (DossierJournal  *self,
                              GAsyncResult    *result,
                              GError         **error)
{
  return _dossier_journal_propagate_boolean (self, result, dossier_journal_flush_async, error);
}
