/* dossier-image-check.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Byte-level checks of document images (CONTRACT.md §10.1, §10.2). No pixel decoding: these
 * functions only walk headers, chunks and marker segments, and never read past `len`.
 */

#define G_LOG_DOMAIN "dossier-contract"

#include <string.h>

#include "dossier-image-check.h"

static const guint8 png_signature[8] = { 0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a };

/* JPEG markers. */
#define M_SOI 0xd8
#define M_EOI 0xd9
#define M_SOS 0xda
#define M_TEM 0x01

static inline guint32
read_be32 (const guint8 *p)
{
  return ((guint32) p[0] << 24) | ((guint32) p[1] << 16) | ((guint32) p[2] << 8) | p[3];
}

static inline guint
read_be16 (const guint8 *p)
{
  return ((guint) p[0] << 8) | p[1];
}

/**
 * dossier_image_detect_format:
 * @data: (array length=len) (nullable): the bytes
 * @len: their number
 *
 * Returns: %DOSSIER_IMAGE_FORMAT_JPEG when the bytes start `FF D8 FF`,
 *   %DOSSIER_IMAGE_FORMAT_PNG when they start with the PNG signature, else UNKNOWN
 */
DossierImageFormat
dossier_image_detect_format (const guint8 *data,
                             gsize         len)
{
  if (data == NULL)
    return DOSSIER_IMAGE_FORMAT_UNKNOWN;

  if (len >= 3 && data[0] == 0xff && data[1] == M_SOI && data[2] == 0xff)
    return DOSSIER_IMAGE_FORMAT_JPEG;

  if (len >= sizeof png_signature && memcmp (data, png_signature, sizeof png_signature) == 0)
    return DOSSIER_IMAGE_FORMAT_PNG;

  return DOSSIER_IMAGE_FORMAT_UNKNOWN;
}

/**
 * dossier_image_format_media_type:
 * @format: a format
 *
 * Returns: (nullable): `image/jpeg`, `image/png`, or %NULL for UNKNOWN
 */
const char *
dossier_image_format_media_type (DossierImageFormat format)
{
  switch (format)
    {
    case DOSSIER_IMAGE_FORMAT_JPEG:
      return "image/jpeg";
    case DOSSIER_IMAGE_FORMAT_PNG:
      return "image/png";
    case DOSSIER_IMAGE_FORMAT_UNKNOWN:
    default:
      return NULL;
    }
}

/* --- JPEG ------------------------------------------------------------------------------- */

static gboolean
jpeg_is_sof (guint8 marker)
{
  /* C4 is DHT, C8 is JPG (reserved), CC is DAC. */
  return marker >= 0xc0 && marker <= 0xcf
         && marker != 0xc4 && marker != 0xc8 && marker != 0xcc;
}

static gboolean
jpeg_is_standalone (guint8 marker)
{
  return marker == M_TEM || (marker >= 0xd0 && marker <= 0xd7);
}

/* Walks the marker segments from SOI by their lengths, stopping at the first marker
 * for which @stop returns TRUE. On success, *@marker is that marker, *@segment the
 * offset of its length field and *@segment_len the value of that field (≥ 2, and the
 * whole segment lies within @len). FALSE when the walk leaves the data, meets a byte
 * that is not a marker, an EOI or a second SOI, or a bad length. */
static gboolean
jpeg_walk_to (const guint8  *data,
              gsize          len,
              gboolean     (*stop) (guint8 marker),
              guint8        *marker,
              gsize         *segment,
              gsize         *segment_len)
{
  gsize pos;

  if (data == NULL || len < 2 || data[0] != 0xff || data[1] != M_SOI)
    return FALSE;

  pos = 2;
  for (;;)
    {
      guint8 m;
      gsize seg_len;

      if (pos >= len || data[pos] != 0xff)
        return FALSE;

      /* Any number of 0xFF fill bytes may precede a marker. */
      while (pos < len && data[pos] == 0xff)
        pos++;
      if (pos >= len)
        return FALSE;

      m = data[pos++];
      if (m == 0x00 || m == M_SOI || m == M_EOI)
        return FALSE;
      if (jpeg_is_standalone (m))
        continue;

      if (len - pos < 2)
        return FALSE;
      seg_len = read_be16 (data + pos);
      if (seg_len < 2 || seg_len > len - pos)
        return FALSE;

      if (stop (m))
        {
          *marker = m;
          *segment = pos;
          *segment_len = seg_len;
          return TRUE;
        }

      pos += seg_len;
    }
}

static gboolean
jpeg_stop_at_sof_or_sos (guint8 marker)
{
  return jpeg_is_sof (marker) || marker == M_SOS;
}

static gboolean
jpeg_stop_at_sos (guint8 marker)
{
  return marker == M_SOS;
}

static gboolean
jpeg_read_size (const guint8 *data,
                gsize         len,
                guint        *width,
                guint        *height)
{
  guint8 marker;
  gsize seg, seg_len;
  guint w, h;

  if (!jpeg_walk_to (data, len, jpeg_stop_at_sof_or_sos, &marker, &seg, &seg_len))
    return FALSE;

  /* A scan before any frame header, or a frame header too short to hold
   * length (2), precision (1), height (2), width (2) and component count (1). */
  if (marker == M_SOS || seg_len < 8)
    return FALSE;

  h = read_be16 (data + seg + 3);
  w = read_be16 (data + seg + 5);

  /* A height of 0 is defined later by a DNL marker: not readable from the header. */
  if (w == 0 || h == 0)
    return FALSE;

  *width = w;
  *height = h;
  return TRUE;
}

