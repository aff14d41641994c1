/* test-seed-flow.c — the onboarding guide end to end through the widgets (CONTRACT.md §16)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Against the embedded sandbox, as a person would: create Maria Barber in the client editor,
 * "Request Product…" cards_individuals, the generated form asks for the phone, fill it and
 * save, drop a passport picture on its slot, see the preview, upload, submit; the review ends
 * (the sandbox's clock is advanced past its delay) and a notification is sent — checked on a
 * private D-Bus where this test is org.gtk.Notifications (TESTING.md §6) — whose action opens
 * the client. The same for a client whose review is rejected, and for the premium product
 * with a two-sided identity card and a proof of address.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "dossier-client-editor.h"
#include "dossier-countries.h"
#include "dossier-document-slot.h"
#include "dossier-requirements-form.h"
#include "dossier-value-row.h"
#include "dossier-client-page-private.h"
#include "request-window-test-utils.h"

typedef struct {
  const char *app_id;
  const char *id;
} NotificationWait;

static GVariant *
find_notification (const char *app_id,
                   const char *id)
{
  for (guint i = 0; i < notifications->len; i++)
    {
      GVariant *parameters = g_ptr_array_index (notifications, i);
      const char *a;
      const char *n;

      g_variant_get_child (parameters, 0, "&s", &a);
      g_variant_get_child (parameters, 1, "&s", &n);
      if (g_str_equal (a, app_id) && g_str_equal (n, id))
        return parameters;
    }

  return NULL;
}

static gboolean
has_notification (gpointer data)
{
  NotificationWait *wait = data;

  return find_notification (wait->app_id, wait->id) != NULL;
}

static void
seed_set_up (Fixture       *fixture,
             gconstpointer  data)
{
  rw_set_up_app (fixture, TRUE);
}

static gboolean
no_editor (gpointer data)
{
  return rw_find_toplevel (DOSSIER_TYPE_CLIENT_EDITOR) == NULL;
}

static gboolean
has_editor (gpointer data)
{
  return rw_find_toplevel (DOSSIER_TYPE_CLIENT_EDITOR) != NULL;
}

static gboolean
editor_form_ready (gpointer data)
{
  DossierClientEditor *editor = data;

  return g_strcmp0 (dossier_client_editor_get_page (editor), "form") == 0;
}

/* Step 1: the client editor, as in the guide (no phone). */
static char *
create_client (Fixture    *fixture,
               const char *last_name)
{
  DossierClientEditor *editor;
  DossierClientForm *form;
  DossierClientPage *page;
  g_autofree char *email = g_strdup_printf ("mjulia.%s.%" G_GINT64_FORMAT "@example.com", last_name,
                                            g_get_real_time ());

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.new-client", NULL));
  g_assert_true (dossier_test_wait_until (has_editor, NULL, 5000));
  editor = DOSSIER_CLIENT_EDITOR (rw_find_toplevel (DOSSIER_TYPE_CLIENT_EDITOR));
  g_assert_true (dossier_test_wait_until (editor_form_ready, editor, 5000));
  form = dossier_client_editor_get_form (editor);
  dossier_client_form_set_text (form, DOSSIER_CLIENT_FIELD_FIRST_NAME, "Maria");
  dossier_client_form_set_text (form, DOSSIER_CLIENT_FIELD_LAST_NAME, last_name);
  dossier_client_form_set_text (form, DOSSIER_CLIENT_FIELD_EMAIL, email);
  dossier_client_form_set_text (form, DOSSIER_CLIENT_FIELD_BIRTH_DATE, "1984-11-21");
  gtk_drop_down_set_selected (GTK_DROP_DOWN (dossier_client_form_get_country_dropdown (form)),
                              dossier_countries_find (dossier_countries_get_default (), "ARG"));
  /* The country brings a calling code; the guide's client has no phone yet. */
  dossier_client_form_set_text (form, DOSSIER_CLIENT_FIELD_PHONE_COUNTRY_CODE, "");
  dossier_client_form_set_text (form, DOSSIER_CLIENT_FIELD_STREET_LINE1, "Florida 9860");
  dossier_client_form_set_text (form, DOSSIER_CLIENT_FIELD_CITY, "Del Viso");
  dossier_client_form_set_text (form, DOSSIER_CLIENT_FIELD_POSTAL_CODE, "1669");
  dossier_client_form_set_text (form, DOSSIER_CLIENT_FIELD_STATE, "ARG-B");
  g_assert_true (dossier_client_form_get_valid (form));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.primary", NULL));
  g_assert_true (dossier_test_wait_until (no_editor, NULL, 10000));

  page = rw_find_page (fixture);
  g_assert_nonnull (dossier_client_page_get_client (page));
  g_assert_cmpstr (dossier_client_get_last_name (dossier_client_page_get_client (page)), ==, last_name);
  g_assert_cmpstr (dossier_client_get_phone_number (dossier_client_page_get_client (page)), ==, "");
  return g_strdup (dossier_client_get_id (dossier_client_page_get_client (page)));
}

