/* test-requirements-form-fixture.h — the embedded sandbox, a journal and a window with
 * a requirements form, for test-requirements-form.c and test-requirements-form-save.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>
#include <libsoup/soup.h>

#include "dossier-api.h"
#include "dossier-journal.h"
#include "dossier-requirements-form.h"
#include "dossier-sandbox.h"
#include "dossier-value-row.h"

G_BEGIN_DECLS

#define KEY "requirements-form-test-key"

typedef struct {
  DossierSandbox *sandbox;
  DossierApi     *api;
  DossierJournal *journal;
  SoupSession    *session;
  char           *dir;
  char           *journal_path;
  GtkWidget      *window;
  DossierRequirementsForm *form;
  guint           n_saved;
} Fixture;

/* "-es" when the binary runs in Spanish; TRUE when the es_ES locale is in effect. */
extern const char *language_suffix;
extern gboolean    spanish;

void                   store_result          (GObject                *object,
                                              GAsyncResult           *result,
                                              gpointer                user_data);
GAsyncResult          *wait_result           (GAsyncResult          **slot);
void                   open_journal          (Fixture                *f);
void                   close_journal         (Fixture                *f);
void                   fixture_set_up        (Fixture                *f,
                                              gconstpointer           data);
void                   fixture_tear_down     (Fixture                *f,
                                              gconstpointer           data);
void                   destroy_window        (Fixture                *f);

/* The sandbox's own API, from outside the form. */
JsonNode              *sandbox_call          (Fixture                *f,
                                              const char             *method,
                                              const char             *path,
                                              const char             *body);
DossierClient         *create_client         (Fixture                *f,
                                              const char             *email);
JsonObject            *sandbox_client        (Fixture                *f,
                                              DossierClient          *client);
DossierProductRequest *request_product       (Fixture                *f,
                                              DossierClient          *client,
                                              const char             *product);

/* The form in a window, and typing into it. */
void                   show_form             (Fixture                *f,
                                              DossierClient          *client,
                                              DossierProductRequest  *request);
DossierValueRow       *row                   (Fixture                *f,
                                              const char             *key);
void                   type_into             (DossierValueRow        *value_row,
                                              const char             *text);
void                   type_phone            (DossierValueRow        *value_row,
                                              const char             *code,
                                              const char             *number);
void                   choose                (DossierValueRow        *value_row,
                                              guint                   position);
gboolean               save_form             (Fixture                *f,
                                              GError                **error);
const char            *local_number          (const char             *english,
                                              const char             *spanish_text);
void                   let_draft_settle      (void);
gboolean               is_shown_in_form      (Fixture                *f,
                                              GtkWidget              *widget);
void                   assert_invalid        (DossierValueRow        *value_row);

/* test-requirements-form-save.c: saving, drafts, the guard, screenshots */
void test_requirements_form_add_save_tests (void);
/* test-requirements-form-keys.c: the keyboard, the date's format, narrow windows */
void test_requirements_form_add_key_tests (void);

G_END_DECLS
