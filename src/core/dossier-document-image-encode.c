/* dossier-document-image-encode.c — the upload's JPEG encoding, oriented on the fly
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * libjpeg (the library GdkPixbuf's own JPEG saver drives, with the same settings: defaults,
 * the given quality, 4:2:0, no metadata) is fed bands of rows that the orientation pass
 * writes straight from the decoded picture, or, for a picture already upright (a JPEG the
 * preview helper turned while it was decoded), the picture's own rows.
 * A large picture is encoded as two halves on two threads, the way `djpeg | cjpeg` runs
 * its halves on two processes: each half restarts its entropy coding at every MCU row
 * (restart markers, which decoders handle by the standard), so the two streams join into
 * one baseline JPEG whose pixels are exactly those of a single-threaded encoding. The
 * joined bytes are then hashed and base64-encoded into the data URI in one pass.
 */
#include "config.h"

#include <setjmp.h>
#include <stdio.h>
#include <string.h>
#include <jpeglib.h>

#include "dossier-document-image-private.h"

/* Rows oriented and handed to libjpeg at once (four MCU rows of a 4:2:0 encoding): each band
 * of a turned picture reads every source row, so fewer, taller bands touch fewer pages. */
#define BAND_ROWS 64

/* Height of an MCU row of the default 4:2:0 encoding. */
#define MCU_ROWS 16

/* From this height the picture is encoded as two halves in parallel. */
#define SPLIT_MIN_HEIGHT 512

/* Compressed bytes the output buffer grows by, and digested at once. */
#define WINDOW (64 * 1024)

typedef struct {
  struct jpeg_destination_mgr  pub;
  guint8                      *buffer;
  gsize                        capacity;
  gsize                        window_start;
} Sink;

typedef struct {
  struct jpeg_error_mgr pub;
  jmp_buf               jump;
  char                  message[JMSG_LENGTH_MAX];
} ErrorJump;

static void
error_exit (j_common_ptr cinfo)
{
  ErrorJump *jerr = (ErrorJump *) cinfo->err;

  cinfo->err->format_message (cinfo, jerr->message);
  longjmp (jerr->jump, 1);
}

static void
output_message (j_common_ptr cinfo)
{
  /* Warnings are not printed on stderr. */
}

static void
sink_open_window (Sink  *sink,
                  gsize  filled)
{
  if (filled + WINDOW > sink->capacity)
    {
      sink->capacity = MAX (filled + WINDOW, sink->capacity * 2);
      sink->buffer = g_realloc (sink->buffer, sink->capacity);
    }
  sink->window_start = filled;
  sink->pub.next_output_byte = sink->buffer + filled;
  sink->pub.free_in_buffer = WINDOW;
}

static void
init_destination (j_compress_ptr cinfo)
{
  sink_open_window ((Sink *) cinfo->dest, 0);
}

static boolean
empty_output_buffer (j_compress_ptr cinfo)
{
  Sink *sink = (Sink *) cinfo->dest;

  /* libjpeg calls this when the whole window is full. */
  sink_open_window (sink, sink->window_start + WINDOW);
  return TRUE;
}

static void
term_destination (j_compress_ptr cinfo)
{
}

/* One part of the encoding: destination rows @y0 … @y1 - 1 of the oriented picture. */
typedef struct {
  GdkPixbuf    *src;
  guint         flip;
  guint         turns;
  int           quality;
  int           y0;
  int           y1;
  gboolean      restarts;
  GCancellable *cancellable;
  Sink          sink;
  gsize         size;
  GError       *error;
} Part;

