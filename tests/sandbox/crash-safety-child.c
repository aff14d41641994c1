/* crash-safety-child.c — the app's core work, to be killed at random by test-crash-safety
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * crash-safety-child URL KEY JOURNAL CLIENT_ID REQUEST_ID SEED
 * crash-safety-child URL KEY JOURNAL --finish
 *
 * Opens the journal, resumes the upload queue (DossierUploader), and then, like a
 * person at work: types a draft for (CLIENT_ID, REQUEST_ID) — one save every few
 * milliseconds, each after the previous one finished — and queues one passport upload
 * for REQUEST_ID. Everything the person would have seen confirmed is acknowledged on
 * stdout (fd 1, one write() per line, nothing buffered):
 *   draft <request_id> <seq>        the journal's save_draft finished for seq
 *   queued <upload_id> <request_id> the upload is committed to the queue
 *   status <upload_id> <status>     the uploader's status changed
 *   idle                            (--finish) the queue is drained, journal flushed
 * With --finish it types nothing, drains the queue and exits 0.
 */
#include "config.h"

#include <string.h>
#include <unistd.h>

#include <gdk-pixbuf/gdk-pixbuf.h>

#include "dossier-uploader.h"

typedef struct
{
  GMainLoop       *loop;
  DossierJournal  *journal;
  DossierUploader *uploader;
  const char      *client_id;
  const char      *request_id;
  guint            seq;
  gboolean         saving;
  gboolean         finish;
  gboolean         resumed;
} Child;

static void
ack (const char *format,
     ...)
{
  g_autofree char *line = NULL;
  va_list args;
  gsize done = 0;
  gsize length;

  va_start (args, format);
  line = g_strdup_vprintf (format, args);
  va_end (args);

  length = strlen (line);
  while (done < length)
    {
      ssize_t n = write (STDOUT_FILENO, line + done, length - done);

      if (n <= 0)
        return;
      done += n;
    }
}

static void
journal_ready_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static void
draft_saved_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  Child *child = user_data;
  g_autoptr(GError) error = NULL;

  child->saving = FALSE;
  if (dossier_journal_save_draft_finish (DOSSIER_JOURNAL (source), result, &error))
    ack ("draft %s %u\n", child->request_id, child->seq);
  else
    g_printerr ("draft not saved: %s\n", error->message);
}

/* One keystroke: the draft grows by a character and is saved. */
static gboolean
type_cb (gpointer user_data)
{
  Child *child = user_data;
  g_autoptr(JsonObject) fields = NULL;
  g_autofree char *text = NULL;

  if (child->saving)
    return G_SOURCE_CONTINUE;

  child->seq++;
  text = g_strnfill (child->seq % 200, 'a' + child->seq % 26);
  fields = json_object_new ();
  json_object_set_int_member (fields, "seq", child->seq);
  json_object_set_string_member (fields, "occupation", text);
  child->saving = TRUE;
  dossier_journal_save_draft_async (child->journal, child->client_id, child->request_id, fields,
                                    NULL, draft_saved_cb, child);
  return G_SOURCE_CONTINUE;
}

static void
upload_changed_cb (DossierUploader *uploader,
                   gint64           upload_id,
                   Child           *child)
{
  g_autoptr(DossierUploadInfo) info = dossier_uploader_lookup (uploader, upload_id);

  g_autofree char *status = NULL;

  if (info == NULL)
    return;
  status = g_enum_to_string (DOSSIER_TYPE_UPLOAD_STATUS, info->status);
  ack ("status %" G_GINT64_FORMAT " %s\n", upload_id, status);
}

static void
enqueued_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  Child *child = user_data;
  g_autoptr(GError) error = NULL;
  gint64 id;

  id = dossier_uploader_enqueue_finish (DOSSIER_UPLOADER (source), result, &error);
  if (id > 0)
    ack ("queued %" G_GINT64_FORMAT " %s\n", id, child->request_id);
  else
    g_printerr ("not queued: %s\n", error->message);
}

static GBytes *
passport_image (guint seed)
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, 600, 800);
  g_autofree char *buffer = NULL;
  gsize size = 0;

  gdk_pixbuf_fill (pixbuf, 0x30507000 | ((seed * 2654435761u) & 0xffffff00u) | 0xff);
  if (!gdk_pixbuf_save_to_buffer (pixbuf, &buffer, &size, "jpeg", NULL, "quality", "85", NULL))
    g_error ("could not encode the test image");

  return g_bytes_new_take (g_steal_pointer (&buffer), size);
}

static void
flushed_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  Child *child = user_data;

  dossier_journal_flush_finish (DOSSIER_JOURNAL (source), result, NULL);
  ack ("idle\n");
  g_main_loop_quit (child->loop);
}

/* --finish: the queue is drained once nothing is queued, sent or waiting to retry. */
static gboolean
drained_cb (gpointer user_data)
{
  Child *child = user_data;

  if (!child->resumed || dossier_uploader_is_busy (child->uploader))
    return G_SOURCE_CONTINUE;

  dossier_journal_flush_async (child->journal, NULL, flushed_cb, child);
  return G_SOURCE_REMOVE;
}

static void
resumed_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  Child *child = user_data;
  g_autoptr(GError) error = NULL;

  dossier_uploader_resume_finish (DOSSIER_UPLOADER (source), result, &error);
  if (error != NULL)
    g_printerr ("resume failed: %s\n", error->message);
  child->resumed = TRUE;
}

int
main (int argc, char *argv[])
{
  Child child = { 0 };
  g_autoptr(DossierApi) api = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) front = NULL;
  g_autoptr(JsonObject) metadata = NULL;

  if (argc == 5 && g_strcmp0 (argv[4], "--finish") == 0)
    child.finish = TRUE;
  else if (argc != 7)
    {
      g_printerr ("usage: %s URL KEY JOURNAL (CLIENT_ID REQUEST_ID SEED | --finish)\n", argv[0]);
      return 2;
    }

  child.loop = g_main_loop_new (NULL, FALSE);
  dossier_journal_new_full_async (argv[3], DOSSIER_JOURNAL_FLAGS_NO_KEYRING, NULL,
                                  journal_ready_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  child.journal = dossier_journal_new_finish (result, &error);
  if (child.journal == NULL)
    {
      g_printerr ("journal: %s\n", error->message);
      return 1;
    }

  api = dossier_api_new (argv[1], argv[2]);
  child.uploader = dossier_uploader_new (api, child.journal);
  dossier_uploader_set_backoff (child.uploader, 50, 400, 50);
  g_signal_connect (child.uploader, "upload-changed", G_CALLBACK (upload_changed_cb), &child);
  dossier_uploader_resume_async (child.uploader, NULL, resumed_cb, &child);

  if (child.finish)
    {
      g_timeout_add (20, drained_cb, &child);
    }
  else
    {
      child.client_id = argv[4];
      child.request_id = argv[5];
      front = passport_image ((guint) g_ascii_strtoull (argv[6], NULL, 10));
      metadata = json_object_new ();
      json_object_set_string_member (metadata, "number", "AB1234567");
      dossier_uploader_enqueue_bytes_async (child.uploader, child.client_id, child.request_id,
                                            "identity_document", "passport", metadata, front,
                                            NULL, NULL, enqueued_cb, &child);
      g_timeout_add (3, type_cb, &child);
    }

  g_main_loop_run (child.loop);

  g_clear_object (&child.uploader);
  g_clear_object (&child.journal);
  g_main_loop_unref (child.loop);
  return 0;
}
