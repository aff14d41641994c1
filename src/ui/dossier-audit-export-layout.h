/* dossier-audit-export-layout.h — pages of an audit export: text, tables, figures, footers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A small page writer over cairo + pango. Every block measures itself first and
 * starts a new page when it does not fit, so table rows and figures are never split;
 * long paragraphs break between lines. Pages are recorded, then written with
 * "Page N of M" once the count is known.
 * Text arguments are Pango markup: callers escape data with g_markup_escape_text().
 */
#pragma once

#include <cairo.h>
#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  DOSSIER_AUDIT_FONT_BODY,
  DOSSIER_AUDIT_FONT_LABEL,
  DOSSIER_AUDIT_FONT_SMALL,
  DOSSIER_AUDIT_FONT_MONO,
  DOSSIER_AUDIT_FONT_HEADING,
  DOSSIER_AUDIT_FONT_SUBHEADING,
  DOSSIER_AUDIT_FONT_TITLE,
  DOSSIER_AUDIT_N_FONTS
} DossierAuditFont;

typedef enum {
  DOSSIER_AUDIT_TONE_GOOD,
  DOSSIER_AUDIT_TONE_WARNING,
  DOSSIER_AUDIT_TONE_BAD,
} DossierAuditTone;

typedef struct _DossierAuditLayout DossierAuditLayout;

/* pdf: the PDF's context; pages are kept until _finish() writes them all. */
DossierAuditLayout *_dossier_audit_layout_new          (cairo_t            *pdf,
                                                        double              page_width,
                                                        double              page_height,
                                                        const char         *running_head,
                                                        const char         *footer);
/* Writes every page with its running head and footer; returns how many there were. */
guint               _dossier_audit_layout_finish       (DossierAuditLayout *self);
void                _dossier_audit_layout_free         (DossierAuditLayout *self);
double              _dossier_audit_layout_get_width    (DossierAuditLayout *self);

void                _dossier_audit_layout_title        (DossierAuditLayout *self,
                                                        const char         *kicker,
                                                        const char         *title,
                                                        const char         *subtitle);
void                _dossier_audit_layout_heading      (DossierAuditLayout *self,
                                                        const char         *text,
                                                        double              keep_with_next);
void                _dossier_audit_layout_subheading   (DossierAuditLayout *self,
                                                        const char         *text,
                                                        double              keep_with_next);
void                _dossier_audit_layout_paragraph    (DossierAuditLayout *self,
                                                        const char         *markup,
                                                        DossierAuditFont    font,
                                                        double              space_after);
void                _dossier_audit_layout_callout      (DossierAuditLayout *self,
                                                        const char         *markup,
                                                        DossierAuditTone    tone);
/* Starts a new page now unless height still fits on this one. */
void                _dossier_audit_layout_keep         (DossierAuditLayout *self,
                                                        double              height);

/* A table: fractions of the text width per column; headers nullable (no header row). */
void                _dossier_audit_layout_table_begin  (DossierAuditLayout *self,
                                                        guint               n_columns,
                                                        const double       *fractions,
                                                        const char * const *headers);
/* fonts nullable: BODY for every cell. */
void                _dossier_audit_layout_table_row    (DossierAuditLayout *self,
                                                        const char * const *cells,
                                                        const DossierAuditFont *fonts);
void                _dossier_audit_layout_table_end    (DossierAuditLayout *self);

/* For blocks laid out elsewhere (dossier-audit-export-figure.c): x and y are relative
 * to the text box's left edge and the current position; advance moves past them. */
double              _dossier_audit_layout_measure      (DossierAuditLayout *self,
                                                        const char         *markup,
                                                        DossierAuditFont    font,
                                                        double              width);
void                _dossier_audit_layout_draw_text    (DossierAuditLayout *self,
                                                        double              x,
                                                        double              y,
                                                        double              width,
                                                        const char         *markup,
                                                        DossierAuditFont    font,
                                                        gboolean            dimmed,
                                                        gboolean            centred);
/* image nullable: a grey box; either way framed. */
void                _dossier_audit_layout_draw_image   (DossierAuditLayout *self,
                                                        cairo_surface_t    *image,
                                                        double              width,
                                                        double              height);
void                _dossier_audit_layout_advance      (DossierAuditLayout *self,
                                                        double              height,
                                                        gboolean            ruled);

/* dossier-audit-export-figure.c: an image (nullable: a placeholder saying placeholder)
 * beside label/value pairs, never split across pages. */
void                _dossier_audit_layout_figure       (DossierAuditLayout *self,
                                                        cairo_surface_t    *image,
                                                        const char         *placeholder,
                                                        const char * const *labels,
                                                        const char * const *values,
                                                        const DossierAuditFont *value_fonts,
                                                        guint               n_pairs);
/* A decoded thumbnail (PNG or JPEG bytes); a JPEG goes into the PDF as it is. */
cairo_surface_t    *_dossier_audit_surface_from_bytes  (GBytes             *bytes);

G_END_DECLS
