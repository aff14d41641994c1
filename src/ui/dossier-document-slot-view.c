/* dossier-document-slot-view.c — how a DossierDocumentSlot looks, and keeping it current
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Top to bottom: title, description and a state badge; the choice of document; the places
 * a picture goes (or, once there is one, the viewer with its tools, or the rejected
 * picture beside its replacement); the server's reasons; the checks; the metadata; the
 * upload's state and button. _dossier_document_slot_update() brings all of it in line with
 * the slot's state after every change.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "dossier-document-compare.h"
#include "dossier-document-slot-private.h"
#include "dossier-known-ids.h"

static void
side_toggled_cb (GtkToggleButton     *button,
                 DossierDocumentSlot *self)
{
  if (!gtk_toggle_button_get_active (button))
    return;
  self->current_side = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "side"));
  _dossier_document_slot_update (self);
}

static void
both_toggled_cb (GtkToggleButton     *button,
                 DossierDocumentSlot *self)
{
  dossier_document_viewer_set_side_by_side (DOSSIER_DOCUMENT_VIEWER (self->viewer),
                                            gtk_toggle_button_get_active (button));
}

static void
set_badge (DossierDocumentSlot *self,
           const char          *text,
           const char          *style)
{
  static const char *styles[] = { "success", "error", "warning", "accent" };

  for (guint i = 0; i < G_N_ELEMENTS (styles); i++)
    gtk_widget_remove_css_class (self->status, styles[i]);
  if (style != NULL)
    gtk_widget_add_css_class (self->status, style);
  gtk_label_set_label (GTK_LABEL (self->status), text);
}

/* Brings every part of the slot in line with its state. */
void
_dossier_document_slot_update (DossierDocumentSlot *self)
{
  const DossierDocumentAlternative *alternative = _dossier_document_slot_get_alternative (self);
  gboolean any_image = self->sides[0].image != NULL || self->sides[1].image != NULL
                       || self->sides[0].busy || self->sides[1].busy;
  /* Handed to the uploader (FAILED ones wait in its queue): the picture is what is sent. */
  gboolean in_flight = self->upload_state == DOSSIER_DOCUMENT_UPLOAD_QUEUED
                       || self->upload_state == DOSSIER_DOCUMENT_UPLOAD_SENDING
                       || self->upload_state == DOSSIER_DOCUMENT_UPLOAD_FAILED;
  gboolean editable = !self->satisfied && !in_flight;
  gboolean back_wanted = alternative != NULL && alternative->require_back_image;
  gboolean ready = dossier_document_slot_get_ready (self);
  gboolean busy = dossier_document_slot_get_busy (self);
  gboolean rejected_open = FALSE;
  GtkWidget *widget = GTK_WIDGET (self);

  gtk_widget_set_visible (self->alternatives_box, !self->satisfied && self->group != NULL
                                                  && self->group->alternatives->len > 1);
  gtk_widget_set_sensitive (self->alternatives_box, editable);
  /* Queued before this window opened, its pictures are in the queue, not here: no empty
   * places asking for them (the footer says where it is). */
  gtk_widget_set_visible (self->places, !self->satisfied && !any_image && !in_flight);
  gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (self->places), back_wanted ? 2 : 1);
  /* The flow box's child, or its place in the line stays taken. */
  gtk_widget_set_visible (gtk_widget_get_parent (self->place[DOSSIER_DOCUMENT_SIDE_BACK]), back_wanted);
  /* A file that is no picture: the place stays empty and says why. */
  for (guint i = 0; i < 2; i++)
    {
      gtk_label_set_label (GTK_LABEL (self->place_error[i]),
                           self->sides[i].error != NULL ? self->sides[i].error : "");
      gtk_widget_set_visible (self->place_error[i], self->sides[i].error != NULL);
    }
  gtk_widget_set_visible (self->preview_box, any_image);
  gtk_widget_set_visible (self->edit_buttons, !self->satisfied);
  /* Accepted: the picture stays to be looked at, without tools. */
  gtk_widget_set_visible (self->toolbar, !self->satisfied);
  gtk_widget_set_visible (self->toolbar_rule, !self->satisfied);
  if (alternative != NULL)
    {
      g_autofree char *label = dossier_known_ids_label (DOSSIER_KNOWN_ID_DOCUMENT_TYPE, alternative->id,
                                                        alternative->name);
      /* Which document the places want, also when it is the only one. */
      /* Translators: a document type · which side of it, e.g. "Passport — Front Side" */
      g_autofree char *front = g_strdup_printf (_("%s — Front Side"), label);
      /* Translators: a document type · which side of it, e.g. "National ID — Back Side" */
      g_autofree char *back = g_strdup_printf (_("%s — Back Side"), label);

      g_autofree char *sent = _dossier_document_slot_sent_subtitle (self, label);

      adw_action_row_set_subtitle (ADW_ACTION_ROW (self->done_title), sent);
      gtk_label_set_label (GTK_LABEL (self->place_title[DOSSIER_DOCUMENT_SIDE_FRONT]), front);
      gtk_label_set_label (GTK_LABEL (self->place_title[DOSSIER_DOCUMENT_SIDE_BACK]), back);
    }
  gtk_widget_set_visible (self->add_back_button, editable && back_wanted && self->sides[1].image == NULL
                                                 && !self->sides[1].busy);
  /* With two sides: which one the tools act on, and whether both are shown. */
  {
    gboolean two = (self->sides[0].image != NULL || self->sides[0].busy)
                   && (self->sides[1].image != NULL || self->sides[1].busy);

    gtk_widget_set_visible (self->side_switch, two);
    gtk_widget_set_visible (self->both_button, two);
    g_signal_handlers_block_by_func (self->side_buttons[self->current_side], side_toggled_cb, self);
    gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (self->side_buttons[self->current_side]), TRUE);
    g_signal_handlers_unblock_by_func (self->side_buttons[self->current_side], side_toggled_cb, self);
    dossier_document_viewer_set_visible_side (DOSSIER_DOCUMENT_VIEWER (self->viewer), self->current_side);
  }
  gtk_widget_set_visible (self->metadata, !self->satisfied && (any_image || !in_flight)
                                          && gtk_widget_get_first_child (self->metadata) != NULL);
  gtk_widget_set_sensitive (self->metadata, editable);
  gtk_widget_set_visible (self->footer, !self->satisfied);
  gtk_widget_set_visible (self->done_row, self->satisfied);

  gtk_widget_action_set_enabled (widget, "document.open", editable);
  gtk_widget_action_set_enabled (widget, "document.open-back", editable);
  gtk_widget_action_set_enabled (widget, "document.paste", editable);
  gtk_widget_action_set_enabled (widget, "document.select-alternative", editable);
  gtk_widget_action_set_enabled (widget, "document.rotate-left",
                                 editable && self->sides[self->current_side].image != NULL);
  gtk_widget_action_set_enabled (widget, "document.rotate-right",
                                 editable && self->sides[self->current_side].image != NULL);
  gtk_widget_action_set_enabled (widget, "document.remove",
                                 editable && (self->sides[self->current_side].image != NULL
                                              || self->sides[self->current_side].busy));
  gtk_widget_action_set_enabled (widget, "document.view", any_image);
  gtk_widget_action_set_enabled (widget, "document.upload", editable && ready);
  gtk_widget_action_set_enabled (widget, "document.retry",
                                 self->upload_state == DOSSIER_DOCUMENT_UPLOAD_FAILED);

  /* The rejection, and the rejected picture beside its replacement. */
  {
    DossierDocumentSide side = DOSSIER_DOCUMENT_SIDE_FRONT;
    gboolean has_reasons = self->rejections != NULL && self->rejections->len > 0;
    g_autoptr(GPtrArray) open = _dossier_document_slot_open_rejections (self);
    gboolean comparing;

    for (guint i = 0; has_reasons && i < self->rejections->len; i++)
      {
        DossierRejectedItem *item = g_ptr_array_index (self->rejections, i);

        if (g_str_has_prefix (item->reason, "Back "))
          side = DOSSIER_DOCUMENT_SIDE_BACK;
        if (g_str_has_prefix (item->reason, "Front "))
          {
            side = DOSSIER_DOCUMENT_SIDE_FRONT;
            break;
          }
      }
    comparing = has_reasons && self->rejected_images[side] != NULL
                && self->sides[side].image != NULL
                && self->sides[side].image != self->rejected_images[side]
                && dossier_document_image_get_prepared (self->sides[side].image);
    /* Only what the person has not changed yet: a corrected field takes its reason away. */
    if (open->len > 0)
      {
        GString *text = g_string_new (_("The server rejected this document:"));

        for (guint i = 0; i < open->len; i++)
          g_string_append_printf (text, "\n• %s", ((DossierRejectedItem *) g_ptr_array_index (open, i))->reason);
        gtk_label_set_label (GTK_LABEL (self->rejection_label), text->str);
        g_string_free (text, TRUE);
      }
    rejected_open = open->len > 0;
    gtk_widget_set_visible (self->rejection_box, rejected_open && !comparing && !self->satisfied);
    gtk_stack_set_visible_child (GTK_STACK (self->preview_stack),
                                 comparing && !self->satisfied ? self->compare : self->viewer);
    if (comparing)
      {
        GString *reasons = g_string_new (NULL);

        for (guint i = 0; i < self->rejections->len; i++)
          {
            DossierRejectedItem *item = g_ptr_array_index (self->rejections, i);

            g_string_append_printf (reasons, "%s• %s", i > 0 ? "\n" : "", item->reason);
          }
        dossier_document_compare_set_rejected (DOSSIER_DOCUMENT_COMPARE (self->compare),
                                               self->rejected_images[side],
                                               self->rejected_textures[side], reasons->str);
        dossier_document_compare_set_replacement (DOSSIER_DOCUMENT_COMPARE (self->compare),
                                                  self->sides[side].image,
                                                  dossier_document_viewer_get_texture (DOSSIER_DOCUMENT_VIEWER (self->viewer), side));
        g_string_free (reasons, TRUE);
      }
  }

  /* The state badge beside the title. */
  if (self->satisfied)
    set_badge (self, _("Accepted"), "success");
  else if (self->upload_state == DOSSIER_DOCUMENT_UPLOAD_SENDING)
    set_badge (self, _("Uploading"), "accent");
  else if (self->upload_state == DOSSIER_DOCUMENT_UPLOAD_QUEUED)
    set_badge (self, _("Queued"), "accent");
  else if (self->upload_state == DOSSIER_DOCUMENT_UPLOAD_FAILED)
    set_badge (self, _("Not sent"), "warning");
  else if (rejected_open)
    set_badge (self, _("Rejected"), "error");
  else if (self->group != NULL && !self->group->required)
    set_badge (self, _("Optional"), NULL);
  else
    set_badge (self, _("Required"), NULL);

  /* The footer: what happens to the upload. */
  gtk_widget_set_visible (self->upload_spinner, busy || self->upload_state == DOSSIER_DOCUMENT_UPLOAD_QUEUED);
  gtk_spinner_set_spinning (GTK_SPINNER (self->upload_spinner),
                            busy || self->upload_state == DOSSIER_DOCUMENT_UPLOAD_QUEUED);
  gtk_widget_set_visible (self->upload_progress, self->upload_state == DOSSIER_DOCUMENT_UPLOAD_SENDING);
  gtk_widget_set_visible (self->retry_button, self->upload_state == DOSSIER_DOCUMENT_UPLOAD_FAILED);
  /* Queued and not sent yet: Try Now and Cancel instead (the picture cannot change). */
  gtk_widget_set_visible (self->upload_button, !in_flight);
  _dossier_document_slot_update_queue (self);
  if (self->upload_state == DOSSIER_DOCUMENT_UPLOAD_SENDING)
    {
      g_autofree char *progress = _dossier_document_slot_progress_text (self);

      gtk_label_set_label (GTK_LABEL (self->upload_label), progress);
    }
  else if (self->upload_state == DOSSIER_DOCUMENT_UPLOAD_QUEUED
           || self->upload_state == DOSSIER_DOCUMENT_UPLOAD_FAILED)
    {
      /* Why it waits and what happens next; the last failure on the line below. */
      g_autofree char *queued = _dossier_document_slot_queue_text (self);

      gtk_label_set_label (GTK_LABEL (self->upload_label), queued);
    }
  else if (self->upload_message != NULL && self->upload_state != DOSSIER_DOCUMENT_UPLOAD_NONE)
    gtk_label_set_label (GTK_LABEL (self->upload_label), self->upload_message);
  else if (busy)
    gtk_label_set_label (GTK_LABEL (self->upload_label), _("Preparing the picture…"));
  else if (!ready)
    {
      /* Names what is missing, from the rows' own checks and the sides. */
      g_autofree char *missing = _dossier_document_slot_missing_text (self);

      gtk_label_set_label (GTK_LABEL (self->upload_label),
                           missing != NULL ? missing : _("Not ready to upload yet"));
    }
  else
    gtk_label_set_label (GTK_LABEL (self->upload_label), _("Ready to upload"));

  _dossier_document_slot_update_checks (self);
  _dossier_document_slot_notify_state (self);
}

