/* dossier-preferences-window.h — Preferences: the accounts Dossier works on
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "dossier-application.h"

G_BEGIN_DECLS

#define DOSSIER_TYPE_PREFERENCES_WINDOW (dossier_preferences_window_get_type ())
G_DECLARE_FINAL_TYPE (DossierPreferencesWindow, dossier_preferences_window, DOSSIER, PREFERENCES_WINDOW, AdwPreferencesWindow)

DossierPreferencesWindow *dossier_preferences_window_new         (DossierApplication       *application);
/* Fills the "add" rows and starts the test, as the button does. */
void                      dossier_preferences_window_add_account (DossierPreferencesWindow *self,
                                                                  const char               *name,
                                                                  const char               *base_url,
                                                                  const char               *api_key);
gboolean                  dossier_preferences_window_get_busy    (DossierPreferencesWindow *self);
/* The sentence under the "add" rows (the test's result), or "". */
const char               *dossier_preferences_window_get_status  (DossierPreferencesWindow *self);
/* The check button that selects an account: base_url "" is the sandbox. */
GtkWidget                *dossier_preferences_window_get_account_check (DossierPreferencesWindow *self,
                                                                        const char               *base_url);

G_END_DECLS
