/* dossier-image-transform.c — pixel passes of the document-image pipeline
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Orientation (a flip and quarter turns in one pass over bands of rows) and 2 × 2 box halving, written
 * for the worker thread: they allocate only their result and touch nothing shared.
 */
#include "config.h"

#include <string.h>

#include "dossier-document-image-private.h"

/* Destination rows the orientation pass writes at once. */
#define BAND 64

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

/* Where destination pixel (0,0) of a horizontal flip followed by @turns clockwise quarter
 * turns of @src is read, and how that source offset changes per destination x and y step. */
static void
transform_setup (GdkPixbuf *src,
                 guint      flip,
                 guint      turns,
                 gssize    *origin,
                 gssize    *step_x,
                 gssize    *step_y)
{
  int n = gdk_pixbuf_get_n_channels (src);
  int srs = gdk_pixbuf_get_rowstride (src);
  int w = (turns % 2) ? gdk_pixbuf_get_height (src) : gdk_pixbuf_get_width (src);
  int h = (turns % 2) ? gdk_pixbuf_get_width (src) : gdk_pixbuf_get_height (src);
  int ox = 0, oy = 0, xx = 1, xy = 0, yx = 0, yy = 1;

  /* Undo each clockwise turn: destination (u,v) in an HxW image came from (v, H-1-u). */
  for (guint t = 0; t < turns % 4; t++)
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

  *origin = (gssize) oy * srs + (gssize) ox * n;
  *step_x = (gssize) xy * srs + (gssize) xx * n;
  *step_y = (gssize) yy * srs + (gssize) yx * n;
}

/* Writes destination rows @y0 … @y0 + @rows - 1 of the flipped and turned @src into @out
 * (@out_n channels: the source's, or 3 to drop its alpha). A turned picture is walked
 * along its destination columns, which are source rows, so both sides stay in the cache
 * when @rows is small (the JPEG encoder asks for 64). */
void
_dossier_image_transform_rows (GdkPixbuf *src,
                               guint      flip,
                               guint      turns,
                               int        y0,
                               int        rows,
                               guint8    *out,
                               gsize      out_stride,
                               int        out_n)
{
  int n = gdk_pixbuf_get_n_channels (src);
  int sw = gdk_pixbuf_get_width (src);
  int sh = gdk_pixbuf_get_height (src);
  int dw = (turns % 2) ? sh : sw;
  const guint8 *base = gdk_pixbuf_read_pixels (src);
  /* A 4-byte read of a 3-byte pixel stays inside the pixels below this address. */
  const guint8 *wide_end = base + (gsize) (sh - 1) * gdk_pixbuf_get_rowstride (src)
                           + (gsize) sw * n - 4;
  const guint8 *spix;
  gssize origin, step_x, step_y;
  gssize outer, inner;
  gsize d_outer, d_inner;
  int n_outer, n_inner;

  transform_setup (src, flip, turns, &origin, &step_x, &step_y);
  spix = base + origin + step_y * y0;

  /* A turned picture is walked along destination columns, which are source rows. */
  if (turns % 2)
    {
      outer = step_x; inner = step_y; d_outer = out_n; d_inner = out_stride;
      n_outer = dw; n_inner = rows;
    }
  else
    {
      outer = step_y; inner = step_x; d_outer = out_stride; d_inner = out_n;
      n_outer = rows; n_inner = dw;
    }

  for (int i = 0; i < n_outer; i++)
    {
      const guint8 *s = spix + outer * i;
      guint8 *d = out + d_outer * i;
      const guint8 *first = s, *last = s + inner * (n_inner - 1);

      if (n == 4)
        for (int j = 0; j < n_inner; j++, s += inner, d += d_inner)
          memcpy (d, s, out_n);
      else if (turns % 2 == 0 && step_x == 3 && out_n == 3)
        memcpy (d, s, (gsize) dw * 3);
      else if (MAX (first, last) <= wide_end
               && ((turns % 2) ? i + 1 < n_outer : TRUE))
        {
          /* Whole 4-byte moves: the extra byte written is the next destination pixel's,
           * which is written afterwards (the last pixel of a row is written alone). */
          int m = (turns % 2) ? n_inner : n_inner - 1;

          for (int j = 0; j < m; j++, s += inner, d += d_inner)
            {
              guint32 v;

              memcpy (&v, s, 4);
              memcpy (d, &v, 4);
            }
          if (m < n_inner)
            memcpy (d, s, 3);
        }
      else
        for (int j = 0; j < n_inner; j++, s += inner, d += d_inner)
          memcpy (d, s, 3);
    }
}

/* Writes into @dst (the flipped and turned picture, 3 channels) every pixel that comes from
 * source rows @y0 … @y1 - 1 of @src (3 channels), reading no other source row: destination
 * rows for a picture turned by a half turn or none, destination columns for a quarter turn.
 * Lets the picture be turned band by band while the decoder still writes the rows below. */
