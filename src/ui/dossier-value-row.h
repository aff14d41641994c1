/* dossier-value-row.h — one row that edits one value of a requirement, built from its
 * data type (CONTRACT.md §12.3): text, phone, date, number, email, country or a choice
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>
#include <json-glib/json-glib.h>

#include "dossier-client.h"
#include "dossier-contract.h"

G_BEGIN_DECLS

#define DOSSIER_TYPE_VALUE_ROW (dossier_value_row_get_type ())
G_DECLARE_FINAL_TYPE (DossierValueRow, dossier_value_row, DOSSIER, VALUE_ROW, AdwActionRow)

/* key: the field key or metadata id; title: the label shown (NULL: humanised key);
 * subtitle: a description (nullable); data_type_raw: the server's text (for UNKNOWN);
 * values: the ENUM's allowed values (NULL-terminated, nullable). */
GtkWidget       *dossier_value_row_new            (const char          *key,
                                                   const char          *title,
                                                   const char          *subtitle,
                                                   DossierDataType      data_type,
                                                   const char          *data_type_raw,
                                                   const char * const  *values,
                                                   gboolean             required);

const char      *dossier_value_row_get_key        (DossierValueRow     *self);
DossierDataType  dossier_value_row_get_data_type  (DossierValueRow     *self);
gboolean         dossier_value_row_get_required   (DossierValueRow     *self);
/* NUMBER only: the bounds the value must respect (the requirements do not carry them). */
void             dossier_value_row_set_range      (DossierValueRow     *self,
                                                   gboolean             has_minimum,
                                                   double               minimum,
                                                   gboolean             has_maximum,
                                                   double               maximum);

/* (transfer full) (nullable): the value as JSON, NULL when the row is empty or invalid.
 * STRING/EMAIL/UNKNOWN a string, DATE "YYYY-MM-DD", NUMBER a number, COUNTRY an
 * alpha-3 code, ENUM one of its values, PHONE {"country_code": "54", "number": "1168860622"}. */
JsonNode        *dossier_value_row_get_value      (DossierValueRow     *self);
/* Sets the value from JSON in the shape of get_value (numbers and strings are both
 * accepted); NULL clears. Does not mark the row as edited. */
void             dossier_value_row_set_value      (DossierValueRow     *self,
                                                   JsonNode            *value);
/* (transfer full) (nullable): what was typed, as typed (a string; PHONE an object
 * {"country_code", "number"} of texts), for drafts; NULL when the row is empty. */
JsonNode        *dossier_value_row_get_draft      (DossierValueRow     *self);
/* Restores what get_draft gave; the row counts as edited (its message shows). */
void             dossier_value_row_set_draft      (DossierValueRow     *self,
                                                   JsonNode            *draft);
gboolean         dossier_value_row_is_empty       (DossierValueRow     *self);
/* TRUE when the value is valid, or empty and not required. message: (out) (optional)
 * (transfer full): what is wrong, as a sentence, or NULL. */
gboolean         dossier_value_row_check          (DossierValueRow     *self,
                                                   char               **message);
/* Read-only while FALSE (e.g. while a save runs). */
void             dossier_value_row_set_editable   (DossierValueRow     *self,
                                                   gboolean             editable);
/* Shows every message now, even on rows not edited yet. */
void             dossier_value_row_show_message   (DossierValueRow     *self);
/* PHONE: prefills the calling code (e.g. 54) while none was typed; 0 does nothing. */
void             dossier_value_row_set_calling_code (DossierValueRow   *self,
                                                   guint                code);
/* A message from the server (e.g. a 412) shown at the row until the value changes. */
void             dossier_value_row_set_server_message (DossierValueRow *self,
                                                   const char          *message);
/* The message shown under the title, or NULL. */
const char      *dossier_value_row_get_message    (DossierValueRow     *self);
/* The widget that takes the text (for tests and focus). PHONE: the number entry. */
GtkWidget       *dossier_value_row_get_editor     (DossierValueRow     *self);
/* PHONE: the calling code's entry; DATE: the calendar's button (else NULL). */
GtkWidget       *dossier_value_row_get_code_entry (DossierValueRow     *self);
GtkWidget       *dossier_value_row_get_calendar_button (DossierValueRow *self);

/* The one date format of the client's data everywhere (client page, form, what was sent):
 * the locale's short form with a four-digit year; text that is no ISO date comes back as is. */
char            *dossier_value_row_format_iso_date (const char        *iso);
/* The locale's short date format as people read it (e.g. DD/MM/YYYY): every date
 * entry's placeholder. */
char            *dossier_value_row_dup_date_pattern (void);
/* What every date entry says of text that is no date ("Enter a real date as DD/MM/YYYY."). */
char            *dossier_value_row_dup_date_hint  (void);
/* What a date row accepts (ISO, or the locale's short form), as YYYY-MM-DD, or NULL. */
char            *dossier_value_row_parse_date_text (const char        *text);
/* The value the client's record has for a data field key, as people read it, or NULL.
 * DOSSIER_DATA_TYPE_UNKNOWN guesses the type from the value. */
char            *dossier_value_row_format_client_value (DossierClient *client,
                                                   const char          *key,
                                                   DossierDataType      data_type);

G_END_DECLS
