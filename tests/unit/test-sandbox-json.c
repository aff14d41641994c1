/* test-sandbox-json.c — strict request-body parsing and the safe writer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "dossier-sandbox-json.h"

/* Big bodies: linear work takes well under a second, a quadratic parser would take minutes.
 * No test asserts a time (the figures are logged); the meson timeout is the backstop. */

static JsonNode *
parse_text (const char               *text,
            gsize                     length,
            DossierSandboxJsonResult *result,
            char                    **detail)
{
  g_autoptr(GBytes) bytes = g_bytes_new (text, length == (gsize) -1 ? strlen (text) : length);

  return dossier_sandbox_json_parse_object (bytes, result, detail);
}

static DossierSandboxJsonResult
result_of (const char *text,
           gsize       length)
{
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *detail = NULL;
  DossierSandboxJsonResult result = DOSSIER_SANDBOX_JSON_OK;

  root = parse_text (text, length, &result, &detail);
  g_assert_true ((root != NULL) == (result == DOSSIER_SANDBOX_JSON_OK));
  g_assert_true ((detail != NULL) == (result == DOSSIER_SANDBOX_JSON_SYNTAX));
  if (detail != NULL)
    {
      g_autofree char *shown = g_strndup (text, 60);
      g_autofree char *escaped = g_strescape (shown, NULL);

      /* Details are short ASCII. */
      for (const char *p = detail; *p; p++)
        g_assert_true (*p >= 0x20 && *p < 0x7F);
      g_test_message ("%s -> %s", escaped, detail);
    }

  return result;
}

static JsonObject *
parse_ok (const char *text,
          JsonNode  **root)
{
  DossierSandboxJsonResult result;
  g_autofree char *detail = NULL;

  *root = parse_text (text, -1, &result, &detail);
  g_assert_cmpstr (detail, ==, NULL);
  g_assert_cmpint (result, ==, DOSSIER_SANDBOX_JSON_OK);
  g_assert_nonnull (*root);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (*root));

  return json_node_get_object (*root);
}

static void
test_valid (void)
{
  g_autoptr(JsonNode) root = NULL;
  JsonObject *object = parse_ok (" \t\r\n{ \"s\" : \"x\", \"i\": -12, \"d\": 1.5, \"e\": 1E2, "
                                 "\"t\": true, \"f\": false, \"n\": null, \"a\": [1, [], {}], "
                                 "\"o\": {\"k\": \"v\"}, \"z\": -0 }\n", &root);

  g_assert_cmpuint (json_object_get_size (object), ==, 10);
  g_assert_cmpstr (json_object_get_string_member (object, "s"), ==, "x");
  g_assert_true (json_node_get_value_type (json_object_get_member (object, "i")) == G_TYPE_INT64);
  g_assert_cmpint (json_object_get_int_member (object, "i"), ==, -12);
  g_assert_true (json_node_get_value_type (json_object_get_member (object, "d")) == G_TYPE_DOUBLE);
  g_assert_cmpfloat (json_object_get_double_member (object, "d"), ==, 1.5);
  g_assert_true (json_node_get_value_type (json_object_get_member (object, "e")) == G_TYPE_DOUBLE);
  g_assert_cmpfloat (json_object_get_double_member (object, "e"), ==, 100.0);
  g_assert_true (json_object_get_boolean_member (object, "t"));
  g_assert_false (json_object_get_boolean_member (object, "f"));
  g_assert_true (JSON_NODE_HOLDS_NULL (json_object_get_member (object, "n")));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object, "a")), ==, 3);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (object, "o"), "k"),
                   ==, "v");
  g_assert_true (json_node_get_value_type (json_object_get_member (object, "z")) == G_TYPE_INT64);
  g_assert_cmpint (json_object_get_int_member (object, "z"), ==, 0);
}

