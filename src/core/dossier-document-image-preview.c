/* dossier-document-image-preview.c — the preview's first halving, made while decoding
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The decoder reports its rows through the loader's `area-updated` signal; a helper thread
 * halves each band of rows as soon as it is complete, while the decoder goes on, the way
 * `cjpeg` consumes `djpeg`'s rows through the pipe. The result is the one
 * _dossier_image_half_size() gives on the whole picture. Loaders that report the picture
 * more than once (progressive JPEG, interlaced PNG) make the helper give up; the caller
 * then halves after the decode as before. Asked to, the helper also writes each band into
 * the upright picture (EXIF orientation and the user's quarter turns) for the encoder, so
 * that after the decode only the encoding remains.
 */
#include "config.h"

#include "dossier-document-image-private.h"

/* Decoded rows the helper waits for before it halves them. */
#define HALVER_BAND 64

struct _DossierHalver {
  guint      max_side;
  GMutex     lock;
  GCond      cond;
  GThread   *thread;
  GdkPixbuf *decoded;
  GdkPixbuf *half;
  gboolean   orient;
  guint      quarter_turns;
  guint      flip;
  guint      turns;
  GdkPixbuf *upright;
  int        turned;
  int        ready;
  int        signalled;
  int        halved;
  gboolean   finished;
  gboolean   abandoned;
};

static gpointer
halver_run (gpointer user_data)
{
  DossierHalver *self = user_data;
  int rows = gdk_pixbuf_get_height (self->half);
  int to_turn = self->upright != NULL ? gdk_pixbuf_get_height (self->decoded) : 0;

  g_mutex_lock (&self->lock);
  while ((self->halved < rows || self->turned < to_turn) && !self->abandoned)
    {
      int end = MIN (self->ready / 2, rows);
      int ready = MIN (self->ready, to_turn);
      int turned = self->turned;

      if (end <= self->halved && ready <= turned)
        {
          if (self->finished)
            break;
          g_cond_wait (&self->cond, &self->lock);
          continue;
        }
      g_mutex_unlock (&self->lock);
      _dossier_image_half_rows (self->decoded, self->half, self->halved, end);
      if (ready > turned)
        _dossier_image_transform_source_rows (self->decoded, self->flip, self->turns,
                                              turned, ready, self->upright);
      g_mutex_lock (&self->lock);
      self->halved = MAX (self->halved, end);
      self->turned = MAX (turned, ready);
    }
  g_mutex_unlock (&self->lock);
  return NULL;
}

static void
area_prepared_cb (GdkPixbufLoader *loader,
                  DossierHalver   *self)
{
  GdkPixbuf *pixbuf = gdk_pixbuf_loader_get_pixbuf (loader);
  int w, h;

  if (pixbuf == NULL || self->thread != NULL)
    return;
  w = gdk_pixbuf_get_width (pixbuf);
  h = gdk_pixbuf_get_height (pixbuf);
  if ((guint) MAX (w, h) <= self->max_side || w < 2 || h < 2
      || gdk_pixbuf_get_n_channels (pixbuf) < 3)
    return;
  self->decoded = g_object_ref (pixbuf);
  self->half = _dossier_image_half_new (pixbuf);
  if (self->orient && gdk_pixbuf_get_n_channels (pixbuf) == 3)
    {
      const char *option = gdk_pixbuf_get_option (pixbuf, "orientation");
      guint orientation = option != NULL ? (guint) g_ascii_strtoull (option, NULL, 10) : 1;

      _dossier_image_orientation_to_transform (orientation, &self->flip, &self->turns);
      self->turns = (self->turns + self->quarter_turns) % 4;
      if (self->flip || self->turns != 0)
        self->upright = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8,
                                        self->turns % 2 ? h : w, self->turns % 2 ? w : h);
    }
  if (self->half != NULL)
    self->thread = g_thread_try_new ("dossier-image-preview", halver_run, self, NULL);
}

static void
area_updated_cb (GdkPixbufLoader *loader,
                 int              x,
                 int              y,
                 int              width,
                 int              height,
                 DossierHalver   *self)
{
  if (self->thread == NULL)
    return;
  g_mutex_lock (&self->lock);
  /* Rows must arrive once, in order, and whole. */
  if (y != self->ready || x != 0 || width != gdk_pixbuf_get_width (self->decoded))
    self->abandoned = TRUE;
  else
    self->ready = y + height;
  if (self->abandoned || self->ready - self->signalled >= HALVER_BAND)
    {
      self->signalled = self->ready;
      g_cond_signal (&self->cond);
    }
  g_mutex_unlock (&self->lock);
}

/* Starts halving the rows @loader decodes when its picture is larger than @max_side. */
DossierHalver *
_dossier_halver_new (GdkPixbufLoader *loader,
                     guint            max_side)
{
  DossierHalver *self = g_new0 (DossierHalver, 1);

  self->max_side = max_side;
  g_mutex_init (&self->lock);
  g_cond_init (&self->cond);
  g_signal_connect (loader, "area-prepared", G_CALLBACK (area_prepared_cb), self);
  g_signal_connect (loader, "area-updated", G_CALLBACK (area_updated_cb), self);
  return self;
}

/* Waits for the helper; returns (transfer full) the half-size picture of @decoded when
 * every row of it was decoded exactly once, %NULL otherwise. Disconnect the loader first. */
GdkPixbuf *
_dossier_halver_finish (DossierHalver *self,
                        GdkPixbuf     *decoded)
{
  gboolean whole;

  if (self->thread == NULL)
    return NULL;
  g_mutex_lock (&self->lock);
  self->finished = TRUE;
  if (decoded != self->decoded || self->ready != gdk_pixbuf_get_height (self->decoded))
    self->abandoned = TRUE;
  g_cond_signal (&self->cond);
  g_mutex_unlock (&self->lock);
  g_thread_join (g_steal_pointer (&self->thread));
  whole = !self->abandoned && self->halved == gdk_pixbuf_get_height (self->half);
  return whole ? g_steal_pointer (&self->half) : NULL;
}

/* Makes the helper also turn the decoded rows upright, by the picture's EXIF orientation
 * followed by @quarter_turns clockwise quarter turns. Call before the decode starts. */
void
_dossier_halver_orient (DossierHalver *self,
                        guint          quarter_turns)
{
  self->orient = TRUE;
  self->quarter_turns = quarter_turns % 4;
}

/* After _dossier_halver_finish(): (transfer full) the upright picture and the @flip and
 * @turns it applied, when every row was turned; %NULL otherwise. */
GdkPixbuf *
_dossier_halver_steal_upright (DossierHalver *self,
                               guint         *flip,
                               guint         *turns)
{
  if (self->upright == NULL || self->abandoned || self->thread != NULL
      || self->turned != gdk_pixbuf_get_height (self->decoded))
    return NULL;
  *flip = self->flip;
  *turns = self->turns;
  return g_steal_pointer (&self->upright);
}

void
_dossier_halver_free (DossierHalver *self)
{
  if (self == NULL)
    return;
  /* Stops a helper still running (a failed or cancelled decode). */
  if (self->thread != NULL)
    g_assert_null (_dossier_halver_finish (self, NULL));
  g_clear_object (&self->decoded);
  g_clear_object (&self->half);
  g_clear_object (&self->upright);
  g_mutex_clear (&self->lock);
  g_cond_clear (&self->cond);
  g_free (self);
}
