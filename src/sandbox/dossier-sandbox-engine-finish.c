/* dossier-sandbox-engine-finish.c — steps 5–11 of CONTRACT.md §1.5, inline or with the §10 check off-thread
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * dossier_sandbox_engine_finish() runs everything inline (unit tests, fuzzing).
 * dossier_sandbox_engine_finish_async() does the same, except that the §10
 * check of a documentation upload (base64, headers, a pixel decode that can
 * take a second and hundreds of MB) runs in a GTask worker thread on a copy of
 * the document, so the sandbox's context keeps serving other requests. A
 * process-wide lock lets one check run at a time, which bounds the memory.
 * Back on the engine's thread, _dossier_sandbox_upload_complete() re-checks
 * the state and stores the document.
 */
#include "config.h"

#include "dossier-sandbox-private.h"

/* One §10 check at a time in the whole process (DESIGN.md: bounded memory). */
static GMutex check_lock;

typedef struct
{
  DossierSandboxExchange *exchange;   /* not owned: the caller keeps it until the callback */
  DossierSandboxUpload   *upload;     /* NULL when the exchange was answered at once */
} FinishData;

static void
finish_data_free (gpointer data)
{
  FinishData *finish = data;

  g_clear_pointer (&finish->upload, _dossier_sandbox_upload_free);
  g_free (finish);
}

/* Sets the exchange's action and response once a response exists. */
static void
answer (DossierSandboxExchange *exchange,
        DossierSandboxResponse *response)
{
  exchange->executed = TRUE;
  if (exchange->drop_after)
    {
      dossier_sandbox_response_free (response);
      _dossier_sandbox_exchange_respond (exchange, DOSSIER_SANDBOX_ACTION_DROP, NULL);
      return;
    }
  _dossier_sandbox_exchange_respond (exchange, DOSSIER_SANDBOX_ACTION_RESPOND, response);
}

/**
 * dossier_sandbox_engine_finish:
 * @self: an engine
 * @exchange: an exchange whose action is %DOSSIER_SANDBOX_ACTION_CONTINUE
 * @body: (nullable): the request body
 *
 * Steps 5–11 of §1.5 (the transport has waited the delay already), all of
 * them on the calling thread.
 */
void
dossier_sandbox_engine_finish (DossierSandboxEngine   *self,
                               DossierSandboxExchange *exchange,
                               GBytes                 *body)
{
  g_return_if_fail (DOSSIER_IS_SANDBOX_ENGINE (self));
  g_return_if_fail (exchange != NULL);
  g_return_if_fail (exchange->action == DOSSIER_SANDBOX_ACTION_CONTINUE);

  answer (exchange, _dossier_sandbox_engine_handle (self, exchange, body, NULL));
}

static void
check_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  FinishData *finish = task_data;

  g_mutex_lock (&check_lock);
  /* A check still queued when its caller gave up is skipped. */
  if (!g_cancellable_is_cancelled (cancellable))
    _dossier_sandbox_upload_check (finish->upload);
  g_mutex_unlock (&check_lock);

  g_task_return_boolean (task, TRUE);
}

/**
 * dossier_sandbox_engine_finish_start:
 * @self: an engine
 * @exchange: an exchange whose action is %DOSSIER_SANDBOX_ACTION_CONTINUE; the
 *   caller keeps it alive until @callback has run, when it runs
 * @body: (nullable): the request body
 * @cancellable: (nullable): a #GCancellable
 * @callback: called on the thread-default context of the caller, only when
 *   this returns %FALSE
 * @user_data: data for @callback
 *
 * The transport's entry point: like dossier_sandbox_engine_finish_async(), but
 * an exchange answered at once costs no task and no callback, which matters on
 * every GET the sandbox serves.
 *
 * Returns: %TRUE when the exchange is complete now; %FALSE when an upload's
 *   checks run on a worker and @callback will be called
 */
gboolean
dossier_sandbox_engine_finish_start (DossierSandboxEngine   *self,
                                     DossierSandboxExchange *exchange,
                                     GBytes                 *body,
                                     GCancellable           *cancellable,
                                     GAsyncReadyCallback     callback,
                                     gpointer                user_data)
{
  g_autoptr(GTask) task = NULL;
  DossierSandboxResponse *response;
  DossierSandboxUpload *upload = NULL;
  FinishData *finish;

  g_return_val_if_fail (DOSSIER_IS_SANDBOX_ENGINE (self), TRUE);
  g_return_val_if_fail (exchange != NULL, TRUE);
  g_return_val_if_fail (exchange->action == DOSSIER_SANDBOX_ACTION_CONTINUE, TRUE);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), TRUE);

  response = _dossier_sandbox_engine_handle (self, exchange, body, &upload);
  if (upload == NULL)
    {
      answer (exchange, response);
      return TRUE;
    }

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, dossier_sandbox_engine_finish_async);
  finish = g_new0 (FinishData, 1);
  finish->exchange = exchange;
  finish->upload = upload;
  g_task_set_task_data (task, finish, finish_data_free);

  /* A cancelled caller (a server going away) is told at once; the worker
   * then finishes on its own copy and the result is dropped. */
  g_task_set_return_on_cancel (task, TRUE);
  g_task_run_in_thread (task, check_thread);
  return FALSE;
}

