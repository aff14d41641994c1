/* dossier-journal-notes.c — a client's notes; adding, editing or deleting one records its event
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A note's change and its note-added, note-edited or note-deleted event are written in
 * one transaction, so every note is inside the evidence chain.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "dossier-journal-private.h"

typedef struct {
  gint64  id;
  char   *client_id;
  char   *text;
} NoteData;

static void
note_data_free (NoteData *data)
{
  g_free (data->client_id);
  g_free (data->text);
  g_free (data);
}

/* The note's event, chained like every other one: its text is covered by its SHA-256. */
static gboolean
append_note_event (sqlite3            *db,
                   DossierJournalJob  *job,
                   const char         *client_id,
                   const char         *kind,
                   gint64              note_id,
                   const char         *text,
                   gint64              now,
                   GError            **error)
{
  g_autoptr(DossierJournalEvent) event = dossier_journal_event_new (client_id, NULL, kind, now);
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) details = NULL;
  g_autofree char *text_sha256 = NULL;
  g_autofree char *dumped = NULL;
  gint64 id = 0;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "note_id");
  json_builder_add_int_value (builder, note_id);
  if (text != NULL)
    {
      text_sha256 = g_compute_checksum_for_string (G_CHECKSUM_SHA256, text, -1);
      json_builder_set_member_name (builder, "text_sha256");
      json_builder_add_string_value (builder, text_sha256);
    }
  json_builder_end_object (builder);
  details = json_builder_get_root (builder);
  dumped = _dossier_journal_json_dump (details);
  event->action = g_strdup ("note");

  return _dossier_journal_chain_append (db, _dossier_journal_job_chain (job), event, dumped,
                                        &id, error);
}

static gboolean
add_note_run (sqlite3            *db,
              gpointer            user_data,
              DossierJournalJob  *job,
              GError            **error)
{
  NoteData *data = user_data;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gint64 now = g_get_real_time ();
  gint64 note_id;

  /* One transaction: the note and its event, so a note is never outside the chain. */
  if (!_dossier_journal_begin (db, error))
    return FALSE;

  stmt = _dossier_journal_sql_prepare (db,
                                       "INSERT INTO notes (client_id, text, created_at, updated_at)"
                                       " VALUES (?, ?, ?, ?)",
                                       error);
  if (stmt == NULL)
    {
      _dossier_journal_rollback (db);
      return FALSE;
    }

  _dossier_journal_bind_text (stmt, 1, data->client_id);
  _dossier_journal_bind_text (stmt, 2, data->text);
  sqlite3_bind_int64 (stmt, 3, now);
  sqlite3_bind_int64 (stmt, 4, now);

  if (!_dossier_journal_sql_done (stmt, error))
    {
      _dossier_journal_rollback (db);
      return FALSE;
    }
  note_id = sqlite3_last_insert_rowid (db);

  if (!append_note_event (db, job, data->client_id, DOSSIER_JOURNAL_EVENT_NOTE_ADDED, note_id,
                          data->text, now, error) ||
      !_dossier_journal_commit (db, error))
    {
      _dossier_journal_rollback (db);
      return FALSE;
    }

  _dossier_journal_job_set_id (job, note_id);
  _dossier_journal_job_changed (job, DOSSIER_JOURNAL_CHANGE_NOTES, data->client_id, NULL);
  return TRUE;
}

static gboolean
change_note_step (sqlite3            *db,
                  NoteData           *data,
                  gint64              now,
                  char              **client_id,
                  GError            **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (data->text != NULL)
    {
      stmt = _dossier_journal_sql_prepare (db,
                                           "UPDATE notes SET text = ?, updated_at = ?"
                                           " WHERE id = ? RETURNING client_id",
                                           error);
      if (stmt == NULL)
        return FALSE;
      _dossier_journal_bind_text (stmt, 1, data->text);
      sqlite3_bind_int64 (stmt, 2, now);
      sqlite3_bind_int64 (stmt, 3, data->id);
    }
  else
    {
      stmt = _dossier_journal_sql_prepare (db, "DELETE FROM notes WHERE id = ? RETURNING client_id",
                                           error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, data->id);
    }

  if (!_dossier_journal_sql_returning (stmt, client_id, error))
    return FALSE;

  if (*client_id == NULL)
    {
      g_set_error (error, DOSSIER_JOURNAL_ERROR, DOSSIER_JOURNAL_ERROR_NOT_FOUND,
                   _("This note no longer exists."));
      return FALSE;
    }
  return TRUE;
}

