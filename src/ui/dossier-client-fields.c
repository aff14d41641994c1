/* dossier-client-fields.c — the client's create/update fields as one table
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The form, the draft, the summary of what will be sent and the conflict view all
 * read this table, so a field is labelled, checked and compared the same way
 * everywhere. Checks are the contract's (§6.2) through src/contract.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "dossier-client-fields.h"
#include "dossier-contract.h"
#include "dossier-countries.h"
#include "dossier-known-ids.h"
#include "dossier-requirements.h"
#include "dossier-value-row.h"

typedef struct {
  const char *path;
  const char *label;
  gboolean    required;
  guint       max_chars;
  const char *(*get) (DossierClient *client);
  void        (*set) (DossierClient *client, const char *value);
} FieldInfo;

static const FieldInfo fields[DOSSIER_CLIENT_N_FIELDS] = {
  { "first_name", N_("First Name"), TRUE, DOSSIER_CONTRACT_MAX_NAME_CHARS,
    dossier_client_get_first_name, dossier_client_set_first_name },
  { "second_name", N_("Middle Name"), FALSE, DOSSIER_CONTRACT_MAX_NAME_CHARS,
    dossier_client_get_second_name, dossier_client_set_second_name },
  { "last_name", N_("Last Name"), TRUE, DOSSIER_CONTRACT_MAX_NAME_CHARS,
    dossier_client_get_last_name, dossier_client_set_last_name },
  { "birth_date", N_("Date of Birth"), TRUE, 10,
    dossier_client_get_birth_date, dossier_client_set_birth_date },
  { "address.country", N_("Country"), TRUE, 3,
    dossier_client_get_country, dossier_client_set_country },
  { "address.street_line1", N_("Street Address"), TRUE, DOSSIER_CONTRACT_MAX_ADDRESS_CHARS,
    dossier_client_get_street_line1, dossier_client_set_street_line1 },
  { "address.street_line2", N_("Street Address, Line 2"), FALSE, DOSSIER_CONTRACT_MAX_ADDRESS_CHARS,
    dossier_client_get_street_line2, dossier_client_set_street_line2 },
  { "address.city", N_("City"), TRUE, DOSSIER_CONTRACT_MAX_ADDRESS_CHARS,
    dossier_client_get_city, dossier_client_set_city },
  { "address.postal_code", N_("Postal Code"), FALSE, DOSSIER_CONTRACT_MAX_ADDRESS_CHARS,
    dossier_client_get_postal_code, dossier_client_set_postal_code },
  { "address.state", N_("State or Province"), FALSE, DOSSIER_CONTRACT_MAX_ADDRESS_CHARS,
    dossier_client_get_state, dossier_client_set_state },
  { "email", N_("Email"), TRUE, DOSSIER_CONTRACT_MAX_EMAIL_CHARS,
    dossier_client_get_email, dossier_client_set_email },
  { "phone_country_code", N_("Calling Code"), FALSE, 4,
    dossier_client_get_phone_country_code, dossier_client_set_phone_country_code },
  { "phone_number", N_("Phone Number"), FALSE, 15,
    dossier_client_get_phone_number, dossier_client_set_phone_number },
};

void
dossier_client_change_free (DossierClientChange *change)
{
  if (change == NULL)
    return;
  g_free (change->path);
  g_free (change->label);
  g_free (change->before);
  g_free (change->after);
  g_free (change);
}

const char *
dossier_client_field_get_path (DossierClientField field)
{
  g_return_val_if_fail (field < DOSSIER_CLIENT_N_FIELDS, NULL);
  return fields[field].path;
}

DossierClientField
dossier_client_field_from_path (const char *path)
{
  if (path == NULL)
    return DOSSIER_CLIENT_FIELD_NONE;

  /* The older spelling the sandbox also accepts (§6.2). */
  if (g_str_equal (path, "address.street_line_1"))
    return DOSSIER_CLIENT_FIELD_STREET_LINE1;
  if (g_str_equal (path, "address.street_line_2"))
    return DOSSIER_CLIENT_FIELD_STREET_LINE2;
  if (g_str_equal (path, "address"))
    return DOSSIER_CLIENT_FIELD_STREET_LINE1;

  for (guint i = 0; i < DOSSIER_CLIENT_N_FIELDS; i++)
    if (g_str_equal (path, fields[i].path))
      return i;
  return DOSSIER_CLIENT_FIELD_NONE;
}

const char *
dossier_client_field_get_label (DossierClientField field)
{
  g_return_val_if_fail (field < DOSSIER_CLIENT_N_FIELDS, NULL);
  return _(fields[field].label);
}

