/* dossier-ui-test-utils.h — helpers every UI test wants
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "dossier-application.h"
#include "dossier-window.h"

G_BEGIN_DECLS

typedef gboolean (*DossierTestCondition) (gpointer data);

/* Iterates the default main context until cond (data) is TRUE or timeout_ms
 * passes; returns the condition's last value. Never spins without a guard. */
gboolean  dossier_test_wait_until     (DossierTestCondition cond,
                                       gpointer             data,
                                       guint                timeout_ms);
/* Waits until the widget is mapped and has drawn a frame. */
gboolean  dossier_test_wait_for_draw  (GtkWidget           *widget);
/* Renders the widget as a person sees it and saves it as
 * $G_TEST_BUILDDIR/screenshots/NAME.png; returns that path. */
char     *dossier_test_save_screenshot (GtkWidget          *widget,
                                        const char         *name);

/* A DossierApplication on the embedded sandbox, under an id of its own (@tag tells test
 * programs apart), registered and activated, light style; returns it once its window
 * (in @window) has drawn, listed more than @min_clients - 1 clients and opened the journal. */
DossierApplication *dossier_test_app_start (const char     *tag,
                                            guint           min_clients,
                                            DossierWindow **window);
/* Destroys every window of *app, then *app. */
void                dossier_test_app_stop  (DossierApplication **app);

G_END_DECLS
