/* test-value-row-keys.c — a value row's list from the keyboard, and its width on a phone
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Space opens an ENUM row's list with its first item highlighted; Enter chooses it (the
 * walker's finding: GTK 4.8 left "Choose…"). A long value chosen, or a long entry, never
 * makes the row wider than a phone's window.
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "dossier-value-row-private.h"
#include "dossier-ui-test-utils.h"

typedef struct {
  GtkWidget       *window;
  GtkWidget       *list;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  GtkWidget *clamp = adw_clamp_new ();

  f->window = adw_window_new ();
  f->list = gtk_list_box_new ();
  gtk_widget_add_css_class (f->list, "boxed-list");
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (f->list), GTK_SELECTION_NONE);
  gtk_widget_set_margin_start (clamp, 12);
  gtk_widget_set_margin_end (clamp, 12);
  gtk_widget_set_valign (clamp, GTK_ALIGN_START);
  adw_clamp_set_child (ADW_CLAMP (clamp), f->list);
  adw_window_set_content (ADW_WINDOW (f->window), clamp);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 600, 400);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (f->window));
}

static DossierValueRow *
add_row (Fixture         *f,
         const char      *key,
         DossierDataType  type,
         const char      *const *values)
{
  GtkWidget *row = dossier_value_row_new (key, key, NULL, type, NULL, values, TRUE);

  gtk_list_box_append (GTK_LIST_BOX (f->list), row);
  return DOSSIER_VALUE_ROW (row);
}

static GtkWidget *
find_popover (GtkWidget *widget)
{
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = GTK_IS_POPOVER (c) ? c : find_popover (c);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
is_mapped (gpointer data)
{
  return gtk_widget_get_mapped (data);
}

static gboolean
is_unmapped (gpointer data)
{
  return !gtk_widget_get_mapped (data);
}

/* A key as GTK handles it: the shortcuts of the focused widget, then of each of its
 * parents in turn (the bubble phase), the first that matches runs. */
static gboolean
press_key (GtkWidget       *window,
           guint            keyval,
           GdkModifierType  modifiers)
{
  g_autoptr(GtkShortcutTrigger) wanted = gtk_keyval_trigger_new (keyval, modifiers);

  for (GtkWidget *w = gtk_root_get_focus (GTK_ROOT (window)); w != NULL; w = gtk_widget_get_parent (w))
    {
      g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (w);

      for (guint c = 0; c < g_list_model_get_n_items (controllers); c++)
        {
          g_autoptr(GObject) controller = g_list_model_get_item (controllers, c);

          if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
            continue;
          for (guint s = 0; s < g_list_model_get_n_items (G_LIST_MODEL (controller)); s++)
            {
              g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), s);

              if (gtk_shortcut_trigger_equal (gtk_shortcut_get_trigger (shortcut), wanted)
                  && gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut), 0, w,
                                                   gtk_shortcut_get_arguments (shortcut)))
                {
                  g_test_message ("key %s handled by %s", gdk_keyval_name (keyval), G_OBJECT_TYPE_NAME (w));
                  return TRUE;
                }
            }
        }
    }
  return FALSE;
}

/* Space on the list's button, then Enter on the item highlighted. */
static void
test_enum_enter (Fixture       *f,
                 gconstpointer  data)
{
  const char *values[] = { "savings", "payroll", "investment", NULL };
  DossierValueRow *row = add_row (f, "account_purpose", DOSSIER_DATA_TYPE_ENUM, values);
  GtkWidget *dropdown = dossier_value_row_get_editor (row);
  GtkWidget *popover = find_popover (dropdown);
  GtkWidget *focus;

  gtk_window_present (GTK_WINDOW (f->window));
  g_assert_true (dossier_test_wait_for_draw (f->window));
  g_assert_cmpuint (gtk_drop_down_get_selected (GTK_DROP_DOWN (dropdown)), ==, GTK_INVALID_LIST_POSITION);

  gtk_widget_grab_focus (dropdown);
  g_assert_true (press_key (f->window, GDK_KEY_space, 0));
  g_assert_nonnull (popover);
  g_assert_true (dossier_test_wait_until (is_mapped, popover, 5000));
  g_assert_true (dossier_test_wait_for_draw (popover));
  focus = gtk_root_get_focus (GTK_ROOT (f->window));
  g_test_message ("focus in the open list: %s", focus != NULL ? G_OBJECT_TYPE_NAME (focus) : "none");
  g_assert_nonnull (focus);
  g_assert_true (gtk_widget_is_ancestor (focus, popover));
  {
    g_autofree char *path = dossier_test_save_screenshot (popover, "value-row-enum-open");

    g_test_message ("screenshot: %s", path);
  }

  g_assert_true (press_key (f->window, GDK_KEY_Return, 0));
  g_assert_true (dossier_test_wait_until (is_unmapped, popover, 5000));
  g_assert_cmpuint (gtk_drop_down_get_selected (GTK_DROP_DOWN (dropdown)), ==, 0);
  {
    g_autoptr(JsonNode) value = dossier_value_row_get_value (row);

    g_assert_nonnull (value);
    g_assert_cmpstr (json_node_get_string (value), ==, "savings");
  }
}

