/* dossier-document-viewer-canvas.c — draws the front and back at one scale, scrollable
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A GtkScrollable inside the viewer's GtkScrolledWindow: the content is the pictures side
 * by side (or the visible one) at the current scale, with a margin around and between.
 * Zoom 0 fits the content into the allocation (never above 100 %); any other zoom is the
 * scale itself, anchored at the pointer or the pinch centre. Where the pictures go is
 * computed in dossier-document-viewer-geometry.c.
 */
#include "config.h"

#include "dossier-document-viewer-geometry.h"

struct _DossierDocumentCanvas
{
  GtkWidget             parent_instance;

  DossierCanvasPicture  pictures[2];
  gboolean              side_by_side;
  DossierDocumentSide   visible_side;
  double                zoom;
  double                scale;

  GtkAdjustment        *hadjustment;
  GtkAdjustment        *vadjustment;
  guint                 hscroll_policy : 1;
  guint                 vscroll_policy : 1;
};

static void scrollable_iface_init (GtkScrollableInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (DossierDocumentCanvas, dossier_document_canvas, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (GTK_TYPE_SCROLLABLE, scrollable_iface_init))

enum {
  PROP_0,
  PROP_ZOOM,
  PROP_SCALE,
  N_PROPS,
  PROP_HADJUSTMENT = N_PROPS,
  PROP_VADJUSTMENT,
  PROP_HSCROLL_POLICY,
  PROP_VSCROLL_POLICY,
};

enum {
  SIDE_ACTIVATED,
  N_SIGNALS,
};

static GParamSpec *properties [N_PROPS];
static guint signals [N_SIGNALS];

static void
scrollable_iface_init (GtkScrollableInterface *iface)
{
}

/* What the geometry (dossier-document-viewer-geometry.c) places. */
static DossierCanvasContent
content_of (DossierDocumentCanvas *self)
{
  return (DossierCanvasContent) { self->pictures, self->side_by_side, self->visible_side };
}

static double
fit_scale (DossierDocumentCanvas *self,
           int                    width,
           int                    height)
{
  DossierCanvasContent content = content_of (self);

  return _dossier_canvas_content_fit_scale (&content, width, height);
}

static void
content_size (DossierDocumentCanvas *self,
              double                 scale,
              double                *cw,
              double                *ch)
{
  DossierCanvasContent content = content_of (self);

  _dossier_canvas_content_size (&content, scale, cw, ch);
}

static void
configure_adjustments (DossierDocumentCanvas *self,
                       double                 hvalue,
                       double                 vvalue)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int height = gtk_widget_get_height (GTK_WIDGET (self));
  double cw, ch;

  content_size (self, self->scale, &cw, &ch);
  /* Content that fits but for rounding has nothing to scroll. */
  cw = cw < width + 1 ? width : cw;
  ch = ch < height + 1 ? height : ch;
  if (self->hadjustment != NULL)
    gtk_adjustment_configure (self->hadjustment,
                              CLAMP (hvalue, 0, MAX (cw - width, 0)), 0, MAX (cw, width),
                              width * 0.1, width * 0.9, width);
  if (self->vadjustment != NULL)
    gtk_adjustment_configure (self->vadjustment,
                              CLAMP (vvalue, 0, MAX (ch - height, 0)), 0, MAX (ch, height),
                              height * 0.1, height * 0.9, height);
}

static void
set_scale (DossierDocumentCanvas *self,
           double                 scale)
{
  if (scale == self->scale)
    return;
  self->scale = scale;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_SCALE]);
}

static void
dossier_document_canvas_size_allocate (GtkWidget *widget,
                                       int        width,
                                       int        height,
                                       int        baseline)
{
  DossierDocumentCanvas *self = DOSSIER_DOCUMENT_CANVAS (widget);

  if (self->zoom <= 0)
    set_scale (self, fit_scale (self, width, height));
  configure_adjustments (self,
                         self->hadjustment ? gtk_adjustment_get_value (self->hadjustment) : 0,
                         self->vadjustment ? gtk_adjustment_get_value (self->vadjustment) : 0);
}

static void
dossier_document_canvas_measure (GtkWidget      *widget,
                                 GtkOrientation  orientation,
                                 int             for_size,
                                 int            *minimum,
                                 int            *natural,
                                 int            *minimum_baseline,
                                 int            *natural_baseline)
{
  *minimum = 48;
  *natural = orientation == GTK_ORIENTATION_HORIZONTAL ? 480 : 320;
}

