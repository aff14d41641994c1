/* test-list-words.c — what a person walking the app found missing from lists and rows
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A rejected request gives its client a red "Rejected" badge until the product is asked
 * for again; the product chooser says what each product asks for; the client search
 * finds a phone number however it is typed; What Was Sent lists required groups first and
 * leaves out an optional group nobody filled, never calling a value never given "no
 * longer on the record".
 */
#include "config.h"

#include <adwaita.h>

#include "dossier-client-filter-model.h"
#include "dossier-client-list.h"
#include "dossier-client-row.h"
#include "dossier-product-chooser.h"
#include "dossier-request-summary.h"
#include "dossier-submitted-view.h"
#include "dossier-ui-closures.h"
#include "dossier-ui-test-utils.h"

static DossierClient *
client_from (const char *json)
{
  g_autoptr(JsonNode) node = json_from_string (json, NULL);
  g_autoptr(GError) error = NULL;
  DossierClient *client;

  g_assert_nonnull (node);
  client = dossier_client_new_from_json (node, &error);
  g_assert_no_error (error);
  return client;
}

static char *
iso_days_ago (int days)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) then = g_date_time_add_days (now, -days);

  return g_date_time_format (then, "%Y-%m-%dT%H:%M:%S");
}

static DossierRequestSummary *
summary_of (const char *requests_json)
{
  g_autoptr(JsonNode) node = json_from_string (requests_json, NULL);

  g_assert_nonnull (node);
  return dossier_request_summary_new_from_json (node, g_get_real_time ());
}

/* ---- (1) the rejected badge ---- */

static void
find_badge (GtkWidget  *widget,
            GtkWidget **badge)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_has_css_class (widget, "dossier-badge"))
    *badge = widget;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    find_badge (c, badge);
}

static void
test_rejected_badge (void)
{
  g_autofree char *decided = iso_days_ago (3);
  g_autofree char *created = iso_days_ago (5);
  g_autofree char *later = iso_days_ago (1);
  g_autofree char *rejected_json = g_strdup_printf (
      "[{\"id\":\"r1\",\"client_id\":\"c1\",\"product\":\"cards_individuals\",\"status\":\"rejected\","
      "\"rejection_description\":\"Proof of address does not match\",\"created_at\":\"%s\",\"updated_at\":\"%s\"}]",
      created, decided);
  g_autofree char *again_json = g_strdup_printf (
      "[{\"id\":\"r1\",\"client_id\":\"c1\",\"product\":\"cards_individuals\",\"status\":\"rejected\","
      "\"created_at\":\"%s\",\"updated_at\":\"%s\"},"
      "{\"id\":\"r2\",\"client_id\":\"c1\",\"product\":\"cards_individuals\",\"status\":\"enabled\","
      "\"created_at\":\"%s\",\"updated_at\":\"%s\"}]", created, decided, later, later);
  g_autoptr(DossierRequestSummary) rejected = summary_of (rejected_json);
  g_autoptr(DossierRequestSummary) again = summary_of (again_json);
  g_autoptr(DossierClient) client = client_from ("{\"id\":\"c1\",\"first_name\":\"Valentina\",\"last_name\":\"Gómez\","
                                                 "\"email\":\"v@example.com\",\"status\":\"pending\"}");
  g_autoptr(DossierClientItem) item = NULL;
  g_autofree char *today = dossier_ui_format_rejected (0);
  g_autofree char *days = dossier_ui_format_rejected (3);
  GtkWidget *window = gtk_window_new ();
  GtkWidget *row = g_object_new (DOSSIER_TYPE_CLIENT_ROW, NULL);
  GtkWidget *badge = NULL;

  g_assert_cmpint (rejected->rejected_at, >, 0);
  g_assert_cmpuint (rejected->n_open, ==, 0);
  g_assert_cmpuint (dossier_request_summary_get_rejected_days (rejected, g_get_real_time ()), ==, 3);
  /* Asked for again: the rejection no longer stands. */
  g_assert_cmpint (again->rejected_at, ==, 0);
  g_assert_cmpstr (today, ==, "Rejected · today");
  g_assert_cmpstr (days, ==, "Rejected · 3 days");

  gtk_window_set_default_size (GTK_WINDOW (window), 360, 80);
  gtk_window_set_child (GTK_WINDOW (window), row);
  gtk_window_present (GTK_WINDOW (window));
  item = dossier_client_item_new (client, rejected);
  dossier_client_row_set_item (DOSSIER_CLIENT_ROW (row), item);
  g_assert_true (dossier_test_wait_for_draw (window));
  find_badge (row, &badge);
  g_assert_nonnull (badge);
  g_assert_true (gtk_widget_get_visible (badge));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (badge)), ==, "Rejected · 3 days");
  g_assert_true (gtk_widget_has_css_class (badge, "rejected"));
  g_assert_false (gtk_widget_has_css_class (badge, "waiting-on-me"));
  {
    g_autofree char *path = dossier_test_save_screenshot (window, "client-row-rejected");

    g_test_message ("screenshot: %s", path);
  }
  gtk_window_destroy (GTK_WINDOW (window));
}