static void
test_syntax (void)
{
  static const char * const bad[] = {
    "", " ", " \t\r\n ", "{", "}", "{\"a\"", "{\"a\":", "{\"a\":1", "{\"a\":1,}", "{,}",
    "{\"a\" 1}", "{a:1}", "{\"a\":1 \"b\":2}", "[1,]", "{\"a\":[1 2]}", "{\"a\":[}",
    "/* c */{}", "{}/* c */", "{} // c", "// c\n{}", "#{}", "{'a':1}", "{\"a\":'x'}",
    "{\"a\":0x10}", "{\"a\":.5}", "{\"a\":01}", "{\"a\":-01}", "{\"a\":00}", "{\"a\":1.}",
    "{\"a\":1.e3}", "{\"a\":+1}", "{\"a\":-}", "{\"a\":1e}", "{\"a\":1e+}", "{\"a\":NaN}",
    "{\"a\":Infinity}", "{\"a\":-Infinity}", "{\"a\":tru}", "{\"a\":True}", "{\"a\":nul}",
    "{\"a\":undefined}", "{\"a\":\"\t\"}", "{\"a\":\"\n\"}", "{\"a\":\"\x01\"}", "{\"a\":\"\x1f\"}",
    "{\"a\":\"x}", "{\"a\":\"\\x\"}", "{\"a\":\"\\U0041\"}", "{\"a\":\"\\u12\"}", "{\"a\":\"\\u12G4\"}",
    "{\"a\":\"\\'\"}", "{\"a\":\"\\u0000\"}", "{\"a\":\"\\ud800\"}", "{\"a\":\"\\udc00\"}",
    "{\"a\":\"\\ud800x\"}", "{\"a\":\"\\ud800\\u0041\"}", "{\"a\":\"\\ud800\\ud800\"}",
    "{\"a\":\"\\", "{}{}", "{} {}", "{}[]", "{}x", "{} 1", "{}}", "{\"a\":1}]",
    "{\"a\":\"\xff\"}", "{\"a\":\"\xc0\xaf\"}", "{\"a\":\"\xed\xa0\x80\"}", "{\"a\":\"\xf4\x90\x80\x80\"}",
    "{\"a\":\"\xe2\x82\"}", "{\"a\":\"\xc3\"}", "\xff{}", "{}\xff", "{\"\xff\":1}",
    "\xef\xbb\xbf", "{}\xef\xbb\xbf", "\xef\xbb\xbf\xef\xbb\xbf{}", "\xef\xbb{}",
    "{\"a\":1}\x0c", "\x0b{}", "{\"a\"\x0c:1}", "\xc2\xa0{}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    g_assert_cmpint (result_of (bad[i], -1), ==, DOSSIER_SANDBOX_JSON_SYNTAX);

  /* Raw NUL bytes, inside and outside strings. */
  g_assert_cmpint (result_of ("{\"a\":\"\0\"}", 9), ==, DOSSIER_SANDBOX_JSON_SYNTAX);
  g_assert_cmpint (result_of ("{}\0", 3), ==, DOSSIER_SANDBOX_JSON_SYNTAX);
  g_assert_cmpint (result_of ("\0{}", 3), ==, DOSSIER_SANDBOX_JSON_SYNTAX);

  /* A NULL body is an empty one. */
  {
    DossierSandboxJsonResult result;
    g_autofree char *detail = NULL;

    g_assert_null (dossier_sandbox_json_parse_object (NULL, &result, &detail));
    g_assert_cmpint (result, ==, DOSSIER_SANDBOX_JSON_SYNTAX);
    g_assert_nonnull (detail);
  }
}

static void
assert_detail (const char *text,
               const char *expected)
{
  g_autofree char *detail = NULL;
  DossierSandboxJsonResult result;
  g_autoptr(JsonNode) root = parse_text (text, -1, &result, &detail);

  g_assert_null (root);
  g_assert_cmpint (result, ==, DOSSIER_SANDBOX_JSON_SYNTAX);
  g_assert_cmpstr (detail, ==, expected);
}

static void
test_detail (void)
{
  g_autofree char *message = NULL;

  assert_detail ("{\"a\":1,}", "unexpected character '}' at line 1, column 8");
  assert_detail ("{\n  \"a\": x}", "unexpected character 'x' at line 2, column 8");
  assert_detail ("{\"\xc3\xa9\": x}", "unexpected character 'x' at line 1, column 7");
  assert_detail ("{\"a\":", "unexpected end of input at line 1, column 6");
  assert_detail ("{}{}", "unexpected character '{' after the top-level value at line 1, column 3");
  assert_detail ("{\"a\":01}", "invalid number (leading zero) at line 1, column 6");
  assert_detail ("{\"a\":\"\\u0000\"}", "\\u0000 is not allowed in strings at line 1, column 7");
  assert_detail ("{\"a\":\"\x01\"}", "raw control character U+0001 in a string at line 1, column 7");
  assert_detail ("\r\n\r\n  ", "the body is empty");

  message = dossier_sandbox_json_result_message (DOSSIER_SANDBOX_JSON_SYNTAX, "oops at line 1, column 1");
  g_assert_cmpstr (message, ==, "Malformed JSON body: oops at line 1, column 1");
  g_clear_pointer (&message, g_free);
  message = dossier_sandbox_json_result_message (DOSSIER_SANDBOX_JSON_TOO_DEEP, NULL);
  g_assert_cmpstr (message, ==, "Request body nests deeper than 64 levels");
  g_clear_pointer (&message, g_free);
  message = dossier_sandbox_json_result_message (DOSSIER_SANDBOX_JSON_NOT_OBJECT, NULL);
  g_assert_cmpstr (message, ==, "Request body must be a JSON object");
  g_assert_null (dossier_sandbox_json_result_message (DOSSIER_SANDBOX_JSON_OK, NULL));
}

static void
test_not_object (void)
{
  static const char * const texts[] = {
    "[]", "[{}]", "\"\"", "\"{}\"", "3", "-1.5", "null", "true", "false", " [ ] ",
  };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    g_assert_cmpint (result_of (texts[i], -1), ==, DOSSIER_SANDBOX_JSON_NOT_OBJECT);

  /* Syntax first: a broken array is a syntax error, not "not an object". */
  g_assert_cmpint (result_of ("[1,", -1), ==, DOSSIER_SANDBOX_JSON_SYNTAX);

  /* The general parser takes any top-level value. */
  {
    g_autoptr(GBytes) bytes = g_bytes_new_static ("[1]", 3);
    DossierSandboxJsonResult result;
    g_autoptr(JsonNode) root = dossier_sandbox_json_parse (bytes, &result, NULL);

    g_assert_cmpint (result, ==, DOSSIER_SANDBOX_JSON_OK);
    g_assert_true (JSON_NODE_HOLDS_ARRAY (root));
  }
}

/* Nesting of @levels containers: objects and arrays alternating, the outermost @outer, with
 * bracket-laden strings inside that must not count. */
static char *
nested (guint    levels,
        gboolean object_first)
{
  GString *text = g_string_new (NULL);
  GString *closing = g_string_new (NULL);

  for (guint i = 0; i < levels; i++)
    {
      gboolean object = (i % 2 == 0) == object_first;

      if (object)
        {
          g_string_append (text, "{\"[{\\\"\": \"}]\\\\\", \"k\":");
          g_string_prepend (closing, "}");
        }
      else
        {
          g_string_append (text, "[\"[[{{\", ");
          g_string_prepend (closing, "]");
        }
    }
  g_string_append (text, "\"[[[[{{{{\"");
  g_string_append (text, closing->str);
  g_string_free (closing, TRUE);

  return g_string_free (text, FALSE);
}

static void
test_depth (void)
{
  g_autofree char *ok64 = nested (64, TRUE);
  g_autofree char *deep65 = nested (65, TRUE);
  g_autofree char *array64 = nested (64, FALSE);
  g_autofree char *array65 = nested (65, FALSE);
  g_autofree char *huge = NULL;
  g_autoptr(JsonNode) root = NULL;
  JsonNode *node;
  guint depth = 0;

  g_assert_cmpint (result_of (ok64, -1), ==, DOSSIER_SANDBOX_JSON_OK);
  g_assert_cmpint (result_of (deep65, -1), ==, DOSSIER_SANDBOX_JSON_TOO_DEEP);
  g_assert_cmpint (result_of (array64, -1), ==, DOSSIER_SANDBOX_JSON_NOT_OBJECT);
  g_assert_cmpint (result_of (array65, -1), ==, DOSSIER_SANDBOX_JSON_TOO_DEEP);

  /* The tree of 64 levels is really 64 deep. */
  parse_ok (ok64, &root);
  for (node = root; node != NULL; depth++)
    {
      if (JSON_NODE_HOLDS_OBJECT (node))
        {
          g_assert_cmpstr (json_object_get_string_member (json_node_get_object (node), "[{\""),
                           ==, "}]\\");
          node = json_object_get_member (json_node_get_object (node), "k");
        }
      else if (JSON_NODE_HOLDS_ARRAY (node))
        {
          g_assert_cmpstr (json_array_get_string_element (json_node_get_array (node), 0), ==, "[[{{");
          node = json_array_get_element (json_node_get_array (node), 1);
        }
      else
        {
          g_assert_cmpstr (json_node_get_string (node), ==, "[[[[{{{{");
          node = NULL;
          depth--;
        }
    }
  g_assert_cmpuint (depth, ==, 64);

  /* Deep nesting stops at level 65, whatever follows, and never recurses. */
  huge = g_strnfill (1000000, '[');
  g_assert_cmpint (result_of (huge, -1), ==, DOSSIER_SANDBOX_JSON_TOO_DEEP);
  memset (huge, '{', 1000000);
  g_assert_cmpint (result_of (huge, -1), ==, DOSSIER_SANDBOX_JSON_SYNTAX);
}

static void
test_strings (void)
{
  g_autoptr(JsonNode) root = NULL;
  JsonObject *object = parse_ok ("{\"q\": \"x\\\"y\\\\\", \"\\\"k\\\\\": \"\\\\\\\"\", "
                                 "\"u\": \"\\u00e9\\u20AC\\ud83d\\ude00\\/\\b\\f\\n\\r\\t\", "
                                 "\"raw\": \"\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80\x7f\", "
                                 "\"empty\": \"\"}", &root);

  g_assert_cmpstr (json_object_get_string_member (object, "q"), ==, "x\"y\\");
  g_assert_cmpstr (json_object_get_string_member (object, "\"k\\"), ==, "\\\"");
  g_assert_cmpstr (json_object_get_string_member (object, "u"), ==,
                   "\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80/\b\f\n\r\t");
  g_assert_cmpstr (json_object_get_string_member (object, "raw"), ==,
                   "\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80\x7f");
  g_assert_cmpstr (json_object_get_string_member (object, "empty"), ==, "");
}

static void
test_bom (void)
{
  g_autoptr(JsonNode) root = NULL;
  JsonObject *object = parse_ok ("\xef\xbb\xbf{\"a\": 1}", &root);

  g_assert_cmpint (json_object_get_int_member (object, "a"), ==, 1);
  /* Only at the very start, and only once. */
  g_assert_cmpint (result_of (" \xef\xbb\xbf{}", -1), ==, DOSSIER_SANDBOX_JSON_SYNTAX);
  /* The BOM is not counted in columns. */
  assert_detail ("\xef\xbb\xbf{x}", "unexpected character 'x' at line 1, column 2");
}

static void
test_numbers (void)
{
  g_autoptr(JsonNode) root = NULL;
  JsonObject *object = parse_ok ("{\"max\": 9223372036854775807, \"min\": -9223372036854775808, "
                                 "\"big\": 99999999999999999999, \"small\": -99999999999999999999, "
                                 "\"inf\": 1e400, \"ninf\": -1e400, \"tiny\": 1e-400, "
                                 "\"frac\": 0.25, \"exp\": 5e-1, \"int\": 1234567890123}", &root);
  JsonNode *node;

  g_assert_cmpint (json_object_get_int_member (object, "max"), ==, G_MAXINT64);
  g_assert_cmpint (json_object_get_int_member (object, "min"), ==, G_MININT64);

  /* Integer literals keep their kind, saturated: a range check answers 412. */
  node = json_object_get_member (object, "big");
  g_assert_true (json_node_get_value_type (node) == G_TYPE_INT64);
  g_assert_cmpint (json_node_get_int (node), ==, G_MAXINT64);
  node = json_object_get_member (object, "small");
  g_assert_true (json_node_get_value_type (node) == G_TYPE_INT64);
  g_assert_cmpint (json_node_get_int (node), ==, G_MININT64);

  /* Overflowing doubles are infinite (a "finite" check answers 412), underflow is 0. */
  node = json_object_get_member (object, "inf");
  g_assert_true (json_node_get_value_type (node) == G_TYPE_DOUBLE);
  g_assert_true (isinf (json_node_get_double (node)) && json_node_get_double (node) > 0);
  node = json_object_get_member (object, "ninf");
  g_assert_true (isinf (json_node_get_double (node)) && json_node_get_double (node) < 0);
  g_assert_cmpfloat (json_object_get_double_member (object, "tiny"), ==, 0.0);
  g_assert_cmpfloat (json_object_get_double_member (object, "frac"), ==, 0.25);
  g_assert_cmpfloat (json_object_get_double_member (object, "exp"), ==, 0.5);
  g_assert_cmpint (json_object_get_int_member (object, "int"), ==, G_GINT64_CONSTANT (1234567890123));
}

static void
test_duplicates (void)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(JsonNode) glib_root = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *object = parse_ok ("{\"a\": 1, \"b\": {\"x\": 1}, \"a\": 3, \"c\": \"s\", "
                                 "\"b\": [true], \"c\": null, \"d\": 1, \"d\": {\"y\": 2}, "
                                 "\"e\": 1, \"e\": 2.5, \"f\": \"x\", \"f\": false, \"a\": \"last\"}",
                                 &root);
  g_autoptr(GList) members = json_object_get_members (object);
  const char *order[] = { "a", "b", "c", "d", "e", "f" };
  guint i = 0;

  g_assert_cmpuint (json_object_get_size (object), ==, 6);
  for (GList *l = members; l != NULL; l = l->next, i++)
    g_assert_cmpstr (l->data, ==, order[i]);
  g_assert_cmpstr (json_object_get_string_member (object, "a"), ==, "last");
  g_assert_true (JSON_NODE_HOLDS_ARRAY (json_object_get_member (object, "b")));
  g_assert_true (JSON_NODE_HOLDS_NULL (json_object_get_member (object, "c")));
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (object, "d"), "y"), ==, 2);
  g_assert_cmpfloat (json_object_get_double_member (object, "e"), ==, 2.5);
  g_assert_false (json_object_get_boolean_member (object, "f"));

  /* json-glib's own parser agrees on "last wins" (it is not used on request bodies). */
  glib_root = json_from_string ("{\"a\": 1, \"a\": 2}", &error);
  g_assert_no_error (error);
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (glib_root), "a"), ==, 2);
}

