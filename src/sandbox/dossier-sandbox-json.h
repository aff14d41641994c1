/* dossier-sandbox-json.h — strict request-body parsing and safe serialising (CONTRACT.md §1.2, §3.3, §5, §17)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * dossier_sandbox_json_parse_object() is an iterative RFC 8259 parser of its own that builds
 * json-glib nodes; json-glib's recursive, lenient JsonParser never sees request bytes. Decisions:
 *
 *  - SYNTAX (400 "Malformed JSON body: <detail>"): empty or blank body; anything RFC 8259 does
 *    not allow: comments, single quotes, hex numbers, `.5`, `1.`, `+1`, leading zeros, NaN or
 *    Infinity, trailing commas, raw control characters (U+0000–U+001F) in strings, invalid
 *    escapes, a second top-level value (`{}{}`), invalid UTF-8 (overlongs, surrogates, > U+10FFFF)
 *    anywhere. Also, because a GLib string cannot hold them faithfully: a `\u0000` escape and a
 *    lone surrogate escape (`\ud800` not followed by a low surrogate, or a lone `\udc00`).
 *  - A UTF-8 byte order mark at the very start is ignored (RFC 8259 §8.1 allows it); anywhere
 *    else it is an ordinary character (outside strings: SYNTAX).
 *  - TOO_DEEP (400 "Request body nests deeper than 64 levels"): more than 64 nested objects and
 *    arrays (the top-level value is level 1), whatever comes after it in the text. Errors are
 *    reported in text order: the first problem met wins.
 *  - NOT_OBJECT (400 "Request body must be a JSON object"): a well-formed text whose top level is
 *    not an object (`[]`, `""`, `3`, `null`).
 *  - Numbers keep the kind of their literal so that §3.3's 400/412 split holds: a literal with
 *    neither fraction nor exponent is a G_TYPE_INT64 node, saturated to G_MININT64/G_MAXINT64 when
 *    it does not fit (so `"phone_number": 99999999999999999999` is an integer out of range → 412);
 *    any other literal is a G_TYPE_DOUBLE node, ±infinity when it overflows (`1e400`; a "finite"
 *    check then answers 412), 0 when it underflows.
 *  - Duplicate member names: the last value wins, at the position of the first occurrence
 *    (as json-glib's json_object_set_member() does, but in O(1) per member).
 *
 * *detail (may be NULL) gets a short ASCII detail on SYNTAX, e.g.
 * "unexpected character '}' at line 1, column 9" (columns count code points, from 1).
 * On OK returns the root (transfer full), otherwise NULL.
 */
#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define DOSSIER_SANDBOX_JSON_MAX_DEPTH 64

typedef enum
{
  DOSSIER_SANDBOX_JSON_OK,
  DOSSIER_SANDBOX_JSON_SYNTAX,      /* 400 "Malformed JSON body: <detail>" */
  DOSSIER_SANDBOX_JSON_TOO_DEEP,    /* 400 "Request body nests deeper than 64 levels" */
  DOSSIER_SANDBOX_JSON_NOT_OBJECT,  /* 400 "Request body must be a JSON object" */
} DossierSandboxJsonResult;

JsonNode   *dossier_sandbox_json_parse_object (GBytes                   *body,
                                               DossierSandboxJsonResult *result,
                                               char                    **detail);
/* Same parser without the top-level-object rule (NOT_OBJECT is never returned): for admin bodies
 * and tests. */
JsonNode   *dossier_sandbox_json_parse        (GBytes                   *body,
                                               DossierSandboxJsonResult *result,
                                               char                    **detail);
/* The 400 message for a non-OK result ("Malformed JSON body: …", …), transfer full. */
char       *dossier_sandbox_json_result_message (DossierSandboxJsonResult result,
                                                 const char              *detail);
/* Serialises a node compactly (no whitespace) as RFC 8259 UTF-8: never json-glib's `inf.0` or
 * `1e+20.0`. Doubles use the shortest text that reads back to the same value and always carry a
 * `.` or an exponent; ±infinity is written `1e999`/`-1e999` (reads back as infinity), NaN as
 * `null`; invalid UTF-8 in strings becomes U+FFFD. Object members keep their order. */
GBytes     *dossier_sandbox_json_to_bytes     (JsonNode                 *node);
char       *dossier_sandbox_json_to_string    (JsonNode                 *node);
/* Names the JSON type a §3.3 400 message wants ("a string", "a number", "an integer",
 * "an object", "an array", "a boolean", "null") for an expected node type and value type
 * (G_TYPE_STRING, G_TYPE_DOUBLE, G_TYPE_INT64, G_TYPE_BOOLEAN; ignored unless JSON_NODE_VALUE). */
const char *dossier_sandbox_json_type_phrase  (JsonNodeType              type,
                                               GType                     value_type);

G_END_DECLS
