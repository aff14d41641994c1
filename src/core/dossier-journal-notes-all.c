/* dossier-journal-notes-all.c — every client's notes at once, for searching them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "dossier-journal-notes-all.h"
#include "dossier-journal-private.h"

static gboolean
list_all_notes_run (sqlite3            *db,
                    gpointer            user_data,
                    DossierJournalJob  *job,
                    GError            **error)
{
  g_autoptr(GPtrArray) notes = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = _dossier_journal_sql_prepare (db,
                                       "SELECT id, client_id, text, created_at, updated_at"
                                       " FROM notes ORDER BY client_id, created_at, id",
                                       error);
  if (stmt == NULL)
    return FALSE;

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

  _dossier_journal_job_take_result (job, g_steal_pointer (&notes), (GDestroyNotify) g_ptr_array_unref);
  return TRUE;
}

/**
 * dossier_journal_list_all_notes_async:
 * @self: a #DossierJournal
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the notes
 * @user_data: data for @callback
 */
void
dossier_journal_list_all_notes_async (DossierJournal      *self,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (DOSSIER_IS_JOURNAL (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, dossier_journal_list_all_notes_async);
  _dossier_journal_submit (self, g_steal_pointer (&task), list_all_notes_run, NULL, NULL);
}

/**
 * dossier_journal_list_all_notes_finish:
 * @self: a #DossierJournal
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Returns: (transfer container) (element-type DossierJournalNote): every note, or %NULL
 *   with @error set
 */
GPtrArray *
dossier_journal_list_all_notes_finish (DossierJournal  *self,
                                       GAsyncResult    *result,
                                       GError         **error)
{
  return _dossier_journal_propagate_pointer (self, result, dossier_journal_list_all_notes_async, error);
}
