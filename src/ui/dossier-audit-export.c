/* dossier-audit-export.c — one client's dossier as a PDF an auditor can keep, or as JSON
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * On the main thread: copy the client and its requests into a snapshot, then ask
 * the journal (its own worker) for the client's events, notes and uploads and for
 * the chain's verification, all at once. When the four answers are in, a GTask
 * worker lays out and writes the file. The file is created private (0600): a
 * dossier is personal data.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <gtk/gtk.h>

#include "dossier-audit-export-private.h"
#include "dossier-known-ids.h"
#include "dossier-requirements.h"
#include "dossier-ui-closures.h"

typedef struct
{
  DossierJournal       *journal;
  DossierAuditSnapshot *snapshot;
  GFile                *destination;
  gboolean              json;
  guint                 pending;
  GError               *error;
  guint                 pages;
} ExportData;

static void
export_data_free (ExportData *data)
{
  g_clear_object (&data->journal);
  g_clear_pointer (&data->snapshot, _dossier_audit_snapshot_free);
  g_clear_object (&data->destination);
  g_clear_error (&data->error);
  g_free (data);
}

static JsonNode *
client_json (DossierClient *client)
{
  g_autoptr(JsonNode) node = dossier_client_to_json (client);
  JsonObject *object = json_node_get_object (node);
  g_autoptr(JsonObject) full = json_object_new ();
  JsonObjectIter iter;
  const char *name;
  JsonNode *member;

  /* The server's own fields first, then what to_json() keeps for a PUT. */
  json_object_set_string_member (full, "id", dossier_client_get_id (client));
  json_object_set_string_member (full, "status", dossier_client_get_status (client));
  json_object_iter_init_ordered (&iter, object);
  while (json_object_iter_next_ordered (&iter, &name, &member))
    if (!json_object_has_member (full, name))
      json_object_set_member (full, name, json_node_copy (member));
  if (dossier_client_get_created_at_raw (client) != NULL)
    json_object_set_string_member (full, "created_at", dossier_client_get_created_at_raw (client));
  if (dossier_client_get_updated_at_raw (client) != NULL)
    json_object_set_string_member (full, "updated_at", dossier_client_get_updated_at_raw (client));

  return json_node_init_object (json_node_alloc (), full);
}

static DossierAuditRequest *
audit_request_new (DossierProductRequest *request)
{
  DossierAuditRequest *copy = g_new0 (DossierAuditRequest, 1);
  DossierRequirements *missing = dossier_product_request_get_requirements (request);
  const char *rejection = dossier_product_request_get_rejection_description (request);

  copy->id = g_strdup (dossier_product_request_get_id (request));
  copy->product = g_strdup (dossier_product_request_get_product (request));
  copy->product_label = dossier_known_ids_product_label (copy->product);
  copy->status = g_strdup (dossier_product_request_get_status_raw (request));
  copy->status_label = g_strdup (dossier_ui_request_status_label (
      dossier_product_request_get_status (request)));
  copy->rejection = rejection != NULL && *rejection != '\0' ? g_strdup (rejection) : NULL;
  copy->created_at = g_strdup (dossier_product_request_get_created_at_raw (request));
  copy->updated_at = g_strdup (dossier_product_request_get_updated_at_raw (request));
  if (missing != NULL)
    copy->n_missing = dossier_requirements_get_n_data_groups (missing)
                      + dossier_requirements_get_n_document_groups (missing);
  return copy;
}

/* Everything the worker needs, copied on the main thread. */
static DossierAuditSnapshot *
snapshot_new (DossierClient *client,
              GPtrArray     *requests,
              const char    *account_label)
{
  DossierAuditSnapshot *snapshot = g_new0 (DossierAuditSnapshot, 1);
  GtkPaperSize *paper = gtk_paper_size_new (NULL);

  snapshot->client_id = g_strdup (dossier_client_get_id (client));
  snapshot->client_name = dossier_client_get_display_name (client);
  snapshot->client = client_json (client);
  snapshot->requests =
    g_ptr_array_new_with_free_func ((GDestroyNotify) _dossier_audit_request_free);
  for (guint i = 0; requests != NULL && i < requests->len; i++)
    g_ptr_array_add (snapshot->requests, audit_request_new (g_ptr_array_index (requests, i)));
  snapshot->account_label = g_strdup (account_label != NULL ? account_label : "");
  snapshot->exported_at = g_date_time_new_now_local ();

  /* The locale's paper (LC_PAPER: A4 in most of the world, Letter in the Americas). */
  snapshot->paper_name = g_strdup (gtk_paper_size_get_name (paper));
  snapshot->paper_width = gtk_paper_size_get_width (paper, GTK_UNIT_POINTS);
  snapshot->paper_height = gtk_paper_size_get_height (paper, GTK_UNIT_POINTS);
  gtk_paper_size_free (paper);

  return snapshot;
}

