/* dossier-conflict-view.c — both versions of a changed client, field by field
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Three copies: the one the edit started from (base), the user's (mine) and the
 * server's now (theirs). A field only the server changed keeps the server's value
 * and is listed so nothing changes unseen; a field both changed differently is a
 * conflict with two choices, the server's selected at first so that nothing is
 * overwritten by accident. Members Dossier does not model always come from the
 * server's copy.
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "dossier-conflict-view.h"

struct _DossierConflictView
{
  GtkWidget      parent_instance;

  GtkWidget     *box;
  GtkWidget     *groups;
  DossierClient *base;
  DossierClient *mine;
  DossierClient *theirs;
  GtkWidget     *mine_buttons[DOSSIER_CLIENT_N_FIELDS];
  GtkWidget     *theirs_buttons[DOSSIER_CLIENT_N_FIELDS];
  guint          n_conflicts;
};

G_DEFINE_FINAL_TYPE (DossierConflictView, dossier_conflict_view, GTK_TYPE_WIDGET)

static void
dossier_conflict_view_dispose (GObject *object)
{
  DossierConflictView *self = DOSSIER_CONFLICT_VIEW (object);

  g_clear_pointer (&self->box, gtk_widget_unparent);
  g_clear_object (&self->base);
  g_clear_object (&self->mine);
  g_clear_object (&self->theirs);

  G_OBJECT_CLASS (dossier_conflict_view_parent_class)->dispose (object);
}

static void
dossier_conflict_view_class_init (DossierConflictViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dossier_conflict_view_dispose;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
dossier_conflict_view_init (DossierConflictView *self)
{
  GtkWidget *title;
  GtkWidget *intro;

  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 24);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));

  title = gtk_label_new (_("Someone Else Changed This Client"));
  gtk_label_set_wrap (GTK_LABEL (title), TRUE);
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_widget_add_css_class (title, "title-2");
  gtk_accessible_update_property (GTK_ACCESSIBLE (title), GTK_ACCESSIBLE_PROPERTY_LEVEL, 2, -1);
  gtk_box_append (GTK_BOX (self->box), title);

  intro = gtk_label_new (_("The client was saved on the server after you started editing. "
                           "Choose which value to keep where you both changed a field; nothing "
                           "is sent until you review the result and save."));
  gtk_label_set_wrap (GTK_LABEL (intro), TRUE);
  gtk_label_set_xalign (GTK_LABEL (intro), 0);
  gtk_box_append (GTK_BOX (self->box), intro);

  self->groups = gtk_box_new (GTK_ORIENTATION_VERTICAL, 24);
  gtk_box_append (GTK_BOX (self->box), self->groups);
}

GtkWidget *
dossier_conflict_view_new (void)
{
  return g_object_new (DOSSIER_TYPE_CONFLICT_VIEW, NULL);
}

static GtkWidget *
choice_row (const char *title,
            const char *value,
            GtkWidget  *check)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), value);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), title);
  gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
  return row;
}

static void
add_conflict (DossierConflictView       *self,
              const DossierClientChange *theirs_change,
              const char                *mine_value)
{
  GtkWidget *group = adw_preferences_group_new ();
  GtkWidget *theirs_check = gtk_check_button_new ();
  GtkWidget *mine_check = gtk_check_button_new ();
  g_autofree char *theirs_text = dossier_client_field_format_value (theirs_change->field, theirs_change->after);
  g_autofree char *mine_text = dossier_client_field_format_value (theirs_change->field, mine_value);
  g_autofree char *base_text = dossier_client_field_format_value (theirs_change->field, theirs_change->before);
  g_autofree char *description = NULL;
  g_autofree char *theirs_label = NULL;
  g_autofree char *mine_label = NULL;

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), theirs_change->label);
  /* Translators: the field's value when the edit started */
  description = g_strdup_printf (_("Was “%s” when you started"), base_text);
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), description);

  gtk_check_button_set_group (GTK_CHECK_BUTTON (mine_check), GTK_CHECK_BUTTON (theirs_check));
  gtk_check_button_set_active (GTK_CHECK_BUTTON (theirs_check), TRUE);
  /* Translators: field name; the choice to keep the value saved on the server */
  theirs_label = g_strdup_printf (_("Keep the server’s %s: %s"), theirs_change->label, theirs_text);
  /* Translators: field name; the choice to use the value the user typed */
  mine_label = g_strdup_printf (_("Use your %s: %s"), theirs_change->label, mine_text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (theirs_check), GTK_ACCESSIBLE_PROPERTY_LABEL, theirs_label, -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (mine_check), GTK_ACCESSIBLE_PROPERTY_LABEL, mine_label, -1);

  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                             choice_row (_("On the server now"), theirs_text, theirs_check));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                             choice_row (_("Your edit"), mine_text, mine_check));
  self->mine_buttons[theirs_change->field] = mine_check;
  self->theirs_buttons[theirs_change->field] = theirs_check;
  gtk_box_append (GTK_BOX (self->groups), group);
}

