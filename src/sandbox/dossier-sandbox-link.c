/* dossier-sandbox-link.c — one accepted socket, polled once for all its waits
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * See dossier-sandbox-link-private.h for why. The watch is the only source with the
 * socket's descriptor. Before each poll its prepare() sends what was written since
 * the last one and sets the events to what the live waits want (plus G_IO_OUT while
 * something is kept); the waits' check() reads the revents the poll left in the
 * watch's GPollFD. The watch has a higher priority than any wait, so its prepare()
 * runs first and its descriptor is always in the poll.
 */
#include "config.h"

#include "dossier-sandbox-link-private.h"

/* How long closing waits for the peer to take what is still kept. */
#define CLOSE_WAIT_US (2 * G_USEC_PER_SEC)
#define HANGUP_CONDITIONS (G_IO_HUP | G_IO_ERR | G_IO_NVAL)

typedef struct
{
  GSource             source;
  DossierSandboxLink *link;   /* not owned: the link owns the watch */
} WatchSource;

/* What a stream's create_source() returns: a GPollable source in its own right (its
 * callback is a GPollableSourceFunc), so no wrapper source and no dummy closure per wait. */
typedef struct
{
  GSource             source;
  DossierSandboxLink *link;     /* owned */
  GObject            *stream;   /* owned */
  GIOCondition        condition;
} WaitSource;

struct _DossierSandboxLink
{
  GSocket    *socket;
  GSource    *watch;      /* owned; NULL once closed */
  GPollFD     pollfd;     /* in the watch while polling */
  gboolean    polling;
  GByteArray *kept;       /* written, not yet sent: kept->data[kept_from..] */
  gsize       kept_from;
  GPtrArray  *waits;      /* WaitSource*, not owned: each removes itself when finalized */
  GError     *send_error; /* a send made by the watch failed: the next write reports it */
  gboolean    hangup;     /* HUP/ERR seen, or a send failed: every wait is ready */
  gboolean    closed;
};

static gsize
kept_length (DossierSandboxLink *self)
{
  return self->kept->len - self->kept_from;
}

static void
consume_kept (DossierSandboxLink *self,
              gsize               count)
{
  self->kept_from += count;
  if (self->kept_from == self->kept->len)
    {
      g_byte_array_set_size (self->kept, 0);
      self->kept_from = 0;
    }
}

/* Sends what is kept without waiting; a failure is kept for the next write. */
static void
send_kept (DossierSandboxLink *self)
{
  while (kept_length (self) > 0 && self->send_error == NULL)
    {
      GError *error = NULL;
      gssize n = g_socket_send_with_blocking (self->socket,
                                              (const char *) self->kept->data + self->kept_from,
                                              kept_length (self), FALSE, NULL, &error);

      if (n >= 0)
        {
          consume_kept (self, (gsize) n);
          continue;
        }
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_WOULD_BLOCK))
        {
          g_error_free (error);
          return;
        }
      self->send_error = error;
      self->hangup = TRUE;
      consume_kept (self, kept_length (self));
    }
}

static gboolean
has_live_waits (DossierSandboxLink *self)
{
  for (guint i = 0; i < self->waits->len; i++)
    if (!g_source_is_destroyed (g_ptr_array_index (self->waits, i)))
      return TRUE;
  return FALSE;
}

/* ---- the watch ---- */

static gboolean
watch_prepare (GSource *source,
               int     *timeout)
{
  DossierSandboxLink *self = ((WatchSource *) source)->link;
  gushort events = 0;

  *timeout = -1;
  send_kept (self);
  if (kept_length (self) > 0)
    events |= G_IO_OUT;
  for (guint i = 0; i < self->waits->len; i++)
    {
      WaitSource *wait = g_ptr_array_index (self->waits, i);

      if (!g_source_is_destroyed ((GSource *) wait))
        events |= wait->condition;
    }
  self->pollfd.events = events;
  self->pollfd.revents = 0;
  return FALSE;
}

