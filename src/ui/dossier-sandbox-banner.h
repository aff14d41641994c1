/* dossier-sandbox-banner.h — a strip that says the window shows the demo sandbox
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define DOSSIER_TYPE_SANDBOX_BANNER (dossier_sandbox_banner_get_type ())
G_DECLARE_FINAL_TYPE (DossierSandboxBanner, dossier_sandbox_banner, DOSSIER, SANDBOX_BANNER, GtkWidget)

gboolean dossier_sandbox_banner_get_revealed (DossierSandboxBanner *self);

G_END_DECLS
