/* test-image-check.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * CONTRACT.md §10.1 format detection and the byte-level checks of §10.2 (size, completeness).
 * Fixtures: tests/data/contract-*.{jpg,png}, made with ImageMagick `convert`.
 */

#include <string.h>

#include "dossier-contract.h"

static GBytes *
load_fixture (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", name, NULL);
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize len = 0;

  g_file_get_contents (path, &contents, &len, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (contents, len);
}

/* A heap copy of exactly @len bytes, so that AddressSanitizer sees any read past it. */
static guint8 *
exact_copy (const guint8 *data,
            gsize         len)
{
  guint8 *copy = g_malloc (MAX (len, 1));

  if (len > 0)
    memcpy (copy, data, len);
  return copy;
}

static gboolean
read_size_exact (const guint8 *data,
                 gsize         len,
                 guint        *width,
                 guint        *height)
{
  g_autofree guint8 *copy = exact_copy (data, len);

  return dossier_image_read_size (copy, len, width, height);
}

static gboolean
is_complete_exact (const guint8 *data,
                   gsize         len)
{
  g_autofree guint8 *copy = exact_copy (data, len);

  return dossier_image_is_complete (copy, len);
}

static void
test_detect (void)
{
  static const guint8 jpeg[] = { 0xff, 0xd8, 0xff, 0xe0 };
  static const guint8 png[] = { 0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a };
  static const guint8 gif[] = { 'G', 'I', 'F', '8', '9', 'a' };
  static const guint8 bad_png[] = { 0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0b };

  g_assert_cmpint (dossier_image_detect_format (jpeg, 3), ==, DOSSIER_IMAGE_FORMAT_JPEG);
  g_assert_cmpint (dossier_image_detect_format (jpeg, 4), ==, DOSSIER_IMAGE_FORMAT_JPEG);
  g_assert_cmpint (dossier_image_detect_format (jpeg, 2), ==, DOSSIER_IMAGE_FORMAT_UNKNOWN);
  g_assert_cmpint (dossier_image_detect_format (png, 8), ==, DOSSIER_IMAGE_FORMAT_PNG);
  g_assert_cmpint (dossier_image_detect_format (png, 7), ==, DOSSIER_IMAGE_FORMAT_UNKNOWN);
  g_assert_cmpint (dossier_image_detect_format (bad_png, 8), ==, DOSSIER_IMAGE_FORMAT_UNKNOWN);
  g_assert_cmpint (dossier_image_detect_format (gif, 6), ==, DOSSIER_IMAGE_FORMAT_UNKNOWN);
  g_assert_cmpint (dossier_image_detect_format (NULL, 0), ==, DOSSIER_IMAGE_FORMAT_UNKNOWN);
  g_assert_cmpint (dossier_image_detect_format (jpeg, 0), ==, DOSSIER_IMAGE_FORMAT_UNKNOWN);

  g_assert_cmpstr (dossier_image_format_media_type (DOSSIER_IMAGE_FORMAT_JPEG), ==, "image/jpeg");
  g_assert_cmpstr (dossier_image_format_media_type (DOSSIER_IMAGE_FORMAT_PNG), ==, "image/png");
  g_assert_null (dossier_image_format_media_type (DOSSIER_IMAGE_FORMAT_UNKNOWN));
}

static void
test_fixtures (void)
{
  static const struct { const char *name; DossierImageFormat format; guint w, h; } cases[] = {
    { "contract-baseline-600x800.jpg", DOSSIER_IMAGE_FORMAT_JPEG, 600, 800 },
    { "contract-progressive-800x600.jpg", DOSSIER_IMAGE_FORMAT_JPEG, 800, 600 },
    { "contract-thumb-16x12.jpg", DOSSIER_IMAGE_FORMAT_JPEG, 16, 12 },
    { "contract-600x800.png", DOSSIER_IMAGE_FORMAT_PNG, 600, 800 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GBytes) bytes = load_fixture (cases[i].name);
      gsize len;
      const guint8 *data = g_bytes_get_data (bytes, &len);
      guint w = 0, h = 0;

      g_test_message ("%s", cases[i].name);
      g_assert_cmpint (dossier_image_detect_format (data, len), ==, cases[i].format);
      g_assert_true (read_size_exact (data, len, &w, &h));
      g_assert_cmpuint (w, ==, cases[i].w);
      g_assert_cmpuint (h, ==, cases[i].h);
      g_assert_true (read_size_exact (data, len, NULL, NULL));
      g_assert_true (is_complete_exact (data, len));
    }
}

/* Every strict prefix of a complete fixture is incomplete; no prefix reads past its end. */
static void
test_truncated (void)
{
  static const char * const names[] = {
    "contract-baseline-600x800.jpg",
    "contract-progressive-800x600.jpg",
    "contract-600x800.png",
  };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr(GBytes) bytes = load_fixture (names[i]);
      gsize len;
      const guint8 *data = g_bytes_get_data (bytes, &len);

      g_test_message ("%s", names[i]);
      for (gsize cut = 0; cut < len; cut++)
        {
          guint w, h;

          g_assert_false (is_complete_exact (data, cut));
          read_size_exact (data, cut, &w, &h);
        }
    }
}

