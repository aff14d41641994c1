/* dossier-journal-chain.c — the evidence chain: digests, links, keys and the chain head
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "dossier-journal-private.h"

/*
 * Every event row carries two values (schema v3):
 *
 *   digest = SHA-256 (canonical content), hex. The content is, in this order, kind,
 *            client id, request id, occurred_at (decimal), observed ("0"/"1"), action,
 *            trace id and the details object in canonical JSON (members sorted by
 *            name in byte order, no spaces, integers in decimal, doubles as
 *            g_ascii_dtostr(), strings with only `"`, `\` and control characters
 *            escaped). Each field is written as "<byte length>:<bytes>;", or "-;"
 *            when absent, after the tag "dossier-event/1;". Details that no longer
 *            parse are hashed as their raw text, tagged "!raw:".
 *   hmac   = HMAC-SHA256 (key, digest ‖ previous row's hmac), hex, rows in id order;
 *            the first row's previous hmac is "". Unkeyed (no Secret Service), the
 *            link is SHA-256 (digest ‖ previous hmac): still a chain, but anyone can
 *            recompute it, so it only proves consistency.
 *
 * The key (32 random bytes) and the chain head (id and hmac of the newest row) live
 * in the Secret Service (dossier-journal-keyring.c); the `meta` table holds the
 * installation id they are filed under and `chain_mode` ("keyed"/"unkeyed").
 *
 * Head rule. The head is stored after commits, asynchronously on the worker thread:
 * when the job queue runs empty after one or more appends, and at least every
 * HEAD_EVERY appends under sustained load, and when the journal closes. A kill
 * between a commit and the head update leaves rows newer than the stored head. So a
 * verification accepts the chain when the row the head names still exists with the
 * same hmac, and every row after it links correctly from it (which, keyed, nobody
 * without the key can forge); the number of such rows is reported as n_after_head.
 * A head naming a row that is gone, or whose hmac differs, means the newest rows were
 * deleted (or the chain rebuilt). When the journal opens and finds that, it stops
 * moving the head, so the evidence stays until a person has seen it. What the rule
 * cannot see: rows appended after the last head update and then deleted.
 *
 * Modes. A new chain (or the v2→v3 migration) starts unkeyed; when a Secret Service
 * answers, the journal creates the key, checks the unkeyed chain, stores the key and
 * re-links every row with it in one transaction (chain_mode becomes "keyed"). A keyed
 * chain whose key cannot be read opens with key_missing: new rows are linked unkeyed
 * and verification reports %DOSSIER_JOURNAL_PROBLEM_KEY_UNAVAILABLE.
 */

#define HEAD_EVERY 64

/* The digest itself is computed in dossier-journal-digest.c. */

/* The link of a row: keyed HMAC, or plain SHA-256 when @keyed is FALSE. */
char *
_dossier_journal_chain_link (DossierJournalChain *chain,
                             gboolean             keyed,
                             const char          *digest,
                             const char          *previous)
{
  if (keyed)
    {
      g_autoptr(GHmac) hmac = g_hmac_new (G_CHECKSUM_SHA256, chain->key, sizeof chain->key);

      g_hmac_update (hmac, (const guchar *) digest, -1);
      g_hmac_update (hmac, (const guchar *) previous, -1);
      return g_strdup (g_hmac_get_string (hmac));
    }
  else
    {
      g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);

      g_checksum_update (checksum, (const guchar *) digest, -1);
      g_checksum_update (checksum, (const guchar *) previous, -1);
      return g_strdup (g_checksum_get_string (checksum));
    }
}

static gboolean
newest_link (sqlite3  *db,
             gint64   *id,
             char    **hmac,
             GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = _dossier_journal_sql_prepare (db, "SELECT id, hmac FROM events ORDER BY id DESC LIMIT 1",
                                       error);
  if (stmt == NULL)
    return FALSE;

  *id = 0;
  *hmac = NULL;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      *id = sqlite3_column_int64 (stmt, 0);
      *hmac = _dossier_journal_column_text (stmt, 1);
    }
  else if (rc != SQLITE_DONE)
    {
      _dossier_journal_sql_error (error, db, _("read the evidence chain"));
      return FALSE;
    }

  if (*hmac == NULL)
    *hmac = g_strdup ("");
  return TRUE;
}

/* Inserts @event (details already serialised) linked to the newest row. The caller
 * holds a write transaction, so the newest row cannot change underneath. */
