/* dossier-client-filter-model.h — the client list searched, filtered and sorted
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "dossier-client.h"
#include "dossier-note-index.h"
#include "dossier-request-cache.h"

G_BEGIN_DECLS

/* Values of the sort-order and status-filter properties (and GSettings keys). */
#define DOSSIER_SORT_NAME            "name"
#define DOSSIER_SORT_LAST_CHANGE     "last-change"
#define DOSSIER_SORT_WAITING_LONGEST "waiting-longest"

#define DOSSIER_FILTER_ALL           "all"
#define DOSSIER_FILTER_PENDING       "pending"
#define DOSSIER_FILTER_ACTIVE        "active"
#define DOSSIER_FILTER_REJECTED      "rejected"
#define DOSSIER_FILTER_WAITING_ON_ME "waiting-on-me"

#define DOSSIER_TYPE_CLIENT_FILTER_MODEL (dossier_client_filter_model_get_type ())
G_DECLARE_FINAL_TYPE (DossierClientFilterModel, dossier_client_filter_model,
                      DOSSIER, CLIENT_FILTER_MODEL, GObject)

DossierClientFilterModel *dossier_client_filter_model_new               (GListModel               *source,
                                                                         DossierRequestCache      *cache);
GListModel               *dossier_client_filter_model_get_source        (DossierClientFilterModel *self);
void                      dossier_client_filter_model_set_source        (DossierClientFilterModel *self,
                                                                         GListModel               *source);
const char               *dossier_client_filter_model_get_query         (DossierClientFilterModel *self);
void                      dossier_client_filter_model_set_query         (DossierClientFilterModel *self,
                                                                         const char               *query);
const char               *dossier_client_filter_model_get_status_filter (DossierClientFilterModel *self);
void                      dossier_client_filter_model_set_status_filter (DossierClientFilterModel *self,
                                                                         const char               *filter);
const char               *dossier_client_filter_model_get_sort_order    (DossierClientFilterModel *self);
void                      dossier_client_filter_model_set_sort_order    (DossierClientFilterModel *self,
                                                                         const char               *order);
guint                     dossier_client_filter_model_get_n_matches     (DossierClientFilterModel *self);
guint                     dossier_client_filter_model_get_n_total       (DossierClientFilterModel *self);
gboolean                  dossier_client_filter_model_get_pending       (DossierClientFilterModel *self);
DossierClient            *dossier_client_filter_model_get_client        (DossierClientFilterModel *self,
                                                                         guint                     position);
guint                     dossier_client_filter_model_find              (DossierClientFilterModel *self,
                                                                         DossierClient            *client);
void                      dossier_client_filter_model_refresh_keys      (DossierClientFilterModel *self);
/* Clients whose private notes contain the query match it too. */
void                      dossier_client_filter_model_set_note_index (DossierClientFilterModel *self,
                                                                      DossierNoteIndex         *notes);

G_END_DECLS
