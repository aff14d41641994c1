/* test-document-slot-walk.c — what a person found using the document slots by hand: a
 * file that is no picture, the footer naming what is missing, expired documents and a
 * rejection addressed, the accepted row naming what was sent, unsent work and its draft
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>

#include "dossier-contract.h"
#include "dossier-document-slot.h"
#include "dossier-document-slot-private.h"
#include "dossier-value-row.h"
#include "dossier-ui-test-utils.h"
#include "document-image-fixtures.h"

static const char *requirements_json =
  "{\"documents\": [{\"id\": \"identity_document\", \"name\": \"Identity document\","
  "  \"description\": \"A valid government-issued identity document\", \"required\": true,"
  "  \"valid_documents\": ["
  "   {\"id\": \"passport\", \"name\": \"Passport\", \"description\": \"A valid passport\","
  "    \"required\": true, \"require_image\": true, \"require_back_image\": false,"
  "    \"metadata\": [{\"id\": \"number\", \"name\": \"Document Number\", \"data_type\": \"STRING\", \"required\": true},"
  "                   {\"id\": \"expiration_date\", \"name\": \"Expiration date\", \"data_type\": \"DATE\", \"required\": true}]},"
  "   {\"id\": \"national_id\", \"name\": \"National identity card\", \"description\": \"Front and back\","
  "    \"required\": true, \"require_image\": true, \"require_back_image\": true,"
  "    \"metadata\": [{\"id\": \"number\", \"name\": \"Document Number\", \"data_type\": \"STRING\", \"required\": true}]}"
  "  ]}], \"data\": []}";

typedef struct {
  DossierRequirements *requirements;
  GtkWidget           *window;
  GtkWidget           *box;
  DossierDocumentSlot *slot;
  char                *dir;
} Fixture;

static DossierDocumentSlot *
add_slot (Fixture *fixture)
{
  GtkWidget *slot = dossier_document_slot_new (dossier_requirements_get_document_group (fixture->requirements, 0));

  gtk_widget_set_margin_top (slot, 24);
  gtk_widget_set_margin_bottom (slot, 24);
  gtk_widget_set_margin_start (slot, 12);
  gtk_widget_set_margin_end (slot, 12);
  gtk_box_append (GTK_BOX (fixture->box), slot);
  return DOSSIER_DOCUMENT_SLOT (slot);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(JsonNode) node = json_from_string (requirements_json, NULL);
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *clamp = adw_clamp_new ();

  fixture->requirements = dossier_requirements_new_from_json (node);
  g_assert_nonnull (fixture->requirements);
  fixture->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  fixture->slot = add_slot (fixture);
  fixture->window = gtk_window_new ();
  gtk_window_set_title (GTK_WINDOW (fixture->window), "Document slot");
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 640, 900);
  adw_clamp_set_child (ADW_CLAMP (clamp), fixture->box);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), clamp);
  gtk_window_set_child (GTK_WINDOW (fixture->window), scrolled);
  gtk_window_present (GTK_WINDOW (fixture->window));
  g_assert_true (dossier_test_wait_for_draw (fixture->window));
  fixture->dir = g_dir_make_tmp ("dossier-slot-walk-XXXXXX", NULL);
  g_assert_nonnull (fixture->dir);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GDir) dir = g_dir_open (fixture->dir, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (fixture->dir, name, NULL);

      g_unlink (path);
    }
  g_rmdir (fixture->dir);
  g_free (fixture->dir);
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  g_clear_object (&fixture->requirements);
  for (int i = 0; i < 50; i++)
    g_main_context_iteration (NULL, FALSE);
}

static char *
write_file (Fixture    *fixture,
            const char *name,
            const void *data,
            gsize       len)
{
  g_autofree char *path = g_build_filename (fixture->dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (path, data, len, &error));
  g_assert_no_error (error);
  return g_filename_to_uri (path, NULL, NULL);
}

static char *
write_document (Fixture    *fixture,
                const char *name,
                guint       seed)
{
  g_autoptr(GdkPixbuf) pixbuf = fixture_make_document (1200, 800, seed, 4.0);
  g_autoptr(GBytes) bytes = fixture_save (pixbuf, "jpeg", "92");

  return write_file (fixture, name, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
}

static gboolean
idle_cond (gpointer data)
{
  return !dossier_document_slot_get_busy (data);
}

static void
wait_idle (DossierDocumentSlot *slot)
{
  g_main_context_iteration (NULL, FALSE);
  g_assert_true (dossier_test_wait_until (idle_cond, slot, 20000));
}

static void
set_text (DossierDocumentSlot *slot,
          const char          *id,
          const char          *text)
{
  g_autoptr(JsonNode) value = NULL;

  if (text != NULL)
    {
      value = json_node_new (JSON_NODE_VALUE);
      json_node_set_string (value, text);
    }
  g_assert_true (dossier_document_slot_set_metadata_value (slot, id, value));
}

static const char *
footer (DossierDocumentSlot *slot)
{
  return gtk_label_get_label (GTK_LABEL (slot->upload_label));
}

static void
open_uri (DossierDocumentSlot *slot,
          const char          *uri)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (slot), "document.open", "s", uri));
  wait_idle (slot);
}

/* 1. A text file named .jpg: the slot stays empty, with the reason in the drop area. */
static void
test_not_a_picture (Fixture       *fixture,
                    gconstpointer  data)
{
  static const char text[] = "Dear Sir,\nthis is a letter, not a picture.\n";
  g_autofree char *uri = write_file (fixture, "letter.jpg", text, sizeof text - 1);
  g_autoptr(GPtrArray) blocking = NULL;
  const char *message;

  open_uri (fixture->slot, uri);
  message = gtk_label_get_label (GTK_LABEL (fixture->slot->place_error[DOSSIER_DOCUMENT_SIDE_FRONT]));
  g_test_message ("inline: %s", message);
  g_assert_true (gtk_widget_get_visible (fixture->slot->places));
  g_assert_false (gtk_widget_get_visible (fixture->slot->preview_box));
  g_assert_true (gtk_widget_get_visible (fixture->slot->place_error[DOSSIER_DOCUMENT_SIDE_FRONT]));
  g_assert_true (gtk_widget_has_css_class (fixture->slot->place_error[DOSSIER_DOCUMENT_SIDE_FRONT], "error"));
  g_assert_nonnull (strstr (message, "not a picture"));
  /* Said once, where the file went; Choose File… and Paste are there again. */
  blocking = _dossier_document_slot_get_check_messages (fixture->slot, TRUE);
  g_assert_cmpuint (blocking->len, ==, 0);
  g_assert_true (gtk_widget_is_visible (fixture->slot->place[DOSSIER_DOCUMENT_SIDE_FRONT]));
  g_assert_true (gtk_widget_is_sensitive (fixture->slot->place[DOSSIER_DOCUMENT_SIDE_FRONT]));
  g_assert_false (gtk_widget_get_visible (fixture->slot->toolbar) && gtk_widget_get_mapped (fixture->slot->toolbar));
  g_assert_null (dossier_document_slot_get_image (fixture->slot, DOSSIER_DOCUMENT_SIDE_FRONT));
  g_assert_false (dossier_document_slot_get_ready (fixture->slot));
  g_free (dossier_test_save_screenshot (fixture->window, "document-slot-not-a-picture"));

  /* A picture afterwards replaces the reason. */
  {
    g_autofree char *good = write_document (fixture, "passport.jpg", 3);

    open_uri (fixture->slot, good);
    g_assert_false (gtk_widget_get_visible (fixture->slot->place_error[DOSSIER_DOCUMENT_SIDE_FRONT]));
    g_assert_true (gtk_widget_get_visible (fixture->slot->preview_box));
  }
}

