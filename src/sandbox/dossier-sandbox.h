/* dossier-sandbox.h — the embedded sandbox: engine + server on their own thread
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the app (and the HTTP tests) use: a DossierSandbox serves the API
 * contract on http://127.0.0.1:PORT (a random free port) from a thread with its
 * own GMainContext. It prints nothing.
 */
#pragma once

#include <gio/gio.h>

#include "dossier-sandbox-engine.h"

G_BEGIN_DECLS

#define DOSSIER_TYPE_SANDBOX (dossier_sandbox_get_type ())
G_DECLARE_FINAL_TYPE (DossierSandbox, dossier_sandbox, DOSSIER, SANDBOX, GObject)

/* Copies config (NULL: the defaults). */
DossierSandbox *dossier_sandbox_new               (const DossierSandboxConfig *config) G_GNUC_WARN_UNUSED_RESULT;
/* Starts the thread and waits until it listens or failed (error set then). */
gboolean        dossier_sandbox_start             (DossierSandbox             *self,
                                                   GError                    **error);
/* "http://127.0.0.1:PORT", no trailing slash; NULL before a successful start. */
const char     *dossier_sandbox_get_uri           (DossierSandbox             *self);
guint           dossier_sandbox_get_port          (DossierSandbox             *self);
/* The key for the app's default account. */
const char     *dossier_sandbox_get_api_key       (DossierSandbox             *self);
/* Catalogue product ids, catalogue order (NULL-terminated, transfer full); NULL before start. */
char          **dossier_sandbox_dup_product_ids   (DossierSandbox             *self);
/* The catalogue's human name of a product, or NULL. */
const char     *dossier_sandbox_get_product_name  (DossierSandbox             *self,
                                                   const char                 *product_id);
/* Quits the thread's loop, joins it, saves the state. Also done by dispose. */
void            dossier_sandbox_stop              (DossierSandbox             *self);
gboolean        dossier_sandbox_is_running        (DossierSandbox             *self);

G_END_DECLS
