/* test-http-hostile.c — hostile input to the sandbox over real HTTP
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Oversized headers, bodies announced over the limit, deep JSON, huge numbers,
 * invalid UTF-8, ids with path tricks, HTTP/1.0 and garbage request lines
 * (CONTRACT.md §1.1, §1.2, §1.5, §3). Each is answered with an error —
 * libsoup's own bare 4xx/5xx where it refuses a request before any handler
 * runs, the contract's JSON error otherwise — and the sandbox still serves an
 * ordinary request afterwards. Malformed requests go over a raw socket.
 */
#include "config.h"

#include <string.h>

#include "dossier-sandbox-fixture.h"

/* What came back over a raw connection. */
typedef struct
{
  guint     status;     /* 0: nothing, or not an HTTP response */
  char     *version;    /* "HTTP/1.1", "HTTP/1.0" */
  char     *head;       /* status line and headers */
  char     *body;
  gboolean  closed;     /* the server closed the connection */
} Raw;

static void
raw_clear (Raw *raw)
{
  g_clear_pointer (&raw->version, g_free);
  g_clear_pointer (&raw->head, g_free);
  g_clear_pointer (&raw->body, g_free);
  memset (raw, 0, sizeof *raw);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Raw, raw_clear)

/* Like ds_raw_exchange(), for any bytes (NULs too), and the server may close
 * before everything is written: what it answered is read all the same. */
static void
raw_exchange (DsFixture  *f,
              const char *request,
              gsize       len,
              Raw        *raw)
{
  g_autoptr(GSocketClient) client = g_socket_client_new ();
  g_autoptr(GSocketConnection) connection = NULL;
  g_autoptr(GByteArray) received = g_byte_array_new ();
  g_autoptr(GError) error = NULL;
  GOutputStream *out;
  GSocket *socket;
  gint64 deadline;
  char buffer[8192];
  char *split;
  gsize written = 0;

  connection = g_socket_client_connect_to_host (client, "127.0.0.1",
                                                (guint16) dossier_sandbox_get_port (f->sandbox),
                                                NULL, &error);
  g_assert_no_error (error);
  socket = g_socket_connection_get_socket (connection);
  out = g_io_stream_get_output_stream (G_IO_STREAM (connection));
  if (!g_output_stream_write_all (out, request, len, &written, NULL, &error))
    g_test_message ("the server stopped reading after %" G_GSIZE_FORMAT " of %" G_GSIZE_FORMAT
                    " bytes: %s", written, len, error->message);
  g_clear_error (&error);

  raw->closed = FALSE;
  deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
  while (g_get_monotonic_time () < deadline)
    {
      gssize n;

      if (!g_socket_condition_timed_wait (socket, G_IO_IN, deadline - g_get_monotonic_time (),
                                          NULL, NULL))
        break;
      n = g_socket_receive (socket, buffer, sizeof buffer, NULL, &error);
      if (n <= 0)
        {
          g_clear_error (&error);
          raw->closed = TRUE;
          break;
        }
      g_byte_array_append (received, (guint8 *) buffer, n);
      /* After one complete answer, wait a little for the server to close. */
      {
          g_autofree char *text = g_strndup ((char *) received->data, received->len);
          const char *cl;

          split = strstr (text, "\r\n\r\n");
          cl = split != NULL ? g_strstr_len (text, split - text, "Content-Length: ") : NULL;
          if (cl != NULL
              && strlen (split + 4) >= g_ascii_strtoull (cl + strlen ("Content-Length: "), NULL, 10))
            deadline = MIN (deadline, g_get_monotonic_time () + 200 * 1000);
        }
    }
  g_io_stream_close (G_IO_STREAM (connection), NULL, NULL);

  g_byte_array_append (received, (const guint8 *) "", 1);
  split = strstr ((char *) received->data, "\r\n\r\n");
  if (split == NULL)
    return;
  raw->head = g_strndup ((char *) received->data, split - (char *) received->data);
  raw->body = g_strdup (split + 4);
  if (g_str_has_prefix (raw->head, "HTTP/1.") && strlen (raw->head) > 12)
    {
      raw->version = g_strndup (raw->head, 8);
      raw->status = (guint) g_ascii_strtoull (raw->head + 9, NULL, 10);
    }
  g_test_message ("answer: %.*s", (int) MIN (strlen (raw->head), 80), raw->head);
}