void
_dossier_image_transform_source_rows (GdkPixbuf *src,
                                      guint      flip,
                                      guint      turns,
                                      int        y0,
                                      int        y1,
                                      GdkPixbuf *dst)
{
  int sh = gdk_pixbuf_get_height (src);
  int dh = gdk_pixbuf_get_height (dst);
  int drs = gdk_pixbuf_get_rowstride (dst);
  guint8 *dpix = gdk_pixbuf_get_pixels (dst);
  const guint8 *base = gdk_pixbuf_read_pixels (src);
  gssize origin, step_x, step_y;
  int u0, cols;

  if (y1 <= y0)
    return;
  transform_setup (src, flip, turns, &origin, &step_x, &step_y);
  if (turns % 2 == 0)
    {
      /* Source row y is destination row y, or sh - 1 - y after a half turn. */
      int v0 = step_y > 0 ? y0 : sh - y1;

      _dossier_image_transform_rows (src, flip, turns, v0, y1 - y0,
                                     dpix + (gsize) v0 * drs, drs, 3);
      return;
    }

  /* Source row y is destination column y, or sh - 1 - y. */
  u0 = step_x > 0 ? y0 : sh - y1;
  cols = y1 - y0;
  for (int v = 0; v < dh; v++)
    {
      const guint8 *s = base + origin + step_y * v + step_x * u0;
      guint8 *d = dpix + (gsize) v * drs + (gsize) u0 * 3;

      for (int u = 0; u < cols; u++, s += step_x, d += 3)
        {
          d[0] = s[0];
          d[1] = s[1];
          d[2] = s[2];
        }
    }
}

/* Applies a horizontal flip then @turns clockwise quarter turns, in bands of rows. */
GdkPixbuf *
_dossier_image_transform (GdkPixbuf *src,
                          guint      flip,
                          guint      turns)
{
  int sw = gdk_pixbuf_get_width (src);
  int sh = gdk_pixbuf_get_height (src);
  int dw = (turns % 2) ? sh : sw;
  int dh = (turns % 2) ? sw : sh;
  GdkPixbuf *dst;
  guint8 *dpix;
  int drs;

  if (!flip && turns % 4 == 0)
    return g_object_ref (src);

  dst = gdk_pixbuf_new (GDK_COLORSPACE_RGB, gdk_pixbuf_get_has_alpha (src), 8, dw, dh);
  if (dst == NULL)
    return NULL;
  dpix = gdk_pixbuf_get_pixels (dst);
  drs = gdk_pixbuf_get_rowstride (dst);
  for (int y = 0; y < dh; y += BAND)
    _dossier_image_transform_rows (src, flip, turns, y, MIN (BAND, dh - y),
                                   dpix + (gsize) y * drs, drs, gdk_pixbuf_get_n_channels (src));
  return dst;
}

/* Writes rows @y0 … @y1 - 1 of the half-size picture @dst of @src (2 × 2 block averages);
 * they read rows 2 × @y0 … 2 × @y1 - 1 of @src only. */
void
_dossier_image_half_rows (GdkPixbuf *src,
                          GdkPixbuf *dst,
                          int        y0,
                          int        y1)
{
  int w = gdk_pixbuf_get_width (dst);
  int n = gdk_pixbuf_get_n_channels (src);
  int srs = gdk_pixbuf_get_rowstride (src);
  const guint8 *spix = gdk_pixbuf_read_pixels (src);
  int drs = gdk_pixbuf_get_rowstride (dst);
  guint8 *dpix = gdk_pixbuf_get_pixels (dst);

  for (int y = y0; y < y1; y++)
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
}

/* An empty picture of half the size of @src, for _dossier_image_half_rows(). */
GdkPixbuf *
_dossier_image_half_new (GdkPixbuf *src)
{
  return gdk_pixbuf_new (GDK_COLORSPACE_RGB, gdk_pixbuf_get_has_alpha (src), 8,
                         MAX (gdk_pixbuf_get_width (src) / 2, 1),
                         MAX (gdk_pixbuf_get_height (src) / 2, 1));
}

/* Halves both sides by averaging 2 × 2 blocks: four times cheaper than a general resample,
 * and as good for a downscale by two. */
GdkPixbuf *
_dossier_image_half_size (GdkPixbuf *src)
{
  GdkPixbuf *dst = _dossier_image_half_new (src);

  if (dst == NULL || gdk_pixbuf_get_width (src) < 2 || gdk_pixbuf_get_height (src) < 2)
    return dst;
  _dossier_image_half_rows (src, dst, 0, gdk_pixbuf_get_height (src) / 2);
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

