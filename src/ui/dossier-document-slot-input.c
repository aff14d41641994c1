/* dossier-document-slot-input.c — the ways in: file chooser, drop, paste; the slot's actions
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The chooser's answer, a drop and a pasted file list all become `document.open` /
 * `document.open-back` with a URI (TESTING.md §4: the action is what tests drive); a pasted
 * picture, or one dropped without a file (from a web page), is encoded as PNG off the main
 * thread and opened as bytes, which the slot keeps for its draft.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "dossier-document-slot-private.h"
#include "dossier-document-viewer.h"

static void
open_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  DossierDocumentSlot *self = DOSSIER_DOCUMENT_SLOT (widget);
  DossierDocumentSide side = g_str_equal (action_name, "document.open-back")
                             ? DOSSIER_DOCUMENT_SIDE_BACK : DOSSIER_DOCUMENT_SIDE_FRONT;
  const char *uri = g_variant_get_string (parameter, NULL);
  g_autoptr(GFile) file = NULL;

  if (uri[0] == '\0')
    {
      GtkFileChooserNative *chooser = _dossier_document_slot_build_chooser (self, side);

      gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
      return;
    }
  file = g_file_new_for_uri (uri);
  _dossier_document_slot_open_file (self, side, file);
}

static void
chooser_response_cb (GtkNativeDialog     *chooser,
                     int                  response,
                     DossierDocumentSlot *self)
{
  gboolean back = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (chooser), "back"));

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *uri = file != NULL ? g_file_get_uri (file) : NULL;

      if (uri != NULL)
        gtk_widget_activate_action (GTK_WIDGET (self), back ? "document.open-back" : "document.open",
                                    "s", uri);
    }
  gtk_native_dialog_destroy (chooser);
}

GtkFileChooserNative *
_dossier_document_slot_build_chooser (DossierDocumentSlot *self,
                                      DossierDocumentSide  side)
{
  static const char *types[] = { "image/jpeg", "image/png", "image/webp", "image/heif", "image/heic" };
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autoptr(GtkFileFilter) pictures = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();

  if (self->chooser != NULL)
    {
      g_signal_handlers_disconnect_by_func (self->chooser, chooser_response_cb, self);
      gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
      g_clear_object (&self->chooser);
    }
  self->chooser = gtk_file_chooser_native_new (side == DOSSIER_DOCUMENT_SIDE_FRONT
                                               ? _("Choose the Front of the Document")
                                               : _("Choose the Back of the Document"),
                                               GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                               GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  gtk_file_filter_set_name (pictures, _("Photos and Scans"));
  for (guint i = 0; i < G_N_ELEMENTS (types); i++)
    gtk_file_filter_add_mime_type (pictures, types[i]);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), pictures);
  gtk_file_filter_set_name (all, _("All Files"));
  gtk_file_filter_add_pattern (all, "*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), all);
  gtk_file_chooser_set_filter (GTK_FILE_CHOOSER (self->chooser), pictures);
  g_object_set_data (G_OBJECT (self->chooser), "back", GINT_TO_POINTER (side == DOSSIER_DOCUMENT_SIDE_BACK));
  g_signal_connect_object (self->chooser, "response", G_CALLBACK (chooser_response_cb), self, 0);
  return self->chooser;
}

static void
paste_png_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  g_task_return_pointer (task, gdk_texture_save_to_png_bytes (task_data), (GDestroyNotify) g_bytes_unref);
}

static void
paste_png_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(SideCall) call = user_data;
  g_autoptr(GBytes) bytes = g_task_propagate_pointer (G_TASK (result), NULL);

  if (!_dossier_side_call_current (call) || bytes == NULL)
    return;
  _dossier_document_slot_open_bytes (call->self, call->side, bytes, g_task_get_task_data (G_TASK (result)));
}

/* A picture without a file (pasted, or dropped from a browser): encoded as PNG off the
 * main thread, then opened as bytes (and kept for the draft). */
static void
open_texture (DossierDocumentSlot *self,
              DossierDocumentSide  side,
              GdkTexture          *texture)
{
  g_autoptr(GTask) task = NULL;

  _dossier_document_slot_set_busy (self, side, TRUE);
  task = g_task_new (NULL, self->sides[side].cancellable, paste_png_cb, _dossier_side_call_new (self, side));
  g_task_set_task_data (task, g_object_ref (texture), g_object_unref);
  g_task_run_in_thread (task, paste_png_thread);
}

