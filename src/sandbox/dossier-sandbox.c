/* dossier-sandbox.c — the embedded sandbox: engine + server on their own thread
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The thread pushes its own GMainContext as thread-default before it creates
 * the engine and listens, runs a GMainLoop on it, and tears the server down on
 * that same thread (TESTING.md §11). The caller's thread only starts, waits and
 * joins.
 */
#include "config.h"

#include "dossier-sandbox.h"
#include "dossier-sandbox-server.h"

#define DEFAULT_API_KEY "sandbox-key"

struct _DossierSandbox
{
  GObject               parent_instance;

  DossierSandboxConfig *config;
  GMainContext         *context;
  GMainLoop            *loop;
  GThread              *thread;

  GMutex                mutex;
  GCond                 cond;
  gboolean              ready;       /* the thread finished starting (well or not) */
  GError               *error;       /* why it failed to start */

  /* Written by the thread before `ready`, read-only afterwards. */
  guint                 port;
  char                 *uri;
  GStrv                 product_ids;
  GHashTable           *product_names;
};

G_DEFINE_FINAL_TYPE (DossierSandbox, dossier_sandbox, G_TYPE_OBJECT)

static void
signal_ready (DossierSandbox *self,
              GError         *error)
{
  g_mutex_lock (&self->mutex);
  self->ready = TRUE;
  self->error = error;
  g_cond_signal (&self->cond);
  g_mutex_unlock (&self->mutex);
}

static gpointer
sandbox_thread (gpointer data)
{
  DossierSandbox *self = data;
  g_autoptr(DossierSandboxEngine) engine = NULL;
  DossierSandboxServer *server = NULL;
  GError *error = NULL;

  g_main_context_push_thread_default (self->context);

  engine = dossier_sandbox_engine_new (self->config, &error);
  if (engine != NULL)
    {
      /* The embedded sandbox prints nothing, --verbose or not. */
      server = dossier_sandbox_server_new (engine, FALSE);
      if (dossier_sandbox_server_listen (server, 0, &error))
        {
          self->port = dossier_sandbox_server_get_port (server);
          self->uri = g_strdup_printf ("http://127.0.0.1:%u", self->port);
          self->product_ids = dossier_sandbox_engine_dup_product_ids (engine);
          for (guint i = 0; self->product_ids && self->product_ids[i]; i++)
            {
              const char *name = dossier_sandbox_engine_get_product_name (engine, self->product_ids[i]);

              if (name != NULL)
                g_hash_table_insert (self->product_names,
                                     g_strdup (self->product_ids[i]), g_strdup (name));
            }
        }
    }

  if (error != NULL)
    {
      g_clear_pointer (&server, dossier_sandbox_server_free);
      signal_ready (self, error);
    }
  else
    {
      signal_ready (self, NULL);
      g_main_loop_run (self->loop);
      g_clear_pointer (&server, dossier_sandbox_server_free);
      /* Nowhere to report a failure: the state was also saved after every change. */
      dossier_sandbox_engine_save (engine, NULL);
    }

  g_clear_object (&engine);
  /* Let cancelled connection work and libsoup's own cleanups run on this context. */
  while (g_main_context_iteration (self->context, FALSE))
    ;
  g_main_context_pop_thread_default (self->context);

  return NULL;
}

static gboolean
quit_cb (gpointer user_data)
{
  g_main_loop_quit (user_data);
  return G_SOURCE_REMOVE;
}

void
dossier_sandbox_stop (DossierSandbox *self)
{
  g_autoptr(GSource) source = NULL;

  g_return_if_fail (DOSSIER_IS_SANDBOX (self));

  if (self->thread == NULL)
    return;

  /* An idle on the sandbox context, not g_main_loop_quit() directly: a quit
   * that came before the thread entered g_main_loop_run() would be lost. */
  source = g_idle_source_new ();
  g_source_set_callback (source, quit_cb, g_main_loop_ref (self->loop),
                         (GDestroyNotify) g_main_loop_unref);
  g_source_attach (source, self->context);

  g_thread_join (g_steal_pointer (&self->thread));
}

gboolean
dossier_sandbox_is_running (DossierSandbox *self)
{
  g_return_val_if_fail (DOSSIER_IS_SANDBOX (self), FALSE);

  return self->thread != NULL;
}

