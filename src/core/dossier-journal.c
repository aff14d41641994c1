/* dossier-journal.c — the journal's life cycle, its worker thread and its signals
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "dossier-core.h"
#include "dossier-journal-private.h"

/*
 * Threads: the journal owns one SQLite connection, opened, used and closed only on
 * its own worker thread, which runs jobs one at a time from a GAsyncQueue. Every
 * public call copies its inputs into a job and returns at once; each write is one
 * short transaction. A finished job hops back to the journal's main context, where
 * the change signal is emitted, and then completes its GTask, which delivers the
 * callback on the caller's thread-default context. Because jobs run in order,
 * flushing is a job that does nothing.
 */

enum {
  PROP_0,
  PROP_PATH,
  PROP_FLAGS,
  PROP_KEYED,
  N_PROPS
};

enum {
  SIGNAL_EVENTS_ADDED,
  SIGNAL_REQUESTS_CHANGED,
  SIGNAL_DRAFTS_CHANGED,
  SIGNAL_NOTES_CHANGED,
  SIGNAL_QUEUE_CHANGED,
  N_SIGNALS
};

static GParamSpec *properties [N_PROPS];
static guint signals [N_SIGNALS];

static gboolean open_run (sqlite3            *db,
                          gpointer            data,
                          DossierJournalJob  *job,
                          GError            **error);

static void dossier_journal_async_initable_iface_init (GAsyncInitableIface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (DossierJournal, dossier_journal, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_ASYNC_INITABLE,
                                                      dossier_journal_async_initable_iface_init))

G_DEFINE_QUARK (dossier-journal-error-quark, dossier_journal_error)

G_DEFINE_FLAGS_TYPE (DossierJournalFlags, dossier_journal_flags,
  G_DEFINE_ENUM_VALUE (DOSSIER_JOURNAL_FLAGS_NONE, "none"),
  G_DEFINE_ENUM_VALUE (DOSSIER_JOURNAL_FLAGS_NO_KEYRING, "no-keyring"))

G_DEFINE_ENUM_TYPE (DossierJournalError, dossier_journal_error,
  G_DEFINE_ENUM_VALUE (DOSSIER_JOURNAL_ERROR_OPEN, "open"),
  G_DEFINE_ENUM_VALUE (DOSSIER_JOURNAL_ERROR_CORRUPT, "corrupt"),
  G_DEFINE_ENUM_VALUE (DOSSIER_JOURNAL_ERROR_TOO_NEW, "too-new"),
  G_DEFINE_ENUM_VALUE (DOSSIER_JOURNAL_ERROR_MIGRATION, "migration"),
  G_DEFINE_ENUM_VALUE (DOSSIER_JOURNAL_ERROR_FAILED, "failed"),
  G_DEFINE_ENUM_VALUE (DOSSIER_JOURNAL_ERROR_NOT_FOUND, "not-found"),
  G_DEFINE_ENUM_VALUE (DOSSIER_JOURNAL_ERROR_INVALID, "invalid"),
  G_DEFINE_ENUM_VALUE (DOSSIER_JOURNAL_ERROR_CLOSED, "closed"))

static void
job_free (DossierJournalJob *job)
{
  if (job->data_free != NULL)
    g_clear_pointer (&job->data, job->data_free);
  if (job->result_free != NULL)
    g_clear_pointer (&job->result, job->result_free);
  g_clear_error (&job->error);
  g_clear_object (&job->task);
  g_free (job->change_client_id);
  g_free (job->change_request_id);
  g_free (job);
}

