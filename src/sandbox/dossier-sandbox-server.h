/* dossier-sandbox-server.h — the SoupServer adapter around DossierSandboxEngine
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Turns HTTP exchanges on a SoupServer into dossier_sandbox_engine_begin() /
 * _finish() calls (CONTRACT.md §1.5, §17). Everything here runs on the thread
 * whose thread-default GMainContext was current when the server was created
 * and started listening; create, listen, use and free it on that thread.
 */
#pragma once

#include <gio/gio.h>
#include <libsoup/soup.h>

#include "dossier-sandbox-engine.h"

G_BEGIN_DECLS

typedef struct _DossierSandboxServer DossierSandboxServer;

/* Keeps a reference on engine. verbose: one stderr line per request. */
DossierSandboxServer *dossier_sandbox_server_new      (DossierSandboxEngine *engine,
                                                       gboolean              verbose);
/* Listens on 127.0.0.1:port (0 = a free port). */
gboolean              dossier_sandbox_server_listen   (DossierSandboxServer *self,
                                                       guint                 port,
                                                       GError              **error);
/* The real port once listening, else 0. */
guint                 dossier_sandbox_server_get_port (DossierSandboxServer *self);
/* Cancels pending delayed requests, disconnects and frees the server. */
void                  dossier_sandbox_server_free     (DossierSandboxServer *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DossierSandboxServer, dossier_sandbox_server_free)

G_END_DECLS
