/* dossier-sandbox-server.c — the SoupServer adapter around DossierSandboxEngine
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An early handler runs dossier_sandbox_engine_begin() on the request line and
 * headers. 411/413 (RESPOND_AND_CLOSE) and `drop` faults take the connection
 * away from libsoup before the body is read (CONTRACT.md §17); everything else
 * is answered from the normal handler, after the body has been read and any
 * injected delay has passed. Steps 5–11 go through
 * dossier_sandbox_engine_finish_async(): an upload whose images are being
 * checked on a worker thread waits paused and holds up nobody else.
 */
#include "config.h"

#include <string.h>

#include "dossier-sandbox-server-private.h"

#define REQUEST_DATA_KEY "dossier-sandbox-request"

typedef struct
{
  DossierSandboxServer   *server;   /* not owned */
  DossierSandboxExchange *exchange;
  gint64                  start_us;
} RequestData;

typedef struct
{
  DossierSandboxServer *server;   /* not owned */
  SoupServerMessage    *msg;      /* owned */
  GSource              *source;   /* not owned */
} DelayData;

typedef struct
{
  DossierSandboxServer *server;        /* not owned; valid while cancellable is not cancelled */
  SoupServerMessage    *msg;           /* owned */
  GCancellable         *cancellable;   /* the server's */
} FinishJob;

static void
request_data_free (gpointer data)
{
  RequestData *request = data;

  g_clear_pointer (&request->exchange, dossier_sandbox_exchange_free);
  g_free (request);
}

/* Writes the access line of --verbose: never keys, never bodies. */
static void
log_request (DossierSandboxServer *self,
             const char           *method,
             const char           *path,
             guint                 status,
             gint64                start_us,
             const char           *trace_id)
{
  g_autoptr(GString) safe = NULL;
  gint64 ms;

  if (!self->verbose)
    return;

  safe = g_string_sized_new (strlen (path));
  for (const char *p = path; *p; p++)
    g_string_append_c (safe, g_ascii_isprint (*p) && *p != ' ' ? *p : '?');

  ms = (g_get_monotonic_time () - start_us) / 1000;
  if (status)
    g_printerr ("%s %s %u %" G_GINT64_FORMAT "ms trace=%s\n",
                method, safe->str, status, ms, trace_id ? trace_id : "-");
  else
    g_printerr ("%s %s - %" G_GINT64_FORMAT "ms trace=%s\n",
                method, safe->str, ms, trace_id ? trace_id : "-");
}

/* The client's address as text, kept on the connection's remote address (one object
 * per connection): a keep-alive connection formats it once, not on every request. */
static const char *
remote_host (SoupServerMessage *msg)
{
  static GQuark quark;
  GSocketAddress *address = soup_server_message_get_remote_address (msg);
  const char *host;

  if (address == NULL)
    return soup_server_message_get_remote_host (msg);
  if (G_UNLIKELY (quark == 0))
    quark = g_quark_from_static_string ("dossier-sandbox-remote-host");
  host = g_object_get_qdata (G_OBJECT (address), quark);
  if (host == NULL)
    {
      host = soup_server_message_get_remote_host (msg);
      if (host == NULL)
        return NULL;
      g_object_set_qdata_full (G_OBJECT (address), quark, g_strdup (host), g_free);
      host = g_object_get_qdata (G_OBJECT (address), quark);
    }
  return host;
}

static void
copy_header_cb (const char *name,
                const char *value,
                gpointer    user_data)
{
  soup_message_headers_append (user_data, name, value);
}

static void
send_response (SoupServerMessage      *msg,
               DossierSandboxResponse *response)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);

  soup_server_message_set_status (msg, response->status, NULL);
  soup_message_headers_foreach (response->headers, copy_header_cb, headers);
  soup_message_headers_set_content_length (headers, g_bytes_get_size (response->body));
  soup_message_body_append_bytes (soup_server_message_get_response_body (msg), response->body);
}

/* ---- the two handlers ---- */

static void answer             (DossierSandboxServer *self,
                                SoupServerMessage    *msg,
                                RequestData          *request);
