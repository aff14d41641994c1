/* test-document-slot-queue.c — a document waiting in the upload queue says why and what
 * next, with Try Now and Cancel
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * On the embedded sandbox over real HTTP (walk 4, item 5): the server fails the upload
 * (an injected 503), the uploader keeps it queued and will try again in a minute; the
 * slot says "Waiting for the server — it will be sent automatically (next try in 60 s)"
 * with the failure below it. Try Now sends it at once; Cancel takes it out of the queue
 * and the journal, and the picture stays on the slot as an unsent draft, ready to be
 * uploaded again.
 */
#include "config.h"

#include <glib/gstdio.h>

#include "dossier-document-slot-private.h"
#include "dossier-request-window-private.h"
#include "request-window-test-utils.h"

#define GROUP "identity_document"

typedef struct {
  char                 *client_id;
  char                 *request_id;
  DossierRequestWindow *window;
  DossierDocumentSlot  *slot;
} Queued;

static void
queued_clear (Queued *queued)
{
  g_free (queued->client_id);
  g_free (queued->request_id);
}

static gboolean
page_has_request (gpointer data)
{
  return dossier_client_page_get_n_requests (data) > 0;
}

static gboolean
documents_loaded (gpointer data)
{
  return DOSSIER_REQUEST_WINDOW (data)->documents_loaded;
}

static gboolean
slot_kept_bytes (gpointer data)
{
  return ((DossierDocumentSlot *) data)->sides[0].draft_path != NULL;
}

static gboolean
slot_prepared (gpointer data)
{
  DossierDocumentSlot *slot = data;

  return !dossier_document_slot_get_busy (slot)
         && dossier_document_slot_get_image (slot, DOSSIER_DOCUMENT_SIDE_FRONT) != NULL;
}

static gboolean
slot_failed (gpointer data)
{
  return dossier_document_slot_get_upload_state (data) == DOSSIER_DOCUMENT_UPLOAD_FAILED;
}

static gboolean
slot_accepted (gpointer data)
{
  return dossier_document_slot_get_upload_state (data) == DOSSIER_DOCUMENT_UPLOAD_ACCEPTED;
}

static void
store_result (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static gboolean
result_ready (gpointer data)
{
  return *(GAsyncResult **) data != NULL;
}

static void
set_text (DossierDocumentSlot *slot,
          const char          *id,
          const char          *text)
{
  g_autoptr(JsonNode) value = json_node_new (JSON_NODE_VALUE);

  json_node_set_string (value, text);
  g_assert_true (dossier_document_slot_set_metadata_value (slot, id, value));
}

/* A pasted passport (no file: kept in the drafts folder), filled in. */
static void
paste_passport (DossierDocumentSlot *slot)
{
  g_autoptr(GBytes) jpeg = rw_passport_jpeg ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkTexture) texture = gdk_texture_new_from_bytes (jpeg, &error);
  g_auto(GValue) value = G_VALUE_INIT;
  gboolean handled = FALSE;

  g_assert_no_error (error);
  g_value_init (&value, GDK_TYPE_TEXTURE);
  g_value_set_object (&value, texture);
  g_signal_emit_by_name (_dossier_document_slot_get_drop_target (slot), "drop", &value, 10.0, 10.0, &handled);
  g_assert_true (handled);
  g_assert_true (dossier_test_wait_until (slot_kept_bytes, slot, 20000));
  g_assert_true (dossier_test_wait_until (slot_prepared, slot, 20000));
  g_assert_true (dossier_document_slot_set_document_type (slot, "passport"));
  set_text (slot, "number", "AB1234567");
  set_text (slot, "issuing_country", "ARG");
}

static void
upload (DossierDocumentSlot *slot)
{
  AdwMessageDialog *confirmation;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (slot), "document.upload", NULL));
  confirmation = _dossier_document_slot_get_confirmation (slot);
  if (confirmation != NULL)
    adw_message_dialog_response (confirmation, "upload");
}

static void
screenshot (GtkWidget  *widget,
            const char *name)
{
  g_autofree char *path = NULL;

  g_assert_true (dossier_test_wait_for_draw (widget));
  path = dossier_test_save_screenshot (widget, name);
  g_test_message ("screenshot: %s", path);
}

