/* dossier-document-check.h — pre-upload and photo-quality findings about a document image
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define DOSSIER_DOCUMENT_ERROR (dossier_document_error_quark ())

typedef enum {
  DOSSIER_DOCUMENT_ERROR_UNREADABLE = 1,
  DOSSIER_DOCUMENT_ERROR_TOO_SMALL,
  DOSSIER_DOCUMENT_ERROR_TOO_LARGE,
  DOSSIER_DOCUMENT_ERROR_UNSUPPORTED_TYPE,
} DossierDocumentError;

typedef enum {
  DOSSIER_DOCUMENT_CHECK_UNREADABLE,
  DOSSIER_DOCUMENT_CHECK_TOO_SMALL,
  DOSSIER_DOCUMENT_CHECK_TOO_LARGE,
  DOSSIER_DOCUMENT_CHECK_UNSUPPORTED_TYPE,
  DOSSIER_DOCUMENT_CHECK_BACK_SIDE_MISSING,
  DOSSIER_DOCUMENT_CHECK_BLURRED,
  DOSSIER_DOCUMENT_CHECK_GLARE,
} DossierDocumentCheckId;

typedef enum {
  DOSSIER_DOCUMENT_CHECK_BLOCKS,
  DOSSIER_DOCUMENT_CHECK_ADVISES,
} DossierDocumentCheckSeverity;

/* The image formats Dossier recognises from their first bytes. */
typedef enum {
  DOSSIER_DOCUMENT_FORMAT_UNKNOWN,
  DOSSIER_DOCUMENT_FORMAT_JPEG,
  DOSSIER_DOCUMENT_FORMAT_PNG,
  DOSSIER_DOCUMENT_FORMAT_WEBP,
  DOSSIER_DOCUMENT_FORMAT_HEIF,
} DossierDocumentFormat;

typedef struct {
  DossierDocumentCheckId        id;
  DossierDocumentCheckSeverity  severity;
  char                         *message;
} DossierDocumentCheck;

#define DOSSIER_TYPE_DOCUMENT_CHECK (dossier_document_check_get_type ())

GQuark                dossier_document_error_quark         (void);
GType                 dossier_document_check_get_type      (void) G_GNUC_CONST;

DossierDocumentCheck *dossier_document_check_new           (DossierDocumentCheckId        id,
                                                            DossierDocumentCheckSeverity  severity,
                                                            const char                   *message);
DossierDocumentCheck *dossier_document_check_new_for_error (const GError                 *error);
DossierDocumentCheck *dossier_document_check_copy          (const DossierDocumentCheck   *check);
void                  dossier_document_check_free          (DossierDocumentCheck         *check);
const char           *dossier_document_check_id_to_string  (DossierDocumentCheckId        id);

DossierDocumentCheck *dossier_document_check_back_side     (gboolean                      back_required,
                                                            gboolean                      has_back);
DossierDocumentCheck *dossier_document_check_size          (guint                         width,
                                                            guint                         height);
DossierDocumentCheck *dossier_document_check_encoded_size  (gsize                         encoded_size);
DossierDocumentCheck *dossier_document_check_blurred       (void);
DossierDocumentCheck *dossier_document_check_glare         (void);

DossierDocumentFormat dossier_document_check_sniff         (const guint8                 *data,
                                                            gsize                         len,
                                                            guint                        *width,
                                                            guint                        *height,
                                                            GError                      **error);
const char           *dossier_document_format_get_loader   (DossierDocumentFormat         format);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DossierDocumentCheck, dossier_document_check_free)

G_END_DECLS
