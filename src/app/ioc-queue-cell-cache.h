/* ioc-queue-cell-cache.h — the laid-out texts of one column of the queue
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

typedef struct _IocQueueCellCache IocQueueCellCache;

#define IOC_TYPE_QUEUE_CELL_CACHE (ioc_queue_cell_cache_get_type ())
GType              ioc_queue_cell_cache_get_type (void) G_GNUC_CONST;

/* Texts are laid out with @owner's font (held weakly: the column view);
 * @shared: whether cells showing the same text share one layout (a column
 * of few distinct values), else each cell keeps its own. */
IocQueueCellCache *ioc_queue_cell_cache_new      (GtkWidget         *owner,
                                                  gboolean           shared);
IocQueueCellCache *ioc_queue_cell_cache_ref      (IocQueueCellCache *self);
void               ioc_queue_cell_cache_unref    (IocQueueCellCache *self);
/* (transfer none) (nullable): the owner's Pango context, NULL once it is gone. */
PangoContext      *ioc_queue_cell_cache_get_context (IocQueueCellCache *self);
/* Width and height in pixels of @chars characters of the owner's font. */
void               ioc_queue_cell_cache_measure  (IocQueueCellCache *self,
                                                  guint              chars,
                                                  int               *width,
                                                  int               *line_height);
/* (transfer none) (nullable): @text laid out on one line ellipsized at
 * @width pixels, and its logical extents; NULL when layouts are not shared
 * or the owner is gone. Valid until the next call. */
PangoLayout       *ioc_queue_cell_cache_lookup   (IocQueueCellCache *self,
                                                  const char        *text,
                                                  int                width,
                                                  PangoRectangle    *logical);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (IocQueueCellCache, ioc_queue_cell_cache_unref)

G_END_DECLS
