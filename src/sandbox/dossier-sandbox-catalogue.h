/* dossier-sandbox-catalogue.h — the product catalogue of CONTRACT.md §12
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Loads and validates a catalogue file (§12.2), validates the catalogue data
 * fields of client bodies (§6.2, §12.3) and computes missing_requirements and
 * blocking (§6.4, §7, §12.4). Immutable once loaded: safe to share.
 */
#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

#include "dossier-sandbox-document-check.h"

G_BEGIN_DECLS

/* Resource path of the built-in catalogue. */
#define DOSSIER_SANDBOX_CATALOGUE_RESOURCE "/io/github/dossier_app/Dossier/sandbox/catalogue.json"

typedef struct _DossierSandboxCatalogue DossierSandboxCatalogue;

/* All three fail with DOSSIER_SANDBOX_ERROR / DOSSIER_SANDBOX_ERROR_CATALOGUE
 * and a message naming the problem. */
DossierSandboxCatalogue *dossier_sandbox_catalogue_new_default    (GError                 **error);
DossierSandboxCatalogue *dossier_sandbox_catalogue_new_from_file  (const char              *path,
                                                                   GError                 **error);
DossierSandboxCatalogue *dossier_sandbox_catalogue_new_from_bytes (GBytes                  *json,
                                                                   GError                 **error);
void                     dossier_sandbox_catalogue_free           (DossierSandboxCatalogue *self);

guint        dossier_sandbox_catalogue_get_n_products   (DossierSandboxCatalogue *self);
/* catalogue order */
const char  *dossier_sandbox_catalogue_get_product_id   (DossierSandboxCatalogue *self,
                                                         guint                    index);
/* NULL if unknown */
const char  *dossier_sandbox_catalogue_get_product_name (DossierSandboxCatalogue *self,
                                                         const char              *product_id);
/* exact, case-sensitive */
gboolean     dossier_sandbox_catalogue_has_product      (DossierSandboxCatalogue *self,
                                                         const char              *product_id);

/* Client bodies (§6.2, §12.3), catalogue members only, alphabetical order of
 * key (a PHONE key K checks K_country_code then K_number; the key `phone` is
 * skipped: its members are core members). The first wrong-typed member as a
 * 400 message "Invalid request body: <path>: must be <a string / a number /
 * an integer>" (transfer full), or NULL. null = absent. */
char        *dossier_sandbox_catalogue_check_client_types  (DossierSandboxCatalogue *self,
                                                            JsonObject              *body);
/* ... and the invalid values, appending "<path>: <problem>" strings (transfer
 * full, element-type utf8) to @problems: the 412 VALIDATION_ERROR parts.
 * Members of the wrong JSON type are skipped (they are a 400 first). */
void         dossier_sandbox_catalogue_check_client_values (DossierSandboxCatalogue *self,
                                                            JsonObject              *body,
                                                            GPtrArray               *problems);

/* §6.4/§7/§12.4: a new {"documents":[…],"data":[…]} object node for the
 * product, given the stored client object (NULL = no members) and the set of
 * satisfied document group ids (the keys of @satisfied; NULL = none).
 * An unknown product gives both arrays empty. */
JsonNode *dossier_sandbox_catalogue_missing_requirements (DossierSandboxCatalogue *self,
                                                          const char              *product_id,
                                                          JsonObject              *client,
                                                          GHashTable              *satisfied);
/* TRUE when an unsatisfied item and its group are both required (§6.4). */
gboolean  dossier_sandbox_catalogue_blocks               (DossierSandboxCatalogue *self,
                                                          const char              *product_id,
                                                          JsonObject              *client,
                                                          GHashTable              *satisfied);

/* The alternative whose id equals @document_type (ASCII case-insensitive) in
 * one of the product's UNSATISFIED document groups, and that group's id
 * (@group_id may be NULL); NULL when none (→ 412 DOCUMENT_NOT_REQUESTED). */
const DossierSandboxDocumentRule *
dossier_sandbox_catalogue_find_document (DossierSandboxCatalogue *self,
                                         const char              *product_id,
                                         const char              *document_type,
                                         GHashTable              *satisfied_groups,
                                         const char             **group_id);
/* Lookup by exact catalogue id, for the §9.3 re-check (and its group id). */
const DossierSandboxDocumentRule *
dossier_sandbox_catalogue_get_document  (DossierSandboxCatalogue *self,
                                         const char              *product_id,
                                         const char              *document_id,
                                         const char             **group_id);

G_END_DECLS
