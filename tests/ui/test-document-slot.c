/* test-document-slot.c — a document group's slot: drops, the chooser's action, paste,
 * orientation, rotation, the checks, the built document, rejection and its replacement, the
 * viewer's zoom, wheel and larger window, the drop highlight
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Drops are simulated as TESTING.md §3 says (a GdkFileList emitted on the slot's drop
 * target); the chooser's response is the `document.open` action with a file URI (§4).
 * Pictures are generated at run time (tests/unit/document-image-fixtures.h).
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>

#include "dossier-contract.h"
#include "dossier-document-compare.h"
#include "dossier-document-slot.h"
#include "dossier-document-slot-private.h"
#include "dossier-value-row.h"
#include "dossier-ui-test-utils.h"
#include "document-image-fixtures.h"
#include "document-image-prepare.h"

static const char *requirements_json =
  "{\"documents\": [{\"id\": \"identity_document\", \"name\": \"Identity document\","
  "  \"description\": \"A valid government-issued identity document\", \"required\": true,"
  "  \"valid_documents\": ["
  "   {\"id\": \"passport\", \"name\": \"Passport\", \"description\": \"A valid passport\","
  "    \"required\": true, \"require_image\": true, \"require_back_image\": false,"
  "    \"metadata\": [{\"id\": \"number\", \"name\": \"Document Number\", \"data_type\": \"STRING\", \"required\": true}]},"
  "   {\"id\": \"national_id\", \"name\": \"National identity card\", \"description\": \"Front and back\","
  "    \"required\": true, \"require_image\": true, \"require_back_image\": true,"
  "    \"metadata\": [{\"id\": \"number\", \"name\": \"Document Number\", \"data_type\": \"STRING\", \"required\": true}]}"
  "  ]}], \"data\": []}";

typedef struct {
  DossierRequirements *requirements;
  GtkWidget           *window;
  DossierDocumentSlot *slot;
  char                *dir;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(JsonNode) node = json_from_string (requirements_json, NULL);
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *clamp = adw_clamp_new ();

  fixture->requirements = dossier_requirements_new_from_json (node);
  g_assert_nonnull (fixture->requirements);
  fixture->slot = DOSSIER_DOCUMENT_SLOT (dossier_document_slot_new (
      dossier_requirements_get_document_group (fixture->requirements, 0)));
  fixture->window = gtk_window_new ();
  gtk_window_set_title (GTK_WINDOW (fixture->window), "Document slot");
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 720, 900);
  gtk_widget_set_margin_top (GTK_WIDGET (fixture->slot), 24);
  gtk_widget_set_margin_bottom (GTK_WIDGET (fixture->slot), 24);
  gtk_widget_set_margin_start (GTK_WIDGET (fixture->slot), 12);
  gtk_widget_set_margin_end (GTK_WIDGET (fixture->slot), 12);
  adw_clamp_set_child (ADW_CLAMP (clamp), GTK_WIDGET (fixture->slot));
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), clamp);
  gtk_window_set_child (GTK_WINDOW (fixture->window), scrolled);
  gtk_window_present (GTK_WINDOW (fixture->window));
  g_assert_true (dossier_test_wait_for_draw (fixture->window));
  fixture->dir = g_dir_make_tmp ("dossier-slot-XXXXXX", NULL);
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
  /* Let the workers drop their references. */
  for (int i = 0; i < 50; i++)
    g_main_context_iteration (NULL, FALSE);
}

/* A picture file in the fixture's folder. */
static GFile *
write_picture (Fixture   *fixture,
               const char *name,
               GdkPixbuf  *pixbuf,
               guint       orientation)
{
  g_autoptr(GBytes) plain = fixture_save (pixbuf, "jpeg", "92");
  g_autoptr(GBytes) bytes = orientation > 0 ? fixture_jpeg_with_orientation (plain, orientation)
                                            : g_bytes_ref (plain);
  g_autofree char *path = g_build_filename (fixture->dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (path, g_bytes_get_data (bytes, NULL),
                                      g_bytes_get_size (bytes), &error));
  g_assert_no_error (error);
  return g_file_new_for_path (path);
}

static GFile *
write_document (Fixture    *fixture,
                const char *name,
                int         width,
                int         height,
                guint       seed)
{
  g_autoptr(GdkPixbuf) pixbuf = fixture_make_document (width, height, seed, 4.0);

  return write_picture (fixture, name, pixbuf, 0);
}

static gboolean
idle_cond (gpointer data)
{
  DossierDocumentSlot *slot = data;
  DossierDocumentViewer *viewer = dossier_document_slot_get_viewer (slot);

  if (dossier_document_slot_get_busy (slot))
    return FALSE;
  /* And the viewer shows the decoded upload bytes of every prepared side. */
  for (guint side = 0; side < 2; side++)
    {
      DossierDocumentImage *image = dossier_document_slot_get_image (slot, side);
      GdkTexture *texture = dossier_document_viewer_get_texture (viewer, side);

      if (image != NULL && dossier_document_image_get_upload_bytes (image) != NULL
          && (texture == NULL
              || (guint) gdk_texture_get_width (texture) != dossier_document_image_get_width (image)))
        return FALSE;
    }
  return TRUE;
}

static void
wait_idle (DossierDocumentSlot *slot)
{
  /* A prepare starts from a worker's answer: let it begin first. */
  g_main_context_iteration (NULL, FALSE);
  g_assert_true (dossier_test_wait_until (idle_cond, slot, 20000));
}

static gboolean
emit_drop (DossierDocumentSlot *slot,
           GSList              *files)
{
  GtkDropTarget *target = _dossier_document_slot_get_drop_target (slot);
  GValue value = G_VALUE_INIT;
  gboolean handled = FALSE;

  g_value_init (&value, GDK_TYPE_FILE_LIST);
  g_value_take_boxed (&value, gdk_file_list_new_from_list (files));
  g_signal_emit_by_name (target, "drop", &value, 10.0, 10.0, &handled);
  g_value_unset (&value);
  return handled;
}

