/* test-document-slot-progress.c — the slot's progress bar while its document is sent
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * labels: what the footer says and shows for a fraction, an unknown size, the whole body.
 * real-upload: a large photo picked in a slot goes through a DossierUploader to the embedded
 * sandbox (real HTTP, its own thread); the slot follows the upload as the request window
 * does, and at every DossierUploader::upload-progress its bar is on screen with that
 * fraction and "Uploading… N %"; once accepted the bar is gone.
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <libsoup/soup.h>
#include <string.h>

#include "dossier-api.h"
#include "dossier-client.h"
#include "dossier-document-slot.h"
#include "dossier-document-slot-private.h"
#include "dossier-journal.h"
#include "dossier-product-request.h"
#include "dossier-sandbox.h"
#include "dossier-uploader.h"
#include "dossier-ui-test-utils.h"
#include "document-image-fixtures.h"

#define KEY "slot-progress-test-key"

typedef struct {
  DossierSandbox        *sandbox;
  DossierApi            *api;
  SoupSession           *session;
  DossierJournal        *journal;
  DossierUploader       *uploader;
  char                  *dir;
  DossierClient         *client;
  DossierProductRequest *request;
  DossierDocumentSlot   *slot;
  GtkWidget             *window;
  gint64                 upload_id;
  GPtrArray             *seen;        /* char *: the footer's line at each progress signal */
  GArray                *fractions;   /* double */
  guint                  wrong;       /* progress signals the slot did not show */
} Fixture;

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

/* The sandbox from outside the app; the server runs on its own thread (TESTING.md §11). */
static JsonNode *
sandbox_post (Fixture    *f,
              const char *path,
              const char *body)
{
  g_autofree char *uri = g_strconcat (dossier_sandbox_get_uri (f->sandbox), path, NULL);
  g_autoptr(SoupMessage) message = soup_message_new ("POST", uri);
  g_autoptr(GBytes) request = g_bytes_new (body, strlen (body));
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;

  soup_message_headers_append (soup_message_get_request_headers (message), "x-api-key", KEY);
  soup_message_set_request_body_from_bytes (message, "application/json", request);
  bytes = soup_session_send_and_read (f->session, message, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (message) / 100, ==, 2);
  return json_from_string (g_bytes_get_data (bytes, NULL), &error);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(DossierSandboxConfig) config = dossier_sandbox_config_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) created = NULL;
  g_autofree char *path = NULL;
  const DossierDocumentGroup *group;
  GtkWidget *scrolled;

  g_assert_true (dossier_sandbox_config_add_key (config, KEY ":3", &error));
  f->sandbox = dossier_sandbox_new (config);
  g_assert_true (dossier_sandbox_start (f->sandbox, &error));
  g_assert_no_error (error);
  f->api = dossier_api_new (dossier_sandbox_get_uri (f->sandbox), KEY);
  f->session = soup_session_new ();
  f->dir = g_dir_make_tmp ("dossier-slot-progress-XXXXXX", &error);
  g_assert_no_error (error);
  f->seen = g_ptr_array_new_with_free_func (g_free);
  f->fractions = g_array_new (FALSE, FALSE, sizeof (double));

  path = g_build_filename (f->dir, "journal.sqlite", NULL);
  dossier_journal_new_full_async (path, DOSSIER_JOURNAL_FLAGS_NO_KEYRING, NULL, store_result, &result);
  g_assert_true (dossier_test_wait_until (result_ready, &result, 20000));
  f->journal = dossier_journal_new_finish (result, &error);
  g_assert_no_error (error);
  g_clear_object (&result);
  f->uploader = dossier_uploader_new (f->api, f->journal);
  dossier_uploader_set_backoff (f->uploader, 50, 50, 0);

  created = sandbox_post (f, "/management/clients/individuals",
                          "{\"first_name\": \"Maria\", \"last_name\": \"Barber\","
                          " \"email\": \"maria.progress@example.com\", \"birth_date\": \"1984-11-21\","
                          " \"address\": {\"street_line1\": \"Florida 9860\","
                          " \"city\": \"Del Viso\", \"postal_code\": \"1669\", \"state\": \"ARG-B\","
                          " \"country\": \"ARG\"}}");
  f->client = dossier_client_new_from_json (created, &error);
  g_assert_no_error (error);
  dossier_api_request_product_async (f->api, dossier_client_get_id (f->client), "cards_individuals_premium",
                                     DOSSIER_API_PRIORITY_USER, NULL, store_result, &result);
  g_assert_true (dossier_test_wait_until (result_ready, &result, 20000));
  f->request = dossier_api_request_product_finish (f->api, result, &error);
  g_assert_no_error (error);
  group = dossier_requirements_lookup_document_group (dossier_product_request_get_requirements (f->request),
                                                      "identity_document");
  g_assert_nonnull (group);

  f->slot = DOSSIER_DOCUMENT_SLOT (dossier_document_slot_new (group));
  f->window = gtk_window_new ();
  gtk_window_set_title (GTK_WINDOW (f->window), "Document slot progress");
  gtk_window_set_default_size (GTK_WINDOW (f->window), 720, 900);
  scrolled = gtk_scrolled_window_new ();
  gtk_widget_set_margin_start (GTK_WIDGET (f->slot), 12);
  gtk_widget_set_margin_end (GTK_WIDGET (f->slot), 12);
  gtk_widget_set_margin_top (GTK_WIDGET (f->slot), 24);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (f->slot));
  gtk_window_set_child (GTK_WINDOW (f->window), scrolled);
  gtk_window_present (GTK_WINDOW (f->window));
  g_assert_true (dossier_test_wait_for_draw (f->window));
  g_assert_true (dossier_document_slot_set_document_type (f->slot, "passport"));
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  gtk_window_destroy (GTK_WINDOW (f->window));
  for (int i = 0; i < 50; i++)
    g_main_context_iteration (NULL, FALSE);
  g_clear_object (&f->request);
  g_clear_object (&f->client);
  g_clear_object (&f->uploader);
  g_clear_object (&f->journal);
  g_clear_object (&f->api);
  g_clear_object (&f->session);
  dossier_sandbox_stop (f->sandbox);
  g_clear_object (&f->sandbox);
  g_ptr_array_unref (f->seen);
  g_array_unref (f->fractions);

  dir = g_dir_open (f->dir, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (f->dir, name, NULL);

      g_unlink (path);
    }
  g_rmdir (f->dir);
  g_free (f->dir);
}

