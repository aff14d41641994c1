/* test-http-upload-async.c — an upload being checked holds up nobody else (DESIGN.md, STYLE.md §3.11)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The §10 check of an upload (here a large greyscale PNG, whose pixel decode
 * takes hundreds of milliseconds and ~200 MB) runs off the sandbox's context:
 * a GET sent once the upload's body is on the wire is answered before the
 * upload is. Order of completion only, never a time limit.
 */
#include "config.h"

#include <string.h>

#include "dossier-sandbox-fixture.h"

#define SLOW_SIDE 8000

/* ---- a large greyscale PNG, built by hand (GdkPixbuf saves RGB only) ---- */

static guint32
png_crc (const guint8 *data,
         gsize         len,
         guint32       crc)
{
  static guint32 table[256];
  static gsize table_ready;

  if (g_once_init_enter (&table_ready))
    {
      for (guint32 n = 0; n < 256; n++)
        {
          guint32 c = n;

          for (guint k = 0; k < 8; k++)
            c = (c & 1) ? 0xedb88320u ^ (c >> 1) : c >> 1;
          table[n] = c;
        }
      g_once_init_leave (&table_ready, 1);
    }
  for (gsize i = 0; i < len; i++)
    crc = table[(crc ^ data[i]) & 0xff] ^ (crc >> 8);
  return crc;
}

static void
append_be32 (GByteArray *out,
             guint32     value)
{
  guint8 bytes[4] = { value >> 24, value >> 16, value >> 8, value };

  g_byte_array_append (out, bytes, 4);
}

static void
png_chunk (GByteArray   *out,
           const char   *type,
           const guint8 *data,
           gsize         len)
{
  guint32 crc = 0xffffffffu;

  append_be32 (out, len);
  g_byte_array_append (out, (const guint8 *) type, 4);
  if (len > 0)
    g_byte_array_append (out, data, len);
  crc = png_crc ((const guint8 *) type, 4, crc);
  crc = png_crc (data, len, crc);
  append_be32 (out, crc ^ 0xffffffffu);
}

/* A uniform mid-grey 8-bit greyscale PNG of side × side, as a data URI. */
static char *
grey_png_data_uri (guint side)
{
  static const guint8 signature[] = { 0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a };
  g_autoptr(GByteArray) png = g_byte_array_new ();
  g_autoptr(GZlibCompressor) compressor = g_zlib_compressor_new (G_ZLIB_COMPRESSOR_FORMAT_ZLIB, 1);
  g_autoptr(GOutputStream) memory = g_memory_output_stream_new_resizable ();
  g_autoptr(GOutputStream) deflate = g_converter_output_stream_new (memory, G_CONVERTER (compressor));
  g_autoptr(GError) error = NULL;
  g_autofree guint8 *row = g_malloc (side + 1);
  g_autofree char *base64 = NULL;
  guint8 header[13];

  header[0] = side >> 24; header[1] = side >> 16; header[2] = side >> 8; header[3] = side;
  memcpy (header + 4, header, 4);
  header[8] = 8;    /* bit depth */
  header[9] = 0;    /* greyscale */
  header[10] = header[11] = header[12] = 0;

  row[0] = 0;       /* filter: none */
  memset (row + 1, 0x80, side);
  for (guint y = 0; y < side; y++)
    g_assert_true (g_output_stream_write_all (deflate, row, side + 1, NULL, NULL, &error));
  g_assert_true (g_output_stream_close (deflate, NULL, &error));
  g_assert_no_error (error);

  g_byte_array_append (png, signature, sizeof signature);
  png_chunk (png, "IHDR", header, sizeof header);
  png_chunk (png, "IDAT",
             g_memory_output_stream_get_data (G_MEMORY_OUTPUT_STREAM (memory)),
             g_memory_output_stream_get_data_size (G_MEMORY_OUTPUT_STREAM (memory)));
  png_chunk (png, "IEND", NULL, 0);

  base64 = g_base64_encode (png->data, png->len);
  return g_strconcat ("data:image/png;base64,", base64, NULL);
}

/* ---- the test ---- */

typedef struct
{
  gboolean  body_written;
  gboolean  done;
  GBytes   *body;
  GError   *error;
} Upload;

static void
wrote_body_cb (SoupMessage *msg,
               gpointer     user_data)
{
  ((Upload *) user_data)->body_written = TRUE;
}

static void
upload_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  Upload *upload = user_data;

  upload->body = soup_session_send_and_read_finish (SOUP_SESSION (object), result, &upload->error);
  upload->done = TRUE;
}

static JsonObject *
parse_object (GBytes *bytes)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  gsize size;
  const char *data = g_bytes_get_data (bytes, &size);

  g_assert_true (json_parser_load_from_data (parser, data, size, NULL));
  g_assert_true (JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)));
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

