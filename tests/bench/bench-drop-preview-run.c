/* bench-drop-preview-run.c — from a file dropped onto a document slot to its preview drawn
 * at fit-to-view resolution, against gdk_pixbuf_new_from_file_at_scale() of the same file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Usage: bench-drop-preview-run FILE ROUNDS (under a display; see bench-drop-preview).
 * Each round: the slot is emptied and idle; the drop is emitted on the slot's drop target
 * (TESTING.md §3); the time runs until the first frame's after-paint at which the viewer
 * holds a texture with at least one texel per device pixel of the picture as drawn (not a
 * placeholder). A tick callback keeps the frame clock running; the longest interval between
 * two after-paints, from the drop until the whole prepare is done (the upload bytes made
 * and decoded for the viewer), is the main thread's longest stall. Then, on the same file
 * in the same process, gdk_pixbuf_new_from_file_at_scale() to the size the slot decodes its
 * quick look at. Medians over the rounds after one warm-up round of each.
 */
#include "config.h"

#include <adwaita.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "dossier-document-slot.h"
#include "dossier-document-slot-private.h"

#define FRAME_PERIOD_MS (1000.0 / 60.0)

typedef struct {
  GtkWidget             *window;
  DossierDocumentSlot   *slot;
  DossierDocumentViewer *viewer;
  GFile                 *file;
  guint                  upright_width;   /* the picture as shown, EXIF orientation applied */
  guint                  stored_width;
  guint                  stored_height;
  gboolean               measuring;
  gint64                 t0;
  gint64                 t_preview;
  gint64                 t_texture;
  gint64                 last_paint;
  gint64                 longest;
  gint64                 last_cpu;
  gint64                 longest_cpu;
  gint64                 paints;
  gint64                 paint_texture;
  gint64                 paint_preview;
} Bench;

/* The main thread's own CPU time, µs: what it spent working, not waiting for a core. */
static gint64
thread_cpu_time (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return (gint64) ts.tv_sec * G_USEC_PER_SEC + ts.tv_nsec / 1000;
}

static gboolean
tick_cb (GtkWidget     *widget,
         GdkFrameClock *clock,
         gpointer       user_data)
{
  return G_SOURCE_CONTINUE;
}

static gboolean
preview_drawn (Bench *bench)
{
  GdkTexture *texture = dossier_document_viewer_get_texture (bench->viewer, DOSSIER_DOCUMENT_SIDE_FRONT);
  double drawn;

  if (texture == NULL)
    return FALSE;
  drawn = dossier_document_viewer_get_scale (bench->viewer) * bench->upright_width
          * gtk_widget_get_scale_factor (GTK_WIDGET (bench->viewer));
  return gdk_texture_get_width (texture) + 1 >= drawn;
}

static void
after_paint_cb (GdkFrameClock *clock,
                Bench         *bench)
{
  gint64 now = g_get_monotonic_time ();
  gint64 cpu = thread_cpu_time ();

  if (!bench->measuring)
    return;
  if (bench->last_paint != 0)
    {
      bench->longest = MAX (bench->longest, now - bench->last_paint);
      bench->longest_cpu = MAX (bench->longest_cpu, cpu - bench->last_cpu);
    }
  bench->last_paint = now;
  bench->last_cpu = cpu;
  bench->paints++;
  if (bench->t_preview == 0 && preview_drawn (bench))
    {
      bench->t_preview = now;
      bench->paint_preview = bench->paints;
    }
}

static void
realized_cb (GtkWidget *window,
             Bench     *bench)
{
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint", G_CALLBACK (after_paint_cb), bench);
}

static void
spin_until (gboolean (*cond) (Bench *),
            Bench     *bench,
            guint      timeout_s)
{
  gint64 end = g_get_monotonic_time () + (gint64) timeout_s * G_USEC_PER_SEC;

  while (!cond (bench))
    {
      if (g_get_monotonic_time () > end)
        {
          fprintf (stderr, "bench-drop-preview: timed out\n");
          exit (1);
        }
      /* Blocking: the tick callback wakes the loop every frame, and every answer of a
       * worker is a dispatch, so nothing is missed and no core is spent polling. */
      g_main_context_iteration (NULL, TRUE);
    }
}

static gboolean
has_preview (Bench *bench)
{
  /* When the texture arrived (polled), to tell decoding from drawing. */
  if (bench->t_texture == 0
      && dossier_document_viewer_get_texture (bench->viewer, DOSSIER_DOCUMENT_SIDE_FRONT) != NULL)
    {
      bench->t_texture = g_get_monotonic_time ();
      bench->paint_texture = bench->paints;
    }
  return bench->t_preview != 0;
}

/* The prepare is done and the viewer shows the decoded upload bytes. */
static gboolean
idle (Bench *bench)
{
  DossierDocumentImage *image = dossier_document_slot_get_image (bench->slot, DOSSIER_DOCUMENT_SIDE_FRONT);
  GdkTexture *texture = dossier_document_viewer_get_texture (bench->viewer, DOSSIER_DOCUMENT_SIDE_FRONT);

  return !dossier_document_slot_get_busy (bench->slot) && image != NULL && texture != NULL
         && (guint) gdk_texture_get_width (texture) == dossier_document_image_get_width (image);
}

