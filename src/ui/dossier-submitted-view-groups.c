/* dossier-submitted-view-groups.c — what was sent, read from the request's events
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * requirement-appeared names each group the request asked for (data groups with the
 * fields they listed); document-accepted names the upload that satisfied a document
 * group, document-uploaded that upload's sides and their SHA-256; the upload queue may
 * still hold its thumbnail and metadata. Forgotten events show nothing.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "dossier-countries.h"
#include "dossier-known-ids.h"
#include "dossier-submitted-view-private.h"
#include "dossier-value-row.h"

/* Whether a group had to be given: journals older than the "required" member do not say. */
typedef enum {
  NEED_UNKNOWN,
  NEED_REQUIRED,
  NEED_OPTIONAL,
} Need;

typedef struct {
  char      *id;
  char      *name;
  GPtrArray *fields;           /* char *, in the order first listed */
  GPtrArray *optional;         /* char *: the fields that could stay empty */
  Need       need;
  gboolean   satisfied;        /* a requirement-satisfied was recorded */
} DataGroup;

typedef struct {
  char                      *id;
  char                      *name;
  const DossierJournalEvent *accepted;  /* the latest document-accepted, or NULL */
  Need                       need;
} DocumentGroup;

static void
data_group_free (DataGroup *group)
{
  g_free (group->id);
  g_free (group->name);
  g_ptr_array_unref (group->fields);
  g_ptr_array_unref (group->optional);
  g_free (group);
}

static Need
event_need (const DossierJournalEvent *event)
{
  JsonObject *details = json_node_get_object (event->details);
  JsonNode *node = json_object_get_member (details, "required");

  if (node == NULL || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    return NEED_UNKNOWN;
  return json_node_get_boolean (node) ? NEED_REQUIRED : NEED_OPTIONAL;
}

/* The strings of details' array member name, added to keys once each. */
static void
add_keys (GPtrArray  *keys,
          JsonObject *details,
          const char *name)
{
  JsonNode *member = json_object_get_member (details, name);
  JsonArray *array;

  if (member == NULL || !JSON_NODE_HOLDS_ARRAY (member))
    return;
  array = json_node_get_array (member);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      const char *key;
      gboolean known = FALSE;

      if (json_node_get_value_type (node) != G_TYPE_STRING)
        continue;
      key = json_node_get_string (node);
      for (guint j = 0; j < keys->len && !known; j++)
        known = g_str_equal (g_ptr_array_index (keys, j), key);
      if (!known)
        g_ptr_array_add (keys, g_strdup (key));
    }
}

static void
document_group_free (DocumentGroup *group)
{
  g_free (group->id);
  g_free (group->name);
  g_free (group);
}

static const char *
detail_string (const DossierJournalEvent *event,
               const char                *member)
{
  JsonObject *details;

  if (event->details == NULL || !JSON_NODE_HOLDS_OBJECT (event->details))
    return NULL;
  details = json_node_get_object (event->details);
  if (!json_object_has_member (details, member)
      || json_node_get_value_type (json_object_get_member (details, member)) != G_TYPE_STRING)
    return NULL;
  return json_object_get_string_member (details, member);
}

static gint64
detail_int (const DossierJournalEvent *event,
            const char                *member)
{
  if (event->details == NULL || !JSON_NODE_HOLDS_OBJECT (event->details))
    return 0;
  return json_object_get_int_member_with_default (json_node_get_object (event->details), member, 0);
}

static DataGroup *
find_data_group (GPtrArray  *groups,
                 const char *id)
{
  for (guint i = 0; i < groups->len; i++)
    {
      DataGroup *group = g_ptr_array_index (groups, i);

      if (g_str_equal (group->id, id))
        return group;
    }
  return NULL;
}

static DocumentGroup *
find_document_group (GPtrArray  *groups,
                     const char *id)
{
  for (guint i = 0; i < groups->len; i++)
    {
      DocumentGroup *group = g_ptr_array_index (groups, i);

      if (g_str_equal (group->id, id))
        return group;
    }
  return NULL;
}

static void
add_data_group (GPtrArray                 *groups,
                const DossierJournalEvent *event,
                const char                *id)
{
  DataGroup *group = find_data_group (groups, id);
  JsonObject *details = json_node_get_object (event->details);

  if (group == NULL)
    {
      group = g_new0 (DataGroup, 1);
      group->id = g_strdup (id);
      group->name = g_strdup (detail_string (event, "name"));
      group->fields = g_ptr_array_new_with_free_func (g_free);
      group->optional = g_ptr_array_new_with_free_func (g_free);
      g_ptr_array_add (groups, group);
    }
  if (event_need (event) != NEED_UNKNOWN)
    group->need = event_need (event);

  add_keys (group->fields, details, "fields");
  add_keys (group->optional, details, "optional_fields");
}

