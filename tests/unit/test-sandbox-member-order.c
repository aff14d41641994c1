/* test-sandbox-member-order.c — members of clients and requests in contract order (§6.1, §6.3)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * JSON member order means nothing (CONTRACT.md §1.2), but people read these
 * responses: clients come in the order of the §6.1 table, requests in §6.3's.
 */
#include "config.h"

#include "sandbox-test-utils.h"

/* Sent in a scrambled order, with catalogue and unknown members among the core ones. */
#define SCRAMBLED_CLIENT \
  "{\"unknown_b\":1,\"email\":\"order@example.com\"," \
  "\"address\":{\"zzz\":\"z\",\"country\":\"ARG\",\"city\":\"Del Viso\",\"aaa\":2," \
  "\"street_line_1\":\"Florida 9860\"}," \
  "\"occupation\":\"Engineer\",\"phone_number\":11,\"last_name\":\"Order\"," \
  "\"birth_date\":\"1984-11-21\",\"phone_country_code\":54,\"first_name\":\"Maria\"," \
  "\"unknown_a\":true}"

static const char * const client_order[] = {
  "id", "type", "status", "first_name", "last_name", "email", "birth_date", "address",
  "phone_country_code", "phone_number", "unknown_b", "occupation", "unknown_a",
  "created_at", "updated_at", NULL,
};

static const char * const address_order[] = {
  "street_line1", "city", "country", "zzz", "aaa", NULL,
};

static const char * const request_order[] = {
  "id", "client_id", "product", "status", "missing_requirements", "created_at", "updated_at",
  NULL,
};

/* The member names of @object, in order, joined by spaces. */
static char *
member_names (JsonObject *object)
{
  g_autoptr(GList) names = json_object_get_members (object);
  GString *joined = g_string_new (NULL);

  for (GList *l = names; l != NULL; l = l->next)
    g_string_append_printf (joined, "%s%s", l != names ? " " : "", (const char *) l->data);

  return g_string_free (joined, FALSE);
}

/* The reply's members as sent: json-glib's parser keeps the order of the text. */
static void
assert_order (JsonObject         *object,
              const char * const *expected)
{
  g_autofree char *names = member_names (object);
  g_autofree char *wanted = g_strjoinv (" ", (char **) expected);

  g_assert_cmpstr (names, ==, wanted);
}

static void
assert_client_order (JsonObject *client)
{
  assert_order (client, client_order);
  assert_order (json_object_get_object_member (client, "address"), address_order);
}

static void
test_client (void)
{
  g_autoptr(DossierSandboxEngine) engine = test_engine ();
  g_auto(Reply) created = call (engine, "POST", CLIENTS, SCRAMBLED_CLIENT);
  g_autofree char *path = NULL;
  g_auto(Reply) fetched = { NULL, NULL };
  g_auto(Reply) cached = { NULL, NULL };
  g_auto(Reply) updated = { NULL, NULL };
  g_auto(Reply) listed = { NULL, NULL };

  assert_ok (&created);
  assert_client_order (reply_object (&created));

  path = g_strdup_printf (CLIENTS "/%s", reply_string (&created, "id"));
  fetched = call (engine, "GET", path, NULL);
  assert_ok (&fetched);
  assert_client_order (reply_object (&fetched));
  /* The second GET is served from the serialisation cache. */
  cached = call (engine, "GET", path, NULL);
  assert_ok (&cached);
  assert_client_order (reply_object (&cached));
  g_assert_true (g_bytes_equal (fetched.response->body, cached.response->body));

  updated = call (engine, "PUT", path, SCRAMBLED_CLIENT);
  assert_ok (&updated);
  assert_client_order (reply_object (&updated));

  listed = call (engine, "GET", CLIENTS, NULL);
  assert_ok (&listed);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (listed.root));
  assert_client_order (json_array_get_object_element (json_node_get_array (listed.root), 0));
}

/* Absent optional members leave no gap; the order of the rest holds. */
static void
test_client_minimal (void)
{
  static const char * const minimal_order[] = {
    "id", "type", "status", "first_name", "last_name", "email", "birth_date", "address",
    "created_at", "updated_at", NULL,
  };
  static const char * const minimal_address[] = {
    "street_line1", "city", "postal_code", "state", "country", NULL,
  };
  g_autoptr(DossierSandboxEngine) engine = test_engine ();
  g_autofree char *body = client_body ("Barber", "maria@example.com", NULL);
  g_auto(Reply) created = call (engine, "POST", CLIENTS, body);

  assert_ok (&created);
  assert_order (reply_object (&created), minimal_order);
  assert_order (json_object_get_object_member (reply_object (&created), "address"),
                minimal_address);
}

static void
test_request (void)
{
  g_autoptr(DossierSandboxEngine) engine = test_engine ();
  g_autofree char *client = create_client (engine, "Barber", "maria@example.com", NULL);
  g_autofree char *path = g_strdup_printf (CLIENTS "/%s/products", client);
  g_auto(Reply) created = call (engine, "POST", path, "{\"subproduct\":\"cards_individuals\"}");
  g_auto(Reply) listed = { NULL, NULL };

  assert_ok (&created);
  assert_order (reply_object (&created), request_order);

  listed = call (engine, "GET", path, NULL);
  assert_ok (&listed);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (listed.root));
  assert_order (json_array_get_object_element (json_node_get_array (listed.root), 0),
                request_order);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/dossier/sandbox/member-order/client", test_client);
  g_test_add_func ("/dossier/sandbox/member-order/client-minimal", test_client_minimal);
  g_test_add_func ("/dossier/sandbox/member-order/request", test_request);

  return g_test_run ();
}
