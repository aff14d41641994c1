/* test-sandbox-engine-async.c — dossier_sandbox_engine_finish_async(): the §10 check off-thread (CONTRACT.md §1.5, §8.7, §10)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An upload's check runs on a worker thread and its result is applied when the
 * default main context is iterated; requests dispatched in between change the
 * state the check could not see, and the upload must notice.
 */
#include "config.h"

#include "sandbox-test-utils.h"

typedef struct
{
  gboolean  done;
  gboolean  ok;
  GError   *error;
} Wait;

static void
finished_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  Wait *wait = user_data;

  wait->ok = dossier_sandbox_engine_finish_finish (DOSSIER_SANDBOX_ENGINE (object), result, &wait->error);
  wait->done = TRUE;
}

static char *
documentation_path (const char *client_id,
                    const char *request_id)
{
  return g_strdup_printf (CLIENTS "/%s/products/%s/documentation", client_id, request_id);
}

/* Begins a level-3 POST of body to path and starts finish_async on it. */
static DossierSandboxExchange *
start (DossierSandboxEngine *engine,
       const char           *path,
       const char           *body,
       GCancellable         *cancellable,
       Wait                 *wait)
{
  g_autoptr(SoupMessageHeaders) headers = soup_message_headers_new (SOUP_MESSAGE_HEADERS_REQUEST);
  g_autoptr(GBytes) bytes = g_bytes_new (body, strlen (body));
  DossierSandboxRequestLine line = { "POST", path, headers, "127.0.0.1" };
  DossierSandboxExchange *exchange;

  soup_message_headers_replace (headers, "x-api-key", KEY3);
  exchange = dossier_sandbox_engine_begin (engine, &line);
  g_assert_cmpint (dossier_sandbox_exchange_get_action (exchange), ==, DOSSIER_SANDBOX_ACTION_CONTINUE);
  dossier_sandbox_engine_finish_async (engine, exchange, bytes, cancellable, finished_cb, wait);
  return exchange;
}

static void
wait_for (Wait *wait)
{
  while (!wait->done)
    g_main_context_iteration (NULL, TRUE);
}

/* The exchange's response as a Reply (the response moves into it). */
static Reply
reply_of (DossierSandboxExchange *exchange)
{
  Reply reply = { NULL, NULL };
  g_autoptr(JsonParser) parser = json_parser_new ();
  gsize size;
  const char *data;

  g_assert_cmpint (dossier_sandbox_exchange_get_action (exchange), ==, DOSSIER_SANDBOX_ACTION_RESPOND);
  reply.response = dossier_sandbox_exchange_steal_response (exchange);
  g_assert_nonnull (reply.response);
  data = g_bytes_get_data (reply.response->body, &size);
  g_assert_true (json_parser_load_from_data (parser, data, size, NULL));
  reply.root = json_node_copy (json_parser_get_root (parser));
  return reply;
}

static guint
n_rejected (Reply *reply)
{
  return json_array_get_length (json_object_get_array_member (reply_object (reply), "rejected_items"));
}

/* The missing document groups of the client's first request, re-read now. */
static guint
n_missing_documents (DossierSandboxEngine *engine,
                     const char           *client_id)
{
  g_autofree char *path = g_strdup_printf (CLIENTS "/%s/products", client_id);
  g_auto(Reply) list = call (engine, "GET", path, NULL);
  JsonObject *request, *missing;

  assert_ok (&list);
  request = json_array_get_object_element (json_node_get_array (list.root), 0);
  missing = json_object_get_object_member (request, "missing_requirements");
  return json_array_get_length (json_object_get_array_member (missing, "documents"));
}

static DossierSandboxEngine *
engine_with_admin (void)
{
  g_autoptr(DossierSandboxConfig) config = test_config ();

  dossier_sandbox_config_set_admin (config, TRUE);
  return test_engine_new (config);
}

static char *
client_with_phone (DossierSandboxEngine *engine)
{
  return create_client (engine, "Barber", "async@example.com",
                        "\"phone_country_code\":54,\"phone_number\":1168860622");
}

static void
test_accepted (void)
{
  g_autoptr(DossierSandboxEngine) engine = test_engine ();
  g_autofree char *client_id = client_with_phone (engine);
  g_autofree char *request_id = request_product (engine, client_id, "cards_individuals");
  g_autofree char *path = documentation_path (client_id, request_id);
  g_autofree char *body = passport_body (600, 800, "AB1234567");
  g_autoptr(DossierSandboxExchange) exchange = NULL;
  g_auto(Reply) reply = { NULL, NULL };
  Wait wait = { FALSE, FALSE, NULL };

  exchange = start (engine, path, body, NULL, &wait);
  /* Handed over to the worker: nothing answered, nothing stored yet. */
  g_assert_cmpint (dossier_sandbox_exchange_get_action (exchange), ==, DOSSIER_SANDBOX_ACTION_CONTINUE);
  g_assert_false (wait.done);
  g_assert_cmpuint (n_missing_documents (engine, client_id), ==, 1);

  wait_for (&wait);
  g_assert_no_error (wait.error);
  g_assert_true (wait.ok);
  reply = reply_of (exchange);
  assert_ok (&reply);
  g_assert_cmpuint (n_rejected (&reply), ==, 0);
  g_assert_cmpuint (n_missing_documents (engine, client_id), ==, 0);
}

