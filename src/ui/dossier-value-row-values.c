/* dossier-value-row-values.c — a value row's value: as the API wants it, as typed (for
 * drafts), and filled from either
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "dossier-client-fields.h"
#include "dossier-countries.h"
#include "dossier-known-ids.h"
#include "dossier-value-row-private.h"

/**
 * dossier_value_row_get_value:
 * @self: a #DossierValueRow
 *
 * Returns: (transfer full) (nullable): the value as the API wants it, or %NULL when the
 *   row is empty or its value is not valid
 */
JsonNode *
dossier_value_row_get_value (DossierValueRow *self)
{
  g_autofree char *text = NULL;
  double number;
  GDate date;

  g_return_val_if_fail (DOSSIER_IS_VALUE_ROW (self), NULL);

  if (dossier_value_row_is_empty (self) || !dossier_value_row_check (self, NULL))
    return NULL;

  if (self->dropdown != NULL)
    return json_node_init_string (json_node_alloc (), _dossier_value_row_chosen_value (self));

  text = g_strstrip (g_strdup (_dossier_value_row_entry_text (self->entry)));

  switch (self->data_type)
    {
    case DOSSIER_DATA_TYPE_PHONE:
      {
        g_autoptr(JsonObject) phone = json_object_new ();
        g_autofree char *code = dossier_client_field_normalize (DOSSIER_CLIENT_FIELD_PHONE_COUNTRY_CODE,
                                                                _dossier_value_row_entry_text (self->code_entry));
        g_autofree char *national = dossier_client_field_normalize (DOSSIER_CLIENT_FIELD_PHONE_NUMBER, text);

        json_object_set_string_member (phone, "country_code", code);
        json_object_set_string_member (phone, "number", national);
        return json_node_init_object (json_node_alloc (), phone);
      }

    case DOSSIER_DATA_TYPE_DATE:
      {
        g_autofree char *iso = NULL;

        _dossier_value_row_parse_date (text, &date);
        iso = dossier_date_format (&date);
        return json_node_init_string (json_node_alloc (), iso);
      }

    case DOSSIER_DATA_TYPE_NUMBER:
      _dossier_value_row_parse_number (text, &number);
      /* A whole number travels without a fraction (50000, not 50000.0). */
      if (number == (double) (gint64) number && ABS (number) < 1e15)
        return json_node_init_int (json_node_alloc (), (gint64) number);
      return json_node_init_double (json_node_alloc (), number);

    case DOSSIER_DATA_TYPE_STRING:
    case DOSSIER_DATA_TYPE_EMAIL:
    case DOSSIER_DATA_TYPE_UNKNOWN:
    default:
      return json_node_init_string (json_node_alloc (), text);
    }
}

static char *
node_to_text (JsonNode *node)
{
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return g_strdup ("");
  if (json_node_get_value_type (node) == G_TYPE_STRING)
    return g_strdup (json_node_get_string (node));
  if (json_node_get_value_type (node) == G_TYPE_INT64)
    return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
  if (json_node_get_value_type (node) == G_TYPE_DOUBLE)
    return _dossier_value_row_format_number (json_node_get_double (node));
  return g_strdup ("");
}

static void
choose (DossierValueRow *self,
        const char      *value)
{
  guint position = GTK_INVALID_LIST_POSITION;

  if (value != NULL && self->data_type == DOSSIER_DATA_TYPE_COUNTRY)
    {
      g_autofree char *upper = g_ascii_strup (value, -1);

      position = dossier_countries_find (dossier_countries_get_default (), upper);
    }
  else if (value != NULL)
    {
      for (guint i = 0; self->values != NULL && self->values[i] != NULL; i++)
        if (g_str_equal (self->values[i], value))
          position = i;
    }
  gtk_drop_down_set_selected (GTK_DROP_DOWN (self->dropdown), position);
}

/* Fills the editors; a DATE or NUMBER from the wire is shown the local way. */
static void
fill (DossierValueRow *self,
      JsonNode        *value,
      gboolean         from_wire)
{
  g_autofree char *text = NULL;

  if (self->data_type == DOSSIER_DATA_TYPE_PHONE)
    {
      JsonObject *phone = value != NULL && JSON_NODE_HOLDS_OBJECT (value) ? json_node_get_object (value) : NULL;
      g_autofree char *code = node_to_text (phone != NULL ? json_object_get_member (phone, "country_code") : NULL);
      g_autofree char *number = node_to_text (phone != NULL ? json_object_get_member (phone, "number") : NULL);

      gtk_editable_set_text (GTK_EDITABLE (self->code_entry), code);
      gtk_editable_set_text (GTK_EDITABLE (self->entry), number);
      return;
    }

  text = node_to_text (value);
  if (self->dropdown != NULL)
    {
      choose (self, *text != '\0' ? text : NULL);
      return;
    }

  if (from_wire && self->data_type == DOSSIER_DATA_TYPE_DATE)
    {
      GDate date;

      if (dossier_date_parse (text, &date))
        {
          g_free (text);
          text = _dossier_value_row_format_date (&date);
        }
    }
  else if (from_wire && self->data_type == DOSSIER_DATA_TYPE_NUMBER && value != NULL
           && JSON_NODE_HOLDS_VALUE (value) && json_node_get_value_type (value) == G_TYPE_INT64)
    {
      g_free (text);
      text = _dossier_value_row_format_number ((double) json_node_get_int (value));
    }
  gtk_editable_set_text (GTK_EDITABLE (self->entry), text);
}

