/* fuzz-image-check.c — fuzz target: the image byte checks of src/contract (CONTRACT.md §10)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Bytes → dossier_image_detect_format(), dossier_image_read_size() and
 * dossier_image_is_complete(), which read headers and markers only, never pixels.
 */
#include "fuzz-common.h"

#include "dossier-contract.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  DossierImageFormat format;
  guint width = 0, height = 0;
  gboolean complete;

  if (size > FUZZ_MAX_INPUT)
    return 0;
  fuzz_init_once ();

  format = dossier_image_detect_format (data, size);
  if (format == DOSSIER_IMAGE_FORMAT_UNKNOWN)
    g_assert_null (dossier_image_format_media_type (format));
  else
    g_assert_nonnull (dossier_image_format_media_type (format));

  if (dossier_image_read_size (data, size, &width, &height))
    g_assert_true (format != DOSSIER_IMAGE_FORMAT_UNKNOWN);

  complete = dossier_image_is_complete (data, size);
  if (complete)
    g_assert_true (format != DOSSIER_IMAGE_FORMAT_UNKNOWN);

  /* The same bytes cut short, as an interrupted upload gives them. */
  if (size > 0)
    (void) dossier_image_is_complete (data, size - 1);
  (void) dossier_image_read_size (data, size / 2, &width, &height);
  return 0;
}
