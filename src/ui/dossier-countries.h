/* dossier-countries.h — ISO 3166-1 countries and ISO 3166-2 subdivisions from iso-codes,
 * names in the user's language, and their ITU calling codes (dossier-calling-codes.json)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define DOSSIER_TYPE_COUNTRIES (dossier_countries_get_type ())
G_DECLARE_FINAL_TYPE (DossierCountries, dossier_countries, DOSSIER, COUNTRIES, GObject)

DossierCountries *dossier_countries_get_default          (void);
DossierCountries *dossier_countries_new_from_file        (const char       *iso_codes_json,
                                                          GError          **error);
/* A GtkStringList of the localized names, sorted for the user's language. */
GListModel       *dossier_countries_get_model            (DossierCountries *self);
guint             dossier_countries_get_n_countries      (DossierCountries *self);
const char       *dossier_countries_get_code             (DossierCountries *self,
                                                          guint             position);
const char       *dossier_countries_get_name             (DossierCountries *self,
                                                          guint             position);
/* GTK_INVALID_LIST_POSITION (G_MAXUINT) when the alpha-3 code is not known. */
guint             dossier_countries_find                 (DossierCountries *self,
                                                          const char       *alpha3);
/* The localized name, or NULL when the code is not known. */
const char       *dossier_countries_lookup_name          (DossierCountries *self,
                                                          const char       *alpha3);
/* Starts reading the subdivisions on a worker thread (once), ahead of the first address. */
void              dossier_countries_prefetch             (void);
/* A subdivision's localized name ("ARG-B" or "AR-B" → "Buenos Aires"), or NULL. */
const char       *dossier_countries_lookup_subdivision_name (DossierCountries *self,
                                                             const char       *code);

typedef enum {
  DOSSIER_COUNTRIES_ADDRESS_STREET_LINE1,
  DOSSIER_COUNTRIES_ADDRESS_STREET_LINE2,
  DOSSIER_COUNTRIES_ADDRESS_POSTAL_CODE,
  DOSSIER_COUNTRIES_ADDRESS_CITY,
  DOSSIER_COUNTRIES_ADDRESS_STATE,
  DOSSIER_COUNTRIES_ADDRESS_COUNTRY,
  DOSSIER_COUNTRIES_N_ADDRESS_PARTS,
} DossierCountriesAddressPart;

/* One line: the filled parts joined by ", ", state and country by name. Any thread. */
char             *dossier_countries_format_address       (DossierCountries   *self,
                                                          const char * const  parts[DOSSIER_COUNTRIES_N_ADDRESS_PARTS]);
/* The ITU calling code (e.g. 54 for ARG), 0 when the table has none. */
guint             dossier_countries_get_calling_code     (const char       *alpha3);
const char       *dossier_countries_get_iso_codes_path   (void);
void              dossier_countries_focus_search_on_open (GtkDropDown      *dropdown);

G_END_DECLS
