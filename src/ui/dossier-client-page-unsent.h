/* dossier-client-page-unsent.h — the client page's documents waiting to be sent
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "dossier-client-page-private.h"

G_BEGIN_DECLS

/* row: a request row, with its request ("dossier-request"), its line without the
 * waiting documents ("dossier-subtitle") and its mark ("dossier-unsent-mark"). */
void _dossier_client_page_update_unsent_mark (DossierClientPage *self,
                                              GtkWidget         *row);
/* Follows the page's cache (once per cache): waiting documents, invalidated requests. */
void _dossier_client_page_follow_cache       (DossierClientPage *self);

G_END_DECLS
