/* test-timeline-retries.c — failures worded when read, retried calls, the PDF's order
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A failed call is worded from what the journal kept (its kind, code and status) in the
 * language of the moment, never from the sentence stored with it, except in entries
 * older than those members; a failed upload that went through when sent again reads as
 * such in the timeline and in the exported dossier. The timeline's rows keep the trace id
 * out of their second line. The dossier lists events of one second by journal number,
 * and says how many of the journal's events are the client's. Built twice: the binary
 * whose name ends in -es runs in Spanish.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "dossier-audit-export-private.h"
#include "dossier-failure-wording.h"
#include "timeline-test-utils.h"

static gboolean spanish;

static JsonNode *
details (const char *json)
{
  g_autoptr(GError) error = NULL;
  JsonNode *node = json_from_string (json, &error);

  g_assert_no_error (error);
  return node;
}

static char *
reason (const char *json)
{
  g_autoptr(JsonNode) node = details (json);

  return dossier_failure_wording_reason (node);
}

/* The stored English sentence is never shown when the kind or code is there. */
static void
test_failure_reason (void)
{
  g_autofree char *server = reason ("{\"message\":\"The server had a problem (HTTP 503). Try again later.\","
                                    "\"error\":\"server\",\"code\":\"SERVICE_UNAVAILABLE\",\"http_status\":503}");
  g_autofree char *timeout = reason ("{\"message\":\"English words\",\"error\":\"timeout\"}");
  g_autofree char *offline = reason ("{\"message\":\"Could not reach the server: Connection refused\","
                                     "\"error\":\"offline\"}");
  g_autofree char *duplicate = reason ("{\"message\":\"x\",\"error\":\"validation\",\"code\":\"DUPLICATE_CLIENT\","
                                       "\"http_status\":412,\"server_message\":"
                                       "\"Duplicate Client: a client with email a@b.cc already exists\"}");
  g_autofree char *state = reason ("{\"message\":\"x\",\"code\":\"INVALID_STATE\",\"http_status\":412}");
  g_autofree char *busy = reason ("{\"message\":\"x\",\"error\":\"rate-limited\",\"http_status\":429}");
  g_autofree char *bare = reason ("{\"http_status\":503}");
  g_autofree char *old = reason ("{\"message\":\"An entry of an older version.\"}");
  g_autofree char *nothing = reason ("{}");

  g_test_message ("server: %s; timeout: %s; offline: %s; duplicate: %s; state: %s; busy: %s",
                  server, timeout, offline, duplicate, state, busy);
  if (spanish)
    {
      /* A msgid the catalogue already has: the words follow today's locale. */
      g_assert_cmpstr (timeout, ==, "El servidor no respondió a tiempo.");
      g_assert_cmpstr (duplicate, ==, "Otro cliente ya usa la dirección de correo a@b.cc.");
    }
  else
    {
      g_assert_cmpstr (server, ==, "The server had a problem (HTTP 503).");
      g_assert_cmpstr (timeout, ==, "The server did not answer in time.");
      g_assert_cmpstr (offline, ==, "Dossier could not reach the server.");
      g_assert_cmpstr (duplicate, ==, "Another client already uses the email address a@b.cc.");
      g_assert_cmpstr (state, ==, "The request cannot be changed in its current status.");
      g_assert_cmpstr (busy, ==, "The server was busy: too many requests.");
    }
  g_assert_null (strstr (server, "Try again later"));
  g_assert_null (strstr (offline, "Connection refused"));
  g_assert_null (strstr (timeout, "English"));
  /* Only an entry without kind and code shows its own words. */
  g_assert_cmpstr (old, ==, "An entry of an older version.");
  if (!spanish)
    g_assert_cmpstr (bare, ==, "The server had a problem (HTTP 503).");
  g_assert_null (nothing);
}

static DossierJournalEvent *
event (gint64      id,
       gint64      second,
       gint64      micro,
       const char *kind,
       const char *action,
       const char *json)
{
  DossierJournalEvent *e = dossier_journal_event_new (CLIENT, REQUEST, kind, second * G_USEC_PER_SEC + micro);

  e->id = id;
  e->action = g_strdup (action);
  e->trace_id = g_strdup_printf ("trace-%" G_GINT64_FORMAT, id);
  e->digest = g_strdup ("d");
  e->details = json != NULL ? details (json) : NULL;
  return e;
}

