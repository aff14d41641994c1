/* test-http-persistence.c — the --state file across restarts (CONTRACT.md §14)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>

#include "dossier-sandbox-fixture.h"

static DossierSandboxConfig *
state_config (DsFixture *f)
{
  DossierSandboxConfig *config = ds_config_new ();

  dossier_sandbox_config_set_state_file (config, f->state_file);
  return config;
}

static void
state_setup (DsFixture     *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("dossier-sandbox-state-XXXXXX", &error);
  g_autoptr(DossierSandboxConfig) config = NULL;
  char *state_file;

  g_assert_no_error (error);
  state_file = g_build_filename (dir, "state.json", NULL);
  ds_fixture_setup_full (f, NULL);
  f->state_file = state_file;
  config = state_config (f);
  ds_fixture_restart (f, config);
}

static const char *
request_status (DsFixture  *f,
                const char *client_id,
                const char *request_id)
{
  static char status[64];
  g_autofree char *path = ds_products_path (client_id, NULL, NULL);
  g_autoptr(DsResponse) r = ds_send (f, "GET", path, DS_KEY, NULL);

  ds_assert_status (r, 200);
  g_strlcpy (status, json_object_get_string_member (ds_find_request (r, request_id), "status"), sizeof status);
  return status;
}

static void
test_restart (DsFixture     *f,
              gconstpointer  data)
{
  g_autoptr(DossierSandboxConfig) config = state_config (f);
  g_autofree char *client_id = ds_create_client (f, "Barber", "persist@example.com", TRUE);
  g_autofree char *other_id = ds_create_client (f, "Barber", "second@example.com", FALSE);
  g_autofree char *request_id = ds_request_product (f, client_id, "cards_individuals");
  g_autofree char *client_path = g_strdup_printf (DS_CLIENTS "/%s", client_id);
  g_autofree char *submit = ds_products_path (client_id, request_id, "submit");
  g_autofree char *docs = g_strdup_printf ("/_sandbox/requests/%s/documents", request_id);
  g_autofree char *before = NULL, *contents = NULL;
  g_autoptr(DsResponse) up = NULL, sub = NULL, c1 = NULL, c2 = NULL, clock = NULL, d = NULL, list = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  up = ds_upload_passport (f, client_id, request_id);
  ds_assert_status (up, 200);
  sub = ds_send (f, "POST", submit, DS_KEY, NULL);
  ds_assert_status (sub, 200);
  ds_advance_clock (f, 4);
  c1 = ds_send (f, "GET", client_path, DS_KEY, NULL);
  ds_assert_status (c1, 200);
  before = json_to_string (c1->json, FALSE);

  /* the file is the implementation's own JSON, with a version member */
  g_assert_true (g_file_get_contents (f->state_file, &contents, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (json_parser_load_from_data (parser, contents, -1, &error));
  g_assert_no_error (error);
  g_assert_true (json_object_has_member (json_node_get_object (json_parser_get_root (parser)), "version"));

  ds_fixture_restart (f, config);

  /* same clients, timestamps, documents, clock offset and pending review */
  c2 = ds_send (f, "GET", client_path, DS_KEY, NULL);
  ds_assert_status (c2, 200);
  g_assert_true (json_node_equal (c1->json, c2->json));
  list = ds_send (f, "GET", DS_CLIENTS, DS_KEY, NULL);
  ds_assert_status (list, 200);
  g_assert_cmpuint (json_array_get_length (ds_array (list)), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (ds_array (list), 1), "id"), ==,
                   other_id);
  clock = ds_admin (f, "GET", "/_sandbox/clock", NULL);
  ds_assert_status (clock, 200);
  g_assert_cmpfloat (json_object_get_double_member (ds_object (clock), "offset_seconds"), >=, 4);
  d = ds_admin (f, "GET", docs, NULL);
  ds_assert_status (d, 200);
  g_assert_cmpuint (json_array_get_length (ds_array (d)), ==, 1);
  g_assert_cmpstr (request_status (f, client_id, request_id), ==, "in_kyc");
  ds_advance_clock (f, 6);
  g_assert_cmpstr (request_status (f, client_id, request_id), ==, "enabled");
}

