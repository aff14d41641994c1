/* dossier-journal-records.c — the plain records the journal stores and returns
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "dossier-journal-records.h"

G_DEFINE_ENUM_TYPE (DossierJournalUploadState, dossier_journal_upload_state,
  G_DEFINE_ENUM_VALUE (DOSSIER_JOURNAL_UPLOAD_STATE_PENDING, "pending"),
  G_DEFINE_ENUM_VALUE (DOSSIER_JOURNAL_UPLOAD_STATE_SENDING, "sending"),
  G_DEFINE_ENUM_VALUE (DOSSIER_JOURNAL_UPLOAD_STATE_ACCEPTED, "accepted"),
  G_DEFINE_ENUM_VALUE (DOSSIER_JOURNAL_UPLOAD_STATE_REJECTED, "rejected"))

G_DEFINE_BOXED_TYPE (DossierJournalEvent, dossier_journal_event,
                     dossier_journal_event_copy, dossier_journal_event_free)
G_DEFINE_BOXED_TYPE (DossierJournalRequests, dossier_journal_requests,
                     dossier_journal_requests_copy, dossier_journal_requests_free)
G_DEFINE_BOXED_TYPE (DossierJournalNote, dossier_journal_note,
                     dossier_journal_note_copy, dossier_journal_note_free)
G_DEFINE_BOXED_TYPE (DossierJournalUpload, dossier_journal_upload,
                     dossier_journal_upload_copy, dossier_journal_upload_free)

/* The database stores states by these strings, never by enum value, so reordering
 * the enum can never change what an old file means. */
static const char * const upload_state_names[] = {
  [DOSSIER_JOURNAL_UPLOAD_STATE_PENDING] = "pending",
  [DOSSIER_JOURNAL_UPLOAD_STATE_SENDING] = "sending",
  [DOSSIER_JOURNAL_UPLOAD_STATE_ACCEPTED] = "accepted",
  [DOSSIER_JOURNAL_UPLOAD_STATE_REJECTED] = "rejected",
};

/**
 * dossier_journal_upload_state_to_string:
 * @state: a state
 *
 * Returns: the name the journal stores for @state, or %NULL for a value out of range
 */
const char *
dossier_journal_upload_state_to_string (DossierJournalUploadState state)
{
  if ((guint) state >= G_N_ELEMENTS (upload_state_names))
    return NULL;

  return upload_state_names[state];
}

/**
 * dossier_journal_upload_state_from_string:
 * @text: (nullable): a stored name
 * @state: (out): where the state goes
 *
 * Returns: %TRUE when @text names a state
 */
gboolean
dossier_journal_upload_state_from_string (const char                *text,
                                          DossierJournalUploadState *state)
{
  g_return_val_if_fail (state != NULL, FALSE);

  for (guint i = 0; text != NULL && i < G_N_ELEMENTS (upload_state_names); i++)
    {
      if (strcmp (text, upload_state_names[i]) == 0)
        {
          *state = (DossierJournalUploadState) i;
          return TRUE;
        }
    }

  return FALSE;
}

static JsonNode *
node_copy (JsonNode *node)
{
  return node != NULL ? json_node_copy (node) : NULL;
}

/**
 * dossier_journal_event_new:
 * @client_id: the client the event is about
 * @request_id: (nullable): the product request, if any
 * @kind: what happened, a string id such as `request-status-changed`
 * @occurred_at: when, in UTC microseconds; 0 means now
 *
 * Returns: (transfer full): a new event with no details
 */
DossierJournalEvent *
dossier_journal_event_new (const char *client_id,
                           const char *request_id,
                           const char *kind,
                           gint64      occurred_at)
{
  DossierJournalEvent *event;

  g_return_val_if_fail (client_id != NULL, NULL);
  g_return_val_if_fail (kind != NULL, NULL);

  event = g_new0 (DossierJournalEvent, 1);
  event->client_id = g_strdup (client_id);
  event->request_id = g_strdup (request_id);
  event->kind = g_strdup (kind);
  event->occurred_at = occurred_at != 0 ? occurred_at : g_get_real_time ();

  return event;
}

/**
 * dossier_journal_event_copy:
 * @event: an event
 *
 * Copies @event; the details node is copied the way json_node_copy() does.
 *
 * Returns: (transfer full): the copy
 */
