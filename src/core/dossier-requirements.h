/* dossier-requirements.h — parsed `missing_requirements` (CONTRACT.md §6.4, §15.2)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>
#include <json-glib/json-glib.h>

#include "dossier-contract.h"

G_BEGIN_DECLS

/* Read-only views owned by their DossierRequirements; never NULL strings (name falls back to
 * the humanised id, description to ""). `data_type_raw` is the server's text, kept when
 * `data_type` is DOSSIER_DATA_TYPE_UNKNOWN. `values` is NULL-terminated, empty unless ENUM. */
typedef struct {
  char            *key;
  DossierDataType  data_type;
  char            *data_type_raw;
  gboolean         required;
  char           **values;
} DossierDataField;

typedef struct {
  char      *id;
  char      *name;
  char      *description;
  gboolean   required;
  GPtrArray *fields;        /* DossierDataField */
} DossierDataGroup;

typedef struct {
  char            *id;
  char            *name;
  DossierDataType  data_type;
  char            *data_type_raw;
  gboolean         required;
  char           **values;
} DossierMetadataField;

typedef struct {
  char      *id;
  char      *name;
  char      *description;
  gboolean   required;
  gboolean   require_image;
  gboolean   require_back_image;
  GPtrArray *metadata;      /* DossierMetadataField */
} DossierDocumentAlternative;

typedef struct {
  char      *id;
  char      *name;
  char      *description;
  gboolean   required;
  GPtrArray *alternatives;  /* DossierDocumentAlternative */
} DossierDocumentGroup;

#define DOSSIER_TYPE_REQUIREMENTS (dossier_requirements_get_type ())
G_DECLARE_FINAL_TYPE (DossierRequirements, dossier_requirements, DOSSIER, REQUIREMENTS, GObject)

DossierRequirements        *dossier_requirements_new_from_json          (JsonNode            *node);
gboolean                    dossier_requirements_is_empty               (DossierRequirements *self);
gboolean                    dossier_requirements_blocks                 (DossierRequirements *self);
gboolean                    dossier_requirements_equal                  (DossierRequirements *a,
                                                                         DossierRequirements *b);

guint                       dossier_requirements_get_n_data_groups      (DossierRequirements *self);
const DossierDataGroup     *dossier_requirements_get_data_group         (DossierRequirements *self,
                                                                         guint                index);
guint                       dossier_requirements_get_n_document_groups  (DossierRequirements *self);
const DossierDocumentGroup *dossier_requirements_get_document_group     (DossierRequirements *self,
                                                                         guint                index);
const DossierDataGroup     *dossier_requirements_lookup_data_group      (DossierRequirements *self,
                                                                         const char          *id);
const DossierDocumentGroup *dossier_requirements_lookup_document_group  (DossierRequirements *self,
                                                                         const char          *id);
const DossierDataField     *dossier_requirements_lookup_data_field      (DossierRequirements *self,
                                                                         const char          *key);
const DossierDocumentAlternative *
                            dossier_requirements_lookup_alternative     (DossierRequirements *self,
                                                                         const char          *id);

gboolean                    dossier_data_field_blocks                   (const DossierDataGroup     *group,
                                                                         const DossierDataField     *field);
gboolean                    dossier_document_group_blocks               (const DossierDocumentGroup *group);

char                       *dossier_requirements_humanise_id            (const char          *id);

/* A deep copy that outlives its DossierRequirements (dossier-document-group.c). */
DossierDocumentGroup       *dossier_document_group_copy                 (const DossierDocumentGroup *group);
void                        dossier_document_group_free                 (DossierDocumentGroup       *group);
/* Whether the two groups would build the same form. */
gboolean                    dossier_document_group_equal                (const DossierDocumentGroup *a,
                                                                         const DossierDocumentGroup *b);

G_END_DECLS
