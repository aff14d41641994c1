/* dossier-api-error.c — errors of DossierApi (CONTRACT.md §2.2, §3, §15.4)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>
#include <libsoup/soup.h>

#include "dossier-api-error.h"
#include "dossier-json.h"

typedef struct
{
  guint  status;
  char  *code;
  char  *server_message;
  char  *trace_id;
  guint  retry_after;
  guint  access_level;
  char  *field;
} DossierApiErrorPrivate;

static void
dossier_api_error_private_init (DossierApiErrorPrivate *priv)
{
}

static void
dossier_api_error_private_copy (const DossierApiErrorPrivate *src,
                                DossierApiErrorPrivate       *dest)
{
  dest->status = src->status;
  dest->code = g_strdup (src->code);
  dest->server_message = g_strdup (src->server_message);
  dest->trace_id = g_strdup (src->trace_id);
  dest->retry_after = src->retry_after;
  dest->access_level = src->access_level;
  dest->field = g_strdup (src->field);
}

static void
dossier_api_error_private_clear (DossierApiErrorPrivate *priv)
{
  g_clear_pointer (&priv->code, g_free);
  g_clear_pointer (&priv->server_message, g_free);
  g_clear_pointer (&priv->trace_id, g_free);
  g_clear_pointer (&priv->field, g_free);
}

G_DEFINE_EXTENDED_ERROR (DossierApiError, dossier_api_error)

#define GETTER(type, name, member, none)                            \
  type                                                              \
  dossier_api_error_get_##name (const GError *error)               \
  {                                                                 \
    DossierApiErrorPrivate *priv;                                   \
                                                                    \
    if (error == NULL || error->domain != DOSSIER_API_ERROR)        \
      return none;                                                  \
    priv = dossier_api_error_get_private (error);                   \
    return priv != NULL ? priv->member : none;                      \
  }

GETTER (guint, status, status, 0)
GETTER (const char *, code, code, NULL)
GETTER (const char *, server_message, server_message, NULL)
GETTER (const char *, trace_id, trace_id, NULL)
GETTER (guint, retry_after, retry_after, 0)
GETTER (guint, access_level, access_level, 0)
GETTER (const char *, field, field, NULL)

#undef GETTER

guint
dossier_api_error_parse_retry_after (const char *value)
{
  guint64 seconds = 0;
  g_autofree char *stripped = NULL;

  if (value == NULL)
    return 1;

  stripped = g_strstrip (g_strdup (value));
  if (!g_ascii_string_to_unsigned (stripped, 10, 0, 24 * 3600, &seconds, NULL) || seconds == 0)
    return 1;

  return (guint) seconds;
}

char *
dossier_api_error_extract_field (const char *message)
{
  static const char * const prefixes[] = { "Validation failed: ", "Invalid request body: " };
  const char *start = NULL;
  const char *end;

  if (message == NULL)
    return NULL;

  for (guint i = 0; i < G_N_ELEMENTS (prefixes) && start == NULL; i++)
    if (g_str_has_prefix (message, prefixes[i]))
      start = message + strlen (prefixes[i]);

  if (start == NULL)
    return NULL;

  for (end = start; *end != '\0' && *end != ':'; end++)
    {
      if (!g_ascii_isalnum (*end) && *end != '_' && *end != '.' && *end != '[' && *end != ']')
        return NULL;
    }

  if (*end != ':' || end == start)
    return NULL;

  return g_strndup (start, end - start);
}

/* The email a DUPLICATE_CLIENT message names ("… a client with email X already exists"). */
static char *
duplicate_email (const char *message)
{
  const char *start = message != NULL ? strstr (message, "with email ") : NULL;
  const char *end;

  if (start == NULL)
    return NULL;
  start += strlen ("with email ");
  end = strstr (start, " already exists");
  if (end == NULL || end == start || memchr (start, ' ', end - start) != NULL)
    return NULL;
  return g_strndup (start, end - start);
}

/* A sentence of ours for a `code` the contract lists (§3.2), or NULL to keep the
 * generic one of the HTTP status. The server's text stays the error's server message.
 * *field is set when the code names a field of the client. */
