/* fuzz-contract-values.c — fuzz target: value validation and dates of src/contract
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Input: one byte choosing the data type and the spec's bounds, then a text.
 * The text goes through dossier_json_text_has_integer_overflow(),
 * dossier_date_parse() / dossier_timestamp_parse() (what parses must format
 * and parse back to the same value), dossier_value_spec_check_text() (valid
 * UTF-8 only: form text always is) and, when it is JSON, through
 * dossier_value_spec_check_json() on every value it holds.
 */
#include "fuzz-common.h"

#include "dossier-contract.h"

static const char * const enum_values[] = { "PASSPORT", "ID_CARD", "ÑANDÚ", "", NULL };

static void
check_dates (const char *text)
{
  g_autoptr(GDateTime) timestamp = NULL;
  GDate date;

  if (dossier_date_parse (text, &date))
    {
      g_autofree char *formatted = dossier_date_format (&date);
      GDate again;

      g_assert_true (g_date_valid (&date));
      g_assert_nonnull (formatted);
      g_assert_true (dossier_date_parse (formatted, &again));
      g_assert_cmpint (g_date_compare (&date, &again), ==, 0);
    }

  timestamp = dossier_timestamp_parse (text);
  if (timestamp != NULL)
    {
      g_autofree char *formatted = dossier_timestamp_format (timestamp);

      if (formatted != NULL)
        {
          g_autoptr(GDateTime) again = dossier_timestamp_parse (formatted);

          /* The sandbox's form: UTC, whole seconds. */
          g_assert_nonnull (again);
          g_assert_cmpint (g_date_time_to_unix (again), ==, g_date_time_to_unix (timestamp));
        }
    }
}

static void
check_json_values (const DossierValueSpec *spec,
                   JsonNode               *node,
                   guint                   depth)
{
  if (node == NULL || depth > 64)
    return;

  (void) dossier_value_spec_check_json (spec, node);
  (void) dossier_contract_json_is_integer (node);
  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        check_json_values (spec, json_array_get_element (array, i), depth + 1);
    }
  else if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObjectIter iter;
      JsonNode *member;

      json_object_iter_init (&iter, json_node_get_object (node));
      while (json_object_iter_next (&iter, NULL, &member))
        check_json_values (spec, member, depth + 1);
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  DossierValueSpec spec = { 0 };
  g_autofree char *text = NULL;
  g_autofree char *phrase = NULL;
  guint8 selector;
  double number;

  if (size < 1 || size > FUZZ_MAX_INPUT)
    return 0;
  fuzz_init_once ();

  selector = data[0];
  data++;
  size--;

  spec.type = (DossierDataType) (selector % 8);
  spec.values = spec.type == DOSSIER_DATA_TYPE_ENUM ? enum_values : NULL;
  spec.has_minimum = (selector & 0x10) != 0;
  spec.minimum = (selector & 0x40) ? -1.5 : 0;
  spec.has_maximum = (selector & 0x20) != 0;
  spec.maximum = (selector & 0x80) ? 1e300 : 100;
  phrase = dossier_value_spec_describe (&spec);
  g_assert_nonnull (phrase);
  (void) dossier_data_type_from_string (dossier_data_type_to_string (spec.type));

  (void) dossier_json_text_has_integer_overflow ((const char *) data, size);

  text = g_strndup ((const char *) data, size);
  check_dates (text);

  if (g_utf8_validate (text, -1, NULL))
    {
      g_autoptr(JsonParser) parser = json_parser_new_immutable ();

      (void) dossier_value_spec_check_text (&spec, text);
      (void) dossier_contract_is_blank (text);
      (void) dossier_contract_is_valid_email (text);
      (void) dossier_contract_is_valid_country (text);
      (void) dossier_contract_count_chars (text);
      (void) dossier_contract_is_within_length (text, DOSSIER_CONTRACT_MAX_NAME_CHARS);
      if (dossier_contract_parse_number (text, &number))
        {
          (void) dossier_contract_is_valid_phone_country_code ((gint64) CLAMP (number, -1e18, 1e18));
          (void) dossier_contract_is_valid_phone_number ((gint64) CLAMP (number, -1e18, 1e18));
        }

      /* json-glib has no depth limit of its own: keep the nesting shallow. */
      if (size < 65536 && json_parser_load_from_data (parser, text, -1, NULL))
        check_json_values (&spec, json_parser_get_root (parser), 0);
    }
  return 0;
}
