/* dossier-sandbox-banner.c — a strip that says the window shows the demo sandbox
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * AdwBanner is libadwaita 1.3; on the 1.2 floor this is a GtkRevealer styled the
 * same way (.dossier-banner in style.css). It reveals itself when the application
 * it belongs to works on the embedded sandbox, so nobody mistakes demo data for
 * production, and offers the accounts in Preferences.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "dossier-account.h"
#include "dossier-application.h"
#include "dossier-sandbox-banner.h"

struct _DossierSandboxBanner
{
  GtkWidget    parent_instance;

  GtkRevealer *revealer;
};

G_DEFINE_FINAL_TYPE (DossierSandboxBanner, dossier_sandbox_banner, GTK_TYPE_WIDGET)

static void
update (DossierSandboxBanner *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkApplication *app = GTK_IS_WINDOW (root) ? gtk_window_get_application (GTK_WINDOW (root)) : NULL;
  DossierAccount *account = NULL;

  if (DOSSIER_IS_APPLICATION (app))
    account = dossier_application_get_account (DOSSIER_APPLICATION (app));
  gtk_revealer_set_reveal_child (self->revealer,
                                 account != NULL
                                 && dossier_account_get_kind (account) == DOSSIER_ACCOUNT_KIND_SANDBOX);
}

static void
dossier_sandbox_banner_root (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (dossier_sandbox_banner_parent_class)->root (widget);
  update (DOSSIER_SANDBOX_BANNER (widget));
}

static void
dossier_sandbox_banner_map (GtkWidget *widget)
{
  update (DOSSIER_SANDBOX_BANNER (widget));
  GTK_WIDGET_CLASS (dossier_sandbox_banner_parent_class)->map (widget);
}

static void
dossier_sandbox_banner_dispose (GObject *object)
{
  DossierSandboxBanner *self = DOSSIER_SANDBOX_BANNER (object);

  if (self->revealer != NULL)
    {
      gtk_widget_unparent (GTK_WIDGET (self->revealer));
      self->revealer = NULL;
    }

  G_OBJECT_CLASS (dossier_sandbox_banner_parent_class)->dispose (object);
}

static void
dossier_sandbox_banner_class_init (DossierSandboxBannerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dossier_sandbox_banner_dispose;
  widget_class->root = dossier_sandbox_banner_root;
  widget_class->map = dossier_sandbox_banner_map;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
dossier_sandbox_banner_init (DossierSandboxBanner *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *label = gtk_label_new (_("Demo sandbox — not production data"));
  GtkWidget *button = gtk_button_new_with_mnemonic (_("_Accounts…"));

  self->revealer = GTK_REVEALER (gtk_revealer_new ());
  gtk_widget_set_parent (GTK_WIDGET (self->revealer), GTK_WIDGET (self));
  gtk_revealer_set_transition_type (self->revealer, GTK_REVEALER_TRANSITION_TYPE_SLIDE_DOWN);

  gtk_widget_add_css_class (box, "dossier-banner");
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_widget_add_css_class (label, "heading");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "app.preferences");
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), button);
  gtk_revealer_set_child (self->revealer, box);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Demo sandbox — not production data"), -1);
}

gboolean
dossier_sandbox_banner_get_revealed (DossierSandboxBanner *self)
{
  g_return_val_if_fail (DOSSIER_IS_SANDBOX_BANNER (self), FALSE);

  return gtk_revealer_get_reveal_child (self->revealer);
}
