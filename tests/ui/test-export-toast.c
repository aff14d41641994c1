/* test-export-toast.c — where Export Dossier… starts, and the toast's Open button
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The save chooser starts in the user's Documents folder (home when there is none) with
 * "Dossier – <client name> – <date>.pdf"; the success toast has an Open button that
 * opens the exported file (the launch itself is replaced by a record of the URI: no app
 * is started under test); a failed export's toast has no button.
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>

#include "audit-test-flow.h"
#include "dossier-journal-actions.h"
#include "dossier-ui-test-utils.h"

static char *config_dir;
static char *documents_dir;

#include "journal-actions-test-host.h"

static gboolean
export_done (gpointer data)
{
  return g_object_get_data (G_OBJECT (data), "dossier-journal-actions-last-export") != NULL;
}

static gboolean
never (gpointer data)
{
  return FALSE;
}

static GFile *
chooser_folder (GtkWidget *host)
{
  GtkNativeDialog *chooser = g_object_get_data (G_OBJECT (host), "dossier-journal-actions-chooser");
  GFile *folder;

  g_assert_nonnull (chooser);
  /* Kept on the chooser: a hidden one does not load it (see dossier-journal-actions.c). */
  folder = g_object_get_data (G_OBJECT (chooser), "dossier-start-folder");
  g_assert_nonnull (folder);
  return g_object_ref (folder);
}

