/* dossier-call-status.c — a call in progress or its failure, where the work is
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One line next to the button that started a call: while it runs, a spinner and
 * "Saving…" (or, while the scheduler waits out the server's rate limit, "The server
 * is busy; trying again in N s", counted down); when it failed, one plain sentence,
 * Retry, and Details with the technical detail for support. The wording comes from
 * dossier-error-report.c, so the request window's Submit can say the same.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "dossier-call-status.h"
#include "dossier-error-report.h"

#define TICK_MS 500

struct _DossierCallStatus
{
  GtkWidget   parent_instance;

  GtkWidget  *spinner;
  GtkWidget  *icon;
  GtkWidget  *label;
  GtkWidget  *retry_button;
  GtkWidget  *details_button;

  DossierApi *api;
  char       *working;
  guint       tick_id;
  gboolean    failed;
};

G_DEFINE_FINAL_TYPE (DossierCallStatus, dossier_call_status, GTK_TYPE_WIDGET)

enum {
  RETRY,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
stop_ticking (DossierCallStatus *self)
{
  g_clear_handle_id (&self->tick_id, g_source_remove);
  g_clear_object (&self->api);
  g_clear_pointer (&self->working, g_free);
  gtk_spinner_set_spinning (GTK_SPINNER (self->spinner), FALSE);
  gtk_widget_set_visible (self->spinner, FALSE);
}

static void
update_progress (DossierCallStatus *self)
{
  g_autofree char *text = dossier_error_report_describe_progress (self->api, self->working);

  if (g_strcmp0 (text, gtk_label_get_text (GTK_LABEL (self->label))) != 0)
    gtk_label_set_text (GTK_LABEL (self->label), text);
}

static gboolean
tick_cb (gpointer user_data)
{
  update_progress (DOSSIER_CALL_STATUS (user_data));
  return G_SOURCE_CONTINUE;
}

void
dossier_call_status_start (DossierCallStatus *self,
                           DossierApi        *api,
                           const char        *working)
{
  g_return_if_fail (DOSSIER_IS_CALL_STATUS (self));
  g_return_if_fail (DOSSIER_IS_API (api));
  g_return_if_fail (working != NULL);

  stop_ticking (self);
  self->failed = FALSE;
  self->api = g_object_ref (api);
  self->working = g_strdup (working);
  gtk_widget_remove_css_class (self->label, "error");
  gtk_widget_add_css_class (self->label, "dim-label");
  gtk_widget_set_visible (self->icon, FALSE);
  gtk_widget_set_visible (self->retry_button, FALSE);
  dossier_error_report_details_button_set_error (self->details_button, NULL);
  gtk_widget_set_visible (self->spinner, TRUE);
  gtk_spinner_set_spinning (GTK_SPINNER (self->spinner), TRUE);
  update_progress (self);
  self->tick_id = g_timeout_add (TICK_MS, tick_cb, self);
  gtk_widget_set_visible (GTK_WIDGET (self), TRUE);
}

void
dossier_call_status_fail (DossierCallStatus *self,
                          const char        *sentence,
                          const GError      *error)
{
  g_autofree char *text = NULL;

  g_return_if_fail (DOSSIER_IS_CALL_STATUS (self));
  g_return_if_fail (sentence != NULL || error != NULL);

  stop_ticking (self);
  self->failed = TRUE;
  text = sentence != NULL ? g_strdup (sentence) : dossier_error_report_describe_unsaved (error);
  gtk_label_set_text (GTK_LABEL (self->label), text);
  gtk_widget_remove_css_class (self->label, "dim-label");
  gtk_widget_add_css_class (self->label, "error");
  gtk_widget_set_visible (self->icon, TRUE);
  gtk_widget_set_visible (self->retry_button, TRUE);
  dossier_error_report_details_button_set_error (self->details_button, error);
  gtk_widget_set_visible (GTK_WIDGET (self), TRUE);
}

void
dossier_call_status_clear (DossierCallStatus *self)
{
  g_return_if_fail (DOSSIER_IS_CALL_STATUS (self));

  stop_ticking (self);
  self->failed = FALSE;
  gtk_label_set_text (GTK_LABEL (self->label), "");
  dossier_error_report_details_button_set_error (self->details_button, NULL);
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
}

const char *
dossier_call_status_get_text (DossierCallStatus *self)
{
  g_return_val_if_fail (DOSSIER_IS_CALL_STATUS (self), NULL);

  if (!gtk_widget_get_visible (GTK_WIDGET (self)))
    return NULL;
  return gtk_label_get_text (GTK_LABEL (self->label));
}

gboolean
dossier_call_status_get_working (DossierCallStatus *self)
{
  g_return_val_if_fail (DOSSIER_IS_CALL_STATUS (self), FALSE);

  return self->working != NULL;
}

gboolean
dossier_call_status_get_failed (DossierCallStatus *self)
{
  g_return_val_if_fail (DOSSIER_IS_CALL_STATUS (self), FALSE);

  return self->failed && gtk_widget_get_visible (GTK_WIDGET (self));
}

GtkWidget *
dossier_call_status_get_retry_button (DossierCallStatus *self)
{
  g_return_val_if_fail (DOSSIER_IS_CALL_STATUS (self), NULL);

  return self->retry_button;
}

GtkWidget *
dossier_call_status_get_details_button (DossierCallStatus *self)
{
  g_return_val_if_fail (DOSSIER_IS_CALL_STATUS (self), NULL);

  return self->details_button;
}

static void
retry_clicked_cb (DossierCallStatus *self)
{
  g_signal_emit (self, signals[RETRY], 0);
}

static void
dossier_call_status_dispose (GObject *object)
{
  DossierCallStatus *self = DOSSIER_CALL_STATUS (object);
  GtkWidget *child;

  stop_ticking (self);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (dossier_call_status_parent_class)->dispose (object);
}

static void
dossier_call_status_class_init (DossierCallStatusClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dossier_call_status_dispose;

  /* DossierCallStatus::retry: the Retry button was pressed. */
  signals[RETRY] = g_signal_new ("retry", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                 NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_STATUS);
  gtk_widget_class_set_css_name (widget_class, "dossier-call-status");
}

