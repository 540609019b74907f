/* ioc-queue-cell.c — one cell of the complaints queue: a line of text
 *
 * Issue "Complaint triage": "scrolling keeps up with 60 frames per second"
 * with 100 000 complaints (bench/bench-queue.c). GtkInscription was the
 * cheapest GTK 4.8 widget for this, yet each one made its own Pango context
 * and layout, and shaped its text again whenever it was set. A cell here
 * sizes itself from font metrics alone (a text never changes the list's
 * layout), takes its text's layout from its column's cache (shared between
 * cells showing the same text: statuses, fields, communes, dates) and
 * draws it with one text node, ellipsized at the end.
 *
 * Screen readers read the text: the cell is a label whose accessible name
 * is its text.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "ioc-queue-cell.h"

struct _IocQueueCell
{
  GtkWidget          parent_instance;

  IocQueueCellCache *cache;
  char              *text;
  const char        *tone;            /* static: the CSS class set, or NULL */
  guint              min_chars;
  guint              nat_chars;
  float              xalign;
  /* The cell's own layout, for a column whose texts are not shared. */
  PangoLayout       *layout;
  int                layout_width;    /* -1: to lay out again */
  guint              serial;          /* of the context it was laid out with */
  PangoRectangle     logical;
};

G_DEFINE_FINAL_TYPE (IocQueueCell, ioc_queue_cell, GTK_TYPE_WIDGET)

static void
ioc_queue_cell_measure (GtkWidget      *widget,
                        GtkOrientation  orientation,
                        int             for_size,
                        int            *minimum,
                        int            *natural,
                        int            *minimum_baseline,
                        int            *natural_baseline)
{
  IocQueueCell *self = IOC_QUEUE_CELL (widget);
  int width, height;

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      ioc_queue_cell_cache_measure (self->cache, self->min_chars, minimum, &height);
      ioc_queue_cell_cache_measure (self->cache, self->nat_chars, natural, &height);
    }
  else
    {
      ioc_queue_cell_cache_measure (self->cache, 1, &width, &height);
      *minimum = *natural = height;
    }
}

/* The layout to draw, with its logical extents; NULL when there is nothing
 * to draw or no font to draw with. */
static PangoLayout *
cell_layout (IocQueueCell   *self,
             int             width,
             PangoRectangle *logical)
{
  PangoLayout *layout = ioc_queue_cell_cache_lookup (self->cache, self->text, width, logical);
  PangoContext *context;

  if (layout != NULL)
    return layout;
  /* Not shared: the cell's own, laid out when its text or width changed. */
  if ((context = ioc_queue_cell_cache_get_context (self->cache)) == NULL)
    return NULL;
  if (self->layout != NULL && pango_layout_get_context (self->layout) != context)
    g_clear_object (&self->layout);
  if (self->layout == NULL)
    {
      self->layout = pango_layout_new (context);
      pango_layout_set_single_paragraph_mode (self->layout, TRUE);
      pango_layout_set_ellipsize (self->layout, PANGO_ELLIPSIZE_END);
      self->layout_width = -1;
    }
  if (pango_context_get_serial (context) != self->serial)
    {
      /* The font or its options changed. */
      pango_layout_context_changed (self->layout);
      self->serial = pango_context_get_serial (context);
      self->layout_width = -1;
    }
  if (self->layout_width != width)
    {
      pango_layout_set_text (self->layout, self->text, -1);
      pango_layout_set_width (self->layout, width * PANGO_SCALE);
      pango_layout_get_pixel_extents (self->layout, NULL, &self->logical);
      self->layout_width = width;
    }
  *logical = self->logical;
  return self->layout;
}

