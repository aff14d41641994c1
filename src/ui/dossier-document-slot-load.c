/* dossier-document-slot-load.c — a picture into a slot: read, quick look, prepare, rotate
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every way in (dossier-document-slot-input.c) ends in _dossier_document_slot_open_file()
 * or _open_bytes(). A file is read
 * once, through the GFile it came as (so the document portal works), on a worker thread
 * that also decodes a quick look at the size the viewer shows, upright, the way
 * gdk_pixbuf_new_from_file_at_scale() would; the slot shows it at once, then the core
 * pipeline (DossierDocumentImage) prepares what is sent from the same bytes, and the
 * viewer finally shows the upload bytes themselves, decoded. The main thread only wraps
 * pixbufs into textures.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "dossier-document-slot-private.h"
#include "dossier-background.h"
#include "dossier-document-viewer.h"

/* The core pipeline's own limit on what it reads (100 MiB). */
#define MAX_QUICK_LOOK_BYTES (100 * 1024 * 1024)

typedef struct {
  GFile      *file;
  GBytes     *bytes;
  int         fit_width;
  int         fit_height;
  guint       quarter_turns;
  GdkPixbuf  *pixbuf;
  guint       width;
  guint       height;
  gint64      queued;
} QuickLook;

static void
quick_look_free (QuickLook *look)
{
  g_clear_object (&look->file);
  g_clear_pointer (&look->bytes, g_bytes_unref);
  g_clear_object (&look->pixbuf);
  g_free (look);
}

SideCall *
_dossier_side_call_new (DossierDocumentSlot *self,
               DossierDocumentSide  side)
{
  SideCall *call = g_new0 (SideCall, 1);

  call->self = g_object_ref (self);
  call->side = side;
  call->generation = self->sides[side].generation;
  return call;
}

void
_dossier_side_call_free (SideCall *call)
{
  g_clear_object (&call->self);
  g_free (call);
}

gboolean
_dossier_side_call_current (SideCall *call)
{
  return call->generation == call->self->sides[call->side].generation;
}

static void
size_prepared_cb (GdkPixbufLoader *loader,
                  int              width,
                  int              height,
                  QuickLook       *look)
{
  /* Large enough for the view whichever way the orientation turns it. */
  double landscape = MIN ((double) look->fit_width / width, (double) look->fit_height / height);
  double portrait = MIN ((double) look->fit_width / height, (double) look->fit_height / width);
  double scale = MIN (MAX (landscape, portrait), 1.0);

  look->width = width;
  look->height = height;
  if (scale < 1.0)
    gdk_pixbuf_loader_set_size (loader, MAX ((int) (width * scale + 0.5), 1),
                                MAX ((int) (height * scale + 0.5), 1));
}

/* Reads the file and decodes the quick look; a picture it cannot decode is left to the
 * pipeline, which says why. */
