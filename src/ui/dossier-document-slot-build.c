/* dossier-document-slot-build.c — a slot's metadata rows, its checks, and what it sends
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The metadata of the chosen document are DossierValueRows, as data fields are; the issuing
 * country is offered even when the catalogue does not list it (the guide's example sends
 * it) and sent only when filled. The checks list shows, as sentences, what the pipeline
 * found about each side: a blocking finding disables Upload, an advisory one (blur, glare)
 * is confirmed before the upload is requested.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "dossier-document-slot-private.h"
#include "dossier-known-ids.h"
#include "dossier-value-row.h"

#define ISSUING_COUNTRY "issuing_country"

static void
row_changed_cb (DossierDocumentSlot *self)
{
  _dossier_document_slot_update (self);
  _dossier_document_slot_draft_changed (self);
}

static void
add_row (DossierDocumentSlot *self,
         const char          *id,
         const char          *name,
         DossierDataType      data_type,
         const char          *data_type_raw,
         char               **values,
         gboolean             required)
{
  g_autofree char *title = dossier_known_ids_label (DOSSIER_KNOWN_ID_METADATA, id, name);
  GtkWidget *row = dossier_value_row_new (id, title, NULL, data_type, data_type_raw,
                                          (const char * const *) values, required);
  JsonNode *draft = g_hash_table_lookup (self->metadata_values, id);

  if (draft != NULL)
    dossier_value_row_set_draft (DOSSIER_VALUE_ROW (row), draft);
  g_signal_connect_object (row, "changed", G_CALLBACK (row_changed_cb), self, G_CONNECT_SWAPPED);
  gtk_list_box_append (GTK_LIST_BOX (self->metadata), row);
}

/* Rebuilds the rows for the chosen document, keeping what was typed by id. */
void
_dossier_document_slot_rebuild_metadata (DossierDocumentSlot *self)
{
  const DossierDocumentAlternative *alternative = _dossier_document_slot_get_alternative (self);
  gboolean has_country = FALSE;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (self->metadata)) != NULL)
    {
      if (DOSSIER_IS_VALUE_ROW (child))
        {
          DossierValueRow *row = DOSSIER_VALUE_ROW (child);
          JsonNode *draft = dossier_value_row_get_draft (row);

          if (draft != NULL)
            g_hash_table_replace (self->metadata_values, g_strdup (dossier_value_row_get_key (row)), draft);
          else
            g_hash_table_remove (self->metadata_values, dossier_value_row_get_key (row));
        }
      gtk_list_box_remove (GTK_LIST_BOX (self->metadata), child);
    }
  if (alternative == NULL)
    return;
  for (guint i = 0; i < alternative->metadata->len; i++)
    {
      const DossierMetadataField *field = g_ptr_array_index (alternative->metadata, i);

      add_row (self, field->id, field->name, field->data_type, field->data_type_raw,
               field->values, field->required);
      has_country |= g_strcmp0 (field->id, ISSUING_COUNTRY) == 0;
    }
  if (!has_country)
    add_row (self, ISSUING_COUNTRY, NULL, DOSSIER_DATA_TYPE_COUNTRY, "COUNTRY", NULL, FALSE);
}

/**
 * _dossier_document_slot_get_metadata_row:
 *
 * Returns: (transfer none) (nullable): the row of metadata @id
 */