/* The request window with a passport the server refused to take (503): queued, next try
 * in a minute. */
static void
fail_upload (Fixture    *fixture,
             const char *last_name,
             Queued     *queued)
{
  DossierClientPage *page;
  g_autofree char *fault = NULL;

  queued->client_id = rw_create_client (fixture, "Maria", last_name, TRUE);
  queued->request_id = rw_request_product (fixture, queued->client_id, "cards_individuals");
  page = rw_open_client (fixture, queued->client_id);
  g_assert_true (dossier_test_wait_until (page_has_request, page, 10000));
  queued->window = dossier_request_window_open (fixture->window, dossier_client_page_get_client (page),
                                                dossier_client_page_get_request (page, 0));
  gtk_window_set_default_size (GTK_WINDOW (queued->window), 600, 900);
  g_assert_true (dossier_test_wait_for_draw (GTK_WIDGET (queued->window)));
  g_assert_true (dossier_test_wait_until (documents_loaded, queued->window, 10000));
  queued->slot = DOSSIER_DOCUMENT_SLOT (dossier_request_window_get_slot (queued->window, GROUP));
  g_assert_nonnull (queued->slot);

  /* One retry by itself, a minute later. */
  dossier_uploader_set_backoff (dossier_window_get_uploader (fixture->window), 60000, 60000, 1);
  fault = g_strdup_printf ("{\"kind\": \"error\", \"method\": \"POST\", \"status\": 503, \"count\": 50,"
                           " \"path_prefix\": \"/management/clients/individuals/%s/products/%s/documentation\"}",
                           queued->client_id, queued->request_id);
  json_node_unref (rw_sandbox_call (fixture, "POST", "/_sandbox/faults", fault));

  paste_passport (queued->slot);
  upload (queued->slot);
  g_assert_true (dossier_test_wait_until (slot_failed, queued->slot, 30000));
}

static void
test_waiting_try_now (Fixture       *fixture,
                      gconstpointer  data)
{
  Queued queued = { NULL, NULL, NULL, NULL };
  DossierDocumentSlot *slot;
  const char *text;

  fail_upload (fixture, "Waiting", &queued);
  slot = queued.slot;

  text = gtk_label_get_label (GTK_LABEL (slot->upload_label));
  g_test_message ("footer: %s / %s", text, gtk_label_get_label (GTK_LABEL (slot->upload_reason)));
  g_assert_true (g_str_has_prefix (text, "Waiting for the server — it will be sent automatically (next try in "));
  g_assert_true (g_str_has_suffix (text, " s)"));
  g_assert_cmpint (dossier_document_slot_get_next_try (slot), >, g_get_monotonic_time ());
  g_assert_true (gtk_widget_get_mapped (slot->upload_reason));
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (slot->upload_reason)), !=, "");
  g_assert_true (gtk_widget_get_mapped (slot->retry_button));
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (slot->retry_button)), ==, "_Try Now");
  g_assert_true (gtk_widget_get_mapped (slot->cancel_button));
  /* The picture is what will be sent: no second upload, no new picture meanwhile. */
  g_assert_false (gtk_widget_get_visible (slot->upload_button));
  g_assert_false (gtk_widget_is_sensitive (slot->metadata));
  g_assert_false (dossier_document_slot_has_unsent_work (slot));
  gtk_widget_grab_focus (slot->retry_button);
  screenshot (GTK_WIDGET (slot), "document-slot-queued-waiting");

  /* The countdown moves by itself. */
  {
    g_autofree char *before = g_strdup (text);
    gint64 until = g_get_monotonic_time () + 2200 * G_TIME_SPAN_MILLISECOND;

    while (g_get_monotonic_time () < until)
      g_main_context_iteration (NULL, FALSE);
    g_test_message ("two seconds later: %s", gtk_label_get_label (GTK_LABEL (slot->upload_label)));
    g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (slot->upload_label)), !=, before);
  }

  /* The server is back: Try Now sends it without waiting the minute. Zoomed in on it
   * meanwhile, the accepted picture is shown whole again. */
  dossier_document_viewer_set_zoom (dossier_document_slot_get_viewer (slot), 1.0);
  json_node_unref (rw_sandbox_call (fixture, "DELETE", "/_sandbox/faults", NULL));
  gtk_widget_activate (slot->retry_button);
  g_assert_true (dossier_test_wait_until (slot_accepted, slot, 20000));
  g_assert_cmpfloat (dossier_document_viewer_get_zoom (dossier_document_slot_get_viewer (slot)), ==, 0.0);
  g_assert_false (gtk_widget_get_visible (slot->cancel_button));
  g_assert_true (rw_wait_state (queued.window, DOSSIER_REQUEST_STATE_READY, 10000));
  queued_clear (&queued);
}

