/* test-http-faults.c — injected faults over HTTP (CONTRACT.md §13.5)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "dossier-sandbox-fixture.h"

static void
arm (DsFixture  *f,
     const char *body)
{
  g_autoptr(DsResponse) r = ds_admin (f, "POST", "/_sandbox/faults", body);

  ds_assert_status (r, 200);
  g_assert_cmpuint (strlen (ds_string (r, "id")), ==, 32);
}

static guint
n_clients (DsFixture *f)
{
  g_autoptr(DsResponse) r = ds_send (f, "GET", DS_CLIENTS, DS_KEY, NULL);

  ds_assert_status (r, 200);
  return json_array_get_length (ds_array (r));
}

static void
test_error (DsFixture     *f,
            gconstpointer  data)
{
  g_autofree char *body = ds_client_body ("Barber", "fault@example.com", FALSE);
  g_autoptr(DsResponse) a = NULL, b = NULL, c = NULL;

  arm (f, "{\"kind\": \"error\", \"status\": 503, \"code\": \"UNAVAILABLE\", \"message\": \"Try later\"}");
  a = ds_send (f, "POST", DS_CLIENTS, DS_KEY, body);
  ds_assert_error (a, 503, "UNAVAILABLE");
  g_assert_cmpstr (ds_message (a), ==, "Try later");
  g_assert_cmpuint (n_clients (f), ==, 0);   /* not executed; the fault is used up */

  arm (f, "{\"kind\": \"error\", \"count\": 2, \"method\": \"POST\"}");
  b = ds_send (f, "POST", DS_CLIENTS, DS_KEY, body);
  ds_assert_error (b, 500, "INTERNAL_ERROR");
  g_assert_cmpstr (ds_message (b), ==, "Injected fault");
  g_assert_cmpuint (n_clients (f), ==, 0);   /* GET does not match method POST */
  c = ds_send (f, "POST", DS_CLIENTS, NULL, body);  /* before authentication */
  ds_assert_error (c, 500, "INTERNAL_ERROR");
  g_clear_pointer (&a, ds_response_free);
  a = ds_send (f, "POST", DS_CLIENTS, DS_KEY, body);
  ds_assert_status (a, 200);
}

static void
test_delay (DsFixture     *f,
            gconstpointer  data)
{
  g_autofree char *body = ds_client_body ("Barber", "delay@example.com", FALSE);
  gint64 start = g_get_monotonic_time ();
  DsPending *slow;
  g_autoptr(DsResponse) fast = NULL, done = NULL;

  arm (f, "{\"kind\": \"delay\", \"delay_ms\": 1500, \"method\": \"POST\"}");
  slow = ds_send_begin (f, "POST", DS_CLIENTS, DS_KEY, body);
  /* other requests are served meanwhile */
  fast = ds_send (f, "GET", "/management/clients/individuals", DS_KEY, NULL);
  ds_assert_status (fast, 200);
  g_assert_false (ds_pending_is_done (slow));
  done = ds_pending_wait (slow);
  ds_assert_status (done, 200);
  /* a lower bound only: the injected delay was really waited */
  g_assert_cmpint (g_get_monotonic_time () - start, >=, 1500 * 1000);
  g_assert_cmpuint (n_clients (f), ==, 1);
}

static void
test_drop (DsFixture     *f,
           gconstpointer  data)
{
  g_autofree char *body = ds_client_body ("Barber", "drop@example.com", FALSE);
  g_autoptr(DsResponse) a = NULL, b = NULL;

  f->new_connections = TRUE;
  arm (f, "{\"kind\": \"drop\", \"method\": \"POST\"}");
  a = ds_send (f, "POST", DS_CLIENTS, DS_KEY, body);
  g_assert_nonnull (a->error);
  g_assert_cmpuint (a->status, ==, 0);
  g_assert_cmpuint (n_clients (f), ==, 0);    /* not executed */

  arm (f, "{\"kind\": \"drop_after\", \"method\": \"POST\"}");
  b = ds_send (f, "POST", DS_CLIENTS, DS_KEY, body);
  g_assert_nonnull (b->error);
  g_assert_cmpuint (b->status, ==, 0);
  g_assert_cmpuint (n_clients (f), ==, 1);    /* executed, answer lost */
}

