/* test-api-error.c — HTTP answers and transport failures into DOSSIER_API_ERROR
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "dossier-account.h"
#include "dossier-api-error.h"

typedef struct
{
  const char *name;
  guint       status;
  const char *content_type;
  const char *body;
  const char *header_trace;
  const char *retry_after;
  guint       level;
  int         code;
  const char *server_code;
  const char *trace_id;
  const char *message_has;
  const char *field;
  guint       wait;
} MapCase;

static const MapCase map_cases[] = {
  { "401-level", 401, "application/json",
    "{\"code\":\"API_ERROR\",\"message\":\"Access denied. The API Key is not authorized to do this operation.\",\"trace_id\":\"aaaa\"}",
    "hhhh", NULL, 3, DOSSIER_API_ERROR_INVALID_KEY, "API_ERROR", "aaaa",
    "it needs access level 3 or higher", NULL, 0 },
  { "403-empty", 403, NULL, "", "hhhh", NULL, 1, DOSSIER_API_ERROR_INVALID_KEY, NULL, "hhhh",
    "access level 1", NULL, 0 },
  { "412-field", 412, "application/json",
    "{\"code\":\"VALIDATION_ERROR\",\"message\":\"Validation failed: email: is required\",\"trace_id\":\"t1\"}",
    "t1", NULL, 1, DOSSIER_API_ERROR_VALIDATION, "VALIDATION_ERROR", "t1",
    "Validation failed: email: is required", "email", 0 },
  { "422-nested-field", 422, "application/json; charset=utf-8",
    "{\"code\":\"VALIDATION_ERROR\",\"message\":\"Validation failed: address.country: must be an ISO 3166-1 alpha-3 country code; email: is required\"}",
    "t2", NULL, 3, DOSSIER_API_ERROR_VALIDATION, "VALIDATION_ERROR", "t2",
    "address.country", "address.country", 0 },
  { "412-duplicate", 412, "application/json",
    "{\"code\":\"DUPLICATE_CLIENT\",\"message\":\"Duplicate Client: a client with email a@b.cc already exists\",\"trace_id\":\"t3\"}",
    NULL, NULL, 1, DOSSIER_API_ERROR_VALIDATION, "DUPLICATE_CLIENT", "t3",
    "Another client already uses the email address a@b.cc.", "email", 0 },
  { "404", 404, "application/json",
    "{\"code\":\"NOT_FOUND\",\"message\":\"Individual client not found with id: abc\",\"trace_id\":\"t4\"}",
    NULL, NULL, 1, DOSSIER_API_ERROR_NOT_FOUND, "NOT_FOUND", "t4", "The client is no longer on the server.", NULL, 0 },
  { "429-error-code", 429, "application/json",
    "{\"error_code\":\"TOO_MANY_REQUESTS\",\"message\":\"Rate limit exceeded. Retry after 4 seconds\",\"trace_id\":\"t5\"}",
    NULL, "4", 1, DOSSIER_API_ERROR_RATE_LIMITED, "TOO_MANY_REQUESTS", "t5", "4 seconds", NULL, 4 },
  { "429-no-retry-after", 429, "application/json", "{\"error_code\":\"TOO_MANY_REQUESTS\"}",
    "t6", "soon", 1, DOSSIER_API_ERROR_RATE_LIMITED, "TOO_MANY_REQUESTS", "t6", "1 second", NULL, 1 },
  { "502-html", 502, "text/html; charset=utf-8",
    "<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1></body></html>",
    "t7", NULL, 1, DOSSIER_API_ERROR_SERVER, NULL, "t7", "HTTP 502", NULL, 0 },
  { "500-json", 500, "application/json",
    "{\"code\":\"INTERNAL_ERROR\",\"message\":\"Injected fault\",\"trace_id\":\"t8\"}",
    "t8", NULL, 3, DOSSIER_API_ERROR_SERVER, "INTERNAL_ERROR", "t8", "HTTP 500", NULL, 0 },
  { "503-malformed", 503, "application/json", "{\"code\": \"INTERN",
    "t9", NULL, 1, DOSSIER_API_ERROR_SERVER, NULL, "t9", "HTTP 503", NULL, 0 },
  { "400-type", 400, "application/json",
    "{\"code\":\"BAD_REQUEST\",\"message\":\"Invalid request body: first_name: must be a string\",\"trace_id\":\"ta\"}",
    NULL, NULL, 1, DOSSIER_API_ERROR_BAD_REQUEST, "BAD_REQUEST", "ta",
    "The server could not read what Dossier sent.", "first_name", 0 },
  { "405", 405, "application/json",
    "{\"code\":\"METHOD_NOT_ALLOWED\",\"message\":\"Method DELETE is not allowed on /x\",\"trace_id\":\"tb\"}",
    NULL, NULL, 1, DOSSIER_API_ERROR_BAD_REQUEST, "METHOD_NOT_ALLOWED", "tb",
    "does not offer this operation", NULL, 0 },
};

static void
test_map (gconstpointer data)
{
  const MapCase *mc = data;
  g_autoptr(GBytes) body = g_bytes_new_static (mc->body, strlen (mc->body));
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) copy = NULL;

  error = dossier_api_error_new_from_response (mc->status, NULL, mc->content_type, mc->header_trace,
                                               mc->retry_after, body, mc->level);

  g_assert_error (error, DOSSIER_API_ERROR, mc->code);
  g_assert_cmpuint (dossier_api_error_get_status (error), ==, mc->status);
  g_assert_cmpstr (dossier_api_error_get_code (error), ==, mc->server_code);
  g_assert_cmpstr (dossier_api_error_get_trace_id (error), ==, mc->trace_id);
  g_assert_cmpstr (dossier_api_error_get_field (error), ==, mc->field);
  g_assert_cmpuint (dossier_api_error_get_retry_after (error), ==, mc->wait);
  g_assert_cmpuint (dossier_api_error_get_access_level (error), ==, mc->level);
  g_assert_nonnull (strstr (error->message, mc->message_has));
  g_assert_null (strstr (error->message, "<html"));

  /* the extended members survive a copy */
  copy = g_error_copy (error);
  g_assert_cmpstr (dossier_api_error_get_trace_id (copy), ==, mc->trace_id);
  g_assert_cmpuint (dossier_api_error_get_status (copy), ==, mc->status);
}

