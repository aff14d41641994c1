/* test-scheduler.c — DossierScheduler with a fake clock: order, budget, retries
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "dossier-api-error.h"
#include "dossier-scheduler.h"

#define SEC G_USEC_PER_SEC

/* ---- a fake clock: time moves only when the test says so ---- */

typedef struct
{
  guint       id;
  gint64      due;
  GSourceFunc func;
  gpointer    data;
} FakeTimer;

typedef struct
{
  gint64  now;
  GList  *timers;
  guint   next_id;
} FakeClock;

static gint64
fake_now (gpointer user_data)
{
  return ((FakeClock *) user_data)->now;
}

static guint
fake_timeout_add (guint delay_ms, GSourceFunc func, gpointer data, gpointer user_data)
{
  FakeClock *clock = user_data;
  FakeTimer *timer = g_new0 (FakeTimer, 1);

  timer->id = ++clock->next_id;
  timer->due = clock->now + (gint64) delay_ms * 1000;
  timer->func = func;
  timer->data = data;
  clock->timers = g_list_append (clock->timers, timer);

  return timer->id;
}

static void
fake_source_remove (guint id, gpointer user_data)
{
  FakeClock *clock = user_data;

  for (GList *l = clock->timers; l != NULL; l = l->next)
    {
      FakeTimer *timer = l->data;

      if (timer->id == id)
        {
          clock->timers = g_list_delete_link (clock->timers, l);
          g_free (timer);
          return;
        }
    }
}

static const DossierSchedulerClock fake_clock_funcs = { fake_now, fake_timeout_add, fake_source_remove };

static void
drain_main_context (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/* Fires due timers in order until `until` (or until no timer is left when until < 0). */
static void
fake_run (FakeClock *clock,
          gint64     until)
{
  drain_main_context ();

  for (;;)
    {
      FakeTimer *next = NULL;

      for (GList *l = clock->timers; l != NULL; l = l->next)
        {
          FakeTimer *timer = l->data;

          if (next == NULL || timer->due < next->due)
            next = timer;
        }

      if (next == NULL || (until >= 0 && next->due > until))
        break;

      clock->now = MAX (clock->now, next->due);
      clock->timers = g_list_remove (clock->timers, next);
      next->func (next->data);
      g_free (next);
      drain_main_context ();
    }

  if (until >= 0)
    clock->now = MAX (clock->now, until);
  drain_main_context ();
}

/* ---- scripted attempts ---- */

typedef struct
{
  FakeClock  *clock;
  const char *script;   /* one token per attempt: status, "drop", "hang", "429:N", "429" */
  guint       index;
  GArray     *starts;   /* gint64 fake start times */
  int         id;
  GPtrArray  *order;    /* shared: ids in start order */
  DossierSchedulerCall *call;
  gboolean    lost_called;
  DossierHttpResponse *result;
  GError     *error;
  gboolean    done;
} Script;

static void
script_free (Script *s)
{
  g_array_unref (s->starts);
  dossier_http_response_free (s->result);
  g_clear_error (&s->error);
  g_free (s);
}

static gboolean
answer_cb (gpointer data)
{
  Script *s = data;
  g_auto(GStrv) tokens = g_strsplit (s->script, " ", -1);
  const char *token = tokens[MIN (s->index, g_strv_length (tokens) - 1)];
  DossierSchedulerCall *call = s->call;

  s->index++;
  if (g_str_equal (token, "drop"))
    {
      dossier_scheduler_call_done (call, NULL, g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CONNECTION_CLOSED,
                                                                    "Connection terminated unexpectedly"));
    }
  else
    {
      DossierHttpResponse *response = dossier_http_response_new (atoi (token), NULL);

      if (g_str_has_prefix (token, "429:"))
        response->retry_after = g_strdup (token + 4);
      dossier_scheduler_call_done (call, response, NULL);
    }

  return G_SOURCE_REMOVE;
}

static gboolean
hang_answer_cb (gpointer data)
{
  Script *s = data;

  dossier_scheduler_call_done (s->call, NULL, g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                                                   "Operation was cancelled"));
  return G_SOURCE_REMOVE;
}

static void
hang_cancelled_cb (GCancellable *cancellable,
                   Script       *s)
{
  fake_timeout_add (0, hang_answer_cb, s, s->clock);
}

