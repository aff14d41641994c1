/* request-window-test-utils.h — what the request-window and seed-flow UI tests share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The application with its embedded sandbox, calls to the sandbox from outside the app
 * (another desk of the same company, or the admin API of CONTRACT.md §13), and finders
 * for the windows the app opens. Header only: each test includes it once.
 */
#pragma once

#include <adwaita.h>
#include <gdk-pixbuf/gdk-pixbuf.h>
#include <libsoup/soup.h>
#include <string.h>

#include "dossier-application.h"
#include "dossier-client-page.h"
#include "dossier-data-uri.h"
#include "dossier-product-chooser.h"
#include "dossier-request-window.h"
#include "dossier-sandbox.h"
#include "dossier-window.h"
#include "dossier-ui-test-utils.h"

/* The notification server: every AddNotification as (app id, id, dict). */
static GPtrArray *notifications;

static const char notifications_xml[] =
  "<node><interface name='org.gtk.Notifications'>"
  "<method name='AddNotification'><arg type='s' direction='in'/><arg type='s' direction='in'/>"
  "<arg type='a{sv}' direction='in'/></method>"
  "<method name='RemoveNotification'><arg type='s' direction='in'/><arg type='s' direction='in'/></method>"
  "</interface></node>";

static inline void
notifications_method_cb (GDBusConnection       *connection,
                         const char            *sender,
                         const char            *object_path,
                         const char            *interface_name,
                         const char            *method_name,
                         GVariant              *parameters,
                         GDBusMethodInvocation *invocation,
                         gpointer               user_data)
{
  if (g_str_equal (method_name, "AddNotification"))
    g_ptr_array_add (notifications, g_variant_ref (parameters));
  g_dbus_method_invocation_return_value (invocation, NULL);
}

static inline void
own_notifications (void)
{
  static const GDBusInterfaceVTable vtable = { notifications_method_cb, NULL, NULL, { 0 } };
  g_autoptr(GDBusNodeInfo) info = g_dbus_node_info_new_for_xml (notifications_xml, NULL);
  g_autoptr(GError) error = NULL;
  GDBusConnection *connection = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, &error);

  g_assert_no_error (error);
  notifications = g_ptr_array_new_with_free_func ((GDestroyNotify) g_variant_unref);
  g_dbus_connection_register_object (connection, "/org/gtk/Notifications", info->interfaces[0],
                                     &vtable, NULL, NULL, &error);
  g_assert_no_error (error);
  g_bus_own_name_on_connection (connection, "org.gtk.Notifications", G_BUS_NAME_OWNER_FLAGS_NONE,
                                NULL, NULL, NULL, NULL);
  /* Kept for the process's life, as the bus is. */
  (void) connection;
}

static GTestDBus *bus;

/* A private session bus where the test is the notification server (TESTING.md §6). */
static inline void
rw_private_bus_up (void)
{
  g_autofree char *display = g_strdup (g_getenv ("DISPLAY"));

  bus = g_test_dbus_new (G_TEST_DBUS_NONE);
  g_test_dbus_up (bus);
  if (display != NULL)
    g_setenv ("DISPLAY", display, TRUE);
  own_notifications ();
}

/* Not _down(): GTK still holds the bus (TESTING.md §6). */
static inline void
rw_private_bus_stop (void)
{
  g_test_dbus_stop (bus);
}

typedef struct {
  DossierApplication *app;
  DossierWindow      *window;
  SoupSession        *session;
} Fixture;

static inline gboolean
rw_window_ready (gpointer data)
{
  Fixture *fixture = data;

  return !dossier_window_get_loading (fixture->window)
         && dossier_window_get_journal (fixture->window) != NULL
         && dossier_window_get_uploader (fixture->window) != NULL;
}

static inline void
rw_set_up_app (Fixture  *fixture,
               gboolean  unique)
{
  g_autoptr(GError) error = NULL;
  static guint serial;
  g_autofree char *id = g_strdup_printf ("%s.Test.p%d.r%u", APPLICATION_ID, getpid (), ++serial);

  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_LIGHT);
  fixture->app = dossier_application_new (id, unique ? G_APPLICATION_DEFAULT_FLAGS : G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (fixture->app), NULL, &error);
  g_assert_no_error (error);
  g_application_activate (G_APPLICATION (fixture->app));
  fixture->window = DOSSIER_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (fixture->app)));
  g_assert_true (DOSSIER_IS_WINDOW (fixture->window));
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 1000, 700);
  g_assert_true (dossier_test_wait_for_draw (GTK_WIDGET (fixture->window)));
  g_assert_true (dossier_test_wait_until (rw_window_ready, fixture, 15000));
  fixture->session = soup_session_new ();
}

