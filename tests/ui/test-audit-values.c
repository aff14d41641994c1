/* test-audit-values.c — the PDF export names and shows values as people read them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What a person found in an exported dossier: the client's catalogue fields by raw key
 * and value ("annual_salary 85000.5", "account_purpose travel"), a document's metadata
 * raw ("Kind of Document bank_statement", "Issuing Country ARG") with the label touching
 * the value. A snapshot made by hand is written by the PDF writer and read back with
 * poppler's pdftotext (its text, and with -bbox where each word is). Also the numbers
 * the form's "Saved" row and the summary of what was sent show ("85000.5" read raw).
 */
#include "config.h"

#include <locale.h>
#include <string.h>

#include "dossier-audit-export-private.h"
#include "dossier-client-fields.h"
#include "dossier-ui-test-utils.h"
#include "dossier-value-row.h"

static char *
run_tool (const char * const *argv)
{
  g_autoptr(GError) error = NULL;
  char *out = NULL;
  int status = 0;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
                &out, NULL, &status, &error);
  g_assert_no_error (error);
  g_spawn_check_wait_status (status, &error);
  g_assert_no_error (error);
  return out;
}

/* Text with every white space removed, so a wrapped line still matches. */
static char *
squeeze (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p++)
    if (!g_ascii_isspace (*p))
      g_string_append_c (out, *p);
  return g_string_free (out, FALSE);
}

static void
assert_contains (const char *squeezed,
                 const char *needle)
{
  g_autofree char *want = squeeze (needle);

  if (strstr (squeezed, want) == NULL)
    g_error ("the export does not contain “%s”", needle);
}

static DossierAuditSnapshot *
new_snapshot (void)
{
  DossierAuditSnapshot *s = g_new0 (DossierAuditSnapshot, 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) front = g_bytes_new_static ("jpeg", 4);
  DossierJournalUpload *upload;

  s->client_id = g_strdup ("Cvalues");
  s->client_name = g_strdup ("José Pérez");
  s->client = json_from_string (
      "{\"id\":\"Cvalues\",\"status\":\"active\",\"first_name\":\"José\",\"last_name\":\"Pérez\","
      "\"email\":\"jose.perez@example.org\",\"birth_date\":\"1990-05-17\","
      "\"phone_country_code\":\"54\",\"phone_number\":\"1168860622\","
      "\"address\":{\"street_line1\":\"Florida 9860\",\"city\":\"Del Viso\",\"country\":\"ARG\"},"
      "\"created_at\":\"2026-04-15T10:30:00Z\",\"updated_at\":\"2026-04-16T09:12:00Z\","
      "\"occupation\":\"Contadora\",\"annual_salary\":85000.5,\"account_purpose\":\"travel\","
      "\"expected_monthly_volume\":2000,\"nationality\":\"ARG\",\"gender\":\"undisclosed\","
      "\"work_phone_country_code\":\"54\",\"work_phone_number\":\"1140001234\","
      "\"loyalty_tier\":\"gold_plus\"}", &error);
  g_assert_no_error (error);
  s->requests = g_ptr_array_new_with_free_func ((GDestroyNotify) _dossier_audit_request_free);
  s->events = g_ptr_array_new_with_free_func ((GDestroyNotify) dossier_journal_event_free);
  s->notes = g_ptr_array_new_with_free_func ((GDestroyNotify) dossier_journal_note_free);
  s->uploads = g_ptr_array_new_with_free_func ((GDestroyNotify) dossier_journal_upload_free);

  upload = dossier_journal_upload_new ("Cvalues", "Rvalues", "proof_of_address", "proof_of_address", front, NULL);
  upload->id = 7;
  upload->state = DOSSIER_JOURNAL_UPLOAD_STATE_ACCEPTED;
  upload->metadata = json_from_string ("{\"document_kind\":\"bank_statement\",\"issuing_country\":\"ARG\","
                                       "\"issue_date\":\"2026-11-02\"}", &error);
  g_assert_no_error (error);
  upload->front_sha256 = g_strdup ("5aff0339a1a6056f0eba93351d3b566bb45404f183ce5f2c589ff7328c43d54e");
  g_ptr_array_add (s->uploads, upload);

  s->verify_error = g_strdup ("not verified in this test");
  s->account_label = g_strdup ("Demo sandbox");
  s->exported_at = g_date_time_new_now_local ();
  s->paper_width = 595.28;
  s->paper_height = 841.89;
  s->paper_name = g_strdup ("iso_a4");
  return s;
}

