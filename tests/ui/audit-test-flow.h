/* audit-test-flow.h — the seed flow through DossierApi and the journal, for the audit
 * export and secrets tests (header only)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An embedded DossierSandbox over real HTTP; through DossierApi alone: create Maria
 * Barber, request cards_individuals, PUT her phone, upload a real passport JPEG
 * (queued in the journal first, marked accepted with a thumbnail after), submit,
 * poll until enabled. Each step is written to the journal the way the app does it,
 * with the trace id DossierApi's signals report; notes, a draft, a cached request
 * list and one failure are added too. Everything runs on the default main context.
 */
#pragma once

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <glib/gstdio.h>

#include "dossier-api.h"
#include "dossier-data-uri.h"
#include "dossier-journal.h"
#include "dossier-sandbox.h"
#include "dossier-sandbox-engine.h"

#define AUDIT_NOTE_TEXT "Called Maria on the phone: she confirmed the passport number and asked " \
                        "for the card to be sent to her office in Del Viso rather than home."

typedef struct
{
  DossierSandbox *sandbox;
  DossierAccount *account;
  DossierApi     *api;
  DossierJournal *journal;
  char           *dir;
  char           *journal_path;
  DossierClient  *client;
  GPtrArray      *requests;      /* DossierProductRequest, as last listed */
  char           *client_id;
  char           *request_id;
  char           *front_sha256;
  GBytes         *front;         /* the JPEG bytes sent */
  GPtrArray      *trace_ids;     /* every trace id written to the journal */
  GPtrArray      *errors;        /* every error message the flow saw */
  char           *last_trace;
  gint64          upload_id;
} AuditFlow;

static inline void
audit_flow_catch (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static inline gboolean
audit_flow_timeout_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Iterates the default context until *slot is set (60 s guard); returns it, owned. */
static inline GAsyncResult *
audit_flow_wait (GAsyncResult **slot)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add_seconds (60, audit_flow_timeout_cb, &timed_out);

  while (*slot == NULL && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (timed_out);
  g_source_remove (id);
  return g_steal_pointer (slot);
}

static inline void
audit_flow_sleep (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, audit_flow_timeout_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

#define AUDIT_AWAIT(slot) audit_flow_catch, &(slot)

static inline void
audit_flow_trace2_cb (gpointer    api,
                      gpointer    object,
                      const char *trace_id,
                      AuditFlow  *flow)
{
  g_free (flow->last_trace);
  flow->last_trace = g_strdup (trace_id);
}

static inline void
audit_flow_trace3_cb (gpointer    api,
                      gpointer    a,
                      gpointer    b,
                      const char *trace_id,
                      AuditFlow  *flow)
{
  g_free (flow->last_trace);
  flow->last_trace = g_strdup (trace_id);
}

static inline gint64
audit_flow_parse_time (const char *iso)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GDateTime) time = iso != NULL ? g_date_time_new_from_iso8601 (iso, utc) : NULL;

  return time != NULL ? g_date_time_to_unix (time) * G_USEC_PER_SEC : 0;
}

/* Adds an event carrying the last trace id; details is JSON text or NULL. */
static inline gint64
audit_flow_event (AuditFlow  *flow,
                  const char *request_id,
                  const char *kind,
                  gint64      occurred_at,
                  const char *details)
{
  g_autoptr(DossierJournalEvent) event = dossier_journal_event_new (flow->client_id, request_id, kind,
                                                                    occurred_at);
  g_autoptr(GAsyncResult) result = NULL;
  GAsyncResult *slot = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id;

  event->trace_id = g_strdup (flow->last_trace);
  event->action = g_strdup ("test");
  if (details != NULL)
    event->details = json_from_string (details, &error);
  g_assert_no_error (error);
  if (flow->last_trace != NULL)
    g_ptr_array_add (flow->trace_ids, g_strdup (flow->last_trace));
  dossier_journal_add_event_async (flow->journal, event, NULL, AUDIT_AWAIT (slot));
  result = audit_flow_wait (&slot);
  id = dossier_journal_add_event_finish (flow->journal, result, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

static inline GBytes *
audit_flow_jpeg (int width,
                 int height)
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, width, height);
  guint8 *pixels = gdk_pixbuf_get_pixels (pixbuf);
  int stride = gdk_pixbuf_get_rowstride (pixbuf);
  g_autoptr(GError) error = NULL;
  char *buffer = NULL;
  gsize size = 0;

  /* A page-like passport: pale background, text bands, a darker photo block. */
  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      {
        guint8 *p = pixels + y * stride + x * 3;
        gboolean photo = x > width / 15 && x < width * 11 / 30 && y > height * 3 / 20 && y < height * 9 / 20;
        gboolean band = (y / (height / 33 + 1)) % 3 == 0 && x > width * 13 / 30;

        p[0] = photo ? 90 : band ? 60 : 225 - (x + y) % 17;
        p[1] = photo ? 70 : band ? 80 : 230 - (x * 3 + y) % 13;
        p[2] = photo ? 60 : band ? 140 : 215;
      }
  g_assert_true (gdk_pixbuf_save_to_buffer (pixbuf, &buffer, &size, "jpeg", &error, "quality", "85", NULL));
  g_assert_no_error (error);
  return g_bytes_new_take (buffer, size);
}

