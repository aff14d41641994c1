/* dossier-client-page-requests.c — the client page's product requests: rows that open their
 * request window, and "Request Product…"
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A request with documents waiting to be sent says so in its row (dossier-client-page-unsent.c).
 *
 * Requesting a product the client already has an open request for opens that request
 * instead (the server's 412 PRODUCT_ALREADY_REQUESTED is only the backstop, handled the
 * same way). For a real account, product ids typed by hand are remembered per account in
 * the `product-ids` setting and offered again.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "dossier-client-page-private.h"
#include "dossier-client-page-unsent.h"
#include "dossier-known-ids.h"
#include "dossier-product-chooser.h"
#include "dossier-request-window.h"
#include "dossier-ui-closures.h"
#include "dossier-window.h"

/* The product every real account is offered (CONTRACT.md §16). */
#define DEFAULT_PRODUCT "cards_individuals"
#define MAX_REMEMBERED 20

static char *
request_subtitle (DossierProductRequest *request)
{
  DossierRequirements *missing = dossier_product_request_get_requirements (request);
  g_autofree char *since = dossier_ui_format_date_time (dossier_product_request_get_created_at (request));
  const char *rejection = dossier_product_request_get_rejection_description (request);
  guint n_missing = 0;

  if (dossier_product_request_get_status (request) == DOSSIER_REQUEST_STATUS_REJECTED
      && rejection != NULL && *rejection != '\0')
    /* Translators: when the request was made · the provider's reason */
    return g_strdup_printf (_("Requested %s · %s"), since, rejection);

  if (missing != NULL)
    n_missing = dossier_requirements_get_n_data_groups (missing)
                + dossier_requirements_get_n_document_groups (missing);
  if (n_missing > 0 && dossier_product_request_is_open (request))
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         /* Translators: when · how many requirements are missing */
                                         "Requested %s · %u item missing",
                                         "Requested %s · %u items missing", n_missing),
                            since, n_missing);

  /* Translators: the placeholder is a date and time */
  return g_strdup_printf (_("Requested %s"), since);
}

static DossierWindow *
get_window (DossierClientPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return DOSSIER_IS_WINDOW (root) ? DOSSIER_WINDOW (root) : NULL;
}

/* A request the server would not duplicate (§8.5: requested, pending, in review or enabled). */
static gboolean
blocks_new_request (DossierProductRequest *request)
{
  DossierRequestStatus status = dossier_product_request_get_status (request);

  return status != DOSSIER_REQUEST_STATUS_REJECTED && status != DOSSIER_REQUEST_STATUS_UNKNOWN;
}

static DossierProductRequest *
find_open_request (DossierClientPage *self,
                   const char        *product_id)
{
  /* The newest such one, should the server ever have kept two. */
  for (guint i = self->requests->len; i > 0; i--)
    {
      DossierProductRequest *request = g_ptr_array_index (self->requests, i - 1);

      if (blocks_new_request (request)
          && g_strcmp0 (dossier_product_request_get_product (request), product_id) == 0)
        return request;
    }

  return NULL;
}

static void
open_request (DossierClientPage     *self,
              DossierProductRequest *request)
{
  DossierWindow *window = get_window (self);

  if (window == NULL || self->client == NULL)
    return;
  dossier_request_window_open (window, self->client, request);
}

static void
row_activated_cb (DossierClientPage *self,
                  AdwActionRow      *row)
{
  DossierProductRequest *request = g_object_get_data (G_OBJECT (row), "dossier-request");

  if (request != NULL)
    open_request (self, request);
}

GtkWidget *
_dossier_client_page_new_request_row (DossierClientPage     *self,
                                      DossierProductRequest *request)
{
  DossierRequestStatus status = dossier_product_request_get_status (request);
  g_autofree char *title = dossier_known_ids_product_label (dossier_product_request_get_product (request));
  g_autofree char *subtitle = request_subtitle (request);
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *badge = gtk_label_new (dossier_ui_request_status_label (status));
  GtkWidget *mark = gtk_image_new_from_icon_name ("document-send-symbolic");

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_widget_set_valign (badge, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (badge, "dossier-badge");
  gtk_widget_add_css_class (badge, dossier_ui_request_status_style (status));
  gtk_widget_add_css_class (mark, "warning");
  gtk_widget_set_visible (mark, FALSE);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), mark);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), badge);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  g_object_set_data_full (G_OBJECT (row), "dossier-request", g_object_ref (request), g_object_unref);
  g_object_set_data (G_OBJECT (row), "dossier-unsent-mark", mark);
  g_object_set_data_full (G_OBJECT (row), "dossier-subtitle", g_steal_pointer (&subtitle), g_free);
  g_signal_connect_object (row, "activated", G_CALLBACK (row_activated_cb), self, G_CONNECT_SWAPPED);
  _dossier_client_page_update_unsent_mark (self, row);

  return row;
}

