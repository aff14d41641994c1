/* test-http-flow.c — the onboarding flow and the state machine over HTTP
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * CONTRACT.md §16 (Maria Barber end to end), §9.4 (every endpoint in every
 * state), §9.5 (client status) and §11 (the simulated review).
 */
#include "config.h"

#include <string.h>

#include "dossier-sandbox-fixture.h"

static guint
array_length (JsonObject *object,
              const char *outer,
              const char *inner)
{
  JsonObject *missing = json_object_get_object_member (object, outer);

  return json_array_get_length (json_object_get_array_member (missing, inner));
}

static const char *
status_of (DsFixture  *f,
           const char *client_id,
           const char *request_id)
{
  static char status[64];
  g_autofree char *path = ds_products_path (client_id, NULL, NULL);
  g_autoptr(DsResponse) r = ds_send (f, "GET", path, DS_LOW_KEY, NULL);

  ds_assert_status (r, 200);
  g_strlcpy (status, json_object_get_string_member (ds_find_request (r, request_id), "status"),
             sizeof status);
  return status;
}

static const char *
client_status (DsFixture  *f,
               const char *client_id)
{
  static char status[64];
  g_autofree char *path = g_strdup_printf (DS_CLIENTS "/%s", client_id);
  g_autoptr(DsResponse) r = ds_send (f, "GET", path, DS_LOW_KEY, NULL);

  ds_assert_status (r, 200);
  g_strlcpy (status, ds_string (r, "status"), sizeof status);
  return status;
}

static DsResponse *
submit (DsFixture  *f,
        const char *client_id,
        const char *request_id)
{
  g_autofree char *path = ds_products_path (client_id, request_id, "submit");

  return ds_send (f, "POST", path, DS_KEY, NULL);
}

/* A client with a phone whose cards_individuals request is in_kyc. */
static void
make_in_kyc (DsFixture  *f,
             const char *last_name,
             const char *email,
             char      **client_id,
             char      **request_id)
{
  g_autoptr(DsResponse) up = NULL;
  g_autoptr(DsResponse) sub = NULL;
  JsonObject *product;

  *client_id = ds_create_client (f, last_name, email, TRUE);
  *request_id = ds_request_product (f, *client_id, "cards_individuals");
  up = ds_upload_passport (f, *client_id, *request_id);
  ds_assert_status (up, 200);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (ds_object (up), "rejected_items")), ==, 0);
  sub = submit (f, *client_id, *request_id);
  ds_assert_status (sub, 200);
  product = json_object_get_object_member (ds_object (sub), "product");
  g_assert_cmpstr (json_object_get_string_member (product, "status"), ==, "in_kyc");
}