GtkWidget *
_dossier_document_slot_get_metadata_row (DossierDocumentSlot *self,
                                         const char          *id)
{
  for (GtkWidget *child = gtk_widget_get_first_child (self->metadata); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (DOSSIER_IS_VALUE_ROW (child)
        && g_strcmp0 (dossier_value_row_get_key (DOSSIER_VALUE_ROW (child)), id) == 0)
      return child;
  return NULL;
}

gboolean
dossier_document_slot_set_metadata_value (DossierDocumentSlot *self,
                                          const char          *id,
                                          JsonNode            *value)
{
  GtkWidget *row;

  g_return_val_if_fail (DOSSIER_IS_DOCUMENT_SLOT (self), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);

  row = _dossier_document_slot_get_metadata_row (self, id);
  if (row == NULL)
    return FALSE;
  dossier_value_row_set_value (DOSSIER_VALUE_ROW (row), value);
  _dossier_document_slot_update (self);
  _dossier_document_slot_draft_changed (self);
  return TRUE;
}

JsonNode *
dossier_document_slot_get_metadata_value (DossierDocumentSlot *self,
                                          const char          *id)
{
  GtkWidget *row;

  g_return_val_if_fail (DOSSIER_IS_DOCUMENT_SLOT (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  row = _dossier_document_slot_get_metadata_row (self, id);
  return row != NULL ? dossier_value_row_get_value (DOSSIER_VALUE_ROW (row)) : NULL;
}

static gboolean
metadata_valid (DossierDocumentSlot *self)
{
  for (GtkWidget *child = gtk_widget_get_first_child (self->metadata); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (DOSSIER_IS_VALUE_ROW (child) && !dossier_value_row_check (DOSSIER_VALUE_ROW (child), NULL))
      return FALSE;
  return TRUE;
}

/* What the pictures' checks say, per side, blocking ones first; (transfer full). */
static GPtrArray *
collect_checks (DossierDocumentSlot *self,
                GArray              *sides_out)
{
  const DossierDocumentAlternative *alternative = _dossier_document_slot_get_alternative (self);
  GPtrArray *checks = g_ptr_array_new_with_free_func ((GDestroyNotify) dossier_document_check_free);
  GArray *sides = g_array_new (FALSE, FALSE, sizeof (int));
  /* With no picture at all the places are shown, and say themselves why a file was refused. */
  gboolean inline_errors = self->sides[0].image == NULL && self->sides[1].image == NULL
                           && !self->sides[0].busy && !self->sides[1].busy;
  char *expired;

  for (int side = 0; side < 2; side++)
    {
      DossierSlotSide *s = &self->sides[side];

      if (s->error != NULL && inline_errors)
        continue;
      if (s->error != NULL)
        {
          g_ptr_array_add (checks, dossier_document_check_new (DOSSIER_DOCUMENT_CHECK_UNREADABLE,
                                                               DOSSIER_DOCUMENT_CHECK_BLOCKS, s->error));
          g_array_append_val (sides, side);
        }
      else if (s->image != NULL && !s->busy && dossier_document_image_get_prepared (s->image))
        {
          GPtrArray *found = dossier_document_image_get_checks (s->image);

          for (guint i = 0; found != NULL && i < found->len; i++)
            {
              g_ptr_array_add (checks, dossier_document_check_copy (g_ptr_array_index (found, i)));
              g_array_append_val (sides, side);
            }
        }
    }
  /* The back, once the front is there. */
  if (alternative != NULL && self->sides[0].image != NULL && !self->sides[0].busy)
    {
      DossierDocumentCheck *back = dossier_document_check_back_side (alternative->require_back_image,
                                                                     self->sides[1].image != NULL
                                                                     || self->sides[1].busy);
      if (back != NULL)
        {
          int side = DOSSIER_DOCUMENT_SIDE_BACK;

          g_ptr_array_add (checks, back);
          g_array_append_val (sides, side);
        }
    }
  /* An expiry date in the past: the provider refuses it, so it is not sent (no side: -1). */
  expired = _dossier_document_slot_expired_message (self);
  if (expired != NULL)
    {
      int none = -1;

      g_ptr_array_add (checks, dossier_document_check_new (DOSSIER_DOCUMENT_CHECK_UNREADABLE,
                                                           DOSSIER_DOCUMENT_CHECK_BLOCKS, expired));
      g_array_append_val (sides, none);
      g_free (expired);
    }
  /* Blocking first, otherwise in order. */
  {
    GPtrArray *sorted = g_ptr_array_new_with_free_func ((GDestroyNotify) dossier_document_check_free);

    for (guint pass = 0; pass < 2; pass++)
      for (guint i = 0; i < checks->len; i++)
        {
          DossierDocumentCheck *check = g_ptr_array_index (checks, i);

          if ((pass == 0) != (check->severity == DOSSIER_DOCUMENT_CHECK_BLOCKS))
            continue;
          g_ptr_array_add (sorted, dossier_document_check_copy (check));
          if (sides_out != NULL)
            g_array_append_val (sides_out, g_array_index (sides, int, i));
        }
    g_ptr_array_unref (checks);
    checks = sorted;
  }
  g_array_unref (sides);
  return checks;
}

void
_dossier_document_slot_update_checks (DossierDocumentSlot *self)
{
  g_autoptr(GArray) sides = g_array_new (FALSE, FALSE, sizeof (int));
  g_autoptr(GPtrArray) checks = collect_checks (self, sides);
  GtkWidget *child;
  gboolean two_sides = self->sides[1].image != NULL || self->sides[1].busy || self->sides[1].error != NULL;

  while ((child = gtk_widget_get_first_child (self->checks)) != NULL)
    gtk_list_box_remove (GTK_LIST_BOX (self->checks), child);
  for (guint i = 0; i < checks->len; i++)
    {
      DossierDocumentCheck *check = g_ptr_array_index (checks, i);
      gboolean blocks = check->severity == DOSSIER_DOCUMENT_CHECK_BLOCKS;
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *icon = gtk_image_new_from_icon_name (blocks ? "dialog-error-symbolic"
                                                             : "dialog-warning-symbolic");

      gtk_widget_add_css_class (icon, blocks ? "error" : "warning");
      gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      blocks ? _("Prevents the upload") : _("Advice"), -1);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), check->message);
      adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
      if (g_array_index (sides, int, i) < 0)
        gtk_widget_add_css_class (row, "dossier-check-expired");
      else if (two_sides || check->id == DOSSIER_DOCUMENT_CHECK_BACK_SIDE_MISSING)
        adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                                     g_array_index (sides, int, i) == DOSSIER_DOCUMENT_SIDE_BACK
                                     ? _("Back Side") : _("Front Side"));
      gtk_widget_add_css_class (row, blocks ? "dossier-check-blocks" : "dossier-check-advises");
      gtk_list_box_append (GTK_LIST_BOX (self->checks), row);
    }
  gtk_widget_set_visible (self->checks, checks->len > 0 && !self->satisfied);
}

