/* test-json-lists.c — list responses parsed on a worker thread, and the 100 000-client list
 * that must not stall the main loop
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "big-client-list.h"
#include "dossier-client.h"
#include "dossier-client-list.h"
#include "dossier-json.h"
#include "dossier-product-request.h"

typedef struct {
  GAsyncResult *result;
} Wait;

static void
on_done (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  Wait *wait = user_data;

  wait->result = g_object_ref (result);
}

static GAsyncResult *
wait_for (Wait *wait)
{
  while (wait->result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return wait->result;
}

static void
test_lists_clients (void)
{
  const char *text = "{\"clients\": [{\"id\": \"a1\", \"first_name\": \"Ana\"}, 7, {\"first_name\": \"no id\"},"
                     " {\"id\": \"b2\", \"email\": \"b@example.com\"}], \"page\": 1, \"total_pages\": 2}";
  g_autoptr(GBytes) body = g_bytes_new (text, strlen (text));
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) clients = NULL;
  g_autofree char *hint = NULL;
  Wait wait = { NULL, };

  dossier_json_parse_clients_async (body, NULL, on_done, &wait);
  clients = dossier_json_parse_clients_finish (wait_for (&wait), &error);
  g_assert_no_error (error);
  /* The two elements that are not clients are skipped. */
  g_assert_cmpuint (clients->len, ==, 2);
  g_assert_cmpstr (dossier_client_get_id (g_ptr_array_index (clients, 0)), ==, "a1");
  g_assert_cmpstr (dossier_client_get_first_name (g_ptr_array_index (clients, 0)), ==, "Ana");
  g_assert_cmpstr (dossier_client_get_email (g_ptr_array_index (clients, 1)), ==, "b@example.com");
  hint = dossier_json_parse_list_dup_next_page_hint (wait.result);
  g_assert_cmpstr (hint, ==, "?page=2");
  g_clear_object (&wait.result);
}

static void
test_lists_requests (void)
{
  const char *text = "[{\"id\": \"r1\", \"status\": \"IN_KYC\"}, {\"id\": \"r2\", \"status\": \"enabled\"}]";
  g_autoptr(GBytes) body = g_bytes_new (text, strlen (text));
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) requests = NULL;
  g_autofree char *hint = NULL;
  Wait wait = { NULL, };

  dossier_json_parse_requests_async (body, NULL, on_done, &wait);
  requests = dossier_json_parse_requests_finish (wait_for (&wait), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (requests->len, ==, 2);
  g_assert_cmpint (dossier_product_request_get_status (g_ptr_array_index (requests, 0)), ==,
                   DOSSIER_REQUEST_STATUS_IN_KYC);
  g_assert_cmpint (dossier_product_request_get_status (g_ptr_array_index (requests, 1)), ==,
                   DOSSIER_REQUEST_STATUS_ENABLED);
  hint = dossier_json_parse_list_dup_next_page_hint (wait.result);
  g_assert_null (hint);
  g_clear_object (&wait.result);
}

static void
test_lists_errors (void)
{
  const char *bodies[] = { "{\"id\": \"not a list\"}", "<html>oops</html>" };
  const int codes[] = { DOSSIER_JSON_ERROR_INVALID, DOSSIER_JSON_ERROR_SYNTAX };

  for (guint i = 0; i < G_N_ELEMENTS (bodies); i++)
    {
      g_autoptr(GBytes) body = g_bytes_new (bodies[i], strlen (bodies[i]));
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) clients = NULL;
      Wait wait = { NULL, };

      dossier_json_parse_clients_async (body, NULL, on_done, &wait);
      clients = dossier_json_parse_clients_finish (wait_for (&wait), &error);
      g_assert_null (clients);
      g_assert_error (error, DOSSIER_JSON_ERROR, codes[i]);
      g_clear_object (&wait.result);
    }

  /* An empty 2xx body is an empty list. */
  {
    g_autoptr(GBytes) body = g_bytes_new_static ("", 0);
    g_autoptr(GError) error = NULL;
    g_autoptr(GPtrArray) clients = NULL;
    Wait wait = { NULL, };

    dossier_json_parse_clients_async (body, NULL, on_done, &wait);
    clients = dossier_json_parse_clients_finish (wait_for (&wait), &error);
    g_assert_no_error (error);
    g_assert_cmpuint (clients->len, ==, 0);
    g_clear_object (&wait.result);
  }
}

