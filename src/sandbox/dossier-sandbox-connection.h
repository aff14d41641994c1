/* dossier-sandbox-connection.h — an accepted socket as the GIOStream libsoup serves
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define DOSSIER_TYPE_SANDBOX_CONNECTION (dossier_sandbox_connection_get_type ())

G_DECLARE_FINAL_TYPE (DossierSandboxConnection, dossier_sandbox_connection,
                      DOSSIER, SANDBOX_CONNECTION, GIOStream)

/* Takes over @socket (made non-blocking); its I/O runs on the thread-default context. */
GIOStream *dossier_sandbox_connection_new        (GSocket                  *socket);
GSocket   *dossier_sandbox_connection_get_socket (DossierSandboxConnection *self);

G_END_DECLS
