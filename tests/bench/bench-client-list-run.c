/* bench-client-list-run.c — launch to the first frame of the window showing 100 000 stored
 * clients, against a minimal AdwApplicationWindow app
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Usage (under Xvfb and a session bus, with a scratch HOME and XDG dirs: see bench-client-list):
 *   bench-client-list-run store N          store N generated clients for the embedded
 *                                          sandbox's account, as the app does (parser, then
 *                                          DossierClientStore)
 *   bench-client-list-run compare RUNS     launch the two apps alternately RUNS times each
 *   bench-client-list-run window | anchor  one launch (used by compare); prints the
 *                                          monotonic time of the first frame, the rows
 *                                          it shows and the main thread's CPU time so far
 * "First frame" of Dossier: the first frame painted after the list model holds its sorted
 * clients with nothing pending, so its layout made, bound and filled the visible rows
 * (checked: at least five rows on screen show a client's name).
 * The stored file is copied back before every launch: the window's refresh from the demo
 * sandbox replaces it. The main thread's CPU time to the first frame is printed beside the
 * wall times: on a loaded machine it is the steadier figure. Not a test: it asserts
 * nothing about the times.
 */
#include "config.h"

#include <adwaita.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "bench-clients.h"
#include "dossier-application.h"
#include "dossier-client-filter-model.h"
#include "dossier-client-row.h"
#include "dossier-client-page.h"
#include "dossier-client-store.h"
#include "dossier-core.h"
#include "dossier-json.h"
#include "dossier-window.h"

typedef struct {
  GtkWidget *window;
  gboolean   ready_at_start;
  gboolean   dossier;
} Launch;

/* The main thread's CPU time: what the launch costs it when other processes share the cores. */
static double
thread_cpu_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/* Rows on screen showing a client: mapped, with the client's name in their first label
 * (rows out of view fill their labels only when they come into view). */
static guint
count_rows (GtkWidget *list_view)
{
  guint n = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (list_view); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *row = gtk_widget_get_first_child (child);
      GtkLabel *name;

      if (!gtk_widget_get_mapped (child) || !DOSSIER_IS_CLIENT_ROW (row))
        continue;
      name = GTK_LABEL (gtk_widget_get_template_child (row, DOSSIER_TYPE_CLIENT_ROW, "name_label"));
      if (*gtk_label_get_label (name) != '\0')
        n++;
    }
  return n;
}

static GtkWidget *
find_widget (GtkWidget *widget,
             GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;
  /* The client page has list views of its own (the timeline): the list is the sidebar's. */
  if (DOSSIER_IS_CLIENT_PAGE (widget))
    return NULL;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
model_ready (Launch *launch)
{
  DossierClientFilterModel *model;

  if (!launch->dossier)
    return TRUE;
  model = dossier_window_get_filter_model (DOSSIER_WINDOW (launch->window));
  return model != NULL && dossier_client_filter_model_get_n_matches (model) >= 100
         && !dossier_client_filter_model_get_pending (model);
}

static void
before_paint_cb (GdkFrameClock *clock,
                 Launch        *launch)
{
  launch->ready_at_start = model_ready (launch);
}

static void
after_paint_cb (GdkFrameClock *clock,
                Launch        *launch)
{
  gint64 now = g_get_monotonic_time ();
  guint rows = 0;

  if (g_getenv ("BENCH_DEBUG") != NULL && launch->dossier)
    g_printerr ("%" G_GINT64_FORMAT " after-paint ready=%d rows=%u matches=%u pending=%d\n", now, launch->ready_at_start,
                count_rows (find_widget (launch->window, GTK_TYPE_LIST_VIEW)),
                dossier_client_filter_model_get_n_matches (dossier_window_get_filter_model (DOSSIER_WINDOW (launch->window))),
                dossier_client_filter_model_get_pending (dossier_window_get_filter_model (DOSSIER_WINDOW (launch->window))));
  /* Not there yet: ask for the next frame. The model can become ready without a visible
   * change (pending turning FALSE), and then no frame would come by itself. */
  if (!launch->ready_at_start)
    {
      gdk_frame_clock_request_phase (clock, GDK_FRAME_CLOCK_PHASE_PAINT);
      return;
    }
  if (launch->dossier)
    {
      rows = count_rows (find_widget (launch->window, GTK_TYPE_LIST_VIEW));
      if (rows < 5)
        {
          gdk_frame_clock_request_phase (clock, GDK_FRAME_CLOCK_PHASE_PAINT);
          return;
        }
    }

  g_signal_handlers_disconnect_by_data (clock, launch);
  printf ("%" G_GINT64_FORMAT " %u %.1f\n", now, rows, thread_cpu_ms ());
  fflush (stdout);
  g_application_quit (G_APPLICATION (gtk_window_get_application (GTK_WINDOW (launch->window))));
}

static void
realize_cb (GtkWidget *window,
            Launch    *launch)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (window);

  if (g_getenv ("BENCH_DEBUG") != NULL)
    g_printerr ("realize %" G_GINT64_FORMAT "\n", g_get_monotonic_time ());

  g_signal_connect (clock, "before-paint", G_CALLBACK (before_paint_cb), launch);
  g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), launch);
}

