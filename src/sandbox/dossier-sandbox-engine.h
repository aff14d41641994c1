/* dossier-sandbox-engine.h — the sandbox's request handling, independent of any transport
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * (method, path, headers, body) in, (status, headers, body) out. The SoupServer
 * adapter (dossier-sandbox-server.c), the unit tests and the fuzz targets all
 * drive the sandbox through this header and nothing else. Every function must
 * be called on the thread that owns the engine (the sandbox thread).
 *
 * A request goes through two calls, following CONTRACT.md §1.5:
 *
 *  1. dossier_sandbox_engine_begin() with the request line and headers only
 *     (steps 1–4: admin routing, fault matching, rate limiting, body framing).
 *     The returned exchange says what the transport must do next:
 *     RESPOND (answer now or after reading the body, either is fine),
 *     RESPOND_AND_CLOSE (answer without reading the body, then close: 411/413),
 *     DROP (close without sending a byte), or CONTINUE (read the body, wait
 *     dossier_sandbox_exchange_get_delay_ms(), then call _finish()).
 *  2. dossier_sandbox_engine_finish() with the body (steps 5–11). Afterwards
 *     the action is RESPOND, or DROP for a `drop_after` fault (the request was
 *     executed, its answer must be lost).
 *     dossier_sandbox_engine_finish_async() / _finish_finish() do the same but
 *     run the document checks of an upload (§10, a pixel decode) on a worker
 *     thread, one at a time, so the engine's thread keeps serving meanwhile.
 */
#pragma once

#include <gio/gio.h>
#include <libsoup/soup.h>

G_BEGIN_DECLS

#define DOSSIER_SANDBOX_MAX_BODY_BYTES 33554432

#define DOSSIER_SANDBOX_ERROR (dossier_sandbox_error_quark ())

typedef enum
{
  DOSSIER_SANDBOX_ERROR_CONFIG,      /* bad option value: exit status 2 */
  DOSSIER_SANDBOX_ERROR_CATALOGUE,   /* unreadable or invalid catalogue: exit status 2 */
  DOSSIER_SANDBOX_ERROR_STATE,       /* unreadable or invalid state file: exit status 2 */
  DOSSIER_SANDBOX_ERROR_STATE_WRITE, /* state file not writable: exit status 1 */
} DossierSandboxError;

GQuark dossier_sandbox_error_quark (void);

/* Clocks, injectable for tests. Both return microseconds. */
typedef gint64 (*DossierSandboxClockFunc) (gpointer user_data);

/* ---- configuration (the command line of CONTRACT.md §14, as data) ---- */

typedef struct _DossierSandboxConfig DossierSandboxConfig;

DossierSandboxConfig *dossier_sandbox_config_new                (void);
DossierSandboxConfig *dossier_sandbox_config_copy               (const DossierSandboxConfig *config);
void                  dossier_sandbox_config_free               (DossierSandboxConfig *config);
/* "KEY" or "KEY:LEVEL" exactly as §14 reads --api-key; FALSE + DOSSIER_SANDBOX_ERROR_CONFIG when invalid */
gboolean              dossier_sandbox_config_add_key            (DossierSandboxConfig *config,
                                                                 const char           *spec,
                                                                 GError              **error);
const char           *dossier_sandbox_config_get_first_key      (const DossierSandboxConfig *config);
void                  dossier_sandbox_config_set_rate_limit     (DossierSandboxConfig *config,
                                                                 guint                 per_second);
void                  dossier_sandbox_config_set_review_delay   (DossierSandboxConfig *config,
                                                                 double                seconds);
void                  dossier_sandbox_config_set_admin          (DossierSandboxConfig *config,
                                                                 gboolean              enabled);
void                  dossier_sandbox_config_set_state_file     (DossierSandboxConfig *config,
                                                                 const char           *path);
void                  dossier_sandbox_config_set_catalogue_file (DossierSandboxConfig *config,
                                                                 const char           *path);
void                  dossier_sandbox_config_set_demo           (DossierSandboxConfig *config,
                                                                 gboolean              demo);
void                  dossier_sandbox_config_set_verbose        (DossierSandboxConfig *config,
                                                                 gboolean              verbose);
gboolean              dossier_sandbox_config_get_verbose        (const DossierSandboxConfig *config);
/* Monotonic clock for the rate limiter (default g_get_monotonic_time). */
void                  dossier_sandbox_config_set_monotonic_clock (DossierSandboxConfig   *config,
                                                                  DossierSandboxClockFunc func,
                                                                  gpointer                user_data);
/* Real UTC wall clock, µs since the epoch, before the sandbox offset (default g_get_real_time). */
void                  dossier_sandbox_config_set_wall_clock      (DossierSandboxConfig   *config,
                                                                  DossierSandboxClockFunc func,
                                                                  gpointer                user_data);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DossierSandboxConfig, dossier_sandbox_config_free)

/* ---- one response ---- */

typedef struct
{
  guint               status;
  SoupMessageHeaders *headers;   /* Content-Type, X-Trace-Id, and Retry-After / Allow when they apply */
  GBytes             *body;      /* never NULL */
} DossierSandboxResponse;

