/* test-client.c — DossierClient: tolerant reading (§15.2), strict writing (§15.1, §15.3),
 * properties and notify
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "dossier-client.h"
#include "dossier-json.h"

static DossierClient *
client_from_text (const char *text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = dossier_json_parse_data (text, strlen (text), &error);
  DossierClient *client;

  g_assert_no_error (error);
  client = dossier_client_new_from_json (root, &error);
  g_assert_no_error (error);
  g_assert_nonnull (client);
  return client;
}

static char *
to_text (DossierClient *client)
{
  g_autoptr(JsonNode) node = dossier_client_to_json (client);

  return json_to_string (node, FALSE);
}

static JsonObject *
body_of (DossierClient *client,
         JsonNode     **holder)
{
  *holder = dossier_client_to_json (client);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (*holder));
  return json_node_get_object (*holder);
}

/* No member anywhere at the top level or in `address` is null. */
static void
assert_no_top_level_nulls (JsonObject *body)
{
  JsonObjectIter iter;
  const char *name;
  JsonNode *member;

  json_object_iter_init (&iter, body);
  while (json_object_iter_next (&iter, &name, &member))
    {
      g_assert_false (JSON_NODE_HOLDS_NULL (member));
      if (JSON_NODE_HOLDS_OBJECT (member) && strcmp (name, "address") == 0)
        assert_no_top_level_nulls (json_node_get_object (member));
    }
}

static const char *maria =
  "{\"id\": \"4QWq1rQtjnLM0wMswTRY9AmM4XTvY4GG\", \"type\": \"individual\", \"status\": \"pending\","
  " \"first_name\": \"Maria\", \"second_name\": \"Julia\", \"last_name\": \"Barber\","
  " \"email\": \"mjuliabarber@example.com\", \"birth_date\": \"1984-11-21\","
  " \"address\": {\"street_line1\": \"Florida 9860\", \"city\": \"Del Viso\", \"postal_code\": \"1669\","
  "               \"state\": \"ARG-B\", \"country\": \"ARG\"},"
  " \"phone_country_code\": 54, \"phone_number\": 1168860622,"
  " \"created_at\": \"2026-04-15T10:30:00\", \"updated_at\": \"2026-04-15T10:30:00\"}";

static void
test_client_read_contract (void)
{
  g_autoptr(DossierClient) client = client_from_text (maria);
  GDateTime *created;

  g_assert_cmpstr (dossier_client_get_id (client), ==, "4QWq1rQtjnLM0wMswTRY9AmM4XTvY4GG");
  g_assert_cmpstr (dossier_client_get_status (client), ==, "pending");
  g_assert_cmpstr (dossier_client_get_first_name (client), ==, "Maria");
  g_assert_cmpstr (dossier_client_get_second_name (client), ==, "Julia");
  g_assert_cmpstr (dossier_client_get_last_name (client), ==, "Barber");
  g_assert_cmpstr (dossier_client_get_email (client), ==, "mjuliabarber@example.com");
  g_assert_cmpstr (dossier_client_get_birth_date (client), ==, "1984-11-21");
  g_assert_cmpstr (dossier_client_get_street_line1 (client), ==, "Florida 9860");
  g_assert_cmpstr (dossier_client_get_street_line2 (client), ==, "");
  g_assert_cmpstr (dossier_client_get_city (client), ==, "Del Viso");
  g_assert_cmpstr (dossier_client_get_postal_code (client), ==, "1669");
  g_assert_cmpstr (dossier_client_get_state (client), ==, "ARG-B");
  g_assert_cmpstr (dossier_client_get_country (client), ==, "ARG");
  g_assert_cmpstr (dossier_client_get_phone_country_code (client), ==, "54");
  g_assert_cmpstr (dossier_client_get_phone_number (client), ==, "1168860622");

  created = dossier_client_get_created_at (client);
  g_assert_nonnull (created);
  g_assert_cmpint (g_date_time_get_utc_offset (created), ==, 0);
  g_assert_cmpint (g_date_time_get_year (created), ==, 2026);
  g_assert_cmpint (g_date_time_get_hour (created), ==, 10);
  g_assert_cmpstr (dossier_client_get_created_at_raw (client), ==, "2026-04-15T10:30:00");
  g_assert_nonnull (dossier_client_get_updated_at (client));

  g_assert_cmpstr (dossier_client_get_search_key (client), ==,
                   "maria julia barber mjuliabarber@example.com 4qwq1rqtjnlm0wmswtry9amm4xtvy4gg");
  {
    g_autofree char *name = dossier_client_get_display_name (client);

    g_assert_cmpstr (name, ==, "Maria Julia Barber");
  }

  g_assert_finalize_object (g_steal_pointer (&client));
}

