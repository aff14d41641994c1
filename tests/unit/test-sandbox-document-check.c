/* test-sandbox-document-check.c — checking an uploaded document (CONTRACT.md §10, §9.3)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The document as sent: image members, data URIs and base64, size limits,
 * optional images and the order of the reasons. Image content is in
 * test-sandbox-document-images.c, metadata in test-sandbox-document-metadata.c.
 */

#include "sandbox-document-test-utils.h"

static void
test_accepted (void)
{
  g_autoptr(GBytes) jpeg = make_image ("jpeg", 600, 800);
  g_autofree char *uri = to_uri ("image/jpeg", jpeg);
  g_autofree char *json = document_json (uri, NULL, "{\"number\":\"AB1234567\",\"extra\":[1,2]}");
  g_autofree char *sha = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, jpeg);
  g_autofree char *reasons = NULL;
  DossierSandboxImageInfo front, back;

  reasons = run_check (&passport, json, &front, &back);
  g_assert_cmpstr (reasons, ==, "");
  g_assert_cmpstr (front.media_type, ==, "image/jpeg");
  g_assert_cmpuint (front.width, ==, 600);
  g_assert_cmpuint (front.height, ==, 800);
  g_assert_cmpuint (front.bytes, ==, g_bytes_get_size (jpeg));
  g_assert_cmpstr (front.sha256, ==, sha);
  g_assert_cmpuint (strlen (front.sha256), ==, 64);
  g_assert_null (back.media_type);
  g_assert_null (back.sha256);
  dossier_sandbox_image_info_clear (&front);
  dossier_sandbox_image_info_clear (&back);
  g_assert_null (front.media_type);
}

static void
test_png_and_raw_base64 (void)
{
  g_autoptr(GBytes) png = make_image ("png", 700, 600);
  g_autofree char *raw = to_uri (NULL, png);
  g_autofree char *json = document_json (raw, NULL, "{\"number\":\"X1\"}");
  g_autofree char *reasons = NULL;
  DossierSandboxImageInfo front, back;

  reasons = run_check (&passport, json, &front, &back);
  g_assert_cmpstr (reasons, ==, "");
  g_assert_cmpstr (front.media_type, ==, "image/png");
  g_assert_cmpuint (front.width, ==, 700);
  g_assert_cmpuint (front.height, ==, 600);
  dossier_sandbox_image_info_clear (&front);
  dossier_sandbox_image_info_clear (&back);
}

static void
test_missing (void)
{
  g_autoptr(GBytes) jpeg = make_image ("jpeg", 600, 600);
  g_autofree char *uri = to_uri ("image/jpeg", jpeg);
  g_autofree char *absent = NULL, *empty = NULL, *null_front = NULL, *back = NULL;
  g_autofree char *json = NULL;

  absent = check_front (&passport, NULL);
  g_assert_cmpstr (absent, ==, "Front image is missing");
  empty = check_front (&passport, "");
  g_assert_cmpstr (empty, ==, "Front image is missing");
  null_front = run_check (&passport, "{\"image_front\":null,\"metadata\":{\"number\":\"1\"}}",
                          NULL, NULL);
  g_assert_cmpstr (null_front, ==, "Front image is missing");

  json = document_json (uri, NULL, "{\"number\":\"1\",\"issuing_country\":\"ARG\","
                                   "\"expiration_date\":\"2030-01-01\"}");
  back = run_check (&national_id, json, NULL, NULL);
  g_assert_cmpstr (back, ==, "Back image is missing");
}

static void
test_not_base64 (void)
{
  const char *values[] = {
    "data:image/jpeg,AAAA",          /* no ;base64, */
    "data:image/jpeg;base64;x=1,AAAA",
    "data:image/jpeg;base64",
    "////!",
    "AAAAA",                         /* remainder 1 */
    "AA=A",
    "data:image/gif;base64,AA=A",    /* check 2 before check 3 */
  };

  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    {
      g_autofree char *reasons = check_front (&passport, values[i]);

      g_test_message ("%s", values[i]);
      g_assert_cmpstr (reasons, ==, "Front image is not valid base64 data");
    }
}

static void
test_unsupported_type (void)
{
  /* A real GIF header: the declared type decides, before any byte is looked at. */
  g_autofree char *gif = check_front (&passport, "data:image/gif;base64,R0lGODlhAQABAAAAACw=");
  g_autofree char *upper = check_front (&passport, "DATA:Image/WEBP;charset=x;BASE64,AAAA");
  g_autofree char *plain = check_front (&passport, "data:;base64,AAAA");
  g_autofree char *pdf = check_front (&passport, "data:application/pdf;base64,JVBERi0xLjQK");

  g_assert_cmpstr (gif, ==, "Front image type image/gif is not supported; use JPEG or PNG");
  g_assert_cmpstr (upper, ==, "Front image type image/webp is not supported; use JPEG or PNG");
  g_assert_cmpstr (plain, ==, "Front image type text/plain is not supported; use JPEG or PNG");
  g_assert_cmpstr (pdf, ==, "Front image type application/pdf is not supported; use JPEG or PNG");
}

