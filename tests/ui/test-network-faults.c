/* test-network-faults.c — the window under the sandbox's injected faults (issue 13, part 2)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each fault kind of CONTRACT.md §13.5 is armed on the sandbox the app talks to, then
 * the user's action runs through the real widgets, DossierApi and the scheduler over
 * HTTP. Checked: the clients already shown stay, the user reads a sentence (never an
 * HTML page or a JSON fragment), a retry after the fault works, and a GET that the
 * scheduler may retry is retried. The longest frame stall meanwhile is measured with a
 * tick callback and printed (target < 100 ms), never asserted: timing depends on the
 * machine.
 */
#include "config.h"

#include <string.h>
#include <adwaita.h>
#include <libsoup/soup.h>

#include "dossier-application.h"
#include "dossier-client-page.h"
#include "dossier-client-filter-model.h"
#include "dossier-window.h"
#include "dossier-ui-test-utils.h"

typedef struct {
  DossierApplication *app;
  DossierWindow      *window;
  SoupSession        *session;
  guint               tick_id;
  gint64              last_frame;
  gint64              longest_stall;
} Fixture;

/* The first badge sweep is over: no request of it takes a fault meant for the list. */
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

static gboolean
not_loading (gpointer data)
{
  Fixture *fixture = data;

  return !dossier_window_get_loading (fixture->window);
}

static JsonNode *
sandbox_call (Fixture    *fixture,
              const char *method,
              const char *path,
              const char *body)
{
  DossierSandbox *sandbox = dossier_application_get_sandbox (fixture->app);
  g_autofree char *uri = g_strconcat (dossier_sandbox_get_uri (sandbox), path, NULL);
  g_autoptr(SoupMessage) message = soup_message_new (method, uri);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;

  soup_message_headers_append (soup_message_get_request_headers (message), "x-api-key",
                               dossier_sandbox_get_api_key (sandbox));
  if (body != NULL)
    {
      g_autoptr(GBytes) request = g_bytes_new (body, strlen (body));

      soup_message_set_request_body_from_bytes (message, "application/json", request);
    }
  bytes = soup_session_send_and_read (fixture->session, message, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (message), ==, 200);
  return json_from_string (g_bytes_get_data (bytes, NULL), NULL);
}

static void
arm (Fixture    *fixture,
     const char *fault)
{
  g_autoptr(JsonNode) armed = sandbox_call (fixture, "POST", "/_sandbox/faults", fault);

  g_assert_true (JSON_NODE_HOLDS_OBJECT (armed));
  g_assert_cmpuint (strlen (json_object_get_string_member (json_node_get_object (armed), "id")), ==, 32);
}

static guint
n_armed (Fixture *fixture)
{
  g_autoptr(JsonNode) faults = sandbox_call (fixture, "GET", "/_sandbox/faults", NULL);

  g_assert_true (JSON_NODE_HOLDS_ARRAY (faults));
  return json_array_get_length (json_node_get_array (faults));
}

static void
clear_faults (Fixture *fixture)
{
  g_autoptr(JsonNode) cleared = sandbox_call (fixture, "DELETE", "/_sandbox/faults", NULL);

  g_assert_true (JSON_NODE_HOLDS_OBJECT (cleared));
}

/* ---- the frame clock: how long the window went without a frame ---- */

static gboolean
tick_cb (GtkWidget     *widget,
         GdkFrameClock *clock,
         gpointer       data)
{
  Fixture *fixture = data;
  gint64 now = g_get_monotonic_time ();

  if (fixture->last_frame != 0)
    fixture->longest_stall = MAX (fixture->longest_stall, now - fixture->last_frame);
  fixture->last_frame = now;
  return G_SOURCE_CONTINUE;
}

static void
watch_frames (Fixture *fixture)
{
  fixture->last_frame = 0;
  fixture->longest_stall = 0;
  fixture->tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (fixture->window), tick_cb, fixture, NULL);
}