/* 2. The footer names what is missing. */
static void
test_missing (Fixture       *fixture,
              gconstpointer  data)
{
  g_autofree char *uri = write_document (fixture, "passport.jpg", 4);

  g_assert_true (g_str_has_prefix (footer (fixture->slot), "Add a photo or scan of the document\n"));
  open_uri (fixture->slot, uri);
  g_test_message ("footer: %s", footer (fixture->slot));
  g_assert_nonnull (strstr (footer (fixture->slot), "Add the document number"));
  g_assert_nonnull (strstr (footer (fixture->slot), "Add the expiration date"));
  set_text (fixture->slot, "number", "AB1234567");
  g_assert_cmpstr (footer (fixture->slot), ==, "Add the expiration date");
  set_text (fixture->slot, "expiration_date", "2031-11-21");
  g_assert_true (dossier_document_slot_get_ready (fixture->slot));
  g_assert_cmpstr (footer (fixture->slot), ==, "Ready to upload");

  g_assert_true (dossier_document_slot_set_document_type (fixture->slot, "national_id"));
  g_test_message ("footer: %s", footer (fixture->slot));
  g_assert_cmpstr (footer (fixture->slot), ==, "Add the back of the document");
  g_free (dossier_test_save_screenshot (fixture->window, "document-slot-missing"));
}

