/* dossier-event-recorder.c — DossierApi's answers become journal events, in order
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each signal becomes a unit of work in one queue, handled one at a time: the first
 * work for a client reads its cached requests and its events from the journal, then
 * each work computes its events (dossier-event-recorder-diff.c), appends them and
 * stores the requests as now seen; the next work waits until that is committed, so
 * two answers for one client are never compared with the same old state.
 */
#include "config.h"

#include "dossier-event-recorder-private.h"

struct _DossierEventRecorder
{
  GObject         parent_instance;

  DossierApi     *api;
  DossierJournal *journal;
  GCancellable   *cancellable;
  GQueue          work;          /* Work, oldest first */
  GHashTable     *states;        /* client id → DossierRecorderState */
  GHashTable     *clients;       /* client id → DossierClient as last seen */
  GPtrArray      *waiters;       /* GTask */
  guint           pending;       /* journal writes of the current work */
  guint           busy : 1;
};

G_DEFINE_FINAL_TYPE (DossierEventRecorder, dossier_event_recorder, G_TYPE_OBJECT)

typedef enum {
  WORK_CLIENT_CREATED,
  WORK_CLIENT_SEEN,
  WORK_CLIENT_UPDATED,
  WORK_REQUESTS,
  WORK_FAILURE,
} WorkKind;

typedef struct {
  WorkKind       kind;
  char          *client_id;
  char          *request_id;
  char          *action;
  char          *trace_id;
  DossierClient *client;
  DossierClient *before;
  GPtrArray     *requests;    /* DossierProductRequest */
  gboolean       from_submit;
  GError        *error;
  gint64         time;        /* when the signal came */
} Work;

static void process (DossierEventRecorder *self);

static void
work_free (Work *work)
{
  g_free (work->client_id);
  g_free (work->request_id);
  g_free (work->action);
  g_free (work->trace_id);
  g_clear_object (&work->client);
  g_clear_object (&work->before);
  g_clear_pointer (&work->requests, g_ptr_array_unref);
  g_clear_error (&work->error);
  g_free (work);
}

static void
push (DossierEventRecorder *self,
      Work                 *work)
{
  work->time = g_get_real_time ();
  g_queue_push_tail (&self->work, work);
  process (self);
}

static Work *
work_new (WorkKind    kind,
          const char *client_id,
          const char *action,
          const char *trace_id)
{
  Work *work = g_new0 (Work, 1);

  work->kind = kind;
  work->client_id = g_strdup (client_id);
  work->action = g_strdup (action);
  work->trace_id = g_strdup (trace_id);
  return work;
}

/* ---- the API's signals ---- */

static void
client_created_cb (DossierApi           *api,
                   DossierClient        *client,
                   const char           *trace_id,
                   DossierEventRecorder *self)
{
  Work *work = work_new (WORK_CLIENT_CREATED, dossier_client_get_id (client), "create-client", trace_id);

  work->client = dossier_client_copy (client);
  push (self, work);
}

static void
client_fetched_cb (DossierApi           *api,
                   DossierClient        *client,
                   const char           *trace_id,
                   DossierEventRecorder *self)
{
  dossier_event_recorder_observe_client (self, client);
}

static void
client_updated_cb (DossierApi           *api,
                   DossierClient        *client,
                   DossierClient        *before,
                   const char           *trace_id,
                   DossierEventRecorder *self)
{
  Work *work = work_new (WORK_CLIENT_UPDATED, dossier_client_get_id (client), "update-client", trace_id);

  work->client = dossier_client_copy (client);
  if (before != NULL)
    work->before = dossier_client_copy (before);
  else if (g_hash_table_contains (self->clients, dossier_client_get_id (client)))
    work->before = dossier_client_copy (g_hash_table_lookup (self->clients, dossier_client_get_id (client)));
  g_hash_table_replace (self->clients, g_strdup (dossier_client_get_id (client)),
                        dossier_client_copy (client));
  push (self, work);
}

static void
push_requests (DossierEventRecorder  *self,
               const char            *action,
               DossierProductRequest *request,
               const char            *trace_id,
               gboolean               from_submit)
{
  Work *work;

  if (dossier_product_request_get_client_id (request) == NULL)
    return;

  work = work_new (WORK_REQUESTS, dossier_product_request_get_client_id (request), action, trace_id);
  work->requests = g_ptr_array_new_with_free_func (g_object_unref);
  g_ptr_array_add (work->requests, g_object_ref (request));
  work->from_submit = from_submit;
  push (self, work);
}

