/* dossier-requirements-form.c — the data groups of a product request, built at run time
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The structure comes from the request's missing_requirements (CONTRACT.md §6.4) and
 * nothing else: one AdwPreferencesGroup per data group, one DossierValueRow per field,
 * its editor chosen by the field's data type. The table of known ids only names what it
 * recognises. A new copy of the same request updates the form in place: rows keep what
 * was typed, a field the server no longer lists moves to its group's "Saved" row, and a
 * group it no longer lists stays where it was, shown done. An optional group (or field)
 * says so and never counts as blocking. The groups are built and updated in
 * dossier-requirements-form-groups.c, drafts kept in dossier-requirements-form-draft.c,
 * values saved in dossier-requirements-form-save.c.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "dossier-requirements-form-private.h"

G_DEFINE_FINAL_TYPE (DossierRequirementsForm, dossier_requirements_form, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_BUSY,
  PROP_CAN_SAVE,
  PROP_N_BLOCKING,
  N_PROPS
};

enum {
  SAVED,
  N_SIGNALS
};

static GParamSpec *properties [N_PROPS];
static guint signals [N_SIGNALS];

/* ---- state ------------------------------------------------------------------- */

void
_dossier_requirements_form_update_state (DossierRequirementsForm *self)
{
  guint n_blocking = 0;
  gboolean any_value = FALSE;
  gboolean all_valid = TRUE;
  gboolean can_save;

  for (guint g = 0; g < self->groups->len; g++)
    {
      DossierFormGroup *group = g_ptr_array_index (self->groups, g);

      for (guint r = 0; r < group->rows->len; r++)
        {
          DossierValueRow *row = g_ptr_array_index (group->rows, r);
          gboolean valid = dossier_value_row_check (row, NULL);

          if (!valid && dossier_value_row_get_required (row))
            n_blocking++;
          if (!dossier_value_row_is_empty (row))
            {
              any_value = TRUE;
              if (!valid)
                all_valid = FALSE;
            }
        }
    }

  can_save = any_value && all_valid && !self->busy;
  if (n_blocking != self->n_blocking)
    {
      self->n_blocking = n_blocking;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_BLOCKING]);
    }
  if (can_save != self->can_save)
    {
      self->can_save = can_save;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_SAVE]);
    }
}

