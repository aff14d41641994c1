/* dossier-audit-export-figure.c — a document as sent: its thumbnail beside its facts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs on the export's worker thread: GdkPixbuf decodes the journal's thumbnail
 * (no GDK), cairo draws it.
 */
#include "config.h"

#include <gdk-pixbuf/gdk-pixbuf.h>

#include "dossier-audit-export-layout.h"

#define IMAGE_BOX   104.0
#define GAP         12.0
/* The labels' column, of which LABEL_GAP stays empty before the values: a label as
 * long as "Kind of Document" never touches its value. */
#define LABEL_WIDTH 96.0
#define LABEL_GAP   12.0
#define PAIR_GAP    3.0

cairo_surface_t *
_dossier_audit_surface_from_bytes (GBytes *bytes)
{
  g_autoptr(GInputStream) stream = g_memory_input_stream_new_from_bytes (bytes);
  g_autoptr(GdkPixbuf) decoded = gdk_pixbuf_new_from_stream (stream, NULL, NULL);
  g_autoptr(GdkPixbuf) pixbuf = NULL;
  cairo_surface_t *surface;
  const guint8 *src;
  guint8 *dst;
  int width, height, src_stride, dst_stride, channels;
  gsize size = 0;
  const guint8 *data;

  if (decoded == NULL)
    return NULL;
  pixbuf = gdk_pixbuf_add_alpha (decoded, FALSE, 0, 0, 0);
  width = gdk_pixbuf_get_width (pixbuf);
  height = gdk_pixbuf_get_height (pixbuf);
  channels = gdk_pixbuf_get_n_channels (pixbuf);
  src_stride = gdk_pixbuf_get_rowstride (pixbuf);
  src = gdk_pixbuf_read_pixels (pixbuf);

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  dst_stride = cairo_image_surface_get_stride (surface);
  cairo_surface_flush (surface);
  dst = cairo_image_surface_get_data (surface);
  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      {
        const guint8 *p = src + y * src_stride + x * channels;
        guint32 a = p[3];
        guint32 *q = (guint32 *) (dst + y * dst_stride + x * 4);

        *q = (a << 24) | ((p[0] * a / 255) << 16) | ((p[1] * a / 255) << 8) | (p[2] * a / 255);
      }
  cairo_surface_mark_dirty (surface);

  /* A JPEG thumbnail goes into the PDF as it is, not re-encoded. */
  data = g_bytes_get_data (bytes, &size);
  if (size > 3 && data[0] == 0xff && data[1] == 0xd8)
    cairo_surface_set_mime_data (surface, CAIRO_MIME_TYPE_JPEG, g_bytes_get_data (bytes, NULL),
                                 size,
                                 (cairo_destroy_func_t) g_bytes_unref, g_bytes_ref (bytes));
  return surface;
}

void
_dossier_audit_layout_figure (DossierAuditLayout     *self,
                              cairo_surface_t        *image,
                              const char             *placeholder,
                              const char * const     *labels,
                              const char * const     *values,
                              const DossierAuditFont *value_fonts,
                              guint                   n_pairs)
{
  double value_width = _dossier_audit_layout_get_width (self) - IMAGE_BOX - GAP - LABEL_WIDTH;
  g_autofree double *heights = g_new0 (double, n_pairs);
  double image_width = IMAGE_BOX;
  double image_height = IMAGE_BOX * 0.75;
  double text_total = 0;
  double height;
  double y = 0;

  if (image != NULL)
    {
      double w = cairo_image_surface_get_width (image);
      double h = cairo_image_surface_get_height (image);
      double scale = MIN (IMAGE_BOX / w, IMAGE_BOX / h);

      image_width = w * scale;
      image_height = h * scale;
    }

  for (guint i = 0; i < n_pairs; i++)
    {
      DossierAuditFont font = value_fonts != NULL ? value_fonts[i] : DOSSIER_AUDIT_FONT_BODY;

      heights[i] = MAX (_dossier_audit_layout_measure (self, labels[i], DOSSIER_AUDIT_FONT_LABEL,
                                                       LABEL_WIDTH - LABEL_GAP),
                        _dossier_audit_layout_measure (self, values[i], font, value_width));
      text_total += heights[i] + PAIR_GAP;
    }

  /* The whole figure on one page. */
  height = MAX (image_height, text_total) + 12.0;
  _dossier_audit_layout_keep (self, height);

  _dossier_audit_layout_draw_image (self, image, image_width, image_height);
  if (image == NULL && placeholder != NULL)
    {
      double note = _dossier_audit_layout_measure (self, placeholder, DOSSIER_AUDIT_FONT_SMALL,
                                                   image_width - 12.0);

      _dossier_audit_layout_draw_text (self, 6.0, (image_height - note) / 2, image_width - 12.0,
                                       placeholder, DOSSIER_AUDIT_FONT_SMALL, TRUE, TRUE);
    }

  for (guint i = 0; i < n_pairs; i++)
    {
      DossierAuditFont font = value_fonts != NULL ? value_fonts[i] : DOSSIER_AUDIT_FONT_BODY;

      _dossier_audit_layout_draw_text (self, IMAGE_BOX + GAP, y, LABEL_WIDTH - LABEL_GAP, labels[i],
                                       DOSSIER_AUDIT_FONT_LABEL, TRUE, FALSE);
      _dossier_audit_layout_draw_text (self, IMAGE_BOX + GAP + LABEL_WIDTH, y, value_width,
                                       values[i], font, FALSE, FALSE);
      y += heights[i] + PAIR_GAP;
    }

  _dossier_audit_layout_advance (self, height - 6.0, TRUE);
}
