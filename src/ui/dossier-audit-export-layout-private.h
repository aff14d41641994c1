/* dossier-audit-export-layout-private.h — what the page writer's files share: the
 * layout's state, its palette and its drawing helpers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <pango/pangocairo.h>

#include "dossier-audit-export-layout.h"

G_BEGIN_DECLS

#define MARGIN_SIDE    54.0
#define MARGIN_TOP     62.0
#define MARGIN_BOTTOM  62.0
#define CELL_PAD_X     5.0
#define CELL_PAD_Y     3.5
#define MAX_COLUMNS    6

typedef struct
{
  double r, g, b;
} DossierAuditRgb;

/* GNOME palette: dark 4, dark 2, light 3, light 2, blue 5, and status colours. */
static const DossierAuditRgb ink = { 0x24 / 255., 0x1f / 255., 0x31 / 255. };
static const DossierAuditRgb dim = { 0x5e / 255., 0x5c / 255., 0x64 / 255. };
static const DossierAuditRgb rule = { 0xc0 / 255., 0xbf / 255., 0xbc / 255. };
static const DossierAuditRgb band = { 0xf6 / 255., 0xf5 / 255., 0xf4 / 255. };
static const DossierAuditRgb head_band = { 0xde / 255., 0xdd / 255., 0xda / 255. };
static const DossierAuditRgb brand = { 0x1a / 255., 0x5f / 255., 0xb4 / 255. };
static const DossierAuditRgb tones[] = {
  { 0x26 / 255., 0xa2 / 255., 0x69 / 255. },
  { 0xe5 / 255., 0xa5 / 255., 0x0a / 255. },
  { 0xc0 / 255., 0x1c / 255., 0x28 / 255. },
};

struct _DossierAuditLayout
{
  cairo_t              *cr;       /* the current page's recording, then the PDF */
  cairo_t              *pdf;
  GPtrArray            *recordings;
  PangoContext         *context;
  PangoFontDescription *fonts[DOSSIER_AUDIT_N_FONTS];
  double                page_width;
  double                page_height;
  double                left;
  double                top;
  double                width;
  double                bottom;   /* y of the text box's lower edge */
  double                y;
  guint                 page;
  guint                 total;
  char                 *running_head;
  char                 *footer;

  /* the open table */
  gboolean              in_table;
  guint                 n_columns;
  double                column_x[MAX_COLUMNS];
  double                column_width[MAX_COLUMNS];
  char                 *headers[MAX_COLUMNS];
  guint                 row;
};

/* dossier-audit-export-layout.c */
void         _dossier_audit_layout_set_rgb      (cairo_t               *cr,
                                                 const DossierAuditRgb *colour);
/* (transfer full): markup laid out in a font, wrapped at width. */
PangoLayout *_dossier_audit_layout_make_text    (DossierAuditLayout    *self,
                                                 const char            *markup,
                                                 DossierAuditFont       font,
                                                 double                 width);
double       _dossier_audit_layout_text_height  (PangoLayout           *layout);
void         _dossier_audit_layout_show_text    (DossierAuditLayout    *self,
                                                 PangoLayout           *layout,
                                                 double                 x,
                                                 double                 y,
                                                 const DossierAuditRgb *colour);
void         _dossier_audit_layout_hline        (DossierAuditLayout    *self,
                                                 double                 x,
                                                 double                 y,
                                                 double                 width,
                                                 double                 thickness,
                                                 const DossierAuditRgb *colour);
/* Starts a new page unless height fits below the current position (or the page is
 * still empty, where nothing better can be done). */
void         _dossier_audit_layout_ensure_space (DossierAuditLayout    *self,
                                                 double                 height);

/* dossier-audit-export-table.c */
/* The open table's header row again, at the top of a new page. */
void         _dossier_audit_layout_table_header (DossierAuditLayout    *self);

G_END_DECLS