static void
test_transport (void)
{
  g_autoptr(GError) refused = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED, "Connection refused");
  g_autoptr(GError) resolver = g_error_new_literal (G_RESOLVER_ERROR, G_RESOLVER_ERROR_NOT_FOUND, "Name not found");
  g_autoptr(GError) timed_out = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_TIMED_OUT, "Socket I/O timed out");
  g_autoptr(GError) cancelled = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED, "Operation was cancelled");
  g_autoptr(GError) a = dossier_api_error_new_from_transport (refused);
  g_autoptr(GError) b = dossier_api_error_new_from_transport (resolver);
  g_autoptr(GError) c = dossier_api_error_new_from_transport (timed_out);
  g_autoptr(GError) d = dossier_api_error_new_from_transport (cancelled);
  g_autoptr(GError) other = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_FAILED, "x");

  g_assert_error (a, DOSSIER_API_ERROR, DOSSIER_API_ERROR_OFFLINE);
  g_assert_nonnull (strstr (a->message, "Connection refused"));
  g_assert_error (b, DOSSIER_API_ERROR, DOSSIER_API_ERROR_OFFLINE);
  g_assert_error (c, DOSSIER_API_ERROR, DOSSIER_API_ERROR_TIMEOUT);
  g_assert_error (d, G_IO_ERROR, G_IO_ERROR_CANCELLED);

  /* accessors on a foreign error are harmless */
  g_assert_cmpuint (dossier_api_error_get_status (other), ==, 0);
  g_assert_null (dossier_api_error_get_trace_id (other));
  g_assert_null (dossier_api_error_get_trace_id (NULL));
}

static void
test_retry_after (void)
{
  g_assert_cmpuint (dossier_api_error_parse_retry_after (NULL), ==, 1);
  g_assert_cmpuint (dossier_api_error_parse_retry_after ("7"), ==, 7);
  g_assert_cmpuint (dossier_api_error_parse_retry_after (" 12 "), ==, 12);
  g_assert_cmpuint (dossier_api_error_parse_retry_after ("0"), ==, 1);
  g_assert_cmpuint (dossier_api_error_parse_retry_after ("-3"), ==, 1);
  g_assert_cmpuint (dossier_api_error_parse_retry_after ("Wed, 21 Oct 2015 07:28:00 GMT"), ==, 1);
}