static gpointer
part_encode (gpointer user_data)
{
  Part *part = user_data;
  struct jpeg_compress_struct cinfo;
  ErrorJump jerr;
  int sw = gdk_pixbuf_get_width (part->src);
  int sh = gdk_pixbuf_get_height (part->src);
  int dw = (part->turns % 2) ? sh : sw;
  g_autofree guint8 *band = g_malloc ((gsize) dw * 3 * BAND_ROWS);
  JSAMPROW rows[BAND_ROWS];
  gboolean direct = !part->flip && part->turns % 4 == 0
                    && gdk_pixbuf_get_n_channels (part->src) == 3;
  const guint8 *pixels = gdk_pixbuf_read_pixels (part->src);
  gsize rowstride = gdk_pixbuf_get_rowstride (part->src);

  part->sink.pub.init_destination = init_destination;
  part->sink.pub.empty_output_buffer = empty_output_buffer;
  part->sink.pub.term_destination = term_destination;
  /* About a byte per pixel covers quality 85; pages never written are never mapped in. */
  part->sink.capacity = MAX ((gsize) dw * (part->y1 - part->y0), 2 * WINDOW);
  part->sink.buffer = g_malloc (part->sink.capacity);

  cinfo.err = jpeg_std_error (&jerr.pub);
  jerr.pub.error_exit = error_exit;
  jerr.pub.output_message = output_message;
  if (setjmp (jerr.jump))
    {
      jpeg_destroy_compress (&cinfo);
      g_set_error (&part->error, GDK_PIXBUF_ERROR, GDK_PIXBUF_ERROR_FAILED,
                   "JPEG encoding failed: %s", jerr.message);
      return NULL;
    }
  jpeg_create_compress (&cinfo);
  cinfo.dest = &part->sink.pub;
  cinfo.image_width = dw;
  cinfo.image_height = part->y1 - part->y0;
  cinfo.input_components = 3;
  cinfo.in_color_space = JCS_RGB;
  jpeg_set_defaults (&cinfo);
  jpeg_set_quality (&cinfo, part->quality, TRUE);
  if (part->restarts)
    cinfo.restart_in_rows = 1;
  jpeg_start_compress (&cinfo, TRUE);

  for (int i = 0; i < BAND_ROWS; i++)
    rows[i] = band + (gsize) i * dw * 3;
  while (cinfo.next_scanline < cinfo.image_height)
    {
      int y = part->y0 + cinfo.next_scanline;
      int n = MIN (BAND_ROWS, part->y1 - y);

      if (g_cancellable_set_error_if_cancelled (part->cancellable, &part->error))
        {
          jpeg_destroy_compress (&cinfo);
          return NULL;
        }
      if (direct)
        {
          /* An upright picture without alpha is read in place. */
          for (int i = 0; i < n; i++)
            rows[i] = (JSAMPROW) pixels + (gsize) (y + i) * rowstride;
        }
      else
        _dossier_image_transform_rows (part->src, part->flip, part->turns, y, n,
                                       band, (gsize) dw * 3, 3);
      jpeg_write_scanlines (&cinfo, rows, n);
    }
  jpeg_finish_compress (&cinfo);
  jpeg_destroy_compress (&cinfo);
  part->size = part->sink.pub.next_output_byte - part->sink.buffer;
  return NULL;
}

/* Offset of the first marker @code of a JPEG written by libjpeg, walking the segments from
 * SOI up to the start of scan; the SOS segment's end for @code 0xDA. */
static gsize
find_segment (const guint8 *data,
              gsize         len,
              guint8        code)
{
  gsize pos = 2;

  while (pos + 4 <= len && data[pos] == 0xff)
    {
      gsize seg_len = (data[pos + 2] << 8) | data[pos + 3];

      if (data[pos + 1] == code)
        return code == 0xda ? pos + 2 + seg_len : pos;
      if (data[pos + 1] == 0xda)
        break;
      pos += 2 + seg_len;
    }
  return 0;
}

/* Joins the two halves' streams: the top's headers (its frame height made the whole
 * picture's), its entropy-coded data, the restart marker that ends its last interval, then
 * the bottom's entropy-coded data with its restart markers renumbered to follow on. */
static GBytes *
splice (Part *top,
        Part *bottom,
        int   height)
{
  const guint8 *t = top->sink.buffer, *b = bottom->sink.buffer;
  gsize sof = find_segment (t, top->size, 0xc0);
  gsize scan = find_segment (b, bottom->size, 0xda);
  guint intervals = (top->y1 - top->y0) / MCU_ROWS;
  gsize len;
  guint8 *out, *o;

  if (sof == 0 || scan == 0 || top->size < 2 || bottom->size < scan + 2)
    return NULL;
  len = top->size - 2 + 2 + (bottom->size - scan);
  out = g_malloc (len);
  memcpy (out, t, top->size - 2);
  out[sof + 5] = height >> 8;
  out[sof + 6] = height & 0xff;
  o = out + top->size - 2;
  *o++ = 0xff;
  *o++ = 0xd0 + (intervals - 1) % 8;
  for (gsize i = scan; i < bottom->size; i++)
    {
      *o++ = b[i];
      if (b[i] == 0xff && i + 1 < bottom->size && b[i + 1] >= 0xd0 && b[i + 1] <= 0xd7)
        {
          *o++ = 0xd0 + (b[i + 1] - 0xd0 + intervals) % 8;
          i++;
        }
    }
  return g_bytes_new_take (out, len);
}

