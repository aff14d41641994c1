/* dossier-date.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Calendar dates (CONTRACT.md §1.4, §12.3 DATE) and timestamps (§1.4, §15.2).
 */

#define G_LOG_DOMAIN "dossier-contract"

#include <string.h>

#include "dossier-date.h"

/* Reads @n ASCII digits at @p into @value; FALSE when one is not a digit. */
static gboolean
read_digits (const char *p,
             guint       n,
             int        *value)
{
  int v = 0;

  for (guint i = 0; i < n; i++)
    {
      if (!g_ascii_isdigit (p[i]))
        return FALSE;
      v = v * 10 + (p[i] - '0');
    }

  *value = v;
  return TRUE;
}

/* YYYY-MM-DD at the start of @p, a real Gregorian date (years 1 to 9999). */
static gboolean
read_date (const char *p,
           int        *year,
           int        *month,
           int        *day)
{
  if (!read_digits (p, 4, year) || p[4] != '-'
      || !read_digits (p + 5, 2, month) || p[7] != '-'
      || !read_digits (p + 8, 2, day))
    return FALSE;

  /* GDate has no year 0; neither has the Gregorian calendar as people write it. */
  if (*year < 1 || *month < 1 || *month > 12 || *day < 1)
    return FALSE;

  return g_date_valid_dmy ((GDateDay) *day, (GDateMonth) *month, (GDateYear) *year);
}

/**
 * dossier_date_parse:
 * @text: (nullable): a text
 * @date: (out caller-allocates) (optional): the date
 *
 * Reads a date in the strict form `YYYY-MM-DD`: exactly ten characters, ASCII digits and
 * dashes, a real Gregorian date between 0001-01-01 and 9999-12-31. @date is left untouched
 * when the text is not such a date.
 *
 * Returns: %TRUE when @text is such a date
 */
gboolean
dossier_date_parse (const char *text,
                    GDate      *date)
{
  int year, month, day;

  if (text == NULL || strnlen (text, 11) != 10)
    return FALSE;

  if (!read_date (text, &year, &month, &day))
    return FALSE;

  if (date != NULL)
    {
      g_date_clear (date, 1);
      g_date_set_dmy (date, (GDateDay) day, (GDateMonth) month, (GDateYear) year);
    }

  return TRUE;
}

/**
 * dossier_date_format:
 * @date: a valid date
 *
 * Returns: (transfer full) (nullable): the date as `YYYY-MM-DD`, or %NULL when @date is not valid
 *   or has a year beyond 9999
 */
char *
dossier_date_format (const GDate *date)
{
  g_return_val_if_fail (date != NULL, NULL);

  if (!g_date_valid (date) || g_date_get_year (date) > 9999)
    return NULL;

  return g_strdup_printf ("%04u-%02u-%02u",
                          (guint) g_date_get_year (date),
                          (guint) g_date_get_month (date),
                          (guint) g_date_get_day (date));
}

/**
 * dossier_timestamp_parse:
 * @text: (nullable): a timestamp as found in a response
 *
 * §15.2 tolerant reading: `YYYY-MM-DD`, then `T` or a space (`t` too), then `HH:MM`, optionally
 * `:SS` and optionally a fraction `.D+` after the seconds, then `Z` (or `z`), `±HH:MM`,
 * `±HHMM`, or nothing, which means UTC. Fractions are kept to the microsecond (truncated).
 *
 * Returns: (transfer full) (nullable): the instant in UTC, or %NULL when @text is not such a
 *   timestamp
 */
GDateTime *
dossier_timestamp_parse (const char *text)
{
  g_autoptr(GDateTime) local = NULL;
  const char *p;
  int year, month, day, hour, minute, second = 0;
  int micro = 0;
  int offset_h = 0, offset_m = 0, sign = 0;

  if (text == NULL || strnlen (text, 10) != 10)
    return NULL;

  if (!read_date (text, &year, &month, &day))
    return NULL;

  p = text + 10;
  if (*p != 'T' && *p != 't' && *p != ' ')
    return NULL;
  p++;

  if (!read_digits (p, 2, &hour) || p[2] != ':' || !read_digits (p + 3, 2, &minute))
    return NULL;
  p += 5;

  if (*p == ':')
    {
      if (!read_digits (p + 1, 2, &second))
        return NULL;
      p += 3;

      if (*p == '.')
        {
          int scale = 100000;

          p++;
          if (!g_ascii_isdigit (*p))
            return NULL;
          for (; g_ascii_isdigit (*p); p++)
            {
              micro += (*p - '0') * scale;
              scale /= 10;
            }
        }
    }

  if (hour > 23 || minute > 59 || second > 59)
    return NULL;

  if (*p == 'Z' || *p == 'z')
    {
      p++;
    }
  else if (*p == '+' || *p == '-')
    {
      sign = *p == '+' ? 1 : -1;
      p++;
      if (!read_digits (p, 2, &offset_h))
        return NULL;
      p += 2;
      if (*p == ':')
        p++;
      if (!read_digits (p, 2, &offset_m))
        return NULL;
      p += 2;
      if (offset_h > 23 || offset_m > 59)
        return NULL;
    }

  if (*p != '\0')
    return NULL;

  local = g_date_time_new_utc (year, month, day, hour, minute, second);
  if (local == NULL)
    return NULL;

  /* The wall-clock time is at UTC+offset: UTC is that time minus the offset. */
  return g_date_time_add (local,
                          micro - (GTimeSpan) sign * (offset_h * 3600 + offset_m * 60) * G_TIME_SPAN_SECOND);
}

/**
 * dossier_timestamp_format:
 * @datetime: an instant
 *
 * §1.4: the sandbox's form `YYYY-MM-DDTHH:MM:SS`, in UTC, without zone designator, the
 * fraction of a second truncated.
 *
 * Returns: (transfer full) (nullable): the text, or %NULL for a year beyond 9999
 */
char *
dossier_timestamp_format (GDateTime *datetime)
{
  g_autoptr(GDateTime) utc = NULL;
  int year, month, day;

  g_return_val_if_fail (datetime != NULL, NULL);

  utc = g_date_time_to_utc (datetime);
  if (utc == NULL)
    return NULL;

  g_date_time_get_ymd (utc, &year, &month, &day);
  if (year < 1 || year > 9999)
    return NULL;

  return g_strdup_printf ("%04d-%02d-%02dT%02d:%02d:%02d",
                          year, month, day,
                          g_date_time_get_hour (utc),
                          g_date_time_get_minute (utc),
                          g_date_time_get_second (utc));
}