DossierJournalEvent *
dossier_journal_event_copy (const DossierJournalEvent *event)
{
  DossierJournalEvent *copy;

  g_return_val_if_fail (event != NULL, NULL);

  copy = g_memdup2 (event, sizeof *event);
  copy->client_id = g_strdup (event->client_id);
  copy->request_id = g_strdup (event->request_id);
  copy->kind = g_strdup (event->kind);
  copy->action = g_strdup (event->action);
  copy->trace_id = g_strdup (event->trace_id);
  copy->details = node_copy (event->details);
  copy->digest = g_strdup (event->digest);

  return copy;
}

/**
 * dossier_journal_event_free:
 * @event: (nullable): an event
 */
void
dossier_journal_event_free (DossierJournalEvent *event)
{
  if (event == NULL)
    return;

  g_free (event->client_id);
  g_free (event->request_id);
  g_free (event->kind);
  g_free (event->action);
  g_free (event->trace_id);
  g_clear_pointer (&event->details, json_node_unref);
  g_free (event->digest);
  g_free (event);
}

/**
 * dossier_journal_event_new_for_upload:
 * @upload: the queued upload the event is about
 * @kind: %DOSSIER_JOURNAL_EVENT_DOCUMENT_UPLOADED, _ACCEPTED or _REJECTED
 * @trace_id: (nullable): the server's trace id of the call
 * @document_id: (nullable): the server's id of the document
 * @reason: (nullable): why it was rejected
 *
 * Builds a document event whose details carry what the evidence needs: the upload,
 * group and type, and for each side sent the SHA-256 of its bytes (taken from the
 * upload's recorded hashes, or computed from its prepared bytes).
 *
 * Returns: (transfer full): a new event occurring now
 */
DossierJournalEvent *
dossier_journal_event_new_for_upload (const DossierJournalUpload *upload,
                                      const char                 *kind,
                                      const char                 *trace_id,
                                      const char                 *document_id,
                                      const char                 *reason)
{
  static const char * const side_names[] = { "front", "back" };
  DossierJournalEvent *event;
  g_autoptr(JsonBuilder) builder = NULL;
  const char *hashes[2];
  GBytes *bytes[2];

  g_return_val_if_fail (upload != NULL, NULL);
  g_return_val_if_fail (kind != NULL, NULL);

  builder = json_builder_new ();
  hashes[0] = upload->front_sha256;
  hashes[1] = upload->back_sha256;
  bytes[0] = upload->front;
  bytes[1] = upload->back;

  event = dossier_journal_event_new (upload->client_id, upload->request_id, kind, 0);
  event->trace_id = g_strdup (trace_id);

  json_builder_begin_object (builder);
  if (upload->id > 0)
    {
      json_builder_set_member_name (builder, "upload_id");
      json_builder_add_int_value (builder, upload->id);
    }
  json_builder_set_member_name (builder, "group_id");
  json_builder_add_string_value (builder, upload->group_id);
  json_builder_set_member_name (builder, "document_type");
  json_builder_add_string_value (builder, upload->document_type);
  if (document_id != NULL)
    {
      json_builder_set_member_name (builder, "document_id");
      json_builder_add_string_value (builder, document_id);
    }
  if (reason != NULL)
    {
      json_builder_set_member_name (builder, "reason");
      json_builder_add_string_value (builder, reason);
    }

  json_builder_set_member_name (builder, "sides");
  json_builder_begin_object (builder);
  for (guint i = 0; i < G_N_ELEMENTS (side_names); i++)
    {
      g_autofree char *computed = NULL;
      const char *hash = hashes[i];

      if (hash == NULL && bytes[i] != NULL)
        hash = computed = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes[i]);
      if (hash == NULL)
        continue;

      json_builder_set_member_name (builder, side_names[i]);
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "sha256");
      json_builder_add_string_value (builder, hash);
      json_builder_end_object (builder);
    }
  json_builder_end_object (builder);
  json_builder_end_object (builder);

  event->details = json_builder_get_root (builder);
  return event;
}

/**
 * dossier_journal_requests_copy:
 * @requests: a cache entry
 *
 * Returns: (transfer full): the copy
 */
DossierJournalRequests *
dossier_journal_requests_copy (const DossierJournalRequests *requests)
{
  DossierJournalRequests *copy;

  g_return_val_if_fail (requests != NULL, NULL);

  copy = g_new0 (DossierJournalRequests, 1);
  copy->client_id = g_strdup (requests->client_id);
  copy->requests = node_copy (requests->requests);
  copy->fetched_at = requests->fetched_at;

  return copy;
}

