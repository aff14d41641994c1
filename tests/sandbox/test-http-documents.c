/* test-http-documents.c — document checks over HTTP (CONTRACT.md §8.7, §9.3, §10)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each rejected_items reason at least once, with real JPEG/PNG images made by
 * GdkPixbuf, plus what an accepted document leaves behind (§13.7).
 */
#include "config.h"

#include <string.h>

#include "dossier-sandbox-fixture.h"

typedef struct
{
  DsFixture   base;
  char       *client_id;
  char       *cards;     /* cards_individuals request */
  char       *premium;   /* cards_individuals_premium request */
} DocFixture;

static void
doc_setup (DocFixture    *f,
           gconstpointer  data)
{
  ds_fixture_setup (&f->base, data);
  f->client_id = ds_create_client (&f->base, "Barber", "docs@example.com", TRUE);
  f->cards = ds_request_product (&f->base, f->client_id, "cards_individuals");
  f->premium = ds_request_product (&f->base, f->client_id, "cards_individuals_premium");
}

static void
doc_teardown (DocFixture    *f,
              gconstpointer  data)
{
  g_free (f->client_id);
  g_free (f->cards);
  g_free (f->premium);
  ds_fixture_teardown (&f->base, data);
}

/* Posts body to the request's documentation endpoint; 200 expected; returns the items. */
static DsResponse *
upload (DocFixture *f,
        const char *request_id,
        const char *body)
{
  g_autofree char *path = ds_products_path (f->client_id, request_id, "documentation");
  DsResponse *r = ds_send (&f->base, "POST", path, DS_KEY, body);

  ds_assert_status (r, 200);
  return r;
}

static JsonArray *
items_of (DsResponse *r)
{
  return json_object_get_array_member (ds_object (r), "rejected_items");
}

/* Asserts exactly the reasons given (NULL-terminated), all for document key. */
static void
assert_reasons (DsResponse *r,
                const char *key,
                ...)
{
  JsonArray *items = items_of (r);
  JsonObject *product = json_object_get_object_member (ds_object (r), "product");
  va_list args;
  guint i = 0;
  const char *reason;

  va_start (args, key);
  while ((reason = va_arg (args, const char *)) != NULL)
    {
      JsonObject *item;

      g_assert_cmpuint (i, <, json_array_get_length (items));
      item = json_array_get_object_element (items, i++);
      g_assert_cmpstr (json_object_get_string_member (item, "type"), ==, "document");
      g_assert_cmpstr (json_object_get_string_member (item, "key"), ==, key);
      g_assert_cmpstr (json_object_get_string_member (item, "reason"), ==, reason);
    }
  va_end (args);
  g_assert_cmpuint (json_array_get_length (items), ==, i);
  if (i > 0)
    {
      JsonObject *missing = json_object_get_object_member (product, "missing_requirements");

      /* nothing stored: the group is still listed */
      g_assert_cmpuint (json_array_get_length (json_object_get_array_member (missing, "documents")), >, 0);
    }
}

static char *
passport (const char *image,
          const char *metadata)
{
  if (image == NULL)
    return g_strdup_printf ("{\"document\": {\"document_type\": \"passport\", \"metadata\": %s}}", metadata);
  return g_strdup_printf ("{\"document\": {\"document_type\": \"passport\", \"image_front\": \"%s\", "
                          "\"metadata\": %s}}", image, metadata);
}

#define NUMBER "{\"number\": \"AB1234567\"}"

