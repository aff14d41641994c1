/* dossier-image-quality.c — photo-quality measures: blur and glare
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Both measures run on a greyscale copy whose longer side is at most
 * DOSSIER_IMAGE_QUALITY_ANALYSIS_SIZE px, made by averaging whole blocks of pixels, so a
 * 12 MP photo costs a few milliseconds. The thresholds were tuned on generated sharp,
 * blurred and glare images; tests/unit/test-image-quality.c measures their error rates.
 */
#include "config.h"

#include <string.h>

#include "dossier-image-quality.h"

/* Below this variance of the Laplacian a document photo is called blurred. */
#define BLUR_THRESHOLD 150.0

/* Grey level from which a pixel counts as washed out. */
#define BLOWN_LEVEL 250

/* A block is washed out when this share of its pixels is. */
#define BLOCK_SIZE 16
#define BLOCK_BLOWN_SHARE 0.9

/* Pixels from this grey level are paper (or anything light). When most of the paper is
 * washed out, the page itself is pure white (a flatbed scan), which is not glare. */
#define LIGHT_LEVEL 170
#define WHITE_PAPER_SHARE 0.5

/* From this share of the image a washed-out blob is called glare. */
#define GLARE_THRESHOLD 0.01

typedef struct {
  guint8 *grey;
  guint   width;
  guint   height;
} GreyImage;

static void
grey_image_make (GdkPixbuf *pixbuf,
                 GreyImage *out)
{
  guint width = gdk_pixbuf_get_width (pixbuf);
  guint height = gdk_pixbuf_get_height (pixbuf);
  guint n_channels = gdk_pixbuf_get_n_channels (pixbuf);
  guint rowstride = gdk_pixbuf_get_rowstride (pixbuf);
  const guint8 *pixels = gdk_pixbuf_read_pixels (pixbuf);
  guint factor = (MAX (width, height) + DOSSIER_IMAGE_QUALITY_ANALYSIS_SIZE - 1)
                 / DOSSIER_IMAGE_QUALITY_ANALYSIS_SIZE;
  g_autofree guint32 *sums = NULL;

  factor = MAX (factor, 1);
  out->width = MAX (width / factor, 1);
  out->height = MAX (height / factor, 1);
  out->grey = g_malloc (out->width * out->height);
  sums = g_new0 (guint32, out->width);

  for (guint gy = 0; gy < out->height; gy++)
    {
      guint8 *g = out->grey + (gsize) gy * out->width;

      if (factor == 1)
        {
          /* The common case (a preview at the analysis size): no sums needed. */
          const guint8 *p = pixels + (gsize) gy * rowstride;

          for (guint gx = 0; gx < out->width; gx++, p += n_channels)
            g[gx] = (77 * p[0] + 150 * p[1] + 29 * p[2]) >> 8;
          continue;
        }
      memset (sums, 0, out->width * sizeof (guint32));
      for (guint sy = gy * factor; sy < (gy + 1) * factor && sy < height; sy++)
        {
          const guint8 *p = pixels + (gsize) sy * rowstride;

          for (guint gx = 0; gx < out->width; gx++)
            for (guint k = 0; k < factor; k++, p += n_channels)
              sums[gx] += 77 * p[0] + 150 * p[1] + 29 * p[2];
        }
      for (guint gx = 0; gx < out->width; gx++)
        g[gx] = sums[gx] / (256 * factor * factor);
    }
}

static double
laplacian_variance (const GreyImage *img)
{
  /* Integer sums are exact, so the result equals the one of summing in doubles. */
  gint64 sum = 0;
  guint64 sum2 = 0;
  gsize n = 0;

  if (img->width < 3 || img->height < 3)
    return 0;

  for (guint y = 1; y + 1 < img->height; y++)
    {
      const guint8 *row = img->grey + (gsize) y * img->width;
      const guint8 *up = row - img->width;
      const guint8 *down = row + img->width;
      gint32 row_sum = 0;
      guint64 row_sum2 = 0;

      for (guint x = 1; x + 1 < img->width; x++)
        {
          gint32 l = 4 * row[x] - row[x - 1] - row[x + 1] - up[x] - down[x];

          row_sum += l;
          row_sum2 += (guint32) (l * l);
        }
      sum += row_sum;
      sum2 += row_sum2;
      n += img->width - 2;
    }
  return (double) sum2 / n - ((double) sum / n) * ((double) sum / n);
}

