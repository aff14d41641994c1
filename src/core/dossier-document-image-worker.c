/* dossier-document-image-worker.c — the image pipeline, run in a GTask worker thread
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Read → recognise by bytes → refuse from the header what cannot be sent → decode at the
 * DCT scale that fits 2400 px → measure blur and glare → EXIF orientation and the user's
 * quarter turns in one pass → encode for upload (CONTRACT.md §15.7) → data URI, SHA-256,
 * preview and thumbnail. Works only on its own copies; the caller's cancellable is
 * checked between stages and while the decoder is fed.
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "dossier-contract.h"
#include "dossier-document-check.h"
#include "dossier-document-image-private.h"

/* The decoder is fed in slices so that a cancellation is seen during a long decode. */
#define FEED_SLICE (512 * 1024)


void
_dossier_prepared_image_free (DossierPreparedImage *prepared)
{
  if (prepared == NULL)
    return;

  g_clear_pointer (&prepared->source, g_bytes_unref);
  g_clear_object (&prepared->preview);
  g_clear_pointer (&prepared->upload, g_bytes_unref);
  g_clear_pointer (&prepared->data_uri, g_free);
  g_clear_pointer (&prepared->sha256, g_free);
  g_clear_pointer (&prepared->thumbnail, g_bytes_unref);
  g_clear_pointer (&prepared->checks, g_ptr_array_unref);
  g_free (prepared);
}

/* Picks the decoded size: the longer side at most 2400 px, the shorter never below 600 px.
 * For JPEG the size one of libjpeg's DCT scales (1/2, 1/4, 1/8) reaches exactly is
 * preferred, even if smaller than 2400 px: any other size makes the loader decode at the
 * next larger DCT scale and resample, about twice as slow. */
void
_dossier_document_image_pick_size (gboolean  is_jpeg,
                                   guint     width,
                                   guint     height,
                                   guint    *out_width,
                                   guint    *out_height)
{
  guint long_side = MAX (width, height);
  guint short_side = MIN (width, height);
  double scale;

  *out_width = width;
  *out_height = height;
  if (long_side <= DOSSIER_DOCUMENT_IMAGE_MAX_LONG_SIDE
      || short_side <= DOSSIER_CONTRACT_MIN_SHORT_SIDE)
    return;

  if (is_jpeg)
    for (guint denom = 2; denom <= 8; denom *= 2)
      {
        guint w = (width + denom - 1) / denom;
        guint h = (height + denom - 1) / denom;

        if (MAX (w, h) <= DOSSIER_DOCUMENT_IMAGE_MAX_LONG_SIDE
            && MIN (w, h) >= DOSSIER_CONTRACT_MIN_SHORT_SIDE)
          {
            *out_width = w;
            *out_height = h;
            return;
          }
      }

  scale = MAX ((double) DOSSIER_DOCUMENT_IMAGE_MAX_LONG_SIDE / long_side,
               (double) DOSSIER_CONTRACT_MIN_SHORT_SIDE / short_side);
  *out_width = MAX ((guint) (width * scale + 0.5), 1);
  *out_height = MAX ((guint) (height * scale + 0.5), 1);
}

typedef struct {
  gboolean       is_jpeg;
  guint          stored_width;
  guint          stored_height;
  gboolean       too_large;
  guint          preview_size;
  guint          quarter_turns;
  GdkPixbuf     *half;
  GdkPixbuf     *upright;
  guint          upright_flip;
  guint          upright_turns;
} DecodeState;

static void
size_prepared_cb (GdkPixbufLoader *loader,
                  int              width,
                  int              height,
                  DecodeState     *state)
{
  guint w, h;

  state->stored_width = width;
  state->stored_height = height;
  if (width <= 0 || height <= 0
      || (guint) MAX (width, height) > DOSSIER_CONTRACT_MAX_LONG_SIDE)
    {
      /* Formats without a readable header (HEIC) are caught here, before pixels. */
      state->too_large = TRUE;
      gdk_pixbuf_loader_set_size (loader, 1, 1);
      return;
    }

  _dossier_document_image_pick_size (state->is_jpeg, width, height, &w, &h);
  if (w != (guint) width || h != (guint) height)
    gdk_pixbuf_loader_set_size (loader, w, h);
}

