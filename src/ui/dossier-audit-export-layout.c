/* dossier-audit-export-layout.c — pages of an audit export: text, tables, figures, footers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Units are PDF points. The text box is the page less its margins; the running head
 * (from page 2 on) and the footer (every page) sit in the margins. Each page is drawn
 * into a recording surface; once the last one is done, the page count is known and
 * the recordings are replayed into the PDF (text stays text) with their footers.
 * Text is laid out once. Metrics do not depend on the target (no hinting, 72 dpi).
 * Tables are in dossier-audit-export-table.c.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "dossier-audit-export-layout-private.h"

static const char * const font_specs[DOSSIER_AUDIT_N_FONTS] = {
  "Cantarell, DejaVu Sans, Sans 9",
  "Cantarell, DejaVu Sans, Sans Bold 8.5",
  "Cantarell, DejaVu Sans, Sans 7.5",
  "DejaVu Sans Mono, Monospace 7",
  "Cantarell, DejaVu Sans, Sans Bold 13",
  "Cantarell, DejaVu Sans, Sans Bold 10.5",
  "Cantarell, DejaVu Sans, Sans Bold 22",
};

void
_dossier_audit_layout_set_rgb (cairo_t               *cr,
                               const DossierAuditRgb *colour)
{
  cairo_set_source_rgb (cr, colour->r, colour->g, colour->b);
}

PangoLayout *
_dossier_audit_layout_make_text (DossierAuditLayout *self,
                                 const char         *markup,
                                 DossierAuditFont    font,
                                 double              width)
{
  PangoLayout *layout = pango_layout_new (self->context);
  PangoAttrList *attributes = pango_attr_list_new ();

  /* A hash or an id broken across lines must not gain a hyphen. */
  pango_attr_list_insert (attributes, pango_attr_insert_hyphens_new (FALSE));
  pango_layout_set_attributes (layout, attributes);
  pango_attr_list_unref (attributes);
  pango_layout_set_font_description (layout, self->fonts[font]);
  pango_layout_set_width (layout, pango_units_from_double (MAX (width, 1.0)));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_markup (layout, markup != NULL ? markup : "", -1);
  return layout;
}

double
_dossier_audit_layout_text_height (PangoLayout *layout)
{
  int height = 0;

  pango_layout_get_size (layout, NULL, &height);
  return pango_units_to_double (height);
}

void
_dossier_audit_layout_show_text (DossierAuditLayout    *self,
                                 PangoLayout           *layout,
                                 double                 x,
                                 double                 y,
                                 const DossierAuditRgb *colour)
{
  _dossier_audit_layout_set_rgb (self->cr, colour);
  cairo_move_to (self->cr, x, y);
  pango_cairo_show_layout (self->cr, layout);
}

void
_dossier_audit_layout_hline (DossierAuditLayout    *self,
                             double                 x,
                             double                 y,
                             double                 width,
                             double                 thickness,
                             const DossierAuditRgb *colour)
{
  _dossier_audit_layout_set_rgb (self->cr, colour);
  cairo_rectangle (self->cr, x, y, width, thickness);
  cairo_fill (self->cr);
}

