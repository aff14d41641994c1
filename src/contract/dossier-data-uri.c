/* dossier-data-uri.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Document content as sent by clients: a data: URI or raw base64 (CONTRACT.md §10.1).
 */

#define G_LOG_DOMAIN "dossier-contract"

#include <string.h>

#include "dossier-data-uri.h"

#define NOT_BASE64 0xff
#define SKIP       0xfe
#define PAD        0xfd

static inline gboolean
is_contract_space (guchar c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r';
}

/* The 6-bit value of a base64 character, or one of NOT_BASE64, SKIP, PAD. */
static inline guint8
base64_class (guchar c)
{
  if (c >= 'A' && c <= 'Z')
    return c - 'A';
  if (c >= 'a' && c <= 'z')
    return c - 'a' + 26;
  if (c >= '0' && c <= '9')
    return c - '0' + 52;
  if (c == '+')
    return 62;
  if (c == '/')
    return 63;
  if (c == '=')
    return PAD;
  if (is_contract_space (c))
    return SKIP;
  return NOT_BASE64;
}

/* Validates a payload by the rules of §10.1 and computes the decoded size. */
static gboolean
check_base64 (const char *payload,
              gsize       len,
              gsize      *decoded_size)
{
  gsize n_chars = 0;
  guint n_pad = 0;

  for (gsize i = 0; i < len; i++)
    {
      guint8 v = base64_class ((guchar) payload[i]);

      if (v == SKIP)
        continue;
      if (v == NOT_BASE64)
        return FALSE;
      if (v == PAD)
        {
          if (++n_pad > 2)
            return FALSE;
          continue;
        }
      /* A character of the alphabet after an '=': the '=' was not at the end. */
      if (n_pad > 0)
        return FALSE;
      n_chars++;
    }

  if (n_chars % 4 == 1)
    return FALSE;

  *decoded_size = (n_chars / 4) * 3 + (n_chars % 4 == 0 ? 0 : n_chars % 4 - 1);
  return TRUE;
}

static gboolean
has_prefix_ascii_nocase (const char *text,
                         gsize       len,
                         const char *prefix)
{
  gsize plen = strlen (prefix);

  return len >= plen && g_ascii_strncasecmp (text, prefix, plen) == 0;
}

/**
 * dossier_data_uri_parse:
 * @text: the image value (need not be nul-terminated; may hold any bytes)
 * @len: the length of @text in bytes
 * @uri: (out caller-allocates): the result, to be cleared with dossier_data_uri_clear()
 *
 * Splits an image value as §10.1 says. A value that starts with `data:` (any case) is a data
 * URI: its media type runs up to the first `;` or `,` and is lower-cased (empty means
 * `text/plain`); the parameters after it are ignored but the last one, just before the first
 * `,`, must be `base64` (any case). Any other value is raw base64 in full. The payload must be
 * standard base64: ASCII whitespace anywhere is ignored, at most two `=` and only at the end,
 * and the number of alphabet characters must not leave a remainder of 1 when divided by 4.
 *
 * @uri is always initialised, also when %FALSE is returned (then `media_type` may be set, for a
 * data URI whose payload is not valid).
 *
 * Returns: %FALSE when the value is "not valid base64 data" (§10.2 check 2)
 */
gboolean
dossier_data_uri_parse (const char     *text,
                        gsize           len,
                        DossierDataUri *uri)
{
  const char *payload = text;
  gsize payload_len = len;

  g_return_val_if_fail (text != NULL || len == 0, FALSE);
  g_return_val_if_fail (uri != NULL, FALSE);

  memset (uri, 0, sizeof *uri);

  if (text == NULL)
    text = payload = "";

  if (has_prefix_ascii_nocase (text, len, "data:"))
    {
      const char *start = text + 5;
      const char *end = text + len;
      const char *type_end = start;
      const char *comma;
      const char *last_param;

      uri->is_data_uri = TRUE;

      while (type_end < end && *type_end != ';' && *type_end != ',')
        type_end++;

      if (type_end == start)
        {
          uri->media_type = g_strdup ("text/plain");
        }
      else
        {
          g_autofree char *lower = g_ascii_strdown (start, type_end - start);

          /* Embedded NULs end the type; other invalid bytes are made printable. */
          uri->media_type = g_utf8_make_valid (lower, -1);
        }

      comma = memchr (type_end, ',', end - type_end);
      if (comma == NULL)
        return FALSE;

      /* The parameter just before the comma must be ";base64". */
      last_param = comma;
      while (last_param > type_end && last_param[-1] != ';')
        last_param--;
      if (last_param == type_end
          || (gsize) (comma - last_param) != strlen ("base64")
          || g_ascii_strncasecmp (last_param, "base64", strlen ("base64")) != 0)
        return FALSE;

      payload = comma + 1;
      payload_len = end - payload;
    }

  uri->payload = payload;
  uri->payload_len = payload_len;

  return check_base64 (payload, payload_len, &uri->decoded_size);
}

