/* test-sandbox-connection.c — the sandbox's own connection streams, over a socket pair
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * DossierSandboxConnection polls its socket through one long-lived source, hands out
 * descriptor-less waits, and keeps writes until the loop is about to poll
 * (dossier-sandbox-link-private.h). These tests hold it to that: one descriptor in
 * the poll whatever the number of waits, a response's pieces in one send, kept bytes
 * sent before close, big writes that wait for the peer, a hung-up peer dropped from
 * the poll.
 */
#include "config.h"

#include <string.h>
#include <sys/socket.h>

#include "dossier-sandbox-connection.h"
#include "dossier-sandbox-output-stream.h"

typedef struct
{
  GMainContext *context;
  GSocket      *ours;     /* given to the connection */
  GSocket      *peer;     /* the test's end, blocking */
  GIOStream    *connection;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  int fds[2];
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (socketpair (AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, fds), ==, 0);
  f->context = g_main_context_new ();
  g_main_context_push_thread_default (f->context);
  f->ours = g_socket_new_from_fd (fds[0], &error);
  g_assert_no_error (error);
  f->peer = g_socket_new_from_fd (fds[1], &error);
  g_assert_no_error (error);
  f->connection = dossier_sandbox_connection_new (f->ours);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->connection);
  g_clear_object (&f->ours);
  g_clear_object (&f->peer);
  /* Run what closing left behind before the context goes. */
  while (g_main_context_iteration (f->context, FALSE))
    ;
  g_main_context_pop_thread_default (f->context);
  g_main_context_unref (f->context);
}

static GPollableInputStream *
input (Fixture *f)
{
  return G_POLLABLE_INPUT_STREAM (g_io_stream_get_input_stream (f->connection));
}

static GPollableOutputStream *
output (Fixture *f)
{
  return G_POLLABLE_OUTPUT_STREAM (g_io_stream_get_output_stream (f->connection));
}

/* How many descriptors the next poll of the context would watch. */
static int
polled_descriptors (GMainContext *context)
{
  GPollFD fds[64];
  int priority = 0;
  int timeout = 0;
  int n;

  g_main_context_acquire (context);
  g_main_context_prepare (context, &priority);
  n = g_main_context_query (context, G_MAXINT, &timeout, fds, G_N_ELEMENTS (fds));
  g_main_context_check (context, G_MAXINT, fds, MIN (n, (int) G_N_ELEMENTS (fds)));
  g_main_context_release (context);
  return n;
}

static gboolean
count_cb (GObject  *stream,
          gpointer  user_data)
{
  guint *count = user_data;

  (*count)++;
  return G_SOURCE_CONTINUE;
}

/* Waits don't add descriptors: the watch's one is all the poll sees. */
static void
test_one_descriptor (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GPtrArray) sources = g_ptr_array_new_with_free_func ((GDestroyNotify) g_source_unref);
  GMainContext *empty = g_main_context_new ();
  int baseline = polled_descriptors (empty);   /* the context's own wake-up descriptor */
  guint count = 0;

  g_main_context_unref (empty);
  g_assert_cmpint (polled_descriptors (f->context), ==, baseline + 1);
  for (guint i = 0; i < 6; i++)
    {
      GSource *source = i % 2 == 0
                          ? g_pollable_input_stream_create_source (input (f), NULL)
                          : g_pollable_output_stream_create_source (output (f), NULL);

      g_source_set_callback (source, G_SOURCE_FUNC (count_cb), &count, NULL);
      g_source_attach (source, f->context);
      g_ptr_array_add (sources, source);
    }
  g_assert_cmpint (polled_descriptors (f->context), ==, baseline + 1);

  for (guint i = 0; i < sources->len; i++)
    g_source_destroy (g_ptr_array_index (sources, i));
  g_assert_cmpint (polled_descriptors (f->context), ==, baseline + 1);
}

static gboolean
read_ready_cb (GObject  *stream,
               gpointer  user_data)
{
  gboolean *fired = user_data;

  *fired = TRUE;
  return G_SOURCE_REMOVE;
}

/* A read wait fires when the peer writes, and the bytes are there to read. */
static void
test_read_wait (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GSource) source = g_pollable_input_stream_create_source (input (f), NULL);
  g_autoptr(GError) error = NULL;
  gboolean fired = FALSE;
  char buffer[16];
  gssize n;

  n = g_pollable_input_stream_read_nonblocking (input (f), buffer, sizeof buffer, NULL, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_WOULD_BLOCK);
  g_assert_cmpint (n, ==, -1);
  g_clear_error (&error);
  g_assert_false (g_pollable_input_stream_is_readable (input (f)));

  g_source_set_callback (source, G_SOURCE_FUNC (read_ready_cb), &fired, NULL);
  g_source_attach (source, f->context);
  g_main_context_iteration (f->context, FALSE);
  g_assert_false (fired);

  g_assert_cmpint (g_socket_send (f->peer, "GET", 3, NULL, &error), ==, 3);
  g_assert_no_error (error);
  while (!fired)
    g_main_context_iteration (f->context, TRUE);
  n = g_pollable_input_stream_read_nonblocking (input (f), buffer, sizeof buffer, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (n, ==, 3);
  g_assert_cmpmem (buffer, 3, "GET", 3);
}

