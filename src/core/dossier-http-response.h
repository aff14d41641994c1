/* dossier-http-response.h — one HTTP answer, whatever its status
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* One HTTP answer, whatever its status. */
typedef struct
{
  guint   status;
  char   *reason_phrase;
  char   *content_type;
  char   *trace_id;      /* X-Trace-Id */
  char   *retry_after;   /* the raw header */
  GBytes *body;          /* never NULL */
} DossierHttpResponse;

DossierHttpResponse *dossier_http_response_new  (guint                      status,
                                                 GBytes                    *body);
DossierHttpResponse *dossier_http_response_copy (const DossierHttpResponse *response);
void                 dossier_http_response_free (DossierHttpResponse       *response);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DossierHttpResponse, dossier_http_response_free)

G_END_DECLS
