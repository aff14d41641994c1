/* dossier-note-dialog.h — writing, editing and deleting a client's private notes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "dossier-journal.h"

G_BEGIN_DECLS

/* The journal key (request id) of a client's unsaved new note; an edited note's is this,
 * "-" and the note's id. */
#define DOSSIER_NOTE_DIALOG_NEW_NOTE_DRAFT "note"

/* Each presents a dialog transient for parent's window and, when confirmed, writes to
 * the journal (its notes-changed signal then tells the views). Errors show in a dialog. */
void dossier_note_dialog_add    (GtkWidget                *parent,
                                 DossierJournal           *journal,
                                 const char               *client_id);
void dossier_note_dialog_edit   (GtkWidget                *parent,
                                 DossierJournal           *journal,
                                 const DossierJournalNote *note);
void dossier_note_dialog_delete (GtkWidget                *parent,
                                 DossierJournal           *journal,
                                 gint64                    note_id);

G_END_DECLS
