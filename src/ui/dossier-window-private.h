/* dossier-window-private.h — the window's state, shared by its files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "dossier-account.h"
#include "dossier-api.h"
#include "dossier-client-store.h"
#include "dossier-client-page.h"
#include "dossier-event-recorder.h"
#include "dossier-review-watcher.h"
#include "dossier-uploader.h"
#include "dossier-window.h"

G_BEGIN_DECLS

struct _DossierWindow
{
  AdwApplicationWindow      parent_instance;

  AdwToastOverlay          *toast_overlay;
  GtkStack                 *main_stack;
  AdwStatusPage            *status_page;
  GtkSpinner               *state_spinner;
  GtkButton                *retry_button;
  GtkWidget                *state_menu_button;
  GtkWidget                *back_button;
  AdwLeaflet               *leaflet;
  GtkWidget                *sidebar;
  GtkWidget                *content;
  AdwWindowTitle           *sidebar_title;
  AdwWindowTitle           *content_title;
  GtkSearchBar             *search_bar;
  GtkSearchEntry           *search_entry;
  GtkStack                 *list_stack;
  GtkListView              *list_view;
  DossierClientPage        *page;
  GtkWidget                *refresh_spinner;
  GtkRevealer              *offline_revealer;        /* under the list's header */
  GtkLabel                 *offline_label;
  GtkLabel                 *offline_detail;
  GtkRevealer              *offline_revealer_content; /* under the page's, when folded */
  GtkLabel                 *offline_label_content;
  GtkLabel                 *offline_detail_content;

  GSettings                *settings;
  DossierApi               *api;
  DossierClientList        *clients;
  DossierClientStore       *store;
  DossierRequestCache      *cache;
  DossierReviewWatcher     *watcher;
  DossierUploader          *uploader;
  DossierEventRecorder     *recorder;
  DossierNoteIndex         *notes;
  DossierClientFilterModel *model;
  GtkSingleSelection       *selection;
  GSignalGroup             *page_client_signals; /* the client on the page, edited in place */
  GCancellable             *cancellable;
  guint                     probe_id;      /* while the server cannot be reached */
  guint                     loading : 1;
  guint                     loaded_once : 1;
  guint                     syncing_selection : 1;
  guint                     offline : 1;
  guint                     unreachable : 1; /* the banner says "Offline" */
};

void _dossier_window_class_init_actions (GtkWidgetClass *widget_class);
void _dossier_window_init_actions       (DossierWindow  *self);
void _dossier_window_refresh            (DossierWindow  *self);
void _dossier_window_show_content       (DossierWindow  *self);
void _dossier_window_class_init_editing (GtkWidgetClass *widget_class);
void _dossier_window_init_editing       (DossierWindow  *self);
void _dossier_window_show_loading       (DossierWindow  *self);
void _dossier_window_update_titles      (DossierWindow  *self);

/* dossier-window-reviews.c */
void _dossier_window_follow_reviews     (DossierWindow  *self);
void _dossier_window_follow_cached_reviews (DossierWindow  *self,
                                            DossierJournal *journal);

/* dossier-window-offline.c */
void _dossier_window_init_offline       (DossierWindow  *self);
void _dossier_window_set_loading        (DossierWindow  *self,
                                         gboolean        loading);
void _dossier_window_show_failure       (DossierWindow  *self,
                                         const GError   *error);
void _dossier_window_hide_failure       (DossierWindow  *self);

/* dossier-window-store.c */
void _dossier_window_open_store         (DossierWindow  *self,
                                         DossierAccount *account);
void _dossier_window_load               (DossierWindow  *self);
void _dossier_window_take_clients       (DossierWindow  *self,
                                         GPtrArray      *clients);

G_END_DECLS