static char *
write_pdf (const char *name)
{
  g_autoptr(DossierAuditSnapshot) snapshot = new_snapshot ();
  g_autofree char *dir = g_test_build_filename (G_TEST_BUILT, "screenshots", NULL);
  char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileOutputStream) stream = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0755), ==, 0);
  stream = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_NONE, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (_dossier_audit_write_pdf (snapshot, G_OUTPUT_STREAM (stream), NULL, &error), >=, 1);
  g_assert_no_error (error);
  g_assert_true (g_output_stream_close (G_OUTPUT_STREAM (stream), NULL, &error));
  g_assert_no_error (error);
  g_test_message ("PDF: %s", path);
  return path;
}

static char *
pdf_text (const char *path)
{
  const char *argv[] = { "pdftotext", "-enc", "UTF-8", path, "-", NULL };
  g_autofree char *text = run_tool (argv);

  return squeeze (text);
}

/* Labels and values of the client table and of the document as sent. */
static void
test_values_read (void)
{
  g_autofree char *path = write_pdf ("audit-values.pdf");
  g_autofree char *flat = pdf_text (path);

  assert_contains (flat, "Annual Salary 85,000.5");
  assert_contains (flat, "Expected Monthly Volume 2,000");
  assert_contains (flat, "Account Purpose Travel");
  assert_contains (flat, "Occupation Contadora");
  assert_contains (flat, "Nationality Argentina (ARG)");
  assert_contains (flat, "Gender Prefers not to say");
  /* A phone field's two members as one phone; an unknown member humanised. */
  assert_contains (flat, "Work phone +54 1140001234");
  assert_contains (flat, "Loyalty tier gold_plus");
  assert_contains (flat, "Date of Birth 1990-05-17");
  /* The document's metadata: a choice by its label, the country by name. */
  assert_contains (flat, "Kind of Document Bank statement");
  assert_contains (flat, "Issuing Country Argentina (ARG)");
  assert_contains (flat, "Issue Date 2026-11-02");
  for (const char * const *raw = (const char * const[]) {
         "annual_salary", "account_purpose", "expected_monthly_volume", "85000.5", "bank_statement",
         "work_phone", "undisclosed", "BirthDate", NULL };
       *raw != NULL; raw++)
    if (strstr (flat, *raw) != NULL)
      g_error ("the export still shows “%s”", *raw);
}

/* The number in the user's locale: Spanish groups by '.' and marks decimals by ','. */
static void
test_values_spanish_numbers (void)
{
  g_autofree char *previous = g_strdup (setlocale (LC_NUMERIC, NULL));
  g_autofree char *path = NULL;
  g_autofree char *flat = NULL;

  if (setlocale (LC_NUMERIC, "es_ES.UTF-8") == NULL)
    {
      g_test_skip ("es_ES.UTF-8 is not installed");
      return;
    }
  path = write_pdf ("audit-values-es.pdf");
  setlocale (LC_NUMERIC, previous);
  flat = pdf_text (path);
  assert_contains (flat, "85.000,5");
  /* Four digits stay together in Spanish. */
  assert_contains (flat, "Expected Monthly Volume 2000");
  g_assert_null (strstr (flat, "85000.5"));
}

typedef struct {
  double x_min, x_max, y_min;
  char  *text;
} Word;

static void
word_free (Word *word)
{
  g_free (word->text);
  g_free (word);
}

/* The words of the page holding needle, from pdftotext -bbox. */
static GPtrArray *
page_words (const char *path,
            const char *needle)
{
  const char *argv[] = { "pdftotext", "-bbox", "-enc", "UTF-8", path, "-", NULL };
  g_autofree char *html = run_tool (argv);
  g_auto(GStrv) pages = g_strsplit (html, "<page ", -1);
  g_autoptr(GRegex) regex = g_regex_new ("<word xMin=\"([0-9.]+)\" yMin=\"([0-9.]+)\" xMax=\"([0-9.]+)\" "
                                         "yMax=\"[0-9.]+\">([^<]*)</word>", 0, 0, NULL);
  g_autofree char *tag = g_strdup_printf (">%s<", needle);

  for (guint i = 0; pages[i] != NULL; i++)
    {
      GPtrArray *words;
      g_autoptr(GMatchInfo) match = NULL;

      if (strstr (pages[i], tag) == NULL)
        continue;
      words = g_ptr_array_new_with_free_func ((GDestroyNotify) word_free);
      g_regex_match (regex, pages[i], 0, &match);
      while (g_match_info_matches (match))
        {
          Word *word = g_new0 (Word, 1);
          g_autofree char *x_min = g_match_info_fetch (match, 1);
          g_autofree char *y_min = g_match_info_fetch (match, 2);
          g_autofree char *x_max = g_match_info_fetch (match, 3);

          word->x_min = g_ascii_strtod (x_min, NULL);
          word->y_min = g_ascii_strtod (y_min, NULL);
          word->x_max = g_ascii_strtod (x_max, NULL);
          word->text = g_match_info_fetch (match, 4);
          g_ptr_array_add (words, word);
          g_match_info_next (match, NULL);
        }
      return words;
    }
  return NULL;
}

