/* ioc-snapshot.h — the last validated payload of one feed resource
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define IOC_TYPE_SNAPSHOT (ioc_snapshot_get_type ())

/**
 * IocSnapshot:
 * @feed: feed name: "complaints", "environment" or "tthc"
 * @key: sub-resource inside the feed ("" for the feed itself, "stats", "units"…)
 * @payload: the raw payload bytes exactly as validated after the fetch
 * @fetched_at: when the payload was fetched (GLib real time, µs since the epoch, UTC)
 * @source_url: the URL it came from
 * @etag: (nullable): the ETag of the response, for If-None-Match (feeds.md, general rules)
 * @last_modified: (nullable): the Last-Modified of the response, for If-Modified-Since
 *
 * What the app shows, marked offline, before the network answers.
 * The fields are read-only once the snapshot is built.
 */
typedef struct {
  char   *feed;
  char   *key;
  GBytes *payload;
  gint64  fetched_at;
  char   *source_url;
  char   *etag;
  char   *last_modified;
} IocSnapshot;

GType        ioc_snapshot_get_type (void) G_GNUC_CONST;
IocSnapshot *ioc_snapshot_new      (const char  *feed,
                                    const char  *key,
                                    GBytes      *payload,
                                    gint64       fetched_at,
                                    const char  *source_url,
                                    const char  *etag,
                                    const char  *last_modified);
IocSnapshot *ioc_snapshot_copy     (const IocSnapshot *snapshot);
void         ioc_snapshot_free     (IocSnapshot *snapshot);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (IocSnapshot, ioc_snapshot_free)

G_END_DECLS
