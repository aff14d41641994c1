/* test-sandbox-document-check.c — the document checks of CONTRACT.md §10 and §9.3
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every image is made here with GdkPixbuf or byte by byte: no fixture files.
 */

#include <string.h>

#include <gdk-pixbuf/gdk-pixbuf.h>

#include "dossier-sandbox-document-check.h"

/* ---- images ---- */

static const guint8 *
find_bytes (const guint8 *data,
            gsize         len,
            const char   *needle,
            gsize         needle_len)
{
  for (gsize i = 0; i + needle_len <= len; i++)
    {
      if (memcmp (data + i, needle, needle_len) == 0)
        return data + i;
    }

  return NULL;
}

static GBytes *
make_image (const char *type,
            int         width,
            int         height)
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, width, height);
  g_autoptr(GError) error = NULL;
  char *buffer = NULL;
  gsize len = 0;
  gboolean ok;

  g_assert_nonnull (pixbuf);
  gdk_pixbuf_fill (pixbuf, 0x3366ccff);
  ok = gdk_pixbuf_save_to_buffer (pixbuf, &buffer, &len, type, &error, NULL);
  g_assert_no_error (error);
  g_assert_true (ok);

  return g_bytes_new_take (buffer, len);
}

static char *
to_uri (const char *media_type,
        GBytes     *bytes)
{
  gsize len;
  const guint8 *data = g_bytes_get_data (bytes, &len);

  if (media_type == NULL)
    return g_base64_encode (data, len);

  return dossier_data_uri_encode (media_type, data, len);
}

static GBytes *
truncate_bytes (GBytes *bytes,
                gsize   len)
{
  g_assert_cmpuint (len, <, g_bytes_get_size (bytes));
  return g_bytes_new_from_bytes (bytes, 0, len);
}

static guint32
crc32 (const guint8 *data,
       gsize         len)
{
  guint32 crc = 0xffffffff;

  for (gsize i = 0; i < len; i++)
    {
      crc ^= data[i];
      for (int k = 0; k < 8; k++)
        crc = (crc >> 1) ^ (0xedb88320 & -(crc & 1));
    }

  return crc ^ 0xffffffff;
}

static void
append_be32 (GByteArray *array,
             guint32     value)
{
  guint8 b[4] = { value >> 24, value >> 16, value >> 8, value };

  g_byte_array_append (array, b, 4);
}

/* Only a PNG signature and an IHDR chunk: a header that gives a size, no pixels. */
static GBytes *
make_png_header (guint32 width,
                 guint32 height)
{
  static const guint8 signature[8] = { 0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a };
  static const guint8 rest[5] = { 8, 2, 0, 0, 0 };
  GByteArray *array = g_byte_array_new ();
  gsize chunk_start;

  g_byte_array_append (array, signature, sizeof signature);
  append_be32 (array, 13);
  chunk_start = array->len;
  g_byte_array_append (array, (const guint8 *) "IHDR", 4);
  append_be32 (array, width);
  append_be32 (array, height);
  g_byte_array_append (array, rest, sizeof rest);
  append_be32 (array, crc32 (array->data + chunk_start, array->len - chunk_start));

  return g_byte_array_free_to_bytes (array);
}

static void
append_le16 (GByteArray *array,
             guint       value)
{
  guint8 b[2] = { value & 0xff, value >> 8 };

  g_byte_array_append (array, b, 2);
}

static void
append_le32 (GByteArray *array,
             guint32     value)
{
  guint8 b[4] = { value, value >> 8, value >> 16, value >> 24 };

  g_byte_array_append (array, b, 4);
}

/* @jpeg with an APP1 EXIF segment right after SOI whose IFD1 holds a JPEG
 * thumbnail: the thumbnail's own SOS and EOI lie inside that segment. */
