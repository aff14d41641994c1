/* test-timeline.c — the client's timeline: days, wording, filters, notes, refresh
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A DossierTimelineView in a window over a scratch journal holding a client's events on
 * three days (as the recorder and the uploader write them) and a note; screenshots in
 * light and dark.
 */
#include "config.h"

#include "dossier-client-page.h"
#include "dossier-note-index.h"
#include "dossier-timeline-view-private.h"
#include "timeline-test-utils.h"

static gboolean
has_thumbnail (gpointer data)
{
  return dossier_timeline_item_get_thumbnail (data) != NULL;
}

static void
test_timeline_days (Fixture       *f,
                    gconstpointer  data)
{
  GListModel *model;
  g_autofree char *first = NULL;
  g_autofree char *note = NULL;
  guint n_days = 0;
  gint64 previous = G_MAXINT64;

  fill (f);
  gtk_window_present (GTK_WINDOW (f->window));
  dossier_timeline_view_set_client (DOSSIER_TIMELINE_VIEW (f->view), f->journal, CLIENT);
  g_assert_true (dossier_test_wait_until (loaded, f, 10000));
  g_assert_true (dossier_test_wait_for_draw (f->window));

  model = dossier_timeline_view_get_model (DOSSIER_TIMELINE_VIEW (f->view));
  /* 13 events + 1 note + 3 day headings. */
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 17);
  g_assert_cmpint (dossier_timeline_item_get_kind (item_at (f, 0)), ==, DOSSIER_TIMELINE_ITEM_DAY);
  first = title_at (f, 0);
  g_assert_cmpstr (first, ==, "Today");
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      DossierTimelineItem *item = item_at (f, i);

      if (dossier_timeline_item_get_kind (item) == DOSSIER_TIMELINE_ITEM_DAY)
        {
          n_days++;
          continue;
        }
      /* Newest first. */
      g_assert_cmpint (dossier_timeline_item_get_time (item), <=, previous);
      previous = dossier_timeline_item_get_time (item);
    }
  g_assert_cmpuint (n_days, ==, 3);

  /* The note, written just now, comes first. */
  g_assert_cmpint (dossier_timeline_item_get_kind (item_at (f, 1)), ==, DOSSIER_TIMELINE_ITEM_NOTE);
  note = title_at (f, 1);
  g_assert_cmpstr (note, ==, "Called Maria: she will bring her new passport on Monday.");

  {
    g_autofree char *rejected = title_at (f, 2);
    g_autofree char *subtitle = dossier_timeline_item_dup_subtitle (item_at (f, 2));

    g_assert_cmpstr (rejected, ==, "Rejected: The passport has expired.");
    /* The trace id is the row's tooltip, not part of its second line. */
    g_assert_null (strstr (subtitle, "tr-r1"));
    g_assert_cmpstr (dossier_timeline_item_get_trace_id (item_at (f, 2)), ==, "tr-r1");
  }

  /* Wording of the rows on screen, and the thumbnail of the upload once read. */
  {
    DossierTimelineRow *row = find_row (f, "document-uploaded");

    g_assert_nonnull (row);
    g_assert_cmpstr (dossier_timeline_row_get_title (row), ==, "Passport uploaded (front, back)");
  }
  g_assert_true (dossier_test_wait_until (has_thumbnail,
                                          dossier_timeline_row_get_item (find_row (f, "document-uploaded")),
                                          5000));

  screenshot (f, "timeline-light");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);
  screenshot (f, "timeline-dark");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_LIGHT);
}

static guint
count_events (Fixture *f)
{
  GListModel *model = dossier_timeline_view_get_model (DOSSIER_TIMELINE_VIEW (f->view));
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    if (dossier_timeline_item_get_kind (item_at (f, i)) != DOSSIER_TIMELINE_ITEM_DAY)
      n++;
  return n;
}

