/* dossier-failure-wording.h — a failed call's journal event, worded when it is read
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A failure event keeps what the error was (its kind, the server's code and status);
 * the words are made when the timeline or an export is shown, in the locale of that
 * moment, never read back from the sentence stored with it (kept for older entries
 * only). A failed call that later went through (an upload sent again, a submit tried
 * again) is paired with the event that shows it went through. Any thread.
 */
#pragma once

#include "dossier-journal.h"

G_BEGIN_DECLS

/* "Uploading a document failed", or when it went through later "Upload retried, then
 * sent", for the failed call's action ("upload-document", "submit", …). */
char                      *dossier_failure_wording_title   (const char                *action,
                                                            gboolean                   retried);
/* Why it failed, one sentence in the current locale, from details' "error", "code",
 * "http_status" and "server_message"; the stored "message" of an entry without "error"
 * and "code" (older entries); NULL when there is nothing at all. */
char                      *dossier_failure_wording_reason  (JsonNode                  *details);
/* TRUE when later is an event showing that failure's call went through after all. */
gboolean                   dossier_failure_wording_went_through (const DossierJournalEvent *failure,
                                                            const DossierJournalEvent *later);
/* Pairs each failure in events (DossierJournalEvent, in time order: oldest first unless
 * newest_first) with the first later event showing its call went through. Returns a
 * table failure → that event (both borrowed from events). */
GHashTable                *dossier_failure_wording_link    (GPtrArray                 *events,
                                                            gboolean                   newest_first);

G_END_DECLS
