/* dossier-client-row.c — one client in the list: name, email, status line, waiting badge
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Kept light on purpose: four labels laid out by the row itself (no boxes), no bindings.
 * GtkListView (GTK 4.8) keeps about 200 rows alive around what is on screen, and with
 * 100 000 clients every keystroke hands each of them another client: setting and then
 * measuring (shaping) the text of 200 rows costs far more than a frame. So a row fills its
 * labels only while it is in the list's viewport; a row out of view notes that its item
 * changed and fills its labels when its allocation finds it in view. GTK skips the
 * allocation of a widget that only moved, so a stale row asks for one, and the rows in view
 * or stale ask again whenever the list scrolls or its viewport changes size (GTK binds and
 * moves rows during allocation too, and lays the frame out again for the few that filled
 * there). Its natural width is its minimum: the width of the list never depends on the text
 * of its rows. A client with documents waiting to be sent (the request cache counts them)
 * shows a mark before the badge, said in its tooltip and accessible label.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "dossier-client-row.h"
#include "dossier-ui-closures.h"
#include "dossier-window.h"

/* The layout the template's boxes had: text column and badge, three lines. */
#define ROW_MARGIN_Y   6
#define LINE_SPACING   2
#define BADGE_SPACING 12

struct _DossierClientRow
{
  GtkWidget          parent_instance;

  GtkLabel          *name_label;
  GtkLabel          *email_label;
  GtkLabel          *detail_label;
  GtkLabel          *badge;
  GtkWidget         *unsent_mark;

  DossierClientItem *item;
  GSignalGroup      *cache_signals;   /* the window's request cache: documents waiting */
  GSignalGroup      *item_signals;
  GSignalGroup      *client_signals;
  GSignalGroup      *scroll_signals;  /* the viewport's vertical adjustment */
  guint              in_view : 1;  /* as of the last allocation; FALSE before the first */
  guint              stale : 1;    /* the labels do not show the item yet */
};

G_DEFINE_FINAL_TYPE (DossierClientRow, dossier_client_row, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_ITEM,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static void
set_label (GtkLabel   *label,
           const char *text)
{
  if (g_strcmp0 (gtk_label_get_label (label), text) != 0)
    gtk_label_set_text (label, text);
}

static void
dossier_client_row_fill_unsent (DossierClientRow *self,
                                DossierClient    *client)
{
  g_autoptr(DossierRequestCache) cache = g_signal_group_dup_target (self->cache_signals);
  const char *id = dossier_client_get_id (client);
  guint n_unsent = cache != NULL ? dossier_request_cache_get_n_unsent (cache, id) : 0;
  g_autofree char *text = NULL;

  if (n_unsent > 0)
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "%u document waiting to be sent",
                                         "%u documents waiting to be sent", n_unsent),
                            n_unsent);
  if (g_strcmp0 (gtk_widget_get_tooltip_text (self->unsent_mark), text) != 0)
    {
      gtk_widget_set_tooltip_text (self->unsent_mark, text);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->unsent_mark), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      text != NULL ? text : "", -1);
    }
  gtk_widget_set_visible (self->unsent_mark, n_unsent > 0);
}

