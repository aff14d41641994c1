/* dossier-client-store.c — an account's last client list, kept on disk
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The window shows the list it had last time at once, then refreshes it from the API. The
 * list is personal data at rest: one JSON file per account in Dossier's folder of the XDG
 * data dir (mode 0700), named by a SHA-256 of the account (its base URL; the embedded
 * sandbox, whose port changes at every start, by a fixed name), mode 0600, replaced
 * atomically (temporary file in the same folder, then rename).
 *
 * The file is a bare JSON array of clients in the list's order, as the API sends them, so
 * loading uses the core's parser (which also folds each client's search key), reading and
 * parsing in one worker job; the window's model sorts them on its own worker. Parsing
 * 100 000 clients takes seconds of worker time, so a second, small file keeps the head of
 * the list in name order (the sort order stored with the data): the first DOSSIER_CLIENT_STORE_HEAD
 * clients by folded name, which is what the top of the window shows. The window loads the
 * head first, shows it, then merges the whole list in (identity kept). Reading the file, parsing
 * it, serialising and writing all happen off the main thread; what stays on it is a digest
 * of the clients' fingerprints (computed by the loading worker), which says whether a
 * refreshed list differs from what the file holds, so an unchanged list is never written.
 */
#include "config.h"

#include <string.h>


#include "dossier-client-private.h"
#include "dossier-client-store.h"
#include "dossier-core.h"
#include "dossier-json.h"

struct _DossierClientStore
{
  GObject  parent_instance;

  char    *path;
  guint64  digest;       /* of what the file holds, 0 when not known */
  GMutex   write_lock;   /* one write at a time */
  gint     generation;   /* of the latest save; an older one never writes after it */
};

G_DEFINE_FINAL_TYPE (DossierClientStore, dossier_client_store, G_TYPE_OBJECT)

typedef struct {
  GPtrArray *clients;
  char      *head_path;
  guint64    digest;
  gint       generation;
  char      *path;
} SaveData;

static void
save_data_free (SaveData *data)
{
  g_clear_pointer (&data->clients, g_ptr_array_unref);
  g_free (data->path);
  g_free (data->head_path);
  g_free (data);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SaveData, save_data_free)

/* A 64-bit digest of the clients' fingerprints in order; never 0. */
static guint64
digest_clients (GPtrArray *clients)
{
  guint64 h = 0x9e3779b97f4a7c15ull ^ (clients != NULL ? clients->len : 0);

  for (guint i = 0; clients != NULL && i < clients->len; i++)
    {
      guint64 x = _dossier_client_get_fingerprint (g_ptr_array_index (clients, i)) + h;

      x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ull;
      x = (x ^ (x >> 27)) * 0x94d049bb133111ebull;
      h = x ^ (x >> 31);
    }

  return h != 0 ? h : 1;
}

static char *
head_path (const char *path)
{
  g_autofree char *stem = g_str_has_suffix (path, ".json")
                          ? g_strndup (path, strlen (path) - strlen (".json")) : g_strdup (path);

  return g_strconcat (stem, "-head.json", NULL);
}

static void
dossier_client_store_finalize (GObject *object)
{
  DossierClientStore *self = DOSSIER_CLIENT_STORE (object);

  g_free (self->path);
  g_mutex_clear (&self->write_lock);

  G_OBJECT_CLASS (dossier_client_store_parent_class)->finalize (object);
}

static void
dossier_client_store_class_init (DossierClientStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = dossier_client_store_finalize;
}

static void
dossier_client_store_init (DossierClientStore *self)
{
  g_mutex_init (&self->write_lock);
}

/**
 * dossier_client_store_build_path:
 * @directory: the folder of the file
 * @account_key: what names the account (its base URL, or "sandbox")
 *
 * Returns: (transfer full): the file that keeps @account_key's clients in @directory
 */
char *
dossier_client_store_build_path (const char *directory,
                                 const char *account_key)
{
  g_autofree char *hash = NULL;
  g_autofree char *name = NULL;

  g_return_val_if_fail (directory != NULL, NULL);
  g_return_val_if_fail (account_key != NULL, NULL);

  hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, account_key, -1);
  name = g_strdup_printf ("clients-%s.json", hash);

  return g_build_filename (directory, name, NULL);
}

