/* dossier-event-recorder-private.h — what the recorder's files share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "dossier-event-recorder.h"

G_BEGIN_DECLS

/* What a client's timeline already holds, and its requests as last seen. */
typedef struct {
  GHashTable *requests;  /* request id → DossierProductRequest (owned) */
  GPtrArray  *order;     /* request ids, first seen first (owned strings) */
  GHashTable *keys;      /* once-only event keys already in the journal */
} DossierRecorderState;

DossierRecorderState *dossier_recorder_state_new        (void);
void                  dossier_recorder_state_free       (DossierRecorderState *state);
/* Reads the journal's cached requests (a JSON array) and the client's events. */
void                  dossier_recorder_state_load       (DossierRecorderState *state,
                                                         JsonNode             *cached,
                                                         GPtrArray            *events);
/* The requests in the server's shape (CONTRACT.md §6.3), for the journal's cache. */
JsonNode             *dossier_recorder_state_to_json    (DossierRecorderState *state);
char                 *dossier_recorder_event_key        (const DossierJournalEvent *event);
/* The time an event at a server time truncated to the second is placed at, seen at now. */
gint64                dossier_recorder_place_server_time (gint64 second_usec,
                                                          gint64 now);

/* A failure event's details: the sentence of the moment ("message"), and what lets it be
 * worded again later: the error's kind ("error"), the server's "code" and
 * "server_message", "http_status", "retry_after", "access_level". */
JsonObject           *dossier_recorder_failure_details  (const GError          *error);

/* Appends to events (DossierJournalEvent) what changed from the state's copy of
 * request to request, and takes request in. from_submit: the answer of a submit.
 * Returns TRUE when the state changed. */
gboolean              dossier_recorder_diff_request     (DossierRecorderState  *state,
                                                         DossierProductRequest *request,
                                                         const char            *action,
                                                         const char            *trace_id,
                                                         gboolean               from_submit,
                                                         gint64                 now,
                                                         GPtrArray             *events);
/* client-created when missing from the state's keys. */
void                  dossier_recorder_diff_created     (DossierRecorderState  *state,
                                                         DossierClient         *client,
                                                         const char            *action,
                                                         const char            *trace_id,
                                                         gint64                 now,
                                                         GPtrArray             *events);
/* client-updated with the changed fields, or nothing when none changed;
 * before NULL: unknown, the event names no fields. */
void                  dossier_recorder_diff_updated     (DossierClient         *client,
                                                         DossierClient         *before,
                                                         const char            *trace_id,
                                                         gint64                 now,
                                                         GPtrArray             *events);

G_END_DECLS
