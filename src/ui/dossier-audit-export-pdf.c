/* dossier-audit-export-pdf.c — the audit export as a PDF an auditor can keep
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs on a worker thread. Sections: the cover (whose dossier, when, by whom, and
 * whether the evidence chain is intact), the client's data, each product request
 * with its status history, the documents as sent (thumbnail, SHA-256 per side,
 * trace id), the timeline, the notes and the evidence chain. The timeline reads
 * oldest first: a dossier is read as a sequence of what happened, and the chain is
 * verified in that order.
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n.h>
#include <cairo-pdf.h>

#include "dossier-audit-export-layout.h"
#include "dossier-audit-export-private.h"
#include "dossier-client-fields.h"
#include "dossier-failure-wording.h"
#include "dossier-ui-closures.h"

/* Hashes and ids: a fixed-width face small enough for a SHA-256 on one line. */
#define MONO "<span font_family=\"DejaVu Sans Mono, monospace\" size=\"7168\">"
#define DIM  "<span size=\"small\" foreground=\"#5e5c64\">"

typedef struct
{
  const DossierAuditSnapshot *snapshot;
  GHashTable                 *thumbnails;   /* upload id → cairo_surface_t */
} Document;

static char *
esc (const char *text)
{
  return g_markup_escape_text (text != NULL && *text != '\0' ? text : "—", -1);
}

/* ---- sections --------------------------------------------------------------- */

