/* test-account-keyring.c — DossierAccount keys through a real Secret Service
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs under tests/with-keyring.sh (a private bus and an unlocked
 * gnome-keyring, TESTING.md §5), suite `keyring`.
 */
#include "config.h"

#include "dossier-account.h"

static void
catch_result (GObject *source, GAsyncResult *result, gpointer user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static GAsyncResult *
wait_result (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *slot;
}

static gboolean
load (DossierAccount *account, GError **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  dossier_account_load_key_async (account, NULL, catch_result, &result);
  return dossier_account_load_key_finish (account, wait_result (&result), error);
}

static void
test_round_trip (void)
{
  const char *key = "remote-secret-key-42";
  g_autoptr(DossierAccount) account = dossier_account_new_remote ("https://api.sandbox.cryptomate.me/");
  g_autoptr(DossierAccount) again = dossier_account_new_remote ("https://api.sandbox.cryptomate.me");
  g_autoptr(DossierAccount) other = dossier_account_new_remote ("https://api.cryptomate.me");
  g_autoptr(GAsyncResult) stored = NULL;
  g_autoptr(GAsyncResult) forgot = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *label = NULL;
  g_autofree char *direct = NULL;

  g_assert_false (load (account, &error));
  g_assert_no_error (error);

  dossier_account_store_key_async (account, key, NULL, catch_result, &stored);
  g_assert_true (dossier_account_store_key_finish (account, wait_result (&stored), &error));
  g_assert_no_error (error);
  g_assert_cmpstr (dossier_account_peek_key (account), ==, key);

  /* a second account for the same base URL finds it; another server does not */
  g_assert_true (load (again, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (dossier_account_peek_key (again), ==, key);
  g_assert_false (load (other, &error));
  g_assert_no_error (error);
  g_assert_false (dossier_account_has_key (other));

  /* stored under the schema and its base-url attribute */
  direct = secret_password_lookup_sync (dossier_account_get_secret_schema (), NULL, &error,
                                        "base-url", "https://api.sandbox.cryptomate.me", NULL);
  g_assert_no_error (error);
  g_assert_cmpstr (direct, ==, key);

  dossier_account_forget_key_async (account, NULL, catch_result, &forgot);
  g_assert_true (dossier_account_forget_key_finish (account, wait_result (&forgot), &error));
  g_assert_no_error (error);
  g_assert_false (dossier_account_has_key (account));
  g_assert_false (load (account, &error));
  g_assert_no_error (error);

  g_clear_object (&stored);
  g_clear_object (&forgot);
  g_assert_finalize_object (g_steal_pointer (&account));
}

static void
test_sandbox_key_stays_in_memory (void)
{
  g_autoptr(DossierAccount) account = dossier_account_new_for_sandbox ("http://127.0.0.1:4000", "embedded-key");
  g_autoptr(GAsyncResult) stored = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *direct = NULL;

  dossier_account_store_key_async (account, "embedded-key-2", NULL, catch_result, &stored);
  g_assert_true (dossier_account_store_key_finish (account, wait_result (&stored), &error));
  g_assert_cmpstr (dossier_account_peek_key (account), ==, "embedded-key-2");

  direct = secret_password_lookup_sync (dossier_account_get_secret_schema (), NULL, &error,
                                        "base-url", "http://127.0.0.1:4000", NULL);
  g_assert_no_error (error);
  g_assert_null (direct);
}

int
main (int argc, char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/dossier/core/account/keyring/round-trip", test_round_trip);
  g_test_add_func ("/dossier/core/account/keyring/sandbox-in-memory", test_sandbox_key_stays_in_memory);

  status = g_test_run ();
  secret_service_disconnect ();

  return status;
}
