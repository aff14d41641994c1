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
} DossierListMergeFuncs;

void dossier_list_merge (GListModel                  *model,
                         GPtrArray                   *items,
                         GHashTable                  *index,
                         GPtrArray                   *incoming,
                         const DossierListMergeFuncs *funcs);

G_END_DECLS
