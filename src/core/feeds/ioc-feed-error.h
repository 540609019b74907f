/* ioc-feed-error.h — why a feed request or a feed body failed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define IOC_FEED_ERROR (ioc_feed_error_quark ())

/* Every message attached to these codes is an English source string marked
 * for translation: it is shown to the operator as the feed's error reason
 * (feeds.md "General rules": *error* with the reason). */
typedef enum {
  IOC_FEED_ERROR_INVALID,        /* the body is not a valid document at all */
  IOC_FEED_ERROR_UNEXPECTED,     /* valid syntax, but not the expected shape */
  IOC_FEED_ERROR_SERVER,         /* the server answered with an error body or status */
  IOC_FEED_ERROR_TOO_LARGE,      /* the body exceeded the maximum size */
  IOC_FEED_ERROR_TIMEOUT,        /* no complete answer within the timeout */
  IOC_FEED_ERROR_NETWORK,        /* connection failed */
  IOC_FEED_ERROR_INSECURE,       /* plain HTTP to a non-loopback host, bad TLS */
  IOC_FEED_ERROR_CANCELLED,      /* shut down */
} IocFeedError;

GQuark ioc_feed_error_quark (void);

G_END_DECLS
