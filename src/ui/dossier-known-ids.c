/* dossier-known-ids.c — translated labels for the ids Dossier knows
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The ids of the shipped catalogue (CONTRACT.md §12.1): its products, data groups and
 * fields, document groups and types, metadata and ENUM values. A form is never built
 * from this table, only named with it: an id the table does not know keeps the
 * server's text, or failing that its humanised id.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "dossier-contract.h"
#include "dossier-known-ids.h"
#include "dossier-requirements.h"

typedef struct {
  DossierKnownIdKind  kind;
  const char         *id;
  const char         *label;
  const char         *description;
} KnownId;

static const KnownId known_ids[] = {
  /* Products: the catalogue's descriptions, as the product chooser shows them */
  { DOSSIER_KNOWN_ID_PRODUCT, "cards_individuals", N_("Individual Cards"),
    N_("A phone number and a passport") },
  { DOSSIER_KNOWN_ID_PRODUCT, "cards_individuals_premium", N_("Individual Premium Cards"),
    N_("Higher limits: financial profile, an unexpired identity document and a recent proof of address") },
  { DOSSIER_KNOWN_ID_PRODUCT, "virtual_wallets_individuals", N_("Individual Virtual Wallets"),
    N_("Data only: phone, nationality and gender; contact preferences are optional") },

  /* Data groups */
  { DOSSIER_KNOWN_ID_DATA_GROUP, "personal_information", N_("Personal Information"),
    N_("Personal information needed for KYC") },
  { DOSSIER_KNOWN_ID_DATA_GROUP, "financial_profile", N_("Financial Profile"),
    N_("Employment and income information used to set card limits") },
  { DOSSIER_KNOWN_ID_DATA_GROUP, "identity_details", N_("Identity Details"),
    N_("Nationality and gender as shown on the identity document") },
  { DOSSIER_KNOWN_ID_DATA_GROUP, "contact_preferences", N_("Contact Preferences"),
    N_("Optional details that speed up support") },

  /* Data fields */
  { DOSSIER_KNOWN_ID_DATA_FIELD, "phone", N_("Phone Number"), NULL },
  { DOSSIER_KNOWN_ID_DATA_FIELD, "occupation", N_("Occupation"), NULL },
  { DOSSIER_KNOWN_ID_DATA_FIELD, "annual_salary", N_("Annual Salary"),
    N_("Gross yearly income, in US dollars") },
  { DOSSIER_KNOWN_ID_DATA_FIELD, "account_purpose", N_("Account Purpose"), NULL },
  { DOSSIER_KNOWN_ID_DATA_FIELD, "expected_monthly_volume", N_("Expected Monthly Volume"),
    N_("Expected monthly card spending, in US dollars") },
  { DOSSIER_KNOWN_ID_DATA_FIELD, "nationality", N_("Nationality"), NULL },
  { DOSSIER_KNOWN_ID_DATA_FIELD, "gender", N_("Gender"), NULL },
  { DOSSIER_KNOWN_ID_DATA_FIELD, "notification_email", N_("Notification Email"), NULL },
  { DOSSIER_KNOWN_ID_DATA_FIELD, "address_since", N_("At This Address Since"),
    N_("When the client moved to the current address") },

  /* Document groups */
  { DOSSIER_KNOWN_ID_DOCUMENT_GROUP, "identity_document", N_("Identity Document"),
    N_("A valid government-issued identity document") },
  { DOSSIER_KNOWN_ID_DOCUMENT_GROUP, "proof_of_address", N_("Proof of Address"),
    N_("A document issued in the last 90 days that shows the client’s name and address") },

  /* Document types */
  { DOSSIER_KNOWN_ID_DOCUMENT_TYPE, "passport", N_("Passport"), N_("A valid passport") },
  { DOSSIER_KNOWN_ID_DOCUMENT_TYPE, "national_id", N_("National Identity Card"),
    N_("Both sides of a government-issued identity card") },
  { DOSSIER_KNOWN_ID_DOCUMENT_TYPE, "drivers_license", N_("Driver’s License"),
    N_("Both sides of a driver’s license") },
  { DOSSIER_KNOWN_ID_DOCUMENT_TYPE, "proof_of_address", N_("Proof of Address"),
    N_("A utility bill, bank statement, tax statement or lease agreement") },

  /* Metadata */
  { DOSSIER_KNOWN_ID_METADATA, "number", N_("Document Number"), NULL },
  { DOSSIER_KNOWN_ID_METADATA, "issuing_country", N_("Issuing Country"), NULL },
  { DOSSIER_KNOWN_ID_METADATA, "expiration_date", N_("Expiration Date"), NULL },
  { DOSSIER_KNOWN_ID_METADATA, "document_kind", N_("Kind of Document"), NULL },
  { DOSSIER_KNOWN_ID_METADATA, "issue_date", N_("Issue Date"), NULL },

  /* ENUM values (choices in a list: sentence capitalisation) */
  { DOSSIER_KNOWN_ID_ENUM_VALUE, "personal_expenses", N_("Personal expenses"), NULL },
  { DOSSIER_KNOWN_ID_ENUM_VALUE, "online_shopping", N_("Online shopping"), NULL },
  { DOSSIER_KNOWN_ID_ENUM_VALUE, "travel", N_("Travel"), NULL },
  { DOSSIER_KNOWN_ID_ENUM_VALUE, "savings", N_("Savings"), NULL },
  { DOSSIER_KNOWN_ID_ENUM_VALUE, "business_expenses", N_("Business expenses"), NULL },
  { DOSSIER_KNOWN_ID_ENUM_VALUE, "female", N_("Female"), NULL },
  { DOSSIER_KNOWN_ID_ENUM_VALUE, "male", N_("Male"), NULL },
  { DOSSIER_KNOWN_ID_ENUM_VALUE, "non_binary", N_("Non-binary"), NULL },
  { DOSSIER_KNOWN_ID_ENUM_VALUE, "undisclosed", N_("Prefers not to say"), NULL },
  { DOSSIER_KNOWN_ID_ENUM_VALUE, "utility_bill", N_("Utility bill"), NULL },
  { DOSSIER_KNOWN_ID_ENUM_VALUE, "bank_statement", N_("Bank statement"), NULL },
  { DOSSIER_KNOWN_ID_ENUM_VALUE, "tax_statement", N_("Tax statement"), NULL },
  { DOSSIER_KNOWN_ID_ENUM_VALUE, "lease_agreement", N_("Lease agreement"), NULL },
};