static void
count_cb (gpointer  instance,
          guint    *count)
{
  (*count)++;
}

/* 3a. An expiry date in the past blocks the upload before anything is sent. */
static void
test_expired (Fixture       *fixture,
              gconstpointer  data)
{
  g_autofree char *uri = write_document (fixture, "passport.jpg", 5);
  g_autoptr(GPtrArray) blocking = NULL;
  g_autoptr(GPtrArray) after = NULL;
  guint uploads = 0;

  g_signal_connect (fixture->slot, "upload-requested", G_CALLBACK (count_cb), &uploads);
  open_uri (fixture->slot, uri);
  set_text (fixture->slot, "number", "AB1234567");
  set_text (fixture->slot, "expiration_date", "2020-01-15");
  blocking = _dossier_document_slot_get_check_messages (fixture->slot, TRUE);
  g_assert_cmpuint (blocking->len, ==, 1);
  g_test_message ("%s", (char *) blocking->pdata[0]);
  g_assert_cmpstr (blocking->pdata[0], ==,
                   "This document expired on 15 January 2020; the provider does not accept expired documents.");
  g_assert_true (gtk_widget_get_visible (fixture->slot->checks));
  g_assert_false (dossier_document_slot_get_ready (fixture->slot));
  g_assert_null (dossier_document_slot_build_document (fixture->slot));
  gtk_widget_activate_action (GTK_WIDGET (fixture->slot), "document.upload", NULL);
  g_assert_cmpuint (uploads, ==, 0);
  g_assert_nonnull (strstr (footer (fixture->slot), "expired"));
  g_free (dossier_test_save_screenshot (fixture->window, "document-slot-expired"));

  set_text (fixture->slot, "expiration_date", "2031-01-15");
  after = _dossier_document_slot_get_check_messages (fixture->slot, TRUE);
  g_assert_cmpuint (after->len, ==, 0);
  g_assert_true (dossier_document_slot_get_ready (fixture->slot));
}

