/* dossier-client.h — an individual client (CONTRACT.md §6.1, §6.2, §15.2, §15.3)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define DOSSIER_TYPE_CLIENT (dossier_client_get_type ())
G_DECLARE_FINAL_TYPE (DossierClient, dossier_client, DOSSIER, CLIENT, GObject)

DossierClient *dossier_client_new                    (void);
DossierClient *dossier_client_new_from_json          (JsonNode      *node,
                                                      GError       **error);
JsonNode      *dossier_client_to_json                (DossierClient *self);
gboolean       dossier_client_update_from            (DossierClient *self,
                                                      DossierClient *newer);
DossierClient *dossier_client_copy                   (DossierClient *self);

const char    *dossier_client_get_id                 (DossierClient *self);
const char    *dossier_client_get_status             (DossierClient *self);
const char    *dossier_client_get_first_name         (DossierClient *self);
void           dossier_client_set_first_name         (DossierClient *self,
                                                      const char    *value);
const char    *dossier_client_get_second_name        (DossierClient *self);
void           dossier_client_set_second_name        (DossierClient *self,
                                                      const char    *value);
const char    *dossier_client_get_last_name          (DossierClient *self);
void           dossier_client_set_last_name          (DossierClient *self,
                                                      const char    *value);
const char    *dossier_client_get_email              (DossierClient *self);
void           dossier_client_set_email              (DossierClient *self,
                                                      const char    *value);
const char    *dossier_client_get_birth_date         (DossierClient *self);
void           dossier_client_set_birth_date         (DossierClient *self,
                                                      const char    *value);
const char    *dossier_client_get_street_line1       (DossierClient *self);
void           dossier_client_set_street_line1       (DossierClient *self,
                                                      const char    *value);
const char    *dossier_client_get_street_line2       (DossierClient *self);
void           dossier_client_set_street_line2       (DossierClient *self,
                                                      const char    *value);
const char    *dossier_client_get_city               (DossierClient *self);
void           dossier_client_set_city               (DossierClient *self,
                                                      const char    *value);
const char    *dossier_client_get_postal_code        (DossierClient *self);
void           dossier_client_set_postal_code        (DossierClient *self,
                                                      const char    *value);
const char    *dossier_client_get_state              (DossierClient *self);
void           dossier_client_set_state              (DossierClient *self,
                                                      const char    *value);
const char    *dossier_client_get_country            (DossierClient *self);
void           dossier_client_set_country            (DossierClient *self,
                                                      const char    *value);
const char    *dossier_client_get_phone_country_code (DossierClient *self);
void           dossier_client_set_phone_country_code (DossierClient *self,
                                                      const char    *value);
const char    *dossier_client_get_phone_number       (DossierClient *self);
void           dossier_client_set_phone_number       (DossierClient *self,
                                                      const char    *value);
GDateTime     *dossier_client_get_created_at         (DossierClient *self);
const char    *dossier_client_get_created_at_raw     (DossierClient *self);
GDateTime     *dossier_client_get_updated_at         (DossierClient *self);
const char    *dossier_client_get_updated_at_raw     (DossierClient *self);
const char    *dossier_client_get_search_key         (DossierClient *self);
char          *dossier_client_get_display_name       (DossierClient *self);

JsonNode      *dossier_client_get_member             (DossierClient *self,
                                                      const char    *key);
void           dossier_client_set_member             (DossierClient *self,
                                                      const char    *key,
                                                      JsonNode      *value);
JsonNode      *dossier_client_get_address_member     (DossierClient *self,
                                                      const char    *key);
char         **dossier_client_list_extra_members     (DossierClient *self);

char          *dossier_client_fold_text              (const char    *text);

G_END_DECLS
