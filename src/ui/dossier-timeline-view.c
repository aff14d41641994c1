/* dossier-timeline-view.c — a client's timeline on the client page
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Reads the client's events and notes from the journal (worker thread), merges them
 * newest first into `all`, and shows the filtered ones in one flat GListStore with a
 * DAY item before each local day (GTK 4.8 has no list sections). A reload replaces the
 * store's contents in one splice; a reload asked for while one runs runs after it.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "dossier-note-dialog.h"
#include "dossier-timeline-item.h"
#include "dossier-timeline-row.h"
#include "dossier-timeline-view-private.h"


G_DEFINE_FINAL_TYPE (DossierTimelineView, dossier_timeline_view, GTK_TYPE_WIDGET)


enum {
  PROP_0,
  PROP_LOADING,
  PROP_FILTER,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

void
_dossier_timeline_view_set_loading (DossierTimelineView *self,
                                    gboolean             loading)
{
  if (self->loading == !!loading)
    return;
  self->loading = !!loading;
  _dossier_timeline_view_update_empty (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

/* What the card says when it shows no item: nothing while the events are read, then
 * whether the client has none at all or only none of the filter's kind. */
void
_dossier_timeline_view_update_empty (DossierTimelineView *self)
{
  const char *text = "";

  if (self->empty_label == NULL)
    return;
  if (!self->loading)
    text = self->all != NULL && self->all->len > 0 && self->filter != DOSSIER_TIMELINE_FILTER_ALL
           ? _("No events of this kind") : _("No events yet");
  gtk_label_set_text (GTK_LABEL (self->empty_label), text);
}

const char *
_dossier_timeline_view_get_empty_text (DossierTimelineView *self)
{
  return gtk_stack_get_visible_child (GTK_STACK (self->stack)) == self->empty_label
         ? gtk_label_get_text (GTK_LABEL (self->empty_label)) : NULL;
}

/* ---- the list ---- */

static void
setup_cb (GtkSignalListItemFactory *factory,
          GtkListItem              *list_item,
          DossierTimelineView      *self)
{
  gtk_list_item_set_child (list_item, dossier_timeline_row_new ());
  gtk_list_item_set_activatable (list_item, FALSE);
  gtk_list_item_set_selectable (list_item, FALSE);
}

static void
thumbnail_read_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(DossierTimelineItem) item = user_data;
  g_autoptr(DossierJournalUpload) upload = NULL;
  g_autoptr(GdkTexture) texture = NULL;

  upload = dossier_journal_get_upload_finish (DOSSIER_JOURNAL (object), result, NULL);
  if (upload == NULL || upload->thumbnail == NULL)
    return;

  texture = gdk_texture_new_from_bytes (upload->thumbnail, NULL);
  if (texture != NULL)
    dossier_timeline_item_set_thumbnail (item, texture);
}

static void
bind_cb (GtkSignalListItemFactory *factory,
         GtkListItem              *list_item,
         DossierTimelineView      *self)
{
  DossierTimelineItem *item = gtk_list_item_get_item (list_item);
  gint64 upload_id = dossier_timeline_item_get_upload_id (item);

  dossier_timeline_row_set_item (DOSSIER_TIMELINE_ROW (gtk_list_item_get_child (list_item)), item);

  /* A document's thumbnail is read the first time its row shows. */
  if (upload_id > 0 && self->journal != NULL && dossier_timeline_item_claim_thumbnail (item))
    dossier_journal_get_upload_async (self->journal, upload_id, self->cancellable,
                                      thumbnail_read_cb, g_object_ref (item));
}

static void
unbind_cb (GtkSignalListItemFactory *factory,
           GtkListItem              *list_item,
           DossierTimelineView      *self)
{
  dossier_timeline_row_set_item (DOSSIER_TIMELINE_ROW (gtk_list_item_get_child (list_item)), NULL);
}

/* ---- actions ---- */

