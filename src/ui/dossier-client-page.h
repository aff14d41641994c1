/* dossier-client-page.h — the right pane: one client's data and product requests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "dossier-client.h"
#include "dossier-request-cache.h"

G_BEGIN_DECLS

#define DOSSIER_TYPE_CLIENT_PAGE (dossier_client_page_get_type ())
G_DECLARE_FINAL_TYPE (DossierClientPage, dossier_client_page, DOSSIER, CLIENT_PAGE, GtkWidget)

DossierClient       *dossier_client_page_get_client     (DossierClientPage   *self);
void                 dossier_client_page_set_client     (DossierClientPage   *self,
                                                         DossierClient       *client);
void                 dossier_client_page_set_cache      (DossierClientPage   *self,
                                                         DossierRequestCache *cache);
void                 dossier_client_page_reload_timeline (DossierClientPage  *self);
guint                dossier_client_page_get_n_requests (DossierClientPage   *self);
gboolean             dossier_client_page_get_loading    (DossierClientPage   *self);
/* The requests shown, oldest first. (transfer none) */
DossierProductRequest *dossier_client_page_get_request  (DossierClientPage   *self,
                                                         guint                index);
/* Activates the row of that request (it opens its window); FALSE when not shown. */
gboolean             dossier_client_page_activate_request (DossierClientPage *self,
                                                         const char          *request_id);
/* A newer state of one of client_id's requests (or a new one) known without a fetch, e.g.
 * from its request window: its row and the request cache follow. FALSE when not shown. */
gboolean             dossier_client_page_update_request (DossierClientPage   *self,
                                                         const char          *client_id,
                                                         DossierProductRequest *request);

G_END_DECLS