/* A wait made with a cancellable fires when it is cancelled, and hands the stream over. */
static gboolean
stream_seen_cb (GObject  *stream,
                gpointer  user_data)
{
  GObject **seen = user_data;

  *seen = stream;
  return G_SOURCE_REMOVE;
}

static void
test_cancelled_wait (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GSource) source = g_pollable_input_stream_create_source (input (f), cancellable);
  GObject *seen = NULL;

  g_source_set_callback (source, G_SOURCE_FUNC (stream_seen_cb), &seen, NULL);
  g_source_attach (source, f->context);
  g_main_context_iteration (f->context, FALSE);
  g_assert_null (seen);

  g_cancellable_cancel (cancellable);
  while (seen == NULL)
    g_main_context_iteration (f->context, TRUE);
  g_assert_true (seen == G_OBJECT (input (f)));
}

/* A response's head and body are written apart and leave as one piece, when the loop turns. */
static void
test_pieces_leave_together (Fixture       *f,
                            gconstpointer  data)
{
  static const char head[] = "HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\n";
  g_autoptr(GError) error = NULL;
  char buffer[256];
  gssize n;

  g_assert_cmpint (g_pollable_output_stream_write_nonblocking (output (f), head, strlen (head), NULL, &error),
                   ==, (gssize) strlen (head));
  g_assert_no_error (error);
  g_assert_cmpint (g_pollable_output_stream_write_nonblocking (output (f), "body", 4, NULL, &error), ==, 4);
  g_assert_no_error (error);

  /* Nothing sent yet… */
  n = g_socket_receive_with_blocking (f->peer, buffer, sizeof buffer, FALSE, NULL, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_WOULD_BLOCK);
  g_assert_cmpint (n, ==, -1);
  g_clear_error (&error);

  /* …until the loop is about to poll: then in one piece. */
  g_main_context_iteration (f->context, FALSE);
  n = g_socket_receive_with_blocking (f->peer, buffer, sizeof buffer, FALSE, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (n, ==, (gssize) strlen (head) + 4);
  g_assert_cmpmem (buffer + strlen (head), 4, "body", 4);
}

/* Closing sends what is kept first; the peer then reads the end of the stream. */
static void
test_close_sends_kept (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  char buffer[64];
  gssize n;

  g_assert_true (g_output_stream_write_all (G_OUTPUT_STREAM (output (f)), "goodbye", 7, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_io_stream_close (f->connection, NULL, &error));
  g_assert_no_error (error);

  n = g_socket_receive (f->peer, buffer, sizeof buffer, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (n, ==, 7);
  g_assert_cmpmem (buffer, 7, "goodbye", 7);
  g_assert_cmpint (g_socket_receive (f->peer, buffer, sizeof buffer, NULL, &error), ==, 0);
  g_assert_no_error (error);

  /* Writing after close is an error, not a crash. */
  g_assert_true (g_io_stream_is_closed (f->connection));
  g_assert_true (g_socket_is_closed (dossier_sandbox_connection_get_socket (DOSSIER_SANDBOX_CONNECTION (f->connection))));
}

typedef struct
{
  Fixture *f;
  GBytes  *data;
  gsize    offset;
  guint    would_block;
} BigWrite;

static gboolean
write_more_cb (GObject  *stream,
               gpointer  user_data)
{
  BigWrite *w = user_data;

  while (w->offset < g_bytes_get_size (w->data))
    {
      g_autoptr(GError) error = NULL;
      gsize size = 0;
      const guint8 *bytes = g_bytes_get_data (w->data, &size);
      gssize n = g_pollable_output_stream_write_nonblocking (output (w->f), bytes + w->offset,
                                                             size - w->offset, NULL, &error);

      if (n < 0)
        {
          g_assert_error (error, G_IO_ERROR, G_IO_ERROR_WOULD_BLOCK);
          w->would_block++;
          return G_SOURCE_CONTINUE;
        }
      w->offset += (gsize) n;
    }
  return G_SOURCE_REMOVE;
}

static gpointer
drain_thread (gpointer data)
{
  GSocket *peer = data;
  GByteArray *got = g_byte_array_new ();
  guint8 buffer[4096];
  gssize n;

  g_socket_set_blocking (peer, TRUE);
  while ((n = g_socket_receive (peer, (char *) buffer, sizeof buffer, NULL, NULL)) > 0)
    {
      g_byte_array_append (got, buffer, (guint) n);
      g_usleep (200);   /* a slow reader */
    }
  return got;
}

/* A write bigger than what is kept waits for the peer and arrives whole and in order. */
static void
test_big_write_waits (Fixture       *f,
                      gconstpointer  data)
{
  gsize size = 2 * 1024 * 1024;
  guint8 *bytes = g_malloc (size);
  BigWrite w = { f, NULL, 0, 0 };
  g_autoptr(GSource) source = NULL;
  g_autoptr(GByteArray) got = NULL;
  GThread *reader;

  for (gsize i = 0; i < size; i++)
    bytes[i] = (guint8) (i * 7 + i / 251);
  w.data = g_bytes_new_take (bytes, size);
  g_socket_set_option (f->peer, SOL_SOCKET, SO_RCVBUF, 8192, NULL);
  g_socket_set_option (f->ours, SOL_SOCKET, SO_SNDBUF, 8192, NULL);

  reader = g_thread_new ("drain", drain_thread, f->peer);
  source = g_pollable_output_stream_create_source (output (f), NULL);
  g_source_set_callback (source, G_SOURCE_FUNC (write_more_cb), &w, NULL);
  if (write_more_cb (NULL, &w) == G_SOURCE_CONTINUE)
    {
      g_source_attach (source, f->context);
      while (w.offset < size)
        g_main_context_iteration (f->context, TRUE);
    }
  g_assert_cmpuint (w.would_block, >, 0);
  g_assert_true (g_io_stream_close (f->connection, NULL, NULL));

  got = g_thread_join (reader);
  g_assert_cmpuint (got->len, ==, size);
  g_assert_cmpmem (got->data, got->len, g_bytes_get_data (w.data, NULL), size);
  g_bytes_unref (w.data);
}

/* A peer that hangs up while nothing waits is dropped from the poll (no busy loop),
 * and a later wait is ready at once and reads the end of the stream. */
static void
test_hangup_leaves_poll (Fixture       *f,
                         gconstpointer  data)
{
  GMainContext *empty = g_main_context_new ();
  int baseline = polled_descriptors (empty);
  g_autoptr(GSource) source = NULL;
  g_autoptr(GError) error = NULL;
  gboolean fired = FALSE;
  char buffer[8];

  g_main_context_unref (empty);
  g_socket_close (f->peer, NULL);
  for (guint i = 0; i < 5 && polled_descriptors (f->context) != baseline; i++)
    g_main_context_iteration (f->context, FALSE);
  g_assert_cmpint (polled_descriptors (f->context), ==, baseline);

  source = g_pollable_input_stream_create_source (input (f), NULL);
  g_source_set_callback (source, G_SOURCE_FUNC (read_ready_cb), &fired, NULL);
  g_source_attach (source, f->context);
  g_main_context_iteration (f->context, FALSE);
  g_assert_true (fired);
  g_assert_cmpint (g_pollable_input_stream_read_nonblocking (input (f), buffer, sizeof buffer, NULL, &error), ==, 0);
  g_assert_no_error (error);
}

/* Shutting the sending side down sends what is kept first; reading still works. */
static void
test_shutdown_after_kept (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  char buffer[64];
  gssize n;

  g_assert_cmpint (g_pollable_output_stream_write_nonblocking (output (f), "413", 3, NULL, &error), ==, 3);
  g_assert_no_error (error);
  dossier_sandbox_output_stream_shutdown (DOSSIER_SANDBOX_OUTPUT_STREAM (output (f)));

  n = g_socket_receive (f->peer, buffer, sizeof buffer, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (n, ==, 3);
  g_assert_cmpmem (buffer, 3, "413", 3);
  g_assert_cmpint (g_socket_receive (f->peer, buffer, sizeof buffer, NULL, &error), ==, 0);
  g_assert_no_error (error);

  g_assert_cmpint (g_socket_send (f->peer, "late", 4, NULL, &error), ==, 4);
  g_assert_no_error (error);
  n = g_input_stream_read (g_io_stream_get_input_stream (f->connection), buffer, sizeof buffer, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (n, ==, 4);
  g_assert_cmpmem (buffer, 4, "late", 4);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/dossier/sandbox/connection/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("one-descriptor", test_one_descriptor);
  ADD ("read-wait", test_read_wait);
  ADD ("cancelled-wait", test_cancelled_wait);
  ADD ("pieces-leave-together", test_pieces_leave_together);
  ADD ("close-sends-kept", test_close_sends_kept);
  ADD ("big-write-waits", test_big_write_waits);
  ADD ("hangup-leaves-poll", test_hangup_leaves_poll);
  ADD ("shutdown-after-kept", test_shutdown_after_kept);
#undef ADD

  return g_test_run ();
}
