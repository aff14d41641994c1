/* dossier-request-window.c — one product request: its state, its form, its documents, submit
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Built in code: a header bar (product, client, Submit), then in a clamped scrolled column
 * the state card, the earlier attempts, the requirements form with its Save button and the
 * document slots. Every newer state of the request goes through
 * dossier_request_window_set_request(), which updates all of them in place.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "dossier-call-status.h"
#include "dossier-product-chooser.h"
#include "dossier-request-window-private.h"
#include "dossier-requirements-form.h"
#include "dossier-submitted-view.h"

G_DEFINE_FINAL_TYPE (DossierRequestWindow, dossier_request_window, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_STATE,
  PROP_CAN_SUBMIT,
  PROP_BUSY,
  PROP_REQUEST,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static void
dossier_request_window_dispose (GObject *object)
{
  DossierRequestWindow *self = DOSSIER_REQUEST_WINDOW (object);

  /* A change of the slots not saved yet: saved now, while they are still there. */
  if (self->documents_save_id != 0)
    _dossier_request_window_save_documents_now (self);
  /* Pasted pictures kept for a draft that no longer names them (queued, accepted). */
  if (self->slots != NULL)
    {
      GHashTableIter iter;
      gpointer slot;

      g_hash_table_iter_init (&iter, self->slots);
      while (g_hash_table_iter_next (&iter, NULL, &slot))
        if (!dossier_document_slot_has_unsent_work (slot))
          dossier_document_slot_discard_draft (slot);
    }
  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->tick_id, g_source_remove);
  g_clear_handle_id (&self->refresh_id, g_source_remove);
  /* The form notifies while it is taken apart; the window's widgets are going too. */
  if (self->form != NULL)
    g_signal_handlers_disconnect_by_data (self->form, self);
  if (self->slots != NULL)
    {
      GHashTableIter iter;
      gpointer slot;

      g_hash_table_iter_init (&iter, self->slots);
      while (g_hash_table_iter_next (&iter, NULL, &slot))
        g_signal_handlers_disconnect_by_data (slot, self);
    }
  self->form = NULL;
  if (self->watcher != NULL)
    g_signal_handlers_disconnect_by_data (self->watcher, self);
  if (self->uploader != NULL)
    g_signal_handlers_disconnect_by_data (self->uploader, self);
  g_clear_object (&self->watcher);
  g_clear_object (&self->uploader);
  g_clear_object (&self->api);
  g_clear_object (&self->journal);
  g_clear_object (&self->client);
  g_clear_object (&self->request);
  g_clear_pointer (&self->previous, g_ptr_array_unref);
  g_clear_pointer (&self->previous_rows, g_ptr_array_unref);
  g_clear_pointer (&self->slots, g_hash_table_unref);
  g_clear_pointer (&self->uploads, g_hash_table_unref);
  g_weak_ref_set (&self->parent, NULL);

  G_OBJECT_CLASS (dossier_request_window_parent_class)->dispose (object);
}

static void
dossier_request_window_finalize (GObject *object)
{
  DossierRequestWindow *self = DOSSIER_REQUEST_WINDOW (object);

  g_weak_ref_clear (&self->parent);
  g_clear_object (&self->cancellable);
  g_free (self->state_title_text);
  g_free (self->state_description_text);
  g_free (self->submitted_for);
  g_free (self->documents_for);

  G_OBJECT_CLASS (dossier_request_window_parent_class)->finalize (object);
}