static void
set_metadata (DossierDocumentSlot *slot,
              const char          *id,
              const char          *text)
{
  g_autoptr(JsonNode) value = json_node_new (JSON_NODE_VALUE);
  g_autoptr(JsonNode) back = NULL;

  json_node_set_string (value, text);
  g_assert_true (dossier_document_slot_set_metadata_value (slot, id, value));
  back = dossier_document_slot_get_metadata_value (slot, id);
  g_assert_nonnull (back);
  g_assert_cmpstr (json_node_get_string (back), ==, text);
}

/* The size of a data URI's picture, from its header. */
static void
data_uri_size (const char *uri,
               guint      *width,
               guint      *height,
               GBytes    **bytes_out)
{
  DossierDataUri parsed = { 0 };
  g_autoptr(GBytes) bytes = NULL;

  g_assert_true (dossier_data_uri_parse (uri, strlen (uri), &parsed));
  bytes = dossier_data_uri_decode (&parsed);
  dossier_data_uri_clear (&parsed);
  g_assert_true (dossier_image_read_size (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                          width, height));
  if (bytes_out != NULL)
    *bytes_out = g_steal_pointer (&bytes);
}

static void
test_drop_one (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GFile) file = write_document (fixture, "passport.jpg", 1200, 800, 1);
  GSList files = { file, NULL };
  GtkDropTarget *target = _dossier_document_slot_get_drop_target (fixture->slot);
  GdkDragAction action = 0;
  GValue text = G_VALUE_INIT;
  gboolean handled = TRUE;
  g_autoptr(JsonNode) document = NULL;
  JsonObject *object;

  /* The highlight while something hovers. */
  g_signal_emit_by_name (target, "enter", 10.0, 10.0, &action);
  g_assert_cmpint (action, ==, GDK_ACTION_COPY);
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (fixture->slot), "dossier-drop-hover"));
  g_assert_true (dossier_test_wait_for_draw (fixture->window));
  g_free (dossier_test_save_screenshot (fixture->window, "document-slot-drop-hover"));
  g_signal_emit_by_name (target, "leave");
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (fixture->slot), "dossier-drop-hover"));

  /* Files only. */
  g_value_init (&text, G_TYPE_STRING);
  g_value_set_string (&text, "file:///etc/passwd");
  g_signal_emit_by_name (target, "drop", &text, 10.0, 10.0, &handled);
  g_value_unset (&text);
  g_assert_false (handled);
  g_assert_false (dossier_document_slot_get_busy (fixture->slot));

  g_assert_false (dossier_document_slot_get_ready (fixture->slot));
  g_assert_true (emit_drop (fixture->slot, &files));
  g_assert_true (dossier_document_slot_get_busy (fixture->slot));
  wait_idle (fixture->slot);
  g_assert_nonnull (dossier_document_slot_get_image (fixture->slot, DOSSIER_DOCUMENT_SIDE_FRONT));
  g_assert_null (dossier_document_slot_get_image (fixture->slot, DOSSIER_DOCUMENT_SIDE_BACK));
  g_assert_cmpuint (dossier_document_image_get_width (dossier_document_slot_get_image (fixture->slot, 0)), ==, 1200);

  /* The number is required: not ready without it. */
  g_assert_false (dossier_document_slot_get_ready (fixture->slot));
  g_assert_null (dossier_document_slot_build_document (fixture->slot));
  set_metadata (fixture->slot, "number", "AB1234567");
  g_assert_true (dossier_document_slot_get_ready (fixture->slot));
  g_assert_true (gtk_widget_is_sensitive (GTK_WIDGET (fixture->slot)));
  document = dossier_document_slot_build_document (fixture->slot);
  g_assert_nonnull (document);
  object = json_node_get_object (document);
  g_assert_cmpstr (json_object_get_string_member (object, "document_type"), ==, "passport");
  g_assert_true (g_str_has_prefix (json_object_get_string_member (object, "image_front"),
                                   "data:image/jpeg;base64,"));
  g_assert_false (json_object_has_member (object, "image_back"));
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (object, "metadata"), "number"),
                   ==, "AB1234567");
  /* The issuing country is offered, and sent only when filled. */
  g_assert_nonnull (_dossier_document_slot_get_metadata_row (fixture->slot, "issuing_country"));
  g_assert_false (json_object_has_member (json_object_get_object_member (object, "metadata"), "issuing_country"));
  {
    g_autoptr(JsonNode) again = NULL;

    set_metadata (fixture->slot, "issuing_country", "ARG");
    again = dossier_document_slot_build_document (fixture->slot);
    g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (json_node_get_object (again), "metadata"),
                                                    "issuing_country"), ==, "ARG");
  }
  g_free (dossier_test_save_screenshot (fixture->window, "document-slot-preview"));

  /* The same group again (the next answer of the server) changes nothing in place. */
  {
    GtkWidget *row = _dossier_document_slot_get_metadata_row (fixture->slot, "number");

    dossier_document_slot_set_group (fixture->slot, dossier_requirements_get_document_group (fixture->requirements, 0));
    g_assert_true (_dossier_document_slot_get_metadata_row (fixture->slot, "number") == row);
    g_assert_true (dossier_document_slot_get_ready (fixture->slot));
  }
}

