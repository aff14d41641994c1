/* dossier-sandbox-json.c — strict request-body parsing (the tree and the public API)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The parser is a single left-to-right pass with an explicit stack of at most
 * DOSSIER_SANDBOX_JSON_MAX_DEPTH open containers: no recursion on request bytes, linear time
 * (apart from json-glib's own member hash table). The decisions are documented in the header;
 * the tokens are read in dossier-sandbox-json-lex.c, the writer is dossier-sandbox-json-write.c.
 */

#include "config.h"

#include <string.h>

#include "dossier-sandbox-json-private.h"

typedef DossierSandboxJsonParser Parser;
typedef DossierSandboxJsonFrame Frame;

/* ---- tree building ---- */

/* Gives @value to the innermost open container. Returns FALSE when the stack is empty (then
 * @value is the root and still owned by the caller). */
static gboolean
attach (Parser   *parser,
        JsonNode *value)
{
  Frame *frame;
  guint position;

  if (parser->depth == 0)
    return FALSE;

  frame = &parser->stack[parser->depth - 1];
  if (frame->array != NULL)
    {
      json_array_add_element (json_node_get_array (frame->array), value);
      return TRUE;
    }

  position = GPOINTER_TO_UINT (g_hash_table_lookup (frame->index, frame->member_name));
  if (position == 0)
    {
      g_ptr_array_add (frame->names, frame->member_name);
      g_ptr_array_add (frame->values, value);
      g_hash_table_insert (frame->index, frame->member_name, GUINT_TO_POINTER (frame->names->len));
      frame->member_name = NULL;
    }
  else
    {
      /* Duplicate name: the last value wins, in the first one's place. */
      json_node_unref (g_ptr_array_index (frame->values, position - 1));
      g_ptr_array_index (frame->values, position - 1) = value;
      g_clear_pointer (&frame->member_name, g_free);
    }

  return TRUE;
}

static void
frame_clear (Frame *frame)
{
  g_clear_pointer (&frame->array, json_node_unref);
  g_clear_pointer (&frame->index, g_hash_table_unref);
  g_clear_pointer (&frame->names, g_ptr_array_unref);
  g_clear_pointer (&frame->values, g_ptr_array_unref);
  g_clear_pointer (&frame->member_name, g_free);
}

static gboolean
push (Parser   *parser,
      gboolean  is_object)
{
  Frame *frame;

  if (parser->depth == DOSSIER_SANDBOX_JSON_MAX_DEPTH)
    {
      parser->result = DOSSIER_SANDBOX_JSON_TOO_DEEP;
      return FALSE;
    }

  frame = &parser->stack[parser->depth++];
  memset (frame, 0, sizeof *frame);
  if (is_object)
    {
      frame->names = g_ptr_array_new_with_free_func (g_free);
      frame->values = g_ptr_array_new_with_free_func ((GDestroyNotify) json_node_unref);
      frame->index = g_hash_table_new (g_str_hash, g_str_equal);
    }
  else
    {
      frame->array = json_node_new (JSON_NODE_ARRAY);
      json_node_take_array (frame->array, json_array_new ());
    }

  return TRUE;
}

/* Closes the innermost container and returns it as a node. */
static JsonNode *
pop (Parser *parser)
{
  Frame *frame = &parser->stack[--parser->depth];
  JsonObject *object;
  JsonNode *node;

  if (frame->array != NULL)
    return g_steal_pointer (&frame->array);

  object = json_object_new ();
  for (guint i = 0; i < frame->names->len; i++)
    {
      /* Names are unique here: json_object_set_member() appends in O(1). */
      json_object_set_member (object, g_ptr_array_index (frame->names, i),
                              g_steal_pointer (&g_ptr_array_index (frame->values, i)));
    }
  g_ptr_array_set_free_func (frame->values, NULL);
  frame_clear (frame);
  node = json_node_new (JSON_NODE_OBJECT);
  json_node_take_object (node, object);

  return node;
}

