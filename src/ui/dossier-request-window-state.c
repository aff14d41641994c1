/* dossier-request-window-state.c — the request window's state card and earlier attempts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The card says in words where the request stands and what to do next: what is still
 * missing, that it can be submitted, how long the review has run, that the product is
 * enabled, or why it was rejected (rejection_description, else the latest rejected items'
 * reasons) with Edit Client… and Request Again.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "dossier-client-editor.h"
#include "dossier-known-ids.h"
#include "dossier-request-window-private.h"
#include "dossier-ui-closures.h"

/* Below this window width the rejected state's two buttons go one above the other. */
#define NARROW_WIDTH 520

/* How often "in review for …" is brought up to date. */
#define TICK_SECONDS 30

static const char *state_classes[] = { "accent", "success", "warning", "error" };

/**
 * _dossier_request_window_missing_names:
 * @request: a request
 * @blocking_only: leave out what does not block submit
 *
 * Returns: (transfer full) (nullable): the missing groups' names, comma-separated, or %NULL
 */
char *
_dossier_request_window_missing_names (DossierProductRequest *request,
                                       gboolean               blocking_only)
{
  DossierRequirements *missing = dossier_product_request_get_requirements (request);
  g_autoptr(GString) names = g_string_new (NULL);

  if (missing == NULL)
    return NULL;

  for (guint i = 0; i < dossier_requirements_get_n_data_groups (missing); i++)
    {
      const DossierDataGroup *group = dossier_requirements_get_data_group (missing, i);
      g_autofree char *label = NULL;
      gboolean blocks = FALSE;

      for (guint j = 0; j < group->fields->len; j++)
        blocks |= dossier_data_field_blocks (group, g_ptr_array_index (group->fields, j));
      if (blocking_only && !blocks)
        continue;

      /* A required group listed only for its optional fields was given: name those
       * fields, not the group, or "not given" would say the whole group is missing. */
      if (!blocking_only && group->required && !blocks)
        {
          for (guint j = 0; j < group->fields->len; j++)
            {
              const DossierDataField *field = g_ptr_array_index (group->fields, j);
              g_autofree char *field_label = dossier_known_ids_label (DOSSIER_KNOWN_ID_DATA_FIELD, field->key, NULL);

              if (names->len > 0)
                g_string_append (names, _(", "));
              g_string_append (names, field_label);
            }
          continue;
        }

      label = dossier_known_ids_label (DOSSIER_KNOWN_ID_DATA_GROUP, group->id, group->name);
      if (names->len > 0)
        g_string_append (names, _(", "));
      g_string_append (names, label);
    }

  for (guint i = 0; i < dossier_requirements_get_n_document_groups (missing); i++)
    {
      const DossierDocumentGroup *group = dossier_requirements_get_document_group (missing, i);
      g_autofree char *label = NULL;

      if (blocking_only && !dossier_document_group_blocks (group))
        continue;

      label = dossier_known_ids_label (DOSSIER_KNOWN_ID_DOCUMENT_GROUP, group->id, group->name);
      if (names->len > 0)
        g_string_append (names, _(", "));
      g_string_append (names, label);
    }

  return names->len > 0 ? g_string_free (g_steal_pointer (&names), FALSE) : NULL;
}

static char *
format_duration (GDateTime *since)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  GTimeSpan span = since != NULL ? g_date_time_difference (now, since) : 0;
  guint n;

  if (span < G_TIME_SPAN_MINUTE)
    return g_strdup (_("less than a minute"));

  if (span < G_TIME_SPAN_HOUR)
    {
      n = span / G_TIME_SPAN_MINUTE;
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u minute", "%u minutes", n), n);
    }

  if (span < 2 * G_TIME_SPAN_DAY)
    {
      n = span / G_TIME_SPAN_HOUR;
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u hour", "%u hours", n), n);
    }

  n = span / G_TIME_SPAN_DAY;
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u day", "%u days", n), n);
}

/* The reasons of the latest rejected items, when the provider gave no description. */
static char *
rejected_items_text (DossierProductRequest *request)
{
  GPtrArray *items = dossier_product_request_get_rejected_items (request);
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; items != NULL && i < items->len; i++)
    {
      const DossierRejectedItem *item = g_ptr_array_index (items, i);

      if (*item->reason == '\0')
        continue;
      if (text->len > 0)
        g_string_append_c (text, '\n');
      g_string_append (text, item->reason);
    }

  return text->len > 0 ? g_string_free (g_steal_pointer (&text), FALSE) : NULL;
}

static char *
rejection_reason (DossierRequestWindow  *self,
                  DossierProductRequest *request)
{
  const char *description = dossier_product_request_get_rejection_description (request);

  if (description != NULL && *description != '\0')
    return g_strdup (description);
  return rejected_items_text (request);
}

/* What to do below: only what this request asks for (a product without documents has
 * no documents to add). */
