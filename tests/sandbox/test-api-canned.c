/* test-api-canned.c — DossierApi reading every §15.2 variant over real HTTP
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A small SoupServer on its own thread and GMainContext (TESTING.md §11)
 * serves canned answers the sandbox never sends: wrapped lists with paging,
 * 201/204 with empty bodies, error_code bodies, an HTML 502 page, phones as
 * strings, zone-full timestamps. Not a mock of the network layer.
 */
#include "config.h"

#include "api-test-utils.h"

#define KEY "canned-key"

typedef struct
{
  GThread      *thread;
  GMainContext *context;
  GMainLoop    *loop;
  SoupServer   *server;
  char         *uri;
  GMutex        mutex;
  GCond         cond;
  gboolean      ready;
  /* seen by the server thread, read under the mutex */
  GPtrArray    *paths;
  char         *last_key;
  char         *last_accept;
  char         *last_agent;
  char         *last_content_type;
  guint         limited;
} Canned;

static const char *client_a =
  "{\"id\":\"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\",\"type\":\"individual\",\"status\":\"ACTIVE\","
  "\"first_name\":\"Maria\",\"last_name\":\"Barber\",\"email\":\"m@example.com\",\"birth_date\":\"1984-11-21\","
  "\"address\":{\"street_line_1\":\"Florida 9860\",\"city\":\"Del Viso\",\"country\":\"ARG\",\"country_code\":\"AR\"},"
  "\"phone_country_code\":\"+54\",\"phone_number\":\"01168860622\","
  "\"created_at\":\"2026-04-15T10:30:00Z\",\"updated_at\":\"2026-04-15T12:30:00.250+02:00\"}";
static const char *client_b =
  "{\"id\":\"BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB\",\"first_name\":\"Ana\",\"last_name\":\"P\",\"email\":\"a@example.com\","
  "\"birth_date\":\"1990-01-01\",\"address\":{\"street_line1\":\"x\",\"city\":\"y\",\"country\":\"ARG\"},"
  "\"phone_country_code\":54,\"phone_number\":1168860622,\"created_at\":\"2026-04-15 10:30\"}";
static const char *request_json =
  "{\"id\":\"RRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRR\",\"client_id\":\"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\","
  "\"product\":\"cards_individuals\",\"status\":\"PENDING_DOCUMENTATION\",\"missing_requirements\":null}";

static void
respond (SoupServerMessage *msg,
         guint              status,
         const char        *content_type,
         const char        *body)
{
  soup_server_message_set_status (msg, status, NULL);
  soup_message_headers_replace (soup_server_message_get_response_headers (msg), "X-Trace-Id",
                                "0123456789abcdef0123456789abcdef");
  if (body != NULL)
    soup_server_message_set_response (msg, content_type, SOUP_MEMORY_COPY, body, strlen (body));
}