/**
 * dossier_value_row_set_value:
 * @self: a #DossierValueRow
 * @value: (nullable): a value in the shape dossier_value_row_get_value() gives; %NULL clears
 *
 * Does not count as an edit and does not emit #DossierValueRow::changed.
 */
void
dossier_value_row_set_value (DossierValueRow *self,
                             JsonNode        *value)
{
  g_return_if_fail (DOSSIER_IS_VALUE_ROW (self));

  self->updating++;
  fill (self, value, TRUE);
  self->updating--;
  g_clear_pointer (&self->server_message, g_free);
  _dossier_value_row_update_message (self);
}

/**
 * dossier_value_row_get_draft:
 * @self: a #DossierValueRow
 *
 * Returns: (transfer full) (nullable): what was typed, as typed, or %NULL when empty
 */
JsonNode *
dossier_value_row_get_draft (DossierValueRow *self)
{
  g_return_val_if_fail (DOSSIER_IS_VALUE_ROW (self), NULL);

  if (dossier_value_row_is_empty (self))
    return NULL;

  if (self->data_type == DOSSIER_DATA_TYPE_PHONE)
    {
      g_autoptr(JsonObject) phone = json_object_new ();

      json_object_set_string_member (phone, "country_code", _dossier_value_row_entry_text (self->code_entry));
      json_object_set_string_member (phone, "number", _dossier_value_row_entry_text (self->entry));
      return json_node_init_object (json_node_alloc (), phone);
    }
  if (self->dropdown != NULL)
    return json_node_init_string (json_node_alloc (), _dossier_value_row_chosen_value (self));

  return json_node_init_string (json_node_alloc (), _dossier_value_row_entry_text (self->entry));
}

/**
 * dossier_value_row_set_draft:
 * @self: a #DossierValueRow
 * @draft: (nullable): what dossier_value_row_get_draft() gave
 *
 * The row counts as edited, so what is still wrong shows at once. Emits no signal.
 */
void
dossier_value_row_set_draft (DossierValueRow *self,
                             JsonNode        *draft)
{
  g_return_if_fail (DOSSIER_IS_VALUE_ROW (self));

  self->updating++;
  fill (self, draft, FALSE);
  self->updating--;
  self->touched = TRUE;
  self->forced = TRUE;
  g_clear_pointer (&self->server_message, g_free);
  _dossier_value_row_update_message (self);
}

/**
 * dossier_value_row_set_calling_code:
 * @self: a PHONE #DossierValueRow
 * @code: a calling code such as 54 (0 does nothing)
 *
 * Prefills the calling code while none was typed.
 */
void
dossier_value_row_set_calling_code (DossierValueRow *self,
                                    guint            code)
{
  g_autofree char *text = NULL;

  g_return_if_fail (DOSSIER_IS_VALUE_ROW (self));

  if (self->code_entry == NULL || code == 0 || *_dossier_value_row_entry_text (self->code_entry) != '\0')
    return;

  text = g_strdup_printf ("%u", code);
  self->updating++;
  gtk_editable_set_text (GTK_EDITABLE (self->code_entry), text);
  self->updating--;
  _dossier_value_row_update_message (self);
}

/**
 * dossier_value_row_format_iso_date:
 * @iso: (nullable): a date as the API writes it, `YYYY-MM-DD`
 *
 * The one way Dossier shows a date of the client's data (a birth date, a DATE field):
 * the locale's short form with a four-digit year (e.g. 21/11/1984, 11/21/1984), as the
 * date rows show and accept it.
 *
 * Returns: (transfer full) (nullable): the date as people of this locale read it; text
 *   that is not an ISO date is returned as it is; %NULL for %NULL
 */
char *
dossier_value_row_format_iso_date (const char *iso)
{
  GDate date;

  if (iso == NULL)
    return NULL;
  if (dossier_date_parse (iso, &date))
    return _dossier_value_row_format_date (&date);
  return g_strdup (iso);
}

