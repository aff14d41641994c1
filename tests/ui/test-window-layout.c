/* test-window-layout.c — the main window at phone and laptop widths, its shortcuts, its badges
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Built twice: as test-window-layout (English) and test-window-layout-es, whose name ending
 * in -es runs it in Spanish, whose longer words must not widen the window either.
 * Screenshots: window-360-list, window-360-page, window-940 (with -es for Spanish).
 */
#include "config.h"

#include <string.h>
#include <locale.h>
#include <adwaita.h>
#include <glib/gi18n.h>

#include "dossier-api-error.h"
#include "dossier-application.h"
#include "dossier-client-filter-model.h"
#include "dossier-client-item.h"
#include "dossier-client-page.h"
#include "dossier-client-row.h"
#include "dossier-window.h"
#include "dossier-ui-test-utils.h"

static gboolean spanish;

typedef struct {
  DossierApplication *app;
  DossierWindow      *window;
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
start (Fixture *fixture,
       int      width)
{
  g_autoptr(GSettings) settings = g_settings_new ("io.github.dossier_app.Dossier");
  g_autoptr(GError) error = NULL;
  static guint serial;
  g_autofree char *id = g_strdup_printf ("%s.Test.p%d.l%u", APPLICATION_ID, getpid (), ++serial);

  g_settings_set_int (settings, "window-width", width);
  g_settings_set_int (settings, "window-height", 640);
  g_settings_set_boolean (settings, "window-maximized", FALSE);

  fixture->app = dossier_application_new (id, G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (fixture->app), NULL, &error);
  g_assert_no_error (error);
  g_application_activate (G_APPLICATION (fixture->app));
  fixture->window = DOSSIER_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (fixture->app)));
  g_assert_true (DOSSIER_IS_WINDOW (fixture->window));
  g_assert_true (dossier_test_wait_for_draw (GTK_WIDGET (fixture->window)));
  g_assert_true (dossier_test_wait_until (window_ready, fixture, 20000));
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

static gpointer
child (Fixture    *fixture,
       const char *name)
{
  return gtk_widget_get_template_child (GTK_WIDGET (fixture->window), DOSSIER_TYPE_WINDOW, name);
}

static gboolean
page_settled (gpointer data)
{
  DossierClientPage *page = data;

  return dossier_client_page_get_client (page) != NULL && !dossier_client_page_get_loading (page);
}