static void
test_rejected (void)
{
  g_autoptr(DossierSandboxEngine) engine = test_engine ();
  g_autofree char *client_id = client_with_phone (engine);
  g_autofree char *request_id = request_product (engine, client_id, "cards_individuals");
  g_autofree char *path = documentation_path (client_id, request_id);
  g_autofree char *body = passport_body (480, 640, "AB1234567");
  g_autoptr(DossierSandboxExchange) exchange = NULL;
  g_auto(Reply) reply = { NULL, NULL };
  g_auto(Reply) sync = { NULL, NULL };
  Wait wait = { FALSE, FALSE, NULL };
  JsonObject *item;

  exchange = start (engine, path, body, NULL, &wait);
  wait_for (&wait);
  g_assert_true (wait.ok);
  reply = reply_of (exchange);
  assert_ok (&reply);
  g_assert_cmpuint (n_rejected (&reply), ==, 1);
  item = json_array_get_object_element (json_object_get_array_member (reply_object (&reply), "rejected_items"), 0);
  g_assert_cmpstr (json_object_get_string_member (item, "reason"), ==,
                   "Front image is too small (480x640 px); the shorter side must be at least 600 px");
  g_assert_cmpuint (n_missing_documents (engine, client_id), ==, 1);

  /* The same answer as the inline path. */
  sync = call (engine, "POST", path, body);
  assert_ok (&sync);
  g_assert_true (json_node_equal (json_object_get_member (reply_object (&reply), "rejected_items"),
                                  json_object_get_member (reply_object (&sync), "rejected_items")));
}

/* Not an upload (or an upload refused by §8.7): answered before finish_async returns. */
static void
test_immediate (void)
{
  g_autoptr(DossierSandboxEngine) engine = test_engine ();
  g_autofree char *client_id = client_with_phone (engine);
  g_autofree char *request_id = request_product (engine, client_id, "cards_individuals");
  g_autofree char *path = documentation_path (client_id, request_id);
  g_autoptr(DossierSandboxExchange) exchange = NULL;
  g_autoptr(DossierSandboxExchange) created = NULL;
  g_auto(Reply) reply = { NULL, NULL };
  g_autofree char *client = client_body ("Other", "other@example.com", NULL);
  Wait wait = { FALSE, FALSE, NULL };
  Wait wait_created = { FALSE, FALSE, NULL };

  exchange = start (engine, path, "{\"document\":{\"document_type\":\"selfie\"}}", NULL, &wait);
  g_assert_cmpint (dossier_sandbox_exchange_get_action (exchange), ==, DOSSIER_SANDBOX_ACTION_RESPOND);
  created = start (engine, CLIENTS, client, NULL, &wait_created);
  g_assert_cmpint (dossier_sandbox_exchange_get_action (created), ==, DOSSIER_SANDBOX_ACTION_RESPOND);

  wait_for (&wait);
  wait_for (&wait_created);
  g_assert_true (wait.ok);
  g_assert_true (wait_created.ok);
  reply = reply_of (exchange);
  assert_error (&reply, 412, "DOCUMENT_NOT_REQUESTED", NULL);
  g_assert_cmpuint (dossier_sandbox_exchange_get_response (created)->status, ==, 200);
}

/* Another upload satisfied the group while this one was being checked. */
static void
test_group_satisfied_meanwhile (void)
{
  g_autoptr(DossierSandboxEngine) engine = test_engine ();
  g_autofree char *client_id = client_with_phone (engine);
  g_autofree char *request_id = request_product (engine, client_id, "cards_individuals");
  g_autofree char *path = documentation_path (client_id, request_id);
  g_autofree char *body = passport_body (600, 800, "FIRST");
  g_autoptr(DossierSandboxExchange) exchange = NULL;
  g_auto(Reply) reply = { NULL, NULL };
  Wait wait = { FALSE, FALSE, NULL };

  exchange = start (engine, path, body, NULL, &wait);
  upload_passport (engine, client_id, request_id);

  wait_for (&wait);
  g_assert_true (wait.ok);
  reply = reply_of (exchange);
  assert_error (&reply, 412, "DOCUMENT_NOT_REQUESTED",
                "Document type 'passport' is not requested by this product request");
}

