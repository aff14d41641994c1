/* dossier-document-viewer-gestures.c — zoom and pan by hand: Ctrl+scroll, scroll, pinch,
 * drag, double click; and the size a quick look is decoded at
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "dossier-document-viewer-private.h"

typedef struct {
  DossierDocumentCanvas *canvas;
  double                 drag_h;
  double                 drag_v;
  double                 pinch_scale;
  double                 pointer_x;
  double                 pointer_y;
} Gestures;

/* Whether scrolling by @delta can still move @adjustment. */
static gboolean
can_pan (GtkAdjustment *adjustment,
         double         delta)
{
  double value = gtk_adjustment_get_value (adjustment);

  if (delta > 0)
    return value < gtk_adjustment_get_upper (adjustment) - gtk_adjustment_get_page_size (adjustment) - 0.5;
  if (delta < 0)
    return value > gtk_adjustment_get_lower (adjustment) + 0.5;
  return FALSE;
}

/* The scrolled window around the canvas takes the wheel only while the picture can pan
 * that way; otherwise the wheel goes on to the page around the viewer. The canvas sees a
 * scroll before its parent does, so this holds for the event being handled. */
static void
set_parent_scrolls (Gestures *g,
                    gboolean  scrolls)
{
  GtkWidget *parent = gtk_widget_get_parent (GTK_WIDGET (g->canvas));
  g_autoptr(GListModel) controllers = NULL;

  if (!GTK_IS_SCROLLED_WINDOW (parent))
    return;
  controllers = gtk_widget_observe_controllers (parent);
  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);
      gpointer phase;

      if (!GTK_IS_EVENT_CONTROLLER_SCROLL (controller))
        continue;
      /* Its own phase (bubble, or capture for a scroll in progress), kept the first time. */
      phase = g_object_get_data (G_OBJECT (controller), "dossier-phase");
      if (phase == NULL)
        {
          phase = GINT_TO_POINTER (gtk_event_controller_get_propagation_phase (controller) + 1);
          g_object_set_data (G_OBJECT (controller), "dossier-phase", phase);
        }
      gtk_event_controller_set_propagation_phase (controller, scrolls ? GPOINTER_TO_INT (phase) - 1 : GTK_PHASE_NONE);
    }
}

/* Ctrl+scroll zooms; a plain scroll pans the picture up to its edges, then scrolls the page. */
static gboolean
scroll_cb (GtkEventControllerScroll *controller,
           double                    dx,
           double                    dy,
           Gestures                 *g)
{
  GdkModifierType state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (controller));
  GtkScrollable *scrollable = GTK_SCROLLABLE (g->canvas);
  double step;

  if ((state & GDK_CONTROL_MASK) != 0)
    {
      if (dy == 0)
        return FALSE;
      /* A wheel's notch is one step; a touchpad's pixels zoom gradually. */
      step = gtk_event_controller_scroll_get_unit (controller) == GDK_SCROLL_UNIT_WHEEL
             ? DOSSIER_DOCUMENT_CANVAS_ZOOM_STEP : 1.1;
      _dossier_document_canvas_zoom_at (g->canvas, _dossier_document_canvas_get_scale (g->canvas) * pow (step, -dy),
                                        g->pointer_x, g->pointer_y);
      return TRUE;
    }
  /* Shift turns the wheel sideways, as in GtkScrolledWindow. */
  if ((state & GDK_SHIFT_MASK) != 0)
    {
      double swap = dx;

      dx = dy;
      dy = swap;
    }
  set_parent_scrolls (g, can_pan (gtk_scrollable_get_hadjustment (scrollable), dx)
                         || can_pan (gtk_scrollable_get_vadjustment (scrollable), dy));
  return FALSE;
}

static void
motion_cb (GtkEventControllerMotion *controller,
           double                    x,
           double                    y,
           Gestures                 *g)
{
  g->pointer_x = x;
  g->pointer_y = y;
}

static void
zoom_begin_cb (GtkGesture       *gesture,
               GdkEventSequence *sequence,
               Gestures         *g)
{
  g->pinch_scale = _dossier_document_canvas_get_scale (g->canvas);
}

static void
zoom_scale_changed_cb (GtkGestureZoom *gesture,
                       double          delta,
                       Gestures       *g)
{
  double x, y;

  if (!gtk_gesture_get_bounding_box_center (GTK_GESTURE (gesture), &x, &y))
    {
      x = gtk_widget_get_width (GTK_WIDGET (g->canvas)) / 2.0;
      y = gtk_widget_get_height (GTK_WIDGET (g->canvas)) / 2.0;
    }
  _dossier_document_canvas_zoom_at (g->canvas, g->pinch_scale * delta, x, y);
}