static GBytes *
add_exif_thumbnail (GBytes *jpeg)
{
  g_autoptr(GBytes) thumbnail = make_image ("jpeg", 32, 24);
  gsize jpeg_len, thumb_len;
  const guint8 *jpeg_data = g_bytes_get_data (jpeg, &jpeg_len);
  const guint8 *thumb_data = g_bytes_get_data (thumbnail, &thumb_len);
  g_autoptr(GByteArray) tiff = g_byte_array_new ();
  GByteArray *out = g_byte_array_new ();
  guint8 marker[4];

  /* TIFF: header, IFD0 with no entry whose next IFD is IFD1, IFD1 with the thumbnail tags. */
  g_byte_array_append (tiff, (const guint8 *) "II*\0", 4);
  append_le32 (tiff, 8);
  append_le16 (tiff, 0);
  append_le32 (tiff, 14);
  append_le16 (tiff, 2);
  append_le16 (tiff, 0x0201);   /* JPEGInterchangeFormat */
  append_le16 (tiff, 4);
  append_le32 (tiff, 1);
  append_le32 (tiff, 14 + 2 + 2 * 12 + 4);
  append_le16 (tiff, 0x0202);   /* JPEGInterchangeFormatLength */
  append_le16 (tiff, 4);
  append_le32 (tiff, 1);
  append_le32 (tiff, thumb_len);
  append_le32 (tiff, 0);
  g_byte_array_append (tiff, thumb_data, thumb_len);

  g_assert_true (find_bytes (thumb_data, thumb_len, "\xff\xda", 2) != NULL);
  g_assert_true (find_bytes (thumb_data, thumb_len, "\xff\xd9", 2) != NULL);
  g_assert_cmpuint (tiff->len + 8, <, 65536);

  g_byte_array_append (out, jpeg_data, 2);   /* SOI */
  marker[0] = 0xff;
  marker[1] = 0xe1;
  marker[2] = (tiff->len + 8) >> 8;
  marker[3] = (tiff->len + 8) & 0xff;
  g_byte_array_append (out, marker, 4);
  g_byte_array_append (out, (const guint8 *) "Exif\0\0", 6);
  g_byte_array_append (out, tiff->data, tiff->len);
  g_byte_array_append (out, jpeg_data + 2, jpeg_len - 2);

  return g_byte_array_free_to_bytes (out);
}

/* ---- rules ---- */

static DossierSandboxMetadataRule passport_metadata[] = {
  { "number", "Document Number", { DOSSIER_DATA_TYPE_STRING }, TRUE, FALSE, 0 },
};

static const DossierSandboxDocumentRule passport = {
  "passport", "Passport", "A valid passport", TRUE, TRUE, FALSE, passport_metadata, 1,
};

static const char * const kinds[] = { "utility_bill", "bank_statement", NULL };

static DossierSandboxMetadataRule full_metadata[] = {
  { "number", "Number", { DOSSIER_DATA_TYPE_STRING }, TRUE, FALSE, 0 },
  { "issuing_country", "Country", { DOSSIER_DATA_TYPE_COUNTRY }, TRUE, FALSE, 0 },
  { "expiration_date", "Expires", { DOSSIER_DATA_TYPE_DATE }, TRUE, TRUE, 0 },
  { "issue_date", "Issued", { DOSSIER_DATA_TYPE_DATE }, FALSE, FALSE, 90 },
  { "kind", "Kind", { DOSSIER_DATA_TYPE_ENUM, kinds }, FALSE, FALSE, 0 },
  { "amount", "Amount", { DOSSIER_DATA_TYPE_NUMBER, NULL, TRUE, 0, FALSE, 0 }, FALSE, FALSE, 0 },
  { "contact", "Contact", { DOSSIER_DATA_TYPE_EMAIL }, FALSE, FALSE, 0 },
  { "checked", "Checked", { DOSSIER_DATA_TYPE_DATE }, FALSE, TRUE, 30 },
};

static const DossierSandboxDocumentRule national_id = {
  "national_id", "National ID", "Both sides", TRUE, TRUE, TRUE, full_metadata, G_N_ELEMENTS (full_metadata),
};

