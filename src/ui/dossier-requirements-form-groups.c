/* dossier-requirements-form-groups.c — the form's groups and rows, built from the
 * requirements and updated in place
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One AdwPreferencesGroup per data group the server lists, in its order, one
 * DossierValueRow per field. When the same request comes back, a row whose field is no
 * longer listed is satisfied: it leaves, and its name with the value now on the client's
 * record joins the group's "Saved" row; a group no longer listed stays where it was,
 * shown done. Rows still listed are the same widgets, so what was typed stays.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "dossier-countries.h"
#include "dossier-known-ids.h"
#include "dossier-requirements-form-private.h"
#include "dossier-value-row-private.h"

void
_dossier_form_group_free (DossierFormGroup *group)
{
  g_free (group->id);
  g_ptr_array_unref (group->rows);
  g_ptr_array_unref (group->saved);
  g_free (group);
}

DossierFormGroup *
_dossier_requirements_form_find_group (DossierRequirementsForm *self,
            const char              *id)
{
  for (guint g = 0; g < self->groups->len; g++)
    {
      DossierFormGroup *group = g_ptr_array_index (self->groups, g);

      if (g_str_equal (group->id, id))
        return group;
    }
  return NULL;
}

DossierValueRow *
_dossier_requirements_form_find_row (DossierRequirementsForm *self,
                                     const char              *key)
{
  for (guint g = 0; g < self->groups->len; g++)
    {
      DossierFormGroup *group = g_ptr_array_index (self->groups, g);

      for (guint r = 0; r < group->rows->len; r++)
        {
          DossierValueRow *row = g_ptr_array_index (group->rows, r);

          if (g_str_equal (dossier_value_row_get_key (row), key))
            return row;
        }
    }
  return NULL;
}

static GtkWidget *
build_done_row (void)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *icon = gtk_image_new_from_icon_name ("emblem-ok-symbolic");

  gtk_widget_add_css_class (icon, "success");
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Done"), -1);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Saved"));
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
  gtk_widget_add_css_class (row, "dossier-done-row");
  /* It only shows what was saved: no Tab stop. */
  gtk_widget_set_focusable (row, FALSE);
  gtk_widget_set_visible (row, FALSE);
  return row;
}

static DossierFormGroup *
add_group (DossierRequirementsForm *self,
           const char              *id,
           GtkWidget               *after)
{
  DossierFormGroup *group = g_new0 (DossierFormGroup, 1);

  group->id = g_strdup (id);
  group->rows = g_ptr_array_new ();
  group->saved = g_ptr_array_new_with_free_func (g_free);
  group->group = adw_preferences_group_new ();
  group->badge = gtk_label_new (NULL);
  gtk_widget_add_css_class (group->badge, "dossier-badge");
  gtk_widget_set_valign (group->badge, GTK_ALIGN_CENTER);
  adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (group->group), group->badge);
  group->done_row = build_done_row ();
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group->group), group->done_row);

  gtk_box_insert_child_after (GTK_BOX (self->box), group->group, after);
  g_ptr_array_add (self->groups, group);
  return group;
}

static void
update_done_row (DossierFormGroup *group)
{
  g_autofree char *list = NULL;

  if (group->saved->len == 0)
    {
      gtk_widget_set_visible (group->done_row, FALSE);
      return;
    }

  g_ptr_array_add (group->saved, NULL);
  list = g_strjoinv ("\n", (char **) group->saved->pdata);
  g_ptr_array_remove_index (group->saved, group->saved->len - 1);

  adw_action_row_set_subtitle (ADW_ACTION_ROW (group->done_row), list);
  gtk_widget_set_visible (group->done_row, TRUE);
}

/* Drops the line of a field ("Label" or "Label: value"). */
static void
forget_saved (DossierFormGroup *group,
              const char       *label)
{
  g_autofree char *prefix = g_strdup_printf (_("%s: %s"), label, "");

  for (guint i = 0; i < group->saved->len; i++)
    {
      const char *line = g_ptr_array_index (group->saved, i);

      if (g_str_equal (line, label) || g_str_has_prefix (line, prefix))
        {
          g_ptr_array_remove_index (group->saved, i);
          return;
        }
    }
}

/* The value the client's record now has for a row, as people read it, or NULL. */
static char *
saved_value (DossierRequirementsForm *self,
             DossierValueRow         *row)
{
  if (self->client == NULL)
    return NULL;
  return dossier_value_row_format_client_value (self->client, dossier_value_row_get_key (row),
                                                dossier_value_row_get_data_type (row));
}

/* A field the server no longer lists is satisfied: its row goes, its name (and the
 * value on the client's record) stays in the group's "Saved" row. */
static void
satisfy_row (DossierRequirementsForm *self,
             DossierFormGroup        *group,
             DossierValueRow         *row)
{
  g_autofree char *label = dossier_known_ids_label (DOSSIER_KNOWN_ID_DATA_FIELD,
                                                    dossier_value_row_get_key (row), NULL);
  g_autofree char *value = saved_value (self, row);
  char *line;

  forget_saved (group, label);
  if (value != NULL)
    /* Translators: a field's name, then the value saved on the client's record */
    line = g_strdup_printf (_("%s: %s"), label, value);
  else
    line = g_strdup (label);
  g_ptr_array_add (group->saved, line);
  g_ptr_array_remove (group->rows, row);
  adw_preferences_group_remove (ADW_PREFERENCES_GROUP (group->group), GTK_WIDGET (row));
}

