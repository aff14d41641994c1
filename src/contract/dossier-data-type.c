/* dossier-data-type.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The data types of CONTRACT.md §12.3, their §10.3 phrases and the small rules of §6.2.
 */

#define G_LOG_DOMAIN "dossier-contract"

#include <math.h>
#include <string.h>

#include "dossier-data-type.h"
#include "dossier-date.h"

static const char * const type_names[] = {
  [DOSSIER_DATA_TYPE_UNKNOWN] = NULL,
  [DOSSIER_DATA_TYPE_STRING]  = "STRING",
  [DOSSIER_DATA_TYPE_PHONE]   = "PHONE",
  [DOSSIER_DATA_TYPE_DATE]    = "DATE",
  [DOSSIER_DATA_TYPE_NUMBER]  = "NUMBER",
  [DOSSIER_DATA_TYPE_EMAIL]   = "EMAIL",
  [DOSSIER_DATA_TYPE_COUNTRY] = "COUNTRY",
  [DOSSIER_DATA_TYPE_ENUM]    = "ENUM",
};

/**
 * dossier_data_type_from_string:
 * @name: (nullable): a `data_type` as found in a catalogue or a response
 *
 * Compares ASCII case-insensitively (§15.2: `string` = `STRING`).
 *
 * Returns: the type, or %DOSSIER_DATA_TYPE_UNKNOWN for %NULL or an unknown name
 */
DossierDataType
dossier_data_type_from_string (const char *name)
{
  if (name == NULL)
    return DOSSIER_DATA_TYPE_UNKNOWN;

  for (guint i = DOSSIER_DATA_TYPE_STRING; i < G_N_ELEMENTS (type_names); i++)
    {
      if (g_ascii_strcasecmp (name, type_names[i]) == 0)
        return (DossierDataType) i;
    }

  return DOSSIER_DATA_TYPE_UNKNOWN;
}

/**
 * dossier_data_type_to_string:
 * @type: a data type
 *
 * Returns: (nullable): the upper-case contract name, or %NULL for %DOSSIER_DATA_TYPE_UNKNOWN
 */
const char *
dossier_data_type_to_string (DossierDataType type)
{
  if ((guint) type >= G_N_ELEMENTS (type_names))
    return NULL;

  return type_names[type];
}

static inline gboolean
is_contract_space (char c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r';
}

/**
 * dossier_contract_is_blank:
 * @text: (nullable): a text
 *
 * Returns: %TRUE when @text is %NULL or holds only ASCII whitespace (space, tab, LF, VT, FF, CR)
 */
gboolean
dossier_contract_is_blank (const char *text)
{
  if (text == NULL)
    return TRUE;

  for (const char *p = text; *p != '\0'; p++)
    {
      if (!is_contract_space (*p))
        return FALSE;
    }

  return TRUE;
}

/**
 * dossier_contract_count_chars:
 * @text: (nullable): a text
 *
 * Returns: the number of Unicode code points of @text, or -1 when it is %NULL or not valid UTF-8
 */
glong
dossier_contract_count_chars (const char *text)
{
  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    return -1;

  return g_utf8_strlen (text, -1);
}

/**
 * dossier_contract_is_within_length:
 * @text: (nullable): a text
 * @max_chars: the limit, in Unicode code points (§5)
 *
 * Returns: %TRUE when @text is valid UTF-8 of at most @max_chars code points (%NULL is not)
 */
gboolean
dossier_contract_is_within_length (const char *text,
                                   guint       max_chars)
{
  glong n = dossier_contract_count_chars (text);

  return n >= 0 && (gulong) n <= max_chars;
}

/* One run of `[^@\s]+` from @start to @end (exclusive). */
static gboolean
is_email_run (const char *start,
              const char *end)
{
  if (start >= end)
    return FALSE;

  for (const char *p = start; p < end; p++)
    {
      if (*p == '@' || is_contract_space (*p))
        return FALSE;
    }

  return TRUE;
}

