/* dossier-account.c — where Dossier talks to, and with which key
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "dossier-account.h"

struct _DossierAccount
{
  GObject             parent_instance;

  DossierAccountKind  kind;
  char               *display_name;
  char               *base_url;
  char               *key;
};

G_DEFINE_FINAL_TYPE (DossierAccount, dossier_account, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_KIND,
  PROP_DISPLAY_NAME,
  PROP_BASE_URL,
  PROP_HAS_KEY,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

const SecretSchema *
dossier_account_get_secret_schema (void)
{
  static const SecretSchema schema = {
    DOSSIER_ACCOUNT_SECRET_SCHEMA_NAME,
    SECRET_SCHEMA_NONE,
    {
      { "base-url", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    }
  };

  return &schema;
}

static void
scrub_free (char *secret)
{
  if (secret == NULL)
    return;

  /* volatile so the compiler keeps the wipe */
  for (volatile char *p = secret; *p != '\0'; p++)
    *p = '\0';
  g_free (secret);
}

static void
set_key (DossierAccount *self,
         const char     *key)
{
  gboolean had_key = self->key != NULL;

  scrub_free (self->key);
  self->key = (key != NULL && *key != '\0') ? g_strdup (key) : NULL;

  if (had_key != (self->key != NULL))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HAS_KEY]);
}

static char *
host_of (const char *base_url)
{
  g_autoptr(GUri) uri = g_uri_parse (base_url, G_URI_FLAGS_NONE, NULL);

  if (uri != NULL && g_uri_get_host (uri) != NULL)
    return g_strdup (g_uri_get_host (uri));

  return g_strdup (base_url);
}

static void
dossier_account_finalize (GObject *object)
{
  DossierAccount *self = (DossierAccount *) object;

  scrub_free (self->key);
  g_free (self->display_name);
  g_free (self->base_url);

  G_OBJECT_CLASS (dossier_account_parent_class)->finalize (object);
}

