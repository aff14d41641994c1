/* test-sandbox-flow.c — clients, product requests, reviews, persistence (CONTRACT.md §6–§11, §13, §14)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>

#include "sandbox-test-utils.h"

static void
assert_missing (JsonObject *product,
                guint       n_documents,
                guint       n_data)
{
  JsonObject *missing = json_object_get_object_member (product, "missing_requirements");

  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (missing, "documents")), ==, n_documents);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (missing, "data")), ==, n_data);
}

static void
test_maria_barber (void)
{
  g_autoptr(DossierSandboxEngine) engine = test_engine ();
  g_autofree char *body = client_body ("Barber", "mjuliabarber@example.com", NULL);
  g_auto(Reply) created = call (engine, "POST", CLIENTS, body);
  const char *client_id = reply_string (&created, "id");
  g_autofree char *products = g_strdup_printf (CLIENTS "/%s/products", client_id);
  g_autofree char *client_path = g_strdup_printf (CLIENTS "/%s", client_id);
  g_auto(Reply) requested = call (engine, "POST", products, "{\"subproduct\":\"cards_individuals\"}");
  const char *request_id = reply_string (&requested, "id");
  g_autofree char *with_phone = client_body ("Barber", "mjuliabarber@example.com",
                                             "\"phone_country_code\":54,\"phone_number\":1168860622");
  g_auto(Reply) put = { NULL, NULL };
  g_auto(Reply) list = { NULL, NULL };
  g_auto(Reply) small = { NULL, NULL };
  g_auto(Reply) again = { NULL, NULL };
  g_autofree char *doc_path = g_strdup_printf ("%s/%s/documentation", products, request_id);
  g_autofree char *small_body = passport_body (480, 640, "AB1");
  g_autofree char *status = NULL;
  g_autofree char *updated = NULL;
  JsonObject *missing, *group, *document, *field, *item;

  assert_ok (&created);
  g_assert_cmpstr (reply_string (&created, "status"), ==, "pending");
  g_assert_cmpstr (reply_string (&created, "type"), ==, "individual");
  g_assert_cmpstr (reply_string (&created, "created_at"), ==, "2026-04-15T10:30:00");
  g_assert_cmpuint (strlen (client_id), ==, 32);
  g_assert_false (json_object_has_member (reply_object (&created), "phone_number"));

  assert_ok (&requested);
  g_assert_cmpstr (reply_string (&requested, "status"), ==, "pending_documentation");
  g_assert_cmpstr (reply_string (&requested, "product"), ==, "cards_individuals");
  g_assert_cmpstr (reply_string (&requested, "client_id"), ==, client_id);
  missing = json_object_get_object_member (reply_object (&requested), "missing_requirements");
  group = json_array_get_object_element (json_object_get_array_member (missing, "documents"), 0);
  g_assert_cmpstr (json_object_get_string_member (group, "id"), ==, "identity_document");
  g_assert_cmpstr (json_object_get_string_member (group, "name"), ==, "Identity document");
  document = json_array_get_object_element (json_object_get_array_member (group, "valid_documents"), 0);
  g_assert_cmpstr (json_object_get_string_member (document, "id"), ==, "passport");
  g_assert_false (json_object_get_boolean_member (document, "require_back_image"));
  field = json_array_get_object_element (json_object_get_array_member (document, "metadata"), 0);
  g_assert_cmpstr (json_object_get_string_member (field, "id"), ==, "number");
  g_assert_cmpstr (json_object_get_string_member (field, "data_type"), ==, "STRING");
  group = json_array_get_object_element (json_object_get_array_member (missing, "data"), 0);
  g_assert_cmpstr (json_object_get_string_member (group, "id"), ==, "personal_information");
  field = json_array_get_object_element (json_object_get_array_member (group, "fields"), 0);
  g_assert_cmpstr (json_object_get_string_member (field, "key"), ==, "phone");
  g_assert_cmpstr (json_object_get_string_member (field, "data_type"), ==, "PHONE");

  /* Submitting with gaps: 200, still pending_documentation. */
  g_assert_cmpstr (submit (engine, client_id, request_id), ==, "pending_documentation");

  fake_wall += 60 * G_USEC_PER_SEC;
  put = call (engine, "PUT", client_path, with_phone);
  assert_ok (&put);
  g_assert_cmpstr (reply_string (&put, "updated_at"), ==, "2026-04-15T10:31:00");
  g_assert_cmpstr (reply_string (&put, "created_at"), ==, "2026-04-15T10:30:00");
  g_assert_cmpint (json_object_get_int_member (reply_object (&put), "phone_number"), ==, 1168860622);
  list = call (engine, "GET", products, NULL);
  item = json_array_get_object_element (json_node_get_array (list.root), 0);
  assert_missing (item, 1, 0);

  small = call (engine, "POST", doc_path, small_body);
  assert_ok (&small);
  item = json_array_get_object_element (json_object_get_array_member (reply_object (&small), "rejected_items"), 0);
  g_assert_cmpstr (json_object_get_string_member (item, "key"), ==, "passport");
  g_assert_cmpstr (json_object_get_string_member (item, "reason"), ==,
                   "Front image is too small (480x640 px); the shorter side must be at least 600 px");

  upload_passport (engine, client_id, request_id);
  again = call (engine, "POST", doc_path, small_body);
  assert_error (&again, 412, "DOCUMENT_NOT_REQUESTED",
                "Document type 'passport' is not requested by this product request");

  fake_wall += 60 * G_USEC_PER_SEC;
  g_assert_cmpstr (submit (engine, client_id, request_id), ==, "in_kyc");
  status = client_status (engine, client_id);
  g_assert_cmpstr (status, ==, "pending");
  g_clear_pointer (&status, g_free);

  fake_wall += 9 * G_USEC_PER_SEC;
  status = product_status (engine, client_id, 0, NULL);
  g_assert_cmpstr (status, ==, "in_kyc");
  g_clear_pointer (&status, g_free);

  /* Completes at T + 10 s, observed later, with updated_at the due time. */
  fake_wall += 50 * G_USEC_PER_SEC;
  status = product_status (engine, client_id, 0, &updated);
  g_assert_cmpstr (status, ==, "enabled");
  g_assert_cmpstr (updated, ==, "2026-04-15T10:32:10");
  g_clear_pointer (&status, g_free);
  status = client_status (engine, client_id);
  g_assert_cmpstr (status, ==, "active");
}

