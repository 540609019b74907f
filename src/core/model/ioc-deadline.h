/* ioc-deadline.h — the due time of a complaint and how it was computed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "ioc-calendar.h"
#include "ioc-sla-tier.h"

G_BEGIN_DECLS

/* domain.md §3 / product.md: amber when a quarter or less of the allowed time is left. */
#define IOC_DEADLINE_WARNING_FRACTION 0.25

typedef enum {
  IOC_DEADLINE_SOURCE_CALENDAR,  /* computed from the tier and the calendar */
  IOC_DEADLINE_SOURCE_SERVER,    /* the feed's expected_datetime */
} IocDeadlineSource;

/* domain.md §3: the server's expected_datetime wins only when it is
 * plausible — not before receipt, and at most this many days after it. */
#define IOC_DEADLINE_SERVER_MAX_DAYS 366

/* Why the server's expected_datetime was set aside for the calendar's answer. */
typedef enum {
  IOC_DEADLINE_REJECTION_NONE,            /* no server value, or it was used */
  IOC_DEADLINE_REJECTION_BEFORE_RECEIPT,  /* due before the complaint was received */
  IOC_DEADLINE_REJECTION_TOO_LATE,        /* due more than IOC_DEADLINE_SERVER_MAX_DAYS
                                             days after receipt */
} IocDeadlineRejection;

typedef enum {
  IOC_DEADLINE_STATE_CLOSED,     /* the complaint is no longer open */
  IOC_DEADLINE_STATE_ON_TRACK,
  IOC_DEADLINE_STATE_DUE_SOON,   /* open, ≤ 25 % of the allowed time left */
  IOC_DEADLINE_STATE_OVERDUE,    /* open and past due ("Quá hạn") */
} IocDeadlineState;

/* Read-only after ioc_deadline_compute(): the fields are the explanation the
 * UI shows under "how it was computed". */
typedef struct {
  IocDeadlineSource  source;
  IocDeadlineRejection server_rejected; /* not NONE: source is CALENDAR
                                           although the server sent a due time */
  GDateTime         *server_due;     /* nullable: the server's expected_datetime
                                        in local time (as sent if it has none),
                                        used or set aside */
  IocSlaTier         tier;
  guint              working_days;   /* allowed time, in working days */
  GDateTime         *received;       /* in local time (Asia/Ho_Chi_Minh) */
  GDateTime         *due;            /* in local time: the one that counts */
  GDateTime         *computed_due;   /* the calendar's answer, even when the
                                        server's wins */
  GDate              first_day;      /* first working day counted */
  GDate              last_day;       /* the day computed_due falls on */
  guint              closing_hour;   /* end of the working day used */
  guint              closing_minute;
  gboolean           holidays_known; /* the calendar covers every year from
                                        receipt to last_day */
  GArray            *skipped;        /* IocSkippedDay: days not counted
                                        between receipt and last_day */
  IocCalendar       *calendar;       /* keeps the skipped days' names alive */
} IocDeadline;

#define IOC_TYPE_DEADLINE (ioc_deadline_get_type ())
GType             ioc_deadline_get_type       (void) G_GNUC_CONST;

IocDeadlineRejection ioc_deadline_check_server_due (GDateTime     *received,
                                                    GDateTime     *expected);
IocDeadline      *ioc_deadline_compute        (IocCalendar        *calendar,
                                               GDateTime          *received,
                                               IocSlaTier          tier,
                                               GDateTime          *expected);
IocDeadline      *ioc_deadline_compute_days   (IocCalendar        *calendar,
                                               GDateTime          *received,
                                               IocSlaTier          tier,
                                               guint               working_days,
                                               GDateTime          *expected);
IocDeadline      *ioc_deadline_copy           (const IocDeadline  *deadline);
void              ioc_deadline_free           (IocDeadline        *deadline);

GTimeSpan         ioc_deadline_time_left      (const IocDeadline  *deadline,
                                               GDateTime          *now);
double            ioc_deadline_fraction_left  (const IocDeadline  *deadline,
                                               GDateTime          *now);
gboolean          ioc_deadline_is_overdue     (const IocDeadline  *deadline,
                                               gboolean            is_open,
                                               GDateTime          *now);
IocDeadlineState  ioc_deadline_get_state      (const IocDeadline  *deadline,
                                               gboolean            is_open,
                                               GDateTime          *now);
gboolean          ioc_deadline_met_by         (const IocDeadline  *deadline,
                                               GDateTime          *handled_at);
guint             ioc_deadline_count_holidays (const IocDeadline  *deadline);
char             *ioc_deadline_describe_rejection (const IocDeadline *deadline);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (IocDeadline, ioc_deadline_free)

G_END_DECLS
