/* dossier-sandbox-private.h — the engine's internal state, shared by its endpoint files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Only the dossier-sandbox-{engine,engine-finish,clients,requests,documents,admin,state,demo}.c
 * files include this header. Times are sandbox-clock microseconds since the epoch
 * (real UTC time plus the admin offset, CONTRACT.md §1.4).
 */
#pragma once

#include <json-glib/json-glib.h>

#include "dossier-sandbox-catalogue.h"
#include "dossier-sandbox-document-check.h"
#include "dossier-sandbox-engine.h"
#include "dossier-sandbox-faults.h"
#include "dossier-sandbox-json.h"
#include "dossier-sandbox-limiter.h"

G_BEGIN_DECLS

#define DOSSIER_SANDBOX_VERSION "0.1.0"
#define DOSSIER_SANDBOX_ID_LENGTH 32

struct _DossierSandboxConfig
{
  GHashTable             *keys;            /* key → GUINT_TO_POINTER (level) */
  char                   *first_key;       /* the first key given, for the app's account */
  guint                   rate_limit;
  double                  review_delay;
  gboolean                admin;
  char                   *state_file;
  char                   *catalogue_file;
  gboolean                demo;
  gboolean                verbose;
  DossierSandboxClockFunc monotonic_clock;
  gpointer                monotonic_data;
  DossierSandboxClockFunc wall_clock;
  gpointer                wall_data;
};

typedef enum
{
  DOSSIER_SANDBOX_STATUS_REQUESTED,
  DOSSIER_SANDBOX_STATUS_PENDING_DOCUMENTATION,
  DOSSIER_SANDBOX_STATUS_IN_KYC,
  DOSSIER_SANDBOX_STATUS_ENABLED,
  DOSSIER_SANDBOX_STATUS_REJECTED,
} DossierSandboxStatus;

typedef enum
{
  DOSSIER_SANDBOX_OUTCOME_NONE,
  DOSSIER_SANDBOX_OUTCOME_ENABLED,
  DOSSIER_SANDBOX_OUTCOME_REJECTED,
  DOSSIER_SANDBOX_OUTCOME_HELD,
} DossierSandboxOutcome;

typedef struct
{
  char                    *document_type;   /* catalogue id */
  char                    *group_id;
  JsonNode                *metadata;        /* object, as sent ({} when none) */
  DossierSandboxImageInfo  front;
  DossierSandboxImageInfo  back;
  gint64                   accepted_at;
} DossierSandboxDocument;

typedef struct _DossierSandboxRequest DossierSandboxRequest;

/* A documentation upload that passed the §8.7 checks and waits for its §10 check. */
typedef struct _DossierSandboxUpload DossierSandboxUpload;

typedef struct
{
  char       *id;
  JsonObject *data;            /* stored members: core, address, catalogue and unknown ones */
  gint64      created_at;
  gint64      updated_at;
  GPtrArray  *requests;        /* (element-type DossierSandboxRequest) not owned, creation order */
  GBytes     *cache;           /* serialised client, valid for cache_status */
  const char *cache_status;
} DossierSandboxClient;

struct _DossierSandboxRequest
{
  char                  *id;
  DossierSandboxClient  *client;
  char                  *product;
  DossierSandboxStatus   status;
  gint64                 created_at;
  gint64                 updated_at;
  char                  *rejection_description;
  GPtrArray             *documents;          /* (element-type DossierSandboxDocument) oldest first */
  DossierSandboxOutcome  stored_outcome;     /* admin §13.6, for a later review */
  char                  *stored_description;
  DossierSandboxOutcome  review_outcome;     /* fixed at submit while in_kyc */
  char                  *review_description;
  gint64                 review_due;
};

struct _DossierSandboxExchange
{
  DossierSandboxAction    action;
  guint                   delay_ms;
  DossierSandboxResponse *response;
  char                    trace_id[DOSSIER_SANDBOX_ID_LENGTH + 1];
  char                   *method;
  char                   *path;
  char                   *client_ip;
  SoupMessageHeaders     *headers;
  gboolean                admin;
  gboolean                drop_after;
  gboolean                executed;
};

