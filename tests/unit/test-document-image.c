/* test-document-image.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * DossierDocumentImage: EXIF orientation 1–8, the person's rotation, the pre-upload checks
 * of §10.2 on generated pictures, refusals with sentences, cancellation, and a main loop
 * that keeps running while a large picture is prepared. The upload encoding is tested in
 * test-document-image-encode.c.
 */
#include "config.h"

#include "dossier-contract.h"
#include "dossier-document-image.h"
#include "document-image-fixtures.h"
#include "document-image-prepare.h"


static void
assert_refused (GBytes     *bytes,
                int         code,
                const char *fragment)
{
  g_autoptr(DossierDocumentImage) image = dossier_document_image_new_for_bytes (bytes);
  g_autoptr(GError) error = NULL;
  g_autoptr(DossierDocumentCheck) check = NULL;

  g_assert_false (prepare (image, 0, NULL, &error));
  g_assert_error (error, DOSSIER_DOCUMENT_ERROR, code);
  g_test_message ("refused: %s", error->message);
  g_assert_nonnull (strstr (error->message, fragment));
  g_assert_false (dossier_document_image_get_prepared (image));
  g_assert_false (dossier_document_image_can_upload (image));

  check = dossier_document_check_new_for_error (error);
  g_assert_cmpint (check->severity, ==, DOSSIER_DOCUMENT_CHECK_BLOCKS);
  g_assert_cmpstr (check->message, ==, error->message);
}

static gboolean
has_check (DossierDocumentImage         *image,
           DossierDocumentCheckId        id,
           DossierDocumentCheckSeverity  severity)
{
  GPtrArray *checks = dossier_document_image_get_checks (image);

  for (guint i = 0; i < checks->len; i++)
    {
      DossierDocumentCheck *check = g_ptr_array_index (checks, i);

      if (check->id == id)
        {
          g_assert_cmpint (check->severity, ==, severity);
          g_assert_cmpuint (strlen (check->message), >, 20);
          return TRUE;
        }
    }
  return FALSE;
}

/* An upright picture with a red top-left quarter and a green top-right quarter. */
static GdkPixbuf *
make_marked (int width,
             int height)
{
  GdkPixbuf *pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, width, height);

  gdk_pixbuf_fill (pixbuf, 0x808080ff);
  fixture_fill_rect (pixbuf, 0, 0, width / 2, height / 2, 255, 0, 0);
  fixture_fill_rect (pixbuf, width / 2, 0, width - width / 2, height / 2, 0, 255, 0);
  return pixbuf;
}

/* 'r', 'g' or '.' for the colour around (x, y). */
static char
colour_at (GdkPixbuf *pixbuf,
           int        x,
           int        y)
{
  const guint8 *p = gdk_pixbuf_read_pixels (pixbuf) + (gsize) y * gdk_pixbuf_get_rowstride (pixbuf)
                    + x * gdk_pixbuf_get_n_channels (pixbuf);

  if (p[0] > 200 && p[1] < 60 && p[2] < 60)
    return 'r';
  if (p[1] > 200 && p[0] < 60 && p[2] < 60)
    return 'g';
  return '.';
}

/* Corners top-left, top-right, bottom-right, bottom-left, sampled an eighth inside. */
static void
corners (GdkPixbuf *pixbuf,
         char       out[5])
{
  int w = gdk_pixbuf_get_width (pixbuf);
  int h = gdk_pixbuf_get_height (pixbuf);

  out[0] = colour_at (pixbuf, w / 8, h / 8);
  out[1] = colour_at (pixbuf, w - 1 - w / 8, h / 8);
  out[2] = colour_at (pixbuf, w - 1 - w / 8, h - 1 - h / 8);
  out[3] = colour_at (pixbuf, w / 8, h - 1 - h / 8);
  out[4] = '\0';
}

/* The stored picture whose EXIF orientation @o displays @upright. */
static GdkPixbuf *
stored_for_orientation (GdkPixbuf *upright,
                        guint      o)
{
  g_autoptr(GdkPixbuf) flipped = NULL;

  switch (o)
    {
    case 2:
      return gdk_pixbuf_flip (upright, TRUE);
    case 3:
      return gdk_pixbuf_rotate_simple (upright, GDK_PIXBUF_ROTATE_UPSIDEDOWN);
    case 4:
      return gdk_pixbuf_flip (upright, FALSE);
    case 5:  /* transpose: its own inverse */
      flipped = gdk_pixbuf_flip (upright, TRUE);
      return gdk_pixbuf_rotate_simple (flipped, GDK_PIXBUF_ROTATE_COUNTERCLOCKWISE);
    case 6:  /* shown turned clockwise: stored turned counter-clockwise */
      return gdk_pixbuf_rotate_simple (upright, GDK_PIXBUF_ROTATE_COUNTERCLOCKWISE);
    case 7:  /* transverse: its own inverse */
      flipped = gdk_pixbuf_flip (upright, TRUE);
      return gdk_pixbuf_rotate_simple (flipped, GDK_PIXBUF_ROTATE_CLOCKWISE);
    case 8:
      return gdk_pixbuf_rotate_simple (upright, GDK_PIXBUF_ROTATE_CLOCKWISE);
    default:
      return g_object_ref (upright);
    }
}

