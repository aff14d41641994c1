/* dossier-sandbox-document-check.c — the document checks of CONTRACT.md §10 and §9.3
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Images go through the checks of §10.2 strictly in order: the size limit is
 * read from the base64 length before anything is decoded, the pixel size from
 * the header before any pixel is decoded, and only an image that passed all of
 * that is handed to GdkPixbuf. The pixel decode runs at a reduced size (set in
 * `size-prepared`) for JPEG: the whole stream is still read and validated, but
 * libjpeg then decodes at 1/8 scale, which keeps the largest allowed JPEG
 * (10000×10000) at about 14 MB and 0.15 s. GdkPixbuf always inflates a PNG at
 * full size (a 10000×10000 RGB PNG peaks near 300 MB, RGBA near 400 MB, for
 * 1–4 s): that is the largest image ever decoded, one at a time on the
 * sandbox thread.
 */

#define G_LOG_DOMAIN "dossier-sandbox"

#include <string.h>

#include <gdk-pixbuf/gdk-pixbuf.h>

#include "dossier-sandbox-document-check.h"

/* The reduced decode size: at most 1/8 of each side (libjpeg's smallest scale). */
#define DECODE_SCALE 8

void
dossier_sandbox_image_info_clear (DossierSandboxImageInfo *info)
{
  g_return_if_fail (info != NULL);

  g_clear_pointer (&info->media_type, g_free);
  g_clear_pointer (&info->sha256, g_free);
  memset (info, 0, sizeof *info);
}

typedef struct
{
  guint    width;
  guint    height;
  gboolean scale_down;
  gboolean size_matches;
  gboolean prepared;
} DecodeState;

static void
on_size_prepared (GdkPixbufLoader *loader,
                  int              width,
                  int              height,
                  gpointer         user_data)
{
  DecodeState *state = user_data;

  state->prepared = TRUE;
  state->size_matches = width > 0 && height > 0
                        && (guint) width == state->width
                        && (guint) height == state->height;

  /* Only libjpeg decodes at a reduced scale; the PNG loader would inflate
   * at full size anyway and then spend time scaling down. */
  if (!state->scale_down)
    return;

  gdk_pixbuf_loader_set_size (loader,
                              MAX (1, (width + DECODE_SCALE - 1) / DECODE_SCALE),
                              MAX (1, (height + DECODE_SCALE - 1) / DECODE_SCALE));
}

/* Decodes every pixel of an image whose header said @width × @height.
 * FALSE when the decoder fails or disagrees about the size. */
static gboolean
decode_pixels (DossierImageFormat  format,
               const guint8       *data,
               gsize               len,
               guint               width,
               guint               height)
{
  g_autoptr(GdkPixbufLoader) loader = NULL;
  g_autoptr(GError) error = NULL;
  DecodeState state = { width, height, format == DOSSIER_IMAGE_FORMAT_JPEG, FALSE, FALSE };
  gboolean ok;

  loader = gdk_pixbuf_loader_new_with_type (format == DOSSIER_IMAGE_FORMAT_PNG ? "png" : "jpeg",
                                            &error);
  if (loader == NULL)
    {
      g_warning ("No GdkPixbuf loader for %s: %s",
                 dossier_image_format_media_type (format), error->message);
      return FALSE;
    }

  g_signal_connect (loader, "size-prepared", G_CALLBACK (on_size_prepared), &state);

  ok = gdk_pixbuf_loader_write (loader, data, len, &error);
  /* Always close: a loader finalized unclosed warns. */
  if (!gdk_pixbuf_loader_close (loader, ok ? &error : NULL))
    ok = FALSE;

  return ok
         && state.prepared
         && state.size_matches
         && gdk_pixbuf_loader_get_pixbuf (loader) != NULL;
}

static char *
image_reason (const char *side,
              const char *problem)
{
  return g_strdup_printf ("%s image %s", side, problem);
}

