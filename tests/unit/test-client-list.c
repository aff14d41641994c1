/* test-client-list.c — DossierClientList and DossierRequestList: in-place merges with
 * minimal items-changed ranges
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "dossier-client-list.h"
#include "dossier-json.h"
#include "dossier-request-list.h"

typedef struct {
  GString *log;    /* "pos,removed,added;" per signal */
  guint    n_items;
} Recorder;

static void
on_items_changed (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  Recorder   *recorder)
{
  g_string_append_printf (recorder->log, "%u,%u,%u;", position, removed, added);
  recorder->n_items = g_list_model_get_n_items (model);
}

static void
bump (guint *counter)
{
  (*counter)++;
}

static DossierClient *
client (const char *id,
        const char *first_name)
{
  g_autofree char *text = g_strdup_printf ("{\"id\": \"%s\", \"first_name\": \"%s\"}", id, first_name);
  g_autoptr(JsonNode) root = dossier_json_parse_data (text, strlen (text), NULL);

  return dossier_client_new_from_json (root, NULL);
}

/* "a b c" → clients a, b, c (first name = id, or id:name). */
static GPtrArray *
clients (const char *spec)
{
  g_auto(GStrv) ids = g_strsplit (spec, " ", -1);
  GPtrArray *array = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; ids[i] != NULL; i++)
    {
      g_auto(GStrv) parts = g_strsplit (ids[i], ":", 2);

      if (*ids[i] == '\0')
        continue;
      g_ptr_array_add (array, client (parts[0], parts[1] != NULL ? parts[1] : parts[0]));
    }
  return array;
}

static char *
ids_of (GListModel *model)
{
  GString *ids = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(DossierClient) item = g_list_model_get_item (model, i);

      if (i > 0)
        g_string_append_c (ids, ' ');
      g_string_append (ids, dossier_client_get_id (item));
    }
  return g_string_free (ids, FALSE);
}

static void
merge_and_check (DossierClientList *list,
                 Recorder          *recorder,
                 const char        *spec,
                 const char        *expected_log)
{
  g_autoptr(GPtrArray) incoming = clients (spec);
  g_autofree char *ids = NULL;
  g_autofree char *expected_ids = NULL;
  g_auto(GStrv) parts = g_strsplit (spec, " ", -1);

  g_string_truncate (recorder->log, 0);
  dossier_client_list_merge (list, incoming);
  g_assert_cmpstr (recorder->log->str, ==, expected_log);

  /* The model now reads exactly as the server's list (duplicates dropped). */
  ids = ids_of (G_LIST_MODEL (list));
  {
    GString *want = g_string_new (NULL);
    g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

    for (guint i = 0; parts[i] != NULL; i++)
      {
        g_auto(GStrv) id = g_strsplit (parts[i], ":", 2);

        if (*parts[i] == '\0' || !g_hash_table_add (seen, g_strdup (id[0])))
          continue;
        if (want->len > 0)
          g_string_append_c (want, ' ');
        g_string_append (want, id[0]);
      }
    expected_ids = g_string_free (want, FALSE);
  }
  g_assert_cmpstr (ids, ==, expected_ids);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (list)); i++)
    {
      g_autoptr(DossierClient) item = g_list_model_get_item (G_LIST_MODEL (list), i);

      g_assert_true (dossier_client_list_lookup (list, dossier_client_get_id (item)) == item);
    }
}