static void
test_drop_two (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GFile) front = write_document (fixture, "front.jpg", 1000, 640, 2);
  g_autoptr(GFile) back = write_document (fixture, "back.jpg", 1000, 640, 3);
  GSList second = { back, NULL };
  GSList files = { front, &second };
  g_autoptr(JsonNode) document = NULL;
  g_autoptr(GPtrArray) blocking = NULL;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->slot), "document.select-alternative",
                                             "s", "national_id"));
  g_assert_cmpstr (dossier_document_slot_get_document_type (fixture->slot), ==, "national_id");
  /* The places say which document they want. */
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (fixture->slot->place_title[DOSSIER_DOCUMENT_SIDE_FRONT])), ==,
                   "National Identity Card — Front Side");
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (fixture->slot->place_title[DOSSIER_DOCUMENT_SIDE_BACK])), ==,
                   "National Identity Card — Back Side");
  g_assert_true (dossier_test_wait_for_draw (fixture->window));
  g_free (dossier_test_save_screenshot (fixture->window, "document-slot-empty"));
  g_assert_true (emit_drop (fixture->slot, &files));
  wait_idle (fixture->slot);
  g_assert_nonnull (dossier_document_slot_get_image (fixture->slot, DOSSIER_DOCUMENT_SIDE_FRONT));
  g_assert_nonnull (dossier_document_slot_get_image (fixture->slot, DOSSIER_DOCUMENT_SIDE_BACK));
  blocking = _dossier_document_slot_get_check_messages (fixture->slot, TRUE);
  g_assert_cmpuint (blocking->len, ==, 0);
  set_metadata (fixture->slot, "number", "12345678");
  g_assert_true (dossier_test_wait_for_draw (fixture->window));
  g_free (dossier_test_save_screenshot (fixture->window, "document-slot-front-back"));
  document = dossier_document_slot_build_document (fixture->slot);
  g_assert_nonnull (document);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (document), "document_type"), ==, "national_id");
  g_assert_true (json_object_has_member (json_node_get_object (document), "image_back"));
  g_assert_cmpstr (dossier_document_image_get_sha256 (dossier_document_slot_get_image (fixture->slot, 0)), !=,
                   dossier_document_image_get_sha256 (dossier_document_slot_get_image (fixture->slot, 1)));

  /* Removing the back makes the slot not ready, with a sentence saying why. */
  {
    g_autoptr(GPtrArray) after = NULL;

    gtk_widget_activate_action (GTK_WIDGET (fixture->slot), "document.open-back", "s",
                                "file:///nonexistent/nothing.jpg");
    wait_idle (fixture->slot);
    g_assert_false (dossier_document_slot_get_ready (fixture->slot));
    after = _dossier_document_slot_get_check_messages (fixture->slot, TRUE);
    g_assert_cmpuint (after->len, >=, 1);
  }

  /* What was typed follows to another alternative with the same field. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->slot), "document.select-alternative",
                                             "s", "passport"));
  {
    g_autoptr(JsonNode) number = dossier_document_slot_get_metadata_value (fixture->slot, "number");

    g_assert_nonnull (number);
    g_assert_cmpstr (json_node_get_string (number), ==, "12345678");
  }
  g_assert_false (dossier_document_slot_set_document_type (fixture->slot, "utility_bill"));
  g_assert_cmpstr (dossier_document_slot_get_document_type (fixture->slot), ==, "passport");

  /* Three files are refused. */
  {
    GSList third = { front, NULL };
    GSList two = { back, &third };
    GSList three = { front, &two };

    g_assert_false (emit_drop (fixture->slot, &three));
  }
}

/* One alternative only (cards_individuals: the passport): no choice shown, yet the place
 * still names the document. */
static void
test_single_title (void)
{
  static const char *json =
    "{\"documents\": [{\"id\": \"identity_document\", \"name\": \"Identity document\", \"required\": true,"
    "  \"valid_documents\": [{\"id\": \"passport\", \"name\": \"Passport\", \"required\": true,"
    "   \"require_image\": true, \"require_back_image\": false, \"metadata\": []}]}], \"data\": []}";
  g_autoptr(JsonNode) node = json_from_string (json, NULL);
  g_autoptr(DossierRequirements) requirements = dossier_requirements_new_from_json (node);
  DossierDocumentSlot *slot;

  g_assert_nonnull (requirements);
  slot = DOSSIER_DOCUMENT_SLOT (g_object_ref_sink (dossier_document_slot_new (
      dossier_requirements_get_document_group (requirements, 0))));
  g_assert_false (gtk_widget_get_visible (slot->alternatives_box));
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (slot->place_title[DOSSIER_DOCUMENT_SIDE_FRONT])), ==,
                   "Passport — Front Side");
  g_object_unref (slot);
}

/* Only builds the chooser, in a child process: GTK 4.8's fallback dialog behind a hidden
 * GtkFileChooserNative leaks a GFileInfo from its background folder reading (and
 * libcloudproviders its proxies), which LeakSanitizer would blame on this test. */
static void
check_chooser (Fixture *fixture)
{
  GtkFileChooserNative *chooser = _dossier_document_slot_build_chooser (fixture->slot, DOSSIER_DOCUMENT_SIDE_FRONT);
  g_autoptr(GListModel) filters = gtk_file_chooser_get_filters (GTK_FILE_CHOOSER (chooser));
  GtkFileChooserNative *back = NULL;

  g_assert_cmpstr (gtk_native_dialog_get_title (GTK_NATIVE_DIALOG (chooser)), ==, "Choose the Front of the Document");
  g_assert_false (gtk_native_dialog_get_visible (GTK_NATIVE_DIALOG (chooser)));
  g_assert_true (gtk_native_dialog_get_modal (GTK_NATIVE_DIALOG (chooser)));
  g_assert_true (gtk_native_dialog_get_transient_for (GTK_NATIVE_DIALOG (chooser)) == GTK_WINDOW (fixture->window));
  g_assert_cmpuint (g_list_model_get_n_items (filters), ==, 2);
  back = _dossier_document_slot_build_chooser (fixture->slot, DOSSIER_DOCUMENT_SIDE_BACK);
  g_assert_cmpstr (gtk_native_dialog_get_title (GTK_NATIVE_DIALOG (back)), ==, "Choose the Back of the Document");
}

