/* fuzz-data-uri.c — fuzz target: data URIs and raw base64 (CONTRACT.md §10.1)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Bytes → dossier_data_uri_parse(); when it accepts, dossier_data_uri_decode()
 * must give exactly decoded_size bytes, and encoding them again must parse
 * and decode to the same bytes.
 */
#include "fuzz-common.h"

#include "dossier-contract.h"

static void
check_accepted (const DossierDataUri *uri,
                const uint8_t        *data,
                size_t                size)
{
  g_autoptr(GBytes) decoded = NULL;
  g_autofree char *encoded = NULL;
  g_autoptr(GBytes) again = NULL;
  DossierDataUri reparsed = { 0 };

  g_assert_true (uri->payload_len == 0 || uri->payload != NULL);
  g_assert_true (uri->payload == NULL
                 || (uri->payload >= (const char *) data
                     && uri->payload + uri->payload_len <= (const char *) data + size));
  if (uri->media_type != NULL)
    (void) dossier_media_type_is_supported (uri->media_type);

  decoded = dossier_data_uri_decode (uri);
  g_assert_nonnull (decoded);
  g_assert_cmpuint (g_bytes_get_size (decoded), ==, uri->decoded_size);

  encoded = dossier_data_uri_encode (uri->media_type != NULL ? uri->media_type : "image/jpeg",
                                     g_bytes_get_data (decoded, NULL),
                                     g_bytes_get_size (decoded));
  g_assert_true (dossier_data_uri_parse (encoded, strlen (encoded), &reparsed));
  again = dossier_data_uri_decode (&reparsed);
  dossier_data_uri_clear (&reparsed);
  g_assert_true (g_bytes_equal (decoded, again));
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  DossierDataUri uri = { 0 };

  if (size > FUZZ_MAX_INPUT)
    return 0;
  fuzz_init_once ();

  /* @uri is to be cleared whatever parse() returns. */
  if (dossier_data_uri_parse ((const char *) data, size, &uri))
    check_accepted (&uri, data, size);
  dossier_data_uri_clear (&uri);
  return 0;
}

