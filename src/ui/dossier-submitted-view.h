/* dossier-submitted-view.h — what was sent for a request, read-only, once it left the desk
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Shown by the request window instead of the form once the request is in review, enabled
 * or rejected: each data group the request asked for with its fields' labels and the
 * values on the client's record now, and each document group with the document type, its
 * sides and a thumbnail while the journal's upload queue holds one, else the SHA-256 of
 * each side as the document-uploaded event recorded it.
 */
#pragma once

#include <adwaita.h>

#include "dossier-client.h"
#include "dossier-journal.h"

G_BEGIN_DECLS

#define DOSSIER_TYPE_SUBMITTED_VIEW (dossier_submitted_view_get_type ())
G_DECLARE_FINAL_TYPE (DossierSubmittedView, dossier_submitted_view, DOSSIER, SUBMITTED_VIEW, GtkWidget)

GtkWidget  *dossier_submitted_view_new          (void);
/* Shows the request's events (element-type DossierJournalEvent, any order) and upload
 * queue records (element-type DossierJournalUpload, nullable); values come from client,
 * and follow it when it changes. */
void        dossier_submitted_view_show         (DossierSubmittedView *self,
                                                 DossierClient        *client,
                                                 GPtrArray            *events,
                                                 GPtrArray            *uploads);
/* Reads the request's events and uploads from the journal, then shows them; `loaded`
 * turns TRUE when done (also when the journal failed: then a sentence says so). */
void        dossier_submitted_view_load         (DossierSubmittedView *self,
                                                 DossierJournal       *journal,
                                                 DossierClient        *client,
                                                 const char           *request_id);
gboolean    dossier_submitted_view_get_loaded   (DossierSubmittedView *self);
/* The row of a data field key or of a document group id, or NULL (for tests). */
GtkWidget  *dossier_submitted_view_get_row      (DossierSubmittedView *self,
                                                 const char           *id);
/* Data groups and document groups shown. */
guint       dossier_submitted_view_get_n_groups (DossierSubmittedView *self);

G_END_DECLS