static const char *
pending_detail (DossierProductRequest *request)
{
  DossierRequirements *missing = dossier_product_request_get_requirements (request);
  gboolean data = missing != NULL && dossier_requirements_get_n_data_groups (missing) > 0;
  gboolean documents = missing != NULL && dossier_requirements_get_n_document_groups (missing) > 0;

  if (data && !documents)
    return _("Fill in the client data below; the request can be submitted once nothing required is missing.");
  if (documents && !data)
    return _("Add the documents below; the request can be submitted once nothing required is missing.");
  return _("Fill in the client data and add the documents below; the request can be submitted once nothing required is missing.");
}

static gboolean
tick_cb (gpointer user_data)
{
  DossierRequestWindow *self = user_data;

  _dossier_request_window_show_state (self);
  return G_SOURCE_CONTINUE;
}

static void
set_card (DossierRequestWindow *self,
          const char           *icon_name,
          const char           *style,
          const char           *title,
          const char           *description,
          const char           *detail)
{
  gtk_image_set_from_icon_name (GTK_IMAGE (self->state_icon), icon_name);
  for (guint i = 0; i < G_N_ELEMENTS (state_classes); i++)
    gtk_widget_remove_css_class (self->state_icon, state_classes[i]);
  gtk_widget_add_css_class (self->state_icon, style);

  gtk_label_set_text (GTK_LABEL (self->state_title), title);
  gtk_label_set_text (GTK_LABEL (self->state_description), description);
  gtk_widget_set_visible (self->state_description, description != NULL && *description != '\0');
  gtk_label_set_text (GTK_LABEL (self->state_detail), detail);
  gtk_widget_set_visible (self->state_detail, detail != NULL && *detail != '\0');

  g_free (self->state_title_text);
  self->state_title_text = g_strdup (title);
  g_free (self->state_description_text);
  self->state_description_text = g_strdup (description);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self->state_card),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, title,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description != NULL ? description : "",
                                  -1);
}

/* The window's width as the person left it (GTK updates the default size on each resize). */
static void
width_changed_cb (DossierRequestWindow *self)
{
  int width = 0;
  int height = 0;
  gboolean narrow;

  if (self->rejected_actions == NULL || gtk_widget_in_destruction (GTK_WIDGET (self)))
    return;
  /* Both out arguments: GTK 4.8 writes the height unconditionally. */
  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  narrow = width > 0 && width < NARROW_WIDTH;
  gtk_orientable_set_orientation (GTK_ORIENTABLE (self->rejected_actions),
                                  narrow ? GTK_ORIENTATION_VERTICAL : GTK_ORIENTATION_HORIZONTAL);
  gtk_box_set_spacing (GTK_BOX (self->rejected_actions), narrow ? 6 : 12);
}

GtkWidget *
_dossier_request_window_build_state_card (DossierRequestWindow *self)
{
  GtkWidget *card = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 18);
  GtkWidget *text = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);

  gtk_widget_add_css_class (card, "card");
  gtk_widget_add_css_class (card, "dossier-request-state");

  self->state_icon = gtk_image_new ();
  gtk_image_set_pixel_size (GTK_IMAGE (self->state_icon), 48);
  gtk_widget_set_valign (self->state_icon, GTK_ALIGN_START);
  gtk_widget_set_margin_top (self->state_icon, 18);
  gtk_widget_set_margin_start (self->state_icon, 18);
  gtk_accessible_update_state (GTK_ACCESSIBLE (self->state_icon), GTK_ACCESSIBLE_STATE_HIDDEN, TRUE, -1);
  gtk_box_append (GTK_BOX (card), self->state_icon);

  gtk_widget_set_hexpand (text, TRUE);
  gtk_widget_set_margin_top (text, 18);
  gtk_widget_set_margin_bottom (text, 18);
  gtk_widget_set_margin_end (text, 18);

  self->state_title = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->state_title), 0);
  gtk_label_set_wrap (GTK_LABEL (self->state_title), TRUE);
  gtk_widget_add_css_class (self->state_title, "title-2");
  gtk_box_append (GTK_BOX (text), self->state_title);

  self->state_description = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->state_description), 0);
  gtk_label_set_wrap (GTK_LABEL (self->state_description), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (self->state_description), PANGO_WRAP_WORD_CHAR);
  gtk_box_append (GTK_BOX (text), self->state_description);

  self->state_detail = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->state_detail), 0);
  gtk_label_set_wrap (GTK_LABEL (self->state_detail), TRUE);
  gtk_widget_add_css_class (self->state_detail, "dim-label");
  gtk_box_append (GTK_BOX (text), self->state_detail);

  /* After a rejection: correct the client's record, then ask again. Side by side, one
   * above the other when the window is narrow (width_changed_cb). */
  self->rejected_actions = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  gtk_widget_set_halign (self->rejected_actions, GTK_ALIGN_START);
  gtk_widget_set_margin_top (self->rejected_actions, 6);
  self->again_button = gtk_button_new_with_mnemonic (_("_Request Again"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->again_button), "request.request-again");
  gtk_widget_add_css_class (self->again_button, "pill");
  gtk_widget_add_css_class (self->again_button, "suggested-action");
  gtk_box_append (GTK_BOX (self->rejected_actions), self->again_button);
  self->edit_button = gtk_button_new_with_mnemonic (_("_Edit Client…"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->edit_button), "request.edit-client");
  gtk_widget_set_tooltip_text (self->edit_button, _("Correct the client’s data as the reason asks"));
  gtk_widget_add_css_class (self->edit_button, "pill");
  gtk_box_append (GTK_BOX (self->rejected_actions), self->edit_button);
  g_signal_connect_object (self, "notify::default-width", G_CALLBACK (width_changed_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_box_append (GTK_BOX (text), self->rejected_actions);

  gtk_box_append (GTK_BOX (card), text);
  return card;
}

/* Edit Client…: the main window's client editor, for this client, over this window. */

static void
editor_saved_cb (DossierRequestWindow *self,
                 DossierClient        *client,
                 gboolean              created)
{
  g_autoptr(DossierWindow) parent = g_weak_ref_get (&self->parent);
  DossierClient *listed = NULL;

  if (client == NULL || created)
    return;
  if (client != self->client)
    dossier_client_update_from (self->client, client);
  /* The main window's list and page show the same client. */
  if (parent != NULL && dossier_window_get_clients (parent) != NULL)
    listed = dossier_client_list_lookup (dossier_window_get_clients (parent), dossier_client_get_id (client));
  if (listed != NULL && listed != self->client && listed != client)
    dossier_client_update_from (listed, client);
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (_("Client data saved")));
}

