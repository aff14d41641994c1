/* dossier-journal-verify.c — verifying the evidence chain and forgetting a client
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "dossier-journal-private.h"

G_DEFINE_BOXED_TYPE (DossierJournalVerification, dossier_journal_verification,
                     dossier_journal_verification_copy, dossier_journal_verification_free)

G_DEFINE_ENUM_TYPE (DossierJournalProblem, dossier_journal_problem,
  G_DEFINE_ENUM_VALUE (DOSSIER_JOURNAL_PROBLEM_NONE, "none"),
  G_DEFINE_ENUM_VALUE (DOSSIER_JOURNAL_PROBLEM_CONTENT_EDITED, "content-edited"),
  G_DEFINE_ENUM_VALUE (DOSSIER_JOURNAL_PROBLEM_ROW_DELETED, "row-deleted"),
  G_DEFINE_ENUM_VALUE (DOSSIER_JOURNAL_PROBLEM_NEWEST_DELETED, "newest-deleted"),
  G_DEFINE_ENUM_VALUE (DOSSIER_JOURNAL_PROBLEM_REORDERED, "reordered"),
  G_DEFINE_ENUM_VALUE (DOSSIER_JOURNAL_PROBLEM_KEY_UNAVAILABLE, "key-unavailable"))

/**
 * dossier_journal_verification_copy:
 * @verification: a result
 *
 * Returns: (transfer full): the copy
 */
DossierJournalVerification *
dossier_journal_verification_copy (const DossierJournalVerification *verification)
{
  DossierJournalVerification *copy;

  g_return_val_if_fail (verification != NULL, NULL);

  copy = g_memdup2 (verification, sizeof *verification);
  copy->message = g_strdup (verification->message);
  return copy;
}

/**
 * dossier_journal_verification_free:
 * @verification: (nullable): a result
 */
void
dossier_journal_verification_free (DossierJournalVerification *verification)
{
  if (verification == NULL)
    return;

  g_free (verification->message);
  g_free (verification);
}

typedef struct {
  gint64    id;
  char     *digest;
  char     *hmac;
  gboolean  content_ok;
} Row;

static void
row_clear (gpointer data)
{
  Row *row = data;

  g_free (row->digest);
  g_free (row->hmac);
}

static GArray *
read_rows (sqlite3                     *db,
           DossierJournalVerification  *result,
           GError                     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GArray) rows = g_array_new (FALSE, TRUE, sizeof (Row));
  int rc;

  g_array_set_clear_func (rows, row_clear);
  stmt = _dossier_journal_sql_prepare (db,
                                       "SELECT id, digest, hmac, tombstone, kind, client_id, request_id,"
                                       " occurred_at, observed, action, trace_id, details"
                                       " FROM events ORDER BY id",
                                       error);
  if (stmt == NULL)
    return NULL;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      Row row = { 0 };

      row.id = sqlite3_column_int64 (stmt, 0);
      row.digest = _dossier_journal_column_text (stmt, 1);
      row.hmac = _dossier_journal_column_text (stmt, 2);

      if (sqlite3_column_int (stmt, 3) != 0)
        {
          /* A tombstone: its digest is trusted, the content it covered must be gone. */
          row.content_ok = row.digest != NULL &&
                           sqlite3_column_type (stmt, 9) == SQLITE_NULL &&
                           sqlite3_column_type (stmt, 10) == SQLITE_NULL &&
                           sqlite3_column_type (stmt, 11) == SQLITE_NULL;
          result->n_forgotten++;
        }
      else
        {
          g_autofree char *digest = _dossier_journal_chain_digest (stmt, 4);

          row.content_ok = g_strcmp0 (digest, row.digest) == 0;
        }

      g_array_append_val (rows, row);
    }

  if (rc != SQLITE_DONE)
    {
      _dossier_journal_sql_error (error, db, _("read the evidence chain"));
      return NULL;
    }

  return g_steal_pointer (&rows);
}

/* Why row @i does not link to its predecessor: it links to another row (moved), or
 * to nothing left in the table (a deleted row), or its own link was forged. */
