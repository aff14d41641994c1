/* dossier-request-summary.c — what the client list shows of a client's product requests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "dossier-product-request.h"
#include "dossier-request-summary.h"

G_DEFINE_BOXED_TYPE (DossierRequestSummary, dossier_request_summary,
                     dossier_request_summary_copy, dossier_request_summary_free)

static gint64
usec (GDateTime *time)
{
  return time != NULL ? g_date_time_to_unix (time) * G_USEC_PER_SEC + g_date_time_get_microsecond (time) : 0;
}

/* A rejection stands until the product is requested again. */
static void
note_rejection (DossierRequestSummary *summary,
                GPtrArray             *requests,
                DossierProductRequest *rejected)
{
  gint64 created = usec (dossier_product_request_get_created_at (rejected));
  gint64 decided = usec (dossier_product_request_get_updated_at (rejected));

  for (guint i = 0; i < requests->len; i++)
    {
      DossierProductRequest *other = g_ptr_array_index (requests, i);

      if (other != rejected &&
          g_strcmp0 (dossier_product_request_get_product (other),
                     dossier_product_request_get_product (rejected)) == 0 &&
          usec (dossier_product_request_get_created_at (other)) > created)
        return;
    }
  decided = MAX (MAX (decided, created), 1);
  summary->rejected_at = MAX (summary->rejected_at, decided);
}

/**
 * dossier_request_summary_new_from_list:
 * @requests: (element-type DossierProductRequest): one client's requests
 * @checked_at: when they were fetched, UTC microseconds
 *
 * Returns: (transfer full): the counts the list's badges, filters and sorts use
 */
DossierRequestSummary *
dossier_request_summary_new_from_list (GPtrArray *requests,
                                       gint64     checked_at)
{
  DossierRequestSummary *summary = g_new0 (DossierRequestSummary, 1);

  summary->checked_at = checked_at;
  for (guint i = 0; requests != NULL && i < requests->len; i++)
    {
      DossierProductRequest *request = g_ptr_array_index (requests, i);
      DossierRequestStatus status = dossier_product_request_get_status (request);
      DossierRequirements *missing = dossier_product_request_get_requirements (request);
      GDateTime *created = dossier_product_request_get_created_at (request);

      summary->n_requests++;
      if (status == DOSSIER_REQUEST_STATUS_REJECTED)
        note_rejection (summary, requests, request);
      if (!dossier_request_status_is_open (status))
        continue;

      summary->n_open++;
      if ((status == DOSSIER_REQUEST_STATUS_REQUESTED
           || status == DOSSIER_REQUEST_STATUS_PENDING_DOCUMENTATION)
          && missing != NULL && !dossier_requirements_is_empty (missing))
        summary->n_waiting++;
      if (status == DOSSIER_REQUEST_STATUS_IN_KYC)
        summary->n_in_review++;

      if (created != NULL)
        {
          gint64 since = g_date_time_to_unix (created) * G_USEC_PER_SEC
                         + g_date_time_get_microsecond (created);

          if (summary->oldest_open == 0 || since < summary->oldest_open)
            summary->oldest_open = since;
        }
    }

  return summary;
}

/**
 * dossier_request_summary_new_from_json:
 * @requests: a JSON array of product requests as the server sent them
 * @checked_at: when they were fetched, UTC microseconds
 *
 * Elements that cannot be read are left out. Safe on any thread.
 *
 * Returns: (transfer full): the summary
 */
DossierRequestSummary *
dossier_request_summary_new_from_json (JsonNode *requests,
                                       gint64    checked_at)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func (g_object_unref);

  if (requests != NULL && JSON_NODE_HOLDS_ARRAY (requests))
    {
      JsonArray *array = json_node_get_array (requests);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          DossierProductRequest *request;

          request = dossier_product_request_new_from_json (json_array_get_element (array, i), NULL);
          if (request != NULL)
            g_ptr_array_add (list, request);
        }
    }

  return dossier_request_summary_new_from_list (list, checked_at);
}

DossierRequestSummary *
dossier_request_summary_copy (const DossierRequestSummary *summary)
{
  return g_memdup2 (summary, sizeof *summary);
}

void
dossier_request_summary_free (DossierRequestSummary *summary)
{
  g_free (summary);
}

gboolean
dossier_request_summary_equal (const DossierRequestSummary *a,
                               const DossierRequestSummary *b)
{
  if (a == NULL || b == NULL)
    return a == b;

  return memcmp (a, b, sizeof *a) == 0;
}

/**
 * dossier_request_summary_get_waiting_days:
 * @summary: (nullable): a summary
 * @now: UTC microseconds
 *
 * Returns: whole days since the oldest open request was made (0 without one)
 */
guint
dossier_request_summary_get_waiting_days (const DossierRequestSummary *summary,
                                          gint64                       now)
{
  if (summary == NULL || summary->oldest_open == 0 || now <= summary->oldest_open)
    return 0;

  return (guint) ((now - summary->oldest_open) / G_TIME_SPAN_DAY);
}

/**
 * dossier_request_summary_waits_on_me:
 * @summary: (nullable): a summary
 *
 * Only a submit moves a request out of requested or pending documentation (CONTRACT.md §8):
 * such a request waits on this desk even when nothing is missing any more.
 *
 * Returns: whether an open request is not in review
 */
gboolean
dossier_request_summary_waits_on_me (const DossierRequestSummary *summary)
{
  return summary != NULL && summary->n_open > summary->n_in_review;
}

guint
dossier_request_summary_get_rejected_days (const DossierRequestSummary *summary,
                                           gint64                       now)
{
  if (summary == NULL || summary->rejected_at == 0 || now <= summary->rejected_at)
    return 0;

  return (guint) ((now - summary->rejected_at) / G_TIME_SPAN_DAY);
}
