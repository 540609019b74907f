/* ioc-complaints-feed.h — the complaints feed: Open311 GeoReport v2 with the
 * project's extensions (feeds.md §1)
 *
 * First sync: services, then requests in windows of at most 90 days
 * ("history-days" back from now), each window paged with page/page_size
 * until a page is shorter than page_size. Later polls are incremental:
 * servicerequestupdates since the last sync (applied in place to the
 * complaints they name; unknown ones are fetched with requests/{id}) and
 * requests created since then. A server without the updates channel (404)
 * gets a full windowed sync on every poll. JSON is asked for first; when
 * the server has no .json endpoints (404, 406, 415, 501 on the first
 * request) the client switches to .xml.
 *
 * The complaints live in an IocComplaintListModel that is merged, never
 * rebuilt: existing IocComplaint objects are updated in place.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ioc-complaint-list-model.h"
#include "ioc-feed-client.h"
#include "ioc-open311-parser.h"

G_BEGIN_DECLS

#define IOC_TYPE_COMPLAINTS_FEED (ioc_complaints_feed_get_type ())
G_DECLARE_FINAL_TYPE (IocComplaintsFeed, ioc_complaints_feed, IOC, COMPLAINTS_FEED, IocFeedClient)

/* @base_url: the Open311 endpoint, e.g. "https://host/open311/v2/".
 * @fetcher, @adapter (nullable): shared ones, or defaults. */
IocComplaintsFeed     *ioc_complaints_feed_new              (const char        *base_url,
                                                             IocFeedFetcher    *fetcher,
                                                             IocFeedAdapter    *adapter);
/* (transfer none) */
IocComplaintListModel *ioc_complaints_feed_get_model        (IocComplaintsFeed *self);
/* (transfer none) (element-type IocOpen311Service): the last services list */
GPtrArray             *ioc_complaints_feed_get_services     (IocComplaintsFeed *self);
IocOpen311Format       ioc_complaints_feed_get_format       (IocComplaintsFeed *self);
guint                  ioc_complaints_feed_get_page_size    (IocComplaintsFeed *self);
void                   ioc_complaints_feed_set_page_size    (IocComplaintsFeed *self,
                                                             guint              page_size);
guint                  ioc_complaints_feed_get_history_days (IocComplaintsFeed *self);
void                   ioc_complaints_feed_set_history_days (IocComplaintsFeed *self,
                                                             guint              days);
/* What a refresh of one complaint did to the model. */
typedef enum {
  IOC_COMPLAINT_REFRESH_UNCHANGED,  /* the model already held that version (or a later one) */
  IOC_COMPLAINT_REFRESH_UPDATED,    /* the server's version was merged in place */
  IOC_COMPLAINT_REFRESH_GONE,       /* the server does not have it (404): left as it was */
} IocComplaintRefresh;

/* requests/{id} again: the server's current version of one complaint,
 * merged into the model in place (after an operator action). */
void                   ioc_complaints_feed_refresh_async    (IocComplaintsFeed   *self,
                                                             const char          *id,
                                                             GCancellable        *cancellable,
                                                             GAsyncReadyCallback  callback,
                                                             gpointer             user_data);
gboolean               ioc_complaints_feed_refresh_finish   (IocComplaintsFeed   *self,
                                                             GAsyncResult        *result,
                                                             IocComplaintRefresh *outcome,
                                                             GError             **error);
/* Fills the model from the local cache (state offline until the next success). */
void                   ioc_complaints_feed_load_cached      (IocComplaintsFeed *self,
                                                             GPtrArray         *complaints,
                                                             GDateTime         *cached_at);

G_END_DECLS
