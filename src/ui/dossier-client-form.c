/* dossier-client-form.c — every create/update field of a client, checked as people type
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Rows come from the field table (dossier-client-fields.c), like the requirements
 * form: the same table labels, checks, drafts and compares. A field shows its
 * message once it has been edited (or after check_all), as a sentence under its
 * group, with the row styled as an error and marked invalid for assistive
 * technologies, so the state is never carried by colour alone. Filling the form
 * from a client or a draft, and the server's messages on fields, are in
 * dossier-client-form-draft.c.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "dossier-client-form-private.h"
#include "dossier-contract.h"
#include "dossier-countries.h"
#include "dossier-value-row.h"

G_DEFINE_FINAL_TYPE (DossierClientForm, dossier_client_form, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_VALID,
  N_PROPS
};

enum {
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties [N_PROPS];
static guint signals [N_SIGNALS];

static const struct {
  const char        *title;
  DossierClientField first;
  DossierClientField last;
} groups[] = {
  { N_("Personal Details"), DOSSIER_CLIENT_FIELD_FIRST_NAME, DOSSIER_CLIENT_FIELD_BIRTH_DATE },
  { N_("Address"), DOSSIER_CLIENT_FIELD_COUNTRY, DOSSIER_CLIENT_FIELD_STATE },
  { N_("Contact"), DOSSIER_CLIENT_FIELD_EMAIL, DOSSIER_CLIENT_FIELD_PHONE_NUMBER },
};

static void
update_message (DossierClientForm  *self,
                DossierClientField  field,
                gboolean            force)
{
  g_autofree char *message = NULL;
  g_autofree char *line = NULL;
  gboolean warning = FALSE;
  GtkWidget *row = self->rows[field];

  if (self->server_messages[field] != NULL)
    message = g_strdup (self->server_messages[field]);
  else
    message = dossier_client_field_check (field, (const char * const *) self->values, &warning);

  if (field == DOSSIER_CLIENT_FIELD_BIRTH_DATE && self->server_messages[field] == NULL)
    message = _dossier_client_form_birth_date_message (self, g_steal_pointer (&message));

  if (!self->touched[field] && !force && self->server_messages[field] == NULL)
    g_clear_pointer (&message, g_free);

  g_free (self->shown[field]);
  self->shown[field] = g_strdup (message);

  if (message != NULL)
    /* Translators: a field's name, then what is wrong with it */
    line = g_strdup_printf (_("%s: %s"), dossier_client_field_get_label (field), message);
  gtk_label_set_text (GTK_LABEL (self->messages[field]), line != NULL ? line : "");
  gtk_widget_set_visible (self->messages[field], message != NULL);

  if (message != NULL && !warning)
    {
      gtk_widget_add_css_class (row, "error");
      gtk_widget_remove_css_class (self->messages[field], "warning");
      gtk_widget_add_css_class (self->messages[field], "error");
    }
  else
    {
      gtk_widget_remove_css_class (row, "error");
      gtk_widget_remove_css_class (self->messages[field], "error");
      gtk_widget_add_css_class (self->messages[field], "warning");
    }

  gtk_accessible_update_state (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_STATE_INVALID,
                               message != NULL && !warning ? GTK_ACCESSIBLE_INVALID_TRUE
                                                           : GTK_ACCESSIBLE_INVALID_FALSE,
                               -1);
  if (message != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                    message, -1);
  else
    gtk_accessible_reset_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
}

void
_dossier_client_form_update_validity (DossierClientForm *self,
                                      gboolean           force)
{
  gboolean valid = TRUE;

  for (guint i = 0; i < DOSSIER_CLIENT_N_FIELDS; i++)
    {
      g_autofree char *message = NULL;
      gboolean warning = FALSE;

      message = dossier_client_field_check (i, (const char * const *) self->values, &warning);
      if (message != NULL && !warning)
        valid = FALSE;
      update_message (self, i, force);
    }

  if (valid != self->valid)
    {
      self->valid = valid;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VALID]);
    }
}