static void
test_image_reasons (DocFixture    *f,
                    gconstpointer  data)
{
  g_autoptr(GBytes) jpeg = ds_image_bytes (600, 800, "jpeg");
  g_autofree char *b64 = g_base64_encode (g_bytes_get_data (jpeg, NULL), g_bytes_get_size (jpeg));
  g_autofree char *half = g_base64_encode (g_bytes_get_data (jpeg, NULL), g_bytes_get_size (jpeg) / 2 + 200);
  g_autofree char *text = g_base64_encode ((const guchar *) "hello, this is not an image at all", 34);
  g_autofree char *small = ds_image_data_uri (500, 700, "jpeg");
  struct { const char *image_fmt; const char *payload; const char *reason; } cases[] = {
    { "data:image/jpeg;base64,%s", text, "Front image could not be decoded" },
    { "data:image/jpeg;base64,%s", half, "Front image could not be decoded" },
    { "data:image/jpeg;base64,@@%s", "", "Front image is not valid base64 data" },
    { "data:image/jpeg,%s", b64, "Front image is not valid base64 data" },
    { "data:image/gif;base64,%s", b64, "Front image type image/gif is not supported; use JPEG or PNG" },
    { "%s", small, "Front image is too small (500x700 px); the shorter side must be at least 600 px" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *image = g_strdup_printf (cases[i].image_fmt, cases[i].payload);
      g_autofree char *body = passport (image, NUMBER);
      g_autoptr(DsResponse) r = upload (f, f->cards, body);

      g_test_message ("case %u: %s", i, cases[i].reason);
      assert_reasons (r, "passport", cases[i].reason, NULL);
    }

  /* missing front image and missing metadata: front first, then metadata */
  {
    g_autofree char *body = passport (NULL, "{}");
    g_autoptr(DsResponse) r = upload (f, f->cards, body);

    assert_reasons (r, "passport", "Front image is missing", "Metadata number is required", NULL);
  }
}

static void
test_accepted_formats (DocFixture    *f,
                       gconstpointer  data)
{
  g_autoptr(GBytes) png = ds_image_bytes (700, 600, "png");
  g_autofree char *raw = g_base64_encode (g_bytes_get_data (png, NULL), g_bytes_get_size (png));
  g_autofree char *body = passport (raw, "{\"number\": \"AB1234567\", \"extra\": 1}");
  g_autoptr(DsResponse) r = upload (f, f->cards, body);
  g_autofree char *path = g_strdup_printf ("/_sandbox/requests/%s/documents", f->cards);
  g_autoptr(DsResponse) docs = NULL;
  JsonObject *doc, *front;

  /* raw base64 PNG, with an undeclared metadata id kept */
  assert_reasons (r, "passport", NULL);
  docs = ds_admin (&f->base, "GET", path, NULL);
  ds_assert_status (docs, 200);
  g_assert_cmpuint (json_array_get_length (ds_array (docs)), ==, 1);
  doc = json_array_get_object_element (ds_array (docs), 0);
  g_assert_cmpstr (json_object_get_string_member (doc, "document_type"), ==, "passport");
  g_assert_cmpstr (json_object_get_string_member (doc, "group_id"), ==, "identity_document");
  g_assert_true (json_object_get_null_member (doc, "image_back"));
  front = json_object_get_object_member (doc, "image_front");
  g_assert_cmpstr (json_object_get_string_member (front, "media_type"), ==, "image/png");
  g_assert_cmpint (json_object_get_int_member (front, "width"), ==, 700);
  g_assert_cmpint (json_object_get_int_member (front, "height"), ==, 600);
  g_assert_cmpint (json_object_get_int_member (front, "bytes"), ==, g_bytes_get_size (png));
  g_assert_cmpuint (strlen (json_object_get_string_member (front, "sha256")), ==, 64);
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (doc, "metadata"), "extra"), ==, 1);
}

static char *
premium_doc (const char *type,
             const char *front,
             const char *back,
             const char *metadata)
{
  GString *s = g_string_new (NULL);

  g_string_append_printf (s, "{\"document\": {\"document_type\": \"%s\"", type);
  if (front)
    g_string_append_printf (s, ", \"image_front\": \"%s\"", front);
  if (back)
    g_string_append_printf (s, ", \"image_back\": \"%s\"", back);
  g_string_append_printf (s, ", \"metadata\": %s}}", metadata);
  return g_string_free (s, FALSE);
}

