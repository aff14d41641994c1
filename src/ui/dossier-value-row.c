/* dossier-value-row.c — one row that edits one value of a requirement
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One factory keyed on the data type (CONTRACT.md §12.3) builds the editor: an entry for
 * STRING, EMAIL and any type Dossier does not know, calling code + number for PHONE, an
 * entry in the locale's format plus a calendar for DATE, an entry that reads the locale's
 * separators for NUMBER, the iso-codes list for COUNTRY and the allowed values for ENUM.
 * The rules are those of src/contract (and, for the phone, of the client form's field
 * table, so both forms say the same). A message shows under the title once the row has
 * been edited, in the error colour and as the row's accessible description, so the
 * state is never carried by colour alone.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "dossier-client-fields.h"
#include "dossier-countries.h"
#include "dossier-known-ids.h"
#include "dossier-requirements.h"
#include "dossier-value-row.h"
#include "dossier-value-row-private.h"

G_DEFINE_FINAL_TYPE (DossierValueRow, dossier_value_row, ADW_TYPE_ACTION_ROW)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals [N_SIGNALS];

/* ---- reading the editors (dossier-value-row-editors.c builds them) ------------ */

const char *
_dossier_value_row_entry_text (GtkWidget *entry)
{
  return entry != NULL ? gtk_editable_get_text (GTK_EDITABLE (entry)) : "";
}

/* The chosen value of a drop-down row, or NULL. */
const char *
_dossier_value_row_chosen_value (DossierValueRow *self)
{
  guint position;

  if (self->dropdown == NULL)
    return NULL;

  position = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->dropdown));
  if (position == GTK_INVALID_LIST_POSITION)
    return NULL;
  if (self->data_type == DOSSIER_DATA_TYPE_COUNTRY)
    return dossier_countries_get_code (dossier_countries_get_default (), position);
  if (self->values != NULL && position < g_strv_length (self->values))
    return self->values[position];
  return NULL;
}

gboolean
dossier_value_row_is_empty (DossierValueRow *self)
{
  g_return_val_if_fail (DOSSIER_IS_VALUE_ROW (self), TRUE);

  if (self->dropdown != NULL)
    return _dossier_value_row_chosen_value (self) == NULL;

  /* A calling code alone is no phone: the client's country prefills it. */
  return dossier_contract_is_blank (_dossier_value_row_entry_text (self->entry));
}

/* Where a formatted sample date has its year, month and day, they are replaced by the
 * letters people read as a format: 22/11/2000 → DD/MM/YYYY. The same on every date row,
 * whatever the date is for. */
char *
_dossier_value_row_date_pattern (void)
{
  GDate date;
  g_autofree char *sample = NULL;
  g_autoptr(GString) pattern = NULL;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, 22, G_DATE_NOVEMBER, 2000);
  sample = _dossier_value_row_format_date (&date);
  if (strstr (sample, "2000") == NULL || strstr (sample, "11") == NULL || strstr (sample, "22") == NULL)
    return dossier_date_format (&date);

  pattern = g_string_new (sample);
  /* Translators: the letters of a year in a date format, as in DD/MM/YYYY */
  g_string_replace (pattern, "2000", C_("date format", "YYYY"), 1);
  /* Translators: the letters of a month in a date format, as in DD/MM/YYYY */
  g_string_replace (pattern, "11", C_("date format", "MM"), 1);
  /* Translators: the letters of a day in a date format, as in DD/MM/YYYY */
  g_string_replace (pattern, "22", C_("date format", "DD"), 1);
  return g_string_free (g_steal_pointer (&pattern), FALSE);
}

/**
 * dossier_value_row_dup_date_pattern:
 *
 * Returns: (transfer full): the locale's short date format as people read it, e.g.
 *   DD/MM/YYYY: the placeholder of every date entry
 */
char *
dossier_value_row_dup_date_pattern (void)
{
  return _dossier_value_row_date_pattern ();
}

/**
 * dossier_value_row_dup_date_hint:
 *
 * Returns: (transfer full): what every date entry says of text that is no date, e.g.
 *   "Enter a real date as DD/MM/YYYY."
 */
char *
dossier_value_row_dup_date_hint (void)
{
  g_autofree char *pattern = _dossier_value_row_date_pattern ();

  /* Translators: %s is the date format of the locale, e.g. DD/MM/YYYY */
  return g_strdup_printf (_("Enter a real date as %s."), pattern);
}

