/* dossier-client-form-draft.c — filling the client form from a client or a draft,
 * reading it back, and the server's messages on its fields
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Filling is not editing: no field counts as touched afterwards, except in a
 * restored draft, which shows what is still wrong with it. The server's 412
 * message lands on the fields it names until they are edited again.
 */
#include "config.h"

#include <glib/gi18n.h>

#include <string.h>

#include "dossier-api-error.h"
#include "dossier-client-form-private.h"

/* Filling the form is not editing it: no field counts as touched afterwards. */
static void
begin_fill (DossierClientForm *self)
{
  self->updating++;
}

static void
end_fill (DossierClientForm *self)
{
  self->updating--;
  for (guint i = 0; i < DOSSIER_CLIENT_N_FIELDS; i++)
    g_clear_pointer (&self->server_messages[i], g_free);
  _dossier_client_form_update_validity (self, FALSE);
  _dossier_client_form_emit_changed (self);
}

void
dossier_client_form_set_from_client (DossierClientForm *self,
                                     DossierClient     *client)
{
  g_return_if_fail (DOSSIER_IS_CLIENT_FORM (self));
  g_return_if_fail (DOSSIER_IS_CLIENT (client));

  begin_fill (self);
  for (guint i = 0; i < DOSSIER_CLIENT_N_FIELDS; i++)
    {
      g_autofree char *value = dossier_client_field_get_value (client, i);

      dossier_client_form_set_text (self, i, value);
    }
  end_fill (self);
}

void
dossier_client_form_apply_to_client (DossierClientForm *self,
                                     DossierClient     *client)
{
  g_return_if_fail (DOSSIER_IS_CLIENT_FORM (self));
  g_return_if_fail (DOSSIER_IS_CLIENT (client));

  for (guint i = 0; i < DOSSIER_CLIENT_N_FIELDS; i++)
    dossier_client_field_set_value (client, i, self->values[i]);
}

JsonObject *
dossier_client_form_get_values (DossierClientForm *self)
{
  JsonObject *object;

  g_return_val_if_fail (DOSSIER_IS_CLIENT_FORM (self), NULL);

  object = json_object_new ();
  for (guint i = 0; i < DOSSIER_CLIENT_N_FIELDS; i++)
    if (self->values[i] != NULL && *self->values[i] != '\0')
      json_object_set_string_member (object, dossier_client_field_get_path (i), self->values[i]);
  return object;
}

void
dossier_client_form_set_values (DossierClientForm *self,
                                JsonObject        *values)
{
  g_return_if_fail (DOSSIER_IS_CLIENT_FORM (self));
  g_return_if_fail (values != NULL);

  begin_fill (self);
  for (guint i = 0; i < DOSSIER_CLIENT_N_FIELDS; i++)
    {
      JsonNode *node = json_object_get_member (values, dossier_client_field_get_path (i));
      const char *text = "";

      if (node != NULL && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
        text = json_node_get_string (node);
      dossier_client_form_set_text (self, i, text);
      /* A restored draft shows what is still wrong with it. */
      self->touched[i] = *text != '\0';
    }
  end_fill (self);
}

static gboolean
mark_server_field (DossierClientForm *self,
                   const char        *path,
                   const char        *problem)
{
  DossierClientField field = dossier_client_field_from_path (path);
  g_autofree char *sentence = NULL;

  if (field == DOSSIER_CLIENT_FIELD_NONE)
    return FALSE;

  /* The server's words, in English, as it sent them (§3.4): a sentence of its own. */
  /* Translators: the placeholder is the server's description of the problem, in English */
  sentence = g_strdup_printf (_("The server says: %s"), problem);
  g_free (self->server_messages[field]);
  self->server_messages[field] = g_steal_pointer (&sentence);
  self->touched[field] = TRUE;
  return TRUE;
}

guint
dossier_client_form_show_server_error (DossierClientForm *self,
                                       const GError      *error)
{
  const char *message;
  const char *code;
  guint n_marked = 0;

  g_return_val_if_fail (DOSSIER_IS_CLIENT_FORM (self), 0);
  g_return_val_if_fail (error != NULL, 0);

  message = dossier_api_error_get_server_message (error);
  code = dossier_api_error_get_code (error);
  if (message == NULL)
    return 0;

  if (g_strcmp0 (code, "DUPLICATE_CLIENT") == 0)
    {
      /* A sentence of ours ("Another client already uses the email address …"). */
      g_free (self->server_messages[DOSSIER_CLIENT_FIELD_EMAIL]);
      self->server_messages[DOSSIER_CLIENT_FIELD_EMAIL] = g_strdup (error->message);
      self->touched[DOSSIER_CLIENT_FIELD_EMAIL] = TRUE;
      n_marked++;
    }
  else
    {
      const char *rest = NULL;

      if (g_str_has_prefix (message, "Validation failed: "))
        rest = message + strlen ("Validation failed: ");
      else if (g_str_has_prefix (message, "Invalid request body: "))
        rest = message + strlen ("Invalid request body: ");

      if (rest != NULL)
        {
          g_auto(GStrv) parts = g_strsplit (rest, "; ", -1);

          for (guint i = 0; parts[i] != NULL; i++)
            {
              const char *colon = strstr (parts[i], ": ");
              g_autofree char *path = NULL;

              if (colon == NULL)
                continue;
              path = g_strndup (parts[i], colon - parts[i]);
              n_marked += mark_server_field (self, path, colon + 2);
            }
        }
      else if (dossier_api_error_get_field (error) != NULL)
        n_marked += mark_server_field (self, dossier_api_error_get_field (error), message);
    }

  _dossier_client_form_update_validity (self, FALSE);
  for (guint i = 0; i < DOSSIER_CLIENT_N_FIELDS; i++)
    if (self->server_messages[i] != NULL)
      {
        gtk_widget_grab_focus (i == DOSSIER_CLIENT_FIELD_COUNTRY
                               ? GTK_WIDGET (self->country_dropdown) : self->rows[i]);
        break;
      }
  return n_marked;
}

void
dossier_client_form_clear_server_errors (DossierClientForm *self)
{
  g_return_if_fail (DOSSIER_IS_CLIENT_FORM (self));

  for (guint i = 0; i < DOSSIER_CLIENT_N_FIELDS; i++)
    g_clear_pointer (&self->server_messages[i], g_free);
  _dossier_client_form_update_validity (self, FALSE);
}
