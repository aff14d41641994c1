/* dossier-journal-actions.c — Export Dossier…, Export as JSON…, Verify Journal and
 * Forget This Client's Local Data
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The file chooser only picks a place: its answer activates client.export-*-to with
 * the URI, which is also what tests activate (a hidden native chooser cannot be
 * driven, TESTING.md §4). An export fetches the client's requests first so the
 * dossier shows the provider's current status; offline it uses the journal's copy.
 * The chooser starts in the user's Documents folder; the toast saying where the file
 * went has an Open button (the default app, through the OpenURI portal in Flatpak).
 */
#include "config.h"

#include <glib/gi18n.h>

#include "dossier-application.h"
#include "dossier-audit-export.h"
#include "dossier-document-slot.h"
#include "dossier-journal-actions-private.h"
#include "dossier-window.h"

#define CONTEXT_KEY "dossier-journal-actions-context"
#define CHOOSER_KEY "dossier-journal-actions-chooser"

static gboolean chooser_hidden;

typedef struct
{
  DossierJournal      *journal;
  DossierRequestCache *cache;
  char                *account_label;
} Context;

static void
context_free (Context *context)
{
  g_clear_object (&context->journal);
  g_clear_object (&context->cache);
  g_free (context->account_label);
  g_free (context);
}

/* What the actions work with: set by a test, or found through the window. */
static Context *
context_lookup (GtkWidget *widget)
{
  Context *context = g_object_get_data (G_OBJECT (widget), CONTEXT_KEY);
  Context *found;
  GtkWidget *window;
  GtkApplication *app;
  DossierAccount *account = NULL;

  if (context != NULL)
    {
      found = g_new0 (Context, 1);
      g_set_object (&found->journal, context->journal);
      g_set_object (&found->cache, context->cache);
      found->account_label = g_strdup (context->account_label);
      return found;
    }

  found = g_new0 (Context, 1);
  window = DOSSIER_IS_WINDOW (widget)
           ? widget : gtk_widget_get_ancestor (widget, DOSSIER_TYPE_WINDOW);
  if (window != NULL)
    {
      g_set_object (&found->cache, dossier_window_get_request_cache (DOSSIER_WINDOW (window)));
      if (found->cache != NULL)
        g_set_object (&found->journal, dossier_request_cache_get_journal (found->cache));
      app = gtk_window_get_application (GTK_WINDOW (window));
      if (DOSSIER_IS_APPLICATION (app))
        account = dossier_application_get_account (DOSSIER_APPLICATION (app));
    }
  if (account != NULL)
    /* Translators: the account in an exported dossier's footer: its name and address */
    found->account_label = g_strdup_printf (_("%s (%s)"),
                                            dossier_account_get_display_name (account),
                                            dossier_account_get_base_url (account));
  else
    found->account_label = g_strdup (_("No account"));
  return found;
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Context, context_free)

static DossierClient *
widget_client (GtkWidget *widget)
{
  DossierClient *client = NULL;

  g_object_get (widget, "client", &client, NULL);
  return client;
}

/* ---- export ------------------------------------------------------------------ */

typedef struct
{
  GtkWidget     *widget;
  Context       *context;
  DossierClient *client;
  GFile         *destination;
  gboolean       json;
} Export;

static void
export_free (Export *export)
{
  g_clear_object (&export->widget);
  g_clear_pointer (&export->context, context_free);
  g_clear_object (&export->client);
  g_clear_object (&export->destination);
  g_free (export);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Export, export_free)

static void
exported_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(Export) export = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_file_get_basename (export->destination);
  g_autofree char *text = NULL;
  gboolean ok;

  if (export->json)
    ok = dossier_audit_export_json_finish (result, &error);
  else
    ok = dossier_audit_export_pdf_finish (result, NULL, &error);

  if (ok)
    /* Translators: the placeholder is a file name */
    text = g_strdup_printf (_("Dossier exported to “%s”"), name);
  else
    /* Translators: the placeholder is the reason */
    text = g_strdup_printf (_("The dossier could not be exported: %s"), error->message);
  _dossier_journal_actions_toast (export->widget, text, ok ? export->destination : NULL);
  g_object_set_data (G_OBJECT (export->widget), "dossier-journal-actions-last-export",
                     GINT_TO_POINTER (ok ? 1 : -1));
  gtk_widget_action_set_enabled (export->widget, "client.export-pdf", TRUE);
  gtk_widget_action_set_enabled (export->widget, "client.export-json", TRUE);
}

