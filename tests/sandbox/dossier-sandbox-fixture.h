/* dossier-sandbox-fixture.h — shared fixture of the `sandbox` HTTP test suite
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A DossierSandbox on its own thread and a random port, a SoupSession on the
 * main thread, and helpers that send one request and iterate the default main
 * context until its answer is in (TESTING.md §11).
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "dossier-sandbox.h"

G_BEGIN_DECLS

#define DS_KEY      "test-key-3"     /* level 3 */
#define DS_LOW_KEY  "test-key-1"     /* level 1 */
#define DS_CLIENTS  "/management/clients/individuals"

typedef struct
{
  DossierSandbox *sandbox;
  SoupSession    *session;
  char           *state_file;   /* NULL: memory only */
  guint           watchdog;
  gboolean        new_connections;  /* never reuse a connection (no silent resend by libsoup) */
} DsFixture;

typedef struct _DsPending DsPending;

typedef struct
{
  guint               status;      /* 0 on a transport error */
  SoupMessageHeaders *headers;
  GBytes             *body;
  JsonNode           *json;        /* NULL when the body is not JSON */
  GError             *error;       /* the transport error, if any */
} DsResponse;

void        ds_response_free            (DsResponse *response);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DsResponse, ds_response_free)

/* A config with DS_KEY:3 and DS_LOW_KEY:1, rate limiting off, review delay 10 s. */
DossierSandboxConfig *ds_config_new     (void);

/* setup with a default config; setup_full copies config (may be NULL = ds_config_new()). */
void        ds_fixture_setup            (DsFixture                  *f,
                                         gconstpointer               data);
void        ds_fixture_setup_full       (DsFixture                  *f,
                                         const DossierSandboxConfig *config);
void        ds_fixture_teardown         (DsFixture                  *f,
                                         gconstpointer               data);
/* Stops and starts again with config (same state file if one is set in it). */
void        ds_fixture_restart          (DsFixture                  *f,
                                         const DossierSandboxConfig *config);

char       *ds_url                      (DsFixture                  *f,
                                         const char                 *path);

/* Sends one request; key NULL = no x-api-key header; body NULL = no body. */
DsResponse *ds_send                     (DsFixture                  *f,
                                         const char                 *method,
                                         const char                 *path,
                                         const char                 *key,
                                         const char                 *body);
DsResponse *ds_send_headers             (DsFixture                  *f,
                                         const char                 *method,
                                         const char                 *path,
                                         SoupMessageHeaders         *extra,
                                         const char                 *body);
/* The admin API (no key). */
DsResponse *ds_admin                    (DsFixture                  *f,
                                         const char                 *method,
                                         const char                 *path,
                                         const char                 *body);

/* One request in flight: begin, then wait (iterates the default context). */
DsPending  *ds_send_begin               (DsFixture                  *f,
                                         const char                 *method,
                                         const char                 *path,
                                         const char                 *key,
                                         const char                 *body);
gboolean    ds_pending_is_done          (DsPending                  *pending);
DsResponse *ds_pending_wait             (DsPending                  *pending);
/* Iterates the default context for ms milliseconds. */
void        ds_sleep                    (guint                       ms);

/* Several requests in flight at once; returns when all are answered. */
GPtrArray  *ds_send_parallel            (DsFixture                  *f,
                                         guint                       n,
                                         const char                 *method,
                                         const char * const         *paths,
                                         const char                 *key,
                                         const char * const         *bodies);

/* A raw exchange over a fresh TCP connection: writes request, reads until the
 * server closes (or timeout_ms), returns everything read. */
GBytes     *ds_raw_exchange             (DsFixture                  *f,
                                         const char                 *request,
                                         guint                       timeout_ms,
                                         gboolean                   *closed);

/* Assertions */
void        ds_assert_trace_id          (DsResponse                 *r);
void        ds_assert_status            (DsResponse                 *r,
                                         guint                       status);
/* status + JSON envelope + `code` (or `error_code` for 429) + trace id. */
void        ds_assert_error             (DsResponse                 *r,
                                         guint                       status,
                                         const char                 *code);
JsonObject *ds_object                   (DsResponse                 *r);
JsonArray  *ds_array                    (DsResponse                 *r);
const char *ds_string                   (DsResponse                 *r,
                                         const char                 *member);
const char *ds_message                  (DsResponse                 *r);

/* Bodies and resources */
char       *ds_client_body              (const char                 *last_name,
                                         const char                 *email,
                                         gboolean                    with_phone);
char       *ds_create_client            (DsFixture                  *f,
                                         const char                 *last_name,
                                         const char                 *email,
                                         gboolean                    with_phone);
char       *ds_request_product          (DsFixture                  *f,
                                         const char                 *client_id,
                                         const char                 *product);
char       *ds_products_path            (const char                 *client_id,
                                         const char                 *request_id,
                                         const char                 *action);
char       *ds_passport_body            (const char                 *image,
                                         const char                 *number);
DsResponse *ds_upload_passport          (DsFixture                  *f,
                                         const char                 *client_id,
                                         const char                 *request_id);
JsonObject *ds_find_request             (DsResponse                 *list,
                                         const char                 *request_id);
void        ds_advance_clock            (DsFixture                  *f,
                                         double                      seconds);

/* Images: a real JPEG/PNG of that size as bytes, or as a data URI. */
GBytes     *ds_image_bytes              (int                         width,
                                         int                         height,
                                         const char                 *format);
char       *ds_image_data_uri           (int                         width,
                                         int                         height,
                                         const char                 *format);
/* today + days on the sandbox clock (UTC), YYYY-MM-DD. */
char       *ds_date_from_today          (int                         days);

G_END_DECLS
