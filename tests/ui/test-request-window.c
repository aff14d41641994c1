/* test-request-window.c — "Request Product…", the request window and each state it shows,
 * on the embedded sandbox
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The chooser offers the sandbox's catalogue; a product with an open request opens that
 * request instead of a duplicate (also when only the server knows: its 412 is the backstop);
 * Submit follows the required items only; every state is rendered and screenshotted.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "dossier-document-slot-private.h"
#include "dossier-requirements-form.h"
#include "request-window-test-utils.h"

static DossierRequestWindow *
request_via_chooser (Fixture           *fixture,
                     DossierClientPage *page,
                     const char        *product)
{
  DossierProductChooser *chooser;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "client.request-product", NULL));
  g_assert_true (dossier_test_wait_until (rw_has_chooser, NULL, 5000));
  chooser = DOSSIER_PRODUCT_CHOOSER (rw_find_toplevel (DOSSIER_TYPE_PRODUCT_CHOOSER));
  dossier_product_chooser_choose (chooser, product);
  g_assert_true (dossier_test_wait_until (rw_has_request_window, NULL, 10000));
  return DOSSIER_REQUEST_WINDOW (rw_find_toplevel (DOSSIER_TYPE_REQUEST_WINDOW));
}

static void
test_chooser (Fixture       *fixture,
              gconstpointer  data)
{
  DossierSandbox *sandbox = dossier_application_get_sandbox (fixture->app);
  g_auto(GStrv) ids = dossier_sandbox_dup_product_ids (sandbox);
  g_autofree char *client_id = rw_create_client (fixture, "Maria", "Chooser", FALSE);
  DossierClientPage *page = rw_open_client (fixture, client_id);
  DossierProductChooser *chooser;
  DossierRequestWindow *window;
  g_autofree char *path = NULL;

  g_assert_cmpuint (dossier_client_page_get_n_requests (page), ==, 0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "client.request-product", NULL));
  g_assert_true (dossier_test_wait_until (rw_has_chooser, NULL, 5000));
  chooser = DOSSIER_PRODUCT_CHOOSER (rw_find_toplevel (DOSSIER_TYPE_PRODUCT_CHOOSER));

  /* The sandbox's catalogue, in its order. */
  g_assert_cmpuint (dossier_product_chooser_get_n_products (chooser), ==, g_strv_length (ids));
  for (guint i = 0; ids[i] != NULL; i++)
    g_assert_cmpstr (dossier_product_chooser_get_product_id (chooser, i), ==, ids[i]);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (chooser)) == GTK_WINDOW (fixture->window));
  g_assert_true (dossier_test_wait_for_draw (GTK_WIDGET (chooser)));
  path = dossier_test_save_screenshot (GTK_WIDGET (chooser), "request-product-chooser");
  g_test_message ("screenshot: %s", path);
  g_clear_pointer (&path, g_free);

  dossier_product_chooser_choose (chooser, "cards_individuals");
  g_assert_true (dossier_test_wait_until (rw_has_request_window, NULL, 10000));
  g_assert_null (rw_find_toplevel (DOSSIER_TYPE_PRODUCT_CHOOSER));
  window = DOSSIER_REQUEST_WINDOW (rw_find_toplevel (DOSSIER_TYPE_REQUEST_WINDOW));

  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (window)) == GTK_WINDOW (fixture->window));
  g_assert_cmpstr (dossier_product_request_get_product (dossier_request_window_get_request (window)), ==,
                   "cards_individuals");
  g_assert_cmpstr (dossier_client_get_id (dossier_request_window_get_client (window)), ==, client_id);
  g_assert_nonnull (strstr (gtk_window_get_title (GTK_WINDOW (window)), "Maria Chooser"));
  /* Phone and passport missing: pending, Submit off. */
  g_assert_cmpint (dossier_request_window_get_state (window), ==, DOSSIER_REQUEST_STATE_PENDING);
  g_assert_false (dossier_request_window_get_can_submit (window));
  g_assert_false (dossier_request_window_get_busy (window));
  g_assert_true (dossier_test_wait_for_draw (GTK_WIDGET (window)));
  path = dossier_test_save_screenshot (GTK_WIDGET (window), "request-pending");
  g_test_message ("screenshot: %s", path);

  /* The page lists the new request; its row opens the same window. */
  g_assert_true (dossier_test_wait_until ((DossierTestCondition) dossier_client_page_get_n_requests, page, 10000));
}