/**
 * dossier_contract_is_valid_email:
 * @text: (nullable): a text
 *
 * §6.2 and §12.3: at most 254 code points and matching `^[^@\s]+@[^@\s]+\.[^@\s]+$`.
 *
 * Returns: %TRUE when @text is a valid email address by the contract's rule
 */
gboolean
dossier_contract_is_valid_email (const char *text)
{
  const char *at;
  const char *end;
  const char *domain;

  if (!dossier_contract_is_within_length (text, DOSSIER_CONTRACT_MAX_EMAIL_CHARS))
    return FALSE;

  at = strchr (text, '@');
  if (at == NULL)
    return FALSE;

  end = text + strlen (text);
  domain = at + 1;

  if (!is_email_run (text, at) || !is_email_run (domain, end))
    return FALSE;

  /* `[^@\s]+\.[^@\s]+` over a run without '@' or whitespace: a dot that is
   * neither the first nor the last character of the run. */
  for (const char *p = domain + 1; p + 1 < end; p++)
    {
      if (*p == '.')
        return TRUE;
    }

  return FALSE;
}

/**
 * dossier_contract_is_valid_country:
 * @text: (nullable): a text
 *
 * Returns: %TRUE when @text matches `^[A-Z]{3}$`
 */
gboolean
dossier_contract_is_valid_country (const char *text)
{
  if (text == NULL)
    return FALSE;

  for (guint i = 0; i < 3; i++)
    {
      if (text[i] < 'A' || text[i] > 'Z')
        return FALSE;
    }

  return text[3] == '\0';
}

/**
 * dossier_contract_is_valid_phone_country_code:
 * @code: a phone country code
 *
 * Returns: %TRUE when 1 ≤ @code ≤ 999
 */
gboolean
dossier_contract_is_valid_phone_country_code (gint64 code)
{
  return code >= 1 && code <= 999;
}

/**
 * dossier_contract_is_valid_phone_number:
 * @number: a phone number
 *
 * Returns: %TRUE when 1 ≤ @number ≤ 999 999 999 999 999
 */
gboolean
dossier_contract_is_valid_phone_number (gint64 number)
{
  return number >= 1 && number <= G_GINT64_CONSTANT (999999999999999);
}

/**
 * dossier_contract_json_is_integer:
 * @node: (nullable): a JSON node
 *
 * An integer in the sense of §6.2: a number literal with neither fraction nor exponent,
 * which json-glib stores as %G_TYPE_INT64.
 *
 * Returns: %TRUE when @node is such a value
 */
gboolean
dossier_contract_json_is_integer (JsonNode *node)
{
  return node != NULL
         && JSON_NODE_HOLDS_VALUE (node)
         && json_node_get_value_type (node) == G_TYPE_INT64;
}

/**
 * dossier_contract_parse_number:
 * @text: (nullable): a text typed by a person
 * @value: (out) (optional): the number
 *
 * Reads a decimal number: `[+-]?(D+(.D*)?|.D+)([eE][+-]?D+)?`, the whole text, '.' as the
 * decimal separator, no whitespace, finite. Hexadecimal, `inf` and `nan` are refused.
 *
 * Returns: %TRUE when @text is such a number
 */
gboolean
dossier_contract_parse_number (const char *text,
                               double     *value)
{
  const char *p = text;
  gboolean int_digits = FALSE;
  gboolean frac_digits = FALSE;
  double v;

  if (text == NULL)
    return FALSE;

  if (*p == '+' || *p == '-')
    p++;
  while (g_ascii_isdigit (*p))
    {
      int_digits = TRUE;
      p++;
    }
  if (*p == '.')
    {
      p++;
      while (g_ascii_isdigit (*p))
        {
          frac_digits = TRUE;
          p++;
        }
    }
  if (!int_digits && !frac_digits)
    return FALSE;
  if (*p == 'e' || *p == 'E')
    {
      p++;
      if (*p == '+' || *p == '-')
        p++;
      if (!g_ascii_isdigit (*p))
        return FALSE;
      while (g_ascii_isdigit (*p))
        p++;
    }
  if (*p != '\0')
    return FALSE;

  v = g_ascii_strtod (text, NULL);
  if (!isfinite (v))
    return FALSE;

  if (value != NULL)
    *value = v;

  return TRUE;
}