/* Size, in blocks, of the largest 4-connected blob of washed-out blocks, as a share of all
 * blocks; 0 when the paper itself is pure white. */
static double
glare_share (const GreyImage *img)
{
  guint bw = MAX (img->width / BLOCK_SIZE, 1);
  guint bh = MAX (img->height / BLOCK_SIZE, 1);
  guint block_w = img->width / bw;
  guint block_h = img->height / bh;
  g_autofree guint8 *blown = g_new0 (guint8, bw * bh);
  g_autofree guint *stack = g_new (guint, bw * bh);
  guint largest = 0;
  gsize light = 0;
  gsize washed = 0;

  for (gsize i = 0; i < (gsize) img->width * img->height; i++)
    {
      light += img->grey[i] >= LIGHT_LEVEL;
      washed += img->grey[i] >= BLOWN_LEVEL;
    }
  if (light == 0 || washed >= WHITE_PAPER_SHARE * light)
    return 0;

  for (guint by = 0; by < bh; by++)
    for (guint bx = 0; bx < bw; bx++)
      {
        guint count = 0;

        for (guint y = by * block_h; y < (by + 1) * block_h; y++)
          {
            const guint8 *row = img->grey + (gsize) y * img->width + bx * block_w;

            for (guint x = 0; x < block_w; x++)
              count += row[x] >= BLOWN_LEVEL;
          }
        blown[by * bw + bx] = count >= BLOCK_BLOWN_SHARE * block_w * block_h;
      }

  for (guint start = 0; start < bw * bh; start++)
    {
      guint top = 0, area = 0;

      if (blown[start] != 1)
        continue;

      blown[start] = 2;
      stack[top++] = start;
      while (top > 0)
        {
          guint i = stack[--top];
          guint x = i % bw, y = i / bw;

          area++;

#define VISIT(cond, j) G_STMT_START { if ((cond) && blown[j] == 1) { blown[j] = 2; stack[top++] = j; } } G_STMT_END
          VISIT (x > 0, i - 1);
          VISIT (x + 1 < bw, i + 1);
          VISIT (y > 0, i - bw);
          VISIT (y + 1 < bh, i + bw);
#undef VISIT
        }

      largest = MAX (largest, area);
    }

  return (double) largest / (bw * bh);
}

/**
 * dossier_image_quality_measure:
 * @pixbuf: a decoded image (orientation does not matter)
 * @quality: (out caller-allocates): where to store the measures
 *
 * Measures sharpness (variance of the Laplacian) and glare on a downscaled greyscale copy.
 * Thread-safe: call it from the worker that decoded @pixbuf.
 */
void
dossier_image_quality_measure (GdkPixbuf           *pixbuf,
                               DossierImageQuality *quality)
{
  GreyImage img = { 0 };

  g_return_if_fail (GDK_IS_PIXBUF (pixbuf));
  g_return_if_fail (quality != NULL);

  grey_image_make (pixbuf, &img);
  quality->sharpness = laplacian_variance (&img);
  quality->glare = glare_share (&img);
  g_free (img.grey);
}

/**
 * dossier_image_quality_is_blurred:
 * @quality: measures from dossier_image_quality_measure()
 *
 * Returns: whether the photo looks too blurred to read
 */
gboolean
dossier_image_quality_is_blurred (const DossierImageQuality *quality)
{
  g_return_val_if_fail (quality != NULL, FALSE);

  return quality->sharpness < BLUR_THRESHOLD;
}

/**
 * dossier_image_quality_has_glare:
 * @quality: measures from dossier_image_quality_measure()
 *
 * Returns: whether part of the photo is washed out by glare
 */
gboolean
dossier_image_quality_has_glare (const DossierImageQuality *quality)
{
  g_return_val_if_fail (quality != NULL, FALSE);

  return quality->glare >= GLARE_THRESHOLD;
}