/* Only an upload or a submit of the same request that went through later pairs. */
static void
test_failure_link (void)
{
  g_autoptr(GPtrArray) events = g_ptr_array_new_with_free_func ((GDestroyNotify) dossier_journal_event_free);
  g_autoptr(GHashTable) links = NULL;
  DossierJournalEvent *upload_failure, *submit_failure, *update_failure, *uploaded;

  g_ptr_array_add (events, upload_failure = event (1, 100, 0, "failure", "upload-document", "{\"error\":\"server\"}"));
  g_ptr_array_add (events, update_failure = event (2, 101, 0, "failure", "update-client", "{\"error\":\"offline\"}"));
  g_ptr_array_add (events, submit_failure = event (3, 102, 0, "failure", "submit", "{\"error\":\"timeout\"}"));
  g_ptr_array_add (events, uploaded = event (4, 103, 0, "document-uploaded", NULL, "{\"document_type\":\"passport\"}"));
  g_ptr_array_add (events, event (5, 104, 0, "client-updated", "update-client", "{\"fields\":[\"phone\"]}"));

  links = dossier_failure_wording_link (events, FALSE);
  g_assert_true (g_hash_table_lookup (links, upload_failure) == uploaded);
  /* The submit never went through; a later save is no proof the failed one did. */
  g_assert_null (g_hash_table_lookup (links, submit_failure));
  g_assert_null (g_hash_table_lookup (links, update_failure));
  g_assert_cmpuint (g_hash_table_size (links), ==, 1);

  /* The same read newest first. */
  for (guint i = 0; i < events->len / 2; i++)
    {
      gpointer swap = events->pdata[i];

      events->pdata[i] = events->pdata[events->len - 1 - i];
      events->pdata[events->len - 1 - i] = swap;
    }
  g_clear_pointer (&links, g_hash_table_unref);
  links = dossier_failure_wording_link (events, TRUE);
  g_assert_true (g_hash_table_lookup (links, upload_failure) == uploaded);
  g_assert_cmpuint (g_hash_table_size (links), ==, 1);
}

static void
text_read_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  char *text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (source), result, NULL);

  *(char **) user_data = text != NULL ? text : g_strdup ("");
}

static gboolean
has_text (gpointer data)
{
  return *(char **) data != NULL;
}

static gboolean
is_retried (gpointer data)
{
  return dossier_timeline_item_get_retried_at (data) > 0;
}

/* The 503 before an accepted upload: neutral, retried, in the current locale; the trace
 * id in the tooltip, not in the second line. */
