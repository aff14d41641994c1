/* dossier-product-request.h — a product enablement request (CONTRACT.md §6.3, §6.5, §15.2)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>
#include <json-glib/json-glib.h>

#include "dossier-requirements.h"

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

/* One entry of `rejected_items` (§6.5); strings never NULL. */
typedef struct {
  char *type;
  char *key;
  char *reason;
} DossierRejectedItem;

#define DOSSIER_TYPE_REJECTED_ITEM (dossier_rejected_item_get_type ())
GType                dossier_rejected_item_get_type (void) G_GNUC_CONST;
DossierRejectedItem *dossier_rejected_item_new      (const char                *type,
                                                     const char                *key,
                                                     const char                *reason);
DossierRejectedItem *dossier_rejected_item_copy     (const DossierRejectedItem *item);
void                 dossier_rejected_item_free     (DossierRejectedItem       *item);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DossierRejectedItem, dossier_rejected_item_free)

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

G_END_DECLS
