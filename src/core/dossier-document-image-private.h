/* dossier-document-image-private.h — the worker side of DossierDocumentImage
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <gdk-pixbuf/gdk-pixbuf.h>

#include "dossier-image-quality.h"

G_BEGIN_DECLS

/* Upload limits of CONTRACT.md §15.7. */
#define DOSSIER_DOCUMENT_IMAGE_MAX_LONG_SIDE   2400
#define DOSSIER_DOCUMENT_IMAGE_JPEG_QUALITY    85
#define DOSSIER_DOCUMENT_IMAGE_THUMBNAIL_SIZE  320
#define DOSSIER_DOCUMENT_IMAGE_PREVIEW_SIZE    1024
#define DOSSIER_DOCUMENT_IMAGE_MAX_FILE_BYTES  (100 * 1024 * 1024)

/* Everything one run of the pipeline produces; built on the worker, handed to the object on
 * the main thread. */
typedef struct {
  GBytes              *source;
  guint                source_width;
  guint                source_height;
  guint                orientation;
  GdkPixbuf           *preview;
  GBytes              *upload;
  const char          *media_type;
  char                *data_uri;
  char                *sha256;
  guint                width;
  guint                height;
  GBytes              *thumbnail;
  GPtrArray           *checks;
  DossierImageQuality  quality;
} DossierPreparedImage;

void                  _dossier_prepared_image_free  (DossierPreparedImage  *prepared);
DossierPreparedImage *_dossier_document_image_run   (GFile                 *file,
                                                     GBytes                *bytes,
                                                     guint                  quarter_turns,
                                                     guint                  preview_size,
                                                     GCancellable          *cancellable,
                                                     GError               **error);
void                  _dossier_document_image_pick_size (gboolean           is_jpeg,
                                                         guint              width,
                                                         guint              height,
                                                         guint             *out_width,
                                                         guint             *out_height);

void                  _dossier_image_orientation_to_transform (guint      orientation,
                                                               guint     *flip,
                                                               guint     *turns);
GdkPixbuf            *_dossier_image_transform                (GdkPixbuf *src,
                                                               guint      flip,
                                                               guint      turns);
void                  _dossier_image_transform_rows           (GdkPixbuf *src,
                                                               guint      flip,
                                                               guint      turns,
                                                               int        y0,
                                                               int        rows,
                                                               guint8    *out,
                                                               gsize      out_stride,
                                                               int        out_n);
void                  _dossier_image_transform_source_rows    (GdkPixbuf *src,
                                                               guint      flip,
                                                               guint      turns,
                                                               int        y0,
                                                               int        y1,
                                                               GdkPixbuf *dst);
void                  _dossier_image_half_rows                (GdkPixbuf *src,
                                                               GdkPixbuf *dst,
                                                               int        y0,
                                                               int        y1);
GdkPixbuf            *_dossier_image_half_new                 (GdkPixbuf *src);
GdkPixbuf            *_dossier_image_half_size                (GdkPixbuf *src);
GdkPixbuf            *_dossier_image_reduce_to                (GdkPixbuf *pixbuf,
                                                               guint      max_side);
GBytes               *_dossier_document_image_encode_jpeg     (GdkPixbuf     *src,
                                                               guint          flip,
                                                               guint          turns,
                                                               gsize          max_bytes,
                                                               GCancellable  *cancellable,
                                                               char         **sha256,
                                                               char         **data_uri,
                                                               GError       **error);

typedef struct _DossierHalver DossierHalver;

DossierHalver        *_dossier_halver_new                     (GdkPixbufLoader *loader,
                                                               guint            max_side);
GdkPixbuf            *_dossier_halver_finish                  (DossierHalver   *self,
                                                               GdkPixbuf       *decoded);
void                  _dossier_halver_orient                  (DossierHalver   *self,
                                                               guint            quarter_turns);
GdkPixbuf            *_dossier_halver_steal_upright           (DossierHalver   *self,
                                                               guint           *flip,
                                                               guint           *turns);
void                  _dossier_halver_free                    (DossierHalver   *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DossierPreparedImage, _dossier_prepared_image_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DossierHalver, _dossier_halver_free)

G_END_DECLS
