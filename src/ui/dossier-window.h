/* dossier-window.h — the main window: the client list beside the client page
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "dossier-application.h"
#include "dossier-client-filter-model.h"
#include "dossier-client-list.h"
#include "dossier-request-cache.h"
#include "dossier-review-watcher.h"
#include "dossier-uploader.h"

G_BEGIN_DECLS

#define DOSSIER_TYPE_WINDOW (dossier_window_get_type ())
G_DECLARE_FINAL_TYPE (DossierWindow, dossier_window, DOSSIER, WINDOW, AdwApplicationWindow)

DossierWindow            *dossier_window_new              (DossierApplication *application);
DossierClientList        *dossier_window_get_clients      (DossierWindow      *self);
DossierClientFilterModel *dossier_window_get_filter_model (DossierWindow      *self);
DossierRequestCache      *dossier_window_get_request_cache (DossierWindow     *self);
gboolean                  dossier_window_get_loading      (DossierWindow      *self);
DossierApi               *dossier_window_get_api          (DossierWindow      *self);
DossierJournal           *dossier_window_get_journal      (DossierWindow      *self);
DossierReviewWatcher     *dossier_window_get_review_watcher (DossierWindow    *self);
DossierUploader          *dossier_window_get_uploader     (DossierWindow      *self);
void                      dossier_window_select_client    (DossierWindow      *self,
                                                           DossierClient      *client);
/* A problem the person should read now, in a dialog that offers Preferences. */
void                      dossier_window_show_notice      (DossierWindow      *self,
                                                           const char         *heading,
                                                           const char         *body);
/* Shows a client's page by id, fetching the client if the list does not have it. */
void                      dossier_window_open_client      (DossierWindow      *self,
                                                           const char         *client_id);

G_END_DECLS
