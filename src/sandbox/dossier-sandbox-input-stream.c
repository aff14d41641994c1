/* dossier-sandbox-input-stream.c — the reading side of an accepted connection
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A pollable input stream over a DossierSandboxLink: reads go straight to the socket,
 * waits are the link's descriptor-less sources.
 */
#include "config.h"

#include "dossier-sandbox-input-stream.h"

struct _DossierSandboxInputStream
{
  GInputStream        parent_instance;
  DossierSandboxLink *link;
};

static void pollable_iface_init (GPollableInputStreamInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (DossierSandboxInputStream, dossier_sandbox_input_stream,
                               G_TYPE_INPUT_STREAM,
                               G_IMPLEMENT_INTERFACE (G_TYPE_POLLABLE_INPUT_STREAM,
                                                      pollable_iface_init))

static gssize
dossier_sandbox_input_stream_read (GInputStream  *stream,
                                   void          *buffer,
                                   gsize          count,
                                   GCancellable  *cancellable,
                                   GError       **error)
{
  DossierSandboxInputStream *self = DOSSIER_SANDBOX_INPUT_STREAM (stream);

  return _dossier_sandbox_link_receive (self->link, buffer, count, TRUE, cancellable, error);
}

/* The connection closes the socket; the reading side has nothing of its own to close. */
static gboolean
dossier_sandbox_input_stream_close (GInputStream  *stream,
                                    GCancellable  *cancellable,
                                    GError       **error)
{
  return TRUE;
}

static gboolean
dossier_sandbox_input_stream_can_poll (GPollableInputStream *stream)
{
  return TRUE;
}

static gboolean
dossier_sandbox_input_stream_is_readable (GPollableInputStream *stream)
{
  DossierSandboxInputStream *self = DOSSIER_SANDBOX_INPUT_STREAM (stream);

  return _dossier_sandbox_link_is_ready (self->link, G_IO_IN);
}

static GSource *
dossier_sandbox_input_stream_create_source (GPollableInputStream *stream,
                                            GCancellable         *cancellable)
{
  DossierSandboxInputStream *self = DOSSIER_SANDBOX_INPUT_STREAM (stream);

  return _dossier_sandbox_link_create_source (self->link, G_OBJECT (stream), G_IO_IN, cancellable);
}

static gssize
dossier_sandbox_input_stream_read_nonblocking (GPollableInputStream  *stream,
                                               void                  *buffer,
                                               gsize                  count,
                                               GError               **error)
{
  DossierSandboxInputStream *self = DOSSIER_SANDBOX_INPUT_STREAM (stream);

  return _dossier_sandbox_link_receive (self->link, buffer, count, FALSE, NULL, error);
}

static void
pollable_iface_init (GPollableInputStreamInterface *iface)
{
  iface->can_poll = dossier_sandbox_input_stream_can_poll;
  iface->is_readable = dossier_sandbox_input_stream_is_readable;
  iface->create_source = dossier_sandbox_input_stream_create_source;
  iface->read_nonblocking = dossier_sandbox_input_stream_read_nonblocking;
}

static void
dossier_sandbox_input_stream_finalize (GObject *object)
{
  DossierSandboxInputStream *self = DOSSIER_SANDBOX_INPUT_STREAM (object);

  g_clear_pointer (&self->link, _dossier_sandbox_link_unref);

  G_OBJECT_CLASS (dossier_sandbox_input_stream_parent_class)->finalize (object);
}

static void
dossier_sandbox_input_stream_class_init (DossierSandboxInputStreamClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GInputStreamClass *stream_class = G_INPUT_STREAM_CLASS (klass);

  object_class->finalize = dossier_sandbox_input_stream_finalize;
  stream_class->read_fn = dossier_sandbox_input_stream_read;
  stream_class->close_fn = dossier_sandbox_input_stream_close;
}

static void
dossier_sandbox_input_stream_init (DossierSandboxInputStream *self)
{
}

GInputStream *
dossier_sandbox_input_stream_new (DossierSandboxLink *link)
{
  DossierSandboxInputStream *self = g_object_new (DOSSIER_TYPE_SANDBOX_INPUT_STREAM, NULL);

  self->link = _dossier_sandbox_link_ref (link);
  return G_INPUT_STREAM (self);
}