static void
write_json (ExportData    *data,
            GCancellable  *cancellable,
            GError       **error)
{
  g_autoptr(JsonNode) root = _dossier_audit_build_json (data->snapshot);
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *text = NULL;
  gsize length = 0;

  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  text = json_generator_to_data (generator, &length);
  g_file_replace_contents (data->destination, text, length, NULL, FALSE,
                           G_FILE_CREATE_PRIVATE | G_FILE_CREATE_REPLACE_DESTINATION,
                           NULL, cancellable, error);
}

static void
write_pdf (ExportData    *data,
           GCancellable  *cancellable,
           GError       **error)
{
  g_autoptr(GFileOutputStream) stream = NULL;
  g_autoptr(GCancellable) abandon = g_cancellable_new ();
  g_autoptr(GError) local_error = NULL;

  stream = g_file_replace (data->destination, NULL, FALSE,
                           G_FILE_CREATE_PRIVATE | G_FILE_CREATE_REPLACE_DESTINATION,
                           cancellable, error);
  if (stream == NULL)
    return;

  data->pages = _dossier_audit_write_pdf (data->snapshot, G_OUTPUT_STREAM (stream), cancellable,
                                          &local_error);
  if (data->pages == 0)
    {
      /* Closing with a cancelled cancellable leaves what was there before in place. */
      g_cancellable_cancel (abandon);
      g_output_stream_close (G_OUTPUT_STREAM (stream), abandon, NULL);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return;
    }
  g_output_stream_close (G_OUTPUT_STREAM (stream), cancellable, error);
}

static void
export_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ExportData *data = task_data;
  GError *error = NULL;
  gint64 started = g_get_monotonic_time ();

  if (data->json)
    write_json (data, cancellable, &error);
  else
    write_pdf (data, cancellable, &error);

  if (error != NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  g_debug ("audit export: %s of %u events, %u pages, %" G_GINT64_FORMAT " ms",
           data->json ? "JSON" : "PDF", data->snapshot->events->len, data->pages,
           (g_get_monotonic_time () - started) / 1000);
  g_task_return_boolean (task, TRUE);
}

/* One of the four journal answers is in; the last one starts the worker. */
static void
collected (GTask  *task,
           GError *error)
{
  ExportData *data = g_task_get_task_data (task);

  if (error != NULL && data->error == NULL)
    data->error = error;
  else if (error != NULL)
    g_error_free (error);

  if (--data->pending > 0)
    return;

  if (data->error != NULL)
    g_task_return_error (task, g_steal_pointer (&data->error));
  else
    g_task_run_in_thread (task, export_thread);
}

static void
events_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  ExportData *data = g_task_get_task_data (task);
  GError *error = NULL;

  data->snapshot->events = dossier_journal_list_events_finish (DOSSIER_JOURNAL (object), result,
                                                               &error);
  if (data->snapshot->events != NULL)
    _dossier_audit_sort_events (data->snapshot->events);
  collected (task, error);
}

static void
notes_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  ExportData *data = g_task_get_task_data (task);
  GError *error = NULL;

  data->snapshot->notes = dossier_journal_list_notes_finish (DOSSIER_JOURNAL (object), result,
                                                             &error);
  collected (task, error);
}

static void
uploads_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  ExportData *data = g_task_get_task_data (task);
  GError *error = NULL;

  data->snapshot->uploads = dossier_journal_list_uploads_finish (DOSSIER_JOURNAL (object), result,
                                                                 &error);
  collected (task, error);
}

static void
verified_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  ExportData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  /* A failed verification is part of the dossier, not a reason to write none. */
  data->snapshot->verification = dossier_journal_verify_finish (DOSSIER_JOURNAL (object), result,
                                                                &error);
  if (data->snapshot->verification == NULL)
    data->snapshot->verify_error = g_strdup (error != NULL ? error->message : "");
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    collected (task, g_steal_pointer (&error));
  else
    collected (task, NULL);
}

