/* test-http-errors.c — every error status of the contract over HTTP
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * CONTRACT.md §1.5 (order of checks), §2 (401), §3 (envelope, 400 vs 412,
 * messages), §8 (per-endpoint errors).
 */
#include "config.h"

#include <string.h>

#include "dossier-sandbox-fixture.h"

#define ACCESS_DENIED "Access denied. The API Key is not authorized to do this operation."
#define UNKNOWN_ID "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"

static void
test_unauthorized (DsFixture     *f,
                   gconstpointer  data)
{
  g_autofree char *client_id = ds_create_client (f, "Barber", "auth@example.com", FALSE);
  g_autofree char *client_path = g_strdup_printf (DS_CLIENTS "/%s", client_id);
  g_autofree char *products = ds_products_path (client_id, NULL, NULL);
  g_autofree char *body = ds_client_body ("Barber", "auth@example.com", TRUE);
  g_autoptr(SoupMessageHeaders) upper = soup_message_headers_new (SOUP_MESSAGE_HEADERS_REQUEST);
  const char *keys[] = { NULL, "", "no-such-key" };

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      g_autoptr(DsResponse) r = ds_send (f, "GET", DS_CLIENTS, keys[i], NULL);

      ds_assert_error (r, 401, "API_ERROR");
      g_assert_cmpstr (ds_message (r), ==, ACCESS_DENIED);
    }

  /* Header names are case-insensitive. */
  soup_message_headers_append (upper, "X-API-KEY", DS_LOW_KEY);
  {
    g_autoptr(DsResponse) r = ds_send_headers (f, "GET", client_path, upper, NULL);
    ds_assert_status (r, 200);
  }

  /* Level 1 reads and creates; level 3 endpoints refuse it. */
  {
    g_autoptr(DsResponse) get = ds_send (f, "GET", client_path, DS_LOW_KEY, NULL);
    g_autoptr(DsResponse) list = ds_send (f, "GET", products, DS_LOW_KEY, NULL);
    g_autoptr(DsResponse) put = ds_send (f, "PUT", client_path, DS_LOW_KEY, body);
    g_autoptr(DsResponse) req = ds_send (f, "POST", products, DS_LOW_KEY, "{\"subproduct\": \"cards_individuals\"}");
    g_autofree char *request_id = ds_request_product (f, client_id, "cards_individuals");
    g_autofree char *doc_path = ds_products_path (client_id, request_id, "documentation");
    g_autofree char *submit_path = ds_products_path (client_id, request_id, "submit");
    g_autoptr(DsResponse) doc = ds_send (f, "POST", doc_path, DS_LOW_KEY, "{}");
    g_autoptr(DsResponse) sub = ds_send (f, "POST", submit_path, DS_LOW_KEY, NULL);
    g_autoptr(DsResponse) unknown = NULL;
    g_autofree char *unknown_path = g_strdup_printf (DS_CLIENTS "/%s", UNKNOWN_ID);

    ds_assert_status (get, 200);
    ds_assert_status (list, 200);
    ds_assert_error (put, 401, "API_ERROR");
    ds_assert_error (req, 401, "API_ERROR");
    ds_assert_error (doc, 401, "API_ERROR");
    ds_assert_error (sub, 401, "API_ERROR");
    g_assert_cmpstr (ds_message (sub), ==, ACCESS_DENIED);
    /* the access level is checked before the path's resources (§1.5 steps 8, 9) */
    unknown = ds_send (f, "PUT", unknown_path, DS_LOW_KEY, body);
    ds_assert_error (unknown, 401, "API_ERROR");
  }

  /* authentication comes before routing */
  {
    g_autoptr(DsResponse) r = ds_send (f, "GET", "/management/nothing", NULL, NULL);
    ds_assert_error (r, 401, "API_ERROR");
  }
}

