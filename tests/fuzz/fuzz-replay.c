/* fuzz-replay.c — runs a fuzz target over its seed corpus, without libFuzzer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Usage: fuzz-<target>-replay --tap CORPUS_DIR…
 * Feeds every file of each directory to LLVMFuzzerTestOneInput(), in name
 * order, and prints one TAP line per file, so the seeds (and every crash
 * found and fixed, kept there as a regression seed) run in every build.
 * A crash aborts the process: meson then reports the test as failed, and the
 * last `# ` line names the input.
 */
#include <glib.h>
#include <stdio.h>
#include <string.h>

#include "fuzz-common.h"

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  guint failed = 0;

  for (int i = 1; i < argc; i++)
    {
      g_autoptr(GDir) dir = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) names = NULL;
      const char *name;

      if (g_str_has_prefix (argv[i], "-"))
        continue;   /* --tap and other GTest-style flags */
      dir = g_dir_open (argv[i], 0, &error);
      if (dir == NULL)
        {
          printf ("Bail out! %s\n", error->message);
          return 1;
        }
      names = g_ptr_array_new_with_free_func (g_free);
      while ((name = g_dir_read_name (dir)) != NULL)
        g_ptr_array_add (names, g_strdup (name));
      g_ptr_array_sort (names, compare_names);
      for (guint j = 0; j < names->len; j++)
        g_ptr_array_add (paths, g_build_filename (argv[i], names->pdata[j], NULL));
    }

  printf ("1..%u\n", paths->len);
  fflush (stdout);
  for (guint i = 0; i < paths->len; i++)
    {
      const char *path = paths->pdata[i];
      g_autofree char *contents = NULL;
      g_autofree char *base = g_path_get_basename (path);
      g_autoptr(GError) error = NULL;
      gsize len = 0;

      if (!g_file_get_contents (path, &contents, &len, &error))
        {
          printf ("not ok %u - %s: %s\n", i + 1, base, error->message);
          failed++;
          continue;
        }
      printf ("# %s (%" G_GSIZE_FORMAT " bytes)\n", path, len);
      fflush (stdout);
      /* A copy of exactly len bytes, so ASan sees a read past the input. */
      {
        g_autofree guint8 *copy = g_malloc (MAX (len, 1));

        memcpy (copy, contents, len);
        LLVMFuzzerTestOneInput (copy, len);
      }
      printf ("ok %u - %s\n", i + 1, base);
      fflush (stdout);
    }
  return failed > 0 ? 1 : 0;
}
