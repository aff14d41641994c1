/* dossier-client-editor.c — the dialog that creates a client or edits one with the
 * full-replacement guard
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Create: the form, then POST. Edit: GET the latest copy first (§15.3) and keep it as
 * `base`; the user's edits are applied to a copy of it, so every member Dossier does
 * not model goes back in the PUT. Before saving, the user sees each field that will
 * change; on Save the client is fetched again and compared with `base`: if someone
 * else saved it meanwhile, the conflict view shows both versions and the user
 * chooses, and the result is reviewed again before anything is sent. The form is
 * kept as a draft in the journal while it differs from what is stored, so a failed
 * call or a closed window loses nothing; the draft is offered when the dialog opens.
 *
 * A failure is one banner above the form: a refusal of the data in its own words
 * (with "Show Client" when another client has the email, until the email changes),
 * anything else as one plain sentence with Retry and Details.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "dossier-client-editor-private.h"
#include "dossier-error-report.h"

#define DRAFT_DELAY_MS 300


G_DEFINE_FINAL_TYPE (DossierClientEditor, dossier_client_editor, ADW_TYPE_WINDOW)

enum {
  SAVED,
  N_SIGNALS
};

static guint signals [N_SIGNALS];

static const char *
draft_key (DossierClientEditor *self)
{
  return self->shown != NULL ? dossier_client_get_id (self->shown) : DOSSIER_CLIENT_EDITOR_NEW_CLIENT_DRAFT;
}

void
_dossier_client_editor_set_busy (DossierClientEditor *self,
          gboolean             busy)
{
  self->busy = !!busy;
  gtk_widget_set_visible (GTK_WIDGET (self->busy_spinner), busy);
  gtk_spinner_set_spinning (self->busy_spinner, busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.primary", !busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.back", !busy);
}

void
_dossier_client_editor_show_page (DossierClientEditor *self,
           const char          *page)
{
  gboolean form = g_str_equal (page, "form");
  const char *label;

  gtk_stack_set_visible_child_name (self->stack, page);
  gtk_widget_set_visible (self->cancel_button, form || g_str_equal (page, "loading"));
  gtk_widget_set_visible (self->back_button, !form && !g_str_equal (page, "loading"));
  gtk_widget_set_visible (self->primary_button, !g_str_equal (page, "loading"));

  if (self->shown == NULL)
    label = _("C_reate");
  else if (form)
    label = _("_Review Changes");
  else if (g_str_equal (page, "conflict"))
    label = _("_Review the Result");
  else
    label = _("_Save");
  gtk_button_set_label (GTK_BUTTON (self->primary_button), label);
}

/* ---- drafts ---------------------------------------------------------------- */

static gboolean
form_differs_from_stored (DossierClientEditor *self)
{
  g_autoptr(DossierClient) edited = NULL;
  g_autoptr(GPtrArray) changes = NULL;

  if (self->base == NULL)
    return !dossier_client_form_is_empty (self->form);

  edited = dossier_client_copy (self->base);
  dossier_client_form_apply_to_client (self->form, edited);
  changes = dossier_client_list_changes (self->base, edited);
  return changes->len > 0;
}

static void
save_draft_now (DossierClientEditor *self)
{
  g_clear_handle_id (&self->draft_source, g_source_remove);

  if (self->journal == NULL || (self->shown != NULL && self->base == NULL))
    return;

  if (form_differs_from_stored (self))
    {
      g_autoptr(JsonObject) values = dossier_client_form_get_values (self->form);

      dossier_journal_save_draft_async (self->journal, draft_key (self), NULL, values, NULL, NULL, NULL);
    }
  else
    dossier_journal_delete_draft_async (self->journal, draft_key (self), NULL, NULL, NULL, NULL);
}

static gboolean
save_draft_cb (gpointer user_data)
{
  DossierClientEditor *self = user_data;

  self->draft_source = 0;
  save_draft_now (self);
  return G_SOURCE_REMOVE;
}

static void
form_changed_cb (DossierClientEditor *self)
{
  /* "Another client already uses …" is about that address only. */
  if (self->duplicate_email != NULL
      && g_strcmp0 (dossier_client_form_get_text (self->form, DOSSIER_CLIENT_FIELD_EMAIL),
                    self->duplicate_email) != 0)
    _dossier_client_editor_hide_error (self);

  /* Typing while a draft is offered starts afresh: the offer goes, and what is
   * typed now becomes the draft. */
  if (self->draft != NULL)
    {
      gtk_revealer_set_reveal_child (self->draft_revealer, FALSE);
      g_clear_pointer (&self->draft, json_object_unref);
    }
  g_clear_handle_id (&self->draft_source, g_source_remove);
  self->draft_source = g_timeout_add (DRAFT_DELAY_MS, save_draft_cb, self);
}