static void
export_async (DossierJournal      *journal,
              DossierClient       *client,
              GPtrArray           *requests,
              const char          *account_label,
              GFile               *destination,
              gboolean             json,
              gpointer             source_tag,
              GCancellable        *cancellable,
              GAsyncReadyCallback  callback,
              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  ExportData *data;
  const char *client_id;

  g_return_if_fail (DOSSIER_IS_JOURNAL (journal));
  g_return_if_fail (DOSSIER_IS_CLIENT (client));
  g_return_if_fail (G_IS_FILE (destination));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  data = g_new0 (ExportData, 1);
  data->journal = g_object_ref (journal);
  data->destination = g_object_ref (destination);
  data->json = json;
  data->snapshot = snapshot_new (client, requests, account_label);
  data->pending = 4;

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, data, (GDestroyNotify) export_data_free);

  client_id = data->snapshot->client_id;
  dossier_journal_list_events_async (journal, client_id, NULL, 0, cancellable, events_cb,
                                     g_object_ref (task));
  dossier_journal_list_notes_async (journal, client_id, cancellable, notes_cb, g_object_ref (task));
  dossier_journal_list_uploads_async (journal, client_id, NULL, cancellable, uploads_cb,
                                      g_object_ref (task));
  dossier_journal_verify_async (journal, cancellable, verified_cb, g_object_ref (task));
}

/**
 * dossier_audit_export_pdf_async:
 * @journal: the journal holding the client's timeline
 * @client: the client, as last fetched
 * @requests: (element-type DossierProductRequest) (nullable): its product requests
 * @account_label: the account the export is made from, for the footer
 * @destination: where to write the PDF (replaced atomically, created mode 0600)
 * @cancellable: (nullable): a #GCancellable
 * @callback: called once the file is written
 * @user_data: data for @callback
 *
 * Writes the client's audit dossier as a PDF on the locale's paper size.
 */
void
dossier_audit_export_pdf_async (DossierJournal      *journal,
                                DossierClient       *client,
                                GPtrArray           *requests,
                                const char          *account_label,
                                GFile               *destination,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  export_async (journal, client, requests, account_label, destination, FALSE,
                dossier_audit_export_pdf_async, cancellable, callback, user_data);
}

/**
 * dossier_audit_export_pdf_finish:
 * @result: the result given to the callback
 * @pages: (out) (optional): the number of pages written
 * @error: return location for a #GError
 *
 * Returns: %TRUE when the PDF was written
 */
gboolean
dossier_audit_export_pdf_finish (GAsyncResult  *result,
                                 guint         *pages,
                                 GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == dossier_audit_export_pdf_async,
                        FALSE);

  if (pages != NULL)
    {
      ExportData *data = g_task_get_task_data (G_TASK (result));

      *pages = data->pages;
    }
  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * dossier_audit_export_json_async:
 * @journal: the journal holding the client's timeline
 * @client: the client, as last fetched
 * @requests: (element-type DossierProductRequest) (nullable): its product requests
 * @account_label: the account the export is made from
 * @destination: where to write the JSON (replaced atomically, created mode 0600)
 * @cancellable: (nullable): a #GCancellable
 * @callback: called once the file is written
 * @user_data: data for @callback
 *
 * Writes the same content as the PDF as JSON, for other tools.
 */
void
dossier_audit_export_json_async (DossierJournal      *journal,
                                 DossierClient       *client,
                                 GPtrArray           *requests,
                                 const char          *account_label,
                                 GFile               *destination,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  export_async (journal, client, requests, account_label, destination, TRUE,
                dossier_audit_export_json_async, cancellable, callback, user_data);
}

/**
 * dossier_audit_export_json_finish:
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Returns: %TRUE when the JSON was written
 */
gboolean
dossier_audit_export_json_finish (GAsyncResult  *result,
                                  GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == dossier_audit_export_json_async,
                        FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * dossier_audit_export_suggest_name:
 * @client: the client
 * @extension: "pdf" or "json"
 *
 * Returns: (transfer full): a file name for the chooser, without characters a
 *   file system could refuse
 */
char *
dossier_audit_export_suggest_name (DossierClient *client,
                                   const char    *extension)
{
  g_autofree char *name = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *day = g_date_time_format (now, "%Y-%m-%d");
  g_autofree char *file = NULL;

  g_return_val_if_fail (DOSSIER_IS_CLIENT (client), NULL);
  g_return_val_if_fail (extension != NULL, NULL);

  name = dossier_client_get_display_name (client);
  g_strdelimit (name, "/\\:*?\"<>|", '-');
  /* Translators: a file name: the client's name and the day of the export */
  file = g_strdup_printf (_("Dossier – %s – %s"), name, day);
  return g_strconcat (file, ".", extension, NULL);
}