static void
handler (SoupServer        *server,
         SoupServerMessage *msg,
         const char        *path,
         GHashTable        *query,
         gpointer           user_data)
{
  Canned *c = user_data;
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  const char *method = soup_server_message_get_method (msg);
  const char *page = query != NULL ? g_hash_table_lookup (query, "page") : NULL;
  g_autofree char *full = g_strdup_printf ("%s %s%s%s", method, path, page ? "?page=" : "", page ? page : "");
  guint limited;

  g_mutex_lock (&c->mutex);
  g_ptr_array_add (c->paths, g_strdup (full));
  g_free (c->last_key);
  c->last_key = g_strdup (soup_message_headers_get_one (headers, "x-api-key"));
  g_free (c->last_accept);
  c->last_accept = g_strdup (soup_message_headers_get_one (headers, "Accept"));
  g_free (c->last_agent);
  c->last_agent = g_strdup (soup_message_headers_get_one (headers, "User-Agent"));
  g_free (c->last_content_type);
  c->last_content_type = g_strdup (soup_message_headers_get_one (headers, "Content-Type"));
  limited = c->limited++;
  g_mutex_unlock (&c->mutex);

  if (g_str_equal (full, "GET /wrapped/management/clients/individuals"))
    {
      g_autofree char *body = g_strdup_printf ("{\"data\":[%s],\"page\":1,\"total_pages\":2}", client_a);
      respond (msg, 200, "application/json", body);
    }
  else if (g_str_equal (full, "GET /wrapped/management/clients/individuals?page=2"))
    {
      g_autofree char *body = g_strdup_printf ("{\"data\":[%s],\"page\":2,\"total_pages\":2}", client_b);
      respond (msg, 200, "application/json", body);
    }
  else if (g_str_equal (full, "GET /foreign/management/clients/individuals"))
    {
      g_autofree char *body = g_strdup_printf ("{\"items\":[%s],\"next\":\"http://example.invalid/steal\"}", client_a);
      respond (msg, 200, "application/json", body);
    }
  else if (g_str_equal (full, "GET /v1/management/clients/individuals"))
    {
      g_autofree char *body = g_strdup_printf ("[%s,%s]", client_a, client_b);
      respond (msg, 200, "application/json; charset=utf-8", body);
    }
  else if (g_str_equal (full, "POST /v1/management/clients/individuals"))
    respond (msg, 201, "application/json", client_b);
  else if (g_str_has_prefix (full, "PUT /v1/management/clients/individuals/"))
    respond (msg, 204, NULL, NULL);
  else if (g_str_has_suffix (full, "/products") && g_str_equal (method, "POST"))
    {
      g_autofree char *body = g_strdup_printf ("{\"product\":%s,\"rejected_items\":[{\"type\":\"data\",\"key\":\"phone\",\"reason\":\"x\"}]}",
                                               request_json);
      respond (msg, 201, "application/json", body);
    }
  else if (g_str_has_suffix (full, "/products") && g_str_equal (method, "GET"))
    {
      g_autofree char *body = g_strdup_printf ("{\"products\":[%s]}", request_json);
      respond (msg, 200, "application/json", body);
    }
  else if (g_str_has_suffix (full, "/submit"))
    respond (msg, 204, NULL, NULL);
  else if (g_str_equal (full, "GET /v1/management/clients/individuals/LIMITED"))
    {
      if (limited % 2 == 0)
        {
          soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Retry-After", "1");
          respond (msg, 429, "application/json",
                   "{\"error_code\":\"TOO_MANY_REQUESTS\",\"message\":\"Rate limit exceeded. Retry after 1 seconds\"}");
        }
      else
        respond (msg, 200, "application/json", client_a);
    }
  else if (g_str_equal (full, "GET /v1/management/clients/individuals/GONE"))
    respond (msg, 404, "application/json", "{\"code\":\"NOT_FOUND\",\"message\":\"Client is gone\"}");
  else if (g_str_equal (full, "POST /html/management/clients/individuals"))
    respond (msg, 502, "text/html; charset=utf-8",
             "<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center></body></html>");
  else
    respond (msg, 404, "application/json", "{\"code\":\"NOT_FOUND\",\"message\":\"Resource not found\"}");
}