static void
product_requested_cb (DossierApi            *api,
                      DossierProductRequest *request,
                      const char            *trace_id,
                      DossierEventRecorder  *self)
{
  push_requests (self, "request-product", request, trace_id, FALSE);
}

static void
document_uploaded_cb (DossierApi            *api,
                      DossierProductRequest *request,
                      JsonNode              *document,
                      const char            *trace_id,
                      DossierEventRecorder  *self)
{
  push_requests (self, "upload-document", request, trace_id, FALSE);
}

static void
submitted_cb (DossierApi            *api,
              DossierProductRequest *request,
              const char            *trace_id,
              DossierEventRecorder  *self)
{
  push_requests (self, "submit", request, trace_id, TRUE);
}

static void
products_listed_cb (DossierApi           *api,
                    const char           *client_id,
                    GPtrArray            *requests,
                    const char           *trace_id,
                    DossierEventRecorder *self)
{
  dossier_event_recorder_observe_requests (self, client_id, requests, trace_id);
}

static void
failure_cb (DossierApi           *api,
            const char           *operation,
            const char           *client_id,
            const char           *request_id,
            const GError         *error,
            const char           *trace_id,
            DossierEventRecorder *self)
{
  Work *work;

  /* A client that was never created has no timeline to put it on. */
  if (client_id == NULL)
    return;

  work = work_new (WORK_FAILURE, client_id, operation, trace_id);
  work->request_id = g_strdup (request_id);
  work->error = g_error_copy (error);
  push (self, work);
}

/* ---- the queue ---- */

static void
finish_waiters (DossierEventRecorder *self)
{
  g_autoptr(GPtrArray) waiters = g_steal_pointer (&self->waiters);

  self->waiters = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < waiters->len; i++)
    g_task_return_boolean (g_ptr_array_index (waiters, i), TRUE);
}

static void
write_done (DossierEventRecorder *self)
{
  g_assert (self->pending > 0);

  if (--self->pending > 0)
    return;

  self->busy = FALSE;
  process (self);
}

static void
event_added_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(DossierEventRecorder) self = user_data;
  g_autoptr(GError) error = NULL;

  if (dossier_journal_add_event_finish (DOSSIER_JOURNAL (object), result, &error) == 0 &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_warning ("An event could not be kept in the journal: %s", error->message);
  write_done (self);
}

static void
requests_stored_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(DossierEventRecorder) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!dossier_journal_store_requests_finish (DOSSIER_JOURNAL (object), result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_debug ("A client's requests could not be kept in the journal: %s", error->message);
  write_done (self);
}

static DossierJournalEvent *
failure_event (Work *work)
{
  DossierJournalEvent *event = dossier_journal_event_new (work->client_id, work->request_id,
                                                          DOSSIER_JOURNAL_EVENT_FAILURE, work->time);
  JsonObject *details = dossier_recorder_failure_details (work->error);

  event->action = g_strdup (work->action);
  event->trace_id = g_strdup (work->trace_id);
  event->details = json_node_new (JSON_NODE_OBJECT);
  json_node_take_object (event->details, details);
  return event;
}

/* Computes and writes one work's events; the state is loaded. */
static void
apply (DossierEventRecorder *self,
       Work                 *work)
{
  DossierRecorderState *state = g_hash_table_lookup (self->states, work->client_id);
  g_autoptr(GPtrArray) events = g_ptr_array_new_with_free_func ((GDestroyNotify) dossier_journal_event_free);
  gboolean store = FALSE;

  switch (work->kind)
    {
    case WORK_CLIENT_CREATED:
    case WORK_CLIENT_SEEN:
      dossier_recorder_diff_created (state, work->client,
                                     work->kind == WORK_CLIENT_CREATED ? work->action : NULL,
                                     work->trace_id, work->time, events);
      break;
    case WORK_CLIENT_UPDATED:
      dossier_recorder_diff_updated (work->client, work->before, work->trace_id, work->time, events);
      break;
    case WORK_REQUESTS:
      for (guint i = 0; i < work->requests->len; i++)
        store |= dossier_recorder_diff_request (state, g_ptr_array_index (work->requests, i),
                                                work->action, work->trace_id, work->from_submit,
                                                work->time, events);
      break;
    case WORK_FAILURE:
      g_ptr_array_add (events, failure_event (work));
      break;
    default:
      g_assert_not_reached ();
    }

  for (guint i = 0; i < events->len; i++)
    {
      self->pending++;
      dossier_journal_add_event_async (self->journal, g_ptr_array_index (events, i),
                                       self->cancellable, event_added_cb, g_object_ref (self));
    }

  if (store)
    {
      g_autoptr(JsonNode) json = dossier_recorder_state_to_json (state);

      self->pending++;
      dossier_journal_store_requests_async (self->journal, work->client_id, json, work->time,
                                            self->cancellable, requests_stored_cb,
                                            g_object_ref (self));
    }
}