static void
export_start (Export    *export,
              GPtrArray *requests)
{
  if (export->json)
    dossier_audit_export_json_async (export->context->journal, export->client, requests,
                                     export->context->account_label, export->destination, NULL,
                                     exported_cb, export);
  else
    dossier_audit_export_pdf_async (export->context->journal, export->client, requests,
                                    export->context->account_label, export->destination, NULL,
                                    exported_cb, export);
}

static void
cached_requests_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  Export *export = user_data;
  g_autoptr(GPtrArray) entries = dossier_journal_list_requests_finish (DOSSIER_JOURNAL (object),
                                                                       result, NULL);
  g_autoptr(GPtrArray) requests = g_ptr_array_new_with_free_func (g_object_unref);
  DossierJournalRequests *entry;

  if (entries != NULL && entries->len > 0)
    {
      entry = g_ptr_array_index (entries, 0);
      for (guint i = 0; JSON_NODE_HOLDS_ARRAY (entry->requests)
                        && i < json_array_get_length (json_node_get_array (entry->requests)); i++)
        {
          JsonNode *node = json_array_get_element (json_node_get_array (entry->requests), i);
          DossierProductRequest *request = dossier_product_request_new_from_json (node, NULL);

          if (request != NULL)
            g_ptr_array_add (requests, request);
        }
    }
  export_start (export, requests);
}

static void
fetched_requests_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  Export *export = user_data;
  DossierRequestCache *cache = DOSSIER_REQUEST_CACHE (object);
  g_autoptr(GPtrArray) requests = dossier_request_cache_fetch_finish (cache, result, NULL);

  if (requests != NULL)
    export_start (export, requests);
  else
    dossier_journal_list_requests_async (export->context->journal,
                                         dossier_client_get_id (export->client),
                                         NULL, cached_requests_cb, export);
}

static void
export_to_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  g_autoptr(Export) export = g_new0 (Export, 1);
  DossierRequestCache *cache;
  DossierJournal *journal;
  const char *client_id;

  export->json = g_str_equal (action_name, "client.export-json-to");
  export->widget = g_object_ref (widget);
  export->context = context_lookup (widget);
  export->client = widget_client (widget);
  export->destination = g_file_new_for_uri (g_variant_get_string (parameter, NULL));

  if (export->client == NULL)
    return;
  if (export->context->journal == NULL)
    {
      _dossier_journal_actions_toast (widget, _("The dossier could not be exported: the local journal is not open."),
                                      NULL);
      return;
    }

  gtk_widget_action_set_enabled (widget, "client.export-pdf", FALSE);
  gtk_widget_action_set_enabled (widget, "client.export-json", FALSE);
  cache = export->context->cache;
  journal = export->context->journal;
  client_id = dossier_client_get_id (export->client);
  /* export lives until its callback; its fields stay valid through the call. */
  if (cache != NULL)
    dossier_request_cache_fetch_async (cache, client_id, DOSSIER_API_PRIORITY_USER, NULL,
                                       fetched_requests_cb, g_steal_pointer (&export));
  else
    dossier_journal_list_requests_async (journal, client_id, NULL, cached_requests_cb,
                                         g_steal_pointer (&export));
}