static gpointer
server_thread (gpointer data)
{
  Canned *c = data;
  g_autoptr(GError) error = NULL;
  GSList *uris;

  g_main_context_push_thread_default (c->context);
  c->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (c->server, NULL, handler, c, NULL);
  soup_server_listen_local (c->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (c->server);

  g_mutex_lock (&c->mutex);
  c->uri = g_strdup_printf ("http://127.0.0.1:%d", g_uri_get_port (uris->data));
  c->ready = TRUE;
  g_cond_signal (&c->cond);
  g_mutex_unlock (&c->mutex);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  g_main_loop_run (c->loop);

  soup_server_disconnect (c->server);
  g_clear_object (&c->server);
  g_main_context_pop_thread_default (c->context);

  return NULL;
}

static void
setup (Canned *c, gconstpointer data)
{
  g_mutex_init (&c->mutex);
  g_cond_init (&c->cond);
  c->paths = g_ptr_array_new_with_free_func (g_free);
  c->context = g_main_context_new ();
  c->loop = g_main_loop_new (c->context, FALSE);
  c->thread = g_thread_new ("canned-server", server_thread, c);

  g_mutex_lock (&c->mutex);
  while (!c->ready)
    g_cond_wait (&c->cond, &c->mutex);
  g_mutex_unlock (&c->mutex);
}

static void
teardown (Canned *c, gconstpointer data)
{
  g_main_loop_quit (c->loop);
  g_thread_join (c->thread);
  g_main_loop_unref (c->loop);
  g_main_context_unref (c->context);
  g_ptr_array_unref (c->paths);
  g_free (c->uri);
  g_free (c->last_key);
  g_free (c->last_accept);
  g_free (c->last_agent);
  g_free (c->last_content_type);
  g_mutex_clear (&c->mutex);
  g_cond_clear (&c->cond);
}

static DossierApi *
api_for (Canned *c, const char *prefix)
{
  g_autofree char *base = g_strconcat (c->uri, prefix, "/", NULL);   /* trailing slash: removed */
  return dossier_api_new (base, KEY);
}

static GPtrArray *
list_clients (DossierApi *api, GError **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  dossier_api_list_clients_async (api, DOSSIER_API_PRIORITY_VISIBLE, NULL, api_test_catch, &result);
  return dossier_api_list_clients_finish (api, api_test_wait (&result, 30), error);
}

static void
test_wrapped_paging (Canned *c, gconstpointer data)
{
  g_autoptr(DossierApi) api = api_for (c, "/wrapped");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) clients = list_clients (api, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (clients->len, ==, 2);
  g_assert_cmpstr (dossier_client_get_first_name (g_ptr_array_index (clients, 1)), ==, "Ana");
  g_assert_cmpuint (c->paths->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (c->paths, 1), ==, "GET /wrapped/management/clients/individuals?page=2");

  /* §15.1 headers */
  g_assert_cmpstr (c->last_key, ==, KEY);
  g_assert_cmpstr (c->last_accept, ==, "application/json");
  g_assert_cmpstr (c->last_agent, ==, "Dossier/" PACKAGE_VERSION);
}

static void
test_foreign_next_not_followed (Canned *c, gconstpointer data)
{
  g_autoptr(DossierApi) api = api_for (c, "/foreign");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) clients = list_clients (api, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (clients->len, ==, 1);
  g_assert_cmpuint (c->paths->len, ==, 1);
}

static void
test_bare_list_tolerance (Canned *c, gconstpointer data)
{
  g_autoptr(DossierApi) api = api_for (c, "/v1");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) clients = list_clients (api, &error);
  DossierClient *a, *b;
  g_autoptr(GDateTime) expected = g_date_time_new_utc (2026, 4, 15, 10, 30, 0);

  g_assert_no_error (error);
  g_assert_cmpuint (clients->len, ==, 2);
  a = g_ptr_array_index (clients, 0);
  b = g_ptr_array_index (clients, 1);
  g_assert_cmpstr (dossier_client_get_street_line1 (a), ==, "Florida 9860");
  g_assert_nonnull (dossier_client_get_phone_country_code (a));
  g_assert_nonnull (strstr (dossier_client_get_phone_country_code (a), "54"));
  g_assert_nonnull (strstr (dossier_client_get_phone_number (a), "1168860622"));
  g_assert_cmpstr (dossier_client_get_phone_country_code (b), ==, "54");
  g_assert_nonnull (dossier_client_get_created_at (a));
  g_assert_true (g_date_time_equal (dossier_client_get_created_at (a), expected));
  /* 12:30:00.250+02:00 is 10:30:00.250 UTC */
  g_assert_cmpint (g_date_time_difference (dossier_client_get_updated_at (a), expected), ==, 250000);
  g_assert_true (g_date_time_equal (dossier_client_get_created_at (b), expected));
}

