/* ioc-snapshot.c — the last validated payload of one feed resource
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "ioc-snapshot.h"

G_DEFINE_BOXED_TYPE (IocSnapshot, ioc_snapshot, ioc_snapshot_copy, ioc_snapshot_free)

/**
 * ioc_snapshot_new:
 * @feed: feed name
 * @key: (nullable): sub-resource key; %NULL means the feed itself ("")
 * @payload: the validated payload
 * @fetched_at: fetch time, µs since the epoch
 * @source_url: where it came from
 * @etag: (nullable): response ETag
 * @last_modified: (nullable): response Last-Modified
 *
 * Builds a snapshot for ioc_store_save_snapshot_async(); the conditional
 * request headers are kept so that the first poll after a start can still be
 * answered "304 Not Modified" (feeds.md, general rules).
 *
 * Returns: (transfer full): a new snapshot
 */
IocSnapshot *
ioc_snapshot_new (const char *feed,
                  const char *key,
                  GBytes     *payload,
                  gint64      fetched_at,
                  const char *source_url,
                  const char *etag,
                  const char *last_modified)
{
  IocSnapshot *self;

  g_return_val_if_fail (feed != NULL && *feed != '\0', NULL);
  g_return_val_if_fail (payload != NULL, NULL);

  self = g_new0 (IocSnapshot, 1);
  self->feed = g_strdup (feed);
  self->key = g_strdup (key != NULL ? key : "");
  self->payload = g_bytes_ref (payload);
  self->fetched_at = fetched_at;
  self->source_url = g_strdup (source_url != NULL ? source_url : "");
  self->etag = g_strdup (etag);
  self->last_modified = g_strdup (last_modified);
  return self;
}

/**
 * ioc_snapshot_copy:
 * @snapshot: a snapshot
 *
 * Returns: (transfer full): a deep copy
 */
IocSnapshot *
ioc_snapshot_copy (const IocSnapshot *snapshot)
{
  g_return_val_if_fail (snapshot != NULL, NULL);

  return ioc_snapshot_new (snapshot->feed, snapshot->key, snapshot->payload,
                           snapshot->fetched_at, snapshot->source_url,
                           snapshot->etag, snapshot->last_modified);
}

/**
 * ioc_snapshot_free:
 * @snapshot: (nullable): a snapshot
 *
 * Frees @snapshot.
 */
void
ioc_snapshot_free (IocSnapshot *snapshot)
{
  if (snapshot == NULL)
    return;
  g_free (snapshot->feed);
  g_free (snapshot->key);
  g_bytes_unref (snapshot->payload);
  g_free (snapshot->source_url);
  g_free (snapshot->etag);
  g_free (snapshot->last_modified);
  g_free (snapshot);
}