void
dossier_conflict_view_set_versions (DossierConflictView *self,
                                    DossierClient       *base,
                                    DossierClient       *mine,
                                    DossierClient       *theirs)
{
  g_autoptr(GPtrArray) theirs_changes = NULL;
  GtkWidget *child;
  GtkWidget *only_theirs = NULL;

  g_return_if_fail (DOSSIER_IS_CONFLICT_VIEW (self));
  g_return_if_fail (DOSSIER_IS_CLIENT (base));
  g_return_if_fail (DOSSIER_IS_CLIENT (mine));
  g_return_if_fail (DOSSIER_IS_CLIENT (theirs));

  while ((child = gtk_widget_get_first_child (self->groups)) != NULL)
    gtk_box_remove (GTK_BOX (self->groups), child);
  memset (self->mine_buttons, 0, sizeof self->mine_buttons);
  memset (self->theirs_buttons, 0, sizeof self->theirs_buttons);
  self->n_conflicts = 0;
  g_set_object (&self->base, base);
  g_set_object (&self->mine, mine);
  g_set_object (&self->theirs, theirs);

  theirs_changes = dossier_client_list_changes (base, theirs);
  for (guint i = 0; i < theirs_changes->len; i++)
    {
      DossierClientChange *change = g_ptr_array_index (theirs_changes, i);
      g_autofree char *base_value = NULL;
      g_autofree char *mine_value = NULL;
      g_autofree char *after = NULL;
      GtkWidget *row;

      if (change->field != DOSSIER_CLIENT_FIELD_NONE)
        {
          base_value = dossier_client_field_get_value (base, change->field);
          mine_value = dossier_client_field_get_value (mine, change->field);
          if (!g_str_equal (base_value, mine_value) && !g_str_equal (mine_value, change->after))
            {
              add_conflict (self, change, mine_value);
              self->n_conflicts++;
              continue;
            }
        }

      if (only_theirs == NULL)
        {
          only_theirs = adw_preferences_group_new ();
          adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (only_theirs),
                                           _("Changed Only on the Server"));
          adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (only_theirs),
                                                 _("You did not edit these; the server’s values are kept."));
        }
      row = adw_action_row_new ();
      after = change->field != DOSSIER_CLIENT_FIELD_NONE
              ? dossier_client_field_format_value (change->field, change->after)
              : g_strdup (*change->after != '\0' ? change->after : _("Removed"));
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), change->label);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), after);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 3);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (only_theirs), row);
    }

  if (only_theirs != NULL)
    gtk_box_append (GTK_BOX (self->groups), only_theirs);
}

guint
dossier_conflict_view_get_n_conflicts (DossierConflictView *self)
{
  g_return_val_if_fail (DOSSIER_IS_CONFLICT_VIEW (self), 0);

  return self->n_conflicts;
}

void
dossier_conflict_view_choose_mine (DossierConflictView *self,
                                   DossierClientField   field,
                                   gboolean             mine)
{
  g_return_if_fail (DOSSIER_IS_CONFLICT_VIEW (self));
  g_return_if_fail (field < DOSSIER_CLIENT_N_FIELDS);

  if (self->mine_buttons[field] == NULL)
    return;
  gtk_check_button_set_active (GTK_CHECK_BUTTON (mine ? self->mine_buttons[field]
                                                      : self->theirs_buttons[field]), TRUE);
}

DossierClient *
dossier_conflict_view_build_merged (DossierConflictView *self)
{
  DossierClient *merged;

  g_return_val_if_fail (DOSSIER_IS_CONFLICT_VIEW (self), NULL);
  g_return_val_if_fail (self->theirs != NULL, NULL);

  merged = dossier_client_copy (self->theirs);
  for (guint i = 0; i < DOSSIER_CLIENT_N_FIELDS; i++)
    {
      g_autofree char *mine_value = dossier_client_field_get_value (self->mine, i);
      g_autofree char *base_value = dossier_client_field_get_value (self->base, i);

      if (self->mine_buttons[i] != NULL)
        {
          if (gtk_check_button_get_active (GTK_CHECK_BUTTON (self->mine_buttons[i])))
            dossier_client_field_set_value (merged, i, mine_value);
        }
      else if (!g_str_equal (mine_value, base_value))
        dossier_client_field_set_value (merged, i, mine_value);
    }
  return merged;
}
