/* dossier-image-quality.h — photo-quality measures: blur and glare
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gdk-pixbuf/gdk-pixbuf.h>

G_BEGIN_DECLS

/* Longest side of the greyscale copy the measures are taken on. */
#define DOSSIER_IMAGE_QUALITY_ANALYSIS_SIZE 1024

typedef struct {
  double sharpness;  /* variance of the Laplacian of the greyscale copy */
  double glare;      /* fraction of the image in the largest washed-out blob */
} DossierImageQuality;

void     dossier_image_quality_measure     (GdkPixbuf                 *pixbuf,
                                            DossierImageQuality       *quality);
gboolean dossier_image_quality_is_blurred  (const DossierImageQuality *quality);
gboolean dossier_image_quality_has_glare   (const DossierImageQuality *quality);

G_END_DECLS