static gboolean
watch_check (GSource *source)
{
  DossierSandboxLink *self = ((WatchSource *) source)->link;
  gushort revents = self->pollfd.revents;

  if (revents & HANGUP_CONDITIONS)
    self->hangup = TRUE;
  /* A hung-up descriptor polls ready whatever its events: stop polling it once no
   * wait is left to notice (they are all ready from now on anyway). */
  if (self->hangup && self->polling && !has_live_waits (self))
    return TRUE;
  return kept_length (self) > 0 && (revents & (G_IO_OUT | HANGUP_CONDITIONS)) != 0;
}

static gboolean
watch_dispatch (GSource     *source,
                GSourceFunc  callback,
                gpointer     user_data)
{
  DossierSandboxLink *self = ((WatchSource *) source)->link;

  send_kept (self);
  if (self->hangup && self->polling && !has_live_waits (self))
    {
      g_source_remove_poll (source, &self->pollfd);
      self->polling = FALSE;
    }
  return G_SOURCE_CONTINUE;
}

static GSourceFuncs watch_funcs = {
  .prepare = watch_prepare,
  .check = watch_check,
  .dispatch = watch_dispatch,
};

/* ---- the waits the streams hand out ---- */

static gboolean
wait_is_ready (WaitSource *wait)
{
  DossierSandboxLink *self = wait->link;

  if (self->closed || self->hangup)
    return TRUE;
  return (self->pollfd.revents & (wait->condition | HANGUP_CONDITIONS)) != 0;
}

static gboolean
wait_prepare (GSource *source,
              int     *timeout)
{
  WaitSource *wait = (WaitSource *) source;

  *timeout = -1;
  return wait->link->closed || wait->link->hangup;
}

static gboolean
wait_check (GSource *source)
{
  return wait_is_ready ((WaitSource *) source);
}

static gboolean
wait_dispatch (GSource     *source,
               GSourceFunc  callback,
               gpointer     user_data)
{
  GPollableSourceFunc func = (GPollableSourceFunc) (void (*) (void)) callback;

  return func != NULL ? func (((WaitSource *) source)->stream, user_data) : G_SOURCE_CONTINUE;
}

static void
wait_finalize (GSource *source)
{
  WaitSource *wait = (WaitSource *) source;

  g_ptr_array_remove_fast (wait->link->waits, wait);
  g_clear_pointer (&wait->link, _dossier_sandbox_link_unref);
  g_clear_object (&wait->stream);
}

/* For g_source_set_closure() (language bindings): the closure gets the stream, as with
 * GIO's own pollable sources. */
static gboolean
wait_closure_callback (GObject  *stream,
                       gpointer  data)
{
  GClosure *closure = data;
  GValue param = G_VALUE_INIT;
  GValue result = G_VALUE_INIT;
  gboolean keep;

  g_value_init (&result, G_TYPE_BOOLEAN);
  g_value_init (&param, G_TYPE_OBJECT);
  g_value_set_object (&param, stream);
  g_closure_invoke (closure, &result, 1, &param, NULL);
  keep = g_value_get_boolean (&result);
  g_value_unset (&result);
  g_value_unset (&param);
  return keep;
}

static GSourceFuncs wait_funcs = {
  .prepare = wait_prepare,
  .check = wait_check,
  .dispatch = wait_dispatch,
  .finalize = wait_finalize,
  .closure_callback = G_SOURCE_FUNC (wait_closure_callback),
  .closure_marshal = (GSourceDummyMarshal) g_cclosure_marshal_generic,
};

static gboolean
cancelled_cb (GCancellable *cancellable,
              gpointer      user_data)
{
  return G_SOURCE_CONTINUE;
}