static const DossierSandboxDocumentRule no_images = {
  "statement", "Statement", "Metadata only", TRUE, FALSE, FALSE, NULL, 0,
};

/* 2026-04-15, the day of the documented example. */
static void
get_today (GDate *today)
{
  g_date_clear (today, 1);
  g_date_set_dmy (today, 15, G_DATE_APRIL, 2026);
}

/* Runs the check on a document given as JSON; returns the reasons joined by " | ". */
static char *
run_check (const DossierSandboxDocumentRule *rule,
           const char                       *json,
           DossierSandboxImageInfo          *front,
           DossierSandboxImageInfo          *back)
{
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) reasons = g_ptr_array_new_with_free_func (g_free);
  DossierSandboxImageInfo local_front, local_back;
  GDate today;

  node = json_from_string (json, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (node));
  get_today (&today);

  dossier_sandbox_document_check (rule, json_node_get_object (node), &today, reasons,
                                  front != NULL ? front : &local_front,
                                  back != NULL ? back : &local_back);
  if (front == NULL)
    dossier_sandbox_image_info_clear (&local_front);
  if (back == NULL)
    dossier_sandbox_image_info_clear (&local_back);

  g_ptr_array_add (reasons, NULL);
  return g_strjoinv (" | ", (char **) reasons->pdata);
}

/* A document with the given image values (NULL = member absent) and metadata JSON. */
static char *
document_json (const char *front,
               const char *back,
               const char *metadata)
{
  GString *s = g_string_new ("{\"document_type\":\"passport\"");

  if (front != NULL)
    g_string_append_printf (s, ",\"image_front\":\"%s\"", front);
  if (back != NULL)
    g_string_append_printf (s, ",\"image_back\":\"%s\"", back);
  if (metadata != NULL)
    g_string_append_printf (s, ",\"metadata\":%s", metadata);
  g_string_append_c (s, '}');

  return g_string_free (s, FALSE);
}

static char *
check_front (const DossierSandboxDocumentRule *rule,
             const char                       *front)
{
  g_autofree char *json = document_json (front, NULL, "{\"number\":\"AB1234567\"}");

  return run_check (rule, json, NULL, NULL);
}

/* ---- tests ---- */

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
  null_front = run_check (&passport, "{\"image_front\":null,\"metadata\":{\"number\":\"1\"}}", NULL, NULL);
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

  g_assert_cmpstr (a, ==, "Front image is too large (10001x700 px); the longer side must be at most 10000 px");
  g_assert_cmpstr (b, ==, "Front image is too large (600x40000 px); the longer side must be at most 10000 px");
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

  g_assert_cmpstr (a, ==, "Front image is too small (500x700 px); the shorter side must be at least 600 px");
  g_assert_cmpstr (b, ==, "Front image is too small (2000x599 px); the shorter side must be at least 600 px");
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
  g_assert_cmpstr (a, ==, "Back image is too small (100x100 px); the shorter side must be at least 600 px");

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

typedef struct
{
  const char *metadata;
  const char *reasons;
} MetadataCase;

