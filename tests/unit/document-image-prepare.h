/* document-image-prepare.h — running prepares in the document-image tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Header-only helpers shared by test-document-image.c and test-document-image-encode.c:
 * a prepare run to completion on the main context, and the consistency of what it made.
 */
#pragma once

#include "dossier-contract.h"
#include "dossier-document-image.h"

typedef struct {
  gboolean  done;
  gboolean  ok;
  GError   *error;
} Wait;

static inline void
prepared_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  Wait *wait = user_data;

  wait->ok = dossier_document_image_prepare_finish (DOSSIER_DOCUMENT_IMAGE (source), result,
                                                    &wait->error);
  wait->done = TRUE;
}

/* The worker thread drops its reference to the task (and so to the image) just after the
 * callback may have run: wait for it, then check that nothing else keeps the image alive. */
static inline void
assert_finalize (DossierDocumentImage *image)
{
  while (g_atomic_int_get (&G_OBJECT (image)->ref_count) > 1)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
  g_assert_finalize_object (image);
}

static inline gboolean
prepare (DossierDocumentImage  *image,
         guint                  quarter_turns,
         GCancellable          *cancellable,
         GError               **error)
{
  Wait wait = { 0 };

  dossier_document_image_prepare_async (image, quarter_turns, 0, cancellable, prepared_cb, &wait);
  while (!wait.done)
    g_main_context_iteration (NULL, TRUE);
  if (wait.error != NULL)
    g_propagate_error (error, wait.error);
  return wait.ok;
}

static inline DossierDocumentImage *
prepare_bytes (GBytes *bytes,
               guint   quarter_turns)
{
  DossierDocumentImage *image = dossier_document_image_new_for_bytes (bytes);
  g_autoptr(GError) error = NULL;

  g_assert_true (prepare (image, quarter_turns, NULL, &error));
  g_assert_no_error (error);
  return image;
}

/* Walks the marker segments from SOI to SOS and reports whether one is APP1. */
static inline gboolean
jpeg_has_app1 (GBytes *bytes)
{
  gsize len;
  const guint8 *d = g_bytes_get_data (bytes, &len);
  gsize i = 2;

  g_assert_true (len > 4 && d[0] == 0xff && d[1] == 0xd8);
  while (i + 4 <= len && d[i] == 0xff && d[i + 1] != 0xda)
    {
      if (d[i + 1] == 0xe1)
        return TRUE;
      i += 2 + ((d[i + 2] << 8) | d[i + 3]);
    }
  return FALSE;
}

static inline void
assert_upload_consistent (DossierDocumentImage *image)
{
  GBytes *upload = dossier_document_image_get_upload_bytes (image);
  GBytes *thumbnail = dossier_document_image_get_thumbnail (image);
  const char *uri = dossier_document_image_get_data_uri (image);
  g_autofree char *sha = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, upload);
  g_autoptr(GBytes) decoded = NULL;
  DossierDataUri parsed = { 0 };
  guint w = 0, h = 0;

  g_assert_true (dossier_document_image_can_upload (image));
  g_assert_cmpuint (g_bytes_get_size (upload), <=, DOSSIER_CONTRACT_MAX_IMAGE_BYTES);
  g_assert_cmpstr (dossier_document_image_get_sha256 (image), ==, sha);
  g_assert_true (dossier_data_uri_parse (uri, strlen (uri), &parsed));
  g_assert_cmpstr (parsed.media_type, ==, dossier_document_image_get_media_type (image));
  decoded = dossier_data_uri_decode (&parsed);
  g_assert_true (g_bytes_equal (decoded, upload));
  dossier_data_uri_clear (&parsed);

  /* What the sandbox will read from the header is what we report. */
  g_assert_true (dossier_image_read_size (g_bytes_get_data (upload, NULL),
                                          g_bytes_get_size (upload), &w, &h));
  g_assert_cmpuint (w, ==, dossier_document_image_get_width (image));
  g_assert_cmpuint (h, ==, dossier_document_image_get_height (image));
  g_assert_true (dossier_image_is_complete (g_bytes_get_data (upload, NULL),
                                            g_bytes_get_size (upload)));

  g_assert_cmpint (dossier_image_detect_format (g_bytes_get_data (thumbnail, NULL),
                                                g_bytes_get_size (thumbnail)),
                   ==, DOSSIER_IMAGE_FORMAT_JPEG);
  g_assert_true (dossier_image_read_size (g_bytes_get_data (thumbnail, NULL),
                                          g_bytes_get_size (thumbnail), &w, &h));
  g_assert_cmpuint (MAX (w, h), <=, 320);
}