/**
 * dossier_sandbox_engine_finish_async:
 * @self: an engine
 * @exchange: an exchange whose action is %DOSSIER_SANDBOX_ACTION_CONTINUE; the
 *   caller keeps it alive until @callback has run
 * @body: (nullable): the request body
 * @cancellable: (nullable): a #GCancellable
 * @callback: called on the thread-default context of the caller
 * @user_data: data for @callback
 *
 * Steps 5–11 of §1.5 like dossier_sandbox_engine_finish(), except that the
 * document checks of an upload (§10) run on a worker thread. Every other
 * request is answered before this returns; @callback still runs from the
 * main context. Call dossier_sandbox_engine_finish_finish() from @callback.
 */
void
dossier_sandbox_engine_finish_async (DossierSandboxEngine   *self,
                                     DossierSandboxExchange *exchange,
                                     GBytes                 *body,
                                     GCancellable           *cancellable,
                                     GAsyncReadyCallback     callback,
                                     gpointer                user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (DOSSIER_IS_SANDBOX_ENGINE (self));

  if (!dossier_sandbox_engine_finish_start (self, exchange, body, cancellable, callback, user_data))
    return;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, dossier_sandbox_engine_finish_async);
  g_task_set_task_data (task, g_new0 (FinishData, 1), finish_data_free);
  ((FinishData *) g_task_get_task_data (task))->exchange = exchange;
  g_task_return_boolean (task, TRUE);
}

/**
 * dossier_sandbox_engine_finish_finish:
 * @self: an engine
 * @result: the result given to the callback
 * @error: return location for a #GError (%G_IO_ERROR_CANCELLED when cancelled)
 *
 * Completes an upload checked off-thread: re-checks what may have changed
 * meanwhile (a reset, a submit, another upload for the same group), then
 * stores the document or lists the rejected items. Afterwards the exchange's
 * action and response are set exactly as dossier_sandbox_engine_finish()
 * sets them. When cancelled, nothing is stored and the exchange is unchanged.
 *
 * Returns: %TRUE when the exchange is complete
 */
gboolean
dossier_sandbox_engine_finish_finish (DossierSandboxEngine  *self,
                                      GAsyncResult          *result,
                                      GError               **error)
{
  GTask *task;
  FinishData *finish;

  g_return_val_if_fail (DOSSIER_IS_SANDBOX_ENGINE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == dossier_sandbox_engine_finish_async,
                        FALSE);

  task = G_TASK (result);
  if (!g_task_propagate_boolean (task, error))
    return FALSE;

  finish = g_task_get_task_data (task);
  if (finish->upload != NULL)
    {
      DossierSandboxUpload *upload = g_steal_pointer (&finish->upload);

      answer (finish->exchange, _dossier_sandbox_upload_complete (self, finish->exchange, upload));
      _dossier_sandbox_upload_free (upload);
    }
  return TRUE;
}

/**
 * dossier_sandbox_engine_dispatch:
 *
 * Both steps at once, ignoring delays.
 *
 * Returns: (transfer full) (nullable): the response, or %NULL when the
 *   connection would be dropped
 */
DossierSandboxResponse *
dossier_sandbox_engine_dispatch (DossierSandboxEngine *self,
                                 const char           *method,
                                 const char           *path,
                                 SoupMessageHeaders   *headers,
                                 const char           *client_ip,
                                 GBytes               *body)
{
  DossierSandboxRequestLine line = { method, path, headers, client_ip };
  g_autoptr(DossierSandboxExchange) exchange = NULL;

  g_return_val_if_fail (DOSSIER_IS_SANDBOX_ENGINE (self), NULL);

  exchange = dossier_sandbox_engine_begin (self, &line);
  if (exchange->action == DOSSIER_SANDBOX_ACTION_CONTINUE)
    dossier_sandbox_engine_finish (self, exchange, body);

  return dossier_sandbox_exchange_steal_response (exchange);
}
