/* test-journal-keyring.c — the journal's keyed evidence chain through a real Secret Service
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs under tests/with-keyring.sh (a private bus and an unlocked gnome-keyring,
 * TESTING.md §5), suite `keyring`.
 */
#include "config.h"

#include <string.h>

#include "dossier-journal-private.h"
#include "test-journal-utils.h"

static DossierJournal *
open_keyed (const char *path)
{
  g_autoptr(GError) error = NULL;
  DossierJournal *journal = journal_test_open_full (path, DOSSIER_JOURNAL_FLAGS_NONE, &error);

  g_assert_no_error (error);
  g_assert_true (dossier_journal_get_keyed (journal));
  return journal;
}

/* The fixture, reopened with the keyring. */
static void
keyed_set_up (JournalFixture *fixture,
              gconstpointer   data)
{
  journal_fixture_set_up (fixture, data);
  g_assert_finalize_object (g_steal_pointer (&fixture->journal));
  fixture->journal = open_keyed (fixture->path);
}

static void
reopen_keyed (JournalFixture *fixture)
{
  g_assert_finalize_object (g_steal_pointer (&fixture->journal));
  fixture->journal = open_keyed (fixture->path);
}

static char *
raw_text (const char *path,
          const char *sql,
          gint64      param)
{
  sqlite3 *db = journal_test_raw_open (path);
  sqlite3_stmt *stmt = NULL;
  char *value = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_bind_parameter_count (stmt) > 0)
    sqlite3_bind_int64 (stmt, 1, param);
  if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_type (stmt, 0) != SQLITE_NULL)
    value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return value;
}

static char *
keyring_item (const char *path,
              const char *item)
{
  g_autofree char *installation = raw_text (path, "SELECT value FROM meta WHERE name = 'installation_id'", 0);
  g_autoptr(GError) error = NULL;
  char *value;

  value = secret_password_lookup_sync (dossier_journal_get_secret_schema (), NULL, &error,
                                       "installation", installation, "item", item, NULL);
  g_assert_no_error (error);
  return value;
}

static void
add_events (DossierJournal *journal,
            guint           count)
{
  for (guint i = 0; i < count; i++)
    {
      g_autofree char *details = g_strdup_printf ("{\"n\":%u}", i);

      journal_test_add (journal, "c-1", "under-review", details);
    }
}

static void
assert_ok (DossierJournal *journal,
           guint           n_checked,
           guint           n_after_head)
{
  g_autoptr(DossierJournalVerification) verification = journal_test_verify (journal);

  g_assert_true (verification->ok);
  g_assert_true (verification->keyed);
  g_assert_true (verification->head_checked);
  g_assert_cmpuint (verification->n_checked, ==, n_checked);
  /* G_MAXUINT: the head is stored asynchronously, so it may lag while open. */
  if (n_after_head != G_MAXUINT)
    g_assert_cmpuint (verification->n_after_head, ==, n_after_head);
}

static void
assert_problem (DossierJournal        *journal,
                DossierJournalProblem  problem,
                gint64                 event_id)
{
  g_autoptr(DossierJournalVerification) verification = journal_test_verify (journal);

  g_assert_false (verification->ok);
  g_assert_true (verification->keyed);
  g_assert_cmpint (verification->problem, ==, problem);
  g_assert_cmpint (verification->event_id, ==, event_id);
}

