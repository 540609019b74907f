/* ioc-environment-feed.h — the environment feed: OGC SensorThings API 1.1
 * (feeds.md §2)
 *
 * A full sync (the first poll, then every "metadata-every" polls) reads the
 * stations with `Things?$expand=Locations,Datastreams($expand=ObservedProperty)`
 * following @iot.nextLink (and the nested Datastreams@iot.nextLink of a Thing
 * whose inline list was cut short), then the latest value of every datastream
 * with `Datastreams?$expand=Observations($orderby=phenomenonTime desc;$top=1)`.
 * The polls in between are incremental: per datastream,
 * `Datastreams(ID)/Observations?$filter=phenomenonTime gt T&$orderby=phenomenonTime asc&$top=1000`
 * with T its latest phenomenon time. New observations move each datastream's
 * "latest" and are announced with the "observations" signal (for history).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ioc-feed-client.h"
#include "ioc-sta-parser.h"
#include "ioc-station-list-model.h"

G_BEGIN_DECLS

#define IOC_TYPE_ENVIRONMENT_FEED (ioc_environment_feed_get_type ())
G_DECLARE_FINAL_TYPE (IocEnvironmentFeed, ioc_environment_feed, IOC, ENVIRONMENT_FEED, IocFeedClient)

/* Signal "observations" (IocDatastream *datastream, GPtrArray *observations):
 * new observations of a datastream, oldest first, in its own unit. */

/* @base_url: the SensorThings root, e.g. "https://host/sta/v1.1/". */
IocEnvironmentFeed  *ioc_environment_feed_new                (const char         *base_url,
                                                              IocFeedFetcher     *fetcher,
                                                              IocFeedAdapter     *adapter);
/* (transfer none) */
IocStationListModel *ioc_environment_feed_get_model          (IocEnvironmentFeed *self);
/* (transfer none) (nullable): the datastream with @iot.id @id, any station */
IocDatastream       *ioc_environment_feed_find_datastream    (IocEnvironmentFeed *self,
                                                              const char         *id);
guint                ioc_environment_feed_get_metadata_every (IocEnvironmentFeed *self);
void                 ioc_environment_feed_set_metadata_every (IocEnvironmentFeed *self,
                                                              guint               polls);
void                 ioc_environment_feed_load_cached        (IocEnvironmentFeed *self,
                                                              GPtrArray          *stations,
                                                              GDateTime          *cached_at);

G_END_DECLS
