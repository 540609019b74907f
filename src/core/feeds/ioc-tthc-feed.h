/* ioc-tthc-feed.h — the TTHC statistics feed, version 1 (feeds.md §3)
 *
 * Each poll reads units.json, stats.json and daily.json for the period
 * ("period-days" days back from today, default 30) and the overdue and late
 * dossiers (dossiers.json, paged until a page is shorter than 100). Units
 * are merged into an IocTthcUnitListModel; the counts and dossiers replace
 * the previous ones together, after which "changed" is emitted.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ioc-feed-client.h"
#include "ioc-tthc-parser.h"
#include "ioc-tthc-unit-list-model.h"

G_BEGIN_DECLS

#define IOC_TYPE_TTHC_FEED (ioc_tthc_feed_get_type ())
G_DECLARE_FINAL_TYPE (IocTthcFeed, ioc_tthc_feed, IOC, TTHC_FEED, IocFeedClient)

/* Signal "changed": stats, daily counts and dossiers were replaced. */

/* @base_url: e.g. "https://host/tthc/v1/". */
IocTthcFeed          *ioc_tthc_feed_new                 (const char     *base_url,
                                                         IocFeedFetcher *fetcher,
                                                         IocFeedAdapter *adapter);
/* (transfer none) */
IocTthcUnitListModel *ioc_tthc_feed_get_units           (IocTthcFeed    *self);
/* (transfer none) (element-type IocTthcStats): per unit over the period */
GPtrArray            *ioc_tthc_feed_get_stats           (IocTthcFeed    *self);
/* (transfer none) (element-type IocTthcStats): per day, all units */
GPtrArray            *ioc_tthc_feed_get_daily           (IocTthcFeed    *self);
/* (transfer none) (element-type IocTthcDossier) */
GPtrArray            *ioc_tthc_feed_get_overdue         (IocTthcFeed    *self);
GPtrArray            *ioc_tthc_feed_get_late            (IocTthcFeed    *self);
guint                 ioc_tthc_feed_get_period_days     (IocTthcFeed    *self);
void                  ioc_tthc_feed_set_period_days     (IocTthcFeed    *self,
                                                         guint           days);
/* The local cache's copy (each array nullable, copied): offline until the
 * first successful poll. */
void                  ioc_tthc_feed_load_cached         (IocTthcFeed    *self,
                                                         GPtrArray      *units,
                                                         GPtrArray      *stats,
                                                         GPtrArray      *daily,
                                                         GPtrArray      *overdue,
                                                         GPtrArray      *late,
                                                         GDateTime      *cached_at);

G_END_DECLS
