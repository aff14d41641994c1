/* dossier-client-editor-guard.c — editing a client with the full-replacement guard
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The PUT replaces the whole client (§8.4), so it is built from the server's copy
 * (`base`, fetched when the editor opened) with the form applied: every member
 * Dossier does not model travels back untouched. The user reviews each changed
 * field; on Save the client is fetched again and compared with `base`, and a
 * difference opens the conflict view instead of overwriting someone's work.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "dossier-client-editor-private.h"
#include "dossier-error-report.h"
#include "dossier-value-row.h"

/* A value in the summary, as the form shows it (the birth date the locale's way). */
static char *
format_change_value (DossierClientField  field,
                     const char         *value)
{
  return dossier_client_field_format_value (field, value);
}

static void
record_update (DossierClientEditor *self,
               DossierClient       *client)
{
  g_autoptr(JsonObject) details = json_object_new ();
  JsonArray *names = json_array_new ();
  JsonObject *personal = json_object_new ();
  JsonObject *before = json_object_new ();
  JsonObject *after = json_object_new ();

  for (guint i = 0; i < self->changes->len; i++)
    {
      DossierClientChange *change = g_ptr_array_index (self->changes, i);

      json_array_add_string_element (names, change->path);
      json_object_set_string_member (before, change->path, change->before);
      json_object_set_string_member (after, change->path, change->after);
    }
  json_object_set_object_member (personal, "before", before);
  json_object_set_object_member (personal, "after", after);
  json_object_set_array_member (details, "fields", names);
  json_object_set_object_member (details, "personal", personal);
  _dossier_client_editor_record_event (self, client, DOSSIER_JOURNAL_EVENT_CLIENT_UPDATED, details);
}

static void
show_summary (DossierClientEditor *self)
{
  GtkWidget *child;
  GtkWidget *group = adw_preferences_group_new ();
  g_autofree char *description = NULL;

  while ((child = gtk_widget_get_first_child (self->summary_box)) != NULL)
    gtk_box_remove (GTK_BOX (self->summary_box), child);

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("What Will Be Sent"));
  description = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                              "%u field changes. Everything else is sent back as the server has it.",
                                              "%u fields change. Everything else is sent back as the server has it.",
                                              self->changes->len),
                                 self->changes->len);
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), description);

  for (guint i = 0; i < self->changes->len; i++)
    {
      DossierClientChange *change = g_ptr_array_index (self->changes, i);
      g_autofree char *before = format_change_value (change->field, change->before);
      g_autofree char *after = format_change_value (change->field, change->after);
      g_autofree char *subtitle = NULL;
      GtkWidget *row = adw_action_row_new ();

      if (change->field == DOSSIER_CLIENT_FIELD_NONE)
        {
          g_free (before);
          g_free (after);
          before = g_strdup (change->before);
          after = g_strdup (change->after);
        }
      /* Translators: a field's value before and after the edit */
      subtitle = g_strdup_printf (_("Was: %s\nWill be: %s"), before, after);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), change->label);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
    }

  gtk_box_append (GTK_BOX (self->summary_box), group);
  _dossier_client_editor_show_page (self, "summary");
}

void
_dossier_client_editor_review_changes (DossierClientEditor *self)
{
  if (!dossier_client_form_check_all (self->form))
    return;

  g_clear_object (&self->pending);
  self->pending = dossier_client_copy (self->base);
  dossier_client_form_apply_to_client (self->form, self->pending);
  g_clear_pointer (&self->changes, g_ptr_array_unref);
  self->changes = dossier_client_list_changes (self->base, self->pending);

  if (self->changes->len == 0)
    {
      adw_toast_overlay_add_toast (self->toast_overlay,
                                   adw_toast_new (_("Nothing has changed yet")));
      return;
    }
  _dossier_client_editor_hide_error (self);
  show_summary (self);
}

