/* test-document-image-encode.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The upload encoding of CONTRACT.md §15.7 (size limits, JPEG without EXIF, PNG only with
 * transparency) and the passes behind it: orientation by bands of rows against a plain
 * per-pixel reference, the two-halves JPEG encoding against GdkPixbuf's single encoding
 * (same pixels once decoded), and the preview halving made while decoding.
 */
#include "config.h"

#include "dossier-document-image-private.h"
#include "document-image-fixtures.h"
#include "document-image-prepare.h"

static void
test_encode_large (void)
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, 5000, 3000);
  g_autoptr(GBytes) jpeg = NULL;
  g_autoptr(DossierDocumentImage) image = NULL;
  guint sw = 0, sh = 0;

  gdk_pixbuf_fill (pixbuf, 0xc0b0a0ff);
  fixture_fill_rect (pixbuf, 1000, 1000, 3000, 40, 0, 0, 0);
  jpeg = fixture_save (pixbuf, "jpeg", "90");
  image = prepare_bytes (jpeg, 0);

  dossier_document_image_get_source_size (image, &sw, &sh);
  g_assert_cmpuint (sw, ==, 5000);
  g_assert_cmpuint (sh, ==, 3000);
  /* 1/2 would leave 2500 px: the DCT reaches 1/4 and keeps the short side ≥ 600. */
  g_assert_cmpuint (dossier_document_image_get_width (image), ==, 1250);
  g_assert_cmpuint (dossier_document_image_get_height (image), ==, 750);
  g_assert_cmpstr (dossier_document_image_get_media_type (image), ==, "image/jpeg");
  /* The preview is halved until it fits 1024 px. */
  g_assert_cmpuint (gdk_pixbuf_get_width (dossier_document_image_get_preview (image)), ==, 625);
  assert_upload_consistent (image);
  assert_finalize (g_steal_pointer (&image));
}

static void
test_encode_limits (void)
{
  struct {
    int   width, height;
    guint out_long, out_short;
    const char *type;
  } cases[] = {
    { 700, 600, 700, 600, "jpeg" },        /* already within the limits */
    { 4000, 3000, 2000, 1500, "jpeg" },    /* DCT 1/2 */
    { 2600, 1300, 1300, 650, "jpeg" },     /* DCT 1/2 */
    { 3000, 700, 2571, 600, "png" },       /* the shorter side wins over 2400 px */
    { 4800, 1200, 2400, 600, "png" },      /* no DCT for PNG: resampled */
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8,
                                                    cases[i].width, cases[i].height);
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(DossierDocumentImage) image = NULL;
      guint w, h;

      gdk_pixbuf_fill (pixbuf, 0x6080a0ff);
      bytes = fixture_save (pixbuf, cases[i].type, NULL);
      image = prepare_bytes (bytes, 0);
      w = dossier_document_image_get_width (image);
      h = dossier_document_image_get_height (image);
      g_test_message ("%d × %d %s → %u × %u", cases[i].width, cases[i].height, cases[i].type, w, h);
      g_assert_cmpuint (MAX (w, h), ==, cases[i].out_long);
      g_assert_cmpuint (MIN (w, h), ==, cases[i].out_short);
      g_assert_cmpuint (MIN (w, h), >=, 600);
      g_assert_cmpstr (dossier_document_image_get_media_type (image), ==, "image/jpeg");
      assert_upload_consistent (image);
      assert_finalize (g_steal_pointer (&image));
    }
}

static void
test_encode_png_alpha (void)
{
  g_autoptr(GdkPixbuf) opaque = gdk_pixbuf_new (GDK_COLORSPACE_RGB, TRUE, 8, 800, 640);
  g_autoptr(GdkPixbuf) clear = NULL;
  g_autoptr(GBytes) opaque_png = NULL;
  g_autoptr(GBytes) clear_png = NULL;
  g_autoptr(DossierDocumentImage) image = NULL;

  gdk_pixbuf_fill (opaque, 0x204060ff);
  opaque_png = fixture_save (opaque, "png", NULL);
  image = prepare_bytes (opaque_png, 0);
  g_assert_cmpstr (dossier_document_image_get_media_type (image), ==, "image/jpeg");
  assert_upload_consistent (image);
  assert_finalize (g_steal_pointer (&image));

  clear = gdk_pixbuf_copy (opaque);
  gdk_pixbuf_get_pixels (clear)[3] = 0;  /* one transparent pixel is enough */
  clear_png = fixture_save (clear, "png", NULL);
  image = prepare_bytes (clear_png, 1);
  g_assert_cmpstr (dossier_document_image_get_media_type (image), ==, "image/png");
  g_assert_cmpuint (dossier_document_image_get_width (image), ==, 640);
  assert_upload_consistent (image);
  g_assert_true (g_str_has_prefix (dossier_document_image_get_data_uri (image),
                                   "data:image/png;base64,"));
  assert_finalize (g_steal_pointer (&image));
}

