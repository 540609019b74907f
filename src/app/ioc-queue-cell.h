/* ioc-queue-cell.h — one cell of the complaints queue: a line of text
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "ioc-queue-cell-cache.h"

G_BEGIN_DECLS

#define IOC_TYPE_QUEUE_CELL (ioc_queue_cell_get_type ())
G_DECLARE_FINAL_TYPE (IocQueueCell, ioc_queue_cell, IOC, QUEUE_CELL, GtkWidget)

/* A cell @min_chars wide at least, @nat_chars naturally, its text placed
 * at @xalign (0 start, 1 end) when narrower; layouts from @cache. */
GtkWidget  *ioc_queue_cell_new      (IocQueueCellCache *cache,
                                     guint              min_chars,
                                     guint              nat_chars,
                                     float              xalign);
/* Plain text, never markup; NULL shows nothing. */
void        ioc_queue_cell_set_text (IocQueueCell      *self,
                                     const char        *text);
const char *ioc_queue_cell_get_text (IocQueueCell      *self);
/* The CSS class that colours the text ("error", "warning", "dim-label"),
 * or NULL for none; @tone must be a static string. */
void        ioc_queue_cell_set_tone (IocQueueCell      *self,
                                     const char        *tone);

G_END_DECLS
