/* dossier-sandbox-output-stream.h — the writing side of an accepted connection
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "dossier-sandbox-link-private.h"

G_BEGIN_DECLS

#define DOSSIER_TYPE_SANDBOX_OUTPUT_STREAM (dossier_sandbox_output_stream_get_type ())

G_DECLARE_FINAL_TYPE (DossierSandboxOutputStream, dossier_sandbox_output_stream,
                      DOSSIER, SANDBOX_OUTPUT_STREAM, GOutputStream)

GOutputStream *dossier_sandbox_output_stream_new      (DossierSandboxLink         *link);
/* Sends what was written, then shuts the sending side of the socket down. */
void           dossier_sandbox_output_stream_shutdown (DossierSandboxOutputStream *self);

G_END_DECLS
