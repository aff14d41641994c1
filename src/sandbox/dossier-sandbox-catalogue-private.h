/* dossier-sandbox-catalogue-private.h — the loaded catalogue, shared by its source files
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

/* dossier-sandbox-catalogue-reader.c: reading one object of the catalogue file.
 * Getters fail (return FALSE, set the error once) with a message naming the
 * member by its path; reader_at() gives a reader for a nested object. */
#define READER_ID_PATTERN "^[a-z][a-z0-9_]{0,63}$"

typedef struct
{
  DossierSandboxCatalogue *catalogue;  /* being built */
  const char              *label;      /* "catalogue" or "catalogue FILE" */
  GError                 **error;
  const char              *path;       /* of the object read, "" at the top level */
} DossierCatalogueReader;

DossierCatalogueReader reader_at     (const DossierCatalogueReader *r,
                                      const char                   *path);
char       *reader_join        (const DossierCatalogueReader *r,
                                const char                   *name);
char       *reader_index       (const DossierCatalogueReader *r,
                                const char                   *name,
                                guint                         index);
gboolean    reader_fail        (const DossierCatalogueReader *r,
                                const char                   *member,
                                const char                   *format,
                                ...) G_GNUC_PRINTF (3, 4);
gpointer    reader_alloc       (const DossierCatalogueReader *r,
                                gsize                         element_size,
                                guint                         n);
JsonNode   *reader_member      (JsonObject                   *object,
                                const char                   *name);
gboolean    reader_holds       (JsonNode                     *node,
                                GType                         type);
gboolean    reader_is_id       (const char                   *text);
gboolean    reader_string      (const DossierCatalogueReader *r,
                                JsonObject                   *object,
                                const char                   *name,
                                gboolean                      required,
                                const char                  **out);
gboolean    reader_bool        (const DossierCatalogueReader *r,
                                JsonObject                   *object,
                                const char                   *name,
                                gboolean                      required,
                                gboolean                     *out);
gboolean    reader_array       (const DossierCatalogueReader *r,
                                JsonObject                   *object,
                                const char                   *name,
                                guint                         min_length,
                                JsonArray                   **out);
JsonObject *reader_element     (const DossierCatalogueReader *r,
                                JsonArray                    *array,
                                guint                         index);
gboolean    reader_id          (const DossierCatalogueReader *r,
                                JsonObject                   *object,
                                const char                  **out);
gboolean    reader_annotations (const DossierCatalogueReader *r,
                                JsonObject                   *object,
                                gboolean                      description_required,
                                const char                  **description);

/* dossier-sandbox-catalogue-specs.c: `data_fields` and the metadata specs of a
 * document (@r at the document). */
gboolean    reader_data_fields (const DossierCatalogueReader *r,
                                JsonObject                   *root);
const DossierSandboxDataField *reader_field (const DossierCatalogueReader *r,
                                             const char                   *key);
gboolean    reader_metadata    (const DossierCatalogueReader *r,
                                JsonObject                   *object,
                                DossierSandboxDocumentRule   *document);

/* dossier-sandbox-catalogue.c: a member of @object (NULL = none), or NULL when
 * absent or null (null means absent, §6.2). */
JsonNode *dossier_sandbox_catalogue_get_present_member (JsonObject *object,
                                                        const char *name);

G_END_DECLS
