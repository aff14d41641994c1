/* dossier-document-slot-queue.c — a document waiting in the upload queue: why, what next
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A document handed to the uploader that could not be sent yet stays queued and is sent
 * by itself later. The slot says so in words ("Waiting for the server — it will be sent
 * automatically (next try in 20 s)"), the reason below it (the last failure), and
 * offers Try Now (document.retry) and Cancel (document.cancel-upload: the window takes it
 * out of the queue and the picture stays on the slot, not sent). The countdown is
 * brought up to date every second while it runs.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "dossier-document-slot-private.h"

static guint cancel_requested_signal;

static gboolean
queue_tick_cb (gpointer user_data)
{
  DossierDocumentSlot *self = user_data;
  g_autofree char *text = _dossier_document_slot_queue_text (self);

  if (text != NULL)
    gtk_label_set_label (GTK_LABEL (self->upload_label), text);
  if (self->upload_state != DOSSIER_DOCUMENT_UPLOAD_FAILED || self->next_try <= g_get_monotonic_time ())
    {
      self->queue_tick = 0;
      return G_SOURCE_REMOVE;
    }
  return G_SOURCE_CONTINUE;
}

/* (transfer full) (nullable): the footer's sentence while the document is in the queue
 * (QUEUED, or FAILED and still queued), NULL otherwise. */
char *
_dossier_document_slot_queue_text (DossierDocumentSlot *self)
{
  gint64 now = g_get_monotonic_time ();
  guint seconds;

  /* Waiting its turn; after a failure, or while the server cannot be reached (the reason
   * on the line below), waiting for the server. */
  if (self->upload_state == DOSSIER_DOCUMENT_UPLOAD_QUEUED)
    return g_strdup (self->upload_message != NULL
                     ? _("Waiting for the server — it will be sent automatically")
                     : _("Waiting to be sent — it will be sent automatically"));
  if (self->upload_state != DOSSIER_DOCUMENT_UPLOAD_FAILED)
    return NULL;

  if (self->next_try == 0)
    return g_strdup (_("Not sent yet — it stays queued until you try again"));
  if (self->next_try <= now)
    return g_strdup (_("Waiting for the server — trying again now"));

  seconds = (guint) ((self->next_try - now + G_USEC_PER_SEC - 1) / G_USEC_PER_SEC);
  if (seconds < 120)
    /* Translators: %u is a number of seconds; "s" is the unit */
    return g_strdup_printf (_("Waiting for the server — it will be sent automatically (next try in %u s)"),
                            seconds);
  /* Translators: %u is a number of minutes; "min" is the unit */
  return g_strdup_printf (_("Waiting for the server — it will be sent automatically (next try in %u min)"),
                          (seconds + 59) / 60);
}

/* Called by _dossier_document_slot_update(): the reason line, the buttons, the countdown. */
void
_dossier_document_slot_update_queue (DossierDocumentSlot *self)
{
  gboolean queued = self->upload_state == DOSSIER_DOCUMENT_UPLOAD_QUEUED
                    || self->upload_state == DOSSIER_DOCUMENT_UPLOAD_FAILED;
  gboolean reason = queued && self->upload_message != NULL && *self->upload_message != '\0';

  gtk_label_set_label (GTK_LABEL (self->upload_reason), reason ? self->upload_message : "");
  gtk_widget_set_visible (self->upload_reason, reason);
  gtk_widget_set_visible (self->cancel_button, queued);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "document.cancel-upload", queued);

  if (self->upload_state == DOSSIER_DOCUMENT_UPLOAD_FAILED && self->next_try > g_get_monotonic_time ())
    {
      if (self->queue_tick == 0)
        self->queue_tick = g_timeout_add_seconds (1, queue_tick_cb, self);
    }
  else
    g_clear_handle_id (&self->queue_tick, g_source_remove);
}

void
_dossier_document_slot_dispose_queue (DossierDocumentSlot *self)
{
  g_clear_handle_id (&self->queue_tick, g_source_remove);
}

/**
 * dossier_document_slot_set_next_try:
 * @self: a #DossierDocumentSlot
 * @retry_at: when the uploader sends the waiting document again by itself, in
 *   g_get_monotonic_time() microseconds; 0 when it does not (only Try Now does)
 */
void
dossier_document_slot_set_next_try (DossierDocumentSlot *self,
                                    gint64               retry_at)
{
  g_return_if_fail (DOSSIER_IS_DOCUMENT_SLOT (self));

  if (self->next_try == retry_at)
    return;
  self->next_try = MAX (retry_at, 0);
  _dossier_document_slot_update (self);
}

gint64
dossier_document_slot_get_next_try (DossierDocumentSlot *self)
{
  g_return_val_if_fail (DOSSIER_IS_DOCUMENT_SLOT (self), 0);

  return self->next_try;
}

static void
cancel_upload_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  DossierDocumentSlot *self = DOSSIER_DOCUMENT_SLOT (widget);

  if (self->upload_state != DOSSIER_DOCUMENT_UPLOAD_QUEUED && self->upload_state != DOSSIER_DOCUMENT_UPLOAD_FAILED)
    return;
  g_signal_emit (self, cancel_requested_signal, 0);
}

/**
 * dossier_document_slot_upload_cancelled:
 * @self: a #DossierDocumentSlot
 *
 * The window took the document out of the queue: it is an unsent draft again, its
 * pictures and values still on the slot.
 */
void
dossier_document_slot_upload_cancelled (DossierDocumentSlot *self)
{
  g_return_if_fail (DOSSIER_IS_DOCUMENT_SLOT (self));

  self->next_try = 0;
  dossier_document_slot_set_upload_state (self, DOSSIER_DOCUMENT_UPLOAD_NONE, NULL);
}

void
_dossier_document_slot_class_init_queue (GtkWidgetClass *widget_class)
{
  /* DossierDocumentSlot::cancel-requested: the person chose Cancel on a queued document;
   * the window takes it out of the uploader's queue. */
  cancel_requested_signal = g_signal_new ("cancel-requested", G_TYPE_FROM_CLASS (widget_class),
                                          G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  gtk_widget_class_install_action (widget_class, "document.cancel-upload", NULL, cancel_upload_action);
}
