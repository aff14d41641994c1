/* dossier-client-page-layout.c — the page at every width, and its keyboard
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * "Product Requests" and its line ("Status as the provider last reported it…") keep a
 * readable width beside "Request Product…" and Refresh; when the page is too narrow for
 * that (a phone, a window tiled to a third of the screen) the buttons go under the line,
 * at the start, so the heading is never cut and the line never becomes a column of
 * words. The layout is a pure function of the width given, as in the value rows
 * (dossier-value-row-layout.c): the height asked for a width is the height it gets.
 *
 * Rows that only show something (the client's details, "No product requests yet") are
 * no Tab stops: Tab goes from one thing that does something to the next, top to bottom
 * (the Copy button of the client ID is a stop of its own).
 */
#include "config.h"

#include "dossier-client-page-private.h"

/* The heading and its line need this much beside the buttons; less, and the buttons go
 * under them. */
#define MIN_TEXT_WIDTH 260
/* Between the text and the buttons, beside or under them. */
#define SPACING 12
#define STACKED_SPACING 6

static void
header_children (GtkWidget  *header,
                 GtkWidget **text,
                 GtkWidget **actions)
{
  *text = gtk_widget_get_first_child (header);
  *actions = gtk_widget_get_last_child (header);
}

static int
natural_width (GtkWidget *widget)
{
  int natural = 0;

  gtk_widget_measure (widget, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &natural, NULL, NULL);
  return natural;
}

static gboolean
is_stacked (GtkWidget *header,
            int        width)
{
  GtkWidget *text, *actions;

  if (width < 0)
    return FALSE;
  header_children (header, &text, &actions);
  return width - SPACING - natural_width (actions) < MIN (MIN_TEXT_WIDTH, natural_width (text));
}

static void
header_measure (GtkWidget      *header,
                GtkOrientation  orientation,
                int             for_size,
                int            *minimum,
                int            *natural,
                int            *minimum_baseline,
                int            *natural_baseline)
{
  GtkWidget *text, *actions;
  int text_min = 0, text_nat = 0, actions_min = 0, actions_nat = 0;

  header_children (header, &text, &actions);
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      /* At least what stacked needs; naturally side by side. */
      gtk_widget_measure (text, orientation, -1, &text_min, &text_nat, NULL, NULL);
      gtk_widget_measure (actions, orientation, -1, &actions_min, &actions_nat, NULL, NULL);
      *minimum = MAX (text_min, actions_min);
      *natural = text_nat + SPACING + actions_nat;
      return;
    }

  if (is_stacked (header, for_size))
    {
      gtk_widget_measure (text, orientation, for_size, &text_min, &text_nat, NULL, NULL);
      gtk_widget_measure (actions, orientation, -1, &actions_min, &actions_nat, NULL, NULL);
      *minimum = text_min + STACKED_SPACING + actions_min;
      *natural = text_nat + STACKED_SPACING + actions_nat;
      return;
    }

  {
    int actions_width = for_size >= 0 ? natural_width (actions) : -1;
    int text_width = for_size >= 0 ? MAX (0, for_size - SPACING - actions_width) : -1;

    gtk_widget_measure (text, orientation, text_width, &text_min, &text_nat, NULL, NULL);
    gtk_widget_measure (actions, orientation, actions_width, &actions_min, &actions_nat, NULL, NULL);
    *minimum = MAX (text_min, actions_min);
    *natural = MAX (text_nat, actions_nat);
  }
}

static void
header_allocate (GtkWidget *header,
                 int        width,
                 int        height,
                 int        baseline)
{
  GtkWidget *text, *actions;
  int actions_width = 0, actions_height = 0, text_height = 0;
  gboolean stacked = is_stacked (header, width);

  header_children (header, &text, &actions);
  /* For the style sheet and the tests: the state follows the layout. */
  if (stacked != gtk_widget_has_css_class (header, "dossier-stacked"))
    {
      if (stacked)
        gtk_widget_add_css_class (header, "dossier-stacked");
      else
        gtk_widget_remove_css_class (header, "dossier-stacked");
    }

  actions_width = MIN (width, natural_width (actions));
  gtk_widget_measure (actions, GTK_ORIENTATION_VERTICAL, actions_width, &actions_height, NULL, NULL, NULL);

  if (stacked)
    {
      gtk_widget_measure (text, GTK_ORIENTATION_VERTICAL, width, &text_height, NULL, NULL, NULL);
      gtk_widget_allocate (text, width, text_height, -1, NULL);
      /* Under the text, where a left-to-right reader's eye goes next. */
      gtk_widget_allocate (actions, actions_width, actions_height, -1,
                           gsk_transform_translate (NULL, &GRAPHENE_POINT_INIT (
                             gtk_widget_get_direction (header) == GTK_TEXT_DIR_RTL ? width - actions_width : 0,
                             text_height + STACKED_SPACING)));
      return;
    }

  gtk_widget_allocate (text, MAX (0, width - SPACING - actions_width), height, -1,
                       gtk_widget_get_direction (header) == GTK_TEXT_DIR_RTL
                       ? gsk_transform_translate (NULL, &GRAPHENE_POINT_INIT (actions_width + SPACING, 0))
                       : NULL);
  gtk_widget_allocate (actions, actions_width, MIN (height, actions_height), -1,
                       gsk_transform_translate (NULL, &GRAPHENE_POINT_INIT (
                         gtk_widget_get_direction (header) == GTK_TEXT_DIR_RTL ? 0 : width - actions_width,
                         MAX (0, (height - actions_height) / 2))));
}

static GtkSizeRequestMode
header_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

/* A row that only shows something: no Tab stop of its own (a button in it still is). */
void
_dossier_client_page_make_inert (GtkWidget *row)
{
  gtk_widget_set_focusable (row, FALSE);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
}

void
_dossier_client_page_set_requests_description (DossierClientPage *self,
                                               const char        *description)
{
  gtk_label_set_text (self->requests_description, description != NULL ? description : "");
  gtk_widget_set_visible (GTK_WIDGET (self->requests_description), description != NULL && *description != '\0');
}

void
_dossier_client_page_setup_layout (DossierClientPage *self)
{
  AdwActionRow *details[] = { self->id_row, self->status_row, self->email_row, self->phone_row,
                              self->birth_row, self->address_row, self->created_row, self->updated_row };

  gtk_widget_set_layout_manager (self->requests_header,
                                 gtk_custom_layout_new (header_request_mode, header_measure, header_allocate));
  for (guint i = 0; i < G_N_ELEMENTS (details); i++)
    _dossier_client_page_make_inert (GTK_WIDGET (details[i]));
}

/* ---- the keyboard ---------------------------------------------------------------- */

/* "Add Note…" lives on the timeline at the foot of the page; the window's shortcut
 * reaches it through the page. */
static void
add_note_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  DossierClientPage *self = DOSSIER_CLIENT_PAGE (widget);

  if (self->client != NULL)
    gtk_widget_activate_action (self->timeline_view, "timeline.add-note", NULL);
}

void
_dossier_client_page_class_init_shortcuts (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "client.add-note", NULL, add_note_action);
}
