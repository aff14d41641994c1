/* dossier-sandbox-catalogue-private.h — the loaded catalogue, shared by its two source files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "dossier-sandbox-catalogue.h"

G_BEGIN_DECLS

typedef struct
{
  const char      *key;
  DossierValueSpec spec;
  char            *country_code_member;  /* PHONE: K_country_code */
  char            *number_member;        /* PHONE: K_number */
} DossierSandboxDataField;

typedef struct
{
  const DossierSandboxDataField *field;
  gboolean                       required;
} DossierSandboxGroupField;

typedef struct
{
  const char               *id;
  const char               *name;
  const char               *description;
  gboolean                  required;
  DossierSandboxGroupField *fields;
  guint                     n_fields;
} DossierSandboxDataGroup;

typedef struct
{
  const char                 *id;
  const char                 *name;
  const char                 *description;
  gboolean                    required;
  DossierSandboxDocumentRule *documents;
  guint                       n_documents;
} DossierSandboxDocumentGroup;

typedef struct
{
  const char                  *id;
  const char                  *name;
  DossierSandboxDataGroup     *data;
  guint                        n_data;
  DossierSandboxDocumentGroup *documents;
  guint                        n_documents;
} DossierSandboxProduct;

struct _DossierSandboxCatalogue
{
  JsonNode               *root;         /* owns every string the structures point to */
  GPtrArray              *allocations;  /* every array below, freed with g_free */
  DossierSandboxDataField *fields;      /* sorted by key (strcmp) */
  guint                   n_fields;
  DossierSandboxProduct  *products;     /* catalogue order */
  guint                   n_products;
};

/* dossier-sandbox-catalogue-load.c: validates @root (§12.2) and builds the
 * catalogue, which takes a reference on @root. @label names the source in
 * error messages ("catalogue" or "catalogue FILE"). */
DossierSandboxCatalogue *dossier_sandbox_catalogue_load (JsonNode   *root,
                                                         const char *label,
                                                         GError    **error);

/* dossier-sandbox-catalogue.c: a member of @object (NULL = none), or NULL when
 * absent or null (null means absent, §6.2). */
JsonNode *dossier_sandbox_catalogue_get_present_member (JsonObject *object,
                                                        const char *name);

G_END_DECLS
