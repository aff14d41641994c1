/* dossier-document-viewer-private.h — the drawing surface inside DossierDocumentViewer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "dossier-document-viewer.h"

G_BEGIN_DECLS

/* Space around and between the pictures, in logical pixels. */
#define DOSSIER_DOCUMENT_CANVAS_MARGIN 12
#define DOSSIER_DOCUMENT_CANVAS_MIN_SCALE 0.02
#define DOSSIER_DOCUMENT_CANVAS_MAX_SCALE 8.0
/* One step of the zoom buttons, keys and mouse wheel, as image viewers take. */
#define DOSSIER_DOCUMENT_CANVAS_ZOOM_STEP 1.5

#define DOSSIER_TYPE_DOCUMENT_CANVAS (dossier_document_canvas_get_type ())
G_DECLARE_FINAL_TYPE (DossierDocumentCanvas, dossier_document_canvas, DOSSIER, DOCUMENT_CANVAS, GtkWidget)

/* One picture: its texture, the upright size it stands for, and extra turns to draw. */
typedef struct {
  GdkTexture *texture;
  GdkTexture *small;        /* the same picture reduced, drawn when it is large enough */
  guint       width;
  guint       height;
  guint       pending_turns;
  gboolean    present;
} DossierCanvasPicture;

GtkWidget  *_dossier_document_canvas_new            (void);
void        _dossier_document_canvas_set_picture    (DossierDocumentCanvas *self,
                                                     DossierDocumentSide    side,
                                                     GdkTexture            *texture,
                                                     GdkTexture            *small,
                                                     guint                  width,
                                                     guint                  height);
void        _dossier_document_canvas_clear          (DossierDocumentCanvas *self,
                                                     DossierDocumentSide    side);
void        _dossier_document_canvas_set_present    (DossierDocumentCanvas *self,
                                                     DossierDocumentSide    side,
                                                     gboolean               present);
void        _dossier_document_canvas_set_pending_turns (DossierDocumentCanvas *self,
                                                     DossierDocumentSide    side,
                                                     guint                  quarter_turns);
const DossierCanvasPicture *
            _dossier_document_canvas_get_picture    (DossierDocumentCanvas *self,
                                                     DossierDocumentSide    side);
void        _dossier_document_canvas_set_zoom       (DossierDocumentCanvas *self,
                                                     double                 zoom);
double      _dossier_document_canvas_get_zoom       (DossierDocumentCanvas *self);
double      _dossier_document_canvas_get_scale      (DossierDocumentCanvas *self);
void        _dossier_document_canvas_zoom_at        (DossierDocumentCanvas *self,
                                                     double                 scale,
                                                     double                 x,
                                                     double                 y);
void        _dossier_document_canvas_set_layout     (DossierDocumentCanvas *self,
                                                     gboolean               side_by_side,
                                                     DossierDocumentSide    visible_side);
double      _dossier_document_canvas_get_fit_scale  (DossierDocumentCanvas *self);
void        _dossier_document_canvas_activate_at    (DossierDocumentCanvas *self,
                                                     double                 x,
                                                     double                 y);
/* dossier-document-viewer-draw.c */
void        _dossier_document_canvas_draw           (GtkWidget                  *widget,
                                                     GtkSnapshot                *snapshot,
                                                     const DossierCanvasPicture *pictures,
                                                     guint                       n,
                                                     const DossierDocumentSide  *sides,
                                                     const graphene_rect_t      *rects,
                                                     DossierDocumentSide         selected);
/* dossier-document-viewer-gestures.c */
void        _dossier_document_canvas_add_gestures   (DossierDocumentCanvas *self);
void        _dossier_document_canvas_get_fit_size   (DossierDocumentCanvas *self,
                                                     int                   *width,
                                                     int                   *height);

/* The viewer's canvas (tests look at what it holds). */
DossierDocumentCanvas *_dossier_document_viewer_get_canvas (gpointer viewer);

G_END_DECLS
