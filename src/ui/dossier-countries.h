/* dossier-countries.h — ISO 3166-1 countries from iso-codes, names in the user's language,
 * and their ITU calling codes (dossier-calling-codes.json)
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
/* The ITU calling code (e.g. 54 for ARG), 0 when the table has none. */
guint             dossier_countries_get_calling_code     (const char       *alpha3);
const char       *dossier_countries_get_iso_codes_path   (void);
void              dossier_countries_focus_search_on_open (GtkDropDown      *dropdown);

G_END_DECLS
