/* test-note-dialog.c — the note editor keeps what is typed, and Ctrl+Enter saves
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A window over a scratch journal; the editor is opened as the timeline does. Escape
 * (closing the dialog) keeps the typed text as the client's draft, which the next editor
 * for that client starts from; saving forgets it. The Ctrl+Enter shortcut is looked up on
 * the dialog and activated as a key press would.
 */
#include "config.h"

#include <string.h>
#include <glib/gstdio.h>
#include <adwaita.h>

#include "dossier-journal.h"
#include "dossier-note-dialog.h"
#include "dossier-ui-test-utils.h"

#define CLIENT "client-note-1"
#define OTHER_CLIENT "client-note-2"

typedef struct {
  char           *dir;
  DossierJournal *journal;
  GtkWidget      *window;
  GtkWidget      *anchor;
  GAsyncResult   *result;
} Fixture;

static void
catch_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  Fixture *f = user_data;

  f->result = g_object_ref (result);
}

static gboolean
has_result (gpointer data)
{
  return ((Fixture *) data)->result != NULL;
}

static GAsyncResult *
await (Fixture *f)
{
  g_assert_true (dossier_test_wait_until (has_result, f, 10000));
  return g_steal_pointer (&f->result);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autofree char *path = NULL;

  f->dir = g_dir_make_tmp ("dossier-note-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (f->dir, "journal.sqlite", NULL);
  dossier_journal_new_full_async (path, DOSSIER_JOURNAL_FLAGS_NO_KEYRING, NULL, catch_cb, f);
  result = await (f);
  f->journal = dossier_journal_new_finish (result, &error);
  g_assert_no_error (error);

  f->window = adw_window_new ();
  gtk_window_set_title (GTK_WINDOW (f->window), "Notes");
  gtk_window_set_default_size (GTK_WINDOW (f->window), 600, 500);
  f->anchor = gtk_label_new ("Client");
  adw_window_set_content (ADW_WINDOW (f->window), f->anchor);
  gtk_window_present (GTK_WINDOW (f->window));
  g_assert_true (dossier_test_wait_for_draw (f->window));
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  gtk_window_destroy (GTK_WINDOW (f->window));
  g_assert_finalize_object (f->journal);
  dir = g_dir_open (f->dir, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *file = g_build_filename (f->dir, name, NULL);

      g_remove (file);
    }
  g_rmdir (f->dir);
  g_free (f->dir);
}

static AdwMessageDialog *
find_dialog (void)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (ADW_IS_MESSAGE_DIALOG (l->data) && gtk_widget_get_visible (l->data))
      return l->data;
  return NULL;
}

static gboolean
dialog_shown (gpointer data)
{
  return find_dialog () != NULL;
}

static gboolean
dialog_gone (gpointer data)
{
  return find_dialog () == NULL;
}

static GtkTextBuffer *
dialog_buffer (AdwMessageDialog *dialog)
{
  GtkWidget *scrolled = adw_message_dialog_get_extra_child (dialog);

  return gtk_text_view_get_buffer (GTK_TEXT_VIEW (gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (scrolled))));
}

static char *
dialog_text (AdwMessageDialog *dialog)
{
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (dialog_buffer (dialog), &start, &end);
  return gtk_text_buffer_get_text (dialog_buffer (dialog), &start, &end, FALSE);
}

static AdwMessageDialog *
open_new_note (Fixture    *f,
               const char *client_id)
{
  AdwMessageDialog *dialog;

  dossier_note_dialog_add (f->anchor, f->journal, client_id);
  g_assert_true (dossier_test_wait_until (dialog_shown, NULL, 5000));
  dialog = find_dialog ();
  g_assert_true (dossier_test_wait_for_draw (GTK_WIDGET (dialog)));
  return dialog;
}

/* The draft the journal holds for (client, key), as text; NULL when there is none. */
static char *
draft_text (Fixture    *f,
            const char *client_id,
            const char *key)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) fields = NULL;

  dossier_journal_load_draft_async (f->journal, client_id, key, NULL, catch_cb, f);
  result = await (f);
  fields = dossier_journal_load_draft_finish (f->journal, result, NULL, &error);
  g_assert_no_error (error);
  if (fields == NULL)
    return NULL;
  return g_strdup (json_object_get_string_member (fields, "text"));
}

static GPtrArray *
list_notes (Fixture    *f,
            const char *client_id)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *notes;

  dossier_journal_list_notes_async (f->journal, client_id, NULL, catch_cb, f);
  result = await (f);
  notes = dossier_journal_list_notes_finish (f->journal, result, &error);
  g_assert_no_error (error);
  return notes;
}