static DossierJournalProblem
classify_break (DossierJournalChain *chain,
                gboolean             keyed,
                GArray              *rows,
                guint                i)
{
  Row *row = &g_array_index (rows, Row, i);
  g_autofree char *as_first = _dossier_journal_chain_link (chain, keyed, row->digest, "");

  if (row->hmac == NULL)
    return DOSSIER_JOURNAL_PROBLEM_CONTENT_EDITED;

  if (i > 0 && strcmp (as_first, row->hmac) == 0)
    return DOSSIER_JOURNAL_PROBLEM_REORDERED;

  for (guint j = 0; j < rows->len; j++)
    {
      Row *other = &g_array_index (rows, Row, j);
      g_autofree char *link = NULL;

      if (j == i || other->hmac == NULL)
        continue;
      link = _dossier_journal_chain_link (chain, keyed, row->digest, other->hmac);
      if (strcmp (link, row->hmac) == 0)
        return DOSSIER_JOURNAL_PROBLEM_REORDERED;
    }

  if (i == 0 ? row->id != 1 : row->id != g_array_index (rows, Row, i - 1).id + 1)
    return DOSSIER_JOURNAL_PROBLEM_ROW_DELETED;

  return DOSSIER_JOURNAL_PROBLEM_CONTENT_EDITED;
}

static void
check_head (DossierJournalChain        *chain,
            GArray                     *rows,
            DossierJournalVerification *result)
{
  g_autofree char *head = NULL;
  const char *colon;
  gint64 head_id;

  if (!_dossier_journal_keyring_lookup (chain, "head", &head, NULL) || head == NULL ||
      (colon = strchr (head, ':')) == NULL)
    {
      result->n_after_head = rows->len;
      return;
    }

  result->head_checked = TRUE;
  head_id = g_ascii_strtoll (head, NULL, 10);
  if (head_id == 0)
    {
      result->n_after_head = rows->len;
      return;
    }

  for (guint i = 0; i < rows->len; i++)
    {
      Row *row = &g_array_index (rows, Row, i);

      if (row->id == head_id && g_strcmp0 (row->hmac, colon + 1) == 0)
        {
          result->n_after_head = rows->len - i - 1;
          return;
        }
    }

  result->problem = DOSSIER_JOURNAL_PROBLEM_NEWEST_DELETED;
  result->event_id = head_id;
}

static char *
describe (const DossierJournalVerification *result)
{
  char number[32];

  g_snprintf (number, sizeof number, "%" G_GINT64_FORMAT, result->event_id);

  switch (result->problem)
    {
    case DOSSIER_JOURNAL_PROBLEM_NONE:
      if (!result->keyed)
        return g_strdup_printf (ngettext ("The %u event in the journal is consistent, but the "
                                          "journal is not protected by a key: no keyring is "
                                          "available, so a change by someone with access to the "
                                          "file cannot be ruled out.",
                                          "The %u events in the journal are consistent, but the "
                                          "journal is not protected by a key: no keyring is "
                                          "available, so a change by someone with access to the "
                                          "file cannot be ruled out.",
                                          result->n_checked), result->n_checked);
      if (!result->head_checked)
        return g_strdup_printf (ngettext ("The %u event in the journal was verified with this "
                                          "installation’s key; its newest events could not be "
                                          "compared with the recorded chain head.",
                                          "The %u events in the journal were verified with this "
                                          "installation’s key; its newest events could not be "
                                          "compared with the recorded chain head.",
                                          result->n_checked), result->n_checked);
      return g_strdup_printf (ngettext ("The %u event in the journal was verified with this "
                                        "installation’s key.",
                                        "The %u events in the journal were verified with this "
                                        "installation’s key.",
                                        result->n_checked), result->n_checked);
    case DOSSIER_JOURNAL_PROBLEM_CONTENT_EDITED:
      /* Translators: %s is an event number. */
      return g_strdup_printf (_("Event %s was changed after it was recorded."), number);
    case DOSSIER_JOURNAL_PROBLEM_ROW_DELETED:
      /* Translators: %s is an event number. */
      return g_strdup_printf (_("An event recorded before event %s was deleted."), number);
    case DOSSIER_JOURNAL_PROBLEM_NEWEST_DELETED:
      /* Translators: %s is an event number. */
      return g_strdup_printf (_("The newest events were deleted: the journal no longer "
                                "reaches event %s, the last one recorded with the key."), number);
    case DOSSIER_JOURNAL_PROBLEM_REORDERED:
      /* Translators: %s is an event number. */
      return g_strdup_printf (_("Events were reordered: event %s is not where it was recorded."), number);
    case DOSSIER_JOURNAL_PROBLEM_KEY_UNAVAILABLE:
    default:
      return g_strdup (_("The journal’s key could not be read from the keyring, so its "
                         "events cannot be verified."));
    }
}