static void
dossier_request_window_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  DossierRequestWindow *self = DOSSIER_REQUEST_WINDOW (object);

  switch (prop_id)
    {
    case PROP_STATE:
      g_value_set_int (value, self->state);
      break;

    case PROP_CAN_SUBMIT:
      g_value_set_boolean (value, dossier_request_window_get_can_submit (self));
      break;

    case PROP_BUSY:
      g_value_set_boolean (value, self->busy);
      break;

    case PROP_REQUEST:
      g_value_set_object (value, self->request);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static gboolean
dossier_request_window_close_request (GtkWindow *window)
{
  if (_dossier_request_window_confirm_close (DOSSIER_REQUEST_WINDOW (window)))
    return TRUE;
  return GTK_WINDOW_CLASS (dossier_request_window_parent_class)->close_request (window);
}

static void
dossier_request_window_class_init (DossierRequestWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  GTK_WINDOW_CLASS (klass)->close_request = dossier_request_window_close_request;

  object_class->dispose = dossier_request_window_dispose;
  object_class->finalize = dossier_request_window_finalize;
  object_class->get_property = dossier_request_window_get_property;

  properties[PROP_STATE] =
    g_param_spec_int ("state", NULL, NULL, 0, DOSSIER_REQUEST_STATE_UNKNOWN, DOSSIER_REQUEST_STATE_UNKNOWN,
                      G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CAN_SUBMIT] =
    g_param_spec_boolean ("can-submit", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* Notified on every newer state the window is given, so the main window's page and
   * request cache follow it without fetching again. */
  properties[PROP_REQUEST] =
    g_param_spec_object ("request", NULL, NULL, DOSSIER_TYPE_PRODUCT_REQUEST,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK, "window.close", NULL);
  _dossier_request_window_class_init_actions (widget_class);
  _dossier_request_window_class_init_state (widget_class);
}

static void
submit_retry_cb (DossierRequestWindow *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "request.submit", NULL);
}

static AdwActionRow *
new_detail_row (AdwPreferencesGroup *group,
                const char          *title)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_group_add (group, row);
  return ADW_ACTION_ROW (row);
}

static void
dossier_request_window_init (DossierRequestWindow *self)
{
  GtkWidget *toolbar = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *clamp = adw_clamp_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 24);

  g_weak_ref_init (&self->parent, NULL);
  self->cancellable = g_cancellable_new ();
  self->previous = g_ptr_array_new_with_free_func (g_object_unref);
  self->previous_rows = g_ptr_array_new ();
  self->slots = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->uploads = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  self->state = DOSSIER_REQUEST_STATE_UNKNOWN;

  gtk_window_set_default_size (GTK_WINDOW (self), 600, 720);
  gtk_window_set_destroy_with_parent (GTK_WINDOW (self), TRUE);

  self->title = ADW_WINDOW_TITLE (adw_window_title_new ("", NULL));
  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header), GTK_WIDGET (self->title));

  self->submit_button = gtk_button_new_with_mnemonic (_("_Submit"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->submit_button), "request.submit");
  gtk_widget_add_css_class (self->submit_button, "suggested-action");
  gtk_widget_set_tooltip_text (self->submit_button, _("Send the request for the provider’s review"));
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), self->submit_button);

  self->spinner = gtk_spinner_new ();
  gtk_widget_set_visible (self->spinner, FALSE);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), self->spinner);
  gtk_box_append (GTK_BOX (toolbar), header);

  /* Under Submit: that it is on its way, that the server is busy, or why it failed. */
  self->submit_status = dossier_call_status_new ();
  gtk_widget_add_css_class (self->submit_status, "dossier-submit-status");
  gtk_widget_set_margin_start (self->submit_status, 12);
  gtk_widget_set_margin_end (self->submit_status, 12);
  gtk_widget_set_margin_top (self->submit_status, 6);
  gtk_widget_set_margin_bottom (self->submit_status, 6);
  g_signal_connect_object (self->submit_status, "retry", G_CALLBACK (submit_retry_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_box_append (GTK_BOX (toolbar), self->submit_status);

  gtk_widget_set_margin_top (box, 24);
  gtk_widget_set_margin_bottom (box, 24);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);

  self->state_card = _dossier_request_window_build_state_card (self);
  gtk_box_append (GTK_BOX (box), self->state_card);

  self->previous_group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (self->previous_group, _("Earlier Attempts"));
  gtk_widget_set_visible (GTK_WIDGET (self->previous_group), FALSE);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->previous_group));

  /* Instead of the form once nothing more can be sent. */
  self->submitted = dossier_submitted_view_new ();
  gtk_widget_set_visible (self->submitted, FALSE);
  gtk_box_append (GTK_BOX (box), self->submitted);

  /* The form comes with the services (dossier_request_window_new); its Save button is ours. */
  self->save_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  self->save_button = gtk_button_new_with_mnemonic (_("Sa_ve Client Data"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->save_button), "request.save");
  gtk_widget_set_halign (self->save_button, GTK_ALIGN_END);
  gtk_box_append (GTK_BOX (self->save_box), self->save_button);
  gtk_box_append (GTK_BOX (box), self->save_box);

  self->documents_group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (self->documents_group, _("Documents"));
  gtk_widget_set_visible (GTK_WIDGET (self->documents_group), FALSE);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->documents_group));
  self->documents_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 24);
  gtk_box_append (GTK_BOX (box), self->documents_box);

  /* What identifies the request, e.g. for the provider's support. */
  self->details_group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (self->details_group, _("Request Details"));
  self->product_row = new_detail_row (self->details_group, _("Product ID"));
  self->request_id_row = new_detail_row (self->details_group, _("Request ID"));
  self->created_row = new_detail_row (self->details_group, _("Requested"));
  self->updated_row = new_detail_row (self->details_group, _("Last Change"));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->details_group));

  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 720);
  adw_clamp_set_tightening_threshold (ADW_CLAMP (clamp), 480);
  adw_clamp_set_child (ADW_CLAMP (clamp), box);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), clamp);
  gtk_widget_set_vexpand (scrolled, TRUE);

  self->toast_overlay = ADW_TOAST_OVERLAY (adw_toast_overlay_new ());
  adw_toast_overlay_set_child (self->toast_overlay, scrolled);
  gtk_box_append (GTK_BOX (toolbar), GTK_WIDGET (self->toast_overlay));
  adw_window_set_content (ADW_WINDOW (self), toolbar);
}

