/* dossier-requirements-form-save.c — the typed values merged into the server's current
 * client and sent with the guarded full-replacement PUT
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A PUT replaces the whole client (CONTRACT.md §8.4, §15.3), so the body is always the
 * server's latest copy, fetched just before, with the form's values set on it: every
 * member Dossier does not model travels back untouched. PHONE key K becomes the two
 * integers K_country_code and K_number (§7); any other key a top-level member. The
 * guard, as in the client editor: a member the form would set that someone else set
 * meanwhile (the copy fetched now differs from the client the form was opened with)
 * is not overwritten; its row says so. After the PUT the client's requests are read
 * again and the form updates in place; the draft goes. A refusal (412) is shown at the
 * field it names, else as a sentence above the groups; what was typed stays.
 *
 * Under the groups, next to the window's Save button, a DossierCallStatus says
 * "Saving…" with a spinner while the calls run ("The server is busy; trying again in
 * N s" while a rate limit holds them) and, when the server could not be reached or
 * failed, one plain sentence with Retry and Details; the draft keeps what was typed.
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "dossier-call-status.h"
#include "dossier-error-report.h"
#include "dossier-requirements-form-private.h"

typedef struct {
  JsonObject *values;     /* key → value (PHONE: {"country_code", "number"}) */
  GHashTable *types;      /* key → DossierDataType */
  DossierClient *updated;
} SaveData;

static void
save_data_free (SaveData *data)
{
  g_clear_pointer (&data->values, json_object_unref);
  g_clear_pointer (&data->types, g_hash_table_unref);
  g_clear_object (&data->updated);
  g_free (data);
}

/* The members a key is stored as (§7). */
static void
member_names (const char      *key,
              DossierDataType  type,
              char           **first,
              char           **second)
{
  if (type == DOSSIER_DATA_TYPE_PHONE)
    {
      *first = g_strconcat (key, "_country_code", NULL);
      *second = g_strconcat (key, "_number", NULL);
    }
  else
    {
      *first = g_strdup (key);
      *second = NULL;
    }
}

static gboolean
same_member (DossierClient *a,
             DossierClient *b,
             const char    *member)
{
  g_autoptr(JsonNode) in_a = member != NULL ? dossier_client_get_member (a, member) : NULL;
  g_autoptr(JsonNode) in_b = member != NULL ? dossier_client_get_member (b, member) : NULL;

  if (in_a == NULL || in_b == NULL)
    return in_a == in_b;
  return json_node_equal (in_a, in_b);
}

static JsonNode *
int_node (const char *digits)
{
  return json_node_init_int (json_node_alloc (), g_ascii_strtoll (digits, NULL, 10));
}

/* Sets the value of key on client, as the wire wants it. */
static void
apply_value (DossierClient   *client,
             const char      *key,
             DossierDataType  type,
             JsonNode        *value)
{
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;

  member_names (key, type, &first, &second);
  if (type == DOSSIER_DATA_TYPE_PHONE)
    {
      JsonObject *phone = json_node_get_object (value);
      g_autoptr(JsonNode) code = int_node (json_object_get_string_member (phone, "country_code"));
      g_autoptr(JsonNode) number = int_node (json_object_get_string_member (phone, "number"));

      dossier_client_set_member (client, first, code);
      dossier_client_set_member (client, second, number);
    }
  else
    dossier_client_set_member (client, first, value);
}

/* ---- the line under the groups ------------------------------------------------- */

static void retry_cb (DossierRequirementsForm *self);

/* Made the first time a save starts; the last child of the form's box, so the groups
 * (always inserted after the message) stay above it, and it sits by the Save button. */
static DossierCallStatus *
save_status (DossierRequirementsForm *self)
{
  DossierCallStatus *status = g_object_get_data (G_OBJECT (self), "dossier-save-status");

  if (status == NULL)
    {
      status = DOSSIER_CALL_STATUS (dossier_call_status_new ());
      gtk_accessible_update_property (GTK_ACCESSIBLE (status), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("Saving the client data"), -1);
      g_signal_connect_object (status, "retry", G_CALLBACK (retry_cb), self, G_CONNECT_SWAPPED);
      gtk_box_append (GTK_BOX (self->box), GTK_WIDGET (status));
      g_object_set_data (G_OBJECT (self), "dossier-save-status", status);
    }
  return status;
}