void
_dossier_client_form_emit_changed (DossierClientForm *self)
{
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
field_changed (DossierClientForm  *self,
               DossierClientField  field,
               const char         *text)
{
  if (g_strcmp0 (self->values[field], text) == 0)
    return;

  g_free (self->values[field]);
  self->values[field] = g_strdup (text != NULL ? text : "");

  if (self->updating > 0)
    return;

  self->touched[field] = TRUE;
  g_clear_pointer (&self->server_messages[field], g_free);
  /* The phone fields are checked together: a change in one can settle the other. */
  if (field == DOSSIER_CLIENT_FIELD_PHONE_COUNTRY_CODE || field == DOSSIER_CLIENT_FIELD_PHONE_NUMBER)
    g_clear_pointer (&self->server_messages[field == DOSSIER_CLIENT_FIELD_PHONE_NUMBER
                                            ? DOSSIER_CLIENT_FIELD_PHONE_COUNTRY_CODE
                                            : DOSSIER_CLIENT_FIELD_PHONE_NUMBER], g_free);
  _dossier_client_form_update_validity (self, FALSE);
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
entry_changed_cb (GtkEditable       *editable,
                  DossierClientForm *self)
{
  DossierClientField field = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (editable), "dossier-field"));

  /* The birth date is shown and typed the locale's way, as every date row takes it, and
   * kept as the API writes it; text that is no date stays as typed, and is reported. */
  if (field == DOSSIER_CLIENT_FIELD_BIRTH_DATE)
    {
      g_autofree char *iso = dossier_value_row_parse_date_text (gtk_editable_get_text (editable));

      field_changed (self, field, iso != NULL ? iso : gtk_editable_get_text (editable));
      return;
    }

  field_changed (self, field, gtk_editable_get_text (editable));
}

/* A new country brings its calling code, unless the user typed another one. */
static void
country_selected_cb (DossierClientForm *self)
{
  DossierCountries *countries = dossier_countries_get_default ();
  guint position = gtk_drop_down_get_selected (self->country_dropdown);
  const char *code = dossier_countries_get_code (countries, position);
  const char *previous = self->values[DOSSIER_CLIENT_FIELD_COUNTRY];
  const char *typed = self->values[DOSSIER_CLIENT_FIELD_PHONE_COUNTRY_CODE];
  guint previous_calling = dossier_countries_get_calling_code (previous);
  guint calling = dossier_countries_get_calling_code (code);
  g_autofree char *previous_text = g_strdup_printf ("%u", previous_calling);

  if (position == GTK_INVALID_LIST_POSITION)
    code = "";
  if (g_strcmp0 (previous, code) == 0)
    return;

  if (self->updating == 0 && calling != 0
      && (typed == NULL || *typed == '\0' || g_str_equal (typed, previous_text)))
    {
      g_autofree char *text = g_strdup_printf ("%u", calling);

      gtk_editable_set_text (GTK_EDITABLE (self->rows[DOSSIER_CLIENT_FIELD_PHONE_COUNTRY_CODE]), text);
    }
  field_changed (self, DOSSIER_CLIENT_FIELD_COUNTRY, code);
}

static GtkWidget *
build_country_row (DossierClientForm *self)
{
  DossierCountries *countries = dossier_countries_get_default ();
  GtkExpression *expression;
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *dropdown;

  expression = gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL, "string");
  dropdown = gtk_drop_down_new (g_object_ref (dossier_countries_get_model (countries)), expression);
  self->country_dropdown = GTK_DROP_DOWN (dropdown);
  gtk_drop_down_set_enable_search (self->country_dropdown, TRUE);
  dossier_countries_focus_search_on_open (self->country_dropdown);
  gtk_drop_down_set_selected (self->country_dropdown, GTK_INVALID_LIST_POSITION);
  gtk_widget_set_valign (dropdown, GTK_ALIGN_CENTER);
  gtk_widget_set_hexpand (dropdown, FALSE);
  gtk_widget_set_tooltip_text (dropdown, _("Type to search the list"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (dropdown), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Country"), -1);
  g_signal_connect_object (dropdown, "notify::selected", G_CALLBACK (country_selected_cb),
                           self, G_CONNECT_SWAPPED);

  adw_action_row_add_suffix (ADW_ACTION_ROW (row), dropdown);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), dropdown);
  return row;
}

