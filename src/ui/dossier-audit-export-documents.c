/* dossier-audit-export-documents.c — the rows describing a document as it was sent
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "dossier-audit-export-layout.h"
#include "dossier-audit-export-private.h"

static char *
esc (const char *text)
{
  return g_markup_escape_text (text != NULL && *text != '\0' ? text : "—", -1);
}

static const char *
string_member (JsonObject *object,
               const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return NULL;
  return json_node_get_value_type (node) == G_TYPE_STRING ? json_node_get_string (node) : NULL;
}

/* The metadata sent with an upload: the queue's copy, else the uploaded event's. */
static JsonObject *
upload_metadata (const DossierJournalUpload *upload,
                 const DossierJournalEvent  *sent)
{
  JsonNode *node = upload->metadata;

  if ((node == NULL || !JSON_NODE_HOLDS_OBJECT (node)) &&
      sent != NULL && sent->details != NULL && JSON_NODE_HOLDS_OBJECT (sent->details))
    node = json_object_get_member (json_node_get_object (sent->details), "metadata");
  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

static void
add_row (GPtrArray        *labels,
         GPtrArray        *values,
         GArray           *fonts,
         const char       *label,
         char             *value,
         DossierAuditFont  font)
{
  g_ptr_array_add (labels, g_strdup (label));
  g_ptr_array_add (values, value != NULL ? value : g_strdup ("—"));
  g_array_append_val (fonts, font);
}

/**
 * _dossier_audit_upload_rows:
 * @upload: an upload of the queue
 * @sent: (nullable): its document-uploaded event
 * @labels: (element-type utf8): the rows' labels are appended here
 * @values: (element-type utf8): their values, as Pango markup
 * @fonts: (element-type DossierAuditFont): their fonts
 *
 * The rows of a document as sent: its type and requirement by name (the requirement's
 * id kept for the auditor), the metadata sent with it, the full SHA-256 of each side,
 * the trace and document ids.
 */
void
_dossier_audit_upload_rows (const DossierJournalUpload *upload,
                            const DossierJournalEvent  *sent,
                            GPtrArray                  *labels,
                            GPtrArray                  *values,
                            GArray                     *fonts)
{
  g_autofree char *type = NULL;
  g_autofree char *group = NULL;
  JsonObject *metadata = upload_metadata (upload, sent);
  gint64 sent_at = sent != NULL ? sent->occurred_at : upload->updated_at;
  const char *document_id = NULL;

  type = _dossier_audit_id_label (DOSSIER_KNOWN_ID_DOCUMENT_TYPE, upload->document_type, FALSE);
  group = _dossier_audit_id_label (DOSSIER_KNOWN_ID_DOCUMENT_GROUP, upload->group_id, TRUE);
  if (sent != NULL && sent->details != NULL && JSON_NODE_HOLDS_OBJECT (sent->details))
    document_id = string_member (json_node_get_object (sent->details), "document_id");

  add_row (labels, values, fonts, _("Document type"), esc (type), DOSSIER_AUDIT_FONT_BODY);
  add_row (labels, values, fonts, _("Requirement"), esc (group), DOSSIER_AUDIT_FONT_BODY);
  if (metadata != NULL)
    {
      g_autoptr(GList) members = json_object_get_members (metadata);

      for (GList *l = members; l != NULL; l = l->next)
        {
          g_autofree char *name = dossier_known_ids_label (DOSSIER_KNOWN_ID_METADATA, l->data, NULL);
          /* A choice by its label, a country by its name (and code). */
          g_autofree char *value = _dossier_audit_metadata_value (string_member (metadata, l->data));

          add_row (labels, values, fonts, name, esc (value), DOSSIER_AUDIT_FONT_BODY);
        }
    }
  add_row (labels, values, fonts, _("Request ID"), esc (upload->request_id), DOSSIER_AUDIT_FONT_MONO);
  add_row (labels, values, fonts, _("Sent"), _dossier_audit_format_time (sent_at, FALSE),
           DOSSIER_AUDIT_FONT_BODY);
  add_row (labels, values, fonts, _("State"), g_strdup (_dossier_audit_upload_state (upload->state)),
           DOSSIER_AUDIT_FONT_BODY);
  add_row (labels, values, fonts, _("Front SHA-256"),
           esc (_dossier_audit_upload_sha256 (upload, sent, "front")), DOSSIER_AUDIT_FONT_MONO);
  add_row (labels, values, fonts, _("Back SHA-256"),
           esc (_dossier_audit_upload_sha256 (upload, sent, "back")), DOSSIER_AUDIT_FONT_MONO);
  add_row (labels, values, fonts, _("Trace ID"), esc (sent != NULL ? sent->trace_id : NULL),
           DOSSIER_AUDIT_FONT_MONO);
  add_row (labels, values, fonts, _("Document ID"), esc (document_id), DOSSIER_AUDIT_FONT_MONO);
}