static void
quick_look_thread (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  QuickLook *look = task_data;
  g_autoptr(GdkPixbufLoader) loader = NULL;
  g_autoptr(GdkPixbuf) upright = NULL;
  GdkPixbuf *decoded;
  GError *error = NULL;
  gboolean ok;
  gint64 t_start = g_get_monotonic_time ();
  gint64 t_read;
  const guint8 *data;
  gsize len;

  if (look->bytes == NULL)
    {
      g_autoptr(GFileInfo) info = g_file_query_info (look->file, G_FILE_ATTRIBUTE_STANDARD_SIZE,
                                                     G_FILE_QUERY_INFO_NONE, cancellable, NULL);
      char *contents = NULL;

      /* Far too large for a photo: the pipeline reads no more than its limit and says so. */
      if (info != NULL && g_file_info_get_size (info) > MAX_QUICK_LOOK_BYTES)
        {
          g_task_return_boolean (task, TRUE);
          return;
        }
      if (!g_file_load_contents (look->file, cancellable, &contents, &len, NULL, &error))
        {
          g_task_return_error (task, error);
          return;
        }
      look->bytes = g_bytes_new_take (contents, len);
    }
  t_read = g_get_monotonic_time ();
  data = g_bytes_get_data (look->bytes, &len);
  loader = gdk_pixbuf_loader_new ();
  g_signal_connect (loader, "size-prepared", G_CALLBACK (size_prepared_cb), look);
  ok = gdk_pixbuf_loader_write (loader, data, len, NULL);
  ok = gdk_pixbuf_loader_close (loader, NULL) && ok;
  decoded = ok ? gdk_pixbuf_loader_get_pixbuf (loader) : NULL;
  if (decoded == NULL || g_cancellable_is_cancelled (cancellable))
    {
      g_task_return_boolean (task, TRUE);
      return;
    }
  upright = gdk_pixbuf_apply_embedded_orientation (decoded);
  if (gdk_pixbuf_get_width (upright) != gdk_pixbuf_get_width (decoded))
    {
      guint swap = look->width;

      look->width = look->height;
      look->height = swap;
    }
  if (look->quarter_turns % 4 != 0)
    {
      static const GdkPixbufRotation rotation[] = {
        GDK_PIXBUF_ROTATE_NONE, GDK_PIXBUF_ROTATE_CLOCKWISE,
        GDK_PIXBUF_ROTATE_UPSIDEDOWN, GDK_PIXBUF_ROTATE_COUNTERCLOCKWISE,
      };
      GdkPixbuf *turned = gdk_pixbuf_rotate_simple (upright, rotation[look->quarter_turns % 4]);

      g_set_object (&upright, turned);
      g_object_unref (turned);
      if (look->quarter_turns % 2 == 1)
        {
          guint swap = look->width;

          look->width = look->height;
          look->height = swap;
        }
    }
  look->pixbuf = g_steal_pointer (&upright);
  g_debug ("document slot quick look %d×%d: waited %.1f ms for a thread, read %.1f ms, "
           "decoded and turned %.1f ms", gdk_pixbuf_get_width (look->pixbuf),
           gdk_pixbuf_get_height (look->pixbuf), (t_start - look->queued) / 1000.0,
           (t_read - t_start) / 1000.0, (g_get_monotonic_time () - t_read) / 1000.0);
  g_task_return_boolean (task, TRUE);
}

static void
upload_texture_thread (GTask        *task,
                       gpointer      source_object,
                       gpointer      task_data,
                       GCancellable *cancellable)
{
  GError *error = NULL;
  GdkTexture *texture = gdk_texture_new_from_bytes (task_data, &error);

  if (texture == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, texture, g_object_unref);
}

static void
upload_texture_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(SideCall) call = user_data;
  g_autoptr(GdkTexture) texture = g_task_propagate_pointer (G_TASK (result), NULL);
  DossierDocumentViewer *viewer;

  if (texture == NULL || !_dossier_side_call_current (call))
    return;
  viewer = DOSSIER_DOCUMENT_VIEWER (call->self->viewer);
  /* The pipeline's preview stays as the reduced copy, drawn while it is sharp enough. */
  dossier_document_viewer_set_texture (viewer, call->side, texture,
                                       dossier_document_viewer_get_texture (viewer, call->side));
  _dossier_document_slot_update (call->self);
}

