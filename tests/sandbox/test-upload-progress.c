/* test-upload-progress.c — how far an upload is, over real HTTP to the embedded sandbox
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A large photo (noise compresses badly: a few MB) is sent with
 * dossier_api_upload_document_with_progress_async() and through DossierUploader; the
 * reports must grow, end with the whole body, come on the main thread's main context,
 * and come no more often than about 30 a second.
 */
#include "config.h"

#include <string.h>

#include "dossier-data-uri.h"
#include "uploader-test-fixture.h"

/* The rate limit is 1/30 s; timers may be rounded to the millisecond. */
#define MIN_GAP_US 30000

typedef struct
{
  gint64  sent;
  gint64  total;
  gint64  at;          /* monotonic µs */
  gboolean main_thread;
} Report;

typedef struct
{
  GArray  *reports;    /* Report */
  GThread *main_thread;
  guint    destroyed;
} Recorder;

/* A JPEG of random pixels, width x height, a few MB. */
static GBytes *
noise_jpeg (int width,
            int height)
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, width, height);
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);
  g_autoptr(GError) error = NULL;
  g_autofree char *buffer = NULL;
  guint8 *pixels = gdk_pixbuf_get_pixels (pixbuf);
  int stride = gdk_pixbuf_get_rowstride (pixbuf);
  gsize size = 0;

  for (int y = 0; y < height; y++)
    for (int x = 0; x < width * 3; x++)
      pixels[y * stride + x] = g_rand_int (rand) & 0xff;
  g_assert_true (gdk_pixbuf_save_to_buffer (pixbuf, &buffer, &size, "jpeg", &error,
                                            "quality", "92", NULL));
  g_assert_no_error (error);

  return g_bytes_new_take (g_steal_pointer (&buffer), size);
}

static void
record_cb (gint64   sent,
           gint64   total,
           gpointer user_data)
{
  Recorder *recorder = user_data;
  Report report = { sent, total, g_get_monotonic_time (),
                    g_thread_self () == recorder->main_thread
                    && g_main_context_is_owner (g_main_context_default ()) };

  g_array_append_val (recorder->reports, report);
}

static void
recorder_destroyed_cb (gpointer user_data)
{
  ((Recorder *) user_data)->destroyed++;
}

static void
test_api (Fixture *f, gconstpointer data)
{
  g_autoptr(GBytes) front = noise_jpeg (2000, 1500);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(DossierProductRequest) request = NULL;
  g_autoptr(JsonObject) object = json_object_new ();
  g_autoptr(JsonObject) metadata = json_object_new ();
  g_autoptr(JsonNode) document = json_node_new (JSON_NODE_OBJECT);
  g_autofree char *uri = NULL;
  Recorder recorder = { g_array_new (FALSE, FALSE, sizeof (Report)), g_thread_self (), 0 };
  const Report *last;
  gsize size = 0;
  const guint8 *bytes = g_bytes_get_data (front, &size);

  g_test_message ("photo: %" G_GSIZE_FORMAT " bytes", size);
  g_assert_cmpuint (size, >, 1024 * 1024);
  uri = dossier_data_uri_encode ("image/jpeg", bytes, size);
  json_object_set_string_member (object, "document_type", "passport");
  json_object_set_string_member (object, "image_front", uri);
  json_object_set_string_member (metadata, "number", "AB1234567");
  json_object_set_object_member (object, "metadata", json_object_ref (metadata));
  json_node_set_object (document, object);

  dossier_api_upload_document_with_progress_async (f->api, f->client_id, f->request_id, document,
                                                   DOSSIER_API_PRIORITY_USER,
                                                   record_cb, &recorder, recorder_destroyed_cb,
                                                   NULL, api_test_catch, &result);
  request = dossier_api_upload_document_finish (f->api, api_test_wait (&result, 60), &error);
  g_assert_no_error (error);
  g_assert_nonnull (request);
  g_assert_null (dossier_requirements_lookup_document_group (dossier_product_request_get_requirements (request),
                                                             "identity_document"));

  g_test_message ("%u reports", recorder.reports->len);
  g_assert_cmpuint (recorder.reports->len, >=, 2);
  for (guint i = 0; i < recorder.reports->len; i++)
    {
      const Report *report = &g_array_index (recorder.reports, Report, i);

      g_assert_true (report->main_thread);
      /* The body is the document, wrapped, with the photo in base64. */
      g_assert_cmpint (report->total, >, (gint64) strlen (uri));
      g_assert_cmpint (report->sent, >, 0);
      g_assert_cmpint (report->sent, <=, report->total);
      if (i == 0)
        continue;
      g_assert_cmpint (report->total, ==, g_array_index (recorder.reports, Report, i - 1).total);
      g_assert_cmpint (report->sent, >, g_array_index (recorder.reports, Report, i - 1).sent);
      /* At most about 30 a second; only the last block is told at once. */
      if (i < recorder.reports->len - 1)
        g_assert_cmpint (report->at - g_array_index (recorder.reports, Report, i - 1).at, >=, MIN_GAP_US);
    }
  last = &g_array_index (recorder.reports, Report, recorder.reports->len - 1);
  g_assert_cmpint (last->sent, ==, last->total);
  g_assert_cmpuint (recorder.destroyed, ==, 1);

  g_array_unref (recorder.reports);
}