static void
test_timeline_filters (Fixture       *f,
                       gconstpointer  data)
{
  DossierTimelineView *view = DOSSIER_TIMELINE_VIEW (f->view);

  fill (f);
  gtk_window_present (GTK_WINDOW (f->window));
  dossier_timeline_view_set_client (view, f->journal, CLIENT);
  g_assert_true (dossier_test_wait_until (loaded, f, 10000));

  dossier_timeline_view_set_filter (view, DOSSIER_TIMELINE_FILTER_PROBLEMS);
  /* rejected, failure, document-rejected */
  g_assert_cmpuint (count_events (f), ==, 3);
  dossier_timeline_view_set_filter (view, DOSSIER_TIMELINE_FILTER_DOCUMENTS);
  g_assert_cmpuint (count_events (f), ==, 2);
  dossier_timeline_view_set_filter (view, DOSSIER_TIMELINE_FILTER_NOTES);
  g_assert_cmpuint (count_events (f), ==, 1);
  dossier_timeline_view_set_filter (view, DOSSIER_TIMELINE_FILTER_STATUS);
  /* requested, 2 appeared, 2 satisfied, submitted, under review, rejected */
  g_assert_cmpuint (count_events (f), ==, 8);
  g_assert_true (dossier_test_wait_for_draw (f->window));
  screenshot (f, "timeline-status-filter");
  dossier_timeline_view_set_filter (view, DOSSIER_TIMELINE_FILTER_ALL);
  g_assert_cmpuint (count_events (f), ==, 14);
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

static gboolean
row_shown (gpointer data)
{
  return find_row (data, "client-updated") != NULL;
}

/* Personal values only on demand, and hidden again when the row is reused. */
static void
test_timeline_personal (Fixture       *f,
                        gconstpointer  data)
{
  DossierTimelineRow *row;

  fill (f);
  gtk_window_present (GTK_WINDOW (f->window));
  dossier_timeline_view_set_client (DOSSIER_TIMELINE_VIEW (f->view), f->journal, CLIENT);
  g_assert_true (dossier_test_wait_until (loaded, f, 10000));
  g_assert_true (dossier_test_wait_for_draw (f->window));

  /* It is three days back, below the fold. */
  {
    GtkScrolledWindow *scrolled = GTK_SCROLLED_WINDOW (gtk_widget_get_ancestor (
        find_child (f->view, GTK_TYPE_LIST_VIEW), GTK_TYPE_SCROLLED_WINDOW));
    GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (scrolled);

    gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
    g_assert_true (dossier_test_wait_until (row_shown, f, 5000));
  }
  row = find_row (f, "client-updated");
  g_assert_nonnull (row);
  g_assert_cmpstr (dossier_timeline_row_get_title (row), ==, "Client details changed: Phone");
  g_assert_false (dossier_timeline_row_get_personal_shown (row));
  dossier_timeline_row_set_personal_shown (row, TRUE);
  g_assert_true (dossier_timeline_row_get_personal_shown (row));
  screenshot (f, "timeline-personal-shown");

  dossier_timeline_row_set_item (row, NULL);
  dossier_timeline_row_set_item (row, item_at (f, 1));
  dossier_timeline_row_set_item (row, NULL);
  {
    GListModel *model = dossier_timeline_view_get_model (DOSSIER_TIMELINE_VIEW (f->view));

    for (guint i = 0; i < g_list_model_get_n_items (model); i++)
      {
        const DossierJournalEvent *event = dossier_timeline_item_get_event (item_at (f, i));

        if (event != NULL && g_str_equal (event->kind, "client-updated"))
          dossier_timeline_row_set_item (row, item_at (f, i));
      }
  }
  g_assert_false (dossier_timeline_row_get_personal_shown (row));
}

static gboolean
three_events (gpointer data)
{
  return count_events (data) == 3;
}

static gboolean
not_loading (gpointer data)
{
  return !dossier_timeline_view_get_loading (data);
}

/* New events and notes show without asking. */
static void
test_timeline_refresh (Fixture       *f,
                       gconstpointer  data)
{
  DossierTimelineView *view = DOSSIER_TIMELINE_VIEW (f->view);

  gtk_window_present (GTK_WINDOW (f->window));
  add_event (f, 0, 8, 0, "client-created", "tr-1", FALSE, NULL);
  dossier_timeline_view_set_client (view, f->journal, CLIENT);
  g_assert_true (dossier_test_wait_until (loaded, f, 10000));
  g_assert_cmpuint (count_events (f), ==, 1);

  add_event (f, 0, 8, 30, "product-requested", "tr-2", FALSE, "{\"product\":\"cards_individuals\"}");
  add_note (f, "First call done.");
  g_assert_true (dossier_test_wait_until (three_events, f, 10000));
  g_assert_cmpuint (count_events (f), ==, 3);

  /* Another client empties it. */
  dossier_timeline_view_set_client (view, f->journal, "someone-else");
  g_assert_cmpuint (count_events (f), ==, 0);
  g_assert_true (dossier_test_wait_until (not_loading, view, 10000));
  g_assert_cmpuint (count_events (f), ==, 0);
  dossier_timeline_view_set_client (view, NULL, NULL);
  g_assert_null (dossier_timeline_view_get_client_id (view));
}

static gboolean
is_null (gpointer data)
{
  return *(gpointer *) data == NULL;
}

static gboolean
scrolls (gpointer data)
{
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (data));

  return gtk_adjustment_get_upper (adjustment) > gtk_adjustment_get_page_size (adjustment);
}

