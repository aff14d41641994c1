/* dossier-request-window-actions.c — submit, request again, save, uploads, following answers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every answer that shows this request (submit, a save of the form, an upload, a poll of the
 * review watcher) goes through dossier_request_window_set_request(), so the state card, the
 * form and the slots always show the newest of them.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "dossier-call-status.h"
#include "dossier-document-slot.h"
#include "dossier-request-window-private.h"
#include "dossier-requirements-form.h"

static gboolean
is_mine (DossierRequestWindow  *self,
         DossierProductRequest *request)
{
  return self->request != NULL
         && g_strcmp0 (dossier_product_request_get_id (self->request),
                       dossier_product_request_get_id (request)) == 0;
}

static void
toast (DossierRequestWindow *self,
       const char           *text)
{
  g_autofree char *escaped = g_markup_escape_text (text, -1);
  AdwToast *toast = adw_toast_new (escaped);

  adw_toast_set_timeout (toast, 8);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

void
_dossier_request_window_update_actions (DossierRequestWindow *self)
{
  DossierRequirementsForm *form = self->form != NULL ? DOSSIER_REQUIREMENTS_FORM (self->form) : NULL;
  gboolean open = self->request != NULL && _dossier_request_window_is_editable (self->request);

  if (form == NULL)
    return;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "request.submit",
                                 dossier_request_window_get_can_submit (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "request.request-again",
                                 !self->busy && self->state == DOSSIER_REQUEST_STATE_REJECTED);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "request.save",
                                 open && form != NULL && dossier_requirements_form_get_can_save (form));
  gtk_widget_set_visible (self->submit_button, self->request == NULL || open);
}

/* Submit */

/* What a toast says about a submit that failed: short (a toast is one line). */
static char *
submit_failure_text (const GError *error)
{
  if (error != NULL && error->domain == DOSSIER_API_ERROR &&
      (error->code == DOSSIER_API_ERROR_OFFLINE || error->code == DOSSIER_API_ERROR_TIMEOUT))
    return g_strdup (_("Not submitted: the server could not be reached. Try again."));
  if (error != NULL && error->domain == DOSSIER_API_ERROR && error->code == DOSSIER_API_ERROR_SERVER)
    return g_strdup (_("Not submitted: the server had a problem. Try again later."));
  /* Translators: the placeholder is the reason, in words */
  return g_strdup_printf (_("Not submitted: %s"),
                          error != NULL ? error->message : _("the server sent no answer"));
}

typedef struct {
  DossierRequestWindow *self;   /* owned */
  GError               *error;  /* the submit's */
} SubmitCheck;

static void
submit_check_free (SubmitCheck *check)
{
  g_clear_object (&check->self);
  g_clear_error (&check->error);
  g_free (check);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SubmitCheck, submit_check_free)

/* After a failed submit, the server's own word: the answer may have been lost after the
 * server acted (CONTRACT.md §15: a submit is not retried blindly), or another desk may
 * have moved the request on. */
