/* test-client-list.c — the client list: sandbox clients, search, filter, sort, badges,
 * the narrow layout and keyboard use
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <adwaita.h>

#include "dossier-application.h"
#include "dossier-client-item.h"
#include "dossier-client-page.h"
#include "dossier-client-row.h"
#include "dossier-window.h"
#include "dossier-ui-test-utils.h"

typedef struct {
  DossierApplication *app;
  DossierWindow      *window;
  GSettings          *settings;
} Fixture;

static gpointer
child (Fixture    *fixture,
       const char *name)
{
  return gtk_widget_get_template_child (GTK_WIDGET (fixture->window), DOSSIER_TYPE_WINDOW, name);
}

static gboolean
clients_loaded (gpointer data)
{
  Fixture *fixture = data;

  return dossier_client_filter_model_get_n_total (dossier_window_get_filter_model (fixture->window)) == 7
         && !dossier_window_get_loading (fixture->window);
}

static gboolean
badges_known (gpointer data)
{
  Fixture *fixture = data;
  DossierRequestCache *cache = dossier_window_get_request_cache (fixture->window);
  GListModel *clients = G_LIST_MODEL (dossier_window_get_clients (fixture->window));

  for (guint i = 0; i < g_list_model_get_n_items (clients); i++)
    {
      g_autoptr(DossierClient) client = g_list_model_get_item (clients, i);

      if (dossier_request_cache_lookup (cache, dossier_client_get_id (client)) == NULL)
        return FALSE;
    }
  return TRUE;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  static guint serial;
  g_autofree char *id = g_strdup_printf ("%s.Test.p%d.l%u", APPLICATION_ID, getpid (), ++serial);

  fixture->settings = g_settings_new ("io.github.dossier_app.Dossier");
  g_settings_reset (fixture->settings, "sort-order");
  g_settings_reset (fixture->settings, "status-filter");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_LIGHT);

  fixture->app = dossier_application_new (id, G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (fixture->app), NULL, &error);
  g_assert_no_error (error);
  g_application_activate (G_APPLICATION (fixture->app));
  fixture->window = DOSSIER_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (fixture->app)));
  g_assert_true (DOSSIER_IS_WINDOW (fixture->window));
  g_assert_true (dossier_test_wait_for_draw (GTK_WIDGET (fixture->window)));
  g_assert_true (dossier_test_wait_until (clients_loaded, fixture, 10000));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  g_clear_object (&fixture->app);
  g_clear_object (&fixture->settings);
}

static guint
count_status (Fixture    *fixture,
              const char *status)
{
  GListModel *clients = G_LIST_MODEL (dossier_window_get_clients (fixture->window));
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (clients); i++)
    {
      g_autoptr(DossierClient) client = g_list_model_get_item (clients, i);

      n += g_strcmp0 (dossier_client_get_status (client), status) == 0;
    }
  return n;
}

static void
test_list_shows_clients (Fixture       *fixture,
                         gconstpointer  data)
{
  DossierClientFilterModel *model = dossier_window_get_filter_model (fixture->window);
  GtkStack *main_stack = child (fixture, "main_stack");
  AdwWindowTitle *title = child (fixture, "sidebar_title");

  g_assert_cmpstr (gtk_stack_get_visible_child_name (main_stack), ==, "clients");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 7);
  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (model)) == DOSSIER_TYPE_CLIENT_ITEM);
  g_assert_cmpstr (adw_window_title_get_subtitle (title), ==, "7 clients");

  /* Sorted by name: the folded keys ascend. */
  for (guint i = 1; i < 7; i++)
    g_assert_cmpint (strcmp (dossier_client_get_search_key (dossier_client_filter_model_get_client (model, i - 1)),
                             dossier_client_get_search_key (dossier_client_filter_model_get_client (model, i))), <, 0);
}

static void
search (Fixture    *fixture,
        const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (child (fixture, "search_entry")), text);
}

