/* dossier-seed-flow.c — the onboarding guide's whole flow through DossierApi only
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Starts an embedded DossierSandbox (review delay 0.2 s) and, through
 * DossierApi alone: creates Maria Barber, requests cards_individuals, PUTs the
 * client with a phone, uploads a real passport JPEG (600x800, drawn here),
 * submits, and polls the client's products until the request is enabled
 * (CONTRACT.md §16). Run with --tap (the `sandbox` suite) it is a GTest and
 * prints each step as a TAP comment; run without arguments it prints the steps
 * on stdout.
 */
#include "config.h"

#include <gdk-pixbuf/gdk-pixbuf.h>

#include "dossier-data-uri.h"
#include "sandbox/api-test-utils.h"

static gboolean as_test;

static void G_GNUC_PRINTF (1, 2)
say (const char *format, ...)
{
  g_autofree char *text = NULL;
  va_list args;

  va_start (args, format);
  text = g_strdup_vprintf (format, args);
  va_end (args);

  if (as_test)
    g_test_message ("%s", text);
  else
    g_print ("%s\n", text);
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

  /* a page-like pattern: pale background, darker bands and a "photo" block */
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

static void
seed_flow (void)
{
  g_autoptr(DossierSandboxConfig) config = dossier_sandbox_config_new ();
  g_autoptr(DossierSandbox) sandbox = NULL;
  g_autoptr(DossierAccount) account = NULL;
  g_autoptr(DossierApi) api = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) maria = json_from_string (
      "{\"first_name\":\"Maria\",\"second_name\":\"Julia\",\"last_name\":\"Barber\","
      "\"email\":\"mjuliabarber@example.com\",\"birth_date\":\"1984-11-21\","
      "\"address\":{\"street_line1\":\"Florida 9860\",\"city\":\"Del Viso\",\"postal_code\":\"1669\","
      "\"state\":\"ARG-B\",\"country\":\"ARG\"}}", NULL);
  g_autoptr(DossierClient) client = NULL;
  g_autoptr(DossierClient) current = NULL;
  g_autoptr(DossierClient) updated = NULL;
  g_autoptr(DossierClient) final = NULL;
  g_autoptr(DossierProductRequest) request = NULL;
  g_autoptr(DossierProductRequest) uploaded = NULL;
  g_autoptr(DossierProductRequest) submitted = NULL;
  g_autoptr(JsonNode) document = NULL;
  g_autoptr(GAsyncResult) r1 = NULL, r2 = NULL, r3 = NULL, r4 = NULL, r5 = NULL, r6 = NULL, r7 = NULL;
  g_autofree char *image = passport_data_uri ();
  g_autofree char *document_text = NULL;
  DossierRequestStatus status = DOSSIER_REQUEST_STATUS_IN_KYC;
  gint64 submitted_at;
  guint polls = 0;
  const char *client_id;
  const char *request_id;

  g_assert_true (dossier_sandbox_config_add_key (config, "seed-flow-key:3", &error));
  dossier_sandbox_config_set_review_delay (config, 0.2);
  sandbox = dossier_sandbox_new (config);
  g_assert_true (dossier_sandbox_start (sandbox, &error));
  say ("sandbox listening on %s", dossier_sandbox_get_uri (sandbox));

  account = dossier_account_new_for_sandbox (dossier_sandbox_get_uri (sandbox), "seed-flow-key");
  api = dossier_api_new_for_account (account);

  /* 1. create */
  dossier_api_create_client_from_json_async (api, maria, DOSSIER_API_PRIORITY_USER, NULL, api_test_catch, &r1);
  client = dossier_api_create_client_finish (api, api_test_wait (&r1, 30), &error);
  g_assert_no_error (error);
  client_id = dossier_client_get_id (client);
  g_assert_cmpstr (dossier_client_get_status (client), ==, "pending");
  say ("1. created Maria Barber: client %s, status %s", client_id, dossier_client_get_status (client));

  /* 2. request the product */
  dossier_api_request_product_async (api, client_id, "cards_individuals", DOSSIER_API_PRIORITY_USER,
                                     NULL, api_test_catch, &r2);
  request = dossier_api_request_product_finish (api, api_test_wait (&r2, 30), &error);
  g_assert_no_error (error);
  request_id = dossier_product_request_get_id (request);
  g_assert_cmpint (dossier_product_request_get_status (request), ==, DOSSIER_REQUEST_STATUS_PENDING_DOCUMENTATION);
  say ("2. requested cards_individuals: request %s, status %s", request_id,
       dossier_product_request_get_status_raw (request));

  /* 3. PUT the whole client (from a fresh GET) with the phone */
  dossier_api_get_client_async (api, client_id, DOSSIER_API_PRIORITY_USER, NULL, api_test_catch, &r3);
  current = dossier_api_get_client_finish (api, api_test_wait (&r3, 30), &error);
  g_assert_no_error (error);
  dossier_client_set_phone_country_code (current, "54");
  dossier_client_set_phone_number (current, "1168860622");
  dossier_api_update_client_async (api, current, DOSSIER_API_PRIORITY_USER, NULL, api_test_catch, &r4);
  updated = dossier_api_update_client_finish (api, api_test_wait (&r4, 30), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (dossier_client_get_phone_number (updated), ==, "1168860622");
  say ("3. updated the client with phone +%s %s", dossier_client_get_phone_country_code (updated),
       dossier_client_get_phone_number (updated));

  /* 4. upload the passport */
  document_text = g_strdup_printf ("{\"document_type\":\"passport\",\"image_front\":\"%s\","
                                   "\"metadata\":{\"number\":\"AB1234567\",\"issuing_country\":\"ARG\"}}", image);
  document = json_from_string (document_text, NULL);
  dossier_api_upload_document_async (api, client_id, request_id, document, DOSSIER_API_PRIORITY_USER,
                                     NULL, api_test_catch, &r5);
  uploaded = dossier_api_upload_document_finish (api, api_test_wait (&r5, 60), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (dossier_product_request_get_rejected_items (uploaded)->len, ==, 0);
  g_assert_cmpint (dossier_product_request_get_status (uploaded), ==, DOSSIER_REQUEST_STATUS_PENDING_DOCUMENTATION);
  say ("4. uploaded a %zu-character passport JPEG data URI: 0 rejected items, status %s",
       strlen (image), dossier_product_request_get_status_raw (uploaded));

  /* 5. submit */
  dossier_api_submit_async (api, client_id, request_id, DOSSIER_API_PRIORITY_USER, NULL, api_test_catch, &r6);
  submitted = dossier_api_submit_finish (api, api_test_wait (&r6, 30), &error);
  g_assert_no_error (error);
  g_assert_cmpint (dossier_product_request_get_status (submitted), ==, DOSSIER_REQUEST_STATUS_IN_KYC);
  say ("5. submitted: status %s", dossier_product_request_get_status_raw (submitted));
  submitted_at = g_get_monotonic_time ();

  /* 6. poll the client's products until the review is over */
  while (status == DOSSIER_REQUEST_STATUS_IN_KYC)
    {
      g_autoptr(GAsyncResult) r = NULL;
      g_autoptr(GPtrArray) products = NULL;

      api_test_sleep (100);
      dossier_api_list_products_async (api, client_id, DOSSIER_API_PRIORITY_BACKGROUND, NULL, api_test_catch, &r);
      products = dossier_api_list_products_finish (api, api_test_wait (&r, 30), &error);
      g_assert_no_error (error);
      g_assert_cmpuint (products->len, ==, 1);
      status = dossier_product_request_get_status (g_ptr_array_index (products, 0));
      polls++;
      g_assert_cmpint (g_get_monotonic_time () - submitted_at, <, 10 * G_USEC_PER_SEC);
    }
  g_assert_cmpint (status, ==, DOSSIER_REQUEST_STATUS_ENABLED);
  say ("6. after %u polls (%.1f s): status %s", polls,
       (g_get_monotonic_time () - submitted_at) / 1e6, dossier_request_status_to_string (status));

  dossier_api_get_client_async (api, client_id, DOSSIER_API_PRIORITY_USER, NULL, api_test_catch, &r7);
  final = dossier_api_get_client_finish (api, api_test_wait (&r7, 30), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (dossier_client_get_status (final), ==, "active");
  say ("   the client is now %s", dossier_client_get_status (final));

  dossier_sandbox_stop (sandbox);
}

int
main (int argc, char *argv[])
{
  as_test = argc > 1;

  if (!as_test)
    {
      seed_flow ();
      return 0;
    }

  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/dossier/core/api/sandbox/seed-flow", seed_flow);

  return g_test_run ();
}
