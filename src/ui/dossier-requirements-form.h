/* dossier-requirements-form.h — the data groups of a product request, built at run time
 * from its missing_requirements (CONTRACT.md §6.4, §7), with drafts and the guarded PUT
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "dossier-api.h"
#include "dossier-journal.h"

G_BEGIN_DECLS

#define DOSSIER_TYPE_REQUIREMENTS_FORM (dossier_requirements_form_get_type ())
G_DECLARE_FINAL_TYPE (DossierRequirementsForm, dossier_requirements_form, DOSSIER, REQUIREMENTS_FORM, GtkWidget)

/* journal: nullable (no drafts then). Drafts are kept in the journal per client and
 * request (dossier_journal_save_draft_async (journal, client_id, request_id, …)). */
GtkWidget             *dossier_requirements_form_new             (DossierApi              *api,
                                                                  DossierJournal          *journal);
/* Builds the groups, or updates them in place when the same request comes back with
 * new requirements: a group no longer listed is shown done; typed values are kept.
 * The first time for a client+request the journal's draft is restored. */
void                   dossier_requirements_form_set_request     (DossierRequirementsForm *self,
                                                                  DossierClient           *client,
                                                                  DossierProductRequest   *request);
DossierClient         *dossier_requirements_form_get_client      (DossierRequirementsForm *self);
DossierProductRequest *dossier_requirements_form_get_request     (DossierRequirementsForm *self);

/* TRUE when something was typed, everything typed is valid and no save is running. */
gboolean               dossier_requirements_form_get_can_save    (DossierRequirementsForm *self);
/* Required fields (of required groups) still empty or invalid. */
guint                  dossier_requirements_form_get_n_blocking  (DossierRequirementsForm *self);
/* TRUE once the journal answered whether the request has a draft (restored then). */
gboolean               dossier_requirements_form_get_draft_loaded (DossierRequirementsForm *self);
gboolean               dossier_requirements_form_get_busy        (DossierRequirementsForm *self);
/* The row of a field key, or NULL. */
GtkWidget             *dossier_requirements_form_get_row         (DossierRequirementsForm *self,
                                                                  const char              *key);
/* The message shown for the form as a whole (a failed save), or NULL. */
const char            *dossier_requirements_form_get_message     (DossierRequirementsForm *self);
/* The AdwPreferencesGroup of a data group (also after it is done), or NULL. */
GtkWidget             *dossier_requirements_form_get_group       (DossierRequirementsForm *self,
                                                                  const char              *group_id);
/* What a group's "Saved" row lists (the names of the satisfied fields), or NULL. */
const char            *dossier_requirements_form_get_done_summary (DossierRequirementsForm *self,
                                                                  const char              *group_id);

/* GET the client, merge the typed values (PHONE K → K_country_code + K_number), guarded
 * full-replacement PUT, then list the client's products so the requirements update in
 * place; the draft is deleted. Emits `saved` (client, request). Returns the updated client. */
void                   dossier_requirements_form_save_async      (DossierRequirementsForm *self,
                                                                  GCancellable            *cancellable,
                                                                  GAsyncReadyCallback      callback,
                                                                  gpointer                 user_data);
DossierClient         *dossier_requirements_form_save_finish     (DossierRequirementsForm *self,
                                                                  GAsyncResult            *result,
                                                                  GError                 **error);

G_END_DECLS