static void
retried_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(DossierClient) client = NULL;
  g_autoptr(GError) error = NULL;

  /* The form shows the outcome itself and emits ::saved on success. */
  client = dossier_requirements_form_save_finish (DOSSIER_REQUIREMENTS_FORM (object), result, &error);
  if (error != NULL)
    g_debug ("Saving again did not work: %s", error->message);
}

static void
retry_cb (DossierRequirementsForm *self)
{
  dossier_requirements_form_save_async (self, NULL, retried_cb, NULL);
}

/* ---- the server's refusal ------------------------------------------------------ */

static DossierValueRow *
row_for_member (DossierRequirementsForm *self,
                const char              *member)
{
  DossierValueRow *row = _dossier_requirements_form_find_row (self, member);
  g_autofree char *key = NULL;

  if (row != NULL)
    return row;

  if (g_str_has_suffix (member, "_country_code"))
    key = g_strndup (member, strlen (member) - strlen ("_country_code"));
  else if (g_str_has_suffix (member, "_number"))
    key = g_strndup (member, strlen (member) - strlen ("_number"));
  if (key == NULL)
    return NULL;

  row = _dossier_requirements_form_find_row (self, key);
  return row != NULL && dossier_value_row_get_data_type (row) == DOSSIER_DATA_TYPE_PHONE ? row : NULL;
}

/* Marks the rows the message names; TRUE when every part of it found its row. */
static gboolean
show_at_fields (DossierRequirementsForm *self,
                const char              *message)
{
  const char *rest = NULL;
  g_auto(GStrv) parts = NULL;
  DossierValueRow *first = NULL;
  gboolean all = TRUE;

  if (g_str_has_prefix (message, "Validation failed: "))
    rest = message + strlen ("Validation failed: ");
  else if (g_str_has_prefix (message, "Invalid request body: "))
    rest = message + strlen ("Invalid request body: ");
  if (rest == NULL)
    return FALSE;

  parts = g_strsplit (rest, "; ", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      const char *colon = strstr (parts[i], ": ");
      g_autofree char *path = colon != NULL ? g_strndup (parts[i], colon - parts[i]) : NULL;
      DossierValueRow *row = path != NULL ? row_for_member (self, path) : NULL;
      g_autofree char *sentence = NULL;

      if (row == NULL)
        {
          all = FALSE;
          continue;
        }
      /* Translators: the placeholder is the server's description of the problem, in English */
      sentence = g_strdup_printf (_("The server says: %s"), colon + 2);
      dossier_value_row_set_server_message (row, sentence);
      if (first == NULL)
        first = row;
    }

  if (first != NULL)
    gtk_widget_grab_focus (dossier_value_row_get_editor (first));
  return first != NULL && all;
}

static void
fail (GTask        *task,
      GError       *error)
{
  DossierRequirementsForm *self = g_task_get_source_object (task);
  const char *server = dossier_api_error_get_server_message (error);
  gboolean refused = g_error_matches (error, DOSSIER_API_ERROR, DOSSIER_API_ERROR_VALIDATION);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    dossier_call_status_clear (save_status (self));
  else if (!refused)
    {
      /* Not reached, too slow, a server problem: one sentence, Retry, Details. */
      dossier_call_status_fail (save_status (self), NULL, error);
      _dossier_requirements_form_save_draft_now (self);
    }
  else
    {
      gboolean at_fields = server != NULL && show_at_fields (self, server);

      dossier_call_status_clear (save_status (self));
      if (!at_fields)
        {
          g_autofree char *text = dossier_error_report_describe (error);
          const char *trace_id = dossier_api_error_get_trace_id (error);

          /* A refusal of the data says so itself. */
          if (trace_id != NULL)
            {
              g_autofree char *with_trace = NULL;

              /* Translators: a sentence, then the server's trace id of the failed call */
              with_trace = g_strdup_printf (_("%s (trace ID %s)"), text, trace_id);
              g_free (text);
              text = g_steal_pointer (&with_trace);
            }
          _dossier_requirements_form_set_message (self, text);
        }
      /* Nothing typed is lost: the draft stays. */
      _dossier_requirements_form_save_draft_now (self);
    }

  _dossier_requirements_form_set_busy (self, FALSE);
  g_task_return_error (task, error);
  g_object_unref (task);
}

