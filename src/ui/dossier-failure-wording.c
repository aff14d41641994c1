/* dossier-failure-wording.c — a failed call's journal event, worded when it is read
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The reason is made from the error's kind and the server's code and status, in the
 * locale of the moment: a journal written in English reads in Spanish once the app is.
 * The sentences speak of the past ("was busy", never "try again later"): the timeline
 * tells what happened. A code of the contract (§3.2) gets the same sentence an error
 * of the moment gets (dossier-api-error.c), from an error made again from what was kept.
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "dossier-api-error.h"
#include "dossier-failure-wording.h"

/* The codes whose sentence dossier-api-error.c words (the rest: by their status). */
static const char * const worded_codes[] = {
  "DUPLICATE_CLIENT", "UNKNOWN_PRODUCT", "PRODUCT_ALREADY_REQUESTED", "DOCUMENT_NOT_REQUESTED",
  "INVALID_STATE", "NOT_FOUND", "BAD_REQUEST", "METHOD_NOT_ALLOWED", "LENGTH_REQUIRED",
  "PAYLOAD_TOO_LARGE", NULL
};

char *
dossier_failure_wording_title (const char *action,
                               gboolean    retried)
{
  if (retried)
    {
      if (g_strcmp0 (action, "upload-document") == 0)
        return g_strdup (_("Upload retried, then sent"));
      if (g_strcmp0 (action, "submit") == 0)
        return g_strdup (_("Submission retried, then sent"));
      return g_strdup (_("An action was retried, then went through"));
    }
  if (g_strcmp0 (action, "create-client") == 0)
    return g_strdup (_("Creating the client failed"));
  if (g_strcmp0 (action, "update-client") == 0)
    return g_strdup (_("Saving the client failed"));
  if (g_strcmp0 (action, "request-product") == 0)
    return g_strdup (_("Requesting the product failed"));
  if (g_strcmp0 (action, "upload-document") == 0)
    return g_strdup (_("Uploading a document failed"));
  if (g_strcmp0 (action, "submit") == 0)
    return g_strdup (_("Submitting for review failed"));
  return g_strdup (_("An action failed"));
}

static const char *
string_member (JsonObject *object,
               const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return *json_node_get_string (node) != '\0' ? json_node_get_string (node) : NULL;
}

static guint
uint_member (JsonObject *object,
             const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
    return 0;
  return (guint) CLAMP (json_node_get_int (node), 0, G_MAXUINT);
}

/* The sentence dossier-api-error.c gives the server's code now, in today's locale. */
static char *
code_sentence (guint       status,
               const char *code,
               const char *server_message)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;
  char *text;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "code");
  json_builder_add_string_value (builder, code);
  if (server_message != NULL)
    {
      json_builder_set_member_name (builder, "message");
      json_builder_add_string_value (builder, server_message);
    }
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  text = json_to_string (root, FALSE);
  body = g_bytes_new_take (text, strlen (text));
  error = dossier_api_error_new_from_response (status, NULL, "application/json", NULL, NULL, body, 0);
  return g_strdup (error->message);
}

