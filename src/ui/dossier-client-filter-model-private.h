/* dossier-client-filter-model-private.h — the state shared by the model's files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "dossier-client-filter-model.h"
#include "dossier-note-index.h"
#include "dossier-client-item.h"

G_BEGIN_DECLS

/* Lists at least this long are sorted on a worker thread. */
#define SORT_IN_THREAD_THRESHOLD 5000
/* Items no row holds any more are dropped once the table grows past this. */
#define MAX_IDLE_ITEMS 1024

struct _DossierClientFilterModel
{
  GObject              parent_instance;

  GListModel          *source;
  DossierRequestCache *cache;
  DossierNoteIndex    *notes;     /* nullable: private notes, searched too */
  char                *query;
  char               **terms;
  char                *status_filter;
  char                *sort_order;

  GPtrArray           *sorted;    /* DossierClient, in sort order (owned) */
  char                *keys;      /* their folded search keys, in that order */
  gsize               *key_offsets;
  GPtrArray           *matches;   /* DossierClient, sorted ∩ search ∩ filter (borrowed from sorted) */
  GPtrArray           *shown;     /* what the positions expose: matches, or the last non-empty */
  GPtrArray           *shown_owner; /* the sorted list that shown borrows from */
  GPtrArray           *steps;     /* SearchStep: results of the queries typed up to this one */
  GHashTable          *items;     /* position → DossierClientItem */

  GCancellable        *sort_cancellable;
  guint                resort_id;
  guint                pending : 1;
};


enum {
  PROP_0,
  PROP_QUERY,
  PROP_STATUS_FILTER,
  PROP_SORT_ORDER,
  PROP_N_MATCHES,
  PROP_N_TOTAL,
  PROP_PENDING,
  N_PROPS
};

enum {
  SIGNAL_REFILTERED,
  N_SIGNALS
};

extern GParamSpec *_dossier_client_filter_model_properties [N_PROPS];
extern guint _dossier_client_filter_model_signals [N_SIGNALS];

void                         _dossier_client_filter_model_refilter        (DossierClientFilterModel *self,
                                                                          gboolean                  same_list);
void                         _dossier_client_filter_model_clear_steps     (DossierClientFilterModel *self);
void                         _dossier_client_filter_model_refresh_items   (DossierClientFilterModel *self,
                                                                          const char               *client_id);
/* Drops "-", "(", ")" and "." from a query word with digits in it (a phone number). */
void                         _dossier_client_filter_model_strip_number_marks (char *term);
const DossierRequestSummary *_dossier_client_filter_model_lookup_summary (DossierClientFilterModel *self,
                                                                          DossierClient            *client);

G_END_DECLS
