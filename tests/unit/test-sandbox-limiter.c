/* test-sandbox-limiter.c — the rate limiter of CONTRACT.md §4.2, on a fake clock
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "dossier-sandbox-limiter.h"

#define SEC G_GINT64_CONSTANT (1000000)
#define MS  G_GINT64_CONSTANT (1000)
#define T0  (G_GINT64_CONSTANT (1000) * SEC)

/* Sends @n requests at @t from @ip, all of which must be admitted. */
static void
admit (DossierSandboxLimiter *limiter,
       const char            *ip,
       gboolean               company,
       guint                  n,
       gint64                 t)
{
  for (guint i = 0; i < n; i++)
    g_assert_cmpuint (dossier_sandbox_limiter_check (limiter, ip, company, t), ==, 0);
}

static void
test_first_violation (void)
{
  g_autoptr(DossierSandboxLimiter) limiter = dossier_sandbox_limiter_new (15);

  g_assert_cmpuint (dossier_sandbox_limiter_get_limit (limiter), ==, 15);

  /* 15 admitted within a second (spread over 0.9 s), the 16th refused with Retry-After 1. */
  for (guint i = 0; i < 15; i++)
    g_assert_cmpuint (dossier_sandbox_limiter_check (limiter, "10.0.0.1", FALSE, T0 + i * 60 * MS), ==, 0);
  g_assert_cmpuint (dossier_sandbox_limiter_check (limiter, "10.0.0.1", FALSE, T0 + 900 * MS), ==, 1);

  /* Blocked until T0 + 1.9 s; the Retry-After decreases, never below 1. */
  g_assert_cmpuint (dossier_sandbox_limiter_check (limiter, "10.0.0.1", FALSE, T0 + 901 * MS), ==, 1);
  g_assert_cmpuint (dossier_sandbox_limiter_check (limiter, "10.0.0.1", FALSE, T0 + 1899 * MS), ==, 1);

  /* Another IP is not affected. */
  admit (limiter, "10.0.0.2", FALSE, 15, T0 + 1 * SEC);

  /* Blocked requests consumed nothing: at 1.9 s the window [0.9 s, 1.9 s] is empty (the last
   * admission was at 0.84 s; the refused requests were not recorded). */
  admit (limiter, "10.0.0.1", FALSE, 15, T0 + 1900 * MS);
  /* And the next violation blocks for 2 s. */
  g_assert_cmpuint (dossier_sandbox_limiter_check (limiter, "10.0.0.1", FALSE, T0 + 1950 * MS), ==, 2);
  g_assert_cmpuint (dossier_sandbox_limiter_check (limiter, "10.0.0.1", FALSE, T0 + 1951 * MS), ==, 2);
  g_assert_cmpuint (dossier_sandbox_limiter_check (limiter, "10.0.0.1", FALSE, T0 + 2950 * MS), ==, 1);
  g_assert_cmpuint (dossier_sandbox_limiter_check (limiter, "10.0.0.1", FALSE, T0 + 3949 * MS), ==, 1);
}

static void
test_decreasing_retry_after (void)
{
  g_autoptr(DossierSandboxLimiter) limiter = dossier_sandbox_limiter_new (15);
  gint64 t = T0;
  guint retry = 0;

  /* Reach the 4th violation, at t: an 8 s block. */
  for (guint n = 1; n <= 4; n++)
    {
      if (n > 1)
        t += retry * SEC + 1;
      admit (limiter, "ip", FALSE, 15, t);
      retry = dossier_sandbox_limiter_check (limiter, "ip", FALSE, t);
      g_assert_cmpuint (retry, ==, 1u << (n - 1));
    }

  /* During the block, Retry-After = ceil(blocked_until − t). */
  g_assert_cmpuint (dossier_sandbox_limiter_check (limiter, "ip", FALSE, t + 1), ==, 8);
  g_assert_cmpuint (dossier_sandbox_limiter_check (limiter, "ip", FALSE, t + 1 * SEC), ==, 7);
  g_assert_cmpuint (dossier_sandbox_limiter_check (limiter, "ip", FALSE, t + 1 * SEC + 1), ==, 7);
  g_assert_cmpuint (dossier_sandbox_limiter_check (limiter, "ip", FALSE, t + 5500 * MS), ==, 3);
  g_assert_cmpuint (dossier_sandbox_limiter_check (limiter, "ip", FALSE, t + 8 * SEC - 1), ==, 1);
  g_assert_cmpuint (dossier_sandbox_limiter_check (limiter, "ip", FALSE, t + 8 * SEC), ==, 0);
}

