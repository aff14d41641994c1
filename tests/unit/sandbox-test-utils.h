/* sandbox-test-utils.h — helpers for the sandbox engine unit tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Drives DossierSandboxEngine through dossier_sandbox_engine_dispatch() with
 * injected clocks: no sockets, no sleeping.
 */
#pragma once

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "dossier-sandbox-engine.h"

#define KEY3 "key-three"
#define KEY1 "key-one"
#define CLIENTS "/management/clients/individuals"
/* 2026-04-15T10:30:00Z */
#define START_WALL G_GINT64_CONSTANT (1776249000000000)

static gint64 fake_wall = START_WALL;
static gint64 fake_mono = 1000000;

static inline gint64
fake_wall_clock (gpointer user_data)
{
  return fake_wall;
}

static inline gint64
fake_mono_clock (gpointer user_data)
{
  return fake_mono;
}

static inline DossierSandboxConfig *
test_config (void)
{
  DossierSandboxConfig *config = dossier_sandbox_config_new ();

  fake_wall = START_WALL;
  fake_mono += 10 * G_USEC_PER_SEC;
  g_assert_true (dossier_sandbox_config_add_key (config, KEY3, NULL));
  g_assert_true (dossier_sandbox_config_add_key (config, KEY1 ":1", NULL));
  dossier_sandbox_config_set_wall_clock (config, fake_wall_clock, NULL);
  dossier_sandbox_config_set_monotonic_clock (config, fake_mono_clock, NULL);
  dossier_sandbox_config_set_rate_limit (config, 0);
  return config;
}

static inline DossierSandboxEngine *
test_engine_new (DossierSandboxConfig *config)
{
  g_autoptr(GError) error = NULL;
  DossierSandboxEngine *engine = dossier_sandbox_engine_new (config, &error);

  g_assert_no_error (error);
  g_assert_nonnull (engine);
  return engine;
}

static inline DossierSandboxEngine *
test_engine (void)
{
  g_autoptr(DossierSandboxConfig) config = test_config ();

  return test_engine_new (config);
}

typedef struct
{
  DossierSandboxResponse *response;
  JsonNode               *root;
} Reply;

static inline void
reply_clear (Reply *reply)
{
  g_clear_pointer (&reply->response, dossier_sandbox_response_free);
  g_clear_pointer (&reply->root, json_node_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Reply, reply_clear)

/* One request; checks the invariants every response must hold. */
static inline Reply
call_full (DossierSandboxEngine *engine,
           const char           *method,
           const char           *path,
           const char           *key,
           SoupMessageHeaders   *extra,
           const char           *body)
{
  g_autoptr(SoupMessageHeaders) headers = extra != NULL ? soup_message_headers_ref (extra) :
                                          soup_message_headers_new (SOUP_MESSAGE_HEADERS_REQUEST);
  g_autoptr(GBytes) bytes = body != NULL ? g_bytes_new (body, strlen (body)) : NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  Reply reply = { NULL, NULL };
  const char *trace;
  gsize size;
  const char *data;

  if (key != NULL)
    soup_message_headers_replace (headers, "x-api-key", key);
  reply.response = dossier_sandbox_engine_dispatch (engine, method, path, headers, "127.0.0.1", bytes);
  if (reply.response == NULL)
    return reply;

  trace = soup_message_headers_get_one (reply.response->headers, "X-Trace-Id");
  g_assert_nonnull (trace);
  g_assert_cmpuint (strlen (trace), ==, 32);
  for (guint i = 0; i < 32; i++)
    g_assert_true (g_ascii_isxdigit (trace[i]) && !g_ascii_isupper (trace[i]));
  g_assert_cmpstr (soup_message_headers_get_one (reply.response->headers, "Content-Type"), ==,
                   "application/json");
  data = g_bytes_get_data (reply.response->body, &size);
  g_assert_true (json_parser_load_from_data (parser, data, size, NULL));
  reply.root = json_node_copy (json_parser_get_root (parser));
  if (reply.response->status >= 400)
    {
      JsonObject *object = json_node_get_object (reply.root);

      g_assert_cmpstr (json_object_get_string_member (object, "trace_id"), ==, trace);
      g_assert_true (json_object_has_member (object, "message"));
      if (reply.response->status == 429)
        g_assert_false (json_object_has_member (object, "code"));
      else
        g_assert_false (json_object_has_member (object, "error_code"));
    }
  return reply;
}

static inline Reply
call (DossierSandboxEngine *engine,
      const char           *method,
      const char           *path,
      const char           *body)
{
  return call_full (engine, method, path, KEY3, NULL, body);
}

static inline JsonObject *
reply_object (Reply *reply)
{
  g_assert_true (JSON_NODE_HOLDS_OBJECT (reply->root));
  return json_node_get_object (reply->root);
}

static inline const char *
reply_string (Reply      *reply,
              const char *member)
{
  return json_object_get_string_member (reply_object (reply), member);
}

static inline void
assert_error (Reply      *reply,
              guint       status,
              const char *code,
              const char *message)
{
  g_assert_nonnull (reply->response);
  if (reply->response->status != status)
    g_test_message ("unexpected body: %.*s", (int) g_bytes_get_size (reply->response->body),
                    (const char *) g_bytes_get_data (reply->response->body, NULL));
  g_assert_cmpuint (reply->response->status, ==, status);
  g_assert_cmpstr (reply_string (reply, "code"), ==, code);
  if (message != NULL)
    g_assert_cmpstr (reply_string (reply, "message"), ==, message);
}

static inline void
assert_ok (Reply *reply)
{
  g_assert_nonnull (reply->response);
  if (reply->response->status != 200)
    g_test_message ("unexpected body: %.*s", (int) g_bytes_get_size (reply->response->body),
                    (const char *) g_bytes_get_data (reply->response->body, NULL));
  g_assert_cmpuint (reply->response->status, ==, 200);
}

#define MARIA_ADDRESS \
  "\"address\":{\"street_line1\":\"Florida 9860\",\"city\":\"Del Viso\",\"postal_code\":\"1669\"," \
  "\"state\":\"ARG-B\",\"country\":\"ARG\"}"

static inline char *
client_body (const char *last_name,
             const char *email,
             const char *extra)
{
  return g_strdup_printf ("{\"first_name\":\"Maria\",\"last_name\":\"%s\",\"email\":\"%s\","
                          "\"birth_date\":\"1984-11-21\"," MARIA_ADDRESS "%s%s}",
                          last_name, email, extra != NULL ? "," : "", extra != NULL ? extra : "");
}

/* Creates a client and returns its id (transfer full). */
static inline char *
create_client (DossierSandboxEngine *engine,
               const char           *last_name,
               const char           *email,
               const char           *extra)
{
  g_autofree char *body = client_body (last_name, email, extra);
  g_auto(Reply) reply = call (engine, "POST", CLIENTS, body);

  assert_ok (&reply);
  return g_strdup (reply_string (&reply, "id"));
}

static inline char *
request_product (DossierSandboxEngine *engine,
                 const char           *client_id,
                 const char           *product)
{
  g_autofree char *path = g_strdup_printf (CLIENTS "/%s/products", client_id);
  g_autofree char *body = g_strdup_printf ("{\"subproduct\":\"%s\"}", product);
  g_auto(Reply) reply = call (engine, "POST", path, body);

  assert_ok (&reply);
  return g_strdup (reply_string (&reply, "id"));
}

/* A real JPEG of @width x @height as a data URI (transfer full). */
static inline char *
jpeg_data_uri (int width,
               int height)
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, width, height);
  g_autoptr(GError) error = NULL;
  g_autofree char *buffer = NULL;
  g_autofree char *base64 = NULL;
  gsize size;

  gdk_pixbuf_fill (pixbuf, 0x336699ff);
  g_assert_true (gdk_pixbuf_save_to_buffer (pixbuf, &buffer, &size, "jpeg", &error, "quality", "85", NULL));
  g_assert_no_error (error);
  base64 = g_base64_encode ((const guchar *) buffer, size);
  return g_strconcat ("data:image/jpeg;base64,", base64, NULL);
}