/**
 * dossier_client_store_new:
 * @account_key: what names the account (its base URL, or "sandbox")
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the store of @account_key in Dossier's data folder,
 *   or %NULL with @error set when that folder cannot be created
 */
DossierClientStore *
dossier_client_store_new (const char  *account_key,
                          GError     **error)
{
  g_autofree char *directory = NULL;
  g_autofree char *path = NULL;

  g_return_val_if_fail (account_key != NULL, NULL);

  directory = dossier_core_data_dir (error);
  if (directory == NULL)
    return NULL;
  path = dossier_client_store_build_path (directory, account_key);

  return dossier_client_store_new_for_path (path);
}

/**
 * dossier_client_store_new_for_path:
 * @path: the file
 *
 * Returns: (transfer full): a store keeping its list in @path
 */
DossierClientStore *
dossier_client_store_new_for_path (const char *path)
{
  DossierClientStore *self;

  g_return_val_if_fail (path != NULL, NULL);

  self = g_object_new (DOSSIER_TYPE_CLIENT_STORE, NULL);
  self->path = g_strdup (path);

  return self;
}

const char *
dossier_client_store_get_path (DossierClientStore *self)
{
  g_return_val_if_fail (DOSSIER_IS_CLIENT_STORE (self), NULL);

  return self->path;
}

typedef struct {
  char    *path;
  gboolean whole;     /* the whole list: its digest is computed too */
  guint64  digest;
} LoadData;

static void
load_data_free (LoadData *data)
{
  g_free (data->path);
  g_free (data);
}

/* Reads and parses in one job: a second trip through the main loop between the two would
 * wait behind whatever the main thread is doing (at start, the window's first frame). */
