/* dossier-submitted-view-private.h — the submitted view's state, shared by its files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "dossier-submitted-view.h"

G_BEGIN_DECLS

struct _DossierSubmittedView
{
  GtkWidget      parent_instance;

  GtkWidget     *box;
  GtkWidget     *placeholder;
  GPtrArray     *shown;        /* the groups in box (borrowed) */
  GHashTable    *rows;         /* field key or document group id → row (borrowed) */

  DossierClient *client;
  GPtrArray     *events;       /* DossierJournalEvent, oldest first */
  GPtrArray     *uploads;      /* DossierJournalUpload */
  DossierJournal *journal;
  GCancellable  *cancellable;
  char          *request_id;
  char          *failure;      /* the journal could not be read */
  guint          rebuild_id;
  guint          n_groups;
  gboolean       loaded;
};

/* dossier-submitted-view-groups.c: the groups and rows, built again from the events. */
void _dossier_submitted_view_rebuild (DossierSubmittedView *self);

G_END_DECLS