static gboolean
empty (Bench *bench)
{
  return !dossier_document_slot_get_busy (bench->slot)
         && dossier_document_viewer_get_texture (bench->viewer, DOSSIER_DOCUMENT_SIDE_FRONT) == NULL;
}

static void
round_slot (Bench  *bench,
            double *preview_ms,
            double *ready_ms,
            double *longest_ms,
            double *longest_cpu_ms,
            double *texture_ms,
            double *idle_ms)
{
  GtkDropTarget *target = _dossier_document_slot_get_drop_target (bench->slot);
  GValue value = G_VALUE_INIT;
  gboolean handled = FALSE;
  GSList files = { bench->file, NULL };
  gint64 settle;

  gtk_widget_activate_action (GTK_WIDGET (bench->slot), "document.remove", NULL);
  spin_until (empty, bench, 30);
  /* Idle frames first: their longest interval is the frame clock's own jitter here,
   * the floor under any stall measured below. */
  bench->last_paint = 0;
  bench->longest = 0;
  bench->measuring = TRUE;
  settle = g_get_monotonic_time () + 300 * 1000;
  while (g_get_monotonic_time () < settle)
    g_main_context_iteration (NULL, TRUE);
  bench->measuring = FALSE;
  *idle_ms = bench->longest / 1000.0;

  bench->t_preview = 0;
  bench->t_texture = 0;
  bench->last_paint = 0;
  bench->longest = 0;
  bench->longest_cpu = 0;
  bench->measuring = TRUE;
  g_value_init (&value, GDK_TYPE_FILE_LIST);
  g_value_take_boxed (&value, gdk_file_list_new_from_list (&files));
  bench->t0 = g_get_monotonic_time ();
  g_signal_emit_by_name (target, "drop", &value, 20.0, 20.0, &handled);
  g_value_unset (&value);
  if (!handled)
    {
      fprintf (stderr, "bench-drop-preview: the drop was refused\n");
      exit (1);
    }
  spin_until (has_preview, bench, 30);
  spin_until (idle, bench, 60);
  *ready_ms = (g_get_monotonic_time () - bench->t0) / 1000.0;
  bench->measuring = FALSE;
  *preview_ms = (bench->t_preview - bench->t0) / 1000.0;
  *longest_ms = bench->longest / 1000.0;
  *longest_cpu_ms = bench->longest_cpu / 1000.0;
  *texture_ms = bench->t_texture != 0 ? (MIN (bench->t_texture, bench->t_preview) - bench->t0) / 1000.0 : 0;
}

/* The size the slot decodes its quick look at (dossier-document-slot-load.c). */
static void
quick_look_size (Bench *bench,
                 int   *width,
                 int   *height)
{
  int fit_w, fit_h;
  double landscape, portrait, scale;

  dossier_document_viewer_get_fit_size (bench->viewer, &fit_w, &fit_h);
  landscape = MIN ((double) fit_w / bench->stored_width, (double) fit_h / bench->stored_height);
  portrait = MIN ((double) fit_w / bench->stored_height, (double) fit_h / bench->stored_width);
  scale = MIN (MAX (landscape, portrait), 1.0);
  *width = MAX ((int) (bench->stored_width * scale + 0.5), 1);
  *height = MAX ((int) (bench->stored_height * scale + 0.5), 1);
}

static double
round_anchor (Bench *bench)
{
  g_autofree char *path = g_file_get_path (bench->file);
  g_autoptr(GdkPixbuf) pixbuf = NULL;
  g_autoptr(GError) error = NULL;
  int w, h;
  gint64 t0;

  quick_look_size (bench, &w, &h);
  t0 = g_get_monotonic_time ();
  pixbuf = gdk_pixbuf_new_from_file_at_scale (path, w, h, TRUE, &error);
  if (pixbuf == NULL)
    {
      fprintf (stderr, "bench-drop-preview: %s\n", error->message);
      exit (1);
    }
  return (g_get_monotonic_time () - t0) / 1000.0;
}

