/* test-json-lists.c — list responses parsed on a worker thread, and the 100 000-client list
 * that must not stall the main loop
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

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

/* The full 100 000 under a sanitizer takes minutes: a tenth proves the same there. */
#if defined(__SANITIZE_ADDRESS__)
#define N_CLIENTS 10000
#else
#define N_CLIENTS 100000
#endif

static GBytes *
build_big_list (void)
{
  static const char * const first[] = { "María", "José", "Ana", "Zoë", "Łukasz", "Søren", "Chloé", "Ahmed" };
  static const char * const last[] = { "Peña", "Barber", "Müller", "O'Brien", "García", "Nakamura" };
  GString *text = g_string_sized_new (40 * 1024 * 1024);

  g_string_append_c (text, '[');
  for (guint i = 0; i < N_CLIENTS; i++)
    {
      if (i > 0)
        g_string_append_c (text, ',');
      g_string_append_printf (text,
                              "{\"id\":\"%032u\",\"status\":\"%s\","
                              "\"first_name\":\"%s\",\"last_name\":\"%s\","
                              "\"email\":\"client%u@example.com\",\"birth_date\":\"1984-11-21\","
                              "\"address\":{\"street_line1\":\"Florida %u\",\"city\":\"Del Viso\","
                              "\"country\":\"ARG\"},"
                              "\"phone_country_code\":54,\"phone_number\":%u,"
                              "\"occupation\":\"Engineer\",\"annual_salary\":%u,"
                              "\"created_at\":\"2026-04-15T10:30:00\",\"updated_at\":\"2026-04-15T10:30:%02u\"}",
                              i, i % 3 == 0 ? "pending" : "active",
                              first[i % G_N_ELEMENTS (first)], last[i % G_N_ELEMENTS (last)],
                              i, i, 1100000000 + i, 30000 + i, i % 60);
    }
  g_string_append_c (text, ']');

  return g_string_free_to_bytes (text);
}

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

static void
test_lists_hundred_thousand (void)
{
  g_autoptr(GBytes) body = build_big_list ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) clients = NULL;
  g_autoptr(DossierClientList) list = NULL;
  g_autofree char *folded = NULL;
  Stall stall = { 0, };
  Wait wait = { NULL, };
  gint64 start;
  gint64 parse_time;
  gint64 merge_time;
  guint source;

  g_test_message ("Generated a list of %u clients, %.1f MB", N_CLIENTS,
                  g_bytes_get_size (body) / 1e6);
  g_assert_cmpuint (g_bytes_get_size (body), >, N_CLIENTS * 350);

  source = g_timeout_add (1, on_tick, &stall);
  start = g_get_monotonic_time ();
  stall.last = start;
  dossier_json_parse_clients_async (body, NULL, on_done, &wait);
  clients = dossier_json_parse_clients_finish (wait_for (&wait), &error);
  parse_time = g_get_monotonic_time () - start;
  on_tick (&stall);
  g_source_remove (source);
  g_clear_object (&wait.result);

  g_assert_no_error (error);
  g_assert_cmpuint (clients->len, ==, N_CLIENTS);
  g_test_message ("Parsed %u clients in %.0f ms on a worker thread; the 1 ms main-loop timeout ran "
                  "%u times, longest gap between two runs %.1f ms",
                  N_CLIENTS, parse_time / 1000.0, stall.ticks, stall.longest / 1000.0);

  /* The main loop kept running all along: a blocked loop would have ticked about once. */
  g_assert_cmpuint (stall.ticks, >=, 20);

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

  /* Filling the list model is one splice. */
  list = dossier_client_list_new ();
  start = g_get_monotonic_time ();
  dossier_client_list_merge (list, clients);
  merge_time = g_get_monotonic_time () - start;
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, N_CLIENTS);
  g_test_message ("Merged %u new clients into the list model in %.1f ms; merging the same list "
                  "again (all updates in place):", N_CLIENTS, merge_time / 1000.0);
  start = g_get_monotonic_time ();
  dossier_client_list_merge (list, clients);
  g_test_message ("  %.1f ms", (g_get_monotonic_time () - start) / 1000.0);
  g_assert_true (dossier_client_list_lookup (list, dossier_client_get_id (g_ptr_array_index (clients, 5))) ==
                 g_ptr_array_index (clients, 5));

  g_clear_pointer (&clients, g_ptr_array_unref);
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