static void
set_undecodable (GError **error)
{
  g_set_error_literal (error, DOSSIER_DOCUMENT_ERROR, DOSSIER_DOCUMENT_ERROR_UNREADABLE,
                       _("The picture could not be decoded; the file may be damaged. "
                         "Choose another photo or scan of the document."));
}

static GdkPixbuf *
decode (GBytes                 *bytes,
        DossierDocumentFormat   format,
        DecodeState            *state,
        GCancellable           *cancellable,
        GError                **error)
{
  /* Freed after the loader, which may still hold it in its signal handlers. */
  g_autoptr(DossierHalver) halver = NULL;
  g_autoptr(GdkPixbufLoader) loader = NULL;
  g_autoptr(GError) local_error = NULL;
  const guint8 *data;
  gsize len;
  gsize offset = 0;
  GdkPixbuf *pixbuf;

  loader = gdk_pixbuf_loader_new_with_type (dossier_document_format_get_loader (format),
                                            &local_error);
  if (loader == NULL)
    {
      set_undecodable (error);
      return NULL;
    }
  g_signal_connect (loader, "size-prepared", G_CALLBACK (size_prepared_cb), state);
  /* The preview's first halving is made by a helper thread while the decoder goes on. */
  halver = _dossier_halver_new (loader, state->preview_size);
  /* So does the upright picture the encoder reads, when the encoder will use it. */
  if (state->is_jpeg)
    _dossier_halver_orient (halver, state->quarter_turns);

  data = g_bytes_get_data (bytes, &len);
  while (offset < len)
    {
      gsize n = MIN (FEED_SLICE, len - offset);

      if (g_cancellable_set_error_if_cancelled (cancellable, error)
          || !gdk_pixbuf_loader_write (loader, data + offset, n, &local_error)
          || state->too_large)
        {
          gdk_pixbuf_loader_close (loader, NULL);
          if (state->too_large)
            {
              g_autoptr(DossierDocumentCheck) check =
                dossier_document_check_size (state->stored_width, state->stored_height);

              g_set_error_literal (error, DOSSIER_DOCUMENT_ERROR, DOSSIER_DOCUMENT_ERROR_TOO_LARGE,
                                   check != NULL ? check->message : "");
            }
          else if (local_error != NULL)
            set_undecodable (error);
          return NULL;
        }
      offset += n;
    }

  if (!gdk_pixbuf_loader_close (loader, &local_error) || state->too_large)
    {
      set_undecodable (error);
      return NULL;
    }

  pixbuf = gdk_pixbuf_loader_get_pixbuf (loader);
  if (pixbuf == NULL)
    {
      set_undecodable (error);
      return NULL;
    }
  g_signal_handlers_disconnect_by_data (loader, halver);
  state->half = _dossier_halver_finish (halver, pixbuf);
  state->upright = _dossier_halver_steal_upright (halver, &state->upright_flip,
                                                  &state->upright_turns);
  return g_object_ref (pixbuf);
}

static gboolean
has_transparency (GdkPixbuf *pixbuf)
{
  int w = gdk_pixbuf_get_width (pixbuf);
  int h = gdk_pixbuf_get_height (pixbuf);
  int rs = gdk_pixbuf_get_rowstride (pixbuf);
  const guint8 *pix = gdk_pixbuf_read_pixels (pixbuf);

  if (!gdk_pixbuf_get_has_alpha (pixbuf))
    return FALSE;
  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++)
      if (pix[(gsize) y * rs + x * 4 + 3] != 255)
        return TRUE;
  return FALSE;
}

static GBytes *
save (GdkPixbuf   *pixbuf,
      const char  *type,
      const char  *key,
      const char  *value,
      GError     **error)
{
  char *buffer = NULL;
  gsize size = 0;

  if (!gdk_pixbuf_save_to_buffer (pixbuf, &buffer, &size, type, error, key, value, NULL))
    return NULL;
  return g_bytes_new_take (buffer, size);
}

/* Encodes a picture with real transparency for upload as PNG, compressing harder while the
 * result is larger than 10 MiB. Returns the last attempt even when still too large. */
