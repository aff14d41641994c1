/* dossier-list-merge-private.h — in-place merge of a GListModel's items with a server list
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
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

G_END_DECLS
