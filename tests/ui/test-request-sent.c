/* test-request-sent.c — the request window once a request left the desk, and what it says
 * is still optional, on the embedded sandbox
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * In review, enabled or rejected, the window shows what was sent instead of the form:
 * each data group with its fields' labels and the client's values, each document group
 * with its type, sides and thumbnail (else the SHA-256 recorded). "Optional, not given"
 * follows the client when it changes outside the window. Birth dates read the same way
 * on the client page as in the date rows.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "dossier-client-form.h"
#include "dossier-requirements-form.h"
#include "dossier-submitted-view.h"
#include "dossier-value-row.h"
#include "request-window-test-utils.h"

/* ---- helpers ------------------------------------------------------------------- */

static gboolean
has_label_containing (GtkWidget  *widget,
                      const char *text)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_is_visible (widget)
      && strstr (gtk_label_get_text (GTK_LABEL (widget)), text) != NULL)
    return TRUE;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    if (has_label_containing (c, text))
      return TRUE;
  return FALSE;
}

static GtkWidget *
find_picture (GtkWidget *widget)
{
  if (GTK_IS_PICTURE (widget))
    return widget;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_picture (c);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static GtkWidget *
find_row_with_subtitle (GtkWidget  *widget,
                        const char *subtitle)
{
  if (ADW_IS_ACTION_ROW (widget)
      && g_strcmp0 (adw_action_row_get_subtitle (ADW_ACTION_ROW (widget)), subtitle) == 0)
    return widget;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_row_with_subtitle (c, subtitle);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
view_loaded (gpointer data)
{
  return dossier_submitted_view_get_loaded (data);
}

static gboolean
form_idle (gpointer data)
{
  return !dossier_requirements_form_get_busy (data);
}

typedef struct {
  DossierRequestWindow *window;
  const char           *text;
  gboolean              shown;
} TextWait;

static gboolean
text_shown_is (gpointer data)
{
  TextWait *wait = data;

  return has_label_containing (GTK_WIDGET (wait->window), wait->text) == wait->shown;
}

static DossierRequestWindow *
open_request_window (Fixture    *fixture,
                     const char *client_id,
                     const char *request_id)
{
  DossierClientPage *page = rw_open_client (fixture, client_id);

  g_assert_true (dossier_client_page_activate_request (page, request_id));
  g_assert_true (dossier_test_wait_until (rw_has_request_window, NULL, 5000));
  return DOSSIER_REQUEST_WINDOW (rw_find_toplevel (DOSSIER_TYPE_REQUEST_WINDOW));
}

static void
enqueued_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  gint64 *id = user_data;
  g_autoptr(GError) error = NULL;

  *id = dossier_uploader_enqueue_finish (DOSSIER_UPLOADER (object), result, &error);
  g_assert_no_error (error);
}

static gboolean
id_known (gpointer data)
{
  return *(gint64 *) data != 0;
}

static gboolean
phone_shows_new_number (gpointer data)
{
  GtkWidget *row = dossier_submitted_view_get_row (data, "phone");

  return row != NULL && g_strcmp0 (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), "+54 1122334455") == 0;
}

/* ---- tests --------------------------------------------------------------------- */

/* The phone through the form, the passport through the uploader, submit: the form goes,
 * what was sent shows, with the values, the document type and its thumbnail. */
