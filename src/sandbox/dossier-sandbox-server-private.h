/* dossier-sandbox-server-private.h — what the SoupServer adapter's files share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "dossier-sandbox-server.h"

G_BEGIN_DECLS

struct _DossierSandboxServer
{
  DossierSandboxEngine *engine;
  SoupServer           *server;
  GMainContext         *context;   /* the thread-default context at creation */
  GHashTable           *delays;    /* GSource* → owned by the table (destroyed on free) */
  GHashTable           *closings;  /* CloseJob* being written/drained */
  GCancellable         *cancellable;  /* cancelled when the server goes: pending finishes drop */
  GSocket              *listener;       /* dossier-sandbox-server-listen.c */
  GSource              *accept_source;
  GSource              *accept_retry;
  guint                 port;
  gboolean              verbose;
};

/* A connection taken away from libsoup: written (maybe) and closed, or drained. */
typedef struct
{
  DossierSandboxServer *server;   /* not owned; NULL once the server is gone */
  GIOStream            *stream;
  GOutputStream        *output;   /* the connection's, to shut down after writing */
  GBytes               *bytes;
  GCancellable         *cancellable;
  GSource              *timeout;
  guint8                buffer[16384];
} CloseJob;

/* dossier-sandbox-server-close.c: answers @bytes (nullable: nothing) on @msg's connection,
 * taken from libsoup, then closes it (CONTRACT.md §17). */
void    _dossier_sandbox_server_steal_and_close    (DossierSandboxServer   *self,
                                                    SoupServerMessage      *msg,
                                                    GBytes                 *bytes);
/* dossier-sandbox-server-listen.c: closes the listening socket (connections stay). */
void    _dossier_sandbox_server_stop_listening     (DossierSandboxServer   *self);
/* The whole HTTP/1.1 response, status line to body, for a connection answered by hand. */
GBytes *_dossier_sandbox_server_serialize_response (DossierSandboxResponse *response);

G_END_DECLS