char *
dossier_sandbox_document_check_image (const char              *side,
                                      const char              *value,
                                      gboolean                 required,
                                      DossierSandboxImageInfo *info)
{
  DossierDataUri uri;
  g_autoptr(GBytes) bytes = NULL;
  DossierImageFormat format;
  const guint8 *data;
  gsize len;
  guint width = 0;
  guint height = 0;
  gboolean valid;

  g_return_val_if_fail (side != NULL, NULL);
  g_return_val_if_fail (info != NULL, NULL);

  memset (info, 0, sizeof *info);

  /* 1: present = a non-empty string */
  if (value == NULL || value[0] == '\0')
    return required ? image_reason (side, "is missing") : NULL;

  /* 2 */
  valid = dossier_data_uri_parse (value, strlen (value), &uri);
  if (!valid)
    {
      dossier_data_uri_clear (&uri);
      return image_reason (side, "is not valid base64 data");
    }

  /* 3: only a data URI declares a type; a supported one that disagrees with the bytes is fine */
  if (uri.is_data_uri && !dossier_media_type_is_supported (uri.media_type))
    {
      char *reason = g_strdup_printf ("%s image type %s is not supported; use JPEG or PNG",
                                      side, uri.media_type);

      dossier_data_uri_clear (&uri);
      return reason;
    }

  /* 4: from the payload length, before decoding */
  if (uri.decoded_size > DOSSIER_CONTRACT_MAX_IMAGE_BYTES)
    {
      dossier_data_uri_clear (&uri);
      return image_reason (side, "is larger than 10 MiB");
    }

  bytes = dossier_data_uri_decode (&uri);
  dossier_data_uri_clear (&uri);
  data = g_bytes_get_data (bytes, &len);

  /* 5 */
  format = dossier_image_detect_format (data, len);
  if (format == DOSSIER_IMAGE_FORMAT_UNKNOWN
      || !dossier_image_read_size (data, len, &width, &height))
    return image_reason (side, "could not be decoded");

  /* 6: from the header, before any pixel is decoded */
  if (width > DOSSIER_CONTRACT_MAX_LONG_SIDE || height > DOSSIER_CONTRACT_MAX_LONG_SIDE)
    return g_strdup_printf ("%s image is too large (%ux%u px); "
                            "the longer side must be at most %u px",
                            side, width, height, (guint) DOSSIER_CONTRACT_MAX_LONG_SIDE);

  /* 7 */
  if (!dossier_image_is_complete (data, len)
      || !decode_pixels (format, data, len, width, height))
    return image_reason (side, "could not be decoded");

  /* 8 */
  if (MIN (width, height) < DOSSIER_CONTRACT_MIN_SHORT_SIDE)
    return g_strdup_printf ("%s image is too small (%ux%u px); "
                            "the shorter side must be at least %u px",
                            side, width, height, (guint) DOSSIER_CONTRACT_MIN_SHORT_SIDE);

  info->media_type = g_strdup (dossier_image_format_media_type (format));
  info->width = width;
  info->height = height;
  info->bytes = len;
  info->sha256 = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes);

  return NULL;
}

/* A member of @object as a JSON node, or NULL when absent or null. */
static JsonNode *
get_present_member (JsonObject *object,
                    const char *name)
{
  JsonNode *node;

  if (object == NULL)
    return NULL;

  node = json_object_get_member (object, name);
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return NULL;

  return node;
}

/* The date rules of §10.3 for a valid date: the reason or NULL. */
static char *
check_date_rules (const DossierSandboxMetadataRule *rule,
                  const char                       *text,
                  const GDate                      *date,
                  const GDate                      *today)
{
  if (rule->expiry && g_date_compare (date, today) < 0)
    return g_strdup_printf ("Document expired on %s", text);

  if (rule->max_age_days > 0)
    {
      /* date < today − N days, in 64 bits: N may be far larger than any date */
      if ((guint64) g_date_get_julian (date) + rule->max_age_days
          < (guint64) g_date_get_julian (today))
        return g_strdup_printf ("Document is older than %u days", rule->max_age_days);
      if (g_date_compare (date, today) > 0)
        return g_strdup_printf ("Document date %s is in the future", text);
    }

  return NULL;
}

static gboolean
has_date_rules (const DossierSandboxMetadataRule *rule)
{
  return rule->spec.type == DOSSIER_DATA_TYPE_DATE && (rule->expiry || rule->max_age_days > 0);
}

