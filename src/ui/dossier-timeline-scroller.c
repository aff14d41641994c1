/* dossier-timeline-scroller.c — a page and its timeline that scroll as one
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The scrolled window's adjustment spans the header and the whole timeline (the list's
 * estimated height). The header is placed at its scrolled position. The timeline is
 * placed where it falls, and once its top has scrolled past the top of the view it
 * stays there: it is given the height that shows, and its list's own adjustment is set
 * to how far the page has scrolled into it, so the list makes rows only for what shows
 * (10 000 events stay as fast as 10). When the list moves itself (keyboard focus, a
 * scroll to an item, or its estimate of the rows above changed), the page follows.
 * Focus moving into the header scrolls it into view, as GtkViewport does.
 */
#include "config.h"

#include "dossier-timeline-scroller.h"
#include "dossier-timeline-view-private.h"

struct _DossierTimelineScroller
{
  GtkWidget      parent_instance;

  GtkWidget     *clamp;          /* AdwClamp: the page's width */
  GtkWidget     *column;         /* in it: header, then timeline */
  GtkWidget     *header;
  GtkWidget     *timeline;
  GtkAdjustment *adjustment[2];  /* the scrolled window's, by GtkOrientation */
  GtkAdjustment *list_adjustment;
  GtkRoot       *root;
  double         list_target;    /* the list's value as last placed */
  double         follow;         /* where the page goes in the next frame */
  guint          follow_id;      /* its tick callback */
  guint          scroll_policy[2];
  gboolean       allocating;
};

enum {
  PROP_0,
  PROP_HEADER,
  PROP_TIMELINE,
  PROP_HADJUSTMENT,
  PROP_VADJUSTMENT,
  PROP_HSCROLL_POLICY,
  PROP_VSCROLL_POLICY,
  N_PROPS = PROP_HADJUSTMENT
};

static GParamSpec *properties [N_PROPS];

G_DEFINE_FINAL_TYPE_WITH_CODE (DossierTimelineScroller, dossier_timeline_scroller, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (GTK_TYPE_SCROLLABLE, NULL))

static void follow (DossierTimelineScroller *self,
                    double                   value);

/* ---- adjustments ---- */

static void
value_changed_cb (GtkAdjustment           *adjustment,
                  DossierTimelineScroller *self)
{
  /* The column places its children by the value, at an unchanged size. */
  if (!self->allocating && self->column != NULL)
    gtk_widget_queue_allocate (self->column);
}

/* The list moved itself: the page follows by as much. */
static void
list_value_changed_cb (GtkAdjustment           *adjustment,
                       DossierTimelineScroller *self)
{
  double delta = gtk_adjustment_get_value (adjustment) - self->list_target;
  GtkAdjustment *page = self->adjustment[GTK_ORIENTATION_VERTICAL];

  if (self->allocating || page == NULL || ABS (delta) < 0.5)
    return;
  self->list_target = gtk_adjustment_get_value (adjustment);
  follow (self, (self->follow_id != 0 ? self->follow : gtk_adjustment_get_value (page)) + delta);
}

static void
set_adjustment (DossierTimelineScroller *self,
                GtkOrientation           orientation,
                GtkAdjustment           *adjustment)
{
  if (adjustment != NULL && adjustment == self->adjustment[orientation])
    return;

  if (self->adjustment[orientation] != NULL)
    g_signal_handlers_disconnect_by_func (self->adjustment[orientation], value_changed_cb, self);
  g_clear_object (&self->adjustment[orientation]);
  if (adjustment == NULL)
    adjustment = gtk_adjustment_new (0, 0, 0, 0, 0, 0);
  self->adjustment[orientation] = g_object_ref_sink (adjustment);
  g_signal_connect (adjustment, "value-changed", G_CALLBACK (value_changed_cb), self);
  gtk_widget_queue_allocate (GTK_WIDGET (self));
}

/* ---- layout ----
 *
 * The scroller holds one AdwClamp (the page's width) holding the column: the header,
 * then the timeline. The scroller sets the range; the column places its two children
 * for the clamped width at the scrolled position. */

