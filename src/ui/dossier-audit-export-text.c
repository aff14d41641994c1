/* dossier-audit-export-text.c — the words of an audit export: times, event kinds, details
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Called on the worker thread: only GLib, gettext and the snapshot's plain copies.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "dossier-audit-export-private.h"
#include "dossier-client-fields.h"
#include "dossier-countries.h"
#include "dossier-failure-wording.h"
#include "dossier-known-ids.h"
#include "dossier-ui-closures.h"

void
_dossier_audit_request_free (DossierAuditRequest *request)
{
  if (request == NULL)
    return;
  g_free (request->id);
  g_free (request->product);
  g_free (request->product_label);
  g_free (request->status);
  g_free (request->status_label);
  g_free (request->rejection);
  g_free (request->created_at);
  g_free (request->updated_at);
  g_free (request);
}

void
_dossier_audit_snapshot_free (DossierAuditSnapshot *snapshot)
{
  if (snapshot == NULL)
    return;
  g_free (snapshot->client_id);
  g_free (snapshot->client_name);
  g_clear_pointer (&snapshot->client, json_node_unref);
  g_clear_pointer (&snapshot->requests, g_ptr_array_unref);
  g_clear_pointer (&snapshot->events, g_ptr_array_unref);
  g_clear_pointer (&snapshot->notes, g_ptr_array_unref);
  g_clear_pointer (&snapshot->uploads, g_ptr_array_unref);
  g_clear_pointer (&snapshot->verification, dossier_journal_verification_free);
  g_free (snapshot->verify_error);
  g_free (snapshot->account_label);
  g_clear_pointer (&snapshot->exported_at, g_date_time_unref);
  g_free (snapshot->paper_name);
  g_free (snapshot);
}

/* Local time with its UTC offset: unambiguous across a change of summer time. */
char *
_dossier_audit_format_time (gint64   usec,
                            gboolean two_lines)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (usec / G_USEC_PER_SEC);
  g_autoptr(GDateTime) local = NULL;

  if (utc == NULL)
    return g_strdup ("—");
  local = g_date_time_to_local (utc);
  return g_date_time_format (local, two_lines ? "%Y-%m-%d\n%H:%M:%S %:z" : "%Y-%m-%d %H:%M:%S %:z");
}

/* ISO 8601 in UTC with microseconds dropped, for the JSON export. */
char *
_dossier_audit_format_utc (gint64 usec)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (usec / G_USEC_PER_SEC);

  return utc != NULL ? g_date_time_format (utc, "%Y-%m-%dT%H:%M:%SZ") : NULL;
}

/* A server timestamp shown like ours; the raw text when it does not parse. */
char *
_dossier_audit_format_iso (const char *iso,
                           gboolean    two_lines)
{
  g_autoptr(GDateTime) parsed = NULL;
  g_autoptr(GDateTime) local = NULL;
  GTimeZone *utc;

  if (iso == NULL || *iso == '\0')
    return g_strdup ("—");
  /* A server time without a zone is UTC (CONTRACT.md §15.2). */
  utc = g_time_zone_new_utc ();
  parsed = g_date_time_new_from_iso8601 (iso, utc);
  g_time_zone_unref (utc);
  if (parsed == NULL)
    return g_strdup (iso);
  local = g_date_time_to_local (parsed);
  return g_date_time_format (local, two_lines ? "%Y-%m-%d\n%H:%M:%S %:z" : "%Y-%m-%d %H:%M:%S %:z");
}

