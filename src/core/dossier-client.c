/* dossier-client.c — an individual client: properties, notify, the search key
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Reading and writing JSON live in dossier-client-json.c. Strings are never NULL ("" when
 * absent) except the id of a client not created yet; phone members are strings of digits
 * because §15.2 lets them arrive as `"01168860622"`. Every property notifies only when its
 * value really changes.
 */
#include "config.h"

#include <string.h>

#include "dossier-client-private.h"
#include "dossier-contract.h"
#include "dossier-json.h"

G_DEFINE_FINAL_TYPE (DossierClient, dossier_client, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_FIRST_FIELD,
  PROP_LAST_FIELD = PROP_FIRST_FIELD + DOSSIER_CLIENT_N_FIELDS - 1,
  PROP_CREATED_AT,
  PROP_UPDATED_AT,
  PROP_SEARCH_KEY,
  PROP_EXTRA_MEMBERS,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

const char * const dossier_client_field_members[DOSSIER_CLIENT_N_FIELDS] = {
  "status", "first_name", "second_name", "last_name", "email", "birth_date",
  "street_line1", "street_line2", "city", "postal_code", "state", "country",
  "phone_country_code", "phone_number",
};

static const char * const field_properties[DOSSIER_CLIENT_N_FIELDS] = {
  "status", "first-name", "second-name", "last-name", "email", "birth-date",
  "street-line1", "street-line2", "city", "postal-code", "state", "country",
  "phone-country-code", "phone-number",
};

gboolean
dossier_client_field_is_address (DossierClientField field)
{
  return field >= DOSSIER_CLIENT_FIELD_STREET_LINE1 && field <= DOSSIER_CLIENT_FIELD_COUNTRY;
}

static gboolean
field_feeds_search_key (DossierClientField field)
{
  return field >= DOSSIER_CLIENT_FIELD_FIRST_NAME && field <= DOSSIER_CLIENT_FIELD_EMAIL;
}

static void
dossier_client_finalize (GObject *object)
{
  DossierClient *self = (DossierClient *)object;

  g_clear_pointer (&self->id, g_free);
  for (guint i = 0; i < DOSSIER_CLIENT_N_FIELDS; i++)
    g_clear_pointer (&self->fields[i], g_free);
  g_clear_pointer (&self->created_at, g_date_time_unref);
  g_clear_pointer (&self->created_at_raw, g_free);
  g_clear_pointer (&self->updated_at, g_date_time_unref);
  g_clear_pointer (&self->updated_at_raw, g_free);
  g_clear_pointer (&self->search_key, g_free);
  g_clear_pointer (&self->extra, json_object_unref);
  g_clear_pointer (&self->address_extra, json_object_unref);

  G_OBJECT_CLASS (dossier_client_parent_class)->finalize (object);
}

static void
dossier_client_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  DossierClient *self = DOSSIER_CLIENT (object);

  if (prop_id >= PROP_FIRST_FIELD && prop_id <= PROP_LAST_FIELD)
    {
      g_value_set_string (value, self->fields[prop_id - PROP_FIRST_FIELD]);
      return;
    }

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;

    case PROP_CREATED_AT:
      g_value_set_boxed (value, self->created_at);
      break;

    case PROP_UPDATED_AT:
      g_value_set_boxed (value, self->updated_at);
      break;

    case PROP_SEARCH_KEY:
      g_value_set_string (value, dossier_client_get_search_key (self));
      break;

    case PROP_EXTRA_MEMBERS:
      {
        g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), self->extra);
        g_autoptr(JsonNode) copy = dossier_json_node_deep_copy (node);

        g_value_set_boxed (value, json_node_get_object (copy));
      }
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dossier_client_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  DossierClient *self = DOSSIER_CLIENT (object);

  if (prop_id >= PROP_FIRST_FIELD && prop_id <= PROP_LAST_FIELD)
    {
      dossier_client_set_field (self, prop_id - PROP_FIRST_FIELD, g_value_get_string (value));
      return;
    }

  G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
