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
  DossierSlotSide              sides[2];
  DossierDocumentSide          current_side;
  GHashTable                  *metadata_values; /* id → JsonNode, kept across alternatives */

  /* The rejection: reasons, the document type and the pictures it concerned. */
  GPtrArray                   *rejections;      /* DossierRejectedItem */
  DossierDocumentImage        *rejected_images[2];
  GdkTexture                  *rejected_textures[2];

  GtkWidget                   *box;
  GtkWidget                   *title;
  GtkWidget                   *description;
  GtkWidget                   *status;
  GtkWidget                   *alternatives;
  GtkWidget                   *alternatives_box;
  GtkWidget                   *places;
  GtkWidget                   *place[2];
  GtkWidget                   *place_title[2];
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
  GtkWidget                   *retry_button;
  GtkWidget                   *upload_button;
  GtkWidget                   *done_row;
  GtkDropTarget               *drop_target;
  GtkFileChooserNative        *chooser;
};

/* dossier-document-slot.c */
const DossierDocumentAlternative *_dossier_document_slot_get_alternative (DossierDocumentSlot *self);
void        _dossier_document_slot_notify_state   (DossierDocumentSlot  *self);

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
