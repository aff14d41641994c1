/* test-client-page-layout.c — the client page at phone and desktop widths, its Tab order
 * and its shortcuts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Built twice: as test-client-page-layout (English) and test-client-page-layout-es, whose
 * name ending in -es runs it in Spanish ("Solicitudes de productos", "Solicitar
 * producto…" are longer). Screenshots: client-page-360, client-page-1280 (-es).
 */
#include "config.h"

#include <string.h>
#include <locale.h>
#include <adwaita.h>
#include <glib/gi18n.h>

#include "dossier-application.h"
#include "dossier-client-page-private.h"
#include "dossier-journal-actions.h"
#include "dossier-product-chooser.h"
#include "dossier-window.h"
#include "dossier-ui-test-utils.h"

static gboolean spanish;

typedef struct {
  DossierApplication *app;
  DossierWindow      *window;
  DossierClientPage  *page;
} Fixture;

static gboolean
window_ready (gpointer data)
{
  Fixture *fixture = data;
  DossierRequestCache *cache = dossier_window_get_request_cache (fixture->window);

  return g_list_model_get_n_items (G_LIST_MODEL (dossier_window_get_clients (fixture->window))) > 0
         && !dossier_window_get_loading (fixture->window)
         && cache != NULL && dossier_request_cache_get_journal (cache) != NULL;
}

static gboolean
page_settled (gpointer data)
{
  DossierClientPage *page = data;

  return dossier_client_page_get_client (page) != NULL && !dossier_client_page_get_loading (page);
}

static gboolean
list_shown (gpointer data)
{
  GtkSelectionModel *model = gtk_list_view_get_model (data);

  return model != NULL && g_list_model_get_n_items (G_LIST_MODEL (model)) > 0;
}

static gpointer
window_child (Fixture    *fixture,
              const char *name)
{
  return gtk_widget_get_template_child (GTK_WIDGET (fixture->window), DOSSIER_TYPE_WINDOW, name);
}

static gpointer
page_child (Fixture    *fixture,
            const char *name)
{
  return gtk_widget_get_template_child (GTK_WIDGET (fixture->page), DOSSIER_TYPE_CLIENT_PAGE, name);
}

/* The window at @width, the first client of the list on its page. */
static void
start (Fixture *fixture,
       int      width)
{
  g_autoptr(GSettings) settings = g_settings_new ("io.github.dossier_app.Dossier");
  g_autoptr(GError) error = NULL;
  static guint serial;
  g_autofree char *id = g_strdup_printf ("%s.Test.p%d.c%u", APPLICATION_ID, getpid (), ++serial);

  g_settings_set_int (settings, "window-width", width);
  g_settings_set_int (settings, "window-height", 760);
  g_settings_set_boolean (settings, "window-maximized", FALSE);

  fixture->app = dossier_application_new (id, G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (fixture->app), NULL, &error);
  g_assert_no_error (error);
  g_application_activate (G_APPLICATION (fixture->app));
  fixture->window = DOSSIER_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (fixture->app)));
  g_assert_true (DOSSIER_IS_WINDOW (fixture->window));
  g_assert_true (dossier_test_wait_for_draw (GTK_WIDGET (fixture->window)));
  g_assert_true (dossier_test_wait_until (window_ready, fixture, 20000));

  fixture->page = window_child (fixture, "page");
  g_assert_true (dossier_test_wait_until (list_shown, window_child (fixture, "list_view"), 20000));
  g_signal_emit_by_name (window_child (fixture, "list_view"), "activate", 0);
  g_assert_true (dossier_test_wait_until (page_settled, fixture->page, 30000));
  g_assert_true (dossier_test_wait_for_draw (GTK_WIDGET (fixture->window)));
}

static void
stop (Fixture *fixture)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (fixture->app));

  while (window != NULL)
    {
      gtk_window_destroy (window);
      window = gtk_application_get_active_window (GTK_APPLICATION (fixture->app));
    }
  g_clear_object (&fixture->app);
}