/* 3b. A rejection goes once what it was about changed. */
static void
test_rejection_addressed (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autofree char *uri = write_document (fixture, "passport.jpg", 6);
  g_autofree char *other = write_document (fixture, "other.jpg", 7);
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func ((GDestroyNotify) dossier_rejected_item_free);
  const char *number_reason = "Metadata number must be a non-empty text of at most 255 characters";

  open_uri (fixture->slot, uri);
  set_text (fixture->slot, "number", "AB1234567");
  set_text (fixture->slot, "expiration_date", "2031-01-15");
  dossier_document_slot_set_upload_state (fixture->slot, DOSSIER_DOCUMENT_UPLOAD_SENDING, NULL);
  g_ptr_array_add (items, dossier_rejected_item_new ("document", "passport", "Document expired on 2020-01-15"));
  g_ptr_array_add (items, dossier_rejected_item_new ("document", "passport", number_reason));
  dossier_document_slot_set_rejected_items (fixture->slot, items);
  g_assert_true (gtk_widget_get_visible (fixture->slot->rejection_box));
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (fixture->slot->status)), ==, "Rejected");
  g_assert_false (dossier_document_slot_has_unsent_work (fixture->slot));

  /* The date corrected: its reason goes, the number's stays. */
  set_text (fixture->slot, "expiration_date", "2032-01-15");
  g_assert_true (gtk_widget_get_visible (fixture->slot->rejection_box));
  g_assert_null (strstr (gtk_label_get_label (GTK_LABEL (fixture->slot->rejection_label)), "expired"));
  g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (fixture->slot->rejection_label)), number_reason));
  g_assert_true (dossier_document_slot_has_unsent_work (fixture->slot));

  /* The number corrected too: nothing left to contradict the page. */
  set_text (fixture->slot, "number", "AB7654321");
  g_assert_false (gtk_widget_get_visible (fixture->slot->rejection_box));
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (fixture->slot->status)), !=, "Rejected");
  g_free (dossier_test_save_screenshot (fixture->window, "document-slot-rejection-addressed"));

  /* A picture reason goes with a new picture. */
  g_ptr_array_set_size (items, 0);
  g_ptr_array_add (items, dossier_rejected_item_new ("document", "passport", "Front image could not be decoded"));
  dossier_document_slot_set_upload_state (fixture->slot, DOSSIER_DOCUMENT_UPLOAD_SENDING, NULL);
  dossier_document_slot_set_rejected_items (fixture->slot, items);
  g_assert_true (gtk_widget_get_visible (fixture->slot->rejection_box));
  set_text (fixture->slot, "number", "ZZ1");
  g_assert_true (gtk_widget_get_visible (fixture->slot->rejection_box));
  open_uri (fixture->slot, other);
  g_assert_false (gtk_widget_get_visible (fixture->slot->rejection_box));
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (fixture->slot->status)), !=, "Rejected");

  /* Another document chosen: the passport's reasons are not about it. */
  g_ptr_array_set_size (items, 0);
  g_ptr_array_add (items, dossier_rejected_item_new ("document", "passport", number_reason));
  dossier_document_slot_set_upload_state (fixture->slot, DOSSIER_DOCUMENT_UPLOAD_SENDING, NULL);
  dossier_document_slot_set_rejected_items (fixture->slot, items);
  g_assert_true (gtk_widget_get_visible (fixture->slot->rejection_box));
  g_assert_true (dossier_document_slot_set_document_type (fixture->slot, "national_id"));
  g_assert_false (gtk_widget_get_visible (fixture->slot->rejection_box));
}

/* 4. The accepted row names what was sent. */
static void
test_accepted_row (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *uri = write_document (fixture, "passport.jpg", 8);
  g_autoptr(JsonNode) document = NULL;
  g_autoptr(JsonObject) metadata = json_object_new ();
  DossierDocumentSlot *fresh;

  open_uri (fixture->slot, uri);
  set_text (fixture->slot, "number", "AB1234567");
  set_text (fixture->slot, "expiration_date", "2031-11-21");
  document = dossier_document_slot_build_document (fixture->slot);
  g_assert_nonnull (document);
  dossier_document_slot_set_upload_state (fixture->slot, DOSSIER_DOCUMENT_UPLOAD_SENDING, NULL);
  dossier_document_slot_set_upload_state (fixture->slot, DOSSIER_DOCUMENT_UPLOAD_ACCEPTED, NULL);
  g_assert_true (gtk_widget_get_visible (fixture->slot->done_row));
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (fixture->slot->done_title)), ==,
                   "Passport · AB1234567 · expires 21 Nov 2031");
  g_assert_false (dossier_document_slot_has_unsent_work (fixture->slot));
  g_free (dossier_test_save_screenshot (fixture->window, "document-slot-accepted-row"));

  /* A slot made again (the window reopened) is told what was sent. */
  fresh = add_slot (fixture);
  dossier_document_slot_set_satisfied (fresh, TRUE);
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (fresh->done_title)), ==, "Passport");
  json_object_set_string_member (metadata, "number", "CD7654321");
  dossier_document_slot_set_sent_metadata (fresh, metadata);
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (fresh->done_title)), ==, "Passport · CD7654321");
}

