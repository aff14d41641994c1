/* dossier-choice-strip.c — one choice among a few: linked toggles, or a drop-down when
 * they do not fit
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A few alternatives read best side by side ("Passport | National ID | Driver's
 * License"), but side by side they can ask for more than a phone's width, the more so
 * in Spanish. An AdwSqueezer holds the linked toggles and a drop-down with the same
 * choices, and shows the toggles while their natural width fits, the drop-down (its
 * value shortened with "…" if it must) otherwise; both always show the same choice.
 * Nothing here forces a window wider than the drop-down's arrow and a few letters.
 */
#include "config.h"

#include "dossier-choice-strip.h"

struct _DossierChoiceStrip
{
  GtkWidget  parent_instance;

  GtkWidget *squeezer;
  GtkWidget *toggles;   /* GtkBox.linked of GtkToggleButton */
  GtkWidget *dropdown;
  GStrv      ids;
  char      *selected_id;
  guint      updating;
};

G_DEFINE_FINAL_TYPE (DossierChoiceStrip, dossier_choice_strip, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SELECTED_ID,
  PROP_COMPACT,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static guint
index_of (DossierChoiceStrip *self,
          const char         *id)
{
  for (guint i = 0; id != NULL && self->ids != NULL && self->ids[i] != NULL; i++)
    if (g_str_equal (self->ids[i], id))
      return i;
  return GTK_INVALID_LIST_POSITION;
}

/* Both faces show @position; nothing said while they follow. */
static void
show_position (DossierChoiceStrip *self,
               guint               position)
{
  guint i = 0;

  self->updating++;
  for (GtkWidget *child = gtk_widget_get_first_child (self->toggles); child != NULL;
       child = gtk_widget_get_next_sibling (child), i++)
    gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (child), i == position);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (self->dropdown), position);
  self->updating--;
}

static void
choose (DossierChoiceStrip *self,
        guint               position)
{
  const char *id = self->ids != NULL && position < g_strv_length (self->ids) ? self->ids[position] : NULL;

  show_position (self, position);
  if (g_strcmp0 (id, self->selected_id) == 0)
    return;
  g_free (self->selected_id);
  self->selected_id = g_strdup (id);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED_ID]);
}

static void
toggled_cb (GtkToggleButton    *button,
            DossierChoiceStrip *self)
{
  guint i = 0;

  if (self->updating > 0 || !gtk_toggle_button_get_active (button))
    return;
  for (GtkWidget *child = gtk_widget_get_first_child (self->toggles); child != NULL;
       child = gtk_widget_get_next_sibling (child), i++)
    if (child == GTK_WIDGET (button))
      choose (self, i);
}

static void
selected_cb (GtkDropDown        *dropdown,
             GParamSpec         *pspec,
             DossierChoiceStrip *self)
{
  if (self->updating == 0 && gtk_drop_down_get_selected (dropdown) != GTK_INVALID_LIST_POSITION)
    choose (self, gtk_drop_down_get_selected (dropdown));
}

static void
visible_child_cb (DossierChoiceStrip *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COMPACT]);
}

/* The drop-down's button: the value shortened with "…" when the row is narrow. */
static void
setup_label_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_list_item_set_child (item, label);
}

static void
bind_label_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item)
{
  const char *text = gtk_string_object_get_string (gtk_list_item_get_item (item));

  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (item)), text);
  gtk_widget_set_tooltip_text (gtk_list_item_get_child (item), text);
}

static void
dossier_choice_strip_dispose (GObject *object)
{
  DossierChoiceStrip *self = DOSSIER_CHOICE_STRIP (object);

  g_clear_pointer (&self->squeezer, gtk_widget_unparent);
  g_clear_pointer (&self->ids, g_strfreev);
  g_clear_pointer (&self->selected_id, g_free);

  G_OBJECT_CLASS (dossier_choice_strip_parent_class)->dispose (object);
}

