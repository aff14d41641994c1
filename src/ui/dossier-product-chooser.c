/* dossier-product-chooser.c — "Request Product": which product to request for a client
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "dossier-known-ids.h"
#include "dossier-product-chooser.h"
#include "dossier-requirements.h"

struct _DossierProductChooser
{
  AdwWindow            parent_instance;

  AdwWindowTitle      *title;
  AdwPreferencesGroup *products_group;
  AdwPreferencesGroup *other_group;
  AdwEntryRow         *other_row;

  GPtrArray           *ids;    /* char * */
  GPtrArray           *rows;   /* AdwActionRow, parallel to ids */
  guint                chosen : 1;
};

G_DEFINE_FINAL_TYPE (DossierProductChooser, dossier_product_chooser, ADW_TYPE_WINDOW)

enum {
  SIGNAL_PRODUCT_CHOSEN,
  N_SIGNALS
};

static guint signals [N_SIGNALS];

/**
 * dossier_product_display_name:
 * @product_id: a product id
 * @server_name: (nullable): the name the server (or catalogue) gives it
 *
 * Returns: (transfer full): the name to show
 */
char *
dossier_product_display_name (const char *product_id,
                              const char *server_name)
{
  const char *known;

  g_return_val_if_fail (product_id != NULL, NULL);

  known = dossier_known_ids_product_name (product_id);
  if (known != NULL)
    return g_strdup (known);
  if (server_name != NULL && *server_name != '\0')
    return g_strdup (server_name);
  return dossier_requirements_humanise_id (product_id);
}

gboolean
dossier_product_id_is_valid (const char *text)
{
  if (text == NULL || *text == '\0' || !g_utf8_validate (text, -1, NULL))
    return FALSE;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c) || g_unichar_iscntrl (c) || c == '/' || c == '?' || c == '#')
        return FALSE;
    }

  return strlen (text) <= 128;
}

static void
dossier_product_chooser_dispose (GObject *object)
{
  DossierProductChooser *self = DOSSIER_PRODUCT_CHOOSER (object);

  g_clear_pointer (&self->ids, g_ptr_array_unref);
  g_clear_pointer (&self->rows, g_ptr_array_unref);

  G_OBJECT_CLASS (dossier_product_chooser_parent_class)->dispose (object);
}

static void
other_changed_cb (DossierProductChooser *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->other_row));
  gboolean valid = *text == '\0' || dossier_product_id_is_valid (text);

  if (valid)
    gtk_widget_remove_css_class (GTK_WIDGET (self->other_row), "error");
  else
    gtk_widget_add_css_class (GTK_WIDGET (self->other_row), "error");
}

static void
other_apply_cb (DossierProductChooser *self)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->other_row))));

  if (dossier_product_id_is_valid (text))
    dossier_product_chooser_choose (self, text);
  else
    gtk_widget_error_bell (GTK_WIDGET (self->other_row));
}

static void
row_activated_cb (DossierProductChooser *self,
                  AdwActionRow          *row)
{
  guint index;

  if (g_ptr_array_find (self->rows, row, &index))
    dossier_product_chooser_choose (self, g_ptr_array_index (self->ids, index));
}

static void
dossier_product_chooser_class_init (DossierProductChooserClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dossier_product_chooser_dispose;

  /**
   * DossierProductChooser::product-chosen:
   * @product_id: the product to request (or to open)
   */
  signals[SIGNAL_PRODUCT_CHOSEN] =
    g_signal_new ("product-chosen", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
dossier_product_chooser_init (DossierProductChooser *self)
{
  GtkWidget *toolbar = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *clamp = adw_clamp_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 24);

  self->ids = g_ptr_array_new_with_free_func (g_free);
  self->rows = g_ptr_array_new ();

  gtk_window_set_title (GTK_WINDOW (self), _("Request Product"));
  gtk_window_set_default_size (GTK_WINDOW (self), 420, 440);
  gtk_window_set_modal (GTK_WINDOW (self), TRUE);
  gtk_window_set_destroy_with_parent (GTK_WINDOW (self), TRUE);

  self->title = ADW_WINDOW_TITLE (adw_window_title_new (_("Request Product"), NULL));
  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header), GTK_WIDGET (self->title));
  gtk_box_append (GTK_BOX (toolbar), header);

  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_widget_set_vexpand (scrolled, TRUE);
  gtk_widget_set_margin_top (box, 24);
  gtk_widget_set_margin_bottom (box, 24);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);

  self->products_group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (self->products_group, _("Products"));
  adw_preferences_group_set_description (self->products_group,
                                         _("The provider lists what is still missing once the product is requested."));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->products_group));

  self->other_group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (self->other_group, _("Other Product"));
  adw_preferences_group_set_description (self->other_group,
                                         _("A subproduct ID the provider gave you, exactly as written."));
  self->other_row = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->other_row), _("Product ID"));
  adw_entry_row_set_show_apply_button (self->other_row, TRUE);
  gtk_editable_set_enable_undo (GTK_EDITABLE (self->other_row), TRUE);
  g_signal_connect_object (self->other_row, "changed", G_CALLBACK (other_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->other_row, "apply", G_CALLBACK (other_apply_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->other_row, "entry-activated", G_CALLBACK (other_apply_cb), self,
                           G_CONNECT_SWAPPED);
  adw_preferences_group_add (self->other_group, GTK_WIDGET (self->other_row));
  gtk_widget_set_visible (GTK_WIDGET (self->other_group), FALSE);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->other_group));

  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 560);
  adw_clamp_set_child (ADW_CLAMP (clamp), box);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), clamp);
  gtk_box_append (GTK_BOX (toolbar), scrolled);
  adw_window_set_content (ADW_WINDOW (self), toolbar);
}

