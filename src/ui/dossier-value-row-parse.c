/* dossier-value-row-parse.c — numbers and dates as people of a locale type them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A Spanish user types 50.000,5 and 21/11/1984; the wire wants 50000.5 and 1984-11-21
 * (CONTRACT.md §12.3). The locale's separators come from localeconv(), its order of
 * day, month and year from nl_langinfo (D_FMT). The C form (a '.' decimal point, an
 * ISO date) is always understood too.
 */
#include "config.h"

#include <langinfo.h>
#include <locale.h>
#include <math.h>
#include <string.h>

#include "dossier-contract.h"
#include "dossier-value-row-private.h"

static gboolean
is_space_sequence (const char *p,
                   gsize      *len)
{
  /* space, no-break space, narrow no-break space, thin space */
  static const char * const spaces[] = { " ", "\xc2\xa0", "\xe2\x80\xaf", "\xe2\x80\x89" };

  for (guint i = 0; i < G_N_ELEMENTS (spaces); i++)
    {
      gsize n = strlen (spaces[i]);

      if (strncmp (p, spaces[i], n) == 0)
        {
          *len = n;
          return TRUE;
        }
    }
  return FALSE;
}

static const char *
locale_decimal_point (void)
{
  const char *point = localeconv ()->decimal_point;

  return point != NULL && *point != '\0' ? point : ".";
}

/* Rewrites @text into the C form (digits, '-', '.', exponent); NULL when the
 * grouping is not in threes. */
static char *
to_c_number (const char *text)
{
  const char *point = locale_decimal_point ();
  const char *thousands = localeconv ()->thousands_sep;
  const char *other = g_str_equal (point, ",") ? "." : ",";
  g_autoptr(GString) out = g_string_new (NULL);
  gboolean seen_point = FALSE;
  gboolean grouped = FALSE;
  guint run = 0;      /* digits since the last separator */
  guint groups = 0;   /* separators seen */
  const char *p = text;

  while (*p != '\0')
    {
      gsize len = 0;
      gboolean is_group = FALSE;

      if (!seen_point && strncmp (p, point, strlen (point)) == 0)
        {
          if (grouped && run != 3)
            return NULL;
          g_string_append_c (out, '.');
          seen_point = TRUE;
          p += strlen (point);
          continue;
        }
      if (!seen_point)
        {
          if (thousands != NULL && *thousands != '\0' && strncmp (p, thousands, strlen (thousands)) == 0)
            {
              is_group = TRUE;
              len = strlen (thousands);
            }
          else if (strncmp (p, other, 1) == 0)
            {
              is_group = TRUE;
              len = 1;
            }
          else if (out->len > 0 && is_space_sequence (p, &len))
            is_group = TRUE;
        }
      if (is_group)
        {
          /* The first group has one to three digits, every other one three. */
          if (run == 0 || run > 3 || (groups > 0 && run != 3))
            return NULL;
          grouped = TRUE;
          groups++;
          run = 0;
          p += len;
          continue;
        }
      if (g_ascii_isdigit (*p))
        run++;
      else if (!seen_point)
        run = 0;
      g_string_append_c (out, *p);
      p++;
    }

  if (grouped && !seen_point && run != 3)
    return NULL;

  return g_string_free (g_steal_pointer (&out), FALSE);
}

gboolean
_dossier_value_row_parse_number (const char *text,
                                 double     *value)
{
  g_autofree char *stripped = NULL;
  g_autofree char *c_form = NULL;

  if (text == NULL)
    return FALSE;

  stripped = g_strstrip (g_strdup (text));
  if (*stripped == '\0')
    return FALSE;

  /* The C form first: "1234.5" and "1e3" mean the same in every locale. */
  if (dossier_contract_parse_number (stripped, value))
    {
      const char *point = locale_decimal_point ();

      /* …unless the locale reads '.' as grouping and the text is grouped (1.500). */
      if (!g_str_equal (point, ",") || strchr (stripped, '.') == NULL)
        return TRUE;
    }

  c_form = to_c_number (stripped);
  return c_form != NULL && dossier_contract_parse_number (c_form, value);
}

/* The locale's thousands separator. The C locale has none, but the app's own language
 * is English and groups by "," ("85,000.5"), which the parser reads back too. */
static const char *
locale_thousands_separator (void)
{
  const char *thousands = localeconv ()->thousands_sep;
  const char *name = setlocale (LC_NUMERIC, NULL);

  if (thousands != NULL && *thousands != '\0')
    return thousands;
  if (name != NULL && (g_str_equal (name, "C") || g_str_has_prefix (name, "C.") || g_str_equal (name, "POSIX")))
    return g_str_equal (locale_decimal_point (), ",") ? "." : ",";
  return NULL;
}

