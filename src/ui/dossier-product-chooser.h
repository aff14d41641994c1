/* dossier-product-chooser.h — "Request Product": which product to request for a client
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A small modal window: one row per product offered (display names from the table of known
 * ids, else the catalogue's name, else the humanised id), each marked when the client already
 * has an open request for it; for a real account also an entry for any other product id.
 * Emits product-chosen (const char *product_id) and closes.
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define DOSSIER_TYPE_PRODUCT_CHOOSER (dossier_product_chooser_get_type ())
G_DECLARE_FINAL_TYPE (DossierProductChooser, dossier_product_chooser, DOSSIER, PRODUCT_CHOOSER, AdwWindow)

/* product_ids: offered, in order; names: (nullable) the catalogue's names, parallel to
 * product_ids (NULL entries allowed); allow_other: show the "Other product" entry. */
DossierProductChooser *dossier_product_chooser_new          (GtkWindow            *parent,
                                                             const char           *client_name,
                                                             const char * const   *product_ids,
                                                             const char * const   *names,
                                                             gboolean              allow_other);
/* Marks a product the client already has an open request for ("Open" instead of "Request"). */
void                   dossier_product_chooser_mark_open    (DossierProductChooser *self,
                                                             const char            *product_id,
                                                             const char            *status_label);
guint                  dossier_product_chooser_get_n_products (DossierProductChooser *self);
const char            *dossier_product_chooser_get_product_id (DossierProductChooser *self,
                                                             guint                  index);
/* Chooses as a click would: emits product-chosen, then closes. */
void                   dossier_product_chooser_choose       (DossierProductChooser *self,
                                                             const char            *product_id);

/* The display name of a product: known ids table, else server_name, else the humanised id. */
char                  *dossier_product_display_name         (const char            *product_id,
                                                             const char            *server_name);
/* Whether text is a plausible product id to send (non-blank, no spaces or control chars). */
gboolean               dossier_product_id_is_valid          (const char            *text);

G_END_DECLS
