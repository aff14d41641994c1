/* dossier-submitted-view.c — what was sent for a request, read-only, once it left the desk
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Once a request is in review its missing_requirements are empty (CONTRACT.md §6.3), so
 * what it asked for comes from the journal (dossier-submitted-view-groups.c reads it).
 * Values are read from the client as it is now (the form only ever wrote them there), and
 * the view follows the client when it changes.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "dossier-submitted-view-private.h"

G_DEFINE_FINAL_TYPE (DossierSubmittedView, dossier_submitted_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_LOADED,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static int
compare_events (gconstpointer a,
                gconstpointer b)
{
  const DossierJournalEvent *x = *(const DossierJournalEvent **) a;
  const DossierJournalEvent *y = *(const DossierJournalEvent **) b;

  if (x->occurred_at != y->occurred_at)
    return x->occurred_at < y->occurred_at ? -1 : 1;
  return x->id < y->id ? -1 : x->id > y->id;
}

static gboolean
rebuild_cb (gpointer user_data)
{
  DossierSubmittedView *self = user_data;

  self->rebuild_id = 0;
  _dossier_submitted_view_rebuild (self);
  return G_SOURCE_REMOVE;
}

/* One update_from notifies every field: rebuild once. */
static void
client_notify_cb (DossierSubmittedView *self)
{
  if (self->rebuild_id == 0)
    self->rebuild_id = g_idle_add (rebuild_cb, self);
}

static void
set_client (DossierSubmittedView *self,
            DossierClient        *client)
{
  if (self->client == client)
    return;
  if (self->client != NULL)
    g_signal_handlers_disconnect_by_data (self->client, self);
  g_set_object (&self->client, client);
  if (client != NULL)
    g_signal_connect_object (client, "notify", G_CALLBACK (client_notify_cb), self, G_CONNECT_SWAPPED);
}

static void
set_loaded (DossierSubmittedView *self,
            gboolean              loaded)
{
  if (self->loaded == loaded)
    return;
  self->loaded = loaded;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADED]);
}

static GPtrArray *
copy_events (GPtrArray *events)
{
  GPtrArray *copy = g_ptr_array_new_with_free_func ((GDestroyNotify) dossier_journal_event_free);

  for (guint i = 0; events != NULL && i < events->len; i++)
    g_ptr_array_add (copy, dossier_journal_event_copy (g_ptr_array_index (events, i)));
  g_ptr_array_sort (copy, compare_events);
  return copy;
}

void
dossier_submitted_view_show (DossierSubmittedView *self,
                             DossierClient        *client,
                             GPtrArray            *events,
                             GPtrArray            *uploads)
{
  g_return_if_fail (DOSSIER_IS_SUBMITTED_VIEW (self));
  g_return_if_fail (client == NULL || DOSSIER_IS_CLIENT (client));

  set_client (self, client);
  g_clear_pointer (&self->events, g_ptr_array_unref);
  g_clear_pointer (&self->uploads, g_ptr_array_unref);
  self->events = copy_events (events);
  if (uploads != NULL)
    self->uploads = g_ptr_array_ref (uploads);
  g_clear_handle_id (&self->rebuild_id, g_source_remove);
  set_loaded (self, TRUE);
  _dossier_submitted_view_rebuild (self);
}

typedef struct {
  DossierSubmittedView *self;
  GPtrArray            *events;
} LoadData;

static void
load_data_free (LoadData *data)
{
  g_object_unref (data->self);
  g_clear_pointer (&data->events, g_ptr_array_unref);
  g_free (data);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LoadData, load_data_free)

