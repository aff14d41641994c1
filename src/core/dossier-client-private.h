/* dossier-client-private.h — the DossierClient struct, shared by its two source files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "dossier-client.h"

G_BEGIN_DECLS

/* String fields, in the order of their properties; never NULL ("" when absent). */
typedef enum {
  DOSSIER_CLIENT_FIELD_STATUS,
  DOSSIER_CLIENT_FIELD_FIRST_NAME,
  DOSSIER_CLIENT_FIELD_SECOND_NAME,
  DOSSIER_CLIENT_FIELD_LAST_NAME,
  DOSSIER_CLIENT_FIELD_EMAIL,
  DOSSIER_CLIENT_FIELD_BIRTH_DATE,
  DOSSIER_CLIENT_FIELD_STREET_LINE1,
  DOSSIER_CLIENT_FIELD_STREET_LINE2,
  DOSSIER_CLIENT_FIELD_CITY,
  DOSSIER_CLIENT_FIELD_POSTAL_CODE,
  DOSSIER_CLIENT_FIELD_STATE,
  DOSSIER_CLIENT_FIELD_COUNTRY,
  DOSSIER_CLIENT_FIELD_PHONE_COUNTRY_CODE,
  DOSSIER_CLIENT_FIELD_PHONE_NUMBER,
  DOSSIER_CLIENT_N_FIELDS
} DossierClientField;

struct _DossierClient
{
  GObject     parent_instance;

  char       *id;
  char       *fields[DOSSIER_CLIENT_N_FIELDS];
  GDateTime  *created_at;
  char       *created_at_raw;
  GDateTime  *updated_at;
  char       *updated_at_raw;
  char       *search_key;

  /* A hash of every value above and below (see _dossier_client_get_fingerprint()), computed
   * on the worker that read the client and cleared by every change; 0 when not known. */
  guint64     fingerprint;

  /* Every other non-null top-level member (catalogue data fields, `type`, unknown ones)
   * and every other non-null member of `address` (state_code, country_code, unknown),
   * owned deep copies in the order received. */
  JsonObject *extra;
  JsonObject *address_extra;
};

/* Member name of each field (address members without the `address.` prefix). */
extern const char * const dossier_client_field_members[DOSSIER_CLIENT_N_FIELDS];

gboolean dossier_client_field_is_address    (DossierClientField  field);
gboolean dossier_client_set_field           (DossierClient      *self,
                                             DossierClientField  field,
                                             const char         *value);
gboolean dossier_client_set_id              (DossierClient      *self,
                                             const char         *id);
gboolean dossier_client_set_timestamps      (DossierClient      *self,
                                             const char         *created_at,
                                             const char         *updated_at);
gboolean dossier_client_replace_extra       (DossierClient      *self,
                                             JsonObject         *extra,
                                             JsonObject         *address_extra);
void     dossier_client_notify_extra        (DossierClient      *self);
void     dossier_client_refresh_search_key  (DossierClient      *self);
char    *dossier_client_phone_from_node     (JsonNode           *node);

/* dossier-client-json.c, shared with dossier-client-members.c */
gboolean    dossier_client_field_is_phone   (DossierClientField  field);
gboolean    dossier_client_lookup_field     (const char         *name,
                                             gboolean            address,
                                             DossierClientField *field);
gboolean    dossier_client_phone_to_int64   (const char         *text,
                                             gint64             *value);
char       *dossier_client_field_from_node  (DossierClientField  field,
                                             JsonNode           *node);
void        dossier_client_read_address     (JsonObject         *address,
                                             char               *values[DOSSIER_CLIENT_N_FIELDS],
                                             JsonObject         *extra);
JsonObject *dossier_client_build_address    (DossierClient      *self);

/* dossier-client-update.c */
void     dossier_client_forget_fingerprint  (DossierClient      *self);
guint64  _dossier_client_get_fingerprint    (DossierClient      *self);

G_END_DECLS
