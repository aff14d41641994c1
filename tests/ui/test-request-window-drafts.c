/* test-request-window-drafts.c — documents given and not uploaded survive the window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * On the embedded sandbox, through real HTTP: a picture chosen in a request window's slot
 * is in the journal's draft a moment later (no close needed, as after a crash) and is back,
 * turned as it was, prepared and ready to upload, when the request is opened again; a
 * pasted (or dropped, file-less) picture is kept as a file of its own (0600, in the data folder's `drafts`), kept
 * or discarded by the question when closing; an accepted upload leaves no draft and no
 * file behind; a file gone meanwhile shows why in its place.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <sys/stat.h>

#include "dossier-core.h"
#include "dossier-document-slot-private.h"
#include "dossier-request-window-private.h"
#include "request-window-test-utils.h"

#define GROUP "identity_document"

typedef struct {
  char *client_id;
  char *request_id;
} Request;

static void
request_clear (Request *request)
{
  g_free (request->client_id);
  g_free (request->request_id);
}

/* A client with a phone (only the passport is missing) and a request for it. */
static void
new_request (Fixture    *fixture,
             const char *last_name,
             Request    *request)
{
  request->client_id = rw_create_client (fixture, "Maria", last_name, TRUE);
  request->request_id = rw_request_product (fixture, request->client_id, "cards_individuals");
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

/* Opens the request's window as the client page's row does. */
static DossierRequestWindow *
open_window (Fixture       *fixture,
             const Request *request)
{
  DossierClientPage *page = rw_open_client (fixture, request->client_id);
  DossierProductRequest *found = NULL;
  DossierRequestWindow *window;

  g_assert_true (dossier_test_wait_until (page_has_request, page, 10000));
  for (guint i = 0; i < dossier_client_page_get_n_requests (page); i++)
    if (g_strcmp0 (dossier_product_request_get_id (dossier_client_page_get_request (page, i)),
                   request->request_id) == 0)
      found = dossier_client_page_get_request (page, i);
  g_assert_nonnull (found);
  window = dossier_request_window_open (fixture->window, dossier_client_page_get_client (page), found);
  g_assert_true (dossier_test_wait_for_draw (GTK_WIDGET (window)));
  g_assert_true (dossier_test_wait_until (documents_loaded, window, 10000));
  return window;
}

static DossierDocumentSlot *
slot_of (DossierRequestWindow *window)
{
  GtkWidget *slot = dossier_request_window_get_slot (window, GROUP);

  g_assert_nonnull (slot);
  return DOSSIER_DOCUMENT_SLOT (slot);
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
  DossierDocumentSlot *slot = data;

  return !dossier_document_slot_get_busy (slot) && slot->sides[0].error != NULL;
}

static gboolean
never (gpointer data)
{
  return FALSE;
}

static gboolean
slot_kept_bytes (gpointer data)
{
  return ((DossierDocumentSlot *) data)->sides[0].draft_path != NULL;
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

static void
fill_passport (DossierDocumentSlot *slot)
{
  g_assert_true (dossier_document_slot_set_document_type (slot, "passport"));
  set_text (slot, "number", "AB1234567");
  set_text (slot, "issuing_country", "ARG");
}

/* A passport JPEG written where a person keeps photos; returns its URI. */
static char *
passport_file (const char *name)
{
  g_autoptr(GBytes) jpeg = rw_passport_jpeg ();
  const char *tmp = g_getenv ("DOSSIER_TEST_TMPDIR");
  g_autofree char *path = g_build_filename (tmp != NULL ? tmp : g_get_tmp_dir (), name, NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, g_bytes_get_data (jpeg, NULL), g_bytes_get_size (jpeg), &error);
  g_assert_no_error (error);
  return g_filename_to_uri (path, NULL, &error);
}

/* The journal's documents draft of @request, as a fresh read finds it. */
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

static JsonObject *
load_part (Fixture       *fixture,
           const Request *request)
{
  DossierJournal *journal = dossier_window_get_journal (fixture->window);
  g_autofree char *key = _dossier_request_window_documents_key (request->request_id);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(JsonObject) draft = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *documents;

  dossier_journal_load_draft_async (journal, request->client_id, key, NULL, store_result, &result);
  g_assert_true (dossier_test_wait_until (result_ready, &result, 10000));
  draft = dossier_journal_load_draft_finish (journal, result, NULL, &error);
  g_assert_no_error (error);
  if (draft == NULL || !json_object_has_member (draft, "_documents"))
    return NULL;
  documents = json_object_get_object_member (draft, "_documents");
  if (!json_object_has_member (documents, GROUP))
    return NULL;
  return json_object_ref (json_object_get_object_member (documents, GROUP));
}

typedef struct {
  Fixture       *fixture;
  const Request *request;
  const char    *member;   /* NULL: the draft is gone */
  const char    *value;    /* NULL: any */
  gint64         number;   /* when value is NULL and this is >= 0 */
} PartWait;

static gboolean
part_matches (gpointer data)
{
  PartWait *wait = data;
  g_autoptr(JsonObject) part = load_part (wait->fixture, wait->request);
  JsonNode *node;

  if (wait->member == NULL)
    return part == NULL;
  if (part == NULL || (node = json_object_get_member (part, wait->member)) == NULL)
    return FALSE;
  if (wait->value != NULL)
    return g_strcmp0 (json_node_get_string (node), wait->value) == 0;
  return wait->number < 0 || json_node_get_int (node) == wait->number;
}

/* The part holds the number typed and no picture. */
static gboolean
part_typed_only (gpointer data)
{
  PartWait *wait = data;
  g_autoptr(JsonObject) part = load_part (wait->fixture, wait->request);
  JsonObject *metadata;

  if (part == NULL || json_object_has_member (part, "front_uri") || json_object_has_member (part, "front_file"))
    return FALSE;
  metadata = json_object_get_object_member (part, "metadata");
  return metadata != NULL
         && g_strcmp0 (json_object_get_string_member_with_default (metadata, "number", NULL), "AB1234567") == 0;
}

static gboolean
wait_part (Fixture       *fixture,
           const Request *request,
           const char    *member,
           const char    *value,
           gint64         number)
{
  PartWait wait = { fixture, request, member, value, number };

  return dossier_test_wait_until (part_matches, &wait, 10000);
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

/* (a) Chosen, turned, typed; the window destroyed without an upload; opened again. */
static void
test_chosen_restored (Fixture       *fixture,
                      gconstpointer  data)
{
  Request request = { NULL, NULL };
  g_autofree char *uri = passport_file ("passport.jpg");
  DossierRequestWindow *window;
  DossierDocumentSlot *slot;
  g_autoptr(JsonNode) number = NULL;

  new_request (fixture, "Draft", &request);
  window = open_window (fixture, &request);
  slot = slot_of (window);
  g_assert_true (dossier_document_slot_set_document_type (slot, "passport"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (slot), "document.open", "s", uri));
  g_assert_true (dossier_test_wait_until (slot_prepared, slot, 20000));
  set_text (slot, "number", "AB1234567");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (slot), "document.rotate-right", NULL));

  /* In the journal a moment later, with the window still open (as a crash would find it). */
  g_assert_true (wait_part (fixture, &request, "front_uri", uri, -1));
  g_assert_true (wait_part (fixture, &request, "front_turns", NULL, 1));
  g_assert_true (dossier_test_wait_until (slot_prepared, slot, 20000));
  gtk_window_destroy (GTK_WINDOW (window));

  window = open_window (fixture, &request);
  slot = slot_of (window);
  g_assert_true (dossier_test_wait_until (slot_prepared, slot, 20000));
  g_assert_cmpstr (dossier_document_slot_get_document_type (slot), ==, "passport");
  g_assert_cmpuint (dossier_document_image_get_quarter_turns (
                      dossier_document_slot_get_image (slot, DOSSIER_DOCUMENT_SIDE_FRONT)), ==, 1);
  g_assert_cmpstr (slot->sides[0].uri, ==, uri);
  number = dossier_document_slot_get_metadata_value (slot, "number");
  g_assert_nonnull (number);
  g_assert_cmpstr (json_node_get_string (number), ==, "AB1234567");
  g_assert_null (slot->sides[0].error);
  g_assert_true (dossier_document_slot_has_unsent_work (slot));

  /* What the rest needs, then Upload is on. */
  set_text (slot, "issuing_country", "ARG");
  g_assert_true (dossier_document_slot_get_ready (slot));
  g_assert_true (gtk_widget_get_visible (slot->upload_button));
  g_assert_true (gtk_widget_is_sensitive (slot->upload_button));
  screenshot (GTK_WIDGET (window), "request-window-draft-restored");
  screenshot (GTK_WIDGET (slot), "request-window-draft-restored-slot");

  /* Removed: the draft lets go of the picture, what was typed stays. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (slot), "document.remove", NULL));
  {
    PartWait wait = { fixture, &request, NULL, NULL, -1 };

    g_assert_true (dossier_test_wait_until (part_typed_only, &wait, 10000));
  }
  request_clear (&request);
}

static void
paste_passport (DossierDocumentSlot *slot)
{
  g_autoptr(GBytes) jpeg = rw_passport_jpeg ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkTexture) texture = gdk_texture_new_from_bytes (jpeg, &error);

  g_assert_no_error (error);
  gdk_clipboard_set_texture (gtk_widget_get_clipboard (GTK_WIDGET (slot)), texture);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (slot), "document.paste", NULL));
  g_assert_true (dossier_test_wait_until (slot_kept_bytes, slot, 20000));
  g_assert_true (dossier_test_wait_until (slot_prepared, slot, 20000));
  g_assert_null (slot->sides[0].uri);
}

/* A picture dragged from a web page: a texture, no file. */
static void
drop_passport_texture (DossierDocumentSlot *slot)
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
  g_assert_null (slot->sides[0].uri);
}

static gboolean
window_gone (gpointer data)
{
  g_autoptr(GtkWidget) window = g_weak_ref_get (data);

  return window == NULL || !gtk_widget_get_visible (window);
}

/* Closes @window through its question, answered with @response. */
static void
close_answering (DossierRequestWindow *window,
                 const char           *response,
                 const char           *heading)
{
  AdwMessageDialog *dialog;
  GWeakRef ref;

  g_weak_ref_init (&ref, window);
  gtk_window_close (GTK_WINDOW (window));
  dialog = ADW_MESSAGE_DIALOG (rw_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, heading);
  screenshot (GTK_WIDGET (dialog), "request-window-draft-close-question");
  adw_message_dialog_response (dialog, response);
  g_assert_true (dossier_test_wait_until (window_gone, &ref, 5000));
  g_weak_ref_clear (&ref);
}

/* (b) A pasted picture: its own file, 0600 in the data folder; kept, then discarded. */
static void
test_pasted_kept (Fixture       *fixture,
                  gconstpointer  data)
{
  Request request = { NULL, NULL };
  g_autofree char *data_dir = dossier_core_data_dir (NULL);
  g_autofree char *drafts = g_build_filename (data_dir, "drafts", NULL);
  g_autofree char *path = NULL;
  g_autofree char *name = NULL;
  g_autofree char *dir = NULL;
  DossierRequestWindow *window;
  DossierDocumentSlot *slot;
  GStatBuf st;

  new_request (fixture, "Pasted", &request);
  window = open_window (fixture, &request);
  slot = slot_of (window);
  paste_passport (slot);
  path = g_strdup (slot->sides[0].draft_path);
  name = g_path_get_basename (path);
  dir = g_path_get_dirname (path);
  g_test_message ("pasted picture kept as %s", path);
  g_assert_cmpstr (dir, ==, drafts);
  g_assert_true (g_str_has_suffix (name, ".png"));
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpuint (st.st_mode & 0777, ==, 0600);
  g_assert_cmpint (g_stat (drafts, &st), ==, 0);
  g_assert_cmpuint (st.st_mode & 0777, ==, 0700);
  g_assert_true (wait_part (fixture, &request, "front_file", name, -1));

  /* Closing asks, and says the truth: kept for later. */
  close_answering (window, "keep", "Keep the Document for Later?");
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  g_assert_true (wait_part (fixture, &request, "front_file", name, -1));

  window = open_window (fixture, &request);
  slot = slot_of (window);
  g_assert_true (dossier_test_wait_until (slot_prepared, slot, 20000));
  g_assert_cmpstr (slot->sides[0].draft_path, ==, path);
  g_assert_null (slot->sides[0].uri);
  g_assert_null (slot->sides[0].error);
  fill_passport (slot);
  g_assert_true (gtk_widget_is_sensitive (slot->upload_button));
  screenshot (GTK_WIDGET (slot), "request-window-draft-pasted-restored");

  /* Discarded: the draft and the file go. */
  close_answering (window, "discard", "Keep the Document for Later?");
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_true (wait_part (fixture, &request, NULL, NULL, -1));

  window = open_window (fixture, &request);
  slot = slot_of (window);
  g_assert_false (dossier_document_slot_has_unsent_work (slot));
  g_assert_null (dossier_document_slot_get_image (slot, DOSSIER_DOCUMENT_SIDE_FRONT));

  /* Named for the client (a digest, not its id): forgetting the client deletes them. */
  paste_passport (slot);
  g_clear_pointer (&path, g_free);
  path = g_strdup (slot->sides[0].draft_path);
  {
    g_autofree char *digest = g_compute_checksum_for_string (G_CHECKSUM_SHA256, request.client_id, -1);
    g_autofree char *base = g_path_get_basename (path);

    g_assert_cmpint (strncmp (base, digest, 16), ==, 0);
    g_assert_cmpint (base[16], ==, '-');
    g_assert_null (strstr (base, request.client_id));
  }
  dossier_document_slot_forget_client_drafts ("some-other-client");
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  dossier_document_slot_forget_client_drafts (request.client_id);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  request_clear (&request);
}

static gboolean
slot_accepted (gpointer data)
{
  return dossier_document_slot_get_upload_state (data) == DOSSIER_DOCUMENT_UPLOAD_ACCEPTED;
}

/* (c) Uploaded and accepted: no draft, no file; the request opened again has nothing of it. */
static void
test_uploaded_cleared (Fixture       *fixture,
                       gconstpointer  data)
{
  Request request = { NULL, NULL };
  g_autofree char *path = NULL;
  DossierRequestWindow *window;
  DossierDocumentSlot *slot;
  AdwMessageDialog *confirmation;

  new_request (fixture, "Uploaded", &request);
  window = open_window (fixture, &request);
  slot = slot_of (window);
  drop_passport_texture (slot);
  fill_passport (slot);
  path = g_strdup (slot->sides[0].draft_path);
  g_assert_true (wait_part (fixture, &request, "front_file", NULL, -1));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (slot), "document.upload", NULL));
  confirmation = _dossier_document_slot_get_confirmation (slot);
  if (confirmation != NULL)
    adw_message_dialog_response (confirmation, "upload");
  g_assert_true (dossier_test_wait_until (slot_accepted, slot, 30000));
  g_assert_true (wait_part (fixture, &request, NULL, NULL, -1));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_false (dossier_document_slot_has_unsent_work (slot));
  g_assert_true (rw_wait_state (window, DOSSIER_REQUEST_STATE_READY, 10000));
  gtk_window_destroy (GTK_WINDOW (window));

  window = open_window (fixture, &request);
  slot = DOSSIER_DOCUMENT_SLOT (dossier_request_window_get_slot (window, GROUP));
  /* The group is no longer missing: no slot, or one shown done. */
  g_assert_true (slot == NULL || dossier_document_slot_get_satisfied (slot));
  g_assert_true (slot == NULL || !dossier_document_slot_has_unsent_work (slot));
  g_assert_true (wait_part (fixture, &request, NULL, NULL, -1));
  request_clear (&request);
}

