/* test-api-progress.c — the rate limit of DossierApi's body progress (dossier-api-progress.c)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Blocks are added from sources dispatched on the main context, as libsoup emits
 * SoupMessage::wrote-body-data; the reports must come at most every 1/30 s, the one held
 * back must come when the interval is over, the last block at once, and nothing once the
 * attempt is stopped.
 */
#include "config.h"

#include "dossier-api-private.h"

#define MIN_GAP_US 30000

typedef struct
{
  GArray *sent;     /* gint64 */
  GArray *total;    /* gint64 */
  GArray *at;       /* gint64, monotonic µs */
  guint   destroyed;
} Log;

static void
log_init (Log *log)
{
  log->sent = g_array_new (FALSE, FALSE, sizeof (gint64));
  log->total = g_array_new (FALSE, FALSE, sizeof (gint64));
  log->at = g_array_new (FALSE, FALSE, sizeof (gint64));
  log->destroyed = 0;
}

static void
log_clear (Log *log)
{
  g_array_unref (log->sent);
  g_array_unref (log->total);
  g_array_unref (log->at);
}

static void
report_cb (gint64   sent,
           gint64   total,
           gpointer user_data)
{
  Log *log = user_data;
  gint64 now = g_get_monotonic_time ();

  g_assert_true (g_main_context_is_owner (g_main_context_default ()));
  g_array_append_val (log->sent, sent);
  g_array_append_val (log->total, total);
  g_array_append_val (log->at, now);
}

static void
destroyed_cb (gpointer user_data)
{
  ((Log *) user_data)->destroyed++;
}

static gboolean
flag_cb (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Runs the main context for ms milliseconds. */
static void
run_for (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, flag_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

typedef struct
{
  DossierApiProgress *progress;
  guint               left;
  gsize               block;
} Feeder;

static gboolean
feed_cb (gpointer user_data)
{
  Feeder *feeder = user_data;

  _dossier_api_progress_add (feeder->progress, feeder->block);
  return --feeder->left > 0 ? G_SOURCE_CONTINUE : G_SOURCE_REMOVE;
}

static void
test_rate (void)
{
  Log log;
  DossierApiProgress *progress;
  Feeder feeder = { NULL, 300, 1000 };
  gint64 started;
  gint64 elapsed;
  guint n;

  log_init (&log);
  progress = _dossier_api_progress_new (report_cb, &log, destroyed_cb);
  feeder.progress = progress;
  _dossier_api_progress_start (progress, 300 * 1000);

  /* One 1000-byte block a millisecond: about 300 ms, 300 blocks. */
  started = g_get_monotonic_time ();
  g_timeout_add (1, feed_cb, &feeder);
  while (feeder.left > 0)
    g_main_context_iteration (NULL, TRUE);
  elapsed = g_get_monotonic_time () - started;
  run_for (60);

  n = log.sent->len;
  g_test_message ("%u reports of 300 blocks in %" G_GINT64_FORMAT " ms", n, elapsed / 1000);
  g_assert_cmpuint (n, >=, 3);
  g_assert_cmpuint (n, <=, elapsed / MIN_GAP_US + 2);
  for (guint i = 0; i < n; i++)
    {
      g_assert_cmpint (g_array_index (log.total, gint64, i), ==, 300 * 1000);
      if (i == 0)
        continue;
      g_assert_cmpint (g_array_index (log.sent, gint64, i), >, g_array_index (log.sent, gint64, i - 1));
      if (i < n - 1)
        g_assert_cmpint (g_array_index (log.at, gint64, i) - g_array_index (log.at, gint64, i - 1),
                         >=, MIN_GAP_US);
    }
  /* The first block is told at once, the last one too. */
  g_assert_cmpint (g_array_index (log.sent, gint64, 0), ==, 1000);
  g_assert_cmpint (g_array_index (log.sent, gint64, n - 1), ==, 300 * 1000);

  g_assert_cmpuint (log.destroyed, ==, 0);
  _dossier_api_progress_unref (progress);
  g_assert_cmpuint (log.destroyed, ==, 1);
  log_clear (&log);
}

static gboolean
add_cb (gpointer user_data)
{
  _dossier_api_progress_add (user_data, 10);
  return G_SOURCE_REMOVE;
}

/* Adds 10 bytes from a dispatched source, then lets the context run for ms. */
static void
add_and_run (DossierApiProgress *progress,
             guint               ms)
{
  g_idle_add_full (G_PRIORITY_HIGH, add_cb, progress, NULL);
  run_for (ms);
}

/* Runs the main context until log has n reports (at most a second). */
static void
run_until (Log  *log,
           guint n)
{
  gboolean timed_out = FALSE;
  guint guard = g_timeout_add (1000, flag_cb, &timed_out);

  while (log->sent->len < n && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (timed_out);
  g_source_remove (guard);
}

static void
test_held (void)
{
  Log log;
  DossierApiProgress *progress;

  log_init (&log);
  progress = _dossier_api_progress_new (report_cb, &log, destroyed_cb);
  _dossier_api_progress_start (progress, 100);

  add_and_run (progress, 0);
  g_assert_cmpuint (log.sent->len, ==, 1);
  /* Too soon: held back, then told with the count as it is when the interval is over. */
  add_and_run (progress, 0);
  add_and_run (progress, 0);
  g_assert_cmpuint (log.sent->len, ==, 1);
  run_until (&log, 2);
  g_assert_cmpint (g_array_index (log.sent, gint64, 1), ==, 30);
  g_assert_cmpint (g_array_index (log.at, gint64, 1) - g_array_index (log.at, gint64, 0), >=, MIN_GAP_US);

  /* Right after a report: held back, and dropped when the attempt ends. */
  add_and_run (progress, 0);
  g_assert_cmpuint (log.sent->len, ==, 2);
  _dossier_api_progress_stop (progress);
  run_for (60);
  g_assert_cmpuint (log.sent->len, ==, 2);

  /* A new attempt starts again from 0 and is told at once. */
  _dossier_api_progress_start (progress, 100);
  add_and_run (progress, 0);
  g_assert_cmpuint (log.sent->len, ==, 3);
  g_assert_cmpint (g_array_index (log.sent, gint64, 2), ==, 10);

  /* The last block is told at once, even right after another report. */
  g_idle_add_full (G_PRIORITY_HIGH, add_cb, progress, NULL);
  _dossier_api_progress_add (progress, 80);
  run_for (0);
  g_assert_cmpuint (log.sent->len, ==, 4);
  g_assert_cmpint (g_array_index (log.sent, gint64, 3), ==, 100);

  _dossier_api_progress_unref (progress);
  g_assert_cmpuint (log.destroyed, ==, 1);
  log_clear (&log);
}

static void
test_unknown_size (void)
{
  Log log;
  DossierApiProgress *progress;

  log_init (&log);
  progress = _dossier_api_progress_new (report_cb, &log, destroyed_cb);
  _dossier_api_progress_start (progress, -1);
  add_and_run (progress, 0);
  g_assert_cmpuint (log.sent->len, ==, 1);
  g_assert_cmpint (g_array_index (log.total, gint64, 0), ==, -1);
  g_assert_cmpint (g_array_index (log.sent, gint64, 0), ==, 10);

  _dossier_api_progress_unref (progress);
  g_assert_cmpuint (log.destroyed, ==, 1);
  log_clear (&log);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/dossier/core/api-progress/rate", test_rate);
  g_test_add_func ("/dossier/core/api-progress/held", test_held);
  g_test_add_func ("/dossier/core/api-progress/unknown-size", test_unknown_size);

  return g_test_run ();
}
