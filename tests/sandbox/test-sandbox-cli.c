/* test-sandbox-cli.c — the `dossier-sandbox` command (CONTRACT.md §14)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Spawns the built binary ($DOSSIER_SANDBOX_BIN) and checks its output, exit
 * statuses and signal handling.
 */
#include "config.h"

#include <signal.h>
#include <string.h>

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

static gboolean
watchdog_cb (gpointer user_data)
{
  g_error ("watchdog: the CLI test hung");
  return G_SOURCE_REMOVE;
}

static GSubprocess *
spawn (const char * const *args)
{
  const char *bin = g_getenv ("DOSSIER_SANDBOX_BIN");
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  GSubprocess *process;

  g_assert_nonnull (bin);
  g_ptr_array_add (argv, (gpointer) bin);
  for (guint i = 0; args[i]; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);
  process = g_subprocess_newv ((const char * const *) argv->pdata,
                               G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE, &error);
  g_assert_no_error (error);
  return process;
}

/* Runs to completion; returns the exit status; stdout/stderr into out/err. */
static int
run (const char * const *args,
     char              **out,
     char              **err)
{
  g_autoptr(GSubprocess) process = spawn (args);
  g_autoptr(GError) error = NULL;

  g_assert_true (g_subprocess_communicate_utf8 (process, NULL, NULL, out, err, &error));
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));
  return g_subprocess_get_exit_status (process);
}

static void
assert_exit (int                 expected,
             const char * const *args)
{
  g_autofree char *out = NULL, *err = NULL;
  int status = run (args, &out, &err);

  g_test_message ("%s → %d: %s", args[0], status, err);
  g_assert_cmpint (status, ==, expected);
  g_assert_cmpstr (out, ==, "");
  g_assert_cmpuint (strlen (err), >, 0);
}

typedef struct
{
  char     *line;
  gboolean  done;
} LineRead;

static void
line_read_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  LineRead *read = user_data;

  read->line = g_data_input_stream_read_line_finish_utf8 (G_DATA_INPUT_STREAM (object), result, NULL, NULL);
  read->done = TRUE;
}

/* Starts a server, returns it and its first stdout line. */
static GSubprocess *
start_server (const char * const *args,
              GDataInputStream  **stdout_stream,
              char              **line)
{
  GSubprocess *process = spawn (args);
  LineRead read = { NULL, FALSE };

  *stdout_stream = g_data_input_stream_new (g_subprocess_get_stdout_pipe (process));
  g_data_input_stream_read_line_async (*stdout_stream, G_PRIORITY_DEFAULT, NULL, line_read_cb, &read);
  while (!read.done)
    g_main_context_iteration (NULL, TRUE);
  *line = read.line;
  return process;
}