static void
uploads_listed_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(LoadData) data = user_data;
  g_autoptr(GPtrArray) uploads = NULL;
  g_autoptr(GError) error = NULL;

  uploads = dossier_journal_list_uploads_finish (DOSSIER_JOURNAL (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  /* Without the queue's thumbnails the events' hashes still say what was sent. */
  dossier_submitted_view_show (data->self, data->self->client, data->events, uploads);
}

static void
events_listed_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(LoadData) data = user_data;
  DossierSubmittedView *self = data->self;
  g_autoptr(GError) error = NULL;

  data->events = dossier_journal_list_events_finish (DOSSIER_JOURNAL (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (data->events == NULL)
    {
      /* Translators: the placeholder says why the journal could not be read */
      self->failure = g_strdup_printf (_("What was sent could not be read from the journal: %s"),
                                       error != NULL ? error->message : "");
      dossier_submitted_view_show (self, self->client, NULL, NULL);
      return;
    }

  dossier_journal_list_uploads_async (DOSSIER_JOURNAL (object), dossier_client_get_id (self->client),
                                      self->request_id, self->cancellable, uploads_listed_cb,
                                      g_steal_pointer (&data));
}

void
dossier_submitted_view_load (DossierSubmittedView *self,
                             DossierJournal       *journal,
                             DossierClient        *client,
                             const char           *request_id)
{
  g_return_if_fail (DOSSIER_IS_SUBMITTED_VIEW (self));
  g_return_if_fail (journal == NULL || DOSSIER_IS_JOURNAL (journal));
  g_return_if_fail (DOSSIER_IS_CLIENT (client));
  g_return_if_fail (request_id != NULL);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  g_clear_pointer (&self->failure, g_free);
  g_free (self->request_id);
  self->request_id = g_strdup (request_id);
  set_client (self, client);
  set_loaded (self, FALSE);

  if (journal == NULL)
    {
      self->failure = g_strdup (_("The journal is not open, so what was sent cannot be shown yet."));
      dossier_submitted_view_show (self, client, NULL, NULL);
      return;
    }

  {
    LoadData *data = g_new0 (LoadData, 1);

    data->self = g_object_ref (self);
    dossier_journal_list_events_async (journal, dossier_client_get_id (client), request_id, 0,
                                       self->cancellable, events_listed_cb, data);
  }
}

gboolean
dossier_submitted_view_get_loaded (DossierSubmittedView *self)
{
  g_return_val_if_fail (DOSSIER_IS_SUBMITTED_VIEW (self), FALSE);

  return self->loaded;
}

GtkWidget *
dossier_submitted_view_get_row (DossierSubmittedView *self,
                                const char           *id)
{
  g_return_val_if_fail (DOSSIER_IS_SUBMITTED_VIEW (self), NULL);

  return id != NULL ? g_hash_table_lookup (self->rows, id) : NULL;
}

guint
dossier_submitted_view_get_n_groups (DossierSubmittedView *self)
{
  g_return_val_if_fail (DOSSIER_IS_SUBMITTED_VIEW (self), 0);

  return self->n_groups;
}

GtkWidget *
dossier_submitted_view_new (void)
{
  return g_object_new (DOSSIER_TYPE_SUBMITTED_VIEW, NULL);
}

static void
dossier_submitted_view_dispose (GObject *object)
{
  DossierSubmittedView *self = DOSSIER_SUBMITTED_VIEW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->rebuild_id, g_source_remove);
  set_client (self, NULL);
  g_clear_pointer (&self->box, gtk_widget_unparent);

  G_OBJECT_CLASS (dossier_submitted_view_parent_class)->dispose (object);
}

static void
dossier_submitted_view_finalize (GObject *object)
{
  DossierSubmittedView *self = DOSSIER_SUBMITTED_VIEW (object);

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->shown, g_ptr_array_unref);
  g_clear_pointer (&self->rows, g_hash_table_unref);
  g_clear_pointer (&self->events, g_ptr_array_unref);
  g_clear_pointer (&self->uploads, g_ptr_array_unref);
  g_free (self->request_id);
  g_free (self->failure);

  G_OBJECT_CLASS (dossier_submitted_view_parent_class)->finalize (object);
}

static void
dossier_submitted_view_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  DossierSubmittedView *self = DOSSIER_SUBMITTED_VIEW (object);

  switch (prop_id)
    {
    case PROP_LOADED:
      g_value_set_boolean (value, self->loaded);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dossier_submitted_view_class_init (DossierSubmittedViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dossier_submitted_view_dispose;
  object_class->finalize = dossier_submitted_view_finalize;
  object_class->get_property = dossier_submitted_view_get_property;

  properties[PROP_LOADED] =
    g_param_spec_boolean ("loaded", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
dossier_submitted_view_init (DossierSubmittedView *self)
{
  GtkWidget *heading = gtk_label_new (_("What Was Sent"));
  GtkWidget *intro = gtk_label_new (_("Data as on the client’s record now; documents as this computer sent them."));

  self->shown = g_ptr_array_new ();
  self->rows = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));

  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_widget_add_css_class (heading, "title-4");
  gtk_box_append (GTK_BOX (self->box), heading);

  gtk_label_set_xalign (GTK_LABEL (intro), 0);
  gtk_label_set_wrap (GTK_LABEL (intro), TRUE);
  gtk_widget_add_css_class (intro, "dim-label");
  gtk_box_append (GTK_BOX (self->box), intro);

  self->placeholder = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->placeholder), 0);
  gtk_label_set_wrap (GTK_LABEL (self->placeholder), TRUE);
  gtk_widget_set_visible (self->placeholder, FALSE);
  gtk_box_append (GTK_BOX (self->box), self->placeholder);
}
