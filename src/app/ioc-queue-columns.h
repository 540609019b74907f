/* ioc-queue-columns.h — the columns of the complaints queue: their cells,
 * tones, tooltips and sort orders
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "ioc-calendar.h"
#include "ioc-complaint.h"

G_BEGIN_DECLS

/* The delivery state of @complaint's latest action ("pending", "queued",
 * "sending", "sent", "conflict", "failed") or NULL; @message: (out)
 * (optional) (nullable): the server's or the store's words about it. */
typedef const char *(*IocQueueDeliveryFunc) (IocComplaint  *complaint,
                                             const char   **message,
                                             gpointer       user_data);

#define IOC_TYPE_QUEUE_COLUMNS (ioc_queue_columns_get_type ())
G_DECLARE_FINAL_TYPE (IocQueueColumns, ioc_queue_columns, IOC, QUEUE_COLUMNS, GObject)

/* Appends the queue's columns to @column_view (held weakly: the page owns both). */
IocQueueColumns     *ioc_queue_columns_new              (GtkColumnView        *column_view,
                                                         IocQueueDeliveryFunc  delivery,
                                                         gpointer              user_data);
void                 ioc_queue_columns_set_calendar     (IocQueueColumns      *self,
                                                         IocCalendar          *calendar);
/* Fix "now" (tests, screenshots); NULL follows the clock. */
void                 ioc_queue_columns_set_now          (IocQueueColumns      *self,
                                                         GDateTime            *now);
/* (transfer none): the Due column, the queue's default order. */
GtkColumnViewColumn *ioc_queue_columns_get_due_column   (IocQueueColumns      *self);
/* Rewrite the cells shown of the Due column (the clock moved on) or of the
 * Sync column (a delivery state changed). */
void                 ioc_queue_columns_refresh_due      (IocQueueColumns      *self);
void                 ioc_queue_columns_refresh_delivery (IocQueueColumns      *self);

G_END_DECLS