/* One encoding at @quality, split in two parallel halves when the picture is tall enough. */
static GBytes *
encode_at (GdkPixbuf     *src,
           guint          flip,
           guint          turns,
           int            quality,
           GCancellable  *cancellable,
           GError       **error)
{
  int dh = (turns % 2) ? gdk_pixbuf_get_width (src) : gdk_pixbuf_get_height (src);
  int split = dh >= SPLIT_MIN_HEIGHT ? (dh / 2) / MCU_ROWS * MCU_ROWS : dh;
  Part top = { src, flip, turns, quality, 0, split, split < dh, cancellable };
  Part bottom = { src, flip, turns, quality, split, dh, TRUE, cancellable };
  GThread *thread = NULL;
  GBytes *bytes = NULL;

  if (split < dh)
    {
      thread = g_thread_try_new ("dossier-image-encode-2", part_encode, &bottom, NULL);
      if (thread == NULL)
        part_encode (&bottom);
    }
  part_encode (&top);
  if (thread != NULL)
    g_thread_join (thread);

  if (top.error != NULL || bottom.error != NULL)
    g_propagate_error (error, top.error != NULL ? g_steal_pointer (&top.error)
                                                : g_steal_pointer (&bottom.error));
  else if (split == dh)
    {
      bytes = g_bytes_new_take (g_realloc (top.sink.buffer, top.size), top.size);
      top.sink.buffer = NULL;
    }
  else if ((bytes = splice (&top, &bottom, dh)) == NULL)
    g_set_error_literal (error, GDK_PIXBUF_ERROR, GDK_PIXBUF_ERROR_FAILED,
                         "JPEG encoding failed: unexpected stream layout");
  g_clear_error (&bottom.error);
  g_free (top.sink.buffer);
  g_free (bottom.sink.buffer);
  return bytes;
}

/* Encodes @src, turned by a horizontal @flip then @turns clockwise quarter turns, as a JPEG
 * (alpha, if any, is dropped as GdkPixbuf's saver does), lowering the quality from 85 while
 * the result is larger than @max_bytes. On success returns the bytes of the last attempt
 * (even when still too large) and, for them, the lower-case hex SHA-256 and the
 * `data:image/jpeg;base64,…` URI. */
GBytes *
_dossier_document_image_encode_jpeg (GdkPixbuf     *src,
                                     guint          flip,
                                     guint          turns,
                                     gsize          max_bytes,
                                     GCancellable  *cancellable,
                                     char         **sha256,
                                     char         **data_uri,
                                     GError       **error)
{
  static const int qualities[] = { DOSSIER_DOCUMENT_IMAGE_JPEG_QUALITY, 75, 65, 55, 45, 35 };
  static const char prefix[] = "data:image/jpeg;base64,";
  g_autoptr(GChecksum) checksum = NULL;
  GBytes *bytes = NULL;
  const guint8 *data;
  gsize size;
  char *uri;
  gsize uri_len;
  int state = 0, save = 0;

  g_return_val_if_fail (gdk_pixbuf_get_n_channels (src) >= 3, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (qualities); i++)
    {
      g_clear_pointer (&bytes, g_bytes_unref);
      bytes = encode_at (src, flip, turns, qualities[i], cancellable, error);
      if (bytes == NULL)
        return NULL;
      if (g_bytes_get_size (bytes) <= max_bytes)
        break;
    }

  /* SHA-256 and base64 in one pass over windows that stay in the cache. */
  data = g_bytes_get_data (bytes, &size);
  checksum = g_checksum_new (G_CHECKSUM_SHA256);
  uri = g_malloc (sizeof prefix + (size / 3 + 1) * 4 + 4 + 5);
  memcpy (uri, prefix, sizeof prefix - 1);
  uri_len = sizeof prefix - 1;
  for (gsize done = 0; done < size; done += WINDOW)
    {
      gsize n = MIN (WINDOW, size - done);

      g_checksum_update (checksum, data + done, n);
      uri_len += g_base64_encode_step (data + done, n, FALSE, uri + uri_len, &state, &save);
    }
  uri_len += g_base64_encode_close (FALSE, uri + uri_len, &state, &save);
  uri[uri_len] = '\0';
  *data_uri = uri;
  *sha256 = g_strdup (g_checksum_get_string (checksum));
  return bytes;
}
