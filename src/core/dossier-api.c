/* dossier-api.c — the session, the headers, one attempt over HTTP
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Endpoints are in dossier-api-calls.c. Never log the key, a body or personal
 * data: method, path (ids only), status and milliseconds.
 */
#include "config.h"

#include <string.h>

#include "dossier-api-private.h"
#include "dossier-core.h"
#include "dossier-json.h"

G_DEFINE_FINAL_TYPE (DossierApi, dossier_api, G_TYPE_OBJECT)

typedef struct
{
  DossierApi           *api;
  char                 *method;
  char                 *url;
  GBytes               *body;
  char                 *lost_client_id;
  char                 *lost_subproduct;
  DossierSchedulerCall *call;
  SoupMessage          *msg;
  GSource              *connect_timer;
  gint64                started;
  DossierApiProgress   *progress;       /* nullable: how far the body is */
} ApiRequest;

static void
api_request_free (ApiRequest *req)
{
  g_assert (req->connect_timer == NULL);

  g_clear_object (&req->msg);
  g_clear_pointer (&req->progress, _dossier_api_progress_unref);
  g_clear_pointer (&req->body, g_bytes_unref);
  g_free (req->method);
  g_free (req->url);
  g_free (req->lost_client_id);
  g_free (req->lost_subproduct);
  g_object_unref (req->api);
  g_free (req);
}

static void
dossier_api_finalize (GObject *object)
{
  DossierApi *self = (DossierApi *) object;

  g_clear_object (&self->session);
  g_clear_object (&self->scheduler);
  if (self->api_key != NULL)
    memset (self->api_key, 0, strlen (self->api_key));
  g_clear_pointer (&self->api_key, g_free);
  g_free (self->base_url);

  G_OBJECT_CLASS (dossier_api_parent_class)->finalize (object);
}

static void
dossier_api_class_init (DossierApiClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = dossier_api_finalize;
  _dossier_api_class_install_signals (klass);
}

static void
dossier_api_init (DossierApi *self)
{
  /* TLS verification stays on (the default database); no session-wide
   * timeout: deadlines are per call, in the scheduler. */
  self->session = soup_session_new_with_options ("user-agent", dossier_core_user_agent (),
                                                 "max-conns", 20,
                                                 "max-conns-per-host", 10,
                                                 NULL);
  self->connect_ms = DOSSIER_API_CONNECT_TIMEOUT_MS;
  self->request_ms = DOSSIER_API_REQUEST_TIMEOUT_MS;
  self->upload_ms = DOSSIER_API_UPLOAD_TIMEOUT_MS;
}

DossierApi *
dossier_api_new_with_scheduler (const char       *base_url,
                                const char       *api_key,
                                DossierScheduler *scheduler)
{
  DossierApi *self;
  gsize len;

  g_return_val_if_fail (base_url != NULL, NULL);
  g_return_val_if_fail (!scheduler || DOSSIER_IS_SCHEDULER (scheduler), NULL);

  self = g_object_new (DOSSIER_TYPE_API, NULL);
  self->base_url = g_strdup (base_url);
  len = strlen (self->base_url);
  while (len > 0 && self->base_url[len - 1] == '/')
    self->base_url[--len] = '\0';
  self->api_key = g_strdup (api_key);
  self->scheduler = scheduler != NULL ? g_object_ref (scheduler) : dossier_scheduler_new ();

  return self;
}

DossierApi *
dossier_api_new (const char *base_url,
                 const char *api_key)
{
  return dossier_api_new_with_scheduler (base_url, api_key, NULL);
}

DossierApi *
dossier_api_new_for_account (DossierAccount *account)
{
  g_return_val_if_fail (DOSSIER_IS_ACCOUNT (account), NULL);

  return dossier_api_new (dossier_account_get_base_url (account),
                          dossier_account_peek_key (account));
}

const char *
dossier_api_get_base_url (DossierApi *self)
{
  g_return_val_if_fail (DOSSIER_IS_API (self), NULL);
  return self->base_url;
}

