/* ioc-feed-banner.h — a line under the header bar while a feed shows old data
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "ioc-feed-status.h"

G_BEGIN_DECLS

#define IOC_TYPE_FEED_BANNER (ioc_feed_banner_get_type ())
G_DECLARE_FINAL_TYPE (IocFeedBanner, ioc_feed_banner, IOC, FEED_BANNER, GtkWidget)

IocFeedBanner *ioc_feed_banner_new        (void);
/* Watches @status (kept alive by the banner). */
void           ioc_feed_banner_add_status (IocFeedBanner *self,
                                           IocFeedStatus *status);
/* The text shown, or NULL while every feed is live (tests). */
const char    *ioc_feed_banner_get_text   (IocFeedBanner *self);

G_END_DECLS
