/* dossier-client-page.c — the right pane: one client's data and product requests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The requests show at once from the journal's cache, then again as the server answers
 * a fetch at USER priority; switching clients cancels what the previous one started.
 * The page and its timeline scroll as one (DossierTimelineScroller).
 */
#include "config.h"

#include <glib/gi18n.h>

#include "dossier-client-page-private.h"
#include "dossier-countries.h"
#include "dossier-error-report.h"
#include "dossier-request-summary.h"
#include "dossier-requirements.h"
#include "dossier-journal-actions.h"
#include "dossier-timeline-scroller.h"
#include "dossier-timeline-view.h"
#include "dossier-ui-closures.h"
#include "dossier-value-row.h"


G_DEFINE_FINAL_TYPE (DossierClientPage, dossier_client_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_CLIENT,
  PROP_LOADING,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static void
set_subtitle (AdwActionRow *row,
              const char   *text)
{
  adw_action_row_set_subtitle (row, text != NULL && *text != '\0' ? text : _("Not given"));
}

static void
dossier_client_page_update_details (DossierClientPage *self)
{
  DossierClient *client = self->client;
  g_autofree char *name = NULL;
  g_autofree char *phone = NULL;
  g_autofree char *created = NULL;
  g_autofree char *updated = NULL;
  g_autofree char *address = NULL;
  const char *parts[DOSSIER_COUNTRIES_N_ADDRESS_PARTS];

  if (client == NULL)
    return;

  name = dossier_client_get_display_name (client);
  gtk_label_set_text (self->name_label, name);

  adw_action_row_set_subtitle (self->id_row, dossier_client_get_id (client));
  set_subtitle (self->status_row, dossier_ui_client_status_label (dossier_client_get_status (client)));
  set_subtitle (self->email_row, dossier_client_get_email (client));
  {
    /* The locale's short form, as the date rows take it (dossier-value-row.h). */
    g_autofree char *birth = dossier_value_row_format_iso_date (dossier_client_get_birth_date (client));

    set_subtitle (self->birth_row, birth);
  }

  if (*dossier_client_get_phone_number (client) != '\0')
    phone = g_strdup_printf ("+%s %s", dossier_client_get_phone_country_code (client),
                             dossier_client_get_phone_number (client));
  set_subtitle (self->phone_row, phone);

  /* State and country by their names: "ARG-B, ARG" reads "Buenos Aires, Argentina". */
  parts[DOSSIER_COUNTRIES_ADDRESS_STREET_LINE1] = dossier_client_get_street_line1 (client);
  parts[DOSSIER_COUNTRIES_ADDRESS_STREET_LINE2] = dossier_client_get_street_line2 (client);
  parts[DOSSIER_COUNTRIES_ADDRESS_POSTAL_CODE] = dossier_client_get_postal_code (client);
  parts[DOSSIER_COUNTRIES_ADDRESS_CITY] = dossier_client_get_city (client);
  parts[DOSSIER_COUNTRIES_ADDRESS_STATE] = dossier_client_get_state (client);
  parts[DOSSIER_COUNTRIES_ADDRESS_COUNTRY] = dossier_client_get_country (client);
  address = dossier_countries_format_address (dossier_countries_get_default (), parts);
  set_subtitle (self->address_row, address);

  created = dossier_ui_format_date_time (dossier_client_get_created_at (client));
  updated = dossier_ui_format_date_time (dossier_client_get_updated_at (client));
  adw_action_row_set_subtitle (self->created_row, created);
  adw_action_row_set_subtitle (self->updated_row, updated);

  /* The client's status changed (e.g. active once a request is enabled): the line under
   * the name follows, with the requests last shown. */
  if (self->cache != NULL && dossier_request_cache_get_failure (self->cache, dossier_client_get_id (client)) != NULL)
    {
      /* The last check failed: never "checked just now" (see show_request_error). */
      g_autofree char *line = g_strdup_printf (_("%s · requests could not be checked"),
                                               dossier_ui_client_status_label (dossier_client_get_status (client)));

      gtk_label_set_text (self->summary_label, line);
    }
  else if (self->requests != NULL && self->requests->len > 0)
    {
      g_autoptr(DossierRequestSummary) summary = dossier_request_summary_new_from_list (self->requests,
                                                                                       self->checked_at);
      g_autofree char *line = dossier_ui_format_row_detail (dossier_client_get_status (client),
                                                            summary, g_get_real_time ());

      gtk_label_set_text (self->summary_label, line);
    }
}

static void
clear_request_rows (DossierClientPage *self)
{
  for (guint i = 0; i < self->request_rows->len; i++)
    adw_preferences_group_remove (self->requests_group, g_ptr_array_index (self->request_rows, i));
  g_ptr_array_set_size (self->request_rows, 0);
}

static void
add_request_row (DossierClientPage *self,
                 GtkWidget         *row)
{
  adw_preferences_group_add (self->requests_group, row);
  g_ptr_array_add (self->request_rows, row);
}

void
_dossier_client_page_show_requests (DossierClientPage *self,
               GPtrArray         *requests,
               gint64             checked_at,
               gboolean           from_server)
{
  g_autofree char *checked = dossier_ui_format_checked (checked_at, g_get_real_time ());
  g_autofree char *description = NULL;

  clear_request_rows (self);
  self->n_requests = requests->len;
  self->checked_at = checked_at;
  g_ptr_array_set_size (self->requests, 0);
  for (guint i = 0; i < requests->len; i++)
    g_ptr_array_add (self->requests, g_object_ref (g_ptr_array_index (requests, i)));
  _dossier_client_page_requests_shown (self, requests, from_server);

  for (guint i = 0; i < requests->len; i++)
    add_request_row (self, _dossier_client_page_new_request_row (self, g_ptr_array_index (requests, i)));

  if (requests->len == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("No product requests yet"));
      gtk_widget_add_css_class (row, "dim-label");
      _dossier_client_page_make_inert (row);
      add_request_row (self, row);
    }

  /* Translators: e.g. "Last checked 5 minutes ago" is said as "checked 5 minutes ago" */
  description = g_strdup_printf (_("Status as the provider last reported it, %s"), checked);
  _dossier_client_page_set_requests_description (self, description);

  {
    g_autoptr(DossierRequestSummary) summary = dossier_request_summary_new_from_list (requests, checked_at);
    g_autofree char *line = dossier_ui_format_row_detail (dossier_client_get_status (self->client),
                                                          summary, g_get_real_time ());

    gtk_label_set_text (self->summary_label, line);
  }
}

