/* dossier-timeline-row.h — the widget that shows one timeline item (recycled by the list)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "dossier-timeline-item.h"

G_BEGIN_DECLS

#define DOSSIER_TYPE_TIMELINE_ROW (dossier_timeline_row_get_type ())
G_DECLARE_FINAL_TYPE (DossierTimelineRow, dossier_timeline_row, DOSSIER, TIMELINE_ROW, GtkWidget)

GtkWidget           *dossier_timeline_row_new       (void);
/* item NULL unbinds; personal values are hidden again on every bind. */
void                 dossier_timeline_row_set_item  (DossierTimelineRow  *self,
                                                     DossierTimelineItem *item);
DossierTimelineItem *dossier_timeline_row_get_item  (DossierTimelineRow  *self);
/* For tests: the title and subtitle as shown, and whether personal values show. */
const char          *dossier_timeline_row_get_title (DossierTimelineRow  *self);
const char          *dossier_timeline_row_get_subtitle (DossierTimelineRow *self);
/* The tooltip of the row's text: "Trace ID …", or NULL without a trace id. */
const char          *dossier_timeline_row_get_trace_tooltip (DossierTimelineRow *self);
gboolean             dossier_timeline_row_get_personal_shown (DossierTimelineRow *self);
void                 dossier_timeline_row_set_personal_shown (DossierTimelineRow *self,
                                                              gboolean            shown);

G_END_DECLS