static void
dossier_client_row_fill (DossierClientRow *self)
{
  const DossierRequestSummary *summary;
  g_autofree char *name = NULL;
  g_autofree char *detail = NULL;
  DossierClient *client;
  gint64 now;

  self->stale = FALSE;
  if (self->item == NULL)
    {
      g_signal_group_set_target (self->client_signals, NULL);
      return;
    }

  client = dossier_client_item_get_client (self->item);
  summary = dossier_client_item_get_summary (self->item);
  now = g_get_real_time ();
  /* Edits of the client shown (same object, new fields) refill the row. */
  g_signal_group_set_target (self->client_signals, client);

  name = dossier_client_get_display_name (client);
  set_label (self->name_label, name);
  set_label (self->email_label, dossier_client_get_email (client));
  gtk_widget_set_visible (GTK_WIDGET (self->email_label),
                          *dossier_client_get_email (client) != '\0');
  if (summary != NULL && summary->failed_at > 0)
    /* Translators: the client's status, then why nothing newer is shown */
    detail = g_strdup_printf (_("%s · requests could not be checked"),
                              dossier_ui_client_status_label (dossier_client_get_status (client)));
  else
    detail = dossier_ui_format_row_detail (dossier_client_get_status (client), summary, now);
  set_label (self->detail_label, detail);
  dossier_client_row_fill_unsent (self, client);

  if (summary != NULL && summary->n_open > 0)
    {
      gboolean on_me = dossier_request_summary_waits_on_me (summary);
      g_autofree char *waiting = NULL;

      /* Who it waits on is said in words; the colour only repeats it. */
      waiting = dossier_ui_format_waiting (dossier_request_summary_get_waiting_days (summary, now), on_me);
      set_label (self->badge, waiting);
      gtk_widget_remove_css_class (GTK_WIDGET (self->badge), "rejected");
      if (on_me)
        {
          gtk_widget_add_css_class (GTK_WIDGET (self->badge), "waiting-on-me");
          gtk_widget_set_tooltip_text (GTK_WIDGET (self->badge),
                                       summary->n_waiting > 0
                                       ? _("Something is missing: this request waits on you")
                                       : _("Nothing is missing: this request waits for you to submit it"));
        }
      else
        {
          gtk_widget_remove_css_class (GTK_WIDGET (self->badge), "waiting-on-me");
          gtk_widget_set_tooltip_text (GTK_WIDGET (self->badge),
                                       _("In review: this request waits on the provider"));
        }
      gtk_widget_set_visible (GTK_WIDGET (self->badge), TRUE);
    }
  else if (summary != NULL && summary->rejected_at > 0)
    {
      g_autofree char *rejected =
        dossier_ui_format_rejected (dossier_request_summary_get_rejected_days (summary, now));

      /* A rejection no new request followed: the officer's move, said in words and red. */
      set_label (self->badge, rejected);
      gtk_widget_remove_css_class (GTK_WIDGET (self->badge), "waiting-on-me");
      gtk_widget_add_css_class (GTK_WIDGET (self->badge), "rejected");
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->badge),
                                   _("A product request was rejected: its reason says what to correct"));
      gtk_widget_set_visible (GTK_WIDGET (self->badge), TRUE);
    }
  else
    gtk_widget_set_visible (GTK_WIDGET (self->badge), FALSE);
}

/* The item (or its client) changed: refill now if the row is seen, else when it is. */
static void
dossier_client_row_update (DossierClientRow *self)
{
  if (self->in_view)
    {
      dossier_client_row_fill (self);
      return;
    }

  self->stale = TRUE;
  /* Its next allocation looks again, even if the row only moves (bound to another
   * position while the list scrolls). */
  gtk_widget_queue_allocate (GTK_WIDGET (self));
}

/* Documents of a client wait to be sent, or were sent at last. */
static void
unsent_changed_cb (DossierClientRow *self,
                   const char       *client_id)
{
  DossierClient *client = self->item != NULL ? dossier_client_item_get_client (self->item) : NULL;

  if (client != NULL && (client_id == NULL || g_strcmp0 (client_id, dossier_client_get_id (client)) == 0))
    dossier_client_row_update (self);
}

/* The list scrolled or its viewport resized: rows may have come into view or left it. */
static void
viewport_changed_cb (DossierClientRow *self)
{
  if (self->stale || self->in_view)
    gtk_widget_queue_allocate (GTK_WIDGET (self));
}

static GtkWidget *
find_viewport (DossierClientRow *self)
{
  return gtk_widget_get_ancestor (GTK_WIDGET (self), GTK_TYPE_SCROLLABLE);
}

static void
dossier_client_row_root (GtkWidget *widget)
{
  DossierClientRow *self = DOSSIER_CLIENT_ROW (widget);
  GtkWidget *viewport;
  GtkRoot *root;

  GTK_WIDGET_CLASS (dossier_client_row_parent_class)->root (widget);

  root = gtk_widget_get_root (widget);
  g_signal_group_set_target (self->cache_signals, DOSSIER_IS_WINDOW (root)
                                                  ? dossier_window_get_request_cache (DOSSIER_WINDOW (root))
                                                  : NULL);
  viewport = find_viewport (self);
  g_signal_group_set_target (self->scroll_signals,
                             viewport != NULL ? gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (viewport)) : NULL);
}

