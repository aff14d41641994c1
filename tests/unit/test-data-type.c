/* test-data-type.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * CONTRACT.md §6.2 small rules, §12.3 value rules and §10.3 phrases.
 */

#include <math.h>
#include <string.h>

#include "dossier-contract.h"

static JsonNode *
parse_json (const char *json)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, json, -1, &error);
  g_assert_no_error (error);
  return json_node_copy (json_parser_get_root (parser));
}

/* A string of @n copies of @unit. */
static char *
repeat (const char *unit,
        guint       n)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < n; i++)
    g_string_append (s, unit);
  return g_string_free (s, FALSE);
}

static DossierValueVerdict
check_json (const DossierValueSpec *spec,
            const char             *json)
{
  g_autoptr(JsonNode) node = parse_json (json);

  return dossier_value_spec_check_json (spec, node);
}

static void
test_names (void)
{
  static const struct { const char *name; DossierDataType type; } cases[] = {
    { "STRING", DOSSIER_DATA_TYPE_STRING },
    { "PHONE", DOSSIER_DATA_TYPE_PHONE },
    { "DATE", DOSSIER_DATA_TYPE_DATE },
    { "NUMBER", DOSSIER_DATA_TYPE_NUMBER },
    { "EMAIL", DOSSIER_DATA_TYPE_EMAIL },
    { "COUNTRY", DOSSIER_DATA_TYPE_COUNTRY },
    { "ENUM", DOSSIER_DATA_TYPE_ENUM },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *lower = g_ascii_strdown (cases[i].name, -1);

      g_assert_cmpint (dossier_data_type_from_string (cases[i].name), ==, cases[i].type);
      g_assert_cmpint (dossier_data_type_from_string (lower), ==, cases[i].type);
      g_assert_cmpstr (dossier_data_type_to_string (cases[i].type), ==, cases[i].name);
    }

  g_assert_cmpint (dossier_data_type_from_string ("Email"), ==, DOSSIER_DATA_TYPE_EMAIL);
  g_assert_cmpint (dossier_data_type_from_string (NULL), ==, DOSSIER_DATA_TYPE_UNKNOWN);
  g_assert_cmpint (dossier_data_type_from_string (""), ==, DOSSIER_DATA_TYPE_UNKNOWN);
  g_assert_cmpint (dossier_data_type_from_string ("BOOLEAN"), ==, DOSSIER_DATA_TYPE_UNKNOWN);
  g_assert_cmpint (dossier_data_type_from_string ("STRING "), ==, DOSSIER_DATA_TYPE_UNKNOWN);
  g_assert_cmpint (dossier_data_type_from_string ("STRINGS"), ==, DOSSIER_DATA_TYPE_UNKNOWN);
  g_assert_null (dossier_data_type_to_string (DOSSIER_DATA_TYPE_UNKNOWN));
  g_assert_null (dossier_data_type_to_string ((DossierDataType) 99));
}

static void
test_blank (void)
{
  g_assert_true (dossier_contract_is_blank (NULL));
  g_assert_true (dossier_contract_is_blank (""));
  g_assert_true (dossier_contract_is_blank (" \t\n\v\f\r"));
  g_assert_false (dossier_contract_is_blank (" a "));
  g_assert_false (dossier_contract_is_blank ("."));
  /* Only ASCII whitespace counts: NBSP (U+00A0) and U+2003 are characters. */
  g_assert_false (dossier_contract_is_blank ("\xc2\xa0"));
  g_assert_false (dossier_contract_is_blank ("\xe2\x80\x83"));
}

static void
test_lengths (void)
{
  g_autofree char *n100 = repeat ("\xc3\xb1", 100);   /* ñ: 2 bytes, 1 code point */
  g_autofree char *n101 = repeat ("\xc3\xb1", 101);

  g_assert_cmpint (dossier_contract_count_chars ("abc"), ==, 3);
  g_assert_cmpint (dossier_contract_count_chars (n100), ==, 100);
  g_assert_cmpint (dossier_contract_count_chars (NULL), ==, -1);
  g_assert_cmpint (dossier_contract_count_chars ("\xff"), ==, -1);
  g_assert_true (dossier_contract_is_within_length (n100, DOSSIER_CONTRACT_MAX_NAME_CHARS));
  g_assert_false (dossier_contract_is_within_length (n101, DOSSIER_CONTRACT_MAX_NAME_CHARS));
  g_assert_true (dossier_contract_is_within_length ("", 0));
  g_assert_false (dossier_contract_is_within_length (NULL, 10));
}