static GtkWidget *
build_row (DossierClientForm  *self,
           DossierClientField  field)
{
  const char *label = dossier_client_field_get_label (field);
  GtkWidget *row;
  GtkWidget *delegate = NULL;

  if (field == DOSSIER_CLIENT_FIELD_COUNTRY)
    row = build_country_row (self);
  else
    {
      row = adw_entry_row_new ();
      g_object_set_data (G_OBJECT (row), "dossier-field", GUINT_TO_POINTER (field));
      g_signal_connect_object (row, "changed", G_CALLBACK (entry_changed_cb), self, 0);
      delegate = GTK_WIDGET (gtk_editable_get_delegate (GTK_EDITABLE (row)));
      if (delegate != NULL)
        gtk_accessible_update_property (GTK_ACCESSIBLE (delegate), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                        label, -1);
    }

  switch ((int) field)
    {
    case DOSSIER_CLIENT_FIELD_EMAIL:
      adw_entry_row_set_input_purpose (ADW_ENTRY_ROW (row), GTK_INPUT_PURPOSE_EMAIL);
      break;
    case DOSSIER_CLIENT_FIELD_PHONE_COUNTRY_CODE:
      adw_entry_row_set_input_purpose (ADW_ENTRY_ROW (row), GTK_INPUT_PURPOSE_DIGITS);
      adw_entry_row_add_prefix (ADW_ENTRY_ROW (row), gtk_label_new ("+"));
      break;
    case DOSSIER_CLIENT_FIELD_PHONE_NUMBER:
      adw_entry_row_set_input_purpose (ADW_ENTRY_ROW (row), GTK_INPUT_PURPOSE_PHONE);
      break;
    case DOSSIER_CLIENT_FIELD_BIRTH_DATE:
      _dossier_client_form_setup_date_row (self, row, delegate);
      break;
    case DOSSIER_CLIENT_FIELD_FIRST_NAME:
    case DOSSIER_CLIENT_FIELD_SECOND_NAME:
    case DOSSIER_CLIENT_FIELD_LAST_NAME:
      adw_entry_row_set_input_purpose (ADW_ENTRY_ROW (row), GTK_INPUT_PURPOSE_NAME);
      break;
    default:
      break;
    }

  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (row), FALSE);
  if (dossier_client_field_is_required (field))
    adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), label);
  else
    {
      /* Translators: the name of a field people may leave empty */
      g_autofree char *title = g_strdup_printf (_("%s (optional)"), label);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  GTK_ACCESSIBLE_PROPERTY_REQUIRED,
                                  dossier_client_field_is_required (field), -1);
  return row;
}

static void
dossier_client_form_dispose (GObject *object)
{
  DossierClientForm *self = DOSSIER_CLIENT_FORM (object);

  g_clear_pointer (&self->box, gtk_widget_unparent);

  G_OBJECT_CLASS (dossier_client_form_parent_class)->dispose (object);
}

static void
dossier_client_form_finalize (GObject *object)
{
  DossierClientForm *self = DOSSIER_CLIENT_FORM (object);

  for (guint i = 0; i < DOSSIER_CLIENT_N_FIELDS; i++)
    {
      g_free (self->values[i]);
      g_free (self->server_messages[i]);
      g_free (self->shown[i]);
    }

  G_OBJECT_CLASS (dossier_client_form_parent_class)->finalize (object);
}

static void
dossier_client_form_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  DossierClientForm *self = DOSSIER_CLIENT_FORM (object);

  switch (prop_id)
    {
    case PROP_VALID:
      g_value_set_boolean (value, self->valid);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dossier_client_form_class_init (DossierClientFormClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dossier_client_form_dispose;
  object_class->finalize = dossier_client_form_finalize;
  object_class->get_property = dossier_client_form_get_property;

  properties[PROP_VALID] =
    g_param_spec_boolean ("valid", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
dossier_client_form_init (DossierClientForm *self)
{
  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 24);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));

  for (guint i = 0; i < DOSSIER_CLIENT_N_FIELDS; i++)
    self->values[i] = g_strdup ("");

  for (guint g = 0; g < G_N_ELEMENTS (groups); g++)
    {
      GtkWidget *group = adw_preferences_group_new ();

      adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _(groups[g].title));
      for (DossierClientField f = groups[g].first; f <= groups[g].last; f++)
        {
          self->rows[f] = build_row (self, f);
          adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), self->rows[f]);
        }
      /* Not a row: AdwPreferencesGroup puts it under the boxed list. */
      for (DossierClientField f = groups[g].first; f <= groups[g].last; f++)
        {
          GtkWidget *label = gtk_label_new (NULL);

          gtk_label_set_xalign (GTK_LABEL (label), 0);
          gtk_label_set_wrap (GTK_LABEL (label), TRUE);
          gtk_widget_set_margin_top (label, 6);
          gtk_widget_add_css_class (label, "caption");
          gtk_widget_set_visible (label, FALSE);
          self->messages[f] = label;
          adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), label);
          gtk_accessible_update_relation (GTK_ACCESSIBLE (self->rows[f]),
                                          GTK_ACCESSIBLE_RELATION_DESCRIBED_BY, label, NULL, -1);
        }
      gtk_box_append (GTK_BOX (self->box), group);
    }

  _dossier_client_form_update_validity (self, FALSE);
}

