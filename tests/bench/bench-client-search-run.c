/* bench-client-search-run.c — keystroke to painted frame over 100 000 clients: Dossier's
 * list against a stock GtkStringFilter over the same model
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Usage (under Xvfb, with scratch XDG dirs: see bench-client-search):
 *   bench-client-search-run [ROUNDS]
 * Builds 100 000 generated clients (bench-clients.h) into a DossierClientList through the real
 * JSON parser, then opens two windows of the same size, each a search entry over a list:
 *   dossier  the window's stack: GtkListView over GtkSingleSelection over
 *            DossierClientFilterModel (sorted by name), with the window's row factory
 *            (dossier_client_row_factory_new(), DossierClientRow), the entry's text setting
 *            the model's query, as DossierWindow does;
 *   anchor   GtkListView over GtkSingleSelection over GtkFilterListModel with a stock
 *            GtkStringFilter on name + email + id, over the same DossierClientList, with a row
 *            as light (three labels set on bind), the entry's text setting the search.
 * Both follow the entry's notify::text, once per change of the text: a keystroke is set as
 * the whole text (gtk_editable_set_text(), which "changed" reports twice, emptied and then
 * filled, and notify::text once, as typing a character does).
 * For each keystroke of the sequence, the time from setting the entry's text until a frame's
 * after-paint whose before-paint found the filter with nothing pending. Rounds alternate
 * between the two; the worst over rounds is kept per keystroke. Not a test: it asserts
 * nothing about the times.
 */
#include "config.h"

#include <adwaita.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#if __has_include(<valgrind/callgrind.h>)
#include <valgrind/callgrind.h>
#else
#define CALLGRIND_TOGGLE_COLLECT
#define CALLGRIND_DUMP_STATS_AT(name)
#endif

#include "bench-clients.h"
#include "dossier-client-filter-model.h"
#include "dossier-client-list.h"
#include "dossier-client-row.h"
#include "dossier-json.h"

#define N_CLIENTS 100000
/* Quiet time between keystrokes, so that each starts from an idle main loop. */
#define SETTLE_MS 40

static const char * const sequence[] = {
  "m", "ma", "mar", "mari", "maria", "maria ", "maria p", "maria pe", "maria pen",
  "maria penq", "maria penqz",             /* no match */
  "maria penq", "maria pen", "maria pe",   /* back-space */
  "",                                      /* cleared at once */
  "jose", "",                              /* a short name, cleared */
};

typedef struct {
  const char       *name;
  GtkWidget        *window;
  GtkEditable      *entry;
  GtkWidget        *list_view;
  DossierClientFilterModel *own;      /* NULL for the anchor */
  GtkFilterListModel       *filtered; /* NULL for Dossier */
  double            worst[G_N_ELEMENTS (sequence)];
  double            worst_cpu[G_N_ELEMENTS (sequence)];
  guint             matches[G_N_ELEMENTS (sequence)];
} Subject;

typedef struct {
  GApplication *app;
  DossierClientList *clients;
  Subject       subjects[2];
  guint         rounds;
  guint         round;
  guint         subject;
  guint         step;
  gint64        t0;
  gint64        cpu0;
  gboolean      waiting;
  gboolean      ready_at_start;
  gboolean      profile;      /* BENCH_CALLGRIND: Dossier only, collected per keystroke */
} Bench;

static gboolean
subject_pending (Subject *s)
{
  if (s->own != NULL)
    return dossier_client_filter_model_get_pending (s->own);
  return gtk_filter_list_model_get_pending (s->filtered) != 0;
}

static guint
subject_matches (Subject *s)
{
  if (s->own != NULL)
    return dossier_client_filter_model_get_n_matches (s->own);
  return g_list_model_get_n_items (G_LIST_MODEL (s->filtered));
}

static void bench_next (Bench *bench);

/* The main thread's CPU time: what a keystroke costs when other processes share the cores. */
static gint64
thread_cpu_time (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return (gint64) ts.tv_sec * G_USEC_PER_SEC + ts.tv_nsec / 1000;
}

