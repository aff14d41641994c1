/* test-journal-utils.h — helpers shared by the journal's tests (header only)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib/gstdio.h>
#include <gio/gio.h>
#include <sqlite3.h>

#include "dossier-journal.h"

typedef struct {
  GMainContext   *context;
  char           *dir;
  char           *path;
  DossierJournal *journal;
} JournalFixture;

static inline gboolean
journal_test_timeout_cb (gpointer user_data)
{
  gboolean *timed_out = user_data;

  *timed_out = TRUE;
  return G_SOURCE_REMOVE;
}

static inline void
journal_test_store_result_cb (GObject      *source,
                              GAsyncResult *result,
                              gpointer      user_data)
{
  GAsyncResult **slot = user_data;

  g_assert_null (*slot);
  *slot = g_object_ref (result);
}

/* Iterates the thread-default context until @slot is filled; fails after 20 s. */
static inline GAsyncResult *
journal_test_await (GAsyncResult **slot)
{
  gboolean timed_out = FALSE;
  GSource *guard = g_timeout_source_new_seconds (20);

  g_source_set_callback (guard, journal_test_timeout_cb, &timed_out, NULL);
  g_source_attach (guard, g_main_context_get_thread_default ());

  while (*slot == NULL && !timed_out)
    g_main_context_iteration (g_main_context_get_thread_default (), TRUE);

  g_source_destroy (guard);
  g_source_unref (guard);
  g_assert_false (timed_out);

  return g_steal_pointer (slot);
}

#define AWAIT(res) journal_test_store_result_cb, &(res)

static inline DossierJournal *
journal_test_open_full (const char           *path,
                        DossierJournalFlags   flags,
                        GError              **error)
{
  GAsyncResult *slot = NULL;
  g_autoptr(GAsyncResult) result = NULL;

  dossier_journal_new_full_async (path, flags, NULL, AWAIT (slot));
  result = journal_test_await (&slot);
  return dossier_journal_new_finish (result, error);
}

/* The unit suite never talks to a Secret Service (the keyring suite does). */
static inline DossierJournal *
journal_test_open (const char  *path,
                   GError     **error)
{
  return journal_test_open_full (path, DOSSIER_JOURNAL_FLAGS_NO_KEYRING, error);
}

static inline DossierJournalVerification *
journal_test_verify (DossierJournal *journal)
{
  GAsyncResult *slot = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  DossierJournalVerification *verification;

  dossier_journal_verify_async (journal, NULL, AWAIT (slot));
  result = journal_test_await (&slot);
  verification = dossier_journal_verify_finish (journal, result, &error);
  g_assert_no_error (error);
  g_assert_nonnull (verification);
  g_assert_nonnull (verification->message);
  g_test_message ("verify: %s", verification->message);
  return verification;
}

/* Appends a small event; returns its id. */
static inline gint64
journal_test_add (DossierJournal *journal,
                  const char     *client_id,
                  const char     *kind,
                  const char     *details_json)
{
  g_autoptr(DossierJournalEvent) event = dossier_journal_event_new (client_id, NULL, kind, 0);
  GAsyncResult *slot = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id;

  if (details_json != NULL)
    event->details = json_from_string (details_json, &error);
  g_assert_no_error (error);
  dossier_journal_add_event_async (journal, event, NULL, AWAIT (slot));
  result = journal_test_await (&slot);
  id = dossier_journal_add_event_finish (journal, result, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

static inline void
journal_test_flush (DossierJournal *journal)
{
  GAsyncResult *slot = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  dossier_journal_flush_async (journal, NULL, AWAIT (slot));
  result = journal_test_await (&slot);
  g_assert_true (dossier_journal_flush_finish (journal, result, &error));
  g_assert_no_error (error);
}

static inline void
journal_fixture_set_up (JournalFixture *fixture,
                        gconstpointer   data)
{
  g_autoptr(GError) error = NULL;

  fixture->context = g_main_context_new ();
  g_main_context_push_thread_default (fixture->context);

  fixture->dir = g_dir_make_tmp ("dossier-journal-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "journal.sqlite", NULL);

  fixture->journal = journal_test_open (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_true (DOSSIER_IS_JOURNAL (fixture->journal));
}

static inline void
journal_test_remove_files (const char *path)
{
  static const char * const suffixes[] = { "", "-wal", "-shm", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);

      g_unlink (file);
    }
}

static inline void
journal_fixture_tear_down (JournalFixture *fixture,
                           gconstpointer   data)
{
  if (fixture->journal != NULL)
    g_assert_finalize_object (g_steal_pointer (&fixture->journal));

  journal_test_remove_files (fixture->path);
  g_assert_cmpint (g_rmdir (fixture->dir), ==, 0);
  g_clear_pointer (&fixture->path, g_free);
  g_clear_pointer (&fixture->dir, g_free);

  g_main_context_pop_thread_default (fixture->context);
  g_clear_pointer (&fixture->context, g_main_context_unref);
}

/* Closes and reopens the fixture's journal, as after a restart. */
static inline void
journal_fixture_reopen (JournalFixture *fixture)
{
  g_autoptr(GError) error = NULL;

  g_assert_finalize_object (g_steal_pointer (&fixture->journal));
  fixture->journal = journal_test_open (fixture->path, &error);
  g_assert_no_error (error);
}

/* A second, independent connection for looking behind the journal's back. */
static inline sqlite3 *
journal_test_raw_open (const char *path)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 5000);
  return db;
}

static inline gint64
journal_test_raw_int (sqlite3    *db,
                      const char *sql,
                      gint64      param)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value = -1;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_bind_parameter_count (stmt) > 0)
    sqlite3_bind_int64 (stmt, 1, param);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);

  return value;
}

/* Runs SQL on a second connection, as someone tampering with the file would. */
static inline void
journal_test_raw_exec (const char *path,
                       const char *sql)
{
  sqlite3 *db = journal_test_raw_open (path);
  char *message = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("raw SQL failed: %s", message);
  sqlite3_close (db);
}

static inline void
journal_test_count_cb (gpointer user_data)
{
  guint *count = user_data;

  (*count)++;
}
