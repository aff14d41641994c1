/* dossier-sandbox-connection.c — an accepted socket as the GIOStream libsoup serves
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The server accepts its sockets itself and hands each to libsoup as one of these
 * (soup_server_accept_iostream()): a pair of pollable streams over a
 * DossierSandboxLink, which polls the socket once for the whole connection instead
 * of once per wait (dossier-sandbox-link-private.h). Closing sends what is still
 * kept and closes the socket, on the caller's thread, without blocking for long.
 */
#include "config.h"

#include "dossier-sandbox-connection.h"
#include "dossier-sandbox-input-stream.h"
#include "dossier-sandbox-link-private.h"
#include "dossier-sandbox-output-stream.h"

struct _DossierSandboxConnection
{
  GIOStream           parent_instance;
  DossierSandboxLink *link;
  GInputStream       *input;
  GOutputStream      *output;
};

G_DEFINE_FINAL_TYPE (DossierSandboxConnection, dossier_sandbox_connection, G_TYPE_IO_STREAM)

static GInputStream *
dossier_sandbox_connection_get_input_stream (GIOStream *stream)
{
  return DOSSIER_SANDBOX_CONNECTION (stream)->input;
}

static GOutputStream *
dossier_sandbox_connection_get_output_stream (GIOStream *stream)
{
  return DOSSIER_SANDBOX_CONNECTION (stream)->output;
}

static gboolean
dossier_sandbox_connection_close (GIOStream     *stream,
                                  GCancellable  *cancellable,
                                  GError       **error)
{
  DossierSandboxConnection *self = DOSSIER_SANDBOX_CONNECTION (stream);

  /* Sends what is kept (a bounded wait) and closes the socket; the streams' own
   * close then only marks them closed. */
  _dossier_sandbox_link_close (self->link);
  g_input_stream_close (self->input, NULL, NULL);
  g_output_stream_close (self->output, NULL, NULL);
  return TRUE;
}

/* GIOStream's default would close on a worker thread; the link belongs to this one. */
static void
dossier_sandbox_connection_close_async (GIOStream           *stream,
                                        int                  io_priority,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (stream, cancellable, callback, user_data);

  g_task_set_source_tag (task, dossier_sandbox_connection_close_async);
  dossier_sandbox_connection_close (stream, NULL, NULL);
  g_task_return_boolean (task, TRUE);
}

static gboolean
dossier_sandbox_connection_close_finish (GIOStream     *stream,
                                         GAsyncResult  *result,
                                         GError       **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
dossier_sandbox_connection_finalize (GObject *object)
{
  DossierSandboxConnection *self = DOSSIER_SANDBOX_CONNECTION (object);

  /* GIOStream's dispose has closed it. */
  g_clear_object (&self->input);
  g_clear_object (&self->output);
  g_clear_pointer (&self->link, _dossier_sandbox_link_unref);

  G_OBJECT_CLASS (dossier_sandbox_connection_parent_class)->finalize (object);
}

static void
dossier_sandbox_connection_class_init (DossierSandboxConnectionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GIOStreamClass *stream_class = G_IO_STREAM_CLASS (klass);

  object_class->finalize = dossier_sandbox_connection_finalize;
  stream_class->get_input_stream = dossier_sandbox_connection_get_input_stream;
  stream_class->get_output_stream = dossier_sandbox_connection_get_output_stream;
  stream_class->close_fn = dossier_sandbox_connection_close;
  stream_class->close_async = dossier_sandbox_connection_close_async;
  stream_class->close_finish = dossier_sandbox_connection_close_finish;
}

static void
dossier_sandbox_connection_init (DossierSandboxConnection *self)
{
}

GIOStream *
dossier_sandbox_connection_new (GSocket *socket)
{
  DossierSandboxConnection *self;
  g_autoptr(GMainContext) context = g_main_context_ref_thread_default ();

  g_return_val_if_fail (G_IS_SOCKET (socket), NULL);

  self = g_object_new (DOSSIER_TYPE_SANDBOX_CONNECTION, NULL);
  self->link = _dossier_sandbox_link_new (socket, context);
  self->input = dossier_sandbox_input_stream_new (self->link);
  self->output = dossier_sandbox_output_stream_new (self->link);
  return G_IO_STREAM (self);
}

GSocket *
dossier_sandbox_connection_get_socket (DossierSandboxConnection *self)
{
  g_return_val_if_fail (DOSSIER_IS_SANDBOX_CONNECTION (self), NULL);

  return _dossier_sandbox_link_get_socket (self->link);
}