/* A poll of the review watcher (or a request window's refresh through it) about the
 * client shown: the rows follow, e.g. "In review" becomes "Enabled". */
static void
watcher_polled_cb (DossierClientPage *self,
                   const char        *client_id,
                   GPtrArray         *requests,
                   const GError      *error)
{
  if (requests == NULL || self->client == NULL
      || g_strcmp0 (client_id, dossier_client_get_id (self->client)) != 0)
    return;

  _dossier_client_page_show_requests (self, requests, g_get_real_time (), FALSE);
}

void
_dossier_client_page_requests_shown (DossierClientPage *self,
                                     GPtrArray         *requests,
                                     gboolean           from_server)
{
  DossierWindow *window = get_window (self);
  DossierReviewWatcher *watcher = window != NULL ? dossier_window_get_review_watcher (window) : NULL;

  if (watcher == NULL || self->client == NULL)
    return;

  if (g_object_get_data (G_OBJECT (self), "dossier-watcher") != watcher)
    {
      g_object_set_data (G_OBJECT (self), "dossier-watcher", watcher);
      g_signal_connect_object (watcher, "polled", G_CALLBACK (watcher_polled_cb), self, G_CONNECT_SWAPPED);
    }

  /* What the page fetched is what the watcher compares the next polls with. */
  if (from_server)
    dossier_review_watcher_track_all (watcher, dossier_client_get_id (self->client), requests);
}

void
_dossier_client_page_update_request_actions (DossierClientPage *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "client.request-product",
                                 self->client != NULL && self->cache != NULL);
  /* Called as the page gets its cache (and its client): the cache's news follow. */
  _dossier_client_page_follow_cache (self);
}

/* Remembering product ids typed for a real account */

static GStrv
remembered_products (GSettings  *settings,
                     const char *base_url)
{
  g_autoptr(GVariant) map = g_settings_get_value (settings, "product-ids");
  g_autoptr(GVariant) ids = g_variant_lookup_value (map, base_url, G_VARIANT_TYPE_STRING_ARRAY);

  return ids != NULL ? g_variant_dup_strv (ids, NULL) : g_new0 (char *, 1);
}

static void
remember_product (DossierAccount *account,
                  const char     *product_id)
{
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  const char *base_url = dossier_account_get_base_url (account);
  g_auto(GStrv) known = remembered_products (settings, base_url);
  g_autoptr(GVariant) map = g_settings_get_value (settings, "product-ids");
  g_autoptr(GStrvBuilder) ids = g_strv_builder_new ();
  g_auto(GStrv) list = NULL;
  GVariantBuilder builder;
  GVariantIter iter;
  const char *key;
  GVariant *value;
  guint n = 1;

  if (g_str_equal (product_id, DEFAULT_PRODUCT) || g_strv_contains ((const char * const *) known, product_id))
    return;

  g_strv_builder_add (ids, product_id);
  for (guint i = 0; known[i] != NULL && n < MAX_REMEMBERED; i++, n++)
    g_strv_builder_add (ids, known[i]);
  list = g_strv_builder_end (ids);

  g_variant_builder_init (&builder, G_VARIANT_TYPE ("a{sas}"));
  g_variant_iter_init (&iter, map);
  while (g_variant_iter_next (&iter, "{&s@as}", &key, &value))
    {
      if (!g_str_equal (key, base_url))
        g_variant_builder_add (&builder, "{s@as}", key, value);
      g_variant_unref (value);
    }
  g_variant_builder_add (&builder, "{s^as}", base_url, list);
  g_settings_set_value (settings, "product-ids", g_variant_builder_end (&builder));
}

/* Requesting */

typedef struct
{
  DossierClientPage *page;
  DossierWindow     *window;
  DossierClient     *client;
  char              *product_id;
} RequestData;

static void
request_data_free (RequestData *data)
{
  g_clear_object (&data->page);
  g_clear_object (&data->window);
  g_clear_object (&data->client);
  g_free (data->product_id);
  g_free (data);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RequestData, request_data_free)

