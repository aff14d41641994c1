/* dossier-timeline-wording.c — each timeline item's icon, words and time, translated
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Events may come from a newer version or be forgotten (details gone): every member is
 * read with a fallback, and an unknown kind still shows its name.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "dossier-client-fields.h"
#include "dossier-failure-wording.h"
#include "dossier-known-ids.h"
#include "dossier-timeline-item-private.h"

static JsonObject *
object_member (JsonObject *object,
               const char *name)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, name) : NULL;

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

static JsonArray *
array_member (JsonObject *object,
              const char *name)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, name) : NULL;

  return node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

static const char *
detail (DossierTimelineItem *self,
        const char          *member)
{
  JsonObject *details;
  JsonNode *node;

  if (self->event == NULL || self->event->details == NULL ||
      !JSON_NODE_HOLDS_OBJECT (self->event->details))
    return NULL;

  details = json_node_get_object (self->event->details);
  node = json_object_get_member (details, member);
  if (node == NULL || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static gboolean
is_kind (DossierTimelineItem *self,
         const char          *kind)
{
  return self->event != NULL && g_strcmp0 (self->event->kind, kind) == 0;
}

const char *
dossier_timeline_item_get_icon_name (DossierTimelineItem *self)
{
  static const struct { const char *kind; const char *icon; } icons[] = {
    { DOSSIER_JOURNAL_EVENT_CLIENT_CREATED, "contact-new-symbolic" },
    { DOSSIER_JOURNAL_EVENT_CLIENT_UPDATED, "document-edit-symbolic" },
    { DOSSIER_JOURNAL_EVENT_PRODUCT_REQUESTED, "list-add-symbolic" },
    { DOSSIER_JOURNAL_EVENT_REQUIREMENT_APPEARED, "task-due-symbolic" },
    { DOSSIER_JOURNAL_EVENT_REQUIREMENT_SATISFIED, "object-select-symbolic" },
    { DOSSIER_JOURNAL_EVENT_DOCUMENT_UPLOADED, "document-send-symbolic" },
    { DOSSIER_JOURNAL_EVENT_DOCUMENT_ACCEPTED, "emblem-ok-symbolic" },
    { DOSSIER_JOURNAL_EVENT_DOCUMENT_REJECTED, "dialog-warning-symbolic" },
    { DOSSIER_JOURNAL_EVENT_SUBMITTED, "mail-send-symbolic" },
    { DOSSIER_JOURNAL_EVENT_UNDER_REVIEW, "system-search-symbolic" },
    { DOSSIER_JOURNAL_EVENT_ENABLED, "emblem-ok-symbolic" },
    { DOSSIER_JOURNAL_EVENT_REJECTED, "action-unavailable-symbolic" },
    { DOSSIER_JOURNAL_EVENT_FAILURE, "dialog-error-symbolic" },
    { DOSSIER_JOURNAL_EVENT_NOTE_ADDED, "chat-message-new-symbolic" },
    { DOSSIER_JOURNAL_EVENT_NOTE_EDITED, "document-edit-symbolic" },
    { DOSSIER_JOURNAL_EVENT_NOTE_DELETED, "user-trash-symbolic" },
    { DOSSIER_JOURNAL_EVENT_CLIENT_FORGOTTEN, "user-trash-symbolic" },
  };

  g_return_val_if_fail (DOSSIER_IS_TIMELINE_ITEM (self), NULL);

  if (self->kind == DOSSIER_TIMELINE_ITEM_NOTE)
    return "chat-message-new-symbolic";
  if (self->kind == DOSSIER_TIMELINE_ITEM_DAY)
    return "x-office-calendar-symbolic";

  if (self->retried_at > 0)
    return "view-refresh-symbolic";
  for (guint i = 0; i < G_N_ELEMENTS (icons); i++)
    if (g_str_equal (self->event->kind, icons[i].kind))
      return icons[i].icon;
  return "emblem-system-symbolic";
}

const char *
dossier_timeline_item_get_tone (DossierTimelineItem *self)
{
  g_return_val_if_fail (DOSSIER_IS_TIMELINE_ITEM (self), NULL);

  /* A call that went through when tried again is no failure to act on. */
  if (self->event == NULL || self->event->forgotten || self->retried_at > 0)
    return NULL;
  if (is_kind (self, DOSSIER_JOURNAL_EVENT_ENABLED) || is_kind (self, DOSSIER_JOURNAL_EVENT_DOCUMENT_ACCEPTED) ||
      is_kind (self, DOSSIER_JOURNAL_EVENT_REQUIREMENT_SATISFIED))
    return "success";
  if (is_kind (self, DOSSIER_JOURNAL_EVENT_DOCUMENT_REJECTED) || is_kind (self, DOSSIER_JOURNAL_EVENT_REQUIREMENT_APPEARED))
    return "warning";
  if (is_kind (self, DOSSIER_JOURNAL_EVENT_REJECTED) || is_kind (self, DOSSIER_JOURNAL_EVENT_FAILURE))
    return "error";
  return NULL;
}

