/* dossier-document-slot.c — one document group of a request: pick, prepare, check, upload
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The group's alternatives are offered as a choice; the chosen one's front (and back, when
 * required) come in through the file chooser, a drop or the clipboard
 * (dossier-document-slot-input.c), are previewed by a DossierDocumentViewer and checked
 * before upload; its metadata rows and the document sent are in dossier-document-slot-build.c.
 * The window hands the upload to the uploader and tells the slot how it went.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "dossier-choice-strip.h"
#include "dossier-document-slot-private.h"
#include "dossier-known-ids.h"

G_DEFINE_FINAL_TYPE (DossierDocumentSlot, dossier_document_slot, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_READY,
  PROP_SATISFIED,
  PROP_BUSY,
  PROP_GROUP_ID,
  PROP_DOCUMENT_TYPE,
  N_PROPS,
};

enum {
  UPLOAD_REQUESTED,
  RETRY_REQUESTED,
  DRAFT_CHANGED,
  N_SIGNALS,
};

static GParamSpec *properties [N_PROPS];
static guint signals [N_SIGNALS];

const DossierDocumentAlternative *
_dossier_document_slot_get_alternative (DossierDocumentSlot *self)
{
  if (self->group == NULL)
    return NULL;
  for (guint i = 0; i < self->group->alternatives->len; i++)
    {
      const DossierDocumentAlternative *alternative = g_ptr_array_index (self->group->alternatives, i);

      if (g_strcmp0 (alternative->id, self->document_type) == 0)
        return alternative;
    }
  return NULL;
}

static void
alternative_chosen_cb (DossierChoiceStrip  *strip,
                       GParamSpec          *pspec,
                       DossierDocumentSlot *self)
{
  const char *id = dossier_choice_strip_get_selected_id (strip);

  if (id != NULL && g_strcmp0 (id, self->document_type) != 0)
    dossier_document_slot_set_document_type (self, id);
}

/* The choice between the alternatives: linked toggles while they fit, a drop-down when
 * the window is too narrow for them (DossierChoiceStrip). */
static void
rebuild_alternatives (DossierDocumentSlot *self)
{
  guint n = self->group->alternatives->len;
  g_autoptr(GStrvBuilder) ids = g_strv_builder_new ();
  g_autoptr(GStrvBuilder) labels = g_strv_builder_new ();
  g_auto(GStrv) id_list = NULL;
  g_auto(GStrv) label_list = NULL;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (self->alternatives)) != NULL)
    gtk_box_remove (GTK_BOX (self->alternatives), child);

  for (guint i = 0; i < n; i++)
    {
      const DossierDocumentAlternative *alternative = g_ptr_array_index (self->group->alternatives, i);
      g_autofree char *label = dossier_known_ids_label (DOSSIER_KNOWN_ID_DOCUMENT_TYPE,
                                                        alternative->id, alternative->name);

      g_strv_builder_add (ids, alternative->id);
      g_strv_builder_add (labels, label);
    }
  id_list = g_strv_builder_end (ids);
  label_list = g_strv_builder_end (labels);

  child = dossier_choice_strip_new ();
  gtk_widget_set_hexpand (child, TRUE);
  dossier_choice_strip_set_choices (DOSSIER_CHOICE_STRIP (child), (const char * const *) id_list,
                                    (const char * const *) label_list);
  dossier_choice_strip_set_selected_id (DOSSIER_CHOICE_STRIP (child), self->document_type);
  g_signal_connect (child, "notify::selected-id", G_CALLBACK (alternative_chosen_cb), self);
  gtk_box_append (GTK_BOX (self->alternatives), child);
}

