/* test-client-page-switch.c — the client page when another client is shown
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What a person found using the page by hand: a newly shown client started where the
 * previous one was scrolled to, with its filter; an empty timeline was a blank card;
 * Tab stopped on the name heading and selected it. Over a scratch journal
 * (timeline-test-utils.h) and a request cache whose server never answers.
 */
#include "config.h"

#include "dossier-client-page.h"
#include "dossier-request-cache.h"
#include "dossier-timeline-view-private.h"
#include "timeline-test-utils.h"

#define OTHER  "9ZZq1rQtjnLM0wMswTRY9AmM4XTvY4ZZ"
#define QUIET  "7QQq1rQtjnLM0wMswTRY9AmM4XTvY4QQ"

static DossierClient *
new_client (const char *id,
            const char *first_name)
{
  g_autofree char *json = g_strdup_printf (
      "{\"id\":\"%s\",\"first_name\":\"%s\",\"last_name\":\"Barber\",\"email\":\"x@example.com\","
      "\"birth_date\":\"1984-11-21\",\"status\":\"pending\",\"phone_country_code\":54,"
      "\"phone_number\":1168860622,\"address\":{\"street_line1\":\"Florida 9860\",\"city\":\"Del Viso\","
      "\"postal_code\":\"1669\",\"state\":\"ARG-B\",\"country\":\"ARG\"},"
      "\"created_at\":\"2026-04-15T10:30:00\",\"updated_at\":\"2026-04-16T09:12:00\"}", id, first_name);
  g_autoptr(JsonNode) node = json_from_string (json, NULL);
  g_autoptr(GError) error = NULL;
  DossierClient *client = dossier_client_new_from_json (node, &error);

  g_assert_no_error (error);
  return client;
}

/* One client-created event of another client. */
static void
add_other_event (Fixture    *f,
                 const char *client_id)
{
  g_autoptr(DossierJournalEvent) event = dossier_journal_event_new (client_id, NULL, "client-created",
                                                                    g_get_real_time () - G_USEC_PER_SEC);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  event->trace_id = g_strdup ("tr-other");
  dossier_journal_add_event_async (f->journal, event, NULL, catch_cb, f);
  result = await (f);
  g_assert_cmpint (dossier_journal_add_event_finish (f->journal, result, &error), >, 0);
  g_assert_no_error (error);
}

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

static GtkWidget *
find_heading (GtkWidget *widget)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_has_css_class (widget, "title-1"))
    return widget;
  /* Not the "No Client Selected" page's title. */
  if (ADW_IS_STATUS_PAGE (widget))
    return NULL;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_heading (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
not_loading (gpointer data)
{
  return !dossier_timeline_view_get_loading (DOSSIER_TIMELINE_VIEW (((Fixture *) data)->view));
}

static gboolean
scrolls (gpointer data)
{
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (data));

  return gtk_adjustment_get_upper (adjustment) > gtk_adjustment_get_page_size (adjustment) + 200;
}

static double
scrolled_to (GtkWidget *scrolled)
{
  return gtk_adjustment_get_value (gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled)));
}

static GtkWidget *
show_page (Fixture             *f,
           DossierRequestCache *cache,
           DossierClient       *client)
{
  GtkWidget *page = g_object_new (DOSSIER_TYPE_CLIENT_PAGE, NULL);

  dossier_request_cache_set_journal (cache, f->journal);
  dossier_client_page_set_cache (DOSSIER_CLIENT_PAGE (page), cache);
  dossier_client_page_set_client (DOSSIER_CLIENT_PAGE (page), client);
  adw_window_set_content (ADW_WINDOW (f->window), page);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 720, 640);
  gtk_window_present (GTK_WINDOW (f->window));
  f->view = find_child (page, DOSSIER_TYPE_TIMELINE_VIEW);
  g_assert_nonnull (f->view);
  return page;
}

static gboolean
is_null (gpointer data)
{
  return *(gpointer *) data == NULL;
}

