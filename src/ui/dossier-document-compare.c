/* dossier-document-compare.c — a rejected picture beside its replacement, zoomed together
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Two DossierDocumentViewers whose zoom and scrolling are bound both ways, so that the
 * same detail is seen in both; the server's reasons stay pinned above the rejected one.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "dossier-document-compare.h"

struct _DossierDocumentCompare
{
  GtkWidget  parent_instance;

  GtkWidget *box;
  GtkSizeGroup *headers;
  GtkWidget *viewers[2];   /* 0: rejected, 1: replacement */
  GtkWidget *reasons;
  DossierDocumentImage *images[2];
  GdkTexture *textures[2];
  GtkAdjustment *adjustments[2][2];   /* [viewer][0: horizontal, 1: vertical] */
  int         scrolled_by[2];          /* per axis: the viewer scrolled last, or -1 */
  guint       sync_source;
  gboolean    syncing;
};

G_DEFINE_FINAL_TYPE (DossierDocumentCompare, dossier_document_compare, GTK_TYPE_WIDGET)

static void
dossier_document_compare_dispose (GObject *object)
{
  DossierDocumentCompare *self = (DossierDocumentCompare *) object;

  g_clear_handle_id (&self->sync_source, g_source_remove);
  for (guint i = 0; i < 2; i++)
    {
      g_clear_object (&self->images[i]);
      g_clear_object (&self->textures[i]);
    }
  g_clear_pointer (&self->box, gtk_widget_unparent);
  g_clear_object (&self->headers);

  G_OBJECT_CLASS (dossier_document_compare_parent_class)->dispose (object);
}

static void
dossier_document_compare_class_init (DossierDocumentCompareClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dossier_document_compare_dispose;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "documentcompare");
}

static GtkWidget *
column (DossierDocumentCompare *self,
        guint                   index)
{
  GtkWidget *card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *icon = gtk_image_new_from_icon_name (index == 0 ? "dialog-error-symbolic" : "emblem-ok-symbolic");
  GtkWidget *title = gtk_label_new (index == 0 ? _("Rejected Picture") : _("Replacement"));

  gtk_widget_set_hexpand (card, TRUE);
  gtk_widget_add_css_class (header, "dossier-compare-header");
  /* Equal headers, so that both pictures start at the same height. */
  gtk_size_group_add_widget (self->headers, header);
  gtk_widget_add_css_class (header, index == 0 ? "rejected" : "replacement");
  gtk_widget_set_valign (icon, GTK_ALIGN_START);
  gtk_box_append (GTK_BOX (header), icon);
  {
    GtkWidget *texts = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);

    gtk_widget_add_css_class (title, "heading");
    gtk_label_set_xalign (GTK_LABEL (title), 0);
    gtk_box_append (GTK_BOX (texts), title);
    if (index == 0)
      {
        self->reasons = gtk_label_new (NULL);
        gtk_label_set_wrap (GTK_LABEL (self->reasons), TRUE);
        gtk_label_set_xalign (GTK_LABEL (self->reasons), 0);
        gtk_box_append (GTK_BOX (texts), self->reasons);
      }
    else
      {
        GtkWidget *note = gtk_label_new (_("Not sent yet"));

        gtk_label_set_xalign (GTK_LABEL (note), 0);
        gtk_widget_add_css_class (note, "dim-label");
        gtk_box_append (GTK_BOX (texts), note);
      }
    gtk_widget_set_hexpand (texts, TRUE);
    gtk_box_append (GTK_BOX (header), texts);
  }
  gtk_box_append (GTK_BOX (card), header);
  self->viewers[index] = dossier_document_viewer_new ();
  gtk_widget_set_size_request (self->viewers[index], -1, 280);
  gtk_box_append (GTK_BOX (card), self->viewers[index]);
  return card;
}

/* Scrolling follows in the other viewer before the next frame, outside the layout that
 * may have moved the first (an adjustment set during another's allocation would ask for a
 * new allocation in the middle of one). */
static gboolean
sync_cb (gpointer user_data)
{
  DossierDocumentCompare *self = user_data;

  self->sync_source = 0;
  self->syncing = TRUE;
  for (guint axis = 0; axis < 2; axis++)
    {
      int from = self->scrolled_by[axis];

      if (from >= 0)
        gtk_adjustment_set_value (self->adjustments[!from][axis],
                                  gtk_adjustment_get_value (self->adjustments[from][axis]));
      self->scrolled_by[axis] = -1;
    }
  self->syncing = FALSE;
  return G_SOURCE_REMOVE;
}

