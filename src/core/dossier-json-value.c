/* dossier-json-value.c — tolerant reading of single JSON values (CONTRACT.md §15.2)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Strings that arrive as numbers, numbers that arrive as strings, booleans as text,
 * enumerated values in any case: each getter reads what it can and treats the rest as absent.
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "dossier-json.h"

/**
 * dossier_json_node_dup_string:
 * @node: (nullable): a value
 *
 * Reads a string tolerantly: a string (made valid UTF-8), or a number written in decimal.
 *
 * Returns: (transfer full) (nullable): the text, or %NULL for null, booleans and containers
 */
char *
dossier_json_node_dup_string (JsonNode *node)
{
  GType type;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return NULL;

  type = json_node_get_value_type (node);
  if (type == G_TYPE_STRING)
    {
      const char *text = json_node_get_string (node);

      if (text == NULL)
        return NULL;
      if (g_utf8_validate (text, -1, NULL))
        return g_strdup (text);
      return g_utf8_make_valid (text, -1);
    }
  if (type == G_TYPE_INT64)
    return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
  if (type == G_TYPE_DOUBLE)
    {
      double value = json_node_get_double (node);
      char buffer[G_ASCII_DTOSTR_BUF_SIZE];

      if (!isfinite (value))
        return NULL;
      if (value == floor (value) && fabs (value) < 1e15)
        return g_strdup_printf ("%.0f", value);
      return g_strdup (g_ascii_dtostr (buffer, sizeof buffer, value));
    }
  return NULL;
}

/**
 * dossier_json_node_get_int64:
 * @node: (nullable): a value
 * @value: (out) (optional): the integer
 *
 * Reads an integer tolerantly: an integer literal, a double with no fraction inside the
 * int64 range, or a string of decimal digits with an optional sign and surrounding spaces.
 * Literals that overflowed int64 in the text arrive as doubles out of range (see
 * dossier_json_parse_data()) and are unreadable.
 *
 * Returns: %TRUE when @node held a readable integer
 */
gboolean
dossier_json_node_get_int64 (JsonNode *node,
                             gint64   *value)
{
  GType type;
  gint64 result;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return FALSE;

  type = json_node_get_value_type (node);
  if (type == G_TYPE_INT64)
    {
      result = json_node_get_int (node);
    }
  else if (type == G_TYPE_DOUBLE)
    {
      double d = json_node_get_double (node);

      if (!isfinite (d) || d != floor (d) || d < -9.2e18 || d > 9.2e18)
        return FALSE;
      result = (gint64) d;
    }
  else if (type == G_TYPE_STRING)
    {
      g_autofree char *text = g_strstrip (g_strdup (json_node_get_string (node)));
      const char *digits = text;

      if (*digits == '+')
        digits++;
      if (*digits == '\0' || !g_ascii_string_to_signed (digits, 10, G_MININT64, G_MAXINT64,
                                                        &result, NULL))
        return FALSE;
    }
  else
    {
      return FALSE;
    }

  if (value != NULL)
    *value = result;
  return TRUE;
}

/**
 * dossier_json_dup_string:
 * @object: (nullable): an object
 * @member: a member name
 *
 * dossier_json_node_dup_string() on a member.
 *
 * Returns: (transfer full) (nullable): the text
 */
char *
dossier_json_dup_string (JsonObject *object,
                         const char *member)
{
  if (object == NULL)
    return NULL;
  return dossier_json_node_dup_string (json_object_get_member (object, member));
}

/**
 * dossier_json_get_int64:
 * @object: (nullable): an object
 * @member: a member name
 * @value: (out) (optional): the integer
 *
 * dossier_json_node_get_int64() on a member.
 *
 * Returns: %TRUE when the member held a readable integer
 */
gboolean
dossier_json_get_int64 (JsonObject *object,
                        const char *member,
                        gint64     *value)
{
  if (object == NULL)
    return FALSE;
  return dossier_json_node_get_int64 (json_object_get_member (object, member), value);
}