/**
 * dossier_journal_requests_free:
 * @requests: (nullable): a cache entry
 */
void
dossier_journal_requests_free (DossierJournalRequests *requests)
{
  if (requests == NULL)
    return;

  g_free (requests->client_id);
  g_clear_pointer (&requests->requests, json_node_unref);
  g_free (requests);
}

/**
 * dossier_journal_note_copy:
 * @note: a note
 *
 * Returns: (transfer full): the copy
 */
DossierJournalNote *
dossier_journal_note_copy (const DossierJournalNote *note)
{
  DossierJournalNote *copy;

  g_return_val_if_fail (note != NULL, NULL);

  copy = g_memdup2 (note, sizeof *note);
  copy->client_id = g_strdup (note->client_id);
  copy->text = g_strdup (note->text);

  return copy;
}

/**
 * dossier_journal_note_free:
 * @note: (nullable): a note
 */
void
dossier_journal_note_free (DossierJournalNote *note)
{
  if (note == NULL)
    return;

  g_free (note->client_id);
  g_free (note->text);
  g_free (note);
}

/**
 * dossier_journal_upload_new:
 * @client_id: the client
 * @request_id: the product request the document answers
 * @group_id: the requirement group it fills
 * @document_type: the document type chosen in the group
 * @front: the prepared bytes of the front side, as they will be sent
 * @back: (nullable): the prepared bytes of the back side
 *
 * Returns: (transfer full): a pending upload with empty metadata
 */
DossierJournalUpload *
dossier_journal_upload_new (const char *client_id,
                            const char *request_id,
                            const char *group_id,
                            const char *document_type,
                            GBytes     *front,
                            GBytes     *back)
{
  DossierJournalUpload *upload;

  g_return_val_if_fail (client_id != NULL, NULL);
  g_return_val_if_fail (request_id != NULL, NULL);
  g_return_val_if_fail (group_id != NULL, NULL);
  g_return_val_if_fail (document_type != NULL, NULL);
  g_return_val_if_fail (front != NULL, NULL);

  upload = g_new0 (DossierJournalUpload, 1);
  upload->client_id = g_strdup (client_id);
  upload->request_id = g_strdup (request_id);
  upload->group_id = g_strdup (group_id);
  upload->document_type = g_strdup (document_type);
  upload->state = DOSSIER_JOURNAL_UPLOAD_STATE_PENDING;
  upload->front = g_bytes_ref (front);
  upload->back = back != NULL ? g_bytes_ref (back) : NULL;

  return upload;
}

/**
 * dossier_journal_upload_copy:
 * @upload: an upload
 *
 * Returns: (transfer full): the copy; the byte buffers are shared (they are immutable)
 */
DossierJournalUpload *
dossier_journal_upload_copy (const DossierJournalUpload *upload)
{
  DossierJournalUpload *copy;

  g_return_val_if_fail (upload != NULL, NULL);

  copy = g_memdup2 (upload, sizeof *upload);
  copy->client_id = g_strdup (upload->client_id);
  copy->request_id = g_strdup (upload->request_id);
  copy->group_id = g_strdup (upload->group_id);
  copy->document_type = g_strdup (upload->document_type);
  copy->metadata = node_copy (upload->metadata);
  copy->front = upload->front != NULL ? g_bytes_ref (upload->front) : NULL;
  copy->back = upload->back != NULL ? g_bytes_ref (upload->back) : NULL;
  copy->thumbnail = upload->thumbnail != NULL ? g_bytes_ref (upload->thumbnail) : NULL;
  copy->front_sha256 = g_strdup (upload->front_sha256);
  copy->back_sha256 = g_strdup (upload->back_sha256);
  copy->rejection = node_copy (upload->rejection);

  return copy;
}

/**
 * dossier_journal_upload_free:
 * @upload: (nullable): an upload
 */
void
dossier_journal_upload_free (DossierJournalUpload *upload)
{
  if (upload == NULL)
    return;

  g_free (upload->client_id);
  g_free (upload->request_id);
  g_free (upload->group_id);
  g_free (upload->document_type);
  g_clear_pointer (&upload->metadata, json_node_unref);
  g_clear_pointer (&upload->front, g_bytes_unref);
  g_clear_pointer (&upload->back, g_bytes_unref);
  g_clear_pointer (&upload->thumbnail, g_bytes_unref);
  g_free (upload->front_sha256);
  g_free (upload->back_sha256);
  g_clear_pointer (&upload->rejection, json_node_unref);
  g_free (upload);
}