static gboolean
notes_count_is (gpointer data)
{
  Fixture *f = ((gpointer *) data)[0];
  g_autoptr(GPtrArray) notes = list_notes (f, CLIENT);

  return notes->len == GPOINTER_TO_UINT (((gpointer *) data)[1]);
}

/* The button of the dialog whose label is @label. */
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

/* Escape keeps the typed note as the client's draft; the next editor starts from it. */
static void
test_note_dialog_escape_keeps_draft (Fixture       *f,
                                     gconstpointer  data)
{
  AdwMessageDialog *dialog = open_new_note (f, CLIENT);
  g_autofree char *kept = NULL;
  g_autofree char *other = NULL;
  g_autofree char *restored = NULL;
  g_autoptr(GPtrArray) notes = NULL;

  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "New Note");
  g_assert_null (strstr (adw_message_dialog_get_body (dialog), "last time"));
  gtk_text_buffer_set_text (dialog_buffer (dialog), "Called her: the passport arrives Monday.\nCheck the", -1);

  /* What Escape does: the window closes, with the close response. */
  gtk_window_close (GTK_WINDOW (dialog));
  g_assert_true (dossier_test_wait_until (dialog_gone, NULL, 5000));
  notes = list_notes (f, CLIENT);
  g_assert_cmpuint (notes->len, ==, 0);
  kept = draft_text (f, CLIENT, DOSSIER_NOTE_DIALOG_NEW_NOTE_DRAFT);
  g_assert_cmpstr (kept, ==, "Called her: the passport arrives Monday.\nCheck the");

  /* Another client's editor starts empty. */
  dialog = open_new_note (f, OTHER_CLIENT);
  other = dialog_text (dialog);
  g_assert_cmpstr (other, ==, "");
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "save"));
  adw_message_dialog_response (dialog, "cancel");
  gtk_window_destroy (GTK_WINDOW (dialog));

  /* The same client's editor starts from the draft, and says so. */
  dialog = open_new_note (f, CLIENT);
  restored = dialog_text (dialog);
  g_assert_cmpstr (restored, ==, "Called her: the passport arrives Monday.\nCheck the");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "The text you did not save last time is back."));
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "save"));
  {
    g_autofree char *saved = dossier_test_save_screenshot (GTK_WIDGET (dialog), "note-dialog-draft");

    g_assert_nonnull (saved);
  }

  /* Saving writes the note and forgets the draft. */
  adw_message_dialog_response (dialog, "save");
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_true (dossier_test_wait_until (notes_count_is, (gpointer[]) { f, GUINT_TO_POINTER (1) }, 10000));
  g_clear_pointer (&kept, g_free);
  for (guint i = 0; i < 50 && (kept = draft_text (f, CLIENT, DOSSIER_NOTE_DIALOG_NEW_NOTE_DRAFT)) != NULL; i++)
    g_clear_pointer (&kept, g_free);
  g_assert_null (kept);

  /* An editor emptied before closing leaves no draft. */
  dialog = open_new_note (f, CLIENT);
  g_clear_pointer (&restored, g_free);
  restored = dialog_text (dialog);
  g_assert_cmpstr (restored, ==, "");
  gtk_text_buffer_set_text (dialog_buffer (dialog), "Never mind", -1);
  gtk_text_buffer_set_text (dialog_buffer (dialog), "", -1);
  gtk_window_close (GTK_WINDOW (dialog));
  g_assert_true (dossier_test_wait_until (dialog_gone, NULL, 5000));
  kept = draft_text (f, CLIENT, DOSSIER_NOTE_DIALOG_NEW_NOTE_DRAFT);
  g_assert_null (kept);
}

