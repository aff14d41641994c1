/* test-request-window-follow.c — the request window follows the server, offers Edit
 * Client… after a rejection and says what Submit is waiting for
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * On the embedded sandbox over real HTTP (walk 4, items 2, 8, 12, 17): a window opened
 * from what the page had reads the request again at once (a passport accepted meanwhile
 * is not "still needed"), and again when the request cache hears the client's requests
 * changed; a rejected request offers Edit Client… beside Request Again; an earlier
 * attempt is named by when it was requested; a product without documents does not ask
 * for documents; Submit says "Submitting…", "The server is busy; trying again in N s",
 * or why it failed, with Retry.
 */
#include "config.h"

#include "dossier-call-status.h"
#include "dossier-client-editor.h"
#include "dossier-document-slot-private.h"
#include "dossier-request-window-private.h"
#include "dossier-ui-closures.h"
#include "request-window-test-utils.h"

static gboolean
page_has_request (gpointer data)
{
  return dossier_client_page_get_n_requests (data) > 0;
}

/* The page's copy of the request (as its row has it) and the window opened from it. */
static DossierRequestWindow *
open_from_page (Fixture                *fixture,
                const char             *client_id,
                DossierProductRequest **stale_out)
{
  DossierClientPage *page = rw_open_client (fixture, client_id);
  DossierProductRequest *stale;
  DossierRequestWindow *window;

  g_assert_true (dossier_test_wait_until (page_has_request, page, 10000));
  stale = g_object_ref (dossier_client_page_get_request (page, 0));
  if (stale_out != NULL)
    *stale_out = stale;
  window = dossier_request_window_open (fixture->window, dossier_client_page_get_client (page), stale);
  if (stale_out == NULL)
    g_object_unref (stale);
  g_assert_true (dossier_test_wait_for_draw (GTK_WIDGET (window)));
  return window;
}

static void
screenshot (GtkWidget  *widget,
            const char *name)
{
  g_autofree char *path = NULL;

  g_assert_true (dossier_test_wait_for_draw (widget));
  path = dossier_test_save_screenshot (widget, name);
  g_test_message ("screenshot: %s", path);
}

static gboolean
not_refreshing (gpointer data)
{
  return !DOSSIER_REQUEST_WINDOW (data)->refreshing;
}

/* The passport was accepted after the page last looked: the window shows the server's word. */
static void
test_fresh_on_open (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *client_id = rw_create_client (fixture, "Maria", "Stale", TRUE);
  g_autofree char *request_id = rw_request_product (fixture, client_id, "cards_individuals");
  DossierProductRequest *stale;
  DossierClientPage *page = rw_open_client (fixture, client_id);
  DossierRequestWindow *window;

  g_assert_true (dossier_test_wait_until (page_has_request, page, 10000));
  /* Another desk (or the upload queue, window closed) sends the passport. */
  rw_upload_passport (fixture, client_id, request_id);
  stale = dossier_client_page_get_request (page, 0);
  g_assert_cmpint (dossier_request_state_for_request (stale), ==, DOSSIER_REQUEST_STATE_PENDING);
  window = dossier_request_window_open (fixture->window, dossier_client_page_get_client (page), stale);
  /* What the page had, being checked: the header bar's spinner says so until the answer. */
  g_assert_true (window->refreshing);
  g_assert_true (gtk_widget_get_visible (window->spinner));

  g_assert_true (rw_wait_state (window, DOSSIER_REQUEST_STATE_READY, 10000));
  g_assert_null (strstr (dossier_request_window_get_state_description (window), "Still needed"));
  g_assert_true (dossier_request_window_get_can_submit (window));
  g_assert_true (dossier_test_wait_until (not_refreshing, window, 10000));
  g_assert_false (gtk_widget_get_visible (window->spinner));
}