static void
test_client_list_merge_ranges (void)
{
  g_autoptr(DossierClientList) list = dossier_client_list_new ();
  Recorder recorder = { g_string_new (NULL), 0 };
  g_autoptr(DossierClient) b = NULL;
  guint notifies = 0;

  g_signal_connect (list, "items-changed", G_CALLBACK (on_items_changed), &recorder);
  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (list)) == DOSSIER_TYPE_CLIENT);

  /* First fill: one splice. */
  merge_and_check (list, &recorder, "a b c d e", "0,0,5;");
  g_assert_cmpuint (recorder.n_items, ==, 5);
  b = g_list_model_get_item (G_LIST_MODEL (list), 1);

  /* Nothing changed: no signal at all. */
  merge_and_check (list, &recorder, "a b c d e", "");

  /* A changed client is updated in place: same object, notify, no items-changed. */
  {
    g_autoptr(DossierClient) again = NULL;
    gulong id = g_signal_connect_swapped (b, "notify::first-name", G_CALLBACK (bump), &notifies);

    merge_and_check (list, &recorder, "a b:Bob c d e", "");
    again = g_list_model_get_item (G_LIST_MODEL (list), 1);
    g_assert_true (again == b);
    g_assert_cmpstr (dossier_client_get_first_name (b), ==, "Bob");
    g_assert_cmpuint (notifies, ==, 1);
    g_signal_handler_disconnect (b, id);
  }

  /* Append, prepend, insert in the middle. */
  merge_and_check (list, &recorder, "a b c d e f g", "5,0,2;");
  merge_and_check (list, &recorder, "z a b c d e f g", "0,0,1;");
  merge_and_check (list, &recorder, "z a b x y c d e f g", "3,0,2;");

  /* Removals: one range per run. */
  merge_and_check (list, &recorder, "z a b c d e f g", "3,2,0;");
  merge_and_check (list, &recorder, "a b c f g", "0,1,0;3,2,0;");

  /* A replacement at the same place is one splice. */
  merge_and_check (list, &recorder, "a q c f g", "1,1,1;");
  {
    g_autoptr(DossierClient) still = g_list_model_get_item (G_LIST_MODEL (list), 0);

    g_assert_cmpstr (dossier_client_get_id (still), ==, "a");
  }

  /* A move: only the region between the stable prefix and suffix, objects reused. */
  {
    g_autoptr(DossierClient) c_before = dossier_client_list_lookup (list, "c") ? g_object_ref (dossier_client_list_lookup (list, "c")) : NULL;
    g_autoptr(DossierClient) c_after = NULL;

    merge_and_check (list, &recorder, "a c q f g", "1,2,2;");
    c_after = g_list_model_get_item (G_LIST_MODEL (list), 1);
    g_assert_true (c_before == c_after);
  }

  /* Duplicates in the server's list are ignored after the first. */
  merge_and_check (list, &recorder, "a c q f g g a", "");

  /* Everything gone. */
  merge_and_check (list, &recorder, "", "0,5,0;");
  g_assert_cmpuint (recorder.n_items, ==, 0);
  g_assert_null (dossier_client_list_lookup (list, "a"));

  g_signal_handlers_disconnect_by_func (list, on_items_changed, &recorder);
  g_string_free (recorder.log, TRUE);
  g_assert_finalize_object (g_steal_pointer (&list));
  g_assert_finalize_object (g_steal_pointer (&b));
}