static void
dossier_account_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  DossierAccount *self = DOSSIER_ACCOUNT (object);

  switch (prop_id)
    {
    case PROP_KIND:
      g_value_set_int (value, self->kind);
      break;
    case PROP_DISPLAY_NAME:
      g_value_set_string (value, dossier_account_get_display_name (self));
      break;
    case PROP_BASE_URL:
      g_value_set_string (value, self->base_url);
      break;
    case PROP_HAS_KEY:
      g_value_set_boolean (value, self->key != NULL);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dossier_account_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  DossierAccount *self = DOSSIER_ACCOUNT (object);

  switch (prop_id)
    {
    case PROP_KIND:
      self->kind = g_value_get_int (value);
      break;
    case PROP_DISPLAY_NAME:
      dossier_account_set_display_name (self, g_value_get_string (value));
      break;
    case PROP_BASE_URL:
      {
        g_autofree char *url = g_strdup (g_value_get_string (value));
        gsize len = url != NULL ? strlen (url) : 0;

        while (len > 0 && url[len - 1] == '/')
          url[--len] = '\0';
        g_free (self->base_url);
        self->base_url = g_steal_pointer (&url);
      }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dossier_account_class_init (DossierAccountClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = dossier_account_finalize;
  object_class->get_property = dossier_account_get_property;
  object_class->set_property = dossier_account_set_property;

  properties[PROP_KIND] =
    g_param_spec_int ("kind", NULL, NULL,
                      DOSSIER_ACCOUNT_KIND_SANDBOX, DOSSIER_ACCOUNT_KIND_REMOTE, DOSSIER_ACCOUNT_KIND_REMOTE,
                      G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DISPLAY_NAME] =
    g_param_spec_string ("display-name", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_BASE_URL] =
    g_param_spec_string ("base-url", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_HAS_KEY] =
    g_param_spec_boolean ("has-key", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
dossier_account_init (DossierAccount *self)
{
}

DossierAccount *
dossier_account_new_for_sandbox (const char *uri,
                                 const char *api_key)
{
  DossierAccount *self;

  g_return_val_if_fail (uri != NULL, NULL);

  self = g_object_new (DOSSIER_TYPE_ACCOUNT,
                       "kind", DOSSIER_ACCOUNT_KIND_SANDBOX,
                       "base-url", uri,
                       NULL);
  set_key (self, api_key);

  return self;
}

DossierAccount *
dossier_account_new_remote (const char *base_url)
{
  g_return_val_if_fail (base_url != NULL, NULL);

  return g_object_new (DOSSIER_TYPE_ACCOUNT,
                       "kind", DOSSIER_ACCOUNT_KIND_REMOTE,
                       "base-url", base_url,
                       NULL);
}

DossierAccountKind
dossier_account_get_kind (DossierAccount *self)
{
  g_return_val_if_fail (DOSSIER_IS_ACCOUNT (self), DOSSIER_ACCOUNT_KIND_REMOTE);
  return self->kind;
}

const char *
dossier_account_get_display_name (DossierAccount *self)
{
  g_return_val_if_fail (DOSSIER_IS_ACCOUNT (self), NULL);

  if (self->display_name == NULL)
    {
      if (self->kind == DOSSIER_ACCOUNT_KIND_SANDBOX)
        self->display_name = g_strdup (_("Embedded sandbox"));
      else
        self->display_name = host_of (self->base_url);
    }

  return self->display_name;
}

void
dossier_account_set_display_name (DossierAccount *self,
                                  const char     *display_name)
{
  g_return_if_fail (DOSSIER_IS_ACCOUNT (self));

  if (g_strcmp0 (self->display_name, display_name) == 0)
    return;

  g_free (self->display_name);
  self->display_name = g_strdup (display_name);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DISPLAY_NAME]);
}

const char *
dossier_account_get_base_url (DossierAccount *self)
{
  g_return_val_if_fail (DOSSIER_IS_ACCOUNT (self), NULL);
  return self->base_url;
}

gboolean
dossier_account_has_key (DossierAccount *self)
{
  g_return_val_if_fail (DOSSIER_IS_ACCOUNT (self), FALSE);
  return self->key != NULL;
}

const char *
dossier_account_peek_key (DossierAccount *self)
{
  g_return_val_if_fail (DOSSIER_IS_ACCOUNT (self), NULL);
  return self->key;
}

/* ---- libsecret ---- */

static void
store_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  DossierAccount *self = g_task_get_source_object (task);
  g_autoptr(GError) error = NULL;

  if (!secret_password_store_finish (result, &error))
    {
      /* A dismissed keyring prompt fails without an error. */
      if (error == NULL)
        g_set_error_literal (&error, G_IO_ERROR, G_IO_ERROR_FAILED,
                             _("The keyring did not save the key: its request was dismissed."));
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  set_key (self, g_task_get_task_data (task));
  g_task_return_boolean (task, TRUE);
}

void
dossier_account_store_key_async (DossierAccount      *self,
                                 const char          *api_key,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *host = NULL;
  g_autofree char *label = NULL;

  g_return_if_fail (DOSSIER_IS_ACCOUNT (self));
  g_return_if_fail (api_key != NULL && *api_key != '\0');

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, dossier_account_store_key_async);

  if (self->kind == DOSSIER_ACCOUNT_KIND_SANDBOX)
    {
      set_key (self, api_key);
      g_task_return_boolean (task, TRUE);
      return;
    }

  g_task_set_task_data (task, g_strdup (api_key), (GDestroyNotify) scrub_free);
  host = host_of (self->base_url);
  /* Translators: %s is a host name, e.g. api.cryptomate.me */
  label = g_strdup_printf (_("Dossier API key for %s"), host);
  secret_password_store (dossier_account_get_secret_schema (), SECRET_COLLECTION_DEFAULT,
                         label, api_key, cancellable, store_cb, g_steal_pointer (&task),
                         "base-url", self->base_url,
                         NULL);
}

gboolean
dossier_account_store_key_finish (DossierAccount  *self,
                                  GAsyncResult    *result,
                                  GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
lookup_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  DossierAccount *self = g_task_get_source_object (task);
  g_autoptr(GError) error = NULL;
  char *key = secret_password_lookup_finish (result, &error);

  if (error != NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (key != NULL)
    set_key (self, key);
  secret_password_free (key);

  g_task_return_boolean (task, self->key != NULL);
}

void
dossier_account_load_key_async (DossierAccount      *self,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (DOSSIER_IS_ACCOUNT (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, dossier_account_load_key_async);

  if (self->kind == DOSSIER_ACCOUNT_KIND_SANDBOX)
    {
      g_task_return_boolean (task, self->key != NULL);
      return;
    }

  secret_password_lookup (dossier_account_get_secret_schema (), cancellable,
                          lookup_cb, g_steal_pointer (&task),
                          "base-url", self->base_url,
                          NULL);
}

gboolean
dossier_account_load_key_finish (DossierAccount  *self,
                                 GAsyncResult    *result,
                                 GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
clear_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  secret_password_clear_finish (result, &error);
  if (error != NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

void
dossier_account_forget_key_async (DossierAccount      *self,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (DOSSIER_IS_ACCOUNT (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, dossier_account_forget_key_async);
  set_key (self, NULL);

  if (self->kind == DOSSIER_ACCOUNT_KIND_SANDBOX)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }

  secret_password_clear (dossier_account_get_secret_schema (), cancellable,
                         clear_cb, g_steal_pointer (&task),
                         "base-url", self->base_url,
                         NULL);
}

gboolean
dossier_account_forget_key_finish (DossierAccount  *self,
                                   GAsyncResult    *result,
                                   GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}