const char *
_dossier_audit_event_title (const char *kind)
{
  static const struct {
    const char *kind;
    const char *title;
  } titles[] = {
    { DOSSIER_JOURNAL_EVENT_CLIENT_CREATED, N_("Client created") },
    { DOSSIER_JOURNAL_EVENT_CLIENT_UPDATED, N_("Client updated") },
    { DOSSIER_JOURNAL_EVENT_PRODUCT_REQUESTED, N_("Product requested") },
    { DOSSIER_JOURNAL_EVENT_REQUIREMENT_APPEARED, N_("Requirement appeared") },
    { DOSSIER_JOURNAL_EVENT_REQUIREMENT_SATISFIED, N_("Requirement satisfied") },
    { DOSSIER_JOURNAL_EVENT_DOCUMENT_UPLOADED, N_("Document uploaded") },
    { DOSSIER_JOURNAL_EVENT_DOCUMENT_ACCEPTED, N_("Document accepted") },
    { DOSSIER_JOURNAL_EVENT_DOCUMENT_REJECTED, N_("Document rejected") },
    { DOSSIER_JOURNAL_EVENT_SUBMITTED, N_("Submitted for review") },
    { DOSSIER_JOURNAL_EVENT_UNDER_REVIEW, N_("In review") },
    { DOSSIER_JOURNAL_EVENT_ENABLED, N_("Product enabled") },
    { DOSSIER_JOURNAL_EVENT_REJECTED, N_("Request rejected") },
    { DOSSIER_JOURNAL_EVENT_FAILURE, N_("Failure") },
    { DOSSIER_JOURNAL_EVENT_NOTE_ADDED, N_("Note added") },
    { DOSSIER_JOURNAL_EVENT_NOTE_EDITED, N_("Note edited") },
    { DOSSIER_JOURNAL_EVENT_NOTE_DELETED, N_("Note deleted") },
    { DOSSIER_JOURNAL_EVENT_CLIENT_FORGOTTEN, N_("Local data forgotten") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (titles); i++)
    if (g_strcmp0 (kind, titles[i].kind) == 0)
      return _(titles[i].title);
  return kind;
}

static const char *
member_string (JsonObject *object,
               const char *name)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, name) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return NULL;
  if (json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static void
append_part (GString    *text,
             const char *label,
             const char *value)
{
  if (value == NULL || *value == '\0')
    return;
  if (text->len > 0)
    g_string_append (text, " · ");
  if (label != NULL)
    /* Translators: a label and its value in an exported dossier, e.g. "Status: enabled" */
    g_string_append_printf (text, _("%s: %s"), label, value);
  else
    g_string_append (text, value);
}

/* The members named by their labels ("Email, Phone"), never their JSON keys; the
 * server's updated_at, which moves with every change, only when it is alone. A
 * document group's fields are document types, named as such. */
static char *
join_labels (JsonObject *object,
             const char *name,
             gboolean    document_types)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, name) : NULL;
  g_autoptr(GString) text = g_string_new (NULL);
  JsonArray *array;
  guint n;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return NULL;
  array = json_node_get_array (node);
  n = json_array_get_length (array);
  for (guint i = 0; i < n; i++)
    {
      const char *item = json_array_get_string_element (array, i);
      g_autofree char *label = NULL;

      if (item == NULL || (n > 1 && g_str_equal (item, "updated_at")))
        continue;
      label = document_types ? dossier_known_ids_label (DOSSIER_KNOWN_ID_DOCUMENT_TYPE, item, NULL)
                             : dossier_client_field_label_for_member (item);
      if (text->len > 0)
        g_string_append (text, ", ");
      g_string_append (text, label);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* A request's status in words, the server's word kept for an auditor: "In Review (in_kyc)". */
static char *
status_text (const char *status)
{
  DossierRequestStatus parsed;

  if (status == NULL || *status == '\0')
    return NULL;
  parsed = dossier_request_status_from_string (status);
  if (parsed == DOSSIER_REQUEST_STATUS_UNKNOWN)
    return g_strdup (status);
  return g_strdup_printf (_("%s (%s)"), dossier_ui_request_status_label (parsed), status);
}

/**
 * _dossier_audit_address_text:
 * @client: (nullable): the client's members
 *
 * Any thread.
 *
 * Returns: (transfer full) (nullable): the address on one line, province and country
 *   by name ("Florida 9860, 1669, Del Viso, Buenos Aires, Argentina"), or %NULL
 */
char *
_dossier_audit_address_text (JsonObject *client)
{
  static const char * const members[DOSSIER_COUNTRIES_N_ADDRESS_PARTS] = {
    "street_line1", "street_line2", "postal_code", "city", "state", "country"
  };
  JsonNode *node = client != NULL ? json_object_get_member (client, "address") : NULL;
  JsonObject *address;
  const char *parts[DOSSIER_COUNTRIES_N_ADDRESS_PARTS];
  char *text;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return NULL;
  address = json_node_get_object (node);
  for (guint i = 0; i < G_N_ELEMENTS (members); i++)
    parts[i] = member_string (address, members[i]);
  /* The older spelling the API also accepts (§6.2). */
  if (parts[0] == NULL)
    parts[0] = member_string (address, "street_line_1");
  if (parts[1] == NULL)
    parts[1] = member_string (address, "street_line_2");
  text = dossier_countries_format_address (dossier_countries_get_default (), parts);
  if (*text == '\0')
    g_clear_pointer (&text, g_free);
  return text;
}

const char *
_dossier_audit_event_sha256 (const DossierJournalEvent *event,
                             const char                *side)
{
  JsonObject *details;
  JsonNode *sides;
  JsonNode *node;

  if (event->forgotten || event->details == NULL || !JSON_NODE_HOLDS_OBJECT (event->details))
    return NULL;
  details = json_node_get_object (event->details);
  sides = json_object_get_member (details, "sides");
  if (sides == NULL || !JSON_NODE_HOLDS_OBJECT (sides))
    return NULL;
  node = json_object_get_member (json_node_get_object (sides), side);
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return NULL;
  return member_string (json_node_get_object (node), "sha256");
}

/**
 * _dossier_audit_id_label:
 * @kind: what the id names
 * @id: (nullable): the raw id
 * @with_raw: keep the raw id in parentheses, for an auditor matching records
 *
 * Returns: (transfer full) (nullable): the id's label, or %NULL without an id
 */
char *
_dossier_audit_id_label (DossierKnownIdKind  kind,
                         const char         *id,
                         gboolean            with_raw)
{
  g_autofree char *label = NULL;

  if (id == NULL || *id == '\0')
    return NULL;
  label = dossier_known_ids_label (kind, id, NULL);
  if (!with_raw || g_str_equal (label, id))
    return g_steal_pointer (&label);
  /* Translators: a known id's name and, in parentheses, the id itself */
  return g_strdup_printf (_("%s (%s)"), label, id);
}

static char *
group_label (JsonObject *details)
{
  const char *group_kind = details != NULL
    ? json_object_get_string_member_with_default (details, "kind", NULL) : NULL;

  return _dossier_audit_id_label (g_strcmp0 (group_kind, "data") == 0
                                  ? DOSSIER_KNOWN_ID_DATA_GROUP : DOSSIER_KNOWN_ID_DOCUMENT_GROUP,
                                  member_string (details, "group_id"), TRUE);
}

/* One line of plain text (not markup) saying what the event's details hold. Personal
 * values of a client update are left out: the field names say what changed. */
char *
_dossier_audit_event_details (const DossierJournalEvent *event)
{
  g_autoptr(GString) text = g_string_new (NULL);
  JsonObject *details = NULL;
  g_autofree char *fields = NULL;

  if (event->forgotten)
    return g_strdup (_("Content removed when the client’s local data was forgotten; "
                       "its digest is kept."));

  if (event->details != NULL && JSON_NODE_HOLDS_OBJECT (event->details))
    details = json_node_get_object (event->details);

  if (g_str_equal (event->kind, DOSSIER_JOURNAL_EVENT_CLIENT_UPDATED))
    {
      fields = join_labels (details, "fields", FALSE);
      append_part (text, _("Changed"), fields);
    }
  else if (g_str_equal (event->kind, DOSSIER_JOURNAL_EVENT_REQUIREMENT_APPEARED)
           || g_str_equal (event->kind, DOSSIER_JOURNAL_EVENT_REQUIREMENT_SATISFIED))
    {
      g_autofree char *group = group_label (details);

      fields = join_labels (details, "fields",
                            g_strcmp0 (member_string (details, "kind"), "document") == 0);
      append_part (text, _("Group"), group);
      append_part (text, _("Fields"), fields);
    }
  else if (g_str_equal (event->kind, DOSSIER_JOURNAL_EVENT_DOCUMENT_UPLOADED))
    {
      g_autofree char *type = _dossier_audit_id_label (DOSSIER_KNOWN_ID_DOCUMENT_TYPE,
                                                       member_string (details, "document_type"),
                                                       FALSE);
      g_autofree char *group = _dossier_audit_id_label (DOSSIER_KNOWN_ID_DOCUMENT_GROUP,
                                                        member_string (details, "group_id"), TRUE);

      append_part (text, NULL, type);
      append_part (text, _("Requirement"), group);
    }
  else if (g_str_equal (event->kind, DOSSIER_JOURNAL_EVENT_DOCUMENT_ACCEPTED)
           || g_str_equal (event->kind, DOSSIER_JOURNAL_EVENT_DOCUMENT_REJECTED))
    {
      g_autofree char *type = _dossier_audit_id_label (DOSSIER_KNOWN_ID_DOCUMENT_TYPE,
                                                       member_string (details, "document_type"),
                                                       FALSE);

      append_part (text, NULL, type);
      append_part (text, _("Document ID"), member_string (details, "document_id"));
      append_part (text, _("Reason"), member_string (details, "reason"));
    }
  else if (g_str_equal (event->kind, DOSSIER_JOURNAL_EVENT_NOTE_ADDED)
           || g_str_equal (event->kind, DOSSIER_JOURNAL_EVENT_NOTE_EDITED)
           || g_str_equal (event->kind, DOSSIER_JOURNAL_EVENT_NOTE_DELETED))
    {
      g_autofree char *note = NULL;

      if (details != NULL && json_object_has_member (details, "note_id"))
        note = g_strdup_printf ("#%" G_GINT64_FORMAT,
                                json_object_get_int_member_with_default (details, "note_id", 0));
      append_part (text, _("Note"), note);
      append_part (text, _("Text SHA-256"), member_string (details, "text_sha256"));
    }
  else if (g_str_equal (event->kind, DOSSIER_JOURNAL_EVENT_FAILURE))
    {
      /* Worded now, in the export's language, from what the failure kept. */
      g_autofree char *action = dossier_failure_wording_title (event->action, FALSE);
      g_autofree char *reason = dossier_failure_wording_reason (event->details);

      append_part (text, NULL, action);
      append_part (text, NULL, reason);
      append_part (text, _("Code"), member_string (details, "code"));
    }
  else if (g_str_equal (event->kind, DOSSIER_JOURNAL_EVENT_CLIENT_FORGOTTEN))
    {
      gint64 n = 0;

      if (details != NULL)
        n = json_object_get_int_member_with_default (details, "tombstones", 0);

      g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE,
                                                 "%u event replaced by a tombstone",
                                                 "%u events replaced by tombstones", (gulong) n),
                              (guint) n);
    }
  else
    {
      const char *product_id = member_string (details, "product");
      g_autofree char *product = NULL;
      g_autofree char *status = status_text (member_string (details, "status"));

      if (product_id != NULL && *product_id != '\0')
        {
          g_autofree char *label = dossier_known_ids_product_label (product_id);

          product = g_str_equal (label, product_id) ? g_strdup (product_id)
                                                      : g_strdup_printf (_("%s (%s)"), label, product_id);
        }
      append_part (text, _("Product"), product);
      append_part (text, _("Status"), status);
      append_part (text, _("Reason"), member_string (details, "rejection_description"));
    }

  if (event->observed)
    append_part (text, NULL, _("observed when checking the provider"));

  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* Oldest first as people read times: by the second shown, then in the order the journal
 * recorded them, so the event numbers of one second never read out of order. */