static void
test_cancel_keeps_picture (Fixture       *fixture,
                           gconstpointer  data)
{
  Queued queued = { NULL, NULL, NULL, NULL };
  DossierUploader *uploader = dossier_window_get_uploader (fixture->window);
  DossierDocumentSlot *slot;
  GHashTableIter iter;
  gpointer key = NULL;
  gint64 upload_id;
  g_autofree char *draft_path = NULL;

  fail_upload (fixture, "Cancelled", &queued);
  slot = queued.slot;
  g_hash_table_iter_init (&iter, queued.window->uploads);
  g_assert_true (g_hash_table_iter_next (&iter, &key, NULL));
  upload_id = *(gint64 *) key;
  {
    g_autoptr(DossierUploadInfo) info = dossier_uploader_lookup (uploader, upload_id);

    g_assert_nonnull (info);
    g_assert_cmpint (info->status, ==, DOSSIER_UPLOAD_STATUS_WAITING);
  }
  draft_path = g_strdup (slot->sides[0].draft_path);
  g_assert_nonnull (draft_path);
  /* Not turned while it waits: the picture in the queue is what is sent. */
  g_assert_false (gtk_widget_activate_action (GTK_WIDGET (slot), "document.rotate-right", NULL)
                  && slot->sides[0].quarter_turns != 0);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (slot), "document.cancel-upload", NULL));
  {
    g_autoptr(DossierUploadInfo) info = dossier_uploader_lookup (uploader, upload_id);

    g_assert_null (info);
  }
  g_assert_cmpint (dossier_document_slot_get_upload_state (slot), ==, DOSSIER_DOCUMENT_UPLOAD_NONE);
  g_assert_cmpint (dossier_document_slot_get_next_try (slot), ==, 0);
  /* Gone from the journal too: a restart does not send it. */
  {
    GAsyncResult *result = NULL;
    g_autoptr(GPtrArray) uploads = NULL;
    g_autoptr(GError) error = NULL;

    dossier_uploader_list_for_request_async (uploader, queued.client_id, queued.request_id, NULL,
                                             store_result, &result);
    g_assert_true (dossier_test_wait_until (result_ready, &result, 10000));
    uploads = dossier_uploader_list_for_request_finish (uploader, result, &error);
    g_clear_object (&result);
    g_assert_no_error (error);
    for (guint i = 0; i < uploads->len; i++)
      g_assert_cmpint (((DossierUploadInfo *) g_ptr_array_index (uploads, i))->id, !=, upload_id);
  }
  /* The picture and its values stay, as unsent work kept for the draft. */
  g_assert_nonnull (dossier_document_slot_get_image (slot, DOSSIER_DOCUMENT_SIDE_FRONT));
  g_assert_true (dossier_document_slot_has_unsent_work (slot));
  g_assert_true (g_file_test (draft_path, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpstr (slot->sides[0].draft_path, ==, draft_path);
  g_assert_true (dossier_document_slot_get_ready (slot));
  g_assert_true (gtk_widget_get_visible (slot->upload_button));
  g_assert_false (gtk_widget_get_visible (slot->cancel_button));
  g_assert_false (gtk_widget_get_visible (slot->retry_button));
  g_assert_false (gtk_widget_get_visible (slot->upload_reason));
  g_assert_false (dossier_uploader_is_busy (uploader));
  screenshot (GTK_WIDGET (slot), "document-slot-queued-cancelled");

  /* Waiting its turn while the server cannot be reached: said, with the reason. */
  dossier_document_slot_set_upload_state (slot, DOSSIER_DOCUMENT_UPLOAD_QUEUED,
                                          "Dossier cannot reach the server at the moment.");
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (slot->upload_label)), ==,
                   "Waiting for the server — it will be sent automatically");
  g_assert_true (gtk_widget_get_visible (slot->upload_reason));
  g_assert_true (gtk_widget_get_visible (slot->cancel_button));
  g_assert_false (gtk_widget_get_visible (slot->retry_button));
  dossier_document_slot_set_upload_state (slot, DOSSIER_DOCUMENT_UPLOAD_QUEUED, NULL);
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (slot->upload_label)), ==,
                   "Waiting to be sent — it will be sent automatically");
  g_assert_false (gtk_widget_get_visible (slot->upload_reason));
  dossier_document_slot_upload_cancelled (slot);

  /* A draft again: zoomed in and turned, it is shown whole in its new shape. */
  dossier_document_viewer_set_zoom (dossier_document_slot_get_viewer (slot), 1.0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (slot), "document.rotate-right", NULL));
  g_assert_cmpuint (slot->sides[0].quarter_turns, ==, 1);
  g_assert_cmpfloat (dossier_document_viewer_get_zoom (dossier_document_slot_get_viewer (slot)), ==, 0.0);
  g_assert_true (dossier_test_wait_until (slot_prepared, slot, 20000));
  g_assert_true (dossier_document_slot_get_ready (slot));

  /* Sent again by hand, the server answering now. */
  json_node_unref (rw_sandbox_call (fixture, "DELETE", "/_sandbox/faults", NULL));
  upload (slot);
  g_assert_true (dossier_test_wait_until (slot_accepted, slot, 20000));
  queued_clear (&queued);
}

