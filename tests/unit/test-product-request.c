/* test-product-request.c — DossierProductRequest and DossierRequestStatus (§6.3, §6.5, §15.2)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "dossier-json.h"
#include "dossier-product-request.h"

static DossierProductRequest *
request_from_text (const char *text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = dossier_json_parse_data (text, strlen (text), &error);
  DossierProductRequest *request;

  g_assert_no_error (error);
  request = dossier_product_request_new_from_json (root, &error);
  g_assert_no_error (error);
  g_assert_nonnull (request);
  return request;
}

static void
test_request_status_enum (void)
{
  struct { const char *text; DossierRequestStatus status; } cases[] = {
    { "requested", DOSSIER_REQUEST_STATUS_REQUESTED },
    { "REQUESTED", DOSSIER_REQUEST_STATUS_REQUESTED },
    { "pending_documentation", DOSSIER_REQUEST_STATUS_PENDING_DOCUMENTATION },
    { "Pending_Documentation", DOSSIER_REQUEST_STATUS_PENDING_DOCUMENTATION },
    { "in_kyc", DOSSIER_REQUEST_STATUS_IN_KYC },
    { "IN_KYC", DOSSIER_REQUEST_STATUS_IN_KYC },
    { "enabled", DOSSIER_REQUEST_STATUS_ENABLED },
    { " Enabled ", DOSSIER_REQUEST_STATUS_ENABLED },
    { "rejected", DOSSIER_REQUEST_STATUS_REJECTED },
    { "REJECTED", DOSSIER_REQUEST_STATUS_REJECTED },
    { "in-kyc", DOSSIER_REQUEST_STATUS_UNKNOWN },
    { "approved", DOSSIER_REQUEST_STATUS_UNKNOWN },
    { "unknown", DOSSIER_REQUEST_STATUS_UNKNOWN },
    { "", DOSSIER_REQUEST_STATUS_UNKNOWN },
    { NULL, DOSSIER_REQUEST_STATUS_UNKNOWN },
  };
  g_autoptr(GEnumClass) klass = g_type_class_ref (DOSSIER_TYPE_REQUEST_STATUS);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    g_assert_cmpint (dossier_request_status_from_string (cases[i].text), ==, cases[i].status);

  g_assert_cmpuint (klass->n_values, ==, 6);
  for (guint i = 0; i < klass->n_values; i++)
    {
      DossierRequestStatus status = klass->values[i].value;

      /* The nick is the contract's spelling and reads back. */
      g_assert_cmpstr (klass->values[i].value_nick, ==, dossier_request_status_to_string (status));
      g_assert_cmpint (dossier_request_status_from_string (klass->values[i].value_nick), ==, status);
    }

  g_assert_true (dossier_request_status_is_open (DOSSIER_REQUEST_STATUS_REQUESTED));
  g_assert_true (dossier_request_status_is_open (DOSSIER_REQUEST_STATUS_PENDING_DOCUMENTATION));
  g_assert_true (dossier_request_status_is_open (DOSSIER_REQUEST_STATUS_IN_KYC));
  g_assert_false (dossier_request_status_is_open (DOSSIER_REQUEST_STATUS_ENABLED));
  g_assert_false (dossier_request_status_is_open (DOSSIER_REQUEST_STATUS_REJECTED));
  g_assert_false (dossier_request_status_is_open (DOSSIER_REQUEST_STATUS_UNKNOWN));
  g_assert_cmpstr (dossier_request_status_to_string (DOSSIER_REQUEST_STATUS_UNKNOWN), ==, "unknown");
}

static const char *bare =
  "{\"id\": \"2VvyMx6rNLRB1W9euCyJGe46qyoiVPzh\", \"client_id\": \"4QWq1rQtjnLM0wMswTRY9AmM4XTvY4GG\","
  " \"product\": \"cards_individuals\", \"status\": \"PENDING_DOCUMENTATION\","
  " \"missing_requirements\": {\"documents\": [], \"data\": [{\"id\": \"personal_information\", \"required\": true,"
  "   \"fields\": [{\"key\": \"phone\", \"data_type\": \"PHONE\", \"required\": true}]}]},"
  " \"created_at\": \"2026-04-15T10:30:05\", \"updated_at\": \"2026-04-15T10:30:05+00:00\", \"unknown\": {\"x\": 1}}";