static void
test_put_full_replacement (void)
{
  g_autoptr(DossierSandboxEngine) engine = test_engine ();
  g_autofree char *id = create_client (engine, "Barber", "m@example.com",
                                       "\"phone_country_code\":54,\"phone_number\":11,\"occupation\":\"Chef\","
                                       "\"extra\":{\"nested\":[1,null]}");
  g_autofree char *path = g_strdup_printf (CLIENTS "/%s", id);
  g_autofree char *request_id = request_product (engine, id, "cards_individuals");
  g_auto(Reply) put = call (engine, "PUT", path,
                            "{\"id\":\"ignored\",\"status\":\"active\",\"type\":7,\"created_at\":1,"
                            "\"first_name\":\"Maria\",\"last_name\":\"Barber\",\"email\":\"m@example.com\","
                            "\"birth_date\":\"1984-11-21\",\"gone\":null,\"extra\":{\"nested\":[1,null]},"
                            "\"address\":{\"street_line_1\":\"Alias 1\",\"street_line_2\":\"Old\","
                            "\"street_line2\":\"New\",\"city\":\"Del Viso\",\"country\":\"ARG\","
                            "\"floor\":null,\"unit\":\"4B\"}}");
  g_autofree char *products = g_strdup_printf (CLIENTS "/%s/products", id);
  g_auto(Reply) list = { NULL, NULL };
  JsonObject *client, *address;

  assert_ok (&put);
  client = reply_object (&put);
  g_assert_cmpstr (json_object_get_string_member (client, "id"), ==, id);
  g_assert_cmpstr (json_object_get_string_member (client, "type"), ==, "individual");
  g_assert_cmpstr (json_object_get_string_member (client, "status"), ==, "pending");
  g_assert_false (json_object_has_member (client, "phone_number"));
  g_assert_false (json_object_has_member (client, "occupation"));
  g_assert_false (json_object_has_member (client, "gone"));
  g_assert_true (json_object_has_member (client, "extra"));
  address = json_object_get_object_member (client, "address");
  g_assert_cmpstr (json_object_get_string_member (address, "street_line1"), ==, "Alias 1");
  g_assert_cmpstr (json_object_get_string_member (address, "street_line2"), ==, "New");
  g_assert_false (json_object_has_member (address, "street_line_1"));
  g_assert_false (json_object_has_member (address, "street_line_2"));
  g_assert_false (json_object_has_member (address, "floor"));
  g_assert_cmpstr (json_object_get_string_member (address, "unit"), ==, "4B");

  /* The phone is gone: the request misses it again, live. */
  list = call (engine, "GET", products, NULL);
  assert_missing (json_array_get_object_element (json_node_get_array (list.root), 0), 1, 1);
}

