/* dossier-journal-actions.h — Export Dossier…, Export as JSON…, Verify Journal and
 * Forget This Client's Local Data
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The client actions work on any widget class whose instances have a "client"
 * property (DossierClientPage); they find the journal, the request cache and the
 * account through the DossierWindow they sit in, unless a test set them with
 * dossier_journal_actions_set_context().
 *
 *   client.export-pdf                  opens the file chooser (in Documents), then client.export-pdf-to
 *   client.export-pdf-to         "s"   writes the PDF to that URI
 *   client.export-json                 opens the file chooser, then client.export-json-to
 *   client.export-json-to        "s"   writes the JSON to that URI
 * An export's success toast has an Open button: the file in the default app.
 *   client.forget-local-data           asks (destructive), then forgets the client's local data
 *   win.verify-journal                 verifies the journal and says the result in a dialog
 */
#pragma once

#include <adwaita.h>

#include "dossier-journal.h"
#include "dossier-request-cache.h"

G_BEGIN_DECLS

/* From the class_init of DossierClientPage (client.*) and of DossierWindow (win.*). */
void dossier_journal_actions_install_client (GtkWidgetClass      *widget_class);
void dossier_journal_actions_install_window (GtkWidgetClass      *widget_class);
/* From the instance init of the client widget: the client actions are enabled only
 * while its "client" property is set. */
void dossier_journal_actions_bind_client    (GtkWidget           *widget);
/* Overrides what the actions would find through the window (tests, other hosts). */
void dossier_journal_actions_set_context    (GtkWidget           *widget,
                                             DossierJournal      *journal,
                                             DossierRequestCache *cache,
                                             const char          *account_label);

/* Tests: build the file chooser but do not show it. */
void dossier_journal_actions_set_chooser_hidden (gboolean          hidden);
/* Tests: the toast's Open button records the URI instead of launching an app. */
void dossier_journal_actions_set_launch_hidden  (gboolean          hidden);

G_END_DECLS