static void
test_not_found (DsFixture     *f,
                gconstpointer  data)
{
  g_autofree char *c1 = ds_create_client (f, "Barber", "nf1@example.com", FALSE);
  g_autofree char *c2 = ds_create_client (f, "Barber", "nf2@example.com", FALSE);
  g_autofree char *r2 = ds_request_product (f, c2, "cards_individuals");
  g_autofree char *other_doc = ds_products_path (c1, r2, "documentation");
  g_autofree char *other_submit = ds_products_path (c1, r2, "submit");
  g_autofree char *unknown_req = ds_products_path (c1, UNKNOWN_ID, "submit");
  g_autofree char *unknown_client = g_strdup_printf (DS_CLIENTS "/%s", UNKNOWN_ID);
  g_autofree char *unknown_products = ds_products_path (UNKNOWN_ID, NULL, NULL);
  g_autofree char *msg = NULL;
  g_autoptr(DsResponse) a = ds_send (f, "GET", "/management/unknown", DS_KEY, NULL);
  g_autoptr(DsResponse) b = ds_send (f, "GET", unknown_client, DS_KEY, NULL);
  g_autoptr(DsResponse) c = ds_send (f, "GET", DS_CLIENTS "/short", DS_KEY, NULL);
  g_autoptr(DsResponse) d = ds_send (f, "GET", unknown_products, DS_KEY, NULL);
  g_autoptr(DsResponse) e = ds_send (f, "POST", other_doc, DS_KEY, "{}");
  g_autoptr(DsResponse) g = ds_send (f, "POST", other_submit, DS_KEY, NULL);
  g_autoptr(DsResponse) h = ds_send (f, "POST", unknown_req, DS_KEY, NULL);
  g_autoptr(DsResponse) i = ds_send (f, "GET", DS_CLIENTS "/", DS_KEY, NULL);
  g_autoptr(DsResponse) j = ds_send (f, "PUT", unknown_client, DS_KEY, "{not json");
  g_autoptr(DsResponse) k = ds_send (f, "GET", "/v1/management/clients/individuals", DS_KEY, NULL);

  ds_assert_error (a, 404, "NOT_FOUND");
  g_assert_cmpstr (ds_message (a), ==, "Resource not found");
  ds_assert_error (b, 404, "NOT_FOUND");
  msg = g_strdup_printf ("Individual client not found with id: %s", UNKNOWN_ID);
  g_assert_cmpstr (ds_message (b), ==, msg);
  ds_assert_error (c, 404, "NOT_FOUND");
  ds_assert_error (d, 404, "NOT_FOUND");
  ds_assert_error (e, 404, "NOT_FOUND");
  g_free (msg);
  msg = g_strdup_printf ("Product request not found with id: %s", r2);
  g_assert_cmpstr (ds_message (e), ==, msg);
  ds_assert_error (g, 404, "NOT_FOUND");
  ds_assert_error (h, 404, "NOT_FOUND");
  ds_assert_error (i, 404, "NOT_FOUND");
  /* path resources are checked before the body (§1.5 steps 9, 10) */
  ds_assert_error (j, 404, "NOT_FOUND");
  ds_assert_error (k, 404, "NOT_FOUND");
}

static void
test_method_not_allowed (DsFixture     *f,
                         gconstpointer  data)
{
  g_autofree char *client_id = ds_create_client (f, "Barber", "mna@example.com", FALSE);
  g_autofree char *client_path = g_strdup_printf (DS_CLIENTS "/%s", client_id);
  g_autoptr(DsResponse) a = ds_send (f, "DELETE", DS_CLIENTS, DS_KEY, NULL);
  g_autoptr(DsResponse) b = ds_send (f, "PATCH", client_path, DS_KEY, "{}");
  g_autoptr(DsResponse) c = ds_send (f, "GET", "/_sandbox/reset", NULL, NULL);

  ds_assert_error (a, 405, "METHOD_NOT_ALLOWED");
  g_assert_cmpstr (ds_message (a), ==, "Method DELETE is not allowed on /management/clients/individuals");
  g_assert_cmpstr (soup_message_headers_get_one (a->headers, "Allow"), ==, "GET, POST");
  ds_assert_error (b, 405, "METHOD_NOT_ALLOWED");
  g_assert_cmpstr (soup_message_headers_get_one (b->headers, "Allow"), ==, "GET, PUT");
  ds_assert_error (c, 405, "METHOD_NOT_ALLOWED");
  g_assert_nonnull (soup_message_headers_get_one (c->headers, "Allow"));
}

