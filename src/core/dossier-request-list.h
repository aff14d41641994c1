/* dossier-request-list.h — the GListModel of one client's product requests, merged in place
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "dossier-product-request.h"

G_BEGIN_DECLS

#define DOSSIER_TYPE_REQUEST_LIST (dossier_request_list_get_type ())
G_DECLARE_FINAL_TYPE (DossierRequestList, dossier_request_list, DOSSIER, REQUEST_LIST, GObject)

DossierRequestList    *dossier_request_list_new          (void);
void                   dossier_request_list_merge        (DossierRequestList    *self,
                                                          GPtrArray             *requests);
void                   dossier_request_list_add          (DossierRequestList    *self,
                                                          DossierProductRequest *request);
gboolean               dossier_request_list_remove_by_id (DossierRequestList    *self,
                                                          const char            *id);
DossierProductRequest *dossier_request_list_lookup       (DossierRequestList    *self,
                                                          const char            *id);

G_END_DECLS