/* The value of a response header (first of that name), or NULL. */
static const char *
raw_header (Raw        *raw,
            const char *name)
{
  static char value[256];
  g_auto(GStrv) lines = NULL;
  gsize n = strlen (name);

  if (raw->head == NULL)
    return NULL;
  lines = g_strsplit (raw->head, "\r\n", -1);
  for (guint i = 1; lines[i] != NULL; i++)
    if (g_ascii_strncasecmp (lines[i], name, n) == 0 && lines[i][n] == ':')
      {
        g_strlcpy (value, lines[i] + n + 1, sizeof value);
        return g_strstrip (value);
      }
  return NULL;
}

/* The contract's JSON error (§3): status, code (any when NULL), message, trace id in body
 * and header. */
static void
assert_json_error (Raw        *raw,
                   guint       status,
                   const char *code)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *object;

  g_assert_cmpuint (raw->status, ==, status);
  g_assert_cmpstr (raw_header (raw, "Content-Type"), ==, "application/json");
  g_assert_true (json_parser_load_from_data (parser, raw->body, -1, &error));
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)));
  object = json_node_get_object (json_parser_get_root (parser));
  g_assert_nonnull (json_object_get_string_member_with_default (object, "code", NULL));
  if (code != NULL)
    g_assert_cmpstr (json_object_get_string_member (object, "code"), ==, code);
  g_assert_nonnull (json_object_get_string_member_with_default (object, "message", NULL));
  g_assert_cmpstr (json_object_get_string_member_with_default (object, "trace_id", NULL), ==,
                   raw_header (raw, "X-Trace-Id"));
}

/* libsoup's own refusal (§1.2): a bare 4xx/5xx before any sandbox code, so no X-Trace-Id. */
static void
assert_library_refusal (Raw *raw)
{
  g_assert_cmpuint (raw->status, >=, 400);
  g_assert_cmpuint (raw->status, <=, 505);
  g_assert_null (raw_header (raw, "X-Trace-Id"));
}

/* libsoup 3.2 reads at most 64 KB of request head (HEADER_SIZE_LIMIT in
 * soup-message-io-data.c); beyond that it closes the connection without
 * answering, before any sandbox code runs. Newer libsoup may answer 4xx. */
static void
assert_dropped_or_refused (Raw *raw)
{
  if (raw->status == 0)
    g_assert_true (raw->closed);
  else
    assert_library_refusal (raw);
}

/* Either refusal, whichever layer gave it: a 4xx, and the JSON error when the sandbox answered. */
static void
assert_refused (Raw *raw)
{
  g_assert_cmpuint (raw->status, >=, 400);
  g_assert_cmpuint (raw->status, <, 500);
  if (raw_header (raw, "X-Trace-Id") != NULL)
    assert_json_error (raw, raw->status, NULL);
}

/* The contract's JSON error through the session, whatever its code. */
static void
assert_error (DsResponse *r,
              guint       status,
              const char *code)
{
  JsonObject *object;

  ds_assert_status (r, status);
  g_assert_true (r->json != NULL && JSON_NODE_HOLDS_OBJECT (r->json));
  object = json_node_get_object (r->json);
  g_assert_nonnull (json_object_get_string_member_with_default (object, "code", NULL));
  if (code != NULL)
    g_assert_cmpstr (json_object_get_string_member (object, "code"), ==, code);
  g_assert_nonnull (json_object_get_string_member_with_default (object, "message", NULL));
  ds_assert_trace_id (r);
}