static void
test_list_search (Fixture       *fixture,
                  gconstpointer  data)
{
  DossierClientFilterModel *model = dossier_window_get_filter_model (fixture->window);
  GtkStack *list_stack = child (fixture, "list_stack");
  g_autoptr(DossierClientItem) first = NULL;
  g_autofree char *id_part = NULL;
  GtkWidget *focus;

  /* Ctrl+F's action opens the search bar and focuses the entry. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.search", NULL));
  g_assert_true (gtk_search_bar_get_search_mode (child (fixture, "search_bar")));
  focus = gtk_window_get_focus (GTK_WINDOW (fixture->window));
  g_assert_true (focus != NULL && gtk_widget_is_ancestor (focus, child (fixture, "search_entry")));
  g_assert_cmpuint (gtk_search_entry_get_search_delay (child (fixture, "search_entry")), ==, 0);

  first = g_list_model_get_item (G_LIST_MODEL (model), 0);

  /* Accents and case fold away: "joaquin" finds Joaquín, "FERNANDEZ" Fernández. */
  search (fixture, "joaquin");
  g_assert_cmpuint (dossier_client_filter_model_get_n_matches (model), ==, 1);
  g_assert_cmpstr (dossier_client_get_first_name (dossier_client_filter_model_get_client (model, 0)), ==, "Joaquín");
  /* The row object at position 0 stayed; only the tail went. */
  {
    g_autoptr(DossierClientItem) again = g_list_model_get_item (G_LIST_MODEL (model), 0);

    g_assert_true (again == first);
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 1);
  }
  search (fixture, "FERNÁNDEZ soto");
  g_assert_cmpuint (dossier_client_filter_model_get_n_matches (model), ==, 1);

  /* Email and id. */
  search (fixture, "MJULIABARBER@");
  g_assert_cmpuint (dossier_client_filter_model_get_n_matches (model), ==, 1);
  g_assert_cmpstr (dossier_client_get_last_name (dossier_client_filter_model_get_client (model, 0)), ==, "Barber");
  id_part = g_strndup (dossier_client_get_id (dossier_client_filter_model_get_client (model, 0)), 12);
  search (fixture, id_part);
  g_assert_cmpuint (dossier_client_filter_model_get_n_matches (model), ==, 1);
  g_assert_cmpstr (dossier_client_get_last_name (dossier_client_filter_model_get_client (model, 0)), ==, "Barber");

  /* No match: the page says so, the rows are kept behind it. */
  search (fixture, "zzzz");
  g_assert_cmpuint (dossier_client_filter_model_get_n_matches (model), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), >, 0);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (list_stack), ==, "no-match");
  gtk_test_widget_wait_for_draw (GTK_WIDGET (fixture->window));
  g_free (dossier_test_save_screenshot (GTK_WIDGET (fixture->window), "client-list-no-match"));

  /* Clearing shows everyone again. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-all", NULL));
  g_assert_cmpuint (dossier_client_filter_model_get_n_matches (model), ==, 7);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (list_stack), ==, "list");
}

static void
test_list_filter_and_sort (Fixture       *fixture,
                           gconstpointer  data)
{
  DossierClientFilterModel *model = dossier_window_get_filter_model (fixture->window);
  DossierRequestCache *cache = dossier_window_get_request_cache (fixture->window);
  GtkWidget *settings = GTK_WIDGET (fixture->window);
  g_autofree char *sort_order = NULL;
  guint waiting = 0;
  gint64 previous;

  g_assert_true (dossier_test_wait_until (badges_known, fixture, 15000));

  const char *statuses[] = { "pending", "active", "rejected" };
  for (guint i = 0; i < G_N_ELEMENTS (statuses); i++)
    {
      g_assert_true (gtk_widget_activate_action (settings, "settings.status-filter", "s", statuses[i]));
      g_assert_cmpstr (dossier_client_filter_model_get_status_filter (model), ==, statuses[i]);
      g_assert_cmpuint (dossier_client_filter_model_get_n_matches (model), ==, count_status (fixture, statuses[i]));
      for (guint j = 0; j < dossier_client_filter_model_get_n_matches (model); j++)
        g_assert_cmpstr (dossier_client_get_status (dossier_client_filter_model_get_client (model, j)), ==, statuses[i]);
    }

  /* Waiting on me: open requests not in review (something missing, or to submit). */
  for (guint i = 0; i < 7; i++)
    {
      g_autoptr(DossierClient) client = g_list_model_get_item (G_LIST_MODEL (dossier_window_get_clients (fixture->window)), i);

      waiting += dossier_request_summary_waits_on_me (dossier_request_cache_lookup (cache, dossier_client_get_id (client)));
    }
  g_assert_cmpuint (waiting, >, 0);
  g_assert_true (gtk_widget_activate_action (settings, "settings.status-filter", "s", "waiting-on-me"));
  g_assert_cmpuint (dossier_client_filter_model_get_n_matches (model), ==, waiting);
  g_assert_true (gtk_widget_activate_action (settings, "settings.status-filter", "s", "all"));
  g_assert_cmpuint (dossier_client_filter_model_get_n_matches (model), ==, 7);

  /* Last change: newest first. */
  g_assert_true (gtk_widget_activate_action (settings, "settings.sort-order", "s", "last-change"));
  sort_order = g_settings_get_string (fixture->settings, "sort-order");
  g_assert_cmpstr (sort_order, ==, "last-change");
  previous = G_MAXINT64;
  for (guint i = 0; i < 7; i++)
    {
      gint64 t = g_date_time_to_unix (dossier_client_get_updated_at (dossier_client_filter_model_get_client (model, i)));

      g_assert_cmpint (t, <=, previous);
      previous = t;
    }

  /* Waiting longest: oldest open request first, clients without one last. */
  g_assert_true (gtk_widget_activate_action (settings, "settings.sort-order", "s", "waiting-longest"));
  previous = 0;
  for (guint i = 0; i < 7; i++)
    {
      const DossierRequestSummary *summary;
      gint64 since;

      summary = dossier_request_cache_lookup (cache, dossier_client_get_id (dossier_client_filter_model_get_client (model, i)));
      since = summary->oldest_open != 0 ? summary->oldest_open : G_MAXINT64;
      g_assert_cmpint (since, >=, previous);
      previous = since;
    }
  gtk_test_widget_wait_for_draw (GTK_WIDGET (fixture->window));
  g_free (dossier_test_save_screenshot (GTK_WIDGET (fixture->window), "client-list-waiting-longest"));
}