/**
 * _dossier_document_slot_get_check_messages:
 *
 * Returns: (transfer full) (element-type utf8): the sentences of the blocking (or advisory) checks
 */
GPtrArray *
_dossier_document_slot_get_check_messages (DossierDocumentSlot *self,
                                           gboolean             blocking)
{
  g_autoptr(GPtrArray) checks = collect_checks (self, NULL);
  GPtrArray *messages = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < checks->len; i++)
    {
      DossierDocumentCheck *check = g_ptr_array_index (checks, i);

      if ((check->severity == DOSSIER_DOCUMENT_CHECK_BLOCKS) == !!blocking)
        g_ptr_array_add (messages, g_strdup (check->message));
    }
  return messages;
}

static gboolean
side_ready (DossierSlotSide *s,
            gboolean         required)
{
  if (s->busy || s->error != NULL)
    return FALSE;
  if (s->image == NULL)
    return !required;
  return dossier_document_image_can_upload (s->image);
}

/**
 * dossier_document_slot_get_ready:
 * @self: a #DossierDocumentSlot
 *
 * Returns: whether _build_document() would give a document: every required side prepared,
 *   no check blocking, the metadata valid, and nothing in flight
 */
gboolean
dossier_document_slot_get_ready (DossierDocumentSlot *self)
{
  const DossierDocumentAlternative *alternative;

  g_return_val_if_fail (DOSSIER_IS_DOCUMENT_SLOT (self), FALSE);

  alternative = _dossier_document_slot_get_alternative (self);
  if (alternative == NULL || self->satisfied
      || self->upload_state == DOSSIER_DOCUMENT_UPLOAD_QUEUED
      || self->upload_state == DOSSIER_DOCUMENT_UPLOAD_SENDING
      || self->upload_state == DOSSIER_DOCUMENT_UPLOAD_FAILED)
    return FALSE;
  /* A document without any picture is never sent by the slot. */
  if (self->sides[0].image == NULL)
    return FALSE;
  if (!side_ready (&self->sides[0], alternative->require_image)
      || !side_ready (&self->sides[1], alternative->require_back_image)
      || !metadata_valid (self))
    return FALSE;
  {
    g_autofree char *expired = _dossier_document_slot_expired_message (self);

    return expired == NULL;
  }
}