gboolean
dossier_client_field_is_required (DossierClientField field)
{
  g_return_val_if_fail (field < DOSSIER_CLIENT_N_FIELDS, FALSE);
  return fields[field].required;
}

char *
dossier_client_field_get_value (DossierClient      *client,
                                DossierClientField  field)
{
  const char *value;

  g_return_val_if_fail (DOSSIER_IS_CLIENT (client), NULL);
  g_return_val_if_fail (field < DOSSIER_CLIENT_N_FIELDS, NULL);

  value = fields[field].get (client);
  return g_strdup (value != NULL ? value : "");
}

void
dossier_client_field_set_value (DossierClient      *client,
                                DossierClientField  field,
                                const char         *value)
{
  g_autofree char *normalized = NULL;

  g_return_if_fail (DOSSIER_IS_CLIENT (client));
  g_return_if_fail (field < DOSSIER_CLIENT_N_FIELDS);

  normalized = dossier_client_field_normalize (field, value);
  fields[field].set (client, *normalized != '\0' ? normalized : NULL);
}

static char *
digits_only (const char *text,
             gboolean   *only_separators)
{
  GString *digits = g_string_new (NULL);

  *only_separators = TRUE;
  for (const char *p = text; *p != '\0'; p++)
    {
      if (g_ascii_isdigit (*p))
        g_string_append_c (digits, *p);
      else if (*p != ' ' && *p != '-' && *p != '(' && *p != ')' && *p != '.'
               && !(*p == '+' && digits->len == 0))
        *only_separators = FALSE;
    }
  return g_string_free (digits, FALSE);
}

char *
dossier_client_field_normalize (DossierClientField  field,
                                const char         *value)
{
  if (value == NULL)
    return g_strdup ("");

  if (field == DOSSIER_CLIENT_FIELD_PHONE_COUNTRY_CODE || field == DOSSIER_CLIENT_FIELD_PHONE_NUMBER)
    {
      gboolean clean;
      g_autofree char *digits = digits_only (value, &clean);
      const char *p = digits;

      if (!clean)
        return g_strdup (value);
      /* Sent as a JSON integer: leading zeros cannot travel (§15.1). */
      while (*p == '0' && p[1] != '\0')
        p++;
      return g_strdup (p);
    }

  if (field == DOSSIER_CLIENT_FIELD_COUNTRY)
    return g_ascii_strup (value, -1);

  return g_strdup (value);
}

char *
dossier_client_field_format_value (DossierClientField  field,
                                   const char         *value)
{
  if (value == NULL || *value == '\0')
    return g_strdup (_("Not given"));

  if (field == DOSSIER_CLIENT_FIELD_COUNTRY)
    {
      const char *name = dossier_countries_lookup_name (dossier_countries_get_default (), value);

      /* Translators: a country's name and its ISO code, e.g. "Argentina (ARG)" */
      return name != NULL ? g_strdup_printf (_("%s (%s)"), name, value) : g_strdup (value);
    }
  if (field == DOSSIER_CLIENT_FIELD_STATE)
    {
      const char *name = dossier_countries_lookup_subdivision_name (dossier_countries_get_default (), value);

      /* Translators: a province's name and its ISO code, e.g. "Buenos Aires (ARG-B)" */
      return name != NULL ? g_strdup_printf (_("%s (%s)"), name, value) : g_strdup (value);
    }
  if (field == DOSSIER_CLIENT_FIELD_PHONE_COUNTRY_CODE)
    return g_strdup_printf ("+%s", value);
  if (field == DOSSIER_CLIENT_FIELD_BIRTH_DATE)
    return dossier_value_row_format_iso_date (value);

  return g_strdup (value);
}

static char *
check_phone (DossierClientField  field,
             const char * const *values,
             gboolean           *is_warning)
{
  const char *code_text = values[DOSSIER_CLIENT_FIELD_PHONE_COUNTRY_CODE];
  const char *number_text = values[DOSSIER_CLIENT_FIELD_PHONE_NUMBER];
  gboolean has_code = !dossier_contract_is_blank (code_text);
  gboolean has_number = !dossier_contract_is_blank (number_text);
  const char *text = field == DOSSIER_CLIENT_FIELD_PHONE_NUMBER ? number_text : code_text;
  g_autofree char *digits = NULL;
  gboolean clean;
  guint64 value = 0;

  /* The calling code alone is no phone: the country prefills it, and without a
   * national number nothing of the phone is sent. */
  if (!has_number)
    return NULL;

  if (field == DOSSIER_CLIENT_FIELD_PHONE_COUNTRY_CODE && !has_code)
    return g_strdup (_("Enter the calling code too, or clear the phone number."));

  digits = digits_only (text, &clean);
  if (clean && *digits != '\0' && strlen (digits) <= 15)
    value = g_ascii_strtoull (digits, NULL, 10);

  if (field == DOSSIER_CLIENT_FIELD_PHONE_COUNTRY_CODE)
    {
      if (!clean || !dossier_contract_is_valid_phone_country_code ((gint64) value))
        return g_strdup (_("Enter a calling code from 1 to 999, such as 54."));
      return NULL;
    }

  if (!clean || !dossier_contract_is_valid_phone_number ((gint64) value))
    return g_strdup (_("Enter the national number in digits, at most 15."));

  if (digits[0] == '0')
    {
      *is_warning = TRUE;
      return g_strdup (_("The leading 0 will be left out: the provider stores numbers without it."));
    }
  return NULL;
}