typedef struct {
  DossierEventRecorder *self;
  char                 *client_id;
  JsonNode             *cached;
} Load;

static void
load_free (Load *load)
{
  g_object_unref (load->self);
  g_free (load->client_id);
  g_clear_pointer (&load->cached, json_node_unref);
  g_free (load);
}

static void
events_loaded_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  Load *load = user_data;
  DossierEventRecorder *self = load->self;
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GError) error = NULL;
  DossierRecorderState *state;

  events = dossier_journal_list_events_finish (DOSSIER_JOURNAL (object), result, &error);
  if (events == NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      load_free (load);
      return;
    }
  if (events == NULL)
    g_warning ("A client's timeline could not be read: %s", error->message);

  state = dossier_recorder_state_new ();
  dossier_recorder_state_load (state, load->cached, events);
  g_hash_table_replace (self->states, g_strdup (load->client_id), state);

  self->busy = FALSE;
  process (self);
  load_free (load);
}

static void
requests_loaded_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  Load *load = user_data;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;

  entries = dossier_journal_list_requests_finish (DOSSIER_JOURNAL (object), result, &error);
  if (entries != NULL && entries->len > 0)
    load->cached = json_node_ref (((DossierJournalRequests *) g_ptr_array_index (entries, 0))->requests);

  dossier_journal_list_events_async (DOSSIER_JOURNAL (object), load->client_id, NULL, 0,
                                     load->self->cancellable, events_loaded_cb, load);
}

static void
process (DossierEventRecorder *self)
{
  while (!self->busy && !g_queue_is_empty (&self->work))
    {
      Work *work = g_queue_peek_head (&self->work);

      if (!g_hash_table_contains (self->states, work->client_id))
        {
          Load *load = g_new0 (Load, 1);

          load->self = g_object_ref (self);
          load->client_id = g_strdup (work->client_id);
          self->busy = TRUE;
          dossier_journal_list_requests_async (self->journal, work->client_id, self->cancellable,
                                               requests_loaded_cb, load);
          return;
        }

      g_queue_pop_head (&self->work);
      apply (self, work);
      work_free (work);
      if (self->pending > 0)
        self->busy = TRUE;
    }

  if (!self->busy && self->waiters->len > 0)
    finish_waiters (self);
}

/* ---- the object ---- */

static void
dossier_event_recorder_dispose (GObject *object)
{
  DossierEventRecorder *self = DOSSIER_EVENT_RECORDER (object);

  g_cancellable_cancel (self->cancellable);
  if (self->api != NULL)
    g_signal_handlers_disconnect_by_data (self->api, self);
  g_clear_object (&self->api);
  g_queue_clear_full (&self->work, (GDestroyNotify) work_free);

  G_OBJECT_CLASS (dossier_event_recorder_parent_class)->dispose (object);
}

static void
dossier_event_recorder_finalize (GObject *object)
{
  DossierEventRecorder *self = DOSSIER_EVENT_RECORDER (object);

  g_clear_object (&self->journal);
  g_clear_object (&self->cancellable);
  g_hash_table_unref (self->states);
  g_hash_table_unref (self->clients);
  g_ptr_array_unref (self->waiters);

  G_OBJECT_CLASS (dossier_event_recorder_parent_class)->finalize (object);
}

static void
dossier_event_recorder_class_init (DossierEventRecorderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = dossier_event_recorder_dispose;
  object_class->finalize = dossier_event_recorder_finalize;
}