static int
compare_events (gconstpointer a,
                gconstpointer b)
{
  const DossierJournalEvent *x = *(const DossierJournalEvent * const *) a;
  const DossierJournalEvent *y = *(const DossierJournalEvent * const *) b;
  gint64 second_x = x->occurred_at / G_USEC_PER_SEC;
  gint64 second_y = y->occurred_at / G_USEC_PER_SEC;

  if (second_x != second_y)
    return second_x < second_y ? -1 : 1;
  return x->id < y->id ? -1 : x->id > y->id;
}

/* Sorts events (DossierJournalEvent) as the dossier lists them. */
void
_dossier_audit_sort_events (GPtrArray *events)
{
  g_ptr_array_sort (events, compare_events);
}

/* The sentence above the timeline of an exported dossier. */
char *
_dossier_audit_timeline_intro (guint n_events)
{
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "The %u event of this client in this installation’s "
                                       "journal, oldest first; events of the same second in the "
                                       "order they were recorded. Each carries the digest that "
                                       "chains it into the journal.",
                                       "The %u events of this client in this installation’s "
                                       "journal, oldest first; events of the same second in the "
                                       "order they were recorded. Each carries the digest that "
                                       "chains it into the journal.", n_events),
                           n_events);
}

/* A failure's line saying the call went through when tried again, as later shows. */
char *
_dossier_audit_retried_text (const DossierJournalEvent *later)
{
  g_autofree char *at = _dossier_audit_format_time (later->occurred_at, FALSE);
  g_autofree char *number = g_strdup_printf ("#%" G_GINT64_FORMAT, later->id);

  /* Translators: a failed call sent again; the first %s is the event number of the call
   * that went through (e.g. "#13"), the second its time */
  return g_strdup_printf (_("Went through when tried again: event %s at %s"), number, at);
}

