/* ioc-complaint-cache.h — per-complaint values the queue needs on every
 * keystroke and every sort: the folded search text and the deadline
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ioc-calendar.h"
#include "ioc-complaint.h"
#include "ioc-deadline.h"
#include "ioc-field.h"

G_BEGIN_DECLS

const char        *ioc_complaint_cache_haystack (IocComplaint *complaint);
const IocDeadline *ioc_complaint_cache_deadline (IocComplaint *complaint,
                                                 IocCalendar  *calendar);
gboolean           ioc_complaint_get_field      (IocComplaint *complaint,
                                                 IocField     *field);
IocSlaTier         ioc_complaint_sla_tier       (IocComplaint *complaint);

G_END_DECLS
