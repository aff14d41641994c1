/* main.c — the `dossier-sandbox` command (CONTRACT.md §14)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A thin front end: options → DossierSandboxConfig → engine + server on the
 * main thread. Exit status 0 after SIGINT/SIGTERM, 1 on a runtime failure
 * (port in use, state file not writable), 2 on a bad command line or an
 * invalid catalogue or state file.
 */
#include "config.h"

#include <signal.h>
#include <stdio.h>

#include <glib-unix.h>

#include "dossier-sandbox-engine.h"
#include "dossier-sandbox-server.h"

#define EXIT_RUNTIME 1
#define EXIT_USAGE   2

static int
usage_error (const char *format,
             ...) G_GNUC_PRINTF (1, 2);

static int
usage_error (const char *format,
             ...)
{
  va_list args;
  g_autofree char *message = NULL;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_printerr ("dossier-sandbox: %s\nTry 'dossier-sandbox --help'.\n", message);
  return EXIT_USAGE;
}

static gboolean
parse_unsigned (const char *text,
                guint64     max,
                guint      *value)
{
  guint64 number;

  if (text == NULL || !g_ascii_isdigit (*text))
    return FALSE;
  if (!g_ascii_string_to_unsigned (text, 10, 0, max, &number, NULL))
    return FALSE;
  *value = (guint) number;
  return TRUE;
}

/* A decimal ≥ 0: digits with an optional fraction ("10", "0.5", "2."). */
static gboolean
parse_seconds (const char *text,
               double     *value)
{
  guint digits = 0, dots = 0;
  char *end = NULL;

  if (text == NULL)
    return FALSE;
  for (const char *p = text; *p; p++)
    {
      if (g_ascii_isdigit (*p))
        digits++;
      else if (*p == '.')
        dots++;
      else
        return FALSE;
    }
  if (digits == 0 || dots > 1)
    return FALSE;
  *value = g_ascii_strtod (text, &end);
  return end != NULL && *end == '\0' && *value >= 0 && *value < 1e9;
}

static int
exit_status_for (const GError *error)
{
  if (error->domain == DOSSIER_SANDBOX_ERROR
      && (error->code == DOSSIER_SANDBOX_ERROR_CONFIG
          || error->code == DOSSIER_SANDBOX_ERROR_CATALOGUE
          || error->code == DOSSIER_SANDBOX_ERROR_STATE))
    return EXIT_USAGE;
  return EXIT_RUNTIME;
}

static gboolean
quit_cb (gpointer user_data)
{
  g_main_loop_quit (user_data);
  return G_SOURCE_REMOVE;
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *port_text = NULL;
  g_autofree char *review_text = NULL;
  g_autofree char *rate_text = NULL;
  g_autofree char *state_file = NULL;
  g_autofree char *catalogue_file = NULL;
  g_auto(GStrv) keys = NULL;
  gboolean no_admin = FALSE, verbose = FALSE, demo = FALSE, version = FALSE;
  GOptionEntry entries[] = {
    { "port", 0, 0, G_OPTION_ARG_STRING, &port_text, "TCP port on 127.0.0.1; 0 picks a free one (default 0)", "N" },
    { "api-key", 0, 0, G_OPTION_ARG_STRING_ARRAY, &keys, "Accepted key with its access level 1-9 (default 3); repeatable", "KEY[:LEVEL]" },
    { "state", 0, 0, G_OPTION_ARG_FILENAME, &state_file, "Load the state from FILE and save it after every change", "FILE" },
    { "review-delay", 0, 0, G_OPTION_ARG_STRING, &review_text, "Seconds a KYC review takes (default 10)", "SECONDS" },
    { "catalogue", 0, 0, G_OPTION_ARG_FILENAME, &catalogue_file, "Product catalogue (default: the built-in one)", "FILE" },
    { "rate-limit", 0, 0, G_OPTION_ARG_STRING, &rate_text, "Requests per second per bucket; 0 disables (default 15)", "N" },
    { "no-admin", 0, 0, G_OPTION_ARG_NONE, &no_admin, "Disable the /_sandbox/ admin API", NULL },
    { "verbose", 0, 0, G_OPTION_ARG_NONE, &verbose, "One line per request on stderr", NULL },
    { "demo", 0, 0, G_OPTION_ARG_NONE, &demo, "Seed demo clients when the state is empty", NULL },
    { "version", 0, 0, G_OPTION_ARG_NONE, &version, "Print the version and exit", NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(DossierSandboxConfig) config = NULL;
  g_autoptr(DossierSandboxEngine) engine = NULL;
  g_autoptr(DossierSandboxServer) server = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  g_autoptr(GError) error = NULL;
  guint port = 0, rate_limit = 15;
  double review_delay = 10;
  int status = 0;

  context = g_option_context_new (NULL);
  g_option_context_set_summary (context,
                                "Serves the CryptoMate individual-clients API contract on 127.0.0.1.");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return usage_error ("%s", error->message);
  if (argc > 1)
    return usage_error ("unexpected argument '%s'", argv[1]);

  if (version)
    {
      fputs ("dossier-sandbox " PACKAGE_VERSION "\n", stdout);
      fflush (stdout);
      return 0;
    }

  if (port_text != NULL && !parse_unsigned (port_text, 65535, &port))
    return usage_error ("--port must be a number from 0 to 65535, not '%s'", port_text);
  if (rate_text != NULL && !parse_unsigned (rate_text, G_MAXUINT32, &rate_limit))
    return usage_error ("--rate-limit must be a whole number ≥ 0, not '%s'", rate_text);
  if (review_text != NULL && !parse_seconds (review_text, &review_delay))
    return usage_error ("--review-delay must be a decimal number of seconds ≥ 0, not '%s'", review_text);

  config = dossier_sandbox_config_new ();
  for (guint i = 0; keys != NULL && keys[i] != NULL; i++)
    if (!dossier_sandbox_config_add_key (config, keys[i], &error))
      return usage_error ("invalid --api-key: %s", error->message);
  dossier_sandbox_config_set_rate_limit (config, rate_limit);
  dossier_sandbox_config_set_review_delay (config, review_delay);
  dossier_sandbox_config_set_admin (config, !no_admin);
  dossier_sandbox_config_set_demo (config, demo);
  dossier_sandbox_config_set_verbose (config, verbose);
  if (state_file != NULL)
    dossier_sandbox_config_set_state_file (config, state_file);
  if (catalogue_file != NULL)
    dossier_sandbox_config_set_catalogue_file (config, catalogue_file);

  engine = dossier_sandbox_engine_new (config, &error);
  if (engine == NULL)
    {
      g_printerr ("dossier-sandbox: %s\n", error->message);
      return exit_status_for (error);
    }

  server = dossier_sandbox_server_new (engine, verbose);
  if (!dossier_sandbox_server_listen (server, port, &error))
    {
      g_printerr ("dossier-sandbox: cannot listen on 127.0.0.1:%u: %s\n", port, error->message);
      return EXIT_RUNTIME;
    }

  loop = g_main_loop_new (NULL, FALSE);
  g_unix_signal_add (SIGINT, quit_cb, loop);
  g_unix_signal_add (SIGTERM, quit_cb, loop);

  printf ("listening on http://127.0.0.1:%u\n", dossier_sandbox_server_get_port (server));
  fflush (stdout);

  g_main_loop_run (loop);

  g_clear_pointer (&server, dossier_sandbox_server_free);
  if (!dossier_sandbox_engine_save (engine, &error))
    {
      g_printerr ("dossier-sandbox: cannot save the state: %s\n", error->message);
      status = EXIT_RUNTIME;
    }
  return status;
}
