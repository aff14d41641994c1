/* dossier-document-viewer.h — a zoomable, pannable preview of a document's front and back
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "dossier-document-image.h"

G_BEGIN_DECLS

typedef enum {
  DOSSIER_DOCUMENT_SIDE_FRONT,
  DOSSIER_DOCUMENT_SIDE_BACK,
} DossierDocumentSide;

#define DOSSIER_TYPE_DOCUMENT_VIEWER (dossier_document_viewer_get_type ())
G_DECLARE_FINAL_TYPE (DossierDocumentViewer, dossier_document_viewer, DOSSIER, DOCUMENT_VIEWER, GtkWidget)

/* The viewer shows the previews of prepared DossierDocumentImages (what will be sent, EXIF
 * orientation and quarter turns applied). Zoom: 0 means "fit"; otherwise the scale of preview
 * pixels relative to the picture that is sent (1.0 = 100 %). Properties `zoom` (read-write)
 * and `scale` (read-only, the scale drawn). Actions in the `viewer.` group: zoom-in, zoom-out,
 * zoom-fit, zoom-original (×1.5 a step); keys + - 0 1, Ctrl+scroll, pinch, drag to pan, double
 * click to switch between fit and 100 %. A plain scroll pans a zoomed picture up to its edge,
 * and otherwise scrolls what is around the viewer. Signal `side-activated (side)`: a picture
 * was clicked. */
GtkWidget            *dossier_document_viewer_new              (void);
void                  dossier_document_viewer_set_image        (DossierDocumentViewer *self,
                                                                DossierDocumentSide    side,
                                                                DossierDocumentImage  *image);
DossierDocumentImage *dossier_document_viewer_get_image        (DossierDocumentViewer *self,
                                                                DossierDocumentSide    side);
void                  dossier_document_viewer_set_busy         (DossierDocumentViewer *self,
                                                                DossierDocumentSide    side,
                                                                gboolean               busy);
gboolean              dossier_document_viewer_get_busy         (DossierDocumentViewer *self,
                                                                DossierDocumentSide    side);
void                  dossier_document_viewer_set_zoom         (DossierDocumentViewer *self,
                                                                double                 zoom);
double                dossier_document_viewer_get_zoom         (DossierDocumentViewer *self);
double                dossier_document_viewer_get_scale        (DossierDocumentViewer *self);
void                  dossier_document_viewer_zoom_by          (DossierDocumentViewer *self,
                                                                double                 factor);
void                  dossier_document_viewer_set_side_by_side (DossierDocumentViewer *self,
                                                                gboolean               side_by_side);
gboolean              dossier_document_viewer_get_side_by_side (DossierDocumentViewer *self);
void                  dossier_document_viewer_set_visible_side (DossierDocumentViewer *self,
                                                                DossierDocumentSide    side);
DossierDocumentSide   dossier_document_viewer_get_visible_side (DossierDocumentViewer *self);
/* Shows @texture for @side until a prepared image replaces it: a quick look decoded at the
 * size the view needs, standing for an upright picture of @width × @height pixels. */
void                  dossier_document_viewer_set_preview      (DossierDocumentViewer *self,
                                                                DossierDocumentSide    side,
                                                                GdkTexture            *texture,
                                                                guint                  width,
                                                                guint                  height);
/* Replaces the texture of the image shown for @side by @texture, the decoded upload bytes
 * (exactly what is sent), and @small (nullable), the same reduced, drawn when enough. */
void                  dossier_document_viewer_set_texture      (DossierDocumentViewer *self,
                                                                DossierDocumentSide    side,
                                                                GdkTexture            *texture,
                                                                GdkTexture            *small);
/* Draws @side turned by @quarter_turns clockwise quarter turns more than its texture, while
 * the turned picture is prepared. */
void                  dossier_document_viewer_set_pending_turns (DossierDocumentViewer *self,
                                                                DossierDocumentSide    side,
                                                                guint                  quarter_turns);
/* The scrolling of the view, to link two viewers (DossierDocumentCompare). */
GtkAdjustment        *dossier_document_viewer_get_hadjustment  (DossierDocumentViewer *self);
GtkAdjustment        *dossier_document_viewer_get_vadjustment  (DossierDocumentViewer *self);
/* The largest fit-to-view size of a picture in device pixels, for quick previews. */
void                  dossier_document_viewer_get_fit_size     (DossierDocumentViewer *self,
                                                                int                   *width,
                                                                int                   *height);
/* The texture drawn for @side: NULL until its preview has been made into one. */
GdkTexture           *dossier_document_viewer_get_texture      (DossierDocumentViewer *self,
                                                                DossierDocumentSide    side);

G_END_DECLS
