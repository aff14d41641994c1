/* dossier-requirements.c — parsed `missing_requirements` (CONTRACT.md §6.4, §15.2)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Immutable once parsed. Unknown members are ignored, absent or null arrays read as empty,
 * entries without an id (or key) are skipped, a missing `name` is the id humanised, and an
 * unknown `data_type` is kept as text (the form shows a plain text entry for it).
 */
#include "config.h"

#include <string.h>

#include "dossier-json.h"
#include "dossier-requirements-private.h"

G_DEFINE_FINAL_TYPE (DossierRequirements, dossier_requirements, G_TYPE_OBJECT)

static void
data_field_free (DossierDataField *field)
{
  g_free (field->key);
  g_free (field->data_type_raw);
  g_strfreev (field->values);
  g_free (field);
}

static void
data_group_free (DossierDataGroup *group)
{
  g_free (group->id);
  g_free (group->name);
  g_free (group->description);
  g_ptr_array_unref (group->fields);
  g_free (group);
}

void
_dossier_metadata_field_free (DossierMetadataField *field)
{
  g_free (field->id);
  g_free (field->name);
  g_free (field->data_type_raw);
  g_strfreev (field->values);
  g_free (field);
}

void
_dossier_document_alternative_free (DossierDocumentAlternative *alternative)
{
  g_free (alternative->id);
  g_free (alternative->name);
  g_free (alternative->description);
  g_ptr_array_unref (alternative->metadata);
  g_free (alternative);
}

/**
 * dossier_document_group_free:
 * @group: (nullable): a group made by dossier_document_group_copy()
 */
void
dossier_document_group_free (DossierDocumentGroup *group)
{
  if (group == NULL)
    return;
  g_free (group->id);
  g_free (group->name);
  g_free (group->description);
  g_ptr_array_unref (group->alternatives);
  g_free (group);
}

static void
dossier_requirements_finalize (GObject *object)
{
  DossierRequirements *self = (DossierRequirements *)object;

  g_clear_pointer (&self->data_groups, g_ptr_array_unref);
  g_clear_pointer (&self->document_groups, g_ptr_array_unref);

  G_OBJECT_CLASS (dossier_requirements_parent_class)->finalize (object);
}

static void
dossier_requirements_class_init (DossierRequirementsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = dossier_requirements_finalize;
}

static void
dossier_requirements_init (DossierRequirements *self)
{
  self->data_groups = g_ptr_array_new_with_free_func ((GDestroyNotify) data_group_free);
  self->document_groups = g_ptr_array_new_with_free_func ((GDestroyNotify) dossier_document_group_free);
}

/**
 * dossier_requirements_humanise_id:
 * @id: (nullable): an id such as `identity_document`
 *
 * Returns: (transfer full): "Identity document": underscores and dashes become spaces,
 *   runs of spaces collapse, the first letter is upper case ("" for %NULL)
 */
char *
dossier_requirements_humanise_id (const char *id)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *valid = NULL;
  gunichar first;

  if (id == NULL)
    return g_strdup ("");

  valid = g_utf8_make_valid (id, -1);
  for (const char *p = valid; *p != '\0'; p++)
    {
      char c = (*p == '_' || *p == '-') ? ' ' : *p;

      if (c == ' ' && (text->len == 0 || text->str[text->len - 1] == ' '))
        continue;
      g_string_append_c (text, c);
    }
  while (text->len > 0 && text->str[text->len - 1] == ' ')
    g_string_truncate (text, text->len - 1);

  if (text->len == 0)
    return g_strdup ("");

  first = g_utf8_get_char (text->str);
  if (g_unichar_islower (first))
    {
      char buffer[8] = { 0, };
      int old_len = g_utf8_next_char (text->str) - text->str;
      int new_len = g_unichar_to_utf8 (g_unichar_toupper (first), buffer);

      g_string_erase (text, 0, old_len);
      g_string_insert_len (text, 0, buffer, new_len);
    }

  return g_strdup (text->str);
}

static char *
dup_text (JsonObject *object,
          const char *member)
{
  char *text = dossier_json_dup_string (object, member);

  return text != NULL ? text : g_strdup ("");
}

