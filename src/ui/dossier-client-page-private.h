/* dossier-client-page-private.h — the client page's state, shared by its files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "dossier-client-page.h"

G_BEGIN_DECLS

struct _DossierClientPage
{
  GtkWidget            parent_instance;

  GtkStack            *stack;
  GtkLabel            *name_label;
  GtkLabel            *summary_label;
  AdwPreferencesGroup *requests_group;
  GtkWidget           *requests_header;      /* heading beside or above its buttons */
  GtkLabel            *requests_description;
  GtkSpinner          *spinner;
  AdwActionRow        *id_row;
  AdwActionRow        *status_row;
  AdwActionRow        *email_row;
  AdwActionRow        *phone_row;
  AdwActionRow        *birth_row;
  AdwActionRow        *address_row;
  AdwActionRow        *created_row;
  AdwActionRow        *updated_row;
  GtkWidget           *timeline_view;  /* DossierTimelineView (helper D1) */
  GtkWidget           *scroller;       /* DossierTimelineScroller */

  DossierClient       *client;
  DossierRequestCache *cache;
  GSignalGroup        *client_signals;
  GCancellable        *cancellable;
  GPtrArray           *request_rows;
  GPtrArray           *requests;     /* DossierProductRequest, as last shown */
  gint64               checked_at;   /* when the requests shown were fetched, UTC µs */
  guint                n_requests;
  guint                loading : 1;
};

/* dossier-client-page.c */
void       _dossier_client_page_load_requests       (DossierClientPage     *self);
void       _dossier_client_page_show_requests       (DossierClientPage     *self,
                                                     GPtrArray             *requests,
                                                     gint64                 checked_at,
                                                     gboolean               from_server);

/* dossier-client-page-layout.c */
void       _dossier_client_page_setup_layout        (DossierClientPage     *self);
void       _dossier_client_page_set_requests_description (DossierClientPage *self,
                                                     const char            *description);
void       _dossier_client_page_make_inert          (GtkWidget             *row);
void       _dossier_client_page_class_init_shortcuts (GtkWidgetClass       *widget_class);

/* dossier-client-page-requests.c */
void       _dossier_client_page_class_init_requests (GtkWidgetClass        *widget_class);
void       _dossier_client_page_update_request_actions (DossierClientPage  *self);
void       _dossier_client_page_requests_shown      (DossierClientPage     *self,
                                                     GPtrArray             *requests,
                                                     gboolean               from_server);
GtkWidget *_dossier_client_page_new_request_row     (DossierClientPage     *self,
                                                     DossierProductRequest *request);

G_END_DECLS