void
_dossier_requirements_form_set_busy (DossierRequirementsForm *self,
                                     gboolean                 busy)
{
  busy = !!busy;
  if (busy == self->busy)
    return;

  self->busy = busy;
  for (guint g = 0; g < self->groups->len; g++)
    {
      DossierFormGroup *group = g_ptr_array_index (self->groups, g);

      for (guint r = 0; r < group->rows->len; r++)
        dossier_value_row_set_editable (g_ptr_array_index (group->rows, r), !busy);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
  _dossier_requirements_form_update_state (self);
}

void
_dossier_requirements_form_set_message (DossierRequirementsForm *self,
                                        const char              *message)
{
  g_free (self->message);
  self->message = g_strdup (message);
  gtk_label_set_text (GTK_LABEL (self->message_label), message != NULL ? message : "");
  gtk_widget_set_visible (self->message_label, message != NULL);
}

void
_dossier_requirements_form_emit_saved (DossierRequirementsForm *self)
{
  g_signal_emit (self, signals[SAVED], 0, self->client, self->request);
}

void
_dossier_requirements_form_row_changed (DossierRequirementsForm *self)
{
  _dossier_requirements_form_set_message (self, NULL);
  _dossier_requirements_form_update_state (self);
  _dossier_requirements_form_schedule_draft (self);
}

/**
 * dossier_requirements_form_set_request:
 * @self: a #DossierRequirementsForm
 * @client: the client the request belongs to (kept, and updated in place on save)
 * @request: the request (kept, and updated in place when the form re-reads it)
 *
 * Another request starts a new form (and restores its draft); the same request again,
 * with new requirements, updates the form in place.
 */
void
dossier_requirements_form_set_request (DossierRequirementsForm *self,
                                       DossierClient           *client,
                                       DossierProductRequest   *request)
{
  gboolean same;

  g_return_if_fail (DOSSIER_IS_REQUIREMENTS_FORM (self));
  g_return_if_fail (DOSSIER_IS_CLIENT (client));
  g_return_if_fail (DOSSIER_IS_PRODUCT_REQUEST (request));

  same = self->client != NULL && self->request != NULL
         && g_strcmp0 (dossier_client_get_id (self->client), dossier_client_get_id (client)) == 0
         && g_strcmp0 (dossier_product_request_get_id (self->request),
                       dossier_product_request_get_id (request)) == 0;

  if (!same && self->request != NULL)
    {
      _dossier_requirements_form_save_draft_now (self);
      g_cancellable_cancel (self->cancellable);
      g_clear_object (&self->cancellable);
      self->cancellable = g_cancellable_new ();
      self->draft_loaded = FALSE;
      _dossier_requirements_form_set_message (self, NULL);
      _dossier_requirements_form_clear_groups (self);
    }

  g_set_object (&self->client, client);
  g_set_object (&self->request, request);
  _dossier_requirements_form_update_groups (self);

  if (!same)
    _dossier_requirements_form_load_draft (self);
}

DossierClient *
dossier_requirements_form_get_client (DossierRequirementsForm *self)
{
  g_return_val_if_fail (DOSSIER_IS_REQUIREMENTS_FORM (self), NULL);

  return self->client;
}

DossierProductRequest *
dossier_requirements_form_get_request (DossierRequirementsForm *self)
{
  g_return_val_if_fail (DOSSIER_IS_REQUIREMENTS_FORM (self), NULL);

  return self->request;
}

gboolean
dossier_requirements_form_get_can_save (DossierRequirementsForm *self)
{
  g_return_val_if_fail (DOSSIER_IS_REQUIREMENTS_FORM (self), FALSE);

  return self->can_save;
}

guint
dossier_requirements_form_get_n_blocking (DossierRequirementsForm *self)
{
  g_return_val_if_fail (DOSSIER_IS_REQUIREMENTS_FORM (self), 0);

  return self->n_blocking;
}

gboolean
dossier_requirements_form_get_busy (DossierRequirementsForm *self)
{
  g_return_val_if_fail (DOSSIER_IS_REQUIREMENTS_FORM (self), FALSE);

  return self->busy;
}

GtkWidget *
dossier_requirements_form_get_row (DossierRequirementsForm *self,
                                   const char              *key)
{
  g_return_val_if_fail (DOSSIER_IS_REQUIREMENTS_FORM (self), NULL);
  g_return_val_if_fail (key != NULL, NULL);

  return (GtkWidget *) _dossier_requirements_form_find_row (self, key);
}

const char *
dossier_requirements_form_get_message (DossierRequirementsForm *self)
{
  g_return_val_if_fail (DOSSIER_IS_REQUIREMENTS_FORM (self), NULL);

  return self->message;
}

/**
 * dossier_requirements_form_get_done_summary:
 * @self: a #DossierRequirementsForm
 * @group_id: a data group id
 *
 * Returns: (nullable): the names the group's "Saved" row lists, or %NULL when it shows none
 */
const char *
dossier_requirements_form_get_done_summary (DossierRequirementsForm *self,
                                            const char              *group_id)
{
  DossierFormGroup *group;

  g_return_val_if_fail (DOSSIER_IS_REQUIREMENTS_FORM (self), NULL);

  group = _dossier_requirements_form_find_group (self, group_id);
  if (group == NULL || !gtk_widget_get_visible (group->done_row))
    return NULL;
  return adw_action_row_get_subtitle (ADW_ACTION_ROW (group->done_row));
}

/**
 * dossier_requirements_form_get_group:
 * @self: a #DossierRequirementsForm
 * @group_id: a data group id
 *
 * Returns: (nullable) (transfer none): the AdwPreferencesGroup shown for it
 */
GtkWidget *
dossier_requirements_form_get_group (DossierRequirementsForm *self,
                                     const char              *group_id)
{
  DossierFormGroup *group;

  g_return_val_if_fail (DOSSIER_IS_REQUIREMENTS_FORM (self), NULL);

  group = _dossier_requirements_form_find_group (self, group_id);
  return group != NULL ? group->group : NULL;
}

/* ---- the type ---------------------------------------------------------------- */

static void
dossier_requirements_form_dispose (GObject *object)
{
  DossierRequirementsForm *self = DOSSIER_REQUIREMENTS_FORM (object);

  /* What was typed in the last moment before the window closed is kept. */
  if (self->draft_source != 0)
    _dossier_requirements_form_save_draft_now (self);
  g_cancellable_cancel (self->cancellable);
  g_clear_pointer (&self->box, gtk_widget_unparent);
  if (self->groups != NULL)
    g_ptr_array_set_size (self->groups, 0);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->client);
  g_clear_object (&self->request);
  g_clear_object (&self->api);
  g_clear_object (&self->journal);

  G_OBJECT_CLASS (dossier_requirements_form_parent_class)->dispose (object);
}