static inline void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  rw_set_up_app (fixture, FALSE);
}

static inline void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  GtkApplication *app = GTK_APPLICATION (fixture->app);
  gboolean again = TRUE;

  /* Request windows first (they belong to the main window, which takes them along);
   * the list is read again after each destroy. */
  while (again)
    {
      again = FALSE;
      for (GList *l = gtk_application_get_windows (app); l != NULL; l = l->next)
        if (!DOSSIER_IS_WINDOW (l->data))
          {
            gtk_window_destroy (l->data);
            again = TRUE;
            break;
          }
    }
  while (gtk_application_get_windows (app) != NULL)
    gtk_window_destroy (gtk_application_get_windows (app)->data);
  g_clear_object (&fixture->session);
  g_clear_object (&fixture->app);
}

/* The sandbox from outside the app; admin paths need no key. Returns the JSON answer. */
static inline JsonNode *
rw_sandbox_call (Fixture    *fixture,
                 const char *method,
                 const char *path,
                 const char *body)
{
  DossierSandbox *sandbox = dossier_application_get_sandbox (fixture->app);
  g_autofree char *uri = g_strconcat (dossier_sandbox_get_uri (sandbox), path, NULL);
  g_autoptr(SoupMessage) message = soup_message_new (method, uri);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  soup_message_headers_append (soup_message_get_request_headers (message), "x-api-key",
                               dossier_sandbox_get_api_key (sandbox));
  if (body != NULL)
    {
      g_autoptr(GBytes) request = g_bytes_new (body, strlen (body));

      soup_message_set_request_body_from_bytes (message, "application/json", request);
    }
  bytes = soup_session_send_and_read (fixture->session, message, NULL, &error);
  g_assert_no_error (error);
  if (soup_message_get_status (message) != 200)
    g_test_message ("%s %s → %u: %.*s", method, path, soup_message_get_status (message),
                    (int) g_bytes_get_size (bytes), (const char *) g_bytes_get_data (bytes, NULL));
  g_assert_cmpuint (soup_message_get_status (message), ==, 200);
  json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), &error);
  g_assert_no_error (error);
  return json_node_copy (json_parser_get_root (parser));
}

static inline char *
rw_member (JsonNode   *node,
           const char *member)
{
  JsonObject *object = json_node_get_object (node);

  if (json_object_has_member (object, "product")
      && JSON_NODE_HOLDS_OBJECT (json_object_get_member (object, "product")))
    object = json_object_get_object_member (object, "product");
  return g_strdup (json_object_get_string_member (object, member));
}

/* A client created from outside; phone optional. Returns its id. */
static inline char *
rw_create_client (Fixture    *fixture,
                  const char *first_name,
                  const char *last_name,
                  gboolean    with_phone)
{
  static guint serial;
  g_autofree char *body = g_strdup_printf (
      "{\"first_name\":\"%s\",\"last_name\":\"%s\",\"email\":\"rw%d.%u@example.com\","
      "\"birth_date\":\"1984-11-21\"%s,"
      "\"address\":{\"street_line1\":\"Florida 9860\",\"city\":\"Del Viso\",\"postal_code\":\"1669\","
      "\"state\":\"ARG-B\",\"country\":\"ARG\"}}",
      first_name, last_name, getpid (), ++serial,
      with_phone ? ",\"phone_country_code\":54,\"phone_number\":1168860622" : "");
  g_autoptr(JsonNode) answer = rw_sandbox_call (fixture, "POST", "/management/clients/individuals", body);

  return rw_member (answer, "id");
}

static inline char *
rw_request_product (Fixture    *fixture,
                    const char *client_id,
                    const char *product)
{
  g_autofree char *path = g_strdup_printf ("/management/clients/individuals/%s/products", client_id);
  g_autofree char *body = g_strdup_printf ("{\"subproduct\":\"%s\"}", product);
  g_autoptr(JsonNode) answer = rw_sandbox_call (fixture, "POST", path, body);

  return rw_member (answer, "id");
}

/* A passport-like JPEG, 600 × 800 (the sandbox's minimum side is 600). */
static inline GBytes *
rw_passport_jpeg (void)
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, 600, 800);
  guint8 *pixels = gdk_pixbuf_get_pixels (pixbuf);
  int stride = gdk_pixbuf_get_rowstride (pixbuf);
  g_autoptr(GError) error = NULL;
  char *buffer = NULL;
  gsize size = 0;

  for (int y = 0; y < 800; y++)
    for (int x = 0; x < 600; x++)
      {
        guint8 *p = pixels + y * stride + x * 3;
        gboolean photo = x > 40 && x < 220 && y > 120 && y < 360;
        gboolean band = (y / 24) % 3 == 0 && x > 260;

        p[0] = photo ? 90 : band ? 60 : 225 - (x + y) % 17;
        p[1] = photo ? 70 : band ? 80 : 230 - (x * 3 + y) % 13;
        p[2] = photo ? 60 : band ? 140 : 215;
      }

  g_assert_true (gdk_pixbuf_save_to_buffer (pixbuf, &buffer, &size, "jpeg", &error, "quality", "85", NULL));
  g_assert_no_error (error);
  return g_bytes_new_take (buffer, size);
}

