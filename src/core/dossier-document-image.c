/* dossier-document-image.c — a document picture prepared for upload
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Built from the GFile or the bytes the UI hands over. Each prepare runs the pipeline of
 * dossier-document-image-worker.c in a GTask worker thread on copied inputs; the results
 * are moved into the object on the thread that finishes the call, so getters are only used
 * there.
 */
#include "config.h"

#include "dossier-document-image.h"
#include "dossier-document-image-private.h"
#include "dossier-background.h"

struct _DossierDocumentImage
{
  GObject               parent_instance;

  GFile                *file;
  GBytes               *bytes;
  guint                 generation;
  guint                 quarter_turns;
  DossierPreparedImage *prepared;
};

G_DEFINE_FINAL_TYPE (DossierDocumentImage, dossier_document_image, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_FILE,
  PROP_BYTES,
  PROP_PREPARED,
  N_PROPS,
};

static GParamSpec *properties [N_PROPS];

typedef struct {
  GFile  *file;
  GBytes *bytes;
  guint   quarter_turns;
  guint   preview_size;
  guint   generation;
} PrepareData;

static void
prepare_data_free (PrepareData *data)
{
  g_clear_object (&data->file);
  g_clear_pointer (&data->bytes, g_bytes_unref);
  g_free (data);
}

static void
dossier_document_image_dispose (GObject *object)
{
  DossierDocumentImage *self = (DossierDocumentImage *) object;

  g_clear_object (&self->file);

  G_OBJECT_CLASS (dossier_document_image_parent_class)->dispose (object);
}

static void
dossier_document_image_finalize (GObject *object)
{
  DossierDocumentImage *self = (DossierDocumentImage *) object;

  g_clear_pointer (&self->bytes, g_bytes_unref);
  g_clear_pointer (&self->prepared, _dossier_prepared_image_free);

  G_OBJECT_CLASS (dossier_document_image_parent_class)->finalize (object);
}

