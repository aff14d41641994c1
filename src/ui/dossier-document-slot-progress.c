/* dossier-document-slot-progress.c — the slot's progress bar while its document is sent
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * While the upload is SENDING the footer shows a bar with the part of the document on the
 * wire and "Uploading… 42 %"; the bar pulses (about ten times a second) only while the size
 * is unknown. dossier_document_slot_follow_upload() takes the fractions straight from the
 * uploader's DossierUploader::upload-progress.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "dossier-document-slot-private.h"

#define PULSE_INTERVAL_MS 100

static void
stop_pulsing (DossierDocumentSlot *self)
{
  g_clear_handle_id (&self->pulse_source, g_source_remove);
}

static gboolean
pulse_cb (gpointer user_data)
{
  DossierDocumentSlot *self = user_data;

  gtk_progress_bar_pulse (GTK_PROGRESS_BAR (self->upload_progress));

  return G_SOURCE_CONTINUE;
}

/* What the footer's line says while the document is sent. */
char *
_dossier_document_slot_progress_text (DossierDocumentSlot *self)
{
  if (self->upload_fraction < 0)
    return g_strdup (_("Uploading…"));
  if (self->upload_fraction >= 1.0)
    return g_strdup (_("Uploaded, waiting for the server’s answer…"));

  /* Translators: the upload's progress, as a whole percentage (e.g. "Uploading… 42 %");
   * write the number and the percent sign as your language does. */
  return g_strdup_printf (_("Uploading… %d %%"), (int) floor (self->upload_fraction * 100.0));
}

static void
show_fraction (DossierDocumentSlot *self)
{
  g_autofree char *text = NULL;

  if (self->upload_state != DOSSIER_DOCUMENT_UPLOAD_SENDING)
    return;

  text = _dossier_document_slot_progress_text (self);
  gtk_label_set_label (GTK_LABEL (self->upload_label), text);
}

void
dossier_document_slot_set_upload_progress (DossierDocumentSlot *self,
                                           double               fraction)
{
  g_return_if_fail (DOSSIER_IS_DOCUMENT_SLOT (self));

  if (fraction < 0)
    {
      self->upload_fraction = -1.0;
      gtk_progress_bar_pulse (GTK_PROGRESS_BAR (self->upload_progress));
      if (self->pulse_source == 0 && self->upload_state == DOSSIER_DOCUMENT_UPLOAD_SENDING)
        self->pulse_source = g_timeout_add (PULSE_INTERVAL_MS, pulse_cb, self);
    }
  else
    {
      stop_pulsing (self);
      self->upload_fraction = CLAMP (fraction, 0.0, 1.0);
      gtk_progress_bar_set_fraction (GTK_PROGRESS_BAR (self->upload_progress), self->upload_fraction);
    }
  show_fraction (self);
}

/**
 * dossier_document_slot_get_upload_progress:
 * @self: a #DossierDocumentSlot
 *
 * Returns: the part of the document on the wire (0.0–1.0), -1.0 while its size is unknown
 */
double
dossier_document_slot_get_upload_progress (DossierDocumentSlot *self)
{
  g_return_val_if_fail (DOSSIER_IS_DOCUMENT_SLOT (self), 0.0);

  return self->upload_fraction;
}

/* The upload state changed from @old_state: a new send starts at 0, and nothing is
 * followed once the document is no longer on its way. */
void
_dossier_document_slot_progress_state_changed (DossierDocumentSlot        *self,
                                               DossierDocumentUploadState  old_state)
{
  if (self->upload_state == DOSSIER_DOCUMENT_UPLOAD_SENDING)
    {
      if (old_state != DOSSIER_DOCUMENT_UPLOAD_SENDING)
        {
          self->upload_fraction = 0.0;
          gtk_progress_bar_set_fraction (GTK_PROGRESS_BAR (self->upload_progress), 0.0);
        }
      return;
    }

  stop_pulsing (self);
  if (self->upload_state != DOSSIER_DOCUMENT_UPLOAD_QUEUED)
    _dossier_document_slot_stop_following (self);
}

void
_dossier_document_slot_stop_following (DossierDocumentSlot *self)
{
  stop_pulsing (self);
  if (self->followed != NULL)
    g_signal_handlers_disconnect_by_data (self->followed, self);
  g_clear_object (&self->followed);
  self->followed_id = 0;
}

static void
upload_progress_cb (DossierUploader     *uploader,
                    gint64               upload_id,
                    double               fraction,
                    DossierDocumentSlot *self)
{
  if (upload_id == self->followed_id && self->upload_state == DOSSIER_DOCUMENT_UPLOAD_SENDING)
    dossier_document_slot_set_upload_progress (self, fraction);
}

/**
 * dossier_document_slot_follow_upload:
 * @self: a #DossierDocumentSlot
 * @uploader: the uploader that sends the slot's document
 * @upload_id: the upload (as dossier_uploader_enqueue_finish() returned it)
 *
 * Shows @uploader's progress of @upload_id while the slot is SENDING (see
 * dossier_document_slot_set_upload_state()), until the slot's upload ends.
 */
void
dossier_document_slot_follow_upload (DossierDocumentSlot *self,
                                     DossierUploader     *uploader,
                                     gint64               upload_id)
{
  g_autoptr(DossierUploadInfo) info = NULL;

  g_return_if_fail (DOSSIER_IS_DOCUMENT_SLOT (self));
  g_return_if_fail (DOSSIER_IS_UPLOADER (uploader));

  if (self->followed != uploader || self->followed_id != upload_id)
    {
      _dossier_document_slot_stop_following (self);
      self->followed = g_object_ref (uploader);
      self->followed_id = upload_id;
      g_signal_connect (uploader, "upload-progress", G_CALLBACK (upload_progress_cb), self);
    }

  info = dossier_uploader_lookup (uploader, upload_id);
  if (info != NULL && info->status == DOSSIER_UPLOAD_STATUS_SENDING &&
      self->upload_state == DOSSIER_DOCUMENT_UPLOAD_SENDING)
    dossier_document_slot_set_upload_progress (self, info->progress);
}