static inline void
rw_upload_passport (Fixture    *fixture,
                    const char *client_id,
                    const char *request_id)
{
  g_autoptr(GBytes) jpeg = rw_passport_jpeg ();
  g_autofree char *uri = dossier_data_uri_encode ("image/jpeg", g_bytes_get_data (jpeg, NULL), g_bytes_get_size (jpeg));
  g_autofree char *path = g_strdup_printf ("/management/clients/individuals/%s/products/%s/documentation",
                                           client_id, request_id);
  g_autofree char *body = g_strdup_printf ("{\"document\":{\"document_type\":\"passport\",\"image_front\":\"%s\","
                                           "\"metadata\":{\"number\":\"AB1234567\"}}}", uri);
  g_autoptr(JsonNode) answer = rw_sandbox_call (fixture, "POST", path, body);
  JsonObject *object = json_node_get_object (answer);

  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object, "rejected_items")), ==, 0);
}

static inline void
rw_advance_clock (Fixture *fixture,
                  double   seconds)
{
  g_autofree char *body = g_strdup_printf ("{\"advance_seconds\":%.1f}", seconds);
  g_autoptr(JsonNode) answer = rw_sandbox_call (fixture, "POST", "/_sandbox/clock", body);

  g_assert_nonnull (answer);
}

static inline GtkWindow *
rw_find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return window;
    }

  return NULL;
}

static inline guint
rw_count_toplevels (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      n += G_TYPE_CHECK_INSTANCE_TYPE (window, type) && gtk_widget_get_visible (GTK_WIDGET (window));
    }

  return n;
}

static inline gboolean
rw_has_request_window (gpointer data)
{
  return rw_find_toplevel (DOSSIER_TYPE_REQUEST_WINDOW) != NULL;
}

static inline gboolean
rw_has_chooser (gpointer data)
{
  return rw_find_toplevel (DOSSIER_TYPE_PRODUCT_CHOOSER) != NULL;
}

typedef struct {
  DossierRequestWindow *window;
  DossierRequestState   state;
} StateWait;

static inline gboolean
rw_state_is (gpointer data)
{
  StateWait *wait = data;

  return dossier_request_window_get_state (wait->window) == wait->state
         && !dossier_request_window_get_busy (wait->window);
}

static inline gboolean
rw_wait_state (DossierRequestWindow *window,
               DossierRequestState   state,
               guint                 timeout_ms)
{
  StateWait wait = { window, state };

  return dossier_test_wait_until (rw_state_is, &wait, timeout_ms);
}

static inline DossierClientPage *
rw_find_page (Fixture *fixture)
{
  GtkWidget *widget = GTK_WIDGET (fixture->window);
  GPtrArray *stack = g_ptr_array_new ();
  DossierClientPage *found = NULL;

  g_ptr_array_add (stack, widget);
  while (stack->len > 0 && found == NULL)
    {
      GtkWidget *w = g_ptr_array_steal_index (stack, stack->len - 1);

      if (DOSSIER_IS_CLIENT_PAGE (w))
        found = DOSSIER_CLIENT_PAGE (w);
      for (GtkWidget *c = gtk_widget_get_first_child (w); c != NULL; c = gtk_widget_get_next_sibling (c))
        g_ptr_array_add (stack, c);
    }
  g_ptr_array_unref (stack);
  return found;
}

typedef struct {
  Fixture    *fixture;
  const char *client_id;
} PageWait;

static inline gboolean
rw_page_shows (gpointer data)
{
  PageWait *wait = data;
  DossierClientPage *page = rw_find_page (wait->fixture);
  DossierClient *client = page != NULL ? dossier_client_page_get_client (page) : NULL;

  return client != NULL && g_strcmp0 (dossier_client_get_id (client), wait->client_id) == 0
         && !dossier_client_page_get_loading (page);
}

/* Opens a client's page in the main window and waits for its requests. */
static inline DossierClientPage *
rw_open_client (Fixture    *fixture,
                const char *client_id)
{
  PageWait wait = { fixture, client_id };

  dossier_window_open_client (fixture->window, client_id);
  g_assert_true (dossier_test_wait_until (rw_page_shows, &wait, 10000));
  return rw_find_page (fixture);
}