static DocumentGroup *
add_document_group (GPtrArray                 *groups,
                    const char                *id,
                    const DossierJournalEvent *appeared)
{
  DocumentGroup *group = find_document_group (groups, id);

  if (group == NULL)
    {
      group = g_new0 (DocumentGroup, 1);
      group->id = g_strdup (id);
      group->name = g_strdup (appeared != NULL ? detail_string (appeared, "name") : NULL);
      g_ptr_array_add (groups, group);
    }
  if (appeared != NULL && event_need (appeared) != NEED_UNKNOWN)
    group->need = event_need (appeared);
  return group;
}

/* Required groups first, those of unknown need next, optional ones last; else as listed. */
static void
sort_by_need (GPtrArray *groups,
              gsize      need_offset)
{
  g_autoptr(GPtrArray) sorted = g_ptr_array_new ();
  static const Need order[] = { NEED_REQUIRED, NEED_UNKNOWN, NEED_OPTIONAL };

  for (guint k = 0; k < G_N_ELEMENTS (order); k++)
    for (guint i = 0; i < groups->len; i++)
      if (G_STRUCT_MEMBER (Need, groups->pdata[i], need_offset) == order[k])
        g_ptr_array_add (sorted, groups->pdata[i]);
  for (guint i = 0; i < sorted->len; i++)
    groups->pdata[i] = sorted->pdata[i];
}

static const DossierJournalEvent *
find_uploaded (DossierSubmittedView *self,
               gint64                upload_id)
{
  const DossierJournalEvent *found = NULL;

  for (guint i = 0; upload_id > 0 && i < self->events->len; i++)
    {
      const DossierJournalEvent *event = g_ptr_array_index (self->events, i);

      if (!event->forgotten && g_strcmp0 (event->kind, DOSSIER_JOURNAL_EVENT_DOCUMENT_UPLOADED) == 0
          && detail_int (event, "upload_id") == upload_id)
        found = event;
    }
  return found;
}

static const DossierJournalUpload *
find_upload (DossierSubmittedView *self,
             gint64                upload_id)
{
  for (guint i = 0; self->uploads != NULL && upload_id > 0 && i < self->uploads->len; i++)
    {
      const DossierJournalUpload *upload = g_ptr_array_index (self->uploads, i);

      if (upload->id == upload_id)
        return upload;
    }
  return NULL;
}