/* The page knows the open request: choosing its product opens it. The page does not know
 * it (made by another desk): the server's 412 leads to it just the same. */
static void
test_duplicate (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *client_id = rw_create_client (fixture, "Maria", "Twice", FALSE);
  g_autofree char *outside_id = NULL;
  DossierClientPage *page = rw_open_client (fixture, client_id);
  DossierRequestWindow *first;
  DossierRequestWindow *second;
  g_autofree char *first_id = NULL;

  first = request_via_chooser (fixture, page, "cards_individuals");
  first_id = g_strdup (dossier_product_request_get_id (dossier_request_window_get_request (first)));
  g_assert_true (dossier_test_wait_until ((DossierTestCondition) dossier_client_page_get_n_requests, page, 10000));

  second = request_via_chooser (fixture, page, "cards_individuals");
  g_assert_true (first == second);
  g_assert_cmpuint (rw_count_toplevels (DOSSIER_TYPE_REQUEST_WINDOW), ==, 1);
  g_assert_cmpstr (dossier_product_request_get_id (dossier_request_window_get_request (second)), ==, first_id);
  gtk_window_destroy (GTK_WINDOW (first));

  /* Another desk requested the premium product; this page has not seen it. */
  outside_id = rw_request_product (fixture, client_id, "cards_individuals_premium");
  second = request_via_chooser (fixture, page, "cards_individuals_premium");
  g_assert_cmpstr (dossier_product_request_get_id (dossier_request_window_get_request (second)), ==, outside_id);
  g_assert_cmpuint (rw_count_toplevels (DOSSIER_TYPE_REQUEST_WINDOW), ==, 1);

  /* Only two requests on the server: no duplicate was created. */
  {
    g_autofree char *path = g_strdup_printf ("/management/clients/individuals/%s/products", client_id);
    g_autoptr(JsonNode) list = rw_sandbox_call (fixture, "GET", path, NULL);

    g_assert_cmpuint (json_array_get_length (json_node_get_array (list)), ==, 2);
  }
}

static gboolean
page_request_enabled (gpointer data)
{
  DossierProductRequest *request = dossier_client_page_get_request (data, 0);

  return request != NULL && dossier_product_request_get_status (request) == DOSSIER_REQUEST_STATUS_ENABLED;
}

typedef struct {
  Fixture    *fixture;
  const char *client_id;
} ClientWait;

static gboolean
client_is_active (gpointer data)
{
  ClientWait *wait = data;
  DossierClient *client = dossier_client_list_lookup (dossier_window_get_clients (wait->fixture->window),
                                                      wait->client_id);

  return client != NULL && g_strcmp0 (dossier_client_get_status (client), "active") == 0;
}

