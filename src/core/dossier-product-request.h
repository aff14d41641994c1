/* dossier-product-request.h — a product enablement request (CONTRACT.md §6.3, §6.5, §15.2)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>
#include <json-glib/json-glib.h>

#include "dossier-rejected-item.h"
#include "dossier-request-status.h"
#include "dossier-requirements.h"

G_BEGIN_DECLS

#define DOSSIER_TYPE_PRODUCT_REQUEST (dossier_product_request_get_type ())
G_DECLARE_FINAL_TYPE (DossierProductRequest, dossier_product_request, DOSSIER, PRODUCT_REQUEST, GObject)

DossierProductRequest *dossier_product_request_new_from_json         (JsonNode              *node,
                                                                      GError               **error);
gboolean               dossier_product_request_update_from           (DossierProductRequest *self,
                                                                      DossierProductRequest *newer);

const char            *dossier_product_request_get_id                (DossierProductRequest *self);
const char            *dossier_product_request_get_client_id         (DossierProductRequest *self);
const char            *dossier_product_request_get_product           (DossierProductRequest *self);
DossierRequestStatus   dossier_product_request_get_status            (DossierProductRequest *self);
const char            *dossier_product_request_get_status_raw        (DossierProductRequest *self);
DossierRequirements   *dossier_product_request_get_requirements      (DossierProductRequest *self);
const char            *dossier_product_request_get_rejection_description (DossierProductRequest *self);
GPtrArray             *dossier_product_request_get_rejected_items    (DossierProductRequest *self);
gboolean               dossier_product_request_has_rejected_items    (DossierProductRequest *self);
GDateTime             *dossier_product_request_get_created_at        (DossierProductRequest *self);
const char            *dossier_product_request_get_created_at_raw    (DossierProductRequest *self);
GDateTime             *dossier_product_request_get_updated_at        (DossierProductRequest *self);
const char            *dossier_product_request_get_updated_at_raw    (DossierProductRequest *self);
gboolean               dossier_product_request_is_open               (DossierProductRequest *self);

/* The requests in the server's shape (§6.3), as the journal keeps them:
 * (element-type DossierProductRequest) in, a JSON array node (transfer full) out. */
JsonNode              *dossier_product_requests_to_json (GPtrArray *requests);

G_END_DECLS
