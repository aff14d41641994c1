/* dossier-journal-digest.c — the canonical content digest of a journal event
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The format is documented at the top of dossier-journal-chain.c; it is part of the
 * file format: changing it makes every stored digest fail verification.
 */
#include "config.h"

#include <string.h>

#include "dossier-journal-private.h"

static void
canonical_string (GString    *out,
                  const char *text)
{
  g_string_append_c (out, '"');
  for (const char *p = text; *p != '\0'; p++)
    {
      guchar c = (guchar) *p;

      if (c == '"' || c == '\\')
        {
          g_string_append_c (out, '\\');
          g_string_append_c (out, (char) c);
        }
      else if (c < 0x20)
        g_string_append_printf (out, "\\u%04x", c);
      else
        g_string_append_c (out, (char) c);
    }
  g_string_append_c (out, '"');
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static void
canonical_json (GString  *out,
                JsonNode *node)
{
  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_OBJECT:
      {
        JsonObject *object = json_node_get_object (node);
        g_autoptr(GList) members = json_object_get_members (object);
        g_autoptr(GPtrArray) names = g_ptr_array_new ();

        for (GList *l = members; l != NULL; l = l->next)
          g_ptr_array_add (names, l->data);
        g_ptr_array_sort (names, compare_names);

        g_string_append_c (out, '{');
        for (guint i = 0; i < names->len; i++)
          {
            const char *name = g_ptr_array_index (names, i);

            if (i > 0)
              g_string_append_c (out, ',');
            canonical_string (out, name);
            g_string_append_c (out, ':');
            canonical_json (out, json_object_get_member (object, name));
          }
        g_string_append_c (out, '}');
      }
      break;

    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);

        g_string_append_c (out, '[');
        for (guint i = 0; i < json_array_get_length (array); i++)
          {
            if (i > 0)
              g_string_append_c (out, ',');
            canonical_json (out, json_array_get_element (array, i));
          }
        g_string_append_c (out, ']');
      }
      break;

    case JSON_NODE_VALUE:
      switch (json_node_get_value_type (node))
        {
        case G_TYPE_INT64:
          g_string_append_printf (out, "%" G_GINT64_FORMAT, json_node_get_int (node));
          break;
        case G_TYPE_DOUBLE:
          {
            char buffer[G_ASCII_DTOSTR_BUF_SIZE];

            g_string_append (out, g_ascii_dtostr (buffer, sizeof buffer,
                                                  json_node_get_double (node)));
          }
          break;
        case G_TYPE_BOOLEAN:
          g_string_append (out, json_node_get_boolean (node) ? "true" : "false");
          break;
        case G_TYPE_STRING:
          canonical_string (out, json_node_get_string (node));
          break;
        default:
          g_string_append (out, "null");
          break;
        }
      break;

    case JSON_NODE_NULL:
    default:
      g_string_append (out, "null");
      break;
    }
}

static void
add_field (GChecksum  *checksum,
           const char *text)
{
  g_autofree char *length = NULL;

  if (text == NULL)
    {
      g_checksum_update (checksum, (const guchar *) "-;", 2);
      return;
    }

  length = g_strdup_printf ("%" G_GSIZE_FORMAT ":", strlen (text));
  g_checksum_update (checksum, (const guchar *) length, -1);
  g_checksum_update (checksum, (const guchar *) text, -1);
  g_checksum_update (checksum, (const guchar *) ";", 1);
}

char *
_dossier_journal_digest_fields (const char *kind,
               const char *client_id,
               const char *request_id,
               gint64      occurred_at,
               gboolean    observed,
               const char *action,
               const char *trace_id,
               const char *details)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autofree char *when = g_strdup_printf ("%" G_GINT64_FORMAT, occurred_at);
  g_autofree char *canonical = NULL;
  g_autoptr(JsonNode) node = NULL;

  if (details != NULL)
    node = json_from_string (details, NULL);
  if (node != NULL)
    {
      GString *out = g_string_new (NULL);

      canonical_json (out, node);
      canonical = g_string_free (out, FALSE);
    }
  else if (details != NULL)
    canonical = g_strconcat ("!raw:", details, NULL);

  g_checksum_update (checksum, (const guchar *) "dossier-event/1;", -1);
  add_field (checksum, kind);
  add_field (checksum, client_id);
  add_field (checksum, request_id);
  add_field (checksum, when);
  add_field (checksum, observed ? "1" : "0");
  add_field (checksum, action);
  add_field (checksum, trace_id);
  add_field (checksum, canonical);

  return g_strdup (g_checksum_get_string (checksum));
}

/* The digest of a row whose columns, from @first_column, are kind, client_id,
 * request_id, occurred_at, observed, action, trace_id, details. */
char *
_dossier_journal_chain_digest (sqlite3_stmt *stmt,
                               int           first_column)
{
  int c = first_column;

  return _dossier_journal_digest_fields ((const char *) sqlite3_column_text (stmt, c),
                        (const char *) sqlite3_column_text (stmt, c + 1),
                        (const char *) sqlite3_column_text (stmt, c + 2),
                        sqlite3_column_int64 (stmt, c + 3),
                        sqlite3_column_int (stmt, c + 4) != 0,
                        (const char *) sqlite3_column_text (stmt, c + 5),
                        (const char *) sqlite3_column_text (stmt, c + 6),
                        (const char *) sqlite3_column_text (stmt, c + 7));
}

