/* test-document-viewer.c — zoom, rotation and scrolling of the document viewer, drawn
 * frame after frame without a single GTK warning
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A person zoomed a passport to 58 %, turned it right and back and scrolled with the wheel:
 * the preview went white, and GTK logged "Trying to snapshot DossierDocumentCanvas …
 * without a current allocation" at every frame until a zoom out. The viewer sits here as in
 * a document slot: in a page that scrolls, with the picture, its turns and its zoom changed
 * as the slot changes them, and a frame drawn after each step. Any warning fails the test,
 * and so does a frame in which the canvas has no current allocation.
 */
#include "config.h"

#include <string.h>
#include <adwaita.h>
#include <glib/gstdio.h>

#include "dossier-document-slot.h"
#include "dossier-document-viewer.h"
#include "dossier-document-viewer-private.h"
#include "dossier-requirements.h"
#include "dossier-ui-test-utils.h"

typedef struct {
  GtkWidget  *window;
  GtkWidget  *page;
  GtkWidget  *viewer;
  GdkTexture *landscape;
  GdkTexture *portrait;
} Fixture;

static guint n_warnings;
static char *first_warning;

static GLogWriterOutput
count_writer (GLogLevelFlags   log_level,
              const GLogField *fields,
              gsize            n_fields,
              gpointer         user_data)
{
  if ((log_level & (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING)) != 0)
    {
      for (gsize i = 0; i < n_fields; i++)
        if (g_str_equal (fields[i].key, "MESSAGE") && first_warning == NULL)
          first_warning = g_strdup (fields[i].value);
      n_warnings++;
    }
  return g_log_writer_default (log_level, fields, n_fields, user_data);
}

static GdkTexture *
make_texture (int width,
              int height)
{
  g_autoptr(GBytes) bytes = NULL;
  guchar *pixels = g_malloc (width * height * 4);

  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      {
        guchar *p = pixels + (y * width + x) * 4;

        p[0] = (x * 255) / width;
        p[1] = (y * 255) / height;
        p[2] = 160;
        p[3] = 255;
      }
  bytes = g_bytes_new_take (pixels, width * height * 4);
  return gdk_memory_texture_new (width, height, GDK_MEMORY_R8G8B8A8, bytes, width * 4);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *below = gtk_label_new ("Document Number");

  n_warnings = 0;
  g_clear_pointer (&first_warning, g_free);
  f->landscape = make_texture (1600, 1000);
  f->portrait = make_texture (1000, 1600);

  f->window = adw_window_new ();
  gtk_window_set_title (GTK_WINDOW (f->window), "Viewer");
  gtk_window_set_default_size (GTK_WINDOW (f->window), 600, 720);
  f->page = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (f->page), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  f->viewer = dossier_document_viewer_new ();
  gtk_widget_set_size_request (f->viewer, -1, 280);
  gtk_widget_set_margin_start (box, 24);
  gtk_widget_set_margin_end (box, 24);
  gtk_widget_set_size_request (below, -1, 1200);
  gtk_box_append (GTK_BOX (box), f->viewer);
  gtk_box_append (GTK_BOX (box), below);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (f->page), box);
  adw_window_set_content (ADW_WINDOW (f->window), f->page);
  gtk_window_present (GTK_WINDOW (f->window));
  g_assert_true (dossier_test_wait_for_draw (f->window));

  dossier_document_viewer_set_preview (DOSSIER_DOCUMENT_VIEWER (f->viewer), DOSSIER_DOCUMENT_SIDE_FRONT,
                                       f->landscape, 1600, 1000);
  g_assert_true (dossier_test_wait_for_draw (f->viewer));
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (f->window));
  g_clear_object (&f->landscape);
  g_clear_object (&f->portrait);
}

/* The canvas: the child of the viewer's scrolled window. */
static GtkWidget *
canvas_of (Fixture *f)
{
  GtkAdjustment *adjustment = dossier_document_viewer_get_vadjustment (DOSSIER_DOCUMENT_VIEWER (f->viewer));
  GtkWidget *overlay = gtk_widget_get_first_child (f->viewer);
  GtkWidget *scrolled = gtk_overlay_get_child (GTK_OVERLAY (overlay));
  GtkWidget *canvas = gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (scrolled));

  g_assert_true (gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (canvas)) == adjustment);
  return canvas;
}

/* One frame after a step; the canvas then has an allocation and nothing warned. */
static void
frame (Fixture    *f,
       const char *step)
{
  GtkWidget *canvas = canvas_of (f);

  g_assert_true (dossier_test_wait_for_draw (f->window));
  g_assert_true (dossier_test_wait_for_draw (f->window));
  if (gtk_widget_should_layout (canvas) && gtk_widget_get_mapped (canvas))
    {
      graphene_rect_t bounds;

      g_assert_true (gtk_widget_compute_bounds (canvas, f->viewer, &bounds));
    }
  if (n_warnings > 0)
    g_test_message ("after %s: %s", step, first_warning);
  g_assert_cmpuint (n_warnings, ==, 0);
}