static void
test_client_list_add_remove (void)
{
  g_autoptr(DossierClientList) list = dossier_client_list_new ();
  Recorder recorder = { g_string_new (NULL), 0 };
  g_autoptr(DossierClient) a = client ("a", "Ana");
  g_autoptr(DossierClient) a2 = client ("a", "Anita");
  g_autoptr(DossierClient) b = client ("b", "Bea");
  g_autoptr(DossierClient) missing = NULL;
  guint n_items = 99;

  g_signal_connect (list, "items-changed", G_CALLBACK (on_items_changed), &recorder);

  dossier_client_list_add (list, a);
  dossier_client_list_add (list, b);
  g_assert_cmpstr (recorder.log->str, ==, "0,0,1;1,0,1;");
  g_object_get (list, "n-items", &n_items, NULL);
  g_assert_cmpuint (n_items, ==, 2);

  /* Adding a known id updates it in place. */
  dossier_client_list_add (list, a2);
  g_assert_cmpstr (recorder.log->str, ==, "0,0,1;1,0,1;");
  g_assert_true (dossier_client_list_lookup (list, "a") == a);
  g_assert_cmpstr (dossier_client_get_first_name (a), ==, "Anita");

  g_assert_true (dossier_client_list_remove_by_id (list, "a"));
  g_assert_false (dossier_client_list_remove_by_id (list, "a"));
  g_assert_cmpstr (recorder.log->str, ==, "0,0,1;1,0,1;0,1,0;");
  g_assert_null (dossier_client_list_lookup (list, "a"));
  g_assert_true (dossier_client_list_lookup (list, "b") == b);
  missing = g_list_model_get_item (G_LIST_MODEL (list), 5);
  g_assert_null (missing);

  g_signal_handlers_disconnect_by_func (list, on_items_changed, &recorder);
  g_string_free (recorder.log, TRUE);
  g_assert_finalize_object (g_steal_pointer (&list));
  g_assert_finalize_object (g_steal_pointer (&a));
}

static DossierProductRequest *
request (const char *id,
         const char *status)
{
  g_autofree char *text = g_strdup_printf ("{\"id\": \"%s\", \"status\": \"%s\"}", id, status);
  g_autoptr(JsonNode) root = dossier_json_parse_data (text, strlen (text), NULL);

  return dossier_product_request_new_from_json (root, NULL);
}

static void
test_request_list_merge (void)
{
  g_autoptr(DossierRequestList) list = dossier_request_list_new ();
  g_autoptr(GPtrArray) first = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) second = g_ptr_array_new_with_free_func (g_object_unref);
  Recorder recorder = { g_string_new (NULL), 0 };
  DossierProductRequest *r1;
  guint status_notifies = 0;

  g_signal_connect (list, "items-changed", G_CALLBACK (on_items_changed), &recorder);
  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (list)) == DOSSIER_TYPE_PRODUCT_REQUEST);

  g_ptr_array_add (first, request ("r1", "in_kyc"));
  g_ptr_array_add (first, request ("r2", "rejected"));
  dossier_request_list_merge (list, first);
  g_assert_cmpstr (recorder.log->str, ==, "0,0,2;");

  r1 = dossier_request_list_lookup (list, "r1");
  g_assert_true (r1 == g_ptr_array_index (first, 0));
  g_signal_connect_swapped (r1, "notify::status", G_CALLBACK (bump), &status_notifies);

  g_ptr_array_add (second, request ("r1", "ENABLED"));
  g_ptr_array_add (second, request ("r2", "rejected"));
  g_ptr_array_add (second, request ("r3", "requested"));
  dossier_request_list_merge (list, second);
  g_assert_cmpstr (recorder.log->str, ==, "0,0,2;2,0,1;");
  g_assert_true (dossier_request_list_lookup (list, "r1") == r1);
  g_assert_cmpint (dossier_product_request_get_status (r1), ==, DOSSIER_REQUEST_STATUS_ENABLED);
  g_assert_cmpuint (status_notifies, ==, 1);

  dossier_request_list_add (list, g_ptr_array_index (first, 1));
  g_assert_true (dossier_request_list_remove_by_id (list, "r2"));
  g_assert_cmpstr (recorder.log->str, ==, "0,0,2;2,0,1;1,1,0;");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 2);

  g_signal_handlers_disconnect_by_data (r1, &status_notifies);
  g_signal_handlers_disconnect_by_func (list, on_items_changed, &recorder);
  g_string_free (recorder.log, TRUE);
  g_assert_finalize_object (g_steal_pointer (&list));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/dossier/core/client-list/merge-ranges", test_client_list_merge_ranges);
  g_test_add_func ("/dossier/core/client-list/add-remove", test_client_list_add_remove);
  g_test_add_func ("/dossier/core/client-list/request-list-merge", test_request_list_merge);

  return g_test_run ();
}