/* Open while the server changes behind it: the cache's ::invalidated brings it up to date. */
static void
test_invalidated (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *client_id = rw_create_client (fixture, "Maria", "Invalidated", TRUE);
  g_autofree char *request_id = rw_request_product (fixture, client_id, "cards_individuals");
  g_autofree char *other_id = rw_create_client (fixture, "Maria", "Other", TRUE);
  DossierRequestCache *cache = dossier_window_get_request_cache (fixture->window);
  DossierRequestWindow *window;

  window = open_from_page (fixture, client_id, NULL);
  g_assert_true (rw_wait_state (window, DOSSIER_REQUEST_STATE_PENDING, 10000));
  g_assert_true (dossier_test_wait_until (not_refreshing, window, 10000));

  rw_upload_passport (fixture, client_id, request_id);
  /* Another client's change is not this window's business. */
  dossier_request_cache_invalidate (cache, other_id);
  g_assert_false (window->refreshing);
  g_assert_cmpint (dossier_request_window_get_state (window), ==, DOSSIER_REQUEST_STATE_PENDING);

  dossier_request_cache_invalidate (cache, client_id);
  g_assert_true (rw_wait_state (window, DOSSIER_REQUEST_STATE_READY, 10000));
}

static gboolean
has_editor (gpointer data)
{
  return rw_find_toplevel (DOSSIER_TYPE_CLIENT_EDITOR) != NULL;
}

/* Rejected: Edit Client… beside Request Again opens the client's editor over the window;
 * the attempt, once requested again, is named by when it was requested. */
static void
test_rejected_edit_client (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autofree char *client_id = rw_create_client (fixture, "Maria", "Rejectson", TRUE);
  g_autofree char *request_id = rw_request_product (fixture, client_id, "cards_individuals");
  g_autofree char *submit = NULL;
  g_autofree char *requested = NULL;
  g_autofree char *expected = NULL;
  DossierProductRequest *rejected;
  DossierRequestWindow *window;
  GtkWindow *editor;
  GtkWidget *row;

  rw_upload_passport (fixture, client_id, request_id);
  submit = g_strdup_printf ("/management/clients/individuals/%s/products/%s/submit", client_id, request_id);
  json_node_unref (rw_sandbox_call (fixture, "POST", submit, NULL));
  rw_advance_clock (fixture, 20);

  window = open_from_page (fixture, client_id, NULL);
  g_assert_true (rw_wait_state (window, DOSSIER_REQUEST_STATE_REJECTED, 10000));
  g_assert_true (gtk_widget_get_mapped (window->again_button));
  g_assert_true (gtk_widget_get_mapped (window->edit_button));
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (window->edit_button)), ==, "_Edit Client…");
  /* Side by side at the default width. */
  {
    graphene_point_t again, edit;

    g_assert_true (gtk_widget_compute_point (window->again_button, GTK_WIDGET (window),
                                             &GRAPHENE_POINT_INIT (0, 0), &again));
    g_assert_true (gtk_widget_compute_point (window->edit_button, GTK_WIDGET (window),
                                             &GRAPHENE_POINT_INIT (0, 0), &edit));
    g_assert_cmpfloat (again.y, ==, edit.y);
  }
  screenshot (GTK_WIDGET (window), "request-rejected-edit-client");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "request.edit-client", NULL));
  g_assert_true (dossier_test_wait_until (has_editor, NULL, 5000));
  editor = rw_find_toplevel (DOSSIER_TYPE_CLIENT_EDITOR);
  g_assert_true (gtk_window_get_transient_for (editor) == GTK_WINDOW (window));
  screenshot (GTK_WIDGET (editor), "request-rejected-editor");
  gtk_window_destroy (editor);

  /* Pending again: neither button is offered. */
  rejected = g_object_ref (dossier_request_window_get_request (window));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "request.request-again", NULL));
  g_assert_true (rw_wait_state (window, DOSSIER_REQUEST_STATE_PENDING, 10000));
  g_assert_false (gtk_widget_get_visible (window->rejected_actions));

  g_assert_cmpuint (window->previous_rows->len, ==, 1);
  row = g_ptr_array_index (window->previous_rows, 0);
  requested = dossier_ui_format_date_time (dossier_product_request_get_created_at (rejected));
  expected = g_strdup_printf ("Attempt of %s", requested);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, expected);
  g_object_unref (rejected);
}