static void
test_timeline_retried (Fixture       *f,
                       gconstpointer  data)
{
  DossierTimelineRow *row;
  DossierTimelineItem *item;
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *saved = NULL;

  add_event (f, 0, 10, 3, "failure", "tr-f1", FALSE,
             "{\"message\":\"The server had a problem (HTTP 503). Try again later.\","
             "\"error\":\"server\",\"code\":\"SERVICE_UNAVAILABLE\",\"http_status\":503}");
  add_event (f, 0, 10, 4, "requirement-satisfied", "4f5e0f3a9d2c4b1e8a7d6c5b4a39281706f5e4d3", TRUE,
             "{\"group_id\":\"personal_information\",\"kind\":\"data\",\"name\":\"Personal information\"}");
  gtk_window_set_default_size (GTK_WINDOW (f->window), 360, 640);
  gtk_window_present (GTK_WINDOW (f->window));
  dossier_timeline_view_set_client (DOSSIER_TIMELINE_VIEW (f->view), f->journal, CLIENT);
  g_assert_true (dossier_test_wait_until (loaded, f, 10000));
  g_assert_true (dossier_test_wait_for_draw (f->window));

  /* Alone, the failure stands as one: red. */
  row = find_row (f, "failure");
  g_assert_nonnull (row);
  item = dossier_timeline_row_get_item (row);
  g_assert_cmpstr (dossier_timeline_item_get_tone (item), ==, "error");
  g_assert_cmpint (dossier_timeline_item_get_retried_at (item), ==, 0);
  if (!spanish)
    {
      g_assert_cmpstr (dossier_timeline_row_get_title (row), ==, "Uploading a document failed");
      g_assert_cmpstr (dossier_timeline_row_get_subtitle (row), ==, "The server had a problem (HTTP 503).");
    }
  else
    g_assert_cmpstr (dossier_timeline_row_get_title (row), ==, "No se pudo subir un documento");
  g_assert_null (strstr (dossier_timeline_row_get_subtitle (row), "Try again later"));

  /* The upload went through when sent again: the same item, worded again. */
  add_event (f, 0, 10, 5, "document-uploaded", "tr-d1", FALSE,
             "{\"document_type\":\"passport\",\"group_id\":\"identity_document\"}");
  g_assert_true (dossier_test_wait_until (is_retried, item, 10000));
  g_assert_true (dossier_test_wait_for_draw (f->window));
  row = find_row (f, "failure");
  g_assert_nonnull (row);
  g_assert_null (dossier_timeline_item_get_tone (dossier_timeline_row_get_item (row)));
  g_assert_cmpstr (dossier_timeline_item_get_icon_name (dossier_timeline_row_get_item (row)), ==,
                   "view-refresh-symbolic");
  title = g_strdup (dossier_timeline_row_get_title (row));
  subtitle = g_strdup (dossier_timeline_row_get_subtitle (row));
  g_test_message ("retried: %s — %s", title, subtitle);
  if (!spanish)
    {
      g_assert_cmpstr (title, ==, "Upload retried, then sent");
      g_assert_true (g_str_has_prefix (subtitle, "The server had a problem (HTTP 503). It went through when tried again at "));
    }
  g_assert_null (strstr (subtitle, "tr-f1"));
  g_assert_cmpstr (dossier_timeline_row_get_trace_tooltip (row), ==,
                   spanish ? "ID de traza tr-f1" : "Trace ID tr-f1");
  /* A right click opens the menu over the row; its Copy Trace ID puts it on the clipboard. */
  {
    g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (row));
    GtkWidget *menu = NULL;

    for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
      {
        g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

        if (GTK_IS_GESTURE_CLICK (controller))
          g_signal_emit_by_name (controller, "pressed", 1, 20.0, 10.0);
      }
    g_assert_true (dossier_test_wait_for_draw (f->window));
    for (GtkWidget *c = gtk_widget_get_first_child (GTK_WIDGET (row)); c != NULL; c = gtk_widget_get_next_sibling (c))
      if (GTK_IS_POPOVER_MENU (c))
        menu = c;
    g_assert_nonnull (menu);
    g_assert_true (gtk_widget_get_visible (menu));
    gtk_popover_popdown (GTK_POPOVER (menu));
  }
  {
    g_autofree char *copied = NULL;

    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (row), "row.copy-trace-id", NULL));
    gdk_clipboard_read_text_async (gtk_widget_get_clipboard (GTK_WIDGET (row)), NULL, text_read_cb, &copied);
    g_assert_true (dossier_test_wait_until (has_text, &copied, 5000));
    g_assert_cmpstr (copied, ==, "tr-f1");
  }

  /* An observed change says so in plain words, without its 40-character trace id. */
  row = find_row (f, "requirement-satisfied");
  g_assert_nonnull (row);
  g_assert_null (strstr (dossier_timeline_row_get_subtitle (row), "4f5e0f3a"));
  g_assert_null (strstr (dossier_timeline_row_get_subtitle (row), "observed"));
  if (!spanish)
    g_assert_cmpstr (dossier_timeline_row_get_subtitle (row), ==, "Noticed by Dossier at this time");

  saved = dossier_test_save_screenshot (f->window, spanish ? "timeline-retried-360-es" : "timeline-retried-360");
  g_assert_nonnull (saved);
  g_test_message ("screenshot: %s", saved);
}

/* ---- the exported dossier ---- */

static DossierAuditSnapshot *
snapshot_new (void)
{
  DossierAuditSnapshot *s = g_new0 (DossierAuditSnapshot, 1);

  s->client_id = g_strdup (CLIENT);
  s->client_name = g_strdup ("Maria Barber");
  s->client = details ("{\"id\":\"" CLIENT "\",\"first_name\":\"Maria\",\"last_name\":\"Barber\","
                       "\"status\":\"active\"}");
  s->requests = g_ptr_array_new_with_free_func ((GDestroyNotify) _dossier_audit_request_free);
  s->events = g_ptr_array_new_with_free_func ((GDestroyNotify) dossier_journal_event_free);
  s->notes = g_ptr_array_new_with_free_func ((GDestroyNotify) dossier_journal_note_free);
  s->uploads = g_ptr_array_new_with_free_func ((GDestroyNotify) dossier_journal_upload_free);
  s->verification = g_new0 (DossierJournalVerification, 1);
  s->verification->ok = TRUE;
  s->verification->keyed = TRUE;
  s->verification->head_checked = TRUE;
  s->verification->n_checked = 17;
  s->verification->message = g_strdup ("The 17 events in the journal were verified with this installation’s key.");
  s->account_label = g_strdup ("Demo sandbox");
  s->exported_at = g_date_time_new_now_local ();
  s->paper_name = g_strdup ("iso_a4");
  s->paper_width = 595.28;
  s->paper_height = 841.89;
  return s;
}