static GtkWidget *
build_row (DossierRequirementsForm *self,
           const DossierDataGroup  *data_group,
           const DossierDataField  *field)
{
  g_autofree char *label = dossier_known_ids_label (DOSSIER_KNOWN_ID_DATA_FIELD, field->key, NULL);
  const char *description = dossier_known_ids_lookup_description (DOSSIER_KNOWN_ID_DATA_FIELD, field->key);
  GtkWidget *row;

  row = dossier_value_row_new (field->key, label, description, field->data_type, field->data_type_raw,
                               (const char * const *) field->values,
                               dossier_data_field_blocks (data_group, field));
  /* In an optional group every field is optional: the group's badge says it once. */
  if (!data_group->required)
    adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), label);
  if (field->data_type == DOSSIER_DATA_TYPE_PHONE && self->client != NULL)
    dossier_value_row_set_calling_code (DOSSIER_VALUE_ROW (row),
                                        dossier_countries_get_calling_code (dossier_client_get_country (self->client)));
  dossier_value_row_set_editable (DOSSIER_VALUE_ROW (row), !self->busy);
  g_signal_connect_object (row, "changed", G_CALLBACK (_dossier_requirements_form_row_changed), self, G_CONNECT_SWAPPED);
  return row;
}

static void
update_group (DossierRequirementsForm *self,
              DossierFormGroup        *group,
              const DossierDataGroup  *data_group)
{
  g_autofree char *title = dossier_known_ids_label (DOSSIER_KNOWN_ID_DATA_GROUP, data_group->id, data_group->name);
  g_autofree char *description = dossier_known_ids_description (DOSSIER_KNOWN_ID_DATA_GROUP, data_group->id,
                                                                data_group->description);
  g_autoptr(GPtrArray) gone = g_ptr_array_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group->group), title);
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group->group),
                                         *description != '\0' ? description : NULL);
  group->required = data_group->required;
  group->done = FALSE;
  /* Like the document groups below it: every group says whether it is required. */
  gtk_label_set_text (GTK_LABEL (group->badge), data_group->required ? _("Required") : _("Optional"));
  gtk_widget_remove_css_class (group->badge, "success");
  gtk_widget_remove_css_class (group->group, "dossier-done");

  for (guint r = 0; r < group->rows->len; r++)
    {
      DossierValueRow *row = g_ptr_array_index (group->rows, r);
      gboolean listed = FALSE;

      for (guint f = 0; f < data_group->fields->len && !listed; f++)
        {
          const DossierDataField *field = g_ptr_array_index (data_group->fields, f);

          listed = g_str_equal (field->key, dossier_value_row_get_key (row));
        }
      if (!listed)
        g_ptr_array_add (gone, row);
    }
  for (guint i = 0; i < gone->len; i++)
    satisfy_row (self, group, g_ptr_array_index (gone, i));

  for (guint f = 0; f < data_group->fields->len; f++)
    {
      const DossierDataField *field = g_ptr_array_index (data_group->fields, f);
      g_autofree char *label = dossier_known_ids_label (DOSSIER_KNOWN_ID_DATA_FIELD, field->key, NULL);
      GtkWidget *row;
      gboolean shown = FALSE;

      for (guint r = 0; r < group->rows->len && !shown; r++)
        shown = g_str_equal (dossier_value_row_get_key (g_ptr_array_index (group->rows, r)), field->key);
      if (shown)
        continue;

      /* Listed again (a later PUT removed it): no longer saved. */
      forget_saved (group, label);
      row = build_row (self, data_group, field);
      g_ptr_array_add (group->rows, row);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group->group), row);
    }

  update_done_row (group);
}

/* The server no longer lists the group: every field of it is on the client's record. */
static void
finish_group (DossierRequirementsForm *self,
              DossierFormGroup        *group)
{
  while (group->rows->len > 0)
    satisfy_row (self, group, g_ptr_array_index (group->rows, 0));

  group->done = TRUE;
  gtk_label_set_text (GTK_LABEL (group->badge), _("Done"));
  gtk_widget_add_css_class (group->badge, "success");
  gtk_widget_add_css_class (group->group, "dossier-done");
  if (group->saved->len == 0)
    g_ptr_array_add (group->saved, g_strdup (_("Everything this group asks for")));
  update_done_row (group);
}

void
_dossier_requirements_form_update_groups (DossierRequirementsForm *self)
{
  DossierRequirements *requirements = dossier_product_request_get_requirements (self->request);
  guint n = requirements != NULL ? dossier_requirements_get_n_data_groups (requirements) : 0;
  g_autoptr(GHashTable) listed = g_hash_table_new (g_str_hash, g_str_equal);
  GtkWidget *after = self->message_label;

  for (guint i = 0; i < n; i++)
    {
      const DossierDataGroup *data_group = dossier_requirements_get_data_group (requirements, i);
      DossierFormGroup *group = _dossier_requirements_form_find_group (self, data_group->id);

      if (group == NULL)
        group = add_group (self, data_group->id, after);
      update_group (self, group, data_group);
      g_hash_table_add (listed, group->id);
      after = group->group;
    }

  for (guint g = 0; g < self->groups->len; g++)
    {
      DossierFormGroup *group = g_ptr_array_index (self->groups, g);

      if (!g_hash_table_contains (listed, group->id) && !group->done)
        finish_group (self, group);
    }

  gtk_widget_set_visible (self->empty_group, self->groups->len == 0);
  _dossier_requirements_form_update_state (self);
}

void
_dossier_requirements_form_clear_groups (DossierRequirementsForm *self)
{
  for (guint g = 0; g < self->groups->len; g++)
    {
      DossierFormGroup *group = g_ptr_array_index (self->groups, g);

      gtk_box_remove (GTK_BOX (self->box), group->group);
    }
  g_ptr_array_set_size (self->groups, 0);
}
