/* dossier-value-row-editors.c — the editor of each data type
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One factory keyed on the data type (CONTRACT.md §12.3): an entry for STRING, EMAIL and
 * any type Dossier does not know; calling code + number for PHONE (the code prefilled
 * from the client's country by the form); an entry in the locale's short date format
 * plus a calendar for DATE; a right-aligned entry that reads the locale's separators for
 * NUMBER; the iso-codes list, searchable, for COUNTRY; the allowed values, named through
 * the table of known ids, for ENUM. Every editor is labelled for assistive technologies.
 * Entries and lists give way on a phone's width (a shorter entry, a list's value cut
 * with "…"), and a list chooses the item Enter is pressed on.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "dossier-countries.h"
#include "dossier-known-ids.h"
#include "dossier-value-row-private.h"

static void
label_editor (DossierValueRow *self,
              GtkWidget       *editor,
              const char      *label)
{
  gtk_accessible_update_property (GTK_ACCESSIBLE (editor),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  GTK_ACCESSIBLE_PROPERTY_REQUIRED, self->required,
                                  -1);
}

/* Enter in a field moves on to the next one, as Tab does, and from the last field of
 * a form to its button (Enter there saves): what was typed stays where it was. */
static void
entry_activate_cb (GtkWidget *entry)
{
  GtkRoot *root = gtk_widget_get_root (entry);

  if (root != NULL)
    gtk_widget_child_focus (GTK_WIDGET (root), GTK_DIR_TAB_FORWARD);
}

/* An entry as wide as @natural_chars characters where there is room, down to
 * @min_chars on a narrow window (a phone): the row never forces its window wider. */
static GtkWidget *
add_entry (DossierValueRow *self,
           int              min_chars,
           int              natural_chars)
{
  GtkWidget *entry = gtk_entry_new ();

  gtk_editable_set_width_chars (GTK_EDITABLE (entry), min_chars);
  gtk_editable_set_max_width_chars (GTK_EDITABLE (entry), natural_chars);
  gtk_widget_set_valign (entry, GTK_ALIGN_CENTER);
  g_signal_connect_object (entry, "changed", G_CALLBACK (_dossier_value_row_edited), self, G_CONNECT_SWAPPED);
  g_signal_connect (entry, "activate", G_CALLBACK (entry_activate_cb), NULL);
  return entry;
}

static void
day_selected_cb (DossierValueRow *self)
{
  g_autoptr(GDateTime) chosen = gtk_calendar_get_date (GTK_CALENDAR (self->calendar));
  g_autofree char *text = NULL;
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, g_date_time_get_day_of_month (chosen), g_date_time_get_month (chosen),
                  g_date_time_get_year (chosen));
  text = _dossier_value_row_format_date (&date);
  gtk_editable_set_text (GTK_EDITABLE (self->entry), text);
  gtk_menu_button_popdown (GTK_MENU_BUTTON (self->calendar_button));
}

/* The calendar opens on the typed date, or today. */
static void
calendar_show_cb (DossierValueRow *self)
{
  g_autoptr(GDateTime) shown = NULL;
  GDate date;

  if (_dossier_value_row_parse_date (_dossier_value_row_entry_text (self->entry), &date))
    shown = g_date_time_new_local (g_date_get_year (&date), g_date_get_month (&date),
                                   g_date_get_day (&date), 12, 0, 0);
  else
    shown = g_date_time_new_now_local ();

  g_signal_handlers_block_by_func (self->calendar, day_selected_cb, self);
  gtk_calendar_select_day (GTK_CALENDAR (self->calendar), shown);
  g_signal_handlers_unblock_by_func (self->calendar, day_selected_cb, self);
}

/* The keyboard goes to the open calendar: arrows move, Space picks, Escape leaves. */
static void
calendar_map_cb (DossierValueRow *self)
{
  gtk_widget_grab_focus (self->calendar);
}

/* Closed, by a pick or by Escape, the calendar gives the keyboard back to the entry. */
static void
calendar_closed_cb (DossierValueRow *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  if (focus == NULL || focus == self->calendar || gtk_widget_is_ancestor (focus, self->calendar_button))
    gtk_widget_grab_focus (self->entry);
}

/* Alt+Down in the date's entry opens the calendar. */
static gboolean
open_calendar_cb (GtkWidget *entry,
                  GVariant  *args,
                  gpointer   user_data)
{
  DossierValueRow *self = user_data;

  if (!gtk_widget_is_sensitive (self->calendar_button) || !gtk_editable_get_editable (GTK_EDITABLE (entry)))
    return FALSE;
  gtk_menu_button_popup (GTK_MENU_BUTTON (self->calendar_button));
  return TRUE;
}