static void
test_request_bare (void)
{
  g_autoptr(DossierProductRequest) request = request_from_text (bare);

  g_assert_cmpstr (dossier_product_request_get_id (request), ==, "2VvyMx6rNLRB1W9euCyJGe46qyoiVPzh");
  g_assert_cmpstr (dossier_product_request_get_client_id (request), ==, "4QWq1rQtjnLM0wMswTRY9AmM4XTvY4GG");
  g_assert_cmpstr (dossier_product_request_get_product (request), ==, "cards_individuals");
  g_assert_cmpint (dossier_product_request_get_status (request), ==, DOSSIER_REQUEST_STATUS_PENDING_DOCUMENTATION);
  g_assert_cmpstr (dossier_product_request_get_status_raw (request), ==, "PENDING_DOCUMENTATION");
  g_assert_true (dossier_product_request_is_open (request));
  g_assert_true (dossier_requirements_blocks (dossier_product_request_get_requirements (request)));
  g_assert_false (dossier_product_request_has_rejected_items (request));
  g_assert_cmpuint (dossier_product_request_get_rejected_items (request)->len, ==, 0);
  g_assert_null (dossier_product_request_get_rejection_description (request));
  g_assert_nonnull (dossier_product_request_get_created_at (request));
  g_assert_nonnull (dossier_product_request_get_updated_at (request));
  g_assert_cmpstr (dossier_product_request_get_updated_at_raw (request), ==, "2026-04-15T10:30:05+00:00");

  g_assert_finalize_object (g_steal_pointer (&request));
}

static void
test_request_wrapper (void)
{
  g_autoptr(DossierProductRequest) request = request_from_text (
    "{\"product\": {\"id\": \"r\", \"status\": \"pending_documentation\", \"product\": \"cards_individuals\","
    "   \"missing_requirements\": null, \"created_at\": \"not a date\"},"
    " \"rejected_items\": [{\"type\": \"document\", \"key\": \"passport\", \"reason\": \"Front image is too small\"},"
    "                      7, {\"type\": \"data\", \"key\": \"occupation\"}]}");
  GPtrArray *items = dossier_product_request_get_rejected_items (request);
  const DossierRejectedItem *item;

  g_assert_cmpstr (dossier_product_request_get_id (request), ==, "r");
  g_assert_cmpstr (dossier_product_request_get_product (request), ==, "cards_individuals");
  g_assert_true (dossier_requirements_is_empty (dossier_product_request_get_requirements (request)));
  g_assert_true (dossier_product_request_has_rejected_items (request));
  g_assert_cmpuint (items->len, ==, 2);
  item = g_ptr_array_index (items, 0);
  g_assert_cmpstr (item->type, ==, "document");
  g_assert_cmpstr (item->key, ==, "passport");
  g_assert_cmpstr (item->reason, ==, "Front image is too small");
  item = g_ptr_array_index (items, 1);
  g_assert_cmpstr (item->type, ==, "data");
  g_assert_cmpstr (item->reason, ==, "");
  /* Not rejected: no description even with rejected items. */
  g_assert_null (dossier_product_request_get_rejection_description (request));
  /* An unparseable timestamp is kept as text. */
  g_assert_null (dossier_product_request_get_created_at (request));
  g_assert_cmpstr (dossier_product_request_get_created_at_raw (request), ==, "not a date");

  /* Wrapper with rejected_items absent or null: default []. */
  {
    g_autoptr(DossierProductRequest) plain = request_from_text ("{\"product\": {\"id\": \"q\", \"status\": \"requested\"}, \"rejected_items\": null}");

    g_assert_true (dossier_product_request_has_rejected_items (plain));
    g_assert_cmpuint (dossier_product_request_get_rejected_items (plain)->len, ==, 0);
  }

  /* `product` as a string is the bare request's product id, not a wrapper. */
  {
    g_autoptr(DossierProductRequest) not_wrapper = request_from_text ("{\"id\": \"s\", \"product\": \"cards_individuals\", \"status\": \"weird\"}");

    g_assert_cmpstr (dossier_product_request_get_id (not_wrapper), ==, "s");
    g_assert_cmpint (dossier_product_request_get_status (not_wrapper), ==, DOSSIER_REQUEST_STATUS_UNKNOWN);
    g_assert_cmpstr (dossier_product_request_get_status_raw (not_wrapper), ==, "weird");
  }
}

