/* dossier-conflict-view.h — someone else changed the client during an edit: both
 * versions field by field, and the user's choice for each
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "dossier-client.h"
#include "dossier-client-fields.h"

G_BEGIN_DECLS

#define DOSSIER_TYPE_CONFLICT_VIEW (dossier_conflict_view_get_type ())
G_DECLARE_FINAL_TYPE (DossierConflictView, dossier_conflict_view, DOSSIER, CONFLICT_VIEW, GtkWidget)

GtkWidget     *dossier_conflict_view_new            (void);
/* base: the copy the edit started from; mine: base plus the user's edits;
 * theirs: the server's copy now. */
void           dossier_conflict_view_set_versions   (DossierConflictView *self,
                                                     DossierClient       *base,
                                                     DossierClient       *mine,
                                                     DossierClient       *theirs);
/* Fields both sides changed to different values. */
guint          dossier_conflict_view_get_n_conflicts (DossierConflictView *self);
/* Chooses the user's value (TRUE) or the server's (FALSE) for a conflicting field. */
void           dossier_conflict_view_choose_mine    (DossierConflictView *self,
                                                     DossierClientField   field,
                                                     gboolean             mine);
/* The server's copy (every member it has, unknown ones included) with the user's
 * edits to fields nobody else touched and the chosen value of each conflict. */
DossierClient *dossier_conflict_view_build_merged   (DossierConflictView *self);

G_END_DECLS
