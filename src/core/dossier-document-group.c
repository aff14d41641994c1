/* dossier-document-group.c — a document group's own copy, and comparing two
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The groups belong to a DossierRequirements that is replaced after every answer; a
 * widget that shows one keeps a deep copy, to outlive it and to compare the next with it.
 */
#include "config.h"

#include "dossier-requirements-private.h"

/**
 * dossier_document_group_copy:
 * @group: a group of a #DossierRequirements
 *
 * Returns: (transfer full): a deep copy; free with dossier_document_group_free()
 */
DossierDocumentGroup *
dossier_document_group_copy (const DossierDocumentGroup *group)
{
  DossierDocumentGroup *copy = g_new0 (DossierDocumentGroup, 1);

  copy->id = g_strdup (group->id);
  copy->name = g_strdup (group->name);
  copy->description = g_strdup (group->description);
  copy->required = group->required;
  copy->alternatives = g_ptr_array_new_with_free_func ((GDestroyNotify) _dossier_document_alternative_free);
  for (guint i = 0; group->alternatives != NULL && i < group->alternatives->len; i++)
    {
      const DossierDocumentAlternative *a = g_ptr_array_index (group->alternatives, i);
      DossierDocumentAlternative *b = g_new0 (DossierDocumentAlternative, 1);

      b->id = g_strdup (a->id);
      b->name = g_strdup (a->name);
      b->description = g_strdup (a->description);
      b->required = a->required;
      b->require_image = a->require_image;
      b->require_back_image = a->require_back_image;
      b->metadata = g_ptr_array_new_with_free_func ((GDestroyNotify) _dossier_metadata_field_free);
      for (guint j = 0; a->metadata != NULL && j < a->metadata->len; j++)
        {
          const DossierMetadataField *f = g_ptr_array_index (a->metadata, j);
          DossierMetadataField *g = g_new0 (DossierMetadataField, 1);

          g->id = g_strdup (f->id);
          g->name = g_strdup (f->name);
          g->data_type = f->data_type;
          g->data_type_raw = g_strdup (f->data_type_raw);
          g->required = f->required;
          g->values = g_strdupv (f->values);
          g_ptr_array_add (b->metadata, g);
        }
      g_ptr_array_add (copy->alternatives, b);
    }
  return copy;
}

static gboolean
metadata_equal (const DossierMetadataField *a,
                const DossierMetadataField *b)
{
  return g_strcmp0 (a->id, b->id) == 0
         && g_strcmp0 (a->name, b->name) == 0
         && a->data_type == b->data_type
         && g_strcmp0 (a->data_type_raw, b->data_type_raw) == 0
         && a->required == b->required
         && ((a->values == NULL && b->values == NULL)
             || (a->values != NULL && b->values != NULL
                 && g_strv_equal ((const char * const *) a->values, (const char * const *) b->values)));
}

gboolean
dossier_document_group_equal (const DossierDocumentGroup *a,
                               const DossierDocumentGroup *b)
{
  if (g_strcmp0 (a->id, b->id) != 0 || g_strcmp0 (a->name, b->name) != 0
      || g_strcmp0 (a->description, b->description) != 0 || a->required != b->required
      || a->alternatives->len != b->alternatives->len)
    return FALSE;
  for (guint i = 0; i < a->alternatives->len; i++)
    {
      const DossierDocumentAlternative *x = g_ptr_array_index (a->alternatives, i);
      const DossierDocumentAlternative *y = g_ptr_array_index (b->alternatives, i);

      if (g_strcmp0 (x->id, y->id) != 0 || g_strcmp0 (x->name, y->name) != 0
          || g_strcmp0 (x->description, y->description) != 0
          || x->require_image != y->require_image
          || x->require_back_image != y->require_back_image
          || x->metadata->len != y->metadata->len)
        return FALSE;
      for (guint j = 0; j < x->metadata->len; j++)
        if (!metadata_equal (g_ptr_array_index (x->metadata, j), g_ptr_array_index (y->metadata, j)))
          return FALSE;
    }
  return TRUE;
}