static DossierValueVerdict
check_number (const DossierValueSpec *spec,
              double                  value)
{
  if (!isfinite (value))
    return DOSSIER_VALUE_INVALID;
  if (spec->has_minimum && !(value >= spec->minimum))
    return DOSSIER_VALUE_INVALID;
  if (spec->has_maximum && !(value <= spec->maximum))
    return DOSSIER_VALUE_INVALID;

  return DOSSIER_VALUE_VALID;
}

/* The rules of the string-valued types; @text is not NULL. */
static DossierValueVerdict
check_string (const DossierValueSpec *spec,
              const char             *text)
{
  gboolean ok = FALSE;

  switch (spec->type)
    {
    case DOSSIER_DATA_TYPE_UNKNOWN:
      ok = TRUE;
      break;

    case DOSSIER_DATA_TYPE_STRING:
      ok = !dossier_contract_is_blank (text)
           && dossier_contract_is_within_length (text, DOSSIER_CONTRACT_MAX_STRING_CHARS);
      break;

    case DOSSIER_DATA_TYPE_DATE:
      ok = dossier_date_parse (text, NULL);
      break;

    case DOSSIER_DATA_TYPE_EMAIL:
      ok = dossier_contract_is_valid_email (text);
      break;

    case DOSSIER_DATA_TYPE_COUNTRY:
      ok = dossier_contract_is_valid_country (text);
      break;

    case DOSSIER_DATA_TYPE_ENUM:
      if (spec->values != NULL)
        {
          for (guint i = 0; spec->values[i] != NULL; i++)
            {
              if (strcmp (spec->values[i], text) == 0)
                {
                  ok = TRUE;
                  break;
                }
            }
        }
      break;

    case DOSSIER_DATA_TYPE_PHONE:
    case DOSSIER_DATA_TYPE_NUMBER:
    default:
      g_assert_not_reached ();
    }

  return ok ? DOSSIER_VALUE_VALID : DOSSIER_VALUE_INVALID;
}

/**
 * dossier_value_spec_check_json:
 * @spec: the field's spec
 * @node: (nullable): a JSON value that is present and not null
 *
 * §12.3 on a JSON value. STRING, DATE, EMAIL, COUNTRY, ENUM and UNKNOWN need a JSON string,
 * NUMBER a JSON number; PHONE is two members and always gives %DOSSIER_VALUE_WRONG_TYPE here.
 * A %NULL node or a JSON null gives %DOSSIER_VALUE_WRONG_TYPE.
 *
 * Returns: the verdict
 */
DossierValueVerdict
dossier_value_spec_check_json (const DossierValueSpec *spec,
                               JsonNode               *node)
{
  GType value_type;

  g_return_val_if_fail (spec != NULL, DOSSIER_VALUE_WRONG_TYPE);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return DOSSIER_VALUE_WRONG_TYPE;

  value_type = json_node_get_value_type (node);

  switch (spec->type)
    {
    case DOSSIER_DATA_TYPE_PHONE:
      return DOSSIER_VALUE_WRONG_TYPE;

    case DOSSIER_DATA_TYPE_NUMBER:
      if (value_type == G_TYPE_INT64)
        return check_number (spec, (double) json_node_get_int (node));
      if (value_type == G_TYPE_DOUBLE)
        return check_number (spec, json_node_get_double (node));
      return DOSSIER_VALUE_WRONG_TYPE;

    case DOSSIER_DATA_TYPE_UNKNOWN:
    case DOSSIER_DATA_TYPE_STRING:
    case DOSSIER_DATA_TYPE_DATE:
    case DOSSIER_DATA_TYPE_EMAIL:
    case DOSSIER_DATA_TYPE_COUNTRY:
    case DOSSIER_DATA_TYPE_ENUM:
      if (value_type != G_TYPE_STRING)
        return DOSSIER_VALUE_WRONG_TYPE;
      return check_string (spec, json_node_get_string (node));

    default:
      return DOSSIER_VALUE_WRONG_TYPE;
    }
}