/* Ready → Submit on → under review → the watcher sees it enabled. */
static void
test_submit (Fixture       *fixture,
             gconstpointer  data)
{
  g_autofree char *client_id = rw_create_client (fixture, "Maria", "Submitter", TRUE);
  g_autofree char *request_id = rw_request_product (fixture, client_id, "cards_individuals");
  DossierClientPage *page;
  DossierRequestWindow *window;
  g_autofree char *path = NULL;

  page = rw_open_client (fixture, client_id);
  window = request_via_chooser (fixture, page, "cards_individuals");
  g_assert_cmpstr (dossier_product_request_get_id (dossier_request_window_get_request (window)), ==, request_id);
  g_assert_cmpint (dossier_request_window_get_state (window), ==, DOSSIER_REQUEST_STATE_PENDING);
  g_assert_false (dossier_request_window_get_can_submit (window));

  /* The passport arrives from another desk; the window hears of it on refresh. */
  rw_upload_passport (fixture, client_id, request_id);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "request.refresh", NULL));
  g_assert_true (rw_wait_state (window, DOSSIER_REQUEST_STATE_READY, 10000));
  g_assert_true (dossier_request_window_get_can_submit (window));
  g_assert_true (dossier_test_wait_for_draw (GTK_WIDGET (window)));
  path = dossier_test_save_screenshot (GTK_WIDGET (window), "request-ready");
  g_test_message ("screenshot: %s", path);
  g_clear_pointer (&path, g_free);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "request.submit", NULL));
  g_assert_true (rw_wait_state (window, DOSSIER_REQUEST_STATE_UNDER_REVIEW, 10000));
  g_assert_false (dossier_request_window_get_can_submit (window));
  g_assert_true (dossier_review_watcher_is_watching (dossier_window_get_review_watcher (fixture->window), client_id));
  g_assert_nonnull (strstr (dossier_request_window_get_state_description (window), "In review for"));
  g_assert_true (dossier_test_wait_for_draw (GTK_WIDGET (window)));
  path = dossier_test_save_screenshot (GTK_WIDGET (window), "request-under-review");
  g_test_message ("screenshot: %s", path);
  g_clear_pointer (&path, g_free);

  /* The review's 10 s pass at once on the sandbox's clock; the next poll (2 s) sees it. */
  rw_advance_clock (fixture, 20);
  g_assert_true (rw_wait_state (window, DOSSIER_REQUEST_STATE_ENABLED, 15000));
  /* The page's row follows the same poll. */
  g_assert_true (dossier_test_wait_until (page_request_enabled, page, 5000));
  /* §9.5: the client is active now, in the list too. */
  {
    ClientWait wait = { fixture, client_id };

    g_assert_true (dossier_test_wait_until (client_is_active, &wait, 5000));
  }
  {
    g_autofree char *page_shot = NULL;

    g_assert_true (dossier_test_wait_for_draw (GTK_WIDGET (fixture->window)));
    page_shot = dossier_test_save_screenshot (GTK_WIDGET (fixture->window), "client-page-requests");
    g_test_message ("screenshot: %s", page_shot);
  }
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (window)) && dossier_request_window_get_can_submit (window));
  g_assert_true (dossier_test_wait_for_draw (GTK_WIDGET (window)));
  path = dossier_test_save_screenshot (GTK_WIDGET (window), "request-enabled");
  g_test_message ("screenshot: %s", path);
}

/* The window thought the request ready, but another desk removed the phone meanwhile:
 * the submit is answered 200 with the request still pending, and the gap is shown. */
static void
test_submit_still_missing (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autofree char *client_id = rw_create_client (fixture, "Maria", "Stillmissing", TRUE);
  g_autofree char *request_id = rw_request_product (fixture, client_id, "cards_individuals");
  g_autofree char *path = g_strdup_printf ("/management/clients/individuals/%s", client_id);
  g_autoptr(JsonNode) current = NULL;
  g_autofree char *body = NULL;
  DossierClientPage *page;
  DossierRequestWindow *window;
  const char *description;

  rw_upload_passport (fixture, client_id, request_id);
  page = rw_open_client (fixture, client_id);
  g_assert_true (dossier_client_page_activate_request (page, request_id));
  g_assert_true (dossier_test_wait_until (rw_has_request_window, NULL, 5000));
  window = DOSSIER_REQUEST_WINDOW (rw_find_toplevel (DOSSIER_TYPE_REQUEST_WINDOW));
  g_assert_cmpint (dossier_request_window_get_state (window), ==, DOSSIER_REQUEST_STATE_READY);

  /* Another desk: the same client without its phone (a full replacement). */
  current = rw_sandbox_call (fixture, "GET", path, NULL);
  json_object_remove_member (json_node_get_object (current), "phone_country_code");
  json_object_remove_member (json_node_get_object (current), "phone_number");
  body = json_to_string (current, FALSE);
  json_node_unref (rw_sandbox_call (fixture, "PUT", path, body));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "request.submit", NULL));
  g_assert_true (rw_wait_state (window, DOSSIER_REQUEST_STATE_PENDING, 10000));
  g_assert_cmpint (dossier_product_request_get_status (dossier_request_window_get_request (window)), ==,
                   DOSSIER_REQUEST_STATUS_PENDING_DOCUMENTATION);
  description = dossier_request_window_get_state_description (window);
  g_assert_nonnull (strstr (description, "Personal Information"));
  g_assert_null (strstr (description, "Identity Document"));
  g_assert_false (dossier_request_window_get_can_submit (window));
  /* The form asks for the phone again. */
  g_assert_nonnull (dossier_requirements_form_get_row (DOSSIER_REQUIREMENTS_FORM (dossier_request_window_get_form (window)),
                                                       "phone"));
}

