/* dossier-document-slot-checks.c — what a slot still needs before its upload, expired
 * documents, and which of the server's reasons the person has addressed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The footer names what is missing, from the metadata rows' own checks and the sides. An
 * expiry date (a DATE metadata whose id is one of the expiry ids below, whatever the
 * product) in the past blocks the upload before anything is sent. The server's reasons
 * about the group's documents are shown on the slot and at the rows they name; a rejection
 * stays shown only while what it was about is unchanged: the picture it concerned, or the metadata
 * field it names (the date rules name none: any DATE field).
 */
#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "dossier-document-slot-private.h"
#include "dossier-known-ids.h"
#include "dossier-value-row.h"

/* Metadata ids that hold the day a document stops being valid. */
static const char * const expiry_keys[] = {
  "expiration_date", "expiry_date", "date_of_expiry", "expires_on", "valid_until",
};

gboolean
_dossier_document_slot_is_expiry_key (const char *id)
{
  for (guint i = 0; id != NULL && i < G_N_ELEMENTS (expiry_keys); i++)
    if (g_strcmp0 (id, expiry_keys[i]) == 0)
      return TRUE;
  return FALSE;
}

char *
_dossier_document_slot_format_date (const char *iso,
                                    gboolean    abbreviated)
{
  g_autoptr(GDateTime) date = NULL;
  int year, month, day;

  if (iso == NULL || sscanf (iso, "%4d-%2d-%2d", &year, &month, &day) != 3
      || !g_date_valid_dmy (day, month, year))
    return NULL;
  date = g_date_time_new_local (year, month, day, 12, 0, 0);
  if (date == NULL)
    return NULL;
  /* Translators: a day as in "21 Nov 2031" (g_date_time_format); reorder as your language does. */
  return g_date_time_format (date, abbreviated ? _("%-d %b %Y")
  /* Translators: a day as in "15 January 2020" (g_date_time_format). */
                                               : _("%-d %B %Y"));
}

static gboolean
is_expiry_row (GtkWidget *child)
{
  return DOSSIER_IS_VALUE_ROW (child)
         && dossier_value_row_get_data_type (DOSSIER_VALUE_ROW (child)) == DOSSIER_DATA_TYPE_DATE
         && _dossier_document_slot_is_expiry_key (dossier_value_row_get_key (DOSSIER_VALUE_ROW (child)));
}

/**
 * _dossier_document_slot_expired_message:
 *
 * Returns: (transfer full) (nullable): why the document cannot be sent when one of its
 *   expiry dates lies before today (the server's own rule), else %NULL
 */
char *
_dossier_document_slot_expired_message (DossierDocumentSlot *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");

  for (GtkWidget *child = gtk_widget_get_first_child (self->metadata); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      g_autoptr(JsonNode) value = NULL;
      const char *iso;
      g_autofree char *shown = NULL;

      if (!is_expiry_row (child))
        continue;
      value = dossier_value_row_get_value (DOSSIER_VALUE_ROW (child));
      if (value == NULL || !JSON_NODE_HOLDS_VALUE (value) || json_node_get_value_type (value) != G_TYPE_STRING)
        continue;
      iso = json_node_get_string (value);
      if (strcmp (iso, today) >= 0)
        continue;
      shown = _dossier_document_slot_format_date (iso, FALSE);
      /* Translators: the placeholder is a date, such as "15 January 2020". */
      return g_strdup_printf (_("This document expired on %s; the provider does not accept expired documents."),
                              shown != NULL ? shown : iso);
    }
  return NULL;
}

/* The field's label in lower case, for a sentence ("document number"), without the
 * "(optional)" its row's title may carry. */
static char *
row_label (const DossierDocumentAlternative *alternative,
           GtkWidget                        *row)
{
  const char *id = dossier_value_row_get_key (DOSSIER_VALUE_ROW (row));
  const char *name = NULL;
  g_autofree char *label = NULL;

  for (guint i = 0; i < alternative->metadata->len; i++)
    {
      const DossierMetadataField *field = g_ptr_array_index (alternative->metadata, i);

      if (g_strcmp0 (field->id, id) == 0)
        name = field->name;
    }
  label = dossier_known_ids_label (DOSSIER_KNOWN_ID_METADATA, id, name);
  return g_utf8_strdown (label, -1);
}

