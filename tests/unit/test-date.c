/* test-date.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * CONTRACT.md §1.4 dates and timestamps, §15.2 tolerant timestamp reading.
 */

#include "dossier-contract.h"

static void
test_date_valid (void)
{
  static const struct { const char *text; int y, m, d; } cases[] = {
    { "2024-02-29", 2024, 2, 29 },
    { "2000-02-29", 2000, 2, 29 },
    { "1984-11-21", 1984, 11, 21 },
    { "1900-01-01", 1900, 1, 1 },
    { "0001-01-01", 1, 1, 1 },
    { "9999-12-31", 9999, 12, 31 },
    { "2023-12-31", 2023, 12, 31 },
    { "2023-04-30", 2023, 4, 30 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      GDate date;
      g_autofree char *back = NULL;

      g_test_message ("%s", cases[i].text);
      g_assert_true (dossier_date_parse (cases[i].text, &date));
      g_assert_true (g_date_valid (&date));
      g_assert_cmpint (g_date_get_year (&date), ==, cases[i].y);
      g_assert_cmpint (g_date_get_month (&date), ==, cases[i].m);
      g_assert_cmpint (g_date_get_day (&date), ==, cases[i].d);
      g_assert_true (dossier_date_parse (cases[i].text, NULL));

      back = dossier_date_format (&date);
      g_assert_cmpstr (back, ==, cases[i].text);
    }
}

static void
test_date_invalid (void)
{
  static const char * const cases[] = {
    "2023-02-29", "1900-02-29", "2024-13-01", "2024-00-10", "2024-01-00", "2024-01-32",
    "2024-04-31", "2024-1-01", "2024-01-1", "24-01-01", "2024-01-01 ", " 2024-01-01",
    "2024-01-01T00:00:00", "2024/01/01", "2024_01-01", "20240101", "0000-01-01",
    "0000-00-00", "+024-01-01", "-024-01-01", "2024-0a-01", "２０２４-01-01", "", "2024-01-0",
    "99999-01-01", "2024-01-01\n",
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      GDate date;

      g_date_clear (&date, 1);
      g_test_message ("%s", cases[i]);
      g_assert_false (dossier_date_parse (cases[i], &date));
      /* The out date is left alone on failure. */
      g_assert_false (g_date_valid (&date));
    }

  g_assert_false (dossier_date_parse (NULL, NULL));
}

static void
test_date_format (void)
{
  GDate date;
  g_autofree char *early = NULL;
  g_autofree char *invalid = NULL;
  g_autofree char *far = NULL;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, 5, G_DATE_MARCH, 7);
  early = dossier_date_format (&date);
  g_assert_cmpstr (early, ==, "0007-03-05");

  g_date_clear (&date, 1);
  invalid = dossier_date_format (&date);
  g_assert_null (invalid);

  g_date_set_dmy (&date, 1, G_DATE_JANUARY, 10000);
  far = dossier_date_format (&date);
  g_assert_null (far);
}

/* Parses @text and formats it back in the sandbox form, with the microseconds. */
static char *
timestamp_roundtrip (const char *text,
                     int        *usec)
{
  g_autoptr(GDateTime) dt = dossier_timestamp_parse (text);

  if (dt == NULL)
    return NULL;

  g_assert_cmpint (g_date_time_get_utc_offset (dt), ==, 0);
  *usec = g_date_time_get_microsecond (dt);
  return dossier_timestamp_format (dt);
}