static void
dossier_document_slot_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  DossierDocumentSlot *self = DOSSIER_DOCUMENT_SLOT (object);

  switch (prop_id)
    {
    case PROP_READY:
      g_value_set_boolean (value, dossier_document_slot_get_ready (self));
      break;
    case PROP_SATISFIED:
      g_value_set_boolean (value, self->satisfied);
      break;
    case PROP_BUSY:
      g_value_set_boolean (value, dossier_document_slot_get_busy (self));
      break;
    case PROP_GROUP_ID:
      g_value_set_string (value, dossier_document_slot_get_group_id (self));
      break;
    case PROP_DOCUMENT_TYPE:
      g_value_set_string (value, self->document_type);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dossier_document_slot_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  DossierDocumentSlot *self = DOSSIER_DOCUMENT_SLOT (object);

  switch (prop_id)
    {
    case PROP_SATISFIED:
      dossier_document_slot_set_satisfied (self, g_value_get_boolean (value));
      break;
    case PROP_DOCUMENT_TYPE:
      dossier_document_slot_set_document_type (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dossier_document_slot_dispose (GObject *object)
{
  DossierDocumentSlot *self = (DossierDocumentSlot *) object;

  _dossier_document_slot_cancel_all (self);
  _dossier_document_slot_stop_following (self);
  _dossier_document_slot_dispose_queue (self);
  for (guint i = 0; i < 2; i++)
    {
      /* A pasted picture still being written for the draft is not kept: the window's
       * last draft was saved without it. */
      self->sides[i].picture++;
      g_clear_pointer (&self->sides[i].draft_path, g_free);
      g_clear_object (&self->sides[i].image);
      g_clear_object (&self->sides[i].cancellable);
      g_clear_pointer (&self->sides[i].error, g_free);
      g_clear_pointer (&self->sides[i].name, g_free);
      g_clear_pointer (&self->sides[i].uri, g_free);
      g_clear_object (&self->rejected_images[i]);
      g_clear_object (&self->rejected_textures[i]);
    }
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  g_clear_pointer (&self->box, gtk_widget_unparent);

  G_OBJECT_CLASS (dossier_document_slot_parent_class)->dispose (object);
}

static void
dossier_document_slot_finalize (GObject *object)
{
  DossierDocumentSlot *self = (DossierDocumentSlot *) object;

  g_clear_pointer (&self->group, dossier_document_group_free);
  g_clear_pointer (&self->document_type, g_free);
  g_clear_pointer (&self->upload_message, g_free);
  g_clear_pointer (&self->metadata_values, g_hash_table_unref);
  g_clear_pointer (&self->rejections, g_ptr_array_unref);
  g_clear_pointer (&self->rejected_values, g_hash_table_unref);
  g_clear_pointer (&self->sent_metadata, json_object_unref);
  g_clear_pointer (&self->draft_owner, g_free);

  G_OBJECT_CLASS (dossier_document_slot_parent_class)->finalize (object);
}

static void
dossier_document_slot_class_init (DossierDocumentSlotClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dossier_document_slot_dispose;
  object_class->finalize = dossier_document_slot_finalize;
  object_class->get_property = dossier_document_slot_get_property;
  object_class->set_property = dossier_document_slot_set_property;

  properties [PROP_READY] =
    g_param_spec_boolean ("ready", NULL, NULL, FALSE, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties [PROP_SATISFIED] =
    g_param_spec_boolean ("satisfied", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties [PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties [PROP_GROUP_ID] =
    g_param_spec_string ("group-id", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties [PROP_DOCUMENT_TYPE] =
    g_param_spec_string ("document-type", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals [UPLOAD_REQUESTED] =
    g_signal_new ("upload-requested", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals [RETRY_REQUESTED] =
    g_signal_new ("retry-requested", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals [DRAFT_CHANGED] =
    g_signal_new ("draft-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  _dossier_document_slot_class_init_input (widget_class);
  _dossier_document_slot_class_init_build (widget_class);
  _dossier_document_slot_class_init_queue (widget_class);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "documentslot");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
dossier_document_slot_init (DossierDocumentSlot *self)
{
  self->metadata_values = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                 (GDestroyNotify) json_node_unref);
  _dossier_document_slot_build_widgets (self);
  _dossier_document_slot_init_input (self);
}

/**
 * dossier_document_slot_new:
 * @group: the document group, copied
 *
 * Returns: (transfer floating): a new slot for @group
 */
GtkWidget *
dossier_document_slot_new (const DossierDocumentGroup *group)
{
  DossierDocumentSlot *self;

  g_return_val_if_fail (group != NULL, NULL);

  self = g_object_new (DOSSIER_TYPE_DOCUMENT_SLOT, NULL);
  dossier_document_slot_set_group (self, group);
  return GTK_WIDGET (self);
}

/**
 * dossier_document_slot_set_group:
 * @self: a #DossierDocumentSlot
 * @group: the group as the server now lists it
 *
 * Updates the slot in place: pictures, values typed and the choice of document are kept
 * (the choice falls back to the first alternative when it is gone).
 */
void
dossier_document_slot_set_group (DossierDocumentSlot        *self,
                                 const DossierDocumentGroup *group)
{
  g_autofree char *title = NULL;
  g_autofree char *description = NULL;

  g_return_if_fail (DOSSIER_IS_DOCUMENT_SLOT (self));
  g_return_if_fail (group != NULL);

  if (self->group != NULL && dossier_document_group_equal (self->group, group))
    return;
  g_clear_pointer (&self->group, dossier_document_group_free);
  self->group = dossier_document_group_copy (group);

  title = dossier_known_ids_label (DOSSIER_KNOWN_ID_DOCUMENT_GROUP, group->id, group->name);
  description = dossier_known_ids_description (DOSSIER_KNOWN_ID_DOCUMENT_GROUP, group->id,
                                               group->description);
  gtk_label_set_label (GTK_LABEL (self->title), title);
  gtk_label_set_label (GTK_LABEL (self->description), description);
  gtk_widget_set_visible (self->description, description[0] != '\0');
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);

  if (_dossier_document_slot_get_alternative (self) == NULL)
    {
      g_clear_pointer (&self->document_type, g_free);
      if (self->group->alternatives->len > 0)
        self->document_type = g_strdup (((DossierDocumentAlternative *) g_ptr_array_index (self->group->alternatives, 0))->id);
      g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_DOCUMENT_TYPE]);
    }
  rebuild_alternatives (self);
  _dossier_document_slot_rebuild_metadata (self);
  _dossier_document_slot_update (self);
}

const char *
dossier_document_slot_get_group_id (DossierDocumentSlot *self)
{
  g_return_val_if_fail (DOSSIER_IS_DOCUMENT_SLOT (self), NULL);

  return self->group != NULL ? self->group->id : NULL;
}

const char *
dossier_document_slot_get_document_type (DossierDocumentSlot *self)
{
  g_return_val_if_fail (DOSSIER_IS_DOCUMENT_SLOT (self), NULL);

  return self->document_type;
}

/**
 * dossier_document_slot_set_document_type:
 * @self: a #DossierDocumentSlot
 * @document_type: the id of one of the group's alternatives
 *
 * Returns: %FALSE when @document_type is not an alternative of the group
 */
gboolean
dossier_document_slot_set_document_type (DossierDocumentSlot *self,
                                         const char          *document_type)
{
  g_autofree char *previous = NULL;

  g_return_val_if_fail (DOSSIER_IS_DOCUMENT_SLOT (self), FALSE);

  if (g_strcmp0 (document_type, self->document_type) == 0)
    return TRUE;
  previous = g_steal_pointer (&self->document_type);
  self->document_type = g_strdup (document_type);
  if (_dossier_document_slot_get_alternative (self) == NULL)
    {
      g_free (self->document_type);
      self->document_type = g_steal_pointer (&previous);
      return FALSE;
    }
  /* The strip follows (it may be what chose it: it is not rebuilt under its own feet). */
  if (gtk_widget_get_first_child (self->alternatives) != NULL)
    dossier_choice_strip_set_selected_id (DOSSIER_CHOICE_STRIP (gtk_widget_get_first_child (self->alternatives)),
                                          self->document_type);
  _dossier_document_slot_rebuild_metadata (self);
  _dossier_document_slot_update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_DOCUMENT_TYPE]);
  _dossier_document_slot_draft_changed (self);
  return TRUE;
}

void
dossier_document_slot_set_satisfied (DossierDocumentSlot *self,
                                     gboolean             satisfied)
{
  g_return_if_fail (DOSSIER_IS_DOCUMENT_SLOT (self));

  satisfied = !!satisfied;
  if (self->satisfied == satisfied)
    return;
  self->satisfied = satisfied;
  if (satisfied)
    {
      g_clear_pointer (&self->rejections, g_ptr_array_unref);
      /* Done: nothing of it is a draft any more. */
      dossier_document_slot_discard_draft (self);
      /* What was accepted, shown whole. */
      dossier_document_viewer_set_zoom (DOSSIER_DOCUMENT_VIEWER (self->viewer), 0.0);
    }
  _dossier_document_slot_update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_SATISFIED]);
  _dossier_document_slot_draft_changed (self);
}

gboolean
dossier_document_slot_get_satisfied (DossierDocumentSlot *self)
{
  g_return_val_if_fail (DOSSIER_IS_DOCUMENT_SLOT (self), FALSE);

  return self->satisfied;
}

/**
 * dossier_document_slot_get_image:
 * @self: a #DossierDocumentSlot
 * @side: the side
 *
 * Returns: (transfer none) (nullable): the prepared picture of @side
 */
DossierDocumentImage *
dossier_document_slot_get_image (DossierDocumentSlot *self,
                                 DossierDocumentSide  side)
{
  g_return_val_if_fail (DOSSIER_IS_DOCUMENT_SLOT (self), NULL);
  g_return_val_if_fail (side <= DOSSIER_DOCUMENT_SIDE_BACK, NULL);

  if (self->sides[side].busy || self->sides[side].image == NULL
      || !dossier_document_image_get_prepared (self->sides[side].image))
    return NULL;
  return self->sides[side].image;
}

/**
 * dossier_document_slot_get_viewer:
 * @self: a #DossierDocumentSlot
 *
 * Returns: (transfer none): the slot's viewer
 */
DossierDocumentViewer *
dossier_document_slot_get_viewer (DossierDocumentSlot *self)
{
  g_return_val_if_fail (DOSSIER_IS_DOCUMENT_SLOT (self), NULL);

  return DOSSIER_DOCUMENT_VIEWER (self->viewer);
}

gboolean
dossier_document_slot_get_busy (DossierDocumentSlot *self)
{
  g_return_val_if_fail (DOSSIER_IS_DOCUMENT_SLOT (self), FALSE);

  return self->sides[0].busy || self->sides[1].busy;
}

void
dossier_document_slot_set_upload_state (DossierDocumentSlot        *self,
                                        DossierDocumentUploadState  state,
                                        const char                 *message)
{
  DossierDocumentUploadState old_state;

  g_return_if_fail (DOSSIER_IS_DOCUMENT_SLOT (self));

  old_state = self->upload_state;
  self->upload_state = state;
  g_free (self->upload_message);
  self->upload_message = g_strdup (message);
  _dossier_document_slot_progress_state_changed (self, old_state);
  if (state == DOSSIER_DOCUMENT_UPLOAD_ACCEPTED)
    {
      dossier_document_slot_set_satisfied (self, TRUE);
      for (guint i = 0; i < 2; i++)
        {
          g_clear_object (&self->rejected_images[i]);
          g_clear_object (&self->rejected_textures[i]);
        }
    }
  _dossier_document_slot_update (self);
  if (state != old_state)
    _dossier_document_slot_draft_changed (self);
}

DossierDocumentUploadState
dossier_document_slot_get_upload_state (DossierDocumentSlot *self)
{
  g_return_val_if_fail (DOSSIER_IS_DOCUMENT_SLOT (self), DOSSIER_DOCUMENT_UPLOAD_NONE);

  return self->upload_state;
}

void
_dossier_document_slot_notify_state (DossierDocumentSlot *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_READY]);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_BUSY]);
}

/* For dossier-document-slot-build.c and -input.c: emits the slot's signals. */
void
_dossier_document_slot_emit_upload (DossierDocumentSlot *self)
{
  g_signal_emit (self, signals [UPLOAD_REQUESTED], 0);
}

void
_dossier_document_slot_emit_retry (DossierDocumentSlot *self)
{
  g_signal_emit (self, signals [RETRY_REQUESTED], 0);
}

void
_dossier_document_slot_draft_changed (DossierDocumentSlot *self)
{
  g_signal_emit (self, signals [DRAFT_CHANGED], 0);
}