static void
edit_client_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  DossierRequestWindow *self = DOSSIER_REQUEST_WINDOW (widget);
  DossierClientEditor *editor;

  if (self->api == NULL || self->client == NULL)
    return;

  editor = dossier_client_editor_new (GTK_WINDOW (self), self->api, self->journal, self->client);
  g_signal_connect_object (editor, "saved", G_CALLBACK (editor_saved_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (editor));
}

void
_dossier_request_window_class_init_state (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "request.edit-client", NULL, edit_client_action);
}

void
_dossier_request_window_show_state (DossierRequestWindow *self)
{
  DossierProductRequest *request = self->request;
  g_autofree char *names = NULL;
  g_autofree char *optional = NULL;
  g_autofree char *description = NULL;
  g_autofree char *detail = NULL;
  g_autofree char *when = NULL;
  g_autofree char *reason = NULL;
  g_autofree char *client = NULL;

  if (request == NULL)
    return;

  gtk_widget_set_visible (self->rejected_actions, self->state == DOSSIER_REQUEST_STATE_REJECTED);
  client = dossier_client_get_display_name (self->client);

  switch (self->state)
    {
    case DOSSIER_REQUEST_STATE_PENDING:
      names = _dossier_request_window_missing_names (request, TRUE);
      /* Translators: the placeholder lists what is missing, e.g. "Personal information, Identity document" */
      description = g_strdup_printf (_("Still needed: %s."), names != NULL ? names : "");
      set_card (self, "document-edit-symbolic", "warning", _("Information Missing"), description,
                pending_detail (request));
      break;

    case DOSSIER_REQUEST_STATE_READY:
      optional = _dossier_request_window_missing_names (request, FALSE);
      if (optional != NULL)
        /* Translators: the placeholder lists optional items not given yet */
        detail = g_strdup_printf (_("Optional, not given: %s. They never hold the request back."), optional);
      set_card (self, "document-send-symbolic", "accent", _("Ready to Submit"),
                _("Everything required is in. Submit the request to start the provider’s compliance review."),
                detail);
      break;

    case DOSSIER_REQUEST_STATE_UNDER_REVIEW:
      when = format_duration (dossier_product_request_get_updated_at (request));
      /* Translators: the placeholder is a duration, e.g. "5 minutes" */
      description = g_strdup_printf (_("In review for %s."), when);
      set_card (self, "alarm-symbolic", "accent", _("In Review"), description,
                _("The provider is running its compliance review. Dossier checks for the outcome and notifies you when it is known."));
      break;

    case DOSSIER_REQUEST_STATE_ENABLED:
      when = dossier_ui_format_date_time (dossier_product_request_get_updated_at (request));
      /* Translators: a client's name, then a date and time */
      description = g_strdup_printf (_("Enabled for %s on %s."), client, when);
      set_card (self, "emblem-ok-symbolic", "success", _("Enabled"), description, NULL);
      break;

    case DOSSIER_REQUEST_STATE_REJECTED:
      reason = rejection_reason (self, request);
      set_card (self, "dialog-error-symbolic", "error", _("Request Rejected"),
                reason != NULL ? reason : _("The provider gave no reason."),
                _("Correct the client’s data or documents as the reason says, then request the product again. This attempt stays in the client’s history."));
      break;

    case DOSSIER_REQUEST_STATE_UNKNOWN:
    default:
      /* Translators: the placeholder is the status as the server sent it */
      description = g_strdup_printf (_("The provider reports the status “%s”, which this version of Dossier does not know."),
                                     dossier_product_request_get_status_raw (request));
      set_card (self, "dialog-question-symbolic", "warning", _("Unknown Status"), description, NULL);
      break;
    }

  if (self->state == DOSSIER_REQUEST_STATE_UNDER_REVIEW && self->tick_id == 0)
    self->tick_id = g_timeout_add_seconds (TICK_SECONDS, tick_cb, self);
  else if (self->state != DOSSIER_REQUEST_STATE_UNDER_REVIEW)
    g_clear_handle_id (&self->tick_id, g_source_remove);
}

