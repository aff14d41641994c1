/* dossier-http-response.c — one HTTP answer, whatever its status
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "dossier-http-response.h"

DossierHttpResponse *
dossier_http_response_new (guint   status,
                           GBytes *body)
{
  DossierHttpResponse *response = g_new0 (DossierHttpResponse, 1);

  response->status = status;
  response->body = body != NULL ? g_bytes_ref (body) : g_bytes_new (NULL, 0);

  return response;
}

DossierHttpResponse *
dossier_http_response_copy (const DossierHttpResponse *response)
{
  DossierHttpResponse *copy = dossier_http_response_new (response->status, response->body);

  copy->reason_phrase = g_strdup (response->reason_phrase);
  copy->content_type = g_strdup (response->content_type);
  copy->trace_id = g_strdup (response->trace_id);
  copy->retry_after = g_strdup (response->retry_after);

  return copy;
}

void
dossier_http_response_free (DossierHttpResponse *response)
{
  if (response == NULL)
    return;

  g_free (response->reason_phrase);
  g_free (response->content_type);
  g_free (response->trace_id);
  g_free (response->retry_after);
  g_bytes_unref (response->body);
  g_free (response);
}
