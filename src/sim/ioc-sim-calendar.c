/* ioc-sim-calendar.c — civil time in Vietnam (UTC+7) and the simulator's working-day rule
 *
 * Vietnam has no daylight saving time, so local time is UTC + 7 h and plain
 * arithmetic on Unix seconds is exact. The simulator computes its own
 * expected_datetime (feeds.md §1: a server's value wins over the client's),
 * with a deliberately small rule: Monday–Friday minus the public holidays of
 * domain.md §3 (Labour Code 2019 art. 112), a weekend holiday moving to the
 * next working day.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ioc-sim-calendar.h"

/* Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm). */
static gint64
days_from_civil (int y, int m, int d)
{
  gint64 era, yoe, doy, doe;

  y -= m <= 2;
  era = (y >= 0 ? y : y - 399) / 400;
  yoe = y - era * 400;
  doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

static void
civil_from_days (gint64 z, int *y, int *m, int *d)
{
  gint64 era, doe, yoe, doy, mp;

  z += 719468;
  era = (z >= 0 ? z : z - 146096) / 146097;
  doe = z - era * 146097;
  yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  mp = (5 * doy + 2) / 153;
  *d = (int) (doy - (153 * mp + 2) / 5 + 1);
  *m = (int) (mp < 10 ? mp + 3 : mp - 9);
  *y = (int) (yoe + era * 400 + (*m <= 2));
}

static gint64
floor_div (gint64 a, gint64 b)
{
  return a >= 0 ? a / b : -((-a + b - 1) / b);
}

/** ioc_sim_calendar_day_number: local (UTC+7) days since 1970-01-01. */
gint64
ioc_sim_calendar_day_number (gint64 t)
{
  return floor_div (t + IOC_SIM_TZ_OFFSET, 86400);
}

/** ioc_sim_calendar_from_civil: Unix time of a local (UTC+7) civil time. */
gint64
ioc_sim_calendar_from_civil (int year, int month, int day,
                             int hour, int minute, int second)
{
  return days_from_civil (year, month, day) * 86400
         + hour * 3600 + minute * 60 + second - IOC_SIM_TZ_OFFSET;
}

gint64
ioc_sim_calendar_year_start (int year)
{
  return ioc_sim_calendar_from_civil (year, 1, 1, 0, 0, 0);
}

void
ioc_sim_calendar_to_civil (gint64       t,
                           IocSimCivil *c)
{
  gint64 local = t + IOC_SIM_TZ_OFFSET;
  gint64 days = floor_div (local, 86400);
  gint64 secs = local - days * 86400;

  civil_from_days (days, &c->year, &c->month, &c->day);
  c->hour = (int) (secs / 3600);
  c->minute = (int) (secs / 60 % 60);
  c->second = (int) (secs % 60);
  c->weekday = (int) (((days % 7) + 11) % 7); /* 1970-01-01 was a Thursday */
}

/** ioc_sim_calendar_format: ISO 8601 with the +07:00 offset (feeds.md §1). */
void
ioc_sim_calendar_format (gint64 t,
                         char   buf[IOC_SIM_ISO_LEN])
{
  IocSimCivil c;

  ioc_sim_calendar_to_civil (t, &c);
  g_snprintf (buf, IOC_SIM_ISO_LEN, "%04d-%02d-%02dT%02d:%02d:%02d+07:00",
              c.year, c.month, c.day, c.hour, c.minute, c.second);
}

void
ioc_sim_calendar_format_date (gint64 t,
                              char   buf[11])
{
  IocSimCivil c;

  ioc_sim_calendar_to_civil (t, &c);
  g_snprintf (buf, 11, "%04d-%02d-%02d", c.year, c.month, c.day);
}

/** ioc_sim_calendar_parse_date: a plain YYYY-MM-DD, local midnight. */
gboolean
ioc_sim_calendar_parse_date (const char *text,
                             gint64     *t)
{
  int y, m, d;
  char tail;

  if (text == NULL || strlen (text) != 10
      || sscanf (text, "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3)
    return FALSE;
  if (m < 1 || m > 12 || d < 1 || d > 31 || !g_date_valid_dmy (d, m, y))
    return FALSE;
  *t = ioc_sim_calendar_from_civil (y, m, d, 0, 0, 0);
  return TRUE;
}

/**
 * ioc_sim_calendar_parse:
 *
 * ISO 8601 date-time; without an offset it is read as Vietnamese local time,
 * a bare date as local midnight (Open311 clients commonly send either).
 */
gboolean
ioc_sim_calendar_parse (const char *text,
                        gint64     *t)
{
  g_autoptr(GTimeZone) tz = NULL;
  g_autoptr(GDateTime) dt = NULL;

  if (text == NULL || *text == '\0')
    return FALSE;
  if (ioc_sim_calendar_parse_date (text, t))
    return TRUE;
  tz = g_time_zone_new_offset (IOC_SIM_TZ_OFFSET);
  dt = g_date_time_new_from_iso8601 (text, tz);
  if (dt == NULL)
    return FALSE;
  *t = g_date_time_to_unix (dt);
  return TRUE;
}

/* Lunar-calendar holidays the decision cannot compute: Tết (lunar new year's
 * day; the holiday runs from the day before to three days after) and Hùng
 * Kings' day, from domain.md §3 and the published calendars of 2023. */
static const struct { int y, tet_m, tet_d, hung_m, hung_d; } lunar[] = {
  { 2023, 1, 22, 4, 29 },
  { 2024, 2, 10, 4, 18 },
  { 2025, 1, 29, 4, 7 },
  { 2026, 2, 17, 4, 26 },
  { 2027, 2, 6, 4, 16 },
};

static int
cmp_gint64 (gconstpointer a, gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

static gboolean
is_weekend (gint64 day)
{
  int wd = (int) (((day % 7) + 11) % 7);

  return wd == 0 || wd == 6;
}

static GArray *
build_holidays (void)
{
  GArray *days = g_array_new (FALSE, FALSE, sizeof (gint64));
  GArray *out = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (int y = 2015; y <= 2035; y++)
    {
      gint64 fixed[] = {
        days_from_civil (y, 1, 1), days_from_civil (y, 4, 30),
        days_from_civil (y, 5, 1), days_from_civil (y, 9, 2),
        days_from_civil (y, 9, 3),
      };

      g_array_append_vals (days, fixed, G_N_ELEMENTS (fixed));
      for (guint i = 0; i < G_N_ELEMENTS (lunar); i++)
        if (lunar[i].y == y)
          {
            gint64 tet = days_from_civil (y, lunar[i].tet_m, lunar[i].tet_d);
            gint64 hung = days_from_civil (y, lunar[i].hung_m, lunar[i].hung_d);

            for (int k = -1; k <= 3; k++)
              {
                gint64 d = tet + k;
                g_array_append_val (days, d);
              }
            g_array_append_val (days, hung);
          }
    }
  g_array_sort (days, cmp_gint64);

  /* A holiday on a weekend gives the next free working day off (art. 112). */
  for (guint i = 0; i < days->len; i++)
    {
      gint64 d = g_array_index (days, gint64, i);
      gboolean taken = FALSE;

      for (guint j = 0; j < out->len; j++)
        if (g_array_index (out, gint64, j) == d)
          taken = TRUE;
      if (taken || is_weekend (d))
        {
          do
            {
              d++;
              taken = FALSE;
              for (guint j = 0; j < out->len; j++)
                if (g_array_index (out, gint64, j) == d)
                  taken = TRUE;
              for (guint j = i + 1; j < days->len; j++)
                if (g_array_index (days, gint64, j) == d)
                  taken = TRUE;
            }
          while (is_weekend (d) || taken);
        }
      g_array_append_val (out, d);
    }
  g_array_sort (out, cmp_gint64);
  g_array_unref (days);
  return out;
}

static gboolean
is_holiday (gint64 day)
{
  static GArray *holidays;

  if (g_once_init_enter (&holidays))
    g_once_init_leave (&holidays, build_holidays ());
  return bsearch (&day, holidays->data, holidays->len, sizeof (gint64), cmp_gint64) != NULL;
}

/** ioc_sim_calendar_is_working_day: Monday–Friday minus holidays (domain.md §3). */
gboolean
ioc_sim_calendar_is_working_day (gint64 t)
{
  gint64 day = ioc_sim_calendar_day_number (t);

  return !is_weekend (day) && !is_holiday (day);
}

/**
 * ioc_sim_calendar_add_working_days:
 *
 * The simulator's expected_datetime: @n working days after @t, keeping the
 * time of day (domain.md §3 deadlines table; the client has its own rule).
 */
gint64
ioc_sim_calendar_add_working_days (gint64 t,
                                   guint  n)
{
  while (n > 0)
    {
      t += 86400;
      if (ioc_sim_calendar_is_working_day (t))
        n--;
    }
  return t;
}
