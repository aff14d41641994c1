/* dossier-request-status.h — the status of a product request (CONTRACT.md §6.3, §15.2)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum {
  DOSSIER_REQUEST_STATUS_REQUESTED,
  DOSSIER_REQUEST_STATUS_PENDING_DOCUMENTATION,
  DOSSIER_REQUEST_STATUS_IN_KYC,
  DOSSIER_REQUEST_STATUS_ENABLED,
  DOSSIER_REQUEST_STATUS_REJECTED,
  DOSSIER_REQUEST_STATUS_UNKNOWN,
} DossierRequestStatus;

#define DOSSIER_TYPE_REQUEST_STATUS (dossier_request_status_get_type ())
GType                 dossier_request_status_get_type    (void) G_GNUC_CONST;
DossierRequestStatus  dossier_request_status_from_string (const char           *text);
const char           *dossier_request_status_to_string   (DossierRequestStatus  status);
gboolean              dossier_request_status_is_open     (DossierRequestStatus  status);
/* Why a request in this status takes no more documents, as a translated sentence that
 * names the status in words (never its wire string). */
const char           *dossier_request_status_describe_closed (DossierRequestStatus status);

G_END_DECLS
