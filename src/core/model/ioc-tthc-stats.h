/* ioc-tthc-stats.h — TTHC counts of one unit over one period: an element of
 * `stats.json` or `daily.json` (feeds.md §3). The QĐ 766 indicators are
 * computed from these counts (ioc-qd766.h).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* The count fields, in the order of feeds.md §3. */
typedef enum {
  IOC_TTHC_COUNT_SERVICES_TOTAL,
  IOC_TTHC_COUNT_SERVICES_PARTIAL_ONLINE,
  IOC_TTHC_COUNT_SERVICES_FULL_ONLINE,
  IOC_TTHC_COUNT_RECEIVED,
  IOC_TTHC_COUNT_RECEIVED_ONLINE,
  IOC_TTHC_COUNT_FINISHED_EARLY,
  IOC_TTHC_COUNT_FINISHED_ON_TIME,
  IOC_TTHC_COUNT_FINISHED_LATE,
  IOC_TTHC_COUNT_UNFINISHED_IN_TIME,
  IOC_TTHC_COUNT_UNFINISHED_OVERDUE,
  IOC_TTHC_COUNT_FEE_BEARING,
  IOC_TTHC_COUNT_PAID_ONLINE,
  IOC_TTHC_COUNT_RESULTS_ELECTRONIC,
  IOC_TTHC_COUNT_DIGITISED,
  IOC_TTHC_COUNT_REUSED_DIGITISED,
  IOC_TTHC_COUNT_SYNCED_NATIONAL,
  IOC_TTHC_COUNT_COMPLAINED_OR_DISLIKED,
  IOC_N_TTHC_COUNTS
} IocTthcCount;

typedef struct {
  char   *unit_id;   /* nullable: NULL for a total over several units */
  GDate   from;      /* period, both ends included; invalid (cleared) when unknown */
  GDate   to;
  guint64 services_total;
  guint64 services_partial_online;
  guint64 services_full_online;
  guint64 received;
  guint64 received_online;
  guint64 finished_early;
  guint64 finished_on_time;
  guint64 finished_late;
  guint64 unfinished_in_time;
  guint64 unfinished_overdue;
  guint64 fee_bearing;
  guint64 paid_online;
  guint64 results_electronic;
  guint64 digitised;
  guint64 reused_digitised;
  guint64 synced_national;
  guint64 complained_or_disliked;
} IocTthcStats;

#define IOC_TTHC_STATS_ERROR (ioc_tthc_stats_error_quark ())
typedef enum {
  IOC_TTHC_STATS_ERROR_INCONSISTENT,   /* a part exceeds its whole */
  IOC_TTHC_STATS_ERROR_PERIOD,         /* the period ends before it starts */
} IocTthcStatsError;
GQuark        ioc_tthc_stats_error_quark   (void);

#define IOC_TYPE_TTHC_STATS (ioc_tthc_stats_get_type ())
GType         ioc_tthc_stats_get_type      (void) G_GNUC_CONST;

/* All counts zero, period unset. */
IocTthcStats *ioc_tthc_stats_new           (const char         *unit_id);
IocTthcStats *ioc_tthc_stats_copy          (const IocTthcStats *stats);
void          ioc_tthc_stats_free          (IocTthcStats       *stats);
gboolean      ioc_tthc_stats_equal         (const IocTthcStats *a,
                                            const IocTthcStats *b);
void          ioc_tthc_stats_set_period    (IocTthcStats       *stats,
                                            const GDate        *from,
                                            const GDate        *to);

/* The JSON member name of a count ("received_online"), and back. */
const char   *ioc_tthc_count_to_string     (IocTthcCount        count);
gboolean      ioc_tthc_count_from_string   (const char         *name,
                                            IocTthcCount       *count);
guint64       ioc_tthc_stats_get_count     (const IocTthcStats *stats,
                                            IocTthcCount        count);
void          ioc_tthc_stats_set_count     (IocTthcStats       *stats,
                                            IocTthcCount        count,
                                            guint64             value);

/* finished_early + finished_on_time + finished_late */
guint64       ioc_tthc_stats_finished      (const IocTthcStats *stats);
/* unfinished_in_time + unfinished_overdue */
guint64       ioc_tthc_stats_unfinished    (const IocTthcStats *stats);

/* Adds every count of @other into @total (for province totals or a period
 * made of days); the period grows to cover both. */
void          ioc_tthc_stats_add           (IocTthcStats       *total,
                                            const IocTthcStats *other);

/* Checks that parts do not exceed their wholes (online ≤ received, partial +
 * full ≤ services…). A feed record failing this is skipped with the reason
 * (feeds.md "invalid records are skipped and counted with a reason"). */
gboolean      ioc_tthc_stats_check         (const IocTthcStats *stats,
                                            GError            **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (IocTthcStats, ioc_tthc_stats_free)

G_END_DECLS