static void
write_cover (DossierAuditLayout *layout,
             Document           *doc)
{
  const DossierAuditSnapshot *s = doc->snapshot;
  g_autofree char *name = esc (s->client_name);
  g_autofree char *when = g_date_time_format (s->exported_at, "%Y-%m-%d %H:%M:%S %:z");
  g_autofree char *id = esc (s->client_id);
  g_autofree char *account = esc (s->account_label);
  g_autofree char *subtitle = NULL;
  g_autofree char *verification = _dossier_audit_verification_text (s);
  g_autofree char *escaped = g_markup_escape_text (verification, -1);
  g_autofree char *callout = NULL;
  const char *headline;
  int tone = 0;

  /* Translators: under the client's name on an exported dossier's first page */
  subtitle = g_strdup_printf (_("Client ID %s · exported %s by %s"), id, when, account);
  _dossier_audit_layout_title (layout, _("CLIENT DOSSIER"), name, subtitle);

  headline = _dossier_audit_verification_headline (s, &tone);
  callout = g_strdup_printf ("<b>%s</b>\n%s", headline, escaped);
  _dossier_audit_layout_callout (layout, callout, (DossierAuditTone) tone);
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

static char *
value_text (JsonNode *node)
{
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    return g_strdup (json_node_get_string (node));
  return json_to_string (node, FALSE);
}

static void
field_row (DossierAuditLayout *layout,
           const char         *label,
           const char         *value,
           DossierAuditFont    value_font)
{
  g_autofree char *escaped = esc (value);
  const char *cells[] = { label, escaped };
  const DossierAuditFont fonts[] = { DOSSIER_AUDIT_FONT_LABEL, value_font };

  _dossier_audit_layout_table_row (layout, cells, fonts);
}

/* member is K + suffix and the client also has K + other (a PHONE field's halves);
 * key: (out) (optional): K. */
static gboolean
phone_half (JsonObject  *client,
            const char  *member,
            const char  *suffix,
            const char  *other,
            char       **key)
{
  g_autofree char *base = NULL;
  g_autofree char *sibling = NULL;

  if (!g_str_has_suffix (member, suffix) || strlen (member) == strlen (suffix))
    return FALSE;
  base = g_strndup (member, strlen (member) - strlen (suffix));
  sibling = g_strconcat (base, other, NULL);
  if (!json_object_has_member (client, sibling))
    return FALSE;
  if (key != NULL)
    *key = g_steal_pointer (&base);
  return TRUE;
}

/* The client's table: each member by the form's label (dossier-client-fields), never
 * its JSON key; province and country by name and code. */
static void
write_client (DossierAuditLayout *layout,
              Document           *doc)
{
  static const char * const members[] = {
    "first_name", "second_name", "last_name", "email", "birth_date", "status", "phone",
    "address.street_line1", "address.street_line2", "address.postal_code", "address.city",
    "address.state", "address.country", "created_at", "updated_at",
  };
  static const char * const shown[] = {
    "id", "first_name", "second_name", "last_name", "email", "birth_date", "status",
    "address", "phone_country_code", "phone_number", "created_at", "updated_at", NULL
  };
  static const double widths[] = { 0.3, 0.7 };
  JsonObject *client = json_node_get_object (doc->snapshot->client);
  JsonNode *address_node = json_object_get_member (client, "address");
  JsonObject *address_object = address_node != NULL && JSON_NODE_HOLDS_OBJECT (address_node)
                               ? json_node_get_object (address_node) : NULL;
  g_autofree char *id_label = dossier_client_field_label_for_member ("id");
  g_autoptr(DossierClient) record = NULL;
  JsonObjectIter iter;
  const char *member;
  JsonNode *node;

  _dossier_audit_layout_heading (layout, _("Client Data"), 60);
  _dossier_audit_layout_table_begin (layout, 2, widths, NULL);
  field_row (layout, id_label, string_member (client, "id"), DOSSIER_AUDIT_FONT_MONO);
  for (guint i = 0; i < G_N_ELEMENTS (members); i++)
    {
      const char *path = members[i];
      g_autofree char *label = dossier_client_field_label_for_member (path);
      g_autofree char *value = NULL;

      if (g_str_equal (path, "status") && string_member (client, "status") != NULL)
        value = g_strdup_printf ("%s (%s)", dossier_ui_client_status_label (string_member (client, "status")),
                                 string_member (client, "status"));
      else if (g_str_equal (path, "phone") && json_object_has_member (client, "phone_number"))
        {
          g_autofree char *code = value_text (json_object_get_member (client, "phone_country_code"));
          g_autofree char *number = value_text (json_object_get_member (client, "phone_number"));

          value = g_strdup_printf ("+%s %s", code, number);
        }
      else if (g_str_has_suffix (path, "_at"))
        value = _dossier_audit_format_iso (string_member (client, path), FALSE);
      else if (g_str_has_prefix (path, "address."))
        {
          node = address_object != NULL ? json_object_get_member (address_object, path + 8) : NULL;
          if (node == NULL)
            continue;
          {
            g_autofree char *text = value_text (node);

            value = dossier_client_field_format_member_value (path, text);
          }
        }
      else
        value = g_strdup (string_member (client, path));
      field_row (layout, label, value, DOSSIER_AUDIT_FONT_BODY);
    }

  /* The catalogue's members (and any other the server keeps), as the form names and
   * shows them: a phone pair as one phone, a choice by label, numbers the locale's way. */
  record = dossier_client_new_from_json (doc->snapshot->client, NULL);
  json_object_iter_init_ordered (&iter, client);
  while (json_object_iter_next_ordered (&iter, &member, &node))
    {
      g_autofree char *key = NULL;
      g_autofree char *text = NULL;
      g_autofree char *label = NULL;

      if (g_strv_contains (shown, member) || phone_half (client, member, "_country_code", "_number", NULL))
        continue;
      if (record != NULL && phone_half (client, member, "_number", "_country_code", &key))
        text = _dossier_audit_member_value (record, key, NULL);
      else if (record != NULL)
        text = _dossier_audit_member_value (record, member, node);
      if (text == NULL)
        text = value_text (node);
      label = dossier_client_field_label_for_member (key != NULL ? key : member);
      field_row (layout, label, text, DOSSIER_AUDIT_FONT_BODY);
    }
  _dossier_audit_layout_table_end (layout);
}

static const char *
event_status (const DossierJournalEvent *event)
{
  if (event->details == NULL || !JSON_NODE_HOLDS_OBJECT (event->details))
    return NULL;
  return string_member (json_node_get_object (event->details), "status");
}

static void
write_requests (DossierAuditLayout *layout,
                Document           *doc)
{
  static const char * const status_kinds[] = {
    DOSSIER_JOURNAL_EVENT_PRODUCT_REQUESTED, DOSSIER_JOURNAL_EVENT_SUBMITTED,
    DOSSIER_JOURNAL_EVENT_UNDER_REVIEW, DOSSIER_JOURNAL_EVENT_ENABLED,
    DOSSIER_JOURNAL_EVENT_REJECTED, NULL
  };
  static const double field_widths[] = { 0.3, 0.7 };
  static const double history_widths[] = { 0.27, 0.25, 0.48 };
  const DossierAuditSnapshot *s = doc->snapshot;
  const char *history_headers[] = { _("Time"), _("Status"), _("Event and trace ID") };

  _dossier_audit_layout_heading (layout, _("Product Requests"), 80);
  if (s->requests->len == 0)
    _dossier_audit_layout_paragraph (layout, _("No product requests."), DOSSIER_AUDIT_FONT_BODY, 8);

  for (guint i = 0; i < s->requests->len; i++)
    {
      DossierAuditRequest *request = g_ptr_array_index (s->requests, i);
      g_autofree char *title = esc (request->product_label);
      g_autofree char *status = g_strdup_printf ("%s (%s)", request->status_label, request->status);
      g_autofree char *created = _dossier_audit_format_iso (request->created_at, FALSE);
      g_autofree char *updated = _dossier_audit_format_iso (request->updated_at, FALSE);
      g_autofree char *missing = g_strdup_printf ("%u", request->n_missing);
      guint n_history = 0;

      _dossier_audit_layout_subheading (layout, title, 90);
      _dossier_audit_layout_table_begin (layout, 2, field_widths, NULL);
      field_row (layout, _("Request ID"), request->id, DOSSIER_AUDIT_FONT_MONO);
      field_row (layout, _("Product"), request->product, DOSSIER_AUDIT_FONT_BODY);
      field_row (layout, _("Current status"), status, DOSSIER_AUDIT_FONT_BODY);
      if (request->rejection != NULL)
        field_row (layout, _("Rejection reason"), request->rejection, DOSSIER_AUDIT_FONT_BODY);
      field_row (layout, _("Missing requirement groups"), missing, DOSSIER_AUDIT_FONT_BODY);
      field_row (layout, _("Requested"), created, DOSSIER_AUDIT_FONT_BODY);
      field_row (layout, _("Last updated"), updated, DOSSIER_AUDIT_FONT_BODY);
      _dossier_audit_layout_table_end (layout);

      _dossier_audit_layout_keep (layout, 70);
      _dossier_audit_layout_paragraph (layout, _("Status history"), DOSSIER_AUDIT_FONT_LABEL, 4);
      _dossier_audit_layout_table_begin (layout, 3, history_widths, history_headers);
      for (guint j = 0; j < s->events->len; j++)
        {
          const DossierJournalEvent *event = g_ptr_array_index (s->events, j);
          g_autofree char *when = NULL;
          g_autofree char *what = NULL;
          g_autofree char *source = NULL;
          g_autofree char *trace = NULL;
          g_autofree char *title = NULL;
          const char *cells[3];
          const char *raw;

          if (g_strcmp0 (event->request_id, request->id) != 0
              || !g_strv_contains (status_kinds, event->kind))
            continue;
          raw = event_status (event);
          when = _dossier_audit_format_time (event->occurred_at, TRUE);
          if (raw != NULL)
            what = g_markup_printf_escaped ("%s\n" MONO "%s</span>",
                                            dossier_ui_request_status_label (
                                                dossier_request_status_from_string (raw)),
                                            raw);
          else
            what = esc (NULL);
          trace = esc (event->trace_id);
          if (event->observed)
            /* Translators: an event learned by polling the provider, not done here */
            title = g_strdup_printf (_("%s (observed)"), _dossier_audit_event_title (event->kind));
          else
            title = g_strdup (_dossier_audit_event_title (event->kind));
          source = g_strdup_printf ("%s\n" MONO "%s</span>", title, trace);
          cells[0] = when;
          cells[1] = what;
          cells[2] = source;
          _dossier_audit_layout_table_row (layout, cells, NULL);
          n_history++;
        }
      if (n_history == 0)
        {
          const char *cells[] = {
            "—", request->status, _("No status change recorded in the journal")
          };

          _dossier_audit_layout_table_row (layout, cells, NULL);
        }
      _dossier_audit_layout_table_end (layout);
    }
}

static void
write_upload (DossierAuditLayout         *layout,
              Document                   *doc,
              const DossierJournalUpload *upload)
{
  const DossierJournalEvent *sent = _dossier_audit_find_upload_event (doc->snapshot, upload->id);
  cairo_surface_t *thumbnail = g_hash_table_lookup (doc->thumbnails, &upload->id);
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) values = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) fonts = g_array_new (FALSE, FALSE, sizeof (DossierAuditFont));

  _dossier_audit_upload_rows (upload, sent, labels, values, fonts);
  _dossier_audit_layout_figure (layout, thumbnail,
                                upload->state == DOSSIER_JOURNAL_UPLOAD_STATE_ACCEPTED
                                ? _("No thumbnail kept") : _("Not yet accepted"),
                                (const char * const *) labels->pdata,
                                (const char * const *) values->pdata,
                                (const DossierAuditFont *) (gpointer) fonts->data, labels->len);
}

