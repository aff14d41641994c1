/* dossier-list-merge-private.h — in-place merge of a GListModel's items with a server list
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * DossierIdList is the storage a list model embeds (DossierClientList, DossierRequestList):
 * its items, the id index built when first needed, and the operations on both, each emitting
 * `items-changed` on the model and notifying its `n-items` when the count changes. Not a type:
 * the model stays the only GObject, and forwards to these.
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct {
  const char * (*get_id)      (gpointer item);
  gboolean     (*update_from) (gpointer item,
                               gpointer newer);
  /* Optional: a hash of the id and every value, equal only when update_from() would change
   * nothing; lets an unchanged refresh skip the id compare and the update. */
  guint64      (*fingerprint) (gpointer item);
} DossierListMergeFuncs;

GHashTable *dossier_list_merge_ensure_index (GHashTable                  **index,
                                             GPtrArray                    *items,
                                             const DossierListMergeFuncs  *funcs);
void        dossier_list_merge              (GListModel                   *model,
                                             GPtrArray                    *items,
                                             GHashTable                  **index,
                                             GPtrArray                    *incoming,
                                             const DossierListMergeFuncs  *funcs);

typedef struct {
  GListModel                  *model;         /* the owner (not a reference) */
  const DossierListMergeFuncs *funcs;
  GParamSpec                  *n_items_pspec; /* the owner's `n-items` */
  GPtrArray                   *items;         /* a reference each */
  GHashTable                  *index;         /* id (owned) → item (borrowed), NULL until needed */
} DossierIdList;

GParamSpec *dossier_id_list_param_spec_n_items (void);
void        dossier_id_list_init               (DossierIdList               *self,
                                                GListModel                  *model,
                                                const DossierListMergeFuncs *funcs,
                                                GParamSpec                  *n_items_pspec);
void        dossier_id_list_clear              (DossierIdList               *self);
guint       dossier_id_list_get_n_items        (DossierIdList               *self);
gpointer    dossier_id_list_get_item           (DossierIdList               *self,
                                                guint                        position);
gpointer    dossier_id_list_lookup             (DossierIdList               *self,
                                                const char                  *id);
void        dossier_id_list_add                (DossierIdList               *self,
                                                gpointer                     item);
gboolean    dossier_id_list_remove_by_id       (DossierIdList               *self,
                                                const char                  *id);
void        dossier_id_list_merge              (DossierIdList               *self,
                                                GPtrArray                   *incoming);

G_END_DECLS