static void
assert_bad_request (DsFixture  *f,
                    const char *method,
                    const char *path,
                    const char *body,
                    const char *message)
{
  g_autoptr(DsResponse) r = ds_send (f, method, path, DS_KEY, body);

  ds_assert_error (r, 400, "BAD_REQUEST");
  if (g_str_has_suffix (message, "*"))
    {
      g_autofree char *prefix = g_strndup (message, strlen (message) - 1);

      g_assert_true (g_str_has_prefix (ds_message (r), prefix));
    }
  else
    g_assert_cmpstr (ds_message (r), ==, message);
}

static char *
nested (guint depth)
{
  GString *s = g_string_new ("{\"x\": ");

  for (guint i = 1; i < depth; i++)
    g_string_append_c (s, '[');
  for (guint i = 1; i < depth; i++)
    g_string_append_c (s, ']');
  g_string_append_c (s, '}');
  return g_string_free (s, FALSE);
}

static void
test_bad_request (DsFixture     *f,
                  gconstpointer  data)
{
  g_autofree char *client_id = ds_create_client (f, "Barber", "bad@example.com", FALSE);
  g_autofree char *request_id = ds_request_product (f, client_id, "cards_individuals");
  g_autofree char *products = ds_products_path (client_id, NULL, NULL);
  g_autofree char *doc = ds_products_path (client_id, request_id, "documentation");
  g_autofree char *deep = nested (65), *ok_deep = nested (64);
  g_autoptr(DsResponse) deep_ok = NULL;

  assert_bad_request (f, "POST", DS_CLIENTS, "{\"first_name\": ", "Malformed JSON body: *");
  assert_bad_request (f, "POST", DS_CLIENTS, "", "*");
  assert_bad_request (f, "POST", DS_CLIENTS, "  ", "*");
  assert_bad_request (f, "POST", DS_CLIENTS, "[]", "Request body must be a JSON object");
  assert_bad_request (f, "POST", DS_CLIENTS, "\"text\"", "Request body must be a JSON object");
  assert_bad_request (f, "POST", DS_CLIENTS, deep, "Request body nests deeper than 64 levels");
  deep_ok = ds_send (f, "POST", DS_CLIENTS, DS_KEY, ok_deep);
  ds_assert_error (deep_ok, 412, "VALIDATION_ERROR");

  assert_bad_request (f, "POST", DS_CLIENTS, "{\"first_name\": 7}",
                      "Invalid request body: first_name: must be a string");
  assert_bad_request (f, "POST", DS_CLIENTS, "{\"address\": \"Florida 9860\"}",
                      "Invalid request body: address: must be an object");
  assert_bad_request (f, "POST", DS_CLIENTS, "{\"phone_number\": \"1168860622\"}",
                      "Invalid request body: phone_number: must be an integer");
  assert_bad_request (f, "POST", DS_CLIENTS, "{\"phone_country_code\": 54.0}",
                      "Invalid request body: phone_country_code: must be an integer");
  assert_bad_request (f, "POST", DS_CLIENTS, "{\"annual_salary\": \"lots\"}",
                      "Invalid request body: annual_salary: must be a number");
  assert_bad_request (f, "POST", DS_CLIENTS, "{\"address\": {\"country\": 5}}",
                      "Invalid request body: address.country: must be a string");
  /* the first wrong-typed member in table order */
  assert_bad_request (f, "POST", DS_CLIENTS, "{\"email\": 1, \"first_name\": 2}",
                      "Invalid request body: first_name: must be a string");
  assert_bad_request (f, "POST", products, "{\"subproduct\": 5}", "Invalid request body: subproduct: must be a string");
  assert_bad_request (f, "POST", products, "[1]", "Request body must be a JSON object");
  assert_bad_request (f, "POST", doc, "{\"document\": []}", "Invalid request body: document: must be an object");
  assert_bad_request (f, "POST", doc, "{\"document\": {\"document_type\": \"passport\", \"image_front\": 12}}",
                      "Invalid request body: document.image_front: must be a string");
  assert_bad_request (f, "POST", doc, "{\"document\": {\"document_type\": \"passport\", \"metadata\": []}}",
                      "Invalid request body: document.metadata: must be an object");

  /* null is never a type error: it means absent (a 412 for a required member) */
  {
    g_autoptr(DsResponse) r = ds_send (f, "POST", DS_CLIENTS, DS_KEY, "{\"first_name\": null}");
    ds_assert_error (r, 412, "VALIDATION_ERROR");
  }
  /* bodies of GET and submit are never parsed */
  {
    g_autofree char *submit = ds_products_path (client_id, request_id, "submit");
    g_autoptr(DsResponse) s = ds_send (f, "POST", submit, DS_KEY, "{not json");
    g_autoptr(DsResponse) g = ds_send (f, "GET", DS_CLIENTS, DS_KEY, "[[[");
    ds_assert_status (s, 200);
    ds_assert_status (g, 200);
  }
}

