/* fuzz-common.h — shared by the libFuzzer targets of tests/fuzz
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each target defines LLVMFuzzerTestOneInput(). It is linked either with
 * -fsanitize=fuzzer (the fuzzer, `-Dfuzzing=true`) or with fuzz-replay.c (a
 * TAP test of the `unit` suite that feeds it every file of its seed corpus).
 */
#pragma once

#include <glib.h>
#include <stdint.h>
#include <stddef.h>
#include <string.h>

/* Inputs above this are refused at once, so one input never takes long;
 * `dev fuzz` also passes -max_len. */
#define FUZZ_MAX_INPUT (1024 * 1024)

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

/* Criticals and warnings from our code are bugs: make them abort, so the
 * fuzzer records the input as a crash. */
static inline void
fuzz_init_once (void)
{
  static gsize done = 0;

  if (g_once_init_enter (&done))
    {
      g_log_set_always_fatal (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
      g_once_init_leave (&done, 1);
    }
}

/* Splits off the first line of the input (without its '\n'); the rest is
 * left in *data / *size. Returns a new string, or NULL when there is no '\n'. */
static inline char *
fuzz_take_line (const uint8_t **data,
                size_t         *size)
{
  const uint8_t *end = memchr (*data, '\n', *size);
  char *line;

  if (end == NULL)
    return NULL;
  line = g_strndup ((const char *) *data, end - *data);
  *size -= (end - *data) + 1;
  *data = end + 1;
  return line;
}