static double
load_average (void)
{
  g_autofree char *text = NULL;

  if (!g_file_get_contents ("/proc/loadavg", &text, NULL, NULL))
    return 0;
  return g_ascii_strtod (text, NULL);
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static double
median (GArray *values)
{
  g_array_sort (values, compare_doubles);
  return g_array_index (values, double, values->len / 2);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(DossierRequirements) requirements = NULL;
  g_autoptr(GArray) previews = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) readies = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) anchors = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) ratios = g_array_new (FALSE, FALSE, sizeof (double));
  Bench bench = { 0 };
  double worst_interval = 0, worst_cpu = 0, worst_idle = 0;
  int rounds, fmt_w, fmt_h;
  GdkPixbufFormat *format;

  if (argc != 3)
    {
      fprintf (stderr, "usage: %s FILE ROUNDS\n", argv[0]);
      return 2;
    }
  rounds = MAX (atoi (argv[2]), 1);
  gtk_init ();
  adw_init ();
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  bench.file = g_file_new_for_commandline_arg (argv[1]);
  format = gdk_pixbuf_get_file_info (argv[1], &fmt_w, &fmt_h);
  if (format == NULL)
    {
      fprintf (stderr, "bench-drop-preview: %s is not a picture\n", argv[1]);
      return 1;
    }
  bench.stored_width = fmt_w;
  bench.stored_height = fmt_h;
  {
    /* The width as shown: EXIF orientations 5–8 turn the picture a quarter. */
    g_autoptr(GdkPixbuf) probe = gdk_pixbuf_new_from_file_at_size (argv[1], 64, 64, NULL);
    const char *orientation = probe != NULL ? gdk_pixbuf_get_option (probe, "orientation") : NULL;

    bench.upright_width = orientation != NULL && atoi (orientation) >= 5 ? bench.stored_height
                                                                          : bench.stored_width;
  }

  node = json_from_string ("{\"documents\": [{\"id\": \"identity_document\", \"name\": \"Identity document\","
                           " \"description\": \"\", \"required\": true, \"valid_documents\": [{\"id\": \"passport\","
                           " \"name\": \"Passport\", \"description\": \"\", \"required\": true, \"require_image\": true,"
                           " \"require_back_image\": false, \"metadata\": []}]}], \"data\": []}", NULL);
  requirements = dossier_requirements_new_from_json (node);
  bench.slot = DOSSIER_DOCUMENT_SLOT (dossier_document_slot_new (dossier_requirements_get_document_group (requirements, 0)));
  bench.viewer = dossier_document_slot_get_viewer (bench.slot);
  bench.window = gtk_window_new ();
  gtk_window_set_title (GTK_WINDOW (bench.window), "bench-drop-preview");
  gtk_window_set_default_size (GTK_WINDOW (bench.window), 720, 640);
  gtk_widget_set_margin_start (GTK_WIDGET (bench.slot), 12);
  gtk_widget_set_margin_end (GTK_WIDGET (bench.slot), 12);
  gtk_widget_set_margin_top (GTK_WIDGET (bench.slot), 12);
  gtk_window_set_child (GTK_WINDOW (bench.window), GTK_WIDGET (bench.slot));
  g_signal_connect_after (bench.window, "realize", G_CALLBACK (realized_cb), &bench);
  gtk_widget_add_tick_callback (bench.window, tick_cb, NULL, NULL);
  gtk_window_present (GTK_WINDOW (bench.window));
  while (!gtk_widget_get_mapped (bench.window))
    g_main_context_iteration (NULL, TRUE);

  printf ("picture %u×%u px (%s); %d rounds after a warm-up, medians\n", bench.stored_width,
          bench.stored_height, gdk_pixbuf_format_get_name (format), rounds);
  for (int i = 0; i <= rounds; i++)
    {
      double preview, ready, longest, longest_cpu, anchor, texture, idle_interval;

      round_slot (&bench, &preview, &ready, &longest, &longest_cpu, &texture, &idle_interval);
      /* The anchor once the slot's workers are done, so that they do not compete. */
      anchor = round_anchor (&bench);
      printf ("  frames painted from the quick look's arrival to the preview drawn: %" G_GINT64_FORMAT "\n",
              bench.paint_preview - bench.paint_texture);
      printf ("round %d%s: drop→quick look decoded %.1f ms, drawn %.1f ms, drop→ready %.1f ms, longest frame interval %.1f ms "
              "(main-thread CPU between two frames at most %.1f ms); gdk-pixbuf-at-scale %.1f ms\n",
              i, i == 0 ? " (warm-up)" : "", texture, preview, ready, longest, longest_cpu, anchor);
      if (i == 0)
        continue;
      g_array_append_val (previews, preview);
      g_array_append_val (readies, ready);
      g_array_append_val (anchors, anchor);
      {
        double ratio = preview / anchor;

        g_array_append_val (ratios, ratio);
      }
      worst_interval = MAX (worst_interval, longest);
      worst_idle = MAX (worst_idle, idle_interval);
      worst_cpu = MAX (worst_cpu, longest_cpu);
    }
  printf ("round by round (each drop beside the anchor run right after it): median ratio %.2f\n",
          median (ratios));
  printf ("drop→ready to upload (prepared, encoded, shown as sent): median %.1f ms\n", median (readies));
  printf ("longest main-thread stall: %.1f ms between two frames (%.1f ms beyond one %.1f ms frame); "
          "the main thread's own CPU time between two frames at most %.1f ms (the rest is waiting "
          "for a core: load average %.1f on %u cores)\n",
          worst_interval, MAX (worst_interval - FRAME_PERIOD_MS, 0), FRAME_PERIOD_MS, worst_cpu,
          load_average (), g_get_num_processors ());
  printf ("idle frames before each drop (nothing to do but the tick): longest interval %.1f ms\n", worst_idle);
  printf ("bench-drop-preview: %.1f ms vs gdk-pixbuf-at-scale %.1f ms = ratio %.2f\n",
          median (previews), median (anchors), median (previews) / median (anchors));
  gtk_window_destroy (GTK_WINDOW (bench.window));
  g_object_unref (bench.file);
  return 0;
}
