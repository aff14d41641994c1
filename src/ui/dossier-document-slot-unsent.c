/* dossier-document-slot-unsent.c — what a slot sent, and what it holds that is not sent yet
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The accepted row names what was sent ("Passport · AB1234567 · expires 21 Nov 2031"). A
 * picture or metadata given but not handed to the uploader is unsent work: the window asks
 * before it is thrown away, and keeps it as a draft (dossier-document-slot-draft.c) that
 * brings the slot back when the window opens again.
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
