/* dossier-timeline-view-private.h — what the timeline view's files share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "dossier-timeline-item.h"
#include "dossier-timeline-view.h"

G_BEGIN_DECLS

/* All, status, documents, problems, notes. */
#define DOSSIER_TIMELINE_N_FILTERS 5

struct _DossierTimelineView
{
  GtkWidget              parent_instance;

  DossierJournal        *journal;
  char                  *client_id;
  GCancellable          *cancellable;
  GPtrArray             *all;          /* DossierTimelineItem (no DAY), newest first */
  GPtrArray             *events;       /* during a load */
  GPtrArray             *notes;        /* during a load */
  guint                  n_reads;      /* of the load, still to come */
  GHashTable            *known;        /* item key → DossierTimelineItem of `all` */
  GPtrArray             *flat;         /* what the store shows, when complete */
  GListStore            *store;
  guint                  n_shown;      /* items of `flat` in the store */
  guint                  tick_id;
  gint64                 first_frame;  /* the frame showing the first items */
  guint                  limit;        /* of the read under way; 0: all */
  DossierTimelineFilter  filter;
  guint                  loading : 1;
  guint                  reload : 1;
  guint                  reading : 1;

  GtkWidget             *box;
  GtkWidget             *stack;
  GtkWidget             *list_view;
  GtkWidget             *empty_label;
  GtkWidget             *add_button;
  GtkWidget             *filter_squeezer;
  GtkWidget             *filter_strip;       /* toggles, shown when they all fit */
  GtkWidget             *filter_menu_button; /* the same choice, in a narrow page */
  GtkWidget             *filter_buttons[DOSSIER_TIMELINE_N_FILTERS];
};

/* The first read takes a few screenfuls of events; the first frame shows one screenful
 * (each item the list holds gets a row, see append_chunk_cb()). */
#define FIRST_EVENTS 48
#define FIRST_ITEMS  10
/* GtkListView (4.8) keeps rows for up to 200 items. */
#define FILL_ROWS    200

void _dossier_timeline_view_set_loading      (DossierTimelineView *self,
                                              gboolean             loading);
/* DossierTimelineScroller: the list scrolls by vadjustment, in no scrolled window of its
 * own, and asks for no height (the scroller gives it what shows). */
void _dossier_timeline_view_set_vadjustment  (DossierTimelineView *self,
                                              GtkAdjustment       *vadjustment);
/* The empty card's status text follows the loading state, the items read and the filter. */
void _dossier_timeline_view_update_empty     (DossierTimelineView *self);
/* The status text the card shows, or NULL while it shows the list (for tests). */
const char *_dossier_timeline_view_get_empty_text (DossierTimelineView *self);
/* TRUE while the list (not the empty label) shows. */
gboolean _dossier_timeline_view_shows_list   (DossierTimelineView *self);
/* dossier-timeline-view-filters.c */
/* The strip and the menu button, in a squeezer that shows the strip when it fits. */
GtkWidget *_dossier_timeline_view_build_filters (DossierTimelineView *self);
/* Both controls show self->filter. */
void _dossier_timeline_view_show_filter      (DossierTimelineView *self);
/* dossier-timeline-view-load.c */
void _dossier_timeline_view_load             (DossierTimelineView *self);
void _dossier_timeline_view_rebuild          (DossierTimelineView *self);
void _dossier_timeline_view_journal_changed  (DossierJournal      *journal,
                                              const char          *client_id,
                                              DossierTimelineView *self);

G_END_DECLS
