/* test-http-transport.c — framing, rate limiting and concurrency over HTTP
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * CONTRACT.md §1.5 step 4 and §5 (411/413 before the body, connection closed),
 * §4 (rate limiting and recovery), concurrent clients.
 */
#include "config.h"

#include <string.h>

#include "dossier-sandbox-fixture.h"

typedef struct
{
  guint       status;
  GHashTable *headers;   /* lower-case name → value */
  JsonObject *body;
  JsonParser *parser;
} RawResponse;

static void
raw_response_clear (RawResponse *r)
{
  g_clear_pointer (&r->headers, g_hash_table_unref);
  g_clear_object (&r->parser);
}

static void
parse_raw (GBytes      *bytes,
           RawResponse *out)
{
  g_autofree char *text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  char *split = strstr (text, "\r\n\r\n");
  g_auto(GStrv) lines = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (split);
  *split = '\0';
  lines = g_strsplit (text, "\r\n", -1);
  g_assert_true (g_str_has_prefix (lines[0], "HTTP/1.1 "));
  out->status = (guint) g_ascii_strtoull (lines[0] + 9, NULL, 10);
  out->headers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  for (guint i = 1; lines[i]; i++)
    {
      char *colon = strchr (lines[i], ':');

      g_assert_nonnull (colon);
      *colon = '\0';
      g_hash_table_insert (out->headers, g_ascii_strdown (lines[i], -1), g_strstrip (g_strdup (colon + 1)));
    }
  out->parser = json_parser_new ();
  g_assert_true (json_parser_load_from_data (out->parser, split + 4, -1, &error));
  g_assert_no_error (error);
  out->body = json_node_get_object (json_parser_get_root (out->parser));
  g_assert_cmpuint (strlen (split + 4), ==,
                    g_ascii_strtoull (g_hash_table_lookup (out->headers, "content-length"), NULL, 10));
}

static void
assert_refused_before_body (DsFixture  *f,
                            const char *request,
                            guint       status,
                            const char *code,
                            const char *message)
{
  gboolean closed = FALSE;
  g_autoptr(GBytes) bytes = ds_raw_exchange (f, request, 5000, &closed);
  RawResponse r = { 0, };

  /* the answer came without the body being sent, and the server closed the connection */
  g_assert_true (closed);
  parse_raw (bytes, &r);
  g_assert_cmpuint (r.status, ==, status);
  g_assert_cmpstr (g_hash_table_lookup (r.headers, "content-type"), ==, "application/json");
  g_assert_cmpstr (g_hash_table_lookup (r.headers, "connection"), ==, "close");
  g_assert_cmpstr (json_object_get_string_member (r.body, "code"), ==, code);
  g_assert_cmpstr (json_object_get_string_member (r.body, "message"), ==, message);
  g_assert_cmpstr (json_object_get_string_member (r.body, "trace_id"), ==,
                   g_hash_table_lookup (r.headers, "x-trace-id"));
  g_assert_cmpuint (strlen (g_hash_table_lookup (r.headers, "x-trace-id")), ==, 32);
  raw_response_clear (&r);
}

static void
test_payload_too_large (DsFixture     *f,
                        gconstpointer  data)
{
  assert_refused_before_body (f,
                              "POST /management/clients/individuals HTTP/1.1\r\n"
                              "Host: 127.0.0.1\r\n"
                              "x-api-key: " DS_KEY "\r\n"
                              "Content-Type: application/json\r\n"
                              "Content-Length: 41943040\r\n\r\n",
                              413, "PAYLOAD_TOO_LARGE", "Request body exceeds 33554432 bytes");
  /* also without a key: framing comes before authentication */
  assert_refused_before_body (f,
                              "PUT /management/clients/individuals/x HTTP/1.1\r\n"
                              "Host: 127.0.0.1\r\n"
                              "Content-Length: 33554433\r\n\r\n",
                              413, "PAYLOAD_TOO_LARGE", "Request body exceeds 33554432 bytes");
}

static void
test_chunked (DsFixture     *f,
              gconstpointer  data)
{
  assert_refused_before_body (f,
                              "POST /management/clients/individuals HTTP/1.1\r\n"
                              "Host: 127.0.0.1\r\n"
                              "x-api-key: " DS_KEY "\r\n"
                              "Content-Type: application/json\r\n"
                              "Transfer-Encoding: chunked\r\n\r\n",
                              411, "LENGTH_REQUIRED", "Request bodies must be sent with Content-Length");
}

