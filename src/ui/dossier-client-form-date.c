/* dossier-client-form-date.c — the client form's date of birth, read and typed as every
 * date row's
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The value rows of the requirements form set the one date format of the client's data
 * (dossier-value-row.h): the locale's short form with a four-digit year, its pattern
 * (e.g. DD/MM/YYYY) as the placeholder and in the message under text that is no date,
 * ISO still understood. The birth date uses the same functions, and the same calendar
 * (Alt+Down); the form keeps the value as the API writes it, YYYY-MM-DD.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "dossier-client-form-private.h"
#include "dossier-contract.h"
#include "dossier-value-row.h"

char *
_dossier_client_form_birth_date_message (DossierClientForm *self,
                                         char              *message)
{
  const char *value = self->values[DOSSIER_CLIENT_FIELD_BIRTH_DATE];
  GDate date;

  if (message == NULL || dossier_contract_is_blank (value))
    return message;

  if (!dossier_date_parse (value, &date))
    {
      g_free (message);
      return dossier_value_row_dup_date_hint ();
    }
  if (g_date_get_year (&date) < 1900)
    {
      g_autofree char *first = dossier_value_row_format_iso_date ("1900-01-01");

      g_free (message);
      /* Translators: %s is the first date accepted, written the local way, e.g. 01/01/1900 */
      return g_strdup_printf (_("Enter a date from %s on."), first);
    }
  return message;
}

static void
day_selected_cb (DossierClientForm *self)
{
  g_autoptr(GDateTime) date = gtk_calendar_get_date (self->calendar);
  g_autofree char *iso = g_date_time_format (date, "%Y-%m-%d");
  g_autofree char *text = dossier_value_row_format_iso_date (iso);

  gtk_editable_set_text (GTK_EDITABLE (self->rows[DOSSIER_CLIENT_FIELD_BIRTH_DATE]), text);
  gtk_menu_button_popdown (GTK_MENU_BUTTON (self->calendar_button));
}

/* The calendar opens on the typed date, or thirty years back when there is none. */
static void
calendar_show_cb (DossierClientForm *self)
{
  GDate date;
  g_autoptr(GDateTime) shown = NULL;

  if (dossier_date_parse (self->values[DOSSIER_CLIENT_FIELD_BIRTH_DATE], &date))
    shown = g_date_time_new_local (g_date_get_year (&date), g_date_get_month (&date),
                                   g_date_get_day (&date), 12, 0, 0);
  else
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();

      shown = g_date_time_add_years (now, -30);
    }
  g_signal_handlers_block_by_func (self->calendar, day_selected_cb, self);
  gtk_calendar_select_day (self->calendar, shown);
  g_signal_handlers_unblock_by_func (self->calendar, day_selected_cb, self);
}

static GtkWidget *
build_calendar_button (DossierClientForm *self)
{
  GtkWidget *popover = gtk_popover_new ();
  GtkWidget *calendar = gtk_calendar_new ();
  GtkWidget *button = gtk_menu_button_new ();

  self->calendar = GTK_CALENDAR (calendar);
  self->calendar_button = button;
  gtk_popover_set_child (GTK_POPOVER (popover), calendar);
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (button), popover);
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (button), "x-office-calendar-symbolic");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, _("Choose From a Calendar (Alt+Down)"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Choose the date of birth from a calendar"), -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (calendar), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Date of Birth"), -1);
  g_signal_connect_object (popover, "show", G_CALLBACK (calendar_show_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (calendar, "day-selected", G_CALLBACK (day_selected_cb), self,
                           G_CONNECT_SWAPPED);
  return button;
}

/* Alt+Down in the date's entry opens the calendar, as on every date row. */
static gboolean
open_calendar_cb (GtkWidget *widget,
                  GVariant  *args,
                  gpointer   user_data)
{
  DossierClientForm *self = user_data;

  if (!gtk_widget_is_sensitive (self->calendar_button)
      || !gtk_editable_get_editable (GTK_EDITABLE (self->rows[DOSSIER_CLIENT_FIELD_BIRTH_DATE])))
    return FALSE;
  gtk_menu_button_popup (GTK_MENU_BUTTON (self->calendar_button));
  return TRUE;
}

/* The pattern shows while nothing is typed, as a placeholder would (AdwEntryRow's title
 * is its placeholder, and GtkText's own would overlap the title once the row has the focus). */
static void
date_text_changed_cb (DossierClientForm *self,
                      GtkEditable       *row)
{
  gtk_widget_set_visible (self->date_hint, *gtk_editable_get_text (row) == '\0');
}

/* The birth date reads and is typed as every date row's: the locale's format as the
 * placeholder, a calendar, Alt+Down to open it. */
void
_dossier_client_form_setup_date_row (DossierClientForm *self,
                                     GtkWidget         *row,
                                     GtkWidget         *delegate)
{
  g_autofree char *pattern = dossier_value_row_dup_date_pattern ();
  GtkEventController *shortcuts = gtk_shortcut_controller_new ();

  /* Read to assistive technologies as the entry's placeholder, not as a label of its own. */
  self->date_hint = g_object_new (GTK_TYPE_LABEL, "label", pattern, "valign", GTK_ALIGN_CENTER,
                                  "accessible-role", GTK_ACCESSIBLE_ROLE_PRESENTATION, NULL);
  gtk_widget_add_css_class (self->date_hint, "dim-label");
  adw_entry_row_add_suffix (ADW_ENTRY_ROW (row), self->date_hint);
  if (delegate != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (delegate),
                                    GTK_ACCESSIBLE_PROPERTY_PLACEHOLDER, pattern,
                                    GTK_ACCESSIBLE_PROPERTY_KEY_SHORTCUTS, "Alt+Down", -1);
  g_signal_connect_object (row, "changed", G_CALLBACK (date_text_changed_cb), self, G_CONNECT_SWAPPED);

  adw_entry_row_add_suffix (ADW_ENTRY_ROW (row), build_calendar_button (self));
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Down, GDK_ALT_MASK),
                                                          gtk_callback_action_new (open_calendar_cb, self, NULL)));
  gtk_widget_add_controller (row, shortcuts);
}
