/* test-audit-export.c — the audit dossier as PDF and JSON, and the journal actions
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The data comes from the seed flow over real HTTP (audit-test-flow.h). The PDF is
 * checked with poppler's tools (pdfinfo, pdftotext) and its pages rendered to PNG
 * with pdftoppm into <builddir>/tests/screenshots/ for a person to look at.
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <sys/stat.h>

#include "audit-test-flow.h"
#include "dossier-audit-export.h"
#include "dossier-document-slot.h"
#include "dossier-journal-actions.h"
#include "dossier-ui-test-utils.h"

/* ---- helpers ----------------------------------------------------------------- */

static char *
run_tool (const char * const *argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  char *out = NULL;
  int status = 0;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, &err, &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, &error))
    g_test_message ("%s failed: %s", argv[0], err);
  g_assert_no_error (error);
  return out;
}

/* Text with every white space removed, so a wrapped hash still matches. */
static char *
squeeze (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p++)
    if (!g_ascii_isspace (*p))
      g_string_append_c (out, *p);
  return g_string_free (out, FALSE);
}

static void
assert_contains (const char *squeezed,
                 const char *needle)
{
  g_autofree char *want = squeeze (needle);

  if (strstr (squeezed, want) == NULL)
    g_error ("the export does not contain “%s”", needle);
}

static guint
pdf_pages (const char *path)
{
  const char *argv[] = { "pdfinfo", path, NULL };
  g_autofree char *info = run_tool (argv);
  const char *line = strstr (info, "Pages:");

  g_assert_nonnull (line);
  return (guint) g_ascii_strtoull (line + strlen ("Pages:"), NULL, 10);
}

static char *
pdf_text (const char *path)
{
  const char *argv[] = { "pdftotext", "-enc", "UTF-8", path, "-", NULL };

  return run_tool (argv);
}

/* Renders page (1-based) to <builddir>/tests/screenshots/NAME.png; returns the path. */
static char *
render_page (const char *pdf,
             guint       page,
             const char *name)
{
  g_autofree char *dir = g_test_build_filename (G_TEST_BUILT, "screenshots", NULL);
  g_autofree char *prefix = g_build_filename (dir, name, NULL);
  g_autofree char *number = g_strdup_printf ("%u", page);
  const char *argv[] = { "pdftoppm", "-png", "-r", "110", "-f", number, "-l", number, "-singlefile",
                         pdf, prefix, NULL };
  g_autofree char *out = NULL;
  char *path = g_strconcat (prefix, ".png", NULL);

  g_assert_cmpint (g_mkdir_with_parents (dir, 0755), ==, 0);
  out = run_tool (argv);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  g_test_message ("page %u rendered: %s", page, path);
  return path;
}

static void
export_pdf (AuditFlow  *flow,
            const char *path,
            guint      *pages)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GAsyncResult *slot = NULL;

  dossier_audit_export_pdf_async (flow->journal, flow->client, flow->requests, "Demo sandbox (test)",
                                  file, NULL, AUDIT_AWAIT (slot));
  result = audit_flow_wait (&slot);
  g_assert_true (dossier_audit_export_pdf_finish (result, pages, &error));
  g_assert_no_error (error);
}

static JsonNode *
export_json (AuditFlow  *flow,
             const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  GAsyncResult *slot = NULL;
  JsonNode *root;

  dossier_audit_export_json_async (flow->journal, flow->client, flow->requests, "Demo sandbox (test)",
                                   file, NULL, AUDIT_AWAIT (slot));
  result = audit_flow_wait (&slot);
  g_assert_true (dossier_audit_export_json_finish (result, &error));
  g_assert_no_error (error);

  g_assert_true (g_file_get_contents (path, &text, NULL, &error));
  g_assert_no_error (error);
  root = json_from_string (text, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (root));
  return root;
}

static void
assert_private (const char *path)
{
  GStatBuf buf;

  g_assert_cmpint (g_stat (path, &buf), ==, 0);
  g_assert_cmpuint (buf.st_mode & 0777, ==, 0600);
}

static char *
long_note (void)
{
  GString *text = g_string_new ("Call log. ");

  for (guint i = 1; i <= 40; i++)
    g_string_append_printf (text, "Step %u: the client was asked for the original document and "
                            "answered within the day; nothing unusual was noticed. ", i);
  return g_string_free (text, FALSE);
}