/* The SHA-256 of one side as recorded, or NULL. */
static const char *
side_sha256 (const DossierJournalEvent *uploaded,
             const char                *side)
{
  JsonObject *details;
  JsonObject *sides;
  JsonNode *node;

  if (uploaded == NULL || uploaded->details == NULL || !JSON_NODE_HOLDS_OBJECT (uploaded->details))
    return NULL;
  details = json_node_get_object (uploaded->details);
  node = json_object_get_member (details, "sides");
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return NULL;
  sides = json_node_get_object (node);
  node = json_object_get_member (sides, side);
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return NULL;
  node = json_object_get_member (json_node_get_object (node), "sha256");
  if (node == NULL || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static void
clear (DossierSubmittedView *self)
{
  for (guint i = 0; i < self->shown->len; i++)
    gtk_box_remove (GTK_BOX (self->box), g_ptr_array_index (self->shown, i));
  g_ptr_array_set_size (self->shown, 0);
  g_hash_table_remove_all (self->rows);
  self->n_groups = 0;
}

static GtkWidget *
add_group_widget (DossierSubmittedView *self,
                  const char           *title)
{
  GtkWidget *group = adw_preferences_group_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  gtk_box_append (GTK_BOX (self->box), group);
  g_ptr_array_add (self->shown, group);
  self->n_groups++;
  return group;
}

static GtkWidget *
add_row (DossierSubmittedView *self,
         GtkWidget            *group,
         const char           *id,
         const char           *title,
         const char           *subtitle)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
  gtk_widget_add_css_class (row, "property");
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  g_hash_table_replace (self->rows, g_strdup (id), row);
  return row;
}

static gboolean
is_optional_field (DataGroup  *data,
                   const char *key)
{
  for (guint i = 0; i < data->optional->len; i++)
    if (g_str_equal (g_ptr_array_index (data->optional, i), key))
      return TRUE;
  return FALSE;
}

static void
show_data_group (DossierSubmittedView *self,
                 DataGroup            *data)
{
  g_autofree char *title = dossier_known_ids_label (DOSSIER_KNOWN_ID_DATA_GROUP, data->id, data->name);
  g_autoptr(GPtrArray) values = g_ptr_array_new_with_free_func (g_free);
  guint n_given = 0;
  GtkWidget *group;

  for (guint i = 0; i < data->fields->len; i++)
    {
      char *value = NULL;

      if (self->client != NULL)
        value = dossier_value_row_format_client_value (self->client, g_ptr_array_index (data->fields, i),
                                                       DOSSIER_DATA_TYPE_UNKNOWN);
      n_given += value != NULL;
      g_ptr_array_add (values, value);
    }

  /* A group the request could go without, never filled: nothing was sent for it. Without
   * a recorded need, a group never satisfied went to review empty, so it was optional. */
  if (data->fields->len > 0 && n_given == 0 &&
      (data->need == NEED_OPTIONAL || (data->need == NEED_UNKNOWN && !data->satisfied)))
    return;

  group = add_group_widget (self, title);
  for (guint i = 0; i < data->fields->len; i++)
    {
      const char *key = g_ptr_array_index (data->fields, i);
      const char *value = g_ptr_array_index (values, i);
      g_autofree char *label = dossier_known_ids_label (DOSSIER_KNOWN_ID_DATA_FIELD, key, NULL);

      /* "No longer there" only when it was given: the group was satisfied with it. */
      if (value == NULL && data->satisfied && !is_optional_field (data, key))
        value = _("Not on the client’s record now");
      else if (value == NULL)
        value = _("Not given");
      add_row (self, group, key, label, value);
    }
  if (data->fields->len == 0)
    add_row (self, group, data->id, _("Nothing was missing"),
             _("The client’s record already had everything this group asks for."));
}

static GtkWidget *
thumbnail_for (const DossierJournalUpload *upload)
{
  g_autoptr(GdkTexture) texture = NULL;
  GtkWidget *picture;

  if (upload == NULL || upload->thumbnail == NULL)
    return NULL;
  texture = gdk_texture_new_from_bytes (upload->thumbnail, NULL);
  if (texture == NULL)
    return NULL;

  picture = gtk_picture_new_for_paintable (GDK_PAINTABLE (texture));
  gtk_picture_set_content_fit (GTK_PICTURE (picture), GTK_CONTENT_FIT_CONTAIN);
  gtk_picture_set_can_shrink (GTK_PICTURE (picture), TRUE);
  gtk_widget_set_size_request (picture, 64, 64);
  gtk_widget_set_margin_top (picture, 6);
  gtk_widget_set_margin_bottom (picture, 6);
  gtk_widget_add_css_class (picture, "dossier-thumbnail");
  gtk_accessible_update_property (GTK_ACCESSIBLE (picture), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Thumbnail of the document sent"), -1);
  return picture;
}

/* The metadata sent with the document (its number, issuing country, expiry), while the
 * upload queue keeps the record. */
static void
append_metadata (GString                    *text,
                 const DossierJournalUpload *upload)
{
  JsonObjectIter iter;
  const char *id;
  JsonNode *value;

  if (upload == NULL || upload->metadata == NULL || !JSON_NODE_HOLDS_OBJECT (upload->metadata))
    return;

  json_object_iter_init (&iter, json_node_get_object (upload->metadata));
  while (json_object_iter_next (&iter, &id, &value))
    {
      g_autofree char *label = dossier_known_ids_label (DOSSIER_KNOWN_ID_METADATA, id, NULL);
      g_autofree char *shown = NULL;
      const char *country;

      if (json_node_get_value_type (value) != G_TYPE_STRING)
        continue;
      shown = dossier_value_row_format_iso_date (json_node_get_string (value));
      country = dossier_countries_lookup_name (dossier_countries_get_default (), shown);
      if (country != NULL && strlen (shown) == 3)
        {
          g_free (shown);
          shown = g_strdup (country);
        }
      g_string_append_c (text, '\n');
      /* Translators: a field's name, then its value */
      g_string_append_printf (text, _("%s: %s"), label, shown);
    }
}

static void
show_document_group (DossierSubmittedView *self,
                     GtkWidget            *group,
                     DocumentGroup        *document)
{
  g_autofree char *title = dossier_known_ids_label (DOSSIER_KNOWN_ID_DOCUMENT_GROUP, document->id, document->name);
  g_autoptr(GString) text = g_string_new (NULL);
  const DossierJournalEvent *uploaded;
  const DossierJournalUpload *upload;
  const char *front_sha = NULL;
  const char *back_sha = NULL;
  g_autofree char *type = NULL;
  GtkWidget *thumbnail = NULL;
  GtkWidget *row;
  gint64 upload_id;

  if (document->accepted == NULL)
    {
      add_row (self, group, document->id, title, _("No accepted document was recorded on this computer."));
      return;
    }

  upload_id = detail_int (document->accepted, "upload_id");
  uploaded = find_uploaded (self, upload_id);
  upload = find_upload (self, upload_id);
  type = dossier_known_ids_label (DOSSIER_KNOWN_ID_DOCUMENT_TYPE,
                                  detail_string (document->accepted, "document_type"), NULL);
  front_sha = side_sha256 (uploaded, "front");
  back_sha = side_sha256 (uploaded, "back");
  if (front_sha == NULL && upload != NULL)
    front_sha = upload->front_sha256;
  if (back_sha == NULL && upload != NULL)
    back_sha = upload->back_sha256;

  /* Translators: a document type, then which of its sides were sent */
  g_string_append_printf (text, _("%s · %s"), type,
                          back_sha != NULL || (upload != NULL && upload->back != NULL)
                          ? _("front and back") : _("front only"));

  append_metadata (text, upload);

  thumbnail = thumbnail_for (upload);
  if (thumbnail == NULL)
    {
      if (front_sha != NULL)
        g_string_append_printf (text, "\n%s %s", _("Front SHA-256:"), front_sha);
      if (back_sha != NULL)
        g_string_append_printf (text, "\n%s %s", _("Back SHA-256:"), back_sha);
      if (front_sha == NULL && back_sha == NULL)
        g_string_append_printf (text, "\n%s", _("Its picture and fingerprint were not kept on this computer."));
    }

  row = add_row (self, group, document->id, title, text->str);
  if (thumbnail != NULL)
    {
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), thumbnail);
      if (front_sha != NULL)
        {
          g_autofree char *tip = back_sha != NULL
                                 ? g_strdup_printf ("%s %s\n%s %s", _("Front SHA-256:"), front_sha,
                                                    _("Back SHA-256:"), back_sha)
                                 : g_strdup_printf ("%s %s", _("Front SHA-256:"), front_sha);

          gtk_widget_set_tooltip_text (row, tip);
        }
    }
}

