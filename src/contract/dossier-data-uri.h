/* dossier-data-uri.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Document content as sent by clients: a data: URI or raw base64 (CONTRACT.md §10.1).
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct {
  char       *media_type;    /* declared type lower-cased ("text/plain" when empty); NULL for raw base64 */
  gboolean    is_data_uri;
  const char *payload;       /* points into the parsed text: the base64 payload */
  gsize       payload_len;
  gsize       decoded_size;  /* exact number of bytes the payload decodes to */
} DossierDataUri;

gboolean dossier_data_uri_parse          (const char           *text,
                                          gsize                 len,
                                          DossierDataUri       *uri);
void     dossier_data_uri_clear          (DossierDataUri       *uri);
GBytes  *dossier_data_uri_decode         (const DossierDataUri *uri);
char    *dossier_data_uri_encode         (const char           *media_type,
                                          const guint8         *data,
                                          gsize                 len);
gboolean dossier_media_type_is_supported (const char           *media_type);

G_END_DECLS
