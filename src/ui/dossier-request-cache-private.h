/* dossier-request-cache-private.h — what the request cache's files share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "dossier-request-cache.h"

G_BEGIN_DECLS

struct _DossierRequestCache
{
  GObject          parent_instance;

  DossierApi      *api;
  DossierJournal  *journal;
  DossierUploader *uploader;
  GHashTable      *summaries;   /* client id → DossierRequestSummary */
  GHashTable      *in_flight;   /* client ids being fetched */
  GHashTable      *failures;    /* client id → GError of its last check, while it failed */
  GHashTable      *unsent;      /* upload id (gint64 *) → UnsentUpload: failed once, not yet answered */
  GCancellable    *cancellable;
  guint            sweep_id;
  guint            loaded : 1;
  guint            sweeping : 1;
};

enum {
  SIGNAL_CHANGED,
  SIGNAL_CHECKED,
  SIGNAL_INVALIDATED,
  SIGNAL_UNSENT_CHANGED,
  N_SIGNALS
};

extern guint _dossier_request_cache_signals [N_SIGNALS];

/* dossier-request-cache-unsent.c */
void _dossier_request_cache_class_init_unsent (GObjectClass        *object_class);
void _dossier_request_cache_init_unsent       (DossierRequestCache *self);
void _dossier_request_cache_dispose_unsent    (DossierRequestCache *self);

G_END_DECLS
