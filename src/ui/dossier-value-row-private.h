/* dossier-value-row-private.h — the row's state, shared by its files, and numbers and
 * dates as people of a locale type them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "dossier-value-row.h"

G_BEGIN_DECLS

struct _DossierValueRow
{
  AdwActionRow     parent_instance;

  char            *key;
  char            *label;
  DossierDataType  data_type;
  char            *data_type_raw;
  char           **values;
  gboolean         required;
  DossierValueSpec spec;

  char            *description;
  char            *message;         /* shown, or NULL */
  char            *server_message;
  gboolean         touched;
  gboolean         forced;
  guint            updating;

  GtkWidget       *entry;           /* text types, DATE, NUMBER, PHONE's number */
  GtkWidget       *code_entry;      /* PHONE */
  GtkWidget       *dropdown;        /* COUNTRY, ENUM */
  GtkWidget       *calendar;        /* DATE */
  GtkWidget       *calendar_button;
  GtkWidget       *suffix;          /* the first widget beside the title */
  GtkWidget       *stretch;         /* the editor that fills the row when stacked */
  gboolean         stacked;         /* the editors under the title, not beside it */
};

/* dossier-value-row.c */
const char *_dossier_value_row_entry_text     (GtkWidget       *entry);
const char *_dossier_value_row_chosen_value   (DossierValueRow *self);
/* The locale's date format as people read it, e.g. DD/MM/YYYY. */
char       *_dossier_value_row_date_pattern   (void);
void        _dossier_value_row_update_message (DossierValueRow *self);
void        _dossier_value_row_edited         (DossierValueRow *self);

/* dossier-value-row-editors.c: the factory, one editor per data type */
void        _dossier_value_row_build_editor   (DossierValueRow *self);

/* dossier-value-row-layout.c: the editors beside the title, or under it when narrow */
void        _dossier_value_row_setup_layout   (DossierValueRow *self);

/* dossier-value-row-parse.c */
/* A number typed with the locale's decimal separator (and the other of '.' and ','
 * as grouping, groups of three digits), or in the C form; FALSE when it is none. */
gboolean  _dossier_value_row_parse_number (const char  *text,
                                           double      *value);
/* The number with the locale's separators. */
char     *_dossier_value_row_format_number (double      value);
/* A date typed as YYYY-MM-DD or in the locale's order of day, month and year (the
 * year with four digits, or two as g_date_time_format (…, "%x") writes it: within
 * eighty years back and twenty ahead), with any of / . - or a space between the parts. */
gboolean  _dossier_value_row_parse_date   (const char  *text,
                                           GDate       *date);
/* The date in the locale's short form, with a four-digit year, e.g. 21/11/1984. */
char     *_dossier_value_row_format_date  (const GDate *date);

G_END_DECLS