static void
draw_margins (DossierAuditLayout *self)
{
  g_autoptr(PangoLayout) left = NULL;
  g_autoptr(PangoLayout) right = NULL;
  g_autofree char *escaped = NULL;
  g_autofree char *page = NULL;
  double y;

  /* Running head from the second page on: whose dossier this is. */
  if (self->page > 1)
    {
      escaped = g_markup_escape_text (self->running_head, -1);
      left = _dossier_audit_layout_make_text (self, escaped, DOSSIER_AUDIT_FONT_SMALL, self->width * 0.7);
      right = _dossier_audit_layout_make_text (self, _("Client Dossier"), DOSSIER_AUDIT_FONT_SMALL,
                                               self->width * 0.3);
      pango_layout_set_alignment (right, PANGO_ALIGN_RIGHT);
      y = self->top - 14.0 - _dossier_audit_layout_text_height (left);
      _dossier_audit_layout_show_text (self, left, self->left, y, &dim);
      _dossier_audit_layout_show_text (self, right, self->left + self->width * 0.7, y, &dim);
      _dossier_audit_layout_hline (self, self->left, self->top - 10.0, self->width, 0.5, &rule);
      g_clear_object (&left);
      g_clear_object (&right);
      g_clear_pointer (&escaped, g_free);
    }

  /* Footer on every page: when, by whom, and where this page stands. */
  _dossier_audit_layout_hline (self, self->left, self->bottom + 12.0, self->width, 0.5, &rule);
  escaped = g_markup_escape_text (self->footer, -1);
  left = _dossier_audit_layout_make_text (self, escaped, DOSSIER_AUDIT_FONT_SMALL, self->width * 0.78);
  /* Translators: the page footer of an exported dossier */
  page = g_strdup_printf (_("Page %u of %u"), self->page, self->total);
  right = _dossier_audit_layout_make_text (self, page, DOSSIER_AUDIT_FONT_SMALL, self->width * 0.22);
  pango_layout_set_alignment (right, PANGO_ALIGN_RIGHT);
  _dossier_audit_layout_show_text (self, left, self->left, self->bottom + 17.0, &dim);
  _dossier_audit_layout_show_text (self, right, self->left + self->width * 0.78, self->bottom + 17.0, &dim);
}

static void
start_recording (DossierAuditLayout *self)
{
  cairo_rectangle_t extents = { 0, 0, self->page_width, self->page_height };
  cairo_surface_t *surface = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, &extents);

  g_clear_pointer (&self->cr, cairo_destroy);
  self->cr = cairo_create (surface);
  g_ptr_array_add (self->recordings, surface);
}

static void
new_page (DossierAuditLayout *self)
{
  self->page++;
  start_recording (self);
  self->y = self->top;
  if (self->in_table)
    _dossier_audit_layout_table_header (self);
}

void
_dossier_audit_layout_ensure_space (DossierAuditLayout *self,
                                    double              height)
{
  if (self->y + height > self->bottom && self->y > self->top + 0.5)
    new_page (self);
}

DossierAuditLayout *
_dossier_audit_layout_new (cairo_t    *pdf,
                           double      page_width,
                           double      page_height,
                           const char *running_head,
                           const char *footer)
{
  DossierAuditLayout *self = g_new0 (DossierAuditLayout, 1);
  cairo_font_options_t *options = cairo_font_options_create ();

  self->pdf = cairo_reference (pdf);
  self->recordings = g_ptr_array_new_with_free_func ((GDestroyNotify) cairo_surface_destroy);
  self->context = pango_cairo_create_context (pdf);
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (self->context, options);
  pango_cairo_context_set_resolution (self->context, 72.0);
  cairo_font_options_destroy (options);
  for (guint i = 0; i < DOSSIER_AUDIT_N_FONTS; i++)
    self->fonts[i] = pango_font_description_from_string (font_specs[i]);

  self->page_width = page_width;
  self->page_height = page_height;
  self->left = MARGIN_SIDE;
  self->top = MARGIN_TOP;
  self->width = page_width - 2 * MARGIN_SIDE;
  self->bottom = page_height - MARGIN_BOTTOM;
  self->y = self->top;
  self->page = 1;
  self->running_head = g_strdup (running_head);
  self->footer = g_strdup (footer);
  start_recording (self);
  return self;
}

guint
_dossier_audit_layout_finish (DossierAuditLayout *self)
{
  /* Now "Page N of M" can be written: replay every page with its margins. */
  g_clear_pointer (&self->cr, cairo_destroy);
  self->cr = cairo_reference (self->pdf);
  self->total = self->recordings->len;
  for (guint i = 0; i < self->recordings->len; i++)
    {
      self->page = i + 1;
      cairo_set_source_surface (self->pdf, g_ptr_array_index (self->recordings, i), 0, 0);
      cairo_paint (self->pdf);
      draw_margins (self);
      cairo_show_page (self->pdf);
    }
  g_ptr_array_set_size (self->recordings, 0);
  return self->total;
}