static guint
port_of (const char *line)
{
  g_autoptr(GRegex) regex = g_regex_new ("^listening on http://127\\.0\\.0\\.1:([0-9]+)$", 0, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;
  g_autofree char *port = NULL;

  g_assert_nonnull (line);
  g_assert_true (g_regex_match (regex, line, 0, &match));
  port = g_match_info_fetch (match, 1);
  return (guint) g_ascii_strtoull (port, NULL, 10);
}

/* Everything left on stream until EOF ("" when nothing). */
static char *
read_all (GInputStream *stream)
{
  g_autoptr(GString) text = g_string_new (NULL);
  char buffer[4096];
  gssize n;

  while ((n = g_input_stream_read (stream, buffer, sizeof buffer, NULL, NULL)) > 0)
    g_string_append_len (text, buffer, n);
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static int
terminate (GSubprocess      *process,
           GDataInputStream *stream,
           char            **rest)
{
  g_autoptr(GError) error = NULL;

  g_subprocess_send_signal (process, SIGTERM);
  g_assert_true (g_subprocess_wait (process, NULL, &error));
  g_assert_no_error (error);
  /* nothing else on stdout */
  *rest = read_all (G_INPUT_STREAM (stream));
  g_assert_true (g_subprocess_get_if_exited (process));
  return g_subprocess_get_exit_status (process);
}

static guint
http (guint       port,
      const char *method,
      const char *path,
      const char *key,
      const char *body,
      char      **reply)
{
  g_autoptr(SoupSession) session = soup_session_new_with_options ("timeout", 10, NULL);
  g_autofree char *url = g_strdup_printf ("http://127.0.0.1:%u%s", port, path);
  g_autoptr(SoupMessage) msg = soup_message_new (method, url);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;

  soup_message_headers_append (soup_message_get_request_headers (msg), "x-api-key", key);
  if (body != NULL)
    {
      g_autoptr(GBytes) b = g_bytes_new (body, strlen (body));

      soup_message_set_request_body_from_bytes (msg, "application/json", b);
    }
  bytes = soup_session_send_and_read (session, msg, NULL, &error);
  g_assert_no_error (error);
  if (reply != NULL)
    *reply = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  return soup_message_get_status (msg);
}

static void
test_listening_line (void)
{
  const char *args[] = { "--port", "0", "--api-key", "cli-key:3", NULL };
  g_autoptr(GDataInputStream) stream = NULL;
  g_autofree char *line = NULL, *rest = NULL;
  g_autoptr(GSubprocess) process = start_server (args, &stream, &line);
  guint port = port_of (line);

  g_assert_cmpuint (port, >, 0);
  g_assert_cmpuint (http (port, "GET", "/management/clients/individuals", "cli-key", NULL, NULL), ==, 200);
  g_assert_cmpuint (http (port, "GET", "/management/clients/individuals", "sandbox-key", NULL, NULL), ==, 401);
  g_assert_cmpint (terminate (process, stream, &rest), ==, 0);
  g_assert_cmpstr (rest, ==, "");
}

static void
test_version_and_help (void)
{
  const char *version[] = { "--version", NULL };
  const char *help[] = { "--help", NULL };
  g_autofree char *out = NULL, *err = NULL, *hout = NULL, *herr = NULL;

  g_assert_cmpint (run (version, &out, &err), ==, 0);
  g_assert_cmpstr (out, ==, "dossier-sandbox " PACKAGE_VERSION "\n");
  g_assert_cmpint (run (help, &hout, &herr), ==, 0);
  g_assert_nonnull (strstr (hout, "--api-key"));
  g_assert_nonnull (strstr (hout, "--review-delay"));
}

static void
test_bad_command_lines (void)
{
  const char *a1[] = { "--api-key", "KEY:0", NULL };
  const char *a2[] = { "--api-key", "KEY:10", NULL };
  const char *a3[] = { "--api-key", "has space", NULL };
  const char *a4[] = { "--review-delay", "-1", NULL };
  const char *a5[] = { "--review-delay", "soon", NULL };
  const char *a6[] = { "--rate-limit", "-3", NULL };
  const char *a7[] = { "--port", "70000", NULL };
  const char *a8[] = { "--frobnicate", NULL };
  const char *a9[] = { "extra", NULL };
  const char * const *cases[] = { a1, a2, a3, a4, a5, a6, a7, a8, a9 };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    assert_exit (2, cases[i]);
}

static void
test_invalid_files (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("dossier-cli-XXXXXX", &error);
  g_autofree char *catalogue = g_build_filename (dir, "catalogue.json", NULL);
  g_autofree char *state = g_build_filename (dir, "state.json", NULL);
  g_autofree char *missing = g_build_filename (dir, "no-such-dir", "state.json", NULL);
  const char *c1[] = { "--catalogue", catalogue, NULL };
  const char *c2[] = { "--catalogue", "/nonexistent/catalogue.json", NULL };
  const char *s1[] = { "--state", state, NULL };
  const char *s2[] = { "--state", missing, NULL };

  g_assert_no_error (error);
  g_assert_true (g_file_set_contents (catalogue, "{\"format\": \"dossier-sandbox-catalogue\", \"version\": 2}", -1, NULL));
  g_assert_true (g_file_set_contents (state, "[[[", -1, NULL));
  assert_exit (2, c1);
  assert_exit (2, c2);
  assert_exit (2, s1);
  /* a state file that cannot be written is a runtime failure */
  assert_exit (1, s2);
  g_unlink (catalogue);
  g_unlink (state);
  g_rmdir (dir);
}

static void
test_port_in_use (void)
{
  g_autoptr(GSocketListener) listener = g_socket_listener_new ();
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) effective = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *port = NULL;

  g_assert_true (g_socket_listener_add_address (listener, address, G_SOCKET_TYPE_STREAM,
                                                G_SOCKET_PROTOCOL_TCP, NULL, &effective, &error));
  g_assert_no_error (error);
  port = g_strdup_printf ("%u", g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (effective)));
  {
    const char *args[] = { "--port", port, NULL };
    assert_exit (1, args);
  }
  g_socket_listener_close (listener);
}

