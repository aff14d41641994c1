/* dossier-sandbox-server-close.c — taking a connection away from libsoup
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * 411/413 are answered before the body is read and the connection closed (CONTRACT.md
 * §17), and `drop` faults close it without a byte: the adapter steals the connection,
 * writes what it must and drains what the client still sends for a while.
 */
#include "config.h"

#include <string.h>

#include "dossier-sandbox-output-stream.h"
#include "dossier-sandbox-server-private.h"

/* How long a closed-after-413 connection is drained of what the client still sends. */
#define LINGER_SECONDS 3

static void
close_job_free (CloseJob *job)
{
  if (job->timeout != NULL)
    {
      g_source_destroy (job->timeout);
      g_source_unref (job->timeout);
    }
  g_clear_object (&job->stream);
  g_clear_object (&job->output);
  g_clear_pointer (&job->bytes, g_bytes_unref);
  g_clear_object (&job->cancellable);
  g_free (job);
}

static void
close_done_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  CloseJob *job = user_data;

  g_io_stream_close_finish (G_IO_STREAM (object), result, NULL);
  if (job->server != NULL)
    g_hash_table_remove (job->server->closings, job);
  close_job_free (job);
}

static void
close_job_finish (CloseJob *job)
{
  /* Not cancellable: closing must complete even while the server goes away. */
  g_io_stream_close_async (job->stream, G_PRIORITY_DEFAULT, NULL, close_done_cb, job);
}

static void
drain_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  CloseJob *job = user_data;
  gssize n = g_input_stream_read_finish (G_INPUT_STREAM (object), result, NULL);

  if (n <= 0)
    {
      close_job_finish (job);
      return;
    }
  g_input_stream_read_async (G_INPUT_STREAM (object), job->buffer, sizeof job->buffer,
                             G_PRIORITY_DEFAULT, job->cancellable, drain_cb, job);
}

static gboolean
linger_timeout_cb (gpointer user_data)
{
  CloseJob *job = user_data;

  g_cancellable_cancel (job->cancellable);
  g_clear_pointer (&job->timeout, g_source_unref);
  return G_SOURCE_REMOVE;
}

static void
written_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  CloseJob *job = user_data;

  if (!g_output_stream_write_all_finish (G_OUTPUT_STREAM (object), result, NULL, NULL)
      || !DOSSIER_IS_SANDBOX_OUTPUT_STREAM (job->output))
    {
      close_job_finish (job);
      return;
    }
  dossier_sandbox_output_stream_shutdown (DOSSIER_SANDBOX_OUTPUT_STREAM (job->output));

  /* Lingering close: the client may still be sending a body we refused; reading
   * it for a moment lets the response reach it instead of a connection reset. */
  job->timeout = g_timeout_source_new_seconds (LINGER_SECONDS);
  g_source_set_callback (job->timeout, linger_timeout_cb, job, NULL);
  g_source_attach (job->timeout, g_main_context_get_thread_default ());
  g_input_stream_read_async (g_io_stream_get_input_stream (job->stream),
                             job->buffer, sizeof job->buffer,
                             G_PRIORITY_DEFAULT, job->cancellable, drain_cb, job);
}

/* Takes msg's connection; sends bytes (may be NULL: close at once). msg may be gone afterwards. */
void
_dossier_sandbox_server_steal_and_close (DossierSandboxServer *self,
                 SoupServerMessage    *msg,
                 GBytes               *bytes)
{
  CloseJob *job;

  job = g_new0 (CloseJob, 1);
  job->server = self;
  job->stream = soup_server_message_steal_connection (msg);
  job->cancellable = g_cancellable_new ();
  if (job->stream == NULL)
    {
      close_job_free (job);
      return;
    }
  /* libsoup's stream over ours: its output is our connection's own. */
  job->output = g_object_ref (g_io_stream_get_output_stream (job->stream));
  g_hash_table_add (self->closings, job);

  if (bytes == NULL)
    {
      close_job_finish (job);
      return;
    }
  job->bytes = g_bytes_ref (bytes);
  g_output_stream_write_all_async (g_io_stream_get_output_stream (job->stream),
                                   g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                   G_PRIORITY_DEFAULT, job->cancellable, written_cb, job);
}

static gboolean
is_own_header (const char *name)
{
  return g_ascii_strcasecmp (name, "Content-Length") == 0
         || g_ascii_strcasecmp (name, "Connection") == 0
         || g_ascii_strcasecmp (name, "Transfer-Encoding") == 0;
}

/* The complete HTTP/1.1 response of a 411/413, written by hand. */
GBytes *
_dossier_sandbox_server_serialize_response (DossierSandboxResponse *response)
{
  GString *text = g_string_new (NULL);
  SoupMessageHeadersIter iter;
  const char *name, *value;
  gsize size = g_bytes_get_size (response->body);

  g_string_append_printf (text, "HTTP/1.1 %u %s\r\n",
                          response->status, soup_status_get_phrase (response->status));
  soup_message_headers_iter_init (&iter, response->headers);
  while (soup_message_headers_iter_next (&iter, &name, &value))
    if (!is_own_header (name))
      g_string_append_printf (text, "%s: %s\r\n", name, value);
  g_string_append_printf (text, "Content-Length: %" G_GSIZE_FORMAT "\r\n"
                                "Connection: close\r\n\r\n", size);
  g_string_append_len (text, g_bytes_get_data (response->body, NULL), size);

  return g_string_free_to_bytes (text);
}

