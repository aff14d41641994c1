/* test-scheduler-reach.c — DossierScheduler tells when the server cannot be reached, and
 * when it answers again (walk 4, item 5: any failed call flips the offline banner)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The real clock, attempts answered from an idle: a dropped connection, an HTTP status,
 * a cancellation. No network.
 */
#include "config.h"

#include "dossier-api-error.h"
#include "dossier-scheduler.h"

typedef struct {
  const char *answer;     /* "drop", or an HTTP status */
  guint       n_attempts;
} Attempts;

typedef struct {
  DossierSchedulerCall *call;
  Attempts             *attempts;
} Pending;

static gboolean
answer_cb (gpointer data)
{
  Pending *pending = data;
  Attempts *attempts = pending->attempts;
  g_auto(GStrv) tokens = g_strsplit (attempts->answer, " ", -1);
  const char *token = tokens[MIN (attempts->n_attempts, g_strv_length (tokens) - 1)];

  attempts->n_attempts++;
  if (g_str_equal (token, "drop"))
    dossier_scheduler_call_done (pending->call, NULL,
                                 g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CONNECTION_CLOSED,
                                                      "Connection terminated unexpectedly"));
  else
    dossier_scheduler_call_done (pending->call, dossier_http_response_new (atoi (token), NULL), NULL);
  g_free (pending);
  return G_SOURCE_REMOVE;
}

static void
send_cb (DossierSchedulerCall *call,
         GCancellable         *attempt_cancellable,
         gpointer              user_data)
{
  Pending *pending = g_new0 (Pending, 1);

  pending->call = call;
  pending->attempts = user_data;
  g_idle_add (answer_cb, pending);
}

typedef struct {
  GError              *error;
  DossierHttpResponse *response;
  gboolean             done;
  gboolean             reachable_when_done;
} Outcome;

static void
done_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  Outcome *outcome = user_data;

  outcome->response = dossier_scheduler_call_finish (DOSSIER_SCHEDULER (source), result, &outcome->error);
  outcome->reachable_when_done = dossier_scheduler_get_reachable (DOSSIER_SCHEDULER (source));
  outcome->done = TRUE;
}

/* Runs one call to its end; returns how many attempts it took. */
static guint
call (DossierScheduler *scheduler,
      const char       *method,
      const char       *answer,
      GCancellable     *cancellable,
      Outcome          *outcome)
{
  Attempts attempts = { answer, 0 };

  *outcome = (Outcome) { 0 };
  dossier_scheduler_call_async (scheduler, method, DOSSIER_API_PRIORITY_USER, 0, send_cb, NULL,
                                &attempts, NULL, cancellable, done_cb, outcome);
  while (!outcome->done)
    g_main_context_iteration (NULL, TRUE);
  return attempts.n_attempts;
}

static void
outcome_clear (Outcome *outcome)
{
  g_clear_error (&outcome->error);
  g_clear_pointer (&outcome->response, dossier_http_response_free);
}

static void
changed_cb (DossierScheduler *scheduler,
            gboolean          reachable,
            GArray           *changes)
{
  g_array_append_val (changes, reachable);
}

static void
test_reach_flips (void)
{
  g_autoptr(DossierScheduler) scheduler = dossier_scheduler_new ();
  g_autoptr(GArray) changes = g_array_new (FALSE, FALSE, sizeof (gboolean));
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  Outcome outcome;

  g_signal_connect (scheduler, "reachability-changed", G_CALLBACK (changed_cb), changes);
  g_assert_true (dossier_scheduler_get_reachable (scheduler));
  g_assert_null (dossier_scheduler_get_unreachable_error (scheduler));

  /* A save whose connection drops: unreachable, told before the caller hears. */
  g_assert_cmpuint (call (scheduler, "PUT", "drop", NULL, &outcome), ==, 1);
  g_assert_error (outcome.error, DOSSIER_API_ERROR, DOSSIER_API_ERROR_OFFLINE);
  g_assert_false (outcome.reachable_when_done);
  g_assert_false (dossier_scheduler_get_reachable (scheduler));
  g_assert_error ((GError *) dossier_scheduler_get_unreachable_error (scheduler),
                  DOSSIER_API_ERROR, DOSSIER_API_ERROR_OFFLINE);
  g_assert_cmpuint (changes->len, ==, 1);
  g_assert_false (g_array_index (changes, gboolean, 0));
  outcome_clear (&outcome);

  /* Another failure is no change. */
  call (scheduler, "POST", "drop", NULL, &outcome);
  g_assert_cmpuint (changes->len, ==, 1);
  outcome_clear (&outcome);

  /* A cancelled call says nothing of the server. */
  g_cancellable_cancel (cancellable);
  call (scheduler, "GET", "200", cancellable, &outcome);
  g_assert_error (outcome.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_false (dossier_scheduler_get_reachable (scheduler));
  g_assert_cmpuint (changes->len, ==, 1);
  outcome_clear (&outcome);

  /* Any answer, even an error status, shows the server is there. */
  call (scheduler, "PUT", "404", NULL, &outcome);
  g_assert_no_error (outcome.error);
  g_assert_true (dossier_scheduler_get_reachable (scheduler));
  g_assert_null (dossier_scheduler_get_unreachable_error (scheduler));
  g_assert_cmpuint (changes->len, ==, 2);
  g_assert_true (g_array_index (changes, gboolean, 1));
  outcome_clear (&outcome);
}

/* A GET whose first attempt drops and whose retry is answered never shows as offline. */
static void
test_reach_retry_hidden (void)
{
  g_autoptr(DossierScheduler) scheduler = dossier_scheduler_new ();
  g_autoptr(GArray) changes = g_array_new (FALSE, FALSE, sizeof (gboolean));
  Outcome outcome;

  g_signal_connect (scheduler, "reachability-changed", G_CALLBACK (changed_cb), changes);
  g_assert_cmpuint (call (scheduler, "GET", "drop 200", NULL, &outcome), ==, 2);
  g_assert_no_error (outcome.error);
  g_assert_cmpuint (outcome.response->status, ==, 200);
  g_assert_true (dossier_scheduler_get_reachable (scheduler));
  g_assert_cmpuint (changes->len, ==, 0);
  outcome_clear (&outcome);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/dossier/core/scheduler-reach/flips", test_reach_flips);
  g_test_add_func ("/dossier/core/scheduler-reach/retry-hidden", test_reach_retry_hidden);

  return g_test_run ();
}