/* Updates (text set) or deletes (text NULL) one note, records the event and reports its
 * client, in one transaction. */
static gboolean
change_note_run (sqlite3            *db,
                 gpointer            user_data,
                 DossierJournalJob  *job,
                 GError            **error)
{
  NoteData *data = user_data;
  g_autofree char *client_id = NULL;
  gint64 now = g_get_real_time ();

  if (!_dossier_journal_begin (db, error))
    return FALSE;

  if (!change_note_step (db, data, now, &client_id, error) ||
      !append_note_event (db, job, client_id,
                          data->text != NULL ? DOSSIER_JOURNAL_EVENT_NOTE_EDITED
                                             : DOSSIER_JOURNAL_EVENT_NOTE_DELETED,
                          data->id, data->text, now, error) ||
      !_dossier_journal_commit (db, error))
    {
      _dossier_journal_rollback (db);
      return FALSE;
    }

  _dossier_journal_job_changed (job, DOSSIER_JOURNAL_CHANGE_NOTES, client_id, NULL);
  return TRUE;
}

/**
 * dossier_journal_add_note_async:
 * @self: a #DossierJournal
 * @client_id: the client
 * @text: the note
 * @cancellable: (nullable): a #GCancellable
 * @callback: called once the note is committed
 * @user_data: data for @callback
 */
void
dossier_journal_add_note_async (DossierJournal      *self,
                                const char          *client_id,
                                const char          *text,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  NoteData *data;

  g_return_if_fail (DOSSIER_IS_JOURNAL (self));
  g_return_if_fail (client_id != NULL);
  g_return_if_fail (text != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, dossier_journal_add_note_async);

  data = g_new0 (NoteData, 1);
  data->client_id = g_strdup (client_id);
  data->text = g_strdup (text);

  _dossier_journal_submit (self, g_steal_pointer (&task), add_note_run,
                           data, (GDestroyNotify) note_data_free);
}

/**
 * dossier_journal_add_note_finish:
 * @self: a #DossierJournal
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Returns: the new note's id (> 0), or 0 with @error set
 */
gint64
dossier_journal_add_note_finish (DossierJournal  *self,
                                 GAsyncResult    *result,
                                 GError         **error)
{
  return _dossier_journal_propagate_id (self, result, dossier_journal_add_note_async, error);
}

/**
 * dossier_journal_update_note_async:
 * @self: a #DossierJournal
 * @note_id: the note
 * @text: its new text
 * @cancellable: (nullable): a #GCancellable
 * @callback: called once the change is committed
 * @user_data: data for @callback
 *
 * Replaces a note's text; a missing note fails with %DOSSIER_JOURNAL_ERROR_NOT_FOUND.
 */
void
dossier_journal_update_note_async (DossierJournal      *self,
                                   gint64               note_id,
                                   const char          *text,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  NoteData *data;

  g_return_if_fail (DOSSIER_IS_JOURNAL (self));
  g_return_if_fail (text != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, dossier_journal_update_note_async);

  data = g_new0 (NoteData, 1);
  data->id = note_id;
  data->text = g_strdup (text);

  _dossier_journal_submit (self, g_steal_pointer (&task), change_note_run,
                           data, (GDestroyNotify) note_data_free);
}

/**
 * dossier_journal_update_note_finish:
 * @self: a #DossierJournal
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Returns: %TRUE when the note was changed
 */
