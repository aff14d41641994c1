/* dossier-document-slot.h — one document group of a request: pick, prepare, check, upload
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>
#include <json-glib/json-glib.h>

#include "dossier-document-image.h"
#include "dossier-document-viewer.h"
#include "dossier-requirements.h"
#include "dossier-uploader.h"

G_BEGIN_DECLS

typedef enum {
  DOSSIER_DOCUMENT_UPLOAD_NONE,      /* nothing handed to the uploader yet */
  DOSSIER_DOCUMENT_UPLOAD_QUEUED,    /* waiting in the journal's queue */
  DOSSIER_DOCUMENT_UPLOAD_SENDING,   /* on the wire; progress through _set_upload_progress */
  DOSSIER_DOCUMENT_UPLOAD_FAILED,    /* still queued; `document.retry` sends it again */
  DOSSIER_DOCUMENT_UPLOAD_ACCEPTED,  /* the server accepted it: the group is satisfied */
  DOSSIER_DOCUMENT_UPLOAD_REJECTED,  /* the server answered with rejected items */
} DossierDocumentUploadState;

#define DOSSIER_TYPE_DOCUMENT_SLOT (dossier_document_slot_get_type ())
G_DECLARE_FINAL_TYPE (DossierDocumentSlot, dossier_document_slot, DOSSIER, DOCUMENT_SLOT, GtkWidget)

/* The slot copies what it needs of @group (the requirements may be freed afterwards).
 *
 * Widget actions (group `document.`), reachable with gtk_widget_activate_action():
 *   open ("s" URI: a file for the front; "" shows the file chooser), open-back ("s"),
 *   paste, rotate-left, rotate-right, remove, view, upload, retry, cancel-upload,
 *   select-alternative ("s" document id).
 * Signals:
 *   upload-requested () — the person pressed Upload and confirmed any advisory check;
 *                         read the document with _build_document().
 *   retry-requested ()  — the person asked to send a failed upload again (Try Now).
 *   cancel-requested () — the person chose Cancel on a queued document: the window takes it
 *                         out of the queue, then calls _upload_cancelled().
 *   draft-changed ()    — the unsent work changed (a picture given, turned or removed, a
 *                         metadata value typed, the upload handed over or accepted): the
 *                         window saves _save_draft() a moment later.
 * Properties: `ready` (boolean, read-only), `satisfied` (boolean), `busy` (boolean, read-only),
 *   `group-id` (string, read-only), `document-type` (string). */
GtkWidget            *dossier_document_slot_new                 (const DossierDocumentGroup *group);
void                  dossier_document_slot_set_group           (DossierDocumentSlot        *self,
                                                                 const DossierDocumentGroup *group);
const char           *dossier_document_slot_get_group_id        (DossierDocumentSlot        *self);
const char           *dossier_document_slot_get_document_type   (DossierDocumentSlot        *self);
gboolean              dossier_document_slot_set_document_type   (DossierDocumentSlot        *self,
                                                                 const char                 *document_type);
/* A satisfied group is shown done (the window calls this when the group left
 * missing_requirements, or after an accepted upload). */
void                  dossier_document_slot_set_satisfied       (DossierDocumentSlot        *self,
                                                                 gboolean                    satisfied);
gboolean              dossier_document_slot_get_satisfied       (DossierDocumentSlot        *self);
/* @items: (element-type DossierRejectedItem) (nullable): the `rejected_items` of a response
 * or of the request; those of type "document" whose key is one of this group's alternatives
 * are shown on the slot; the picture they concern is kept to be compared with its
 * replacement. */
void                  dossier_document_slot_set_rejected_items  (DossierDocumentSlot        *self,
                                                                 GPtrArray                  *items);
guint                 dossier_document_slot_get_n_rejections    (DossierDocumentSlot        *self);

/* Sets the metadata value @id of the chosen document (as DossierValueRow takes it; NULL
 * clears), e.g. restored from a draft. Returns FALSE when the document has no such field. */
gboolean              dossier_document_slot_set_metadata_value  (DossierDocumentSlot        *self,
                                                                 const char                 *id,
                                                                 JsonNode                   *value);
/* (transfer full) (nullable): the metadata value @id as it would be sent. */
JsonNode             *dossier_document_slot_get_metadata_value  (DossierDocumentSlot        *self,
                                                                 const char                 *id);

/* The prepared picture of @side, NULL when none was given or while it is prepared. */
DossierDocumentImage *dossier_document_slot_get_image           (DossierDocumentSlot        *self,
                                                                 DossierDocumentSide         side);
