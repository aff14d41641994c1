/* dossier-sandbox-faults.h — armed fault injections (CONTRACT.md §13.5)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

typedef enum
{
  DOSSIER_SANDBOX_FAULT_ERROR,
  DOSSIER_SANDBOX_FAULT_DELAY,
  DOSSIER_SANDBOX_FAULT_DROP,
  DOSSIER_SANDBOX_FAULT_DROP_AFTER,
  DOSSIER_SANDBOX_FAULT_MALFORMED,
  DOSSIER_SANDBOX_FAULT_HTML,
  DOSSIER_SANDBOX_FAULT_RATE_LIMIT,
} DossierSandboxFaultKind;

typedef struct
{
  char                   *id;           /* 32 alphanumerics */
  DossierSandboxFaultKind kind;
  guint                   count, remaining;
  char                   *method;       /* NULL = any */
  char                   *path_prefix;  /* default "/management/" */
  guint                   status;       /* error 500, malformed 200, html 502 by default */
  char                   *code;         /* error: default INTERNAL_ERROR */
  char                   *message;      /* error: default "Injected fault" */
  guint                   delay_ms;
  guint                   retry_after;  /* rate_limit: default 1 */
} DossierSandboxFault;

DossierSandboxFault *dossier_sandbox_fault_copy    (const DossierSandboxFault *fault);
void                 dossier_sandbox_fault_free    (DossierSandboxFault       *fault);
/* §13.5 200 shape: only the members of its kind, never null. */
JsonNode            *dossier_sandbox_fault_to_json (const DossierSandboxFault *fault);
/* The wire name of a kind ("drop_after"…). */
const char          *dossier_sandbox_fault_kind_to_string (DossierSandboxFaultKind kind);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DossierSandboxFault, dossier_sandbox_fault_free)

typedef struct _DossierSandboxFaults DossierSandboxFaults;

DossierSandboxFaults      *dossier_sandbox_faults_new        (void);
void                       dossier_sandbox_faults_free       (DossierSandboxFaults *self);
/* POST body → armed fault (transfer none, owned by self) or NULL with *message set to the 400
 * message (e.g. "Invalid fault: kind must be one of error, delay, …"). body may be any JsonNode,
 * or NULL (not an object → 400). */
const DossierSandboxFault *dossier_sandbox_faults_arm        (DossierSandboxFaults *self,
                                                              JsonNode             *body,
                                                              char                **message);
/* Array, arming order, current remaining (transfer full). */
JsonNode                  *dossier_sandbox_faults_to_json    (DossierSandboxFaults *self);
/* Returns how many were removed. */
guint                      dossier_sandbox_faults_clear      (DossierSandboxFaults *self);
guint                      dossier_sandbox_faults_get_n_armed (DossierSandboxFaults *self);
/* The first armed fault with remaining > 0 whose method (if set, exact) and path_prefix match:
 * remaining-- (removed at 0), returns a copy (transfer full), or NULL. */
DossierSandboxFault       *dossier_sandbox_faults_take_match (DossierSandboxFaults *self,
                                                              const char           *method,
                                                              const char           *path);

/* The body bytes of a `malformed` fault (the first half of a plausible JSON object, not valid
 * JSON) and of an `html` fault (a short reverse-proxy page for that status), ready to send. */
GBytes                    *dossier_sandbox_fault_malformed_body (void);
GBytes                    *dossier_sandbox_fault_html_body      (guint status);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DossierSandboxFaults, dossier_sandbox_faults_free)

G_END_DECLS