GSource *
_dossier_sandbox_link_create_source (DossierSandboxLink *self,
                                     GObject            *stream,
                                     GIOCondition        condition,
                                     GCancellable       *cancellable)
{
  WaitSource *wait = (WaitSource *) g_source_new (&wait_funcs, sizeof (WaitSource));

  g_source_set_static_name ((GSource *) wait, "DossierSandboxLink wait");
  wait->link = _dossier_sandbox_link_ref (self);
  wait->stream = g_object_ref (stream);
  wait->condition = condition;
  g_ptr_array_add (self->waits, wait);

  /* A cancelled wait fires, as GIO's pollable sources do: the caller then finds out. */
  if (cancellable != NULL)
    {
      g_autoptr(GSource) cancelled = g_cancellable_source_new (cancellable);

      g_source_set_callback (cancelled, G_SOURCE_FUNC (cancelled_cb), NULL, NULL);
      g_source_add_child_source ((GSource *) wait, cancelled);
    }
  return (GSource *) wait;
}

/* ---- life cycle ---- */

DossierSandboxLink *
_dossier_sandbox_link_new (GSocket      *socket,
                           GMainContext *context)
{
  DossierSandboxLink *self = g_rc_box_new0 (DossierSandboxLink);

  self->socket = g_object_ref (socket);
  g_socket_set_blocking (socket, FALSE);
  self->kept = g_byte_array_new ();
  self->waits = g_ptr_array_new ();

  self->watch = g_source_new (&watch_funcs, sizeof (WatchSource));
  ((WatchSource *) self->watch)->link = self;
  g_source_set_static_name (self->watch, "DossierSandboxLink watch");
  /* Above every wait (see the top of this file); recursing spares a block/unblock. */
  g_source_set_priority (self->watch, G_PRIORITY_HIGH);
  g_source_set_can_recurse (self->watch, TRUE);
  self->pollfd.fd = g_socket_get_fd (socket);
  g_source_add_poll (self->watch, &self->pollfd);
  self->polling = TRUE;
  g_source_attach (self->watch, context);

  return self;
}

DossierSandboxLink *
_dossier_sandbox_link_ref (DossierSandboxLink *self)
{
  return g_rc_box_acquire (self);
}

static void
link_clear (gpointer data)
{
  DossierSandboxLink *self = data;

  _dossier_sandbox_link_close (self);
  g_ptr_array_unref (self->waits);
  g_byte_array_unref (self->kept);
  g_clear_error (&self->send_error);
  g_clear_object (&self->socket);
}

void
_dossier_sandbox_link_unref (DossierSandboxLink *self)
{
  g_rc_box_release_full (self, link_clear);
}

GSocket *
_dossier_sandbox_link_get_socket (DossierSandboxLink *self)
{
  return self->socket;
}

gboolean
_dossier_sandbox_link_is_closed (DossierSandboxLink *self)
{
  return self->closed;
}

/* ---- reading and writing ---- */

static gboolean
check_open (DossierSandboxLink  *self,
            GError             **error)
{
  if (self->closed)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CLOSED, "The connection is closed");
      return FALSE;
    }
  return TRUE;
}

gssize
_dossier_sandbox_link_receive (DossierSandboxLink  *self,
                               void                *buffer,
                               gsize                count,
                               gboolean             blocking,
                               GCancellable        *cancellable,
                               GError             **error)
{
  if (!check_open (self, error))
    return -1;
  return g_socket_receive_with_blocking (self->socket, buffer, count, blocking, cancellable, error);
}