/* ---- tests ------------------------------------------------------------------- */

static void
test_pdf (void)
{
  AuditFlow flow = { 0 };
  g_autofree char *pdf = NULL;
  g_autofree char *text = NULL;
  g_autofree char *flat = NULL;
  g_autofree char *note = long_note ();
  guint pages = 0;

  audit_flow_run (&flow, "audit-export-key", FALSE);
  audit_flow_add_note (&flow, AUDIT_NOTE_TEXT);
  audit_flow_add_note (&flow, note);

  pdf = g_build_filename (flow.dir, "dossier.pdf", NULL);
  export_pdf (&flow, pdf, &pages);
  assert_private (pdf);
  g_test_message ("%u pages", pages);
  g_assert_cmpuint (pages, >=, 3);
  g_assert_cmpuint (pdf_pages (pdf), ==, pages);

  text = pdf_text (pdf);
  flat = squeeze (text);
  assert_contains (flat, "Maria Julia Barber");
  assert_contains (flat, flow.client_id);
  assert_contains (flat, flow.request_id);
  assert_contains (flat, "mjuliabarber@example.com");
  for (const char * const *status = (const char * const[]) { "pending_documentation", "in_kyc", "enabled", NULL };
       *status != NULL; status++)
    assert_contains (flat, *status);
  assert_contains (flat, flow.front_sha256);
  /* The documents as sent: by name, with the metadata sent and the requirement's id. */
  assert_contains (flat, "Passport");
  assert_contains (flat, "IdentityDocument(identity_document)");
  assert_contains (flat, "DocumentNumberAB1234567");
  assert_contains (flat, "IssuingCountryArgentina(ARG)");
  /* The client table names members by the form's labels, province and country by name. */
  assert_contains (flat, "MiddleNameJulia");
  assert_contains (flat, "StateorProvinceBuenosAires(ARG-B)");
  assert_contains (flat, "CountryArgentina(ARG)");
  assert_contains (flat, "Changed:Phone");
  g_assert_null (strstr (flat, "second_name"));
  /* Notes are in the evidence chain: their events are in the timeline. */
  assert_contains (flat, "Noteadded");
  for (guint i = 0; i < flow.trace_ids->len; i++)
    assert_contains (flat, g_ptr_array_index (flow.trace_ids, i));
  assert_contains (flat, AUDIT_NOTE_TEXT);
  assert_contains (flat, note);
  assert_contains (flat, "Evidence chain consistent, without a key");
  {
    g_autofree char *last = g_strdup_printf ("Page %u of %u", pages, pages);

    assert_contains (flat, last);
    assert_contains (flat, "Page 1 of");
  }
  /* Personal values of an update stay out: the field name says what changed. */
  g_assert_null (strstr (flat, "+541168860622\"}"));

  for (guint page = 1; page <= MIN (pages, 4); page++)
    {
      g_autofree char *name = g_strdup_printf ("audit-export-page%u", page);
      g_autofree char *png = render_page (pdf, page, name);
      g_autoptr(GdkPixbuf) image = gdk_pixbuf_new_from_file (png, NULL);

      g_assert_nonnull (image);
      g_assert_cmpint (gdk_pixbuf_get_height (image), >, gdk_pixbuf_get_width (image));
    }

  audit_flow_clear (&flow);
}

static JsonObject *
find_object (JsonArray  *array,
             const char *member,
             const char *value)
{
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *object = json_array_get_object_element (array, i);

      if (g_strcmp0 (json_object_get_string_member_with_default (object, member, NULL), value) == 0)
        return object;
    }
  return NULL;
}