/* Opens the first client as a click on its row would. */
static void
open_first_client (Fixture *fixture)
{
  DossierClientPage *page = child (fixture, "page");

  g_signal_emit_by_name (child (fixture, "list_view"), "activate", 0);
  g_assert_true (dossier_test_wait_until (page_settled, page, 30000));
  g_assert_true (dossier_test_wait_for_draw (GTK_WIDGET (fixture->window)));
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

static GtkWidget *
find_scrolled (GtkWidget *widget)
{
  if (GTK_IS_SCROLLED_WINDOW (widget) && gtk_widget_get_mapped (widget))
    return widget;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_scrolled (c);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* A phone's width: one pane at a time, the list first, back from the page. */
static void
test_layout_narrow (void)
{
  Fixture fixture = { 0 };
  AdwLeaflet *leaflet;

  start (&fixture, 360);
  leaflet = child (&fixture, "leaflet");
  g_assert_true (dossier_test_wait_for_draw (GTK_WIDGET (fixture.window)));
  g_test_message ("window width at 360: %d, leaflet %d, sidebar %d, content %d, mapped %d",
                  gtk_widget_get_width (GTK_WIDGET (fixture.window)),
                  gtk_widget_get_width (GTK_WIDGET (leaflet)),
                  gtk_widget_get_width (child (&fixture, "sidebar")),
                  gtk_widget_get_width (child (&fixture, "content")),
                  gtk_widget_get_mapped (GTK_WIDGET (leaflet)));
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (fixture.window)), <=, 400);
  g_assert_true (adw_leaflet_get_folded (leaflet));
  g_assert_true (adw_leaflet_get_visible_child (leaflet) == child (&fixture, "sidebar"));
  g_assert_true (gtk_widget_get_mapped (child (&fixture, "list_view")));
  screenshot (&fixture, "window-360-list");

  open_first_client (&fixture);
  g_assert_true (adw_leaflet_get_visible_child (leaflet) == child (&fixture, "content"));
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (fixture.window)), <=, 400);
  g_assert_true (gtk_widget_get_mapped (child (&fixture, "back_button")));
  screenshot (&fixture, "window-360-page");

  /* Down to the timeline: its filters fit (they scroll sideways rather than widen the page). */
  {
    GtkWidget *scrolled = find_scrolled (child (&fixture, "page"));
    GtkAdjustment *adjustment;

    g_assert_nonnull (scrolled);
    adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
    gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
    screenshot (&fixture, "window-360-timeline");
    g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (fixture.window)), <=, 400);
  }

  /* Offline, in a folded window: the page says so under its own header too. */
  {
    DossierRequestCache *cache = dossier_window_get_request_cache (fixture.window);
    DossierClient *client = dossier_client_page_get_client (child (&fixture, "page"));
    g_autoptr(GError) offline = g_error_new_literal (DOSSIER_API_ERROR, DOSSIER_API_ERROR_OFFLINE,
                                                     "Could not reach the server: Connection refused");

    g_signal_emit_by_name (cache, "checked", dossier_client_get_id (client), offline);
    g_assert_true (gtk_revealer_get_reveal_child (child (&fixture, "offline_revealer_content")));
    screenshot (&fixture, "window-360-offline");
    g_signal_emit_by_name (cache, "checked", dossier_client_get_id (client), NULL);
    g_assert_false (gtk_revealer_get_reveal_child (child (&fixture, "offline_revealer_content")));
    g_assert_false (gtk_revealer_get_reveal_child (child (&fixture, "offline_revealer")));
  }

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture.window), "win.back", NULL));
  g_assert_true (adw_leaflet_get_visible_child (leaflet) == child (&fixture, "sidebar"));
  stop (&fixture);
}

/* A laptop's width: the list beside the page, in Spanish too. */
static void
test_layout_wide (void)
{
  Fixture fixture = { 0 };
  AdwLeaflet *leaflet;

  start (&fixture, 940);
  leaflet = child (&fixture, "leaflet");
  open_first_client (&fixture);
  g_test_message ("window width at 940: %d", gtk_widget_get_width (GTK_WIDGET (fixture.window)));
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (fixture.window)), <=, 960);
  g_assert_false (adw_leaflet_get_folded (leaflet));
  g_assert_true (gtk_widget_get_mapped (child (&fixture, "sidebar")));
  g_assert_true (gtk_widget_get_mapped (child (&fixture, "content")));
  g_assert_false (gtk_widget_get_mapped (child (&fixture, "back_button")));
  screenshot (&fixture, "window-940");

  /* F6: from the list to the client page and back. */
  {
    GtkWidget *sidebar = child (&fixture, "sidebar");
    GtkWidget *focus;

    gtk_widget_grab_focus (GTK_WIDGET (child (&fixture, "list_view")));
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture.window), "win.switch-pane", NULL));
    focus = gtk_root_get_focus (GTK_ROOT (fixture.window));
    g_assert_nonnull (focus);
    g_assert_true (gtk_widget_is_ancestor (focus, child (&fixture, "content")));
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture.window), "win.switch-pane", NULL));
    focus = gtk_root_get_focus (GTK_ROOT (fixture.window));
    g_assert_true (focus != NULL && gtk_widget_is_ancestor (focus, sidebar));
  }

  /* Offline, side by side: one banner, under the list's header. */
  {
    DossierRequestCache *cache = dossier_window_get_request_cache (fixture.window);
    g_autoptr(GError) offline = g_error_new_literal (DOSSIER_API_ERROR, DOSSIER_API_ERROR_OFFLINE,
                                                     "Could not reach the server: Connection refused");

    g_signal_emit_by_name (cache, "checked", "some-client", offline);
    g_assert_true (gtk_revealer_get_reveal_child (child (&fixture, "offline_revealer")));
    g_assert_false (gtk_revealer_get_reveal_child (child (&fixture, "offline_revealer_content")));
    screenshot (&fixture, "window-940-offline");
  }
  stop (&fixture);
}