static void
test_sigterm_saves_state (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("dossier-cli-XXXXXX", &error);
  g_autofree char *state = g_build_filename (dir, "state.json", NULL);
  const char *args[] = { "--port", "0", "--state", state, "--verbose", NULL };
  g_autoptr(GDataInputStream) stream = NULL, stream2 = NULL;
  g_autofree char *line = NULL, *line2 = NULL, *reply = NULL, *rest = NULL, *rest2 = NULL;
  g_autofree char *contents = NULL, *path = NULL, *err = NULL;
  g_autoptr(GSubprocess) process = start_server (args, &stream, &line);
  g_autoptr(GSubprocess) again = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  const char *id;
  guint port = port_of (line);

  g_assert_no_error (error);
  g_assert_cmpuint (http (port, "POST", "/management/clients/individuals", "sandbox-key",
                          "{\"first_name\": \"Ana\", \"last_name\": \"Cli\", \"email\": \"cli@example.com\","
                          " \"birth_date\": \"1990-01-01\", \"address\": {\"street_line1\": \"A\", \"city\": \"B\","
                          " \"country\": \"ARG\"}}", &reply), ==, 200);
  g_assert_true (json_parser_load_from_data (parser, reply, -1, &error));
  id = json_object_get_string_member (json_node_get_object (json_parser_get_root (parser)), "id");
  g_assert_cmpint (terminate (process, stream, &rest), ==, 0);
  g_assert_cmpstr (rest, ==, "");

  /* --verbose: one line per request on stderr, never the key */
  err = read_all (g_subprocess_get_stderr_pipe (process));
  g_assert_nonnull (strstr (err, "POST /management/clients/individuals 200 "));
  g_assert_nonnull (strstr (err, "trace="));
  g_assert_null (strstr (err, "sandbox-key"));

  g_assert_true (g_file_get_contents (state, &contents, NULL, &error));
  g_assert_nonnull (strstr (contents, id));

  /* the same file serves the same client */
  again = start_server (args, &stream2, &line2);
  path = g_strdup_printf ("/management/clients/individuals/%s", id);
  g_assert_cmpuint (http (port_of (line2), "GET", path, "sandbox-key", NULL, NULL), ==, 200);
  g_assert_cmpint (terminate (again, stream2, &rest2), ==, 0);

  g_unlink (state);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_timeout_add_seconds (60, watchdog_cb, NULL);

  g_test_add_func ("/dossier/sandbox/cli/listening-line", test_listening_line);
  g_test_add_func ("/dossier/sandbox/cli/version-and-help", test_version_and_help);
  g_test_add_func ("/dossier/sandbox/cli/bad-command-lines", test_bad_command_lines);
  g_test_add_func ("/dossier/sandbox/cli/invalid-files", test_invalid_files);
  g_test_add_func ("/dossier/sandbox/cli/port-in-use", test_port_in_use);
  g_test_add_func ("/dossier/sandbox/cli/sigterm-saves-state", test_sigterm_saves_state);

  return g_test_run ();
}
