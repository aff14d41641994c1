/* dossier-document-check.c — pre-upload and photo-quality findings about a document image
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The sentences here predict the sandbox's rejections (CONTRACT.md §10.2) before any byte is
 * sent, and say what to do about them. Files are recognised by their bytes, never by name.
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>
#include <gdk-pixbuf/gdk-pixbuf.h>

#include "dossier-contract.h"
#include "dossier-document-check.h"

G_DEFINE_QUARK (dossier-document-error-quark, dossier_document_error)

G_DEFINE_BOXED_TYPE (DossierDocumentCheck, dossier_document_check,
                     dossier_document_check_copy, dossier_document_check_free)

/**
 * dossier_document_check_new:
 * @id: what was found
 * @severity: whether it blocks the upload or only advises
 * @message: the sentence shown to people, already translated
 *
 * Returns: (transfer full): a new check
 */
DossierDocumentCheck *
dossier_document_check_new (DossierDocumentCheckId        id,
                            DossierDocumentCheckSeverity  severity,
                            const char                   *message)
{
  DossierDocumentCheck *check;

  g_return_val_if_fail (message != NULL, NULL);

  check = g_new0 (DossierDocumentCheck, 1);
  check->id = id;
  check->severity = severity;
  check->message = g_strdup (message);
  return check;
}

/**
 * dossier_document_check_new_for_error:
 * @error: an error of %DOSSIER_DOCUMENT_ERROR
 *
 * Turns a refusal of the pipeline into a blocking check carrying the same sentence.
 *
 * Returns: (transfer full): a new check
 */
DossierDocumentCheck *
dossier_document_check_new_for_error (const GError *error)
{
  DossierDocumentCheckId id = DOSSIER_DOCUMENT_CHECK_UNREADABLE;

  g_return_val_if_fail (error != NULL, NULL);

  if (error->domain == DOSSIER_DOCUMENT_ERROR)
    {
      switch ((DossierDocumentError) error->code)
        {
        case DOSSIER_DOCUMENT_ERROR_TOO_SMALL:
          id = DOSSIER_DOCUMENT_CHECK_TOO_SMALL;
          break;
        case DOSSIER_DOCUMENT_ERROR_TOO_LARGE:
          id = DOSSIER_DOCUMENT_CHECK_TOO_LARGE;
          break;
        case DOSSIER_DOCUMENT_ERROR_UNSUPPORTED_TYPE:
          id = DOSSIER_DOCUMENT_CHECK_UNSUPPORTED_TYPE;
          break;
        case DOSSIER_DOCUMENT_ERROR_UNREADABLE:
        default:
          break;
        }
    }

  return dossier_document_check_new (id, DOSSIER_DOCUMENT_CHECK_BLOCKS, error->message);
}

DossierDocumentCheck *
dossier_document_check_copy (const DossierDocumentCheck *check)
{
  g_return_val_if_fail (check != NULL, NULL);

  return dossier_document_check_new (check->id, check->severity, check->message);
}

void
dossier_document_check_free (DossierDocumentCheck *check)
{
  if (check == NULL)
    return;

  g_free (check->message);
  g_free (check);
}

/**
 * dossier_document_check_id_to_string:
 * @id: a check id
 *
 * Returns: a stable kebab-case name for @id, for logs and the journal (never shown to people)
 */
const char *
dossier_document_check_id_to_string (DossierDocumentCheckId id)
{
  switch (id)
    {
    case DOSSIER_DOCUMENT_CHECK_UNREADABLE:
      return "unreadable";
    case DOSSIER_DOCUMENT_CHECK_TOO_SMALL:
      return "too-small";
    case DOSSIER_DOCUMENT_CHECK_TOO_LARGE:
      return "too-large";
    case DOSSIER_DOCUMENT_CHECK_UNSUPPORTED_TYPE:
      return "unsupported-type";
    case DOSSIER_DOCUMENT_CHECK_BACK_SIDE_MISSING:
      return "back-side-missing";
    case DOSSIER_DOCUMENT_CHECK_BLURRED:
      return "blurred";
    case DOSSIER_DOCUMENT_CHECK_GLARE:
      return "glare";
    default:
      return "unknown";
    }
}

/**
 * dossier_document_check_back_side:
 * @back_required: whether the chosen alternative has `require_back_image` (§10.2 check 1)
 * @has_back: whether a back image has been chosen
 *
 * Returns: (transfer full) (nullable): a blocking check when the back is required and missing
 */
DossierDocumentCheck *
dossier_document_check_back_side (gboolean back_required,
                                  gboolean has_back)
{
  if (!back_required || has_back)
    return NULL;

  return dossier_document_check_new (DOSSIER_DOCUMENT_CHECK_BACK_SIDE_MISSING,
                                     DOSSIER_DOCUMENT_CHECK_BLOCKS,
                                     _("This document needs a picture of its back too. "
                                       "Add the back side before uploading."));
}