static void
test_summary (Fixture       *fixture,
              gconstpointer  data)
{
  g_autofree char *client_id = rw_create_client (fixture, "Maria", "Sentsummary", FALSE);
  g_autofree char *request_id = rw_request_product (fixture, client_id, "cards_individuals");
  g_autoptr(GBytes) jpeg = rw_passport_jpeg ();
  g_autoptr(JsonObject) metadata = json_object_new ();
  DossierRequestWindow *window = open_request_window (fixture, client_id, request_id);
  DossierRequirementsForm *form = DOSSIER_REQUIREMENTS_FORM (dossier_request_window_get_form (window));
  DossierSubmittedView *view = DOSSIER_SUBMITTED_VIEW (dossier_request_window_get_submitted (window));
  GtkWidget *row;
  gint64 upload_id = 0;
  g_autofree char *path = NULL;

  g_assert_cmpint (dossier_request_window_get_state (window), ==, DOSSIER_REQUEST_STATE_PENDING);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (view)));
  g_assert_true (gtk_widget_is_visible (GTK_WIDGET (form)));

  /* The phone, typed into the form and saved. */
  {
    DossierValueRow *phone_row = DOSSIER_VALUE_ROW (dossier_requirements_form_get_row (form, "phone"));

    g_assert_nonnull (phone_row);
    gtk_editable_set_text (GTK_EDITABLE (dossier_value_row_get_code_entry (phone_row)), "54");
    gtk_editable_set_text (GTK_EDITABLE (dossier_value_row_get_editor (phone_row)), "1168860622");
  }
  g_assert_true (dossier_requirements_form_get_can_save (form));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "request.save", NULL));
  g_assert_true (dossier_test_wait_until (form_idle, form, 10000));

  /* The passport, through the window's uploader (as a slot would hand it over). */
  json_object_set_string_member (metadata, "number", "AB1234567");
  dossier_uploader_enqueue_bytes_async (dossier_window_get_uploader (fixture->window), client_id, request_id,
                                        "identity_document", "passport", metadata, jpeg, NULL, NULL,
                                        enqueued_cb, &upload_id);
  g_assert_true (dossier_test_wait_until (id_known, &upload_id, 10000));
  g_assert_true (rw_wait_state (window, DOSSIER_REQUEST_STATE_READY, 15000));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "request.submit", NULL));
  g_assert_true (rw_wait_state (window, DOSSIER_REQUEST_STATE_UNDER_REVIEW, 10000));
  g_assert_true (dossier_test_wait_until (view_loaded, view, 10000));

  /* The form is gone; what was sent is there. */
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (view)));
  g_assert_false (gtk_widget_is_visible (GTK_WIDGET (form)));
  g_assert_cmpuint (dossier_submitted_view_get_n_groups (view), ==, 2);
  row = dossier_submitted_view_get_row (view, "phone");
  g_assert_nonnull (row);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, "Phone Number");
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==, "+54 1168860622");
  row = dossier_submitted_view_get_row (view, "identity_document");
  g_assert_nonnull (row);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, "Identity Document");
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), "Passport"));
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), "front only"));
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), "Document Number: AB1234567"));
  /* The queue kept a thumbnail: it is shown, and the fingerprint is one hover away. */
  g_assert_nonnull (find_picture (row));
  g_assert_nonnull (strstr (gtk_widget_get_tooltip_text (row), "SHA-256"));

  g_assert_true (dossier_test_wait_for_draw (GTK_WIDGET (window)));
  path = dossier_test_save_screenshot (GTK_WIDGET (window), "request-sent-in-review");
  g_test_message ("screenshot: %s", path);
  g_clear_pointer (&path, g_free);

  /* The value follows the client (here: edited by another desk, seen by the main window). */
  {
    g_autofree char *client_path = g_strdup_printf ("/management/clients/individuals/%s", client_id);
    g_autoptr(JsonNode) current = rw_sandbox_call (fixture, "GET", client_path, NULL);
    g_autoptr(DossierClient) newer = NULL;
    g_autoptr(GError) error = NULL;

    json_object_set_int_member (json_node_get_object (current), "phone_number", 1122334455);
    newer = dossier_client_new_from_json (current, &error);
    g_assert_no_error (error);
    dossier_client_update_from (dossier_request_window_get_client (window), newer);
    g_assert_true (dossier_test_wait_until (phone_shows_new_number, view, 5000));
  }

  /* Decided: still what was sent, read-only. */
  rw_advance_clock (fixture, 20);
  g_assert_true (rw_wait_state (window, DOSSIER_REQUEST_STATE_ENABLED, 15000));
  g_assert_true (dossier_test_wait_until (view_loaded, view, 10000));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (view)));
  g_assert_nonnull (dossier_submitted_view_get_row (view, "identity_document"));
  g_assert_true (dossier_test_wait_for_draw (GTK_WIDGET (window)));
  path = dossier_test_save_screenshot (GTK_WIDGET (window), "request-sent-enabled");
  g_test_message ("screenshot: %s", path);
}

static DossierJournalEvent *
event (const char *kind,
       gint64      id,
       const char *details)
{
  DossierJournalEvent *e = dossier_journal_event_new ("Csent", "Rsent", kind, 1700000000000000 + id);

  e->id = id;
  e->details = json_from_string (details, NULL);
  g_assert_nonnull (e->details);
  return e;
}

/* From the events alone: no thumbnail left, so the SHA-256 of each side; values read the
 * way people do (a date in the locale's form, a country's name, a choice's label); a
 * field the client no longer has, a group without an accepted document. */
