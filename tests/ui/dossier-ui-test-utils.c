/* dossier-ui-test-utils.c — helpers every UI test wants
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <unistd.h>

#include "dossier-request-cache.h"
#include "dossier-ui-test-utils.h"

static void
timed_out_cb (gpointer data)
{
  gboolean *timed_out = data;

  *timed_out = TRUE;
}

gboolean
dossier_test_wait_until (DossierTestCondition cond,
                         gpointer             data,
                         guint                timeout_ms)
{
  gboolean timed_out = FALSE;
  guint id;

  id = g_timeout_add_once (timeout_ms, timed_out_cb, &timed_out);

  while (!cond (data) && !timed_out)
    g_main_context_iteration (NULL, TRUE);

  if (!timed_out)
    g_source_remove (id);

  return cond (data);
}

static gboolean
widget_is_mapped (gpointer data)
{
  return gtk_widget_get_mapped (GTK_WIDGET (data));
}

gboolean
dossier_test_wait_for_draw (GtkWidget *widget)
{
  if (!dossier_test_wait_until (widget_is_mapped, widget, 5000))
    return FALSE;

  gtk_test_widget_wait_for_draw (widget);
  return TRUE;
}

char *
dossier_test_save_screenshot (GtkWidget  *widget,
                              const char *name)
{
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GtkSnapshot) snapshot = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *file_name = NULL;
  char *path;
  GskRenderer *renderer;
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);

  g_return_val_if_fail (width > 0 && height > 0, NULL);

  /* A widget in the middle of a transition (a leaflet folding, a stack
   * switching) may have nothing to render for a frame: wait for one that has. */
  paintable = gtk_widget_paintable_new (widget);
  for (guint attempt = 0; node == NULL && attempt < 50; attempt++)
    {
      if (attempt > 0)
        gtk_test_widget_wait_for_draw (widget);
      snapshot = gtk_snapshot_new ();
      gdk_paintable_snapshot (paintable, snapshot, width, height);
      node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
    }
  g_return_val_if_fail (node != NULL, NULL);

  renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));
  texture = gsk_renderer_render_texture (renderer, node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));

  dir = g_test_build_filename (G_TEST_BUILT, "screenshots", NULL);
  g_mkdir_with_parents (dir, 0755);
  file_name = g_strconcat (name, ".png", NULL);
  path = g_build_filename (dir, file_name, NULL);

  if (!gdk_texture_save_to_png (texture, path))
    g_clear_pointer (&path, g_free);

  return path;
}

typedef struct
{
  DossierWindow *window;
  guint          min_clients;
} AppReady;

static gboolean
app_ready (gpointer data)
{
  AppReady *ready = data;
  DossierRequestCache *cache = dossier_window_get_request_cache (ready->window);

  return g_list_model_get_n_items (G_LIST_MODEL (dossier_window_get_clients (ready->window))) >= ready->min_clients
         && !dossier_window_get_loading (ready->window)
         && cache != NULL && dossier_request_cache_get_journal (cache) != NULL;
}

DossierApplication *
dossier_test_app_start (const char     *tag,
                        guint           min_clients,
                        DossierWindow **window)
{
  static guint serial;
  g_autofree char *id = g_strdup_printf ("%s.Test.p%d.%s%u", APPLICATION_ID, getpid (), tag, ++serial);
  g_autoptr(GError) error = NULL;
  DossierApplication *app;
  AppReady ready = { NULL, min_clients };

  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_LIGHT);
  app = dossier_application_new (id, G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);
  g_application_activate (G_APPLICATION (app));
  ready.window = DOSSIER_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (app)));
  g_assert_true (DOSSIER_IS_WINDOW (ready.window));
  g_assert_true (dossier_test_wait_for_draw (GTK_WIDGET (ready.window)));
  g_assert_true (dossier_test_wait_until (app_ready, &ready, 10000));
  *window = ready.window;
  return app;
}

void
dossier_test_app_stop (DossierApplication **app)
{
  GtkWindow *window;

  if (*app == NULL)
    return;
  while ((window = gtk_application_get_active_window (GTK_APPLICATION (*app))) != NULL)
    gtk_window_destroy (window);
  g_clear_object (app);
}