typedef struct
{
  Fixture *f;
  GArray  *fractions;  /* double */
  gint64   id;
  guint    wrong;      /* emitted for another upload, off the main thread, or not SENDING */
} ProgressLog;

static void
upload_progress_cb (DossierUploader *uploader,
                    gint64           upload_id,
                    double           fraction,
                    ProgressLog     *log)
{
  g_autoptr(DossierUploadInfo) info = dossier_uploader_lookup (uploader, upload_id);

  if (info == NULL || info->status != DOSSIER_UPLOAD_STATUS_SENDING || info->progress != fraction ||
      !g_main_context_is_owner (g_main_context_default ()))
    log->wrong++;
  g_array_append_val (log->fractions, fraction);
}

static void
test_uploader (Fixture *f, gconstpointer data)
{
  g_autoptr(GBytes) front = noise_jpeg (2000, 1500);
  g_autoptr(DossierUploadInfo) info = NULL;
  g_autoptr(GError) error = NULL;
  ProgressLog log = { f, g_array_new (FALSE, FALSE, sizeof (double)), 0, 0 };
  gulong handler;
  gint64 id;

  handler = g_signal_connect (f->uploader, "upload-progress", G_CALLBACK (upload_progress_cb), &log);
  id = enqueue (f, "passport", front, "AB1234567", &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);

  info = wait_settled (f, id);
  g_signal_handler_disconnect (f->uploader, handler);
  g_assert_cmpint (info->status, ==, DOSSIER_UPLOAD_STATUS_ACCEPTED);

  g_test_message ("%u progress signals", log.fractions->len);
  g_assert_cmpuint (log.wrong, ==, 0);
  g_assert_cmpuint (log.fractions->len, >=, 2);
  for (guint i = 0; i < log.fractions->len; i++)
    {
      double fraction = g_array_index (log.fractions, double, i);

      g_assert_cmpfloat (fraction, >, 0.0);
      g_assert_cmpfloat (fraction, <=, 1.0);
      if (i > 0)
        g_assert_cmpfloat (fraction, >, g_array_index (log.fractions, double, i - 1));
    }
  g_assert_cmpfloat (g_array_index (log.fractions, double, log.fractions->len - 1), ==, 1.0);

  g_array_unref (log.fractions);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/dossier/core/upload-progress/api", Fixture, NULL, setup, test_api, teardown);
  g_test_add ("/dossier/core/upload-progress/uploader", Fixture, NULL, setup, test_uploader, teardown);

  return g_test_run ();
}