/* A body refused as not JSON (400) or as no valid client (412 VALIDATION_ERROR, §7). */
static void
assert_body_refused (DsResponse *r)
{
  if (r->status == 412)
    assert_error (r, 412, "VALIDATION_ERROR");
  else
    assert_error (r, 400, NULL);
}

static void
assert_still_serving (DsFixture *f)
{
  g_autoptr(DsResponse) r = ds_send (f, "GET", DS_CLIENTS, DS_KEY, NULL);

  ds_assert_status (r, 200);
  g_assert_nonnull (ds_array (r));
}

static void
send_raw (DsFixture  *f,
          const char *request,
          Raw        *raw)
{
  raw_exchange (f, request, strlen (request), raw);
}

#define REQUEST_END "Host: 127.0.0.1\r\nx-api-key: " DS_KEY "\r\n"

/* ---- headers ---- */

static void
test_huge_header_line (DsFixture     *f,
                       gconstpointer  data)
{
  g_autoptr(GString) request = g_string_new ("GET " DS_CLIENTS " HTTP/1.1\r\n" REQUEST_END "X-Big: ");
  g_auto(Raw) raw = { 0 };

  for (guint i = 0; i < 100 * 1024; i++)
    g_string_append_c (request, 'a' + i % 26);
  g_string_append (request, "\r\n\r\n");
  raw_exchange (f, request->str, request->len, &raw);
  g_test_message ("100 KB header line: status %u, closed %d", raw.status, raw.closed);
  assert_dropped_or_refused (&raw);
  assert_still_serving (f);
}

static void
test_many_headers (DsFixture     *f,
                   gconstpointer  data)
{
  static const guint counts[] = { 2000, 5000 };

  for (guint c = 0; c < G_N_ELEMENTS (counts); c++)
    {
      g_autoptr(GString) request = g_string_new ("GET " DS_CLIENTS " HTTP/1.1\r\n" REQUEST_END);
      g_auto(Raw) raw = { 0 };

      for (guint i = 0; i < counts[c]; i++)
        g_string_append_printf (request, "X-Header-%u: value %u\r\n", i, i);
      g_string_append (request, "\r\n");
      raw_exchange (f, request->str, request->len, &raw);
      g_test_message ("%u headers (%" G_GSIZE_FORMAT " bytes): status %u, closed %d",
                      counts[c], request->len, raw.status, raw.closed);
      if (request->len < 64 * 1024)
        g_assert_cmpuint (raw.status, ==, 200);   /* extra headers are ignored */
      else
        assert_dropped_or_refused (&raw);
    }
  assert_still_serving (f);
}

/* ---- bodies ---- */

static void
test_body_over_limit (DsFixture     *f,
                      gconstpointer  data)
{
  g_auto(Raw) raw = { 0 };

  send_raw (f, "POST " DS_CLIENTS " HTTP/1.1\r\n" REQUEST_END
               "Content-Type: application/json\r\nContent-Length: 33554433\r\n\r\n{\"a\":", &raw);
  assert_json_error (&raw, 413, "PAYLOAD_TOO_LARGE");
  g_assert_cmpstr (raw_header (&raw, "Connection"), ==, "close");
  raw_clear (&raw);

  /* A length no integer holds */
  send_raw (f, "POST " DS_CLIENTS " HTTP/1.1\r\n" REQUEST_END
               "Content-Length: 99999999999999999999999999\r\n\r\n", &raw);
  assert_refused (&raw);
  raw_clear (&raw);

  /* libsoup 3.2 reads -1 as 2^64 - 1 and would wait for that many bytes: refused at once */
  send_raw (f, "POST " DS_CLIENTS " HTTP/1.1\r\n" REQUEST_END "Content-Length: -1\r\n\r\n", &raw);
  assert_json_error (&raw, 413, "PAYLOAD_TOO_LARGE");
  raw_clear (&raw);

  send_raw (f, "POST " DS_CLIENTS " HTTP/1.1\r\n" REQUEST_END "Content-Length: 12abc\r\n\r\n", &raw);
  assert_refused (&raw);
  assert_still_serving (f);
}