static void
test_json (void)
{
  AuditFlow flow = { 0 };
  g_autofree char *path = NULL;
  g_autoptr(JsonNode) root = NULL;
  JsonObject *top;
  JsonObject *request;
  JsonObject *document;
  JsonArray *history;
  JsonArray *timeline;
  g_autofree char *text = NULL;

  audit_flow_run (&flow, "audit-export-key", FALSE);
  audit_flow_add_note (&flow, AUDIT_NOTE_TEXT);
  path = g_build_filename (flow.dir, "dossier.json", NULL);
  root = export_json (&flow, path);
  assert_private (path);
  top = json_node_get_object (root);

  g_assert_cmpstr (json_object_get_string_member (top, "format"), ==, DOSSIER_AUDIT_EXPORT_JSON_FORMAT);
  g_assert_cmpint (json_object_get_int_member (top, "version"), ==, DOSSIER_AUDIT_EXPORT_JSON_VERSION);
  g_assert_cmpstr (json_object_get_string_member (top, "account"), ==, "Demo sandbox (test)");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (top, "client"), "id"), ==,
                   flow.client_id);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (top, "client"), "last_name"), ==,
                   "Barber");

  request = find_object (json_object_get_array_member (top, "product_requests"), "id", flow.request_id);
  g_assert_nonnull (request);
  g_assert_cmpstr (json_object_get_string_member (request, "status"), ==, "enabled");
  history = json_object_get_array_member (request, "status_history");
  g_assert_nonnull (find_object (history, "status", "pending_documentation"));
  g_assert_nonnull (find_object (history, "status", "in_kyc"));
  g_assert_nonnull (find_object (history, "status", "enabled"));

  document = json_array_get_object_element (json_object_get_array_member (top, "documents"), 0);
  g_assert_cmpstr (json_object_get_string_member (document, "state"), ==, "accepted");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (
                       json_object_get_object_member (document, "sides"), "front"), "sha256"), ==,
                   flow.front_sha256);
  g_assert_true (g_str_has_prefix (json_object_get_string_member (document, "thumbnail"), "data:image/jpeg;base64,"));
  g_assert_nonnull (json_object_get_string_member (document, "trace_id"));

  timeline = json_object_get_array_member (top, "timeline");
  g_assert_cmpuint (json_array_get_length (timeline), >=, 9);
  text = json_to_string (root, FALSE);
  for (guint i = 0; i < flow.trace_ids->len; i++)
    g_assert_nonnull (strstr (text, g_ptr_array_index (flow.trace_ids, i)));
  /* The personal values of an update are not exported: the client's data is. */
  g_assert_null (strstr (text, "\"personal\""));
  for (guint i = 0; i < json_array_get_length (timeline); i++)
    g_assert_cmpuint (strlen (json_object_get_string_member (json_array_get_object_element (timeline, i),
                                                             "digest")), ==, 64);

  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (
                       json_object_get_array_member (top, "notes"), 0), "text"), ==, AUDIT_NOTE_TEXT);
  g_assert_false (json_object_get_boolean_member (json_object_get_object_member (top, "verification"), "keyed"));
  g_assert_true (json_object_get_boolean_member (json_object_get_object_member (top, "verification"), "ok"));

  audit_flow_clear (&flow);
}

/* Hundreds of events: rows never split, every event is on some page. */
static void
test_many_events (void)
{
  AuditFlow flow = { 0 };
  g_autofree char *pdf = NULL;
  g_autofree char *text = NULL;
  g_autofree char *flat = NULL;
  guint pages = 0;

  audit_flow_run (&flow, "audit-export-key", FALSE);
  for (guint i = 0; i < 300; i++)
    {
      g_autofree char *details = g_strdup_printf ("{\"message\":\"Timeout number %u while checking the "
                                                  "review status\",\"http_status\":504}", i);

      audit_flow_event (&flow, NULL, DOSSIER_JOURNAL_EVENT_FAILURE, 0, details);
    }
  pdf = g_build_filename (flow.dir, "many.pdf", NULL);
  export_pdf (&flow, pdf, &pages);
  g_test_message ("300 more events: %u pages", pages);
  g_assert_cmpuint (pages, >, 8);
  g_assert_cmpuint (pdf_pages (pdf), ==, pages);
  text = pdf_text (pdf);
  flat = squeeze (text);
  assert_contains (flat, "Timeout number 0 while");
  assert_contains (flat, "Timeout number 299 while");
  g_free (render_page (pdf, 5, "audit-export-timeline-page"));

  audit_flow_clear (&flow);
}

/* ---- the actions, on a small widget with a "client" property ------------------ */

#include "journal-actions-test-host.h"

