/* dossier-request-window.h — one product request: its state, its form, its documents, submit
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An AdwWindow transient for the main window, one per request (dossier_request_window_open()
 * presents the one already open). Title: the product's display name; subtitle: the client's
 * name. Top to bottom: what Submit is doing (or why it failed, with Retry), the state
 * (pending with gaps, ready to submit, under review for how long, enabled, rejected with
 * its reason, "Request Again" and "Edit Client…"), the requirements form, one document slot
 * per document group. The header bar's Submit is enabled only when nothing required is
 * missing (CONTRACT.md §6.4). It reads the request from the server when it opens, and
 * follows it through the main window's DossierReviewWatcher, DossierUploader and
 * DossierRequestCache (::invalidated); every answer updates it in place.
 *
 * Actions: request.submit (Ctrl+Return), request.save (Ctrl+S, the form's data),
 * request.request-again, request.edit-client (the client editor, offered with Request Again),
 * request.refresh (F5).
 */
#pragma once

#include <adwaita.h>

#include "dossier-client.h"
#include "dossier-product-request.h"
#include "dossier-window.h"

G_BEGIN_DECLS

typedef enum {
  DOSSIER_REQUEST_STATE_PENDING,       /* something required is missing */
  DOSSIER_REQUEST_STATE_READY,         /* open, nothing required missing */
  DOSSIER_REQUEST_STATE_UNDER_REVIEW,  /* in_kyc */
  DOSSIER_REQUEST_STATE_ENABLED,
  DOSSIER_REQUEST_STATE_REJECTED,
  DOSSIER_REQUEST_STATE_UNKNOWN,       /* a status this version does not know */
} DossierRequestState;

#define DOSSIER_TYPE_REQUEST_WINDOW (dossier_request_window_get_type ())
G_DECLARE_FINAL_TYPE (DossierRequestWindow, dossier_request_window, DOSSIER, REQUEST_WINDOW, AdwWindow)

DossierRequestWindow  *dossier_request_window_new            (DossierWindow         *parent,
                                                              DossierClient         *client,
                                                              DossierProductRequest *request);
/* The window already open on request_id in parent's application, or NULL. */
DossierRequestWindow  *dossier_request_window_lookup         (DossierWindow         *parent,
                                                              const char            *request_id);
/* Presents the window of this request, creating it if none is open. (transfer none) */
DossierRequestWindow  *dossier_request_window_open           (DossierWindow         *parent,
                                                              DossierClient         *client,
                                                              DossierProductRequest *request);

DossierClient         *dossier_request_window_get_client     (DossierRequestWindow  *self);
DossierProductRequest *dossier_request_window_get_request    (DossierRequestWindow  *self);
/* Shows a newer state of the request (same id, or the new request after "Request Again");
 * notifies `request`, which the main window passes on to its client page and request cache. */
void                   dossier_request_window_set_request    (DossierRequestWindow  *self,
                                                              DossierProductRequest *request);
/* Earlier attempts kept visible after "Request Again", oldest first. (element-type DossierProductRequest) */
GPtrArray             *dossier_request_window_get_previous   (DossierRequestWindow  *self);
DossierRequestState    dossier_request_window_get_state      (DossierRequestWindow  *self);
gboolean               dossier_request_window_get_can_submit (DossierRequestWindow  *self);
gboolean               dossier_request_window_get_busy       (DossierRequestWindow  *self);
/* The state's headline and description as shown (for tests and accessibility). */
const char            *dossier_request_window_get_state_title       (DossierRequestWindow *self);
const char            *dossier_request_window_get_state_description (DossierRequestWindow *self);

/* The requirements form and the slot of a document group (NULL if none), for tests. */
GtkWidget             *dossier_request_window_get_form       (DossierRequestWindow  *self);
GtkWidget             *dossier_request_window_get_slot       (DossierRequestWindow  *self,
                                                              const char            *group_id);
/* What was sent (a DossierSubmittedView), visible once the request is in review or decided. */
GtkWidget             *dossier_request_window_get_submitted  (DossierRequestWindow  *self);

/* The DossierCallStatus under the header bar: "Submitting…", the server busy, a failure. */
GtkWidget             *dossier_request_window_get_submit_status (DossierRequestWindow *self);

/* The state a request is in, as this window shows it. */
DossierRequestState    dossier_request_state_for_request     (DossierProductRequest *request);

G_END_DECLS
