/* dossier-product-request.c — a product enablement request (CONTRACT.md §6.3, §6.5, §15.2)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Server-owned, so every property is read-only and changes only through
 * dossier_product_request_update_from(), which notifies what really changed.
 */
#include "config.h"

#include <string.h>

#include "dossier-json.h"
#include "dossier-product-request.h"

struct _DossierProductRequest
{
  GObject               parent_instance;

  char                 *id;
  char                 *client_id;
  char                 *product;
  DossierRequestStatus  status;
  char                 *status_raw;
  DossierRequirements  *requirements;
  char                 *server_description;    /* `rejection_description` as received */
  char                 *rejection_description; /* that, or the fallback */
  GPtrArray            *rejected_items;
  gboolean              has_rejected_items;
  GDateTime            *created_at;
  char                 *created_at_raw;
  GDateTime            *updated_at;
  char                 *updated_at_raw;
};

G_DEFINE_FINAL_TYPE (DossierProductRequest, dossier_product_request, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_CLIENT_ID,
  PROP_PRODUCT,
  PROP_STATUS,
  PROP_STATUS_RAW,
  PROP_REQUIREMENTS,
  PROP_REJECTION_DESCRIPTION,
  PROP_REJECTED_ITEMS,
  PROP_CREATED_AT,
  PROP_UPDATED_AT,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static void
dossier_product_request_finalize (GObject *object)
{
  DossierProductRequest *self = (DossierProductRequest *)object;

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->client_id, g_free);
  g_clear_pointer (&self->product, g_free);
  g_clear_pointer (&self->status_raw, g_free);
  g_clear_object (&self->requirements);
  g_clear_pointer (&self->server_description, g_free);
  g_clear_pointer (&self->rejection_description, g_free);
  g_clear_pointer (&self->rejected_items, g_ptr_array_unref);
  g_clear_pointer (&self->created_at, g_date_time_unref);
  g_clear_pointer (&self->created_at_raw, g_free);
  g_clear_pointer (&self->updated_at, g_date_time_unref);
  g_clear_pointer (&self->updated_at_raw, g_free);

  G_OBJECT_CLASS (dossier_product_request_parent_class)->finalize (object);
}