/* 5. Unsent work, kept as a draft and brought back. */
static void
test_unsent (Fixture       *fixture,
             gconstpointer  data)
{
  g_autofree char *uri = write_document (fixture, "passport.jpg", 9);
  g_autoptr(JsonObject) draft = NULL;
  g_autoptr(JsonNode) number = NULL;
  g_autofree char *text = NULL;
  DossierDocumentSlot *fresh;

  g_assert_false (dossier_document_slot_has_unsent_work (fixture->slot));
  g_assert_null (dossier_document_slot_save_draft (fixture->slot));
  set_text (fixture->slot, "number", "AB1234567");
  g_assert_true (dossier_document_slot_has_unsent_work (fixture->slot));
  set_text (fixture->slot, "number", NULL);
  g_assert_false (dossier_document_slot_has_unsent_work (fixture->slot));
  open_uri (fixture->slot, uri);
  g_assert_true (dossier_document_slot_has_unsent_work (fixture->slot));
  set_text (fixture->slot, "number", "AB1234567");

  draft = dossier_document_slot_save_draft (fixture->slot);
  g_assert_nonnull (draft);
  {
    g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), draft);

    text = json_to_string (node, FALSE);
  }
  g_test_message ("draft: %s", text);
  g_assert_cmpstr (json_object_get_string_member (draft, "front_uri"), ==, uri);
  g_assert_cmpstr (json_object_get_string_member (draft, "document_type"), ==, "passport");

  /* The window reopened: a new slot takes the draft back. */
  fresh = add_slot (fixture);
  g_assert_true (dossier_document_slot_restore_draft (fresh, draft));
  wait_idle (fresh);
  g_assert_nonnull (dossier_document_slot_get_image (fresh, DOSSIER_DOCUMENT_SIDE_FRONT));
  number = dossier_document_slot_get_metadata_value (fresh, "number");
  g_assert_nonnull (number);
  g_assert_cmpstr (json_node_get_string (number), ==, "AB1234567");
  g_assert_true (dossier_document_slot_has_unsent_work (fresh));

  /* Handed to the uploader: nothing is lost by closing. */
  dossier_document_slot_set_upload_state (fixture->slot, DOSSIER_DOCUMENT_UPLOAD_QUEUED, NULL);
  g_assert_false (dossier_document_slot_has_unsent_work (fixture->slot));
  dossier_document_slot_set_upload_state (fixture->slot, DOSSIER_DOCUMENT_UPLOAD_FAILED, "Offline");
  g_assert_false (dossier_document_slot_has_unsent_work (fixture->slot));
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  {
    g_autoptr(GtkCssProvider) css = gtk_css_provider_new ();

    gtk_css_provider_load_from_resource (css, "/io/github/dossier_app/Dossier/style.css");
    gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (css),
                                                GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  }
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

#define ADD(path, func) g_test_add ("/dossier/ui/document-slot-walk/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("not-a-picture", test_not_a_picture);
  ADD ("missing", test_missing);
  ADD ("expired", test_expired);
  ADD ("rejection-addressed", test_rejection_addressed);
  ADD ("accepted-row", test_accepted_row);
  ADD ("unsent", test_unsent);
#undef ADD

  return g_test_run ();
}