/**
 * dossier_data_uri_clear:
 * @uri: a parsed value
 *
 * Frees what dossier_data_uri_parse() allocated and zeroes @uri.
 */
void
dossier_data_uri_clear (DossierDataUri *uri)
{
  g_return_if_fail (uri != NULL);

  g_free (uri->media_type);
  memset (uri, 0, sizeof *uri);
}

/**
 * dossier_data_uri_decode:
 * @uri: a value for which dossier_data_uri_parse() returned %TRUE
 *
 * Decodes the payload; unused low bits of the last character are ignored.
 *
 * Returns: (transfer full): exactly `uri->decoded_size` bytes
 */
GBytes *
dossier_data_uri_decode (const DossierDataUri *uri)
{
  guint8 *out;
  gsize o = 0;
  guint32 acc = 0;
  guint n_acc = 0;

  g_return_val_if_fail (uri != NULL, NULL);
  g_return_val_if_fail (uri->payload != NULL || uri->payload_len == 0, NULL);

  out = g_malloc (MAX (uri->decoded_size, 1));

  for (gsize i = 0; i < uri->payload_len; i++)
    {
      guint8 v = base64_class ((guchar) uri->payload[i]);

      if (v >= 64)
        continue;

      acc = (acc << 6) | v;
      if (++n_acc == 4)
        {
          if (o + 3 > uri->decoded_size)
            break;
          out[o++] = (acc >> 16) & 0xff;
          out[o++] = (acc >> 8) & 0xff;
          out[o++] = acc & 0xff;
          acc = 0;
          n_acc = 0;
        }
    }

  if (n_acc == 2 && o + 1 <= uri->decoded_size)
    {
      out[o++] = (acc >> 4) & 0xff;
    }
  else if (n_acc == 3 && o + 2 <= uri->decoded_size)
    {
      out[o++] = (acc >> 10) & 0xff;
      out[o++] = (acc >> 2) & 0xff;
    }

  g_warn_if_fail (o == uri->decoded_size);

  return g_bytes_new_take (out, o);
}

/**
 * dossier_data_uri_encode:
 * @media_type: the media type, such as `image/jpeg`
 * @data: (array length=len) (nullable): the bytes
 * @len: the number of bytes
 *
 * Returns: (transfer full): `data:<media_type>;base64,<standard base64 with padding>`
 */
char *
dossier_data_uri_encode (const char   *media_type,
                         const guint8 *data,
                         gsize         len)
{
  g_autofree char *b64 = NULL;

  g_return_val_if_fail (media_type != NULL, NULL);
  g_return_val_if_fail (data != NULL || len == 0, NULL);

  b64 = len > 0 ? g_base64_encode (data, len) : g_strdup ("");

  return g_strconcat ("data:", media_type, ";base64,", b64, NULL);
}

/**
 * dossier_media_type_is_supported:
 * @media_type: (nullable): a media type
 *
 * Returns: %TRUE for `image/jpeg`, `image/jpg` and `image/png` (ASCII case-insensitive)
 */
gboolean
dossier_media_type_is_supported (const char *media_type)
{
  if (media_type == NULL)
    return FALSE;

  return g_ascii_strcasecmp (media_type, "image/jpeg") == 0
         || g_ascii_strcasecmp (media_type, "image/jpg") == 0
         || g_ascii_strcasecmp (media_type, "image/png") == 0;
}