static void
write_documents (DossierAuditLayout *layout,
                 Document           *doc)
{
  const DossierAuditSnapshot *s = doc->snapshot;

  _dossier_audit_layout_heading (layout, _("Documents as Sent"), 100);
  if (s->uploads->len == 0)
    {
      _dossier_audit_layout_paragraph (layout, _("No documents were sent from this installation."),
                                       DOSSIER_AUDIT_FONT_BODY, 8);
      return;
    }
  _dossier_audit_layout_paragraph (layout,
                                   _("Each side’s SHA-256 is computed over the exact image bytes "
                                     "sent to the provider; the trace ID identifies the upload in "
                                     "the provider’s records."),
                                   DOSSIER_AUDIT_FONT_SMALL, 8);

  for (guint i = 0; i < s->uploads->len; i++)
    write_upload (layout, doc, g_ptr_array_index (s->uploads, i));
}

static void
write_timeline (DossierAuditLayout *layout,
                Document           *doc)
{
  static const double widths[] = { 0.2, 0.2, 0.6 };
  const DossierAuditSnapshot *s = doc->snapshot;
  const char *headers[] = { _("Time"), _("Event"), _("Details") };
  g_autofree char *intro = NULL;
  g_autoptr(GHashTable) retried = dossier_failure_wording_link (s->events, FALSE);

  _dossier_audit_layout_heading (layout, _("Timeline"), 60);
  intro = _dossier_audit_timeline_intro (s->events->len);
  _dossier_audit_layout_paragraph (layout, intro, DOSSIER_AUDIT_FONT_SMALL, 6);

  _dossier_audit_layout_table_begin (layout, 3, widths, headers);
  for (guint i = 0; i < s->events->len; i++)
    {
      const DossierJournalEvent *event = g_ptr_array_index (s->events, i);
      g_autofree char *when = _dossier_audit_format_time (event->occurred_at, TRUE);
      g_autofree char *details = _dossier_audit_event_details (event);
      g_autofree char *escaped = g_markup_escape_text (details, -1);
      g_autofree char *trace = NULL;
      g_autofree char *digest = g_strdup (event->digest != NULL ? event->digest : "—");
      g_autofree char *title = NULL;
      g_autoptr(GString) cell = g_string_new (escaped);
      const char *cells[3];
      const char *newline = *escaped != '\0' ? "\n" : "";
      const DossierJournalEvent *later = g_hash_table_lookup (retried, event);

      if (event->trace_id != NULL)
        trace = g_markup_escape_text (event->trace_id, -1);
      title = g_markup_printf_escaped ("%s\n" DIM "#%" G_GINT64_FORMAT "</span>",
                                       later != NULL ? _("Failure, then retried")
                                                     : _dossier_audit_event_title (event->kind),
                                       event->id);
      if (later != NULL)
        {
          g_autofree char *line = _dossier_audit_retried_text (later);
          g_autofree char *escaped_line = g_markup_escape_text (line, -1);

          g_string_append_printf (cell, "%s%s", newline, escaped_line);
          newline = "\n";
        }

      for (guint k = 0; k < 2; k++)
        {
          const char *side = k == 0 ? "front" : "back";
          const char *sha256 = _dossier_audit_event_sha256 (event, side);

          if (sha256 != NULL)
            {
              g_string_append_printf (cell, "%s<span size=\"small\">%s</span>\n" MONO "%s</span>",
                                      newline, k == 0 ? _("Front SHA-256") : _("Back SHA-256"),
                                      sha256);
              newline = "\n";
            }
        }
      if (trace != NULL)
        /* Translators: in the timeline of an exported dossier */
        {
          g_string_append_printf (cell, "%s<span size=\"small\">%s " MONO "%s</span></span>",
                                  newline, _("Trace ID"), trace);
          newline = "\n";
        }
      g_string_append_printf (cell, "%s" DIM "%s " MONO "%s</span></span>",
                              newline, _("Digest"), digest);
      cells[0] = when;
      cells[1] = title;
      cells[2] = cell->str;
      _dossier_audit_layout_table_row (layout, cells, NULL);
    }
  if (s->events->len == 0)
    {
      const char *cells[] = { "—", "—", _("The journal holds no events for this client.") };

      _dossier_audit_layout_table_row (layout, cells, NULL);
    }
  _dossier_audit_layout_table_end (layout);
}

