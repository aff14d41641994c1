/* test-words.c — human words instead of raw codes: server errors, addresses, field
 * labels and the wording of a request in review
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <adwaita.h>
#include <json-glib/json-glib.h>

#include "dossier-api-error.h"
#include "dossier-audit-export-private.h"
#include "dossier-client-fields.h"
#include "dossier-client-page.h"
#include "dossier-countries.h"
#include "dossier-error-report.h"
#include "dossier-timeline-item.h"
#include "dossier-timeline-row.h"
#include "dossier-ui-closures.h"
#include "dossier-ui-test-utils.h"

#define MARIA "{\"id\":\"c1\",\"first_name\":\"Maria\",\"last_name\":\"Barber\"," \
  "\"email\":\"mjuliabarber@example.com\",\"birth_date\":\"1984-11-21\",\"status\":\"pending\"," \
  "\"address\":{\"street_line1\":\"Florida 9860\",\"city\":\"Del Viso\",\"postal_code\":\"1669\"," \
  "\"state\":\"ARG-B\",\"country\":\"ARG\"}}"

static GError *
server_error (guint       status,
              const char *body)
{
  g_autoptr(GBytes) bytes = g_bytes_new (body, strlen (body));

  return dossier_api_error_new_from_response (status, NULL, "application/json", NULL, NULL, bytes, 1);
}

/* ---- (1) errors ----------------------------------------------------------------- */

static void
test_words_error_duplicate (void)
{
  g_autoptr(GError) error = server_error (412, "{\"code\":\"DUPLICATE_CLIENT\",\"message\":"
                                          "\"Duplicate Client: a client with email a@b.cc already exists\","
                                          "\"trace_id\":\"t\"}");
  g_autofree char *sentence = dossier_error_report_describe (error);

  g_assert_cmpstr (sentence, ==, "Another client already uses the email address a@b.cc.");
  g_assert_cmpstr (dossier_api_error_get_field (error), ==, "email");
  g_assert_cmpstr (dossier_api_error_get_server_message (error), ==,
                   "Duplicate Client: a client with email a@b.cc already exists");
}

static void
test_words_error_validation_label (void)
{
  g_autoptr(GError) error = server_error (412, "{\"code\":\"VALIDATION_ERROR\",\"message\":"
                                          "\"Validation failed: address.city: must not be blank; email: is required\"}");
  g_autoptr(GError) plain = server_error (412, "{\"code\":\"VALIDATION_ERROR\",\"message\":\"Nope\"}");
  g_autofree char *sentence = dossier_error_report_describe (error);
  g_autofree char *plain_sentence = dossier_error_report_describe (plain);

  g_assert_cmpstr (sentence, ==, "The server did not accept City: must not be blank");
  g_assert_null (strstr (sentence, "address.city"));
  g_assert_cmpstr (plain_sentence, ==, "The server did not accept the data: Nope");
}

