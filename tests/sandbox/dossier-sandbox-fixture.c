/* dossier-sandbox-fixture.c — shared fixture of the `sandbox` HTTP test suite
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <glib/gstdio.h>

#include "dossier-sandbox-fixture.h"

#define WATCHDOG_SECONDS 90

static gboolean
watchdog_cb (gpointer user_data)
{
  g_error ("watchdog: the test did not finish within %d s (deadlock?)", WATCHDOG_SECONDS);
  return G_SOURCE_REMOVE;
}

void
ds_response_free (DsResponse *response)
{
  if (response == NULL)
    return;
  g_clear_pointer (&response->headers, soup_message_headers_unref);
  g_clear_pointer (&response->body, g_bytes_unref);
  g_clear_pointer (&response->json, json_node_unref);
  g_clear_error (&response->error);
  g_free (response);
}

DossierSandboxConfig *
ds_config_new (void)
{
  DossierSandboxConfig *config = dossier_sandbox_config_new ();
  g_autoptr(GError) error = NULL;

  dossier_sandbox_config_add_key (config, DS_KEY ":3", &error);
  g_assert_no_error (error);
  dossier_sandbox_config_add_key (config, DS_LOW_KEY ":1", &error);
  g_assert_no_error (error);
  dossier_sandbox_config_set_rate_limit (config, 0);
  dossier_sandbox_config_set_review_delay (config, 10);
  return config;
}

static void
start_sandbox (DsFixture                  *f,
               const DossierSandboxConfig *config)
{
  g_autoptr(DossierSandboxConfig) own = NULL;
  g_autoptr(GError) error = NULL;

  if (config == NULL)
    config = own = ds_config_new ();
  f->sandbox = dossier_sandbox_new (config);
  g_assert_true (dossier_sandbox_start (f->sandbox, &error));
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (dossier_sandbox_get_uri (f->sandbox), "http://127.0.0.1:"));
  g_assert_false (g_str_has_suffix (dossier_sandbox_get_uri (f->sandbox), "/"));
}

void
ds_fixture_setup_full (DsFixture                  *f,
                       const DossierSandboxConfig *config)
{
  memset (f, 0, sizeof *f);
  f->watchdog = g_timeout_add_seconds (WATCHDOG_SECONDS, watchdog_cb, NULL);
  start_sandbox (f, config);
  f->session = soup_session_new_with_options ("timeout", 30, "max-conns-per-host", 32,
                                              "max-conns", 64, NULL);
}

void
ds_fixture_setup (DsFixture     *f,
                  gconstpointer  data)
{
  ds_fixture_setup_full (f, NULL);
}

void
ds_fixture_restart (DsFixture                  *f,
                    const DossierSandboxConfig *config)
{
  /* A new session too: its idle connections point at the old port. */
  g_clear_object (&f->session);
  dossier_sandbox_stop (f->sandbox);
  g_clear_object (&f->sandbox);
  start_sandbox (f, config);
  f->session = soup_session_new_with_options ("timeout", 30, "max-conns-per-host", 32,
                                              "max-conns", 64, NULL);
}

void
ds_fixture_teardown (DsFixture     *f,
                     gconstpointer  data)
{
  g_clear_object (&f->session);
  if (f->sandbox != NULL)
    dossier_sandbox_stop (f->sandbox);
  g_clear_object (&f->sandbox);
  g_clear_handle_id (&f->watchdog, g_source_remove);
  if (f->state_file != NULL)
    {
      g_autofree char *dir = g_path_get_dirname (f->state_file);

      g_unlink (f->state_file);
      g_rmdir (dir);
    }
  g_clear_pointer (&f->state_file, g_free);
}

char *
ds_url (DsFixture  *f,
        const char *path)
{
  return g_strconcat (dossier_sandbox_get_uri (f->sandbox), path, NULL);
}

/* ---- sending ---- */

typedef struct _DsPending
{
  DsResponse *response;
  SoupMessage *msg;
  guint *pending;
  guint own;
} Pending;

static void
parse_json (DsResponse *r)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  gsize size;
  const char *data = g_bytes_get_data (r->body, &size);

  if (size > 0 && json_parser_load_from_data (parser, data, size, NULL)
      && json_parser_get_root (parser) != NULL)
    r->json = json_node_copy (json_parser_get_root (parser));
}

