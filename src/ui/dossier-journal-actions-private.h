/* dossier-journal-actions-private.h — what the journal actions' files share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "dossier-journal-actions.h"

G_BEGIN_DECLS

/* dossier-journal-actions-toast.c */
/* Says text in the window's toast overlay; with exported, a file just written, the toast
 * has an Open button that opens it in the default app. The widget keeps the last toast
 * as its "dossier-journal-actions-last-toast" data (tests). */
void   _dossier_journal_actions_toast         (GtkWidget  *widget,
                                               const char *text,
                                               GFile      *exported);
/* Where the export's save chooser starts: the user's Documents folder, else home. */
GFile *_dossier_journal_actions_export_folder (void);

G_END_DECLS
