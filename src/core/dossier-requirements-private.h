/* dossier-requirements-private.h — the DossierRequirements struct, shared by its source files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "dossier-requirements.h"

G_BEGIN_DECLS

struct _DossierRequirements
{
  GObject    parent_instance;

  GPtrArray *data_groups;      /* DossierDataGroup */
  GPtrArray *document_groups;  /* DossierDocumentGroup */
};

void _dossier_metadata_field_free       (DossierMetadataField       *field);
void _dossier_document_alternative_free (DossierDocumentAlternative *alternative);

G_END_DECLS