/* The check failed: it says so in words above the requests last seen (they stay), and
 * nothing says "checked just now" any more. */
static void
show_request_error (DossierClientPage *self,
                    const GError      *error)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *sentence = dossier_error_report_describe (error);
  g_autofree char *line = NULL;

  clear_request_rows (self);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("The requests could not be checked"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), sentence);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("dialog-warning-symbolic"));
  gtk_widget_add_css_class (row, "error");
  _dossier_client_page_make_inert (row);
  add_request_row (self, row);
  for (guint i = 0; i < self->requests->len; i++)
    add_request_row (self, _dossier_client_page_new_request_row (self, g_ptr_array_index (self->requests, i)));

  if (self->requests->len > 0 && self->checked_at > 0)
    {
      g_autoptr(GDateTime) seen = g_date_time_new_from_unix_local (self->checked_at / G_USEC_PER_SEC);
      g_autofree char *when = dossier_ui_format_date_time (seen);
      /* Translators: the placeholder is a date and time */
      g_autofree char *description = g_strdup_printf (_("Status as the provider reported it on %s"), when);

      _dossier_client_page_set_requests_description (self, description);
    }
  else
    _dossier_client_page_set_requests_description (self, NULL);

  /* Translators: the client's status, then why nothing newer is shown */
  line = g_strdup_printf (_("%s · requests could not be checked"),
                          dossier_ui_client_status_label (dossier_client_get_status (self->client)));
  gtk_label_set_text (self->summary_label, line);
}

static void
set_loading (DossierClientPage *self,
             gboolean           loading)
{
  if (self->loading == !!loading)
    return;
  self->loading = !!loading;
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), loading);
  gtk_spinner_set_spinning (self->spinner, loading);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "client.refresh-requests", !loading);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

static void
fetched_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(DossierClientPage) self = user_data;
  g_autoptr(GPtrArray) requests = NULL;
  g_autoptr(GError) error = NULL;

  requests = dossier_request_cache_fetch_finish (DOSSIER_REQUEST_CACHE (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  set_loading (self, FALSE);
  if (requests == NULL)
    show_request_error (self, error);
  else
    _dossier_client_page_show_requests (self, requests, g_get_real_time (), TRUE);
}

static void
cached_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(DossierClientPage) self = user_data;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GPtrArray) requests = NULL;
  DossierJournalRequests *entry;
  JsonArray *array;

  entries = dossier_journal_list_requests_finish (DOSSIER_JOURNAL (object), result, NULL);
  /* The server's answer may have come first; it is newer. */
  if (entries == NULL || entries->len == 0 || !self->loading)
    return;

  entry = g_ptr_array_index (entries, 0);
  if (!JSON_NODE_HOLDS_ARRAY (entry->requests))
    return;

  array = json_node_get_array (entry->requests);
  requests = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      DossierProductRequest *request;

      request = dossier_product_request_new_from_json (json_array_get_element (array, i), NULL);
      if (request != NULL)
        g_ptr_array_add (requests, request);
    }
  _dossier_client_page_show_requests (self, requests, entry->fetched_at, FALSE);
}