static void
window_added_cb (GtkApplication *app,
                 GtkWindow      *window,
                 Launch         *launch)
{
  if (launch->window != NULL)
    return;
  launch->window = GTK_WIDGET (window);
  if (g_getenv ("BENCH_DEBUG") != NULL)
    g_printerr ("window-added %" G_GINT64_FORMAT "\n", g_get_monotonic_time ());
  g_signal_connect_after (window, "realize", G_CALLBACK (realize_cb), launch);
}

/* The anchor: the smallest libadwaita app with a window of the same size. */
static void
anchor_activate_cb (GApplication *app)
{
  GtkWidget *window = adw_application_window_new (GTK_APPLICATION (app));
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);

  gtk_box_append (GTK_BOX (box), adw_header_bar_new ());
  adw_application_window_set_content (ADW_APPLICATION_WINDOW (window), box);
  gtk_window_set_title (GTK_WINDOW (window), "Anchor");
  gtk_window_set_default_size (GTK_WINDOW (window), 960, 640);
  gtk_window_present (GTK_WINDOW (window));
}

static int
launch_one (gboolean dossier)
{
  g_autoptr(GApplication) app = NULL;
  Launch launch = { NULL, FALSE, dossier };

  if (g_getenv ("BENCH_DEBUG") != NULL)
    g_printerr ("main %" G_GINT64_FORMAT "\n", g_get_monotonic_time ());

  if (dossier)
    {
      app = G_APPLICATION (dossier_application_new (APPLICATION_ID, G_APPLICATION_DEFAULT_FLAGS));
    }
  else
    {
      app = G_APPLICATION (adw_application_new ("io.github.dossier_app.BenchAnchor",
                                                G_APPLICATION_DEFAULT_FLAGS));
      g_signal_connect (app, "activate", G_CALLBACK (anchor_activate_cb), NULL);
    }
  g_signal_connect (app, "window-added", G_CALLBACK (window_added_cb), &launch);

  return g_application_run (app, 0, NULL);
}

static void
on_done (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static int
store (guint n)
{
  g_autoptr(GBytes) body = bench_clients_build_json (n);
  g_autoptr(DossierClientStore) client_store = NULL;
  g_autoptr(GAsyncResult) parsed = NULL;
  g_autoptr(GAsyncResult) saved = NULL;
  g_autoptr(GPtrArray) clients = NULL;
  g_autoptr(GError) error = NULL;

  dossier_json_parse_clients_async (body, NULL, on_done, &parsed);
  while (parsed == NULL)
    g_main_context_iteration (NULL, TRUE);
  clients = dossier_json_parse_clients_finish (parsed, &error);
  if (clients == NULL)
    g_error ("parse: %s", error->message);

  client_store = dossier_client_store_new ("sandbox", &error);
  if (client_store == NULL)
    g_error ("store: %s", error->message);
  dossier_client_store_save_async (client_store, clients, NULL, on_done, &saved);
  while (saved == NULL)
    g_main_context_iteration (NULL, TRUE);
  if (!dossier_client_store_save_finish (client_store, saved, NULL, &error))
    g_error ("save: %s", error->message);

  printf ("%s\n", dossier_client_store_get_path (client_store));
  return 0;
}

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return (x > y) - (x < y);
}

/* One launch in its own process; returns milliseconds from spawn to first frame. */
static void
restore (const char *path,
         GBytes     *copy)
{
  g_autoptr(GError) error = NULL;

  if (!g_file_set_contents_full (path, g_bytes_get_data (copy, NULL), g_bytes_get_size (copy),
                                 G_FILE_SET_CONTENTS_CONSISTENT, 0600, &error))
    g_error ("%s", error->message);
}

