/* dossier-sandbox-limiter.c — the sandbox's rate limiter (CONTRACT.md §4.2)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One bucket per source IP address plus one company bucket shared by every request that carries a
 * configured key. A bucket remembers the times of its admitted requests of the last second, its
 * violation count, when it last violated and until when it is blocked.
 *
 * The window is closed: a request at t still sees the admissions at t − 1 s exactly ("forget the
 * timestamps older than t − 1.0 s"), so a fresh bucket admits LIMIT requests in any closed
 * one-second interval. Times must not go backwards (they come from a monotonic clock).
 */

#include "config.h"

#include "dossier-sandbox-limiter.h"

#define USEC_PER_SEC        G_GINT64_CONSTANT (1000000)
#define WINDOW_US           USEC_PER_SEC
#define VIOLATION_RESET_US  (G_GINT64_CONSTANT (3600) * USEC_PER_SEC)
#define MAX_BLOCK_SECONDS   300
#define PRUNE_MIN_THRESHOLD 1024

typedef struct
{
  GArray *admitted;        /* gint64 µs, oldest first, from index head on */
  guint   head;
  guint   violations;
  gint64  last_violation;
  gint64  blocked_until;
} Bucket;

struct _DossierSandboxLimiter
{
  guint       limit;
  Bucket      company;
  GHashTable *ips;         /* char * → Bucket * */
  guint       prune_threshold;
};

static void
bucket_init (Bucket *bucket)
{
  bucket->admitted = g_array_new (FALSE, FALSE, sizeof (gint64));
  bucket->head = 0;
  bucket->violations = 0;
  bucket->last_violation = 0;
  bucket->blocked_until = G_MININT64;
}

static void
bucket_clear (Bucket *bucket)
{
  g_clear_pointer (&bucket->admitted, g_array_unref);
}

static Bucket *
bucket_new (void)
{
  Bucket *bucket = g_new0 (Bucket, 1);

  bucket_init (bucket);
  return bucket;
}

static void
bucket_free (gpointer data)
{
  Bucket *bucket = data;

  bucket_clear (bucket);
  g_free (bucket);
}

/* Step 1: the violation count resets after an hour without violations. */
static void
bucket_expire_violations (Bucket *bucket,
                          gint64  now_us)
{
  if (bucket->violations > 0 && now_us - bucket->last_violation >= VIOLATION_RESET_US)
    bucket->violations = 0;
}

/* Step 3: forget the admissions older than now − 1 s. */
static void
bucket_forget (Bucket *bucket,
               gint64  now_us)
{
  const gint64 *times = (const gint64 *) (gpointer) bucket->admitted->data;

  while (bucket->head < bucket->admitted->len && times[bucket->head] < now_us - WINDOW_US)
    bucket->head++;

  /* Compact once half of the array is dead, so every timestamp is moved O(1) times. */
  if (bucket->head > 0 && bucket->head * 2 >= bucket->admitted->len)
    {
      g_array_remove_range (bucket->admitted, 0, bucket->head);
      bucket->head = 0;
    }
}

static guint
bucket_n_admitted (const Bucket *bucket)
{
  return bucket->admitted->len - bucket->head;
}

static guint
block_seconds (guint violations)
{
  g_assert (violations >= 1);

  if (violations >= 9)
    return MAX_BLOCK_SECONDS;
  return 1u << (violations - 1);
}

static void
bucket_violate (Bucket *bucket,
                gint64  now_us,
                guint  *retry_after)
{
  guint block;

  bucket->violations++;
  block = block_seconds (bucket->violations);
  bucket->blocked_until = now_us + (gint64) block * USEC_PER_SEC;
  bucket->last_violation = now_us;
  *retry_after = MAX (*retry_after, block);
}

static gboolean
bucket_is_idle (Bucket *bucket,
                gint64  now_us)
{
  bucket_expire_violations (bucket, now_us);
  bucket_forget (bucket, now_us);

  return bucket_n_admitted (bucket) == 0
         && bucket->blocked_until <= now_us
         && bucket->violations == 0;
}

static void
limiter_prune (DossierSandboxLimiter *self,
               gint64                 now_us)
{
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, self->ips);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      if (bucket_is_idle (value, now_us))
        g_hash_table_iter_remove (&iter);
    }

  /* Sweep again only when the table has doubled: amortised O(1) per request, and at most
   * twice the live buckets (or the minimum threshold) are ever held. */
  self->prune_threshold = MAX (PRUNE_MIN_THRESHOLD, 2 * g_hash_table_size (self->ips));
}