static void
dossier_requirements_form_finalize (GObject *object)
{
  DossierRequirementsForm *self = DOSSIER_REQUIREMENTS_FORM (object);

  g_clear_pointer (&self->groups, g_ptr_array_unref);
  g_free (self->message);

  G_OBJECT_CLASS (dossier_requirements_form_parent_class)->finalize (object);
}

static void
dossier_requirements_form_get_property (GObject    *object,
                                        guint       prop_id,
                                        GValue     *value,
                                        GParamSpec *pspec)
{
  DossierRequirementsForm *self = DOSSIER_REQUIREMENTS_FORM (object);

  switch (prop_id)
    {
    case PROP_BUSY:
      g_value_set_boolean (value, self->busy);
      break;

    case PROP_CAN_SAVE:
      g_value_set_boolean (value, self->can_save);
      break;

    case PROP_N_BLOCKING:
      g_value_set_uint (value, self->n_blocking);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dossier_requirements_form_class_init (DossierRequirementsFormClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dossier_requirements_form_dispose;
  object_class->finalize = dossier_requirements_form_finalize;
  object_class->get_property = dossier_requirements_form_get_property;

  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CAN_SAVE] =
    g_param_spec_boolean ("can-save", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_BLOCKING] =
    g_param_spec_uint ("n-blocking", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * DossierRequirementsForm::saved:
   * @client: the client as the server now has it
   * @request: the request, re-read after the save
   */
  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL, G_TYPE_NONE, 2,
                                 DOSSIER_TYPE_CLIENT, DOSSIER_TYPE_PRODUCT_REQUEST);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
dossier_requirements_form_init (DossierRequirementsForm *self)
{
  GtkWidget *row;

  self->groups = g_ptr_array_new_with_free_func ((GDestroyNotify) _dossier_form_group_free);
  self->cancellable = g_cancellable_new ();

  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 24);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));

  self->message_label = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (self->message_label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (self->message_label), 0);
  gtk_widget_add_css_class (self->message_label, "error");
  gtk_widget_set_visible (self->message_label, FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->message_label),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Problem saving"), -1);
  gtk_box_append (GTK_BOX (self->box), self->message_label);

  /* Shown when the request asks for no data at all. */
  self->empty_group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (self->empty_group), _("Client Data"));
  row = adw_action_row_new ();
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("emblem-ok-symbolic"));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Nothing to fill in"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _("The client’s record has every value this request asks for."));
  /* It only says so: no Tab stop. */
  gtk_widget_set_focusable (row, FALSE);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self->empty_group), row);
  gtk_box_append (GTK_BOX (self->box), self->empty_group);
}

/**
 * dossier_requirements_form_new:
 * @api: the API the form saves through
 * @journal: (nullable): where drafts are kept
 *
 * Returns: (transfer floating): a new, empty #DossierRequirementsForm
 */
GtkWidget *
dossier_requirements_form_new (DossierApi     *api,
                               DossierJournal *journal)
{
  DossierRequirementsForm *self;

  g_return_val_if_fail (DOSSIER_IS_API (api), NULL);
  g_return_val_if_fail (journal == NULL || DOSSIER_IS_JOURNAL (journal), NULL);

  self = g_object_new (DOSSIER_TYPE_REQUIREMENTS_FORM, NULL);
  self->api = g_object_ref (api);
  self->journal = journal != NULL ? g_object_ref (journal) : NULL;
  return GTK_WIDGET (self);
}