static void
dossier_event_recorder_init (DossierEventRecorder *self)
{
  self->cancellable = g_cancellable_new ();
  g_queue_init (&self->work);
  self->states = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                        (GDestroyNotify) dossier_recorder_state_free);
  self->clients = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  self->waiters = g_ptr_array_new_with_free_func (g_object_unref);
}

DossierEventRecorder *
dossier_event_recorder_new (DossierApi     *api,
                            DossierJournal *journal)
{
  DossierEventRecorder *self;

  g_return_val_if_fail (DOSSIER_IS_API (api), NULL);
  g_return_val_if_fail (DOSSIER_IS_JOURNAL (journal), NULL);

  self = g_object_new (DOSSIER_TYPE_EVENT_RECORDER, NULL);
  self->api = g_object_ref (api);
  self->journal = g_object_ref (journal);

  g_signal_connect (api, "client-created", G_CALLBACK (client_created_cb), self);
  g_signal_connect (api, "client-fetched", G_CALLBACK (client_fetched_cb), self);
  g_signal_connect (api, "client-updated", G_CALLBACK (client_updated_cb), self);
  g_signal_connect (api, "product-requested", G_CALLBACK (product_requested_cb), self);
  g_signal_connect (api, "products-listed", G_CALLBACK (products_listed_cb), self);
  g_signal_connect (api, "document-uploaded", G_CALLBACK (document_uploaded_cb), self);
  g_signal_connect (api, "submitted", G_CALLBACK (submitted_cb), self);
  g_signal_connect (api, "failure", G_CALLBACK (failure_cb), self);

  return self;
}

DossierApi *
dossier_event_recorder_get_api (DossierEventRecorder *self)
{
  g_return_val_if_fail (DOSSIER_IS_EVENT_RECORDER (self), NULL);
  return self->api;
}

DossierJournal *
dossier_event_recorder_get_journal (DossierEventRecorder *self)
{
  g_return_val_if_fail (DOSSIER_IS_EVENT_RECORDER (self), NULL);
  return self->journal;
}

void
dossier_event_recorder_observe_client (DossierEventRecorder *self,
                                       DossierClient        *client)
{
  Work *work;

  g_return_if_fail (DOSSIER_IS_EVENT_RECORDER (self));
  g_return_if_fail (DOSSIER_IS_CLIENT (client));

  if (dossier_client_get_id (client) == NULL)
    return;

  g_hash_table_replace (self->clients, g_strdup (dossier_client_get_id (client)),
                        dossier_client_copy (client));
  work = work_new (WORK_CLIENT_SEEN, dossier_client_get_id (client), NULL, NULL);
  work->client = dossier_client_copy (client);
  push (self, work);
}

void
dossier_event_recorder_observe_requests (DossierEventRecorder *self,
                                         const char           *client_id,
                                         GPtrArray            *requests,
                                         const char           *trace_id)
{
  Work *work;

  g_return_if_fail (DOSSIER_IS_EVENT_RECORDER (self));
  g_return_if_fail (client_id != NULL);
  g_return_if_fail (requests != NULL);

  work = work_new (WORK_REQUESTS, client_id, "list-products", trace_id);
  work->requests = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < requests->len; i++)
    {
      DossierProductRequest *request = g_ptr_array_index (requests, i);

      /* Another client's request in this client's list is the server's mistake. */
      if (g_strcmp0 (dossier_product_request_get_client_id (request), client_id) == 0)
        g_ptr_array_add (work->requests, g_object_ref (request));
    }
  push (self, work);
}

void
dossier_event_recorder_wait_async (DossierEventRecorder *self,
                                   GCancellable         *cancellable,
                                   GAsyncReadyCallback   callback,
                                   gpointer              user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (DOSSIER_IS_EVENT_RECORDER (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, dossier_event_recorder_wait_async);

  if (!self->busy && g_queue_is_empty (&self->work))
    g_task_return_boolean (task, TRUE);
  else
    g_ptr_array_add (self->waiters, g_steal_pointer (&task));
}

gboolean
dossier_event_recorder_wait_finish (DossierEventRecorder  *self,
                                    GAsyncResult          *result,
                                    GError               **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

gboolean
dossier_event_recorder_get_busy (DossierEventRecorder *self)
{
  g_return_val_if_fail (DOSSIER_IS_EVENT_RECORDER (self), FALSE);
  return self->busy || !g_queue_is_empty (&self->work);
}