static char *
product_label (DossierTimelineItem *self)
{
  const char *product = detail (self, "product");

  return product != NULL ? dossier_known_ids_product_label (product) : g_strdup (_("a product"));
}

static char *
group_label (DossierTimelineItem *self)
{
  const char *kind = detail (self, "kind");
  const char *id = detail (self, "group_id");

  if (id == NULL)
    return g_strdup (_("a requirement"));
  return dossier_known_ids_label (g_strcmp0 (kind, "document") == 0 ? DOSSIER_KNOWN_ID_DOCUMENT_GROUP
                                                                     : DOSSIER_KNOWN_ID_DATA_GROUP,
                                  id, detail (self, "name"));
}

static char *
document_label (DossierTimelineItem *self)
{
  const char *type = detail (self, "document_type");

  return type != NULL ? dossier_known_ids_label (DOSSIER_KNOWN_ID_DOCUMENT_TYPE, type, NULL)
                      : g_strdup (_("Document"));
}

/* "front, back" from details.sides, or NULL. */
static char *
sides_label (DossierTimelineItem *self)
{
  JsonObject *details = json_node_get_object (self->event->details);
  JsonObject *sides = object_member (details, "sides");
  gboolean front, back;

  if (sides == NULL)
    return NULL;
  front = json_object_has_member (sides, "front");
  back = json_object_has_member (sides, "back");
  if (front && back)
    return g_strdup (_("front, back"));
  if (front)
    return g_strdup (_("front"));
  if (back)
    return g_strdup (_("back"));
  return NULL;
}

/* The form's label of a changed member, never its JSON key. */
static char *
field_label (const char *path)
{
  return dossier_client_field_label_for_member (path);
}

/* The server's own bookkeeping moves with every change: named only when alone. */
static gboolean
is_bookkeeping (JsonArray *fields,
                guint      index)
{
  return json_array_get_length (fields) > 1
         && g_strcmp0 (json_array_get_string_element (fields, index), "updated_at") == 0;
}

