/* dossier-client-list.h — the GListModel of clients, merged in place (STYLE.md §3.8)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "dossier-client.h"

G_BEGIN_DECLS

#define DOSSIER_TYPE_CLIENT_LIST (dossier_client_list_get_type ())
G_DECLARE_FINAL_TYPE (DossierClientList, dossier_client_list, DOSSIER, CLIENT_LIST, GObject)

DossierClientList *dossier_client_list_new          (void);
void               dossier_client_list_merge        (DossierClientList *self,
                                                     GPtrArray         *clients);
void               dossier_client_list_add          (DossierClientList *self,
                                                     DossierClient     *client);
gboolean           dossier_client_list_remove_by_id (DossierClientList *self,
                                                     const char        *id);
DossierClient     *dossier_client_list_lookup       (DossierClientList *self,
                                                     const char        *id);

G_END_DECLS