/* Back on the journal's context: announce the change, then complete the task. */
static gboolean
job_complete_cb (gpointer user_data)
{
  DossierJournalJob *job = user_data;
  DossierJournal *self = job->journal;

  if (job->error == NULL)
    {
      switch (job->change)
        {
        case DOSSIER_JOURNAL_CHANGE_EVENTS:
          g_signal_emit (self, signals[SIGNAL_EVENTS_ADDED], 0, job->change_client_id);
          break;
        case DOSSIER_JOURNAL_CHANGE_REQUESTS:
          g_signal_emit (self, signals[SIGNAL_REQUESTS_CHANGED], 0, job->change_client_id);
          break;
        case DOSSIER_JOURNAL_CHANGE_DRAFTS:
          g_signal_emit (self, signals[SIGNAL_DRAFTS_CHANGED], 0,
                         job->change_client_id, job->change_request_id);
          break;
        case DOSSIER_JOURNAL_CHANGE_NOTES:
          g_signal_emit (self, signals[SIGNAL_NOTES_CHANGED], 0, job->change_client_id);
          break;
        case DOSSIER_JOURNAL_CHANGE_QUEUE:
          g_signal_emit (self, signals[SIGNAL_QUEUE_CHANGED], 0, job->change_client_id);
          break;
        case DOSSIER_JOURNAL_CHANGE_NONE:
        default:
          break;
        }

      g_task_return_pointer (job->task, g_steal_pointer (&job->result), job->result_free);
      job->result_free = NULL;
    }
  else
    {
      g_task_return_error (job->task, g_steal_pointer (&job->error));
    }

  job_free (job);
  return G_SOURCE_REMOVE;
}

static gpointer
dossier_journal_worker (gpointer user_data)
{
  DossierJournal *self = user_data;

  for (;;)
    {
      DossierJournalJob *job;
      GCancellable *cancellable;

      /* The chain head is stored once the queue runs empty after appends, so a burst
       * of events costs one keyring call (see "Head rule" in dossier-journal-chain.c). */
      self->chain.head_updates = g_atomic_int_get (&self->head_updates);
      if (self->db != NULL && self->chain.head_dirty)
        {
          job = g_async_queue_try_pop (self->jobs);
          if (job == NULL)
            {
              _dossier_journal_chain_store_head (self->db, &self->chain);
              if (self->chain.head_dirty)
                job = g_async_queue_pop (self->jobs);  /* failed: retry after the next job */
              else
                continue;
            }
        }
      else
        job = g_async_queue_pop (self->jobs);

      if (job->task == NULL)
        {
          if (self->db != NULL)
            _dossier_journal_chain_store_head (self->db, &self->chain);
          job_free (job);
          break;
        }

      cancellable = g_task_get_cancellable (job->task);

      if (g_cancellable_set_error_if_cancelled (cancellable, &job->error))
        ;
      else if (self->db == NULL && job->run != open_run)
        g_set_error (&job->error, DOSSIER_JOURNAL_ERROR, DOSSIER_JOURNAL_ERROR_CLOSED,
                     _("The local journal is not open."));
      else if (!job->run (self->db, job->data, job, &job->error) && job->error == NULL)
        g_set_error (&job->error, DOSSIER_JOURNAL_ERROR, DOSSIER_JOURNAL_ERROR_FAILED,
                     _("The local journal could not complete the operation."));

      if (self->db != NULL && _dossier_journal_chain_head_due (&self->chain))
        _dossier_journal_chain_store_head (self->db, &self->chain);

      /* The job (and its task, which holds the journal) is only released on the
       * journal's context, so the last reference never drops on this thread. */
      g_main_context_invoke (self->context, job_complete_cb, job);
    }

  g_clear_pointer (&self->db, sqlite3_close_v2);
  _dossier_journal_chain_clear (&self->chain);
  return NULL;
}

static void
dossier_journal_dispose (GObject *object)
{
  DossierJournal *self = (DossierJournal *)object;

  /* Every pending job holds a reference through its task, so the queue is empty
   * by now; the quit job lets the worker close the database on its own thread. */
  if (self->worker != NULL)
    {
      g_async_queue_push (self->jobs, g_new0 (DossierJournalJob, 1));
      g_clear_pointer (&self->worker, g_thread_join);
    }

  G_OBJECT_CLASS (dossier_journal_parent_class)->dispose (object);
}

static void
dossier_journal_finalize (GObject *object)
{
  DossierJournal *self = (DossierJournal *)object;

  g_clear_pointer (&self->jobs, g_async_queue_unref);
  g_clear_pointer (&self->context, g_main_context_unref);
  g_clear_pointer (&self->path, g_free);

  G_OBJECT_CLASS (dossier_journal_parent_class)->finalize (object);
}