static void
test_states (void)
{
  g_autoptr(DossierSandboxEngine) engine = test_engine ();
  g_autofree char *id = create_client (engine, "Rejectson", "r@example.com",
                                       "\"phone_country_code\":54,\"phone_number\":11");
  g_autofree char *first = request_product (engine, id, "cards_individuals");
  g_autofree char *products = g_strdup_printf (CLIENTS "/%s/products", id);
  g_autofree char *doc_path = g_strdup_printf ("%s/%s/documentation", products, first);
  g_autofree char *submit_path = g_strdup_printf ("%s/%s/submit", products, first);
  g_autofree char *status = NULL;
  g_autofree char *second = NULL;
  g_auto(Reply) unknown = call (engine, "POST", products, "{\"subproduct\":\"cards\"}");
  g_auto(Reply) blank = call (engine, "POST", products, "{\"subproduct\":null}");
  g_auto(Reply) wrong = call (engine, "POST", products, "{\"subproduct\":1}");
  g_auto(Reply) twice = call (engine, "POST", products, "{\"subproduct\":\"cards_individuals\"}");
  g_auto(Reply) doc_kyc = { NULL, NULL };
  g_auto(Reply) submit_kyc = { NULL, NULL };
  g_auto(Reply) list = { NULL, NULL };
  JsonObject *rejected;

  assert_error (&unknown, 412, "UNKNOWN_PRODUCT",
                "Unknown subproduct 'cards'. Possible values: cards_individuals, "
                "cards_individuals_premium, virtual_wallets_individuals");
  assert_error (&blank, 412, "VALIDATION_ERROR", "Validation failed: subproduct: is required");
  assert_error (&wrong, 400, "BAD_REQUEST", "Invalid request body: subproduct: must be a string");
  assert_error (&twice, 412, "PRODUCT_ALREADY_REQUESTED", NULL);
  g_assert_true (g_str_has_prefix (reply_string (&twice, "message"), "Client already has a cards_individuals request "));
  g_assert_true (g_str_has_suffix (reply_string (&twice, "message"), " in status pending_documentation"));

  upload_passport (engine, id, first);
  g_assert_cmpstr (submit (engine, id, first), ==, "in_kyc");
  doc_kyc = call (engine, "POST", doc_path, "{\"document\":{\"document_type\":\"passport\"}}");
  assert_error (&doc_kyc, 412, "INVALID_STATE",
                "Product request is in_kyc; documents can only be added while it is requested or pending_documentation");
  submit_kyc = call (engine, "POST", submit_path, NULL);
  assert_error (&submit_kyc, 412, "INVALID_STATE",
                "Product request is in_kyc; only requested or pending_documentation requests can be submitted");

  fake_wall += 10 * G_USEC_PER_SEC;
  list = call (engine, "GET", products, NULL);
  rejected = json_array_get_object_element (json_node_get_array (list.root), 0);
  g_assert_cmpstr (json_object_get_string_member (rejected, "status"), ==, "rejected");
  g_assert_cmpstr (json_object_get_string_member (rejected, "rejection_description"), ==,
                   "Identity verification failed: the identity document does not match the client's data.");
  assert_missing (rejected, 0, 0);
  status = client_status (engine, id);
  g_assert_cmpstr (status, ==, "rejected");
  g_clear_pointer (&status, g_free);

  /* Re-request after a rejection: a new request, without documents; client back to pending. */
  second = request_product (engine, id, "cards_individuals");
  g_assert_cmpstr (second, !=, first);
  status = product_status (engine, id, 1, NULL);
  g_assert_cmpstr (status, ==, "pending_documentation");
  g_clear_pointer (&status, g_free);
  status = client_status (engine, id);
  g_assert_cmpstr (status, ==, "pending");
}