static void finish_done_cb     (GObject              *object,
                                GAsyncResult         *result,
                                gpointer              user_data);
static void finish_job_free    (FinishJob            *job);

/* Nothing left to read: no Content-Length (or 0) and no chunked body. */
static gboolean
has_no_body (SoupServerMessage *msg)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);

  switch (soup_message_headers_get_encoding (headers))
    {
    case SOUP_ENCODING_NONE:
      return TRUE;
    case SOUP_ENCODING_CONTENT_LENGTH:
      return soup_message_headers_get_content_length (headers) == 0;
    case SOUP_ENCODING_UNRECOGNIZED:
    case SOUP_ENCODING_EOF:
    case SOUP_ENCODING_CHUNKED:
    case SOUP_ENCODING_BYTERANGES:
    default:
      return FALSE;
    }
}

/* A request without a body, no delay to wait: steps 5–11 run now, from the early
 * handler. Once a status is set libsoup skips its own handler lookup and got-body
 * round for the message (bench-sandbox: the GETs the app polls with). Returns FALSE,
 * with @exchange untouched, when the engine went on a worker instead (it never does
 * without a body: only an upload's pictures are checked there). */
static gboolean
answer_from_early_handler (DossierSandboxServer   *self,
                           SoupServerMessage      *msg,
                           DossierSandboxExchange *exchange,
                           gint64                  start_us)
{
  static GBytes *empty;
  FinishJob *job = g_new0 (FinishJob, 1);
  RequestData request = { self, exchange, start_us };

  if (g_once_init_enter (&empty))
    g_once_init_leave (&empty, g_bytes_new_static ("", 0));

  job->server = self;
  job->msg = g_object_ref (msg);
  job->cancellable = g_object_ref (self->cancellable);
  if (!dossier_sandbox_engine_finish_start (self->engine, exchange, empty, self->cancellable,
                                            finish_done_cb, job))
    return FALSE;
  finish_job_free (job);
  answer (self, msg, &request);
  dossier_sandbox_exchange_free (exchange);
  return TRUE;
}

static void
early_handler_cb (SoupServer        *server,
                  SoupServerMessage *msg,
                  const char        *path,
                  GHashTable        *query,
                  gpointer           user_data)
{
  DossierSandboxServer *self = user_data;
  DossierSandboxRequestLine line;
  DossierSandboxExchange *exchange;
  RequestData *request;
  gint64 start_us = g_get_monotonic_time ();
  const char *client_ip;

  client_ip = remote_host (msg);
  line.method = soup_server_message_get_method (msg);
  line.path = g_uri_get_path (soup_server_message_get_uri (msg));
  line.headers = soup_server_message_get_request_headers (msg);
  line.client_ip = client_ip ? client_ip : "127.0.0.1";

  exchange = dossier_sandbox_engine_begin (self->engine, &line);

  switch (dossier_sandbox_exchange_get_action (exchange))
    {
    case DOSSIER_SANDBOX_ACTION_RESPOND_AND_CLOSE:
      {
        g_autoptr(DossierSandboxResponse) response = dossier_sandbox_exchange_steal_response (exchange);
        g_autoptr(GBytes) bytes = _dossier_sandbox_server_serialize_response (response);

        log_request (self, line.method, line.path, response->status, start_us,
                     dossier_sandbox_exchange_get_trace_id (exchange));
        dossier_sandbox_exchange_free (exchange);
        _dossier_sandbox_server_steal_and_close (self, msg, bytes);
        return;
      }

    case DOSSIER_SANDBOX_ACTION_DROP:
      log_request (self, line.method, line.path, 0, start_us,
                   dossier_sandbox_exchange_get_trace_id (exchange));
      dossier_sandbox_exchange_free (exchange);
      _dossier_sandbox_server_steal_and_close (self, msg, NULL);
      return;

    case DOSSIER_SANDBOX_ACTION_CONTINUE:
      if (dossier_sandbox_exchange_get_delay_ms (exchange) == 0 && has_no_body (msg))
        {
          gboolean answered = answer_from_early_handler (self, msg, exchange, start_us);

          if (answered)
            return;
          /* On a worker after all: wait for it, as finish() does. */
          request = g_new0 (RequestData, 1);
          request->server = self;
          request->exchange = exchange;
          request->start_us = start_us;
          g_object_set_data_full (G_OBJECT (msg), REQUEST_DATA_KEY, request, request_data_free);
          soup_server_message_pause (msg);
          return;
        }
      G_GNUC_FALLTHROUGH;
    case DOSSIER_SANDBOX_ACTION_RESPOND:
    default:
      request = g_new0 (RequestData, 1);
      request->server = self;
      request->exchange = exchange;
      request->start_us = start_us;
      g_object_set_data_full (G_OBJECT (msg), REQUEST_DATA_KEY, request, request_data_free);
      return;
    }
}

