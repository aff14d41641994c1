/* dossier-sandbox-json-lex.c — the strict parser's tokens: strings, numbers, literals, errors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "dossier-sandbox-json-private.h"

/* ---- errors ---- */

static guint
column_of (DossierSandboxJsonParser *parser,
           const guchar             *at)
{
  guint column = 1;

  for (const guchar *q = parser->line_start; q < at; q++)
    {
      if ((*q & 0xC0) != 0x80)
        column++;
    }

  return column;
}

gboolean
_dossier_sandbox_json_fail (DossierSandboxJsonParser *parser,
                            const guchar             *at,
                            const char               *format,
                            ...)
{
  g_autofree char *what = NULL;
  va_list args;

  if (parser->result != DOSSIER_SANDBOX_JSON_OK)
    return FALSE;

  va_start (args, format);
  what = g_strdup_vprintf (format, args);
  va_end (args);

  parser->result = DOSSIER_SANDBOX_JSON_SYNTAX;
  parser->detail = g_strdup_printf ("%s at line %u, column %u",
                                    what, parser->line, column_of (parser, at));
  return FALSE;
}

/* Describes the character at @at for a message, in ASCII. */
char *
_dossier_sandbox_json_describe_char (DossierSandboxJsonParser *parser,
                                     const guchar             *at)
{
  gunichar c;

  if (at >= parser->end)
    return g_strdup ("end of input");
  if (*at >= 0x21 && *at <= 0x7E)
    return g_strdup_printf ("character '%c'", *at);
  if (*at < 0x80)
    return g_strdup_printf ("character U+%04X", *at);

  c = g_utf8_get_char_validated ((const char *) at, parser->end - at);
  if (c == (gunichar) -1 || c == (gunichar) -2)
    return g_strdup_printf ("byte 0x%02X", *at);
  return g_strdup_printf ("character U+%04X", c);
}

gboolean
_dossier_sandbox_json_fail_unexpected (DossierSandboxJsonParser *parser,
                                       const guchar             *at)
{
  g_autofree char *what = NULL;

  if (at >= parser->end)
    return _dossier_sandbox_json_fail (parser, at, "unexpected end of input");

  what = _dossier_sandbox_json_describe_char (parser, at);
  return _dossier_sandbox_json_fail (parser, at, "unexpected %s", what);
}

/* ---- lexing ---- */

void
_dossier_sandbox_json_skip_whitespace (DossierSandboxJsonParser *parser)
{
  while (parser->p < parser->end)
    {
      switch (*parser->p)
        {
        case '\n':
          parser->line++;
          parser->line_start = parser->p + 1;
          G_GNUC_FALLTHROUGH;
        case ' ':
        case '\t':
        case '\r':
          parser->p++;
          break;
        default:
          return;
        }
    }
}

/* Length of the well-formed UTF-8 sequence at @p (RFC 3629), or 0. */
static guint
utf8_sequence_length (const guchar *p,
                      const guchar *end)
{
  guchar b0 = p[0];
  guint length;
  guchar lo = 0x80, hi = 0xBF;

  if (b0 < 0x80)
    return 1;
  else if (b0 >= 0xC2 && b0 <= 0xDF)
    length = 2;
  else if (b0 >= 0xE0 && b0 <= 0xEF)
    {
      length = 3;
      if (b0 == 0xE0)
        lo = 0xA0;
      else if (b0 == 0xED)
        hi = 0x9F;
    }
  else if (b0 >= 0xF0 && b0 <= 0xF4)
    {
      length = 4;
      if (b0 == 0xF0)
        lo = 0x90;
      else if (b0 == 0xF4)
        hi = 0x8F;
    }
  else
    return 0;

  if ((gsize) (end - p) < length)
    return 0;
  if (p[1] < lo || p[1] > hi)
    return 0;
  for (guint i = 2; i < length; i++)
    {
      if ((p[i] & 0xC0) != 0x80)
        return 0;
    }

  return length;
}

static int
hex_value (guchar c)
{
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  return -1;
}

/* Reads the 4 hex digits of a \u escape at @p (after "\u"); -1 if they are not there. */
static gint32
read_hex4 (const guchar *p,
           const guchar *end)
{
  gint32 value = 0;

  if (end - p < 4)
    return -1;
  for (guint i = 0; i < 4; i++)
    {
      int digit = hex_value (p[i]);

      if (digit < 0)
        return -1;
      value = value * 16 + digit;
    }

  return value;
}

/* Parses the string starting at the opening quote under parser->p. Returns the decoded text
 * (valid UTF-8, without NUL), owned by the parser and valid until the next call, or NULL after
 * fail(). */
