/* dossier-json.h — tolerant reading of API responses (CONTRACT.md §15.2)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define DOSSIER_JSON_ERROR (dossier_json_error_quark ())

typedef enum {
  DOSSIER_JSON_ERROR_SYNTAX = 1,   /* not JSON at all */
  DOSSIER_JSON_ERROR_TOO_DEEP,     /* nests deeper than DOSSIER_JSON_MAX_DEPTH */
  DOSSIER_JSON_ERROR_INVALID,      /* JSON, but not the shape that was expected */
} DossierJsonError;

/* Containers ([ or {) a response may open inside each other before it is refused. */
#define DOSSIER_JSON_MAX_DEPTH 512
/* Pages of a wrapped list that are followed at most (§15.2). */
#define DOSSIER_JSON_MAX_PAGES 100

GQuark      dossier_json_error_quark        (void);

guint       dossier_json_measure_depth      (const char    *data,
                                             gsize          len);
JsonNode   *dossier_json_parse_data         (const char    *data,
                                             gsize          len,
                                             GError       **error);
JsonNode   *dossier_json_parse_bytes        (GBytes        *body,
                                             GError       **error);

GPtrArray  *dossier_json_read_list          (JsonNode      *root,
                                             char         **next_page_hint,
                                             GError       **error);
guint       dossier_json_next_page_number   (const char    *next_page_hint);

gboolean    dossier_json_read_error         (GBytes        *body,
                                             const char    *content_type,
                                             char         **code,
                                             char         **message,
                                             char         **trace_id);

/* Tolerant getters: a member that is absent, null or of an unreadable type reads as absent. */
char       *dossier_json_dup_string         (JsonObject    *object,
                                             const char    *member);
gboolean    dossier_json_get_int64          (JsonObject    *object,
                                             const char    *member,
                                             gint64        *value);
gboolean    dossier_json_get_boolean        (JsonObject    *object,
                                             const char    *member,
                                             gboolean       default_value);
JsonObject *dossier_json_get_object         (JsonObject    *object,
                                             const char    *member);
JsonArray  *dossier_json_get_array          (JsonObject    *object,
                                             const char    *member);
char       *dossier_json_node_dup_string    (JsonNode      *node);
gboolean    dossier_json_node_get_int64     (JsonNode      *node,
                                             gint64        *value);
gboolean    dossier_json_enum_equal         (const char    *a,
                                             const char    *b);
JsonNode   *dossier_json_node_deep_copy     (JsonNode      *node);

/* Lists parsed on a worker thread into DossierClient / DossierProductRequest objects
 * (dossier-json-lists.c). */
void        dossier_json_parse_clients_async           (GBytes               *body,
                                                        GCancellable         *cancellable,
                                                        GAsyncReadyCallback   callback,
                                                        gpointer              user_data);
GPtrArray  *dossier_json_parse_clients_finish          (GAsyncResult         *result,
                                                        GError              **error);
void        dossier_json_parse_requests_async          (GBytes               *body,
                                                        GCancellable         *cancellable,
                                                        GAsyncReadyCallback   callback,
                                                        gpointer              user_data);
GPtrArray  *dossier_json_parse_requests_finish         (GAsyncResult         *result,
                                                        GError              **error);
char       *dossier_json_parse_list_dup_next_page_hint (GAsyncResult         *result);

G_END_DECLS