/* At 360 px the two buttons stack instead of widening the window. */
static void
test_rejected_narrow (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *client_id = rw_create_client (fixture, "Maria", "Rejectson", TRUE);
  g_autofree char *request_id = rw_request_product (fixture, client_id, "cards_individuals");
  g_autofree char *submit = NULL;
  DossierRequestWindow *window;
  int minimum = 0;

  rw_upload_passport (fixture, client_id, request_id);
  submit = g_strdup_printf ("/management/clients/individuals/%s/products/%s/submit", client_id, request_id);
  json_node_unref (rw_sandbox_call (fixture, "POST", submit, NULL));
  rw_advance_clock (fixture, 20);

  window = open_from_page (fixture, client_id, NULL);
  g_assert_true (rw_wait_state (window, DOSSIER_REQUEST_STATE_REJECTED, 10000));
  /* Side by side, the window can still be made narrower than where they stack. */
  gtk_widget_measure (GTK_WIDGET (window), GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL, NULL);
  g_test_message ("window minimum width, buttons side by side: %d", minimum);
  g_assert_cmpint (minimum, <, 520);

  gtk_window_set_default_size (GTK_WINDOW (window), 360, 700);
  screenshot (GTK_WIDGET (window), "request-rejected-360");
  gtk_widget_measure (window->state_card, GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL, NULL);
  g_test_message ("state card minimum width: %d", minimum);
  g_assert_cmpint (minimum, <=, 360 - 24);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (window)), <=, 360);
  /* One above the other, the same two buttons. */
  g_assert_cmpint (gtk_orientable_get_orientation (GTK_ORIENTABLE (window->rejected_actions)), ==,
                   GTK_ORIENTATION_VERTICAL);
  g_assert_true (gtk_widget_get_mapped (window->again_button));
  g_assert_true (gtk_widget_get_mapped (window->edit_button));
  {
    graphene_rect_t text, again;

    g_assert_true (gtk_widget_compute_bounds (window->state_detail, GTK_WIDGET (window), &text));
    g_assert_true (gtk_widget_compute_bounds (window->again_button, GTK_WIDGET (window), &again));
    g_assert_cmpfloat (again.origin.y, >=, text.origin.y + text.size.height);
  }
}

/* A product without documents asks for the data only. */
static void
test_no_documents_wording (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autofree char *client_id = rw_create_client (fixture, "Maria", "Wallet", FALSE);
  g_autofree char *request_id = rw_request_product (fixture, client_id, "virtual_wallets_individuals");
  DossierRequestWindow *window;
  const char *detail;

  window = open_from_page (fixture, client_id, NULL);
  g_assert_true (rw_wait_state (window, DOSSIER_REQUEST_STATE_PENDING, 10000));
  detail = gtk_label_get_text (GTK_LABEL (window->state_detail));
  g_test_message ("%s", detail);
  g_assert_null (strstr (detail, "document"));
  g_assert_cmpstr (detail, ==,
                   "Fill in the client data below; the request can be submitted once nothing required is missing.");
}

static gboolean
says_busy (gpointer data)
{
  const char *text = dossier_call_status_get_text (data);

  return text != NULL && g_str_has_prefix (text, "The server is busy; trying again in ");
}

static gboolean
status_failed (gpointer data)
{
  return dossier_call_status_get_failed (data);
}