DossierDocumentViewer *dossier_document_slot_get_viewer         (DossierDocumentSlot        *self);
gboolean              dossier_document_slot_get_busy            (DossierDocumentSlot        *self);
/* Prepared pictures for every required side, no blocking check, required metadata filled
 * and valid. */
gboolean              dossier_document_slot_get_ready           (DossierDocumentSlot        *self);
/* (transfer full) (nullable): `{"document_type", "image_front", "image_back"?, "metadata"}`
 * as CONTRACT.md §8.7 (the member inside `{"document": …}`), NULL unless ready. */
JsonNode             *dossier_document_slot_build_document      (DossierDocumentSlot        *self);

void                  dossier_document_slot_set_upload_state    (DossierDocumentSlot        *self,
                                                                 DossierDocumentUploadState  state,
                                                                 const char                 *message);
DossierDocumentUploadState
                      dossier_document_slot_get_upload_state    (DossierDocumentSlot        *self);
/* 0.0–1.0 while SENDING ("Uploading… 42 %"); a negative value (size unknown) pulses the
 * bar until a fraction comes. */
void                  dossier_document_slot_set_upload_progress (DossierDocumentSlot        *self,
                                                                 double                      fraction);
/* 0.0–1.0, or -1.0 while pulsing. */
double                dossier_document_slot_get_upload_progress (DossierDocumentSlot        *self);
/* Shows @uploader's DossierUploader::upload-progress of @upload_id while the slot is SENDING,
 * until its upload ends (the window calls it with the upload it shows on the slot). */
void                  dossier_document_slot_follow_upload       (DossierDocumentSlot        *self,
                                                                 DossierUploader            *uploader,
                                                                 gint64                      upload_id);

/* A queued document the uploader could not send yet (FAILED): when it tries again by
 * itself, in g_get_monotonic_time() µs; 0 when only Try Now sends it. The footer counts
 * down to it ("Waiting for the server — it will be sent automatically (next try in 20 s)"). */
void                  dossier_document_slot_set_next_try        (DossierDocumentSlot        *self,
                                                                 gint64                      retry_at);
gint64                dossier_document_slot_get_next_try        (DossierDocumentSlot        *self);
/* The document was taken out of the upload queue unsent: back to NONE, its pictures and
 * values kept as unsent work. */
void                  dossier_document_slot_upload_cancelled    (DossierDocumentSlot        *self);

/* Unsent work: a picture or metadata given and not yet handed to the uploader (nor accepted);
 * after a rejection, what was changed since. The window asks before closing over it. */
gboolean              dossier_document_slot_has_unsent_work     (DossierDocumentSlot        *self);
/* (transfer full) (nullable): the unsent work as a draft for the journal
 * (`{"document_type", "metadata", "front_uri"?, "back_uri"?, "front_file"?, "back_file"?,
 * "front_turns"?, "back_turns"?}`), NULL when there is none. A picture without a file
 * (pasted) is kept as a file of its own in the drafts folder (`*_file`, its name there). */
JsonObject           *dossier_document_slot_save_draft          (DossierDocumentSlot        *self);
/* Brings back what _save_draft() kept; FALSE when it is not for this group or it is done. */
gboolean              dossier_document_slot_restore_draft       (DossierDocumentSlot        *self,
                                                                 JsonObject                 *draft);
/* Whether _save_draft() keeps every picture given (FALSE while a pasted one is still being
 * written, or could not be). */
gboolean              dossier_document_slot_get_draft_complete  (DossierDocumentSlot        *self);
/* The draft is no longer wanted (discarded, or the upload is in the uploader's hands):
 * deletes the files it kept for pictures without one. */
void                  dossier_document_slot_discard_draft       (DossierDocumentSlot        *self);
/* Deletes the files a draft refers to in the drafts folder (a draft not brought back). */
void                  dossier_document_slot_delete_draft_files  (JsonObject                 *draft);
/* The client whose request the slot is for: the files kept for its drafts are named for it. */
void                  dossier_document_slot_set_draft_owner     (DossierDocumentSlot        *self,
                                                                 const char                 *client_id);
/* Deletes every file kept for the drafts of @client_id (the client is forgotten). */
void                  dossier_document_slot_forget_client_drafts (const char                *client_id);
/* (transfer full) (nullable): the folder where pictures without a file are kept for drafts
 * (`drafts` in the core data folder), created with mode 0700. */
char                 *dossier_document_slot_dup_drafts_dir      (GError                    **error);
/* @metadata: (nullable): the metadata sent, shown on the accepted row ("Passport · AB1234567 ·
 * expires 21 Nov 2031"); the slot keeps it itself for what it built. */
void                  dossier_document_slot_set_sent_metadata   (DossierDocumentSlot        *self,
                                                                 JsonObject                 *metadata);

G_END_DECLS
