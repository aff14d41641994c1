/* dossier-value-row-layout.c — the editors beside the title, or under it when narrow
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A row lays its editors out beside its title while both fit, the title on one line and
 * room left for a message under it; on a narrow window (a phone, a window tiled to a
 * third of the screen) the editors go under the title and fill the row's width, so the
 * title and its message keep a readable line. The layout of AdwActionRow's header (its
 * title box, then its suffixes) is ours: a pure function of the width given, so the
 * height asked for a width is the height that width gets, and nothing is drawn squeezed.
 */
#include "config.h"

#include "dossier-value-row-private.h"

/* Room a title needs beside the editors for its message to read as a sentence, not a
 * column of words. */
#define MIN_TITLE_WIDTH 180
/* Between the title and the editors, beside or under it (Adwaita's row spacing). */
#define SPACING 6
/* Stacked, the title and the editors keep this far from the row's edges. */
#define STACKED_TOP 8
#define STACKED_BOTTOM 10

static DossierValueRow *
row_of (GtkWidget *header)
{
  return DOSSIER_VALUE_ROW (gtk_widget_get_parent (header));
}

static GtkWidget *
suffixes_of (DossierValueRow *self)
{
  return gtk_widget_get_parent (self->suffix);
}

static int
title_width (DossierValueRow *self)
{
  const char *title = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (self));
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), title);
  int width = 0;

  pango_layout_get_pixel_size (layout, &width, NULL);
  return width;
}

static int
natural_width (GtkWidget *widget)
{
  int natural = 0;

  gtk_widget_measure (widget, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &natural, NULL, NULL);
  return natural;
}

static gboolean
is_stacked (DossierValueRow *self,
            int              width)
{
  if (width < 0)
    return FALSE;
  return width - SPACING - natural_width (suffixes_of (self)) < MAX (title_width (self), MIN_TITLE_WIDTH);
}

/* The widths of the children laid side by side in @width: the suffixes at their natural
 * width (their minimum if that does not fit), the rest to the title's side. */
static void
side_by_side_widths (DossierValueRow *self,
                     int              width,
                     int             *suffixes_width)
{
  GtkWidget *suffixes = suffixes_of (self);
  int minimum = 0, natural = 0;

  gtk_widget_measure (suffixes, GTK_ORIENTATION_HORIZONTAL, -1, &minimum, &natural, NULL, NULL);
  *suffixes_width = natural;
  if (width - SPACING - natural < MIN_TITLE_WIDTH)
    *suffixes_width = MAX (minimum, width - SPACING - MIN_TITLE_WIDTH);
}

static void
measure (GtkWidget      *header,
         GtkOrientation  orientation,
         int             for_size,
         int            *minimum,
         int            *natural,
         int            *minimum_baseline,
         int            *natural_baseline)
{
  DossierValueRow *self = row_of (header);
  GtkWidget *suffixes = suffixes_of (self);
  int suffixes_width = 0;

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      /* At least what stacked needs; naturally everything on one line. */
      for (GtkWidget *child = gtk_widget_get_first_child (header); child != NULL;
           child = gtk_widget_get_next_sibling (child))
        {
          int child_min = 0, child_nat = 0;

          if (!gtk_widget_should_layout (child))
            continue;
          gtk_widget_measure (child, orientation, -1, &child_min, &child_nat, NULL, NULL);
          *minimum = MAX (*minimum, child_min);
          *natural += child_nat + (*natural > 0 ? SPACING : 0);
        }
      return;
    }

  if (is_stacked (self, for_size))
    {
      int top = 0, bottom = 0;

      for (GtkWidget *child = gtk_widget_get_first_child (header); child != NULL;
           child = gtk_widget_get_next_sibling (child))
        {
          int child_min = 0;

          if (!gtk_widget_should_layout (child))
            continue;
          gtk_widget_measure (child, orientation, for_size, &child_min, NULL, NULL, NULL);
          if (child == suffixes)
            bottom = child_min;
          else
            top = MAX (top, child_min);
        }
      *minimum = *natural = STACKED_TOP + top + SPACING + bottom + STACKED_BOTTOM;
      return;
    }

  if (for_size >= 0)
    side_by_side_widths (self, for_size, &suffixes_width);
  for (GtkWidget *child = gtk_widget_get_first_child (header); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      int child_min = 0, child_nat = 0;
      int child_width = -1;

      if (!gtk_widget_should_layout (child))
        continue;
      if (for_size >= 0)
        child_width = child == suffixes ? suffixes_width : MAX (0, for_size - SPACING - suffixes_width);
      gtk_widget_measure (child, orientation, child_width, &child_min, &child_nat, NULL, NULL);
      *minimum = MAX (*minimum, child_min);
      *natural = MAX (*natural, child_nat);
    }
}

