/* ioc-feed-client.h — what every feed client shares: polling, back-off,
 * conditional requests, parsing on a worker thread and the visible state
 * (feeds.md "General rules")
 *
 * A subclass implements poll(): it fetches with ioc_feed_client_fetch_async(),
 * parses with ioc_feed_client_parse_async() (a worker thread; the result comes
 * back on the main context), updates its models on the main thread, and calls
 * ioc_feed_client_poll_done() exactly once. The base class then
 *  - on success: resets the back-off, sets the status live, polls again after
 *    "poll-interval" seconds;
 *  - on failure: keeps the last good data, sets the status to error with the
 *    reason, retries after an exponential back-off with full jitter;
 *  - marks the status stale when the last success is older than 3 poll
 *    intervals;
 *  - on ioc_feed_client_stop() (shutdown) cancels whatever is in flight.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "ioc-feed-adapter.h"
#include "ioc-feed-fetcher.h"
#include "ioc-feed-status.h"

G_BEGIN_DECLS

/* Runs on a worker thread: must only read @body and @data. */
typedef gpointer (*IocFeedParseFunc) (GBytes    *body,
                                      gpointer   data,
                                      GError   **error);

#define IOC_TYPE_FEED_CLIENT (ioc_feed_client_get_type ())
G_DECLARE_DERIVABLE_TYPE (IocFeedClient, ioc_feed_client, IOC, FEED_CLIENT, GObject)

struct _IocFeedClientClass
{
  GObjectClass parent_class;

  void (*poll) (IocFeedClient *self,
                GCancellable  *cancellable);

  gpointer padding[4];
};

/* Properties: "kind" (IocFeedKind, construct-only), "status" (IocFeedStatus,
 * read-only: bind the header indicators to its properties), "base-url",
 * "poll-interval" (seconds, default 60), "fetcher", "adapter", "running".
 * Signal "poll-finished" (gboolean success): after every poll attempt. */

IocFeedStatus  *ioc_feed_client_get_status        (IocFeedClient *self);
GPtrArray      *ioc_feed_client_get_skipped       (IocFeedClient *self);
const char     *ioc_feed_client_get_base_url      (IocFeedClient *self);
void            ioc_feed_client_set_base_url      (IocFeedClient *self,
                                                   const char    *base_url);
guint           ioc_feed_client_get_poll_interval (IocFeedClient *self);
void            ioc_feed_client_set_poll_interval (IocFeedClient *self,
                                                   guint          seconds);
IocFeedFetcher *ioc_feed_client_get_fetcher       (IocFeedClient *self);
IocFeedAdapter *ioc_feed_client_get_adapter       (IocFeedClient *self);
gboolean        ioc_feed_client_get_running       (IocFeedClient *self);

/* Polls now, then every poll interval, until stopped. */
void            ioc_feed_client_start             (IocFeedClient *self);
/* Cancels the poll in flight and all timers (shutdown). */
void            ioc_feed_client_stop              (IocFeedClient *self);
/* An extra poll now (ignored while one is in flight). */
void            ioc_feed_client_poll_now          (IocFeedClient *self);
/* The models were filled from the local cache written at @cached_at: the
 * state is offline until the first successful poll. */
void            ioc_feed_client_show_cached       (IocFeedClient *self,
                                                   GDateTime     *cached_at);
/* Back-off tuning (tests use a seed and short delays). */
void            ioc_feed_client_set_backoff       (IocFeedClient *self,
                                                   guint          base_ms,
                                                   guint          max_ms,
                                                   guint32        seed);

/* For subclasses. @path_and_query is appended to the base URL (which is
 * given a trailing '/'). */
char           *ioc_feed_client_build_url         (IocFeedClient *self,
                                                   const char    *path_and_query);
void            ioc_feed_client_fetch_async       (IocFeedClient       *self,
                                                   const char          *url,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);
IocFeedResponse *ioc_feed_client_fetch_finish     (IocFeedClient  *self,
                                                   GAsyncResult   *result,
                                                   GError        **error);
void            ioc_feed_client_parse_async       (IocFeedClient       *self,
                                                   GBytes              *body,
                                                   IocFeedParseFunc     func,
                                                   gpointer             data,
                                                   GDestroyNotify       data_free,
                                                   GDestroyNotify       result_free,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);
gpointer        ioc_feed_client_parse_finish      (IocFeedClient  *self,
                                                   GAsyncResult   *result,
                                                   GError        **error);
void            ioc_feed_client_poll_done         (IocFeedClient *self,
                                                   const GError  *error);
void            ioc_feed_client_add_skipped       (IocFeedClient *self,
                                                   GPtrArray     *reasons);

G_END_DECLS
