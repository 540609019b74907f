/* ioc-queue-cell-cache.c — the laid-out texts of one column of the queue
 *
 * Issue "Complaint triage": "scrolling keeps up with 60 frames per second"
 * with 100 000 complaints. Scrolling a screenful binds ~35 new rows, 11
 * cells each, and laying each text out (itemising and shaping it with
 * HarfBuzz) was a large part of a frame (bench/bench-queue.c). Most columns
 * hold few distinct values (6 statuses, 4 priorities, ~15 fields and
 * agencies, ~100 communes, one date per day): cells showing the same text
 * share one PangoLayout, shaped once. Layouts are made from one Pango
 * context, the column view's, rather than one context per cell.
 *
 * The cache forgets everything when the owner's context changes (font,
 * resolution, font options: Pango bumps its serial) and when a column
 * has collected too many distinct texts.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "ioc-queue-cell-cache.h"

/* Distinct texts kept per column before starting over: a column of dates
 * or countdowns grows as one scrolls; this bounds it (~200 KiB). */
#define MAX_ENTRIES 1024

struct _IocQueueCellCache
{
  gatomicrefcount ref_count;
  GtkWidget      *owner;       /* weak */
  gboolean        shared;
  guint           serial;      /* of the owner's context when filled */
  GHashTable     *entries;     /* text → Entry */
  /* Font metrics, for measuring without laying anything out. */
  int             char_width;  /* Pango units, 0 until known */
  int             line_height;
};

typedef struct {
  PangoLayout    *layout;
  int             width;
  PangoRectangle  logical;
} Entry;

G_DEFINE_BOXED_TYPE (IocQueueCellCache, ioc_queue_cell_cache,
                     ioc_queue_cell_cache_ref, ioc_queue_cell_cache_unref)

static void
entry_free (gpointer data)
{
  Entry *entry = data;

  g_object_unref (entry->layout);
  g_free (entry);
}

/**
 * ioc_queue_cell_cache_new:
 * @owner: the widget whose font the texts use (the column view)
 * @shared: whether cells showing the same text share a layout
 *
 * Returns: (transfer full): an empty cache
 */
IocQueueCellCache *
ioc_queue_cell_cache_new (GtkWidget *owner,
                          gboolean   shared)
{
  IocQueueCellCache *self;

  g_return_val_if_fail (GTK_IS_WIDGET (owner), NULL);

  self = g_new0 (IocQueueCellCache, 1);
  g_atomic_ref_count_init (&self->ref_count);
  g_set_weak_pointer (&self->owner, owner);
  self->shared = shared;
  self->entries = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, entry_free);
  return self;
}

IocQueueCellCache *
ioc_queue_cell_cache_ref (IocQueueCellCache *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
ioc_queue_cell_cache_unref (IocQueueCellCache *self)
{
  g_return_if_fail (self != NULL);
  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;
  g_clear_weak_pointer (&self->owner);
  g_hash_table_unref (self->entries);
  g_free (self);
}

/* The owner's context, with what was computed for an older one dropped. */
PangoContext *
ioc_queue_cell_cache_get_context (IocQueueCellCache *self)
{
  PangoContext *context;

  g_return_val_if_fail (self != NULL, NULL);

  if (self->owner == NULL)
    return NULL;
  context = gtk_widget_get_pango_context (self->owner);
  if (pango_context_get_serial (context) != self->serial)
    {
      g_hash_table_remove_all (self->entries);
      self->char_width = 0;
      self->serial = pango_context_get_serial (context);
    }
  return context;
}

/**
 * ioc_queue_cell_cache_measure:
 * @chars: a number of characters
 * @width: (out): their width in pixels (the wider of an average
 *   character and a digit: codes and dates are mostly digits)
 * @line_height: (out): the height of a line in pixels
 *
 * Sizes of a cell that do not depend on its text, so that a new text
 * never changes the layout of the list.
 */
void
ioc_queue_cell_cache_measure (IocQueueCellCache *self,
                              guint              chars,
                              int               *width,
                              int               *line_height)
{
  PangoContext *context;

  g_return_if_fail (self != NULL);

  context = ioc_queue_cell_cache_get_context (self);
  if (context != NULL && self->char_width == 0)
    {
      PangoFontMetrics *metrics = pango_context_get_metrics (context, NULL, NULL);

      self->char_width = MAX (pango_font_metrics_get_approximate_char_width (metrics),
                              pango_font_metrics_get_approximate_digit_width (metrics));
      self->line_height = pango_font_metrics_get_ascent (metrics) + pango_font_metrics_get_descent (metrics);
      pango_font_metrics_unref (metrics);
    }
  *width = PANGO_PIXELS_CEIL ((gint64) self->char_width * chars);
  *line_height = PANGO_PIXELS_CEIL (self->line_height);
}

/**
 * ioc_queue_cell_cache_lookup:
 * @text: the text, not empty
 * @width: the cell's width in pixels
 * @logical: (out): the layout's logical extents in pixels
 *
 * Returns: (transfer none) (nullable): the shared layout of @text
 */
PangoLayout *
ioc_queue_cell_cache_lookup (IocQueueCellCache *self,
                             const char        *text,
                             int                width,
                             PangoRectangle    *logical)
{
  PangoContext *context;
  Entry *entry;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (text != NULL, NULL);

  if (!self->shared || (context = ioc_queue_cell_cache_get_context (self)) == NULL)
    return NULL;
  entry = g_hash_table_lookup (self->entries, text);
  if (entry == NULL || entry->width != width)
    {
      if (entry == NULL && g_hash_table_size (self->entries) >= MAX_ENTRIES)
        g_hash_table_remove_all (self->entries);
      entry = g_new0 (Entry, 1);
      entry->layout = pango_layout_new (context);
      entry->width = width;
      pango_layout_set_text (entry->layout, text, -1);
      pango_layout_set_single_paragraph_mode (entry->layout, TRUE);
      pango_layout_set_ellipsize (entry->layout, PANGO_ELLIPSIZE_END);
      pango_layout_set_width (entry->layout, width * PANGO_SCALE);
      pango_layout_get_pixel_extents (entry->layout, NULL, &entry->logical);
      g_hash_table_replace (self->entries, g_strdup (text), entry);
    }
  *logical = entry->logical;
  return entry->layout;
}
