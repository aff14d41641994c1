/* test-review-watcher.c — DossierReviewWatcher against the embedded sandbox (CONTRACT.md §15.6)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Clients named "Hold" keep their review in_kyc until the admin API completes it (§11, §13.6),
 * so each outcome happens exactly when the test says. Intervals are set to tens of ms.
 */
#include "config.h"

#include <gdk-pixbuf/gdk-pixbuf.h>

#include "dossier-data-uri.h"
#include "dossier-review-watcher.h"
#include "api-test-utils.h"

#define KEY "watcher-test-key"

typedef struct
{
  DossierSandbox       *sandbox;
  DossierApi           *api;
  DossierReviewWatcher *watcher;
  SoupSession          *admin;
  GPtrArray            *changes;   /* DossierProductRequest: old, new, old, new… */
  guint                 n_polled;
  guint                 n_poll_errors;
} Fixture;

static void
changed_cb (DossierReviewWatcher  *watcher,
            const char            *client_id,
            DossierProductRequest *old,
            DossierProductRequest *request,
            Fixture               *f)
{
  g_assert_cmpstr (client_id, ==, dossier_product_request_get_client_id (request));
  g_ptr_array_add (f->changes, g_object_ref (old));
  g_ptr_array_add (f->changes, g_object_ref (request));
}

static void
polled_cb (DossierReviewWatcher *watcher,
           const char           *client_id,
           GPtrArray            *requests,
           const GError         *error,
           Fixture              *f)
{
  g_assert_true ((requests == NULL) != (error == NULL));
  f->n_polled++;
  if (error != NULL)
    f->n_poll_errors++;
}

static void
setup (Fixture *f, gconstpointer data)
{
  g_autoptr(DossierSandboxConfig) config = dossier_sandbox_config_new ();
  g_autoptr(GError) error = NULL;

  g_assert_true (dossier_sandbox_config_add_key (config, KEY ":3", &error));
  dossier_sandbox_config_set_rate_limit (config, 0);
  dossier_sandbox_config_set_review_delay (config, 3600);
  f->sandbox = dossier_sandbox_new (config);
  g_assert_true (dossier_sandbox_start (f->sandbox, &error));
  g_assert_no_error (error);

  f->api = dossier_api_new (dossier_sandbox_get_uri (f->sandbox), KEY);
  f->watcher = dossier_review_watcher_new (f->api);
  dossier_review_watcher_set_interval (f->watcher, 40);
  f->admin = soup_session_new ();
  f->changes = g_ptr_array_new_with_free_func (g_object_unref);
  g_signal_connect (f->watcher, "request-changed", G_CALLBACK (changed_cb), f);
  g_signal_connect (f->watcher, "polled", G_CALLBACK (polled_cb), f);
}

static void
teardown (Fixture *f, gconstpointer data)
{
  g_assert_finalize_object (f->watcher);
  /* A poll cancelled by the watcher's dispose still holds the API until it completes. */
  api_test_sleep (100);
  g_assert_finalize_object (f->api);
  g_object_unref (f->admin);
  dossier_sandbox_stop (f->sandbox);
  g_object_unref (f->sandbox);
  g_ptr_array_unref (f->changes);
}

static char *
passport_data_uri (void)
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, 600, 800);
  guint8 *pixels = gdk_pixbuf_get_pixels (pixbuf);
  int stride = gdk_pixbuf_get_rowstride (pixbuf);
  g_autofree char *buffer = NULL;
  g_autoptr(GError) error = NULL;
  gsize size = 0;

  for (int y = 0; y < 800; y++)
    for (int x = 0; x < 600; x++)
      {
        guint8 *p = pixels + y * stride + x * 3;
        gboolean photo = x > 40 && x < 220 && y > 120 && y < 360;
        gboolean band = (y / 24) % 3 == 0 && x > 260;

        p[0] = photo ? 90 : band ? 60 : 225 - (x + y) % 17;
        p[1] = photo ? 70 : band ? 80 : 230 - (x * 3 + y) % 13;
        p[2] = photo ? 60 : band ? 140 : 215;
      }

  g_assert_true (gdk_pixbuf_save_to_buffer (pixbuf, &buffer, &size, "jpeg", &error, "quality", "85", NULL));
  g_assert_no_error (error);
  return dossier_data_uri_encode ("image/jpeg", (const guint8 *) buffer, size);
}