static void
test_no_exif (void)
{
  g_autoptr(GdkPixbuf) pixbuf = fixture_make_document (900, 700, 7, 4);
  g_autoptr(GBytes) plain = fixture_save (pixbuf, "jpeg", "92");
  g_autoptr(GBytes) jpeg = fixture_jpeg_with_orientation (plain, 3);
  g_autoptr(DossierDocumentImage) image = NULL;

  g_assert_true (jpeg_has_app1 (jpeg));
  image = prepare_bytes (jpeg, 0);
  g_assert_false (jpeg_has_app1 (dossier_document_image_get_upload_bytes (image)));
  g_assert_false (jpeg_has_app1 (dossier_document_image_get_thumbnail (image)));
  g_assert_true (g_str_has_prefix (dossier_document_image_get_data_uri (image),
                                   "data:image/jpeg;base64,"));
  assert_finalize (g_steal_pointer (&image));
}
/* A noisy picture, so that the encoding has real work and odd sizes have edge pixels. */
static GdkPixbuf *
make_noisy (int      width,
            int      height,
            gboolean alpha)
{
  GdkPixbuf *pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, alpha, 8, width, height);
  FixtureNoise noise = { 0x12345678 };
  int n = gdk_pixbuf_get_n_channels (pixbuf);
  int rs = gdk_pixbuf_get_rowstride (pixbuf);
  guint8 *pix = gdk_pixbuf_get_pixels (pixbuf);

  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      for (int c = 0; c < n; c++)
        pix[(gsize) y * rs + x * n + c] = fixture_clamp (((x * (c + 1) + y * 3) & 0xff)
                                                         + fixture_noise (&noise, 20));
  return pixbuf;
}

/* Where destination (x, y) of a flip then @turns clockwise quarter turns reads, one pixel
 * at a time: the definition the band pass must match. */
static const guint8 *
reference_pixel (GdkPixbuf *src,
                 guint      flip,
                 guint      turns,
                 int        x,
                 int        y)
{
  int w = gdk_pixbuf_get_width (src), h = gdk_pixbuf_get_height (src);
  int dw = (turns % 2) ? h : w, dh = (turns % 2) ? w : h;

  for (guint t = 0; t < turns; t++)
    {
      /* Undo one clockwise turn: (x, y) of a dw × dh picture came from (y, dw - 1 - x). */
      int ox = y, oy = dw - 1 - x;
      int tmp = dw;

      x = ox;
      y = oy;
      dw = dh;
      dh = tmp;
    }
  if (flip)
    x = w - 1 - x;
  return gdk_pixbuf_read_pixels (src) + (gsize) y * gdk_pixbuf_get_rowstride (src)
         + x * gdk_pixbuf_get_n_channels (src);
}