/* Reads `"name" :` inside an object; parser->p is on the opening quote's expected place. */
static gboolean
parse_member_name (Parser *parser)
{
  Frame *frame = &parser->stack[parser->depth - 1];
  const char *name;

  _dossier_sandbox_json_skip_whitespace (parser);
  if (parser->p >= parser->end || *parser->p != '"')
    return _dossier_sandbox_json_fail_unexpected (parser, parser->p);

  name = _dossier_sandbox_json_parse_string (parser);
  if (name == NULL)
    return FALSE;
  frame->member_name = g_strdup (name);

  _dossier_sandbox_json_skip_whitespace (parser);
  if (parser->p >= parser->end || *parser->p != ':')
    return _dossier_sandbox_json_fail_unexpected (parser, parser->p);
  parser->p++;

  return TRUE;
}

/* The main loop: returns the root or NULL with parser->result set. */
static JsonNode *
parse_text (Parser *parser)
{
  JsonNode *value = NULL;

  for (;;)
    {
      /* Expecting a value. */
      _dossier_sandbox_json_skip_whitespace (parser);
      if (parser->p >= parser->end)
        {
          _dossier_sandbox_json_fail_unexpected (parser, parser->p);
          return NULL;
        }

      switch (*parser->p)
        {
        case '{':
        case '[':
          {
            gboolean is_object = *parser->p == '{';
            guchar close = is_object ? '}' : ']';

            if (!push (parser, is_object))
              return NULL;
            parser->p++;
            _dossier_sandbox_json_skip_whitespace (parser);
            if (parser->p < parser->end && *parser->p == close)
              {
                parser->p++;
                value = pop (parser);
                break;
              }
            if (is_object && !parse_member_name (parser))
              return NULL;
            continue;
          }
        case '"':
          {
            const char *text = _dossier_sandbox_json_parse_string (parser);

            if (text == NULL)
              return NULL;
            value = json_node_init_string (json_node_alloc (), text);
            break;
          }
        case '-':
        case '0': case '1': case '2': case '3': case '4':
        case '5': case '6': case '7': case '8': case '9':
          value = _dossier_sandbox_json_parse_number (parser);
          break;
        default:
          value = _dossier_sandbox_json_parse_literal (parser);
          break;
        }

      if (value == NULL)
        return NULL;

      /* A complete value: attach it, then close every container that ends here. */
      for (;;)
        {
          Frame *frame;

          if (!attach (parser, value))
            return value;
          value = NULL;

          frame = &parser->stack[parser->depth - 1];
          _dossier_sandbox_json_skip_whitespace (parser);
          if (parser->p >= parser->end)
            {
              _dossier_sandbox_json_fail_unexpected (parser, parser->p);
              return NULL;
            }
          if (*parser->p == ',')
            {
              parser->p++;
              if (frame->array == NULL && !parse_member_name (parser))
                return NULL;
              break;
            }
          if (*parser->p == (frame->array == NULL ? '}' : ']'))
            {
              parser->p++;
              value = pop (parser);
              continue;
            }
          _dossier_sandbox_json_fail_unexpected (parser, parser->p);
          return NULL;
        }
    }
}

static void
parser_clear (Parser *parser)
{
  for (guint i = 0; i < parser->depth; i++)
    frame_clear (&parser->stack[i]);
  parser->depth = 0;
  g_string_free (parser->scratch, TRUE);
  g_free (parser->detail);
}

static JsonNode *
parse (GBytes                   *body,
       gboolean                  object_only,
       DossierSandboxJsonResult *result,
       char                    **detail)
{
  Parser parser = { 0 };
  JsonNode *root = NULL;
  gsize size = 0;
  const guchar *data = body != NULL ? g_bytes_get_data (body, &size) : NULL;

  if (data == NULL)
    data = (const guchar *) "";

  parser.start = data;
  parser.p = data;
  parser.end = data + size;
  parser.line = 1;
  parser.line_start = data;
  parser.scratch = g_string_new (NULL);
  parser.result = DOSSIER_SANDBOX_JSON_OK;

  /* A leading byte order mark is ignored (RFC 8259 §8.1). */
  if (size >= 3 && data[0] == 0xEF && data[1] == 0xBB && data[2] == 0xBF)
    {
      parser.p += 3;
      parser.line_start = parser.p;
    }

  _dossier_sandbox_json_skip_whitespace (&parser);
  if (parser.p >= parser.end)
    {
      parser.result = DOSSIER_SANDBOX_JSON_SYNTAX;
      parser.detail = g_strdup ("the body is empty");
    }
  else
    {
      root = parse_text (&parser);
      if (root != NULL)
        {
          _dossier_sandbox_json_skip_whitespace (&parser);
          if (parser.p < parser.end)
            {
              g_autofree char *what = _dossier_sandbox_json_describe_char (&parser, parser.p);

              _dossier_sandbox_json_fail (&parser, parser.p, "unexpected %s after the top-level value", what);
              g_clear_pointer (&root, json_node_unref);
            }
        }
    }

  if (root != NULL && object_only && !JSON_NODE_HOLDS_OBJECT (root))
    {
      parser.result = DOSSIER_SANDBOX_JSON_NOT_OBJECT;
      g_clear_pointer (&root, json_node_unref);
    }

  if (result != NULL)
    *result = parser.result;
  if (detail != NULL)
    *detail = g_steal_pointer (&parser.detail);
  parser_clear (&parser);

  return root;
}

