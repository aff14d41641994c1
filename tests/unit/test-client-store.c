/* test-client-store.c — DossierClientStore: the list kept on disk between runs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <sys/stat.h>

#include "dossier-client-store.h"
#include "dossier-client.h"
#include "dossier-core.h"
#include "dossier-json.h"

static const char clients_json[] =
  "[{\"id\":\"c1\",\"status\":\"active\",\"first_name\":\"José\",\"last_name\":\"Peña\","
  "\"email\":\"JOSE@example.com\",\"occupation\":\"Engineer\","
  "\"address\":{\"city\":\"Córdoba\",\"country\":\"ARG\"},"
  "\"phone_country_code\":54,\"phone_number\":1122334455,"
  "\"created_at\":\"2026-04-15T10:30:00\",\"updated_at\":\"2026-04-16T11:00:00\"},"
  "{\"id\":\"c2\",\"status\":\"pending\",\"first_name\":\"Zoë\",\"last_name\":\"Müller\","
  "\"email\":\"zoe@example.com\",\"created_at\":\"2026-04-15T10:31:00\"}]";

static void
on_done (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static GAsyncResult *
wait_for (GAsyncResult **result)
{
  while (*result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *result;
}

static GPtrArray *
parse (const char *json)
{
  g_autoptr(GBytes) body = g_bytes_new_static (json, strlen (json));
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *clients;

  dossier_json_parse_clients_async (body, NULL, on_done, &result);
  clients = dossier_json_parse_clients_finish (wait_for (&result), &error);
  g_assert_no_error (error);
  return clients;
}

static gboolean
save (DossierClientStore *store,
      GPtrArray          *clients)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  gboolean written = FALSE;

  dossier_client_store_save_async (store, clients, NULL, on_done, &result);
  g_assert_true (dossier_client_store_save_finish (store, wait_for (&result), &written, &error));
  g_assert_no_error (error);
  return written;
}

static GPtrArray *
load (DossierClientStore  *store,
      GError             **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  dossier_client_store_load_async (store, NULL, on_done, &result);
  return dossier_client_store_load_finish (store, wait_for (&result), error);
}

static void
test_path (void)
{
  g_autoptr(DossierClientStore) store = NULL;
  g_autoptr(DossierClientStore) other = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = dossier_core_data_dir (&error);
  g_autofree char *base = NULL;

  g_assert_no_error (error);
  store = dossier_client_store_new ("https://api.example.com/", &error);
  g_assert_no_error (error);
  other = dossier_client_store_new ("sandbox", &error);
  g_assert_no_error (error);

  /* In Dossier's data folder, named by a hash (no URL in a file name). */
  g_assert_true (g_str_has_prefix (dossier_client_store_get_path (store), dir));
  g_assert_true (g_str_has_prefix (dossier_client_store_get_path (store), g_get_user_data_dir ()));
  base = g_path_get_basename (dossier_client_store_get_path (store));
  g_assert_true (g_str_has_prefix (base, "clients-"));
  g_assert_true (g_str_has_suffix (base, ".json"));
  g_assert_null (strstr (base, "example"));
  g_assert_cmpuint (strlen (base), ==, strlen ("clients-.json") + 64);
  g_assert_cmpstr (dossier_client_store_get_path (store), !=, dossier_client_store_get_path (other));

  g_assert_finalize_object (g_steal_pointer (&store));
  g_assert_finalize_object (g_steal_pointer (&other));
}

static void
test_missing (void)
{
  g_autoptr(DossierClientStore) store = dossier_client_store_new ("https://nothing.example/", NULL);
  g_autoptr(GPtrArray) clients = NULL;
  g_autoptr(GError) error = NULL;

  clients = load (store, &error);
  g_assert_null (clients);
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
}

