/* test-api-sandbox.c — every DossierApi call against the real embedded sandbox
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Real HTTP on 127.0.0.1 (random port) through DossierSandbox on its own
 * thread; errors, retries against fault injection, and a 429 storm.
 */
#include "config.h"

#include "api-test-utils.h"

#define KEY     "api-test-key-3"
#define LOW_KEY "api-test-key-1"

typedef struct
{
  DossierSandbox *sandbox;
  DossierApi     *api;
  DossierApi     *low_api;
  SoupSession    *admin;
  GArray         *starts;   /* monotonic µs of every attempt of api */
} Fixture;

static const char *maria_body =
  "{\"first_name\":\"Maria\",\"second_name\":\"Julia\",\"last_name\":\"Barber\","
  "\"email\":\"%s\",\"birth_date\":\"1984-11-21\","
  "\"address\":{\"street_line1\":\"Florida 9860\",\"city\":\"Del Viso\",\"postal_code\":\"1669\","
  "\"state\":\"ARG-B\",\"country\":\"ARG\"},\"favourite_colour\":{\"name\":\"blue\"}}";

static void
attempt_started_cb (DossierScheduler *scheduler,
                    const char       *method,
                    int               priority,
                    Fixture          *f)
{
  gint64 now = g_get_monotonic_time ();
  g_array_append_val (f->starts, now);
}

static void
setup_with_rate (Fixture *f,
                 guint    rate_limit)
{
  g_autoptr(DossierSandboxConfig) config = dossier_sandbox_config_new ();
  g_autoptr(GError) error = NULL;

  g_assert_true (dossier_sandbox_config_add_key (config, KEY ":3", &error));
  g_assert_true (dossier_sandbox_config_add_key (config, LOW_KEY ":1", &error));
  dossier_sandbox_config_set_rate_limit (config, rate_limit);
  dossier_sandbox_config_set_review_delay (config, 0.2);

  f->sandbox = dossier_sandbox_new (config);
  g_assert_true (dossier_sandbox_start (f->sandbox, &error));
  g_assert_no_error (error);

  f->api = dossier_api_new (dossier_sandbox_get_uri (f->sandbox), KEY);
  f->low_api = dossier_api_new (dossier_sandbox_get_uri (f->sandbox), LOW_KEY);
  f->admin = soup_session_new ();
  f->starts = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_signal_connect (dossier_api_get_scheduler (f->api), "attempt-started",
                    G_CALLBACK (attempt_started_cb), f);
}

static void
setup (Fixture *f, gconstpointer data)
{
  setup_with_rate (f, 0);
}

static void
teardown (Fixture *f, gconstpointer data)
{
  g_assert_finalize_object (f->api);
  g_assert_finalize_object (f->low_api);
  g_object_unref (f->admin);
  dossier_sandbox_stop (f->sandbox);
  g_object_unref (f->sandbox);
  g_array_unref (f->starts);
}

static JsonNode *
admin (Fixture *f, const char *method, const char *path, const char *body)
{
  return api_test_admin (f->admin, dossier_sandbox_get_uri (f->sandbox), method, path, body);
}

static void
arm (Fixture *f, const char *fault)
{
  g_autoptr(JsonNode) node = admin (f, "POST", "/_sandbox/faults", fault);
  g_assert_nonnull (node);
}

static DossierClient *
create_client (Fixture *f, DossierApi *api, const char *email, GError **error)
{
  g_autofree char *text = g_strdup_printf (maria_body, email);
  g_autoptr(JsonNode) body = json_from_string (text, NULL);
  g_autoptr(GAsyncResult) result = NULL;

  dossier_api_create_client_from_json_async (api, body, DOSSIER_API_PRIORITY_USER, NULL, api_test_catch, &result);
  return dossier_api_create_client_finish (api, api_test_wait (&result, 30), error);
}

static DossierClient *
get_client (DossierApi *api, const char *id, GError **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  dossier_api_get_client_async (api, id, DOSSIER_API_PRIORITY_VISIBLE, NULL, api_test_catch, &result);
  return dossier_api_get_client_finish (api, api_test_wait (&result, 30), error);
}