static void
test_chooser (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GFile) file = write_document (fixture, "chosen.jpg", 900, 700, 4);
  g_autofree char *uri = g_file_get_uri (file);

  if (g_test_subprocess ())
    {
      check_chooser (fixture);
      return;
    }
  {
    g_autofree char *saved = g_strdup (g_getenv ("ASAN_OPTIONS"));
    g_autofree char *options = g_strconcat (saved != NULL ? saved : "", saved != NULL ? ":" : "",
                                            "detect_leaks=0", NULL);

    g_setenv ("ASAN_OPTIONS", options, TRUE);
    g_test_trap_subprocess (NULL, 60 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
    if (saved != NULL)
      g_setenv ("ASAN_OPTIONS", saved, TRUE);
    else
      g_unsetenv ("ASAN_OPTIONS");
    g_test_trap_assert_passed ();
  }

  /* The chooser's response is this action. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->slot), "document.open", "s", uri));
  wait_idle (fixture->slot);
  g_assert_nonnull (dossier_document_slot_get_image (fixture->slot, DOSSIER_DOCUMENT_SIDE_FRONT));
  g_assert_cmpuint (dossier_document_image_get_height (dossier_document_slot_get_image (fixture->slot, 0)), ==, 700);

  /* Removed, the slot is empty again. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->slot), "document.remove", NULL));
  g_assert_null (dossier_document_slot_get_image (fixture->slot, DOSSIER_DOCUMENT_SIDE_FRONT));
  g_assert_null (dossier_document_viewer_get_texture (dossier_document_slot_get_viewer (fixture->slot), 0));
}

static void
test_paste (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(GdkPixbuf) pixbuf = fixture_make_document (800, 640, 5, 4.0);
  g_autoptr(GdkTexture) texture = gdk_texture_new_for_pixbuf (pixbuf);
  DossierDocumentImage *image;

  gdk_clipboard_set_texture (gtk_widget_get_clipboard (GTK_WIDGET (fixture->slot)), texture);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->slot), "document.paste", NULL));
  g_assert_true (dossier_test_wait_until ((DossierTestCondition) dossier_document_slot_get_busy,
                                          fixture->slot, 5000));
  wait_idle (fixture->slot);
  image = dossier_document_slot_get_image (fixture->slot, DOSSIER_DOCUMENT_SIDE_FRONT);
  g_assert_nonnull (image);
  g_assert_cmpuint (dossier_document_image_get_width (image), ==, 800);
  g_assert_cmpuint (dossier_document_image_get_height (image), ==, 640);
  g_assert_cmpstr (dossier_document_image_get_media_type (image), ==, "image/jpeg");
}

/* 'r', 'g' or '.' at (x, y) of a downloaded texture (BGRA in memory). */
static char
texel (const guint8 *data,
       gsize         stride,
       int           x,
       int           y)
{
  const guint8 *p = data + (gsize) y * stride + (gsize) x * 4;

  if (p[2] > 200 && p[1] < 60 && p[0] < 60)
    return 'r';
  if (p[1] > 200 && p[2] < 60 && p[0] < 60)
    return 'g';
  return '.';
}

static void
texture_corners (GdkTexture *texture,
                 char        out[5])
{
  int w = gdk_texture_get_width (texture), h = gdk_texture_get_height (texture);
  gsize stride = (gsize) w * 4;
  g_autofree guint8 *data = g_malloc (stride * h);

  gdk_texture_download (texture, data, stride);
  out[0] = texel (data, stride, w / 8, h / 8);
  out[1] = texel (data, stride, w - 1 - w / 8, h / 8);
  out[2] = texel (data, stride, w - 1 - w / 8, h - 1 - h / 8);
  out[3] = texel (data, stride, w / 8, h - 1 - h / 8);
  out[4] = '\0';
}

/* The stored picture that EXIF orientation @o shows as @upright. */
static GdkPixbuf *
stored_for_orientation (GdkPixbuf *upright,
                        guint      o)
{
  g_autoptr(GdkPixbuf) flipped = NULL;

  switch (o)
    {
    case 2: return gdk_pixbuf_flip (upright, TRUE);
    case 3: return gdk_pixbuf_rotate_simple (upright, GDK_PIXBUF_ROTATE_UPSIDEDOWN);
    case 4: return gdk_pixbuf_flip (upright, FALSE);
    case 5:
      flipped = gdk_pixbuf_flip (upright, TRUE);
      return gdk_pixbuf_rotate_simple (flipped, GDK_PIXBUF_ROTATE_COUNTERCLOCKWISE);
    case 6: return gdk_pixbuf_rotate_simple (upright, GDK_PIXBUF_ROTATE_COUNTERCLOCKWISE);
    case 7:
      flipped = gdk_pixbuf_flip (upright, TRUE);
      return gdk_pixbuf_rotate_simple (flipped, GDK_PIXBUF_ROTATE_CLOCKWISE);
    case 8: return gdk_pixbuf_rotate_simple (upright, GDK_PIXBUF_ROTATE_CLOCKWISE);
    default: return g_object_ref (upright);
    }
}

static GdkPixbuf *
make_marked (int width,
             int height)
{
  GdkPixbuf *pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, width, height);

  gdk_pixbuf_fill (pixbuf, 0x808080ff);
  fixture_fill_rect (pixbuf, 0, 0, width / 2, height / 2, 255, 0, 0);
  fixture_fill_rect (pixbuf, width / 2, 0, width - width / 2, height / 2, 0, 255, 0);
  return pixbuf;
}

static void
test_orientations (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GdkPixbuf) upright = make_marked (960, 640);
  DossierDocumentViewer *viewer = dossier_document_slot_get_viewer (fixture->slot);

  for (guint o = 1; o <= 8; o++)
    {
      g_autoptr(GdkPixbuf) stored = stored_for_orientation (upright, o);
      g_autofree char *name = g_strdup_printf ("orientation-%u.jpg", o);
      g_autoptr(GFile) file = write_picture (fixture, name, stored, o);
      g_autofree char *uri = g_file_get_uri (file);
      DossierDocumentImage *image;
      char seen[5];

      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->slot), "document.open", "s", uri));
      wait_idle (fixture->slot);
      image = dossier_document_slot_get_image (fixture->slot, DOSSIER_DOCUMENT_SIDE_FRONT);
      g_assert_nonnull (image);
      g_assert_cmpuint (dossier_document_image_get_orientation (image), ==, o);
      g_assert_cmpuint (dossier_document_image_get_width (image), ==, 960);
      g_assert_cmpuint (dossier_document_image_get_height (image), ==, 640);
      /* What the viewer draws is the decoded upload: upright. */
      texture_corners (dossier_document_viewer_get_texture (viewer, DOSSIER_DOCUMENT_SIDE_FRONT), seen);
      g_test_message ("orientation %u: corners %s", o, seen);
      g_assert_cmpstr (seen, ==, "rg..");
    }
}

