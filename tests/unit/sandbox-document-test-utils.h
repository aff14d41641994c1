/* sandbox-document-test-utils.h — images, rules and checks for the sandbox document tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every image is made here with GdkPixbuf or byte by byte: no fixture files.
 */
#pragma once

#include <string.h>

#include <gdk-pixbuf/gdk-pixbuf.h>

#include "dossier-sandbox-document-check.h"

/* ---- images ---- */

static inline const guint8 *
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

static inline GBytes *
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

static inline char *
to_uri (const char *media_type,
        GBytes     *bytes)
{
  gsize len;
  const guint8 *data = g_bytes_get_data (bytes, &len);

  if (media_type == NULL)
    return g_base64_encode (data, len);

  return dossier_data_uri_encode (media_type, data, len);
}

static inline GBytes *
truncate_bytes (GBytes *bytes,
                gsize   len)
{
  g_assert_cmpuint (len, <, g_bytes_get_size (bytes));
  return g_bytes_new_from_bytes (bytes, 0, len);
}

static inline guint32
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

static inline void
append_be32 (GByteArray *array,
             guint32     value)
{
  guint8 b[4] = { value >> 24, value >> 16, value >> 8, value };

  g_byte_array_append (array, b, 4);
}

/* Only a PNG signature and an IHDR chunk: a header that gives a size, no pixels. */
static inline GBytes *
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

static inline void
append_le16 (GByteArray *array,
             guint       value)
{
  guint8 b[2] = { value & 0xff, value >> 8 };

  g_byte_array_append (array, b, 2);
}

static inline void
append_le32 (GByteArray *array,
             guint32     value)
{
  guint8 b[4] = { value, value >> 8, value >> 16, value >> 24 };

  g_byte_array_append (array, b, 4);
}

/* @jpeg with an APP1 EXIF segment right after SOI whose IFD1 holds a JPEG
 * thumbnail: the thumbnail's own SOS and EOI lie inside that segment. */
static inline GBytes *
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

G_GNUC_UNUSED static DossierSandboxMetadataRule passport_metadata[] = {
  { "number", "Document Number", { DOSSIER_DATA_TYPE_STRING }, TRUE, FALSE, 0 },
};

G_GNUC_UNUSED static const DossierSandboxDocumentRule passport = {
  "passport", "Passport", "A valid passport", TRUE, TRUE, FALSE, passport_metadata, 1,
};

G_GNUC_UNUSED static const char * const kinds[] = { "utility_bill", "bank_statement", NULL };

G_GNUC_UNUSED static DossierSandboxMetadataRule full_metadata[] = {
  { "number", "Number", { DOSSIER_DATA_TYPE_STRING }, TRUE, FALSE, 0 },
  { "issuing_country", "Country", { DOSSIER_DATA_TYPE_COUNTRY }, TRUE, FALSE, 0 },
  { "expiration_date", "Expires", { DOSSIER_DATA_TYPE_DATE }, TRUE, TRUE, 0 },
  { "issue_date", "Issued", { DOSSIER_DATA_TYPE_DATE }, FALSE, FALSE, 90 },
  { "kind", "Kind", { DOSSIER_DATA_TYPE_ENUM, kinds }, FALSE, FALSE, 0 },
  { "amount", "Amount", { DOSSIER_DATA_TYPE_NUMBER, NULL, TRUE, 0, FALSE, 0 }, FALSE, FALSE, 0 },
  { "contact", "Contact", { DOSSIER_DATA_TYPE_EMAIL }, FALSE, FALSE, 0 },
  { "checked", "Checked", { DOSSIER_DATA_TYPE_DATE }, FALSE, TRUE, 30 },
};

G_GNUC_UNUSED static const DossierSandboxDocumentRule national_id = {
  "national_id", "National ID", "Both sides", TRUE, TRUE, TRUE, full_metadata,
  G_N_ELEMENTS (full_metadata),
};

G_GNUC_UNUSED static const DossierSandboxDocumentRule no_images = {
  "statement", "Statement", "Metadata only", TRUE, FALSE, FALSE, NULL, 0,
};

/* 2026-04-15, the day of the documented example. */
static inline void
get_today (GDate *today)
{
  g_date_clear (today, 1);
  g_date_set_dmy (today, 15, G_DATE_APRIL, 2026);
}

/* Runs the check on a document given as JSON; returns the reasons joined by " | ". */
static inline char *
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
static inline char *
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

static inline char *
check_front (const DossierSandboxDocumentRule *rule,
             const char                       *front)
{
  g_autofree char *json = document_json (front, NULL, "{\"number\":\"AB1234567\"}");

  return run_check (rule, json, NULL, NULL);
}