static const char *
footer_text (Fixture *f)
{
  return gtk_label_get_label (GTK_LABEL (f->slot->upload_label));
}

static void
test_labels (Fixture       *f,
             gconstpointer  data)
{
  GtkProgressBar *bar = GTK_PROGRESS_BAR (f->slot->upload_progress);

  g_assert_false (gtk_widget_get_visible (f->slot->upload_progress));

  dossier_document_slot_set_upload_state (f->slot, DOSSIER_DOCUMENT_UPLOAD_SENDING, NULL);
  g_assert_true (gtk_widget_get_visible (f->slot->upload_progress));
  g_assert_cmpstr (footer_text (f), ==, "Uploading… 0 %");
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (f->slot->status)), ==, "Uploading");

  dossier_document_slot_set_upload_progress (f->slot, 0.42);
  g_assert_cmpstr (footer_text (f), ==, "Uploading… 42 %");
  g_assert_cmpfloat_with_epsilon (gtk_progress_bar_get_fraction (bar), 0.42, 1e-9);
  g_assert_cmpuint (f->slot->pulse_source, ==, 0);
  g_assert_true (dossier_test_wait_for_draw (f->window));
  g_free (dossier_test_save_screenshot (f->window, "document-slot-progress-42"));

  /* The same state told again (the window does on every change) keeps the fraction. */
  dossier_document_slot_set_upload_state (f->slot, DOSSIER_DOCUMENT_UPLOAD_SENDING, NULL);
  g_assert_cmpstr (footer_text (f), ==, "Uploading… 42 %");

  /* Size unknown: the bar pulses by itself. */
  dossier_document_slot_set_upload_progress (f->slot, -1.0);
  g_assert_cmpstr (footer_text (f), ==, "Uploading…");
  g_assert_cmpuint (f->slot->pulse_source, !=, 0);
  g_assert_cmpfloat (dossier_document_slot_get_upload_progress (f->slot), <, 0.0);
  dossier_document_slot_set_upload_progress (f->slot, 0.999);
  g_assert_cmpuint (f->slot->pulse_source, ==, 0);
  g_assert_cmpstr (footer_text (f), ==, "Uploading… 99 %");

  /* All written: waiting for the answer. */
  dossier_document_slot_set_upload_progress (f->slot, 1.0);
  g_assert_cmpstr (footer_text (f), ==, "Uploaded, waiting for the server’s answer…");

  /* Failed: the bar goes, the sentence stays. */
  dossier_document_slot_set_upload_progress (f->slot, -1.0);
  dossier_document_slot_set_upload_state (f->slot, DOSSIER_DOCUMENT_UPLOAD_FAILED, "The connection was lost.");
  g_assert_false (gtk_widget_get_visible (f->slot->upload_progress));
  g_assert_cmpuint (f->slot->pulse_source, ==, 0);
  /* Still queued: what happens next, the failure below it. */
  g_assert_cmpstr (footer_text (f), ==, "Not sent yet — it stays queued until you try again");
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (f->slot->upload_reason)), ==, "The connection was lost.");
  g_assert_true (gtk_widget_get_visible (f->slot->upload_reason));

  /* Sent again: from 0. */
  dossier_document_slot_set_upload_state (f->slot, DOSSIER_DOCUMENT_UPLOAD_SENDING, NULL);
  g_assert_cmpstr (footer_text (f), ==, "Uploading… 0 %");
  g_assert_cmpfloat (gtk_progress_bar_get_fraction (bar), ==, 0.0);
}