static void
test_rotation (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GdkPixbuf) upright = make_marked (1200, 800);
  g_autoptr(GFile) file = write_picture (fixture, "exif.jpg", upright, 1);
  g_autofree char *uri = g_file_get_uri (file);
  g_autoptr(JsonNode) before = NULL;
  g_autoptr(JsonNode) after = NULL;
  g_autoptr(GBytes) bytes = NULL;
  guint w = 0, h = 0;
  char seen[5];

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->slot), "document.open", "s", uri));
  wait_idle (fixture->slot);
  set_metadata (fixture->slot, "number", "AB1");
  before = dossier_document_slot_build_document (fixture->slot);
  g_assert_nonnull (before);
  data_uri_size (json_object_get_string_member (json_node_get_object (before), "image_front"), &w, &h, &bytes);
  g_assert_cmpuint (w, ==, 1200);
  g_assert_cmpuint (h, ==, 800);
  /* The file carried EXIF; what is sent carries none (no APP1: no EXIF, no GPS). */
  g_assert_false (jpeg_has_app1 (bytes));
  g_clear_pointer (&bytes, g_bytes_unref);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->slot), "document.rotate-right", NULL));
  g_assert_true (dossier_document_slot_get_busy (fixture->slot));
  g_assert_false (dossier_document_slot_get_ready (fixture->slot));
  wait_idle (fixture->slot);
  after = dossier_document_slot_build_document (fixture->slot);
  g_assert_nonnull (after);
  data_uri_size (json_object_get_string_member (json_node_get_object (after), "image_front"), &w, &h, &bytes);
  g_assert_cmpuint (w, ==, 800);
  g_assert_cmpuint (h, ==, 1200);
  g_assert_false (jpeg_has_app1 (bytes));
  /* Turned clockwise: red top-right, green bottom-right. */
  texture_corners (dossier_document_viewer_get_texture (dossier_document_slot_get_viewer (fixture->slot), 0), seen);
  g_assert_cmpstr (seen, ==, ".rg.");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->slot), "document.rotate-left", NULL));
  wait_idle (fixture->slot);
  g_assert_cmpuint (dossier_document_image_get_width (dossier_document_slot_get_image (fixture->slot, 0)), ==, 1200);
}

static void
test_checks (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GFile) file = write_document (fixture, "small.jpg", 500, 400, 6);
  g_autofree char *uri = g_file_get_uri (file);
  g_autoptr(GPtrArray) blocking = NULL;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->slot), "document.open", "s", uri));
  wait_idle (fixture->slot);
  set_metadata (fixture->slot, "number", "AB1");
  blocking = _dossier_document_slot_get_check_messages (fixture->slot, TRUE);
  g_assert_cmpuint (blocking->len, ==, 1);
  g_test_message ("%s", (char *) blocking->pdata[0]);
  g_assert_nonnull (strstr (blocking->pdata[0], "too small"));
  g_assert_false (dossier_document_slot_get_ready (fixture->slot));
  g_assert_false (gtk_widget_activate_action (GTK_WIDGET (fixture->slot), "document.upload", NULL)
                  && dossier_document_slot_get_ready (fixture->slot));
  g_assert_null (dossier_document_slot_build_document (fixture->slot));
  g_free (dossier_test_save_screenshot (fixture->window, "document-slot-checks"));
}

static void
count_cb (gpointer  instance,
          guint    *count)
{
  (*count)++;
}

static void
test_upload_states (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GFile) file = write_document (fixture, "upload.jpg", 1200, 800, 7);
  GSList files = { file, NULL };
  guint uploads = 0, retries = 0;
  g_autoptr(GPtrArray) advice = NULL;

  g_signal_connect (fixture->slot, "upload-requested", G_CALLBACK (count_cb), &uploads);
  g_signal_connect (fixture->slot, "retry-requested", G_CALLBACK (count_cb), &retries);
  g_assert_true (emit_drop (fixture->slot, &files));
  wait_idle (fixture->slot);
  set_metadata (fixture->slot, "number", "AB1");
  g_assert_true (dossier_document_slot_get_ready (fixture->slot));
  advice = _dossier_document_slot_get_check_messages (fixture->slot, FALSE);
  for (guint i = 0; i < advice->len; i++)
    g_test_message ("advice: %s", (char *) advice->pdata[i]);
  g_assert_cmpuint (advice->len, ==, 0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->slot), "document.upload", NULL));
  g_assert_null (_dossier_document_slot_get_confirmation (fixture->slot));
  g_assert_cmpuint (uploads, ==, 1);

  dossier_document_slot_set_upload_state (fixture->slot, DOSSIER_DOCUMENT_UPLOAD_QUEUED, NULL);
  g_assert_false (dossier_document_slot_get_ready (fixture->slot));
  dossier_document_slot_set_upload_state (fixture->slot, DOSSIER_DOCUMENT_UPLOAD_SENDING, NULL);
  dossier_document_slot_set_upload_progress (fixture->slot, 0.5);
  /* Nothing can be dropped while it is sent. */
  g_assert_false (emit_drop (fixture->slot, &files));
  dossier_document_slot_set_upload_state (fixture->slot, DOSSIER_DOCUMENT_UPLOAD_FAILED, "The connection was lost.");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->slot), "document.retry", NULL));
  g_assert_cmpuint (retries, ==, 1);
  dossier_document_slot_set_upload_state (fixture->slot, DOSSIER_DOCUMENT_UPLOAD_ACCEPTED, NULL);
  g_assert_true (dossier_document_slot_get_satisfied (fixture->slot));
  g_assert_false (dossier_document_slot_get_ready (fixture->slot));
  g_free (dossier_test_save_screenshot (fixture->window, "document-slot-accepted"));
}