static GtkWidget *
boxed_list (void)
{
  GtkWidget *list = gtk_list_box_new ();

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  return list;
}

static GtkWidget *
make_place (DossierDocumentSlot *self,
            DossierDocumentSide  side)
{
  GtkWidget *place = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *icon = gtk_image_new_from_icon_name ("image-x-generic-symbolic");
  GtkWidget *hint = gtk_label_new (_("Drop a photo or scan here"));
  GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *button;

  gtk_widget_add_css_class (place, "card");
  gtk_widget_add_css_class (place, "dossier-drop-place");
  gtk_widget_set_hexpand (place, TRUE);
  gtk_image_set_pixel_size (GTK_IMAGE (icon), 48);
  gtk_widget_add_css_class (icon, "dim-label");
  gtk_widget_set_margin_top (icon, 18);
  gtk_box_append (GTK_BOX (place), icon);
  self->place_title[side] = gtk_label_new (side == DOSSIER_DOCUMENT_SIDE_FRONT ? _("Front Side") : _("Back Side"));
  gtk_widget_add_css_class (self->place_title[side], "heading");
  gtk_label_set_wrap (GTK_LABEL (self->place_title[side]), TRUE);
  gtk_label_set_justify (GTK_LABEL (self->place_title[side]), GTK_JUSTIFY_CENTER);
  gtk_box_append (GTK_BOX (place), self->place_title[side]);
  gtk_widget_add_css_class (hint, "dim-label");
  gtk_label_set_wrap (GTK_LABEL (hint), TRUE);
  gtk_label_set_justify (GTK_LABEL (hint), GTK_JUSTIFY_CENTER);
  gtk_box_append (GTK_BOX (place), hint);
  self->place_error[side] = gtk_label_new (NULL);
  gtk_widget_add_css_class (self->place_error[side], "error");
  gtk_label_set_wrap (GTK_LABEL (self->place_error[side]), TRUE);
  gtk_label_set_justify (GTK_LABEL (self->place_error[side]), GTK_JUSTIFY_CENTER);
  gtk_widget_set_margin_start (self->place_error[side], 12);
  gtk_widget_set_margin_end (self->place_error[side], 12);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->place_error[side]),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, _("Error"), -1);
  gtk_widget_set_visible (self->place_error[side], FALSE);
  gtk_box_append (GTK_BOX (place), self->place_error[side]);

  gtk_widget_set_halign (buttons, GTK_ALIGN_CENTER);
  gtk_widget_set_margin_top (buttons, 6);
  gtk_widget_set_margin_bottom (buttons, 18);
  button = gtk_button_new_with_mnemonic (_("_Choose File…"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button),
                                  side == DOSSIER_DOCUMENT_SIDE_FRONT ? "document.open" : "document.open-back");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", "");
  gtk_box_append (GTK_BOX (buttons), button);
  if (side == DOSSIER_DOCUMENT_SIDE_FRONT)
    {
      button = gtk_button_new_from_icon_name ("edit-paste-symbolic");
      gtk_widget_set_tooltip_text (button, _("Paste a Picture"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("Paste a Picture"), -1);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "document.paste");
      gtk_box_append (GTK_BOX (buttons), button);
    }
  gtk_box_append (GTK_BOX (place), buttons);
  return place;
}

