/* ioc-feed-fetcher.h — one bounded, conditional, cancellable HTTP GET
 * (feeds.md "General rules")
 *
 *  - HTTPS with the system's certificate checks (never disabled); plain HTTP
 *    only to loopback hosts unless "allow-insecure-http" is set;
 *  - a per-request deadline ("timeout", default 30 s) over connecting,
 *    waiting and reading;
 *  - a maximum body size ("max-body-size", default 16 MiB) enforced while
 *    reading: the body is read in 64 KiB chunks and the request fails as soon
 *    as it grows past the limit, so a 100 MB answer is never buffered;
 *  - ETag / If-None-Match and Last-Modified / If-Modified-Since: a 304 gives
 *    a response with not_modified set and no body;
 *  - a GCancellable for shutdown.
 * Any HTTP status yields a response (error bodies carry the server's reason);
 * transport failures yield IOC_FEED_ERROR_* errors with operator-readable,
 * translated messages.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <libsoup/soup.h>

G_BEGIN_DECLS

typedef struct {
  char   *url;            /* the URL finally answered (after redirects) */
  guint   status;         /* HTTP status */
  gboolean not_modified;  /* 304 */
  GBytes *body;           /* nullable (304) */
  char   *content_type;   /* nullable */
  char   *etag;           /* nullable */
  char   *last_modified;  /* nullable */
} IocFeedResponse;

void ioc_feed_response_free (IocFeedResponse *response);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (IocFeedResponse, ioc_feed_response_free)

/* Reads a protocol's error body: %TRUE and @error set (IOC_FEED_ERROR_SERVER)
 * when @data is one, carrying the server's own reason. */
typedef gboolean (*IocFeedErrorBodyFunc) (const char  *data,
                                          gsize        length,
                                          GError     **error);

GError *ioc_feed_response_to_error (IocFeedResponse      *response,
                                    IocFeedErrorBodyFunc  read_error_body);

#define IOC_FEED_FETCHER_DEFAULT_TIMEOUT        30
#define IOC_FEED_FETCHER_DEFAULT_MAX_BODY_SIZE  (16 * 1024 * 1024)

#define IOC_TYPE_FEED_FETCHER (ioc_feed_fetcher_get_type ())
G_DECLARE_FINAL_TYPE (IocFeedFetcher, ioc_feed_fetcher, IOC, FEED_FETCHER, GObject)

/* @session (nullable): shared session; a private one is made otherwise. */
IocFeedFetcher  *ioc_feed_fetcher_new                   (SoupSession     *session);
SoupSession     *ioc_feed_fetcher_get_session           (IocFeedFetcher  *self);
guint            ioc_feed_fetcher_get_timeout           (IocFeedFetcher  *self);
void             ioc_feed_fetcher_set_timeout           (IocFeedFetcher  *self,
                                                         guint            seconds);
gsize            ioc_feed_fetcher_get_max_body_size     (IocFeedFetcher  *self);
void             ioc_feed_fetcher_set_max_body_size     (IocFeedFetcher  *self,
                                                         gsize            bytes);
gboolean         ioc_feed_fetcher_get_allow_insecure_http (IocFeedFetcher *self);
void             ioc_feed_fetcher_set_allow_insecure_http (IocFeedFetcher *self,
                                                         gboolean         allow);

/* feeds.md "plain HTTP allowed for loopback": FALSE with
 * IOC_FEED_ERROR_INSECURE for any other http URL, and for other schemes. */
gboolean         ioc_feed_fetcher_check_url             (IocFeedFetcher  *self,
                                                         const char      *url,
                                                         GError         **error);

/* @etag and @last_modified (nullable) make the request conditional. */
void             ioc_feed_fetcher_get_async             (IocFeedFetcher      *self,
                                                         const char          *url,
                                                         const char          *etag,
                                                         const char          *last_modified,
                                                         GCancellable        *cancellable,
                                                         GAsyncReadyCallback  callback,
                                                         gpointer             user_data);
IocFeedResponse *ioc_feed_fetcher_get_finish            (IocFeedFetcher  *self,
                                                         GAsyncResult    *result,
                                                         GError         **error);

G_END_DECLS