static void
test_rejection (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GFile) old_file = write_document (fixture, "old.jpg", 1200, 800, 8);
  g_autoptr(GFile) new_file = write_document (fixture, "new.jpg", 1600, 1000, 9);
  g_autofree char *old_uri = g_file_get_uri (old_file);
  g_autofree char *new_uri = g_file_get_uri (new_file);
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func ((GDestroyNotify) dossier_rejected_item_free);
  const char *reason = "Metadata number must be a non-empty text of at most 255 characters";
  DossierDocumentImage *old_image;
  DossierDocumentCompare *compare;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->slot), "document.open", "s", old_uri));
  wait_idle (fixture->slot);
  old_image = dossier_document_slot_get_image (fixture->slot, DOSSIER_DOCUMENT_SIDE_FRONT);
  set_metadata (fixture->slot, "number", "X");
  dossier_document_slot_set_upload_state (fixture->slot, DOSSIER_DOCUMENT_UPLOAD_SENDING, NULL);

  g_ptr_array_add (items, dossier_rejected_item_new ("document", "passport", "Front image is too small (1200x500 px); the shorter side must be at least 600 px"));
  g_ptr_array_add (items, dossier_rejected_item_new ("document", "passport", reason));
  g_ptr_array_add (items, dossier_rejected_item_new ("document", "utility_bill", "Not this group's"));
  dossier_document_slot_set_rejected_items (fixture->slot, items);
  g_assert_cmpuint (dossier_document_slot_get_n_rejections (fixture->slot), ==, 2);
  g_assert_cmpint (dossier_document_slot_get_upload_state (fixture->slot), ==, DOSSIER_DOCUMENT_UPLOAD_REJECTED);
  g_assert_true (gtk_widget_get_visible (fixture->slot->rejection_box));
  g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (fixture->slot->rejection_label)), reason));
  g_assert_true (gtk_stack_get_visible_child (GTK_STACK (fixture->slot->preview_stack)) != fixture->slot->compare);

  /* Replaced: the old beside the new, the reasons pinned to the old. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->slot), "document.open", "s", new_uri));
  wait_idle (fixture->slot);
  g_assert_true (dossier_document_slot_get_image (fixture->slot, 0) != old_image);
  g_assert_true (gtk_stack_get_visible_child (GTK_STACK (fixture->slot->preview_stack)) == fixture->slot->compare);
  g_assert_false (gtk_widget_get_visible (fixture->slot->rejection_box));
  compare = DOSSIER_DOCUMENT_COMPARE (fixture->slot->compare);
  g_assert_nonnull (strstr (dossier_document_compare_get_reasons (compare), reason));
  g_assert_true (dossier_document_viewer_get_image (dossier_document_compare_get_viewer (compare, TRUE), 0) == old_image);
  g_assert_true (dossier_document_viewer_get_image (dossier_document_compare_get_viewer (compare, FALSE), 0)
                 == dossier_document_slot_get_image (fixture->slot, 0));
  /* Linked zoom. */
  dossier_document_viewer_set_zoom (dossier_document_compare_get_viewer (compare, TRUE), 0.5);
  g_assert_cmpfloat_with_epsilon (dossier_document_viewer_get_zoom (dossier_document_compare_get_viewer (compare, FALSE)), 0.5, 1e-9);
  dossier_document_viewer_set_zoom (dossier_document_compare_get_viewer (compare, FALSE), 0);
  g_assert_cmpfloat (dossier_document_viewer_get_zoom (dossier_document_compare_get_viewer (compare, TRUE)), ==, 0);
  g_assert_true (dossier_test_wait_for_draw (fixture->window));
  g_free (dossier_test_save_screenshot (fixture->window, "document-slot-rejection"));

  /* An answer without items clears it. */
  dossier_document_slot_set_rejected_items (fixture->slot, NULL);
  g_assert_cmpuint (dossier_document_slot_get_n_rejections (fixture->slot), ==, 0);
  g_assert_true (gtk_stack_get_visible_child (GTK_STACK (fixture->slot->preview_stack)) != fixture->slot->compare);
}

static void
test_advice (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GdkPixbuf) blurred = fixture_make_document (1000, 700, 11, 4);
  g_autoptr(GFile) file = NULL;
  g_autoptr(GPtrArray) advice = NULL;
  AdwMessageDialog *dialog;
  guint uploads = 0;

  fixture_blur (blurred, 4);
  file = write_picture (fixture, "blurred.jpg", blurred, 0);
  g_signal_connect (fixture->slot, "upload-requested", G_CALLBACK (count_cb), &uploads);
  {
    GSList files = { file, NULL };

    g_assert_true (emit_drop (fixture->slot, &files));
  }
  wait_idle (fixture->slot);
  set_metadata (fixture->slot, "number", "AB1");
  /* Advice does not block. */
  g_assert_true (dossier_document_slot_get_ready (fixture->slot));
  advice = _dossier_document_slot_get_check_messages (fixture->slot, FALSE);
  g_assert_cmpuint (advice->len, ==, 1);
  g_assert_nonnull (strstr (advice->pdata[0], "blurred"));

  /* Upload asks first; declining sends nothing. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->slot), "document.upload", NULL));
  dialog = _dossier_document_slot_get_confirmation (fixture->slot);
  g_assert_nonnull (dialog);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == GTK_WINDOW (fixture->window));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "blurred"));
  g_assert_true (dossier_test_wait_for_draw (GTK_WIDGET (dialog)));
  g_free (dossier_test_save_screenshot (GTK_WIDGET (dialog), "document-slot-advice"));
  adw_message_dialog_response (dialog, "cancel");
  g_assert_cmpuint (uploads, ==, 0);
  g_assert_null (_dossier_document_slot_get_confirmation (fixture->slot));

  /* Confirmed, the upload is requested. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->slot), "document.upload", NULL));
  dialog = _dossier_document_slot_get_confirmation (fixture->slot);
  g_assert_nonnull (dialog);
  adw_message_dialog_response (dialog, "upload");
  g_assert_cmpuint (uploads, ==, 1);

  /* A question about a picture that is then removed goes with it, unanswered. */
  dossier_document_slot_set_upload_state (fixture->slot, DOSSIER_DOCUMENT_UPLOAD_NONE, NULL);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->slot), "document.upload", NULL));
  g_assert_nonnull (_dossier_document_slot_get_confirmation (fixture->slot));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->slot), "document.remove", NULL));
  g_assert_null (_dossier_document_slot_get_confirmation (fixture->slot));
  g_assert_cmpuint (uploads, ==, 1);
}