static void
updated_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(DossierClientEditor) self = user_data;
  g_autoptr(DossierClient) client = NULL;
  g_autoptr(GError) error = NULL;

  client = dossier_api_update_client_finish (DOSSIER_API (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (client == NULL)
    {
      _dossier_client_editor_send_failed (self, NULL, error);
      return;
    }

  record_update (self, client);
  dossier_client_update_from (self->shown, client);
  _dossier_client_editor_finish_saved (self, client);
}

static gboolean
same_content (DossierClient *a,
              DossierClient *b)
{
  g_autoptr(JsonNode) a_json = dossier_client_to_json (a);
  g_autoptr(JsonNode) b_json = dossier_client_to_json (b);

  return json_node_equal (a_json, b_json);
}

/* The guard: the server's copy now against the one the edit started from. */
static void
refetched_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(DossierClientEditor) self = user_data;
  g_autoptr(DossierClient) current = NULL;
  g_autoptr(GError) error = NULL;

  current = dossier_api_get_client_finish (DOSSIER_API (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (current == NULL)
    {
      _dossier_client_editor_send_failed (self, NULL, error);
      return;
    }

  if (same_content (current, self->base))
    {
      dossier_api_update_client_async (self->api, self->pending, DOSSIER_API_PRIORITY_USER,
                                       self->cancellable, updated_cb, g_object_ref (self));
      return;
    }

  _dossier_client_editor_set_busy (self, FALSE);
  dossier_conflict_view_set_versions (self->conflict_view, self->base, self->pending, current);
  g_set_object (&self->base, current);
  _dossier_client_editor_show_page (self, "conflict");
}

void
_dossier_client_editor_save_changes (DossierClientEditor *self)
{
  _dossier_client_editor_hide_error (self);
  _dossier_client_editor_set_busy (self, TRUE);
  dossier_api_get_client_async (self->api, dossier_client_get_id (self->shown),
                                DOSSIER_API_PRIORITY_USER, self->cancellable,
                                refetched_cb, g_object_ref (self));
}

/* The merged result becomes the form's content, reviewed again before sending. */
void
_dossier_client_editor_accept_resolution (DossierClientEditor *self)
{
  g_autoptr(DossierClient) merged = dossier_conflict_view_build_merged (self->conflict_view);

  dossier_client_form_set_from_client (self->form, merged);
  _dossier_client_editor_review_changes (self);
  if (g_str_equal (dossier_client_editor_get_page (self), "conflict"))
    _dossier_client_editor_show_page (self, "form");
}

static void
fetched_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(DossierClientEditor) self = user_data;
  g_autoptr(DossierClient) client = NULL;
  g_autoptr(GError) error = NULL;

  client = dossier_api_get_client_finish (DOSSIER_API (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  gtk_spinner_set_spinning (self->loading_spinner, FALSE);
  if (client == NULL)
    {
      AdwStatusPage *page = ADW_STATUS_PAGE (gtk_stack_get_child_by_name (self->stack, "loading"));
      g_autofree char *sentence = dossier_error_report_describe (error);

      adw_status_page_set_icon_name (page, "dialog-warning-symbolic");
      adw_status_page_set_title (page, _("The Client Could Not Be Fetched"));
      adw_status_page_set_description (page, sentence);
      _dossier_client_editor_show_error (self, _("The client could not be fetched"), error);
      return;
    }

  self->base = g_object_ref (client);
  dossier_client_update_from (self->shown, client);
  dossier_client_form_set_from_client (self->form, client);
  _dossier_client_editor_show_page (self, "form");
  gtk_window_set_focus (GTK_WINDOW (self),
                        dossier_client_form_get_row (self->form, DOSSIER_CLIENT_FIELD_FIRST_NAME));
  _dossier_client_editor_offer_draft (self);
}

void
_dossier_client_editor_start_edit (DossierClientEditor *self)
{
  _dossier_client_editor_show_page (self, "loading");
  gtk_spinner_set_spinning (self->loading_spinner, TRUE);
  dossier_api_get_client_async (self->api, dossier_client_get_id (self->shown), DOSSIER_API_PRIORITY_USER,
                                self->cancellable, fetched_cb, g_object_ref (self));
}