static void
update_titles (DossierRequestWindow *self)
{
  g_autofree char *product = NULL;
  g_autofree char *client = dossier_client_get_display_name (self->client);
  g_autoptr(DossierWindow) parent = g_weak_ref_get (&self->parent);
  DossierApplication *app = NULL;
  DossierSandbox *sandbox = NULL;
  const char *server_name = NULL;
  const char *product_id = dossier_product_request_get_product (self->request);

  if (parent != NULL)
    app = DOSSIER_APPLICATION (gtk_window_get_application (GTK_WINDOW (parent)));
  if (app != NULL)
    sandbox = dossier_application_get_sandbox (app);
  if (sandbox != NULL && dossier_application_get_account (app) != NULL
      && dossier_account_get_kind (dossier_application_get_account (app)) == DOSSIER_ACCOUNT_KIND_SANDBOX)
    server_name = dossier_sandbox_get_product_name (sandbox, product_id);

  product = dossier_product_display_name (product_id, server_name);
  adw_window_title_set_title (self->title, product);
  adw_window_title_set_subtitle (self->title, client);
  /* The window list and the accessibility tree name the window by both. */
  {
    /* Translators: a window's title: the product, then the client's name */
    g_autofree char *title = g_strdup_printf (_("%s — %s"), product, client);

    gtk_window_set_title (GTK_WINDOW (self), title);
  }
}

/**
 * dossier_request_window_new:
 * @parent: the main window (its API, journal, uploader and review watcher are used)
 * @client: the client
 * @request: the request to show
 *
 * Returns: (transfer none): a new window, not yet presented
 */