/* Rejected: the reason shown, Request Again opens a new request, the old one stays visible. */
static void
test_rejected_request_again (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autofree char *client_id = rw_create_client (fixture, "Maria", "Rejectson", TRUE);
  g_autofree char *request_id = rw_request_product (fixture, client_id, "cards_individuals");
  g_autofree char *path = NULL;
  g_autofree char *submit = NULL;
  DossierClientPage *page;
  DossierRequestWindow *window;
  DossierProductRequest *now;
  GPtrArray *previous;

  rw_upload_passport (fixture, client_id, request_id);
  submit = g_strdup_printf ("/management/clients/individuals/%s/products/%s/submit", client_id, request_id);
  json_node_unref (rw_sandbox_call (fixture, "POST", submit, NULL));
  rw_advance_clock (fixture, 20);

  page = rw_open_client (fixture, client_id);
  g_assert_cmpuint (dossier_client_page_get_n_requests (page), ==, 1);
  g_assert_cmpstr (dossier_product_request_get_id (dossier_client_page_get_request (page, 0)), ==, request_id);
  g_assert_true (dossier_client_page_activate_request (page, request_id));
  g_assert_true (dossier_test_wait_until (rw_has_request_window, NULL, 5000));
  window = DOSSIER_REQUEST_WINDOW (rw_find_toplevel (DOSSIER_TYPE_REQUEST_WINDOW));

  g_assert_cmpint (dossier_request_window_get_state (window), ==, DOSSIER_REQUEST_STATE_REJECTED);
  g_assert_cmpstr (dossier_request_window_get_state_description (window), ==,
                   "Identity verification failed: the identity document does not match the client's data.");
  g_assert_false (dossier_request_window_get_can_submit (window));
  g_assert_true (dossier_test_wait_for_draw (GTK_WIDGET (window)));
  path = dossier_test_save_screenshot (GTK_WIDGET (window), "request-rejected");
  g_test_message ("screenshot: %s", path);
  g_clear_pointer (&path, g_free);

  /* Activating the row again presents the same window. */
  g_assert_true (dossier_client_page_activate_request (page, request_id));
  g_assert_cmpuint (rw_count_toplevels (DOSSIER_TYPE_REQUEST_WINDOW), ==, 1);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "request.request-again", NULL));
  g_assert_true (rw_wait_state (window, DOSSIER_REQUEST_STATE_PENDING, 10000));
  now = dossier_request_window_get_request (window);
  g_assert_cmpstr (dossier_product_request_get_id (now), !=, request_id);
  g_assert_cmpint (dossier_product_request_get_status (now), ==, DOSSIER_REQUEST_STATUS_PENDING_DOCUMENTATION);
  previous = dossier_request_window_get_previous (window);
  g_assert_cmpuint (previous->len, ==, 1);
  g_assert_cmpstr (dossier_product_request_get_id (g_ptr_array_index (previous, 0)), ==, request_id);
  g_assert_true (dossier_request_window_lookup (fixture->window, request_id) == window);
  g_assert_true (dossier_request_window_lookup (fixture->window, dossier_product_request_get_id (now)) == window);
  g_assert_true (dossier_test_wait_for_draw (GTK_WIDGET (window)));
  path = dossier_test_save_screenshot (GTK_WIDGET (window), "request-again");
  g_test_message ("screenshot: %s", path);
}

