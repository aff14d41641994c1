/* test-data-uri.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * CONTRACT.md §10.1 image encoding: data URIs, raw base64, and §10.2 check 2.
 */

#include <string.h>

#include "dossier-contract.h"

/* Parses @text; when valid, also decodes it and checks the size matches. */
static gboolean
parse (const char     *text,
       DossierDataUri *uri,
       GBytes        **bytes)
{
  gboolean ok = dossier_data_uri_parse (text, strlen (text), uri);

  if (ok && bytes != NULL)
    {
      *bytes = dossier_data_uri_decode (uri);
      g_assert_cmpuint (g_bytes_get_size (*bytes), ==, uri->decoded_size);
    }
  return ok;
}

static void
assert_raw_decodes (const char *text,
                    const char *expected,
                    gsize       expected_len)
{
  DossierDataUri uri;
  g_autoptr(GBytes) bytes = NULL;

  g_test_message ("valid: \"%s\"", text);
  g_assert_true (parse (text, &uri, &bytes));
  g_assert_false (uri.is_data_uri);
  g_assert_null (uri.media_type);
  g_assert_cmpuint (uri.decoded_size, ==, expected_len);
  g_assert_cmpmem (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), expected, expected_len);
  dossier_data_uri_clear (&uri);
}

static void
assert_invalid (const char *text)
{
  DossierDataUri uri;

  g_test_message ("invalid: \"%s\"", text);
  g_assert_false (parse (text, &uri, NULL));
  dossier_data_uri_clear (&uri);
}

static void
test_base64_padding (void)
{
  assert_raw_decodes ("", "", 0);
  assert_raw_decodes ("TWFu", "Man", 3);
  assert_raw_decodes ("TWE=", "Ma", 2);
  assert_raw_decodes ("TWE", "Ma", 2);
  assert_raw_decodes ("TQ==", "M", 1);
  assert_raw_decodes ("TQ", "M", 1);
  assert_raw_decodes ("TQ=", "M", 1);
  assert_raw_decodes ("TWFuTQ==", "ManM", 4);
  assert_raw_decodes ("+/+/", "\xfb\xff\xbf", 3);
  /* At most two '=', only at the end; the count need not match the remainder. */
  assert_raw_decodes ("TWFu==", "Man", 3);
  assert_raw_decodes ("==", "", 0);
  assert_raw_decodes ("=", "", 0);

  assert_invalid ("TQ===");
  assert_invalid ("TWFu===");
  assert_invalid ("T===");
  assert_invalid ("TQ==TWFu");
  assert_invalid ("TW=u");
  assert_invalid ("=TWFu");
  assert_invalid ("TQ= =x");
}

static void
test_base64_remainder (void)
{
  assert_invalid ("T");
  assert_invalid ("TWFuT");
  assert_invalid ("TWFuT=");
  assert_invalid ("TWFuT==");
  assert_invalid ("T W F u T");
}

static void
test_base64_unused_bits (void)
{
  /* "TR" and "TQ" differ only in the 4 unused low bits. */
  assert_raw_decodes ("TR", "M", 1);
  assert_raw_decodes ("TR==", "M", 1);
  assert_raw_decodes ("TWF", "Ma", 2);
  assert_raw_decodes ("TWH", "Ma", 2);
}

static void
test_base64_whitespace (void)
{
  assert_raw_decodes (" T W\tF\nu\r\n", "Man", 3);
  assert_raw_decodes ("TQ\v=\f=\n", "M", 1);
  assert_raw_decodes ("TQ= =", "M", 1);
  assert_raw_decodes ("\n\n", "", 0);

  /* Only ASCII whitespace: NBSP and other characters are not base64. */
  assert_invalid ("TW\xc2\xa0" "Fu");
  assert_invalid ("TW-Fu");
  assert_invalid ("TW_Fu");
  assert_invalid ("TWFu.");
  assert_invalid ("TW%3D");
}