static void
dossier_journal_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  DossierJournal *self = DOSSIER_JOURNAL (object);

  switch (prop_id)
    {
    case PROP_PATH:
      g_value_set_string (value, self->path);
      break;

    case PROP_FLAGS:
      g_value_set_flags (value, self->flags);
      break;

    case PROP_KEYED:
      g_value_set_boolean (value, self->keyed);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dossier_journal_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  DossierJournal *self = DOSSIER_JOURNAL (object);

  switch (prop_id)
    {
    case PROP_PATH:
      g_free (self->path);
      self->path = g_value_dup_string (value);
      break;

    case PROP_FLAGS:
      self->flags = g_value_get_flags (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dossier_journal_class_init (DossierJournalClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = dossier_journal_dispose;
  object_class->finalize = dossier_journal_finalize;
  object_class->get_property = dossier_journal_get_property;
  object_class->set_property = dossier_journal_set_property;

  /**
   * DossierJournal:path:
   *
   * The database file; %NULL at construction means `journal.sqlite` in
   * dossier_core_data_dir(), and the property then reports that path once open.
   */
  properties [PROP_PATH] =
    g_param_spec_string ("path", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  /**
   * DossierJournal:flags:
   *
   * How the journal was opened; %DOSSIER_JOURNAL_FLAGS_NO_KEYRING keeps the
   * Secret Service out of it (an unkeyed chain).
   */
  properties [PROP_FLAGS] =
    g_param_spec_flags ("flags", NULL, NULL,
                        DOSSIER_TYPE_JOURNAL_FLAGS, DOSSIER_JOURNAL_FLAGS_NONE,
                        (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  /**
   * DossierJournal:keyed:
   *
   * Whether new events are linked with this installation's key from the keyring.
   * %FALSE when there is no Secret Service (or its key could not be read): the
   * chain then only proves consistency, and the app should say so. Set once open.
   */
  properties [PROP_KEYED] =
    g_param_spec_boolean ("keyed", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * DossierJournal::events-added:
   * @client_id: the client whose timeline grew
   *
   * Emitted on the journal's main context after an event was stored.
   */
  signals [SIGNAL_EVENTS_ADDED] =
    g_signal_new ("events-added", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  /**
   * DossierJournal::requests-changed:
   * @client_id: the client whose cached requests were replaced
   */
  signals [SIGNAL_REQUESTS_CHANGED] =
    g_signal_new ("requests-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  /**
   * DossierJournal::drafts-changed:
   * @client_id: the client
   * @request_id: the request, or "" for the client's own form
   */
  signals [SIGNAL_DRAFTS_CHANGED] =
    g_signal_new ("drafts-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);

  /**
   * DossierJournal::notes-changed:
   * @client_id: the client whose notes were added, edited or deleted
   */
  signals [SIGNAL_NOTES_CHANGED] =
    g_signal_new ("notes-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  /**
   * DossierJournal::queue-changed:
   * @client_id: the client whose uploads were queued, changed state or removed
   */
  signals [SIGNAL_QUEUE_CHANGED] =
    g_signal_new ("queue-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
dossier_journal_init (DossierJournal *self)
{
  self->context = g_main_context_ref_thread_default ();
  self->jobs = g_async_queue_new ();
  self->head_updates = 1;
}

static gboolean
open_run (sqlite3            *db,
          gpointer            data,
          DossierJournalJob  *job,
          GError            **error)
{
  DossierJournal *self = job->journal;

  /* The only job that runs without a connection: it makes one. */
  g_assert (db == NULL);

  self->chain.flags = self->flags;
  self->db = _dossier_journal_schema_open (self->path, &self->chain, error);
  if (self->db == NULL)
    return FALSE;

  if (!_dossier_journal_chain_setup (self->db, &self->chain, error))
    {
      g_clear_pointer (&self->db, sqlite3_close_v2);
      return FALSE;
    }

  /* Read on the main context only after this job completes. */
  self->keyed = self->chain.keyed;
  return TRUE;
}

static void
dossier_journal_init_async (GAsyncInitable      *initable,
                            int                  io_priority,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  DossierJournal *self = DOSSIER_JOURNAL (initable);
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  DossierJournalJob *job;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, dossier_journal_init_async);

  if (self->worker != NULL)
    {
      g_task_return_new_error (task, DOSSIER_JOURNAL_ERROR, DOSSIER_JOURNAL_ERROR_OPEN,
                               _("The local journal was already opened."));
      return;
    }

  if (self->path == NULL)
    {
      g_autofree char *dir = dossier_core_data_dir (&error);

      if (dir == NULL)
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }

      self->path = g_build_filename (dir, "journal.sqlite", NULL);
      g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_PATH]);
    }

  self->worker = g_thread_try_new ("dossier-journal", dossier_journal_worker, self, &error);
  if (self->worker == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* The open job bypasses the "not open" check of the worker loop. */
  job = g_new0 (DossierJournalJob, 1);
  job->journal = self;
  job->task = g_steal_pointer (&task);
  job->run = open_run;
  g_async_queue_push_front (self->jobs, job);
}

static gboolean
dossier_journal_init_finish (GAsyncInitable  *initable,
                             GAsyncResult    *result,
                             GError         **error)
{
  return _dossier_journal_propagate_boolean (DOSSIER_JOURNAL (initable), result,
                                             dossier_journal_init_async, error);
}

static void
dossier_journal_async_initable_iface_init (GAsyncInitableIface *iface)
{
  iface->init_async = dossier_journal_init_async;
  iface->init_finish = dossier_journal_init_finish;
}

/**
 * dossier_journal_new_async:
 * @path: (nullable): the database file, or %NULL for `journal.sqlite` in the data folder
 * @cancellable: (nullable): a #GCancellable
 * @callback: called on the caller's thread-default context when the journal is open
 * @user_data: data for @callback
 *
 * Opens the journal on its worker thread, creating the file (mode 0600) when it does
 * not exist and migrating an older schema. Signals are emitted on the thread-default
 * main context current at this call.
 */
void
dossier_journal_new_async (const char          *path,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  dossier_journal_new_full_async (path, DOSSIER_JOURNAL_FLAGS_NONE, cancellable,
                                  callback, user_data);
}

/**
 * dossier_journal_new_full_async:
 * @path: (nullable): the database file, or %NULL for `journal.sqlite` in the data folder
 * @flags: how to open it
 * @cancellable: (nullable): a #GCancellable
 * @callback: called on the caller's thread-default context when the journal is open
 * @user_data: data for @callback
 *
 * Like dossier_journal_new_async(), with @flags. Opening also reads (or creates) the
 * evidence chain's key in the Secret Service, on the worker thread; without one the
 * journal opens all the same, unkeyed (#DossierJournal:keyed).
 */
void
dossier_journal_new_full_async (const char          *path,
                                DossierJournalFlags  flags,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_async_initable_new_async (DOSSIER_TYPE_JOURNAL, G_PRIORITY_DEFAULT, cancellable,
                              callback, user_data,
                              "path", path,
                              "flags", flags,
                              NULL);
}

/**
 * dossier_journal_new_finish:
 * @result: the result given to the callback
 * @error: return location for a #GError in %DOSSIER_JOURNAL_ERROR
 *
 * Returns: (transfer full) (nullable): the open journal, or %NULL with @error set
 */
DossierJournal *
dossier_journal_new_finish (GAsyncResult  *result,
                            GError       **error)
{
  g_autoptr(GObject) source = g_async_result_get_source_object (result);
  GObject *object;

  object = g_async_initable_new_finish (G_ASYNC_INITABLE (source), result, error);
  return object != NULL ? DOSSIER_JOURNAL (object) : NULL;
}

/**
 * dossier_journal_get_path:
 * @self: a #DossierJournal
 *
 * Returns: the database file
 */
const char *
dossier_journal_get_path (DossierJournal *self)
{
  g_return_val_if_fail (DOSSIER_IS_JOURNAL (self), NULL);

  return self->path;
}

/**
 * dossier_journal_get_keyed:
 * @self: a #DossierJournal
 *
 * Returns: whether the evidence chain is keyed (#DossierJournal:keyed)
 */
gboolean
dossier_journal_get_keyed (DossierJournal *self)
{
  g_return_val_if_fail (DOSSIER_IS_JOURNAL (self), FALSE);

  return self->keyed;
}