GtkWidget *
dossier_client_form_new (void)
{
  return g_object_new (DOSSIER_TYPE_CLIENT_FORM, NULL);
}

void
dossier_client_form_set_text (DossierClientForm  *self,
                              DossierClientField  field,
                              const char         *text)
{
  g_return_if_fail (DOSSIER_IS_CLIENT_FORM (self));
  g_return_if_fail (field < DOSSIER_CLIENT_N_FIELDS);

  if (text == NULL)
    text = "";

  if (field == DOSSIER_CLIENT_FIELD_COUNTRY)
    {
      g_autofree char *upper = g_ascii_strup (text, -1);
      guint position = dossier_countries_find (dossier_countries_get_default (), upper);

      if (position == G_MAXUINT)
        {
          /* A code the list does not know stays as it came, and is reported. */
          gtk_drop_down_set_selected (self->country_dropdown, GTK_INVALID_LIST_POSITION);
          field_changed (self, field, text);
        }
      else
        gtk_drop_down_set_selected (self->country_dropdown, position);
    }
  else if (field == DOSSIER_CLIENT_FIELD_BIRTH_DATE)
    {
      g_autofree char *shown = dossier_value_row_format_iso_date (text);

      gtk_editable_set_text (GTK_EDITABLE (self->rows[field]), shown);
    }
  else
    gtk_editable_set_text (GTK_EDITABLE (self->rows[field]), text);
}

const char *
dossier_client_form_get_text (DossierClientForm  *self,
                              DossierClientField  field)
{
  g_return_val_if_fail (DOSSIER_IS_CLIENT_FORM (self), NULL);
  g_return_val_if_fail (field < DOSSIER_CLIENT_N_FIELDS, NULL);

  return self->values[field];
}

gboolean
dossier_client_form_is_empty (DossierClientForm *self)
{
  g_return_val_if_fail (DOSSIER_IS_CLIENT_FORM (self), TRUE);

  for (guint i = 0; i < DOSSIER_CLIENT_N_FIELDS; i++)
    if (!dossier_contract_is_blank (self->values[i]))
      return FALSE;
  return TRUE;
}

gboolean
dossier_client_form_get_valid (DossierClientForm *self)
{
  g_return_val_if_fail (DOSSIER_IS_CLIENT_FORM (self), FALSE);

  return self->valid;
}

gboolean
dossier_client_form_check_all (DossierClientForm *self)
{
  g_return_val_if_fail (DOSSIER_IS_CLIENT_FORM (self), FALSE);

  for (guint i = 0; i < DOSSIER_CLIENT_N_FIELDS; i++)
    self->touched[i] = TRUE;
  _dossier_client_form_update_validity (self, TRUE);

  for (guint i = 0; i < DOSSIER_CLIENT_N_FIELDS; i++)
    if (gtk_widget_has_css_class (self->rows[i], "error"))
      {
        gtk_widget_grab_focus (i == DOSSIER_CLIENT_FIELD_COUNTRY
                               ? GTK_WIDGET (self->country_dropdown) : self->rows[i]);
        break;
      }
  return self->valid;
}

const char *
dossier_client_form_get_message (DossierClientForm  *self,
                                 DossierClientField  field)
{
  g_return_val_if_fail (DOSSIER_IS_CLIENT_FORM (self), NULL);
  g_return_val_if_fail (field < DOSSIER_CLIENT_N_FIELDS, NULL);

  return self->shown[field];
}

GtkWidget *
dossier_client_form_get_row (DossierClientForm  *self,
                             DossierClientField  field)
{
  g_return_val_if_fail (DOSSIER_IS_CLIENT_FORM (self), NULL);
  g_return_val_if_fail (field < DOSSIER_CLIENT_N_FIELDS, NULL);

  return self->rows[field];
}

GtkWidget *
dossier_client_form_get_country_dropdown (DossierClientForm *self)
{
  g_return_val_if_fail (DOSSIER_IS_CLIENT_FORM (self), NULL);

  return GTK_WIDGET (self->country_dropdown);
}

GtkWidget *
dossier_client_form_get_calendar_button (DossierClientForm *self)
{
  g_return_val_if_fail (DOSSIER_IS_CLIENT_FORM (self), NULL);

  return self->calendar_button;
}
