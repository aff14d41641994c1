/* dossier-document-slot-private.h — the state DossierDocumentSlot's files share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "dossier-document-slot.h"
#include "dossier-rejected-item.h"

G_BEGIN_DECLS

/* The longer side of the preview the pipeline makes (the viewer shows the decoded upload
 * bytes once they are there). */
#define DOSSIER_DOCUMENT_SLOT_PREVIEW_SIZE 1024

typedef struct {
  DossierDocumentImage *image;        /* prepared, or being prepared */
  GCancellable         *cancellable;
  guint                 generation;
  guint                 quarter_turns;
  gboolean              busy;
  char                 *error;        /* why the picture cannot be used at all */
  char                 *name;         /* the file's display name, or NULL when pasted */
  char                 *uri;          /* the file's URI (kept for a draft), or NULL when pasted */
  char                 *draft_path;   /* a picture without a file: its bytes kept for the draft */
  guint                 picture;      /* counts the pictures given to the side (restart_side) */
  guint                 shown_turns;  /* the quarter turns of the texture on screen */
} DossierSlotSide;

struct _DossierDocumentSlot
{
  GtkWidget                    parent_instance;

  DossierDocumentGroup        *group;          /* a deep copy */
  char                        *document_type;
  gboolean                     satisfied;
  DossierDocumentUploadState   upload_state;
  char                        *upload_message;
  double                       upload_fraction;  /* SENDING: 0–1, or -1 while pulsing */
  guint                        pulse_source;
  gint64                       next_try;         /* FAILED: the uploader's next try, monotonic µs */
  guint                        queue_tick;       /* the countdown to it */
  DossierUploader             *followed;         /* dossier_document_slot_follow_upload() */
  gint64                       followed_id;
  DossierSlotSide              sides[2];
  DossierDocumentSide          current_side;
  GHashTable                  *metadata_values; /* id → JsonNode, kept across alternatives */

  /* The rejection: reasons, the document type and the pictures it concerned. */
  GPtrArray                   *rejections;      /* DossierRejectedItem */
  DossierDocumentImage        *rejected_images[2];
  GdkTexture                  *rejected_textures[2];
  GHashTable                  *rejected_values; /* id → the value as JSON text ("" empty) when rejected */
  JsonObject                  *sent_metadata;   /* the metadata of the last document built */
  char                        *draft_owner;     /* the client id the draft files are named for */

  GtkWidget                   *box;
  GtkWidget                   *title;
  GtkWidget                   *description;
  GtkWidget                   *status;
  GtkWidget                   *alternatives;
  GtkWidget                   *alternatives_box;
  GtkWidget                   *places;
  GtkWidget                   *place[2];
  GtkWidget                   *place_title[2];
  GtkWidget                   *place_error[2];  /* why the picture chosen there cannot be used */
  GtkWidget                   *preview_box;
  GtkWidget                   *preview_stack;
  GtkWidget                   *edit_buttons;
  GtkWidget                   *toolbar;
  GtkWidget                   *toolbar_rule;
  GtkWidget                   *done_title;
  GtkWidget                   *viewer;
  GtkWidget                   *side_switch;
  GtkWidget                   *side_buttons[2];
  GtkWidget                   *both_button;
  GtkWidget                   *add_back_button;
  GtkWidget                   *rejection_box;
  GtkWidget                   *rejection_label;
  GtkWidget                   *compare;
  GtkWidget                   *checks;
  GtkWidget                   *metadata;
  GtkWidget                   *footer;
  GtkWidget                   *upload_spinner;
  GtkWidget                   *upload_progress;
  GtkWidget                   *upload_label;
  GtkWidget                   *upload_reason;   /* why it waits in the queue */
  GtkWidget                   *retry_button;    /* Try Now */
  GtkWidget                   *cancel_button;   /* out of the queue */
  GtkWidget                   *upload_button;
  GtkWidget                   *done_row;
  GtkDropTarget               *drop_target;
  GtkFileChooserNative        *chooser;
};

/* dossier-document-slot.c */
const DossierDocumentAlternative *_dossier_document_slot_get_alternative (DossierDocumentSlot *self);
void        _dossier_document_slot_notify_state   (DossierDocumentSlot  *self);
/* The unsent work changed: emits DossierDocumentSlot::draft-changed. */
void        _dossier_document_slot_draft_changed  (DossierDocumentSlot  *self);

/* dossier-document-slot-view.c */
void        _dossier_document_slot_build_widgets  (DossierDocumentSlot  *self);
void        _dossier_document_slot_update         (DossierDocumentSlot  *self);

void        _dossier_document_slot_emit_upload    (DossierDocumentSlot  *self);
void        _dossier_document_slot_emit_retry     (DossierDocumentSlot  *self);

/* dossier-document-slot-load.c: a call about one side, ignored once the side moved on. */
typedef struct {
  DossierDocumentSlot *self;
  DossierDocumentSide  side;
  guint                generation;
} SideCall;

SideCall   *_dossier_side_call_new                (DossierDocumentSlot  *self,
                                                   DossierDocumentSide   side);
void        _dossier_side_call_free               (SideCall             *call);
gboolean    _dossier_side_call_current            (SideCall             *call);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SideCall, _dossier_side_call_free)