static gboolean
side_blocked (DossierSlotSide *s)
{
  GPtrArray *found;

  if (s->image == NULL || s->busy || !dossier_document_image_get_prepared (s->image))
    return FALSE;
  found = dossier_document_image_get_checks (s->image);
  for (guint i = 0; found != NULL && i < found->len; i++)
    if (((DossierDocumentCheck *) g_ptr_array_index (found, i))->severity == DOSSIER_DOCUMENT_CHECK_BLOCKS)
      return TRUE;
  return FALSE;
}

/**
 * _dossier_document_slot_missing_text:
 *
 * Returns: (transfer full) (nullable): what still keeps the document from being sent, one
 *   sentence a line, or %NULL when nothing does
 */
char *
_dossier_document_slot_missing_text (DossierDocumentSlot *self)
{
  const DossierDocumentAlternative *alternative = _dossier_document_slot_get_alternative (self);
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *expired = NULL;

  if (alternative == NULL)
    return g_strdup (_("Choose which document this is"));
  if (self->sides[0].image == NULL && !self->sides[0].busy)
    g_ptr_array_add (lines, g_strdup (self->sides[0].error != NULL
                                      ? _("Choose another file for the front side")
                                      : _("Add a photo or scan of the document")));
  else if (side_blocked (&self->sides[0]))
    g_ptr_array_add (lines, g_strdup (_("Choose another picture of the front side")));
  if (self->sides[1].error != NULL)
    g_ptr_array_add (lines, g_strdup (_("Choose another file for the back side")));
  else if (alternative->require_back_image && self->sides[1].image == NULL && !self->sides[1].busy)
    g_ptr_array_add (lines, g_strdup (_("Add the back of the document")));
  else if (side_blocked (&self->sides[1]))
    g_ptr_array_add (lines, g_strdup (_("Choose another picture of the back side")));

  expired = _dossier_document_slot_expired_message (self);
  for (GtkWidget *child = gtk_widget_get_first_child (self->metadata); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      DossierValueRow *row;
      g_autofree char *label = NULL;

      if (!DOSSIER_IS_VALUE_ROW (child))
        continue;
      row = DOSSIER_VALUE_ROW (child);
      label = row_label (alternative, child);
      if (!dossier_value_row_check (row, NULL))
        {
          if (dossier_value_row_is_empty (row))
            /* Translators: what the upload waits for; the placeholder is a field's label in
             * lower case, such as "document number". */
            g_ptr_array_add (lines, g_strdup_printf (_("Add the %s"), label));
          else
            /* Translators: the placeholder is a field's label in lower case, such as
             * "expiration date". */
            g_ptr_array_add (lines, g_strdup_printf (_("Correct the %s"), label));
        }
      else if (expired != NULL && is_expiry_row (child))
        /* Translators: the placeholder is a field's label in lower case ("expiration date"). */
        g_ptr_array_add (lines, g_strdup_printf (_("Check the %s: the document has expired"), label));
    }
  if (lines->len == 0)
    return NULL;
  g_ptr_array_add (lines, NULL);
  return g_strjoinv ("\n", (char **) lines->pdata);
}

static char *
row_text (GtkWidget *row)
{
  g_autoptr(JsonNode) draft = dossier_value_row_get_draft (DOSSIER_VALUE_ROW (row));

  return draft != NULL ? json_to_string (draft, FALSE) : g_strdup ("");
}