static void
report_frames (Fixture    *fixture,
               const char *what)
{
  gtk_widget_remove_tick_callback (GTK_WIDGET (fixture->window), fixture->tick_id);
  fixture->tick_id = 0;
  g_test_message ("%s: longest frame stall %.1f ms (target < 100 ms)",
                  what, fixture->longest_stall / 1000.0);
}

/* ---- what the user reads ---- */

static void
collect_labels (GtkWidget *widget,
                GString   *text)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_get_visible (widget))
    {
      g_string_append (text, gtk_label_get_text (GTK_LABEL (widget)));
      g_string_append_c (text, '\n');
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    collect_labels (child, text);
}

static GtkWidget *
find_toast (GtkWidget *widget)
{
  /* libadwaita 1.2's toast widget is private; its CSS name is public. */
  if (g_str_equal (gtk_widget_get_css_name (widget), "toast"))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_toast (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
toast_shown (gpointer data)
{
  Fixture *fixture = data;

  return find_toast (GTK_WIDGET (fixture->window)) != NULL;
}

/* The banner under the list's header: "Offline — showing what was last seen. [Retry]". */
static GtkRevealer *
banner (Fixture *fixture)
{
  return GTK_REVEALER (gtk_widget_get_template_child (GTK_WIDGET (fixture->window), DOSSIER_TYPE_WINDOW,
                                                      "offline_revealer"));
}

static gboolean
banner_shown (gpointer data)
{
  return gtk_revealer_get_reveal_child (banner (data));
}

static gboolean
no_banner (gpointer data)
{
  return !banner_shown (data);
}

static char *
banner_text (Fixture *fixture)
{
  GString *text = g_string_new (NULL);

  collect_labels (GTK_WIDGET (banner (fixture)), text);
  return g_string_free (text, FALSE);
}

/* A sentence for a person: no markup, no JSON, no status line. */
static void
assert_human (const char *text)
{
  g_test_message ("the user reads: %s", text);
  g_assert_cmpuint (strlen (text), >, 20);
  g_assert_null (strstr (text, "<html"));
  g_assert_null (strstr (text, "<title"));
  g_assert_null (strstr (text, "{\""));
  g_assert_null (strstr (text, "HTTP/1.1"));
}

static guint
n_clients (Fixture *fixture)
{
  return dossier_client_filter_model_get_n_total (dossier_window_get_filter_model (fixture->window));
}

/* ---- fixture ---- */

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->app = dossier_test_app_start ("f", 1, &fixture->window);
  g_assert_true (dossier_test_wait_until (badges_known, fixture, 20000));
  fixture->session = soup_session_new ();
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  dossier_test_app_stop (&fixture->app);
  g_clear_object (&fixture->session);
}

/* Refresh with a fault armed; the clients shown stay and the banner says why, until a
 * refresh succeeds. No toast covers the list. */
static void
refresh_fails (Fixture    *fixture,
               const char *name,
               const char *fault)
{
  guint before = n_clients (fixture);
  g_autofree char *text = NULL;

  arm (fixture, fault);
  watch_frames (fixture);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.refresh", NULL));
  g_assert_true (dossier_test_wait_until (not_loading, fixture, 60000));
  g_assert_true (dossier_test_wait_until (banner_shown, fixture, 5000));
  report_frames (fixture, name);

  g_assert_cmpuint (n_clients (fixture), ==, before);
  g_assert_false (toast_shown (fixture));
  text = banner_text (fixture);
  assert_human (text);
  g_assert_nonnull (strstr (text, "showing what was last seen"));

  /* Once the server is well again, the same action works and the banner goes by itself. */
  clear_faults (fixture);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.refresh", NULL));
  g_assert_true (dossier_test_wait_until (not_loading, fixture, 30000));
  g_assert_cmpuint (n_clients (fixture), ==, before);
  g_assert_true (dossier_test_wait_until (no_banner, fixture, 5000));
  g_assert_false (toast_shown (fixture));
}

static void
test_faults_refresh (Fixture       *fixture,
                     gconstpointer  data)
{
  const char *list = "\"method\": \"GET\", \"path_prefix\": \"/management/clients/individuals\"";
  g_autofree char *errors = g_strdup_printf ("{\"kind\": \"error\", \"count\": 1000, \"status\": 503, %s}", list);
  g_autofree char *malformed = g_strdup_printf ("{\"kind\": \"malformed\", \"count\": 1000, %s}", list);
  g_autofree char *html = g_strdup_printf ("{\"kind\": \"html\", \"count\": 1000, %s}", list);
  g_autofree char *storm = g_strdup_printf ("{\"kind\": \"rate_limit\", \"count\": 1000, \"retry_after\": 1, %s}", list);
  g_autofree char *drop = g_strdup_printf ("{\"kind\": \"drop\", \"count\": 1000, %s}", list);

  refresh_fails (fixture, "500s", errors);
  refresh_fails (fixture, "malformed body", malformed);
  refresh_fails (fixture, "HTML error page", html);
  refresh_fails (fixture, "429 storm", storm);
  refresh_fails (fixture, "dropped connection", drop);
}

/* A GET that fails once is retried: the user sees nothing but the list. */
static void
test_faults_retried (Fixture       *fixture,
                     gconstpointer  data)
{
  guint before = n_clients (fixture);

  arm (fixture, "{\"kind\": \"error\", \"status\": 500, \"method\": \"GET\","
                " \"path_prefix\": \"/management/clients/individuals\"}");
  watch_frames (fixture);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.refresh", NULL));
  g_assert_true (dossier_test_wait_until (not_loading, fixture, 30000));
  report_frames (fixture, "one 500, retried");
  g_assert_cmpuint (n_armed (fixture), ==, 0);   /* it was used … */
  g_assert_cmpuint (n_clients (fixture), ==, before);
  g_assert_false (toast_shown (fixture));        /* … and never seen */
  g_assert_false (banner_shown (fixture));

  /* An answer lost after a GET ran is just as safe to ask again. */
  arm (fixture, "{\"kind\": \"drop_after\", \"method\": \"GET\","
                " \"path_prefix\": \"/management/clients/individuals\"}");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.refresh", NULL));
  g_assert_true (dossier_test_wait_until (not_loading, fixture, 30000));
  g_assert_cmpuint (n_clients (fixture), ==, before);
}

/* A server that never answers: the deadline ends the wait, the window stays alive. */
static void
test_faults_hang (Fixture       *fixture,
                  gconstpointer  data)
{
  DossierApi *api = dossier_request_cache_get_api (dossier_window_get_request_cache (fixture->window));
  guint before = n_clients (fixture);
  g_autofree char *text = NULL;

  dossier_api_set_timeouts (api, 2000, 1500, 1500);
  arm (fixture, "{\"kind\": \"delay\", \"delay_ms\": 30000, \"count\": 1000, \"method\": \"GET\","
                " \"path_prefix\": \"/management/clients/individuals\"}");
  watch_frames (fixture);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.refresh", NULL));
  /* Frames keep coming while the request hangs. */
  g_assert_true (dossier_test_wait_until (banner_shown, fixture, 60000));
  report_frames (fixture, "hanging request");
  g_assert_false (dossier_window_get_loading (fixture->window));
  g_assert_cmpuint (n_clients (fixture), ==, before);
  text = banner_text (fixture);
  assert_human (text);
  g_assert_nonnull (strstr (text, "Offline"));
  clear_faults (fixture);
}

static gboolean
page_settled (gpointer data)
{
  DossierClientPage *page = data;

  return !dossier_client_page_get_loading (page);
}

/* The client page's requests under a failing server: a sentence in place of the list. */
static void
test_faults_client_page (Fixture       *fixture,
                         gconstpointer  data)
{
  DossierClientFilterModel *model = dossier_window_get_filter_model (fixture->window);
  DossierClient *client = dossier_client_filter_model_get_client (model, 0);
  g_autofree char *fault = NULL;
  GtkWidget *page;
  g_autoptr(GString) text = g_string_new (NULL);

  fault = g_strdup_printf ("{\"kind\": \"html\", \"status\": 502, \"count\": 1000, \"method\": \"GET\","
                           " \"path_prefix\": \"/management/clients/individuals/%s/products\"}",
                           dossier_client_get_id (client));
  arm (fixture, fault);
  watch_frames (fixture);
  dossier_window_select_client (fixture->window, client);
  page = GTK_WIDGET (gtk_widget_get_ancestor (GTK_WIDGET (fixture->window), GTK_TYPE_WINDOW));
  {
    GtkWidget *found = NULL;

    /* The page is the window's DossierClientPage. */
    for (GtkWidget *w = gtk_widget_get_first_child (page); w != NULL && found == NULL; )
      {
        if (DOSSIER_IS_CLIENT_PAGE (w))
          found = w;
        else if (gtk_widget_get_first_child (w) != NULL)
          w = gtk_widget_get_first_child (w);
        else
          {
            while (w != NULL && gtk_widget_get_next_sibling (w) == NULL)
              w = gtk_widget_get_parent (w);
            w = w != NULL ? gtk_widget_get_next_sibling (w) : NULL;
          }
      }
    g_assert_nonnull (found);
    page = found;
  }
  g_assert_true (dossier_client_page_get_client (DOSSIER_CLIENT_PAGE (page)) == client);
  g_assert_true (dossier_test_wait_until (page_settled, page, 60000));
  report_frames (fixture, "client page, HTML error page");

  collect_labels (page, text);
  g_assert_nonnull (strstr (text->str, "The requests could not be checked"));
  g_assert_null (strstr (text->str, "<html"));
  g_assert_null (strstr (text->str, "Bad Gateway</title>"));
  g_free (dossier_test_save_screenshot (GTK_WIDGET (fixture->window), "fault-client-page"));

  /* Well again: the page's own refresh shows the requests. */
  clear_faults (fixture);
  g_assert_true (gtk_widget_activate_action (page, "client.refresh-requests", NULL));
  g_assert_true (dossier_test_wait_until (page_settled, page, 30000));
  g_string_truncate (text, 0);
  collect_labels (page, text);
  g_assert_null (strstr (text->str, "The requests could not be checked"));
}

static DossierClientPage *
window_page (Fixture *fixture)
{
  return DOSSIER_CLIENT_PAGE (gtk_widget_get_template_child (GTK_WIDGET (fixture->window),
                                                             DOSSIER_TYPE_WINDOW, "page"));
}

/* F5 checks what the person looks at: the open client's requests too, not only the list. */
static void
test_faults_refresh_page (Fixture       *fixture,
                          gconstpointer  data)
{
  DossierClientFilterModel *model = dossier_window_get_filter_model (fixture->window);
  DossierClientPage *page = window_page (fixture);
  GtkWidget *spinner = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (fixture->window),
                                                                  DOSSIER_TYPE_WINDOW, "refresh_spinner"));

  dossier_window_select_client (fixture->window, dossier_client_filter_model_get_client (model, 0));
  g_assert_true (dossier_test_wait_until (page_settled, page, 30000));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.refresh", NULL));
  g_assert_true (dossier_client_page_get_loading (page));
  /* Busy, visibly: a spinner in the list's header while the list is checked. */
  g_assert_true (dossier_window_get_loading (fixture->window));
  g_assert_true (gtk_widget_get_visible (spinner));
  g_free (dossier_test_save_screenshot (GTK_WIDGET (fixture->window), "refresh-busy"));
  g_assert_true (dossier_test_wait_until (page_settled, page, 30000));
  g_assert_true (dossier_test_wait_until (not_loading, fixture, 30000));
  g_assert_false (gtk_widget_get_visible (spinner));
}