static void
draft_loaded_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(DossierClientEditor) self = user_data;
  g_autoptr(JsonObject) draft = NULL;
  g_autoptr(GDateTime) when = NULL;
  g_autofree char *when_text = NULL;
  g_autofree char *text = NULL;
  gint64 updated_at = 0;

  draft = dossier_journal_load_draft_finish (DOSSIER_JOURNAL (object), result, &updated_at, NULL);
  if (draft == NULL || json_object_get_size (draft) == 0 || g_cancellable_is_cancelled (self->cancellable))
    return;

  self->draft = g_steal_pointer (&draft);
  when = g_date_time_new_from_unix_local (updated_at / G_USEC_PER_SEC);
  when_text = g_date_time_format (when, "%x %X");
  if (self->shown == NULL)
    /* Translators: the placeholder is a date and time */
    text = g_strdup_printf (_("A new client you had not sent yet was kept on %s."), when_text);
  else
    /* Translators: the placeholder is a date and time */
    text = g_strdup_printf (_("Changes to this client you had not saved were kept on %s."), when_text);
  gtk_label_set_text (self->draft_label, text);
  gtk_revealer_set_reveal_child (self->draft_revealer, TRUE);
}

void
_dossier_client_editor_offer_draft (DossierClientEditor *self)
{
  if (self->journal != NULL)
    dossier_journal_load_draft_async (self->journal, draft_key (self), NULL, self->cancellable,
                                      draft_loaded_cb, g_object_ref (self));
}

static void
restore_draft_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  DossierClientEditor *self = DOSSIER_CLIENT_EDITOR (widget);

  g_autoptr(JsonObject) draft = g_steal_pointer (&self->draft);

  if (draft == NULL)
    return;
  gtk_revealer_set_reveal_child (self->draft_revealer, FALSE);
  dossier_client_form_set_values (self->form, draft);
}

static void
discard_draft_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  DossierClientEditor *self = DOSSIER_CLIENT_EDITOR (widget);

  gtk_revealer_set_reveal_child (self->draft_revealer, FALSE);
  g_clear_pointer (&self->draft, json_object_unref);
  save_draft_now (self);
}

/* ---- journal events ------------------------------------------------------- */

void
_dossier_client_editor_record_event (DossierClientEditor *self,
              DossierClient       *client,
              const char          *kind,
              JsonObject          *details)
{
  g_autoptr(DossierJournalEvent) event = NULL;
  GDateTime *stamp = dossier_client_get_updated_at (client);
  const char *raw = dossier_client_get_updated_at_raw (client);

  if (self->journal == NULL)
    return;

  event = dossier_journal_event_new (dossier_client_get_id (client), NULL, kind,
                                     stamp != NULL ? g_date_time_to_unix (stamp) * G_USEC_PER_SEC + g_date_time_get_microsecond (stamp) : g_get_real_time ());
  event->observed = stamp == NULL;
  event->action = g_strdup (self->shown == NULL ? "create-client" : "edit-client");
  if (raw != NULL)
    json_object_set_string_member (details, "server_time", raw);
  event->details = json_node_init_object (json_node_alloc (), details);
  dossier_journal_add_event_async (self->journal, event, NULL, NULL, NULL);
}

/* ---- create ---------------------------------------------------------------- */

void
_dossier_client_editor_finish_saved (DossierClientEditor *self,
              DossierClient       *client)
{
  g_clear_handle_id (&self->draft_source, g_source_remove);
  if (self->journal != NULL)
    dossier_journal_delete_draft_async (self->journal, draft_key (self), NULL, NULL, NULL, NULL);
  g_signal_emit (self, signals[SAVED], 0, client, self->shown == NULL);
  gtk_window_destroy (GTK_WINDOW (self));
}

void
_dossier_client_editor_send_failed (DossierClientEditor *self,
             const char          *what,
             const GError        *error)
{
  _dossier_client_editor_set_busy (self, FALSE);
  _dossier_client_editor_show_error (self, what, error);
  /* Nothing typed is lost: the draft is written now, not after the delay. */
  save_draft_now (self);
  if (g_error_matches (error, DOSSIER_API_ERROR, DOSSIER_API_ERROR_VALIDATION))
    {
      _dossier_client_editor_show_page (self, "form");
      dossier_client_form_show_server_error (self->form, error);
    }
}