static gboolean
keystroke_cb (gpointer user_data)
{
  Bench *bench = user_data;
  Subject *s = &bench->subjects[bench->subject];

  bench->waiting = TRUE;
  bench->ready_at_start = FALSE;
  bench->t0 = g_get_monotonic_time ();
  bench->cpu0 = thread_cpu_time ();
  if (bench->profile)
    CALLGRIND_TOGGLE_COLLECT;
  gtk_editable_set_text (s->entry, sequence[bench->step]);
  /* The entry redraws anyway; this only makes sure a frame follows every keystroke. */
  gtk_widget_queue_draw (GTK_WIDGET (s->entry));
  return G_SOURCE_REMOVE;
}

static void
before_paint_cb (GdkFrameClock *clock,
                 Bench         *bench)
{
  if (bench->waiting)
    bench->ready_at_start = !subject_pending (&bench->subjects[bench->subject]);
}

static void
after_paint_cb (GdkFrameClock *clock,
                Bench         *bench)
{
  Subject *s = &bench->subjects[bench->subject];
  double ms;
  double cpu_ms;

  if (!bench->waiting || !bench->ready_at_start
      || gtk_widget_get_frame_clock (s->window) != clock)
    return;

  ms = (g_get_monotonic_time () - bench->t0) / 1000.0;
  cpu_ms = (thread_cpu_time () - bench->cpu0) / 1000.0;
  if (bench->profile)
    {
      g_autofree char *name = g_strdup_printf ("\"%s\"", sequence[bench->step]);

      CALLGRIND_TOGGLE_COLLECT;
      CALLGRIND_DUMP_STATS_AT (name);
    }
  bench->waiting = FALSE;
  s->worst[bench->step] = MAX (s->worst[bench->step], ms);
  s->worst_cpu[bench->step] = MAX (s->worst_cpu[bench->step], cpu_ms);
  s->matches[bench->step] = subject_matches (s);
  if (g_getenv ("BENCH_DEBUG") != NULL)
    g_printerr ("round %u %s \"%s\": %.1f ms (main-thread CPU %.1f ms), %u matches\n",
                bench->round, s->name, sequence[bench->step], ms, cpu_ms, s->matches[bench->step]);

  bench->step++;
  if (bench->step == G_N_ELEMENTS (sequence))
    {
      bench->step = 0;
      bench->subject++;
      if (bench->subject == G_N_ELEMENTS (bench->subjects) || bench->profile)
        {
          bench->subject = 0;
          bench->round++;
        }
    }
  bench_next (bench);
}

static void
print_results (Bench *bench)
{
  Subject *own = &bench->subjects[0];
  Subject *anchor = &bench->subjects[1];
  double own_worst = 0;
  double anchor_worst = 0;
  double own_cpu = 0;
  double anchor_cpu = 0;

  printf ("wall time (main-thread CPU time) from setting the text to the frame painted\n");
  printf ("%-14s %21s %7s %21s %7s\n", "keystroke", "dossier", "matches", "GtkStringFilter", "matches");
  for (guint i = 0; i < G_N_ELEMENTS (sequence); i++)
    {
      g_autofree char *quoted = g_strdup_printf ("\"%s\"", sequence[i]);

      printf ("%-14s %7.1f ms (%6.1f ms) %7u %7.1f ms (%6.1f ms) %7u\n", quoted,
              own->worst[i], own->worst_cpu[i], own->matches[i],
              anchor->worst[i], anchor->worst_cpu[i], anchor->matches[i]);
      own_worst = MAX (own_worst, own->worst[i]);
      anchor_worst = MAX (anchor_worst, anchor->worst[i]);
      own_cpu = MAX (own_cpu, own->worst_cpu[i]);
      anchor_cpu = MAX (anchor_cpu, anchor->worst_cpu[i]);
    }
  printf ("main-thread CPU, worst keystroke: %.1f ms vs GtkStringFilter %.1f ms = ratio %.2f\n",
          own_cpu, anchor_cpu, own_cpu / anchor_cpu);
  printf ("worst keystroke to painted frame over %u rounds, %u clients\n", bench->rounds,
          g_list_model_get_n_items (G_LIST_MODEL (bench->clients)));
  printf ("bench-client-search: %.1f ms vs GtkStringFilter %.1f ms = ratio %.2f\n",
          own_worst, anchor_worst, own_worst / anchor_worst);
  fflush (stdout);
}

