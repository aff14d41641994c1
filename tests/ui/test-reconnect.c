/* test-reconnect.c — the server goes away and comes back: the offline banner, documents
 * waiting to be sent, and the screens brought up to date without Refresh (walk 4, items 2
 * and 5), on the embedded sandbox over HTTP
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * "Unreachable" is the sandbox's drop fault (CONTRACT.md §13.5) on every API path: the
 * connection closes without an answer, as when the server is down.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "dossier-client-row.h"
#include "request-window-test-utils.h"

#define ALL_DROPPED "{\"kind\": \"drop\", \"count\": 1000}"

static void
arm (Fixture    *fixture,
     const char *fault)
{
  g_autoptr(JsonNode) armed = rw_sandbox_call (fixture, "POST", "/_sandbox/faults", fault);

  g_assert_true (JSON_NODE_HOLDS_OBJECT (armed));
}

static void
clear_faults (Fixture *fixture)
{
  g_autoptr(JsonNode) cleared = rw_sandbox_call (fixture, "DELETE", "/_sandbox/faults", NULL);

  g_assert_true (JSON_NODE_HOLDS_OBJECT (cleared));
}

static void
collect_labels (GtkWidget *widget,
                GString   *text)
{
  if (!gtk_widget_get_visible (widget))
    return;
  if (GTK_IS_LABEL (widget))
    g_string_append_printf (text, "%s\n", gtk_label_get_text (GTK_LABEL (widget)));
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    collect_labels (c, text);
}

static char *
labels_of (GtkWidget *widget)
{
  GString *text = g_string_new (NULL);

  collect_labels (widget, text);
  return g_string_free (text, FALSE);
}

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

/* The list's row of a client, once it is bound and filled. */
static DossierClientRow *
find_row (GtkWidget  *widget,
          const char *client_id)
{
  if (DOSSIER_IS_CLIENT_ROW (widget))
    {
      DossierClientItem *item = dossier_client_row_get_item (DOSSIER_CLIENT_ROW (widget));
      DossierClient *client = item != NULL ? dossier_client_item_get_client (item) : NULL;

      if (client != NULL && g_strcmp0 (dossier_client_get_id (client), client_id) == 0)
        return DOSSIER_CLIENT_ROW (widget);
    }
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      DossierClientRow *found = find_row (c, client_id);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static GtkWidget *
row_mark (Fixture    *fixture,
          const char *client_id)
{
  DossierClientRow *row = find_row (GTK_WIDGET (fixture->window), client_id);

  if (row == NULL)
    return NULL;
  return GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (row), DOSSIER_TYPE_CLIENT_ROW, "unsent_mark"));
}

typedef struct {
  Fixture    *fixture;
  const char *client_id;
  gboolean    shown;
} MarkWait;

static gboolean
mark_is (gpointer data)
{
  MarkWait *wait = data;
  GtkWidget *mark = row_mark (wait->fixture, wait->client_id);

  return mark != NULL && gtk_widget_get_visible (mark) == wait->shown;
}

typedef struct {
  DossierClientPage *page;
  const char        *text;
  gboolean           shown;
} PageText;

static gboolean
page_text_is (gpointer data)
{
  PageText *wait = data;
  g_autofree char *text = NULL;

  if (dossier_client_page_get_loading (wait->page))
    return FALSE;
  text = labels_of (GTK_WIDGET (wait->page));
  return (strstr (text, wait->text) != NULL) == wait->shown;
}

typedef struct {
  DossierRequestCache *cache;
  const char          *client_id;
  guint                n;
} UnsentWait;

static gboolean
unsent_is (gpointer data)
{
  UnsentWait *wait = data;

  return dossier_request_cache_get_n_unsent (wait->cache, wait->client_id) == wait->n;
}

static void
enqueued_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  gint64 *id = user_data;
  g_autoptr(GError) error = NULL;

  *id = dossier_uploader_enqueue_finish (DOSSIER_UPLOADER (object), result, &error);
  g_assert_no_error (error);
}

static gboolean
id_known (gpointer data)
{
  return *(gint64 *) data != 0;
}

/* A call nobody asked for by hand (here: a client fetched in the background) cannot reach
 * the server: the banner says "Offline"; the next answer takes it away. */