static void
prepared_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(SideCall) call = user_data;
  g_autoptr(GError) error = NULL;
  DossierDocumentImage *image = DOSSIER_DOCUMENT_IMAGE (source);
  DossierSlotSide *side;
  gboolean ok = dossier_document_image_prepare_finish (image, result, &error);

  if (!_dossier_side_call_current (call) || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  side = &call->self->sides[call->side];
  if (!ok)
    {
      /* Nothing to show: the place goes back to empty, with the reason in it. */
      g_free (side->error);
      side->error = g_strdup (error->message);
      g_clear_object (&side->image);
      dossier_document_viewer_set_image (DOSSIER_DOCUMENT_VIEWER (call->self->viewer), call->side, NULL);
      _dossier_document_slot_set_busy (call->self, call->side, FALSE);
      if (call->side == call->self->current_side && call->self->sides[!call->side].image != NULL)
        call->self->current_side = !call->side;
      _dossier_document_slot_update (call->self);
      return;
    }
  g_clear_pointer (&side->error, g_free);
  side->shown_turns = dossier_document_image_get_quarter_turns (image);
  dossier_document_viewer_set_image (DOSSIER_DOCUMENT_VIEWER (call->self->viewer), call->side, image);
  _dossier_document_slot_set_busy (call->self, call->side, FALSE);
  _dossier_document_slot_update (call->self);

  /* What is sent, decoded: the viewer's 100 % shows exactly those pixels. */
  if (dossier_document_image_get_upload_bytes (image) != NULL)
    {
      g_autoptr(GTask) task = g_task_new (NULL, side->cancellable, upload_texture_cb,
                                          _dossier_side_call_new (call->self, call->side));

      g_task_set_task_data (task, g_bytes_ref (dossier_document_image_get_upload_bytes (image)),
                            (GDestroyNotify) g_bytes_unref);
      dossier_background_run_task (task, upload_texture_thread);
    }
}

static void
prepare (DossierDocumentSlot *self,
         DossierDocumentSide  side)
{
  DossierSlotSide *s = &self->sides[side];

  _dossier_document_slot_set_busy (self, side, TRUE);
  dossier_document_image_prepare_async (s->image, s->quarter_turns, DOSSIER_DOCUMENT_SLOT_PREVIEW_SIZE,
                                        s->cancellable, prepared_cb, _dossier_side_call_new (self, side));
}

/* The prepare waits for the frame that shows the quick look, so that its threads do not
 * compete with that frame for the cores; at most a few frames. */
typedef struct {
  SideCall      *call;
  GdkFrameClock *clock;
  gulong         handler;
  guint          timeout;
} DeferredPrepare;

static void
deferred_prepare_run (DeferredPrepare *deferred)
{
  g_clear_signal_handler (&deferred->handler, deferred->clock);
  g_clear_handle_id (&deferred->timeout, g_source_remove);
  if (_dossier_side_call_current (deferred->call))
    prepare (deferred->call->self, deferred->call->side);
  _dossier_side_call_free (deferred->call);
  g_clear_object (&deferred->clock);
  g_free (deferred);
}

static void
deferred_after_paint_cb (GdkFrameClock   *clock,
                         DeferredPrepare *deferred)
{
  deferred_prepare_run (deferred);
}

static gboolean
deferred_timeout_cb (gpointer user_data)
{
  DeferredPrepare *deferred = user_data;

  deferred->timeout = 0;
  deferred_prepare_run (deferred);
  return G_SOURCE_REMOVE;
}

static void
prepare_after_paint (DossierDocumentSlot *self,
                     DossierDocumentSide  side)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (self->viewer);
  DeferredPrepare *deferred;

  if (clock == NULL || !gtk_widget_get_mapped (self->viewer))
    {
      prepare (self, side);
      return;
    }
  /* Busy all along: the spinner stays. */
  _dossier_document_slot_set_busy (self, side, TRUE);
  deferred = g_new0 (DeferredPrepare, 1);
  deferred->call = _dossier_side_call_new (self, side);
  deferred->clock = g_object_ref (clock);
  deferred->handler = g_signal_connect (clock, "after-paint", G_CALLBACK (deferred_after_paint_cb), deferred);
  deferred->timeout = g_timeout_add (50, deferred_timeout_cb, deferred);
}