typedef struct {
  DossierRequestWindow *window;
} Win;

static gboolean
data_satisfied (gpointer data)
{
  DossierRequestWindow *window = data;
  DossierRequirements *missing = dossier_product_request_get_requirements (dossier_request_window_get_request (window));

  return !dossier_request_window_get_busy (window) && missing != NULL
         && dossier_requirements_get_n_data_groups (missing) == 0;
}

static gboolean
form_can_save (gpointer data)
{
  return dossier_requirements_form_get_can_save (DOSSIER_REQUIREMENTS_FORM (data));
}

/* A value for any field, by its data type, valid for the sandbox. */
static JsonNode *
value_for (const DossierDataField *field)
{
  switch (field->data_type)
    {
    case DOSSIER_DATA_TYPE_PHONE:
      return json_from_string ("{\"country_code\":\"54\",\"number\":\"1168860622\"}", NULL);
    case DOSSIER_DATA_TYPE_NUMBER:
      return json_from_string ("85000", NULL);
    case DOSSIER_DATA_TYPE_DATE:
      return json_from_string ("\"1990-01-01\"", NULL);
    case DOSSIER_DATA_TYPE_EMAIL:
      return json_from_string ("\"maria@example.com\"", NULL);
    case DOSSIER_DATA_TYPE_COUNTRY:
      return json_from_string ("\"ARG\"", NULL);
    case DOSSIER_DATA_TYPE_ENUM:
      {
        JsonNode *node = json_node_new (JSON_NODE_VALUE);

        json_node_set_string (node, field->values[0]);
        return node;
      }
    case DOSSIER_DATA_TYPE_STRING:
    default:
      return json_from_string ("\"Engineer\"", NULL);
    }
}

static GtkWidget *
find_descendant (GtkWidget *widget,
                 GType      type,
                 gboolean   last)
{
  GtkWidget *found = NULL;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *inner;

      if (G_TYPE_CHECK_INSTANCE_TYPE (child, type) && gtk_widget_get_visible (child))
        inner = child;
      else
        inner = find_descendant (child, type, last);
      if (inner != NULL)
        {
          found = inner;
          if (!last)
            return found;
        }
    }

  return found;
}

/* As a person types: the row takes the value, then its editor is touched, which is what
 * tells the row (and the form) that it was edited. */