static void
collect_shortcuts (GtkWidget *widget,
                   GPtrArray *found)
{
  if (GTK_IS_SHORTCUTS_SHORTCUT (widget))
    g_ptr_array_add (found, widget);
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    collect_shortcuts (c, found);
}

static GtkShortcutLabel *
find_shortcut_label (GtkWidget *widget)
{
  if (GTK_IS_SHORTCUT_LABEL (widget))
    return GTK_SHORTCUT_LABEL (widget);
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkShortcutLabel *label = find_shortcut_label (c);

      if (label != NULL)
        return label;
    }
  return NULL;
}

/* Every entry of the Keyboard Shortcuts window shows its key. */
static void
test_layout_shortcuts (void)
{
  Fixture fixture = { 0 };
  g_autoptr(GPtrArray) shortcuts = g_ptr_array_new ();
  GtkShortcutsWindow *overlay;

  start (&fixture, 940);
  overlay = gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (fixture.window));
  g_assert_nonnull (overlay);
  collect_shortcuts (GTK_WIDGET (overlay), shortcuts);
  g_assert_cmpuint (shortcuts->len, >=, 9);

  for (guint i = 0; i < shortcuts->len; i++)
    {
      GtkWidget *shortcut = g_ptr_array_index (shortcuts, i);
      GtkShortcutLabel *label = find_shortcut_label (shortcut);
      g_autofree char *title = NULL;
      const char *accelerator;

      g_object_get (shortcut, "title", &title, NULL);
      g_assert_nonnull (label);
      accelerator = gtk_shortcut_label_get_accelerator (label);
      g_test_message ("%s: %s", title, accelerator != NULL ? accelerator : "(none)");
      g_assert_nonnull (accelerator);
      g_assert_cmpuint (strlen (accelerator), >, 0);
    }

  /* As the person sees it. */
  gtk_window_present (GTK_WINDOW (overlay));
  g_assert_true (dossier_test_wait_for_draw (GTK_WIDGET (overlay)));
  {
    g_autofree char *name = g_strconcat ("shortcuts", spanish ? "-es" : "", NULL);
    g_autofree char *path = dossier_test_save_screenshot (GTK_WIDGET (overlay), name);

    g_test_message ("screenshot: %s", path);
  }
  gtk_window_close (GTK_WINDOW (overlay));
  stop (&fixture);
}

/* ---- the badge says who a client waits on ---- */

static void
collect_badges (GtkWidget *widget,
                GString   *text)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_get_visible (widget)
      && gtk_widget_has_css_class (widget, "dossier-badge"))
    {
      g_string_append (text, gtk_label_get_text (GTK_LABEL (widget)));
      g_string_append_c (text, '\n');
    }
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    collect_badges (c, text);
}

static GtkWidget *
find_row (GtkWidget     *widget,
          DossierClient *client)
{
  if (DOSSIER_IS_CLIENT_ROW (widget))
    {
      DossierClientItem *item = dossier_client_row_get_item (DOSSIER_CLIENT_ROW (widget));

      return item != NULL && dossier_client_item_get_client (item) == client ? widget : NULL;
    }
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *row = find_row (c, client);

      if (row != NULL)
        return row;
    }
  return NULL;
}

typedef struct {
  Fixture       *fixture;
  DossierClient *client;
  const char    *expected;   /* NULL: no badge */
} BadgeWait;

static char *
row_badge (BadgeWait *wait)
{
  GtkWidget *row = find_row (child (wait->fixture, "list_view"), wait->client);
  GString *text = g_string_new (NULL);

  if (row != NULL)
    collect_badges (row, text);
  return g_string_free (text, FALSE);
}

