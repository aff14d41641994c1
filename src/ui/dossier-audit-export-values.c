/* dossier-audit-export-values.c — values of the PDF export as people read them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs on the export's worker thread (only static tables, gettext, the locale and the
 * iso-codes tables, which any thread reads). The catalogue's members of the client and
 * the metadata sent with a document: a choice by its label ("travel" → "Travel"), a
 * number in the user's locale ("85000.5" → "85,000.5"), a country by its name and
 * code, as the client's own address; dates stay ISO 8601, as every date of the PDF.
 * The JSON export keeps the wire values.
 */
#include "config.h"

#include "dossier-audit-export-private.h"
#include "dossier-client-fields.h"
#include "dossier-contract.h"
#include "dossier-countries.h"
#include "dossier-value-row.h"

/* A value sent as text: a known choice or a country by name, anything else as sent. */
static char *
text_value (const char *text)
{
  const char *known;

  if (text == NULL || *text == '\0')
    return NULL;
  if (dossier_date_parse (text, NULL))
    return g_strdup (text);
  if (dossier_contract_is_valid_country (text) &&
      dossier_countries_lookup_name (dossier_countries_get_default (), text) != NULL)
    return dossier_client_field_format_value (DOSSIER_CLIENT_FIELD_COUNTRY, text);
  if ((known = dossier_known_ids_lookup (DOSSIER_KNOWN_ID_ENUM_VALUE, text)) != NULL)
    return g_strdup (known);
  return g_strdup (text);
}

/**
 * _dossier_audit_member_value:
 * @record: the client, as a #DossierClient made on the worker thread
 * @key: a member the client table does not model (a catalogue field's key; PHONE: `K`
 *   for `K_country_code` + `K_number`)
 * @node: (nullable): its value as sent, or %NULL for a phone pair
 *
 * Returns: (transfer full) (nullable): the value as people read it, %NULL when absent
 */
char *
_dossier_audit_member_value (DossierClient *record,
                             const char    *key,
                             JsonNode      *node)
{
  if (node == NULL)
    return dossier_value_row_format_client_value (record, key, DOSSIER_DATA_TYPE_PHONE);
  if (!JSON_NODE_HOLDS_VALUE (node))
    return json_to_string (node, FALSE);

  switch (json_node_get_value_type (node))
    {
    case G_TYPE_STRING:
      return text_value (json_node_get_string (node));
    case G_TYPE_INT64:
    case G_TYPE_DOUBLE:
      /* In the user's locale, every digit kept. */
      return dossier_value_row_format_client_value (record, key, DOSSIER_DATA_TYPE_NUMBER);
    default:
      return json_to_string (node, FALSE);
    }
}

/**
 * _dossier_audit_metadata_value:
 * @text: (nullable): a metadata value sent with a document
 *
 * Returns: (transfer full) (nullable): the value as people read it ("bank_statement" →
 *   "Bank statement", "ARG" → "Argentina (ARG)"), %NULL when empty
 */
char *
_dossier_audit_metadata_value (const char *text)
{
  return text_value (text);
}