static void
test_deep_json (DsFixture     *f,
                gconstpointer  data)
{
  g_autoptr(GString) arrays = g_string_new (NULL);
  g_autoptr(GString) objects = g_string_new (NULL);
  g_autofree char *client_id = ds_create_client (f, "Deep", "deep@example.com", FALSE);
  g_autofree char *client_path = g_strdup_printf (DS_CLIENTS "/%s", client_id);
  g_autofree char *products = g_strdup_printf (DS_CLIENTS "/%s/products", client_id);

  for (guint i = 0; i < 10000; i++)
    g_string_append_c (arrays, '[');
  for (guint i = 0; i < 10000; i++)
    g_string_append_c (arrays, ']');
  for (guint i = 0; i < 10000; i++)
    g_string_append (objects, "{\"a\":");
  g_string_append (objects, "1");
  for (guint i = 0; i < 10000; i++)
    g_string_append_c (objects, '}');

  {
    g_autoptr(DsResponse) a = ds_send (f, "POST", DS_CLIENTS, DS_KEY, arrays->str);
    g_autoptr(DsResponse) b = ds_send (f, "PUT", client_path, DS_KEY, objects->str);
    g_autoptr(DsResponse) c = ds_send (f, "POST", products, DS_KEY, objects->str);
    g_autoptr(DsResponse) d = ds_admin (f, "POST", "/_sandbox/faults", arrays->str);

    assert_error (a, 400, NULL);
    assert_error (b, 400, NULL);
    assert_error (c, 400, NULL);
    assert_error (d, 400, NULL);
  }
  assert_still_serving (f);
}

static void
test_huge_numbers (DsFixture     *f,
                   gconstpointer  data)
{
  static const char * const numbers[] = {
    "1e400", "-1e400", "99999999999999999999999999999999", "-99999999999999999999999999999999",
    "1e-400", "-0", "123456789012345678901234567890.5e300",
  };
  g_autofree char *client_id = ds_create_client (f, "Number", "number@example.com", FALSE);
  g_autofree char *client_path = g_strdup_printf (DS_CLIENTS "/%s", client_id);

  for (guint i = 0; i < G_N_ELEMENTS (numbers); i++)
    {
      g_autofree char *body = g_strdup_printf (
        "{\"first_name\":\"Ana\",\"last_name\":\"Number\",\"email\":\"n%u@example.com\","
        "\"birth_date\":\"1984-11-21\",\"phone_country_code\":%s,\"phone_number\":%s,"
        "\"address\":{\"street_line1\":\"Florida 9860\",\"city\":\"Del Viso\",\"country\":\"ARG\"}}",
        i, numbers[i], numbers[i]);
      g_autofree char *fault = g_strdup_printf ("{\"kind\":\"error\",\"count\":%s}", numbers[i]);
      g_autofree char *clock = g_strdup_printf ("{\"advance_seconds\":%s}", numbers[i]);
      g_autoptr(DsResponse) a = ds_send (f, "POST", DS_CLIENTS, DS_KEY, body);
      g_autoptr(DsResponse) b = ds_send (f, "PUT", client_path, DS_KEY, body);
      g_autoptr(DsResponse) c = ds_admin (f, "POST", "/_sandbox/faults", fault);
      g_autoptr(DsResponse) d = ds_admin (f, "POST", "/_sandbox/clock", clock);

      g_test_message ("%s: create %u, update %u, fault %u, clock %u",
                      numbers[i], a->status, b->status, c->status, d->status);
      assert_body_refused (a);
      assert_body_refused (b);
      assert_error (c, 400, NULL);
      /* a clock moved by 1e-400 or -0 seconds is a valid, tiny move */
      if (d->status != 200)
        assert_error (d, 400, NULL);
    }
  assert_still_serving (f);
}