/* A client named Maria Hold with a phone, its cards_individuals request submitted: in_kyc. */
static DossierProductRequest *
submitted_request (Fixture *f)
{
  static guint serial;
  g_autofree char *body = g_strdup_printf (
      "{\"first_name\":\"Maria\",\"last_name\":\"Hold\",\"email\":\"hold%u@example.com\","
      "\"birth_date\":\"1984-11-21\",\"phone_country_code\":54,\"phone_number\":1168860622,"
      "\"address\":{\"street_line1\":\"Florida 9860\",\"city\":\"Del Viso\",\"postal_code\":\"1669\","
      "\"state\":\"ARG-B\",\"country\":\"ARG\"}}", ++serial);
  g_autoptr(JsonNode) maria = json_from_string (body, NULL);
  g_autofree char *image = passport_data_uri ();
  g_autofree char *document_text = g_strdup_printf (
      "{\"document_type\":\"passport\",\"image_front\":\"%s\",\"metadata\":{\"number\":\"AB1234567\"}}", image);
  g_autoptr(JsonNode) document = json_from_string (document_text, NULL);
  g_autoptr(GAsyncResult) r1 = NULL, r2 = NULL, r3 = NULL, r4 = NULL;
  g_autoptr(DossierClient) client = NULL;
  g_autoptr(DossierProductRequest) request = NULL;
  g_autoptr(DossierProductRequest) uploaded = NULL;
  g_autoptr(GError) error = NULL;
  DossierProductRequest *submitted;

  dossier_api_create_client_from_json_async (f->api, maria, DOSSIER_API_PRIORITY_USER, NULL, api_test_catch, &r1);
  client = dossier_api_create_client_finish (f->api, api_test_wait (&r1, 30), &error);
  g_assert_no_error (error);

  dossier_api_request_product_async (f->api, dossier_client_get_id (client), "cards_individuals",
                                     DOSSIER_API_PRIORITY_USER, NULL, api_test_catch, &r2);
  request = dossier_api_request_product_finish (f->api, api_test_wait (&r2, 30), &error);
  g_assert_no_error (error);

  dossier_api_upload_document_async (f->api, dossier_client_get_id (client), dossier_product_request_get_id (request),
                                     document, DOSSIER_API_PRIORITY_USER, NULL, api_test_catch, &r3);
  uploaded = dossier_api_upload_document_finish (f->api, api_test_wait (&r3, 60), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (dossier_product_request_get_rejected_items (uploaded)->len, ==, 0);

  dossier_api_submit_async (f->api, dossier_client_get_id (client), dossier_product_request_get_id (request),
                            DOSSIER_API_PRIORITY_USER, NULL, api_test_catch, &r4);
  submitted = dossier_api_submit_finish (f->api, api_test_wait (&r4, 30), &error);
  g_assert_no_error (error);
  g_assert_cmpint (dossier_product_request_get_status (submitted), ==, DOSSIER_REQUEST_STATUS_IN_KYC);
  return submitted;
}

static void
admin_review (Fixture               *f,
              DossierProductRequest *request,
              const char            *body)
{
  g_autofree char *path = g_strdup_printf ("/_sandbox/requests/%s/review", dossier_product_request_get_id (request));
  g_autoptr(JsonNode) answer = api_test_admin (f->admin, dossier_sandbox_get_uri (f->sandbox), "POST", path, body);

  g_assert_true (json_object_get_boolean_member (json_node_get_object (answer), "applied"));
}

static void
wait_for_changes (Fixture *f,
                  guint    n)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (f->changes->len < 2 * n && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (f->changes->len, ==, 2 * n);
}

static void
test_enabled (Fixture *f, gconstpointer data)
{
  g_autoptr(DossierProductRequest) request = submitted_request (f);
  const char *client_id = dossier_product_request_get_client_id (request);
  DossierProductRequest *old;
  DossierProductRequest *now;

  dossier_review_watcher_track (f->watcher, request);
  g_assert_true (dossier_review_watcher_is_watching (f->watcher, client_id));
  g_assert_cmpuint (dossier_review_watcher_get_n_watched (f->watcher), ==, 1);

  /* Held: polls come and go, nothing changes. */
  api_test_sleep (300);
  g_assert_cmpuint (f->n_polled, >=, 2);
  g_assert_cmpuint (f->changes->len, ==, 0);
  g_assert_true (dossier_review_watcher_is_watching (f->watcher, client_id));

  admin_review (f, request, "{\"outcome\":\"enabled\"}");
  wait_for_changes (f, 1);
  old = g_ptr_array_index (f->changes, 0);
  now = g_ptr_array_index (f->changes, 1);
  g_assert_cmpint (dossier_product_request_get_status (old), ==, DOSSIER_REQUEST_STATUS_IN_KYC);
  g_assert_cmpint (dossier_product_request_get_status (now), ==, DOSSIER_REQUEST_STATUS_ENABLED);
  g_assert_cmpstr (dossier_product_request_get_id (now), ==, dossier_product_request_get_id (request));
  g_assert_true (dossier_review_watcher_lookup (f->watcher, dossier_product_request_get_id (request)) == now);

  /* Nothing in_kyc any more: the client is no longer polled. */
  g_assert_false (dossier_review_watcher_is_watching (f->watcher, client_id));
  {
    guint polls = dossier_review_watcher_get_n_polls (f->watcher);

    api_test_sleep (200);
    g_assert_cmpuint (dossier_review_watcher_get_n_polls (f->watcher), ==, polls);
  }
}

static void
test_rejected (Fixture *f, gconstpointer data)
{
  g_autoptr(DossierProductRequest) request = submitted_request (f);
  DossierProductRequest *now;

  dossier_review_watcher_track (f->watcher, request);
  admin_review (f, request, "{\"outcome\":\"rejected\",\"rejection_description\":\"Blurry passport photo.\"}");
  wait_for_changes (f, 1);
  now = g_ptr_array_index (f->changes, 1);
  g_assert_cmpint (dossier_product_request_get_status (now), ==, DOSSIER_REQUEST_STATUS_REJECTED);
  g_assert_cmpstr (dossier_product_request_get_rejection_description (now), ==, "Blurry passport photo.");
}

/* Two clients under review at once: each outcome is reported once, for its own client. */
static void
test_two_clients (Fixture *f, gconstpointer data)
{
  g_autoptr(DossierProductRequest) a = submitted_request (f);
  g_autoptr(DossierProductRequest) b = submitted_request (f);
  g_autoptr(GPtrArray) list = g_ptr_array_new ();

  g_ptr_array_add (list, a);
  dossier_review_watcher_track_all (f->watcher, dossier_product_request_get_client_id (a), list);
  dossier_review_watcher_track (f->watcher, b);
  g_assert_cmpuint (dossier_review_watcher_get_n_watched (f->watcher), ==, 2);

  admin_review (f, b, "{\"outcome\":\"rejected\"}");
  wait_for_changes (f, 1);
  g_assert_cmpstr (dossier_product_request_get_id (g_ptr_array_index (f->changes, 1)), ==,
                   dossier_product_request_get_id (b));
  g_assert_cmpuint (dossier_review_watcher_get_n_watched (f->watcher), ==, 1);

  admin_review (f, a, "{\"outcome\":\"enabled\"}");
  wait_for_changes (f, 2);
  g_assert_cmpstr (dossier_product_request_get_id (g_ptr_array_index (f->changes, 3)), ==,
                   dossier_product_request_get_id (a));
  g_assert_cmpuint (dossier_review_watcher_get_n_watched (f->watcher), ==, 0);
}

/* Errors double the delay (up to 5 min); a good answer resets it. */
static void
test_backoff (Fixture *f, gconstpointer data)
{
  g_autoptr(DossierProductRequest) request = submitted_request (f);
  const char *client_id = dossier_product_request_get_client_id (request);
  g_autoptr(JsonNode) fault = NULL;
  gint64 deadline;

  dossier_review_watcher_set_interval (f->watcher, 30);
  fault = api_test_admin (f->admin, dossier_sandbox_get_uri (f->sandbox), "POST", "/_sandbox/faults",
                          "{\"kind\":\"error\",\"status\":400,\"code\":\"BAD_REQUEST\",\"count\":2,"
                          "\"method\":\"GET\"}");
  dossier_review_watcher_track (f->watcher, request);
  g_assert_cmpuint (dossier_review_watcher_get_delay (f->watcher, client_id), ==, 30);

  deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
  while (f->n_poll_errors < 1 && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (f->n_poll_errors, ==, 1);
  g_assert_cmpuint (dossier_review_watcher_get_delay (f->watcher, client_id), ==, 60);

  while (f->n_poll_errors < 2 && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (f->n_poll_errors, ==, 2);
  g_assert_cmpuint (dossier_review_watcher_get_delay (f->watcher, client_id), ==, 120);

  while (f->n_polled < 3 && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (f->n_polled, >=, 3);
  g_assert_cmpuint (dossier_review_watcher_get_delay (f->watcher, client_id), ==, 30);
  g_assert_true (dossier_review_watcher_is_watching (f->watcher, client_id));

  /* The cap: a slow base with many errors never waits more than 5 minutes. */
  dossier_review_watcher_set_interval (f->watcher, 100000);
  dossier_review_watcher_set_active (f->watcher, FALSE);
  g_assert_cmpuint (dossier_review_watcher_get_delay (f->watcher, client_id), ==,
                    DOSSIER_REVIEW_WATCHER_MAX_BACKOFF_MS);
}

/* No window active: polls are spaced by the inactive factor; back to normal at once. */
static void
test_inactive (Fixture *f, gconstpointer data)
{
  g_autoptr(DossierProductRequest) request = submitted_request (f);
  const char *client_id = dossier_product_request_get_client_id (request);
  guint polls;

  dossier_review_watcher_set_interval (f->watcher, 50);
  dossier_review_watcher_track (f->watcher, request);
  g_assert_true (dossier_review_watcher_get_active (f->watcher));

  dossier_review_watcher_set_active (f->watcher, FALSE);
  g_assert_cmpuint (dossier_review_watcher_get_delay (f->watcher, client_id), ==,
                    50 * DOSSIER_REVIEW_WATCHER_INACTIVE_FACTOR);
  polls = f->n_polled;
  api_test_sleep (600);
  /* 250 ms apart: at most 3 in 600 ms (against 12 when active). */
  g_assert_cmpuint (f->n_polled - polls, <=, 3);

  dossier_review_watcher_set_active (f->watcher, TRUE);
  g_assert_cmpuint (dossier_review_watcher_get_delay (f->watcher, client_id), ==, 50);
  polls = f->n_polled;
  api_test_sleep (600);
  g_assert_cmpuint (f->n_polled - polls, >=, 5);
}

/* At most one poll in flight per client, however often a poll is asked for. */
static void
test_one_in_flight (Fixture *f, gconstpointer data)
{
  g_autoptr(DossierProductRequest) request = submitted_request (f);
  const char *client_id = dossier_product_request_get_client_id (request);
  g_autoptr(JsonNode) fault = NULL;
  DossierScheduler *scheduler = dossier_api_get_scheduler (f->api);

  fault = api_test_admin (f->admin, dossier_sandbox_get_uri (f->sandbox), "POST", "/_sandbox/faults",
                          "{\"kind\":\"delay\",\"delay_ms\":400,\"method\":\"GET\"}");
  dossier_review_watcher_set_interval (f->watcher, 10000);
  dossier_review_watcher_track (f->watcher, request);
  for (guint i = 0; i < 5; i++)
    dossier_review_watcher_poll_now (f->watcher, client_id);
  g_assert_cmpuint (dossier_scheduler_get_n_queued (scheduler) + dossier_scheduler_get_n_running (scheduler), ==, 1);

  api_test_sleep (700);
  g_assert_cmpuint (f->n_polled, ==, 1);
  g_assert_cmpuint (dossier_review_watcher_get_n_polls (f->watcher), ==, 1);
}

/* The default interval follows the base URL: 2 s on loopback, 30 s remote. */
static void
test_default_intervals (Fixture *f, gconstpointer data)
{
  g_autoptr(DossierApi) remote = dossier_api_new ("https://api.example.invalid", KEY);
  g_autoptr(DossierReviewWatcher) far = dossier_review_watcher_new (remote);
  g_autoptr(DossierReviewWatcher) near = dossier_review_watcher_new (f->api);

  dossier_review_watcher_watch (far, "client-a");
  dossier_review_watcher_watch (near, "client-a");
  g_assert_cmpuint (dossier_review_watcher_get_delay (far, "client-a"), ==, DOSSIER_REVIEW_WATCHER_REMOTE_MS);
  g_assert_cmpuint (dossier_review_watcher_get_delay (near, "client-a"), ==, DOSSIER_REVIEW_WATCHER_LOOPBACK_MS);
  g_assert_cmpuint (dossier_review_watcher_get_delay (near, "client-b"), ==, 0);
  dossier_review_watcher_unwatch (far, "client-a");
  g_assert_false (dossier_review_watcher_is_watching (far, "client-a"));
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add ("/dossier/core/review-watcher/" path, Fixture, NULL, setup, func, teardown)
  ADD ("enabled", test_enabled);
  ADD ("rejected", test_rejected);
  ADD ("two-clients", test_two_clients);
  ADD ("backoff", test_backoff);
  ADD ("inactive", test_inactive);
  ADD ("one-in-flight", test_one_in_flight);
  ADD ("default-intervals", test_default_intervals);
#undef ADD

  return g_test_run ();
}