static void
test_maria_barber (DsFixture     *f,
                   gconstpointer  data)
{
  g_autofree char *create = ds_client_body ("Barber", "mjuliabarber@example.com", FALSE);
  g_autofree char *update = ds_client_body ("Barber", "mjuliabarber@example.com", TRUE);
  g_autoptr(DsResponse) r1 = ds_send (f, "POST", DS_CLIENTS, DS_KEY, create);
  g_autoptr(DsResponse) r2 = NULL, r3 = NULL, r4 = NULL, r5 = NULL, r6 = NULL, r7 = NULL, r8 = NULL;
  g_autofree char *client_path = NULL, *products = NULL, *request_id = NULL, *client_id = NULL;
  JsonObject *object, *missing, *group, *product;

  /* 1. create */
  ds_assert_status (r1, 200);
  object = ds_object (r1);
  client_id = g_strdup (json_object_get_string_member (object, "id"));
  g_assert_cmpuint (strlen (client_id), ==, 32);
  g_assert_cmpstr (json_object_get_string_member (object, "type"), ==, "individual");
  g_assert_cmpstr (json_object_get_string_member (object, "status"), ==, "pending");
  g_assert_false (json_object_has_member (object, "phone_number"));
  g_assert_cmpstr (json_object_get_string_member (object, "created_at"), ==,
                   json_object_get_string_member (object, "updated_at"));

  /* 2. request the product */
  products = ds_products_path (client_id, NULL, NULL);
  r2 = ds_send (f, "POST", products, DS_KEY, "{\"subproduct\": \"cards_individuals\"}");
  ds_assert_status (r2, 200);
  object = ds_object (r2);
  request_id = g_strdup (json_object_get_string_member (object, "id"));
  g_assert_cmpstr (json_object_get_string_member (object, "status"), ==, "pending_documentation");
  missing = json_object_get_object_member (object, "missing_requirements");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (missing, "data")), ==, 1);
  group = json_array_get_object_element (json_object_get_array_member (missing, "data"), 0);
  g_assert_cmpstr (json_object_get_string_member (group, "id"), ==, "personal_information");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (
                     json_object_get_array_member (group, "fields"), 0), "key"), ==, "phone");
  group = json_array_get_object_element (json_object_get_array_member (missing, "documents"), 0);
  g_assert_cmpstr (json_object_get_string_member (group, "id"), ==, "identity_document");

  /* 3. PUT with the phone */
  client_path = g_strdup_printf (DS_CLIENTS "/%s", client_id);
  r3 = ds_send (f, "PUT", client_path, DS_KEY, update);
  ds_assert_status (r3, 200);
  g_assert_cmpint (json_object_get_int_member (ds_object (r3), "phone_number"), ==, 1168860622);
  g_assert_cmpint (json_object_get_int_member (ds_object (r3), "phone_country_code"), ==, 54);
  r4 = ds_send (f, "GET", products, DS_KEY, NULL);
  ds_assert_status (r4, 200);
  object = ds_find_request (r4, request_id);
  g_assert_cmpuint (array_length (object, "missing_requirements", "data"), ==, 0);
  g_assert_cmpuint (array_length (object, "missing_requirements", "documents"), ==, 1);

  /* 4. upload the passport */
  r5 = ds_upload_passport (f, client_id, request_id);
  ds_assert_status (r5, 200);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (ds_object (r5), "rejected_items")), ==, 0);
  product = json_object_get_object_member (ds_object (r5), "product");
  g_assert_cmpstr (json_object_get_string_member (product, "status"), ==, "pending_documentation");
  g_assert_cmpuint (array_length (product, "missing_requirements", "data"), ==, 0);
  g_assert_cmpuint (array_length (product, "missing_requirements", "documents"), ==, 0);

  /* 5. submit */
  r6 = submit (f, client_id, request_id);
  ds_assert_status (r6, 200);
  product = json_object_get_object_member (ds_object (r6), "product");
  g_assert_cmpstr (json_object_get_string_member (product, "status"), ==, "in_kyc");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (ds_object (r6), "rejected_items")), ==, 0);
  g_assert_cmpstr (status_of (f, client_id, request_id), ==, "in_kyc");
  g_assert_cmpstr (client_status (f, client_id), ==, "pending");

  /* 6. the review completes after the delay */
  ds_advance_clock (f, 10);
  r7 = ds_send (f, "GET", products, DS_LOW_KEY, NULL);
  ds_assert_status (r7, 200);
  object = ds_find_request (r7, request_id);
  g_assert_cmpstr (json_object_get_string_member (object, "status"), ==, "enabled");
  g_assert_false (json_object_has_member (object, "rejection_description"));
  g_assert_cmpstr (client_status (f, client_id), ==, "active");

  r8 = ds_send (f, "GET", DS_CLIENTS, DS_LOW_KEY, NULL);
  ds_assert_status (r8, 200);
  g_assert_cmpuint (json_array_get_length (ds_array (r8)), ==, 1);
}

static void
test_submit_with_gaps (DsFixture     *f,
                       gconstpointer  data)
{
  g_autofree char *client_id = ds_create_client (f, "Barber", "gaps@example.com", FALSE);
  g_autofree char *request_id = ds_request_product (f, client_id, "cards_individuals");
  g_autoptr(DsResponse) r = submit (f, client_id, request_id);
  JsonObject *product;

  ds_assert_status (r, 200);
  product = json_object_get_object_member (ds_object (r), "product");
  g_assert_cmpstr (json_object_get_string_member (product, "status"), ==, "pending_documentation");
  g_assert_cmpuint (array_length (product, "missing_requirements", "data"), ==, 1);
  g_assert_cmpuint (array_length (product, "missing_requirements", "documents"), ==, 1);
}

