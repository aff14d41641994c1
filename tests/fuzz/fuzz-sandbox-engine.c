/* fuzz-sandbox-engine.c — fuzz target: the sandbox's request handling, without sockets
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Input: one or more requests separated by a line `%%`. Each request is
 *
 *   METHOD PATH
 *   Name: value          (any number of header lines)
 *                        (an empty line)
 *   body…
 *
 * In PATH, `{client}` and `{request}` stand for the last client and product
 * request ids the engine answered with, so one input can walk a whole flow
 * (create, request a product, upload, submit). Each request goes through
 * dossier_sandbox_engine_dispatch() and must come back either dropped (a
 * fault) or as a well-formed response: a status, a JSON or text body, and an
 * X-Trace-Id.
 *
 * The engine (rate limit 0, fixed clocks) is created once and reset through
 * `POST /_sandbox/reset` before every input, and created anew every
 * RECREATE_EVERY inputs, so its finalisation is fuzzed too and what it keeps
 * stays bounded. A reset keeps the ids the engine issued (they are never
 * issued again), so the engine grows a little with every input that creates
 * something: libFuzzer's per-input leak check would take that for a leak and
 * costs a hundred runs each time, so `dev fuzz` runs this target with
 * -detect_leaks=0. LeakSanitizer still checks the whole process at exit
 * (the live engine is reachable then), and the replay test runs every seed
 * under ASan in the sanitizer build. Creating an engine per input (it loads
 * the catalogue) would cost as much.
 */
#include "fuzz-common.h"

#include <json-glib/json-glib.h>

#include "dossier-sandbox-engine.h"

#define FUZZ_KEY        "fuzz-key"
#define FUZZ_LOW_KEY    "fuzz-low-key"
#define MAX_REQUESTS    16
#define RECREATE_EVERY  1000
#define SEPARATOR       "\n%%\n"

static DossierSandboxEngine *engine;
static guint runs;
static gint64 mono_now;
/* 2026-04-15T10:30:00Z */
static const gint64 wall_now = G_GINT64_CONSTANT (1776249000000000);

static gint64
mono_clock (gpointer user_data)
{
  return mono_now;
}

static gint64
wall_clock (gpointer user_data)
{
  return wall_now;
}

static DossierSandboxEngine *
engine_new (void)
{
  g_autoptr(DossierSandboxConfig) config = dossier_sandbox_config_new ();
  g_autoptr(GError) error = NULL;
  DossierSandboxEngine *self;

  g_assert_true (dossier_sandbox_config_add_key (config, FUZZ_KEY, NULL));
  g_assert_true (dossier_sandbox_config_add_key (config, FUZZ_LOW_KEY ":1", NULL));
  dossier_sandbox_config_set_rate_limit (config, 0);
  dossier_sandbox_config_set_admin (config, TRUE);
  dossier_sandbox_config_set_monotonic_clock (config, mono_clock, NULL);
  dossier_sandbox_config_set_wall_clock (config, wall_clock, NULL);
  self = dossier_sandbox_engine_new (config, &error);
  g_assert_no_error (error);
  g_assert_nonnull (self);
  return self;
}

static void
check_response (DossierSandboxResponse *response)
{
  const char *content_type;
  gsize len = 0;
  const char *body;

  g_assert_cmpuint (response->status, >=, 200);
  g_assert_cmpuint (response->status, <=, 599);
  g_assert_nonnull (response->headers);
  g_assert_nonnull (response->body);
  g_assert_nonnull (soup_message_headers_get_one (response->headers, "X-Trace-Id"));

  body = g_bytes_get_data (response->body, &len);
  content_type = soup_message_headers_get_one (response->headers, "Content-Type");
  if (len > 0 && content_type != NULL && strstr (content_type, "json") != NULL)
    {
      g_autoptr(JsonParser) parser = json_parser_new_immutable ();
      g_autoptr(GError) error = NULL;

      /* What the sandbox writes is JSON, whatever it was sent. */
      json_parser_load_from_data (parser, body, len, &error);
      g_assert_no_error (error);
    }
}

