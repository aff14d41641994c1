/* dossier-client-list.c — the GListModel of clients, merged in place (STYLE.md §3.8)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Belongs to the main thread. A refresh goes through dossier_client_list_merge(): clients
 * already shown are updated in place and only the regions that changed are spliced.
 */
#include "config.h"

#include "dossier-client-list.h"
#include "dossier-client-private.h"
#include "dossier-list-merge-private.h"

struct _DossierClientList
{
  GObject       parent_instance;

  DossierIdList list;
};

static void dossier_client_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (DossierClientList, dossier_client_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, dossier_client_list_model_init))

enum {
  PROP_0,
  PROP_N_ITEMS,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static GType
dossier_client_list_get_item_type (GListModel *model)
{
  return DOSSIER_TYPE_CLIENT;
}

static guint
dossier_client_list_get_n_items (GListModel *model)
{
  return dossier_id_list_get_n_items (&DOSSIER_CLIENT_LIST (model)->list);
}

static gpointer
dossier_client_list_get_item (GListModel *model,
                              guint       position)
{
  return dossier_id_list_get_item (&DOSSIER_CLIENT_LIST (model)->list, position);
}

static void
dossier_client_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = dossier_client_list_get_item_type;
  iface->get_n_items = dossier_client_list_get_n_items;
  iface->get_item = dossier_client_list_get_item;
}

static void
dossier_client_list_finalize (GObject *object)
{
  DossierClientList *self = (DossierClientList *)object;

  dossier_id_list_clear (&self->list);

  G_OBJECT_CLASS (dossier_client_list_parent_class)->finalize (object);
}

static void
dossier_client_list_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  DossierClientList *self = DOSSIER_CLIENT_LIST (object);

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
dossier_client_list_class_init (DossierClientListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = dossier_client_list_finalize;
  object_class->get_property = dossier_client_list_get_property;

  properties[PROP_N_ITEMS] = dossier_id_list_param_spec_n_items ();

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static const char *
client_get_id (gpointer item)
{
  return dossier_client_get_id (item);
}

static gboolean
client_update_from (gpointer item,
                    gpointer newer)
{
  return dossier_client_update_from (item, newer);
}

static guint64
client_fingerprint (gpointer item)
{
  return _dossier_client_get_fingerprint (item);
}

static const DossierListMergeFuncs client_funcs = {
  client_get_id,
  client_update_from,
  client_fingerprint,
};

static void
dossier_client_list_init (DossierClientList *self)
{
  dossier_id_list_init (&self->list, G_LIST_MODEL (self), &client_funcs, properties[PROP_N_ITEMS]);
}

DossierClientList *
dossier_client_list_new (void)
{
  return g_object_new (DOSSIER_TYPE_CLIENT_LIST, NULL);
}

/**
 * dossier_client_list_merge:
 * @self: a #DossierClientList
 * @clients: (element-type DossierClient): the server's list, in server order
 *
 * Makes the model equal to @clients: clients already present (same id) are updated in place
 * and keep their identity; new ones are inserted, missing ones removed, with one
 * `items-changed` per edited region (never clear-and-refill). Clients without an id are
 * ignored.
 */
void
dossier_client_list_merge (DossierClientList *self,
                           GPtrArray         *clients)
{
  g_return_if_fail (DOSSIER_IS_CLIENT_LIST (self));

  dossier_id_list_merge (&self->list, clients);
}

/**
 * dossier_client_list_add:
 * @self: a #DossierClientList
 * @client: a client with an id, e.g. the answer of a create
 *
 * Appends @client, or updates the client with the same id in place.
 */
void
dossier_client_list_add (DossierClientList *self,
                         DossierClient     *client)
{
  g_return_if_fail (DOSSIER_IS_CLIENT_LIST (self));
  g_return_if_fail (DOSSIER_IS_CLIENT (client));
  g_return_if_fail (dossier_client_get_id (client) != NULL);

  dossier_id_list_add (&self->list, client);
}

/**
 * dossier_client_list_remove_by_id:
 * @self: a #DossierClientList
 * @id: a client id
 *
 * Returns: whether a client was removed
 */
gboolean
dossier_client_list_remove_by_id (DossierClientList *self,
                                  const char        *id)
{
  g_return_val_if_fail (DOSSIER_IS_CLIENT_LIST (self), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);

  return dossier_id_list_remove_by_id (&self->list, id);
}

/**
 * dossier_client_list_lookup:
 * @self: a #DossierClientList
 * @id: a client id
 *
 * Returns: (transfer none) (nullable): the client with that id, in constant time
 */
DossierClient *
dossier_client_list_lookup (DossierClientList *self,
                            const char        *id)
{
  g_return_val_if_fail (DOSSIER_IS_CLIENT_LIST (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  return dossier_id_list_lookup (&self->list, id);
}