static void
test_doubling_and_cap (void)
{
  g_autoptr(DossierSandboxLimiter) limiter = dossier_sandbox_limiter_new (15);
  static const guint expected[] = { 1, 2, 4, 8, 16, 32, 64, 128, 300, 300, 300 };
  gint64 t = T0;

  for (guint n = 0; n < G_N_ELEMENTS (expected); n++)
    {
      guint retry;

      admit (limiter, "ip", FALSE, 15, t);
      retry = dossier_sandbox_limiter_check (limiter, "ip", FALSE, t);
      g_assert_cmpuint (retry, ==, expected[n]);
      /* Still blocked just before the end, free at the end. */
      g_assert_cmpuint (dossier_sandbox_limiter_check (limiter, "ip", FALSE, t + retry * SEC - 1), ==, 1);
      t += retry * SEC;
      /* The 15 admissions at the old t are now exactly 1 s old or more: forget them. */
      t += 1 * SEC + 1;
    }
}

static void
test_hour_reset (void)
{
  g_autoptr(DossierSandboxLimiter) limiter = dossier_sandbox_limiter_new (15);
  gint64 t = T0;

  for (guint n = 1; n <= 3; n++)
    {
      admit (limiter, "ip", FALSE, 15, t);
      g_assert_cmpuint (dossier_sandbox_limiter_check (limiter, "ip", FALSE, t), ==, 1u << (n - 1));
      t += 10 * SEC;
    }

  /* Less than an hour after the last violation: the count continues (4th → 8). */
  t = T0 + 20 * SEC + 3600 * SEC - 1;
  admit (limiter, "ip", FALSE, 15, t);
  g_assert_cmpuint (dossier_sandbox_limiter_check (limiter, "ip", FALSE, t), ==, 8);

  /* An hour without violation: back to 1. */
  t += 3600 * SEC;
  admit (limiter, "ip", FALSE, 15, t);
  g_assert_cmpuint (dossier_sandbox_limiter_check (limiter, "ip", FALSE, t), ==, 1);
}

static void
test_window_boundary (void)
{
  g_autoptr(DossierSandboxLimiter) limiter = dossier_sandbox_limiter_new (2);

  admit (limiter, "ip", FALSE, 1, T0);
  admit (limiter, "ip", FALSE, 1, T0 + 500 * MS);
  /* At exactly T0 + 1 s the admission at T0 is not older than t − 1 s: still counted. */
  g_assert_cmpuint (dossier_sandbox_limiter_check (limiter, "ip", FALSE, T0 + 1 * SEC), ==, 1);
  /* After the block (until T0 + 2 s) both old admissions are gone. */
  admit (limiter, "ip", FALSE, 2, T0 + 2 * SEC);
}

static void
test_company (void)
{
  g_autoptr(DossierSandboxLimiter) limiter = dossier_sandbox_limiter_new (15);
  char ip[32];

  /* 15 keyed requests from 15 IPs fill the company bucket. */
  for (guint i = 0; i < 15; i++)
    {
      g_snprintf (ip, sizeof ip, "10.0.0.%u", i);
      admit (limiter, ip, TRUE, 1, T0);
    }
  /* The 16th keyed request, from a fresh IP, violates the company bucket only. */
  g_assert_cmpuint (dossier_sandbox_limiter_check (limiter, "10.0.1.1", TRUE, T0 + 1), ==, 1);
  /* The company is blocked for every IP with a key… */
  g_assert_cmpuint (dossier_sandbox_limiter_check (limiter, "10.0.0.3", TRUE, T0 + 2), ==, 1);
  /* …but a request without a key does not use the company bucket. */
  admit (limiter, "10.0.1.1", FALSE, 14, T0 + 3);
  /* That IP's own bucket was not charged by the refused keyed request: it now holds 14. */
  admit (limiter, "10.0.1.1", FALSE, 1, T0 + 4);
  g_assert_cmpuint (dossier_sandbox_limiter_check (limiter, "10.0.1.1", FALSE, T0 + 5), ==, 1);

  /* Unkeyed requests never fill the company bucket: once the keyed admissions at T0 are out of
   * the window, 15 keyed requests pass although the unkeyed ones at T0 + 3… are within it. */
  admit (limiter, "10.0.2.1", TRUE, 15, T0 + 1 * SEC + 2);
}