char *
dossier_client_field_check (DossierClientField  field,
                            const char * const *values,
                            gboolean           *is_warning)
{
  const char *text;
  gboolean warning = FALSE;
  char *message = NULL;

  g_return_val_if_fail (field < DOSSIER_CLIENT_N_FIELDS, NULL);
  g_return_val_if_fail (values != NULL, NULL);

  text = values[field] != NULL ? values[field] : "";

  if (field == DOSSIER_CLIENT_FIELD_PHONE_COUNTRY_CODE || field == DOSSIER_CLIENT_FIELD_PHONE_NUMBER)
    message = check_phone (field, values, &warning);
  else if (dossier_contract_is_blank (text))
    {
      if (fields[field].required)
        message = g_strdup (field == DOSSIER_CLIENT_FIELD_COUNTRY
                            ? _("Choose a country.")
                            : _("This is required."));
    }
  else if (field == DOSSIER_CLIENT_FIELD_BIRTH_DATE)
    {
      GDate date;
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();
      GDate today;

      g_date_clear (&today, 1);
      g_date_set_dmy (&today, g_date_time_get_day_of_month (now),
                      g_date_time_get_month (now), g_date_time_get_year (now));
      if (!dossier_date_parse (text, &date))
        message = g_strdup (_("Enter a real date as year-month-day, such as 1984-11-21."));
      else if (g_date_get_year (&date) < 1900)
        message = g_strdup (_("Enter a date from 1900-01-01 on."));
      else if (g_date_compare (&date, &today) > 0)
        message = g_strdup (_("A date of birth cannot be in the future."));
    }
  else if (field == DOSSIER_CLIENT_FIELD_COUNTRY)
    {
      if (!dossier_contract_is_valid_country (text)
          || dossier_countries_find (dossier_countries_get_default (), text) == G_MAXUINT)
        message = g_strdup (_("Choose a country from the list."));
    }
  else if (!dossier_contract_is_within_length (text, fields[field].max_chars))
    message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                            "Use at most %u character.",
                                            "Use at most %u characters.",
                                            fields[field].max_chars),
                               fields[field].max_chars);
  else if (field == DOSSIER_CLIENT_FIELD_EMAIL && !dossier_contract_is_valid_email (text))
    message = g_strdup (_("Enter an email address such as name@example.com."));

  if (is_warning != NULL)
    *is_warning = message != NULL && warning;
  return message;
}

static gboolean
is_modelled_member (const char *name,
                    gboolean    in_address)
{
  for (guint i = 0; i < DOSSIER_CLIENT_N_FIELDS; i++)
    {
      const char *path = fields[i].path;
      gboolean is_address = g_str_has_prefix (path, "address.");

      if (is_address == in_address && g_str_equal (is_address ? path + 8 : path, name))
        return TRUE;
    }
  return !in_address && g_str_equal (name, "address");
}

static char *
dump_member (JsonObject *object,
             const char *name)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, name) : NULL;

  if (node == NULL)
    return g_strdup ("");
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    return g_strdup (json_node_get_string (node));
  return json_to_string (node, FALSE);
}

static void
add_unmodelled_changes (GPtrArray  *changes,
                        JsonObject *before,
                        JsonObject *after,
                        const char *prefix)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  JsonObject *sides[2] = { before, after };

  for (guint s = 0; s < 2; s++)
    {
      g_autoptr(GList) names = sides[s] != NULL ? json_object_get_members (sides[s]) : NULL;

      for (GList *l = names; l != NULL; l = l->next)
        {
          const char *name = l->data;
          JsonNode *a = before != NULL ? json_object_get_member (before, name) : NULL;
          JsonNode *b = after != NULL ? json_object_get_member (after, name) : NULL;
          DossierClientChange *change;

          if (!g_hash_table_add (seen, (gpointer) name) || is_modelled_member (name, prefix != NULL))
            continue;
          if (a != NULL && b != NULL && json_node_equal (a, b))
            continue;

          change = g_new0 (DossierClientChange, 1);
          change->field = DOSSIER_CLIENT_FIELD_NONE;
          change->path = prefix != NULL ? g_strconcat (prefix, name, NULL) : g_strdup (name);
          change->label = dossier_client_field_label_for_member (change->path);
          change->before = dump_member (before, name);
          change->after = dump_member (after, name);
          g_ptr_array_add (changes, change);
        }
    }
}

