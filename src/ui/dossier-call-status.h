/* dossier-call-status.h — a call in progress or its failure, where the work is
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "dossier-api.h"

G_BEGIN_DECLS

#define DOSSIER_TYPE_CALL_STATUS (dossier_call_status_get_type ())
G_DECLARE_FINAL_TYPE (DossierCallStatus, dossier_call_status, DOSSIER, CALL_STATUS, GtkWidget)

GtkWidget  *dossier_call_status_new           (void);
/* A spinner and working ("Saving…"), or "The server is busy; trying again in N s"
 * while api's scheduler waits out a rate limit; counts down by itself. */
void        dossier_call_status_start         (DossierCallStatus *self,
                                               DossierApi        *api,
                                               const char        *working);
/* sentence (NULL: dossier_error_report_describe_unsaved (error)), a Retry button
 * (emits ::retry) and a Details button with the error's technical detail. */
void        dossier_call_status_fail          (DossierCallStatus *self,
                                               const char        *sentence,
                                               const GError      *error);
/* Hides it. */
void        dossier_call_status_clear         (DossierCallStatus *self);
/* The sentence shown, or NULL when hidden. */
const char *dossier_call_status_get_text      (DossierCallStatus *self);
gboolean    dossier_call_status_get_working   (DossierCallStatus *self);
gboolean    dossier_call_status_get_failed    (DossierCallStatus *self);
GtkWidget  *dossier_call_status_get_retry_button   (DossierCallStatus *self);
GtkWidget  *dossier_call_status_get_details_button (DossierCallStatus *self);

G_END_DECLS
