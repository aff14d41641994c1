/* dossier-api-private.h — what dossier-api.c and dossier-api-calls.c share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <libsoup/soup.h>

#include "dossier-api.h"

G_BEGIN_DECLS

struct _DossierApi
{
  GObject           parent_instance;

  SoupSession      *session;
  DossierScheduler *scheduler;
  char             *base_url;
  char             *api_key;
  guint             connect_ms;
  guint             request_ms;
  guint             upload_ms;
};

/* Access levels of §2.2. */
#define DOSSIER_API_LEVEL_READ  1
#define DOSSIER_API_LEVEL_WRITE 3

/* One request through the scheduler. url is absolute; body may be NULL.
 * lost_client_id + lost_subproduct (both or neither) make a lost answer of
 * this POST look for an existing request first. The callback's source object
 * is the scheduler: finish with dossier_scheduler_call_finish(). */
void     dossier_api_send           (DossierApi          *self,
                                     const char          *method,
                                     const char          *url,
                                     GBytes              *body,
                                     DossierApiPriority   priority,
                                     gboolean             upload,
                                     const char          *lost_client_id,
                                     const char          *lost_subproduct,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data);
/* dossier-api-progress.c: the progress of one call's body, shared by its attempts. */
typedef struct _DossierApiProgress DossierApiProgress;

/* Reports go to the thread-default main context of the calling thread. */
DossierApiProgress *_dossier_api_progress_new   (DossierApiProgressFunc  func,
                                                 gpointer                data,
                                                 GDestroyNotify          destroy);
void                _dossier_api_progress_unref (DossierApiProgress     *progress);
/* An attempt starts writing a body of total bytes (-1: unknown). */
void                _dossier_api_progress_start (DossierApiProgress     *progress,
                                                 gint64                  total);
/* SoupMessage::wrote-body-data: bytes more are on the wire. */
void                _dossier_api_progress_add   (DossierApiProgress     *progress,
                                                 gsize                   bytes);
/* The attempt is over: a report held back by the rate limit is dropped. */
void                _dossier_api_progress_stop  (DossierApiProgress     *progress);

/* dossier_api_send() with a progress report of the body (progress: nullable, transfer full). */
void     dossier_api_send_with_progress (DossierApi          *self,
                                         const char          *method,
                                         const char          *url,
                                         GBytes              *body,
                                         DossierApiPriority   priority,
                                         gboolean             upload,
                                         DossierApiProgress  *progress,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data);

/* NULL for a 2xx, else the error of the answer. */
GError  *dossier_api_check_response (DossierApi          *self,
                                     DossierHttpResponse *response,
                                     guint                access_level);
/* TRUE when url has the scheme, host and port of the base URL. */
gboolean dossier_api_same_origin    (DossierApi          *self,
                                     const char          *url);

/* dossier-api-signals.c: the signals of DossierApi, and their emission for a finished
 * call (source_tag: the call's _async function; nothing for calls without a signal). */
void     _dossier_api_class_install_signals (DossierApiClass *klass);
void     _dossier_api_emit_failure  (DossierApi          *self,
                                     gpointer             source_tag,
                                     const char          *client_id,
                                     const char          *request_id,
                                     const GError        *error);
void     _dossier_api_emit_success  (DossierApi          *self,
                                     gpointer             source_tag,
                                     GObject             *object,
                                     DossierClient       *before,
                                     JsonNode            *document,
                                     const char          *trace_id);

G_END_DECLS