static void
test_hold_and_admin_review (void)
{
  g_autoptr(DossierSandboxEngine) engine = test_engine ();
  g_autofree char *held = create_client (engine, "Hold-Barber", "h@example.com",
                                         "\"phone_country_code\":54,\"phone_number\":11");
  g_autofree char *holden = create_client (engine, "Holden", "h2@example.com",
                                           "\"phone_country_code\":54,\"phone_number\":11");
  g_autofree char *held_request = request_product (engine, held, "cards_individuals");
  g_autofree char *holden_request = request_product (engine, holden, "cards_individuals");
  g_autofree char *review = g_strdup_printf ("/_sandbox/requests/%s/review", holden_request);
  g_autofree char *held_review = g_strdup_printf ("/_sandbox/requests/%s/review", held_request);
  g_autofree char *documents = g_strdup_printf ("/_sandbox/requests/%s/documents", held_request);
  g_autofree char *status = NULL;
  g_auto(Reply) stored = call_full (engine, "POST", review, NULL, NULL,
                                    "{\"outcome\":\"rejected\",\"rejection_description\":\"No.\"}");
  g_auto(Reply) bad = call_full (engine, "POST", review, NULL, NULL, "{\"outcome\":\"maybe\"}");
  g_auto(Reply) advance = { NULL, NULL };
  g_auto(Reply) applied = { NULL, NULL };
  g_auto(Reply) twice = { NULL, NULL };
  g_auto(Reply) docs = { NULL, NULL };
  JsonObject *doc;

  assert_ok (&stored);
  g_assert_false (json_object_get_boolean_member (reply_object (&stored), "applied"));
  assert_error (&bad, 400, "BAD_REQUEST", NULL);

  upload_passport (engine, held, held_request);
  upload_passport (engine, holden, holden_request);
  g_assert_cmpstr (submit (engine, held, held_request), ==, "in_kyc");
  g_assert_cmpstr (submit (engine, holden, holden_request), ==, "in_kyc");

  advance = call_full (engine, "POST", "/_sandbox/clock", NULL, NULL, "{\"advance_seconds\":3600}");
  assert_ok (&advance);
  status = product_status (engine, held, 0, NULL);
  g_assert_cmpstr (status, ==, "in_kyc");
  g_clear_pointer (&status, g_free);
  status = product_status (engine, holden, 0, NULL);
  g_assert_cmpstr (status, ==, "rejected");

  applied = call_full (engine, "POST", held_review, NULL, NULL, "{\"outcome\":\"enabled\"}");
  assert_ok (&applied);
  g_assert_true (json_object_get_boolean_member (reply_object (&applied), "applied"));
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (reply_object (&applied), "product"),
                                                  "status"), ==, "enabled");
  twice = call_full (engine, "POST", held_review, NULL, NULL, "{\"outcome\":\"enabled\"}");
  assert_error (&twice, 412, "INVALID_STATE", NULL);

  docs = call_full (engine, "GET", documents, NULL, NULL, NULL);
  assert_ok (&docs);
  doc = json_array_get_object_element (json_node_get_array (docs.root), 0);
  g_assert_cmpstr (json_object_get_string_member (doc, "group_id"), ==, "identity_document");
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (doc, "image_front"), "width"), ==, 600);
  g_assert_true (json_object_get_null_member (doc, "image_back"));
}