static void
sent_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  Pending *p = user_data;
  DsResponse *r = p->response;

  r->body = soup_session_send_and_read_finish (SOUP_SESSION (object), result, &r->error);
  if (r->body == NULL)
    r->body = g_bytes_new (NULL, 0);
  else
    {
      r->status = soup_message_get_status (p->msg);
      r->headers = soup_message_headers_ref (soup_message_get_response_headers (p->msg));
      parse_json (r);
    }
  if (r->headers == NULL)
    r->headers = soup_message_headers_new (SOUP_MESSAGE_HEADERS_RESPONSE);
  g_clear_object (&p->msg);
  (*p->pending)--;
}

static Pending *
start_request (DsFixture          *f,
               const char         *method,
               const char         *path,
               SoupMessageHeaders *extra,
               const char         *key,
               const char         *body,
               guint              *pending)
{
  g_autofree char *url = ds_url (f, path);
  Pending *p = g_new0 (Pending, 1);
  SoupMessageHeaders *headers;

  p->response = g_new0 (DsResponse, 1);
  p->pending = pending ? pending : &p->own;
  p->msg = soup_message_new (method, url);
  g_assert_nonnull (p->msg);
  if (f->new_connections)
    soup_message_add_flags (p->msg, SOUP_MESSAGE_NEW_CONNECTION);
  headers = soup_message_get_request_headers (p->msg);
  soup_message_headers_append (headers, "Accept", "application/json");
  if (key != NULL)
    soup_message_headers_append (headers, "x-api-key", key);
  if (extra != NULL)
    {
      SoupMessageHeadersIter iter;
      const char *name, *value;

      soup_message_headers_iter_init (&iter, extra);
      while (soup_message_headers_iter_next (&iter, &name, &value))
        soup_message_headers_replace (headers, name, value);
    }
  if (body != NULL)
    {
      g_autoptr(GBytes) bytes = g_bytes_new (body, strlen (body));

      soup_message_set_request_body_from_bytes (p->msg, "application/json", bytes);
    }
  (*p->pending)++;
  soup_session_send_and_read_async (f->session, p->msg, G_PRIORITY_DEFAULT, NULL, sent_cb, p);
  return p;
}

static DsResponse *
wait_one (Pending *p,
          guint   *pending)
{
  DsResponse *r;

  while (*pending > 0)
    g_main_context_iteration (NULL, TRUE);
  r = p->response;
  g_free (p);
  return r;
}

DsResponse *
ds_send (DsFixture  *f,
         const char *method,
         const char *path,
         const char *key,
         const char *body)
{
  guint pending = 0;
  Pending *p = start_request (f, method, path, NULL, key, body, &pending);

  return wait_one (p, &pending);
}

DsResponse *
ds_send_headers (DsFixture          *f,
                 const char         *method,
                 const char         *path,
                 SoupMessageHeaders *extra,
                 const char         *body)
{
  guint pending = 0;
  Pending *p = start_request (f, method, path, extra, NULL, body, &pending);

  return wait_one (p, &pending);
}

DsPending *
ds_send_begin (DsFixture  *f,
               const char *method,
               const char *path,
               const char *key,
               const char *body)
{
  Pending *p = start_request (f, method, path, NULL, key, body, NULL);

  return p;
}

gboolean
ds_pending_is_done (DsPending *pending)
{
  return pending->own == 0;
}

DsResponse *
ds_pending_wait (DsPending *pending)
{
  return wait_one (pending, &pending->own);
}