/* A ready request with its window open. */
static DossierRequestWindow *
ready_window (Fixture    *fixture,
              const char *last_name,
              char      **client_id,
              char      **request_id)
{
  DossierRequestWindow *window;

  *client_id = rw_create_client (fixture, "Maria", last_name, TRUE);
  *request_id = rw_request_product (fixture, *client_id, "cards_individuals");
  rw_upload_passport (fixture, *client_id, *request_id);
  window = open_from_page (fixture, *client_id, NULL);
  g_assert_true (rw_wait_state (window, DOSSIER_REQUEST_STATE_READY, 10000));
  return window;
}

/* Rate-limited: "Submitting…", then the countdown, then in review and nothing said. */
static void
test_submit_busy (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *client_id = NULL;
  g_autofree char *request_id = NULL;
  g_autofree char *fault = NULL;
  DossierRequestWindow *window = ready_window (fixture, "Busy", &client_id, &request_id);
  DossierCallStatus *status = DOSSIER_CALL_STATUS (dossier_request_window_get_submit_status (window));

  fault = g_strdup_printf ("{\"kind\": \"rate_limit\", \"method\": \"POST\", \"retry_after\": 3,"
                           " \"path_prefix\": \"/management/clients/individuals/%s/products/%s/submit\"}",
                           client_id, request_id);
  json_node_unref (rw_sandbox_call (fixture, "POST", "/_sandbox/faults", fault));

  g_assert_null (dossier_call_status_get_text (status));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "request.submit", NULL));
  g_assert_cmpstr (dossier_call_status_get_text (status), ==, "Submitting…");
  g_assert_true (dossier_request_window_get_busy (window));
  /* One spinner: the line's, not the header bar's as well. */
  g_assert_false (gtk_widget_get_visible (window->spinner));

  g_assert_true (dossier_test_wait_until (says_busy, status, 10000));
  g_test_message ("while held: %s", dossier_call_status_get_text (status));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (status)));
  screenshot (GTK_WIDGET (window), "request-submit-busy");

  g_assert_true (rw_wait_state (window, DOSSIER_REQUEST_STATE_UNDER_REVIEW, 20000));
  g_assert_null (dossier_call_status_get_text (status));
}

/* A failed submit says why beside it, with Retry, which submits again. */
static void
test_submit_failed_retry (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autofree char *client_id = NULL;
  g_autofree char *request_id = NULL;
  g_autofree char *fault = NULL;
  DossierRequestWindow *window = ready_window (fixture, "Failing", &client_id, &request_id);
  DossierCallStatus *status = DOSSIER_CALL_STATUS (dossier_request_window_get_submit_status (window));

  fault = g_strdup_printf ("{\"kind\": \"error\", \"method\": \"POST\", \"status\": 500, \"count\": 10,"
                           " \"path_prefix\": \"/management/clients/individuals/%s/products/%s/submit\"}",
                           client_id, request_id);
  json_node_unref (rw_sandbox_call (fixture, "POST", "/_sandbox/faults", fault));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "request.submit", NULL));
  g_assert_true (dossier_test_wait_until (status_failed, status, 20000));
  g_test_message ("failed: %s", dossier_call_status_get_text (status));
  g_assert_cmpstr (dossier_call_status_get_text (status), ==,
                   "Not submitted: the server had a problem. Try again later.");
  g_assert_true (gtk_widget_get_visible (dossier_call_status_get_retry_button (status)));
  g_assert_cmpint (dossier_request_window_get_state (window), ==, DOSSIER_REQUEST_STATE_READY);
  g_assert_false (dossier_request_window_get_busy (window));
  screenshot (GTK_WIDGET (window), "request-submit-failed");

  json_node_unref (rw_sandbox_call (fixture, "DELETE", "/_sandbox/faults", NULL));
  gtk_widget_activate (dossier_call_status_get_retry_button (status));
  g_assert_true (rw_wait_state (window, DOSSIER_REQUEST_STATE_UNDER_REVIEW, 20000));
  g_assert_false (dossier_call_status_get_failed (status));
  g_assert_null (dossier_call_status_get_text (status));
}

/* The premium product's slots, whatever document is chosen, fit a window 360 px wide
 * (12 px margins): the choice of document turns into a drop-down, the places stack. */
