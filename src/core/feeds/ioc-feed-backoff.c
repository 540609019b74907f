/* ioc-feed-backoff.c — exponential back-off with full jitter
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "ioc-feed-backoff.h"

struct _IocFeedBackoff
{
  guint  base_ms;
  guint  max_ms;
  guint  failures;
  GRand *rand;
};

IocFeedBackoff *
ioc_feed_backoff_new (guint   base_ms,
                      guint   max_ms,
                      guint32 seed)
{
  IocFeedBackoff *backoff = g_new0 (IocFeedBackoff, 1);

  backoff->base_ms = MAX (base_ms, 1);
  backoff->max_ms = MAX (max_ms, backoff->base_ms);
  backoff->rand = seed != 0 ? g_rand_new_with_seed (seed) : g_rand_new ();
  return backoff;
}

void
ioc_feed_backoff_free (IocFeedBackoff *backoff)
{
  if (backoff == NULL)
    return;
  g_rand_free (backoff->rand);
  g_free (backoff);
}

guint
ioc_feed_backoff_peek_ceiling (IocFeedBackoff *backoff)
{
  guint64 ceiling = backoff->base_ms;

  /* Doubling stops at the cap; no overflow for any failure count. */
  for (guint i = 0; i < backoff->failures && ceiling < backoff->max_ms; i++)
    ceiling *= 2;
  return (guint) MIN (ceiling, (guint64) backoff->max_ms);
}

guint
ioc_feed_backoff_next_delay (IocFeedBackoff *backoff)
{
  guint ceiling = ioc_feed_backoff_peek_ceiling (backoff);

  if (backoff->failures < G_MAXUINT)
    backoff->failures++;
  /* g_rand_int_range's end is exclusive. */
  return (guint) g_rand_int_range (backoff->rand, 0, (gint32) MIN (ceiling, (guint) G_MAXINT32 - 1) + 1);
}

guint
ioc_feed_backoff_get_failures (IocFeedBackoff *backoff)
{
  return backoff->failures;
}

void
ioc_feed_backoff_reset (IocFeedBackoff *backoff)
{
  backoff->failures = 0;
}