static GBytes *
encode_png (GdkPixbuf  *pixbuf,
            GError    **error)
{
  static const char *levels[] = { "6", "9" };
  GBytes *bytes = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (levels); i++)
    {
      g_clear_pointer (&bytes, g_bytes_unref);
      bytes = save (pixbuf, "png", "compression", levels[i], error);
      if (bytes == NULL || g_bytes_get_size (bytes) <= DOSSIER_CONTRACT_MAX_IMAGE_BYTES)
        break;
    }
  return bytes;
}

static GBytes *
make_thumbnail (GdkPixbuf  *preview,
                GError    **error)
{
  g_autoptr(GdkPixbuf) small = _dossier_image_reduce_to (preview, DOSSIER_DOCUMENT_IMAGE_THUMBNAIL_SIZE);

  if (small == NULL)
    return NULL;
  /* JPEG has no alpha: flatten transparent images onto white first. */
  if (gdk_pixbuf_get_has_alpha (small))
    {
      g_autoptr(GdkPixbuf) flat =
        gdk_pixbuf_composite_color_simple (small, gdk_pixbuf_get_width (small),
                                           gdk_pixbuf_get_height (small), GDK_INTERP_NEAREST,
                                           255, 8, 0xffffffff, 0xffffffff);

      return save (flat, "jpeg", "quality", "80", error);
    }
  return save (small, "jpeg", "quality", "80", error);
}

static void
set_unreadable (GError **error,
                GError  *local_error)
{
  if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_propagate_error (error, local_error);
  else
    {
      /* Translators: the placeholder is the system's explanation of the failure. */
      g_set_error (error, DOSSIER_DOCUMENT_ERROR, DOSSIER_DOCUMENT_ERROR_UNREADABLE,
                   _("The file could not be read: %s"), local_error->message);
      g_error_free (local_error);
    }
}

/* Reads the file into one buffer of its size (one read for a local file), refusing it
 * when it is, or grows while read, beyond 100 MiB. */
static GBytes *
load_file (GFile         *file,
           GCancellable  *cancellable,
           GError       **error)
{
  g_autoptr(GFileInputStream) stream = NULL;
  g_autoptr(GFileInfo) info = NULL;
  GError *local_error = NULL;
  g_autofree guint8 *buffer = NULL;
  gsize capacity, len = 0;

  stream = g_file_read (file, cancellable, &local_error);
  if (stream == NULL)
    {
      set_unreadable (error, local_error);
      return NULL;
    }
  info = g_file_input_stream_query_info (stream, G_FILE_ATTRIBUTE_STANDARD_SIZE, cancellable, NULL);
  capacity = info != NULL ? (gsize) MAX (g_file_info_get_size (info), 0) : 0;
  /* One byte more than the size, to see the end of the file in the same read. */
  capacity = MIN (capacity, DOSSIER_DOCUMENT_IMAGE_MAX_FILE_BYTES + 1) + 1;
  for (;;)
    {
      gsize n = 0;

      if (capacity > DOSSIER_DOCUMENT_IMAGE_MAX_FILE_BYTES + 1)
        {
          g_set_error_literal (error, DOSSIER_DOCUMENT_ERROR, DOSSIER_DOCUMENT_ERROR_TOO_LARGE,
                               _("The file is larger than 100 MiB, too large for a photo or scan "
                                 "of a document. Choose a smaller file."));
          return NULL;
        }
      buffer = g_realloc (buffer, capacity);
      if (!g_input_stream_read_all (G_INPUT_STREAM (stream), buffer + len, capacity - len, &n,
                                    cancellable, &local_error))
        {
          set_unreadable (error, local_error);
          return NULL;
        }
      len += n;
      if (len < capacity)
        break;
      /* Still more: the file grew, or its size was unknown. */
      capacity = len == DOSSIER_DOCUMENT_IMAGE_MAX_FILE_BYTES + 1 ? capacity + 1
                 : MIN (capacity * 2, DOSSIER_DOCUMENT_IMAGE_MAX_FILE_BYTES + 1);
    }
  return g_bytes_new_take (g_realloc (g_steal_pointer (&buffer), MAX (len, 1)), len);
}

/* The upload branch: orientation and encoding of the full-size picture. It runs on a
 * helper thread while the worker makes the preview, the measures and the thumbnail, the
 * way `djpeg | cjpeg` overlaps its two halves. */