static void
test_email (void)
{
  g_autofree char *local = NULL;
  g_autofree char *e254 = NULL;
  g_autofree char *e255 = NULL;
  g_autofree char *u254 = NULL;
  g_autofree char *u255 = NULL;

  g_assert_true (dossier_contract_is_valid_email ("mjuliabarber@example.com"));
  g_assert_true (dossier_contract_is_valid_email ("a@b.c"));
  g_assert_true (dossier_contract_is_valid_email ("a@b..c"));
  g_assert_true (dossier_contract_is_valid_email ("a@.b.c"));
  g_assert_true (dossier_contract_is_valid_email ("a.b@c.d.e"));
  g_assert_true (dossier_contract_is_valid_email ("\xc3\xb1@\xc3\xb1.\xc3\xb1"));
  /* NBSP is not \s in the contract's patterns. */
  g_assert_true (dossier_contract_is_valid_email ("a\xc2\xa0@b.c"));

  g_assert_false (dossier_contract_is_valid_email (NULL));
  g_assert_false (dossier_contract_is_valid_email (""));
  g_assert_false (dossier_contract_is_valid_email ("plain"));
  g_assert_false (dossier_contract_is_valid_email ("@b.c"));
  g_assert_false (dossier_contract_is_valid_email ("a@"));
  g_assert_false (dossier_contract_is_valid_email ("a@b"));
  g_assert_false (dossier_contract_is_valid_email ("a@b."));
  g_assert_false (dossier_contract_is_valid_email ("a@.b"));
  g_assert_false (dossier_contract_is_valid_email ("a@."));
  g_assert_false (dossier_contract_is_valid_email ("a.b@c"));
  g_assert_false (dossier_contract_is_valid_email ("a@@b.c"));
  g_assert_false (dossier_contract_is_valid_email ("a@b@c.d"));
  g_assert_false (dossier_contract_is_valid_email ("a b@c.d"));
  g_assert_false (dossier_contract_is_valid_email ("a@c.d "));
  g_assert_false (dossier_contract_is_valid_email (" a@c.d"));
  g_assert_false (dossier_contract_is_valid_email ("a@c.d\n"));
  g_assert_false (dossier_contract_is_valid_email ("a\t@c.d"));
  g_assert_false (dossier_contract_is_valid_email ("a@c\v.d"));
  g_assert_false (dossier_contract_is_valid_email ("a@c.\fd"));
  g_assert_false (dossier_contract_is_valid_email ("a@c.d\r"));
  g_assert_false (dossier_contract_is_valid_email ("a@\xff.d"));

  /* 254 code points pass, 255 fail; code points, not bytes. */
  local = repeat ("a", 254 - strlen ("@b.cd"));
  e254 = g_strconcat (local, "@b.cd", NULL);
  e255 = g_strconcat (local, "x@b.cd", NULL);
  g_assert_cmpint (g_utf8_strlen (e254, -1), ==, 254);
  g_assert_true (dossier_contract_is_valid_email (e254));
  g_assert_false (dossier_contract_is_valid_email (e255));

  g_clear_pointer (&local, g_free);
  local = repeat ("\xc3\xa9", 254 - strlen ("@b.cd"));
  u254 = g_strconcat (local, "@b.cd", NULL);
  u255 = g_strconcat (local, "\xc3\xa9@b.cd", NULL);
  g_assert_cmpuint (strlen (u254), >, 254);
  g_assert_true (dossier_contract_is_valid_email (u254));
  g_assert_false (dossier_contract_is_valid_email (u255));
}

static void
test_country (void)
{
  g_assert_true (dossier_contract_is_valid_country ("ARG"));
  g_assert_true (dossier_contract_is_valid_country ("ZZZ"));
  g_assert_false (dossier_contract_is_valid_country ("arg"));
  g_assert_false (dossier_contract_is_valid_country ("Arg"));
  g_assert_false (dossier_contract_is_valid_country ("ARGE"));
  g_assert_false (dossier_contract_is_valid_country ("AR"));
  g_assert_false (dossier_contract_is_valid_country ("AR1"));
  g_assert_false (dossier_contract_is_valid_country ("AR "));
  g_assert_false (dossier_contract_is_valid_country (" ARG"));
  g_assert_false (dossier_contract_is_valid_country (""));
  g_assert_false (dossier_contract_is_valid_country (NULL));
  g_assert_false (dossier_contract_is_valid_country ("\xc3\x84RG"));
}