/* On the client page, under the client's details. */
static void
test_timeline_page (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(DossierApi) api = dossier_api_new ("http://127.0.0.1:9", "test-key");
  g_autoptr(DossierRequestCache) cache = dossier_request_cache_new (api);
  g_autoptr(JsonNode) node = json_from_string (
      "{\"id\":\"" CLIENT "\",\"first_name\":\"Maria\",\"second_name\":\"Julia\","
      "\"last_name\":\"Barber\",\"email\":\"mjuliabarber@example.com\",\"birth_date\":\"1984-11-21\","
      "\"status\":\"pending\",\"phone_country_code\":54,\"phone_number\":1168860622,"
      "\"address\":{\"street_line1\":\"Florida 9860\",\"city\":\"Del Viso\",\"postal_code\":\"1669\","
      "\"state\":\"ARG-B\",\"country\":\"ARG\"},\"created_at\":\"2026-04-15T10:30:00\","
      "\"updated_at\":\"2026-04-16T09:12:00\"}", NULL);
  g_autoptr(DossierClient) client = dossier_client_new_from_json (node, NULL);
  GtkWidget *page = g_object_new (DOSSIER_TYPE_CLIENT_PAGE, NULL);
  GtkWidget *scrolled;

  fill (f);
  dossier_request_cache_set_journal (cache, f->journal);
  dossier_client_page_set_cache (DOSSIER_CLIENT_PAGE (page), cache);
  dossier_client_page_set_client (DOSSIER_CLIENT_PAGE (page), client);
  adw_window_set_content (ADW_WINDOW (f->window), page);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 760, 1000);
  gtk_window_present (GTK_WINDOW (f->window));

  f->view = find_child (page, DOSSIER_TYPE_TIMELINE_VIEW);
  g_assert_nonnull (f->view);
  g_assert_cmpstr (dossier_timeline_view_get_client_id (DOSSIER_TIMELINE_VIEW (f->view)), ==, CLIENT);
  g_assert_true (dossier_test_wait_until (loaded, f, 10000));
  g_assert_cmpuint (count_events (f), ==, 14);

  /* The page scrolls (the timeline with it): show its end, once its range is known. */
  scrolled = gtk_widget_get_ancestor (f->view, GTK_TYPE_SCROLLED_WINDOW);
  g_assert_nonnull (scrolled);
  g_assert_true (dossier_test_wait_for_draw (f->window));
  g_assert_true (dossier_test_wait_until (scrolls, scrolled, 10000));
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled)),
                            gtk_adjustment_get_upper (gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled))));
  screenshot (f, "timeline-client-page");

  dossier_client_page_set_client (DOSSIER_CLIENT_PAGE (page), NULL);
  g_assert_null (dossier_timeline_view_get_client_id (DOSSIER_TIMELINE_VIEW (f->view)));

  /* The page's failed request fetch lets go of the cache, and so of the journal. */
  dossier_client_page_set_cache (DOSSIER_CLIENT_PAGE (page), NULL);
  {
    gpointer weak = cache;

    g_object_add_weak_pointer (G_OBJECT (cache), &weak);
    g_clear_object (&cache);
    g_assert_true (dossier_test_wait_until (is_null, &weak, 10000));
  }
}