static void
paste_texture_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(SideCall) call = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkTexture) texture = gdk_clipboard_read_texture_finish (GDK_CLIPBOARD (source), result, &error);

  if (!_dossier_side_call_current (call))
    return;
  if (texture == NULL)
    {
      DossierSlotSide *s;

      /* A picture already there stays. */
      if (call->self->sides[0].image != NULL || call->self->sides[0].busy)
        {
          gtk_widget_error_bell (GTK_WIDGET (call->self));
          return;
        }
      s = _dossier_document_slot_restart_side (call->self, DOSSIER_DOCUMENT_SIDE_FRONT);
      s->error = g_strdup (_("The clipboard holds no picture. Copy a photo or scan first."));
      _dossier_document_slot_update (call->self);
      return;
    }
  open_texture (call->self, DOSSIER_DOCUMENT_SIDE_FRONT, texture);
}

static void open_file_list (DossierDocumentSlot *self,
                            GSList              *files,
                            DossierDocumentSide  side);

static void
paste_files_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(SideCall) call = user_data;
  const GValue *value = gdk_clipboard_read_value_finish (GDK_CLIPBOARD (source), result, NULL);

  if (value != NULL && G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST) && _dossier_side_call_current (call))
    {
      GSList *files = gdk_file_list_get_files (g_value_get_boxed (value));

      open_file_list (call->self, files, DOSSIER_DOCUMENT_SIDE_FRONT);
      g_slist_free (files);
    }
}

static void
paste_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  DossierDocumentSlot *self = DOSSIER_DOCUMENT_SLOT (widget);
  GdkClipboard *clipboard = gtk_widget_get_clipboard (widget);
  GdkContentFormats *formats = gdk_clipboard_get_formats (clipboard);
  GCancellable *cancellable = self->sides[0].cancellable;

  if (gdk_content_formats_contain_gtype (formats, GDK_TYPE_FILE_LIST)
      && !gdk_content_formats_contain_gtype (formats, GDK_TYPE_TEXTURE))
    gdk_clipboard_read_value_async (clipboard, GDK_TYPE_FILE_LIST, G_PRIORITY_DEFAULT, cancellable,
                                    paste_files_cb, _dossier_side_call_new (self, DOSSIER_DOCUMENT_SIDE_FRONT));
  else
    gdk_clipboard_read_texture_async (clipboard, cancellable, paste_texture_cb,
                                      _dossier_side_call_new (self, DOSSIER_DOCUMENT_SIDE_FRONT));
}

static void
rotate_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  _dossier_document_slot_turn (DOSSIER_DOCUMENT_SLOT (widget), g_str_equal (action_name, "document.rotate-left") ? 3 : 1);
}

static void
remove_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  DossierDocumentSlot *self = DOSSIER_DOCUMENT_SLOT (widget);

  _dossier_document_slot_clear_side (self, self->current_side);
}

static void
view_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  DossierDocumentSlot *self = DOSSIER_DOCUMENT_SLOT (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *window = adw_window_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *viewer = dossier_document_viewer_new ();
  DossierDocumentViewer *mine = DOSSIER_DOCUMENT_VIEWER (self->viewer);
  GtkEventController *shortcuts = gtk_shortcut_controller_new ();

  /* Escape closes the larger view, as it closes a dialog. */
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Escape, 0),
                                                          gtk_named_action_new ("window.close")));
  gtk_widget_add_controller (window, shortcuts);
  gtk_window_set_title (GTK_WINDOW (window), gtk_label_get_label (GTK_LABEL (self->title)));
  gtk_window_set_default_size (GTK_WINDOW (window), 960, 720);
  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (window), GTK_WINDOW (root));
  gtk_box_append (GTK_BOX (box), adw_header_bar_new ());
  gtk_widget_set_vexpand (viewer, TRUE);
  for (guint i = 0; i < 2; i++)
    if (self->sides[i].image != NULL && !self->sides[i].busy)
      {
        GdkTexture *texture = dossier_document_viewer_get_texture (mine, i);

        dossier_document_viewer_set_image (DOSSIER_DOCUMENT_VIEWER (viewer), i, self->sides[i].image);
        if (texture != NULL)
          dossier_document_viewer_set_texture (DOSSIER_DOCUMENT_VIEWER (viewer), i, texture, NULL);
      }
  gtk_box_append (GTK_BOX (box), viewer);
  adw_window_set_content (ADW_WINDOW (window), box);
  gtk_window_present (GTK_WINDOW (window));
}

static void
retry_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  _dossier_document_slot_emit_retry (DOSSIER_DOCUMENT_SLOT (widget));
}

static void
select_alternative_action (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  dossier_document_slot_set_document_type (DOSSIER_DOCUMENT_SLOT (widget),
                                           g_variant_get_string (parameter, NULL));
}

