/* bench-timeline-run.c — the client page's first frame with a 5 000-event timeline,
 * against the same page for a client with no events
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Usage (under Xvfb, with scratch XDG dirs: see bench-timeline):
 *   bench-timeline-run JOURNAL RUNS
 * Writes 5 000 events for one client into a new journal at JOURNAL (not timed), then,
 * RUNS times each and alternating, builds a window holding a new DossierClientPage for
 * that client or for a client without events, and times from building it to the first
 * frame painted once its timeline has loaded (and, with events, bound its visible rows).
 * One warm-up of each first. Not a test: it asserts nothing about the times.
 */
#include "config.h"

#include <adwaita.h>
#include <stdio.h>
#include <stdlib.h>

#include "dossier-client-page.h"
#include "dossier-timeline-row.h"
#include "dossier-timeline-view.h"

#define N_EVENTS 5000
#define FULL_ID  "bench5000events00000000000000000"
#define EMPTY_ID "benchnoevents0000000000000000000"

typedef struct {
  GtkWidget *window;
  GtkWidget *timeline;
  gboolean   full;
  gboolean   ready_at_start;
  gint64     done;
  guint      rows;
} Run;

static void
on_done (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static GtkWidget *
find_widget (GtkWidget *widget,
             GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static guint
count_all_rows (GtkWidget *widget)
{
  guint n = DOSSIER_IS_TIMELINE_ROW (widget) ? 1 : 0;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n += count_all_rows (child);
  return n;
}

static guint
count_bound_rows (GtkWidget *widget)
{
  guint n = 0;

  if (DOSSIER_IS_TIMELINE_ROW (widget))
    return gtk_widget_get_mapped (widget) &&
           dossier_timeline_row_get_item (DOSSIER_TIMELINE_ROW (widget)) != NULL ? 1 : 0;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n += count_bound_rows (child);
  return n;
}

static gboolean
ready (Run *run)
{
  DossierTimelineView *view;

  if (run->timeline == NULL)
    run->timeline = find_widget (run->window, DOSSIER_TYPE_TIMELINE_VIEW);
  view = DOSSIER_TIMELINE_VIEW (run->timeline);
  if (view == NULL)
    return FALSE;
  /* With events: some are in the list (the frame must also show them, see below);
   * without: the view knows there are none. */
  if (run->full)
    return g_list_model_get_n_items (dossier_timeline_view_get_model (view)) > 0;
  return !dossier_timeline_view_get_loading (view);
}

static void
before_paint_cb (GdkFrameClock *clock,
                 Run           *run)
{
  run->ready_at_start = ready (run);
}

static void
after_paint_cb (GdkFrameClock *clock,
                Run           *run)
{
  gint64 now = g_get_monotonic_time ();

  if (g_getenv ("BENCH_DEBUG") != NULL)
    fprintf (stderr, "T after-paint %ld ready=%d rows=%u all=%u\n", (long) now / 1000, run->ready_at_start,
             run->timeline ? count_bound_rows (run->timeline) : 0, run->timeline ? count_all_rows (run->timeline) : 0);
  if (!run->ready_at_start)
    return;
  run->rows = count_bound_rows (run->timeline);
  /* With events: the frame must show them, not an empty list about to fill. */
  if (run->full && run->rows < 5)
    return;
  run->done = now;
  g_signal_handlers_disconnect_by_data (clock, run);
}

static void
phase_cb (GdkFrameClock *clock,
          const char    *phase)
{
  if (g_getenv ("BENCH_DEBUG") != NULL)
    fprintf (stderr, "T %s %.1f\n", phase, g_get_monotonic_time () / 1000.0);
}

static void
realize_cb (GtkWidget *window,
            Run       *run)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (window);

  g_signal_connect (clock, "update", G_CALLBACK (phase_cb), (gpointer) "update");
  g_signal_connect (clock, "layout", G_CALLBACK (phase_cb), (gpointer) "layout");
  g_signal_connect (clock, "paint", G_CALLBACK (phase_cb), (gpointer) "paint");

  g_signal_connect (clock, "before-paint", G_CALLBACK (before_paint_cb), run);
  g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), run);
}

static DossierClient *
bench_client (const char *id)
{
  g_autofree char *json = g_strdup_printf ("{\"id\":\"%s\",\"first_name\":\"Maria\",\"second_name\":\"Julia\","
                                           "\"last_name\":\"Barber\",\"email\":\"mjuliabarber@example.com\","
                                           "\"birth_date\":\"1984-11-21\",\"status\":\"active\","
                                           "\"phone_country_code\":54,\"phone_number\":1168860622,"
                                           "\"address\":{\"street_line1\":\"Florida 9860\",\"city\":\"Del Viso\","
                                           "\"postal_code\":\"1669\",\"state\":\"ARG-B\",\"country\":\"ARG\"},"
                                           "\"created_at\":\"2025-04-15T10:30:00\","
                                           "\"updated_at\":\"2026-04-15T10:30:00\"}", id);
  g_autoptr(JsonNode) node = json_from_string (json, NULL);
  g_autoptr(GError) error = NULL;
  DossierClient *client = dossier_client_new_from_json (node, &error);

  if (client == NULL)
    g_error ("client: %s", error->message);
  return client;
}

