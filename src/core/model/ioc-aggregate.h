/* ioc-aggregate.h — statistics over many complaints (domain.md §1, §3):
 * resolution and on-time rates, counts by key and by time bucket, duplicate
 * candidates, median time to resolve
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "ioc-complaint.h"

G_BEGIN_DECLS

/* A rate always carries its counts, so that it is recomputed, never copied
 * from a report (domain.md §1). */
typedef struct {
  guint64  numerator;
  guint64  denominator;
  gboolean defined;     /* FALSE when the denominator is 0 */
  double   value;       /* numerator / denominator, 0–1; 0 when undefined */
} IocRate;

void        ioc_rate_init (IocRate *rate,
                           guint64  numerator,
                           guint64  denominator);

typedef enum {
  IOC_AGGREGATE_BY_FIELD,     /* canonical ASCII field code, else service_code as sent */
  IOC_AGGREGATE_BY_COMMUNE,   /* commune_code */
  IOC_AGGREGATE_BY_STATUS,    /* effective status wire code ("in_progress") */
  IOC_AGGREGATE_BY_AGENCY,    /* agency_responsible */
  IOC_AGGREGATE_BY_DAY,       /* local day of requested_datetime, "2024-12-31" (+07:00) */
} IocAggregateKey;

typedef enum {
  IOC_TIME_BUCKET_HOUR,
  IOC_TIME_BUCKET_DAY,
  IOC_TIME_BUCKET_WEEK,       /* ISO week: Monday 00:00 local time */
} IocTimeBucket;

typedef struct {
  gint64 start;               /* Unix seconds of the bucket's start (local +07:00 boundary) */
  guint  count;
} IocTimeCount;

typedef struct {
  guint      a;               /* indices into the complaints array, a < b */
  guint      b;
  double     distance_m;
  GTimeSpan  interval;        /* |requested_b − requested_a|, µs */
} IocDuplicatePair;

/* The due time of one complaint, (transfer full) (nullable). The aggregate
 * functions use expected_datetime first when the server sent one (domain.md
 * §3) and call this only otherwise, so the calendar can stay out of this file. */
typedef GDateTime *(*IocDueTimeFunc) (IocComplaint *complaint,
                                      gpointer      user_data);

/* (transfer full) (element-type IocComplaint): the items of @model, for the
 * functions below. The functions only read the complaints, but IocComplaint
 * is not thread-safe: on a worker thread, aggregate over copies
 * (ioc_complaint_copy()) if the main thread may update the originals. */
GPtrArray  *ioc_aggregate_snapshot               (GListModel    *model);

/* The rules of domain.md §3 over @complaints (element-type IocComplaint). A
 * period is [@from, @to); either end may be NULL for unbounded. */
gboolean    ioc_aggregate_in_period              (GDateTime     *t,
                                                  GDateTime     *from,
                                                  GDateTime     *to);
void        ioc_aggregate_resolution_rate        (GPtrArray     *complaints,
                                                  GDateTime     *from,
                                                  GDateTime     *to,
                                                  IocRate       *rate);
void        ioc_aggregate_on_time_rate           (GPtrArray     *complaints,
                                                  GDateTime     *from,
                                                  GDateTime     *to,
                                                  IocDueTimeFunc due_func,
                                                  gpointer       user_data,
                                                  IocRate       *rate);
guint       ioc_aggregate_count_overdue          (GPtrArray     *complaints,
                                                  GDateTime     *now,
                                                  IocDueTimeFunc due_func,
                                                  gpointer       user_data);
/* (transfer full): char * key → GUINT_TO_POINTER (count); "" for a missing value. */
GHashTable *ioc_aggregate_count_by               (GPtrArray     *complaints,
                                                  IocAggregateKey key,
                                                  GDateTime     *from,
                                                  GDateTime     *to);
/* (transfer full) (element-type IocTimeCount): one entry per bucket from the
 * one holding @from up to @to (excluded), zeros included. */
GArray     *ioc_aggregate_count_by_time          (GPtrArray     *complaints,
                                                  IocTimeBucket  bucket,
                                                  GDateTime     *from,
                                                  GDateTime     *to);
gint64      ioc_time_bucket_start                (gint64         unix_seconds,
                                                  IocTimeBucket  bucket);
/* (transfer full) (element-type IocDuplicatePair), sorted by (a, b). */
GArray     *ioc_aggregate_duplicate_candidates   (GPtrArray     *complaints);
gboolean    ioc_aggregate_median_time_to_resolve (GPtrArray     *complaints,
                                                  GDateTime     *from,
                                                  GDateTime     *to,
                                                  GTimeSpan     *median);

/* Great-circle distance in metres (mean Earth radius 6 371 008,8 m). */
double      ioc_haversine_m                      (double lat1,
                                                  double lon1,
                                                  double lat2,
                                                  double lon2);

#define IOC_DUPLICATE_MAX_DISTANCE_M 50.0
#define IOC_DUPLICATE_MAX_INTERVAL   (7 * G_TIME_SPAN_DAY)

G_END_DECLS