void
_dossier_document_slot_snapshot_rejected (DossierDocumentSlot *self)
{
  g_clear_pointer (&self->rejected_values, g_hash_table_unref);
  self->rejected_values = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  for (GtkWidget *child = gtk_widget_get_first_child (self->metadata); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (DOSSIER_IS_VALUE_ROW (child))
      g_hash_table_replace (self->rejected_values,
                            g_strdup (dossier_value_row_get_key (DOSSIER_VALUE_ROW (child))),
                            row_text (child));
}

static gboolean
row_changed (DossierDocumentSlot *self,
             GtkWidget           *row)
{
  const char *then;
  g_autofree char *now = NULL;

  if (self->rejected_values == NULL)
    return FALSE;
  then = g_hash_table_lookup (self->rejected_values, dossier_value_row_get_key (DOSSIER_VALUE_ROW (row)));
  now = row_text (row);
  return g_strcmp0 (then != NULL ? then : "", now) != 0;
}

/* A new picture of @side since the rejection (any picture when none was kept). */
static gboolean
side_replaced (DossierDocumentSlot *self,
               DossierDocumentSide  side)
{
  DossierSlotSide *s = &self->sides[side];

  if (s->image == NULL)
    return FALSE;
  return s->image != self->rejected_images[side];
}

static gboolean
item_addressed (DossierDocumentSlot *self,
                DossierRejectedItem *item)
{
  gboolean date_rule = g_str_has_prefix (item->reason, "Document expired on ")
                       || g_str_has_prefix (item->reason, "Document is older than ")
                       || g_str_has_prefix (item->reason, "Document date ");
  gboolean named = FALSE;

  /* Another document chosen: the rejected one is no longer offered. */
  if (self->document_type != NULL && g_ascii_strcasecmp (item->key, self->document_type) != 0)
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (self->metadata); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      g_autofree char *prefix = NULL;
      gboolean about;

      if (!DOSSIER_IS_VALUE_ROW (child))
        continue;
      prefix = g_strdup_printf ("Metadata %s ", dossier_value_row_get_key (DOSSIER_VALUE_ROW (child)));
      about = g_str_has_prefix (item->reason, prefix)
              || (date_rule && dossier_value_row_get_data_type (DOSSIER_VALUE_ROW (child)) == DOSSIER_DATA_TYPE_DATE);
      named |= about;
      if (about && row_changed (self, child))
        return TRUE;
    }
  if (named || date_rule || g_str_has_prefix (item->reason, "Metadata "))
    return FALSE;
  /* About a picture: the side it names, or either. */
  if (g_str_has_prefix (item->reason, "Front "))
    return side_replaced (self, DOSSIER_DOCUMENT_SIDE_FRONT);
  if (g_str_has_prefix (item->reason, "Back "))
    return side_replaced (self, DOSSIER_DOCUMENT_SIDE_BACK);
  return side_replaced (self, DOSSIER_DOCUMENT_SIDE_FRONT) || side_replaced (self, DOSSIER_DOCUMENT_SIDE_BACK);
}

/**
 * _dossier_document_slot_open_rejections:
 *
 * Returns: (transfer container) (element-type DossierRejectedItem): the rejected items the
 *   person has not addressed yet
 */
GPtrArray *
_dossier_document_slot_open_rejections (DossierDocumentSlot *self)
{
  GPtrArray *open = g_ptr_array_new ();

  for (guint i = 0; self->rejections != NULL && i < self->rejections->len; i++)
    {
      DossierRejectedItem *item = g_ptr_array_index (self->rejections, i);

      if (!item_addressed (self, item))
        g_ptr_array_add (open, item);
    }
  return open;
}

gboolean
_dossier_document_slot_changed_since_rejection (DossierDocumentSlot *self)
{
  for (guint side = 0; side < 2; side++)
    if (self->sides[side].image != self->rejected_images[side])
      return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (self->metadata); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (DOSSIER_IS_VALUE_ROW (child) && row_changed (self, child))
      return TRUE;
  return FALSE;
}

/* The server's reasons about this group's documents. */

static gboolean
is_alternative (DossierDocumentSlot *self,
                const char          *key)
{
  for (guint i = 0; self->group != NULL && i < self->group->alternatives->len; i++)
    {
      const DossierDocumentAlternative *alternative = g_ptr_array_index (self->group->alternatives, i);

      if (g_ascii_strcasecmp (alternative->id, key) == 0)
        return TRUE;
    }
  return FALSE;
}