static void
dossier_document_image_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  DossierDocumentImage *self = DOSSIER_DOCUMENT_IMAGE (object);

  switch (prop_id)
    {
    case PROP_FILE:
      g_value_set_object (value, self->file);
      break;
    case PROP_BYTES:
      g_value_set_boxed (value, self->bytes);
      break;
    case PROP_PREPARED:
      g_value_set_boolean (value, self->prepared != NULL);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dossier_document_image_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  DossierDocumentImage *self = DOSSIER_DOCUMENT_IMAGE (object);

  switch (prop_id)
    {
    case PROP_FILE:
      self->file = g_value_dup_object (value);
      break;
    case PROP_BYTES:
      self->bytes = g_value_dup_boxed (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dossier_document_image_class_init (DossierDocumentImageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = dossier_document_image_dispose;
  object_class->finalize = dossier_document_image_finalize;
  object_class->get_property = dossier_document_image_get_property;
  object_class->set_property = dossier_document_image_set_property;

  properties [PROP_FILE] =
    g_param_spec_object ("file", NULL, NULL, G_TYPE_FILE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties [PROP_BYTES] =
    g_param_spec_boxed ("bytes", NULL, NULL, G_TYPE_BYTES,
                        G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties [PROP_PREPARED] =
    g_param_spec_boolean ("prepared", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
dossier_document_image_init (DossierDocumentImage *self)
{
}

/**
 * dossier_document_image_new_for_file:
 * @file: the file the person chose, dropped or pasted
 *
 * The file is read by the first prepare, in the worker thread.
 *
 * Returns: (transfer full): a new document image
 */
DossierDocumentImage *
dossier_document_image_new_for_file (GFile *file)
{
  g_return_val_if_fail (G_IS_FILE (file), NULL);

  return g_object_new (DOSSIER_TYPE_DOCUMENT_IMAGE, "file", file, NULL);
}

/**
 * dossier_document_image_new_for_bytes:
 * @bytes: the picture's bytes (for example pasted from the clipboard)
 *
 * Returns: (transfer full): a new document image
 */
DossierDocumentImage *
dossier_document_image_new_for_bytes (GBytes *bytes)
{
  g_return_val_if_fail (bytes != NULL, NULL);

  return g_object_new (DOSSIER_TYPE_DOCUMENT_IMAGE, "bytes", bytes, NULL);
}

/**
 * dossier_document_image_get_file:
 * @self: a #DossierDocumentImage
 *
 * Returns: (transfer none) (nullable): the file the image came from
 */
GFile *
dossier_document_image_get_file (DossierDocumentImage *self)
{
  g_return_val_if_fail (DOSSIER_IS_DOCUMENT_IMAGE (self), NULL);

  return self->file;
}

/**
 * dossier_document_image_get_prepared:
 * @self: a #DossierDocumentImage
 *
 * Returns: whether a prepare has succeeded; the getters below return its results
 */
gboolean
dossier_document_image_get_prepared (DossierDocumentImage *self)
{
  g_return_val_if_fail (DOSSIER_IS_DOCUMENT_IMAGE (self), FALSE);

  return self->prepared != NULL;
}

/**
 * dossier_document_image_get_quarter_turns:
 * @self: a #DossierDocumentImage
 *
 * Returns: the clockwise quarter turns of the last successful prepare
 */
guint
dossier_document_image_get_quarter_turns (DossierDocumentImage *self)
{
  g_return_val_if_fail (DOSSIER_IS_DOCUMENT_IMAGE (self), 0);

  return self->quarter_turns;
}

#define PREPARED_FIELD(self, field, none) \
  (self->prepared != NULL ? self->prepared->field : none)

/**
 * dossier_document_image_get_preview:
 * @self: a #DossierDocumentImage
 *
 * Returns: (transfer none) (nullable): the upright picture, scaled to the preview size; make
 *   the `GdkTexture` from it on the main thread
 */
GdkPixbuf *
dossier_document_image_get_preview (DossierDocumentImage *self)
{
  g_return_val_if_fail (DOSSIER_IS_DOCUMENT_IMAGE (self), NULL);

  return PREPARED_FIELD (self, preview, NULL);
}

/**
 * dossier_document_image_get_upload_bytes:
 * @self: a #DossierDocumentImage
 *
 * Returns: (transfer none) (nullable): the encoding to send (JPEG quality 85 without
 *   metadata, or PNG for transparent pictures), %NULL when a check blocks the upload
 */
GBytes *
dossier_document_image_get_upload_bytes (DossierDocumentImage *self)
{
  g_return_val_if_fail (DOSSIER_IS_DOCUMENT_IMAGE (self), NULL);

  return PREPARED_FIELD (self, upload, NULL);
}

/**
 * dossier_document_image_get_media_type:
 * @self: a #DossierDocumentImage
 *
 * Returns: (nullable): `image/jpeg` or `image/png`, %NULL without upload bytes
 */
const char *
dossier_document_image_get_media_type (DossierDocumentImage *self)
{
  g_return_val_if_fail (DOSSIER_IS_DOCUMENT_IMAGE (self), NULL);

  return PREPARED_FIELD (self, media_type, NULL);
}

/**
 * dossier_document_image_get_data_uri:
 * @self: a #DossierDocumentImage
 *
 * Returns: (nullable): the upload bytes as a `data:` URI (CONTRACT.md §10.1)
 */
const char *
dossier_document_image_get_data_uri (DossierDocumentImage *self)
{
  g_return_val_if_fail (DOSSIER_IS_DOCUMENT_IMAGE (self), NULL);

  return PREPARED_FIELD (self, data_uri, NULL);
}

/**
 * dossier_document_image_get_sha256:
 * @self: a #DossierDocumentImage
 *
 * Returns: (nullable): the lower-case hex SHA-256 of the upload bytes
 */
const char *
dossier_document_image_get_sha256 (DossierDocumentImage *self)
{
  g_return_val_if_fail (DOSSIER_IS_DOCUMENT_IMAGE (self), NULL);

  return PREPARED_FIELD (self, sha256, NULL);
}

/**
 * dossier_document_image_get_width:
 * @self: a #DossierDocumentImage
 *
 * Returns: the width of the upright picture that is sent, 0 before a prepare
 */
guint
dossier_document_image_get_width (DossierDocumentImage *self)
{
  g_return_val_if_fail (DOSSIER_IS_DOCUMENT_IMAGE (self), 0);

  return PREPARED_FIELD (self, width, 0);
}

/**
 * dossier_document_image_get_height:
 * @self: a #DossierDocumentImage
 *
 * Returns: the height of the upright picture that is sent, 0 before a prepare
 */
guint
dossier_document_image_get_height (DossierDocumentImage *self)
{
  g_return_val_if_fail (DOSSIER_IS_DOCUMENT_IMAGE (self), 0);

  return PREPARED_FIELD (self, height, 0);
}

/**
 * dossier_document_image_get_source_size:
 * @self: a #DossierDocumentImage
 * @width: (out) (optional): the width stored in the file
 * @height: (out) (optional): the height stored in the file
 */
void
dossier_document_image_get_source_size (DossierDocumentImage *self,
                                        guint                *width,
                                        guint                *height)
{
  g_return_if_fail (DOSSIER_IS_DOCUMENT_IMAGE (self));

  if (width != NULL)
    *width = PREPARED_FIELD (self, source_width, 0);
  if (height != NULL)
    *height = PREPARED_FIELD (self, source_height, 0);
}

/**
 * dossier_document_image_get_orientation:
 * @self: a #DossierDocumentImage
 *
 * Returns: the EXIF orientation (1–8) found in the file and applied, 0 before a prepare
 */
guint
dossier_document_image_get_orientation (DossierDocumentImage *self)
{
  g_return_val_if_fail (DOSSIER_IS_DOCUMENT_IMAGE (self), 0);

  return PREPARED_FIELD (self, orientation, 0);
}

/**
 * dossier_document_image_get_thumbnail:
 * @self: a #DossierDocumentImage
 *
 * Returns: (transfer none) (nullable): a JPEG at most 320 px on its longer side, for the journal
 */
GBytes *
dossier_document_image_get_thumbnail (DossierDocumentImage *self)
{
  g_return_val_if_fail (DOSSIER_IS_DOCUMENT_IMAGE (self), NULL);

  return PREPARED_FIELD (self, thumbnail, NULL);
}

/**
 * dossier_document_image_get_checks:
 * @self: a #DossierDocumentImage
 *
 * Returns: (transfer none) (nullable) (element-type DossierDocumentCheck): what the checks
 *   found (blocking ones first), empty when the picture is fine
 */
GPtrArray *
dossier_document_image_get_checks (DossierDocumentImage *self)
{
  g_return_val_if_fail (DOSSIER_IS_DOCUMENT_IMAGE (self), NULL);

  return PREPARED_FIELD (self, checks, NULL);
}

/**
 * dossier_document_image_get_quality:
 * @self: a #DossierDocumentImage
 *
 * Returns: (nullable): the blur and glare measures of the last prepare
 */
const DossierImageQuality *
dossier_document_image_get_quality (DossierDocumentImage *self)
{
  g_return_val_if_fail (DOSSIER_IS_DOCUMENT_IMAGE (self), NULL);

  return self->prepared != NULL ? &self->prepared->quality : NULL;
}

/**
 * dossier_document_image_can_upload:
 * @self: a #DossierDocumentImage
 *
 * Returns: whether the picture is prepared and no check blocks its upload
 */
gboolean
dossier_document_image_can_upload (DossierDocumentImage *self)
{
  g_return_val_if_fail (DOSSIER_IS_DOCUMENT_IMAGE (self), FALSE);

  if (self->prepared == NULL || self->prepared->upload == NULL)
    return FALSE;
  for (guint i = 0; i < self->prepared->checks->len; i++)
    {
      DossierDocumentCheck *check = g_ptr_array_index (self->prepared->checks, i);

      if (check->severity == DOSSIER_DOCUMENT_CHECK_BLOCKS)
        return FALSE;
    }
  return TRUE;
}

static void
prepare_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  PrepareData *data = task_data;
  GError *error = NULL;
  DossierPreparedImage *prepared;

  prepared = _dossier_document_image_run (data->file, data->bytes, data->quarter_turns,
                                          data->preview_size, cancellable, &error);
  if (prepared == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, prepared, (GDestroyNotify) _dossier_prepared_image_free);
}

/**
 * dossier_document_image_prepare_async:
 * @self: a #DossierDocumentImage
 * @quarter_turns: the person's rotation, in clockwise quarter turns (0–3)
 * @preview_size: the longer side of the preview in pixels, 0 for the default (1024)
 * @cancellable: (nullable): a #GCancellable
 * @callback: called on the calling thread's main context when done
 * @user_data: data for @callback
 *
 * Reads (the first time), recognises, decodes at the needed scale, orients, checks and
 * encodes the picture in a worker thread. Pictures that cannot be sent at all (not a
 * picture, a PDF, damaged, a decompression bomb) fail with a %DOSSIER_DOCUMENT_ERROR whose
 * message says what to do; pictures that can be shown but not sent succeed with a blocking
 * check. A later prepare supersedes an earlier one still running: the earlier one then
 * fails with %G_IO_ERROR_CANCELLED.
 */
void
dossier_document_image_prepare_async (DossierDocumentImage *self,
                                      guint                 quarter_turns,
                                      guint                 preview_size,
                                      GCancellable         *cancellable,
                                      GAsyncReadyCallback   callback,
                                      gpointer              user_data)
{
  g_autoptr(GTask) task = NULL;
  PrepareData *data;

  g_return_if_fail (DOSSIER_IS_DOCUMENT_IMAGE (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, dossier_document_image_prepare_async);

  data = g_new0 (PrepareData, 1);
  /* A file already read is not read again. */
  if (self->prepared != NULL)
    data->bytes = g_bytes_ref (self->prepared->source);
  else if (self->bytes != NULL)
    data->bytes = g_bytes_ref (self->bytes);
  else
    data->file = g_file_dup (self->file);
  data->quarter_turns = quarter_turns % 4;
  data->preview_size = preview_size;
  data->generation = ++self->generation;
  g_task_set_task_data (task, data, (GDestroyNotify) prepare_data_free);

  dossier_background_run_task (task, prepare_thread);
}

/**
 * dossier_document_image_prepare_finish:
 * @self: a #DossierDocumentImage
 * @result: the result passed to the callback
 * @error: return location for a #GError
 *
 * Stores the results in @self; read them with the getters.
 *
 * Returns: %TRUE on success
 */
gboolean
dossier_document_image_prepare_finish (DossierDocumentImage  *self,
                                       GAsyncResult          *result,
                                       GError               **error)
{
  PrepareData *data;
  DossierPreparedImage *prepared;
  gboolean was_prepared;

  g_return_val_if_fail (DOSSIER_IS_DOCUMENT_IMAGE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  data = g_task_get_task_data (G_TASK (result));
  prepared = g_task_propagate_pointer (G_TASK (result), error);
  if (prepared == NULL)
    return FALSE;

  if (data->generation != self->generation)
    {
      _dossier_prepared_image_free (prepared);
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                           "Superseded by a later prepare");
      return FALSE;
    }

  was_prepared = self->prepared != NULL;
  g_clear_pointer (&self->prepared, _dossier_prepared_image_free);
  self->prepared = prepared;
  self->quarter_turns = data->quarter_turns;
  if (!was_prepared)
    g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_PREPARED]);
  return TRUE;
}