dossier_client_class_init (DossierClientClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = dossier_client_finalize;
  object_class->get_property = dossier_client_get_property;
  object_class->set_property = dossier_client_set_property;

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  for (guint i = 0; i < DOSSIER_CLIENT_N_FIELDS; i++)
    {
      GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

      /* The status is the server's to derive (§9.5). */
      if (i != DOSSIER_CLIENT_FIELD_STATUS)
        flags |= G_PARAM_WRITABLE;
      properties[PROP_FIRST_FIELD + i] =
        g_param_spec_string (field_properties[i], NULL, NULL, "", flags);
    }

  properties[PROP_CREATED_AT] =
    g_param_spec_boxed ("created-at", NULL, NULL, G_TYPE_DATE_TIME,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_UPDATED_AT] =
    g_param_spec_boxed ("updated-at", NULL, NULL, G_TYPE_DATE_TIME,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * DossierClient:search-key:
   *
   * Names, email and id folded with dossier_client_fold_text(), for accent- and
   * case-insensitive search.
   */
  properties[PROP_SEARCH_KEY] =
    g_param_spec_string ("search-key", NULL, NULL, "",
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * DossierClient:extra-members:
   *
   * A copy of the top-level members Dossier does not model (catalogue data fields such as
   * `occupation`, `type`, unknown ones). Notifies also when unmodelled `address` members
   * change.
   */
  properties[PROP_EXTRA_MEMBERS] =
    g_param_spec_boxed ("extra-members", NULL, NULL, JSON_TYPE_OBJECT,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
dossier_client_init (DossierClient *self)
{
  for (guint i = 0; i < DOSSIER_CLIENT_N_FIELDS; i++)
    self->fields[i] = g_strdup ("");
  self->extra = json_object_new ();
  self->address_extra = json_object_new ();
  self->search_key = g_strdup ("");
}

/**
 * dossier_client_new:
 *
 * A client not yet created on the server (no id), for the create form.
 *
 * Returns: (transfer full): a new #DossierClient
 */
DossierClient *
dossier_client_new (void)
{
  return g_object_new (DOSSIER_TYPE_CLIENT, NULL);
}

/**
 * dossier_client_fold_text:
 * @text: (nullable): any text
 *
 * Folds @text for matching: NFKD, combining marks dropped, case folded, so that
 * "Peña" and "PENA" fold alike. Invalid UTF-8 is repaired first.
 *
 * Returns: (transfer full): the folded text ("" for %NULL)
 */
char *
dossier_client_fold_text (const char *text)
{
  g_autofree char *valid = NULL;
  g_autofree char *decomposed = NULL;
  g_autoptr(GString) stripped = NULL;
  gboolean ascii = TRUE;

  if (text == NULL)
    return g_strdup ("");

  for (const char *p = text; *p != '\0'; p++)
    {
      if ((guchar) *p >= 0x80)
        {
          ascii = FALSE;
          break;
        }
    }
  if (ascii)
    return g_ascii_strdown (text, -1);

  if (!g_utf8_validate (text, -1, NULL))
    text = valid = g_utf8_make_valid (text, -1);

  decomposed = g_utf8_normalize (text, -1, G_NORMALIZE_NFKD);
  if (decomposed == NULL)
    return g_utf8_casefold (text, -1);

  stripped = g_string_sized_new (strlen (decomposed));
  for (const char *p = decomposed; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      switch (g_unichar_type (c))
        {
        case G_UNICODE_NON_SPACING_MARK:
        case G_UNICODE_SPACING_MARK:
        case G_UNICODE_ENCLOSING_MARK:
          break;

        default:
          g_string_append_unichar (stripped, c);
        }
    }

  return g_utf8_casefold (stripped->str, stripped->len);
}

void
dossier_client_refresh_search_key (DossierClient *self)
{
  const char *parts[] = {
    self->fields[DOSSIER_CLIENT_FIELD_FIRST_NAME],
    self->fields[DOSSIER_CLIENT_FIELD_SECOND_NAME],
    self->fields[DOSSIER_CLIENT_FIELD_LAST_NAME],
    self->fields[DOSSIER_CLIENT_FIELD_EMAIL],
    self->id,
  };
  g_autoptr(GString) joined = g_string_new (NULL);
  g_autofree char *folded = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    {
      if (parts[i] == NULL || *parts[i] == '\0')
        continue;
      if (joined->len > 0)
        g_string_append_c (joined, ' ');
      g_string_append (joined, parts[i]);
    }
  folded = dossier_client_fold_text (joined->str);

  if (g_strcmp0 (folded, self->search_key) == 0)
    return;

  g_free (self->search_key);
  self->search_key = g_steal_pointer (&folded);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SEARCH_KEY]);
}

gboolean
dossier_client_set_field (DossierClient      *self,
                          DossierClientField  field,
                          const char         *value)
{
  g_return_val_if_fail (DOSSIER_IS_CLIENT (self), FALSE);
  g_return_val_if_fail (field < DOSSIER_CLIENT_N_FIELDS, FALSE);

  if (value == NULL)
    value = "";

  if (g_strcmp0 (self->fields[field], value) == 0)
    return FALSE;

  g_free (self->fields[field]);
  self->fields[field] = g_strdup (value);
  dossier_client_forget_fingerprint (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FIRST_FIELD + field]);

  if (field_feeds_search_key (field))
    dossier_client_refresh_search_key (self);
  return TRUE;
}

gboolean
dossier_client_set_id (DossierClient *self,
                       const char    *id)
{
  if (g_strcmp0 (self->id, id) == 0)
    return FALSE;

  g_free (self->id);
  self->id = g_strdup (id);
  dossier_client_forget_fingerprint (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ID]);
  dossier_client_refresh_search_key (self);
  return TRUE;
}

