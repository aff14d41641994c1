/* dossier-journal-actions-toast.c — the journal actions' toasts, and opening an export
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An export's toast has an Open button: g_app_info_launch_default_for_uri_async() with
 * the display's launch context, which goes through the OpenURI portal in Flatpak. A
 * launch that fails says why in another toast. The save chooser starts in Documents.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "dossier-journal-actions-private.h"

#define TOAST_KEY  "dossier-journal-actions-last-toast"
#define OPENED_KEY "dossier-journal-actions-opened"

static gboolean launch_hidden;

static void
launched_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GtkWidget) widget = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  if (g_app_info_launch_default_for_uri_finish (result, &error))
    return;
  /* Translators: the placeholder is the reason, e.g. that no app opens PDF documents */
  text = g_strdup_printf (_("The exported file could not be opened: %s"), error->message);
  _dossier_journal_actions_toast (widget, text, NULL);
}

static void
open_clicked_cb (AdwToast  *toast,
                 GtkWidget *widget)
{
  const char *uri = g_object_get_data (G_OBJECT (toast), "uri");
  g_autoptr(GAppLaunchContext) context = NULL;

  g_object_set_data_full (G_OBJECT (widget), OPENED_KEY, g_strdup (uri), g_free);
  if (launch_hidden)
    return;
  context = G_APP_LAUNCH_CONTEXT (gdk_display_get_app_launch_context (gtk_widget_get_display (widget)));
  g_app_info_launch_default_for_uri_async (uri, context, NULL, launched_cb, g_object_ref (widget));
}

void
_dossier_journal_actions_toast (GtkWidget  *widget,
                                const char *text,
                                GFile      *exported)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (widget, ADW_TYPE_TOAST_OVERLAY);
  g_autofree char *escaped = g_markup_escape_text (text, -1);
  g_autoptr(AdwToast) toast = adw_toast_new (escaped);

  if (exported != NULL)
    {
      /* Translators: a button on the toast saying where the dossier was exported */
      adw_toast_set_button_label (toast, _("_Open"));
      g_object_set_data_full (G_OBJECT (toast), "uri", g_file_get_uri (exported), g_free);
      g_signal_connect_object (toast, "button-clicked", G_CALLBACK (open_clicked_cb), widget, 0);
    }

  g_object_set_data_full (G_OBJECT (widget), TOAST_KEY, g_object_ref (toast), g_object_unref);
  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), g_steal_pointer (&toast));
  else
    g_debug ("journal actions: %s", text);
}

GFile *
_dossier_journal_actions_export_folder (void)
{
  const char *documents = g_get_user_special_dir (G_USER_DIRECTORY_DOCUMENTS);

  if (documents != NULL && g_file_test (documents, G_FILE_TEST_IS_DIR))
    return g_file_new_for_path (documents);
  return g_file_new_for_path (g_get_home_dir ());
}

/* Opening an exported file launches an app: tests read the URI it would open, kept as
 * the widget's "dossier-journal-actions-opened" data, instead. */
void
dossier_journal_actions_set_launch_hidden (gboolean hidden)
{
  launch_hidden = !!hidden;
}
