/* dossier-client-form.h — every create/update field of a client, checked as people type
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>
#include <json-glib/json-glib.h>

#include "dossier-client.h"
#include "dossier-client-fields.h"

G_BEGIN_DECLS

#define DOSSIER_TYPE_CLIENT_FORM (dossier_client_form_get_type ())
G_DECLARE_FINAL_TYPE (DossierClientForm, dossier_client_form, DOSSIER, CLIENT_FORM, GtkWidget)

GtkWidget   *dossier_client_form_new               (void);
void         dossier_client_form_set_from_client   (DossierClientForm  *self,
                                                    DossierClient      *client);
/* Writes every field into client (absent when empty); other members are untouched. */
void         dossier_client_form_apply_to_client   (DossierClientForm  *self,
                                                    DossierClient      *client);
/* Draft values: member path → text, only fields that are not empty. */
JsonObject  *dossier_client_form_get_values        (DossierClientForm  *self);
void         dossier_client_form_set_values        (DossierClientForm  *self,
                                                    JsonObject         *values);
const char  *dossier_client_form_get_text          (DossierClientForm  *self,
                                                    DossierClientField  field);
void         dossier_client_form_set_text          (DossierClientForm  *self,
                                                    DossierClientField  field,
                                                    const char         *text);
gboolean     dossier_client_form_is_empty          (DossierClientForm  *self);
gboolean     dossier_client_form_get_valid         (DossierClientForm  *self);
/* Shows every message, also on fields not touched yet; focuses the first wrong one. */
gboolean     dossier_client_form_check_all         (DossierClientForm  *self);
/* Marks the fields a server's validation message names (every "path: problem" of
 * "Validation failed: …", or the email for a duplicate); returns how many. */
guint        dossier_client_form_show_server_error (DossierClientForm  *self,
                                                    const GError       *error);
void         dossier_client_form_clear_server_errors (DossierClientForm *self);
/* The message shown under a field, or NULL. */
const char  *dossier_client_form_get_message       (DossierClientForm  *self,
                                                    DossierClientField  field);
GtkWidget   *dossier_client_form_get_row           (DossierClientForm  *self,
                                                    DossierClientField  field);
GtkWidget   *dossier_client_form_get_country_dropdown (DossierClientForm *self);
GtkWidget   *dossier_client_form_get_calendar_button  (DossierClientForm *self);

G_END_DECLS