static const KnownId *
find (DossierKnownIdKind  kind,
      const char         *id)
{
  if (id == NULL)
    return NULL;

  for (guint i = 0; i < G_N_ELEMENTS (known_ids); i++)
    {
      if (known_ids[i].kind == kind && g_str_equal (known_ids[i].id, id))
        return &known_ids[i];
    }

  return NULL;
}

/**
 * dossier_known_ids_lookup:
 * @kind: what the id names
 * @id: (nullable): the id, as the server sent it
 *
 * Returns: (nullable): the translated name, or %NULL for an id Dossier does not know
 */
const char *
dossier_known_ids_lookup (DossierKnownIdKind  kind,
                          const char         *id)
{
  const KnownId *known = find (kind, id);

  return known != NULL ? _(known->label) : NULL;
}

/**
 * dossier_known_ids_lookup_description:
 * @kind: what the id names
 * @id: (nullable): the id
 *
 * Returns: (nullable): the translated description, or %NULL when the table has none
 */
const char *
dossier_known_ids_lookup_description (DossierKnownIdKind  kind,
                                      const char         *id)
{
  const KnownId *known = find (kind, id);

  return known != NULL && known->description != NULL ? _(known->description) : NULL;
}

/**
 * dossier_known_ids_label:
 * @kind: what the id names
 * @id: (nullable): the id
 * @server_text: (nullable): the name the server sent
 *
 * Returns: (transfer full): the translated name of a known id, else @server_text when it
 *   is not blank, else the humanised id ("" when @id is %NULL too)
 */
char *
dossier_known_ids_label (DossierKnownIdKind  kind,
                         const char         *id,
                         const char         *server_text)
{
  const char *known = dossier_known_ids_lookup (kind, id);

  if (known != NULL)
    return g_strdup (known);
  if (!dossier_contract_is_blank (server_text))
    return g_strdup (server_text);
  if (id == NULL)
    return g_strdup ("");

  return dossier_requirements_humanise_id (id);
}

/**
 * dossier_known_ids_description:
 * @kind: what the id names
 * @id: (nullable): the id
 * @server_text: (nullable): the description the server sent
 *
 * Returns: (transfer full): the translated description of a known id, else @server_text
 *   (or "")
 */
char *
dossier_known_ids_description (DossierKnownIdKind  kind,
                               const char         *id,
                               const char         *server_text)
{
  const char *known = dossier_known_ids_lookup_description (kind, id);

  if (known != NULL)
    return g_strdup (known);

  return g_strdup (server_text != NULL ? server_text : "");
}

/**
 * dossier_known_ids_product_name:
 * @id: (nullable): a product id
 *
 * Returns: (nullable): the translated display name of a known product, or %NULL
 */
const char *
dossier_known_ids_product_name (const char *id)
{
  return dossier_known_ids_lookup (DOSSIER_KNOWN_ID_PRODUCT, id);
}

/**
 * dossier_known_ids_product_label:
 * @id: a product id
 *
 * Returns: (transfer full): the display name of a known product, else the humanised id
 */
char *
dossier_known_ids_product_label (const char *id)
{
  return dossier_known_ids_label (DOSSIER_KNOWN_ID_PRODUCT, id, NULL);
}
