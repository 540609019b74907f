/* ioc-feed-indicator.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "ioc-feed-status.h"

G_BEGIN_DECLS

#define IOC_TYPE_FEED_INDICATOR (ioc_feed_indicator_get_type ())
G_DECLARE_FINAL_TYPE (IocFeedIndicator, ioc_feed_indicator, IOC, FEED_INDICATOR, GtkWidget)

GtkWidget     *ioc_feed_indicator_new        (IocFeedStatus    *status);
IocFeedStatus *ioc_feed_indicator_get_status (IocFeedIndicator *self);

G_END_DECLS