void
_dossier_audit_layout_free (DossierAuditLayout *self)
{
  for (guint i = 0; i < DOSSIER_AUDIT_N_FONTS; i++)
    pango_font_description_free (self->fonts[i]);
  for (guint i = 0; i < MAX_COLUMNS; i++)
    g_free (self->headers[i]);
  g_object_unref (self->context);
  g_clear_pointer (&self->cr, cairo_destroy);
  cairo_destroy (self->pdf);
  g_ptr_array_unref (self->recordings);
  g_free (self->running_head);
  g_free (self->footer);
  g_free (self);
}

double
_dossier_audit_layout_get_width (DossierAuditLayout *self)
{
  return self->width;
}

void
_dossier_audit_layout_keep (DossierAuditLayout *self,
                            double              height)
{
  _dossier_audit_layout_ensure_space (self, height);
}

void
_dossier_audit_layout_title (DossierAuditLayout *self,
                             const char         *kicker,
                             const char         *title,
                             const char         *subtitle)
{
  g_autoptr(PangoLayout) small = NULL;
  g_autoptr(PangoLayout) big = NULL;
  g_autoptr(PangoLayout) under = NULL;

  small = _dossier_audit_layout_make_text (self, kicker, DOSSIER_AUDIT_FONT_LABEL, self->width);
  big = _dossier_audit_layout_make_text (self, title, DOSSIER_AUDIT_FONT_TITLE, self->width);
  under = _dossier_audit_layout_make_text (self, subtitle, DOSSIER_AUDIT_FONT_BODY, self->width);

  _dossier_audit_layout_show_text (self, small, self->left, self->y, &brand);
  self->y += _dossier_audit_layout_text_height (small) + 2.0;
  _dossier_audit_layout_show_text (self, big, self->left, self->y, &ink);
  self->y += _dossier_audit_layout_text_height (big) + 4.0;
  _dossier_audit_layout_show_text (self, under, self->left, self->y, &dim);
  self->y += _dossier_audit_layout_text_height (under) + 8.0;
  _dossier_audit_layout_hline (self, self->left, self->y, self->width, 2.0, &brand);
  self->y += 14.0;
}

static void
heading (DossierAuditLayout *self,
         const char         *text,
         DossierAuditFont    font,
         double              keep_with_next,
         gboolean            ruled)
{
  g_autoptr(PangoLayout) layout = _dossier_audit_layout_make_text (self, text, font, self->width);
  double height = _dossier_audit_layout_text_height (layout);
  double before = ruled ? 10.0 : 6.0;

  /* A heading never ends a page: it keeps some of what follows with it. */
  _dossier_audit_layout_ensure_space (self, before + height + 6.0 + keep_with_next);
  if (self->y > self->top + 0.5)
    self->y += before;
  _dossier_audit_layout_show_text (self, layout, self->left, self->y, ruled ? &brand : &ink);
  self->y += height + 2.0;
  if (ruled)
    {
      _dossier_audit_layout_hline (self, self->left, self->y, self->width, 0.75, &brand);
      self->y += 6.0;
    }
  else
    self->y += 2.0;
}

void
_dossier_audit_layout_heading (DossierAuditLayout *self,
                               const char         *text,
                               double              keep_with_next)
{
  heading (self, text, DOSSIER_AUDIT_FONT_HEADING, keep_with_next, TRUE);
}

void
_dossier_audit_layout_subheading (DossierAuditLayout *self,
                                  const char         *text,
                                  double              keep_with_next)
{
  heading (self, text, DOSSIER_AUDIT_FONT_SUBHEADING, keep_with_next, FALSE);
}

void
_dossier_audit_layout_paragraph (DossierAuditLayout *self,
                                 const char         *markup,
                                 DossierAuditFont    font,
                                 double              space_after)
{
  g_autoptr(PangoLayout) layout = _dossier_audit_layout_make_text (self, markup, font, self->width);
  PangoLayoutIter *iter = pango_layout_get_iter (layout);

  /* Line by line, so a long note continues on the next page. */
  do
    {
      PangoRectangle logical;
      int baseline = pango_layout_iter_get_baseline (iter);
      double line_top;
      double height;

      pango_layout_iter_get_line_extents (iter, NULL, &logical);
      line_top = pango_units_to_double (logical.y);
      height = pango_units_to_double (logical.height);
      _dossier_audit_layout_ensure_space (self, height);
      _dossier_audit_layout_set_rgb (self->cr, font == DOSSIER_AUDIT_FONT_SMALL ? &dim : &ink);
      cairo_move_to (self->cr, self->left + pango_units_to_double (logical.x),
                     self->y + pango_units_to_double (baseline) - line_top);
      pango_cairo_show_layout_line (self->cr, pango_layout_iter_get_line_readonly (iter));
      self->y += height;
    }
  while (pango_layout_iter_next_line (iter));
  pango_layout_iter_free (iter);

  self->y += space_after;
}