static gboolean
everything_settled (gpointer data)
{
  Fixture *fixture = data;

  return !dossier_window_get_loading (fixture->window)
         && !dossier_client_page_get_loading (window_page (fixture));
}

/* Every GET dropped: the banner says the window is offline, the page says its check failed
 * above the requests last seen, and nothing claims it was "checked just now". */
static void
test_faults_offline (Fixture       *fixture,
                     gconstpointer  data)
{
  DossierClientFilterModel *model = dossier_window_get_filter_model (fixture->window);
  DossierClientPage *page = window_page (fixture);
  DossierClient *client = NULL;
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *said = NULL;
  guint n_requests;

  /* A client with requests, so that there is something last seen to keep. */
  for (guint i = 0; i < dossier_client_filter_model_get_n_matches (model) && client == NULL; i++)
    {
      const DossierRequestSummary *summary;

      client = dossier_client_filter_model_get_client (model, i);
      summary = dossier_request_cache_lookup (dossier_window_get_request_cache (fixture->window),
                                              dossier_client_get_id (client));
      if (summary == NULL || summary->n_requests == 0)
        client = NULL;
    }
  g_assert_nonnull (client);
  dossier_window_select_client (fixture->window, client);
  g_assert_true (dossier_test_wait_until (page_settled, page, 30000));
  n_requests = dossier_client_page_get_n_requests (page);
  g_assert_cmpuint (n_requests, >, 0);

  arm (fixture, "{\"kind\": \"drop\", \"count\": 1000, \"method\": \"GET\"}");
  watch_frames (fixture);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.refresh", NULL));
  g_assert_true (dossier_test_wait_until (everything_settled, fixture, 120000));
  report_frames (fixture, "offline");

  g_assert_true (dossier_test_wait_until (banner_shown, fixture, 5000));
  g_assert_false (toast_shown (fixture));
  said = banner_text (fixture);
  assert_human (said);
  g_assert_nonnull (strstr (said, "Offline"));

  collect_labels (GTK_WIDGET (page), text);
  g_test_message ("the page says: %s", text->str);
  g_assert_nonnull (strstr (text->str, "The requests could not be checked"));
  g_assert_null (strstr (text->str, "checked just now"));
  g_assert_cmpuint (dossier_client_page_get_n_requests (page), ==, n_requests);
  g_assert_nonnull (dossier_request_cache_get_failure (dossier_window_get_request_cache (fixture->window),
                                                      dossier_client_get_id (client)));
  /* The client's row too: what was last seen, not "checked just now". */
  g_assert_cmpint (dossier_request_cache_lookup (dossier_window_get_request_cache (fixture->window),
                                                 dossier_client_get_id (client))->failed_at, >, 0);
  g_string_truncate (text, 0);
  g_assert_true (dossier_test_wait_for_draw (GTK_WIDGET (fixture->window)));
  collect_labels (GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (fixture->window), DOSSIER_TYPE_WINDOW,
                                                             "list_view")), text);
  g_assert_nonnull (strstr (text->str, "requests could not be checked"));
  g_free (dossier_test_save_screenshot (GTK_WIDGET (fixture->window), "fault-offline"));

  /* Well again: Retry, and the banner and the page's sentence go by themselves. */
  clear_faults (fixture);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.refresh", NULL));
  g_assert_true (dossier_test_wait_until (everything_settled, fixture, 30000));
  g_assert_true (dossier_test_wait_until (no_banner, fixture, 5000));
  g_string_truncate (text, 0);
  collect_labels (GTK_WIDGET (page), text);
  g_assert_null (strstr (text->str, "The requests could not be checked"));
  g_assert_null (dossier_request_cache_get_failure (dossier_window_get_request_cache (fixture->window),
                                                   dossier_client_get_id (client)));
  g_assert_cmpint (dossier_request_cache_lookup (dossier_window_get_request_cache (fixture->window),
                                                 dossier_client_get_id (client))->failed_at, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE,
                "gtk-entry-select-on-focus", FALSE, NULL);

#define ADD(path, func) g_test_add ("/dossier/ui/network-faults/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("refresh", test_faults_refresh);
  ADD ("retried", test_faults_retried);
  ADD ("hang", test_faults_hang);
  ADD ("client-page", test_faults_client_page);
  ADD ("refresh-page", test_faults_refresh_page);
  ADD ("offline", test_faults_offline);
#undef ADD

  return g_test_run ();
}