static void
chooser_response_cb (GtkNativeDialog *chooser,
                     int              response,
                     gpointer         user_data)
{
  GtkWidget *widget = user_data;
  gboolean json = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (chooser), "json"));
  g_autoptr(GFile) file = NULL;
  g_autofree char *uri = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  if (file != NULL)
    {
      uri = g_file_get_uri (file);
      gtk_widget_activate_action (widget, json ? "client.export-json-to" : "client.export-pdf-to",
                                  "s", uri);
    }
  gtk_native_dialog_destroy (chooser);
  g_object_set_data (G_OBJECT (widget), CHOOSER_KEY, NULL);
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  gboolean json = g_str_equal (action_name, "client.export-json");
  g_autoptr(DossierClient) client = widget_client (widget);
  g_autofree char *name = NULL;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autoptr(GFile) folder = NULL;
  GtkFileChooserNative *chooser;
  GtkRoot *root = gtk_widget_get_root (widget);

  if (client == NULL)
    return;

  chooser = gtk_file_chooser_native_new (json ? _("Export Dossier as JSON") : _("Export Dossier"),
                                         GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), NULL);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  name = dossier_audit_export_suggest_name (client, json ? "json" : "pdf");
  /* Where it starts is kept on it (tests read it); a hidden chooser does not load it:
   * GTK 4.8's fallback dialog leaks its folder queries when closed while loading. */
  folder = _dossier_journal_actions_export_folder ();
  g_object_set_data_full (G_OBJECT (chooser), "dossier-start-folder", g_object_ref (folder),
                          g_object_unref);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  gtk_file_filter_set_name (filter, json ? _("JSON files") : _("PDF documents"));
  gtk_file_filter_add_mime_type (filter, json ? "application/json" : "application/pdf");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  g_object_set_data (G_OBJECT (chooser), "json", GINT_TO_POINTER (json));
  /* The widget owns the chooser until it answers (tests find it there). */
  g_signal_connect (chooser, "response", G_CALLBACK (chooser_response_cb), widget);
  g_object_set_data_full (G_OBJECT (widget), CHOOSER_KEY, chooser, g_object_unref);
  if (!chooser_hidden)
    {
      gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), folder, NULL);
      gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
      gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
    }
}

/* ---- forget ------------------------------------------------------------------ */

#define FORGET_CLIENT_KEY "dossier-journal-actions-forget-client"

static void
forgotten_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GtkWidget) widget = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  guint n;

  n = dossier_journal_forget_client_finish (DOSSIER_JOURNAL (object), result, &error);
  /* The pictures kept for its unsent documents go with the journal's drafts. */
  if (error == NULL)
    dossier_document_slot_forget_client_drafts (g_object_get_data (G_OBJECT (widget), FORGET_CLIENT_KEY));
  if (error != NULL)
    /* Translators: the placeholder is the reason */
    text = g_strdup_printf (_("The client’s local data could not be forgotten: %s"),
                            error->message);
  else
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "Local data forgotten; %u timeline event kept as a "
                                         "tombstone",
                                         "Local data forgotten; %u timeline events kept as "
                                         "tombstones", n),
                            n);
  _dossier_journal_actions_toast (widget, text, NULL);
  g_object_set_data (G_OBJECT (widget), "dossier-journal-actions-forgotten",
                     GINT_TO_POINTER (error == NULL ? 1 : -1));
}

static void
forget_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    gpointer          user_data)
{
  GtkWidget *widget = user_data;
  g_autoptr(Context) context = NULL;
  const char *client_id = g_object_get_data (G_OBJECT (dialog), "client-id");

  if (!g_str_equal (response, "forget"))
    return;

  context = context_lookup (widget);
  if (context->journal == NULL)
    {
      _dossier_journal_actions_toast (widget, _("The client’s local data could not be forgotten: "
                                                "the local journal is not open."), NULL);
      return;
    }
  g_object_set_data_full (G_OBJECT (widget), FORGET_CLIENT_KEY, g_strdup (client_id), g_free);
  dossier_journal_forget_client_async (context->journal, client_id, NULL, forgotten_cb,
                                       g_object_ref (widget));
}

