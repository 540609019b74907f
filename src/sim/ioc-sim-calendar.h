/* ioc-sim-calendar.h — civil time in Vietnam (UTC+7) and the simulator's working-day rule
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define IOC_SIM_TZ_OFFSET (7 * 3600)
#define IOC_SIM_ISO_LEN 26 /* "2024-12-31T23:59:59+07:00" + NUL */

typedef struct {
  int year, month, day, hour, minute, second;
  int weekday; /* 0 = Sunday … 6 = Saturday */
} IocSimCivil;

gint64   ioc_sim_calendar_day_number     (gint64       t);
gint64   ioc_sim_calendar_from_civil     (int          year,
                                          int          month,
                                          int          day,
                                          int          hour,
                                          int          minute,
                                          int          second);
void     ioc_sim_calendar_to_civil       (gint64       t,
                                          IocSimCivil *civil);
void     ioc_sim_calendar_format         (gint64       t,
                                          char         buf[IOC_SIM_ISO_LEN]);
void     ioc_sim_calendar_format_date    (gint64       t,
                                          char         buf[11]);
gboolean ioc_sim_calendar_parse          (const char  *text,
                                          gint64      *t);
gboolean ioc_sim_calendar_parse_date     (const char  *text,
                                          gint64      *t);
gboolean ioc_sim_calendar_is_working_day (gint64       t);
gint64   ioc_sim_calendar_add_working_days (gint64     t,
                                            guint      n);
gint64   ioc_sim_calendar_year_start     (int          year);

G_END_DECLS
