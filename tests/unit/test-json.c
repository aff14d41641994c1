/* test-json.c — tolerant reading of responses (CONTRACT.md §15.2), hostile JSON, the list
 * parse on a worker thread
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "dossier-client.h"
#include "dossier-json.h"
#include "dossier-product-request.h"

static JsonNode *
parse (const char *text)
{
  g_autoptr(GError) error = NULL;
  JsonNode *root = dossier_json_parse_data (text, strlen (text), &error);

  g_assert_no_error (error);
  g_assert_nonnull (root);
  return root;
}

static void
test_json_parse_empty (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) empty = g_bytes_new_static ("", 0);
  g_autoptr(GBytes) blank = g_bytes_new_static (" \r\n\t", 4);

  g_assert_null (dossier_json_parse_bytes (NULL, &error));
  g_assert_no_error (error);
  g_assert_null (dossier_json_parse_bytes (empty, &error));
  g_assert_no_error (error);
  g_assert_null (dossier_json_parse_bytes (blank, &error));
  g_assert_no_error (error);
}

static void
test_json_parse_syntax (void)
{
  const char *bad[] = { "{", "[1,]", "<html><body>502 Bad Gateway</body></html>", "{\"a\" 1}", "nul" };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonNode) root = dossier_json_parse_data (bad[i], strlen (bad[i]), &error);

      g_assert_null (root);
      g_assert_error (error, DOSSIER_JSON_ERROR, DOSSIER_JSON_ERROR_SYNTAX);
    }
}

static char *
nested (guint depth,
        char  open,
        char  close)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < depth; i++)
    g_string_append_c (text, open);
  if (open == '{')
    g_string_truncate (text, 0);
  for (guint i = 0; open == '{' && i < depth; i++)
    g_string_append (text, "{\"a\":");
  g_string_append (text, "1");
  for (guint i = 0; i < depth; i++)
    g_string_append_c (text, close);
  return g_string_free (text, FALSE);
}

static void
test_json_depth (void)
{
  g_autofree char *ok = nested (DOSSIER_JSON_MAX_DEPTH, '[', ']');
  g_autofree char *deep = nested (DOSSIER_JSON_MAX_DEPTH + 1, '[', ']');
  g_autofree char *deep_objects = nested (100000, '{', '}');
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = NULL;
  const char *in_string = "[\"[[[[[[[[[[[[{{{{{{{{\\\"[[[[\"]";

  g_assert_cmpuint (dossier_json_measure_depth (ok, strlen (ok)), ==, DOSSIER_JSON_MAX_DEPTH);
  g_assert_cmpuint (dossier_json_measure_depth (in_string, strlen (in_string)), ==, 1);
  g_assert_cmpuint (dossier_json_measure_depth ("1", 1), ==, 0);
  /* Unbalanced closers never underflow. */
  g_assert_cmpuint (dossier_json_measure_depth ("]]]]}}[", 7), ==, 1);

  root = dossier_json_parse_data (ok, strlen (ok), &error);
  g_assert_no_error (error);
  g_assert_nonnull (root);
  g_clear_pointer (&root, json_node_unref);

  root = dossier_json_parse_data (deep, strlen (deep), &error);
  g_assert_null (root);
  g_assert_error (error, DOSSIER_JSON_ERROR, DOSSIER_JSON_ERROR_TOO_DEEP);
  g_assert_nonnull (strstr (error->message, "512"));
  g_clear_error (&error);

  /* 100 000 levels would overflow json-glib's recursion: refused before parsing. */
  root = dossier_json_parse_data (deep_objects, strlen (deep_objects), &error);
  g_assert_null (root);
  g_assert_error (error, DOSSIER_JSON_ERROR, DOSSIER_JSON_ERROR_TOO_DEEP);
}