static void
test_precondition_failed (DsFixture     *f,
                          gconstpointer  data)
{
  g_autofree char *client_id = ds_create_client (f, "Barber", "Dup@Example.com", TRUE);
  g_autofree char *other_id = ds_create_client (f, "Barber", "other@example.com", TRUE);
  g_autofree char *request_id = ds_request_product (f, client_id, "cards_individuals");
  g_autofree char *client_path = g_strdup_printf (DS_CLIENTS "/%s", client_id);
  g_autofree char *other_path = g_strdup_printf (DS_CLIENTS "/%s", other_id);
  g_autofree char *products = ds_products_path (client_id, NULL, NULL);
  g_autofree char *doc = ds_products_path (client_id, request_id, "documentation");
  g_autofree char *dup = ds_client_body ("Barber", "dup@example.COM", FALSE);
  g_autofree char *own = ds_client_body ("Other", "dup@example.com", FALSE);
  g_autofree char *msg = NULL;
  const char *no_email = "{\"first_name\": \"Maria\", \"last_name\": \"Barber\", \"birth_date\": \"1984-11-21\","
                         " \"address\": {\"street_line1\": \"Florida 9860\", \"city\": \"Del Viso\", \"country\": \"ARG\"}}";

  {
    g_autoptr(DsResponse) r = ds_send (f, "PUT", client_path, DS_KEY, no_email);
    ds_assert_error (r, 412, "VALIDATION_ERROR");
    g_assert_true (g_str_has_prefix (ds_message (r), "Validation failed: email: "));
  }
  {
    g_autoptr(DsResponse) r = ds_send (f, "POST", DS_CLIENTS, DS_KEY, dup);
    ds_assert_error (r, 412, "DUPLICATE_CLIENT");
    g_assert_cmpstr (ds_message (r), ==, "Duplicate Client: a client with email dup@example.COM already exists");
  }
  {
    /* the client's own email is fine; another client's is not */
    g_autoptr(DsResponse) mine = ds_send (f, "PUT", client_path, DS_KEY, own);
    g_autoptr(DsResponse) theirs = ds_send (f, "PUT", other_path, DS_KEY, own);
    ds_assert_status (mine, 200);
    ds_assert_error (theirs, 412, "DUPLICATE_CLIENT");
  }
  {
    g_autoptr(DsResponse) blank = ds_send (f, "POST", products, DS_KEY, "{\"subproduct\": \"  \"}");
    g_autoptr(DsResponse) absent = ds_send (f, "POST", products, DS_KEY, "{}");
    g_autoptr(DsResponse) unknown = ds_send (f, "POST", products, DS_KEY, "{\"subproduct\": \"Cards_Individuals\"}");
    g_autoptr(DsResponse) again = ds_send (f, "POST", products, DS_KEY, "{\"subproduct\": \"cards_individuals\"}");

    ds_assert_error (blank, 412, "VALIDATION_ERROR");
    ds_assert_error (absent, 412, "VALIDATION_ERROR");
    ds_assert_error (unknown, 412, "UNKNOWN_PRODUCT");
    g_assert_cmpstr (ds_message (unknown), ==, "Unknown subproduct 'Cards_Individuals'. Possible values: "
                     "cards_individuals, cards_individuals_premium, virtual_wallets_individuals");
    ds_assert_error (again, 412, "PRODUCT_ALREADY_REQUESTED");
    msg = g_strdup_printf ("Client already has a cards_individuals request %s in status pending_documentation",
                           request_id);
    g_assert_cmpstr (ds_message (again), ==, msg);
  }
  {
    g_autoptr(DsResponse) none = ds_send (f, "POST", doc, DS_KEY, "{}");
    g_autoptr(DsResponse) blank = ds_send (f, "POST", doc, DS_KEY, "{\"document\": {\"document_type\": \" \"}}");
    g_autoptr(DsResponse) other = ds_send (f, "POST", doc, DS_KEY, "{\"document\": {\"document_type\": \"national_id\"}}");
    g_autoptr(DsResponse) upper = NULL, satisfied = NULL;

    ds_assert_error (none, 412, "VALIDATION_ERROR");
    ds_assert_error (blank, 412, "VALIDATION_ERROR");
    ds_assert_error (other, 412, "DOCUMENT_NOT_REQUESTED");
    g_assert_cmpstr (ds_message (other), ==, "Document type 'national_id' is not requested by this product request");
    /* document types match case-insensitively; a satisfied group takes no more */
    {
      g_autofree char *image = ds_image_data_uri (600, 800, "jpeg");
      g_autofree char *body = ds_passport_body (image, "AB1234567");
      g_autofree char *mixed = NULL;
      char *p = strstr (body, "\"passport\"");

      p[1] = 'P';
      p[5] = 'P';
      mixed = g_strdup (body);
      upper = ds_send (f, "POST", doc, DS_KEY, mixed);
    }
    ds_assert_status (upper, 200);
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (ds_object (upper), "rejected_items")), ==, 0);
    satisfied = ds_upload_passport (f, client_id, request_id);
    ds_assert_error (satisfied, 412, "DOCUMENT_NOT_REQUESTED");
  }
}

