/* dossier-document-viewer.c — a zoomable, pannable preview of a document's front and back
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A DossierDocumentCanvas in a GtkScrolledWindow (scrollbars and kinetic scrolling), with a
 * spinner while a side is prepared and on-screen zoom buttons. The pictures are the
 * prepared images: EXIF orientation and the person's quarter turns already applied.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "dossier-document-viewer.h"
#include "dossier-document-viewer-private.h"

struct _DossierDocumentViewer
{
  GtkWidget              parent_instance;

  GtkWidget             *overlay;
  GtkWidget             *scrolled;
  DossierDocumentCanvas *canvas;
  GtkWidget             *spinner;
  GtkWidget             *zoom_label;
  guint                  zoom_source;

  DossierDocumentImage  *images[2];
  gboolean               busy[2];
  gboolean               side_by_side;
  DossierDocumentSide    visible_side;
};

G_DEFINE_FINAL_TYPE (DossierDocumentViewer, dossier_document_viewer, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_ZOOM,
  PROP_SCALE,
  N_PROPS,
};

enum {
  SIDE_ACTIVATED,
  N_SIGNALS,
};

static GParamSpec *properties [N_PROPS];
static guint signals [N_SIGNALS];

static void
update_busy (DossierDocumentViewer *self)
{
  gboolean busy = self->busy[0] || self->busy[1];

  gtk_widget_set_visible (self->spinner, busy);
  gtk_spinner_set_spinning (GTK_SPINNER (self->spinner), busy);
}

/* The zoom buttons follow the scale before the next frame; not at once, since the scale
 * changes while the canvas is allocated, and a new label then would ask for a new layout
 * in the middle of this one. */
static char *
zoom_label (double scale)
{
  /* Translators: the zoom of a document's preview, in percent, e.g. "58%"; write it as your
   * language does ("58 %" in Spanish and French) */
  return g_strdup_printf (_("%d%%"), (int) (scale * 100 + 0.5));
}

static gboolean
update_zoom_controls_cb (gpointer user_data)
{
  DossierDocumentViewer *self = user_data;
  double scale = _dossier_document_canvas_get_scale (self->canvas);
  g_autofree char *text = zoom_label (scale);

  self->zoom_source = 0;
  gtk_button_set_label (GTK_BUTTON (self->zoom_label), text);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "viewer.zoom-in",
                                 scale < DOSSIER_DOCUMENT_CANVAS_MAX_SCALE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "viewer.zoom-out",
                                 scale > DOSSIER_DOCUMENT_CANVAS_MIN_SCALE);
  return G_SOURCE_REMOVE;
}

static void
scale_changed_cb (DossierDocumentViewer *self)
{
  if (self->zoom_source == 0)
    self->zoom_source = g_idle_add_full (G_PRIORITY_HIGH_IDLE + 10, update_zoom_controls_cb, self, NULL);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_SCALE]);
}

static void
zoom_changed_cb (DossierDocumentViewer *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_ZOOM]);
}

static void
side_activated_cb (DossierDocumentViewer *self,
                   int                    side)
{
  g_signal_emit (self, signals [SIDE_ACTIVATED], 0, side);
}

static void
zoom_in_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  dossier_document_viewer_zoom_by (DOSSIER_DOCUMENT_VIEWER (widget), DOSSIER_DOCUMENT_CANVAS_ZOOM_STEP);
}

static void
zoom_out_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  dossier_document_viewer_zoom_by (DOSSIER_DOCUMENT_VIEWER (widget), 1 / DOSSIER_DOCUMENT_CANVAS_ZOOM_STEP);
}

static void
zoom_fit_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  dossier_document_viewer_set_zoom (DOSSIER_DOCUMENT_VIEWER (widget), 0);
}

static void
zoom_original_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  dossier_document_viewer_set_zoom (DOSSIER_DOCUMENT_VIEWER (widget), 1.0);
}

static void
zoom_toggle_cb (DossierDocumentViewer *self)
{
  dossier_document_viewer_set_zoom (self, dossier_document_viewer_get_zoom (self) > 0 ? 0 : 1.0);
}