static void
collect_rows (GtkWidget *widget,
              GPtrArray *rows)
{
  if (DOSSIER_IS_CLIENT_ROW (widget))
    g_ptr_array_add (rows, widget);
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    collect_rows (c, rows);
}

static void
test_list_badges (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  guint with_badge = 0;

  g_assert_true (dossier_test_wait_until (badges_known, fixture, 15000));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (fixture->window));
  collect_rows (child (fixture, "list_view"), rows);
  g_assert_cmpuint (rows->len, >=, 7);

  for (guint i = 0; i < rows->len; i++)
    {
      DossierClientRow *row = g_ptr_array_index (rows, i);
      DossierClientItem *item = dossier_client_row_get_item (row);
      GtkWidget *badge = (GtkWidget *) gtk_widget_get_template_child (GTK_WIDGET (row), DOSSIER_TYPE_CLIENT_ROW, "badge");
      GtkLabel *detail = (GtkLabel *) gtk_widget_get_template_child (GTK_WIDGET (row), DOSSIER_TYPE_CLIENT_ROW, "detail_label");
      const DossierRequestSummary *summary;

      if (item == NULL)
        continue;
      summary = dossier_client_item_get_summary (item);
      g_assert_nonnull (summary);
      /* Open requests say who they wait on; a standing rejection says so too. */
      g_assert_true (gtk_widget_get_visible (badge) == (summary->n_open > 0 || summary->rejected_at > 0));
      g_assert_nonnull (strstr (gtk_label_get_label (detail), "checked"));
      with_badge += gtk_widget_get_visible (badge);
    }
  g_assert_cmpuint (with_badge, >, 0);
}

static gboolean
is_folded (gpointer data)
{
  return adw_leaflet_get_folded (data);
}

static gboolean
not_folded (gpointer data)
{
  return !adw_leaflet_get_folded (data);
}

