/* test-document-check.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The pre-upload checks of dossier-document-check.c: recognising files by their bytes and
 * refusing, with a sentence that says what to do, what CONTRACT.md §10.2 would reject
 * (PDF, text, other formats, empty, damaged, truncated, decompression bombs), the size
 * checks, the back-side check, and the mapping from errors to blocking checks.
 */
#include "config.h"

#include "dossier-document-check.h"
#include "document-image-fixtures.h"

static void
assert_sniff_refuses (GBytes     *bytes,
                      int         code,
                      const char *fragment)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DossierDocumentCheck) check = NULL;
  gsize len;
  const guint8 *data = g_bytes_get_data (bytes, &len);
  g_autofree guint8 *copy = g_memdup2 (data, MAX (len, 1));  /* exact size, for ASan */
  guint width = 1, height = 1;

  g_assert_cmpint (dossier_document_check_sniff (copy, len, &width, &height, &error),
                   ==, DOSSIER_DOCUMENT_FORMAT_UNKNOWN);
  g_assert_error (error, DOSSIER_DOCUMENT_ERROR, code);
  g_test_message ("refused: %s", error->message);
  g_assert_nonnull (strstr (error->message, fragment));
  g_assert_cmpuint (width, ==, 0);
  g_assert_cmpuint (height, ==, 0);

  check = dossier_document_check_new_for_error (error);
  g_assert_cmpint (check->severity, ==, DOSSIER_DOCUMENT_CHECK_BLOCKS);
  g_assert_cmpstr (check->message, ==, error->message);
  switch (code)
    {
    case DOSSIER_DOCUMENT_ERROR_UNREADABLE:
      g_assert_cmpint (check->id, ==, DOSSIER_DOCUMENT_CHECK_UNREADABLE);
      break;
    case DOSSIER_DOCUMENT_ERROR_TOO_LARGE:
      g_assert_cmpint (check->id, ==, DOSSIER_DOCUMENT_CHECK_TOO_LARGE);
      break;
    case DOSSIER_DOCUMENT_ERROR_UNSUPPORTED_TYPE:
      g_assert_cmpint (check->id, ==, DOSSIER_DOCUMENT_CHECK_UNSUPPORTED_TYPE);
      break;
    default:
      g_assert_not_reached ();
    }
}

static GBytes *
small_jpeg (void)
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, 64, 48);

  gdk_pixbuf_fill (pixbuf, 0x336699ff);
  return fixture_save (pixbuf, "jpeg", "90");
}

static void
test_sniff_images (void)
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, 700, 650);
  const char *types[] = { "jpeg", "png", "webp" };
  const DossierDocumentFormat formats[] = {
    DOSSIER_DOCUMENT_FORMAT_JPEG, DOSSIER_DOCUMENT_FORMAT_PNG, DOSSIER_DOCUMENT_FORMAT_WEBP,
  };

  gdk_pixbuf_fill (pixbuf, 0x808080ff);
  for (guint i = 0; i < G_N_ELEMENTS (types); i++)
    {
      g_autoptr(GBytes) bytes = fixture_save (pixbuf, types[i], NULL);
      g_autoptr(GError) error = NULL;
      guint width = 0, height = 0;

      if (bytes == NULL)
        {
          g_test_message ("no %s saver: skipped", types[i]);
          continue;
        }
      g_assert_cmpint (dossier_document_check_sniff (g_bytes_get_data (bytes, NULL),
                                                     g_bytes_get_size (bytes),
                                                     &width, &height, &error),
                       ==, formats[i]);
      g_assert_no_error (error);
      g_assert_cmpuint (width, ==, 700);
      g_assert_cmpuint (height, ==, 650);
    }

  g_assert_nonnull (dossier_document_format_get_loader (DOSSIER_DOCUMENT_FORMAT_JPEG));
  g_assert_nonnull (dossier_document_format_get_loader (DOSSIER_DOCUMENT_FORMAT_PNG));
  g_assert_null (dossier_document_format_get_loader (DOSSIER_DOCUMENT_FORMAT_UNKNOWN));
}

static void
test_sniff_refusals (void)
{
  static const char pdf[] = "%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n";
  static const char text[] = "Maria Barber\nFlorida 9860, Del Viso\n";
  static const guint8 gif[] = { 'G', 'I', 'F', '8', '9', 'a', 1, 0, 1, 0, 0, 0, 0 };
  static const guint8 junk[] = { 0x00, 0x13, 0x37, 0xfe, 0x00, 0x42 };
  g_autoptr(GBytes) pdf_bytes = g_bytes_new_static (pdf, sizeof pdf - 1);
  g_autoptr(GBytes) text_bytes = g_bytes_new_static (text, sizeof text - 1);
  g_autoptr(GBytes) gif_bytes = g_bytes_new_static (gif, sizeof gif);
  g_autoptr(GBytes) junk_bytes = g_bytes_new_static (junk, sizeof junk);
  g_autoptr(GBytes) empty = g_bytes_new_static ("", 0);
  g_autoptr(GBytes) jpeg = small_jpeg ();
  g_autoptr(GBytes) cut = g_bytes_new_from_bytes (jpeg, 0, g_bytes_get_size (jpeg) - 40);
  g_autoptr(GBytes) header_only = g_bytes_new_from_bytes (jpeg, 0, 4);

  assert_sniff_refuses (pdf_bytes, DOSSIER_DOCUMENT_ERROR_UNSUPPORTED_TYPE, "PDF");
  assert_sniff_refuses (text_bytes, DOSSIER_DOCUMENT_ERROR_UNSUPPORTED_TYPE, "text");
  assert_sniff_refuses (gif_bytes, DOSSIER_DOCUMENT_ERROR_UNSUPPORTED_TYPE, "JPEG or PNG");
  assert_sniff_refuses (junk_bytes, DOSSIER_DOCUMENT_ERROR_UNSUPPORTED_TYPE, "JPEG or PNG");
  assert_sniff_refuses (empty, DOSSIER_DOCUMENT_ERROR_UNREADABLE, "empty");
  assert_sniff_refuses (cut, DOSSIER_DOCUMENT_ERROR_UNREADABLE, "incomplete");
  assert_sniff_refuses (header_only, DOSSIER_DOCUMENT_ERROR_UNREADABLE, "damaged");
}

