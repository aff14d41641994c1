/* dossier-request-status.c — the status of a product request, mapped from its wire string
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Wire strings are compared by an explicit table (STYLE.md §3.1), case-insensitively
 * (§15.2); anything else is DOSSIER_REQUEST_STATUS_UNKNOWN and the caller keeps the text.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "dossier-json.h"
#include "dossier-request-status.h"

G_DEFINE_ENUM_TYPE (DossierRequestStatus, dossier_request_status,
  G_DEFINE_ENUM_VALUE (DOSSIER_REQUEST_STATUS_REQUESTED, "requested"),
  G_DEFINE_ENUM_VALUE (DOSSIER_REQUEST_STATUS_PENDING_DOCUMENTATION, "pending_documentation"),
  G_DEFINE_ENUM_VALUE (DOSSIER_REQUEST_STATUS_IN_KYC, "in_kyc"),
  G_DEFINE_ENUM_VALUE (DOSSIER_REQUEST_STATUS_ENABLED, "enabled"),
  G_DEFINE_ENUM_VALUE (DOSSIER_REQUEST_STATUS_REJECTED, "rejected"),
  G_DEFINE_ENUM_VALUE (DOSSIER_REQUEST_STATUS_UNKNOWN, "unknown"))

static const char * const status_names[] = {
  [DOSSIER_REQUEST_STATUS_REQUESTED] = "requested",
  [DOSSIER_REQUEST_STATUS_PENDING_DOCUMENTATION] = "pending_documentation",
  [DOSSIER_REQUEST_STATUS_IN_KYC] = "in_kyc",
  [DOSSIER_REQUEST_STATUS_ENABLED] = "enabled",
  [DOSSIER_REQUEST_STATUS_REJECTED] = "rejected",
};

/**
 * dossier_request_status_from_string:
 * @text: (nullable): a status as received
 *
 * Returns: the status, compared ignoring case (§15.2); %DOSSIER_REQUEST_STATUS_UNKNOWN for
 *   anything else (keep the text to show it verbatim)
 */
DossierRequestStatus
dossier_request_status_from_string (const char *text)
{
  for (guint i = 0; i < G_N_ELEMENTS (status_names); i++)
    {
      if (dossier_json_enum_equal (text, status_names[i]))
        return i;
    }
  return DOSSIER_REQUEST_STATUS_UNKNOWN;
}

/**
 * dossier_request_status_to_string:
 * @status: a status
 *
 * Returns: the contract's spelling, or "unknown"
 */
const char *
dossier_request_status_to_string (DossierRequestStatus status)
{
  if ((guint) status < G_N_ELEMENTS (status_names))
    return status_names[status];
  return "unknown";
}

/**
 * dossier_request_status_is_open:
 * @status: a status
 *
 * Returns: whether the request still moves: requested, pending_documentation or in_kyc
 */
gboolean
dossier_request_status_is_open (DossierRequestStatus status)
{
  return status == DOSSIER_REQUEST_STATUS_REQUESTED
         || status == DOSSIER_REQUEST_STATUS_PENDING_DOCUMENTATION
         || status == DOSSIER_REQUEST_STATUS_IN_KYC;
}

/**
 * dossier_request_status_describe_closed:
 * @status: the status of a request that is no longer open
 *
 * Returns: a sentence saying the request takes no more documents and why, in words
 */
const char *
dossier_request_status_describe_closed (DossierRequestStatus status)
{
  switch (status)
    {
    case DOSSIER_REQUEST_STATUS_ENABLED:
      return _("The request no longer takes documents: it has been enabled.");
    case DOSSIER_REQUEST_STATUS_REJECTED:
      return _("The request no longer takes documents: it has been rejected.");
    case DOSSIER_REQUEST_STATUS_IN_KYC:
      return _("The request no longer takes documents: it is in review.");
    case DOSSIER_REQUEST_STATUS_REQUESTED:
    case DOSSIER_REQUEST_STATUS_PENDING_DOCUMENTATION:
    case DOSSIER_REQUEST_STATUS_UNKNOWN:
    default:
      return _("The request no longer takes documents.");
    }
}