/**
 * dossier_document_check_size:
 * @width: width of the image as it will be sent (after orientation)
 * @height: height of the image as it will be sent
 *
 * Returns: (transfer full) (nullable): a blocking check when the shorter side is below
 *   600 px (§10.2 check 8) or the longer side above 10000 px (check 6)
 */
DossierDocumentCheck *
dossier_document_check_size (guint width,
                             guint height)
{
  g_autofree char *message = NULL;

  if (MAX (width, height) > DOSSIER_CONTRACT_MAX_LONG_SIDE)
    {
      /* Translators: the numbers are the width and height of the picture in pixels. */
      message = g_strdup_printf (_("The picture is too large (%u × %u px): its longer side must "
                                   "be at most 10000 px. Choose a smaller photo or scan."),
                                 width, height);
      return dossier_document_check_new (DOSSIER_DOCUMENT_CHECK_TOO_LARGE,
                                         DOSSIER_DOCUMENT_CHECK_BLOCKS, message);
    }

  if (MIN (width, height) < DOSSIER_CONTRACT_MIN_SHORT_SIDE)
    {
      /* Translators: the numbers are the width and height of the picture in pixels. */
      message = g_strdup_printf (_("The picture is too small (%u × %u px): its shorter side must "
                                   "be at least 600 px. Scan at a higher resolution or take the "
                                   "photo closer to the document."),
                                 width, height);
      return dossier_document_check_new (DOSSIER_DOCUMENT_CHECK_TOO_SMALL,
                                         DOSSIER_DOCUMENT_CHECK_BLOCKS, message);
    }

  return NULL;
}

/**
 * dossier_document_check_encoded_size:
 * @encoded_size: size in bytes of the encoding that would be sent
 *
 * Returns: (transfer full) (nullable): a blocking check when @encoded_size is above 10 MiB
 *   (§10.2 check 4)
 */
DossierDocumentCheck *
dossier_document_check_encoded_size (gsize encoded_size)
{
  if (encoded_size <= DOSSIER_CONTRACT_MAX_IMAGE_BYTES)
    return NULL;

  return dossier_document_check_new (DOSSIER_DOCUMENT_CHECK_TOO_LARGE,
                                     DOSSIER_DOCUMENT_CHECK_BLOCKS,
                                     _("Even compressed, the picture is larger than 10 MiB. "
                                       "Choose a smaller photo or scan."));
}

/**
 * dossier_document_check_blurred:
 *
 * Returns: (transfer full): the advice given when the photo looks blurred
 */
DossierDocumentCheck *
dossier_document_check_blurred (void)
{
  return dossier_document_check_new (DOSSIER_DOCUMENT_CHECK_BLURRED,
                                     DOSSIER_DOCUMENT_CHECK_ADVISES,
                                     _("The photo looks blurred, so the text may be hard to "
                                       "read. Hold the camera steady and take it again."));
}

/**
 * dossier_document_check_glare:
 *
 * Returns: (transfer full): the advice given when part of the photo is washed out
 */
DossierDocumentCheck *
dossier_document_check_glare (void)
{
  return dossier_document_check_new (DOSSIER_DOCUMENT_CHECK_GLARE,
                                     DOSSIER_DOCUMENT_CHECK_ADVISES,
                                     _("Part of the photo is washed out by glare. Move away from "
                                       "direct light or tilt the document, and take it again."));
}

static inline guint
read_le16 (const guint8 *p)
{
  return p[0] | (p[1] << 8);
}

static inline guint
read_le24 (const guint8 *p)
{
  return p[0] | (p[1] << 8) | ((guint) p[2] << 16);
}

/* Reads the canvas size of a WebP file from its first chunk (VP8, VP8L or VP8X). */
static gboolean
read_webp_size (const guint8 *data,
                gsize         len,
                guint        *width,
                guint        *height)
{
  if (len < 30)
    return FALSE;

  if (memcmp (data + 12, "VP8X", 4) == 0)
    {
      *width = read_le24 (data + 24) + 1;
      *height = read_le24 (data + 27) + 1;
      return TRUE;
    }
  if (memcmp (data + 12, "VP8L", 4) == 0 && data[20] == 0x2f)
    {
      guint32 bits = data[21] | (data[22] << 8) | ((guint32) data[23] << 16)
                     | ((guint32) data[24] << 24);

      *width = (bits & 0x3fff) + 1;
      *height = ((bits >> 14) & 0x3fff) + 1;
      return TRUE;
    }
  if (memcmp (data + 12, "VP8 ", 4) == 0
      && data[23] == 0x9d && data[24] == 0x01 && data[25] == 0x2a)
    {
      *width = read_le16 (data + 26) & 0x3fff;
      *height = read_le16 (data + 28) & 0x3fff;
      return TRUE;
    }
  return FALSE;
}