static void
test_from_events (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GPtrArray) events = g_ptr_array_new_with_free_func ((GDestroyNotify) dossier_journal_event_free);
  g_autoptr(JsonNode) node = json_from_string (
      "{\"id\":\"Csent\",\"first_name\":\"Maria\",\"last_name\":\"Events\",\"email\":\"e@example.com\","
      "\"nationality\":\"ARG\",\"address_since\":\"2019-03-01\",\"account_purpose\":\"travel\","
      "\"annual_salary\":52000}", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(DossierClient) client = dossier_client_new_from_json (node, &error);
  GtkWidget *view = g_object_ref_sink (dossier_submitted_view_new ());
  g_autofree char *since = dossier_value_row_format_iso_date ("2019-03-01");
  const char *subtitle;
  GtkWidget *row;

  g_assert_no_error (error);
  /* Given newest first: the view orders them itself. */
  g_ptr_array_add (events, event (DOSSIER_JOURNAL_EVENT_DOCUMENT_ACCEPTED, 6,
                                  "{\"upload_id\":9,\"group_id\":\"identity_document\",\"document_type\":\"national_id\"}"));
  g_ptr_array_add (events, event (DOSSIER_JOURNAL_EVENT_DOCUMENT_UPLOADED, 5,
                                  "{\"upload_id\":9,\"group_id\":\"identity_document\",\"document_type\":\"national_id\","
                                  "\"sides\":{\"front\":{\"sha256\":\"aaaa1111\"},\"back\":{\"sha256\":\"bbbb2222\"}}}"));
  g_ptr_array_add (events, event (DOSSIER_JOURNAL_EVENT_REQUIREMENT_APPEARED, 4,
                                  "{\"group_id\":\"proof_of_address\",\"kind\":\"document\",\"name\":\"Proof of address\"}"));
  g_ptr_array_add (events, event (DOSSIER_JOURNAL_EVENT_REQUIREMENT_APPEARED, 3,
                                  "{\"group_id\":\"identity_document\",\"kind\":\"document\",\"name\":\"Identity document\"}"));
  g_ptr_array_add (events, event (DOSSIER_JOURNAL_EVENT_REQUIREMENT_APPEARED, 2,
                                  "{\"group_id\":\"financial_profile\",\"kind\":\"data\",\"name\":\"Financial profile\","
                                  "\"fields\":[\"account_purpose\",\"annual_salary\",\"occupation\"]}"));
  g_ptr_array_add (events, event (DOSSIER_JOURNAL_EVENT_REQUIREMENT_APPEARED, 1,
                                  "{\"group_id\":\"identity_details\",\"kind\":\"data\",\"name\":\"Identity details\","
                                  "\"fields\":[\"nationality\",\"address_since\"]}"));

  dossier_submitted_view_show (DOSSIER_SUBMITTED_VIEW (view), client, events, NULL);
  g_assert_true (dossier_submitted_view_get_loaded (DOSSIER_SUBMITTED_VIEW (view)));
  g_assert_cmpuint (dossier_submitted_view_get_n_groups (DOSSIER_SUBMITTED_VIEW (view)), ==, 3);

  row = dossier_submitted_view_get_row (DOSSIER_SUBMITTED_VIEW (view), "nationality");
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==, "Argentina");
  row = dossier_submitted_view_get_row (DOSSIER_SUBMITTED_VIEW (view), "address_since");
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==, since);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, "At This Address Since");
  row = dossier_submitted_view_get_row (DOSSIER_SUBMITTED_VIEW (view), "account_purpose");
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==, "Travel");
  row = dossier_submitted_view_get_row (DOSSIER_SUBMITTED_VIEW (view), "annual_salary");
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==, "52,000");
  /* Never given (the group was not satisfied): not said to be gone from the record. */
  row = dossier_submitted_view_get_row (DOSSIER_SUBMITTED_VIEW (view), "occupation");
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==, "Not given");

  row = dossier_submitted_view_get_row (DOSSIER_SUBMITTED_VIEW (view), "identity_document");
  subtitle = adw_action_row_get_subtitle (ADW_ACTION_ROW (row));
  g_test_message ("identity document: %s", subtitle);
  g_assert_nonnull (strstr (subtitle, "front and back"));
  g_assert_nonnull (strstr (subtitle, "Front SHA-256: aaaa1111"));
  g_assert_nonnull (strstr (subtitle, "Back SHA-256: bbbb2222"));
  g_assert_null (find_picture (row));
  row = dossier_submitted_view_get_row (DOSSIER_SUBMITTED_VIEW (view), "proof_of_address");
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==,
                   "No accepted document was recorded on this computer.");

  /* A forgotten client's events keep nothing to show. */
  for (guint i = 0; i < events->len; i++)
    ((DossierJournalEvent *) g_ptr_array_index (events, i))->forgotten = TRUE;
  dossier_submitted_view_show (DOSSIER_SUBMITTED_VIEW (view), client, events, NULL);
  g_assert_cmpuint (dossier_submitted_view_get_n_groups (DOSSIER_SUBMITTED_VIEW (view)), ==, 0);
  g_assert_true (has_label_containing (view, "no record of what was asked for"));

  g_assert_finalize_object (view);
}