/**
 * dossier_sandbox_limiter_new:
 * @limit_per_second: `LIMIT` of §4.2, 0 to switch rate limiting off
 *
 * Returns: (transfer full): a new limiter
 */
DossierSandboxLimiter *
dossier_sandbox_limiter_new (guint limit_per_second)
{
  DossierSandboxLimiter *self = g_new0 (DossierSandboxLimiter, 1);

  self->limit = limit_per_second;
  bucket_init (&self->company);
  self->ips = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, bucket_free);
  self->prune_threshold = PRUNE_MIN_THRESHOLD;

  return self;
}

void
dossier_sandbox_limiter_free (DossierSandboxLimiter *self)
{
  if (self == NULL)
    return;

  bucket_clear (&self->company);
  g_clear_pointer (&self->ips, g_hash_table_unref);
  g_free (self);
}

/**
 * dossier_sandbox_limiter_reset:
 * @self: a limiter
 *
 * Forgets every bucket (`POST /_sandbox/reset`).
 */
void
dossier_sandbox_limiter_reset (DossierSandboxLimiter *self)
{
  g_return_if_fail (self != NULL);

  bucket_clear (&self->company);
  bucket_init (&self->company);
  g_hash_table_remove_all (self->ips);
  self->prune_threshold = PRUNE_MIN_THRESHOLD;
}

/**
 * dossier_sandbox_limiter_check:
 * @self: a limiter
 * @client_ip: the source address
 * @company: whether the request carries a configured key
 * @now_us: monotonic time of the request, in microseconds
 *
 * Runs §4.2 for one request.
 *
 * Returns: 0 when the request is admitted (and recorded), else the `Retry-After` seconds (≥ 1)
 *   of the 429 to answer
 */
guint
dossier_sandbox_limiter_check (DossierSandboxLimiter *self,
                               const char            *client_ip,
                               gboolean               company,
                               gint64                 now_us)
{
  Bucket *buckets[2];
  guint n_buckets = 0;
  Bucket *ip_bucket;
  gint64 max_blocked = G_MININT64;
  guint retry_after = 0;

  g_return_val_if_fail (self != NULL, 0);

  if (self->limit == 0)
    return 0;

  if (client_ip == NULL)
    client_ip = "";

  ip_bucket = g_hash_table_lookup (self->ips, client_ip);
  if (ip_bucket == NULL)
    {
      if (g_hash_table_size (self->ips) >= self->prune_threshold)
        limiter_prune (self, now_us);

      ip_bucket = bucket_new ();
      g_hash_table_insert (self->ips, g_strdup (client_ip), ip_bucket);
    }

  buckets[n_buckets++] = ip_bucket;
  if (company)
    buckets[n_buckets++] = &self->company;

  /* 1. Violation counts expire after an hour without violations. */
  for (guint i = 0; i < n_buckets; i++)
    bucket_expire_violations (buckets[i], now_us);

  /* 2. Blocked: refuse, record nothing. */
  for (guint i = 0; i < n_buckets; i++)
    {
      if (buckets[i]->blocked_until > now_us)
        max_blocked = MAX (max_blocked, buckets[i]->blocked_until);
    }
  if (max_blocked != G_MININT64)
    {
      gint64 remaining = max_blocked - now_us;

      return (guint) MAX (1, (remaining + USEC_PER_SEC - 1) / USEC_PER_SEC);
    }

  /* 3. A full window is a violation of each full bucket. */
  for (guint i = 0; i < n_buckets; i++)
    {
      bucket_forget (buckets[i], now_us);
      if (bucket_n_admitted (buckets[i]) >= self->limit)
        bucket_violate (buckets[i], now_us, &retry_after);
    }
  if (retry_after > 0)
    return retry_after;

  /* 4. Admitted. */
  for (guint i = 0; i < n_buckets; i++)
    g_array_append_val (buckets[i]->admitted, now_us);

  return 0;
}

guint
dossier_sandbox_limiter_get_limit (DossierSandboxLimiter *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->limit;
}

guint
dossier_sandbox_limiter_get_n_buckets (DossierSandboxLimiter *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return g_hash_table_size (self->ips);
}