static void
dossier_document_viewer_get_property (GObject    *object,
                                      guint       prop_id,
                                      GValue     *value,
                                      GParamSpec *pspec)
{
  DossierDocumentViewer *self = DOSSIER_DOCUMENT_VIEWER (object);

  switch (prop_id)
    {
    case PROP_ZOOM:
      g_value_set_double (value, dossier_document_viewer_get_zoom (self));
      break;
    case PROP_SCALE:
      g_value_set_double (value, dossier_document_viewer_get_scale (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dossier_document_viewer_set_property (GObject      *object,
                                      guint         prop_id,
                                      const GValue *value,
                                      GParamSpec   *pspec)
{
  DossierDocumentViewer *self = DOSSIER_DOCUMENT_VIEWER (object);

  switch (prop_id)
    {
    case PROP_ZOOM:
      dossier_document_viewer_set_zoom (self, g_value_get_double (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dossier_document_viewer_dispose (GObject *object)
{
  DossierDocumentViewer *self = (DossierDocumentViewer *) object;

  g_clear_handle_id (&self->zoom_source, g_source_remove);
  g_clear_object (&self->images[0]);
  g_clear_object (&self->images[1]);
  g_clear_pointer (&self->overlay, gtk_widget_unparent);

  G_OBJECT_CLASS (dossier_document_viewer_parent_class)->dispose (object);
}

static GtkWidget *
osd_button (const char *icon_name,
            const char *action_name,
            const char *tooltip)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon_name);

  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action_name);
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip, -1);
  return button;
}

static void
dossier_document_viewer_class_init (DossierDocumentViewerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  static const struct { guint key; GdkModifierType mods; const char *action; } keys[] = {
    { GDK_KEY_plus, 0, "viewer.zoom-in" },
    { GDK_KEY_equal, 0, "viewer.zoom-in" },
    { GDK_KEY_KP_Add, 0, "viewer.zoom-in" },
    { GDK_KEY_plus, GDK_CONTROL_MASK, "viewer.zoom-in" },
    { GDK_KEY_equal, GDK_CONTROL_MASK, "viewer.zoom-in" },
    { GDK_KEY_minus, 0, "viewer.zoom-out" },
    { GDK_KEY_KP_Subtract, 0, "viewer.zoom-out" },
    { GDK_KEY_minus, GDK_CONTROL_MASK, "viewer.zoom-out" },
    { GDK_KEY_0, 0, "viewer.zoom-fit" },
    { GDK_KEY_KP_0, 0, "viewer.zoom-fit" },
    { GDK_KEY_0, GDK_CONTROL_MASK, "viewer.zoom-fit" },
    { GDK_KEY_1, 0, "viewer.zoom-original" },
    { GDK_KEY_KP_1, 0, "viewer.zoom-original" },
  };

  object_class->dispose = dossier_document_viewer_dispose;
  object_class->get_property = dossier_document_viewer_get_property;
  object_class->set_property = dossier_document_viewer_set_property;

  properties [PROP_ZOOM] =
    g_param_spec_double ("zoom", NULL, NULL, 0, DOSSIER_DOCUMENT_CANVAS_MAX_SCALE, 0,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties [PROP_SCALE] =
    g_param_spec_double ("scale", NULL, NULL, 0, DOSSIER_DOCUMENT_CANVAS_MAX_SCALE, 1,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals [SIDE_ACTIVATED] =
    g_signal_new ("side-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT);

  gtk_widget_class_install_action (widget_class, "viewer.zoom-in", NULL, zoom_in_action);
  gtk_widget_class_install_action (widget_class, "viewer.zoom-out", NULL, zoom_out_action);
  gtk_widget_class_install_action (widget_class, "viewer.zoom-fit", NULL, zoom_fit_action);
  gtk_widget_class_install_action (widget_class, "viewer.zoom-original", NULL, zoom_original_action);
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    gtk_widget_class_add_binding_action (widget_class, keys[i].key, keys[i].mods, keys[i].action, NULL);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "documentviewer");
}

static void
dossier_document_viewer_init (DossierDocumentViewer *self)
{
  g_autofree char *zoom_text = zoom_label (1.0);
  GtkWidget *box;

  self->side_by_side = TRUE;
  self->overlay = gtk_overlay_new ();
  gtk_widget_set_parent (self->overlay, GTK_WIDGET (self));

  self->canvas = DOSSIER_DOCUMENT_CANVAS (_dossier_document_canvas_new ());
  g_signal_connect_object (self->canvas, "notify::scale", G_CALLBACK (scale_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->canvas, "notify::zoom", G_CALLBACK (zoom_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->canvas, "side-activated", G_CALLBACK (side_activated_cb), self, G_CONNECT_SWAPPED);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->canvas), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Document preview"), -1);
  self->scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (self->scrolled), GTK_WIDGET (self->canvas));
  gtk_overlay_set_child (GTK_OVERLAY (self->overlay), self->scrolled);

  self->spinner = gtk_spinner_new ();
  gtk_widget_set_size_request (self->spinner, 32, 32);
  gtk_widget_set_halign (self->spinner, GTK_ALIGN_CENTER);
  gtk_widget_set_valign (self->spinner, GTK_ALIGN_CENTER);
  gtk_widget_set_visible (self->spinner, FALSE);
  gtk_widget_set_can_target (self->spinner, FALSE);
  gtk_overlay_add_overlay (GTK_OVERLAY (self->overlay), self->spinner);

  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  gtk_widget_add_css_class (box, "osd");
  gtk_widget_add_css_class (box, "linked");
  gtk_widget_add_css_class (box, "dossier-zoom-controls");
  gtk_widget_set_halign (box, GTK_ALIGN_END);
  gtk_widget_set_valign (box, GTK_ALIGN_END);
  gtk_widget_set_margin_end (box, 18);
  gtk_widget_set_margin_bottom (box, 18);
  gtk_box_append (GTK_BOX (box), osd_button ("zoom-out-symbolic", "viewer.zoom-out", _("Zoom Out")));
  self->zoom_label = gtk_button_new_with_label (zoom_text);
  gtk_widget_set_tooltip_text (self->zoom_label, _("Fit to View or Original Size"));
  g_signal_connect_swapped (self->zoom_label, "clicked", G_CALLBACK (zoom_toggle_cb), self);
  gtk_box_append (GTK_BOX (box), self->zoom_label);
  gtk_box_append (GTK_BOX (box), osd_button ("zoom-in-symbolic", "viewer.zoom-in", _("Zoom In")));
  gtk_overlay_add_overlay (GTK_OVERLAY (self->overlay), box);
}

/**
 * dossier_document_viewer_new:
 *
 * Returns: (transfer floating): a new viewer, showing nothing
 */
GtkWidget *
dossier_document_viewer_new (void)
{
  return g_object_new (DOSSIER_TYPE_DOCUMENT_VIEWER, NULL);
}

/* Two textures of the same picture: the same shape within a texel. */
static gboolean
same_shape (GdkTexture *a,
            GdkTexture *b)
{
  gint64 aw = gdk_texture_get_width (a), ah = gdk_texture_get_height (a);
  gint64 bw = gdk_texture_get_width (b), bh = gdk_texture_get_height (b);

  return ABS (aw * bh - bw * ah) <= MAX (MAX (aw, ah), MAX (bw, bh));
}

/* The reduced copy drawn while it has a texel per device pixel: the smallest of what is
 * offered and what the side already holds, of the same picture. Drawing a texture the
 * first time costs the main thread its conversion and, when scaled, its filtering
 * (bench-drop-preview saw one 10 ms frame for the 1024 px preview replacing the quick
 * look, which was already on screen at the view's size). */
static GdkTexture *
pick_small (const DossierCanvasPicture *current,
            GdkTexture                 *texture,
            GdkTexture                 *offered)
{
  GdkTexture *candidates[] = { offered, current->small, current->texture };
  GdkTexture *best = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (candidates); i++)
    {
      GdkTexture *c = candidates[i];

      if (c == NULL || c == texture || gdk_texture_get_width (c) >= gdk_texture_get_width (texture) ||
          !same_shape (c, texture))
        continue;
      if (best == NULL || gdk_texture_get_width (c) < gdk_texture_get_width (best))
        best = c;
    }
  return best;
}

/**
 * dossier_document_viewer_set_image:
 * @self: a #DossierDocumentViewer
 * @side: the side
 * @image: (nullable): a #DossierDocumentImage; its preview is shown once it is prepared
 *
 * Shows @image's preview (or a space for it while it is not prepared), %NULL removes the side.
 */
void
dossier_document_viewer_set_image (DossierDocumentViewer *self,
                                   DossierDocumentSide    side,
                                   DossierDocumentImage  *image)
{
  g_return_if_fail (DOSSIER_IS_DOCUMENT_VIEWER (self));
  g_return_if_fail (side <= DOSSIER_DOCUMENT_SIDE_BACK);
  g_return_if_fail (!image || DOSSIER_IS_DOCUMENT_IMAGE (image));

  g_set_object (&self->images[side], image);
  if (image == NULL)
    {
      _dossier_document_canvas_clear (self->canvas, side);
      return;
    }
  if (dossier_document_image_get_prepared (image) && dossier_document_image_get_preview (image) != NULL)
    {
      g_autoptr(GdkTexture) texture =
        gdk_texture_new_for_pixbuf (dossier_document_image_get_preview (image));
      const DossierCanvasPicture *current = _dossier_document_canvas_get_picture (self->canvas, side);

      _dossier_document_canvas_set_picture (self->canvas, side, texture, pick_small (current, texture, NULL),
                                            dossier_document_image_get_width (image),
                                            dossier_document_image_get_height (image));
    }
  else
    _dossier_document_canvas_set_present (self->canvas, side, TRUE);
}

DossierDocumentImage *
dossier_document_viewer_get_image (DossierDocumentViewer *self,
                                   DossierDocumentSide    side)
{
  g_return_val_if_fail (DOSSIER_IS_DOCUMENT_VIEWER (self), NULL);
  g_return_val_if_fail (side <= DOSSIER_DOCUMENT_SIDE_BACK, NULL);

  return self->images[side];
}

void
dossier_document_viewer_set_preview (DossierDocumentViewer *self,
                                     DossierDocumentSide    side,
                                     GdkTexture            *texture,
                                     guint                  width,
                                     guint                  height)
{
  g_return_if_fail (DOSSIER_IS_DOCUMENT_VIEWER (self));
  g_return_if_fail (side <= DOSSIER_DOCUMENT_SIDE_BACK);

  _dossier_document_canvas_set_picture (self->canvas, side, texture, NULL, width, height);
}

void
dossier_document_viewer_set_texture (DossierDocumentViewer *self,
                                     DossierDocumentSide    side,
                                     GdkTexture            *texture,
                                     GdkTexture            *small)
{
  const DossierCanvasPicture *picture;
  guint width, height;

  g_return_if_fail (DOSSIER_IS_DOCUMENT_VIEWER (self));
  g_return_if_fail (side <= DOSSIER_DOCUMENT_SIDE_BACK);
  g_return_if_fail (GDK_IS_TEXTURE (texture));

  picture = _dossier_document_canvas_get_picture (self->canvas, side);
  width = picture->width > 0 ? picture->width : (guint) gdk_texture_get_width (texture);
  height = picture->height > 0 ? picture->height : (guint) gdk_texture_get_height (texture);
  if (self->images[side] != NULL && dossier_document_image_get_prepared (self->images[side]))
    {
      width = dossier_document_image_get_width (self->images[side]);
      height = dossier_document_image_get_height (self->images[side]);
    }
  _dossier_document_canvas_set_picture (self->canvas, side, texture, pick_small (picture, texture, small),
                                        width, height);
}

void
dossier_document_viewer_set_pending_turns (DossierDocumentViewer *self,
                                           DossierDocumentSide    side,
                                           guint                  quarter_turns)
{
  g_return_if_fail (DOSSIER_IS_DOCUMENT_VIEWER (self));
  g_return_if_fail (side <= DOSSIER_DOCUMENT_SIDE_BACK);

  _dossier_document_canvas_set_pending_turns (self->canvas, side, quarter_turns);
}

void
dossier_document_viewer_set_busy (DossierDocumentViewer *self,
                                  DossierDocumentSide    side,
                                  gboolean               busy)
{
  g_return_if_fail (DOSSIER_IS_DOCUMENT_VIEWER (self));
  g_return_if_fail (side <= DOSSIER_DOCUMENT_SIDE_BACK);

  self->busy[side] = !!busy;
  if (busy)
    _dossier_document_canvas_set_present (self->canvas, side, TRUE);
  update_busy (self);
}

gboolean
dossier_document_viewer_get_busy (DossierDocumentViewer *self,
                                  DossierDocumentSide    side)
{
  g_return_val_if_fail (DOSSIER_IS_DOCUMENT_VIEWER (self), FALSE);
  g_return_val_if_fail (side <= DOSSIER_DOCUMENT_SIDE_BACK, FALSE);

  return self->busy[side];
}

void
dossier_document_viewer_set_zoom (DossierDocumentViewer *self,
                                  double                 zoom)
{
  g_return_if_fail (DOSSIER_IS_DOCUMENT_VIEWER (self));

  _dossier_document_canvas_set_zoom (self->canvas, MAX (zoom, 0));
}

double
dossier_document_viewer_get_zoom (DossierDocumentViewer *self)
{
  g_return_val_if_fail (DOSSIER_IS_DOCUMENT_VIEWER (self), 0);

  return _dossier_document_canvas_get_zoom (self->canvas);
}

double
dossier_document_viewer_get_scale (DossierDocumentViewer *self)
{
  g_return_val_if_fail (DOSSIER_IS_DOCUMENT_VIEWER (self), 1.0);

  return _dossier_document_canvas_get_scale (self->canvas);
}

void
dossier_document_viewer_zoom_by (DossierDocumentViewer *self,
                                 double                 factor)
{
  g_return_if_fail (DOSSIER_IS_DOCUMENT_VIEWER (self));

  _dossier_document_canvas_set_zoom (self->canvas, dossier_document_viewer_get_scale (self) * factor);
}

void
dossier_document_viewer_set_side_by_side (DossierDocumentViewer *self,
                                          gboolean               side_by_side)
{
  g_return_if_fail (DOSSIER_IS_DOCUMENT_VIEWER (self));

  self->side_by_side = !!side_by_side;
  _dossier_document_canvas_set_layout (self->canvas, self->side_by_side, self->visible_side);
}

gboolean
dossier_document_viewer_get_side_by_side (DossierDocumentViewer *self)
{
  g_return_val_if_fail (DOSSIER_IS_DOCUMENT_VIEWER (self), FALSE);

  return self->side_by_side;
}

void
dossier_document_viewer_set_visible_side (DossierDocumentViewer *self,
                                          DossierDocumentSide    side)
{
  g_return_if_fail (DOSSIER_IS_DOCUMENT_VIEWER (self));
  g_return_if_fail (side <= DOSSIER_DOCUMENT_SIDE_BACK);

  self->visible_side = side;
  _dossier_document_canvas_set_layout (self->canvas, self->side_by_side, self->visible_side);
}

DossierDocumentSide
dossier_document_viewer_get_visible_side (DossierDocumentViewer *self)
{
  g_return_val_if_fail (DOSSIER_IS_DOCUMENT_VIEWER (self), DOSSIER_DOCUMENT_SIDE_FRONT);

  return self->visible_side;
}

GtkAdjustment *
dossier_document_viewer_get_hadjustment (DossierDocumentViewer *self)
{
  g_return_val_if_fail (DOSSIER_IS_DOCUMENT_VIEWER (self), NULL);

  return gtk_scrollable_get_hadjustment (GTK_SCROLLABLE (self->canvas));
}

GtkAdjustment *
dossier_document_viewer_get_vadjustment (DossierDocumentViewer *self)
{
  g_return_val_if_fail (DOSSIER_IS_DOCUMENT_VIEWER (self), NULL);

  return gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self->canvas));
}

void
dossier_document_viewer_get_fit_size (DossierDocumentViewer *self,
                                      int                   *width,
                                      int                   *height)
{
  g_return_if_fail (DOSSIER_IS_DOCUMENT_VIEWER (self));

  _dossier_document_canvas_get_fit_size (self->canvas, width, height);
}

DossierDocumentCanvas *
_dossier_document_viewer_get_canvas (gpointer viewer)
{
  g_return_val_if_fail (DOSSIER_IS_DOCUMENT_VIEWER (viewer), NULL);

  return ((DossierDocumentViewer *) viewer)->canvas;
}

/**
 * dossier_document_viewer_get_texture:
 * @self: a #DossierDocumentViewer
 * @side: the side
 *
 * Returns: (transfer none) (nullable): the texture drawn for @side at full size
 */
GdkTexture *
dossier_document_viewer_get_texture (DossierDocumentViewer *self,
                                     DossierDocumentSide    side)
{
  g_return_val_if_fail (DOSSIER_IS_DOCUMENT_VIEWER (self), NULL);
  g_return_val_if_fail (side <= DOSSIER_DOCUMENT_SIDE_BACK, NULL);

  return _dossier_document_canvas_get_picture (self->canvas, side)->texture;
}
