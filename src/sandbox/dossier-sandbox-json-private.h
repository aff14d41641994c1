/* dossier-sandbox-json-private.h — the strict parser's state, shared by its two files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "dossier-sandbox-json.h"

G_BEGIN_DECLS

/* An open container. Objects collect their members here and become a JsonObject when they close,
 * so that a duplicate name costs O(1) (json_object_set_member() searches its list for one). */
typedef struct
{
  JsonNode   *array;         /* arrays: the open array node */
  GPtrArray  *names;         /* objects: member names (owned), in first-seen order */
  GPtrArray  *values;        /* objects: their values (owned), same positions */
  GHashTable *index;         /* objects: name → position + 1 */
  char       *member_name;   /* objects: the name whose value is being parsed */
} DossierSandboxJsonFrame;

typedef struct
{
  const guchar            *start;
  const guchar            *p;
  const guchar            *end;
  guint                    line;
  const guchar            *line_start;
  DossierSandboxJsonFrame  stack[DOSSIER_SANDBOX_JSON_MAX_DEPTH];
  guint                    depth;
  GString                 *scratch;
  DossierSandboxJsonResult result;
  char                    *detail;
} DossierSandboxJsonParser;

/* Errors: set result SYNTAX and detail ("<what> at line L, column C") once; return FALSE. */
gboolean  _dossier_sandbox_json_fail            (DossierSandboxJsonParser *parser,
                                                 const guchar             *at,
                                                 const char               *format,
                                                 ...) G_GNUC_PRINTF (3, 4);
gboolean  _dossier_sandbox_json_fail_unexpected (DossierSandboxJsonParser *parser,
                                                 const guchar             *at);
char     *_dossier_sandbox_json_describe_char   (DossierSandboxJsonParser *parser,
                                                 const guchar             *at);
/* Lexing: each reads the token at parser->p and moves past it, or fails (NULL). */
void      _dossier_sandbox_json_skip_whitespace (DossierSandboxJsonParser *parser);
const char *_dossier_sandbox_json_parse_string  (DossierSandboxJsonParser *parser);
JsonNode *_dossier_sandbox_json_parse_number    (DossierSandboxJsonParser *parser);
JsonNode *_dossier_sandbox_json_parse_literal   (DossierSandboxJsonParser *parser);

G_END_DECLS