/* ---- (2) the product chooser ---- */

static void
test_chooser_descriptions (void)
{
  const char *ids[] = { "cards_individuals", "cards_individuals_premium", "some_new_product", NULL };
  const char *names[] = { "Individual cards", "Individual premium cards", NULL, NULL };
  DossierProductChooser *chooser = dossier_product_chooser_new (NULL, "Maria Barber", ids, names, FALSE);
  GtkWidget *rows[3] = { NULL };
  guint n = 0;
  g_autoptr(GPtrArray) stack = g_ptr_array_new ();

  g_object_ref_sink (chooser);
  g_ptr_array_add (stack, chooser);
  while (stack->len > 0)
    {
      GtkWidget *widget = g_ptr_array_steal_index (stack, stack->len - 1);

      if (ADW_IS_ACTION_ROW (widget) && n < G_N_ELEMENTS (rows))
        rows[n++] = widget;
      for (GtkWidget *c = gtk_widget_get_last_child (widget); c != NULL; c = gtk_widget_get_prev_sibling (c))
        g_ptr_array_add (stack, c);
    }
  g_assert_cmpuint (n, ==, 3);
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (rows[0])), ==, "A phone number and a passport");
  g_assert_true (g_str_has_prefix (adw_action_row_get_subtitle (ADW_ACTION_ROW (rows[1])), "Higher limits"));
  /* A product Dossier does not know keeps its id as the second line. */
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (rows[2])), ==, "some_new_product");

  gtk_window_present (GTK_WINDOW (chooser));
  g_assert_true (dossier_test_wait_for_draw (GTK_WIDGET (chooser)));
  {
    g_autofree char *path = dossier_test_save_screenshot (GTK_WIDGET (chooser), "product-chooser-descriptions");

    g_test_message ("screenshot: %s", path);
  }
  gtk_window_destroy (GTK_WINDOW (chooser));
  g_object_unref (chooser);
}

/* ---- (3) search by phone ---- */

static void
test_search_phone (void)
{
  g_autoptr(DossierClientList) list = dossier_client_list_new ();
  g_autoptr(GPtrArray) clients = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(DossierClientFilterModel) model = NULL;
  static const char * const typed[] = {
    "1168860622", "+54 1168860622", "+541168860622", "11 6886-0622", "(11) 6886 0622", "6886",
  };

  g_ptr_array_add (clients, client_from ("{\"id\":\"p1\",\"first_name\":\"Maria\",\"last_name\":\"Barber\","
                                         "\"email\":\"m@example.com\",\"phone_country_code\":54,"
                                         "\"phone_number\":1168860622,\"status\":\"active\"}"));
  g_ptr_array_add (clients, client_from ("{\"id\":\"p2\",\"first_name\":\"Camila\",\"last_name\":\"Torres\","
                                         "\"email\":\"c@example.com\",\"phone_country_code\":54,"
                                         "\"phone_number\":1122334455,\"status\":\"active\"}"));
  dossier_client_list_merge (list, clients);
  model = dossier_client_filter_model_new (G_LIST_MODEL (list), NULL);
  g_assert_cmpuint (dossier_client_filter_model_get_n_total (model), ==, 2);

  for (guint i = 0; i < G_N_ELEMENTS (typed); i++)
    {
      dossier_client_filter_model_set_query (model, typed[i]);
      g_test_message ("%s → %u", typed[i], dossier_client_filter_model_get_n_matches (model));
      g_assert_cmpuint (dossier_client_filter_model_get_n_matches (model), ==, 1);
      g_assert_cmpstr (dossier_client_get_id (dossier_client_filter_model_get_client (model, 0)), ==, "p1");
    }
  /* Names still match; a number nobody has matches no one. */
  dossier_client_filter_model_set_query (model, "camila");
  g_assert_cmpuint (dossier_client_filter_model_get_n_matches (model), ==, 1);
  dossier_client_filter_model_set_query (model, "99999999");
  g_assert_cmpuint (dossier_client_filter_model_get_n_matches (model), ==, 0);
  dossier_client_filter_model_set_query (model, "54");
  g_assert_cmpuint (dossier_client_filter_model_get_n_matches (model), ==, 2);
}

/* ---- (4) What Was Sent ---- */

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

