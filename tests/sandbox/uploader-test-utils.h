/* uploader-test-utils.h — the embedded sandbox, a journal and a counter of the sandbox's
 * documentation answers, for the uploader and crash-safety tests (header only)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The sandbox runs verbose on its own thread; its access lines (method, path, status,
 * never keys or bodies) are caught through g_set_printerr_handler() and counted per
 * product request, so a test knows how many documentation POSTs the server executed.
 */
#pragma once

#include <string.h>
#include <glib/gstdio.h>
#include <gdk-pixbuf/gdk-pixbuf.h>

#include "api-test-utils.h"
#include "dossier-sandbox-server.h"
#include "dossier-journal.h"

#define UT_KEY "uploader-test-key-3"

static GMutex      ut_log_lock;
static GHashTable *ut_log_counts;   /* "<request_id> <status>" → count */

static void
ut_printerr_handler (const char *text)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);

  g_mutex_lock (&ut_log_lock);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) words = g_strsplit (lines[i], " ", 4);
      g_auto(GStrv) parts = NULL;
      guint n_parts;
      char *key;

      if (g_strv_length (words) < 3 || g_strcmp0 (words[0], "POST") != 0 ||
          !g_str_has_suffix (words[1], "/documentation"))
        continue;
      /* /management/clients/individuals/<client>/products/<request>/documentation */
      parts = g_strsplit (words[1], "/", -1);
      n_parts = g_strv_length (parts);
      if (n_parts < 3)
        continue;
      key = g_strdup_printf ("%s %s", parts[n_parts - 2], words[2]);
      g_hash_table_insert (ut_log_counts, key,
                           GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (ut_log_counts, key)) + 1));
    }
  g_mutex_unlock (&ut_log_lock);
}

/* Executed documentation POSTs for request_id answered with status ("200", "412" …). */
static inline guint
ut_posts (const char *request_id,
          const char *status)
{
  g_autofree char *key = g_strdup_printf ("%s %s", request_id, status);
  guint count;

  g_mutex_lock (&ut_log_lock);
  count = GPOINTER_TO_UINT (g_hash_table_lookup (ut_log_counts, key));
  g_mutex_unlock (&ut_log_lock);

  return count;
}

/* The sandbox's engine and server on their own thread, like DossierSandbox, but verbose:
 * its access lines feed ut_posts(). */
typedef struct
{
  DossierSandboxConfig *config;
  GMainContext         *context;
  GMainLoop            *loop;
  GThread              *thread;
  GMutex                lock;
  GCond                 cond;
  gboolean              ready;
  guint                 port;
  char                 *uri;
} UtSandbox;

static gpointer
ut_sandbox_thread (gpointer user_data)
{
  UtSandbox *sandbox = user_data;
  g_autoptr(DossierSandboxEngine) engine = NULL;
  DossierSandboxServer *server;
  g_autoptr(GError) error = NULL;

  g_main_context_push_thread_default (sandbox->context);
  engine = dossier_sandbox_engine_new (sandbox->config, &error);
  g_assert_no_error (error);
  server = dossier_sandbox_server_new (engine, TRUE);
  g_assert_true (dossier_sandbox_server_listen (server, 0, &error));
  g_assert_no_error (error);

  g_mutex_lock (&sandbox->lock);
  sandbox->port = dossier_sandbox_server_get_port (server);
  sandbox->ready = TRUE;
  g_cond_signal (&sandbox->cond);
  g_mutex_unlock (&sandbox->lock);

  g_main_loop_run (sandbox->loop);
  dossier_sandbox_server_free (server);
  dossier_sandbox_engine_save (engine, NULL);
  g_clear_object (&engine);
  while (g_main_context_iteration (sandbox->context, FALSE))
    ;
  g_main_context_pop_thread_default (sandbox->context);

  return NULL;
}

/* state_file: NULL keeps everything in memory. */
static inline UtSandbox *
ut_sandbox_start (const char *state_file)
{
  UtSandbox *sandbox = g_new0 (UtSandbox, 1);
  g_autoptr(GError) error = NULL;

  if (ut_log_counts == NULL)
    {
      ut_log_counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      g_set_printerr_handler (ut_printerr_handler);
    }

  sandbox->config = dossier_sandbox_config_new ();
  g_assert_true (dossier_sandbox_config_add_key (sandbox->config, UT_KEY ":3", &error));
  g_assert_no_error (error);
  dossier_sandbox_config_set_rate_limit (sandbox->config, 0);
  dossier_sandbox_config_set_review_delay (sandbox->config, 600);
  if (state_file != NULL)
    dossier_sandbox_config_set_state_file (sandbox->config, state_file);

  sandbox->context = g_main_context_new ();
  sandbox->loop = g_main_loop_new (sandbox->context, FALSE);
  g_mutex_init (&sandbox->lock);
  g_cond_init (&sandbox->cond);
  sandbox->thread = g_thread_new ("ut-sandbox", ut_sandbox_thread, sandbox);

  g_mutex_lock (&sandbox->lock);
  while (!sandbox->ready)
    g_cond_wait (&sandbox->cond, &sandbox->lock);
  g_mutex_unlock (&sandbox->lock);
  sandbox->uri = g_strdup_printf ("http://127.0.0.1:%u", sandbox->port);

  return sandbox;
}