static void
test_trailing_bytes (void)
{
  g_autoptr(GBytes) png = load_fixture ("contract-600x800.png");
  g_autoptr(GBytes) jpeg = load_fixture ("contract-baseline-600x800.jpg");
  g_autoptr(GByteArray) a = g_byte_array_new ();
  g_autoptr(GByteArray) b = g_byte_array_new ();

  g_byte_array_append (a, g_bytes_get_data (png, NULL), g_bytes_get_size (png));
  g_byte_array_append (a, (const guint8 *) "trailing", 8);
  g_assert_true (is_complete_exact (a->data, a->len));

  g_byte_array_append (b, g_bytes_get_data (jpeg, NULL), g_bytes_get_size (jpeg));
  g_byte_array_append (b, (const guint8 *) "trailing", 8);
  g_assert_true (is_complete_exact (b->data, b->len));
}

/* SOI, an APP1 "Exif" segment holding a complete thumbnail JPEG, then the main image. */
static GByteArray *
jpeg_with_exif_thumbnail (GBytes *main_image,
                          GBytes *thumbnail)
{
  GByteArray *out = g_byte_array_new ();
  static const guint8 soi_app1[] = { 0xff, 0xd8, 0xff, 0xe1 };
  static const guint8 exif[] = { 'E', 'x', 'i', 'f', 0, 0, 'M', 'M', 0, 42, 0, 0, 0, 8 };
  gsize thumb_len = g_bytes_get_size (thumbnail);
  gsize seg_len = 2 + sizeof exif + thumb_len;
  guint8 len_bytes[2] = { seg_len >> 8, seg_len & 0xff };

  g_assert_cmpuint (seg_len, <=, 0xffff);
  g_byte_array_append (out, soi_app1, sizeof soi_app1);
  g_byte_array_append (out, len_bytes, 2);
  g_byte_array_append (out, exif, sizeof exif);
  g_byte_array_append (out, g_bytes_get_data (thumbnail, NULL), thumb_len);
  /* The main image without its SOI. */
  g_byte_array_append (out, (const guint8 *) g_bytes_get_data (main_image, NULL) + 2,
                       g_bytes_get_size (main_image) - 2);
  return out;
}

static gsize
find_marker (const guint8 *data,
             gsize         len,
             gsize         from,
             guint8        marker)
{
  for (gsize i = from; i + 1 < len; i++)
    {
      if (data[i] == 0xff && data[i + 1] == marker)
        return i;
    }
  g_assert_not_reached ();
}

