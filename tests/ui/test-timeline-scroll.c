/* test-timeline-scroll.c — the client page and its timeline scroll as one
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A client page over a scratch journal with 300 events: one scrolled window (no
 * scroll area nested in another), whose range spans the details and every event; at
 * its end the oldest event is on screen while the list still makes rows only around
 * what shows; partway the timeline's heading and filters stay at the top, and the list
 * scrolling to an item (as keyboard focus does) moves the page; focus moving to the
 * page's menu button brings the top back. Screenshots of the three places.
 */
#include "config.h"

#include "dossier-client-page.h"
#include "dossier-request-cache.h"
#include "timeline-test-utils.h"

#define N_EVENTS 300

static GtkWidget *
find_child (GtkWidget *widget,
            GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_child (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Scrolled windows that scroll vertically, outside popovers (a menu has one). */
static guint
count_vertical_scrolling (GtkWidget *widget)
{
  GtkPolicyType vertical = GTK_POLICY_NEVER;
  guint n = 0;

  if (GTK_IS_SCROLLED_WINDOW (widget))
    {
      gtk_scrolled_window_get_policy (GTK_SCROLLED_WINDOW (widget), NULL, &vertical);
      n = vertical != GTK_POLICY_NEVER ? 1 : 0;
    }

  if (GTK_IS_POPOVER (widget))
    return 0;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n += count_vertical_scrolling (child);
  return n;
}

static GtkWidget *
find_label (GtkWidget  *widget,
            const char *text)
{
  if (GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_label (GTK_LABEL (widget)), text) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_label (child, text);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
is_null (gpointer data)
{
  return *(gpointer *) data == NULL;
}

static gboolean
all_loaded (gpointer data)
{
  Fixture *f = data;

  return f->view != NULL && !dossier_timeline_view_get_loading (DOSSIER_TIMELINE_VIEW (f->view)) &&
         g_list_model_get_n_items (dossier_timeline_view_get_model (DOSSIER_TIMELINE_VIEW (f->view))) > N_EVENTS;
}

typedef struct {
  GtkAdjustment *adjustment;
  double         min_upper;
} Range;

static gboolean
spans (gpointer data)
{
  Range *range = data;

  return gtk_adjustment_get_upper (range->adjustment) >= range->min_upper;
}

/* Scrolls to value (G_MAXDOUBLE: the end) until the list's estimates settle. */
static void
scroll_to (Fixture       *f,
           GtkAdjustment *adjustment,
           double         value)
{
  for (guint i = 0; i < 20; i++)
    {
      double want = MIN (value, gtk_adjustment_get_upper (adjustment) - gtk_adjustment_get_page_size (adjustment));

      gtk_adjustment_set_value (adjustment, want);
      gtk_test_widget_wait_for_draw (f->window);
      gtk_test_widget_wait_for_draw (f->window);
      if (ABS (gtk_adjustment_get_value (adjustment) - want) < 1 &&
          (value != G_MAXDOUBLE ||
           ABS (gtk_adjustment_get_upper (adjustment) - gtk_adjustment_get_page_size (adjustment) - want) < 1))
        return;
    }
}

/* The widget's box in the scrolled window's coordinates. */
static graphene_rect_t
bounds_in (GtkWidget *widget,
           GtkWidget *scrolled)
{
  graphene_rect_t bounds;

  g_assert_true (gtk_widget_compute_bounds (widget, scrolled, &bounds));
  return bounds;
}

static DossierTimelineRow *
row_of (Fixture             *f,
        DossierTimelineItem *item)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();

  collect_rows (f->view, rows);
  for (guint i = 0; i < rows->len; i++)
    if (dossier_timeline_row_get_item (rows->pdata[i]) == item)
      return rows->pdata[i];
  return NULL;
}

static void
test_scroll_as_one (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(DossierApi) api = dossier_api_new ("http://127.0.0.1:9", "test-key");
  g_autoptr(DossierRequestCache) cache = dossier_request_cache_new (api);
  g_autoptr(JsonNode) node = json_from_string (
      "{\"id\":\"" CLIENT "\",\"first_name\":\"Maria\",\"second_name\":\"Julia\","
      "\"last_name\":\"Barber\",\"email\":\"mjuliabarber@example.com\",\"birth_date\":\"1984-11-21\","
      "\"status\":\"pending\",\"created_at\":\"2026-04-15T10:30:00\","
      "\"updated_at\":\"2026-04-16T09:12:00\"}", NULL);
  g_autoptr(DossierClient) client = dossier_client_new_from_json (node, NULL);
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  GtkWidget *page = g_object_new (DOSSIER_TYPE_CLIENT_PAGE, NULL);
  GtkWidget *scrolled, *name, *heading, *menu;
  GtkAdjustment *adjustment;
  GListModel *model;
  DossierTimelineRow *row;
  graphene_rect_t box;
  double height;
  Range range;

  for (guint i = 0; i < N_EVENTS; i++)
    add_event (f, 1 + i / 40, 8 + (i % 40) / 4, (i % 4) * 15, "requirement-appeared", NULL, FALSE,
               "{\"group_id\":\"identity_document\",\"kind\":\"document\",\"name\":\"Identity document\"}");

  dossier_request_cache_set_journal (cache, f->journal);
  dossier_client_page_set_cache (DOSSIER_CLIENT_PAGE (page), cache);
  dossier_client_page_set_client (DOSSIER_CLIENT_PAGE (page), client);
  adw_window_set_content (ADW_WINDOW (f->window), page);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 760, 900);
  gtk_window_present (GTK_WINDOW (f->window));

  f->view = find_child (page, DOSSIER_TYPE_TIMELINE_VIEW);
  g_assert_true (dossier_test_wait_until (all_loaded, f, 60000));
  model = dossier_timeline_view_get_model (DOSSIER_TIMELINE_VIEW (f->view));

  /* One scrolled window: the timeline has none of its own (its filters may scroll
   * sideways in a narrow window), and it sits in no other. */
  g_assert_cmpuint (count_vertical_scrolling (f->view), ==, 0);
  scrolled = gtk_widget_get_ancestor (f->view, GTK_TYPE_SCROLLED_WINDOW);
  g_assert_nonnull (scrolled);
  g_assert_null (gtk_widget_get_ancestor (gtk_widget_get_parent (scrolled), GTK_TYPE_SCROLLED_WINDOW));
  g_assert_true (gtk_widget_is_ancestor (scrolled, page));
  adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));

  /* Its range spans the details and every event (rows are at least 30 px high). */
  range.adjustment = adjustment;
  range.min_upper = 30.0 * N_EVENTS;
  g_assert_true (dossier_test_wait_until (spans, &range, 10000));
  height = gtk_widget_get_height (scrolled);
  g_assert_cmpfloat (gtk_adjustment_get_page_size (adjustment), ==, height);

  /* Partway: the timeline's heading stays at the top while its list scrolls. */
  name = find_label (page, "Maria Julia Barber");
  heading = find_label (f->view, "Timeline");
  g_assert_nonnull (name);
  g_assert_nonnull (heading);
  scroll_to (f, adjustment, gtk_adjustment_get_upper (adjustment) / 2);
  box = bounds_in (heading, scrolled);
  g_assert_cmpfloat (box.origin.y, >=, 0);
  g_assert_cmpfloat (box.origin.y, <, 40);
  box = bounds_in (name, scrolled);
  g_assert_cmpfloat (box.origin.y + box.size.height, <=, 0);
  screenshot (f, "timeline-scroll-middle");

  /* The list scrolling itself (as keyboard focus does) takes the page with it. */
  {
    GtkWidget *list = find_child (f->view, GTK_TYPE_LIST_VIEW);
    guint target = g_list_model_get_n_items (model) - 40;
    double before = gtk_adjustment_get_value (adjustment);
    g_autoptr(DossierTimelineItem) item = g_list_model_get_item (model, target);

    g_assert_nonnull (list);
    g_assert_true (gtk_widget_activate_action (list, "list.scroll-to-item", "u", target));
    for (guint i = 0; i < 10; i++)
      gtk_test_widget_wait_for_draw (f->window);
    g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), >, before);
    row = row_of (f, item);
    g_assert_nonnull (row);
    box = bounds_in (GTK_WIDGET (row), scrolled);
    g_assert_cmpfloat (box.origin.y, >=, 0);
    g_assert_cmpfloat (box.origin.y + box.size.height, <=, height);
    box = bounds_in (heading, scrolled);
    g_assert_cmpfloat (box.origin.y, >=, 0);
    g_assert_cmpfloat (box.origin.y, <, 40);
  }

  /* At the end: the oldest event is on screen, and the list made rows only around it. */
  scroll_to (f, adjustment, G_MAXDOUBLE);
  row = row_of (f, g_list_model_get_item (model, g_list_model_get_n_items (model) - 1));
  g_object_unref (g_list_model_get_item (model, 0));  /* the store keeps its items */
  g_assert_nonnull (row);
  box = bounds_in (GTK_WIDGET (row), scrolled);
  g_assert_cmpfloat (box.origin.y, >=, 0);
  g_assert_cmpfloat (box.origin.y + box.size.height, <=, height);
  collect_rows (f->view, rows);
  g_test_message ("%u rows for %u items", rows->len, g_list_model_get_n_items (model));
  g_assert_cmpuint (rows->len, <, g_list_model_get_n_items (model) / 2);
  screenshot (f, "timeline-scroll-end");

  /* Focus on the page's menu button brings the top of the page back. */
  menu = find_child (page, GTK_TYPE_MENU_BUTTON);
  g_assert_nonnull (menu);
  /* It may hold the focus already (the first the window gave, the name being no stop):
   * the focus comes to it anew. */
  gtk_window_set_focus (GTK_WINDOW (f->window), NULL);
  g_assert_true (gtk_widget_grab_focus (menu));
  gtk_test_widget_wait_for_draw (f->window);
  gtk_test_widget_wait_for_draw (f->window);
  box = bounds_in (menu, scrolled);
  g_assert_cmpfloat (box.origin.y, >=, 0);
  g_assert_cmpfloat (box.origin.y + box.size.height, <=, height);
  screenshot (f, "timeline-scroll-top");

  /* The page's failed request fetch lets go of the cache, and so of the journal. */
  dossier_client_page_set_client (DOSSIER_CLIENT_PAGE (page), NULL);
  dossier_client_page_set_cache (DOSSIER_CLIENT_PAGE (page), NULL);
  {
    gpointer weak = cache;

    g_object_add_weak_pointer (G_OBJECT (cache), &weak);
    g_clear_object (&cache);
    g_assert_true (dossier_test_wait_until (is_null, &weak, 10000));
  }
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add ("/dossier/ui/timeline/scroll-as-one", Fixture, NULL, fixture_set_up, test_scroll_as_one,
              fixture_tear_down);

  return g_test_run ();
}
