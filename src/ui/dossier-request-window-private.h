/* dossier-request-window-private.h — the request window's state, shared by its files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "dossier-api.h"
#include "dossier-document-slot.h"
#include "dossier-journal.h"
#include "dossier-request-window.h"
#include "dossier-review-watcher.h"
#include "dossier-uploader.h"

G_BEGIN_DECLS

struct _DossierRequestWindow
{
  AdwWindow              parent_instance;

  AdwWindowTitle        *title;
  GtkWidget             *submit_button;
  GtkWidget             *spinner;
  GtkWidget             *submit_status;    /* DossierCallStatus under the header bar */
  AdwToastOverlay       *toast_overlay;

  /* the state card */
  GtkWidget             *state_card;
  GtkWidget             *state_icon;
  GtkWidget             *state_title;
  GtkWidget             *state_description;
  GtkWidget             *state_detail;
  GtkWidget             *again_button;
  GtkWidget             *edit_button;      /* Edit Client…, beside Request Again */
  GtkWidget             *rejected_actions; /* both of them */

  AdwPreferencesGroup   *previous_group;
  GPtrArray             *previous_rows;
  GtkWidget             *form;
  GtkWidget             *save_button;
  GtkWidget             *save_box;
  AdwPreferencesGroup   *details_group;
  AdwActionRow          *product_row;
  AdwActionRow          *request_id_row;
  AdwActionRow          *created_row;
  AdwActionRow          *updated_row;
  AdwPreferencesGroup   *documents_group;
  GtkWidget             *documents_box;
  GtkWidget             *submitted;        /* DossierSubmittedView, once the request left the desk */
  char                  *submitted_for;    /* "id status" it was last loaded for */
  GHashTable            *slots;            /* group id → DossierDocumentSlot */
  GHashTable            *uploads;          /* upload id (gint64 *) → group id */

  GWeakRef               parent;           /* DossierWindow */
  DossierApi            *api;
  DossierJournal        *journal;
  DossierReviewWatcher  *watcher;
  DossierUploader       *uploader;
  DossierClient         *client;
  DossierProductRequest *request;
  GPtrArray             *previous;         /* DossierProductRequest, oldest first */
  GCancellable          *cancellable;
  char                  *state_title_text;
  char                  *state_description_text;
  DossierRequestState    state;
  guint                  tick_id;
  guint                  refresh_id;       /* a quiet re-read after the client changed */
  guint                  busy : 1;
  guint                  refreshing : 1;
  guint                  refresh_again : 1;
  guint                  discard_confirmed : 1;  /* the person chose to discard unsent documents */
  guint                  keep_confirmed : 1;     /* … or to keep them as a draft */
  /* The draft of the slots' unsent work (dossier-request-window-drafts.c). */
  char                  *documents_for;          /* the request id it was loaded for */
  guint                  documents_save_id;      /* the save, a moment after a change */
  guint                  documents_loading : 1;  /* the journal was asked */
  guint                  documents_loaded : 1;   /* the journal answered: changes are saved */
  guint                  documents_dirty : 1;    /* a change came before it answered */
};

/* dossier-request-window-actions.c */
void _dossier_request_window_class_init_actions (GtkWidgetClass       *widget_class);
void _dossier_request_window_connect_services   (DossierRequestWindow *self);
void _dossier_request_window_update_actions     (DossierRequestWindow *self);
void _dossier_request_window_set_busy           (DossierRequestWindow *self,
                                                 gboolean              busy);
void _dossier_request_window_sync_slots         (DossierRequestWindow *self,
                                                 GPtrArray            *rejected_items);
/* Reads the request again without the busy state (nothing is shown unless it changed):
 * what is missing follows the client at once on the server. Only while it is open. */
void _dossier_request_window_refresh_quietly    (DossierRequestWindow *self);
/* dossier-request-window-close.c: TRUE when closing waits for the person's answer. */
gboolean _dossier_request_window_confirm_close  (DossierRequestWindow *self);

/* requested or pending_documentation: data and documents may still be sent, submit too. */
gboolean _dossier_request_window_is_editable    (DossierProductRequest *request);

/* dossier-request-window-drafts.c: the slots' unsent work kept in the journal, under
 * "<request id>#documents" as {"_documents": {group id: the slot's draft}}. */
void _dossier_request_window_load_documents     (DossierRequestWindow *self);
void _dossier_request_window_slot_draft_changed (DossierRequestWindow *self,
                                                 DossierDocumentSlot  *slot);
void _dossier_request_window_save_documents_now (DossierRequestWindow *self);
void _dossier_request_window_discard_documents  (DossierRequestWindow *self);
/* The uploader holds the group's document now: the draft lets go of it at once. */
void _dossier_request_window_documents_queued   (DossierRequestWindow *self,
                                                 const char           *group_id);
/* The slot's Cancel: its queued upload leaves the uploader's queue; the picture stays on
 * the slot as unsent work (saved as a draft). */
void _dossier_request_window_slot_cancel_requested (DossierRequestWindow *self,
                                                    DossierDocumentSlot  *slot);
/* Whether closing keeps every unsent picture and value as a draft. */
gboolean _dossier_request_window_documents_kept (DossierRequestWindow *self);
/* (transfer full): the journal key of the request's documents draft. */
char *_dossier_request_window_documents_key     (const char           *request_id);

/* dossier-request-window-sent.c */
/* What was sent, instead of the form, while shown is TRUE (read again when the request
 * or its status changed). */
void _dossier_request_window_show_submitted     (DossierRequestWindow *self,
                                                 gboolean              shown);
/* dossier-request-window-actions.c: one upload of the uploader on its slot, if it is ours. */
void _dossier_request_window_show_upload        (DossierRequestWindow    *self,
                                                 const DossierUploadInfo *info);
/* dossier-request-window-sent.c: "Dossier cannot reach the server…" while the scheduler
 * finds it unreachable, else NULL. */
const char *_dossier_request_window_unreachable_text (DossierRequestWindow *self);
/* Reads the request from the server now (the window was just made from what the page
 * had) and again whenever the request cache says the client's requests changed. */
void _dossier_request_window_follow_server      (DossierRequestWindow *self);
/* The client changed: read the request again (quietly, after a moment) while it is open. */
void _dossier_request_window_client_notify_cb   (DossierRequestWindow *self);

/* dossier-request-window-state.c */
GtkWidget *_dossier_request_window_build_state_card (DossierRequestWindow *self);
void _dossier_request_window_class_init_state   (GtkWidgetClass       *widget_class);
void _dossier_request_window_show_state         (DossierRequestWindow *self);
void _dossier_request_window_show_previous      (DossierRequestWindow *self);
void _dossier_request_window_show_details       (DossierRequestWindow *self);
char *_dossier_request_window_missing_names     (DossierProductRequest *request,
                                                 gboolean               blocking_only);

G_END_DECLS
