/* dossier-audit-export.h — one client's dossier as a PDF an auditor can keep, or as JSON
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Both exports read the journal (events, notes, uploads, the chain's verification)
 * on the main thread, then lay out and write the file on a worker thread. The PDF
 * uses the paper size of the user's locale (LC_PAPER), read when the export starts.
 */
#pragma once

#include <gio/gio.h>

#include "dossier-client.h"
#include "dossier-journal.h"
#include "dossier-product-request.h"

G_BEGIN_DECLS

/* The JSON export's "format" member; "version" is DOSSIER_AUDIT_EXPORT_JSON_VERSION. */
#define DOSSIER_AUDIT_EXPORT_JSON_FORMAT  "io.github.dossier_app.Dossier.audit-export"
#define DOSSIER_AUDIT_EXPORT_JSON_VERSION 1

/* requests: (element-type DossierProductRequest) (nullable): the client's requests
 * as last fetched; account_label: who exported (shown in every page's footer). */
void      dossier_audit_export_pdf_async     (DossierJournal         *journal,
                                              DossierClient          *client,
                                              GPtrArray              *requests,
                                              const char             *account_label,
                                              GFile                  *destination,
                                              GCancellable           *cancellable,
                                              GAsyncReadyCallback     callback,
                                              gpointer                user_data);
/* pages: (out) (optional): how many pages were written. */
gboolean  dossier_audit_export_pdf_finish    (GAsyncResult           *result,
                                              guint                  *pages,
                                              GError                **error);
void      dossier_audit_export_json_async    (DossierJournal         *journal,
                                              DossierClient          *client,
                                              GPtrArray              *requests,
                                              const char             *account_label,
                                              GFile                  *destination,
                                              GCancellable           *cancellable,
                                              GAsyncReadyCallback     callback,
                                              gpointer                user_data);
gboolean  dossier_audit_export_json_finish   (GAsyncResult           *result,
                                              GError                **error);

/* "Dossier – Maria Julia Barber – 2026-11-29.pdf": a file name for the chooser. */
char     *dossier_audit_export_suggest_name  (DossierClient          *client,
                                              const char             *extension)
                                              G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