/* The page lets go of the cache (its fetch fails at once), and so of the journal. */
static void
release (GtkWidget            *page,
         DossierRequestCache **cache)
{
  gpointer weak = *cache;

  dossier_client_page_set_client (DOSSIER_CLIENT_PAGE (page), NULL);
  dossier_client_page_set_cache (DOSSIER_CLIENT_PAGE (page), NULL);
  g_object_add_weak_pointer (G_OBJECT (*cache), &weak);
  g_clear_object (cache);
  g_assert_true (dossier_test_wait_until (is_null, &weak, 10000));
}

/* Another client starts at the top with every event; the same client again stays put. */
static void
test_switch_resets (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(DossierApi) api = dossier_api_new ("http://127.0.0.1:9", "test-key");
  DossierRequestCache *cache = dossier_request_cache_new (api);
  g_autoptr(DossierClient) maria = new_client (CLIENT, "Maria");
  g_autoptr(DossierClient) maria_again = new_client (CLIENT, "María");
  g_autoptr(DossierClient) other = new_client (OTHER, "Joaquín");
  DossierTimelineView *view;
  GtkWidget *page, *scrolled;
  double bottom;

  fill (f);
  page = show_page (f, cache, maria);
  view = DOSSIER_TIMELINE_VIEW (f->view);
  g_assert_true (dossier_test_wait_until (loaded, f, 10000));
  scrolled = gtk_widget_get_ancestor (f->view, GTK_TYPE_SCROLLED_WINDOW);
  g_assert_true (dossier_test_wait_for_draw (f->window));
  g_assert_true (dossier_test_wait_until (scrolls, scrolled, 10000));

  /* The reader picks a filter and scrolls to the end of Maria’s page. */
  dossier_timeline_view_set_filter (view, DOSSIER_TIMELINE_FILTER_STATUS);
  g_assert_true (dossier_test_wait_for_draw (f->window));
  bottom = gtk_adjustment_get_upper (gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled)));
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled)), bottom);
  g_assert_true (dossier_test_wait_for_draw (f->window));
  g_assert_cmpfloat (scrolled_to (scrolled), >, 100);

  /* A fresher copy of Maria (the list refreshed): nothing moves. */
  dossier_client_page_set_client (DOSSIER_CLIENT_PAGE (page), maria_again);
  g_assert_true (dossier_test_wait_for_draw (f->window));
  g_assert_cmpuint (dossier_timeline_view_get_filter (view), ==, DOSSIER_TIMELINE_FILTER_STATUS);
  g_assert_cmpfloat (scrolled_to (scrolled), >, 100);

  /* Joaquín: the top of his page, every kind of event. */
  dossier_client_page_set_client (DOSSIER_CLIENT_PAGE (page), other);
  g_assert_cmpuint (dossier_timeline_view_get_filter (view), ==, DOSSIER_TIMELINE_FILTER_ALL);
  g_assert_cmpfloat (scrolled_to (scrolled), ==, 0);
  g_assert_true (dossier_test_wait_until (not_loading, f, 10000));
  for (guint i = 0; i < 3; i++)
    g_assert_true (dossier_test_wait_for_draw (f->window));
  g_assert_cmpfloat (scrolled_to (scrolled), ==, 0);
  screenshot (f, "client-page-switch-top");

  /* Back to Maria, scrolled down first: her page starts at the top too. */
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled)), 200);
  dossier_client_page_set_client (DOSSIER_CLIENT_PAGE (page), maria);
  g_assert_true (dossier_test_wait_until (loaded, f, 10000));
  for (guint i = 0; i < 3; i++)
    g_assert_true (dossier_test_wait_for_draw (f->window));
  g_assert_cmpfloat (scrolled_to (scrolled), ==, 0);
  g_assert_cmpuint (dossier_timeline_view_get_filter (view), ==, DOSSIER_TIMELINE_FILTER_ALL);
  release (page, &cache);
}