static GBytes *
read_bytes (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize length = 0;

  if (!g_file_get_contents (path, &contents, &length, &error))
    g_error ("%s", error->message);
  return g_bytes_new_take (contents, length);
}

static double
spawn_one (const char *self_path,
           const char *mode,
           char      **stored,
           GBytes    **copies,
           double     *cpu_ms)
{
  const char *argv[] = { self_path, mode, NULL };
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  gint64 t0;
  gint64 frame = 0;
  guint rows = 0;
  int status = 0;

  for (guint i = 0; stored != NULL && stored[i] != NULL; i++)
    restore (stored[i], copies[i]);

  t0 = g_get_monotonic_time ();
  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, NULL, &status, &error))
    g_error ("%s", error->message);
  if (out == NULL || sscanf (out, "%" G_GINT64_FORMAT " %u %lf", &frame, &rows, cpu_ms) != 3)
    g_error ("%s printed no first frame (status %d)", mode, status);

  return (frame - t0) / 1000.0;
}

static int
compare (const char *self_path,
         guint       runs)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = dossier_core_data_dir (&error);
  g_autofree char *path = dossier_client_store_build_path (dir, "sandbox");
  g_autofree char *stem = g_strndup (path, strlen (path) - strlen (".json"));
  g_autofree char *head = g_strconcat (stem, "-head.json", NULL);
  char *stored[] = { path, head, NULL };
  GBytes *copies[2];
  g_autofree double *window_ms = g_new0 (double, runs);
  g_autofree double *anchor_ms = g_new0 (double, runs);
  g_autofree double *window_cpu = g_new0 (double, runs);
  g_autofree double *anchor_cpu = g_new0 (double, runs);
  double ignored;
  double window_median;
  double anchor_median;

  copies[0] = read_bytes (path);
  copies[1] = read_bytes (head);

  /* One warm-up of each (page cache, fontconfig cache), then alternate. */
  spawn_one (self_path, "anchor", NULL, NULL, &ignored);
  spawn_one (self_path, "window", stored, copies, &ignored);
  for (guint i = 0; i < runs; i++)
    {
      anchor_ms[i] = spawn_one (self_path, "anchor", NULL, NULL, &anchor_cpu[i]);
      window_ms[i] = spawn_one (self_path, "window", stored, copies, &window_cpu[i]);
      printf ("run %u: window %.1f ms (main-thread CPU %.1f ms), anchor %.1f ms (%.1f ms)\n",
              i + 1, window_ms[i], window_cpu[i], anchor_ms[i], anchor_cpu[i]);
    }

  qsort (window_ms, runs, sizeof (double), compare_doubles);
  qsort (anchor_ms, runs, sizeof (double), compare_doubles);
  qsort (window_cpu, runs, sizeof (double), compare_doubles);
  qsort (anchor_cpu, runs, sizeof (double), compare_doubles);
  window_median = window_ms[runs / 2];
  anchor_median = anchor_ms[runs / 2];
  printf ("%.1f MB stored (head %.2f MB); medians of %u launches each\n",
          g_bytes_get_size (copies[0]) / 1e6, g_bytes_get_size (copies[1]) / 1e6, runs);
  g_bytes_unref (copies[0]);
  g_bytes_unref (copies[1]);
  printf ("main-thread CPU to the first frame: %.0f ms vs %.0f ms = ratio %.2f\n",
          window_cpu[runs / 2], anchor_cpu[runs / 2], window_cpu[runs / 2] / anchor_cpu[runs / 2]);
  printf ("bench-client-list: %.0f ms vs adw-window-launch %.0f ms = ratio %.2f\n",
          window_median, anchor_median, window_median / anchor_median);

  return 0;
}

int
main (int   argc,
      char *argv[])
{
  const char *mode = argc > 1 ? argv[1] : "";

  if (g_str_equal (mode, "store") && argc > 2)
    return store ((guint) g_ascii_strtoull (argv[2], NULL, 10));
  if (g_str_equal (mode, "compare") && argc > 2)
    return compare (argv[0], (guint) g_ascii_strtoull (argv[2], NULL, 10));
  if (g_str_equal (mode, "window") || g_str_equal (mode, "anchor"))
    return launch_one (g_str_equal (mode, "window"));

  fprintf (stderr, "usage: %s store N | compare RUNS | window | anchor\n", argv[0]);
  return 2;
}
