/* dossier-client-store.h — an account's last client list, kept on disk
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Clients of the head file: the top of the list by name, more than a screen shows (rows
 * are over 60 pixels tall). Not more: the list builds a row widget for each of the first
 * 200 clients it holds, and those built for the first frame delay it. */
#define DOSSIER_CLIENT_STORE_HEAD 100

#define DOSSIER_TYPE_CLIENT_STORE (dossier_client_store_get_type ())
G_DECLARE_FINAL_TYPE (DossierClientStore, dossier_client_store, DOSSIER, CLIENT_STORE, GObject)

DossierClientStore *dossier_client_store_new           (const char          *account_key,
                                                        GError             **error);
DossierClientStore *dossier_client_store_new_for_path  (const char          *path);
const char         *dossier_client_store_get_path      (DossierClientStore  *self);
char               *dossier_client_store_build_path    (const char          *directory,
                                                        const char          *account_key);

void                dossier_client_store_load_async    (DossierClientStore  *self,
                                                        GCancellable        *cancellable,
                                                        GAsyncReadyCallback  callback,
                                                        gpointer             user_data);
GPtrArray          *dossier_client_store_load_finish   (DossierClientStore  *self,
                                                        GAsyncResult        *result,
                                                        GError             **error);
void                dossier_client_store_load_head_async  (DossierClientStore  *self,
                                                           GCancellable        *cancellable,
                                                           GAsyncReadyCallback  callback,
                                                           gpointer             user_data);
GPtrArray          *dossier_client_store_load_head_finish (DossierClientStore  *self,
                                                           GAsyncResult        *result,
                                                           GError             **error);
void                dossier_client_store_save_async    (DossierClientStore  *self,
                                                        GPtrArray           *clients,
                                                        GCancellable        *cancellable,
                                                        GAsyncReadyCallback  callback,
                                                        gpointer             user_data);
gboolean            dossier_client_store_save_finish   (DossierClientStore  *self,
                                                        GAsyncResult        *result,
                                                        gboolean            *written,
                                                        GError             **error);

G_END_DECLS
