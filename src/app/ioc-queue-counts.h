/* ioc-queue-counts.h — the counts line above the complaints queue
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "ioc-calendar.h"

G_BEGIN_DECLS

#define IOC_TYPE_QUEUE_COUNTS (ioc_queue_counts_get_type ())
G_DECLARE_FINAL_TYPE (IocQueueCounts, ioc_queue_counts, IOC, QUEUE_COUNTS, GObject)

IocQueueCounts *ioc_queue_counts_new          (GtkWidget      *host,
                                               GtkLabel       *label,
                                               GListModel     *view);
void            ioc_queue_counts_set_model    (IocQueueCounts *self,
                                               GListModel     *complaints);
void            ioc_queue_counts_set_calendar (IocQueueCounts *self,
                                               IocCalendar    *calendar);
/* Fix "now" (tests, screenshots); NULL follows the clock. */
void            ioc_queue_counts_set_now      (IocQueueCounts *self,
                                               GDateTime      *now);
void            ioc_queue_counts_schedule     (IocQueueCounts *self);
void            ioc_queue_counts_update       (IocQueueCounts *self);
const char     *ioc_queue_counts_get_text     (IocQueueCounts *self);
void            ioc_queue_counts_stop         (IocQueueCounts *self);

G_END_DECLS