DossierScheduler *
dossier_api_get_scheduler (DossierApi *self)
{
  g_return_val_if_fail (DOSSIER_IS_API (self), NULL);
  return self->scheduler;
}

void
dossier_api_set_timeouts (DossierApi *self,
                          guint       connect_ms,
                          guint       request_ms,
                          guint       upload_ms)
{
  g_return_if_fail (DOSSIER_IS_API (self));

  self->connect_ms = connect_ms;
  self->request_ms = request_ms;
  self->upload_ms = upload_ms;
}

char *
dossier_api_build_url (DossierApi *self,
                       const char *path)
{
  g_return_val_if_fail (DOSSIER_IS_API (self), NULL);
  g_return_val_if_fail (path != NULL && path[0] == '/', NULL);

  return g_strconcat (self->base_url, path, NULL);
}

gboolean
dossier_api_same_origin (DossierApi *self,
                         const char *url)
{
  g_autoptr(GUri) base = g_uri_parse (self->base_url, G_URI_FLAGS_NONE, NULL);
  g_autoptr(GUri) other = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);

  if (base == NULL || other == NULL)
    return FALSE;

  return g_ascii_strcasecmp (g_uri_get_scheme (base), g_uri_get_scheme (other)) == 0 &&
         g_uri_get_host (other) != NULL &&
         g_ascii_strcasecmp (g_uri_get_host (base), g_uri_get_host (other)) == 0 &&
         g_uri_get_port (base) == g_uri_get_port (other);
}

GError *
dossier_api_check_response (DossierApi          *self,
                            DossierHttpResponse *response,
                            guint                access_level)
{
  GError *error;

  if (response->status >= 200 && response->status < 300)
    return NULL;

  error = dossier_api_error_new_from_response (response->status, response->reason_phrase,
                                               response->content_type, response->trace_id,
                                               response->retry_after, response->body,
                                               access_level);
  dossier_api_error_redact (error, self->api_key);

  return error;
}

/* ---- one attempt ---- */

static void
clear_connect_timer (ApiRequest *req)
{
  if (req->connect_timer != NULL)
    {
      g_source_destroy (req->connect_timer);
      g_clear_pointer (&req->connect_timer, g_source_unref);
    }
}

static gboolean
connect_timeout_cb (gpointer data)
{
  ApiRequest *req = data;

  g_clear_pointer (&req->connect_timer, g_source_unref);
  g_debug ("%s: no connection within %u ms", req->method, req->api->connect_ms);
  dossier_scheduler_call_expire (req->call);

  return G_SOURCE_REMOVE;
}

static void
wrote_headers_cb (SoupMessage *msg,
                  ApiRequest  *req)
{
  /* Connected and sending: from here only the request deadline counts. */
  clear_connect_timer (req);
}

static void
wrote_body_data_cb (SoupMessage *msg,
                    guint        chunk_size,
                    ApiRequest  *req)
{
  _dossier_api_progress_add (req->progress, chunk_size);
}

static void
send_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  ApiRequest *req = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  DossierHttpResponse *response;
  SoupMessageHeaders *headers;
  SoupMessage *msg = req->msg;

  bytes = soup_session_send_and_read_finish (SOUP_SESSION (source), result, &error);
  clear_connect_timer (req);
  g_signal_handlers_disconnect_by_data (msg, req);
  if (req->progress != NULL)
    _dossier_api_progress_stop (req->progress);

  if (bytes == NULL)
    {
      g_debug ("%s %s failed after %" G_GINT64_FORMAT " ms: %s", req->method,
               g_uri_get_path (soup_message_get_uri (msg)),
               (g_get_monotonic_time () - req->started) / 1000, error->message);
      dossier_scheduler_call_done (req->call, NULL, g_steal_pointer (&error));
      return;
    }

  headers = soup_message_get_response_headers (msg);
  response = dossier_http_response_new (soup_message_get_status (msg), bytes);
  response->reason_phrase = g_strdup (soup_message_get_reason_phrase (msg));
  response->content_type = g_strdup (soup_message_headers_get_one (headers, "Content-Type"));
  response->trace_id = g_strdup (soup_message_headers_get_one (headers, "X-Trace-Id"));
  response->retry_after = g_strdup (soup_message_headers_get_one (headers, "Retry-After"));

  g_debug ("%s %s → %u in %" G_GINT64_FORMAT " ms trace=%s", req->method,
           g_uri_get_path (soup_message_get_uri (msg)), response->status,
           (g_get_monotonic_time () - req->started) / 1000,
           response->trace_id != NULL ? response->trace_id : "-");

  dossier_scheduler_call_done (req->call, response, NULL);
}

