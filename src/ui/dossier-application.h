/* dossier-application.h — the application: actions, accelerators, windows
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "dossier-account.h"
#include "dossier-review-watcher.h"
#include "dossier-sandbox.h"

G_BEGIN_DECLS

#define DOSSIER_TYPE_APPLICATION (dossier_application_get_type ())
G_DECLARE_FINAL_TYPE (DossierApplication, dossier_application, DOSSIER, APPLICATION, AdwApplication)

DossierApplication *dossier_application_new (const char        *application_id,
                                             GApplicationFlags  flags);
DossierAccount     *dossier_application_get_account       (DossierApplication *self);
const GError       *dossier_application_get_account_error (DossierApplication *self);
DossierSandbox     *dossier_application_get_sandbox       (DossierApplication *self);
/* Works on account from now on (NULL: the embedded sandbox), remembers the choice
 * and reloads the main window on it. */
void                dossier_application_use_account       (DossierApplication *self,
                                                           DossierAccount     *account);
/* Sends a notification when one of watcher's requests becomes enabled or rejected, and
 * keeps watcher told whether a window of the application is active. */
void                dossier_application_follow_reviews    (DossierApplication   *self,
                                                           DossierReviewWatcher *watcher);
/* The notification for a request that became enabled or rejected; NULL for other states.
 * (transfer full) */
GNotification      *dossier_application_build_review_notification (DossierApplication    *self,
                                                           const char            *client_name,
                                                           DossierProductRequest *request);

G_END_DECLS
