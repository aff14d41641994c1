/* dossier-note-index.h — every client's private notes, searchable from the client list
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Keeps each client's notes folded (dossier_client_fold_text()) in memory, read once
 * from the journal and kept current from its notes-changed signal. For the client
 * list's filter: a client matches a search when its notes contain the folded query.
 */
#pragma once

#include <glib-object.h>

#include "dossier-journal.h"

G_BEGIN_DECLS

#define DOSSIER_TYPE_NOTE_INDEX (dossier_note_index_get_type ())
G_DECLARE_FINAL_TYPE (DossierNoteIndex, dossier_note_index, DOSSIER, NOTE_INDEX, GObject)

DossierNoteIndex *dossier_note_index_new        (DossierJournal   *journal);
/* TRUE once every note was read (property "loaded"). */
gboolean          dossier_note_index_get_loaded (DossierNoteIndex *self);
/* folded_query: already folded with dossier_client_fold_text(); "" never matches.
 * A hash lookup and a substring search: cheap enough for every client per keystroke. */
gboolean          dossier_note_index_match      (DossierNoteIndex *self,
                                                 const char       *client_id,
                                                 const char       *folded_query);
/* The number of clients with notes. */
guint             dossier_note_index_get_n_clients (DossierNoteIndex *self);

/* Signal "changed" (const char *client_id, or NULL when every client may have changed):
 * a search showing that client should be filtered again. */

G_END_DECLS