static void
drag_begin_cb (GtkGestureDrag *gesture,
               double          x,
               double          y,
               Gestures       *g)
{
  g->drag_h = gtk_adjustment_get_value (gtk_scrollable_get_hadjustment (GTK_SCROLLABLE (g->canvas)));
  g->drag_v = gtk_adjustment_get_value (gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (g->canvas)));
}

static void
drag_update_cb (GtkGestureDrag *gesture,
                double          dx,
                double          dy,
                Gestures       *g)
{
  gtk_adjustment_set_value (gtk_scrollable_get_hadjustment (GTK_SCROLLABLE (g->canvas)), g->drag_h - dx);
  gtk_adjustment_set_value (gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (g->canvas)), g->drag_v - dy);
}

/* A click picks the side the tools act on; a double click switches between fit and 100 %. */
static void
click_pressed_cb (GtkGestureClick *gesture,
                  int              n_press,
                  double           x,
                  double           y,
                  Gestures        *g)
{
  gtk_widget_grab_focus (GTK_WIDGET (g->canvas));
  if (n_press == 2)
    {
      double fit = _dossier_document_canvas_get_fit_scale (g->canvas);

      if (_dossier_document_canvas_get_zoom (g->canvas) > 0
          && fabs (_dossier_document_canvas_get_scale (g->canvas) - fit) > 0.001)
        _dossier_document_canvas_set_zoom (g->canvas, 0);
      else
        _dossier_document_canvas_zoom_at (g->canvas, 1.0, x, y);
      return;
    }
  _dossier_document_canvas_activate_at (g->canvas, x, y);
}

void
_dossier_document_canvas_add_gestures (DossierDocumentCanvas *canvas)
{
  Gestures *g = g_new0 (Gestures, 1);
  GtkWidget *widget = GTK_WIDGET (canvas);
  GtkEventController *controller;
  GtkGesture *gesture;

  /* Weak: the gestures die with the canvas. */
  g->canvas = canvas;
  g_object_set_data_full (G_OBJECT (canvas), "dossier-gestures", g, g_free);

  controller = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_BOTH_AXES);
  g_signal_connect (controller, "scroll", G_CALLBACK (scroll_cb), g);
  gtk_widget_add_controller (widget, controller);

  controller = gtk_event_controller_motion_new ();
  g_signal_connect (controller, "motion", G_CALLBACK (motion_cb), g);
  g_signal_connect (controller, "enter", G_CALLBACK (motion_cb), g);
  gtk_widget_add_controller (widget, controller);

  gesture = gtk_gesture_zoom_new ();
  g_signal_connect (gesture, "begin", G_CALLBACK (zoom_begin_cb), g);
  g_signal_connect (gesture, "scale-changed", G_CALLBACK (zoom_scale_changed_cb), g);
  gtk_widget_add_controller (widget, GTK_EVENT_CONTROLLER (gesture));

  gesture = gtk_gesture_drag_new ();
  g_signal_connect (gesture, "drag-begin", G_CALLBACK (drag_begin_cb), g);
  g_signal_connect (gesture, "drag-update", G_CALLBACK (drag_update_cb), g);
  gtk_widget_add_controller (widget, GTK_EVENT_CONTROLLER (gesture));

  gesture = gtk_gesture_click_new ();
  g_signal_connect (gesture, "pressed", G_CALLBACK (click_pressed_cb), g);
  gtk_widget_add_controller (widget, GTK_EVENT_CONTROLLER (gesture));
}

/* The device-pixel box a picture fits into at fit scale, at least 1×1. */
void
_dossier_document_canvas_get_fit_size (DossierDocumentCanvas *self,
                                       int                   *width,
                                       int                   *height)
{
  int scale_factor = gtk_widget_get_scale_factor (GTK_WIDGET (self));
  int w = gtk_widget_get_width (GTK_WIDGET (self));
  int h = gtk_widget_get_height (GTK_WIDGET (self));

  if (w <= 0 || h <= 0)
    w = 480, h = 320;
  *width = MAX (w - 2 * DOSSIER_DOCUMENT_CANVAS_MARGIN, 1) * scale_factor;
  *height = MAX (h - 2 * DOSSIER_DOCUMENT_CANVAS_MARGIN, 1) * scale_factor;
}