static void
screenshot (Fixture    *fixture,
            const char *name)
{
  g_autofree char *full = g_strconcat (name, spanish ? "-es" : "", NULL);
  g_autofree char *path = NULL;

  g_assert_true (dossier_test_wait_for_draw (GTK_WIDGET (fixture->window)));
  path = dossier_test_save_screenshot (GTK_WIDGET (fixture->window), full);
  g_assert_nonnull (path);
  g_test_message ("screenshot: %s", path);
}

static graphene_rect_t
bounds_in_page (Fixture   *fixture,
                GtkWidget *widget)
{
  graphene_rect_t bounds;

  g_assert_true (gtk_widget_compute_bounds (widget, GTK_WIDGET (fixture->page), &bounds));
  return bounds;
}

static gboolean
label_cut (GtkLabel *label)
{
  return pango_layout_is_ellipsized (gtk_label_get_layout (label));
}

/* A phone: the heading whole, the buttons under its line, at the start. */
static void
test_narrow (void)
{
  Fixture fixture = { 0 };
  graphene_rect_t title, description, button;

  start (&fixture, 360);
  g_assert_true (adw_leaflet_get_visible_child (window_child (&fixture, "leaflet")) == window_child (&fixture, "content"));
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (fixture.window)), <=, 400);

  g_assert_true (gtk_widget_has_css_class (page_child (&fixture, "requests_header"), "dossier-stacked"));
  g_assert_false (label_cut (page_child (&fixture, "requests_title")));
  g_assert_true (gtk_widget_get_visible (page_child (&fixture, "requests_description")));
  title = bounds_in_page (&fixture, page_child (&fixture, "requests_title"));
  description = bounds_in_page (&fixture, page_child (&fixture, "requests_description"));
  button = bounds_in_page (&fixture, page_child (&fixture, "request_button"));
  g_test_message ("title %.0f,%.0f %.0f×%.0f; line %.0f,%.0f %.0f×%.0f; button %.0f,%.0f %.0f×%.0f",
                  title.origin.x, title.origin.y, title.size.width, title.size.height,
                  description.origin.x, description.origin.y, description.size.width, description.size.height,
                  button.origin.x, button.origin.y, button.size.width, button.size.height);
  /* Under the line, not beside it; the line as wide as the heading's column. */
  g_assert_cmpfloat (button.origin.y, >=, description.origin.y + description.size.height);
  g_assert_cmpfloat (button.origin.x, <=, title.origin.x + 12);
  g_assert_cmpfloat (description.size.width, >=, 280);
  /* Three lines at most: the line reads as a sentence, not a column of words. */
  g_assert_cmpfloat (description.size.height, <, 4 * title.size.height);
  /* The button whole, inside the page. */
  g_assert_cmpfloat (button.origin.x + button.size.width, <=, gtk_widget_get_width (GTK_WIDGET (fixture.page)));
  screenshot (&fixture, "client-page-360");
  stop (&fixture);
}

/* A desktop: the buttons stay beside the heading. */
static void
test_wide (void)
{
  Fixture fixture = { 0 };
  graphene_rect_t title, button;

  start (&fixture, 1280);
  g_assert_false (adw_leaflet_get_folded (window_child (&fixture, "leaflet")));
  g_assert_false (gtk_widget_has_css_class (page_child (&fixture, "requests_header"), "dossier-stacked"));
  g_assert_false (label_cut (page_child (&fixture, "requests_title")));
  title = bounds_in_page (&fixture, page_child (&fixture, "requests_title"));
  button = bounds_in_page (&fixture, page_child (&fixture, "request_button"));
  g_assert_cmpfloat (button.origin.x, >, title.origin.x + title.size.width);
  g_assert_cmpfloat (button.origin.y, <, title.origin.y + 3 * title.size.height);
  screenshot (&fixture, "client-page-1280");
  stop (&fixture);
}

/* ---- Tab order ----------------------------------------------------------------- */

/* Tab from the page's start while the focus stays in its header (the client's name,
 * requests and details): the widgets reached, in order. */
