/* ioc-feed-backoff.h — exponential back-off with full jitter after failures
 * (feeds.md "General rules")
 *
 * The n-th consecutive failure waits a uniformly random time in
 * [0, min(max, base × 2^n)] ("full jitter"), so that many clients that
 * failed together do not retry together. With a non-zero seed the sequence
 * is deterministic (tests).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _IocFeedBackoff IocFeedBackoff;

IocFeedBackoff *ioc_feed_backoff_new          (guint           base_ms,
                                               guint           max_ms,
                                               guint32         seed);
void            ioc_feed_backoff_free         (IocFeedBackoff *backoff);
/* The delay before the next attempt, and counts one more failure. */
guint           ioc_feed_backoff_next_delay   (IocFeedBackoff *backoff);
/* The ceiling the next delay is drawn under (for display and tests). */
guint           ioc_feed_backoff_peek_ceiling (IocFeedBackoff *backoff);
guint           ioc_feed_backoff_get_failures (IocFeedBackoff *backoff);
/* After a success. */
void            ioc_feed_backoff_reset        (IocFeedBackoff *backoff);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (IocFeedBackoff, ioc_feed_backoff_free)

G_END_DECLS
