/* dossier-request-window-sent.c — the request window once nothing more can be sent, and
 * keeping what it says is missing in step with the client
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * In review, enabled or rejected, a DossierSubmittedView shows what was sent instead of
 * the form. While the request is open, a change of the client made outside the window
 * (the main window's editor, or the window brought up again from the client page) makes
 * the window read the request again, quietly, so "Optional, not given" never lists what
 * the client now has. The window's parts, for tests, at the end.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "dossier-request-cache.h"
#include "dossier-request-window-private.h"
#include "dossier-requirements-form.h"
#include "dossier-submitted-view.h"

static gboolean
is_mine (DossierRequestWindow  *self,
         DossierProductRequest *request)
{
  return self->request != NULL
         && g_strcmp0 (dossier_product_request_get_id (self->request),
                       dossier_product_request_get_id (request)) == 0;
}

/* In review, enabled, rejected or unknown: what was sent, read-only, instead of the form.
 * Read from the journal again only when the request or its status changes (the review
 * watcher brings the same state every few seconds). */
void
_dossier_request_window_show_submitted (DossierRequestWindow *self,
                                        gboolean              shown)
{
  g_autoptr(DossierWindow) parent = g_weak_ref_get (&self->parent);
  g_autofree char *key = NULL;

  gtk_widget_set_visible (self->submitted, shown);
  if (!shown)
    {
      g_clear_pointer (&self->submitted_for, g_free);
      return;
    }

  if (self->journal == NULL && parent != NULL)
    g_set_object (&self->journal, dossier_window_get_journal (parent));
  key = g_strdup_printf ("%s %s %d", dossier_product_request_get_id (self->request),
                         dossier_product_request_get_status_raw (self->request), self->journal != NULL);
  if (g_strcmp0 (key, self->submitted_for) == 0)
    return;

  g_free (self->submitted_for);
  self->submitted_for = g_steal_pointer (&key);
  dossier_submitted_view_load (DOSSIER_SUBMITTED_VIEW (self->submitted), self->journal, self->client,
                               dossier_product_request_get_id (self->request));
}

/* Quiet re-reads. The server computes what is missing from the client as it is now
 * (CONTRACT.md §6.3): when the client changes outside this window (the main window's
 * editor, another desk seen by the page), an optional group filled there must not stay
 * "not given" here. */
static void
quietly_refreshed_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  /* Not a reference: a window closed meanwhile cancelled the call (dispose), and a
   * reference would keep it beyond its main window. */
  DossierRequestWindow *self = user_data;
  g_autoptr(GPtrArray) requests = NULL;
  g_autoptr(GError) error = NULL;

  requests = dossier_api_list_products_finish (DOSSIER_API (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self->refreshing = FALSE;
  /* The first check after opening is over (Submit and the others bring their own). */
  if (!self->busy)
    {
      gtk_spinner_set_spinning (GTK_SPINNER (self->spinner), FALSE);
      gtk_widget_set_visible (self->spinner, FALSE);
      gtk_widget_set_tooltip_text (self->spinner, NULL);
    }

  /* A failure says nothing new: the window keeps what it shows, F5 reports errors. A
   * submit that ran meanwhile has the newer word (a request never goes back to open). */
  for (guint i = 0; requests != NULL && !self->busy && _dossier_request_window_is_editable (self->request)
                    && i < requests->len; i++)
    if (is_mine (self, g_ptr_array_index (requests, i)))
      dossier_request_window_set_request (self, g_ptr_array_index (requests, i));

  if (self->refresh_again)
    {
      self->refresh_again = FALSE;
      _dossier_request_window_refresh_quietly (self);
    }
}

void
_dossier_request_window_refresh_quietly (DossierRequestWindow *self)
{
  if (self->request == NULL || self->api == NULL || !_dossier_request_window_is_editable (self->request))
    return;
  /* Submit, Request Again and F5 bring the request themselves. */
  if (self->busy)
    return;
  if (self->refreshing)
    {
      self->refresh_again = TRUE;
      return;
    }

  self->refreshing = TRUE;
  dossier_api_list_products_async (self->api, dossier_client_get_id (self->client),
                                   DOSSIER_API_PRIORITY_VISIBLE, self->cancellable,
                                   quietly_refreshed_cb, self);
}

static gboolean
client_changed_timeout_cb (gpointer user_data)
{
  DossierRequestWindow *self = user_data;

  self->refresh_id = 0;
  _dossier_request_window_refresh_quietly (self);
  return G_SOURCE_REMOVE;
}

/* dossier_client_update_from() notifies field by field: one re-read for all of them. The
 * form's own save re-reads the request itself (its client changes while it is busy). */
void
_dossier_request_window_client_notify_cb (DossierRequestWindow *self)
{
  if (self->form == NULL || dossier_requirements_form_get_busy (DOSSIER_REQUIREMENTS_FORM (self->form)))
    return;
  if (self->request == NULL || !_dossier_request_window_is_editable (self->request))
    return;
  g_clear_handle_id (&self->refresh_id, g_source_remove);
  self->refresh_id = g_timeout_add (200, client_changed_timeout_cb, self);
}

/* What the server holds of the client's requests changed behind the window (a queued
 * upload was answered after the window was closed and opened again, or the server can
 * be reached again after a failed check): read the request again. */
static void
cache_invalidated_cb (DossierRequestWindow *self,
                      const char           *client_id)
{
  if (g_strcmp0 (client_id, dossier_client_get_id (self->client)) == 0)
    _dossier_request_window_refresh_quietly (self);
}

const char *
_dossier_request_window_unreachable_text (DossierRequestWindow *self)
{
  if (self->api == NULL || dossier_scheduler_get_reachable (dossier_api_get_scheduler (self->api)))
    return NULL;
  return _("Dossier cannot reach the server at the moment.");
}

/* The server went away or came back: the slots waiting in the queue say so. */
static void
reachability_changed_cb (DossierRequestWindow *self)
{
  GHashTableIter iter;
  gpointer key;

  if (self->uploader == NULL)
    return;
  g_hash_table_iter_init (&iter, self->uploads);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      g_autoptr(DossierUploadInfo) info = dossier_uploader_lookup (self->uploader, *(gint64 *) key);

      if (info != NULL)
        _dossier_request_window_show_upload (self, info);
    }
}

