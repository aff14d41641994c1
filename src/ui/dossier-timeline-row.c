/* dossier-timeline-row.c — the widget that shows one timeline item (recycled by the list)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One widget for every item kind, so the list recycles any row for any item, and as few
 * widgets as can be: GtkListView (4.8) keeps a row for each of up to 200 items, so every
 * widget here is made hundreds of times. An entry is its icon, one label (the title, and
 * the second line in small dim type, as markup) and its time; a day's heading is the same
 * label in heading type. The document thumbnail, the button revealing personal values
 * (client-updated) and the note's menu are made the first time a row needs them. The
 * server's trace id is the text's tooltip and, on a right click or a long press, a
 * "Copy Trace ID" menu: on the second line it would wrap a narrow row over three lines.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "dossier-timeline-row.h"

struct _DossierTimelineRow
{
  GtkWidget            parent_instance;

  DossierTimelineItem *item;
  gulong               thumbnail_handler;
  gulong               retried_handler;
  char                *title;
  char                *subtitle;
  char                *personal;

  GtkWidget           *icon;
  GtkWidget           *label;
  GtkWidget           *thumbnail;  /* made when needed */
  GtkWidget           *reveal;     /* made when needed */
  GtkWidget           *menu;       /* made when needed */
  GtkWidget           *time;
  GtkWidget           *context;    /* the trace id's menu, made when needed */
};

G_DEFINE_FINAL_TYPE (DossierTimelineRow, dossier_timeline_row, GTK_TYPE_WIDGET)

static const char * const tones[] = { "success", "warning", "error" };

/* One icon paintable per name and scale for every row: looking an icon up in the theme
 * costs more than the rest of a bind. Symbolic, so each row still colours it. */
static GdkPaintable *
icon_for (GtkWidget  *widget,
          const char *name)
{
  static GHashTable *icons;
  int scale = gtk_widget_get_scale_factor (widget);
  g_autofree char *key = g_strdup_printf ("%d:%s", scale, name);
  GtkIconPaintable *icon;

  if (icons == NULL)
    icons = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  icon = g_hash_table_lookup (icons, key);
  if (icon == NULL)
    {
      GtkIconTheme *theme = gtk_icon_theme_get_for_display (gtk_widget_get_display (widget));

      icon = gtk_icon_theme_lookup_icon (theme, name, NULL, 16, scale, GTK_TEXT_DIR_NONE, 0);
      g_hash_table_insert (icons, g_steal_pointer (&key), icon);
    }
  return GDK_PAINTABLE (icon);
}

static gboolean
personal_shown (DossierTimelineRow *self)
{
  return self->reveal != NULL && gtk_widget_get_visible (self->reveal) &&
         gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (self->reveal));
}

static void
update_label (DossierTimelineRow *self)
{
  g_autoptr(GString) markup = g_string_new (NULL);
  g_autofree char *title = g_markup_escape_text (self->title != NULL ? self->title : "", -1);

  g_string_append (markup, title);
  if (self->subtitle != NULL && *self->subtitle != '\0')
    {
      g_autofree char *subtitle = g_markup_escape_text (self->subtitle, -1);

      g_string_append_printf (markup, "\n<span size=\"small\" alpha=\"55%%\">%s</span>", subtitle);
    }
  if (personal_shown (self) && self->personal != NULL)
    {
      g_autofree char *personal = g_markup_escape_text (self->personal, -1);

      g_string_append_printf (markup, "\n<span font_family=\"monospace\" size=\"small\">%s</span>", personal);
    }
  gtk_label_set_markup (GTK_LABEL (self->label), markup->str);
}

static void
reveal_toggled_cb (GtkToggleButton    *button,
                   DossierTimelineRow *self)
{
  gboolean shown = gtk_toggle_button_get_active (button);
  const char *text = shown ? _("Hide Personal Values") : _("Show Personal Values");

  gtk_button_set_icon_name (GTK_BUTTON (button), shown ? "view-conceal-symbolic" : "view-reveal-symbolic");
  gtk_widget_set_tooltip_text (GTK_WIDGET (button), text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, text, -1);
  update_label (self);
}

