/* dossier-client-editor-banner.c — the client editor's error banner
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One banner above the form says why the last call did not go through: a refusal of
 * the data in its own words (with Show Client when another listed client has the
 * email, until the email changes); anything else as one plain sentence with Retry
 * and Details (the technical detail, trace id included, for support).
 */
#include "config.h"

#include <glib/gi18n.h>

#include "dossier-client-editor-private.h"
#include "dossier-error-report.h"
#include "dossier-window.h"

void
_dossier_client_editor_hide_error (DossierClientEditor *self)
{
  gtk_revealer_set_reveal_child (self->error_revealer, FALSE);
  g_clear_pointer (&self->trace_id, g_free);
  g_clear_pointer (&self->duplicate_email, g_free);
}

/* The listed client other than this one whose email is email (the list's: transfer
 * none), or NULL. */
static DossierClient *
find_listed_client (DossierClientEditor *self,
                    const char          *email)
{
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));
  GListModel *clients;

  if (email == NULL || !DOSSIER_IS_WINDOW (parent))
    return NULL;
  clients = G_LIST_MODEL (dossier_window_get_clients (DOSSIER_WINDOW (parent)));
  for (guint i = 0; clients != NULL && i < g_list_model_get_n_items (clients); i++)
    {
      g_autoptr(DossierClient) client = g_list_model_get_item (clients, i);
      const char *listed = dossier_client_get_email (client);

      if (listed != NULL && g_ascii_strcasecmp (listed, email) == 0
          && (self->shown == NULL || g_strcmp0 (dossier_client_get_id (client),
                                                dossier_client_get_id (self->shown)) != 0))
        return client;
    }
  return NULL;
}

void
_dossier_client_editor_show_error (DossierClientEditor *self,
                                   const char          *what,
                                   const GError        *error)
{
  g_autofree char *text = NULL;
  const char *trace_id = dossier_api_error_get_trace_id (error);
  gboolean refused = g_error_matches (error, DOSSIER_API_ERROR, DOSSIER_API_ERROR_VALIDATION);

  g_clear_pointer (&self->duplicate_email, g_free);
  if (refused)
    {
      /* A refusal of the data says so itself. */
      text = dossier_error_report_describe (error);
      if (g_strcmp0 (dossier_api_error_get_code (error), "DUPLICATE_CLIENT") == 0)
        self->duplicate_email = g_strdup (dossier_client_form_get_text (self->form, DOSSIER_CLIENT_FIELD_EMAIL));
    }
  else if (what == NULL)
    text = dossier_error_report_describe_unsaved (error);
  else
    {
      g_autofree char *sentence = dossier_error_report_describe (error);

      /* Translators: what failed, then why */
      text = g_strdup_printf (_("%s: %s"), what, sentence);
    }
  gtk_label_set_text (self->error_label, text);
  g_free (self->trace_id);
  self->trace_id = g_strdup (trace_id);
  /* The technical detail, trace id included, is behind Details when there is one. */
  gtk_widget_set_visible (self->copy_trace_button, refused && trace_id != NULL && *trace_id != '\0');
  gtk_widget_set_visible (self->retry_button, !refused);
  dossier_error_report_details_button_set_error (self->details_button, refused ? NULL : error);
  gtk_widget_set_visible (self->show_client_button,
                          find_listed_client (self, self->duplicate_email) != NULL);
  gtk_revealer_set_reveal_child (self->error_revealer, TRUE);
}

/* The client that already has the email, in the main window; what was typed stays
 * a draft, offered the next time. */
void
_dossier_client_editor_show_client (GtkWidget  *widget,
                                    const char *action_name,
                                    GVariant   *parameter)
{
  DossierClientEditor *self = DOSSIER_CLIENT_EDITOR (widget);
  DossierClient *client = find_listed_client (self, self->duplicate_email);
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));
  g_autofree char *id = NULL;

  if (client == NULL)
    return;
  id = g_strdup (dossier_client_get_id (client));
  gtk_window_close (GTK_WINDOW (self));
  dossier_window_open_client (DOSSIER_WINDOW (parent), id);
}

/* Retry, Details and Show Client go into the error banner, before Copy Trace ID. */
void
_dossier_client_editor_init_banner (DossierClientEditor *self)
{
  GtkWidget *banner = gtk_widget_get_parent (GTK_WIDGET (self->error_label));

  self->retry_button = gtk_button_new_with_mnemonic (_("_Retry"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->retry_button), "editor.retry");
  self->details_button = dossier_error_report_details_button_new ();
  self->show_client_button = gtk_button_new_with_mnemonic (_("_Show Client"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->show_client_button), "editor.show-client");
  gtk_widget_set_tooltip_text (self->show_client_button,
                               _("Show the client who has this email address; what you typed is kept as a draft"));
  for (guint i = 0; i < 2; i++)
    {
      GtkWidget *button = i == 0 ? self->retry_button : self->show_client_button;

      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_widget_set_visible (button, FALSE);
    }
  gtk_box_insert_child_after (GTK_BOX (banner), self->show_client_button, GTK_WIDGET (self->error_label));
  gtk_box_insert_child_after (GTK_BOX (banner), self->retry_button, self->show_client_button);
  gtk_box_insert_child_after (GTK_BOX (banner), self->details_button, self->retry_button);
}

