/* timeline-test-utils.h — a scratch journal with a client's timeline, for test-timeline.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The client's events on three days, as the recorder and the uploader write them (one
 * accepted upload with its thumbnail), and a note; a window holding the view.
 */
#pragma once

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>

#include "dossier-timeline-item.h"
#include "dossier-timeline-row.h"
#include "dossier-timeline-view.h"
#include "dossier-ui-test-utils.h"

#define CLIENT "4QWq1rQtjnLM0wMswTRY9AmM4XTvY4GG"
#define REQUEST "2VvyMx6rNLRB1W9euCyJGe46qyoiVPzh"

typedef struct {
  char           *dir;
  char           *path;
  DossierJournal *journal;
  GtkWidget      *window;
  GtkWidget      *view;
  GAsyncResult   *result;
} Fixture;

static inline void
catch_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  Fixture *f = user_data;

  g_assert_null (f->result);
  f->result = g_object_ref (result);
}

static inline gboolean
has_result (gpointer data)
{
  return ((Fixture *) data)->result != NULL;
}

static inline GAsyncResult *
await (Fixture *f)
{
  g_assert_true (dossier_test_wait_until (has_result, f, 20000));
  return g_steal_pointer (&f->result);
}

/* Local time today minus days_ago, at hour:minute, in UTC microseconds. Today's times
 * are squeezed into the part of today already gone, so they stay today and in the past. */
static inline gint64
at (int days_ago,
    int hour,
    int minute)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) day = g_date_time_add_days (now, -days_ago);
  g_autoptr(GDateTime) midnight = g_date_time_new_local (g_date_time_get_year (day), g_date_time_get_month (day),
                                                         g_date_time_get_day_of_month (day), 0, 0, 0);
  gint64 start = g_date_time_to_unix (midnight) * G_USEC_PER_SEC;
  gint64 offset = (hour * 60 + minute) * G_TIME_SPAN_MINUTE;

  if (days_ago == 0)
    offset = (g_get_real_time () - start) * (hour * 60 + minute) / (24 * 60);
  return start + offset;
}

static inline void
add_event (Fixture    *f,
           int         days_ago,
           int         hour,
           int         minute,
           const char *kind,
           const char *trace_id,
           gboolean    observed,
           const char *details)
{
  g_autoptr(DossierJournalEvent) event = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  event = dossier_journal_event_new (CLIENT, g_str_has_prefix (kind, "client-") ? NULL : REQUEST,
                                     kind, at (days_ago, hour, minute));
  event->trace_id = g_strdup (trace_id);
  event->observed = observed;
  event->action = g_strdup (g_str_equal (kind, "failure") ? "upload-document" : NULL);
  if (details != NULL)
    event->details = json_from_string (details, &error);
  g_assert_no_error (error);
  dossier_journal_add_event_async (f->journal, event, NULL, catch_cb, f);
  result = await (f);
  g_assert_cmpint (dossier_journal_add_event_finish (f->journal, result, &error), >, 0);
  g_assert_no_error (error);
}

/* An accepted upload with a thumbnail, as the uploader leaves it; returns its id. */
static inline gint64
add_upload (Fixture *f)
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, 120, 160);
  g_autoptr(DossierJournalUpload) upload = NULL;
  g_autoptr(GAsyncResult) r1 = NULL, r2 = NULL;
  g_autoptr(GBytes) front = g_bytes_new_static ("jpeg bytes", 10);
  g_autoptr(GBytes) thumbnail = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *png = NULL;
  gsize size;
  gint64 id;

  for (int y = 0; y < 160; y++)
    for (int x = 0; x < 120; x++)
      {
        guint8 *p = gdk_pixbuf_get_pixels (pixbuf) + y * gdk_pixbuf_get_rowstride (pixbuf) + x * 3;
        gboolean photo = x > 10 && x < 50 && y > 30 && y < 90;
        gboolean band = (y / 8) % 3 == 0 && x > 60 && x < 110;

        p[0] = photo ? 90 : band ? 60 : 200;
        p[1] = photo ? 70 : band ? 80 : 40 + y / 4;
        p[2] = photo ? 60 : band ? 140 : 60;
      }
  g_assert_true (gdk_pixbuf_save_to_buffer (pixbuf, &png, &size, "png", &error, NULL));
  thumbnail = g_bytes_new_take (g_steal_pointer (&png), size);

  upload = dossier_journal_upload_new (CLIENT, REQUEST, "identity_document", "passport", front, NULL);
  dossier_journal_enqueue_upload_async (f->journal, upload, NULL, catch_cb, f);
  r1 = await (f);
  id = dossier_journal_enqueue_upload_finish (f->journal, r1, &error);
  g_assert_no_error (error);
  dossier_journal_mark_upload_accepted_async (f->journal, id, thumbnail, NULL, catch_cb, f);
  r2 = await (f);
  g_assert_true (dossier_journal_mark_upload_accepted_finish (f->journal, r2, &error));
  g_assert_no_error (error);
  return id;
}

static inline void
add_note (Fixture    *f,
          const char *text)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  dossier_journal_add_note_async (f->journal, CLIENT, text, NULL, catch_cb, f);
  result = await (f);
  g_assert_cmpint (dossier_journal_add_note_finish (f->journal, result, &error), >, 0);
  g_assert_no_error (error);
}