static char *
check_phone (DossierValueRow *self,
             gboolean        *is_warning)
{
  const char *values[DOSSIER_CLIENT_N_FIELDS] = { NULL, };
  char *message;

  values[DOSSIER_CLIENT_FIELD_PHONE_COUNTRY_CODE] = _dossier_value_row_entry_text (self->code_entry);
  values[DOSSIER_CLIENT_FIELD_PHONE_NUMBER] = _dossier_value_row_entry_text (self->entry);

  message = dossier_client_field_check (DOSSIER_CLIENT_FIELD_PHONE_COUNTRY_CODE, values, is_warning);
  if (message == NULL)
    message = dossier_client_field_check (DOSSIER_CLIENT_FIELD_PHONE_NUMBER, values, is_warning);
  return message;
}

static char *
check_number (DossierValueRow *self,
              const char      *text)
{
  double value;

  if (!_dossier_value_row_parse_number (text, &value))
    {
      g_autofree char *example = _dossier_value_row_format_number (1234.5);

      /* Translators: %s is a number written the local way, e.g. 1234,5 */
      return g_strdup_printf (_("Enter a number, such as %s."), example);
    }
  if (self->spec.has_minimum && value < self->spec.minimum)
    {
      g_autofree char *bound = _dossier_value_row_format_number (self->spec.minimum);

      return g_strdup_printf (_("Enter a number of at least %s."), bound);
    }
  if (self->spec.has_maximum && value > self->spec.maximum)
    {
      g_autofree char *bound = _dossier_value_row_format_number (self->spec.maximum);

      return g_strdup_printf (_("Enter a number of at most %s."), bound);
    }
  return NULL;
}

/* What is wrong with a non-empty value, or NULL. */
static char *
check_value (DossierValueRow *self,
             gboolean        *is_warning)
{
  const char *text = _dossier_value_row_entry_text (self->entry);

  *is_warning = FALSE;

  switch (self->data_type)
    {
    case DOSSIER_DATA_TYPE_PHONE:
      return check_phone (self, is_warning);

    case DOSSIER_DATA_TYPE_DATE:
      if (!_dossier_value_row_parse_date (text, NULL))
        return dossier_value_row_dup_date_hint ();
      return NULL;

    case DOSSIER_DATA_TYPE_NUMBER:
      return check_number (self, text);

    case DOSSIER_DATA_TYPE_EMAIL:
      {
        g_autofree char *stripped = g_strstrip (g_strdup (text));

        if (!dossier_contract_is_valid_email (stripped))
          return g_strdup (_("Enter an email address such as name@example.com."));
        return NULL;
      }

    case DOSSIER_DATA_TYPE_STRING:
      if (!dossier_contract_is_within_length (text, DOSSIER_CONTRACT_MAX_STRING_CHARS))
        return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                             "Use at most %u character.",
                                             "Use at most %u characters.",
                                             DOSSIER_CONTRACT_MAX_STRING_CHARS),
                                DOSSIER_CONTRACT_MAX_STRING_CHARS);
      return NULL;

    case DOSSIER_DATA_TYPE_COUNTRY:
    case DOSSIER_DATA_TYPE_ENUM:
    case DOSSIER_DATA_TYPE_UNKNOWN:
    default:
      return NULL;
    }
}

/**
 * dossier_value_row_check:
 * @self: a #DossierValueRow
 * @message: (out) (optional) (transfer full): what is wrong, or a warning, or %NULL
 *
 * Returns: %TRUE when the value is valid (a warning does not count), or the row is
 *   empty and not required
 */
gboolean
dossier_value_row_check (DossierValueRow  *self,
                         char            **message)
{
  g_autofree char *text = NULL;
  gboolean warning = FALSE;

  g_return_val_if_fail (DOSSIER_IS_VALUE_ROW (self), FALSE);

  if (dossier_value_row_is_empty (self))
    {
      if (self->data_type == DOSSIER_DATA_TYPE_PHONE)
        text = check_phone (self, &warning);
      if (text == NULL && self->required)
        text = g_strdup (self->dropdown != NULL ? _("Choose one.") : _("This is required."));
    }
  else
    text = check_value (self, &warning);

  if (message != NULL)
    *message = g_strdup (text);
  return text == NULL || warning;
}

/* ---- showing the state ------------------------------------------------------- */