static void
api_send_attempt (DossierSchedulerCall *call,
                  GCancellable         *attempt_cancellable,
                  gpointer              user_data)
{
  ApiRequest *req = user_data;
  DossierApi *self = req->api;
  g_autoptr(SoupMessage) msg = NULL;
  SoupMessageHeaders *headers;

  req->call = call;
  req->started = g_get_monotonic_time ();

  msg = soup_message_new (req->method, req->url);
  if (msg == NULL)
    {
      dossier_scheduler_call_done (call, NULL,
                                   g_error_new_literal (G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                                                        "The server address is not a valid URL"));
      return;
    }

  headers = soup_message_get_request_headers (msg);
  soup_message_headers_replace (headers, "Accept", "application/json");
  if (self->api_key != NULL)
    soup_message_headers_replace (headers, "x-api-key", self->api_key);
  if (req->body != NULL)
    soup_message_set_request_body_from_bytes (msg, "application/json", req->body);

  g_set_object (&req->msg, msg);
  g_signal_connect (msg, "wrote-headers", G_CALLBACK (wrote_headers_cb), req);
  if (req->progress != NULL && req->body != NULL)
    {
      _dossier_api_progress_start (req->progress, g_bytes_get_size (req->body));
      g_signal_connect (msg, "wrote-body-data", G_CALLBACK (wrote_body_data_cb), req);
    }

  if (self->connect_ms > 0)
    {
      req->connect_timer = g_timeout_source_new (self->connect_ms);
      g_source_set_callback (req->connect_timer, connect_timeout_cb, req, NULL);
      g_source_attach (req->connect_timer, g_main_context_get_thread_default ());
    }

  soup_session_send_and_read_async (self->session, msg, G_PRIORITY_DEFAULT,
                                    attempt_cancellable, send_cb, req);
}

/* ---- a POST …/products whose answer was lost ---- */

typedef struct
{
  DossierApi           *api;
  DossierSchedulerCall *call;
  char                 *subproduct;
} LostCheck;

static void
lost_check_free (LostCheck *check)
{
  g_free (check->subproduct);
  g_free (check);
}

static DossierHttpResponse *
find_open_request (GBytes     *body,
                   const char *subproduct)
{
  g_autoptr(JsonNode) root = dossier_json_parse_bytes (body, NULL);
  g_autoptr(GPtrArray) elements = NULL;
  JsonNode *found = NULL;

  if (root == NULL || (elements = dossier_json_read_list (root, NULL, NULL)) == NULL)
    return NULL;

  for (guint i = 0; i < elements->len; i++)
    {
      JsonNode *node = g_ptr_array_index (elements, i);
      g_autofree char *product = NULL;
      g_autofree char *status = NULL;
      DossierRequestStatus s;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      product = dossier_json_dup_string (json_node_get_object (node), "product");
      status = dossier_json_dup_string (json_node_get_object (node), "status");
      s = dossier_request_status_from_string (status);
      if (dossier_json_enum_equal (product, subproduct) &&
          s != DOSSIER_REQUEST_STATUS_REJECTED && s != DOSSIER_REQUEST_STATUS_UNKNOWN)
        found = node;  /* oldest first: the last one is the newest */
    }

  if (found == NULL)
    return NULL;

  {
    g_autofree char *text = json_to_string (found, FALSE);
    gsize len = strlen (text);
    g_autoptr(GBytes) bytes = g_bytes_new_take (g_steal_pointer (&text), len);
    DossierHttpResponse *response = dossier_http_response_new (200, bytes);

    response->content_type = g_strdup ("application/json");
    return response;
  }
}

