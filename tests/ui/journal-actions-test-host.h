/* journal-actions-test-host.h — a small widget with a "client" property carrying the
 * client.* journal actions (export, forget, verify), as the client page does
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Shared by the audit-export and export-toast tests; include once per test program.
 */
#pragma once

#include <adwaita.h>

#include "dossier-client.h"
#include "dossier-journal-actions.h"

#define TEST_TYPE_HOST (test_host_get_type ())
G_DECLARE_FINAL_TYPE (TestHost, test_host, TEST, HOST, AdwBin)

struct _TestHost
{
  AdwBin         parent_instance;
  DossierClient *client;
};

G_DEFINE_FINAL_TYPE (TestHost, test_host, ADW_TYPE_BIN)

static inline void
test_host_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  g_value_set_object (value, TEST_HOST (object)->client);
}

static inline void
test_host_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  if (g_set_object (&TEST_HOST (object)->client, g_value_get_object (value)))
    g_object_notify_by_pspec (object, pspec);
}

static inline void
test_host_dispose (GObject *object)
{
  g_clear_object (&TEST_HOST (object)->client);
  G_OBJECT_CLASS (test_host_parent_class)->dispose (object);
}

static inline void
test_host_class_init (TestHostClass *klass)
{
  G_OBJECT_CLASS (klass)->get_property = test_host_get_property;
  G_OBJECT_CLASS (klass)->set_property = test_host_set_property;
  G_OBJECT_CLASS (klass)->dispose = test_host_dispose;
  g_object_class_install_property (G_OBJECT_CLASS (klass), 1,
                                   g_param_spec_object ("client", NULL, NULL, DOSSIER_TYPE_CLIENT,
                                                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY
                                                        | G_PARAM_STATIC_STRINGS));
  dossier_journal_actions_install_client (GTK_WIDGET_CLASS (klass));
}

static inline void
test_host_init (TestHost *self)
{
  dossier_journal_actions_bind_client (GTK_WIDGET (self));
}
