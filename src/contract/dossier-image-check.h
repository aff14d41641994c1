/* dossier-image-check.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Byte-level checks of document images (CONTRACT.md §10.2). No pixel decoding.
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define DOSSIER_CONTRACT_MAX_IMAGE_BYTES 10485760
#define DOSSIER_CONTRACT_MIN_SHORT_SIDE  600
#define DOSSIER_CONTRACT_MAX_LONG_SIDE   10000

typedef enum {
  DOSSIER_IMAGE_FORMAT_UNKNOWN,
  DOSSIER_IMAGE_FORMAT_JPEG,
  DOSSIER_IMAGE_FORMAT_PNG,
} DossierImageFormat;

DossierImageFormat dossier_image_detect_format     (const guint8       *data,
                                                    gsize               len);
const char        *dossier_image_format_media_type (DossierImageFormat  format);
gboolean           dossier_image_read_size         (const guint8       *data,
                                                    gsize               len,
                                                    guint              *width,
                                                    guint              *height);
gboolean           dossier_image_is_complete       (const guint8       *data,
                                                    gsize               len);

G_END_DECLS
