/* dossier-timeline-view-filters.c — the timeline's filters: a strip of toggles, or one
 * menu button when the page is narrow
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An AdwSqueezer holds both and shows the strip while its natural width fits beside the
 * heading, else the menu button (libadwaita 1.2 has no breakpoints; the window folds its
 * panes the same way, by the width it is given). Both show the view's one filter state:
 * choosing in either sets it, and setting it moves both. The menu's radio items are on
 * the timeline.filter action, the view's filter property.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "dossier-timeline-view-private.h"

static const struct {
  const char            *label;
  DossierTimelineFilter  filter;
} filters[] = {
  { N_("All"), DOSSIER_TIMELINE_FILTER_ALL },
  { N_("Status"), DOSSIER_TIMELINE_FILTER_STATUS },
  { N_("Documents"), DOSSIER_TIMELINE_FILTER_DOCUMENTS },
  { N_("Problems"), DOSSIER_TIMELINE_FILTER_PROBLEMS },
  { N_("Notes"), DOSSIER_TIMELINE_FILTER_NOTES },
};

G_STATIC_ASSERT (G_N_ELEMENTS (filters) == DOSSIER_TIMELINE_N_FILTERS);

static void
filter_toggled_cb (GtkToggleButton     *button,
                   DossierTimelineView *self)
{
  if (gtk_toggle_button_get_active (button))
    dossier_timeline_view_set_filter (self, GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "filter")));
}

void
_dossier_timeline_view_show_filter (DossierTimelineView *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (filters); i++)
    if (filters[i].filter == self->filter)
      {
        gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (self->filter_buttons[i]), TRUE);
        gtk_menu_button_set_label (GTK_MENU_BUTTON (self->filter_menu_button), _(filters[i].label));
      }
}

static GtkWidget *
build_strip (DossierTimelineView *self)
{
  GtkWidget *strip = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkToggleButton *group = NULL;

  gtk_widget_add_css_class (strip, "linked");
  gtk_widget_set_valign (strip, GTK_ALIGN_CENTER);
  gtk_widget_set_halign (strip, GTK_ALIGN_END);
  for (guint i = 0; i < G_N_ELEMENTS (filters); i++)
    {
      GtkWidget *button = gtk_toggle_button_new_with_label (_(filters[i].label));

      g_object_set_data (G_OBJECT (button), "filter", GUINT_TO_POINTER (filters[i].filter));
      gtk_widget_add_css_class (button, "small-button");
      if (group != NULL)
        gtk_toggle_button_set_group (GTK_TOGGLE_BUTTON (button), group);
      else
        group = GTK_TOGGLE_BUTTON (button);
      gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (button), i == 0);
      g_signal_connect (button, "toggled", G_CALLBACK (filter_toggled_cb), self);
      gtk_box_append (GTK_BOX (strip), button);
      self->filter_buttons[i] = button;
    }
  return strip;
}

/* A menu button with one radio item per filter, on the view's timeline.filter action
 * (the filter property's): the button says which filter is on. */
static GtkWidget *
build_menu_button (DossierTimelineView *self)
{
  g_autoptr(GMenu) menu = g_menu_new ();
  GtkWidget *button = gtk_menu_button_new ();

  for (guint i = 0; i < G_N_ELEMENTS (filters); i++)
    {
      g_autoptr(GMenuItem) item = g_menu_item_new (_(filters[i].label), NULL);

      g_menu_item_set_action_and_target_value (item, "timeline.filter",
                                               g_variant_new_uint32 (filters[i].filter));
      g_menu_append_item (menu, item);
    }
  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (button), G_MENU_MODEL (menu));
  gtk_menu_button_set_label (GTK_MENU_BUTTON (button), _(filters[0].label));
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_halign (button, GTK_ALIGN_END);
  gtk_widget_set_tooltip_text (button, _("Show in the Timeline"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Show in the Timeline"), -1);
  return button;
}

GtkWidget *
_dossier_timeline_view_build_filters (DossierTimelineView *self)
{
  GtkWidget *squeezer = adw_squeezer_new ();

  self->filter_strip = build_strip (self);
  self->filter_menu_button = build_menu_button (self);
  /* The strip only when all of it fits; never a strip that scrolls sideways. */
  adw_squeezer_set_switch_threshold_policy (ADW_SQUEEZER (squeezer), ADW_FOLD_THRESHOLD_POLICY_NATURAL);
  adw_squeezer_set_homogeneous (ADW_SQUEEZER (squeezer), FALSE);
  adw_squeezer_set_xalign (ADW_SQUEEZER (squeezer), 1.0f);
  adw_squeezer_add (ADW_SQUEEZER (squeezer), self->filter_strip);
  adw_squeezer_add (ADW_SQUEEZER (squeezer), self->filter_menu_button);
  gtk_widget_set_valign (squeezer, GTK_ALIGN_CENTER);
  self->filter_squeezer = squeezer;
  return squeezer;
}