static void
allocate (GtkWidget *header,
          int        width,
          int        height,
          int        baseline)
{
  DossierValueRow *self = row_of (header);
  GtkWidget *suffixes = suffixes_of (self);
  gboolean stacked = is_stacked (self, width);
  int suffixes_width = width;
  int top_height = 0;

  if (stacked != self->stacked)
    {
      /* For the style sheet and the tests: the state follows the layout, never leads it. */
      self->stacked = stacked;
      if (stacked)
        gtk_widget_add_css_class (GTK_WIDGET (self), "dossier-stacked");
      else
        gtk_widget_remove_css_class (GTK_WIDGET (self), "dossier-stacked");
    }

  if (stacked)
    {
      int bottom_height = 0;

      gtk_widget_measure (suffixes, GTK_ORIENTATION_VERTICAL, width, &bottom_height, NULL, NULL, NULL);
      top_height = height - STACKED_TOP - STACKED_BOTTOM - SPACING - bottom_height;
      for (GtkWidget *child = gtk_widget_get_first_child (header); child != NULL;
           child = gtk_widget_get_next_sibling (child))
        {
          if (!gtk_widget_should_layout (child))
            continue;
          if (child == suffixes)
            gtk_widget_allocate (child, width, bottom_height, -1,
                                 gsk_transform_translate (NULL, &GRAPHENE_POINT_INIT (0, STACKED_TOP + top_height + SPACING)));
          else
            gtk_widget_allocate (child, width, top_height, -1,
                                 gsk_transform_translate (NULL, &GRAPHENE_POINT_INIT (0, STACKED_TOP)));
        }
      return;
    }

  side_by_side_widths (self, width, &suffixes_width);
  for (GtkWidget *child = gtk_widget_get_first_child (header); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (!gtk_widget_should_layout (child))
        continue;
      if (child == suffixes)
        gtk_widget_allocate (child, suffixes_width, height, baseline,
                             gsk_transform_translate (NULL, &GRAPHENE_POINT_INIT (width - suffixes_width, 0)));
      else
        gtk_widget_allocate (child, MAX (0, width - SPACING - suffixes_width), height, baseline, NULL);
    }
}

static GtkSizeRequestMode
request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

/**
 * _dossier_value_row_setup_layout:
 * @self: a #DossierValueRow, its editors built
 *
 * Lays out AdwActionRow's header (the title box, then the suffixes with the editors)
 * beside or stacked. A header of another shape (another libadwaita) keeps its own layout.
 */
void
_dossier_value_row_setup_layout (DossierValueRow *self)
{
  GtkWidget *header = gtk_list_box_row_get_child (GTK_LIST_BOX_ROW (self));
  GtkWidget *suffixes = self->suffix != NULL ? gtk_widget_get_parent (self->suffix) : NULL;
  guint n_shown = 0;

  if (header == NULL || !GTK_IS_BOX (header) || suffixes == NULL || gtk_widget_get_parent (suffixes) != header
      || gtk_widget_get_last_child (header) != suffixes)
    return;
  for (GtkWidget *child = gtk_widget_get_first_child (header); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (gtk_widget_get_visible (child))
      n_shown++;
  /* The title box and the suffixes, no prefix or icon. */
  if (n_shown != 2)
    return;

  /* Under the title the editors fill the row; beside it they get their natural width. */
  gtk_widget_set_hexpand (self->suffix, TRUE);
  gtk_widget_set_hexpand (self->stretch, TRUE);
  gtk_widget_set_layout_manager (header, gtk_custom_layout_new (request_mode, measure, allocate));
}
