/* ioc-complaint-export.h — the complaints queue's current view as CSV or XLSX
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "ioc-complaint-filter.h"

G_BEGIN_DECLS

typedef enum {
  IOC_COMPLAINT_EXPORT_CSV,
  IOC_COMPLAINT_EXPORT_XLSX,
} IocComplaintExportFormat;

/* The columns, in file order. */
typedef enum {
  IOC_EXPORT_COLUMN_CODE,
  IOC_EXPORT_COLUMN_RECEIVED,
  IOC_EXPORT_COLUMN_FIELD,
  IOC_EXPORT_COLUMN_COMMUNE,
  IOC_EXPORT_COLUMN_STATUS,
  IOC_EXPORT_COLUMN_DUE,
  IOC_EXPORT_COLUMN_OVERDUE,
  IOC_EXPORT_COLUMN_AGENCY,
  IOC_EXPORT_COLUMN_PRIORITY,
  IOC_EXPORT_COLUMN_PHOTOS,
  IOC_EXPORT_COLUMN_ASSIGNEE,
  IOC_EXPORT_COLUMN_ADDRESS,
  IOC_EXPORT_COLUMN_DESCRIPTION,
  IOC_N_EXPORT_COLUMNS
} IocExportColumn;

const char *ioc_complaint_export_column_title (IocExportColumn column); /* translated */
/* (transfer full): one cell as text; control characters made visible. */
char       *ioc_complaint_export_cell         (IocComplaint       *complaint,
                                               IocExportColumn     column,
                                               IocComplaintFilter *context);
char       *ioc_complaint_export_clean_text   (const char         *text);

gboolean    ioc_complaint_export_csv          (GListModel         *complaints,
                                               IocComplaintFilter *context,
                                               GOutputStream      *out,
                                               GCancellable       *cancellable,
                                               GError            **error);
gboolean    ioc_complaint_export_to_file      (GListModel         *complaints,
                                               IocComplaintFilter *context,
                                               IocComplaintExportFormat format,
                                               const char         *path,
                                               GError            **error);

G_END_DECLS