const char *
_dossier_audit_upload_state (DossierJournalUploadState state)
{
  switch (state)
    {
    case DOSSIER_JOURNAL_UPLOAD_STATE_PENDING:
      return C_("upload state", "Waiting to be sent");
    case DOSSIER_JOURNAL_UPLOAD_STATE_SENDING:
      return C_("upload state", "Being sent");
    case DOSSIER_JOURNAL_UPLOAD_STATE_ACCEPTED:
      return C_("upload state", "Accepted by the provider");
    case DOSSIER_JOURNAL_UPLOAD_STATE_REJECTED:
    default:
      return C_("upload state", "Rejected by the provider");
    }
}

/* The chain's result in a few words. */
const char *
_dossier_audit_verification_headline (const DossierAuditSnapshot *snapshot,
                                      int                        *tone)
{
  const DossierJournalVerification *v = snapshot->verification;

  if (v == NULL)
    {
      *tone = 2;
      return _("Evidence chain not verified");
    }
  if (!v->ok)
    {
      *tone = 2;
      return _("Evidence chain broken");
    }
  if (!v->keyed)
    {
      *tone = 1;
      return _("Evidence chain consistent, without a key");
    }
  *tone = 0;
  return _("Evidence chain intact");
}

/* The chain's result in sentences, for the cover callout and the evidence section. */
char *
_dossier_audit_verification_text (const DossierAuditSnapshot *snapshot)
{
  const DossierJournalVerification *v = snapshot->verification;
  g_autoptr(GString) text = g_string_new (NULL);
  guint n_client;
  gboolean plain;

  if (v == NULL)
    {
      /* Translators: the placeholder is an error message */
      g_string_append_printf (text, _("The journal could not be read to verify it: %s"),
                              snapshot->verify_error != NULL ? snapshot->verify_error : "");
      return g_string_free (g_steal_pointer (&text), FALSE);
    }

  n_client = snapshot->events != NULL ? snapshot->events->len : 0;
  plain = v->ok && v->keyed && v->head_checked;
  if (plain)
    /* Translators: how many events of the whole journal were verified; then how many of
     * them are this client's, the ones this dossier lists */
    g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE,
                                               "%u event in this installation’s journal verified "
                                               "with its key;",
                                               "%u events in this installation’s journal verified "
                                               "with its key;",
                                               v->n_checked),
                            v->n_checked);
  else
    g_string_append (text, v->message);
  if (plain)
    {
      g_string_append_c (text, ' ');
      g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE,
                                                 "%u concerns this client.",
                                                 "%u concern this client.",
                                                 n_client),
                              n_client);
    }
  else if (v->ok)
    {
      g_string_append_c (text, ' ');
      g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE,
                                                 "Of them, %u concerns this client.",
                                                 "Of them, %u concern this client.",
                                                 n_client),
                              n_client);
    }
  if (v->n_forgotten > 0)
    {
      g_string_append_c (text, ' ');
      g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE,
                                                 "%u event is a tombstone of forgotten data; "
                                                 "its digest still counts in the chain.",
                                                 "%u events are tombstones of forgotten data; "
                                                 "their digests still count in the chain.",
                                                 v->n_forgotten),
                              v->n_forgotten);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

const DossierJournalEvent *
_dossier_audit_find_upload_event (const DossierAuditSnapshot *snapshot,
                                  gint64                      upload_id)
{
  for (guint i = 0; i < snapshot->events->len; i++)
    {
      const DossierJournalEvent *event = g_ptr_array_index (snapshot->events, i);
      JsonObject *details;

      if (!g_str_equal (event->kind, DOSSIER_JOURNAL_EVENT_DOCUMENT_UPLOADED)
          || event->details == NULL || !JSON_NODE_HOLDS_OBJECT (event->details))
        continue;
      details = json_node_get_object (event->details);
      if (json_object_get_int_member_with_default (details, "upload_id", 0) == upload_id)
        return event;
    }
  return NULL;
}

const char *
_dossier_audit_upload_sha256 (const DossierJournalUpload *upload,
                              const DossierJournalEvent  *sent,
                              const char                 *side)
{
  const char *kept = g_str_equal (side, "front") ? upload->front_sha256 : upload->back_sha256;

  if (kept != NULL)
    return kept;
  return sent != NULL ? _dossier_audit_event_sha256 (sent, side) : NULL;
}
