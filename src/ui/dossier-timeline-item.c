/* dossier-timeline-item.c — one line of the timeline: a day's header, an event or a note
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Items are made by the thousand when a timeline loads, so they only hold what they were
 * given; their wording is made when a row shows them (dossier-timeline-wording.c).
 */
#include "config.h"

#include "dossier-failure-wording.h"
#include "dossier-timeline-item-private.h"

G_DEFINE_FINAL_TYPE (DossierTimelineItem, dossier_timeline_item, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_THUMBNAIL,
  PROP_RETRIED_AT,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static void
dossier_timeline_item_finalize (GObject *object)
{
  DossierTimelineItem *self = DOSSIER_TIMELINE_ITEM (object);

  g_clear_pointer (&self->event, dossier_journal_event_free);
  g_clear_pointer (&self->note, dossier_journal_note_free);
  g_clear_pointer (&self->day, g_date_time_unref);
  g_clear_object (&self->thumbnail);

  G_OBJECT_CLASS (dossier_timeline_item_parent_class)->finalize (object);
}

static void
dossier_timeline_item_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  DossierTimelineItem *self = DOSSIER_TIMELINE_ITEM (object);

  switch (prop_id)
    {
    case PROP_THUMBNAIL:
      g_value_set_object (value, self->thumbnail);
      break;
    case PROP_RETRIED_AT:
      g_value_set_int64 (value, self->retried_at);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dossier_timeline_item_class_init (DossierTimelineItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = dossier_timeline_item_finalize;
  object_class->get_property = dossier_timeline_item_get_property;

  properties [PROP_THUMBNAIL] =
    g_param_spec_object ("thumbnail", NULL, NULL, GDK_TYPE_TEXTURE,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties [PROP_RETRIED_AT] =
    g_param_spec_int64 ("retried-at", NULL, NULL, 0, G_MAXINT64, 0,
                        (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
dossier_timeline_item_init (DossierTimelineItem *self)
{
}

DossierTimelineItem *
dossier_timeline_item_new_event (DossierJournalEvent *event)
{
  DossierTimelineItem *self;

  g_return_val_if_fail (event != NULL, NULL);

  self = g_object_new (DOSSIER_TYPE_TIMELINE_ITEM, NULL);
  self->kind = DOSSIER_TIMELINE_ITEM_EVENT;
  self->event = event;
  self->time = event->occurred_at;
  return self;
}

DossierTimelineItem *
dossier_timeline_item_new_note (DossierJournalNote *note)
{
  DossierTimelineItem *self;

  g_return_val_if_fail (note != NULL, NULL);

  self = g_object_new (DOSSIER_TYPE_TIMELINE_ITEM, NULL);
  self->kind = DOSSIER_TIMELINE_ITEM_NOTE;
  self->note = note;
  self->time = note->created_at;
  return self;
}

DossierTimelineItem *
dossier_timeline_item_new_day (GDateTime *day)
{
  DossierTimelineItem *self;

  g_return_val_if_fail (day != NULL, NULL);

  self = g_object_new (DOSSIER_TYPE_TIMELINE_ITEM, NULL);
  self->kind = DOSSIER_TIMELINE_ITEM_DAY;
  self->day = g_date_time_ref (day);
  self->time = g_date_time_to_unix (day) * G_USEC_PER_SEC;
  return self;
}

DossierTimelineItemKind
dossier_timeline_item_get_kind (DossierTimelineItem *self)
{
  g_return_val_if_fail (DOSSIER_IS_TIMELINE_ITEM (self), DOSSIER_TIMELINE_ITEM_DAY);
  return self->kind;
}

gint64
dossier_timeline_item_get_time (DossierTimelineItem *self)
{
  g_return_val_if_fail (DOSSIER_IS_TIMELINE_ITEM (self), 0);
  return self->time;
}

const DossierJournalEvent *
dossier_timeline_item_get_event (DossierTimelineItem *self)
{
  g_return_val_if_fail (DOSSIER_IS_TIMELINE_ITEM (self), NULL);
  return self->event;
}

const DossierJournalNote *
dossier_timeline_item_get_note (DossierTimelineItem *self)
{
  g_return_val_if_fail (DOSSIER_IS_TIMELINE_ITEM (self), NULL);
  return self->note;
}

DossierTimelineFilter
dossier_timeline_item_get_categories (DossierTimelineItem *self)
{
  const char *kind;

  g_return_val_if_fail (DOSSIER_IS_TIMELINE_ITEM (self), 0);

  if (self->kind == DOSSIER_TIMELINE_ITEM_NOTE)
    return DOSSIER_TIMELINE_FILTER_NOTES;
  if (self->kind == DOSSIER_TIMELINE_ITEM_DAY)
    return 0;

  kind = self->event->kind;
  if (g_str_equal (kind, DOSSIER_JOURNAL_EVENT_DOCUMENT_UPLOADED) ||
      g_str_equal (kind, DOSSIER_JOURNAL_EVENT_DOCUMENT_ACCEPTED))
    return DOSSIER_TIMELINE_FILTER_DOCUMENTS;
  if (g_str_equal (kind, DOSSIER_JOURNAL_EVENT_DOCUMENT_REJECTED))
    return DOSSIER_TIMELINE_FILTER_DOCUMENTS | DOSSIER_TIMELINE_FILTER_PROBLEMS;
  if (g_str_equal (kind, DOSSIER_JOURNAL_EVENT_REJECTED))
    return DOSSIER_TIMELINE_FILTER_STATUS | DOSSIER_TIMELINE_FILTER_PROBLEMS;
  if (g_str_equal (kind, DOSSIER_JOURNAL_EVENT_FAILURE))
    return DOSSIER_TIMELINE_FILTER_PROBLEMS;
  if (g_str_equal (kind, DOSSIER_JOURNAL_EVENT_NOTE_ADDED) ||
      g_str_equal (kind, DOSSIER_JOURNAL_EVENT_NOTE_EDITED) ||
      g_str_equal (kind, DOSSIER_JOURNAL_EVENT_NOTE_DELETED))
    return DOSSIER_TIMELINE_FILTER_NOTES;
  if (g_str_equal (kind, DOSSIER_JOURNAL_EVENT_PRODUCT_REQUESTED) ||
      g_str_equal (kind, DOSSIER_JOURNAL_EVENT_REQUIREMENT_APPEARED) ||
      g_str_equal (kind, DOSSIER_JOURNAL_EVENT_REQUIREMENT_SATISFIED) ||
      g_str_equal (kind, DOSSIER_JOURNAL_EVENT_SUBMITTED) ||
      g_str_equal (kind, DOSSIER_JOURNAL_EVENT_UNDER_REVIEW) ||
      g_str_equal (kind, DOSSIER_JOURNAL_EVENT_ENABLED))
    return DOSSIER_TIMELINE_FILTER_STATUS;

  /* client-created, client-updated, client-forgotten and kinds of later versions:
   * shown with every filter off only. */
  return 0;
}

gint64
dossier_timeline_item_get_upload_id (DossierTimelineItem *self)
{
  JsonObject *details;

  g_return_val_if_fail (DOSSIER_IS_TIMELINE_ITEM (self), 0);

  if (self->event == NULL || self->event->details == NULL ||
      !g_str_has_prefix (self->event->kind, "document-"))
    return 0;

  details = json_node_get_object (self->event->details);
  return json_object_get_int_member_with_default (details, "upload_id", 0);
}

GdkTexture *
dossier_timeline_item_get_thumbnail (DossierTimelineItem *self)
{
  g_return_val_if_fail (DOSSIER_IS_TIMELINE_ITEM (self), NULL);
  return self->thumbnail;
}

void
dossier_timeline_item_set_thumbnail (DossierTimelineItem *self,
                                     GdkTexture          *thumbnail)
{
  g_return_if_fail (DOSSIER_IS_TIMELINE_ITEM (self));

  if (g_set_object (&self->thumbnail, thumbnail))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_THUMBNAIL]);
}

gboolean
dossier_timeline_item_claim_thumbnail (DossierTimelineItem *self)
{
  gboolean claimed;

  g_return_val_if_fail (DOSSIER_IS_TIMELINE_ITEM (self), FALSE);

  claimed = self->thumbnail_claimed;
  self->thumbnail_claimed = TRUE;
  return !claimed;
}

void
dossier_timeline_item_link_retries (GPtrArray *items)
{
  g_autoptr(GPtrArray) events = g_ptr_array_new ();
  g_autoptr(GPtrArray) owners = g_ptr_array_new ();
  g_autoptr(GHashTable) links = NULL;

  g_return_if_fail (items != NULL);

  for (guint i = 0; i < items->len; i++)
    {
      DossierTimelineItem *item = g_ptr_array_index (items, i);

      if (item->event == NULL)
        continue;
      g_ptr_array_add (events, item->event);
      g_ptr_array_add (owners, item);
    }
  links = dossier_failure_wording_link (events, TRUE);

  for (guint i = 0; i < events->len; i++)
    {
      DossierTimelineItem *item = g_ptr_array_index (owners, i);
      const DossierJournalEvent *later = g_hash_table_lookup (links, events->pdata[i]);
      gint64 retried_at = later != NULL ? later->occurred_at : 0;

      if (item->retried_at == retried_at)
        continue;
      item->retried_at = retried_at;
      g_object_notify_by_pspec (G_OBJECT (item), properties[PROP_RETRIED_AT]);
    }
}

gint64
dossier_timeline_item_get_retried_at (DossierTimelineItem *self)
{
  g_return_val_if_fail (DOSSIER_IS_TIMELINE_ITEM (self), 0);
  return self->retried_at;
}

const char *
dossier_timeline_item_get_trace_id (DossierTimelineItem *self)
{
  g_return_val_if_fail (DOSSIER_IS_TIMELINE_ITEM (self), NULL);
  return self->event != NULL ? self->event->trace_id : NULL;
}