static void
test_base64_nul_bytes (void)
{
  DossierDataUri uri;
  static const char with_nul[] = "TW\0u";
  static const char data_nul[] = "data:image/png;base64,TW\0u";
  static const char type_nul[] = "data:ima\0ge/png;base64,TWFu";

  g_assert_false (dossier_data_uri_parse (with_nul, sizeof with_nul - 1, &uri));
  dossier_data_uri_clear (&uri);
  g_assert_false (dossier_data_uri_parse (data_nul, sizeof data_nul - 1, &uri));
  dossier_data_uri_clear (&uri);

  /* Only the given length is read. */
  g_assert_true (dossier_data_uri_parse ("TWFuXXX", 4, &uri));
  g_assert_cmpuint (uri.decoded_size, ==, 3);
  dossier_data_uri_clear (&uri);

  /* A NUL in the media type must not break anything. */
  g_assert_true (dossier_data_uri_parse (type_nul, sizeof type_nul - 1, &uri));
  g_assert_nonnull (uri.media_type);
  g_assert_true (g_utf8_validate (uri.media_type, -1, NULL));
  g_assert_false (dossier_media_type_is_supported (uri.media_type));
  dossier_data_uri_clear (&uri);

  g_assert_true (dossier_data_uri_parse (NULL, 0, &uri));
  g_assert_cmpuint (uri.decoded_size, ==, 0);
  dossier_data_uri_clear (&uri);
}

static void
test_data_uri (void)
{
  static const struct {
    const char *text;
    const char *media_type;
    const char *payload;
  } cases[] = {
    { "data:image/png;base64,TWFu", "image/png", "TWFu" },
    { "DATA:image/png;base64,TWFu", "image/png", "TWFu" },
    { "Data:Image/PNG;BASE64,TWFu", "image/png", "TWFu" },
    { "data:image/jpeg;Base64,TWFu", "image/jpeg", "TWFu" },
    { "data:image/png;charset=x;base64,TWFu", "image/png", "TWFu" },
    { "data:image/png;name=a.png;foo=bar;base64,TWFu", "image/png", "TWFu" },
    { "data:;base64,TWFu", "text/plain", "TWFu" },
    { "data:;charset=utf-8;base64,TWFu", "text/plain", "TWFu" },
    { "data:image/gif;base64,TWFu", "image/gif", "TWFu" },
    { "data:image/png;base64,", "image/png", "" },
    { "data:image/png;base64, TW Fu\n", "image/png", " TW Fu\n" },
    { "data:image/png;base64,TWFu,", NULL, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      DossierDataUri uri;
      g_autoptr(GBytes) bytes = NULL;
      gboolean ok;

      g_test_message ("%s", cases[i].text);
      ok = parse (cases[i].text, &uri, &bytes);
      g_assert_true (uri.is_data_uri);
      if (cases[i].payload == NULL)
        {
          g_assert_false (ok);
          dossier_data_uri_clear (&uri);
          continue;
        }

      g_assert_true (ok);
      g_assert_cmpstr (uri.media_type, ==, cases[i].media_type);
      g_assert_cmpuint (uri.payload_len, ==, strlen (cases[i].payload));
      g_assert_cmpmem (uri.payload, uri.payload_len, cases[i].payload, strlen (cases[i].payload));
      if (uri.decoded_size > 0)
        g_assert_cmpmem (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), "Man", 3);
      dossier_data_uri_clear (&uri);
      g_assert_null (uri.media_type);
    }
}

static void
test_data_uri_without_base64 (void)
{
  static const char * const cases[] = {
    "data:image/png,TWFu",
    "data:,TWFu",
    "data:image/png;TWFu",
    "data:image/png;base64TWFu",
    "data:image/png;base64",
    "data:image/png",
    "data:",
    "data:image/png;base64;charset=x,TWFu",
    "data:image/png;base64 ,TWFu",
    "data:image/png; base64,TWFu",
    "data:image/png;xbase64,TWFu",
    "data:image/png;base6,TWFu",
    "data:base64,TWFu",
    "data:image/png;base64,TW!u",
    "data:image/png;base64,T",
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      DossierDataUri uri;

      g_test_message ("%s", cases[i]);
      g_assert_false (parse (cases[i], &uri, NULL));
      g_assert_true (uri.is_data_uri);
      dossier_data_uri_clear (&uri);
    }
}