/**
 * dossier_sandbox_json_parse_object:
 * @body: (nullable): the request body
 * @result: (out): what was found
 * @detail: (out) (optional) (nullable): the parser detail on %DOSSIER_SANDBOX_JSON_SYNTAX
 *
 * Returns: (transfer full) (nullable): the top-level object on %DOSSIER_SANDBOX_JSON_OK
 */
JsonNode *
dossier_sandbox_json_parse_object (GBytes                   *body,
                                   DossierSandboxJsonResult *result,
                                   char                    **detail)
{
  return parse (body, TRUE, result, detail);
}

/**
 * dossier_sandbox_json_parse:
 * @body: (nullable): a JSON text
 * @result: (out): what was found (never %DOSSIER_SANDBOX_JSON_NOT_OBJECT)
 * @detail: (out) (optional) (nullable): the parser detail on %DOSSIER_SANDBOX_JSON_SYNTAX
 *
 * Returns: (transfer full) (nullable): the top-level value on %DOSSIER_SANDBOX_JSON_OK
 */
JsonNode *
dossier_sandbox_json_parse (GBytes                   *body,
                            DossierSandboxJsonResult *result,
                            char                    **detail)
{
  return parse (body, FALSE, result, detail);
}

/**
 * dossier_sandbox_json_result_message:
 * @result: a result other than %DOSSIER_SANDBOX_JSON_OK
 * @detail: (nullable): the parser detail
 *
 * Returns: (transfer full): the §3.4 message of the 400
 */
char *
dossier_sandbox_json_result_message (DossierSandboxJsonResult  result,
                                     const char               *detail)
{
  switch (result)
    {
    case DOSSIER_SANDBOX_JSON_SYNTAX:
      return g_strdup_printf ("Malformed JSON body: %s", detail != NULL ? detail : "syntax error");
    case DOSSIER_SANDBOX_JSON_TOO_DEEP:
      return g_strdup ("Request body nests deeper than 64 levels");
    case DOSSIER_SANDBOX_JSON_NOT_OBJECT:
      return g_strdup ("Request body must be a JSON object");
    case DOSSIER_SANDBOX_JSON_OK:
    default:
      return NULL;
    }
}

/**
 * dossier_sandbox_json_type_phrase:
 * @type: the expected node type
 * @value_type: the expected value type when @type is %JSON_NODE_VALUE
 *
 * Returns: the phrase of §3.4's "must be <…>" for that type
 */
const char *
dossier_sandbox_json_type_phrase (JsonNodeType type,
                                  GType        value_type)
{
  switch (type)
    {
    case JSON_NODE_OBJECT:
      return "an object";
    case JSON_NODE_ARRAY:
      return "an array";
    case JSON_NODE_NULL:
      return "null";
    case JSON_NODE_VALUE:
    default:
      if (value_type == G_TYPE_STRING)
        return "a string";
      if (value_type == G_TYPE_INT64 || value_type == G_TYPE_INT || value_type == G_TYPE_LONG)
        return "an integer";
      if (value_type == G_TYPE_DOUBLE || value_type == G_TYPE_FLOAT)
        return "a number";
      if (value_type == G_TYPE_BOOLEAN)
        return "a boolean";
      return "a value";
    }
}