DossierRequestWindow *
dossier_request_window_new (DossierWindow         *parent,
                            DossierClient         *client,
                            DossierProductRequest *request)
{
  DossierRequestWindow *self;
  DossierApi *api;

  g_return_val_if_fail (DOSSIER_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (DOSSIER_IS_CLIENT (client), NULL);
  g_return_val_if_fail (DOSSIER_IS_PRODUCT_REQUEST (request), NULL);

  api = dossier_window_get_api (parent);
  g_return_val_if_fail (api != NULL, NULL);

  self = g_object_new (DOSSIER_TYPE_REQUEST_WINDOW,
                       "transient-for", parent,
                       "application", gtk_window_get_application (GTK_WINDOW (parent)),
                       NULL);
  g_weak_ref_set (&self->parent, parent);
  self->api = g_object_ref (api);
  g_set_object (&self->journal, dossier_window_get_journal (parent));
  g_set_object (&self->watcher, dossier_window_get_review_watcher (parent));
  g_set_object (&self->uploader, dossier_window_get_uploader (parent));
  self->client = g_object_ref (client);

  self->form = dossier_requirements_form_new (api, self->journal);
  gtk_box_prepend (GTK_BOX (self->save_box), self->form);

  _dossier_request_window_connect_services (self);
  dossier_request_window_set_request (self, request);
  _dossier_request_window_follow_server (self);

  return self;
}

static gboolean
window_has_request (DossierRequestWindow *self,
                    const char           *request_id)
{
  if (self->request != NULL && g_strcmp0 (dossier_product_request_get_id (self->request), request_id) == 0)
    return TRUE;
  for (guint i = 0; i < self->previous->len; i++)
    if (g_strcmp0 (dossier_product_request_get_id (g_ptr_array_index (self->previous, i)), request_id) == 0)
      return TRUE;
  return FALSE;
}

/**
 * dossier_request_window_lookup:
 * @parent: the main window
 * @request_id: a request id
 *
 * Returns: (transfer none) (nullable): the window showing that request (or the newer
 *   attempt made from it)
 */
DossierRequestWindow *
dossier_request_window_lookup (DossierWindow *parent,
                               const char    *request_id)
{
  GtkApplication *app;

  g_return_val_if_fail (DOSSIER_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (request_id != NULL, NULL);

  app = gtk_window_get_application (GTK_WINDOW (parent));
  if (app == NULL)
    return NULL;

  for (GList *l = gtk_application_get_windows (app); l != NULL; l = l->next)
    if (DOSSIER_IS_REQUEST_WINDOW (l->data)
        && gtk_window_get_transient_for (l->data) == GTK_WINDOW (parent)
        && window_has_request (l->data, request_id))
      return l->data;

  return NULL;
}

/**
 * dossier_request_window_open:
 * @parent: the main window
 * @client: the client
 * @request: the request
 *
 * Returns: (transfer none): the window now presented
 */
DossierRequestWindow *
dossier_request_window_open (DossierWindow         *parent,
                             DossierClient         *client,
                             DossierProductRequest *request)
{
  DossierRequestWindow *self;

  g_return_val_if_fail (DOSSIER_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (DOSSIER_IS_PRODUCT_REQUEST (request), NULL);

  self = dossier_request_window_lookup (parent, dossier_product_request_get_id (request));
  if (self == NULL)
    self = dossier_request_window_new (parent, client, request);
  else
    /* Brought up again, maybe after the client was changed elsewhere: what it says is
     * missing may be old. */
    _dossier_request_window_refresh_quietly (self);
  gtk_window_present (GTK_WINDOW (self));
  return self;
}

DossierClient *
dossier_request_window_get_client (DossierRequestWindow *self)
{
  g_return_val_if_fail (DOSSIER_IS_REQUEST_WINDOW (self), NULL);

  return self->client;
}

DossierProductRequest *
dossier_request_window_get_request (DossierRequestWindow *self)
{
  g_return_val_if_fail (DOSSIER_IS_REQUEST_WINDOW (self), NULL);

  return self->request;
}

/**
 * dossier_request_window_get_previous:
 * @self: a #DossierRequestWindow
 *
 * Returns: (transfer none) (element-type DossierProductRequest): earlier attempts, oldest first
 */
GPtrArray *
dossier_request_window_get_previous (DossierRequestWindow *self)
{
  g_return_val_if_fail (DOSSIER_IS_REQUEST_WINDOW (self), NULL);

  return self->previous;
}

void
dossier_request_window_set_request (DossierRequestWindow  *self,
                                    DossierProductRequest *request)
{
  DossierRequestState state;
  gboolean same;
  gboolean open;

  g_return_if_fail (DOSSIER_IS_REQUEST_WINDOW (self));
  g_return_if_fail (DOSSIER_IS_PRODUCT_REQUEST (request));

  same = self->request != NULL
         && g_strcmp0 (dossier_product_request_get_id (self->request),
                       dossier_product_request_get_id (request)) == 0;
  if (self->request != NULL && !same)
    {
      /* A new attempt: the one before stays visible. */
      g_ptr_array_add (self->previous, g_object_ref (self->request));
      g_hash_table_remove_all (self->slots);
      while (gtk_widget_get_first_child (self->documents_box) != NULL)
        gtk_box_remove (GTK_BOX (self->documents_box), gtk_widget_get_first_child (self->documents_box));
      _dossier_request_window_show_previous (self);
    }

  if (self->request != request)
    g_set_object (&self->request, request);

  update_titles (self);
  open = _dossier_request_window_is_editable (request);
  dossier_requirements_form_set_request (DOSSIER_REQUIREMENTS_FORM (self->form), self->client, request);
  /* Under review, enabled or rejected: nothing more can be sent for this request, and a
   * failed submit is no longer worth a Retry. */
  gtk_widget_set_visible (self->save_box, open);
  if (!open && dossier_call_status_get_failed (DOSSIER_CALL_STATUS (self->submit_status)))
    dossier_call_status_clear (DOSSIER_CALL_STATUS (self->submit_status));
  {
    DossierRequirements *missing = dossier_product_request_get_requirements (request);

    gtk_widget_set_visible (self->save_button,
                            missing != NULL && dossier_requirements_get_n_data_groups (missing) > 0);
  }
  _dossier_request_window_sync_slots (self, dossier_product_request_get_rejected_items (request));
  /* The documents given and not uploaded last time, brought back. */
  _dossier_request_window_load_documents (self);
  _dossier_request_window_show_submitted (self, !open);

  state = dossier_request_state_for_request (request);
  if (state != self->state)
    {
      self->state = state;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
    }
  _dossier_request_window_show_state (self);
  _dossier_request_window_show_details (self);
  _dossier_request_window_update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_SUBMIT]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REQUEST]);
}

