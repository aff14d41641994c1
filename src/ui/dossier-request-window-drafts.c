/* dossier-request-window-drafts.c — the documents not yet uploaded, kept as a draft
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the slots hold and was not handed to the uploader (pictures, their turns, the
 * document chosen, its metadata as typed) is saved in the journal a moment after each
 * change, as the form's data fields are, and at once when the window goes: a crash or a
 * closed window loses nothing. It is a draft of its own, next to the form's, under the
 * key "<request id>#documents": `{"_documents": {group id: dossier_document_slot_save_draft()}}`
 * (the form replaces and deletes its own draft as a whole). Opening the request again
 * brings each slot back through dossier_document_slot_restore_draft(); an upload handed to
 * the uploader, an accepted one or a removed picture leave the draft, and "Discard" when
 * closing deletes it with the pasted pictures' files.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "dossier-request-window-private.h"

/* As the form's data fields (dossier-requirements-form-draft.c). */
#define DRAFT_DELAY_MS 400
#define DOCUMENTS_MEMBER "_documents"

char *
_dossier_request_window_documents_key (const char *request_id)
{
  return g_strconcat (request_id, "#documents", NULL);
}

static DossierJournal *
get_journal (DossierRequestWindow *self)
{
  g_autoptr(DossierWindow) parent = NULL;

  /* The journal may have opened after this window did. */
  if (self->journal == NULL && (parent = g_weak_ref_get (&self->parent)) != NULL)
    g_set_object (&self->journal, dossier_window_get_journal (parent));
  return self->journal;
}

/* The window is not kept alive by the read: a window destroyed meanwhile (its parent may
 * be gone too) is left alone. */
typedef struct {
  GWeakRef  self;
  char     *request_id;
} LoadCall;

static void
load_call_free (LoadCall *call)
{
  g_weak_ref_clear (&call->self);
  g_free (call->request_id);
  g_free (call);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LoadCall, load_call_free)

static JsonObject *
documents_of (JsonObject *draft)
{
  JsonNode *node = draft != NULL ? json_object_get_member (draft, DOCUMENTS_MEMBER) : NULL;

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

static void
schedule_save (DossierRequestWindow *self);

static void
documents_loaded_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(LoadCall) call = user_data;
  g_autoptr(DossierRequestWindow) self = g_weak_ref_get (&call->self);
  g_autoptr(JsonObject) draft = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *documents;
  gboolean editable;
  guint restored = 0;

  draft = dossier_journal_load_draft_finish (DOSSIER_JOURNAL (object), result, NULL, &error);
  if (self == NULL || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED)
      || g_strcmp0 (call->request_id, self->documents_for) != 0 || self->request == NULL
      || self->slots == NULL)
    return;
  if (error != NULL)
    g_message ("The documents’ draft could not be read: %s", error->message);

  self->documents_loading = FALSE;
  self->documents_loaded = TRUE;
  editable = _dossier_request_window_is_editable (self->request);
  documents = documents_of (draft);
  if (documents != NULL)
    {
      g_autoptr(GList) members = json_object_get_members (documents);

      for (GList *l = members; l != NULL; l = l->next)
        {
          JsonNode *node = json_object_get_member (documents, l->data);
          JsonObject *part = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
          DossierDocumentSlot *slot = g_hash_table_lookup (self->slots, l->data);

          if (part == NULL)
            continue;
          /* Not for a slot that is done, nor over what was given meanwhile. */
          if (slot != NULL && editable && !dossier_document_slot_has_unsent_work (slot)
              && dossier_document_slot_restore_draft (slot, part))
            {
              restored++;
              continue;
            }
          dossier_document_slot_delete_draft_files (part);
        }
    }
  if (restored > 0)
    {
      /* Why pictures are there that were not chosen in this window. */
      AdwToast *toast = adw_toast_new (ngettext ("The document you had not uploaded yet is back",
                                                 "The documents you had not uploaded yet are back",
                                                 restored));

      adw_toast_set_timeout (toast, 5);
      adw_toast_overlay_add_toast (self->toast_overlay, toast);
    }
  /* What is kept now: the pictures brought back, less what could not be. */
  if (draft != NULL || self->documents_dirty)
    schedule_save (self);
  self->documents_dirty = FALSE;
}

/* Reads the request's draft once per request (the same request again keeps the slots).
 * Nothing is saved before it is read, so a draft is never replaced unread: without a
 * journal yet, it is read at the next change once there is one. */
void
_dossier_request_window_load_documents (DossierRequestWindow *self)
{
  const char *request_id = self->request != NULL ? dossier_product_request_get_id (self->request) : NULL;
  DossierJournal *journal = get_journal (self);
  g_autofree char *key = NULL;
  LoadCall *call;

  if (request_id == NULL)
    return;
  if (g_strcmp0 (request_id, self->documents_for) != 0)
    {
      g_clear_handle_id (&self->documents_save_id, g_source_remove);
      g_free (self->documents_for);
      self->documents_for = g_strdup (request_id);
      self->documents_loading = FALSE;
      self->documents_loaded = FALSE;
      self->documents_dirty = FALSE;
    }
  if (self->documents_loading || self->documents_loaded || journal == NULL)
    return;

  self->documents_loading = TRUE;
  call = g_new0 (LoadCall, 1);
  g_weak_ref_init (&call->self, self);
  call->request_id = g_strdup (request_id);
  key = _dossier_request_window_documents_key (request_id);
  dossier_journal_load_draft_async (journal, dossier_client_get_id (self->client), key,
                                    self->cancellable, documents_loaded_cb, call);
}

static gboolean
save_timeout_cb (gpointer user_data)
{
  DossierRequestWindow *self = user_data;

  self->documents_save_id = 0;
  _dossier_request_window_save_documents_now (self);
  return G_SOURCE_REMOVE;
}