static DossierProductRequest *
request_from_json (const char *client_id,
                   const char *status,
                   const char *extra)
{
  g_autofree char *text = g_strdup_printf (
      "{\"product\":{\"id\":\"Rstates%s\",\"client_id\":\"%s\",\"product\":\"cards_individuals\","
      "\"status\":\"%s\",\"missing_requirements\":{\"documents\":[],\"data\":[]},"
      "\"created_at\":\"2026-04-15T10:30:00\",\"updated_at\":\"2026-04-15T10:30:00\"%s}%s}",
      "", client_id, status, extra != NULL && *extra == ',' ? extra : "",
      extra != NULL && *extra == '}' ? extra + 1 : "");
  g_autoptr(JsonNode) node = json_from_string (text, NULL);
  g_autoptr(GError) error = NULL;
  DossierProductRequest *request;

  g_assert_nonnull (node);
  request = dossier_product_request_new_from_json (node, &error);
  g_assert_no_error (error);
  return request;
}

/* Every state as the window renders it, from requests built by hand; the rejection falls
 * back to the rejected items' reasons when the provider gives no description. */
static void
test_states_rendered (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *client_id = rw_create_client (fixture, "Maria", "States", FALSE);
  DossierClientPage *page = rw_open_client (fixture, client_id);
  DossierClient *client = dossier_client_page_get_client (page);
  g_autoptr(DossierProductRequest) ready = request_from_json (client_id, "requested", NULL);
  g_autoptr(DossierProductRequest) review = request_from_json (client_id, "in_kyc", NULL);
  g_autoptr(DossierProductRequest) enabled = request_from_json (client_id, "enabled", NULL);
  g_autoptr(DossierProductRequest) described = request_from_json (client_id, "rejected",
      ",\"rejection_description\":\"Address could not be verified.\"");
  g_autoptr(DossierProductRequest) bare = request_from_json (client_id, "rejected",
      "},\"rejected_items\":[{\"type\":\"document\",\"key\":\"passport\",\"reason\":\"Image is too blurry\"}]");
  g_autoptr(DossierProductRequest) odd = request_from_json (client_id, "frozen", NULL);
  DossierRequestWindow *window = dossier_request_window_new (fixture->window, client, ready);

  gtk_window_present (GTK_WINDOW (window));
  g_assert_cmpint (dossier_request_window_get_state (window), ==, DOSSIER_REQUEST_STATE_READY);
  g_assert_true (dossier_request_window_get_can_submit (window));
  g_assert_cmpstr (dossier_request_window_get_state_title (window), ==, "Ready to Submit");

  dossier_request_window_set_request (window, review);
  g_assert_cmpint (dossier_request_window_get_state (window), ==, DOSSIER_REQUEST_STATE_UNDER_REVIEW);
  g_assert_false (dossier_request_window_get_can_submit (window));
  /* Months ago: the duration is in days. */
  g_assert_nonnull (strstr (dossier_request_window_get_state_description (window), "days"));

  dossier_request_window_set_request (window, enabled);
  g_assert_cmpint (dossier_request_window_get_state (window), ==, DOSSIER_REQUEST_STATE_ENABLED);
  g_assert_cmpstr (dossier_request_window_get_state_title (window), ==, "Enabled");

  dossier_request_window_set_request (window, described);
  g_assert_cmpint (dossier_request_window_get_state (window), ==, DOSSIER_REQUEST_STATE_REJECTED);
  g_assert_cmpstr (dossier_request_window_get_state_description (window), ==, "Address could not be verified.");
  gtk_window_destroy (GTK_WINDOW (window));

  window = dossier_request_window_new (fixture->window, client, bare);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_cmpint (dossier_request_window_get_state (window), ==, DOSSIER_REQUEST_STATE_REJECTED);
  g_assert_cmpstr (dossier_request_window_get_state_description (window), ==, "Image is too blurry");

  dossier_request_window_set_request (window, odd);
  g_assert_cmpint (dossier_request_window_get_state (window), ==, DOSSIER_REQUEST_STATE_UNKNOWN);
  g_assert_nonnull (strstr (dossier_request_window_get_state_description (window), "frozen"));
  g_assert_false (dossier_request_window_get_can_submit (window));
  gtk_window_destroy (GTK_WINDOW (window));
}