/* Every code the contract lists reads as a sentence with no code in it. */
static void
test_words_error_codes (void)
{
  static const struct { guint status; const char *code; } codes[] = {
    { 412, "UNKNOWN_PRODUCT" }, { 412, "PRODUCT_ALREADY_REQUESTED" }, { 412, "DOCUMENT_NOT_REQUESTED" },
    { 412, "INVALID_STATE" }, { 404, "NOT_FOUND" }, { 400, "BAD_REQUEST" }, { 405, "METHOD_NOT_ALLOWED" },
    { 411, "LENGTH_REQUIRED" }, { 413, "PAYLOAD_TOO_LARGE" }, { 500, "INTERNAL_ERROR" },
    { 401, "API_ERROR" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (codes); i++)
    {
      g_autofree char *body = g_strdup_printf ("{\"code\":\"%s\",\"message\":\"raw words %s\"}",
                                               codes[i].code, codes[i].code);
      g_autoptr(GError) error = server_error (codes[i].status, body);
      g_autofree char *sentence = dossier_error_report_describe (error);

      g_test_message ("%s → %s", codes[i].code, sentence);
      g_assert_null (strstr (sentence, codes[i].code));
      g_assert_null (strstr (sentence, "raw words"));
      g_assert_true (g_str_has_suffix (sentence, "."));
    }
}

/* ---- (2) addresses ---------------------------------------------------------------- */

static void
test_words_subdivisions (void)
{
  DossierCountries *countries = dossier_countries_get_default ();
  /* The first address formatted loads iso-codes' list of about 5000 subdivisions. */
  gint64 start = g_get_monotonic_time ();
  const char *parts[DOSSIER_COUNTRIES_N_ADDRESS_PARTS] = {
    "Florida 9860", NULL, "1669", "Del Viso", "ARG-B", "ARG"
  };
  const char *unknown[DOSSIER_COUNTRIES_N_ADDRESS_PARTS] = { NULL, "", NULL, "Town", "Somewhere", "XXX" };
  g_autofree char *line = dossier_countries_format_address (countries, parts);
  g_autofree char *raw = dossier_countries_format_address (countries, unknown);
  g_autofree char *state = dossier_client_field_format_value (DOSSIER_CLIENT_FIELD_STATE, "ARG-B");

  g_test_message ("subdivisions read in %" G_GINT64_FORMAT " ms", (g_get_monotonic_time () - start) / 1000);
  g_assert_cmpstr (dossier_countries_lookup_subdivision_name (countries, "ARG-B"), ==, "Buenos Aires");
  g_assert_cmpstr (dossier_countries_lookup_subdivision_name (countries, "AR-B"), ==, "Buenos Aires");
  g_assert_cmpstr (dossier_countries_lookup_subdivision_name (countries, "arg-c"), ==,
                   "Ciudad Autónoma de Buenos Aires");
  g_assert_null (dossier_countries_lookup_subdivision_name (countries, "ARG-Q9"));
  g_assert_null (dossier_countries_lookup_subdivision_name (countries, "XXX-B"));
  g_assert_null (dossier_countries_lookup_subdivision_name (countries, "Buenos Aires"));
  g_assert_null (dossier_countries_lookup_subdivision_name (countries, NULL));
  g_assert_cmpstr (line, ==, "Florida 9860, 1669, Del Viso, Buenos Aires, Argentina");
  g_assert_cmpstr (raw, ==, "Town, Somewhere, XXX");
  g_assert_cmpstr (state, ==, "Buenos Aires (ARG-B)");
}

/* The export's worker thread names countries too. */
static gpointer
address_in_thread (gpointer data)
{
  return _dossier_audit_address_text (data);
}

static void
test_words_export_address (void)
{
  g_autoptr(JsonNode) client = json_from_string (MARIA, NULL);
  GThread *thread = g_thread_new ("address", address_in_thread, json_node_get_object (client));
  g_autofree char *text = g_thread_join (thread);

  g_assert_cmpstr (text, ==, "Florida 9860, 1669, Del Viso, Buenos Aires, Argentina");
}

static void
test_words_client_page_address (void)
{
  g_autoptr(JsonNode) node = json_from_string (MARIA, NULL);
  g_autoptr(DossierClient) client = dossier_client_new_from_json (node, NULL);
  GtkWidget *window = adw_window_new ();
  DossierClientPage *page = g_object_new (DOSSIER_TYPE_CLIENT_PAGE, NULL);
  GObject *row;

  adw_window_set_content (ADW_WINDOW (window), GTK_WIDGET (page));
  dossier_client_page_set_client (page, client);
  row = gtk_widget_get_template_child (GTK_WIDGET (page), DOSSIER_TYPE_CLIENT_PAGE, "address_row");
  g_assert_true (ADW_IS_ACTION_ROW (row));
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==,
                   "Florida 9860, 1669, Del Viso, Buenos Aires, Argentina");

  gtk_window_set_title (GTK_WINDOW (window), "Words");
  gtk_window_set_default_size (GTK_WINDOW (window), 560, 1100);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (dossier_test_wait_for_draw (window));
  {
    g_autofree char *saved = dossier_test_save_screenshot (window, "words-client-page-address");

    g_assert_nonnull (saved);
    g_test_message ("screenshot: %s", saved);
  }
  dossier_client_page_set_client (page, NULL);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* ---- (3) field labels --------------------------------------------------------------- */

static void
test_words_member_labels (void)
{
  static const char * const cases[][2] = {
    { "email", "Email" }, { "address.country", "Country" }, { "address.state", "State or Province" },
    { "address.street_line_1", "Street Address" }, { "second_name", "Middle Name" },
    { "phone", "Phone" }, { "updated_at", "Last Change" }, { "status", "Status" }, { "id", "Client ID" },
    { "annual_salary", "Annual Salary" }, { "tax_id", "Tax id" }, { "address.floor", "Floor" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *label = dossier_client_field_label_for_member (cases[i][0]);

      g_assert_cmpstr (label, ==, cases[i][1]);
    }
}

static DossierJournalEvent *
event_new (const char *kind,
           const char *details)
{
  DossierJournalEvent *event = dossier_journal_event_new ("c1", NULL, kind, g_get_real_time ());

  event->details = json_from_string (details, NULL);
  return event;
}

#define UPDATED "{\"fields\":[\"email\",\"address.country\",\"address.state\",\"updated_at\",\"tax_id\"]," \
  "\"personal\":{\"before\":{\"email\":\"a@b.cc\",\"address.country\":\"ARG\",\"address.state\":\"ARG-B\"," \
  "\"updated_at\":\"2026-01-01T00:00:00Z\"},\"after\":{\"email\":\"c@d.ee\",\"address.country\":\"CHL\"," \
  "\"address.state\":\"CL-RM\",\"updated_at\":\"2026-01-02T00:00:00Z\",\"tax_id\":\"20-1\"}}}"

static void
test_words_timeline_client_updated (void)
{
  g_autoptr(DossierTimelineItem) item = dossier_timeline_item_new_event (
      event_new (DOSSIER_JOURNAL_EVENT_CLIENT_UPDATED, UPDATED));
  g_autofree char *title = dossier_timeline_item_dup_title (item);
  g_autofree char *personal = dossier_timeline_item_dup_personal (item);

  g_assert_cmpstr (title, ==, "Client details changed: Email, Country, State or Province, Tax id");
  g_assert_nonnull (strstr (personal, "Country: Argentina (ARG) → Chile (CHL)"));
  g_assert_nonnull (strstr (personal, "State or Province: Buenos Aires (ARG-B) → Región Metropolitana de Santiago (CL-RM)"));
  g_assert_nonnull (strstr (personal, "Tax id: (empty) → 20-1"));
  g_assert_null (strstr (personal, "address."));
  g_assert_null (strstr (personal, "updated_at"));

  /* As a person sees it: the row with its personal values shown. */
  {
    GtkWidget *window = gtk_window_new ();
    GtkWidget *row = dossier_timeline_row_new ();

    gtk_window_set_title (GTK_WINDOW (window), "Words");
    gtk_window_set_default_size (GTK_WINDOW (window), 640, 160);
    gtk_window_set_child (GTK_WINDOW (window), row);
    dossier_timeline_row_set_item (DOSSIER_TIMELINE_ROW (row), item);
    dossier_timeline_row_set_personal_shown (DOSSIER_TIMELINE_ROW (row), TRUE);
    g_assert_cmpstr (dossier_timeline_row_get_title (DOSSIER_TIMELINE_ROW (row)), ==, title);
    gtk_window_present (GTK_WINDOW (window));
    g_assert_true (dossier_test_wait_for_draw (window));
    {
      g_autofree char *saved = dossier_test_save_screenshot (window, "words-timeline-client-updated");

      g_assert_nonnull (saved);
      g_test_message ("screenshot: %s", saved);
    }
    gtk_window_destroy (GTK_WINDOW (window));
  }
}

static void
test_words_export_details (void)
{
  g_autoptr(DossierJournalEvent) updated = event_new (DOSSIER_JOURNAL_EVENT_CLIENT_UPDATED, UPDATED);
  g_autoptr(DossierJournalEvent) review = event_new (DOSSIER_JOURNAL_EVENT_UNDER_REVIEW,
                                                     "{\"product\":\"cards_individuals\",\"status\":\"in_kyc\"}");
  g_autoptr(DossierJournalEvent) data = event_new (DOSSIER_JOURNAL_EVENT_REQUIREMENT_APPEARED,
                                                   "{\"group_id\":\"financial_profile\",\"kind\":\"data\","
                                                   "\"fields\":[\"occupation\",\"annual_salary\"]}");
  g_autoptr(DossierJournalEvent) documents = event_new (DOSSIER_JOURNAL_EVENT_REQUIREMENT_APPEARED,
                                                        "{\"group_id\":\"proof_of_address\",\"kind\":\"document\","
                                                        "\"fields\":[\"proof_of_address\"]}");
  g_autofree char *changed = _dossier_audit_event_details (updated);
  g_autofree char *status = _dossier_audit_event_details (review);
  g_autofree char *data_fields = _dossier_audit_event_details (data);
  g_autofree char *document_fields = _dossier_audit_event_details (documents);

  g_assert_cmpstr (changed, ==, "Changed: Email, Country, State or Province, Tax id");
  g_assert_nonnull (strstr (status, "Status: In Review (in_kyc)"));
  g_assert_nonnull (strstr (data_fields, "Fields: Occupation, Annual Salary"));
  g_assert_nonnull (strstr (document_fields, "Fields: Proof of Address"));
  g_assert_cmpstr (_dossier_audit_event_title (DOSSIER_JOURNAL_EVENT_UNDER_REVIEW), ==, "In review");
}

/* ---- (4) in review ------------------------------------------------------------------ */

static void
test_words_in_review (void)
{
  g_autoptr(DossierTimelineItem) item = dossier_timeline_item_new_event (
      event_new (DOSSIER_JOURNAL_EVENT_UNDER_REVIEW, "{\"product\":\"cards_individuals\"}"));
  g_autofree char *title = dossier_timeline_item_dup_title (item);

  g_assert_cmpstr (dossier_ui_request_status_label (DOSSIER_REQUEST_STATUS_IN_KYC), ==, "In Review");
  g_assert_cmpstr (title, ==, "In review: Individual Cards");
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/dossier/ui/words/error-duplicate", test_words_error_duplicate);
  g_test_add_func ("/dossier/ui/words/error-validation-label", test_words_error_validation_label);
  g_test_add_func ("/dossier/ui/words/error-codes", test_words_error_codes);
  g_test_add_func ("/dossier/ui/words/subdivisions", test_words_subdivisions);
  g_test_add_func ("/dossier/ui/words/export-address", test_words_export_address);
  g_test_add_func ("/dossier/ui/words/client-page-address", test_words_client_page_address);
  g_test_add_func ("/dossier/ui/words/member-labels", test_words_member_labels);
  g_test_add_func ("/dossier/ui/words/timeline-client-updated", test_words_timeline_client_updated);
  g_test_add_func ("/dossier/ui/words/export-details", test_words_export_details);
  g_test_add_func ("/dossier/ui/words/in-review", test_words_in_review);

  return g_test_run ();
}