static gboolean
jpeg_is_complete (const guint8 *data,
                  gsize         len)
{
  guint8 marker;
  gsize seg, seg_len;
  gsize pos;

  if (!jpeg_walk_to (data, len, jpeg_stop_at_sos, &marker, &seg, &seg_len))
    return FALSE;

  /* Entropy-coded data follows the scan header; inside it an 0xFF byte is
   * stuffed (FF 00) or starts a marker, so FF D9 there is the real EOI. */
  for (pos = seg + seg_len; pos + 1 < len; pos++)
    {
      if (data[pos] == 0xff && data[pos + 1] == M_EOI)
        return TRUE;
    }

  return FALSE;
}

/* --- PNG -------------------------------------------------------------------------------- */

#define PNG_MAX_LENGTH G_GUINT64_CONSTANT (0x7fffffff)

static gboolean
png_read_size (const guint8 *data,
               gsize         len,
               guint        *width,
               guint        *height)
{
  guint32 w, h;

  /* Signature (8), IHDR length (4) = 13, type (4), then width (4) and height (4),
   * and the rest of the 13 data bytes. */
  if (len < 8 + 8 + 13
      || read_be32 (data + 8) != 13
      || memcmp (data + 12, "IHDR", 4) != 0)
    return FALSE;

  w = read_be32 (data + 16);
  h = read_be32 (data + 20);

  if (w == 0 || h == 0 || w > PNG_MAX_LENGTH || h > PNG_MAX_LENGTH)
    return FALSE;

  *width = w;
  *height = h;
  return TRUE;
}

static gboolean
png_is_complete (const guint8 *data,
                 gsize         len)
{
  gsize pos = sizeof png_signature;

  /* Each chunk: length (4), type (4), data (length), CRC (4). */
  while (len - pos >= 12)
    {
      guint64 chunk_len = read_be32 (data + pos);

      if (chunk_len > PNG_MAX_LENGTH || chunk_len > (guint64) (len - pos - 12))
        return FALSE;

      if (memcmp (data + pos + 4, "IEND", 4) == 0)
        return TRUE;

      pos += 12 + (gsize) chunk_len;
    }

  return FALSE;
}

/* --- Public ----------------------------------------------------------------------------- */

/**
 * dossier_image_read_size:
 * @data: (array length=len) (nullable): the bytes of a JPEG or PNG file
 * @len: their number
 * @width: (out) (optional): the width in pixels, as stored in the file
 * @height: (out) (optional): the height in pixels, as stored in the file
 *
 * PNG: from the IHDR chunk, which must be the first one. JPEG: from the first SOFn
 * (C0–C3, C5–C7, C9–CB, CD–CF), reached by walking the marker segments from SOI by
 * their lengths. EXIF orientation is not applied. @width and @height are left untouched
 * on failure.
 *
 * Returns: %FALSE when the bytes are neither format or the header cannot be read
 */
gboolean
dossier_image_read_size (const guint8 *data,
                         gsize         len,
                         guint        *width,
                         guint        *height)
{
  guint w = 0, h = 0;
  gboolean ok;

  switch (dossier_image_detect_format (data, len))
    {
    case DOSSIER_IMAGE_FORMAT_JPEG:
      ok = jpeg_read_size (data, len, &w, &h);
      break;
    case DOSSIER_IMAGE_FORMAT_PNG:
      ok = png_read_size (data, len, &w, &h);
      break;
    case DOSSIER_IMAGE_FORMAT_UNKNOWN:
    default:
      ok = FALSE;
      break;
    }

  if (!ok)
    return FALSE;

  if (width != NULL)
    *width = w;
  if (height != NULL)
    *height = h;
  return TRUE;
}

/**
 * dossier_image_is_complete:
 * @data: (array length=len) (nullable): the bytes of a JPEG or PNG file
 * @len: their number
 *
 * The byte part of §10.2 check 7. PNG: the chunk sequence, walked from the signature by the
 * chunk lengths, reaches a whole `IEND` chunk. JPEG: walking the marker segments from SOI by
 * their lengths reaches an SOS (bytes inside segments, such as an EXIF thumbnail in APP1, are
 * not markers), and an `FF D9` follows somewhere after that SOS's header.
 *
 * Returns: %TRUE when the file is complete in that sense; %FALSE also for other bytes
 */
gboolean
dossier_image_is_complete (const guint8 *data,
                           gsize         len)
{
  switch (dossier_image_detect_format (data, len))
    {
    case DOSSIER_IMAGE_FORMAT_JPEG:
      return jpeg_is_complete (data, len);
    case DOSSIER_IMAGE_FORMAT_PNG:
      return png_is_complete (data, len);
    case DOSSIER_IMAGE_FORMAT_UNKNOWN:
    default:
      return FALSE;
    }
}