static gboolean
sleep_done_cb (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

void
ds_sleep (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, sleep_done_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

DsResponse *
ds_admin (DsFixture  *f,
          const char *method,
          const char *path,
          const char *body)
{
  return ds_send (f, method, path, NULL, body);
}

GPtrArray *
ds_send_parallel (DsFixture          *f,
                  guint               n,
                  const char         *method,
                  const char * const *paths,
                  const char         *key,
                  const char * const *bodies)
{
  GPtrArray *responses = g_ptr_array_new_with_free_func ((GDestroyNotify) ds_response_free);
  g_autoptr(GPtrArray) pendings = g_ptr_array_new ();
  guint pending = 0;

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (pendings, start_request (f, method, paths[i], NULL, key,
                                              bodies ? bodies[i] : NULL, &pending));
  while (pending > 0)
    g_main_context_iteration (NULL, TRUE);
  for (guint i = 0; i < n; i++)
    {
      Pending *p = g_ptr_array_index (pendings, i);

      g_ptr_array_add (responses, p->response);
      g_free (p);
    }
  return responses;
}

GBytes *
ds_raw_exchange (DsFixture  *f,
                 const char *request,
                 guint       timeout_ms,
                 gboolean   *closed)
{
  g_autoptr(GSocketClient) client = g_socket_client_new ();
  g_autoptr(GSocketConnection) connection = NULL;
  g_autoptr(GByteArray) received = g_byte_array_new ();
  g_autoptr(GError) error = NULL;
  GSocket *socket;
  gint64 deadline;
  char buffer[4096];

  connection = g_socket_client_connect_to_host (client, "127.0.0.1",
                                                (guint16) dossier_sandbox_get_port (f->sandbox),
                                                NULL, &error);
  g_assert_no_error (error);
  socket = g_socket_connection_get_socket (connection);
  g_assert_true (g_output_stream_write_all (g_io_stream_get_output_stream (G_IO_STREAM (connection)),
                                            request, strlen (request), NULL, NULL, &error));
  g_assert_no_error (error);

  *closed = FALSE;
  deadline = g_get_monotonic_time () + (gint64) timeout_ms * 1000;
  while (g_get_monotonic_time () < deadline)
    {
      gssize n;

      if (!g_socket_condition_timed_wait (socket, G_IO_IN, deadline - g_get_monotonic_time (), NULL, NULL))
        break;
      n = g_socket_receive (socket, buffer, sizeof buffer, NULL, &error);
      if (n < 0)
        {
          /* A reset after the answer still counts as closed. */
          g_clear_error (&error);
          *closed = TRUE;
          break;
        }
      if (n == 0)
        {
          *closed = TRUE;
          break;
        }
      g_byte_array_append (received, (guint8 *) buffer, n);
    }
  g_io_stream_close (G_IO_STREAM (connection), NULL, NULL);
  return g_byte_array_free_to_bytes (g_steal_pointer (&received));
}

/* ---- assertions ---- */

static gboolean
is_trace_id (const char *text)
{
  if (text == NULL || strlen (text) != 32)
    return FALSE;
  for (const char *p = text; *p; p++)
    if (!g_ascii_isdigit (*p) && !(*p >= 'a' && *p <= 'f'))
      return FALSE;
  return TRUE;
}

void
ds_assert_trace_id (DsResponse *r)
{
  const char *header = soup_message_headers_get_one (r->headers, "X-Trace-Id");

  g_assert_no_error (r->error);
  g_assert_true (is_trace_id (header));
  if (r->json != NULL && JSON_NODE_HOLDS_OBJECT (r->json)
      && json_object_has_member (json_node_get_object (r->json), "trace_id"))
    g_assert_cmpstr (json_object_get_string_member (json_node_get_object (r->json), "trace_id"),
                     ==, header);
}

void
ds_assert_status (DsResponse *r,
                  guint       status)
{
  g_assert_no_error (r->error);
  if (r->status != status)
    g_test_message ("unexpected %u: %.*s", r->status,
                    (int) MIN (g_bytes_get_size (r->body), 600),
                    (const char *) g_bytes_get_data (r->body, NULL));
  g_assert_cmpuint (r->status, ==, status);
  g_assert_cmpstr (soup_message_headers_get_content_type (r->headers, NULL), ==, "application/json");
  g_assert_nonnull (r->json);
  ds_assert_trace_id (r);
}

void
ds_assert_error (DsResponse *r,
                 guint       status,
                 const char *code)
{
  JsonObject *object;

  ds_assert_status (r, status);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (r->json));
  object = json_node_get_object (r->json);
  if (status == 429)
    {
      g_assert_false (json_object_has_member (object, "code"));
      g_assert_cmpstr (json_object_get_string_member (object, "error_code"), ==, code);
    }
  else
    {
      g_assert_false (json_object_has_member (object, "error_code"));
      g_assert_cmpstr (json_object_get_string_member (object, "code"), ==, code);
    }
  g_assert_true (json_object_has_member (object, "message"));
  g_assert_true (json_object_has_member (object, "trace_id"));
}

JsonObject *
ds_object (DsResponse *r)
{
  g_assert_nonnull (r->json);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (r->json));
  return json_node_get_object (r->json);
}

JsonArray *
ds_array (DsResponse *r)
{
  g_assert_nonnull (r->json);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (r->json));
  return json_node_get_array (r->json);
}

const char *
ds_string (DsResponse *r,
           const char *member)
{
  JsonObject *object = ds_object (r);

  g_assert_true (json_object_has_member (object, member));
  return json_object_get_string_member (object, member);
}

const char *
ds_message (DsResponse *r)
{
  return ds_string (r, "message");
}

/* ---- bodies and resources ---- */