static void
test_transform_rows (void)
{
  /* Odd widths give padded rowstrides; alpha gives 4-byte pixels, also written as 3. */
  static const int sizes[][2] = { { 37, 23 }, { 130, 71 }, { 1, 5 }, { 2, 1 } };

  for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
    for (int alpha = 0; alpha < 2; alpha++)
      {
        g_autoptr(GdkPixbuf) src = make_noisy (sizes[s][0], sizes[s][1], alpha);
        int n = gdk_pixbuf_get_n_channels (src);

        for (guint flip = 0; flip < 2; flip++)
          for (guint turns = 0; turns < 4; turns++)
            for (int out_n = 3; out_n <= n; out_n++)
              {
                int dw = (turns % 2) ? sizes[s][1] : sizes[s][0];
                int dh = (turns % 2) ? sizes[s][0] : sizes[s][1];
                g_autofree guint8 *out = g_malloc ((gsize) dw * dh * out_n);
                g_autoptr(GdkPixbuf) whole = _dossier_image_transform (src, flip, turns);

                /* Bands of 5 rows, the last one shorter. */
                for (int y = 0; y < dh; y += 5)
                  _dossier_image_transform_rows (src, flip, turns, y, MIN (5, dh - y),
                                                 out + (gsize) y * dw * out_n,
                                                 (gsize) dw * out_n, out_n);
                g_assert_cmpint (gdk_pixbuf_get_width (whole), ==, dw);
                for (int y = 0; y < dh; y++)
                  for (int x = 0; x < dw; x++)
                    {
                      const guint8 *want = reference_pixel (src, flip, turns, x, y);
                      const guint8 *got = out + ((gsize) y * dw + x) * out_n;
                      const guint8 *got_whole = gdk_pixbuf_read_pixels (whole)
                                                + (gsize) y * gdk_pixbuf_get_rowstride (whole)
                                                + x * n;

                      g_assert_cmpmem (got, out_n, want, out_n);
                      g_assert_cmpmem (got_whole, n, want, n);
                    }
              }
      }
}

/* The upright picture written by bands of source rows, as the preview helper writes it
 * while the decoder goes on, equals the one written at once. */
static void
test_transform_source_rows (void)
{
  static const int sizes[][2] = { { 37, 23 }, { 130, 71 }, { 1, 5 }, { 2, 1 } };

  for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
    {
      g_autoptr(GdkPixbuf) src = make_noisy (sizes[s][0], sizes[s][1], FALSE);

      for (guint flip = 0; flip < 2; flip++)
        for (guint turns = 0; turns < 4; turns++)
          {
            g_autoptr(GdkPixbuf) whole = _dossier_image_transform (src, flip, turns);
            g_autoptr(GdkPixbuf) bands = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8,
                                                         gdk_pixbuf_get_width (whole),
                                                         gdk_pixbuf_get_height (whole));
            int dw = gdk_pixbuf_get_width (whole);

            gdk_pixbuf_fill (bands, 0);
            /* Bands of 7 source rows, the last one shorter. */
            for (int y = 0; y < sizes[s][1]; y += 7)
              _dossier_image_transform_source_rows (src, flip, turns, y,
                                                    MIN (y + 7, sizes[s][1]), bands);
            for (int y = 0; y < gdk_pixbuf_get_height (whole); y++)
              g_assert_cmpmem (gdk_pixbuf_read_pixels (bands)
                               + (gsize) y * gdk_pixbuf_get_rowstride (bands), dw * 3,
                               gdk_pixbuf_read_pixels (whole)
                               + (gsize) y * gdk_pixbuf_get_rowstride (whole), dw * 3);
          }
    }
}

static GdkPixbuf *
decode (GBytes *bytes)
{
  g_autoptr(GInputStream) stream = g_memory_input_stream_new_from_bytes (bytes);
  g_autoptr(GError) error = NULL;
  GdkPixbuf *pixbuf = gdk_pixbuf_new_from_stream (stream, NULL, &error);

  g_assert_no_error (error);
  return pixbuf;
}