gboolean
dossier_sandbox_start (DossierSandbox  *self,
                       GError         **error)
{
  g_return_val_if_fail (DOSSIER_IS_SANDBOX (self), FALSE);
  g_return_val_if_fail (self->thread == NULL, FALSE);
  g_return_val_if_fail (self->uri == NULL, FALSE);

  self->ready = FALSE;
  self->thread = g_thread_new ("dossier-sandbox", sandbox_thread, self);

  g_mutex_lock (&self->mutex);
  while (!self->ready)
    g_cond_wait (&self->cond, &self->mutex);
  g_mutex_unlock (&self->mutex);

  if (self->error != NULL)
    {
      g_thread_join (g_steal_pointer (&self->thread));
      g_propagate_error (error, g_steal_pointer (&self->error));
      return FALSE;
    }
  return TRUE;
}

const char *
dossier_sandbox_get_uri (DossierSandbox *self)
{
  g_return_val_if_fail (DOSSIER_IS_SANDBOX (self), NULL);

  return self->uri;
}

guint
dossier_sandbox_get_port (DossierSandbox *self)
{
  g_return_val_if_fail (DOSSIER_IS_SANDBOX (self), 0);

  return self->port;
}

const char *
dossier_sandbox_get_api_key (DossierSandbox *self)
{
  g_return_val_if_fail (DOSSIER_IS_SANDBOX (self), NULL);

  /* The engine's key when the configuration names none (CONTRACT.md §14). */
  if (dossier_sandbox_config_get_first_key (self->config) != NULL)
    return dossier_sandbox_config_get_first_key (self->config);

  return DEFAULT_API_KEY;
}

char **
dossier_sandbox_dup_product_ids (DossierSandbox *self)
{
  g_return_val_if_fail (DOSSIER_IS_SANDBOX (self), NULL);

  return g_strdupv (self->product_ids);
}

const char *
dossier_sandbox_get_product_name (DossierSandbox *self,
                                  const char     *product_id)
{
  g_return_val_if_fail (DOSSIER_IS_SANDBOX (self), NULL);
  g_return_val_if_fail (product_id != NULL, NULL);

  return g_hash_table_lookup (self->product_names, product_id);
}

static void
dossier_sandbox_dispose (GObject *object)
{
  DossierSandbox *self = DOSSIER_SANDBOX (object);

  dossier_sandbox_stop (self);

  G_OBJECT_CLASS (dossier_sandbox_parent_class)->dispose (object);
}

static void
dossier_sandbox_finalize (GObject *object)
{
  DossierSandbox *self = DOSSIER_SANDBOX (object);

  g_clear_pointer (&self->config, dossier_sandbox_config_free);
  g_clear_pointer (&self->loop, g_main_loop_unref);
  g_clear_pointer (&self->context, g_main_context_unref);
  g_clear_error (&self->error);
  g_clear_pointer (&self->uri, g_free);
  g_clear_pointer (&self->product_ids, g_strfreev);
  g_clear_pointer (&self->product_names, g_hash_table_unref);
  g_mutex_clear (&self->mutex);
  g_cond_clear (&self->cond);

  G_OBJECT_CLASS (dossier_sandbox_parent_class)->finalize (object);
}

static void
dossier_sandbox_class_init (DossierSandboxClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = dossier_sandbox_dispose;
  object_class->finalize = dossier_sandbox_finalize;
}

static void
dossier_sandbox_init (DossierSandbox *self)
{
  g_mutex_init (&self->mutex);
  g_cond_init (&self->cond);
  self->context = g_main_context_new ();
  self->loop = g_main_loop_new (self->context, FALSE);
  self->product_names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

/**
 * dossier_sandbox_new:
 * @config: (nullable): the options, copied; %NULL for the defaults of CONTRACT.md §14
 *
 * Returns: (transfer full): a stopped sandbox; call dossier_sandbox_start()
 */
DossierSandbox *
dossier_sandbox_new (const DossierSandboxConfig *config)
{
  DossierSandbox *self = g_object_new (DOSSIER_TYPE_SANDBOX, NULL);

  self->config = config ? dossier_sandbox_config_copy (config) : dossier_sandbox_config_new ();
  return self;
}