/* Between the thumbnail and the values, the labels end well before the values start. */
static void
test_values_gap (void)
{
  g_autofree char *path = write_pdf ("audit-values-gap.pdf");
  g_autoptr(GPtrArray) words = page_words (path, "Bank");
  Word *value = NULL;
  double labels_end = 0;
  guint n_labels = 0;

  g_assert_nonnull (words);
  for (guint i = 0; i < words->len; i++)
    if (g_str_equal (((Word *) words->pdata[i])->text, "Bank"))
      value = words->pdata[i];
  g_assert_nonnull (value);

  /* The label column: words after the thumbnail (about 160 pt in) left of the values,
   * from two rows above "Kind of Document" (not the paragraph above the figure). */
  for (guint i = 0; i < words->len; i++)
    {
      Word *word = words->pdata[i];

      if (word->x_min > 160 && word->x_max < value->x_min &&
          word->y_min > value->y_min - 30 && word->y_min < value->y_min + 100)
        {
          labels_end = MAX (labels_end, word->x_max);
          n_labels++;
        }
    }
  g_test_message ("%u label words end at %.1f pt, values start at %.1f pt", n_labels, labels_end,
                  value->x_min);
  g_assert_cmpuint (n_labels, >=, 4);
  g_assert_cmpfloat (value->x_min - labels_end, >=, 10.0);

  /* A SHA-256 still fits on one line beside them. */
  for (guint i = 0; i < words->len; i++)
    if (g_str_has_prefix (((Word *) words->pdata[i])->text, "5aff0339"))
      g_assert_cmpuint (strlen (((Word *) words->pdata[i])->text), ==, 64);
}

static char *
saved_value (DossierClient *client,
             const char    *key)
{
  return dossier_value_row_format_client_value (client, key, DOSSIER_DATA_TYPE_NUMBER);
}

/* What the form's "Saved" row and the summary of what was sent show for numbers on the
 * client's record: the locale's grouping and decimal mark, no digit lost; and the one
 * label of the birth date. */
static void
test_saved_values (void)
{
  g_autoptr(JsonNode) node = json_from_string (
      "{\"id\":\"Csaved\",\"first_name\":\"José\",\"last_name\":\"Pérez\",\"email\":\"j@example.org\","
      "\"annual_salary\":85000.5,\"expected_monthly_volume\":2000,\"tiny\":0.30000000000000004,"
      "\"big\":1234567.891,\"small\":950}", NULL);
  g_autoptr(DossierClient) client = dossier_client_new_from_json (node, NULL);
  g_autofree char *previous = g_strdup (setlocale (LC_NUMERIC, NULL));
  g_autofree char *member_label = dossier_client_field_label_for_member ("birth_date");
  char *text;

  g_assert_nonnull (client);
  /* English (the C locale reads as the app's English). */
  text = saved_value (client, "annual_salary");
  g_assert_cmpstr (text, ==, "85,000.5");
  g_free (text);
  text = saved_value (client, "expected_monthly_volume");
  g_assert_cmpstr (text, ==, "2,000");
  g_free (text);
  text = saved_value (client, "tiny");
  g_assert_cmpstr (text, ==, "0.30000000000000004");
  g_free (text);
  text = saved_value (client, "big");
  g_assert_cmpstr (text, ==, "1,234,567.891");
  g_free (text);
  text = saved_value (client, "small");
  g_assert_cmpstr (text, ==, "950");
  g_free (text);

  if (setlocale (LC_NUMERIC, "es_ES.UTF-8") != NULL)
    {
      text = saved_value (client, "annual_salary");
      g_assert_cmpstr (text, ==, "85.000,5");
      g_free (text);
      text = saved_value (client, "expected_monthly_volume");
      g_assert_cmpstr (text, ==, "2000");
      g_free (text);
      text = saved_value (client, "big");
      g_assert_cmpstr (text, ==, "1.234.567,891");
      g_free (text);
      setlocale (LC_NUMERIC, previous);
    }

  g_assert_cmpstr (dossier_client_field_get_label (DOSSIER_CLIENT_FIELD_BIRTH_DATE), ==, "Date of Birth");
  g_assert_cmpstr (member_label, ==, "Date of Birth");
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);

  g_test_add_func ("/dossier/ui/audit-values/read", test_values_read);
  g_test_add_func ("/dossier/ui/audit-values/spanish-numbers", test_values_spanish_numbers);
  g_test_add_func ("/dossier/ui/audit-values/gap", test_values_gap);
  g_test_add_func ("/dossier/ui/audit-values/saved-values", test_saved_values);

  return g_test_run ();
}
