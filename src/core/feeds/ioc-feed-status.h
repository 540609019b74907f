/* ioc-feed-status.h — how fresh a feed's data is, for every view to show
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "ioc-enums.h"

G_BEGIN_DECLS

/* feeds.md "General rules": a visible per-feed state. */
typedef enum {
  IOC_FEED_STATE_NONE,     /* no client has delivered anything yet */
  IOC_FEED_STATE_LIVE,     /* last poll succeeded */
  IOC_FEED_STATE_STALE,    /* last success older than 3 poll intervals */
  IOC_FEED_STATE_ERROR,    /* last poll failed; see the reason */
  IOC_FEED_STATE_OFFLINE,  /* no connection: showing cached data */
} IocFeedState;

typedef enum {
  IOC_FEED_KIND_COMPLAINTS,
  IOC_FEED_KIND_ENVIRONMENT,
  IOC_FEED_KIND_TTHC,
  IOC_N_FEED_KINDS /*< skip >*/
} IocFeedKind;


#define IOC_TYPE_FEED_STATUS (ioc_feed_status_get_type ())
G_DECLARE_FINAL_TYPE (IocFeedStatus, ioc_feed_status, IOC, FEED_STATUS, GObject)

IocFeedStatus *ioc_feed_status_new              (IocFeedKind    kind);
IocFeedKind    ioc_feed_status_get_kind         (IocFeedStatus *self);
const char    *ioc_feed_status_get_title        (IocFeedStatus *self);
IocFeedState   ioc_feed_status_get_state        (IocFeedStatus *self);
const char    *ioc_feed_status_get_reason       (IocFeedStatus *self);
GDateTime     *ioc_feed_status_get_last_success (IocFeedStatus *self);
void           ioc_feed_status_set_live         (IocFeedStatus *self,
                                                 GDateTime     *when);
void           ioc_feed_status_set_stale        (IocFeedStatus *self);
void           ioc_feed_status_set_error        (IocFeedStatus *self,
                                                 const char    *reason);
void           ioc_feed_status_set_offline      (IocFeedStatus *self,
                                                 GDateTime     *cached_at);

const char    *ioc_feed_kind_to_string          (IocFeedKind    kind);
gboolean       ioc_feed_kind_from_string        (const char    *name,
                                                 IocFeedKind   *kind);
const char    *ioc_feed_state_label             (IocFeedState   state);

G_END_DECLS