/* A reason about a metadata value is also shown at its row (CONTRACT.md §10.3): "Metadata
 * <id> …" names it; the date rules name no field and go to the DATE rows. */
static void
show_at_rows (DossierDocumentSlot *self)
{
  for (guint i = 0; i < self->rejections->len; i++)
    {
      DossierRejectedItem *item = g_ptr_array_index (self->rejections, i);
      gboolean date_rule = g_str_has_prefix (item->reason, "Document expired on ")
                           || g_str_has_prefix (item->reason, "Document is older than ")
                           || g_str_has_prefix (item->reason, "Document date ");

      for (GtkWidget *row = gtk_widget_get_first_child (self->metadata); row != NULL;
           row = gtk_widget_get_next_sibling (row))
        {
          const char *key;
          g_autofree char *prefix = NULL;

          if (!DOSSIER_IS_VALUE_ROW (row))
            continue;
          key = dossier_value_row_get_key (DOSSIER_VALUE_ROW (row));
          prefix = g_strdup_printf ("Metadata %s ", key);
          if (g_str_has_prefix (item->reason, prefix)
              || (date_rule && dossier_value_row_get_data_type (DOSSIER_VALUE_ROW (row)) == DOSSIER_DATA_TYPE_DATE))
            dossier_value_row_set_server_message (DOSSIER_VALUE_ROW (row), item->reason);
        }
    }
}

/**
 * dossier_document_slot_set_rejected_items:
 * @self: a #DossierDocumentSlot
 * @items: (element-type DossierRejectedItem) (nullable): rejected items
 *
 * Shows the reasons of the items about this group's documents; the pictures shown now are
 * kept as the rejected ones, to be shown beside their replacement. An empty list clears it.
 */
void
dossier_document_slot_set_rejected_items (DossierDocumentSlot *self,
                                          GPtrArray           *items)
{
  g_autoptr(GPtrArray) mine = g_ptr_array_new_with_free_func ((GDestroyNotify) dossier_rejected_item_free);

  g_return_if_fail (DOSSIER_IS_DOCUMENT_SLOT (self));

  for (guint i = 0; items != NULL && i < items->len; i++)
    {
      DossierRejectedItem *item = g_ptr_array_index (items, i);

      if (g_strcmp0 (item->type, "document") == 0 && is_alternative (self, item->key))
        g_ptr_array_add (mine, dossier_rejected_item_copy (item));
    }
  g_clear_pointer (&self->rejections, g_ptr_array_unref);
  if (mine->len == 0)
    {
      for (guint i = 0; i < 2; i++)
        {
          g_clear_object (&self->rejected_images[i]);
          g_clear_object (&self->rejected_textures[i]);
        }
      g_clear_pointer (&self->rejected_values, g_hash_table_unref);
      _dossier_document_slot_update (self);
      return;
    }

  self->rejections = g_steal_pointer (&mine);
  show_at_rows (self);
  for (guint i = 0; i < 2; i++)
    if (self->sides[i].image != NULL)
      {
        GdkTexture *texture = dossier_document_viewer_get_texture (DOSSIER_DOCUMENT_VIEWER (self->viewer), i);

        g_set_object (&self->rejected_images[i], self->sides[i].image);
        g_set_object (&self->rejected_textures[i], texture);
      }
  /* What it was about, to tell when the person changed it (the label is in _update). */
  _dossier_document_slot_snapshot_rejected (self);
  if (self->upload_state != DOSSIER_DOCUMENT_UPLOAD_NONE)
    {
      self->upload_state = DOSSIER_DOCUMENT_UPLOAD_REJECTED;
      g_clear_pointer (&self->upload_message, g_free);
    }
  _dossier_document_slot_update (self);
}

guint
dossier_document_slot_get_n_rejections (DossierDocumentSlot *self)
{
  g_return_val_if_fail (DOSSIER_IS_DOCUMENT_SLOT (self), 0);

  return self->rejections != NULL ? self->rejections->len : 0;
}
