/* dossier-note-dialog.c — writing, editing and deleting a client's private notes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
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
} NoteJob;

static void
note_job_free (NoteJob *job)
{
  g_clear_object (&job->journal);
  g_clear_object (&job->buffer);
  g_clear_object (&job->parent);
  g_free (job->client_id);
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
present_editor (GtkWidget      *parent,
                NoteJob        *job,
                const char     *heading,
                const char     *text)
{
  GtkWidget *dialog;
  GtkWidget *scrolled;
  GtkWidget *view;

  job->parent = parent_window (parent);
  if (job->parent != NULL)
    g_object_ref (job->parent);

  dialog = adw_message_dialog_new (job->parent, heading,
                                   _("Notes are private: they stay on this computer and are never "
                                     "sent to the server."));
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
  g_signal_connect (job->buffer, "changed", G_CALLBACK (text_changed_cb), dialog);
  text_changed_cb (job->buffer, ADW_MESSAGE_DIALOG (dialog));
  g_signal_connect (dialog, "response", G_CALLBACK (edit_response_cb), job);

  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (view);
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
  present_editor (parent, job, _("New Note"), NULL);
}

void
dossier_note_dialog_edit (GtkWidget                *parent,
                          DossierJournal           *journal,
                          const DossierJournalNote *note)
{
  NoteJob *job;

  g_return_if_fail (DOSSIER_IS_JOURNAL (journal));
  g_return_if_fail (note != NULL);

  job = g_new0 (NoteJob, 1);
  job->journal = g_object_ref (journal);
  job->note_id = note->id;
  present_editor (parent, job, _("Edit Note"), note->text);
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
