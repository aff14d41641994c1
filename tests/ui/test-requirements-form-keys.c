/* test-requirements-form-keys.c — the requirements form from the keyboard and at any
 * width: one Tab per field, Enter moves on, the calendar from the keyboard, the date's
 * format as placeholder, the phone row at 360 and 700 pixels
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Linked into test-requirements-form (and -es) with the fixture of
 * test-requirements-form-fixture.c.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "dossier-value-row-private.h"
#include "test-requirements-form-fixture.h"
#include "dossier-ui-test-utils.h"

static const char every_type[] =
  "{\"id\": \"KeyboardRequest00000000000000001\", \"client_id\": \"%s\", \"product\": \"keyboard_product\","
  " \"status\": \"pending_documentation\", \"created_at\": \"2026-04-15T10:30:00\","
  " \"updated_at\": \"2026-04-15T10:30:00\", \"missing_requirements\": {\"documents\": [], \"data\": ["
  "  {\"id\": \"everything\", \"name\": \"Everything\", \"description\": \"\", \"required\": true, \"fields\": ["
  "    {\"key\": \"test_string\", \"data_type\": \"STRING\", \"required\": true},"
  "    {\"key\": \"work_phone\", \"data_type\": \"PHONE\", \"required\": true},"
  "    {\"key\": \"test_date\", \"data_type\": \"DATE\", \"required\": true},"
  "    {\"key\": \"test_number\", \"data_type\": \"NUMBER\", \"required\": true},"
  "    {\"key\": \"test_email\", \"data_type\": \"EMAIL\", \"required\": true},"
  "    {\"key\": \"test_country\", \"data_type\": \"COUNTRY\", \"required\": true},"
  "    {\"key\": \"test_enum\", \"data_type\": \"ENUM\", \"required\": true, \"values\": [\"red\", \"green\"]},"
  "    {\"key\": \"test_colour\", \"data_type\": \"COLOUR\", \"required\": true}]},"
  "  {\"id\": \"extras\", \"name\": \"Extras\", \"description\": \"\", \"required\": false, \"fields\": ["
  "    {\"key\": \"expiry_date\", \"data_type\": \"DATE\", \"required\": true},"
  "    {\"key\": \"test_note\", \"data_type\": \"STRING\", \"required\": true}]}]}}";

static DossierProductRequest *
every_type_request (DossierClient *client)
{
  g_autofree char *text = g_strdup_printf (every_type, dossier_client_get_id (client));
  g_autoptr(JsonNode) node = json_from_string (text, NULL);
  g_autoptr(GError) error = NULL;
  DossierProductRequest *request = dossier_product_request_new_from_json (node, &error);

  g_assert_no_error (error);
  return request;
}

/* The editors in the order a person fills them: each is one Tab stop. */
static GPtrArray *
tab_stops (Fixture *f)
{
  const char *keys[] = { "test_string", "work_phone", "test_date", "test_number", "test_email",
                         "test_country", "test_enum", "test_colour", "expiry_date", "test_note" };
  GPtrArray *stops = g_ptr_array_new ();

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      DossierValueRow *value_row = row (f, keys[i]);

      /* A phone is two editors: the calling code, then the number. */
      if (dossier_value_row_get_code_entry (value_row) != NULL)
        g_ptr_array_add (stops, dossier_value_row_get_code_entry (value_row));
      g_ptr_array_add (stops, dossier_value_row_get_editor (value_row));
    }
  return stops;
}

static GtkWidget *
focus_of (Fixture *f)
{
  return gtk_window_get_focus (GTK_WINDOW (f->window));
}

static gboolean
has_focus_in (Fixture   *f,
              GtkWidget *editor)
{
  GtkWidget *focus = focus_of (f);

  return focus != NULL && (focus == editor || gtk_widget_is_ancestor (focus, editor));
}

static void
assert_focus_in (Fixture    *f,
                 GtkWidget  *editor,
                 const char *what)
{
  GtkWidget *focus = focus_of (f);

  g_test_message ("%s: focus on %s", what, focus != NULL ? G_OBJECT_TYPE_NAME (focus) : "nothing");
  g_assert_nonnull (focus);
  g_assert_false (GTK_IS_LIST_BOX_ROW (focus));
  g_assert_true (has_focus_in (f, editor));
  /* Where the caret is, typing goes: an editable, or a list's button. */
  g_assert_true (GTK_IS_EDITABLE (focus) || GTK_IS_DROP_DOWN (editor));
}

