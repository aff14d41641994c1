/* dossier-journal-timeline.c — the journal's events
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "dossier-journal-private.h"

typedef struct {
  DossierJournalEvent *event;
  char                *details;
} AddEvent;

typedef struct {
  char   *client_id;
  char   *request_id;
  guint   limit;
} ListEvents;

static void
add_event_free (AddEvent *data)
{
  dossier_journal_event_free (data->event);
  g_free (data->details);
  g_free (data);
}

static void
list_events_free (ListEvents *data)
{
  g_free (data->client_id);
  g_free (data->request_id);
  g_free (data);
}

/* An event caused by an answer this app received (action "upload") may carry the server's
 * time, which can be earlier than what this app already recorded for the same request on
 * its own clock: it is stored no earlier than the newest event of that request, so the
 * order by (occurred_at, id) stays the order in which things happened. Events of the same
 * answer (its trace id; the recorder writes its part first) are not counted: the uploader
 * places the document's events before what the answer changed. */
static gboolean
clamp_answer_time (sqlite3              *db,
                   DossierJournalEvent  *event,
                   GError              **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  if (g_strcmp0 (event->action, "upload") != 0 || event->request_id == NULL)
    return TRUE;

  stmt = _dossier_journal_sql_prepare (db, "SELECT MAX(occurred_at) FROM events WHERE request_id = ?1"
                                       " AND (?2 IS NULL OR trace_id IS NOT ?2)",
                                       error);
  if (stmt == NULL)
    return FALSE;
  _dossier_journal_bind_text (stmt, 1, event->request_id);
  _dossier_journal_bind_text (stmt, 2, event->trace_id);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      _dossier_journal_sql_error (error, db, _("read the timeline"));
      return FALSE;
    }
  if (sqlite3_column_type (stmt, 0) != SQLITE_NULL)
    event->occurred_at = MAX (event->occurred_at, sqlite3_column_int64 (stmt, 0));
  return TRUE;
}

static gboolean
add_event_run (sqlite3            *db,
               gpointer            user_data,
               DossierJournalJob  *job,
               GError            **error)
{
  AddEvent *data = user_data;
  gint64 id = 0;

  /* One transaction: reading the newest link and inserting the next one. */
  if (!_dossier_journal_begin (db, error))
    return FALSE;

  if (!clamp_answer_time (db, data->event, error) ||
      !_dossier_journal_chain_append (db, _dossier_journal_job_chain (job), data->event,
                                      data->details, &id, error) ||
      !_dossier_journal_commit (db, error))
    {
      _dossier_journal_rollback (db);
      return FALSE;
    }

  _dossier_journal_job_set_id (job, id);
  _dossier_journal_job_changed (job, DOSSIER_JOURNAL_CHANGE_EVENTS, data->event->client_id, NULL);
  return TRUE;
}

/**
 * dossier_journal_add_event_async:
 * @self: a #DossierJournal
 * @event: the event; its `id` is ignored, and `occurred_at` 0 means now
 * @cancellable: (nullable): a #GCancellable
 * @callback: called once the event is committed
 * @user_data: data for @callback
 *
 * Appends @event to its client's timeline and emits #DossierJournal::events-added.
 * @event is copied before this returns.
 */
void
dossier_journal_add_event_async (DossierJournal            *self,
                                 const DossierJournalEvent *event,
                                 GCancellable              *cancellable,
                                 GAsyncReadyCallback        callback,
                                 gpointer                   user_data)
{
  g_autoptr(GTask) task = NULL;
  AddEvent *data;

  g_return_if_fail (DOSSIER_IS_JOURNAL (self));
  g_return_if_fail (event != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, dossier_journal_add_event_async);

  if (event->client_id == NULL || event->client_id[0] == '\0' ||
      event->kind == NULL || event->kind[0] == '\0' ||
      (event->details != NULL && !JSON_NODE_HOLDS_OBJECT (event->details)))
    {
      g_task_return_new_error (task, DOSSIER_JOURNAL_ERROR, DOSSIER_JOURNAL_ERROR_INVALID,
                               _("An event needs a client, a kind and, if any, details "
                                 "that are a JSON object."));
      return;
    }

  /* Serialised here so the worker never reads a node the caller may still change. */
  data = g_new0 (AddEvent, 1);
  data->event = dossier_journal_event_copy (event);
  g_clear_pointer (&data->event->details, json_node_unref);
  data->details = _dossier_journal_json_dump (event->details);
  if (data->event->occurred_at == 0)
    data->event->occurred_at = g_get_real_time ();

  _dossier_journal_submit (self, g_steal_pointer (&task), add_event_run,
                           data, (GDestroyNotify) add_event_free);
}

/**
 * dossier_journal_add_event_finish:
 * @self: a #DossierJournal
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Returns: the new event's id (> 0), or 0 with @error set
 */
