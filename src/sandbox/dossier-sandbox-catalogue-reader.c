/* dossier-sandbox-catalogue-reader.c — typed getters for reading a catalogue file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A DossierCatalogueReader stands at one object of the file (its path, e.g.
 * `products[1].documents[0]`) and turns the first problem it meets into a
 * DOSSIER_SANDBOX_ERROR_CATALOGUE that names the member by its full path.
 * A `null` member counts as absent.
 */

#define G_LOG_DOMAIN "dossier-sandbox"

#include <stdarg.h>
#include <string.h>

#include "dossier-sandbox-catalogue-private.h"
#include "dossier-sandbox-engine.h"

DossierCatalogueReader
reader_at (const DossierCatalogueReader *r,
           const char                   *path)
{
  DossierCatalogueReader at = *r;

  at.path = path;
  return at;
}

char *
reader_join (const DossierCatalogueReader *r,
             const char                   *name)
{
  return r->path[0] == '\0' ? g_strdup (name) : g_strconcat (r->path, ".", name, NULL);
}

char *
reader_index (const DossierCatalogueReader *r,
              const char                   *name,
              guint                         index)
{
  g_autofree char *array_path = reader_join (r, name);

  return g_strdup_printf ("%s[%u]", array_path, index);
}

gboolean
reader_fail (const DossierCatalogueReader *r,
             const char                   *member,
             const char                   *format,
             ...)
{
  g_autofree char *problem = NULL;
  g_autofree char *path = member != NULL ? reader_join (r, member) : g_strdup (r->path);
  va_list args;

  va_start (args, format);
  problem = g_strdup_vprintf (format, args);
  va_end (args);

  if (path[0] != '\0')
    g_set_error (r->error, DOSSIER_SANDBOX_ERROR, DOSSIER_SANDBOX_ERROR_CATALOGUE,
                 "Invalid %s: %s: %s", r->label, path, problem);
  else
    g_set_error (r->error, DOSSIER_SANDBOX_ERROR, DOSSIER_SANDBOX_ERROR_CATALOGUE,
                 "Invalid %s: %s", r->label, problem);

  return FALSE;
}

gpointer
reader_alloc (const DossierCatalogueReader *r,
              gsize                         element_size,
              guint                         n)
{
  gpointer array = g_malloc0 (element_size * MAX (n, 1));

  g_ptr_array_add (r->catalogue->allocations, array);
  return array;
}

JsonNode *
reader_member (JsonObject *object,
               const char *name)
{
  return dossier_sandbox_catalogue_get_present_member (object, name);
}

gboolean
reader_holds (JsonNode *node,
              GType     type)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == type;
}

gboolean
reader_is_id (const char *text)
{
  gsize len = strlen (text);

  if (len < 1 || len > 64 || !g_ascii_islower (text[0]))
    return FALSE;

  for (gsize i = 1; i < len; i++)
    {
      if (!g_ascii_islower (text[i]) && !g_ascii_isdigit (text[i]) && text[i] != '_')
        return FALSE;
    }

  return TRUE;
}

gboolean
reader_string (const DossierCatalogueReader *r,
               JsonObject                   *object,
               const char                   *name,
               gboolean                      required,
               const char                  **out)
{
  JsonNode *node = reader_member (object, name);

  *out = NULL;
  if (node == NULL)
    return required ? reader_fail (r, name, "is required") : TRUE;
  if (!reader_holds (node, G_TYPE_STRING))
    return reader_fail (r, name, "must be a string");

  *out = json_node_get_string (node);
  return TRUE;
}

gboolean
reader_bool (const DossierCatalogueReader *r,
             JsonObject                   *object,
             const char                   *name,
             gboolean                      required,
             gboolean                     *out)
{
  JsonNode *node = reader_member (object, name);

  *out = FALSE;
  if (node == NULL)
    return required ? reader_fail (r, name, "is required") : TRUE;
  if (!reader_holds (node, G_TYPE_BOOLEAN))
    return reader_fail (r, name, "must be true or false");

  *out = json_node_get_boolean (node);
  return TRUE;
}

gboolean
reader_array (const DossierCatalogueReader *r,
              JsonObject                   *object,
              const char                   *name,
              guint                         min_length,
              JsonArray                   **out)
{
  JsonNode *node = reader_member (object, name);

  *out = NULL;
  if (node == NULL)
    return reader_fail (r, name, "is required");
  if (!JSON_NODE_HOLDS_ARRAY (node))
    return reader_fail (r, name, "must be an array");

  *out = json_node_get_array (node);
  if (json_array_get_length (*out) < min_length)
    return reader_fail (r, name, "must not be empty");

  return TRUE;
}

JsonObject *
reader_element (const DossierCatalogueReader *r,
                JsonArray                    *array,
                guint                         index)
{
  JsonNode *node = json_array_get_element (array, index);

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      reader_fail (r, NULL, "must be an object");
      return NULL;
    }

  return json_node_get_object (node);
}

gboolean
reader_id (const DossierCatalogueReader *r,
           JsonObject                   *object,
           const char                  **out)
{
  if (!reader_string (r, object, "id", TRUE, out))
    return FALSE;
  if (!reader_is_id (*out))
    return reader_fail (r, "id", "must match %s", READER_ID_PATTERN);

  return TRUE;
}

gboolean
reader_annotations (const DossierCatalogueReader *r,
                    JsonObject                   *object,
                    gboolean                      description_required,
                    const char                  **description)
{
  gboolean invented;
  const char *text;

  return reader_bool (r, object, "invented", FALSE, &invented)
         && reader_string (r, object, "description", description_required,
                           description != NULL ? description : &text);
}