static void
test_json_integer_overflow (void)
{
  const char *text = "{\"phone_number\": 18446744073709551617, \"phone_country_code\": -18446744073709551562,"
                     " \"fine\": 9223372036854775807, \"low\": -9223372036854775808,"
                     " \"text\": \"99999999999999999999999\", \"other\": 54}";
  g_autoptr(JsonNode) root = parse (text);
  JsonObject *object = json_node_get_object (root);
  g_autofree char *kept = NULL;
  gint64 value = 0;

  /* Without the guard json-glib would read -1 and 54: now they are unreadable. */
  g_assert_false (dossier_json_get_int64 (object, "phone_number", &value));
  g_assert_false (dossier_json_get_int64 (object, "phone_country_code", &value));
  g_assert_true (dossier_json_get_int64 (object, "fine", &value));
  g_assert_cmpint (value, ==, G_MAXINT64);
  g_assert_true (dossier_json_get_int64 (object, "low", &value));
  g_assert_cmpint (value, ==, G_MININT64);
  g_assert_true (dossier_json_get_int64 (object, "other", &value));
  g_assert_cmpint (value, ==, 54);
  /* A string of digits out of range is unreadable too, and strings are untouched. */
  g_assert_false (dossier_json_get_int64 (object, "text", &value));
  kept = dossier_json_dup_string (object, "text");
  g_assert_cmpstr (kept, ==, "99999999999999999999999");
}