static void
test_requested_then_in_kyc (DsFixture     *f,
                            gconstpointer  data)
{
  const char *body = "{\"first_name\": \"Ana\", \"last_name\": \"Wallet\", \"email\": \"w@example.com\","
                     " \"birth_date\": \"1990-01-02\", \"address\": {\"street_line1\": \"A 1\", \"city\": \"B\","
                     " \"country\": \"ARG\"}, \"phone_country_code\": 54, \"phone_number\": 111,"
                     " \"nationality\": \"ARG\", \"gender\": \"female\"}";
  g_autoptr(DsResponse) c = ds_send (f, "POST", DS_CLIENTS, DS_KEY, body);
  g_autofree char *request_id = NULL, *products = NULL;
  g_autoptr(DsResponse) r = NULL, s = NULL;
  JsonObject *object;
  const char *client_id;

  ds_assert_status (c, 200);
  client_id = ds_string (c, "id");
  g_assert_cmpstr (json_object_get_string_member (ds_object (c), "nationality"), ==, "ARG");
  products = ds_products_path (client_id, NULL, NULL);
  r = ds_send (f, "POST", products, DS_KEY, "{\"subproduct\": \"virtual_wallets_individuals\"}");
  ds_assert_status (r, 200);
  object = ds_object (r);
  g_assert_cmpstr (json_object_get_string_member (object, "status"), ==, "requested");
  /* the optional group is still listed while unsatisfied */
  g_assert_cmpuint (array_length (object, "missing_requirements", "data"), ==, 1);
  request_id = g_strdup (json_object_get_string_member (object, "id"));

  s = submit (f, client_id, request_id);
  ds_assert_status (s, 200);
  object = json_object_get_object_member (ds_object (s), "product");
  g_assert_cmpstr (json_object_get_string_member (object, "status"), ==, "in_kyc");
  g_assert_cmpuint (array_length (object, "missing_requirements", "data"), ==, 0);
}

static void
test_in_kyc_edges (DsFixture     *f,
                   gconstpointer  data)
{
  g_autofree char *client_id = NULL, *request_id = NULL;
  g_autofree char *client_path = NULL, *products = NULL, *review = NULL;
  g_autofree char *update = ds_client_body ("Barber", "kyc@example.com", TRUE);
  g_autoptr(DsResponse) put = NULL, again = NULL, doc = NULL, sub = NULL, adm = NULL;

  make_in_kyc (f, "Barber", "kyc@example.com", &client_id, &request_id);
  client_path = g_strdup_printf (DS_CLIENTS "/%s", client_id);
  products = ds_products_path (client_id, NULL, NULL);

  put = ds_send (f, "PUT", client_path, DS_KEY, update);
  ds_assert_status (put, 200);
  again = ds_send (f, "POST", products, DS_KEY, "{\"subproduct\": \"cards_individuals\"}");
  ds_assert_error (again, 412, "PRODUCT_ALREADY_REQUESTED");
  g_assert_nonnull (strstr (ds_message (again), request_id));
  g_assert_nonnull (strstr (ds_message (again), "in_kyc"));
  doc = ds_upload_passport (f, client_id, request_id);
  ds_assert_error (doc, 412, "INVALID_STATE");
  g_assert_cmpstr (ds_message (doc), ==, "Product request is in_kyc; documents can only be added "
                   "while it is requested or pending_documentation");
  sub = submit (f, client_id, request_id);
  ds_assert_error (sub, 412, "INVALID_STATE");
  g_assert_cmpstr (ds_message (sub), ==, "Product request is in_kyc; only requested or "
                   "pending_documentation requests can be submitted");
  g_assert_cmpstr (status_of (f, client_id, request_id), ==, "in_kyc");

  review = g_strdup_printf ("/_sandbox/requests/%s/review", request_id);
  adm = ds_admin (f, "POST", review, "{\"outcome\": \"enabled\"}");
  ds_assert_status (adm, 200);
  g_assert_true (json_object_get_boolean_member (ds_object (adm), "applied"));
  g_assert_cmpstr (status_of (f, client_id, request_id), ==, "enabled");
}