static DossierJournalNote *
find_note (DossierTimelineView *self,
           gint64               note_id)
{
  for (guint i = 0; self->all != NULL && i < self->all->len; i++)
    {
      const DossierJournalNote *note = dossier_timeline_item_get_note (g_ptr_array_index (self->all, i));

      if (note != NULL && note->id == note_id)
        return (DossierJournalNote *) note;
    }
  return NULL;
}

static void
add_note_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  DossierTimelineView *self = DOSSIER_TIMELINE_VIEW (widget);

  if (self->journal != NULL && self->client_id != NULL)
    dossier_note_dialog_add (widget, self->journal, self->client_id);
}

static void
edit_note_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  DossierTimelineView *self = DOSSIER_TIMELINE_VIEW (widget);
  DossierJournalNote *note = find_note (self, g_variant_get_int64 (parameter));

  if (note != NULL)
    dossier_note_dialog_edit (widget, self->journal, note);
}

static void
delete_note_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  DossierTimelineView *self = DOSSIER_TIMELINE_VIEW (widget);

  if (find_note (self, g_variant_get_int64 (parameter)) != NULL)
    dossier_note_dialog_delete (widget, self->journal, g_variant_get_int64 (parameter));
}

/* ---- the object ---- */

static void
dossier_timeline_view_dispose (GObject *object)
{
  DossierTimelineView *self = DOSSIER_TIMELINE_VIEW (object);

  dossier_timeline_view_set_client (self, NULL, NULL);
  g_clear_pointer (&self->box, gtk_widget_unparent);

  G_OBJECT_CLASS (dossier_timeline_view_parent_class)->dispose (object);
}

static void
dossier_timeline_view_finalize (GObject *object)
{
  DossierTimelineView *self = DOSSIER_TIMELINE_VIEW (object);

  g_clear_object (&self->store);
  g_clear_pointer (&self->all, g_ptr_array_unref);
  g_clear_pointer (&self->flat, g_ptr_array_unref);
  g_clear_pointer (&self->known, g_hash_table_unref);

  G_OBJECT_CLASS (dossier_timeline_view_parent_class)->finalize (object);
}

