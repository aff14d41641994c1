/* dossier-image-transform.c — pixel passes of the document-image pipeline
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Orientation (a flip and quarter turns in one tiled pass) and 2 × 2 box halving, written
 * for the worker thread: they allocate only their result and touch nothing shared.
 */
#include "config.h"

#include <string.h>

#include "dossier-document-image-private.h"

/* Side of the square tiles the orientation pass walks. */
#define TILE 64

/* The EXIF orientation (1–8) as a horizontal flip followed by clockwise quarter turns. */
void
_dossier_image_orientation_to_transform (guint  orientation,
                                         guint *flip,
                                         guint *turns)
{
  static const guint8 table[9][2] = {
    { 0, 0 }, { 0, 0 }, { 1, 0 }, { 0, 2 }, { 1, 2 }, { 1, 3 }, { 0, 1 }, { 1, 1 }, { 0, 3 },
  };

  if (orientation > 8)
    orientation = 1;
  *flip = table[orientation][0];
  *turns = table[orientation][1];
}

/* Applies a horizontal flip then @turns clockwise quarter turns in a single pass: the
 * destination is walked in order and each pixel read where the inverse transform puts it. */
GdkPixbuf *
_dossier_image_transform (GdkPixbuf *src,
                          guint      flip,
                          guint      turns)
{
  int sw = gdk_pixbuf_get_width (src);
  int sh = gdk_pixbuf_get_height (src);
  int n = gdk_pixbuf_get_n_channels (src);
  int srs = gdk_pixbuf_get_rowstride (src);
  const guint8 *spix = gdk_pixbuf_read_pixels (src);
  int dw = (turns % 2) ? sh : sw;
  int dh = (turns % 2) ? sw : sh;
  GdkPixbuf *dst;
  guint8 *dpix;
  int drs;
  gssize origin, step_x, step_y;
  int ox = 0, oy = 0, xx = 1, xy = 0, yx = 0, yy = 1;

  turns %= 4;
  if (!flip && turns == 0)
    return g_object_ref (src);

  dst = gdk_pixbuf_new (GDK_COLORSPACE_RGB, gdk_pixbuf_get_has_alpha (src), 8, dw, dh);
  if (dst == NULL)
    return NULL;
  dpix = gdk_pixbuf_get_pixels (dst);
  drs = gdk_pixbuf_get_rowstride (dst);

  /* Source position of destination (0,0), and its change per destination x and y step.
   * Undo each clockwise turn: destination (u,v) in an HxW image came from (v, H-1-u). */
  {
    int w = dw, h = dh;

    for (guint t = 0; t < turns; t++)
      {
        int nox = oy, noy = w - 1 - ox;
        int nxx = xy, nxy = -xx;
        int nyx = yy, nyy = -yx;
        int tmp = w;

        ox = nox; oy = noy; xx = nxx; xy = nxy; yx = nyx; yy = nyy;
        w = h;
        h = tmp;
      }
    if (flip)
      {
        ox = w - 1 - ox;
        xx = -xx;
        yx = -yx;
      }
  }

  origin = (gssize) oy * srs + (gssize) ox * n;
  step_x = (gssize) xy * srs + (gssize) xx * n;
  step_y = (gssize) yy * srs + (gssize) yx * n;

  /* Tiles keep the source reads of a turned picture within the cache. */
  for (int ty = 0; ty < dh; ty += TILE)
    for (int tx = 0; tx < dw; tx += TILE)
      for (int y = ty; y < MIN (ty + TILE, dh); y++)
        {
          const guint8 *s = spix + origin + step_y * y + step_x * tx;
          guint8 *d = dpix + (gsize) y * drs + (gsize) tx * n;
          int end = MIN (tx + TILE, dw);

          if (n == 3)
            for (int x = tx; x < end; x++, d += 3, s += step_x)
              {
                d[0] = s[0];
                d[1] = s[1];
                d[2] = s[2];
              }
          else
            for (int x = tx; x < end; x++, d += 4, s += step_x)
              memcpy (d, s, 4);
        }
  return dst;
}

/* Halves both sides by averaging 2 × 2 blocks: four times cheaper than a general resample,
 * and as good for a downscale by two. */
GdkPixbuf *
_dossier_image_half_size (GdkPixbuf *src)
{
  int w = gdk_pixbuf_get_width (src) / 2;
  int h = gdk_pixbuf_get_height (src) / 2;
  int n = gdk_pixbuf_get_n_channels (src);
  int srs = gdk_pixbuf_get_rowstride (src);
  const guint8 *spix = gdk_pixbuf_read_pixels (src);
  GdkPixbuf *dst = gdk_pixbuf_new (GDK_COLORSPACE_RGB, gdk_pixbuf_get_has_alpha (src), 8,
                                   MAX (w, 1), MAX (h, 1));
  int drs;
  guint8 *dpix;

  if (dst == NULL || w == 0 || h == 0)
    return dst;
  drs = gdk_pixbuf_get_rowstride (dst);
  dpix = gdk_pixbuf_get_pixels (dst);
  for (int y = 0; y < h; y++)
    {
      const guint8 *a = spix + (gsize) (2 * y) * srs;
      const guint8 *b = a + srs;
      guint8 *d = dpix + (gsize) y * drs;

      if (n == 3)
        for (int x = 0; x < w; x++, a += 6, b += 6, d += 3)
          {
            d[0] = (a[0] + a[3] + b[0] + b[3] + 2) >> 2;
            d[1] = (a[1] + a[4] + b[1] + b[4] + 2) >> 2;
            d[2] = (a[2] + a[5] + b[2] + b[5] + 2) >> 2;
          }
      else
        for (int x = 0; x < w; x++, a += 8, b += 8, d += 4)
          for (int c = 0; c < 4; c++)
            d[c] = (a[c] + a[c + 4] + b[c] + b[c + 4] + 2) >> 2;
    }
  return dst;
}

/* The picture scaled so that its longer side is at most @max_side but more than half of it,
 * by halving (a preview or a thumbnail need no exact size: the UI fits them). */
GdkPixbuf *
_dossier_image_reduce_to (GdkPixbuf *pixbuf,
                          guint      max_side)
{
  GdkPixbuf *current = g_object_ref (pixbuf);

  while ((guint) MAX (gdk_pixbuf_get_width (current), gdk_pixbuf_get_height (current)) > max_side)
    {
      GdkPixbuf *half = _dossier_image_half_size (current);

      g_object_unref (current);
      if (half == NULL)
        return NULL;
      current = half;
    }
  return current;
}