/* ---- the steps ------------------------------------------------------------------ */

static void
listed_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  GTask *task = user_data;
  DossierRequirementsForm *self = g_task_get_source_object (task);
  SaveData *data = g_task_get_task_data (task);
  g_autoptr(GPtrArray) requests = NULL;
  g_autoptr(GError) error = NULL;

  requests = dossier_api_list_products_finish (DOSSIER_API (object), result, &error);
  _dossier_requirements_form_set_busy (self, FALSE);
  dossier_call_status_clear (save_status (self));

  if (requests == NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_autofree char *sentence = dossier_error_report_describe (error);
      g_autofree char *text = NULL;

      /* The values are saved; only the list of what is still missing is old. */
      /* Translators: %s says why the requirements could not be read again */
      text = g_strdup_printf (_("Saved. What is still missing could not be read again: %s"), sentence);
      _dossier_requirements_form_set_message (self, text);
    }

  for (guint i = 0; requests != NULL && i < requests->len && self->request != NULL; i++)
    {
      DossierProductRequest *request = g_ptr_array_index (requests, i);

      if (g_strcmp0 (dossier_product_request_get_id (request),
                     dossier_product_request_get_id (self->request)) == 0)
        {
          dossier_product_request_update_from (self->request, request);
          dossier_requirements_form_set_request (self, self->client, self->request);
          break;
        }
    }

  if (self->client != NULL && self->request != NULL)
    _dossier_requirements_form_emit_saved (self);
  g_task_return_pointer (task, g_object_ref (data->updated), g_object_unref);
  g_object_unref (task);
}

static void
updated_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  GTask *task = user_data;
  DossierRequirementsForm *self = g_task_get_source_object (task);
  SaveData *data = g_task_get_task_data (task);
  g_autoptr(DossierClient) client = NULL;
  GError *error = NULL;

  client = dossier_api_update_client_finish (DOSSIER_API (object), result, &error);
  if (client == NULL)
    {
      fail (task, error);
      return;
    }

  if (self->client != NULL)
    dossier_client_update_from (self->client, client);
  data->updated = g_object_ref (self->client != NULL ? self->client : client);
  _dossier_requirements_form_delete_draft (self);

  dossier_api_list_products_async (self->api, dossier_client_get_id (client), DOSSIER_API_PRIORITY_USER,
                                   g_task_get_cancellable (task), listed_cb, task);
}

/* The guard: the server's copy now against the one the form was opened with. */
static void
fetched_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  GTask *task = user_data;
  DossierRequirementsForm *self = g_task_get_source_object (task);
  SaveData *data = g_task_get_task_data (task);
  g_autoptr(DossierClient) current = NULL;
  g_autoptr(DossierClient) merged = NULL;
  GError *error = NULL;
  JsonObjectIter iter;
  const char *key;
  JsonNode *value;

  current = dossier_api_get_client_finish (DOSSIER_API (object), result, &error);
  if (current == NULL)
    {
      fail (task, error);
      return;
    }

  merged = dossier_client_copy (current);
  json_object_iter_init (&iter, data->values);
  while (json_object_iter_next (&iter, &key, &value))
    {
      DossierDataType type = GPOINTER_TO_INT (g_hash_table_lookup (data->types, key));
      g_autofree char *first = NULL;
      g_autofree char *second = NULL;
      g_autoptr(JsonNode) now = NULL;

      member_names (key, type, &first, &second);
      now = dossier_client_get_member (current, first);
      if (now != NULL && self->client != NULL
          && (!same_member (current, self->client, first) || !same_member (current, self->client, second)))
        {
          DossierValueRow *row = _dossier_requirements_form_find_row (self, key);

          if (row != NULL)
            dossier_value_row_set_server_message (row, _("Someone else saved a value here meanwhile; "
                                                         "the server’s value was kept."));
          continue;
        }
      apply_value (merged, key, type, value);
    }

  dossier_api_update_client_async (self->api, merged, DOSSIER_API_PRIORITY_USER,
                                   g_task_get_cancellable (task), updated_cb, task);
}