/**
 * dossier_product_chooser_new:
 * @parent: (nullable): the window it belongs to
 * @client_name: (nullable): shown as the subtitle
 * @product_ids: (array zero-terminated=1): the products offered
 * @names: (array zero-terminated=1) (nullable): their catalogue names
 * @allow_other: whether any other product id may be typed
 *
 * Returns: (transfer floating): a new chooser
 */
DossierProductChooser *
dossier_product_chooser_new (GtkWindow          *parent,
                             const char         *client_name,
                             const char * const *product_ids,
                             const char * const *names,
                             gboolean            allow_other)
{
  DossierProductChooser *self = g_object_new (DOSSIER_TYPE_PRODUCT_CHOOSER,
                                              "transient-for", parent,
                                              NULL);
  gboolean names_done = names == NULL;

  adw_window_title_set_subtitle (self->title, client_name);
  gtk_widget_set_visible (GTK_WIDGET (self->other_group), allow_other);

  for (guint i = 0; product_ids != NULL && product_ids[i] != NULL; i++)
    {
      const char *server_name = NULL;
      g_autofree char *title = NULL;
      GtkWidget *row = adw_action_row_new ();

      if (!names_done)
        {
          server_name = names[i];
          names_done = names[i] == NULL;
        }
      title = dossier_product_display_name (product_ids[i], server_name);

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      /* The id is what the provider's documents and support use: on the row only when
       * the product has no name of its own (its title is then the id made readable),
       * else in the tooltip, out of the way. */
      if (dossier_known_ids_product_name (product_ids[i]) == NULL &&
          (server_name == NULL || *server_name == '\0'))
        adw_action_row_set_subtitle (ADW_ACTION_ROW (row), product_ids[i]);
      /* What the catalogue says the product asks for, in the user's language. */
      else if (dossier_known_ids_lookup_description (DOSSIER_KNOWN_ID_PRODUCT, product_ids[i]) != NULL)
        adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                                     dossier_known_ids_lookup_description (DOSSIER_KNOWN_ID_PRODUCT,
                                                                          product_ids[i]));
      gtk_widget_set_tooltip_text (row, product_ids[i]);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      g_signal_connect_object (row, "activated", G_CALLBACK (row_activated_cb), self, G_CONNECT_SWAPPED);
      adw_preferences_group_add (self->products_group, row);

      g_ptr_array_add (self->ids, g_strdup (product_ids[i]));
      g_ptr_array_add (self->rows, row);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->products_group), self->ids->len > 0);
  return self;
}

void
dossier_product_chooser_mark_open (DossierProductChooser *self,
                                   const char            *product_id,
                                   const char            *status_label)
{
  g_return_if_fail (DOSSIER_IS_PRODUCT_CHOOSER (self));
  g_return_if_fail (product_id != NULL);

  for (guint i = 0; i < self->ids->len; i++)
    if (g_str_equal (g_ptr_array_index (self->ids, i), product_id))
      {
        AdwActionRow *row = g_ptr_array_index (self->rows, i);
        /* Translators: the product already has a request: its status, e.g. "Pending documents" */
        g_autofree char *subtitle = g_strdup_printf (_("Already requested · %s · opens the request"),
                                                     status_label != NULL ? status_label : "");

        adw_action_row_set_subtitle (row, subtitle);
      }
}

guint
dossier_product_chooser_get_n_products (DossierProductChooser *self)
{
  g_return_val_if_fail (DOSSIER_IS_PRODUCT_CHOOSER (self), 0);

  return self->ids->len;
}

const char *
dossier_product_chooser_get_product_id (DossierProductChooser *self,
                                        guint                  index)
{
  g_return_val_if_fail (DOSSIER_IS_PRODUCT_CHOOSER (self), NULL);

  return index < self->ids->len ? g_ptr_array_index (self->ids, index) : NULL;
}

void
dossier_product_chooser_choose (DossierProductChooser *self,
                                const char            *product_id)
{
  g_autoptr(DossierProductChooser) hold = NULL;

  g_return_if_fail (DOSSIER_IS_PRODUCT_CHOOSER (self));
  g_return_if_fail (product_id != NULL);

  if (self->chosen)
    return;
  self->chosen = TRUE;

  hold = g_object_ref (self);
  g_signal_emit (self, signals[SIGNAL_PRODUCT_CHOSEN], 0, product_id);
  gtk_window_destroy (GTK_WINDOW (self));
}
