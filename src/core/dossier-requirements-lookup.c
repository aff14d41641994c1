/* dossier-requirements-lookup.c — DossierRequirements: groups by position, lookups by id or
 * key, and equality
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Parsing lives in dossier-requirements.c. Ids and keys are compared like the server's enum
 * values (§15.2): case-insensitively.
 */
#include "config.h"

#include "dossier-json.h"
#include "dossier-requirements-private.h"

guint
dossier_requirements_get_n_data_groups (DossierRequirements *self)
{
  g_return_val_if_fail (DOSSIER_IS_REQUIREMENTS (self), 0);
  return self->data_groups->len;
}

/**
 * dossier_requirements_get_data_group:
 * @self: a #DossierRequirements
 * @index: below dossier_requirements_get_n_data_groups()
 *
 * Returns: (transfer none): the group, in server order
 */
const DossierDataGroup *
dossier_requirements_get_data_group (DossierRequirements *self,
                                     guint                index)
{
  g_return_val_if_fail (DOSSIER_IS_REQUIREMENTS (self), NULL);
  g_return_val_if_fail (index < self->data_groups->len, NULL);
  return g_ptr_array_index (self->data_groups, index);
}

guint
dossier_requirements_get_n_document_groups (DossierRequirements *self)
{
  g_return_val_if_fail (DOSSIER_IS_REQUIREMENTS (self), 0);
  return self->document_groups->len;
}

/**
 * dossier_requirements_get_document_group:
 * @self: a #DossierRequirements
 * @index: below dossier_requirements_get_n_document_groups()
 *
 * Returns: (transfer none): the group, in server order
 */
const DossierDocumentGroup *
dossier_requirements_get_document_group (DossierRequirements *self,
                                         guint                index)
{
  g_return_val_if_fail (DOSSIER_IS_REQUIREMENTS (self), NULL);
  g_return_val_if_fail (index < self->document_groups->len, NULL);
  return g_ptr_array_index (self->document_groups, index);
}

/**
 * dossier_requirements_lookup_data_group:
 * @self: a #DossierRequirements
 * @id: a group id, compared ignoring case (§15.2)
 *
 * Returns: (transfer none) (nullable): the group
 */
const DossierDataGroup *
dossier_requirements_lookup_data_group (DossierRequirements *self,
                                        const char          *id)
{
  g_return_val_if_fail (DOSSIER_IS_REQUIREMENTS (self), NULL);

  for (guint i = 0; i < self->data_groups->len; i++)
    {
      const DossierDataGroup *group = g_ptr_array_index (self->data_groups, i);

      if (dossier_json_enum_equal (group->id, id))
        return group;
    }
  return NULL;
}

/**
 * dossier_requirements_lookup_document_group:
 * @self: a #DossierRequirements
 * @id: a group id, compared ignoring case
 *
 * Returns: (transfer none) (nullable): the group
 */
const DossierDocumentGroup *
dossier_requirements_lookup_document_group (DossierRequirements *self,
                                            const char          *id)
{
  g_return_val_if_fail (DOSSIER_IS_REQUIREMENTS (self), NULL);

  for (guint i = 0; i < self->document_groups->len; i++)
    {
      const DossierDocumentGroup *group = g_ptr_array_index (self->document_groups, i);

      if (dossier_json_enum_equal (group->id, id))
        return group;
    }
  return NULL;
}

/**
 * dossier_requirements_lookup_data_field:
 * @self: a #DossierRequirements
 * @key: a data field key, compared ignoring case
 *
 * Returns: (transfer none) (nullable): the first field with that key in any group
 */
const DossierDataField *
dossier_requirements_lookup_data_field (DossierRequirements *self,
                                        const char          *key)
{
  g_return_val_if_fail (DOSSIER_IS_REQUIREMENTS (self), NULL);

  for (guint i = 0; i < self->data_groups->len; i++)
    {
      const DossierDataGroup *group = g_ptr_array_index (self->data_groups, i);

      for (guint j = 0; j < group->fields->len; j++)
        {
          const DossierDataField *field = g_ptr_array_index (group->fields, j);

          if (dossier_json_enum_equal (field->key, key))
            return field;
        }
    }
  return NULL;
}

/**
 * dossier_requirements_lookup_alternative:
 * @self: a #DossierRequirements
 * @id: a document type id (`passport`), compared ignoring case
 *
 * Returns: (transfer none) (nullable): the first alternative with that id in any group
 */
