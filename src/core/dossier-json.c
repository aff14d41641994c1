/* dossier-json.c — tolerant reading of API responses (CONTRACT.md §15.2)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Strict in what we send, liberal in what we accept: every reader here treats a member that
 * is absent, `null` or of a type it cannot read as absent, and never fails a whole response
 * because one member is odd. Raw bytes are measured before json-glib sees them, because
 * json-glib 1.6 recurses once per nesting level and reads out-of-range integers with
 * wrap-around.
 */
#include "config.h"

#include <string.h>

#include "dossier-contract.h"
#include "dossier-json.h"

G_DEFINE_QUARK (dossier-json-error-quark, dossier_json_error)

/**
 * dossier_json_measure_depth:
 * @data: (array length=len): JSON text, any bytes
 * @len: its length
 *
 * Counts how deeply arrays and objects nest, ignoring brackets inside string literals.
 * Linear and without recursion, so it is safe on hostile input.
 *
 * Returns: the deepest nesting level (0 for a scalar)
 */
guint
dossier_json_measure_depth (const char *data,
                            gsize       len)
{
  guint depth = 0;
  guint deepest = 0;
  gsize i = 0;

  while (i < len)
    {
      char c = data[i];

      if (c == '"')
        {
          for (i++; i < len && data[i] != '"'; i++)
            {
              if (data[i] == '\\')
                i++;
            }
          i++;
          continue;
        }

      if (c == '[' || c == '{')
        {
          depth++;
          deepest = MAX (deepest, depth);
        }
      else if ((c == ']' || c == '}') && depth > 0)
        {
          depth--;
        }
      i++;
    }

  return deepest;
}

/* Whether [start, end) (digits only) exceeds the int64 magnitude for the sign. */
static gboolean
digits_overflow (const char *start,
                 const char *end,
                 gboolean    negative)
{
  const char *limit = negative ? "9223372036854775808" : "9223372036854775807";
  gsize limit_len = strlen (limit);
  gsize n;

  while (start + 1 < end && *start == '0')
    start++;
  n = end - start;

  if (n != limit_len)
    return n > limit_len;

  return memcmp (start, limit, n) > 0;
}

/* Rewrites every integer literal outside the int64 range as a double literal (`…​.0`), so
 * that json-glib keeps its magnitude instead of wrapping it around; readers that want an
 * integer then see a double out of range and treat the value as unreadable. */
static char *
rewrite_overflowing_integers (const char *data,
                              gsize       len,
                              gsize      *out_len)
{
  GString *out = g_string_sized_new (len + 16);
  gsize i = 0;

  while (i < len)
    {
      char c = data[i];

      if (c == '"')
        {
          gsize start = i;

          for (i++; i < len && data[i] != '"'; i++)
            {
              if (data[i] == '\\' && i + 1 < len)
                i++;
            }
          i = MIN (i + 1, len);
          g_string_append_len (out, data + start, i - start);
          continue;
        }

      if (c == '-' || g_ascii_isdigit (c))
        {
          gsize start = i;
          gsize digits;

          if (c == '-')
            i++;
          digits = i;
          while (i < len && g_ascii_isdigit (data[i]))
            i++;
          g_string_append_len (out, data + start, i - start);

          if (i < len && (data[i] == '.' || data[i] == 'e' || data[i] == 'E'))
            continue;
          if (i > digits && digits_overflow (data + digits, data + i, c == '-'))
            g_string_append (out, ".0");
          continue;
        }

      if (g_ascii_isalpha (c) || c == '_')
        {
          gsize start = i;

          while (i < len && (g_ascii_isalnum (data[i]) || data[i] == '_'))
            i++;
          g_string_append_len (out, data + start, i - start);
          continue;
        }

      g_string_append_c (out, c);
      i++;
    }

  *out_len = out->len;
  return g_string_free (out, FALSE);
}

static gboolean
is_blank (const char *data,
          gsize       len)
{
  for (gsize i = 0; i < len; i++)
    {
      if (!g_ascii_isspace (data[i]))
        return FALSE;
    }
  return TRUE;
}

/**
 * dossier_json_parse_data:
 * @data: (array length=len) (nullable): a response body
 * @len: its length
 * @error: return location for a #GError in %DOSSIER_JSON_ERROR
 *
 * Parses a body. An empty (or all-whitespace) body is "no data": %NULL without an error.
 * Bodies nesting deeper than %DOSSIER_JSON_MAX_DEPTH are refused before parsing; integer
 * literals outside the int64 range are read as doubles (see dossier_json_node_get_int64()).
 *
 * Returns: (transfer full) (nullable): the root node
 */