static char *
member_text (JsonNode *node)
{
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return NULL;
  if (json_node_get_value_type (node) == G_TYPE_STRING)
    return g_strdup (json_node_get_string (node));
  if (json_node_get_value_type (node) == G_TYPE_INT64)
    return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
  if (json_node_get_value_type (node) == G_TYPE_DOUBLE)
    return _dossier_value_row_format_number (json_node_get_double (node));
  if (json_node_get_value_type (node) == G_TYPE_BOOLEAN)
    return g_strdup (json_node_get_boolean (node) ? "true" : "false");
  return NULL;
}

/* What a value of an unknown type most likely is, from its JSON. */
static DossierDataType
guess_type (JsonNode   *node,
            const char *text)
{
  if (json_node_get_value_type (node) == G_TYPE_INT64 || json_node_get_value_type (node) == G_TYPE_DOUBLE)
    return DOSSIER_DATA_TYPE_NUMBER;
  if (strlen (text) == 10 && dossier_date_parse (text, NULL))
    return DOSSIER_DATA_TYPE_DATE;
  if (dossier_contract_is_valid_country (text)
      && dossier_countries_lookup_name (dossier_countries_get_default (), text) != NULL)
    return DOSSIER_DATA_TYPE_COUNTRY;
  if (dossier_known_ids_lookup (DOSSIER_KNOWN_ID_ENUM_VALUE, text) != NULL)
    return DOSSIER_DATA_TYPE_ENUM;
  return DOSSIER_DATA_TYPE_STRING;
}

/**
 * dossier_value_row_format_client_value:
 * @client: a client
 * @key: a data field key (PHONE: `K` stands for `K_country_code` + `K_number`)
 * @data_type: the field's type; %DOSSIER_DATA_TYPE_UNKNOWN guesses it from the value
 *   (a phone pair, an ISO date, a country code, a known choice, a number)
 *
 * Returns: (transfer full) (nullable): the value on the client's record as people read
 *   it (a date in the locale's form, a country's name, a choice's label, "+54 1168860622"),
 *   or %NULL when the record has none
 */
char *
dossier_value_row_format_client_value (DossierClient   *client,
                                       const char      *key,
                                       DossierDataType  data_type)
{
  g_autofree char *code_key = NULL;
  g_autofree char *number_key = NULL;
  g_autoptr(JsonNode) code = NULL;
  g_autoptr(JsonNode) number = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *text = NULL;
  const char *name;

  g_return_val_if_fail (DOSSIER_IS_CLIENT (client), NULL);
  g_return_val_if_fail (key != NULL, NULL);

  if (data_type == DOSSIER_DATA_TYPE_PHONE || data_type == DOSSIER_DATA_TYPE_UNKNOWN)
    {
      code_key = g_strconcat (key, "_country_code", NULL);
      number_key = g_strconcat (key, "_number", NULL);
      code = dossier_client_get_member (client, code_key);
      number = dossier_client_get_member (client, number_key);
      if (code != NULL && number != NULL)
        {
          g_autofree char *code_text = member_text (code);
          g_autofree char *number_text = member_text (number);

          if (code_text != NULL && number_text != NULL)
            return g_strdup_printf ("+%s %s", code_text, number_text);
        }
      if (data_type == DOSSIER_DATA_TYPE_PHONE)
        return NULL;
    }

  node = dossier_client_get_member (client, key);
  text = member_text (node);
  if (text == NULL)
    return NULL;
  if (data_type == DOSSIER_DATA_TYPE_UNKNOWN)
    data_type = guess_type (node, text);

  switch (data_type)
    {
    case DOSSIER_DATA_TYPE_DATE:
      return dossier_value_row_format_iso_date (text);
    case DOSSIER_DATA_TYPE_COUNTRY:
      name = dossier_countries_lookup_name (dossier_countries_get_default (), text);
      return g_strdup (name != NULL ? name : text);
    case DOSSIER_DATA_TYPE_ENUM:
      return dossier_known_ids_label (DOSSIER_KNOWN_ID_ENUM_VALUE, text, NULL);
    case DOSSIER_DATA_TYPE_NUMBER:
      if (json_node_get_value_type (node) == G_TYPE_INT64)
        return _dossier_value_row_format_number ((double) json_node_get_int (node));
      break;
    default:
      break;
    }
  return g_steal_pointer (&text);
}

/**
 * dossier_value_row_parse_date_text:
 * @text: (nullable): a date as typed: `YYYY-MM-DD`, or the locale's short form (see
 *   _dossier_value_row_parse_date())
 *
 * Returns: (transfer full) (nullable): the date as the API writes it, `YYYY-MM-DD`, or
 *   %NULL when @text is no date
 */
char *
dossier_value_row_parse_date_text (const char *text)
{
  GDate date;

  if (!_dossier_value_row_parse_date (text, &date))
    return NULL;
  return dossier_date_format (&date);
}