static GtkWidget *
find_descendant (GtkWidget *widget,
                 GType      type)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = G_TYPE_CHECK_INSTANCE_TYPE (child, type) ? child : find_descendant (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The first controller of @type on @widget (owned by @widget). */
static GtkEventController *
find_controller (GtkWidget *widget,
                 GType      type)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (controller, type))
        return controller;
    }
  return NULL;
}

/* The sum of the phases of @widget's scroll controllers (GtkScrolledWindow has a bubbling
 * one, and one capturing a scroll in progress): 0 when none takes events. */
static guint
scroll_phases (GtkWidget *widget)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_EVENT_CONTROLLER_SCROLL (controller))
        n += gtk_event_controller_get_propagation_phase (controller);
    }
  return n;
}

static gboolean
emit_scroll (GtkEventController *controller,
             double              dx,
             double              dy)
{
  gboolean handled = TRUE;

  g_signal_emit_by_name (controller, "scroll", dx, dy, &handled);
  return handled;
}

/* Activates what Escape does in @window's shortcut controllers. */
static gboolean
activate_escape (GtkWidget *window)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (window);
  g_autoptr(GtkShortcutTrigger) escape = gtk_keyval_trigger_new (GDK_KEY_Escape, 0);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;
      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);

          if (gtk_shortcut_trigger_equal (gtk_shortcut_get_trigger (shortcut), escape))
            return gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut), 0, window, NULL);
        }
    }
  return FALSE;
}

static void
test_viewer_zoom (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GFile) file = write_document (fixture, "zoom.jpg", 1600, 1000, 10);
  g_autofree char *uri = g_file_get_uri (file);
  DossierDocumentViewer *viewer = dossier_document_slot_get_viewer (fixture->slot);
  double fit;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->slot), "document.open", "s", uri));
  wait_idle (fixture->slot);
  g_assert_true (dossier_test_wait_for_draw (fixture->window));
  g_assert_cmpfloat (dossier_document_viewer_get_zoom (viewer), ==, 0);
  fit = dossier_document_viewer_get_scale (viewer);
  g_assert_cmpfloat (fit, <, 1.0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (viewer), "viewer.zoom-original", NULL));
  g_assert_cmpfloat (dossier_document_viewer_get_scale (viewer), ==, 1.0);
  g_assert_cmpfloat (gtk_adjustment_get_upper (dossier_document_viewer_get_hadjustment (viewer)), >, 1600);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (viewer), "viewer.zoom-in", NULL));
  g_assert_cmpfloat_with_epsilon (dossier_document_viewer_get_scale (viewer), 1.5, 1e-9);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (viewer), "viewer.zoom-out", NULL));
  g_assert_cmpfloat_with_epsilon (dossier_document_viewer_get_scale (viewer), 1.0, 1e-9);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (viewer), "viewer.zoom-in", NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (viewer), "viewer.zoom-fit", NULL));
  g_assert_cmpfloat_with_epsilon (dossier_document_viewer_get_scale (viewer), fit, 1e-9);

  /* The larger view: a window of its own showing the same pictures. */
  {
    GListModel *toplevels = gtk_window_get_toplevels ();
    guint before = g_list_model_get_n_items (toplevels);
    GtkWindow *window = NULL;

    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->slot), "document.view", NULL));
    g_assert_cmpuint (g_list_model_get_n_items (toplevels), ==, before + 1);
    for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
      {
        g_autoptr(GtkWindow) candidate = g_list_model_get_item (toplevels, i);

        if (gtk_window_get_transient_for (candidate) == GTK_WINDOW (fixture->window))
          window = candidate;
      }
    g_assert_nonnull (window);
    g_assert_cmpstr (gtk_window_get_title (window), ==, "Identity Document");
    /* Escape closes it. */
    g_assert_true (activate_escape (GTK_WIDGET (window)));
    g_assert_cmpuint (g_list_model_get_n_items (toplevels), ==, before);
  }
}

/* The wheel over the preview: at fit it scrolls the page; zoomed in it pans the picture up
 * to its edge, then the page. */