static void
test_sent_groups (void)
{
  g_autoptr(GPtrArray) events = g_ptr_array_new_with_free_func ((GDestroyNotify) dossier_journal_event_free);
  g_autoptr(DossierClient) client = client_from ("{\"id\":\"Csent\",\"first_name\":\"Ana\",\"last_name\":\"Sent\","
                                                 "\"email\":\"a@example.com\",\"nationality\":\"ARG\","
                                                 "\"gender\":\"male\",\"phone_country_code\":54,"
                                                 "\"phone_number\":1168860622}");
  GtkWidget *view = g_object_ref_sink (dossier_submitted_view_new ());
  GtkWidget *window = adw_window_new ();
  GtkWidget *first_group = NULL;
  GtkWidget *row;

  /* The optional group was listed first by the server, and nobody filled it. */
  g_ptr_array_add (events, event (DOSSIER_JOURNAL_EVENT_REQUIREMENT_APPEARED, 1,
                                  "{\"group_id\":\"contact_preferences\",\"kind\":\"data\",\"required\":false,"
                                  "\"fields\":[\"notification_email\",\"address_since\"],"
                                  "\"optional_fields\":[\"notification_email\",\"address_since\"]}"));
  g_ptr_array_add (events, event (DOSSIER_JOURNAL_EVENT_REQUIREMENT_APPEARED, 2,
                                  "{\"group_id\":\"identity_details\",\"kind\":\"data\",\"required\":true,"
                                  "\"fields\":[\"nationality\",\"gender\",\"occupation\"],"
                                  "\"optional_fields\":[\"occupation\"]}"));
  g_ptr_array_add (events, event (DOSSIER_JOURNAL_EVENT_REQUIREMENT_APPEARED, 3,
                                  "{\"group_id\":\"personal_information\",\"kind\":\"data\",\"required\":true,"
                                  "\"fields\":[\"phone\",\"annual_salary\"],\"optional_fields\":[]}"));
  g_ptr_array_add (events, event (DOSSIER_JOURNAL_EVENT_REQUIREMENT_SATISFIED, 4,
                                  "{\"group_id\":\"personal_information\",\"kind\":\"data\"}"));
  g_ptr_array_add (events, event (DOSSIER_JOURNAL_EVENT_REQUIREMENT_APPEARED, 5,
                                  "{\"group_id\":\"proof_of_address\",\"kind\":\"document\",\"required\":false}"));

  dossier_submitted_view_show (DOSSIER_SUBMITTED_VIEW (view), client, events, NULL);
  g_assert_true (dossier_submitted_view_get_loaded (DOSSIER_SUBMITTED_VIEW (view)));
  /* identity_details and personal_information; no contact preferences, no documents. */
  g_assert_cmpuint (dossier_submitted_view_get_n_groups (DOSSIER_SUBMITTED_VIEW (view)), ==, 2);
  g_assert_null (dossier_submitted_view_get_row (DOSSIER_SUBMITTED_VIEW (view), "notification_email"));
  g_assert_null (dossier_submitted_view_get_row (DOSSIER_SUBMITTED_VIEW (view), "proof_of_address"));

  /* Required groups first, in the order listed. */
  for (GtkWidget *c = gtk_widget_get_first_child (view); c != NULL && first_group == NULL;
       c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *stack[64];
      guint n = 0;

      stack[n++] = c;
      while (n > 0 && first_group == NULL)
        {
          GtkWidget *w = stack[--n];

          if (ADW_IS_PREFERENCES_GROUP (w))
            first_group = w;
          for (GtkWidget *k = gtk_widget_get_last_child (w); k != NULL && n < G_N_ELEMENTS (stack);
               k = gtk_widget_get_prev_sibling (k))
            stack[n++] = k;
        }
    }
  g_assert_nonnull (first_group);
  g_assert_cmpstr (adw_preferences_group_get_title (ADW_PREFERENCES_GROUP (first_group)), ==, "Identity Details");

  /* Optional and empty: not given. Required, satisfied, gone now: no longer on the record. */
  row = dossier_submitted_view_get_row (DOSSIER_SUBMITTED_VIEW (view), "occupation");
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==, "Not given");
  row = dossier_submitted_view_get_row (DOSSIER_SUBMITTED_VIEW (view), "annual_salary");
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==, "Not on the client’s record now");
  row = dossier_submitted_view_get_row (DOSSIER_SUBMITTED_VIEW (view), "gender");
  g_assert_nonnull (row);

  gtk_window_set_default_size (GTK_WINDOW (window), 480, 640);
  adw_window_set_content (ADW_WINDOW (window), view);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (dossier_test_wait_for_draw (window));
  {
    g_autofree char *path = dossier_test_save_screenshot (window, "submitted-view-groups");

    g_test_message ("screenshot: %s", path);
  }
  gtk_window_destroy (GTK_WINDOW (window));
  g_object_unref (view);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  g_test_add_func ("/dossier/ui/list-words/rejected-badge", test_rejected_badge);
  g_test_add_func ("/dossier/ui/list-words/chooser-descriptions", test_chooser_descriptions);
  g_test_add_func ("/dossier/ui/list-words/search-phone", test_search_phone);
  g_test_add_func ("/dossier/ui/list-words/sent-groups", test_sent_groups);

  return g_test_run ();
}