static void
column_measure (GtkWidget      *column,
                GtkOrientation  orientation,
                int             for_size,
                int            *minimum,
                int            *natural,
                int            *minimum_baseline,
                int            *natural_baseline)
{
  *minimum = *natural = 0;
  for (GtkWidget *child = gtk_widget_get_first_child (column); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      int child_min = 0, child_nat = 0;

      if (!gtk_widget_should_layout (child))
        continue;
      gtk_widget_measure (child, orientation, for_size, &child_min, &child_nat, NULL, NULL);
      if (orientation == GTK_ORIENTATION_VERTICAL)
        {
          *minimum += child_min;
          *natural += child_nat;
        }
      else
        {
          *minimum = MAX (*minimum, child_min);
          *natural = MAX (*natural, child_nat);
        }
    }
}

static void
place (GtkWidget *child,
       int        y,
       int        width,
       int        height)
{
  GskTransform *transform = gsk_transform_translate (NULL, &GRAPHENE_POINT_INIT (0, y));

  gtk_widget_allocate (child, width, height, -1, transform);
}

static gboolean
follow_tick_cb (GtkWidget     *widget,
                GdkFrameClock *clock,
                gpointer       user_data)
{
  DossierTimelineScroller *self = DOSSIER_TIMELINE_SCROLLER (widget);

  self->follow_id = 0;
  gtk_adjustment_set_value (self->adjustment[GTK_ORIENTATION_VERTICAL], self->follow);
  return G_SOURCE_REMOVE;
}

/* The page goes to value in the next frame: not while GTK lays it out. */
static void
follow (DossierTimelineScroller *self,
        double                   value)
{
  self->follow = value;
  if (self->follow_id == 0)
    self->follow_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), follow_tick_cb, NULL, NULL);
}

static void
column_allocate (GtkWidget *column,
                 int        width,
                 int        height,
                 int        baseline)
{
  DossierTimelineScroller *self = g_object_get_data (G_OBJECT (column), "dossier-timeline-scroller");
  GtkAdjustment *page = self->adjustment[GTK_ORIENTATION_VERTICAL];
  int header_height = 0, timeline_min = 0, timeline_height = 0;
  gboolean allocating = self->allocating;
  gboolean stays = FALSE;
  double value = gtk_adjustment_get_value (page);
  double target = 0;
  int top, shown;

  if (self->header != NULL && gtk_widget_should_layout (self->header))
    {
      gtk_widget_measure (self->header, GTK_ORIENTATION_VERTICAL, width, NULL, &header_height, NULL, NULL);
      place (self->header, -(int) value, width, header_height);
    }
  if (self->timeline == NULL || !gtk_widget_should_layout (self->timeline))
    return;
  gtk_widget_measure (self->timeline, GTK_ORIENTATION_VERTICAL, width, &timeline_min, &timeline_height,
                      NULL, NULL);

  /* Where the timeline falls; a list that reaches the top of the view stays there. */
  top = header_height - (int) value;
  shown = timeline_height;
  if (_dossier_timeline_view_shows_list (DOSSIER_TIMELINE_VIEW (self->timeline)))
    {
      /* Always as high as the view (what falls below it is clipped): the list's page
       * size stays the same as it scrolls, so its anchoring stays where it is. */
      stays = TRUE;
      target = MAX (0, -top);
      shown = MAX (MIN (height, timeline_height), timeline_min);
      top = MAX (top, 0);
    }

  /* Also when GTK allocates the column alone (the value changed, not the size). */
  self->allocating = TRUE;
  if (stays)
    {
      double list_upper = gtk_adjustment_get_upper (self->list_adjustment);
      double list_page = gtk_adjustment_get_page_size (self->list_adjustment);

      self->list_target = target;
      gtk_adjustment_configure (self->list_adjustment, target, 0, MAX (list_upper, target + list_page),
                                gtk_adjustment_get_step_increment (self->list_adjustment),
                                gtk_adjustment_get_page_increment (self->list_adjustment), list_page);
    }
  place (self->timeline, top, width, shown);
  self->allocating = allocating;

  /* The list placed itself elsewhere (an item scrolled to, or its rows measured):
   * the page follows, in the next frame. */
  if (stays && ABS (gtk_adjustment_get_value (self->list_adjustment) - target) >= 0.5)
    {
      double delta = gtk_adjustment_get_value (self->list_adjustment) - target;

      self->list_target = gtk_adjustment_get_value (self->list_adjustment);
      follow (self, value + delta);
    }
}