static void
test_client_read_rejects (void)
{
  const char *bad[] = { "[]", "\"text\"", "{}", "{\"id\": null}", "{\"id\": \"  \"}", "{\"id\": {}}", "{\"first_name\": \"x\"}" };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonNode) root = dossier_json_parse_data (bad[i], strlen (bad[i]), NULL);

      g_assert_null (dossier_client_new_from_json (root, &error));
      g_assert_error (error, DOSSIER_JSON_ERROR, DOSSIER_JSON_ERROR_INVALID);
    }

  {
    g_autoptr(GError) error = NULL;

    g_assert_null (dossier_client_new_from_json (NULL, &error));
    g_assert_error (error, DOSSIER_JSON_ERROR, DOSSIER_JSON_ERROR_INVALID);
  }

  /* A numeric id is read as text. */
  {
    g_autoptr(DossierClient) client = client_from_text ("{\"id\": 42}");

    g_assert_cmpstr (dossier_client_get_id (client), ==, "42");
  }
}

static void
test_client_phone_variants (void)
{
  struct { const char *cc; const char *number; const char *want_cc; const char *want_number; } cases[] = {
    { "54", "1168860622", "54", "1168860622" },
    { "\"+54\"", "\"01168860622\"", "54", "01168860622" },
    { "\"54\"", "\"11 6886-0622\"", "54", "1168860622" },
    { "\"+1 (234)\"", "\"555.0100\"", "1234", "5550100" },
    { "54.0", "1168860622.0", "54", "1168860622" },
    { "null", "null", "", "" },
    { "true", "{\"a\": 1}", "", "" },
    { "-54", "\"12ab\"", "", "" },
    { "\"\"", "1.5", "", "" },
    /* Overflowing literals are unreadable, not wrapped around. */
    { "54", "18446744073709551617", "54", "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = g_strdup_printf ("{\"id\": \"p\", \"phone_country_code\": %s, \"phone_number\": %s}",
                                               cases[i].cc, cases[i].number);
      g_autoptr(DossierClient) client = client_from_text (text);
      g_autoptr(JsonNode) holder = NULL;
      JsonObject *body;

      g_assert_cmpstr (dossier_client_get_phone_country_code (client), ==, cases[i].want_cc);
      g_assert_cmpstr (dossier_client_get_phone_number (client), ==, cases[i].want_number);

      /* Sent as integers, both or neither. */
      body = body_of (client, &holder);
      if (*cases[i].want_cc != '\0' && *cases[i].want_number != '\0')
        {
          g_autofree char *cc = NULL;
          g_autofree char *number = NULL;
          JsonNode *node = json_object_get_member (body, "phone_number");

          g_assert_cmpint (json_node_get_value_type (node), ==, G_TYPE_INT64);
          g_assert_cmpint (json_node_get_value_type (json_object_get_member (body, "phone_country_code")), ==, G_TYPE_INT64);
          cc = g_strdup_printf ("%" G_GINT64_FORMAT, json_object_get_int_member (body, "phone_country_code"));
          number = g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
          g_assert_cmpstr (cc, ==, cases[i].want_cc);
          /* The leading zero of a national number is lost, as §15.1 says. */
          g_assert_cmpuint (g_ascii_strtoull (cases[i].want_number, NULL, 10), ==, json_node_get_int (node));
        }
      else
        {
          g_assert_false (json_object_has_member (body, "phone_number"));
          g_assert_false (json_object_has_member (body, "phone_country_code"));
        }
    }
}

static void
test_client_address_variants (void)
{
  g_autoptr(DossierClient) old_spelling = NULL;
  g_autoptr(DossierClient) both = NULL;
  g_autoptr(DossierClient) odd = NULL;
  g_autoptr(JsonNode) holder = NULL;
  g_autoptr(JsonNode) state_code = NULL;
  JsonObject *address;

  old_spelling = client_from_text ("{\"id\": \"a\", \"address\": {\"street_line_1\": \"Old 1\", \"street_line_2\": \"Old 2\","
                                   " \"country\": \"arg\", \"state_code\": \"B\", \"country_code\": \"AR\","
                                   " \"gps\": {\"lat\": -34.4, \"tags\": [null, \"x\"]}, \"gone\": null}}");
  g_assert_cmpstr (dossier_client_get_street_line1 (old_spelling), ==, "Old 1");
  g_assert_cmpstr (dossier_client_get_street_line2 (old_spelling), ==, "Old 2");
  state_code = dossier_client_get_address_member (old_spelling, "state_code");
  g_assert_cmpstr (json_node_get_string (state_code), ==, "B");
  g_assert_null (dossier_client_get_address_member (old_spelling, "gone"));

  address = json_object_get_object_member (json_node_get_object (holder = dossier_client_to_json (old_spelling)), "address");
  g_assert_cmpstr (json_object_get_string_member (address, "street_line1"), ==, "Old 1");
  g_assert_cmpstr (json_object_get_string_member (address, "street_line2"), ==, "Old 2");
  g_assert_false (json_object_has_member (address, "street_line_1"));
  g_assert_false (json_object_has_member (address, "street_line_2"));
  g_assert_false (json_object_has_member (address, "gone"));
  g_assert_cmpstr (json_object_get_string_member (address, "country"), ==, "ARG");
  g_assert_cmpstr (json_object_get_string_member (address, "state_code"), ==, "B");
  g_assert_cmpstr (json_object_get_string_member (address, "country_code"), ==, "AR");
  g_assert_true (JSON_NODE_HOLDS_NULL (json_array_get_element (json_object_get_array_member (json_object_get_object_member (address, "gps"), "tags"), 0)));

  /* Both spellings: the one without the underscore wins. */
  both = client_from_text ("{\"id\": \"b\", \"address\": {\"street_line_1\": \"Old\", \"street_line1\": \"New\"}}");
  g_assert_cmpstr (dossier_client_get_street_line1 (both), ==, "New");

  /* An address of the wrong type reads as absent; wrong-typed members too. */
  odd = client_from_text ("{\"id\": \"c\", \"address\": \"Florida 9860\", \"first_name\": 7, \"last_name\": [\"x\"],"
                          " \"email\": {\"a\": 1}, \"birth_date\": true, \"status\": 3}");
  g_assert_cmpstr (dossier_client_get_street_line1 (odd), ==, "");
  g_assert_cmpstr (dossier_client_get_first_name (odd), ==, "7");
  g_assert_cmpstr (dossier_client_get_last_name (odd), ==, "");
  g_assert_cmpstr (dossier_client_get_email (odd), ==, "");
  g_assert_cmpstr (dossier_client_get_birth_date (odd), ==, "");
  g_assert_cmpstr (dossier_client_get_status (odd), ==, "3");
}

static void
test_client_timestamps (void)
{
  struct { const char *text; gboolean parses; int hour; } cases[] = {
    { "2026-04-15T10:30:00", TRUE, 10 },
    { "2026-04-15T10:30:00Z", TRUE, 10 },
    { "2026-04-15T10:30:00.123456Z", TRUE, 10 },
    { "2026-04-15 10:30:00", TRUE, 10 },
    { "2026-04-15T10:30", TRUE, 10 },
    { "2026-04-15T12:30:00+02:00", TRUE, 10 },
    { "2026-04-15T07:30:00-0300", TRUE, 10 },
    { "2026-04-15T10:30:00.5", TRUE, 10 },
    { "yesterday", FALSE, 0 },
    { "2026-13-45T99:99:99", FALSE, 0 },
    { "", FALSE, 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = g_strdup_printf ("{\"id\": \"t\", \"created_at\": \"%s\"}", cases[i].text);
      g_autoptr(DossierClient) client = client_from_text (text);
      GDateTime *created = dossier_client_get_created_at (client);

      /* Unparseable: kept raw, shown as is. */
      g_assert_cmpstr (dossier_client_get_created_at_raw (client), ==, cases[i].text);
      if (!cases[i].parses)
        {
          g_assert_null (created);
          continue;
        }
      g_assert_nonnull (created);
      {
        g_autoptr(GDateTime) utc = g_date_time_to_utc (created);

        g_assert_cmpint (g_date_time_get_hour (utc), ==, cases[i].hour);
        g_assert_cmpint (g_date_time_get_minute (utc), ==, 30);
        g_assert_cmpint (g_date_time_get_day_of_month (utc), ==, 15);
      }
    }

  /* A number is read as text, then fails to parse; absent and null are NULL. */
  {
    g_autoptr(DossierClient) client = client_from_text ("{\"id\": \"t\", \"created_at\": 1713177000, \"updated_at\": null}");

    g_assert_null (dossier_client_get_created_at (client));
    g_assert_cmpstr (dossier_client_get_created_at_raw (client), ==, "1713177000");
    g_assert_null (dossier_client_get_updated_at (client));
    g_assert_null (dossier_client_get_updated_at_raw (client));
  }
}

static void
test_client_unknown_members_round_trip (void)
{
  const char *text =
    "{\"id\": \"u\", \"type\": \"individual\", \"status\": \"active\", \"first_name\": \"Ana\","
    " \"last_name\": \"Peña\", \"email\": \"ana@example.com\", \"birth_date\": \"1990-01-02\","
    " \"address\": {\"street_line1\": \"A 1\", \"city\": \"B\", \"country\": \"ARG\"},"
    " \"occupation\": \"Engineer\", \"annual_salary\": 1234.5,"
    " \"kyc\": {\"level\": 2, \"notes\": null, \"history\": [{\"at\": \"x\", \"by\": null}, [], {}]},"
    " \"flags\": [true, false, null], \"dropped\": null, \"created_at\": \"2026-01-01T00:00:00\"}";
  g_autoptr(DossierClient) client = client_from_text (text);
  g_autoptr(JsonNode) original = dossier_json_parse_data (text, strlen (text), NULL);
  g_autoptr(JsonNode) holder = NULL;
  g_auto(GStrv) extra = dossier_client_list_extra_members (client);
  JsonObject *body = body_of (client, &holder);
  JsonObject *source = json_node_get_object (original);
  const char *kept[] = { "occupation", "annual_salary", "kyc", "flags" };

  g_autofree char *extra_names = g_strjoinv (",", extra);

  g_assert_cmpstr (extra_names, ==, "type,occupation,annual_salary,kyc,flags");

  for (guint i = 0; i < G_N_ELEMENTS (kept); i++)
    g_assert_true (json_node_equal (json_object_get_member (body, kept[i]),
                                    json_object_get_member (source, kept[i])));

  /* Nulls inside unknown members stay; top-level nulls are absent members. */
  g_assert_true (JSON_NODE_HOLDS_NULL (json_object_get_member (json_object_get_object_member (body, "kyc"), "notes")));
  g_assert_false (json_object_has_member (body, "dropped"));
  assert_no_top_level_nulls (body);

  /* Server-owned members are left out of the PUT body. */
  g_assert_false (json_object_has_member (body, "id"));
  g_assert_false (json_object_has_member (body, "type"));
  g_assert_false (json_object_has_member (body, "status"));
  g_assert_false (json_object_has_member (body, "created_at"));
  g_assert_false (json_object_has_member (body, "updated_at"));
  /* No phone: neither member. */
  g_assert_false (json_object_has_member (body, "phone_number"));

  /* Reading the body back gives an equal client (PUT → response round trip). */
  {
    g_autofree char *sent = json_to_string (holder, FALSE);
    g_autofree char *with_id = g_strdup_printf ("{\"id\": \"u\", %s", sent + 1);
    g_autoptr(DossierClient) again = client_from_text (with_id);
    g_autofree char *resent = to_text (again);

    g_assert_cmpstr (resent, ==, sent);
  }
}

static void
test_client_put_body_strict (void)
{
  g_autoptr(DossierClient) client = dossier_client_new ();
  g_autoptr(JsonNode) holder = NULL;
  g_autoptr(JsonNode) empty_holder = NULL;
  JsonObject *body;

  /* A new client with nothing set: an empty object, no nulls. */
  body = body_of (client, &empty_holder);
  g_assert_cmpuint (json_object_get_size (body), ==, 0);
  g_assert_null (dossier_client_get_id (client));

  dossier_client_set_first_name (client, "José");
  dossier_client_set_last_name (client, "Peña");
  dossier_client_set_email (client, "jose@example.com");
  dossier_client_set_birth_date (client, "1980-02-29");
  dossier_client_set_street_line1 (client, "Calle 1");
  dossier_client_set_city (client, "Rosario");
  dossier_client_set_country (client, "arg");
  dossier_client_set_phone_country_code (client, "+54");
  dossier_client_set_phone_number (client, "");

  body = body_of (client, &holder);
  assert_no_top_level_nulls (body);
  g_assert_cmpstr (json_object_get_string_member (body, "first_name"), ==, "José");
  g_assert_false (json_object_has_member (body, "second_name"));
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (body, "address"), "country"), ==, "ARG");
  g_assert_false (json_object_has_member (json_object_get_object_member (body, "address"), "street_line2"));
  /* Only one phone member known: neither is sent. */
  g_assert_false (json_object_has_member (body, "phone_country_code"));
  g_assert_false (json_object_has_member (body, "phone_number"));
  g_clear_pointer (&holder, json_node_unref);

  dossier_client_set_phone_number (client, "011 6886 0622");
  body = body_of (client, &holder);
  g_assert_cmpint (json_object_get_int_member (body, "phone_country_code"), ==, 54);
  g_assert_cmpint (json_object_get_int_member (body, "phone_number"), ==, 1168860622);
  g_clear_pointer (&holder, json_node_unref);

  /* Phone text that is not a number is not sent at all (the form validates it). */
  dossier_client_set_phone_number (client, "call me");
  body = body_of (client, &holder);
  g_assert_false (json_object_has_member (body, "phone_number"));
}