typedef struct {
  GdkPixbuf    *decoded;
  guint         flip;
  guint         turns;
  GCancellable *cancellable;
  GBytes       *upload;
  const char   *media_type;
  char         *sha256;
  char         *data_uri;
  gboolean      too_heavy;
  GError       *error;
} UploadJob;

static gpointer
upload_job_run (gpointer user_data)
{
  UploadJob *job = user_data;
  gint64 t0 = g_get_monotonic_time ();

  if (has_transparency (job->decoded))
    {
      g_autoptr(GdkPixbuf) final = _dossier_image_transform (job->decoded, job->flip, job->turns);

      if (final == NULL)
        {
          set_undecodable (&job->error);
          return NULL;
        }
      if (g_cancellable_set_error_if_cancelled (job->cancellable, &job->error))
        return NULL;
      job->upload = encode_png (final, &job->error);
      if (job->upload != NULL && g_bytes_get_size (job->upload) <= DOSSIER_CONTRACT_MAX_IMAGE_BYTES)
        {
          gsize size;
          const guint8 *data = g_bytes_get_data (job->upload, &size);

          job->media_type = "image/png";
          job->sha256 = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, job->upload);
          job->data_uri = dossier_data_uri_encode (job->media_type, data, size);
        }
    }
  else
    {
      /* Oriented while encoded, hashed and base64-encoded while written. */
      job->upload = _dossier_document_image_encode_jpeg (job->decoded, job->flip, job->turns,
                                                         DOSSIER_CONTRACT_MAX_IMAGE_BYTES,
                                                         job->cancellable, &job->sha256,
                                                         &job->data_uri, &job->error);
      job->media_type = "image/jpeg";
    }
  if (job->upload == NULL)
    {
      job->media_type = NULL;
      return NULL;
    }
  if (g_bytes_get_size (job->upload) > DOSSIER_CONTRACT_MAX_IMAGE_BYTES)
    {
      job->too_heavy = TRUE;
      g_clear_pointer (&job->upload, g_bytes_unref);
      g_clear_pointer (&job->sha256, g_free);
      g_clear_pointer (&job->data_uri, g_free);
      job->media_type = NULL;
      return NULL;
    }
  g_debug ("document image upload: orientation, encoding, SHA-256 and data URI %.1f ms",
           (g_get_monotonic_time () - t0) / 1000.0);
  return NULL;
}

/* Runs the whole pipeline. Either @file or @bytes is given; the result keeps the bytes read
 * so that a later run (another rotation) does not read the file again. */
