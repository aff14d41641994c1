/* bench-audit-export-run.c — the PDF export of a client with 5 000 events, against
 * cairo + pango writing as many plain lines with no layout logic
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Usage: bench-audit-export-run DIR [EVENTS] [ROUNDS]
 * Fills a journal in DIR with one client's EVENTS events (a mix of the kinds the
 * seed flow writes, with trace ids and hashes), a note and an accepted upload with a
 * thumbnail, then times, alternating, ROUNDS full exports (journal read, chain
 * verification, two layout passes, file written) and ROUNDS anchors: one line of
 * text per event, drawn with pango on a cairo PDF surface of the same paper, a new
 * page when the next line does not fit. Prints the medians on the last line.
 */
#include "config.h"

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <pango/pangocairo.h>
#include <cairo-pdf.h>
#include <gtk/gtk.h>
#include <locale.h>

#include "dossier-audit-export.h"

static GMainContext *context;

static void
catch_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static GAsyncResult *
wait_for (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (context, TRUE);
  return g_steal_pointer (slot);
}

static const char * const kinds[] = {
  DOSSIER_JOURNAL_EVENT_PRODUCT_REQUESTED, DOSSIER_JOURNAL_EVENT_REQUIREMENT_APPEARED,
  DOSSIER_JOURNAL_EVENT_DOCUMENT_UPLOADED, DOSSIER_JOURNAL_EVENT_DOCUMENT_ACCEPTED,
  DOSSIER_JOURNAL_EVENT_SUBMITTED, DOSSIER_JOURNAL_EVENT_FAILURE, DOSSIER_JOURNAL_EVENT_CLIENT_UPDATED,
};

static char *
event_details (guint i,
               char **trace)
{
  g_autofree char *sha = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) &i, sizeof i);

  *trace = g_strndup (sha + 8, 32);
  switch (i % G_N_ELEMENTS (kinds))
    {
    case 0:
      return g_strdup ("{\"product\":\"cards_individuals\",\"status\":\"pending_documentation\"}");
    case 1:
      return g_strdup ("{\"group_id\":\"identity_document\",\"kind\":\"document\",\"fields\":[\"passport\"]}");
    case 2:
      return g_strdup_printf ("{\"upload_id\":%u,\"group_id\":\"identity_document\",\"document_type\":"
                              "\"passport\",\"sides\":{\"front\":{\"sha256\":\"%s\"}}}", i, sha);
    case 3:
      return g_strdup_printf ("{\"upload_id\":%u,\"document_type\":\"passport\"}", i);
    case 4:
      return g_strdup ("{\"status\":\"in_kyc\"}");
    case 5:
      return g_strdup_printf ("{\"message\":\"The provider did not answer in time (attempt %u); "
                              "the request was retried later.\",\"http_status\":504}", i);
    default:
      return g_strdup ("{\"fields\":[\"email\",\"phone\"]}");
    }
}

static void
fill_journal (DossierJournal *journal,
              const char     *client_id,
              guint           n_events)
{
  gint64 start = g_get_real_time () - (gint64) n_events * G_USEC_PER_SEC * 60;
  guint pending = 0;

  for (guint i = 0; i < n_events; i++)
    {
      g_autoptr(DossierJournalEvent) event = dossier_journal_event_new (client_id, "bench-request",
                                                                        kinds[i % G_N_ELEMENTS (kinds)],
                                                                        start + (gint64) i * 60 * G_USEC_PER_SEC);
      g_autofree char *details = event_details (i, &event->trace_id);

      event->details = json_from_string (details, NULL);
      dossier_journal_add_event_async (journal, event, NULL, NULL, NULL);
      pending++;
    }
  {
    GAsyncResult *slot = NULL;
    g_autoptr(GAsyncResult) result = NULL;

    dossier_journal_flush_async (journal, NULL, catch_cb, &slot);
    result = wait_for (&slot);
    g_assert_true (dossier_journal_flush_finish (journal, result, NULL));
  }
  g_print ("%u events written\n", pending);
}

static double
time_export (DossierJournal *journal,
             DossierClient  *client,
             GPtrArray      *requests,
             const char     *path,
             guint          *pages)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GAsyncResult *slot = NULL;
  gint64 t0 = g_get_monotonic_time ();

  dossier_audit_export_pdf_async (journal, client, requests, "Bench account", file, NULL, catch_cb, &slot);
  result = wait_for (&slot);
  if (!dossier_audit_export_pdf_finish (result, pages, &error))
    g_error ("export failed: %s", error->message);
  return (g_get_monotonic_time () - t0) / 1000.0;
}

