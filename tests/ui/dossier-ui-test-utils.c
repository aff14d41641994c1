/* dossier-ui-test-utils.c — helpers every UI test wants
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
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
