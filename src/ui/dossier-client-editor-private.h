/* dossier-client-editor-private.h — the editor's state, shared by its files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "dossier-client-editor.h"

G_BEGIN_DECLS

struct _DossierClientEditor
{
  AdwWindow            parent_instance;

  AdwToastOverlay     *toast_overlay;
  AdwWindowTitle      *window_title;
  GtkWidget           *cancel_button;
  GtkWidget           *back_button;
  GtkWidget           *primary_button;
  GtkSpinner          *busy_spinner;
  GtkRevealer         *draft_revealer;
  GtkLabel            *draft_label;
  GtkRevealer         *error_revealer;
  GtkLabel            *error_label;
  GtkWidget           *copy_trace_button;
  GtkWidget           *retry_button;      /* in the error banner, made in init */
  GtkWidget           *details_button;
  GtkWidget           *show_client_button;
  GtkStack            *stack;
  GtkSpinner          *loading_spinner;
  DossierClientForm   *form;
  GtkWidget           *summary_box;
  DossierConflictView *conflict_view;

  DossierApi          *api;
  DossierJournal      *journal;
  DossierClient       *shown;    /* edit: the list's object, updated in place on success */
  DossierClient       *base;     /* edit: the server's copy the edit starts from */
  DossierClient       *pending;  /* edit: what will be sent */
  GPtrArray           *changes;
  JsonObject          *draft;
  GCancellable        *cancellable;
  char                *trace_id;
  char                *duplicate_email;   /* the banner is about this address */
  guint                draft_source;
  guint                busy : 1;
};

void _dossier_client_editor_show_page      (DossierClientEditor *self,
                                            const char          *page);
void _dossier_client_editor_set_busy       (DossierClientEditor *self,
                                            gboolean             busy);
/* dossier-client-editor-banner.c: the error banner. what NULL: a create or save that
 * did not go through ("… Your changes are kept as a draft.") */
void _dossier_client_editor_init_banner    (DossierClientEditor *self);
void _dossier_client_editor_hide_error     (DossierClientEditor *self);
void _dossier_client_editor_show_error     (DossierClientEditor *self,
                                            const char          *what,
                                            const GError        *error);
void _dossier_client_editor_show_client    (GtkWidget           *widget,
                                            const char          *action_name,
                                            GVariant            *parameter);
void _dossier_client_editor_send_failed    (DossierClientEditor *self,
                                            const char          *what,
                                            const GError        *error);
void _dossier_client_editor_finish_saved   (DossierClientEditor *self,
                                            DossierClient       *client);
void _dossier_client_editor_offer_draft    (DossierClientEditor *self);
void _dossier_client_editor_record_event   (DossierClientEditor *self,
                                            DossierClient       *client,
                                            const char          *kind,
                                            JsonObject          *details);

/* dossier-client-editor-guard.c: editing with the full-replacement guard */
void _dossier_client_editor_start_edit     (DossierClientEditor *self);
void _dossier_client_editor_review_changes (DossierClientEditor *self);
void _dossier_client_editor_save_changes   (DossierClientEditor *self);
void _dossier_client_editor_accept_resolution (DossierClientEditor *self);

G_END_DECLS
