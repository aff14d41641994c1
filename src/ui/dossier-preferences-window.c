/* dossier-preferences-window.c — Preferences: the accounts Dossier works on
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The embedded sandbox (the default) and any number of real API accounts. A real
 * account is added only after a real call with its key worked: listing clients,
 * which needs access level 1 (CONTRACT.md §2.2), so a 401 there means the key is
 * not accepted at all. Level 3 (changing clients, onboarding) cannot be probed
 * without changing data; a 401 on such a call later says the key lacks that level.
 * Choosing an account reloads the main window on it. Removing one asks first: the
 * key leaves the keyring and cannot be brought back from Dossier.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "dossier-accounts.h"
#include "dossier-api.h"
#include "dossier-error-report.h"
#include "dossier-preferences-window.h"

struct _DossierPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  DossierApplication   *application;
  GSettings            *settings;
  AdwPreferencesGroup  *accounts_group;
  GPtrArray            *account_rows;
  GHashTable           *checks;      /* base URL → GtkCheckButton */
  GtkWidget            *radio_group; /* never shown: the rows' checks are radio buttons even alone */
  GtkWidget            *name_row;
  GtkWidget            *url_row;
  GtkWidget            *key_row;
  GtkWidget            *add_button;
  GtkWidget            *spinner;
  GtkLabel             *status_label;
  GCancellable         *cancellable;
  DossierApi           *test_api;    /* the last check's; never dropped inside its own callback */
  guint                 busy : 1;
  guint                 rebuilding : 1;
};

G_DEFINE_FINAL_TYPE (DossierPreferencesWindow, dossier_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

static void rebuild_accounts (DossierPreferencesWindow *self);

static void
set_status (DossierPreferencesWindow *self,
            const char               *text,
            gboolean                  error)
{
  gtk_label_set_text (self->status_label, text);
  gtk_widget_set_visible (GTK_WIDGET (self->status_label), text != NULL && *text != '\0');
  if (error)
    gtk_widget_add_css_class (GTK_WIDGET (self->status_label), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), "error");
}

static void
set_busy (DossierPreferencesWindow *self,
          gboolean                  busy)
{
  self->busy = !!busy;
  gtk_widget_set_visible (self->spinner, busy);
  gtk_spinner_set_spinning (GTK_SPINNER (self->spinner), busy);
  gtk_widget_set_sensitive (self->add_button, !busy);
}

static void
check_toggled_cb (GtkCheckButton           *check,
                  DossierPreferencesWindow *self)
{
  const char *url = g_object_get_data (G_OBJECT (check), "dossier-base-url");
  g_autofree char *current = NULL;
  g_autoptr(GPtrArray) remote = NULL;

  if (self->rebuilding || !gtk_check_button_get_active (check))
    return;

  current = dossier_accounts_get_current (self->settings);
  if (g_str_equal (current, url))
    return;

  if (*url == '\0')
    {
      dossier_application_use_account (self->application, NULL);
      return;
    }

  remote = dossier_accounts_list_remote (self->settings);
  for (guint i = 0; i < remote->len; i++)
    {
      DossierAccount *account = g_ptr_array_index (remote, i);

      if (g_str_equal (dossier_account_get_base_url (account), url))
        dossier_application_use_account (self->application, account);
    }
}

static void
forgotten_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(DossierPreferencesWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!dossier_account_forget_key_finish (DOSSIER_ACCOUNT (object), result, &error))
    {
      g_autofree char *text = g_strdup_printf (_("The key could not be removed from the keyring: %s"),
                                               error->message);
      g_autofree char *escaped = g_markup_escape_text (text, -1);

      adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), adw_toast_new (escaped));
    }
}

static void
remove_account (DossierPreferencesWindow *self,
                const char               *url)
{
  g_autofree char *current = dossier_accounts_get_current (self->settings);
  g_autoptr(DossierAccount) account = dossier_account_new_remote (url);

  if (g_str_equal (current, url))
    dossier_application_use_account (self->application, NULL);
  dossier_accounts_remove_remote (self->settings, url);
  dossier_account_forget_key_async (account, NULL, forgotten_cb, g_object_ref (self));
  rebuild_accounts (self);
}

static void
remove_response_cb (AdwMessageDialog         *dialog,
                    const char               *response,
                    DossierPreferencesWindow *self)
{
  const char *url = g_object_get_data (G_OBJECT (dialog), "dossier-base-url");

  if (g_str_equal (response, "remove"))
    remove_account (self, url);
}

