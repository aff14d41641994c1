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
  g_autoptr(DossierRequestWindow) self = user_data;
  g_autoptr(GPtrArray) requests = NULL;
  g_autoptr(GError) error = NULL;

  requests = dossier_api_list_products_finish (DOSSIER_API (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self->refreshing = FALSE;

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
                                   quietly_refreshed_cb, g_object_ref (self));
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