static void
test_big (void)
{
  const gsize size = 12 * 1024 * 1024;
  GString *text = g_string_sized_new (size + 64);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(JsonNode) root = NULL;
  DossierSandboxJsonResult result;
  gint64 start;
  JsonObject *object;
  const char *value;

  /* A 12 MB base64-like string member. */
  g_string_append (text, "{\"image_front\": \"");
  for (gsize i = 0; i < size; i++)
    g_string_append_c (text, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"[i % 64]);
  g_string_append (text, "\", \"n\": 1}");
  bytes = g_string_free_to_bytes (text);

  start = g_get_monotonic_time ();
  root = dossier_sandbox_json_parse_object (bytes, &result, NULL);
  g_test_message ("12 MB string: %" G_GINT64_FORMAT " ms", (g_get_monotonic_time () - start) / 1000);
  g_assert_cmpint (result, ==, DOSSIER_SANDBOX_JSON_OK);
  object = json_node_get_object (root);
  value = json_object_get_string_member (object, "image_front");
  g_assert_cmpuint (strlen (value), ==, size);
  g_assert_true (value[size - 1] == '/');
  g_test_message ("parsed in %" G_GINT64_FORMAT " ms", (g_get_monotonic_time () - start) / 1000);
  g_clear_pointer (&root, json_node_unref);
  g_clear_pointer (&bytes, g_bytes_unref);

  /* A long run of escapes, and a 1 MB integer literal (saturated), both linear. */
  text = g_string_new ("{\"s\": \"");
  for (guint i = 0; i < 1000000; i++)
    g_string_append (text, "\\\"\\u00e9");
  g_string_append (text, "\", \"n\": 1");
  for (guint i = 0; i < 1000000; i++)
    g_string_append_c (text, '0' + i % 10);
  g_string_append (text, "}");
  bytes = g_string_free_to_bytes (text);

  start = g_get_monotonic_time ();
  root = dossier_sandbox_json_parse_object (bytes, &result, NULL);
  g_assert_cmpint (result, ==, DOSSIER_SANDBOX_JSON_OK);
  g_assert_cmpuint (strlen (json_object_get_string_member (json_node_get_object (root), "s")),
                    ==, 3 * 1000000);
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (root), "n"), ==, G_MAXINT64);
  g_test_message ("parsed in %" G_GINT64_FORMAT " ms", (g_get_monotonic_time () - start) / 1000);
}