static void
build_date (DossierValueRow *self)
{
  GtkWidget *popover = gtk_popover_new ();
  g_autofree char *pattern = _dossier_value_row_date_pattern ();
  g_autofree char *button_label = NULL;
  GtkEventController *shortcuts = gtk_shortcut_controller_new ();

  self->entry = add_entry (self, 10, 14);
  /* The format, never a sample date that could be read as someone's. */
  gtk_entry_set_placeholder_text (GTK_ENTRY (self->entry), pattern);
  adw_action_row_add_suffix (ADW_ACTION_ROW (self), self->entry);
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Down, GDK_ALT_MASK),
                                                          gtk_callback_action_new (open_calendar_cb, self, NULL)));
  gtk_widget_add_controller (self->entry, shortcuts);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->entry),
                                  GTK_ACCESSIBLE_PROPERTY_KEY_SHORTCUTS, "Alt+Down", -1);

  self->calendar = gtk_calendar_new ();
  gtk_popover_set_child (GTK_POPOVER (popover), self->calendar);
  self->calendar_button = gtk_menu_button_new ();
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (self->calendar_button), popover);
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (self->calendar_button), "x-office-calendar-symbolic");
  gtk_widget_set_valign (self->calendar_button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (self->calendar_button, "flat");
  /* One Tab stop per field: the entry's Alt+Down opens the calendar from the keyboard
   * (the menu button's own button, not the calendar in its popover, leaves the chain). */
  for (GtkWidget *child = gtk_widget_get_first_child (self->calendar_button); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_BUTTON (child))
      gtk_widget_set_focusable (child, FALSE);
  gtk_widget_set_tooltip_text (self->calendar_button, _("Choose From a Calendar (Alt+Down)"));
  /* Translators: the accessible name of a calendar button; %s is a field's name */
  button_label = g_strdup_printf (_("Choose %s from a calendar"), self->label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->calendar_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, button_label, -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->calendar),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, self->label, -1);
  g_signal_connect_object (popover, "show", G_CALLBACK (calendar_show_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (popover, "map", G_CALLBACK (calendar_map_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (popover, "closed", G_CALLBACK (calendar_closed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->calendar, "day-selected", G_CALLBACK (day_selected_cb), self,
                           G_CONNECT_SWAPPED);
  adw_action_row_add_suffix (ADW_ACTION_ROW (self), self->calendar_button);
}

/* The "+" is shown before the entry: one typed or pasted in front goes. */
static void
code_changed_cb (GtkEditable     *editable,
                 DossierValueRow *self)
{
  const char *text = gtk_editable_get_text (editable);

  if (text[0] == '+')
    {
      g_autofree char *rest = g_strdup (text + 1);

      gtk_editable_set_text (editable, rest);
      return;
    }
  _dossier_value_row_edited (self);
}

static void
build_phone (DossierValueRow *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *plus = gtk_label_new ("+");
  g_autofree char *code_label = NULL;

  self->code_entry = add_entry (self, 3, 4);
  g_signal_handlers_disconnect_by_func (self->code_entry, _dossier_value_row_edited, self);
  g_signal_connect_object (self->code_entry, "changed", G_CALLBACK (code_changed_cb), self, 0);
  gtk_entry_set_max_length (GTK_ENTRY (self->code_entry), 4);
  gtk_entry_set_input_purpose (GTK_ENTRY (self->code_entry), GTK_INPUT_PURPOSE_DIGITS);
  /* Translators: placeholder of a phone's calling code entry, e.g. 54 */
  gtk_entry_set_placeholder_text (GTK_ENTRY (self->code_entry), _("Code"));
  gtk_widget_set_tooltip_text (self->code_entry, _("Calling code, such as 54"));
  /* Translators: the accessible name of a phone's calling code; %s is the field's name */
  code_label = g_strdup_printf (_("Calling code of %s"), self->label);
  label_editor (self, self->code_entry, code_label);

  self->entry = add_entry (self, 8, 16);
  gtk_entry_set_input_purpose (GTK_ENTRY (self->entry), GTK_INPUT_PURPOSE_PHONE);
  /* Translators: placeholder of a phone's national number */
  gtk_entry_set_placeholder_text (GTK_ENTRY (self->entry), _("Number"));

  gtk_widget_add_css_class (plus, "dim-label");
  gtk_widget_set_valign (box, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (box), plus);
  gtk_box_append (GTK_BOX (box), self->code_entry);
  gtk_box_append (GTK_BOX (box), self->entry);
  adw_action_row_add_suffix (ADW_ACTION_ROW (self), box);
  self->suffix = box;
}

/* GTK 4.8 shows "(None)" in a drop-down with nothing chosen: an invitation reads better. */
static void
set_empty_text (GtkWidget  *widget,
                const char *text)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_STACK (child))
        {
          GtkWidget *empty = gtk_stack_get_child_by_name (GTK_STACK (child), "empty");

          if (GTK_IS_LABEL (empty))
            {
              gtk_label_set_text (GTK_LABEL (empty), text);
              gtk_widget_add_css_class (empty, "dim-label");
            }
          return;
        }
      if (!GTK_IS_POPOVER (child))
        set_empty_text (child, text);
    }
}

static GtkWidget *
find_list_view (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = GTK_IS_LIST_VIEW (child) ? child : find_list_view (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* An item of the open list activated (Enter on the highlighted item, or a click): it is
 * the choice. GTK 4.8 chooses only what the list selected, and the first item is
 * highlighted, not selected, when the list opens: Enter on it closed the list and left
 * "Choose…". The list may show a filtered part of the model (a search): the item is
 * found in the whole model. */
static void
list_activated_cb (GtkListView *list_view,
                   guint        position,
                   GtkDropDown *dropdown)
{
  GListModel *shown = G_LIST_MODEL (gtk_list_view_get_model (list_view));
  GListModel *model = gtk_drop_down_get_model (dropdown);
  g_autoptr(GObject) item = shown != NULL ? g_list_model_get_item (shown, position) : NULL;

  if (item == NULL || model == NULL)
    return;
  if (gtk_drop_down_get_selected_item (dropdown) == (gpointer) item)
    return;
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GObject) candidate = g_list_model_get_item (model, i);

      if (candidate == item)
        {
          gtk_drop_down_set_selected (dropdown, i);
          return;
        }
    }
}

/* A long value chosen shows shortened on the button (the whole of it in the open list
 * and the tooltip): the row never grows wider than a phone's window. */
static void
setup_button_label_cb (GtkSignalListItemFactory *factory,
                       GtkListItem              *item)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_list_item_set_child (item, label);
}