/* The offset of the content's origin in widget coordinates. */
static void
content_origin (DossierDocumentCanvas *self,
                double                *ox,
                double                *oy)
{
  DossierCanvasContent content = content_of (self);

  _dossier_canvas_content_origin (&content, self->scale,
                                  gtk_widget_get_width (GTK_WIDGET (self)),
                                  gtk_widget_get_height (GTK_WIDGET (self)),
                                  self->hadjustment ? gtk_adjustment_get_value (self->hadjustment) : 0,
                                  self->vadjustment ? gtk_adjustment_get_value (self->vadjustment) : 0,
                                  ox, oy);
}

/* The rectangles of the drawn pictures in widget coordinates. */
static guint
picture_rects (DossierDocumentCanvas *self,
               DossierDocumentSide    sides[2],
               graphene_rect_t        rects[2])
{
  DossierCanvasContent content = content_of (self);

  return _dossier_canvas_content_rects (&content, self->scale,
                                        gtk_widget_get_width (GTK_WIDGET (self)),
                                        gtk_widget_get_height (GTK_WIDGET (self)),
                                        self->hadjustment ? gtk_adjustment_get_value (self->hadjustment) : 0,
                                        self->vadjustment ? gtk_adjustment_get_value (self->vadjustment) : 0,
                                        sides, rects);
}

static void
dossier_document_canvas_snapshot (GtkWidget   *widget,
                                  GtkSnapshot *snapshot)
{
  DossierDocumentCanvas *self = DOSSIER_DOCUMENT_CANVAS (widget);
  DossierDocumentSide sides[2];
  graphene_rect_t rects[2];
  guint n = picture_rects (self, sides, rects);

  _dossier_document_canvas_draw (widget, snapshot, self->pictures, n, sides, rects, self->visible_side);
}

