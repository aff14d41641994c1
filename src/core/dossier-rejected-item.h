/* dossier-rejected-item.h — one entry of `rejected_items` (CONTRACT.md §6.5)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* One entry of `rejected_items` (§6.5); strings never NULL. */
typedef struct {
  char *type;
  char *key;
  char *reason;
} DossierRejectedItem;

#define DOSSIER_TYPE_REJECTED_ITEM (dossier_rejected_item_get_type ())
GType                dossier_rejected_item_get_type (void) G_GNUC_CONST;
DossierRejectedItem *dossier_rejected_item_new      (const char                *type,
                                                     const char                *key,
                                                     const char                *reason);
DossierRejectedItem *dossier_rejected_item_copy     (const DossierRejectedItem *item);
void                 dossier_rejected_item_free     (DossierRejectedItem       *item);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DossierRejectedItem, dossier_rejected_item_free)

G_END_DECLS