static void
test_reset_saved (DsFixture     *f,
                  gconstpointer  data)
{
  g_autoptr(DossierSandboxConfig) config = state_config (f);
  g_autofree char *client_id = ds_create_client (f, "Barber", "reset@example.com", TRUE);
  g_autoptr(DsResponse) reset = ds_admin (f, "POST", "/_sandbox/reset", NULL);
  g_autoptr(DsResponse) list = NULL;

  ds_assert_status (reset, 200);
  g_assert_true (json_object_get_boolean_member (ds_object (reset), "reset"));
  ds_fixture_restart (f, config);
  list = ds_send (f, "GET", DS_CLIENTS, DS_KEY, NULL);
  ds_assert_status (list, 200);
  g_assert_cmpuint (json_array_get_length (ds_array (list)), ==, 0);
}

static void
test_invalid_state_file (DsFixture     *f,
                         gconstpointer  data)
{
  g_autoptr(DossierSandboxConfig) config = state_config (f);
  g_autoptr(DossierSandbox) sandbox = NULL;
  g_autoptr(GError) error = NULL;

  g_clear_object (&f->session);
  dossier_sandbox_stop (f->sandbox);
  g_clear_object (&f->sandbox);
  g_assert_true (g_file_set_contents (f->state_file, "{\"version\": \"nonsense\"", -1, NULL));

  sandbox = dossier_sandbox_new (config);
  g_assert_false (dossier_sandbox_start (sandbox, &error));
  g_assert_error (error, DOSSIER_SANDBOX_ERROR, DOSSIER_SANDBOX_ERROR_STATE);
  g_assert_null (dossier_sandbox_get_uri (sandbox));
}

static void
test_embedded_object (void)
{
  g_autoptr(DossierSandbox) sandbox = dossier_sandbox_new (NULL);
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) ids = NULL;

  g_assert_null (dossier_sandbox_get_uri (sandbox));
  g_assert_true (dossier_sandbox_start (sandbox, &error));
  g_assert_no_error (error);
  g_assert_true (dossier_sandbox_is_running (sandbox));
  g_assert_cmpuint (dossier_sandbox_get_port (sandbox), >, 0);
  g_assert_cmpstr (dossier_sandbox_get_api_key (sandbox), ==, "sandbox-key");
  ids = dossier_sandbox_dup_product_ids (sandbox);
  g_assert_cmpuint (g_strv_length (ids), ==, 3);
  g_assert_cmpstr (ids[0], ==, "cards_individuals");
  g_assert_cmpstr (dossier_sandbox_get_product_name (sandbox, "cards_individuals"), ==, "Individual cards");
  g_assert_null (dossier_sandbox_get_product_name (sandbox, "nothing"));
  dossier_sandbox_stop (sandbox);
  g_assert_false (dossier_sandbox_is_running (sandbox));
  dossier_sandbox_stop (sandbox);   /* idempotent */
}

static void
test_embedded_object_key (void)
{
  g_autoptr(DossierSandboxConfig) config = dossier_sandbox_config_new ();
  g_autoptr(DossierSandbox) sandbox = NULL;
  g_autoptr(GError) error = NULL;

  /* The app's account gets the first configured key, whatever its level. */
  g_assert_null (dossier_sandbox_config_get_first_key (config));
  g_assert_true (dossier_sandbox_config_add_key (config, "front-desk:1", &error));
  g_assert_true (dossier_sandbox_config_add_key (config, "officer:3", &error));
  g_assert_no_error (error);
  g_assert_cmpstr (dossier_sandbox_config_get_first_key (config), ==, "front-desk");

  sandbox = dossier_sandbox_new (config);
  g_assert_cmpstr (dossier_sandbox_get_api_key (sandbox), ==, "front-desk");
}

#define ADD(path, func) \
  g_test_add ("/dossier/sandbox/persistence/" path, DsFixture, NULL, state_setup, func, ds_fixture_teardown)

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  ADD ("restart", test_restart);
  ADD ("reset-saved", test_reset_saved);
  ADD ("invalid-state-file", test_invalid_state_file);
  g_test_add_func ("/dossier/sandbox/persistence/embedded-object", test_embedded_object);
  g_test_add_func ("/dossier/sandbox/persistence/embedded-object-key", test_embedded_object_key);

  return g_test_run ();
}
