/* dossier-window.c — the main window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "dossier-window.h"

struct _DossierWindow
{
  AdwApplicationWindow  parent_instance;

  AdwStatusPage        *status_page;
};

G_DEFINE_FINAL_TYPE (DossierWindow, dossier_window, ADW_TYPE_APPLICATION_WINDOW)

/* Without an account there is nothing to show but the reason, in words. */
static void
dossier_window_show_account_state (DossierWindow      *self,
                                   DossierApplication *application)
{
  const GError *error = dossier_application_get_account_error (application);

  if (error != NULL)
    {
      g_autofree char *description = NULL;

      /* Translators: the placeholder is the technical reason, e.g. "Address already in use" */
      description = g_strdup_printf (_("Its built-in demo server could not start: %s. "
                                       "Restart Dossier; if this happens again, report the "
                                       "problem with this message."),
                                     error->message);
      adw_status_page_set_icon_name (self->status_page, "dialog-error-symbolic");
      adw_status_page_set_title (self->status_page, _("Dossier Could Not Start"));
      adw_status_page_set_description (self->status_page, description);
    }
}

DossierWindow *
dossier_window_new (DossierApplication *application)
{
  DossierWindow *self;

  g_return_val_if_fail (DOSSIER_IS_APPLICATION (application), NULL);

  self = g_object_new (DOSSIER_TYPE_WINDOW,
                       "application", application,
                       NULL);
  dossier_window_show_account_state (self, application);

  return self;
}

static void
dossier_window_class_init (DossierWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/dossier-window.ui");
  gtk_widget_class_bind_template_child (widget_class, DossierWindow, status_page);
}

static void
dossier_window_init (DossierWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