static void
test_round_trip (void)
{
  g_autoptr(DossierClientStore) store = dossier_client_store_new ("https://round.example/", NULL);
  g_autoptr(DossierClientStore) later = NULL;
  g_autoptr(GPtrArray) clients = parse (clients_json);
  g_autoptr(GPtrArray) loaded = NULL;
  g_autoptr(GError) error = NULL;
  DossierClient *jose;
  g_autoptr(JsonNode) member = NULL;   /* (transfer full) */
  GStatBuf st;

  g_assert_true (save (store, clients));
  g_assert_cmpint (g_stat (dossier_client_store_get_path (store), &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  /* A store opened later (the next start) reads the same list back, through the parser. */
  later = dossier_client_store_new ("https://round.example/", NULL);
  loaded = load (later, &error);
  g_assert_no_error (error);
  g_assert_nonnull (loaded);
  g_assert_cmpuint (loaded->len, ==, 2);
  jose = g_ptr_array_index (loaded, 0);
  g_assert_cmpstr (dossier_client_get_id (jose), ==, "c1");
  g_assert_cmpstr (dossier_client_get_status (jose), ==, "active");
  g_assert_cmpstr (dossier_client_get_first_name (jose), ==, "José");
  g_assert_cmpstr (dossier_client_get_city (jose), ==, "Córdoba");
  g_assert_cmpstr (dossier_client_get_updated_at_raw (jose), ==, "2026-04-16T11:00:00");
  g_assert_cmpstr (dossier_client_get_search_key (jose), ==,
                   dossier_client_get_search_key (g_ptr_array_index (clients, 0)));
  g_assert_nonnull (strstr (dossier_client_get_search_key (jose), "jose"));
  member = dossier_client_get_member (jose, "occupation");
  g_assert_nonnull (member);
  g_assert_cmpstr (json_node_get_string (member), ==, "Engineer");
  g_assert_cmpstr (dossier_client_get_id (g_ptr_array_index (loaded, 1)), ==, "c2");
  g_assert_true (dossier_client_update_from (g_ptr_array_index (clients, 0), jose) == FALSE);

  g_assert_finalize_object (g_steal_pointer (&later));
}

static void
test_unchanged_not_written (void)
{
  g_autoptr(DossierClientStore) store = dossier_client_store_new ("https://same.example/", NULL);
  g_autoptr(GPtrArray) clients = parse (clients_json);
  g_autoptr(GPtrArray) again = parse (clients_json);
  g_autoptr(GPtrArray) loaded = NULL;
  g_autoptr(GPtrArray) shorter = NULL;
  const char *path = dossier_client_store_get_path (store);
  GStatBuf st;

  g_assert_true (save (store, clients));
  /* The same list, parsed again: nothing to write. */
  g_assert_cmpint (g_unlink (path), ==, 0);
  g_assert_false (save (store, again));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));

  /* A changed list is written; after a load the store knows what the file holds. */
  shorter = g_ptr_array_new_with_free_func (g_object_unref);
  g_ptr_array_add (shorter, g_object_ref (g_ptr_array_index (clients, 1)));
  g_assert_true (save (store, shorter));
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_clear_object (&store);

  store = dossier_client_store_new ("https://same.example/", NULL);
  loaded = load (store, NULL);
  g_assert_nonnull (loaded);
  g_assert_cmpuint (loaded->len, ==, 1);
  g_assert_false (save (store, shorter));
  g_assert_true (save (store, clients));
}

static GPtrArray *
load_head (DossierClientStore *store)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *clients;

  dossier_client_store_load_head_async (store, NULL, on_done, &result);
  clients = dossier_client_store_load_head_finish (store, wait_for (&result), &error);
  g_assert_no_error (error);
  return clients;
}

/* The head file keeps the top of the list in name order, whatever the list's order. */
static void
test_head (void)
{
  g_autoptr(DossierClientStore) store = dossier_client_store_new ("https://head.example/", NULL);
  g_autoptr(GPtrArray) clients = parse (clients_json);
  g_autoptr(GPtrArray) reversed = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) head = NULL;
  g_autoptr(GPtrArray) whole = NULL;
  g_autofree char *head_path = NULL;
  GStatBuf st;

  g_ptr_array_add (reversed, g_object_ref (g_ptr_array_index (clients, 1)));
  g_ptr_array_add (reversed, g_object_ref (g_ptr_array_index (clients, 0)));
  g_assert_true (save (store, reversed));

  head = load_head (store);
  g_assert_cmpuint (head->len, ==, 2);
  g_assert_cmpstr (dossier_client_get_id (g_ptr_array_index (head, 0)), ==, "c1");
  g_assert_cmpstr (dossier_client_get_id (g_ptr_array_index (head, 1)), ==, "c2");
  whole = load (store, NULL);
  g_assert_cmpstr (dossier_client_get_id (g_ptr_array_index (whole, 0)), ==, "c2");

  head_path = g_strdup_printf ("%.*s-head.json",
                               (int) strlen (dossier_client_store_get_path (store)) - 5,
                               dossier_client_store_get_path (store));
  g_assert_cmpint (g_stat (head_path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
}

static void
test_unreadable (void)
{
  g_autoptr(DossierClientStore) store = dossier_client_store_new ("https://broken.example/", NULL);
  g_autoptr(GPtrArray) clients = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (dossier_client_store_get_path (store), "{not json", -1, NULL));
  clients = load (store, &error);
  g_assert_null (clients);
  g_assert_nonnull (error);
  g_assert_true (error->domain == DOSSIER_JSON_ERROR);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/dossier/core/client-store/path", test_path);
  g_test_add_func ("/dossier/core/client-store/missing", test_missing);
  g_test_add_func ("/dossier/core/client-store/round-trip", test_round_trip);
  g_test_add_func ("/dossier/core/client-store/unchanged-not-written", test_unchanged_not_written);
  g_test_add_func ("/dossier/core/client-store/head", test_head);
  g_test_add_func ("/dossier/core/client-store/unreadable", test_unreadable);

  return g_test_run ();
}
