/* main.c — binds gettext and runs DossierApplication
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "dossier-application.h"
#include "dossier-core.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(DossierApplication) app = NULL;

  setlocale (LC_ALL, "");
  /* The installed catalogues, or the build's when ./build-aux/dev runs Dossier uninstalled. */
  bindtextdomain (GETTEXT_PACKAGE, dossier_core_locale_dir ());
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  g_set_application_name (_("Dossier"));

  app = dossier_application_new (APPLICATION_ID, G_APPLICATION_DEFAULT_FLAGS);

  return g_application_run (G_APPLICATION (app), argc, argv);
}
