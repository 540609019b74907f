/* ioc-complaint-row.h — a stable row of the complaints list and the model of them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "ioc-complaint.h"

G_BEGIN_DECLS

#define IOC_TYPE_COMPLAINT_ROW (ioc_complaint_row_get_type ())
G_DECLARE_FINAL_TYPE (IocComplaintRow, ioc_complaint_row, IOC, COMPLAINT_ROW, GObject)

/* (transfer none) (nullable): the complaint this row shows now. */
IocComplaint *ioc_complaint_row_get_complaint (IocComplaintRow *self);

/* Called when the row shows another complaint or its complaint changed. */
typedef void (*IocComplaintRowWatch) (IocComplaintRow *row,
                                      gpointer         user_data);
/* A plain callback, not a signal handler: the cells of a row watch it from
 * bind to unbind, hundreds of times a second while scrolling. */
void          ioc_complaint_row_watch         (IocComplaintRow      *self,
                                               IocComplaintRowWatch  func,
                                               gpointer              user_data);
void          ioc_complaint_row_unwatch       (IocComplaintRow      *self,
                                               IocComplaintRowWatch  func,
                                               gpointer              user_data);

#define IOC_TYPE_COMPLAINT_ROW_MODEL (ioc_complaint_row_model_get_type ())
G_DECLARE_FINAL_TYPE (IocComplaintRowModel, ioc_complaint_row_model, IOC, COMPLAINT_ROW_MODEL, GObject)

/* Rows over @complaints (element-type IocComplaint): row i always is the
 * same object and shows complaint i. */
IocComplaintRowModel *ioc_complaint_row_model_new (GListModel *complaints);

G_END_DECLS
