/* dossier-core.c — process-wide facts of the core layer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <gio/gio.h>

#include "dossier-core.h"

/**
 * dossier_core_user_agent:
 *
 * Returns: the `User-Agent` every request of Dossier carries, `Dossier/<version>`.
 */
const char *
dossier_core_user_agent (void)
{
  return "Dossier/" PACKAGE_VERSION;
}

/**
 * dossier_core_data_dir:
 * @error: return location for a #GError
 *
 * Returns the folder where Dossier keeps its data (journal, embedded sandbox
 * state) inside the user's XDG data directory, creating it with mode 0700
 * when it does not exist yet.
 *
 * Returns: (transfer full): the folder path, or %NULL with @error set
 */
char *
dossier_core_data_dir (GError **error)
{
  g_autofree char *dir = g_build_filename (g_get_user_data_dir (), "dossier", NULL);

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   "Could not create %s: %s", dir, g_strerror (saved_errno));
      return NULL;
    }

  return g_steal_pointer (&dir);
}

/**
 * dossier_core_locale_dir_for:
 * @override: (nullable): the folder a developer asked for (`DOSSIER_LOCALEDIR`)
 * @sandboxed: whether Dossier runs inside Flatpak
 *
 * The folder gettext reads Dossier's catalogues from: @override when it is set and Dossier
 * is not sandboxed (`./build-aux/dev run` points it at the build's `po/`, so an uninstalled
 * Dossier shows its translations), else the installed `LOCALEDIR`. A Flatpak never honours
 * @override: what it shows is what it ships.
 *
 * Returns: (transfer none): a folder path
 */
const char *
dossier_core_locale_dir_for (const char *override,
                             gboolean    sandboxed)
{
  if (override != NULL && *override != '\0' && !sandboxed)
    return override;
  return LOCALEDIR;
}

/**
 * dossier_core_locale_dir:
 *
 * dossier_core_locale_dir_for() for this process: `DOSSIER_LOCALEDIR`, and Flatpak told
 * by its `/.flatpak-info`.
 *
 * Returns: (transfer none): a folder path
 */
const char *
dossier_core_locale_dir (void)
{
  return dossier_core_locale_dir_for (g_getenv ("DOSSIER_LOCALEDIR"),
                                      g_file_test ("/.flatpak-info", G_FILE_TEST_EXISTS));
}