/* A payload of @n_bytes zero bytes, as base64 without padding. */
static char *
zero_payload (gsize n_bytes)
{
  gsize n_chars = (n_bytes / 3) * 4 + (n_bytes % 3 == 0 ? 0 : n_bytes % 3 + 1);
  char *text = g_malloc (strlen ("data:image/jpeg;base64,") + n_chars + 1);

  strcpy (text, "data:image/jpeg;base64,");
  memset (text + strlen (text), 'A', n_chars);
  text[strlen ("data:image/jpeg;base64,") + n_chars] = '\0';
  return text;
}

static void
test_larger_than_10_mib (void)
{
  g_autofree char *over = zero_payload (DOSSIER_CONTRACT_MAX_IMAGE_BYTES + 1);
  g_autofree char *limit = zero_payload (DOSSIER_CONTRACT_MAX_IMAGE_BYTES);
  DossierSandboxImageInfo info;
  char *reason;

  reason = dossier_sandbox_document_check_image ("Front", over, TRUE, &info);
  g_assert_cmpstr (reason, ==, "Front image is larger than 10 MiB");
  g_free (reason);

  /* Exactly 10 MiB passes check 4 and fails as not an image. */
  reason = dossier_sandbox_document_check_image ("Back", limit, TRUE, &info);
  g_assert_cmpstr (reason, ==, "Back image could not be decoded");
  g_free (reason);
}

static void
test_optional_images (void)
{
  g_autoptr(GBytes) small = make_image ("jpeg", 100, 100);
  g_autoptr(GBytes) good = make_image ("png", 600, 600);
  g_autofree char *small_uri = to_uri ("image/jpeg", small);
  g_autofree char *good_uri = to_uri ("image/png", good);
  g_autofree char *json_back = document_json (good_uri, small_uri, "{\"number\":\"1\"}");
  g_autofree char *json_none = document_json (NULL, NULL, NULL);
  g_autofree char *json_front = document_json ("not base64!", NULL, NULL);
  g_autofree char *json_both = document_json (good_uri, good_uri, NULL);
  g_autofree char *a = NULL, *b = NULL, *c = NULL, *d = NULL;
  DossierSandboxImageInfo front, back;

  /* A back image that is not required is checked all the same. */
  a = run_check (&passport, json_back, NULL, NULL);
  g_assert_cmpstr (a, ==, "Back image is too small (100x100 px); the shorter side must be at least "
                          "600 px");

  /* require_image false and no front: nothing is checked. */
  b = run_check (&no_images, json_none, &front, &back);
  g_assert_cmpstr (b, ==, "");
  g_assert_null (front.media_type);
  g_assert_null (back.media_type);

  c = run_check (&no_images, json_front, NULL, NULL);
  g_assert_cmpstr (c, ==, "Front image is not valid base64 data");

  d = run_check (&no_images, json_both, &front, &back);
  g_assert_cmpstr (d, ==, "");
  g_assert_cmpstr (front.media_type, ==, "image/png");
  g_assert_cmpstr (back.media_type, ==, "image/png");
  g_assert_cmpstr (front.sha256, ==, back.sha256);
  dossier_sandbox_image_info_clear (&front);
  dossier_sandbox_image_info_clear (&back);
}

static void
test_order (void)
{
  g_autoptr(GBytes) good = make_image ("jpeg", 600, 600);
  g_autofree char *good_uri = to_uri ("image/jpeg", good);
  g_autofree char *json = document_json ("data:image/gif;base64,AAAA", NULL,
                                         "{\"number\":7,\"expiration_date\":\"2020-01-01\"}");
  g_autofree char *json_good_front = document_json (good_uri, NULL, "{\"number\":\"1\"}");
  g_autofree char *reasons = NULL;
  g_autofree char *only_back = NULL;
  DossierSandboxImageInfo front, back;

  reasons = run_check (&national_id, json, &front, &back);
  g_assert_cmpstr (reasons, ==,
                   "Front image type image/gif is not supported; use JPEG or PNG"
                   " | Back image is missing"
                   " | Metadata number must be a non-empty text of at most 255 characters"
                   " | Metadata issuing_country is required"
                   " | Document expired on 2020-01-01");
  g_assert_null (front.media_type);
  g_assert_null (back.media_type);

  /* The front passed, the document did not: no info comes back. */
  only_back = run_check (&national_id, json_good_front, &front, &back);
  g_assert_true (g_str_has_prefix (only_back, "Back image is missing | "));
  g_assert_null (front.media_type);
  g_assert_null (front.sha256);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/dossier/sandbox/document-check/accepted", test_accepted);
  g_test_add_func ("/dossier/sandbox/document-check/png-raw-base64", test_png_and_raw_base64);
  g_test_add_func ("/dossier/sandbox/document-check/missing", test_missing);
  g_test_add_func ("/dossier/sandbox/document-check/not-base64", test_not_base64);
  g_test_add_func ("/dossier/sandbox/document-check/unsupported-type", test_unsupported_type);
  g_test_add_func ("/dossier/sandbox/document-check/larger-than-10-mib", test_larger_than_10_mib);
  g_test_add_func ("/dossier/sandbox/document-check/optional-images", test_optional_images);
  g_test_add_func ("/dossier/sandbox/document-check/order", test_order);

  return g_test_run ();
}