static void
page_toast (DossierClientPage *self,
            const char        *text)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);
  g_autofree char *escaped = g_markup_escape_text (text, -1);

  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), adw_toast_new (escaped));
}

/* After a 412 PRODUCT_ALREADY_REQUESTED: the open request is on the server; open it. */
static void
listed_after_conflict_cb (GObject      *object,
                          GAsyncResult *result,
                          gpointer      user_data)
{
  g_autoptr(RequestData) data = user_data;
  g_autoptr(GPtrArray) requests = dossier_api_list_products_finish (DOSSIER_API (object), result, NULL);

  for (guint i = 0; requests != NULL && i < requests->len; i++)
    {
      DossierProductRequest *request = g_ptr_array_index (requests, i);

      if (blocks_new_request (request)
          && g_strcmp0 (dossier_product_request_get_product (request), data->product_id) == 0)
        {
          dossier_request_window_open (data->window, data->client, request);
          break;
        }
    }
  if (data->page->client == data->client)
    _dossier_client_page_load_requests (data->page);
}

static void
requested_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(RequestData) data = user_data;
  g_autoptr(DossierProductRequest) request = NULL;
  g_autoptr(GError) error = NULL;

  request = dossier_api_request_product_finish (DOSSIER_API (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (request == NULL)
    {
      if (g_strcmp0 (dossier_api_error_get_code (error), "PRODUCT_ALREADY_REQUESTED") == 0)
        {
          g_autofree char *client_id = g_strdup (dossier_client_get_id (data->client));

          dossier_api_list_products_async (DOSSIER_API (object), client_id,
                                           DOSSIER_API_PRIORITY_USER, NULL, listed_after_conflict_cb,
                                           g_steal_pointer (&data));
          return;
        }
      {
        /* Translators: the placeholder is the reason, in words */
        g_autofree char *text = g_strdup_printf (_("The product could not be requested: %s"),
                                                 error != NULL ? error->message : _("the server sent no answer"));
        page_toast (data->page, text);
      }
      return;
    }

  {
    DossierApplication *app = DOSSIER_APPLICATION (gtk_window_get_application (GTK_WINDOW (data->window)));
    DossierAccount *account = app != NULL ? dossier_application_get_account (app) : NULL;

    if (account != NULL && dossier_account_get_kind (account) == DOSSIER_ACCOUNT_KIND_REMOTE)
      remember_product (account, data->product_id);
  }

  dossier_request_window_open (data->window, data->client, request);
  if (data->page->client == data->client)
    _dossier_client_page_load_requests (data->page);
}

static void
product_chosen_cb (DossierClientPage *self,
                   const char        *product_id)
{
  DossierWindow *window = get_window (self);
  DossierProductRequest *open;
  RequestData *data;

  if (window == NULL || self->client == NULL || dossier_window_get_api (window) == NULL)
    return;

  open = find_open_request (self, product_id);
  if (open != NULL)
    {
      open_request (self, open);
      return;
    }

  data = g_new0 (RequestData, 1);
  data->page = g_object_ref (self);
  data->window = g_object_ref (window);
  data->client = g_object_ref (self->client);
  data->product_id = g_strdup (product_id);
  dossier_api_request_product_async (dossier_window_get_api (window), dossier_client_get_id (self->client),
                                     product_id, DOSSIER_API_PRIORITY_USER, NULL, requested_cb, data);
}

static void
request_product_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  DossierClientPage *self = DOSSIER_CLIENT_PAGE (widget);
  DossierWindow *window = get_window (self);
  DossierApplication *app;
  DossierAccount *account;
  DossierSandbox *sandbox;
  DossierProductChooser *chooser;
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  g_auto(GStrv) ids = NULL;
  g_autofree char *client_name = NULL;
  gboolean remote;

  if (window == NULL || self->client == NULL)
    return;

  app = DOSSIER_APPLICATION (gtk_window_get_application (GTK_WINDOW (window)));
  account = app != NULL ? dossier_application_get_account (app) : NULL;
  sandbox = app != NULL ? dossier_application_get_sandbox (app) : NULL;
  remote = account != NULL && dossier_account_get_kind (account) == DOSSIER_ACCOUNT_KIND_REMOTE;

  if (!remote && sandbox != NULL)
    {
      ids = dossier_sandbox_dup_product_ids (sandbox);
      for (guint i = 0; ids != NULL && ids[i] != NULL; i++)
        g_ptr_array_add (names, (gpointer) dossier_sandbox_get_product_name (sandbox, ids[i]));
    }
  else
    {
      g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
      g_auto(GStrv) known = remembered_products (settings, account != NULL ? dossier_account_get_base_url (account) : "");
      g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

      g_strv_builder_add (builder, DEFAULT_PRODUCT);
      g_strv_builder_addv (builder, (const char **) known);
      ids = g_strv_builder_end (builder);
    }
  g_ptr_array_add (names, NULL);

  client_name = dossier_client_get_display_name (self->client);
  chooser = dossier_product_chooser_new (GTK_WINDOW (window), client_name, (const char * const *) ids,
                                         remote ? NULL : (const char * const *) names->pdata, remote);
  for (guint i = 0; ids != NULL && ids[i] != NULL; i++)
    {
      DossierProductRequest *open = find_open_request (self, ids[i]);

      if (open != NULL)
        dossier_product_chooser_mark_open (chooser, ids[i],
                                           dossier_ui_request_status_label (dossier_product_request_get_status (open)));
    }
  g_signal_connect_object (chooser, "product-chosen", G_CALLBACK (product_chosen_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (chooser));
}

void
_dossier_client_page_class_init_requests (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "client.request-product", NULL, request_product_action);
}