static inline char *
passport_body (int width,
               int height,
               const char *number)
{
  g_autofree char *uri = jpeg_data_uri (width, height);

  return g_strdup_printf ("{\"document\":{\"document_type\":\"passport\",\"image_front\":\"%s\","
                          "\"metadata\":{\"number\":\"%s\",\"issuing_country\":\"ARG\"}}}",
                          uri, number);
}

static inline void
upload_passport (DossierSandboxEngine *engine,
                 const char           *client_id,
                 const char           *request_id)
{
  g_autofree char *path = g_strdup_printf (CLIENTS "/%s/products/%s/documentation", client_id, request_id);
  g_autofree char *body = passport_body (600, 800, "AB1234567");
  g_auto(Reply) reply = call (engine, "POST", path, body);
  JsonArray *rejected;

  assert_ok (&reply);
  rejected = json_object_get_array_member (reply_object (&reply), "rejected_items");
  g_assert_cmpuint (json_array_get_length (rejected), ==, 0);
}

static inline const char *
submit (DossierSandboxEngine *engine,
        const char           *client_id,
        const char           *request_id)
{
  static char status[64];
  g_autofree char *path = g_strdup_printf (CLIENTS "/%s/products/%s/submit", client_id, request_id);
  g_auto(Reply) reply = call (engine, "POST", path, "not json at all");
  JsonObject *product;

  assert_ok (&reply);
  product = json_object_get_object_member (reply_object (&reply), "product");
  g_strlcpy (status, json_object_get_string_member (product, "status"), sizeof status);
  return status;
}

/* The first product request of a client's list, re-read now. */
static inline char *
product_status (DossierSandboxEngine *engine,
                const char           *client_id,
                guint                 index,
                char                **updated_at)
{
  g_autofree char *path = g_strdup_printf (CLIENTS "/%s/products", client_id);
  g_auto(Reply) reply = call (engine, "GET", path, NULL);
  JsonObject *request;

  assert_ok (&reply);
  request = json_array_get_object_element (json_node_get_array (reply.root), index);
  if (updated_at != NULL)
    *updated_at = g_strdup (json_object_get_string_member (request, "updated_at"));
  return g_strdup (json_object_get_string_member (request, "status"));
}

static inline char *
client_status (DossierSandboxEngine *engine,
               const char           *client_id)
{
  g_autofree char *path = g_strdup_printf (CLIENTS "/%s", client_id);
  g_auto(Reply) reply = call (engine, "GET", path, NULL);

  assert_ok (&reply);
  return g_strdup (reply_string (&reply, "status"));
}
