/* dossier-event-recorder.h — turns DossierApi's answers into journal events
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Listens to the signals DossierApi emits after each successful call (and to its
 * `failure` signal) and writes the timeline's events into the journal, without
 * duplicates: each product request is compared with the last state seen (kept in
 * memory and in the journal's request cache), so seeing the same state twice writes
 * nothing. Status changes are written at the server's `updated_at` when it gives one,
 * else at the moment they were observed (`observed` TRUE). Document uploads are not
 * written here (the uploader knows the hashes); the requirements they satisfy are.
 * Main thread only, like DossierApi.
 */
#pragma once

#include <gio/gio.h>

#include "dossier-api.h"
#include "dossier-journal.h"

G_BEGIN_DECLS

#define DOSSIER_TYPE_EVENT_RECORDER (dossier_event_recorder_get_type ())
G_DECLARE_FINAL_TYPE (DossierEventRecorder, dossier_event_recorder, DOSSIER, EVENT_RECORDER, GObject)

/* Connects to api's signals; both are kept (a reference each) until disposed. */
DossierEventRecorder *dossier_event_recorder_new              (DossierApi           *api,
                                                               DossierJournal       *journal);
DossierApi           *dossier_event_recorder_get_api          (DossierEventRecorder *self);
DossierJournal       *dossier_event_recorder_get_journal      (DossierEventRecorder *self);

/* Remembers client as the server last showed it, so a later update without a known
 * "before" can still say which fields changed; also writes client-created (at the
 * server's created_at) if the journal has no such event for it yet. */
void                  dossier_event_recorder_observe_client   (DossierEventRecorder *self,
                                                               DossierClient        *client);
/* Feeds a client's product requests seen some other way (e.g. the review watcher's
 * poll) exactly as if DossierApi had listed them. requests: (element-type
 * DossierProductRequest). */
void                  dossier_event_recorder_observe_requests (DossierEventRecorder *self,
                                                               const char           *client_id,
                                                               GPtrArray            *requests,
                                                               const char           *trace_id);

/* Completes once everything received so far is committed to the journal. */
void                  dossier_event_recorder_wait_async       (DossierEventRecorder *self,
                                                               GCancellable         *cancellable,
                                                               GAsyncReadyCallback   callback,
                                                               gpointer              user_data);
gboolean              dossier_event_recorder_wait_finish      (DossierEventRecorder *self,
                                                               GAsyncResult         *result,
                                                               GError              **error);

/* TRUE while received signals are still being turned into events. */
gboolean              dossier_event_recorder_get_busy         (DossierEventRecorder *self);

G_END_DECLS
