/* ioc-complaints-page-private.h — what tests and the benchmark reach into
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ioc-complaint-export.h"
#include "ioc-complaint-filter.h"
#include "ioc-complaint-filter-bar.h"
#include "ioc-complaints-page.h"

G_BEGIN_DECLS

IocComplaintFilter *ioc_complaints_page_get_filter      (IocComplaintsPage *self);
/* (transfer none): the sorted and filtered view shown. */
GListModel         *ioc_complaints_page_get_view        (IocComplaintsPage *self);
GtkColumnView      *ioc_complaints_page_get_column_view (IocComplaintsPage *self);
GtkWidget          *ioc_complaints_page_get_search_entry (IocComplaintsPage *self);
/* The counts line above the list, as shown. */
const char         *ioc_complaints_page_get_counts_text (IocComplaintsPage *self);
void                ioc_complaints_page_set_undo_delay  (IocComplaintsPage *self,
                                                         guint              milliseconds);
/* Fix "now" (tests, screenshots); NULL follows the clock. */
void                ioc_complaints_page_set_now         (IocComplaintsPage *self,
                                                         GDateTime         *now);
IocComplaint       *ioc_complaints_page_get_selected    (IocComplaintsPage *self);
gboolean            ioc_complaints_page_select_id       (IocComplaintsPage *self,
                                                         const char        *service_request_id);
/* Delivery state shown on a row: "pending" (undo window), "queued",
 * "sending", "sent", "conflict", "failed", or NULL. */
const char         *ioc_complaints_page_get_delivery    (IocComplaintsPage *self,
                                                         const char        *service_request_id);
/* Commit every action still in its undo window now. */
void                ioc_complaints_page_flush_pending   (IocComplaintsPage *self);
/* Refresh delivery states from the store now; @callback when done. */
void                ioc_complaints_page_refresh_outbox  (IocComplaintsPage  *self,
                                                         GAsyncReadyCallback callback,
                                                         gpointer            user_data);
/* The dialog an action or a conflict opened, if any (tests answer it). */
AdwMessageDialog   *ioc_complaints_page_get_dialog      (IocComplaintsPage *self);
GtkWidget          *ioc_complaints_page_get_detail      (IocComplaintsPage *self);
char               *ioc_complaints_page_dup_empty_message (IocComplaintsPage *self);
IocComplaintFilterBar *ioc_complaints_page_get_filter_bar (IocComplaintsPage *self);
/* Export the current view to @path off the main thread (what Ctrl+E does
 * after the file chooser); the toast's text once done, else NULL. */
void                ioc_complaints_page_export          (IocComplaintsPage        *self,
                                                         IocComplaintExportFormat  format,
                                                         const char               *path);
const char         *ioc_complaints_page_get_export_message (IocComplaintsPage *self);
/* (transfer none): the IocQueueExporter (tests check its thread). */
gpointer            ioc_complaints_page_get_exporter    (IocComplaintsPage *self);

G_END_DECLS