static gboolean
badge_is (gpointer data)
{
  BadgeWait *wait = data;
  g_autofree char *badge = row_badge (wait);

  if (wait->expected == NULL)
    return *badge == '\0';
  return g_str_has_prefix (badge, wait->expected);
}

static void
tell_status (Fixture       *fixture,
             DossierClient *client,
             const char    *status)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *created = g_date_time_format (now, "%Y-%m-%dT%H:%M:%S");
  g_autofree char *json = g_strdup_printf ("{\"id\": \"r-layout-test\", \"client_id\": \"%s\","
                                           " \"product\": \"cards_individuals\", \"status\": \"%s\","
                                           " \"missing_requirements\": {\"documents\": [], \"data\": []},"
                                           " \"created_at\": \"%s\", \"updated_at\": \"%s\"}",
                                           dossier_client_get_id (client), status, created, created);
  g_autoptr(JsonNode) node = json_from_string (json, NULL);
  g_autoptr(GPtrArray) requests = g_ptr_array_new_with_free_func (g_object_unref);
  DossierProductRequest *request = dossier_product_request_new_from_json (node, NULL);

  g_assert_nonnull (request);
  g_ptr_array_add (requests, request);
  /* As the review watcher's poll would tell it. */
  g_signal_emit_by_name (dossier_window_get_api (fixture->window), "products-listed",
                         dossier_client_get_id (client), requests, NULL);
}

static void
test_layout_badge (void)
{
  Fixture fixture = { 0 };
  DossierClientFilterModel *model;
  DossierRequestCache *cache;
  g_autoptr(GString) all = g_string_new (NULL);
  BadgeWait wait = { &fixture, NULL, NULL };
  const DossierRequestSummary *summary;

  start (&fixture, 940);
  g_assert_true (dossier_test_wait_until (badges_known, &fixture, 30000));
  g_assert_true (dossier_test_wait_for_draw (GTK_WIDGET (fixture.window)));
  model = dossier_window_get_filter_model (fixture.window);
  cache = dossier_window_get_request_cache (fixture.window);

  /* The words differ, not only the colour. */
  collect_badges (child (&fixture, "list_view"), all);
  g_test_message ("badges: %s", all->str);
  g_assert_null (strstr (all->str, "Waiting since"));
  g_assert_nonnull (strstr (all->str, "Waiting on you ·"));

  for (guint i = 0; i < dossier_client_filter_model_get_n_matches (model) && wait.client == NULL; i++)
    {
      DossierClient *client = dossier_client_filter_model_get_client (model, i);

      if (dossier_request_summary_waits_on_me (dossier_request_cache_lookup (cache, dossier_client_get_id (client))))
        wait.client = client;
    }
  g_assert_nonnull (wait.client);
  wait.expected = "Waiting on you · today";
  g_assert_true (dossier_test_wait_until (badge_is, &wait, 5000));

  /* Submitted: the provider has it, and the badge says so at once. */
  tell_status (&fixture, wait.client, "in_kyc");
  summary = dossier_request_cache_lookup (cache, dossier_client_get_id (wait.client));
  g_assert_cmpuint (summary->n_in_review, ==, 1);
  g_assert_false (dossier_request_summary_waits_on_me (summary));
  wait.expected = "With provider · today";
  g_assert_true (dossier_test_wait_until (badge_is, &wait, 5000));

  /* Enabled: nothing waits any more, the badge goes. */
  tell_status (&fixture, wait.client, "enabled");
  wait.expected = NULL;
  g_assert_true (dossier_test_wait_until (badge_is, &wait, 5000));
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

  g_test_add_func ("/dossier/ui/window-layout/narrow", test_layout_narrow);
  g_test_add_func ("/dossier/ui/window-layout/wide", test_layout_wide);
  g_test_add_func ("/dossier/ui/window-layout/shortcuts", test_layout_shortcuts);
  if (!spanish)
    g_test_add_func ("/dossier/ui/window-layout/badge", test_layout_badge);

  return g_test_run ();
}