static void
count_notify (GObject    *object,
              GParamSpec *pspec,
              gpointer    user_data)
{
  GHashTable *counts = user_data;
  const char *name = g_param_spec_get_name (pspec);

  g_hash_table_insert (counts, (gpointer) name,
                       GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (counts, name)) + 1));
}

static guint
count_of (GHashTable *counts,
          const char *name)
{
  return GPOINTER_TO_UINT (g_hash_table_lookup (counts, name));
}

static void
test_client_properties (void)
{
  const char *writable[] = {
    "first-name", "second-name", "last-name", "email", "birth-date", "street-line1",
    "street-line2", "city", "postal-code", "state", "country", "phone-country-code",
    "phone-number",
  };
  g_autoptr(DossierClient) client = client_from_text (maria);
  g_autoptr(GHashTable) counts = g_hash_table_new (g_str_hash, g_str_equal);

  g_signal_connect (client, "notify", G_CALLBACK (count_notify), counts);

  for (guint i = 0; i < G_N_ELEMENTS (writable); i++)
    {
      g_autofree char *before = NULL;
      g_autofree char *after = NULL;
      g_autofree char *value = g_strdup_printf ("value %u", i);
      GParamSpec *pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (client), writable[i]);

      g_assert_nonnull (pspec);
      g_assert_true (pspec->flags & G_PARAM_WRITABLE);
      g_assert_true (pspec->flags & G_PARAM_EXPLICIT_NOTIFY);

      g_object_get (client, writable[i], &before, NULL);
      g_object_set (client, writable[i], value, NULL);
      g_clear_pointer (&after, g_free);
      g_object_get (client, writable[i], &after, NULL);
      g_assert_cmpstr (after, ==, value);
      g_assert_cmpuint (count_of (counts, writable[i]), ==, 1);

      /* The same value again: no notify. */
      g_object_set (client, writable[i], value, NULL);
      g_assert_cmpuint (count_of (counts, writable[i]), ==, 1);

      /* NULL reads back as "". */
      g_object_set (client, writable[i], NULL, NULL);
      g_clear_pointer (&after, g_free);
      g_object_get (client, writable[i], &after, NULL);
      g_assert_cmpstr (after, ==, "");
      g_assert_cmpuint (count_of (counts, writable[i]), ==, 2);
    }

  /* Names and email moved the search key: first, second, last, email, each twice. */
  g_assert_cmpuint (count_of (counts, "search-key"), ==, 8);
  g_assert_cmpstr (dossier_client_get_search_key (client), ==, "4qwq1rqtjnlm0wmswtry9amm4xtvy4gg");

  /* Read-only ones are not writable. */
  {
    const char *read_only[] = { "id", "status", "created-at", "updated-at", "search-key", "extra-members" };

    for (guint i = 0; i < G_N_ELEMENTS (read_only); i++)
      {
        GParamSpec *pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (client), read_only[i]);

        g_assert_nonnull (pspec);
        g_assert_false (pspec->flags & G_PARAM_WRITABLE);
      }
  }

  g_signal_handlers_disconnect_by_func (client, count_notify, counts);
  g_assert_finalize_object (g_steal_pointer (&client));
}