static void
test_malformed_and_html (DsFixture     *f,
                         gconstpointer  data)
{
  g_autoptr(DsResponse) a = NULL, b = NULL, c = NULL;

  arm (f, "{\"kind\": \"malformed\"}");
  a = ds_send (f, "GET", DS_CLIENTS, DS_KEY, NULL);
  g_assert_no_error (a->error);
  g_assert_cmpuint (a->status, ==, 200);
  g_assert_cmpstr (soup_message_headers_get_content_type (a->headers, NULL), ==, "application/json");
  g_assert_null (a->json);
  g_assert_cmpuint (g_bytes_get_size (a->body), >, 0);
  ds_assert_trace_id (a);

  arm (f, "{\"kind\": \"html\", \"path_prefix\": \"/management/clients\"}");
  b = ds_send (f, "GET", DS_CLIENTS, DS_KEY, NULL);
  g_assert_cmpuint (b->status, ==, 502);
  g_assert_cmpstr (soup_message_headers_get_one (b->headers, "Content-Type"), ==, "text/html; charset=utf-8");
  g_assert_nonnull (g_strstr_len (g_bytes_get_data (b->body, NULL), g_bytes_get_size (b->body), "<html"));
  ds_assert_trace_id (b);

  /* admin paths are never faulted, and a non-matching prefix is left alone */
  arm (f, "{\"kind\": \"html\", \"path_prefix\": \"/management/other\"}");
  c = ds_send (f, "GET", DS_CLIENTS, DS_KEY, NULL);
  ds_assert_status (c, 200);
}

static void
test_rate_limit_fault (DsFixture     *f,
                       gconstpointer  data)
{
  g_autoptr(DsResponse) a = NULL, b = NULL;

  arm (f, "{\"kind\": \"rate_limit\", \"retry_after\": 7}");
  a = ds_send (f, "GET", DS_CLIENTS, DS_KEY, NULL);
  ds_assert_error (a, 429, "TOO_MANY_REQUESTS");
  g_assert_cmpstr (soup_message_headers_get_one (a->headers, "Retry-After"), ==, "7");
  g_assert_cmpstr (ds_message (a), ==, "Rate limit exceeded. Retry after 7 seconds");
  b = ds_send (f, "GET", DS_CLIENTS, DS_KEY, NULL);
  ds_assert_status (b, 200);
}

static void
test_admin_faults (DsFixture     *f,
                   gconstpointer  data)
{
  const char *bad[] = {
    "[]", "{}", "{\"kind\": \"boom\"}", "{\"kind\": \"delay\"}",
    "{\"kind\": \"error\", \"status\": 429}", "{\"kind\": \"error\", \"count\": 0}",
    "{\"kind\": \"delay\", \"delay_ms\": 60001}", "{\"kind\": \"drop\", \"count\": \"1\"}",
  };
  g_autoptr(DsResponse) armed = ds_admin (f, "POST", "/_sandbox/faults",
                                          "{\"kind\": \"error\", \"count\": 3, \"method\": \"GET\"}");
  g_autoptr(DsResponse) list = NULL, hit = NULL, list2 = NULL, cleared = NULL, empty = NULL;
  JsonObject *fault;

  ds_assert_status (armed, 200);
  fault = ds_object (armed);
  g_assert_cmpstr (json_object_get_string_member (fault, "kind"), ==, "error");
  g_assert_cmpint (json_object_get_int_member (fault, "count"), ==, 3);
  g_assert_cmpint (json_object_get_int_member (fault, "remaining"), ==, 3);
  g_assert_cmpint (json_object_get_int_member (fault, "status"), ==, 500);
  g_assert_cmpstr (json_object_get_string_member (fault, "path_prefix"), ==, "/management/");
  g_assert_cmpstr (json_object_get_string_member (fault, "method"), ==, "GET");
  g_assert_false (json_object_has_member (fault, "delay_ms"));

  hit = ds_send (f, "GET", DS_CLIENTS, DS_KEY, NULL);
  ds_assert_error (hit, 500, "INTERNAL_ERROR");
  list = ds_admin (f, "GET", "/_sandbox/faults", NULL);
  ds_assert_status (list, 200);
  g_assert_cmpuint (json_array_get_length (ds_array (list)), ==, 1);
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (ds_array (list), 0),
                                               "remaining"), ==, 2);

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(DsResponse) r = ds_admin (f, "POST", "/_sandbox/faults", bad[i]);

      g_test_message ("invalid fault %s", bad[i]);
      ds_assert_error (r, 400, "BAD_REQUEST");
    }

  cleared = ds_admin (f, "DELETE", "/_sandbox/faults", NULL);
  ds_assert_status (cleared, 200);
  g_assert_cmpint (json_object_get_int_member (ds_object (cleared), "cleared"), ==, 1);
  list2 = ds_admin (f, "GET", "/_sandbox/faults", NULL);
  g_assert_cmpuint (json_array_get_length (ds_array (list2)), ==, 0);
  empty = ds_send (f, "GET", DS_CLIENTS, DS_KEY, NULL);
  ds_assert_status (empty, 200);
}

#define ADD(path, func) \
  g_test_add ("/dossier/sandbox/faults/" path, DsFixture, NULL, ds_fixture_setup, func, ds_fixture_teardown)

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  ADD ("error", test_error);
  ADD ("delay", test_delay);
  ADD ("drop", test_drop);
  ADD ("malformed-and-html", test_malformed_and_html);
  ADD ("rate-limit", test_rate_limit_fault);
  ADD ("admin", test_admin_faults);

  return g_test_run ();
}