static void
created_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(DossierClientEditor) self = user_data;
  g_autoptr(DossierClient) client = NULL;
  g_autoptr(GError) error = NULL;

  client = dossier_api_create_client_finish (DOSSIER_API (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (client == NULL)
    {
      _dossier_client_editor_send_failed (self, NULL, error);
      return;
    }

  {
    g_autoptr(JsonObject) details = json_object_new ();

    _dossier_client_editor_record_event (self, client, DOSSIER_JOURNAL_EVENT_CLIENT_CREATED, details);
  }
  _dossier_client_editor_finish_saved (self, client);
}

static void
create_client (DossierClientEditor *self)
{
  g_autoptr(DossierClient) client = dossier_client_new ();

  if (!dossier_client_form_check_all (self->form))
    return;

  dossier_client_form_apply_to_client (self->form, client);
  _dossier_client_editor_hide_error (self);
  _dossier_client_editor_set_busy (self, TRUE);
  save_draft_now (self);
  dossier_api_create_client_async (self->api, client, DOSSIER_API_PRIORITY_USER, self->cancellable,
                                   created_cb, g_object_ref (self));
}

/* ---- actions and life cycle -------------------------------------------------- */

static void
primary_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  DossierClientEditor *self = DOSSIER_CLIENT_EDITOR (widget);
  const char *page = dossier_client_editor_get_page (self);

  if (self->busy)
    return;
  if (self->shown == NULL)
    create_client (self);
  else if (g_str_equal (page, "form"))
    _dossier_client_editor_review_changes (self);
  else if (g_str_equal (page, "summary"))
    _dossier_client_editor_save_changes (self);
  else if (g_str_equal (page, "conflict"))
    _dossier_client_editor_accept_resolution (self);
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  _dossier_client_editor_show_page (DOSSIER_CLIENT_EDITOR (widget), "form");
}

static void
retry_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  DossierClientEditor *self = DOSSIER_CLIENT_EDITOR (widget);

  if (self->busy)
    return;
  if (g_str_equal (dossier_client_editor_get_page (self), "loading"))
    _dossier_client_editor_start_edit (self);
  else
    primary_action (widget, NULL, NULL);
}

static void
copy_trace_id_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  DossierClientEditor *self = DOSSIER_CLIENT_EDITOR (widget);

  if (self->trace_id != NULL)
    dossier_error_report_copy_trace_id (GTK_WIDGET (self->toast_overlay), self->trace_id);
}

static gboolean
dossier_client_editor_close_request (GtkWindow *window)
{
  DossierClientEditor *self = DOSSIER_CLIENT_EDITOR (window);

  /* Closing keeps what was typed; only Discard or a successful send removes it.
   * A draft still on offer stays as it was. */
  if (self->draft == NULL)
    save_draft_now (self);
  g_cancellable_cancel (self->cancellable);

  return GTK_WINDOW_CLASS (dossier_client_editor_parent_class)->close_request (window);
}

static void
dossier_client_editor_dispose (GObject *object)
{
  DossierClientEditor *self = DOSSIER_CLIENT_EDITOR (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->draft_source, g_source_remove);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->api);
  g_clear_object (&self->journal);
  g_clear_object (&self->shown);
  g_clear_object (&self->base);
  g_clear_object (&self->pending);
  g_clear_pointer (&self->changes, g_ptr_array_unref);
  g_clear_pointer (&self->draft, json_object_unref);
  g_clear_pointer (&self->trace_id, g_free);
  g_clear_pointer (&self->duplicate_email, g_free);

  G_OBJECT_CLASS (dossier_client_editor_parent_class)->dispose (object);
}

static void
dossier_client_editor_class_init (DossierClientEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = dossier_client_editor_dispose;
  window_class->close_request = dossier_client_editor_close_request;

  /* DossierClientEditor::saved: (client, created) after the server accepted it. */
  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                 NULL, NULL, NULL, G_TYPE_NONE, 2, DOSSIER_TYPE_CLIENT, G_TYPE_BOOLEAN);

  g_type_ensure (DOSSIER_TYPE_CLIENT_FORM);
  g_type_ensure (DOSSIER_TYPE_CONFLICT_VIEW);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/dossier-client-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, DossierClientEditor, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, DossierClientEditor, window_title);
  gtk_widget_class_bind_template_child (widget_class, DossierClientEditor, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, DossierClientEditor, back_button);
  gtk_widget_class_bind_template_child (widget_class, DossierClientEditor, primary_button);
  gtk_widget_class_bind_template_child (widget_class, DossierClientEditor, busy_spinner);
  gtk_widget_class_bind_template_child (widget_class, DossierClientEditor, draft_revealer);
  gtk_widget_class_bind_template_child (widget_class, DossierClientEditor, draft_label);
  gtk_widget_class_bind_template_child (widget_class, DossierClientEditor, error_revealer);
  gtk_widget_class_bind_template_child (widget_class, DossierClientEditor, error_label);
  gtk_widget_class_bind_template_child (widget_class, DossierClientEditor, copy_trace_button);
  gtk_widget_class_bind_template_child (widget_class, DossierClientEditor, stack);
  gtk_widget_class_bind_template_child (widget_class, DossierClientEditor, loading_spinner);
  gtk_widget_class_bind_template_child (widget_class, DossierClientEditor, form);
  gtk_widget_class_bind_template_child (widget_class, DossierClientEditor, summary_box);
  gtk_widget_class_bind_template_child (widget_class, DossierClientEditor, conflict_view);

  gtk_widget_class_install_action (widget_class, "editor.primary", NULL, primary_action);
  gtk_widget_class_install_action (widget_class, "editor.back", NULL, back_action);
  gtk_widget_class_install_action (widget_class, "editor.restore-draft", NULL, restore_draft_action);
  gtk_widget_class_install_action (widget_class, "editor.discard-draft", NULL, discard_draft_action);
  gtk_widget_class_install_action (widget_class, "editor.copy-trace-id", NULL, copy_trace_id_action);
  gtk_widget_class_install_action (widget_class, "editor.retry", NULL, retry_action);
  gtk_widget_class_install_action (widget_class, "editor.show-client", NULL, _dossier_client_editor_show_client);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK, "editor.primary", NULL);
}