static void
test_client_update_from (void)
{
  g_autoptr(DossierClient) client = client_from_text (maria);
  g_autoptr(DossierClient) same = client_from_text (maria);
  g_autoptr(DossierClient) newer = NULL;
  g_autoptr(GHashTable) counts = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GDateTime) updated = NULL;
  g_autoptr(JsonObject) extra = NULL;

  g_signal_connect (client, "notify", G_CALLBACK (count_notify), counts);

  g_assert_false (dossier_client_update_from (client, same));
  g_assert_cmpuint (g_hash_table_size (counts), ==, 0);

  newer = client_from_text ("{\"id\": \"4QWq1rQtjnLM0wMswTRY9AmM4XTvY4GG\", \"type\": \"individual\", \"status\": \"active\","
                            " \"first_name\": \"Maria\", \"second_name\": \"Julia\", \"last_name\": \"Barber\","
                            " \"email\": \"mjuliabarber@example.com\", \"birth_date\": \"1984-11-21\","
                            " \"address\": {\"street_line1\": \"Florida 9860\", \"city\": \"Del Viso\", \"postal_code\": \"1669\","
                            "               \"state\": \"ARG-B\", \"country\": \"ARG\", \"state_code\": \"B\"},"
                            " \"occupation\": \"Engineer\","
                            " \"created_at\": \"2026-04-15T10:30:00\", \"updated_at\": \"2026-04-16T09:00:00\"}");
  g_assert_true (dossier_client_update_from (client, newer));

  g_assert_cmpuint (count_of (counts, "status"), ==, 1);
  g_assert_cmpuint (count_of (counts, "phone-country-code"), ==, 1);
  g_assert_cmpuint (count_of (counts, "phone-number"), ==, 1);
  g_assert_cmpuint (count_of (counts, "updated-at"), ==, 1);
  g_assert_cmpuint (count_of (counts, "extra-members"), ==, 1);
  g_assert_cmpuint (count_of (counts, "first-name"), ==, 0);
  g_assert_cmpuint (count_of (counts, "created-at"), ==, 0);
  g_assert_cmpuint (count_of (counts, "search-key"), ==, 0);
  g_assert_cmpuint (count_of (counts, "id"), ==, 0);

  g_object_get (client, "updated-at", &updated, "extra-members", &extra, NULL);
  g_assert_cmpint (g_date_time_get_day_of_month (updated), ==, 16);
  g_assert_cmpstr (json_object_get_string_member (extra, "occupation"), ==, "Engineer");
  /* The property hands out a copy. */
  json_object_set_string_member (extra, "occupation", "changed");
  {
    g_autoptr(JsonNode) occupation = dossier_client_get_member (client, "occupation");

    g_assert_cmpstr (json_node_get_string (occupation), ==, "Engineer");
  }
  g_assert_cmpstr (dossier_client_get_phone_number (client), ==, "");

  g_signal_handlers_disconnect_by_func (client, count_notify, counts);
  g_assert_finalize_object (g_steal_pointer (&newer));
  g_assert_finalize_object (g_steal_pointer (&same));
  g_assert_finalize_object (g_steal_pointer (&client));
}

