/* test-sandbox-document-images.c — the image content of an uploaded document (CONTRACT.md §10)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Decoding, pixel limits, truncated and corrupt data, the declared type and EXIF
 * thumbnails.
 */

#include "sandbox-document-test-utils.h"

static void
test_not_an_image (void)
{
  g_autoptr(GBytes) text = g_bytes_new_static ("hello, this is not an image", 27);
  g_autoptr(GBytes) png_header = make_png_header (800, 800);
  g_autoptr(GBytes) png_signature = g_bytes_new_from_bytes (png_header, 0, 8);
  g_autofree char *text_uri = to_uri ("image/png", text);
  g_autofree char *signature_uri = to_uri ("image/png", png_signature);
  g_autoptr(GBytes) soi = g_bytes_new_static ("\xff\xd8\xff\xe0", 4);
  g_autofree char *jpeg_soi_uri = to_uri ("image/jpeg", soi);
  g_autofree char *a = check_front (&passport, text_uri);
  g_autofree char *b = check_front (&passport, signature_uri);
  g_autofree char *c = check_front (&passport, jpeg_soi_uri);
  g_autofree char *d = check_front (&passport, "data:image/png;base64,");

  g_assert_cmpstr (a, ==, "Front image could not be decoded");
  g_assert_cmpstr (b, ==, "Front image could not be decoded");
  g_assert_cmpstr (c, ==, "Front image could not be decoded");
  g_assert_cmpstr (d, ==, "Front image could not be decoded");
}

static void
test_too_large (void)
{
  /* Header only: check 6 comes before the completeness test of check 7. */
  g_autoptr(GBytes) wide = make_png_header (10001, 700);
  g_autoptr(GBytes) tall = make_png_header (600, 40000);
  g_autoptr(GBytes) limit = make_png_header (10000, 10000);
  g_autofree char *wide_uri = to_uri ("image/png", wide);
  g_autofree char *tall_uri = to_uri ("image/png", tall);
  g_autofree char *limit_uri = to_uri ("image/png", limit);
  g_autofree char *a = check_front (&passport, wide_uri);
  g_autofree char *b = check_front (&passport, tall_uri);
  g_autofree char *c = check_front (&passport, limit_uri);

  g_assert_cmpstr (a, ==, "Front image is too large (10001x700 px); the longer side must be at "
                          "most 10000 px");
  g_assert_cmpstr (b, ==, "Front image is too large (600x40000 px); the longer side must be at "
                          "most 10000 px");
  g_assert_cmpstr (c, ==, "Front image could not be decoded");
}

static void
test_too_small (void)
{
  g_autoptr(GBytes) jpeg = make_image ("jpeg", 500, 700);
  g_autoptr(GBytes) png = make_image ("png", 2000, 599);
  g_autoptr(GBytes) cut = truncate_bytes (jpeg, g_bytes_get_size (jpeg) / 2);
  g_autofree char *jpeg_uri = to_uri ("image/jpeg", jpeg);
  g_autofree char *png_uri = to_uri ("image/png", png);
  g_autofree char *cut_uri = to_uri ("image/jpeg", cut);
  g_autofree char *a = check_front (&passport, jpeg_uri);
  g_autofree char *b = check_front (&passport, png_uri);
  g_autofree char *c = check_front (&passport, cut_uri);

  g_assert_cmpstr (a, ==, "Front image is too small (500x700 px); the shorter side must be at "
                          "least 600 px");
  g_assert_cmpstr (b, ==, "Front image is too small (2000x599 px); the shorter side must be at "
                          "least 600 px");
  /* check 7 before check 8 */
  g_assert_cmpstr (c, ==, "Front image could not be decoded");
}

static void
test_truncated (void)
{
  g_autoptr(GBytes) jpeg = make_image ("jpeg", 640, 640);
  g_autoptr(GBytes) png = make_image ("png", 640, 640);
  g_autoptr(GBytes) jpeg_cut = truncate_bytes (jpeg, g_bytes_get_size (jpeg) - 2);
  g_autoptr(GBytes) png_cut = truncate_bytes (png, g_bytes_get_size (png) - 12);
  g_autofree char *jpeg_uri = to_uri ("image/jpeg", jpeg_cut);
  g_autofree char *png_uri = to_uri ("image/png", png_cut);
  g_autofree char *a = check_front (&passport, jpeg_uri);
  g_autofree char *b = check_front (&passport, png_uri);

  g_assert_cmpstr (a, ==, "Front image could not be decoded");
  g_assert_cmpstr (b, ==, "Front image could not be decoded");
}