static void
dossier_timeline_view_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  DossierTimelineView *self = DOSSIER_TIMELINE_VIEW (object);

  switch (prop_id)
    {
    case PROP_LOADING:
      g_value_set_boolean (value, self->loading);
      break;
    case PROP_FILTER:
      g_value_set_uint (value, self->filter);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dossier_timeline_view_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  switch (prop_id)
    {
    case PROP_FILTER:
      dossier_timeline_view_set_filter (DOSSIER_TIMELINE_VIEW (object), g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dossier_timeline_view_class_init (DossierTimelineViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dossier_timeline_view_dispose;
  object_class->finalize = dossier_timeline_view_finalize;
  object_class->get_property = dossier_timeline_view_get_property;
  object_class->set_property = dossier_timeline_view_set_property;

  properties [PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties [PROP_FILTER] =
    g_param_spec_uint ("filter", NULL, NULL, 0, G_MAXUINT, 0,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_install_property_action (widget_class, "timeline.filter", "filter");
  gtk_widget_class_install_action (widget_class, "timeline.add-note", NULL, add_note_action);
  gtk_widget_class_install_action (widget_class, "timeline.edit-note", "x", edit_note_action);
  gtk_widget_class_install_action (widget_class, "timeline.delete-note", "x", delete_note_action);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "timelineview");
}

static void
dossier_timeline_view_init (DossierTimelineView *self)
{
  GtkListItemFactory *factory;
  GtkWidget *header, *title, *scrolled;

  self->store = g_list_store_new (DOSSIER_TYPE_TIMELINE_ITEM);

  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));

  header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  title = g_object_new (GTK_TYPE_LABEL, "label", _("Timeline"), "xalign", 0.0f,
                        "accessible-role", GTK_ACCESSIBLE_ROLE_HEADING, NULL);
  gtk_widget_set_hexpand (title, TRUE);
  gtk_widget_add_css_class (title, "heading");
  gtk_box_append (GTK_BOX (header), title);

  /* The filters: a strip of toggles, or a menu button when the page is narrow. */
  gtk_box_append (GTK_BOX (header), _dossier_timeline_view_build_filters (self));

  self->add_button = gtk_button_new_from_icon_name ("list-add-symbolic");
  gtk_widget_set_valign (self->add_button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (self->add_button, "flat");
  gtk_widget_set_tooltip_text (self->add_button, _("Add Note…"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->add_button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Add Note…"), -1);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->add_button), "timeline.add-note");
  gtk_box_append (GTK_BOX (header), self->add_button);
  gtk_box_append (GTK_BOX (self->box), header);

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (setup_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_cb), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_cb), self);
  self->list_view = gtk_list_view_new (GTK_SELECTION_MODEL (gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->store)))),
                                       factory);
  gtk_widget_add_css_class (self->list_view, "timeline");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list_view), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Timeline"), -1);

  /* Its own scrolling, so the list only makes the rows on screen; in a
   * DossierTimelineScroller the page's scrolling instead. */
  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scrolled), 360);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), 480);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), self->list_view);

  /* A short status, centred in the card, as an empty list reads in GNOME apps. */
  self->empty_label = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (self->empty_label), TRUE);
  gtk_label_set_justify (GTK_LABEL (self->empty_label), GTK_JUSTIFY_CENTER);
  gtk_widget_set_halign (self->empty_label, GTK_ALIGN_CENTER);
  gtk_widget_set_margin_start (self->empty_label, 12);
  gtk_widget_set_margin_end (self->empty_label, 12);
  gtk_widget_add_css_class (self->empty_label, "dim-label");
  gtk_widget_set_margin_top (self->empty_label, 24);
  gtk_widget_set_margin_bottom (self->empty_label, 24);

  self->stack = gtk_stack_new ();
  gtk_stack_set_vhomogeneous (GTK_STACK (self->stack), FALSE);
  gtk_stack_add_named (GTK_STACK (self->stack), scrolled, "list");
  gtk_stack_add_named (GTK_STACK (self->stack), self->empty_label, "empty");
  gtk_widget_add_css_class (self->stack, "card");
  gtk_widget_set_overflow (self->stack, GTK_OVERFLOW_HIDDEN);
  gtk_box_append (GTK_BOX (self->box), self->stack);

  _dossier_timeline_view_rebuild (self);
}

/* ---- scrolled by a DossierTimelineScroller ---- */

static void
frame_measure (GtkWidget      *widget,
               GtkOrientation  orientation,
               int             for_size,
               int            *minimum,
               int            *natural,
               int            *minimum_baseline,
               int            *natural_baseline)
{
  GtkWidget *child = gtk_widget_get_first_child (widget);

  *minimum = *natural = 0;
  if (child != NULL)
    gtk_widget_measure (child, orientation, for_size, minimum, natural, NULL, NULL);
  /* Any height: the list is a GtkScrollable and shows what it is given. */
  if (orientation == GTK_ORIENTATION_VERTICAL)
    *minimum = 0;
}

static void
frame_allocate (GtkWidget *widget,
                int        width,
                int        height,
                int        baseline)
{
  GtkWidget *child = gtk_widget_get_first_child (widget);

  if (child != NULL)
    gtk_widget_allocate (child, width, height, -1, NULL);
}

void
_dossier_timeline_view_set_vadjustment (DossierTimelineView *self,
                                        GtkAdjustment       *vadjustment)
{
  GtkWidget *scrolled = gtk_stack_get_child_by_name (GTK_STACK (self->stack), "list");
  gboolean list_shown = _dossier_timeline_view_shows_list (self);
  GtkWidget *frame;

  if (GTK_IS_SCROLLED_WINDOW (scrolled))
    {
      g_object_ref (self->list_view);
      gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), NULL);
      gtk_stack_remove (GTK_STACK (self->stack), scrolled);
      frame = adw_bin_new ();
      gtk_widget_set_layout_manager (frame, gtk_custom_layout_new (NULL, frame_measure, frame_allocate));
      adw_bin_set_child (ADW_BIN (frame), self->list_view);
      g_object_unref (self->list_view);
      gtk_stack_add_named (GTK_STACK (self->stack), frame, "list");
      if (list_shown)
        gtk_stack_set_visible_child_name (GTK_STACK (self->stack), "list");
    }
  gtk_scrollable_set_vadjustment (GTK_SCROLLABLE (self->list_view), vadjustment);
}