/* Remembers the ids an answer carries, for `{client}` and `{request}`. */
static void
remember_ids (DossierSandboxResponse *response,
              char                  **client_id,
              char                  **request_id)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  gsize len = 0;
  const char *body = g_bytes_get_data (response->body, &len);
  JsonObject *object;
  JsonNode *root;

  if (response->status >= 300 || len == 0 || !json_parser_load_from_data (parser, body, len, NULL))
    return;
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return;
  object = json_node_get_object (root);
  if (json_object_has_member (object, "product")
      && JSON_NODE_HOLDS_OBJECT (json_object_get_member (object, "product")))
    object = json_object_get_object_member (object, "product");
  if (!json_object_has_member (object, "id")
      || json_node_get_value_type (json_object_get_member (object, "id")) != G_TYPE_STRING)
    return;
  if (json_object_has_member (object, "kind"))
    return;   /* a fault */
  if (json_object_has_member (object, "client_id"))
    {
      g_free (*request_id);
      *request_id = g_strdup (json_object_get_string_member (object, "id"));
    }
  else
    {
      g_free (*client_id);
      *client_id = g_strdup (json_object_get_string_member (object, "id"));
    }
}

static char *
expand_path (const char *path,
             const char *client_id,
             const char *request_id)
{
  g_auto(GStrv) a = g_strsplit (path, "{client}", 8);
  g_autofree char *with_client = g_strjoinv (client_id != NULL ? client_id : "none", a);
  g_auto(GStrv) b = g_strsplit (with_client, "{request}", 8);

  return g_strjoinv (request_id != NULL ? request_id : "none", b);
}

/* Header lines as the HTTP layer would hand them over: a token name, a value
 * without CR or LF, trimmed. Other lines are skipped, as libsoup refuses them. */
static void
add_header (SoupMessageHeaders *headers,
            const char         *line)
{
  const char *colon = strchr (line, ':');
  g_autofree char *name = NULL;
  g_autofree char *value = NULL;

  if (colon == NULL || colon == line)
    return;
  name = g_strndup (line, colon - line);
  if (strpbrk (name, " \t\r\n:") != NULL)
    return;
  value = g_strstrip (g_strdup (colon + 1));
  if (strpbrk (value, "\r\n") != NULL)
    return;
  soup_message_headers_append (headers, name, value);
}

static void
run_one (const char  *request,
         gsize        len,
         char       **client_id,
         char       **request_id)
{
  g_autoptr(SoupMessageHeaders) headers = soup_message_headers_new (SOUP_MESSAGE_HEADERS_REQUEST);
  g_autoptr(DossierSandboxResponse) response = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autofree char *first = NULL;
  g_autofree char *path = NULL;
  const uint8_t *data = (const uint8_t *) request;
  size_t size = len;
  char *space;

  first = fuzz_take_line (&data, &size);
  if (first == NULL)
    return;
  space = strchr (first, ' ');
  if (space == NULL || space == first)
    return;
  *space = '\0';

  for (;;)
    {
      g_autofree char *line = fuzz_take_line (&data, &size);

      if (line == NULL || *line == '\0')
        break;
      add_header (headers, line);
    }

  path = expand_path (space + 1, *client_id, *request_id);
  body = size > 0 ? g_bytes_new (data, size) : NULL;
  mono_now += G_USEC_PER_SEC;
  response = dossier_sandbox_engine_dispatch (engine, first, path, headers, "127.0.0.1", body);
  if (response == NULL)
    return;   /* a `drop` or `drop_after` fault */
  check_response (response);
  remember_ids (response, client_id, request_id);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(SoupMessageHeaders) headers = NULL;
  g_autoptr(DossierSandboxResponse) reset = NULL;
  g_autofree char *client_id = NULL;
  g_autofree char *request_id = NULL;
  const char *text = (const char *) data;
  const char *end = text + size;

  if (size > FUZZ_MAX_INPUT)
    return 0;
  fuzz_init_once ();

  if (engine != NULL && ++runs % RECREATE_EVERY == 0)
    g_clear_object (&engine);
  if (engine == NULL)
    engine = engine_new ();

  /* Ids come from g_random: the same input gives the same ids. */
  g_random_set_seed (42);
  headers = soup_message_headers_new (SOUP_MESSAGE_HEADERS_REQUEST);
  reset = dossier_sandbox_engine_dispatch (engine, "POST", "/_sandbox/reset", headers,
                                           "127.0.0.1", NULL);
  g_assert_nonnull (reset);
  g_assert_cmpuint (reset->status, ==, 200);

  for (guint n = 0; n < MAX_REQUESTS && text < end; n++)
    {
      const char *next = g_strstr_len (text, end - text, SEPARATOR);
      gsize len = (next != NULL ? next : end) - text;

      run_one (text, len, &client_id, &request_id);
      text = next != NULL ? next + strlen (SEPARATOR) : end;
    }
  return 0;
}