static GPtrArray *
tab_walk (Fixture *fixture)
{
  GPtrArray *reached = g_ptr_array_new ();
  GtkWidget *details_end = page_child (fixture, "updated_row");
  graphene_rect_t end = bounds_in_page (fixture, details_end);

  gtk_widget_grab_focus (GTK_WIDGET (window_child (fixture, "list_view")));
  g_assert_true (gtk_widget_child_focus (GTK_WIDGET (fixture->page), GTK_DIR_TAB_FORWARD));
  for (guint i = 0; i < 40; i++)
    {
      GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (fixture->window));

      if (focus == NULL || !gtk_widget_is_ancestor (focus, GTK_WIDGET (fixture->page))
          || bounds_in_page (fixture, focus).origin.y > end.origin.y + end.size.height)
        break;
      g_ptr_array_add (reached, focus);
      gtk_widget_child_focus (GTK_WIDGET (fixture->window), GTK_DIR_TAB_FORWARD);
    }
  return reached;
}

static void
log_walk (Fixture   *fixture,
          GPtrArray *reached)
{
  for (guint i = 0; i < reached->len; i++)
    {
      GtkWidget *widget = g_ptr_array_index (reached, i);
      graphene_rect_t bounds = bounds_in_page (fixture, widget);

      g_test_message ("Tab %u: %s %s at y %.0f", i, G_OBJECT_TYPE_NAME (widget),
                      gtk_widget_get_tooltip_text (widget) != NULL ? gtk_widget_get_tooltip_text (widget) : "",
                      bounds.origin.y);
    }
}

static GtkWidget *
copy_button (Fixture *fixture)
{
  GtkWidget *row = page_child (fixture, "id_row");

  for (GtkWidget *w = row; w != NULL; )
    {
      if (GTK_IS_BUTTON (w) && g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (w)), "client.copy-id") == 0)
        return w;
      /* Depth first through the row. */
      if (gtk_widget_get_first_child (w) != NULL)
        w = gtk_widget_get_first_child (w);
      else
        {
          while (w != row && gtk_widget_get_next_sibling (w) == NULL)
            w = gtk_widget_get_parent (w);
          w = w == row ? NULL : gtk_widget_get_next_sibling (w);
        }
    }
  return NULL;
}

static void
check_walk (Fixture   *fixture,
            GPtrArray *reached,
            gboolean   with_requests)
{
  GtkWidget *expected_start[] = { page_child (fixture, "client_menu_button"),
                                  page_child (fixture, "request_button"),
                                  page_child (fixture, "refresh_button") };
  float last_y = -1;
  guint i;

  log_walk (fixture, reached);
  g_assert_cmpuint (reached->len, >=, G_N_ELEMENTS (expected_start) + 1);
  for (i = 0; i < G_N_ELEMENTS (expected_start); i++)
    g_assert_true (gtk_widget_is_ancestor (g_ptr_array_index (reached, i), expected_start[i])
                   || g_ptr_array_index (reached, i) == expected_start[i]);

  /* The requests' rows when there are some (they open the request), never the row
   * saying there are none; then Copy, the only stop of the details. */
  if (with_requests)
    {
      g_assert_true (GTK_IS_LIST_BOX_ROW (g_ptr_array_index (reached, i)));
      g_assert_true (gtk_list_box_row_get_activatable (g_ptr_array_index (reached, i)));
      while (i < reached->len && GTK_IS_LIST_BOX_ROW (g_ptr_array_index (reached, i)))
        i++;
    }
  g_assert_cmpuint (i, <, reached->len);
  g_assert_true (g_ptr_array_index (reached, i) == copy_button (fixture));
  g_assert_cmpuint (i + 1, ==, reached->len);

  /* Top to bottom, and nothing inert on the way. */
  for (i = 0; i < reached->len; i++)
    {
      GtkWidget *widget = g_ptr_array_index (reached, i);
      graphene_rect_t bounds = bounds_in_page (fixture, widget);

      g_assert_cmpfloat (bounds.origin.y + bounds.size.height / 2, >=, last_y);
      last_y = bounds.origin.y + bounds.size.height / 2;
      if (GTK_IS_LIST_BOX_ROW (widget))
        g_assert_true (gtk_list_box_row_get_activatable (GTK_LIST_BOX_ROW (widget)));
    }
}