static inline GBytes *
audit_flow_thumbnail (GBytes *jpeg)
{
  g_autoptr(GInputStream) stream = g_memory_input_stream_new_from_bytes (jpeg);
  g_autoptr(GdkPixbuf) full = gdk_pixbuf_new_from_stream (stream, NULL, NULL);
  g_autoptr(GdkPixbuf) small = NULL;
  g_autoptr(GError) error = NULL;
  char *buffer = NULL;
  gsize size = 0;

  g_assert_nonnull (full);
  small = gdk_pixbuf_scale_simple (full, 240, 320, GDK_INTERP_BILINEAR);
  g_assert_true (gdk_pixbuf_save_to_buffer (small, &buffer, &size, "jpeg", &error, "quality", "80", NULL));
  g_assert_no_error (error);
  return g_bytes_new_take (buffer, size);
}

static inline void
audit_flow_note_error (AuditFlow    *flow,
                       const GError *error)
{
  g_assert_nonnull (error);
  g_ptr_array_add (flow->errors, g_strdup (error->message));
}

static inline void audit_flow_upload (AuditFlow *flow);

static inline void
audit_flow_run (AuditFlow  *flow,
                const char *api_key,
                gboolean    verbose)
{
  g_autoptr(DossierSandboxConfig) config = dossier_sandbox_config_new ();
  g_autofree char *key_spec = g_strdup_printf ("%s:3", api_key);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) maria = json_from_string (
      "{\"first_name\":\"Maria\",\"second_name\":\"Julia\",\"last_name\":\"Barber\","
      "\"email\":\"mjuliabarber@example.com\",\"birth_date\":\"1984-11-21\","
      "\"address\":{\"street_line1\":\"Florida 9860\",\"city\":\"Del Viso\",\"postal_code\":\"1669\","
      "\"state\":\"ARG-B\",\"country\":\"ARG\"}}", NULL);
  g_autoptr(DossierClient) current = NULL;
  g_autoptr(DossierClient) updated = NULL;
  g_autoptr(DossierProductRequest) request = NULL;
  g_autoptr(DossierProductRequest) submitted = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  GAsyncResult *slot = NULL;
  g_autofree char *details = NULL;
  gboolean enabled = FALSE;

  flow->trace_ids = g_ptr_array_new_with_free_func (g_free);
  flow->errors = g_ptr_array_new_with_free_func (g_free);
  flow->dir = g_dir_make_tmp ("dossier-audit-XXXXXX", &error);
  g_assert_no_error (error);
  flow->journal_path = g_build_filename (flow->dir, "journal.sqlite", NULL);

  g_assert_true (dossier_sandbox_config_add_key (config, key_spec, &error));
  g_assert_no_error (error);
  dossier_sandbox_config_set_review_delay (config, 0.2);
  dossier_sandbox_config_set_verbose (config, verbose);
  flow->sandbox = dossier_sandbox_new (config);
  g_assert_true (dossier_sandbox_start (flow->sandbox, &error));
  g_assert_no_error (error);

  flow->account = dossier_account_new_for_sandbox (dossier_sandbox_get_uri (flow->sandbox), api_key);
  flow->api = dossier_api_new_for_account (flow->account);
  g_signal_connect (flow->api, "client-created", G_CALLBACK (audit_flow_trace2_cb), flow);
  g_signal_connect (flow->api, "client-fetched", G_CALLBACK (audit_flow_trace2_cb), flow);
  g_signal_connect (flow->api, "product-requested", G_CALLBACK (audit_flow_trace2_cb), flow);
  g_signal_connect (flow->api, "submitted", G_CALLBACK (audit_flow_trace2_cb), flow);
  g_signal_connect (flow->api, "client-updated", G_CALLBACK (audit_flow_trace3_cb), flow);
  g_signal_connect (flow->api, "products-listed", G_CALLBACK (audit_flow_trace3_cb), flow);
  g_signal_connect (flow->api, "document-uploaded", G_CALLBACK (audit_flow_trace3_cb), flow);

  dossier_journal_new_full_async (flow->journal_path, DOSSIER_JOURNAL_FLAGS_NO_KEYRING, NULL, AUDIT_AWAIT (slot));
  result = audit_flow_wait (&slot);
  flow->journal = dossier_journal_new_finish (result, &error);
  g_assert_no_error (error);
  g_clear_object (&result);

  /* 1. create */
  dossier_api_create_client_from_json_async (flow->api, maria, DOSSIER_API_PRIORITY_USER, NULL, AUDIT_AWAIT (slot));
  result = audit_flow_wait (&slot);
  flow->client = dossier_api_create_client_finish (flow->api, result, &error);
  g_assert_no_error (error);
  g_clear_object (&result);
  flow->client_id = g_strdup (dossier_client_get_id (flow->client));
  details = g_strdup_printf ("{\"server_time\":\"%s\"}", dossier_client_get_created_at_raw (flow->client));
  audit_flow_event (flow, NULL, DOSSIER_JOURNAL_EVENT_CLIENT_CREATED,
                    audit_flow_parse_time (dossier_client_get_created_at_raw (flow->client)), details);

  /* 2. request the product */
  dossier_api_request_product_async (flow->api, flow->client_id, "cards_individuals",
                                     DOSSIER_API_PRIORITY_USER, NULL, AUDIT_AWAIT (slot));
  result = audit_flow_wait (&slot);
  request = dossier_api_request_product_finish (flow->api, result, &error);
  g_assert_no_error (error);
  g_clear_object (&result);
  flow->request_id = g_strdup (dossier_product_request_get_id (request));
  g_clear_pointer (&details, g_free);
  details = g_strdup_printf ("{\"product\":\"cards_individuals\",\"status\":\"%s\"}",
                             dossier_product_request_get_status_raw (request));
  audit_flow_event (flow, flow->request_id, DOSSIER_JOURNAL_EVENT_PRODUCT_REQUESTED,
                    audit_flow_parse_time (dossier_product_request_get_created_at_raw (request)), details);
  audit_flow_event (flow, flow->request_id, DOSSIER_JOURNAL_EVENT_REQUIREMENT_APPEARED, 0,
                    "{\"group_id\":\"identity_document\",\"kind\":\"document\",\"fields\":[\"passport\"]}");

  /* 3. PUT the whole client with the phone */
  dossier_api_get_client_async (flow->api, flow->client_id, DOSSIER_API_PRIORITY_USER, NULL, AUDIT_AWAIT (slot));
  result = audit_flow_wait (&slot);
  current = dossier_api_get_client_finish (flow->api, result, &error);
  g_assert_no_error (error);
  g_clear_object (&result);
  dossier_client_set_phone_country_code (current, "54");
  dossier_client_set_phone_number (current, "1168860622");
  dossier_api_update_client_async (flow->api, current, DOSSIER_API_PRIORITY_USER, NULL, AUDIT_AWAIT (slot));
  result = audit_flow_wait (&slot);
  updated = dossier_api_update_client_finish (flow->api, result, &error);
  g_assert_no_error (error);
  g_clear_object (&result);
  g_set_object (&flow->client, updated);
  audit_flow_event (flow, NULL, DOSSIER_JOURNAL_EVENT_CLIENT_UPDATED,
                    audit_flow_parse_time (dossier_client_get_updated_at_raw (updated)),
                    "{\"fields\":[\"phone\"],\"personal\":{\"before\":{},"
                    "\"after\":{\"phone\":\"+54 1168860622\"}}}");

  /* 4. the passport, through the journal's queue */
  audit_flow_upload (flow);

  /* 5. submit */
  dossier_api_submit_async (flow->api, flow->client_id, flow->request_id, DOSSIER_API_PRIORITY_USER,
                            NULL, AUDIT_AWAIT (slot));
  result = audit_flow_wait (&slot);
  submitted = dossier_api_submit_finish (flow->api, result, &error);
  g_assert_no_error (error);
  g_clear_object (&result);
  g_clear_pointer (&details, g_free);
  details = g_strdup_printf ("{\"status\":\"%s\"}", dossier_product_request_get_status_raw (submitted));
  audit_flow_event (flow, flow->request_id, DOSSIER_JOURNAL_EVENT_SUBMITTED,
                    audit_flow_parse_time (dossier_product_request_get_updated_at_raw (submitted)), details);

  /* 6. poll until the review is over */
  for (guint polls = 0; !enabled && polls < 100; polls++)
    {
      audit_flow_sleep (100);
      g_clear_pointer (&flow->requests, g_ptr_array_unref);
      dossier_api_list_products_async (flow->api, flow->client_id, DOSSIER_API_PRIORITY_BACKGROUND,
                                       NULL, AUDIT_AWAIT (slot));
      result = audit_flow_wait (&slot);
      flow->requests = dossier_api_list_products_finish (flow->api, result, &error);
      g_assert_no_error (error);
      g_clear_object (&result);
      g_assert_cmpuint (flow->requests->len, ==, 1);
      enabled = dossier_product_request_get_status (g_ptr_array_index (flow->requests, 0))
                == DOSSIER_REQUEST_STATUS_ENABLED;
    }
  g_assert_true (enabled);
  audit_flow_event (flow, flow->request_id, DOSSIER_JOURNAL_EVENT_ENABLED,
                    audit_flow_parse_time (dossier_product_request_get_updated_at_raw (
                        g_ptr_array_index (flow->requests, 0))),
                    "{\"status\":\"enabled\"}");

  /* One failure that matters: a client that does not exist. */
  g_clear_pointer (&flow->last_trace, g_free);
  dossier_api_get_client_async (flow->api, "00000000-0000-0000-0000-000000000000", DOSSIER_API_PRIORITY_USER,
                                NULL, AUDIT_AWAIT (slot));
  result = audit_flow_wait (&slot);
  g_assert_null (dossier_api_get_client_finish (flow->api, result, &error));
  g_assert_nonnull (error);
  g_clear_object (&result);
  audit_flow_note_error (flow, error);
  flow->last_trace = g_strdup (dossier_api_error_get_trace_id (error));
  {
    g_autoptr(JsonBuilder) builder = json_builder_new ();
    g_autoptr(JsonNode) root = NULL;
    g_autofree char *text = NULL;

    json_builder_begin_object (builder);
    json_builder_set_member_name (builder, "message");
    json_builder_add_string_value (builder, error->message);
    json_builder_set_member_name (builder, "http_status");
    json_builder_add_int_value (builder, dossier_api_error_get_status (error));
    json_builder_end_object (builder);
    root = json_builder_get_root (builder);
    text = json_to_string (root, FALSE);
    audit_flow_event (flow, NULL, DOSSIER_JOURNAL_EVENT_FAILURE, 0, text);
  }
  g_clear_error (&error);
}