/* An edit left unsaved is kept per note, and the editor of that note starts from it. */
static void
test_note_dialog_edit_draft (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) notes = NULL;
  g_autofree char *key = NULL;
  g_autofree char *kept = NULL;
  g_autofree char *text = NULL;
  AdwMessageDialog *dialog;
  gint64 id;

  dossier_journal_add_note_async (f->journal, CLIENT, "Asked for a utility bill.", NULL, catch_cb, f);
  result = await (f);
  id = dossier_journal_add_note_finish (f->journal, result, &error);
  g_assert_no_error (error);
  notes = list_notes (f, CLIENT);
  g_assert_cmpuint (notes->len, ==, 1);
  key = g_strdup_printf (DOSSIER_NOTE_DIALOG_NEW_NOTE_DRAFT "-%" G_GINT64_FORMAT, id);

  dossier_note_dialog_edit (f->anchor, f->journal, g_ptr_array_index (notes, 0));
  g_assert_true (dossier_test_wait_until (dialog_shown, NULL, 5000));
  dialog = find_dialog ();
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Edit Note");
  gtk_text_buffer_set_text (dialog_buffer (dialog), "Asked for a utility bill and a payslip.", -1);
  gtk_window_close (GTK_WINDOW (dialog));
  g_assert_true (dossier_test_wait_until (dialog_gone, NULL, 5000));
  kept = draft_text (f, CLIENT, key);
  g_assert_cmpstr (kept, ==, "Asked for a utility bill and a payslip.");

  dossier_note_dialog_edit (f->anchor, f->journal, g_ptr_array_index (notes, 0));
  g_assert_true (dossier_test_wait_until (dialog_shown, NULL, 5000));
  dialog = find_dialog ();
  text = dialog_text (dialog);
  g_assert_cmpstr (text, ==, "Asked for a utility bill and a payslip.");
  /* Back to the saved text: nothing left to keep. */
  gtk_text_buffer_set_text (dialog_buffer (dialog), "Asked for a utility bill.", -1);
  gtk_window_close (GTK_WINDOW (dialog));
  g_assert_true (dossier_test_wait_until (dialog_gone, NULL, 5000));
  g_clear_pointer (&kept, g_free);
  kept = draft_text (f, CLIENT, key);
  g_assert_null (kept);
}

/* Ctrl+Enter saves (the Save button's tooltip says so); with nothing typed it does nothing. */
static void
test_note_dialog_ctrl_enter (Fixture       *f,
                             gconstpointer  data)
{
  AdwMessageDialog *dialog = open_new_note (f, CLIENT);
  GtkShortcut *save = NULL;
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (dialog));
  g_autoptr(GPtrArray) notes = NULL;
  GtkWidget *button;

  for (guint i = 0; save == NULL && i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;
      for (guint j = 0; save == NULL && j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);
          g_autofree char *trigger = gtk_shortcut_trigger_to_string (gtk_shortcut_get_trigger (shortcut));

          if (strstr (trigger, "<Control>Return") != NULL && strstr (trigger, "<Control>KP_Enter") != NULL)
            save = shortcut;
        }
      /* Before the text view, which would take Enter as a new line. */
      if (save != NULL)
        g_assert_cmpint (gtk_event_controller_get_propagation_phase (controller), ==, GTK_PHASE_CAPTURE);
    }
  g_assert_nonnull (save);

  button = find_button (GTK_WIDGET (dialog), "_Save");
  g_assert_nonnull (button);
  g_assert_cmpstr (gtk_widget_get_tooltip_text (button), ==, "Save (Ctrl+Enter)");

  /* Nothing typed: the shortcut does nothing and the editor stays. */
  g_assert_false (gtk_shortcut_action_activate (gtk_shortcut_get_action (save), 0, GTK_WIDGET (dialog), NULL));
  g_assert_true (find_dialog () == dialog);

  gtk_text_buffer_set_text (dialog_buffer (dialog), "Prefers calls after 5 pm.", -1);
  g_assert_true (gtk_shortcut_action_activate (gtk_shortcut_get_action (save), 0, GTK_WIDGET (dialog), NULL));
  g_assert_true (dossier_test_wait_until (dialog_gone, NULL, 5000));
  g_assert_true (dossier_test_wait_until (notes_count_is, (gpointer[]) { f, GUINT_TO_POINTER (1) }, 10000));
  notes = list_notes (f, CLIENT);
  g_assert_cmpstr (((DossierJournalNote *) g_ptr_array_index (notes, 0))->text, ==, "Prefers calls after 5 pm.");
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add ("/dossier/ui/note-dialog/escape-keeps-draft", Fixture, NULL,
              fixture_set_up, test_note_dialog_escape_keeps_draft, fixture_tear_down);
  g_test_add ("/dossier/ui/note-dialog/edit-draft", Fixture, NULL,
              fixture_set_up, test_note_dialog_edit_draft, fixture_tear_down);
  g_test_add ("/dossier/ui/note-dialog/ctrl-enter", Fixture, NULL,
              fixture_set_up, test_note_dialog_ctrl_enter, fixture_tear_down);

  return g_test_run ();
}