/* Documents of this request still in the upload queue (queued before the window was
 * closed, or by another window): their slots say so, with Try Now and Cancel, instead of
 * asking for them again. */
static void
uploads_listed_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  DossierRequestWindow *self = user_data;  /* not a reference: dispose cancels the call */
  g_autoptr(GPtrArray) uploads = NULL;
  g_autoptr(GError) error = NULL;

  uploads = dossier_uploader_list_for_request_finish (DOSSIER_UPLOADER (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (uploads == NULL)
    {
      g_debug ("The request's queued uploads could not be read: %s", error->message);
      return;
    }

  for (guint i = 0; i < uploads->len; i++)
    {
      const DossierUploadInfo *info = g_ptr_array_index (uploads, i);

      if (info->status == DOSSIER_UPLOAD_STATUS_QUEUED || info->status == DOSSIER_UPLOAD_STATUS_CHECKING
          || info->status == DOSSIER_UPLOAD_STATUS_SENDING || info->status == DOSSIER_UPLOAD_STATUS_WAITING)
        _dossier_request_window_show_upload (self, info);
    }
}

/* A new window starts from what the page had, which may be old (a queued document may
 * have been accepted since): the server is asked at once, and whenever the request
 * cache hears that the client's requests changed. */
void
_dossier_request_window_follow_server (DossierRequestWindow *self)
{
  g_autoptr(DossierWindow) parent = g_weak_ref_get (&self->parent);
  DossierRequestCache *cache = parent != NULL ? dossier_window_get_request_cache (parent) : NULL;

  if (cache != NULL)
    g_signal_connect_object (cache, "invalidated", G_CALLBACK (cache_invalidated_cb), self,
                             G_CONNECT_SWAPPED);
  /* What the page had shows at once; the spinner says it is being checked. */
  if (self->request != NULL && _dossier_request_window_is_editable (self->request))
    {
      gtk_widget_set_tooltip_text (self->spinner, _("Checking the request with the server"));
      gtk_widget_set_visible (self->spinner, TRUE);
      gtk_spinner_set_spinning (GTK_SPINNER (self->spinner), TRUE);
    }
  g_signal_connect_object (dossier_api_get_scheduler (self->api), "reachability-changed",
                           G_CALLBACK (reachability_changed_cb), self, G_CONNECT_SWAPPED);
  if (self->uploader != NULL && self->request != NULL)
    dossier_uploader_list_for_request_async (self->uploader, dossier_client_get_id (self->client),
                                             dossier_product_request_get_id (self->request),
                                             self->cancellable, uploads_listed_cb, self);
  _dossier_request_window_refresh_quietly (self);
}

/**
 * dossier_request_window_get_submitted:
 * @self: a #DossierRequestWindow
 *
 * Returns: (transfer none): the #DossierSubmittedView
 */
GtkWidget *
dossier_request_window_get_submitted (DossierRequestWindow *self)
{
  g_return_val_if_fail (DOSSIER_IS_REQUEST_WINDOW (self), NULL);

  return self->submitted;
}

/**
 * dossier_request_window_get_form:
 * @self: a #DossierRequestWindow
 *
 * Returns: (transfer none): the #DossierRequirementsForm
 */
GtkWidget *
dossier_request_window_get_form (DossierRequestWindow *self)
{
  g_return_val_if_fail (DOSSIER_IS_REQUEST_WINDOW (self), NULL);

  return self->form;
}

/**
 * dossier_request_window_get_slot:
 * @self: a #DossierRequestWindow
 * @group_id: a document group id
 *
 * Returns: (transfer none) (nullable): its #DossierDocumentSlot
 */
GtkWidget *
dossier_request_window_get_slot (DossierRequestWindow *self,
                                 const char           *group_id)
{
  g_return_val_if_fail (DOSSIER_IS_REQUEST_WINDOW (self), NULL);

  return group_id != NULL ? g_hash_table_lookup (self->slots, group_id) : NULL;
}

/**
 * dossier_request_window_get_submit_status:
 * @self: a #DossierRequestWindow
 *
 * Returns: (transfer none): the #DossierCallStatus under the header bar
 */
GtkWidget *
dossier_request_window_get_submit_status (DossierRequestWindow *self)
{
  g_return_val_if_fail (DOSSIER_IS_REQUEST_WINDOW (self), NULL);

  return self->submit_status;
}
