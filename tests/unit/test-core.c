/* test-core.c — process-wide facts of the core layer, and the test isolation they rely on
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gstdio.h>
#include <gio/gio.h>

#include "dossier-core.h"

static void
test_core_user_agent (void)
{
  g_assert_cmpstr (dossier_core_user_agent (), ==, "Dossier/0.1.0");
  g_assert_cmpstr (dossier_core_user_agent (), ==, "Dossier/" PACKAGE_VERSION);
}

static void
test_core_isolated (void)
{
  const char *tmp = g_getenv ("DOSSIER_TEST_TMPDIR");

  /* tests/isolate.sh gives every test its own throwaway XDG folders. */
  g_assert_nonnull (tmp);
  g_assert_true (g_str_has_prefix (g_get_user_data_dir (), tmp));
  g_assert_true (g_str_has_prefix (g_get_user_config_dir (), tmp));
  g_assert_true (g_str_has_prefix (g_get_home_dir (), tmp));
}

static void
test_core_data_dir (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *again = NULL;
  GStatBuf st;

  dir = dossier_core_data_dir (&error);
  g_assert_no_error (error);
  g_assert_nonnull (dir);
  g_assert_true (g_str_has_prefix (dir, g_get_user_data_dir ()));
  g_assert_true (g_str_has_suffix (dir, "/dossier"));
  g_assert_cmpint (g_stat (dir, &st), ==, 0);
  g_assert_true (S_ISDIR (st.st_mode));
  g_assert_cmpint (st.st_mode & 0777, ==, 0700);

  /* Asking again finds the same folder. */
  again = dossier_core_data_dir (&error);
  g_assert_no_error (error);
  g_assert_cmpstr (again, ==, dir);
}

static void
test_core_data_dir_error (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *blocker = g_build_filename (g_get_user_data_dir (), "dossier", NULL);

  /* A plain file where the folder should go: a clear error, no crash. */
  g_rmdir (blocker);
  g_mkdir_with_parents (g_get_user_data_dir (), 0700);
  g_assert_true (g_file_set_contents (blocker, "x", 1, NULL));

  dir = dossier_core_data_dir (&error);
  g_assert_null (dir);
  g_assert_nonnull (error);
  g_assert_true (error->domain == G_IO_ERROR);
  g_assert_nonnull (strstr (error->message, blocker));

  g_assert_cmpint (g_unlink (blocker), ==, 0);
}

/* ./build-aux/dev run points DOSSIER_LOCALEDIR at the build's catalogues; a Flatpak never. */
static void
test_core_locale_dir (void)
{
  g_assert_cmpstr (dossier_core_locale_dir_for (NULL, FALSE), ==, LOCALEDIR);
  g_assert_cmpstr (dossier_core_locale_dir_for ("", FALSE), ==, LOCALEDIR);
  g_assert_cmpstr (dossier_core_locale_dir_for ("/build/po", FALSE), ==, "/build/po");
  g_assert_cmpstr (dossier_core_locale_dir_for ("/build/po", TRUE), ==, LOCALEDIR);

  g_setenv ("DOSSIER_LOCALEDIR", "/somewhere/po", TRUE);
  if (!g_file_test ("/.flatpak-info", G_FILE_TEST_EXISTS))
    g_assert_cmpstr (dossier_core_locale_dir (), ==, "/somewhere/po");
  g_unsetenv ("DOSSIER_LOCALEDIR");
  g_assert_cmpstr (dossier_core_locale_dir (), ==, LOCALEDIR);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/dossier/core/user-agent", test_core_user_agent);
  g_test_add_func ("/dossier/core/isolated", test_core_isolated);
  g_test_add_func ("/dossier/core/data-dir", test_core_data_dir);
  g_test_add_func ("/dossier/core/data-dir-error", test_core_data_dir_error);
  g_test_add_func ("/dossier/core/locale-dir", test_core_locale_dir);

  return g_test_run ();
}