gboolean
_dossier_journal_chain_append (sqlite3                    *db,
                               DossierJournalChain        *chain,
                               const DossierJournalEvent  *event,
                               const char                 *details,
                               gint64                     *id,
                               GError                    **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *previous = NULL;
  g_autofree char *digest = NULL;
  g_autofree char *link = NULL;
  gint64 newest_id;

  if (!newest_link (db, &newest_id, &previous, error))
    return FALSE;

  digest = _dossier_journal_digest_fields (event->kind, event->client_id, event->request_id, event->occurred_at,
                          event->observed, event->action, event->trace_id, details);
  link = _dossier_journal_chain_link (chain, chain->keyed, digest, previous);

  stmt = _dossier_journal_sql_prepare (db,
                                       "INSERT INTO events (client_id, request_id, kind, occurred_at,"
                                       " observed, action, trace_id, details, digest, hmac)"
                                       " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                                       error);
  if (stmt == NULL)
    return FALSE;

  _dossier_journal_bind_text (stmt, 1, event->client_id);
  _dossier_journal_bind_text (stmt, 2, event->request_id);
  _dossier_journal_bind_text (stmt, 3, event->kind);
  sqlite3_bind_int64 (stmt, 4, event->occurred_at);
  sqlite3_bind_int (stmt, 5, event->observed ? 1 : 0);
  _dossier_journal_bind_text (stmt, 6, event->action);
  _dossier_journal_bind_text (stmt, 7, event->trace_id);
  _dossier_journal_bind_text (stmt, 8, details);
  _dossier_journal_bind_text (stmt, 9, digest);
  _dossier_journal_bind_text (stmt, 10, link);

  if (!_dossier_journal_sql_done (stmt, error))
    return FALSE;

  *id = sqlite3_last_insert_rowid (db);
  chain->head_dirty = TRUE;
  chain->appends_since_head++;
  return TRUE;
}

/* (Re)links every row in id order, with or without the key. With @digests_too, also
 * computes each row's digest from its content (rows written before schema v3). */
static gboolean
relink_all (sqlite3              *db,
            DossierJournalChain  *chain,
            gboolean              keyed,
            gboolean              digests_too,
            GError              **error)
{
  g_autoptr(sqlite3_stmt) select = NULL;
  g_autoptr(sqlite3_stmt) update = NULL;
  g_autofree char *previous = g_strdup ("");
  int rc;

  select = _dossier_journal_sql_prepare (db,
                                         "SELECT id, digest, kind, client_id, request_id, occurred_at,"
                                         " observed, action, trace_id, details FROM events ORDER BY id",
                                         error);
  update = _dossier_journal_sql_prepare (db, "UPDATE events SET digest = ?, hmac = ? WHERE id = ?",
                                         error);
  if (select == NULL || update == NULL)
    return FALSE;

  while ((rc = sqlite3_step (select)) == SQLITE_ROW)
    {
      g_autofree char *digest = NULL;
      g_autofree char *link = NULL;

      if (digests_too || sqlite3_column_type (select, 1) == SQLITE_NULL)
        digest = _dossier_journal_chain_digest (select, 2);
      else
        digest = _dossier_journal_column_text (select, 1);

      link = _dossier_journal_chain_link (chain, keyed, digest, previous);

      sqlite3_reset (update);
      _dossier_journal_bind_text (update, 1, digest);
      _dossier_journal_bind_text (update, 2, link);
      sqlite3_bind_int64 (update, 3, sqlite3_column_int64 (select, 0));
      if (!_dossier_journal_sql_done (update, error))
        return FALSE;

      g_free (previous);
      previous = g_steal_pointer (&link);
    }

  if (rc != SQLITE_DONE)
    {
      _dossier_journal_sql_error (error, db, _("read the evidence chain"));
      return FALSE;
    }

  return TRUE;
}

/* Part of the v2 → v3 migration, inside its transaction: digests and unkeyed links
 * for the events written before the chain existed. */
gboolean
_dossier_journal_chain_migrate (sqlite3              *db,
                                DossierJournalChain  *chain,
                                GError              **error)
{
  return relink_all (db, chain, FALSE, TRUE, error);
}

static char *
meta_get (sqlite3    *db,
          const char *name)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = _dossier_journal_sql_prepare (db, "SELECT value FROM meta WHERE name = ?", NULL);
  if (stmt == NULL)
    return NULL;
  _dossier_journal_bind_text (stmt, 1, name);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return NULL;
  return _dossier_journal_column_text (stmt, 0);
}

static gboolean
key_from_hex (DossierJournalChain *chain,
              const char          *hex)
{
  if (hex == NULL || strlen (hex) != 2 * DOSSIER_JOURNAL_KEY_SIZE)
    return FALSE;

  for (guint i = 0; i < DOSSIER_JOURNAL_KEY_SIZE; i++)
    {
      int high = g_ascii_xdigit_value (hex[2 * i]);
      int low = g_ascii_xdigit_value (hex[2 * i + 1]);

      if (high < 0 || low < 0)
        return FALSE;
      chain->key[i] = (guint8) (high << 4 | low);
    }

  return TRUE;
}

static char *
key_to_hex (DossierJournalChain *chain)
{
  GString *hex = g_string_new (NULL);

  for (guint i = 0; i < DOSSIER_JOURNAL_KEY_SIZE; i++)
    g_string_append_printf (hex, "%02x", chain->key[i]);
  return g_string_free (hex, FALSE);
}

