/* dossier-window-store.c — the window's list kept on disk between runs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * At start the window shows the list it had last time (DossierClientStore: read and parsed
 * on workers; its head first, so that the top of the list is there at the first frame),
 * then refreshes it from the API. A fresh list is handed to the store before
 * it is merged (the store's worker reads the clients while it serialises them, and nothing
 * changes them until they are merged); the store writes only when the list differs from
 * what it holds. The window keeps `loading` set until the merge, so refreshes never cross.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "dossier-client-store.h"
#include "dossier-window-private.h"

/* The embedded sandbox listens on a new port at each start, but keeps its state: it is
 * one account for the store. */
void
_dossier_window_open_store (DossierWindow  *self,
                            DossierAccount *account)
{
  g_autoptr(GError) error = NULL;
  const char *key;

  if (dossier_account_get_kind (account) == DOSSIER_ACCOUNT_KIND_SANDBOX)
    key = "sandbox";
  else
    key = dossier_account_get_base_url (account);

  self->store = dossier_client_store_new (key, &error);
  if (self->store == NULL)
    g_message ("Clients will not be kept between runs: %s", error->message);
}

/* @changed: the list may differ from the one shown (the store wrote it, or there is no
 * store to tell). A merge updates clients in place when only their fields changed, and the
 * list's model keeps its own copy of the searched keys. */
static void
merge (DossierWindow *self,
       GPtrArray     *clients,
       gboolean       changed)
{
  _dossier_window_set_loading (self, FALSE);
  _dossier_window_hide_failure (self);
  self->loaded_once = TRUE;
  dossier_client_list_merge (self->clients, clients);
  if (changed)
    dossier_client_filter_model_refresh_keys (self->model);
  dossier_request_cache_set_sweeping (self->cache, TRUE);
  _dossier_window_update_titles (self);
}

typedef struct {
  DossierWindow *window;
  GPtrArray     *clients;
} SaveData;

static void
saved_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  SaveData *data = user_data;
  g_autoptr(DossierWindow) self = data->window;
  g_autoptr(GPtrArray) clients = data->clients;
  g_autoptr(GError) error = NULL;
  gboolean written = FALSE;

  g_free (data);
  if (!dossier_client_store_save_finish (DOSSIER_CLIENT_STORE (object), result, &written, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      g_message ("The client list could not be kept for the next start: %s", error->message);
      written = TRUE;
    }

  merge (self, clients, written);
}

/* @clients: straight from the parser, not yet merged. */
void
_dossier_window_take_clients (DossierWindow *self,
                              GPtrArray     *clients)
{
  SaveData *data;

  if (self->store == NULL)
    {
      merge (self, clients, TRUE);
      return;
    }

  data = g_new0 (SaveData, 1);
  data->window = g_object_ref (self);
  data->clients = g_ptr_array_ref (clients);
  dossier_client_store_save_async (self->store, clients, self->cancellable, saved_cb, data);
}

static void
loaded_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(DossierWindow) self = user_data;
  g_autoptr(GPtrArray) clients = NULL;
  g_autoptr(GError) error = NULL;

  clients = dossier_client_store_load_finish (DOSSIER_CLIENT_STORE (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  _dossier_window_set_loading (self, FALSE);
  if (clients != NULL)
    {
      self->loaded_once = TRUE;
      dossier_client_list_merge (self->clients, clients);
      _dossier_window_update_titles (self);
    }
  else if (!g_error_matches (error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
    {
      /* The API has the list: the next save replaces the unreadable file. */
      g_message ("The stored client list could not be read: %s", error->message);
    }

  _dossier_window_refresh (self);
}

static void
head_painted_cb (GdkFrameClock *clock,
                 DossierWindow *self)
{
  g_signal_handlers_disconnect_by_func (clock, head_painted_cb, self);
  dossier_client_store_load_async (self->store, self->cancellable, loaded_cb, g_object_ref (self));
}

/* The head (the top of the list by name) is in the window within milliseconds; the whole
 * list follows when its parse is done, merged around the head's clients. */
static void
head_loaded_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(DossierWindow) self = user_data;
  g_autoptr(GPtrArray) clients = NULL;
  g_autoptr(GError) error = NULL;

  clients = dossier_client_store_load_head_finish (DOSSIER_CLIENT_STORE (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (clients != NULL && clients->len > 0)
    {
      self->loaded_once = TRUE;
      dossier_client_list_merge (self->clients, clients);
      _dossier_window_update_titles (self);
    }

  /* The whole list's parse takes a core for a while: it starts once the head is drawn. */
  if (clients != NULL && clients->len > 0 && gtk_widget_get_realized (GTK_WIDGET (self)))
    {
      g_signal_connect_object (gtk_widget_get_frame_clock (GTK_WIDGET (self)), "after-paint",
                               G_CALLBACK (head_painted_cb), self, 0);
      return;
    }

  dossier_client_store_load_async (self->store, self->cancellable, loaded_cb, g_object_ref (self));
}

/* Shows the stored list, then refreshes it from the API. */
void
_dossier_window_load (DossierWindow *self)
{
  if (self->store == NULL)
    {
      _dossier_window_refresh (self);
      return;
    }

  _dossier_window_set_loading (self, TRUE);
  _dossier_window_show_loading (self);
  dossier_client_store_load_head_async (self->store, self->cancellable, head_loaded_cb,
                                        g_object_ref (self));
}