/* Closed while the document waits, opened again: the slot says it is queued (not "add a
 * document"), and Try Now still sends it. */
static void
test_reopened_still_queued (Fixture       *fixture,
                            gconstpointer  data)
{
  Queued queued = { NULL, NULL, NULL, NULL };
  DossierClientPage *page;
  DossierRequestWindow *window;
  DossierDocumentSlot *slot;

  fail_upload (fixture, "Reopened", &queued);
  gtk_window_destroy (GTK_WINDOW (queued.window));

  page = rw_open_client (fixture, queued.client_id);
  window = dossier_request_window_open (fixture->window, dossier_client_page_get_client (page),
                                        dossier_client_page_get_request (page, 0));
  g_assert_true (window != queued.window);
  gtk_window_set_default_size (GTK_WINDOW (window), 600, 900);
  g_assert_true (dossier_test_wait_for_draw (GTK_WIDGET (window)));
  slot = DOSSIER_DOCUMENT_SLOT (dossier_request_window_get_slot (window, GROUP));
  g_assert_true (dossier_test_wait_until (slot_failed, slot, 10000));
  g_test_message ("reopened: %s", gtk_label_get_label (GTK_LABEL (slot->upload_label)));
  g_assert_true (g_str_has_prefix (gtk_label_get_label (GTK_LABEL (slot->upload_label)), "Waiting for the server"));
  g_assert_true (gtk_widget_get_visible (slot->retry_button));
  g_assert_true (gtk_widget_get_visible (slot->cancel_button));
  g_assert_false (gtk_widget_get_visible (slot->upload_button));
  screenshot (GTK_WIDGET (slot), "document-slot-queued-reopened");

  json_node_unref (rw_sandbox_call (fixture, "DELETE", "/_sandbox/faults", NULL));
  gtk_widget_activate (slot->retry_button);
  g_assert_true (dossier_test_wait_until (slot_accepted, slot, 20000));
  g_assert_true (rw_wait_state (window, DOSSIER_REQUEST_STATE_READY, 10000));
  queued_clear (&queued);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  rw_private_bus_up ();
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE,
                "gtk-entry-select-on-focus", FALSE, NULL);

#define ADD(path, func) g_test_add ("/dossier/ui/document-slot/queue/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("waiting-try-now", test_waiting_try_now);
  ADD ("cancel-keeps-picture", test_cancel_keeps_picture);
  ADD ("reopened-still-queued", test_reopened_still_queued);
#undef ADD

  status = g_test_run ();
  rw_private_bus_stop ();
  return status;
}