static void
adjustment_changed_cb (DossierDocumentCanvas *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
set_adjustment (DossierDocumentCanvas  *self,
                GtkAdjustment         **slot,
                GtkAdjustment          *adjustment)
{
  if (*slot == adjustment && adjustment != NULL)
    return;
  if (*slot != NULL)
    {
      g_signal_handlers_disconnect_by_func (*slot, adjustment_changed_cb, self);
      g_clear_object (slot);
    }
  if (adjustment == NULL)
    adjustment = gtk_adjustment_new (0, 0, 0, 0, 0, 0);
  *slot = g_object_ref_sink (adjustment);
  g_signal_connect_swapped (adjustment, "value-changed", G_CALLBACK (adjustment_changed_cb), self);
  gtk_widget_queue_allocate (GTK_WIDGET (self));
}

static void
dossier_document_canvas_get_property (GObject    *object,
                                      guint       prop_id,
                                      GValue     *value,
                                      GParamSpec *pspec)
{
  DossierDocumentCanvas *self = DOSSIER_DOCUMENT_CANVAS (object);

  switch (prop_id)
    {
    case PROP_ZOOM:
      g_value_set_double (value, self->zoom);
      break;
    case PROP_SCALE:
      g_value_set_double (value, self->scale);
      break;
    case PROP_HADJUSTMENT:
      g_value_set_object (value, self->hadjustment);
      break;
    case PROP_VADJUSTMENT:
      g_value_set_object (value, self->vadjustment);
      break;
    case PROP_HSCROLL_POLICY:
      g_value_set_enum (value, self->hscroll_policy);
      break;
    case PROP_VSCROLL_POLICY:
      g_value_set_enum (value, self->vscroll_policy);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dossier_document_canvas_set_property (GObject      *object,
                                      guint         prop_id,
                                      const GValue *value,
                                      GParamSpec   *pspec)
{
  DossierDocumentCanvas *self = DOSSIER_DOCUMENT_CANVAS (object);

  switch (prop_id)
    {
    case PROP_ZOOM:
      _dossier_document_canvas_set_zoom (self, g_value_get_double (value));
      break;
    case PROP_HADJUSTMENT:
      set_adjustment (self, &self->hadjustment, g_value_get_object (value));
      break;
    case PROP_VADJUSTMENT:
      set_adjustment (self, &self->vadjustment, g_value_get_object (value));
      break;
    case PROP_HSCROLL_POLICY:
      self->hscroll_policy = g_value_get_enum (value);
      gtk_widget_queue_resize (GTK_WIDGET (self));
      break;
    case PROP_VSCROLL_POLICY:
      self->vscroll_policy = g_value_get_enum (value);
      gtk_widget_queue_resize (GTK_WIDGET (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dossier_document_canvas_dispose (GObject *object)
{
  DossierDocumentCanvas *self = (DossierDocumentCanvas *) object;

  for (guint i = 0; i < 2; i++)
    _dossier_document_canvas_clear (self, i);
  if (self->hadjustment != NULL)
    g_signal_handlers_disconnect_by_func (self->hadjustment, adjustment_changed_cb, self);
  if (self->vadjustment != NULL)
    g_signal_handlers_disconnect_by_func (self->vadjustment, adjustment_changed_cb, self);
  g_clear_object (&self->hadjustment);
  g_clear_object (&self->vadjustment);

  G_OBJECT_CLASS (dossier_document_canvas_parent_class)->dispose (object);
}

static void
dossier_document_canvas_class_init (DossierDocumentCanvasClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dossier_document_canvas_dispose;
  object_class->get_property = dossier_document_canvas_get_property;
  object_class->set_property = dossier_document_canvas_set_property;
  widget_class->measure = dossier_document_canvas_measure;
  widget_class->size_allocate = dossier_document_canvas_size_allocate;
  widget_class->snapshot = dossier_document_canvas_snapshot;

  properties [PROP_ZOOM] =
    g_param_spec_double ("zoom", NULL, NULL, 0, DOSSIER_DOCUMENT_CANVAS_MAX_SCALE, 0,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties [PROP_SCALE] =
    g_param_spec_double ("scale", NULL, NULL, 0, DOSSIER_DOCUMENT_CANVAS_MAX_SCALE, 1,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
  g_object_class_override_property (object_class, PROP_HADJUSTMENT, "hadjustment");
  g_object_class_override_property (object_class, PROP_VADJUSTMENT, "vadjustment");
  g_object_class_override_property (object_class, PROP_HSCROLL_POLICY, "hscroll-policy");
  g_object_class_override_property (object_class, PROP_VSCROLL_POLICY, "vscroll-policy");

  signals [SIDE_ACTIVATED] =
    g_signal_new ("side-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT);

  gtk_widget_class_set_css_name (widget_class, "documentcanvas");
}

static void
dossier_document_canvas_init (DossierDocumentCanvas *self)
{
  self->scale = 1.0;
  self->side_by_side = TRUE;
  set_adjustment (self, &self->hadjustment, NULL);
  set_adjustment (self, &self->vadjustment, NULL);
  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);

  _dossier_document_canvas_add_gestures (self);
}

GtkWidget *
_dossier_document_canvas_new (void)
{
  return g_object_new (DOSSIER_TYPE_DOCUMENT_CANVAS, NULL);
}

/* The content changed: the adjustments follow at once, outside of any layout. Left to
 * size_allocate, their new bounds flipped a scrollbar of the scrolled window in the middle of
 * its allocation, and GTK 4.8 then drew frames with no current allocation for it or the
 * canvas ("Trying to snapshot …"): a white preview until the next resize. */
static void
content_changed (DossierDocumentCanvas *self)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int height = gtk_widget_get_height (GTK_WIDGET (self));

  if (width > 0 && height > 0 && gtk_widget_get_parent (GTK_WIDGET (self)) != NULL)
    {
      if (self->zoom <= 0)
        set_scale (self, fit_scale (self, width, height));
      configure_adjustments (self,
                             self->hadjustment ? gtk_adjustment_get_value (self->hadjustment) : 0,
                             self->vadjustment ? gtk_adjustment_get_value (self->vadjustment) : 0);
    }
  gtk_widget_queue_allocate (GTK_WIDGET (self));
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
_dossier_document_canvas_set_picture (DossierDocumentCanvas *self,
                                      DossierDocumentSide    side,
                                      GdkTexture            *texture,
                                      GdkTexture            *small,
                                      guint                  width,
                                      guint                  height)
{
  DossierCanvasPicture *picture = &self->pictures[side];
  /* Either may be the texture shown now. */
  g_autoptr(GdkTexture) old_texture = g_steal_pointer (&picture->texture);
  g_autoptr(GdkTexture) old_small = g_steal_pointer (&picture->small);

  picture->texture = texture != NULL ? g_object_ref (texture) : NULL;
  picture->small = small != NULL && small != texture ? g_object_ref (small) : NULL;
  picture->width = width;
  picture->height = height;
  picture->pending_turns = 0;
  picture->present = TRUE;
  content_changed (self);
}

void
_dossier_document_canvas_clear (DossierDocumentCanvas *self,
                                DossierDocumentSide    side)
{
  DossierCanvasPicture *picture = &self->pictures[side];

  g_clear_object (&picture->texture);
  g_clear_object (&picture->small);
  picture->width = picture->height = 0;
  picture->pending_turns = 0;
  picture->present = FALSE;
  content_changed (self);
}

void
_dossier_document_canvas_set_present (DossierDocumentCanvas *self,
                                      DossierDocumentSide    side,
                                      gboolean               present)
{
  if (self->pictures[side].present == !!present)
    return;
  self->pictures[side].present = !!present;
  content_changed (self);
}

void
_dossier_document_canvas_set_pending_turns (DossierDocumentCanvas *self,
                                            DossierDocumentSide    side,
                                            guint                  quarter_turns)
{
  self->pictures[side].pending_turns = quarter_turns % 4;
  content_changed (self);
}

const DossierCanvasPicture *
_dossier_document_canvas_get_picture (DossierDocumentCanvas *self,
                                      DossierDocumentSide    side)
{
  return &self->pictures[side];
}

void
_dossier_document_canvas_set_zoom (DossierDocumentCanvas *self,
                                   double                 zoom)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int height = gtk_widget_get_height (GTK_WIDGET (self));

  if (zoom > 0)
    {
      _dossier_document_canvas_zoom_at (self, zoom, width / 2.0, height / 2.0);
      return;
    }
  if (self->zoom == 0)
    return;
  self->zoom = 0;
  if (width > 0)
    set_scale (self, fit_scale (self, width, height));
  configure_adjustments (self, 0, 0);
  content_changed (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_ZOOM]);
}

double
_dossier_document_canvas_get_zoom (DossierDocumentCanvas *self)
{
  return self->zoom;
}

double
_dossier_document_canvas_get_scale (DossierDocumentCanvas *self)
{
  return self->scale;
}

/* Zooms to @scale keeping the content under (@x, @y) where it is. */
void
_dossier_document_canvas_zoom_at (DossierDocumentCanvas *self,
                                  double                 scale,
                                  double                 x,
                                  double                 y)
{
  double ox, oy, cw, ch, cw2, ch2, fx, fy;
  gboolean zoom_changed;

  scale = CLAMP (scale, DOSSIER_DOCUMENT_CANVAS_MIN_SCALE, DOSSIER_DOCUMENT_CANVAS_MAX_SCALE);
  content_origin (self, &ox, &oy);
  content_size (self, self->scale, &cw, &ch);
  fx = cw > 0 ? (x - ox) / cw : 0.5;
  fy = ch > 0 ? (y - oy) / ch : 0.5;
  content_size (self, scale, &cw2, &ch2);
  zoom_changed = self->zoom != scale;
  self->zoom = scale;
  set_scale (self, scale);
  configure_adjustments (self, fx * cw2 - x, fy * ch2 - y);
  content_changed (self);
  if (zoom_changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_ZOOM]);
}

void
_dossier_document_canvas_set_layout (DossierDocumentCanvas *self,
                                     gboolean               side_by_side,
                                     DossierDocumentSide    visible_side)
{
  self->side_by_side = side_by_side;
  self->visible_side = visible_side;
  content_changed (self);
}

/* The scale at which the content fits the allocation. */
double
_dossier_document_canvas_get_fit_scale (DossierDocumentCanvas *self)
{
  return fit_scale (self, gtk_widget_get_width (GTK_WIDGET (self)),
                    gtk_widget_get_height (GTK_WIDGET (self)));
}

/* Emits `side-activated` for the picture at (@x, @y), if any. */
void
_dossier_document_canvas_activate_at (DossierDocumentCanvas *self,
                                      double                 x,
                                      double                 y)
{
  DossierDocumentSide sides[2];
  graphene_rect_t rects[2];
  guint n = picture_rects (self, sides, rects);

  for (guint i = 0; i < n; i++)
    if (graphene_rect_contains_point (&rects[i], &GRAPHENE_POINT_INIT (x, y)))
      g_signal_emit (self, signals [SIDE_ACTIVATED], 0, (int) sides[i]);
}
