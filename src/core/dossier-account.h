/* dossier-account.h — where Dossier talks to, and with which key
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A SANDBOX account is the embedded sandbox the application started: its URI
 * and key are handed over and live only in memory. A REMOTE account has a real
 * base URL; its key lives in libsecret under the schema
 * "io.github.dossier_app.Dossier.ApiKey" (attribute base-url), through the
 * Secret portal inside Flatpak, and nowhere else. The key is never logged.
 */
#pragma once

#include <gio/gio.h>
#include <libsecret/secret.h>

G_BEGIN_DECLS

#define DOSSIER_ACCOUNT_SECRET_SCHEMA_NAME "io.github.dossier_app.Dossier.ApiKey"

typedef enum {
  DOSSIER_ACCOUNT_KIND_SANDBOX,
  DOSSIER_ACCOUNT_KIND_REMOTE,
} DossierAccountKind;

#define DOSSIER_TYPE_ACCOUNT (dossier_account_get_type ())
G_DECLARE_FINAL_TYPE (DossierAccount, dossier_account, DOSSIER, ACCOUNT, GObject)

const SecretSchema *dossier_account_get_secret_schema (void);

DossierAccount     *dossier_account_new_for_sandbox   (const char          *uri,
                                                       const char          *api_key);
DossierAccount     *dossier_account_new_remote        (const char          *base_url);

DossierAccountKind  dossier_account_get_kind          (DossierAccount      *self);
/* "Embedded sandbox" or the host of the base URL, unless set. */
const char         *dossier_account_get_display_name  (DossierAccount      *self);
void                dossier_account_set_display_name  (DossierAccount      *self,
                                                       const char          *display_name);
/* Without trailing slashes. */
const char         *dossier_account_get_base_url      (DossierAccount      *self);
gboolean            dossier_account_has_key           (DossierAccount      *self);
/* The key in memory (NULL until handed over, stored or loaded). For DossierApi only. */
const char         *dossier_account_peek_key          (DossierAccount      *self);

/* Keeps key in memory; for a REMOTE account also stores it in libsecret. */
void                dossier_account_store_key_async   (DossierAccount      *self,
                                                       const char          *api_key,
                                                       GCancellable        *cancellable,
                                                       GAsyncReadyCallback  callback,
                                                       gpointer             user_data);
gboolean            dossier_account_store_key_finish  (DossierAccount      *self,
                                                       GAsyncResult        *result,
                                                       GError             **error);
/* TRUE when a key is now in memory; FALSE without error when none is stored. */
void                dossier_account_load_key_async    (DossierAccount      *self,
                                                       GCancellable        *cancellable,
                                                       GAsyncReadyCallback  callback,
                                                       gpointer             user_data);
gboolean            dossier_account_load_key_finish   (DossierAccount      *self,
                                                       GAsyncResult        *result,
                                                       GError             **error);
/* Drops the key from memory and from libsecret. */
void                dossier_account_forget_key_async  (DossierAccount      *self,
                                                       GCancellable        *cancellable,
                                                       GAsyncReadyCallback  callback,
                                                       gpointer             user_data);
gboolean            dossier_account_forget_key_finish (DossierAccount      *self,
                                                       GAsyncResult        *result,
                                                       GError             **error);

G_END_DECLS
