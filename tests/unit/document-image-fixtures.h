/* document-image-fixtures.h — generated pictures for the document-image tests and benchmark
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Everything is made at run time from a seeded GRand, so runs are reproducible and the
 * repository holds no binary fixtures. Header-only: included by test-document-image.c,
 * test-image-quality.c and tests/bench/bench-document-image-run.c.
 */
#pragma once

#include <string.h>
#include <gdk-pixbuf/gdk-pixbuf.h>

static inline guint8
fixture_clamp (int v)
{
  return v < 0 ? 0 : v > 255 ? 255 : v;
}

/* Roughly normal noise with standard deviation @sigma: the sum of three uniforms from a
 * xorshift generator seeded from @rand (GRand per sample is too slow for megapixels). */
typedef struct {
  guint32 state;
} FixtureNoise;

static inline int
fixture_noise (FixtureNoise *noise,
               double        sigma)
{
  int sum = 0;

  for (int i = 0; i < 3; i++)
    {
      noise->state ^= noise->state << 13;
      noise->state ^= noise->state >> 17;
      noise->state ^= noise->state << 5;
      sum += noise->state & 0xffff;
    }
  return (int) ((sum / 65536.0 - 1.5) * 2.0 * sigma);
}

static inline void
fixture_fill_rect (GdkPixbuf *pixbuf,
                   int        x0,
                   int        y0,
                   int        w,
                   int        h,
                   guint8     r,
                   guint8     g,
                   guint8     b)
{
  int width = gdk_pixbuf_get_width (pixbuf);
  int height = gdk_pixbuf_get_height (pixbuf);
  int n = gdk_pixbuf_get_n_channels (pixbuf);
  int rs = gdk_pixbuf_get_rowstride (pixbuf);
  guint8 *pix = gdk_pixbuf_get_pixels (pixbuf);

  for (int y = MAX (y0, 0); y < MIN (y0 + h, height); y++)
    for (int x = MAX (x0, 0); x < MIN (x0 + w, width); x++)
      {
        guint8 *p = pix + (gsize) y * rs + x * n;

        p[0] = r;
        p[1] = g;
        p[2] = b;
      }
}

/* A photographed identity document: paper with uneven light, a header band, a portrait with
 * smooth shading, rules, rows of glyph-like strokes, and sensor noise. */
static inline GdkPixbuf *
fixture_make_document (int    width,
                       int    height,
                       guint  seed,
                       double noise_sigma)
{
  GdkPixbuf *pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, width, height);
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  int rs = gdk_pixbuf_get_rowstride (pixbuf);
  guint8 *pix = gdk_pixbuf_get_pixels (pixbuf);
  int paper = g_rand_int_range (rand, 215, 236);
  double light = g_rand_double_range (rand, -20, 20);
  int px = width / 16, py = height / 4, pw = width / 4, ph = height / 2;

  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      {
        guint8 *p = pix + (gsize) y * rs + x * 3;
        int v = paper + (int) (light * ((double) x / width + (double) y / height - 1.0));

        p[0] = fixture_clamp (v);
        p[1] = fixture_clamp (v - 2);
        p[2] = fixture_clamp (v - 8);
      }

  fixture_fill_rect (pixbuf, 0, 0, width, height / 10, 40, 70, 130);

  /* Portrait: a smooth radial shading. */
  for (int y = py; y < py + ph; y++)
    for (int x = px; x < px + pw; x++)
      {
        guint8 *p = pix + (gsize) y * rs + x * 3;
        double dx = (x - px - pw / 2.0) / pw, dy = (y - py - ph / 2.5) / ph;
        int v = 200 - (int) (300 * (dx * dx + dy * dy));

        p[0] = fixture_clamp (v);
        p[1] = fixture_clamp (v * 4 / 5);
        p[2] = fixture_clamp (v * 3 / 5);
      }

  /* Rules and text rows to the right of the portrait. */
  for (int row = 0; row < 12; row++)
    {
      int ty = height / 5 + row * (height * 3 / 5) / 12;
      int gh = MAX (height / 60, 6);
      int x = px + pw + width / 20;

      fixture_fill_rect (pixbuf, x, ty + gh + gh / 2, width - x - width / 16, 1, 120, 120, 120);
      while (x < width - width / 16)
        {
          int gw = g_rand_int_range (rand, gh / 2, gh + 2);

          if (g_rand_int_range (rand, 0, 7) == 0)
            {
              x += gw;  /* a space between words */
              continue;
            }
          for (int s = 0; s < 3; s++)
            {
              if (g_rand_boolean (rand))
                fixture_fill_rect (pixbuf, x + g_rand_int_range (rand, 0, MAX (gw - 2, 1)), ty,
                                   2, gh, 25, 25, 30);
              else
                fixture_fill_rect (pixbuf, x, ty + g_rand_int_range (rand, 0, gh - 1),
                                   gw - 1, 2, 25, 25, 30);
            }
          x += gw + 1;
        }
    }

  if (noise_sigma > 0)
    {
      FixtureNoise noise = { g_rand_int (rand) | 1 };

      for (int y = 0; y < height; y++)
        for (int x = 0; x < width * 3; x++)
          pix[(gsize) y * rs + x] = fixture_clamp (pix[(gsize) y * rs + x]
                                                   + fixture_noise (&noise, noise_sigma));
    }
  return pixbuf;
}