static void
test_metadata_reasons (DocFixture    *f,
                       gconstpointer  data)
{
  g_autofree char *image = ds_image_data_uri (600, 800, "jpeg");
  g_autofree char *yesterday = ds_date_from_today (-1);
  g_autofree char *old = ds_date_from_today (-91);
  g_autofree char *future = ds_date_from_today (2);
  g_autofree char *expired_msg = g_strdup_printf ("Document expired on %s", yesterday);
  g_autofree char *future_msg = g_strdup_printf ("Document date %s is in the future", future);
  g_autofree char *m1 = g_strdup_printf ("{\"number\": \"X1\", \"issuing_country\": \"ARG\", \"expiration_date\": \"%s\"}", yesterday);
  g_autofree char *m2 = g_strdup_printf ("{\"document_kind\": \"utility_bill\", \"issue_date\": \"%s\"}", old);
  g_autofree char *m3 = g_strdup_printf ("{\"document_kind\": \"utility_bill\", \"issue_date\": \"%s\"}", future);
  g_autofree char *b1 = premium_doc ("passport", image, NULL, m1);
  g_autofree char *b2 = premium_doc ("proof_of_address", image, NULL, m2);
  g_autofree char *b3 = premium_doc ("proof_of_address", image, NULL, m3);
  g_autofree char *b4 = premium_doc ("national_id", image, NULL,
                                     "{\"number\": \"\", \"issuing_country\": \"ar\", \"expiration_date\": \"2099-13-01\"}");
  g_autofree char *b5 = premium_doc ("proof_of_address", image, NULL,
                                     "{\"document_kind\": \"selfie\", \"issue_date\": 20240101}");
  g_autoptr(DsResponse) r1 = upload (f, f->premium, b1);
  g_autoptr(DsResponse) r2 = upload (f, f->premium, b2);
  g_autoptr(DsResponse) r3 = upload (f, f->premium, b3);
  g_autoptr(DsResponse) r4 = upload (f, f->premium, b4);
  g_autoptr(DsResponse) r5 = upload (f, f->premium, b5);

  assert_reasons (r1, "passport", expired_msg, NULL);
  assert_reasons (r2, "proof_of_address", "Document is older than 90 days", NULL);
  assert_reasons (r3, "proof_of_address", future_msg, NULL);
  assert_reasons (r4, "national_id", "Back image is missing", "Metadata number is required",
                  "Metadata issuing_country must be an ISO 3166-1 alpha-3 country code",
                  "Metadata expiration_date must be a date in the form YYYY-MM-DD", NULL);
  assert_reasons (r5, "proof_of_address",
                  "Metadata document_kind must be one of: utility_bill, bank_statement, tax_statement, lease_agreement",
                  "Metadata issue_date must be a date in the form YYYY-MM-DD", NULL);
}

/* §9.3: a document that expired since it was accepted is removed at submit. */
static void
test_expired_at_submit (DocFixture    *f,
                        gconstpointer  data)
{
  g_autofree char *image = ds_image_data_uri (600, 800, "jpeg");
  g_autofree char *tomorrow = ds_date_from_today (1);
  g_autofree char *recent = ds_date_from_today (-1);
  g_autofree char *m1 = g_strdup_printf ("{\"number\": \"X1\", \"issuing_country\": \"ARG\", \"expiration_date\": \"%s\"}", tomorrow);
  g_autofree char *m2 = g_strdup_printf ("{\"document_kind\": \"bank_statement\", \"issue_date\": \"%s\"}", recent);
  g_autofree char *b1 = premium_doc ("drivers_license", image, image, m1);
  g_autofree char *b2 = premium_doc ("proof_of_address", image, NULL, m2);
  g_autofree char *expired = g_strdup_printf ("Document expired on %s", tomorrow);
  g_autofree char *submit = ds_products_path (f->client_id, f->premium, "submit");
  g_autoptr(DsResponse) r1 = upload (f, f->premium, b1);
  g_autoptr(DsResponse) r2 = upload (f, f->premium, b2);
  g_autoptr(DsResponse) s = NULL;
  JsonObject *product, *missing;
  JsonArray *items;

  assert_reasons (r1, "drivers_license", NULL);
  assert_reasons (r2, "proof_of_address", NULL);
  ds_advance_clock (&f->base, 3 * 86400);

  s = ds_send (&f->base, "POST", submit, DS_KEY, NULL);
  ds_assert_status (s, 200);
  product = json_object_get_object_member (ds_object (s), "product");
  g_assert_cmpstr (json_object_get_string_member (product, "status"), ==, "pending_documentation");
  missing = json_object_get_object_member (product, "missing_requirements");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (
                     json_object_get_array_member (missing, "documents"), 0), "id"), ==, "identity_document");
  items = items_of (s);
  g_assert_cmpuint (json_array_get_length (items), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (items, 0), "key"), ==,
                   "drivers_license");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (items, 0), "reason"), ==,
                   expired);
}

#define ADD(path, func) \
  g_test_add ("/dossier/sandbox/documents/" path, DocFixture, NULL, doc_setup, func, doc_teardown)

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  ADD ("image-reasons", test_image_reasons);
  ADD ("accepted-formats", test_accepted_formats);
  ADD ("metadata-reasons", test_metadata_reasons);
  ADD ("expired-at-submit", test_expired_at_submit);

  return g_test_run ();
}