static void
test_reconnect_background_call (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autofree char *client_id = rw_create_client (fixture, "Bruno", "Background", TRUE);
  DossierApi *api = dossier_window_get_api (fixture->window);
  g_autofree char *text = NULL;

  g_assert_false (banner_shown (fixture));
  arm (fixture, ALL_DROPPED);
  dossier_api_get_client_async (api, client_id, DOSSIER_API_PRIORITY_BACKGROUND, NULL, NULL, NULL);
  /* A GET is tried 4 times (1, 2, 4 s apart) before it counts as failed. */
  g_assert_true (dossier_test_wait_until (banner_shown, fixture, 20000));
  g_assert_false (dossier_scheduler_get_reachable (dossier_api_get_scheduler (api)));
  text = labels_of (GTK_WIDGET (banner (fixture)));
  g_test_message ("the banner says: %s", text);
  g_assert_nonnull (strstr (text, "Offline"));

  clear_faults (fixture);
  dossier_api_get_client_async (api, client_id, DOSSIER_API_PRIORITY_BACKGROUND, NULL, NULL, NULL);
  g_assert_true (dossier_test_wait_until (no_banner, fixture, 10000));
  g_assert_true (dossier_scheduler_get_reachable (dossier_api_get_scheduler (api)));
}

/* The walk: a passport queued while the server is down, the page's check failed too. The
 * row and the page say a document waits; when the server is back the window notices by
 * itself, sends the document, and the page and row follow — no F5. */
static void
test_reconnect_upload_delivered_later (Fixture       *fixture,
                                       gconstpointer  data)
{
  g_autofree char *client_id = rw_create_client (fixture, "Lucia", "Later", TRUE);
  g_autofree char *request_id = rw_request_product (fixture, client_id, "cards_individuals");
  DossierRequestCache *cache = dossier_window_get_request_cache (fixture->window);
  DossierUploader *uploader = dossier_window_get_uploader (fixture->window);
  g_autoptr(GBytes) jpeg = rw_passport_jpeg ();
  g_autoptr(JsonObject) metadata = json_object_new ();
  DossierClientPage *page;
  UnsentWait unsent = { cache, client_id, 1 };
  MarkWait mark = { fixture, client_id, TRUE };
  PageText failed = { NULL, "The requests could not be checked", TRUE };
  PageText missing = { NULL, "1 item missing", TRUE };
  PageText waiting = { NULL, "1 document waiting to be sent", TRUE };
  gint64 upload_id = 0;
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;

  g_assert_true (dossier_test_wait_until (rw_window_ready, fixture, 15000));
  page = rw_open_client (fixture, client_id);
  failed.page = missing.page = waiting.page = page;
  g_assert_true (dossier_test_wait_until (page_text_is, &missing, 10000));

  /* No automatic retries: only the window's noticing the server is back sends it. */
  dossier_uploader_set_backoff (uploader, 60000, 60000, 0);
  arm (fixture, ALL_DROPPED);
  json_object_set_string_member (metadata, "number", "AB1234567");
  dossier_uploader_enqueue_bytes_async (uploader, client_id, request_id, "identity_document", "passport",
                                        metadata, jpeg, NULL, NULL, enqueued_cb, &upload_id);
  g_assert_true (dossier_test_wait_until (id_known, &upload_id, 10000));
  g_assert_true (dossier_test_wait_until (unsent_is, &unsent, 30000));
  g_assert_true (dossier_test_wait_until (banner_shown, fixture, 20000));

  /* The page's own check fails as well (the walker's F5). */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "client.refresh-requests", NULL));
  g_assert_true (dossier_test_wait_until (page_text_is, &failed, 30000));

  /* The row and the page say a document waits to be sent. */
  dossier_window_select_client (fixture->window, dossier_client_page_get_client (page));
  g_assert_true (dossier_test_wait_until (mark_is, &mark, 10000));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (row_mark (fixture, client_id)), ==,
                   "1 document waiting to be sent");
  g_assert_true (dossier_test_wait_until (page_text_is, &waiting, 5000));
  g_assert_true (dossier_test_wait_for_draw (GTK_WIDGET (fixture->window)));
  path = dossier_test_save_screenshot (GTK_WIDGET (fixture->window), "reconnect-waiting");
  g_test_message ("screenshot: %s", path);
  g_clear_pointer (&path, g_free);

  /* The server is back. Nobody presses anything. */
  clear_faults (fixture);
  unsent.n = 0;
  mark.shown = FALSE;
  failed.shown = FALSE;
  missing.shown = FALSE;
  waiting.shown = FALSE;
  g_assert_true (dossier_test_wait_until (unsent_is, &unsent, 60000));
  g_assert_true (dossier_test_wait_until (page_text_is, &failed, 20000));
  g_assert_true (dossier_test_wait_until (page_text_is, &missing, 20000));
  g_assert_true (dossier_test_wait_until (page_text_is, &waiting, 5000));
  g_assert_true (dossier_test_wait_until (mark_is, &mark, 10000));
  g_assert_true (dossier_test_wait_until (no_banner, fixture, 5000));
  g_assert_null (dossier_request_cache_get_failure (cache, client_id));
  {
    g_autoptr(DossierUploadInfo) info = dossier_uploader_lookup (uploader, upload_id);

    g_assert_nonnull (info);
    g_assert_cmpint (info->status, ==, DOSSIER_UPLOAD_STATUS_ACCEPTED);
  }
  text = labels_of (GTK_WIDGET (page));
  g_test_message ("the page says: %s", text);
  g_assert_true (dossier_test_wait_for_draw (GTK_WIDGET (fixture->window)));
  path = dossier_test_save_screenshot (GTK_WIDGET (fixture->window), "reconnect-delivered");
  g_test_message ("screenshot: %s", path);
}

