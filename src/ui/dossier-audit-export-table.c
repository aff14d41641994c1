/* dossier-audit-export-table.c — tables in the pages of an audit export
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Columns are fractions of the text width. A row is measured before it is drawn and
 * goes to the next page whole when it does not fit; the header row is drawn again at
 * the top of every page the table continues on; rows alternate with a light band.
 */
#include "config.h"

#include "dossier-audit-export-layout-private.h"

static double
row_height (DossierAuditLayout     *self,
            PangoLayout           **cells)
{
  double height = 0;

  for (guint i = 0; i < self->n_columns; i++)
    height = MAX (height, _dossier_audit_layout_text_height (cells[i]));
  return height + 2 * CELL_PAD_Y;
}

static PangoLayout **
make_row (DossierAuditLayout     *self,
          const char * const     *cells,
          const DossierAuditFont *fonts,
          DossierAuditFont        fallback)
{
  PangoLayout **layouts = g_new0 (PangoLayout *, self->n_columns);

  for (guint i = 0; i < self->n_columns; i++)
    layouts[i] = _dossier_audit_layout_make_text (self, cells[i], fonts != NULL ? fonts[i] : fallback,
                                                  self->column_width[i] - 2 * CELL_PAD_X);
  return layouts;
}

static void
free_row (DossierAuditLayout  *self,
          PangoLayout        **layouts)
{
  for (guint i = 0; i < self->n_columns; i++)
    g_object_unref (layouts[i]);
  g_free (layouts);
}

static void
draw_row (DossierAuditLayout     *self,
          PangoLayout           **layouts,
          double                  height,
          const DossierAuditRgb  *fill,
          const DossierAuditRgb  *text)
{
  if (fill != NULL)
    {
      _dossier_audit_layout_set_rgb (self->cr, fill);
      cairo_rectangle (self->cr, self->left, self->y, self->width, height);
      cairo_fill (self->cr);
    }
  for (guint i = 0; i < self->n_columns; i++)
    _dossier_audit_layout_show_text (self, layouts[i], self->column_x[i] + CELL_PAD_X,
                                     self->y + CELL_PAD_Y, text);
  _dossier_audit_layout_hline (self, self->left, self->y + height - 0.5, self->width, 0.5, &rule);
  self->y += height;
}

void
_dossier_audit_layout_table_header (DossierAuditLayout *self)
{
  PangoLayout **layouts;
  double height;

  if (self->headers[0] == NULL)
    return;

  layouts = make_row (self, (const char * const *) self->headers, NULL, DOSSIER_AUDIT_FONT_LABEL);
  height = row_height (self, layouts);
  draw_row (self, layouts, height, &head_band, &ink);
  free_row (self, layouts);
  self->row = 0;
}

void
_dossier_audit_layout_table_begin (DossierAuditLayout *self,
                                   guint               n_columns,
                                   const double       *fractions,
                                   const char * const *headers)
{
  double x = self->left;

  g_assert (n_columns > 0 && n_columns <= MAX_COLUMNS);
  g_assert (!self->in_table);

  self->n_columns = n_columns;
  for (guint i = 0; i < n_columns; i++)
    {
      self->column_x[i] = x;
      self->column_width[i] = fractions[i] * self->width;
      x += self->column_width[i];
      g_clear_pointer (&self->headers[i], g_free);
      self->headers[i] = headers != NULL ? g_strdup (headers[i]) : NULL;
    }
  self->row = 0;

  /* The header and at least a row or so on the same page. */
  _dossier_audit_layout_ensure_space (self, headers != NULL ? 44.0 : 20.0);
  self->in_table = TRUE;
  _dossier_audit_layout_table_header (self);
}

void
_dossier_audit_layout_table_row (DossierAuditLayout     *self,
                                 const char * const     *cells,
                                 const DossierAuditFont *fonts)
{
  PangoLayout **layouts = make_row (self, cells, fonts, DOSSIER_AUDIT_FONT_BODY);
  double height = row_height (self, layouts);

  g_assert (self->in_table);

  _dossier_audit_layout_ensure_space (self, height);
  draw_row (self, layouts, height, self->row % 2 == 1 ? &band : NULL, &ink);
  self->row++;
  free_row (self, layouts);
}

void
_dossier_audit_layout_table_end (DossierAuditLayout *self)
{
  self->in_table = FALSE;
  for (guint i = 0; i < MAX_COLUMNS; i++)
    g_clear_pointer (&self->headers[i], g_free);
  self->y += 10.0;
}
