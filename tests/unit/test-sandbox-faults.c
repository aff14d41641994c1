/* test-sandbox-faults.c — fault injection (CONTRACT.md §13.5)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "dossier-sandbox-faults.h"
#include "dossier-sandbox-json.h"

static JsonNode *
json (const char *text)
{
  g_autoptr(GBytes) bytes = g_bytes_new (text, strlen (text));
  DossierSandboxJsonResult result;
  JsonNode *node = dossier_sandbox_json_parse (bytes, &result, NULL);

  g_assert_cmpint (result, ==, DOSSIER_SANDBOX_JSON_OK);
  return node;
}

static const DossierSandboxFault *
arm (DossierSandboxFaults *faults,
     const char           *body)
{
  g_autoptr(JsonNode) node = json (body);
  g_autofree char *message = NULL;
  const DossierSandboxFault *fault = dossier_sandbox_faults_arm (faults, node, &message);

  g_assert_cmpstr (message, ==, NULL);
  g_assert_nonnull (fault);
  return fault;
}

static char *
arm_invalid (DossierSandboxFaults *faults,
             const char           *body)
{
  g_autoptr(JsonNode) node = body != NULL ? json (body) : NULL;
  char *message = NULL;

  g_assert_null (dossier_sandbox_faults_arm (faults, node, &message));
  g_assert_nonnull (message);
  g_assert_true (g_str_has_prefix (message, "Invalid fault: "));
  g_test_message ("%s -> %s", body != NULL ? body : "(no body)", message);
  return message;
}

static char *
to_text (JsonNode *node)
{
  return dossier_sandbox_json_to_string (node);
}

static char *
fault_text (const DossierSandboxFault *fault)
{
  g_autoptr(JsonNode) node = dossier_sandbox_fault_to_json (fault);
  g_autoptr(JsonNode) copy = json_node_copy (node);
  JsonObject *object = json_node_get_object (copy);
  const char *id = json_object_get_string_member (object, "id");

  /* The id: 32 alphanumerics; replaced for comparisons. */
  g_assert_cmpuint (strlen (id), ==, 32);
  for (const char *p = id; *p; p++)
    g_assert_true (g_ascii_isalnum (*p));
  g_assert_cmpstr (id, ==, fault->id);
  json_object_set_string_member (object, "id", "ID");

  return to_text (copy);
}