void
_dossier_request_window_show_previous (DossierRequestWindow *self)
{
  for (guint i = 0; i < self->previous_rows->len; i++)
    adw_preferences_group_remove (self->previous_group, g_ptr_array_index (self->previous_rows, i));
  g_ptr_array_set_size (self->previous_rows, 0);

  /* Newest first, as a history reads. */
  for (guint i = self->previous->len; i > 0; i--)
    {
      DossierProductRequest *request = g_ptr_array_index (self->previous, i - 1);
      /* Named by when it was requested, as its window said ("Requested"), not by when
       * it was decided. */
      g_autofree char *when = dossier_ui_format_date_time (dossier_product_request_get_created_at (request));
      g_autofree char *reason = rejection_reason (self, request);
      g_autofree char *title = NULL;
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *badge = gtk_label_new (dossier_ui_request_status_label (dossier_product_request_get_status (request)));

      /* Translators: the placeholder is a date and time */
      title = g_strdup_printf (_("Attempt of %s"), when);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      if (reason != NULL)
        adw_action_row_set_subtitle (ADW_ACTION_ROW (row), reason);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
      gtk_widget_set_valign (badge, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (badge, "dossier-badge");
      gtk_widget_add_css_class (badge, dossier_ui_request_status_style (dossier_product_request_get_status (request)));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), badge);
      adw_preferences_group_add (self->previous_group, row);
      g_ptr_array_add (self->previous_rows, row);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->previous_group), self->previous->len > 0);
}

void
_dossier_request_window_show_details (DossierRequestWindow *self)
{
  g_autofree char *created = dossier_ui_format_date_time (dossier_product_request_get_created_at (self->request));
  g_autofree char *updated = dossier_ui_format_date_time (dossier_product_request_get_updated_at (self->request));

  adw_action_row_set_subtitle (self->product_row, dossier_product_request_get_product (self->request));
  adw_action_row_set_subtitle (self->request_id_row, dossier_product_request_get_id (self->request));
  adw_action_row_set_subtitle (self->created_row, created);
  adw_action_row_set_subtitle (self->updated_row, updated);
}

gboolean
_dossier_request_window_is_editable (DossierProductRequest *request)
{
  DossierRequestStatus status = dossier_product_request_get_status (request);

  return status == DOSSIER_REQUEST_STATUS_REQUESTED || status == DOSSIER_REQUEST_STATUS_PENDING_DOCUMENTATION;
}

DossierRequestState
dossier_request_state_for_request (DossierProductRequest *request)
{
  DossierRequirements *missing;

  g_return_val_if_fail (DOSSIER_IS_PRODUCT_REQUEST (request), DOSSIER_REQUEST_STATE_UNKNOWN);

  switch (dossier_product_request_get_status (request))
    {
    case DOSSIER_REQUEST_STATUS_REQUESTED:
    case DOSSIER_REQUEST_STATUS_PENDING_DOCUMENTATION:
      missing = dossier_product_request_get_requirements (request);
      return missing != NULL && dossier_requirements_blocks (missing)
             ? DOSSIER_REQUEST_STATE_PENDING : DOSSIER_REQUEST_STATE_READY;

    case DOSSIER_REQUEST_STATUS_IN_KYC:
      return DOSSIER_REQUEST_STATE_UNDER_REVIEW;

    case DOSSIER_REQUEST_STATUS_ENABLED:
      return DOSSIER_REQUEST_STATE_ENABLED;

    case DOSSIER_REQUEST_STATUS_REJECTED:
      return DOSSIER_REQUEST_STATE_REJECTED;

    case DOSSIER_REQUEST_STATUS_UNKNOWN:
    default:
      return DOSSIER_REQUEST_STATE_UNKNOWN;
    }
}