/* A submit moved the request to in_kyc while the upload was being checked. */
static void
test_submitted_meanwhile (void)
{
  g_autoptr(DossierSandboxEngine) engine = test_engine ();
  g_autofree char *client_id = client_with_phone (engine);
  g_autofree char *request_id = request_product (engine, client_id, "cards_individuals");
  g_autofree char *path = documentation_path (client_id, request_id);
  g_autofree char *body = passport_body (600, 800, "FIRST");
  g_autoptr(DossierSandboxExchange) exchange = NULL;
  g_auto(Reply) reply = { NULL, NULL };
  Wait wait = { FALSE, FALSE, NULL };

  exchange = start (engine, path, body, NULL, &wait);
  upload_passport (engine, client_id, request_id);
  g_assert_cmpstr (submit (engine, client_id, request_id), ==, "in_kyc");

  wait_for (&wait);
  g_assert_true (wait.ok);
  reply = reply_of (exchange);
  assert_error (&reply, 412, "INVALID_STATE", NULL);
  g_assert_true (g_str_has_prefix (reply_string (&reply, "message"), "Product request is in_kyc;"));
}

/* /_sandbox/reset forgot the client while the upload was being checked. */
static void
test_reset_meanwhile (void)
{
  g_autoptr(DossierSandboxEngine) engine = engine_with_admin ();
  g_autofree char *client_id = client_with_phone (engine);
  g_autofree char *request_id = request_product (engine, client_id, "cards_individuals");
  g_autofree char *path = documentation_path (client_id, request_id);
  g_autofree char *body = passport_body (600, 800, "AB1234567");
  g_autofree char *message = g_strdup_printf ("Individual client not found with id: %s", client_id);
  g_autoptr(DossierSandboxExchange) exchange = NULL;
  g_autoptr(DossierSandboxResponse) reset = NULL;
  g_auto(Reply) reply = { NULL, NULL };
  g_auto(Reply) list = { NULL, NULL };
  Wait wait = { FALSE, FALSE, NULL };

  exchange = start (engine, path, body, NULL, &wait);
  reset = dossier_sandbox_engine_dispatch (engine, "POST", "/_sandbox/reset", NULL, "127.0.0.1", NULL);
  g_assert_nonnull (reset);
  g_assert_cmpuint (reset->status, ==, 200);

  wait_for (&wait);
  g_assert_true (wait.ok);
  reply = reply_of (exchange);
  assert_error (&reply, 404, "NOT_FOUND", message);
  list = call (engine, "GET", CLIENTS, NULL);
  assert_ok (&list);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (list.root)), ==, 0);
}

/* Cancelled: the caller hears at once, nothing is stored, the exchange is left alone. */
static void
test_cancelled (void)
{
  g_autoptr(DossierSandboxEngine) engine = test_engine ();
  g_autofree char *client_id = client_with_phone (engine);
  g_autofree char *request_id = request_product (engine, client_id, "cards_individuals");
  g_autofree char *path = documentation_path (client_id, request_id);
  g_autofree char *body = passport_body (600, 800, "AB1234567");
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(DossierSandboxExchange) exchange = NULL;
  g_autoptr(DossierSandboxExchange) after = NULL;
  g_auto(Reply) reply = { NULL, NULL };
  Wait wait = { FALSE, FALSE, NULL };
  Wait wait_after = { FALSE, FALSE, NULL };

  exchange = start (engine, path, body, cancellable, &wait);
  g_cancellable_cancel (cancellable);
  wait_for (&wait);
  g_assert_false (wait.ok);
  g_assert_error (wait.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&wait.error);
  g_assert_cmpint (dossier_sandbox_exchange_get_action (exchange), ==, DOSSIER_SANDBOX_ACTION_CONTINUE);
  g_assert_cmpuint (n_missing_documents (engine, client_id), ==, 1);

  /* The engine still takes uploads (and the cancelled check has let go of the lock). */
  after = start (engine, path, body, NULL, &wait_after);
  wait_for (&wait_after);
  g_assert_true (wait_after.ok);
  reply = reply_of (after);
  assert_ok (&reply);
  g_assert_cmpuint (n_rejected (&reply), ==, 0);
  g_assert_cmpuint (n_missing_documents (engine, client_id), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/dossier/sandbox/engine-async/accepted", test_accepted);
  g_test_add_func ("/dossier/sandbox/engine-async/rejected", test_rejected);
  g_test_add_func ("/dossier/sandbox/engine-async/immediate", test_immediate);
  g_test_add_func ("/dossier/sandbox/engine-async/group-satisfied-meanwhile", test_group_satisfied_meanwhile);
  g_test_add_func ("/dossier/sandbox/engine-async/submitted-meanwhile", test_submitted_meanwhile);
  g_test_add_func ("/dossier/sandbox/engine-async/reset-meanwhile", test_reset_meanwhile);
  g_test_add_func ("/dossier/sandbox/engine-async/cancelled", test_cancelled);

  return g_test_run ();
}