void
_dossier_value_row_update_message (DossierValueRow *self)
{
  g_autofree char *message = NULL;
  gboolean valid;
  gboolean show;
  GtkWidget *editor = self->dropdown != NULL ? self->dropdown : self->entry;

  valid = dossier_value_row_check (self, &message);
  if (self->server_message != NULL)
    {
      g_free (message);
      message = g_strdup (self->server_message);
      valid = FALSE;
    }
  /* A row says what is wrong once it was edited (an untouched empty row waits for a
   * save to be tried). */
  show = message != NULL && (self->server_message != NULL || self->forced || self->touched);

  g_clear_pointer (&self->message, g_free);
  if (show)
    self->message = g_strdup (message);

  adw_action_row_set_subtitle (ADW_ACTION_ROW (self),
                               self->message != NULL ? self->message : self->description);
  if (self->message != NULL && !valid)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self), "dossier-invalid");
      gtk_widget_add_css_class (editor, "error");
      if (self->code_entry != NULL)
        gtk_widget_add_css_class (self->code_entry, "error");
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self), "dossier-invalid");
      gtk_widget_remove_css_class (editor, "error");
      if (self->code_entry != NULL)
        gtk_widget_remove_css_class (self->code_entry, "error");
    }
  if (self->message != NULL && valid)
    gtk_widget_add_css_class (GTK_WIDGET (self), "dossier-warning");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "dossier-warning");

  gtk_accessible_update_state (GTK_ACCESSIBLE (editor), GTK_ACCESSIBLE_STATE_INVALID,
                               self->message != NULL && !valid ? GTK_ACCESSIBLE_INVALID_TRUE
                                                               : GTK_ACCESSIBLE_INVALID_FALSE,
                               -1);
  if (self->message != NULL || (self->description != NULL && *self->description != '\0'))
    gtk_accessible_update_property (GTK_ACCESSIBLE (editor), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                    self->message != NULL ? self->message : self->description, -1);
  else
    gtk_accessible_reset_property (GTK_ACCESSIBLE (editor), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
}

void
_dossier_value_row_edited (DossierValueRow *self)
{
  if (self->updating > 0)
    return;

  self->touched = TRUE;
  g_clear_pointer (&self->server_message, g_free);
  _dossier_value_row_update_message (self);
  g_signal_emit (self, signals[CHANGED], 0);
}

/**
 * dossier_value_row_set_editable:
 * @self: a #DossierValueRow
 * @editable: whether people may change the value
 *
 * Entries become read-only (not insensitive: a focused entry keeps its focus), the
 * other editors insensitive.
 */
void
dossier_value_row_set_editable (DossierValueRow *self,
                                gboolean         editable)
{
  g_return_if_fail (DOSSIER_IS_VALUE_ROW (self));

  if (self->entry != NULL)
    gtk_editable_set_editable (GTK_EDITABLE (self->entry), editable);
  if (self->code_entry != NULL)
    gtk_editable_set_editable (GTK_EDITABLE (self->code_entry), editable);
  if (self->dropdown != NULL)
    gtk_widget_set_sensitive (self->dropdown, editable);
  if (self->calendar_button != NULL)
    gtk_widget_set_sensitive (self->calendar_button, editable);
}

void
dossier_value_row_show_message (DossierValueRow *self)
{
  g_return_if_fail (DOSSIER_IS_VALUE_ROW (self));

  self->forced = TRUE;
  _dossier_value_row_update_message (self);
}

void
dossier_value_row_set_server_message (DossierValueRow *self,
                                      const char      *message)
{
  g_return_if_fail (DOSSIER_IS_VALUE_ROW (self));

  g_free (self->server_message);
  self->server_message = g_strdup (message);
  _dossier_value_row_update_message (self);
}

const char *
dossier_value_row_get_message (DossierValueRow *self)
{
  g_return_val_if_fail (DOSSIER_IS_VALUE_ROW (self), NULL);

  return self->message;
}

GtkWidget *
dossier_value_row_get_editor (DossierValueRow *self)
{
  g_return_val_if_fail (DOSSIER_IS_VALUE_ROW (self), NULL);

  return self->dropdown != NULL ? self->dropdown : self->entry;
}

/**
 * dossier_value_row_get_calendar_button:
 * @self: a DATE #DossierValueRow
 *
 * Returns: (nullable) (transfer none): the button that opens the calendar
 */
GtkWidget *
dossier_value_row_get_calendar_button (DossierValueRow *self)
{
  g_return_val_if_fail (DOSSIER_IS_VALUE_ROW (self), NULL);

  return self->calendar_button;
}