struct _DossierSandboxEngine
{
  GObject                  parent_instance;

  DossierSandboxConfig    *config;
  DossierSandboxCatalogue *catalogue;
  DossierSandboxLimiter   *limiter;
  DossierSandboxFaults    *faults;

  GHashTable              *clients;        /* id → DossierSandboxClient (owned) */
  GPtrArray               *client_order;   /* creation order, not owned */
  GHashTable              *requests;       /* id → DossierSandboxRequest (owned) */
  GHashTable              *issued_ids;     /* every id handed out by this engine */
  gint64                   offset;         /* sandbox clock offset, µs, never decreases */
  gboolean                 loading;        /* no saving while loading or seeding */
  gint64                   next_due;       /* earliest due review (G_MININT64: unknown) */
};

/* What a handler gets: the exchange, the resources of the path, the parsed body. */
typedef struct
{
  DossierSandboxEngine   *engine;
  DossierSandboxExchange *exchange;
  DossierSandboxClient   *client;
  DossierSandboxRequest  *request;
  const char             *path_id;       /* admin routes: the request id of the path */
  JsonObject             *body;          /* NULL for GET, submit and bodiless admin calls */
  DossierSandboxUpload  **upload;        /* non-NULL: the documentation handler hands its
                                          * §10 check over here instead of running it */
} DossierSandboxCall;

/* engine.c: responses, clock, ids, persistence hooks */
DossierSandboxResponse *_dossier_sandbox_response_new    (guint        status,
                                                          const char  *trace_id,
                                                          const char  *content_type,
                                                          GBytes      *body);
DossierSandboxResponse *_dossier_sandbox_response_json   (const char  *trace_id,
                                                          JsonNode    *node);
DossierSandboxResponse *_dossier_sandbox_response_bytes  (const char  *trace_id,
                                                          GBytes      *json);
DossierSandboxResponse *_dossier_sandbox_response_error  (const char  *trace_id,
                                                          guint        status,
                                                          const char  *code,
                                                          const char  *format,
                                                          ...) G_GNUC_PRINTF (4, 5);
DossierSandboxResponse *_dossier_sandbox_response_envelope (const char  *trace_id,
                                                            guint        status,
                                                            const char  *code_member,
                                                            const char  *code,
                                                            const char  *message);
DossierSandboxResponse *_dossier_sandbox_response_rate_limited (const char *trace_id,
                                                                guint       retry_after);
DossierSandboxExchange *_dossier_sandbox_exchange_new     (const DossierSandboxRequestLine *line);
void                    _dossier_sandbox_exchange_respond (DossierSandboxExchange *exchange,
                                                           DossierSandboxAction    action,
                                                           DossierSandboxResponse *response);
DossierSandboxResponse *_dossier_sandbox_response_bad_type (const char  *trace_id,
                                                            const char  *path,
                                                            JsonNodeType type,
                                                            GType        value_type);
DossierSandboxResponse *_dossier_sandbox_response_validation (const char *trace_id,
                                                              GPtrArray  *problems);

gint64      _dossier_sandbox_engine_now            (DossierSandboxEngine *self);
void        _dossier_sandbox_engine_today          (DossierSandboxEngine *self,
                                                    GDate                *date);
char       *_dossier_sandbox_format_time           (gint64                time);
char       *_dossier_sandbox_engine_new_id         (DossierSandboxEngine *self);
void        _dossier_sandbox_engine_changed        (DossierSandboxEngine *self);
void        _dossier_sandbox_engine_clear_data     (DossierSandboxEngine *self);
DossierSandboxResponse *_dossier_sandbox_engine_run (DossierSandboxEngine *self,
                                                     const char           *method,
                                                     const char           *path,
                                                     const char           *body);
/* Steps 6–11 (or the admin API) for an exchange: the response, or NULL when
 * upload is non-NULL and a documentation upload was handed over to it. */
DossierSandboxResponse *_dossier_sandbox_engine_handle (DossierSandboxEngine   *self,
                                                        DossierSandboxExchange *exchange,
                                                        GBytes                 *body,
                                                        DossierSandboxUpload  **upload);

