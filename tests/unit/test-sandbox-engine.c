/* test-sandbox-engine.c — the sandbox pipeline (CONTRACT.md §1.5) and its messages (§3.4)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "sandbox-test-utils.h"

static void
test_order_auth_before_routing (void)
{
  g_autoptr(DossierSandboxEngine) engine = test_engine ();
  g_auto(Reply) unknown_no_key = call_full (engine, "GET", "/nowhere", NULL, NULL, NULL);
  g_auto(Reply) unknown_bad_key = call_full (engine, "GET", "/nowhere", "wrong", NULL, NULL);
  g_auto(Reply) unknown_empty_key = call_full (engine, "GET", CLIENTS, "", NULL, NULL);
  g_auto(Reply) unknown_route = call (engine, "GET", "/nowhere", NULL);
  g_auto(Reply) trailing = call (engine, "GET", CLIENTS "/", NULL);
  const char *denied = "Access denied. The API Key is not authorized to do this operation.";

  assert_error (&unknown_no_key, 401, "API_ERROR", denied);
  assert_error (&unknown_bad_key, 401, "API_ERROR", denied);
  assert_error (&unknown_empty_key, 401, "API_ERROR", denied);
  assert_error (&unknown_route, 404, "NOT_FOUND", "Resource not found");
  assert_error (&trailing, 404, "NOT_FOUND", "Resource not found");
}

static void
test_order_method_and_level (void)
{
  g_autoptr(DossierSandboxEngine) engine = test_engine ();
  g_autofree char *id = create_client (engine, "Barber", "a@example.com", NULL);
  g_autofree char *path = g_strdup_printf (CLIENTS "/%s", id);
  g_auto(Reply) collection = call (engine, "DELETE", CLIENTS, NULL);
  g_auto(Reply) item = call (engine, "POST", path, NULL);
  g_auto(Reply) level_low = call_full (engine, "PUT", path, KEY1, NULL, "{");
  g_auto(Reply) level_low_unknown = call_full (engine, "PUT", CLIENTS "/x/y/z", KEY1, NULL, NULL);
  g_auto(Reply) level_ok = call_full (engine, "GET", path, KEY1, NULL, NULL);

  assert_error (&collection, 405, "METHOD_NOT_ALLOWED",
                "Method DELETE is not allowed on /management/clients/individuals");
  g_assert_cmpstr (soup_message_headers_get_one (collection.response->headers, "Allow"), ==, "GET, POST");
  assert_error (&item, 405, "METHOD_NOT_ALLOWED", NULL);
  g_assert_cmpstr (soup_message_headers_get_one (item.response->headers, "Allow"), ==, "GET, PUT");
  assert_error (&level_low, 401, "API_ERROR", NULL);
  assert_error (&level_low_unknown, 404, "NOT_FOUND", "Resource not found");
  assert_ok (&level_ok);
}

static void
test_order_404_400_412 (void)
{
  g_autoptr(DossierSandboxEngine) engine = test_engine ();
  g_autofree char *id = create_client (engine, "Barber", "a@example.com", NULL);
  g_autofree char *path = g_strdup_printf (CLIENTS "/%s", id);
  g_autofree char *bad_request = g_strdup_printf (CLIENTS "/%s/products/nope/submit", id);
  g_auto(Reply) missing = call (engine, "PUT", CLIENTS "/QQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQ", "{");
  g_auto(Reply) missing_request = call (engine, "POST", bad_request, NULL);
  g_auto(Reply) syntax = call (engine, "PUT", path, "{");
  g_auto(Reply) empty = call (engine, "PUT", path, NULL);
  g_auto(Reply) array = call (engine, "PUT", path, "[]");
  g_auto(Reply) invalid = call (engine, "PUT", path, "{}");
  g_autoptr(GString) deep = g_string_new (NULL);
  g_auto(Reply) too_deep = { NULL, NULL };

  for (guint i = 0; i < 65; i++)
    g_string_append (deep, i == 0 ? "{\"a\":" : "[");
  for (guint i = 0; i < 64; i++)
    g_string_append (deep, "]");
  g_string_append (deep, "}");
  too_deep = call (engine, "PUT", path, deep->str);

  assert_error (&missing, 404, "NOT_FOUND",
                "Individual client not found with id: QQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQ");
  assert_error (&missing_request, 404, "NOT_FOUND", "Product request not found with id: nope");
  assert_error (&syntax, 400, "BAD_REQUEST", NULL);
  g_assert_true (g_str_has_prefix (reply_string (&syntax, "message"), "Malformed JSON body: "));
  assert_error (&empty, 400, "BAD_REQUEST", NULL);
  assert_error (&array, 400, "BAD_REQUEST", "Request body must be a JSON object");
  assert_error (&too_deep, 400, "BAD_REQUEST", "Request body nests deeper than 64 levels");
  assert_error (&invalid, 412, "VALIDATION_ERROR",
                "Validation failed: first_name: is required; last_name: is required; "
                "email: is required; birth_date: is required; address: is required");
}

static void
test_wrong_types (void)
{
  g_autoptr(DossierSandboxEngine) engine = test_engine ();
  struct { const char *extra; const char *message; } cases[] = {
    { "\"first_name\":7", "Invalid request body: first_name: must be a string" },
    { "\"address\":\"Florida 9860\"", "Invalid request body: address: must be an object" },
    { "\"phone_number\":\"1168860622\"", "Invalid request body: phone_number: must be an integer" },
    { "\"phone_country_code\":54.0", "Invalid request body: phone_country_code: must be an integer" },
    { "\"annual_salary\":\"lots\"", "Invalid request body: annual_salary: must be a number" },
    { "\"address\":{\"street_line_1\":5}", "Invalid request body: address.street_line_1: must be a string" },
    { "\"last_name\":1,\"address\":{\"city\":2}", "Invalid request body: last_name: must be a string" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *body = g_strdup_printf ("{%s}", cases[i].extra);
      g_auto(Reply) reply = call (engine, "POST", CLIENTS, body);

      assert_error (&reply, 400, "BAD_REQUEST", cases[i].message);
    }
}

static void
test_validation_messages (void)
{
  g_autoptr(DossierSandboxEngine) engine = test_engine ();
  g_autofree char *long_name = g_strnfill (101, 'x');
  g_autofree char *body = g_strdup_printf ("{\"first_name\":\" \",\"second_name\":\"%s\",\"last_name\":\"B\","
                                           "\"email\":\"nope\",\"birth_date\":\"2026-04-16\","
                                           "\"phone_country_code\":1000,"
                                           "\"address\":{\"city\":\"X\",\"country\":\"arg\"},"
                                           "\"occupation\":\"\"}", long_name);
  g_auto(Reply) reply = call (engine, "POST", CLIENTS, body);
  g_auto(Reply) phone = { NULL, NULL };
  g_autofree char *phone_body = client_body ("B", "b@example.com", "\"phone_number\":5");
  g_autofree char *ok_id = create_client (engine, "Barber", "Maria@Example.com", NULL);
  g_autofree char *dup_body = client_body ("Other", "MARIA@example.COM", NULL);
  g_auto(Reply) duplicate = call (engine, "POST", CLIENTS, dup_body);
  g_autofree char *path = g_strdup_printf (CLIENTS "/%s", ok_id);
  g_autofree char *own_body = client_body ("Barber", "maria@example.com", NULL);
  g_auto(Reply) own = call (engine, "PUT", path, own_body);

  assert_error (&reply, 412, "VALIDATION_ERROR", NULL);
  g_test_message ("%s", reply_string (&reply, "message"));
  g_assert_true (g_str_has_prefix (reply_string (&reply, "message"),
                                   "Validation failed: first_name: must not be blank; second_name: "));
  g_assert_nonnull (strstr (reply_string (&reply, "message"),
                            "email: must be an email address; birth_date: must not be in the future; "
                            "phone_country_code: must be between 1 and 999; "
                            "phone_number: is required when phone_country_code is given; "
                            "address.street_line1: is required; "
                            "address.country: must be an ISO 3166-1 alpha-3 country code; occupation: "));
  phone = call (engine, "POST", CLIENTS, phone_body);
  assert_error (&phone, 412, "VALIDATION_ERROR",
                "Validation failed: phone_country_code: is required when phone_number is given");
  assert_error (&duplicate, 412, "DUPLICATE_CLIENT",
                "Duplicate Client: a client with email MARIA@example.COM already exists");
  assert_ok (&own);
}

static void
test_framing_and_rate_limit (void)
{
  g_autoptr(DossierSandboxConfig) config = test_config ();
  g_autoptr(DossierSandboxEngine) engine = NULL;
  g_autoptr(SoupMessageHeaders) chunked = soup_message_headers_new (SOUP_MESSAGE_HEADERS_REQUEST);
  g_autoptr(SoupMessageHeaders) large = soup_message_headers_new (SOUP_MESSAGE_HEADERS_REQUEST);
  DossierSandboxRequestLine line = { "POST", CLIENTS, chunked, "127.0.0.1" };
  g_autoptr(DossierSandboxExchange) exchange = NULL;
  g_auto(Reply) too_large = { NULL, NULL };
  g_auto(Reply) first = { NULL, NULL };
  g_auto(Reply) limited = { NULL, NULL };
  g_auto(Reply) admin = { NULL, NULL };

  dossier_sandbox_config_set_rate_limit (config, 3);
  engine = test_engine_new (config);
  soup_message_headers_replace (chunked, "Transfer-Encoding", "chunked");
  soup_message_headers_replace (large, "Content-Length", "40000000");

  exchange = dossier_sandbox_engine_begin (engine, &line);
  g_assert_cmpint (dossier_sandbox_exchange_get_action (exchange), ==, DOSSIER_SANDBOX_ACTION_RESPOND_AND_CLOSE);
  g_assert_cmpuint (dossier_sandbox_exchange_get_response (exchange)->status, ==, 411);

  too_large = call_full (engine, "POST", CLIENTS, NULL, large, NULL);
  assert_error (&too_large, 413, "PAYLOAD_TOO_LARGE", "Request body exceeds 33554432 bytes");
  first = call (engine, "GET", CLIENTS, NULL);
  assert_ok (&first);
  limited = call (engine, "GET", CLIENTS, NULL);
  g_assert_cmpuint (limited.response->status, ==, 429);
  g_assert_cmpstr (reply_string (&limited, "error_code"), ==, "TOO_MANY_REQUESTS");
  g_assert_cmpstr (reply_string (&limited, "message"), ==, "Rate limit exceeded. Retry after 1 seconds");
  g_assert_cmpstr (soup_message_headers_get_one (limited.response->headers, "Retry-After"), ==, "1");
  admin = call_full (engine, "GET", "/_sandbox/info", NULL, NULL, NULL);
  assert_ok (&admin);
}

static void
test_faults (void)
{
  g_autoptr(DossierSandboxEngine) engine = test_engine ();
  g_auto(Reply) armed = call_full (engine, "POST", "/_sandbox/faults", NULL, NULL,
                                   "{\"kind\":\"error\",\"status\":503,\"count\":1}");
  g_auto(Reply) failed = call (engine, "GET", CLIENTS, NULL);
  g_auto(Reply) again = call (engine, "GET", CLIENTS, NULL);
  g_auto(Reply) drop_after = call_full (engine, "POST", "/_sandbox/faults", NULL, NULL,
                                        "{\"kind\":\"drop_after\",\"method\":\"POST\"}");
  g_autofree char *body = client_body ("Barber", "drop@example.com", NULL);
  g_auto(Reply) dropped = call (engine, "POST", CLIENTS, body);
  g_auto(Reply) list = call (engine, "GET", CLIENTS, NULL);
  g_auto(Reply) cleared = call_full (engine, "DELETE", "/_sandbox/faults", NULL, NULL, NULL);

  assert_ok (&armed);
  assert_error (&failed, 503, "INTERNAL_ERROR", "Injected fault");
  assert_ok (&again);
  assert_ok (&drop_after);
  g_assert_null (dropped.response);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (list.root)), ==, 1);
  g_assert_cmpint (json_object_get_int_member (reply_object (&cleared), "cleared"), ==, 0);
}

static void
test_admin_routes (void)
{
  g_autoptr(DossierSandboxConfig) config = test_config ();
  g_autoptr(DossierSandboxEngine) engine = test_engine ();
  g_autoptr(DossierSandboxEngine) no_admin = NULL;
  g_auto(Reply) info = call_full (engine, "GET", "/_sandbox/info", NULL, NULL, NULL);
  g_auto(Reply) wrong = call_full (engine, "PUT", "/_sandbox/clock", NULL, NULL, NULL);
  g_auto(Reply) unknown = call_full (engine, "GET", "/_sandbox/nothing", NULL, NULL, NULL);
  g_auto(Reply) review = call_full (engine, "POST", "/_sandbox/requests/abc/review", NULL, NULL, "[");
  g_auto(Reply) clock_bad = call_full (engine, "POST", "/_sandbox/clock", NULL, NULL, "{\"advance_seconds\":-1}");
  g_auto(Reply) clock = call_full (engine, "POST", "/_sandbox/clock", NULL, NULL, "{\"advance_seconds\":90}");
  g_auto(Reply) hidden = { NULL, NULL };
  g_auto(Reply) hidden_key = { NULL, NULL };
  JsonArray *products;

  assert_ok (&info);
  g_assert_cmpstr (reply_string (&info, "name"), ==, "dossier-sandbox");
  g_assert_cmpstr (reply_string (&info, "now"), ==, "2026-04-15T10:30:00");
  g_assert_cmpint (json_object_get_int_member (reply_object (&info), "max_body_bytes"), ==, 33554432);
  products = json_object_get_array_member (reply_object (&info), "products");
  g_assert_cmpstr (json_array_get_string_element (products, 0), ==, "cards_individuals");
  assert_error (&wrong, 405, "METHOD_NOT_ALLOWED", "Method PUT is not allowed on /_sandbox/clock");
  g_assert_cmpstr (soup_message_headers_get_one (wrong.response->headers, "Allow"), ==, "GET, POST");
  assert_error (&unknown, 404, "NOT_FOUND", "Resource not found");
  assert_error (&review, 404, "NOT_FOUND", "Product request not found with id: abc");
  assert_error (&clock_bad, 400, "BAD_REQUEST", NULL);
  assert_ok (&clock);
  g_assert_cmpstr (reply_string (&clock, "now"), ==, "2026-04-15T10:31:30");
  g_assert_cmpint (json_object_get_int_member (reply_object (&clock), "offset_seconds"), ==, 90);

  dossier_sandbox_config_set_admin (config, FALSE);
  no_admin = test_engine_new (config);
  hidden = call_full (no_admin, "GET", "/_sandbox/info", NULL, NULL, NULL);
  hidden_key = call (no_admin, "GET", "/_sandbox/info", NULL);
  assert_error (&hidden, 401, "API_ERROR", NULL);
  assert_error (&hidden_key, 404, "NOT_FOUND", "Resource not found");
}

static void
test_config_keys (void)
{
  g_autoptr(DossierSandboxConfig) config = dossier_sandbox_config_new ();
  g_autoptr(GError) error = NULL;

  g_assert_true (dossier_sandbox_config_add_key (config, "abc:def", NULL));
  g_assert_true (dossier_sandbox_config_add_key (config, "abc:7", NULL));
  g_assert_false (dossier_sandbox_config_add_key (config, "abc:10", &error));
  g_assert_error (error, DOSSIER_SANDBOX_ERROR, DOSSIER_SANDBOX_ERROR_CONFIG);
  g_clear_error (&error);
  g_assert_false (dossier_sandbox_config_add_key (config, "has space", &error));
  g_assert_error (error, DOSSIER_SANDBOX_ERROR, DOSSIER_SANDBOX_ERROR_CONFIG);
  g_clear_error (&error);
  g_assert_false (dossier_sandbox_config_add_key (config, ":3", &error));
  g_assert_error (error, DOSSIER_SANDBOX_ERROR, DOSSIER_SANDBOX_ERROR_CONFIG);
}

/* The cached client bytes keep GET /…/{id} cheap (the benchmark compares it with nginx). */
static void
test_get_client_speed (void)
{
  g_autoptr(DossierSandboxEngine) engine = test_engine ();
  g_autofree char *id = create_client (engine, "Barber", "speed@example.com", NULL);
  g_autofree char *path = g_strdup_printf (CLIENTS "/%s", id);
  g_autoptr(SoupMessageHeaders) headers = soup_message_headers_new (SOUP_MESSAGE_HEADERS_REQUEST);
  const guint n = 20000;
  gint64 start, elapsed;

  soup_message_headers_replace (headers, "x-api-key", KEY3);
  start = g_get_monotonic_time ();
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(DossierSandboxResponse) response =
        dossier_sandbox_engine_dispatch (engine, "GET", path, headers, "127.0.0.1", NULL);

      g_assert_cmpuint (response->status, ==, 200);
    }
  elapsed = g_get_monotonic_time () - start;
  g_test_message ("GET client: %.2f us per request", (double) elapsed / n);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/dossier/sandbox/engine/order/auth-before-routing", test_order_auth_before_routing);
  g_test_add_func ("/dossier/sandbox/engine/order/method-and-level", test_order_method_and_level);
  g_test_add_func ("/dossier/sandbox/engine/order/404-400-412", test_order_404_400_412);
  g_test_add_func ("/dossier/sandbox/engine/messages/wrong-types", test_wrong_types);
  g_test_add_func ("/dossier/sandbox/engine/messages/validation", test_validation_messages);
  g_test_add_func ("/dossier/sandbox/engine/framing-and-rate-limit", test_framing_and_rate_limit);
  g_test_add_func ("/dossier/sandbox/engine/faults", test_faults);
  g_test_add_func ("/dossier/sandbox/engine/admin/routes", test_admin_routes);
  g_test_add_func ("/dossier/sandbox/engine/config/keys", test_config_keys);
  g_test_add_func ("/dossier/sandbox/engine/get-client-speed", test_get_client_speed);

  return g_test_run ();
}
