/* dossier-choice-strip.h — one choice among a few: linked toggles, or a drop-down when
 * they do not fit
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define DOSSIER_TYPE_CHOICE_STRIP (dossier_choice_strip_get_type ())

G_DECLARE_FINAL_TYPE (DossierChoiceStrip, dossier_choice_strip, DOSSIER, CHOICE_STRIP, GtkWidget)

GtkWidget  *dossier_choice_strip_new             (void);
/* The choices, by id, with the labels people read (both NULL-terminated, as long as
 * each other); the first is chosen unless the chosen id is among them. */
void        dossier_choice_strip_set_choices     (DossierChoiceStrip *self,
                                                  const char * const *ids,
                                                  const char * const *labels);
/* (nullable): the id chosen; "notify::selected-id" says when it changes. */
const char *dossier_choice_strip_get_selected_id (DossierChoiceStrip *self);
void        dossier_choice_strip_set_selected_id (DossierChoiceStrip *self,
                                                  const char         *id);
/* TRUE while the drop-down is shown (the toggles did not fit). */
gboolean    dossier_choice_strip_get_compact     (DossierChoiceStrip *self);

G_END_DECLS