static void
dossier_client_row_unroot (GtkWidget *widget)
{
  DossierClientRow *self = DOSSIER_CLIENT_ROW (widget);

  g_signal_group_set_target (self->scroll_signals, NULL);
  g_signal_group_set_target (self->cache_signals, NULL);

  GTK_WIDGET_CLASS (dossier_client_row_parent_class)->unroot (widget);
}

static gboolean
dossier_client_row_compute_in_view (DossierClientRow *self,
                                    int               height)
{
  GtkWidget *viewport = find_viewport (self);
  graphene_point_t origin;

  if (viewport == NULL
      || !gtk_widget_compute_point (GTK_WIDGET (self), viewport, &GRAPHENE_POINT_INIT (0, 0), &origin))
    return TRUE;

  return origin.y < gtk_widget_get_height (viewport) && origin.y + height > 0;
}

static void
dossier_client_row_measure (GtkWidget      *widget,
                            GtkOrientation  orientation,
                            int             for_size,
                            int            *minimum,
                            int            *natural,
                            int            *minimum_baseline,
                            int            *natural_baseline)
{
  DossierClientRow *self = DOSSIER_CLIENT_ROW (widget);
  GtkWidget *lines[] = { GTK_WIDGET (self->name_label), GTK_WIDGET (self->email_label),
                         GTK_WIDGET (self->detail_label) };
  gboolean badge = gtk_widget_get_visible (GTK_WIDGET (self->badge));
  gboolean mark = gtk_widget_get_visible (self->unsent_mark);
  int badge_min = 0;
  int badge_nat = 0;
  int mark_nat = 0;
  int text = 0;
  int n = 0;

  if (badge)
    gtk_widget_measure (GTK_WIDGET (self->badge), orientation, -1, &badge_min, &badge_nat, NULL, NULL);
  if (mark)
    gtk_widget_measure (self->unsent_mark, orientation, -1, NULL, &mark_nat, NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (lines); i++)
    {
      int min = 0;

      if (!gtk_widget_get_visible (lines[i]))
        continue;
      /* Single ellipsized lines: their height does not depend on the width. */
      gtk_widget_measure (lines[i], orientation, -1, &min, NULL, NULL, NULL);
      if (orientation == GTK_ORIENTATION_HORIZONTAL)
        text = MAX (text, min);
      else
        text += min + (n > 0 ? LINE_SPACING : 0);
      n++;
    }

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    *minimum = *natural = text + (badge ? BADGE_SPACING + badge_nat : 0) + (mark ? BADGE_SPACING + mark_nat : 0);
  else
    *minimum = *natural = MAX (MAX (text, badge_nat), mark_nat) + 2 * ROW_MARGIN_Y;
}

static void
dossier_client_row_size_allocate (GtkWidget *widget,
                                  int        width,
                                  int        height,
                                  int        baseline)
{
  DossierClientRow *self = DOSSIER_CLIENT_ROW (widget);
  GtkWidget *lines[] = { GTK_WIDGET (self->name_label), GTK_WIDGET (self->email_label),
                         GTK_WIDGET (self->detail_label) };
  int text_width = width;
  int y = ROW_MARGIN_Y;

  self->in_view = dossier_client_row_compute_in_view (self, height);
  /* Brought into view: the new text is measured below, the frame laid out again. */
  if (self->in_view && self->stale)
    dossier_client_row_fill (self);

  if (gtk_widget_get_visible (GTK_WIDGET (self->badge)))
    {
      int badge_width = 0;
      int badge_height = 0;

      gtk_widget_measure (GTK_WIDGET (self->badge), GTK_ORIENTATION_HORIZONTAL, -1,
                          NULL, &badge_width, NULL, NULL);
      gtk_widget_measure (GTK_WIDGET (self->badge), GTK_ORIENTATION_VERTICAL, -1,
                          NULL, &badge_height, NULL, NULL);
      badge_width = MIN (badge_width, width);
      text_width = MAX (0, width - badge_width - BADGE_SPACING);
      gtk_widget_size_allocate (GTK_WIDGET (self->badge),
                                &(GtkAllocation) { width - badge_width, (height - badge_height) / 2,
                                                   badge_width, badge_height }, -1);
    }

  if (gtk_widget_get_visible (self->unsent_mark))
    {
      int mark_width = 0;
      int mark_height = 0;

      gtk_widget_measure (self->unsent_mark, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &mark_width, NULL, NULL);
      gtk_widget_measure (self->unsent_mark, GTK_ORIENTATION_VERTICAL, -1, NULL, &mark_height, NULL, NULL);
      mark_width = MIN (mark_width, text_width);
      text_width = MAX (0, text_width - mark_width - BADGE_SPACING);
      gtk_widget_size_allocate (self->unsent_mark,
                                &(GtkAllocation) { text_width + BADGE_SPACING, (height - mark_height) / 2,
                                                   mark_width, mark_height }, -1);
    }

  for (guint i = 0; i < G_N_ELEMENTS (lines); i++)
    {
      int line_height = 0;

      if (!gtk_widget_get_visible (lines[i]))
        continue;
      gtk_widget_measure (lines[i], GTK_ORIENTATION_VERTICAL, -1, NULL, &line_height, NULL, NULL);
      gtk_widget_size_allocate (lines[i], &(GtkAllocation) { 0, y, text_width, line_height }, -1);
      y += line_height + LINE_SPACING;
    }
}