static char *
sentence_for_code (const char  *code,
                   const char  *message,
                   const char **field)
{
  if (code == NULL)
    return NULL;

  if (g_str_equal (code, "DUPLICATE_CLIENT"))
    {
      g_autofree char *email = duplicate_email (message);

      *field = "email";
      if (email != NULL)
        /* Translators: %s is an email address */
        return g_strdup_printf (_("Another client already uses the email address %s."), email);
      return g_strdup (_("Another client already uses this email address."));
    }
  if (g_str_equal (code, "UNKNOWN_PRODUCT"))
    return g_strdup (_("The provider does not offer this product."));
  if (g_str_equal (code, "PRODUCT_ALREADY_REQUESTED"))
    return g_strdup (_("The client already has an open request for this product."));
  if (g_str_equal (code, "DOCUMENT_NOT_REQUESTED"))
    return g_strdup (_("The request does not ask for this document."));
  if (g_str_equal (code, "INVALID_STATE"))
    {
      if (message != NULL && strstr (message, "documents can only be added") != NULL)
        return g_strdup (_("The request no longer takes documents: it is already in review or decided."));
      if (message != NULL && strstr (message, "can be submitted") != NULL)
        return g_strdup (_("The request cannot be sent for review again: it is already in review or decided."));
      if (message != NULL && strstr (message, "can be reviewed") != NULL)
        return g_strdup (_("The request has already been decided."));
      return g_strdup (_("The request cannot be changed in its current status."));
    }
  if (g_str_equal (code, "NOT_FOUND"))
    {
      if (message != NULL && g_str_has_prefix (message, "Individual client not found"))
        return g_strdup (_("The client is no longer on the server."));
      if (message != NULL && g_str_has_prefix (message, "Product request not found"))
        return g_strdup (_("The product request is no longer on the server."));
      if (g_strcmp0 (message, "Resource not found") == 0)
        return g_strdup (_("The server does not know this address. Check the server address in Preferences."));
      return g_strdup (_("It is no longer on the server."));
    }
  if (g_str_equal (code, "BAD_REQUEST"))
    return g_strdup (_("The server could not read what Dossier sent."));
  if (g_str_equal (code, "METHOD_NOT_ALLOWED"))
    return g_strdup (_("The server does not offer this operation at this address. Check the server address in Preferences."));
  if (g_str_equal (code, "LENGTH_REQUIRED"))
    return g_strdup (_("The server wants to know the size of what is sent before it arrives."));
  if (g_str_equal (code, "PAYLOAD_TOO_LARGE"))
    return g_strdup (_("What was sent is too large for the server."));
  if (g_str_equal (code, "INTERNAL_ERROR"))
    return g_strdup (_("The server had a problem. Try again later."));

  /* VALIDATION_ERROR and codes this version does not know: the server's words name
   * the fields the form marks; API_ERROR and TOO_MANY_REQUESTS have their status' sentence. */
  return NULL;
}

static GError *
new_error (DossierApiErrorCode  code,
           const char          *text,
           guint                status,
           const char          *server_code,
           const char          *server_message,
           const char          *trace_id)
{
  GError *error = g_error_new_literal (DOSSIER_API_ERROR, code, text);
  DossierApiErrorPrivate *priv = dossier_api_error_get_private (error);

  priv->status = status;
  priv->code = g_strdup (server_code);
  priv->server_message = g_strdup (server_message);
  priv->trace_id = g_strdup (trace_id);

  return error;
}