static void
test_invalid_utf8_body (DsFixture     *f,
                        gconstpointer  data)
{
  static const char * const bodies[] = {
    "{\"first_name\":\"\xff\xfe\",\"last_name\":\"X\",\"email\":\"x@example.com\"}",
    "{\"first_name\":\"Ana\",\"last_name\":\"\xc3\",\"email\":\"y@example.com\"}",
    "{\"\xed\xa0\x80\":1}",
    "\xef\xbb\xbf{}",
    "{\"first_name\":\"\\ud800\",\"last_name\":\"X\",\"email\":\"z@example.com\"}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bodies); i++)
    {
      g_autoptr(DsResponse) r = ds_send (f, "POST", DS_CLIENTS, DS_KEY, bodies[i]);

      g_test_message ("body %u: %u %s", i, r->status, ds_message (r));
      assert_body_refused (r);
    }
  assert_still_serving (f);
}

/* ---- paths ---- */

static void
test_invalid_utf8_path (DsFixture     *f,
                        gconstpointer  data)
{
  static const char * const lines[] = {
    "GET " DS_CLIENTS "/%FF%FE HTTP/1.1\r\n",
    "GET " DS_CLIENTS "/\xff\xfe HTTP/1.1\r\n",
    "GET " DS_CLIENTS "/%C3 HTTP/1.1\r\n",
    "GET /%ED%A0%80/clients HTTP/1.1\r\n",
  };

  for (guint i = 0; i < G_N_ELEMENTS (lines); i++)
    {
      g_autofree char *request = g_strconcat (lines[i], REQUEST_END "\r\n", NULL);
      g_auto(Raw) raw = { 0 };

      send_raw (f, request, &raw);
      g_test_message ("path %u: %u", i, raw.status);
      assert_refused (&raw);
    }
  assert_still_serving (f);
}

static void
test_path_tricks (DsFixture     *f,
                  gconstpointer  data)
{
  g_autofree char *client_id = ds_create_client (f, "Tricks", "tricks@example.com", FALSE);
  g_autoptr(GString) long_id = g_string_new (NULL);
  g_autofree char *long_path = NULL;
  char *tricks[] = {
    g_strdup (DS_CLIENTS "/.."),
    g_strdup (DS_CLIENTS "/%2E%2E"),
    g_strdup_printf (DS_CLIENTS "/%s%%2Fproducts", client_id),
    g_strdup_printf (DS_CLIENTS "/%s%%00", client_id),
    g_strdup_printf (DS_CLIENTS "/%%00%s", client_id),
    g_strdup_printf (DS_CLIENTS "/%s/..%%2F..%%2F..%%2F_sandbox%%2Finfo", client_id),
    g_strdup_printf (DS_CLIENTS "/%s/products/..%%2F..", client_id),
    g_strdup_printf (DS_CLIENTS "/%s/products/%%2E%%2E/%%2E%%2E/%%2E%%2E/x/submit", client_id),
    g_strdup (DS_CLIENTS "/%25"),
    g_strdup (DS_CLIENTS "/%"),
    NULL,
  };

  for (guint i = 0; i < 20000; i++)
    g_string_append_c (long_id, 'A' + i % 26);
  long_path = g_strdup_printf (DS_CLIENTS "/%s", long_id->str);

  for (guint i = 0; tricks[i] != NULL; i++)
    {
      g_autofree char *request = g_strdup_printf ("GET %s HTTP/1.1\r\n" REQUEST_END "\r\n",
                                                  tricks[i]);
      g_auto(Raw) raw = { 0 };

      send_raw (f, request, &raw);
      g_test_message ("%s: %u", tricks[i], raw.status);
      /* Never another client's data: a refusal, or what the normalised path names (§1.1). */
      if (raw.status == 200)
        g_assert_true (g_str_has_prefix (raw.body, "[") || strstr (raw.body, client_id) != NULL);
      else
        assert_refused (&raw);
    }
  for (guint i = 0; tricks[i] != NULL; i++)
    g_free (tricks[i]);

  {
    g_autoptr(DsResponse) get = ds_send (f, "GET", long_path, DS_KEY, NULL);
    g_autofree char *products = g_strdup_printf ("%s/products", long_path);
    g_autoptr(DsResponse) post = ds_send (f, "POST", products, DS_KEY,
                                          "{\"product\":\"cards_individuals\"}");

    assert_error (get, 404, NULL);
    assert_error (post, 404, NULL);
  }
  assert_still_serving (f);
}

/* ---- request lines ---- */

static void
test_http_1_0 (DsFixture     *f,
               gconstpointer  data)
{
  g_auto(Raw) raw = { 0 };

  /* HTTP/1.0 is HTTP/1.x: served, then the connection closes (no keep-alive asked for) */
  send_raw (f, "GET " DS_CLIENTS " HTTP/1.0\r\nx-api-key: " DS_KEY "\r\n\r\n", &raw);
  g_assert_cmpuint (raw.status, ==, 200);
  g_assert_true (raw.closed);
  g_assert_nonnull (raw_header (&raw, "X-Trace-Id"));
  raw_clear (&raw);

  /* and its errors are the contract's */
  send_raw (f, "GET " DS_CLIENTS " HTTP/1.0\r\n\r\n", &raw);
  assert_json_error (&raw, 401, NULL);
  assert_still_serving (f);
}

static void
test_garbage_request_lines (DsFixture     *f,
                            gconstpointer  data)
{
  static const struct { const char *text; gsize len; } requests[] = {
#define R(s) { s, sizeof s - 1 }
    R ("GARBAGE\r\n\r\n"),
    R ("GET\r\n\r\n"),
    R ("GET " DS_CLIENTS "\r\n\r\n"),
    R ("GET " DS_CLIENTS " HTTP/2.0\r\n\r\n"),
    R ("GET " DS_CLIENTS " HTTP/9.9\r\n\r\n"),
    R ("GET " DS_CLIENTS " FTP/1.1\r\n\r\n"),
    R ("GET " DS_CLIENTS " HTTP/1.1 extra\r\n\r\n"),
    R ("\x00\x01\x02\x03 / HTTP/1.1\r\n\r\n"),
    R ("GET /\x00/ HTTP/1.1\r\nHost: x\r\n\r\n"),
    R ("GET " DS_CLIENTS " HTTP/1.1\r\nno colon here\r\n\r\n"),
    R ("GET " DS_CLIENTS " HTTP/1.1\r\nExpect: nothing\r\n\r\n"),
    R ("POST " DS_CLIENTS " HTTP/1.1\r\nContent-Length: 5\r\nContent-Length: 7\r\n\r\n{}"),
#undef R
  };

  for (guint i = 0; i < G_N_ELEMENTS (requests); i++)
    {
      g_auto(Raw) raw = { 0 };

      raw_exchange (f, requests[i].text, requests[i].len, &raw);
      g_test_message ("request %u: %u", i, raw.status);
      if (raw_header (&raw, "X-Trace-Id") != NULL)
        assert_refused (&raw);
      else
        assert_library_refusal (&raw);
    }
  assert_still_serving (f);
}

#define ADD(path, func) \
  g_test_add ("/dossier/sandbox/hostile/" path, DsFixture, NULL, ds_fixture_setup, func, ds_fixture_teardown)

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  ADD ("header-line-100k", test_huge_header_line);
  ADD ("headers-5000", test_many_headers);
  ADD ("body-over-limit", test_body_over_limit);
  ADD ("deep-json", test_deep_json);
  ADD ("huge-numbers", test_huge_numbers);
  ADD ("invalid-utf8-body", test_invalid_utf8_body);
  ADD ("invalid-utf8-path", test_invalid_utf8_path);
  ADD ("path-tricks", test_path_tricks);
  ADD ("http-1.0", test_http_1_0);
  ADD ("garbage-request-lines", test_garbage_request_lines);

  return g_test_run ();
}
