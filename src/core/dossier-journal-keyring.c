/* dossier-journal-keyring.c — the evidence chain's key and head in the Secret Service
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "dossier-journal-private.h"

/*
 * Two items per installation, both under the schema below with the journal's
 * random installation id (kept in its `meta` table) as attribute, in the default
 * collection:
 *   item = "key"   the 32-byte HMAC key, hex
 *   item = "head"  the chain head, "<event id>:<hmac hex>"
 *
 * These calls are synchronous and run only on the journal's worker thread, with a
 * SecretService of the worker's own (secret_service_open_sync(), not the shared
 * default one), so nothing here ever waits on the main thread or its context.
 */

/**
 * dossier_journal_get_secret_schema:
 *
 * Returns: the schema of the journal's key and chain head in the Secret Service
 */
const SecretSchema *
dossier_journal_get_secret_schema (void)
{
  static const SecretSchema schema = {
    "io.github.dossier_app.Dossier.JournalKey", SECRET_SCHEMA_NONE,
    {
      { "installation", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "item", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    }
  };

  return &schema;
}

/* Returns FALSE, with chain->keyring_error set, when there is no usable service. */
gboolean
_dossier_journal_keyring_connect (DossierJournalChain *chain)
{
  g_autoptr(GError) error = NULL;

  if (chain->service != NULL)
    return TRUE;

  if ((chain->flags & DOSSIER_JOURNAL_FLAGS_NO_KEYRING) != 0)
    {
      g_free (chain->keyring_error);
      chain->keyring_error = g_strdup ("the keyring is turned off for this journal");
      return FALSE;
    }

  chain->service = secret_service_open_sync (SECRET_TYPE_SERVICE, NULL,
                                             SECRET_SERVICE_OPEN_SESSION, NULL, &error);
  if (chain->service == NULL)
    {
      g_free (chain->keyring_error);
      chain->keyring_error = g_strdup (error->message);
      g_debug ("journal: no Secret Service: %s", error->message);
      return FALSE;
    }

  return TRUE;
}

static GHashTable *
item_attributes (DossierJournalChain *chain,
                 const char          *item)
{
  return secret_attributes_build (dossier_journal_get_secret_schema (),
                                  "installation", chain->installation_id,
                                  "item", item,
                                  NULL);
}

/* Reads one item. Returns FALSE on a service error; TRUE with *value NULL when the
 * item does not exist. */
gboolean
_dossier_journal_keyring_lookup (DossierJournalChain  *chain,
                                 const char           *item,
                                 char                **value,
                                 GError              **error)
{
  g_autoptr(GHashTable) attributes = NULL;
  SecretValue *secret;

  *value = NULL;
  if (chain->service == NULL || chain->installation_id == NULL)
    {
      g_set_error (error, DOSSIER_JOURNAL_ERROR, DOSSIER_JOURNAL_ERROR_FAILED,
                   _("No keyring is available for the journal’s key."));
      return FALSE;
    }

  attributes = item_attributes (chain, item);
  secret = secret_service_lookup_sync (chain->service, dossier_journal_get_secret_schema (),
                                       attributes, NULL, error);
  if (secret == NULL)
    return error == NULL || *error == NULL;

  *value = g_strdup (secret_value_get_text (secret));
  secret_value_unref (secret);
  return TRUE;
}

gboolean
_dossier_journal_keyring_store (DossierJournalChain  *chain,
                                const char           *item,
                                const char           *value,
                                GError              **error)
{
  g_autoptr(GHashTable) attributes = NULL;
  SecretValue *secret;
  const char *label;
  gboolean stored;

  if (chain->service == NULL || chain->installation_id == NULL)
    {
      g_set_error (error, DOSSIER_JOURNAL_ERROR, DOSSIER_JOURNAL_ERROR_FAILED,
                   _("No keyring is available for the journal’s key."));
      return FALSE;
    }

  if (g_strcmp0 (item, "key") == 0)
    label = _("Dossier journal key");
  else
    label = _("Dossier journal chain head");

  attributes = item_attributes (chain, item);
  secret = secret_value_new (value, -1, "text/plain");
  stored = secret_service_store_sync (chain->service, dossier_journal_get_secret_schema (),
                                      attributes, SECRET_COLLECTION_DEFAULT, label, secret,
                                      NULL, error);
  secret_value_unref (secret);
  /* A dismissed keyring prompt fails without an error. */
  if (!stored && error != NULL && *error == NULL)
    g_set_error_literal (error, DOSSIER_JOURNAL_ERROR, DOSSIER_JOURNAL_ERROR_FAILED,
                         _("The keyring did not save the journal’s key: its request was dismissed."));
  return stored;
}
