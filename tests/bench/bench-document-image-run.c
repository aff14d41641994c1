/* bench-document-image-run.c — the program behind tests/bench/bench-document-image
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   generate OUT.jpg WIDTH HEIGHT   a photographic JPEG (quality 92, EXIF orientation 6)
 *   prepare FILE OUT                one DossierDocumentImage prepare; prints its milliseconds
 *   compare LABEL FILE RUNS         RUNS × prepare and RUNS × `djpeg -scale 1/2 | cjpeg
 *                                   -quality 85`, each in its own process (peak memory from
 *                                   wait4's ru_maxrss); prints medians and the ratio
 */
#include "config.h"

#include <glib/gstdio.h>

#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "dossier-document-image.h"
#include "document-image-fixtures.h"

static int
generate (const char *out,
          int         width,
          int         height)
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, width, height);
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);
  FixtureNoise noise = { 0x9e3779b9 };
  int rs = gdk_pixbuf_get_rowstride (pixbuf);
  guint8 *pix = gdk_pixbuf_get_pixels (pixbuf);
  g_autoptr(GBytes) plain = NULL;
  g_autoptr(GBytes) jpeg = NULL;
  g_autoptr(GError) error = NULL;

  /* Sky-to-table gradients, then shapes (a card, shadows, objects), then sensor noise. */
  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      {
        guint8 *p = pix + (gsize) y * rs + x * 3;
        double fx = (double) x / width, fy = (double) y / height;

        p[0] = fixture_clamp (90 + 80 * fy + 30 * fx);
        p[1] = fixture_clamp (70 + 60 * fy * fx + 20 * (1 - fx));
        p[2] = fixture_clamp (50 + 40 * (1 - fy));
      }
  for (int i = 0; i < 60; i++)
    fixture_fill_rect (pixbuf, g_rand_int_range (rand, 0, width), g_rand_int_range (rand, 0, height),
                       g_rand_int_range (rand, width / 40, width / 6),
                       g_rand_int_range (rand, height / 40, height / 6),
                       g_rand_int_range (rand, 0, 256), g_rand_int_range (rand, 0, 256),
                       g_rand_int_range (rand, 0, 256));
  {
    g_autoptr(GdkPixbuf) card = fixture_make_document (width / 2, height / 2, 7, 0);

    gdk_pixbuf_copy_area (card, 0, 0, width / 2, height / 2, pixbuf, width / 4, height / 4);
  }
  for (int y = 0; y < height; y++)
    for (int x = 0; x < width * 3; x++)
      pix[(gsize) y * rs + x] = fixture_clamp (pix[(gsize) y * rs + x] + fixture_noise (&noise, 5));

  plain = fixture_save (pixbuf, "jpeg", "92");
  jpeg = fixture_jpeg_with_orientation (plain, 6);
  if (!g_file_set_contents (out, g_bytes_get_data (jpeg, NULL), g_bytes_get_size (jpeg), &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  return 0;
}

typedef struct {
  gboolean done;
  gboolean ok;
  GError  *error;
} Wait;

static void
prepared_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  Wait *wait = user_data;

  wait->ok = dossier_document_image_prepare_finish (DOSSIER_DOCUMENT_IMAGE (source), result,
                                                    &wait->error);
  wait->done = TRUE;
}

static int
prepare (const char *path,
         const char *out)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(DossierDocumentImage) image = NULL;
  GBytes *upload;
  Wait wait = { 0 };
  gint64 start;

  /* GdkPixbuf's loaders are registered before the clock starts, as in the running app. */
  g_slist_free (gdk_pixbuf_get_formats ());
  start = g_get_monotonic_time ();
  image = dossier_document_image_new_for_file (file);
  dossier_document_image_prepare_async (image, 0, 0, NULL, prepared_cb, &wait);
  while (!wait.done)
    g_main_context_iteration (NULL, TRUE);
  if (!wait.ok)
    {
      g_printerr ("prepare failed: %s\n", wait.error->message);
      return 1;
    }
  upload = dossier_document_image_get_upload_bytes (image);
  if (!g_file_set_contents (out, g_bytes_get_data (upload, NULL), g_bytes_get_size (upload), NULL))
    return 1;
  printf ("%.3f %u %u\n", (g_get_monotonic_time () - start) / 1000.0,
          dossier_document_image_get_width (image), dossier_document_image_get_height (image));
  return 0;
}