static void
bench_next (Bench *bench)
{
  if (bench->round == bench->rounds)
    {
      print_results (bench);
      g_application_quit (bench->app);
      return;
    }
  g_timeout_add (SETTLE_MS, keystroke_cb, bench);
}

/* The anchor's row: as light as DossierClientRow (three labels, set on bind). */
static void
anchor_setup_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *list_item)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);

  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  for (guint i = 0; i < 3; i++)
    {
      GtkWidget *label = gtk_label_new (NULL);

      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_widget_add_css_class (label, i == 0 ? "heading" : "caption");
      if (i == 2)
        gtk_widget_add_css_class (label, "dim-label");
      gtk_box_append (GTK_BOX (box), label);
    }
  gtk_list_item_set_child (list_item, box);
}

static void
anchor_bind_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *list_item)
{
  DossierClient *client = gtk_list_item_get_item (list_item);
  GtkWidget *label = gtk_widget_get_first_child (gtk_list_item_get_child (list_item));
  g_autofree char *name = dossier_client_get_display_name (client);

  gtk_label_set_text (GTK_LABEL (label), name);
  label = gtk_widget_get_next_sibling (label);
  gtk_label_set_text (GTK_LABEL (label), dossier_client_get_email (client));
  label = gtk_widget_get_next_sibling (label);
  gtk_label_set_text (GTK_LABEL (label), dossier_client_get_status (client));
}

static char *
search_key (GObject *item)
{
  DossierClient *client = DOSSIER_CLIENT (item);
  g_autofree char *name = dossier_client_get_display_name (client);

  return g_strjoin (" ", name, dossier_client_get_email (client), dossier_client_get_id (client), NULL);
}

static void
own_changed_cb (GtkEditable              *entry,
                GParamSpec               *pspec,
                DossierClientFilterModel *model)
{
  dossier_client_filter_model_set_query (model, gtk_editable_get_text (entry));
}

static void
anchor_changed_cb (GtkEditable     *entry,
                   GParamSpec      *pspec,
                   GtkStringFilter *filter)
{
  gtk_string_filter_set_search (filter, gtk_editable_get_text (entry));
}

static void
subject_window (Bench              *bench,
                Subject            *s,
                GtkListItemFactory *factory,
                GListModel         *model)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *entry = gtk_search_entry_new ();

  s->window = adw_application_window_new (GTK_APPLICATION (bench->app));
  gtk_window_set_title (GTK_WINDOW (s->window), s->name);
  gtk_window_set_default_size (GTK_WINDOW (s->window), 480, 640);
  gtk_search_entry_set_search_delay (GTK_SEARCH_ENTRY (entry), 0);
  s->entry = GTK_EDITABLE (entry);
  s->list_view = gtk_list_view_new (GTK_SELECTION_MODEL (gtk_single_selection_new (model)), factory);
  gtk_widget_add_css_class (s->list_view, "navigation-sidebar");
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), s->list_view);
  gtk_widget_set_vexpand (scrolled, TRUE);
  gtk_box_append (GTK_BOX (box), adw_header_bar_new ());
  gtk_box_append (GTK_BOX (box), entry);
  gtk_box_append (GTK_BOX (box), scrolled);
  adw_application_window_set_content (ADW_APPLICATION_WINDOW (s->window), box);
  gtk_window_present (GTK_WINDOW (s->window));
}

static void
on_done (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static void
realized_cb (GtkWidget *window,
             Bench     *bench)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (window);

  g_signal_connect (clock, "before-paint", G_CALLBACK (before_paint_cb), bench);
  g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), bench);
}

static gboolean
start_when_ready_cb (gpointer user_data)
{
  Bench *bench = user_data;

  for (guint i = 0; i < G_N_ELEMENTS (bench->subjects); i++)
    if (subject_pending (&bench->subjects[i]) || !gtk_widget_get_mapped (bench->subjects[i].window))
      return G_SOURCE_CONTINUE;

  bench_next (bench);
  return G_SOURCE_REMOVE;
}