static void
test_shapes (void)
{
  g_autoptr(DossierSandboxFaults) faults = dossier_sandbox_faults_new ();
  static const struct { const char *body, *shape; } cases[] = {
    { "{\"kind\": \"error\"}",
      "{\"id\":\"ID\",\"kind\":\"error\",\"count\":1,\"remaining\":1,\"path_prefix\":\"/management/\","
      "\"status\":500,\"code\":\"INTERNAL_ERROR\",\"message\":\"Injected fault\"}" },
    { "{\"kind\": \"error\", \"status\": 503, \"code\": \"X\", \"message\": \"m\", \"count\": 3, "
      "\"method\": \"POST\", \"path_prefix\": \"/management/clients\", \"unknown\": [1]}",
      "{\"id\":\"ID\",\"kind\":\"error\",\"count\":3,\"remaining\":3,\"path_prefix\":\"/management/clients\","
      "\"method\":\"POST\",\"status\":503,\"code\":\"X\",\"message\":\"m\"}" },
    { "{\"kind\": \"delay\", \"delay_ms\": 250, \"retry_after\": 5, \"status\": 500, \"code\": \"C\"}",
      "{\"id\":\"ID\",\"kind\":\"delay\",\"count\":1,\"remaining\":1,\"path_prefix\":\"/management/\","
      "\"delay_ms\":250}" },
    { "{\"kind\": \"drop\", \"method\": null}",
      "{\"id\":\"ID\",\"kind\":\"drop\",\"count\":1,\"remaining\":1,\"path_prefix\":\"/management/\"}" },
    { "{\"kind\": \"drop_after\", \"count\": 1000}",
      "{\"id\":\"ID\",\"kind\":\"drop_after\",\"count\":1000,\"remaining\":1000,\"path_prefix\":\"/management/\"}" },
    { "{\"kind\": \"malformed\"}",
      "{\"id\":\"ID\",\"kind\":\"malformed\",\"count\":1,\"remaining\":1,\"path_prefix\":\"/management/\","
      "\"status\":200}" },
    { "{\"kind\": \"malformed\", \"status\": 201}",
      "{\"id\":\"ID\",\"kind\":\"malformed\",\"count\":1,\"remaining\":1,\"path_prefix\":\"/management/\","
      "\"status\":201}" },
    { "{\"kind\": \"html\"}",
      "{\"id\":\"ID\",\"kind\":\"html\",\"count\":1,\"remaining\":1,\"path_prefix\":\"/management/\","
      "\"status\":502}" },
    { "{\"kind\": \"html\", \"status\": 504, \"message\": \"ignored\"}",
      "{\"id\":\"ID\",\"kind\":\"html\",\"count\":1,\"remaining\":1,\"path_prefix\":\"/management/\","
      "\"status\":504}" },
    { "{\"kind\": \"rate_limit\"}",
      "{\"id\":\"ID\",\"kind\":\"rate_limit\",\"count\":1,\"remaining\":1,\"path_prefix\":\"/management/\","
      "\"retry_after\":1}" },
    { "{\"kind\": \"rate_limit\", \"retry_after\": 3600, \"path_prefix\": \"\"}",
      "{\"id\":\"ID\",\"kind\":\"rate_limit\",\"count\":1,\"remaining\":1,\"path_prefix\":\"\","
      "\"retry_after\":3600}" },
  };
  g_autoptr(JsonNode) all = NULL;
  g_autofree char *first_id = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = fault_text (arm (faults, cases[i].body));

      g_assert_cmpstr (text, ==, cases[i].shape);
    }

  /* GET: all of them, in arming order, same shapes, distinct ids. */
  all = dossier_sandbox_faults_to_json (faults);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (all));
  g_assert_cmpuint (json_array_get_length (json_node_get_array (all)), ==, G_N_ELEMENTS (cases));
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      JsonObject *object = json_array_get_object_element (json_node_get_array (all), i);
      g_autoptr(JsonNode) node = json_node_copy (json_array_get_element (json_node_get_array (all), i));
      g_autofree char *text = NULL;

      if (i == 0)
        first_id = g_strdup (json_object_get_string_member (object, "id"));
      else
        g_assert_cmpstr (json_object_get_string_member (object, "id"), !=, first_id);
      json_object_set_string_member (json_node_get_object (node), "id", "ID");
      text = to_text (node);
      g_assert_cmpstr (text, ==, cases[i].shape);
    }

  g_assert_cmpuint (dossier_sandbox_faults_get_n_armed (faults), ==, G_N_ELEMENTS (cases));
  g_assert_cmpuint (dossier_sandbox_faults_clear (faults), ==, G_N_ELEMENTS (cases));
  g_assert_cmpuint (dossier_sandbox_faults_clear (faults), ==, 0);
  g_clear_pointer (&all, json_node_unref);
  all = dossier_sandbox_faults_to_json (faults);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (all)), ==, 0);
}