static void
test_many_duplicates (void)
{
  GString *text = g_string_new ("{");
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(JsonNode) root = NULL;
  DossierSandboxJsonResult result;
  gint64 start;

  /* 100 000 distinct names, then 100 000 repeats of the last one: linear, not quadratic. */
  for (guint i = 0; i < 100000; i++)
    g_string_append_printf (text, "\"k%u\":%u,", i, i);
  for (guint i = 0; i < 100000; i++)
    g_string_append_printf (text, "\"k99999\":%u,", i);
  g_string_append (text, "\"end\":0}");
  bytes = g_string_free_to_bytes (text);

  start = g_get_monotonic_time ();
  root = dossier_sandbox_json_parse_object (bytes, &result, NULL);
  g_assert_cmpint (result, ==, DOSSIER_SANDBOX_JSON_OK);
  g_assert_cmpuint (json_object_get_size (json_node_get_object (root)), ==, 100001);
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (root), "k99999"), ==, 99999);
  g_test_message ("parsed in %" G_GINT64_FORMAT " ms", (g_get_monotonic_time () - start) / 1000);
}

static char *
write_text (const char *json)
{
  g_autoptr(JsonNode) node = NULL;
  DossierSandboxJsonResult result;
  g_autoptr(GBytes) bytes = g_bytes_new (json, strlen (json));

  node = dossier_sandbox_json_parse (bytes, &result, NULL);
  g_assert_cmpint (result, ==, DOSSIER_SANDBOX_JSON_OK);

  return dossier_sandbox_json_to_string (node);
}