static void
activate_cb (GApplication *app,
             Bench        *bench)
{
  g_autoptr(GBytes) body = bench_clients_build_json (N_CLIENTS);
  g_autoptr(GAsyncResult) parsed = NULL;
  g_autoptr(GPtrArray) clients = NULL;
  g_autoptr(GError) error = NULL;
  GtkListItemFactory *factory;
  GtkStringFilter *filter;
  GtkExpression *expression;

  dossier_json_parse_clients_async (body, NULL, on_done, &parsed);
  while (parsed == NULL)
    g_main_context_iteration (NULL, TRUE);
  clients = dossier_json_parse_clients_finish (parsed, &error);
  if (clients == NULL)
    g_error ("parse: %s", error->message);
  bench->clients = dossier_client_list_new ();
  dossier_client_list_merge (bench->clients, clients);

  /* Dossier: the window's model and row factory (sorted by name, the default). */
  g_type_ensure (DOSSIER_TYPE_CLIENT_ROW);
  bench->subjects[0].name = "dossier";
  bench->subjects[0].own = dossier_client_filter_model_new (G_LIST_MODEL (bench->clients), NULL);
  dossier_client_filter_model_set_sort_order (bench->subjects[0].own, DOSSIER_SORT_NAME);
  factory = dossier_client_row_factory_new ();
  subject_window (bench, &bench->subjects[0], factory,
                  G_LIST_MODEL (g_object_ref (bench->subjects[0].own)));
  g_signal_connect (bench->subjects[0].entry, "notify::text", G_CALLBACK (own_changed_cb),
                    bench->subjects[0].own);

  /* The anchor: stock GtkStringFilter over the same list. */
  expression = gtk_cclosure_expression_new (G_TYPE_STRING, NULL, 0, NULL,
                                            G_CALLBACK (search_key), NULL, NULL);
  filter = gtk_string_filter_new (expression);
  gtk_string_filter_set_ignore_case (filter, TRUE);
  gtk_string_filter_set_match_mode (filter, GTK_STRING_FILTER_MATCH_MODE_SUBSTRING);
  bench->subjects[1].name = "anchor";
  bench->subjects[1].filtered = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (bench->clients)),
                                                           GTK_FILTER (g_object_ref (filter)));
  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (anchor_setup_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (anchor_bind_cb), NULL);
  subject_window (bench, &bench->subjects[1], factory,
                  G_LIST_MODEL (g_object_ref (bench->subjects[1].filtered)));
  g_signal_connect_object (bench->subjects[1].entry, "notify::text", G_CALLBACK (anchor_changed_cb),
                           filter, 0);
  g_object_unref (filter);

  for (guint i = 0; i < G_N_ELEMENTS (bench->subjects); i++)
    {
      if (gtk_widget_get_realized (bench->subjects[i].window))
        realized_cb (bench->subjects[i].window, bench);
      else
        g_signal_connect_after (bench->subjects[i].window, "realize", G_CALLBACK (realized_cb), bench);
    }

  g_timeout_add (100, start_when_ready_cb, bench);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(AdwApplication) app = NULL;
  Bench bench = { 0 };
  int status;

  bench.rounds = argc > 1 ? (guint) g_ascii_strtoull (argv[1], NULL, 10) : 3;
  /* Under `valgrind --tool=callgrind --collect-atstart=no`: one dump per keystroke. */
  bench.profile = g_getenv ("BENCH_CALLGRIND") != NULL;
  if (bench.rounds == 0)
    bench.rounds = 1;

  app = adw_application_new ("io.github.dossier_app.BenchSearch", G_APPLICATION_NON_UNIQUE);
  bench.app = G_APPLICATION (app);
  g_signal_connect (app, "activate", G_CALLBACK (activate_cb), &bench);
  status = g_application_run (G_APPLICATION (app), 0, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (bench.subjects); i++)
    {
      g_clear_object (&bench.subjects[i].own);
      g_clear_object (&bench.subjects[i].filtered);
    }
  g_clear_object (&bench.clients);
  return status;
}