/* One file goes to @side; two are the front and the back. */
static void
open_file_list (DossierDocumentSlot *self,
                GSList              *files,
                DossierDocumentSide  side)
{
  if (files == NULL)
    return;
  if (files->next != NULL)
    {
      _dossier_document_slot_open_file (self, DOSSIER_DOCUMENT_SIDE_FRONT, files->data);
      _dossier_document_slot_open_file (self, DOSSIER_DOCUMENT_SIDE_BACK, files->next->data);
      self->current_side = DOSSIER_DOCUMENT_SIDE_FRONT;
      _dossier_document_slot_update (self);
      return;
    }
  _dossier_document_slot_open_file (self, side, files->data);
}

static gboolean
drop_cb (GtkDropTarget       *target,
         const GValue        *value,
         double               x,
         double               y,
         DossierDocumentSlot *self)
{
  DossierDocumentSide side = DOSSIER_DOCUMENT_SIDE_FRONT;
  GtkWidget *back = self->place[DOSSIER_DOCUMENT_SIDE_BACK];
  GSList *files;
  guint n;
  double bx, by;

  gtk_widget_remove_css_class (GTK_WIDGET (self), "dossier-drop-hover");
  if ((!G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST) && !G_VALUE_HOLDS (value, GDK_TYPE_TEXTURE))
      || self->satisfied || !gtk_widget_is_sensitive (GTK_WIDGET (self)))
    return FALSE;
  if (self->upload_state == DOSSIER_DOCUMENT_UPLOAD_QUEUED || self->upload_state == DOSSIER_DOCUMENT_UPLOAD_SENDING
      || self->upload_state == DOSSIER_DOCUMENT_UPLOAD_FAILED)
    return FALSE;
  /* One picture dropped onto the back's place is the back. */
  if (gtk_widget_get_mapped (back)
      && gtk_widget_translate_coordinates (GTK_WIDGET (self), back, x, y, &bx, &by)
      && gtk_widget_contains (back, bx, by))
    side = DOSSIER_DOCUMENT_SIDE_BACK;
  /* A picture with no file behind it (dragged from a web page or an image editor). */
  if (G_VALUE_HOLDS (value, GDK_TYPE_TEXTURE))
    {
      if (g_value_get_object (value) == NULL)
        return FALSE;
      open_texture (self, side, g_value_get_object (value));
      _dossier_document_slot_update (self);
      return TRUE;
    }
  files = gdk_file_list_get_files (g_value_get_boxed (value));
  n = g_slist_length (files);
  if (n == 0 || n > 2)
    {
      g_slist_free (files);
      return FALSE;
    }
  open_file_list (self, files, side);
  g_slist_free (files);
  return TRUE;
}

static GdkDragAction
drop_enter_cb (GtkDropTarget       *target,
               double               x,
               double               y,
               DossierDocumentSlot *self)
{
  if (self->satisfied)
    return 0;
  gtk_widget_add_css_class (GTK_WIDGET (self), "dossier-drop-hover");
  return GDK_ACTION_COPY;
}

static void
drop_leave_cb (GtkDropTarget       *target,
               DossierDocumentSlot *self)
{
  gtk_widget_remove_css_class (GTK_WIDGET (self), "dossier-drop-hover");
}

GtkDropTarget *
_dossier_document_slot_get_drop_target (DossierDocumentSlot *self)
{
  return self->drop_target;
}

void
_dossier_document_slot_init_input (DossierDocumentSlot *self)
{
  GType types[] = { GDK_TYPE_FILE_LIST, GDK_TYPE_TEXTURE };

  /* Files first: a file manager's drop keeps its name and location. */
  self->drop_target = gtk_drop_target_new (G_TYPE_INVALID, GDK_ACTION_COPY);
  gtk_drop_target_set_gtypes (self->drop_target, types, G_N_ELEMENTS (types));
  g_signal_connect (self->drop_target, "drop", G_CALLBACK (drop_cb), self);
  g_signal_connect (self->drop_target, "enter", G_CALLBACK (drop_enter_cb), self);
  g_signal_connect (self->drop_target, "leave", G_CALLBACK (drop_leave_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (self->drop_target));
}

void
_dossier_document_slot_class_init_input (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "document.open", "s", open_action);
  gtk_widget_class_install_action (widget_class, "document.open-back", "s", open_action);
  gtk_widget_class_install_action (widget_class, "document.paste", NULL, paste_action);
  gtk_widget_class_install_action (widget_class, "document.rotate-left", NULL, rotate_action);
  gtk_widget_class_install_action (widget_class, "document.rotate-right", NULL, rotate_action);
  gtk_widget_class_install_action (widget_class, "document.remove", NULL, remove_action);
  gtk_widget_class_install_action (widget_class, "document.view", NULL, view_action);
  gtk_widget_class_install_action (widget_class, "document.retry", NULL, retry_action);
  gtk_widget_class_install_action (widget_class, "document.select-alternative", "s",
                                   select_alternative_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK, "document.open", "s", "");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_v, GDK_CONTROL_MASK, "document.paste", NULL);
}