static void
update_thumbnail (DossierTimelineRow *self)
{
  GdkTexture *texture = self->item != NULL ? dossier_timeline_item_get_thumbnail (self->item) : NULL;

  if (texture != NULL && self->thumbnail == NULL)
    {
      self->thumbnail = gtk_picture_new ();
      gtk_picture_set_can_shrink (GTK_PICTURE (self->thumbnail), TRUE);
      gtk_picture_set_content_fit (GTK_PICTURE (self->thumbnail), GTK_CONTENT_FIT_CONTAIN);
      gtk_widget_set_size_request (self->thumbnail, 48, 48);
      gtk_widget_set_valign (self->thumbnail, GTK_ALIGN_START);
      gtk_widget_set_overflow (self->thumbnail, GTK_OVERFLOW_HIDDEN);
      gtk_widget_add_css_class (self->thumbnail, "card");
      gtk_widget_insert_after (self->thumbnail, GTK_WIDGET (self), self->label);
    }
  if (self->thumbnail != NULL)
    {
      gtk_picture_set_paintable (GTK_PICTURE (self->thumbnail), GDK_PAINTABLE (texture));
      gtk_widget_set_visible (self->thumbnail, texture != NULL);
    }
}

static void
thumbnail_cb (DossierTimelineItem *item,
              GParamSpec          *pspec,
              DossierTimelineRow  *self)
{
  update_thumbnail (self);
}

static GtkWidget *
small_button (GtkWidget *button)
{
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  return button;
}

static void
ensure_reveal (DossierTimelineRow *self)
{
  if (self->reveal != NULL)
    return;
  self->reveal = small_button (gtk_toggle_button_new ());
  g_signal_connect (self->reveal, "toggled", G_CALLBACK (reveal_toggled_cb), self);
  gtk_widget_insert_before (self->reveal, GTK_WIDGET (self), self->time);
}

static void
ensure_menu (DossierTimelineRow *self)
{
  if (self->menu != NULL)
    return;
  self->menu = small_button (gtk_menu_button_new ());
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (self->menu), "view-more-symbolic");
  gtk_widget_set_tooltip_text (self->menu, _("Note Actions"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->menu), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Note Actions"), -1);
  gtk_widget_insert_before (self->menu, GTK_WIDGET (self), self->time);
}

static void
dossier_timeline_row_dispose (GObject *object)
{
  DossierTimelineRow *self = DOSSIER_TIMELINE_ROW (object);
  GtkWidget *child;

  dossier_timeline_row_set_item (self, NULL);
  g_clear_pointer (&self->context, gtk_widget_unparent);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  self->icon = self->label = self->thumbnail = self->reveal = self->menu = self->time = NULL;

  G_OBJECT_CLASS (dossier_timeline_row_parent_class)->dispose (object);
}

static void
dossier_timeline_row_finalize (GObject *object)
{
  DossierTimelineRow *self = DOSSIER_TIMELINE_ROW (object);

  g_free (self->title);
  g_free (self->subtitle);
  g_free (self->personal);

  G_OBJECT_CLASS (dossier_timeline_row_parent_class)->finalize (object);
}

static void
copy_trace_id_cb (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  DossierTimelineRow *self = DOSSIER_TIMELINE_ROW (widget);
  const char *trace_id = self->item != NULL ? dossier_timeline_item_get_trace_id (self->item) : NULL;

  if (trace_id != NULL)
    gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), trace_id);
}

static gboolean
drop_context_cb (gpointer user_data)
{
  DossierTimelineRow *self = user_data;

  if (self->context != NULL && !gtk_widget_get_visible (self->context))
    g_clear_pointer (&self->context, gtk_widget_unparent);
  g_object_unref (self);
  return G_SOURCE_REMOVE;
}

static void
context_closed_cb (DossierTimelineRow *self)
{
  /* After the menu's action has run. */
  g_idle_add (drop_context_cb, g_object_ref (self));
}

static void
popup_context (DossierTimelineRow *self,
               double              x,
               double              y)
{
  if (self->item == NULL || dossier_timeline_item_get_trace_id (self->item) == NULL)
    return;

  /* Made for each opening and gone once closed: rows are many, menus rarely open. */
  if (self->context == NULL)
    {
      g_autoptr(GMenu) menu = g_menu_new ();

      g_menu_append (menu, _("_Copy Trace ID"), "row.copy-trace-id");
      self->context = gtk_popover_menu_new_from_model (G_MENU_MODEL (menu));
      gtk_popover_set_has_arrow (GTK_POPOVER (self->context), FALSE);
      gtk_widget_set_halign (self->context, GTK_ALIGN_START);
      gtk_widget_set_parent (self->context, GTK_WIDGET (self));
      g_signal_connect_object (self->context, "closed", G_CALLBACK (context_closed_cb), self,
                               G_CONNECT_SWAPPED);
    }
  gtk_popover_set_pointing_to (GTK_POPOVER (self->context), &(GdkRectangle) { (int) x, (int) y, 1, 1 });
  gtk_popover_popup (GTK_POPOVER (self->context));
}

static void
context_pressed_cb (GtkGestureClick    *gesture,
                    int                 n_press,
                    double              x,
                    double              y,
                    DossierTimelineRow *self)
{
  popup_context (self, x, y);
}