static void
value_changed_cb (GtkAdjustment          *adjustment,
                  DossierDocumentCompare *self)
{
  if (self->syncing)
    return;
  for (guint i = 0; i < 2; i++)
    for (guint axis = 0; axis < 2; axis++)
      if (self->adjustments[i][axis] == adjustment)
        self->scrolled_by[axis] = i;
  if (self->sync_source == 0)
    self->sync_source = g_idle_add_full (G_PRIORITY_HIGH_IDLE + 10, sync_cb, self, NULL);
}

static void
dossier_document_compare_init (DossierDocumentCompare *self)
{
  DossierDocumentViewer *a, *b;
  GtkWidget *right = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);

  self->headers = gtk_size_group_new (GTK_SIZE_GROUP_VERTICAL);
  /* Two equal halves, the second with a rule on its left. */
  self->box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  gtk_box_set_homogeneous (GTK_BOX (self->box), TRUE);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));
  gtk_box_append (GTK_BOX (self->box), column (self, 0));
  gtk_box_append (GTK_BOX (right), gtk_separator_new (GTK_ORIENTATION_VERTICAL));
  gtk_box_append (GTK_BOX (right), column (self, 1));
  gtk_box_append (GTK_BOX (self->box), right);

  /* Linked: the same zoom and the same place in both. */
  a = DOSSIER_DOCUMENT_VIEWER (self->viewers[0]);
  b = DOSSIER_DOCUMENT_VIEWER (self->viewers[1]);
  g_object_bind_property (a, "zoom", b, "zoom", G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  self->scrolled_by[0] = self->scrolled_by[1] = -1;
  for (guint i = 0; i < 2; i++)
    {
      DossierDocumentViewer *viewer = DOSSIER_DOCUMENT_VIEWER (self->viewers[i]);

      self->adjustments[i][0] = dossier_document_viewer_get_hadjustment (viewer);
      self->adjustments[i][1] = dossier_document_viewer_get_vadjustment (viewer);
      for (guint axis = 0; axis < 2; axis++)
        g_signal_connect_object (self->adjustments[i][axis], "value-changed",
                                 G_CALLBACK (value_changed_cb), self, 0);
    }
}

/**
 * dossier_document_compare_new:
 *
 * Returns: (transfer floating): a new comparison
 */
GtkWidget *
dossier_document_compare_new (void)
{
  return g_object_new (DOSSIER_TYPE_DOCUMENT_COMPARE, NULL);
}

static void
show (DossierDocumentCompare *self,
      guint                   index,
      DossierDocumentImage   *image,
      GdkTexture             *texture)
{
  DossierDocumentViewer *viewer = DOSSIER_DOCUMENT_VIEWER (self->viewers[index]);

  if (self->images[index] == image && self->textures[index] == texture)
    return;
  g_set_object (&self->images[index], image);
  g_set_object (&self->textures[index], texture);
  dossier_document_viewer_set_image (viewer, DOSSIER_DOCUMENT_SIDE_FRONT, image);
  if (texture != NULL && image != NULL)
    dossier_document_viewer_set_texture (viewer, DOSSIER_DOCUMENT_SIDE_FRONT, texture, NULL);
}

void
dossier_document_compare_set_rejected (DossierDocumentCompare *self,
                                       DossierDocumentImage   *image,
                                       GdkTexture             *texture,
                                       const char             *reasons)
{
  g_return_if_fail (DOSSIER_IS_DOCUMENT_COMPARE (self));
  g_return_if_fail (!image || DOSSIER_IS_DOCUMENT_IMAGE (image));

  show (self, 0, image, texture);
  gtk_label_set_label (GTK_LABEL (self->reasons), reasons != NULL ? reasons : "");
}

void
dossier_document_compare_set_replacement (DossierDocumentCompare *self,
                                          DossierDocumentImage   *image,
                                          GdkTexture             *texture)
{
  g_return_if_fail (DOSSIER_IS_DOCUMENT_COMPARE (self));
  g_return_if_fail (!image || DOSSIER_IS_DOCUMENT_IMAGE (image));

  show (self, 1, image, texture);
}

const char *
dossier_document_compare_get_reasons (DossierDocumentCompare *self)
{
  g_return_val_if_fail (DOSSIER_IS_DOCUMENT_COMPARE (self), NULL);

  return gtk_label_get_label (GTK_LABEL (self->reasons));
}

/**
 * dossier_document_compare_get_viewer:
 *
 * Returns: (transfer none): the viewer of the rejected picture or of its replacement
 */
DossierDocumentViewer *
dossier_document_compare_get_viewer (DossierDocumentCompare *self,
                                     gboolean                rejected)
{
  g_return_val_if_fail (DOSSIER_IS_DOCUMENT_COMPARE (self), NULL);

  return DOSSIER_DOCUMENT_VIEWER (self->viewers[rejected ? 0 : 1]);
}
