/* test-client-row.c — rows in view always show their client, though rows out of view wait
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * DossierClientRow fills its labels only while it is in the list's viewport (GtkListView
 * keeps ~200 rows alive). These tests search, scroll and resize a list of 2 000 clients
 * and check, after each frame, that every row on screen shows the client of its item.
 */
#include "config.h"

#include <adwaita.h>

#include "dossier-client-filter-model.h"
#include "dossier-client-list.h"
#include "dossier-client-row.h"
#include "dossier-json.h"
#include "dossier-ui-test-utils.h"

#define N_CLIENTS 2000

typedef struct {
  DossierClientList        *clients;
  DossierClientFilterModel *model;
  GtkWidget                *window;
  GtkWidget                *list_view;
} Fixture;

static void
on_done (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static GPtrArray *
build_clients (void)
{
  GString *json = g_string_new ("[");
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *clients;

  for (guint i = 0; i < N_CLIENTS; i++)
    g_string_append_printf (json, "%s{\"id\":\"c%05u\",\"status\":\"active\",\"first_name\":\"Client%05u\","
                                  "\"last_name\":\"Row\",\"email\":\"client%05u@example.com\"}",
                            i > 0 ? "," : "", i, (i * 7919) % N_CLIENTS, i);
  g_string_append_c (json, ']');
  body = g_string_free_to_bytes (json);

  dossier_json_parse_clients_async (body, NULL, on_done, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  clients = dossier_json_parse_clients_finish (result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (clients->len, ==, N_CLIENTS);

  return clients;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GPtrArray) clients = build_clients ();
  g_autoptr(GtkListItemFactory) factory = dossier_client_row_factory_new ();
  GtkWidget *scrolled = gtk_scrolled_window_new ();

  fixture->clients = dossier_client_list_new ();
  dossier_client_list_merge (fixture->clients, clients);
  fixture->model = dossier_client_filter_model_new (G_LIST_MODEL (fixture->clients), NULL);
  g_assert_false (dossier_client_filter_model_get_pending (fixture->model));

  fixture->list_view = gtk_list_view_new (GTK_SELECTION_MODEL (gtk_no_selection_new (g_object_ref (G_LIST_MODEL (fixture->model)))),
                                          g_object_ref (factory));
  gtk_widget_add_css_class (fixture->list_view, "navigation-sidebar");
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), fixture->list_view);

  fixture->window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 360, 480);
  gtk_window_set_child (GTK_WINDOW (fixture->window), scrolled);
  gtk_window_present (GTK_WINDOW (fixture->window));
  g_assert_true (dossier_test_wait_for_draw (fixture->window));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  g_clear_object (&fixture->model);
  g_clear_object (&fixture->clients);
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

/* Lets the frame clock run a few frames, so that layout settles. */
static void
settle (Fixture *fixture)
{
  for (guint i = 0; i < 3; i++)
    {
      gtk_widget_queue_draw (fixture->window);
      g_assert_true (dossier_test_wait_for_draw (fixture->window));
    }
}

/* Every row on screen shows the client of its item; returns how many were on screen. */
static guint
check_rows_in_view (Fixture *fixture)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  int view_height = gtk_widget_get_height (fixture->list_view);
  guint seen = 0;

  settle (fixture);
  collect_rows (fixture->list_view, rows);
  g_assert_cmpuint (rows->len, >, 0);

  for (guint i = 0; i < rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (rows, i);
      DossierClientItem *item = dossier_client_row_get_item (DOSSIER_CLIENT_ROW (row));
      GtkLabel *name = (GtkLabel *) gtk_widget_get_template_child (row, DOSSIER_TYPE_CLIENT_ROW, "name_label");
      GtkLabel *email = (GtkLabel *) gtk_widget_get_template_child (row, DOSSIER_TYPE_CLIENT_ROW, "email_label");
      g_autofree char *expected = NULL;
      graphene_rect_t bounds;

      if (item == NULL || !gtk_widget_get_mapped (row)
          || !gtk_widget_compute_bounds (row, fixture->list_view, &bounds)
          || bounds.origin.y >= view_height || bounds.origin.y + bounds.size.height <= 0)
        continue;

      expected = dossier_client_get_display_name (dossier_client_item_get_client (item));
      g_assert_cmpstr (gtk_label_get_label (name), ==, expected);
      g_assert_cmpstr (gtk_label_get_label (email), ==,
                       dossier_client_get_email (dossier_client_item_get_client (item)));
      seen++;
    }

  /* A 480-pixel window shows several rows (when there are several). */
  g_assert_cmpuint (seen, >=, MIN (3, g_list_model_get_n_items (G_LIST_MODEL (fixture->model))));
  return seen;
}

