/* dossier-note-dialog.c — writing, editing and deleting a client's private notes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Nothing typed is lost: while the editor is open its text is kept as a draft in the journal
 * (per client for a new note, per note for an edit), so Escape, Cancel or a crash leave it
 * there, and the editor opened again for the same client or note starts from it. Saving
 * the note, or clearing the text, forgets the draft. Ctrl+Enter saves.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "dossier-note-dialog.h"

typedef struct {
  DossierJournal *journal;
  char           *client_id;   /* adding */
  gint64          note_id;     /* editing, deleting */
  GtkTextBuffer  *buffer;
  GtkWindow      *parent;
  char           *heading;
  char           *original;    /* the text the editor opened with, stripped */
  char           *draft_client;
  char           *draft_key;
} NoteJob;

static void
note_job_free (NoteJob *job)
{
  g_clear_object (&job->journal);
  if (job->buffer != NULL)
    g_signal_handlers_disconnect_by_data (job->buffer, job);
  g_clear_object (&job->buffer);
  g_clear_object (&job->parent);
  g_free (job->client_id);
  g_free (job->heading);
  g_free (job->original);
  g_free (job->draft_client);
  g_free (job->draft_key);
  g_free (job);
}

static GtkWindow *
parent_window (GtkWidget *parent)
{
  GtkRoot *root = parent != NULL ? gtk_widget_get_root (parent) : NULL;

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

static void
show_error (GtkWindow    *parent,
            const GError *error)
{
  GtkWidget *dialog = adw_message_dialog_new (parent, _("The Note Could Not Be Saved"), error->message);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
written_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  NoteJob *job = user_data;
  g_autoptr(GError) error = NULL;
  DossierJournal *journal = DOSSIER_JOURNAL (object);
  GTask *task = G_TASK (result);

  if (g_task_get_source_tag (task) == dossier_journal_add_note_async)
    dossier_journal_add_note_finish (journal, result, &error);
  else if (g_task_get_source_tag (task) == dossier_journal_update_note_async)
    dossier_journal_update_note_finish (journal, result, &error);
  else
    dossier_journal_delete_note_finish (journal, result, &error);

  if (error != NULL)
    show_error (job->parent, error);
  else if (job->draft_key != NULL)
    dossier_journal_delete_draft_async (job->journal, job->draft_client, job->draft_key, NULL, NULL, NULL);
  note_job_free (job);
}

static char *
buffer_text (GtkTextBuffer *buffer)
{
  GtkTextIter start, end;
  g_autofree char *text = NULL;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  return g_strdup (g_strstrip (text));
}

static void
text_changed_cb (GtkTextBuffer    *buffer,
                 AdwMessageDialog *dialog)
{
  g_autofree char *text = buffer_text (buffer);

  adw_message_dialog_set_response_enabled (dialog, "save", *text != '\0');
}

/* What is typed is kept as it is typed; nothing new to keep, no draft. */
static void
keep_draft_cb (GtkTextBuffer *buffer,
               NoteJob       *job)
{
  g_autofree char *text = buffer_text (buffer);
  GtkTextIter start, end;
  g_autofree char *whole = NULL;
  g_autoptr(JsonObject) fields = NULL;

  if (*text == '\0' || g_strcmp0 (text, job->original) == 0)
    {
      dossier_journal_delete_draft_async (job->journal, job->draft_client, job->draft_key, NULL, NULL, NULL);
      return;
    }
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  whole = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  fields = json_object_new ();
  json_object_set_string_member (fields, "text", whole);
  dossier_journal_save_draft_async (job->journal, job->draft_client, job->draft_key, fields, NULL, NULL, NULL);
}

/* The button of a response, found by its label: AdwMessageDialog 1.2 does not give it. */
static GtkWidget *
find_button (GtkWidget  *widget,
             const char *label)
{
  if (GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button (child, label);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
save_shortcut_cb (GtkWidget *widget,
                  GVariant  *args,
                  gpointer   user_data)
{
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (widget);
  GtkWidget *button = find_button (widget, _("_Save"));

  if (!adw_message_dialog_get_response_enabled (dialog, "save"))
    return FALSE;
  /* As a click: the response, then the dialog closes. */
  if (button != NULL)
    return gtk_widget_activate (button);
  adw_message_dialog_response (dialog, "save");
  gtk_window_destroy (GTK_WINDOW (dialog));
  return TRUE;
}

/* Ctrl+Enter saves, before the text view takes Enter; the Save button's tooltip says so. */
static void
add_save_shortcut (AdwMessageDialog *dialog)
{
  GtkEventController *controller = gtk_shortcut_controller_new ();
  GtkWidget *button;

  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller),
                                        gtk_shortcut_new (gtk_shortcut_trigger_parse_string ("<Control>Return|<Control>KP_Enter"),
                                                          gtk_callback_action_new (save_shortcut_cb, NULL, NULL)));
  gtk_widget_add_controller (GTK_WIDGET (dialog), controller);

  button = find_button (GTK_WIDGET (dialog), _("_Save"));
  if (button != NULL)
    /* Translators: the tooltip of the note editor's Save button, with its keyboard shortcut */
    gtk_widget_set_tooltip_text (button, _("Save (Ctrl+Enter)"));
}

static void
edit_response_cb (AdwMessageDialog *dialog,
                  const char       *response,
                  NoteJob          *job)
{
  g_autofree char *text = NULL;

  if (!g_str_equal (response, "save"))
    {
      note_job_free (job);
      return;
    }

  text = buffer_text (job->buffer);
  if (job->client_id != NULL)
    dossier_journal_add_note_async (job->journal, job->client_id, text, NULL, written_cb, job);
  else
    dossier_journal_update_note_async (job->journal, job->note_id, text, NULL, written_cb, job);
}

static void
show_editor (NoteJob    *job,
             const char *text,
             gboolean    restored)
{
  GtkWidget *dialog;
  GtkWidget *scrolled;
  GtkWidget *view;
  const char *privacy = _("Notes are private: they stay on this computer and are never "
                          "sent to the server.");
  g_autofree char *body = NULL;

  if (restored)
    body = g_strdup_printf ("%s\n\n%s", privacy, _("The text you did not save last time is back."));
  dialog = adw_message_dialog_new (job->parent, job->heading, body != NULL ? body : privacy);
  view = gtk_text_view_new ();
  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (view), 8);
  gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (view), 8);
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (view), 8);
  gtk_text_view_set_right_margin (GTK_TEXT_VIEW (view), 8);
  gtk_accessible_update_property (GTK_ACCESSIBLE (view), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Note"), -1);
  job->buffer = g_object_ref (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)));
  gtk_text_buffer_set_text (job->buffer, text != NULL ? text : "", -1);

  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scrolled), 120);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), view);
  gtk_widget_add_css_class (scrolled, "card");
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), scrolled);

  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "save", _("_Save"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "save", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "save");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  add_save_shortcut (ADW_MESSAGE_DIALOG (dialog));
  g_signal_connect (job->buffer, "changed", G_CALLBACK (text_changed_cb), dialog);
  text_changed_cb (job->buffer, ADW_MESSAGE_DIALOG (dialog));
  g_signal_connect (job->buffer, "changed", G_CALLBACK (keep_draft_cb), job);
  g_signal_connect (dialog, "response", G_CALLBACK (edit_response_cb), job);

  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (view);
  if (restored)
    {
      GtkTextIter end;

      gtk_text_buffer_get_end_iter (job->buffer, &end);
      gtk_text_buffer_place_cursor (job->buffer, &end);
    }
}