static DossierProductRequest *
request_product (DossierApi *api, const char *id, const char *product, GError **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  dossier_api_request_product_async (api, id, product, DOSSIER_API_PRIORITY_USER, NULL, api_test_catch, &result);
  return dossier_api_request_product_finish (api, api_test_wait (&result, 30), error);
}

static GPtrArray *
list_products (DossierApi *api, const char *id, GError **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  dossier_api_list_products_async (api, id, DOSSIER_API_PRIORITY_BACKGROUND, NULL, api_test_catch, &result);
  return dossier_api_list_products_finish (api, api_test_wait (&result, 30), error);
}

static void
assert_trace_id (const GError *error)
{
  const char *trace = dossier_api_error_get_trace_id (error);

  g_assert_nonnull (trace);
  g_assert_cmpuint (strlen (trace), ==, 32);
}

static void
test_clients (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DossierClient) created = create_client (f, f->api, "mjuliabarber@example.com", &error);
  g_autoptr(DossierClient) fetched = NULL;
  g_autoptr(DossierClient) updated = NULL;
  g_autoptr(DossierClient) second = dossier_client_new ();
  g_autoptr(DossierClient) second_created = NULL;
  g_autoptr(GPtrArray) clients = NULL;
  g_autoptr(GAsyncResult) r1 = NULL;
  g_autoptr(GAsyncResult) r2 = NULL;
  g_autoptr(GAsyncResult) r3 = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (strlen (dossier_client_get_id (created)), ==, 32);
  g_assert_cmpstr (dossier_client_get_status (created), ==, "pending");

  fetched = get_client (f->api, dossier_client_get_id (created), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (dossier_client_get_email (fetched), ==, "mjuliabarber@example.com");
  {
    g_autoptr(JsonNode) colour = dossier_client_get_member (fetched, "favourite_colour");

    g_assert_nonnull (colour);
  }

  /* PUT the whole client with a phone: the unknown member survives */
  dossier_client_set_phone_country_code (fetched, "54");
  dossier_client_set_phone_number (fetched, "1168860622");
  dossier_api_update_client_async (f->api, fetched, DOSSIER_API_PRIORITY_USER, NULL, api_test_catch, &r1);
  updated = dossier_api_update_client_finish (f->api, api_test_wait (&r1, 30), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (dossier_client_get_phone_country_code (updated), ==, "54");
  g_assert_cmpstr (dossier_client_get_phone_number (updated), ==, "1168860622");
  {
    g_autoptr(JsonNode) colour = dossier_client_get_member (updated, "favourite_colour");

    g_assert_nonnull (colour);
  }

  /* create from a DossierClient */
  dossier_client_set_first_name (second, "Ana");
  dossier_client_set_last_name (second, "Pérez");
  dossier_client_set_email (second, "ana@example.com");
  dossier_client_set_birth_date (second, "1990-01-02");
  dossier_client_set_street_line1 (second, "Calle 1");
  dossier_client_set_city (second, "Rosario");
  dossier_client_set_country (second, "ARG");
  dossier_api_create_client_async (f->api, second, DOSSIER_API_PRIORITY_USER, NULL, api_test_catch, &r2);
  second_created = dossier_api_create_client_finish (f->api, api_test_wait (&r2, 30), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (dossier_client_get_last_name (second_created), ==, "Pérez");

  dossier_api_list_clients_async (f->api, DOSSIER_API_PRIORITY_VISIBLE, NULL, api_test_catch, &r3);
  clients = dossier_api_list_clients_finish (f->api, api_test_wait (&r3, 30), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (clients->len, ==, 2);
  g_assert_cmpstr (dossier_client_get_id (g_ptr_array_index (clients, 0)), ==, dossier_client_get_id (created));
  g_assert_cmpuint (f->starts->len, ==, 5);
}

static void
test_products (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DossierClient) client = create_client (f, f->api, "products@example.com", &error);
  const char *id = dossier_client_get_id (client);
  g_autoptr(DossierProductRequest) request = request_product (f->api, id, "cards_individuals", &error);
  g_autoptr(DossierProductRequest) uploaded = NULL;
  g_autoptr(DossierProductRequest) submitted = NULL;
  g_autoptr(GPtrArray) products = NULL;
  g_autoptr(GAsyncResult) r1 = NULL;
  g_autoptr(GAsyncResult) r2 = NULL;
  g_autoptr(JsonNode) document = json_from_string ("{\"document_type\":\"passport\","
                                                   "\"image_front\":\"data:image/jpeg;base64,AAAA\","
                                                   "\"metadata\":{\"number\":\"AB1234567\"}}", NULL);
  GPtrArray *rejected;

  g_assert_no_error (error);
  g_assert_cmpint (dossier_product_request_get_status (request), ==, DOSSIER_REQUEST_STATUS_PENDING_DOCUMENTATION);
  g_assert_cmpstr (dossier_product_request_get_client_id (request), ==, id);

  products = list_products (f->api, id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (products->len, ==, 1);
  g_assert_cmpstr (dossier_product_request_get_id (g_ptr_array_index (products, 0)), ==,
                   dossier_product_request_get_id (request));

  /* a broken image comes back as a rejected item in a 200 */
  dossier_api_upload_document_async (f->api, id, dossier_product_request_get_id (request), document,
                                     DOSSIER_API_PRIORITY_USER, NULL, api_test_catch, &r1);
  uploaded = dossier_api_upload_document_finish (f->api, api_test_wait (&r1, 30), &error);
  g_assert_no_error (error);
  rejected = dossier_product_request_get_rejected_items (uploaded);
  g_assert_nonnull (rejected);
  g_assert_cmpuint (rejected->len, ==, 1);
  g_assert_cmpstr (((DossierRejectedItem *) g_ptr_array_index (rejected, 0))->key, ==, "passport");

  /* submit with gaps: 200, still pending_documentation */
  dossier_api_submit_async (f->api, id, dossier_product_request_get_id (request),
                            DOSSIER_API_PRIORITY_USER, NULL, api_test_catch, &r2);
  submitted = dossier_api_submit_finish (f->api, api_test_wait (&r2, 30), &error);
  g_assert_no_error (error);
  g_assert_cmpint (dossier_product_request_get_status (submitted), ==, DOSSIER_REQUEST_STATUS_PENDING_DOCUMENTATION);
}

static void
assert_no_key (const GError *error)
{
  g_assert_null (strstr (error->message, KEY));
  g_assert_null (strstr (error->message, LOW_KEY));
}

static void
test_errors (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DossierClient) client = create_client (f, f->low_api, "low@example.com", &error);
  g_autoptr(DossierProductRequest) request = NULL;
  g_autoptr(DossierClient) missing = NULL;
  g_autoptr(DossierClient) duplicate = NULL;
  g_autoptr(DossierClient) invalid = NULL;
  g_autoptr(DossierClient) wrong_type = NULL;
  g_autoptr(JsonNode) no_email = json_from_string ("{\"first_name\":\"A\",\"last_name\":\"B\",\"birth_date\":\"1980-01-01\","
                                                   "\"address\":{\"street_line1\":\"x\",\"city\":\"y\",\"country\":\"ARG\"}}", NULL);
  g_autoptr(JsonNode) bad_type = json_from_string ("{\"first_name\":7}", NULL);
  g_autoptr(GAsyncResult) r1 = NULL;
  g_autoptr(GAsyncResult) r2 = NULL;

  /* a level-1 key creates clients but cannot request products (level 3) */
  g_assert_no_error (error);
  request = request_product (f->low_api, dossier_client_get_id (client), "cards_individuals", &error);
  g_assert_null (request);
  g_assert_error (error, DOSSIER_API_ERROR, DOSSIER_API_ERROR_INVALID_KEY);
  g_assert_cmpuint (dossier_api_error_get_status (error), ==, 401);
  g_assert_cmpuint (dossier_api_error_get_access_level (error), ==, 3);
  g_assert_cmpstr (dossier_api_error_get_code (error), ==, "API_ERROR");
  g_assert_cmpstr (error->message, ==, "The API key is not allowed to do this (it needs access level 3 or higher)");
  assert_trace_id (error);
  assert_no_key (error);
  g_clear_error (&error);

  missing = get_client (f->api, "00000000000000000000000000000000", &error);
  g_assert_error (error, DOSSIER_API_ERROR, DOSSIER_API_ERROR_NOT_FOUND);
  g_assert_cmpuint (dossier_api_error_get_status (error), ==, 404);
  g_assert_cmpstr (dossier_api_error_get_code (error), ==, "NOT_FOUND");
  assert_trace_id (error);
  g_clear_error (&error);

  dossier_api_create_client_from_json_async (f->api, no_email, DOSSIER_API_PRIORITY_USER, NULL, api_test_catch, &r1);
  invalid = dossier_api_create_client_finish (f->api, api_test_wait (&r1, 30), &error);
  g_assert_error (error, DOSSIER_API_ERROR, DOSSIER_API_ERROR_VALIDATION);
  g_assert_cmpuint (dossier_api_error_get_status (error), ==, 412);
  g_assert_cmpstr (dossier_api_error_get_field (error), ==, "email");
  g_assert_cmpstr (error->message, ==, dossier_api_error_get_server_message (error));
  assert_trace_id (error);
  g_clear_error (&error);

  dossier_api_create_client_from_json_async (f->api, bad_type, DOSSIER_API_PRIORITY_USER, NULL, api_test_catch, &r2);
  wrong_type = dossier_api_create_client_finish (f->api, api_test_wait (&r2, 30), &error);
  g_assert_error (error, DOSSIER_API_ERROR, DOSSIER_API_ERROR_BAD_REQUEST);
  g_assert_cmpuint (dossier_api_error_get_status (error), ==, 400);
  g_assert_cmpstr (dossier_api_error_get_field (error), ==, "first_name");
  g_clear_error (&error);

  duplicate = create_client (f, f->api, "LOW@example.com", &error);
  g_assert_error (error, DOSSIER_API_ERROR, DOSSIER_API_ERROR_VALIDATION);
  g_assert_cmpstr (dossier_api_error_get_code (error), ==, "DUPLICATE_CLIENT");
  g_clear_error (&error);

  request = request_product (f->api, dossier_client_get_id (client), "cards_individual", &error);
  g_assert_error (error, DOSSIER_API_ERROR, DOSSIER_API_ERROR_VALIDATION);
  g_assert_cmpstr (dossier_api_error_get_code (error), ==, "UNKNOWN_PRODUCT");
  assert_no_key (error);
}

static void
test_fault_retry_get (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DossierClient) client = create_client (f, f->api, "faults@example.com", &error);
  g_autoptr(DossierClient) a = NULL;
  g_autoptr(DossierClient) b = NULL;
  g_autoptr(DossierClient) c = NULL;
  g_autoptr(DossierClient) d = NULL;
  guint before;

  g_assert_no_error (error);

  before = f->starts->len;
  arm (f, "{\"kind\":\"error\",\"status\":503,\"method\":\"GET\"}");
  a = get_client (f->api, dossier_client_get_id (client), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (f->starts->len - before, ==, 2);

  /* Two dropped answers: libsoup itself resends a GET once when a reused
   * connection closes, the scheduler retries the rest; both faults used up. */
  before = f->starts->len;
  arm (f, "{\"kind\":\"drop\",\"method\":\"GET\",\"count\":2}");
  b = get_client (f->api, dossier_client_get_id (client), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (f->starts->len - before, >=, 2);
  {
    g_autoptr(JsonNode) armed = admin (f, "GET", "/_sandbox/faults", NULL);
    g_assert_cmpuint (json_array_get_length (json_node_get_array (armed)), ==, 0);
  }

  /* a delay beyond the deadline on a GET: timed out, retried, succeeds */
  dossier_api_set_timeouts (f->api, 10000, 300, 300);
  before = f->starts->len;
  arm (f, "{\"kind\":\"delay\",\"delay_ms\":1500,\"method\":\"GET\"}");
  c = get_client (f->api, dossier_client_get_id (client), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (f->starts->len - before, ==, 2);

  /* the same on a GET answered by a half JSON body: BAD_RESPONSE, no retry */
  before = f->starts->len;
  arm (f, "{\"kind\":\"malformed\",\"method\":\"GET\"}");
  d = get_client (f->api, dossier_client_get_id (client), &error);
  g_assert_error (error, DOSSIER_API_ERROR, DOSSIER_API_ERROR_BAD_RESPONSE);
  g_assert_cmpuint (f->starts->len - before, ==, 1);
}

static void
test_fault_post (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DossierClient) client = create_client (f, f->api, "post@example.com", &error);
  g_autoptr(DossierProductRequest) request = NULL;
  g_autoptr(DossierProductRequest) submitted = NULL;
  g_autoptr(DossierClient) failed = NULL;
  g_autoptr(GPtrArray) products = NULL;
  g_autoptr(GAsyncResult) r1 = NULL;
  g_autofree char *fault = NULL;
  guint before;

  g_assert_no_error (error);

  /* the answer of POST …/products is lost after the server acted */
  fault = g_strdup_printf ("{\"kind\":\"drop_after\",\"method\":\"POST\","
                           "\"path_prefix\":\"/management/clients/individuals/%s/products\"}",
                           dossier_client_get_id (client));
  arm (f, fault);
  before = f->starts->len;
  request = request_product (f->api, dossier_client_get_id (client), "cards_individuals", &error);
  g_assert_no_error (error);
  g_assert_nonnull (request);
  g_assert_cmpuint (f->starts->len - before, ==, 2);   /* the POST, then the listing */

  products = list_products (f->api, dossier_client_get_id (client), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (products->len, ==, 1);   /* no duplicate */
  g_assert_cmpstr (dossier_product_request_get_id (g_ptr_array_index (products, 0)), ==,
                   dossier_product_request_get_id (request));

  /* a POST is never retried on a 500 */
  before = f->starts->len;
  arm (f, "{\"kind\":\"error\",\"status\":500,\"method\":\"POST\"}");
  failed = create_client (f, f->api, "never@example.com", &error);
  g_assert_error (error, DOSSIER_API_ERROR, DOSSIER_API_ERROR_SERVER);
  g_assert_cmpuint (dossier_api_error_get_status (error), ==, 500);
  assert_trace_id (error);
  g_assert_cmpuint (f->starts->len - before, ==, 1);
  g_clear_error (&error);

  /* a submit beyond its deadline: TIMEOUT, not repeated */
  dossier_api_set_timeouts (f->api, 10000, 300, 300);
  before = f->starts->len;
  arm (f, "{\"kind\":\"delay\",\"delay_ms\":1500,\"method\":\"POST\"}");
  dossier_api_submit_async (f->api, dossier_client_get_id (client), dossier_product_request_get_id (request),
                            DOSSIER_API_PRIORITY_USER, NULL, api_test_catch, &r1);
  submitted = dossier_api_submit_finish (f->api, api_test_wait (&r1, 30), &error);
  g_assert_error (error, DOSSIER_API_ERROR, DOSSIER_API_ERROR_TIMEOUT);
  g_assert_cmpuint (f->starts->len - before, ==, 1);
}

static void
test_cancel (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DossierClient) client = create_client (f, f->api, "cancel@example.com", &error);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(DossierClient) none = NULL;

  g_assert_no_error (error);
  arm (f, "{\"kind\":\"delay\",\"delay_ms\":3000,\"method\":\"GET\"}");
  dossier_api_get_client_async (f->api, dossier_client_get_id (client), DOSSIER_API_PRIORITY_USER,
                                cancellable, api_test_catch, &result);
  api_test_sleep (100);
  g_cancellable_cancel (cancellable);
  none = dossier_api_get_client_finish (f->api, api_test_wait (&result, 2), &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (none);
}

/* ---- the 429 storm ---- */

typedef struct
{
  GAsyncResult *result;
} Slot;

static void
setup_storm (Fixture *f, gconstpointer data)
{
  setup_with_rate (f, 5);
}

static void
test_storm (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DossierClient) client = create_client (f, f->api, "storm@example.com", &error);
  Slot slots[60] = { { NULL } };
  guint ok = 0, limited = 0, max_window = 0;
  gint64 first, last;
  gint64 started = g_get_monotonic_time ();
  guint before;

  g_assert_no_error (error);
  api_test_sleep (1100);   /* a fresh second for the sandbox limiter */
  arm (f, "{\"kind\":\"rate_limit\",\"count\":3,\"retry_after\":1}");
  before = f->starts->len;

  for (guint i = 0; i < G_N_ELEMENTS (slots); i++)
    dossier_api_get_client_async (f->api, dossier_client_get_id (client),
                                  (DossierApiPriority) (i % 3), NULL, api_test_catch, &slots[i].result);

  for (guint i = 0; i < G_N_ELEMENTS (slots); i++)
    {
      g_autoptr(DossierClient) got = NULL;
      g_autoptr(GError) call_error = NULL;

      got = dossier_api_get_client_finish (f->api, api_test_wait (&slots[i].result, 120), &call_error);
      if (got != NULL)
        {
          g_assert_cmpstr (dossier_client_get_id (got), ==, dossier_client_get_id (client));
          ok++;
        }
      else
        {
          /* the only acceptable failure: a clear rate-limited error with its wait */
          g_assert_error (call_error, DOSSIER_API_ERROR, DOSSIER_API_ERROR_RATE_LIMITED);
          g_assert_cmpuint (dossier_api_error_get_retry_after (call_error), >=, 1);
          limited++;
        }
      g_clear_object (&slots[i].result);
    }

  g_assert_cmpuint (ok + limited, ==, 60);
  g_assert_cmpuint (dossier_scheduler_get_n_queued (dossier_api_get_scheduler (f->api)), ==, 0);

  for (guint i = before; i < f->starts->len; i++)
    {
      gint64 t = g_array_index (f->starts, gint64, i);
      guint n = 0;

      for (guint j = before; j < f->starts->len; j++)
        {
          gint64 u = g_array_index (f->starts, gint64, j);
          if (u >= t && u < t + G_USEC_PER_SEC)
            n++;
        }
      max_window = MAX (max_window, n);
    }

  first = g_array_index (f->starts, gint64, before);
  last = g_array_index (f->starts, gint64, f->starts->len - 1);
  g_test_message ("429 storm: 60 calls, %u ok, %u rate-limited, %u requests sent in %.2f s "
                  "(%.2f requests/s on average, at most %u in any 1 s window; sandbox limit 5/s), "
                  "all finished after %.2f s",
                  ok, limited, f->starts->len - before, (last - first) / 1e6,
                  (f->starts->len - before - 1) / ((last - first) / 1e6), max_window,
                  (g_get_monotonic_time () - started) / 1e6);
  g_assert_cmpuint (max_window, <=, 10);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/dossier/core/api/sandbox/clients", Fixture, NULL, setup, test_clients, teardown);
  g_test_add ("/dossier/core/api/sandbox/products", Fixture, NULL, setup, test_products, teardown);
  g_test_add ("/dossier/core/api/sandbox/errors", Fixture, NULL, setup, test_errors, teardown);
  g_test_add ("/dossier/core/api/sandbox/fault-retry-get", Fixture, NULL, setup, test_fault_retry_get, teardown);
  g_test_add ("/dossier/core/api/sandbox/fault-post", Fixture, NULL, setup, test_fault_post, teardown);
  g_test_add ("/dossier/core/api/sandbox/cancel", Fixture, NULL, setup, test_cancel, teardown);
  g_test_add ("/dossier/core/api/sandbox/429-storm", Fixture, NULL, setup_storm, test_storm, teardown);

  return g_test_run ();
}