static void
test_keyed_chain (JournalFixture *fixture,
                  gconstpointer   data)
{
  g_autofree char *key_hex = NULL;
  g_autofree char *head = NULL;
  g_autofree char *digest = NULL;
  g_autofree char *previous = NULL;
  g_autofree char *link = NULL;
  g_autofree char *expected_head = NULL;
  guint8 key[32];
  g_autoptr(GHmac) hmac = NULL;

  add_events (fixture->journal, 3);
  reopen_keyed (fixture);
  add_events (fixture->journal, 2);
  reopen_keyed (fixture);   /* closing stores the head */
  assert_ok (fixture->journal, 5, 0);

  /* The key is 32 bytes in the keyring, under the schema and installation id ... */
  key_hex = keyring_item (fixture->path, "key");
  g_assert_nonnull (key_hex);
  g_assert_cmpuint (strlen (key_hex), ==, 64);
  for (guint i = 0; i < 32; i++)
    key[i] = (guint8) (g_ascii_xdigit_value (key_hex[2 * i]) << 4 |
                       g_ascii_xdigit_value (key_hex[2 * i + 1]));

  /* ... each link is HMAC-SHA256 (key, digest ‖ previous link) ... */
  digest = raw_text (fixture->path, "SELECT digest FROM events WHERE id = ?", 5);
  previous = raw_text (fixture->path, "SELECT hmac FROM events WHERE id = ?", 4);
  link = raw_text (fixture->path, "SELECT hmac FROM events WHERE id = ?", 5);
  hmac = g_hmac_new (G_CHECKSUM_SHA256, key, sizeof key);
  g_hmac_update (hmac, (const guchar *) digest, -1);
  g_hmac_update (hmac, (const guchar *) previous, -1);
  g_assert_cmpstr (g_hmac_get_string (hmac), ==, link);

  /* ... and the head names the newest row. */
  head = keyring_item (fixture->path, "head");
  expected_head = g_strdup_printf ("5:%s", link);
  g_assert_cmpstr (head, ==, expected_head);
}

static void
test_keyed_edited (JournalFixture *fixture,
                   gconstpointer   data)
{
  g_autofree char *digest = NULL;
  g_autofree char *sql = NULL;

  add_events (fixture->journal, 4);
  journal_test_raw_exec (fixture->path, "UPDATE events SET details = '{\"n\":7}' WHERE id = 2");
  assert_problem (fixture->journal, DOSSIER_JOURNAL_PROBLEM_CONTENT_EDITED, 2);

  /* A forger who also recomputes the unkeyed link still cannot make it verify. */
  journal_test_raw_exec (fixture->path, "UPDATE events SET details = '{\"n\":1}' WHERE id = 2");
  assert_ok (fixture->journal, 4, G_MAXUINT);
  digest = raw_text (fixture->path, "SELECT digest FROM events WHERE id = ?", 3);
  {
    g_autofree char *previous = raw_text (fixture->path, "SELECT hmac FROM events WHERE id = ?", 2);
    g_autofree char *joined = g_strconcat (digest, previous, NULL);
    g_autofree char *forged = g_compute_checksum_for_string (G_CHECKSUM_SHA256, joined, -1);

    sql = g_strdup_printf ("UPDATE events SET hmac = '%s' WHERE id = 3", forged);
  }
  journal_test_raw_exec (fixture->path, sql);
  assert_problem (fixture->journal, DOSSIER_JOURNAL_PROBLEM_CONTENT_EDITED, 3);
}

static void
test_keyed_middle_deleted (JournalFixture *fixture,
                           gconstpointer   data)
{
  add_events (fixture->journal, 5);
  journal_test_raw_exec (fixture->path, "DELETE FROM events WHERE id = 3");
  assert_problem (fixture->journal, DOSSIER_JOURNAL_PROBLEM_ROW_DELETED, 4);
}

static void
test_keyed_reordered (JournalFixture *fixture,
                      gconstpointer   data)
{
  add_events (fixture->journal, 5);
  journal_test_raw_exec (fixture->path,
                         "UPDATE events SET id = -3 WHERE id = 3;"
                         "UPDATE events SET id = 3 WHERE id = 4;"
                         "UPDATE events SET id = 4 WHERE id = -3;");
  assert_problem (fixture->journal, DOSSIER_JOURNAL_PROBLEM_REORDERED, 3);
}

static void
test_keyed_newest_deleted (JournalFixture *fixture,
                           gconstpointer   data)
{
  add_events (fixture->journal, 6);
  reopen_keyed (fixture);
  assert_ok (fixture->journal, 6, 0);
  g_assert_finalize_object (g_steal_pointer (&fixture->journal));

  /* Deleting the tail leaves a chain that links perfectly, but ends too early. */
  journal_test_raw_exec (fixture->path, "DELETE FROM events WHERE id >= 5");
  fixture->journal = open_keyed (fixture->path);
  assert_problem (fixture->journal, DOSSIER_JOURNAL_PROBLEM_NEWEST_DELETED, 6);

  /* New events do not move the head past the evidence. */
  add_events (fixture->journal, 3);
  reopen_keyed (fixture);
  assert_problem (fixture->journal, DOSSIER_JOURNAL_PROBLEM_NEWEST_DELETED, 6);
}