const DossierDocumentAlternative *
dossier_requirements_lookup_alternative (DossierRequirements *self,
                                         const char          *id)
{
  g_return_val_if_fail (DOSSIER_IS_REQUIREMENTS (self), NULL);

  for (guint i = 0; i < self->document_groups->len; i++)
    {
      const DossierDocumentGroup *group = g_ptr_array_index (self->document_groups, i);

      for (guint j = 0; j < group->alternatives->len; j++)
        {
          const DossierDocumentAlternative *alternative = g_ptr_array_index (group->alternatives, j);

          if (dossier_json_enum_equal (alternative->id, id))
            return alternative;
        }
    }
  return NULL;
}

static gboolean
strv_equal (char **a,
            char **b)
{
  return g_strv_equal ((const char * const *) a, (const char * const *) b);
}

static gboolean
data_groups_equal (const DossierDataGroup *a,
                   const DossierDataGroup *b)
{
  if (g_strcmp0 (a->id, b->id) != 0 || g_strcmp0 (a->name, b->name) != 0
      || g_strcmp0 (a->description, b->description) != 0 || a->required != b->required
      || a->fields->len != b->fields->len)
    return FALSE;

  for (guint i = 0; i < a->fields->len; i++)
    {
      const DossierDataField *fa = g_ptr_array_index (a->fields, i);
      const DossierDataField *fb = g_ptr_array_index (b->fields, i);

      if (g_strcmp0 (fa->key, fb->key) != 0 || g_strcmp0 (fa->data_type_raw, fb->data_type_raw) != 0
          || fa->required != fb->required || !strv_equal (fa->values, fb->values))
        return FALSE;
    }
  return TRUE;
}

static gboolean
alternatives_equal (const DossierDocumentAlternative *a,
                    const DossierDocumentAlternative *b)
{
  if (g_strcmp0 (a->id, b->id) != 0 || g_strcmp0 (a->name, b->name) != 0
      || g_strcmp0 (a->description, b->description) != 0 || a->required != b->required
      || a->require_image != b->require_image || a->require_back_image != b->require_back_image
      || a->metadata->len != b->metadata->len)
    return FALSE;

  for (guint i = 0; i < a->metadata->len; i++)
    {
      const DossierMetadataField *ma = g_ptr_array_index (a->metadata, i);
      const DossierMetadataField *mb = g_ptr_array_index (b->metadata, i);

      if (g_strcmp0 (ma->id, mb->id) != 0 || g_strcmp0 (ma->name, mb->name) != 0
          || g_strcmp0 (ma->data_type_raw, mb->data_type_raw) != 0
          || ma->required != mb->required || !strv_equal (ma->values, mb->values))
        return FALSE;
    }
  return TRUE;
}

static gboolean
document_groups_equal (const DossierDocumentGroup *a,
                       const DossierDocumentGroup *b)
{
  if (g_strcmp0 (a->id, b->id) != 0 || g_strcmp0 (a->name, b->name) != 0
      || g_strcmp0 (a->description, b->description) != 0 || a->required != b->required
      || a->alternatives->len != b->alternatives->len)
    return FALSE;

  for (guint i = 0; i < a->alternatives->len; i++)
    {
      if (!alternatives_equal (g_ptr_array_index (a->alternatives, i),
                               g_ptr_array_index (b->alternatives, i)))
        return FALSE;
    }
  return TRUE;
}

/**
 * dossier_requirements_equal:
 * @a: (nullable): requirements
 * @b: (nullable): requirements
 *
 * Returns: whether both list the same groups, items and values in the same order
 */
gboolean
dossier_requirements_equal (DossierRequirements *a,
                            DossierRequirements *b)
{
  if (a == b)
    return TRUE;
  if (a == NULL || b == NULL)
    return FALSE;
  if (a->data_groups->len != b->data_groups->len
      || a->document_groups->len != b->document_groups->len)
    return FALSE;

  for (guint i = 0; i < a->data_groups->len; i++)
    {
      if (!data_groups_equal (g_ptr_array_index (a->data_groups, i),
                              g_ptr_array_index (b->data_groups, i)))
        return FALSE;
    }
  for (guint i = 0; i < a->document_groups->len; i++)
    {
      if (!document_groups_equal (g_ptr_array_index (a->document_groups, i),
                                  g_ptr_array_index (b->document_groups, i)))
        return FALSE;
    }
  return TRUE;
}