static gboolean
ut_sandbox_quit_cb (gpointer user_data)
{
  g_main_loop_quit (user_data);
  return G_SOURCE_REMOVE;
}

static inline void
ut_sandbox_stop (UtSandbox *sandbox)
{
  g_autoptr(GSource) source = g_idle_source_new ();

  g_source_set_callback (source, ut_sandbox_quit_cb, sandbox->loop, NULL);
  g_source_attach (source, sandbox->context);
  g_thread_join (sandbox->thread);

  g_main_loop_unref (sandbox->loop);
  g_main_context_unref (sandbox->context);
  g_mutex_clear (&sandbox->lock);
  g_cond_clear (&sandbox->cond);
  dossier_sandbox_config_free (sandbox->config);
  g_free (sandbox->uri);
  g_free (sandbox);
}

static inline DossierJournal *
ut_journal_open (const char *path)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  DossierJournal *journal;

  dossier_journal_new_full_async (path, DOSSIER_JOURNAL_FLAGS_NO_KEYRING, NULL,
                                  api_test_catch, &result);
  journal = dossier_journal_new_finish (api_test_wait (&result, 30), &error);
  g_assert_no_error (error);
  g_assert_nonnull (journal);

  return journal;
}

/* A JPEG of that size whose pixels depend on seed (so every image hashes differently). */
static inline GBytes *
ut_image_bytes (int   width,
                int   height,
                guint seed)
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, width, height);
  g_autoptr(GError) error = NULL;
  g_autofree char *buffer = NULL;
  gsize size = 0;

  g_assert_nonnull (pixbuf);
  gdk_pixbuf_fill (pixbuf, 0x204060ff + ((seed * 2654435761u) & 0xffffff00u));
  g_assert_true (gdk_pixbuf_save_to_buffer (pixbuf, &buffer, &size, "jpeg", &error,
                                            "quality", "85", NULL));
  g_assert_no_error (error);

  return g_bytes_new_take (g_steal_pointer (&buffer), size);
}

static inline char *
ut_create_client (DossierApi *api,
                  const char *last_name)
{
  g_autofree char *email = g_strdup_printf ("%s.%u@example.com", last_name, g_random_int ());
  g_autofree char *text = g_strdup_printf ("{\"first_name\":\"Maria\",\"last_name\":\"%s\","
                                           "\"email\":\"%s\",\"birth_date\":\"1984-11-21\","
                                           "\"address\":{\"street_line1\":\"Florida 9860\","
                                           "\"city\":\"Del Viso\",\"country\":\"ARG\"}}",
                                           last_name, email);
  g_autoptr(JsonNode) body = json_from_string (text, NULL);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(DossierClient) client = NULL;
  g_autoptr(GError) error = NULL;

  dossier_api_create_client_from_json_async (api, body, DOSSIER_API_PRIORITY_USER, NULL,
                                             api_test_catch, &result);
  client = dossier_api_create_client_finish (api, api_test_wait (&result, 30), &error);
  g_assert_no_error (error);
  g_assert_nonnull (client);

  return g_strdup (dossier_client_get_id (client));
}

static inline char *
ut_request_product (DossierApi *api,
                    const char *client_id,
                    const char *product)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(DossierProductRequest) request = NULL;
  g_autoptr(GError) error = NULL;

  dossier_api_request_product_async (api, client_id, product, DOSSIER_API_PRIORITY_USER, NULL,
                                     api_test_catch, &result);
  request = dossier_api_request_product_finish (api, api_test_wait (&result, 30), &error);
  g_assert_no_error (error);
  g_assert_nonnull (request);

  return g_strdup (dossier_product_request_get_id (request));
}

/* The admin API's accepted documents of a request (§13.7). */
static inline JsonArray *
ut_admin_documents (SoupSession *admin,
                    UtSandbox   *sandbox,
                    const char  *request_id)
{
  g_autofree char *path = g_strdup_printf ("/_sandbox/requests/%s/documents", request_id);
  g_autoptr(JsonNode) node = api_test_admin (admin, sandbox->uri, "GET", path, NULL);

  g_assert_nonnull (node);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (node));

  return json_array_ref (json_node_get_array (node));
}