JsonNode *
dossier_json_parse_data (const char  *data,
                         gsize        len,
                         GError     **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *rewritten = NULL;
  guint depth;

  if (data == NULL || is_blank (data, len))
    return NULL;

  depth = dossier_json_measure_depth (data, len);
  if (depth > DOSSIER_JSON_MAX_DEPTH)
    {
      g_set_error (error, DOSSIER_JSON_ERROR, DOSSIER_JSON_ERROR_TOO_DEEP,
                   "The response nests deeper than %u levels", DOSSIER_JSON_MAX_DEPTH);
      return NULL;
    }

  if (dossier_json_text_has_integer_overflow (data, len))
    {
      gsize rewritten_len = 0;

      rewritten = rewrite_overflowing_integers (data, len, &rewritten_len);
      data = rewritten;
      len = rewritten_len;
    }

  /* Not the immutable parser: sealing every node costs a third more time on large lists. */
  parser = json_parser_new ();
  if (!json_parser_load_from_data (parser, data, (gssize) len, &local_error))
    {
      g_set_error (error, DOSSIER_JSON_ERROR, DOSSIER_JSON_ERROR_SYNTAX,
                   "The response is not valid JSON: %s", local_error->message);
      return NULL;
    }

  return json_parser_steal_root (parser);
}

/**
 * dossier_json_parse_bytes:
 * @body: (nullable): a response body
 * @error: return location for a #GError
 *
 * dossier_json_parse_data() on @body.
 *
 * Returns: (transfer full) (nullable): the root node; %NULL without error for an empty body
 */
JsonNode *
dossier_json_parse_bytes (GBytes  *body,
                          GError **error)
{
  gconstpointer data;
  gsize len = 0;

  if (body == NULL)
    return NULL;

  data = g_bytes_get_data (body, &len);
  return dossier_json_parse_data (data, len, error);
}

static const char * const list_members[] = {
  "data", "items", "content", "results", "clients", "products",
};

static char *
page_hint (gint64 page)
{
  if (page < 1 || page > DOSSIER_JSON_MAX_PAGES)
    return NULL;
  return g_strdup_printf ("?page=%" G_GINT64_FORMAT, page);
}

/* A `next`/`next_page` member: a number or numeric string is a page number, any other
 * non-empty string a URL. */
static char *
hint_from_member (JsonObject *object,
                  const char *member)
{
  JsonNode *node = json_object_get_member (object, member);
  g_autofree char *text = NULL;
  gint64 page;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return NULL;
  if (dossier_json_node_get_int64 (node, &page))
    return page_hint (page);

  text = dossier_json_node_dup_string (node);
  if (text == NULL || is_blank (text, strlen (text)))
    return NULL;
  return g_steal_pointer (&text);
}

static char *
read_next_page_hint (JsonObject *object)
{
  char *hint;
  gint64 page;
  gint64 total;

  if ((hint = hint_from_member (object, "next")) != NULL)
    return hint;
  if ((hint = hint_from_member (object, "next_page")) != NULL)
    return hint;
  if (dossier_json_get_int64 (object, "page", &page)
      && dossier_json_get_int64 (object, "total_pages", &total)
      && page < total)
    return page_hint (page + 1);
  return NULL;
}

/**
 * dossier_json_read_list:
 * @root: (nullable): a parsed list response
 * @next_page_hint: (out) (optional) (nullable): where to find the next page, or %NULL
 * @error: return location for a #GError
 *
 * Reads a list per §15.2: a bare array, or an object whose `data`, `items`, `content`,
 * `results`, `clients` or `products` member is an array (the first of these that is one).
 * %NULL, a JSON `null` root, or a wrapper whose list member is `null`, read as empty.
 *
 * The next-page hint is a URI reference to resolve against the URL of the page just read
 * (g_uri_resolve_relative()): either the server's `next`/`next_page` URL verbatim, or
 * `?page=N` when the server gave a page number (`next`/`next_page` numeric, or `page` +
 * `total_pages` with `page < total_pages`); dossier_json_next_page_number() extracts N.
 * Page numbers above %DOSSIER_JSON_MAX_PAGES give no hint; the caller still bounds the
 * number of URL hints it follows to %DOSSIER_JSON_MAX_PAGES.
 *
 * Returns: (transfer container) (element-type JsonNode): the elements, or %NULL with @error
 *   set when @root is neither a list nor a wrapped one
 */
