/* dossier-sandbox-document-check.h — the document checks of CONTRACT.md §10 and §9.3
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Pure functions of the request's `document` object, the catalogue rule of the
 * chosen document type and today's date: no HTTP, no state.
 */
#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

#include "dossier-contract.h"

G_BEGIN_DECLS

typedef struct
{
  const char      *id;
  const char      *name;
  DossierValueSpec spec;          /* the metadata value's data type and ENUM values */
  gboolean         required;
  gboolean         expiry;        /* DATE: must not be before today */
  guint            max_age_days;  /* DATE: 0 = no limit */
} DossierSandboxMetadataRule;

typedef struct
{
  const char                 *id;
  const char                 *name;
  const char                 *description;
  gboolean                    required;
  gboolean                    require_image;
  gboolean                    require_back_image;
  DossierSandboxMetadataRule *metadata;
  guint                       n_metadata;
} DossierSandboxDocumentRule;

typedef struct
{
  char  *media_type;   /* detected from the bytes: "image/jpeg" or "image/png";
                        * NULL when that image was not sent */
  guint  width;
  guint  height;
  gsize  bytes;        /* decoded byte size */
  char  *sha256;       /* 64 lowercase hex */
} DossierSandboxImageInfo;

void  dossier_sandbox_image_info_clear          (DossierSandboxImageInfo          *info);

/* §10.2–10.4 on the request's `document` object, whose member JSON types the
 * engine has already checked (document_type/image_front/image_back strings or
 * absent/null, metadata object or absent/null). Appends the reason strings in
 * §10.4 order to @reasons (element-type utf8, the array must free its elements
 * with g_free). When nothing was appended, @front and @back are filled (an image
 * that was not sent leaves its info zeroed, media_type NULL); otherwise they are
 * left cleared. @today is the sandbox clock's UTC date. */
void  dossier_sandbox_document_check            (const DossierSandboxDocumentRule *rule,
                                                 JsonObject                       *document,
                                                 const GDate                      *today,
                                                 GPtrArray                        *reasons,
                                                 DossierSandboxImageInfo          *front,
                                                 DossierSandboxImageInfo          *back);

/* §10.3 for the metadata object alone (NULL = none sent): appends the metadata
 * reasons in catalogue order. */
void  dossier_sandbox_document_check_metadata   (const DossierSandboxDocumentRule *rule,
                                                 JsonObject                       *metadata,
                                                 const GDate                      *today,
                                                 GPtrArray                        *reasons);

/* §10.2 for one image value (NULL or "" = absent). @side is "Front" or "Back".
 * Returns the reason (transfer full) or NULL; on NULL, @info is filled when the
 * image was present. */
char *dossier_sandbox_document_check_image      (const char                       *side,
                                                 const char                       *value,
                                                 gboolean                          required,
                                                 DossierSandboxImageInfo          *info);

/* §9.3: the date rules (expiry, max_age_days) of stored metadata against
 * today: the first failing reason (transfer full), or NULL. */
char *dossier_sandbox_document_check_dates      (const DossierSandboxDocumentRule *rule,
                                                 JsonObject                       *metadata,
                                                 const GDate                      *today);

G_END_DECLS