static char *
event_title (DossierTimelineItem *self)
{
  const char *kind = self->event->kind;
  g_autofree char *label = NULL;

  if (g_str_equal (kind, DOSSIER_JOURNAL_EVENT_CLIENT_CREATED))
    return g_strdup (_("Client created"));
  if (g_str_equal (kind, DOSSIER_JOURNAL_EVENT_CLIENT_FORGOTTEN))
    return g_strdup (_("Personal data forgotten"));
  if (g_str_equal (kind, DOSSIER_JOURNAL_EVENT_FAILURE))
    return dossier_failure_wording_title (self->event->action, self->retried_at > 0);
  /* A note's events are shown only once the note is deleted: its row shows it before. */
  if (g_str_equal (kind, DOSSIER_JOURNAL_EVENT_NOTE_ADDED))
    return g_strdup (_("Note added"));
  if (g_str_equal (kind, DOSSIER_JOURNAL_EVENT_NOTE_EDITED))
    return g_strdup (_("Note edited"));
  if (g_str_equal (kind, DOSSIER_JOURNAL_EVENT_NOTE_DELETED))
    return g_strdup (_("Note deleted"));

  if (g_str_equal (kind, DOSSIER_JOURNAL_EVENT_CLIENT_UPDATED))
    {
      JsonArray *fields = self->event->details != NULL
        ? array_member (json_node_get_object (self->event->details), "fields")
        : NULL;
      g_autoptr(GString) names = g_string_new (NULL);

      for (guint i = 0; fields != NULL && i < json_array_get_length (fields); i++)
        {
          g_autofree char *name = NULL;

          if (is_bookkeeping (fields, i))
            continue;
          name = field_label (json_array_get_string_element (fields, i));

          if (names->len > 0)
            /* Translators: the separator of a list of field names */
            g_string_append (names, _(", "));
          g_string_append (names, name);
        }
      if (names->len == 0)
        return g_strdup (_("Client details changed"));
      /* Translators: %s is a list of field names, such as "Email, Phone" */
      return g_strdup_printf (_("Client details changed: %s"), names->str);
    }

  if (g_str_has_prefix (kind, "requirement-") || g_str_equal (kind, DOSSIER_JOURNAL_EVENT_PRODUCT_REQUESTED) ||
      g_str_equal (kind, DOSSIER_JOURNAL_EVENT_SUBMITTED) || g_str_equal (kind, DOSSIER_JOURNAL_EVENT_UNDER_REVIEW) ||
      g_str_equal (kind, DOSSIER_JOURNAL_EVENT_ENABLED))
    label = g_str_has_prefix (kind, "requirement-") ? group_label (self) : product_label (self);

  /* Translators: each %s below is a product's name, such as "Cards", or a requirement's */
  if (g_str_equal (kind, DOSSIER_JOURNAL_EVENT_PRODUCT_REQUESTED))
    return g_strdup_printf (_("Product requested: %s"), label);
  if (g_str_equal (kind, DOSSIER_JOURNAL_EVENT_REQUIREMENT_APPEARED))
    return g_strdup_printf (_("Needed: %s"), label);
  if (g_str_equal (kind, DOSSIER_JOURNAL_EVENT_REQUIREMENT_SATISFIED))
    return g_strdup_printf (_("Provided: %s"), label);
  if (g_str_equal (kind, DOSSIER_JOURNAL_EVENT_SUBMITTED))
    return g_strdup_printf (_("Submitted for review: %s"), label);
  if (g_str_equal (kind, DOSSIER_JOURNAL_EVENT_UNDER_REVIEW))
    return g_strdup_printf (_("In review: %s"), label);
  if (g_str_equal (kind, DOSSIER_JOURNAL_EVENT_ENABLED))
    return g_strdup_printf (_("Enabled: %s"), label);

  if (g_str_equal (kind, DOSSIER_JOURNAL_EVENT_REJECTED))
    {
      const char *reason = detail (self, "rejection_description");

      if (reason == NULL || *reason == '\0')
        return g_strdup (_("Rejected"));
      /* Translators: %s is the reviewer's reason */
      return g_strdup_printf (_("Rejected: %s"), reason);
    }

  if (g_str_has_prefix (kind, "document-"))
    {
      g_autofree char *document = document_label (self);
      g_autofree char *sides = g_str_equal (kind, DOSSIER_JOURNAL_EVENT_DOCUMENT_UPLOADED) &&
                               self->event->details != NULL ? sides_label (self) : NULL;

      if (g_str_equal (kind, DOSSIER_JOURNAL_EVENT_DOCUMENT_UPLOADED))
        /* Translators: "Passport uploaded (front, back)" */
        return sides != NULL ? g_strdup_printf (_("%s uploaded (%s)"), document, sides)
                             : g_strdup_printf (_("%s uploaded"), document);
      if (g_str_equal (kind, DOSSIER_JOURNAL_EVENT_DOCUMENT_ACCEPTED))
        return g_strdup_printf (_("%s accepted"), document);
      if (g_str_equal (kind, DOSSIER_JOURNAL_EVENT_DOCUMENT_REJECTED))
        {
          const char *reason = detail (self, "reason");

          /* Translators: "Passport rejected: <the server's reason>" */
          return reason != NULL ? g_strdup_printf (_("%s rejected: %s"), document, reason)
                                : g_strdup_printf (_("%s rejected"), document);
        }
    }

  return g_strdup (kind);
}

char *
dossier_timeline_item_dup_title (DossierTimelineItem *self)
{
  g_return_val_if_fail (DOSSIER_IS_TIMELINE_ITEM (self), NULL);

  switch (self->kind)
    {
    case DOSSIER_TIMELINE_ITEM_DAY:
      return dossier_timeline_item_dup_time_label (self);
    case DOSSIER_TIMELINE_ITEM_NOTE:
      return g_strdup (self->note->text);
    case DOSSIER_TIMELINE_ITEM_EVENT:
    default:
      return event_title (self);
    }
}

char *
dossier_timeline_item_dup_subtitle (DossierTimelineItem *self)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  const DossierJournalEvent *event = self->event;

  g_return_val_if_fail (DOSSIER_IS_TIMELINE_ITEM (self), NULL);

  if (self->kind == DOSSIER_TIMELINE_ITEM_NOTE)
    return g_strdup (self->note->updated_at > self->note->created_at ? _("Private note, edited")
                                                                     : _("Private note"));
  if (event == NULL)
    return g_strdup ("");

  if (event->forgotten)
    g_ptr_array_add (parts, g_strdup (_("Details forgotten at the client’s request")));
  else if (g_str_equal (event->kind, DOSSIER_JOURNAL_EVENT_FAILURE))
    {
      g_autofree char *reason = dossier_failure_wording_reason (event->details);

      if (self->retried_at > 0)
        {
          g_autoptr(GDateTime) local = g_date_time_new_from_unix_local (self->retried_at / G_USEC_PER_SEC);
          /* Translators: a time of day in a timeline, see the strftime manual */
          g_autofree char *when = g_date_time_format (local, _("%H:%M"));

          /* Translators: first why a call failed ("The server had a problem (HTTP 503)."),
           * then the time of day it went through when tried again */
          g_ptr_array_add (parts, reason != NULL ? g_strdup_printf (_("%s It went through when tried again at %s."),
                                                                    reason, when)
                                                 : g_strdup_printf (_("It went through when tried again at %s."),
                                                                    when));
        }
      else if (reason != NULL)
        g_ptr_array_add (parts, g_steal_pointer (&reason));
    }
  else if (g_str_equal (event->kind, DOSSIER_JOURNAL_EVENT_REJECTED))
    g_ptr_array_add (parts, product_label (self));
  else if (g_str_equal (event->kind, DOSSIER_JOURNAL_EVENT_SUBMITTED) &&
           g_strcmp0 (detail (self, "status"), "pending_documentation") == 0)
    g_ptr_array_add (parts, g_strdup (_("Requirements are still missing")));

  /* The trace id is the row's tooltip and Copy button: 32 characters wrap a narrow row. */
  if (event->observed)
    /* Translators: the time shown is when Dossier noticed a change on the server, which may
     * have happened a little earlier */
    g_ptr_array_add (parts, g_strdup (_("Noticed by Dossier at this time")));

  g_ptr_array_add (parts, NULL);
  /* Translators: the separator between the parts of a timeline entry's second line */
  return g_strjoinv (_(" · "), (char **) parts->pdata);
}

