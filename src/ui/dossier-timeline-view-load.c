/* dossier-timeline-view-load.c — reading a client's timeline and putting it in the list
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The first read of a client takes its newest events only and puts one screenful in
 * the store, the rest a chunk per frame; once they are on screen every event is read and
 * what is new goes in the same way. Later reads (the journal changed, the filter changed)
 * replace only the items that changed: items are kept by key from one read to the next,
 * so an unchanged row stays bound.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "dossier-timeline-view-private.h"

static GDateTime *
local_day (gint64 time)
{
  g_autoptr(GDateTime) local = g_date_time_new_from_unix_local (time / G_USEC_PER_SEC);

  return g_date_time_new_local (g_date_time_get_year (local), g_date_time_get_month (local),
                                g_date_time_get_day_of_month (local), 0, 0, 0);
}

/* The item kept for this key from the last load, else a new one made by take. */
static DossierTimelineItem *
reuse (GHashTable  *known,
       GHashTable  *kept,
       char        *key,
       gpointer     record,
       gboolean     note)
{
  DossierTimelineItem *item = known != NULL ? g_hash_table_lookup (known, key) : NULL;

  if (item != NULL)
    {
      g_object_ref (item);
      if (note)
        dossier_journal_note_free (record);
      else
        dossier_journal_event_free (record);
    }
  else
    item = note ? dossier_timeline_item_new_note (record) : dossier_timeline_item_new_event (record);

  g_hash_table_insert (kept, key, g_object_ref (item));
  return item;
}

static gboolean
append_chunk_cb (GtkWidget     *widget,
                 GdkFrameClock *clock,
                 gpointer       user_data)
{
  DossierTimelineView *self = DOSSIER_TIMELINE_VIEW (widget);
  guint n;

  /* Not in the frame that shows the first screenful: that one stays light. */
  if (gdk_frame_clock_get_frame_counter (clock) <= self->first_frame)
    return G_SOURCE_CONTINUE;

  /* The list makes rows for at most its first couple of hundred items: add those a
   * chunk per frame, then everything else at once. */
  n = self->n_shown < FILL_ROWS ? MIN (FIRST_ITEMS, self->flat->len - self->n_shown)
                                : self->flat->len - self->n_shown;
  g_list_store_splice (self->store, self->n_shown, 0, self->flat->pdata + self->n_shown, n);
  self->n_shown += n;

  if (self->n_shown < self->flat->len)
    return G_SOURCE_CONTINUE;
  self->tick_id = 0;

  /* The newest events are on screen: now read them all. */
  if (self->reload && !self->reading)
    _dossier_timeline_view_load (self);
  else if (!self->reading)
    _dossier_timeline_view_set_loading (self, FALSE);
  return G_SOURCE_REMOVE;
}

static gboolean
same_at (DossierTimelineView *self,
         guint                position,
         gpointer             item)
{
  g_autoptr(GObject) shown = g_list_model_get_item (G_LIST_MODEL (self->store), position);

  return shown == item;
}

/* Shows `flat` in the store: a first screenful at once and the rest over the next frames
 * when the store was empty; else only the part that changed. */
static void
show_flat (DossierTimelineView *self)
{
  guint old_n = g_list_model_get_n_items (G_LIST_MODEL (self->store));
  guint new_n = self->flat->len;
  guint prefix = 0, suffix = 0;

  if (self->tick_id != 0 && old_n > 0)
    {
      gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->tick_id);
      self->tick_id = 0;
    }

  if (old_n == 0)
    {
      self->n_shown = MIN (new_n, FIRST_ITEMS);
      g_list_store_splice (self->store, 0, 0, self->flat->pdata, self->n_shown);
      if (self->n_shown < new_n && self->tick_id == 0)
        {
          GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));

          self->first_frame = clock != NULL ? gdk_frame_clock_get_frame_counter (clock) + 1 : 0;
          self->tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), append_chunk_cb, NULL, NULL);
        }
    }
  else
    {
      while (prefix < old_n && prefix < new_n && same_at (self, prefix, self->flat->pdata[prefix]))
        prefix++;
      while (suffix < old_n - prefix && suffix < new_n - prefix &&
             same_at (self, old_n - 1 - suffix, self->flat->pdata[new_n - 1 - suffix]))
        suffix++;
      if (prefix == old_n && new_n - old_n > FIRST_ITEMS)
        {
          /* Older items after those shown (the rest of a first read): by chunks too. */
          self->n_shown = old_n;
          self->first_frame = 0;
          self->tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), append_chunk_cb, NULL, NULL);
        }
      else
        {
          g_list_store_splice (self->store, prefix, old_n - prefix - suffix,
                               self->flat->pdata + prefix, new_n - prefix - suffix);
          self->n_shown = new_n;
        }
    }

  gtk_stack_set_visible_child_name (GTK_STACK (self->stack), new_n > 0 ? "list" : "empty");
  if (self->tick_id == 0 && !self->reading && !self->reload)
    _dossier_timeline_view_set_loading (self, FALSE);
  /* After the loading state: a read that found nothing says so (never a blank card). */
  _dossier_timeline_view_update_empty (self);
}