/* The anchor: as many plain lines as events, no tables, no measuring pass. */
static double
time_plain (const char *path,
            guint       n_lines,
            double      width,
            double      height)
{
  gint64 t0 = g_get_monotonic_time ();
  cairo_surface_t *surface = cairo_pdf_surface_create (path, width, height);
  cairo_t *cr = cairo_create (surface);
  PangoLayout *layout = pango_cairo_create_layout (cr);
  PangoFontDescription *font = pango_font_description_from_string ("Cantarell, DejaVu Sans, Sans 9");
  double y = 54;

  pango_layout_set_font_description (layout, font);
  for (guint i = 0; i < n_lines; i++)
    {
      g_autofree char *trace = NULL;
      g_autofree char *details = event_details (i, &trace);
      g_autofree char *line = g_strdup_printf ("2026-11-29 03:%02u:00 +00:00  %s  %s  %s", i % 60,
                                               kinds[i % G_N_ELEMENTS (kinds)], details, trace);
      int line_height;

      pango_layout_set_text (layout, line, -1);
      pango_layout_get_size (layout, NULL, &line_height);
      if (y + line_height / (double) PANGO_SCALE > height - 54)
        {
          cairo_show_page (cr);
          y = 54;
        }
      cairo_move_to (cr, 54, y);
      pango_cairo_show_layout (cr, layout);
      y += line_height / (double) PANGO_SCALE;
    }
  pango_font_description_free (font);
  g_object_unref (layout);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  cairo_surface_destroy (surface);
  return (g_get_monotonic_time () - t0) / 1000.0;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

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
  const char *dir = argc > 1 ? argv[1] : g_get_tmp_dir ();
  guint n_events = argc > 2 ? (guint) g_ascii_strtoull (argv[2], NULL, 10) : 5000;
  guint rounds = argc > 3 ? (guint) g_ascii_strtoull (argv[3], NULL, 10) : 3;
  g_autofree char *journal_path = g_build_filename (dir, "bench-journal.sqlite", NULL);
  g_autofree char *pdf = g_build_filename (dir, "bench-dossier.pdf", NULL);
  g_autofree char *plain = g_build_filename (dir, "bench-plain.pdf", NULL);
  g_autoptr(DossierJournal) journal = NULL;
  g_autoptr(DossierClient) client = NULL;
  g_autoptr(GPtrArray) requests = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GArray) exports = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) anchors = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  GtkPaperSize *paper;
  GAsyncResult *slot = NULL;
  guint pages = 0;
  double width, height;

  setlocale (LC_ALL, "");
  context = g_main_context_default ();
  paper = gtk_paper_size_new (NULL);
  width = gtk_paper_size_get_width (paper, GTK_UNIT_POINTS);
  height = gtk_paper_size_get_height (paper, GTK_UNIT_POINTS);
  gtk_paper_size_free (paper);

  {
    g_autoptr(JsonNode) client_json = json_from_string (
        "{\"id\":\"bench-client\",\"status\":\"active\",\"first_name\":\"Maria\",\"last_name\":\"Barber\","
        "\"email\":\"mjuliabarber@example.com\",\"birth_date\":\"1984-11-21\","
        "\"created_at\":\"2026-01-02T10:00:00Z\",\"updated_at\":\"2026-11-29T03:00:00Z\"}", NULL);
    g_autoptr(JsonNode) request_json = json_from_string (
        "{\"id\":\"bench-request\",\"client_id\":\"bench-client\",\"product\":\"cards_individuals\","
        "\"status\":\"enabled\",\"missing_requirements\":{},\"created_at\":\"2026-01-02T10:00:00Z\","
        "\"updated_at\":\"2026-11-29T03:00:00Z\"}", NULL);

    client = dossier_client_new_from_json (client_json, &error);
    g_assert_no_error (error);
    g_ptr_array_add (requests, dossier_product_request_new_from_json (request_json, &error));
    g_assert_no_error (error);
  }

  dossier_journal_new_full_async (journal_path, DOSSIER_JOURNAL_FLAGS_NO_KEYRING, NULL, catch_cb, &slot);
  result = wait_for (&slot);
  journal = dossier_journal_new_finish (result, &error);
  g_assert_no_error (error);
  fill_journal (journal, "bench-client", n_events);
  dossier_journal_add_note_async (journal, "bench-client", "A note kept with the dossier.", NULL, NULL, NULL);

  for (guint i = 0; i < rounds; i++)
    {
      double export_ms = time_export (journal, client, requests, pdf, &pages);
      double plain_ms = time_plain (plain, n_events, width, height);

      g_array_append_val (exports, export_ms);
      g_array_append_val (anchors, plain_ms);
      g_print ("round %u: export %.0f ms (%u pages), plain lines %.0f ms\n", i + 1, export_ms, pages,
               plain_ms);
    }

  {
    double e = median (exports);
    double a = median (anchors);

    g_print ("bench-audit-export: %.0f ms vs pdf-text-only %.0f ms = ratio %.2f\n", e, a, e / a);
  }

  g_clear_object (&journal);
  return 0;
}
