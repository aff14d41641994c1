/* dossier-client-row.c — one client in the list: name, email, status line, waiting badge
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Kept light on purpose (four labels, no bindings): with 100 000 clients GTK hands these
 * rows new items on every keystroke, and each update is a handful of set_text calls.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "dossier-client-row.h"
#include "dossier-ui-closures.h"

struct _DossierClientRow
{
  GtkWidget          parent_instance;

  GtkWidget         *box;
  GtkLabel          *name_label;
  GtkLabel          *email_label;
  GtkLabel          *detail_label;
  GtkLabel          *badge;

  DossierClientItem *item;
  GSignalGroup      *item_signals;
  GSignalGroup      *client_signals;
};

G_DEFINE_FINAL_TYPE (DossierClientRow, dossier_client_row, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_ITEM,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static void
set_label (GtkLabel   *label,
           const char *text)
{
  if (g_strcmp0 (gtk_label_get_label (label), text) != 0)
    gtk_label_set_text (label, text);
}

static void
dossier_client_row_update (DossierClientRow *self)
{
  const DossierRequestSummary *summary;
  g_autofree char *name = NULL;
  g_autofree char *detail = NULL;
  DossierClient *client;
  gint64 now;

  if (self->item == NULL)
    return;

  client = dossier_client_item_get_client (self->item);
  summary = dossier_client_item_get_summary (self->item);
  now = g_get_real_time ();

  name = dossier_client_get_display_name (client);
  set_label (self->name_label, name);
  set_label (self->email_label, dossier_client_get_email (client));
  gtk_widget_set_visible (GTK_WIDGET (self->email_label),
                          *dossier_client_get_email (client) != '\0');
  detail = dossier_ui_format_row_detail (dossier_client_get_status (client), summary, now);
  set_label (self->detail_label, detail);

  if (summary != NULL && summary->n_open > 0)
    {
      g_autofree char *waiting = NULL;

      waiting = dossier_ui_format_waiting (dossier_request_summary_get_waiting_days (summary, now));
      set_label (self->badge, waiting);
      if (summary->n_waiting > 0)
        {
          gtk_widget_add_css_class (GTK_WIDGET (self->badge), "waiting-on-me");
          gtk_widget_set_tooltip_text (GTK_WIDGET (self->badge),
                                       _("Something is missing: this request waits on you"));
        }
      else
        {
          gtk_widget_remove_css_class (GTK_WIDGET (self->badge), "waiting-on-me");
          gtk_widget_set_tooltip_text (GTK_WIDGET (self->badge),
                                       _("In review: this request waits on the provider"));
        }
      gtk_widget_set_visible (GTK_WIDGET (self->badge), TRUE);
    }
  else
    gtk_widget_set_visible (GTK_WIDGET (self->badge), FALSE);
}

static void
dossier_client_row_dispose (GObject *object)
{
  DossierClientRow *self = DOSSIER_CLIENT_ROW (object);

  g_clear_object (&self->item);
  g_clear_object (&self->item_signals);
  g_clear_object (&self->client_signals);
  gtk_widget_dispose_template (GTK_WIDGET (self), DOSSIER_TYPE_CLIENT_ROW);

  G_OBJECT_CLASS (dossier_client_row_parent_class)->dispose (object);
}

static void
dossier_client_row_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  DossierClientRow *self = DOSSIER_CLIENT_ROW (object);

  switch (prop_id)
    {
    case PROP_ITEM:
      g_value_set_object (value, self->item);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dossier_client_row_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  DossierClientRow *self = DOSSIER_CLIENT_ROW (object);

  switch (prop_id)
    {
    case PROP_ITEM:
      dossier_client_row_set_item (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dossier_client_row_class_init (DossierClientRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dossier_client_row_dispose;
  object_class->get_property = dossier_client_row_get_property;
  object_class->set_property = dossier_client_row_set_property;

  properties[PROP_ITEM] =
    g_param_spec_object ("item", NULL, NULL, DOSSIER_TYPE_CLIENT_ITEM,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/dossier-client-row.ui");
  gtk_widget_class_bind_template_child (widget_class, DossierClientRow, box);
  gtk_widget_class_bind_template_child (widget_class, DossierClientRow, name_label);
  gtk_widget_class_bind_template_child (widget_class, DossierClientRow, email_label);
  gtk_widget_class_bind_template_child (widget_class, DossierClientRow, detail_label);
  gtk_widget_class_bind_template_child (widget_class, DossierClientRow, badge);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "dossier-client-row");
}

static void
dossier_client_row_init (DossierClientRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->item_signals = g_signal_group_new (DOSSIER_TYPE_CLIENT_ITEM);
  g_signal_group_connect_swapped (self->item_signals, "changed",
                                  G_CALLBACK (dossier_client_row_update), self);
  self->client_signals = g_signal_group_new (DOSSIER_TYPE_CLIENT);
  g_signal_group_connect_swapped (self->client_signals, "notify",
                                  G_CALLBACK (dossier_client_row_update), self);
}

/**
 * dossier_client_row_get_item:
 * @self: a #DossierClientRow
 *
 * Returns: (transfer none) (nullable): the item shown
 */
DossierClientItem *
dossier_client_row_get_item (DossierClientRow *self)
{
  g_return_val_if_fail (DOSSIER_IS_CLIENT_ROW (self), NULL);

  return self->item;
}

static void
item_client_changed_cb (DossierClientRow *self)
{
  g_signal_group_set_target (self->client_signals,
                             self->item != NULL ? dossier_client_item_get_client (self->item) : NULL);
}

void
dossier_client_row_set_item (DossierClientRow  *self,
                             DossierClientItem *item)
{
  g_return_if_fail (DOSSIER_IS_CLIENT_ROW (self));
  g_return_if_fail (!item || DOSSIER_IS_CLIENT_ITEM (item));

  if (self->item == item)
    return;

  if (self->item != NULL)
    g_signal_handlers_disconnect_by_func (self->item, item_client_changed_cb, self);
  g_set_object (&self->item, item);

  g_signal_group_set_target (self->item_signals, item);
  if (item != NULL)
    g_signal_connect_object (item, "notify::client", G_CALLBACK (item_client_changed_cb), self,
                             G_CONNECT_SWAPPED);
  item_client_changed_cb (self);
  dossier_client_row_update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ITEM]);
}