static void
ioc_queue_cell_snapshot (GtkWidget   *widget,
                         GtkSnapshot *snapshot)
{
  IocQueueCell *self = IOC_QUEUE_CELL (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  PangoRectangle logical;
  PangoLayout *layout;
  GdkRGBA color;
  float x = 0;

  if (self->text == NULL || *self->text == '\0' || width <= 0)
    return;
  if ((layout = cell_layout (self, width, &logical)) == NULL)
    return;
  if (logical.width < width)
    x = (width - logical.width) * (gtk_widget_get_direction (widget) == GTK_TEXT_DIR_RTL
                                   ? 1 - self->xalign : self->xalign);
  /* The theme's colour for this cell (its tone classes: error, warning). */
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &color);
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x - logical.x, floorf ((height - logical.height) / 2.f) - logical.y));
  gtk_snapshot_append_layout (snapshot, layout, &color);
  gtk_snapshot_restore (snapshot);
}

static void
ioc_queue_cell_finalize (GObject *object)
{
  IocQueueCell *self = IOC_QUEUE_CELL (object);

  g_clear_object (&self->layout);
  g_clear_pointer (&self->text, g_free);
  g_clear_pointer (&self->cache, ioc_queue_cell_cache_unref);
  G_OBJECT_CLASS (ioc_queue_cell_parent_class)->finalize (object);
}

static void
ioc_queue_cell_class_init (IocQueueCellClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = ioc_queue_cell_finalize;
  widget_class->measure = ioc_queue_cell_measure;
  widget_class->snapshot = ioc_queue_cell_snapshot;
  /* Styled as the labels of other lists are (tone classes, dim-label). */
  gtk_widget_class_set_css_name (widget_class, "label");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_LABEL);
}

static void
ioc_queue_cell_init (IocQueueCell *self)
{
  self->layout_width = -1;
}

/**
 * ioc_queue_cell_new:
 * @cache: the column's layouts and font metrics
 * @min_chars: the least width, in characters
 * @nat_chars: the natural width, in characters
 * @xalign: where a shorter text sits, 0 (start) to 1 (end)
 *
 * Returns: (transfer full): an empty cell
 */
GtkWidget *
ioc_queue_cell_new (IocQueueCellCache *cache,
                    guint              min_chars,
                    guint              nat_chars,
                    float              xalign)
{
  IocQueueCell *self;

  g_return_val_if_fail (cache != NULL, NULL);

  self = g_object_new (IOC_TYPE_QUEUE_CELL, NULL);
  self->cache = ioc_queue_cell_cache_ref (cache);
  self->min_chars = min_chars;
  self->nat_chars = MAX (min_chars, nat_chars);
  self->xalign = CLAMP (xalign, 0.f, 1.f);
  return GTK_WIDGET (self);
}

/**
 * ioc_queue_cell_set_text:
 * @text: (nullable): plain text
 *
 * Shows @text; its size does not change the cell's, so only a redraw is
 * needed. A screen reader reads it as the cell's name.
 */
void
ioc_queue_cell_set_text (IocQueueCell *self,
                         const char   *text)
{
  g_return_if_fail (IOC_IS_QUEUE_CELL (self));

  if (g_strcmp0 (self->text, text) == 0)
    return;
  g_free (self->text);
  self->text = g_strdup (text);
  self->layout_width = -1;
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  text != NULL ? text : "", -1);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/** ioc_queue_cell_get_text: Returns: (nullable): the text shown */
const char *
ioc_queue_cell_get_text (IocQueueCell *self)
{
  g_return_val_if_fail (IOC_IS_QUEUE_CELL (self), NULL);
  return self->text;
}

/**
 * ioc_queue_cell_set_tone:
 * @tone: (nullable): a static CSS class name ("error", "warning",
 *   "dim-label") or %NULL
 *
 * Changes the cell's classes only when the tone differs: each change
 * restyles the cell, and a scroll binds hundreds of cells a second
 * (asking GTK whether a class is set costs a global string lookup).
 */
void
ioc_queue_cell_set_tone (IocQueueCell *self,
                         const char   *tone)
{
  g_return_if_fail (IOC_IS_QUEUE_CELL (self));

  if (g_strcmp0 (self->tone, tone) == 0)
    return;
  if (self->tone != NULL)
    gtk_widget_remove_css_class (GTK_WIDGET (self), self->tone);
  self->tone = tone;
  if (tone != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self), tone);
}