static void
test_enabled_edges (DsFixture     *f,
                    gconstpointer  data)
{
  g_autofree char *client_id = NULL, *request_id = NULL, *client_path = NULL;
  g_autofree char *products = NULL, *review = NULL;
  g_autofree char *update = ds_client_body ("Barber", "enabled@example.com", FALSE);
  g_autoptr(DsResponse) put = NULL, again = NULL, doc = NULL, sub = NULL, adm = NULL, list = NULL;

  make_in_kyc (f, "Barber", "enabled@example.com", &client_id, &request_id);
  ds_advance_clock (f, 11);
  g_assert_cmpstr (status_of (f, client_id, request_id), ==, "enabled");

  client_path = g_strdup_printf (DS_CLIENTS "/%s", client_id);
  products = ds_products_path (client_id, NULL, NULL);
  /* A PUT without the phone: allowed, and the enabled request keeps empty requirements. */
  put = ds_send (f, "PUT", client_path, DS_KEY, update);
  ds_assert_status (put, 200);
  g_assert_cmpstr (ds_string (put, "status"), ==, "active");
  list = ds_send (f, "GET", products, DS_KEY, NULL);
  ds_assert_status (list, 200);
  g_assert_cmpuint (array_length (ds_find_request (list, request_id), "missing_requirements", "data"), ==, 0);

  again = ds_send (f, "POST", products, DS_KEY, "{\"subproduct\": \"cards_individuals\"}");
  ds_assert_error (again, 412, "PRODUCT_ALREADY_REQUESTED");
  doc = ds_upload_passport (f, client_id, request_id);
  ds_assert_error (doc, 412, "INVALID_STATE");
  sub = submit (f, client_id, request_id);
  ds_assert_error (sub, 412, "INVALID_STATE");
  review = g_strdup_printf ("/_sandbox/requests/%s/review", request_id);
  adm = ds_admin (f, "POST", review, "{\"outcome\": \"rejected\"}");
  ds_assert_error (adm, 412, "INVALID_STATE");
}

static void
test_rejected_edges (DsFixture     *f,
                     gconstpointer  data)
{
  g_autofree char *client_id = NULL, *request_id = NULL, *products = NULL, *review = NULL;
  g_autoptr(DsResponse) list = NULL, again = NULL, doc = NULL, sub = NULL, adm = NULL;
  JsonObject *object;

  make_in_kyc (f, "Rejectson", "rejected@example.com", &client_id, &request_id);
  ds_advance_clock (f, 10);
  products = ds_products_path (client_id, NULL, NULL);
  list = ds_send (f, "GET", products, DS_KEY, NULL);
  ds_assert_status (list, 200);
  object = ds_find_request (list, request_id);
  g_assert_cmpstr (json_object_get_string_member (object, "status"), ==, "rejected");
  g_assert_cmpstr (json_object_get_string_member (object, "rejection_description"), ==,
                   "Identity verification failed: the identity document does not match the client's data.");
  g_assert_cmpuint (array_length (object, "missing_requirements", "documents"), ==, 0);
  g_assert_cmpstr (client_status (f, client_id), ==, "rejected");

  doc = ds_upload_passport (f, client_id, request_id);
  ds_assert_error (doc, 412, "INVALID_STATE");
  sub = submit (f, client_id, request_id);
  ds_assert_error (sub, 412, "INVALID_STATE");
  review = g_strdup_printf ("/_sandbox/requests/%s/review", request_id);
  adm = ds_admin (f, "POST", review, "{\"outcome\": \"enabled\"}");
  ds_assert_error (adm, 412, "INVALID_STATE");

  /* A rejected product may be requested again: a new request without documents. */
  again = ds_send (f, "POST", products, DS_KEY, "{\"subproduct\": \"cards_individuals\"}");
  ds_assert_status (again, 200);
  g_assert_cmpstr (ds_string (again, "id"), !=, request_id);
  g_assert_cmpstr (ds_string (again, "status"), ==, "pending_documentation");
  g_assert_cmpuint (array_length (ds_object (again), "missing_requirements", "documents"), ==, 1);
  g_assert_cmpstr (client_status (f, client_id), ==, "pending");
}