static void
test_json_getters (void)
{
  g_autoptr(JsonNode) root = parse ("{\"s\": \"abc\", \"i\": 54, \"d\": 54.0, \"f\": 1.5,"
                                    " \"plus\": \"+54\", \"spaced\": \" 12 \", \"neg\": \"-3\","
                                    " \"half\": \"1.5\", \"t\": true, \"ts\": \"TRUE\", \"fs\": \"False\","
                                    " \"one\": 1, \"n\": null, \"o\": {\"a\": 1}, \"a\": [1],"
                                    " \"big\": 1e300, \"empty\": \"\"}");
  JsonObject *object = json_node_get_object (root);
  gint64 value = 0;
  struct { const char *member; const char *expected; } strings[] = {
    { "s", "abc" }, { "i", "54" }, { "d", "54" }, { "f", "1.5" }, { "plus", "+54" },
    { "empty", "" }, { "n", NULL }, { "o", NULL }, { "a", NULL }, { "t", NULL }, { "absent", NULL },
  };
  struct { const char *member; gboolean ok; gint64 expected; } ints[] = {
    { "i", TRUE, 54 }, { "d", TRUE, 54 }, { "plus", TRUE, 54 }, { "spaced", TRUE, 12 },
    { "neg", TRUE, -3 }, { "f", FALSE, 0 }, { "half", FALSE, 0 }, { "s", FALSE, 0 },
    { "t", FALSE, 0 }, { "n", FALSE, 0 }, { "o", FALSE, 0 }, { "big", FALSE, 0 },
    { "empty", FALSE, 0 }, { "absent", FALSE, 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (strings); i++)
    {
      g_autofree char *text = dossier_json_dup_string (object, strings[i].member);

      g_assert_cmpstr (text, ==, strings[i].expected);
    }

  for (guint i = 0; i < G_N_ELEMENTS (ints); i++)
    {
      value = -999;
      g_assert_cmpint (dossier_json_get_int64 (object, ints[i].member, &value), ==, ints[i].ok);
      if (ints[i].ok)
        g_assert_cmpint (value, ==, ints[i].expected);
    }

  g_assert_true (dossier_json_get_boolean (object, "t", FALSE));
  g_assert_true (dossier_json_get_boolean (object, "ts", FALSE));
  g_assert_false (dossier_json_get_boolean (object, "fs", TRUE));
  g_assert_true (dossier_json_get_boolean (object, "one", FALSE));
  g_assert_true (dossier_json_get_boolean (object, "s", TRUE));
  g_assert_false (dossier_json_get_boolean (object, "n", FALSE));
  g_assert_false (dossier_json_get_boolean (NULL, "t", FALSE));

  g_assert_nonnull (dossier_json_get_object (object, "o"));
  g_assert_null (dossier_json_get_object (object, "a"));
  g_assert_nonnull (dossier_json_get_array (object, "a"));
  g_assert_null (dossier_json_get_array (object, "n"));
  g_assert_null (dossier_json_get_array (object, "absent"));
  g_assert_null (dossier_json_dup_string (NULL, "s"));
}

static void
test_json_enum_equal (void)
{
  g_assert_true (dossier_json_enum_equal ("PENDING", "pending"));
  g_assert_true (dossier_json_enum_equal ("In_Kyc", "in_kyc"));
  g_assert_true (dossier_json_enum_equal (" enabled\n", "enabled"));
  g_assert_false (dossier_json_enum_equal ("enable", "enabled"));
  g_assert_false (dossier_json_enum_equal ("in-kyc", "in_kyc"));
  g_assert_false (dossier_json_enum_equal (NULL, "x"));
  g_assert_true (dossier_json_enum_equal (NULL, NULL));
}

static void
test_json_invalid_utf8 (void)
{
  const char text[] = "{\"s\": \"caf\xc3\x28 \xff\"}";
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = dossier_json_parse_data (text, sizeof text - 1, &error);

  /* Either json-glib refuses it, or the getter repairs it: never invalid UTF-8 out. */
  if (root != NULL)
    {
      g_autofree char *s = dossier_json_dup_string (json_node_get_object (root), "s");

      g_assert_nonnull (s);
      g_assert_true (g_utf8_validate (s, -1, NULL));
    }
  else
    {
      g_assert_error (error, DOSSIER_JSON_ERROR, DOSSIER_JSON_ERROR_SYNTAX);
    }
}

static void
test_json_huge_string (void)
{
  g_autoptr(GString) text = g_string_new ("{\"id\": \"abc\", \"first_name\": \"");
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(DossierClient) client = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < 4 * 1024 * 1024; i++)
    g_string_append_c (text, "[{ab"[i % 4]);
  g_string_append (text, "\"}");

  root = dossier_json_parse_data (text->str, text->len, &error);
  g_assert_no_error (error);
  client = dossier_client_new_from_json (root, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (strlen (dossier_client_get_first_name (client)), ==, 4 * 1024 * 1024);
  g_assert_finalize_object (g_steal_pointer (&client));
}

static guint
read_list_length (const char  *text,
                  char       **hint)
{
  g_autoptr(JsonNode) root = parse (text);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) elements = dossier_json_read_list (root, hint, &error);

  g_assert_no_error (error);
  g_assert_nonnull (elements);
  return elements->len;
}

static void
test_json_list_wrappers (void)
{
  const char *names[] = { "data", "items", "content", "results", "clients", "products" };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) elements = NULL;

  g_assert_cmpuint (read_list_length ("[{\"id\": \"a\"}, {\"id\": \"b\"}]", NULL), ==, 2);
  g_assert_cmpuint (read_list_length ("[]", NULL), ==, 0);

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *text = g_strdup_printf ("{\"total\": 3, \"%s\": [1, 2, 3]}", names[i]);
      g_autofree char *null_text = g_strdup_printf ("{\"%s\": null}", names[i]);
      g_autofree char *hint = NULL;

      g_assert_cmpuint (read_list_length (text, &hint), ==, 3);
      g_assert_null (hint);
      g_assert_cmpuint (read_list_length (null_text, NULL), ==, 0);
    }

  /* The first member that is an array wins; a non-array one is skipped. */
  g_assert_cmpuint (read_list_length ("{\"data\": {\"x\": 1}, \"items\": [1]}", NULL), ==, 1);

  /* An empty body and a null root are empty lists. */
  elements = dossier_json_read_list (NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (elements->len, ==, 0);
  g_clear_pointer (&elements, g_ptr_array_unref);
  g_assert_cmpuint (read_list_length ("null", NULL), ==, 0);

  /* Not a list. */
  {
    const char *bad[] = { "{\"id\": \"x\"}", "\"text\"", "42", "{\"data\": 7}" };

    for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
      {
        g_autoptr(JsonNode) root = parse (bad[i]);
        char *hint = (char *) "stale";

        elements = dossier_json_read_list (root, &hint, &error);
        g_assert_null (elements);
        g_assert_null (hint);
        g_assert_error (error, DOSSIER_JSON_ERROR, DOSSIER_JSON_ERROR_INVALID);
        g_clear_error (&error);
      }
  }
}

