/* dossier-known-ids.h — translated labels for the ids Dossier knows (the catalogue's
 * products, groups, fields, document types, metadata and ENUM values)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Labels only: what a form shows always comes from the requirements the server sent;
 * this table only names what it recognises, in the user's language.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  DOSSIER_KNOWN_ID_PRODUCT,
  DOSSIER_KNOWN_ID_DATA_GROUP,
  DOSSIER_KNOWN_ID_DATA_FIELD,
  DOSSIER_KNOWN_ID_DOCUMENT_GROUP,
  DOSSIER_KNOWN_ID_DOCUMENT_TYPE,
  DOSSIER_KNOWN_ID_METADATA,
  DOSSIER_KNOWN_ID_ENUM_VALUE,
} DossierKnownIdKind;

/* The translated name of a known id, or NULL. */
const char *dossier_known_ids_lookup             (DossierKnownIdKind  kind,
                                                  const char         *id);
/* The translated description of a known group or document type, or NULL. */
const char *dossier_known_ids_lookup_description (DossierKnownIdKind  kind,
                                                  const char         *id);
/* Never NULL: the translated name, else server_text when not blank, else the humanised id. */
char       *dossier_known_ids_label              (DossierKnownIdKind  kind,
                                                  const char         *id,
                                                  const char         *server_text);
/* Never NULL: the translated description, else server_text (may be ""). */
char       *dossier_known_ids_description        (DossierKnownIdKind  kind,
                                                  const char         *id,
                                                  const char         *server_text);
/* The translated display name of a known product, or NULL. */
const char *dossier_known_ids_product_name       (const char         *id);
/* Never NULL: the display name of a known product, else the humanised id. */
char       *dossier_known_ids_product_label      (const char         *id);

G_END_DECLS