static void
test_metadata (void)
{
  static const MetadataCase cases[] = {
    /* the three required fields valid, the optional ones absent */
    { "{\"number\":\"A\",\"issuing_country\":\"ARG\",\"expiration_date\":\"2026-04-15\"}", "" },
    { "null", "Metadata number is required | Metadata issuing_country is required"
              " | Metadata expiration_date is required" },
    { "{\"number\":null,\"issuing_country\":\" \\t\",\"expiration_date\":\"\",\"undeclared\":5}",
      "Metadata number is required | Metadata issuing_country is required"
      " | Metadata expiration_date is required" },
    { "{\"number\":true,\"issuing_country\":\"arg\",\"expiration_date\":\"2026-02-30\"}",
      "Metadata number must be a non-empty text of at most 255 characters"
      " | Metadata issuing_country must be an ISO 3166-1 alpha-3 country code"
      " | Metadata expiration_date must be a date in the form YYYY-MM-DD" },
    { "{\"number\":[\"A\"],\"issuing_country\":3,\"expiration_date\":20260415}",
      "Metadata number must be a non-empty text of at most 255 characters"
      " | Metadata issuing_country must be an ISO 3166-1 alpha-3 country code"
      " | Metadata expiration_date must be a date in the form YYYY-MM-DD" },
    { "{\"number\":\"A\",\"issuing_country\":\"ARG\",\"expiration_date\":\"2026-04-14\","
      "\"issue_date\":\"2026-01-14\",\"kind\":\"lease\",\"amount\":\"5\",\"contact\":\"a@b\"}",
      "Document expired on 2026-04-14 | Document is older than 90 days"
      " | Metadata kind must be one of: utility_bill, bank_statement"
      " | Metadata amount must be a number | Metadata contact must be an email address" },
    { "{\"number\":\"A\",\"issuing_country\":\"ARG\",\"expiration_date\":\"2099-12-31\","
      "\"issue_date\":\"2026-01-15\",\"kind\":\"bank_statement\",\"amount\":0,\"contact\":\"a@b.c\"}",
      "" },
    { "{\"number\":\"A\",\"issuing_country\":\"ARG\",\"expiration_date\":\"2026-04-15\","
      "\"issue_date\":\"2026-04-16\",\"amount\":-0.5}",
      "Document date 2026-04-16 is in the future | Metadata amount must be a number" },
    /* expiry and max_age_days on one field: one item at most, the first rule that fails */
    { "{\"number\":\"A\",\"issuing_country\":\"ARG\",\"expiration_date\":\"2026-04-15\","
      "\"checked\":\"2025-01-01\"}",
      "Document expired on 2025-01-01" },
    { "{\"number\":\"A\",\"issuing_country\":\"ARG\",\"expiration_date\":\"2026-04-15\","
      "\"checked\":\"2026-05-01\"}",
      "Document date 2026-05-01 is in the future" },
    { "{\"number\":\"A\",\"issuing_country\":\"ARG\",\"expiration_date\":\"2026-04-15\","
      "\"checked\":\"2026-04-15\",\"issue_date\":\"  \",\"kind\":null}",
      "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(JsonNode) node = NULL;
      g_autoptr(GPtrArray) reasons = g_ptr_array_new_with_free_func (g_free);
      g_autoptr(GError) error = NULL;
      g_autofree char *joined = NULL;
      GDate today;

      g_test_message ("case %u: %s", i, cases[i].metadata);
      node = json_from_string (cases[i].metadata, &error);
      g_assert_no_error (error);
      get_today (&today);
      dossier_sandbox_document_check_metadata (&national_id,
                                               JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL,
                                               &today, reasons);
      g_ptr_array_add (reasons, NULL);
      joined = g_strjoinv (" | ", (char **) reasons->pdata);
      g_assert_cmpstr (joined, ==, cases[i].reasons);
    }
}

static void
test_metadata_string_length (void)
{
  g_autofree char *ok_text = g_strnfill (255, 'x');
  g_autofree char *long_text = g_strnfill (256, 'x');
  g_autofree char *ok_json = g_strdup_printf ("{\"number\":\"%s\"}", ok_text);
  g_autofree char *long_json = g_strdup_printf ("{\"number\":\"%s\"}", long_text);
  /* 255 code points of two bytes each */
  GString *accents = g_string_new ("{\"number\":\"");
  g_autofree char *accent_json = NULL;
  const char *jsons[3];
  const char *expected[] = { "", "Metadata number must be a non-empty text of at most 255 characters", "" };

  for (guint i = 0; i < 255; i++)
    g_string_append (accents, "é");
  g_string_append (accents, "\"}");
  accent_json = g_string_free (accents, FALSE);
  jsons[0] = ok_json;
  jsons[1] = long_json;
  jsons[2] = accent_json;

  for (guint i = 0; i < G_N_ELEMENTS (jsons); i++)
    {
      g_autoptr(JsonNode) node = json_from_string (jsons[i], NULL);
      g_autoptr(GPtrArray) reasons = g_ptr_array_new_with_free_func (g_free);
      GDate today;

      get_today (&today);
      dossier_sandbox_document_check_metadata (&passport, json_node_get_object (node), &today, reasons);
      g_assert_cmpuint (reasons->len, ==, expected[i][0] == '\0' ? 0 : 1);
      if (reasons->len == 1)
        g_assert_cmpstr (g_ptr_array_index (reasons, 0), ==, expected[i]);
    }
}

static void
test_dates_recheck (void)
{
  static const struct { const char *metadata; const char *reason; } cases[] = {
    { "{\"expiration_date\":\"2026-04-15\",\"issue_date\":\"2026-01-15\"}", NULL },
    { "{\"expiration_date\":\"2026-04-14\",\"issue_date\":\"2026-01-01\"}", "Document expired on 2026-04-14" },
    { "{\"expiration_date\":\"2027-01-01\",\"issue_date\":\"2026-01-14\"}", "Document is older than 90 days" },
    { "{\"expiration_date\":\"2027-01-01\",\"issue_date\":\"2026-04-16\"}", "Document date 2026-04-16 is in the future" },
    /* absent or invalid values are not date-checked */
    { "{\"expiration_date\":\"not a date\"}", NULL },
    { "{}", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(JsonNode) node = json_from_string (cases[i].metadata, NULL);
      g_autofree char *reason = NULL;
      GDate today;

      get_today (&today);
      reason = dossier_sandbox_document_check_dates (&national_id, json_node_get_object (node), &today);
      g_assert_cmpstr (reason, ==, cases[i].reason);
    }

  {
    GDate today;
    g_autofree char *none = NULL;

    get_today (&today);
    none = dossier_sandbox_document_check_dates (&national_id, NULL, &today);
    g_assert_null (none);
  }
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

  g_test_add_func ("/dossier/sandbox/document-check/accepted", test_accepted);
  g_test_add_func ("/dossier/sandbox/document-check/png-raw-base64", test_png_and_raw_base64);
  g_test_add_func ("/dossier/sandbox/document-check/missing", test_missing);
  g_test_add_func ("/dossier/sandbox/document-check/not-base64", test_not_base64);
  g_test_add_func ("/dossier/sandbox/document-check/unsupported-type", test_unsupported_type);
  g_test_add_func ("/dossier/sandbox/document-check/larger-than-10-mib", test_larger_than_10_mib);
  g_test_add_func ("/dossier/sandbox/document-check/not-an-image", test_not_an_image);
  g_test_add_func ("/dossier/sandbox/document-check/too-large", test_too_large);
  g_test_add_func ("/dossier/sandbox/document-check/too-small", test_too_small);
  g_test_add_func ("/dossier/sandbox/document-check/truncated", test_truncated);
  g_test_add_func ("/dossier/sandbox/document-check/corrupt-pixels", test_corrupt_pixels);
  g_test_add_func ("/dossier/sandbox/document-check/declared-type-tolerated", test_declared_type_tolerated);
  g_test_add_func ("/dossier/sandbox/document-check/exif-thumbnail", test_exif_thumbnail);
  g_test_add_func ("/dossier/sandbox/document-check/optional-images", test_optional_images);
  g_test_add_func ("/dossier/sandbox/document-check/order", test_order);
  g_test_add_func ("/dossier/sandbox/document-check/metadata", test_metadata);
  g_test_add_func ("/dossier/sandbox/document-check/metadata-string-length", test_metadata_string_length);
  g_test_add_func ("/dossier/sandbox/document-check/dates-recheck", test_dates_recheck);
  g_test_add_func ("/dossier/sandbox/document-check/long-side-limit", test_long_side_limit);

  return g_test_run ();
}