static void
test_keep_alive_raw (DsFixture     *f,
                     gconstpointer  data)
{
  gboolean closed = TRUE;
  g_autoptr(GBytes) bytes = ds_raw_exchange (f,
                                             "GET /management/clients/individuals HTTP/1.1\r\n"
                                             "Host: 127.0.0.1\r\n\r\n",
                                             500, &closed);
  RawResponse r = { 0, };

  /* an ordinary answer keeps the connection open */
  g_assert_false (closed);
  parse_raw (bytes, &r);
  g_assert_cmpuint (r.status, ==, 401);   /* no key: an error object */
  raw_response_clear (&r);
}

static void
test_rate_limit (void)
{
  g_autoptr(DossierSandboxConfig) config = ds_config_new ();
  DsFixture f;
  g_autoptr(DsResponse) blocked = NULL, again = NULL, admin = NULL, later = NULL;

  dossier_sandbox_config_set_rate_limit (config, 15);
  ds_fixture_setup_full (&f, config);

  for (guint i = 0; i < 15; i++)
    {
      g_autoptr(DsResponse) r = ds_send (&f, "GET", DS_CLIENTS, DS_KEY, NULL);

      ds_assert_status (r, 200);
    }
  blocked = ds_send (&f, "GET", DS_CLIENTS, DS_KEY, NULL);
  ds_assert_error (blocked, 429, "TOO_MANY_REQUESTS");
  g_assert_cmpstr (soup_message_headers_get_one (blocked->headers, "Retry-After"), ==, "1");
  g_assert_cmpstr (ds_message (blocked), ==, "Rate limit exceeded. Retry after 1 seconds");

  /* blocked: refused at once; the admin API is never limited */
  again = ds_send (&f, "GET", DS_CLIENTS, NULL, NULL);
  ds_assert_error (again, 429, "TOO_MANY_REQUESTS");
  admin = ds_admin (&f, "GET", "/_sandbox/info", NULL);
  ds_assert_status (admin, 200);

  /* recovery after Retry-After */
  ds_sleep (1100);
  later = ds_send (&f, "GET", DS_CLIENTS, DS_KEY, NULL);
  ds_assert_status (later, 200);

  ds_fixture_teardown (&f, NULL);
}

static void
test_concurrent_creates (DsFixture     *f,
                         gconstpointer  data)
{
  const guint n = 20;
  g_autoptr(GPtrArray) paths = g_ptr_array_new ();
  g_autoptr(GPtrArray) bodies = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) responses = NULL;
  g_autoptr(GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(DsResponse) list = NULL;

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *email = g_strdup_printf ("c%u@example.com", i);

      g_ptr_array_add (paths, (gpointer) DS_CLIENTS);
      g_ptr_array_add (bodies, ds_client_body ("Barber", email, i % 2 == 0));
    }
  responses = ds_send_parallel (f, n, "POST", (const char * const *) paths->pdata, DS_KEY,
                                (const char * const *) bodies->pdata);
  for (guint i = 0; i < n; i++)
    {
      DsResponse *r = g_ptr_array_index (responses, i);

      ds_assert_status (r, 200);
      g_hash_table_add (ids, (gpointer) ds_string (r, "id"));
    }
  g_assert_cmpuint (g_hash_table_size (ids), ==, n);
  list = ds_send (f, "GET", DS_CLIENTS, DS_KEY, NULL);
  ds_assert_status (list, 200);
  g_assert_cmpuint (json_array_get_length (ds_array (list)), ==, n);
}

static void
test_trace_id_everywhere (DsFixture     *f,
                          gconstpointer  data)
{
  const char *paths[] = { DS_CLIENTS, "/nothing", DS_CLIENTS "/x", "/_sandbox/clock", "/_sandbox/info" };
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    for (guint k = 0; k < 2; k++)
      {
        g_autoptr(DsResponse) r = ds_send (f, "GET", paths[i], k ? DS_KEY : NULL, NULL);
        const char *id;

        ds_assert_status (r, r->status);
        id = soup_message_headers_get_one (r->headers, "X-Trace-Id");
        g_assert_false (g_hash_table_contains (seen, id));
        g_hash_table_add (seen, g_strdup (id));
      }
}

#define ADD(path, func) \
  g_test_add ("/dossier/sandbox/transport/" path, DsFixture, NULL, ds_fixture_setup, func, ds_fixture_teardown)

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  ADD ("413-before-body", test_payload_too_large);
  ADD ("411-chunked", test_chunked);
  ADD ("keep-alive", test_keep_alive_raw);
  ADD ("concurrent-creates", test_concurrent_creates);
  ADD ("trace-id-everywhere", test_trace_id_everywhere);
  g_test_add_func ("/dossier/sandbox/transport/rate-limit", test_rate_limit);

  return g_test_run ();
}