static gboolean
is_heif (const guint8 *data,
         gsize         len)
{
  static const char *brands[] = {
    "heic", "heix", "hevc", "hevx", "heim", "heis", "hevm", "hevs", "mif1", "msf1", "avif",
    "avis",
  };

  if (len < 12 || memcmp (data + 4, "ftyp", 4) != 0)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (brands); i++)
    if (memcmp (data + 8, brands[i], 4) == 0)
      return TRUE;
  return FALSE;
}

static gboolean
is_pdf (const guint8 *data,
        gsize         len)
{
  /* Readers accept "%PDF-" anywhere in the first kilobyte. */
  gsize end = MIN (len, 1024);

  for (gsize i = 0; i + 5 <= end; i++)
    if (memcmp (data + i, "%PDF-", 5) == 0)
      return TRUE;
  return FALSE;
}

static gboolean
is_other_image (const guint8 *data,
                gsize         len)
{
  return (len >= 6 && (memcmp (data, "GIF87a", 6) == 0 || memcmp (data, "GIF89a", 6) == 0))
         || (len >= 2 && memcmp (data, "BM", 2) == 0)
         || (len >= 4 && (memcmp (data, "II*\0", 4) == 0 || memcmp (data, "MM\0*", 4) == 0))
         || (len >= 4 && memcmp (data, "\0\0\1\0", 4) == 0)
         || g_strstr_len ((const char *) data, MIN (len, 1024), "<svg") != NULL;
}

static gboolean
is_text (const guint8 *data,
         gsize         len)
{
  gsize head = MIN (len, 4096);
  const char *end = NULL;

  if (memchr (data, 0, head) != NULL)
    return FALSE;
  /* A multi-byte character may be cut at the end of the sample. */
  return g_utf8_validate ((const char *) data, head, &end)
         || (gsize) (end - (const char *) data) + 4 > head;
}

/**
 * dossier_document_format_get_loader:
 * @format: a format
 *
 * Returns: (nullable): the name of the GdkPixbuf loader that decodes @format on this system,
 *   or %NULL (JPEG and PNG are built in; HEIC and WebP need Debian's heif-gdk-pixbuf and
 *   webp-pixbuf-loader)
 */
const char *
dossier_document_format_get_loader (DossierDocumentFormat format)
{
  const char *wanted;
  g_autoptr(GSList) formats = NULL;

  switch (format)
    {
    case DOSSIER_DOCUMENT_FORMAT_JPEG:
      wanted = "jpeg";
      break;
    case DOSSIER_DOCUMENT_FORMAT_PNG:
      wanted = "png";
      break;
    case DOSSIER_DOCUMENT_FORMAT_WEBP:
      wanted = "webp";
      break;
    case DOSSIER_DOCUMENT_FORMAT_HEIF:
      wanted = "heif";
      break;
    case DOSSIER_DOCUMENT_FORMAT_UNKNOWN:
    default:
      return NULL;
    }

  formats = gdk_pixbuf_get_formats ();
  for (GSList *l = formats; l != NULL; l = l->next)
    {
      g_autofree char *name = gdk_pixbuf_format_get_name (l->data);

      /* Debian's HEIF loader calls itself "heif/avif"; the glycin loaders of
       * the GNOME runtime (the Flatpak) call the same format "heic". */
      if (name != NULL &&
          (g_str_has_prefix (name, wanted) ||
           (format == DOSSIER_DOCUMENT_FORMAT_HEIF && g_str_has_prefix (name, "heic"))))
        return g_intern_string (name);
    }
  return NULL;
}

static DossierDocumentFormat
refuse (GError     **error,
        int          code,
        const char  *message)
{
  g_set_error_literal (error, DOSSIER_DOCUMENT_ERROR, code, message);
  return DOSSIER_DOCUMENT_FORMAT_UNKNOWN;
}

static DossierDocumentFormat
check_dimensions (DossierDocumentFormat   format,
                  guint                   width,
                  guint                   height,
                  GError                **error)
{
  g_autoptr(DossierDocumentCheck) check = NULL;

  if (MAX (width, height) <= DOSSIER_CONTRACT_MAX_LONG_SIDE)
    return format;

  check = dossier_document_check_size (width, height);
  return refuse (error, DOSSIER_DOCUMENT_ERROR_TOO_LARGE, check->message);
}

/**
 * dossier_document_check_sniff:
 * @data: (array length=len): the file's bytes
 * @len: their number
 * @width: (out): the stored width from the header, 0 when the header gives none (HEIC)
 * @height: (out): the stored height from the header, 0 when the header gives none
 * @error: return location for a %DOSSIER_DOCUMENT_ERROR
 *
 * Recognises the file from its bytes and runs the checks that need no pixels: type,
 * header, dimensions (a decompression bomb is refused here, before anything is allocated)
 * and, for JPEG and PNG, completeness (§10.2 checks 5–7).
 *
 * Returns: the format, or %DOSSIER_DOCUMENT_FORMAT_UNKNOWN with @error set to a sentence
 *   that says what to do
 */