static void
context_long_pressed_cb (GtkGestureLongPress *gesture,
                         double               x,
                         double               y,
                         DossierTimelineRow  *self)
{
  popup_context (self, x, y);
}

static void
dossier_timeline_row_class_init (DossierTimelineRowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = dossier_timeline_row_dispose;
  G_OBJECT_CLASS (klass)->finalize = dossier_timeline_row_finalize;
  gtk_widget_class_install_action (widget_class, "row.copy-trace-id", NULL, copy_trace_id_cb);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "timelinerow");
}

static void
dossier_timeline_row_init (DossierTimelineRow *self)
{
  gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (gtk_widget_get_layout_manager (GTK_WIDGET (self))), 12);
  gtk_widget_set_margin_start (GTK_WIDGET (self), 12);
  gtk_widget_set_margin_end (GTK_WIDGET (self), 12);

  self->icon = gtk_image_new ();
  gtk_widget_set_valign (self->icon, GTK_ALIGN_START);
  gtk_widget_set_margin_top (self->icon, 2);
  gtk_accessible_update_state (GTK_ACCESSIBLE (self->icon), GTK_ACCESSIBLE_STATE_HIDDEN, TRUE, -1);
  gtk_widget_set_parent (self->icon, GTK_WIDGET (self));

  self->label = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->label), 0);
  gtk_label_set_wrap (GTK_LABEL (self->label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (self->label), PANGO_WRAP_WORD_CHAR);
  gtk_widget_set_hexpand (self->label, TRUE);
  gtk_widget_set_valign (self->label, GTK_ALIGN_START);
  gtk_widget_set_parent (self->label, GTK_WIDGET (self));

  {
    GtkGesture *click = gtk_gesture_click_new ();
    GtkGesture *press = gtk_gesture_long_press_new ();

    gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_SECONDARY);
    g_signal_connect (click, "pressed", G_CALLBACK (context_pressed_cb), self);
    gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));
    gtk_gesture_single_set_touch_only (GTK_GESTURE_SINGLE (press), TRUE);
    g_signal_connect (press, "pressed", G_CALLBACK (context_long_pressed_cb), self);
    gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (press));
  }

  self->time = gtk_label_new (NULL);
  gtk_widget_add_css_class (self->time, "dim-label");
  gtk_widget_add_css_class (self->time, "numeric");
  gtk_widget_set_valign (self->time, GTK_ALIGN_START);
  gtk_widget_set_parent (self->time, GTK_WIDGET (self));
}

GtkWidget *
dossier_timeline_row_new (void)
{
  return g_object_new (DOSSIER_TYPE_TIMELINE_ROW, NULL);
}

static GMenuModel *
note_menu (gint64 note_id)
{
  g_autoptr(GMenu) menu = g_menu_new ();
  g_autoptr(GMenuItem) edit = g_menu_item_new (_("_Edit Note…"), NULL);
  g_autoptr(GMenuItem) delete = g_menu_item_new (_("_Delete Note"), NULL);

  g_menu_item_set_action_and_target_value (edit, "timeline.edit-note", g_variant_new_int64 (note_id));
  g_menu_item_set_action_and_target_value (delete, "timeline.delete-note", g_variant_new_int64 (note_id));
  g_menu_append_item (menu, edit);
  g_menu_append_item (menu, delete);
  return G_MENU_MODEL (g_steal_pointer (&menu));
}

static void bind (DossierTimelineRow  *self,
                  DossierTimelineItem *item);

/* A failure found to have gone through later: worded again. */
static void
retried_cb (DossierTimelineItem *item,
            GParamSpec          *pspec,
            DossierTimelineRow  *self)
{
  g_clear_signal_handler (&self->thumbnail_handler, item);
  g_clear_signal_handler (&self->retried_handler, item);
  bind (self, item);
}