/* clients.c */
DossierSandboxClient *_dossier_sandbox_client_new        (const char           *id);
void                  _dossier_sandbox_client_free       (DossierSandboxClient *client);
const char           *_dossier_sandbox_client_status     (DossierSandboxClient *client);
GBytes               *_dossier_sandbox_client_to_bytes   (DossierSandboxClient *client);
DossierSandboxResponse *_dossier_sandbox_clients_list    (DossierSandboxCall   *call);
DossierSandboxResponse *_dossier_sandbox_clients_get     (DossierSandboxCall   *call);
DossierSandboxResponse *_dossier_sandbox_clients_create  (DossierSandboxCall   *call);
DossierSandboxResponse *_dossier_sandbox_clients_update  (DossierSandboxCall   *call);

/* requests.c */
const char            *_dossier_sandbox_status_to_string (DossierSandboxStatus   status);
gboolean               _dossier_sandbox_status_from_string (const char          *text,
                                                            DossierSandboxStatus *status);
const char            *_dossier_sandbox_outcome_to_string (DossierSandboxOutcome outcome);
DossierSandboxOutcome  _dossier_sandbox_outcome_from_string (const char         *text);
DossierSandboxRequest *_dossier_sandbox_request_new      (void);
void                   _dossier_sandbox_request_free     (DossierSandboxRequest *request);
void                   _dossier_sandbox_document_free    (DossierSandboxDocument *document);
GHashTable            *_dossier_sandbox_request_satisfied (DossierSandboxRequest *request);
void                   _dossier_sandbox_request_changed  (DossierSandboxRequest *request);
JsonNode              *_dossier_sandbox_request_to_json  (DossierSandboxEngine  *self,
                                                          DossierSandboxRequest *request);
JsonNode              *_dossier_sandbox_request_result   (DossierSandboxEngine  *self,
                                                          DossierSandboxRequest *request,
                                                          JsonArray             *rejected);
void                   _dossier_sandbox_rejected_add     (JsonArray             *rejected,
                                                          const char            *key,
                                                          const char            *reason);
void                   _dossier_sandbox_request_complete_review (DossierSandboxRequest *request,
                                                                 DossierSandboxOutcome  outcome,
                                                                 const char            *description,
                                                                 gint64                 when);
gboolean               _dossier_sandbox_engine_apply_due_reviews (DossierSandboxEngine *self);
DossierSandboxResponse *_dossier_sandbox_requests_create (DossierSandboxCall    *call);
DossierSandboxResponse *_dossier_sandbox_requests_list   (DossierSandboxCall    *call);
DossierSandboxResponse *_dossier_sandbox_requests_submit (DossierSandboxCall    *call);

/* documents.c */
DossierSandboxResponse *_dossier_sandbox_documents_add   (DossierSandboxCall    *call);
JsonNode               *_dossier_sandbox_document_to_json (DossierSandboxDocument *document);
/* The §10 check of an upload: touches nothing but the upload (any thread). */
void                    _dossier_sandbox_upload_check    (DossierSandboxUpload   *upload);
/* After the check, on the engine's thread: re-checks the state that may have
 * changed meanwhile, then stores the document or lists the rejected items. */
DossierSandboxResponse *_dossier_sandbox_upload_complete (DossierSandboxEngine   *self,
                                                          DossierSandboxExchange *exchange,
                                                          DossierSandboxUpload   *upload);
void                    _dossier_sandbox_upload_free     (DossierSandboxUpload   *upload);

/* admin.c */
DossierSandboxResponse *_dossier_sandbox_admin_handle    (DossierSandboxEngine   *self,
                                                          DossierSandboxExchange *exchange,
                                                          GBytes                 *body);

/* state.c */
gboolean _dossier_sandbox_state_load  (DossierSandboxEngine *self,
                                       gboolean             *found,
                                       GError              **error);
gboolean _dossier_sandbox_state_save  (DossierSandboxEngine *self,
                                       GError              **error);

/* demo.c */
void     _dossier_sandbox_demo_seed   (DossierSandboxEngine *self);

G_END_DECLS
