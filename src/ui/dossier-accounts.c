/* dossier-accounts.c — the accounts Dossier keeps
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The list lives in the `accounts` setting as (base URL, name) pairs; which one is
 * used in `current-account` ("" is the embedded sandbox, the default). Keys are
 * stored per base URL by DossierAccount in libsecret and never touch GSettings.
 */
#include "config.h"

#include <string.h>

#include "dossier-accounts.h"

GPtrArray *
dossier_accounts_list_remote (GSettings *settings)
{
  g_autoptr(GVariant) value = NULL;
  GPtrArray *accounts = g_ptr_array_new_with_free_func (g_object_unref);
  GVariantIter iter;
  const char *url;
  const char *name;

  g_return_val_if_fail (G_IS_SETTINGS (settings), accounts);

  value = g_settings_get_value (settings, "accounts");
  g_variant_iter_init (&iter, value);
  while (g_variant_iter_next (&iter, "(&s&s)", &url, &name))
    {
      DossierAccount *account = dossier_account_new_remote (url);

      if (*name != '\0')
        dossier_account_set_display_name (account, name);
      g_ptr_array_add (accounts, account);
    }
  return accounts;
}

static void
write_list (GSettings  *settings,
            const char *skip_url,
            const char *add_url,
            const char *add_name)
{
  g_autoptr(GVariant) value = g_settings_get_value (settings, "accounts");
  GVariantBuilder builder;
  GVariantIter iter;
  const char *url;
  const char *name;
  gboolean added = FALSE;

  g_variant_builder_init (&builder, G_VARIANT_TYPE ("a(ss)"));
  g_variant_iter_init (&iter, value);
  while (g_variant_iter_next (&iter, "(&s&s)", &url, &name))
    {
      if (g_strcmp0 (url, skip_url) == 0)
        continue;
      if (g_strcmp0 (url, add_url) == 0)
        {
          g_variant_builder_add (&builder, "(ss)", url, add_name);
          added = TRUE;
        }
      else
        g_variant_builder_add (&builder, "(ss)", url, name);
    }
  if (add_url != NULL && !added)
    g_variant_builder_add (&builder, "(ss)", add_url, add_name);
  g_settings_set_value (settings, "accounts", g_variant_builder_end (&builder));
}

void
dossier_accounts_add_remote (GSettings  *settings,
                             const char *base_url,
                             const char *display_name)
{
  g_return_if_fail (G_IS_SETTINGS (settings));
  g_return_if_fail (base_url != NULL);

  write_list (settings, NULL, base_url, display_name != NULL ? display_name : "");
}

void
dossier_accounts_remove_remote (GSettings  *settings,
                                const char *base_url)
{
  g_autofree char *current = NULL;

  g_return_if_fail (G_IS_SETTINGS (settings));
  g_return_if_fail (base_url != NULL);

  write_list (settings, base_url, NULL, NULL);
  current = dossier_accounts_get_current (settings);
  if (g_str_equal (current, base_url))
    dossier_accounts_set_current (settings, "");
}

char *
dossier_accounts_get_current (GSettings *settings)
{
  g_return_val_if_fail (G_IS_SETTINGS (settings), g_strdup (""));

  return g_settings_get_string (settings, "current-account");
}

void
dossier_accounts_set_current (GSettings  *settings,
                              const char *base_url)
{
  g_return_if_fail (G_IS_SETTINGS (settings));

  g_settings_set_string (settings, "current-account", base_url != NULL ? base_url : "");
}

char *
dossier_accounts_normalize_url (const char *text)
{
  g_autoptr(GUri) uri = NULL;
  g_autofree char *trimmed = NULL;
  gsize len;

  if (text == NULL)
    return NULL;

  trimmed = g_strstrip (g_strdup (text));
  uri = g_uri_parse (trimmed, G_URI_FLAGS_NONE, NULL);
  if (uri == NULL || g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0'
      || (g_strcmp0 (g_uri_get_scheme (uri), "https") != 0
          && g_strcmp0 (g_uri_get_scheme (uri), "http") != 0)
      || g_uri_get_query (uri) != NULL || g_uri_get_fragment (uri) != NULL)
    return NULL;

  len = strlen (trimmed);
  while (len > 0 && trimmed[len - 1] == '/')
    trimmed[--len] = '\0';
  return g_steal_pointer (&trimmed);
}
