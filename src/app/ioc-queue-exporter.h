/* ioc-queue-exporter.h — exports the complaints queue's current view
 * without blocking the main thread
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "ioc-complaint-export.h"

G_BEGIN_DECLS

#define IOC_TYPE_QUEUE_EXPORTER (ioc_queue_exporter_get_type ())
G_DECLARE_FINAL_TYPE (IocQueueExporter, ioc_queue_exporter, IOC, QUEUE_EXPORTER, GObject)

IocQueueExporter *ioc_queue_exporter_new          (void);
/* Snapshots @view (element-type IocComplaint) and @filter now, then writes
 * @path on a worker thread. */
void              ioc_queue_exporter_export_async (IocQueueExporter         *self,
                                                   GListModel               *view,
                                                   IocComplaintFilter       *filter,
                                                   IocComplaintExportFormat  format,
                                                   const char               *path,
                                                   GCancellable             *cancellable,
                                                   GAsyncReadyCallback       callback,
                                                   gpointer                  user_data);
/* @n_rows: (out) (optional): the rows written. */
gboolean          ioc_queue_exporter_export_finish (IocQueueExporter        *self,
                                                    GAsyncResult            *result,
                                                    guint                   *n_rows,
                                                    GError                 **error);
gboolean          ioc_queue_exporter_is_busy      (IocQueueExporter         *self);
/* The thread that wrote the last file (tests check it is not the main one). */
GThread          *ioc_queue_exporter_get_last_writer (IocQueueExporter      *self);

G_END_DECLS