/* The one reason of §10.3 for one metadata field, or NULL. */
static char *
check_metadata_field (const DossierSandboxMetadataRule *rule,
                      JsonObject                       *metadata,
                      const GDate                      *today)
{
  JsonNode *node = get_present_member (metadata, rule->id);
  const char *text = NULL;
  GDate date;

  if (node != NULL && JSON_NODE_HOLDS_VALUE (node)
      && json_node_get_value_type (node) == G_TYPE_STRING)
    {
      text = json_node_get_string (node);
      if (dossier_contract_is_blank (text))
        node = NULL;
    }

  if (node == NULL)
    return rule->required ? g_strdup_printf ("Metadata %s is required", rule->id) : NULL;

  if (dossier_value_spec_check_json (&rule->spec, node) != DOSSIER_VALUE_VALID)
    {
      g_autofree char *phrase = dossier_value_spec_describe (&rule->spec);

      return g_strdup_printf ("Metadata %s must be %s", rule->id, phrase);
    }

  if (!has_date_rules (rule))
    return NULL;

  g_date_clear (&date, 1);
  if (text == NULL || !dossier_date_parse (text, &date))
    return NULL;

  return check_date_rules (rule, text, &date, today);
}

void
dossier_sandbox_document_check_metadata (const DossierSandboxDocumentRule *rule,
                                         JsonObject                       *metadata,
                                         const GDate                      *today,
                                         GPtrArray                        *reasons)
{
  g_return_if_fail (rule != NULL);
  g_return_if_fail (today != NULL && g_date_valid (today));
  g_return_if_fail (reasons != NULL);

  for (guint i = 0; i < rule->n_metadata; i++)
    {
      char *reason = check_metadata_field (&rule->metadata[i], metadata, today);

      if (reason != NULL)
        g_ptr_array_add (reasons, reason);
    }
}

/* A string member, or NULL when absent, null or not a string (the engine rejected those). */
static const char *
get_string_member (JsonObject *object,
                   const char *name)
{
  JsonNode *node = get_present_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node)
      || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  return json_node_get_string (node);
}

void
dossier_sandbox_document_check (const DossierSandboxDocumentRule *rule,
                                JsonObject                       *document,
                                const GDate                      *today,
                                GPtrArray                        *reasons,
                                DossierSandboxImageInfo          *front,
                                DossierSandboxImageInfo          *back)
{
  DossierSandboxImageInfo front_info;
  DossierSandboxImageInfo back_info;
  JsonNode *metadata_node;
  JsonObject *metadata = NULL;
  guint n_before;
  char *reason;

  g_return_if_fail (rule != NULL);
  g_return_if_fail (document != NULL);
  g_return_if_fail (today != NULL && g_date_valid (today));
  g_return_if_fail (reasons != NULL);
  g_return_if_fail (front != NULL && back != NULL);

  memset (front, 0, sizeof *front);
  memset (back, 0, sizeof *back);
  n_before = reasons->len;

  reason = dossier_sandbox_document_check_image ("Front",
                                                 get_string_member (document, "image_front"),
                                                 rule->require_image, &front_info);
  if (reason != NULL)
    g_ptr_array_add (reasons, reason);

  reason = dossier_sandbox_document_check_image ("Back", get_string_member (document, "image_back"),
                                                 rule->require_back_image, &back_info);
  if (reason != NULL)
    g_ptr_array_add (reasons, reason);

  metadata_node = get_present_member (document, "metadata");
  if (metadata_node != NULL && JSON_NODE_HOLDS_OBJECT (metadata_node))
    metadata = json_node_get_object (metadata_node);

  dossier_sandbox_document_check_metadata (rule, metadata, today, reasons);

  if (reasons->len == n_before)
    {
      *front = front_info;
      *back = back_info;
    }
  else
    {
      dossier_sandbox_image_info_clear (&front_info);
      dossier_sandbox_image_info_clear (&back_info);
    }
}

char *
dossier_sandbox_document_check_dates (const DossierSandboxDocumentRule *rule,
                                      JsonObject                       *metadata,
                                      const GDate                      *today)
{
  g_return_val_if_fail (rule != NULL, NULL);
  g_return_val_if_fail (today != NULL && g_date_valid (today), NULL);

  for (guint i = 0; i < rule->n_metadata; i++)
    {
      const DossierSandboxMetadataRule *field = &rule->metadata[i];
      const char *text;
      GDate date;
      char *reason;

      if (!has_date_rules (field))
        continue;

      text = get_string_member (metadata, field->id);
      g_date_clear (&date, 1);
      if (text == NULL || !dossier_date_parse (text, &date))
        continue;

      reason = check_date_rules (field, text, &date, today);
      if (reason != NULL)
        return reason;
    }

  return NULL;
}
