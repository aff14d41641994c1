/* big-client-list.h — the 100 000-client list body shared by test-json-lists and
 * bench-client-list-run
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

/* A bare list of @n clients (~350 bytes each) in the shape the sandbox sends, with an
 * unmodelled member or two. When @edit_every is not 0, every @edit_every-th client (from
 * the first) has a later `updated_at` and another city, as after a refresh in which those
 * clients changed. When @skip is not G_MAXUINT, the client at that position is left out. */
static inline GBytes *
big_client_list_build (guint n,
                       guint edit_every,
                       guint skip)
{
  static const char * const first[] = { "María", "José", "Ana", "Zoë", "Łukasz", "Søren", "Chloé", "Ahmed" };
  static const char * const last[] = { "Peña", "Barber", "Müller", "O'Brien", "García", "Nakamura" };
  GString *text = g_string_sized_new ((gsize) n * 400 + 16);
  gboolean first_out = TRUE;

  g_string_append_c (text, '[');
  for (guint i = 0; i < n; i++)
    {
      gboolean edited = edit_every != 0 && i % edit_every == 0;

      if (i == skip)
        continue;
      if (!first_out)
        g_string_append_c (text, ',');
      first_out = FALSE;
      g_string_append_printf (text,
                              "{\"id\":\"%032u\",\"status\":\"%s\","
                              "\"first_name\":\"%s\",\"last_name\":\"%s\","
                              "\"email\":\"client%u@example.com\",\"birth_date\":\"1984-11-21\","
                              "\"address\":{\"street_line1\":\"Florida %u\",\"city\":\"%s\","
                              "\"country\":\"ARG\"},"
                              "\"phone_country_code\":54,\"phone_number\":%u,"
                              "\"occupation\":\"Engineer\",\"annual_salary\":%u,"
                              "\"created_at\":\"2026-04-15T10:30:00\",\"updated_at\":\"2026-04-%02uT10:30:%02u\"}",
                              i, i % 3 == 0 ? "pending" : "active",
                              first[i % G_N_ELEMENTS (first)], last[i % G_N_ELEMENTS (last)],
                              i, i, edited ? "Pilar" : "Del Viso", 1100000000 + i, 30000 + i,
                              edited ? 16 : 15, i % 60);
    }
  g_string_append_c (text, ']');

  return g_string_free_to_bytes (text);
}