static void
script_send (DossierSchedulerCall *call,
             GCancellable         *cancellable,
             gpointer              user_data)
{
  Script *s = user_data;
  g_auto(GStrv) tokens = g_strsplit (s->script, " ", -1);
  const char *token = tokens[MIN (s->index, g_strv_length (tokens) - 1)];

  s->call = call;
  g_array_append_val (s->starts, s->clock->now);
  if (s->order != NULL)
    g_ptr_array_add (s->order, GINT_TO_POINTER (s->id));

  if (g_str_equal (token, "hang"))
    {
      /* answers only when cancelled (the deadline) */
      s->index++;
      g_signal_connect (cancellable, "cancelled", G_CALLBACK (hang_cancelled_cb), s);
      return;
    }

  fake_timeout_add (50, answer_cb, s, s->clock);
}

static void
script_lost (DossierSchedulerCall *call,
             gpointer              user_data)
{
  Script *s = user_data;
  DossierHttpResponse *existing = dossier_http_response_new (200, NULL);

  s->lost_called = TRUE;
  existing->trace_id = g_strdup ("found-existing");
  dossier_scheduler_call_resolve (call, existing, NULL);
}

static void
script_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  Script *s = user_data;

  s->result = dossier_scheduler_call_finish (DOSSIER_SCHEDULER (source), result, &s->error);
  s->done = TRUE;
}

static Script *
script_start (DossierScheduler  *scheduler,
              FakeClock         *clock,
              const char        *method,
              DossierApiPriority priority,
              const char        *script,
              gboolean           with_lost,
              GCancellable      *cancellable)
{
  Script *s = g_new0 (Script, 1);

  s->clock = clock;
  s->script = script;
  s->starts = g_array_new (FALSE, FALSE, sizeof (gint64));
  dossier_scheduler_call_async (scheduler, method, priority, 500, script_send,
                                with_lost ? script_lost : NULL, s, NULL,
                                cancellable, script_done_cb, s);
  return s;
}

/* ---- tests ---- */

static void
test_order_and_budget (void)
{
  FakeClock clock = { .now = 1000 * SEC };
  g_autoptr(DossierScheduler) scheduler = dossier_scheduler_new_with_clock (&fake_clock_funcs, &clock);
  g_autoptr(GPtrArray) scripts = g_ptr_array_new_with_free_func ((GDestroyNotify) script_free);
  g_autoptr(GPtrArray) order = g_ptr_array_new ();
  g_autoptr(GArray) all_starts = g_array_new (FALSE, FALSE, sizeof (gint64));
  int last_priority = -1;
  int last_id[3] = { -1, -1, -1 };

  /* Nine calls fill the first second, then 100 wait at mixed priorities. */
  for (guint i = 0; i < 9; i++)
    g_ptr_array_add (scripts, script_start (scheduler, &clock, "GET", DOSSIER_API_PRIORITY_USER, "200", FALSE, NULL));
  g_assert_cmpuint (dossier_scheduler_get_n_running (scheduler), ==, 9);

  for (int i = 0; i < 100; i++)
    {
      Script *s = script_start (scheduler, &clock, "GET", (DossierApiPriority) ((i * 7) % 3), "200", FALSE, NULL);

      s->id = i;
      s->order = order;
      g_ptr_array_add (scripts, s);
    }
  g_assert_cmpuint (dossier_scheduler_get_n_queued (scheduler), ==, 100);

  fake_run (&clock, -1);

  g_assert_cmpuint (order->len, ==, 100);
  for (guint i = 0; i < order->len; i++)
    {
      int id = GPOINTER_TO_INT (g_ptr_array_index (order, i));
      int priority = (id * 7) % 3;

      /* USER before VISIBLE before BACKGROUND, FIFO within each */
      g_assert_cmpint (priority, >=, last_priority);
      g_assert_cmpint (id, >, last_id[priority]);
      last_priority = priority;
      last_id[priority] = id;
    }

  for (guint i = 0; i < scripts->len; i++)
    {
      Script *s = g_ptr_array_index (scripts, i);

      g_assert_true (s->done);
      g_assert_no_error (s->error);
      g_assert_cmpuint (s->result->status, ==, 200);
      g_array_append_vals (all_starts, s->starts->data, s->starts->len);
    }

  /* Never more than 10 (in fact at most 9) starts in any 1 s window. */
  for (guint i = 0; i < all_starts->len; i++)
    {
      gint64 t = g_array_index (all_starts, gint64, i);
      guint in_window = 0;

      for (guint j = 0; j < all_starts->len; j++)
        {
          gint64 u = g_array_index (all_starts, gint64, j);
          if (u >= t && u < t + SEC)
            in_window++;
        }
      g_assert_cmpuint (in_window, <=, 9);
    }
  g_test_message ("109 calls took %.1f s of fake time", (clock.now - 1000 * SEC) / (double) SEC);
  g_assert_cmpint (clock.now - 1000 * SEC, >=, 11 * SEC);
  g_assert_cmpuint (dossier_scheduler_get_n_started (scheduler), ==, 109);
}

