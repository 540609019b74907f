/* ioc-pipeline.h — the live data pipeline: three feed clients, the store and
 * the outbox sender, configured together
 *
 * Display-free, so that the dashboard, `ioc-cli export` and the tests run
 * the same pipeline. Data flows one way: feed → parse (worker thread) →
 * models; operator actions flow back through the store's outbox.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "ioc-complaints-feed.h"
#include "ioc-environment-feed.h"
#include "ioc-feed-status.h"
#include "ioc-outbox-sender.h"
#include "ioc-store.h"
#include "ioc-tthc-feed.h"

G_BEGIN_DECLS

#define IOC_TYPE_PIPELINE (ioc_pipeline_get_type ())
G_DECLARE_FINAL_TYPE (IocPipeline, ioc_pipeline, IOC, PIPELINE, GObject)

/* Snapshots for the offline start (issue "Live data pipeline"; codec in
 * ioc-snapshot-codec.h). With a store:
 *  - when the store is set, the last snapshot of each feed is loaded,
 *    decoded on a worker thread and put into the feed's models with the
 *    state "offline (cached data from X)" — unless that feed already
 *    delivered live data. Signal "cache-loaded" (guint kind, gboolean shown)
 *    follows for each feed, shown FALSE when there was nothing to show;
 *  - after each successful poll the feed's snapshot is written, only when
 *    the model changed, serialized on a worker thread from copies that the
 *    main thread makes in slices of a few milliseconds. Signal
 *    "snapshot-saved" (guint kind) follows each write. */

IocPipeline        *ioc_pipeline_new             (IocStore      *store);
IocStore           *ioc_pipeline_get_store       (IocPipeline   *self);
void                ioc_pipeline_set_store       (IocPipeline   *self,
                                                  IocStore      *store);
IocFeedClient      *ioc_pipeline_get_client      (IocPipeline   *self,
                                                  IocFeedKind    kind);
IocFeedStatus      *ioc_pipeline_get_status      (IocPipeline   *self,
                                                  IocFeedKind    kind);
IocComplaintsFeed  *ioc_pipeline_get_complaints  (IocPipeline   *self);
IocEnvironmentFeed *ioc_pipeline_get_environment (IocPipeline   *self);
IocTthcFeed        *ioc_pipeline_get_tthc        (IocPipeline   *self);
IocOutboxSender    *ioc_pipeline_get_outbox_sender (IocPipeline *self);

void                ioc_pipeline_set_feed        (IocPipeline   *self,
                                                  IocFeedKind    kind,
                                                  const char    *url,
                                                  guint          poll_interval);
void                ioc_pipeline_set_api_key     (IocPipeline   *self,
                                                  const char    *api_key);
void                ioc_pipeline_start           (IocPipeline   *self);
void                ioc_pipeline_stop            (IocPipeline   *self);
gboolean            ioc_pipeline_get_running     (IocPipeline   *self);
/* TRUE once the store's snapshot of @kind was loaded (or found missing). */
gboolean            ioc_pipeline_get_cache_loaded (IocPipeline  *self,
                                                   IocFeedKind   kind);
/* TRUE while a snapshot of @kind is being written. */
gboolean            ioc_pipeline_get_saving      (IocPipeline   *self,
                                                  IocFeedKind    kind);

G_END_DECLS