char *
ds_client_body (const char *last_name,
                const char *email,
                gboolean    with_phone)
{
  return g_strdup_printf ("{\"first_name\": \"Maria\", \"second_name\": \"Julia\", "
                          "\"last_name\": \"%s\", \"email\": \"%s\", \"birth_date\": \"1984-11-21\", "
                          "\"address\": {\"street_line1\": \"Florida 9860\", \"city\": \"Del Viso\", "
                          "\"postal_code\": \"1669\", \"state\": \"ARG-B\", \"country\": \"ARG\"}%s}",
                          last_name, email,
                          with_phone ? ", \"phone_country_code\": 54, \"phone_number\": 1168860622" : "");
}

char *
ds_create_client (DsFixture  *f,
                  const char *last_name,
                  const char *email,
                  gboolean    with_phone)
{
  g_autofree char *body = ds_client_body (last_name, email, with_phone);
  g_autoptr(DsResponse) r = ds_send (f, "POST", DS_CLIENTS, DS_KEY, body);

  ds_assert_status (r, 200);
  g_assert_cmpstr (ds_string (r, "status"), ==, "pending");
  return g_strdup (ds_string (r, "id"));
}

char *
ds_products_path (const char *client_id,
                  const char *request_id,
                  const char *action)
{
  if (request_id == NULL)
    return g_strdup_printf (DS_CLIENTS "/%s/products", client_id);
  if (action == NULL)
    return g_strdup_printf (DS_CLIENTS "/%s/products/%s", client_id, request_id);
  return g_strdup_printf (DS_CLIENTS "/%s/products/%s/%s", client_id, request_id, action);
}

char *
ds_request_product (DsFixture  *f,
                    const char *client_id,
                    const char *product)
{
  g_autofree char *path = ds_products_path (client_id, NULL, NULL);
  g_autofree char *body = g_strdup_printf ("{\"subproduct\": \"%s\"}", product);
  g_autoptr(DsResponse) r = ds_send (f, "POST", path, DS_KEY, body);

  ds_assert_status (r, 200);
  g_assert_cmpstr (ds_string (r, "product"), ==, product);
  g_assert_cmpstr (ds_string (r, "client_id"), ==, client_id);
  return g_strdup (ds_string (r, "id"));
}

char *
ds_passport_body (const char *image,
                  const char *number)
{
  return g_strdup_printf ("{\"document\": {\"document_type\": \"passport\", \"image_front\": \"%s\", "
                          "\"metadata\": {\"number\": \"%s\", \"issuing_country\": \"ARG\"}}}",
                          image, number);
}

DsResponse *
ds_upload_passport (DsFixture  *f,
                    const char *client_id,
                    const char *request_id)
{
  g_autofree char *path = ds_products_path (client_id, request_id, "documentation");
  g_autofree char *image = ds_image_data_uri (600, 800, "jpeg");
  g_autofree char *body = ds_passport_body (image, "AB1234567");

  return ds_send (f, "POST", path, DS_KEY, body);
}

JsonObject *
ds_find_request (DsResponse *list,
                 const char *request_id)
{
  JsonArray *array = ds_array (list);

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *object = json_array_get_object_element (array, i);

      if (g_strcmp0 (json_object_get_string_member (object, "id"), request_id) == 0)
        return object;
    }
  g_assert_not_reached ();
  return NULL;
}

void
ds_advance_clock (DsFixture *f,
                  double     seconds)
{
  g_autofree char *body = g_strdup_printf ("{\"advance_seconds\": %.3f}", seconds);
  g_autoptr(DsResponse) r = ds_admin (f, "POST", "/_sandbox/clock", body);

  ds_assert_status (r, 200);
}

/* ---- images ---- */

GBytes *
ds_image_bytes (int         width,
                int         height,
                const char *format)
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, width, height);
  g_autoptr(GError) error = NULL;
  g_autofree char *buffer = NULL;
  gsize size = 0;

  g_assert_nonnull (pixbuf);
  gdk_pixbuf_fill (pixbuf, 0x3a6ea5ff);
  g_assert_true (gdk_pixbuf_save_to_buffer (pixbuf, &buffer, &size, format, &error, NULL));
  g_assert_no_error (error);
  return g_bytes_new_take (g_steal_pointer (&buffer), size);
}

char *
ds_image_data_uri (int         width,
                   int         height,
                   const char *format)
{
  g_autoptr(GBytes) bytes = ds_image_bytes (width, height, format);
  g_autofree char *base64 = g_base64_encode (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));

  return g_strdup_printf ("data:image/%s;base64,%s", format, base64);
}

char *
ds_date_from_today (int days)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) then = g_date_time_add_days (now, days);

  return g_date_time_format (then, "%Y-%m-%d");
}
