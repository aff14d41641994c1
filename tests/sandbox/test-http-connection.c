/* test-http-connection.c — the sandbox's connections, seen from a raw socket
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The server accepts sockets itself and serves them through its own streams
 * (src/sandbox/dossier-sandbox-connection.c). Over real TCP on 127.0.0.1: many
 * requests on one keep-alive connection, pipelined requests answered in order, an
 * answer far bigger than what the streams keep read by a slow reader, and peers
 * that go away early without harming anyone else.
 */
#include "config.h"

#include <string.h>
#include <sys/socket.h>

#include "dossier-sandbox-fixture.h"

#define UNKNOWN_ID "00000000000000000000000000000000"

typedef struct
{
  guint   status;
  char   *trace_id;
  GBytes *body;     /* text: one NUL past its size */
} Answer;

static void
answer_clear (Answer *a)
{
  g_clear_pointer (&a->trace_id, g_free);
  g_clear_pointer (&a->body, g_bytes_unref);
}

static GSocket *
connect_raw (DsFixture *f,
             int        receive_buffer)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, dossier_sandbox_get_port (f->sandbox));
  GSocket *socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, &error);

  g_assert_no_error (error);
  if (receive_buffer > 0)
    g_socket_set_option (socket, SOL_SOCKET, SO_RCVBUF, receive_buffer, NULL);
  g_socket_set_timeout (socket, 20);
  g_assert_true (g_socket_connect (socket, address, NULL, &error));
  g_assert_no_error (error);
  return socket;
}

static void
send_all (GSocket    *socket,
          const char *text,
          gsize       length)
{
  g_autoptr(GError) error = NULL;

  while (length > 0)
    {
      gssize n = g_socket_send (socket, text, length, NULL, &error);

      g_assert_no_error (error);
      g_assert_cmpint (n, >, 0);
      text += n;
      length -= (gsize) n;
    }
}

static char *
request_text (const char *method,
              const char *path,
              const char *body)
{
  g_autofree char *framing = body ? g_strdup_printf ("Content-Type: application/json\r\n"
                                                    "Content-Length: %zu\r\n", strlen (body))
                                  : g_strdup ("");

  return g_strdup_printf ("%s %s HTTP/1.1\r\nHost: 127.0.0.1\r\nx-api-key: " DS_KEY "\r\n%s\r\n%s",
                          method, path, framing, body ? body : "");
}

/* Reads one answer from @socket, leaving what follows it in @pending. @slow sleeps
 * between small reads. */
static void
read_answer (GSocket    *socket,
             GByteArray *pending,
             gboolean    slow,
             Answer     *out)
{
  g_autoptr(GError) error = NULL;
  const char *end = NULL;
  gsize head_length = 0, body_length = 0;
  g_auto(GStrv) lines = NULL;

  for (;;)
    {
      char buffer[2048];
      gssize n;

      if (end == NULL && pending->len > 0)
        {
          end = g_strstr_len ((const char *) pending->data, pending->len, "\r\n\r\n");
          if (end != NULL)
            {
              g_autofree char *head = NULL;

              head_length = (gsize) (end - (const char *) pending->data) + 4;
              head = g_strndup ((const char *) pending->data, head_length - 4);
              lines = g_strsplit (head, "\r\n", -1);
              g_assert_true (g_str_has_prefix (lines[0], "HTTP/1.1 "));
              out->status = (guint) g_ascii_strtoull (lines[0] + 9, NULL, 10);
              for (guint i = 1; lines[i] != NULL; i++)
                {
                  if (g_ascii_strncasecmp (lines[i], "Content-Length:", 15) == 0)
                    body_length = g_ascii_strtoull (lines[i] + 15, NULL, 10);
                  else if (g_ascii_strncasecmp (lines[i], "X-Trace-Id:", 11) == 0)
                    out->trace_id = g_strstrip (g_strdup (lines[i] + 11));
                }
            }
        }
      if (end != NULL && pending->len >= head_length + body_length)
        break;

      n = g_socket_receive (socket, buffer, slow ? 1024 : sizeof buffer, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpint (n, >, 0);   /* the server never closes a keep-alive connection here */
      g_byte_array_append (pending, (const guint8 *) buffer, (guint) n);
      if (slow)
        g_usleep (300);
    }

  /* NUL-terminated, for the JSON parser */
  out->body = g_bytes_new_take (g_strndup ((const char *) pending->data + head_length, body_length),
                                body_length);
  g_byte_array_remove_range (pending, 0, (guint) (head_length + body_length));
}

static void
exchange (GSocket    *socket,
          GByteArray *pending,
          const char *method,
          const char *path,
          const char *body,
          Answer     *out)
{
  g_autofree char *text = request_text (method, path, body);

  send_all (socket, text, strlen (text));
  read_answer (socket, pending, FALSE, out);
}

static char *
client_body (guint i)
{
  g_autofree char *name = g_strdup_printf ("Barber%u", i);
  g_autofree char *email = g_strdup_printf ("maria.%u@example.com", i);

  return ds_client_body (name, email, TRUE);
}

/* Hundreds of requests of every kind on one connection: all answered, never closed. */
static void
test_many_on_one (DsFixture     *f,
                  gconstpointer  data)
{
  g_autoptr(GSocket) socket = connect_raw (f, 0);
  g_autoptr(GByteArray) pending = g_byte_array_new ();
  g_autoptr(GHashTable) traces = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < 300; i++)
    {
      Answer a = { 0, };

      switch (i % 3)
        {
        case 0:
          exchange (socket, pending, "GET", DS_CLIENTS, NULL, &a);
          g_assert_cmpuint (a.status, ==, 200);
          break;
        case 1:
          exchange (socket, pending, "GET", DS_CLIENTS "/" UNKNOWN_ID, NULL, &a);
          g_assert_cmpuint (a.status, ==, 404);
          break;
        default:
          {
            g_autofree char *body = client_body (i);

            exchange (socket, pending, "POST", DS_CLIENTS, body, &a);
            g_assert_cmpuint (a.status, ==, 200);
          }
          break;
        }
      g_assert_nonnull (a.trace_id);
      g_assert_true (g_hash_table_add (traces, g_steal_pointer (&a.trace_id)));
      answer_clear (&a);
    }
  g_assert_cmpuint (pending->len, ==, 0);
}