/* Makes `flat` from `all`: the filtered items, a DAY item before each local day. */
void
_dossier_timeline_view_rebuild (DossierTimelineView *self)
{
  g_autoptr(GHashTable) days = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_object_unref);
  gint64 day_start = G_MAXINT64;

  /* Day items of the last build are kept, so an unchanged day is the same item. */
  for (guint i = 0; self->flat != NULL && i < self->flat->len; i++)
    {
      DossierTimelineItem *item = self->flat->pdata[i];

      if (dossier_timeline_item_get_kind (item) == DOSSIER_TIMELINE_ITEM_DAY)
        g_hash_table_insert (days, g_memdup2 (&(gint64) { dossier_timeline_item_get_time (item) }, sizeof (gint64)),
                             g_object_ref (item));
    }
  g_clear_pointer (&self->flat, g_ptr_array_unref);
  self->flat = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; self->all != NULL && i < self->all->len; i++)
    {
      DossierTimelineItem *item = g_ptr_array_index (self->all, i);
      gint64 time = dossier_timeline_item_get_time (item);

      if (self->filter != DOSSIER_TIMELINE_FILTER_ALL &&
          (dossier_timeline_item_get_categories (item) & self->filter) == 0)
        continue;

      /* Newest first: a new day starts when an item is before the current day's start. */
      if (time < day_start)
        {
          g_autoptr(GDateTime) day = local_day (time);
          DossierTimelineItem *header;

          day_start = g_date_time_to_unix (day) * G_USEC_PER_SEC;
          header = g_hash_table_lookup (days, &day_start);
          g_ptr_array_add (self->flat, header != NULL ? g_object_ref (header) : dossier_timeline_item_new_day (day));
        }
      g_ptr_array_add (self->flat, g_object_ref (item));
    }

  show_flat (self);
}

/* A note's own row presents it (its text, edited or not): the note-added and
 * note-edited events of a note that still exists are not shown a second time. What
 * remains of a deleted note (its events, and the deletion) is shown as events. */
static gboolean
note_shown_as_row (GHashTable                *note_ids,
                   const DossierJournalEvent *event)
{
  gint64 note_id;

  if (event->details == NULL || !JSON_NODE_HOLDS_OBJECT (event->details) ||
      (g_strcmp0 (event->kind, DOSSIER_JOURNAL_EVENT_NOTE_ADDED) != 0 &&
       g_strcmp0 (event->kind, DOSSIER_JOURNAL_EVENT_NOTE_EDITED) != 0))
    return FALSE;
  note_id = json_object_get_int_member_with_default (json_node_get_object (event->details),
                                                     "note_id", 0);
  return g_hash_table_contains (note_ids, &note_id);
}