static void
test_both_violate (void)
{
  g_autoptr(DossierSandboxLimiter) limiter = dossier_sandbox_limiter_new (15);
  gint64 t = T0;

  /* Give the IP bucket two violations first (unkeyed), so its next block is 4 s. */
  for (guint n = 1; n <= 2; n++)
    {
      admit (limiter, "ip", FALSE, 15, t);
      g_assert_cmpuint (dossier_sandbox_limiter_check (limiter, "ip", FALSE, t), ==, n == 1 ? 1 : 2);
      t += 10 * SEC;
    }

  /* Now 15 keyed requests fill both buckets; the 16th violates both: the largest block wins. */
  admit (limiter, "ip", TRUE, 15, t);
  g_assert_cmpuint (dossier_sandbox_limiter_check (limiter, "ip", TRUE, t), ==, 4);
  /* A request blocked by both reports the later end. */
  g_assert_cmpuint (dossier_sandbox_limiter_check (limiter, "ip", TRUE, t + 1), ==, 4);
  /* The company bucket got its 1st violation (1 s): another IP with a key waits 1 s… */
  g_assert_cmpuint (dossier_sandbox_limiter_check (limiter, "other", TRUE, t + 1), ==, 1);
  /* …and without a key it does not wait at all. */
  admit (limiter, "other", FALSE, 1, t + 2);
  admit (limiter, "other", TRUE, 1, t + 1 * SEC + 1);
  g_assert_cmpuint (dossier_sandbox_limiter_check (limiter, "ip", TRUE, t + 1 * SEC + 1), ==, 3);
}

static void
test_off (void)
{
  g_autoptr(DossierSandboxLimiter) limiter = dossier_sandbox_limiter_new (0);

  admit (limiter, "ip", TRUE, 10000, T0);
  admit (limiter, "ip", FALSE, 10000, T0);
  g_assert_cmpuint (dossier_sandbox_limiter_get_n_buckets (limiter), ==, 0);
}

static void
test_reset (void)
{
  g_autoptr(DossierSandboxLimiter) limiter = dossier_sandbox_limiter_new (15);

  admit (limiter, "ip", TRUE, 15, T0);
  g_assert_cmpuint (dossier_sandbox_limiter_check (limiter, "ip", TRUE, T0), ==, 1);
  g_assert_cmpuint (dossier_sandbox_limiter_check (limiter, "other", TRUE, T0), ==, 1);

  dossier_sandbox_limiter_reset (limiter);
  g_assert_cmpuint (dossier_sandbox_limiter_get_n_buckets (limiter), ==, 0);
  admit (limiter, "ip", TRUE, 15, T0);
  /* The violation count was cleared too: the next violation is a 1st one again. */
  g_assert_cmpuint (dossier_sandbox_limiter_check (limiter, "ip", TRUE, T0), ==, 1);
}

static void
test_memory_bounded (void)
{
  g_autoptr(DossierSandboxLimiter) limiter = dossier_sandbox_limiter_new (15);
  char ip[32];
  gint64 t = T0;

  /* 200 000 IPs, one request each, 1 ms apart: idle buckets are pruned. */
  for (guint i = 0; i < 200000; i++)
    {
      g_snprintf (ip, sizeof ip, "ip-%u", i);
      admit (limiter, ip, FALSE, 1, t);
      t += 1 * MS;
    }
  g_test_message ("%u buckets held", dossier_sandbox_limiter_get_n_buckets (limiter));
  g_assert_cmpuint (dossier_sandbox_limiter_get_n_buckets (limiter), <=, 4096);

  /* A bucket with a live violation count is kept (and keeps counting) across pruning. */
  dossier_sandbox_limiter_reset (limiter);
  admit (limiter, "bad", FALSE, 15, T0);
  g_assert_cmpuint (dossier_sandbox_limiter_check (limiter, "bad", FALSE, T0), ==, 1);
  t = T0 + 10 * SEC;
  for (guint i = 0; i < 50000; i++)
    {
      g_snprintf (ip, sizeof ip, "ip-%u", i);
      admit (limiter, ip, FALSE, 1, t);
      t += 1 * MS;
    }
  admit (limiter, "bad", FALSE, 15, t);
  g_assert_cmpuint (dossier_sandbox_limiter_check (limiter, "bad", FALSE, t), ==, 2);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/dossier/sandbox/limiter/first-violation", test_first_violation);
  g_test_add_func ("/dossier/sandbox/limiter/decreasing-retry-after", test_decreasing_retry_after);
  g_test_add_func ("/dossier/sandbox/limiter/doubling-and-cap", test_doubling_and_cap);
  g_test_add_func ("/dossier/sandbox/limiter/hour-reset", test_hour_reset);
  g_test_add_func ("/dossier/sandbox/limiter/window-boundary", test_window_boundary);
  g_test_add_func ("/dossier/sandbox/limiter/company", test_company);
  g_test_add_func ("/dossier/sandbox/limiter/both-violate", test_both_violate);
  g_test_add_func ("/dossier/sandbox/limiter/off", test_off);
  g_test_add_func ("/dossier/sandbox/limiter/reset", test_reset);
  g_test_add_func ("/dossier/sandbox/limiter/memory-bounded", test_memory_bounded);

  return g_test_run ();
}