static void
submit_checked_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(SubmitCheck) check = user_data;
  DossierRequestWindow *self = check->self;
  g_autoptr(GPtrArray) requests = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  DossierProductRequest *mine = NULL;

  requests = dossier_api_list_products_finish (DOSSIER_API (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  dossier_call_status_clear (DOSSIER_CALL_STATUS (self->submit_status));
  _dossier_request_window_set_busy (self, FALSE);

  for (guint i = 0; requests != NULL && i < requests->len; i++)
    if (g_strcmp0 (dossier_product_request_get_id (g_ptr_array_index (requests, i)),
                   dossier_product_request_get_id (self->request)) == 0)
      mine = g_ptr_array_index (requests, i);

  if (mine != NULL)
    {
      dossier_request_window_set_request (self, mine);
      if (!_dossier_request_window_is_editable (mine))
        {
          if (self->watcher != NULL)
            dossier_review_watcher_track (self->watcher, mine);
          toast (self, _("The request was submitted; only its answer was lost on the way"));
          return;
        }
    }

  /* Beside Submit, with Retry and the details for support. */
  text = submit_failure_text (check->error);
  dossier_call_status_fail (DOSSIER_CALL_STATUS (self->submit_status), text, check->error);
}

static void
submitted_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(DossierRequestWindow) self = user_data;
  g_autoptr(DossierProductRequest) request = NULL;
  g_autoptr(GError) error = NULL;

  request = dossier_api_submit_finish (DOSSIER_API (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (request == NULL)
    {
      SubmitCheck *check = g_new0 (SubmitCheck, 1);

      /* Still busy: Submit stays off until the server has been asked what happened. */
      check->self = g_object_ref (self);
      check->error = g_steal_pointer (&error);
      dossier_api_list_products_async (self->api, dossier_client_get_id (self->client),
                                       DOSSIER_API_PRIORITY_USER, self->cancellable,
                                       submit_checked_cb, check);
      return;
    }
  dossier_call_status_clear (DOSSIER_CALL_STATUS (self->submit_status));
  _dossier_request_window_set_busy (self, FALSE);

  dossier_request_window_set_request (self, request);
  if (self->watcher != NULL)
    dossier_review_watcher_track (self->watcher, request);

  if (_dossier_request_window_is_editable (request))
    {
      g_autofree char *names = _dossier_request_window_missing_names (request, TRUE);
      g_autofree char *text = NULL;

      if (names != NULL)
        /* Translators: the placeholder lists what is missing */
        text = g_strdup_printf (_("Not submitted: still missing %s"), names);
      else
        text = g_strdup (_("Not submitted: the provider still lists missing items"));
      toast (self, text);
    }
}

static void
submit_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  DossierRequestWindow *self = DOSSIER_REQUEST_WINDOW (widget);

  if (!dossier_request_window_get_can_submit (self))
    return;

  /* "Submitting…", or while the server's rate limit holds the call, how long it waits. */
  dossier_call_status_start (DOSSIER_CALL_STATUS (self->submit_status), self->api, _("Submitting…"));
  _dossier_request_window_set_busy (self, TRUE);
  dossier_api_submit_async (self->api, dossier_client_get_id (self->client),
                            dossier_product_request_get_id (self->request),
                            DOSSIER_API_PRIORITY_USER, self->cancellable,
                            submitted_cb, g_object_ref (self));
}

/* Request again */

static void
requested_again_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(DossierRequestWindow) self = user_data;
  g_autoptr(DossierProductRequest) request = NULL;
  g_autoptr(GError) error = NULL;

  request = dossier_api_request_product_finish (DOSSIER_API (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  _dossier_request_window_set_busy (self, FALSE);

  if (request == NULL)
    {
      /* Translators: the placeholder is the reason, in words */
      g_autofree char *text = g_strdup_printf (_("The product could not be requested again: %s"),
                                               error != NULL ? error->message : _("the server sent no answer"));
      toast (self, text);
      return;
    }

  dossier_request_window_set_request (self, request);
  toast (self, _("A new request was opened; the rejected one stays in the history"));
}

static void
request_again_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  DossierRequestWindow *self = DOSSIER_REQUEST_WINDOW (widget);

  if (self->busy || self->state != DOSSIER_REQUEST_STATE_REJECTED)
    return;

  _dossier_request_window_set_busy (self, TRUE);
  dossier_api_request_product_async (self->api, dossier_client_get_id (self->client),
                                     dossier_product_request_get_product (self->request),
                                     DOSSIER_API_PRIORITY_USER, self->cancellable,
                                     requested_again_cb, g_object_ref (self));
}

/* Save the form's data */

static void
saved_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(DossierRequestWindow) self = user_data;
  g_autoptr(DossierClient) client = NULL;
  g_autoptr(GError) error = NULL;

  client = dossier_requirements_form_save_finish (DOSSIER_REQUIREMENTS_FORM (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  _dossier_request_window_update_actions (self);
  /* The server's refusals and failures are said in the form, with Retry and Details. */
  if (client == NULL && error != NULL && error->domain != DOSSIER_API_ERROR)
    toast (self, error->message);
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  DossierRequestWindow *self = DOSSIER_REQUEST_WINDOW (widget);
  DossierRequirementsForm *form = DOSSIER_REQUIREMENTS_FORM (self->form);

  if (!dossier_requirements_form_get_can_save (form))
    return;
  dossier_requirements_form_save_async (form, self->cancellable, saved_cb, g_object_ref (self));
  _dossier_request_window_update_actions (self);
}

/* The form's `saved`: the client and the request as the server now has them. */
static void
form_saved_cb (DossierRequestWindow  *self,
               DossierClient         *client,
               DossierProductRequest *request)
{
  if (client != NULL && client != self->client)
    dossier_client_update_from (self->client, client);
  if (request != NULL && is_mine (self, request))
    dossier_request_window_set_request (self, request);
  toast (self, _("Client data saved"));
}

static void
refresh_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(DossierRequestWindow) self = user_data;
  g_autoptr(GPtrArray) requests = NULL;
  g_autoptr(GError) error = NULL;

  requests = dossier_api_list_products_finish (DOSSIER_API (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  _dossier_request_window_set_busy (self, FALSE);
  if (requests == NULL)
    {
      toast (self, error->message);
      return;
    }
  for (guint i = 0; i < requests->len; i++)
    if (is_mine (self, g_ptr_array_index (requests, i)))
      dossier_request_window_set_request (self, g_ptr_array_index (requests, i));
  if (self->watcher != NULL)
    dossier_review_watcher_track_all (self->watcher, dossier_client_get_id (self->client), requests);
}

static void
refresh_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  DossierRequestWindow *self = DOSSIER_REQUEST_WINDOW (widget);

  if (self->busy)
    return;
  _dossier_request_window_set_busy (self, TRUE);
  dossier_api_list_products_async (self->api, dossier_client_get_id (self->client),
                                   DOSSIER_API_PRIORITY_USER, self->cancellable,
                                   refresh_cb, g_object_ref (self));
}

void
_dossier_request_window_class_init_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "request.submit", NULL, submit_action);
  gtk_widget_class_install_action (widget_class, "request.request-again", NULL, request_again_action);
  gtk_widget_class_install_action (widget_class, "request.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "request.refresh", NULL, refresh_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK, "request.submit", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "request.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F5, 0, "request.refresh", NULL);
}