void
_dossier_submitted_view_rebuild (DossierSubmittedView *self)
{
  g_autoptr(GPtrArray) data = g_ptr_array_new_with_free_func ((GDestroyNotify) data_group_free);
  g_autoptr(GPtrArray) documents = g_ptr_array_new_with_free_func ((GDestroyNotify) document_group_free);

  clear (self);

  for (guint i = 0; self->events != NULL && i < self->events->len; i++)
    {
      const DossierJournalEvent *event = g_ptr_array_index (self->events, i);
      const char *group_id;
      const char *kind;

      if (event->forgotten || event->details == NULL || !JSON_NODE_HOLDS_OBJECT (event->details))
        continue;
      group_id = detail_string (event, "group_id");
      if (group_id == NULL)
        continue;

      kind = detail_string (event, "kind");
      if (g_strcmp0 (event->kind, DOSSIER_JOURNAL_EVENT_REQUIREMENT_APPEARED) == 0)
        {
          if (g_strcmp0 (kind, "data") == 0)
            add_data_group (data, event, group_id);
          else if (g_strcmp0 (kind, "document") == 0)
            add_document_group (documents, group_id, event);
        }
      else if (g_strcmp0 (event->kind, DOSSIER_JOURNAL_EVENT_REQUIREMENT_SATISFIED) == 0 &&
               g_strcmp0 (kind, "data") == 0 && find_data_group (data, group_id) != NULL)
        find_data_group (data, group_id)->satisfied = TRUE;
      else if (g_strcmp0 (event->kind, DOSSIER_JOURNAL_EVENT_DOCUMENT_ACCEPTED) == 0)
        add_document_group (documents, group_id, NULL)->accepted = event;
    }

  /* An optional document never sent: nothing to show. */
  for (guint i = documents->len; i > 0; i--)
    {
      DocumentGroup *document = g_ptr_array_index (documents, i - 1);

      if (document->need == NEED_OPTIONAL && document->accepted == NULL)
        g_ptr_array_remove_index (documents, i - 1);
    }
  sort_by_need (data, G_STRUCT_OFFSET (DataGroup, need));
  sort_by_need (documents, G_STRUCT_OFFSET (DocumentGroup, need));

  for (guint i = 0; i < data->len; i++)
    show_data_group (self, g_ptr_array_index (data, i));

  if (documents->len > 0)
    {
      GtkWidget *group = add_group_widget (self, _("Documents"));

      for (guint i = 0; i < documents->len; i++)
        show_document_group (self, group, g_ptr_array_index (documents, i));
    }

  if (self->failure != NULL)
    gtk_label_set_text (GTK_LABEL (self->placeholder), self->failure);
  else
    gtk_label_set_text (GTK_LABEL (self->placeholder),
                        _("This computer has no record of what was asked for and sent: the request "
                          "was completed elsewhere, or before Dossier followed it."));
  gtk_widget_set_visible (self->placeholder, self->n_groups == 0 && (self->loaded || self->failure != NULL));
}