static void
write_notes (DossierAuditLayout *layout,
             Document           *doc)
{
  const DossierAuditSnapshot *s = doc->snapshot;

  _dossier_audit_layout_heading (layout, _("Notes"), 70);
  if (s->notes->len == 0)
    _dossier_audit_layout_paragraph (layout, _("No notes."), DOSSIER_AUDIT_FONT_BODY, 8);

  for (guint i = 0; i < s->notes->len; i++)
    {
      const DossierJournalNote *note = g_ptr_array_index (s->notes, i);
      g_autofree char *when = _dossier_audit_format_time (note->created_at, FALSE);
      g_autofree char *text = g_markup_escape_text (note->text, -1);
      g_autofree char *head = NULL;

      if (note->updated_at > note->created_at)
        {
          g_autofree char *edited = _dossier_audit_format_time (note->updated_at, FALSE);

          /* Translators: when a note was written, and when it was last edited */
          head = g_strdup_printf (_("<b>%s</b> · edited %s"), when, edited);
        }
      else
        head = g_strdup_printf ("<b>%s</b>", when);
      _dossier_audit_layout_subheading (layout, head, 30);
      _dossier_audit_layout_paragraph (layout, text, DOSSIER_AUDIT_FONT_BODY, 10);
    }
}

static void
write_evidence (DossierAuditLayout *layout,
                Document           *doc)
{
  g_autofree char *text = _dossier_audit_verification_text (doc->snapshot);
  g_autofree char *escaped = g_markup_escape_text (text, -1);

  _dossier_audit_layout_heading (layout, _("Evidence Chain"), 60);
  _dossier_audit_layout_paragraph (layout, escaped, DOSSIER_AUDIT_FONT_BODY, 6);
  _dossier_audit_layout_paragraph (layout,
                                   _("Every event in the journal carries a SHA-256 digest of its "
                                     "content and a link computed over that digest and the "
                                     "previous event’s link. Editing, deleting or reordering "
                                     "events breaks the links after that point. Forgetting a "
                                     "client’s local data replaces its events by tombstones that "
                                     "keep their digests, so the chain stays verifiable. The "
                                     "verification covers the whole journal of this "
                                     "installation, not only this client."),
                                   DOSSIER_AUDIT_FONT_SMALL, 12);
  _dossier_audit_layout_paragraph (layout, _("End of dossier."), DOSSIER_AUDIT_FONT_SMALL, 0);
}

