/* test-choice-strip.c — a few alternatives as linked toggles, a drop-down when narrow
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The three identity documents in Spanish, the longest labels the sandbox has: side by
 * side in a wide window, a drop-down on a phone, the same choice in both.
 * Screenshots: choice-strip-wide, choice-strip-narrow.
 */
#include "config.h"

#include <adwaita.h>

#include "dossier-choice-strip.h"
#include "dossier-ui-test-utils.h"

static const char *ids[] = { "passport", "national_id", "drivers_license", NULL };
static const char *labels[] = { "Pasaporte", "Documento nacional de identidad", "Permiso de conducir", NULL };

static int
min_width (GtkWidget *widget)
{
  int minimum = 0;

  gtk_widget_measure (widget, GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL, NULL);
  return minimum;
}

static void
notified_cb (GObject    *object,
             GParamSpec *pspec,
             guint      *count)
{
  (*count)++;
}

static gboolean
compact_is (gpointer data)
{
  GtkWidget *strip = data;
  gboolean wanted = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (strip), "wanted"));

  return dossier_choice_strip_get_compact (DOSSIER_CHOICE_STRIP (strip)) == wanted;
}

static void
wait_compact (GtkWidget *strip,
              gboolean   compact)
{
  g_object_set_data (G_OBJECT (strip), "wanted", GINT_TO_POINTER (compact));
  g_assert_true (dossier_test_wait_until (compact_is, strip, 5000));
}

static void
test_choice_strip (void)
{
  GtkWidget *window = adw_window_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *strip = dossier_choice_strip_new ();
  GtkWidget *dropdown = NULL;
  GtkWidget *toggles = NULL;
  guint notified = 0;

  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 12);
  gtk_box_append (GTK_BOX (box), strip);
  adw_window_set_content (ADW_WINDOW (window), box);
  g_signal_connect (strip, "notify::selected-id", G_CALLBACK (notified_cb), &notified);

  dossier_choice_strip_set_choices (DOSSIER_CHOICE_STRIP (strip), ids, labels);
  g_assert_cmpstr (dossier_choice_strip_get_selected_id (DOSSIER_CHOICE_STRIP (strip)), ==, "passport");
  g_assert_cmpuint (notified, ==, 1);

  /* Never wider than a phone's window, however long the labels. */
  g_test_message ("minimum width %d", min_width (strip));
  g_assert_cmpint (min_width (strip), <=, 200);

  gtk_window_set_default_size (GTK_WINDOW (window), 800, 120);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (dossier_test_wait_for_draw (window));
  wait_compact (strip, FALSE);
  g_free (dossier_test_save_screenshot (window, "choice-strip-wide"));

  for (GtkWidget *w = gtk_widget_get_first_child (gtk_widget_get_first_child (strip)); w != NULL;
       w = gtk_widget_get_next_sibling (w))
    if (GTK_IS_DROP_DOWN (w))
      dropdown = w;
    else if (GTK_IS_BOX (w))
      toggles = w;
  g_assert_nonnull (dropdown);
  g_assert_nonnull (toggles);

  /* A toggle chosen: the drop-down follows. */
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (gtk_widget_get_last_child (toggles)), TRUE);
  g_assert_cmpstr (dossier_choice_strip_get_selected_id (DOSSIER_CHOICE_STRIP (strip)), ==, "drivers_license");
  g_assert_cmpuint (gtk_drop_down_get_selected (GTK_DROP_DOWN (dropdown)), ==, 2);
  g_assert_cmpuint (notified, ==, 2);

  /* A phone: the drop-down, the same choice. */
  gtk_window_set_default_size (GTK_WINDOW (window), 340, 120);
  wait_compact (strip, TRUE);
  g_assert_true (dossier_test_wait_for_draw (window));
  g_assert_true (gtk_widget_get_mapped (dropdown));
  g_assert_false (gtk_widget_get_mapped (toggles));
  g_assert_cmpint (gtk_widget_get_width (window), <=, 360);
  g_free (dossier_test_save_screenshot (window, "choice-strip-narrow"));

  /* Chosen in the drop-down: the toggles follow. */
  gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown), 1);
  g_assert_cmpstr (dossier_choice_strip_get_selected_id (DOSSIER_CHOICE_STRIP (strip)), ==, "national_id");
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (gtk_widget_get_next_sibling (gtk_widget_get_first_child (toggles)))));
  g_assert_cmpuint (notified, ==, 3);

  /* From code: no notification when nothing changes, an unknown id ignored. */
  dossier_choice_strip_set_selected_id (DOSSIER_CHOICE_STRIP (strip), "national_id");
  dossier_choice_strip_set_selected_id (DOSSIER_CHOICE_STRIP (strip), "residence_permit");
  g_assert_cmpuint (notified, ==, 3);
  g_assert_cmpstr (dossier_choice_strip_get_selected_id (DOSSIER_CHOICE_STRIP (strip)), ==, "national_id");

  /* Wide again: the toggles. */
  gtk_window_set_default_size (GTK_WINDOW (window), 800, 120);
  wait_compact (strip, FALSE);
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  g_test_add_func ("/dossier/ui/choice-strip/adapts", test_choice_strip);

  return g_test_run ();
}