gint64
dossier_journal_add_event_finish (DossierJournal  *self,
                                  GAsyncResult    *result,
                                  GError         **error)
{
  return _dossier_journal_propagate_id (self, result, dossier_journal_add_event_async, error);
}

static DossierJournalEvent *
event_from_row (sqlite3_stmt *stmt)
{
  DossierJournalEvent *event = g_new0 (DossierJournalEvent, 1);

  event->id = sqlite3_column_int64 (stmt, 0);
  event->client_id = _dossier_journal_column_text (stmt, 1);
  event->request_id = _dossier_journal_column_text (stmt, 2);
  event->kind = _dossier_journal_column_text (stmt, 3);
  event->occurred_at = sqlite3_column_int64 (stmt, 4);
  event->observed = sqlite3_column_int (stmt, 5) != 0;
  event->action = _dossier_journal_column_text (stmt, 6);
  event->trace_id = _dossier_journal_column_text (stmt, 7);
  event->details = _dossier_journal_column_json (stmt, 8);
  event->digest = _dossier_journal_column_text (stmt, 9);
  event->forgotten = sqlite3_column_int (stmt, 10) != 0;

  return event;
}

#define EVENT_COLUMNS "id, client_id, request_id, kind, occurred_at, observed, action, trace_id," \
                      " details, digest, tombstone"

/* The newest ?3 rows that match, returned oldest first. The variants differ only by
 * which filters apply, so each can use the client index; values are always bound. */
static const char * const list_events_sql[] = {
  "SELECT * FROM (SELECT " EVENT_COLUMNS " FROM events"
  " ORDER BY occurred_at DESC, id DESC LIMIT ?3) ORDER BY occurred_at, id",
  "SELECT * FROM (SELECT " EVENT_COLUMNS " FROM events WHERE client_id = ?1"
  " ORDER BY occurred_at DESC, id DESC LIMIT ?3) ORDER BY occurred_at, id",
  "SELECT * FROM (SELECT " EVENT_COLUMNS " FROM events WHERE client_id = ?1 AND request_id = ?2"
  " ORDER BY occurred_at DESC, id DESC LIMIT ?3) ORDER BY occurred_at, id",
  "SELECT * FROM (SELECT " EVENT_COLUMNS " FROM events WHERE request_id = ?2"
  " ORDER BY occurred_at DESC, id DESC LIMIT ?3) ORDER BY occurred_at, id",
};

static gboolean
list_events_run (sqlite3            *db,
                 gpointer            user_data,
                 DossierJournalJob  *job,
                 GError            **error)
{
  ListEvents *data = user_data;
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  guint variant;
  int rc;

  if (data->client_id != NULL)
    variant = data->request_id != NULL ? 2 : 1;
  else
    variant = data->request_id != NULL ? 3 : 0;

  stmt = _dossier_journal_sql_prepare (db, list_events_sql[variant], error);
  if (stmt == NULL)
    return FALSE;

  _dossier_journal_bind_text (stmt, 1, data->client_id);
  _dossier_journal_bind_text (stmt, 2, data->request_id);
  sqlite3_bind_int64 (stmt, 3, data->limit > 0 ? (gint64) data->limit : -1);

  events = g_ptr_array_new_with_free_func ((GDestroyNotify) dossier_journal_event_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (events, event_from_row (stmt));

  if (rc != SQLITE_DONE)
    {
      _dossier_journal_sql_error (error, db, _("read the timeline"));
      return FALSE;
    }

  _dossier_journal_job_take_result (job, g_steal_pointer (&events),
                                    (GDestroyNotify) g_ptr_array_unref);
  return TRUE;
}

/**
 * dossier_journal_list_events_async:
 * @self: a #DossierJournal
 * @client_id: (nullable): only this client's events
 * @request_id: (nullable): only this request's events
 * @limit: the newest @limit events only, or 0 for all
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the events
 * @user_data: data for @callback
 *
 * Reads events in the order they occurred (ties in the order they were stored).
 */
void
dossier_journal_list_events_async (DossierJournal      *self,
                                   const char          *client_id,
                                   const char          *request_id,
                                   guint                limit,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  ListEvents *data;

  g_return_if_fail (DOSSIER_IS_JOURNAL (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, dossier_journal_list_events_async);

  data = g_new0 (ListEvents, 1);
  data->client_id = g_strdup (client_id);
  data->request_id = g_strdup (request_id);
  data->limit = limit;

  _dossier_journal_submit (self, g_steal_pointer (&task), list_events_run,
                           data, (GDestroyNotify) list_events_free);
}

/**
 * dossier_journal_list_events_finish:
 * @self: a #DossierJournal
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Returns: (transfer container) (element-type DossierJournalEvent): the events,
 *   oldest first, or %NULL with @error set
 */
GPtrArray *
dossier_journal_list_events_finish (DossierJournal  *self,
                                    GAsyncResult    *result,
                                    GError         **error)
{
  return _dossier_journal_propagate_pointer (self, result, dossier_journal_list_events_async,
                                             error);
}