static void
draft_loaded_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  NoteJob *job = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) fields = NULL;
  const char *draft = NULL;
  g_autofree char *stripped = NULL;

  fields = dossier_journal_load_draft_finish (DOSSIER_JOURNAL (object), result, NULL, &error);
  if (error != NULL)
    g_debug ("A note's draft could not be read: %s", error->message);
  if (fields != NULL && json_object_has_member (fields, "text")
      && JSON_NODE_HOLDS_VALUE (json_object_get_member (fields, "text"))
      && json_node_get_value_type (json_object_get_member (fields, "text")) == G_TYPE_STRING)
    draft = json_object_get_string_member (fields, "text");
  stripped = g_strstrip (g_strdup (draft != NULL ? draft : ""));
  if (*stripped != '\0' && g_strcmp0 (stripped, job->original) != 0)
    show_editor (job, draft, TRUE);
  else
    show_editor (job, job->original, FALSE);
}

/* Shows the editor once the draft left last time, if any, is read. */
static void
present_editor (GtkWidget      *parent,
                NoteJob        *job,
                const char     *heading,
                const char     *client_id,
                const char     *draft_key,
                const char     *text)
{
  job->parent = parent_window (parent);
  if (job->parent != NULL)
    g_object_ref (job->parent);
  job->heading = g_strdup (heading);
  job->original = g_strstrip (g_strdup (text != NULL ? text : ""));
  job->draft_client = g_strdup (client_id);
  job->draft_key = g_strdup (draft_key);
  dossier_journal_load_draft_async (job->journal, job->draft_client, job->draft_key, NULL,
                                    draft_loaded_cb, job);
}

void
dossier_note_dialog_add (GtkWidget      *parent,
                         DossierJournal *journal,
                         const char     *client_id)
{
  NoteJob *job;

  g_return_if_fail (DOSSIER_IS_JOURNAL (journal));
  g_return_if_fail (client_id != NULL);

  job = g_new0 (NoteJob, 1);
  job->journal = g_object_ref (journal);
  job->client_id = g_strdup (client_id);
  present_editor (parent, job, _("New Note"), client_id, DOSSIER_NOTE_DIALOG_NEW_NOTE_DRAFT, NULL);
}

void
dossier_note_dialog_edit (GtkWidget                *parent,
                          DossierJournal           *journal,
                          const DossierJournalNote *note)
{
  g_autofree char *draft_key = NULL;
  NoteJob *job;

  g_return_if_fail (DOSSIER_IS_JOURNAL (journal));
  g_return_if_fail (note != NULL);

  job = g_new0 (NoteJob, 1);
  job->journal = g_object_ref (journal);
  job->note_id = note->id;
  draft_key = g_strdup_printf (DOSSIER_NOTE_DIALOG_NEW_NOTE_DRAFT "-%" G_GINT64_FORMAT, note->id);
  present_editor (parent, job, _("Edit Note"), note->client_id, draft_key, note->text);
}

static void
delete_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    NoteJob          *job)
{
  if (g_str_equal (response, "delete"))
    dossier_journal_delete_note_async (job->journal, job->note_id, NULL, written_cb, job);
  else
    note_job_free (job);
}

void
dossier_note_dialog_delete (GtkWidget      *parent,
                            DossierJournal *journal,
                            gint64          note_id)
{
  GtkWidget *dialog;
  NoteJob *job;

  g_return_if_fail (DOSSIER_IS_JOURNAL (journal));

  job = g_new0 (NoteJob, 1);
  job->journal = g_object_ref (journal);
  job->note_id = note_id;
  job->parent = parent_window (parent);
  if (job->parent != NULL)
    g_object_ref (job->parent);

  dialog = adw_message_dialog_new (job->parent, _("Delete Note?"),
                                   _("The note is removed from this computer for good."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "delete", _("_Delete"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "delete", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect (dialog, "response", G_CALLBACK (delete_response_cb), job);
  gtk_window_present (GTK_WINDOW (dialog));
}
