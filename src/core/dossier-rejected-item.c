/* dossier-rejected-item.c — one entry of a rejected request's `rejected_items` (§6.5)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "dossier-rejected-item.h"

G_DEFINE_BOXED_TYPE (DossierRejectedItem, dossier_rejected_item,
                     dossier_rejected_item_copy, dossier_rejected_item_free)

/**
 * dossier_rejected_item_new:
 * @type: (nullable): `document` or `data`
 * @key: (nullable): the document type or data field key
 * @reason: (nullable): why
 *
 * Returns: (transfer full): a new item; %NULL strings become ""
 */
DossierRejectedItem *
dossier_rejected_item_new (const char *type,
                           const char *key,
                           const char *reason)
{
  DossierRejectedItem *item = g_new0 (DossierRejectedItem, 1);

  item->type = g_strdup (type != NULL ? type : "");
  item->key = g_strdup (key != NULL ? key : "");
  item->reason = g_strdup (reason != NULL ? reason : "");
  return item;
}

DossierRejectedItem *
dossier_rejected_item_copy (const DossierRejectedItem *item)
{
  g_return_val_if_fail (item != NULL, NULL);
  return dossier_rejected_item_new (item->type, item->key, item->reason);
}

void
dossier_rejected_item_free (DossierRejectedItem *item)
{
  if (item == NULL)
    return;
  g_free (item->type);
  g_free (item->key);
  g_free (item->reason);
  g_free (item);
}
