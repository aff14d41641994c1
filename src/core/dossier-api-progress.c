/* dossier-api-progress.c — how far a call's body is on the wire, told at a bearable rate
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * libsoup emits SoupMessage::wrote-body-data for every block it writes (thousands for a
 * large upload). This keeps the count and reports it at most every REPORT_INTERVAL_US;
 * a count held back is reported when the interval is over, and the last block (sent ==
 * total) always at once. Reports run on the main context of the thread that started the
 * call: directly when that context is the one dispatching, else through it (then a count
 * held back is told with the next block only).
 */
#include "config.h"

#include "dossier-api-private.h"

/* About 30 reports a second. */
#define REPORT_INTERVAL_US (G_USEC_PER_SEC / 30)

struct _DossierApiProgress
{
  DossierApiProgressFunc  func;
  gpointer                data;
  GDestroyNotify          destroy;
  GMainContext           *context;       /* where reports go */

  gint64                  sent;
  gint64                  total;
  gint64                  reported_sent;  /* -1 before the first report of an attempt */
  gint64                  reported_at;    /* monotonic µs */
  GSource                *held;           /* the report held back by the rate limit */
};

typedef struct
{
  DossierApiProgress *progress;
  gint64              sent;
  gint64              total;
} Report;

static void
progress_free (DossierApiProgress *progress)
{
  if (progress->destroy != NULL)
    progress->destroy (progress->data);
  g_main_context_unref (progress->context);
}

DossierApiProgress *
_dossier_api_progress_new (DossierApiProgressFunc func,
                           gpointer               data,
                           GDestroyNotify         destroy)
{
  DossierApiProgress *progress = g_atomic_rc_box_new0 (DossierApiProgress);

  progress->func = func;
  progress->data = data;
  progress->destroy = destroy;
  progress->context = g_main_context_ref_thread_default ();
  progress->total = -1;
  progress->reported_sent = -1;

  return progress;
}

static DossierApiProgress *
progress_ref (DossierApiProgress *progress)
{
  return g_atomic_rc_box_acquire (progress);
}

void
_dossier_api_progress_unref (DossierApiProgress *progress)
{
  if (progress == NULL)
    return;

  /* The last reference goes with the call, on the thread that runs the session. */
  _dossier_api_progress_stop (progress);
  g_atomic_rc_box_release_full (progress, (GDestroyNotify) progress_free);
}

static gboolean
report_in_context_cb (gpointer user_data)
{
  Report *report = user_data;

  report->progress->func (report->sent, report->total, report->progress->data);

  return G_SOURCE_REMOVE;
}

static void
report_free (Report *report)
{
  g_atomic_rc_box_release_full (report->progress, (GDestroyNotify) progress_free);
  g_free (report);
}

static void
report (DossierApiProgress *progress)
{
  progress->reported_sent = progress->sent;
  progress->reported_at = g_get_monotonic_time ();

  if (progress->func == NULL)
    return;

  if (g_main_context_is_owner (progress->context))
    {
      progress->func (progress->sent, progress->total, progress->data);
    }
  else
    {
      Report *copy = g_new0 (Report, 1);

      copy->progress = progress_ref (progress);
      copy->sent = progress->sent;
      copy->total = progress->total;
      g_main_context_invoke_full (progress->context, G_PRIORITY_DEFAULT, report_in_context_cb,
                                  copy, (GDestroyNotify) report_free);
    }
}

static void
clear_held (DossierApiProgress *progress)
{
  if (progress->held != NULL)
    {
      g_source_destroy (progress->held);
      g_clear_pointer (&progress->held, g_source_unref);
    }
}

static gboolean
held_cb (gpointer user_data)
{
  DossierApiProgress *progress = user_data;

  g_clear_pointer (&progress->held, g_source_unref);
  if (progress->sent != progress->reported_sent)
    report (progress);

  return G_SOURCE_REMOVE;
}

void
_dossier_api_progress_start (DossierApiProgress *progress,
                             gint64              total)
{
  g_return_if_fail (progress != NULL);

  clear_held (progress);
  progress->sent = 0;
  progress->total = total > 0 ? total : -1;
  progress->reported_sent = -1;
  progress->reported_at = 0;
}

void
_dossier_api_progress_add (DossierApiProgress *progress,
                           gsize               bytes)
{
  gint64 elapsed;

  g_return_if_fail (progress != NULL);

  progress->sent += bytes;
  if (progress->total > 0 && progress->sent >= progress->total)
    {
      /* The last block: always told, and at once. */
      progress->sent = progress->total;
      clear_held (progress);
      if (progress->reported_sent != progress->sent)
        report (progress);
      return;
    }

  elapsed = g_get_monotonic_time () - progress->reported_at;
  if (progress->reported_sent < 0 || elapsed >= REPORT_INTERVAL_US)
    {
      clear_held (progress);
      report (progress);
    }
  else if (progress->held == NULL && g_main_context_is_owner (progress->context))
    {
      /* Told when the interval is over, with the count as it is then. */
      progress->held = g_timeout_source_new ((REPORT_INTERVAL_US - elapsed + 999) / 1000);
      g_source_set_callback (progress->held, held_cb, progress, NULL);
      g_source_attach (progress->held, progress->context);
    }
}

void
_dossier_api_progress_stop (DossierApiProgress *progress)
{
  g_return_if_fail (progress != NULL);

  clear_held (progress);
}

/**
 * dossier_api_upload_document_async:
 * @self: a #DossierApi
 * @client_id: the client
 * @request_id: the product request
 * @document: the §8.7 document object
 * @priority: the scheduler's priority
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the answer
 * @user_data: for @callback
 *
 * dossier_api_upload_document_with_progress_async() without a progress report.
 */
void
dossier_api_upload_document_async (DossierApi          *self,
                                   const char          *client_id,
                                   const char          *request_id,
                                   JsonNode            *document,
                                   DossierApiPriority   priority,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  dossier_api_upload_document_with_progress_async (self, client_id, request_id, document, priority,
                                                   NULL, NULL, NULL, cancellable, callback, user_data);
}