/* One Tab per field: from the first editor to the last, never a row on the way. */
static void
test_tab_order (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(DossierClient) client = create_client (f, "tab-order@example.com");
  g_autoptr(DossierProductRequest) request = every_type_request (client);
  g_autoptr(GPtrArray) stops = NULL;

  show_form (f, client, request);
  stops = tab_stops (f);
  g_assert_cmpuint (stops->len, ==, 11);

  /* Into the form from nothing focused: the first field's entry, not its row. */
  gtk_window_set_focus (GTK_WINDOW (f->window), NULL);
  g_assert_true (gtk_widget_child_focus (f->window, GTK_DIR_TAB_FORWARD));
  assert_focus_in (f, g_ptr_array_index (stops, 0), "first Tab");

  for (guint i = 1; i < stops->len; i++)
    {
      g_autofree char *what = g_strdup_printf ("Tab %u", i + 1);

      g_assert_true (gtk_widget_child_focus (f->window, GTK_DIR_TAB_FORWARD));
      assert_focus_in (f, g_ptr_array_index (stops, i), what);
    }

  /* And back, Shift+Tab, field by field. */
  for (guint i = stops->len - 1; i > 0; i--)
    {
      g_autofree char *what = g_strdup_printf ("Shift+Tab to %u", i);

      g_assert_true (gtk_widget_child_focus (f->window, GTK_DIR_TAB_BACKWARD));
      assert_focus_in (f, g_ptr_array_index (stops, i - 1), what);
    }

  /* Down in a field (the list's move-cursor) is no trap either: the focus stays in an
   * editor, this one or the next. */
  {
    GtkWidget *first = g_ptr_array_index (stops, 0);
    GtkWidget *list = gtk_widget_get_ancestor (first, GTK_TYPE_LIST_BOX);

    g_assert_true (gtk_widget_grab_focus (first));
    g_signal_emit_by_name (list, "move-cursor", GTK_MOVEMENT_DISPLAY_LINES, 1, FALSE, FALSE);
    g_test_message ("after Down: focus on %s", focus_of (f) != NULL ? G_OBJECT_TYPE_NAME (focus_of (f)) : "nothing");
    g_assert_true (has_focus_in (f, first) || has_focus_in (f, g_ptr_array_index (stops, 1)));
  }

  /* No row takes the focus itself. */
  for (guint i = 0; i < stops->len; i++)
    {
      GtkWidget *value_row = gtk_widget_get_ancestor (g_ptr_array_index (stops, i), DOSSIER_TYPE_VALUE_ROW);

      g_assert_nonnull (value_row);
      g_assert_false (gtk_widget_get_focusable (value_row));
    }
}

/* Enter in a field moves on to the next field, keeping what was typed (GtkEntry::activate
 * is what Enter emits). */
static void
test_enter_moves_on (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(DossierClient) client = create_client (f, "enter@example.com");
  g_autoptr(DossierProductRequest) request = every_type_request (client);
  g_autoptr(GPtrArray) stops = NULL;
  GtkWidget *number;

  show_form (f, client, request);
  stops = tab_stops (f);
  number = dossier_value_row_get_editor (row (f, "test_number"));

  g_assert_true (gtk_widget_grab_focus (g_ptr_array_index (stops, 0)));
  type_into (row (f, "test_string"), "Violinist");
  g_signal_emit_by_name (g_ptr_array_index (stops, 0), "activate");
  assert_focus_in (f, g_ptr_array_index (stops, 1), "Enter in the first field");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (g_ptr_array_index (stops, 0))), ==, "Violinist");

  /* From the date, past its calendar button, to the number. */
  g_assert_true (gtk_widget_grab_focus (dossier_value_row_get_editor (row (f, "test_date"))));
  type_into (row (f, "test_date"), spanish ? "21/11/1984" : "11/21/1984");
  g_signal_emit_by_name (dossier_value_row_get_editor (row (f, "test_date")), "activate");
  assert_focus_in (f, number, "Enter in the date");
  g_assert_null (dossier_value_row_get_message (row (f, "test_date")));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (dossier_value_row_get_editor (row (f, "test_date")))),
                   ==, spanish ? "21/11/1984" : "11/21/1984");
}

static GtkWidget *
find_button_with_icon (GtkWidget  *widget,
                       const char *icon)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (GTK_IS_BUTTON (child) && gtk_button_get_icon_name (GTK_BUTTON (child)) != NULL
          && g_str_equal (gtk_button_get_icon_name (GTK_BUTTON (child)), icon))
        return child;
      if ((found = find_button_with_icon (child, icon)) != NULL)
        return found;
    }
  return NULL;
}

static gboolean
popover_hidden (gpointer data)
{
  return !gtk_widget_get_visible (data);
}

/* The calendar is out of the Tab chain but not out of reach: Alt+Down opens it, it takes
 * the keyboard, and turning its months picks no date. */
