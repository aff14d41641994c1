/* bench-client-parse-run.c — times the 100 000-client list: worker parse, main-loop stall,
 * and the list-model merges a refresh costs on the main thread
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Usage: bench-client-parse-run [N_CLIENTS]
 * Prints wall time and CPU time of each phase: on a loaded machine the wall time of the
 * worker grows with the load, its CPU time does not. Not a test: it asserts nothing.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <time.h>

#include "big-client-list.h"
#include "dossier-client-list.h"
#include "dossier-json.h"

static gint64
thread_cpu_us (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return (gint64) ts.tv_sec * G_USEC_PER_SEC + ts.tv_nsec / 1000;
}

static gint64
process_cpu_us (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return ((gint64) usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * G_USEC_PER_SEC
         + usage.ru_utime.tv_usec + usage.ru_stime.tv_usec;
}

typedef struct {
  GAsyncResult *result;
  gint64        last;
  gint64        longest;
  guint         ticks;
} Wait;

static void
on_done (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  ((Wait *) user_data)->result = g_object_ref (result);
}

static gboolean
on_tick (gpointer user_data)
{
  Wait *wait = user_data;
  gint64 now = g_get_monotonic_time ();

  wait->longest = MAX (wait->longest, now - wait->last);
  wait->last = now;
  wait->ticks++;
  return G_SOURCE_CONTINUE;
}

/* Wall time of the last parse, for the closing ratio line. */
static double last_parse_ms;

static GPtrArray *
parse (GBytes     *body,
       const char *label)
{
  Wait wait = { NULL, };
  g_autoptr(GError) error = NULL;
  GPtrArray *clients;
  gint64 start = g_get_monotonic_time ();
  gint64 cpu = process_cpu_us ();
  gint64 main_cpu = thread_cpu_us ();
  guint source;

  wait.last = start;
  source = g_timeout_add (1, on_tick, &wait);
  dossier_json_parse_clients_async (body, NULL, on_done, &wait);
  while (wait.result == NULL)
    g_main_context_iteration (NULL, TRUE);
  clients = dossier_json_parse_clients_finish (wait.result, &error);
  on_tick (&wait);
  g_source_remove (source);
  g_clear_object (&wait.result);
  g_assert_no_error (error);

  main_cpu = thread_cpu_us () - main_cpu;
  last_parse_ms = (g_get_monotonic_time () - start) / 1000.0;
  printf ("%-28s %8.0f ms wall, worker CPU %6.0f ms, longest main-loop stall %5.1f ms (%u ticks)\n",
          label, (g_get_monotonic_time () - start) / 1000.0,
          (process_cpu_us () - cpu - main_cpu) / 1000.0, wait.longest / 1000.0, wait.ticks);
  return clients;
}

static void
count_signal (GListModel *model,
              guint       position,
              guint       removed,
              guint       added,
              guint      *count)
{
  (*count)++;
}

static void
merge (DossierClientList *list,
       GPtrArray         *clients,
       const char        *label)
{
  guint signals = 0;
  gulong handler = g_signal_connect (list, "items-changed", G_CALLBACK (count_signal), &signals);
  gint64 start = g_get_monotonic_time ();
  gint64 cpu = thread_cpu_us ();

  dossier_client_list_merge (list, clients);
  printf ("%-28s %8.1f ms wall, main CPU %6.1f ms, %u items-changed\n", label,
          (g_get_monotonic_time () - start) / 1000.0, (thread_cpu_us () - cpu) / 1000.0, signals);
  g_signal_handler_disconnect (list, handler);
}

int
main (int   argc,
      char *argv[])
{
  guint n = argc > 1 ? (guint) atoi (argv[1]) : 100000;
  g_autoptr(GBytes) body = big_client_list_build (n, 0, G_MAXUINT);
  g_autoptr(GBytes) edited = big_client_list_build (n, 10000, G_MAXUINT);
  g_autoptr(GBytes) shorter = big_client_list_build (n, 0, n / 2);
  g_autoptr(DossierClientList) list = dossier_client_list_new ();
  g_autoptr(GPtrArray) clients = NULL;
  gint64 start;
  gint64 cpu;
  double glib_ms;
  double first_ms;

  printf ("%u clients, %.1f MB of JSON\n", n, g_bytes_get_size (body) / 1e6);

  start = g_get_monotonic_time ();
  cpu = thread_cpu_us ();
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(JsonNode) root = dossier_json_parse_bytes (body, &error);

    g_assert_no_error (error);
    glib_ms = (g_get_monotonic_time () - start) / 1000.0;
    printf ("%-28s %8.0f ms wall, CPU %6.0f ms\n", "json-glib parse alone",
            (g_get_monotonic_time () - start) / 1000.0, (thread_cpu_us () - cpu) / 1000.0);
  }

  clients = parse (body, "parse (worker)");
  first_ms = last_parse_ms;
  merge (list, clients, "merge: first fill");
  g_clear_pointer (&clients, g_ptr_array_unref);

  clients = parse (body, "parse again");
  merge (list, clients, "merge: nothing changed");
  g_clear_pointer (&clients, g_ptr_array_unref);

  clients = parse (edited, "parse, 1 in 10000 edited");
  merge (list, clients, "merge: 1 in 10000 edited");
  g_clear_pointer (&clients, g_ptr_array_unref);

  clients = parse (shorter, "parse, one removed");
  merge (list, clients, "merge: one removed");
  g_clear_pointer (&clients, g_ptr_array_unref);

  clients = parse (body, "parse, back");
  merge (list, clients, "merge: one added back");
  g_clear_pointer (&clients, g_ptr_array_unref);

  /* The anchor is json-glib's own parse of the same bytes: the floor any reader of
   * this JSON pays; ours adds the models, their search keys and fingerprints. */
  printf ("bench-client-parse: %.0f ms vs json-glib parse alone %.0f ms = ratio %.2f\n",
          first_ms, glib_ms, first_ms / glib_ms);
  return 0;
}