static void
test_split_encoding (void)
{
  /* Tall enough to be encoded as two halves; 1000 rows are not a multiple of the MCU. */
  static const int sizes[][2] = { { 601, 1000 }, { 1000, 601 }, { 700, 300 } };

  for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
    for (guint turns = 0; turns < 4; turns += 1 + s)
      {
        g_autoptr(GdkPixbuf) src = make_noisy (sizes[s][0], sizes[s][1], FALSE);
        g_autoptr(GdkPixbuf) turned = _dossier_image_transform (src, 0, turns);
        g_autoptr(GBytes) single = fixture_save (turned, "jpeg", "85");
        g_autoptr(GBytes) ours = NULL;
        g_autoptr(GdkPixbuf) a = NULL;
        g_autoptr(GdkPixbuf) b = NULL;
        g_autoptr(GError) error = NULL;
        g_autofree char *sha = NULL;
        g_autofree char *uri = NULL;
        g_autofree char *expected_uri = NULL;
        g_autofree char *expected_sha = NULL;
        gsize len;
        const guint8 *data;

        ours = _dossier_document_image_encode_jpeg (src, 0, turns, G_MAXSIZE, NULL, &sha, &uri,
                                                    &error);
        g_assert_no_error (error);
        data = g_bytes_get_data (ours, &len);
        g_test_message ("%d × %d, %u turns: %" G_GSIZE_FORMAT " bytes, GdkPixbuf %" G_GSIZE_FORMAT,
                        sizes[s][0], sizes[s][1], turns, len, g_bytes_get_size (single));
        g_assert_true (dossier_image_is_complete (data, len));
        expected_sha = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, ours);
        expected_uri = dossier_data_uri_encode ("image/jpeg", data, len);
        g_assert_cmpstr (sha, ==, expected_sha);
        g_assert_cmpstr (uri, ==, expected_uri);

        /* The same pixels as GdkPixbuf's own single-threaded q85 encoding. */
        a = decode (ours);
        b = decode (single);
        g_assert_cmpint (gdk_pixbuf_get_width (a), ==, gdk_pixbuf_get_width (b));
        g_assert_cmpint (gdk_pixbuf_get_height (a), ==, gdk_pixbuf_get_height (b));
        g_assert_cmpmem (gdk_pixbuf_read_pixels (a), gdk_pixbuf_get_byte_length (a),
                         gdk_pixbuf_read_pixels (b), gdk_pixbuf_get_byte_length (b));
        /* Without the split (short pictures) the bytes themselves are GdkPixbuf's. */
        if ((turns % 2 ? sizes[s][0] : sizes[s][1]) < 512)
          g_assert_true (g_bytes_equal (ours, single));
      }
}

static void
area_prepared_cb (GdkPixbufLoader *loader,
                  gpointer         user_data)
{
  *(gboolean *) user_data = TRUE;
}

static void
test_halve_while_decoding (void)
{
  g_autoptr(GdkPixbuf) src = make_noisy (1301, 977, FALSE);
  g_autoptr(GBytes) jpeg = fixture_save (src, "jpeg", "90");
  g_autoptr(GdkPixbufLoader) loader = gdk_pixbuf_loader_new_with_type ("jpeg", NULL);
  g_autoptr(DossierHalver) halver = _dossier_halver_new (loader, 1024);
  g_autoptr(GdkPixbuf) half = NULL;
  g_autoptr(GdkPixbuf) expected = NULL;
  g_autoptr(GError) error = NULL;
  gboolean prepared = FALSE;
  const guint8 *data;
  gsize len;
  GdkPixbuf *decoded;

  g_signal_connect (loader, "area-prepared", G_CALLBACK (area_prepared_cb), &prepared);
  data = g_bytes_get_data (jpeg, &len);
  for (gsize offset = 0; offset < len; offset += 4096)
    {
      gdk_pixbuf_loader_write (loader, data + offset, MIN (4096, len - offset), &error);
      g_assert_no_error (error);
    }
  gdk_pixbuf_loader_close (loader, &error);
  g_assert_no_error (error);
  g_assert_true (prepared);
  decoded = gdk_pixbuf_loader_get_pixbuf (loader);
  g_signal_handlers_disconnect_by_data (loader, halver);
  half = _dossier_halver_finish (halver, decoded);
  g_assert_nonnull (half);
  expected = _dossier_image_half_size (decoded);
  g_assert_cmpint (gdk_pixbuf_get_width (half), ==, 650);
  g_assert_cmpint (gdk_pixbuf_get_height (half), ==, 488);
  g_assert_cmpmem (gdk_pixbuf_read_pixels (half), gdk_pixbuf_get_byte_length (half),
                   gdk_pixbuf_read_pixels (expected), gdk_pixbuf_get_byte_length (expected));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/dossier/core/document-image/encode-large", test_encode_large);
  g_test_add_func ("/dossier/core/document-image/encode-limits", test_encode_limits);
  g_test_add_func ("/dossier/core/document-image/encode-png-alpha", test_encode_png_alpha);
  g_test_add_func ("/dossier/core/document-image/no-exif", test_no_exif);
  g_test_add_func ("/dossier/core/document-image/transform-rows", test_transform_rows);
  g_test_add_func ("/dossier/core/document-image/transform-source-rows",
                   test_transform_source_rows);
  g_test_add_func ("/dossier/core/document-image/split-encoding", test_split_encoding);
  g_test_add_func ("/dossier/core/document-image/halve-while-decoding", test_halve_while_decoding);

  return g_test_run ();
}
