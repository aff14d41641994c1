/* dossier-client-editor.h — the dialog that creates a client or edits one with the
 * full-replacement guard (CONTRACT.md §8.1, §8.4, §15.3)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "dossier-api.h"
#include "dossier-client-form.h"
#include "dossier-conflict-view.h"
#include "dossier-journal.h"

G_BEGIN_DECLS

/* The draft key of the new-client form in the journal. */
#define DOSSIER_CLIENT_EDITOR_NEW_CLIENT_DRAFT "new-client"

#define DOSSIER_TYPE_CLIENT_EDITOR (dossier_client_editor_get_type ())
G_DECLARE_FINAL_TYPE (DossierClientEditor, dossier_client_editor, DOSSIER, CLIENT_EDITOR, AdwWindow)

/* journal may be NULL (then nothing is kept between sessions). client NULL: create. */
DossierClientEditor *dossier_client_editor_new            (GtkWindow           *parent,
                                                           DossierApi          *api,
                                                           DossierJournal      *journal,
                                                           DossierClient       *client);
DossierClientForm   *dossier_client_editor_get_form       (DossierClientEditor *self);
DossierConflictView *dossier_client_editor_get_conflict_view (DossierClientEditor *self);
/* "loading", "form", "summary" or "conflict". */
const char          *dossier_client_editor_get_page       (DossierClientEditor *self);
gboolean             dossier_client_editor_get_busy       (DossierClientEditor *self);
gboolean             dossier_client_editor_get_draft_offered (DossierClientEditor *self);
/* The sentence next to the form, or NULL when none is shown. */
const char          *dossier_client_editor_get_error_text (DossierClientEditor *self);
/* The rows of the summary of what will be sent: (element-type DossierClientChange). */
GPtrArray           *dossier_client_editor_get_changes    (DossierClientEditor *self);

G_END_DECLS