/* Document slots and the uploader */

static DossierDocumentUploadState
slot_state_for (DossierUploadStatus status)
{
  switch (status)
    {
    case DOSSIER_UPLOAD_STATUS_QUEUED:
    case DOSSIER_UPLOAD_STATUS_CHECKING:
      return DOSSIER_DOCUMENT_UPLOAD_QUEUED;
    case DOSSIER_UPLOAD_STATUS_SENDING:
      return DOSSIER_DOCUMENT_UPLOAD_SENDING;
    case DOSSIER_UPLOAD_STATUS_ACCEPTED:
      return DOSSIER_DOCUMENT_UPLOAD_ACCEPTED;
    case DOSSIER_UPLOAD_STATUS_REJECTED:
      return DOSSIER_DOCUMENT_UPLOAD_REJECTED;
    case DOSSIER_UPLOAD_STATUS_WAITING:
    case DOSSIER_UPLOAD_STATUS_FAILED:
    default:
      return DOSSIER_DOCUMENT_UPLOAD_FAILED;
    }
}

void
_dossier_request_window_show_upload (DossierRequestWindow    *self,
                                     const DossierUploadInfo *info)
{
  DossierDocumentSlot *slot;
  const char *message;

  if (info == NULL || g_strcmp0 (info->request_id, dossier_product_request_get_id (self->request)) != 0)
    return;

  slot = g_hash_table_lookup (self->slots, info->group_id);
  if (slot == NULL)
    return;
  /* Also one queued before this window opened: Try Now and Cancel find it. */
  if (info->status != DOSSIER_UPLOAD_STATUS_ACCEPTED && info->status != DOSSIER_UPLOAD_STATUS_REJECTED
      && info->status != DOSSIER_UPLOAD_STATUS_FAILED)
    g_hash_table_replace (self->uploads, g_memdup2 (&info->id, sizeof info->id), g_strdup (info->group_id));

  /* Waiting after a failure: when the uploader sends it again by itself; waiting its turn
   * while the server cannot be reached: why. */
  message = info->message;
  if (message == NULL && (info->status == DOSSIER_UPLOAD_STATUS_QUEUED || info->status == DOSSIER_UPLOAD_STATUS_CHECKING))
    message = _dossier_request_window_unreachable_text (self);
  dossier_document_slot_set_next_try (slot, info->status == DOSSIER_UPLOAD_STATUS_WAITING ? info->retry_at : 0);
  dossier_document_slot_set_upload_state (slot, slot_state_for (info->status), message);
  if (info->status == DOSSIER_UPLOAD_STATUS_SENDING && self->uploader != NULL)
    dossier_document_slot_follow_upload (slot, self->uploader, info->id);
  if (info->status == DOSSIER_UPLOAD_STATUS_REJECTED)
    dossier_document_slot_set_rejected_items (slot, info->rejected_items);
  if (info->status == DOSSIER_UPLOAD_STATUS_ACCEPTED)
    dossier_document_slot_set_satisfied (slot, TRUE);
}