static void
test_persistence (void)
{
  g_autofree char *dir = g_dir_make_tmp ("sandbox-state-XXXXXX", NULL);
  g_autofree char *file = g_build_filename (dir, "state.json", NULL);
  g_autoptr(DossierSandboxConfig) config = test_config ();
  g_autoptr(DossierSandboxEngine) engine = NULL;
  g_autoptr(DossierSandboxEngine) reloaded = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  g_autofree char *request_id = NULL;
  g_autofree char *path = NULL;
  g_autofree char *status = NULL;
  g_autofree char *before_text = NULL;
  g_autofree char *after_text = NULL;
  g_auto(Reply) before = { NULL, NULL };
  g_auto(Reply) after = { NULL, NULL };
  g_auto(Reply) clock = { NULL, NULL };
  GStatBuf st;

  dossier_sandbox_config_set_state_file (config, file);
  engine = test_engine_new (config);
  id = create_client (engine, "Barber", "p@example.com", "\"phone_country_code\":54,\"phone_number\":11");
  request_id = request_product (engine, id, "cards_individuals");
  upload_passport (engine, id, request_id);
  g_assert_cmpstr (submit (engine, id, request_id), ==, "in_kyc");
  clock = call_full (engine, "POST", "/_sandbox/clock", NULL, NULL, "{\"advance_seconds\":2}");
  path = g_strdup_printf (CLIENTS "/%s/products", id);
  before = call (engine, "GET", path, NULL);
  g_assert_cmpint (g_stat (file, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_clear_object (&engine);

  reloaded = test_engine_new (config);
  after = call (reloaded, "GET", path, NULL);
  before_text = json_to_string (before.root, FALSE);
  after_text = json_to_string (after.root, FALSE);
  g_assert_cmpstr (before_text, ==, after_text);
  fake_wall += 8 * G_USEC_PER_SEC;
  status = product_status (reloaded, id, 0, NULL);
  g_assert_cmpstr (status, ==, "enabled");
  g_clear_object (&reloaded);

  g_assert_true (g_file_set_contents (file, "{\"version\":99}", -1, NULL));
  g_assert_null (dossier_sandbox_engine_new (config, &error));
  g_assert_error (error, DOSSIER_SANDBOX_ERROR, DOSSIER_SANDBOX_ERROR_STATE);
  g_clear_error (&error);

  g_unlink (file);
  g_rmdir (dir);
  dossier_sandbox_config_set_state_file (config, "/nonexistent-dir/state.json");
  g_assert_null (dossier_sandbox_engine_new (config, &error));
  g_assert_error (error, DOSSIER_SANDBOX_ERROR, DOSSIER_SANDBOX_ERROR_STATE_WRITE);
}

static void
test_demo (void)
{
  g_autoptr(DossierSandboxConfig) config = test_config ();
  g_autoptr(DossierSandboxEngine) engine = NULL;
  g_auto(Reply) list = { NULL, NULL };
  g_autoptr(GString) statuses = g_string_new (NULL);
  JsonArray *clients;

  dossier_sandbox_config_set_demo (config, TRUE);
  engine = test_engine_new (config);
  list = call (engine, "GET", CLIENTS, NULL);
  clients = json_node_get_array (list.root);
  g_assert_cmpuint (json_array_get_length (clients), ==, 7);
  for (guint i = 0; i < json_array_get_length (clients); i++)
    {
      JsonObject *client = json_array_get_object_element (clients, i);
      g_autofree char *request = NULL;

      g_string_append_printf (statuses, "%s:", json_object_get_string_member (client, "status"));
      if (i > 0)
        request = product_status (engine, json_object_get_string_member (client, "id"), 0, NULL);
      g_string_append_printf (statuses, "%s ", request != NULL ? request : "-");
    }
  g_assert_cmpstr (statuses->str, ==,
                   "pending:- pending:pending_documentation pending:pending_documentation pending:in_kyc "
                   "active:enabled rejected:rejected pending:pending_documentation ");

  /* Held: the review never completes by itself. */
  fake_wall += G_GINT64_CONSTANT (86400) * G_USEC_PER_SEC;
  g_clear_pointer (&list.root, json_node_unref);
  g_clear_pointer (&list.response, dossier_sandbox_response_free);
  list = call (engine, "GET", CLIENTS, NULL);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (json_node_get_array (list.root), 3),
                                                  "status"), ==, "pending");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/dossier/sandbox/flow/maria-barber", test_maria_barber);
  g_test_add_func ("/dossier/sandbox/flow/put-full-replacement", test_put_full_replacement);
  g_test_add_func ("/dossier/sandbox/flow/states", test_states);
  g_test_add_func ("/dossier/sandbox/flow/hold-and-admin-review", test_hold_and_admin_review);
  g_test_add_func ("/dossier/sandbox/flow/persistence", test_persistence);
  g_test_add_func ("/dossier/sandbox/flow/demo", test_demo);

  return g_test_run ();
}