static GtkWidget *
find_entry_row (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = ADW_IS_ENTRY_ROW (child) ? child : find_entry_row (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
chosen_cb (DossierProductChooser *chooser,
           const char            *product_id,
           char                 **slot)
{
  g_free (*slot);
  *slot = g_strdup (product_id);
}

/* A real account: cards_individuals plus any subproduct id typed, checked as typed. */
/* The product row whose tooltip (the product id) is @id. */
static AdwActionRow *
find_product_row (GtkWidget  *widget,
                  const char *id)
{
  if (ADW_IS_ACTION_ROW (widget) && g_strcmp0 (gtk_widget_get_tooltip_text (widget), id) == 0)
    return ADW_ACTION_ROW (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      AdwActionRow *row = find_product_row (child, id);

      if (row != NULL)
        return row;
    }
  return NULL;
}

static void
test_chooser_other (Fixture       *fixture,
                    gconstpointer  data)
{
  static const char * const ids[] = { "cards_individuals", "cards_business", NULL };
  DossierProductChooser *chooser = dossier_product_chooser_new (GTK_WINDOW (fixture->window), "Maria Other",
                                                                ids, NULL, TRUE);
  g_autofree char *chosen = NULL;
  g_autofree char *path = NULL;
  GtkWidget *entry;

  g_assert_true (dossier_product_id_is_valid ("cards_individuals"));
  g_assert_false (dossier_product_id_is_valid (""));
  g_assert_false (dossier_product_id_is_valid ("cards individuals"));
  g_assert_false (dossier_product_id_is_valid ("../admin"));

  g_signal_connect (chooser, "product-chosen", G_CALLBACK (chosen_cb), &chosen);
  gtk_window_present (GTK_WINDOW (chooser));
  g_assert_cmpuint (dossier_product_chooser_get_n_products (chooser), ==, 2);
  /* A known product shows its name and what it asks for; one without a name shows its id under it. */
  g_assert_nonnull (find_product_row (GTK_WIDGET (chooser), "cards_individuals"));
  {
    const char *subtitle = adw_action_row_get_subtitle (find_product_row (GTK_WIDGET (chooser),
                                                                          "cards_individuals"));

    g_assert_cmpstr (subtitle, ==, "A phone number and a passport");
  }
  g_assert_cmpstr (adw_action_row_get_subtitle (find_product_row (GTK_WIDGET (chooser), "cards_business")),
                   ==, "cards_business");
  entry = find_entry_row (GTK_WIDGET (chooser));
  g_assert_nonnull (entry);
  g_assert_true (gtk_widget_is_visible (entry));

  gtk_editable_set_text (GTK_EDITABLE (entry), "cards business");
  g_assert_true (gtk_widget_has_css_class (entry, "error"));
  g_signal_emit_by_name (entry, "apply");
  g_assert_null (chosen);

  gtk_editable_set_text (GTK_EDITABLE (entry), "cards_corporate");
  g_assert_false (gtk_widget_has_css_class (entry, "error"));
  g_assert_true (dossier_test_wait_for_draw (GTK_WIDGET (chooser)));
  path = dossier_test_save_screenshot (GTK_WIDGET (chooser), "request-product-chooser-remote");
  g_test_message ("screenshot: %s", path);
  g_signal_emit_by_name (entry, "apply");
  g_assert_cmpstr (chosen, ==, "cards_corporate");
  g_assert_null (rw_find_toplevel (DOSSIER_TYPE_PRODUCT_CHOOSER));
}

/* The submit's answer is lost after the server acted (a drop_after fault): the window
 * asks the server what happened and shows the request in review, once submitted. */
static void
test_submit_answer_lost (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autofree char *client_id = rw_create_client (fixture, "Maria", "Lost", TRUE);
  g_autofree char *request_id = rw_request_product (fixture, client_id, "cards_individuals");
  g_autofree char *submit_path = NULL;
  g_autofree char *fault = NULL;
  g_autoptr(JsonNode) armed = NULL;
  g_autoptr(JsonNode) left = NULL;
  DossierClientPage *page;
  DossierRequestWindow *window;

  page = rw_open_client (fixture, client_id);
  window = request_via_chooser (fixture, page, "cards_individuals");
  rw_upload_passport (fixture, client_id, request_id);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "request.refresh", NULL));
  g_assert_true (rw_wait_state (window, DOSSIER_REQUEST_STATE_READY, 10000));

  submit_path = g_strdup_printf ("/management/clients/individuals/%s/products/%s/submit", client_id, request_id);
  fault = g_strdup_printf ("{\"kind\": \"drop_after\", \"method\": \"POST\", \"path_prefix\": \"%s\"}",
                           submit_path);
  armed = rw_sandbox_call (fixture, "POST", "/_sandbox/faults", fault);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "request.submit", NULL));
  g_assert_true (rw_wait_state (window, DOSSIER_REQUEST_STATE_UNDER_REVIEW, 15000));
  g_assert_false (dossier_request_window_get_can_submit (window));
  g_assert_true (dossier_review_watcher_is_watching (dossier_window_get_review_watcher (fixture->window), client_id));
  /* The fault was used, by the one submit the server saw. */
  left = rw_sandbox_call (fixture, "GET", "/_sandbox/faults", NULL);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (left));
  g_assert_cmpuint (json_array_get_length (json_node_get_array (left)), ==, 0);
}