static gboolean
set_timestamp (DossierClient  *self,
               GDateTime     **datetime,
               char          **raw,
               const char     *text,
               GParamSpec     *pspec)
{
  g_autoptr(GDateTime) parsed = NULL;

  if (g_strcmp0 (*raw, text) == 0)
    return FALSE;

  parsed = text != NULL ? dossier_timestamp_parse (text) : NULL;
  g_free (*raw);
  *raw = g_strdup (text);
  dossier_client_forget_fingerprint (self);

  if ((parsed == NULL && *datetime == NULL)
      || (parsed != NULL && *datetime != NULL && g_date_time_equal (parsed, *datetime)))
    return TRUE;

  g_clear_pointer (datetime, g_date_time_unref);
  *datetime = g_steal_pointer (&parsed);
  g_object_notify_by_pspec (G_OBJECT (self), pspec);
  return TRUE;
}

gboolean
dossier_client_set_timestamps (DossierClient *self,
                               const char    *created_at,
                               const char    *updated_at)
{
  gboolean changed = FALSE;

  changed |= set_timestamp (self, &self->created_at, &self->created_at_raw, created_at,
                            properties[PROP_CREATED_AT]);
  changed |= set_timestamp (self, &self->updated_at, &self->updated_at_raw, updated_at,
                            properties[PROP_UPDATED_AT]);
  return changed;
}

void
dossier_client_notify_extra (DossierClient *self)
{
  dossier_client_forget_fingerprint (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EXTRA_MEMBERS]);
}