static void
test_invalid (void)
{
  g_autoptr(DossierSandboxFaults) faults = dossier_sandbox_faults_new ();
  static const char * const bodies[] = {
    "[]", "\"error\"", "3", "null",
    "{}", "{\"kind\": null}", "{\"kind\": 1}", "{\"kind\": \"ERROR\"}", "{\"kind\": \"boom\"}",
    "{\"kind\": [\"error\"]}",
    "{\"kind\": \"error\", \"count\": 0}", "{\"kind\": \"error\", \"count\": 1001}",
    "{\"kind\": \"error\", \"count\": 1.0}", "{\"kind\": \"error\", \"count\": \"1\"}",
    "{\"kind\": \"error\", \"count\": 1e1}", "{\"kind\": \"error\", \"count\": -1}",
    "{\"kind\": \"error\", \"count\": 99999999999999999999}",
    "{\"kind\": \"error\", \"method\": \"get\"}", "{\"kind\": \"error\", \"method\": \"\"}",
    "{\"kind\": \"error\", \"method\": \"GET \"}", "{\"kind\": \"error\", \"method\": 1}",
    "{\"kind\": \"error\", \"path_prefix\": 1}", "{\"kind\": \"error\", \"path_prefix\": {}}",
    "{\"kind\": \"error\", \"status\": 399}", "{\"kind\": \"error\", \"status\": 600}",
    "{\"kind\": \"error\", \"status\": 429}", "{\"kind\": \"error\", \"status\": 200}",
    "{\"kind\": \"error\", \"status\": \"500\"}", "{\"kind\": \"error\", \"status\": 500.0}",
    "{\"kind\": \"html\", \"status\": 200}", "{\"kind\": \"html\", \"status\": 429}",
    "{\"kind\": \"malformed\", \"status\": 199}", "{\"kind\": \"malformed\", \"status\": 600}",
    "{\"kind\": \"drop\", \"status\": 200}",
    "{\"kind\": \"error\", \"code\": 5}", "{\"kind\": \"error\", \"message\": false}",
    "{\"kind\": \"drop\", \"code\": 5}",
    "{\"kind\": \"delay\"}", "{\"kind\": \"delay\", \"delay_ms\": null}",
    "{\"kind\": \"delay\", \"delay_ms\": 0}", "{\"kind\": \"delay\", \"delay_ms\": 60001}",
    "{\"kind\": \"delay\", \"delay_ms\": 1.5}", "{\"kind\": \"error\", \"delay_ms\": 0}",
    "{\"kind\": \"rate_limit\", \"retry_after\": 0}", "{\"kind\": \"rate_limit\", \"retry_after\": 3601}",
    "{\"kind\": \"error\", \"retry_after\": \"1\"}",
  };
  g_autofree char *kind_message = NULL;
  g_autofree char *null_message = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (bodies); i++)
    g_free (arm_invalid (faults, bodies[i]));
  null_message = arm_invalid (faults, NULL);

  kind_message = arm_invalid (faults, "{\"kind\": \"boom\"}");
  g_assert_cmpstr (kind_message, ==, "Invalid fault: kind must be one of error, delay, drop, "
                                     "drop_after, malformed, html, rate_limit");
  g_assert_cmpuint (dossier_sandbox_faults_get_n_armed (faults), ==, 0);

  /* Limits are inclusive. */
  arm (faults, "{\"kind\": \"delay\", \"delay_ms\": 1}");
  arm (faults, "{\"kind\": \"delay\", \"delay_ms\": 60000, \"count\": 1000}");
  arm (faults, "{\"kind\": \"error\", \"status\": 400}");
  arm (faults, "{\"kind\": \"error\", \"status\": 599}");
  arm (faults, "{\"kind\": \"malformed\", \"status\": 599}");
  arm (faults, "{\"kind\": \"malformed\", \"status\": 429}");
  arm (faults, "{\"kind\": \"rate_limit\", \"retry_after\": 1}");
  g_assert_cmpuint (dossier_sandbox_faults_get_n_armed (faults), ==, 7);
}