static void
test_orientation (void)
{
  g_autoptr(GdkPixbuf) upright = make_marked (96, 64);

  for (guint o = 1; o <= 8; o++)
    {
      g_autoptr(GdkPixbuf) stored = stored_for_orientation (upright, o);
      g_autoptr(GdkPixbuf) reference = NULL;
      g_autoptr(GBytes) plain = fixture_save (stored, "jpeg", "95");
      g_autoptr(GBytes) jpeg = fixture_jpeg_with_orientation (plain, o);
      g_autoptr(DossierDocumentImage) image = NULL;
      char seen[5];

      /* The fixture agrees with GdkPixbuf's own reading of the tag. */
      gdk_pixbuf_set_option (stored, "orientation", (char[]) { '0' + o, 0 });
      reference = gdk_pixbuf_apply_embedded_orientation (stored);
      corners (reference, seen);
      g_assert_cmpstr (seen, ==, "rg..");

      image = prepare_bytes (jpeg, 0);
      g_assert_cmpuint (dossier_document_image_get_orientation (image), ==, o);
      g_assert_cmpuint (dossier_document_image_get_width (image), ==, 96);
      g_assert_cmpuint (dossier_document_image_get_height (image), ==, 64);
      corners (dossier_document_image_get_preview (image), seen);
      g_test_message ("orientation %u: corners %s", o, seen);
      g_assert_cmpstr (seen, ==, "rg..");
      assert_finalize (g_steal_pointer (&image));
    }
}

