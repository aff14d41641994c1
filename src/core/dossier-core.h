/* dossier-core.h — process-wide facts of the core layer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

const char *dossier_core_user_agent     (void);
char       *dossier_core_data_dir       (GError     **error);
/* Where gettext reads Dossier's catalogues: DOSSIER_LOCALEDIR when set outside Flatpak. */
const char *dossier_core_locale_dir     (void);
const char *dossier_core_locale_dir_for (const char  *override,
                                         gboolean     sandboxed);

G_END_DECLS