#define DEFINE_FIELD_ACCESSORS(name, FIELD)                                     \
const char *                                                                    \
dossier_client_get_##name (DossierClient *self)                                 \
{                                                                               \
  g_return_val_if_fail (DOSSIER_IS_CLIENT (self), NULL);                        \
  return self->fields[DOSSIER_CLIENT_FIELD_##FIELD];                            \
}                                                                               \
                                                                                \
void                                                                            \
dossier_client_set_##name (DossierClient *self,                                 \
                           const char    *value)                                \
{                                                                               \
  g_return_if_fail (DOSSIER_IS_CLIENT (self));                                  \
  dossier_client_set_field (self, DOSSIER_CLIENT_FIELD_##FIELD, value);         \
}

DEFINE_FIELD_ACCESSORS (first_name, FIRST_NAME)
DEFINE_FIELD_ACCESSORS (second_name, SECOND_NAME)
DEFINE_FIELD_ACCESSORS (last_name, LAST_NAME)
DEFINE_FIELD_ACCESSORS (email, EMAIL)
DEFINE_FIELD_ACCESSORS (birth_date, BIRTH_DATE)
DEFINE_FIELD_ACCESSORS (street_line1, STREET_LINE1)
DEFINE_FIELD_ACCESSORS (street_line2, STREET_LINE2)
DEFINE_FIELD_ACCESSORS (city, CITY)
DEFINE_FIELD_ACCESSORS (postal_code, POSTAL_CODE)
DEFINE_FIELD_ACCESSORS (state, STATE)
DEFINE_FIELD_ACCESSORS (country, COUNTRY)
DEFINE_FIELD_ACCESSORS (phone_country_code, PHONE_COUNTRY_CODE)
DEFINE_FIELD_ACCESSORS (phone_number, PHONE_NUMBER)

/**
 * dossier_client_get_id:
 * @self: a #DossierClient
 *
 * Returns: (nullable): the server's id, %NULL for a client not created yet
 */
const char *
dossier_client_get_id (DossierClient *self)
{
  g_return_val_if_fail (DOSSIER_IS_CLIENT (self), NULL);
  return self->id;
}

/**
 * dossier_client_get_status:
 * @self: a #DossierClient
 *
 * Returns: the status as the server wrote it (`pending`, `active`, `rejected` or anything
 *   else, shown verbatim, §15.2), "" when absent
 */
const char *
dossier_client_get_status (DossierClient *self)
{
  g_return_val_if_fail (DOSSIER_IS_CLIENT (self), NULL);
  return self->fields[DOSSIER_CLIENT_FIELD_STATUS];
}

/**
 * dossier_client_get_created_at:
 * @self: a #DossierClient
 *
 * Returns: (transfer none) (nullable): the creation time, %NULL when absent or unparseable
 *   (then dossier_client_get_created_at_raw() has the text)
 */
GDateTime *
dossier_client_get_created_at (DossierClient *self)
{
  g_return_val_if_fail (DOSSIER_IS_CLIENT (self), NULL);
  return self->created_at;
}

/**
 * dossier_client_get_created_at_raw:
 * @self: a #DossierClient
 *
 * Returns: (nullable): `created_at` as received, %NULL when absent
 */
const char *
dossier_client_get_created_at_raw (DossierClient *self)
{
  g_return_val_if_fail (DOSSIER_IS_CLIENT (self), NULL);
  return self->created_at_raw;
}

/**
 * dossier_client_get_updated_at:
 * @self: a #DossierClient
 *
 * Returns: (transfer none) (nullable): the last update time, %NULL when absent or unparseable
 */
GDateTime *
dossier_client_get_updated_at (DossierClient *self)
{
  g_return_val_if_fail (DOSSIER_IS_CLIENT (self), NULL);
  return self->updated_at;
}

/**
 * dossier_client_get_updated_at_raw:
 * @self: a #DossierClient
 *
 * Returns: (nullable): `updated_at` as received, %NULL when absent
 */
const char *
dossier_client_get_updated_at_raw (DossierClient *self)
{
  g_return_val_if_fail (DOSSIER_IS_CLIENT (self), NULL);
  return self->updated_at_raw;
}

/**
 * dossier_client_get_search_key:
 * @self: a #DossierClient
 *
 * Returns: the pre-folded "first second last email id" (empty parts left out, one space
 *   between the others), see #DossierClient:search-key
 */
const char *
dossier_client_get_search_key (DossierClient *self)
{
  g_return_val_if_fail (DOSSIER_IS_CLIENT (self), NULL);
  return self->search_key;
}

/**
 * dossier_client_get_display_name:
 * @self: a #DossierClient
 *
 * Returns: (transfer full): the names joined by spaces, or the email, or the id, or ""
 */
char *
dossier_client_get_display_name (DossierClient *self)
{
  GString *name;

  g_return_val_if_fail (DOSSIER_IS_CLIENT (self), NULL);

  name = g_string_new (NULL);
  for (guint i = DOSSIER_CLIENT_FIELD_FIRST_NAME; i <= DOSSIER_CLIENT_FIELD_LAST_NAME; i++)
    {
      g_autofree char *part = g_strstrip (g_strdup (self->fields[i]));

      if (*part == '\0')
        continue;
      if (name->len > 0)
        g_string_append_c (name, ' ');
      g_string_append (name, part);
    }

  if (name->len == 0)
    g_string_append (name, self->fields[DOSSIER_CLIENT_FIELD_EMAIL]);
  if (name->len == 0 && self->id != NULL)
    g_string_append (name, self->id);

  return g_string_free (name, FALSE);
}