#define TEST_TYPE_HOST_WINDOW (test_host_window_get_type ())
G_DECLARE_FINAL_TYPE (TestHostWindow, test_host_window, TEST, HOST_WINDOW, AdwWindow)

struct _TestHostWindow
{
  AdwWindow parent_instance;
};

G_DEFINE_FINAL_TYPE (TestHostWindow, test_host_window, ADW_TYPE_WINDOW)

static void
test_host_window_class_init (TestHostWindowClass *klass)
{
  dossier_journal_actions_install_window (GTK_WIDGET_CLASS (klass));
}

static void
test_host_window_init (TestHostWindow *self)
{
}

static gboolean
has_data (gpointer data)
{
  return g_object_get_data (G_OBJECT (((gpointer *) data)[0]), ((gpointer *) data)[1]) != NULL;
}

static AdwMessageDialog *
find_message_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return ADW_MESSAGE_DIALOG (window);
    }
  return NULL;
}

static gboolean
has_message_dialog (gpointer data)
{
  return find_message_dialog () != NULL;
}

static void
test_actions (void)
{
  AuditFlow flow = { 0 };
  TestHostWindow *window;
  TestHost *host;
  g_autofree char *pdf = NULL;
  g_autofree char *uri = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) notes = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GError) error = NULL;
  GAsyncResult *slot = NULL;
  AdwMessageDialog *dialog;
  GtkWidget *button;
  gpointer wait_export[2];
  gpointer wait_forget[2];
  g_autofree char *kept_picture = NULL;
  g_autofree char *other_picture = NULL;

  audit_flow_run (&flow, "audit-export-key", FALSE);
  audit_flow_add_note (&flow, AUDIT_NOTE_TEXT);

  window = g_object_new (TEST_TYPE_HOST_WINDOW, "title", "Journal actions", "default-width", 480,
                         "default-height", 360, NULL);
  host = g_object_new (TEST_TYPE_HOST, NULL);
  button = gtk_button_new_with_label ("Export Dossier…");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "client.export-pdf");
  adw_bin_set_child (ADW_BIN (host), button);
  adw_window_set_content (ADW_WINDOW (window), GTK_WIDGET (host));
  dossier_journal_actions_set_context (GTK_WIDGET (host), flow.journal, NULL, "Test account");
  dossier_journal_actions_set_context (GTK_WIDGET (window), flow.journal, NULL, "Test account");
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (dossier_test_wait_for_draw (GTK_WIDGET (window)));

  /* No client, nothing to export or forget: the buttons say so. */
  g_assert_false (gtk_widget_get_sensitive (button));
  g_object_set (host, "client", flow.client, NULL);
  g_assert_true (gtk_widget_get_sensitive (button));

  pdf = g_build_filename (flow.dir, "action.pdf", NULL);
  uri = g_filename_to_uri (pdf, NULL, NULL);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (host), "client.export-pdf-to", "s", uri));
  wait_export[0] = host;
  wait_export[1] = "dossier-journal-actions-last-export";
  g_assert_true (dossier_test_wait_until (has_data, wait_export, 30000));
  g_assert_cmpint (GPOINTER_TO_INT (g_object_get_data (G_OBJECT (host), wait_export[1])), ==, 1);
  g_assert_cmpuint (pdf_pages (pdf), >=, 2);

  /* Export Dossier… builds a save chooser with the client's name. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (host), "client.export-pdf", NULL));
  {
    GtkNativeDialog *chooser = g_object_get_data (G_OBJECT (host), "dossier-journal-actions-chooser");
    g_autoptr(GListModel) filters = NULL;

    g_assert_nonnull (chooser);
    g_assert_cmpstr (gtk_native_dialog_get_title (chooser), ==, "Export Dossier");
    g_assert_false (gtk_native_dialog_get_visible (chooser));
    g_assert_true (gtk_native_dialog_get_modal (chooser));
    g_assert_cmpint (gtk_file_chooser_get_action (GTK_FILE_CHOOSER (chooser)), ==,
                     GTK_FILE_CHOOSER_ACTION_SAVE);
    filters = gtk_file_chooser_get_filters (GTK_FILE_CHOOSER (chooser));
    g_assert_cmpuint (g_list_model_get_n_items (filters), ==, 1);
    g_object_set_data (G_OBJECT (host), "dossier-journal-actions-chooser", NULL);
  }

  /* Verify Journal: the unkeyed chain said plainly. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.verify-journal", NULL));
  g_assert_true (dossier_test_wait_until (has_message_dialog, NULL, 10000));
  dialog = find_message_dialog ();
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Journal Consistent, Not Protected");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "not protected by a key"));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (dialog));
  g_free (dossier_test_save_screenshot (GTK_WIDGET (dialog), "verify-journal-dialog"));
  adw_message_dialog_response (dialog, "close");
  gtk_window_destroy (GTK_WINDOW (dialog));

  /* A picture kept for this client's unsent document, and one of another client's
   * (files named by the owner's digest, dossier-document-slot-draft.c). */
  {
    g_autofree char *dir = dossier_document_slot_dup_drafts_dir (&error);
    g_autofree char *digest = g_compute_checksum_for_string (G_CHECKSUM_SHA256, flow.client_id, -1);
    g_autofree char *name = g_strdup_printf ("%.16s-front.png", digest);

    g_assert_no_error (error);
    kept_picture = g_build_filename (dir, name, NULL);
    other_picture = g_build_filename (dir, "0123456789abcdef-front.png", NULL);
    g_assert_true (g_file_set_contents (kept_picture, "picture", -1, &error));
    g_assert_true (g_file_set_contents (other_picture, "picture", -1, &error));
    g_assert_no_error (error);
  }

  /* Forget: asks first (destructive), then removes notes and turns events to tombstones. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (host), "client.forget-local-data", NULL));
  g_assert_true (dossier_test_wait_until (has_message_dialog, NULL, 10000));
  dialog = find_message_dialog ();
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Forget This Client’s Local Data?");
  g_assert_cmpint (adw_message_dialog_get_response_appearance (dialog, "forget"), ==, ADW_RESPONSE_DESTRUCTIVE);
  g_assert_cmpstr (adw_message_dialog_get_default_response (dialog), ==, "cancel");
  gtk_test_widget_wait_for_draw (GTK_WIDGET (dialog));
  g_free (dossier_test_save_screenshot (GTK_WIDGET (dialog), "forget-client-dialog"));
  adw_message_dialog_response (dialog, "forget");
  gtk_window_destroy (GTK_WINDOW (dialog));
  wait_forget[0] = host;
  wait_forget[1] = "dossier-journal-actions-forgotten";
  g_assert_true (dossier_test_wait_until (has_data, wait_forget, 10000));
  g_assert_cmpint (GPOINTER_TO_INT (g_object_get_data (G_OBJECT (host), wait_forget[1])), ==, 1);
  /* The client's kept pictures go with it; another client's stay. */
  g_assert_false (g_file_test (kept_picture, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (other_picture, G_FILE_TEST_EXISTS));
  g_unlink (other_picture);

  dossier_journal_list_notes_async (flow.journal, flow.client_id, NULL, AUDIT_AWAIT (slot));
  result = audit_flow_wait (&slot);
  notes = dossier_journal_list_notes_finish (flow.journal, result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (notes->len, ==, 0);
  g_clear_object (&result);
  dossier_journal_list_events_async (flow.journal, flow.client_id, NULL, 0, NULL, AUDIT_AWAIT (slot));
  result = audit_flow_wait (&slot);
  events = dossier_journal_list_events_finish (flow.journal, result, &error);
  g_assert_no_error (error);
  for (guint i = 0; i + 1 < events->len; i++)
    g_assert_true (((DossierJournalEvent *) g_ptr_array_index (events, i))->forgotten);

  gtk_window_destroy (GTK_WINDOW (window));
  g_clear_object (&result);  /* it holds the journal */
  audit_flow_clear (&flow);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  dossier_journal_actions_set_chooser_hidden (TRUE);

  g_test_add_func ("/dossier/ui/audit-export/pdf", test_pdf);
  g_test_add_func ("/dossier/ui/audit-export/json", test_json);
  g_test_add_func ("/dossier/ui/audit-export/many-events", test_many_events);
  g_test_add_func ("/dossier/ui/audit-export/actions", test_actions);

  return g_test_run ();
}