static void
test_client_copy_and_members (void)
{
  g_autoptr(DossierClient) client = client_from_text (maria);
  g_autoptr(DossierClient) copy = dossier_client_copy (client);
  g_autofree char *a = to_text (client);
  g_autofree char *b = to_text (copy);
  g_autoptr(GHashTable) counts = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(JsonNode) value = NULL;
  g_autoptr(JsonNode) node = NULL;

  g_assert_true (copy != client);
  g_assert_cmpstr (a, ==, b);
  g_assert_cmpstr (dossier_client_get_id (copy), ==, dossier_client_get_id (client));
  g_assert_cmpstr (dossier_client_get_created_at_raw (copy), ==, "2026-04-15T10:30:00");

  g_signal_connect (copy, "notify", G_CALLBACK (count_notify), counts);

  /* A catalogue data field, set generically. */
  value = json_node_init_string (json_node_alloc (), "Engineer");
  dossier_client_set_member (copy, "occupation", value);
  dossier_client_set_member (copy, "occupation", value);
  g_assert_cmpuint (count_of (counts, "extra-members"), ==, 1);
  node = dossier_client_get_member (copy, "occupation");
  g_assert_cmpstr (json_node_get_string (node), ==, "Engineer");
  g_clear_pointer (&node, json_node_unref);
  g_assert_null (dossier_client_get_member (client, "occupation"));

  /* Modelled members go to their property. */
  json_node_set_int (value = (json_node_unref (value), json_node_init_int (json_node_alloc (), 0)), 99);
  dossier_client_set_member (copy, "phone_country_code", value);
  g_assert_cmpstr (dossier_client_get_phone_country_code (copy), ==, "99");
  g_assert_cmpuint (count_of (counts, "phone-country-code"), ==, 1);
  node = dossier_client_get_member (copy, "phone_number");
  g_assert_cmpint (json_node_get_int (node), ==, 1168860622);
  g_clear_pointer (&node, json_node_unref);
  node = dossier_client_get_member (copy, "first_name");
  g_assert_cmpstr (json_node_get_string (node), ==, "Maria");
  g_clear_pointer (&node, json_node_unref);
  node = dossier_client_get_member (copy, "address");
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (node), "city"), ==, "Del Viso");
  g_clear_pointer (&node, json_node_unref);
  node = dossier_client_get_member (copy, "id");
  g_assert_cmpstr (json_node_get_string (node), ==, "4QWq1rQtjnLM0wMswTRY9AmM4XTvY4GG");
  g_clear_pointer (&node, json_node_unref);
  g_assert_null (dossier_client_get_member (copy, "second_name_typo"));

  /* Server-owned members cannot be set. */
  dossier_client_set_member (copy, "id", value);
  dossier_client_set_member (copy, "status", value);
  g_assert_cmpstr (dossier_client_get_id (copy), ==, "4QWq1rQtjnLM0wMswTRY9AmM4XTvY4GG");
  g_assert_cmpstr (dossier_client_get_status (copy), ==, "pending");

  /* NULL and JSON null remove. */
  dossier_client_set_member (copy, "occupation", NULL);
  g_assert_null (dossier_client_get_member (copy, "occupation"));
  g_assert_cmpuint (count_of (counts, "extra-members"), ==, 2);
  {
    g_autoptr(JsonNode) null_node = json_node_new (JSON_NODE_NULL);

    dossier_client_set_member (copy, "phone_number", null_node);
    g_assert_cmpstr (dossier_client_get_phone_number (copy), ==, "");
    dossier_client_set_member (copy, "address", null_node);
    g_assert_cmpstr (dossier_client_get_city (copy), ==, "");
    g_assert_null (dossier_client_get_member (copy, "address"));
  }

  /* The original did not move. */
  g_assert_cmpstr (dossier_client_get_city (client), ==, "Del Viso");
  g_assert_cmpstr (dossier_client_get_phone_country_code (client), ==, "54");

  g_signal_handlers_disconnect_by_func (copy, count_notify, counts);
  g_assert_finalize_object (g_steal_pointer (&copy));
  g_assert_finalize_object (g_steal_pointer (&client));
}