static void
test_phone (void)
{
  g_assert_true (dossier_contract_is_valid_phone_country_code (1));
  g_assert_true (dossier_contract_is_valid_phone_country_code (54));
  g_assert_true (dossier_contract_is_valid_phone_country_code (999));
  g_assert_false (dossier_contract_is_valid_phone_country_code (0));
  g_assert_false (dossier_contract_is_valid_phone_country_code (-54));
  g_assert_false (dossier_contract_is_valid_phone_country_code (1000));
  g_assert_false (dossier_contract_is_valid_phone_country_code (G_MININT64));
  g_assert_false (dossier_contract_is_valid_phone_country_code (G_MAXINT64));

  g_assert_true (dossier_contract_is_valid_phone_number (1));
  g_assert_true (dossier_contract_is_valid_phone_number (1168860622));
  g_assert_true (dossier_contract_is_valid_phone_number (G_GINT64_CONSTANT (999999999999999)));
  g_assert_false (dossier_contract_is_valid_phone_number (G_GINT64_CONSTANT (1000000000000000)));
  g_assert_false (dossier_contract_is_valid_phone_number (0));
  g_assert_false (dossier_contract_is_valid_phone_number (-1));
  g_assert_false (dossier_contract_is_valid_phone_number (G_MAXINT64));
}