/* Events of one second in the order the journal recorded them; both counts said. */
static void
test_export_order (void)
{
  g_autoptr(DossierAuditSnapshot) s = snapshot_new ();
  g_autofree char *text = NULL;
  g_autofree char *failure = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFileOutputStream) stream = NULL;
  g_autoptr(GError) error = NULL;
  gint64 previous_id = 0;
  guint pages;

  /* As the journal lists them, by their microseconds: #12 was placed at the server's
   * second, before the upload's own microseconds. */
  g_ptr_array_add (s->events, event (10, 1000, 0, "requirement-satisfied", NULL,
                                     "{\"group_id\":\"personal_information\",\"kind\":\"data\"}"));
  g_ptr_array_add (s->events, event (11, 1054, 0, "failure", "upload-document",
                                     "{\"message\":\"The server had a problem (HTTP 503). Try again later.\","
                                     "\"error\":\"server\",\"code\":\"SERVICE_UNAVAILABLE\",\"http_status\":503}"));
  g_ptr_array_add (s->events, event (12, 1056, 100, "requirement-satisfied", NULL,
                                     "{\"group_id\":\"identity_document\",\"kind\":\"document\"}"));
  g_ptr_array_add (s->events, event (13, 1056, 0, "document-uploaded", NULL, "{\"document_type\":\"passport\"}"));
  g_ptr_array_add (s->events, event (14, 1056, 50, "document-accepted", NULL, "{\"document_type\":\"passport\"}"));
  g_ptr_array_add (s->events, event (15, 1061, 0, "submitted", "submit", "{\"status\":\"in_kyc\"}"));

  _dossier_audit_sort_events (s->events);
  for (guint i = 0; i < s->events->len; i++)
    {
      const DossierJournalEvent *e = g_ptr_array_index (s->events, i);

      g_assert_cmpint (e->id, >, previous_id);
      previous_id = e->id;
    }

  text = _dossier_audit_verification_text (s);
  g_test_message ("verification: %s", text);
  if (!spanish)
    g_assert_cmpstr (text, ==, "17 events in this installation’s journal verified with its key; "
                               "6 concern this client.");
  g_assert_nonnull (strstr (text, "17"));
  g_assert_nonnull (strstr (text, "6"));

  failure = _dossier_audit_event_details (g_ptr_array_index (s->events, 1));
  g_test_message ("failure: %s", failure);
  g_assert_null (strstr (failure, "Try again later"));
  if (!spanish)
    g_assert_true (g_str_has_prefix (failure, "Uploading a document failed · The server had a problem (HTTP 503)."));
  else
    g_assert_true (g_str_has_prefix (failure, "No se pudo subir un documento · "));

  /* The PDF itself, to look at (pdftoppm -png). */
  path = g_build_filename (g_get_tmp_dir (), spanish ? "dossier-e3-order-es.pdf" : "dossier-e3-order.pdf", NULL);
  file = g_file_new_for_path (path);
  stream = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_NONE, NULL, &error);
  g_assert_no_error (error);
  pages = _dossier_audit_write_pdf (s, G_OUTPUT_STREAM (stream), NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (pages, >=, 1);
  g_assert_true (g_output_stream_close (G_OUTPUT_STREAM (stream), NULL, &error));
  g_assert_no_error (error);
  g_test_message ("pdf: %s (%u pages)", path, pages);
}

int
main (int   argc,
      char *argv[])
{
  spanish = g_str_has_suffix (argv[0], "-es");
  if (spanish)
    {
      const char *localedir = g_getenv ("DOSSIER_TEST_LOCALEDIR");

      g_setenv ("LC_ALL", "es_ES.UTF-8", TRUE);
      g_setenv ("LANGUAGE", "es", TRUE);
      if (setlocale (LC_ALL, "es_ES.UTF-8") == NULL)
        spanish = FALSE;
      if (localedir != NULL)
        bindtextdomain (GETTEXT_PACKAGE, localedir);
      bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
      textdomain (GETTEXT_PACKAGE);
    }

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_LIGHT);

  g_test_add_func ("/dossier/ui/timeline-retries/reason", test_failure_reason);
  g_test_add_func ("/dossier/ui/timeline-retries/link", test_failure_link);
  g_test_add ("/dossier/ui/timeline-retries/timeline", Fixture, NULL, fixture_set_up,
              test_timeline_retried, fixture_tear_down);
  g_test_add_func ("/dossier/ui/timeline-retries/export-order", test_export_order);

  return g_test_run ();
}
