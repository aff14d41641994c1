/* dossier-sandbox-limiter.h — the sandbox's rate limiter (CONTRACT.md §4.2)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Pure: times are injected (monotonic microseconds), no clock is read here.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _DossierSandboxLimiter DossierSandboxLimiter;

/* 0 = off: always admits. */
DossierSandboxLimiter *dossier_sandbox_limiter_new   (guint                  limit_per_second);
void                   dossier_sandbox_limiter_free  (DossierSandboxLimiter *self);
void                   dossier_sandbox_limiter_reset (DossierSandboxLimiter *self);
/* One request at time now_us from client_ip; company = TRUE when it carries a valid configured key.
 * Returns 0 when admitted (and recorded), else the Retry-After seconds (>= 1) of a 429. */
guint                  dossier_sandbox_limiter_check (DossierSandboxLimiter *self,
                                                      const char            *client_ip,
                                                      gboolean               company,
                                                      gint64                 now_us);
guint                  dossier_sandbox_limiter_get_limit (DossierSandboxLimiter *self);
/* Number of per-IP buckets currently held (for tests of the pruning). */
guint                  dossier_sandbox_limiter_get_n_buckets (DossierSandboxLimiter *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DossierSandboxLimiter, dossier_sandbox_limiter_free)

G_END_DECLS