static gboolean
slot_idle (gpointer data)
{
  DossierDocumentSlot *slot = data;

  return !dossier_document_slot_get_busy (slot)
         && dossier_document_slot_get_image (slot, DOSSIER_DOCUMENT_SIDE_FRONT) != NULL;
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

static DossierDocumentUploadState
slot_state_for (DossierUploadStatus status)
{
  switch (status)
    {
    case DOSSIER_UPLOAD_STATUS_QUEUED:
    case DOSSIER_UPLOAD_STATUS_CHECKING:
      return DOSSIER_DOCUMENT_UPLOAD_QUEUED;
    case DOSSIER_UPLOAD_STATUS_SENDING:
      return DOSSIER_DOCUMENT_UPLOAD_SENDING;
    case DOSSIER_UPLOAD_STATUS_ACCEPTED:
      return DOSSIER_DOCUMENT_UPLOAD_ACCEPTED;
    case DOSSIER_UPLOAD_STATUS_REJECTED:
      return DOSSIER_DOCUMENT_UPLOAD_REJECTED;
    default:
      return DOSSIER_DOCUMENT_UPLOAD_FAILED;
    }
}

/* What the request window does with the uploader's news of the slot's upload. */
static void
upload_changed_cb (DossierUploader *uploader,
                   gint64           upload_id,
                   Fixture         *f)
{
  g_autoptr(DossierUploadInfo) info = dossier_uploader_lookup (uploader, upload_id);

  if (info == NULL || upload_id != f->upload_id)
    return;
  dossier_document_slot_set_upload_state (f->slot, slot_state_for (info->status), info->message);
  if (info->status == DOSSIER_UPLOAD_STATUS_SENDING)
    dossier_document_slot_follow_upload (f->slot, uploader, upload_id);
}

static void
enqueued_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  Fixture *f = user_data;
  g_autoptr(GError) error = NULL;

  f->upload_id = dossier_uploader_enqueue_finish (DOSSIER_UPLOADER (object), result, &error);
  g_assert_no_error (error);
  g_assert_cmpint (f->upload_id, >, 0);
}

static void
upload_requested_cb (DossierDocumentSlot *slot,
                     Fixture             *f)
{
  g_autoptr(JsonNode) document = dossier_document_slot_build_document (slot);
  DossierDocumentImage *front = dossier_document_slot_get_image (slot, DOSSIER_DOCUMENT_SIDE_FRONT);

  g_assert_nonnull (document);
  dossier_document_slot_set_upload_state (slot, DOSSIER_DOCUMENT_UPLOAD_QUEUED, NULL);
  dossier_uploader_enqueue_async (f->uploader, dossier_client_get_id (f->client),
                                  dossier_product_request_get_id (f->request),
                                  dossier_document_slot_get_group_id (slot), document,
                                  dossier_document_image_get_sha256 (front), NULL,
                                  NULL, enqueued_cb, f);
}

/* Runs after the slot's own handler: what the slot shows for this fraction. */
static void
upload_progress_after_cb (DossierUploader *uploader,
                          gint64           upload_id,
                          double           fraction,
                          Fixture         *f)
{
  GtkWidget *bar = f->slot->upload_progress;

  if (upload_id != f->upload_id)
    return;
  g_array_append_val (f->fractions, fraction);
  g_ptr_array_add (f->seen, g_strdup (footer_text (f)));
  if (!gtk_widget_get_visible (bar) || !gtk_widget_get_mapped (f->window) ||
      dossier_document_slot_get_upload_state (f->slot) != DOSSIER_DOCUMENT_UPLOAD_SENDING ||
      gtk_progress_bar_get_fraction (GTK_PROGRESS_BAR (bar)) != fraction)
    f->wrong++;
}