static void
remove_clicked_cb (GtkButton                *button,
                   DossierPreferencesWindow *self)
{
  const char *url = g_object_get_data (G_OBJECT (button), "dossier-base-url");
  const char *title = g_object_get_data (G_OBJECT (button), "dossier-title");
  g_autofree char *current = dossier_accounts_get_current (self->settings);
  GtkWidget *dialog;

  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Remove Account?"), NULL);
  if (g_str_equal (current, url))
    /* Translators: the placeholder is an account's name */
    adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                    _("“%s” and its API key will be removed from this computer, and "
                                      "Dossier will show the Demo Sandbox. The clients on the server "
                                      "are not affected; to use the account again you need the key."),
                                    title);
  else
    /* Translators: the placeholder is an account's name */
    adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                    _("“%s” and its API key will be removed from this computer. The "
                                      "clients on the server are not affected; to use the account "
                                      "again you need the key."),
                                    title);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "remove", _("_Remove"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "remove",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "dossier-base-url", g_strdup (url), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (remove_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
add_account_row (DossierPreferencesWindow *self,
                 const char               *base_url,
                 const char               *title,
                 const char               *subtitle,
                 gboolean                  active)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *check = gtk_check_button_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
  /* One kind of control whatever the number of accounts: a radio button. */
  gtk_check_button_set_group (GTK_CHECK_BUTTON (check), GTK_CHECK_BUTTON (self->radio_group));
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), active);
  g_object_set_data_full (G_OBJECT (check), "dossier-base-url", g_strdup (base_url), g_free);
  /* Translators: the placeholder is an account's name */
  gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  g_signal_connect_object (check, "toggled", G_CALLBACK (check_toggled_cb), self, 0);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
  g_hash_table_insert (self->checks, g_strdup (base_url), check);

  if (*base_url != '\0')
    {
      GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");
      /* Translators: the placeholder is an account's name */
      g_autofree char *label = g_strdup_printf (_("Remove the account “%s” and its key"), title);

      gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (remove, "flat");
      gtk_widget_set_tooltip_text (remove, _("Remove Account"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
      g_object_set_data_full (G_OBJECT (remove), "dossier-base-url", g_strdup (base_url), g_free);
      g_object_set_data_full (G_OBJECT (remove), "dossier-title", g_strdup (title), g_free);
      g_signal_connect_object (remove, "clicked", G_CALLBACK (remove_clicked_cb), self, 0);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);
    }

  adw_preferences_group_add (self->accounts_group, row);
  g_ptr_array_add (self->account_rows, row);
}

static void
rebuild_accounts (DossierPreferencesWindow *self)
{
  g_autoptr(GPtrArray) remote = dossier_accounts_list_remote (self->settings);
  g_autofree char *current = dossier_accounts_get_current (self->settings);

  self->rebuilding = TRUE;
  for (guint i = 0; i < self->account_rows->len; i++)
    adw_preferences_group_remove (self->accounts_group, g_ptr_array_index (self->account_rows, i));
  g_ptr_array_set_size (self->account_rows, 0);
  g_hash_table_remove_all (self->checks);

  add_account_row (self, "", _("Demo Sandbox"),
                   _("Built into Dossier, with demo clients. Not production data."),
                   *current == '\0');
  for (guint i = 0; i < remote->len; i++)
    {
      DossierAccount *account = g_ptr_array_index (remote, i);
      const char *url = dossier_account_get_base_url (account);

      add_account_row (self, url, dossier_account_get_display_name (account), url,
                       g_str_equal (current, url));
    }
  self->rebuilding = FALSE;
}

typedef struct {
  DossierPreferencesWindow *self;
  DossierAccount           *account;
  char                     *name;
} AddData;

static void
add_data_free (AddData *data)
{
  g_object_unref (data->self);
  g_object_unref (data->account);
  g_free (data->name);
  g_free (data);
}

static void
key_stored_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  AddData *data = user_data;
  DossierPreferencesWindow *self = data->self;
  g_autoptr(GError) error = NULL;

  set_busy (self, FALSE);
  if (!dossier_account_store_key_finish (DOSSIER_ACCOUNT (object), result, &error))
    {
      /* Translators: the placeholder is the keyring's reason */
      g_autofree char *text = g_strdup_printf (_("The key works, but the keyring could not keep it: %s"),
                                               error->message);
      set_status (self, text, TRUE);
      add_data_free (data);
      return;
    }

  dossier_accounts_add_remote (self->settings, dossier_account_get_base_url (data->account), data->name);
  rebuild_accounts (self);
  gtk_editable_set_text (GTK_EDITABLE (self->name_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->url_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->key_row), "");
  set_status (self, _("Account added. Choose it under Account in Use to work with its clients."), FALSE);
  add_data_free (data);
}