static void
test_exif_thumbnail (void)
{
  g_autoptr(GBytes) main_image = load_fixture ("contract-baseline-600x800.jpg");
  g_autoptr(GBytes) thumbnail = load_fixture ("contract-thumb-16x12.jpg");
  g_autoptr(GByteArray) full = jpeg_with_exif_thumbnail (main_image, thumbnail);
  gsize thumb_start, main_start, main_sos;
  guint w = 0, h = 0;

  /* The size is the main image's, not the thumbnail's (whose SOF0 comes first). */
  g_assert_true (read_size_exact (full->data, full->len, &w, &h));
  g_assert_cmpuint (w, ==, 600);
  g_assert_cmpuint (h, ==, 800);
  g_assert_true (is_complete_exact (full->data, full->len));

  /* Truncate the main image inside its scan: the thumbnail's SOS and EOI
   * must not make it look complete. */
  thumb_start = 4 + 2 + 14;
  main_start = thumb_start + g_bytes_get_size (thumbnail);
  g_assert_cmpuint (find_marker (full->data, full->len, thumb_start, 0xda), <, main_start);
  g_assert_cmpuint (find_marker (full->data, full->len, thumb_start, 0xd9), <, main_start);
  main_sos = find_marker (full->data, full->len, main_start, 0xda);

  for (gsize cut = main_sos; cut < full->len - 1; cut += 7)
    g_assert_false (is_complete_exact (full->data, cut));
  g_assert_false (is_complete_exact (full->data, full->len - 1));

  /* The header is still readable from a truncated file. */
  g_assert_true (read_size_exact (full->data, main_sos + 20, &w, &h));
  g_assert_cmpuint (w, ==, 600);
}

static void
test_jpeg_crafted (void)
{
  /* SOI, fill bytes, DHT (C4) whose bytes look like a frame, DAC (CC), SOF2. */
  static const guint8 dht_then_sof[] = {
    0xff, 0xd8,
    0xff, 0xff, 0xff, 0xc4, 0x00, 0x08, 0x08, 0x00, 0x10, 0x00, 0x20, 0x01,
    0xff, 0xcc, 0x00, 0x04, 0x00, 0x00,
    0xff, 0x01,
    0xff, 0xc2, 0x00, 0x0b, 0x08, 0x03, 0x20, 0x02, 0x58, 0x01, 0x01, 0x11, 0x00,
    0xff, 0xda, 0x00, 0x08, 0x01, 0x01, 0x00, 0x00, 0x3f, 0x00,
    0x12, 0xff, 0x00, 0x34, 0xff, 0xd0, 0x56, 0xff, 0xd9,
  };
  static const guint8 sos_first[] = {
    0xff, 0xd8, 0xff, 0xda, 0x00, 0x02, 0x00, 0xff, 0xd9,
  };
  static const guint8 eoi_before_sos[] = {
    0xff, 0xd8, 0xff, 0xe0, 0x00, 0x02, 0xff, 0xd9,
  };
  static const guint8 zero_height[] = {
    0xff, 0xd8, 0xff, 0xc0, 0x00, 0x0b, 0x08, 0x00, 0x00, 0x02, 0x58, 0x01, 0x01, 0x11, 0x00,
  };
  static const guint8 short_sof[] = {
    0xff, 0xd8, 0xff, 0xc0, 0x00, 0x07, 0x08, 0x03, 0x20, 0x02, 0x58,
  };
  static const guint8 bad_length[] = {
    0xff, 0xd8, 0xff, 0xe0, 0x00, 0x01, 0xff, 0xc0, 0x00, 0x0b, 0x08, 0x03, 0x20, 0x02, 0x58,
  };
  static const guint8 huge_length[] = {
    0xff, 0xd8, 0xff, 0xe0, 0xff, 0xff, 0x00, 0x00,
  };
  static const guint8 garbage_between[] = {
    0xff, 0xd8, 0xff, 0xe0, 0x00, 0x02, 0x00, 0xff, 0xc0, 0x00, 0x0b, 0x08, 0x03, 0x20, 0x02, 0x58, 0x01, 0x01, 0x11, 0x00,
  };
  static const guint8 stuffed_marker[] = {
    0xff, 0xd8, 0xff, 0x00, 0x00, 0x0b,
  };
  static const guint8 second_soi[] = {
    0xff, 0xd8, 0xff, 0xd8, 0xff, 0xc0, 0x00, 0x0b, 0x08, 0x03, 0x20, 0x02, 0x58, 0x01, 0x01, 0x11, 0x00,
  };
  static const guint8 sos_header_only[] = {
    0xff, 0xd8, 0xff, 0xda, 0x00, 0x08, 0x01, 0x01, 0x00, 0x00, 0x3f, 0xff, 0xd9,
  };
  guint w = 0, h = 0;

  g_assert_true (read_size_exact (dht_then_sof, sizeof dht_then_sof, &w, &h));
  g_assert_cmpuint (w, ==, 600);
  g_assert_cmpuint (h, ==, 800);
  g_assert_true (is_complete_exact (dht_then_sof, sizeof dht_then_sof));
  g_assert_false (is_complete_exact (dht_then_sof, sizeof dht_then_sof - 1));

  g_assert_false (read_size_exact (sos_first, sizeof sos_first, &w, &h));
  g_assert_true (is_complete_exact (sos_first, sizeof sos_first));
  g_assert_false (read_size_exact (eoi_before_sos, sizeof eoi_before_sos, &w, &h));
  g_assert_false (is_complete_exact (eoi_before_sos, sizeof eoi_before_sos));
  g_assert_false (read_size_exact (zero_height, sizeof zero_height, &w, &h));
  g_assert_false (read_size_exact (short_sof, sizeof short_sof, &w, &h));
  g_assert_false (read_size_exact (bad_length, sizeof bad_length, &w, &h));
  g_assert_false (read_size_exact (huge_length, sizeof huge_length, &w, &h));
  g_assert_false (is_complete_exact (huge_length, sizeof huge_length));
  g_assert_false (read_size_exact (garbage_between, sizeof garbage_between, &w, &h));
  g_assert_false (read_size_exact (stuffed_marker, sizeof stuffed_marker, &w, &h));
  g_assert_false (read_size_exact (second_soi, sizeof second_soi, &w, &h));
  /* The FF D9 inside the scan header's own bytes does not count. */
  g_assert_false (is_complete_exact (sos_header_only, sizeof sos_header_only));

  /* Outputs are left alone on failure. */
  w = h = 7;
  g_assert_false (read_size_exact (zero_height, sizeof zero_height, &w, &h));
  g_assert_cmpuint (w, ==, 7);
  g_assert_cmpuint (h, ==, 7);
}