DossierSlotSide *_dossier_document_slot_restart_side (DossierDocumentSlot *self,
                                                   DossierDocumentSide   side);
void        _dossier_document_slot_set_busy       (DossierDocumentSlot  *self,
                                                   DossierDocumentSide   side,
                                                   gboolean              busy);
void        _dossier_document_slot_turn           (DossierDocumentSlot  *self,
                                                   guint                 quarter_turns);
void        _dossier_document_slot_open_file      (DossierDocumentSlot  *self,
                                                   DossierDocumentSide   side,
                                                   GFile                *file);
/* As _open_file(), the picture turned by @quarter_turns (a draft brought back). */
void        _dossier_document_slot_open_file_turned (DossierDocumentSlot *self,
                                                   DossierDocumentSide   side,
                                                   GFile                *file,
                                                   guint                 quarter_turns);
void        _dossier_document_slot_open_bytes     (DossierDocumentSlot  *self,
                                                   DossierDocumentSide   side,
                                                   GBytes               *bytes,
                                                   GdkTexture           *texture);
void        _dossier_document_slot_clear_side     (DossierDocumentSlot  *self,
                                                   DossierDocumentSide   side);
void        _dossier_document_slot_cancel_all     (DossierDocumentSlot  *self);

/* dossier-document-slot-input.c */
void        _dossier_document_slot_init_input     (DossierDocumentSlot  *self);
void        _dossier_document_slot_class_init_input (GtkWidgetClass     *widget_class);
/* For tests: builds the file chooser for @side as the action would, without showing it. */
GtkFileChooserNative *_dossier_document_slot_build_chooser (DossierDocumentSlot *self,
                                                   DossierDocumentSide   side);
GtkDropTarget *_dossier_document_slot_get_drop_target (DossierDocumentSlot *self);

/* dossier-document-slot-progress.c */
char       *_dossier_document_slot_progress_text  (DossierDocumentSlot  *self);
void        _dossier_document_slot_progress_state_changed (DossierDocumentSlot *self,
                                                   DossierDocumentUploadState old_state);
void        _dossier_document_slot_stop_following (DossierDocumentSlot  *self);

/* dossier-document-slot-queue.c */
void        _dossier_document_slot_class_init_queue (GtkWidgetClass     *widget_class);
void        _dossier_document_slot_dispose_queue  (DossierDocumentSlot  *self);
/* The footer's sentence while queued (NULL otherwise), and its reason line and buttons. */
char       *_dossier_document_slot_queue_text     (DossierDocumentSlot  *self);
void        _dossier_document_slot_update_queue   (DossierDocumentSlot  *self);

/* dossier-document-slot-checks.c */
gboolean    _dossier_document_slot_is_expiry_key  (const char           *id);
/* "15 January 2020" (long) or "15 Jan 2020"; NULL when @iso is no date. */
char       *_dossier_document_slot_format_date    (const char           *iso,
                                                   gboolean              abbreviated);
/* (nullable): the blocking sentence about an expiry date in the past. */
char       *_dossier_document_slot_expired_message (DossierDocumentSlot *self);
/* The footer's sentence naming what is missing before the upload, or NULL when ready. */
char       *_dossier_document_slot_missing_text   (DossierDocumentSlot  *self);
/* Remembers the metadata values the rejection is about. */
void        _dossier_document_slot_snapshot_rejected (DossierDocumentSlot *self);
/* (transfer container): the rejected items not yet addressed (no new picture for a picture
 * reason, the field it names unchanged). */
GPtrArray  *_dossier_document_slot_open_rejections (DossierDocumentSlot *self);
/* Whether anything changed since the rejection (a picture or a metadata value). */
gboolean    _dossier_document_slot_changed_since_rejection (DossierDocumentSlot *self);

/* dossier-document-slot-unsent.c */
/* The accepted row's subtitle: "Passport · AB1234567 · expires 21 Nov 2031". */
char       *_dossier_document_slot_sent_subtitle  (DossierDocumentSlot  *self,
                                                   const char           *label);
/* dossier-document-slot-draft.c */
/* Writes @bytes (a picture without a file) into the drafts folder, off the main thread;
 * the side refers to it once written (a draft-changed follows). */
void        _dossier_document_slot_keep_bytes     (DossierDocumentSlot  *self,
                                                   DossierDocumentSide   side,
                                                   GBytes               *bytes);
/* Deletes the draft file of @side, if any. */
void        _dossier_document_slot_forget_draft_file (DossierDocumentSlot *self,
                                                   DossierDocumentSide   side);

/* dossier-document-slot-build.c */
void        _dossier_document_slot_class_init_build (GtkWidgetClass     *widget_class);
void        _dossier_document_slot_rebuild_metadata (DossierDocumentSlot *self);
void        _dossier_document_slot_update_checks  (DossierDocumentSlot  *self);
/* For tests: the sentences of the checks list, blocking ones first. */
GPtrArray  *_dossier_document_slot_get_check_messages (DossierDocumentSlot *self,
                                                   gboolean             blocking);
GtkWidget  *_dossier_document_slot_get_metadata_row (DossierDocumentSlot *self,
                                                   const char           *id);
/* For tests: the advisory confirmation, or NULL when none is shown. */
AdwMessageDialog *_dossier_document_slot_get_confirmation (DossierDocumentSlot *self);

G_END_DECLS