static void
scroll_to (Fixture *fixture,
           guint    position)
{
  g_assert_true (gtk_widget_activate_action (fixture->list_view, "list.scroll-to-item", "u", position));
}

static void
test_row_search_and_scroll (Fixture       *fixture,
                            gconstpointer  data)
{
  check_rows_in_view (fixture);

  /* Every position gets another client: the rows on screen follow at once. */
  dossier_client_filter_model_set_query (fixture->model, "client01");
  g_assert_cmpuint (dossier_client_filter_model_get_n_matches (fixture->model), >, 500);
  g_assert_cmpuint (dossier_client_filter_model_get_n_matches (fixture->model), <, N_CLIENTS);
  check_rows_in_view (fixture);

  /* Rows that were out of view when their client changed come into view filled: a few
   * rows down (the same row widgets move), then further than GTK keeps rows alive. */
  scroll_to (fixture, 20);
  check_rows_in_view (fixture);
  scroll_to (fixture, 150);
  check_rows_in_view (fixture);
  scroll_to (fixture, 700);
  check_rows_in_view (fixture);

  /* Another search while scrolled, back to everyone, back to the top. */
  dossier_client_filter_model_set_query (fixture->model, "client00");
  check_rows_in_view (fixture);
  dossier_client_filter_model_set_query (fixture->model, "");
  scroll_to (fixture, 0);
  check_rows_in_view (fixture);
  scroll_to (fixture, 60);
  check_rows_in_view (fixture);
}

static gboolean
is_tall (gpointer data)
{
  return gtk_widget_get_height (data) >= 800;
}

static void
test_row_taller_window (Fixture       *fixture,
                        gconstpointer  data)
{
  guint before;
  guint after;

  before = check_rows_in_view (fixture);

  /* Rows below the viewport change client, then a taller window shows them. */
  dossier_client_filter_model_set_query (fixture->model, "client1");
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 360, 900);
  g_assert_true (dossier_test_wait_until (is_tall, fixture->window, 5000));
  after = check_rows_in_view (fixture);
  g_assert_cmpuint (after, >, before);
}

static gboolean
model_settled (gpointer data)
{
  return !dossier_client_filter_model_get_pending (data);
}

/* The model searches a copy of the keys: a client renamed in place is found once the
 * keys are refreshed (the window does it for refreshed lists and the page's client). */
static void
test_row_renamed_client (Fixture       *fixture,
                         gconstpointer  data)
{
  DossierClient *client = g_list_model_get_item (G_LIST_MODEL (fixture->clients), 1234);

  dossier_client_set_first_name (client, "Zebedée");
  dossier_client_filter_model_refresh_keys (fixture->model);
  g_assert_true (dossier_client_filter_model_get_pending (fixture->model));
  g_assert_true (dossier_test_wait_until (model_settled, fixture->model, 5000));

  dossier_client_filter_model_set_query (fixture->model, "zebedee");
  g_assert_cmpuint (dossier_client_filter_model_get_n_matches (fixture->model), ==, 1);
  g_assert_true (dossier_client_filter_model_get_client (fixture->model, 0) == client);
  check_rows_in_view (fixture);
  g_object_unref (client);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  g_test_add ("/dossier/ui/client-row/search-and-scroll", Fixture, NULL,
              fixture_set_up, test_row_search_and_scroll, fixture_tear_down);
  g_test_add ("/dossier/ui/client-row/taller-window", Fixture, NULL,
              fixture_set_up, test_row_taller_window, fixture_tear_down);
  g_test_add ("/dossier/ui/client-row/renamed-client", Fixture, NULL,
              fixture_set_up, test_row_renamed_client, fixture_tear_down);

  return g_test_run ();
}