static void
put_be32 (guint8  *p,
          guint32  v)
{
  p[0] = v >> 24;
  p[1] = v >> 16;
  p[2] = v >> 8;
  p[3] = v;
}

/* Signature, IHDR (@w x @h), then an IEND whose length field is @iend_len. */
static GByteArray *
png_build (guint32 w,
           guint32 h,
           guint32 iend_len)
{
  static const guint8 sig[] = { 0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a };
  GByteArray *out = g_byte_array_new ();
  guint8 ihdr[25] = { 0, 0, 0, 13, 'I', 'H', 'D', 'R' };
  guint8 iend[12] = { 0, 0, 0, 0, 'I', 'E', 'N', 'D', 0xae, 0x42, 0x60, 0x82 };

  put_be32 (ihdr + 8, w);
  put_be32 (ihdr + 12, h);
  ihdr[16] = 8;
  ihdr[17] = 2;
  put_be32 (iend, iend_len);
  g_byte_array_append (out, sig, sizeof sig);
  g_byte_array_append (out, ihdr, sizeof ihdr);
  g_byte_array_append (out, iend, sizeof iend);
  return out;
}

static void
test_png_crafted (void)
{
  g_autoptr(GByteArray) ok = png_build (10000, 600, 0);
  g_autoptr(GByteArray) zero = png_build (0, 600, 0);
  g_autoptr(GByteArray) huge = png_build (0x80000000u, 600, 0);
  g_autoptr(GByteArray) max = png_build (0x7fffffffu, 0x7fffffffu, 0);
  g_autoptr(GByteArray) bad_iend = png_build (600, 600, 4);
  g_autoptr(GByteArray) overflow = png_build (600, 600, 0xffffffffu);
  g_autoptr(GByteArray) not_ihdr = png_build (600, 600, 0);
  guint w = 0, h = 0;

  g_assert_true (read_size_exact (ok->data, ok->len, &w, &h));
  g_assert_cmpuint (w, ==, 10000);
  g_assert_cmpuint (h, ==, 600);
  g_assert_true (is_complete_exact (ok->data, ok->len));
  /* The header alone is readable; the IHDR's CRC is not needed for the size. */
  g_assert_true (read_size_exact (ok->data, 8 + 8 + 13, &w, &h));
  g_assert_false (read_size_exact (ok->data, 8 + 8 + 12, &w, &h));

  g_assert_false (read_size_exact (zero->data, zero->len, &w, &h));
  g_assert_false (read_size_exact (huge->data, huge->len, &w, &h));
  g_assert_true (read_size_exact (max->data, max->len, &w, &h));
  g_assert_cmpuint (w, ==, 0x7fffffffu);

  /* An IEND that claims 4 data bytes it does not have. */
  g_assert_false (is_complete_exact (bad_iend->data, bad_iend->len));
  g_assert_false (is_complete_exact (overflow->data, overflow->len));

  /* The first chunk must be IHDR for the size; completeness does not care. */
  memcpy (not_ihdr->data + 12, "tEXt", 4);
  g_assert_false (read_size_exact (not_ihdr->data, not_ihdr->len, &w, &h));
  g_assert_true (is_complete_exact (not_ihdr->data, not_ihdr->len));

  /* A chunk length that would overflow a 32-bit position. */
  put_be32 (ok->data + 8, 0xfffffff4u);
  g_assert_false (is_complete_exact (ok->data, ok->len));
}

