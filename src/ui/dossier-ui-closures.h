/* dossier-ui-closures.h — formatting helpers for rows, pages and expressions
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "dossier-product-request.h"
#include "dossier-request-summary.h"

G_BEGIN_DECLS

const char *dossier_ui_client_status_label     (const char                  *status);
const char *dossier_ui_request_status_label    (DossierRequestStatus         status);
const char *dossier_ui_request_status_style    (DossierRequestStatus         status);
char       *dossier_ui_format_waiting          (guint                        days,
                                                gboolean                     on_me);
char       *dossier_ui_format_rejected         (guint                        days);
char       *dossier_ui_format_checked          (gint64                       checked_at,
                                                gint64                       now);
char       *dossier_ui_format_row_detail       (const char                  *client_status,
                                                const DossierRequestSummary *summary,
                                                gint64                       now);
char       *dossier_ui_format_client_count     (guint                        n_matches,
                                                guint                        n_total);
char       *dossier_ui_format_date_time        (GDateTime                   *date_time);

G_END_DECLS
