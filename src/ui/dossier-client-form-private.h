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
  GtkWidget   *date_hint;       /* the locale's date pattern, while the date is empty */

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

/* dossier-client-form-date.c */
/* The birth date's entry row: the locale's date pattern as its placeholder, a calendar. */
void  _dossier_client_form_setup_date_row      (DossierClientForm *self,
                                                GtkWidget         *row,
                                                GtkWidget         *delegate);
/* (transfer full): message (taken) as the date rows word it: the locale's format, never ISO. */
char *_dossier_client_form_birth_date_message  (DossierClientForm *self,
                                                char              *message);

G_END_DECLS