static void
test_sniff_bomb (void)
{
  g_autoptr(GBytes) jpeg = small_jpeg ();
  gsize len = g_bytes_get_size (jpeg);
  g_autofree guint8 *data = g_memdup2 (g_bytes_get_data (jpeg, NULL), len);
  g_autoptr(GBytes) bomb = NULL;
  static const guint8 png_bomb[] = {
    0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a,
    0, 0, 0, 13, 'I', 'H', 'D', 'R', 0, 0, 0xc3, 0x50, 0, 0, 0xc3, 0x50, 8, 2, 0, 0, 0,
    0, 0, 0, 0,
    0, 0, 0, 0, 'I', 'E', 'N', 'D', 0xae, 0x42, 0x60, 0x82,
  };
  g_autoptr(GBytes) png = g_bytes_new_static (png_bomb, sizeof png_bomb);

  /* The SOF0 frame patched to 60000 × 60000 px: refused from the header, before any pixel
   * is allocated. */
  for (gsize i = 2; i + 9 < len; i++)
    if (data[i] == 0xff && data[i + 1] == 0xc0)
      {
        data[i + 5] = 0xea;
        data[i + 6] = 0x60;
        data[i + 7] = 0xea;
        data[i + 8] = 0x60;
        break;
      }
  bomb = g_bytes_new (data, len);
  assert_sniff_refuses (bomb, DOSSIER_DOCUMENT_ERROR_TOO_LARGE, "60000 × 60000");
  assert_sniff_refuses (png, DOSSIER_DOCUMENT_ERROR_TOO_LARGE, "50000 × 50000");
}

static void
test_check_back_side (void)
{
  g_autoptr(DossierDocumentCheck) missing = dossier_document_check_back_side (TRUE, FALSE);
  g_autoptr(DossierDocumentCheck) copy = NULL;

  g_assert_nonnull (missing);
  g_assert_cmpint (missing->id, ==, DOSSIER_DOCUMENT_CHECK_BACK_SIDE_MISSING);
  g_assert_cmpint (missing->severity, ==, DOSSIER_DOCUMENT_CHECK_BLOCKS);
  g_assert_cmpstr (dossier_document_check_id_to_string (missing->id), ==, "back-side-missing");
  g_assert_null (dossier_document_check_back_side (TRUE, TRUE));
  g_assert_null (dossier_document_check_back_side (FALSE, FALSE));
  g_assert_null (dossier_document_check_back_side (FALSE, TRUE));

  copy = g_boxed_copy (DOSSIER_TYPE_DOCUMENT_CHECK, missing);
  g_assert_cmpstr (copy->message, ==, missing->message);
}

static void
test_check_sizes (void)
{
  g_autoptr(DossierDocumentCheck) small = dossier_document_check_size (800, 599);
  g_autoptr(DossierDocumentCheck) large = dossier_document_check_size (10001, 800);
  g_autoptr(DossierDocumentCheck) heavy = dossier_document_check_encoded_size (10485761);

  g_assert_cmpint (small->id, ==, DOSSIER_DOCUMENT_CHECK_TOO_SMALL);
  g_assert_nonnull (strstr (small->message, "800 × 599"));
  g_assert_cmpint (large->id, ==, DOSSIER_DOCUMENT_CHECK_TOO_LARGE);
  g_assert_cmpint (heavy->id, ==, DOSSIER_DOCUMENT_CHECK_TOO_LARGE);
  g_assert_null (dossier_document_check_size (600, 10000));
  g_assert_null (dossier_document_check_encoded_size (10485760));
}

static void
test_check_ids (void)
{
  g_autoptr(GError) other = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_FAILED, "Disk on fire");
  g_autoptr(DossierDocumentCheck) check = dossier_document_check_new_for_error (other);
  g_autoptr(DossierDocumentCheck) blurred = dossier_document_check_blurred ();
  g_autoptr(DossierDocumentCheck) glare = dossier_document_check_glare ();

  g_assert_cmpint (check->id, ==, DOSSIER_DOCUMENT_CHECK_UNREADABLE);
  g_assert_cmpstr (check->message, ==, "Disk on fire");
  g_assert_cmpint (blurred->severity, ==, DOSSIER_DOCUMENT_CHECK_ADVISES);
  g_assert_cmpint (glare->severity, ==, DOSSIER_DOCUMENT_CHECK_ADVISES);
  g_assert_cmpstr (dossier_document_check_id_to_string (DOSSIER_DOCUMENT_CHECK_TOO_SMALL), ==,
                   "too-small");
  g_assert_cmpstr (dossier_document_check_id_to_string (DOSSIER_DOCUMENT_CHECK_GLARE), ==, "glare");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/dossier/core/document-check/sniff-images", test_sniff_images);
  g_test_add_func ("/dossier/core/document-check/sniff-refusals", test_sniff_refusals);
  g_test_add_func ("/dossier/core/document-check/sniff-bomb", test_sniff_bomb);
  g_test_add_func ("/dossier/core/document-check/back-side", test_check_back_side);
  g_test_add_func ("/dossier/core/document-check/sizes", test_check_sizes);
  g_test_add_func ("/dossier/core/document-check/ids", test_check_ids);

  return g_test_run ();
}