/* A waiting upload the officer cancels: the row's mark goes at once. */
static void
test_reconnect_cancelled_clears_mark (Fixture       *fixture,
                                      gconstpointer  data)
{
  g_autofree char *client_id = rw_create_client (fixture, "Lucia", "Cancelled", TRUE);
  g_autofree char *request_id = rw_request_product (fixture, client_id, "cards_individuals");
  DossierRequestCache *cache = dossier_window_get_request_cache (fixture->window);
  DossierUploader *uploader = dossier_window_get_uploader (fixture->window);
  g_autoptr(GBytes) jpeg = rw_passport_jpeg ();
  g_autoptr(JsonObject) metadata = json_object_new ();
  DossierClientPage *page;
  UnsentWait unsent = { cache, client_id, 1 };
  MarkWait mark = { fixture, client_id, TRUE };
  gint64 upload_id = 0;

  g_assert_true (dossier_test_wait_until (rw_window_ready, fixture, 15000));
  page = rw_open_client (fixture, client_id);
  dossier_uploader_set_backoff (uploader, 60000, 60000, 0);
  arm (fixture, ALL_DROPPED);
  json_object_set_string_member (metadata, "number", "AB1234567");
  dossier_uploader_enqueue_bytes_async (uploader, client_id, request_id, "identity_document", "passport",
                                        metadata, jpeg, NULL, NULL, enqueued_cb, &upload_id);
  g_assert_true (dossier_test_wait_until (id_known, &upload_id, 10000));
  g_assert_true (dossier_test_wait_until (unsent_is, &unsent, 30000));
  dossier_window_select_client (fixture->window, dossier_client_page_get_client (page));
  g_assert_true (dossier_test_wait_until (mark_is, &mark, 10000));

  g_assert_true (dossier_uploader_cancel (uploader, upload_id));
  unsent.n = 0;
  mark.shown = FALSE;
  g_assert_true (dossier_test_wait_until (unsent_is, &unsent, 5000));
  g_assert_true (dossier_test_wait_until (mark_is, &mark, 5000));
  clear_faults (fixture);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE,
                "gtk-entry-select-on-focus", FALSE, NULL);

#define ADD(path, func) \
  g_test_add ("/dossier/ui/reconnect/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("background-call", test_reconnect_background_call);
  ADD ("upload-delivered-later", test_reconnect_upload_delivered_later);
  ADD ("cancelled-clears-mark", test_reconnect_cancelled_clears_mark);
#undef ADD

  return g_test_run ();
}