/**
 * dossier_value_row_get_code_entry:
 * @self: a PHONE #DossierValueRow
 *
 * Returns: (nullable) (transfer none): the calling code's entry
 */
GtkWidget *
dossier_value_row_get_code_entry (DossierValueRow *self)
{
  g_return_val_if_fail (DOSSIER_IS_VALUE_ROW (self), NULL);

  return self->code_entry;
}

const char *
dossier_value_row_get_key (DossierValueRow *self)
{
  g_return_val_if_fail (DOSSIER_IS_VALUE_ROW (self), NULL);

  return self->key;
}

DossierDataType
dossier_value_row_get_data_type (DossierValueRow *self)
{
  g_return_val_if_fail (DOSSIER_IS_VALUE_ROW (self), DOSSIER_DATA_TYPE_UNKNOWN);

  return self->data_type;
}

gboolean
dossier_value_row_get_required (DossierValueRow *self)
{
  g_return_val_if_fail (DOSSIER_IS_VALUE_ROW (self), FALSE);

  return self->required;
}

void
dossier_value_row_set_range (DossierValueRow *self,
                             gboolean         has_minimum,
                             double           minimum,
                             gboolean         has_maximum,
                             double           maximum)
{
  g_return_if_fail (DOSSIER_IS_VALUE_ROW (self));

  self->spec.has_minimum = has_minimum;
  self->spec.minimum = minimum;
  self->spec.has_maximum = has_maximum;
  self->spec.maximum = maximum;
  _dossier_value_row_update_message (self);
}

/* ---- the type ---------------------------------------------------------------- */

static void
dossier_value_row_finalize (GObject *object)
{
  DossierValueRow *self = DOSSIER_VALUE_ROW (object);

  g_free (self->key);
  g_free (self->label);
  g_free (self->data_type_raw);
  g_strfreev (self->values);
  g_free (self->description);
  g_free (self->message);
  g_free (self->server_message);

  G_OBJECT_CLASS (dossier_value_row_parent_class)->finalize (object);
}

static void
dossier_value_row_class_init (DossierValueRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = dossier_value_row_finalize;

  /**
   * DossierValueRow::changed:
   *
   * The person edited the value (not emitted by set_value or set_draft).
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
dossier_value_row_init (DossierValueRow *self)
{
  gtk_widget_add_css_class (GTK_WIDGET (self), "dossier-value-row");
  /* Tab goes from editor to editor: the row itself takes no focus (a click on it still
   * puts the caret in its editor, through the activatable widget). */
  gtk_widget_set_focusable (GTK_WIDGET (self), FALSE);
}

/**
 * dossier_value_row_new:
 * @key: the field key or metadata id
 * @title: (nullable): the label shown; %NULL for the humanised key
 * @subtitle: (nullable): a description shown under the title
 * @data_type: the type, which chooses the editor
 * @data_type_raw: (nullable): the server's text of the type (kept for an unknown one)
 * @values: (nullable) (array zero-terminated=1): ENUM's allowed values, in order
 * @required: whether the value is required
 *
 * Returns: (transfer floating): a new #DossierValueRow
 */
GtkWidget *
dossier_value_row_new (const char          *key,
                       const char          *title,
                       const char          *subtitle,
                       DossierDataType      data_type,
                       const char          *data_type_raw,
                       const char * const  *values,
                       gboolean             required)
{
  DossierValueRow *self;

  g_return_val_if_fail (key != NULL, NULL);

  self = g_object_new (DOSSIER_TYPE_VALUE_ROW, NULL);
  self->key = g_strdup (key);
  self->label = title != NULL ? g_strdup (title) : dossier_requirements_humanise_id (key);
  self->data_type = data_type;
  self->data_type_raw = g_strdup (data_type_raw);
  self->values = g_strdupv ((char **) values);
  self->required = required;
  self->spec.type = data_type;
  self->spec.values = (const char * const *) self->values;
  self->description = g_strdup (subtitle != NULL ? subtitle : "");

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (self), FALSE);
  if (required)
    adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self), self->label);
  else
    {
      /* Translators: the name of a field people may leave empty */
      g_autofree char *shown = g_strdup_printf (_("%s (optional)"), self->label);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self), shown);
    }
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (self), 0);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, self->label, -1);

  _dossier_value_row_build_editor (self);
  /* The editors beside the title, or under it on a narrow window. */
  _dossier_value_row_setup_layout (self);
  _dossier_value_row_update_message (self);
  return GTK_WIDGET (self);
}