static void
dossier_choice_strip_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  DossierChoiceStrip *self = DOSSIER_CHOICE_STRIP (object);

  switch (prop_id)
    {
    case PROP_SELECTED_ID:
      g_value_set_string (value, self->selected_id);
      break;

    case PROP_COMPACT:
      g_value_set_boolean (value, dossier_choice_strip_get_compact (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dossier_choice_strip_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  DossierChoiceStrip *self = DOSSIER_CHOICE_STRIP (object);

  switch (prop_id)
    {
    case PROP_SELECTED_ID:
      dossier_choice_strip_set_selected_id (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dossier_choice_strip_class_init (DossierChoiceStripClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dossier_choice_strip_dispose;
  object_class->get_property = dossier_choice_strip_get_property;
  object_class->set_property = dossier_choice_strip_set_property;

  properties[PROP_SELECTED_ID] =
    g_param_spec_string ("selected-id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_COMPACT] =
    g_param_spec_boolean ("compact", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
dossier_choice_strip_init (DossierChoiceStrip *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  self->toggles = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  gtk_widget_add_css_class (self->toggles, "linked");
  gtk_widget_set_hexpand (self->toggles, TRUE);

  self->dropdown = gtk_drop_down_new (NULL, NULL);
  g_signal_connect (factory, "setup", G_CALLBACK (setup_label_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_label_cb), NULL);
  gtk_drop_down_set_factory (GTK_DROP_DOWN (self->dropdown), factory);
  gtk_widget_set_hexpand (self->dropdown, TRUE);
  g_signal_connect (self->dropdown, "notify::selected", G_CALLBACK (selected_cb), self);

  self->squeezer = adw_squeezer_new ();
  adw_squeezer_set_homogeneous (ADW_SQUEEZER (self->squeezer), FALSE);
  adw_squeezer_set_switch_threshold_policy (ADW_SQUEEZER (self->squeezer), ADW_FOLD_THRESHOLD_POLICY_NATURAL);
  adw_squeezer_set_transition_type (ADW_SQUEEZER (self->squeezer), ADW_SQUEEZER_TRANSITION_TYPE_NONE);
  adw_squeezer_add (ADW_SQUEEZER (self->squeezer), self->toggles);
  adw_squeezer_add (ADW_SQUEEZER (self->squeezer), self->dropdown);
  g_signal_connect_swapped (self->squeezer, "notify::visible-child", G_CALLBACK (visible_child_cb), self);
  gtk_widget_set_parent (self->squeezer, GTK_WIDGET (self));
}

GtkWidget *
dossier_choice_strip_new (void)
{
  return g_object_new (DOSSIER_TYPE_CHOICE_STRIP, NULL);
}

void
dossier_choice_strip_set_choices (DossierChoiceStrip *self,
                                  const char * const *ids,
                                  const char * const *labels)
{
  g_autoptr(GtkStringList) strings = NULL;
  GtkToggleButton *first = NULL;
  GtkWidget *child;
  guint position;

  g_return_if_fail (DOSSIER_IS_CHOICE_STRIP (self));
  g_return_if_fail (ids != NULL && labels != NULL);
  g_return_if_fail (g_strv_length ((GStrv) ids) == g_strv_length ((GStrv) labels));

  self->updating++;
  while ((child = gtk_widget_get_first_child (self->toggles)) != NULL)
    gtk_box_remove (GTK_BOX (self->toggles), child);
  for (guint i = 0; labels[i] != NULL; i++)
    {
      GtkWidget *button = gtk_toggle_button_new_with_label (labels[i]);

      gtk_widget_set_hexpand (button, TRUE);
      if (first != NULL)
        gtk_toggle_button_set_group (GTK_TOGGLE_BUTTON (button), first);
      else
        first = GTK_TOGGLE_BUTTON (button);
      g_signal_connect (button, "toggled", G_CALLBACK (toggled_cb), self);
      gtk_box_append (GTK_BOX (self->toggles), button);
    }
  strings = gtk_string_list_new (labels);
  gtk_drop_down_set_model (GTK_DROP_DOWN (self->dropdown), G_LIST_MODEL (strings));
  g_strfreev (self->ids);
  self->ids = g_strdupv ((GStrv) ids);
  self->updating--;

  position = index_of (self, self->selected_id);
  choose (self, position != GTK_INVALID_LIST_POSITION ? position : 0);
}

const char *
dossier_choice_strip_get_selected_id (DossierChoiceStrip *self)
{
  g_return_val_if_fail (DOSSIER_IS_CHOICE_STRIP (self), NULL);

  return self->selected_id;
}

void
dossier_choice_strip_set_selected_id (DossierChoiceStrip *self,
                                      const char         *id)
{
  guint position;

  g_return_if_fail (DOSSIER_IS_CHOICE_STRIP (self));

  position = index_of (self, id);
  if (position != GTK_INVALID_LIST_POSITION)
    choose (self, position);
}

gboolean
dossier_choice_strip_get_compact (DossierChoiceStrip *self)
{
  g_return_val_if_fail (DOSSIER_IS_CHOICE_STRIP (self), FALSE);

  return adw_squeezer_get_visible_child (ADW_SQUEEZER (self->squeezer)) == self->dropdown;
}