static void
test_request_rejection_description (void)
{
  g_autoptr(DossierProductRequest) described = request_from_text (
    "{\"id\": \"a\", \"status\": \"rejected\", \"rejection_description\": \"Identity verification failed\"}");
  g_autoptr(DossierProductRequest) fallback = request_from_text (
    "{\"product\": {\"id\": \"b\", \"status\": \"REJECTED\"}, \"rejected_items\": ["
    " {\"type\": \"document\", \"key\": \"passport\", \"reason\": \"Expired\"},"
    " {\"type\": \"document\", \"key\": \"passport\", \"reason\": \"  \"},"
    " {\"type\": \"data\", \"key\": \"occupation\", \"reason\": \"Not allowed\"}]}");
  g_autoptr(DossierProductRequest) nothing = request_from_text ("{\"id\": \"c\", \"status\": \"rejected\"}");

  g_assert_cmpstr (dossier_product_request_get_rejection_description (described), ==, "Identity verification failed");
  g_assert_cmpstr (dossier_product_request_get_rejection_description (fallback), ==, "Expired\nNot allowed");
  g_assert_null (dossier_product_request_get_rejection_description (nothing));
}

static void
test_request_rejects (void)
{
  const char *bad[] = { "[]", "{}", "{\"product\": {\"status\": \"requested\"}}", "{\"id\": null}", "7" };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonNode) root = dossier_json_parse_data (bad[i], strlen (bad[i]), NULL);

      g_assert_null (dossier_product_request_new_from_json (root, &error));
      g_assert_error (error, DOSSIER_JSON_ERROR, DOSSIER_JSON_ERROR_INVALID);
    }
}

static void
count_notify (GObject    *object,
              GParamSpec *pspec,
              gpointer    user_data)
{
  GHashTable *counts = user_data;
  const char *name = g_param_spec_get_name (pspec);

  g_hash_table_insert (counts, (gpointer) name,
                       GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (counts, name)) + 1));
}

static guint
count_of (GHashTable *counts,
          const char *name)
{
  return GPOINTER_TO_UINT (g_hash_table_lookup (counts, name));
}

static void
test_request_update_from (void)
{
  g_autoptr(DossierProductRequest) request = request_from_text (bare);
  g_autoptr(DossierProductRequest) same = request_from_text (bare);
  g_autoptr(DossierProductRequest) upload = NULL;
  g_autoptr(DossierProductRequest) poll = NULL;
  g_autoptr(GHashTable) counts = g_hash_table_new (g_str_hash, g_str_equal);
  DossierRequirements *before = dossier_product_request_get_requirements (request);
  DossierRequestStatus status;
  g_autofree char *raw = NULL;
  g_autoptr(GPtrArray) items = NULL;

  g_signal_connect (request, "notify", G_CALLBACK (count_notify), counts);

  /* Equal content: nothing changes, the requirements object stays. */
  g_assert_false (dossier_product_request_update_from (request, same));
  g_assert_cmpuint (g_hash_table_size (counts), ==, 0);
  g_assert_true (dossier_product_request_get_requirements (request) == before);

  upload = request_from_text ("{\"product\": {\"id\": \"2VvyMx6rNLRB1W9euCyJGe46qyoiVPzh\", \"client_id\": \"4QWq1rQtjnLM0wMswTRY9AmM4XTvY4GG\","
                              " \"product\": \"cards_individuals\", \"status\": \"rejected\","
                              " \"missing_requirements\": {\"documents\": [], \"data\": []},"
                              " \"created_at\": \"2026-04-15T10:30:05\", \"updated_at\": \"2026-04-16T09:12:00\"},"
                              " \"rejected_items\": [{\"type\": \"document\", \"key\": \"passport\", \"reason\": \"Blurred\"}]}");
  g_assert_true (dossier_product_request_update_from (request, upload));
  g_assert_cmpuint (count_of (counts, "status"), ==, 1);
  g_assert_cmpuint (count_of (counts, "status-raw"), ==, 1);
  g_assert_cmpuint (count_of (counts, "requirements"), ==, 1);
  g_assert_cmpuint (count_of (counts, "rejected-items"), ==, 1);
  g_assert_cmpuint (count_of (counts, "rejection-description"), ==, 1);
  g_assert_cmpuint (count_of (counts, "updated-at"), ==, 1);
  g_assert_cmpuint (count_of (counts, "created-at"), ==, 0);
  g_assert_cmpuint (count_of (counts, "id"), ==, 0);
  g_assert_cmpuint (count_of (counts, "product"), ==, 0);

  g_object_get (request, "status", &status, "status-raw", &raw, "rejected-items", &items, NULL);
  g_assert_cmpint (status, ==, DOSSIER_REQUEST_STATUS_REJECTED);
  g_assert_cmpstr (raw, ==, "rejected");
  g_assert_cmpuint (items->len, ==, 1);
  g_assert_true (dossier_requirements_is_empty (dossier_product_request_get_requirements (request)));
  g_assert_cmpstr (dossier_product_request_get_rejection_description (request), ==, "Blurred");

  /* A bare poll result keeps the latest rejected items. */
  g_hash_table_remove_all (counts);
  poll = request_from_text ("{\"id\": \"2VvyMx6rNLRB1W9euCyJGe46qyoiVPzh\", \"client_id\": \"4QWq1rQtjnLM0wMswTRY9AmM4XTvY4GG\","
                            " \"product\": \"cards_individuals\", \"status\": \"rejected\","
                            " \"missing_requirements\": {\"documents\": [], \"data\": []},"
                            " \"created_at\": \"2026-04-15T10:30:05\", \"updated_at\": \"2026-04-16T09:12:00\"}");
  g_assert_false (dossier_product_request_update_from (request, poll));
  g_assert_cmpuint (g_hash_table_size (counts), ==, 0);
  g_assert_cmpuint (dossier_product_request_get_rejected_items (request)->len, ==, 1);
  g_assert_cmpstr (dossier_product_request_get_rejection_description (request), ==, "Blurred");

  g_signal_handlers_disconnect_by_func (request, count_notify, counts);
  g_clear_pointer (&items, g_ptr_array_unref);
  g_assert_finalize_object (g_steal_pointer (&poll));
  g_assert_finalize_object (g_steal_pointer (&upload));
  g_assert_finalize_object (g_steal_pointer (&same));
  g_assert_finalize_object (g_steal_pointer (&request));
}