typedef struct
{
  const char *method;
  const char *script;
  gboolean    with_lost;
  guint       attempts;
  guint       status;        /* 0: an error */
  int         error_code;
  gint64      gaps[4];       /* seconds between starts (before the 50 ms answer) */
} RetryCase;

static const RetryCase retry_cases[] = {
  { "GET",  "503 503 200", FALSE, 3, 200, 0, { 1, 2 } },
  { "GET",  "500 502 504 500", FALSE, 4, 500, 0, { 1, 2, 4 } },
  { "GET",  "drop 200", FALSE, 2, 200, 0, { 1 } },
  { "GET",  "drop drop drop drop", FALSE, 4, 0, DOSSIER_API_ERROR_OFFLINE, { 1, 2, 4 } },
  { "GET",  "hang 200", FALSE, 2, 200, 0, { 1 } },
  { "GET",  "404", FALSE, 1, 404, 0, { 0 } },
  { "POST", "503 200", FALSE, 1, 503, 0, { 0 } },
  { "PUT",  "500 200", FALSE, 1, 500, 0, { 0 } },
  { "PUT",  "drop 200", FALSE, 1, 0, DOSSIER_API_ERROR_OFFLINE, { 0 } },
  { "POST", "hang 200", FALSE, 1, 0, DOSSIER_API_ERROR_TIMEOUT, { 0 } },
  { "POST", "429:2 200", FALSE, 2, 200, 0, { 2 } },
  { "PUT",  "429 200", FALSE, 2, 200, 0, { 1 } },
  { "GET",  "429:abc 200", FALSE, 2, 200, 0, { 1 } },
  { "POST", "429:1 429:1 429:1 429:1", FALSE, 4, 429, 0, { 1, 1, 1 } },
  { "GET",  "429:3 503 200", FALSE, 3, 200, 0, { 3, 1 } },
};

static void
test_retry (gconstpointer data)
{
  const RetryCase *rc = data;
  FakeClock clock = { .now = 50 * SEC };
  g_autoptr(DossierScheduler) scheduler = dossier_scheduler_new_with_clock (&fake_clock_funcs, &clock);
  Script *s = script_start (scheduler, &clock, rc->method, DOSSIER_API_PRIORITY_USER, rc->script, rc->with_lost, NULL);

  fake_run (&clock, -1);

  g_assert_true (s->done);
  g_assert_cmpuint (s->starts->len, ==, rc->attempts);
  if (rc->status != 0)
    {
      g_assert_no_error (s->error);
      g_assert_cmpuint (s->result->status, ==, rc->status);
    }
  else
    {
      g_assert_error (s->error, DOSSIER_API_ERROR, rc->error_code);
      g_assert_null (s->result);
    }

  for (guint i = 1; i < s->starts->len; i++)
    {
      gint64 gap = g_array_index (s->starts, gint64, i) - g_array_index (s->starts, gint64, i - 1);
      /* the previous attempt took 50 ms to answer, or the 500 ms deadline */
      gint64 answer = g_str_has_prefix (rc->script, "hang") && i == 1 ? 500 * 1000 : 50 * 1000;

      g_assert_cmpint (gap, ==, rc->gaps[i - 1] * SEC + answer);
    }

  script_free (s);
}

static void
test_lost_post (void)
{
  FakeClock clock = { .now = SEC };
  g_autoptr(DossierScheduler) scheduler = dossier_scheduler_new_with_clock (&fake_clock_funcs, &clock);
  Script *s = script_start (scheduler, &clock, "POST", DOSSIER_API_PRIORITY_USER, "drop 200", TRUE, NULL);

  fake_run (&clock, -1);

  g_assert_true (s->done);
  g_assert_true (s->lost_called);
  g_assert_cmpuint (s->starts->len, ==, 1);
  g_assert_no_error (s->error);
  g_assert_cmpstr (s->result->trace_id, ==, "found-existing");
  script_free (s);
}

