/* dossier-application-reviews.c — notifications when a request under review is decided
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The review watcher of each main window tells when a request in KYC became enabled or
 * rejected; the application sends a notification whose default action opens the client.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "dossier-application.h"
#include "dossier-product-chooser.h"
#include "dossier-window.h"

static char *
dossier_application_product_name (DossierApplication *self,
                                  const char         *product_id)
{
  DossierSandbox *sandbox = dossier_application_get_sandbox (self);
  DossierAccount *account = dossier_application_get_account (self);
  const char *server_name = NULL;

  if (sandbox != NULL && account != NULL && dossier_account_get_kind (account) == DOSSIER_ACCOUNT_KIND_SANDBOX)
    server_name = dossier_sandbox_get_product_name (sandbox, product_id);
  return dossier_product_display_name (product_id, server_name);
}

/**
 * dossier_application_build_review_notification:
 * @self: a #DossierApplication
 * @client_name: the client's name as shown
 * @request: a request that became enabled or rejected
 *
 * Returns: (transfer full) (nullable): the notification, whose default action opens the client
 */
GNotification *
dossier_application_build_review_notification (DossierApplication    *self,
                                               const char            *client_name,
                                               DossierProductRequest *request)
{
  DossierRequestStatus status = dossier_product_request_get_status (request);
  const char *product_id = dossier_product_request_get_product (request);
  g_autofree char *product = dossier_application_product_name (self, product_id);
  g_autofree char *title = NULL;
  g_autofree char *body = NULL;
  g_autoptr(GNotification) notification = NULL;
  const char *reason;

  g_return_val_if_fail (DOSSIER_IS_APPLICATION (self), NULL);
  g_return_val_if_fail (DOSSIER_IS_PRODUCT_REQUEST (request), NULL);

  if (status == DOSSIER_REQUEST_STATUS_ENABLED)
    {
      /* Translators: a notification's title; the placeholder is a product, e.g. "Cards" */
      title = g_strdup_printf (_("%s Enabled"), product);
      /* Translators: the placeholders are a client's name and a product */
      body = g_strdup_printf (_("%s can now use %s."), client_name, product);
    }
  else if (status == DOSSIER_REQUEST_STATUS_REJECTED)
    {
      reason = dossier_product_request_get_rejection_description (request);
      /* Translators: a notification's title; the placeholder is a product, e.g. "Cards" */
      title = g_strdup_printf (_("%s Request Rejected"), product);
      if (reason != NULL && *reason != '\0')
        /* Translators: a client's name, then the provider's reason */
        body = g_strdup_printf (_("%s: %s"), client_name, reason);
      else
        /* Translators: the placeholder is a client's name */
        body = g_strdup_printf (_("The request for %s was rejected."), client_name);
    }
  else
    return NULL;

  notification = g_notification_new (title);
  g_notification_set_body (notification, body);
  g_notification_set_priority (notification, status == DOSSIER_REQUEST_STATUS_REJECTED
                                             ? G_NOTIFICATION_PRIORITY_HIGH
                                             : G_NOTIFICATION_PRIORITY_NORMAL);
  g_notification_set_default_action_and_target (notification, "app.open-client", "s",
                                                 dossier_product_request_get_client_id (request));
  return g_steal_pointer (&notification);
}

static char *
dossier_application_client_name (DossierApplication *self,
                                 const char         *client_id)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    if (DOSSIER_IS_WINDOW (l->data))
      {
        DossierClient *client = dossier_client_list_lookup (dossier_window_get_clients (l->data), client_id);

        if (client != NULL)
          return dossier_client_get_display_name (client);
      }

  return g_strdup (_("A client"));
}

static void
review_changed_cb (DossierReviewWatcher  *watcher,
                   const char            *client_id,
                   DossierProductRequest *old,
                   DossierProductRequest *request,
                   DossierApplication    *self)
{
  g_autoptr(GNotification) notification = NULL;
  g_autofree char *name = NULL;
  g_autofree char *id = NULL;

  if (dossier_product_request_get_status (old) != DOSSIER_REQUEST_STATUS_IN_KYC)
    return;

  name = dossier_application_client_name (self, client_id);
  notification = dossier_application_build_review_notification (self, name, request);
  if (notification == NULL)
    return;

  id = g_strconcat ("request-", dossier_product_request_get_id (request), NULL);
  g_application_send_notification (G_APPLICATION (self), id, notification);
}

void
dossier_application_follow_reviews (DossierApplication   *self,
                                    DossierReviewWatcher *watcher)
{
  g_return_if_fail (DOSSIER_IS_APPLICATION (self));
  g_return_if_fail (DOSSIER_IS_REVIEW_WATCHER (watcher));

  g_signal_connect_object (watcher, "request-changed", G_CALLBACK (review_changed_cb), self, 0);
}
