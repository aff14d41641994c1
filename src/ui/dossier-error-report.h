/* dossier-error-report.h — errors as sentences for people, with the trace id one click away
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

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

G_END_DECLS
