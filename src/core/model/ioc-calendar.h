/* ioc-calendar.h — the working-day calendar of the province's agencies
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define IOC_CALENDAR_ERROR (ioc_calendar_error_quark ())

typedef enum {
  IOC_CALENDAR_ERROR_PARSE,     /* a line of a holidays file is malformed */
  IOC_CALENDAR_ERROR_CONFLICT,  /* a line contradicts an earlier one */
} IocCalendarError;

/* Why a day is, or is not, a working day. */
typedef enum {
  IOC_DAY_KIND_WORKING,      /* Monday–Friday, nothing declared */
  IOC_DAY_KIND_WEEKEND,      /* Saturday or Sunday, nothing declared */
  IOC_DAY_KIND_HOLIDAY,      /* a public holiday (Labour Code 2019 art. 112) */
  IOC_DAY_KIND_SUBSTITUTE,   /* off in lieu of a holiday on a weekend */
  IOC_DAY_KIND_DAY_OFF,      /* an extra day off the government announced */
  IOC_DAY_KIND_MAKEUP,       /* a weekend day declared a working day */
} IocDayKind;

#define IOC_TYPE_CALENDAR (ioc_calendar_get_type ())
G_DECLARE_FINAL_TYPE (IocCalendar, ioc_calendar, IOC, CALENDAR, GObject)

GQuark       ioc_calendar_error_quark       (void);

IocCalendar *ioc_calendar_new               (void);
IocCalendar *ioc_calendar_new_default       (void);

gboolean     ioc_calendar_load_data         (IocCalendar  *self,
                                             const char   *data,
                                             gssize        length,
                                             const char   *source_name,
                                             GError      **error);
gboolean     ioc_calendar_load_file         (IocCalendar  *self,
                                             const char   *path,
                                             GError      **error);

void         ioc_calendar_set_closing_time  (IocCalendar  *self,
                                             guint         hour,
                                             guint         minute);
void         ioc_calendar_get_closing_time  (IocCalendar  *self,
                                             guint        *hour,
                                             guint        *minute);

IocDayKind   ioc_calendar_get_day_kind      (IocCalendar  *self,
                                             const GDate  *date);
const char  *ioc_calendar_get_day_name      (IocCalendar  *self,
                                             const GDate  *date);
gboolean     ioc_calendar_is_working_day    (IocCalendar  *self,
                                             const GDate  *date);
void         ioc_calendar_add_working_days  (IocCalendar  *self,
                                             const GDate  *start,
                                             guint         n_days,
                                             GDate        *result,
                                             GArray       *skipped);
guint        ioc_calendar_count_days_off    (IocCalendar  *self,
                                             guint         year);
gboolean     ioc_calendar_knows_year        (IocCalendar  *self,
                                             guint         year);

GTimeZone   *ioc_calendar_get_time_zone     (void);

const char  *ioc_day_kind_label             (IocDayKind    kind);

/* A non-working day met while counting (ioc_calendar_add_working_days()). */
typedef struct {
  GDate       date;
  IocDayKind  kind;
  const char *name;   /* owned by the calendar; NULL for a plain weekend */
} IocSkippedDay;

G_END_DECLS
