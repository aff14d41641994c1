/* dossier-timeline-scroller.h — a page and its timeline that scroll as one
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The child of a GtkScrolledWindow (it is a GtkScrollable): a header widget (the page's
 * content above the timeline) followed by a DossierTimelineView, both clamped to the
 * page's width. The page scrolls as one surface, yet the timeline's GtkListView keeps
 * making rows only for what is on screen: once its top reaches the top of the view the
 * timeline (its heading and filters, then the card) stays there, as high as the view,
 * and scrolling moves the list inside it; the scroll bar spans the page and every event.
 */
#pragma once

#include <adwaita.h>

#include "dossier-timeline-view.h"

G_BEGIN_DECLS

#define DOSSIER_TYPE_TIMELINE_SCROLLER (dossier_timeline_scroller_get_type ())
G_DECLARE_FINAL_TYPE (DossierTimelineScroller, dossier_timeline_scroller, DOSSIER, TIMELINE_SCROLLER, GtkWidget)

GtkWidget           *dossier_timeline_scroller_new          (void);
void                 dossier_timeline_scroller_set_header   (DossierTimelineScroller *self,
                                                             GtkWidget               *header);
GtkWidget           *dossier_timeline_scroller_get_header   (DossierTimelineScroller *self);
/* The view's list then scrolls with the page instead of in a box of its own. */
void                 dossier_timeline_scroller_set_timeline (DossierTimelineScroller *self,
                                                             DossierTimelineView     *timeline);
DossierTimelineView *dossier_timeline_scroller_get_timeline (DossierTimelineScroller *self);
/* The page's top, as a newly shown page starts. */
void                 dossier_timeline_scroller_scroll_to_top (DossierTimelineScroller *self);

G_END_DECLS