static void
bind_button_label_cb (GtkSignalListItemFactory *factory,
                      GtkListItem              *item)
{
  GtkWidget *label = gtk_list_item_get_child (item);
  const char *text = gtk_string_object_get_string (gtk_list_item_get_item (item));

  gtk_label_set_text (GTK_LABEL (label), text);
  gtk_widget_set_tooltip_text (label, text);
}

/* In the open list (a popover, which may be wider than a narrow window): the whole
 * value, and the check mark of the chosen one, as GTK's own list shows it. */
static void
update_check_cb (GtkDropDown *dropdown,
                 GParamSpec  *pspec,
                 GtkListItem *item)
{
  GtkWidget *check = gtk_widget_get_last_child (gtk_list_item_get_child (item));

  gtk_widget_set_opacity (check, gtk_list_item_get_item (item) != NULL
                                 && gtk_drop_down_get_selected_item (dropdown) == gtk_list_item_get_item (item)
                                 ? 1.0 : 0.0);
}

static void
setup_list_label_cb (GtkSignalListItemFactory *factory,
                     GtkListItem              *item)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 10);
  GtkWidget *label = gtk_label_new (NULL);
  GtkWidget *check = gtk_image_new_from_icon_name ("object-select-symbolic");

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), check);
  gtk_list_item_set_child (item, box);
}

static void
bind_list_label_cb (GtkSignalListItemFactory *factory,
                    GtkListItem              *item,
                    GtkDropDown              *dropdown)
{
  GtkWidget *label = gtk_widget_get_first_child (gtk_list_item_get_child (item));

  gtk_label_set_text (GTK_LABEL (label), gtk_string_object_get_string (gtk_list_item_get_item (item)));
  g_signal_connect (dropdown, "notify::selected-item", G_CALLBACK (update_check_cb), item);
  update_check_cb (dropdown, NULL, item);
}

static void
unbind_list_label_cb (GtkSignalListItemFactory *factory,
                      GtkListItem              *item,
                      GtkDropDown              *dropdown)
{
  g_signal_handlers_disconnect_by_func (dropdown, update_check_cb, item);
}