static void
dossier_timeline_scroller_measure (GtkWidget      *widget,
                                   GtkOrientation  orientation,
                                   int             for_size,
                                   int            *minimum,
                                   int            *natural,
                                   int            *minimum_baseline,
                                   int            *natural_baseline)
{
  DossierTimelineScroller *self = DOSSIER_TIMELINE_SCROLLER (widget);

  gtk_widget_measure (self->clamp, orientation, for_size, minimum, natural, NULL, NULL);
}

static void
dossier_timeline_scroller_size_allocate (GtkWidget *widget,
                                         int        width,
                                         int        height,
                                         int        baseline)
{
  DossierTimelineScroller *self = DOSSIER_TIMELINE_SCROLLER (widget);
  GtkAdjustment *page = self->adjustment[GTK_ORIENTATION_VERTICAL];
  int total = 0;
  double value;

  gtk_widget_measure (self->clamp, GTK_ORIENTATION_VERTICAL, width, NULL, &total, NULL, NULL);

  self->allocating = TRUE;
  gtk_adjustment_configure (self->adjustment[GTK_ORIENTATION_HORIZONTAL], 0, 0, width, width * 0.1,
                            width * 0.9, width);
  value = CLAMP (gtk_adjustment_get_value (page), 0, MAX (0, total - height));
  gtk_adjustment_configure (page, value, 0, MAX (height, total), height * 0.1, height * 0.9, height);
  gtk_widget_allocate (self->clamp, width, height, -1, NULL);
  self->allocating = FALSE;
}

/* ---- focus in the header: scroll it into view ---- */

static void
focus_changed_cb (GtkRoot                 *root,
                  GParamSpec              *pspec,
                  DossierTimelineScroller *self)
{
  GtkWidget *focus = gtk_root_get_focus (root);
  GtkAdjustment *page = self->adjustment[GTK_ORIENTATION_VERTICAL];
  graphene_rect_t bounds;
  double value, top, bottom;

  if (focus == NULL || self->header == NULL || page == NULL ||
      !gtk_widget_is_ancestor (focus, self->header) ||
      !gtk_widget_compute_bounds (focus, self->header, &bounds))
    return;

  value = gtk_adjustment_get_value (page);
  top = bounds.origin.y;
  bottom = top + bounds.size.height;
  if (top < value)
    gtk_adjustment_set_value (page, top);
  else if (bottom > value + gtk_adjustment_get_page_size (page))
    gtk_adjustment_set_value (page, MIN (top, bottom - gtk_adjustment_get_page_size (page)));
}

static void
dossier_timeline_scroller_root (GtkWidget *widget)
{
  DossierTimelineScroller *self = DOSSIER_TIMELINE_SCROLLER (widget);

  GTK_WIDGET_CLASS (dossier_timeline_scroller_parent_class)->root (widget);
  self->root = gtk_widget_get_root (widget);
  g_signal_connect (self->root, "notify::focus-widget", G_CALLBACK (focus_changed_cb), self);
}

static void
dossier_timeline_scroller_unroot (GtkWidget *widget)
{
  DossierTimelineScroller *self = DOSSIER_TIMELINE_SCROLLER (widget);

  if (self->root != NULL)
    g_signal_handlers_disconnect_by_func (self->root, focus_changed_cb, self);
  self->root = NULL;
  GTK_WIDGET_CLASS (dossier_timeline_scroller_parent_class)->unroot (widget);
}

/* ---- the object ---- */

static void
dossier_timeline_scroller_dispose (GObject *object)
{
  DossierTimelineScroller *self = DOSSIER_TIMELINE_SCROLLER (object);

  if (self->follow_id != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->follow_id);
  self->follow_id = 0;
  g_clear_pointer (&self->clamp, gtk_widget_unparent);
  self->column = NULL;
  self->header = NULL;
  self->timeline = NULL;
  if (self->list_adjustment != NULL)
    g_signal_handlers_disconnect_by_func (self->list_adjustment, list_value_changed_cb, self);
  g_clear_object (&self->list_adjustment);
  for (guint i = 0; i < G_N_ELEMENTS (self->adjustment); i++)
    {
      if (self->adjustment[i] != NULL)
        g_signal_handlers_disconnect_by_func (self->adjustment[i], value_changed_cb, self);
      g_clear_object (&self->adjustment[i]);
    }

  G_OBJECT_CLASS (dossier_timeline_scroller_parent_class)->dispose (object);
}