static gboolean
slot_has_unsent (gpointer data)
{
  return dossier_document_slot_has_unsent_work (DOSSIER_DOCUMENT_SLOT (data));
}

static gboolean
window_gone (gpointer data)
{
  GWeakRef *ref = data;
  g_autoptr(GtkWidget) window = g_weak_ref_get (ref);

  return window == NULL || !gtk_widget_get_visible (window);
}

/* A picture chosen but not uploaded is not thrown away by closing the window unasked:
 * Keep Editing keeps it, Discard closes. */
static void
test_close_unsent (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *client_id = rw_create_client (fixture, "Maria", "Unsent", TRUE);
  g_autofree char *request_id = rw_request_product (fixture, client_id, "cards_individuals");
  g_autoptr(GBytes) jpeg = rw_passport_jpeg ();
  DossierClientPage *page;
  DossierRequestWindow *window;
  AdwMessageDialog *dialog;
  GtkWidget *slot;
  GWeakRef ref;

  page = rw_open_client (fixture, client_id);
  window = request_via_chooser (fixture, page, "cards_individuals");
  slot = dossier_request_window_get_slot (window, "identity_document");
  g_assert_nonnull (slot);
  _dossier_document_slot_open_bytes (DOSSIER_DOCUMENT_SLOT (slot), DOSSIER_DOCUMENT_SIDE_FRONT, jpeg, NULL);
  g_assert_true (dossier_test_wait_until (slot_has_unsent, slot, 10000));

  gtk_window_close (GTK_WINDOW (window));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (window)));
  dialog = ADW_MESSAGE_DIALOG (rw_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_nonnull (dialog);
  adw_message_dialog_response (dialog, "cancel");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (window)));
  g_assert_true (dossier_document_slot_has_unsent_work (DOSSIER_DOCUMENT_SLOT (slot)));

  g_weak_ref_init (&ref, window);
  gtk_window_close (GTK_WINDOW (window));
  dialog = ADW_MESSAGE_DIALOG (rw_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_nonnull (dialog);
  adw_message_dialog_response (dialog, "discard");
  g_assert_true (dossier_test_wait_until (window_gone, &ref, 5000));
  g_weak_ref_clear (&ref);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  /* Reviews that end send notifications: received here, not by the desktop. */
  rw_private_bus_up ();
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE,
                "gtk-entry-select-on-focus", FALSE, NULL);

#define ADD(path, func) g_test_add ("/dossier/ui/request-window/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("chooser", test_chooser);
  ADD ("chooser-other", test_chooser_other);
  ADD ("duplicate", test_duplicate);
  ADD ("submit", test_submit);
  ADD ("submit-still-missing", test_submit_still_missing);
  ADD ("submit-answer-lost", test_submit_answer_lost);
  ADD ("close-unsent", test_close_unsent);
  ADD ("rejected-request-again", test_rejected_request_again);
  ADD ("states-rendered", test_states_rendered);
#undef ADD

  status = g_test_run ();
  rw_private_bus_stop ();
  return status;
}
