/* dossier-document-slot-draft.c — a slot's unsent work as a draft, and back
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The request window keeps each slot's unsent work in the journal: the document chosen,
 * its metadata as typed, each picture's file URI and quarter turns. A picture that has no
 * file (pasted) is written, as it came, into the `drafts` folder of Dossier's data folder
 * (mode 0600, atomically) and the draft names that file; the file goes when the picture is
 * replaced or removed, when the upload is in the uploader's hands or accepted, and when the
 * draft is discarded. The files are named for the client ("<tag>-<random>.png", the tag
 * a digest of the client id), so that forgetting a client deletes them too. Brought back, the pictures go through the usual path again (quick
 * look, prepare, checks): a file gone meanwhile shows why in its place.
 */
#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>

#include "dossier-core.h"
#include "dossier-document-slot-private.h"
#include "dossier-value-row.h"

static const char * const uri_keys[] = { "front_uri", "back_uri" };
static const char * const file_keys[] = { "front_file", "back_file" };
static const char * const turn_keys[] = { "front_turns", "back_turns" };

/**
 * dossier_document_slot_dup_drafts_dir:
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): `drafts` in dossier_core_data_dir(), created with
 *   mode 0700, or %NULL with @error set
 */
char *
dossier_document_slot_dup_drafts_dir (GError **error)
{
  g_autofree char *data_dir = dossier_core_data_dir (error);
  g_autofree char *dir = NULL;

  if (data_dir == NULL)
    return NULL;
  dir = g_build_filename (data_dir, "drafts", NULL);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   "Could not create %s: %s", dir, g_strerror (saved_errno));
      return NULL;
    }
  return g_steal_pointer (&dir);
}

/* The path of a draft file named in a draft, or NULL when the name is not a plain file
 * name (nothing outside the drafts folder is ever read or deleted). */
static char *
draft_file_path (const char *name)
{
  g_autofree char *dir = NULL;

  if (name == NULL || name[0] == '\0' || name[0] == '.' || strchr (name, '/') != NULL
      || strchr (name, G_DIR_SEPARATOR) != NULL)
    return NULL;
  dir = dossier_document_slot_dup_drafts_dir (NULL);
  return dir != NULL ? g_build_filename (dir, name, NULL) : NULL;
}

/* The start of the names of a client's draft files: no client id on disk, only a digest. */
static char *
owner_prefix (const char *client_id)
{
  g_autofree char *digest = g_compute_checksum_for_string (G_CHECKSUM_SHA256,
                                                           client_id != NULL ? client_id : "", -1);

  return g_strdup_printf ("%.16s-", digest);
}

void
dossier_document_slot_set_draft_owner (DossierDocumentSlot *self,
                                       const char          *client_id)
{
  g_return_if_fail (DOSSIER_IS_DOCUMENT_SLOT (self));

  g_free (self->draft_owner);
  self->draft_owner = g_strdup (client_id);
}

/**
 * dossier_document_slot_forget_client_drafts:
 * @client_id: a client
 *
 * Deletes the files kept in the drafts folder for pictures given in @client_id's
 * requests, as forgetting the client's local data does with its drafts in the journal.
 */