static void
test_json_list_paging (void)
{
  struct { const char *text; const char *hint; guint page; } cases[] = {
    { "{\"data\": [], \"next\": \"https://api.example.com/clients?cursor=abc\"}", "https://api.example.com/clients?cursor=abc", 0 },
    { "{\"data\": [], \"next\": \"/management/clients/individuals?page=2\"}", "/management/clients/individuals?page=2", 0 },
    { "{\"data\": [], \"next\": 3}", "?page=3", 3 },
    { "{\"data\": [], \"next\": null, \"next_page\": \"4\"}", "?page=4", 4 },
    { "{\"data\": [], \"next_page\": 5}", "?page=5", 5 },
    { "{\"data\": [], \"next_page\": \"https://x/y?p=2\"}", "https://x/y?p=2", 0 },
    { "{\"data\": [], \"page\": 1, \"total_pages\": 3}", "?page=2", 2 },
    { "{\"data\": [], \"page\": \"2\", \"total_pages\": \"3\"}", "?page=3", 3 },
    { "{\"data\": [], \"page\": 3, \"total_pages\": 3}", NULL, 0 },
    { "{\"data\": [], \"page\": 7}", NULL, 0 },
    { "{\"data\": [], \"next\": \"\"}", NULL, 0 },
    { "{\"data\": [], \"next\": \"   \"}", NULL, 0 },
    { "{\"data\": [], \"next\": false}", NULL, 0 },
    { "{\"data\": [], \"next\": {\"href\": \"x\"}}", NULL, 0 },
    /* Bounded to 100 pages. */
    { "{\"data\": [], \"next\": 101}", NULL, 0 },
    { "{\"data\": [], \"page\": 100, \"total_pages\": 1000000}", NULL, 0 },
    { "{\"data\": [], \"page\": 99, \"total_pages\": 1000000}", "?page=100", 100 },
    { "{\"data\": [], \"next\": 0}", NULL, 0 },
    { "{\"data\": [], \"next\": -2}", NULL, 0 },
    /* A bare array has no hint. */
    { "[]", NULL, 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *hint = NULL;

      read_list_length (cases[i].text, &hint);
      g_assert_cmpstr (hint, ==, cases[i].hint);
      g_assert_cmpuint (dossier_json_next_page_number (hint), ==, cases[i].page);
    }

  g_assert_cmpuint (dossier_json_next_page_number ("?page=abc"), ==, 0);
  g_assert_cmpuint (dossier_json_next_page_number ("?page=101"), ==, 0);
  g_assert_cmpuint (dossier_json_next_page_number (NULL), ==, 0);
}

static void
check_error (const char *body,
             const char *content_type,
             gboolean    expected,
             const char *code,
             const char *message,
             const char *trace_id)
{
  g_autoptr(GBytes) bytes = g_bytes_new (body, strlen (body));
  g_autofree char *c = NULL;
  g_autofree char *m = NULL;
  g_autofree char *t = NULL;

  g_assert_cmpint (dossier_json_read_error (bytes, content_type, &c, &m, &t), ==, expected);
  g_assert_cmpstr (c, ==, code);
  g_assert_cmpstr (m, ==, message);
  g_assert_cmpstr (t, ==, trace_id);
}

static void
test_json_error_envelope (void)
{
  check_error ("{\"code\":\"NOT_FOUND\",\"message\":\"Resource not found\",\"trace_id\":\"4bf9\"}",
               "application/json", TRUE, "NOT_FOUND", "Resource not found", "4bf9");
  check_error ("{\"error_code\":\"TOO_MANY_REQUESTS\",\"message\":\"Rate limit exceeded. Retry after 4 seconds\",\"trace_id\":\"0d5e\"}",
               "application/json; charset=utf-8", TRUE, "TOO_MANY_REQUESTS",
               "Rate limit exceeded. Retry after 4 seconds", "0d5e");
  /* code wins over error_code; a blank code falls back. */
  check_error ("{\"code\":\"A\",\"error_code\":\"B\"}", NULL, TRUE, "A", NULL, NULL);
  check_error ("{\"code\":\"\",\"error_code\":\"B\"}", NULL, TRUE, "B", NULL, NULL);
  check_error ("{\"code\":412,\"message\":\"x\"}", NULL, TRUE, "412", "x", NULL);
  check_error ("{\"message\":\"only a message\"}", NULL, TRUE, NULL, "only a message", NULL);
  /* Not envelopes. */
  check_error ("<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>",
               "text/html", FALSE, NULL, NULL, NULL);
  check_error ("<html><body>oops</body></html>", NULL, FALSE, NULL, NULL, NULL);
  check_error ("{\"code\":\"X\"}", "text/html; charset=iso-8859-1", FALSE, NULL, NULL, NULL);
  check_error ("[\"code\"]", "application/json", FALSE, NULL, NULL, NULL);
  check_error ("{\"trace_id\":\"abc\"}", "application/json", FALSE, NULL, NULL, NULL);
  check_error ("", "application/json", FALSE, NULL, NULL, NULL);
  check_error ("{\"code\": {\"nested\": 1}, \"message\": [1]}", NULL, FALSE, NULL, NULL, NULL);
  g_assert_false (dossier_json_read_error (NULL, NULL, NULL, NULL, NULL));
}

static void
test_json_deep_copy (void)
{
  g_autoptr(JsonNode) root = parse ("{\"a\": {\"b\": [1, null, {\"c\": null}]}, \"n\": null}");
  g_autoptr(JsonNode) copy = dossier_json_node_deep_copy (root);
  JsonObject *inner;

  g_assert_true (json_node_equal (root, copy));
  g_assert_true (json_node_get_object (root) != json_node_get_object (copy));
  inner = json_node_get_object (json_object_get_member (json_node_get_object (copy), "a"));
  g_assert_true (inner != json_node_get_object (json_object_get_member (json_node_get_object (root), "a")));
  json_object_set_int_member (inner, "added", 1);
  g_assert_false (json_node_equal (root, copy));
  g_assert_null (dossier_json_node_deep_copy (NULL));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/dossier/core/json/parse-empty", test_json_parse_empty);
  g_test_add_func ("/dossier/core/json/parse-syntax", test_json_parse_syntax);
  g_test_add_func ("/dossier/core/json/depth", test_json_depth);
  g_test_add_func ("/dossier/core/json/integer-overflow", test_json_integer_overflow);
  g_test_add_func ("/dossier/core/json/getters", test_json_getters);
  g_test_add_func ("/dossier/core/json/enum-equal", test_json_enum_equal);
  g_test_add_func ("/dossier/core/json/invalid-utf8", test_json_invalid_utf8);
  g_test_add_func ("/dossier/core/json/huge-string", test_json_huge_string);
  g_test_add_func ("/dossier/core/json/list-wrappers", test_json_list_wrappers);
  g_test_add_func ("/dossier/core/json/list-paging", test_json_list_paging);
  g_test_add_func ("/dossier/core/json/error-envelope", test_json_error_envelope);
  g_test_add_func ("/dossier/core/json/deep-copy", test_json_deep_copy);

  return g_test_run ();
}