static GtkWidget *
icon_button (const char *icon_name,
             const char *action_name,
             const char *tooltip)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon_name);

  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action_name);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip, -1);
  return button;
}

static void
side_activated_cb (DossierDocumentSlot *self,
                   int                  side)
{
  self->current_side = side;
  _dossier_document_slot_update (self);
}

static void
retry_clicked_cb (DossierDocumentSlot *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "document.retry", NULL);
}

void
_dossier_document_slot_build_widgets (DossierDocumentSlot *self)
{
  GtkWidget *header, *titles, *toolbar, *spacer, *icon, *row;

  gtk_widget_add_css_class (GTK_WIDGET (self), "dossier-document-slot");

  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));

  /* Title, description and state. */
  header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  titles = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  gtk_widget_set_hexpand (titles, TRUE);
  self->title = gtk_label_new (NULL);
  gtk_widget_add_css_class (self->title, "heading");
  gtk_label_set_xalign (GTK_LABEL (self->title), 0);
  gtk_label_set_wrap (GTK_LABEL (self->title), TRUE);
  gtk_box_append (GTK_BOX (titles), self->title);
  self->description = gtk_label_new (NULL);
  gtk_widget_add_css_class (self->description, "dim-label");
  gtk_label_set_xalign (GTK_LABEL (self->description), 0);
  gtk_label_set_wrap (GTK_LABEL (self->description), TRUE);
  gtk_box_append (GTK_BOX (titles), self->description);
  gtk_box_append (GTK_BOX (header), titles);
  self->status = gtk_label_new (NULL);
  gtk_widget_add_css_class (self->status, "dossier-badge");
  gtk_widget_set_valign (self->status, GTK_ALIGN_START);
  gtk_box_append (GTK_BOX (header), self->status);
  gtk_box_append (GTK_BOX (self->box), header);

  /* The choice of document. */
  self->alternatives_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  self->alternatives = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  gtk_widget_add_css_class (self->alternatives, "linked");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->alternatives), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Document type"), -1);
  gtk_box_append (GTK_BOX (self->alternatives_box), self->alternatives);
  gtk_box_append (GTK_BOX (self->box), self->alternatives_box);

  /* Where pictures go before there is one. */
  /* Front and back side by side, one above the other when the window is narrow. */
  self->places = gtk_flow_box_new ();
  gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (self->places), GTK_SELECTION_NONE);
  gtk_flow_box_set_homogeneous (GTK_FLOW_BOX (self->places), TRUE);
  gtk_flow_box_set_min_children_per_line (GTK_FLOW_BOX (self->places), 1);
  gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (self->places), 2);
  gtk_flow_box_set_column_spacing (GTK_FLOW_BOX (self->places), 12);
  gtk_flow_box_set_row_spacing (GTK_FLOW_BOX (self->places), 12);
  gtk_widget_add_css_class (self->places, "dossier-drop-area");
  for (guint i = 0; i < 2; i++)
    {
      self->place[i] = make_place (self, i);
      gtk_flow_box_append (GTK_FLOW_BOX (self->places), self->place[i]);
      /* Only the buttons inside take the focus. */
      gtk_widget_set_focusable (gtk_widget_get_parent (self->place[i]), FALSE);
    }
  gtk_box_append (GTK_BOX (self->box), self->places);

  /* The preview and what can be done to the picture. */
  self->preview_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_widget_add_css_class (self->preview_box, "card");
  gtk_widget_add_css_class (self->preview_box, "dossier-drop-area");
  gtk_widget_set_overflow (self->preview_box, GTK_OVERFLOW_HIDDEN);
  self->viewer = dossier_document_viewer_new ();
  gtk_widget_set_size_request (self->viewer, -1, 280);
  g_signal_connect_object (self->viewer, "side-activated", G_CALLBACK (side_activated_cb), self,
                           G_CONNECT_SWAPPED);
  self->preview_stack = gtk_stack_new ();
  gtk_stack_set_vhomogeneous (GTK_STACK (self->preview_stack), FALSE);
  gtk_stack_add_child (GTK_STACK (self->preview_stack), self->viewer);
  self->compare = dossier_document_compare_new ();
  gtk_stack_add_child (GTK_STACK (self->preview_stack), self->compare);
  gtk_box_append (GTK_BOX (self->preview_box), self->preview_stack);
  self->toolbar_rule = gtk_separator_new (GTK_ORIENTATION_HORIZONTAL);
  gtk_box_append (GTK_BOX (self->preview_box), self->toolbar_rule);
  toolbar = self->toolbar = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_widget_add_css_class (toolbar, "toolbar");
  self->edit_buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  self->side_switch = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  gtk_widget_add_css_class (self->side_switch, "linked");
  for (guint i = 0; i < 2; i++)
    {
      self->side_buttons[i] = gtk_toggle_button_new_with_label (i == 0 ? _("Front Side") : _("Back Side"));
      if (i == 1)
        gtk_toggle_button_set_group (GTK_TOGGLE_BUTTON (self->side_buttons[1]),
                                     GTK_TOGGLE_BUTTON (self->side_buttons[0]));
      g_object_set_data (G_OBJECT (self->side_buttons[i]), "side", GUINT_TO_POINTER (i));
      g_signal_connect (self->side_buttons[i], "toggled", G_CALLBACK (side_toggled_cb), self);
      gtk_box_append (GTK_BOX (self->side_switch), self->side_buttons[i]);
    }
  gtk_box_append (GTK_BOX (self->edit_buttons), self->side_switch);
  gtk_box_append (GTK_BOX (self->edit_buttons), icon_button ("object-rotate-left-symbolic", "document.rotate-left", _("Rotate Left")));
  gtk_box_append (GTK_BOX (self->edit_buttons), icon_button ("object-rotate-right-symbolic", "document.rotate-right", _("Rotate Right")));
  gtk_box_append (GTK_BOX (self->edit_buttons), icon_button ("user-trash-symbolic", "document.remove", _("Remove Picture")));
  gtk_box_append (GTK_BOX (toolbar), self->edit_buttons);
  spacer = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  gtk_widget_set_hexpand (spacer, TRUE);
  gtk_box_append (GTK_BOX (toolbar), spacer);
  self->add_back_button = gtk_button_new_with_mnemonic (_("Add _Back…"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->add_back_button), "document.open-back");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (self->add_back_button), "s", "");
  gtk_box_append (GTK_BOX (toolbar), self->add_back_button);
  self->both_button = gtk_toggle_button_new ();
  gtk_button_set_icon_name (GTK_BUTTON (self->both_button), "view-dual-symbolic");
  gtk_widget_add_css_class (self->both_button, "flat");
  gtk_widget_set_tooltip_text (self->both_button, _("Show Both Sides"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->both_button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Show Both Sides"), -1);
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (self->both_button), TRUE);
  g_signal_connect (self->both_button, "toggled", G_CALLBACK (both_toggled_cb), self);
  gtk_box_append (GTK_BOX (toolbar), self->both_button);
  gtk_box_append (GTK_BOX (toolbar), icon_button ("view-fullscreen-symbolic", "document.view", _("Open in a Window")));
  gtk_box_append (GTK_BOX (self->preview_box), toolbar);
  gtk_box_append (GTK_BOX (self->box), self->preview_box);

  /* What the server said about the last picture. */
  self->rejection_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  gtk_widget_add_css_class (self->rejection_box, "dossier-rejection");
  icon = gtk_image_new_from_icon_name ("dialog-error-symbolic");
  gtk_widget_set_valign (icon, GTK_ALIGN_START);
  gtk_box_append (GTK_BOX (self->rejection_box), icon);
  self->rejection_label = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (self->rejection_label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (self->rejection_label), 0);
  gtk_widget_set_hexpand (self->rejection_label, TRUE);
  gtk_box_append (GTK_BOX (self->rejection_box), self->rejection_label);
  gtk_box_append (GTK_BOX (self->box), self->rejection_box);

  self->checks = boxed_list ();
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->checks), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Checks before upload"), -1);
  gtk_box_append (GTK_BOX (self->box), self->checks);
  self->metadata = boxed_list ();
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->metadata), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Document details"), -1);
  gtk_box_append (GTK_BOX (self->box), self->metadata);

  /* Accepted: the group is done. */
  self->done_row = boxed_list ();
  row = adw_action_row_new ();
  icon = gtk_image_new_from_icon_name ("emblem-ok-symbolic");
  gtk_widget_add_css_class (icon, "success");
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("The server accepted this document"));
  self->done_title = row;
  gtk_list_box_append (GTK_LIST_BOX (self->done_row), row);
  gtk_box_append (GTK_BOX (self->box), self->done_row);

  /* The upload. */
  self->footer = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  self->upload_spinner = gtk_spinner_new ();
  gtk_box_append (GTK_BOX (self->footer), self->upload_spinner);
  titles = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_set_hexpand (titles, TRUE);
  gtk_widget_set_valign (titles, GTK_ALIGN_CENTER);
  self->upload_label = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->upload_label), 0);
  gtk_label_set_wrap (GTK_LABEL (self->upload_label), TRUE);
  gtk_widget_add_css_class (self->upload_label, "dim-label");
  gtk_box_append (GTK_BOX (titles), self->upload_label);
  self->upload_reason = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->upload_reason), 0);
  gtk_label_set_wrap (GTK_LABEL (self->upload_reason), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (self->upload_reason), PANGO_WRAP_WORD_CHAR);
  gtk_widget_add_css_class (self->upload_reason, "caption");
  gtk_widget_add_css_class (self->upload_reason, "dim-label");
  gtk_widget_set_visible (self->upload_reason, FALSE);
  gtk_box_append (GTK_BOX (titles), self->upload_reason);
  self->upload_progress = gtk_progress_bar_new ();
  gtk_accessible_update_relation (GTK_ACCESSIBLE (self->upload_progress),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, self->upload_label, NULL, -1);
  gtk_box_append (GTK_BOX (titles), self->upload_progress);
  gtk_box_append (GTK_BOX (self->footer), titles);
  self->cancel_button = gtk_button_new_with_mnemonic (_("_Cancel"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->cancel_button), "document.cancel-upload");
  gtk_widget_set_tooltip_text (self->cancel_button, _("Take the document out of the queue; the picture stays here, not sent"));
  gtk_widget_set_valign (self->cancel_button, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (self->footer), self->cancel_button);
  self->retry_button = gtk_button_new_with_mnemonic (_("_Try Now"));
  g_signal_connect_swapped (self->retry_button, "clicked", G_CALLBACK (retry_clicked_cb), self);
  gtk_widget_add_css_class (self->retry_button, "suggested-action");
  gtk_widget_set_valign (self->retry_button, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (self->footer), self->retry_button);
  self->upload_button = gtk_button_new_with_mnemonic (_("_Upload"));
  gtk_widget_add_css_class (self->upload_button, "suggested-action");
  gtk_widget_set_valign (self->upload_button, GTK_ALIGN_CENTER);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->upload_button), "document.upload");
  gtk_box_append (GTK_BOX (self->footer), self->upload_button);
  gtk_box_append (GTK_BOX (self->box), self->footer);
}

