/* dossier-document-slot-unsent.c — what a slot sent, and what it holds that is not sent yet
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The accepted row names what was sent ("Passport · AB1234567 · expires 21 Nov 2031"). A
 * picture or metadata given but not handed to the uploader is unsent work: the window asks
 * before it is thrown away, and can keep it as a draft (the metadata as typed and the
 * pictures' file URIs) that brings the slot back when the window opens again.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "dossier-document-slot-private.h"
#include "dossier-value-row.h"

/* Metadata ids that hold the document's own number. */
static const char * const number_keys[] = { "number", "document_number", "passport_number" };

static const char *
sent_string (JsonObject *metadata,
             const char *key)
{
  JsonNode *node = json_object_get_member (metadata, key);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

char *
_dossier_document_slot_sent_subtitle (DossierDocumentSlot *self,
                                      const char          *label)
{
  GString *text = g_string_new (label);
  g_autoptr(GList) members = NULL;

  if (self->sent_metadata == NULL)
    return g_string_free (text, FALSE);
  for (guint i = 0; i < G_N_ELEMENTS (number_keys); i++)
    {
      const char *number = sent_string (self->sent_metadata, number_keys[i]);

      if (number != NULL && number[0] != '\0')
        {
          g_string_append_printf (text, " · %s", number);
          break;
        }
    }
  members = json_object_get_members (self->sent_metadata);
  for (GList *l = members; l != NULL; l = l->next)
    {
      const char *iso = sent_string (self->sent_metadata, l->data);
      g_autofree char *shown = NULL;
      g_autofree char *part = NULL;

      if (!_dossier_document_slot_is_expiry_key (l->data) || iso == NULL)
        continue;
      shown = _dossier_document_slot_format_date (iso, TRUE);
      /* Translators: part of "Passport · AB1234567 · expires 21 Nov 2031"; the placeholder
       * is the day the document expires. */
      part = g_strdup_printf (_("expires %s"), shown != NULL ? shown : iso);
      g_string_append_printf (text, " · %s", part);
      break;
    }
  return g_string_free (text, FALSE);
}

/**
 * dossier_document_slot_set_sent_metadata:
 * @self: a #DossierDocumentSlot
 * @metadata: (nullable): the `metadata` of the document sent (as the slot built it)
 *
 * Names what was sent on the accepted row; the slot remembers it itself when it builds a
 * document, this is for a slot made again once the window reopens.
 */
void
dossier_document_slot_set_sent_metadata (DossierDocumentSlot *self,
                                         JsonObject          *metadata)
{
  g_return_if_fail (DOSSIER_IS_DOCUMENT_SLOT (self));

  g_clear_pointer (&self->sent_metadata, json_object_unref);
  if (metadata != NULL)
    self->sent_metadata = json_object_ref (metadata);
  _dossier_document_slot_update (self);
}

static gboolean
has_metadata (DossierDocumentSlot *self)
{
  for (GtkWidget *child = gtk_widget_get_first_child (self->metadata); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (DOSSIER_IS_VALUE_ROW (child) && !dossier_value_row_is_empty (DOSSIER_VALUE_ROW (child)))
      return TRUE;
  return FALSE;
}

/**
 * dossier_document_slot_has_unsent_work:
 * @self: a #DossierDocumentSlot
 *
 * Returns: %TRUE when the slot holds a picture or metadata that was not handed to the
 *   uploader (nor accepted): closing the window would lose it. After a rejection, only
 *   what was changed since counts.
 */
gboolean
dossier_document_slot_has_unsent_work (DossierDocumentSlot *self)
{
  g_return_val_if_fail (DOSSIER_IS_DOCUMENT_SLOT (self), FALSE);

  if (self->satisfied)
    return FALSE;
  switch (self->upload_state)
    {
    case DOSSIER_DOCUMENT_UPLOAD_NONE:
      return self->sides[0].image != NULL || self->sides[1].image != NULL
             || self->sides[0].busy || self->sides[1].busy || has_metadata (self);
    case DOSSIER_DOCUMENT_UPLOAD_REJECTED:
      return _dossier_document_slot_changed_since_rejection (self);
    case DOSSIER_DOCUMENT_UPLOAD_QUEUED:
    case DOSSIER_DOCUMENT_UPLOAD_SENDING:
    case DOSSIER_DOCUMENT_UPLOAD_FAILED:
    case DOSSIER_DOCUMENT_UPLOAD_ACCEPTED:
    default:
      return FALSE;
    }
}

/**
 * dossier_document_slot_save_draft:
 * @self: a #DossierDocumentSlot
 *
 * Returns: (transfer full) (nullable): `{"document_type", "metadata": {id: as typed},
 *   "front_uri"?, "back_uri"?}` for dossier_journal_save_draft_async(), %NULL when the
 *   slot holds no unsent work. A pasted picture has no file and is not kept.
 */
JsonObject *
dossier_document_slot_save_draft (DossierDocumentSlot *self)
{
  static const char * const uri_keys[] = { "front_uri", "back_uri" };
  JsonObject *draft, *metadata;

  g_return_val_if_fail (DOSSIER_IS_DOCUMENT_SLOT (self), NULL);

  if (!dossier_document_slot_has_unsent_work (self))
    return NULL;
  draft = json_object_new ();
  metadata = json_object_new ();
  if (self->document_type != NULL)
    json_object_set_string_member (draft, "document_type", self->document_type);
  for (GtkWidget *child = gtk_widget_get_first_child (self->metadata); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      JsonNode *typed;

      if (!DOSSIER_IS_VALUE_ROW (child))
        continue;
      typed = dossier_value_row_get_draft (DOSSIER_VALUE_ROW (child));
      if (typed != NULL)
        json_object_set_member (metadata, dossier_value_row_get_key (DOSSIER_VALUE_ROW (child)), typed);
    }
  json_object_set_object_member (draft, "metadata", metadata);
  for (guint side = 0; side < 2; side++)
    if (self->sides[side].uri != NULL && (self->sides[side].image != NULL || self->sides[side].busy))
      json_object_set_string_member (draft, uri_keys[side], self->sides[side].uri);
  return draft;
}

/**
 * dossier_document_slot_restore_draft:
 * @self: a #DossierDocumentSlot
 * @draft: what dossier_document_slot_save_draft() gave
 *
 * Chooses the document again, fills its metadata as typed and opens the pictures' files
 * (a file gone since shows why in its place).
 *
 * Returns: %FALSE when @draft is not for this group (its document type is not offered)
 */
gboolean
dossier_document_slot_restore_draft (DossierDocumentSlot *self,
                                     JsonObject          *draft)
{
  static const char * const uri_keys[] = { "front_uri", "back_uri" };
  JsonObject *metadata;
  const char *document_type;

  g_return_val_if_fail (DOSSIER_IS_DOCUMENT_SLOT (self), FALSE);
  g_return_val_if_fail (draft != NULL, FALSE);

  if (self->satisfied)
    return FALSE;
  document_type = json_object_get_string_member_with_default (draft, "document_type", NULL);
  if (document_type != NULL && !dossier_document_slot_set_document_type (self, document_type))
    return FALSE;
  metadata = json_object_has_member (draft, "metadata")
             && JSON_NODE_HOLDS_OBJECT (json_object_get_member (draft, "metadata"))
             ? json_object_get_object_member (draft, "metadata") : NULL;
  if (metadata != NULL)
    {
      g_autoptr(GList) members = json_object_get_members (metadata);

      for (GList *l = members; l != NULL; l = l->next)
        {
          GtkWidget *row = _dossier_document_slot_get_metadata_row (self, l->data);
          JsonNode *typed = json_object_get_member (metadata, l->data);

          if (row != NULL)
            dossier_value_row_set_draft (DOSSIER_VALUE_ROW (row), typed);
          else
            g_hash_table_replace (self->metadata_values, g_strdup (l->data), json_node_copy (typed));
        }
    }
  for (guint side = 0; side < 2; side++)
    {
      const char *uri = json_object_get_string_member_with_default (draft, uri_keys[side], NULL);

      if (uri != NULL && uri[0] != '\0')
        {
          g_autoptr(GFile) file = g_file_new_for_uri (uri);

          _dossier_document_slot_open_file (self, side, file);
        }
    }
  _dossier_document_slot_update (self);
  return TRUE;
}
