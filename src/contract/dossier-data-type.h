/* dossier-data-type.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The data types of requirements (CONTRACT.md §12.3), the value rules tied to them,
 * the sentence that describes them (§10.3) and the small shared rules of §6.2.
 */

#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

typedef enum {
  DOSSIER_DATA_TYPE_UNKNOWN = 0,
  DOSSIER_DATA_TYPE_STRING,
  DOSSIER_DATA_TYPE_PHONE,
  DOSSIER_DATA_TYPE_DATE,
  DOSSIER_DATA_TYPE_NUMBER,
  DOSSIER_DATA_TYPE_EMAIL,
  DOSSIER_DATA_TYPE_COUNTRY,
  DOSSIER_DATA_TYPE_ENUM,
} DossierDataType;

DossierDataType dossier_data_type_from_string (const char      *name);
const char     *dossier_data_type_to_string   (DossierDataType  type);

typedef struct {
  DossierDataType      type;
  const char * const  *values;       /* ENUM: NULL-terminated allowed values, in order */
  gboolean             has_minimum;  /* NUMBER */
  double               minimum;
  gboolean             has_maximum;
  double               maximum;
} DossierValueSpec;

typedef enum {
  DOSSIER_VALUE_VALID,
  DOSSIER_VALUE_WRONG_TYPE,
  DOSSIER_VALUE_INVALID,
} DossierValueVerdict;

DossierValueVerdict dossier_value_spec_check_json (const DossierValueSpec *spec,
                                                   JsonNode               *node);
DossierValueVerdict dossier_value_spec_check_text (const DossierValueSpec *spec,
                                                   const char             *text);
char               *dossier_value_spec_describe   (const DossierValueSpec *spec);

#define DOSSIER_CONTRACT_MAX_NAME_CHARS    100
#define DOSSIER_CONTRACT_MAX_EMAIL_CHARS   254
#define DOSSIER_CONTRACT_MAX_ADDRESS_CHARS 200
#define DOSSIER_CONTRACT_MAX_STRING_CHARS  255

gboolean dossier_contract_is_blank                     (const char *text);
gboolean dossier_contract_is_valid_email               (const char *text);
gboolean dossier_contract_is_valid_country             (const char *text);
gboolean dossier_contract_is_valid_phone_country_code  (gint64      code);
gboolean dossier_contract_is_valid_phone_number        (gint64      number);
gboolean dossier_contract_json_is_integer              (JsonNode   *node);

/* Additions beyond the shared minimum. */
glong    dossier_contract_count_chars                  (const char *text);
gboolean dossier_contract_is_within_length             (const char *text,
                                                        guint       max_chars);
gboolean dossier_contract_parse_number                 (const char *text,
                                                        double     *value);

G_END_DECLS
