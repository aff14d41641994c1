/* fuzz-product-request.c — fuzz target: a product request as a server might send it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Bytes → dossier_json_parse_bytes() → dossier_product_request_new_from_json()
 * on the root and on every element of a (wrapped) list; each request is read
 * twice and updated from its twin, and its requirements and rejected items walked.
 */
#include "fuzz-common.h"

#include "dossier-json.h"
#include "dossier-product-request.h"

static void
exercise_request (DossierProductRequest *request,
                  JsonNode              *node)
{
  g_autoptr(DossierProductRequest) twin = NULL;
  DossierRequirements *requirements;
  GPtrArray *items;
  DossierRequestStatus status;

  g_assert_nonnull (dossier_product_request_get_id (request));
  status = dossier_product_request_get_status (request);
  g_assert_nonnull (dossier_request_status_to_string (status));
  (void) dossier_product_request_get_status_raw (request);
  (void) dossier_product_request_get_client_id (request);
  (void) dossier_product_request_get_product (request);
  (void) dossier_product_request_get_rejection_description (request);
  (void) dossier_product_request_get_created_at (request);
  (void) dossier_product_request_get_updated_at (request);
  (void) dossier_product_request_is_open (request);

  requirements = dossier_product_request_get_requirements (request);
  if (requirements != NULL)
    {
      (void) dossier_requirements_is_empty (requirements);
      (void) dossier_requirements_blocks (requirements);
    }
  items = dossier_product_request_get_rejected_items (request);
  for (guint i = 0; items != NULL && i < items->len; i++)
    {
      DossierRejectedItem *item = items->pdata[i];
      g_autoptr(DossierRejectedItem) copy = dossier_rejected_item_copy (item);

      g_assert_nonnull (copy->type);
      g_assert_nonnull (copy->key);
      g_assert_nonnull (copy->reason);
    }
  (void) dossier_product_request_has_rejected_items (request);

  /* The same answer read again changes nothing. */
  twin = dossier_product_request_new_from_json (node, NULL);
  g_assert_nonnull (twin);
  g_assert_false (dossier_product_request_update_from (request, twin));
}

static void
try_request (JsonNode *node)
{
  g_autoptr(DossierProductRequest) request = NULL;
  g_autoptr(GError) error = NULL;

  request = dossier_product_request_new_from_json (node, &error);
  g_assert_true ((request == NULL) != (error == NULL));
  if (request != NULL)
    exercise_request (request, node);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GPtrArray) elements = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *hint = NULL;

  if (size > FUZZ_MAX_INPUT)
    return 0;
  fuzz_init_once ();

  bytes = g_bytes_new (data, size);
  root = dossier_json_parse_bytes (bytes, &error);
  g_assert_true (root == NULL || error == NULL);
  if (root == NULL)
    return 0;

  try_request (root);
  elements = dossier_json_read_list (root, &hint, &error);
  g_assert_true ((elements == NULL) != (error == NULL));
  for (guint i = 0; elements != NULL && i < elements->len; i++)
    try_request (elements->pdata[i]);
  return 0;
}
