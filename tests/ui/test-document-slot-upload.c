/* test-document-slot-upload.c — what a slot builds, sent to the embedded sandbox: the
 * rotation sticks into the bytes received, a rejection shows its reason and its
 * replacement fixes it, and the group ends satisfied
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The window's part (the uploader and its queue) is not here: the document the slot builds
 * is sent with DossierApi directly, and its answer handed back to the slot as the window
 * does. The sandbox's admin API (CONTRACT.md §13.7) says what it received.
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
#include "dossier-product-request.h"
#include "dossier-sandbox.h"
#include "dossier-value-row.h"
#include "dossier-ui-test-utils.h"
#include "document-image-fixtures.h"

#define KEY "document-slot-test-key"

typedef struct {
  DossierSandbox *sandbox;
  DossierApi     *api;
  SoupSession    *session;
  char           *dir;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(DossierSandboxConfig) config = dossier_sandbox_config_new ();
  g_autoptr(GError) error = NULL;

  g_assert_true (dossier_sandbox_config_add_key (config, KEY ":3", &error));
  dossier_sandbox_config_set_admin (config, TRUE);
  f->sandbox = dossier_sandbox_new (config);
  g_assert_true (dossier_sandbox_start (f->sandbox, &error));
  g_assert_no_error (error);
  f->api = dossier_api_new (dossier_sandbox_get_uri (f->sandbox), KEY);
  f->session = soup_session_new ();
  f->dir = g_dir_make_tmp ("dossier-slot-upload-XXXXXX", &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GDir) dir = g_dir_open (f->dir, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (f->dir, name, NULL);

      g_unlink (path);
    }
  g_rmdir (f->dir);
  g_free (f->dir);
  g_clear_object (&f->api);
  g_clear_object (&f->session);
  dossier_sandbox_stop (f->sandbox);
  g_clear_object (&f->sandbox);
}

/* The sandbox from outside the app; the server runs on its own thread (TESTING.md §11). */
static JsonNode *
sandbox_call (Fixture    *f,
              const char *method,
              const char *path,
              const char *body)
{
  g_autofree char *uri = g_strconcat (dossier_sandbox_get_uri (f->sandbox), path, NULL);
  g_autoptr(SoupMessage) message = soup_message_new (method, uri);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;

  soup_message_headers_append (soup_message_get_request_headers (message), "x-api-key", KEY);
  if (body != NULL)
    {
      g_autoptr(GBytes) request = g_bytes_new (body, strlen (body));

      soup_message_set_request_body_from_bytes (message, "application/json", request);
    }
  bytes = soup_session_send_and_read (f->session, message, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (message), ==, 200);
  return json_from_string (g_bytes_get_data (bytes, NULL), &error);
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

static gboolean
slot_idle (gpointer data)
{
  DossierDocumentSlot *slot = data;

  return !dossier_document_slot_get_busy (slot)
         && dossier_document_slot_get_image (slot, DOSSIER_DOCUMENT_SIDE_FRONT) != NULL;
}

static GFile *
write_picture (Fixture    *f,
               const char *name,
               int         width,
               int         height,
               guint       seed)
{
  g_autoptr(GdkPixbuf) pixbuf = fixture_make_document (width, height, seed, 4.0);
  g_autoptr(GBytes) bytes = fixture_save (pixbuf, "jpeg", "92");
  g_autofree char *path = g_build_filename (f->dir, name, NULL);

  g_assert_true (g_file_set_contents (path, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), NULL));
  return g_file_new_for_path (path);
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

/* Sends what the slot built, as the window does through the uploader, and hands the answer
 * back to the slot. @sent_expiry (nullable) replaces the expiration date sent, as if the
 * server's day were past it. Returns (transfer full) the request as it now is. */
static DossierProductRequest *
upload (Fixture               *f,
        DossierDocumentSlot   *slot,
        DossierClient         *client,
        DossierProductRequest *request,
        const char            *sent_expiry)
{
  g_autoptr(JsonNode) document = dossier_document_slot_build_document (slot);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  DossierProductRequest *updated;
  DossierRequirements *requirements;

  g_assert_nonnull (document);
  if (sent_expiry != NULL)
    json_object_set_string_member (json_object_get_object_member (json_node_get_object (document), "metadata"),
                                   "expiration_date", sent_expiry);
  dossier_document_slot_set_upload_state (slot, DOSSIER_DOCUMENT_UPLOAD_SENDING, NULL);
  dossier_api_upload_document_async (f->api, dossier_client_get_id (client),
                                     dossier_product_request_get_id (request), document,
                                     DOSSIER_API_PRIORITY_USER, NULL, store_result, &result);
  g_assert_true (dossier_test_wait_until (result_ready, &result, 20000));
  updated = dossier_api_upload_document_finish (f->api, result, &error);
  g_assert_no_error (error);
  g_assert_nonnull (updated);

  dossier_document_slot_set_rejected_items (slot, dossier_product_request_get_rejected_items (updated));
  requirements = dossier_product_request_get_requirements (updated);
  if (dossier_requirements_lookup_document_group (requirements, dossier_document_slot_get_group_id (slot)) == NULL)
    dossier_document_slot_set_upload_state (slot, DOSSIER_DOCUMENT_UPLOAD_ACCEPTED, NULL);
  return updated;
}

static void
test_round_trip (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(JsonNode) created = NULL;
  g_autoptr(DossierClient) client = NULL;
  g_autoptr(DossierProductRequest) request = NULL;
  g_autoptr(DossierProductRequest) rejected = NULL;
  g_autoptr(DossierProductRequest) accepted = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) first = write_picture (f, "first.jpg", 1200, 800, 21);
  g_autoptr(GFile) second = write_picture (f, "second.jpg", 1400, 900, 22);
  g_autofree char *first_uri = g_file_get_uri (first);
  g_autofree char *second_uri = g_file_get_uri (second);
  g_autofree char *documents_path = NULL;
  g_autoptr(JsonNode) documents = NULL;
  const DossierDocumentGroup *group;
  DossierDocumentSlot *slot;
  GtkWidget *window, *scrolled;
  JsonObject *stored, *front;

  created = sandbox_call (f, "POST", "/management/clients/individuals",
                          "{\"first_name\": \"Maria\", \"second_name\": \"Julia\", \"last_name\": \"Barber\","
                          " \"email\": \"maria.slot@example.com\", \"birth_date\": \"1984-11-21\","
                          " \"crm_reference\": \"K-77\", \"address\": {\"street_line1\": \"Florida 9860\","
                          " \"city\": \"Del Viso\", \"postal_code\": \"1669\", \"state\": \"ARG-B\","
                          " \"country\": \"ARG\"}}");
  client = dossier_client_new_from_json (created, &error);
  g_assert_no_error (error);
  dossier_api_request_product_async (f->api, dossier_client_get_id (client), "cards_individuals_premium",
                                     DOSSIER_API_PRIORITY_USER, NULL, store_result, &result);
  g_assert_true (dossier_test_wait_until (result_ready, &result, 20000));
  request = dossier_api_request_product_finish (f->api, result, &error);
  g_assert_no_error (error);
  group = dossier_requirements_lookup_document_group (dossier_product_request_get_requirements (request),
                                                      "identity_document");
  g_assert_nonnull (group);

  slot = DOSSIER_DOCUMENT_SLOT (dossier_document_slot_new (group));
  window = gtk_window_new ();
  gtk_window_set_title (GTK_WINDOW (window), "Document slot upload");
  gtk_window_set_default_size (GTK_WINDOW (window), 720, 900);
  scrolled = gtk_scrolled_window_new ();
  gtk_widget_set_margin_start (GTK_WIDGET (slot), 12);
  gtk_widget_set_margin_end (GTK_WIDGET (slot), 12);
  gtk_widget_set_margin_top (GTK_WIDGET (slot), 24);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (slot));
  gtk_window_set_child (GTK_WINDOW (window), scrolled);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (dossier_test_wait_for_draw (window));
  g_assert_true (dossier_document_slot_set_document_type (slot, "passport"));

  /* First: a valid picture, but the passport expired: the slot says so before sending. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (slot), "document.open", "s", first_uri));
  g_assert_true (dossier_test_wait_until (slot_idle, slot, 20000));
  set_text (slot, "number", "AB1234567");
  set_text (slot, "issuing_country", "ARG");
  set_text (slot, "expiration_date", "2001-01-31");
  g_assert_false (dossier_document_slot_get_ready (slot));
  g_assert_null (dossier_document_slot_build_document (slot));
  /* The server still has the last word (its day may be later than ours). */
  set_text (slot, "expiration_date", "2030-01-31");
  g_assert_true (dossier_document_slot_get_ready (slot));
  rejected = upload (f, slot, client, request, "2001-01-31");
  g_assert_cmpuint (dossier_document_slot_get_n_rejections (slot), ==, 1);
  g_assert_true (gtk_widget_get_visible (slot->rejection_box));
  g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (slot->rejection_label)), "Document expired on 2001-01-31"));
  g_assert_false (dossier_document_slot_get_satisfied (slot));
  /* … and at the field it is about. */
  g_assert_nonnull (strstr (dossier_value_row_get_message (DOSSIER_VALUE_ROW (_dossier_document_slot_get_metadata_row (slot, "expiration_date"))),
                            "expired"));

  /* Then: another photo, turned a quarter clockwise, and the date fixed. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (slot), "document.open", "s", second_uri));
  g_assert_true (dossier_test_wait_until (slot_idle, slot, 20000));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (slot), "document.rotate-right", NULL));
  g_assert_true (dossier_document_slot_get_busy (slot));
  g_assert_true (dossier_test_wait_until (slot_idle, slot, 20000));
  set_text (slot, "expiration_date", "2099-01-31");
  g_assert_true (gtk_stack_get_visible_child (GTK_STACK (slot->preview_stack)) == slot->compare);
  g_assert_true (dossier_test_wait_for_draw (window));
  g_free (dossier_test_save_screenshot (window, "document-slot-sandbox-rejection"));
  accepted = upload (f, slot, client, rejected, NULL);
  g_assert_cmpuint (dossier_document_slot_get_n_rejections (slot), ==, 0);
  g_assert_true (dossier_document_slot_get_satisfied (slot));

  /* What the sandbox keeps: the turned picture, byte for byte. */
  documents_path = g_strdup_printf ("/_sandbox/requests/%s/documents", dossier_product_request_get_id (request));
  documents = sandbox_call (f, "GET", documents_path, NULL);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (documents)), ==, 1);
  stored = json_array_get_object_element (json_node_get_array (documents), 0);
  g_assert_cmpstr (json_object_get_string_member (stored, "document_type"), ==, "passport");
  front = json_object_get_object_member (stored, "image_front");
  g_assert_cmpint (json_object_get_int_member (front, "width"), ==, 900);
  g_assert_cmpint (json_object_get_int_member (front, "height"), ==, 1400);
  g_assert_cmpstr (json_object_get_string_member (front, "sha256"), ==,
                   dossier_document_image_get_sha256 (dossier_document_slot_get_image (slot, DOSSIER_DOCUMENT_SIDE_FRONT)));
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (stored, "metadata"), "issuing_country"),
                   ==, "ARG");
  g_assert_true (json_object_get_null_member (stored, "image_back"));

  gtk_window_destroy (GTK_WINDOW (window));
  for (int i = 0; i < 50; i++)
    g_main_context_iteration (NULL, FALSE);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE,
                "gtk-entry-select-on-focus", FALSE, NULL);
  {
    g_autoptr(GtkCssProvider) css = gtk_css_provider_new ();

    gtk_css_provider_load_from_resource (css, "/io/github/dossier_app/Dossier/style.css");
    gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (css),
                                                GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  }

  g_test_add ("/dossier/ui/document-slot-upload/round-trip", Fixture, NULL,
              fixture_set_up, test_round_trip, fixture_tear_down);

  return g_test_run ();
}