static void
test_lists_cancelled (void)
{
  g_autoptr(GBytes) body = g_bytes_new_static ("[{\"id\": \"a\"}]", 13);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) clients = NULL;
  Wait wait = { NULL, };

  g_cancellable_cancel (cancellable);
  dossier_json_parse_clients_async (body, cancellable, on_done, &wait);
  clients = dossier_json_parse_clients_finish (wait_for (&wait), &error);
  g_assert_null (clients);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_object (&wait.result);
}

/* The full 100 000, parsed three times, takes many minutes under a sanitizer: a twentieth
 * proves the same there. */
#if defined(__SANITIZE_ADDRESS__)
#define N_CLIENTS 5000
#else
/* and under valgrind (its test setup sets DOSSIER_TEST_VALGRIND) */
#define N_CLIENTS (g_getenv ("DOSSIER_TEST_VALGRIND") != NULL ? 5000u : 100000u)
#endif

typedef struct {
  gint64 last;
  gint64 longest;
  guint  ticks;
} Stall;

static gboolean
on_tick (gpointer user_data)
{
  Stall *stall = user_data;
  gint64 now = g_get_monotonic_time ();

  if (stall->last != 0)
    stall->longest = MAX (stall->longest, now - stall->last);
  stall->last = now;
  stall->ticks++;
  return G_SOURCE_CONTINUE;
}

typedef struct {
  guint signals;
  guint position;
  guint removed;
  guint added;
} Splices;

static void
on_items_changed (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  Splices    *splices)
{
  splices->signals++;
  splices->position = position;
  splices->removed = removed;
  splices->added = added;
}

static void
bump (guint *counter)
{
  (*counter)++;
}

/* Parses @body on the worker while a 1 ms timeout runs on the main loop. */
static GPtrArray *
parse_watching_stall (GBytes *body)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *clients;
  Stall stall = { 0, };
  Wait wait = { NULL, };
  gint64 start;
  guint source;

  source = g_timeout_add (1, on_tick, &stall);
  start = g_get_monotonic_time ();
  stall.last = start;
  dossier_json_parse_clients_async (body, NULL, on_done, &wait);
  clients = dossier_json_parse_clients_finish (wait_for (&wait), &error);
  on_tick (&stall);
  g_source_remove (source);
  g_clear_object (&wait.result);

  g_assert_no_error (error);
  g_test_message ("Parsed %u clients in %.0f ms on a worker thread; the 1 ms main-loop timeout ran "
                  "%u times, longest gap between two runs %.1f ms",
                  clients->len, (g_get_monotonic_time () - start) / 1000.0, stall.ticks,
                  stall.longest / 1000.0);

  /* The main loop kept running all along: a blocked loop would have ticked about once. */
  g_assert_cmpuint (stall.ticks, >=, 20);
  return clients;
}

static gint64
merge_timed (DossierClientList *list,
             GPtrArray         *clients)
{
  gint64 start = g_get_monotonic_time ();

  dossier_client_list_merge (list, clients);
  return g_get_monotonic_time () - start;
}