static void
test_get_answered_during_check (DsFixture     *f,
                                gconstpointer  data)
{
  g_autofree char *client_id = ds_create_client (f, "Barber", "slow@example.com", TRUE);
  g_autofree char *other_id = ds_create_client (f, "Other", "other@example.com", TRUE);
  g_autofree char *request_id = ds_request_product (f, client_id, "cards_individuals");
  g_autofree char *path = ds_products_path (client_id, request_id, "documentation");
  g_autofree char *other_path = g_strdup_printf (DS_CLIENTS "/%s", other_id);
  g_autofree char *image = grey_png_data_uri (SLOW_SIDE);
  g_autofree char *body = ds_passport_body (image, "AB1234567");
  g_autofree char *url = ds_url (f, path);
  g_autoptr(SoupMessage) msg = soup_message_new ("POST", url);
  g_autoptr(GBytes) bytes = g_bytes_new (body, strlen (body));
  g_autoptr(JsonObject) answer = NULL;
  Upload upload = { FALSE, FALSE, NULL, NULL };
  guint answered_before = 0;
  JsonObject *product, *missing;

  g_test_message ("upload body: %" G_GSIZE_FORMAT " bytes, a %ux%u greyscale PNG",
                  strlen (body), SLOW_SIDE, SLOW_SIDE);
  soup_message_headers_replace (soup_message_get_request_headers (msg), "x-api-key", DS_KEY);
  soup_message_set_request_body_from_bytes (msg, "application/json", bytes);
  g_signal_connect (msg, "wrote-body", G_CALLBACK (wrote_body_cb), &upload);
  soup_session_send_and_read_async (f->session, msg, G_PRIORITY_DEFAULT, NULL, upload_done_cb, &upload);

  while (!upload.body_written && !upload.done)
    g_main_context_iteration (NULL, TRUE);

  /* One GET after another, each on the wire only once the previous one is
   * answered, until the upload's answer is in. */
  while (!upload.done)
    {
      g_autoptr(DsResponse) r = ds_send (f, "GET", other_path, DS_KEY, NULL);

      ds_assert_status (r, 200);
      g_assert_cmpstr (ds_string (r, "id"), ==, other_id);
      if (!upload.done)
        answered_before++;
    }
  g_test_message ("GETs answered while the upload was being checked: %u", answered_before);
  g_assert_cmpuint (answered_before, >=, 1);

  /* And the upload itself went through as ever. */
  g_assert_no_error (upload.error);
  g_assert_cmpuint (soup_message_get_status (msg), ==, 200);
  answer = parse_object (upload.body);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (answer, "rejected_items")), ==, 0);
  product = json_object_get_object_member (answer, "product");
  missing = json_object_get_object_member (product, "missing_requirements");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (missing, "documents")), ==, 0);
  g_bytes_unref (upload.body);
}

/* The sandbox stops while an upload is being checked: the pending answer is
 * dropped (the client sees the connection go), nothing is used after free. */
static void
test_stop_during_check (DsFixture     *f,
                        gconstpointer  data)
{
  g_autofree char *client_id = ds_create_client (f, "Barber", "stop@example.com", TRUE);
  g_autofree char *request_id = ds_request_product (f, client_id, "cards_individuals");
  g_autofree char *path = ds_products_path (client_id, request_id, "documentation");
  g_autofree char *client_path = g_strdup_printf (DS_CLIENTS "/%s", client_id);
  g_autofree char *image = grey_png_data_uri (SLOW_SIDE);
  g_autofree char *body = ds_passport_body (image, "AB1234567");
  g_autofree char *url = ds_url (f, path);
  g_autoptr(SoupMessage) msg = soup_message_new ("POST", url);
  g_autoptr(GBytes) bytes = g_bytes_new (body, strlen (body));
  g_autoptr(SoupSession) session = g_object_ref (f->session);
  g_autoptr(DsResponse) r = NULL;
  Upload upload = { FALSE, FALSE, NULL, NULL };

  soup_message_headers_replace (soup_message_get_request_headers (msg), "x-api-key", DS_KEY);
  soup_message_set_request_body_from_bytes (msg, "application/json", bytes);
  g_signal_connect (msg, "wrote-body", G_CALLBACK (wrote_body_cb), &upload);
  soup_session_send_and_read_async (session, msg, G_PRIORITY_DEFAULT, NULL, upload_done_cb, &upload);
  while (!upload.body_written && !upload.done)
    g_main_context_iteration (NULL, TRUE);
  r = ds_send (f, "GET", client_path, DS_KEY, NULL);
  ds_assert_status (r, 200);

  dossier_sandbox_stop (f->sandbox);
  while (!upload.done)
    g_main_context_iteration (NULL, TRUE);
  g_test_message ("upload after the stop: status %u, error %s", soup_message_get_status (msg),
                  upload.error ? upload.error->message : "none");
  /* Answered before the stop reached it, or never: no third outcome. */
  g_assert_true (upload.error != NULL || soup_message_get_status (msg) == 200);
  g_clear_error (&upload.error);
  g_clear_pointer (&upload.body, g_bytes_unref);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/dossier/sandbox/upload-async/get-answered-during-check", DsFixture, NULL,
              ds_fixture_setup, test_get_answered_during_check, ds_fixture_teardown);
  g_test_add ("/dossier/sandbox/upload-async/stop-during-check", DsFixture, NULL,
              ds_fixture_setup, test_stop_during_check, ds_fixture_teardown);

  return g_test_run ();
}