/**
 * dossier_value_spec_check_text:
 * @spec: the field's spec
 * @text: (nullable): text typed in a form (%NULL reads as "")
 *
 * The rules of dossier_value_spec_check_json() for a text: NUMBER is read with
 * dossier_contract_parse_number() (%DOSSIER_VALUE_INVALID when it is not a number);
 * PHONE gives %DOSSIER_VALUE_WRONG_TYPE.
 *
 * Returns: the verdict
 */
DossierValueVerdict
dossier_value_spec_check_text (const DossierValueSpec *spec,
                               const char             *text)
{
  double value;

  g_return_val_if_fail (spec != NULL, DOSSIER_VALUE_WRONG_TYPE);

  if (text == NULL)
    text = "";

  switch (spec->type)
    {
    case DOSSIER_DATA_TYPE_PHONE:
      return DOSSIER_VALUE_WRONG_TYPE;

    case DOSSIER_DATA_TYPE_NUMBER:
      if (!dossier_contract_parse_number (text, &value))
        return DOSSIER_VALUE_INVALID;
      return check_number (spec, value);

    case DOSSIER_DATA_TYPE_UNKNOWN:
    case DOSSIER_DATA_TYPE_STRING:
    case DOSSIER_DATA_TYPE_DATE:
    case DOSSIER_DATA_TYPE_EMAIL:
    case DOSSIER_DATA_TYPE_COUNTRY:
    case DOSSIER_DATA_TYPE_ENUM:
      return check_string (spec, text);

    default:
      return DOSSIER_VALUE_WRONG_TYPE;
    }
}

/**
 * dossier_value_spec_describe:
 * @spec: a field's spec
 *
 * The `<phrase>` of §10.3 (`Metadata <id> must be <phrase>`). UNKNOWN gives "a text" and
 * PHONE, which has no phrase in the contract, "a phone number".
 *
 * Returns: (transfer full): the phrase
 */
char *
dossier_value_spec_describe (const DossierValueSpec *spec)
{
  GString *s;

  g_return_val_if_fail (spec != NULL, NULL);

  switch (spec->type)
    {
    case DOSSIER_DATA_TYPE_STRING:
      return g_strdup_printf ("a non-empty text of at most %d characters",
                              DOSSIER_CONTRACT_MAX_STRING_CHARS);
    case DOSSIER_DATA_TYPE_PHONE:
      return g_strdup ("a phone number");
    case DOSSIER_DATA_TYPE_DATE:
      return g_strdup ("a date in the form YYYY-MM-DD");
    case DOSSIER_DATA_TYPE_NUMBER:
      return g_strdup ("a number");
    case DOSSIER_DATA_TYPE_EMAIL:
      return g_strdup ("an email address");
    case DOSSIER_DATA_TYPE_COUNTRY:
      return g_strdup ("an ISO 3166-1 alpha-3 country code");
    case DOSSIER_DATA_TYPE_ENUM:
      s = g_string_new ("one of: ");
      for (guint i = 0; spec->values != NULL && spec->values[i] != NULL; i++)
        {
          if (i > 0)
            g_string_append (s, ", ");
          g_string_append (s, spec->values[i]);
        }
      return g_string_free (s, FALSE);
    case DOSSIER_DATA_TYPE_UNKNOWN:
    default:
      return g_strdup ("a text");
    }
}