static void
test_matching (void)
{
  g_autoptr(DossierSandboxFaults) faults = dossier_sandbox_faults_new ();
  g_autoptr(DossierSandboxFault) taken = NULL;
  g_autoptr(JsonNode) listed = NULL;
  const DossierSandboxFault *a, *b, *c;
  g_autofree char *a_id = NULL;
  g_autofree char *b_id = NULL;
  g_autofree char *c_id = NULL;

  a = arm (faults, "{\"kind\": \"error\", \"method\": \"PUT\", \"count\": 2}");
  a_id = g_strdup (a->id);
  b = arm (faults, "{\"kind\": \"delay\", \"delay_ms\": 10, \"path_prefix\": \"/management/clients/individuals/\"}");
  b_id = g_strdup (b->id);
  c = arm (faults, "{\"kind\": \"drop\", \"count\": 3}");
  c_id = g_strdup (c->id);

  /* Admin paths and other prefixes never match the default prefix. */
  g_assert_null (dossier_sandbox_faults_take_match (faults, "GET", "/_sandbox/info"));
  g_assert_null (dossier_sandbox_faults_take_match (faults, "GET", "/management"));

  /* GET on a client: a is PUT-only, b matches first (arming order). */
  taken = dossier_sandbox_faults_take_match (faults, "GET", "/management/clients/individuals/abc");
  g_assert_cmpstr (taken->id, ==, b_id);
  g_assert_cmpint (taken->kind, ==, DOSSIER_SANDBOX_FAULT_DELAY);
  g_assert_cmpuint (taken->delay_ms, ==, 10);
  g_assert_cmpuint (taken->remaining, ==, 0);
  g_clear_pointer (&taken, dossier_sandbox_fault_free);
  /* b is used up and removed. */
  g_assert_cmpuint (dossier_sandbox_faults_get_n_armed (faults), ==, 2);

  /* The same GET now falls to c. */
  taken = dossier_sandbox_faults_take_match (faults, "GET", "/management/clients/individuals/abc");
  g_assert_cmpstr (taken->id, ==, c_id);
  g_assert_cmpuint (taken->remaining, ==, 2);
  g_clear_pointer (&taken, dossier_sandbox_fault_free);

  /* Method filter is exact: "put" is not PUT. */
  taken = dossier_sandbox_faults_take_match (faults, "put", "/management/clients/individuals");
  g_assert_cmpstr (taken->id, ==, c_id);
  g_clear_pointer (&taken, dossier_sandbox_fault_free);

  /* PUT goes to a (armed first). */
  taken = dossier_sandbox_faults_take_match (faults, "PUT", "/management/clients/individuals/x");
  g_assert_cmpstr (taken->id, ==, a_id);
  g_assert_cmpuint (taken->count, ==, 2);
  g_assert_cmpuint (taken->remaining, ==, 1);
  g_assert_cmpuint (taken->status, ==, 500);
  g_assert_cmpstr (taken->code, ==, "INTERNAL_ERROR");
  g_assert_cmpstr (taken->message, ==, "Injected fault");
  g_clear_pointer (&taken, dossier_sandbox_fault_free);

  /* GET lists current remaining values. */
  listed = dossier_sandbox_faults_to_json (faults);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (listed)), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (json_node_get_array (listed), 0), "id"), ==, a_id);
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (json_node_get_array (listed), 0), "remaining"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (json_node_get_array (listed), 1), "remaining"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (json_node_get_array (listed), 1), "count"), ==, 3);

  taken = dossier_sandbox_faults_take_match (faults, "PUT", "/management/x");
  g_assert_cmpstr (taken->id, ==, a_id);
  g_assert_cmpuint (taken->remaining, ==, 0);
  g_clear_pointer (&taken, dossier_sandbox_fault_free);
  taken = dossier_sandbox_faults_take_match (faults, "PUT", "/management/x");
  g_assert_cmpstr (taken->id, ==, c_id);
  g_assert_cmpuint (taken->remaining, ==, 0);
  g_clear_pointer (&taken, dossier_sandbox_fault_free);

  /* All used up. */
  g_assert_null (dossier_sandbox_faults_take_match (faults, "PUT", "/management/x"));
  g_assert_cmpuint (dossier_sandbox_faults_get_n_armed (faults), ==, 0);
  g_assert_cmpuint (dossier_sandbox_faults_clear (faults), ==, 0);

  /* An empty path_prefix matches every path, a custom one only its own. */
  arm (faults, "{\"kind\": \"html\", \"path_prefix\": \"/x\", \"count\": 5}");
  arm (faults, "{\"kind\": \"malformed\", \"path_prefix\": \"\"}");
  taken = dossier_sandbox_faults_take_match (faults, "GET", "/management/y");
  g_assert_cmpint (taken->kind, ==, DOSSIER_SANDBOX_FAULT_MALFORMED);
  g_clear_pointer (&taken, dossier_sandbox_fault_free);
  taken = dossier_sandbox_faults_take_match (faults, "GET", "/xyz");
  g_assert_cmpint (taken->kind, ==, DOSSIER_SANDBOX_FAULT_HTML);
  g_assert_cmpuint (taken->status, ==, 502);
  g_clear_pointer (&taken, dossier_sandbox_fault_free);
  g_assert_cmpuint (dossier_sandbox_faults_clear (faults), ==, 1);
}