DossierPreparedImage *
_dossier_document_image_run (GFile         *file,
                             GBytes        *bytes,
                             guint          quarter_turns,
                             guint          preview_size,
                             GCancellable  *cancellable,
                             GError       **error)
{
  g_autoptr(DossierPreparedImage) prepared = g_new0 (DossierPreparedImage, 1);
  g_autoptr(GdkPixbuf) decoded = NULL;
  g_autoptr(GdkPixbuf) small = NULL;
  g_autoptr(GdkPixbuf) upright = NULL;
  guint flip, turns;
  UploadJob job = { 0 };
  GThread *thread = NULL;
  DossierDocumentCheck *size_check;
  DecodeState state = { 0 };
  gint64 t0 = g_get_monotonic_time ();
  gint64 t_decode, t_preview;
  DossierDocumentFormat format;
  const char *option;
  const guint8 *data;
  gsize len;

  prepared->checks = g_ptr_array_new_with_free_func ((GDestroyNotify) dossier_document_check_free);
  prepared->source = bytes != NULL ? g_bytes_ref (bytes) : load_file (file, cancellable, error);
  if (prepared->source == NULL)
    return NULL;

  data = g_bytes_get_data (prepared->source, &len);
  format = dossier_document_check_sniff (data, len, &prepared->source_width,
                                         &prepared->source_height, error);
  if (format == DOSSIER_DOCUMENT_FORMAT_UNKNOWN
      || g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  state.is_jpeg = format == DOSSIER_DOCUMENT_FORMAT_JPEG;
  state.preview_size = preview_size > 0 ? preview_size : DOSSIER_DOCUMENT_IMAGE_PREVIEW_SIZE;
  state.quarter_turns = quarter_turns;
  decoded = decode (prepared->source, format, &state, cancellable, error);
  if (decoded == NULL)
    return NULL;
  prepared->source_width = state.stored_width;
  prepared->source_height = state.stored_height;
  t_decode = g_get_monotonic_time ();

  /* Orientation is applied after downscaling, on the smaller image. */
  option = gdk_pixbuf_get_option (decoded, "orientation");
  prepared->orientation = option != NULL ? (guint) g_ascii_strtoull (option, NULL, 10) : 1;
  if (prepared->orientation < 1 || prepared->orientation > 8)
    prepared->orientation = 1;
  _dossier_image_orientation_to_transform (prepared->orientation, &flip, &turns);
  turns = (turns + quarter_turns) % 4;
  job.flip = flip;
  job.turns = turns;
  upright = g_steal_pointer (&state.upright);
  prepared->width = gdk_pixbuf_get_width (decoded);
  prepared->height = gdk_pixbuf_get_height (decoded);
  if (turns % 2 == 1)
    {
      prepared->width = gdk_pixbuf_get_height (decoded);
      prepared->height = gdk_pixbuf_get_width (decoded);
    }

  /* A picture the sandbox would refuse as too small is shown but not encoded. */
  size_check = dossier_document_check_size (prepared->width, prepared->height);
  if (size_check != NULL)
    g_ptr_array_add (prepared->checks, size_check);
  else
    {
      job.decoded = decoded;
      /* Turned upright while decoding: only the encoding is left. */
      if (upright != NULL && state.upright_flip == flip && state.upright_turns == turns)
        {
          job.decoded = upright;
          job.flip = 0;
          job.turns = 0;
        }
      job.cancellable = cancellable;
      thread = g_thread_try_new ("dossier-image-encode", upload_job_run, &job, NULL);
      if (thread == NULL)
        upload_job_run (&job);
    }

  /* Meanwhile: the preview is reduced before it is turned (cheaper), and blur and glare,
   * which do not depend on orientation, are measured on it at the size they were tuned at
   * (at most 1024 px). */
  g_debug ("document image preview: first halving %s; upload %s",
           state.half != NULL ? "made while decoding" : "after decoding",
           upright != NULL && job.decoded == upright ? "turned while decoding"
                                                     : "turned, if at all, while encoded");
  small = _dossier_image_reduce_to (state.half != NULL ? state.half : decoded, state.preview_size);
  g_clear_object (&state.half);
  if (small != NULL)
    {
      g_autoptr(GdkPixbuf) measured = _dossier_image_reduce_to (small,
                                                                DOSSIER_IMAGE_QUALITY_ANALYSIS_SIZE);

      dossier_image_quality_measure (measured, &prepared->quality);
      prepared->preview = _dossier_image_transform (small, flip, turns);
    }
  if (prepared->preview != NULL)
    prepared->thumbnail = make_thumbnail (prepared->preview, NULL);
  t_preview = g_get_monotonic_time ();

  if (thread != NULL)
    g_thread_join (thread);
  prepared->upload = job.upload;
  prepared->media_type = job.media_type;
  prepared->sha256 = job.sha256;
  prepared->data_uri = job.data_uri;
  if (job.error != NULL)
    {
      g_propagate_error (error, job.error);
      return NULL;
    }
  if (prepared->thumbnail == NULL)
    {
      set_undecodable (error);
      return NULL;
    }
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  if (job.too_heavy)
    g_ptr_array_add (prepared->checks, dossier_document_check_encoded_size (G_MAXSIZE));
  if (dossier_image_quality_is_blurred (&prepared->quality))
    g_ptr_array_add (prepared->checks, dossier_document_check_blurred ());
  if (dossier_image_quality_has_glare (&prepared->quality))
    g_ptr_array_add (prepared->checks, dossier_document_check_glare ());

  g_debug ("document image %u×%u → %u×%u: read+decode %.1f ms, preview+measure+thumbnail "
           "%.1f ms, then waited %.1f ms for orientation+encoding",
           prepared->source_width, prepared->source_height, prepared->width, prepared->height,
           (t_decode - t0) / 1000.0, (t_preview - t_decode) / 1000.0,
           (g_get_monotonic_time () - t_preview) / 1000.0);
  return g_steal_pointer (&prepared);
}