/* Killed between the commits and the head update: rows newer than the head that
 * link correctly from it are accepted; deleting the head's own row is not. */
static void
test_keyed_crash_before_head (JournalFixture *fixture,
                              gconstpointer   data)
{
  g_autofree char *head_before = NULL;
  g_autofree char *head_after = NULL;

  add_events (fixture->journal, 2);
  reopen_keyed (fixture);
  head_before = keyring_item (fixture->path, "head");
  g_assert_true (g_str_has_prefix (head_before, "2:"));

  _dossier_journal_set_head_updates (fixture->journal, FALSE);
  add_events (fixture->journal, 3);
  journal_test_flush (fixture->journal);
  g_assert_finalize_object (g_steal_pointer (&fixture->journal));
  head_after = keyring_item (fixture->path, "head");
  g_assert_cmpstr (head_after, ==, head_before);

  fixture->journal = open_keyed (fixture->path);
  assert_ok (fixture->journal, 5, 3);

  g_assert_finalize_object (g_steal_pointer (&fixture->journal));
  journal_test_raw_exec (fixture->path, "DELETE FROM events WHERE id >= 2");
  fixture->journal = open_keyed (fixture->path);
  assert_problem (fixture->journal, DOSSIER_JOURNAL_PROBLEM_NEWEST_DELETED, 2);
}

/* A journal written without a keyring (or migrated from v2) becomes keyed when one
 * answers, and its existing events stay verifiable. */
static void
test_keyed_upgrade (JournalFixture *fixture,
                    gconstpointer   data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *mode = NULL;

  g_assert_finalize_object (g_steal_pointer (&fixture->journal));
  journal_test_remove_files (fixture->path);
  fixture->journal = journal_test_open (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_false (dossier_journal_get_keyed (fixture->journal));
  add_events (fixture->journal, 4);

  reopen_keyed (fixture);
  mode = raw_text (fixture->path, "SELECT value FROM meta WHERE name = 'chain_mode'", 0);
  g_assert_cmpstr (mode, ==, "keyed");
  add_events (fixture->journal, 1);
  reopen_keyed (fixture);
  assert_ok (fixture->journal, 5, 0);

  /* Keyed now: a raw edit is caught as before. */
  journal_test_raw_exec (fixture->path, "UPDATE events SET kind = 'enabled' WHERE id = 1");
  assert_problem (fixture->journal, DOSSIER_JOURNAL_PROBLEM_CONTENT_EDITED, 1);
}

static void
test_keyed_forget (JournalFixture *fixture,
                   gconstpointer   data)
{
  GAsyncResult *slot = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(DossierJournalVerification) verification = NULL;

  journal_test_add (fixture->journal, "c-1", "client-created", "{\"email\":\"a@example.org\"}");
  journal_test_add (fixture->journal, "c-2", "client-created", NULL);
  journal_test_add (fixture->journal, "c-1", "failure", "{\"message\":\"boom\"}");

  dossier_journal_forget_client_async (fixture->journal, "c-1", NULL, AWAIT (slot));
  result = journal_test_await (&slot);
  g_assert_cmpuint (dossier_journal_forget_client_finish (fixture->journal, result, &error), ==, 2);
  g_assert_no_error (error);
  g_clear_object (&result);

  reopen_keyed (fixture);
  verification = journal_test_verify (fixture->journal);
  g_assert_true (verification->ok);
  g_assert_true (verification->keyed);
  g_assert_true (verification->head_checked);
  g_assert_cmpuint (verification->n_checked, ==, 4);
  g_assert_cmpuint (verification->n_forgotten, ==, 2);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) \
  g_test_add ("/dossier/core/journal/keyring/" name, JournalFixture, NULL, \
              keyed_set_up, func, journal_fixture_tear_down)
  ADD ("chain", test_keyed_chain);
  ADD ("edited", test_keyed_edited);
  ADD ("middle-deleted", test_keyed_middle_deleted);
  ADD ("reordered", test_keyed_reordered);
  ADD ("newest-deleted", test_keyed_newest_deleted);
  ADD ("crash-before-head", test_keyed_crash_before_head);
  ADD ("upgrade", test_keyed_upgrade);
  ADD ("forget", test_keyed_forget);
#undef ADD

  status = g_test_run ();
  secret_service_disconnect ();

  return status;
}