static void
upload_changed_cb (DossierRequestWindow *self,
                   gint64                upload_id,
                   DossierUploader      *uploader)
{
  g_autoptr(DossierUploadInfo) info = dossier_uploader_lookup (uploader, upload_id);

  _dossier_request_window_show_upload (self, info);
}

static void
uploader_request_cb (DossierRequestWindow  *self,
                     const char            *client_id,
                     DossierProductRequest *request)
{
  if (is_mine (self, request))
    dossier_request_window_set_request (self, request);
}

static void
enqueued_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(DossierRequestWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  gint64 id;

  id = dossier_uploader_enqueue_finish (DOSSIER_UPLOADER (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (id <= 0)
    {
      /* Translators: the placeholder is the reason, in words */
      g_autofree char *text = g_strdup_printf (_("The document could not be queued: %s"), error->message);

      toast (self, text);
      return;
    }

  {
    g_autoptr(DossierUploadInfo) info = dossier_uploader_lookup (DOSSIER_UPLOADER (object), id);

    if (info != NULL)
      {
        g_hash_table_replace (self->uploads, g_memdup2 (&id, sizeof id), g_strdup (info->group_id));
        _dossier_request_window_documents_queued (self, info->group_id);
      }
    _dossier_request_window_show_upload (self, info);
  }
}

static void
slot_upload_requested_cb (DossierRequestWindow *self,
                          DossierDocumentSlot  *slot)
{
  g_autoptr(JsonNode) document = dossier_document_slot_build_document (slot);
  DossierDocumentImage *front = dossier_document_slot_get_image (slot, DOSSIER_DOCUMENT_SIDE_FRONT);
  DossierDocumentImage *back = dossier_document_slot_get_image (slot, DOSSIER_DOCUMENT_SIDE_BACK);
  g_autoptr(DossierWindow) parent = g_weak_ref_get (&self->parent);

  if (document == NULL)
    return;

  /* The journal may have opened after this window did. */
  if (self->uploader == NULL && parent != NULL && dossier_window_get_uploader (parent) != NULL)
    {
      self->uploader = g_object_ref (dossier_window_get_uploader (parent));
      g_signal_connect_object (self->uploader, "upload-changed", G_CALLBACK (upload_changed_cb), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (self->uploader, "request-updated", G_CALLBACK (uploader_request_cb), self,
                               G_CONNECT_SWAPPED);
    }
  if (self->uploader == NULL)
    {
      toast (self, _("Documents cannot be sent before the journal is open; try again in a moment"));
      return;
    }

  dossier_document_slot_set_upload_state (slot, DOSSIER_DOCUMENT_UPLOAD_QUEUED, NULL);
  dossier_uploader_enqueue_async (self->uploader, dossier_client_get_id (self->client),
                                  dossier_product_request_get_id (self->request),
                                  dossier_document_slot_get_group_id (slot), document,
                                  front != NULL ? dossier_document_image_get_sha256 (front) : NULL,
                                  back != NULL ? dossier_document_image_get_sha256 (back) : NULL,
                                  self->cancellable, enqueued_cb, g_object_ref (self));
}

static void
slot_retry_requested_cb (DossierRequestWindow *self,
                         DossierDocumentSlot  *slot)
{
  GHashTableIter iter;
  gpointer key;
  gpointer value;

  if (self->uploader == NULL)
    return;

  g_hash_table_iter_init (&iter, self->uploads);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (g_strcmp0 (value, dossier_document_slot_get_group_id (slot)) == 0)
      dossier_uploader_retry (self->uploader, *(gint64 *) key);
}

/* One slot per document group still listed; groups no longer listed show done. */
void
_dossier_request_window_sync_slots (DossierRequestWindow *self,
                                    GPtrArray            *rejected_items)
{
  DossierRequirements *missing = dossier_product_request_get_requirements (self->request);
  gboolean open = _dossier_request_window_is_editable (self->request);
  g_autoptr(GHashTable) listed = g_hash_table_new (g_str_hash, g_str_equal);
  GHashTableIter iter;
  gpointer key;
  gpointer value;

  for (guint i = 0; open && missing != NULL && i < dossier_requirements_get_n_document_groups (missing); i++)
    {
      const DossierDocumentGroup *group = dossier_requirements_get_document_group (missing, i);
      DossierDocumentSlot *slot = g_hash_table_lookup (self->slots, group->id);

      if (slot == NULL)
        {
          slot = DOSSIER_DOCUMENT_SLOT (dossier_document_slot_new (group));
          dossier_document_slot_set_draft_owner (slot, dossier_client_get_id (self->client));
          g_signal_connect_object (slot, "upload-requested", G_CALLBACK (slot_upload_requested_cb), self,
                                   G_CONNECT_SWAPPED);
          g_signal_connect_object (slot, "retry-requested", G_CALLBACK (slot_retry_requested_cb), self,
                                   G_CONNECT_SWAPPED);
          g_signal_connect_object (slot, "cancel-requested", G_CALLBACK (_dossier_request_window_slot_cancel_requested),
                                   self, G_CONNECT_SWAPPED);
          g_signal_connect_object (slot, "draft-changed", G_CALLBACK (_dossier_request_window_slot_draft_changed),
                                   self, G_CONNECT_SWAPPED);
          gtk_box_append (GTK_BOX (self->documents_box), GTK_WIDGET (slot));
          g_hash_table_insert (self->slots, g_strdup (group->id), slot);
        }
      else
        dossier_document_slot_set_group (slot, group);

      dossier_document_slot_set_satisfied (slot, FALSE);
      g_hash_table_add (listed, group->id);
    }

  g_hash_table_iter_init (&iter, self->slots);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      if (!g_hash_table_contains (listed, key))
        dossier_document_slot_set_satisfied (value, TRUE);
      if (rejected_items != NULL && rejected_items->len > 0)
        dossier_document_slot_set_rejected_items (value, rejected_items);
    }

  gtk_widget_set_visible (self->documents_box, open && g_hash_table_size (self->slots) > 0);
}

/* The review watcher's answers about this client. */
static void
polled_cb (DossierRequestWindow *self,
           const char           *client_id,
           GPtrArray            *requests,
           const GError         *error)
{
  if (requests == NULL || g_strcmp0 (client_id, dossier_client_get_id (self->client)) != 0)
    return;

  for (guint i = 0; i < requests->len; i++)
    if (is_mine (self, g_ptr_array_index (requests, i)))
      dossier_request_window_set_request (self, g_ptr_array_index (requests, i));
}

static void
form_notify_cb (DossierRequestWindow *self)
{
  _dossier_request_window_update_actions (self);
}

void
_dossier_request_window_connect_services (DossierRequestWindow *self)
{
  g_signal_connect_object (self->form, "saved", G_CALLBACK (form_saved_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->form, "notify", G_CALLBACK (form_notify_cb), self, G_CONNECT_SWAPPED);

  if (self->watcher != NULL)
    g_signal_connect_object (self->watcher, "polled", G_CALLBACK (polled_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->client, "notify", G_CALLBACK (_dossier_request_window_client_notify_cb), self,
                           G_CONNECT_SWAPPED);

  if (self->uploader != NULL)
    {
      g_signal_connect_object (self->uploader, "upload-changed", G_CALLBACK (upload_changed_cb), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (self->uploader, "request-updated", G_CALLBACK (uploader_request_cb), self,
                               G_CONNECT_SWAPPED);
    }
}
