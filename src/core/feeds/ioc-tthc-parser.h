/* ioc-tthc-parser.h — the project's TTHC statistics feed, version 1
 * (feeds.md §3): units.json, stats.json, daily.json, dossiers.json
 *
 * Pure functions over bytes, safe on worker threads. Invalid records are
 * skipped with a reason; a body that is not valid at all, or an error body
 * {code, message}, fails with a GError.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "ioc-tthc-dossier.h"
#include "ioc-tthc-stats.h"
#include "ioc-tthc-unit.h"

G_BEGIN_DECLS

typedef struct {
  guint       n_records;
  GPtrArray  *units;         /* IocTthcUnit (units.json) */
  GPtrArray  *stats;         /* IocTthcStats: one per unit (stats.json) or per day (daily.json) */
  GPtrArray  *dossiers;      /* IocTthcDossier (dossiers.json) */
  GDate       period_from;   /* stats/daily: the period served (cleared when absent) */
  GDate       period_to;
  GDateTime  *generated_at;  /* nullable */
  GPtrArray  *skipped;       /* char * */
  GPtrArray  *warnings;      /* char * */
} IocTthcResult;

void           ioc_tthc_result_free          (IocTthcResult  *result);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (IocTthcResult, ioc_tthc_result_free)

IocTthcResult *ioc_tthc_parse_units          (const char     *data,
                                              gsize           length,
                                              GError        **error);
/* Every count is required; a record whose parts exceed their wholes
 * (ioc_tthc_stats_check()) is skipped. */
IocTthcResult *ioc_tthc_parse_stats          (const char     *data,
                                              gsize           length,
                                              GError        **error);
/* Per-day records: from = to = the day; the services_* counts are optional. */
IocTthcResult *ioc_tthc_parse_daily          (const char     *data,
                                              gsize           length,
                                              GError        **error);
IocTthcResult *ioc_tthc_parse_dossiers       (const char     *data,
                                              gsize           length,
                                              GError        **error);

/* YYYY-MM-DD only (feeds.md §3 query and period format). */
gboolean       ioc_tthc_parse_date           (const char     *text,
                                              GDate          *date);

G_END_DECLS