static void
test_slots_narrow (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *client_id = rw_create_client (fixture, "Maria", "Narrow", TRUE);
  g_autofree char *request_id = rw_request_product (fixture, client_id, "cards_individuals_premium");
  DossierRequestWindow *window = open_from_page (fixture, client_id, NULL);
  const char *types[] = { "passport", "national_id", "drivers_license" };
  DossierDocumentSlot *slot;
  int minimum = 0;

  g_assert_true (rw_wait_state (window, DOSSIER_REQUEST_STATE_PENDING, 10000));
  slot = DOSSIER_DOCUMENT_SLOT (dossier_request_window_get_slot (window, "identity_document"));
  g_assert_nonnull (slot);
  for (guint i = 0; i < G_N_ELEMENTS (types); i++)
    {
      g_assert_true (dossier_document_slot_set_document_type (slot, types[i]));
      gtk_widget_measure (GTK_WIDGET (slot), GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL, NULL);
      g_test_message ("%s: the slot asks for %d px", types[i], minimum);
      g_assert_cmpint (minimum, <=, 360 - 2 * 12);
    }
  gtk_widget_measure (GTK_WIDGET (window), GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL, NULL);
  g_test_message ("the window asks for %d px", minimum);
  g_assert_cmpint (minimum, <=, 360);

  /* Wide: the front and back side by side, a single place as wide as the slot. */
  g_assert_true (dossier_test_wait_for_draw (GTK_WIDGET (window)));
  g_assert_cmpint (gtk_widget_get_width (slot->place[0]), ==, gtk_widget_get_width (slot->place[1]));
  {
    graphene_point_t front, back;

    g_assert_true (gtk_widget_compute_point (slot->place[0], GTK_WIDGET (window), &GRAPHENE_POINT_INIT (0, 0), &front));
    g_assert_true (gtk_widget_compute_point (slot->place[1], GTK_WIDGET (window), &GRAPHENE_POINT_INIT (0, 0), &back));
    g_assert_cmpfloat (front.y, ==, back.y);
  }
  g_assert_true (dossier_document_slot_set_document_type (slot, "passport"));
  g_assert_true (dossier_test_wait_for_draw (GTK_WIDGET (window)));
  g_assert_cmpint (gtk_widget_get_width (slot->place[0]), >=, gtk_widget_get_width (slot->places) * 9 / 10);

  /* Narrow: stacked. */
  g_assert_true (dossier_document_slot_set_document_type (slot, "drivers_license"));
  gtk_window_set_default_size (GTK_WINDOW (window), 360, 760);
  g_assert_true (dossier_test_wait_for_draw (GTK_WIDGET (window)));
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (window)), <=, 360);
  {
    graphene_point_t front, back;

    g_assert_true (gtk_widget_compute_point (slot->place[0], GTK_WIDGET (window), &GRAPHENE_POINT_INIT (0, 0), &front));
    g_assert_true (gtk_widget_compute_point (slot->place[1], GTK_WIDGET (window), &GRAPHENE_POINT_INIT (0, 0), &back));
    g_assert_cmpfloat (front.y, <, back.y);
  }
  screenshot (GTK_WIDGET (slot), "request-window-360-slot");
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

#define ADD(path, func) g_test_add ("/dossier/ui/request-window/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("follow/fresh-on-open", test_fresh_on_open);
  ADD ("follow/invalidated", test_invalidated);
  ADD ("rejected/edit-client", test_rejected_edit_client);
  ADD ("rejected/narrow", test_rejected_narrow);
  ADD ("pending/no-documents-wording", test_no_documents_wording);
  ADD ("narrow/slots", test_slots_narrow);
  ADD ("submit/busy", test_submit_busy);
  ADD ("submit/failed-retry", test_submit_failed_retry);
#undef ADD

  status = g_test_run ();
  rw_private_bus_stop ();
  return status;
}
