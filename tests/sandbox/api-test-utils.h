/* api-test-utils.h — waiting for DossierApi calls in sandbox-suite tests (header only)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The sandbox runs on its own thread; DossierApi on the main thread. A call's
 * GAsyncResult is caught in a slot and the default context iterated until it
 * arrives, with a guard so nothing spins forever (TESTING.md §11).
 */
#pragma once

#include <libsoup/soup.h>

#include "dossier-api.h"
#include "dossier-sandbox.h"

static inline void
api_test_catch (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static gboolean
api_test_timed_out_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Iterates until *slot is set; fails the test after timeout_s. */
static inline GAsyncResult *
api_test_wait (GAsyncResult **slot,
               guint          timeout_s)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add_seconds (timeout_s, api_test_timed_out_cb, &timed_out);

  while (*slot == NULL && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  if (!timed_out)
    g_source_remove (id);
  g_assert_false (timed_out);

  return *slot;
}

static inline void
api_test_sleep (guint ms)
{
  gboolean timed_out = FALSE;

  g_timeout_add (ms, api_test_timed_out_cb, &timed_out);
  while (!timed_out)
    g_main_context_iteration (NULL, TRUE);
}

/* The admin API of §13 over a plain session (blocking is fine: the server has its own thread). */
static inline JsonNode *
api_test_admin (SoupSession *session,
                const char  *base_uri,
                const char  *method,
                const char  *path,
                const char  *body)
{
  g_autofree char *url = g_strconcat (base_uri, path, NULL);
  g_autoptr(SoupMessage) msg = soup_message_new (method, url);
  g_autoptr(GBytes) answer = NULL;
  g_autoptr(GError) error = NULL;

  if (body != NULL)
    {
      g_autoptr(GBytes) bytes = g_bytes_new (body, strlen (body));
      soup_message_set_request_body_from_bytes (msg, "application/json", bytes);
    }

  answer = soup_session_send_and_read (session, msg, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (msg), ==, 200);

  {
    g_autofree char *text = g_strndup (g_bytes_get_data (answer, NULL), g_bytes_get_size (answer));
    return json_from_string (text, NULL);
  }
}