static void
test_write (void)
{
  static const struct { const char *in, *out; } cases[] = {
    { "{ \"a\" : [ 1 , 2.5 , true , false , null , { } , [ ] ] }", "{\"a\":[1,2.5,true,false,null,{},[]]}" },
    { "[1e400, -1e400, 1e20, 0.1, 1.0, -0.0, 1e-7, 123456789.125]",
      "[1e999,-1e999,1e+20,0.1,1.0,-0.0,1e-07,123456789.125]" },
    { "[9223372036854775807, -9223372036854775808, 99999999999999999999]",
      "[9223372036854775807,-9223372036854775808,9223372036854775807]" },
    { "[0.30000000000000004, 5e-324, 1.7976931348623157e308]",
      "[0.30000000000000004,5e-324,1.7976931348623157e+308]" },
    { "[\"\\\"\\\\\\/\\b\\f\\n\\r\\t\\u0001\\u001f\\u007f \\u00e9\"]",
      "[\"\\\"\\\\/\\b\\f\\n\\r\\t\\u0001\\u001f\x7f \xc3\xa9\"]" },
    { "{\"z\":1,\"a\":2,\"m\":{\"\\n\":3}}", "{\"z\":1,\"a\":2,\"m\":{\"\\n\":3}}" },
    { "\"x\"", "\"x\"" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *out = write_text (cases[i].in);
      g_autofree char *again = write_text (out);

      g_assert_cmpstr (out, ==, cases[i].out);
      /* What the writer produces parses back to the same text. */
      g_assert_cmpstr (again, ==, out);
    }
}

static void
test_write_built (void)
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  JsonObject *object = json_object_new ();
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *null_text = dossier_sandbox_json_to_string (NULL);

  json_node_take_object (node, object);
  json_object_set_double_member (object, "nan", NAN);
  json_object_set_double_member (object, "inf", INFINITY);
  json_object_set_string_member (object, "bad", "a\xff" "b\xc3");
  json_object_set_int_member (object, "i", -7);
  json_object_set_null_member (object, "n");

  bytes = dossier_sandbox_json_to_bytes (node);
  g_assert_cmpmem (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                   "{\"nan\":null,\"inf\":1e999,\"bad\":\"a\xef\xbf\xbd" "b\xef\xbf\xbd\",\"i\":-7,\"n\":null}",
                   strlen ("{\"nan\":null,\"inf\":1e999,\"bad\":\"a\xef\xbf\xbd" "b\xef\xbf\xbd\",\"i\":-7,\"n\":null}"));
  g_assert_cmpstr (null_text, ==, "null");
}