void dossier_sandbox_response_free (DossierSandboxResponse *response);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DossierSandboxResponse, dossier_sandbox_response_free)

/* ---- one exchange (one HTTP request) ---- */

typedef enum
{
  DOSSIER_SANDBOX_ACTION_RESPOND,
  DOSSIER_SANDBOX_ACTION_RESPOND_AND_CLOSE,
  DOSSIER_SANDBOX_ACTION_DROP,
  DOSSIER_SANDBOX_ACTION_CONTINUE,
} DossierSandboxAction;

typedef struct
{
  const char         *method;     /* as received, e.g. "GET" */
  const char         *path;       /* already normalised by the HTTP layer (§1.1), no query */
  SoupMessageHeaders *headers;    /* request headers */
  const char         *client_ip;  /* source address, e.g. "127.0.0.1" */
} DossierSandboxRequestLine;

typedef struct _DossierSandboxExchange DossierSandboxExchange;

DossierSandboxAction    dossier_sandbox_exchange_get_action   (DossierSandboxExchange *exchange);
guint                   dossier_sandbox_exchange_get_delay_ms (DossierSandboxExchange *exchange);
/* (transfer none) valid for RESPOND and RESPOND_AND_CLOSE; NULL otherwise */
DossierSandboxResponse *dossier_sandbox_exchange_get_response (DossierSandboxExchange *exchange);
/* (transfer full) for the adapter to send it and keep the exchange alive no longer */
DossierSandboxResponse *dossier_sandbox_exchange_steal_response (DossierSandboxExchange *exchange);
const char             *dossier_sandbox_exchange_get_trace_id (DossierSandboxExchange *exchange);
void                    dossier_sandbox_exchange_free         (DossierSandboxExchange *exchange);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DossierSandboxExchange, dossier_sandbox_exchange_free)

/* ---- the engine ---- */

#define DOSSIER_TYPE_SANDBOX_ENGINE (dossier_sandbox_engine_get_type ())
G_DECLARE_FINAL_TYPE (DossierSandboxEngine, dossier_sandbox_engine, DOSSIER, SANDBOX_ENGINE, GObject)

/* Loads the catalogue and the state file (when configured). With demo set and
 * no state yet, seeds the demo clients. */
DossierSandboxEngine   *dossier_sandbox_engine_new       (const DossierSandboxConfig      *config,
                                                          GError                         **error);
DossierSandboxExchange *dossier_sandbox_engine_begin     (DossierSandboxEngine            *self,
                                                          const DossierSandboxRequestLine *line);
void                    dossier_sandbox_engine_finish    (DossierSandboxEngine            *self,
                                                          DossierSandboxExchange          *exchange,
                                                          GBytes                          *body);
/* Step 2 with the §10 check of an upload off-thread; everything else is done
 * before it returns. @exchange must stay alive until @callback, which runs on
 * the caller's thread-default context. Cancelling makes finish_finish() fail
 * with G_IO_ERROR_CANCELLED at once; nothing is stored then. */
/* The transport's entry point: TRUE when complete now (no callback), FALSE when
 * an upload is checked on a worker and @callback will run. */
gboolean                dossier_sandbox_engine_finish_start  (DossierSandboxEngine        *self,
                                                              DossierSandboxExchange      *exchange,
                                                              GBytes                      *body,
                                                              GCancellable                *cancellable,
                                                              GAsyncReadyCallback          callback,
                                                              gpointer                     user_data);
void                    dossier_sandbox_engine_finish_async  (DossierSandboxEngine        *self,
                                                              DossierSandboxExchange      *exchange,
                                                              GBytes                      *body,
                                                              GCancellable                *cancellable,
                                                              GAsyncReadyCallback          callback,
                                                              gpointer                     user_data);
/* Re-checks the state the check could not see, stores or rejects the upload,
 * then sets the exchange's action and response exactly as _finish() does. */
gboolean                dossier_sandbox_engine_finish_finish (DossierSandboxEngine        *self,
                                                              GAsyncResult                *result,
                                                              GError                     **error);
/* Both steps at once, ignoring delays: for unit tests and fuzzing.
 * Returns NULL when the connection would be dropped (a `drop` fault, or a
 * `drop_after` fault after the request was executed). */
DossierSandboxResponse *dossier_sandbox_engine_dispatch  (DossierSandboxEngine            *self,
                                                          const char                      *method,
                                                          const char                      *path,
                                                          SoupMessageHeaders              *headers,
                                                          const char                      *client_ip,
                                                          GBytes                          *body);
/* Writes the state file now (SIGINT/SIGTERM); TRUE when there is none. */
gboolean                dossier_sandbox_engine_save      (DossierSandboxEngine            *self,
                                                          GError                         **error);
/* Catalogue product ids, in catalogue order (NULL-terminated, transfer full). */
char                  **dossier_sandbox_engine_dup_product_ids (DossierSandboxEngine      *self);
/* Human name of a catalogue product (the catalogue's `name`), or NULL. */
const char             *dossier_sandbox_engine_get_product_name (DossierSandboxEngine     *self,
                                                                 const char               *product_id);
gboolean                dossier_sandbox_engine_get_verbose (DossierSandboxEngine          *self);

G_END_DECLS