/* Re-links an unkeyed chain with the key, after checking it, in one transaction. */
static gboolean
upgrade_to_keyed (sqlite3              *db,
                  DossierJournalChain  *chain,
                  GError              **error)
{
  g_autoptr(DossierJournalVerification) check = NULL;

  chain->keyed = FALSE;
  check = _dossier_journal_chain_verify (db, chain, error);
  if (check == NULL)
    return FALSE;
  if (!check->ok)
    {
      g_warning ("The journal's unkeyed chain does not verify (event %" G_GINT64_FORMAT
                 "); it stays unkeyed", check->event_id);
      return TRUE;
    }

  if (!_dossier_journal_begin (db, error))
    return FALSE;
  if (!relink_all (db, chain, TRUE, FALSE, error) ||
      !_dossier_journal_sql_exec (db, "UPDATE meta SET value = 'keyed' WHERE name = 'chain_mode'",
                                  error) ||
      !_dossier_journal_commit (db, error))
    {
      _dossier_journal_rollback (db);
      return FALSE;
    }

  chain->keyed = TRUE;
  chain->head_dirty = TRUE;
  return TRUE;
}

/* Called once the schema is current: reads the installation id, finds or creates the
 * key and decides the mode (see "Modes" above). Never fails for lack of a keyring. */
gboolean
_dossier_journal_chain_setup (sqlite3              *db,
                              DossierJournalChain  *chain,
                              GError              **error)
{
  g_autofree char *mode = meta_get (db, "chain_mode");
  g_autofree char *stored_key = NULL;
  g_autofree char *head = NULL;
  g_autoptr(GError) local_error = NULL;
  gboolean was_keyed = g_strcmp0 (mode, "keyed") == 0;

  g_free (chain->installation_id);
  chain->installation_id = meta_get (db, "installation_id");
  chain->keyed = FALSE;
  chain->key_missing = FALSE;
  chain->head_updates = TRUE;

  if (chain->installation_id == NULL)
    {
      g_set_error (error, DOSSIER_JOURNAL_ERROR, DOSSIER_JOURNAL_ERROR_CORRUPT,
                   _("The local journal has lost its installation id."));
      return FALSE;
    }

  if (!_dossier_journal_keyring_connect (chain) ||
      !_dossier_journal_keyring_lookup (chain, "key", &stored_key, &local_error))
    {
      if (local_error != NULL)
        g_debug ("journal: the key could not be read: %s", local_error->message);
      chain->key_missing = was_keyed;
      return TRUE;
    }

  if (stored_key != NULL && !key_from_hex (chain, stored_key))
    {
      g_warning ("The journal's key in the keyring is not valid");
      chain->key_missing = was_keyed;
      return TRUE;
    }

  if (stored_key == NULL)
    {
      g_autofree char *hex = NULL;

      if (was_keyed)
        {
          chain->key_missing = TRUE;
          return TRUE;
        }

      for (guint i = 0; i < DOSSIER_JOURNAL_KEY_SIZE; i += 4)
        {
          guint32 word = g_random_int ();

          memcpy (chain->key + i, &word, 4);
        }
      hex = key_to_hex (chain);
      if (!_dossier_journal_keyring_store (chain, "key", hex, &local_error))
        {
          g_debug ("journal: the key could not be stored: %s", local_error->message);
          memset (chain->key, 0, sizeof chain->key);
          return TRUE;
        }
    }

  if (!was_keyed)
    return upgrade_to_keyed (db, chain, error);

  chain->keyed = TRUE;

  /* A head that no longer matches is evidence: keep it instead of moving it. */
  if (_dossier_journal_keyring_lookup (chain, "head", &head, NULL) && head != NULL)
    {
      g_autoptr(DossierJournalVerification) check = _dossier_journal_chain_verify (db, chain, NULL);

      chain->head_frozen = check != NULL && check->problem == DOSSIER_JOURNAL_PROBLEM_NEWEST_DELETED;
    }

  return TRUE;
}

/* Stores the head when events were added since the last time (see "Head rule"). */
void
_dossier_journal_chain_store_head (sqlite3             *db,
                                   DossierJournalChain *chain)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *hmac = NULL;
  g_autofree char *value = NULL;
  gint64 id = 0;

  if (!chain->head_dirty || !chain->keyed || !chain->head_updates || chain->head_frozen)
    return;

  if (!newest_link (db, &id, &hmac, &error) ||
      !_dossier_journal_keyring_store (chain, "head",
                                       (value = g_strdup_printf ("%" G_GINT64_FORMAT ":%s", id, hmac)),
                                       &error))
    {
      g_debug ("journal: the chain head could not be stored: %s", error->message);
      return;
    }

  chain->head_dirty = FALSE;
  chain->appends_since_head = 0;
}

/* After an append: under sustained load the queue never empties, so also store now
 * and then. */
gboolean
_dossier_journal_chain_head_due (DossierJournalChain *chain)
{
  return chain->head_dirty && chain->appends_since_head >= HEAD_EVERY;
}

void
_dossier_journal_chain_clear (DossierJournalChain *chain)
{
  memset (chain->key, 0, sizeof chain->key);
  g_clear_object (&chain->service);
  g_clear_pointer (&chain->keyring_error, g_free);
  g_clear_pointer (&chain->installation_id, g_free);
}
