/* dossier-client-fields.h — the client's create/update fields (CONTRACT.md §6.2) as one
 * table: labels, member paths, values, checks, and the changes between two copies
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "dossier-client.h"

G_BEGIN_DECLS

typedef enum {
  DOSSIER_CLIENT_FIELD_FIRST_NAME,
  DOSSIER_CLIENT_FIELD_SECOND_NAME,
  DOSSIER_CLIENT_FIELD_LAST_NAME,
  DOSSIER_CLIENT_FIELD_BIRTH_DATE,
  DOSSIER_CLIENT_FIELD_COUNTRY,
  DOSSIER_CLIENT_FIELD_STREET_LINE1,
  DOSSIER_CLIENT_FIELD_STREET_LINE2,
  DOSSIER_CLIENT_FIELD_CITY,
  DOSSIER_CLIENT_FIELD_POSTAL_CODE,
  DOSSIER_CLIENT_FIELD_STATE,
  DOSSIER_CLIENT_FIELD_EMAIL,
  DOSSIER_CLIENT_FIELD_PHONE_COUNTRY_CODE,
  DOSSIER_CLIENT_FIELD_PHONE_NUMBER,
  DOSSIER_CLIENT_N_FIELDS,
  DOSSIER_CLIENT_FIELD_NONE = DOSSIER_CLIENT_N_FIELDS,
} DossierClientField;

/* A member whose value differs between two copies of a client. field is NONE for a
 * member Dossier does not model (then path is its name and the values are JSON). */
typedef struct {
  DossierClientField  field;
  char               *path;
  char               *label;
  char               *before;  /* as shown to people; "" when absent */
  char               *after;
} DossierClientChange;

void                dossier_client_change_free        (DossierClientChange *change);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DossierClientChange, dossier_client_change_free)

/* e.g. "first_name", "address.country" */
const char         *dossier_client_field_get_path     (DossierClientField  field);
DossierClientField  dossier_client_field_from_path    (const char         *path);
/* Translated, e.g. "First Name". */
const char         *dossier_client_field_get_label    (DossierClientField  field);
gboolean            dossier_client_field_is_required  (DossierClientField  field);
char               *dossier_client_field_get_value    (DossierClient      *client,
                                                       DossierClientField  field);
void                dossier_client_field_set_value    (DossierClient      *client,
                                                       DossierClientField  field,
                                                       const char         *value);
/* The value as people read it: a country's name, "+54", "Not given". */
char               *dossier_client_field_format_value (DossierClientField  field,
                                                       const char         *value);
/* Any member of a client, modelled or not, by its label, never its JSON key:
 * "updated_at" → "Last Change", "phone" → "Phone", "tax_id" → "Tax id". Any thread. */
char               *dossier_client_field_label_for_member    (const char *path);
/* A member's value as people read it (country and province by name). */
char               *dossier_client_field_format_member_value (const char *path,
                                                              const char *value);
/* What is wrong with values[field], as a sentence, or NULL. values holds every field's
 * text (the phone fields are checked together). A warning does not block sending. */
char               *dossier_client_field_check        (DossierClientField  field,
                                                       const char * const *values,
                                                       gboolean           *is_warning);
/* The text as the API wants it: "+54" → "54", "11 6886-0622" → "1168860622". */
char               *dossier_client_field_normalize    (DossierClientField  field,
                                                       const char         *value);

/* Every member whose value differs, modelled fields first in form order, then the
 * members Dossier does not model. (element-type DossierClientChange) */
GPtrArray          *dossier_client_list_changes       (DossierClient      *before,
                                                       DossierClient      *after);

G_END_DECLS