static void
type_value (GtkWidget *row,
            JsonNode  *value)
{
  GtkWidget *editor;

  dossier_value_row_set_value (DOSSIER_VALUE_ROW (row), value);
  editor = find_descendant (row, GTK_TYPE_ENTRY, TRUE);
  if (editor != NULL)
    {
      g_autofree char *text = g_strdup (gtk_editable_get_text (GTK_EDITABLE (editor)));

      gtk_editable_set_text (GTK_EDITABLE (editor), "");
      gtk_editable_set_text (GTK_EDITABLE (editor), text);
      return;
    }

  editor = find_descendant (row, GTK_TYPE_DROP_DOWN, FALSE);
  if (editor != NULL)
    {
      guint selected = gtk_drop_down_get_selected (GTK_DROP_DOWN (editor));

      gtk_drop_down_set_selected (GTK_DROP_DOWN (editor), GTK_INVALID_LIST_POSITION);
      gtk_drop_down_set_selected (GTK_DROP_DOWN (editor), selected);
      return;
    }

  editor = find_descendant (row, GTK_TYPE_EDITABLE, TRUE);
  g_assert_nonnull (editor);
  {
    g_autofree char *text = g_strdup (gtk_editable_get_text (GTK_EDITABLE (editor)));

    gtk_editable_set_text (GTK_EDITABLE (editor), "");
    gtk_editable_set_text (GTK_EDITABLE (editor), text);
  }
}

/* Steps 3: the form asks for what is missing (the phone); fill it and save. */
static void
fill_and_save (DossierRequestWindow *window,
               const char           *shot)
{
  DossierRequirementsForm *form = DOSSIER_REQUIREMENTS_FORM (dossier_request_window_get_form (window));
  DossierRequirements *missing = dossier_product_request_get_requirements (dossier_request_window_get_request (window));

  g_assert_nonnull (dossier_requirements_form_get_row (form, "phone"));
  g_assert_cmpuint (dossier_requirements_form_get_n_blocking (form), >, 0);
  for (guint i = 0; i < dossier_requirements_get_n_data_groups (missing); i++)
    {
      const DossierDataGroup *group = dossier_requirements_get_data_group (missing, i);

      for (guint j = 0; j < group->fields->len; j++)
        {
          const DossierDataField *field = g_ptr_array_index (group->fields, j);
          GtkWidget *row = dossier_requirements_form_get_row (form, field->key);
          g_autoptr(JsonNode) value = value_for (field);

          g_assert_nonnull (row);
          type_value (row, value);
          g_assert_true (dossier_value_row_check (DOSSIER_VALUE_ROW (row), NULL));
        }
    }
  g_assert_cmpuint (dossier_requirements_form_get_n_blocking (form), ==, 0);
  g_assert_true (dossier_test_wait_until (form_can_save, form, 5000));
  if (shot != NULL)
    {
      g_autofree char *path = NULL;

      g_assert_true (dossier_test_wait_for_draw (GTK_WIDGET (window)));
      path = dossier_test_save_screenshot (GTK_WIDGET (window), shot);
      g_test_message ("screenshot: %s", path);
    }
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "request.save", NULL));
  g_assert_true (dossier_test_wait_until (data_satisfied, window, 15000));
}

static GFile *
write_picture (const char *name)
{
  g_autoptr(GBytes) jpeg = rw_passport_jpeg ();
  const char *dir = g_getenv ("DOSSIER_TEST_TMPDIR");
  g_autofree char *path = g_build_filename (dir != NULL ? dir : g_get_tmp_dir (), name, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (path, g_bytes_get_data (jpeg, NULL), g_bytes_get_size (jpeg), &error));
  g_assert_no_error (error);
  return g_file_new_for_path (path);
}

/* Drops files on the slot through its drop target, as a file manager would. */
static void
drop_files (GtkWidget *slot,
            GSList    *files)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (slot);
  GtkDropTarget *target = NULL;
  GValue value = G_VALUE_INIT;
  gboolean accepted = FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (controllers) && target == NULL; i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_DROP_TARGET (controller))
        target = GTK_DROP_TARGET (controller);
    }
  g_assert_nonnull (target);

  g_value_init (&value, GDK_TYPE_FILE_LIST);
  g_value_take_boxed (&value, gdk_file_list_new_from_list (files));
  g_signal_emit_by_name (target, "drop", &value, 10.0, 10.0, &accepted);
  g_value_unset (&value);
  g_assert_true (accepted);
}

