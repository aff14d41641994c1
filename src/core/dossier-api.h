/* dossier-api.h — the CryptoMate Management API client (CONTRACT.md §8, §15)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One SoupSession (TLS verification on, User-Agent Dossier/<version>), the
 * headers of §15.1, one _async/_finish pair per endpoint. Every call passes
 * through the DossierScheduler (budget, priorities, deadlines, retries).
 * Errors are in DOSSIER_API_ERROR (dossier-api-error.h) or G_IO_ERROR_CANCELLED.
 * Belongs to the thread that created it (the main thread). After each successful call
 * it emits a signal carrying the result and the answer's X-Trace-Id, and `failure` when
 * a call that changes something fails (see dossier_api_class_init() in dossier-api.c).
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "dossier-account.h"
#include "dossier-api-error.h"
#include "dossier-client.h"
#include "dossier-product-request.h"
#include "dossier-scheduler.h"

G_BEGIN_DECLS

/* Deadlines of §15.5, in milliseconds. */
#define DOSSIER_API_CONNECT_TIMEOUT_MS 10000
#define DOSSIER_API_REQUEST_TIMEOUT_MS 30000
#define DOSSIER_API_UPLOAD_TIMEOUT_MS  120000

#define DOSSIER_TYPE_API (dossier_api_get_type ())
G_DECLARE_FINAL_TYPE (DossierApi, dossier_api, DOSSIER, API, GObject)

/* base_url: e.g. "https://api.cryptomate.me" or "http://127.0.0.1:PORT"
 * (trailing slashes removed, a path prefix kept, §1.1). The key is copied. */
DossierApi            *dossier_api_new                     (const char          *base_url,
                                                            const char          *api_key);
/* Uses the account's base URL and its key (loaded or handed over). */
DossierApi            *dossier_api_new_for_account         (DossierAccount      *account);
/* scheduler: NULL makes one; tests pass one with a fake clock or a lower rate. */
DossierApi            *dossier_api_new_with_scheduler      (const char          *base_url,
                                                            const char          *api_key,
                                                            DossierScheduler    *scheduler);

const char            *dossier_api_get_base_url            (DossierApi          *self);
DossierScheduler      *dossier_api_get_scheduler           (DossierApi          *self);
void                   dossier_api_set_timeouts            (DossierApi          *self,
                                                            guint                connect_ms,
                                                            guint                request_ms,
                                                            guint                upload_ms);
/* base_url + path exactly as sent (§1.1). */
char                  *dossier_api_build_url               (DossierApi          *self,
                                                            const char          *path);

/* GET /management/clients/individuals, every page (≤ 100), parsed on a worker.
 * Returns: (element-type DossierClient) (transfer full). */
void                   dossier_api_list_clients_async      (DossierApi          *self,
                                                            DossierApiPriority   priority,
                                                            GCancellable        *cancellable,
                                                            GAsyncReadyCallback  callback,
                                                            gpointer             user_data);
GPtrArray             *dossier_api_list_clients_finish     (DossierApi          *self,
                                                            GAsyncResult        *result,
                                                            GError             **error);

void                   dossier_api_get_client_async        (DossierApi          *self,
                                                            const char          *client_id,
                                                            DossierApiPriority   priority,
                                                            GCancellable        *cancellable,
                                                            GAsyncReadyCallback  callback,
                                                            gpointer             user_data);
DossierClient         *dossier_api_get_client_finish       (DossierApi          *self,
                                                            GAsyncResult        *result,
                                                            GError             **error);

/* POST with the client's strict body (dossier_client_to_json). */
void                   dossier_api_create_client_async     (DossierApi          *self,
                                                            DossierClient       *client,
                                                            DossierApiPriority   priority,
                                                            GCancellable        *cancellable,
                                                            GAsyncReadyCallback  callback,
                                                            gpointer             user_data);
/* POST with body as given (an object). */
void                   dossier_api_create_client_from_json_async (DossierApi    *self,
                                                            JsonNode            *body,
                                                            DossierApiPriority   priority,
                                                            GCancellable        *cancellable,
                                                            GAsyncReadyCallback  callback,
                                                            gpointer             user_data);
DossierClient         *dossier_api_create_client_finish    (DossierApi          *self,
                                                            GAsyncResult        *result,
                                                            GError             **error);

/* PUT the whole client (full replacement, §15.3). An empty 2xx answer returns
 * a copy of the client that was sent. */
