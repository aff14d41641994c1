/* dossier-journal-notes-all.h — every client's notes at once, for searching them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "dossier-journal.h"

G_BEGIN_DECLS

/* Every note of every client, ordered by client then age. */
void       dossier_journal_list_all_notes_async  (DossierJournal       *self,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
/* Returns: (transfer container) (element-type DossierJournalNote) */
GPtrArray *dossier_journal_list_all_notes_finish (DossierJournal       *self,
                                                  GAsyncResult         *result,
                                                  GError              **error) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