static void
test_created_and_empty (Canned *c, gconstpointer data)
{
  g_autoptr(DossierApi) api = api_for (c, "/v1");
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) body = json_from_string ("{\"first_name\":\"Ana\"}", NULL);
  g_autoptr(GAsyncResult) r1 = NULL;
  g_autoptr(GAsyncResult) r2 = NULL;
  g_autoptr(GAsyncResult) r3 = NULL;
  g_autoptr(GAsyncResult) r4 = NULL;
  g_autoptr(GAsyncResult) r5 = NULL;
  g_autoptr(DossierClient) created = NULL;
  g_autoptr(DossierClient) updated = NULL;
  g_autoptr(DossierProductRequest) request = NULL;
  g_autoptr(DossierProductRequest) submitted = NULL;
  g_autoptr(GPtrArray) products = NULL;

  dossier_api_create_client_from_json_async (api, body, DOSSIER_API_PRIORITY_USER, NULL, api_test_catch, &r1);
  created = dossier_api_create_client_finish (api, api_test_wait (&r1, 30), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (dossier_client_get_id (created), ==, "BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB");
  g_assert_cmpstr (c->last_content_type, ==, "application/json");

  /* 204 to a PUT: the client that was sent */
  dossier_client_set_city (created, "Tigre");
  dossier_api_update_client_async (api, created, DOSSIER_API_PRIORITY_USER, NULL, api_test_catch, &r2);
  updated = dossier_api_update_client_finish (api, api_test_wait (&r2, 30), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (dossier_client_get_city (updated), ==, "Tigre");

  /* 201 wrapped {product, rejected_items} */
  dossier_api_request_product_async (api, "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "cards_individuals",
                                     DOSSIER_API_PRIORITY_USER, NULL, api_test_catch, &r3);
  request = dossier_api_request_product_finish (api, api_test_wait (&r3, 30), &error);
  g_assert_no_error (error);
  g_assert_cmpint (dossier_product_request_get_status (request), ==, DOSSIER_REQUEST_STATUS_PENDING_DOCUMENTATION);
  g_assert_cmpuint (dossier_product_request_get_rejected_items (request)->len, ==, 1);

  /* {"products": [...]} */
  dossier_api_list_products_async (api, "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", DOSSIER_API_PRIORITY_BACKGROUND,
                                   NULL, api_test_catch, &r4);
  products = dossier_api_list_products_finish (api, api_test_wait (&r4, 30), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (products->len, ==, 1);

  /* 204 to a submit: no data, no error */
  dossier_api_submit_async (api, "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "RRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRR",
                            DOSSIER_API_PRIORITY_USER, NULL, api_test_catch, &r5);
  submitted = dossier_api_submit_finish (api, api_test_wait (&r5, 30), &error);
  g_assert_no_error (error);
  g_assert_null (submitted);
}

static void
test_errors (Canned *c, gconstpointer data)
{
  g_autoptr(DossierApi) api = api_for (c, "/v1");
  g_autoptr(DossierApi) html = api_for (c, "/html");
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) r1 = NULL;
  g_autoptr(GAsyncResult) r2 = NULL;
  g_autoptr(GAsyncResult) r3 = NULL;
  g_autoptr(DossierClient) limited = NULL;
  g_autoptr(DossierClient) gone = NULL;
  g_autoptr(DossierClient) proxy = NULL;
  g_autoptr(JsonNode) body = json_from_string ("{\"first_name\":\"Ana\"}", NULL);

  /* 429 with error_code and Retry-After 1, then 200 */
  dossier_api_get_client_async (api, "LIMITED", DOSSIER_API_PRIORITY_USER, NULL, api_test_catch, &r1);
  limited = dossier_api_get_client_finish (api, api_test_wait (&r1, 30), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (c->paths->len, ==, 2);

  /* 404 without trace_id in the body: the header's */
  dossier_api_get_client_async (api, "GONE", DOSSIER_API_PRIORITY_USER, NULL, api_test_catch, &r2);
  gone = dossier_api_get_client_finish (api, api_test_wait (&r2, 30), &error);
  g_assert_error (error, DOSSIER_API_ERROR, DOSSIER_API_ERROR_NOT_FOUND);
  g_assert_cmpstr (dossier_api_error_get_trace_id (error), ==, "0123456789abcdef0123456789abcdef");
  g_assert_cmpstr (dossier_api_error_get_server_message (error), ==, "Client is gone");
  g_clear_error (&error);

  /* an HTML proxy page: generic message with the status, POST not retried */
  dossier_api_create_client_from_json_async (html, body, DOSSIER_API_PRIORITY_USER, NULL, api_test_catch, &r3);
  proxy = dossier_api_create_client_finish (html, api_test_wait (&r3, 30), &error);
  g_assert_error (error, DOSSIER_API_ERROR, DOSSIER_API_ERROR_SERVER);
  g_assert_cmpuint (dossier_api_error_get_status (error), ==, 502);
  g_assert_nonnull (strstr (error->message, "502"));
  g_assert_null (strstr (error->message, "<"));
  g_assert_cmpuint (c->paths->len, ==, 4);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/dossier/core/api/canned/wrapped-paging", Canned, NULL, setup, test_wrapped_paging, teardown);
  g_test_add ("/dossier/core/api/canned/foreign-next", Canned, NULL, setup, test_foreign_next_not_followed, teardown);
  g_test_add ("/dossier/core/api/canned/bare-list-tolerance", Canned, NULL, setup, test_bare_list_tolerance, teardown);
  g_test_add ("/dossier/core/api/canned/created-and-empty", Canned, NULL, setup, test_created_and_empty, teardown);
  g_test_add ("/dossier/core/api/canned/errors", Canned, NULL, setup, test_errors, teardown);

  return g_test_run ();
}