/* Milliseconds from building the page to its first ready frame. */
static double
measure (DossierRequestCache *cache,
         gboolean             full)
{
  g_autoptr(DossierClient) client = bench_client (full ? FULL_ID : EMPTY_ID);
  Run run = { NULL, NULL, full, FALSE, 0, 0 };
  gint64 start = g_get_monotonic_time ();
  GtkWidget *page;

  if (g_getenv ("BENCH_DEBUG") != NULL)
    fprintf (stderr, "T start %ld\n", (long) start / 1000);
  run.window = adw_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (run.window), 960, 1000);
  page = g_object_new (DOSSIER_TYPE_CLIENT_PAGE, NULL);
  dossier_client_page_set_cache (DOSSIER_CLIENT_PAGE (page), cache);
  dossier_client_page_set_client (DOSSIER_CLIENT_PAGE (page), client);
  adw_window_set_content (ADW_WINDOW (run.window), page);
  g_signal_connect_after (run.window, "realize", G_CALLBACK (realize_cb), &run);
  gtk_window_present (GTK_WINDOW (run.window));

  while (run.done == 0)
    g_main_context_iteration (NULL, TRUE);

  gtk_window_destroy (GTK_WINDOW (run.window));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  /* Each page starts with the journal idle: the last page's reads are done. */
  {
    g_autoptr(GAsyncResult) flushed = NULL;

    dossier_journal_flush_async (dossier_request_cache_get_journal (cache), NULL, on_done, &flushed);
    while (flushed == NULL)
      g_main_context_iteration (NULL, TRUE);
  }
  if (g_getenv ("BENCH_DEBUG") != NULL)
    fprintf (stderr, "%s: %.1f ms, %u rows\n", full ? "timeline" : "empty", (run.done - start) / 1000.0, run.rows);
  return (run.done - start) / 1000.0;
}

static const char * const kinds[] = {
  "requirement-appeared", "requirement-satisfied", "document-uploaded", "document-accepted",
  "submitted", "under-review", "rejected", "failure", "client-updated", "product-requested",
};

static void
fill_journal (DossierJournal *journal)
{
  gint64 now = g_get_real_time ();
  guint pending = 0;

  for (guint i = 0; i < N_EVENTS; i++)
    {
      g_autoptr(DossierJournalEvent) event = NULL;
      const char *kind = kinds[i % G_N_ELEMENTS (kinds)];
      g_autofree char *details = NULL;

      /* About three weeks of a very busy desk: one event every six minutes. */
      event = dossier_journal_event_new (FULL_ID, "benchrequest00000000000000000000", kind,
                                         now - (gint64) (N_EVENTS - i) * 6 * G_TIME_SPAN_MINUTE);
      event->trace_id = g_strdup_printf ("trace-%05u", i);
      details = g_strdup_printf ("{\"product\":\"cards_individuals\",\"status\":\"in_kyc\","
                                 "\"group_id\":\"identity_document\",\"kind\":\"document\","
                                 "\"name\":\"Identity document\",\"document_type\":\"passport\","
                                 "\"sides\":{\"front\":{\"sha256\":\"%064u\"}},"
                                 "\"rejection_description\":\"Event %u\",\"message\":\"Timed out\","
                                 "\"fields\":[\"email\"]}", i, i);
      event->details = json_from_string (details, NULL);
      pending++;
      dossier_journal_add_event_async (journal, event, NULL,
                                       NULL, NULL);
    }

  /* The journal runs its jobs in order: a flush after them means they are written. */
  {
    g_autoptr(GAsyncResult) flushed = NULL;
    g_autoptr(GError) error = NULL;

    dossier_journal_flush_async (journal, NULL, on_done, &flushed);
    while (flushed == NULL)
      g_main_context_iteration (NULL, TRUE);
    if (!dossier_journal_flush_finish (journal, flushed, &error))
      g_error ("flush: %s", error->message);
  }
  fprintf (stderr, "stored %u events\n", pending);
}

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return (x > y) - (x < y);
}

static double
median (double *values,
        guint   n)
{
  qsort (values, n, sizeof (double), compare_doubles);
  return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(DossierJournal) journal = NULL;
  g_autoptr(DossierApi) api = NULL;
  g_autoptr(DossierRequestCache) cache = NULL;
  g_autoptr(GAsyncResult) opened = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree double *full = NULL;
  g_autofree double *empty = NULL;
  guint runs;

  if (argc != 3)
    {
      fprintf (stderr, "usage: %s JOURNAL RUNS\n", argv[0]);
      return 2;
    }
  runs = MAX (1, atoi (argv[2]));

  gtk_init ();
  adw_init ();
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  dossier_journal_new_full_async (argv[1], DOSSIER_JOURNAL_FLAGS_NO_KEYRING, NULL, on_done, &opened);
  while (opened == NULL)
    g_main_context_iteration (NULL, TRUE);
  journal = dossier_journal_new_finish (opened, &error);
  if (journal == NULL)
    g_error ("journal: %s", error->message);
  fill_journal (journal);

  /* Nothing listens there: both pages show the same failed request list. */
  api = dossier_api_new ("http://127.0.0.1:9", "bench-key");
  cache = dossier_request_cache_new (api);
  dossier_request_cache_set_journal (cache, journal);

  measure (cache, FALSE);
  measure (cache, TRUE);

  full = g_new0 (double, runs);
  empty = g_new0 (double, runs);
  for (guint i = 0; i < runs; i++)
    {
      if (i % 2 == 0)
        {
          empty[i] = measure (cache, FALSE);
          full[i] = measure (cache, TRUE);
        }
      else
        {
          full[i] = measure (cache, TRUE);
          empty[i] = measure (cache, FALSE);
        }
      fprintf (stderr, "T run-done %ld\n", (long) g_get_monotonic_time () / 1000);
  printf ("run %u: timeline %.1f ms, empty client page %.1f ms\n", i + 1, full[i], empty[i]);
    }

  {
    double f = median (full, runs);
    double e = median (empty, runs);

    /* The PDF export time of these 5 000 events (issue 11, part 6) is reported by the
     * export's own measurement on the line before this last one. */
    printf ("bench-timeline: %.1f ms vs empty-client-page %.1f ms = ratio %.2f\n", f, e, f / e);
  }

  return 0;
}
