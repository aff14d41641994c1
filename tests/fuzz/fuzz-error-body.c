/* fuzz-error-body.c — fuzz target: an error answer's body (CONTRACT.md §13)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Input: the Content-Type on the first line (no line: none), then the body,
 * fed to dossier_json_read_error().
 */
#include "fuzz-common.h"

#include "dossier-json.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *content_type = NULL;
  g_autofree char *code = NULL;
  g_autofree char *message = NULL;
  g_autofree char *trace_id = NULL;
  gboolean read;

  if (size > FUZZ_MAX_INPUT)
    return 0;
  fuzz_init_once ();

  content_type = fuzz_take_line (&data, &size);
  bytes = g_bytes_new (data, size);
  read = dossier_json_read_error (bytes, content_type, &code, &message, &trace_id);
  if (read)
    g_assert_true (code != NULL || message != NULL);
  else
    {
      g_assert_null (code);
      g_assert_null (message);
      g_assert_null (trace_id);
    }

  /* Without out parameters too. */
  g_assert_true (dossier_json_read_error (bytes, content_type, NULL, NULL, NULL) == read);
  return 0;
}