/**
 * dossier_document_slot_build_document:
 * @self: a #DossierDocumentSlot
 *
 * Returns: (transfer full) (nullable): the `document` member of CONTRACT.md §8.7:
 *   `{"document_type", "image_front", "image_back"?, "metadata": {…}}`, %NULL unless ready
 */
JsonNode *
dossier_document_slot_build_document (DossierDocumentSlot *self)
{
  g_autoptr(JsonBuilder) builder = NULL;

  g_return_val_if_fail (DOSSIER_IS_DOCUMENT_SLOT (self), NULL);

  if (!dossier_document_slot_get_ready (self))
    return NULL;
  builder = json_builder_new ();
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "document_type");
  json_builder_add_string_value (builder, self->document_type);
  json_builder_set_member_name (builder, "image_front");
  json_builder_add_string_value (builder, dossier_document_image_get_data_uri (self->sides[0].image));
  if (self->sides[1].image != NULL)
    {
      json_builder_set_member_name (builder, "image_back");
      json_builder_add_string_value (builder, dossier_document_image_get_data_uri (self->sides[1].image));
    }
  json_builder_set_member_name (builder, "metadata");
  json_builder_begin_object (builder);
  for (GtkWidget *child = gtk_widget_get_first_child (self->metadata); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      JsonNode *value;

      if (!DOSSIER_IS_VALUE_ROW (child))
        continue;
      /* Sent only when filled; an optional field left empty is not sent at all. */
      value = dossier_value_row_get_value (DOSSIER_VALUE_ROW (child));
      if (value == NULL)
        continue;
      json_builder_set_member_name (builder, dossier_value_row_get_key (DOSSIER_VALUE_ROW (child)));
      json_builder_add_value (builder, value);
    }
  json_builder_end_object (builder);
  json_builder_end_object (builder);
  {
    JsonNode *root = json_builder_get_root (builder);

    /* For the accepted row: what was sent. */
    g_clear_pointer (&self->sent_metadata, json_object_unref);
    self->sent_metadata = json_object_ref (json_object_get_object_member (json_node_get_object (root), "metadata"));
    return root;
  }
}

static void
confirm_response_cb (AdwMessageDialog    *dialog,
                     const char          *response,
                     DossierDocumentSlot *self)
{
  g_object_set_data (G_OBJECT (self), "dossier-confirmation", NULL);
  if (g_strcmp0 (response, "upload") == 0 && dossier_document_slot_get_ready (self))
    _dossier_document_slot_emit_upload (self);
}

AdwMessageDialog *
_dossier_document_slot_get_confirmation (DossierDocumentSlot *self)
{
  return g_object_get_data (G_OBJECT (self), "dossier-confirmation");
}

static void
upload_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  DossierDocumentSlot *self = DOSSIER_DOCUMENT_SLOT (widget);
  g_autoptr(GPtrArray) advice = NULL;
  GtkRoot *root;
  GtkWidget *dialog;
  GString *body;

  if (!dossier_document_slot_get_ready (self))
    return;
  advice = _dossier_document_slot_get_check_messages (self, FALSE);
  if (advice->len == 0)
    {
      _dossier_document_slot_emit_upload (self);
      return;
    }

  /* Blur and glare: the person decides, having read why. */
  root = gtk_widget_get_root (widget);
  body = g_string_new (NULL);
  for (guint i = 0; i < advice->len; i++)
    g_string_append_printf (body, "%s%s", i > 0 ? "\n\n" : "", (char *) g_ptr_array_index (advice, i));
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   _("Upload This Picture Anyway?"), body->str);
  g_string_free (body, TRUE);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Choose Another"),
                                    "upload", _("_Upload Anyway"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "upload",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (confirm_response_cb), self, 0);
  g_object_set_data (G_OBJECT (self), "dossier-confirmation", dialog);
  gtk_window_present (GTK_WINDOW (dialog));
}

void
_dossier_document_slot_class_init_build (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "document.upload", NULL, upload_action);
}