char *
dossier_failure_wording_reason (JsonNode *details)
{
  JsonObject *object;
  const char *kind, *code, *server_message, *message;
  guint status, level;

  if (details == NULL || !JSON_NODE_HOLDS_OBJECT (details))
    return NULL;
  object = json_node_get_object (details);
  kind = string_member (object, "error");
  code = string_member (object, "code");
  server_message = string_member (object, "server_message");
  message = string_member (object, "message");
  status = uint_member (object, "http_status");
  level = uint_member (object, "access_level");

  /* An entry older than these members: its own words, the only ones it has. */
  if (kind == NULL && code == NULL && (message != NULL || status == 0))
    return g_strdup (message);

  if (g_strcmp0 (kind, "offline") == 0)
    return g_strdup (_("Dossier could not reach the server."));
  if (g_strcmp0 (kind, "timeout") == 0)
    return g_strdup (_("The server did not answer in time."));
  if (g_strcmp0 (kind, "rate-limited") == 0 || status == 429)
    return g_strdup (_("The server was busy: too many requests."));
  if (g_strcmp0 (kind, "bad-response") == 0)
    /* Translators: %u is an HTTP status */
    return g_strdup_printf (_("The server sent an answer Dossier cannot read (HTTP %u)."), status);
  if (g_strcmp0 (kind, "server") == 0 || status >= 500)
    return status > 0
      /* Translators: %u is an HTTP status such as 503 */
      ? g_strdup_printf (_("The server had a problem (HTTP %u)."), status)
      : g_strdup (_("The server had a problem."));
  if (g_strcmp0 (kind, "invalid-key") == 0 || status == 401 || status == 403)
    return level > 0
      /* Translators: %u is an integer access level of an API key */
      ? g_strdup_printf (_("The API key was not allowed to do this (it needs access level %u or higher)."), level)
      : g_strdup (_("The API key was not allowed to do this."));
  if (code != NULL && g_strv_contains (worded_codes, code))
    return code_sentence (status >= 400 ? status : 412, code, server_message);
  if (g_strcmp0 (kind, "not-found") == 0 || status == 404)
    return g_strdup (_("It was no longer on the server."));
  if (g_strcmp0 (kind, "validation") == 0 || status == 412 || status == 422)
    return server_message != NULL
      /* Translators: %s is the server's own words, which name what it did not accept */
      ? g_strdup_printf (_("The server did not accept the data: %s"), server_message)
      : g_strdup (_("The server did not accept the data."));
  if (status > 0)
    /* Translators: %u is an HTTP status such as 400 */
    return g_strdup_printf (_("The server refused the request (HTTP %u)."), status);
  return g_strdup (message);
}

gboolean
dossier_failure_wording_went_through (const DossierJournalEvent *failure,
                                      const DossierJournalEvent *later)
{
  if (failure == NULL || later == NULL || failure->forgotten || later->forgotten ||
      g_strcmp0 (failure->kind, DOSSIER_JOURNAL_EVENT_FAILURE) != 0 ||
      failure->request_id == NULL || g_strcmp0 (failure->request_id, later->request_id) != 0)
    return FALSE;

  /* The calls worth sending again as they were: the same document, the same request. */
  if (g_strcmp0 (failure->action, "upload-document") == 0)
    return g_strcmp0 (later->kind, DOSSIER_JOURNAL_EVENT_DOCUMENT_UPLOADED) == 0;
  if (g_strcmp0 (failure->action, "submit") == 0)
    return g_strcmp0 (later->kind, DOSSIER_JOURNAL_EVENT_SUBMITTED) == 0;
  return FALSE;
}

GHashTable *
dossier_failure_wording_link (GPtrArray *events,
                              gboolean   newest_first)
{
  GHashTable *links = g_hash_table_new (NULL, NULL);
  g_autoptr(GPtrArray) open = g_ptr_array_new ();
  guint n = events != NULL ? events->len : 0;

  /* Oldest first: each failure waits for the first event that shows it went through. */
  for (guint k = 0; k < n; k++)
    {
      const DossierJournalEvent *event = g_ptr_array_index (events, newest_first ? n - 1 - k : k);
      guint i = 0;

      while (i < open->len)
        {
          const DossierJournalEvent *failure = g_ptr_array_index (open, i);

          if (dossier_failure_wording_went_through (failure, event))
            {
              g_hash_table_insert (links, (gpointer) failure, (gpointer) event);
              g_ptr_array_remove_index (open, i);
            }
          else
            i++;
        }
      if (g_strcmp0 (event->kind, DOSSIER_JOURNAL_EVENT_FAILURE) == 0 && !event->forgotten &&
          event->request_id != NULL &&
          (g_strcmp0 (event->action, "upload-document") == 0 || g_strcmp0 (event->action, "submit") == 0))
        g_ptr_array_add (open, (gpointer) event);
    }
  return links;
}