/**
 * dossier_json_get_boolean:
 * @object: (nullable): an object
 * @member: a member name
 * @default_value: what an absent or unreadable member means
 *
 * Reads a boolean tolerantly: `true`/`false`, the strings `"true"`/`"false"` in any case,
 * or an integer (non-zero is true).
 *
 * Returns: the value
 */
gboolean
dossier_json_get_boolean (JsonObject *object,
                          const char *member,
                          gboolean    default_value)
{
  JsonNode *node;
  GType type;

  if (object == NULL)
    return default_value;
  node = json_object_get_member (object, member);
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return default_value;

  type = json_node_get_value_type (node);
  if (type == G_TYPE_BOOLEAN)
    return json_node_get_boolean (node);
  if (type == G_TYPE_INT64)
    return json_node_get_int (node) != 0;
  if (type == G_TYPE_STRING)
    {
      const char *text = json_node_get_string (node);

      if (dossier_json_enum_equal (text, "true"))
        return TRUE;
      if (dossier_json_enum_equal (text, "false"))
        return FALSE;
    }
  return default_value;
}

/**
 * dossier_json_get_object:
 * @object: (nullable): an object
 * @member: a member name
 *
 * Returns: (transfer none) (nullable): the member when it is an object
 */
JsonObject *
dossier_json_get_object (JsonObject *object,
                         const char *member)
{
  JsonNode *node;

  if (object == NULL)
    return NULL;
  node = json_object_get_member (object, member);
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return NULL;
  return json_node_get_object (node);
}

/**
 * dossier_json_get_array:
 * @object: (nullable): an object
 * @member: a member name
 *
 * Returns: (transfer none) (nullable): the member when it is an array
 */
JsonArray *
dossier_json_get_array (JsonObject *object,
                        const char *member)
{
  JsonNode *node;

  if (object == NULL)
    return NULL;
  node = json_object_get_member (object, member);
  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return NULL;
  return json_node_get_array (node);
}

/**
 * dossier_json_enum_equal:
 * @a: (nullable): an enumerated value as received
 * @b: (nullable): a known value
 *
 * Compares enumerated values the way §15.2 asks: ignoring ASCII case and surrounding
 * whitespace. %NULL equals only %NULL.
 *
 * Returns: whether they name the same value
 */
gboolean
dossier_json_enum_equal (const char *a,
                         const char *b)
{
  gsize la;
  gsize lb;

  if (a == NULL || b == NULL)
    return a == b;

  while (g_ascii_isspace (*a))
    a++;
  while (g_ascii_isspace (*b))
    b++;
  la = strlen (a);
  lb = strlen (b);
  while (la > 0 && g_ascii_isspace (a[la - 1]))
    la--;
  while (lb > 0 && g_ascii_isspace (b[lb - 1]))
    lb--;

  return la == lb && g_ascii_strncasecmp (a, b, la) == 0;
}

/**
 * dossier_json_node_deep_copy:
 * @node: (nullable): a node
 *
 * json_node_copy() shares the objects and arrays it copies; this copies them too, so that
 * the copy owns an independent tree (nulls inside containers are kept).
 *
 * Returns: (transfer full) (nullable): the copy
 */
JsonNode *
dossier_json_node_deep_copy (JsonNode *node)
{
  if (node == NULL)
    return NULL;

  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *source = json_node_get_object (node);
      g_autoptr(JsonObject) copy = json_object_new ();
      JsonObjectIter iter;
      const char *name;
      JsonNode *member;

      json_object_iter_init_ordered (&iter, source);
      while (json_object_iter_next_ordered (&iter, &name, &member))
        json_object_set_member (copy, name, dossier_json_node_deep_copy (member));
      return json_node_init_object (json_node_alloc (), copy);
    }

  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *source = json_node_get_array (node);
      guint n = json_array_get_length (source);
      g_autoptr(JsonArray) copy = json_array_sized_new (n);

      for (guint i = 0; i < n; i++)
        json_array_add_element (copy, dossier_json_node_deep_copy (json_array_get_element (source, i)));
      return json_node_init_array (json_node_alloc (), copy);
    }

  return json_node_copy (node);
}
