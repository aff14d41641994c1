/* dossier-error-report.h — errors as sentences for people, with the trace id one click away
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "dossier-api.h"

G_BEGIN_DECLS

/* A sentence that says what went wrong; never a bare HTTP status. For a key that is
 * refused it uses the contract's level table (CONTRACT.md §2.2). */
char     *dossier_error_report_describe       (const GError    *error);
/* Adds a toast "<what>: <sentence>" (escaped: toast titles are markup on
 * libadwaita 1.2) with a "Copy Trace ID" button when the server sent one. */
AdwToast *dossier_error_report_toast          (AdwToastOverlay *overlay,
                                               const char      *what,
                                               const GError    *error);
/* Copies text to the clipboard of widget and confirms with a toast in the nearest
 * AdwToastOverlay. */
void      dossier_error_report_copy_trace_id  (GtkWidget       *widget,
                                               const char      *trace_id);

/* One plain sentence for a save or create that did not go through, ending in "Your
 * changes are kept as a draft." (e.g. "Dossier could not reach the server. …"): no
 * HTTP status, no underlying socket error; those are in the details. */
char     *dossier_error_report_describe_unsaved (const GError  *error);
/* The technical detail of an error for support, one "Label: value" per line: what
 * Dossier got, the server's own message, HTTP status, code and trace id when known. */
char     *dossier_error_report_describe_details (const GError  *error);
/* What a call in progress is doing: working (e.g. "Saving…", "Submitting…") or, while
 * the server's rate limit holds every call, "The server is busy; trying again in N s".
 * Call it again every half second or so to count down. */
char     *dossier_error_report_describe_progress (DossierApi   *api,
                                                  const char   *working);
/* A "Details" menu button whose popover shows dossier_error_report_describe_details()
 * with a Copy button; hidden until it has an error. */
GtkWidget *dossier_error_report_details_button_new       (void);
void       dossier_error_report_details_button_set_error (GtkWidget    *button,
                                                          const GError *error);
/* The text the button's popover shows, or NULL. */
const char *dossier_error_report_details_button_get_text (GtkWidget    *button);

G_END_DECLS