/**
 * dossier_requirements_form_save_async:
 * @self: a #DossierRequirementsForm
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the save is over
 * @user_data: data for @callback
 *
 * Sends every non-empty value (required or not) that is valid. Fails at once with
 * %G_IO_ERROR_INVALID_DATA, showing the messages, when a value is not valid, and with
 * %G_IO_ERROR_INVALID_ARGUMENT when nothing was typed.
 */
void
dossier_requirements_form_save_async (DossierRequirementsForm *self,
                                      GCancellable            *cancellable,
                                      GAsyncReadyCallback      callback,
                                      gpointer                 user_data)
{
  GTask *task;
  SaveData *data;
  DossierValueRow *invalid = NULL;

  g_return_if_fail (DOSSIER_IS_REQUIREMENTS_FORM (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, dossier_requirements_form_save_async);

  if (self->busy || self->client == NULL || self->request == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_PENDING, "%s",
                               self->busy ? _("The form is already being saved.")
                                          : _("The form has no request yet."));
      g_object_unref (task);
      return;
    }

  data = g_new0 (SaveData, 1);
  data->values = json_object_new ();
  data->types = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_task_set_task_data (task, data, (GDestroyNotify) save_data_free);

  for (guint g = 0; g < self->groups->len; g++)
    {
      DossierFormGroup *group = g_ptr_array_index (self->groups, g);

      for (guint r = 0; r < group->rows->len; r++)
        {
          DossierValueRow *row = g_ptr_array_index (group->rows, r);
          JsonNode *value;

          if (dossier_value_row_is_empty (row))
            continue;
          if (!dossier_value_row_check (row, NULL))
            {
              dossier_value_row_show_message (row);
              if (invalid == NULL)
                invalid = row;
              continue;
            }
          value = dossier_value_row_get_value (row);
          json_object_set_member (data->values, dossier_value_row_get_key (row), value);
          g_hash_table_insert (data->types, g_strdup (dossier_value_row_get_key (row)),
                               GINT_TO_POINTER (dossier_value_row_get_data_type (row)));
        }
    }

  if (invalid != NULL)
    {
      gtk_widget_grab_focus (dossier_value_row_get_editor (invalid));
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "%s",
                               _("Some values need correcting first."));
      g_object_unref (task);
      return;
    }
  if (json_object_get_size (data->values) == 0)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, "%s",
                               _("Nothing has been filled in yet."));
      g_object_unref (task);
      return;
    }

  _dossier_requirements_form_set_message (self, NULL);
  _dossier_requirements_form_save_draft_now (self);
  _dossier_requirements_form_set_busy (self, TRUE);
  dossier_call_status_start (save_status (self), self->api, _("Saving…"));
  dossier_api_get_client_async (self->api, dossier_client_get_id (self->client), DOSSIER_API_PRIORITY_USER,
                                cancellable, fetched_cb, task);
}

/**
 * dossier_requirements_form_save_finish:
 * @self: a #DossierRequirementsForm
 * @result: the result
 * @error: return location for an error
 *
 * Returns: (transfer full): the client as the server now has it, or %NULL
 */
DossierClient *
dossier_requirements_form_save_finish (DossierRequirementsForm  *self,
                                       GAsyncResult             *result,
                                       GError                  **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
