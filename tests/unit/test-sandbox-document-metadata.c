/* test-sandbox-document-metadata.c — the metadata checks of a document (CONTRACT.md §10, §9.3)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Required members, value types, expiry and age of document metadata.
 */

#include "sandbox-document-test-utils.h"

typedef struct
{
  const char *metadata;
  const char *reasons;
} MetadataCase;

static void
test_metadata (void)
{
  static const MetadataCase cases[] = {
    /* the three required fields valid, the optional ones absent */
    { "{\"number\":\"A\",\"issuing_country\":\"ARG\",\"expiration_date\":\"2026-04-15\"}", "" },
    { "null", "Metadata number is required | Metadata issuing_country is required"
              " | Metadata expiration_date is required" },
    { "{\"number\":null,\"issuing_country\":\" \\t\",\"expiration_date\":\"\",\"undeclared\":5}",
      "Metadata number is required | Metadata issuing_country is required"
      " | Metadata expiration_date is required" },
    { "{\"number\":true,\"issuing_country\":\"arg\",\"expiration_date\":\"2026-02-30\"}",
      "Metadata number must be a non-empty text of at most 255 characters"
      " | Metadata issuing_country must be an ISO 3166-1 alpha-3 country code"
      " | Metadata expiration_date must be a date in the form YYYY-MM-DD" },
    { "{\"number\":[\"A\"],\"issuing_country\":3,\"expiration_date\":20260415}",
      "Metadata number must be a non-empty text of at most 255 characters"
      " | Metadata issuing_country must be an ISO 3166-1 alpha-3 country code"
      " | Metadata expiration_date must be a date in the form YYYY-MM-DD" },
    { "{\"number\":\"A\",\"issuing_country\":\"ARG\",\"expiration_date\":\"2026-04-14\","
      "\"issue_date\":\"2026-01-14\",\"kind\":\"lease\",\"amount\":\"5\",\"contact\":\"a@b\"}",
      "Document expired on 2026-04-14 | Document is older than 90 days"
      " | Metadata kind must be one of: utility_bill, bank_statement"
      " | Metadata amount must be a number | Metadata contact must be an email address" },
    { "{\"number\":\"A\",\"issuing_country\":\"ARG\",\"expiration_date\":\"2099-12-31\","
      "\"issue_date\":\"2026-01-15\",\"kind\":\"bank_statement\",\"amount\":0,"
      "\"contact\":\"a@b.c\"}",
      "" },
    { "{\"number\":\"A\",\"issuing_country\":\"ARG\",\"expiration_date\":\"2026-04-15\","
      "\"issue_date\":\"2026-04-16\",\"amount\":-0.5}",
      "Document date 2026-04-16 is in the future | Metadata amount must be a number" },
    /* expiry and max_age_days on one field: one item at most, the first rule that fails */
    { "{\"number\":\"A\",\"issuing_country\":\"ARG\",\"expiration_date\":\"2026-04-15\","
      "\"checked\":\"2025-01-01\"}",
      "Document expired on 2025-01-01" },
    { "{\"number\":\"A\",\"issuing_country\":\"ARG\",\"expiration_date\":\"2026-04-15\","
      "\"checked\":\"2026-05-01\"}",
      "Document date 2026-05-01 is in the future" },
    { "{\"number\":\"A\",\"issuing_country\":\"ARG\",\"expiration_date\":\"2026-04-15\","
      "\"checked\":\"2026-04-15\",\"issue_date\":\"  \",\"kind\":null}",
      "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(JsonNode) node = NULL;
      g_autoptr(GPtrArray) reasons = g_ptr_array_new_with_free_func (g_free);
      g_autoptr(GError) error = NULL;
      g_autofree char *joined = NULL;
      JsonObject *metadata;
      GDate today;

      g_test_message ("case %u: %s", i, cases[i].metadata);
      node = json_from_string (cases[i].metadata, &error);
      g_assert_no_error (error);
      get_today (&today);
      metadata = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      dossier_sandbox_document_check_metadata (&national_id, metadata, &today, reasons);
      g_ptr_array_add (reasons, NULL);
      joined = g_strjoinv (" | ", (char **) reasons->pdata);
      g_assert_cmpstr (joined, ==, cases[i].reasons);
    }
}

static void
test_metadata_string_length (void)
{
  g_autofree char *ok_text = g_strnfill (255, 'x');
  g_autofree char *long_text = g_strnfill (256, 'x');
  g_autofree char *ok_json = g_strdup_printf ("{\"number\":\"%s\"}", ok_text);
  g_autofree char *long_json = g_strdup_printf ("{\"number\":\"%s\"}", long_text);
  /* 255 code points of two bytes each */
  GString *accents = g_string_new ("{\"number\":\"");
  g_autofree char *accent_json = NULL;
  const char *jsons[3];
  const char *expected[] = {
    "", "Metadata number must be a non-empty text of at most 255 characters", "",
  };

  for (guint i = 0; i < 255; i++)
    g_string_append (accents, "é");
  g_string_append (accents, "\"}");
  accent_json = g_string_free (accents, FALSE);
  jsons[0] = ok_json;
  jsons[1] = long_json;
  jsons[2] = accent_json;

  for (guint i = 0; i < G_N_ELEMENTS (jsons); i++)
    {
      g_autoptr(JsonNode) node = json_from_string (jsons[i], NULL);
      g_autoptr(GPtrArray) reasons = g_ptr_array_new_with_free_func (g_free);
      GDate today;

      get_today (&today);
      dossier_sandbox_document_check_metadata (&passport, json_node_get_object (node), &today,
                                               reasons);
      g_assert_cmpuint (reasons->len, ==, expected[i][0] == '\0' ? 0 : 1);
      if (reasons->len == 1)
        g_assert_cmpstr (g_ptr_array_index (reasons, 0), ==, expected[i]);
    }
}

static void
test_dates_recheck (void)
{
  static const struct { const char *metadata; const char *reason; } cases[] = {
    { "{\"expiration_date\":\"2026-04-15\",\"issue_date\":\"2026-01-15\"}", NULL },
    { "{\"expiration_date\":\"2026-04-14\",\"issue_date\":\"2026-01-01\"}",
      "Document expired on 2026-04-14" },
    { "{\"expiration_date\":\"2027-01-01\",\"issue_date\":\"2026-01-14\"}",
      "Document is older than 90 days" },
    { "{\"expiration_date\":\"2027-01-01\",\"issue_date\":\"2026-04-16\"}",
      "Document date 2026-04-16 is in the future" },
    /* absent or invalid values are not date-checked */
    { "{\"expiration_date\":\"not a date\"}", NULL },
    { "{}", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(JsonNode) node = json_from_string (cases[i].metadata, NULL);
      g_autofree char *reason = NULL;
      GDate today;

      get_today (&today);
      reason = dossier_sandbox_document_check_dates (&national_id, json_node_get_object (node),
                                                     &today);
      g_assert_cmpstr (reason, ==, cases[i].reason);
    }

  {
    GDate today;
    g_autofree char *none = NULL;

    get_today (&today);
    none = dossier_sandbox_document_check_dates (&national_id, NULL, &today);
    g_assert_null (none);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/dossier/sandbox/document-check/metadata", test_metadata);
  g_test_add_func ("/dossier/sandbox/document-check/metadata-string-length",
                   test_metadata_string_length);
  g_test_add_func ("/dossier/sandbox/document-check/dates-recheck", test_dates_recheck);

  return g_test_run ();
}