static void
test_copy (void)
{
  g_autoptr(DossierSandboxFaults) faults = dossier_sandbox_faults_new ();
  const DossierSandboxFault *fault = arm (faults, "{\"kind\": \"error\", \"method\": \"GET\", \"code\": \"C\"}");
  g_autoptr(DossierSandboxFault) copy = dossier_sandbox_fault_copy (fault);

  g_assert_true (copy != fault);
  g_assert_true (copy->id != fault->id);
  g_assert_cmpstr (copy->id, ==, fault->id);
  g_assert_cmpstr (copy->method, ==, "GET");
  g_assert_cmpstr (copy->path_prefix, ==, "/management/");
  g_assert_cmpstr (copy->code, ==, "C");
  g_assert_cmpstr (copy->message, ==, "Injected fault");
  g_assert_cmpstr (dossier_sandbox_fault_kind_to_string (DOSSIER_SANDBOX_FAULT_DROP_AFTER), ==, "drop_after");
}

static void
test_bodies (void)
{
  g_autoptr(GBytes) malformed = dossier_sandbox_fault_malformed_body ();
  g_autoptr(GBytes) html = dossier_sandbox_fault_html_body (502);
  g_autoptr(GBytes) html503 = dossier_sandbox_fault_html_body (503);
  g_autoptr(GBytes) html418 = dossier_sandbox_fault_html_body (418);
  g_autofree char *html_text = g_strndup (g_bytes_get_data (html, NULL), g_bytes_get_size (html));
  g_autofree char *html503_text = g_strndup (g_bytes_get_data (html503, NULL), g_bytes_get_size (html503));
  g_autofree char *html418_text = g_strndup (g_bytes_get_data (html418, NULL), g_bytes_get_size (html418));
  DossierSandboxJsonResult result;
  g_autoptr(JsonNode) node = dossier_sandbox_json_parse (malformed, &result, NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  /* Not JSON for a strict parser, nor for json-glib's lenient one. */
  g_assert_null (node);
  g_assert_cmpint (result, ==, DOSSIER_SANDBOX_JSON_SYNTAX);
  g_assert_false (json_parser_load_from_data (parser, g_bytes_get_data (malformed, NULL),
                                              g_bytes_get_size (malformed), &error));
  g_assert_nonnull (error);
  g_assert_true (((const char *) g_bytes_get_data (malformed, NULL))[0] == '{');

  g_assert_true (g_str_has_prefix (html_text, "<html>"));
  g_assert_nonnull (strstr (html_text, "<title>502 Bad Gateway</title>"));
  g_assert_nonnull (strstr (html503_text, "<title>503 Service Unavailable</title>"));
  g_assert_nonnull (strstr (html418_text, "<title>418 "));
  g_assert_true (g_utf8_validate (html_text, -1, NULL));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/dossier/sandbox/faults/shapes", test_shapes);
  g_test_add_func ("/dossier/sandbox/faults/invalid", test_invalid);
  g_test_add_func ("/dossier/sandbox/faults/matching", test_matching);
  g_test_add_func ("/dossier/sandbox/faults/copy", test_copy);
  g_test_add_func ("/dossier/sandbox/faults/bodies", test_bodies);

  return g_test_run ();
}