static void
test_export_toast (void)
{
  AuditFlow flow = { 0 };
  AdwWindow *window;
  GtkWidget *overlay;
  TestHost *host;
  g_autoptr(GFile) folder = NULL;
  g_autoptr(GFile) documents = g_file_new_for_path (documents_dir);
  g_autoptr(GFile) home = g_file_new_for_path (g_get_home_dir ());
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *day = g_date_time_format (now, "%Y-%m-%d");
  g_autofree char *expected_name = NULL;
  g_autofree char *name = NULL;
  g_autofree char *pdf = NULL;
  g_autofree char *uri = NULL;
  g_autofree char *bad_uri = NULL;
  g_autofree char *shot = NULL;
  GtkNativeDialog *chooser;
  AdwToast *toast;

  audit_flow_run (&flow, "export-toast-key", FALSE);

  window = g_object_new (ADW_TYPE_WINDOW, "title", "Export toast", "default-width", 520,
                         "default-height", 240, NULL);
  overlay = adw_toast_overlay_new ();
  host = g_object_new (TEST_TYPE_HOST, NULL);
  adw_bin_set_child (ADW_BIN (host), gtk_label_new ("Maria Julia Barber"));
  adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (overlay), GTK_WIDGET (host));
  adw_window_set_content (window, overlay);
  dossier_journal_actions_set_context (GTK_WIDGET (host), flow.journal, NULL, "Test account");
  g_object_set (host, "client", flow.client, NULL);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (dossier_test_wait_for_draw (GTK_WIDGET (window)));

  /* No Documents folder yet: the chooser starts at home. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (host), "client.export-pdf", NULL));
  folder = chooser_folder (GTK_WIDGET (host));
  g_assert_true (g_file_equal (folder, home));
  g_clear_object (&folder);

  /* With one, it starts there, with the client's name and today's date. */
  g_assert_cmpint (g_mkdir_with_parents (documents_dir, 0700), ==, 0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (host), "client.export-pdf", NULL));
  folder = chooser_folder (GTK_WIDGET (host));
  g_assert_true (g_file_equal (folder, documents));
  chooser = g_object_get_data (G_OBJECT (host), "dossier-journal-actions-chooser");
  name = gtk_file_chooser_get_current_name (GTK_FILE_CHOOSER (chooser));
  expected_name = g_strdup_printf ("Dossier – Maria Julia Barber – %s.pdf", day);
  g_assert_cmpstr (name, ==, expected_name);
  g_clear_pointer (&name, g_free);
  g_clear_pointer (&expected_name, g_free);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (host), "client.export-json", NULL));
  chooser = g_object_get_data (G_OBJECT (host), "dossier-journal-actions-chooser");
  name = gtk_file_chooser_get_current_name (GTK_FILE_CHOOSER (chooser));
  expected_name = g_strdup_printf ("Dossier – Maria Julia Barber – %s.json", day);
  g_assert_cmpstr (name, ==, expected_name);
  g_object_set_data (G_OBJECT (host), "dossier-journal-actions-chooser", NULL);

  /* Exported: the toast says where, and its Open button opens that file. */
  pdf = g_build_filename (documents_dir, "Dossier – Maria Julia Barber.pdf", NULL);
  uri = g_filename_to_uri (pdf, NULL, NULL);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (host), "client.export-pdf-to", "s", uri));
  g_assert_true (dossier_test_wait_until (export_done, host, 30000));
  g_assert_cmpint (GPOINTER_TO_INT (g_object_get_data (G_OBJECT (host), "dossier-journal-actions-last-export")),
                   ==, 1);
  g_assert_true (g_file_test (pdf, G_FILE_TEST_IS_REGULAR));
  toast = g_object_get_data (G_OBJECT (host), "dossier-journal-actions-last-toast");
  g_assert_nonnull (toast);
  g_assert_cmpstr (adw_toast_get_title (toast), ==, "Dossier exported to “Dossier – Maria Julia Barber.pdf”");
  g_assert_cmpstr (adw_toast_get_button_label (toast), ==, "_Open");
  g_assert_null (g_object_get_data (G_OBJECT (host), "dossier-journal-actions-opened"));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  dossier_test_wait_until (never, NULL, 400);  /* the toast slides in */
  shot = dossier_test_save_screenshot (GTK_WIDGET (window), "export-toast");
  g_test_message ("screenshot: %s", shot);
  g_signal_emit_by_name (toast, "button-clicked");
  g_assert_cmpstr (g_object_get_data (G_OBJECT (host), "dossier-journal-actions-opened"), ==, uri);

  /* Failed: the reason, and nothing to open. */
  g_object_set_data (G_OBJECT (host), "dossier-journal-actions-last-export", NULL);
  bad_uri = g_strconcat (uri, ".missing/dossier.pdf", NULL);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (host), "client.export-pdf-to", "s", bad_uri));
  g_assert_true (dossier_test_wait_until (export_done, host, 30000));
  g_assert_cmpint (GPOINTER_TO_INT (g_object_get_data (G_OBJECT (host), "dossier-journal-actions-last-export")),
                   ==, -1);
  toast = g_object_get_data (G_OBJECT (host), "dossier-journal-actions-last-toast");
  g_assert_true (g_str_has_prefix (adw_toast_get_title (toast), "The dossier could not be exported: "));
  g_assert_null (adw_toast_get_button_label (toast));

  gtk_window_destroy (GTK_WINDOW (window));
  g_remove (pdf);
  audit_flow_clear (&flow);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *dirs_file = NULL;
  g_autofree char *dirs = NULL;
  int status;

  /* A Documents folder of our own, before anything reads (and caches) the user dirs. */
  config_dir = g_dir_make_tmp ("dossier-export-toast-XXXXXX", NULL);
  g_assert_nonnull (config_dir);
  documents_dir = g_build_filename (config_dir, "Papers", NULL);
  dirs_file = g_build_filename (config_dir, "user-dirs.dirs", NULL);
  dirs = g_strdup_printf ("XDG_DOCUMENTS_DIR=\"%s\"\n", documents_dir);
  g_assert_true (g_file_set_contents (dirs_file, dirs, -1, NULL));
  g_setenv ("XDG_CONFIG_HOME", config_dir, TRUE);

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  g_reload_user_special_dirs_cache ();
  dossier_journal_actions_set_chooser_hidden (TRUE);
  dossier_journal_actions_set_launch_hidden (TRUE);

  g_test_add_func ("/dossier/ui/audit-export/toast-open", test_export_toast);
  status = g_test_run ();

  g_rmdir (documents_dir);
  g_remove (dirs_file);
  g_rmdir (config_dir);
  return status;
}
