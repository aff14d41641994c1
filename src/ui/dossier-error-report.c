/* dossier-error-report.c — errors as sentences for people, with the trace id one click away
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A toast's button activates an action on the overlay's ancestors; the overlay gets
 * an "error" action group with "copy-trace-id" (a string) the first time it shows
 * an error, so any window can report errors without knowing about it.
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "dossier-api-error.h"
#include "dossier-client-fields.h"
#include "dossier-error-report.h"

char *
dossier_error_report_describe (const GError *error)
{
  g_return_val_if_fail (error != NULL, NULL);

  if (g_error_matches (error, DOSSIER_API_ERROR, DOSSIER_API_ERROR_INVALID_KEY))
    {
      guint level = dossier_api_error_get_access_level (error);

      if (level >= 3)
        /* Translators: %u is the access level an API key needs, e.g. 3 */
        return g_strdup_printf (_("The API key can read and create clients but is not allowed to "
                                  "change them or finish onboarding: that needs a key with access "
                                  "level %u or higher."), level);
      return g_strdup (_("The API key was not accepted. Check the account in Preferences."));
    }

  /* A refusal in the server's own words ("Validation failed: email: is required"):
   * the field by its label, then the server's explanation. A known `code` already
   * has a sentence of ours (dossier-api-error.c). */
  if (g_error_matches (error, DOSSIER_API_ERROR, DOSSIER_API_ERROR_VALIDATION)
      && g_strcmp0 (error->message, dossier_api_error_get_server_message (error)) == 0)
    {
      const char *field = dossier_api_error_get_field (error);
      g_autofree char *prefix = field != NULL ? g_strconcat (field, ": ", NULL) : NULL;
      const char *problem = prefix != NULL ? strstr (error->message, prefix) : NULL;

      if (problem != NULL)
        {
          g_autofree char *label = dossier_client_field_label_for_member (field);
          g_autofree char *first = NULL;
          const char *end;

          problem += strlen (prefix);
          end = strstr (problem, "; ");
          first = end != NULL ? g_strndup (problem, end - problem) : g_strdup (problem);
          /* Translators: a field's label, then the server's explanation in English,
           * e.g. "The server did not accept Email: is required" */
          return g_strdup_printf (_("The server did not accept %s: %s"), label, first);
        }
      /* Translators: the server's explanation, in English, follows */
      return g_strdup_printf (_("The server did not accept the data: %s"), error->message);
    }

  return g_strdup (error->message);
}

void
dossier_error_report_copy_trace_id (GtkWidget  *widget,
                                    const char *trace_id)
{
  GtkWidget *overlay;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (trace_id != NULL);

  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), trace_id);
  overlay = ADW_IS_TOAST_OVERLAY (widget) ? widget : gtk_widget_get_ancestor (widget, ADW_TYPE_TOAST_OVERLAY);
  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), adw_toast_new (_("Trace ID copied")));
}

static void
copy_trace_id_cb (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  dossier_error_report_copy_trace_id (GTK_WIDGET (user_data), g_variant_get_string (parameter, NULL));
}

static void
ensure_actions (AdwToastOverlay *overlay)
{
  g_autoptr(GSimpleActionGroup) group = NULL;
  g_autoptr(GSimpleAction) copy = NULL;

  if (g_object_get_data (G_OBJECT (overlay), "dossier-error-actions") != NULL)
    return;

  group = g_simple_action_group_new ();
  copy = g_simple_action_new ("copy-trace-id", G_VARIANT_TYPE_STRING);
  g_signal_connect_object (copy, "activate", G_CALLBACK (copy_trace_id_cb), overlay, 0);
  g_action_map_add_action (G_ACTION_MAP (group), G_ACTION (copy));
  gtk_widget_insert_action_group (GTK_WIDGET (overlay), "error", G_ACTION_GROUP (group));
  g_object_set_data (G_OBJECT (overlay), "dossier-error-actions", GINT_TO_POINTER (TRUE));
}

AdwToast *
dossier_error_report_toast (AdwToastOverlay *overlay,
                            const char      *what,
                            const GError    *error)
{
  g_autofree char *sentence = NULL;
  g_autofree char *text = NULL;
  g_autofree char *escaped = NULL;
  const char *trace_id;
  AdwToast *toast;

  g_return_val_if_fail (ADW_IS_TOAST_OVERLAY (overlay), NULL);
  g_return_val_if_fail (error != NULL, NULL);

  sentence = dossier_error_report_describe (error);
  /* Translators: what failed, then why, e.g. "The client could not be saved: …" */
  text = what != NULL ? g_strdup_printf (_("%s: %s"), what, sentence) : g_strdup (sentence);
  escaped = g_markup_escape_text (text, -1);
  toast = adw_toast_new (escaped);
  adw_toast_set_timeout (toast, 0);
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);

  trace_id = dossier_api_error_get_trace_id (error);
  if (trace_id != NULL && *trace_id != '\0')
    {
      ensure_actions (overlay);
      adw_toast_set_button_label (toast, _("Copy _Trace ID"));
      adw_toast_set_action_name (toast, "error.copy-trace-id");
      adw_toast_set_action_target_value (toast, g_variant_new_string (trace_id));
    }

  adw_toast_overlay_add_toast (overlay, toast);
  return toast;
}