/* A request this computer never followed while it was open: a sentence, no empty groups. */
static void
test_no_record (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *client_id = rw_create_client (fixture, "Maria", "Norecord", TRUE);
  DossierClientPage *page = rw_open_client (fixture, client_id);
  g_autofree char *text = g_strdup_printf (
      "{\"id\":\"Rnorecord\",\"client_id\":\"%s\",\"product\":\"cards_individuals\",\"status\":\"in_kyc\","
      "\"missing_requirements\":{\"documents\":[],\"data\":[]},"
      "\"created_at\":\"2026-04-15T10:30:00\",\"updated_at\":\"2026-04-15T10:30:00\"}", client_id);
  g_autoptr(JsonNode) node = json_from_string (text, NULL);
  g_autoptr(DossierProductRequest) request = dossier_product_request_new_from_json (node, NULL);
  DossierRequestWindow *window = dossier_request_window_new (fixture->window, dossier_client_page_get_client (page),
                                                             request);
  DossierSubmittedView *view = DOSSIER_SUBMITTED_VIEW (dossier_request_window_get_submitted (window));

  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (dossier_test_wait_until (view_loaded, view, 10000));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (view)));
  g_assert_false (gtk_widget_is_visible (dossier_request_window_get_form (window)));
  g_assert_cmpuint (dossier_submitted_view_get_n_groups (view), ==, 0);
  g_assert_true (has_label_containing (GTK_WIDGET (view), "no record of what was asked for"));
  gtk_window_destroy (GTK_WINDOW (window));
}

/* "Optional, not given" lists what the server still lists: when the client gets the
 * optional values outside the window, the window reads the request again. */
static void
test_optional_follows_client (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autofree char *client_id = rw_create_client (fixture, "Maria", "Optional", TRUE);
  g_autofree char *request_id = rw_request_product (fixture, client_id, "virtual_wallets_individuals");
  g_autofree char *path = g_strdup_printf ("/management/clients/individuals/%s", client_id);
  g_autoptr(JsonNode) current = rw_sandbox_call (fixture, "GET", path, NULL);
  g_autofree char *body = NULL;
  DossierRequestWindow *window;
  TextWait wait;

  json_object_set_string_member (json_node_get_object (current), "nationality", "ARG");
  json_object_set_string_member (json_node_get_object (current), "gender", "female");
  body = json_to_string (current, FALSE);
  json_node_unref (rw_sandbox_call (fixture, "PUT", path, body));

  window = open_request_window (fixture, client_id, request_id);
  g_assert_true (rw_wait_state (window, DOSSIER_REQUEST_STATE_READY, 10000));
  g_assert_true (has_label_containing (GTK_WIDGET (window), "Optional, not given"));

  /* Another desk gives the optional values; the main window's copy of the client hears
   * of it (as after its editor saved), and the request window follows. */
  json_node_unref (current);
  current = rw_sandbox_call (fixture, "GET", path, NULL);
  json_object_set_string_member (json_node_get_object (current), "notification_email", "maria@example.com");
  json_object_set_string_member (json_node_get_object (current), "address_since", "2019-03-01");
  g_free (body);
  body = json_to_string (current, FALSE);
  json_node_unref (rw_sandbox_call (fixture, "PUT", path, body));
  {
    g_autoptr(JsonNode) stored = rw_sandbox_call (fixture, "GET", path, NULL);
    g_autoptr(DossierClient) newer = dossier_client_new_from_json (stored, NULL);

    dossier_client_update_from (dossier_request_window_get_client (window), newer);
  }
  wait = (TextWait) { window, "Optional, not given", FALSE };
  g_assert_true (dossier_test_wait_until (text_shown_is, &wait, 10000));
  g_assert_cmpint (dossier_request_window_get_state (window), ==, DOSSIER_REQUEST_STATE_READY);
  g_assert_false (dossier_request_window_get_busy (window));
}