static void
test_calendar_keyboard (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(DossierClient) client = create_client (f, "calendar@example.com");
  g_autoptr(DossierProductRequest) request = every_type_request (client);
  DossierValueRow *date = NULL;
  GtkWidget *entry;
  GtkWidget *button;
  GtkWidget *popover;
  GtkWidget *next_month;

  show_form (f, client, request);
  date = row (f, "test_date");
  entry = dossier_value_row_get_editor (date);
  button = dossier_value_row_get_calendar_button (date);
  popover = GTK_WIDGET (gtk_menu_button_get_popover (GTK_MENU_BUTTON (button)));
  /* Out of the Tab chain. */
  gtk_window_set_focus (GTK_WINDOW (f->window), entry);
  g_assert_true (gtk_widget_child_focus (f->window, GTK_DIR_TAB_FORWARD));
  g_assert_false (focus_of (f) == button || gtk_widget_is_ancestor (focus_of (f), button));
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_KEY_SHORTCUTS, "Alt+Down");

  type_into (date, spanish ? "21/11/1984" : "11/21/1984");
  g_assert_true (gtk_widget_grab_focus (entry));
  /* An autohide popover grabs the X server's pointer, which another test process on the
   * same Xvfb may hold: without the grab it maps every time. */
  gtk_popover_set_autohide (GTK_POPOVER (popover), FALSE);
  /* What Alt+Down runs. */
  gtk_menu_button_popup (GTK_MENU_BUTTON (button));
  g_assert_true (dossier_test_wait_for_draw (popover));
  g_assert_true (gtk_widget_get_visible (popover));
  g_assert_nonnull (focus_of (f));
  g_test_message ("in the calendar, focus on %s", G_OBJECT_TYPE_NAME (focus_of (f)));
  g_assert_true (gtk_widget_is_ancestor (focus_of (f), popover));

  next_month = find_button_with_icon (popover, "pan-end-symbolic");
  if (next_month != NULL)
    {
      gtk_widget_activate (next_month);
      g_assert_true (gtk_widget_get_visible (popover));
      g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, spanish ? "21/11/1984" : "11/21/1984");
    }
  else
    g_test_message ("no month button found in the calendar");

  /* Escape closes it, typing kept, the caret back in the entry. */
  gtk_popover_popdown (GTK_POPOVER (popover));
  dossier_test_wait_until (popover_hidden, popover, 2000);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, spanish ? "21/11/1984" : "11/21/1984");
  assert_focus_in (f, entry, "calendar closed");

  /* Space on a day picks it: the entry has the date, and the keyboard again. */
  gtk_menu_button_popup (GTK_MENU_BUTTON (button));
  g_assert_true (dossier_test_wait_for_draw (popover));
  {
    g_autoptr(GDateTime) day = g_date_time_new_local (2030, 3, 9, 12, 0, 0);
    GtkWidget *calendar = focus_of (f);

    g_assert_true (GTK_IS_CALENDAR (calendar));
    gtk_calendar_select_day (GTK_CALENDAR (calendar), day);
  }
  dossier_test_wait_until (popover_hidden, popover, 2000);
  g_assert_false (gtk_widget_get_visible (popover));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, spanish ? "09/03/2030" : "03/09/2030");
  assert_focus_in (f, entry, "day picked");
}

/* Every date row shows the locale's format, never a sample date; so does its message. */
static void
test_date_placeholder (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(DossierClient) client = create_client (f, "placeholder@example.com");
  g_autoptr(DossierProductRequest) request = every_type_request (client);
  g_autofree char *pattern = _dossier_value_row_date_pattern ();
  const char *birth;
  const char *expiry;
  const char *message;

  g_test_message ("date format: %s", pattern);
  if (spanish)
    {
      /* Day first, in the letters of the catalogue (DD/MM/AAAA once translated). */
      g_autofree char *expected = g_strdup_printf ("%s/%s/%s", C_("date format", "DD"),
                                                   C_("date format", "MM"), C_("date format", "YYYY"));

      g_assert_cmpstr (pattern, ==, expected);
    }
  else
    g_assert_cmpstr (pattern, ==, "MM/DD/YYYY");
  for (const char *p = pattern; *p != '\0'; p++)
    g_assert_false (g_ascii_isdigit (*p));

  show_form (f, client, request);
  birth = gtk_entry_get_placeholder_text (GTK_ENTRY (dossier_value_row_get_editor (row (f, "test_date"))));
  expiry = gtk_entry_get_placeholder_text (GTK_ENTRY (dossier_value_row_get_editor (row (f, "expiry_date"))));
  g_assert_cmpstr (birth, ==, pattern);
  g_assert_cmpstr (expiry, ==, pattern);

  type_into (row (f, "expiry_date"), "31/31/2030");
  message = dossier_value_row_get_message (row (f, "expiry_date"));
  g_assert_nonnull (message);
  g_assert_nonnull (strstr (message, pattern));
  g_assert_null (strstr (message, "1984"));
}