static gboolean
upload_settled (gpointer data)
{
  Fixture *f = data;
  g_autoptr(DossierUploadInfo) info = NULL;

  if (f->upload_id <= 0)
    return FALSE;
  info = dossier_uploader_lookup (f->uploader, f->upload_id);
  return info != NULL && info->status != DOSSIER_UPLOAD_STATUS_QUEUED &&
         info->status != DOSSIER_UPLOAD_STATUS_CHECKING && info->status != DOSSIER_UPLOAD_STATUS_SENDING &&
         !dossier_uploader_is_busy (f->uploader);
}

static void
test_real_upload (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GdkPixbuf) pixbuf = fixture_make_document (2400, 1600, 31, 4.0);
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *path = g_build_filename (f->dir, "large.jpg", NULL);
  g_autofree char *uri = NULL;
  gsize size;

  /* A grainy photo: a few MB even once prepared for the upload. */
  fixture_add_noise (pixbuf, 7, 24.0);
  bytes = fixture_save (pixbuf, "jpeg", "95");
  size = g_bytes_get_size (bytes);
  g_test_message ("photo: %" G_GSIZE_FORMAT " bytes", size);
  g_assert_true (g_file_set_contents (path, g_bytes_get_data (bytes, NULL), size, NULL));
  uri = g_filename_to_uri (path, NULL, NULL);

  g_signal_connect (f->slot, "upload-requested", G_CALLBACK (upload_requested_cb), f);
  g_signal_connect (f->uploader, "upload-changed", G_CALLBACK (upload_changed_cb), f);
  g_signal_connect_after (f->uploader, "upload-progress", G_CALLBACK (upload_progress_after_cb), f);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->slot), "document.open", "s", uri));
  g_assert_true (dossier_test_wait_until (slot_idle, f->slot, 30000));
  set_text (f->slot, "number", "AB1234567");
  set_text (f->slot, "issuing_country", "ARG");
  set_text (f->slot, "expiration_date", "2099-01-31");
  g_assert_true (dossier_document_slot_get_ready (f->slot));
  g_test_message ("prepared: %" G_GSIZE_FORMAT " bytes",
                  g_bytes_get_size (dossier_document_image_get_upload_bytes (
                    dossier_document_slot_get_image (f->slot, DOSSIER_DOCUMENT_SIDE_FRONT))));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->slot), "document.upload", NULL));
  g_assert_true (dossier_test_wait_until (upload_settled, f, 60000));

  g_test_message ("%u progress signals", f->fractions->len);
  for (guint i = 0; i < f->seen->len; i++)
    g_test_message ("%.4f %s", g_array_index (f->fractions, double, i), (char *) f->seen->pdata[i]);
  g_assert_cmpuint (f->wrong, ==, 0);
  g_assert_cmpuint (f->fractions->len, >=, 2);
  for (guint i = 1; i < f->fractions->len; i++)
    g_assert_cmpfloat (g_array_index (f->fractions, double, i), >, g_array_index (f->fractions, double, i - 1));
  g_assert_cmpfloat (g_array_index (f->fractions, double, f->fractions->len - 1), ==, 1.0);
  g_assert_true (g_str_has_prefix (f->seen->pdata[0], "Uploading… "));
  g_assert_true (g_str_has_suffix (f->seen->pdata[0], " %"));
  g_assert_cmpstr (f->seen->pdata[f->seen->len - 1], ==, "Uploaded, waiting for the server’s answer…");

  /* Accepted: the bar is gone, the slot is done and follows nothing any more. */
  g_assert_cmpint (dossier_document_slot_get_upload_state (f->slot), ==, DOSSIER_DOCUMENT_UPLOAD_ACCEPTED);
  g_assert_true (dossier_document_slot_get_satisfied (f->slot));
  g_assert_false (gtk_widget_get_visible (f->slot->upload_progress));
  g_assert_null (f->slot->followed);
  g_assert_cmpuint (f->slot->pulse_source, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);
  {
    g_autoptr(GtkCssProvider) css = gtk_css_provider_new ();

    gtk_css_provider_load_from_resource (css, "/io/github/dossier_app/Dossier/style.css");
    gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (css),
                                                GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  }

  g_test_add ("/dossier/ui/document-slot-progress/labels", Fixture, NULL,
              fixture_set_up, test_labels, fixture_tear_down);
  g_test_add ("/dossier/ui/document-slot-progress/real-upload", Fixture, NULL,
              fixture_set_up, test_real_upload, fixture_tear_down);

  return g_test_run ();
}
