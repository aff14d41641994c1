/* dossier-request-window-close.c — closing a request window with documents not yet sent
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The data fields are drafts in the journal and come back when the window is opened
 * again; so do the documents given and not uploaded (dossier-request-window-drafts.c).
 * Closing the window over such documents asks whether to keep them for later or to
 * discard them; only when they cannot all be kept (no journal, a pasted picture not
 * written yet) does it say that closing loses them.
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "dossier-document-slot.h"
#include "dossier-request-window-private.h"

static guint
count_unsent (DossierRequestWindow *self)
{
  GHashTableIter iter;
  gpointer slot;
  guint n = 0;

  if (self->slots == NULL || !gtk_widget_get_visible (self->documents_box))
    return 0;
  g_hash_table_iter_init (&iter, self->slots);
  while (g_hash_table_iter_next (&iter, NULL, &slot))
    if (dossier_document_slot_has_unsent_work (DOSSIER_DOCUMENT_SLOT (slot)))
      n++;
  return n;
}

static gboolean
close_idle_cb (gpointer user_data)
{
  gtk_window_close (GTK_WINDOW (user_data));
  return G_SOURCE_REMOVE;
}

static void
close_response_cb (AdwMessageDialog     *dialog,
                   const char           *response,
                   DossierRequestWindow *self)
{
  if (g_strcmp0 (response, "discard") == 0)
    _dossier_request_window_discard_documents (self);
  else if (g_strcmp0 (response, "keep") == 0)
    {
      self->keep_confirmed = TRUE;
      _dossier_request_window_save_documents_now (self);
    }
  else
    return;
  /* Once the dialog, which belongs to this window, has closed itself. */
  g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, close_idle_cb, g_object_ref (self), g_object_unref);
}

gboolean
_dossier_request_window_confirm_close (DossierRequestWindow *self)
{
  AdwMessageDialog *dialog;
  guint n;

  if (self->discard_confirmed || self->keep_confirmed || (n = count_unsent (self)) == 0)
    return FALSE;

  if (_dossier_request_window_documents_kept (self))
    {
      dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self),
                                                           ngettext ("Keep the Document for Later?",
                                                                     "Keep the Documents for Later?", n),
                                                           NULL));
      adw_message_dialog_set_body (dialog,
                                   ngettext ("It has not been uploaded yet. If you keep it, it is back the next time this request is opened on this computer. The data you typed is kept either way.",
                                             "They have not been uploaded yet. If you keep them, they are back the next time this request is opened on this computer. The data you typed is kept either way.",
                                             n));
      adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "discard", _("_Discard"),
                                        "keep", _("_Keep for Later"), NULL);
      adw_message_dialog_set_response_appearance (dialog, "discard", ADW_RESPONSE_DESTRUCTIVE);
      adw_message_dialog_set_response_appearance (dialog, "keep", ADW_RESPONSE_SUGGESTED);
      adw_message_dialog_set_default_response (dialog, "keep");
    }
  else
    {
      /* Nowhere to keep them (no journal, or a pasted picture not written yet). */
      dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self),
                                                           ngettext ("Discard the Document You Added?",
                                                                     "Discard the Documents You Added?", n),
                                                           NULL));
      adw_message_dialog_set_body (dialog,
                                   ngettext ("It has not been uploaded yet. The data you typed is kept either way.",
                                             "They have not been uploaded yet. The data you typed is kept either way.",
                                             n));
      adw_message_dialog_add_responses (dialog, "cancel", _("_Keep Editing"), "discard", _("_Discard"), NULL);
      adw_message_dialog_set_response_appearance (dialog, "discard", ADW_RESPONSE_DESTRUCTIVE);
      adw_message_dialog_set_default_response (dialog, "cancel");
    }
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (close_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  return TRUE;
}