/* (d) The files went meanwhile: the slot says why, nothing crashes. */
static void
test_file_gone (Fixture       *fixture,
                gconstpointer  data)
{
  Request request = { NULL, NULL };
  g_autofree char *uri = passport_file ("gone.jpg");
  g_autofree char *file_path = g_filename_from_uri (uri, NULL, NULL);
  DossierRequestWindow *window;
  DossierDocumentSlot *slot;
  const char *shown;

  new_request (fixture, "Gone", &request);
  window = open_window (fixture, &request);
  slot = slot_of (window);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (slot), "document.open", "s", uri));
  g_assert_true (dossier_test_wait_until (slot_prepared, slot, 20000));
  g_assert_true (wait_part (fixture, &request, "front_uri", uri, -1));
  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_cmpint (g_unlink (file_path), ==, 0);

  window = open_window (fixture, &request);
  slot = slot_of (window);
  g_assert_true (dossier_test_wait_until (slot_failed, slot, 20000));
  shown = gtk_label_get_label (GTK_LABEL (slot->place_error[0]));
  g_test_message ("shown: %s", shown);
  g_assert_cmpstr (shown, ==, "“gone.jpg” is no longer there: it was moved or deleted. Choose it again.");
  g_assert_true (gtk_widget_get_visible (slot->place_error[0]));
  g_assert_null (dossier_document_slot_get_image (slot, DOSSIER_DOCUMENT_SIDE_FRONT));
  g_assert_false (gtk_widget_is_sensitive (slot->upload_button) && gtk_widget_get_visible (slot->upload_button));
  screenshot (GTK_WIDGET (slot), "request-window-draft-file-gone");
  /* Nothing left to keep: the draft lets go of the missing file. Typed once the save the
   * restore asked for is done: the typing is saved by itself. */
  g_assert_false (dossier_test_wait_until (never, NULL, 3 * 400));
  g_assert_true (dossier_document_slot_set_document_type (slot, "passport"));
  set_text (slot, "number", "AB1234567");
  {
    PartWait wait = { fixture, &request, NULL, NULL, -1 };

    g_assert_true (dossier_test_wait_until (part_typed_only, &wait, 10000));
  }

  /* A pasted picture whose kept copy went. */
  paste_passport (slot);
  {
    g_autofree char *kept = g_strdup (slot->sides[0].draft_path);
    g_autofree char *name = g_path_get_basename (kept);

    g_assert_true (wait_part (fixture, &request, "front_file", name, -1));
    gtk_window_destroy (GTK_WINDOW (window));
    g_assert_cmpint (g_unlink (kept), ==, 0);
  }
  window = open_window (fixture, &request);
  slot = slot_of (window);
  g_assert_true (dossier_test_wait_until (slot_failed, slot, 20000));
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (slot->place_error[0])), ==,
                   "The pasted picture kept from last time is gone. Paste it again.");
  g_assert_true (gtk_widget_get_visible (slot->place_error[0]));
  screenshot (GTK_WIDGET (slot), "request-window-draft-pasted-gone");
  request_clear (&request);
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

#define ADD(path, func) g_test_add ("/dossier/ui/request-window-drafts/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("chosen-restored", test_chosen_restored);
  ADD ("pasted-kept", test_pasted_kept);
  ADD ("uploaded-cleared", test_uploaded_cleared);
  ADD ("file-gone", test_file_gone);
#undef ADD

  status = g_test_run ();
  rw_private_bus_stop ();
  return status;
}
