/* dossier-accounts.h — the accounts Dossier keeps: the embedded sandbox and real API
 * accounts (base URL and name in GSettings, keys in libsecret)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "dossier-account.h"

G_BEGIN_DECLS

/* (element-type DossierAccount): every real API account, in the order they were added. */
GPtrArray      *dossier_accounts_list_remote   (GSettings  *settings);
/* Adds or renames; base_url without trailing slashes. */
void            dossier_accounts_add_remote    (GSettings  *settings,
                                                const char *base_url,
                                                const char *display_name);
void            dossier_accounts_remove_remote (GSettings  *settings,
                                                const char *base_url);
/* The base URL of the account in use, "" for the sandbox. */
char           *dossier_accounts_get_current   (GSettings  *settings);
void            dossier_accounts_set_current   (GSettings  *settings,
                                                const char *base_url);
/* "https://api.example.com/" → "https://api.example.com"; NULL when not an
 * http(s) URL with a host. */
char           *dossier_accounts_normalize_url (const char *text);

G_END_DECLS