/* Random mutations of the fixtures and random bytes behind a signature: no crash, no
 * read past the end (AddressSanitizer watches), and a size is never 0. */
static void
test_fuzz (void)
{
  static const char * const names[] = {
    "contract-baseline-600x800.jpg",
    "contract-progressive-800x600.jpg",
    "contract-600x800.png",
  };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr(GBytes) bytes = load_fixture (names[i]);
      gsize len;
      const guint8 *data = g_bytes_get_data (bytes, &len);

      for (guint round = 0; round < 300; round++)
        {
          g_autofree guint8 *copy = exact_copy (data, len);
          gsize cut = g_test_rand_int_range (0, (gint32) len + 1);
          guint n_flips = g_test_rand_int_range (1, 8);
          guint w = 0, h = 0;

          for (guint f = 0; f < n_flips; f++)
            {
              /* Favour the headers, where the lengths are. */
              gsize at = g_test_rand_int_range (0, (gint32) MIN (len, 700));
              copy[at] = (guint8) g_test_rand_int_range (0, 256);
            }

          if (dossier_image_read_size (copy, cut, &w, &h))
            g_assert_true (w > 0 && h > 0);
          g_assert_true (dossier_image_is_complete (copy, cut) == is_complete_exact (copy, cut));
        }
    }

  for (guint round = 0; round < 2000; round++)
    {
      gsize len = g_test_rand_int_range (0, 64);
      g_autofree guint8 *data = g_malloc (MAX (len, 1));
      static const guint8 png_sig[] = { 0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a };
      guint w, h;

      for (gsize j = 0; j < len; j++)
        data[j] = g_test_rand_bit () ? 0xff : (guint8) g_test_rand_int_range (0, 256);
      if (round % 2 == 0 && len >= 3)
        memcpy (data, "\xff\xd8\xff", 3);
      else if (len >= sizeof png_sig)
        memcpy (data, png_sig, sizeof png_sig);

      if (dossier_image_read_size (data, len, &w, &h))
        g_assert_true (w > 0 && h > 0);
      dossier_image_is_complete (data, len);
    }

  g_assert_false (dossier_image_is_complete (NULL, 0));
  g_assert_false (dossier_image_read_size (NULL, 0, NULL, NULL));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/dossier/contract/image-check/detect", test_detect);
  g_test_add_func ("/dossier/contract/image-check/fixtures", test_fixtures);
  g_test_add_func ("/dossier/contract/image-check/truncated", test_truncated);
  g_test_add_func ("/dossier/contract/image-check/trailing-bytes", test_trailing_bytes);
  g_test_add_func ("/dossier/contract/image-check/exif-thumbnail", test_exif_thumbnail);
  g_test_add_func ("/dossier/contract/image-check/jpeg-crafted", test_jpeg_crafted);
  g_test_add_func ("/dossier/contract/image-check/png-crafted", test_png_crafted);
  g_test_add_func ("/dossier/contract/image-check/fuzz", test_fuzz);

  return g_test_run ();
}