static void
bind (DossierTimelineRow  *self,
      DossierTimelineItem *item)
{
  DossierTimelineItemKind kind = dossier_timeline_item_get_kind (item);
  gboolean day = kind == DOSSIER_TIMELINE_ITEM_DAY;
  const char *tone;

  g_free (self->title);
  g_free (self->subtitle);
  g_free (self->personal);
  self->title = dossier_timeline_item_dup_title (item);
  self->subtitle = day ? NULL : dossier_timeline_item_dup_subtitle (item);
  self->personal = day ? NULL : dossier_timeline_item_dup_personal (item);

  gtk_widget_set_margin_top (GTK_WIDGET (self), day ? 18 : 8);
  gtk_widget_set_margin_bottom (GTK_WIDGET (self), day ? 4 : 8);
  gtk_widget_set_visible (self->icon, !day);
  gtk_widget_set_visible (self->time, !day);
  if (day)
    gtk_widget_add_css_class (self->label, "heading");
  else
    gtk_widget_remove_css_class (self->label, "heading");

  if (!day)
    {
      g_autofree char *time = dossier_timeline_item_dup_time_label (item);

      gtk_image_set_from_paintable (GTK_IMAGE (self->icon),
                                    icon_for (GTK_WIDGET (self), dossier_timeline_item_get_icon_name (item)));
      tone = dossier_timeline_item_get_tone (item);
      for (guint i = 0; i < G_N_ELEMENTS (tones); i++)
        {
          if (g_strcmp0 (tone, tones[i]) == 0)
            gtk_widget_add_css_class (self->icon, tones[i]);
          else
            gtk_widget_remove_css_class (self->icon, tones[i]);
        }
      gtk_label_set_text (GTK_LABEL (self->time), time);
    }

  /* Personal values stay hidden until asked for, on every bind. */
  if (self->personal != NULL)
    ensure_reveal (self);
  if (self->reveal != NULL)
    {
      gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (self->reveal), FALSE);
      gtk_widget_set_visible (self->reveal, self->personal != NULL);
      reveal_toggled_cb (GTK_TOGGLE_BUTTON (self->reveal), self);
    }

  if (kind == DOSSIER_TIMELINE_ITEM_NOTE)
    {
      g_autoptr(GMenuModel) menu = note_menu (dossier_timeline_item_get_note (item)->id);

      ensure_menu (self);
      gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (self->menu), menu);
    }
  if (self->menu != NULL)
    gtk_widget_set_visible (self->menu, kind == DOSSIER_TIMELINE_ITEM_NOTE);

  {
    const char *trace_id = day ? NULL : dossier_timeline_item_get_trace_id (item);
    /* Translators: %s is the server's trace id of the call, for support */
    g_autofree char *tip = trace_id != NULL ? g_strdup_printf (_("Trace ID %s"), trace_id) : NULL;

    gtk_widget_set_tooltip_text (self->label, tip);
    gtk_widget_action_set_enabled (GTK_WIDGET (self), "row.copy-trace-id", trace_id != NULL);
  }

  update_label (self);
  update_thumbnail (self);
  self->thumbnail_handler = g_signal_connect (item, "notify::thumbnail", G_CALLBACK (thumbnail_cb), self);
  self->retried_handler = g_signal_connect (item, "notify::retried-at", G_CALLBACK (retried_cb), self);
}

void
dossier_timeline_row_set_item (DossierTimelineRow  *self,
                               DossierTimelineItem *item)
{
  g_return_if_fail (DOSSIER_IS_TIMELINE_ROW (self));
  g_return_if_fail (!item || DOSSIER_IS_TIMELINE_ITEM (item));

  if (self->item == item)
    return;

  if (self->item != NULL)
    {
      g_clear_signal_handler (&self->thumbnail_handler, self->item);
      g_clear_signal_handler (&self->retried_handler, self->item);
    }
  if (self->context != NULL)
    gtk_popover_popdown (GTK_POPOVER (self->context));
  g_set_object (&self->item, item);
  if (item != NULL)
    bind (self, item);
}

DossierTimelineItem *
dossier_timeline_row_get_item (DossierTimelineRow *self)
{
  g_return_val_if_fail (DOSSIER_IS_TIMELINE_ROW (self), NULL);
  return self->item;
}

const char *
dossier_timeline_row_get_title (DossierTimelineRow *self)
{
  g_return_val_if_fail (DOSSIER_IS_TIMELINE_ROW (self), NULL);
  return self->title;
}

/* The tooltip of the row's text: the trace id, or NULL. */
const char *
dossier_timeline_row_get_trace_tooltip (DossierTimelineRow *self)
{
  g_return_val_if_fail (DOSSIER_IS_TIMELINE_ROW (self), NULL);
  return gtk_widget_get_tooltip_text (self->label);
}

const char *
dossier_timeline_row_get_subtitle (DossierTimelineRow *self)
{
  g_return_val_if_fail (DOSSIER_IS_TIMELINE_ROW (self), NULL);
  return self->subtitle != NULL ? self->subtitle : "";
}

gboolean
dossier_timeline_row_get_personal_shown (DossierTimelineRow *self)
{
  g_return_val_if_fail (DOSSIER_IS_TIMELINE_ROW (self), FALSE);
  return personal_shown (self);
}

void
dossier_timeline_row_set_personal_shown (DossierTimelineRow *self,
                                         gboolean            shown)
{
  g_return_if_fail (DOSSIER_IS_TIMELINE_ROW (self));

  if (self->reveal != NULL && gtk_widget_get_visible (self->reveal))
    gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (self->reveal), shown);
}
