/* dossier-timeline-item.h — one line of the timeline: a day's header, an event or a note
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "dossier-journal.h"
#include "dossier-timeline-view.h"

G_BEGIN_DECLS

typedef enum {
  DOSSIER_TIMELINE_ITEM_DAY,
  DOSSIER_TIMELINE_ITEM_EVENT,
  DOSSIER_TIMELINE_ITEM_NOTE,
} DossierTimelineItemKind;

#define DOSSIER_TYPE_TIMELINE_ITEM (dossier_timeline_item_get_type ())
G_DECLARE_FINAL_TYPE (DossierTimelineItem, dossier_timeline_item, DOSSIER, TIMELINE_ITEM, GObject)

/* Both take ownership of what they are given. */
DossierTimelineItem       *dossier_timeline_item_new_event      (DossierJournalEvent *event);
DossierTimelineItem       *dossier_timeline_item_new_note       (DossierJournalNote  *note);
/* day: local midnight of the day (the item keeps a reference). */
DossierTimelineItem       *dossier_timeline_item_new_day        (GDateTime           *day);

DossierTimelineItemKind    dossier_timeline_item_get_kind       (DossierTimelineItem *self);
/* UTC microseconds: the event's occurred_at, the note's created_at, the day's start. */
gint64                     dossier_timeline_item_get_time       (DossierTimelineItem *self);
const DossierJournalEvent *dossier_timeline_item_get_event      (DossierTimelineItem *self);
const DossierJournalNote  *dossier_timeline_item_get_note       (DossierTimelineItem *self);
DossierTimelineFilter      dossier_timeline_item_get_categories (DossierTimelineItem *self);

/* Wording (dossier-timeline-wording.c), all translated, never NULL. */
const char                *dossier_timeline_item_get_icon_name  (DossierTimelineItem *self);
char                      *dossier_timeline_item_dup_title      (DossierTimelineItem *self);
/* The second line: details and whether the time is when Dossier noticed it; may be "".
 * The trace id is not in it (see dossier_timeline_item_get_trace_id()). */
char                      *dossier_timeline_item_dup_subtitle   (DossierTimelineItem *self);
/* The local time of day ("14:05"), or the day's heading for a DAY item. */
char                      *dossier_timeline_item_dup_time_label (DossierTimelineItem *self);
/* Personal values of a client-updated event, one "Field: before → after" per line; NULL
 * when the event holds none. Shown only on demand. */
char                      *dossier_timeline_item_dup_personal   (DossierTimelineItem *self);
/* "success", "warning", "error" or NULL: the style of the icon. */
const char                *dossier_timeline_item_get_tone       (DossierTimelineItem *self);

/* Pairs each failure among items (newest first, as the timeline lists them) with the
 * later event showing its call went through (dossier-failure-wording.h); an item whose
 * pairing changes notifies "retried-at". */
void                       dossier_timeline_item_link_retries   (GPtrArray           *items);
/* A failure that went through when tried again: when it did (UTC microseconds), else 0. */
gint64                     dossier_timeline_item_get_retried_at (DossierTimelineItem *self);
/* The server's trace id of the event's call, for support, or NULL. */
const char                *dossier_timeline_item_get_trace_id   (DossierTimelineItem *self);

/* A document event's upload id, or 0. */
gint64                     dossier_timeline_item_get_upload_id  (DossierTimelineItem *self);
/* The document's thumbnail once loaded (property "thumbnail"), or NULL. */
GdkTexture                *dossier_timeline_item_get_thumbnail  (DossierTimelineItem *self);
void                       dossier_timeline_item_set_thumbnail  (DossierTimelineItem *self,
                                                                 GdkTexture          *thumbnail);
/* TRUE the first time only: the caller then reads the thumbnail (so it is read once). */
gboolean                   dossier_timeline_item_claim_thumbnail (DossierTimelineItem *self);

G_END_DECLS