GError *
dossier_api_error_new_from_response (guint         status,
                                     const char   *reason_phrase,
                                     const char   *content_type,
                                     const char   *header_trace_id,
                                     const char   *retry_after,
                                     GBytes       *body,
                                     guint         access_level)
{
  g_autofree char *code = NULL;
  g_autofree char *message = NULL;
  g_autofree char *trace_id = NULL;
  g_autofree char *text = NULL;
  const char *server_message;
  const char *field = NULL;
  DossierApiErrorCode error_code;
  gboolean readable = FALSE;
  GError *error;
  DossierApiErrorPrivate *priv;

  if (body != NULL && g_bytes_get_size (body) > 0)
    readable = dossier_json_read_error (body, content_type, &code, &message, &trace_id);

  if (trace_id == NULL || *trace_id == '\0')
    {
      g_free (trace_id);
      trace_id = g_strdup (header_trace_id);
    }

  /* §15.4: `message` or else the HTTP reason phrase. */
  if (readable && message != NULL && *message != '\0')
    server_message = message;
  else if (reason_phrase != NULL && *reason_phrase != '\0')
    server_message = reason_phrase;
  else
    server_message = soup_status_get_phrase (status);

  switch (status)
    {
    case 401:
    case 403:
      error_code = DOSSIER_API_ERROR_INVALID_KEY;
      if (access_level > 0)
        /* Translators: %u is an integer access level of an API key */
        text = g_strdup_printf (_("The API key is not allowed to do this (it needs access level %u or higher)"),
                                access_level);
      else
        text = g_strdup (_("The API key is not allowed to do this"));
      break;

    case 412:
    case 422:
      error_code = DOSSIER_API_ERROR_VALIDATION;
      text = g_strdup (server_message);
      break;

    case 404:
      error_code = DOSSIER_API_ERROR_NOT_FOUND;
      /* Translators: %s is the server's message, e.g. "Individual client not found with id: …" */
      text = g_strdup_printf (_("It is no longer on the server: %s"), server_message);
      break;

    case 429:
      {
        guint wait = dossier_api_error_parse_retry_after (retry_after);

        error_code = DOSSIER_API_ERROR_RATE_LIMITED;
        text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                             "The server is busy: too many requests. Try again in %u second.",
                                             "The server is busy: too many requests. Try again in %u seconds.",
                                             wait),
                                wait);
        error = new_error (error_code, text, status, code, readable ? message : NULL, trace_id);
        dossier_api_error_get_private (error)->retry_after = wait;
        dossier_api_error_get_private (error)->access_level = access_level;
        return error;
      }

    default:
      if (status >= 500)
        {
          error_code = DOSSIER_API_ERROR_SERVER;
          /* The server's own words stay its message (a detail for support). */
          /* Translators: %u is an HTTP status such as 502 */
          text = g_strdup_printf (_("The server had a problem (HTTP %u). Try again later."), status);
        }
      else
        {
          error_code = DOSSIER_API_ERROR_BAD_REQUEST;
          /* Translators: %u is an HTTP status, %s the server's message */
          text = g_strdup_printf (_("The server refused the request (HTTP %u): %s"), status, server_message);
        }
      break;
    }

  if (readable && error_code != DOSSIER_API_ERROR_INVALID_KEY && error_code != DOSSIER_API_ERROR_SERVER)
    {
      g_autofree char *sentence = sentence_for_code (code, message, &field);

      if (sentence != NULL)
        {
          g_free (text);
          text = g_steal_pointer (&sentence);
        }
    }

  error = new_error (error_code, text, status, code, readable ? message : NULL, trace_id);
  priv = dossier_api_error_get_private (error);
  priv->access_level = access_level;
  if (field != NULL)
    priv->field = g_strdup (field);
  else if (error_code == DOSSIER_API_ERROR_VALIDATION || error_code == DOSSIER_API_ERROR_BAD_REQUEST)
    priv->field = dossier_api_error_extract_field (readable ? message : NULL);

  return error;
}

GError *
dossier_api_error_new_timeout (void)
{
  return new_error (DOSSIER_API_ERROR_TIMEOUT,
                    _("The server did not answer in time."),
                    0, NULL, NULL, NULL);
}

GError *
dossier_api_error_new_bad_response (guint         status,
                                    const char   *header_trace_id,
                                    const GError *parse_error)
{
  g_autofree char *text = NULL;

  /* Translators: %u is an HTTP status */
  text = g_strdup_printf (_("The server sent an answer Dossier cannot read (HTTP %u)."), status);

  return new_error (DOSSIER_API_ERROR_BAD_RESPONSE, text, status, NULL,
                    parse_error != NULL ? parse_error->message : NULL, header_trace_id);
}

GError *
dossier_api_error_new_from_transport (const GError *error)
{
  g_autofree char *text = NULL;

  g_return_val_if_fail (error != NULL, NULL);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
      error->domain == DOSSIER_API_ERROR)
    return g_error_copy (error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
    return dossier_api_error_new_timeout ();

  /* Translators: %s explains why, e.g. "Connection refused" */
  text = g_strdup_printf (_("Could not reach the server: %s"), error->message);

  return new_error (DOSSIER_API_ERROR_OFFLINE, text, 0, NULL, NULL, NULL);
}

static char *
redact (const char *text,
        const char *secret)
{
  g_auto(GStrv) parts = NULL;

  if (text == NULL || strstr (text, secret) == NULL)
    return NULL;

  parts = g_strsplit (text, secret, -1);
  return g_strjoinv ("•••", parts);
}

void
dossier_api_error_redact (GError     *error,
                          const char *secret)
{
  DossierApiErrorPrivate *priv;
  char *text;

  if (error == NULL || secret == NULL || *secret == '\0')
    return;

  if ((text = redact (error->message, secret)) != NULL)
    {
      g_free (error->message);
      error->message = text;
    }

  if (error->domain != DOSSIER_API_ERROR || (priv = dossier_api_error_get_private (error)) == NULL)
    return;

  if ((text = redact (priv->server_message, secret)) != NULL)
    {
      g_free (priv->server_message);
      priv->server_message = text;
    }
  if ((text = redact (priv->field, secret)) != NULL)
    {
      g_free (priv->field);
      priv->field = text;
    }
}