char *
_dossier_value_row_format_number (double value)
{
  static const char * const formats[] = { "%.15g", "%.16g", "%.17g" };
  const char *point = locale_decimal_point ();
  const char *thousands = locale_thousands_separator ();
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];
  g_autoptr(GString) out = g_string_new (NULL);
  const char *digits;
  const char *dot;
  gsize int_len;
  /* Four digits stay together where a comma marks decimals (2000; 20.000), as RAE
   * and ISO 80000 write them; in English they group (2,000). */
  gsize min_grouped = g_str_equal (point, ",") ? 5 : 4;

  /* The shortest form that reads back as the same number: no digit lost. */
  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      g_ascii_formatd (buffer, sizeof buffer, formats[i], value);
      if (g_ascii_strtod (buffer, NULL) == value)
        break;
    }
  if (strchr (buffer, 'e') != NULL)
    return g_strdup (buffer);

  digits = buffer;
  if (*digits == '-')
    {
      g_string_append_c (out, '-');
      digits++;
    }
  dot = strchr (digits, '.');
  int_len = dot != NULL ? (gsize) (dot - digits) : strlen (digits);

  for (gsize i = 0; i < int_len; i++)
    {
      if (i > 0 && (int_len - i) % 3 == 0 && thousands != NULL && *thousands != '\0' && int_len >= min_grouped)
        g_string_append (out, thousands);
      g_string_append_c (out, digits[i]);
    }
  if (dot != NULL)
    {
      g_string_append (out, point);
      g_string_append (out, dot + 1);
    }

  return g_string_free (g_steal_pointer (&out), FALSE);
}

typedef enum { PART_DAY, PART_MONTH, PART_YEAR } DatePart;

/* The order of day, month and year in the locale's D_FMT ("%d/%m/%y" → D M Y). */
static void
locale_date_order (DatePart order[3])
{
  const char *format = nl_langinfo (D_FMT);
  guint n = 0;

  for (const char *p = format; p != NULL && *p != '\0' && n < 3; p++)
    {
      if (*p != '%' || p[1] == '\0')
        continue;
      p++;
      while (*p == 'E' || *p == 'O' || *p == '-' || *p == '_' || *p == '0')
        p++;
      switch (*p)
        {
        case 'd': case 'e': order[n++] = PART_DAY; break;
        case 'm': case 'b': case 'B': order[n++] = PART_MONTH; break;
        case 'y': case 'Y': case 'C': order[n++] = PART_YEAR; break;
        case 'D': /* %m/%d/%y */
          order[0] = PART_MONTH; order[1] = PART_DAY; order[2] = PART_YEAR; n = 3;
          break;
        case 'F': /* %Y-%m-%d */
          order[0] = PART_YEAR; order[1] = PART_MONTH; order[2] = PART_DAY; n = 3;
          break;
        default:
          break;
        }
    }

  if (n < 3)
    {
      order[0] = PART_YEAR;
      order[1] = PART_MONTH;
      order[2] = PART_DAY;
    }
}

/* A two-digit year within eighty years back and twenty ahead: birth dates and the
 * expiry dates of documents alike. */
static guint
expand_short_year (guint short_year)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  int current = g_date_time_get_year (now);
  int year = current - current % 100 + (int) short_year;

  if (year >= current + 20)
    year -= 100;
  else if (year < current - 80)
    year += 100;
  return (guint) year;
}

gboolean
_dossier_value_row_parse_date (const char *text,
                               GDate      *date)
{
  g_autofree char *stripped = NULL;
  g_auto(GStrv) parts = NULL;
  DatePart order[3];
  guint day = 0, month = 0, year = 0;

  if (text == NULL)
    return FALSE;

  stripped = g_strstrip (g_strdup (text));
  if (dossier_date_parse (stripped, date))
    return TRUE;

  parts = g_regex_split_simple ("[-/. ]+", stripped, 0, 0);
  if (g_strv_length (parts) != 3)
    return FALSE;

  locale_date_order (order);
  for (guint i = 0; i < 3; i++)
    {
      guint64 number;

      if (*parts[i] == '\0' || strlen (parts[i]) > 4
          || !g_ascii_string_to_unsigned (parts[i], 10, 0, 9999, &number, NULL))
        return FALSE;
      if (order[i] == PART_YEAR)
        {
          /* Four digits, or two as the locale's own short form ("%x") writes them. */
          if (strlen (parts[i]) == 2)
            year = expand_short_year (number);
          else if (strlen (parts[i]) == 4)
            year = number;
          else
            return FALSE;
        }
      else if (order[i] == PART_MONTH)
        month = number;
      else
        day = number;
    }

  if (!g_date_valid_dmy (day, month, year))
    return FALSE;
  if (date != NULL)
    {
      g_date_clear (date, 1);
      g_date_set_dmy (date, day, month, year);
    }
  return TRUE;
}

char *
_dossier_value_row_format_date (const GDate *date)
{
  g_autofree char *format = g_strdup (nl_langinfo (D_FMT));
  char buffer[64];

  g_return_val_if_fail (date != NULL && g_date_valid (date), NULL);

  /* The short form with a four-digit year: never ambiguous about the century. */
  for (char *p = format; *p != '\0'; p++)
    if (p[0] == '%' && p[1] == 'y')
      p[1] = 'Y';
  if (*format == '\0' || g_date_strftime (buffer, sizeof buffer, format, date) == 0)
    return dossier_date_format (date);

  return g_strdup (buffer);
}
