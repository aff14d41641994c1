/* dossier-client-item.h — one position of the client list: a client and its badge facts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "dossier-client.h"
#include "dossier-request-summary.h"

G_BEGIN_DECLS

#define DOSSIER_TYPE_CLIENT_ITEM (dossier_client_item_get_type ())
G_DECLARE_FINAL_TYPE (DossierClientItem, dossier_client_item, DOSSIER, CLIENT_ITEM, GObject)

DossierClientItem           *dossier_client_item_new         (DossierClient               *client,
                                                              const DossierRequestSummary *summary);
DossierClient               *dossier_client_item_get_client  (DossierClientItem           *self);
const DossierRequestSummary *dossier_client_item_get_summary (DossierClientItem           *self);
void                         dossier_client_item_set         (DossierClientItem           *self,
                                                              DossierClient               *client,
                                                              const DossierRequestSummary *summary);

G_END_DECLS