static void
dossier_product_request_get_property (GObject    *object,
                                      guint       prop_id,
                                      GValue     *value,
                                      GParamSpec *pspec)
{
  DossierProductRequest *self = DOSSIER_PRODUCT_REQUEST (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;

    case PROP_CLIENT_ID:
      g_value_set_string (value, self->client_id);
      break;

    case PROP_PRODUCT:
      g_value_set_string (value, self->product);
      break;

    case PROP_STATUS:
      g_value_set_enum (value, self->status);
      break;

    case PROP_STATUS_RAW:
      g_value_set_string (value, self->status_raw);
      break;

    case PROP_REQUIREMENTS:
      g_value_set_object (value, self->requirements);
      break;

    case PROP_REJECTION_DESCRIPTION:
      g_value_set_string (value, self->rejection_description);
      break;

    case PROP_REJECTED_ITEMS:
      g_value_set_boxed (value, self->rejected_items);
      break;

    case PROP_CREATED_AT:
      g_value_set_boxed (value, self->created_at);
      break;

    case PROP_UPDATED_AT:
      g_value_set_boxed (value, self->updated_at);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dossier_product_request_class_init (DossierProductRequestClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = dossier_product_request_finalize;
  object_class->get_property = dossier_product_request_get_property;

  properties[PROP_ID] = g_param_spec_string ("id", NULL, NULL, NULL, flags);
  properties[PROP_CLIENT_ID] = g_param_spec_string ("client-id", NULL, NULL, "", flags);
  properties[PROP_PRODUCT] = g_param_spec_string ("product", NULL, NULL, "", flags);
  properties[PROP_STATUS] =
    g_param_spec_enum ("status", NULL, NULL, DOSSIER_TYPE_REQUEST_STATUS,
                       DOSSIER_REQUEST_STATUS_UNKNOWN, flags);
  properties[PROP_STATUS_RAW] = g_param_spec_string ("status-raw", NULL, NULL, "", flags);
  properties[PROP_REQUIREMENTS] =
    g_param_spec_object ("requirements", NULL, NULL, DOSSIER_TYPE_REQUIREMENTS, flags);
  properties[PROP_REJECTION_DESCRIPTION] =
    g_param_spec_string ("rejection-description", NULL, NULL, NULL, flags);
  properties[PROP_REJECTED_ITEMS] =
    g_param_spec_boxed ("rejected-items", NULL, NULL, G_TYPE_PTR_ARRAY, flags);
  properties[PROP_CREATED_AT] =
    g_param_spec_boxed ("created-at", NULL, NULL, G_TYPE_DATE_TIME, flags);
  properties[PROP_UPDATED_AT] =
    g_param_spec_boxed ("updated-at", NULL, NULL, G_TYPE_DATE_TIME, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
dossier_product_request_init (DossierProductRequest *self)
{
  self->client_id = g_strdup ("");
  self->product = g_strdup ("");
  self->status = DOSSIER_REQUEST_STATUS_UNKNOWN;
  self->status_raw = g_strdup ("");
  self->rejected_items = g_ptr_array_new_with_free_func ((GDestroyNotify) dossier_rejected_item_free);
}

static gboolean
set_string (DossierProductRequest  *self,
            char                  **field,
            const char             *value,
            guint                   prop)
{
  if (g_strcmp0 (*field, value) == 0)
    return FALSE;

  g_free (*field);
  *field = g_strdup (value);
  if (prop != PROP_0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
  return TRUE;
}

static gboolean
set_timestamp (DossierProductRequest  *self,
               GDateTime             **datetime,
               char                  **raw,
               const char             *text,
               guint                   prop)
{
  g_autoptr(GDateTime) parsed = NULL;

  if (!set_string (self, raw, text, PROP_0))
    return FALSE;

  parsed = text != NULL ? dossier_timestamp_parse (text) : NULL;
  if ((parsed == NULL && *datetime == NULL)
      || (parsed != NULL && *datetime != NULL && g_date_time_equal (parsed, *datetime)))
    return TRUE;

  g_clear_pointer (datetime, g_date_time_unref);
  *datetime = g_steal_pointer (&parsed);
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
  return TRUE;
}

/* The server's description, or for a rejected request without one, the reasons of the
 * latest rejected items, one per line (§15.2). */
static gboolean
refresh_rejection_description (DossierProductRequest *self)
{
  g_autoptr(GString) reasons = NULL;

  if (self->server_description != NULL && !dossier_contract_is_blank (self->server_description))
    return set_string (self, &self->rejection_description, self->server_description,
                       PROP_REJECTION_DESCRIPTION);

  if (self->status != DOSSIER_REQUEST_STATUS_REJECTED)
    return set_string (self, &self->rejection_description, NULL, PROP_REJECTION_DESCRIPTION);

  reasons = g_string_new (NULL);
  for (guint i = 0; i < self->rejected_items->len; i++)
    {
      const DossierRejectedItem *item = g_ptr_array_index (self->rejected_items, i);

      if (dossier_contract_is_blank (item->reason))
        continue;
      if (reasons->len > 0)
        g_string_append_c (reasons, '\n');
      g_string_append (reasons, item->reason);
    }

  return set_string (self, &self->rejection_description,
                     reasons->len > 0 ? reasons->str : NULL, PROP_REJECTION_DESCRIPTION);
}

/* Takes @value when it is not %NULL. */
static void
replace_text (char **field,
              char  *value)
{
  if (value == NULL)
    return;
  g_free (*field);
  *field = value;
}

static void
read_rejected_items (GPtrArray *items,
                     JsonArray *array)
{
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      JsonObject *object;
      g_autofree char *type = NULL;
      g_autofree char *key = NULL;
      g_autofree char *reason = NULL;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        continue;
      object = json_node_get_object (element);
      type = dossier_json_dup_string (object, "type");
      key = dossier_json_dup_string (object, "key");
      reason = dossier_json_dup_string (object, "reason");
      g_ptr_array_add (items, dossier_rejected_item_new (type, key, reason));
    }
}

/**
 * dossier_product_request_new_from_json:
 * @node: a product request, bare or as `{"product": {…}, "rejected_items": […]}` (§15.2)
 * @error: return location for a #GError in %DOSSIER_JSON_ERROR
 *
 * Reads a request tolerantly. Safe to call on a worker thread.
 *
 * Returns: (transfer full) (nullable): the request, or %NULL when @node is not an object
 *   with an `id`
 */
DossierProductRequest *
dossier_product_request_new_from_json (JsonNode  *node,
                                       GError   **error)
{
  g_autoptr(DossierProductRequest) self = NULL;
  g_autofree char *id = NULL;
  JsonObject *object;
  JsonObject *request;
  JsonNode *items;
  char *text;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error_literal (error, DOSSIER_JSON_ERROR, DOSSIER_JSON_ERROR_INVALID,
                           "The product request is not a JSON object");
      return NULL;
    }

  object = json_node_get_object (node);
  request = dossier_json_get_object (object, "product");
  if (request == NULL)
    request = object;

  id = dossier_json_dup_string (request, "id");
  if (id == NULL || *g_strstrip (id) == '\0')
    {
      g_set_error_literal (error, DOSSIER_JSON_ERROR, DOSSIER_JSON_ERROR_INVALID,
                           "The product request has no id");
      return NULL;
    }

  self = g_object_new (DOSSIER_TYPE_PRODUCT_REQUEST, NULL);
  self->id = g_steal_pointer (&id);

  replace_text (&self->client_id, dossier_json_dup_string (request, "client_id"));
  text = dossier_json_dup_string (request, "product");
  if (text == NULL)
    text = dossier_json_dup_string (request, "subproduct");
  replace_text (&self->product, text);
  replace_text (&self->status_raw, dossier_json_dup_string (request, "status"));
  self->status = dossier_request_status_from_string (self->status_raw);

  self->requirements = dossier_requirements_new_from_json (json_object_get_member (request, "missing_requirements"));
  self->server_description = dossier_json_dup_string (request, "rejection_description");

  /* rejected_items comes with the wrapper; tolerate it on a bare request too. */
  items = json_object_get_member (object, "rejected_items");
  if (items == NULL && request != object)
    items = json_object_get_member (request, "rejected_items");
  self->has_rejected_items = request != object || items != NULL;
  read_rejected_items (self->rejected_items,
                       items != NULL && JSON_NODE_HOLDS_ARRAY (items) ? json_node_get_array (items) : NULL);

  text = dossier_json_dup_string (request, "created_at");
  set_timestamp (self, &self->created_at, &self->created_at_raw, text, PROP_CREATED_AT);
  g_free (text);
  text = dossier_json_dup_string (request, "updated_at");
  set_timestamp (self, &self->updated_at, &self->updated_at_raw, text, PROP_UPDATED_AT);
  g_free (text);
  refresh_rejection_description (self);

  return g_steal_pointer (&self);
}

static gboolean
rejected_items_equal (GPtrArray *a,
                      GPtrArray *b)
{
  if (a->len != b->len)
    return FALSE;

  for (guint i = 0; i < a->len; i++)
    {
      const DossierRejectedItem *ia = g_ptr_array_index (a, i);
      const DossierRejectedItem *ib = g_ptr_array_index (b, i);

      if (g_strcmp0 (ia->type, ib->type) != 0 || g_strcmp0 (ia->key, ib->key) != 0
          || g_strcmp0 (ia->reason, ib->reason) != 0)
        return FALSE;
    }
  return TRUE;
}

/**
 * dossier_product_request_update_from:
 * @self: a #DossierProductRequest
 * @newer: the same request as read again
 *
 * Copies every value of @newer into @self in place; only what changed notifies.
 * The requirements object is replaced only when its content differs. When @newer came from
 * a bare request (a list poll), @self keeps its latest rejected items.
 *
 * Returns: %TRUE when anything changed
 */
gboolean
dossier_product_request_update_from (DossierProductRequest *self,
                                     DossierProductRequest *newer)
{
  gboolean changed = FALSE;

  g_return_val_if_fail (DOSSIER_IS_PRODUCT_REQUEST (self), FALSE);
  g_return_val_if_fail (DOSSIER_IS_PRODUCT_REQUEST (newer), FALSE);

  if (self == newer)
    return FALSE;

  g_object_freeze_notify (G_OBJECT (self));

  changed |= set_string (self, &self->id, newer->id, PROP_ID);
  changed |= set_string (self, &self->client_id, newer->client_id, PROP_CLIENT_ID);
  changed |= set_string (self, &self->product, newer->product, PROP_PRODUCT);
  changed |= set_string (self, &self->status_raw, newer->status_raw, PROP_STATUS_RAW);
  if (self->status != newer->status)
    {
      self->status = newer->status;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS]);
      changed = TRUE;
    }

  if (!dossier_requirements_equal (self->requirements, newer->requirements))
    {
      g_set_object (&self->requirements, newer->requirements);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REQUIREMENTS]);
      changed = TRUE;
    }

  if (newer->has_rejected_items)
    {
      self->has_rejected_items = TRUE;
      if (!rejected_items_equal (self->rejected_items, newer->rejected_items))
        {
          g_ptr_array_set_size (self->rejected_items, 0);
          for (guint i = 0; i < newer->rejected_items->len; i++)
            g_ptr_array_add (self->rejected_items,
                             dossier_rejected_item_copy (g_ptr_array_index (newer->rejected_items, i)));
          g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REJECTED_ITEMS]);
          changed = TRUE;
        }
    }

  changed |= set_string (self, &self->server_description, newer->server_description, PROP_0);
  changed |= set_timestamp (self, &self->created_at, &self->created_at_raw, newer->created_at_raw, PROP_CREATED_AT);
  changed |= set_timestamp (self, &self->updated_at, &self->updated_at_raw, newer->updated_at_raw, PROP_UPDATED_AT);
  changed |= refresh_rejection_description (self);

  g_object_thaw_notify (G_OBJECT (self));

  return changed;
}