static gboolean
slot_ready (gpointer data)
{
  DossierDocumentSlot *slot = data;

  return !dossier_document_slot_get_busy (slot) && dossier_document_slot_get_ready (slot);
}

static gboolean
slot_satisfied (gpointer data)
{
  return dossier_document_slot_get_satisfied (DOSSIER_DOCUMENT_SLOT (data))
         && dossier_document_slot_get_upload_state (DOSSIER_DOCUMENT_SLOT (data)) == DOSSIER_DOCUMENT_UPLOAD_ACCEPTED;
}

static void
set_metadata (DossierDocumentSlot *slot,
              const char          *id,
              const char          *json)
{
  g_autoptr(JsonNode) value = json_from_string (json, NULL);

  g_assert_true (dossier_document_slot_set_metadata_value (slot, id, value));
}

/* Step 4: pictures dropped, previewed, metadata typed, uploaded, accepted. */
static void
upload_document (DossierRequestWindow *window,
                 const char           *group_id,
                 const char           *alternative,
                 gboolean              two_sided,
                 const char * const   *metadata,
                 const char           *shot)
{
  DossierDocumentSlot *slot = DOSSIER_DOCUMENT_SLOT (dossier_request_window_get_slot (window, group_id));
  g_autoptr(GFile) front = write_picture ("front.jpg");
  g_autoptr(GFile) back = write_picture ("back.jpg");
  GSList *files = NULL;

  g_assert_nonnull (slot);
  if (alternative != NULL)
    g_assert_true (dossier_document_slot_set_document_type (slot, alternative));
  files = g_slist_append (files, front);
  if (two_sided)
    files = g_slist_append (files, back);
  drop_files (GTK_WIDGET (slot), files);
  g_slist_free (files);

  for (guint i = 0; metadata[i] != NULL; i += 2)
    set_metadata (slot, metadata[i], metadata[i + 1]);
  g_assert_true (dossier_test_wait_until (slot_ready, slot, 15000));
  /* The preview is what will be sent. */
  g_assert_nonnull (dossier_document_slot_get_image (slot, DOSSIER_DOCUMENT_SIDE_FRONT));
  g_assert_nonnull (dossier_document_image_get_preview (dossier_document_slot_get_image (slot, DOSSIER_DOCUMENT_SIDE_FRONT)));
  if (two_sided)
    g_assert_nonnull (dossier_document_slot_get_image (slot, DOSSIER_DOCUMENT_SIDE_BACK));
  if (shot != NULL)
    {
      g_autofree char *path = NULL;

      gtk_widget_grab_focus (GTK_WIDGET (slot));
      g_assert_true (dossier_test_wait_for_draw (GTK_WIDGET (window)));
      path = dossier_test_save_screenshot (GTK_WIDGET (window), shot);
      g_test_message ("screenshot: %s", path);
    }

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (slot), "document.upload", NULL));
  g_assert_true (dossier_test_wait_until (slot_satisfied, slot, 30000));
}

/* The page and the list's badge show what the request window was last told, from the same
 * object and without a fetch: nothing is said to be missing any more. */
static void
assert_page_follows (Fixture              *fixture,
                     DossierClientPage    *page,
                     DossierRequestWindow *window)
{
  DossierProductRequest *request = dossier_request_window_get_request (window);
  DossierClient *client = dossier_request_window_get_client (window);
  DossierRequestCache *cache = dossier_window_get_request_cache (fixture->window);
  const DossierRequestSummary *summary;
  const char *subtitle;

  g_assert_true (dossier_client_page_get_client (page) == client
                 || g_strcmp0 (dossier_client_get_id (dossier_client_page_get_client (page)),
                               dossier_client_get_id (client)) == 0);
  g_assert_cmpuint (dossier_client_page_get_n_requests (page), ==, 1);
  g_assert_true (dossier_client_page_get_request (page, 0) == request);
  g_assert_cmpuint (page->request_rows->len, ==, 1);
  subtitle = adw_action_row_get_subtitle (ADW_ACTION_ROW (g_ptr_array_index (page->request_rows, 0)));
  g_test_message ("page row: %s", subtitle);
  g_assert_null (strstr (subtitle, "missing"));
  summary = dossier_request_cache_lookup (cache, dossier_client_get_id (client));
  g_assert_nonnull (summary);
  g_assert_cmpuint (summary->n_waiting, ==, 0);
}