static void
load_worker (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  LoadData *data = task_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GPtrArray) elements = NULL;
  g_autoptr(GPtrArray) clients = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;

  if (!g_file_get_contents (data->path, &contents, &length, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  root = dossier_json_parse_data (contents, length, &error);
  g_clear_pointer (&contents, g_free);
  if (root != NULL)
    elements = dossier_json_read_list (root, NULL, &error);
  if (elements == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  clients = g_ptr_array_new_full (elements->len, g_object_unref);
  for (guint i = 0; i < elements->len; i++)
    {
      DossierClient *client;

      if (i % 4096 == 0 && g_task_return_error_if_cancelled (task))
        return;
      /* One unreadable element does not cost the whole list. */
      client = dossier_client_new_from_json (g_ptr_array_index (elements, i), NULL);
      if (client != NULL)
        g_ptr_array_add (clients, client);
    }

  /* The parse tree goes here, before the clients leave this thread. */
  g_clear_pointer (&elements, g_ptr_array_unref);
  g_clear_pointer (&root, json_node_unref);

  if (data->whole)
    data->digest = digest_clients (clients);
  g_task_return_pointer (task, g_steal_pointer (&clients), (GDestroyNotify) g_ptr_array_unref);
}

/* On the caller's context, in the dispatch that brought the worker's result: the caller's
 * task completes there and then (no second trip). */
static void
loaded_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  LoadData *data = g_task_get_task_data (G_TASK (result));
  GPtrArray *clients;
  GError *error = NULL;

  clients = g_task_propagate_pointer (G_TASK (result), &error);
  if (clients == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  if (data->whole)
    DOSSIER_CLIENT_STORE (g_task_get_source_object (task))->digest = data->digest;
  g_task_return_pointer (task, clients, (GDestroyNotify) g_ptr_array_unref);
}

static void
load_file (DossierClientStore *self,
           char               *path,
           gpointer            source_tag,
           GCancellable       *cancellable,
           GAsyncReadyCallback callback,
           gpointer            user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  g_autoptr(GTask) worker = NULL;
  LoadData *data = g_new0 (LoadData, 1);

  g_task_set_source_tag (task, source_tag);
  data->path = path;
  data->whole = source_tag == dossier_client_store_load_async;

  /* Without a source object: the worker thread lets go of its task a little after the
   * result is delivered, and must not hold the store then. */
  worker = g_task_new (NULL, cancellable, loaded_cb, g_steal_pointer (&task));
  g_task_set_source_tag (worker, load_worker);
  g_task_set_task_data (worker, data, (GDestroyNotify) load_data_free);
  g_task_run_in_thread (worker, load_worker);
}

/**
 * dossier_client_store_load_async:
 * @self: a #DossierClientStore
 * @cancellable: (nullable): a #GCancellable
 * @callback: called on the caller's thread-default main context
 * @user_data: data for @callback
 *
 * Reads and parses the stored list in one job on a worker thread.
 */
void
dossier_client_store_load_async (DossierClientStore  *self,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_return_if_fail (DOSSIER_IS_CLIENT_STORE (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  load_file (self, g_strdup (self->path), dossier_client_store_load_async, cancellable,
             callback, user_data);
}

/**
 * dossier_client_store_load_head_async:
 * @self: a #DossierClientStore
 * @cancellable: (nullable): a #GCancellable
 * @callback: called on the caller's thread-default main context
 * @user_data: data for @callback
 *
 * Like dossier_client_store_load_async(), for the head of the list: its first clients by
 * folded name, in that order, parsed in a few milliseconds.
 */
void
dossier_client_store_load_head_async (DossierClientStore  *self,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  g_return_if_fail (DOSSIER_IS_CLIENT_STORE (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  load_file (self, head_path (self->path), dossier_client_store_load_head_async, cancellable,
             callback, user_data);
}

/**
 * dossier_client_store_load_head_finish:
 * @self: a #DossierClientStore
 * @result: the result given to the callback
 * @error: return location for a #GError (as dossier_client_store_load_finish())
 *
 * Returns: (transfer full) (element-type DossierClient): the head of the stored list
 */
GPtrArray *
dossier_client_store_load_head_finish (DossierClientStore  *self,
                                       GAsyncResult        *result,
                                       GError             **error)
{
  g_return_val_if_fail (DOSSIER_IS_CLIENT_STORE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == dossier_client_store_load_head_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * dossier_client_store_load_finish:
 * @self: a #DossierClientStore
 * @result: the result given to the callback
 * @error: return location for a #GError (%G_FILE_ERROR_NOENT when nothing is stored yet,
 *   %DOSSIER_JSON_ERROR when the file is unreadable, %G_IO_ERROR_CANCELLED)
 *
 * Returns: (transfer full) (element-type DossierClient): the stored clients, in order
 */
GPtrArray *
dossier_client_store_load_finish (DossierClientStore  *self,
                                  GAsyncResult        *result,
                                  GError             **error)
{
  g_return_val_if_fail (DOSSIER_IS_CLIENT_STORE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == dossier_client_store_load_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Everything the list needs to come back as it was: the fields a PUT sends, plus what the
 * server owns (id, status, timestamps). */
static JsonNode *
client_to_stored_json (DossierClient *client)
{
  JsonNode *node = dossier_client_to_json (client);
  JsonObject *object = json_node_get_object (node);
  const char *created = dossier_client_get_created_at_raw (client);
  const char *updated = dossier_client_get_updated_at_raw (client);

  json_object_set_string_member (object, "id", dossier_client_get_id (client));
  json_object_set_string_member (object, "status", dossier_client_get_status (client));
  if (created != NULL && *created != '\0')
    json_object_set_string_member (object, "created_at", created);
  if (updated != NULL && *updated != '\0')
    json_object_set_string_member (object, "updated_at", updated);

  return node;
}

/* The window's name order: byte order of the folded search keys. */
static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  DossierClient *x = *(DossierClient * const *) a;
  DossierClient *y = *(DossierClient * const *) b;

  return strcmp (dossier_client_get_search_key (x), dossier_client_get_search_key (y));
}

static char *
serialise (GPtrArray *clients,
           guint      n,
           gsize     *length)
{
  g_autoptr(JsonArray) array = json_array_sized_new (n);
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(JsonGenerator) generator = json_generator_new ();

  for (guint i = 0; i < n; i++)
    json_array_add_element (array, client_to_stored_json (g_ptr_array_index (clients, i)));
  root = json_node_init_array (json_node_alloc (), array);
  json_generator_set_root (generator, root);

  return json_generator_to_data (generator, length);
}

static void
save_worker (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  DossierClientStore *self = source_object;
  SaveData *data = task_data;
  g_autoptr(GPtrArray) by_name = g_ptr_array_sized_new (data->clients->len);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *head = NULL;
  gsize length = 0;
  gsize head_length = 0;
  gboolean latest;

  text = serialise (data->clients, data->clients->len, &length);
  /* Borrowed pointers: g_ptr_array_copy() would take the list's free function too. */
  for (guint i = 0; i < data->clients->len; i++)
    g_ptr_array_add (by_name, g_ptr_array_index (data->clients, i));
  g_ptr_array_sort (by_name, compare_names);
  head = serialise (by_name, MIN (by_name->len, DOSSIER_CLIENT_STORE_HEAD), &head_length);

  /* The head goes last: a head newer than the whole list would show clients that the list
   * then removes, an older one only clients that the list then updates. */
  g_mutex_lock (&self->write_lock);
  latest = g_atomic_int_get (&self->generation) == data->generation;
  if (latest
      && g_file_set_contents_full (data->path, text, length, G_FILE_SET_CONTENTS_CONSISTENT, 0600, &error))
    g_file_set_contents_full (data->head_path, head, head_length, G_FILE_SET_CONTENTS_CONSISTENT,
                              0600, &error);
  g_mutex_unlock (&self->write_lock);

  if (error != NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, latest);
}

static void
saved_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  DossierClientStore *self = DOSSIER_CLIENT_STORE (object);
  SaveData *data = g_task_get_task_data (G_TASK (result));
  GError *error = NULL;
  gboolean written;

  written = g_task_propagate_boolean (G_TASK (result), &error);
  if (error != NULL)
    {
      /* The file may hold either list now: the next save writes whatever it gets. */
      self->digest = 0;
      g_task_return_error (task, error);
      return;
    }

  if (written)
    self->digest = data->digest;
  g_task_return_int (task, written);
}

/**
 * dossier_client_store_save_async:
 * @self: a #DossierClientStore
 * @clients: (element-type DossierClient): the list, in order, freshly parsed
 * @cancellable: (nullable): a #GCancellable
 * @callback: called on the caller's thread-default main context
 * @user_data: data for @callback
 *
 * Writes @clients when they differ from what the file holds, on a worker thread. The
 * worker reads the clients: they must not change until @callback runs (hand over a list
 * straight from the parser, before it is merged into a model).
 */
void
dossier_client_store_save_async (DossierClientStore  *self,
                                 GPtrArray           *clients,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GTask) save = NULL;
  g_autoptr(SaveData) data = NULL;
  guint64 digest;

  g_return_if_fail (DOSSIER_IS_CLIENT_STORE (self));
  g_return_if_fail (clients != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, dossier_client_store_save_async);

  digest = digest_clients (clients);
  if (digest == self->digest)
    {
      g_task_return_int (task, FALSE);
      return;
    }

  data = g_new0 (SaveData, 1);
  data->clients = g_ptr_array_ref (clients);
  data->digest = digest;
  data->path = g_strdup (self->path);
  data->head_path = head_path (self->path);
  data->generation = g_atomic_int_add (&self->generation, 1) + 1;

  save = g_task_new (self, cancellable, saved_cb, g_steal_pointer (&task));
  g_task_set_source_tag (save, save_worker);
  g_task_set_task_data (save, g_steal_pointer (&data), (GDestroyNotify) save_data_free);
  g_task_run_in_thread (save, save_worker);
}

/**
 * dossier_client_store_save_finish:
 * @self: a #DossierClientStore
 * @result: the result given to the callback
 * @written: (out) (optional): whether the file was written (%FALSE: it held the list already)
 * @error: return location for a #GError
 *
 * Returns: %TRUE unless writing failed
 */
gboolean
dossier_client_store_save_finish (DossierClientStore  *self,
                                  GAsyncResult        *result,
                                  gboolean            *written,
                                  GError             **error)
{
  GError *local_error = NULL;
  gssize value;

  g_return_val_if_fail (DOSSIER_IS_CLIENT_STORE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == dossier_client_store_save_async, FALSE);

  value = g_task_propagate_int (G_TASK (result), &local_error);
  if (written != NULL)
    *written = local_error == NULL && value != 0;
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }

  return TRUE;
}
