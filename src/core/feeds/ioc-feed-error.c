/* ioc-feed-error.c — the feed error domain
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "ioc-feed-error.h"

G_DEFINE_QUARK (ioc-feed-error-quark, ioc_feed_error)
