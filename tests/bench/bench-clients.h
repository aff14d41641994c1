/* bench-clients.h — the 100 000 generated clients of bench-client-list and bench-client-search
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

/* A bare list of @n clients in the shape the API sends: names and emails with accents and
 * mixed case ("José", "PEÑA", "María.Núñez7@Correo.example"), one unmodelled member, spread
 * over the whole alphabet so that sorting by name moves nearly every client. */
static inline GBytes *
bench_clients_build_json (guint n)
{
  static const char * const first[] = {
    "María", "José", "Ana", "Zoë", "Łukasz", "Søren", "Chloé", "Ahmed", "Íñigo", "Émile",
    "Björn", "Noémie", "Çağla", "Dvořák", "Ångström", "Renée", "OLGA", "iñaki", "Yusuf", "Kateřina",
    "Thérèse", "Guðrún", "Pål", "Ülkü", "Ramón", "Hélène", "Jürgen", "Agnès", "Lúcia", "Ñusta",
  };
  static const char * const last[] = {
    "Peña", "Barber", "MÜLLER", "O'Brien", "García", "Nakamura", "Núñez", "Šimek", "Øster",
    "de la Cruz", "Łopez", "Ibáñez", "Fernández", "Schröder", "Ólafsson", "van Dijk", "Żak",
    "Gómez", "Çelik", "Dubois", "ÁLVAREZ", "Kowalczyk", "Nørgaard", "Rossi", "Brontë",
  };
  static const char * const domains[] = { "Example.com", "Correo.example", "MAIL.example", "posta.example" };
  GString *text = g_string_sized_new ((gsize) n * 360 + 16);

  g_string_append_c (text, '[');
  for (guint i = 0; i < n; i++)
    {
      /* A multiplicative step spreads names so that list order is far from name order. */
      guint k = (guint) (((guint64) i * 2654435761u) % 1000003u);
      const char *f = first[k % G_N_ELEMENTS (first)];
      const char *l = last[(k / G_N_ELEMENTS (first)) % G_N_ELEMENTS (last)];

      if (i > 0)
        g_string_append_c (text, ',');
      g_string_append_printf (text,
                              "{\"id\":\"%032x\",\"status\":\"%s\","
                              "\"first_name\":\"%s\",\"last_name\":\"%s\","
                              "\"email\":\"%s.%s%u@%s\",\"birth_date\":\"1984-11-21\","
                              "\"address\":{\"street_line1\":\"Florida %u\",\"city\":\"Córdoba\","
                              "\"country\":\"ARG\"},"
                              "\"phone_country_code\":54,\"phone_number\":%u,"
                              "\"occupation\":\"Engineer\","
                              "\"created_at\":\"2026-04-15T10:30:00\",\"updated_at\":\"2026-04-%02uT10:%02u:%02u\"}",
                              i + 1, i % 3 == 0 ? "pending" : (i % 17 == 0 ? "rejected" : "active"),
                              f, l, f, l, k % 100, domains[i % G_N_ELEMENTS (domains)],
                              k % 9000, 1100000000 + i, 1 + k % 28, k % 60, i % 60);
    }
  g_string_append_c (text, ']');

  return g_string_free_to_bytes (text);
}