/* Answers msg from its finished exchange. */
static void
answer (DossierSandboxServer *self,
        SoupServerMessage    *msg,
        RequestData          *request)
{
  DossierSandboxExchange *exchange = request->exchange;
  const char *method = soup_server_message_get_method (msg);
  const char *path = g_uri_get_path (soup_server_message_get_uri (msg));
  g_autoptr(DossierSandboxResponse) response = NULL;

  if (dossier_sandbox_exchange_get_action (exchange) == DOSSIER_SANDBOX_ACTION_DROP)
    {
      log_request (self, method, path, 0, request->start_us,
                   dossier_sandbox_exchange_get_trace_id (exchange));
      _dossier_sandbox_server_steal_and_close (self, msg, NULL);
      return;
    }

  response = dossier_sandbox_exchange_steal_response (exchange);
  if (response == NULL)
    {
      soup_server_message_set_status (msg, SOUP_STATUS_INTERNAL_SERVER_ERROR, NULL);
      return;
    }
  send_response (msg, response);
  log_request (self, method, path, response->status, request->start_us,
               dossier_sandbox_exchange_get_trace_id (exchange));
}

static void
finish_job_free (FinishJob *job)
{
  g_clear_object (&job->msg);
  g_clear_object (&job->cancellable);
  g_free (job);
}

/* Answers msg, then resumes it if paused (a stolen connection has nothing to resume). */
static void
answer_and_resume (DossierSandboxServer *self,
                   SoupServerMessage    *msg,
                   RequestData          *request,
                   gboolean              paused)
{
  gboolean drop = dossier_sandbox_exchange_get_action (request->exchange) == DOSSIER_SANDBOX_ACTION_DROP;

  answer (self, msg, request);
  /* The response set on a paused message goes out once the I/O resumes. */
  if (paused && !drop)
    soup_server_message_unpause (msg);
}

static void
finish_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  FinishJob *job = user_data;
  gboolean ok = dossier_sandbox_engine_finish_finish (DOSSIER_SANDBOX_ENGINE (object), result, NULL);
  RequestData *request;

  /* The server is gone (or going): nothing left to do but let go. */
  if (!ok && g_cancellable_is_cancelled (job->cancellable))
    {
      finish_job_free (job);
      return;
    }

  request = g_object_get_data (G_OBJECT (job->msg), REQUEST_DATA_KEY);
  if (!ok || request == NULL)
    {
      soup_server_message_set_status (job->msg, SOUP_STATUS_INTERNAL_SERVER_ERROR, NULL);
      soup_server_message_unpause (job->msg);
    }
  else
    answer_and_resume (job->server, job->msg, request, TRUE);
  finish_job_free (job);
}

/* Steps 5–11: answered at once, except an upload being checked (paused until the callback). */
static void
finish (DossierSandboxServer *self,
        SoupServerMessage    *msg,
        RequestData          *request,
        gboolean              paused)
{
  g_autoptr(GBytes) body = soup_message_body_flatten (soup_server_message_get_request_body (msg));
  FinishJob *job = g_new0 (FinishJob, 1);

  job->server = self;
  job->msg = g_object_ref (msg);
  job->cancellable = g_object_ref (self->cancellable);
  if (dossier_sandbox_engine_finish_start (self->engine, request->exchange, body,
                                           self->cancellable, finish_done_cb, job))
    {
      /* Answered now: no callback will come. */
      finish_job_free (job);
      answer_and_resume (self, msg, request, paused);
    }
  else if (!paused)
    soup_server_message_pause (msg);
}