/* Runs @argv in a child process; returns its wall time in ms and peak RSS in KiB. */
static gboolean
run_child (char   **argv,
           double  *ms,
           long    *peak_kib,
           char   **output)
{
  int pipefd[2];
  pid_t pid;
  int status;
  struct rusage usage;
  gint64 start = g_get_monotonic_time ();
  GString *text = g_string_new (NULL);
  char buffer[256];
  ssize_t n;

  if (pipe (pipefd) != 0)
    return FALSE;
  pid = fork ();
  if (pid == 0)
    {
      dup2 (pipefd[1], STDOUT_FILENO);
      close (pipefd[0]);
      close (pipefd[1]);
      execv (argv[0], argv);
      _exit (127);
    }
  close (pipefd[1]);
  while ((n = read (pipefd[0], buffer, sizeof buffer)) > 0)
    g_string_append_len (text, buffer, n);
  close (pipefd[0]);
  if (wait4 (pid, &status, 0, &usage) != pid)
    return FALSE;
  *ms = (g_get_monotonic_time () - start) / 1000.0;
  *peak_kib = usage.ru_maxrss;
  *output = g_string_free (text, FALSE);
  return WIFEXITED (status) && WEXITSTATUS (status) == 0;
}

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static double
median (double *values,
        int     n)
{
  qsort (values, n, sizeof (double), compare_doubles);
  return n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

static int
compare (const char *label,
         const char *path,
         int         runs)
{
  g_autofree char *dir = g_dir_make_tmp ("bench-document-image-XXXXXX", NULL);
  g_autofree char *ours_out = g_build_filename (dir, "ours.jpg", NULL);
  g_autofree char *anchor_out = g_build_filename (dir, "anchor.jpg", NULL);
  g_autofree char *shell = g_strdup_printf ("djpeg -scale 1/2 '%s' | cjpeg -quality 85 > '%s'",
                                            path, anchor_out);
  char *ours_argv[] = { "/proc/self/exe", "prepare", (char *) path, ours_out, NULL };
  char *anchor_argv[] = { "/bin/sh", "-c", shell, NULL };
  g_autofree double *inner = g_new (double, runs);
  g_autofree double *ours_wall = g_new (double, runs);
  g_autofree double *anchor_wall = g_new (double, runs);
  long ours_peak = 0, anchor_peak = 0;
  guint width = 0, height = 0;
  double m_inner, m_ours, m_anchor;

  for (int i = 0; i < runs; i++)
    {
      g_autofree char *out = NULL;
      g_autofree char *ignored = NULL;
      long peak;

      if (!run_child (ours_argv, &ours_wall[i], &peak, &out)
          || sscanf (out, "%lf %u %u", &inner[i], &width, &height) != 3)
        {
          g_printerr ("the prepare failed\n");
          return 1;
        }
      ours_peak = MAX (ours_peak, peak);
      if (!run_child (anchor_argv, &anchor_wall[i], &peak, &ignored))
        {
          g_printerr ("djpeg | cjpeg failed (is libjpeg-turbo-progs installed?)\n");
          return 1;
        }
      anchor_peak = MAX (anchor_peak, peak);
    }

  m_inner = median (inner, runs);
  m_ours = median (ours_wall, runs);
  m_anchor = median (anchor_wall, runs);
  printf ("%s: prepare %.1f ms (process %.1f ms), peak %.1f MiB, output %u x %u\n",
          label, m_inner, m_ours, ours_peak / 1024.0, width, height);
  printf ("%s: djpeg -scale 1/2 | cjpeg -quality 85: %.1f ms, peak %.1f MiB (largest of the two)\n",
          label, m_anchor, anchor_peak / 1024.0);
  printf ("%s: bench-document-image: %.1f ms vs djpeg+cjpeg %.1f ms = ratio %.2f\n",
          label, m_inner, m_anchor, m_inner / m_anchor);

  g_unlink (ours_out);
  g_unlink (anchor_out);
  g_rmdir (dir);
  return 0;
}

int
main (int   argc,
      char *argv[])
{
  if (argc == 5 && g_str_equal (argv[1], "generate"))
    return generate (argv[2], atoi (argv[3]), atoi (argv[4]));
  if (argc == 4 && g_str_equal (argv[1], "prepare"))
    return prepare (argv[2], argv[3]);
  if (argc == 5 && g_str_equal (argv[1], "compare"))
    return compare (argv[2], argv[3], atoi (argv[4]));

  g_printerr ("usage: %s generate OUT W H | prepare FILE OUT | compare LABEL FILE RUNS\n", argv[0]);
  return 2;
}