static void
test_not_data_uri (void)
{
  DossierDataUri uri;

  /* Anything not starting with "data:" is raw base64 in full. */
  g_assert_false (parse ("dat:image/png;base64,TWFu", &uri, NULL));
  g_assert_false (uri.is_data_uri);
  dossier_data_uri_clear (&uri);
  g_assert_false (parse (" data:image/png;base64,TWFu", &uri, NULL));
  g_assert_false (uri.is_data_uri);
  dossier_data_uri_clear (&uri);
  g_assert_true (parse ("data", &uri, NULL));
  g_assert_false (uri.is_data_uri);
  g_assert_cmpuint (uri.decoded_size, ==, 3);
  dossier_data_uri_clear (&uri);
}

static void
test_media_types (void)
{
  g_assert_true (dossier_media_type_is_supported ("image/jpeg"));
  g_assert_true (dossier_media_type_is_supported ("image/jpg"));
  g_assert_true (dossier_media_type_is_supported ("image/png"));
  g_assert_true (dossier_media_type_is_supported ("IMAGE/PNG"));
  g_assert_false (dossier_media_type_is_supported ("image/gif"));
  g_assert_false (dossier_media_type_is_supported ("text/plain"));
  g_assert_false (dossier_media_type_is_supported ("application/pdf"));
  g_assert_false (dossier_media_type_is_supported ("image/png "));
  g_assert_false (dossier_media_type_is_supported (""));
  g_assert_false (dossier_media_type_is_supported (NULL));
}

static void
test_encode_roundtrip (void)
{
  guint8 data[256];

  for (guint i = 0; i < sizeof data; i++)
    data[i] = (guint8) (255 - i);

  for (gsize len = 0; len <= 7; len++)
    {
      g_autofree char *text = dossier_data_uri_encode ("image/png", data, len);
      DossierDataUri uri;
      g_autoptr(GBytes) bytes = NULL;

      g_assert_true (g_str_has_prefix (text, "data:image/png;base64,"));
      g_assert_true (parse (text, &uri, &bytes));
      g_assert_cmpstr (uri.media_type, ==, "image/png");
      g_assert_cmpmem (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), data, len);
      dossier_data_uri_clear (&uri);
    }

  {
    g_autofree char *text = dossier_data_uri_encode ("image/jpeg", data, sizeof data);
    g_autofree char *expected_b64 = g_base64_encode (data, sizeof data);
    g_autofree char *expected = g_strconcat ("data:image/jpeg;base64,", expected_b64, NULL);
    g_autofree char *empty = dossier_data_uri_encode ("image/png", NULL, 0);

    g_assert_cmpstr (text, ==, expected);
    g_assert_cmpstr (empty, ==, "data:image/png;base64,");
  }
}

static void
test_random_roundtrip (void)
{
  for (guint round = 0; round < 200; round++)
    {
      gsize len = g_test_rand_int_range (0, 64);
      g_autofree guint8 *data = g_malloc (MAX (len, 1));
      g_autofree char *b64 = NULL;
      DossierDataUri uri;
      g_autoptr(GBytes) bytes = NULL;

      for (gsize i = 0; i < len; i++)
        data[i] = (guint8) g_test_rand_int_range (0, 256);
      b64 = g_base64_encode (data, len);

      g_assert_true (parse (b64, &uri, &bytes));
      g_assert_cmpmem (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), data, len);
      dossier_data_uri_clear (&uri);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/dossier/contract/data-uri/base64-padding", test_base64_padding);
  g_test_add_func ("/dossier/contract/data-uri/base64-remainder", test_base64_remainder);
  g_test_add_func ("/dossier/contract/data-uri/base64-unused-bits", test_base64_unused_bits);
  g_test_add_func ("/dossier/contract/data-uri/base64-whitespace", test_base64_whitespace);
  g_test_add_func ("/dossier/contract/data-uri/base64-nul-bytes", test_base64_nul_bytes);
  g_test_add_func ("/dossier/contract/data-uri/data-uri", test_data_uri);
  g_test_add_func ("/dossier/contract/data-uri/without-base64", test_data_uri_without_base64);
  g_test_add_func ("/dossier/contract/data-uri/not-data-uri", test_not_data_uri);
  g_test_add_func ("/dossier/contract/data-uri/media-types", test_media_types);
  g_test_add_func ("/dossier/contract/data-uri/encode-roundtrip", test_encode_roundtrip);
  g_test_add_func ("/dossier/contract/data-uri/random-roundtrip", test_random_roundtrip);

  return g_test_run ();
}
