/* dossier-document-compare.h — a rejected picture beside its replacement, zoomed together
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "dossier-document-viewer.h"

G_BEGIN_DECLS

#define DOSSIER_TYPE_DOCUMENT_COMPARE (dossier_document_compare_get_type ())
G_DECLARE_FINAL_TYPE (DossierDocumentCompare, dossier_document_compare, DOSSIER, DOCUMENT_COMPARE, GtkWidget)

GtkWidget             *dossier_document_compare_new             (void);
/* @texture: (nullable): the texture the slot showed for @image, drawn instead of its preview. */
void                   dossier_document_compare_set_rejected    (DossierDocumentCompare *self,
                                                                 DossierDocumentImage   *image,
                                                                 GdkTexture             *texture,
                                                                 const char             *reasons);
void                   dossier_document_compare_set_replacement (DossierDocumentCompare *self,
                                                                 DossierDocumentImage   *image,
                                                                 GdkTexture             *texture);
const char            *dossier_document_compare_get_reasons     (DossierDocumentCompare *self);
/* @rejected: TRUE for the rejected picture's viewer, FALSE for the replacement's. */
DossierDocumentViewer *dossier_document_compare_get_viewer      (DossierDocumentCompare *self,
                                                                 gboolean                rejected);

G_END_DECLS
