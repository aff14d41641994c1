/* dossier-timeline-item-private.h — the item's fields, for its wording
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "dossier-timeline-item.h"

G_BEGIN_DECLS

struct _DossierTimelineItem
{
  GObject                  parent_instance;

  DossierTimelineItemKind  kind;
  gint64                   time;
  DossierJournalEvent     *event;
  DossierJournalNote      *note;
  GDateTime               *day;
  GdkTexture              *thumbnail;
  gint64                   retried_at;  /* a failure: when its call went through later, or 0 */
  guint                    thumbnail_claimed : 1;
};

G_END_DECLS