static void
test_lists_hundred_thousand (void)
{
  g_autoptr(GBytes) body = big_client_list_build (N_CLIENTS, 0, G_MAXUINT);
  g_autoptr(GBytes) refreshed = NULL;
  g_autoptr(GPtrArray) clients = NULL;
  g_autoptr(DossierClientList) list = NULL;
  g_autofree char *folded = NULL;
  g_autoptr(DossierClient) first = NULL;
  g_autoptr(DossierClient) edited = NULL;
  Splices splices = { 0, };
  guint first_notifies = 0;
  guint edited_notifies = 0;
  gint64 elapsed;

  g_test_message ("Generated a list of %u clients, %.1f MB", N_CLIENTS,
                  g_bytes_get_size (body) / 1e6);
  g_assert_cmpuint (g_bytes_get_size (body), >, N_CLIENTS * 350);

  clients = parse_watching_stall (body);
  g_assert_cmpuint (clients->len, ==, N_CLIENTS);

  /* Every client is complete, unknown members included. */
  {
    DossierClient *last = g_ptr_array_index (clients, N_CLIENTS - 1);
    g_autoptr(JsonNode) salary = dossier_client_get_member (last, "annual_salary");
    g_autofree char *phone = g_strdup_printf ("%u", 1100000000 + N_CLIENTS - 1);

    g_assert_cmpstr (dossier_client_get_phone_number (last), ==, phone);
    g_assert_cmpint (json_node_get_int (salary), ==, 30000 + N_CLIENTS - 1);
    folded = dossier_client_fold_text ("MARIA PENA");
    g_assert_cmpstr (folded, ==, "maria pena");
    g_assert_cmpstr (dossier_client_get_search_key (g_ptr_array_index (clients, 0)), ==, "maria pena client0@example.com 00000000000000000000000000000000");
  }

  /* Filling the empty model is one splice of everything. */
  list = dossier_client_list_new ();
  g_signal_connect (list, "items-changed", G_CALLBACK (on_items_changed), &splices);
  elapsed = merge_timed (list, clients);
  g_test_message ("First fill of the list model: %.1f ms on the main thread", elapsed / 1000.0);
  g_assert_cmpuint (splices.signals, ==, 1);
  g_assert_cmpuint (splices.position, ==, 0);
  g_assert_cmpuint (splices.removed, ==, 0);
  g_assert_cmpuint (splices.added, ==, N_CLIENTS);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, N_CLIENTS);
  first = g_list_model_get_item (G_LIST_MODEL (list), 0);
  edited = g_list_model_get_item (G_LIST_MODEL (list), N_CLIENTS / 10);
  g_assert_true (first == g_ptr_array_index (clients, 0));
  g_signal_connect_swapped (first, "notify", G_CALLBACK (bump), &first_notifies);
  g_signal_connect_swapped (edited, "notify", G_CALLBACK (bump), &edited_notifies);
  g_clear_pointer (&clients, g_ptr_array_unref);

  /* The same list read again: new objects, nothing to change, nothing emitted. */
  clients = parse_watching_stall (body);
  splices.signals = 0;
  elapsed = merge_timed (list, clients);
  g_test_message ("Re-merge of the same %u clients: %.1f ms on the main thread", N_CLIENTS,
                  elapsed / 1000.0);
  g_assert_cmpuint (splices.signals, ==, 0);
  g_assert_cmpuint (first_notifies, ==, 0);
  g_assert_cmpuint (edited_notifies, ==, 0);
  g_assert_true (dossier_client_list_lookup (list, dossier_client_get_id (first)) == first);
  g_clear_pointer (&clients, g_ptr_array_unref);

  /* One client in N/10 edited and the one in the middle gone: the edited ones update in
   * place, the missing one is one splice of one item. */
  refreshed = big_client_list_build (N_CLIENTS, N_CLIENTS / 10, N_CLIENTS / 2);
  clients = parse_watching_stall (refreshed);
  splices.signals = 0;
  elapsed = merge_timed (list, clients);
  g_test_message ("Re-merge with 10 clients edited and one removed: %.1f ms on the main thread",
                  elapsed / 1000.0);
  g_assert_cmpuint (splices.signals, ==, 1);
  g_assert_cmpuint (splices.position, ==, N_CLIENTS / 2);
  g_assert_cmpuint (splices.removed, ==, 1);
  g_assert_cmpuint (splices.added, ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, N_CLIENTS - 1);
  {
    g_autoptr(DossierClient) same = g_list_model_get_item (G_LIST_MODEL (list), N_CLIENTS / 10);
    g_autofree char *gone = g_strdup_printf ("%032u", N_CLIENTS / 2);

    /* Updated in place: the object shown keeps its identity. */
    g_assert_true (same == edited);
    g_assert_null (dossier_client_list_lookup (list, gone));
  }
  g_assert_cmpstr (dossier_client_get_city (edited), ==, "Pilar");
  g_assert_cmpuint (edited_notifies, >=, 2);  /* city, updated-at */
  g_assert_cmpstr (dossier_client_get_city (first), ==, "Pilar");
  g_assert_cmpuint (first_notifies, >=, 2);

  g_clear_pointer (&clients, g_ptr_array_unref);
  g_signal_handlers_disconnect_by_data (first, &first_notifies);
  g_signal_handlers_disconnect_by_data (edited, &edited_notifies);
  g_clear_object (&first);
  g_clear_object (&edited);
  g_assert_finalize_object (g_steal_pointer (&list));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/dossier/core/json-lists/clients", test_lists_clients);
  g_test_add_func ("/dossier/core/json-lists/requests", test_lists_requests);
  g_test_add_func ("/dossier/core/json-lists/errors", test_lists_errors);
  g_test_add_func ("/dossier/core/json-lists/cancelled", test_lists_cancelled);
  g_test_add_func ("/dossier/core/json-lists/hundred-thousand", test_lists_hundred_thousand);

  return g_test_run ();
}