/* A menu's item, by its label. */
static GtkWidget *
find_model_button (GtkWidget  *widget,
                   const char *text)
{
  if (g_str_equal (G_OBJECT_TYPE_NAME (widget), "GtkModelButton"))
    {
      g_autofree char *label = NULL;

      g_object_get (widget, "text", &label, NULL);
      if (g_strcmp0 (label, text) == 0)
        return widget;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_model_button (child, text);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
wide_strip (gpointer data)
{
  DossierTimelineView *view = data;

  return gtk_widget_get_width (GTK_WIDGET (view)) > 900
         && adw_squeezer_get_visible_child (ADW_SQUEEZER (view->filter_squeezer)) == view->filter_strip
         && gtk_widget_get_mapped (view->filter_strip);
}

/* At 360 px the filters are one menu button, never a strip scrolling sideways; wide,
 * the strip; both the same filter. */
static void
test_timeline_narrow (Fixture       *f,
                      gconstpointer  data)
{
  DossierTimelineView *view = DOSSIER_TIMELINE_VIEW (f->view);
  GtkWidget *item;

  fill (f);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 360, 900);
  gtk_window_present (GTK_WINDOW (f->window));
  dossier_timeline_view_set_client (view, f->journal, CLIENT);
  g_assert_true (dossier_test_wait_until (loaded, f, 10000));
  g_assert_true (dossier_test_wait_for_draw (f->window));

  g_assert_cmpint (gtk_widget_get_width (f->window), <=, 360);
  g_assert_true (adw_squeezer_get_visible_child (ADW_SQUEEZER (view->filter_squeezer)) == view->filter_menu_button);
  g_assert_true (gtk_widget_get_mapped (view->filter_menu_button));
  g_assert_false (gtk_widget_get_mapped (view->filter_strip));
  g_assert_null (gtk_widget_get_ancestor (view->filter_squeezer, GTK_TYPE_SCROLLED_WINDOW));
  g_assert_cmpstr (gtk_menu_button_get_label (GTK_MENU_BUTTON (view->filter_menu_button)), ==, "All");
  screenshot (f, "timeline-360");

  /* Filtering through the menu, as a click on its item does. */
  gtk_menu_button_popup (GTK_MENU_BUTTON (view->filter_menu_button));
  item = find_model_button (view->filter_menu_button, "Problems");
  g_assert_nonnull (item);
  g_signal_emit_by_name (item, "clicked");
  g_assert_cmpuint (dossier_timeline_view_get_filter (view), ==, DOSSIER_TIMELINE_FILTER_PROBLEMS);
  g_assert_cmpuint (count_events (f), ==, 3);
  g_assert_cmpstr (gtk_menu_button_get_label (GTK_MENU_BUTTON (view->filter_menu_button)), ==, "Problems");
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (view->filter_buttons[3])));
  gtk_menu_button_popdown (GTK_MENU_BUTTON (view->filter_menu_button));
  screenshot (f, "timeline-360-problems");

  /* Wide: the strip, showing the same filter; choosing there moves the menu too. */
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1000, 900);
  g_assert_true (dossier_test_wait_until (wide_strip, view, 10000));
  g_assert_false (gtk_widget_get_mapped (view->filter_menu_button));
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (view->filter_buttons[3])));
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (view->filter_buttons[4]), TRUE);
  g_assert_cmpuint (dossier_timeline_view_get_filter (view), ==, DOSSIER_TIMELINE_FILTER_NOTES);
  g_assert_cmpuint (count_events (f), ==, 1);
  g_assert_cmpstr (gtk_menu_button_get_label (GTK_MENU_BUTTON (view->filter_menu_button)), ==, "Notes");
  screenshot (f, "timeline-1000");
}

static AdwMessageDialog *
find_dialog (void)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (ADW_IS_MESSAGE_DIALOG (l->data) && gtk_widget_get_visible (l->data))
      return l->data;
  return NULL;
}

static gboolean
dialog_shown (gpointer data)
{
  return find_dialog () != NULL;
}

static gboolean
note_says (gpointer data)
{
  Fixture *f = ((gpointer *) data)[0];
  const char *text = ((gpointer *) data)[1];
  GListModel *model = dossier_timeline_view_get_model (DOSSIER_TIMELINE_VIEW (f->view));

  if (dossier_timeline_view_get_loading (DOSSIER_TIMELINE_VIEW (f->view)))
    return FALSE;
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      const DossierJournalNote *note = dossier_timeline_item_get_note (item_at (f, i));

      if (text == NULL ? note != NULL : note != NULL && g_str_equal (note->text, text))
        return text != NULL;
    }
  return text == NULL;
}

/* Answers the dialog on screen; text: what to type first, or NULL. */
static void
answer_dialog (const char *text,
               const char *response)
{
  AdwMessageDialog *dialog;

  g_assert_true (dossier_test_wait_until (dialog_shown, NULL, 5000));
  dialog = find_dialog ();
  if (text != NULL)
    {
      GtkWidget *scrolled = adw_message_dialog_get_extra_child (dialog);
      GtkTextView *view = GTK_TEXT_VIEW (gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (scrolled)));

      /* An empty note cannot be saved. */
      gtk_text_buffer_set_text (gtk_text_view_get_buffer (view), "  ", -1);
      g_assert_false (adw_message_dialog_get_response_enabled (dialog, "save"));
      gtk_text_buffer_set_text (gtk_text_view_get_buffer (view), text, -1);
      g_assert_true (adw_message_dialog_get_response_enabled (dialog, "save"));
    }
  adw_message_dialog_response (dialog, response);
  gtk_window_destroy (GTK_WINDOW (dialog));
}