static void
lost_list_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  LostCheck *check = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(DossierHttpResponse) response = NULL;
  DossierHttpResponse *existing = NULL;

  response = dossier_scheduler_call_finish (DOSSIER_SCHEDULER (source), result, &error);
  if (response != NULL)
    error = dossier_api_check_response (check->api, response, DOSSIER_API_LEVEL_READ);

  if (error != NULL)
    {
      /* Could not look: never risk a duplicate. */
      dossier_scheduler_call_resolve (check->call, NULL, g_steal_pointer (&error));
    }
  else
    {
      existing = find_open_request (response->body, check->subproduct);
      g_debug ("lost POST products answer: %s", existing != NULL ? "found the request" : "asking again");
      dossier_scheduler_call_resolve (check->call, existing, NULL);
    }

  lost_check_free (check);
}

static void
api_answer_lost (DossierSchedulerCall *call,
                 gpointer              user_data)
{
  ApiRequest *req = user_data;
  g_autofree char *path = NULL;
  g_autofree char *escaped = NULL;
  g_autofree char *url = NULL;
  LostCheck *check;

  if (req->lost_subproduct == NULL)
    {
      dossier_scheduler_call_resolve (call, NULL, dossier_api_error_new_timeout ());
      return;
    }

  check = g_new0 (LostCheck, 1);
  check->api = req->api;
  check->call = call;
  check->subproduct = g_strdup (req->lost_subproduct);

  escaped = g_uri_escape_string (req->lost_client_id, NULL, FALSE);
  path = g_strdup_printf ("/management/clients/individuals/%s/products", escaped);
  url = dossier_api_build_url (req->api, path);
  dossier_api_send (req->api, "GET", url, NULL, dossier_scheduler_call_get_priority (call),
                    FALSE, NULL, NULL, dossier_scheduler_call_get_cancellable (call),
                    lost_list_cb, check);
}

static void
api_send (DossierApi          *self,
          const char          *method,
          const char          *url,
          GBytes              *body,
          DossierApiPriority   priority,
          gboolean             upload,
          const char          *lost_client_id,
          const char          *lost_subproduct,
          DossierApiProgress  *progress,
          GCancellable        *cancellable,
          GAsyncReadyCallback  callback,
          gpointer             user_data)
{
  ApiRequest *req = g_new0 (ApiRequest, 1);

  req->api = g_object_ref (self);
  req->method = g_strdup (method);
  req->url = g_strdup (url);
  req->body = body != NULL ? g_bytes_ref (body) : NULL;
  req->lost_client_id = g_strdup (lost_client_id);
  req->lost_subproduct = g_strdup (lost_subproduct);
  req->progress = progress;

  dossier_scheduler_call_async (self->scheduler, method, priority,
                                upload ? self->upload_ms : self->request_ms,
                                api_send_attempt,
                                lost_subproduct != NULL ? api_answer_lost : NULL,
                                req, (GDestroyNotify) api_request_free,
                                cancellable, callback, user_data);
}

void
dossier_api_send (DossierApi          *self,
                  const char          *method,
                  const char          *url,
                  GBytes              *body,
                  DossierApiPriority   priority,
                  gboolean             upload,
                  const char          *lost_client_id,
                  const char          *lost_subproduct,
                  GCancellable        *cancellable,
                  GAsyncReadyCallback  callback,
                  gpointer             user_data)
{
  api_send (self, method, url, body, priority, upload, lost_client_id, lost_subproduct, NULL,
            cancellable, callback, user_data);
}

void
dossier_api_send_with_progress (DossierApi          *self,
                                const char          *method,
                                const char          *url,
                                GBytes              *body,
                                DossierApiPriority   priority,
                                gboolean             upload,
                                DossierApiProgress  *progress,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  api_send (self, method, url, body, priority, upload, NULL, NULL, progress,
            cancellable, callback, user_data);
}