gboolean
_dossier_timeline_view_shows_list (DossierTimelineView *self)
{
  return g_strcmp0 (gtk_stack_get_visible_child_name (GTK_STACK (self->stack)), "list") == 0;
}

GtkWidget *
dossier_timeline_view_new (void)
{
  return g_object_new (DOSSIER_TYPE_TIMELINE_VIEW, NULL);
}

void
dossier_timeline_view_set_client (DossierTimelineView *self,
                                  DossierJournal      *journal,
                                  const char          *client_id)
{
  g_return_if_fail (DOSSIER_IS_TIMELINE_VIEW (self));
  g_return_if_fail (!journal || DOSSIER_IS_JOURNAL (journal));

  if (journal == self->journal && g_strcmp0 (client_id, self->client_id) == 0)
    return;

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->events, g_ptr_array_unref);
  g_clear_pointer (&self->notes, g_ptr_array_unref);
  if (self->journal != NULL)
    g_signal_handlers_disconnect_by_data (self->journal, self);
  g_clear_object (&self->journal);
  g_clear_pointer (&self->client_id, g_free);
  g_clear_pointer (&self->all, g_ptr_array_unref);
  g_clear_pointer (&self->known, g_hash_table_unref);
  if (self->tick_id != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->tick_id);
  self->tick_id = 0;
  self->reload = FALSE;
  self->reading = FALSE;
  _dossier_timeline_view_set_loading (self, FALSE);
  /* The next list starts at its top: moved while the rows are still there, so the list
   * finds the place (an empty list cannot, and warns). */
  {
    GtkAdjustment *adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self->list_view));

    if (adjustment != NULL && gtk_adjustment_get_value (adjustment) > 0 &&
        g_list_model_get_n_items (G_LIST_MODEL (self->store)) > 0)
      gtk_adjustment_set_value (adjustment, 0);
  }
  /* Another client's items never show, not even for a frame. */
  g_list_store_remove_all (self->store);

  if (journal != NULL && client_id != NULL)
    {
      self->journal = g_object_ref (journal);
      self->client_id = g_strdup (client_id);
      self->cancellable = g_cancellable_new ();
      g_signal_connect (journal, "events-added", G_CALLBACK (_dossier_timeline_view_journal_changed), self);
      g_signal_connect (journal, "notes-changed", G_CALLBACK (_dossier_timeline_view_journal_changed), self);
      _dossier_timeline_view_load (self);
    }

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "timeline.add-note", self->client_id != NULL);
  _dossier_timeline_view_rebuild (self);
}

const char *
dossier_timeline_view_get_client_id (DossierTimelineView *self)
{
  g_return_val_if_fail (DOSSIER_IS_TIMELINE_VIEW (self), NULL);
  return self->client_id;
}

void
dossier_timeline_view_set_filter (DossierTimelineView   *self,
                                  DossierTimelineFilter  filter)
{
  g_return_if_fail (DOSSIER_IS_TIMELINE_VIEW (self));

  if (self->filter == filter)
    return;

  self->filter = filter;
  _dossier_timeline_view_show_filter (self);
  _dossier_timeline_view_rebuild (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILTER]);
}

DossierTimelineFilter
dossier_timeline_view_get_filter (DossierTimelineView *self)
{
  g_return_val_if_fail (DOSSIER_IS_TIMELINE_VIEW (self), 0);
  return self->filter;
}

GListModel *
dossier_timeline_view_get_model (DossierTimelineView *self)
{
  g_return_val_if_fail (DOSSIER_IS_TIMELINE_VIEW (self), NULL);
  return G_LIST_MODEL (self->store);
}

gboolean
dossier_timeline_view_get_loading (DossierTimelineView *self)
{
  g_return_val_if_fail (DOSSIER_IS_TIMELINE_VIEW (self), FALSE);
  return self->loading;
}