/* Two passes of a separable box blur of @radius: close to a Gaussian of sigma ≈ 0.8 × radius. */
static inline void
fixture_blur (GdkPixbuf *pixbuf,
              int        radius)
{
  int width = gdk_pixbuf_get_width (pixbuf);
  int height = gdk_pixbuf_get_height (pixbuf);
  int n = gdk_pixbuf_get_n_channels (pixbuf);
  int rs = gdk_pixbuf_get_rowstride (pixbuf);
  guint8 *pix = gdk_pixbuf_get_pixels (pixbuf);
  int longest = MAX (width, height);
  g_autofree int *line = g_new (int, (gsize) longest * n);

  for (int pass = 0; pass < 4; pass++)
    {
      gboolean horizontal = pass % 2 == 0;
      int lines = horizontal ? height : width;
      int len = horizontal ? width : height;
      gssize step = horizontal ? n : rs;
      gssize line_step = horizontal ? rs : n;

      for (int l = 0; l < lines; l++)
        {
          guint8 *base = pix + l * line_step;

          for (int i = 0; i < len; i++)
            for (int c = 0; c < n; c++)
              line[i * n + c] = base[i * step + c];
          for (int c = 0; c < n; c++)
            {
              int sum = 0;

              for (int k = -radius; k <= radius; k++)
                sum += line[CLAMP (k, 0, len - 1) * n + c];
              for (int i = 0; i < len; i++)
                {
                  base[i * step + c] = sum / (2 * radius + 1);
                  sum += line[MIN (i + radius + 1, len - 1) * n + c]
                         - line[MAX (i - radius, 0) * n + c];
                }
            }
        }
    }
}

static inline void
fixture_add_noise (GdkPixbuf *pixbuf,
                   guint      seed,
                   double     sigma)
{
  FixtureNoise noise = { seed * 2654435761u | 1 };
  int rs = gdk_pixbuf_get_rowstride (pixbuf);
  guint8 *pix = gdk_pixbuf_get_pixels (pixbuf);

  for (int y = 0; y < gdk_pixbuf_get_height (pixbuf); y++)
    for (int x = 0; x < gdk_pixbuf_get_width (pixbuf) * gdk_pixbuf_get_n_channels (pixbuf); x++)
      pix[(gsize) y * rs + x] = fixture_clamp (pix[(gsize) y * rs + x] + fixture_noise (&noise, sigma));
}

/* A specular reflection: a saturated ellipse with a soft rim, somewhere inside the image. */
static inline void
fixture_add_glare (GdkPixbuf *pixbuf,
                   guint      seed)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  int width = gdk_pixbuf_get_width (pixbuf);
  int height = gdk_pixbuf_get_height (pixbuf);
  int n = gdk_pixbuf_get_n_channels (pixbuf);
  int rs = gdk_pixbuf_get_rowstride (pixbuf);
  guint8 *pix = gdk_pixbuf_get_pixels (pixbuf);
  double a = width * g_rand_double_range (rand, 0.08, 0.18);
  double b = height * g_rand_double_range (rand, 0.07, 0.16);
  double cx = g_rand_double_range (rand, 0.25, 0.75) * width;
  double cy = g_rand_double_range (rand, 0.3, 0.7) * height;

  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      {
        double d = ((x - cx) * (x - cx)) / (a * a) + ((y - cy) * (y - cy)) / (b * b);
        double t = d <= 1.0 ? 1.0 : d < 2.0 ? 2.0 - d : 0.0;
        guint8 *p = pix + (gsize) y * rs + x * n;

        if (t <= 0)
          continue;
        for (int c = 0; c < 3; c++)
          p[c] = fixture_clamp ((int) (p[c] + (255 - p[c]) * t + 0.5));
      }
}

/* Inserts an APP1 Exif segment carrying only the orientation tag right after SOI. The TIFF
 * structure is big-endian: header, one IFD with one SHORT entry (0x0112), no next IFD. */
static inline GBytes *
fixture_jpeg_with_orientation (GBytes *jpeg,
                               guint   orientation)
{
  static const guint8 app1_head[] = {
    0xff, 0xe1, 0x00, 34,
    'E', 'x', 'i', 'f', 0, 0,
    'M', 'M', 0x00, 0x2a, 0x00, 0x00, 0x00, 0x08,
    0x00, 0x01,
    0x01, 0x12, 0x00, 0x03, 0x00, 0x00, 0x00, 0x01,
  };
  gsize len;
  const guint8 *data = g_bytes_get_data (jpeg, &len);
  GByteArray *out = g_byte_array_sized_new (len + 40);
  guint8 value[] = { 0x00, orientation, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00 };

  g_byte_array_append (out, data, 2);
  g_byte_array_append (out, app1_head, sizeof app1_head);
  g_byte_array_append (out, value, sizeof value);
  g_byte_array_append (out, data + 2, len - 2);
  return g_byte_array_free_to_bytes (out);
}

static inline GBytes *
fixture_save (GdkPixbuf  *pixbuf,
              const char *type,
              const char *quality)
{
  char *buffer = NULL;
  gsize size = 0;
  gboolean ok;

  if (quality != NULL)
    ok = gdk_pixbuf_save_to_buffer (pixbuf, &buffer, &size, type, NULL, "quality", quality, NULL);
  else
    ok = gdk_pixbuf_save_to_buffer (pixbuf, &buffer, &size, type, NULL, NULL);
  return ok ? g_bytes_new_take (buffer, size) : NULL;
}