static inline void
audit_flow_upload (AuditFlow *flow)
{
  g_autoptr(DossierJournalUpload) upload = NULL;
  g_autoptr(DossierProductRequest) uploaded = NULL;
  g_autoptr(GBytes) thumbnail = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) document = NULL;
  g_autofree char *uri = NULL;
  g_autofree char *text = NULL;
  g_autofree char *details = NULL;
  GAsyncResult *slot = NULL;

  flow->front = audit_flow_jpeg (600, 800);
  flow->front_sha256 = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, flow->front);
  upload = dossier_journal_upload_new (flow->client_id, flow->request_id, "identity_document", "passport",
                                       flow->front, NULL);
  g_clear_pointer (&upload->metadata, json_node_unref);
  upload->metadata = json_from_string ("{\"number\":\"AB1234567\",\"issuing_country\":\"ARG\"}", NULL);
  dossier_journal_enqueue_upload_async (flow->journal, upload, NULL, AUDIT_AWAIT (slot));
  result = audit_flow_wait (&slot);
  flow->upload_id = dossier_journal_enqueue_upload_finish (flow->journal, result, &error);
  g_assert_no_error (error);
  g_assert_cmpint (flow->upload_id, >, 0);
  g_clear_object (&result);

  dossier_journal_mark_upload_sending_async (flow->journal, flow->upload_id, NULL, AUDIT_AWAIT (slot));
  result = audit_flow_wait (&slot);
  g_assert_true (dossier_journal_mark_upload_sending_finish (flow->journal, result, &error));
  g_assert_no_error (error);
  g_clear_object (&result);

  uri = dossier_data_uri_encode ("image/jpeg", g_bytes_get_data (flow->front, NULL), g_bytes_get_size (flow->front));
  text = g_strdup_printf ("{\"document_type\":\"passport\",\"image_front\":\"%s\","
                          "\"metadata\":{\"number\":\"AB1234567\",\"issuing_country\":\"ARG\"}}", uri);
  document = json_from_string (text, NULL);
  dossier_api_upload_document_async (flow->api, flow->client_id, flow->request_id, document,
                                     DOSSIER_API_PRIORITY_USER, NULL, AUDIT_AWAIT (slot));
  result = audit_flow_wait (&slot);
  uploaded = dossier_api_upload_document_finish (flow->api, result, &error);
  g_assert_no_error (error);
  g_clear_object (&result);
  g_assert_cmpuint (dossier_product_request_get_rejected_items (uploaded)->len, ==, 0);

  thumbnail = audit_flow_thumbnail (flow->front);
  dossier_journal_mark_upload_accepted_async (flow->journal, flow->upload_id, thumbnail, NULL, AUDIT_AWAIT (slot));
  result = audit_flow_wait (&slot);
  g_assert_true (dossier_journal_mark_upload_accepted_finish (flow->journal, result, &error));
  g_assert_no_error (error);
  g_clear_object (&result);

  details = g_strdup_printf ("{\"upload_id\":%" G_GINT64_FORMAT ",\"group_id\":\"identity_document\","
                             "\"document_type\":\"passport\",\"sides\":{\"front\":{\"sha256\":\"%s\"}}}",
                             flow->upload_id, flow->front_sha256);
  audit_flow_event (flow, flow->request_id, DOSSIER_JOURNAL_EVENT_DOCUMENT_UPLOADED, 0, details);
  g_clear_pointer (&details, g_free);
  details = g_strdup_printf ("{\"upload_id\":%" G_GINT64_FORMAT ",\"group_id\":\"identity_document\","
                             "\"document_type\":\"passport\"}", flow->upload_id);
  audit_flow_event (flow, flow->request_id, DOSSIER_JOURNAL_EVENT_DOCUMENT_ACCEPTED, 0, details);
  audit_flow_event (flow, flow->request_id, DOSSIER_JOURNAL_EVENT_REQUIREMENT_SATISFIED, 0,
                    "{\"group_id\":\"identity_document\",\"kind\":\"document\"}");
}

