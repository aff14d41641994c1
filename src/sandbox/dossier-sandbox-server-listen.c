/* dossier-sandbox-server-listen.c — the server's listening socket
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The adapter accepts connections itself and gives each to libsoup as a
 * DossierSandboxConnection (soup_server_accept_iostream()), so that a connection's
 * socket is polled by one long-lived source rather than by a new one for every read
 * and write libsoup waits for (dossier-sandbox-link-private.h). Loopback only,
 * IPv4, as soup_server_listen_local() with SOUP_SERVER_LISTEN_IPV4_ONLY did.
 *
 * libsoup keeps a connection alive after a response only while it has a listener of
 * its own (request_finished() in soup-server.c), so it is given the same socket. Our
 * accept source has the higher priority: in any turn of the loop where the socket
 * is readable, it runs first and takes every pending connection, and libsoup's
 * lower-priority source is not even checked (should it ever run and find nothing to
 * accept, libsoup stops polling the socket, keeping its listener).
 */
#include "config.h"

#include <netinet/in.h>
#include <netinet/tcp.h>

#include "dossier-sandbox-connection.h"
#include "dossier-sandbox-server-private.h"

/* After an accept() that failed for want of resources (EMFILE…), wait this long. */
#define ACCEPT_RETRY_MS 100

static void start_accepting (DossierSandboxServer *self);

static gboolean
accept_retry_cb (gpointer user_data)
{
  DossierSandboxServer *self = user_data;

  g_clear_pointer (&self->accept_retry, g_source_unref);
  start_accepting (self);
  return G_SOURCE_REMOVE;
}

static void
hand_to_libsoup (DossierSandboxServer *self,
                 GSocket              *socket)
{
  g_autoptr(GIOStream) connection = NULL;
  g_autoptr(GSocketAddress) local = g_socket_get_local_address (socket, NULL);
  g_autoptr(GSocketAddress) remote = g_socket_get_remote_address (socket, NULL);

  if (local == NULL || remote == NULL)
    {
      /* Gone before it could be served (the peer reset it at once). */
      g_socket_close (socket, NULL);
      return;
    }
  g_socket_set_option (socket, IPPROTO_TCP, TCP_NODELAY, TRUE, NULL);
  connection = dossier_sandbox_connection_new (socket);
  soup_server_accept_iostream (self->server, connection, local, remote, NULL);
}

static gboolean
accept_cb (GSocket      *listener,
           GIOCondition  condition,
           gpointer      user_data)
{
  DossierSandboxServer *self = user_data;

  for (;;)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GSocket) socket = g_socket_accept (listener, NULL, &error);

      if (socket != NULL)
        {
          hand_to_libsoup (self, socket);
          continue;
        }
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_WOULD_BLOCK))
        return G_SOURCE_CONTINUE;
      if (self->verbose)
        g_printerr ("accept: %s\n", error->message);
      /* Out of descriptors or memory: the listener stays readable, so polling it
       * again at once would spin. Try again a little later. */
      g_clear_pointer (&self->accept_source, g_source_unref);
      self->accept_retry = g_timeout_source_new (ACCEPT_RETRY_MS);
      g_source_set_callback (self->accept_retry, accept_retry_cb, self, NULL);
      g_source_attach (self->accept_retry, self->context);
      return G_SOURCE_REMOVE;
    }
}

static void
start_accepting (DossierSandboxServer *self)
{
  self->accept_source = g_socket_create_source (self->listener, G_IO_IN, NULL);
  g_source_set_priority (self->accept_source, G_PRIORITY_HIGH);
  g_source_set_callback (self->accept_source, G_SOURCE_FUNC (accept_cb), self, NULL);
  g_source_attach (self->accept_source, self->context);
}

gboolean
dossier_sandbox_server_listen (DossierSandboxServer *self,
                               guint                 port,
                               GError              **error)
{
  g_autoptr(GSocket) listener = NULL;
  g_autoptr(GInetAddress) loopback = NULL;
  g_autoptr(GSocketAddress) address = NULL;
  g_autoptr(GSocketAddress) bound = NULL;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (self->listener == NULL, FALSE);
  g_return_val_if_fail (port <= G_MAXUINT16, FALSE);

  listener = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, error);
  if (listener == NULL)
    return FALSE;
  loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  address = g_inet_socket_address_new (loopback, (guint16) port);
  g_socket_set_blocking (listener, FALSE);
  if (!g_socket_bind (listener, address, TRUE, error) || !g_socket_listen (listener, error))
    return FALSE;

  bound = g_socket_get_local_address (listener, error);
  if (bound == NULL || !soup_server_listen_socket (self->server, listener, 0, error))
    return FALSE;
  self->port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
  self->listener = g_steal_pointer (&listener);
  start_accepting (self);
  return TRUE;
}

void
_dossier_sandbox_server_stop_listening (DossierSandboxServer *self)
{
  if (self->accept_source != NULL)
    {
      g_source_destroy (self->accept_source);
      g_clear_pointer (&self->accept_source, g_source_unref);
    }
  if (self->accept_retry != NULL)
    {
      g_source_destroy (self->accept_retry);
      g_clear_pointer (&self->accept_retry, g_source_unref);
    }
  if (self->listener != NULL)
    {
      g_socket_close (self->listener, NULL);
      g_clear_object (&self->listener);
    }
}