static void
quick_look_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(SideCall) call = user_data;
  g_autoptr(GError) error = NULL;
  QuickLook *look = g_task_get_task_data (G_TASK (result));
  DossierSlotSide *side;

  g_task_propagate_boolean (G_TASK (result), &error);
  if (!_dossier_side_call_current (call) || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  side = &call->self->sides[call->side];
  if (error != NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND) && side->name != NULL)
        /* Translators: the placeholder is a file name, e.g. “passport.jpg”; the file was
         * chosen earlier (maybe before Dossier was closed) and is gone now. */
        side->error = g_strdup_printf (_("“%s” is no longer there: it was moved or deleted. Choose it again."),
                                       side->name);
      else
        /* Translators: the placeholder is the system's explanation of the failure. */
        side->error = g_strdup_printf (_("The file could not be read: %s"), error->message);
      dossier_document_viewer_set_image (DOSSIER_DOCUMENT_VIEWER (call->self->viewer), call->side, NULL);
      _dossier_document_slot_set_busy (call->self, call->side, FALSE);
      _dossier_document_slot_update (call->self);
      return;
    }
  if (look->pixbuf != NULL)
    {
      g_autoptr(GdkTexture) texture = gdk_texture_new_for_pixbuf (look->pixbuf);

      side->shown_turns = look->quarter_turns;
      dossier_document_viewer_set_preview (DOSSIER_DOCUMENT_VIEWER (call->self->viewer), call->side,
                                           texture, look->width, look->height);
    }
  side->image = look->bytes != NULL ? dossier_document_image_new_for_bytes (look->bytes)
                                     : dossier_document_image_new_for_file (look->file);
  prepare_after_paint (call->self, call->side);
}

void
_dossier_document_slot_set_busy (DossierDocumentSlot *self,
          DossierDocumentSide  side,
          gboolean             busy)
{
  self->sides[side].busy = busy;
  dossier_document_viewer_set_busy (DOSSIER_DOCUMENT_VIEWER (self->viewer), side, busy);
}

/* Forgets what @side held and starts over. */
DossierSlotSide *
_dossier_document_slot_restart_side (DossierDocumentSlot *self,
              DossierDocumentSide  side)
{
  DossierSlotSide *s = &self->sides[side];
  AdwMessageDialog *confirmation = _dossier_document_slot_get_confirmation (self);

  /* A question about the picture that goes is no longer asked. */
  if (confirmation != NULL)
    gtk_window_close (GTK_WINDOW (confirmation));
  if (s->cancellable != NULL)
    g_cancellable_cancel (s->cancellable);
  g_clear_object (&s->cancellable);
  g_clear_object (&s->image);
  g_clear_pointer (&s->error, g_free);
  g_clear_pointer (&s->name, g_free);
  g_clear_pointer (&s->uri, g_free);
  /* A pasted picture replaced or removed: its draft copy goes with it. */
  _dossier_document_slot_forget_draft_file (self, side);
  s->cancellable = g_cancellable_new ();
  s->generation++;
  s->picture++;
  s->quarter_turns = 0;
  s->shown_turns = 0;
  if (self->upload_state == DOSSIER_DOCUMENT_UPLOAD_FAILED || self->upload_state == DOSSIER_DOCUMENT_UPLOAD_REJECTED)
    self->upload_state = DOSSIER_DOCUMENT_UPLOAD_NONE;
  self->current_side = side;
  return s;
}

static void
start_quick_look (DossierDocumentSlot *self,
                  DossierDocumentSide  side,
                  QuickLook           *look)
{
  g_autoptr(GTask) task = NULL;

  dossier_document_viewer_get_fit_size (DOSSIER_DOCUMENT_VIEWER (self->viewer),
                                        &look->fit_width, &look->fit_height);
  look->quarter_turns = self->sides[side].quarter_turns;
  look->queued = g_get_monotonic_time ();
  _dossier_document_slot_set_busy (self, side, TRUE);
  task = g_task_new (NULL, self->sides[side].cancellable, quick_look_cb, _dossier_side_call_new (self, side));
  g_task_set_task_data (task, look, (GDestroyNotify) quick_look_free);
  g_task_run_in_thread (task, quick_look_thread);
  _dossier_document_slot_update (self);
}

