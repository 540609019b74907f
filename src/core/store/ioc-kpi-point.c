/* ioc-kpi-point.c — bucket arithmetic for KPI history
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "ioc-kpi-point.h"

/**
 * ioc_kpi_bucket_start:
 * @bucket: hourly or daily
 * @time: a time (µs since the epoch, UTC)
 * @tz: (nullable): the time zone whose midnight starts a day; %NULL means
 *   the province's time, Asia/Ho_Chi_Minh (UTC+7, no daylight saving)
 *
 * Floors @time to the start of its bucket. Days are local days because the
 * dashboard's "today", the TTHC daily counts (feeds.md §3 `daily.json`) and
 * the weekly briefing are all in provincial time, not UTC.
 *
 * Returns: the bucket start, µs since the epoch
 */
gint64
ioc_kpi_bucket_start (IocKpiBucket  bucket,
                      gint64        time,
                      GTimeZone    *tz)
{
  g_autoptr(GTimeZone) own_tz = NULL;
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GDateTime) local = NULL;
  g_autoptr(GDateTime) start = NULL;
  gint64 secs = time / G_USEC_PER_SEC;

  if (time < 0 && time % G_USEC_PER_SEC != 0)
    secs--;

  if (tz == NULL)
    tz = own_tz = g_time_zone_new_identifier ("Asia/Ho_Chi_Minh");
  if (tz == NULL)
    tz = own_tz = g_time_zone_new_offset (7 * 3600);

  utc = g_date_time_new_from_unix_utc (secs);
  local = g_date_time_to_timezone (utc, tz);
  if (bucket == IOC_KPI_BUCKET_HOURLY)
    start = g_date_time_new (tz, g_date_time_get_year (local), g_date_time_get_month (local),
                             g_date_time_get_day_of_month (local), g_date_time_get_hour (local), 0, 0);
  else
    start = g_date_time_new (tz, g_date_time_get_year (local), g_date_time_get_month (local),
                             g_date_time_get_day_of_month (local), 0, 0, 0);

  return g_date_time_to_unix (start) * G_USEC_PER_SEC;
}
