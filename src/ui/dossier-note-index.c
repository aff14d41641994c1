/* dossier-note-index.c — every client's private notes, searchable from the client list
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "dossier-client.h"
#include "dossier-journal-notes-all.h"
#include "dossier-note-index.h"

struct _DossierNoteIndex
{
  GObject         parent_instance;

  DossierJournal *journal;
  GCancellable   *cancellable;
  GHashTable     *texts;     /* client id → its notes, folded, one per line */
  gboolean        loaded;
};

G_DEFINE_FINAL_TYPE (DossierNoteIndex, dossier_note_index, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_LOADED,
  N_PROPS
};

enum {
  SIGNAL_CHANGED,
  N_SIGNALS
};

static GParamSpec *properties [N_PROPS];
static guint signals [N_SIGNALS];

static void
string_free (gpointer data)
{
  g_string_free (data, TRUE);
}

/* Replaces the entries of the clients in notes (all entries when all). */
static void
take_notes (DossierNoteIndex *self,
            GPtrArray        *notes,
            const char       *only_client)
{
  g_autoptr(GHashTable) texts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                       string_free);

  for (guint i = 0; i < notes->len; i++)
    {
      const DossierJournalNote *note = g_ptr_array_index (notes, i);
      g_autofree char *folded = dossier_client_fold_text (note->text);
      GString *text = g_hash_table_lookup (texts, note->client_id);

      if (text == NULL)
        g_hash_table_insert (texts, g_strdup (note->client_id), (text = g_string_new (NULL)));
      else
        g_string_append_c (text, '\n');
      g_string_append (text, folded);
    }

  if (only_client != NULL)
    {
      GString *text = g_hash_table_lookup (texts, only_client);

      if (text != NULL)
        g_hash_table_replace (self->texts, g_strdup (only_client), g_strdup (text->str));
      else
        g_hash_table_remove (self->texts, only_client);
      return;
    }

  {
    GHashTableIter iter;
    gpointer key, value;

    g_hash_table_remove_all (self->texts);
    g_hash_table_iter_init (&iter, texts);
    while (g_hash_table_iter_next (&iter, &key, &value))
      g_hash_table_insert (self->texts, g_strdup (key), g_strdup (((GString *) value)->str));
  }
}

static void
all_read_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  DossierNoteIndex *self = user_data;
  g_autoptr(GPtrArray) notes = NULL;
  g_autoptr(GError) error = NULL;

  notes = dossier_journal_list_all_notes_finish (DOSSIER_JOURNAL (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (notes == NULL)
    g_warning ("The notes could not be read for searching: %s", error->message);
  else
    take_notes (self, notes, NULL);

  self->loaded = TRUE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADED]);
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0, NULL);
}

typedef struct {
  DossierNoteIndex *self;
  char             *client_id;
} Reread;

static void
client_read_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  Reread *reread = user_data;
  g_autoptr(GPtrArray) notes = NULL;
  g_autoptr(GError) error = NULL;

  notes = dossier_journal_list_notes_finish (DOSSIER_JOURNAL (object), result, &error);
  if (notes != NULL)
    {
      take_notes (reread->self, notes, reread->client_id);
      g_signal_emit (reread->self, signals[SIGNAL_CHANGED], 0, reread->client_id);
    }
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_warning ("A client's notes could not be read for searching: %s", error->message);

  g_free (reread->client_id);
  g_free (reread);
}

static void
notes_changed_cb (DossierJournal   *journal,
                  const char       *client_id,
                  DossierNoteIndex *self)
{
  Reread *reread;

  if (client_id == NULL)
    return;

  reread = g_new0 (Reread, 1);
  reread->self = self;
  reread->client_id = g_strdup (client_id);
  dossier_journal_list_notes_async (journal, client_id, self->cancellable, client_read_cb, reread);
}

static void
dossier_note_index_dispose (GObject *object)
{
  DossierNoteIndex *self = DOSSIER_NOTE_INDEX (object);

  g_cancellable_cancel (self->cancellable);
  if (self->journal != NULL)
    g_signal_handlers_disconnect_by_data (self->journal, self);
  g_clear_object (&self->journal);

  G_OBJECT_CLASS (dossier_note_index_parent_class)->dispose (object);
}

static void
dossier_note_index_finalize (GObject *object)
{
  DossierNoteIndex *self = DOSSIER_NOTE_INDEX (object);

  g_clear_object (&self->cancellable);
  g_hash_table_unref (self->texts);

  G_OBJECT_CLASS (dossier_note_index_parent_class)->finalize (object);
}

static void
dossier_note_index_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_LOADED:
      g_value_set_boolean (value, DOSSIER_NOTE_INDEX (object)->loaded);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dossier_note_index_class_init (DossierNoteIndexClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = dossier_note_index_dispose;
  object_class->finalize = dossier_note_index_finalize;
  object_class->get_property = dossier_note_index_get_property;

  properties [PROP_LOADED] =
    g_param_spec_boolean ("loaded", NULL, NULL, FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * DossierNoteIndex::changed:
   * @client_id: (nullable): the client whose notes changed, or %NULL for any
   */
  signals [SIGNAL_CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
dossier_note_index_init (DossierNoteIndex *self)
{
  self->cancellable = g_cancellable_new ();
  self->texts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

DossierNoteIndex *
dossier_note_index_new (DossierJournal *journal)
{
  DossierNoteIndex *self;

  g_return_val_if_fail (DOSSIER_IS_JOURNAL (journal), NULL);

  self = g_object_new (DOSSIER_TYPE_NOTE_INDEX, NULL);
  self->journal = g_object_ref (journal);
  g_signal_connect (journal, "notes-changed", G_CALLBACK (notes_changed_cb), self);
  dossier_journal_list_all_notes_async (journal, self->cancellable, all_read_cb, self);
  return self;
}

gboolean
dossier_note_index_get_loaded (DossierNoteIndex *self)
{
  g_return_val_if_fail (DOSSIER_IS_NOTE_INDEX (self), FALSE);
  return self->loaded;
}

gboolean
dossier_note_index_match (DossierNoteIndex *self,
                          const char       *client_id,
                          const char       *folded_query)
{
  const char *text;

  g_return_val_if_fail (DOSSIER_IS_NOTE_INDEX (self), FALSE);

  if (client_id == NULL || folded_query == NULL || *folded_query == '\0')
    return FALSE;
  text = g_hash_table_lookup (self->texts, client_id);
  return text != NULL && strstr (text, folded_query) != NULL;
}

guint
dossier_note_index_get_n_clients (DossierNoteIndex *self)
{
  g_return_val_if_fail (DOSSIER_IS_NOTE_INDEX (self), 0);
  return g_hash_table_size (self->texts);
}