static void
tested_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  AddData *data = user_data;
  DossierPreferencesWindow *self = data->self;
  g_autoptr(GPtrArray) clients = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *key = NULL;

  clients = dossier_api_list_clients_finish (DOSSIER_API (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      add_data_free (data);
      return;
    }

  if (clients == NULL)
    {
      g_autofree char *text = NULL;

      set_busy (self, FALSE);
      if (g_error_matches (error, DOSSIER_API_ERROR, DOSSIER_API_ERROR_INVALID_KEY)
          && dossier_api_error_get_status (error) == 403)
        /* Translators: %u is an access level, 1 for reading clients */
        text = g_strdup_printf (_("The server recognises this API key but does not allow it to read "
                                  "clients: that needs a key with access level %u or higher."),
                                MAX (dossier_api_error_get_access_level (error), 1));
      else if (g_error_matches (error, DOSSIER_API_ERROR, DOSSIER_API_ERROR_INVALID_KEY))
        /* Any key can read clients (level 1, the lowest): a refusal means it is not known. */
        text = g_strdup (_("The server does not recognise this API key. Check the key and the base URL."));
      else
        {
          g_autofree char *sentence = dossier_error_report_describe (error);

          /* Translators: the placeholder says why, in a sentence */
          text = g_strdup_printf (_("The account could not be checked: %s"), sentence);
        }
      set_status (self, text, TRUE);
      add_data_free (data);
      return;
    }

  key = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->key_row)));
  dossier_account_store_key_async (data->account, key, self->cancellable, key_stored_cb, data);
}

static void
add_clicked_cb (DossierPreferencesWindow *self)
{
  g_autofree char *url = dossier_accounts_normalize_url (gtk_editable_get_text (GTK_EDITABLE (self->url_row)));
  const char *key = gtk_editable_get_text (GTK_EDITABLE (self->key_row));
  const char *name = gtk_editable_get_text (GTK_EDITABLE (self->name_row));
  AddData *data;

  if (self->busy)
    return;
  if (url == NULL)
    {
      set_status (self, _("Enter the base URL of the API, such as https://api.example.com."), TRUE);
      gtk_widget_grab_focus (self->url_row);
      return;
    }
  if (*key == '\0')
    {
      set_status (self, _("Enter the API key."), TRUE);
      gtk_widget_grab_focus (self->key_row);
      return;
    }

  set_status (self, _("Checking the key with the server…"), FALSE);
  set_busy (self, TRUE);
  data = g_new0 (AddData, 1);
  data->self = g_object_ref (self);
  data->account = dossier_account_new_remote (url);
  data->name = g_strdup (name);
  if (*name != '\0')
    dossier_account_set_display_name (data->account, name);
  g_clear_object (&self->test_api);
  self->test_api = dossier_api_new (url, key);
  dossier_api_list_clients_async (self->test_api, DOSSIER_API_PRIORITY_USER, self->cancellable,
                                  tested_cb, data);
}

static void
dossier_preferences_window_dispose (GObject *object)
{
  DossierPreferencesWindow *self = DOSSIER_PREFERENCES_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->test_api);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->account_rows, g_ptr_array_unref);
  g_clear_pointer (&self->checks, g_hash_table_unref);
  g_clear_object (&self->radio_group);
  g_clear_weak_pointer (&self->application);

  G_OBJECT_CLASS (dossier_preferences_window_parent_class)->dispose (object);
}

static void
dossier_preferences_window_class_init (DossierPreferencesWindowClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = dossier_preferences_window_dispose;
}

static GtkWidget *
build_add_group (DossierPreferencesWindow *self)
{
  GtkWidget *group = adw_preferences_group_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Add a Real API Account"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                         _("The key is tried with a real call before it is kept, "
                                           "and it is kept only in the keyring."));

  self->name_row = adw_entry_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->name_row), _("Name (optional)"));
  self->url_row = adw_entry_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->url_row), _("Base URL"));
  adw_entry_row_set_input_purpose (ADW_ENTRY_ROW (self->url_row), GTK_INPUT_PURPOSE_URL);
  /* Shown once the row has the focus (the title stands in while it has none), on the
   * line where the text goes. */
  {
    GtkWidget *text = GTK_WIDGET (gtk_editable_get_delegate (GTK_EDITABLE (self->url_row)));

    gtk_text_set_placeholder_text (GTK_TEXT (text), "https://api.cryptomate.me");
    for (GtkWidget *child = gtk_widget_get_first_child (text); child != NULL;
         child = gtk_widget_get_next_sibling (child))
      if (GTK_IS_LABEL (child))
        {
          /* The text sits below the row's title, under the middle of the row. */
          gtk_widget_set_margin_top (child, 8);
          gtk_widget_add_css_class (child, "dim-label");
        }
  }
  self->key_row = adw_password_entry_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->key_row), _("API Key"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->name_row), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Name"), -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->url_row), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Base URL"), -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->key_row), GTK_ACCESSIBLE_PROPERTY_LABEL, _("API Key"), -1);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), self->name_row);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), self->url_row);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), self->key_row);
  /* Enter in the key (the last row) checks and adds, as the button does. */
  g_signal_connect_object (self->key_row, "entry-activated", G_CALLBACK (add_clicked_cb), self,
                           G_CONNECT_SWAPPED);

  self->status_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->status_label, TRUE);
  gtk_label_set_xalign (self->status_label, 0);
  gtk_widget_set_hexpand (GTK_WIDGET (self->status_label), TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self->status_label), FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->status_label), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Result of the check"), -1);
  self->spinner = gtk_spinner_new ();
  gtk_widget_set_visible (self->spinner, FALSE);
  self->add_button = gtk_button_new_with_mnemonic (_("_Check and Add"));
  gtk_widget_add_css_class (self->add_button, "suggested-action");
  gtk_widget_set_valign (self->add_button, GTK_ALIGN_START);
  g_signal_connect_object (self->add_button, "clicked", G_CALLBACK (add_clicked_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_set_margin_top (box, 12);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->status_label));
  gtk_box_append (GTK_BOX (box), self->spinner);
  gtk_box_append (GTK_BOX (box), self->add_button);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), box);
  return group;
}