static void
test_trace_ids_and_query (DsFixture     *f,
                          gconstpointer  data)
{
  g_autoptr(DsResponse) a = ds_send (f, "GET", DS_CLIENTS "?page=2&x=y", DS_KEY, NULL);
  g_autoptr(DsResponse) b = ds_send (f, "GET", DS_CLIENTS, DS_KEY, NULL);
  g_autoptr(DsResponse) info = ds_admin (f, "GET", "/_sandbox/info", NULL);
  g_autoptr(DsResponse) missing = ds_admin (f, "GET", "/_sandbox/nothing", NULL);
  JsonObject *object;

  ds_assert_status (a, 200);
  g_assert_cmpuint (json_array_get_length (ds_array (a)), ==, 0);
  ds_assert_status (b, 200);
  g_assert_cmpstr (soup_message_headers_get_one (a->headers, "X-Trace-Id"), !=,
                   soup_message_headers_get_one (b->headers, "X-Trace-Id"));
  ds_assert_status (info, 200);
  object = ds_object (info);
  g_assert_cmpstr (json_object_get_string_member (object, "name"), ==, "dossier-sandbox");
  g_assert_cmpstr (json_object_get_string_member (object, "version"), ==, PACKAGE_VERSION);
  g_assert_cmpint (json_object_get_int_member (object, "max_body_bytes"), ==, 33554432);
  g_assert_cmpint (json_object_get_int_member (object, "rate_limit_per_second"), ==, 0);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object, "products")), ==, 3);
  ds_assert_error (missing, 404, "NOT_FOUND");
}

static void
test_no_admin (void)
{
  g_autoptr(DossierSandboxConfig) config = ds_config_new ();
  DsFixture f;

  dossier_sandbox_config_set_admin (config, FALSE);
  ds_fixture_setup_full (&f, config);
  {
    g_autoptr(DsResponse) a = ds_admin (&f, "GET", "/_sandbox/info", NULL);
    g_autoptr(DsResponse) b = ds_send (&f, "GET", "/_sandbox/info", DS_KEY, NULL);
    ds_assert_error (a, 401, "API_ERROR");
    ds_assert_error (b, 404, "NOT_FOUND");
  }
  ds_fixture_teardown (&f, NULL);
}

#define ADD(path, func) \
  g_test_add ("/dossier/sandbox/errors/" path, DsFixture, NULL, ds_fixture_setup, func, ds_fixture_teardown)

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  ADD ("401", test_unauthorized);
  ADD ("404", test_not_found);
  ADD ("405", test_method_not_allowed);
  ADD ("400", test_bad_request);
  ADD ("412", test_precondition_failed);
  ADD ("trace-ids-and-query", test_trace_ids_and_query);
  g_test_add_func ("/dossier/sandbox/errors/no-admin", test_no_admin);

  return g_test_run ();
}