/* No events, or none of the filter's kind: a short dim status, centred, never a blank card. */
static void
test_empty_says_so (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(DossierApi) api = dossier_api_new ("http://127.0.0.1:9", "test-key");
  DossierRequestCache *cache = dossier_request_cache_new (api);
  g_autoptr(DossierClient) other = new_client (OTHER, "Joaquín");
  g_autoptr(DossierClient) quiet = new_client (QUIET, "Camila");
  DossierTimelineView *view;
  GtkWidget *page;

  add_other_event (f, QUIET);
  page = show_page (f, cache, other);
  view = DOSSIER_TIMELINE_VIEW (f->view);
  g_assert_true (dossier_test_wait_until (not_loading, f, 10000));
  g_assert_true (dossier_test_wait_for_draw (f->window));

  g_assert_cmpstr (_dossier_timeline_view_get_empty_text (view), ==, "No events yet");
  g_assert_true (gtk_widget_get_mapped (view->empty_label));
  g_assert_true (gtk_widget_has_css_class (view->empty_label, "dim-label"));
  g_assert_cmpint (gtk_widget_get_halign (view->empty_label), ==, GTK_ALIGN_CENTER);
  {
    GtkAdjustment *adjustment =
      gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (gtk_widget_get_ancestor (f->view, GTK_TYPE_SCROLLED_WINDOW)));

    gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
  }
  screenshot (f, "client-page-no-events");

  /* A filter chosen before the events are read says so too once they are in. */
  dossier_client_page_set_client (DOSSIER_CLIENT_PAGE (page), quiet);
  dossier_timeline_view_set_filter (view, DOSSIER_TIMELINE_FILTER_NOTES);
  g_assert_true (dossier_test_wait_until (not_loading, f, 10000));
  g_assert_cmpstr (_dossier_timeline_view_get_empty_text (view), ==, "No events of this kind");
  dossier_timeline_view_set_filter (view, DOSSIER_TIMELINE_FILTER_ALL);
  g_assert_null (_dossier_timeline_view_get_empty_text (view));
  dossier_timeline_view_set_filter (view, DOSSIER_TIMELINE_FILTER_PROBLEMS);
  g_assert_cmpstr (_dossier_timeline_view_get_empty_text (view), ==, "No events of this kind");
  g_assert_true (dossier_test_wait_for_draw (f->window));
  g_assert_true (gtk_widget_get_mapped (view->empty_label));
  release (page, &cache);
}

/* Tab never stops on the name: it is a heading, not a selectable label. */
static void
test_name_not_in_tab_order (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(DossierApi) api = dossier_api_new ("http://127.0.0.1:9", "test-key");
  DossierRequestCache *cache = dossier_request_cache_new (api);
  g_autoptr(DossierClient) maria = new_client (CLIENT, "Maria");
  GtkWidget *heading;
  GtkWidget *page;
  gboolean reached_copy = FALSE;

  page = show_page (f, cache, maria);
  g_assert_true (dossier_test_wait_for_draw (f->window));
  heading = find_heading (page);
  g_assert_nonnull (heading);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (heading)), ==, "Maria Barber");
  g_assert_false (gtk_label_get_selectable (GTK_LABEL (heading)));
  g_assert_false (gtk_widget_get_focusable (heading));
  g_assert_cmpint (gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (heading)), ==,
                   GTK_ACCESSIBLE_ROLE_HEADING);

  /* Through the page by Tab: never the heading; the ID's copy button is reached. */
  gtk_window_set_focus (GTK_WINDOW (f->window), NULL);
  for (guint i = 0; i < 12; i++)
    {
      GtkWidget *focus;

      gtk_widget_child_focus (f->window, GTK_DIR_TAB_FORWARD);
      focus = gtk_root_get_focus (GTK_ROOT (f->window));
      g_assert_true (focus != heading);
      if (focus != NULL && GTK_IS_BUTTON (focus) &&
          g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (focus)), "client.copy-id") == 0)
        reached_copy = TRUE;
    }
  g_assert_true (reached_copy);
  release (page, &cache);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_LIGHT);

#define ADD(path, func) g_test_add ("/dossier/ui/client-page/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("switch-resets", test_switch_resets);
  ADD ("empty-says-so", test_empty_says_so);
  ADD ("name-not-in-tab-order", test_name_not_in_tab_order);
#undef ADD

  return g_test_run ();
}