/* Both reads are in: one list, newest first. */
static void
merge (DossierTimelineView *self)
{
  g_autoptr(GPtrArray) notes = g_steal_pointer (&self->notes);
  g_autoptr(GPtrArray) events = g_steal_pointer (&self->events);
  g_autoptr(GHashTable) note_ids = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  GHashTable *kept;
  GPtrArray *all;
  gint64 oldest = G_MININT64;
  gboolean partial;
  guint e, n;

  self->n_reads = 0;
  g_ptr_array_set_free_func (events, NULL);
  if (notes != NULL)
    g_ptr_array_set_free_func (notes, NULL);

  /* Only the newest events were read: notes older than them wait for the rest. */
  partial = self->limit > 0 && events->len == self->limit;
  if (partial)
    oldest = ((DossierJournalEvent *) g_ptr_array_index (events, 0))->occurred_at;

  for (guint i = 0; notes != NULL && i < notes->len; i++)
    g_hash_table_add (note_ids, g_memdup2 (&((DossierJournalNote *) g_ptr_array_index (notes, i))->id,
                                           sizeof (gint64)));

  /* Both are oldest first: merge from their ends. Items take the records over. */
  e = events->len;
  n = notes != NULL ? notes->len : 0;
  all = g_ptr_array_new_full (e + n, g_object_unref);
  kept = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  while (e > 0 || n > 0)
    {
      DossierJournalEvent *event = e > 0 ? g_ptr_array_index (events, e - 1) : NULL;
      DossierJournalNote *note = n > 0 ? g_ptr_array_index (notes, n - 1) : NULL;

      if (note == NULL || (event != NULL && event->occurred_at >= note->created_at))
        {
          char *key;

          e--;
          if (note_shown_as_row (note_ids, event))
            {
              dossier_journal_event_free (event);
              continue;
            }
          key = g_strdup_printf ("e%" G_GINT64_FORMAT, event->id);
          g_ptr_array_add (all, reuse (self->known, kept, key, event, FALSE));
        }
      else
        {
          n--;
          if (note->created_at < oldest)
            {
              dossier_journal_note_free (note);
              continue;
            }
          g_ptr_array_add (all, reuse (self->known, kept,
                                       g_strdup_printf ("n%" G_GINT64_FORMAT ".%" G_GINT64_FORMAT,
                                                        note->id, note->updated_at),
                                       note, TRUE));
        }
    }

  g_clear_pointer (&self->known, g_hash_table_unref);
  self->known = kept;
  g_clear_pointer (&self->all, g_ptr_array_unref);
  self->all = all;
  /* A failed call that went through when tried again reads as such. */
  dossier_timeline_item_link_retries (all);
  self->reading = FALSE;
  if (partial)
    self->reload = TRUE;
  _dossier_timeline_view_rebuild (self);
  _dossier_timeline_view_set_loading (self, self->reload || self->tick_id != 0);

  /* A first read continues once its items are on screen (append_chunk_cb()). */
  if (self->reload && self->tick_id == 0)
    _dossier_timeline_view_load (self);
}

static void
events_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  DossierTimelineView *self = user_data;
  g_autoptr(GError) error = NULL;
  GPtrArray *events;

  events = dossier_journal_list_events_finish (DOSSIER_JOURNAL (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (events == NULL)
    {
      g_warning ("The client's timeline could not be read: %s", error->message);
      events = g_ptr_array_new_with_free_func ((GDestroyNotify) dossier_journal_event_free);
    }

  self->events = events;
  if (--self->n_reads == 0)
    merge (self);
}

static void
notes_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  DossierTimelineView *self = user_data;
  g_autoptr(GError) error = NULL;
  GPtrArray *notes;

  notes = dossier_journal_list_notes_finish (DOSSIER_JOURNAL (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (notes == NULL)
    {
      g_warning ("The client's notes could not be read: %s", error->message);
      notes = g_ptr_array_new_with_free_func ((GDestroyNotify) dossier_journal_note_free);
    }

  self->notes = notes;
  if (--self->n_reads == 0)
    merge (self);
}

/* The first read of a client takes its newest events only, to show them at once; every
 * later read takes them all. */
void
_dossier_timeline_view_load (DossierTimelineView *self)
{
  self->reload = FALSE;
  self->reading = TRUE;
  self->limit = self->all == NULL ? FIRST_EVENTS : 0;
  _dossier_timeline_view_set_loading (self, TRUE);
  /* Both at once: the journal answers them in order, in one turn of the main loop. */
  self->n_reads = 2;
  dossier_journal_list_events_async (self->journal, self->client_id, NULL, self->limit,
                                     self->cancellable, events_cb, self);
  dossier_journal_list_notes_async (self->journal, self->client_id, self->cancellable, notes_cb, self);
}

void
_dossier_timeline_view_journal_changed (DossierJournal      *journal,
                                        const char          *client_id,
                                        DossierTimelineView *self)
{
  if (g_strcmp0 (client_id, self->client_id) != 0)
    return;

  if (self->loading)
    self->reload = TRUE;
  else
    _dossier_timeline_view_load (self);
}

