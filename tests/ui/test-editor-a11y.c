/* test-editor-a11y.c — accessible names and states of the client editor, the conflict
 * view, the sandbox banner and Preferences, read back through GTK's test AT context
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A binary of its own: GTK_A11Y=test must be set before GTK starts (TESTING.md §8).
 */
#include "config.h"

#include <adwaita.h>

#include "dossier-api.h"
#include "dossier-client-editor.h"
#include "dossier-conflict-view.h"
#include "dossier-ui-test-utils.h"

static void
test_a11y_form (void)
{
  g_autoptr(DossierApi) api = dossier_api_new ("http://127.0.0.1:9", "unused-key");
  DossierClientEditor *editor = dossier_client_editor_new (NULL, api, NULL, NULL);
  DossierClientForm *form = dossier_client_editor_get_form (editor);
  GtkWidget *first = dossier_client_form_get_row (form, DOSSIER_CLIENT_FIELD_FIRST_NAME);
  GtkWidget *focus;

  gtk_window_present (GTK_WINDOW (editor));
  g_assert_true (dossier_test_wait_for_draw (GTK_WIDGET (editor)));

  /* Every field is named by its label, required ones say so. */
  for (guint i = 0; i < DOSSIER_CLIENT_N_FIELDS; i++)
    {
      GtkWidget *row = dossier_client_form_get_row (form, i);

      gtk_test_accessible_assert_property (row, GTK_ACCESSIBLE_PROPERTY_LABEL, dossier_client_field_get_label (i));
      gtk_test_accessible_assert_property (row, GTK_ACCESSIBLE_PROPERTY_REQUIRED,
                                           dossier_client_field_is_required (i));
    }
  gtk_test_accessible_assert_property (dossier_client_form_get_country_dropdown (form),
                                       GTK_ACCESSIBLE_PROPERTY_LABEL, "Country");
  gtk_test_accessible_assert_property (dossier_client_form_get_calendar_button (form),
                                       GTK_ACCESSIBLE_PROPERTY_LABEL, "Choose the date of birth from a calendar");

  /* A wrong field is marked invalid and described by its message, not by colour alone. */
  gtk_test_accessible_assert_state (first, GTK_ACCESSIBLE_STATE_INVALID, GTK_ACCESSIBLE_INVALID_FALSE);
  g_assert_false (dossier_client_form_check_all (form));
  gtk_test_accessible_assert_state (first, GTK_ACCESSIBLE_STATE_INVALID, GTK_ACCESSIBLE_INVALID_TRUE);
  gtk_test_accessible_assert_property (first, GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, "This is required.");

  /* check_all puts the focus on the first wrong field. */
  focus = gtk_window_get_focus (GTK_WINDOW (editor));
  g_assert_nonnull (focus);
  g_assert_true (focus == first || gtk_widget_is_ancestor (focus, first));

  /* Tab moves on to the next field, in form order. */
  g_assert_true (gtk_widget_child_focus (GTK_WIDGET (editor), GTK_DIR_TAB_FORWARD));
  focus = gtk_window_get_focus (GTK_WINDOW (editor));
  g_assert_false (focus == first || gtk_widget_is_ancestor (focus, first));

  dossier_client_form_set_text (form, DOSSIER_CLIENT_FIELD_FIRST_NAME, "Ana");
  gtk_test_accessible_assert_state (first, GTK_ACCESSIBLE_STATE_INVALID, GTK_ACCESSIBLE_INVALID_FALSE);

  gtk_window_destroy (GTK_WINDOW (editor));
}

static void
test_a11y_conflict (void)
{
  g_autoptr(DossierClient) base = dossier_client_new ();
  g_autoptr(DossierClient) mine = NULL;
  g_autoptr(DossierClient) theirs = NULL;
  g_autoptr(DossierClient) merged = NULL;
  GtkWidget *window = gtk_window_new ();
  GtkWidget *view = dossier_conflict_view_new ();
  GtkWidget *check = NULL;

  dossier_client_set_city (base, "Del Viso");
  dossier_client_set_email (base, "a@example.com");
  mine = dossier_client_copy (base);
  theirs = dossier_client_copy (base);
  dossier_client_set_city (mine, "Tandil");
  dossier_client_set_city (theirs, "Pilar");
  dossier_client_set_email (theirs, "b@example.com");

  gtk_window_set_child (GTK_WINDOW (window), view);
  dossier_conflict_view_set_versions (DOSSIER_CONFLICT_VIEW (view), base, mine, theirs);
  g_assert_cmpuint (dossier_conflict_view_get_n_conflicts (DOSSIER_CONFLICT_VIEW (view)), ==, 1);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (dossier_test_wait_for_draw (window));

  /* Each choice names the field and the value it keeps. */
  for (GtkWidget *w = gtk_widget_get_first_child (view); w != NULL;)
    {
      if (GTK_IS_CHECK_BUTTON (w) && check == NULL)
        check = w;
      if (gtk_widget_get_first_child (w) != NULL)
        w = gtk_widget_get_first_child (w);
      else
        {
          while (w != NULL && w != view && gtk_widget_get_next_sibling (w) == NULL)
            w = gtk_widget_get_parent (w);
          w = (w == NULL || w == view) ? NULL : gtk_widget_get_next_sibling (w);
        }
    }
  g_assert_nonnull (check);
  gtk_test_accessible_assert_property (check, GTK_ACCESSIBLE_PROPERTY_LABEL, "Keep the server’s City: Pilar");

  /* The server's value is chosen unless the user picks theirs. */
  merged = dossier_conflict_view_build_merged (DOSSIER_CONFLICT_VIEW (view));
  g_assert_cmpstr (dossier_client_get_city (merged), ==, "Pilar");
  g_assert_cmpstr (dossier_client_get_email (merged), ==, "b@example.com");
  g_clear_object (&merged);
  dossier_conflict_view_choose_mine (DOSSIER_CONFLICT_VIEW (view), DOSSIER_CLIENT_FIELD_CITY, TRUE);
  merged = dossier_conflict_view_build_merged (DOSSIER_CONFLICT_VIEW (view));
  g_assert_cmpstr (dossier_client_get_city (merged), ==, "Tandil");
  g_assert_cmpstr (dossier_client_get_email (merged), ==, "b@example.com");

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_a11y_editor_buttons (void)
{
  g_autoptr(DossierApi) api = dossier_api_new ("http://127.0.0.1:9", "unused-key");
  DossierClientEditor *editor = dossier_client_editor_new (NULL, api, NULL, NULL);
  GtkWidget *primary = (GtkWidget *) gtk_widget_get_template_child (GTK_WIDGET (editor), DOSSIER_TYPE_CLIENT_EDITOR, "primary_button");
  GtkWidget *cancel = (GtkWidget *) gtk_widget_get_template_child (GTK_WIDGET (editor), DOSSIER_TYPE_CLIENT_EDITOR, "cancel_button");

  gtk_test_accessible_assert_role (primary, GTK_ACCESSIBLE_ROLE_BUTTON);
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (primary)), ==, "C_reate");
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (cancel)), ==, "_Cancel");
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (editor)), ==, "New Client");
  gtk_window_destroy (GTK_WINDOW (editor));
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("GTK_A11Y", "test", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/dossier/ui/editor-a11y/form", test_a11y_form);
  g_test_add_func ("/dossier/ui/editor-a11y/conflict", test_a11y_conflict);
  g_test_add_func ("/dossier/ui/editor-a11y/editor-buttons", test_a11y_editor_buttons);

  return g_test_run ();
}
