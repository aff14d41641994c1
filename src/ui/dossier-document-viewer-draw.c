/* dossier-document-viewer-draw.c — how the canvas draws its pictures
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each picture in its rectangle: the reduced copy when it has a texel per device pixel,
 * else the full texture (cairo then scales it once per frame); turned by the quarter turns
 * still being prepared; a hairline around it, and with both sides shown an accent ring
 * around the one the tools act on. A picture still coming is a faint placeholder.
 */
#include "config.h"

#include "dossier-document-viewer-private.h"

void
_dossier_document_canvas_draw (GtkWidget                  *widget,
                               GtkSnapshot                *snapshot,
                               const DossierCanvasPicture *pictures,
                               guint                       n,
                               const DossierDocumentSide  *sides,
                               const graphene_rect_t      *rects,
                               DossierDocumentSide         selected)
{
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  GtkStyleContext *context = gtk_widget_get_style_context (widget);
  G_GNUC_END_IGNORE_DEPRECATIONS
  GdkRGBA fg, line;
  int scale_factor = gtk_widget_get_scale_factor (widget);

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (context, &fg);
  G_GNUC_END_IGNORE_DEPRECATIONS
  line = fg;
  line.alpha = 0.15;
  for (guint i = 0; i < n; i++)
    {
      const DossierCanvasPicture *picture = &pictures[sides[i]];
      const graphene_rect_t *r = &rects[i];
      GdkTexture *texture = picture->texture;
      GskRoundedRect outline;
      const float widths[4] = { 1, 1, 1, 1 };
      const GdkRGBA colors[4] = { line, line, line, line };

      /* The reduced copy is enough when it has a texel per device pixel. */
      if (picture->small != NULL
          && gdk_texture_get_width (picture->small)
             >= (picture->pending_turns % 2 ? r->size.height : r->size.width) * scale_factor)
        texture = picture->small;
      if (texture == NULL)
        {
          GdkRGBA shade = fg;

          shade.alpha = 0.05;
          gtk_snapshot_append_color (snapshot, &shade, r);
        }
      else if (picture->pending_turns % 4 == 0)
        gtk_snapshot_append_texture (snapshot, texture, r);
      else
        {
          double w = r->size.width, h = r->size.height;

          if (picture->pending_turns % 2 == 1)
            w = r->size.height, h = r->size.width;
          gtk_snapshot_save (snapshot);
          gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (r->origin.x + r->size.width / 2,
                                                                  r->origin.y + r->size.height / 2));
          gtk_snapshot_rotate (snapshot, 90.0f * (picture->pending_turns % 4));
          gtk_snapshot_append_texture (snapshot, texture, &GRAPHENE_RECT_INIT (-w / 2, -h / 2, w, h));
          gtk_snapshot_restore (snapshot);
        }
      gsk_rounded_rect_init_from_rect (&outline, r, 0);
      gtk_snapshot_append_border (snapshot, &outline, widths, colors);
      /* With both sides shown, the one the tools act on is outlined in the accent colour. */
      if (n == 2 && sides[i] == selected)
        {
          const float accent_widths[4] = { 2, 2, 2, 2 };
          GdkRGBA accent;
          GskRoundedRect ring;

          G_GNUC_BEGIN_IGNORE_DEPRECATIONS
          if (!gtk_style_context_lookup_color (context, "accent_color", &accent))
            gdk_rgba_parse (&accent, "#3584e4");
          G_GNUC_END_IGNORE_DEPRECATIONS
          {
            const GdkRGBA accent_colors[4] = { accent, accent, accent, accent };

            gsk_rounded_rect_init_from_rect (&ring, &GRAPHENE_RECT_INIT (r->origin.x - 3, r->origin.y - 3,
                                                                         r->size.width + 6, r->size.height + 6), 3);
            gtk_snapshot_append_border (snapshot, &ring, accent_widths, accent_colors);
          }
        }
    }
}