/* Brought up again from the client page after the client changed elsewhere: the window
 * already open reads the request again instead of showing what it knew. */
static void
test_optional_follows_reopen (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autofree char *client_id = rw_create_client (fixture, "Maria", "Reopen", TRUE);
  g_autofree char *request_id = rw_request_product (fixture, client_id, "virtual_wallets_individuals");
  g_autofree char *path = g_strdup_printf ("/management/clients/individuals/%s", client_id);
  g_autoptr(JsonNode) current = rw_sandbox_call (fixture, "GET", path, NULL);
  g_autofree char *body = NULL;
  DossierRequestWindow *window;
  DossierClientPage *page;
  TextWait wait;

  json_object_set_string_member (json_node_get_object (current), "nationality", "ARG");
  json_object_set_string_member (json_node_get_object (current), "gender", "female");
  body = json_to_string (current, FALSE);
  json_node_unref (rw_sandbox_call (fixture, "PUT", path, body));
  window = open_request_window (fixture, client_id, request_id);
  g_assert_true (rw_wait_state (window, DOSSIER_REQUEST_STATE_READY, 10000));
  g_assert_true (has_label_containing (GTK_WIDGET (window), "Optional, not given"));

  json_object_set_string_member (json_node_get_object (current), "notification_email", "maria@example.com");
  json_object_set_string_member (json_node_get_object (current), "address_since", "2019-03-01");
  json_object_remove_member (json_node_get_object (current), "updated_at");
  g_free (body);
  body = json_to_string (current, FALSE);
  json_node_unref (rw_sandbox_call (fixture, "PUT", path, body));

  page = rw_find_page (fixture);
  g_assert_true (dossier_client_page_activate_request (page, request_id));
  g_assert_true (rw_find_toplevel (DOSSIER_TYPE_REQUEST_WINDOW) == GTK_WINDOW (window));
  g_assert_cmpuint (rw_count_toplevels (DOSSIER_TYPE_REQUEST_WINDOW), ==, 1);
  wait = (TextWait) { window, "Optional, not given", FALSE };
  g_assert_true (dossier_test_wait_until (text_shown_is, &wait, 10000));
}

/* The client page shows the birth date as the date rows do, never as the API writes it. */
static void
test_birth_date_shown (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autofree char *client_id = rw_create_client (fixture, "Maria", "Birthday", TRUE);
  DossierClientPage *page = rw_open_client (fixture, client_id);
  g_autofree char *shown = dossier_value_row_format_iso_date ("1984-11-21");

  g_assert_cmpstr (shown, !=, "1984-11-21");
  g_assert_nonnull (find_row_with_subtitle (GTK_WIDGET (page), shown));
  g_assert_null (find_row_with_subtitle (GTK_WIDGET (page), "1984-11-21"));
}

/* Ready, with one optional field of a required group and an optional group left: the
 * field is named (the group was given), the optional group by its name. */
