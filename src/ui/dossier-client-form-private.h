/* dossier-client-form-private.h — the form's state, shared by its files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "dossier-client-form.h"

G_BEGIN_DECLS

struct _DossierClientForm
{
  GtkWidget    parent_instance;

  GtkWidget   *box;
  GtkWidget   *rows[DOSSIER_CLIENT_N_FIELDS];
  GtkWidget   *messages[DOSSIER_CLIENT_N_FIELDS];
  GtkDropDown *country_dropdown;
  GtkWidget   *calendar_button;
  GtkCalendar *calendar;

  char        *values[DOSSIER_CLIENT_N_FIELDS + 1];
  char        *server_messages[DOSSIER_CLIENT_N_FIELDS];
  char        *shown[DOSSIER_CLIENT_N_FIELDS];
  gboolean     touched[DOSSIER_CLIENT_N_FIELDS];
  gboolean     valid;
  guint        updating;
};

/* Checks every field again and shows the messages (all of them when force). */
void _dossier_client_form_update_validity (DossierClientForm *self,
                                           gboolean           force);
void _dossier_client_form_emit_changed    (DossierClientForm *self);

G_END_DECLS