gboolean
dossier_journal_update_note_finish (DossierJournal  *self,
                                    GAsyncResult    *result,
                                    GError         **error)
{
  return _dossier_journal_propagate_boolean (self, result, dossier_journal_update_note_async,
                                             error);
}

/**
 * dossier_journal_delete_note_async:
 * @self: a #DossierJournal
 * @note_id: the note
 * @cancellable: (nullable): a #GCancellable
 * @callback: called once the deletion is committed
 * @user_data: data for @callback
 */
void
dossier_journal_delete_note_async (DossierJournal      *self,
                                   gint64               note_id,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  NoteData *data;

  g_return_if_fail (DOSSIER_IS_JOURNAL (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, dossier_journal_delete_note_async);

  data = g_new0 (NoteData, 1);
  data->id = note_id;

  _dossier_journal_submit (self, g_steal_pointer (&task), change_note_run,
                           data, (GDestroyNotify) note_data_free);
}

/**
 * dossier_journal_delete_note_finish:
 * @self: a #DossierJournal
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Returns: %TRUE when the note was deleted
 */
gboolean
dossier_journal_delete_note_finish (DossierJournal  *self,
                                    GAsyncResult    *result,
                                    GError         **error)
{
  return _dossier_journal_propagate_boolean (self, result, dossier_journal_delete_note_async,
                                             error);
}

static gboolean
list_notes_run (sqlite3            *db,
                gpointer            user_data,
                DossierJournalJob  *job,
                GError            **error)
{
  NoteData *data = user_data;
  g_autoptr(GPtrArray) notes = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = _dossier_journal_sql_prepare (db,
                                       "SELECT id, client_id, text, created_at, updated_at"
                                       " FROM notes WHERE client_id = ? ORDER BY created_at, id",
                                       error);
  if (stmt == NULL)
    return FALSE;

  _dossier_journal_bind_text (stmt, 1, data->client_id);

  notes = g_ptr_array_new_with_free_func ((GDestroyNotify) dossier_journal_note_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      DossierJournalNote *note = g_new0 (DossierJournalNote, 1);

      note->id = sqlite3_column_int64 (stmt, 0);
      note->client_id = _dossier_journal_column_text (stmt, 1);
      note->text = _dossier_journal_column_text (stmt, 2);
      note->created_at = sqlite3_column_int64 (stmt, 3);
      note->updated_at = sqlite3_column_int64 (stmt, 4);
      g_ptr_array_add (notes, note);
    }

  if (rc != SQLITE_DONE)
    {
      _dossier_journal_sql_error (error, db, _("read the notes"));
      return FALSE;
    }

  _dossier_journal_job_take_result (job, g_steal_pointer (&notes),
                                    (GDestroyNotify) g_ptr_array_unref);
  return TRUE;
}

/**
 * dossier_journal_list_notes_async:
 * @self: a #DossierJournal
 * @client_id: the client
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the notes
 * @user_data: data for @callback
 */
void
dossier_journal_list_notes_async (DossierJournal      *self,
                                  const char          *client_id,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  NoteData *data;

  g_return_if_fail (DOSSIER_IS_JOURNAL (self));
  g_return_if_fail (client_id != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, dossier_journal_list_notes_async);

  data = g_new0 (NoteData, 1);
  data->client_id = g_strdup (client_id);

  _dossier_journal_submit (self, g_steal_pointer (&task), list_notes_run,
                           data, (GDestroyNotify) note_data_free);
}

/**
 * dossier_journal_list_notes_finish:
 * @self: a #DossierJournal
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Returns: (transfer container) (element-type DossierJournalNote): the client's notes,
 *   oldest first, or %NULL with @error set
 */
GPtrArray *
dossier_journal_list_notes_finish (DossierJournal  *self,
                                   GAsyncResult    *result,
                                   GError         **error)
{
  return _dossier_journal_propagate_pointer (self, result, dossier_journal_list_notes_async,
                                             error);
}
