/* dossier-background.h — long work on a thread of its own, below the UI's priority
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Niceness of background work: the UI thread and the display server win a core. */
#define DOSSIER_BACKGROUND_NICENESS 10

void dossier_background_run_task (GTask           *task,
                                  GTaskThreadFunc  func);
void dossier_background_lower_priority (void);

G_END_DECLS
