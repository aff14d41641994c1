/* dossier-requirements-form-private.h — the form's state, shared by its files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "dossier-requirements-form.h"
#include "dossier-value-row.h"

G_BEGIN_DECLS

/* One data group as shown: its rows while it is listed, a "Saved" row for what was
 * satisfied since it was first shown. */
typedef struct {
  char       *id;
  GtkWidget  *group;      /* AdwPreferencesGroup, owned by the form's box */
  GtkWidget  *badge;      /* "Optional" */
  GtkWidget  *done_row;
  GPtrArray  *rows;       /* DossierValueRow, in the group (borrowed) */
  GPtrArray  *saved;      /* labels of the fields satisfied since shown */
  gboolean    required;
  gboolean    done;
} DossierFormGroup;

struct _DossierRequirementsForm
{
  GtkWidget              parent_instance;

  GtkWidget             *box;
  GtkWidget             *message_label;
  GtkWidget             *empty_group;
  GPtrArray             *groups;        /* DossierFormGroup, in the order shown */

  DossierApi            *api;
  DossierJournal        *journal;
  DossierClient         *client;
  DossierProductRequest *request;
  GCancellable          *cancellable;   /* the draft's load; replaced per request */
  guint                  draft_source;
  char                  *message;
  guint                  n_blocking;
  gboolean               can_save;
  gboolean               busy;
  gboolean               draft_loaded;
};

void       _dossier_requirements_form_update_state   (DossierRequirementsForm *self);
void       _dossier_requirements_form_set_busy       (DossierRequirementsForm *self,
                                                      gboolean                 busy);
void       _dossier_requirements_form_set_message    (DossierRequirementsForm *self,
                                                      const char              *message);
void       _dossier_requirements_form_emit_saved     (DossierRequirementsForm *self);
void       _dossier_requirements_form_row_changed    (DossierRequirementsForm *self);

/* dossier-requirements-form-groups.c */
void       _dossier_form_group_free                  (DossierFormGroup        *group);
DossierFormGroup *_dossier_requirements_form_find_group (DossierRequirementsForm *self,
                                                      const char              *id);
/* The row of a key in a listed group, or NULL. */
DossierValueRow *_dossier_requirements_form_find_row (DossierRequirementsForm *self,
                                                      const char              *key);
void       _dossier_requirements_form_update_groups  (DossierRequirementsForm *self);
void       _dossier_requirements_form_clear_groups   (DossierRequirementsForm *self);

/* dossier-requirements-form-draft.c */
void       _dossier_requirements_form_schedule_draft (DossierRequirementsForm *self);
void       _dossier_requirements_form_save_draft_now (DossierRequirementsForm *self);
void       _dossier_requirements_form_delete_draft   (DossierRequirementsForm *self);
void       _dossier_requirements_form_load_draft     (DossierRequirementsForm *self);

G_END_DECLS