/* The label of the button between Zoom Out and Zoom In. */
static const char *
zoom_text (GtkWidget *widget)
{
  if (GTK_IS_BUTTON (widget) && gtk_button_get_label (GTK_BUTTON (widget)) != NULL
      && g_str_has_suffix (gtk_button_get_label (GTK_BUTTON (widget)), "%"))
    return gtk_button_get_label (GTK_BUTTON (widget));
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      const char *text = zoom_text (child);

      if (text != NULL)
        return text;
    }
  return NULL;
}

static void
turn (Fixture *f,
      guint    turns,
      gboolean portrait)
{
  DossierDocumentViewer *viewer = DOSSIER_DOCUMENT_VIEWER (f->viewer);

  /* The slot: the turn drawn at once, then the turned picture once it is prepared. */
  dossier_document_viewer_set_pending_turns (viewer, DOSSIER_DOCUMENT_SIDE_FRONT, turns);
  frame (f, "a pending turn");
  if (portrait)
    dossier_document_viewer_set_preview (viewer, DOSSIER_DOCUMENT_SIDE_FRONT, f->portrait, 1000, 1600);
  else
    dossier_document_viewer_set_preview (viewer, DOSSIER_DOCUMENT_SIDE_FRONT, f->landscape, 1600, 1000);
  frame (f, "the turned picture");
}

static void
scroll_by (GtkAdjustment *adjustment,
           double         delta)
{
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_value (adjustment) + delta);
}

/* Zoom to 58 %, turn right, turn back, scroll the picture and the page. */
static void
test_viewer_zoom_turn_scroll (Fixture       *f,
                              gconstpointer  data)
{
  DossierDocumentViewer *viewer = DOSSIER_DOCUMENT_VIEWER (f->viewer);
  GtkAdjustment *page = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (f->page));
  const double zooms[] = { 0.58, 0.26, 1.0, 0.39, 0.87, 0 };

  for (guint z = 0; z < G_N_ELEMENTS (zooms); z++)
    {
      dossier_document_viewer_set_zoom (viewer, zooms[z]);
      frame (f, "a zoom");
      /* English writes no space before the percent sign (the catalogue decides). */
      if (zooms[z] > 0)
        {
          g_autofree char *expected = g_strdup_printf ("%d%%", (int) (zooms[z] * 100 + 0.5));

          g_assert_cmpstr (zoom_text (f->viewer), ==, expected);
        }
      turn (f, 1, TRUE);
      for (guint i = 0; i < 6; i++)
        {
          scroll_by (dossier_document_viewer_get_vadjustment (viewer), 40);
          scroll_by (dossier_document_viewer_get_hadjustment (viewer), 25);
          frame (f, "a scroll of the picture");
        }
      turn (f, 3, FALSE);
      for (guint i = 0; i < 6; i++)
        {
          scroll_by (dossier_document_viewer_get_vadjustment (viewer), -40);
          scroll_by (page, i % 2 == 0 ? 60 : -30);
          frame (f, "a scroll of the page");
        }
      dossier_document_viewer_zoom_by (viewer, 1.5);
      frame (f, "a zoom in");
      dossier_document_viewer_zoom_by (viewer, 1 / 1.5);
      frame (f, "a zoom out");
    }
  g_assert_cmpuint (n_warnings, ==, 0);
}

static const char *requirements_json =
  "{\"documents\": [{\"id\": \"identity_document\", \"name\": \"Identity document\","
  "  \"description\": \"A valid government-issued identity document\", \"required\": true,"
  "  \"valid_documents\": ["
  "   {\"id\": \"passport\", \"name\": \"Passport\", \"description\": \"A valid passport\","
  "    \"required\": true, \"require_image\": true, \"require_back_image\": false,"
  "    \"metadata\": [{\"id\": \"number\", \"name\": \"Document Number\", \"data_type\": \"STRING\", \"required\": true}]}"
  "  ]}], \"data\": []}";

static gboolean
slot_idle (gpointer data)
{
  return !dossier_document_slot_get_busy (data);
}

/* The same in a document slot, as in the request window: the slot turns the picture, has
 * it prepared, and shows the turned one; the wheel pans the picture, then the page. */