static void
forget_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  g_autoptr(DossierClient) client = widget_client (widget);
  g_autofree char *name = NULL;
  g_autofree char *body = NULL;
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *dialog;

  if (client == NULL)
    return;

  name = dossier_client_get_display_name (client);
  body = g_strdup_printf (_("Drafts, queued documents, thumbnails, notes and cached requests of "
                            "%s are removed from this computer. The timeline keeps a tombstone "
                            "of each event, so the journal can still be verified. The client "
                            "stays with the provider."), name);
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   _("Forget This Client’s Local Data?"), body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "forget", _("_Forget"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "forget",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "client-id", g_strdup (dossier_client_get_id (client)),
                          g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (forget_response_cb), widget, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ---- verify ------------------------------------------------------------------ */

static void
verified_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GtkWidget) widget = user_data;
  g_autoptr(DossierJournalVerification) verification = NULL;
  g_autoptr(GError) error = NULL;
  const char *heading;
  g_autofree char *body = NULL;
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *dialog;

  verification = dossier_journal_verify_finish (DOSSIER_JOURNAL (object), result, &error);
  if (verification == NULL)
    {
      heading = _("Journal Not Verified");
      /* Translators: the placeholder is the reason */
      body = g_strdup_printf (_("The journal could not be read to verify it: %s"), error->message);
    }
  else if (!verification->ok)
    {
      heading = _("Journal Damaged");
      body = g_strdup_printf ("%s %s", verification->message,
                              _("The first problem found is shown; events recorded before it "
                                "are intact."));
    }
  else if (!verification->keyed)
    {
      heading = _("Journal Consistent, Not Protected");
      body = g_strdup (verification->message);
    }
  else
    {
      heading = _("Journal Intact");
      body = g_strdup (verification->message);
    }

  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, heading, body);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  g_object_set_data (G_OBJECT (dialog), "dossier-verify-dialog", GINT_TO_POINTER (1));
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_action_set_enabled (widget, "win.verify-journal", TRUE);
}

static void
verify_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  g_autoptr(Context) context = context_lookup (widget);

  if (context->journal == NULL)
    {
      _dossier_journal_actions_toast (widget, _("The journal is not open, so it cannot be verified."), NULL);
      return;
    }
  gtk_widget_action_set_enabled (widget, "win.verify-journal", FALSE);
  dossier_journal_verify_async (context->journal, NULL, verified_cb, g_object_ref (widget));
}

/* ---- installation ------------------------------------------------------------ */

static void
client_changed_cb (GtkWidget  *widget,
                   GParamSpec *pspec,
                   gpointer    user_data)
{
  g_autoptr(DossierClient) client = widget_client (widget);
  gboolean has_client = client != NULL;

  gtk_widget_action_set_enabled (widget, "client.export-pdf", has_client);
  gtk_widget_action_set_enabled (widget, "client.export-json", has_client);
  gtk_widget_action_set_enabled (widget, "client.export-pdf-to", has_client);
  gtk_widget_action_set_enabled (widget, "client.export-json-to", has_client);
  gtk_widget_action_set_enabled (widget, "client.forget-local-data", has_client);
}

void
dossier_journal_actions_install_client (GtkWidgetClass *widget_class)
{
  g_return_if_fail (GTK_IS_WIDGET_CLASS (widget_class));

  gtk_widget_class_install_action (widget_class, "client.export-pdf", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "client.export-json", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "client.export-pdf-to", "s", export_to_action);
  gtk_widget_class_install_action (widget_class, "client.export-json-to", "s", export_to_action);
  gtk_widget_class_install_action (widget_class, "client.forget-local-data", NULL, forget_action);
}

void
dossier_journal_actions_install_window (GtkWidgetClass *widget_class)
{
  g_return_if_fail (GTK_IS_WIDGET_CLASS (widget_class));

  gtk_widget_class_install_action (widget_class, "win.verify-journal", NULL, verify_action);
}

void
dossier_journal_actions_bind_client (GtkWidget *widget)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (g_object_class_find_property (G_OBJECT_GET_CLASS (widget), "client") != NULL);

  g_signal_connect (widget, "notify::client", G_CALLBACK (client_changed_cb), NULL);
  client_changed_cb (widget, NULL, NULL);
}

void
dossier_journal_actions_set_context (GtkWidget           *widget,
                                     DossierJournal      *journal,
                                     DossierRequestCache *cache,
                                     const char          *account_label)
{
  Context *context = g_new0 (Context, 1);

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (!journal || DOSSIER_IS_JOURNAL (journal));
  g_return_if_fail (!cache || DOSSIER_IS_REQUEST_CACHE (cache));

  g_set_object (&context->journal, journal);
  g_set_object (&context->cache, cache);
  context->account_label = g_strdup (account_label);
  g_object_set_data_full (G_OBJECT (widget), CONTEXT_KEY, context, (GDestroyNotify) context_free);
}

/* A hidden native chooser cannot be driven (TESTING.md §4): tests check the one that
 * was built, found as the widget's "dossier-journal-actions-chooser" data. */
void
dossier_journal_actions_set_chooser_hidden (gboolean hidden)
{
  chooser_hidden = !!hidden;
}