static void
test_cancel_queued (void)
{
  FakeClock clock = { .now = SEC };
  g_autoptr(DossierScheduler) scheduler = dossier_scheduler_new_with_clock (&fake_clock_funcs, &clock);
  g_autoptr(GPtrArray) scripts = g_ptr_array_new_with_free_func ((GDestroyNotify) script_free);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  Script *queued;

  dossier_scheduler_set_max_rate (scheduler, 2);
  g_ptr_array_add (scripts, script_start (scheduler, &clock, "GET", DOSSIER_API_PRIORITY_USER, "200", FALSE, NULL));
  g_ptr_array_add (scripts, script_start (scheduler, &clock, "GET", DOSSIER_API_PRIORITY_USER, "200", FALSE, NULL));
  queued = script_start (scheduler, &clock, "GET", DOSSIER_API_PRIORITY_BACKGROUND, "200", FALSE, cancellable);
  g_ptr_array_add (scripts, queued);
  g_assert_cmpuint (dossier_scheduler_get_n_queued (scheduler), ==, 1);

  g_cancellable_cancel (cancellable);
  drain_main_context ();   /* no fake time passes */

  g_assert_true (queued->done);
  g_assert_error (queued->error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (queued->starts->len, ==, 0);
  g_assert_cmpuint (dossier_scheduler_get_n_queued (scheduler), ==, 0);

  fake_run (&clock, -1);
  g_assert_cmpuint (dossier_scheduler_get_n_started (scheduler), ==, 2);
}

static void
test_cancel_running (void)
{
  FakeClock clock = { .now = SEC };
  g_autoptr(DossierScheduler) scheduler = dossier_scheduler_new_with_clock (&fake_clock_funcs, &clock);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  Script *s = script_start (scheduler, &clock, "GET", DOSSIER_API_PRIORITY_USER, "503 200", FALSE, cancellable);

  /* first answer (503) arrives, the call waits 1 s for its retry: cancel then */
  fake_run (&clock, clock.now + 100 * 1000);
  g_assert_false (s->done);
  g_cancellable_cancel (cancellable);
  drain_main_context ();

  g_assert_true (s->done);
  g_assert_error (s->error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (s->starts->len, ==, 1);
  g_assert_null (clock.timers);
  script_free (s);
}

static void
test_429_holds_everyone (void)
{
  FakeClock clock = { .now = SEC };
  g_autoptr(DossierScheduler) scheduler = dossier_scheduler_new_with_clock (&fake_clock_funcs, &clock);
  Script *limited = script_start (scheduler, &clock, "GET", DOSSIER_API_PRIORITY_USER, "429:3 200", FALSE, NULL);
  Script *other;

  g_assert_cmpuint (dossier_scheduler_get_hold_seconds (scheduler), ==, 0);
  fake_run (&clock, clock.now + 60 * 1000);   /* the 429 is in */
  /* what "the server is busy; trying again in N s" reads */
  g_assert_cmpuint (dossier_scheduler_get_hold_seconds (scheduler), ==, 3);
  other = script_start (scheduler, &clock, "GET", DOSSIER_API_PRIORITY_USER, "200", FALSE, NULL);
  g_assert_cmpuint (other->starts->len, ==, 0);   /* held */
  g_assert_cmpuint (dossier_scheduler_get_n_queued (scheduler), ==, 1);

  fake_run (&clock, -1);
  g_assert_true (other->done);
  g_assert_cmpint (g_array_index (other->starts, gint64, 0), >=, SEC + 3 * SEC + 50 * 1000);
  g_assert_cmpuint (dossier_scheduler_get_hold_seconds (scheduler), ==, 0);
  g_assert_cmpuint (limited->result->status, ==, 200);
  /* the budget was halved after the 429 and climbs back */
  g_assert_cmpuint (dossier_scheduler_get_max_rate (scheduler), ==, DOSSIER_SCHEDULER_DEFAULT_MAX_RATE);

  script_free (limited);
  script_free (other);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/dossier/core/scheduler/order-and-budget", test_order_and_budget);
  for (guint i = 0; i < G_N_ELEMENTS (retry_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/dossier/core/scheduler/retry/%s-%s",
                                               retry_cases[i].method, retry_cases[i].script);

      g_strdelimit (path + strlen ("/dossier/core/scheduler/retry/"), " :/", '_');
      g_test_add_data_func (path, &retry_cases[i], test_retry);
    }
  g_test_add_func ("/dossier/core/scheduler/lost-post", test_lost_post);
  g_test_add_func ("/dossier/core/scheduler/cancel-queued", test_cancel_queued);
  g_test_add_func ("/dossier/core/scheduler/cancel-running", test_cancel_running);
  g_test_add_func ("/dossier/core/scheduler/429-holds-everyone", test_429_holds_everyone);

  return g_test_run ();
}
