/* dossier-sandbox-config.c — the sandbox's options (CONTRACT.md §14) as data
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "dossier-sandbox-private.h"

static gint64
default_monotonic_clock (gpointer user_data)
{
  return g_get_monotonic_time ();
}

static gint64
default_wall_clock (gpointer user_data)
{
  return g_get_real_time ();
}

/**
 * dossier_sandbox_config_new:
 *
 * The defaults of §14: no keys yet (the engine adds `sandbox-key` at level 3
 * when none is given), rate limit 15, review delay 10 s, admin on.
 *
 * Returns: (transfer full): a new configuration
 */
DossierSandboxConfig *
dossier_sandbox_config_new (void)
{
  DossierSandboxConfig *config = g_new0 (DossierSandboxConfig, 1);

  config->keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  config->rate_limit = 15;
  config->review_delay = 10.0;
  config->admin = TRUE;
  config->monotonic_clock = default_monotonic_clock;
  config->wall_clock = default_wall_clock;

  return config;
}

DossierSandboxConfig *
dossier_sandbox_config_copy (const DossierSandboxConfig *config)
{
  DossierSandboxConfig *copy;
  GHashTableIter iter;
  gpointer key, value;

  g_return_val_if_fail (config != NULL, NULL);

  copy = g_new0 (DossierSandboxConfig, 1);
  *copy = *config;
  copy->keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_hash_table_iter_init (&iter, config->keys);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_hash_table_insert (copy->keys, g_strdup (key), value);
  copy->first_key = g_strdup (config->first_key);
  copy->state_file = g_strdup (config->state_file);
  copy->catalogue_file = g_strdup (config->catalogue_file);

  return copy;
}

void
dossier_sandbox_config_free (DossierSandboxConfig *config)
{
  if (config == NULL)
    return;

  g_hash_table_unref (config->keys);
  g_free (config->first_key);
  g_free (config->state_file);
  g_free (config->catalogue_file);
  g_free (config);
}

static gboolean
is_decimal_number (const char *text)
{
  if (*text == '+' || *text == '-')
    text++;
  if (*text == '\0')
    return FALSE;
  for (; *text != '\0'; text++)
    if (!g_ascii_isdigit (*text))
      return FALSE;
  return TRUE;
}

/**
 * dossier_sandbox_config_add_key:
 * @config: a configuration
 * @spec: `KEY` or `KEY:LEVEL`
 * @error: return location for a %DOSSIER_SANDBOX_ERROR_CONFIG error
 *
 * When the text after the last `:` is a decimal integer it is the level (1–9,
 * any other number is an error); otherwise the whole text is a key at level 3.
 * Keys are 1–256 printable ASCII characters without spaces.
 *
 * Returns: %TRUE when the key was added
 */
gboolean
dossier_sandbox_config_add_key (DossierSandboxConfig  *config,
                                const char            *spec,
                                GError               **error)
{
  g_autofree char *key = NULL;
  const char *colon;
  guint level = 3;
  gsize len;

  g_return_val_if_fail (config != NULL, FALSE);
  g_return_val_if_fail (spec != NULL, FALSE);

  colon = strrchr (spec, ':');
  if (colon != NULL && is_decimal_number (colon + 1))
    {
      gint64 value = g_ascii_strtoll (colon + 1, NULL, 10);

      if (value < 1 || value > 9)
        {
          g_set_error (error, DOSSIER_SANDBOX_ERROR, DOSSIER_SANDBOX_ERROR_CONFIG,
                       "Invalid API key level '%s': it must be an integer from 1 to 9", colon + 1);
          return FALSE;
        }
      level = (guint) value;
      key = g_strndup (spec, colon - spec);
    }
  else
    key = g_strdup (spec);

  len = strlen (key);
  if (len < 1 || len > 256)
    {
      g_set_error (error, DOSSIER_SANDBOX_ERROR, DOSSIER_SANDBOX_ERROR_CONFIG,
                   "Invalid API key: it must have 1 to 256 characters");
      return FALSE;
    }
  for (gsize i = 0; i < len; i++)
    {
      if ((guchar) key[i] <= 0x20 || (guchar) key[i] >= 0x7f)
        {
          g_set_error (error, DOSSIER_SANDBOX_ERROR, DOSSIER_SANDBOX_ERROR_CONFIG,
                       "Invalid API key: only printable ASCII characters without spaces are allowed");
          return FALSE;
        }
    }

  if (config->first_key == NULL)
    config->first_key = g_strdup (key);
  g_hash_table_insert (config->keys, g_steal_pointer (&key), GUINT_TO_POINTER (level));
  return TRUE;
}

/**
 * dossier_sandbox_config_get_first_key:
 * @config: a #DossierSandboxConfig
 *
 * Returns: (nullable): the first key added with dossier_sandbox_config_add_key(),
 *   or %NULL when none was (the engine then accepts `sandbox-key` at level 3)
 */
const char *
dossier_sandbox_config_get_first_key (const DossierSandboxConfig *config)
{
  g_return_val_if_fail (config != NULL, NULL);

  return config->first_key;
}