static JsonObject *
address_of (JsonObject *client)
{
  JsonNode *node = json_object_get_member (client, "address");

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

/**
 * dossier_client_field_label_for_member:
 * @path: (nullable): a member of a client as the journal names it: "email",
 *   "address.country", "phone" (both phone members), "updated_at", a catalogue key
 *
 * Any thread: only the static tables and gettext.
 *
 * Returns: (transfer full): its label as the form shows it, never the JSON key: a
 *   catalogue field's name, else the humanised key ("Tax id")
 */
char *
dossier_client_field_label_for_member (const char *path)
{
  static const struct {
    const char *path;
    const char *label;
  } others[] = {
    { "id", N_("Client ID") },
    { "status", N_("Status") },
    { "created_at", N_("Client Since") },
    { "updated_at", N_("Last Change") },
    { "phone", N_("Phone") },
    { "address", N_("Address") },
    { "address.state_code", N_("State Code") },
    { "address.country_code", N_("Country Code") },
  };
  DossierClientField field;
  const char *known;
  const char *name;

  if (path == NULL || *path == '\0')
    return g_strdup ("");

  for (guint i = 0; i < G_N_ELEMENTS (others); i++)
    if (g_str_equal (path, others[i].path))
      return g_strdup (_(others[i].label));
  field = dossier_client_field_from_path (path);
  if (field != DOSSIER_CLIENT_FIELD_NONE && !g_str_equal (path, "address"))
    return g_strdup (_(fields[field].label));

  name = g_str_has_prefix (path, "address.") ? path + strlen ("address.") : path;
  if ((known = dossier_known_ids_lookup (DOSSIER_KNOWN_ID_DATA_FIELD, name)) != NULL)
    return g_strdup (known);
  return dossier_requirements_humanise_id (name);
}

/**
 * dossier_client_field_format_member_value:
 * @path: a member as dossier_client_field_label_for_member() takes it
 * @value: (nullable): its value as text
 *
 * Returns: (transfer full): the value as people read it: a country or a province by
 *   its name and code, "Not given" when empty
 */
char *
dossier_client_field_format_member_value (const char *path,
                                          const char *value)
{
  DossierClientField field = dossier_client_field_from_path (path);

  if (field == DOSSIER_CLIENT_FIELD_COUNTRY || field == DOSSIER_CLIENT_FIELD_STATE)
    return dossier_client_field_format_value (field, value);
  if (value == NULL || *value == '\0')
    return g_strdup (_("Not given"));
  return g_strdup (value);
}

GPtrArray *
dossier_client_list_changes (DossierClient *before,
                             DossierClient *after)
{
  g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func ((GDestroyNotify) dossier_client_change_free);
  g_autoptr(JsonNode) before_json = NULL;
  g_autoptr(JsonNode) after_json = NULL;
  JsonObject *before_object;
  JsonObject *after_object;

  g_return_val_if_fail (DOSSIER_IS_CLIENT (before), NULL);
  g_return_val_if_fail (DOSSIER_IS_CLIENT (after), NULL);

  for (guint i = 0; i < DOSSIER_CLIENT_N_FIELDS; i++)
    {
      g_autofree char *a = dossier_client_field_get_value (before, i);
      g_autofree char *b = dossier_client_field_get_value (after, i);
      DossierClientChange *change;

      if (g_str_equal (a, b))
        continue;

      change = g_new0 (DossierClientChange, 1);
      change->field = i;
      change->path = g_strdup (fields[i].path);
      change->label = g_strdup (_(fields[i].label));
      change->before = g_steal_pointer (&a);
      change->after = g_steal_pointer (&b);
      g_ptr_array_add (changes, change);
    }

  before_json = dossier_client_to_json (before);
  after_json = dossier_client_to_json (after);
  before_object = json_node_get_object (before_json);
  after_object = json_node_get_object (after_json);
  add_unmodelled_changes (changes, before_object, after_object, NULL);
  add_unmodelled_changes (changes,
                          address_of (before_object), address_of (after_object),
                          "address.");

  return g_steal_pointer (&changes);
}
