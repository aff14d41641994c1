/* dossier-json-number.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * json-glib 1.6 reads an integer literal outside the gint64 range with wrap-around:
 * `-18446744073709551562` becomes 54 and `18446744073709551617` becomes -1, so a value
 * far out of range can pass a range check (§6.2 phone members, §12.3 NUMBER bounds).
 * This scan of the raw text finds such literals before the text is parsed.
 */

#define G_LOG_DOMAIN "dossier-contract"

#include <string.h>

#include "dossier-json-number.h"

/* Whether the digits [start, end) exceed the magnitude allowed for the sign. */
static gboolean
digits_overflow (const char *start,
                 const char *end,
                 gboolean    negative)
{
  const char *limit = negative ? "9223372036854775808" : "9223372036854775807";
  gsize limit_len = strlen (limit);
  gsize n;

  while (start + 1 < end && *start == '0')
    start++;
  n = end - start;

  if (n != limit_len)
    return n > limit_len;

  return memcmp (start, limit, n) > 0;
}

/**
 * dossier_json_text_has_integer_overflow:
 * @text: (array length=len): JSON text (any bytes are tolerated)
 * @len: its length in bytes
 *
 * Looks, outside string literals, for number literals without fraction and exponent whose
 * value lies outside [-2^63, 2^63 - 1], which json-glib would read wrongly as %G_TYPE_INT64.
 *
 * Returns: %TRUE when there is at least one
 */
gboolean
dossier_json_text_has_integer_overflow (const char *text,
                                        gsize       len)
{
  const char *p = text;
  const char *end = text + len;

  g_return_val_if_fail (text != NULL || len == 0, FALSE);

  if (text == NULL)
    return FALSE;

  while (p < end)
    {
      if (*p == '"')
        {
          /* Skip the string, escapes included. */
          for (p++; p < end && *p != '"'; p++)
            {
              if (*p == '\\' && end - p > 1)
                p++;
            }
          if (p < end)
            p++;
          continue;
        }

      if (*p == '-' || g_ascii_isdigit (*p))
        {
          gboolean negative = *p == '-';
          const char *digits;
          const char *digits_end;

          if (negative)
            p++;
          digits = p;
          while (p < end && g_ascii_isdigit (*p))
            p++;
          digits_end = p;

          if (p < end && (*p == '.' || *p == 'e' || *p == 'E'))
            {
              /* A fraction or exponent: json-glib reads a double. Skip the rest. */
              while (p < end && (g_ascii_isdigit (*p) || *p == '.' || *p == 'e' || *p == 'E'
                                 || *p == '+' || *p == '-'))
                p++;
              continue;
            }

          if (digits_end > digits && digits_overflow (digits, digits_end, negative))
            return TRUE;
          continue;
        }

      /* Letters of true/false/null and identifiers are skipped along with the digits they
       * may hold, so that "a1" never reads as a number. */
      if (g_ascii_isalpha (*p) || *p == '_')
        {
          while (p < end && (g_ascii_isalnum (*p) || *p == '_'))
            p++;
          continue;
        }

      p++;
    }

  return FALSE;
}
