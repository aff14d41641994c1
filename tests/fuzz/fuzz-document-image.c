/* fuzz-document-image.c — fuzz target: the document-image pipeline of core
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Bytes (any file a person might pick, EXIF included) → dossier_document_check_sniff(),
 * then DossierDocumentImage: dossier_document_image_new_for_bytes() and
 * prepare_async(), run to completion by iterating a private main context
 * (decode at the needed scale, EXIF orientation, quality checks, JPEG
 * re-encode, data URI). A prepared image must be consistent; a refused one
 * must say why.
 */
#include "fuzz-common.h"

#include "dossier-contract.h"
#include "dossier-document-image.h"

typedef struct
{
  gboolean  done;
  gboolean  prepared;
  GError   *error;
} Wait;

static void
prepared_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  Wait *wait = user_data;

  wait->prepared = dossier_document_image_prepare_finish (DOSSIER_DOCUMENT_IMAGE (source),
                                                          result, &wait->error);
  wait->done = TRUE;
}

static void
check_prepared (DossierDocumentImage *image)
{
  GPtrArray *checks = dossier_document_image_get_checks (image);
  guint width = 0, height = 0;

  g_assert_true (dossier_document_image_get_prepared (image));
  g_assert_nonnull (dossier_document_image_get_preview (image));
  g_assert_nonnull (dossier_document_image_get_thumbnail (image));
  g_assert_nonnull (checks);
  g_assert_nonnull (dossier_document_image_get_quality (image));
  dossier_document_image_get_source_size (image, &width, &height);
  g_assert_cmpuint (width, >, 0);
  g_assert_cmpuint (height, >, 0);
  g_assert_cmpuint (dossier_document_image_get_orientation (image), >=, 1);
  g_assert_cmpuint (dossier_document_image_get_orientation (image), <=, 8);

  if (dossier_document_image_can_upload (image))
    {
      GBytes *upload = dossier_document_image_get_upload_bytes (image);
      const char *uri = dossier_document_image_get_data_uri (image);
      DossierDataUri parsed = { 0 };

      g_assert_nonnull (upload);
      g_assert_nonnull (dossier_document_image_get_media_type (image));
      g_assert_nonnull (dossier_document_image_get_sha256 (image));
      g_assert_nonnull (uri);
      g_assert_true (dossier_data_uri_parse (uri, strlen (uri), &parsed));
      g_assert_cmpuint (parsed.decoded_size, ==, g_bytes_get_size (upload));
      dossier_data_uri_clear (&parsed);
      g_assert_true (dossier_image_is_complete (g_bytes_get_data (upload, NULL),
                                                g_bytes_get_size (upload)));
    }
  for (guint i = 0; i < checks->len; i++)
    {
      DossierDocumentCheck *check = checks->pdata[i];

      g_assert_nonnull (check->message);
      g_assert_nonnull (dossier_document_check_id_to_string (check->id));
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GMainContext) context = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(DossierDocumentImage) image = NULL;
  g_autoptr(GError) error = NULL;
  DossierDocumentFormat format;
  guint width = 0, height = 0;
  guint turns;
  Wait wait = { 0 };

  if (size < 1 || size > FUZZ_MAX_INPUT)
    return 0;
  fuzz_init_once ();

  /* The first byte picks the user's rotation, as the slot's buttons do. */
  turns = data[0] % 4;
  data++;
  size--;

  format = dossier_document_check_sniff (data, size, &width, &height, &error);
  g_assert_true ((format == DOSSIER_DOCUMENT_FORMAT_UNKNOWN) == (error != NULL));
  if (format != DOSSIER_DOCUMENT_FORMAT_UNKNOWN)
    g_assert_nonnull (dossier_document_format_get_loader (format));
  g_clear_error (&error);

  context = g_main_context_new ();
  g_main_context_push_thread_default (context);
  bytes = g_bytes_new (data, size);
  image = dossier_document_image_new_for_bytes (bytes);
  dossier_document_image_prepare_async (image, turns, 0, NULL, prepared_cb, &wait);
  while (!wait.done)
    g_main_context_iteration (context, TRUE);
  g_main_context_pop_thread_default (context);

  g_assert_true (wait.prepared == (wait.error == NULL));
  if (wait.prepared)
    check_prepared (image);
  else
    g_assert_true (wait.error->domain == DOSSIER_DOCUMENT_ERROR
                   || g_error_matches (wait.error, G_IO_ERROR, G_IO_ERROR_CANCELLED));
  g_clear_error (&wait.error);
  return 0;
}