static char *
dup_id (JsonObject *object,
        const char *member)
{
  g_autofree char *id = dossier_json_dup_string (object, member);

  if (id == NULL || *g_strstrip (id) == '\0')
    return NULL;
  return g_steal_pointer (&id);
}

static char *
dup_name (JsonObject *object,
          const char *id)
{
  g_autofree char *name = dossier_json_dup_string (object, "name");

  if (name == NULL || dossier_contract_is_blank (name))
    return dossier_requirements_humanise_id (id);
  return g_steal_pointer (&name);
}

/* Type of a data field or metadata field; @raw keeps the text as received. */
static DossierDataType
read_data_type (JsonObject  *object,
                char       **raw)
{
  g_autofree char *text = dossier_json_dup_string (object, "data_type");
  g_autofree char *upper = NULL;

  *raw = g_strdup (text != NULL ? text : "");
  if (text == NULL)
    return DOSSIER_DATA_TYPE_UNKNOWN;
  upper = g_ascii_strup (g_strstrip (text), -1);
  return dossier_data_type_from_string (upper);
}

static char **
read_values (JsonObject *object)
{
  JsonArray *array = dossier_json_get_array (object, "values");
  GPtrArray *values = g_ptr_array_new ();

  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      char *value = dossier_json_node_dup_string (json_array_get_element (array, i));

      if (value != NULL)
        g_ptr_array_add (values, value);
    }
  g_ptr_array_add (values, NULL);
  return (char **) g_ptr_array_free (values, FALSE);
}

