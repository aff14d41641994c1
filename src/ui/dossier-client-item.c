/* dossier-client-item.c — one position of the client list: a client and its badge facts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The filtered model keeps one item per position and hands it another client when the
 * search or the sort changes, so GTK keeps the row widget and only rebinds its labels.
 * One "changed" signal per change keeps a rebind to a single update of the row.
 */
#include "config.h"

#include "dossier-client-item.h"

struct _DossierClientItem
{
  GObject                parent_instance;

  DossierClient         *client;
  DossierRequestSummary *summary;
};

G_DEFINE_FINAL_TYPE (DossierClientItem, dossier_client_item, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CLIENT,
  PROP_SUMMARY,
  N_PROPS
};

enum {
  SIGNAL_CHANGED,
  N_SIGNALS
};

static GParamSpec *properties [N_PROPS];
static guint signals [N_SIGNALS];

static void
dossier_client_item_finalize (GObject *object)
{
  DossierClientItem *self = DOSSIER_CLIENT_ITEM (object);

  g_clear_object (&self->client);
  g_clear_pointer (&self->summary, dossier_request_summary_free);

  G_OBJECT_CLASS (dossier_client_item_parent_class)->finalize (object);
}

static void
dossier_client_item_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  DossierClientItem *self = DOSSIER_CLIENT_ITEM (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      g_value_set_object (value, self->client);
      break;

    case PROP_SUMMARY:
      g_value_set_boxed (value, self->summary);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dossier_client_item_class_init (DossierClientItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = dossier_client_item_finalize;
  object_class->get_property = dossier_client_item_get_property;

  properties[PROP_CLIENT] =
    g_param_spec_object ("client", NULL, NULL, DOSSIER_TYPE_CLIENT,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SUMMARY] =
    g_param_spec_boxed ("summary", NULL, NULL, DOSSIER_TYPE_REQUEST_SUMMARY,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * DossierClientItem::changed:
   *
   * The client or its summary changed (once per dossier_client_item_set()).
   */
  signals[SIGNAL_CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
dossier_client_item_init (DossierClientItem *self)
{
}

DossierClientItem *
dossier_client_item_new (DossierClient               *client,
                         const DossierRequestSummary *summary)
{
  DossierClientItem *self;

  g_return_val_if_fail (DOSSIER_IS_CLIENT (client), NULL);

  self = g_object_new (DOSSIER_TYPE_CLIENT_ITEM, NULL);
  self->client = g_object_ref (client);
  self->summary = summary != NULL ? dossier_request_summary_copy (summary) : NULL;
  return self;
}

/**
 * dossier_client_item_get_client:
 * @self: a #DossierClientItem
 *
 * Returns: (transfer none): the client at this position
 */
DossierClient *
dossier_client_item_get_client (DossierClientItem *self)
{
  g_return_val_if_fail (DOSSIER_IS_CLIENT_ITEM (self), NULL);

  return self->client;
}

/**
 * dossier_client_item_get_summary:
 * @self: a #DossierClientItem
 *
 * Returns: (transfer none) (nullable): what is known of the client's requests
 */
const DossierRequestSummary *
dossier_client_item_get_summary (DossierClientItem *self)
{
  g_return_val_if_fail (DOSSIER_IS_CLIENT_ITEM (self), NULL);

  return self->summary;
}

/**
 * dossier_client_item_set:
 * @self: a #DossierClientItem
 * @client: the client now at this position
 * @summary: (nullable): what is known of its requests (copied)
 *
 * Notifies and emits #DossierClientItem::changed only when something changed.
 */
void
dossier_client_item_set (DossierClientItem           *self,
                         DossierClient               *client,
                         const DossierRequestSummary *summary)
{
  gboolean client_changed;
  gboolean summary_changed;

  g_return_if_fail (DOSSIER_IS_CLIENT_ITEM (self));
  g_return_if_fail (DOSSIER_IS_CLIENT (client));

  client_changed = client != self->client;
  summary_changed = !dossier_request_summary_equal (summary, self->summary);
  if (!client_changed && !summary_changed)
    return;

  if (client_changed)
    g_set_object (&self->client, client);
  if (summary_changed)
    {
      g_clear_pointer (&self->summary, dossier_request_summary_free);
      self->summary = summary != NULL ? dossier_request_summary_copy (summary) : NULL;
    }

  g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
  if (client_changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CLIENT]);
  if (summary_changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SUMMARY]);
}
