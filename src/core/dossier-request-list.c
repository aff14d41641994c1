/* dossier-request-list.c — the GListModel of one client's product requests, merged in place
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Belongs to the main thread. A refresh goes through dossier_request_list_merge(): requests
 * already shown are updated in place and only the regions that changed are spliced.
 */
#include "config.h"

#include "dossier-request-list.h"
#include "dossier-list-merge-private.h"

struct _DossierRequestList
{
  GObject       parent_instance;

  DossierIdList list;
};

static void dossier_request_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (DossierRequestList, dossier_request_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, dossier_request_list_model_init))

enum {
  PROP_0,
  PROP_N_ITEMS,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static GType
dossier_request_list_get_item_type (GListModel *model)
{
  return DOSSIER_TYPE_PRODUCT_REQUEST;
}

static guint
dossier_request_list_get_n_items (GListModel *model)
{
  return dossier_id_list_get_n_items (&DOSSIER_REQUEST_LIST (model)->list);
}

static gpointer
dossier_request_list_get_item (GListModel *model,
                              guint       position)
{
  return dossier_id_list_get_item (&DOSSIER_REQUEST_LIST (model)->list, position);
}

static void
dossier_request_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = dossier_request_list_get_item_type;
  iface->get_n_items = dossier_request_list_get_n_items;
  iface->get_item = dossier_request_list_get_item;
}

static void
dossier_request_list_finalize (GObject *object)
{
  DossierRequestList *self = (DossierRequestList *)object;

  dossier_id_list_clear (&self->list);

  G_OBJECT_CLASS (dossier_request_list_parent_class)->finalize (object);
}

static void
dossier_request_list_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  DossierRequestList *self = DOSSIER_REQUEST_LIST (object);

  switch (prop_id)
    {
    case PROP_N_ITEMS:
      g_value_set_uint (value, dossier_id_list_get_n_items (&self->list));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dossier_request_list_class_init (DossierRequestListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = dossier_request_list_finalize;
  object_class->get_property = dossier_request_list_get_property;

  properties[PROP_N_ITEMS] = dossier_id_list_param_spec_n_items ();

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static const char *
request_get_id (gpointer item)
{
  return dossier_product_request_get_id (item);
}

static gboolean
request_update_from (gpointer item,
                    gpointer newer)
{
  return dossier_product_request_update_from (item, newer);
}

static const DossierListMergeFuncs request_funcs = {
  request_get_id,
  request_update_from,
  NULL,
};

static void
dossier_request_list_init (DossierRequestList *self)
{
  dossier_id_list_init (&self->list, G_LIST_MODEL (self), &request_funcs, properties[PROP_N_ITEMS]);
}

DossierRequestList *
dossier_request_list_new (void)
{
  return g_object_new (DOSSIER_TYPE_REQUEST_LIST, NULL);
}

/**
 * dossier_request_list_merge:
 * @self: a #DossierRequestList
 * @requests: (element-type DossierProductRequest): the server's list, in server order
 *
 * Makes the model equal to @requests: requests already present (same id) are updated in place
 * and keep their identity; new ones are inserted, missing ones removed, with one
 * `items-changed` per edited region (never clear-and-refill). Requests without an id are
 * ignored.
 */
void
dossier_request_list_merge (DossierRequestList *self,
                           GPtrArray         *requests)
{
  g_return_if_fail (DOSSIER_IS_REQUEST_LIST (self));

  dossier_id_list_merge (&self->list, requests);
}

/**
 * dossier_request_list_add:
 * @self: a #DossierRequestList
 * @request: a request with an id, e.g. the answer of a create
 *
 * Appends @request, or updates the request with the same id in place.
 */
void
dossier_request_list_add (DossierRequestList *self,
                         DossierProductRequest *request)
{
  g_return_if_fail (DOSSIER_IS_REQUEST_LIST (self));
  g_return_if_fail (DOSSIER_IS_PRODUCT_REQUEST (request));
  g_return_if_fail (dossier_product_request_get_id (request) != NULL);

  dossier_id_list_add (&self->list, request);
}

/**
 * dossier_request_list_remove_by_id:
 * @self: a #DossierRequestList
 * @id: a request id
 *
 * Returns: whether a request was removed
 */
gboolean
dossier_request_list_remove_by_id (DossierRequestList *self,
                                  const char        *id)
{
  g_return_val_if_fail (DOSSIER_IS_REQUEST_LIST (self), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);

  return dossier_id_list_remove_by_id (&self->list, id);
}

/**
 * dossier_request_list_lookup:
 * @self: a #DossierRequestList
 * @id: a request id
 *
 * Returns: (transfer none) (nullable): the request with that id, in constant time
 */
DossierProductRequest *
dossier_request_list_lookup (DossierRequestList *self,
                            const char        *id)
{
  g_return_val_if_fail (DOSSIER_IS_REQUEST_LIST (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  return dossier_id_list_lookup (&self->list, id);
}