static void
seed_flow (Fixture    *fixture,
           const char *last_name,
           const char *product,
           gboolean    enabled,
           const char *shot_prefix)
{
  g_autofree char *client_id = create_client (fixture, last_name);
  DossierClientPage *page = rw_find_page (fixture);
  DossierProductChooser *chooser;
  DossierRequestWindow *window;
  g_autofree char *notification_id = NULL;
  g_autofree char *shot = NULL;
  const char *app_id = g_application_get_application_id (G_APPLICATION (fixture->app));
  NotificationWait wait;
  GVariant *parameters;
  g_autoptr(GVariant) dict = NULL;
  const char *title = NULL;
  const char *body = NULL;
  const char *action = NULL;
  g_autoptr(GVariant) target = NULL;

  /* Step 2: "Request Product…" */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "client.request-product", NULL));
  g_assert_true (dossier_test_wait_until (rw_has_chooser, NULL, 5000));
  chooser = DOSSIER_PRODUCT_CHOOSER (rw_find_toplevel (DOSSIER_TYPE_PRODUCT_CHOOSER));
  dossier_product_chooser_choose (chooser, product);
  g_assert_true (dossier_test_wait_until (rw_has_request_window, NULL, 10000));
  window = DOSSIER_REQUEST_WINDOW (rw_find_toplevel (DOSSIER_TYPE_REQUEST_WINDOW));
  g_assert_cmpint (dossier_request_window_get_state (window), ==, DOSSIER_REQUEST_STATE_PENDING);
  g_assert_false (dossier_request_window_get_can_submit (window));

  /* Step 3 */
  shot = shot_prefix != NULL ? g_strconcat (shot_prefix, "-form", NULL) : NULL;
  fill_and_save (window, shot);
  g_clear_pointer (&shot, g_free);
  g_assert_cmpstr (dossier_client_get_phone_number (dossier_request_window_get_client (window)), ==, "1168860622");
  g_assert_cmpint (dossier_request_window_get_state (window), ==, DOSSIER_REQUEST_STATE_PENDING);

  /* Step 4 */
  shot = shot_prefix != NULL ? g_strconcat (shot_prefix, "-preview", NULL) : NULL;
  if (g_str_equal (product, "cards_individuals"))
    {
      static const char * const passport[] = { "number", "\"AB1234567\"", "issuing_country", "\"ARG\"", NULL };

      upload_document (window, "identity_document", NULL, FALSE, passport, shot);
    }
  else
    {
      static const char * const card[] = { "number", "\"30123456\"", "issuing_country", "\"ARG\"",
                                           "expiration_date", "\"2034-05-01\"", NULL };
      g_autoptr(JsonNode) clock = rw_sandbox_call (fixture, "GET", "/_sandbox/clock", NULL);
      g_autofree char *today = g_strndup (json_object_get_string_member (json_node_get_object (clock), "now"), 10);
      g_autofree char *issued = g_strdup_printf ("\"%s\"", today);
      const char *bill[] = { "document_kind", "\"utility_bill\"", "issue_date", issued, NULL };

      upload_document (window, "identity_document", "national_id", TRUE, card, shot);
      upload_document (window, "proof_of_address", NULL, FALSE, bill, NULL);
    }
  g_clear_pointer (&shot, g_free);
  g_assert_true (rw_wait_state (window, DOSSIER_REQUEST_STATE_READY, 10000));
  g_assert_true (dossier_request_window_get_can_submit (window));
  assert_page_follows (fixture, page, window);

  /* Step 5 */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "request.submit", NULL));
  g_assert_true (rw_wait_state (window, DOSSIER_REQUEST_STATE_UNDER_REVIEW, 10000));

  /* Step 6: the review's delay passes on the sandbox's clock; the watcher's next poll sees it. */
  rw_advance_clock (fixture, 20);
  g_assert_true (rw_wait_state (window, enabled ? DOSSIER_REQUEST_STATE_ENABLED : DOSSIER_REQUEST_STATE_REJECTED,
                                15000));
  if (shot_prefix != NULL)
    {
      g_autofree char *path = NULL;

      shot = g_strconcat (shot_prefix, enabled ? "-enabled" : "-rejected", NULL);
      g_assert_true (dossier_test_wait_for_draw (GTK_WIDGET (window)));
      path = dossier_test_save_screenshot (GTK_WIDGET (window), shot);
      g_test_message ("screenshot: %s", path);
    }

  /* The notification, as the desktop received it. */
  notification_id = g_strconcat ("request-", dossier_product_request_get_id (dossier_request_window_get_request (window)), NULL);
  wait.app_id = app_id;
  wait.id = notification_id;
  g_assert_true (dossier_test_wait_until (has_notification, &wait, 10000));
  parameters = find_notification (app_id, notification_id);
  dict = g_variant_get_child_value (parameters, 2);
  g_assert_true (g_variant_lookup (dict, "title", "&s", &title));
  g_assert_true (g_variant_lookup (dict, "body", "&s", &body));
  g_assert_true (g_variant_lookup (dict, "default-action", "&s", &action));
  target = g_variant_lookup_value (dict, "default-action-target", NULL);
  g_test_message ("notification %s: “%s” — “%s”", notification_id, title, body);
  g_assert_nonnull (strstr (title, enabled ? "Enabled" : "Rejected"));
  g_assert_nonnull (strstr (body, last_name));
  if (!enabled)
    g_assert_nonnull (strstr (body, "Identity verification failed"));
  g_assert_cmpstr (action, ==, "app.open-client");
  g_assert_nonnull (target);
  g_assert_cmpstr (g_variant_get_string (target, NULL), ==, client_id);

  /* Activating it opens the client: first show another one. */
  dossier_window_select_client (fixture->window, NULL);
  /* What the desktop does with it: the "app." action, on the application. */
  g_assert_true (g_str_has_prefix (action, "app."));
  g_assert_true (g_action_group_has_action (G_ACTION_GROUP (fixture->app), action + 4));
  g_action_group_activate_action (G_ACTION_GROUP (fixture->app), action + 4, target);
  {
    PageWait page_wait = { fixture, client_id };

    g_assert_true (dossier_test_wait_until (rw_page_shows, &page_wait, 10000));
  }
}

static void
test_seed_flow_enabled (Fixture       *fixture,
                        gconstpointer  data)
{
  seed_flow (fixture, "Barber", "cards_individuals", TRUE, "seed-flow");
}

static void
test_seed_flow_rejected (Fixture       *fixture,
                         gconstpointer  data)
{
  seed_flow (fixture, "Rejectson", "cards_individuals", FALSE, "seed-flow-rejected");
}

static void
test_seed_flow_premium (Fixture       *fixture,
                        gconstpointer  data)
{
  seed_flow (fixture, "Premium", "cards_individuals_premium", TRUE, "seed-flow-premium");
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

#define ADD(path, func) g_test_add ("/dossier/ui/seed-flow/" path, Fixture, NULL, seed_set_up, func, fixture_tear_down)
  ADD ("enabled", test_seed_flow_enabled);
  ADD ("rejected", test_seed_flow_rejected);
  ADD ("premium", test_seed_flow_premium);
#undef ADD

  status = g_test_run ();
  rw_private_bus_stop ();
  return status;
}