/* Walks the whole chain (worker thread). Returns NULL only on a database error. */
DossierJournalVerification *
_dossier_journal_chain_verify (sqlite3              *db,
                               DossierJournalChain  *chain,
                               GError              **error)
{
  g_autoptr(DossierJournalVerification) result = g_new0 (DossierJournalVerification, 1);
  g_autoptr(GArray) rows = NULL;
  const char *previous = "";

  result->keyed = chain->keyed;

  if (chain->key_missing)
    {
      result->problem = DOSSIER_JOURNAL_PROBLEM_KEY_UNAVAILABLE;
      result->message = describe (result);
      return g_steal_pointer (&result);
    }

  rows = read_rows (db, result, error);
  if (rows == NULL)
    return NULL;

  for (guint i = 0; i < rows->len && result->problem == DOSSIER_JOURNAL_PROBLEM_NONE; i++)
    {
      Row *row = &g_array_index (rows, Row, i);
      g_autofree char *expected = NULL;

      result->n_checked++;
      if (!row->content_ok)
        {
          result->problem = DOSSIER_JOURNAL_PROBLEM_CONTENT_EDITED;
          result->event_id = row->id;
          break;
        }

      expected = _dossier_journal_chain_link (chain, chain->keyed, row->digest, previous);
      if (g_strcmp0 (expected, row->hmac) != 0)
        {
          result->problem = classify_break (chain, chain->keyed, rows, i);
          result->event_id = row->id;
          break;
        }

      previous = row->hmac;
    }

  if (result->problem == DOSSIER_JOURNAL_PROBLEM_NONE && chain->keyed)
    check_head (chain, rows, result);

  result->ok = result->problem == DOSSIER_JOURNAL_PROBLEM_NONE;
  result->message = describe (result);
  return g_steal_pointer (&result);
}

static gboolean
verify_run (sqlite3            *db,
            gpointer            data,
            DossierJournalJob  *job,
            GError            **error)
{
  DossierJournalVerification *result;

  result = _dossier_journal_chain_verify (db, _dossier_journal_job_chain (job), error);
  if (result == NULL)
    return FALSE;

  _dossier_journal_job_take_result (job, result, (GDestroyNotify) dossier_journal_verification_free);
  return TRUE;
}

/**
 * dossier_journal_verify_async:
 * @self: a #DossierJournal
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the result
 * @user_data: data for @callback
 *
 * Checks every event's digest against its content and every link of the chain, and,
 * when the chain is keyed, the chain head kept in the keyring (the rule is described
 * in dossier-journal-chain.c). Runs on the journal's worker thread.
 */
