/* dossier-document-image.h — a document picture prepared for upload
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <gdk-pixbuf/gdk-pixbuf.h>

#include "dossier-document-check.h"
#include "dossier-image-quality.h"

G_BEGIN_DECLS

#define DOSSIER_TYPE_DOCUMENT_IMAGE (dossier_document_image_get_type ())

G_DECLARE_FINAL_TYPE (DossierDocumentImage, dossier_document_image, DOSSIER, DOCUMENT_IMAGE, GObject)

DossierDocumentImage      *dossier_document_image_new_for_file      (GFile                 *file);
DossierDocumentImage      *dossier_document_image_new_for_bytes     (GBytes                *bytes);

GFile                     *dossier_document_image_get_file          (DossierDocumentImage  *self);
gboolean                   dossier_document_image_get_prepared      (DossierDocumentImage  *self);
guint                      dossier_document_image_get_quarter_turns (DossierDocumentImage  *self);
GdkPixbuf                 *dossier_document_image_get_preview       (DossierDocumentImage  *self);
GBytes                    *dossier_document_image_get_upload_bytes  (DossierDocumentImage  *self);
const char                *dossier_document_image_get_media_type    (DossierDocumentImage  *self);
const char                *dossier_document_image_get_data_uri      (DossierDocumentImage  *self);
const char                *dossier_document_image_get_sha256        (DossierDocumentImage  *self);
guint                      dossier_document_image_get_width         (DossierDocumentImage  *self);
guint                      dossier_document_image_get_height        (DossierDocumentImage  *self);
void                       dossier_document_image_get_source_size   (DossierDocumentImage  *self,
                                                                     guint                 *width,
                                                                     guint                 *height);
guint                      dossier_document_image_get_orientation   (DossierDocumentImage  *self);
GBytes                    *dossier_document_image_get_thumbnail     (DossierDocumentImage  *self);
GPtrArray                 *dossier_document_image_get_checks        (DossierDocumentImage  *self);
const DossierImageQuality *dossier_document_image_get_quality       (DossierDocumentImage  *self);
gboolean                   dossier_document_image_can_upload        (DossierDocumentImage  *self);

void                       dossier_document_image_prepare_async     (DossierDocumentImage  *self,
                                                                     guint                  quarter_turns,
                                                                     guint                  preview_size,
                                                                     GCancellable          *cancellable,
                                                                     GAsyncReadyCallback    callback,
                                                                     gpointer               user_data);
gboolean                   dossier_document_image_prepare_finish    (DossierDocumentImage  *self,
                                                                     GAsyncResult          *result,
                                                                     GError               **error);

G_END_DECLS