void                   dossier_api_update_client_async     (DossierApi          *self,
                                                            DossierClient       *client,
                                                            DossierApiPriority   priority,
                                                            GCancellable        *cancellable,
                                                            GAsyncReadyCallback  callback,
                                                            gpointer             user_data);
/* The same, telling the client as it was before (nullable), for DossierApi::client-updated;
 * finish with dossier_api_update_client_finish(). */
void                   dossier_api_update_client_with_before_async (DossierApi  *self,
                                                            DossierClient       *client,
                                                            DossierClient       *before,
                                                            DossierApiPriority   priority,
                                                            GCancellable        *cancellable,
                                                            GAsyncReadyCallback  callback,
                                                            gpointer             user_data);
DossierClient         *dossier_api_update_client_finish    (DossierApi          *self,
                                                            GAsyncResult        *result,
                                                            GError             **error);

/* POST …/products {"subproduct"}. If the answer is lost, the client's products
 * are listed first and an open request for that product is returned instead of
 * asking again. The product-request finishes below return NULL without an error
 * when the server answered 2xx with an empty body. */
void                   dossier_api_request_product_async   (DossierApi          *self,
                                                            const char          *client_id,
                                                            const char          *subproduct,
                                                            DossierApiPriority   priority,
                                                            GCancellable        *cancellable,
                                                            GAsyncReadyCallback  callback,
                                                            gpointer             user_data);
DossierProductRequest *dossier_api_request_product_finish  (DossierApi          *self,
                                                            GAsyncResult        *result,
                                                            GError             **error);

/* GET …/products. Returns: (element-type DossierProductRequest) (transfer full). */
void                   dossier_api_list_products_async     (DossierApi          *self,
                                                            const char          *client_id,
                                                            DossierApiPriority   priority,
                                                            GCancellable        *cancellable,
                                                            GAsyncReadyCallback  callback,
                                                            gpointer             user_data);
GPtrArray             *dossier_api_list_products_finish    (DossierApi          *self,
                                                            GAsyncResult        *result,
                                                            GError             **error);

/* POST …/documentation {"document": document}; the 120 s deadline. The request
 * that comes back carries the rejected items (dossier_product_request_get_rejected_items). */
void                   dossier_api_upload_document_async   (DossierApi          *self,
                                                            const char          *client_id,
                                                            const char          *request_id,
                                                            JsonNode            *document,
                                                            DossierApiPriority   priority,
                                                            GCancellable        *cancellable,
                                                            GAsyncReadyCallback  callback,
                                                            gpointer             user_data);
/* How much of a call's body is on the wire: @sent of @total bytes (@total is -1 when the
 * size is unknown). */
typedef void (*DossierApiProgressFunc) (gint64    sent,
                                        gint64    total,
                                        gpointer  user_data);

/* dossier_api_upload_document_async() telling how far the body is: @progress (nullable) runs
 * on the thread-default main context of the caller of this function, at most about 30 times
 * a second, and always once with sent == total when the whole body is written (a retried
 * attempt starts again from 0). @progress_destroy (nullable) frees @progress_data once no
 * report can come any more. Finish with dossier_api_upload_document_finish(). */
void                   dossier_api_upload_document_with_progress_async (DossierApi *self,
                                                            const char          *client_id,
                                                            const char          *request_id,
                                                            JsonNode            *document,
                                                            DossierApiPriority   priority,
                                                            DossierApiProgressFunc progress,
                                                            gpointer             progress_data,
                                                            GDestroyNotify       progress_destroy,
                                                            GCancellable        *cancellable,
                                                            GAsyncReadyCallback  callback,
                                                            gpointer             user_data);
DossierProductRequest *dossier_api_upload_document_finish  (DossierApi          *self,
                                                            GAsyncResult        *result,
                                                            GError             **error);

/* POST …/submit, no body. */
void                   dossier_api_submit_async            (DossierApi          *self,
                                                            const char          *client_id,
                                                            const char          *request_id,
                                                            DossierApiPriority   priority,
                                                            GCancellable        *cancellable,
                                                            GAsyncReadyCallback  callback,
                                                            gpointer             user_data);
DossierProductRequest *dossier_api_submit_finish           (DossierApi          *self,
                                                            GAsyncResult        *result,
                                                            GError             **error);

G_END_DECLS