const char *
dossier_product_request_get_id (DossierProductRequest *self)
{
  g_return_val_if_fail (DOSSIER_IS_PRODUCT_REQUEST (self), NULL);
  return self->id;
}

const char *
dossier_product_request_get_client_id (DossierProductRequest *self)
{
  g_return_val_if_fail (DOSSIER_IS_PRODUCT_REQUEST (self), NULL);
  return self->client_id;
}

const char *
dossier_product_request_get_product (DossierProductRequest *self)
{
  g_return_val_if_fail (DOSSIER_IS_PRODUCT_REQUEST (self), NULL);
  return self->product;
}

DossierRequestStatus
dossier_product_request_get_status (DossierProductRequest *self)
{
  g_return_val_if_fail (DOSSIER_IS_PRODUCT_REQUEST (self), DOSSIER_REQUEST_STATUS_UNKNOWN);
  return self->status;
}

/**
 * dossier_product_request_get_status_raw:
 * @self: a #DossierProductRequest
 *
 * Returns: the status as received, to show verbatim when it is unknown ("" when absent)
 */
const char *
dossier_product_request_get_status_raw (DossierProductRequest *self)
{
  g_return_val_if_fail (DOSSIER_IS_PRODUCT_REQUEST (self), NULL);
  return self->status_raw;
}