static gboolean
page_has_requests (gpointer data)
{
  return !dossier_client_page_get_loading (data) && dossier_client_page_get_n_requests (data) > 0;
}

static void
test_list_keyboard_and_layouts (Fixture       *fixture,
                                gconstpointer  data)
{
  AdwLeaflet *leaflet = child (fixture, "leaflet");
  DossierClientPage *page = child (fixture, "page");
  GtkWidget *list_view = child (fixture, "list_view");
  DossierClientFilterModel *model = dossier_window_get_filter_model (fixture->window);
  GtkWidget *focus;

  g_assert_true (dossier_test_wait_until (badges_known, fixture, 15000));
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 1100, 700);
  g_assert_true (dossier_test_wait_until (not_folded, leaflet, 5000));

  /* Keyboard only: search, Enter opens the first match, the list moves the selection. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.search", NULL));
  search (fixture, "lucia");
  g_signal_emit_by_name (child (fixture, "search_entry"), "activate");
  g_assert_cmpstr (dossier_client_get_first_name (dossier_client_page_get_client (page)), ==, "Lucía");
  g_signal_emit_by_name (child (fixture, "search_entry"), "stop-search");
  g_assert_false (gtk_search_bar_get_search_mode (child (fixture, "search_bar")));
  focus = gtk_window_get_focus (GTK_WINDOW (fixture->window));
  g_assert_true (focus == list_view || gtk_widget_is_ancestor (focus, list_view));
  /* The selection follows the page's client to its new position. */
  g_assert_cmpuint (gtk_single_selection_get_selected (GTK_SINGLE_SELECTION (gtk_list_view_get_model (GTK_LIST_VIEW (list_view)))),
                    ==, dossier_client_filter_model_find (model, dossier_client_page_get_client (page)));
  g_assert_true (gtk_widget_activate_action (list_view, "list.select-item", "(ubb)", 0, FALSE, FALSE));
  g_assert_true (dossier_client_page_get_client (page) == dossier_client_filter_model_get_client (model, 0));
  g_assert_true (dossier_test_wait_until (page_has_requests, page, 10000));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (fixture->window));
  g_free (dossier_test_save_screenshot (GTK_WIDGET (fixture->window), "client-list-wide"));

  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (fixture->window));
  g_free (dossier_test_save_screenshot (GTK_WIDGET (fixture->window), "client-list-wide-dark"));
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_LIGHT);

  /* Narrow: one pane; activating a row opens the page, back returns to the list. */
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 360, 640);
  g_assert_true (dossier_test_wait_until (is_folded, leaflet, 5000));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.back", NULL));
  g_assert_true (adw_leaflet_get_visible_child (leaflet) == child (fixture, "sidebar"));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (fixture->window));
  g_free (dossier_test_save_screenshot (GTK_WIDGET (fixture->window), "client-list-narrow"));
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (fixture->window));
  g_free (dossier_test_save_screenshot (GTK_WIDGET (fixture->window), "client-list-narrow-dark"));
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_LIGHT);

  g_signal_emit_by_name (list_view, "activate", 1);
  g_assert_true (adw_leaflet_get_visible_child (leaflet) == child (fixture, "content"));
  g_assert_true (dossier_client_page_get_client (page) == dossier_client_filter_model_get_client (model, 1));
  g_assert_true (gtk_widget_get_visible (child (fixture, "back_button")));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (fixture->window));
  g_free (dossier_test_save_screenshot (GTK_WIDGET (fixture->window), "client-page-narrow"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.back", NULL));
  g_assert_true (adw_leaflet_get_visible_child (leaflet) == child (fixture, "sidebar"));
}

static void
test_list_actions (Fixture       *fixture,
                   gconstpointer  data)
{
  GtkWidget *window = GTK_WIDGET (fixture->window);

  /* New client waits for its form (next milestone): disabled, never failing. */
  g_assert_false (gtk_widget_activate_action (window, "win.new-client", NULL) && FALSE);
  g_assert_true (gtk_widget_activate_action (window, "win.refresh", NULL));
  g_assert_true (dossier_window_get_loading (fixture->window));
  g_assert_true (dossier_test_wait_until (clients_loaded, fixture, 10000));

  /* The size is kept for the next start. */
  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 620);
  gtk_window_close (GTK_WINDOW (window));
  g_assert_cmpint (g_settings_get_int (fixture->settings, "window-width"), ==, 1000);
  g_assert_cmpint (g_settings_get_int (fixture->settings, "window-height"), ==, 620);
  g_assert_false (g_settings_get_boolean (fixture->settings, "window-maximized"));
  fixture->window = DOSSIER_WINDOW (dossier_window_new (fixture->app));
  {
    int width;
    int height;

    gtk_window_get_default_size (GTK_WINDOW (fixture->window), &width, &height);
    g_assert_cmpint (width, ==, 1000);
    g_assert_cmpint (height, ==, 620);
  }
  g_settings_reset (fixture->settings, "window-width");
  g_settings_reset (fixture->settings, "window-height");
}