/* Every `code` of CONTRACT.md §3.2 gets a sentence of ours; the server's text stays
 * the error's server message, and neither the code nor that text is the sentence. */
static void
test_sentences (void)
{
  static const struct {
    guint       status;
    const char *code;
    const char *message;
    const char *sentence;
  } cases[] = {
    { 412, "DUPLICATE_CLIENT", "Duplicate Client: a client with email dup@example.COM already exists",
      "Another client already uses the email address dup@example.COM." },
    { 412, "DUPLICATE_CLIENT", "Duplicate", "Another client already uses this email address." },
    { 412, "UNKNOWN_PRODUCT", "Unknown subproduct 'x'. Possible values: cards_individuals",
      "The provider does not offer this product." },
    { 412, "PRODUCT_ALREADY_REQUESTED", "Client already has a cards_individuals request r1 in status in_kyc",
      "The client already has an open request for this product." },
    { 412, "DOCUMENT_NOT_REQUESTED", "Document type 'passport' is not requested by this product request",
      "The request does not ask for this document." },
    { 412, "INVALID_STATE",
      "Product request is in_kyc; documents can only be added while it is requested or pending_documentation",
      "The request no longer takes documents: it is already in review or decided." },
    { 412, "INVALID_STATE",
      "Product request is enabled; only requested or pending_documentation requests can be submitted",
      "The request cannot be sent for review again: it is already in review or decided." },
    { 412, "INVALID_STATE", "Product request is rejected; only requested, pending_documentation or in_kyc requests can be reviewed",
      "The request has already been decided." },
    { 412, "INVALID_STATE", "Something else", "The request cannot be changed in its current status." },
    { 404, "NOT_FOUND", "Product request not found with id: r9", "The product request is no longer on the server." },
    { 404, "NOT_FOUND", "Resource not found", "The server does not know this address. Check the server address in Preferences." },
    { 404, "NOT_FOUND", "Client is gone", "It is no longer on the server." },
    { 400, "BAD_REQUEST", "Request body is not valid JSON", "The server could not read what Dossier sent." },
    { 405, "METHOD_NOT_ALLOWED", "Method DELETE is not allowed on /x",
      "The server does not offer this operation at this address. Check the server address in Preferences." },
    { 411, "LENGTH_REQUIRED", "Request bodies must be sent with Content-Length",
      "The server wants to know the size of what is sent before it arrives." },
    { 413, "PAYLOAD_TOO_LARGE", "Request body exceeds 16777216 bytes", "What was sent is too large for the server." },
    { 412, "INTERNAL_ERROR", "Injected fault", "The server had a problem. Try again later." },
    { 500, "INTERNAL_ERROR", "Injected fault", "The server had a problem (HTTP 500). Try again later." },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *body = g_strdup_printf ("{\"code\":\"%s\",\"message\":\"%s\",\"trace_id\":\"t\"}",
                                               cases[i].code, cases[i].message);
      g_autoptr(GBytes) bytes = g_bytes_new (body, strlen (body));
      g_autoptr(GError) error = NULL;

      error = dossier_api_error_new_from_response (cases[i].status, NULL, "application/json", NULL, NULL,
                                                   bytes, 1);
      g_test_message ("%s: %s", cases[i].code, error->message);
      g_assert_cmpstr (error->message, ==, cases[i].sentence);
      g_assert_cmpstr (dossier_api_error_get_server_message (error), ==, cases[i].message);
      g_assert_cmpstr (dossier_api_error_get_code (error), ==, cases[i].code);
      g_assert_null (strstr (error->message, cases[i].code));
      if (g_str_equal (cases[i].code, "DUPLICATE_CLIENT"))
        g_assert_cmpstr (dossier_api_error_get_field (error), ==, "email");
    }
}

