/* dossier-timeline-view.h — a client's timeline on the client page
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every journal event of the client and its requests, and the client's notes, newest
 * first, grouped by day (a header item per day in a flattened list model), in the
 * user's locale and time zone. A GtkListView: rows are recycled, so thousands of events
 * stay fast. Filters: status changes, documents, problems, notes. Refreshes on the
 * journal's events-added and notes-changed signals.
 */
#pragma once

#include <adwaita.h>

#include "dossier-journal.h"

G_BEGIN_DECLS

typedef enum {
  DOSSIER_TIMELINE_FILTER_ALL       = 0,
  DOSSIER_TIMELINE_FILTER_STATUS    = 1 << 0,  /* requested, requirements, submitted, review, outcome */
  DOSSIER_TIMELINE_FILTER_DOCUMENTS = 1 << 1,  /* uploaded, accepted, rejected documents */
  DOSSIER_TIMELINE_FILTER_PROBLEMS  = 1 << 2,  /* failures, rejections */
  DOSSIER_TIMELINE_FILTER_NOTES     = 1 << 3,
} DossierTimelineFilter;

#define DOSSIER_TYPE_TIMELINE_VIEW (dossier_timeline_view_get_type ())
G_DECLARE_FINAL_TYPE (DossierTimelineView, dossier_timeline_view, DOSSIER, TIMELINE_VIEW, GtkWidget)

GtkWidget             *dossier_timeline_view_new          (void);
/* journal NULL or client_id NULL empties the view. */
void                   dossier_timeline_view_set_client   (DossierTimelineView   *self,
                                                           DossierJournal        *journal,
                                                           const char            *client_id);
const char            *dossier_timeline_view_get_client_id (DossierTimelineView  *self);
/* Shows only the kinds of these categories (ALL: everything). */
void                   dossier_timeline_view_set_filter   (DossierTimelineView   *self,
                                                           DossierTimelineFilter  filter);
DossierTimelineFilter  dossier_timeline_view_get_filter   (DossierTimelineView   *self);
/* The flattened list shown: DossierTimelineItem objects (day headers and entries). */
GListModel            *dossier_timeline_view_get_model    (DossierTimelineView   *self);
/* TRUE while the events are being read or put in the model (over a few frames). */
gboolean               dossier_timeline_view_get_loading  (DossierTimelineView   *self);

G_END_DECLS
