/* fuzz-requirements.c — fuzz target: `missing_requirements` as a server might send it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Bytes → dossier_json_parse_bytes() → dossier_requirements_new_from_json()
 * on the root (and on its `missing_requirements` member when there is one);
 * every group, field and alternative is walked and looked up again by id, and
 * a second read must be equal to the first.
 */
#include "fuzz-common.h"

#include <string.h>

#include "dossier-json.h"
#include "dossier-requirements.h"

/* A NULL-terminated list: walking it reads every byte of every value. */
static void
check_strv (char **values)
{
  gsize total = 0;

  for (guint i = 0; values != NULL && values[i] != NULL; i++)
    total += strlen (values[i]);
  g_assert_true (total < G_MAXSIZE);
}

static void
exercise (DossierRequirements *requirements)
{
  guint n_data = dossier_requirements_get_n_data_groups (requirements);
  guint n_documents = dossier_requirements_get_n_document_groups (requirements);

  (void) dossier_requirements_is_empty (requirements);
  (void) dossier_requirements_blocks (requirements);

  for (guint i = 0; i < n_data; i++)
    {
      const DossierDataGroup *group = dossier_requirements_get_data_group (requirements, i);

      g_assert_nonnull (group);
      g_assert_nonnull (group->id);
      g_assert_nonnull (group->name);
      g_assert_nonnull (group->description);
      g_assert_nonnull (dossier_requirements_lookup_data_group (requirements, group->id));
      for (guint j = 0; group->fields != NULL && j < group->fields->len; j++)
        {
          const DossierDataField *field = group->fields->pdata[j];

          g_assert_nonnull (field->key);
          check_strv (field->values);
          g_assert_nonnull (dossier_requirements_lookup_data_field (requirements, field->key));
          (void) dossier_data_field_blocks (group, field);
        }
    }

  for (guint i = 0; i < n_documents; i++)
    {
      const DossierDocumentGroup *group = dossier_requirements_get_document_group (requirements, i);

      g_assert_nonnull (group);
      g_assert_nonnull (group->id);
      g_assert_nonnull (group->name);
      g_assert_nonnull (dossier_requirements_lookup_document_group (requirements, group->id));
      (void) dossier_document_group_blocks (group);
      for (guint j = 0; group->alternatives != NULL && j < group->alternatives->len; j++)
        {
          const DossierDocumentAlternative *alternative = group->alternatives->pdata[j];

          g_assert_nonnull (alternative->id);
          g_assert_nonnull (dossier_requirements_lookup_alternative (requirements, alternative->id));
          for (guint k = 0; alternative->metadata != NULL && k < alternative->metadata->len; k++)
            {
              const DossierMetadataField *field = alternative->metadata->pdata[k];

              g_assert_nonnull (field->id);
              g_assert_nonnull (field->name);
              check_strv (field->values);
            }
        }
    }
}

static void
try_requirements (JsonNode *node)
{
  g_autoptr(DossierRequirements) requirements = dossier_requirements_new_from_json (node);
  g_autoptr(DossierRequirements) again = dossier_requirements_new_from_json (node);

  g_assert_nonnull (requirements);
  exercise (requirements);
  g_assert_true (dossier_requirements_equal (requirements, again));
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *humanised = NULL;

  if (size > FUZZ_MAX_INPUT)
    return 0;
  fuzz_init_once ();

  bytes = g_bytes_new (data, size);
  root = dossier_json_parse_bytes (bytes, &error);
  g_assert_true (root == NULL || error == NULL);
  if (root == NULL)
    {
      /* Not JSON: the bytes as an id to humanise, when they are text. */
      if (size < 4096 && g_utf8_validate ((const char *) data, size, NULL))
        {
          g_autofree char *id = g_strndup ((const char *) data, size);

          humanised = dossier_requirements_humanise_id (id);
          g_assert_nonnull (humanised);
        }
      return 0;
    }

  try_requirements (root);
  if (JSON_NODE_HOLDS_OBJECT (root))
    {
      JsonNode *member = json_object_get_member (json_node_get_object (root),
                                                 "missing_requirements");

      if (member != NULL)
        try_requirements (member);
    }
  return 0;
}