gssize
_dossier_sandbox_link_send (DossierSandboxLink  *self,
                            const void          *buffer,
                            gsize                count,
                            gboolean             blocking,
                            GCancellable        *cancellable,
                            GError             **error)
{
  if (!check_open (self, error))
    return -1;

  for (;;)
    {
      GOutputVector vectors[2];
      int n_vectors = 0;
      gsize from_kept = kept_length (self);
      GError *local_error = NULL;
      gssize sent;

      if (self->send_error != NULL)
        {
          g_propagate_error (error, g_error_copy (self->send_error));
          return -1;
        }
      if (from_kept + count <= DOSSIER_SANDBOX_LINK_KEEP)
        {
          g_byte_array_append (self->kept, buffer, count);
          return count;
        }

      /* Too much to keep: what is kept and as much of the new as the socket takes. */
      if (from_kept > 0)
        {
          vectors[n_vectors].buffer = self->kept->data + self->kept_from;
          vectors[n_vectors++].size = from_kept;
        }
      vectors[n_vectors].buffer = buffer;
      vectors[n_vectors++].size = count;
      sent = g_socket_send_message (self->socket, NULL, vectors, n_vectors, NULL, 0,
                                    G_SOCKET_MSG_NONE, cancellable, &local_error);
      if (sent >= 0)
        {
          gsize of_kept = MIN ((gsize) sent, from_kept);

          consume_kept (self, of_kept);
          if ((gsize) sent > of_kept)
            return sent - of_kept;
          continue;
        }
      if (!g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_WOULD_BLOCK) || !blocking)
        {
          g_propagate_error (error, local_error);
          return -1;
        }
      g_error_free (local_error);
      if (!g_socket_condition_wait (self->socket, G_IO_OUT, cancellable, error))
        return -1;
    }
}

/* Sends what is kept, waiting up to @deadline_us (monotonic; -1: as long as it takes). */
static gboolean
send_kept_until (DossierSandboxLink  *self,
                 gint64               deadline_us,
                 GCancellable        *cancellable,
                 GError             **error)
{
  for (;;)
    {
      gint64 wait_us = -1;

      send_kept (self);
      if (self->send_error != NULL)
        {
          g_propagate_error (error, g_error_copy (self->send_error));
          return FALSE;
        }
      if (kept_length (self) == 0)
        return TRUE;
      if (deadline_us >= 0)
        {
          wait_us = deadline_us - g_get_monotonic_time ();
          if (wait_us <= 0)
            {
              g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT,
                                   "The peer does not read what is sent");
              return FALSE;
            }
        }
      if (!g_socket_condition_timed_wait (self->socket, G_IO_OUT, wait_us, cancellable, error))
        return FALSE;
    }
}

gssize
_dossier_sandbox_link_push (DossierSandboxLink  *self,
                            GError             **error)
{
  if (!check_open (self, error))
    return -1;
  send_kept (self);
  if (self->send_error != NULL)
    {
      g_propagate_error (error, g_error_copy (self->send_error));
      return -1;
    }
  return kept_length (self);
}

gboolean
_dossier_sandbox_link_flush (DossierSandboxLink  *self,
                             GCancellable        *cancellable,
                             GError             **error)
{
  /* Closing sent what was kept (or gave up on it): nothing is left to flush. */
  if (self->closed)
    return TRUE;
  return send_kept_until (self, -1, cancellable, error);
}

gboolean
_dossier_sandbox_link_is_ready (DossierSandboxLink *self,
                                GIOCondition        condition)
{
  if (self->closed || self->hangup)
    return TRUE;
  if (condition & G_IO_OUT)
    return kept_length (self) < DOSSIER_SANDBOX_LINK_KEEP;
  return g_socket_condition_check (self->socket, G_IO_IN) != 0;
}

void
_dossier_sandbox_link_shutdown_write (DossierSandboxLink *self)
{
  if (self->closed)
    return;
  send_kept_until (self, g_get_monotonic_time () + CLOSE_WAIT_US, NULL, NULL);
  g_socket_shutdown (self->socket, FALSE, TRUE, NULL);
}

void
_dossier_sandbox_link_close (DossierSandboxLink *self)
{
  if (self->closed)
    return;
  /* Kept bytes are at most DOSSIER_SANDBOX_LINK_KEEP: a live peer's socket takes them at once. */
  send_kept_until (self, g_get_monotonic_time () + CLOSE_WAIT_US, NULL, NULL);
  self->closed = TRUE;
  if (self->watch != NULL)
    {
      g_source_destroy (self->watch);
      g_clear_pointer (&self->watch, g_source_unref);
    }
  self->polling = FALSE;
  g_socket_close (self->socket, NULL);
}
