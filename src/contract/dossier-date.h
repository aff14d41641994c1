/* dossier-date.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Calendar dates (CONTRACT.md §12.3 DATE) and timestamps (§1.4, §15.2).
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

gboolean   dossier_date_parse       (const char  *text,
                                     GDate       *date);
char      *dossier_date_format      (const GDate *date);
GDateTime *dossier_timestamp_parse  (const char  *text);
char      *dossier_timestamp_format (GDateTime   *datetime);

G_END_DECLS