void
dossier_document_slot_forget_client_drafts (const char *client_id)
{
  g_autofree char *dir_path = dossier_document_slot_dup_drafts_dir (NULL);
  g_autofree char *prefix = NULL;
  g_autoptr(GDir) dir = NULL;
  const char *name;

  g_return_if_fail (client_id != NULL);

  if (dir_path == NULL || (dir = g_dir_open (dir_path, 0, NULL)) == NULL)
    return;
  prefix = owner_prefix (client_id);
  while ((name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_prefix (name, prefix))
      {
        g_autofree char *path = g_build_filename (dir_path, name, NULL);

        g_unlink (path);
      }
}

/* Keeping the bytes of a picture without a file. */

typedef struct {
  GBytes *bytes;
  char   *prefix;
} KeepJob;

static void
keep_job_free (KeepJob *job)
{
  g_bytes_unref (job->bytes);
  g_free (job->prefix);
  g_free (job);
}

/* The slot is not kept alive by the write: gone meanwhile, it keeps nothing. */
typedef struct {
  GWeakRef             self;
  DossierDocumentSide  side;
  guint                picture;
} KeepCall;

static void
keep_call_free (KeepCall *call)
{
  g_weak_ref_clear (&call->self);
  g_free (call);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KeepCall, keep_call_free)

static const char *
extension_for (GBytes *bytes)
{
  gsize size;
  const guchar *data = g_bytes_get_data (bytes, &size);
  g_autofree char *type = g_content_type_guess (NULL, data, size, NULL);
  g_autofree char *mime = g_content_type_get_mime_type (type);

  if (g_strcmp0 (mime, "image/png") == 0)
    return ".png";
  if (g_strcmp0 (mime, "image/jpeg") == 0)
    return ".jpg";
  if (g_strcmp0 (mime, "image/webp") == 0)
    return ".webp";
  return ".picture";
}

static void
keep_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  KeepJob *job = task_data;
  GBytes *bytes = job->bytes;
  g_autofree char *dir = NULL;
  g_autofree char *uuid = g_uuid_string_random ();
  g_autofree char *name = g_strconcat (job->prefix, uuid, extension_for (bytes), NULL);
  g_autofree char *path = NULL;
  GError *error = NULL;
  gsize size;
  const char *data = g_bytes_get_data (bytes, &size);

  dir = dossier_document_slot_dup_drafts_dir (&error);
  if (dir == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  path = g_build_filename (dir, name, NULL);
  if (!g_file_set_contents_full (path, data, size,
                                 G_FILE_SET_CONTENTS_CONSISTENT | G_FILE_SET_CONTENTS_DURABLE,
                                 0600, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  g_task_return_pointer (task, g_steal_pointer (&path), g_free);
}

static void
kept_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(KeepCall) call = user_data;
  g_autoptr(DossierDocumentSlot) self = g_weak_ref_get (&call->self);
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_task_propagate_pointer (G_TASK (result), &error);
  DossierSlotSide *s = self != NULL ? &self->sides[call->side] : NULL;

  if (path == NULL)
    {
      /* The picture is still there; only a crash would lose it (the window's question
       * before closing says so, see dossier_document_slot_get_draft_complete()). */
      g_message ("A pasted picture could not be kept for the draft: %s", error->message);
      return;
    }
  /* Replaced, removed, or the slot went meanwhile: the copy is not wanted. */
  if (s == NULL || call->picture != s->picture)
    {
      g_unlink (path);
      return;
    }
  g_free (s->draft_path);
  s->draft_path = g_steal_pointer (&path);
  _dossier_document_slot_draft_changed (self);
}

void
_dossier_document_slot_keep_bytes (DossierDocumentSlot *self,
                                   DossierDocumentSide  side,
                                   GBytes              *bytes)
{
  g_autoptr(GTask) task = NULL;
  KeepCall *call = g_new0 (KeepCall, 1);
  KeepJob *job = g_new0 (KeepJob, 1);

  g_weak_ref_init (&call->self, self);
  call->side = side;
  call->picture = self->sides[side].picture;
  /* Not cancellable: once written, the callback decides whether the file stays. */
  task = g_task_new (NULL, NULL, kept_cb, call);
  job->bytes = g_bytes_ref (bytes);
  job->prefix = owner_prefix (self->draft_owner);
  g_task_set_task_data (task, job, (GDestroyNotify) keep_job_free);
  g_task_run_in_thread (task, keep_thread);
}

void
_dossier_document_slot_forget_draft_file (DossierDocumentSlot *self,
                                          DossierDocumentSide  side)
{
  DossierSlotSide *s = &self->sides[side];

  if (s->draft_path == NULL)
    return;
  if (g_unlink (s->draft_path) != 0 && errno != ENOENT)
    g_message ("A draft picture could not be deleted: %s", g_strerror (errno));
  g_clear_pointer (&s->draft_path, g_free);
}

/**
 * dossier_document_slot_discard_draft:
 * @self: a #DossierDocumentSlot
 *
 * Deletes the files kept for pictures without one (the pictures stay on the slot).
 */
void
dossier_document_slot_discard_draft (DossierDocumentSlot *self)
{
  g_return_if_fail (DOSSIER_IS_DOCUMENT_SLOT (self));

  for (guint side = 0; side < 2; side++)
    _dossier_document_slot_forget_draft_file (self, side);
}

/**
 * dossier_document_slot_delete_draft_files:
 * @draft: what dossier_document_slot_save_draft() gave
 *
 * Deletes the files of the drafts folder that @draft names (a draft that is not brought
 * back). Names that are not plain file names are ignored.
 */
void
dossier_document_slot_delete_draft_files (JsonObject *draft)
{
  g_return_if_fail (draft != NULL);

  for (guint side = 0; side < 2; side++)
    {
      g_autofree char *path =
        draft_file_path (json_object_get_string_member_with_default (draft, file_keys[side], NULL));

      if (path != NULL)
        g_unlink (path);
    }
}

/**
 * dossier_document_slot_get_draft_complete:
 * @self: a #DossierDocumentSlot
 *
 * Returns: %TRUE when dossier_document_slot_save_draft() keeps every picture the slot
 *   holds: each has a file, or its bytes were written to the drafts folder
 */
gboolean
dossier_document_slot_get_draft_complete (DossierDocumentSlot *self)
{
  g_return_val_if_fail (DOSSIER_IS_DOCUMENT_SLOT (self), FALSE);

  for (guint side = 0; side < 2; side++)
    {
      DossierSlotSide *s = &self->sides[side];

      if ((s->image != NULL || s->busy) && s->uri == NULL && s->draft_path == NULL)
        return FALSE;
    }
  return TRUE;
}

/**
 * dossier_document_slot_save_draft:
 * @self: a #DossierDocumentSlot
 *
 * Returns: (transfer full) (nullable): `{"document_type", "metadata": {id: as typed},
 *   "front_uri"?, "back_uri"?, "front_file"?, "back_file"?, "front_turns"?, "back_turns"?}`
 *   for dossier_journal_save_draft_async(), %NULL when the slot holds no unsent work. A
 *   pasted picture is named by its file in the drafts folder, once written.
 */
JsonObject *
dossier_document_slot_save_draft (DossierDocumentSlot *self)
{
  JsonObject *draft, *metadata;

  g_return_val_if_fail (DOSSIER_IS_DOCUMENT_SLOT (self), NULL);

  if (!dossier_document_slot_has_unsent_work (self))
    return NULL;
  draft = json_object_new ();
  metadata = json_object_new ();
  if (self->document_type != NULL)
    json_object_set_string_member (draft, "document_type", self->document_type);
  for (GtkWidget *child = gtk_widget_get_first_child (self->metadata); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      JsonNode *typed;

      if (!DOSSIER_IS_VALUE_ROW (child))
        continue;
      typed = dossier_value_row_get_draft (DOSSIER_VALUE_ROW (child));
      if (typed != NULL)
        json_object_set_member (metadata, dossier_value_row_get_key (DOSSIER_VALUE_ROW (child)), typed);
    }
  json_object_set_object_member (draft, "metadata", metadata);
  for (guint side = 0; side < 2; side++)
    {
      DossierSlotSide *s = &self->sides[side];

      if (s->image == NULL && !s->busy)
        continue;
      if (s->uri != NULL)
        json_object_set_string_member (draft, uri_keys[side], s->uri);
      else if (s->draft_path != NULL)
        {
          g_autofree char *name = g_path_get_basename (s->draft_path);

          json_object_set_string_member (draft, file_keys[side], name);
        }
      else
        continue;
      if (s->quarter_turns % 4 != 0)
        json_object_set_int_member (draft, turn_keys[side], s->quarter_turns % 4);
    }
  return draft;
}

static void
restore_side (DossierDocumentSlot *self,
              DossierDocumentSide  side,
              JsonObject          *draft)
{
  const char *uri = json_object_get_string_member_with_default (draft, uri_keys[side], NULL);
  const char *name = json_object_get_string_member_with_default (draft, file_keys[side], NULL);
  guint turns = (guint) CLAMP (json_object_get_int_member_with_default (draft, turn_keys[side], 0), 0, 3);
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;
  DossierSlotSide *s;

  if (uri != NULL && uri[0] != '\0')
    {
      file = g_file_new_for_uri (uri);
      _dossier_document_slot_open_file_turned (self, side, file, turns);
      return;
    }
  if (name == NULL)
    return;

  path = draft_file_path (name);
  if (path == NULL || !g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      s = _dossier_document_slot_restart_side (self, side);
      s->error = g_strdup (_("The pasted picture kept from last time is gone. Paste it again."));
      return;
    }
  file = g_file_new_for_path (path);
  _dossier_document_slot_open_file_turned (self, side, file, turns);
  /* Still a pasted picture: no file of the person's to name, its copy is the draft's. */
  s = &self->sides[side];
  g_clear_pointer (&s->uri, g_free);
  g_clear_pointer (&s->name, g_free);
  s->draft_path = g_steal_pointer (&path);
}

/**
 * dossier_document_slot_restore_draft:
 * @self: a #DossierDocumentSlot
 * @draft: what dossier_document_slot_save_draft() gave
 *
 * Chooses the document again, fills its metadata as typed and opens the pictures' files
 * turned as they were (a file gone since shows why in its place).
 *
 * Returns: %FALSE when @draft is not for this group (its document type is not offered)
 *   or the slot is done
 */
gboolean
dossier_document_slot_restore_draft (DossierDocumentSlot *self,
                                     JsonObject          *draft)
{
  JsonObject *metadata;
  const char *document_type;

  g_return_val_if_fail (DOSSIER_IS_DOCUMENT_SLOT (self), FALSE);
  g_return_val_if_fail (draft != NULL, FALSE);

  if (self->satisfied)
    return FALSE;
  document_type = json_object_get_string_member_with_default (draft, "document_type", NULL);
  if (document_type != NULL && !dossier_document_slot_set_document_type (self, document_type))
    return FALSE;
  metadata = json_object_has_member (draft, "metadata")
             && JSON_NODE_HOLDS_OBJECT (json_object_get_member (draft, "metadata"))
             ? json_object_get_object_member (draft, "metadata") : NULL;
  if (metadata != NULL)
    {
      g_autoptr(GList) members = json_object_get_members (metadata);

      for (GList *l = members; l != NULL; l = l->next)
        {
          GtkWidget *row = _dossier_document_slot_get_metadata_row (self, l->data);
          JsonNode *typed = json_object_get_member (metadata, l->data);

          if (row != NULL)
            dossier_value_row_set_draft (DOSSIER_VALUE_ROW (row), typed);
          else
            g_hash_table_replace (self->metadata_values, g_strdup (l->data), json_node_copy (typed));
        }
    }
  for (guint side = 0; side < 2; side++)
    restore_side (self, side, draft);
  self->current_side = self->sides[DOSSIER_DOCUMENT_SIDE_FRONT].image != NULL
                       || self->sides[DOSSIER_DOCUMENT_SIDE_FRONT].busy
                       || self->sides[DOSSIER_DOCUMENT_SIDE_BACK].image == NULL
                       ? DOSSIER_DOCUMENT_SIDE_FRONT : DOSSIER_DOCUMENT_SIDE_BACK;
  _dossier_document_slot_update (self);
  _dossier_document_slot_draft_changed (self);
  return TRUE;
}