static void
test_viewer_scroll (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GFile) file = write_document (fixture, "scroll.jpg", 1600, 1000, 11);
  g_autofree char *uri = g_file_get_uri (file);
  DossierDocumentViewer *viewer = dossier_document_slot_get_viewer (fixture->slot);
  GtkWidget *scrolled = find_descendant (GTK_WIDGET (viewer), GTK_TYPE_SCROLLED_WINDOW);
  GtkWidget *canvas;
  GtkEventController *canvas_scroll;
  GtkAdjustment *vadjustment = dossier_document_viewer_get_vadjustment (viewer);
  guint phases;

  g_assert_nonnull (scrolled);
  canvas = gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (scrolled));
  canvas_scroll = find_controller (canvas, GTK_TYPE_EVENT_CONTROLLER_SCROLL);
  g_assert_nonnull (canvas_scroll);
  phases = scroll_phases (scrolled);
  g_assert_cmpuint (phases, >, 0);
  g_assert_cmpint (gtk_event_controller_scroll_get_flags (GTK_EVENT_CONTROLLER_SCROLL (canvas_scroll)),
                   ==, GTK_EVENT_CONTROLLER_SCROLL_BOTH_AXES);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->slot), "document.open", "s", uri));
  wait_idle (fixture->slot);
  g_assert_true (dossier_test_wait_for_draw (fixture->window));
  g_assert_cmpfloat (dossier_document_viewer_get_zoom (viewer), ==, 0);

  /* At fit: nothing to pan, the scrolled window around the picture lets the wheel by. */
  g_assert_false (emit_scroll (canvas_scroll, 0, 1));
  g_assert_cmpuint (scroll_phases (scrolled), ==, 0);
  g_assert_false (emit_scroll (canvas_scroll, 0, -1));
  g_assert_cmpuint (scroll_phases (scrolled), ==, 0);
  g_assert_cmpfloat (dossier_document_viewer_get_zoom (viewer), ==, 0);

  /* Zoomed in: the picture pans down, not up from its top edge. */
  dossier_document_viewer_set_zoom (viewer, 1.0);
  g_assert_true (dossier_test_wait_for_draw (fixture->window));
  gtk_adjustment_set_value (vadjustment, 0);
  g_assert_cmpfloat (gtk_adjustment_get_upper (vadjustment), >, gtk_adjustment_get_page_size (vadjustment));
  g_assert_false (emit_scroll (canvas_scroll, 0, 1));
  g_assert_cmpuint (scroll_phases (scrolled), ==, phases);
  g_assert_false (emit_scroll (canvas_scroll, 0, -1));
  g_assert_cmpuint (scroll_phases (scrolled), ==, 0);
  /* At its bottom edge the wheel down goes on to the page. */
  gtk_adjustment_set_value (vadjustment, gtk_adjustment_get_upper (vadjustment)
                                         - gtk_adjustment_get_page_size (vadjustment));
  g_assert_false (emit_scroll (canvas_scroll, 0, 1));
  g_assert_cmpuint (scroll_phases (scrolled), ==, 0);
  g_assert_false (emit_scroll (canvas_scroll, 0, -1));
  g_assert_cmpuint (scroll_phases (scrolled), ==, phases);
  g_assert_cmpfloat (dossier_document_viewer_get_zoom (viewer), ==, 1.0);
}

/* Whether @node draws an inset shadow (the theme's drop frame) at least @width wide. */
static gboolean
has_inset_frame (GskRenderNode *node,
                 float          width)
{
  switch ((int) gsk_render_node_get_node_type (node))
    {
    case GSK_INSET_SHADOW_NODE:
      return gsk_inset_shadow_node_get_outline (node)->bounds.size.width >= width - 1;
    case GSK_CONTAINER_NODE:
      for (guint i = 0; i < gsk_container_node_get_n_children (node); i++)
        if (has_inset_frame (gsk_container_node_get_child (node, i), width))
          return TRUE;
      return FALSE;
    case GSK_TRANSFORM_NODE:
      return has_inset_frame (gsk_transform_node_get_child (node), width);
    case GSK_DEBUG_NODE:
      return has_inset_frame (gsk_debug_node_get_child (node), width);
    case GSK_CLIP_NODE:
      return has_inset_frame (gsk_clip_node_get_child (node), width);
    case GSK_ROUNDED_CLIP_NODE:
      return has_inset_frame (gsk_rounded_clip_node_get_child (node), width);
    case GSK_OPACITY_NODE:
      return has_inset_frame (gsk_opacity_node_get_child (node), width);
    default:
      return FALSE;
    }
}

/* Draws @widget while a drag hovers it: whether the theme's frame shows around it. */
static gboolean
drop_frame_shows (GtkWidget *widget)
{
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;

  gtk_widget_set_state_flags (widget, GTK_STATE_FLAG_DROP_ACTIVE, FALSE);
  g_assert_true (dossier_test_wait_for_draw (GTK_WIDGET (gtk_widget_get_root (widget))));
  gtk_widget_snapshot_child (gtk_widget_get_parent (widget), widget, snapshot);
  node = gtk_snapshot_free_to_node (snapshot);
  gtk_widget_unset_state_flags (widget, GTK_STATE_FLAG_DROP_ACTIVE);
  g_assert_nonnull (node);
  return has_inset_frame (node, gtk_widget_get_width (widget));
}

/* A drag over the slot lights its dashed places only, not the theme's frame around it. */
static void
test_drop_highlight (Fixture       *fixture,
                     gconstpointer  data)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);

  /* The slot carries the drop target. */
  g_assert_true (gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (
      _dossier_document_slot_get_drop_target (fixture->slot))) == GTK_WIDGET (fixture->slot));
  g_assert_false (drop_frame_shows (GTK_WIDGET (fixture->slot)));
  /* Any other widget shows it. */
  gtk_widget_set_size_request (box, 200, 100);
  gtk_window_set_child (GTK_WINDOW (window), box);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (dossier_test_wait_for_draw (window));
  g_assert_true (drop_frame_shows (box));
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  /* The app's style sheet, as AdwApplication loads it. */
  {
    g_autoptr(GtkCssProvider) css = gtk_css_provider_new ();

    gtk_css_provider_load_from_resource (css, "/io/github/dossier_app/Dossier/style.css");
    gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (css),
                                                GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  }
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE,
                "gtk-entry-select-on-focus", FALSE, NULL);

#define ADD(path, func) g_test_add ("/dossier/ui/document-slot/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("drop-one", test_drop_one);
  ADD ("drop-two", test_drop_two);
  ADD ("chooser", test_chooser);
  ADD ("paste", test_paste);
  ADD ("orientations", test_orientations);
  ADD ("rotation", test_rotation);
  ADD ("checks", test_checks);
  ADD ("upload-states", test_upload_states);
  ADD ("rejection", test_rejection);
  ADD ("advice", test_advice);
  ADD ("viewer-zoom", test_viewer_zoom);
  ADD ("viewer-scroll", test_viewer_scroll);
  ADD ("drop-highlight", test_drop_highlight);
#undef ADD
  g_test_add_func ("/dossier/ui/document-slot/single-title", test_single_title);

  return g_test_run ();
}