DossierRequestState
dossier_request_window_get_state (DossierRequestWindow *self)
{
  g_return_val_if_fail (DOSSIER_IS_REQUEST_WINDOW (self), DOSSIER_REQUEST_STATE_UNKNOWN);

  return self->state;
}

gboolean
dossier_request_window_get_can_submit (DossierRequestWindow *self)
{
  g_return_val_if_fail (DOSSIER_IS_REQUEST_WINDOW (self), FALSE);

  return self->request != NULL && !self->busy && self->state == DOSSIER_REQUEST_STATE_READY;
}

gboolean
dossier_request_window_get_busy (DossierRequestWindow *self)
{
  g_return_val_if_fail (DOSSIER_IS_REQUEST_WINDOW (self), FALSE);

  return self->busy;
}

void
_dossier_request_window_set_busy (DossierRequestWindow *self,
                                  gboolean              busy)
{
  if (self->busy == !!busy)
    return;

  self->busy = !!busy;
  /* Submit says it beside itself, with its own spinner. */
  busy = busy && !dossier_call_status_get_working (DOSSIER_CALL_STATUS (self->submit_status));
  gtk_widget_set_visible (self->spinner, busy);
  gtk_spinner_set_spinning (GTK_SPINNER (self->spinner), busy);
  _dossier_request_window_update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_SUBMIT]);
}

const char *
dossier_request_window_get_state_title (DossierRequestWindow *self)
{
  g_return_val_if_fail (DOSSIER_IS_REQUEST_WINDOW (self), NULL);

  return self->state_title_text;
}

const char *
dossier_request_window_get_state_description (DossierRequestWindow *self)
{
  g_return_val_if_fail (DOSSIER_IS_REQUEST_WINDOW (self), NULL);

  return self->state_description_text;
}