static void
dossier_timeline_scroller_get_property (GObject    *object,
                                        guint       prop_id,
                                        GValue     *value,
                                        GParamSpec *pspec)
{
  DossierTimelineScroller *self = DOSSIER_TIMELINE_SCROLLER (object);

  switch (prop_id)
    {
    case PROP_HEADER:
      g_value_set_object (value, self->header);
      break;
    case PROP_TIMELINE:
      g_value_set_object (value, self->timeline);
      break;
    case PROP_HADJUSTMENT:
      g_value_set_object (value, self->adjustment[GTK_ORIENTATION_HORIZONTAL]);
      break;
    case PROP_VADJUSTMENT:
      g_value_set_object (value, self->adjustment[GTK_ORIENTATION_VERTICAL]);
      break;
    case PROP_HSCROLL_POLICY:
      g_value_set_enum (value, self->scroll_policy[GTK_ORIENTATION_HORIZONTAL]);
      break;
    case PROP_VSCROLL_POLICY:
      g_value_set_enum (value, self->scroll_policy[GTK_ORIENTATION_VERTICAL]);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dossier_timeline_scroller_set_property (GObject      *object,
                                        guint         prop_id,
                                        const GValue *value,
                                        GParamSpec   *pspec)
{
  DossierTimelineScroller *self = DOSSIER_TIMELINE_SCROLLER (object);

  switch (prop_id)
    {
    case PROP_HEADER:
      dossier_timeline_scroller_set_header (self, g_value_get_object (value));
      break;
    case PROP_TIMELINE:
      dossier_timeline_scroller_set_timeline (self, g_value_get_object (value));
      break;
    case PROP_HADJUSTMENT:
      set_adjustment (self, GTK_ORIENTATION_HORIZONTAL, g_value_get_object (value));
      break;
    case PROP_VADJUSTMENT:
      set_adjustment (self, GTK_ORIENTATION_VERTICAL, g_value_get_object (value));
      break;
    case PROP_HSCROLL_POLICY:
    case PROP_VSCROLL_POLICY:
      {
        GtkOrientation orientation = prop_id == PROP_HSCROLL_POLICY ? GTK_ORIENTATION_HORIZONTAL
                                                                   : GTK_ORIENTATION_VERTICAL;

        if (self->scroll_policy[orientation] != (guint) g_value_get_enum (value))
          {
            self->scroll_policy[orientation] = g_value_get_enum (value);
            gtk_widget_queue_resize (GTK_WIDGET (self));
            g_object_notify_by_pspec (object, pspec);
          }
      }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dossier_timeline_scroller_class_init (DossierTimelineScrollerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dossier_timeline_scroller_dispose;
  object_class->get_property = dossier_timeline_scroller_get_property;
  object_class->set_property = dossier_timeline_scroller_set_property;

  widget_class->measure = dossier_timeline_scroller_measure;
  widget_class->size_allocate = dossier_timeline_scroller_size_allocate;
  widget_class->root = dossier_timeline_scroller_root;
  widget_class->unroot = dossier_timeline_scroller_unroot;

  properties [PROP_HEADER] =
    g_param_spec_object ("header", NULL, NULL, GTK_TYPE_WIDGET,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties [PROP_TIMELINE] =
    g_param_spec_object ("timeline", NULL, NULL, DOSSIER_TYPE_TIMELINE_VIEW,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);
  g_object_class_override_property (object_class, PROP_HADJUSTMENT, "hadjustment");
  g_object_class_override_property (object_class, PROP_VADJUSTMENT, "vadjustment");
  g_object_class_override_property (object_class, PROP_HSCROLL_POLICY, "hscroll-policy");
  g_object_class_override_property (object_class, PROP_VSCROLL_POLICY, "vscroll-policy");

  gtk_widget_class_set_css_name (widget_class, "timelinescroller");
}

static void
dossier_timeline_scroller_init (DossierTimelineScroller *self)
{
  self->scroll_policy[GTK_ORIENTATION_VERTICAL] = GTK_SCROLL_NATURAL;
  set_adjustment (self, GTK_ORIENTATION_HORIZONTAL, NULL);
  set_adjustment (self, GTK_ORIENTATION_VERTICAL, NULL);
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);

  self->column = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_widget_set_layout_manager (self->column, gtk_custom_layout_new (NULL, column_measure, column_allocate));
  g_object_set_data (G_OBJECT (self->column), "dossier-timeline-scroller", self);
  self->clamp = g_object_new (ADW_TYPE_CLAMP, "maximum-size", 720, "tightening-threshold", 480,
                              "child", self->column, NULL);
  gtk_widget_set_parent (self->clamp, GTK_WIDGET (self));
}

GtkWidget *
dossier_timeline_scroller_new (void)
{
  return g_object_new (DOSSIER_TYPE_TIMELINE_SCROLLER, NULL);
}

void
dossier_timeline_scroller_set_header (DossierTimelineScroller *self,
                                      GtkWidget               *header)
{
  g_return_if_fail (DOSSIER_IS_TIMELINE_SCROLLER (self));
  g_return_if_fail (!header || GTK_IS_WIDGET (header));

  if (header == self->header)
    return;

  if (self->header != NULL)
    gtk_box_remove (GTK_BOX (self->column), self->header);
  self->header = header;
  if (header != NULL)
    gtk_box_prepend (GTK_BOX (self->column), header);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HEADER]);
}

GtkWidget *
dossier_timeline_scroller_get_header (DossierTimelineScroller *self)
{
  g_return_val_if_fail (DOSSIER_IS_TIMELINE_SCROLLER (self), NULL);
  return self->header;
}

void
dossier_timeline_scroller_set_timeline (DossierTimelineScroller *self,
                                        DossierTimelineView     *timeline)
{
  g_return_if_fail (DOSSIER_IS_TIMELINE_SCROLLER (self));
  g_return_if_fail (!timeline || DOSSIER_IS_TIMELINE_VIEW (timeline));

  if ((GtkWidget *) timeline == self->timeline)
    return;

  if (self->list_adjustment != NULL)
    g_signal_handlers_disconnect_by_func (self->list_adjustment, list_value_changed_cb, self);
  g_clear_object (&self->list_adjustment);
  if (self->timeline != NULL)
    gtk_box_remove (GTK_BOX (self->column), self->timeline);
  self->timeline = NULL;

  if (timeline != NULL)
    {
      self->timeline = GTK_WIDGET (timeline);
      /* As the margins of the page above it, so both line up. */
      gtk_widget_set_margin_start (self->timeline, 12);
      gtk_widget_set_margin_end (self->timeline, 12);
      gtk_widget_set_margin_top (self->timeline, 6);
      gtk_widget_set_margin_bottom (self->timeline, 24);
      gtk_box_append (GTK_BOX (self->column), self->timeline);
      self->list_adjustment = g_object_ref_sink (gtk_adjustment_new (0, 0, 0, 0, 0, 0));
      g_signal_connect (self->list_adjustment, "value-changed", G_CALLBACK (list_value_changed_cb), self);
      _dossier_timeline_view_set_vadjustment (timeline, self->list_adjustment);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TIMELINE]);
}

/* Back to the top of the page, dropping any move the list asked for before. */
void
dossier_timeline_scroller_scroll_to_top (DossierTimelineScroller *self)
{
  g_return_if_fail (DOSSIER_IS_TIMELINE_SCROLLER (self));

  if (self->follow_id != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->follow_id);
  self->follow_id = 0;
  gtk_adjustment_set_value (self->adjustment[GTK_ORIENTATION_VERTICAL], 0);
}

DossierTimelineView *
dossier_timeline_scroller_get_timeline (DossierTimelineScroller *self)
{
  g_return_val_if_fail (DOSSIER_IS_TIMELINE_SCROLLER (self), NULL);
  return self->timeline != NULL ? DOSSIER_TIMELINE_VIEW (self->timeline) : NULL;
}