/* Add, edit and delete a note through the timeline's actions and dialogs. */
static void
test_timeline_notes (Fixture       *f,
                     gconstpointer  data)
{
  DossierTimelineView *view = DOSSIER_TIMELINE_VIEW (f->view);
  gpointer added[] = { f, "Asked for a utility bill." };
  gpointer edited[] = { f, "Asked for a utility bill and a payslip." };
  gpointer none[] = { f, NULL };
  gint64 note_id = 0;
  GListModel *model;

  gtk_window_present (GTK_WINDOW (f->window));
  dossier_timeline_view_set_client (view, f->journal, CLIENT);
  g_assert_true (dossier_test_wait_until (not_loading, view, 10000));

  g_assert_true (gtk_widget_activate_action (f->view, "timeline.add-note", NULL));
  g_assert_true (dossier_test_wait_until (dialog_shown, NULL, 5000));
  g_assert_true (dossier_test_wait_for_draw (GTK_WIDGET (find_dialog ())));
  {
    g_autofree char *saved = dossier_test_save_screenshot (GTK_WIDGET (find_dialog ()), "timeline-note-dialog");

    g_assert_nonnull (saved);
  }
  answer_dialog (added[1], "save");
  g_assert_true (dossier_test_wait_until (note_says, added, 10000));

  model = dossier_timeline_view_get_model (view);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    if (dossier_timeline_item_get_note (item_at (f, i)) != NULL)
      note_id = dossier_timeline_item_get_note (item_at (f, i))->id;
  g_assert_cmpint (note_id, >, 0);

  g_assert_true (gtk_widget_activate_action (f->view, "timeline.edit-note", "x", note_id));
  answer_dialog (edited[1], "save");
  g_assert_true (dossier_test_wait_until (note_says, edited, 10000));

  /* Cancelling deletes nothing; deleting does. */
  g_assert_true (gtk_widget_activate_action (f->view, "timeline.delete-note", "x", note_id));
  answer_dialog (NULL, "cancel");
  g_assert_true (gtk_widget_activate_action (f->view, "timeline.delete-note", "x", note_id));
  answer_dialog (NULL, "delete");
  g_assert_true (dossier_test_wait_until (note_says, none, 10000));
}

static void
count_change (guint *changes)
{
  (*changes)++;
}

static gboolean
changed_once (gpointer data)
{
  return *(guint *) data > 0;
}

static gboolean
index_loaded (gpointer data)
{
  return dossier_note_index_get_loaded (data);
}

/* The client list's search looks into the notes. */
static void
test_timeline_note_index (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(DossierNoteIndex) index = NULL;
  g_autofree char *query = dossier_client_fold_text ("PASSPORT");
  g_autofree char *other = dossier_client_fold_text ("payslip");
  guint changes = 0;

  add_note (f, "Called Maria: she will bring her new passport on Monday.");
  index = dossier_note_index_new (f->journal);
  g_signal_connect_swapped (index, "changed", G_CALLBACK (count_change), &changes);
  g_assert_true (dossier_test_wait_until (index_loaded, index, 10000));
  g_assert_cmpuint (dossier_note_index_get_n_clients (index), ==, 1);
  g_assert_true (dossier_note_index_match (index, CLIENT, query));
  g_assert_false (dossier_note_index_match (index, CLIENT, other));
  g_assert_false (dossier_note_index_match (index, "someone-else", query));
  g_assert_false (dossier_note_index_match (index, CLIENT, ""));

  changes = 0;
  add_note (f, "Sent the payslip by email.");
  g_assert_true (dossier_test_wait_until (changed_once, &changes, 10000));
  g_assert_true (dossier_note_index_match (index, CLIENT, other));
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_LIGHT);

#define ADD(path, func) g_test_add ("/dossier/ui/timeline/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("days", test_timeline_days);
  ADD ("filters", test_timeline_filters);
  ADD ("narrow", test_timeline_narrow);
  ADD ("personal", test_timeline_personal);
  ADD ("refresh", test_timeline_refresh);
  ADD ("page", test_timeline_page);
  ADD ("notes", test_timeline_notes);
  ADD ("note-index", test_timeline_note_index);
#undef ADD

  return g_test_run ();
}