char *
dossier_timeline_item_dup_time_label (DossierTimelineItem *self)
{
  g_autoptr(GDateTime) local = NULL;
  g_autoptr(GDateTime) now = NULL;
  gint days;

  g_return_val_if_fail (DOSSIER_IS_TIMELINE_ITEM (self), NULL);

  if (self->kind != DOSSIER_TIMELINE_ITEM_DAY)
    {
      local = g_date_time_new_from_unix_local (self->time / G_USEC_PER_SEC);
      /* Translators: a time of day in a timeline, see the strftime manual */
      return g_date_time_format (local, _("%H:%M"));
    }

  now = g_date_time_new_now_local ();
  {
    g_autoptr(GDateTime) today = g_date_time_new_local (g_date_time_get_year (now),
                                                        g_date_time_get_month (now),
                                                        g_date_time_get_day_of_month (now), 0, 0, 0);
    /* Rounded: a day with a daylight saving change is 23 or 25 hours long. */
    days = (gint) ((g_date_time_difference (today, self->day) + 12 * G_TIME_SPAN_HOUR) / G_TIME_SPAN_DAY);
  }
  if (days == 0)
    return g_strdup (_("Today"));
  if (days == 1)
    return g_strdup (_("Yesterday"));
  if (g_date_time_get_year (self->day) == g_date_time_get_year (now))
    /* Translators: a day heading in this year, see the strftime manual */
    return g_date_time_format (self->day, _("%A, %B %-e"));
  /* Translators: a day heading in another year, see the strftime manual */
  return g_date_time_format (self->day, _("%A, %B %-e, %Y"));
}

static char *
personal_value (JsonObject *values,
                const char *name)
{
  JsonNode *node = values != NULL ? json_object_get_member (values, name) : NULL;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return g_strdup (_("(empty)"));
  if (json_node_get_value_type (node) == G_TYPE_STRING && *json_node_get_string (node) != '\0')
    /* A country or province by its name and code, as the form shows it. */
    return dossier_client_field_format_member_value (name, json_node_get_string (node));
  if (json_node_get_value_type (node) == G_TYPE_STRING)
    return g_strdup (_("(empty)"));
  return json_to_string (node, FALSE);
}

char *
dossier_timeline_item_dup_personal (DossierTimelineItem *self)
{
  JsonObject *details, *personal, *before, *after;
  JsonArray *fields;
  g_autoptr(GString) text = g_string_new (NULL);

  g_return_val_if_fail (DOSSIER_IS_TIMELINE_ITEM (self), NULL);

  if (!is_kind (self, DOSSIER_JOURNAL_EVENT_CLIENT_UPDATED) || self->event->details == NULL)
    return NULL;
  details = json_node_get_object (self->event->details);
  personal = object_member (details, "personal");
  fields = array_member (details, "fields");
  if (personal == NULL || fields == NULL)
    return NULL;
  before = object_member (personal, "before");
  after = object_member (personal, "after");

  for (guint i = 0; i < json_array_get_length (fields); i++)
    {
      const char *name = json_array_get_string_element (fields, i);
      g_autofree char *label = NULL;
      g_autofree char *old_value = NULL;
      g_autofree char *new_value = NULL;

      if (name == NULL || is_bookkeeping (fields, i))
        continue;
      label = field_label (name);
      old_value = personal_value (before, name);
      new_value = personal_value (after, name);

      if (text->len > 0)
        g_string_append_c (text, '\n');
      /* Translators: "Phone: (empty) → +54 1168860622" */
      g_string_append_printf (text, _("%s: %s → %s"), label, old_value, new_value);
    }

  return text->len > 0 ? g_string_free (g_steal_pointer (&text), FALSE) : NULL;
}
