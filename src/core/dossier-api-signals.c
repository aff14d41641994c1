/* dossier-api-signals.c — what DossierApi tells after a call: its signals
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each signal is emitted after a successful call, just before its callback runs;
 * `trace_id` is the answer's X-Trace-Id (nullable). Handlers must not block.
 */
#include "config.h"

#include "dossier-api-private.h"

void
_dossier_api_class_install_signals (DossierApiClass *klass)
{
  GType type = G_TYPE_FROM_CLASS (klass);

  /**
   * DossierApi::client-created:
   * @client: the client as the server returned it
   * @trace_id: (nullable): the answer's X-Trace-Id
   */
  g_signal_new ("client-created", type, G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                G_TYPE_NONE, 2, DOSSIER_TYPE_CLIENT, G_TYPE_STRING);

  /**
   * DossierApi::client-fetched:
   * @client: the client as the server returned it (GET one client)
   * @trace_id: (nullable): the answer's X-Trace-Id
   */
  g_signal_new ("client-fetched", type, G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                G_TYPE_NONE, 2, DOSSIER_TYPE_CLIENT, G_TYPE_STRING);

  /**
   * DossierApi::client-updated:
   * @client: the client as the server returned it (as sent when the answer was empty)
   * @before: (nullable): the client before the change, when the caller told it
   *   (dossier_api_update_client_with_before_async())
   * @trace_id: (nullable): the answer's X-Trace-Id
   */
  g_signal_new ("client-updated", type, G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                G_TYPE_NONE, 3, DOSSIER_TYPE_CLIENT, DOSSIER_TYPE_CLIENT, G_TYPE_STRING);

  /**
   * DossierApi::product-requested:
   * @request: the new (or, after a lost answer, the existing open) request
   * @trace_id: (nullable): the answer's X-Trace-Id
   */
  g_signal_new ("product-requested", type, G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                G_TYPE_NONE, 2, DOSSIER_TYPE_PRODUCT_REQUEST, G_TYPE_STRING);

  /**
   * DossierApi::products-listed:
   * @client_id: the client
   * @requests: (element-type DossierProductRequest): every request, every page
   * @trace_id: (nullable): the last page's X-Trace-Id
   */
  g_signal_new ("products-listed", type, G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                G_TYPE_NONE, 3, G_TYPE_STRING, G_TYPE_PTR_ARRAY, G_TYPE_STRING);

  /**
   * DossierApi::document-uploaded:
   * @request: the request as the server returned it (with its rejected items)
   * @document: the document object that was sent (a JsonNode)
   * @trace_id: (nullable): the answer's X-Trace-Id
   */
  g_signal_new ("document-uploaded", type, G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                G_TYPE_NONE, 3, DOSSIER_TYPE_PRODUCT_REQUEST, JSON_TYPE_NODE, G_TYPE_STRING);

  /**
   * DossierApi::submitted:
   * @request: the request as the server returned it after the submit
   * @trace_id: (nullable): the answer's X-Trace-Id
   */
  g_signal_new ("submitted", type, G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                G_TYPE_NONE, 2, DOSSIER_TYPE_PRODUCT_REQUEST, G_TYPE_STRING);

  /**
   * DossierApi::failure:
   * @operation: "create-client", "update-client", "request-product",
   *   "upload-document" or "submit"
   * @client_id: (nullable): the client, when known
   * @request_id: (nullable): the product request, when there is one
   * @error: the error the caller receives (never a cancellation)
   * @trace_id: (nullable): the failed answer's X-Trace-Id
   *
   * Emitted when a call that changes something fails.
   */
  g_signal_new ("failure", type, G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                G_TYPE_NONE, 5, G_TYPE_STRING, G_TYPE_STRING, G_TYPE_STRING, G_TYPE_ERROR,
                G_TYPE_STRING);
}

static const char *
failure_operation (gpointer source_tag)
{
  if (source_tag == dossier_api_create_client_async)
    return "create-client";
  if (source_tag == dossier_api_update_client_async)
    return "update-client";
  if (source_tag == dossier_api_request_product_async)
    return "request-product";
  if (source_tag == dossier_api_upload_document_async)
    return "upload-document";
  if (source_tag == dossier_api_submit_async)
    return "submit";
  return NULL;
}

void
_dossier_api_emit_failure (DossierApi   *self,
                           gpointer      source_tag,
                           const char   *client_id,
                           const char   *request_id,
                           const GError *error)
{
  const char *operation = failure_operation (source_tag);

  if (operation == NULL || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  g_signal_emit_by_name (self, "failure", operation, client_id, request_id, error,
                         error->domain == DOSSIER_API_ERROR ? dossier_api_error_get_trace_id (error) : NULL);
}

void
_dossier_api_emit_success (DossierApi    *self,
                           gpointer       source_tag,
                           GObject       *object,
                           DossierClient *before,
                           JsonNode      *document,
                           const char    *trace_id)
{
  if (object == NULL)
    return;

  if (source_tag == dossier_api_create_client_async)
    g_signal_emit_by_name (self, "client-created", object, trace_id);
  else if (source_tag == dossier_api_get_client_async)
    g_signal_emit_by_name (self, "client-fetched", object, trace_id);
  else if (source_tag == dossier_api_update_client_async)
    g_signal_emit_by_name (self, "client-updated", object, before, trace_id);
  else if (source_tag == dossier_api_request_product_async)
    g_signal_emit_by_name (self, "product-requested", object, trace_id);
  else if (source_tag == dossier_api_upload_document_async)
    g_signal_emit_by_name (self, "document-uploaded", object, document, trace_id);
  else if (source_tag == dossier_api_submit_async)
    g_signal_emit_by_name (self, "submitted", object, trace_id);
}
