/* dossier-document-viewer-geometry.c — where the document canvas puts its pictures
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The content is the pictures drawn side by side (or the visible one), upright with
 * their pending turns, centred on one another vertically, with a margin around and
 * between. Everything here is arithmetic on what the canvas holds: the
 * canvas (dossier-document-viewer-canvas.c) keeps the state and the scrolling.
 */
#include "config.h"

#include "dossier-document-viewer-geometry.h"

#define M DOSSIER_DOCUMENT_CANVAS_MARGIN

guint
_dossier_canvas_content_collect (const DossierCanvasContent *content,
                                 DossierDocumentSide         sides[2])
{
  guint n = 0;

  for (guint i = 0; i < 2; i++)
    {
      if (!content->pictures[i].present)
        continue;
      if (!content->side_by_side && (DossierDocumentSide) i != content->visible_side)
        continue;
      sides[n++] = i;
    }
  if (n == 0 && !content->side_by_side && content->pictures[!content->visible_side].present)
    sides[n++] = !content->visible_side;
  return n;
}

/* The upright size drawn for a picture at scale 1, turns included. */
static void
picture_size (const DossierCanvasPicture *picture,
              double                     *w,
              double                     *h)
{
  double pw = picture->width, ph = picture->height;

  if ((pw == 0 || ph == 0) && picture->texture != NULL)
    {
      pw = gdk_texture_get_width (picture->texture);
      ph = gdk_texture_get_height (picture->texture);
    }
  if (pw == 0 || ph == 0)
    pw = 4, ph = 3;  /* a picture still coming: a landscape space for the spinner */
  if (picture->pending_turns % 2 == 1)
    {
      *w = ph;
      *h = pw;
    }
  else
    {
      *w = pw;
      *h = ph;
    }
}

static void
content_extent (const DossierCanvasContent *content,
                double                     *sum_w,
                double                     *max_h,
                guint                      *n_out)
{
  DossierDocumentSide sides[2];
  guint n = _dossier_canvas_content_collect (content, sides);

  *sum_w = 0;
  *max_h = 0;
  for (guint i = 0; i < n; i++)
    {
      double w, h;

      picture_size (&content->pictures[sides[i]], &w, &h);
      *sum_w += w;
      *max_h = MAX (*max_h, h);
    }
  *n_out = n;
}

double
_dossier_canvas_content_fit_scale (const DossierCanvasContent *content,
                                   int                         width,
                                   int                         height)
{
  double sum_w, max_h, s;
  guint n;

  content_extent (content, &sum_w, &max_h, &n);
  if (n == 0 || width <= 0 || height <= 0)
    return 1.0;
  s = MIN ((width - 2 * M - M * (double) (n - 1)) / sum_w, (height - 2 * M) / max_h);
  return CLAMP (s, DOSSIER_DOCUMENT_CANVAS_MIN_SCALE, 1.0);
}

void
_dossier_canvas_content_size (const DossierCanvasContent *content,
                              double                      scale,
                              double                     *cw,
                              double                     *ch)
{
  double sum_w, max_h;
  guint n;

  content_extent (content, &sum_w, &max_h, &n);
  *cw = n > 0 ? sum_w * scale + M * (double) (n - 1) + 2 * M : 0;
  *ch = n > 0 ? max_h * scale + 2 * M : 0;
}

void
_dossier_canvas_content_origin (const DossierCanvasContent *content,
                                double                      scale,
                                int                         width,
                                int                         height,
                                double                      hvalue,
                                double                      vvalue,
                                double                     *ox,
                                double                     *oy)
{
  double cw, ch;

  _dossier_canvas_content_size (content, scale, &cw, &ch);
  *ox = cw < width ? (width - cw) / 2 : -hvalue;
  *oy = ch < height ? (height - ch) / 2 : -vvalue;
}

guint
_dossier_canvas_content_rects (const DossierCanvasContent *content,
                               double                      scale,
                               int                         width,
                               int                         height,
                               double                      hvalue,
                               double                      vvalue,
                               DossierDocumentSide         sides[2],
                               graphene_rect_t             rects[2])
{
  guint n = _dossier_canvas_content_collect (content, sides);
  double ox, oy, sum_w, max_h, x;
  guint n2;

  _dossier_canvas_content_origin (content, scale, width, height, hvalue, vvalue, &ox, &oy);
  content_extent (content, &sum_w, &max_h, &n2);
  x = ox + M;
  for (guint i = 0; i < n; i++)
    {
      double w, h;

      picture_size (&content->pictures[sides[i]], &w, &h);
      graphene_rect_init (&rects[i], x, oy + M + (max_h - h) * scale / 2,
                          w * scale, h * scale);
      x += w * scale + M;
    }
  return n;
}