void
_dossier_audit_layout_callout (DossierAuditLayout *self,
                               const char         *markup,
                               DossierAuditTone    tone)
{
  g_autoptr(PangoLayout) layout = _dossier_audit_layout_make_text (self, markup, DOSSIER_AUDIT_FONT_BODY,
                                                                   self->width - 24.0);
  double height = _dossier_audit_layout_text_height (layout) + 16.0;

  _dossier_audit_layout_ensure_space (self, height);
  _dossier_audit_layout_set_rgb (self->cr, &band);
  cairo_rectangle (self->cr, self->left, self->y, self->width, height);
  cairo_fill (self->cr);
  _dossier_audit_layout_set_rgb (self->cr, &tones[tone]);
  cairo_rectangle (self->cr, self->left, self->y, 4.0, height);
  cairo_fill (self->cr);
  _dossier_audit_layout_show_text (self, layout, self->left + 14.0, self->y + 8.0, &ink);
  self->y += height + 10.0;
}

/* ---- blocks drawn elsewhere ------------------------------------------------ */

double
_dossier_audit_layout_measure (DossierAuditLayout *self,
                               const char         *markup,
                               DossierAuditFont    font,
                               double              width)
{
  g_autoptr(PangoLayout) layout = _dossier_audit_layout_make_text (self, markup, font, width);

  return _dossier_audit_layout_text_height (layout);
}

void
_dossier_audit_layout_draw_text (DossierAuditLayout *self,
                                 double              x,
                                 double              y,
                                 double              width,
                                 const char         *markup,
                                 DossierAuditFont    font,
                                 gboolean            dimmed,
                                 gboolean            centred)
{
  g_autoptr(PangoLayout) layout = _dossier_audit_layout_make_text (self, markup, font, width);

  if (centred)
    pango_layout_set_alignment (layout, PANGO_ALIGN_CENTER);
  _dossier_audit_layout_show_text (self, layout, self->left + x, self->y + y, dimmed ? &dim : &ink);
}

void
_dossier_audit_layout_draw_image (DossierAuditLayout *self,
                                  cairo_surface_t    *image,
                                  double              width,
                                  double              height)
{
  cairo_save (self->cr);
  if (image != NULL)
    {
      double scale = width / cairo_image_surface_get_width (image);

      cairo_translate (self->cr, self->left, self->y);
      cairo_scale (self->cr, scale, scale);
      cairo_set_source_surface (self->cr, image, 0, 0);
      cairo_pattern_set_filter (cairo_get_source (self->cr), CAIRO_FILTER_GOOD);
      cairo_paint (self->cr);
    }
  else
    {
      _dossier_audit_layout_set_rgb (self->cr, &band);
      cairo_rectangle (self->cr, self->left, self->y, width, height);
      cairo_fill (self->cr);
    }
  cairo_restore (self->cr);

  /* A hairline frame, so a white document still shows its edge. */
  _dossier_audit_layout_set_rgb (self->cr, &rule);
  cairo_set_line_width (self->cr, 0.5);
  cairo_rectangle (self->cr, self->left + 0.25, self->y + 0.25, width - 0.5, height - 0.5);
  cairo_stroke (self->cr);
}

void
_dossier_audit_layout_advance (DossierAuditLayout *self,
                               double              height,
                               gboolean            ruled)
{
  self->y += height;
  if (ruled)
    {
      _dossier_audit_layout_hline (self, self->left, self->y, self->width, 0.5, &rule);
      self->y += 10.0;
    }
}