static void
test_corrupt_pixels (void)
{
  /* Complete chunk structure (IEND present) but a damaged IDAT: only the pixel decode sees it. */
  g_autoptr(GBytes) png = make_image ("png", 640, 640);
  gsize len;
  const guint8 *data = g_bytes_get_data (png, &len);
  g_autofree guint8 *copy = g_memdup2 (data, len);
  const guint8 *idat = find_bytes (copy, len, "IDAT", 4);
  g_autoptr(GBytes) corrupt = NULL;
  g_autofree char *uri = NULL;
  g_autofree char *reasons = NULL;

  g_assert_nonnull (idat);
  for (gsize i = 4; i < 16; i++)
    copy[(idat - copy) + i] ^= 0x5a;
  corrupt = g_bytes_new (copy, len);
  uri = to_uri ("image/png", corrupt);
  reasons = check_front (&passport, uri);
  g_assert_cmpstr (reasons, ==, "Front image could not be decoded");
}

static void
test_declared_type_tolerated (void)
{
  g_autoptr(GBytes) jpeg = make_image ("jpeg", 600, 600);
  g_autofree char *uri = to_uri ("image/png", jpeg);
  g_autofree char *jpg_alias = to_uri ("image/jpg", jpeg);
  g_autofree char *json = document_json (uri, NULL, "{\"number\":\"1\"}");
  g_autofree char *reasons = NULL;
  g_autofree char *alias = NULL;
  DossierSandboxImageInfo front, back;

  reasons = run_check (&passport, json, &front, &back);
  g_assert_cmpstr (reasons, ==, "");
  g_assert_cmpstr (front.media_type, ==, "image/jpeg");
  dossier_sandbox_image_info_clear (&front);
  dossier_sandbox_image_info_clear (&back);

  alias = check_front (&passport, jpg_alias);
  g_assert_cmpstr (alias, ==, "");
}

static void
test_exif_thumbnail (void)
{
  g_autoptr(GBytes) jpeg = make_image ("jpeg", 800, 600);
  g_autoptr(GBytes) with_exif = add_exif_thumbnail (jpeg);
  g_autoptr(GBytes) cut = NULL;
  g_autofree char *uri = to_uri ("image/jpeg", with_exif);
  g_autofree char *cut_uri = NULL;
  g_autofree char *reasons = NULL;
  g_autofree char *cut_reasons = NULL;
  DossierSandboxImageInfo info;
  char *reason;

  reason = dossier_sandbox_document_check_image ("Front", uri, TRUE, &info);
  g_assert_null (reason);
  g_assert_cmpuint (info.width, ==, 800);
  g_assert_cmpuint (info.height, ==, 600);
  g_assert_cmpuint (info.bytes, ==, g_bytes_get_size (with_exif));
  dossier_sandbox_image_info_clear (&info);

  /* Cut the main image before its EOI: the thumbnail's SOS/EOI must not count. */
  cut = truncate_bytes (with_exif, g_bytes_get_size (with_exif) - 100);
  cut_uri = to_uri ("image/jpeg", cut);
  cut_reasons = check_front (&passport, cut_uri);
  g_assert_cmpstr (cut_reasons, ==, "Front image could not be decoded");
}

static void
test_long_side_limit (void)
{
  /* The longest allowed side, decoded for real (10000×600 stays small). */
  g_autoptr(GBytes) jpeg = make_image ("jpeg", 10000, 600);
  g_autoptr(GBytes) png = make_image ("png", 600, 10000);
  g_autofree char *jpeg_uri = to_uri ("image/jpeg", jpeg);
  g_autofree char *png_uri = to_uri ("image/png", png);
  g_autofree char *a = check_front (&passport, jpeg_uri);
  g_autofree char *b = check_front (&passport, png_uri);

  g_assert_cmpstr (a, ==, "");
  g_assert_cmpstr (b, ==, "");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/dossier/sandbox/document-check/not-an-image", test_not_an_image);
  g_test_add_func ("/dossier/sandbox/document-check/too-large", test_too_large);
  g_test_add_func ("/dossier/sandbox/document-check/too-small", test_too_small);
  g_test_add_func ("/dossier/sandbox/document-check/truncated", test_truncated);
  g_test_add_func ("/dossier/sandbox/document-check/corrupt-pixels", test_corrupt_pixels);
  g_test_add_func ("/dossier/sandbox/document-check/declared-type-tolerated",
                   test_declared_type_tolerated);
  g_test_add_func ("/dossier/sandbox/document-check/exif-thumbnail", test_exif_thumbnail);
  g_test_add_func ("/dossier/sandbox/document-check/long-side-limit", test_long_side_limit);

  return g_test_run ();
}