static inline gint64
audit_flow_add_note (AuditFlow  *flow,
                     const char *text)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GAsyncResult *slot = NULL;
  gint64 id;

  dossier_journal_add_note_async (flow->journal, flow->client_id, text, NULL, AUDIT_AWAIT (slot));
  result = audit_flow_wait (&slot);
  id = dossier_journal_add_note_finish (flow->journal, result, &error);
  g_assert_no_error (error);
  return id;
}

static inline void
audit_flow_clear (AuditFlow *flow)
{
  static const char * const suffixes[] = { "", "-wal", "-shm", "-journal" };

  if (flow->api != NULL)
    g_signal_handlers_disconnect_by_data (flow->api, flow);
  g_clear_object (&flow->api);
  g_clear_object (&flow->account);
  if (flow->sandbox != NULL)
    dossier_sandbox_stop (flow->sandbox);
  g_clear_object (&flow->sandbox);
  /* Change notifications still queued hold the journal. */
  while (g_main_context_iteration (NULL, FALSE))
    ;
  if (flow->journal != NULL)
    g_assert_finalize_object (g_steal_pointer (&flow->journal));
  g_clear_object (&flow->client);
  g_clear_pointer (&flow->requests, g_ptr_array_unref);
  g_clear_pointer (&flow->trace_ids, g_ptr_array_unref);
  g_clear_pointer (&flow->errors, g_ptr_array_unref);
  g_clear_pointer (&flow->front, g_bytes_unref);
  g_clear_pointer (&flow->client_id, g_free);
  g_clear_pointer (&flow->request_id, g_free);
  g_clear_pointer (&flow->front_sha256, g_free);
  g_clear_pointer (&flow->last_trace, g_free);
  for (guint i = 0; flow->journal_path != NULL && i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (flow->journal_path, suffixes[i], NULL);

      g_unlink (file);
    }
  g_clear_pointer (&flow->journal_path, g_free);

  /* The folder is flat: the journal and whatever the test exported. */
  if (flow->dir != NULL)
    {
      g_autoptr(GDir) dir = g_dir_open (flow->dir, 0, NULL);
      const char *name;

      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *file = g_build_filename (flow->dir, name, NULL);

          g_unlink (file);
        }
      g_assert_cmpint (g_rmdir (flow->dir), ==, 0);
      g_clear_pointer (&flow->dir, g_free);
    }
}