static void
dossier_client_row_dispose (GObject *object)
{
  DossierClientRow *self = DOSSIER_CLIENT_ROW (object);

  g_clear_object (&self->item);
  g_clear_object (&self->item_signals);
  g_clear_object (&self->client_signals);
  g_clear_object (&self->scroll_signals);
  g_clear_object (&self->cache_signals);
  gtk_widget_dispose_template (GTK_WIDGET (self), DOSSIER_TYPE_CLIENT_ROW);

  G_OBJECT_CLASS (dossier_client_row_parent_class)->dispose (object);
}

static void
dossier_client_row_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  DossierClientRow *self = DOSSIER_CLIENT_ROW (object);

  switch (prop_id)
    {
    case PROP_ITEM:
      g_value_set_object (value, self->item);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dossier_client_row_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  DossierClientRow *self = DOSSIER_CLIENT_ROW (object);

  switch (prop_id)
    {
    case PROP_ITEM:
      dossier_client_row_set_item (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dossier_client_row_class_init (DossierClientRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dossier_client_row_dispose;
  object_class->get_property = dossier_client_row_get_property;
  object_class->set_property = dossier_client_row_set_property;
  widget_class->measure = dossier_client_row_measure;
  widget_class->size_allocate = dossier_client_row_size_allocate;
  widget_class->root = dossier_client_row_root;
  widget_class->unroot = dossier_client_row_unroot;

  properties[PROP_ITEM] =
    g_param_spec_object ("item", NULL, NULL, DOSSIER_TYPE_CLIENT_ITEM,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/dossier-client-row.ui");
  gtk_widget_class_bind_template_child (widget_class, DossierClientRow, name_label);
  gtk_widget_class_bind_template_child (widget_class, DossierClientRow, email_label);
  gtk_widget_class_bind_template_child (widget_class, DossierClientRow, detail_label);
  gtk_widget_class_bind_template_child (widget_class, DossierClientRow, badge);
  gtk_widget_class_bind_template_child (widget_class, DossierClientRow, unsent_mark);
  gtk_widget_class_set_css_name (widget_class, "dossier-client-row");
}

static void
dossier_client_row_init (DossierClientRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  /* Until its first allocation a row cannot tell: it fills its labels then, if seen. */
  self->in_view = FALSE;
  self->item_signals = g_signal_group_new (DOSSIER_TYPE_CLIENT_ITEM);
  g_signal_group_connect_swapped (self->item_signals, "changed",
                                  G_CALLBACK (dossier_client_row_update), self);
  self->client_signals = g_signal_group_new (DOSSIER_TYPE_CLIENT);
  g_signal_group_connect_swapped (self->client_signals, "notify",
                                  G_CALLBACK (dossier_client_row_update), self);
  self->scroll_signals = g_signal_group_new (GTK_TYPE_ADJUSTMENT);
  g_signal_group_connect_swapped (self->scroll_signals, "value-changed",
                                  G_CALLBACK (viewport_changed_cb), self);
  g_signal_group_connect_swapped (self->scroll_signals, "changed",
                                  G_CALLBACK (viewport_changed_cb), self);
  self->cache_signals = g_signal_group_new (DOSSIER_TYPE_REQUEST_CACHE);
  g_signal_group_connect_swapped (self->cache_signals, "unsent-changed",
                                  G_CALLBACK (unsent_changed_cb), self);
}

/**
 * dossier_client_row_get_item:
 * @self: a #DossierClientRow
 *
 * Returns: (transfer none) (nullable): the item shown
 */
DossierClientItem *
dossier_client_row_get_item (DossierClientRow *self)
{
  g_return_val_if_fail (DOSSIER_IS_CLIENT_ROW (self), NULL);

  return self->item;
}

/**
 * dossier_client_row_set_item:
 * @self: a #DossierClientRow
 * @item: (nullable): the item to show
 *
 * The labels follow at once when the row is in view, else when it comes into view.
 */
void
dossier_client_row_set_item (DossierClientRow  *self,
                             DossierClientItem *item)
{
  g_return_if_fail (DOSSIER_IS_CLIENT_ROW (self));
  g_return_if_fail (!item || DOSSIER_IS_CLIENT_ITEM (item));

  if (self->item == item)
    return;

  g_set_object (&self->item, item);
  g_signal_group_set_target (self->item_signals, item);
  dossier_client_row_update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ITEM]);
}

/* Rows GTK let go of (their positions went when a search narrowed the list), kept to be
 * handed out again when the list grows back: building a row costs far more than moving
 * one. GTK takes a row out of its list item before the factory hears of the teardown, so
 * the pool notices rows losing their parent. Never more than GTK keeps alive at once. */
#define ROW_POOL_SIZE 256
#define ROW_POOL_KEY "dossier-client-row-pool"

static void
row_parent_changed_cb (GtkWidget          *row,
                       GParamSpec         *pspec,
                       GtkListItemFactory *factory)
{
  GPtrArray *pool = g_object_get_data (G_OBJECT (factory), ROW_POOL_KEY);

  if (gtk_widget_get_parent (row) == NULL && pool->len < ROW_POOL_SIZE)
    g_ptr_array_add (pool, g_object_ref (row));
}

static void
factory_setup_cb (GtkListItemFactory *factory,
                  GtkListItem        *list_item)
{
  GPtrArray *pool = g_object_get_data (G_OBJECT (factory), ROW_POOL_KEY);
  GtkWidget *row;

  if (pool->len > 0)
    {
      g_autoptr(GtkWidget) pooled = g_ptr_array_steal_index (pool, pool->len - 1);

      gtk_list_item_set_child (list_item, pooled);
      return;
    }

  row = g_object_new (DOSSIER_TYPE_CLIENT_ROW, NULL);
  g_signal_connect_object (row, "notify::parent", G_CALLBACK (row_parent_changed_cb), factory, 0);
  gtk_list_item_set_child (list_item, row);
}

static void
factory_bind_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *list_item)
{
  dossier_client_row_set_item (DOSSIER_CLIENT_ROW (gtk_list_item_get_child (list_item)),
                               gtk_list_item_get_item (list_item));
}

static void
factory_unbind_cb (GtkSignalListItemFactory *factory,
                   GtkListItem              *list_item)
{
  dossier_client_row_set_item (DOSSIER_CLIENT_ROW (gtk_list_item_get_child (list_item)), NULL);
}

/**
 * dossier_client_row_factory_new:
 *
 * The list's rows, built in code: cheaper per row than a builder factory (no builder and
 * no expression per row), and rows GTK drops are kept for the next ones it asks for.
 *
 * Returns: (transfer full): a factory of #DossierClientRow for a model of #DossierClientItem
 */
GtkListItemFactory *
dossier_client_row_factory_new (void)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  g_object_set_data_full (G_OBJECT (factory), ROW_POOL_KEY,
                          g_ptr_array_new_with_free_func (g_object_unref),
                          (GDestroyNotify) g_ptr_array_unref);
  g_signal_connect (factory, "setup", G_CALLBACK (factory_setup_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (factory_bind_cb), NULL);
  g_signal_connect (factory, "unbind", G_CALLBACK (factory_unbind_cb), NULL);

  return factory;
}