static void
test_rotation (void)
{
  static const char *expected[] = { "rg..", ".rg.", "..rg", "g..r" };
  g_autoptr(GdkPixbuf) upright = make_marked (96, 64);
  g_autoptr(GdkPixbuf) stored = stored_for_orientation (upright, 6);
  g_autoptr(GBytes) plain = fixture_save (upright, "jpeg", "95");
  g_autoptr(GBytes) plain6 = fixture_save (stored, "jpeg", "95");
  g_autoptr(GBytes) jpeg6 = fixture_jpeg_with_orientation (plain6, 6);
  g_autoptr(DossierDocumentImage) image = dossier_document_image_new_for_bytes (plain);
  char seen[5];

  for (guint turns = 0; turns < 4; turns++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_true (prepare (image, turns, NULL, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (dossier_document_image_get_quarter_turns (image), ==, turns);
      g_assert_cmpuint (dossier_document_image_get_width (image), ==, turns % 2 ? 64 : 96);
      corners (dossier_document_image_get_preview (image), seen);
      g_assert_cmpstr (seen, ==, expected[turns]);
    }

  /* The EXIF orientation comes first, then the person's turn. */
  assert_finalize (g_steal_pointer (&image));
  image = prepare_bytes (jpeg6, 1);
  corners (dossier_document_image_get_preview (image), seen);
  g_assert_cmpstr (seen, ==, ".rg.");
  assert_finalize (g_steal_pointer (&image));
}


static void
test_check_too_small (void)
{
  g_autoptr(GdkPixbuf) pixbuf = fixture_make_document (800, 500, 3, 4);
  g_autoptr(GBytes) jpeg = fixture_save (pixbuf, "jpeg", "90");
  g_autoptr(DossierDocumentImage) image = prepare_bytes (jpeg, 0);

  /* Shown, but not sent: the sandbox would answer "image is too small". */
  g_assert_true (has_check (image, DOSSIER_DOCUMENT_CHECK_TOO_SMALL, DOSSIER_DOCUMENT_CHECK_BLOCKS));
  g_assert_nonnull (dossier_document_image_get_preview (image));
  g_assert_null (dossier_document_image_get_upload_bytes (image));
  g_assert_null (dossier_document_image_get_data_uri (image));
  g_assert_false (dossier_document_image_can_upload (image));
  assert_finalize (g_steal_pointer (&image));
}

static void
test_check_quality (void)
{
  g_autoptr(GdkPixbuf) sharp = fixture_make_document (1000, 700, 11, 4);
  g_autoptr(GdkPixbuf) blurred = gdk_pixbuf_copy (sharp);
  g_autoptr(GdkPixbuf) glare = gdk_pixbuf_copy (sharp);
  g_autoptr(GBytes) sharp_jpeg = fixture_save (sharp, "jpeg", "90");
  g_autoptr(GBytes) blurred_jpeg = NULL;
  g_autoptr(GBytes) glare_jpeg = NULL;
  g_autoptr(DossierDocumentImage) image = NULL;

  fixture_blur (blurred, 4);
  fixture_add_glare (glare, 5);
  blurred_jpeg = fixture_save (blurred, "jpeg", "90");
  glare_jpeg = fixture_save (glare, "jpeg", "90");

  image = prepare_bytes (sharp_jpeg, 0);
  g_assert_cmpuint (dossier_document_image_get_checks (image)->len, ==, 0);
  g_assert_true (dossier_document_image_can_upload (image));
  assert_finalize (g_steal_pointer (&image));

  /* Advice only: the picture can still be sent. */
  image = prepare_bytes (blurred_jpeg, 0);
  g_assert_true (has_check (image, DOSSIER_DOCUMENT_CHECK_BLURRED, DOSSIER_DOCUMENT_CHECK_ADVISES));
  g_assert_true (dossier_document_image_can_upload (image));
  assert_finalize (g_steal_pointer (&image));

  image = prepare_bytes (glare_jpeg, 0);
  g_assert_true (has_check (image, DOSSIER_DOCUMENT_CHECK_GLARE, DOSSIER_DOCUMENT_CHECK_ADVISES));
  g_assert_false (has_check (image, DOSSIER_DOCUMENT_CHECK_BLURRED, DOSSIER_DOCUMENT_CHECK_ADVISES));
  g_assert_true (dossier_document_image_can_upload (image));
  assert_finalize (g_steal_pointer (&image));
}

static void
test_refuse (void)
{
  static const char pdf[] = "%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n";
  g_autoptr(GBytes) pdf_bytes = g_bytes_new_static (pdf, sizeof pdf - 1);
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, 640, 640);
  g_autoptr(GBytes) jpeg = NULL;
  g_autoptr(GBytes) cut = NULL;

  /* Every refusal of dossier_document_check_sniff() reaches the caller as a sentence
   * (test-document-check.c covers each one); two of them end to end here. */
  gdk_pixbuf_fill (pixbuf, 0x336699ff);
  jpeg = fixture_save (pixbuf, "jpeg", "90");
  cut = g_bytes_new_from_bytes (jpeg, 0, g_bytes_get_size (jpeg) - 40);
  assert_refused (pdf_bytes, DOSSIER_DOCUMENT_ERROR_UNSUPPORTED_TYPE, "PDF");
  assert_refused (cut, DOSSIER_DOCUMENT_ERROR_UNREADABLE, "incomplete");
}

static void
count_cb (guint *count)
{
  (*count)++;
}

static void
test_file_and_webp (void)
{
  g_autoptr(GdkPixbuf) pixbuf = fixture_make_document (900, 640, 21, 4);
  g_autoptr(GBytes) webp = fixture_save (pixbuf, "webp", NULL);
  g_autoptr(GBytes) jpeg = fixture_save (pixbuf, "jpeg", "90");
  g_autoptr(GFileIOStream) stream = NULL;
  g_autoptr(GFile) file = g_file_new_tmp ("dossier-XXXXXX.txt", &stream, NULL);
  g_autoptr(GFile) missing = g_file_new_for_path ("/nonexistent/dossier/picture.jpg");
  g_autoptr(DossierDocumentImage) image = NULL;
  g_autoptr(GError) error = NULL;
  guint notified = 0;
  GFile *file_prop = NULL;

  /* Recognised by its bytes, whatever the name says. */
  g_assert_nonnull (file);
  g_assert_true (g_file_replace_contents (file, g_bytes_get_data (jpeg, NULL),
                                          g_bytes_get_size (jpeg), NULL, FALSE,
                                          G_FILE_CREATE_NONE, NULL, NULL, &error));
  g_assert_no_error (error);
  image = dossier_document_image_new_for_file (file);
  g_object_get (image, "file", &file_prop, NULL);
  g_assert_true (file_prop == file);
  g_object_unref (file_prop);
  g_signal_connect_swapped (image, "notify::prepared", G_CALLBACK (count_cb), &notified);
  g_assert_true (prepare (image, 0, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (notified, ==, 1);
  g_assert_true (dossier_document_image_get_prepared (image));
  g_assert_cmpuint (dossier_document_image_get_width (image), ==, 900);
  g_file_delete (file, NULL, NULL);
  g_assert_true (prepare (image, 1, NULL, &error));  /* from the bytes already read */
  g_assert_no_error (error);
  g_assert_cmpuint (notified, ==, 1);
  g_assert_cmpuint (dossier_document_image_get_width (image), ==, 640);
  assert_finalize (g_steal_pointer (&image));

  image = dossier_document_image_new_for_file (missing);
  g_assert_false (prepare (image, 0, NULL, &error));
  g_assert_error (error, DOSSIER_DOCUMENT_ERROR, DOSSIER_DOCUMENT_ERROR_UNREADABLE);
  g_clear_error (&error);
  assert_finalize (g_steal_pointer (&image));

  if (webp == NULL || dossier_document_format_get_loader (DOSSIER_DOCUMENT_FORMAT_WEBP) == NULL)
    {
      g_test_skip ("no WebP loader with a saver");
      return;
    }
  image = prepare_bytes (webp, 0);
  g_assert_cmpstr (dossier_document_image_get_media_type (image), ==, "image/jpeg");
  assert_upload_consistent (image);
  assert_finalize (g_steal_pointer (&image));
}

static GBytes *
large_photo (void)
{
  g_autoptr(GdkPixbuf) pixbuf = fixture_make_document (4000, 3000, 99, 0);

  return fixture_save (pixbuf, "jpeg", "92");
}

static void
test_cancel (void)
{
  g_autoptr(GBytes) jpeg = large_photo ();
  g_autoptr(DossierDocumentImage) image = dossier_document_image_new_for_bytes (jpeg);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  Wait first = { 0 };
  Wait second = { 0 };

  g_cancellable_cancel (cancellable);
  g_assert_false (prepare (image, 0, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  g_assert_false (dossier_document_image_get_prepared (image));

  /* Cancelled while the worker runs. */
  g_cancellable_reset (cancellable);
  dossier_document_image_prepare_async (image, 0, 0, cancellable, prepared_cb, &first);
  g_cancellable_cancel (cancellable);
  while (!first.done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (first.ok);
  g_assert_error (first.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&first.error);

  /* A later prepare supersedes an earlier one. */
  first.done = FALSE;
  dossier_document_image_prepare_async (image, 0, 0, NULL, prepared_cb, &first);
  dossier_document_image_prepare_async (image, 1, 0, NULL, prepared_cb, &second);
  while (!first.done || !second.done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_error (first.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&first.error);
  g_assert_no_error (second.error);
  g_assert_true (second.ok);
  g_assert_cmpuint (dossier_document_image_get_quarter_turns (image), ==, 1);
  g_assert_cmpuint (dossier_document_image_get_width (image), ==, 1500);
  assert_finalize (g_steal_pointer (&image));
}

static gboolean
tick_cb (gpointer user_data)
{
  guint *ticks = user_data;

  (*ticks)++;
  return G_SOURCE_CONTINUE;
}

static void
test_main_loop_runs (void)
{
  g_autoptr(GBytes) jpeg = large_photo ();
  g_autoptr(DossierDocumentImage) image = dossier_document_image_new_for_bytes (jpeg);
  Wait wait = { 0 };
  guint ticks = 0;
  guint source;

  source = g_timeout_add (1, tick_cb, &ticks);
  dossier_document_image_prepare_async (image, 0, 0, NULL, prepared_cb, &wait);
  while (!wait.done)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (source);

  g_assert_no_error (wait.error);
  g_assert_true (wait.ok);
  g_test_message ("the main loop ran %u ticks during the prepare", ticks);
  g_assert_cmpuint (ticks, >=, 1);
  assert_finalize (g_steal_pointer (&image));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/dossier/core/document-image/orientation", test_orientation);
  g_test_add_func ("/dossier/core/document-image/rotation", test_rotation);
  g_test_add_func ("/dossier/core/document-image/check-too-small", test_check_too_small);
  g_test_add_func ("/dossier/core/document-image/check-quality", test_check_quality);
  g_test_add_func ("/dossier/core/document-image/refuse", test_refuse);
  g_test_add_func ("/dossier/core/document-image/file-and-webp", test_file_and_webp);
  g_test_add_func ("/dossier/core/document-image/cancel", test_cancel);
  g_test_add_func ("/dossier/core/document-image/main-loop-runs", test_main_loop_runs);

  return g_test_run ();
}
