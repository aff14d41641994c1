/* dossier-background.c — long work on a thread of its own, below the UI's priority
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Preparing a 12 MP photo keeps up to three threads busy for a few hundred
 * milliseconds (decoding, encoding in two halves, the preview). At the same priority
 * as the UI thread they take turns with it, and a frame waits for a core (measured by
 * bench-drop-preview as frame intervals of 27–36 ms on two cores). This work runs on
 * a thread of its own whose niceness is raised first; the threads it starts inherit it.
 * Not GLib's shared pool: a niceness raised there would stay with a pool thread (an
 * unprivileged thread cannot lower it again) and slow down whatever task it ran next.
 */
#include "config.h"

#include "dossier-background.h"

#ifdef __linux__
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>
#endif

typedef struct {
  GTask           *task;
  GTaskThreadFunc  func;
} BackgroundJob;

/**
 * dossier_background_lower_priority:
 *
 * Raises the calling thread's niceness to %DOSSIER_BACKGROUND_NICENESS (Linux, where
 * niceness is per thread and inherited by the threads it starts); elsewhere, nothing.
 * Call it only on a thread this program owns.
 */
void
dossier_background_lower_priority (void)
{
#ifdef __linux__
  id_t tid = (id_t) syscall (SYS_gettid);

  /* Best effort: a failure leaves the thread at its priority, nothing else changes. */
  if (getpriority (PRIO_PROCESS, tid) < DOSSIER_BACKGROUND_NICENESS)
    (void) setpriority (PRIO_PROCESS, tid, DOSSIER_BACKGROUND_NICENESS);
#endif
}

static gpointer
background_job_run (gpointer user_data)
{
  BackgroundJob *job = user_data;

  dossier_background_lower_priority ();
  job->func (job->task, g_task_get_source_object (job->task), g_task_get_task_data (job->task),
             g_task_get_cancellable (job->task));
  /* The task's callback runs on the task's own context (GTask schedules it there). */
  g_object_unref (job->task);
  g_free (job);
  return NULL;
}

/**
 * dossier_background_run_task:
 * @task: a #GTask
 * @func: what to run; it returns @task's result with g_task_return_*()
 *
 * Like g_task_run_in_thread(), but on a new thread of lower priority (see above). When
 * no thread can be started, falls back to g_task_run_in_thread().
 */
void
dossier_background_run_task (GTask           *task,
                             GTaskThreadFunc  func)
{
  BackgroundJob *job;
  GThread *thread;

  g_return_if_fail (G_IS_TASK (task));
  g_return_if_fail (func != NULL);

  job = g_new0 (BackgroundJob, 1);
  job->task = g_object_ref (task);
  job->func = func;
  thread = g_thread_try_new ("dossier-background", background_job_run, job, NULL);
  if (thread == NULL)
    {
      g_object_unref (job->task);
      g_free (job);
      g_task_run_in_thread (task, func);
      return;
    }
  g_thread_unref (thread);
}