static void
test_extract_field (void)
{
  static const struct { const char *message; const char *field; } cases[] = {
    { "Validation failed: email: is required", "email" },
    { "Validation failed: phone_number: is required when phone_country_code is given", "phone_number" },
    { "Validation failed: address.street_line1: is required; city: x", "address.street_line1" },
    { "Invalid request body: document.metadata: must be an object", "document.metadata" },
    { "Duplicate Client: a client with email x@y.zz already exists", NULL },
    { "Validation failed: weird field name: x", NULL },
    { "Validation failed: ", NULL },
    { "", NULL },
    { NULL, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *field = dossier_api_error_extract_field (cases[i].message);
      g_assert_cmpstr (field, ==, cases[i].field);
    }
}

static void
test_key_never_in_error (void)
{
  const char *key = "sk-live-SECRET-0123456789";
  g_autoptr(DossierAccount) account = dossier_account_new_for_sandbox ("http://127.0.0.1:9/", key);
  g_autofree char *echo = g_strdup_printf ("{\"code\":\"API_ERROR\",\"message\":\"Validation failed: %s: unknown key %s\",\"trace_id\":\"x\"}", key, key);
  g_autoptr(GBytes) body = g_bytes_new (echo, strlen (echo));
  static const guint statuses[] = { 400, 401, 403, 404, 412, 422, 429, 500, 502, 503 };

  g_assert_cmpstr (dossier_account_get_base_url (account), ==, "http://127.0.0.1:9");
  g_assert_true (dossier_account_has_key (account));

  for (guint i = 0; i < G_N_ELEMENTS (statuses); i++)
    {
      g_autoptr(GError) error = dossier_api_error_new_from_response (statuses[i], NULL, "application/json",
                                                                      "x", NULL, body, 3);
      g_autoptr(GError) copy = NULL;

      dossier_api_error_redact (error, dossier_account_peek_key (account));
      copy = g_error_copy (error);
      g_assert_null (strstr (copy->message, key));
      g_assert_null (strstr (dossier_api_error_get_server_message (copy) ?: "", key));
      g_assert_null (strstr (dossier_api_error_get_field (copy) ?: "", key));
    }
}

static void
count_notify (GObject    *object,
              GParamSpec *pspec,
              guint      *count)
{
  (*count)++;
}

static void
test_account (void)
{
  g_autoptr(DossierAccount) remote = dossier_account_new_remote ("https://api.sandbox.cryptomate.me//");
  g_autoptr(DossierAccount) sandbox = dossier_account_new_for_sandbox ("http://127.0.0.1:4321", "k");
  g_autofree char *name = NULL;
  guint notified = 0;

  g_assert_cmpint (dossier_account_get_kind (remote), ==, DOSSIER_ACCOUNT_KIND_REMOTE);
  g_assert_cmpstr (dossier_account_get_base_url (remote), ==, "https://api.sandbox.cryptomate.me");
  g_assert_cmpstr (dossier_account_get_display_name (remote), ==, "api.sandbox.cryptomate.me");
  g_assert_false (dossier_account_has_key (remote));
  g_assert_null (dossier_account_peek_key (remote));
  g_assert_cmpint (dossier_account_get_kind (sandbox), ==, DOSSIER_ACCOUNT_KIND_SANDBOX);
  g_assert_cmpstr (dossier_account_peek_key (sandbox), ==, "k");

  g_signal_connect (remote, "notify::display-name", G_CALLBACK (count_notify), &notified);
  dossier_account_set_display_name (remote, "Production");
  dossier_account_set_display_name (remote, "Production");
  g_object_get (remote, "display-name", &name, NULL);
  g_assert_cmpstr (name, ==, "Production");
  g_assert_cmpuint (notified, ==, 1);

  g_assert_cmpstr (dossier_account_get_secret_schema ()->name, ==, "io.github.dossier_app.Dossier.ApiKey");
  g_assert_cmpstr (dossier_account_get_secret_schema ()->attributes[0].name, ==, "base-url");

  g_assert_finalize_object (g_steal_pointer (&remote));
  g_assert_finalize_object (g_steal_pointer (&sandbox));
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (map_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/dossier/core/api-error/map/%s", map_cases[i].name);
      g_test_add_data_func (path, &map_cases[i], test_map);
    }
  g_test_add_func ("/dossier/core/api-error/transport", test_transport);
  g_test_add_func ("/dossier/core/api-error/sentences", test_sentences);
  g_test_add_func ("/dossier/core/api-error/retry-after", test_retry_after);
  g_test_add_func ("/dossier/core/api-error/extract-field", test_extract_field);
  g_test_add_func ("/dossier/core/api-error/key-never-in-error", test_key_never_in_error);
  g_test_add_func ("/dossier/core/account/properties", test_account);

  return g_test_run ();
}