static void
test_tab_order (void)
{
  Fixture fixture = { 0 };
  g_autoptr(GPtrArray) none = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) reached = NULL;

  start (&fixture, 1280);

  /* As the server told it: the seeded client's requests, each a stop. */
  if (dossier_client_page_get_n_requests (fixture.page) > 0)
    {
      reached = tab_walk (&fixture);
      check_walk (&fixture, reached, TRUE);
      g_clear_pointer (&reached, g_ptr_array_unref);
    }

  /* No request: "No product requests yet" only says so. */
  _dossier_client_page_show_requests (fixture.page, none, g_get_real_time (), TRUE);
  g_assert_true (dossier_test_wait_for_draw (GTK_WIDGET (fixture.window)));
  reached = tab_walk (&fixture);
  check_walk (&fixture, reached, FALSE);
  g_clear_pointer (&reached, g_ptr_array_unref);

  /* At a phone's width, the buttons under the heading: the same order. */
  gtk_window_set_default_size (GTK_WINDOW (fixture.window), 360, 760);
  g_assert_true (dossier_test_wait_for_draw (GTK_WIDGET (fixture.window)));
  {
    GtkWidget *header = page_child (&fixture, "requests_header");

    for (guint i = 0; i < 50 && !gtk_widget_has_css_class (header, "dossier-stacked"); i++)
      g_assert_true (dossier_test_wait_for_draw (GTK_WIDGET (fixture.window)));
    g_assert_true (gtk_widget_has_css_class (header, "dossier-stacked"));
  }
  reached = tab_walk (&fixture);
  check_walk (&fixture, reached, FALSE);
  stop (&fixture);
}

/* ---- shortcuts ------------------------------------------------------------------ */

/* Runs what the window's shortcut for @accelerator runs, as a key press would. */
static gboolean
press (Fixture    *fixture,
       const char *accelerator)
{
  g_autoptr(GtkShortcutTrigger) wanted = gtk_shortcut_trigger_parse_string (accelerator);
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (fixture->window));

  g_assert_nonnull (wanted);
  for (guint c = 0; c < g_list_model_get_n_items (controllers); c++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, c);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;
      for (guint s = 0; s < g_list_model_get_n_items (G_LIST_MODEL (controller)); s++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), s);

          if (gtk_shortcut_trigger_equal (gtk_shortcut_get_trigger (shortcut), wanted))
            return gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut), 0,
                                                 GTK_WIDGET (fixture->window),
                                                 gtk_shortcut_get_arguments (shortcut));
        }
    }
  return FALSE;
}

static GtkWindow *
find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return window;
    }
  return NULL;
}

static gboolean
has_chooser (gpointer data)
{
  return find_toplevel (DOSSIER_TYPE_PRODUCT_CHOOSER) != NULL;
}

/* A window other than the main one, the product chooser and the shortcuts window: the
 * note's editor. */
static GtkWindow *
find_note_editor (Fixture *fixture)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (window != GTK_WINDOW (fixture->window) && gtk_widget_get_visible (GTK_WIDGET (window))
          && !DOSSIER_IS_PRODUCT_CHOOSER (window) && !GTK_IS_SHORTCUTS_WINDOW (window)
          && gtk_window_get_transient_for (window) == GTK_WINDOW (fixture->window))
        return window;
    }
  return NULL;
}

static gboolean
has_note_editor (gpointer data)
{
  return find_note_editor (data) != NULL;
}