static guint
lay_out (cairo_t  *cr,
         Document *doc)
{
  const DossierAuditSnapshot *s = doc->snapshot;
  g_autofree char *when = g_date_time_format (s->exported_at, "%Y-%m-%d %H:%M:%S %:z");
  /* Translators: the footer of each page: when the dossier was exported, and by which account */
  g_autofree char *footer = g_strdup_printf (_("Exported %s · Account: %s · Dossier %s"),
                                             when, s->account_label, PACKAGE_VERSION);
  DossierAuditLayout *layout = _dossier_audit_layout_new (cr, s->paper_width, s->paper_height,
                                                          s->client_name, footer);
  guint pages;

  write_cover (layout, doc);
  write_client (layout, doc);
  write_requests (layout, doc);
  write_documents (layout, doc);
  write_timeline (layout, doc);
  write_notes (layout, doc);
  write_evidence (layout, doc);

  pages = _dossier_audit_layout_finish (layout);
  _dossier_audit_layout_free (layout);
  return pages;
}

typedef struct
{
  GOutputStream *stream;
  GCancellable  *cancellable;
  GError        *error;
} Sink;

static cairo_status_t
write_cb (void                *closure,
          const unsigned char *data,
          unsigned int         length)
{
  Sink *sink = closure;

  if (sink->error != NULL)
    return CAIRO_STATUS_WRITE_ERROR;
  if (!g_output_stream_write_all (sink->stream, data, length, NULL, sink->cancellable,
                                  &sink->error))
    return CAIRO_STATUS_WRITE_ERROR;
  return CAIRO_STATUS_SUCCESS;
}