/* The objects of an array member, skipping anything else. */
#define FOREACH_OBJECT(parent, member, var)                                             \
  for (JsonArray *var##_array = dossier_json_get_array (parent, member);                \
       var##_array != NULL; var##_array = NULL)                                         \
    for (guint var##_i = 0; var##_i < json_array_get_length (var##_array); var##_i++)   \
      for (JsonObject *var = JSON_NODE_HOLDS_OBJECT (json_array_get_element (var##_array, var##_i)) \
                             ? json_node_get_object (json_array_get_element (var##_array, var##_i)) \
                             : NULL;                                                    \
           var != NULL; var = NULL)

static void
read_data_groups (DossierRequirements *self,
                  JsonObject          *root)
{
  FOREACH_OBJECT (root, "data", object)
    {
      DossierDataGroup *group;
      char *id = dup_id (object, "id");

      if (id == NULL)
        continue;

      group = g_new0 (DossierDataGroup, 1);
      group->id = id;
      group->name = dup_name (object, id);
      group->description = dup_text (object, "description");
      group->required = dossier_json_get_boolean (object, "required", TRUE);
      group->fields = g_ptr_array_new_with_free_func ((GDestroyNotify) data_field_free);

      FOREACH_OBJECT (object, "fields", field_object)
        {
          DossierDataField *field;
          char *key = dup_id (field_object, "key");

          if (key == NULL)
            continue;
          field = g_new0 (DossierDataField, 1);
          field->key = key;
          field->data_type = read_data_type (field_object, &field->data_type_raw);
          field->required = dossier_json_get_boolean (field_object, "required", TRUE);
          field->values = read_values (field_object);
          g_ptr_array_add (group->fields, field);
        }

      g_ptr_array_add (self->data_groups, group);
    }
}

static void
read_document_groups (DossierRequirements *self,
                      JsonObject          *root)
{
  FOREACH_OBJECT (root, "documents", object)
    {
      DossierDocumentGroup *group;
      char *id = dup_id (object, "id");

      if (id == NULL)
        continue;

      group = g_new0 (DossierDocumentGroup, 1);
      group->id = id;
      group->name = dup_name (object, id);
      group->description = dup_text (object, "description");
      group->required = dossier_json_get_boolean (object, "required", TRUE);
      group->alternatives = g_ptr_array_new_with_free_func ((GDestroyNotify) _dossier_document_alternative_free);

      FOREACH_OBJECT (object, "valid_documents", alt_object)
        {
          DossierDocumentAlternative *alternative;
          char *alt_id = dup_id (alt_object, "id");

          if (alt_id == NULL)
            continue;
          alternative = g_new0 (DossierDocumentAlternative, 1);
          alternative->id = alt_id;
          alternative->name = dup_name (alt_object, alt_id);
          alternative->description = dup_text (alt_object, "description");
          alternative->required = dossier_json_get_boolean (alt_object, "required", TRUE);
          alternative->require_image = dossier_json_get_boolean (alt_object, "require_image", TRUE);
          alternative->require_back_image = dossier_json_get_boolean (alt_object, "require_back_image", FALSE);
          alternative->metadata = g_ptr_array_new_with_free_func ((GDestroyNotify) _dossier_metadata_field_free);

          FOREACH_OBJECT (alt_object, "metadata", meta_object)
            {
              DossierMetadataField *field;
              char *meta_id = dup_id (meta_object, "id");

              if (meta_id == NULL)
                continue;
              field = g_new0 (DossierMetadataField, 1);
              field->id = meta_id;
              field->name = dup_name (meta_object, meta_id);
              field->data_type = read_data_type (meta_object, &field->data_type_raw);
              field->required = dossier_json_get_boolean (meta_object, "required", TRUE);
              field->values = read_values (meta_object);
              g_ptr_array_add (alternative->metadata, field);
            }

          g_ptr_array_add (group->alternatives, alternative);
        }

      g_ptr_array_add (self->document_groups, group);
    }
}

/**
 * dossier_requirements_new_from_json:
 * @node: (nullable): `missing_requirements` as received; %NULL, null or a non-object is empty
 *
 * Returns: (transfer full): the requirements, never %NULL
 */
DossierRequirements *
dossier_requirements_new_from_json (JsonNode *node)
{
  DossierRequirements *self = g_object_new (DOSSIER_TYPE_REQUIREMENTS, NULL);

  if (node != NULL && JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *root = json_node_get_object (node);

      read_data_groups (self, root);
      read_document_groups (self, root);
    }

  return self;
}

/**
 * dossier_requirements_is_empty:
 * @self: a #DossierRequirements
 *
 * Returns: %TRUE when nothing is missing, required or not
 */
gboolean
dossier_requirements_is_empty (DossierRequirements *self)
{
  g_return_val_if_fail (DOSSIER_IS_REQUIREMENTS (self), TRUE);

  return self->data_groups->len == 0 && self->document_groups->len == 0;
}

/**
 * dossier_data_field_blocks:
 * @group: a data group
 * @field: one of its fields
 *
 * Returns: whether the missing field blocks submit: it and its group are required (§6.4)
 */
gboolean
dossier_data_field_blocks (const DossierDataGroup *group,
                           const DossierDataField *field)
{
  g_return_val_if_fail (group != NULL && field != NULL, FALSE);

  return group->required && field->required;
}

/**
 * dossier_document_group_blocks:
 * @group: a document group
 *
 * A document group is one requirement; the `required` of its alternatives has no effect on
 * it (§6.4).
 *
 * Returns: whether the missing document blocks submit
 */
gboolean
dossier_document_group_blocks (const DossierDocumentGroup *group)
{
  g_return_val_if_fail (group != NULL, FALSE);

  return group->required;
}

/**
 * dossier_requirements_blocks:
 * @self: a #DossierRequirements
 *
 * Returns: %TRUE when at least one missing item blocks submit (§6.4); optional items never do
 */
gboolean
dossier_requirements_blocks (DossierRequirements *self)
{
  g_return_val_if_fail (DOSSIER_IS_REQUIREMENTS (self), FALSE);

  for (guint i = 0; i < self->document_groups->len; i++)
    {
      if (dossier_document_group_blocks (g_ptr_array_index (self->document_groups, i)))
        return TRUE;
    }

  for (guint i = 0; i < self->data_groups->len; i++)
    {
      const DossierDataGroup *group = g_ptr_array_index (self->data_groups, i);

      for (guint j = 0; j < group->fields->len; j++)
        {
          if (dossier_data_field_blocks (group, g_ptr_array_index (group->fields, j)))
            return TRUE;
        }
    }

  return FALSE;
}