static int
min_width (GtkWidget *widget)
{
  int minimum = 0;

  gtk_widget_measure (widget, GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL, NULL);
  return minimum;
}

/* Every editor at a phone's width (a 360 px window, a boxed list 12 px in from each
 * side): under its title, as wide as the row, whatever was typed or chosen. */
static void
test_narrow (Fixture       *f,
             gconstpointer  data)
{
  const char *values[] = { "short", "national_identity_document_issued_by_the_province_of_residence", NULL };
  DossierValueRow *rows[] = {
    add_row (f, "occupation_and_employer_in_full", DOSSIER_DATA_TYPE_STRING, NULL),
    add_row (f, "work_phone", DOSSIER_DATA_TYPE_PHONE, NULL),
    add_row (f, "expiration_date", DOSSIER_DATA_TYPE_DATE, NULL),
    add_row (f, "expected_monthly_volume", DOSSIER_DATA_TYPE_NUMBER, NULL),
    add_row (f, "contact_email", DOSSIER_DATA_TYPE_EMAIL, NULL),
    add_row (f, "issuing_country", DOSSIER_DATA_TYPE_COUNTRY, NULL),
    add_row (f, "document_kind", DOSSIER_DATA_TYPE_ENUM, values),
  };
  const int limit = 360 - 2 * 12;

  gtk_window_set_default_size (GTK_WINDOW (f->window), 360, 640);
  gtk_window_present (GTK_WINDOW (f->window));
  g_assert_true (dossier_test_wait_for_draw (f->window));

  gtk_editable_set_text (GTK_EDITABLE (dossier_value_row_get_editor (rows[0])),
                         "Senior compliance analyst at a very large international bank");
  gtk_drop_down_set_selected (GTK_DROP_DOWN (dossier_value_row_get_editor (rows[6])), 1);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (dossier_value_row_get_editor (rows[5])), 0);
  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      g_test_message ("%s: minimum width %d", dossier_value_row_get_key (rows[i]), min_width (GTK_WIDGET (rows[i])));
      g_assert_cmpint (min_width (GTK_WIDGET (rows[i])), <=, limit);
    }
  g_assert_cmpint (min_width (f->window), <=, 360);

  gtk_window_set_default_size (GTK_WINDOW (f->window), 360, 640);
  g_assert_true (dossier_test_wait_for_draw (f->window));
  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      /* Under the title, and inside the window. */
      graphene_rect_t bounds;

      g_assert_true (gtk_widget_compute_bounds (dossier_value_row_get_editor (rows[i]), f->window, &bounds));
      g_assert_cmpfloat (bounds.origin.x + bounds.size.width, <=, gtk_widget_get_width (f->window));
    }
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (rows[6]), "dossier-stacked"));
  {
    g_autofree char *path = dossier_test_save_screenshot (f->window, "value-rows-360");

    g_test_message ("screenshot: %s", path);
  }
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  g_test_add ("/dossier/ui/value-row-keys/enum-enter", Fixture, NULL, fixture_set_up, test_enum_enter,
              fixture_tear_down);
  g_test_add ("/dossier/ui/value-row-keys/narrow", Fixture, NULL, fixture_set_up, test_narrow,
              fixture_tear_down);

  return g_test_run ();
}
