/* ioc-kpi-point.h — one bucket of KPI history, and the week-over-week comparison
 *
 * Plain value types (no pointers), returned in GArrays by IocStore.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * IocKpiBucket:
 * @IOC_KPI_BUCKET_HOURLY: one hour, starting on the hour
 * @IOC_KPI_BUCKET_DAILY: one local day, starting at local midnight
 *
 * Stored as its integer value: append new values at the end only.
 */
typedef enum {
  IOC_KPI_BUCKET_HOURLY,
  IOC_KPI_BUCKET_DAILY,
} IocKpiBucket;

/**
 * IocKpiPoint:
 * @start: bucket start (µs since the epoch, UTC), see ioc_kpi_bucket_start()
 * @value: the KPI over the bucket: a total for counting KPIs, a mean for
 *   level KPIs (AQI, on-time rate); the KPI's owner decides which
 * @count: how many samples/events the bucket holds (the weight of @value)
 */
typedef struct {
  gint64 start;
  double value;
  gint64 count;
} IocKpiPoint;

/**
 * IocKpiWeekComparison:
 * @this_week_start: Monday 00:00 of the ISO week compared (µs, UTC)
 * @this_sum: sum of the daily values of that week
 * @this_mean: count-weighted mean of the daily values (NaN when no sample)
 * @this_count: sum of the daily counts
 * @this_days: how many daily buckets exist
 * @prev_sum: same for the previous ISO week
 * @prev_mean: same for the previous ISO week
 * @prev_count: same for the previous ISO week
 * @prev_days: same for the previous ISO week
 *
 * Week-over-week comparison of a KPI (product.md: weekly briefing "with
 * week-over-week deltas"). Which of sum or mean is meaningful depends on
 * the KPI; both are given.
 */
typedef struct {
  gint64 this_week_start;
  double this_sum;
  double this_mean;
  gint64 this_count;
  guint  this_days;
  double prev_sum;
  double prev_mean;
  gint64 prev_count;
  guint  prev_days;
} IocKpiWeekComparison;

gint64 ioc_kpi_bucket_start (IocKpiBucket  bucket,
                             gint64        time,
                             GTimeZone    *tz);

G_END_DECLS
