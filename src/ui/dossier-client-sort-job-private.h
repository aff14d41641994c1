/* dossier-client-sort-job-private.h — one sort of the client list, runnable on a worker
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "dossier-request-cache.h"

G_BEGIN_DECLS

typedef enum {
  DOSSIER_CLIENT_SORT_NAME,
  DOSSIER_CLIENT_SORT_LAST_CHANGE,
  DOSSIER_CLIENT_SORT_WAITING,
} DossierClientSortMode;

typedef struct _DossierClientSortJob DossierClientSortJob;

/* A sort's result: the clients in order, and their folded search keys in the same order,
 * copied into one block (each ends in '\0') that a search scans front to back. */
typedef struct {
  GPtrArray *clients;   /* DossierClient, owned */
  char      *keys;
  gsize     *offsets;   /* where the key of clients[i] starts in keys */
} DossierClientSorted;

void                  _dossier_client_sorted_free       (DossierClientSorted   *sorted);

DossierClientSortJob *_dossier_client_sort_job_new      (GListModel            *source,
                                                         DossierClientSortMode  mode,
                                                         DossierRequestCache   *cache);
guint                 _dossier_client_sort_job_get_size (DossierClientSortJob  *job);
DossierClientSorted  *_dossier_client_sort_job_run      (DossierClientSortJob  *job);
void                  _dossier_client_sort_job_free     (DossierClientSortJob  *job);

G_END_DECLS