static void
delay_data_free (gpointer data)
{
  DelayData *delay = data;

  g_clear_object (&delay->msg);
  g_free (delay);
}

static gboolean
delay_done_cb (gpointer user_data)
{
  DelayData *delay = user_data;
  DossierSandboxServer *self = delay->server;
  RequestData *request = g_object_get_data (G_OBJECT (delay->msg), REQUEST_DATA_KEY);

  if (request != NULL)
    finish (self, delay->msg, request, TRUE);
  else
    soup_server_message_unpause (delay->msg);

  /* Removing it destroys the source (this callback's return value is then moot). */
  g_hash_table_remove (self->delays, delay->source);
  return G_SOURCE_REMOVE;
}

static void
handler_cb (SoupServer        *server,
            SoupServerMessage *msg,
            const char        *path,
            GHashTable        *query,
            gpointer           user_data)
{
  DossierSandboxServer *self = user_data;
  RequestData *request = g_object_get_data (G_OBJECT (msg), REQUEST_DATA_KEY);
  guint delay_ms;
  DelayData *delay;

  if (request == NULL)
    {
      soup_server_message_set_status (msg, SOUP_STATUS_INTERNAL_SERVER_ERROR, NULL);
      return;
    }

  /* Decided by steps 2–3 already (fault, rate limit). */
  if (dossier_sandbox_exchange_get_action (request->exchange) != DOSSIER_SANDBOX_ACTION_CONTINUE)
    {
      answer (self, msg, request);
      return;
    }

  delay_ms = dossier_sandbox_exchange_get_delay_ms (request->exchange);
  if (delay_ms == 0)
    {
      finish (self, msg, request, FALSE);
      return;
    }

  soup_server_message_pause (msg);
  delay = g_new0 (DelayData, 1);
  delay->server = self;
  delay->msg = g_object_ref (msg);
  delay->source = g_timeout_source_new (delay_ms);
  g_source_set_callback (delay->source, delay_done_cb, delay, delay_data_free);
  g_hash_table_add (self->delays, delay->source);
  g_source_attach (delay->source, self->context);
}

/* ---- life cycle ---- */

static void
delay_source_destroy (gpointer data)
{
  GSource *source = data;

  g_source_destroy (source);
  g_source_unref (source);
}

DossierSandboxServer *
dossier_sandbox_server_new (DossierSandboxEngine *engine,
                            gboolean              verbose)
{
  DossierSandboxServer *self;

  g_return_val_if_fail (DOSSIER_IS_SANDBOX_ENGINE (engine), NULL);

  self = g_new0 (DossierSandboxServer, 1);
  self->engine = g_object_ref (engine);
  self->verbose = verbose;
  self->context = g_main_context_ref_thread_default ();
  self->delays = g_hash_table_new_full (NULL, NULL, delay_source_destroy, NULL);
  self->closings = g_hash_table_new (NULL, NULL);
  self->cancellable = g_cancellable_new ();
  self->server = soup_server_new ("server-header", NULL, NULL);
  soup_server_add_early_handler (self->server, NULL, early_handler_cb, self, NULL);
  soup_server_add_handler (self->server, NULL, handler_cb, self, NULL);

  return self;
}

guint
dossier_sandbox_server_get_port (DossierSandboxServer *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->port;
}

void
dossier_sandbox_server_free (DossierSandboxServer *self)
{
  GHashTableIter iter;
  gpointer key;

  if (self == NULL)
    return;

  /* Pending finishes return at once (cancelled) and only drop their message. */
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_hash_table_destroy (self->delays);
  g_hash_table_iter_init (&iter, self->closings);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      CloseJob *job = key;

      /* The job frees itself once its pending operation completes (cancelled). */
      job->server = NULL;
      g_cancellable_cancel (job->cancellable);
    }
  g_hash_table_destroy (self->closings);

  _dossier_sandbox_server_stop_listening (self);
  soup_server_disconnect (self->server);
  g_clear_object (&self->server);
  g_clear_object (&self->engine);
  g_main_context_unref (self->context);
  g_free (self);
}