GPtrArray *
dossier_json_read_list (JsonNode  *root,
                        char     **next_page_hint,
                        GError   **error)
{
  g_autoptr(GPtrArray) elements = g_ptr_array_new_with_free_func ((GDestroyNotify) json_node_unref);
  JsonArray *array = NULL;

  if (next_page_hint != NULL)
    *next_page_hint = NULL;

  if (root == NULL || JSON_NODE_HOLDS_NULL (root))
    return g_steal_pointer (&elements);

  if (JSON_NODE_HOLDS_ARRAY (root))
    {
      array = json_node_get_array (root);
    }
  else if (JSON_NODE_HOLDS_OBJECT (root))
    {
      JsonObject *object = json_node_get_object (root);
      gboolean found_null = FALSE;

      for (guint i = 0; i < G_N_ELEMENTS (list_members) && array == NULL; i++)
        {
          JsonNode *member = json_object_get_member (object, list_members[i]);

          if (member != NULL && JSON_NODE_HOLDS_ARRAY (member))
            array = json_node_get_array (member);
          else if (member != NULL && JSON_NODE_HOLDS_NULL (member))
            found_null = TRUE;
        }

      if (array == NULL && !found_null)
        {
          g_set_error_literal (error, DOSSIER_JSON_ERROR, DOSSIER_JSON_ERROR_INVALID,
                               "The response is not a list");
          return NULL;
        }

      if (next_page_hint != NULL)
        *next_page_hint = read_next_page_hint (object);
    }
  else
    {
      g_set_error_literal (error, DOSSIER_JSON_ERROR, DOSSIER_JSON_ERROR_INVALID,
                           "The response is not a list");
      return NULL;
    }

  if (array != NULL)
    {
      guint n = json_array_get_length (array);

      g_ptr_array_set_size (elements, 0);
      for (guint i = 0; i < n; i++)
        g_ptr_array_add (elements, json_node_ref (json_array_get_element (array, i)));
    }

  return g_steal_pointer (&elements);
}

/**
 * dossier_json_next_page_number:
 * @next_page_hint: (nullable): a hint from dossier_json_read_list()
 *
 * Returns: the page number of a `?page=N` hint, or 0 for a URL hint or %NULL
 */
guint
dossier_json_next_page_number (const char *next_page_hint)
{
  guint64 page = 0;

  if (next_page_hint == NULL || !g_str_has_prefix (next_page_hint, "?page="))
    return 0;
  if (!g_ascii_string_to_unsigned (next_page_hint + strlen ("?page="), 10, 1,
                                   DOSSIER_JSON_MAX_PAGES, &page, NULL))
    return 0;
  return (guint) page;
}

/**
 * dossier_json_read_error:
 * @body: (nullable): an error response body
 * @content_type: (nullable): its `Content-Type`
 * @code: (out) (optional) (nullable): `code`, or else `error_code`
 * @message: (out) (optional) (nullable): `message`
 * @trace_id: (out) (optional) (nullable): `trace_id`
 *
 * Reads the error envelope of §3.1 and §15.4. HTML bodies (e.g. a proxy page) and bodies
 * that are not a JSON object are not envelopes.
 *
 * Returns: %TRUE when @body is a JSON object carrying `code`, `error_code` or `message`
 */
gboolean
dossier_json_read_error (GBytes     *body,
                         const char *content_type,
                         char      **code,
                         char      **message,
                         char      **trace_id)
{
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *c = NULL;
  g_autofree char *m = NULL;
  g_autofree char *t = NULL;
  JsonObject *object;

  if (code != NULL)
    *code = NULL;
  if (message != NULL)
    *message = NULL;
  if (trace_id != NULL)
    *trace_id = NULL;

  if (content_type != NULL && strstr (content_type, "html") != NULL)
    return FALSE;

  root = dossier_json_parse_bytes (body, NULL);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return FALSE;

  object = json_node_get_object (root);
  c = dossier_json_dup_string (object, "code");
  if (c == NULL || *c == '\0')
    {
      g_clear_pointer (&c, g_free);
      c = dossier_json_dup_string (object, "error_code");
    }
  m = dossier_json_dup_string (object, "message");
  t = dossier_json_dup_string (object, "trace_id");

  if (c == NULL && m == NULL)
    return FALSE;

  if (code != NULL)
    *code = g_steal_pointer (&c);
  if (message != NULL)
    *message = g_steal_pointer (&m);
  if (trace_id != NULL)
    *trace_id = g_steal_pointer (&t);
  return TRUE;
}