static void
dossier_client_editor_init (DossierClientEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  _dossier_client_editor_init_banner (self);

  self->cancellable = g_cancellable_new ();
  g_signal_connect_object (self->form, "changed", G_CALLBACK (form_changed_cb), self, G_CONNECT_SWAPPED);
}

DossierClientEditor *
dossier_client_editor_new (GtkWindow      *parent,
                           DossierApi     *api,
                           DossierJournal *journal,
                           DossierClient  *client)
{
  DossierClientEditor *self;

  g_return_val_if_fail (!parent || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (DOSSIER_IS_API (api), NULL);
  g_return_val_if_fail (!journal || DOSSIER_IS_JOURNAL (journal), NULL);
  g_return_val_if_fail (!client || DOSSIER_IS_CLIENT (client), NULL);

  self = g_object_new (DOSSIER_TYPE_CLIENT_EDITOR, "transient-for", parent, NULL);
  self->api = g_object_ref (api);
  self->journal = journal != NULL ? g_object_ref (journal) : NULL;
  self->shown = client != NULL ? g_object_ref (client) : NULL;

  if (client == NULL)
    {
      gtk_window_set_title (GTK_WINDOW (self), _("New Client"));
      adw_window_title_set_title (self->window_title, _("New Client"));
      _dossier_client_editor_show_page (self, "form");
      gtk_window_set_focus (GTK_WINDOW (self),
                            dossier_client_form_get_row (self->form, DOSSIER_CLIENT_FIELD_FIRST_NAME));
      _dossier_client_editor_offer_draft (self);
    }
  else
    {
      g_autofree char *name = dossier_client_get_display_name (client);

      gtk_window_set_title (GTK_WINDOW (self), _("Edit Client"));
      adw_window_title_set_title (self->window_title, _("Edit Client"));
      adw_window_title_set_subtitle (self->window_title, name);
      _dossier_client_editor_start_edit (self);
    }

  return self;
}

DossierClientForm *
dossier_client_editor_get_form (DossierClientEditor *self)
{
  g_return_val_if_fail (DOSSIER_IS_CLIENT_EDITOR (self), NULL);
  return self->form;
}

DossierConflictView *
dossier_client_editor_get_conflict_view (DossierClientEditor *self)
{
  g_return_val_if_fail (DOSSIER_IS_CLIENT_EDITOR (self), NULL);
  return self->conflict_view;
}

const char *
dossier_client_editor_get_page (DossierClientEditor *self)
{
  g_return_val_if_fail (DOSSIER_IS_CLIENT_EDITOR (self), NULL);
  return gtk_stack_get_visible_child_name (self->stack);
}

gboolean
dossier_client_editor_get_busy (DossierClientEditor *self)
{
  g_return_val_if_fail (DOSSIER_IS_CLIENT_EDITOR (self), FALSE);
  return self->busy;
}

gboolean
dossier_client_editor_get_draft_offered (DossierClientEditor *self)
{
  g_return_val_if_fail (DOSSIER_IS_CLIENT_EDITOR (self), FALSE);
  return gtk_revealer_get_reveal_child (self->draft_revealer);
}

const char *
dossier_client_editor_get_error_text (DossierClientEditor *self)
{
  g_return_val_if_fail (DOSSIER_IS_CLIENT_EDITOR (self), NULL);
  if (!gtk_revealer_get_reveal_child (self->error_revealer))
    return NULL;
  return gtk_label_get_text (self->error_label);
}

GPtrArray *
dossier_client_editor_get_changes (DossierClientEditor *self)
{
  g_return_val_if_fail (DOSSIER_IS_CLIENT_EDITOR (self), NULL);
  return self->changes;
}
