/* dossier-sandbox-output-stream.c — the writing side of an accepted connection
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A pollable output stream over a DossierSandboxLink. A write is kept by the link and
 * sent before the loop next polls (or at once when there is too much to keep), so
 * libsoup's head-then-body writes of one response leave in a single send. Nothing
 * here may run on another thread: closing and flushing asynchronously are done on
 * the caller's, never through GIO's thread-pool defaults.
 */
#include "config.h"

#include "dossier-sandbox-output-stream.h"

struct _DossierSandboxOutputStream
{
  GOutputStream       parent_instance;
  DossierSandboxLink *link;
};

static void pollable_iface_init (GPollableOutputStreamInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (DossierSandboxOutputStream, dossier_sandbox_output_stream,
                               G_TYPE_OUTPUT_STREAM,
                               G_IMPLEMENT_INTERFACE (G_TYPE_POLLABLE_OUTPUT_STREAM,
                                                      pollable_iface_init))

static gssize
dossier_sandbox_output_stream_write (GOutputStream  *stream,
                                     const void     *buffer,
                                     gsize           count,
                                     GCancellable   *cancellable,
                                     GError        **error)
{
  DossierSandboxOutputStream *self = DOSSIER_SANDBOX_OUTPUT_STREAM (stream);

  return _dossier_sandbox_link_send (self->link, buffer, count, TRUE, cancellable, error);
}

static gboolean
dossier_sandbox_output_stream_flush (GOutputStream  *stream,
                                     GCancellable   *cancellable,
                                     GError        **error)
{
  DossierSandboxOutputStream *self = DOSSIER_SANDBOX_OUTPUT_STREAM (stream);

  return _dossier_sandbox_link_flush (self->link, cancellable, error);
}

/* The connection closes the socket (after sending what is kept). */
static gboolean
dossier_sandbox_output_stream_close (GOutputStream  *stream,
                                     GCancellable   *cancellable,
                                     GError        **error)
{
  return TRUE;
}

static void
dossier_sandbox_output_stream_close_async (GOutputStream       *stream,
                                           int                  io_priority,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (stream, cancellable, callback, user_data);

  g_task_set_source_tag (task, dossier_sandbox_output_stream_close_async);
  g_task_return_boolean (task, TRUE);
}

static gboolean
dossier_sandbox_output_stream_close_finish (GOutputStream  *stream,
                                            GAsyncResult   *result,
                                            GError        **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ---- flushing without a thread: wait for the socket through the link ---- */

/* Sends what the socket takes now: TRUE once the task is done (sent or failed). */
static gboolean
flush_step (DossierSandboxOutputStream *self,
            GTask                      *task)
{
  GError *error = NULL;
  gssize left = _dossier_sandbox_link_push (self->link, &error);

  if (left < 0)
    g_task_return_error (task, error);
  else if (left == 0)
    g_task_return_boolean (task, TRUE);
  return left <= 0;
}

static gboolean
flush_ready_cb (GObject  *pollable,
                gpointer  user_data)
{
  GTask *task = user_data;

  if (g_task_return_error_if_cancelled (task))
    return G_SOURCE_REMOVE;
  return flush_step (DOSSIER_SANDBOX_OUTPUT_STREAM (pollable), task) ? G_SOURCE_REMOVE : G_SOURCE_CONTINUE;
}

static void
dossier_sandbox_output_stream_flush_async (GOutputStream       *stream,
                                           int                  io_priority,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data)
{
  DossierSandboxOutputStream *self = DOSSIER_SANDBOX_OUTPUT_STREAM (stream);
  g_autoptr(GTask) task = g_task_new (stream, cancellable, callback, user_data);
  g_autoptr(GSource) source = NULL;

  g_task_set_source_tag (task, dossier_sandbox_output_stream_flush_async);
  g_task_set_priority (task, io_priority);
  if (flush_step (self, task))
    return;
  source = _dossier_sandbox_link_create_source (self->link, G_OBJECT (stream), G_IO_OUT, cancellable);
  g_source_set_priority (source, io_priority);
  g_source_set_callback (source, G_SOURCE_FUNC (flush_ready_cb), g_object_ref (task), g_object_unref);
  g_source_attach (source, g_main_context_get_thread_default ());
}

static gboolean
dossier_sandbox_output_stream_flush_finish (GOutputStream  *stream,
                                            GAsyncResult   *result,
                                            GError        **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ---- pollable ---- */

static gboolean
dossier_sandbox_output_stream_can_poll (GPollableOutputStream *stream)
{
  return TRUE;
}

static gboolean
dossier_sandbox_output_stream_is_writable (GPollableOutputStream *stream)
{
  DossierSandboxOutputStream *self = DOSSIER_SANDBOX_OUTPUT_STREAM (stream);

  return _dossier_sandbox_link_is_ready (self->link, G_IO_OUT);
}

static GSource *
dossier_sandbox_output_stream_create_source (GPollableOutputStream *stream,
                                             GCancellable          *cancellable)
{
  DossierSandboxOutputStream *self = DOSSIER_SANDBOX_OUTPUT_STREAM (stream);

  return _dossier_sandbox_link_create_source (self->link, G_OBJECT (stream), G_IO_OUT, cancellable);
}

static gssize
dossier_sandbox_output_stream_write_nonblocking (GPollableOutputStream  *stream,
                                                 const void             *buffer,
                                                 gsize                   count,
                                                 GError                **error)
{
  DossierSandboxOutputStream *self = DOSSIER_SANDBOX_OUTPUT_STREAM (stream);

  return _dossier_sandbox_link_send (self->link, buffer, count, FALSE, NULL, error);
}

static void
pollable_iface_init (GPollableOutputStreamInterface *iface)
{
  iface->can_poll = dossier_sandbox_output_stream_can_poll;
  iface->is_writable = dossier_sandbox_output_stream_is_writable;
  iface->create_source = dossier_sandbox_output_stream_create_source;
  iface->write_nonblocking = dossier_sandbox_output_stream_write_nonblocking;
}

static void
dossier_sandbox_output_stream_finalize (GObject *object)
{
  DossierSandboxOutputStream *self = DOSSIER_SANDBOX_OUTPUT_STREAM (object);

  g_clear_pointer (&self->link, _dossier_sandbox_link_unref);

  G_OBJECT_CLASS (dossier_sandbox_output_stream_parent_class)->finalize (object);
}

static void
dossier_sandbox_output_stream_class_init (DossierSandboxOutputStreamClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GOutputStreamClass *stream_class = G_OUTPUT_STREAM_CLASS (klass);

  object_class->finalize = dossier_sandbox_output_stream_finalize;
  stream_class->write_fn = dossier_sandbox_output_stream_write;
  stream_class->flush = dossier_sandbox_output_stream_flush;
  stream_class->close_fn = dossier_sandbox_output_stream_close;
  stream_class->close_async = dossier_sandbox_output_stream_close_async;
  stream_class->close_finish = dossier_sandbox_output_stream_close_finish;
  stream_class->flush_async = dossier_sandbox_output_stream_flush_async;
  stream_class->flush_finish = dossier_sandbox_output_stream_flush_finish;
}

static void
dossier_sandbox_output_stream_init (DossierSandboxOutputStream *self)
{
}

GOutputStream *
dossier_sandbox_output_stream_new (DossierSandboxLink *link)
{
  DossierSandboxOutputStream *self = g_object_new (DOSSIER_TYPE_SANDBOX_OUTPUT_STREAM, NULL);

  self->link = _dossier_sandbox_link_ref (link);
  return G_OUTPUT_STREAM (self);
}

void
dossier_sandbox_output_stream_shutdown (DossierSandboxOutputStream *self)
{
  g_return_if_fail (DOSSIER_IS_SANDBOX_OUTPUT_STREAM (self));

  _dossier_sandbox_link_shutdown_write (self->link);
}