static inline void
fill (Fixture *f)
{
  g_autofree char *uploaded = NULL;
  gint64 upload_id = add_upload (f);

  add_event (f, 3, 9, 12, "client-created", "tr-c1", FALSE, "{\"server_time\":\"x\"}");
  add_event (f, 3, 9, 14, "product-requested", "tr-p1", FALSE, "{\"product\":\"cards_individuals\",\"status\":\"pending_documentation\"}");
  add_event (f, 3, 9, 14, "requirement-appeared", "tr-p1", FALSE,
             "{\"group_id\":\"personal_information\",\"kind\":\"data\",\"name\":\"Personal information\",\"fields\":[\"phone\"]}");
  add_event (f, 3, 9, 14, "requirement-appeared", "tr-p1", FALSE,
             "{\"group_id\":\"identity_document\",\"kind\":\"document\",\"name\":\"Identity document\"}");
  add_event (f, 1, 16, 40, "client-updated", "tr-u1", FALSE,
             "{\"fields\":[\"phone\"],\"personal\":{\"before\":{},\"after\":{\"phone\":\"+54 1168860622\"}}}");
  add_event (f, 1, 16, 41, "requirement-satisfied", "tr-u1", TRUE,
             "{\"group_id\":\"personal_information\",\"kind\":\"data\",\"name\":\"Personal information\"}");
  add_event (f, 1, 16, 52, "document-rejected", "tr-d0", FALSE,
             "{\"document_type\":\"passport\",\"group_id\":\"identity_document\",\"reason\":\"Image is too blurry\"}");
  add_event (f, 0, 10, 3, "failure", "tr-f1", FALSE,
             "{\"message\":\"The server did not answer in time.\",\"http_status\":504}");
  uploaded = g_strdup_printf ("{\"upload_id\":%" G_GINT64_FORMAT ",\"document_type\":\"passport\","
                              "\"group_id\":\"identity_document\",\"sides\":{\"front\":{\"sha256\":\"ab\"},"
                              "\"back\":{\"sha256\":\"cd\"}}}", upload_id);
  add_event (f, 0, 10, 5, "document-uploaded", "tr-d1", FALSE, uploaded);
  add_event (f, 0, 10, 5, "requirement-satisfied", "tr-d1", FALSE,
             "{\"group_id\":\"identity_document\",\"kind\":\"document\",\"name\":\"Identity document\"}");
  add_event (f, 0, 10, 7, "submitted", "tr-s1", FALSE, "{\"status\":\"in_kyc\",\"product\":\"cards_individuals\"}");
  add_event (f, 0, 10, 7, "under-review", "tr-s1", FALSE, "{\"status\":\"in_kyc\",\"product\":\"cards_individuals\"}");
  add_event (f, 0, 11, 30, "rejected", "tr-r1", FALSE,
             "{\"status\":\"rejected\",\"product\":\"cards_individuals\",\"rejection_description\":\"The passport has expired.\"}");
  add_note (f, "Called Maria: she will bring her new passport on Monday.");
}

static inline void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;

  f->dir = g_dir_make_tmp ("dossier-timeline-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "journal.sqlite", NULL);
  dossier_journal_new_full_async (f->path, DOSSIER_JOURNAL_FLAGS_NO_KEYRING, NULL, catch_cb, f);
  result = await (f);
  f->journal = dossier_journal_new_finish (result, &error);
  g_assert_no_error (error);

  f->window = adw_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (f->window), 720, 900);
  f->view = dossier_timeline_view_new ();
  gtk_widget_set_margin_top (f->view, 24);
  gtk_widget_set_margin_bottom (f->view, 24);
  gtk_widget_set_margin_start (f->view, 24);
  gtk_widget_set_margin_end (f->view, 24);
  adw_window_set_content (ADW_WINDOW (f->window), f->view);
}

static inline void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  gtk_window_destroy (GTK_WINDOW (f->window));
  g_assert_finalize_object (f->journal);
  dir = g_dir_open (f->dir, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *file = g_build_filename (f->dir, name, NULL);
      g_remove (file);
    }
  g_rmdir (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

static inline gboolean
loaded (gpointer data)
{
  Fixture *f = data;

  return !dossier_timeline_view_get_loading (DOSSIER_TIMELINE_VIEW (f->view)) &&
         g_list_model_get_n_items (dossier_timeline_view_get_model (DOSSIER_TIMELINE_VIEW (f->view))) > 0;
}

static inline DossierTimelineItem *
item_at (Fixture *f,
         guint    position)
{
  g_autoptr(DossierTimelineItem) item =
    g_list_model_get_item (dossier_timeline_view_get_model (DOSSIER_TIMELINE_VIEW (f->view)), position);

  return item;  /* the model keeps it */
}

static inline char *
title_at (Fixture *f,
          guint    position)
{
  return dossier_timeline_item_dup_title (item_at (f, position));
}

static inline void
collect_rows (GtkWidget  *widget,
              GPtrArray  *rows)
{
  if (DOSSIER_IS_TIMELINE_ROW (widget) && gtk_widget_get_mapped (widget) &&
      dossier_timeline_row_get_item (DOSSIER_TIMELINE_ROW (widget)) != NULL)
    g_ptr_array_add (rows, widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_rows (child, rows);
}

static inline DossierTimelineRow *
find_row (Fixture    *f,
          const char *kind)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();

  collect_rows (f->view, rows);
  for (guint i = 0; i < rows->len; i++)
    {
      DossierTimelineItem *item = dossier_timeline_row_get_item (rows->pdata[i]);
      const DossierJournalEvent *event = dossier_timeline_item_get_event (item);

      if (event != NULL && g_str_equal (event->kind, kind))
        return rows->pdata[i];
    }
  return NULL;
}

static inline void
screenshot (Fixture    *f,
            const char *name)
{
  g_autofree char *saved = NULL;

  gtk_test_widget_wait_for_draw (f->window);
  saved = dossier_test_save_screenshot (f->window, name);
  g_assert_nonnull (saved);
  g_test_message ("screenshot: %s", saved);
}