void
_dossier_client_page_load_requests (DossierClientPage *self)
{
  DossierJournal *journal;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  if (self->client == NULL || self->cache == NULL)
    return;

  self->cancellable = g_cancellable_new ();
  set_loading (self, TRUE);

  journal = dossier_request_cache_get_journal (self->cache);
  if (journal != NULL)
    dossier_journal_list_requests_async (journal, dossier_client_get_id (self->client),
                                         self->cancellable, cached_cb, g_object_ref (self));
  dossier_request_cache_fetch_async (self->cache, dossier_client_get_id (self->client),
                                     DOSSIER_API_PRIORITY_USER, self->cancellable,
                                     fetched_cb, g_object_ref (self));
}

static void
refresh_requests_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  _dossier_client_page_load_requests (DOSSIER_CLIENT_PAGE (widget));
}

static void
copy_id_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  DossierClientPage *self = DOSSIER_CLIENT_PAGE (widget);
  GtkWidget *overlay;

  if (self->client == NULL)
    return;

  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), dossier_client_get_id (self->client));
  overlay = gtk_widget_get_ancestor (widget, ADW_TYPE_TOAST_OVERLAY);
  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), adw_toast_new (_("Client ID copied")));
}

static void
dossier_client_page_dispose (GObject *object)
{
  DossierClientPage *self = DOSSIER_CLIENT_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->client_signals);
  g_clear_object (&self->client);
  g_clear_object (&self->cache);
  g_clear_pointer (&self->request_rows, g_ptr_array_unref);
  g_clear_pointer (&self->requests, g_ptr_array_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), DOSSIER_TYPE_CLIENT_PAGE);

  G_OBJECT_CLASS (dossier_client_page_parent_class)->dispose (object);
}