DossierDocumentFormat
dossier_document_check_sniff (const guint8  *data,
                              gsize          len,
                              guint         *width,
                              guint         *height,
                              GError       **error)
{
  DossierDocumentFormat format = DOSSIER_DOCUMENT_FORMAT_UNKNOWN;
  guint w = 0;
  guint h = 0;

  g_return_val_if_fail (data != NULL || len == 0, DOSSIER_DOCUMENT_FORMAT_UNKNOWN);

  *width = *height = 0;

  if (len == 0)
    return refuse (error, DOSSIER_DOCUMENT_ERROR_UNREADABLE,
                   _("The file is empty. Choose a photo or scan of the document."));

  switch (dossier_image_detect_format (data, len))
    {
    case DOSSIER_IMAGE_FORMAT_JPEG:
      format = DOSSIER_DOCUMENT_FORMAT_JPEG;
      break;
    case DOSSIER_IMAGE_FORMAT_PNG:
      format = DOSSIER_DOCUMENT_FORMAT_PNG;
      break;
    case DOSSIER_IMAGE_FORMAT_UNKNOWN:
    default:
      break;
    }

  if (format != DOSSIER_DOCUMENT_FORMAT_UNKNOWN)
    {
      if (!dossier_image_read_size (data, len, &w, &h) || w == 0 || h == 0)
        return refuse (error, DOSSIER_DOCUMENT_ERROR_UNREADABLE,
                       _("The picture could not be read; the file may be damaged. "
                         "Choose another photo or scan of the document."));
      if (check_dimensions (format, w, h, error) == DOSSIER_DOCUMENT_FORMAT_UNKNOWN)
        return DOSSIER_DOCUMENT_FORMAT_UNKNOWN;
      if (!dossier_image_is_complete (data, len))
        return refuse (error, DOSSIER_DOCUMENT_ERROR_UNREADABLE,
                       _("The picture file is incomplete, perhaps because it was not fully "
                         "copied or downloaded. Choose the file again or take a new photo."));
      *width = w;
      *height = h;
      return format;
    }

  if (len >= 12 && memcmp (data, "RIFF", 4) == 0 && memcmp (data + 8, "WEBP", 4) == 0)
    format = DOSSIER_DOCUMENT_FORMAT_WEBP;
  else if (is_heif (data, len))
    format = DOSSIER_DOCUMENT_FORMAT_HEIF;

  if (format != DOSSIER_DOCUMENT_FORMAT_UNKNOWN)
    {
      if (dossier_document_format_get_loader (format) == NULL)
        return refuse (error, DOSSIER_DOCUMENT_ERROR_UNSUPPORTED_TYPE,
                       format == DOSSIER_DOCUMENT_FORMAT_HEIF
                       ? _("HEIC pictures cannot be opened on this computer. Export the photo "
                           "as JPEG and choose that file instead.")
                       : _("WebP pictures cannot be opened on this computer. Export the "
                           "picture as JPEG or PNG and choose that file instead."));
      if (format == DOSSIER_DOCUMENT_FORMAT_WEBP)
        {
          if (!read_webp_size (data, len, &w, &h) || w == 0 || h == 0)
            return refuse (error, DOSSIER_DOCUMENT_ERROR_UNREADABLE,
                           _("The picture could not be read; the file may be damaged. "
                             "Choose another photo or scan of the document."));
          if (check_dimensions (format, w, h, error) == DOSSIER_DOCUMENT_FORMAT_UNKNOWN)
            return DOSSIER_DOCUMENT_FORMAT_UNKNOWN;
        }
      *width = w;
      *height = h;
      return format;
    }

  if (is_pdf (data, len))
    return refuse (error, DOSSIER_DOCUMENT_ERROR_UNSUPPORTED_TYPE,
                   _("This file is a PDF. Scan or photograph the document and choose the "
                     "picture instead."));
  if (is_other_image (data, len))
    return refuse (error, DOSSIER_DOCUMENT_ERROR_UNSUPPORTED_TYPE,
                   _("This kind of picture is not accepted. Save or export it as JPEG or PNG "
                     "and choose that file instead."));
  if (is_text (data, len))
    return refuse (error, DOSSIER_DOCUMENT_ERROR_UNSUPPORTED_TYPE,
                   _("This file contains text, not a picture. Choose a photo or scan of the "
                     "document."));
  return refuse (error, DOSSIER_DOCUMENT_ERROR_UNSUPPORTED_TYPE,
                 _("This file is not a picture Dossier can read. Choose a photo or scan of "
                   "the document as JPEG or PNG."));
}