void
dossier_journal_verify_async (DossierJournal      *self,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (DOSSIER_IS_JOURNAL (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, dossier_journal_verify_async);
  _dossier_journal_submit (self, g_steal_pointer (&task), verify_run, NULL, NULL);
}

/**
 * dossier_journal_verify_finish:
 * @self: a #DossierJournal
 * @result: the result given to the callback
 * @error: return location for a #GError (a database error; tampering is a result)
 *
 * Returns: (transfer full): what the verification found, or %NULL with @error set
 */
DossierJournalVerification *
dossier_journal_verify_finish (DossierJournal  *self,
                               GAsyncResult    *result,
                               GError         **error)
{
  return _dossier_journal_propagate_pointer (self, result, dossier_journal_verify_async, error);
}

static const char * const forget_sql[] = {
  "DELETE FROM drafts WHERE client_id = ?",
  "DELETE FROM notes WHERE client_id = ?",
  "DELETE FROM uploads WHERE client_id = ?",
  "DELETE FROM request_cache WHERE client_id = ?",
};

static gboolean
forget_in_transaction (sqlite3      *db,
                       DossierJournalChain *chain,
                       const char   *client_id,
                       guint        *forgotten,
                       GError      **error)
{
  g_autoptr(sqlite3_stmt) tombstones = NULL;
  g_autoptr(DossierJournalEvent) event = NULL;
  g_autofree char *details = NULL;
  gint64 id = 0;

  /* The digest and link stay: the chain still verifies over the tombstones. */
  tombstones = _dossier_journal_sql_prepare (db,
                                             "UPDATE events SET action = NULL, trace_id = NULL,"
                                             " details = NULL, tombstone = 1"
                                             " WHERE client_id = ? AND tombstone = 0",
                                             error);
  if (tombstones == NULL)
    return FALSE;
  _dossier_journal_bind_text (tombstones, 1, client_id);
  if (!_dossier_journal_sql_done (tombstones, error))
    return FALSE;
  *forgotten = sqlite3_changes (db);

  for (guint i = 0; i < G_N_ELEMENTS (forget_sql); i++)
    {
      g_autoptr(sqlite3_stmt) stmt = _dossier_journal_sql_prepare (db, forget_sql[i], error);

      if (stmt == NULL)
        return FALSE;
      _dossier_journal_bind_text (stmt, 1, client_id);
      if (!_dossier_journal_sql_done (stmt, error))
        return FALSE;
    }

  event = dossier_journal_event_new (client_id, NULL, DOSSIER_JOURNAL_EVENT_CLIENT_FORGOTTEN, 0);
  details = g_strdup_printf ("{\"tombstones\":%u}", *forgotten);
  return _dossier_journal_chain_append (db, chain, event, details, &id, error);
}

static gboolean
forget_run (sqlite3            *db,
            gpointer            data,
            DossierJournalJob  *job,
            GError            **error)
{
  const char *client_id = data;
  guint forgotten = 0;
  int rc;

  if (!_dossier_journal_begin (db, error))
    return FALSE;

  if (!forget_in_transaction (db, _dossier_journal_job_chain (job), client_id, &forgotten, error) ||
      !_dossier_journal_commit (db, error))
    {
      _dossier_journal_rollback (db);
      return FALSE;
    }

  /* secure_delete zeroed the freed content in the database pages; the old page
   * images still sit in the WAL until a checkpoint copies the new ones back and
   * TRUNCATE empties it. A busy reader only delays this to a later checkpoint. */
  rc = sqlite3_wal_checkpoint_v2 (db, NULL, SQLITE_CHECKPOINT_TRUNCATE, NULL, NULL);
  if (rc != SQLITE_OK)
    g_debug ("journal: checkpoint after forgetting a client: %s", sqlite3_errstr (rc));

  _dossier_journal_job_set_id (job, forgotten);
  _dossier_journal_job_changed (job, DOSSIER_JOURNAL_CHANGE_EVENTS, client_id, NULL);
  return TRUE;
}

/**
 * dossier_journal_forget_client_async:
 * @self: a #DossierJournal
 * @client_id: the client to forget
 * @cancellable: (nullable): a #GCancellable
 * @callback: called once everything is gone
 * @user_data: data for @callback
 *
 * In one transaction: replaces each of the client's events by a tombstone (kind, ids
 * and times stay; action, trace id and details go; the digest and link stay, so the
 * chain still verifies), deletes the client's drafts, notes, queued uploads (their
 * bytes and thumbnails) and cached requests, and appends a `client-forgotten` event.
 * Then the WAL is checkpointed and truncated, so no removed value stays in the files.
 * Emits #DossierJournal::events-added for the client.
 */
void
dossier_journal_forget_client_async (DossierJournal      *self,
                                     const char          *client_id,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (DOSSIER_IS_JOURNAL (self));
  g_return_if_fail (client_id != NULL && client_id[0] != '\0');
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, dossier_journal_forget_client_async);
  _dossier_journal_submit (self, g_steal_pointer (&task), forget_run, g_strdup (client_id), g_free);
}

/**
 * dossier_journal_forget_client_finish:
 * @self: a #DossierJournal
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Returns: how many events became tombstones (0 is a success too: check @error)
 */
guint
dossier_journal_forget_client_finish (DossierJournal  *self,
                                      GAsyncResult    *result,
                                      GError         **error)
{
  return (guint) _dossier_journal_propagate_id (self, result, dossier_journal_forget_client_async,
                                                error);
}