static void
test_optional_fields_named (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autofree char *client_id = rw_create_client (fixture, "Maria", "Fieldnames", TRUE);
  DossierClientPage *page = rw_open_client (fixture, client_id);
  g_autofree char *text = g_strdup_printf (
      "{\"id\":\"Rfieldnames\",\"client_id\":\"%s\",\"product\":\"cards_individuals_premium\","
      "\"status\":\"requested\",\"missing_requirements\":{\"documents\":[],\"data\":["
      "{\"id\":\"financial_profile\",\"name\":\"Financial profile\",\"description\":\"\",\"required\":true,"
      "\"fields\":[{\"key\":\"expected_monthly_volume\",\"data_type\":\"NUMBER\",\"required\":false}]},"
      "{\"id\":\"contact_preferences\",\"name\":\"Contact preferences\",\"description\":\"\",\"required\":false,"
      "\"fields\":[{\"key\":\"notification_email\",\"data_type\":\"EMAIL\",\"required\":false}]}]},"
      "\"created_at\":\"2026-04-15T10:30:00\",\"updated_at\":\"2026-04-15T10:30:00\"}", client_id);
  g_autoptr(JsonNode) node = json_from_string (text, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(DossierProductRequest) request = dossier_product_request_new_from_json (node, &error);
  DossierRequestWindow *window;

  g_assert_no_error (error);
  window = dossier_request_window_new (fixture->window, dossier_client_page_get_client (page), request);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_cmpint (dossier_request_window_get_state (window), ==, DOSSIER_REQUEST_STATE_READY);
  g_assert_true (has_label_containing (GTK_WIDGET (window),
                                       "Optional, not given: Expected Monthly Volume, Contact Preferences."));
  g_assert_false (has_label_containing (GTK_WIDGET (window), "Financial Profile."));
  g_assert_false (gtk_widget_get_visible (dossier_request_window_get_submitted (window)));
  {
    g_autofree char *path = NULL;

    g_assert_true (dossier_test_wait_for_draw (GTK_WIDGET (window)));
    path = dossier_test_save_screenshot (GTK_WIDGET (window), "request-ready-optional-fields");
    g_test_message ("screenshot: %s", path);
  }
  gtk_window_destroy (GTK_WINDOW (window));
}

/* The client editor shows the birth date the same way, takes it typed so or as ISO, and
 * keeps it as the API writes it. */
static void
test_birth_date_editor (Fixture       *fixture,
                        gconstpointer  data)
{
  GtkWidget *form = g_object_ref_sink (dossier_client_form_new ());
  GtkWidget *row = dossier_client_form_get_row (DOSSIER_CLIENT_FORM (form), DOSSIER_CLIENT_FIELD_BIRTH_DATE);
  g_autofree char *shown = dossier_value_row_format_iso_date ("1984-11-21");
  g_autofree char *pattern = dossier_value_row_dup_date_pattern ();
  g_autofree char *hint = dossier_value_row_dup_date_hint ();
  const char *message;

  dossier_client_form_set_text (DOSSIER_CLIENT_FORM (form), DOSSIER_CLIENT_FIELD_BIRTH_DATE, "1984-11-21");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, shown);
  g_assert_cmpstr (dossier_client_form_get_text (DOSSIER_CLIENT_FORM (form), DOSSIER_CLIENT_FIELD_BIRTH_DATE), ==,
                   "1984-11-21");

  gtk_editable_set_text (GTK_EDITABLE (row), "1990-02-28");
  g_assert_cmpstr (dossier_client_form_get_text (DOSSIER_CLIENT_FORM (form), DOSSIER_CLIENT_FIELD_BIRTH_DATE), ==,
                   "1990-02-28");
  g_assert_null (dossier_client_form_get_message (DOSSIER_CLIENT_FORM (form), DOSSIER_CLIENT_FIELD_BIRTH_DATE));
  gtk_editable_set_text (GTK_EDITABLE (row), shown);
  g_assert_cmpstr (dossier_client_form_get_text (DOSSIER_CLIENT_FORM (form), DOSSIER_CLIENT_FIELD_BIRTH_DATE), ==,
                   "1984-11-21");
  g_assert_null (dossier_client_form_get_message (DOSSIER_CLIENT_FORM (form), DOSSIER_CLIENT_FIELD_BIRTH_DATE));

  /* Text that is no date: the sentence every date row says, with the locale's pattern. */
  gtk_editable_set_text (GTK_EDITABLE (row), "21 Nov");
  message = dossier_client_form_get_message (DOSSIER_CLIENT_FORM (form), DOSSIER_CLIENT_FIELD_BIRTH_DATE);
  g_assert_nonnull (message);
  g_assert_cmpstr (message, ==, hint);
  g_assert_nonnull (strstr (message, pattern));
  g_assert_finalize_object (form);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  rw_private_bus_up ();
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE,
                "gtk-entry-select-on-focus", FALSE, NULL);

#define ADD(path, func) g_test_add ("/dossier/ui/request-sent/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("summary", test_summary);
  ADD ("from-events", test_from_events);
  ADD ("no-record", test_no_record);
  ADD ("optional-follows-client", test_optional_follows_client);
  ADD ("optional-follows-reopen", test_optional_follows_reopen);
  ADD ("optional-fields-named", test_optional_fields_named);
  ADD ("birth-date-shown", test_birth_date_shown);
  ADD ("birth-date-editor", test_birth_date_editor);
#undef ADD

  status = g_test_run ();
  rw_private_bus_stop ();
  return status;
}