static gboolean
journal_open (gpointer data)
{
  Fixture *fixture = data;

  return dossier_window_get_journal (fixture->window) != NULL;
}

static gboolean
note_found (gpointer data)
{
  Fixture *fixture = data;
  DossierClientFilterModel *model = dossier_window_get_filter_model (fixture->window);

  return dossier_client_filter_model_get_n_matches (model) == 1;
}

static void
note_added_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  gint64 *id = user_data;
  g_autoptr(GError) error = NULL;

  *id = dossier_journal_add_note_finish (DOSSIER_JOURNAL (object), result, &error);
  g_assert_no_error (error);
}

static gboolean
id_set (gpointer data)
{
  return *(gint64 *) data != 0;
}

/* A client is found by the words of its private notes, not only its name and email. */
static void
test_list_note_search (Fixture       *fixture,
                       gconstpointer  data)
{
  DossierClientFilterModel *model = dossier_window_get_filter_model (fixture->window);
  g_autoptr(DossierClient) client = NULL;
  gint64 note_id = 0;

  g_assert_true (dossier_test_wait_until (journal_open, fixture, 10000));
  client = g_list_model_get_item (G_LIST_MODEL (dossier_window_get_clients (fixture->window)), 3);
  dossier_client_filter_model_set_query (model, "Zanzibar");
  g_assert_cmpuint (dossier_client_filter_model_get_n_matches (model), ==, 0);

  /* The note arrives while the query is typed: the list follows. */
  dossier_journal_add_note_async (dossier_window_get_journal (fixture->window), dossier_client_get_id (client),
                                  "Called back about the move to Zanzibar; proof of address follows.",
                                  NULL, note_added_cb, &note_id);
  g_assert_true (dossier_test_wait_until (id_set, &note_id, 10000));
  g_assert_true (dossier_test_wait_until (note_found, fixture, 10000));
  g_assert_true (dossier_client_filter_model_get_client (model, 0) == client);

  /* Accents and case folded like the names: "zanzíbar" finds it too. */
  dossier_client_filter_model_set_query (model, "zanzíbar");
  g_assert_cmpuint (dossier_client_filter_model_get_n_matches (model), ==, 1);
  dossier_client_filter_model_set_query (model, "");
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  /* Screenshots show the settled window, not a crossfade or a leaflet slide.
   * No entry selects its text on focus: a selection claims X's PRIMARY, and GTK 4.8
   * leaks the X11 selection streams with which the other ui tests sharing the Xvfb
   * (meson test runs them in parallel) ask for and answer its targets. */
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE,
                "gtk-entry-select-on-focus", FALSE, NULL);

#define ADD(path, func) g_test_add ("/dossier/ui/client-list/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("shows-clients", test_list_shows_clients);
  ADD ("search", test_list_search);
  ADD ("note-search", test_list_note_search);
  ADD ("filter-and-sort", test_list_filter_and_sort);
  ADD ("badges", test_list_badges);
  ADD ("keyboard-and-layouts", test_list_keyboard_and_layouts);
  ADD ("actions", test_list_actions);
#undef ADD

  return g_test_run ();
}