static cairo_surface_t *
new_surface (const DossierAuditSnapshot *s,
             cairo_write_func_t          func,
             gpointer                    closure)
{
  cairo_surface_t *surface = cairo_pdf_surface_create_for_stream (func, closure, s->paper_width,
                                                                  s->paper_height);
  g_autofree char *title = NULL;

  /* Translators: the PDF's title in its metadata */
  title = g_strdup_printf (_("Client Dossier — %s"), s->client_name);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, title);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Dossier " PACKAGE_VERSION);
  return surface;
}

/* Writes the PDF to stream (worker thread); returns the page count, 0 on error. */
guint
_dossier_audit_write_pdf (const DossierAuditSnapshot *snapshot,
                          GOutputStream              *stream,
                          GCancellable               *cancellable,
                          GError                    **error)
{
  Document doc = { snapshot, NULL };
  Sink sink = { stream, cancellable, NULL };
  cairo_surface_t *surface;
  cairo_t *cr;
  cairo_status_t status;
  guint pages;

  doc.thumbnails = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL,
                                          (GDestroyNotify) cairo_surface_destroy);
  for (guint i = 0; i < snapshot->uploads->len; i++)
    {
      DossierJournalUpload *upload = g_ptr_array_index (snapshot->uploads, i);
      cairo_surface_t *surface_i = NULL;

      if (upload->thumbnail != NULL)
        surface_i = _dossier_audit_surface_from_bytes (upload->thumbnail);

      if (surface_i != NULL)
        g_hash_table_insert (doc.thumbnails, &upload->id, surface_i);
    }

  surface = new_surface (snapshot, write_cb, &sink);
  cr = cairo_create (surface);
  pages = lay_out (cr, &doc);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  g_hash_table_unref (doc.thumbnails);

  if (sink.error != NULL)
    {
      g_propagate_error (error, sink.error);
      return 0;
    }
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   /* Translators: the placeholder is a technical reason */
                   _("The PDF could not be written: %s."), cairo_status_to_string (status));
      return 0;
    }
  return pages;
}
