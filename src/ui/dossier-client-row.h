/* dossier-client-row.h — one client in the list: name, email, status line, waiting badge
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "dossier-client-item.h"

G_BEGIN_DECLS

#define DOSSIER_TYPE_CLIENT_ROW (dossier_client_row_get_type ())
G_DECLARE_FINAL_TYPE (DossierClientRow, dossier_client_row, DOSSIER, CLIENT_ROW, GtkWidget)

DossierClientItem *dossier_client_row_get_item (DossierClientRow  *self);
void               dossier_client_row_set_item (DossierClientRow  *self,
                                                DossierClientItem *item);

GtkListItemFactory *dossier_client_row_factory_new (void);

G_END_DECLS