void
dossier_sandbox_config_set_rate_limit (DossierSandboxConfig *config,
                                       guint                 per_second)
{
  g_return_if_fail (config != NULL);
  config->rate_limit = per_second;
}

void
dossier_sandbox_config_set_review_delay (DossierSandboxConfig *config,
                                         double                seconds)
{
  g_return_if_fail (config != NULL);
  config->review_delay = seconds > 0 ? seconds : 0;
}

void
dossier_sandbox_config_set_admin (DossierSandboxConfig *config,
                                  gboolean              enabled)
{
  g_return_if_fail (config != NULL);
  config->admin = !!enabled;
}

void
dossier_sandbox_config_set_state_file (DossierSandboxConfig *config,
                                       const char           *path)
{
  g_return_if_fail (config != NULL);
  g_free (config->state_file);
  config->state_file = g_strdup (path);
}

void
dossier_sandbox_config_set_catalogue_file (DossierSandboxConfig *config,
                                           const char           *path)
{
  g_return_if_fail (config != NULL);
  g_free (config->catalogue_file);
  config->catalogue_file = g_strdup (path);
}

void
dossier_sandbox_config_set_demo (DossierSandboxConfig *config,
                                 gboolean              demo)
{
  g_return_if_fail (config != NULL);
  config->demo = !!demo;
}

void
dossier_sandbox_config_set_verbose (DossierSandboxConfig *config,
                                    gboolean              verbose)
{
  g_return_if_fail (config != NULL);
  config->verbose = !!verbose;
}

gboolean
dossier_sandbox_config_get_verbose (const DossierSandboxConfig *config)
{
  g_return_val_if_fail (config != NULL, FALSE);
  return config->verbose;
}

void
dossier_sandbox_config_set_monotonic_clock (DossierSandboxConfig   *config,
                                            DossierSandboxClockFunc func,
                                            gpointer                user_data)
{
  g_return_if_fail (config != NULL);
  config->monotonic_clock = func != NULL ? func : default_monotonic_clock;
  config->monotonic_data = user_data;
}

void
dossier_sandbox_config_set_wall_clock (DossierSandboxConfig   *config,
                                       DossierSandboxClockFunc func,
                                       gpointer                user_data)
{
  g_return_if_fail (config != NULL);
  config->wall_clock = func != NULL ? func : default_wall_clock;
  config->wall_data = user_data;
}

/* ---- clock, ids, persistence hooks ---- */

gint64
_dossier_sandbox_engine_now (DossierSandboxEngine *self)
{
  DossierSandboxConfig *config = self->config;

  return config->wall_clock (config->wall_data) + self->offset;
}

static gint64
seconds_of (gint64 time)
{
  /* Truncation towards the past, also before 1970. */
  return time >= 0 ? time / G_USEC_PER_SEC : -((-time + G_USEC_PER_SEC - 1) / G_USEC_PER_SEC);
}

char *
_dossier_sandbox_format_time (gint64 time)
{
  g_autoptr(GDateTime) datetime = g_date_time_new_from_unix_utc (seconds_of (time));
  char *text = datetime != NULL ? dossier_timestamp_format (datetime) : NULL;

  if (text == NULL)
    return g_strdup (time < 0 ? "0001-01-01T00:00:00" : "9999-12-31T23:59:59");
  return text;
}

void
_dossier_sandbox_engine_today (DossierSandboxEngine *self,
                               GDate                *date)
{
  g_autoptr(GDateTime) datetime =
    g_date_time_new_from_unix_utc (seconds_of (_dossier_sandbox_engine_now (self)));
  int year = 9999, month = 12, day = 31;

  if (datetime != NULL)
    g_date_time_get_ymd (datetime, &year, &month, &day);
  g_date_clear (date, 1);
  g_date_set_dmy (date, day, month, year);
}

char *
_dossier_sandbox_engine_new_id (DossierSandboxEngine *self)
{
  static const char alphabet[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  char *id = g_malloc (DOSSIER_SANDBOX_ID_LENGTH + 1);

  do
    {
      for (guint i = 0; i < DOSSIER_SANDBOX_ID_LENGTH; i++)
        id[i] = alphabet[g_random_int_range (0, 62)];
      id[DOSSIER_SANDBOX_ID_LENGTH] = '\0';
    }
  while (g_hash_table_contains (self->issued_ids, id));

  g_hash_table_add (self->issued_ids, g_strdup (id));
  return id;
}

/* Called after every change of the state: saves it when a state file is in use. */
void
_dossier_sandbox_engine_changed (DossierSandboxEngine *self)
{
  g_autoptr(GError) error = NULL;

  if (self->loading || self->config->state_file == NULL)
    return;

  if (!_dossier_sandbox_state_save (self, &error))
    g_warning ("Could not save the sandbox state: %s", error->message);
}

/* Forgets every client, request and document (ids stay issued: never reused). */
void
_dossier_sandbox_engine_clear_data (DossierSandboxEngine *self)
{
  g_ptr_array_set_size (self->client_order, 0);
  g_hash_table_remove_all (self->requests);
  g_hash_table_remove_all (self->clients);
}
