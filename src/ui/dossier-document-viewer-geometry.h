/* dossier-document-viewer-geometry.h — where the document canvas puts its pictures
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "dossier-document-viewer-private.h"

G_BEGIN_DECLS

/* What decides where the pictures go: both of them, and which show. */
typedef struct {
  const DossierCanvasPicture *pictures;      /* the front and the back */
  gboolean                    side_by_side;
  DossierDocumentSide         visible_side;  /* the one shown when not side by side */
} DossierCanvasContent;

/* The sides drawn, left to right; returns how many. */
guint  _dossier_canvas_content_collect   (const DossierCanvasContent *content,
                                          DossierDocumentSide         sides[2]);
/* The scale at which the content fits width × height (never above 100 %). */
double _dossier_canvas_content_fit_scale (const DossierCanvasContent *content,
                                          int                         width,
                                          int                         height);
/* The content's size at scale, margins included; 0 × 0 when nothing is drawn. */
void   _dossier_canvas_content_size      (const DossierCanvasContent *content,
                                          double                      scale,
                                          double                     *width,
                                          double                     *height);
/* The offset of the content's origin in a widget of width × height scrolled to
 * (hvalue, vvalue); content smaller than the widget is centred. */
void   _dossier_canvas_content_origin    (const DossierCanvasContent *content,
                                          double                      scale,
                                          int                         width,
                                          int                         height,
                                          double                      hvalue,
                                          double                      vvalue,
                                          double                     *ox,
                                          double                     *oy);
/* The rectangles of the drawn pictures in the widget's coordinates; returns how many. */
guint  _dossier_canvas_content_rects     (const DossierCanvasContent *content,
                                          double                      scale,
                                          int                         width,
                                          int                         height,
                                          double                      hvalue,
                                          double                      vvalue,
                                          DossierDocumentSide         sides[2],
                                          graphene_rect_t             rects[2]);

G_END_DECLS