static void
dossier_client_page_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  DossierClientPage *self = DOSSIER_CLIENT_PAGE (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      g_value_set_object (value, self->client);
      break;

    case PROP_LOADING:
      g_value_set_boolean (value, self->loading);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dossier_client_page_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  DossierClientPage *self = DOSSIER_CLIENT_PAGE (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      dossier_client_page_set_client (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dossier_client_page_class_init (DossierClientPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dossier_client_page_dispose;
  object_class->get_property = dossier_client_page_get_property;
  object_class->set_property = dossier_client_page_set_property;

  properties[PROP_CLIENT] =
    g_param_spec_object ("client", NULL, NULL, DOSSIER_TYPE_CLIENT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/dossier-client-page.ui");
  g_type_ensure (DOSSIER_TYPE_TIMELINE_VIEW);
  g_type_ensure (DOSSIER_TYPE_TIMELINE_SCROLLER);
  gtk_widget_class_bind_template_child (widget_class, DossierClientPage, stack);
  gtk_widget_class_bind_template_child (widget_class, DossierClientPage, name_label);
  gtk_widget_class_bind_template_child (widget_class, DossierClientPage, summary_label);
  gtk_widget_class_bind_template_child (widget_class, DossierClientPage, requests_group);
  gtk_widget_class_bind_template_child (widget_class, DossierClientPage, requests_header);
  gtk_widget_class_bind_template_child (widget_class, DossierClientPage, requests_description);
  /* Reachable by name for the tests (gtk_widget_get_template_child), kept nowhere. */
  gtk_widget_class_bind_template_child_full (widget_class, "requests_title", FALSE, 0);
  gtk_widget_class_bind_template_child_full (widget_class, "request_button", FALSE, 0);
  gtk_widget_class_bind_template_child_full (widget_class, "refresh_button", FALSE, 0);
  gtk_widget_class_bind_template_child_full (widget_class, "client_menu_button", FALSE, 0);
  gtk_widget_class_bind_template_child (widget_class, DossierClientPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, DossierClientPage, id_row);
  gtk_widget_class_bind_template_child (widget_class, DossierClientPage, status_row);
  gtk_widget_class_bind_template_child (widget_class, DossierClientPage, email_row);
  gtk_widget_class_bind_template_child (widget_class, DossierClientPage, phone_row);
  gtk_widget_class_bind_template_child (widget_class, DossierClientPage, birth_row);
  gtk_widget_class_bind_template_child (widget_class, DossierClientPage, address_row);
  gtk_widget_class_bind_template_child (widget_class, DossierClientPage, created_row);
  gtk_widget_class_bind_template_child (widget_class, DossierClientPage, updated_row);
  gtk_widget_class_bind_template_child (widget_class, DossierClientPage, timeline_view);
  gtk_widget_class_bind_template_child (widget_class, DossierClientPage, scroller);
  dossier_journal_actions_install_client (widget_class);

  gtk_widget_class_install_action (widget_class, "client.refresh-requests", NULL, refresh_requests_action);
  gtk_widget_class_install_action (widget_class, "client.copy-id", NULL, copy_id_action);

  _dossier_client_page_class_init_requests (widget_class);
  _dossier_client_page_class_init_shortcuts (widget_class);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
dossier_client_page_init (DossierClientPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  _dossier_client_page_setup_layout (self);
  dossier_journal_actions_bind_client (GTK_WIDGET (self));
  /* The address names its province: read iso-codes' subdivisions before one is shown. */
  dossier_countries_prefetch ();

  self->request_rows = g_ptr_array_new ();
  self->requests = g_ptr_array_new_with_free_func (g_object_unref);
  self->client_signals = g_signal_group_new (DOSSIER_TYPE_CLIENT);
  g_signal_group_connect_swapped (self->client_signals, "notify",
                                  G_CALLBACK (dossier_client_page_update_details), self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "client.refresh-requests", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "client.copy-id", FALSE);
  _dossier_client_page_update_request_actions (self);
}

/**
 * dossier_client_page_get_client:
 * @self: a #DossierClientPage
 *
 * Returns: (transfer none) (nullable): the client shown
 */
DossierClient *
dossier_client_page_get_client (DossierClientPage *self)
{
  g_return_val_if_fail (DOSSIER_IS_CLIENT_PAGE (self), NULL);

  return self->client;
}

void
dossier_client_page_set_client (DossierClientPage *self,
                                DossierClient     *client)
{
  gboolean another = FALSE;

  g_return_if_fail (DOSSIER_IS_CLIENT_PAGE (self));
  g_return_if_fail (!client || DOSSIER_IS_CLIENT (client));

  if (self->client != client)
    another = client == NULL || self->client == NULL ||
              g_strcmp0 (dossier_client_get_id (self->client), dossier_client_get_id (client)) != 0;
  if (!g_set_object (&self->client, client))
    return;

  g_signal_group_set_target (self->client_signals, client);
  gtk_stack_set_visible_child_name (self->stack, client != NULL ? "client" : "empty");
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "client.copy-id", client != NULL);

  clear_request_rows (self);
  self->n_requests = 0;
  g_ptr_array_set_size (self->requests, 0);
  _dossier_client_page_update_request_actions (self);
  _dossier_client_page_set_requests_description (self, NULL);
  gtk_label_set_text (self->summary_label,
                      client != NULL ? dossier_ui_client_status_label (dossier_client_get_status (client)) : "");
  set_loading (self, FALSE);
  dossier_client_page_update_details (self);
  _dossier_client_page_load_requests (self);
  dossier_client_page_reload_timeline (self);
  /* Another client starts at the top of its page, with every kind of event shown; the
   * same client again (a fresher copy) stays where the reader is. */
  if (another)
    {
      dossier_timeline_view_set_filter (DOSSIER_TIMELINE_VIEW (self->timeline_view),
                                        DOSSIER_TIMELINE_FILTER_ALL);
      dossier_timeline_scroller_scroll_to_top (DOSSIER_TIMELINE_SCROLLER (self->scroller));
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CLIENT]);
}

/* The journal opens after the window shows: the page's timeline follows once it is there. */
void
dossier_client_page_reload_timeline (DossierClientPage *self)
{
  g_return_if_fail (DOSSIER_IS_CLIENT_PAGE (self));

  dossier_timeline_view_set_client (DOSSIER_TIMELINE_VIEW (self->timeline_view),
                                    self->cache != NULL ? dossier_request_cache_get_journal (self->cache) : NULL,
                                    self->client != NULL ? dossier_client_get_id (self->client) : NULL);
}

void
dossier_client_page_set_cache (DossierClientPage   *self,
                               DossierRequestCache *cache)
{
  g_return_if_fail (DOSSIER_IS_CLIENT_PAGE (self));
  g_return_if_fail (!cache || DOSSIER_IS_REQUEST_CACHE (cache));

  if (!g_set_object (&self->cache, cache))
    return;
  _dossier_client_page_update_request_actions (self);
  _dossier_client_page_load_requests (self);
}

guint
dossier_client_page_get_n_requests (DossierClientPage *self)
{
  g_return_val_if_fail (DOSSIER_IS_CLIENT_PAGE (self), 0);

  return self->n_requests;
}

gboolean
dossier_client_page_get_loading (DossierClientPage *self)
{
  g_return_val_if_fail (DOSSIER_IS_CLIENT_PAGE (self), FALSE);

  return self->loading;
}