static void
test_json_integer (void)
{
  static const struct { const char *json; gboolean integer; } cases[] = {
    { "54", TRUE }, { "-3", TRUE }, { "0", TRUE },
    { "54.0", FALSE }, { "5e1", FALSE }, { "5E+1", FALSE }, { "\"54\"", FALSE },
    { "true", FALSE }, { "null", FALSE }, { "[54]", FALSE }, { "{\"a\": 54}", FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(JsonNode) node = parse_json (cases[i].json);

      g_test_message ("%s", cases[i].json);
      g_assert_cmpint (dossier_contract_json_is_integer (node), ==, cases[i].integer);
    }

  g_assert_false (dossier_contract_json_is_integer (NULL));
}

static void
test_string (void)
{
  DossierValueSpec spec = { .type = DOSSIER_DATA_TYPE_STRING };
  g_autofree char *s255 = repeat ("\xe2\x82\xac", 255);   /* €: 3 bytes */
  g_autofree char *s256 = repeat ("\xe2\x82\xac", 256);
  g_autofree char *j255 = g_strdup_printf ("\"%s\"", s255);
  g_autofree char *j256 = g_strdup_printf ("\"%s\"", s256);

  g_assert_cmpint (check_json (&spec, "\"Engineer\""), ==, DOSSIER_VALUE_VALID);
  g_assert_cmpint (check_json (&spec, "\" x \""), ==, DOSSIER_VALUE_VALID);
  g_assert_cmpint (check_json (&spec, "\"\""), ==, DOSSIER_VALUE_INVALID);
  g_assert_cmpint (check_json (&spec, "\" \\t\\n\\r\\f\""), ==, DOSSIER_VALUE_INVALID);
  g_assert_cmpint (check_json (&spec, j255), ==, DOSSIER_VALUE_VALID);
  g_assert_cmpint (check_json (&spec, j256), ==, DOSSIER_VALUE_INVALID);
  g_assert_cmpint (check_json (&spec, "12"), ==, DOSSIER_VALUE_WRONG_TYPE);
  g_assert_cmpint (check_json (&spec, "true"), ==, DOSSIER_VALUE_WRONG_TYPE);
  g_assert_cmpint (check_json (&spec, "null"), ==, DOSSIER_VALUE_WRONG_TYPE);
  g_assert_cmpint (check_json (&spec, "[\"a\"]"), ==, DOSSIER_VALUE_WRONG_TYPE);
  g_assert_cmpint (check_json (&spec, "{}"), ==, DOSSIER_VALUE_WRONG_TYPE);
  g_assert_cmpint (dossier_value_spec_check_json (&spec, NULL), ==, DOSSIER_VALUE_WRONG_TYPE);

  g_assert_cmpint (dossier_value_spec_check_text (&spec, "x"), ==, DOSSIER_VALUE_VALID);
  g_assert_cmpint (dossier_value_spec_check_text (&spec, "  "), ==, DOSSIER_VALUE_INVALID);
  g_assert_cmpint (dossier_value_spec_check_text (&spec, NULL), ==, DOSSIER_VALUE_INVALID);
  g_assert_cmpint (dossier_value_spec_check_text (&spec, s255), ==, DOSSIER_VALUE_VALID);
  g_assert_cmpint (dossier_value_spec_check_text (&spec, s256), ==, DOSSIER_VALUE_INVALID);
  g_assert_cmpint (dossier_value_spec_check_text (&spec, "\xff"), ==, DOSSIER_VALUE_INVALID);
}

static void
test_date (void)
{
  DossierValueSpec spec = { .type = DOSSIER_DATA_TYPE_DATE };

  g_assert_cmpint (check_json (&spec, "\"2024-02-29\""), ==, DOSSIER_VALUE_VALID);
  g_assert_cmpint (check_json (&spec, "\"2023-02-29\""), ==, DOSSIER_VALUE_INVALID);
  g_assert_cmpint (check_json (&spec, "\"2024-02-29T00:00:00\""), ==, DOSSIER_VALUE_INVALID);
  g_assert_cmpint (check_json (&spec, "20240229"), ==, DOSSIER_VALUE_WRONG_TYPE);
  g_assert_cmpint (dossier_value_spec_check_text (&spec, "1984-11-21"), ==, DOSSIER_VALUE_VALID);
  g_assert_cmpint (dossier_value_spec_check_text (&spec, "1984-11-31"), ==, DOSSIER_VALUE_INVALID);
  g_assert_cmpint (dossier_value_spec_check_text (&spec, ""), ==, DOSSIER_VALUE_INVALID);
}

static void
test_number (void)
{
  DossierValueSpec spec = { .type = DOSSIER_DATA_TYPE_NUMBER };
  DossierValueSpec range = { .type = DOSSIER_DATA_TYPE_NUMBER,
                             .has_minimum = TRUE, .minimum = 0,
                             .has_maximum = TRUE, .maximum = 100.5 };
  DossierValueSpec min_only = { .type = DOSSIER_DATA_TYPE_NUMBER,
                                .has_minimum = TRUE, .minimum = -2 };
  g_autoptr(JsonNode) nan_node = json_node_init_double (json_node_alloc (), NAN);
  g_autoptr(JsonNode) inf_node = json_node_init_double (json_node_alloc (), INFINITY);
  g_autoptr(JsonNode) ninf_node = json_node_init_double (json_node_alloc (), -INFINITY);

  g_assert_cmpint (check_json (&spec, "42"), ==, DOSSIER_VALUE_VALID);
  g_assert_cmpint (check_json (&spec, "-4.25e3"), ==, DOSSIER_VALUE_VALID);
  g_assert_cmpint (check_json (&spec, "\"42\""), ==, DOSSIER_VALUE_WRONG_TYPE);
  g_assert_cmpint (check_json (&spec, "true"), ==, DOSSIER_VALUE_WRONG_TYPE);
  g_assert_cmpint (check_json (&spec, "[1]"), ==, DOSSIER_VALUE_WRONG_TYPE);
  g_assert_cmpint (dossier_value_spec_check_json (&spec, nan_node), ==, DOSSIER_VALUE_INVALID);
  g_assert_cmpint (dossier_value_spec_check_json (&spec, inf_node), ==, DOSSIER_VALUE_INVALID);
  g_assert_cmpint (dossier_value_spec_check_json (&spec, ninf_node), ==, DOSSIER_VALUE_INVALID);
  g_assert_cmpint (dossier_value_spec_check_json (&range, nan_node), ==, DOSSIER_VALUE_INVALID);

  /* Bounds are inclusive. */
  g_assert_cmpint (check_json (&range, "0"), ==, DOSSIER_VALUE_VALID);
  g_assert_cmpint (check_json (&range, "0.0"), ==, DOSSIER_VALUE_VALID);
  g_assert_cmpint (check_json (&range, "100.5"), ==, DOSSIER_VALUE_VALID);
  g_assert_cmpint (check_json (&range, "-0.001"), ==, DOSSIER_VALUE_INVALID);
  g_assert_cmpint (check_json (&range, "-1"), ==, DOSSIER_VALUE_INVALID);
  g_assert_cmpint (check_json (&range, "101"), ==, DOSSIER_VALUE_INVALID);
  g_assert_cmpint (check_json (&range, "100.50001"), ==, DOSSIER_VALUE_INVALID);
  g_assert_cmpint (check_json (&min_only, "-2"), ==, DOSSIER_VALUE_VALID);
  g_assert_cmpint (check_json (&min_only, "1e300"), ==, DOSSIER_VALUE_VALID);
  g_assert_cmpint (check_json (&min_only, "-3"), ==, DOSSIER_VALUE_INVALID);

  g_assert_cmpint (dossier_value_spec_check_text (&spec, "42"), ==, DOSSIER_VALUE_VALID);
  g_assert_cmpint (dossier_value_spec_check_text (&spec, "-0.5"), ==, DOSSIER_VALUE_VALID);
  g_assert_cmpint (dossier_value_spec_check_text (&spec, "+.5"), ==, DOSSIER_VALUE_VALID);
  g_assert_cmpint (dossier_value_spec_check_text (&spec, "5."), ==, DOSSIER_VALUE_VALID);
  g_assert_cmpint (dossier_value_spec_check_text (&spec, "1E-3"), ==, DOSSIER_VALUE_VALID);
  g_assert_cmpint (dossier_value_spec_check_text (&spec, "1,5"), ==, DOSSIER_VALUE_INVALID);
  g_assert_cmpint (dossier_value_spec_check_text (&spec, "."), ==, DOSSIER_VALUE_INVALID);
  g_assert_cmpint (dossier_value_spec_check_text (&spec, "1e"), ==, DOSSIER_VALUE_INVALID);
  g_assert_cmpint (dossier_value_spec_check_text (&spec, "e5"), ==, DOSSIER_VALUE_INVALID);
  g_assert_cmpint (dossier_value_spec_check_text (&spec, " 4"), ==, DOSSIER_VALUE_INVALID);
  g_assert_cmpint (dossier_value_spec_check_text (&spec, "4 "), ==, DOSSIER_VALUE_INVALID);
  g_assert_cmpint (dossier_value_spec_check_text (&spec, "0x10"), ==, DOSSIER_VALUE_INVALID);
  g_assert_cmpint (dossier_value_spec_check_text (&spec, "nan"), ==, DOSSIER_VALUE_INVALID);
  g_assert_cmpint (dossier_value_spec_check_text (&spec, "inf"), ==, DOSSIER_VALUE_INVALID);
  g_assert_cmpint (dossier_value_spec_check_text (&spec, "1e999"), ==, DOSSIER_VALUE_INVALID);
  g_assert_cmpint (dossier_value_spec_check_text (&spec, ""), ==, DOSSIER_VALUE_INVALID);
  g_assert_cmpint (dossier_value_spec_check_text (&spec, NULL), ==, DOSSIER_VALUE_INVALID);
  g_assert_cmpint (dossier_value_spec_check_text (&range, "100.5"), ==, DOSSIER_VALUE_VALID);
  g_assert_cmpint (dossier_value_spec_check_text (&range, "100.6"), ==, DOSSIER_VALUE_INVALID);
  g_assert_cmpint (dossier_value_spec_check_text (&range, "-0"), ==, DOSSIER_VALUE_VALID);
}

static void
test_parse_number (void)
{
  double v = 0;

  g_assert_true (dossier_contract_parse_number ("-12.5e1", &v));
  g_assert_cmpfloat (v, ==, -125.0);
  g_assert_true (dossier_contract_parse_number ("7", NULL));
  v = 3;
  g_assert_false (dossier_contract_parse_number ("7x", &v));
  g_assert_cmpfloat (v, ==, 3);
  g_assert_false (dossier_contract_parse_number ("-", &v));
  g_assert_false (dossier_contract_parse_number ("--1", &v));
  g_assert_false (dossier_contract_parse_number ("1e+", &v));
}

static void
test_email_country_enum (void)
{
  DossierValueSpec email = { .type = DOSSIER_DATA_TYPE_EMAIL };
  DossierValueSpec country = { .type = DOSSIER_DATA_TYPE_COUNTRY };
  static const char * const values[] = { "EMPLOYED", "SELF_EMPLOYED", "retired", NULL };
  DossierValueSpec enm = { .type = DOSSIER_DATA_TYPE_ENUM, .values = values };
  DossierValueSpec empty_enum = { .type = DOSSIER_DATA_TYPE_ENUM };

  g_assert_cmpint (check_json (&email, "\"a@b.c\""), ==, DOSSIER_VALUE_VALID);
  g_assert_cmpint (check_json (&email, "\"a@b\""), ==, DOSSIER_VALUE_INVALID);
  g_assert_cmpint (check_json (&email, "1"), ==, DOSSIER_VALUE_WRONG_TYPE);
  g_assert_cmpint (dossier_value_spec_check_text (&email, "a @b.c"), ==, DOSSIER_VALUE_INVALID);

  g_assert_cmpint (check_json (&country, "\"ARG\""), ==, DOSSIER_VALUE_VALID);
  g_assert_cmpint (check_json (&country, "\"arg\""), ==, DOSSIER_VALUE_INVALID);
  g_assert_cmpint (check_json (&country, "\"ARGE\""), ==, DOSSIER_VALUE_INVALID);
  g_assert_cmpint (check_json (&country, "\"AR1\""), ==, DOSSIER_VALUE_INVALID);
  g_assert_cmpint (check_json (&country, "32"), ==, DOSSIER_VALUE_WRONG_TYPE);

  g_assert_cmpint (check_json (&enm, "\"EMPLOYED\""), ==, DOSSIER_VALUE_VALID);
  g_assert_cmpint (check_json (&enm, "\"retired\""), ==, DOSSIER_VALUE_VALID);
  g_assert_cmpint (check_json (&enm, "\"employed\""), ==, DOSSIER_VALUE_INVALID);
  g_assert_cmpint (check_json (&enm, "\"RETIRED\""), ==, DOSSIER_VALUE_INVALID);
  g_assert_cmpint (check_json (&enm, "\"EMPLOYED \""), ==, DOSSIER_VALUE_INVALID);
  g_assert_cmpint (check_json (&enm, "\"EMPLOY\""), ==, DOSSIER_VALUE_INVALID);
  g_assert_cmpint (check_json (&enm, "\"\""), ==, DOSSIER_VALUE_INVALID);
  g_assert_cmpint (check_json (&enm, "0"), ==, DOSSIER_VALUE_WRONG_TYPE);
  g_assert_cmpint (check_json (&empty_enum, "\"x\""), ==, DOSSIER_VALUE_INVALID);
  g_assert_cmpint (dossier_value_spec_check_text (&enm, "SELF_EMPLOYED"), ==, DOSSIER_VALUE_VALID);
  g_assert_cmpint (dossier_value_spec_check_text (&enm, "Self_Employed"), ==, DOSSIER_VALUE_INVALID);
}

static void
test_phone_and_unknown (void)
{
  DossierValueSpec phone = { .type = DOSSIER_DATA_TYPE_PHONE };
  DossierValueSpec unknown = { .type = DOSSIER_DATA_TYPE_UNKNOWN };

  g_assert_cmpint (check_json (&phone, "54"), ==, DOSSIER_VALUE_WRONG_TYPE);
  g_assert_cmpint (check_json (&phone, "\"+54 11\""), ==, DOSSIER_VALUE_WRONG_TYPE);
  g_assert_cmpint (dossier_value_spec_check_text (&phone, "54"), ==, DOSSIER_VALUE_WRONG_TYPE);

  g_assert_cmpint (check_json (&unknown, "\"anything\""), ==, DOSSIER_VALUE_VALID);
  g_assert_cmpint (check_json (&unknown, "\"\""), ==, DOSSIER_VALUE_VALID);
  g_assert_cmpint (check_json (&unknown, "3"), ==, DOSSIER_VALUE_WRONG_TYPE);
  g_assert_cmpint (check_json (&unknown, "{}"), ==, DOSSIER_VALUE_WRONG_TYPE);
  g_assert_cmpint (dossier_value_spec_check_text (&unknown, "x"), ==, DOSSIER_VALUE_VALID);
}

static void
test_describe (void)
{
  static const char * const values[] = { "PASSPORT", "ID_CARD", "DRIVER", NULL };
  static const char * const one[] = { "ONLY", NULL };
  static const struct { DossierDataType type; const char *phrase; } cases[] = {
    { DOSSIER_DATA_TYPE_STRING, "a non-empty text of at most 255 characters" },
    { DOSSIER_DATA_TYPE_DATE, "a date in the form YYYY-MM-DD" },
    { DOSSIER_DATA_TYPE_NUMBER, "a number" },
    { DOSSIER_DATA_TYPE_EMAIL, "an email address" },
    { DOSSIER_DATA_TYPE_COUNTRY, "an ISO 3166-1 alpha-3 country code" },
    { DOSSIER_DATA_TYPE_UNKNOWN, "a text" },
  };
  DossierValueSpec enm = { .type = DOSSIER_DATA_TYPE_ENUM, .values = values };
  DossierValueSpec enm1 = { .type = DOSSIER_DATA_TYPE_ENUM, .values = one };
  DossierValueSpec bounded = { .type = DOSSIER_DATA_TYPE_NUMBER,
                               .has_minimum = TRUE, .minimum = 1 };
  g_autofree char *enum_phrase = dossier_value_spec_describe (&enm);
  g_autofree char *enum1_phrase = dossier_value_spec_describe (&enm1);
  g_autofree char *bounded_phrase = dossier_value_spec_describe (&bounded);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      DossierValueSpec spec = { .type = cases[i].type };
      g_autofree char *phrase = dossier_value_spec_describe (&spec);

      g_assert_cmpstr (phrase, ==, cases[i].phrase);
    }

  g_assert_cmpstr (enum_phrase, ==, "one of: PASSPORT, ID_CARD, DRIVER");
  g_assert_cmpstr (enum1_phrase, ==, "one of: ONLY");
  g_assert_cmpstr (bounded_phrase, ==, "a number");
}