static void
schedule_save (DossierRequestWindow *self)
{
  g_clear_handle_id (&self->documents_save_id, g_source_remove);
  self->documents_save_id = g_timeout_add (DRAFT_DELAY_MS, save_timeout_cb, self);
}

void
_dossier_request_window_slot_draft_changed (DossierRequestWindow *self,
                                            DossierDocumentSlot  *slot)
{
  if (self->discard_confirmed)
    return;
  /* Saved once the draft there was is read (and brought back where nothing was given). */
  if (!self->documents_loaded)
    {
      self->documents_dirty = TRUE;
      _dossier_request_window_load_documents (self);
      return;
    }
  schedule_save (self);
}

void
_dossier_request_window_save_documents_now (DossierRequestWindow *self)
{
  g_autoptr(JsonObject) documents = NULL;
  g_autofree char *key = NULL;
  DossierJournal *journal = get_journal (self);
  GHashTableIter iter;
  gpointer group_id;
  gpointer slot;
  const char *client_id;

  g_clear_handle_id (&self->documents_save_id, g_source_remove);
  if (!self->documents_loaded || self->discard_confirmed || journal == NULL
      || self->documents_for == NULL || self->client == NULL || self->slots == NULL)
    return;

  client_id = dossier_client_get_id (self->client);
  key = _dossier_request_window_documents_key (self->documents_for);
  documents = json_object_new ();
  /* Nothing more can be sent once the request left the desk: no draft then. */
  if (self->request != NULL && _dossier_request_window_is_editable (self->request))
    {
      g_hash_table_iter_init (&iter, self->slots);
      while (g_hash_table_iter_next (&iter, &group_id, &slot))
        {
          JsonObject *part = dossier_document_slot_save_draft (slot);

          if (part != NULL)
            json_object_set_object_member (documents, group_id, part);
        }
    }
  else if (self->slots != NULL)
    {
      g_hash_table_iter_init (&iter, self->slots);
      while (g_hash_table_iter_next (&iter, NULL, &slot))
        dossier_document_slot_discard_draft (slot);
    }

  if (json_object_get_size (documents) > 0)
    {
      g_autoptr(JsonObject) fields = json_object_new ();

      json_object_set_object_member (fields, DOCUMENTS_MEMBER, g_steal_pointer (&documents));
      dossier_journal_save_draft_async (journal, client_id, key, fields, NULL, NULL, NULL);
    }
  else
    dossier_journal_delete_draft_async (journal, client_id, key, NULL, NULL, NULL);
}

void
_dossier_request_window_documents_queued (DossierRequestWindow *self,
                                          const char           *group_id)
{
  DossierDocumentSlot *slot = g_hash_table_lookup (self->slots, group_id);

  /* The journal's draft lets go of it at once; the files of pasted pictures stay while
   * the document may still come back (Cancel), and go when it is accepted or when the
   * window closes (dossier_request_window_dispose). */
  (void) slot;
  _dossier_request_window_save_documents_now (self);
}

void
_dossier_request_window_slot_cancel_requested (DossierRequestWindow *self,
                                               DossierDocumentSlot  *slot)
{
  const char *group_id = dossier_document_slot_get_group_id (slot);
  GHashTableIter iter;
  gpointer key;
  gpointer value;
  gboolean cancelled = FALSE;
  gboolean found = FALSE;

  if (self->uploader != NULL)
    {
      g_hash_table_iter_init (&iter, self->uploads);
      while (g_hash_table_iter_next (&iter, &key, &value))
        if (g_strcmp0 (value, group_id) == 0)
          {
            found = TRUE;
            if (dossier_uploader_cancel (self->uploader, *(gint64 *) key))
              {
                cancelled = TRUE;
                g_hash_table_iter_remove (&iter);
              }
          }
    }

  if (!cancelled)
    {
      AdwToast *toast = adw_toast_new (found ? _("The document is on its way and can no longer be cancelled")
                                             : _("The document could not be taken out of the queue"));

      adw_toast_overlay_add_toast (self->toast_overlay, toast);
      return;
    }

  /* Unsent work again: saved as a draft like any picture given. */
  dossier_document_slot_upload_cancelled (slot);
  _dossier_request_window_slot_draft_changed (self, slot);
  adw_toast_overlay_add_toast (self->toast_overlay,
                               adw_toast_new (_("Not sent: the document was taken out of the queue")));
}

/* "Discard" when closing: the draft and the pasted pictures' files go. */
void
_dossier_request_window_discard_documents (DossierRequestWindow *self)
{
  DossierJournal *journal = get_journal (self);
  GHashTableIter iter;
  gpointer slot;

  g_clear_handle_id (&self->documents_save_id, g_source_remove);
  self->discard_confirmed = TRUE;
  g_hash_table_iter_init (&iter, self->slots);
  while (g_hash_table_iter_next (&iter, NULL, &slot))
    dossier_document_slot_discard_draft (slot);
  if (journal != NULL && self->documents_for != NULL)
    {
      g_autofree char *key = _dossier_request_window_documents_key (self->documents_for);

      dossier_journal_delete_draft_async (journal, dossier_client_get_id (self->client), key,
                                          NULL, NULL, NULL);
    }
}

gboolean
_dossier_request_window_documents_kept (DossierRequestWindow *self)
{
  GHashTableIter iter;
  gpointer slot;

  if (get_journal (self) == NULL || !self->documents_loaded)
    return FALSE;
  g_hash_table_iter_init (&iter, self->slots);
  while (g_hash_table_iter_next (&iter, NULL, &slot))
    if (dossier_document_slot_has_unsent_work (slot) && !dossier_document_slot_get_draft_complete (slot))
      return FALSE;
  return TRUE;
}
