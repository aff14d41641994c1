/* dossier-sandbox-json-write.c — compact, always-valid JSON for response bodies
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * json-glib 1.6's generator writes infinity as `inf.0` and 1e20 as `1e+20.0`, neither of them
 * JSON, and doubles with 17 digits (0.1 → 0.10000000000000001); this writer does not.
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "dossier-sandbox-json.h"

/* ---- serialising ---- */

static void
write_string (GString    *out,
              const char *text)
{
  g_autofree char *valid = NULL;
  const guchar *p;

  /* Strings the sandbox holds are valid UTF-8; anything else is repaired rather than sent. */
  if (!g_utf8_validate (text, -1, NULL))
    text = valid = g_utf8_make_valid (text, -1);

  g_string_append_c (out, '"');
  for (p = (const guchar *) text; *p != '\0'; p++)
    {
      switch (*p)
        {
        case '"':  g_string_append (out, "\\\""); break;
        case '\\': g_string_append (out, "\\\\"); break;
        case '\b': g_string_append (out, "\\b"); break;
        case '\f': g_string_append (out, "\\f"); break;
        case '\n': g_string_append (out, "\\n"); break;
        case '\r': g_string_append (out, "\\r"); break;
        case '\t': g_string_append (out, "\\t"); break;
        default:
          if (*p < 0x20)
            g_string_append_printf (out, "\\u%04x", *p);
          else
            g_string_append_c (out, (char) *p);
          break;
        }
    }
  g_string_append_c (out, '"');
}

static void
write_double (GString *out,
              double   value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  if (isnan (value))
    {
      g_string_append (out, "null");
      return;
    }
  if (isinf (value))
    {
      g_string_append (out, value > 0 ? "1e999" : "-1e999");
      return;
    }

  /* The shortest %.Ng that reads back exactly (%.17g always does). */
  for (int precision = 1; precision <= 17; precision++)
    {
      char format[8];

      g_snprintf (format, sizeof format, "%%.%dg", precision);
      g_ascii_formatd (buffer, sizeof buffer, format, value);
      if (g_ascii_strtod (buffer, NULL) == value)
        break;
    }

  g_string_append (out, buffer);
  /* Keep it a non-integer literal, as it was parsed. */
  if (strpbrk (buffer, ".eE") == NULL)
    g_string_append (out, ".0");
}

/* Recursive, but only over trees that are either built by the sandbox or parsed by the parser
 * above (at most 64 levels). */
static void
write_node (GString  *out,
            JsonNode *node)
{
  if (node == NULL)
    {
      g_string_append (out, "null");
      return;
    }

  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_OBJECT:
      {
        JsonObject *object = json_node_get_object (node);
        GList *members = json_object_get_members (object);

        g_string_append_c (out, '{');
        for (GList *l = members; l != NULL; l = l->next)
          {
            if (l != members)
              g_string_append_c (out, ',');
            write_string (out, l->data);
            g_string_append_c (out, ':');
            write_node (out, json_object_get_member (object, l->data));
          }
        g_string_append_c (out, '}');
        g_list_free (members);
      }
      break;

    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);
        guint length = json_array_get_length (array);

        g_string_append_c (out, '[');
        for (guint i = 0; i < length; i++)
          {
            if (i > 0)
              g_string_append_c (out, ',');
            write_node (out, json_array_get_element (array, i));
          }
        g_string_append_c (out, ']');
      }
      break;

    case JSON_NODE_VALUE:
      {
        GType type = json_node_get_value_type (node);

        if (type == G_TYPE_STRING)
          write_string (out, json_node_get_string (node) ? json_node_get_string (node) : "");
        else if (type == G_TYPE_INT64 || type == G_TYPE_INT || type == G_TYPE_LONG)
          g_string_append_printf (out, "%" G_GINT64_FORMAT, json_node_get_int (node));
        else if (type == G_TYPE_DOUBLE || type == G_TYPE_FLOAT)
          write_double (out, json_node_get_double (node));
        else if (type == G_TYPE_BOOLEAN)
          g_string_append (out, json_node_get_boolean (node) ? "true" : "false");
        else
          g_string_append (out, "null");
      }
      break;

    case JSON_NODE_NULL:
    default:
      g_string_append (out, "null");
      break;
    }
}

/**
 * dossier_sandbox_json_to_string:
 * @node: (nullable): a node
 *
 * Returns: (transfer full): compact RFC 8259 text for @node
 */
char *
dossier_sandbox_json_to_string (JsonNode *node)
{
  GString *out = g_string_new (NULL);

  write_node (out, node);

  return g_string_free (out, FALSE);
}

/**
 * dossier_sandbox_json_to_bytes:
 * @node: (nullable): a node
 *
 * Returns: (transfer full): compact RFC 8259 UTF-8 bytes for @node, no trailing NUL
 */
GBytes *
dossier_sandbox_json_to_bytes (JsonNode *node)
{
  GString *out = g_string_new (NULL);

  write_node (out, node);

  return g_string_free_to_bytes (out);
}

