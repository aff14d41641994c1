/* dossier-core.h — process-wide facts of the core layer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

const char *dossier_core_user_agent (void);
char       *dossier_core_data_dir   (GError **error);

G_END_DECLS
