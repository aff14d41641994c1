/* fuzz-client.c — fuzz target: a client as a server might send it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Bytes → dossier_json_parse_bytes() → dossier_json_read_list() and
 * dossier_client_new_from_json() on the root and on every list element; each
 * client read is written back with dossier_client_to_json(), which must read
 * again, and copied and updated in place.
 */
#include "fuzz-common.h"

#include <string.h>

#include "dossier-client.h"
#include "dossier-json.h"

static void
exercise_client (DossierClient *client)
{
  g_autoptr(JsonNode) written = NULL;
  g_autoptr(DossierClient) again = NULL;
  g_autoptr(DossierClient) copy = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *display = NULL;
  g_auto(GStrv) extra = NULL;
  g_autoptr(JsonNode) city = NULL;

  g_assert_nonnull (dossier_client_get_id (client));
  display = dossier_client_get_display_name (client);
  g_assert_nonnull (display);
  (void) dossier_client_get_search_key (client);
  (void) dossier_client_get_created_at (client);
  (void) dossier_client_get_updated_at (client);
  extra = dossier_client_list_extra_members (client);
  for (guint i = 0; extra != NULL && extra[i] != NULL; i++)
    {
      /* (transfer full), NULL for a kept null */
      g_autoptr(JsonNode) member = dossier_client_get_member (client, extra[i]);
    }
  city = dossier_client_get_address_member (client, "city");

  /* The body of a PUT, which leaves out the server's members, reads back once it has an id. */
  written = dossier_client_to_json (client);
  g_assert_nonnull (written);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (written));
  g_assert_false (json_object_has_member (json_node_get_object (written), "id"));
  json_object_set_string_member (json_node_get_object (written), "id",
                                 dossier_client_get_id (client));
  again = dossier_client_new_from_json (written, &error);
  g_assert_no_error (error);
  g_assert_nonnull (again);
  g_assert_cmpstr (dossier_client_get_id (again), ==, dossier_client_get_id (client));

  copy = dossier_client_copy (client);
  dossier_client_set_first_name (copy, "Ana");
  (void) dossier_client_update_from (copy, again);
  (void) dossier_client_update_from (copy, client);
}

static void
try_client (JsonNode *node)
{
  g_autoptr(DossierClient) client = NULL;
  g_autoptr(GError) error = NULL;

  client = dossier_client_new_from_json (node, &error);
  g_assert_true ((client == NULL) != (error == NULL));
  if (client != NULL)
    exercise_client (client);
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

  try_client (root);
  elements = dossier_json_read_list (root, &hint, &error);
  g_assert_true ((elements == NULL) != (error == NULL));
  if (hint != NULL)
    (void) dossier_json_next_page_number (hint);
  for (guint i = 0; elements != NULL && i < elements->len; i++)
    try_client (elements->pdata[i]);
  return 0;
}