static void
test_viewer_slot_turn_scroll (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(JsonNode) node = json_from_string (requirements_json, NULL);
  g_autoptr(DossierRequirements) requirements = dossier_requirements_new_from_json (node);
  g_autoptr(GdkPixbuf) pixbuf = NULL;
  g_autofree char *dir = g_dir_make_tmp ("dossier-viewer-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "passport.jpg", NULL);
  g_autofree char *uri = g_filename_to_uri (path, NULL, NULL);
  GtkAdjustment *page = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (f->page));
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *clamp = adw_clamp_new ();
  GtkWidget *below = gtk_label_new ("Request Details");
  DossierDocumentViewer *viewer;
  GtkWidget *slot;

  pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, 1200, 800);
  gdk_pixbuf_fill (pixbuf, 0xb0c4deff);
  g_assert_true (gdk_pixbuf_save (pixbuf, path, "jpeg", NULL, NULL));

  slot = dossier_document_slot_new (dossier_requirements_get_document_group (requirements, 0));
  gtk_widget_set_size_request (below, -1, 1200);
  gtk_box_append (GTK_BOX (box), gtk_label_new ("Identity Document"));
  gtk_box_append (GTK_BOX (box), slot);
  gtk_box_append (GTK_BOX (box), below);
  gtk_widget_set_margin_start (box, 24);
  gtk_widget_set_margin_end (box, 24);
  adw_clamp_set_child (ADW_CLAMP (clamp), box);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (f->page), clamp);
  g_assert_true (gtk_widget_activate_action (slot, "document.open", "s", uri));
  g_main_context_iteration (NULL, FALSE);
  g_assert_true (dossier_test_wait_until (slot_idle, slot, 20000));
  viewer = dossier_document_slot_get_viewer (DOSSIER_DOCUMENT_SLOT (slot));
  f->viewer = GTK_WIDGET (viewer);
  frame (f, "the picture");

  dossier_document_viewer_set_zoom (viewer, 0.58);
  frame (f, "a zoom to 58 %");
  for (guint round = 0; round < 4; round++)
    {
      g_assert_true (gtk_widget_activate_action (slot, round % 2 == 0 ? "document.rotate-right" : "document.rotate-left", NULL));
      for (guint i = 0; i < 12; i++)
        {
          scroll_by (dossier_document_viewer_get_vadjustment (viewer), i < 6 ? 30 : -30);
          scroll_by (dossier_document_viewer_get_hadjustment (viewer), i < 6 ? 20 : -20);
          if (i % 3 == 2)
            scroll_by (page, i < 6 ? 50 : -50);
          frame (f, "a turn and a scroll");
        }
      g_assert_true (dossier_test_wait_until (slot_idle, slot, 20000));
      frame (f, "the turned picture");
    }
  g_assert_cmpuint (n_warnings, ==, 0);
  {
    g_autofree char *saved = dossier_test_save_screenshot (f->window, "document-viewer-turned-58");

    g_assert_nonnull (saved);
  }
  g_unlink (path);
  g_rmdir (dir);
}

/* A bigger texture of the same picture keeps the smallest one already held as the
 * reduced copy drawn at fit (no new conversion and scaling on the main thread); a
 * texture of another shape is not kept. */
static void
test_viewer_keeps_small (void)
{
  DossierDocumentViewer *viewer = DOSSIER_DOCUMENT_VIEWER (g_object_ref_sink (dossier_document_viewer_new ()));
  g_autoptr(GdkPixbuf) quick = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, 700, 525);
  g_autoptr(GdkPixbuf) large = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, 2400, 1800);
  g_autoptr(GdkPixbuf) other = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, 1800, 2400);
  g_autoptr(GdkTexture) quick_texture = NULL;
  g_autoptr(GdkTexture) large_texture = NULL;
  g_autoptr(GdkTexture) other_texture = NULL;
  const DossierCanvasPicture *picture;

  gdk_pixbuf_fill (quick, 0x336699ff);
  gdk_pixbuf_fill (large, 0x336699ff);
  gdk_pixbuf_fill (other, 0x336699ff);
  quick_texture = gdk_texture_new_for_pixbuf (quick);
  large_texture = gdk_texture_new_for_pixbuf (large);
  other_texture = gdk_texture_new_for_pixbuf (other);

  dossier_document_viewer_set_preview (viewer, DOSSIER_DOCUMENT_SIDE_FRONT, quick_texture, 4000, 3000);
  dossier_document_viewer_set_texture (viewer, DOSSIER_DOCUMENT_SIDE_FRONT, large_texture, NULL);
  picture = _dossier_document_canvas_get_picture (_dossier_document_viewer_get_canvas (viewer),
                                                  DOSSIER_DOCUMENT_SIDE_FRONT);
  g_assert_true (picture->texture == large_texture);
  g_assert_true (picture->small == quick_texture);

  dossier_document_viewer_set_texture (viewer, DOSSIER_DOCUMENT_SIDE_FRONT, other_texture, NULL);
  picture = _dossier_document_canvas_get_picture (_dossier_document_viewer_get_canvas (viewer),
                                                  DOSSIER_DOCUMENT_SIDE_FRONT);
  g_assert_true (picture->texture == other_texture);
  g_assert_null (picture->small);
  g_object_unref (viewer);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  /* Counted and reported by the test, not an abort in the middle of a frame. */
  g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL);
  g_log_set_writer_func (count_writer, NULL, NULL);

  g_test_add ("/dossier/ui/document-viewer/zoom-turn-scroll", Fixture, NULL,
              fixture_set_up, test_viewer_zoom_turn_scroll, fixture_tear_down);

  g_test_add ("/dossier/ui/document-viewer/slot-turn-scroll", Fixture, NULL,
              fixture_set_up, test_viewer_slot_turn_scroll, fixture_tear_down);

  g_test_add_func ("/dossier/ui/document-viewer/keeps-small", test_viewer_keeps_small);

  return g_test_run ();
}