static void
test_type_phrase (void)
{
  g_assert_cmpstr (dossier_sandbox_json_type_phrase (JSON_NODE_VALUE, G_TYPE_STRING), ==, "a string");
  g_assert_cmpstr (dossier_sandbox_json_type_phrase (JSON_NODE_VALUE, G_TYPE_DOUBLE), ==, "a number");
  g_assert_cmpstr (dossier_sandbox_json_type_phrase (JSON_NODE_VALUE, G_TYPE_INT64), ==, "an integer");
  g_assert_cmpstr (dossier_sandbox_json_type_phrase (JSON_NODE_VALUE, G_TYPE_BOOLEAN), ==, "a boolean");
  g_assert_cmpstr (dossier_sandbox_json_type_phrase (JSON_NODE_OBJECT, G_TYPE_INVALID), ==, "an object");
  g_assert_cmpstr (dossier_sandbox_json_type_phrase (JSON_NODE_ARRAY, G_TYPE_INVALID), ==, "an array");
  g_assert_cmpstr (dossier_sandbox_json_type_phrase (JSON_NODE_NULL, G_TYPE_INVALID), ==, "null");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/dossier/sandbox/json/valid", test_valid);
  g_test_add_func ("/dossier/sandbox/json/syntax", test_syntax);
  g_test_add_func ("/dossier/sandbox/json/detail", test_detail);
  g_test_add_func ("/dossier/sandbox/json/not-object", test_not_object);
  g_test_add_func ("/dossier/sandbox/json/depth", test_depth);
  g_test_add_func ("/dossier/sandbox/json/strings", test_strings);
  g_test_add_func ("/dossier/sandbox/json/bom", test_bom);
  g_test_add_func ("/dossier/sandbox/json/numbers", test_numbers);
  g_test_add_func ("/dossier/sandbox/json/duplicates", test_duplicates);
  g_test_add_func ("/dossier/sandbox/json/big", test_big);
  g_test_add_func ("/dossier/sandbox/json/many-duplicates", test_many_duplicates);
  g_test_add_func ("/dossier/sandbox/json/write", test_write);
  g_test_add_func ("/dossier/sandbox/json/write-built", test_write_built);
  g_test_add_func ("/dossier/sandbox/json/type-phrase", test_type_phrase);

  return g_test_run ();
}
