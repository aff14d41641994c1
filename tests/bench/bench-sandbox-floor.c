/* bench-sandbox-floor.c — libsoup's own floor for bench-sandbox: a bare SoupServer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Serves FILE's bytes as application/json, with an X-Trace-Id header, to every
 * request on a random loopback port, from a static handler: no early handler, no
 * routing, no JSON. bench-sandbox measures it in the same run as the sandbox and
 * nginx and prints it as a reference line, so the note can say how much of the
 * sandbox's time per request is libsoup's per-message work rather than ours.
 *
 * Usage: bench-sandbox-floor FILE   (prints "listening on http://127.0.0.1:PORT")
 */
#include "config.h"

#include <libsoup/soup.h>
#include <stdio.h>

static void
handler_cb (SoupServer        *server,
            SoupServerMessage *msg,
            const char        *path,
            GHashTable        *query,
            gpointer           user_data)
{
  GBytes *body = user_data;

  soup_message_headers_append (soup_server_message_get_response_headers (msg), "X-Trace-Id",
                               "0123456789abcdef0123456789abcdef");
  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_STATIC,
                                    g_bytes_get_data (body, NULL), g_bytes_get_size (body));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(SoupServer) server = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;
  g_autoslist(GUri) uris = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;

  if (argc != 2)
    {
      fprintf (stderr, "usage: %s FILE\n", argv[0]);
      return 2;
    }
  if (!g_file_get_contents (argv[1], &contents, &length, &error))
    {
      fprintf (stderr, "%s: %s\n", argv[0], error->message);
      return 1;
    }
  body = g_bytes_new_take (g_steal_pointer (&contents), length);

  server = soup_server_new ("server-header", NULL, NULL);
  soup_server_add_handler (server, NULL, handler_cb, body, NULL);
  if (!soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error))
    {
      fprintf (stderr, "%s: %s\n", argv[0], error->message);
      return 1;
    }
  uris = soup_server_get_uris (server);
  printf ("listening on http://127.0.0.1:%d\n", g_uri_get_port (uris->data));
  fflush (stdout);

  loop = g_main_loop_new (NULL, FALSE);
  g_main_loop_run (loop);
  return 0;
}
