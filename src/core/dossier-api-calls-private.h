/* dossier-api-calls-private.h — what the endpoints (dossier-api-calls.c) and the paged
 * lists (dossier-api-lists.c) share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "dossier-api-private.h"

G_BEGIN_DECLS

/* CONTRACT.md §8: the collection of individual clients. */
#define CLIENTS_PATH "/management/clients/individuals"

typedef enum {
  DOSSIER_API_RESULT_CLIENT,
  DOSSIER_API_RESULT_REQUEST,
  DOSSIER_API_RESULT_CLIENTS,
  DOSSIER_API_RESULT_REQUESTS,
} DossierApiResultKind;

typedef struct
{
  DossierApiResultKind  kind;
  guint                 level;
  DossierClient        *sent_client;  /* update: what an empty answer returns */
  DossierClient        *before;       /* update: the client before the change, if known */
  char                 *client_id;    /* for the signals */
  char                 *request_id;
  JsonNode             *document;     /* upload: what was sent */
  char                 *trace_id;     /* lists: the last page's */
  GPtrArray            *items;        /* lists: every page so far */
  GHashTable           *visited;      /* lists: page URLs already read */
  char                 *url;
  guint                 pages;
  DossierApiPriority    priority;
} DossierApiCallData;

/* A task of self for one endpoint, with its DossierApiCallData. */
GTask   *_dossier_api_call_new    (DossierApi           *self,
                                   DossierApiResultKind  kind,
                                   guint                 level,
                                   DossierApiPriority    priority,
                                   GCancellable         *cancellable,
                                   GAsyncReadyCallback   callback,
                                   gpointer              user_data,
                                   gpointer              source_tag);
/* The task's result, checking it is one of self's with that source tag. */
gpointer _dossier_api_call_finish (DossierApi           *self,
                                   GAsyncResult         *result,
                                   gpointer              source_tag,
                                   GError              **error);
/* CLIENTS_PATH/{client}[/products[/{request}]][/{action}], ids escaped. */
char    *_dossier_api_client_path (const char           *client_id,
                                   const char           *request_id,
                                   const char           *action);

G_END_DECLS