static gboolean
overflows (const char *json)
{
  return dossier_json_text_has_integer_overflow (json, strlen (json));
}

static void
test_integer_overflow_scan (void)
{
  g_autoptr(JsonNode) wrapped = parse_json ("-18446744073709551562");

  /* Why the scan exists: json-glib 1.6 wraps this literal to a valid country code. */
  g_test_message ("json-glib reads -18446744073709551562 as %" G_GINT64_FORMAT,
                  json_node_get_int (wrapped));

  g_assert_false (overflows ("{\"phone_country_code\": 54, \"phone_number\": 1168860622}"));
  g_assert_false (overflows ("[9223372036854775807, -9223372036854775808]"));
  g_assert_false (overflows ("[00000000000000000000009223372036854775807]"));
  g_assert_false (overflows ("[1e400, 18446744073709551617.0, 99999999999999999999E0, -1e-400]"));
  g_assert_false (overflows ("{\"a\": \"18446744073709551617\"}"));
  g_assert_false (overflows ("{\"a\\\"99999999999999999999\": 1}"));
  g_assert_false (overflows ("{\"k99999999999999999999\": true}"));
  g_assert_false (overflows (""));
  g_assert_false (dossier_json_text_has_integer_overflow (NULL, 0));

  g_assert_true (overflows ("9223372036854775808"));
  g_assert_true (overflows ("[-9223372036854775809]"));
  g_assert_true (overflows ("{\"phone_country_code\": -18446744073709551562}"));
  g_assert_true (overflows ("{\"a\": \"x\", \"b\": [1, 2, 18446744073709551617]}"));
  g_assert_true (overflows ("{\"a\": \"\\\\\", \"b\":99999999999999999999}"));
  /* Only the given length is read: the unterminated string ends the scan. */
  g_assert_false (dossier_json_text_has_integer_overflow ("\"\\", 2));
  g_assert_false (dossier_json_text_has_integer_overflow ("99999999999999999999", 5));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/dossier/contract/data-type/names", test_names);
  g_test_add_func ("/dossier/contract/data-type/blank", test_blank);
  g_test_add_func ("/dossier/contract/data-type/lengths", test_lengths);
  g_test_add_func ("/dossier/contract/data-type/email", test_email);
  g_test_add_func ("/dossier/contract/data-type/country", test_country);
  g_test_add_func ("/dossier/contract/data-type/phone", test_phone);
  g_test_add_func ("/dossier/contract/data-type/json-integer", test_json_integer);
  g_test_add_func ("/dossier/contract/data-type/string", test_string);
  g_test_add_func ("/dossier/contract/data-type/date", test_date);
  g_test_add_func ("/dossier/contract/data-type/number", test_number);
  g_test_add_func ("/dossier/contract/data-type/parse-number", test_parse_number);
  g_test_add_func ("/dossier/contract/data-type/email-country-enum", test_email_country_enum);
  g_test_add_func ("/dossier/contract/data-type/phone-unknown", test_phone_and_unknown);
  g_test_add_func ("/dossier/contract/data-type/describe", test_describe);
  g_test_add_func ("/dossier/contract/data-type/integer-overflow-scan", test_integer_overflow_scan);

  return g_test_run ();
}