static void
test_shortcuts (void)
{
  Fixture fixture = { 0 };
  GtkWindow *window;

  start (&fixture, 1280);
  /* From the list, where the focus is after choosing a client. */
  gtk_widget_grab_focus (GTK_WIDGET (window_child (&fixture, "list_view")));

  g_assert_true (press (&fixture, "<Control><Shift>n"));
  g_assert_true (dossier_test_wait_until (has_chooser, NULL, 5000));
  window = find_toplevel (DOSSIER_TYPE_PRODUCT_CHOOSER);
  g_assert_true (gtk_window_get_transient_for (window) == GTK_WINDOW (fixture.window));
  gtk_window_destroy (window);

  g_assert_null (g_object_get_data (G_OBJECT (fixture.page), "dossier-journal-actions-chooser"));
  g_assert_true (press (&fixture, "<Control><Shift>s"));
  {
    GtkNativeDialog *chooser = g_object_get_data (G_OBJECT (fixture.page), "dossier-journal-actions-chooser");

    g_assert_nonnull (chooser);
    g_assert_cmpint (gtk_file_chooser_get_action (GTK_FILE_CHOOSER (chooser)), ==, GTK_FILE_CHOOSER_ACTION_SAVE);
    g_object_set_data (G_OBJECT (fixture.page), "dossier-journal-actions-chooser", NULL);
  }

  g_assert_null (find_note_editor (&fixture));
  g_assert_true (press (&fixture, "<Control><Shift>m"));
  g_assert_true (dossier_test_wait_until (has_note_editor, &fixture, 5000));
  gtk_window_destroy (find_note_editor (&fixture));

  /* Ctrl+R stays Refresh; the window's action runs the page's. */
  g_assert_true (press (&fixture, "<Control>r"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture.window), "win.client-shortcut", "s",
                                             "client.request-product"));
  g_assert_true (dossier_test_wait_until (has_chooser, NULL, 5000));
  gtk_window_destroy (find_toplevel (DOSSIER_TYPE_PRODUCT_CHOOSER));

  /* Listed in Keyboard Shortcuts. */
  {
    GtkShortcutsWindow *overlay = gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (fixture.window));
    const char *wanted[] = { "<Control><Shift>n", "<Control><Shift>s", "<Control><Shift>m" };
    g_autoptr(GPtrArray) stack = g_ptr_array_new ();
    guint found = 0;

    g_assert_nonnull (overlay);
    g_ptr_array_add (stack, overlay);
    while (stack->len > 0)
      {
        GtkWidget *w = g_ptr_array_steal_index (stack, stack->len - 1);

        if (GTK_IS_SHORTCUTS_SHORTCUT (w))
          {
            g_autofree char *accelerator = NULL;

            g_object_get (w, "accelerator", &accelerator, NULL);
            /* Also in the window's search page: each counted once. */
            for (guint i = 0; i < G_N_ELEMENTS (wanted); i++)
              if (g_strcmp0 (accelerator, wanted[i]) == 0)
                found |= 1u << i;
          }
        for (GtkWidget *c = gtk_widget_get_first_child (w); c != NULL; c = gtk_widget_get_next_sibling (c))
          g_ptr_array_add (stack, c);
      }
    g_assert_cmpuint (found, ==, (1u << G_N_ELEMENTS (wanted)) - 1);
  }
  stop (&fixture);
}

int
main (int   argc,
      char *argv[])
{
  spanish = g_str_has_suffix (argv[0], "-es");
  if (spanish)
    {
      const char *localedir = g_getenv ("DOSSIER_TEST_LOCALEDIR");

      g_setenv ("LC_ALL", "es_ES.UTF-8", TRUE);
      g_setenv ("LANGUAGE", "es", TRUE);
      setlocale (LC_ALL, "es_ES.UTF-8");
      if (localedir != NULL)
        bindtextdomain (GETTEXT_PACKAGE, localedir);
      bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
      textdomain (GETTEXT_PACKAGE);
    }

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);
  dossier_journal_actions_set_chooser_hidden (TRUE);

  g_test_add_func ("/dossier/ui/client-page-layout/narrow", test_narrow);
  g_test_add_func ("/dossier/ui/client-page-layout/wide", test_wide);
  if (!spanish)
    {
      g_test_add_func ("/dossier/ui/client-page-layout/tab-order", test_tab_order);
      g_test_add_func ("/dossier/ui/client-page-layout/shortcuts", test_shortcuts);
    }

  return g_test_run ();
}