static void
test_request_rejected_item_boxed (void)
{
  g_autoptr(DossierRejectedItem) item = dossier_rejected_item_new (NULL, "passport", NULL);
  DossierRejectedItem *copy = g_boxed_copy (DOSSIER_TYPE_REJECTED_ITEM, item);

  g_assert_cmpstr (item->type, ==, "");
  g_assert_cmpstr (copy->key, ==, "passport");
  g_assert_true (copy->key != item->key);
  g_boxed_free (DOSSIER_TYPE_REJECTED_ITEM, copy);
}

/* The sentence an upload into a closed request fails with names its status in words. */
static void
test_request_status_closed_sentence (void)
{
  const DossierRequestStatus statuses[] = {
    DOSSIER_REQUEST_STATUS_ENABLED, DOSSIER_REQUEST_STATUS_REJECTED, DOSSIER_REQUEST_STATUS_IN_KYC,
    DOSSIER_REQUEST_STATUS_UNKNOWN,
  };

  g_assert_cmpstr (dossier_request_status_describe_closed (DOSSIER_REQUEST_STATUS_ENABLED), ==,
                   "The request no longer takes documents: it has been enabled.");
  g_assert_cmpstr (dossier_request_status_describe_closed (DOSSIER_REQUEST_STATUS_REJECTED), ==,
                   "The request no longer takes documents: it has been rejected.");
  g_assert_cmpstr (dossier_request_status_describe_closed (DOSSIER_REQUEST_STATUS_IN_KYC), ==,
                   "The request no longer takes documents: it is in review.");
  g_assert_cmpstr (dossier_request_status_describe_closed (DOSSIER_REQUEST_STATUS_UNKNOWN), ==,
                   "The request no longer takes documents.");
  /* Never the wire spelling. */
  for (guint i = 0; i < G_N_ELEMENTS (statuses); i++)
    {
      const char *sentence = dossier_request_status_describe_closed (statuses[i]);

      g_assert_null (strchr (sentence, '_'));
      g_assert_true (g_str_has_suffix (sentence, "."));
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/dossier/core/product-request/status-enum", test_request_status_enum);
  g_test_add_func ("/dossier/core/product-request/status-closed-sentence", test_request_status_closed_sentence);
  g_test_add_func ("/dossier/core/product-request/bare", test_request_bare);
  g_test_add_func ("/dossier/core/product-request/wrapper", test_request_wrapper);
  g_test_add_func ("/dossier/core/product-request/rejection-description", test_request_rejection_description);
  g_test_add_func ("/dossier/core/product-request/rejects", test_request_rejects);
  g_test_add_func ("/dossier/core/product-request/update-from", test_request_update_from);
  g_test_add_func ("/dossier/core/product-request/rejected-item-boxed", test_request_rejected_item_boxed);

  return g_test_run ();
}
