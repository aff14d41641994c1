/* dossier-json-number.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What json-glib 1.6 cannot tell about JSON number literals (CONTRACT.md §6.2, §12.3).
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

gboolean dossier_json_text_has_integer_overflow (const char *text,
                                                 gsize       len);

G_END_DECLS
