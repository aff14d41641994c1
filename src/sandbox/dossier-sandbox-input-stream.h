/* dossier-sandbox-input-stream.h — the reading side of an accepted connection
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "dossier-sandbox-link-private.h"

G_BEGIN_DECLS

#define DOSSIER_TYPE_SANDBOX_INPUT_STREAM (dossier_sandbox_input_stream_get_type ())

G_DECLARE_FINAL_TYPE (DossierSandboxInputStream, dossier_sandbox_input_stream,
                      DOSSIER, SANDBOX_INPUT_STREAM, GInputStream)

GInputStream *dossier_sandbox_input_stream_new (DossierSandboxLink *link);

G_END_DECLS
