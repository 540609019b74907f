/* ioc-complaint-status.h — complaint statuses (domain.md §3)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "ioc-enums.h"

G_BEGIN_DECLS

typedef enum {
  IOC_COMPLAINT_STATUS_NEW,
  IOC_COMPLAINT_STATUS_ACKNOWLEDGED,
  IOC_COMPLAINT_STATUS_IN_PROGRESS,
  IOC_COMPLAINT_STATUS_REOPENED,
  IOC_COMPLAINT_STATUS_RESOLVED,
  IOC_COMPLAINT_STATUS_REJECTED,
  IOC_COMPLAINT_STATUS_DUPLICATE,
  IOC_N_COMPLAINT_STATUSES /*< skip >*/
} IocComplaintStatus;


const char *ioc_complaint_status_to_string   (IocComplaintStatus  status); /* "in_progress" */
gboolean    ioc_complaint_status_from_string (const char         *name,
                                              IocComplaintStatus *status);
const char *ioc_complaint_status_label       (IocComplaintStatus  status); /* translated */
/* Open311 `status`: TRUE for open (new, acknowledged, in_progress, reopened). */
gboolean    ioc_complaint_status_is_open     (IocComplaintStatus  status);

G_END_DECLS
