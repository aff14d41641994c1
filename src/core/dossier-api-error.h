/* dossier-api-error.h — errors of DossierApi (CONTRACT.md §2.2, §3, §15.4)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every failed call of DossierApi finishes with an error in DOSSIER_API_ERROR
 * (or G_IO_ERROR_CANCELLED). The code says which sentence the UI shows; the
 * extended error carries what the server said: HTTP status, its `code`, its
 * message, the trace id, the wait of a 429, the access level the endpoint
 * needs and, for validation errors, the field the message names.
 * No error ever contains the API key.
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define DOSSIER_API_ERROR (dossier_api_error_quark ())

typedef enum {
  DOSSIER_API_ERROR_INVALID_KEY = 1,  /* 401, 403: the key is not accepted for this operation */
  DOSSIER_API_ERROR_VALIDATION,       /* 412, 422: the server's message, maybe a field */
  DOSSIER_API_ERROR_NOT_FOUND,        /* 404: the object is gone */
  DOSSIER_API_ERROR_RATE_LIMITED,     /* 429 after the retries: wait dossier_api_error_get_retry_after() */
  DOSSIER_API_ERROR_SERVER,           /* 5xx after the retries */
  DOSSIER_API_ERROR_OFFLINE,          /* connection refused, name not resolved, connection dropped */
  DOSSIER_API_ERROR_TIMEOUT,          /* no answer within the call's deadline */
  DOSSIER_API_ERROR_BAD_RESPONSE,     /* a 2xx that cannot be read */
  DOSSIER_API_ERROR_BAD_REQUEST,      /* any other 4xx (400, 405, 409, 411, 413 …) */
} DossierApiErrorCode;

GQuark      dossier_api_error_quark              (void);

/* Accessors: 0 / NULL when the error is not in DOSSIER_API_ERROR or the value is unknown. */
guint       dossier_api_error_get_status         (const GError *error);
const char *dossier_api_error_get_code           (const GError *error);
const char *dossier_api_error_get_server_message (const GError *error);
const char *dossier_api_error_get_trace_id       (const GError *error);
guint       dossier_api_error_get_retry_after    (const GError *error);
guint       dossier_api_error_get_access_level   (const GError *error);
const char *dossier_api_error_get_field          (const GError *error);

/* The error of an HTTP answer that is not 2xx. content_type, header_trace_id,
 * retry_after (the raw header) and body may be NULL; access_level is the level
 * the endpoint needs (§2.2), 0 when unknown. */
GError     *dossier_api_error_new_from_response  (guint         status,
                                                  const char   *reason_phrase,
                                                  const char   *content_type,
                                                  const char   *header_trace_id,
                                                  const char   *retry_after,
                                                  GBytes       *body,
                                                  guint         access_level);
/* OFFLINE or TIMEOUT from a transport error; G_IO_ERROR_CANCELLED is copied as is. */
GError     *dossier_api_error_new_from_transport (const GError *error);
/* TIMEOUT, BAD_RESPONSE: errors without an HTTP answer to read. */
GError     *dossier_api_error_new_timeout        (void);
GError     *dossier_api_error_new_bad_response   (guint         status,
                                                  const char   *header_trace_id,
                                                  const GError *parse_error);

/* Replaces every occurrence of secret in the error's texts (a server that
 * echoes the key must not put it in front of people). */
void        dossier_api_error_redact             (GError       *error,
                                                  const char   *secret);

/* Retry-After as §15.5 reads it: whole seconds, 1 when absent or unreadable. */
guint       dossier_api_error_parse_retry_after  (const char   *value);
/* The first member a `Validation failed: <path>: <problem>` or
 * `Invalid request body: <path>: …` message names, or NULL. */
char       *dossier_api_error_extract_field      (const char   *message);

G_END_DECLS