void
_dossier_document_slot_open_file_turned (DossierDocumentSlot *self,
                                         DossierDocumentSide  side,
                                         GFile               *file,
                                         guint                quarter_turns)
{
  DossierSlotSide *s = _dossier_document_slot_restart_side (self, side);
  QuickLook *look = g_new0 (QuickLook, 1);

  s->name = g_file_get_basename (file);
  s->uri = g_file_get_uri (file);
  s->quarter_turns = quarter_turns % 4;
  look->file = g_object_ref (file);
  start_quick_look (self, side, look);
  _dossier_document_slot_draft_changed (self);
}

void
_dossier_document_slot_open_file (DossierDocumentSlot *self,
                                  DossierDocumentSide  side,
                                  GFile               *file)
{
  _dossier_document_slot_open_file_turned (self, side, file, 0);
}

/* @texture: (nullable): the picture @bytes encode, shown until the prepare is done. */
void
_dossier_document_slot_open_bytes (DossierDocumentSlot *self,
                                   DossierDocumentSide  side,
                                   GBytes              *bytes,
                                   GdkTexture          *texture)
{
  DossierSlotSide *s = _dossier_document_slot_restart_side (self, side);

  if (texture != NULL)
    dossier_document_viewer_set_preview (DOSSIER_DOCUMENT_VIEWER (self->viewer), side, texture,
                                         gdk_texture_get_width (texture), gdk_texture_get_height (texture));
  s->image = dossier_document_image_new_for_bytes (bytes);
  prepare (self, side);
  _dossier_document_slot_update (self);
  /* No file to point to: the bytes are kept for the draft. */
  _dossier_document_slot_keep_bytes (self, side, bytes);
  _dossier_document_slot_draft_changed (self);
}

void
_dossier_document_slot_clear_side (DossierDocumentSlot *self,
                                   DossierDocumentSide  side)
{
  _dossier_document_slot_restart_side (self, side);
  _dossier_document_slot_set_busy (self, side, FALSE);
  dossier_document_viewer_set_image (DOSSIER_DOCUMENT_VIEWER (self->viewer), side, NULL);
  self->current_side = self->sides[DOSSIER_DOCUMENT_SIDE_FRONT].image != NULL || side == DOSSIER_DOCUMENT_SIDE_FRONT
                       ? DOSSIER_DOCUMENT_SIDE_FRONT : DOSSIER_DOCUMENT_SIDE_BACK;
  if (self->sides[self->current_side].image == NULL && self->sides[!self->current_side].image != NULL)
    self->current_side = !self->current_side;
  _dossier_document_slot_update (self);
  _dossier_document_slot_draft_changed (self);
}

void
_dossier_document_slot_cancel_all (DossierDocumentSlot *self)
{
  for (guint i = 0; i < 2; i++)
    if (self->sides[i].cancellable != NULL)
      g_cancellable_cancel (self->sides[i].cancellable);
}

void
_dossier_document_slot_turn (DossierDocumentSlot *self,
      guint                quarter_turns)
{
  DossierSlotSide *s = &self->sides[self->current_side];

  if (s->image == NULL)
    return;
  s->quarter_turns = (s->quarter_turns + quarter_turns) % 4;
  dossier_document_viewer_set_pending_turns (DOSSIER_DOCUMENT_VIEWER (self->viewer), self->current_side,
                                             (s->quarter_turns + 4 - s->shown_turns) % 4);
  /* Turned, the picture has another shape: shown whole again, not cropped by the old zoom. */
  dossier_document_viewer_set_zoom (DOSSIER_DOCUMENT_VIEWER (self->viewer), 0.0);
  s->generation++;
  prepare (self, self->current_side);
  _dossier_document_slot_update (self);
  _dossier_document_slot_draft_changed (self);
}