static void
test_client_search_key (void)
{
  g_autoptr(DossierClient) client = client_from_text ("{\"id\": \"Id9\", \"first_name\": \"Zoë\", \"second_name\": \"Ǆemal\","
                                                       " \"last_name\": \"PEÑA ﬁne\", \"email\": \"Z@Example.COM\"}");
  g_autofree char *query = dossier_client_fold_text ("pena");
  g_autofree char *query2 = dossier_client_fold_text ("ZOE");
  g_autofree char *bad = dossier_client_fold_text ("caf\xc3");
  g_autofree char *empty = dossier_client_fold_text (NULL);

  g_assert_cmpstr (dossier_client_get_search_key (client), ==, "zoe dzemal pena fine z@example.com id9");
  g_assert_nonnull (strstr (dossier_client_get_search_key (client), query));
  g_assert_nonnull (strstr (dossier_client_get_search_key (client), query2));
  g_assert_true (g_utf8_validate (bad, -1, NULL));
  g_assert_cmpstr (empty, ==, "");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/dossier/core/client/read-contract", test_client_read_contract);
  g_test_add_func ("/dossier/core/client/read-rejects", test_client_read_rejects);
  g_test_add_func ("/dossier/core/client/phone-variants", test_client_phone_variants);
  g_test_add_func ("/dossier/core/client/address-variants", test_client_address_variants);
  g_test_add_func ("/dossier/core/client/timestamps", test_client_timestamps);
  g_test_add_func ("/dossier/core/client/unknown-members-round-trip", test_client_unknown_members_round_trip);
  g_test_add_func ("/dossier/core/client/put-body-strict", test_client_put_body_strict);
  g_test_add_func ("/dossier/core/client/properties", test_client_properties);
  g_test_add_func ("/dossier/core/client/update-from", test_client_update_from);
  g_test_add_func ("/dossier/core/client/copy-and-members", test_client_copy_and_members);
  g_test_add_func ("/dossier/core/client/search-key", test_client_search_key);

  return g_test_run ();
}