static gboolean
never_ready (gpointer data)
{
  return FALSE;
}

static void
show_at_width (Fixture *f,
               int      width)
{
  gtk_window_set_default_size (GTK_WINDOW (f->window), width, 760);
  g_assert_true (dossier_test_wait_for_draw (f->window));
  dossier_test_wait_until (never_ready, NULL, 300);
  g_assert_cmpint (gtk_widget_get_width (f->window), <=, width + 40);
}

/* The phone row at 360 pixels: its editors under the title, the title on one line, the
 * warning in a few lines of plain words; at 700 beside the title. */
static void
test_phone_narrow (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(DossierClient) client = create_client (f, "narrow@example.com");
  g_autoptr(DossierProductRequest) request = request_product (f, client, "cards_individuals");
  DossierValueRow *phone;
  GtkWidget *code;
  GtkWidget *number;
  graphene_rect_t code_bounds, number_bounds;
  g_autofree char *narrow = g_strconcat ("requirements-form-phone-360", language_suffix, NULL);
  g_autofree char *wide = g_strconcat ("requirements-form-phone-700", language_suffix, NULL);
  g_autofree char *path = NULL;
  const char *message;

  show_form (f, client, request);
  phone = row (f, "phone");
  code = dossier_value_row_get_code_entry (phone);
  number = dossier_value_row_get_editor (phone);
  type_phone (phone, "54", "011 15-5555-1234");
  message = dossier_value_row_get_message (phone);
  g_assert_nonnull (message);
  g_assert_null (strstr (message, "API"));
  g_assert_cmpstr (message, ==, _("The leading 0 will be left out: the provider stores numbers without it."));

  show_at_width (f, 360);
  path = dossier_test_save_screenshot (f->window, narrow);
  g_test_message ("screenshot: %s", path);
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (phone), "dossier-stacked"));
  /* The editors side by side under the title, the number taking the rest of the row. */
  g_assert_true (gtk_widget_compute_bounds (code, GTK_WIDGET (phone), &code_bounds));
  g_assert_true (gtk_widget_compute_bounds (number, GTK_WIDGET (phone), &number_bounds));
  g_assert_cmpfloat (code_bounds.origin.y, >, 30);
  g_assert_cmpfloat (number_bounds.origin.x, >, code_bounds.origin.x);
  g_assert_cmpfloat (number_bounds.size.width, >, gtk_widget_get_width (GTK_WIDGET (phone)) / 2.0);
  g_clear_pointer (&path, g_free);

  show_at_width (f, 700);
  path = dossier_test_save_screenshot (f->window, wide);
  g_test_message ("screenshot: %s", path);
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (phone), "dossier-stacked"));
  g_assert_true (gtk_widget_compute_bounds (number, GTK_WIDGET (phone), &number_bounds));
  g_assert_cmpfloat (number_bounds.origin.x, >, gtk_widget_get_width (GTK_WIDGET (phone)) / 3.0);
  /* Centred on the row's height, as the title is. */
  g_assert_cmpfloat (ABS (number_bounds.origin.y + number_bounds.size.height / 2
                          - gtk_widget_get_height (GTK_WIDGET (phone)) / 2.0), <, 4);
}

/* Escape closes the request window (window.close) the moment after typing: nothing
 * typed is lost, the form keeps it as its draft and gives it back. */
static void
test_close_keeps_typing (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(DossierClient) client = create_client (f, "escape@example.com");
  g_autoptr(DossierProductRequest) request = every_type_request (client);

  show_form (f, client, request);
  g_assert_true (gtk_widget_grab_focus (dossier_value_row_get_editor (row (f, "test_string"))));
  type_into (row (f, "test_string"), "Contadora");
  type_into (row (f, "test_number"), "123abc");
  /* What Escape runs, before the draft's pause after typing is over. */
  gtk_window_close (GTK_WINDOW (f->window));
  f->window = NULL;
  f->form = NULL;

  show_form (f, client, request);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (dossier_value_row_get_editor (row (f, "test_string")))),
                   ==, "Contadora");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (dossier_value_row_get_editor (row (f, "test_number")))),
                   ==, "123abc");
  /* And says at once what is wrong with it. */
  assert_invalid (row (f, "test_number"));
}

void
test_requirements_form_add_key_tests (void)
{
#define ADD(path, func) g_test_add ("/dossier/ui/requirements-form/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("tab-order", test_tab_order);
  ADD ("enter-moves-on", test_enter_moves_on);
  ADD ("calendar-keyboard", test_calendar_keyboard);
  ADD ("date-placeholder", test_date_placeholder);
  ADD ("phone-narrow", test_phone_narrow);
  ADD ("close-keeps-typing", test_close_keeps_typing);
#undef ADD
}
