/* dossier-audit-export-json.c — the audit export as JSON, for other tools
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The same content as the PDF, in machine terms: ids and wire values rather than
 * labels, times in UTC (ISO 8601), hashes and digests in hex, thumbnails as data URIs.
 * The shape is documented by DOSSIER_AUDIT_EXPORT_JSON_FORMAT/_VERSION.
 */
#include "config.h"

#include "dossier-audit-export-private.h"
#include "dossier-data-uri.h"

static void
set_time (JsonBuilder *builder,
          const char  *name,
          gint64       usec)
{
  g_autofree char *text = _dossier_audit_format_utc (usec);

  json_builder_set_member_name (builder, name);
  if (text != NULL)
    json_builder_add_string_value (builder, text);
  else
    json_builder_add_null_value (builder);
}

static void
set_string (JsonBuilder *builder,
            const char  *name,
            const char  *value)
{
  json_builder_set_member_name (builder, name);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

static const char *
status_of_event (const DossierJournalEvent *event)
{
  JsonObject *details;

  if (event->details == NULL || !JSON_NODE_HOLDS_OBJECT (event->details))
    return NULL;
  details = json_node_get_object (event->details);
  return json_object_has_member (details, "status")
         ? json_object_get_string_member_with_default (details, "status", NULL) : NULL;
}

static gboolean
is_status_event (const DossierJournalEvent *event)
{
  static const char * const kinds[] = {
    DOSSIER_JOURNAL_EVENT_PRODUCT_REQUESTED, DOSSIER_JOURNAL_EVENT_SUBMITTED,
    DOSSIER_JOURNAL_EVENT_UNDER_REVIEW, DOSSIER_JOURNAL_EVENT_ENABLED,
    DOSSIER_JOURNAL_EVENT_REJECTED,
  };

  return g_strv_contains ((const char * const *) kinds, event->kind);
}

static void
add_requests (JsonBuilder                *builder,
              const DossierAuditSnapshot *snapshot)
{
  json_builder_set_member_name (builder, "product_requests");
  json_builder_begin_array (builder);
  for (guint i = 0; i < snapshot->requests->len; i++)
    {
      DossierAuditRequest *request = g_ptr_array_index (snapshot->requests, i);

      json_builder_begin_object (builder);
      set_string (builder, "id", request->id);
      set_string (builder, "product", request->product);
      set_string (builder, "status", request->status);
      set_string (builder, "rejection_description", request->rejection);
      set_string (builder, "created_at", request->created_at);
      set_string (builder, "updated_at", request->updated_at);
      json_builder_set_member_name (builder, "missing_requirement_groups");
      json_builder_add_int_value (builder, request->n_missing);

      /* Each status change the journal saw for this request, oldest first. */
      json_builder_set_member_name (builder, "status_history");
      json_builder_begin_array (builder);
      for (guint j = 0; j < snapshot->events->len; j++)
        {
          const DossierJournalEvent *event = g_ptr_array_index (snapshot->events, j);

          if (g_strcmp0 (event->request_id, request->id) != 0 || !is_status_event (event))
            continue;
          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "event_id");
          json_builder_add_int_value (builder, event->id);
          set_string (builder, "kind", event->kind);
          set_string (builder, "status", status_of_event (event));
          set_time (builder, "occurred_at", event->occurred_at);
          json_builder_set_member_name (builder, "observed");
          json_builder_add_boolean_value (builder, event->observed);
          set_string (builder, "trace_id", event->trace_id);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

static void
add_side (JsonBuilder *builder,
          const char  *name,
          const char  *sha256)
{
  if (sha256 == NULL)
    return;
  json_builder_set_member_name (builder, name);
  json_builder_begin_object (builder);
  set_string (builder, "sha256", sha256);
  json_builder_end_object (builder);
}

static const char *
thumbnail_type (GBytes *bytes)
{
  gsize size = 0;
  const guint8 *data = g_bytes_get_data (bytes, &size);

  if (size > 3 && data[0] == 0xff && data[1] == 0xd8)
    return "image/jpeg";
  return "image/png";
}

static void
add_documents (JsonBuilder                *builder,
               const DossierAuditSnapshot *snapshot)
{
  json_builder_set_member_name (builder, "documents");
  json_builder_begin_array (builder);
  for (guint i = 0; i < snapshot->uploads->len; i++)
    {
      const DossierJournalUpload *upload = g_ptr_array_index (snapshot->uploads, i);
      const DossierJournalEvent *sent = _dossier_audit_find_upload_event (snapshot, upload->id);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "upload_id");
      json_builder_add_int_value (builder, upload->id);
      set_string (builder, "request_id", upload->request_id);
      set_string (builder, "group_id", upload->group_id);
      set_string (builder, "document_type", upload->document_type);
      set_string (builder, "state", dossier_journal_upload_state_to_string (upload->state));
      set_time (builder, "queued_at", upload->created_at);
      set_time (builder, "updated_at", upload->updated_at);
      json_builder_set_member_name (builder, "sides");
      json_builder_begin_object (builder);
      add_side (builder, "front", _dossier_audit_upload_sha256 (upload, sent, "front"));
      add_side (builder, "back", _dossier_audit_upload_sha256 (upload, sent, "back"));
      json_builder_end_object (builder);
      set_string (builder, "trace_id", sent != NULL ? sent->trace_id : NULL);
      if (sent != NULL && sent->details != NULL && JSON_NODE_HOLDS_OBJECT (sent->details))
        {
          JsonObject *details = json_node_get_object (sent->details);

          set_string (builder, "document_id",
                      json_object_get_string_member_with_default (details, "document_id", NULL));
        }
      if (upload->rejection != NULL)
        {
          json_builder_set_member_name (builder, "rejection");
          json_builder_add_value (builder, json_node_copy (upload->rejection));
        }
      if (upload->thumbnail != NULL)
        {
          gsize size = 0;
          const guint8 *bytes = g_bytes_get_data (upload->thumbnail, &size);
          g_autofree char *uri = dossier_data_uri_encode (thumbnail_type (upload->thumbnail),
                                                          bytes, size);
          set_string (builder, "thumbnail", uri);
        }
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

static void
add_timeline (JsonBuilder                *builder,
              const DossierAuditSnapshot *snapshot)
{
  json_builder_set_member_name (builder, "timeline");
  json_builder_begin_array (builder);
  for (guint i = 0; i < snapshot->events->len; i++)
    {
      const DossierJournalEvent *event = g_ptr_array_index (snapshot->events, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_int_value (builder, event->id);
      set_string (builder, "kind", event->kind);
      set_string (builder, "request_id", event->request_id);
      set_time (builder, "occurred_at", event->occurred_at);
      json_builder_set_member_name (builder, "observed");
      json_builder_add_boolean_value (builder, event->observed);
      set_string (builder, "action", event->action);
      set_string (builder, "trace_id", event->trace_id);
      json_builder_set_member_name (builder, "details");
      if (event->details != NULL)
        {
          JsonNode *details = json_node_copy (event->details);

          /* Personal values of an update stay out, as in the PDF: the client's
           * current data is exported, and the field names say what changed. */
          if (JSON_NODE_HOLDS_OBJECT (details))
            json_object_remove_member (json_node_get_object (details), "personal");
          json_builder_add_value (builder, details);
        }
      else
        json_builder_add_null_value (builder);
      set_string (builder, "digest", event->digest);
      json_builder_set_member_name (builder, "forgotten");
      json_builder_add_boolean_value (builder, event->forgotten);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

static void
add_notes (JsonBuilder                *builder,
           const DossierAuditSnapshot *snapshot)
{
  json_builder_set_member_name (builder, "notes");
  json_builder_begin_array (builder);
  for (guint i = 0; i < snapshot->notes->len; i++)
    {
      const DossierJournalNote *note = g_ptr_array_index (snapshot->notes, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_int_value (builder, note->id);
      set_string (builder, "text", note->text);
      set_time (builder, "created_at", note->created_at);
      set_time (builder, "updated_at", note->updated_at);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

static void
add_verification (JsonBuilder                *builder,
                  const DossierAuditSnapshot *snapshot)
{
  const DossierJournalVerification *v = snapshot->verification;
  g_autoptr(GEnumClass) problems = g_type_class_ref (DOSSIER_TYPE_JOURNAL_PROBLEM);

  json_builder_set_member_name (builder, "verification");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "ok");
  json_builder_add_boolean_value (builder, v != NULL && v->ok);
  if (v != NULL)
    {
      GEnumValue *problem = g_enum_get_value (problems, v->problem);

      set_string (builder, "problem", problem != NULL ? problem->value_nick : NULL);
      json_builder_set_member_name (builder, "event_id");
      json_builder_add_int_value (builder, v->event_id);
      json_builder_set_member_name (builder, "keyed");
      json_builder_add_boolean_value (builder, v->keyed);
      json_builder_set_member_name (builder, "head_checked");
      json_builder_add_boolean_value (builder, v->head_checked);
      json_builder_set_member_name (builder, "events_checked");
      json_builder_add_int_value (builder, v->n_checked);
      json_builder_set_member_name (builder, "tombstones");
      json_builder_add_int_value (builder, v->n_forgotten);
      set_string (builder, "message", v->message);
    }
  else
    set_string (builder, "error", snapshot->verify_error);
  json_builder_end_object (builder);
}

JsonNode *
_dossier_audit_build_json (const DossierAuditSnapshot *snapshot)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(GDateTime) utc = g_date_time_to_utc (snapshot->exported_at);
  g_autofree char *exported = g_date_time_format (utc, "%Y-%m-%dT%H:%M:%SZ");

  json_builder_begin_object (builder);
  set_string (builder, "format", DOSSIER_AUDIT_EXPORT_JSON_FORMAT);
  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder, DOSSIER_AUDIT_EXPORT_JSON_VERSION);
  set_string (builder, "exported_at", exported);
  set_string (builder, "account", snapshot->account_label);
  json_builder_set_member_name (builder, "client");
  json_builder_add_value (builder, json_node_copy (snapshot->client));
  add_requests (builder, snapshot);
  add_documents (builder, snapshot);
  add_timeline (builder, snapshot);
  add_notes (builder, snapshot);
  add_verification (builder, snapshot);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}
