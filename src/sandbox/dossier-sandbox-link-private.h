/* dossier-sandbox-link-private.h — one accepted socket, as the sandbox's streams share it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * libsoup waits for every read and write through a GSource it makes afresh from the
 * stream. A socket's own source brings its descriptor with it: GLib adds it to the
 * context's poll set, and wakes the context through its eventfd, when the source is
 * attached, blocked for dispatch, unblocked and destroyed — eight wake-ups per
 * keep-alive request, each a system call and an extra turn of the loop.
 *
 * A link polls its socket through one source that lives as long as the connection
 * (the "watch"), and the sources the streams hand out carry no descriptor: they read
 * what the watch's poll found. It also keeps what is written until the loop is about
 * to poll, so a response's head and body leave in one send. All of it runs on the
 * server's thread (the context the link was made on).
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct _DossierSandboxLink DossierSandboxLink;

/* How much written data a link keeps before a write has to reach the socket. */
#define DOSSIER_SANDBOX_LINK_KEEP (64 * 1024)

DossierSandboxLink *_dossier_sandbox_link_new        (GSocket             *socket,
                                                      GMainContext        *context);
DossierSandboxLink *_dossier_sandbox_link_ref        (DossierSandboxLink  *link);
void                _dossier_sandbox_link_unref      (DossierSandboxLink  *link);

GSocket            *_dossier_sandbox_link_get_socket (DossierSandboxLink  *link);

/* Like g_socket_receive(); @blocking waits for data (or @cancellable). */
gssize              _dossier_sandbox_link_receive    (DossierSandboxLink  *link,
                                                      void                *buffer,
                                                      gsize                count,
                                                      gboolean             blocking,
                                                      GCancellable        *cancellable,
                                                      GError             **error);
/* Takes @count bytes (kept, or sent with what is kept); G_IO_ERROR_WOULD_BLOCK when
 * neither is possible now and @blocking is FALSE. */
gssize              _dossier_sandbox_link_send       (DossierSandboxLink  *link,
                                                      const void          *buffer,
                                                      gsize                count,
                                                      gboolean             blocking,
                                                      GCancellable        *cancellable,
                                                      GError             **error);
/* Sends what of the kept bytes the socket takes now: how many are left, or -1. */
gssize              _dossier_sandbox_link_push       (DossierSandboxLink  *link,
                                                      GError             **error);
/* Sends everything kept, waiting for the socket as long as it takes. */
gboolean            _dossier_sandbox_link_flush      (DossierSandboxLink  *link,
                                                      GCancellable        *cancellable,
                                                      GError             **error);

/* Whether a read (G_IO_IN) or a write (G_IO_OUT) would not block now. */
gboolean            _dossier_sandbox_link_is_ready   (DossierSandboxLink  *link,
                                                      GIOCondition         condition);
/* A GPollable source for @stream that fires when @condition is ready, without a
 * descriptor of its own. */
GSource            *_dossier_sandbox_link_create_source (DossierSandboxLink *link,
                                                         GObject            *stream,
                                                         GIOCondition        condition,
                                                         GCancellable       *cancellable);

/* No more writes: what is kept is sent in the background, then the sending side is
 * shut down (the peer reads end of file; its data can still be read). */
void                _dossier_sandbox_link_shutdown_write (DossierSandboxLink *link);
/* Closes the connection: what is kept is sent in the background first (for at most
 * a few seconds), then the socket is closed. */
void                _dossier_sandbox_link_close      (DossierSandboxLink  *link);
gboolean            _dossier_sandbox_link_is_closed  (DossierSandboxLink  *link);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DossierSandboxLink, _dossier_sandbox_link_unref)

G_END_DECLS