static void
test_timestamp_parse (void)
{
  static const struct { const char *text; const char *utc; int usec; } cases[] = {
    { "2026-04-15T10:30:00", "2026-04-15T10:30:00", 0 },
    { "2026-04-15T10:30:00Z", "2026-04-15T10:30:00", 0 },
    { "2026-04-15t10:30:00z", "2026-04-15T10:30:00", 0 },
    { "2026-04-15 10:30:00", "2026-04-15T10:30:00", 0 },
    { "2026-04-15T10:30", "2026-04-15T10:30:00", 0 },
    { "2026-04-15 10:30Z", "2026-04-15T10:30:00", 0 },
    { "2026-04-15T10:30:00+05:30", "2026-04-15T05:00:00", 0 },
    { "2026-04-15T10:30:00-0300", "2026-04-15T13:30:00", 0 },
    { "2026-04-15T10:30+0000", "2026-04-15T10:30:00", 0 },
    { "2026-04-15T10:30:00-00:00", "2026-04-15T10:30:00", 0 },
    { "2026-04-15T10:30:00.5", "2026-04-15T10:30:00", 500000 },
    { "2026-04-15T10:30:59.999999Z", "2026-04-15T10:30:59", 999999 },
    { "2026-04-15T10:30:59.9999999", "2026-04-15T10:30:59", 999999 },
    { "2026-04-15T10:30:00.123456789+01:00", "2026-04-15T09:30:00", 123456 },
    { "2026-04-15T00:00:00.0", "2026-04-15T00:00:00", 0 },
    { "2024-12-31T23:30:00-01:00", "2025-01-01T00:30:00", 0 },
    { "2024-03-01T01:00:00+02:00", "2024-02-29T23:00:00", 0 },
    { "2026-04-15T23:59:59+23:59", "2026-04-15T00:00:59", 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *utc = NULL;
      int usec = -1;

      g_test_message ("%s", cases[i].text);
      utc = timestamp_roundtrip (cases[i].text, &usec);
      g_assert_cmpstr (utc, ==, cases[i].utc);
      g_assert_cmpint (usec, ==, cases[i].usec);
    }
}

static void
test_timestamp_invalid (void)
{
  static const char * const cases[] = {
    "", "garbage", "2026-04-15", "2026-04-15T", "2026-04-15T10", "2026-04-15T10:3",
    "2026-04-15T10:30:0", "2026-04-15T10:30:00.", "2026-04-15T10:30:00.Z",
    "2026-04-15X10:30:00", "2026-04-15T24:00:00", "2026-04-15T10:60:00",
    "2026-04-15T10:30:60", "2026-02-30T10:30:00", "0000-01-01T00:00:00",
    "2026-04-15T10:30:00+5:30", "2026-04-15T10:30:00+05", "2026-04-15T10:30:00+05:3",
    "2026-04-15T10:30:00+24:00", "2026-04-15T10:30:00+05:60", "2026-04-15T10:30:00 Z",
    "2026-04-15T10:30:00Z ", "2026-04-15T10:30:00ZZ", "2026-04-15T10:30:00+05:30x",
    "2026-04-15T10:30.5", "2026-4-15T10:30:00", "2026-04-15T1:30:00",
    "2026-04-15T10:30:00UTC", "9999-12-31T23:00:00-05:00", "0001-01-01T00:00:00+01:00",
    "2026-04-15T10:30:00,5",
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GDateTime) dt = NULL;

      g_test_message ("%s", cases[i]);
      dt = dossier_timestamp_parse (cases[i]);
      g_assert_null (dt);
    }

  g_assert_null (dossier_timestamp_parse (NULL));
}

static void
test_timestamp_format (void)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier ("-03:00");
  g_autoptr(GDateTime) local = NULL;
  g_autoptr(GDateTime) fraction = NULL;
  g_autoptr(GDateTime) early = NULL;
  g_autofree char *local_text = NULL;
  g_autofree char *fraction_text = NULL;
  g_autofree char *early_text = NULL;

  g_assert_nonnull (tz);
  local = g_date_time_new (tz, 2026, 4, 15, 22, 15, 7);
  local_text = dossier_timestamp_format (local);
  g_assert_cmpstr (local_text, ==, "2026-04-16T01:15:07");

  /* Truncated, not rounded. */
  fraction = g_date_time_new_utc (2026, 4, 15, 10, 30, 59.999);
  fraction_text = dossier_timestamp_format (fraction);
  g_assert_cmpstr (fraction_text, ==, "2026-04-15T10:30:59");

  early = g_date_time_new_utc (12, 1, 2, 3, 4, 5);
  early_text = dossier_timestamp_format (early);
  g_assert_cmpstr (early_text, ==, "0012-01-02T03:04:05");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/dossier/contract/date/valid", test_date_valid);
  g_test_add_func ("/dossier/contract/date/invalid", test_date_invalid);
  g_test_add_func ("/dossier/contract/date/format", test_date_format);
  g_test_add_func ("/dossier/contract/date/timestamp-parse", test_timestamp_parse);
  g_test_add_func ("/dossier/contract/date/timestamp-invalid", test_timestamp_invalid);
  g_test_add_func ("/dossier/contract/date/timestamp-format", test_timestamp_format);

  return g_test_run ();
}