/**
 * dossier_product_request_get_requirements:
 * @self: a #DossierProductRequest
 *
 * Returns: (transfer none): the missing requirements, never %NULL (empty when none)
 */
DossierRequirements *
dossier_product_request_get_requirements (DossierProductRequest *self)
{
  g_return_val_if_fail (DOSSIER_IS_PRODUCT_REQUEST (self), NULL);
  return self->requirements;
}

/**
 * dossier_product_request_get_rejection_description:
 * @self: a #DossierProductRequest
 *
 * Returns: (nullable): the server's `rejection_description`; when absent and the request is
 *   rejected, the reasons of the latest rejected items, one per line; else %NULL
 */
const char *
dossier_product_request_get_rejection_description (DossierProductRequest *self)
{
  g_return_val_if_fail (DOSSIER_IS_PRODUCT_REQUEST (self), NULL);
  return self->rejection_description;
}

/**
 * dossier_product_request_get_rejected_items:
 * @self: a #DossierProductRequest
 *
 * Returns: (transfer none) (element-type DossierRejectedItem): the latest rejected items
 */
GPtrArray *
dossier_product_request_get_rejected_items (DossierProductRequest *self)
{
  g_return_val_if_fail (DOSSIER_IS_PRODUCT_REQUEST (self), NULL);
  return self->rejected_items;
}

/**
 * dossier_product_request_has_rejected_items:
 * @self: a #DossierProductRequest
 *
 * Returns: whether a response carrying `rejected_items` (the wrapper of §15.2) was read
 */
gboolean
dossier_product_request_has_rejected_items (DossierProductRequest *self)
{
  g_return_val_if_fail (DOSSIER_IS_PRODUCT_REQUEST (self), FALSE);
  return self->has_rejected_items;
}

GDateTime *
dossier_product_request_get_created_at (DossierProductRequest *self)
{
  g_return_val_if_fail (DOSSIER_IS_PRODUCT_REQUEST (self), NULL);
  return self->created_at;
}

const char *
dossier_product_request_get_created_at_raw (DossierProductRequest *self)
{
  g_return_val_if_fail (DOSSIER_IS_PRODUCT_REQUEST (self), NULL);
  return self->created_at_raw;
}

GDateTime *
dossier_product_request_get_updated_at (DossierProductRequest *self)
{
  g_return_val_if_fail (DOSSIER_IS_PRODUCT_REQUEST (self), NULL);
  return self->updated_at;
}

const char *
dossier_product_request_get_updated_at_raw (DossierProductRequest *self)
{
  g_return_val_if_fail (DOSSIER_IS_PRODUCT_REQUEST (self), NULL);
  return self->updated_at_raw;
}

gboolean
dossier_product_request_is_open (DossierProductRequest *self)
{
  g_return_val_if_fail (DOSSIER_IS_PRODUCT_REQUEST (self), FALSE);
  return dossier_request_status_is_open (self->status);
}
