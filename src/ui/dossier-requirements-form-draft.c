/* dossier-requirements-form-draft.c — what was typed in a requirements form, kept in the
 * journal as it is typed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The draft of a request is an object of field key → what was typed, as typed (PHONE:
 * {"country_code", "number"}), stored under the client's and the request's ids a moment
 * after the last keystroke, and at once when the form goes away. Opening the same request
 * again (another window, another run of Dossier after a crash) fills the rows the server
 * still lists; a saved form deletes its draft.
 */
#include "config.h"

#include "dossier-requirements-form-private.h"

#define DRAFT_DELAY_MS 400

static JsonObject *
collect_draft (DossierRequirementsForm *self)
{
  JsonObject *draft = json_object_new ();

  for (guint g = 0; g < self->groups->len; g++)
    {
      DossierFormGroup *group = g_ptr_array_index (self->groups, g);

      for (guint r = 0; r < group->rows->len; r++)
        {
          DossierValueRow *row = g_ptr_array_index (group->rows, r);
          JsonNode *value = dossier_value_row_get_draft (row);

          if (value != NULL)
            json_object_set_member (draft, dossier_value_row_get_key (row), value);
        }
    }
  return draft;
}

void
_dossier_requirements_form_save_draft_now (DossierRequirementsForm *self)
{
  g_autoptr(JsonObject) draft = NULL;
  const char *client_id;
  const char *request_id;

  g_clear_handle_id (&self->draft_source, g_source_remove);
  if (self->journal == NULL || self->client == NULL || self->request == NULL)
    return;

  client_id = dossier_client_get_id (self->client);
  request_id = dossier_product_request_get_id (self->request);
  if (client_id == NULL || request_id == NULL)
    return;

  draft = collect_draft (self);
  if (json_object_get_size (draft) > 0)
    dossier_journal_save_draft_async (self->journal, client_id, request_id, draft, NULL, NULL, NULL);
  else
    dossier_journal_delete_draft_async (self->journal, client_id, request_id, NULL, NULL, NULL);
}

static gboolean
save_draft_cb (gpointer user_data)
{
  DossierRequirementsForm *self = user_data;

  self->draft_source = 0;
  _dossier_requirements_form_save_draft_now (self);
  return G_SOURCE_REMOVE;
}

void
_dossier_requirements_form_schedule_draft (DossierRequirementsForm *self)
{
  if (self->journal == NULL)
    return;

  g_clear_handle_id (&self->draft_source, g_source_remove);
  self->draft_source = g_timeout_add (DRAFT_DELAY_MS, save_draft_cb, self);
}

void
_dossier_requirements_form_delete_draft (DossierRequirementsForm *self)
{
  g_clear_handle_id (&self->draft_source, g_source_remove);
  if (self->journal == NULL || self->client == NULL || self->request == NULL)
    return;

  dossier_journal_delete_draft_async (self->journal, dossier_client_get_id (self->client),
                                      dossier_product_request_get_id (self->request), NULL, NULL, NULL);
}

static void
draft_loaded_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(DossierRequirementsForm) self = user_data;
  g_autoptr(JsonObject) draft = NULL;
  g_autoptr(GError) error = NULL;
  JsonObjectIter iter;
  const char *key;
  JsonNode *value;

  draft = dossier_journal_load_draft_finish (DOSSIER_JOURNAL (object), result, NULL, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->groups == NULL)
    return;
  if (error != NULL)
    g_debug ("No draft restored: %s", error->message);

  self->draft_loaded = TRUE;
  if (draft == NULL)
    return;

  /* Only rows the server still lists, and only where nothing was typed meanwhile. */
  json_object_iter_init (&iter, draft);
  while (json_object_iter_next (&iter, &key, &value))
    {
      DossierValueRow *row = _dossier_requirements_form_find_row (self, key);

      if (row != NULL && dossier_value_row_is_empty (row))
        dossier_value_row_set_draft (row, value);
    }
  _dossier_requirements_form_update_state (self);
}

void
_dossier_requirements_form_load_draft (DossierRequirementsForm *self)
{
  self->draft_loaded = FALSE;
  if (self->journal == NULL)
    {
      self->draft_loaded = TRUE;
      return;
    }

  dossier_journal_load_draft_async (self->journal, dossier_client_get_id (self->client),
                                    dossier_product_request_get_id (self->request),
                                    self->cancellable, draft_loaded_cb, g_object_ref (self));
}

/**
 * dossier_requirements_form_get_draft_loaded:
 * @self: a #DossierRequirementsForm
 *
 * Returns: %TRUE once the journal answered whether the request has a draft
 */
gboolean
dossier_requirements_form_get_draft_loaded (DossierRequirementsForm *self)
{
  g_return_val_if_fail (DOSSIER_IS_REQUIREMENTS_FORM (self), FALSE);

  return self->draft_loaded;
}
