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

/* ---- a failed save in one sentence, its details, a call in progress ---------------- */

char *
dossier_error_report_describe_unsaved (const GError *error)
{
  g_autofree char *cause = NULL;

  g_return_val_if_fail (error != NULL, NULL);

  if (g_error_matches (error, DOSSIER_API_ERROR, DOSSIER_API_ERROR_OFFLINE))
    return g_strdup (_("Dossier could not reach the server. Your changes are kept as a draft."));
  if (g_error_matches (error, DOSSIER_API_ERROR, DOSSIER_API_ERROR_TIMEOUT))
    return g_strdup (_("The server did not answer in time. Your changes are kept as a draft."));
  if (g_error_matches (error, DOSSIER_API_ERROR, DOSSIER_API_ERROR_SERVER)
      || g_error_matches (error, DOSSIER_API_ERROR, DOSSIER_API_ERROR_BAD_RESPONSE))
    return g_strdup (_("The server had a problem. Your changes are kept as a draft."));
  if (g_error_matches (error, DOSSIER_API_ERROR, DOSSIER_API_ERROR_RATE_LIMITED))
    return g_strdup (_("The server is busy. Your changes are kept as a draft."));

  cause = dossier_error_report_describe (error);
  /* Translators: %s is a sentence saying why, e.g. "The client is no longer on the server." */
  return g_strdup_printf (_("%s Your changes are kept as a draft."), cause);
}

static void
add_detail (GString    *text,
            const char *label,
            const char *value)
{
  if (value == NULL || *value == '\0')
    return;
  if (text->len > 0)
    g_string_append_c (text, '\n');
  /* Translators: a label and its value in an error's technical details */
  g_string_append_printf (text, _("%s: %s"), label, value);
}

char *
dossier_error_report_describe_details (const GError *error)
{
  GString *text = g_string_new (NULL);
  g_autofree char *status = NULL;

  g_return_val_if_fail (error != NULL, NULL);

  add_detail (text, _("Error"), error->message);
  if (g_strcmp0 (dossier_api_error_get_server_message (error), error->message) != 0)
    add_detail (text, _("Server message"), dossier_api_error_get_server_message (error));
  if (dossier_api_error_get_status (error) > 0)
    status = g_strdup_printf ("%u", dossier_api_error_get_status (error));
  add_detail (text, _("HTTP status"), status);
  add_detail (text, _("Code"), dossier_api_error_get_code (error));
  add_detail (text, _("Trace ID"), dossier_api_error_get_trace_id (error));
  return g_string_free (text, FALSE);
}

char *
dossier_error_report_describe_progress (DossierApi *api,
                                        const char *working)
{
  guint wait;

  g_return_val_if_fail (DOSSIER_IS_API (api), NULL);
  g_return_val_if_fail (working != NULL, NULL);

  wait = dossier_scheduler_get_hold_seconds (dossier_api_get_scheduler (api));
  if (wait == 0)
    return g_strdup (working);
  /* Translators: %u is a number of seconds; "s" is the unit */
  return g_strdup_printf (_("The server is busy; trying again in %u s"), wait);
}

static void
copy_details_cb (GtkButton *copy,
                 GtkWidget *button)
{
  const char *text = dossier_error_report_details_button_get_text (button);
  GtkWidget *overlay = gtk_widget_get_ancestor (button, ADW_TYPE_TOAST_OVERLAY);
  GtkWidget *root = GTK_WIDGET (gtk_widget_get_root (button));

  if (text == NULL)
    return;
  gdk_clipboard_set_text (gtk_widget_get_clipboard (button), text);
  gtk_menu_button_popdown (GTK_MENU_BUTTON (button));
  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), adw_toast_new (_("Details copied")));
  else if (ADW_IS_PREFERENCES_WINDOW (root))
    adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (root), adw_toast_new (_("Details copied")));
}

GtkWidget *
dossier_error_report_details_button_new (void)
{
  GtkWidget *button = gtk_menu_button_new ();
  GtkWidget *popover = gtk_popover_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *label = gtk_label_new (NULL);
  GtkWidget *copy = gtk_button_new_with_mnemonic (_("_Copy Details"));

  gtk_menu_button_set_label (GTK_MENU_BUTTON (button), _("_Details"));
  gtk_menu_button_set_use_underline (GTK_MENU_BUTTON (button), TRUE);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, _("What the server answered, for support"));
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 48);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "monospace");
  gtk_widget_set_halign (copy, GTK_ALIGN_END);
  g_signal_connect_object (copy, "clicked", G_CALLBACK (copy_details_cb), button, 0);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), copy);
  gtk_popover_set_child (GTK_POPOVER (popover), box);
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (button), popover);
  g_object_set_data (G_OBJECT (button), "dossier-details-label", label);
  gtk_widget_set_visible (button, FALSE);
  return button;
}

void
dossier_error_report_details_button_set_error (GtkWidget    *button,
                                               const GError *error)
{
  GtkLabel *label;
  g_autofree char *text = NULL;

  g_return_if_fail (GTK_IS_MENU_BUTTON (button));

  label = g_object_get_data (G_OBJECT (button), "dossier-details-label");
  g_return_if_fail (GTK_IS_LABEL (label));
  text = error != NULL ? dossier_error_report_describe_details (error) : NULL;
  gtk_label_set_text (label, text != NULL ? text : "");
  gtk_widget_set_visible (button, text != NULL && *text != '\0');
}

const char *
dossier_error_report_details_button_get_text (GtkWidget *button)
{
  GtkLabel *label;
  const char *text;

  g_return_val_if_fail (GTK_IS_MENU_BUTTON (button), NULL);

  label = g_object_get_data (G_OBJECT (button), "dossier-details-label");
  text = label != NULL ? gtk_label_get_text (label) : NULL;
  return text != NULL && *text != '\0' ? text : NULL;
}