static void
test_stored_outcome_and_hold (DsFixture     *f,
                              gconstpointer  data)
{
  g_autofree char *client_id = ds_create_client (f, "Hold-Barber", "hold@example.com", TRUE);
  g_autofree char *request_id = ds_request_product (f, client_id, "cards_individuals");
  g_autofree char *review = g_strdup_printf ("/_sandbox/requests/%s/review", request_id);
  g_autofree char *c2 = NULL, *r2 = NULL;
  g_autoptr(DsResponse) up = NULL, stored = NULL, sub = NULL, adm = NULL;

  /* held: the review never completes by itself */
  up = ds_upload_passport (f, client_id, request_id);
  ds_assert_status (up, 200);
  sub = submit (f, client_id, request_id);
  ds_assert_status (sub, 200);
  ds_advance_clock (f, 3600);
  g_assert_cmpstr (status_of (f, client_id, request_id), ==, "in_kyc");
  adm = ds_admin (f, "POST", review, "{\"outcome\": \"rejected\", \"rejection_description\": \"No.\"}");
  ds_assert_status (adm, 200);
  g_assert_true (json_object_get_boolean_member (ds_object (adm), "applied"));
  g_assert_cmpstr (status_of (f, client_id, request_id), ==, "rejected");

  /* an outcome stored before submit overrides the last-name rules */
  c2 = ds_create_client (f, "Rejectson", "stored@example.com", TRUE);
  r2 = ds_request_product (f, c2, "cards_individuals");
  g_free (review);
  review = g_strdup_printf ("/_sandbox/requests/%s/review", r2);
  stored = ds_admin (f, "POST", review, "{\"outcome\": \"enabled\"}");
  ds_assert_status (stored, 200);
  g_assert_false (json_object_get_boolean_member (ds_object (stored), "applied"));
  g_clear_pointer (&up, ds_response_free);
  up = ds_upload_passport (f, c2, r2);
  ds_assert_status (up, 200);
  g_clear_pointer (&sub, ds_response_free);
  sub = submit (f, c2, r2);
  ds_assert_status (sub, 200);
  ds_advance_clock (f, 10);
  g_assert_cmpstr (status_of (f, c2, r2), ==, "enabled");
}

static void
test_zero_delay (void)
{
  g_autoptr(DossierSandboxConfig) config = ds_config_new ();
  DsFixture f;
  g_autofree char *client_id = NULL, *request_id = NULL;

  dossier_sandbox_config_set_review_delay (config, 0);
  ds_fixture_setup_full (&f, config);
  /* the submit response itself still shows in_kyc (checked in make_in_kyc) */
  make_in_kyc (&f, "Barber", "zero@example.com", &client_id, &request_id);
  g_assert_cmpstr (status_of (&f, client_id, request_id), ==, "enabled");
  g_assert_cmpstr (client_status (&f, client_id), ==, "active");
  ds_fixture_teardown (&f, NULL);
}

static void
test_requirements_follow_put (DsFixture     *f,
                              gconstpointer  data)
{
  g_autofree char *client_id = ds_create_client (f, "Barber", "follow@example.com", TRUE);
  g_autofree char *request_id = ds_request_product (f, client_id, "cards_individuals");
  g_autofree char *client_path = g_strdup_printf (DS_CLIENTS "/%s", client_id);
  g_autofree char *products = ds_products_path (client_id, NULL, NULL);
  g_autofree char *without = ds_client_body ("Barber", "follow@example.com", FALSE);
  g_autoptr(DsResponse) l1 = ds_send (f, "GET", products, DS_KEY, NULL);
  g_autoptr(DsResponse) put = NULL, l2 = NULL;

  ds_assert_status (l1, 200);
  g_assert_cmpuint (array_length (ds_find_request (l1, request_id), "missing_requirements", "data"), ==, 0);
  put = ds_send (f, "PUT", client_path, DS_KEY, without);
  ds_assert_status (put, 200);
  g_assert_false (json_object_has_member (ds_object (put), "phone_number"));
  l2 = ds_send (f, "GET", products, DS_KEY, NULL);
  ds_assert_status (l2, 200);
  g_assert_cmpuint (array_length (ds_find_request (l2, request_id), "missing_requirements", "data"), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (ds_find_request (l2, request_id), "status"), ==,
                   "pending_documentation");
}

#define ADD(path, func) \
  g_test_add ("/dossier/sandbox/flow/" path, DsFixture, NULL, ds_fixture_setup, func, ds_fixture_teardown)

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  ADD ("maria-barber", test_maria_barber);
  ADD ("submit-with-gaps", test_submit_with_gaps);
  ADD ("requested-then-in-kyc", test_requested_then_in_kyc);
  ADD ("in-kyc-edges", test_in_kyc_edges);
  ADD ("enabled-edges", test_enabled_edges);
  ADD ("rejected-edges", test_rejected_edges);
  ADD ("stored-outcome-and-hold", test_stored_outcome_and_hold);
  ADD ("requirements-follow-put", test_requirements_follow_put);
  g_test_add_func ("/dossier/sandbox/flow/zero-delay", test_zero_delay);

  return g_test_run ();
}