const char *
_dossier_sandbox_json_parse_string (DossierSandboxJsonParser *parser)
{
  GString *out = parser->scratch;
  const guchar *p = parser->p + 1;
  const guchar *run = p;

  g_string_truncate (out, 0);

  for (;;)
    {
      guint length;

      if (p >= parser->end)
        {
          _dossier_sandbox_json_fail (parser, p, "unterminated string");
          return NULL;
        }

      if (*p == '"')
        break;

      if (*p >= 0x20 && *p < 0x80 && *p != '\\')
        {
          p++;
          continue;
        }

      if (*p < 0x20)
        {
          _dossier_sandbox_json_fail (parser, p, "raw control character U+%04X in a string", *p);
          return NULL;
        }

      if (*p >= 0x80)
        {
          length = utf8_sequence_length (p, parser->end);
          if (length == 0)
            {
              _dossier_sandbox_json_fail (parser, p, "invalid UTF-8 byte 0x%02X", *p);
              return NULL;
            }
          p += length;
          continue;
        }

      /* A backslash: flush the plain run, then decode the escape. */
      g_string_append_len (out, (const char *) run, p - run);
      if (p + 1 >= parser->end)
        {
          _dossier_sandbox_json_fail (parser, p + 1, "unterminated string");
          return NULL;
        }

      switch (p[1])
        {
        case '"':  g_string_append_c (out, '"');  p += 2; break;
        case '\\': g_string_append_c (out, '\\'); p += 2; break;
        case '/':  g_string_append_c (out, '/');  p += 2; break;
        case 'b':  g_string_append_c (out, '\b'); p += 2; break;
        case 'f':  g_string_append_c (out, '\f'); p += 2; break;
        case 'n':  g_string_append_c (out, '\n'); p += 2; break;
        case 'r':  g_string_append_c (out, '\r'); p += 2; break;
        case 't':  g_string_append_c (out, '\t'); p += 2; break;
        case 'u':
          {
            gint32 unit = read_hex4 (p + 2, parser->end);
            gunichar c;

            if (unit < 0)
              {
                _dossier_sandbox_json_fail (parser, p, "invalid \\u escape");
                return NULL;
              }
            if (unit == 0)
              {
                _dossier_sandbox_json_fail (parser, p, "\\u0000 is not allowed in strings");
                return NULL;
              }
            if (unit >= 0xDC00 && unit <= 0xDFFF)
              {
                _dossier_sandbox_json_fail (parser, p, "unpaired surrogate in \\u escape");
                return NULL;
              }
            if (unit >= 0xD800 && unit <= 0xDBFF)
              {
                gint32 low = -1;

                if (parser->end - p >= 12 && p[6] == '\\' && p[7] == 'u')
                  low = read_hex4 (p + 8, parser->end);
                if (low < 0xDC00 || low > 0xDFFF)
                  {
                    _dossier_sandbox_json_fail (parser, p, "unpaired surrogate in \\u escape");
                    return NULL;
                  }
                c = 0x10000 + (((gunichar) unit - 0xD800) << 10) + ((gunichar) low - 0xDC00);
                p += 12;
              }
            else
              {
                c = (gunichar) unit;
                p += 6;
              }
            g_string_append_unichar (out, c);
          }
          break;
        default:
          {
            g_autofree char *what = _dossier_sandbox_json_describe_char (parser, p + 1);

            _dossier_sandbox_json_fail (parser, p, "invalid escape: backslash followed by %s", what);
            return NULL;
          }
        }
      run = p;
    }

  g_string_append_len (out, (const char *) run, p - run);
  parser->p = p + 1;

  return out->str;
}

static gboolean
is_digit (const guchar *p,
          const guchar *end)
{
  return p < end && *p >= '0' && *p <= '9';
}

JsonNode *
_dossier_sandbox_json_parse_number (DossierSandboxJsonParser *parser)
{
  const guchar *start = parser->p;
  const guchar *p = start;
  gboolean integer = TRUE;
  g_autofree char *text = NULL;
  JsonNode *node;

  if (*p == '-')
    p++;
  if (!is_digit (p, parser->end))
    {
      _dossier_sandbox_json_fail (parser, start, "invalid number");
      return NULL;
    }
  if (*p == '0')
    {
      p++;
      if (is_digit (p, parser->end))
        {
          _dossier_sandbox_json_fail (parser, start, "invalid number (leading zero)");
          return NULL;
        }
    }
  else
    {
      while (is_digit (p, parser->end))
        p++;
    }

  if (p < parser->end && *p == '.')
    {
      integer = FALSE;
      p++;
      if (!is_digit (p, parser->end))
        {
          _dossier_sandbox_json_fail (parser, start, "invalid number (no digit after '.')");
          return NULL;
        }
      while (is_digit (p, parser->end))
        p++;
    }

  if (p < parser->end && (*p == 'e' || *p == 'E'))
    {
      integer = FALSE;
      p++;
      if (p < parser->end && (*p == '+' || *p == '-'))
        p++;
      if (!is_digit (p, parser->end))
        {
          _dossier_sandbox_json_fail (parser, start, "invalid number (no digit in the exponent)");
          return NULL;
        }
      while (is_digit (p, parser->end))
        p++;
    }

  text = g_strndup ((const char *) start, p - start);
  parser->p = p;

  node = json_node_alloc ();
  if (integer)
    {
      /* strtoll saturates at G_MININT64/G_MAXINT64 when the literal does not fit. */
      json_node_init_int (node, g_ascii_strtoll (text, NULL, 10));
    }
  else
    {
      /* Overflow gives ±HUGE_VAL (infinity), underflow 0 or a subnormal. */
      json_node_init_double (node, g_ascii_strtod (text, NULL));
    }

  return node;
}

JsonNode *
_dossier_sandbox_json_parse_literal (DossierSandboxJsonParser *parser)
{
  static const struct { const char *text; int kind; } literals[] = {
    { "true", 1 }, { "false", 0 }, { "null", -1 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (literals); i++)
    {
      gsize length = strlen (literals[i].text);

      if ((gsize) (parser->end - parser->p) >= length
          && memcmp (parser->p, literals[i].text, length) == 0)
        {
          JsonNode *node = json_node_alloc ();

          if (literals[i].kind < 0)
            json_node_init_null (node);
          else
            json_node_init_boolean (node, literals[i].kind);
          parser->p += length;
          return node;
        }
    }

  _dossier_sandbox_json_fail_unexpected (parser, parser->p);
  return NULL;
}

