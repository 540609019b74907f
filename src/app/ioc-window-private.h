/* ioc-window-private.h — for the UI tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ioc-feed-banner.h"
#include "ioc-window.h"

G_BEGIN_DECLS

AdwViewStack  *ioc_window_get_stack       (IocWindow *self);
IocFeedBanner *ioc_window_get_feed_banner (IocWindow *self);

G_END_DECLS