/**
 * dossier_client_page_get_request:
 * @self: a #DossierClientPage
 * @index: a position
 *
 * Returns: (transfer none) (nullable): the request shown at @index
 */
DossierProductRequest *
dossier_client_page_get_request (DossierClientPage *self,
                                 guint              index)
{
  g_return_val_if_fail (DOSSIER_IS_CLIENT_PAGE (self), NULL);

  return index < self->requests->len ? g_ptr_array_index (self->requests, index) : NULL;
}

gboolean
dossier_client_page_activate_request (DossierClientPage *self,
                                      const char        *request_id)
{
  g_return_val_if_fail (DOSSIER_IS_CLIENT_PAGE (self), FALSE);
  g_return_val_if_fail (request_id != NULL, FALSE);

  for (guint i = 0; i < self->request_rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->request_rows, i);
      DossierProductRequest *request = g_object_get_data (G_OBJECT (row), "dossier-request");

      if (request != NULL && g_strcmp0 (dossier_product_request_get_id (request), request_id) == 0)
        {
          adw_action_row_activate (ADW_ACTION_ROW (row));
          return TRUE;
        }
    }

  return FALSE;
}

/**
 * dossier_client_page_update_request:
 * @self: a #DossierClientPage
 * @client_id: the client @request belongs to
 * @request: a newer state of one of its requests, or a new one (after "Request Again")
 *
 * When the page shows @client_id, @request takes the place of the request with its id
 * (or is added), the rows are shown again and the list's badge follows through the request
 * cache. Nothing is fetched: @request is what the server last answered.
 *
 * Returns: %TRUE when the page shows @request now
 */
gboolean
dossier_client_page_update_request (DossierClientPage     *self,
                                    const char            *client_id,
                                    DossierProductRequest *request)
{
  g_autoptr(GPtrArray) requests = NULL;
  g_autoptr(DossierRequestSummary) summary = NULL;
  gboolean found = FALSE;
  gint64 now = g_get_real_time ();

  g_return_val_if_fail (DOSSIER_IS_CLIENT_PAGE (self), FALSE);
  g_return_val_if_fail (client_id != NULL, FALSE);
  g_return_val_if_fail (DOSSIER_IS_PRODUCT_REQUEST (request), FALSE);

  /* Another client, or a fetch on its way that will show it. */
  if (self->client == NULL || self->loading
      || g_strcmp0 (client_id, dossier_client_get_id (self->client)) != 0)
    return FALSE;

  requests = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < self->requests->len; i++)
    {
      DossierProductRequest *shown = g_ptr_array_index (self->requests, i);

      if (shown == request)
        return TRUE;
      if (g_strcmp0 (dossier_product_request_get_id (shown), dossier_product_request_get_id (request)) == 0)
        {
          shown = request;
          found = TRUE;
        }
      g_ptr_array_add (requests, g_object_ref (shown));
    }
  if (!found)
    g_ptr_array_add (requests, g_object_ref (request));

  _dossier_client_page_show_requests (self, requests, now, FALSE);
  if (self->cache != NULL)
    {
      summary = dossier_request_summary_new_from_list (requests, now);
      dossier_request_cache_insert (self->cache, client_id, summary);
    }

  return TRUE;
}