static void
set_factories (GtkWidget *dropdown)
{
  g_autoptr(GtkListItemFactory) button_factory = gtk_signal_list_item_factory_new ();
  g_autoptr(GtkListItemFactory) list_factory = gtk_signal_list_item_factory_new ();
  GtkWidget *list_view;

  g_signal_connect (button_factory, "setup", G_CALLBACK (setup_button_label_cb), NULL);
  g_signal_connect (button_factory, "bind", G_CALLBACK (bind_button_label_cb), NULL);
  /* The factories live no longer than the drop-down that holds them. */
  g_signal_connect (list_factory, "setup", G_CALLBACK (setup_list_label_cb), NULL);
  g_signal_connect (list_factory, "bind", G_CALLBACK (bind_list_label_cb), dropdown);
  g_signal_connect (list_factory, "unbind", G_CALLBACK (unbind_list_label_cb), dropdown);
  gtk_drop_down_set_factory (GTK_DROP_DOWN (dropdown), button_factory);
  gtk_drop_down_set_list_factory (GTK_DROP_DOWN (dropdown), list_factory);

  list_view = find_list_view (dropdown);
  if (list_view != NULL)
    g_signal_connect_object (list_view, "activate", G_CALLBACK (list_activated_cb), dropdown, 0);
}

static GtkWidget *
build_dropdown (DossierValueRow *self)
{
  GtkWidget *dropdown;
  GtkExpression *expression = gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL, "string");

  if (self->data_type == DOSSIER_DATA_TYPE_COUNTRY)
    {
      DossierCountries *countries = dossier_countries_get_default ();

      dropdown = gtk_drop_down_new (g_object_ref (dossier_countries_get_model (countries)), expression);
      gtk_drop_down_set_enable_search (GTK_DROP_DOWN (dropdown), TRUE);
      dossier_countries_focus_search_on_open (GTK_DROP_DOWN (dropdown));
      gtk_widget_set_tooltip_text (dropdown, _("Type to search the list"));
    }
  else
    {
      GtkStringList *labels = gtk_string_list_new (NULL);

      for (guint i = 0; self->values != NULL && self->values[i] != NULL; i++)
        {
          g_autofree char *label = dossier_known_ids_label (DOSSIER_KNOWN_ID_ENUM_VALUE, self->values[i], NULL);

          gtk_string_list_append (labels, label);
        }
      dropdown = gtk_drop_down_new (G_LIST_MODEL (labels), expression);
    }

  set_factories (dropdown);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown), GTK_INVALID_LIST_POSITION);
  /* Translators: shown in a list button while nothing is chosen */
  set_empty_text (dropdown, _("Choose…"));
  gtk_widget_set_valign (dropdown, GTK_ALIGN_CENTER);
  g_signal_connect_object (dropdown, "notify::selected", G_CALLBACK (_dossier_value_row_edited), self, G_CONNECT_SWAPPED);
  adw_action_row_add_suffix (ADW_ACTION_ROW (self), dropdown);
  return dropdown;
}

/* The factory: one editor per data type; an unknown type is a text entry that works. */
void
_dossier_value_row_build_editor (DossierValueRow *self)
{
  switch (self->data_type)
    {
    case DOSSIER_DATA_TYPE_PHONE:
      build_phone (self);
      break;

    case DOSSIER_DATA_TYPE_DATE:
      build_date (self);
      break;

    case DOSSIER_DATA_TYPE_COUNTRY:
    case DOSSIER_DATA_TYPE_ENUM:
      self->dropdown = build_dropdown (self);
      break;

    case DOSSIER_DATA_TYPE_NUMBER:
      self->entry = add_entry (self, 6, 14);
      gtk_editable_set_alignment (GTK_EDITABLE (self->entry), 1.0);
      gtk_entry_set_input_purpose (GTK_ENTRY (self->entry), GTK_INPUT_PURPOSE_NUMBER);
      adw_action_row_add_suffix (ADW_ACTION_ROW (self), self->entry);
      break;

    case DOSSIER_DATA_TYPE_EMAIL:
      self->entry = add_entry (self, 8, 20);
      gtk_entry_set_input_purpose (GTK_ENTRY (self->entry), GTK_INPUT_PURPOSE_EMAIL);
      gtk_entry_set_placeholder_text (GTK_ENTRY (self->entry), "name@example.com");
      adw_action_row_add_suffix (ADW_ACTION_ROW (self), self->entry);
      break;

    case DOSSIER_DATA_TYPE_STRING:
    case DOSSIER_DATA_TYPE_UNKNOWN:
    default:
      self->entry = add_entry (self, 8, 20);
      adw_action_row_add_suffix (ADW_ACTION_ROW (self), self->entry);
      break;
    }

  self->stretch = self->dropdown != NULL ? self->dropdown : self->entry;
  if (self->suffix == NULL)
    self->suffix = self->stretch;
  label_editor (self, self->dropdown != NULL ? self->dropdown : self->entry, self->label);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (self),
                                         self->dropdown != NULL ? self->dropdown : self->entry);
}