/* Three requests in one send: three answers, in order. */
static void
test_pipelined (DsFixture     *f,
                gconstpointer  data)
{
  g_autoptr(GSocket) socket = connect_raw (f, 0);
  g_autoptr(GByteArray) pending = g_byte_array_new ();
  g_autofree char *body = client_body (1);
  g_autofree char *first = request_text ("GET", DS_CLIENTS "/" UNKNOWN_ID, NULL);
  g_autofree char *second = request_text ("POST", DS_CLIENTS, body);
  g_autofree char *third = request_text ("GET", DS_CLIENTS, NULL);
  g_autofree char *all = g_strconcat (first, second, third, NULL);
  Answer a = { 0, }, b = { 0, }, c = { 0, };
  g_autoptr(JsonNode) list = NULL;

  send_all (socket, all, strlen (all));
  read_answer (socket, pending, FALSE, &a);
  read_answer (socket, pending, FALSE, &b);
  read_answer (socket, pending, FALSE, &c);
  g_assert_cmpuint (a.status, ==, 404);
  g_assert_cmpuint (b.status, ==, 200);
  g_assert_cmpuint (c.status, ==, 200);
  /* the third saw the second's client */
  list = json_from_string (g_bytes_get_data (c.body, NULL), NULL);
  g_assert_nonnull (list);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (list)), ==, 1);
  g_assert_cmpstr (a.trace_id, !=, b.trace_id);
  g_assert_cmpstr (b.trace_id, !=, c.trace_id);
  answer_clear (&a);
  answer_clear (&b);
  answer_clear (&c);
}

static void
create_clients (DsFixture *f,
                guint      count)
{
  g_autoptr(GSocket) socket = connect_raw (f, 0);
  g_autoptr(GByteArray) pending = g_byte_array_new ();

  for (guint i = 0; i < count; i++)
    {
      g_autofree char *body = client_body (i);
      Answer a = { 0, };

      exchange (socket, pending, "POST", DS_CLIENTS, body, &a);
      g_assert_cmpuint (a.status, ==, 200);
      answer_clear (&a);
    }
}

/* An answer many times what the server keeps, to a reader with a small window that
 * reads slowly: whole, byte for byte valid JSON, and the connection still usable. */
static void
test_big_answer_slow_reader (DsFixture     *f,
                             gconstpointer  data)
{
  g_autoptr(GSocket) socket = NULL;
  g_autoptr(GByteArray) pending = g_byte_array_new ();
  g_autofree char *request = request_text ("GET", DS_CLIENTS, NULL);
  g_autoptr(JsonNode) list = NULL;
  g_autoptr(GError) error = NULL;
  Answer a = { 0, }, again = { 0, };

  create_clients (f, 400);
  socket = connect_raw (f, 4096);
  send_all (socket, request, strlen (request));
  read_answer (socket, pending, TRUE, &a);
  g_assert_cmpuint (a.status, ==, 200);
  g_assert_cmpuint (g_bytes_get_size (a.body), >, 2 * 64 * 1024);
  list = json_from_string (g_bytes_get_data (a.body, NULL), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (list)), ==, 400);

  exchange (socket, pending, "GET", DS_CLIENTS "/" UNKNOWN_ID, NULL, &again);
  g_assert_cmpuint (again.status, ==, 404);
  answer_clear (&a);
  answer_clear (&again);
}

/* Peers that leave early — silent, mid-request, mid-answer — harm no one else. */
static void
test_peers_leaving_early (DsFixture     *f,
                          gconstpointer  data)
{
  g_autofree char *request = request_text ("GET", DS_CLIENTS, NULL);
  g_autoptr(GSocket) later = NULL;
  g_autoptr(GByteArray) pending = g_byte_array_new ();
  Answer a = { 0, };

  create_clients (f, 300);
  for (guint round = 0; round < 5; round++)
    {
      g_autoptr(GSocket) silent = connect_raw (f, 0);
      g_autoptr(GSocket) halfway = connect_raw (f, 0);
      g_autoptr(GSocket) reader = connect_raw (f, 4096);
      char buffer[1024];

      send_all (halfway, request, strlen (request) / 2);
      send_all (reader, request, strlen (request));
      g_assert_cmpint (g_socket_receive (reader, buffer, sizeof buffer, NULL, NULL), >, 0);
      g_socket_close (silent, NULL);
      g_socket_close (halfway, NULL);
      g_socket_close (reader, NULL);
    }

  later = connect_raw (f, 0);
  exchange (later, pending, "GET", DS_CLIENTS, NULL, &a);
  g_assert_cmpuint (a.status, ==, 200);
  answer_clear (&a);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/dossier/sandbox/connection/" path, DsFixture, NULL, ds_fixture_setup, func, ds_fixture_teardown)
  ADD ("many-on-one", test_many_on_one);
  ADD ("pipelined", test_pipelined);
  ADD ("big-answer-slow-reader", test_big_answer_slow_reader);
  ADD ("peers-leaving-early", test_peers_leaving_early);
#undef ADD

  return g_test_run ();
}