static void
dossier_preferences_window_init (DossierPreferencesWindow *self)
{
  GtkWidget *page = adw_preferences_page_new ();

  self->cancellable = g_cancellable_new ();
  self->settings = g_settings_new ("io.github.dossier_app.Dossier");
  self->account_rows = g_ptr_array_new ();
  self->checks = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->radio_group = g_object_ref_sink (gtk_check_button_new ());

  gtk_window_set_title (GTK_WINDOW (self), _("Preferences"));
  adw_preferences_window_set_search_enabled (ADW_PREFERENCES_WINDOW (self), FALSE);
  adw_preferences_page_set_title (ADW_PREFERENCES_PAGE (page), _("Accounts"));
  adw_preferences_page_set_icon_name (ADW_PREFERENCES_PAGE (page), "system-users-symbolic");

  self->accounts_group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (self->accounts_group, _("Account in Use"));
  adw_preferences_group_set_description (self->accounts_group,
                                         _("Dossier shows the clients of one account at a time; "
                                           "choosing another reloads the window."));
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), self->accounts_group);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (build_add_group (self)));
  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (self), ADW_PREFERENCES_PAGE (page));

  rebuild_accounts (self);
  g_signal_connect_object (self->settings, "changed::accounts", G_CALLBACK (rebuild_accounts), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::current-account", G_CALLBACK (rebuild_accounts), self,
                           G_CONNECT_SWAPPED);
}

DossierPreferencesWindow *
dossier_preferences_window_new (DossierApplication *application)
{
  DossierPreferencesWindow *self;

  g_return_val_if_fail (DOSSIER_IS_APPLICATION (application), NULL);

  self = g_object_new (DOSSIER_TYPE_PREFERENCES_WINDOW,
                       "application", application,
                       "transient-for", gtk_application_get_active_window (GTK_APPLICATION (application)),
                       "modal", FALSE,
                       NULL);
  g_set_weak_pointer (&self->application, application);
  return self;
}

void
dossier_preferences_window_add_account (DossierPreferencesWindow *self,
                                        const char               *name,
                                        const char               *base_url,
                                        const char               *api_key)
{
  g_return_if_fail (DOSSIER_IS_PREFERENCES_WINDOW (self));

  gtk_editable_set_text (GTK_EDITABLE (self->name_row), name != NULL ? name : "");
  gtk_editable_set_text (GTK_EDITABLE (self->url_row), base_url != NULL ? base_url : "");
  gtk_editable_set_text (GTK_EDITABLE (self->key_row), api_key != NULL ? api_key : "");
  add_clicked_cb (self);
}

gboolean
dossier_preferences_window_get_busy (DossierPreferencesWindow *self)
{
  g_return_val_if_fail (DOSSIER_IS_PREFERENCES_WINDOW (self), FALSE);
  return self->busy;
}

const char *
dossier_preferences_window_get_status (DossierPreferencesWindow *self)
{
  g_return_val_if_fail (DOSSIER_IS_PREFERENCES_WINDOW (self), NULL);
  return gtk_label_get_text (self->status_label);
}

GtkWidget *
dossier_preferences_window_get_account_check (DossierPreferencesWindow *self,
                                              const char               *base_url)
{
  g_return_val_if_fail (DOSSIER_IS_PREFERENCES_WINDOW (self), NULL);
  return g_hash_table_lookup (self->checks, base_url);
}
