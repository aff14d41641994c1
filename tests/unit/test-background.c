/* test-background.c — long work on a thread of its own, below the UI's priority
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "dossier-background.h"

#ifdef __linux__
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>
#endif

typedef struct {
  GThread *caller;
  GThread *worker;
  int      worker_nice;
  gboolean done;
} Run;

static int
thread_nice (void)
{
#ifdef __linux__
  return getpriority (PRIO_PROCESS, (id_t) syscall (SYS_gettid));
#else
  return 0;
#endif
}

static void
work_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  Run *run = task_data;

  run->worker = g_thread_self ();
  run->worker_nice = thread_nice ();
  g_task_return_int (task, 42);
}

static void
done_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  Run *run = user_data;
  g_autoptr(GError) error = NULL;

  /* The callback comes back on the caller's thread, with the result. */
  g_assert_true (g_thread_self () == run->caller);
  g_assert_cmpint (g_task_propagate_int (G_TASK (result), &error), ==, 42);
  g_assert_no_error (error);
  run->done = TRUE;
}

static void
test_runs_lower (void)
{
  Run run = { g_thread_self (), NULL, 0, FALSE };
  int before = thread_nice ();
  g_autoptr(GTask) task = g_task_new (NULL, NULL, done_cb, &run);

  g_task_set_task_data (task, &run, NULL);
  dossier_background_run_task (task, work_thread);
  while (!run.done)
    g_main_context_iteration (NULL, TRUE);

  g_assert_true (run.worker != NULL);
  g_assert_true (run.worker != run.caller);
#ifdef __linux__
  g_assert_cmpint (run.worker_nice, ==, MAX (before, DOSSIER_BACKGROUND_NICENESS));
#endif
  /* The caller keeps its priority. */
  g_assert_cmpint (thread_nice (), ==, before);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/dossier/core/background/runs-lower", test_runs_lower);

  return g_test_run ();
}
