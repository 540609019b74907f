/* ioc-complaint-view.h — the sorted, filtered view of the complaints queue
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "ioc-complaint-filter.h"

G_BEGIN_DECLS

#define IOC_TYPE_COMPLAINT_VIEW (ioc_complaint_view_get_type ())
G_DECLARE_FINAL_TYPE (IocComplaintView, ioc_complaint_view, IOC, COMPLAINT_VIEW, GObject)

IocComplaintView *ioc_complaint_view_new        (IocComplaintFilter *filter,
                                                 GtkSorter          *sorter);
/* @source: the live complaints; when it is an IocKeyedListModel, the
 * complaints its "items-updated" announces move to their sorted place. */
void              ioc_complaint_view_set_source (IocComplaintView   *self,
                                                 GListModel         *source);
/* Re-run the filter (e.g. the clock moved on and "overdue" changed). */
void              ioc_complaint_view_refilter   (IocComplaintView   *self);
/* Position of @complaint in the view: a scan of an array, no references taken. */
gboolean          ioc_complaint_view_find       (IocComplaintView   *self,
                                                 IocComplaint       *complaint,
                                                 guint              *position);

G_END_DECLS