static void
dossier_call_status_init (DossierCallStatus *self)
{
  GtkBoxLayout *layout = GTK_BOX_LAYOUT (gtk_widget_get_layout_manager (GTK_WIDGET (self)));

  gtk_box_layout_set_spacing (layout, 12);

  self->spinner = gtk_spinner_new ();
  gtk_widget_set_valign (self->spinner, GTK_ALIGN_CENTER);
  gtk_widget_set_visible (self->spinner, FALSE);
  gtk_widget_set_parent (self->spinner, GTK_WIDGET (self));

  self->icon = g_object_new (GTK_TYPE_IMAGE, "icon-name", "dialog-warning-symbolic",
                             "accessible-role", GTK_ACCESSIBLE_ROLE_PRESENTATION, NULL);
  gtk_widget_set_valign (self->icon, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (self->icon, "error");
  gtk_widget_set_visible (self->icon, FALSE);
  gtk_widget_set_parent (self->icon, GTK_WIDGET (self));

  self->label = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (self->label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (self->label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (self->label), 0);
  gtk_widget_set_hexpand (self->label, TRUE);
  gtk_widget_set_parent (self->label, GTK_WIDGET (self));

  self->retry_button = gtk_button_new_with_mnemonic (_("_Retry"));
  gtk_widget_set_valign (self->retry_button, GTK_ALIGN_CENTER);
  gtk_widget_set_visible (self->retry_button, FALSE);
  g_signal_connect_object (self->retry_button, "clicked", G_CALLBACK (retry_clicked_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_set_parent (self->retry_button, GTK_WIDGET (self));

  self->details_button = dossier_error_report_details_button_new ();
  gtk_widget_set_parent (self->details_button, GTK_WIDGET (self));

  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
}

GtkWidget *
dossier_call_status_new (void)
{
  return g_object_new (DOSSIER_TYPE_CALL_STATUS, NULL);
}
